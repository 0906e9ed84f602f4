//! `shortlist index`: create or incrementally update the talent-pool index.
//!
//! Unchanged files (same size and mtime as the index's own manifest) are skipped without
//! re-extraction; the rest are extracted and scored by the same pipeline as `rank` and
//! upserted, with a commit every `--commit-every` files so a killed run keeps its progress.

use super::pipeline::{self, Processed};
use crate::cli::IndexArgs;
use crate::exit;
use anyhow::Context;
use shortlist_index::{CandidateDoc, TalentIndex, TalentWriter};
use shortlist_ingest::Status;
use shortlist_ingest::walk::{self, Entry};
use shortlist_matcher::Matcher;
use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The writer's memory budget: large enough for tantivy to batch well, small next to the
/// workers' limits.
const WRITER_BUDGET: usize = 128 << 20;

struct State {
    writer: TalentWriter,
    pending: usize,
    done: usize,
    added: usize,
    updated: usize,
    failed: BTreeMap<Status, usize>,
    error: Option<anyhow::Error>,
}

/// Runs the incremental index update.
pub fn run(args: IndexArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    crate::interrupt::install(
        "stopped; the index keeps every file of its last commit (run the same command to finish)",
    );
    let limits = super::limits(&args.limits)?;
    let role = pipeline::load_role(&args.role.role)?;
    let role_name = role.name.clone();
    let matcher = Matcher::new(role).context("cannot build the matcher for this role")?;
    let as_of = pipeline::as_of(args.role.as_of.as_deref())?;
    let jobs = pipeline::jobs(args.jobs);
    let index = TalentIndex::open_or_create(&args.index)?;
    let manifest = index.manifest()?;

    let mut walked = walk::walk(&args.paths);
    let mut seen = HashSet::new();
    let mut unchanged = 0usize;
    walked.entries.retain(|entry| {
        let file = walk::display_path(entry.path());
        seen.insert(file.clone());
        let Entry::File(path) = entry else {
            return true;
        };
        let Some(known) = manifest.get(&file) else {
            return true;
        };
        let same = std::fs::metadata(path)
            .is_ok_and(|m| m.len() == known.size && mtime(&m) == known.mtime);
        unchanged += usize::from(same);
        !same
    });

    let total = walked.entries.len();
    let state = Mutex::new(State {
        writer: index.writer(WRITER_BUDGET)?,
        pending: 0,
        done: 0,
        added: 0,
        updated: 0,
        failed: BTreeMap::new(),
        error: None,
    });
    let pool = super::worker_pool(limits)?;
    let bar = pipeline::progress(total, "indexing");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let commit_every = args.commit_every.max(1);
    let sink = |p: Processed| {
        let file = walk::display_path(&p.path);
        let known = manifest.contains_key(&file);
        let (status, doc) = to_doc(p, &file, &role_name, now);
        let Ok(mut s) = state.lock() else { return };
        if s.error.is_some() {
            return;
        }
        if status != Status::Ok {
            *s.failed.entry(status).or_default() += 1;
        } else if known {
            s.updated += 1;
        } else {
            s.added += 1;
        }
        if let Err(e) = s.writer.upsert(&doc) {
            s.error = Some(anyhow::Error::new(e).context(format!("cannot index {file}")));
            return;
        }
        s.pending += 1;
        s.done += 1;
        if s.pending >= commit_every {
            match s.writer.commit() {
                Ok(()) => {
                    let msg = format!("committed {} of {} files to the index", s.done, total);
                    s.pending = 0;
                    bar.suspend(|| note!("{msg}"));
                }
                Err(e) => s.error = Some(anyhow::Error::new(e).context("commit failed")),
            }
        }
    };
    pipeline::process(
        &walked,
        &pool,
        &matcher,
        as_of,
        jobs,
        pipeline::Duplicates::Extract,
        &bar,
        &sink,
    )?;
    bar.finish_and_clear();

    let mut s = state
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
    if let Some(e) = s.error.take() {
        return Err(e);
    }
    let mut removed = 0usize;
    if args.prune {
        for file in manifest.keys().filter(|f| !seen.contains(*f)) {
            s.writer.remove_file(file)?;
            removed += 1;
        }
    }
    s.writer.commit()?;
    s.writer.finish()?;

    let failed: usize = s.failed.values().sum();
    let mut line = format!(
        "indexed in {:.1} s: {} added, {} updated, {} unchanged, {} removed, {} failed",
        started.elapsed().as_secs_f64(),
        s.added,
        s.updated,
        unchanged,
        removed,
        failed
    );
    if failed > 0 {
        let parts: Vec<String> = s.failed.iter().map(|(st, n)| format!("{n} {st}")).collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    note!("{line}");
    Ok(if failed == 0 {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

fn mtime(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

/// The document to index, with its status (also stored in the document as text).
fn to_doc(p: Processed, file: &str, role: &str, now: i64) -> (Status, CandidateDoc) {
    let meta = std::fs::metadata(&p.path).ok();
    let e = p.ingested.extraction;
    let a = p.analysis;
    let status = if a.is_some() { Status::Ok } else { e.status };
    let doc = CandidateDoc {
        id: p.ingested.sha256.unwrap_or_default(),
        file: file.to_string(),
        size: meta.as_ref().map_or(0, |m| m.len()),
        mtime: meta.as_ref().map_or(0, mtime),
        name: a.as_ref().and_then(|a| a.name.clone()).unwrap_or_default(),
        email: a.as_ref().and_then(|a| a.email.clone()).unwrap_or_default(),
        phone: a.as_ref().and_then(|a| a.phone.clone()).unwrap_or_default(),
        skills: a
            .as_ref()
            .map(|a| a.matched_backend.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        years_experience: a.as_ref().map_or(0.0, |a| a.years_experience),
        claimed_years: a.as_ref().and_then(|a| a.claimed_years),
        score: a.as_ref().map_or(0.0, |a| a.score),
        role: role.to_string(),
        status: status.as_str().to_string(),
        reason: a.as_ref().map_or(e.reason, |a| a.reason.clone()),
        indexed_at: now,
        text: e.text,
    };
    (status, doc)
}
