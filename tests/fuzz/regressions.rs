//! Regression files found by the fuzzer (`tests/regressions/`), each run through the real
//! pool and held to the status recorded in `tests/regressions/expected.txt`.
//!
//! Every file there is synthetic or derived from `fixtures/`, never from the corpus.

use shortlist_ingest::{Limits, Status};
use std::time::{Duration, Instant};

fn parse_status(s: &str) -> Status {
    serde_json::from_str(&format!("\"{s}\"")).expect("a status name in expected.txt")
}

/// Each line of `expected.txt`: `<file> <status>[|<status>...] [pdf-extract]  # why`; the
/// `pdf-extract` flag says the file must be read by pdf-extract itself, not rescued by the
/// pdftotext fallback (which would hide a worker crash behind an `ok`).
#[test]
fn regression_files_keep_their_status() {
    let dir = crate::seeds::repo().join("tests/regressions");
    let manifest = std::fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    let limits = Limits {
        timeout: Duration::from_secs(5),
        max_memory: 512 << 20,
        ..Limits::default()
    };
    let pool = crate::runner::pool(&limits);
    let mut checked = 0;
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(file), Some(statuses)) = (parts.next(), parts.next()) else {
            panic!("bad line in expected.txt: {line}");
        };
        let want: Vec<Status> = statuses.split('|').map(parse_status).collect();
        let own_parser = parts.next() == Some("pdf-extract");
        let started = Instant::now();
        let got = pool.ingest_file(&dir.join(file)).extraction;
        assert!(
            want.contains(&got.status),
            "{file}: expected {want:?}, got {} ({})",
            got.status,
            got.reason
        );
        if own_parser {
            assert_eq!(
                got.extractor,
                shortlist_ingest::Extractor::PdfExtract,
                "{file}: {}",
                got.reason
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(12),
            "{file}: took {:?}",
            started.elapsed()
        );
        checked += 1;
    }
    println!("{checked} regression files checked");
}

/// Regression for a bug the harness found in `pool.rs`: workers are started with
/// `PR_SET_PDEATHSIG`, which fires when the *thread* that spawned the worker exits, not the
/// process. A worker spawned by a short-lived thread and returned to the idle list was killed
/// when that thread ended, and the next file it was given failed as `parser_crash` ("killed by
/// signal 9"). Workers are now forked by one keeper thread that never exits.
#[test]
fn a_worker_outlives_the_thread_that_spawned_it() {
    let limits = Limits {
        timeout: Duration::from_secs(5),
        max_memory: 512 << 20,
        ..Limits::default()
    };
    let pool = std::sync::Arc::new(crate::runner::pool(&limits));
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("resume.pdf");
    std::fs::write(&pdf, crate::synth::resume_pdf()).expect("write");
    let (p, f) = (std::sync::Arc::clone(&pool), pdf.clone());
    let first = std::thread::spawn(move || p.ingest_file(&f).extraction.status)
        .join()
        .expect("thread");
    assert_eq!(first, Status::Ok);
    // The spawning thread is gone; give the kernel a moment to deliver its signal.
    std::thread::sleep(Duration::from_millis(200));
    let second = pool.ingest_file(&pdf).extraction;
    // Not just `ok`: the pdftotext fallback would rescue the file and hide the dead worker.
    assert_eq!(
        (second.status, second.extractor),
        (Status::Ok, shortlist_ingest::Extractor::PdfExtract),
        "{}",
        second.reason
    );
}
