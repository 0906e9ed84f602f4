//! `shortlist index`, `search` and `export` on the fixtures, including a kill -9 mid-index.

use crate::util::{distinct_pdf_copies, jsonl, repo, shortlist};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn index(paths: &[&Path], dir: &Path, extra: &[&str]) -> std::process::Output {
    shortlist()
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(dir)
        .args(["--as-of", "2026-11-23"])
        .args(extra)
        .output()
        .expect("run index")
}

/// The fixture slugs (folder names) of the hits, sorted.
fn search(dir: &Path, query: &str, extra: &[&str]) -> Vec<String> {
    let out = shortlist()
        .args([
            "search", query, "--format", "jsonl", "--limit", "100", "--index",
        ])
        .arg(dir)
        .args(extra)
        .output()
        .expect("run search");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut slugs: Vec<String> = jsonl(&out.stdout)
        .iter()
        .map(|h| {
            let file = h["file"].as_str().expect("file");
            Path::new(file)
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn queries_return_exactly_the_expected_fixtures() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("idx");
    let fixtures = repo().join("fixtures");
    let out = index(&[&fixtures], &dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the encrypted and scanned fixtures fail"
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains(
            "8 added, 0 updated, 0 unchanged, 0 removed, 2 failed (1 no_text, 1 encrypted)"
        ),
        "{summary}"
    );

    // Aliases go through the keyword lists: k8s is Kubernetes.
    let kubernetes = [
        "docx-java-table",
        "latex-senior-lead",
        "libreoffice-french-cjk",
        "libreoffice-hr-recruiter",
    ];
    assert_eq!(search(&dir, "k8s", &[]), kubernetes);
    assert_eq!(search(&dir, "skill:kubernetes", &[]), kubernetes);
    assert_eq!(search(&dir, "\"led a team\"", &[]), ["latex-senior-lead"]);
    assert_eq!(search(&dir, "python -django", &[]), ["latex-senior-lead"]);
    assert_eq!(
        search(&dir, "(kafka OR rabbitmq) AND NOT go", &[]),
        ["docx-java-table"]
    );
    assert_eq!(search(&dir, "name:wojcik", &[]), ["docx-java-table"]);
    assert_eq!(
        search(&dir, "email:mallory.formula@example.com", &[]),
        ["csv-injection"]
    );
    let senior = [
        "docx-java-table",
        "latex-senior-lead",
        "libreoffice-french-cjk",
        "libreoffice-hr-recruiter",
    ];
    assert_eq!(search(&dir, "years:>=10", &[]), senior);
    assert_eq!(search(&dir, "postgres", &["--min-years", "10"]), senior);
    assert_eq!(
        search(&dir, "postgres", &["--skill", "k8s", "--min-years", "12"]),
        [
            "latex-senior-lead",
            "libreoffice-french-cjk",
            "libreoffice-hr-recruiter"
        ]
    );

    // A second run skips every file by size and mtime.
    let again = index(&[&fixtures], &dir, &[]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 added, 0 updated, 10 unchanged"));

    // The bulk export has an action line and a document per indexed file.
    let export = shortlist()
        .args(["export", "--format", "es-bulk", "--index"])
        .arg(&dir)
        .output()
        .expect("export");
    let lines = jsonl(&export.stdout);
    assert_eq!(lines.len(), 20);
    assert!(
        lines[0]["index"]["_id"]
            .as_str()
            .is_some_and(|id| id.len() == 64)
    );
}

#[test]
fn bad_query_and_missing_index_are_usage_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("idx");
    let out = shortlist()
        .args(["search", "kafka", "--index"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("shortlist index"),
        "says how to create it"
    );
    index(&[&repo().join("fixtures/txt-junior-node")], &dir, &[]);
    let out = shortlist()
        .args(["search", "kafka AND (", "--index"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("column 12"), "{err}");
    let out = shortlist()
        .args(["search", "\"unclosed phrase", "--index"])
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn kill_9_mid_index_leaves_a_searchable_index_and_a_rerun_completes_it() {
    interrupt_mid_index("KILL");
}

#[test]
fn ctrl_c_mid_index_exits_promptly_and_leaves_a_searchable_index() {
    interrupt_mid_index("INT");
}

/// Starts `index` over 300 distinct PDFs, sends `signal` after its first commit, and checks
/// that the index opens as of that commit and that a rerun completes it.
fn interrupt_mid_index(signal: &str) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pool = tmp.path().join("pool");
    let n = 300;
    distinct_pdf_copies(&pool, n);
    let dir = tmp.path().join("idx");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shortlist"))
        .arg("index")
        .arg(&pool)
        .arg("--index")
        .arg(&dir)
        .args(["--commit-every", "20", "--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index");
    // Wait for the first commit to be announced, then kill without warning.
    let mut stderr = child.stderr.take().expect("stderr");
    // Keep reading to the end (a closed stderr would be a different test), but say as soon as
    // the first commit is announced.
    let committed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&committed);
    let reader = std::thread::spawn(move || {
        use std::io::Read;
        let mut seen = String::new();
        let mut buf = [0u8; 256];
        while let Ok(k) = stderr.read(&mut buf) {
            if k == 0 {
                break;
            }
            seen.push_str(&String::from_utf8_lossy(&buf[..k]));
            if seen.contains("committed") {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
        seen
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while !committed.load(std::sync::atomic::Ordering::SeqCst)
        && !reader.is_finished()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    let signalled = Instant::now();
    let sent = std::process::Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success(), "kill -s {signal}");
    let status = child.wait().expect("reap");
    assert!(
        signalled.elapsed() < Duration::from_secs(5),
        "SIG{signal} took {:?} to stop the run",
        signalled.elapsed()
    );
    if signal == "INT" {
        assert_eq!(status.code(), Some(130), "Ctrl-C exits with 130");
    }
    let seen = reader.join().expect("reader");
    assert!(
        seen.contains("committed"),
        "no commit before the kill: {seen}"
    );

    let count = || {
        let out = shortlist()
            .args([
                "search", "kafka", "--format", "jsonl", "--limit", "1000", "--index",
            ])
            .arg(&dir)
            .output()
            .expect("search");
        assert_eq!(
            out.status.code(),
            Some(0),
            "the index opens: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        jsonl(&out.stdout).len()
    };
    let partial = count();
    assert!(
        partial >= 20 && partial < n,
        "searchable as of the last commit: {partial} hits"
    );
    let out = index(&[&pool], &dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{partial} unchanged")));
    assert_eq!(count(), n, "the rerun completed the index");
}
