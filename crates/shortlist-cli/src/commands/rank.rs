//! `shortlist rank`: score every résumé under the given paths and write the ranking.

use super::pipeline::{self, Processed};
use crate::cli::{RankArgs, RankFormat};
use crate::exit;
use anyhow::Context;
use shortlist_ingest::{Status, walk};
use shortlist_matcher::Matcher;
use shortlist_report::{Record, Summary};
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Runs the batch and writes CSV or JSONL to stdout or `-o FILE`.
pub fn run(args: RankArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    crate::interrupt::install("stopped; no output was written");
    let limits = super::limits(&args.limits)?;
    let role = pipeline::load_role(&args.role.role)?;
    let matcher = Matcher::new(role)
        .context("cannot build the matcher for this role")?
        .with_stage_times(args.timings);
    let as_of = pipeline::as_of(args.role.as_of.as_deref())?;
    let jobs = pipeline::jobs(args.jobs);
    let pool = super::worker_pool(limits)?;

    let walk_started = Instant::now();
    let walked = walk::walk(&args.paths);
    let walk_time = walk_started.elapsed();
    let keep_explanation = args.format == RankFormat::Jsonl;
    let records = Mutex::new(Vec::with_capacity(walked.entries.len()));
    let bar = pipeline::progress(walked.entries.len(), "ranking");
    let sink = |p: Processed| {
        let record = to_record(p, keep_explanation);
        if let Ok(mut r) = records.lock() {
            r.push(record);
        }
    };
    let times = pipeline::process(
        &walked,
        &pool,
        &matcher,
        as_of,
        jobs,
        pipeline::Duplicates::Skip,
        &bar,
        &sink,
    )?;
    bar.finish_and_clear();

    let write_started = Instant::now();
    let mut rows = shortlist_report::rank(
        records
            .into_inner()
            .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?,
    );
    let summary = Summary::of(&rows, 0.0);
    if let Some(top) = args.top {
        let mut kept = 0;
        rows.retain(|r| {
            r.rank.is_none() || {
                kept += 1;
                kept <= top
            }
        });
    }
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            RankFormat::Csv => shortlist_report::write_csv(out, &rows, !args.no_bom),
            RankFormat::Jsonl => shortlist_report::write_jsonl(out, &rows),
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, write)?,
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    let write_time = write_started.elapsed();
    let summary = Summary {
        seconds: started.elapsed().as_secs_f64(),
        ..summary
    };
    note!("{summary}");
    if walked.skipped > 0 {
        note!(
            "skipped {} file(s) in folders that are not résumés (not PDF/DOCX/TXT)",
            walked.skipped
        );
    }
    if args.timings {
        let stats = pool.stats();
        let peaks = pool.worker_peaks();
        drop(pool); // reaps the workers, so their peak memory is counted below
        let mut peaks = peaks.lock().map(|p| p.clone()).unwrap_or_default();
        peaks.sort_unstable();
        let (parent_kib, worker_kib) = shortlist_ingest::pool::peak_rss_kib();
        print_timings(&Timings {
            jobs,
            walk: walk_time,
            extract: times.extract,
            analyze: times.analyze,
            stages: times.analyze_stages,
            dedup: times.dedup,
            skipped_duplicates: times.skipped_duplicates,
            write: write_time,
            wall: started.elapsed(),
            pool: &stats,
            parent_kib,
            worker_kib,
            worker_peaks_kib: &peaks,
        });
    }
    let all_ranked = summary.ranked == summary.total;
    Ok(if all_ranked {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// Everything `--timings` reports.
struct Timings<'a> {
    jobs: usize,
    walk: Duration,
    extract: Duration,
    analyze: Duration,
    stages: shortlist_matcher::StageTimes,
    dedup: Duration,
    skipped_duplicates: usize,
    write: Duration,
    wall: Duration,
    pool: &'a shortlist_ingest::pool::PoolStats,
    parent_kib: u64,
    worker_kib: u64,
    /// Each worker's own peak, sorted.
    worker_peaks_kib: &'a [u64],
}

/// Prints the stage costs: thread-seconds (summed over the jobs) with per-file figures, so
/// stages can be compared with each other and with runs of other sizes.
fn print_timings(t: &Timings) {
    let s = |d: Duration| d.as_secs_f64();
    let per = |d: Duration, n: usize| 1000.0 * d.as_secs_f64() / n.max(1) as f64;
    let p = t.pool;
    // What the extract stage spent that no finer counter covers: waiting for a free worker
    // slot, thread hand-offs, the panic guard.
    let other = t.extract.saturating_sub(
        p.read_time
            + p.spawn_time
            + p.request_time
            + p.lost_time
            + p.fallback_time
            + p.in_process_time
            + p.normalize_time,
    );
    note!(
        "timings (thread-seconds summed over {} jobs; wall {:.3} s):",
        t.jobs,
        s(t.wall)
    );
    note!("  walk                  {:>9.3} s", s(t.walk));
    note!(
        "  find duplicates       {:>9.3} s  ({} identical copies not extracted; wall time)",
        s(t.dedup),
        t.skipped_duplicates
    );
    note!("  read + SHA-256        {:>9.3} s", s(p.read_time));
    note!(
        "  PDF worker start-up   {:>9.3} s  ({} workers, {:.1} ms each)",
        s(p.spawn_time),
        p.spawned,
        per(p.spawn_time, p.spawned)
    );
    note!(
        "  PDF parse + layout    {:>9.3} s  ({} files, {:.2} ms each, workers' clocks)",
        s(p.parse_time),
        p.answered(),
        per(p.parse_time, p.answered())
    );
    note!(
        "  PDF IPC overhead      {:>9.3} s  ({:.2} ms per file: framing, pipe, JSON, wake-up)",
        s(p.ipc_time()),
        per(p.ipc_time(), p.answered())
    );
    note!(
        "  PDF timeouts, crashes {:>9.3} s  ({} files: time limit, memory limit or parser abort)",
        s(p.lost_time),
        p.lost_requests
    );
    note!(
        "  pdftotext fallbacks   {:>9.3} s  ({} files retried, {} read by it)",
        s(p.fallback_time),
        p.fallback_attempts,
        p.fallbacks
    );
    note!("  DOCX + TXT parse      {:>9.3} s", s(p.in_process_time));
    note!(
        "  normalise             {:>9.3} s  (in workers {:.3} s, here {:.3} s)",
        s(p.worker_normalize_time + p.normalize_time),
        s(p.worker_normalize_time),
        s(p.normalize_time)
    );
    note!("  extract, other        {:>9.3} s", s(other));
    note!("  match + years + score {:>9.3} s", s(t.analyze));
    let m = &t.stages;
    for (name, d) in [
        ("sections", m.sections),
        ("contacts", m.contacts),
        ("experience years", m.years),
        ("keyword coverage", m.keywords),
        ("job titles", m.titles),
        ("score + explanation", m.score),
    ] {
        note!("    {name:<19} {:>9.3} s", s(d));
    }
    note!("  rank + write output   {:>9.3} s", s(t.write));
    note!(
        "  peak RSS: parent {:.1} MiB, largest worker {:.1} MiB",
        t.parent_kib as f64 / 1024.0,
        t.worker_kib as f64 / 1024.0
    );
    let mib = |i: usize| {
        t.worker_peaks_kib
            .get(i)
            .map_or(0.0, |&k| k as f64 / 1024.0)
    };
    let n = t.worker_peaks_kib.len();
    if n > 0 {
        note!(
            "  worker peak RSS over {n} workers: min {:.1}, median {:.1}, max {:.1} MiB",
            mib(0),
            mib(n / 2),
            mib(n - 1)
        );
    }
}

fn to_record(p: Processed, keep_explanation: bool) -> Record {
    let e = p.ingested.extraction;
    let mut analysis = p.analysis.map(Box::new);
    if let Some(a) = analysis.as_mut().filter(|_| !keep_explanation) {
        // CSV needs only the summary facts; dropping the per-line evidence keeps the parent
        // small on folders of thousands of files.
        let x = &mut a.explanation;
        x.keywords = Vec::new();
        x.ranges = Vec::new();
        x.excluded_ranges = Vec::new();
        x.requirements = Vec::new();
    }
    let reason = match &analysis {
        Some(a) => a.reason.clone(),
        None => e.reason,
    };
    Record {
        file: walk::display_path(&p.path),
        sha256: p.ingested.sha256,
        status: if analysis.is_some() {
            Status::Ok
        } else {
            e.status
        },
        reason,
        pages: e.pages,
        analysis,
    }
}

/// Writes to a temp file beside `path` and renames it into place, so an interrupted run
/// never leaves half a spreadsheet.
///
/// Only for regular files: `-o /dev/null`, `-o /dev/stdout` or a FIFO are written in place,
/// because renaming a temp file over them would replace the device itself (run as root,
/// `-o /dev/null` used to turn `/dev/null` into a plain file for the whole machine).
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let buffered = |file: &mut std::fs::File| -> anyhow::Result<()> {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        return buffered(&mut file);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temp file in {}", dir.display()))?;
    let _pending = crate::interrupt::Pending::new(tmp.path().to_path_buf());
    buffered(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .with_context(|| format!("cannot move the output into place at {}", path.display()))?;
    Ok(())
}
