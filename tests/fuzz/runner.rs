//! Runs variants through `WorkerPool::ingest_file` from several threads under a watchdog, and
//! summarises what happened.

use crate::mutate::{self, Kind, Variant};
use crate::seeds::{Format, Origin, Seed};
use shortlist_ingest::pool::peak_rss_kib;
use shortlist_ingest::{Kind as FileKind, Limits, Status, WorkerCommand, WorkerPool};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How one run is set up.
pub struct Config {
    /// A label for the summary.
    pub name: &'static str,
    /// The first variant index (a replay runs one index).
    pub start: u64,
    /// How many variants to derive and run.
    pub variants: u64,
    /// The run seed: the same seed derives the same variants.
    pub seed: u64,
    /// Threads calling `ingest_file` at once.
    pub threads: usize,
    /// The worker time limit.
    pub timeout: Duration,
    /// The worker memory limit.
    pub max_memory: u64,
    /// Seeds larger than this are left out (the smoke run keeps to small ones).
    pub max_seed_bytes: u64,
    /// Where failing variants are saved.
    pub failures_dir: PathBuf,
    /// How much the parent's peak RSS may grow over the run, in KiB.
    pub rss_growth_limit_kib: u64,
    /// Save every variant, failing or not (for a replay).
    pub keep_all: bool,
}

impl Config {
    /// Time a PDF may take: the worker limit, the `pdftotext` fallback (a quarter of it, at
    /// least a second) and slack for a worker restart on a busy machine.
    pub fn pdf_limit(&self) -> Duration {
        self.timeout + (self.timeout / 4).max(Duration::from_secs(1)) + Duration::from_secs(4)
    }

    /// Time in-process (DOCX, text) parsing may take: the same limit a PDF worker gets, since
    /// nothing would stop a parent thread that overran it.
    pub fn in_process_limit(&self) -> Duration {
        self.timeout
    }
}

/// The outcome of one variant.
pub struct Outcome {
    /// Variant index.
    pub index: u64,
    /// Mutation kind.
    pub kind: Kind,
    /// Seed name.
    pub seed: String,
    /// Whether the seed may be committed (not from the corpus).
    pub committable: bool,
    /// Whether the variant went to a PDF worker.
    pub pdf: bool,
    /// The status, or `None` if the parent panicked.
    pub status: Option<Status>,
    /// The reason.
    pub reason: String,
    /// Wall time of `ingest_file`.
    pub elapsed: Duration,
    /// What the harness found wrong, if anything.
    pub failure: Option<String>,
    /// The variant's note.
    pub note: String,
    /// Size of the variant.
    pub size: usize,
}

/// Everything a run produced.
pub struct Report {
    /// The config's label.
    pub name: &'static str,
    /// Outcomes of finished variants.
    pub outcomes: Vec<Outcome>,
    /// Failures not tied to a finished variant (hangs, RSS).
    pub harness_failures: Vec<String>,
    /// Wall time of the run.
    pub wall: Duration,
    /// Parent peak RSS before and after, in KiB.
    pub rss_before_kib: u64,
    /// Parent peak RSS at the end, in KiB.
    pub rss_after_kib: u64,
    /// Variants after which the parent's peak RSS rose by 4 MiB or more: (index, kind, KiB).
    pub rss_jumps: Vec<(u64, Kind, u64)>,
    /// Where failing variants were saved.
    pub failures_dir: PathBuf,
    /// Number of seeds.
    pub seeds: usize,
    /// Triage of worker panics: message -> (count, example index, location).
    pub panics: Vec<crate::triage::PanicGroup>,
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that remembers each thread's last panic, with location, so a
/// parent panic can be reported with where it happened; the previous hook still prints.
fn install_panic_recorder() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let loc = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg} at {loc}")));
            prev(info);
        }));
    });
}

/// A pool like `shortlist`'s own (`commands::worker_pool`), running the real binary's worker.
pub fn pool(limits: &Limits) -> WorkerPool {
    let args = vec![
        "__worker".into(),
        "--timeout".into(),
        limits.timeout.as_secs_f64().to_string().into(),
        "--max-memory".into(),
        limits.max_memory.to_string().into(),
        "--max-file-size".into(),
        limits.max_file_size.to_string().into(),
    ];
    WorkerPool::new(
        WorkerCommand {
            program: PathBuf::from(env!("CARGO_BIN_EXE_shortlist")),
            args,
        },
        limits.clone(),
    )
}

/// Invariants every outcome must satisfy, whatever the input.
fn check(
    v: &Variant,
    e: &shortlist_ingest::Extraction,
    elapsed: Duration,
    cfg: &Config,
    pdf: bool,
) -> Option<String> {
    let mut problems = Vec::new();
    if e.reason.trim().is_empty() {
        problems.push("empty reason".to_string());
    }
    if e.reason.contains('\n') {
        problems.push("reason spans lines".to_string());
    }
    if e.status == Status::Duplicate {
        problems.push("ingest set `duplicate`".to_string());
    }
    if (e.status == Status::Ok) == e.text.is_empty() {
        problems.push(format!(
            "status {} with {} chars of text",
            e.status,
            e.text.len()
        ));
    }
    let limit = if pdf {
        cfg.pdf_limit()
    } else {
        cfg.in_process_limit()
    };
    if elapsed > limit {
        problems.push(format!(
            "over time: {:.1} s > {:.1} s ({})",
            elapsed.as_secs_f64(),
            limit.as_secs_f64(),
            if pdf { "PDF" } else { "in-process" }
        ));
    }
    if let Some(x) = &v.expect {
        if !x.statuses.contains(&e.status) {
            problems.push(format!("expected {:?}, got {}", x.statuses, e.status));
        }
        if let Some(w) = x.reason_contains
            && !e.reason.to_lowercase().contains(w)
        {
            problems.push(format!("reason lacks {w:?}"));
        }
        if let Some(t) = x.text_lacks
            && e.text.contains(t)
        {
            problems.push(format!("text contains {t:?}"));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

fn save(dir: &Path, v_index: u64, kind: Kind, bytes: &[u8], what: &str) {
    let _ = std::fs::create_dir_all(dir);
    let base = dir.join(format!("{v_index:06}-{}", kind.name()));
    let _ = std::fs::write(base.with_extension("bin"), bytes);
    let _ = std::fs::write(base.with_extension("txt"), what);
}

struct InFlight {
    index: u64,
    kind: Kind,
    started: Instant,
    pdf: bool,
    path: PathBuf,
    reported: bool,
}

/// Runs a whole configuration and returns the report (the caller prints and asserts).
pub fn run(cfg: Config) -> Report {
    install_panic_recorder();
    let seeds = Arc::new(crate::seeds::load(cfg.max_seed_bytes));
    let cfg = Arc::new(cfg);
    let limits = Limits {
        timeout: cfg.timeout,
        max_memory: cfg.max_memory,
        ..Limits::default()
    };
    let pool = Arc::new(pool(&limits));
    let tmp = Arc::new(tempfile::tempdir().expect("temp dir"));
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let inflight: Arc<Mutex<Vec<Option<InFlight>>>> =
        Arc::new(Mutex::new((0..cfg.threads).map(|_| None).collect()));
    let (tx, rx) = mpsc::channel::<(Outcome, u64)>();
    let started = Instant::now();
    let (rss_before_kib, _) = peak_rss_kib();
    // Workers die with the *thread* that spawned them (PR_SET_PDEATHSIG is per thread), and
    // any thread may be serving a worker another one spawned: a runner that ran out of work
    // waits for the others, or its exit would kill their workers mid-file.
    let done = Arc::new(std::sync::Barrier::new(cfg.threads));
    let mut handles = Vec::new();
    for slot in 0..cfg.threads {
        let done = Arc::clone(&done);
        let (seeds, cfg, pool, tmp, next, stop, inflight, tx) = (
            Arc::clone(&seeds),
            Arc::clone(&cfg),
            Arc::clone(&pool),
            Arc::clone(&tmp),
            Arc::clone(&next),
            Arc::clone(&stop),
            Arc::clone(&inflight),
            tx.clone(),
        );
        handles.push(std::thread::spawn(move || {
            loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let index = cfg.start + next.fetch_add(1, Ordering::Relaxed);
                if index >= cfg.start + cfg.variants {
                    break;
                }
                let v = mutate::derive(&seeds, cfg.seed, index);
                let seed: &Seed = &seeds[v.seed];
                let ext = match seed.format {
                    Format::Pdf => "pdf",
                    Format::Docx => "docx",
                };
                let path = tmp.path().join(format!("v{index:06}.{ext}"));
                std::fs::write(&path, &v.bytes).expect("write variant");
                let pdf = std::panic::catch_unwind(|| {
                    matches!(shortlist_ingest::detect(&v.bytes), FileKind::Pdf { .. })
                })
                .unwrap_or(false);
                if let Ok(mut f) = inflight.lock() {
                    f[slot] = Some(InFlight {
                        index,
                        kind: v.kind,
                        started: Instant::now(),
                        pdf,
                        path: path.clone(),
                        reported: false,
                    });
                }
                // Forget panics of the mutators (lopdf on a seed), so only ingest's count.
                LAST_PANIC.with(|p| p.borrow_mut().take());
                let t0 = Instant::now();
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pool.ingest_file(&path)
                }));
                let elapsed = t0.elapsed();
                if let Ok(mut f) = inflight.lock() {
                    f[slot] = None;
                }
                let (status, reason, failure) = match result {
                    Ok(ing) => {
                        let mut failure = check(&v, &ing.extraction, elapsed, &cfg, pdf);
                        // In-process parsers are meant to be panic-free: a contained panic
                        // still means a bug in the DOCX/text path (ours or zip/quick-xml).
                        if let Some(p) = LAST_PANIC.with(|p| p.borrow_mut().take()) {
                            let f = format!("in-process parser panicked: {p}");
                            failure = Some(match failure {
                                Some(other) => format!("{other}; {f}"),
                                None => f,
                            });
                        }
                        (Some(ing.extraction.status), ing.extraction.reason, failure)
                    }
                    Err(_) => {
                        let p = LAST_PANIC
                            .with(|p| p.borrow_mut().take())
                            .unwrap_or_default();
                        (None, String::new(), Some(format!("parent panicked: {p}")))
                    }
                };
                if let Some(f) = failure.as_ref().or(cfg.keep_all.then_some(&reason)) {
                    save(
                        &cfg.failures_dir,
                        index,
                        v.kind,
                        &v.bytes,
                        &format!(
                            "seed {}\nnote {}\nfailure {f}\nreason {reason}\n",
                            seed.name, v.note
                        ),
                    );
                }
                let _ = std::fs::remove_file(&path);
                let (rss, _) = peak_rss_kib();
                let outcome = Outcome {
                    index,
                    kind: v.kind,
                    seed: seed.name.clone(),
                    committable: seed.origin != Origin::Corpus && seed.origin != Origin::Hostile,
                    pdf,
                    status,
                    reason,
                    elapsed,
                    failure,
                    note: v.note,
                    size: v.bytes.len(),
                };
                if tx.send((outcome, rss)).is_err() {
                    break;
                }
            }
            done.wait();
        }));
    }
    drop(tx);
    let mut outcomes = Vec::new();
    let mut harness_failures = Vec::new();
    let mut rss_jumps = Vec::new();
    let mut last_rss = rss_before_kib;
    let mut last_progress = Instant::now();
    // A variant still running this long after its limit is a hang: the run is abandoned
    // (the stuck thread cannot be killed) and reported.
    let abandon_after = Duration::from_secs(60);
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok((o, rss)) => {
                // Peak RSS only rises; every rise of 4 MiB or more is kept so the summary
                // can name the variants (or the one running beside them) that grew it.
                if rss >= last_rss + 4 * 1024 {
                    rss_jumps.push((o.index, o.kind, rss - last_rss));
                }
                last_rss = last_rss.max(rss);
                outcomes.push(o);
                if last_progress.elapsed() > Duration::from_secs(30) {
                    last_progress = Instant::now();
                    println!(
                        "fuzz[{}]: {}/{} variants, {:.0} s",
                        cfg.name,
                        outcomes.len(),
                        cfg.variants,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let mut abandon = false;
        if let Ok(mut f) = inflight.lock() {
            for fl in f.iter_mut().flatten() {
                let limit = if fl.pdf {
                    cfg.pdf_limit()
                } else {
                    cfg.in_process_limit()
                };
                let ran = fl.started.elapsed();
                if ran > limit && !fl.reported {
                    fl.reported = true;
                    let what = format!(
                        "variant {} ({}) still running after {:.1} s (limit {:.1} s)",
                        fl.index,
                        fl.kind.name(),
                        ran.as_secs_f64(),
                        limit.as_secs_f64()
                    );
                    if let Ok(bytes) = std::fs::read(&fl.path) {
                        save(&cfg.failures_dir, fl.index, fl.kind, &bytes, &what);
                    }
                    harness_failures.push(what);
                }
                if ran > limit + abandon_after {
                    harness_failures.push(format!(
                        "variant {} ({}) hangs: abandoned after {:.0} s",
                        fl.index,
                        fl.kind.name(),
                        ran.as_secs_f64()
                    ));
                    abandon = true;
                }
            }
        }
        if abandon {
            stop.store(true, Ordering::Relaxed);
            break;
        }
    }
    if !stop.load(Ordering::Relaxed) {
        for h in handles {
            let _ = h.join();
        }
    }
    let wall = started.elapsed();
    let (rss_after_kib, _) = peak_rss_kib();
    if rss_after_kib > rss_before_kib + cfg.rss_growth_limit_kib {
        harness_failures.push(format!(
            "parent peak RSS grew from {} MiB to {} MiB (limit +{} MiB)",
            rss_before_kib >> 10,
            rss_after_kib >> 10,
            cfg.rss_growth_limit_kib >> 10
        ));
    }
    outcomes.sort_by_key(|o| o.index);
    let panics = crate::triage::group_worker_panics(&outcomes, &seeds, cfg.seed);
    Report {
        name: cfg.name,
        outcomes,
        harness_failures,
        wall,
        rss_before_kib,
        rss_after_kib,
        rss_jumps,
        failures_dir: cfg.failures_dir.clone(),
        seeds: seeds.len(),
        panics,
    }
}

impl Report {
    /// Every failure: per-variant ones and the harness's own.
    pub fn failures(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .outcomes
            .iter()
            .filter_map(|o| {
                o.failure.as_ref().map(|f| {
                    format!(
                        "variant {} {} (seed {}{}): {f} [{}]",
                        o.index,
                        o.kind.name(),
                        o.seed,
                        if o.committable { "" } else { ", corpus" },
                        o.note.chars().take(160).collect::<String>()
                    )
                })
            })
            .collect();
        all.extend(self.harness_failures.iter().cloned());
        all
    }

    /// Prints the summary: per-kind counts and statuses, the status histogram, the slowest
    /// variants, worker panics grouped by location, and failures.
    pub fn print(&self) {
        let n = self.outcomes.len();
        println!(
            "\n=== fuzz[{}]: {n} variants from {} seeds in {:.1} s ({:.1}/s) ===",
            self.name,
            self.seeds,
            self.wall.as_secs_f64(),
            n as f64 / self.wall.as_secs_f64().max(0.001)
        );
        let mut per_kind: BTreeMap<Kind, (usize, BTreeMap<String, usize>, Duration)> =
            BTreeMap::new();
        let mut hist: BTreeMap<String, usize> = BTreeMap::new();
        for o in &self.outcomes {
            let s = o
                .status
                .map_or("PARENT_PANIC".to_string(), |s| s.to_string());
            let e = per_kind.entry(o.kind).or_default();
            e.0 += 1;
            *e.1.entry(s.clone()).or_default() += 1;
            e.2 = e.2.max(o.elapsed);
            *hist.entry(s).or_default() += 1;
        }
        println!("per mutation kind (count, max secs, statuses):");
        for (k, (c, st, max)) in &per_kind {
            let st: Vec<String> = st.iter().map(|(s, c)| format!("{s}={c}")).collect();
            println!(
                "  {:<20} {c:>6}  {:>5.1}s  {}",
                k.name(),
                max.as_secs_f64(),
                st.join(" ")
            );
        }
        println!("status histogram:");
        for (s, c) in &hist {
            println!(
                "  {s:<14} {c:>6}  {:>5.1}%",
                100.0 * *c as f64 / n.max(1) as f64
            );
        }
        let mut slow: Vec<&Outcome> = self.outcomes.iter().collect();
        slow.sort_by_key(|o| std::cmp::Reverse(o.elapsed));
        println!("slowest variants:");
        for o in slow.iter().take(10) {
            println!(
                "  {:>6} {:<18} {:>5.2}s {:<12} {:>9} B  {}",
                o.index,
                o.kind.name(),
                o.elapsed.as_secs_f64(),
                o.status.map_or("-".into(), |s| s.to_string()),
                o.size,
                o.reason.chars().take(90).collect::<String>()
            );
        }
        let docx_max: HashMap<&str, Duration> =
            self.outcomes
                .iter()
                .filter(|o| !o.pdf)
                .fold(HashMap::new(), |mut m, o| {
                    let e = m.entry(o.kind.name()).or_default();
                    *e = (*e).max(o.elapsed);
                    m
                });
        let worst = docx_max.values().max().copied().unwrap_or_default();
        println!(
            "slowest in-process (DOCX/text) variant: {:.2} s",
            worst.as_secs_f64()
        );
        crate::triage::print_groups(&self.panics);
        println!(
            "parent peak RSS: {} MiB before, {} MiB after",
            self.rss_before_kib >> 10,
            self.rss_after_kib >> 10
        );
        let mut jumps = self.rss_jumps.clone();
        jumps.sort_by_key(|j| std::cmp::Reverse(j.2));
        let mut by_kind: BTreeMap<&str, u64> = BTreeMap::new();
        for (_, k, kib) in &jumps {
            *by_kind.entry(k.name()).or_default() += kib;
        }
        println!(
            "  rises of >= 4 MiB: {} (MiB by kind: {})",
            jumps.len(),
            by_kind
                .iter()
                .map(|(k, v)| format!("{k}={}", v >> 10))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for (i, k, kib) in jumps.iter().take(10) {
            println!("  RSS +{} MiB around variant {i} ({})", kib >> 10, k.name());
        }
        let failures = self.failures();
        println!("harness failures: {}", failures.len());
        for f in failures.iter().take(50) {
            println!("  {f}");
        }
        if !failures.is_empty() {
            println!("failing variants saved in {}", self.failures_dir.display());
        }
    }
}
