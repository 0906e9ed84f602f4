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
use std::time::Instant;

/// Runs the batch and writes CSV or JSONL to stdout or `-o FILE`.
pub fn run(args: RankArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    crate::interrupt::install("stopped; no output was written");
    let limits = super::limits(&args.limits)?;
    let role = pipeline::load_role(&args.role.role)?;
    let matcher = Matcher::new(role).context("cannot build the matcher for this role")?;
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
    let times = pipeline::process(&walked, &pool, &matcher, as_of, jobs, &bar, &sink)?;
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
        drop(pool); // reaps the workers, so their peak memory is counted below
        let (parent_kib, worker_kib) = shortlist_ingest::pool::peak_rss_kib();
        note!("timings (thread-seconds summed over {jobs} jobs):");
        note!("  walk                {:>9.3} s", walk_time.as_secs_f64());
        note!(
            "  extract (all types) {:>9.3} s",
            times.extract.as_secs_f64()
        );
        note!(
            "    PDF workers: {} started in {:.3} s ({:.1} ms each); {} requests, {:.3} s waiting ({:.2} ms per file); {} pdftotext fallbacks",
            stats.spawned,
            stats.spawn_time.as_secs_f64(),
            1000.0 * stats.spawn_time.as_secs_f64() / stats.spawned.max(1) as f64,
            stats.requests,
            stats.request_time.as_secs_f64(),
            1000.0 * stats.request_time.as_secs_f64() / stats.requests.max(1) as f64,
            stats.fallbacks,
        );
        note!(
            "  match+years+score   {:>9.3} s",
            times.analyze.as_secs_f64()
        );
        note!("  rank+write output   {:>9.3} s", write_time.as_secs_f64());
        note!(
            "  wall                {:>9.3} s",
            started.elapsed().as_secs_f64()
        );
        note!(
            "  peak RSS: parent {:.1} MiB, largest worker {:.1} MiB",
            parent_kib as f64 / 1024.0,
            worker_kib as f64 / 1024.0
        );
    }
    let all_ranked = summary.ranked == summary.total;
    Ok(if all_ranked {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
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
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temp file in {}", dir.display()))?;
    let _pending = crate::interrupt::Pending::new(tmp.path().to_path_buf());
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .with_context(|| format!("cannot move the output into place at {}", path.display()))?;
    Ok(())
}
