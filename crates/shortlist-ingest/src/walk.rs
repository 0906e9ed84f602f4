//! Finding the résumés under the paths a user gave.
//!
//! Files named explicitly are always processed (and reported, even when unsupported). Inside
//! folders, walked recursively in a stable order, a file is taken when its extension is
//! résumé-like, or when its content is a PDF whatever its name; anything else (a
//! `labels.csv`, a `.DS_Store`, a photo) is skipped and counted. Unreadable folders and
//! symlink loops are reported as entries, never fatal.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions a résumé is expected to carry.
pub const RESUME_EXTENSIONS: &[&str] = &["pdf", "docx", "doc", "txt", "text", "rtf", "odt"];

/// One thing found by [`walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file to process.
    File(PathBuf),
    /// A path that could not be walked (unreadable folder, symlink loop, missing path).
    Error {
        /// Where the problem is.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

impl Entry {
    /// The path of the entry.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) => p,
            Entry::Error { path, .. } => path,
        }
    }
}

/// What [`walk`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files and errors, sorted by path, each path once.
    pub entries: Vec<Entry>,
    /// Files inside folders that were not résumé-like and were skipped.
    pub skipped: usize,
}

/// A path as text for reports (CSV, JSONL, the index), without losing any byte.
///
/// Valid UTF-8 names come out unchanged, spaces, quotes and commas included (CSV quoting is
/// the writer's job). A name with bytes that are not UTF-8 (a Latin-1 `é` from an old
/// archive) keeps each such byte as a `\xNN` escape instead of collapsing it into `�`, so two
/// such files never share a name in the output and the original bytes can be recovered.
///
/// ```
/// use std::ffi::OsStr;
/// use std::os::unix::ffi::OsStrExt;
/// use shortlist_ingest::walk::display_path;
/// let p = std::path::Path::new(OsStr::from_bytes(b"cvs/r\xe9sum\xe9 \"JJ\", v2.pdf"));
/// assert_eq!(display_path(p), r#"cvs/r\xe9sum\xe9 "JJ", v2.pdf"#);
/// assert_eq!(display_path("cvs/Zoë.pdf".as_ref()), "cvs/Zoë.pdf");
/// ```
pub fn display_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Walks `paths` (files or folders) and lists the résumés to process.
pub fn walk(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                walked.entries.push(Entry::Error {
                    path: root.clone(),
                    reason: format!("cannot open: {e}"),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            walked.entries.push(Entry::File(root.clone()));
            continue;
        }
        for item in walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
        {
            match item {
                Ok(entry) if entry.file_type().is_file() => {
                    let path = entry.into_path();
                    if is_candidate(&path) {
                        walked.entries.push(Entry::File(path));
                    } else {
                        walked.skipped += 1;
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_string()
                    } else {
                        format!(
                            "cannot read: {}",
                            e.io_error()
                                .map(|io| io.to_string())
                                .unwrap_or_else(|| e.to_string())
                        )
                    };
                    walked.entries.push(Entry::Error { path, reason });
                }
            }
        }
    }
    walked.entries.sort_by(|a, b| a.path().cmp(b.path()));
    walked.entries.dedup_by(|a, b| a.path() == b.path());
    walked
}

fn is_candidate(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    if hidden {
        return false;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext
        .as_deref()
        .is_some_and(|e| RESUME_EXTENSIONS.contains(&e))
    {
        return true;
    }
    // A PDF with a misleading name is still a résumé; sniff the first bytes.
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    matches!(crate::detect(&head[..n]), crate::Kind::Pdf { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_walk_skips_non_resumes_and_reports_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("b.pdf"), b"%PDF-1.4").expect("write");
        std::fs::write(dir.path().join("a.txt"), b"text").expect("write");
        std::fs::write(dir.path().join("labels.csv"), b"file,label").expect("write");
        std::fs::write(dir.path().join("scan.bin"), b"%PDF-1.5 renamed").expect("write");
        let missing = dir.path().join("missing");
        let walked = walk(&[dir.path().to_path_buf(), missing.clone()]);
        let names: Vec<_> = walked
            .entries
            .iter()
            .map(|e| e.path().file_name().map(|n| n.to_owned()))
            .collect();
        assert_eq!(names.len(), 4, "{:?}", walked.entries);
        assert_eq!(walked.skipped, 1);
        assert!(matches!(
            walked.entries.iter().find(|e| e.path() == missing),
            Some(Entry::Error { .. })
        ));
    }
}
