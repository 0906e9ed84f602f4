//! The `shortlist` binary: parses arguments and wires the library crates together.
//!
//! Everything that decides anything lives in the library crates (`shortlist-ingest`,
//! `shortlist-matcher`, `shortlist-index`); this crate only knows clap, anyhow and terminals.

/// `eprintln!` that ignores a closed or broken stderr (`2>&-`, a dead pipe): a batch must not
/// die, and lose its results, for want of a place to report progress.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;
mod commands;
mod exit;
mod interrupt;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(exit::OK);
            }
            note!("shortlist: error: {e:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}

/// `shortlist rank ... | head` closes the pipe early; that is success, not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
