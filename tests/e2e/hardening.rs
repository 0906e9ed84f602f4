//! What a batch must never do, checked on the real binary: lose or mangle a file name, write
//! anything but its output, or leave workers and half-written files behind when interrupted.

use crate::util::{alive, assert_exit, children, distinct_pdf_copies, repo, shortlist};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Every file under `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("inside").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The `file` column of a CSV ranking.
fn csv_files(csv_bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(csv_bytes).expect("the CSV is valid UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let col = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "file")
        .expect("file column");
    reader
        .records()
        .map(|r| r.expect("row")[col].to_string())
        .collect()
}

#[test]
fn odd_file_names_come_through_intact() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    let source =
        std::fs::read(repo().join("fixtures/latex-senior-lead/resume.pdf")).expect("fixture");
    let long = format!("{}.pdf", "Kai Longname - Head of Backend - ".repeat(6))
        .chars()
        .skip(2)
        .collect::<String>();
    assert!(long.len() >= 190 && long.len() <= 255, "{}", long.len());
    let names: Vec<(Vec<u8>, String)> = vec![
        (
            b"Jane \"JJ\" O'Neil, CV (final) v2.pdf".to_vec(),
            "Jane \"JJ\" O'Neil, CV (final) v2.pdf".into(),
        ),
        (long.as_bytes().to_vec(), long.clone()),
        (
            b"r\xe9sum\xe9_Ren\xe9e_\xff.pdf".to_vec(),
            r"r\xe9sum\xe9_Ren\xe9e_\xff.pdf".into(),
        ),
        (
            b"r\xe9sum\xe9_Ren\xe9e_\xfe.pdf".to_vec(),
            r"r\xe9sum\xe9_Ren\xe9e_\xfe.pdf".into(),
        ),
        (
            "-Zoë; =1+1, tab\t.pdf".into(),
            "-Zoë; =1+1, tab\t.pdf".into(),
        ),
        ("line\nbreak.pdf".into(), "line\nbreak.pdf".into()),
    ];
    for (i, (raw, _)) in names.iter().enumerate() {
        let mut bytes = source.clone();
        bytes.extend_from_slice(format!("\n%copy {i}\n").as_bytes());
        std::fs::write(dir.join(OsStr::from_bytes(raw)), bytes).expect("write");
    }
    let out = shortlist()
        .current_dir(tmp.path())
        .args(["rank", "in", "--as-of", "2026-11-23", "-o", "out.csv"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let csv = std::fs::read(tmp.path().join("out.csv")).expect("output");
    let mut got = csv_files(&csv);
    got.sort();
    let mut want: Vec<String> = names
        .iter()
        .map(|(_, shown)| format!("in/{shown}"))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn rank_writes_nothing_but_its_output() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let scratch = tmp.path().join("tmp");
    let work = tmp.path().join("work");
    std::fs::create_dir(&scratch).expect("mkdir");
    std::fs::create_dir(&work).expect("mkdir");
    let before = tree(&repo().join("fixtures"));
    let out = shortlist()
        .current_dir(&work)
        .env("TMPDIR", &scratch)
        .arg("rank")
        .arg(repo().join("fixtures"))
        .args(["--as-of", "2026-11-23", "-o", "ranking.csv"])
        .output()
        .expect("run");
    assert_exit(&out, 1);
    assert_eq!(tree(&work), vec![PathBuf::from("ranking.csv")]);
    assert_eq!(tree(&scratch), Vec::<PathBuf>::new(), "no temp files left");
    assert_eq!(
        tree(&repo().join("fixtures")),
        before,
        "the inputs are untouched"
    );
}

/// Ctrl-C (SIGINT) and SIGTERM in the middle of a batch: the process stops within a couple of
/// seconds, its PDF workers die with it, and `-o` is never left half-written.
fn interrupt_rank(signal: &str) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pool = tmp.path().join("pool");
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    distinct_pdf_copies(&pool, 400);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shortlist"))
        .arg("rank")
        .arg(&pool)
        .arg("-o")
        .arg(out_dir.join("ranking.csv"))
        .args(["--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rank");
    let pid = child.id();
    // Wait until both workers are up and busy, so the signal lands mid-batch.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut workers = Vec::new();
    while Instant::now() < deadline {
        workers = children(pid);
        if workers.len() >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!workers.is_empty(), "no PDF worker was started");
    std::thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    let sent = std::process::Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let output = child.wait_with_output().expect("wait");
    assert!(
        signalled.elapsed() < Duration::from_secs(3),
        "SIG{signal} took {:?}",
        signalled.elapsed()
    );
    assert_eq!(
        output.status.code(),
        Some(130),
        "interrupted runs exit with 130"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while workers.iter().any(|&w| alive(w)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stray: Vec<u32> = workers.iter().copied().filter(|&w| alive(w)).collect();
    assert!(stray.is_empty(), "workers outlived the run: {stray:?}");
    assert_eq!(tree(&out_dir), Vec::<PathBuf>::new(), "no partial output");
}

#[test]
fn ctrl_c_mid_rank_stops_workers_and_writes_nothing() {
    interrupt_rank("INT");
}

#[test]
fn sigterm_mid_rank_stops_workers_and_writes_nothing() {
    interrupt_rank("TERM");
}

#[test]
fn a_closed_stderr_does_not_lose_the_ranking() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("ranking.csv");
    // `exec 2>&-` closes stderr for good: every progress line and the summary hit EBADF.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec 2>&-; exec "$0" rank "$1" --as-of 2026-11-23 -o "$2""#)
        .arg(assert_cmd::cargo::cargo_bin("shortlist"))
        .arg(repo().join("fixtures"))
        .arg(&out)
        .status()
        .expect("run");
    assert_eq!(
        status.code(),
        Some(1),
        "exit 1: two fixtures cannot be ranked"
    );
    let csv = std::fs::read(&out).expect("the ranking was written");
    assert!(csv_files(&csv).len() >= 10);
}

#[test]
fn output_to_a_fifo_or_device_writes_into_it_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let fifo = tmp.path().join("ranking.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read the fifo"))
    };
    let out = shortlist()
        .arg("rank")
        .arg(repo().join("fixtures/txt-junior-node"))
        .args(["--as-of", "2026-11-23", "-o"])
        .arg(&fifo)
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let csv = reader.join().expect("reader");
    assert_eq!(
        csv_files(&csv).len(),
        1,
        "the ranking went through the fifo"
    );
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "the fifo was replaced by a {kind:?}");
    assert_eq!(
        tree(tmp.path()),
        vec![PathBuf::from("ranking.fifo")],
        "no temp file left"
    );
}

#[test]
fn identical_copies_are_reported_but_extracted_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let source =
        std::fs::read(repo().join("fixtures/latex-senior-lead/resume.pdf")).expect("fixture");
    for name in ["b-copy.pdf", "a-first.pdf", "c-copy.pdf"] {
        std::fs::write(tmp.path().join(name), &source).expect("write");
    }
    let out = shortlist()
        .current_dir(tmp.path())
        .args([
            "rank",
            ".",
            "--as-of",
            "2026-11-23",
            "--format",
            "jsonl",
            "--timings",
        ])
        .output()
        .expect("run");
    assert_exit(&out, 1);
    let rows = crate::util::jsonl(&out.stdout);
    let by_file = |f: &str| {
        rows.iter()
            .find(|r| r["file"] == f)
            .unwrap_or_else(|| panic!("{f} missing: {rows:?}"))
    };
    assert_eq!(by_file("./a-first.pdf")["status"], "ok");
    for copy in ["./b-copy.pdf", "./c-copy.pdf"] {
        let r = by_file(copy);
        assert_eq!(r["status"], "duplicate");
        assert_eq!(r["reason"], "same content as ./a-first.pdf");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 identical copies not extracted"),
        "{stderr}"
    );
}

#[test]
fn a_resume_on_one_long_line_is_ranked_in_bounded_memory() {
    // Text extraction sometimes gives a whole résumé as one line. 3 MB of it, full of
    // dates, skills and hiring sentences, once made every date range copy the line (tens
    // of GB: the run aborted and lost every other file) and mention checks quadratic.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    let unit = "Jan 2019 - Mar 2020 Backend Engineer, Java, Kubernetes; hired 5 engineers. ";
    std::fs::write(
        dir.join("one-line.txt"),
        unit.repeat(3_000_000 / unit.len()),
    )
    .expect("write");
    std::fs::copy(
        repo().join("fixtures/txt-junior-node/resume.txt"),
        dir.join("normal.txt"),
    )
    .expect("copy");
    let out = tmp.path().join("ranking.csv");
    // 3 GB of address space is far more than the run needs and far less than the copies.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 3000000; exec "$0" rank "$1" --as-of 2026-11-23 -o "$2""#)
        .arg(assert_cmd::cargo::cargo_bin("shortlist"))
        .arg(&dir)
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0), "both files ranked");
    let csv = std::fs::read(&out).expect("the ranking was written");
    assert_eq!(csv_files(&csv).len(), 2);
}

#[test]
fn the_explanation_of_a_one_line_resume_grows_with_its_size_not_its_square() {
    // Every keyword hit and date range names its line. These 200 kB on one line hold
    // 15,000 findings, which serialised the whole line each: 3 GB of JSONL (a 1 MB line
    // filled the disk). Each finding now shows a window of its line.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("mkdir");
    let unit = "Jan 2019 - Mar 2020 Backend Engineer, Java, Kubernetes, Kafka; led 5 engineers. ";
    let text = unit.repeat(200_000 / unit.len());
    std::fs::write(dir.join("one-line.txt"), &text).expect("write");
    let out = tmp.path().join("ranking.jsonl");
    shortlist()
        .args(["rank", "--format", "jsonl", "--as-of", "2026-11-23", "-o"])
        .arg(&out)
        .arg(&dir)
        .assert()
        .code(0);
    let jsonl = std::fs::read_to_string(&out).expect("the ranking was written");
    let row: serde_json::Value = serde_json::from_str(jsonl.trim()).expect("one JSON row");
    let explanation = &row["explanation"];
    let hits = explanation["keywords"].as_array().expect("keyword hits");
    assert!(hits.len() > 5_000, "{} hits", hits.len());
    for hit in hits.iter().take(50) {
        let shown = hit["line_text"].as_str().expect("line text");
        assert!(shown.len() < 400, "{} bytes shown", shown.len());
        let matched = hit["matched"].as_str().expect("matched");
        assert!(shown.contains(matched), "{shown:?} shows {matched:?}");
    }
    let ranges = explanation["ranges"].as_array().expect("date ranges");
    assert!(ranges.len() > 1_000, "{} ranges", ranges.len());
    for range in ranges.iter().take(50) {
        let shown = range["line_text"].as_str().expect("line text");
        let written = range["text"].as_str().expect("range text");
        assert!(shown.len() < 400 && shown.contains(written), "{shown:?}");
    }
    assert!(
        jsonl.len() < 400 * text.len(),
        "{} bytes of JSONL for {} bytes of text",
        jsonl.len(),
        text.len()
    );
}
