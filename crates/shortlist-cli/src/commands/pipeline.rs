//! The shared batch pipeline of `rank` and `index`: walk, extract in parallel, analyse.
//!
//! Results are handed to a sink as they finish, so callers can stream them (the index
//! commits in batches; rank keeps only the small per-file facts, not the texts).

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use shortlist_ingest::pool::Ingested;
use shortlist_ingest::walk::{Entry, Walked};
use shortlist_ingest::{Extraction, Status, WorkerPool};
use shortlist_matcher::{Analysis, Matcher, Role};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One file after extraction and analysis.
pub struct Processed {
    /// The path as walked.
    pub path: PathBuf,
    /// What ingest made of it.
    pub ingested: Ingested,
    /// The matcher's analysis, when there was text.
    pub analysis: Option<Analysis>,
}

/// Time spent per stage, summed over threads.
#[derive(Debug, Default, Clone)]
pub struct StageTimes {
    /// Reading, hashing and extracting (PDF time includes IPC with workers).
    pub extract: Duration,
    /// Keyword coverage, years, contacts, score.
    pub analyze: Duration,
    /// The same, stage by stage (the matcher's own clocks).
    pub analyze_stages: shortlist_matcher::StageTimes,
    /// Finding identical files before extraction (wall time, one thread).
    pub dedup: Duration,
    /// Files not extracted because an earlier file has the same content.
    pub skipped_duplicates: usize,
}

/// Resolves `--role`: a built-in name, or a TOML file whose keyword files are read relative
/// to it.
pub fn load_role(spec: &str) -> anyhow::Result<Role> {
    let as_path = Path::new(spec);
    let looks_like_file = spec.ends_with(".toml") || spec.contains('/') || as_path.is_file();
    if !looks_like_file {
        return Role::builtin(spec).map_err(|e| {
            let names: Vec<&str> = Role::builtin_names().iter().map(|(n, _)| *n).collect();
            anyhow::anyhow!("{e}; built-in roles: {}", names.join(", "))
        });
    }
    let text = std::fs::read_to_string(as_path)
        .with_context(|| format!("cannot read role file {}", as_path.display()))?;
    let dir = as_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let load = |rel: &str| std::fs::read_to_string(dir.join(rel));
    Ok(Role::from_toml(
        &text,
        &as_path.display().to_string(),
        &load,
    )?)
}

/// Resolves `--as-of` (default: today in the local time zone).
pub fn as_of(arg: Option<&str>) -> anyhow::Result<jiff::civil::Date> {
    match arg {
        Some(s) => s
            .parse()
            .with_context(|| format!("--as-of {s:?} is not a date like 2026-01-31")),
        None => Ok(jiff::Zoned::now().date()),
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
pub fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} files ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
    }
    bar
}

/// What to do with files whose content equals an earlier file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// Extract every copy (the index keeps one document per path).
    Extract,
    /// Extract only the first copy in report order; the others come out as `duplicate`
    /// without being parsed (a ranking reports them so anyway).
    Skip,
}

/// Runs `jobs` threads over the walked entries and hands each result to `sink`.
#[allow(clippy::too_many_arguments)] // one call site each in rank and index; all are inputs
pub fn process(
    walked: &Walked,
    pool: &WorkerPool,
    matcher: &Matcher,
    as_of: jiff::civil::Date,
    jobs: usize,
    duplicates: Duplicates,
    bar: &ProgressBar,
    sink: &(dyn Fn(Processed) + Sync),
) -> anyhow::Result<StageTimes> {
    let times = Mutex::new(StageTimes::default());
    let dedup_started = Instant::now();
    let copies = match duplicates {
        Duplicates::Extract => Default::default(),
        Duplicates::Skip => {
            let files: Vec<PathBuf> = walked
                .entries
                .iter()
                .filter_map(|e| match e {
                    Entry::File(p) => Some(p.clone()),
                    Entry::Error { .. } => None,
                })
                .collect();
            shortlist_ingest::dedup::duplicates(&files)
        }
    };
    if let Ok(mut t) = times.lock() {
        t.dedup = dedup_started.elapsed();
        t.skipped_duplicates = copies.len();
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()?;
    threads.install(|| {
        walked.entries.par_iter().with_max_len(1).for_each(|entry| {
            let started = Instant::now();
            let ingested = match entry {
                Entry::File(path) => match copies.get(path) {
                    Some(copy) => Ingested {
                        extraction: Extraction::failed(
                            Status::Duplicate,
                            format!(
                                "same content as {}",
                                shortlist_ingest::walk::display_path(&copy.first)
                            ),
                        ),
                        sha256: Some(copy.sha256.clone()),
                        size: copy.size,
                    },
                    None => pool.ingest_file(path),
                },
                Entry::Error { reason, .. } => Ingested {
                    extraction: Extraction::failed(Status::Unreadable, reason.clone()),
                    sha256: None,
                    size: 0,
                },
            };
            let extracted = Instant::now();
            let analysis = (ingested.extraction.status == Status::Ok)
                .then(|| matcher.analyze(&ingested.extraction.text, as_of));
            let stages = shortlist_matcher::take_stage_times();
            if let Ok(mut t) = times.lock() {
                t.extract += extracted - started;
                t.analyze += extracted.elapsed();
                t.analyze_stages.add(&stages);
            }
            sink(Processed {
                path: entry.path().to_path_buf(),
                ingested,
                analysis,
            });
            bar.inc(1);
        });
    });
    Ok(times.into_inner().unwrap_or_default())
}

/// The number of jobs: `--jobs`, or the number of CPUs.
pub fn jobs(arg: Option<usize>) -> usize {
    arg.filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
