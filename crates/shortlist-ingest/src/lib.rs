//! Turns a résumé file into normalised text, or into a typed, explained failure.
//!
//! shortlist reads folders written by other people, so every file is treated as hostile:
//!
//! * the type is detected from the content ([`detect()`]), never from the extension;
//! * PDFs are parsed by `pdf-extract` only inside worker processes ([`pool`]) that run under a
//!   time limit and an address-space limit, because `pdf-extract` can panic, overflow its stack,
//!   loop or allocate gigabytes on malformed files;
//! * DOCX ([`docx`]) and plain text ([`text`]) are parsed in-process with bounded buffers;
//! * every file ends with exactly one [`Status`] and a one-line human reason ([`Extraction`]).
//!
//! The text that comes out is normalised ([`normalize`]) so that keyword matching and
//! date parsing downstream work on one canonical form.
//!
//! # Example
//!
//! ```
//! use shortlist_ingest::{extract_bytes, Limits, Status};
//!
//! let out = extract_bytes(b"Jane Doe\nBackend engineer, 2019 \xe2\x80\x93 2024\n", &Limits::default());
//! assert_eq!(out.status, Status::Ok);
//! assert_eq!(out.text, "Jane Doe\nBackend engineer, 2019 - 2024");
//! ```

pub mod dedup;
pub mod detect;
pub mod docx;
pub mod normalize;
pub mod pdf;
pub mod pool;
pub mod text;
pub mod walk;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

pub use detect::{Kind, detect};
pub use pool::{WorkerCommand, WorkerPool};

/// The one outcome of ingesting a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Text was extracted.
    Ok,
    /// A valid document without a text layer (e.g. a scanned résumé).
    NoText,
    /// The document needs a password.
    Encrypted,
    /// The file claims a known format but cannot be parsed.
    Corrupt,
    /// Not a PDF, DOCX or text file.
    Unsupported,
    /// Zero bytes.
    EmptyFile,
    /// Over the file-size limit, or extraction needed more memory than allowed.
    TooLarge,
    /// Extraction did not finish within the time limit.
    Timeout,
    /// The parser crashed (panic, stack overflow, abort); the batch carried on.
    ParserCrash,
    /// The file could not be read (I/O or permission error).
    Unreadable,
    /// Content identical to a file seen earlier in the same run (set by callers, not by ingest).
    Duplicate,
}

impl Status {
    /// The snake_case name used in CSV, JSONL and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NoText => "no_text",
            Status::Encrypted => "encrypted",
            Status::Corrupt => "corrupt",
            Status::Unsupported => "unsupported",
            Status::EmptyFile => "empty_file",
            Status::TooLarge => "too_large",
            Status::Timeout => "timeout",
            Status::ParserCrash => "parser_crash",
            Status::Unreadable => "unreadable",
            Status::Duplicate => "duplicate",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which code produced the text; reported so a surprising result can be traced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extractor {
    /// Nothing was extracted (the file failed before a parser ran).
    None,
    /// Plain text decoding.
    Text,
    /// The DOCX reader.
    Docx,
    /// `pdf-extract` with shortlist's own layout pass.
    PdfExtract,
    /// poppler's `pdftotext`, used only when `pdf-extract` failed and it is installed.
    Pdftotext,
}

/// The result of ingesting one file: a status, a reason, and (when `status` is `ok`) the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The outcome.
    pub status: Status,
    /// One human-readable line explaining the status (empty is never used: `ok` says what was read).
    pub reason: String,
    /// Number of pages, when the format has pages and they could be counted.
    pub pages: Option<u32>,
    /// Normalised text; empty unless `status` is `ok`.
    pub text: String,
    /// Which parser produced the text.
    pub extractor: Extractor,
}

impl Extraction {
    /// A failure with no text.
    pub fn failed(status: Status, reason: impl Into<String>) -> Self {
        Extraction {
            status,
            reason: reason.into(),
            pages: None,
            text: String::new(),
            extractor: Extractor::None,
        }
    }

    /// Number of characters of text (Unicode scalar values).
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// Limits applied to every file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time allowed for one PDF in a worker.
    pub timeout: Duration,
    /// Address-space limit of each PDF worker process, in bytes.
    pub max_memory: u64,
    /// Files larger than this are not opened.
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(20),
            max_memory: 1 << 30,
            max_file_size: 50_000_000,
        }
    }
}

/// Extracts text from bytes in the current process, for every type except PDF parsing proper,
/// which callers should route through a [`WorkerPool`]. PDFs given here are parsed in-process:
/// use that only inside a worker (or on trusted input).
pub fn extract_bytes(bytes: &[u8], limits: &Limits) -> Extraction {
    if bytes.is_empty() {
        return Extraction::failed(Status::EmptyFile, "the file is empty (0 bytes)");
    }
    if bytes.len() as u64 > limits.max_file_size {
        return Extraction::failed(
            Status::TooLarge,
            format!(
                "{} bytes is over the {}-byte file-size limit",
                bytes.len(),
                limits.max_file_size
            ),
        );
    }
    match detect(bytes) {
        Kind::Pdf { offset } => pdf::extract_pdf(&bytes[offset..]),
        Kind::Docx => docx::extract_docx(bytes),
        Kind::Text => text::extract_text(bytes),
        Kind::Unsupported(what) => Extraction::failed(
            Status::Unsupported,
            format!("not a résumé format shortlist reads: {what}"),
        ),
    }
}

thread_local! {
    /// Time this thread has spent in [`normalize::normalize`] via [`finish`], for `--timings`.
    static NORMALIZE_TIME: std::cell::Cell<Duration> = const { std::cell::Cell::new(Duration::ZERO) };
}

/// Time the calling thread has spent normalising text since the last call, and resets it.
/// Ingest measures this itself because normalisation runs inside every parser's `finish`.
pub fn take_normalize_time() -> Duration {
    NORMALIZE_TIME.with(|t| t.replace(Duration::ZERO))
}

/// Most normalised text a file may yield. A 50-page CV is about 150 KB of text; anything past
/// this is a text bomb (or not a résumé), and carrying it on would cost the parent memory and
/// the matcher seconds.
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// Finishes an extraction from raw text: normalises it and decides between `ok` and `no_text`.
pub(crate) fn finish(
    raw: &str,
    pages: Option<u32>,
    extractor: Extractor,
    what: &str,
) -> Extraction {
    // Normalisation only removes (whitespace, joins): raw text twice the cap cannot fit.
    if raw.len() > 2 * MAX_TEXT_BYTES {
        return text_too_large(what);
    }
    let started = std::time::Instant::now();
    let text = normalize::normalize(raw);
    NORMALIZE_TIME.with(|t| t.set(t.get() + started.elapsed()));
    if text.len() > MAX_TEXT_BYTES {
        return text_too_large(what);
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible == 0 {
        let reason = match pages {
            Some(n) => format!(
                "{what} has no text layer ({n} page{}); it may be a scan",
                if n == 1 { "" } else { "s" }
            ),
            None => format!("{what} contains no text"),
        };
        return Extraction {
            status: Status::NoText,
            reason,
            pages,
            text: String::new(),
            extractor,
        };
    }
    let reason = match pages {
        Some(n) => format!(
            "{what}: {n} page{}, {visible} visible characters",
            if n == 1 { "" } else { "s" }
        ),
        None => format!("{what}: {visible} visible characters"),
    };
    Extraction {
        status: Status::Ok,
        reason,
        pages,
        text,
        extractor,
    }
}

fn text_too_large(what: &str) -> Extraction {
    Extraction::failed(
        Status::TooLarge,
        format!(
            "{what} yields more than {} MiB of text; no résumé is that long",
            MAX_TEXT_BYTES >> 20
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_bombs_are_too_large() {
        let big = "Java developer. ".repeat(MAX_TEXT_BYTES / 16 + 1);
        let e = finish(&big, None, Extractor::Text, "text file");
        assert_eq!(e.status, Status::TooLarge, "{}", e.reason);
        assert!(e.text.is_empty());
        let fine = finish("Java developer", None, Extractor::Text, "text file");
        assert_eq!(fine.status, Status::Ok);
    }

    #[test]
    fn empty_and_too_large() {
        assert_eq!(
            extract_bytes(b"", &Limits::default()).status,
            Status::EmptyFile
        );
        let limits = Limits {
            max_file_size: 3,
            ..Limits::default()
        };
        assert_eq!(extract_bytes(b"hello", &limits).status, Status::TooLarge);
    }

    #[test]
    fn unsupported_png() {
        let out = extract_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &Limits::default());
        assert_eq!(out.status, Status::Unsupported);
        assert!(out.reason.contains("PNG"), "{}", out.reason);
    }

    #[test]
    fn status_names_round_trip_through_serde() {
        let json = serde_json::to_string(&Status::ParserCrash).expect("serialize");
        assert_eq!(json, "\"parser_crash\"");
        assert_eq!(Status::NoText.as_str(), "no_text");
    }
}
