//! `shortlist extract` on hostile files and on the fixtures.

use crate::util::{jsonl, shared_corpus, shortlist};
use std::collections::HashMap;
use std::path::PathBuf;

/// Statuses acceptable for each `expected_status` of the hostile MANIFEST.
fn acceptable(expected: &str, file: &str) -> Vec<&'static str> {
    match expected {
        "ok" => vec!["ok"],
        "no_text" => vec!["no_text"],
        "encrypted" => vec!["encrypted"],
        // The manifest allows `unsupported` for random bytes named .pdf.
        "corrupt" if file == "random_bytes.pdf" => vec!["corrupt", "unsupported"],
        "corrupt" => vec!["corrupt"],
        "unsupported" => vec!["unsupported"],
        "empty_file" => vec!["empty_file"],
        // pdftotext reads the text of the Tj bomb inside the limits; that is the better status.
        "timeout_or_limit" if file == "tj_cpu_bomb_6m.pdf" => vec!["timeout", "too_large", "ok"],
        "timeout_or_limit" => vec!["timeout", "too_large"],
        other => panic!("unknown expected status {other}"),
    }
}

fn unescape_manifest_name(name: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = Vec::new();
    let raw = name.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && raw.get(i + 1) == Some(&b'x') && i + 3 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 2..i + 4]).expect("ascii hex");
            bytes.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 4;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[test]
fn hostile_files_get_the_expected_status() {
    let Some(corpus) = shared_corpus() else {
        eprintln!("skipped: ../shared/corpus is not beside the repository");
        return;
    };
    let hostile = corpus.join("hostile");
    let mut reader = csv::Reader::from_path(hostile.join("MANIFEST.csv")).expect("manifest");
    let mut expected = HashMap::new();
    let mut files = Vec::new();
    for row in reader.records() {
        let row = row.expect("manifest row");
        let path = hostile.join(unescape_manifest_name(&row[0]));
        expected.insert(
            shortlist_ingest::walk::display_path(&path),
            (row[0].to_string(), row[3].to_string()),
        );
        files.push(path);
    }
    let output = shortlist()
        .arg("extract")
        .arg("--format")
        .arg("jsonl")
        .args(&files)
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(1),
        "some hostile files fail, so exit 1"
    );
    let rows = jsonl(&output.stdout);
    assert_eq!(rows.len(), files.len(), "every file reported exactly once");
    for row in rows {
        let file = row["file"].as_str().expect("file");
        let status = row["status"].as_str().expect("status");
        let (name, want) = &expected[file];
        let ok = acceptable(want, name);
        assert!(
            ok.contains(&status),
            "{name}: got {status} ({}), expected {want}",
            row["reason"]
        );
        assert!(
            !row["reason"].as_str().unwrap_or_default().is_empty(),
            "{name}: reason is empty"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    shortlist()
        .args(["extract", "--bogus", "x.pdf"])
        .assert()
        .code(2);
}

#[test]
fn text_file_round_trip_and_exit_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cv.txt");
    std::fs::write(
        &path,
        "Zoë Example\nBackend engineer ﬁntech, 2 0 1 8 \u{2013} 2021\n",
    )
    .expect("write");
    let out = shortlist().arg("extract").arg(&path).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Zoë Example\nBackend engineer fintech, 2018 - 2021\n"
    );
    let empty = dir.path().join("empty.pdf");
    std::fs::write(&empty, b"").expect("write");
    let out = shortlist()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .arg(&empty)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows[1]["status"], "empty_file");
    assert_eq!(rows[0]["chars"], 49);
}
