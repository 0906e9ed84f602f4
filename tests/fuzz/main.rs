//! Mutation fuzzing of ingestion, on the stable toolchain (no cargo-fuzz, no nightly).
//!
//! Seeds (`fixtures/`, the shared corpus's `pdfs/`, `docx/`, `hostile/` and `labelled/` when it
//! sits beside the repository, and a few synthetic files) are mutated deterministically from a
//! run seed: byte-level damage, lying `/Length`s and xref offsets, deep nesting, deflate bombs,
//! self-referencing object streams, token-level damage inside decoded streams; for DOCX, XML
//! damage inside a valid ZIP, ZIP bombs, entity declarations, and lying ZIP directories. Each
//! variant goes through `WorkerPool::ingest_file` with the real binary's PDF workers, from
//! several threads, under a watchdog. Every variant must end with one status and a reason,
//! within the time limit (in-process DOCX/text parsing included), without a parent panic, and
//! with the parent's peak RSS bounded. Failing variants are saved for triage; worker panics
//! are re-run in a child copy of this binary to find their location.
//!
//! Run:
//!
//! * smoke (a few hundred variants, part of `cargo test --workspace`):
//!   `cargo test -p shortlist --test fuzz`
//! * big: `SHORTLIST_FUZZ_VARIANTS=20000 nice -n 10 cargo test --release -p shortlist --test fuzz
//!   -- --ignored --nocapture fuzz_big`
//!
//! Knobs (environment): `SHORTLIST_FUZZ_VARIANTS` (big run size, default 20000),
//! `SHORTLIST_FUZZ_SEED` (run seed, default 1), `SHORTLIST_FUZZ_THREADS` (default 2),
//! `SHORTLIST_FUZZ_FAILURES` (where failing variants go; default
//! `target/tmp/fuzz-failures/<run>`), `SHORTLIST_FUZZ_REPLAY=<index>` (big run: derive and run
//! only that variant, kept in the failures folder).
//!
//! Regression files found by the fuzzer live in `tests/regressions/` and are checked by
//! `regressions.rs`.

mod docxmut;
mod mutate;
mod pdfmut;
mod regressions;
mod runner;
mod seeds;
mod synth;
mod triage;

use runner::{Config, Report};
use std::path::PathBuf;
use std::time::Duration;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn failures_dir(run: &str) -> PathBuf {
    std::env::var_os("SHORTLIST_FUZZ_FAILURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures"))
        .join(run)
}

fn assert_clean(report: &Report) {
    let failures = report.failures();
    assert!(
        failures.is_empty(),
        "{} fuzz failures (see the summary above; variants saved in {})",
        failures.len(),
        report.failures_dir.display()
    );
    let ours: Vec<_> = report.panics.iter().filter(|g| g.ours()).collect();
    assert!(
        ours.is_empty(),
        "worker panics in our code: {:?}",
        ours.iter()
            .map(|g| (&g.message, &g.location))
            .collect::<Vec<_>>()
    );
}

/// A few hundred variants of small seeds: quick enough for every `cargo test`.
#[test]
fn fuzz_smoke() {
    let report = runner::run(Config {
        name: "smoke",
        start: 0,
        variants: 500,
        seed: env_u64("SHORTLIST_FUZZ_SEED", 1),
        threads: env_u64("SHORTLIST_FUZZ_THREADS", 2) as usize,
        timeout: Duration::from_secs(5),
        max_memory: 512 << 20,
        max_seed_bytes: 120_000,
        failures_dir: failures_dir("smoke"),
        rss_growth_limit_kib: 512 << 10,
        keep_all: false,
    });
    report.print();
    assert_clean(&report);
}

/// The big run; its size comes from `SHORTLIST_FUZZ_VARIANTS`.
#[test]
#[ignore = "long: run with --ignored, see the module docs"]
fn fuzz_big() {
    let replay = std::env::var("SHORTLIST_FUZZ_REPLAY")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    let name = if replay.is_some() { "replay" } else { "big" };
    let report = runner::run(Config {
        name,
        start: replay.unwrap_or(0),
        variants: replay.map_or(env_u64("SHORTLIST_FUZZ_VARIANTS", 20_000), |_| 1),
        seed: env_u64("SHORTLIST_FUZZ_SEED", 1),
        threads: env_u64("SHORTLIST_FUZZ_THREADS", 2) as usize,
        timeout: Duration::from_secs(5),
        max_memory: 512 << 20,
        max_seed_bytes: 4_000_000,
        failures_dir: failures_dir(name),
        rss_growth_limit_kib: 768 << 10,
        keep_all: replay.is_some(),
    });
    report.print();
    assert_clean(&report);
}

/// Not a test of its own: the triage child that [`triage::locate`] starts. Does nothing unless
/// `SHORTLIST_FUZZ_TRIAGE` names a file.
#[test]
#[ignore = "helper process for crash triage"]
fn triage_child() {
    if let Ok(path) = std::env::var(triage::TRIAGE_ENV) {
        triage::child_main(&path);
    }
}
