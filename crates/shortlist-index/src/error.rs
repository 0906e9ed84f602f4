//! The one error type of the index crate, so callers match on meaning
//! (missing index, incompatible index, busy writer, bad query) instead of on
//! search-engine internals.

use std::path::PathBuf;

use crate::query::QueryError;

/// Result alias used by every fallible function of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while opening, writing, searching or
/// exporting a talent index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// There is no index in `dir` (opened for searching or exporting).
    #[error(
        "no talent index at {}: run `shortlist index <PATH>... --index {}` to create it",
        dir.display(),
        dir.display()
    )]
    Missing {
        /// The directory that was expected to hold the index.
        dir: PathBuf,
    },

    /// `dir` holds an index written by a different (older or newer) layout.
    #[error(
        "the talent index at {} is incompatible with this version of shortlist ({detail}); \
         delete the directory and run `shortlist index <PATH>... --index {}` to recreate it",
        dir.display(),
        dir.display()
    )]
    Incompatible {
        /// The index directory.
        dir: PathBuf,
        /// What did not match (schema version, field layout, ...).
        detail: String,
    },

    /// Another live process holds the writer lock of `dir`.
    #[error(
        "another `shortlist index` is already writing to {}; wait for it to finish and try again",
        dir.display()
    )]
    Locked {
        /// The index directory.
        dir: PathBuf,
    },

    /// The search query could not be parsed.
    #[error("invalid query: {0}")]
    Query(#[from] QueryError),

    /// A stored document lacks a field every document must have.
    #[error("corrupt document in the talent index: {0}")]
    Corrupt(String),

    /// A filesystem operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What we were doing, e.g. "creating index directory".
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// Writing the export stream failed.
    #[error("writing the export: {0}")]
    Export(#[source] std::io::Error),

    /// Serialising a document to JSON failed.
    #[error("serialising a document to JSON: {0}")]
    Json(#[from] serde_json::Error),

    /// The search engine reported an error. The engine's own error type is kept
    /// behind a box so that no other crate has to name tantivy.
    #[error("index engine error while {context}: {source}")]
    Engine {
        /// What we were doing.
        context: &'static str,
        /// The engine's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl Error {
    /// Wraps an engine error with what we were doing at the time.
    pub(crate) fn engine(context: &'static str, err: tantivy::TantivyError) -> Self {
        Error::Engine {
            context,
            source: Box::new(err),
        }
    }
}
