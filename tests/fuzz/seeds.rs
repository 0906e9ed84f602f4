//! Seed files: the repository's `fixtures/`, the shared corpus beside the repository (when
//! present), and a few synthetic documents, so the harness has seeds even on a bare checkout.

use std::path::{Path, PathBuf};

/// Which format a seed is (by content, like the ingester).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF (a `%PDF-` header in the first KiB).
    Pdf,
    /// A ZIP container, i.e. a DOCX.
    Docx,
}

/// Where a seed came from; corpus-derived variants must never be committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The repository's `fixtures/`.
    Fixture,
    /// `../shared/corpus/` (real people's résumés, or the hostile set).
    Corpus,
    /// `../shared/corpus/hostile/`: already broken, so structure-aware mutations skip it.
    Hostile,
    /// Built by [`crate::synth`].
    Synthetic,
}

/// One seed file.
pub struct Seed {
    /// A short name for summaries (path relative to its root).
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Its origin.
    pub origin: Origin,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn format_of(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Some(Format::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(Format::Docx)
    } else {
        None
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

fn add_dir(root: &Path, dir: &Path, origin: Origin, max_bytes: u64, seeds: &mut Vec<Seed>) {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    for path in files {
        let Ok(meta) = path.metadata() else { continue };
        if meta.len() == 0 || meta.len() > max_bytes {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Some(format) = format_of(&bytes) else {
            continue;
        };
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        seeds.push(Seed {
            name,
            format,
            origin,
            bytes,
        });
    }
}

/// Loads every PDF and DOCX seed no larger than `max_bytes`, in a stable order.
pub fn load(max_bytes: u64) -> Vec<Seed> {
    let repo = repo();
    let mut seeds = vec![
        Seed {
            name: "synthetic/resume.pdf".into(),
            format: Format::Pdf,
            origin: Origin::Synthetic,
            bytes: crate::synth::resume_pdf(),
        },
        Seed {
            name: "synthetic/resume.docx".into(),
            format: Format::Docx,
            origin: Origin::Synthetic,
            bytes: crate::synth::resume_docx(),
        },
    ];
    add_dir(
        &repo,
        &repo.join("fixtures"),
        Origin::Fixture,
        max_bytes,
        &mut seeds,
    );
    let corpus = repo.join("../shared/corpus");
    if corpus.is_dir() {
        for sub in ["pdfs", "docx", "labelled"] {
            add_dir(
                &corpus,
                &corpus.join(sub),
                Origin::Corpus,
                max_bytes,
                &mut seeds,
            );
        }
        add_dir(
            &corpus,
            &corpus.join("hostile"),
            Origin::Hostile,
            max_bytes,
            &mut seeds,
        );
    } else {
        println!(
            "fuzz: note: no shared corpus at {} (only fixtures/ and synthetic seeds are used)",
            corpus.display()
        );
    }
    seeds
}
