//! Ctrl-C, `SIGTERM` and `SIGHUP`: stop at once and leave nothing half-written.
//!
//! A batch over thousands of files can be interrupted at any moment. The handler removes the
//! output temp files registered with [`Pending`] (so `-o ranking.csv` is either the old file,
//! the complete new one, or absent: never a partial spreadsheet) and exits with 130. The PDF
//! workers and any `pdftotext` fallback die with this process: they are started with a
//! parent-death signal (see `shortlist_ingest::pool`), so no stray process survives. The index
//! needs nothing here: it is crash-safe by construction (its last commit stands).

use std::path::PathBuf;
use std::sync::Mutex;

/// Exit code after an interruption (128 + SIGINT, what shells report for Ctrl-C).
pub const INTERRUPTED: i32 = 130;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler; `what` is printed after "interrupted: " to say what was kept.
pub fn install(what: &'static str) {
    // Failing to install (a handler already set) only loses the clean-up, not correctness.
    let _ = ctrlc::set_handler(move || {
        // try_lock: the main thread may hold the lock at this very moment; a file that is
        // being registered is at worst left for the next run's temp-file clean-up.
        if let Ok(pending) = PENDING.try_lock() {
            for path in pending.iter() {
                let _ = std::fs::remove_file(path);
            }
        }
        note!("shortlist: interrupted: {what}");
        std::process::exit(INTERRUPTED);
    });
}

/// A file that must not outlive an interruption; unregistered when dropped.
pub struct Pending(PathBuf);

impl Pending {
    /// Registers `path` for removal if the process is interrupted.
    pub fn new(path: PathBuf) -> Pending {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.clone());
        }
        Pending(path)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| p != &self.0);
        }
    }
}
