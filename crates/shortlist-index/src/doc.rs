//! The documents the CLI hands to the index, and the per-file manifest it
//! reads back to decide what needs re-indexing.

use serde::{Deserialize, Serialize};

/// One résumé as stored in the talent pool.
///
/// The CLI builds it (extraction, skill detection and scoring happen
/// elsewhere); this crate only stores and searches it. Files that failed to
/// extract are stored too, with `status != "ok"`, so that a re-run can skip
/// them until they change; they never appear in search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateDoc {
    /// SHA-256 of the file content, lowercase hex.
    pub id: String,
    /// The file path as given to `shortlist index` (the upsert key).
    pub file: String,
    /// File size in bytes when indexed.
    pub size: u64,
    /// File modification time, unix seconds.
    pub mtime: i64,
    /// Candidate name (empty when unknown).
    pub name: String,
    /// Candidate e-mail (empty when unknown).
    pub email: String,
    /// Candidate phone number (empty when unknown).
    pub phone: String,
    /// The full normalised résumé text.
    pub text: String,
    /// Canonical skill names found in the text.
    pub skills: Vec<String>,
    /// Years of experience computed from the employment history.
    pub years_experience: f64,
    /// Years of experience the candidate claims, if stated.
    pub claimed_years: Option<f64>,
    /// Match score for `role` (0–100 by convention).
    pub score: f64,
    /// The role the score was computed for (empty when none).
    pub role: String,
    /// `"ok"`, or why the file could not be processed (`"no_text"`, `"encrypted"`, …).
    pub status: String,
    /// Human-readable detail for a non-ok status.
    pub reason: String,
    /// When the document was indexed, unix seconds.
    pub indexed_at: i64,
}

/// The status value of a successfully processed résumé; only these are searchable.
pub const STATUS_OK: &str = "ok";

/// What the index knows about one file, used to skip unchanged files on re-runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// SHA-256 of the content that was indexed.
    pub id: String,
    /// File size in bytes when indexed.
    pub size: u64,
    /// File modification time (unix seconds) when indexed.
    pub mtime: i64,
}
