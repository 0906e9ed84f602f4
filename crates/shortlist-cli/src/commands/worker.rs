//! The hidden `__worker` subcommand: a PDF extraction worker for the pool.

use crate::cli::WorkerArgs;

/// Serves extraction requests until the parent closes stdin.
pub fn run(args: WorkerArgs) -> anyhow::Result<u8> {
    let limits = super::limits(&args.limits)?;
    shortlist_ingest::pool::run_worker(&limits)?;
    Ok(crate::exit::OK)
}
