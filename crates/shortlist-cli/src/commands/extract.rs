//! `shortlist extract FILE...`: the normalised text of each file, or one JSON object per file.

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::exit;
use serde::Serialize;
use shortlist_ingest::Status;
use std::io::Write;

#[derive(Serialize)]
struct Row<'a> {
    file: String,
    status: Status,
    reason: &'a str,
    pages: Option<u32>,
    chars: usize,
    extractor: shortlist_ingest::Extractor,
    text: &'a str,
}

/// Extracts every file in order; files are processed one after another (use `rank` for batches).
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let limits = super::limits(&args.limits)?;
    let pool = super::worker_pool(limits)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let several = args.files.len() > 1;
    for path in &args.files {
        let ingested = pool.ingest_file(path);
        let e = &ingested.extraction;
        all_ok &= e.status == Status::Ok;
        match args.format {
            ExtractFormat::Jsonl => {
                let row = Row {
                    file: shortlist_ingest::walk::display_path(path),
                    status: e.status,
                    reason: &e.reason,
                    pages: e.pages,
                    chars: e.chars(),
                    extractor: e.extractor,
                    text: &e.text,
                };
                serde_json::to_writer(&mut out, &row)?;
                writeln!(out)?;
            }
            ExtractFormat::Text => {
                if several {
                    writeln!(out, "==> {} [{}] <==", path.display(), e.status)?;
                }
                if e.status == Status::Ok {
                    writeln!(out, "{}", e.text)?;
                } else {
                    note!("shortlist: {}: {}: {}", path.display(), e.status, e.reason);
                }
            }
        }
        out.flush()?;
    }
    Ok(if all_ok { exit::OK } else { exit::SOME_FAILED })
}
