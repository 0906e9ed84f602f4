//! One module per subcommand; `run` dispatches.

mod export;
mod extract;
mod index;
mod pipeline;
mod rank;
mod roles;
mod search;
mod worker;

use crate::cli::{Cli, Command, LimitArgs};
use shortlist_ingest::{Limits, WorkerCommand, WorkerPool};
use std::time::Duration;

/// Runs the parsed command and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Rank(args) => rank::run(args),
        Command::Roles => roles::run(),
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Export(args) => export::run(args),
        Command::Worker(args) => worker::run(args),
    }
}

/// Resolves the limit flags.
pub fn limits(args: &LimitArgs) -> anyhow::Result<Limits> {
    anyhow::ensure!(
        args.timeout.is_finite() && args.timeout > 0.0,
        "--timeout must be a positive number of seconds"
    );
    Ok(Limits {
        timeout: Duration::from_secs_f64(args.timeout),
        max_memory: args.max_memory,
        max_file_size: args.max_file_size,
    })
}

/// A pool of PDF workers that re-runs this very binary with the hidden worker subcommand.
pub fn worker_pool(limits: Limits) -> anyhow::Result<WorkerPool> {
    let program = std::env::current_exe()
        .map_err(|e| anyhow::anyhow!("cannot locate the shortlist binary: {e}"))?;
    let args = vec![
        "__worker".into(),
        "--timeout".into(),
        limits.timeout.as_secs_f64().to_string().into(),
        "--max-memory".into(),
        limits.max_memory.to_string().into(),
        "--max-file-size".into(),
        limits.max_file_size.to_string().into(),
    ];
    Ok(WorkerPool::new(WorkerCommand { program, args }, limits))
}
