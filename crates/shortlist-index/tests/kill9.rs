//! A real crash test: a child process (this test binary re-run in child
//! mode) writes and commits in a loop and is killed with SIGKILL at an
//! arbitrary moment. The index must open as of its last commit, and the
//! writer lock left behind must not block the next writer.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use shortlist_index::{CandidateDoc, SearchOptions, TalentIndex};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const CHILD_ENV: &str = "SHORTLIST_INDEX_KILL9_CHILD";
const BATCH: usize = 50;
const TEST_NAME: &str = "kill9_mid_write_keeps_last_commit_and_frees_the_lock";

fn doc(n: usize) -> CandidateDoc {
    CandidateDoc {
        id: format!("{n:064x}"),
        file: format!("cv/{n:06}.pdf"),
        size: n as u64,
        mtime: 1_700_000_000,
        name: format!("Candidate {n}"),
        email: String::new(),
        phone: String::new(),
        text: format!(
            "Candidate {n} builds Kafka pipelines and runs Kubernetes. {}",
            "filler ".repeat(200)
        ),
        skills: vec!["Kafka".into(), "Kubernetes".into()],
        years_experience: (n % 20) as f64,
        claimed_years: None,
        score: 50.0,
        role: String::new(),
        status: "ok".into(),
        reason: String::new(),
        indexed_at: 0,
    }
}

/// Child mode: commit batches forever, announcing the first commit.
fn child(dir: &Path) -> TestResult {
    let index = TalentIndex::open_or_create(dir)?;
    let mut w = index.writer(20_000_000)?;
    let mut n = 0;
    loop {
        for _ in 0..BATCH {
            w.upsert(&doc(n))?;
            n += 1;
        }
        w.commit()?;
        if n == BATCH {
            std::fs::write(dir.join("first-commit-done"), b"")?;
        }
    }
}

#[test]
fn kill9_mid_write_keeps_last_commit_and_frees_the_lock() -> TestResult {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        return child(Path::new(&dir));
    }
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("index");
    std::fs::create_dir_all(&dir)?;
    let mut proc = Command::new(std::env::current_exe()?)
        .args(["--exact", TEST_NAME, "--test-threads=1"])
        .env(CHILD_ENV, &dir)
        .spawn()?;
    let start = Instant::now();
    while !dir.join("first-commit-done").exists() {
        if start.elapsed() > Duration::from_secs(120) {
            proc.kill()?;
            return Err("child never committed".into());
        }
        if let Some(status) = proc.try_wait()? {
            return Err(format!("child exited early: {status}").into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it get into the middle of later batches/commits, then SIGKILL.
    std::thread::sleep(Duration::from_millis(700));
    proc.kill()?;
    proc.wait()?;
    assert!(
        dir.join(".tantivy-writer.lock").exists(),
        "lock file is left behind"
    );

    let index = TalentIndex::open(&dir)?;
    let n = index.num_docs() as usize;
    assert!(
        n >= BATCH && n.is_multiple_of(BATCH),
        "{n} docs is not a whole number of commits"
    );
    let hits = index.search_str(
        "kafka kubernetes",
        &|_| None,
        &SearchOptions {
            limit: n + 10,
            ..SearchOptions::default()
        },
    )?;
    assert_eq!(hits.len(), n);
    assert_eq!(index.manifest()?.len(), n);

    // The dead child's lock does not block us; re-running completes the work.
    let mut w = index.writer(20_000_000)?;
    for i in n..n + BATCH {
        w.upsert(&doc(i))?;
    }
    w.commit()?;
    w.finish()?;
    assert_eq!(index.num_docs() as usize, n + BATCH);
    Ok(())
}
