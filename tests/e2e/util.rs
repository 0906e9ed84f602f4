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
