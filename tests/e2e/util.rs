//! Helpers shared by the end-to-end tests.

use assert_cmd::Command;
use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared corpus beside the repository, if present.
pub fn shared_corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// A `shortlist` command.
pub fn shortlist() -> Command {
    Command::cargo_bin("shortlist").expect("the shortlist binary is built for tests")
}

/// Runs `shortlist` and parses its stdout as JSON lines.
pub fn jsonl(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Writes `n` copies of a fixture PDF into `dir` as `cv-NNN.pdf`, each made distinct by a
/// trailing PDF comment so that none is skipped as a duplicate.
pub fn distinct_pdf_copies(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let source =
        std::fs::read(repo().join("fixtures/latex-senior-lead/resume.pdf")).expect("fixture");
    for i in 0..n {
        let mut bytes = source.clone();
        bytes.extend_from_slice(format!("\n%copy {i}\n").as_bytes());
        std::fs::write(dir.join(format!("cv-{i:03}.pdf")), bytes).expect("write copy");
    }
}

/// The child processes of `pid` (its PDF workers): every process whose parent it is, from
/// the `ppid` field of `/proc/*/stat` (kernels without `CONFIG_PROC_CHILDREN` have no
/// `children` file).
pub fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return out;
    };
    for entry in procs.flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the parenthesised command name: state, ppid, ...
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// Whether a process is still running (not gone, not a zombie waiting to be reaped).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the parenthesised command name, which may itself hold spaces.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
}

/// Asserts a finished command's exit code, showing its stderr when it differs.
pub fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
