//! Worker-crash triage: groups `parser_crash` reasons, and re-runs one example of each group
//! in a child copy of this test binary (with the default panic hook, which prints the
//! location) to learn where the panic is, and so whether it is in our code.

use crate::runner::Outcome;
use crate::seeds::Seed;
use shortlist_ingest::Status;
use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that makes `triage_child` run a file.
pub const TRIAGE_ENV: &str = "SHORTLIST_FUZZ_TRIAGE";

/// One kind of worker crash.
pub struct PanicGroup {
    /// The crash reason with numbers replaced by `#`.
    pub message: String,
    /// Variants that crashed this way.
    pub count: usize,
    /// The first of them.
    pub example: u64,
    /// Its mutation kind.
    pub kind: &'static str,
    /// Its reason, verbatim.
    pub example_reason: String,
    /// Where the panic is, from the triage child (`file:line:col`), if it could be learnt.
    pub location: Option<String>,
}

impl PanicGroup {
    /// Whether the panic location is in this workspace's own crates.
    pub fn ours(&self) -> bool {
        self.location.as_deref().is_some_and(is_ours)
    }
}

/// Whether a panic location (`file:line:col`) is in our crates rather than a dependency.
pub fn is_ours(location: &str) -> bool {
    !location.contains(".cargo/registry")
        && !location.starts_with("no crash")
        && [
            "crates/shortlist-",
            "crates/adobe-cmap-parser",
            "crates/type1-encoding-parser",
        ]
        .iter()
        .any(|p| location.contains(p))
}

fn normalise(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut in_num = false;
    for c in reason.chars() {
        if c.is_ascii_digit() {
            if !in_num {
                out.push('#');
            }
            in_num = true;
        } else {
            in_num = false;
            out.push(c);
        }
    }
    out
}

/// Groups the run's `parser_crash` outcomes and triages one example per group (at most 40).
pub fn group_worker_panics(outcomes: &[Outcome], seeds: &[Seed], run_seed: u64) -> Vec<PanicGroup> {
    let mut groups: BTreeMap<String, PanicGroup> = BTreeMap::new();
    for o in outcomes {
        // pdf-extract's crash may hide behind a pdftotext rescue: "...; pdf-extract failed
        // (parser_crash: the PDF parser panicked (...))".
        let crash = if o.status == Some(Status::ParserCrash) {
            o.reason.as_str()
        } else if let Some(p) = o.reason.find("pdf-extract failed (parser_crash: ") {
            let rest = &o.reason[p + "pdf-extract failed (parser_crash: ".len()..];
            rest.strip_suffix(')').unwrap_or(rest)
        } else {
            continue;
        };
        let message = normalise(crash);
        groups
            .entry(message.clone())
            .and_modify(|g| g.count += 1)
            .or_insert(PanicGroup {
                message,
                count: 1,
                example: o.index,
                kind: o.kind.name(),
                example_reason: crash.to_string(),
                location: None,
            });
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for g in groups.values_mut().take(80) {
        let v = crate::mutate::derive(seeds, run_seed, g.example);
        let path = dir.path().join(format!("t{}", g.example));
        if std::fs::write(&path, &v.bytes).is_ok() {
            g.location = locate(&path);
        }
    }
    let mut out: Vec<PanicGroup> = groups.into_values().collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.count));
    out
}

/// Runs `path` through `extract_bytes` in a child copy of this test binary and returns the
/// panic location it printed (or "stack overflow" / "abort: ..." for crashes without one).
pub fn locate(path: &std::path::Path) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .args([
            "triage_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(TRIAGE_ENV, path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stderr = child.stderr.take()?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.by_ref().take(1 << 20).read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
    }
    let err = reader.join().ok()?;
    if let Some(line) = err.lines().find(|l| l.contains(" panicked at ")) {
        let at = line.split(" panicked at ").nth(1)?.trim_end_matches(':');
        return Some(at.to_string());
    }
    if err.contains("overflowed its stack") {
        return Some("stack overflow (no location)".into());
    }
    if let Some(l) = err.lines().find(|l| l.contains("memory allocation of")) {
        return Some(format!("abort: {}", l.trim()));
    }
    // No crash when run alone: the failure depended on the worker's history or on timing.
    err.lines()
        .find_map(|l| l.strip_prefix("triage: "))
        .map(|s| {
            format!(
                "no crash in isolation (alone: {})",
                s.chars().take(80).collect::<String>()
            )
        })
}

/// The body of the `triage_child` test: extracts the file named by [`TRIAGE_ENV`] in this
/// process, under a 1 GiB address-space limit and the worker's 64 MiB stack.
pub fn child_main(path: &str) {
    let limit = libc::rlimit {
        rlim_cur: 1 << 30,
        rlim_max: 1 << 30,
    };
    // SAFETY: setrlimit reads the struct we own.
    unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    let bytes = std::fs::read(path).expect("triage file");
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            shortlist_ingest::extract_bytes(&bytes, &shortlist_ingest::Limits::default())
        })
        .expect("thread");
    match handle.join() {
        Ok(e) => eprintln!("triage: {} ({})", e.status, e.reason),
        Err(_) => eprintln!("triage: panicked"),
    }
}

/// Prints the groups, ours first.
pub fn print_groups(groups: &[PanicGroup]) {
    let total: usize = groups.iter().map(|g| g.count).sum();
    println!(
        "worker crashes (parser_crash): {total} in {} groups",
        groups.len()
    );
    let mut by_loc: BTreeMap<(bool, String), Vec<&PanicGroup>> = BTreeMap::new();
    for g in groups {
        let loc = g.location.clone().unwrap_or_else(|| "(not triaged)".into());
        by_loc.entry((!g.ours(), loc)).or_default().push(g);
    }
    for ((third_party, loc), gs) in &by_loc {
        let n: usize = gs.iter().map(|g| g.count).sum();
        println!(
            "  [{}] {loc}: {n} variants",
            if *third_party { "third-party" } else { "OURS" }
        );
        for g in gs {
            println!(
                "      {:>5} x {} (e.g. variant {} {}: {})",
                g.count,
                g.message.chars().take(120).collect::<String>(),
                g.example,
                g.kind,
                g.example_reason.chars().take(100).collect::<String>()
            );
        }
    }
}
