//! `shortlist export`: the indexed candidates as Elasticsearch/OpenSearch bulk NDJSON.

use crate::cli::{ExportArgs, ExportFormat};
use shortlist_index::TalentIndex;
use std::io::Write;

/// Writes the bulk file (or the mapping) to stdout.
pub fn run(args: ExportArgs) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ExportFormat::EsMapping => writeln!(out, "{}", shortlist_index::es_mapping_json())?,
        ExportFormat::EsBulk => {
            let index = TalentIndex::open(&args.index)?;
            let n = index.export_es_bulk(&mut out)?;
            out.flush()?;
            note!("exported {} candidates", shortlist_report::thousands(n));
        }
    }
    out.flush()?;
    Ok(crate::exit::OK)
}
