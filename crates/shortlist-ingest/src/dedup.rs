//! Finding files with identical content before extracting them.
//!
//! The same résumé often arrives twice (a re-application, a copy in two folders), and a
//! hostile file copied N times would cost N extractions up to the time limit each. A ranking
//! reports every copy after the first as `duplicate` anyway, so only the first needs to be
//! read. "First" is the smallest path in report order ([`display_path`]), the same rule the
//! ranking uses, so the output does not depend on which copy a thread reached first.
//!
//! Cheap before exact: files are grouped by size, then by a hash of their first and last
//! 4 KiB, and only files that still collide are hashed in full (SHA-256, the identity every
//! report uses). Distinct résumés almost never get past the first two steps.

use crate::pool::hex_sha256;
use crate::walk::display_path;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bytes read from each end of a file for the cheap key.
const EDGE: u64 = 4096;

/// A file whose content is identical to an earlier one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The first file (in report order) with this content.
    pub first: PathBuf,
    /// SHA-256 of the content.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// For every file of `paths` whose content equals an earlier file's, that earlier file.
///
/// Files that cannot be read are left out (they are reported by ingest as usual).
///
/// ```
/// let dir = tempfile::tempdir()?;
/// for (name, body) in [("a.txt", "Jane"), ("b.txt", "Jane"), ("c.txt", "John")] {
///     std::fs::write(dir.path().join(name), body)?;
/// }
/// let paths: Vec<_> = ["b.txt", "a.txt", "c.txt"].iter().map(|n| dir.path().join(n)).collect();
/// let dups = shortlist_ingest::dedup::duplicates(&paths);
/// assert_eq!(dups.len(), 1);
/// assert_eq!(dups[&dir.path().join("b.txt")].first, dir.path().join("a.txt"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn duplicates(paths: &[PathBuf]) -> HashMap<PathBuf, Duplicate> {
    let mut by_size: HashMap<u64, Vec<&PathBuf>> = HashMap::new();
    for p in paths {
        if let Ok(meta) = std::fs::metadata(p)
            && meta.is_file()
        {
            by_size.entry(meta.len()).or_default().push(p);
        }
    }
    let mut out = HashMap::new();
    for (size, group) in by_size.into_iter().filter(|(_, g)| g.len() > 1) {
        let mut by_edges: HashMap<String, Vec<&PathBuf>> = HashMap::new();
        for p in group {
            if let Some(key) = edges_key(p, size) {
                by_edges.entry(key).or_default().push(p);
            }
        }
        for group in by_edges.into_values().filter(|g| g.len() > 1) {
            let mut by_sha: HashMap<String, Vec<&PathBuf>> = HashMap::new();
            for p in group {
                if let Ok(bytes) = std::fs::read(p) {
                    by_sha.entry(hex_sha256(&bytes)).or_default().push(p);
                }
            }
            for (sha256, mut same) in by_sha.into_iter().filter(|(_, g)| g.len() > 1) {
                same.sort_by_cached_key(|p| display_path(p));
                let first = same[0].clone();
                for p in &same[1..] {
                    out.insert(
                        (*p).clone(),
                        Duplicate {
                            first: first.clone(),
                            sha256: sha256.clone(),
                            size,
                        },
                    );
                }
            }
        }
    }
    out
}

/// SHA-256 of the first and last [`EDGE`] bytes: copies made distinct by an appended line
/// (or a different header) part here without reading the middle.
fn edges_key(path: &Path, size: u64) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = Vec::with_capacity(2 * EDGE as usize);
    f.by_ref().take(EDGE).read_to_end(&mut buf).ok()?;
    if size > EDGE {
        f.seek(SeekFrom::Start(size.saturating_sub(EDGE).max(EDGE)))
            .ok()?;
        f.take(EDGE).read_to_end(&mut buf).ok()?;
    }
    Some(hex_sha256(&buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_size_different_tail_is_not_a_duplicate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let body = "x".repeat(20_000);
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.pdf");
        let c = dir.path().join("c.pdf");
        std::fs::write(&a, format!("{body}%1")).expect("write");
        std::fs::write(&b, format!("{body}%2")).expect("write");
        std::fs::write(&c, format!("{body}%1")).expect("write");
        let dups = duplicates(&[c.clone(), b, a.clone()]);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[&c].first, a);
        assert_eq!(dups[&c].size, 20_002);
    }

    #[test]
    fn same_edges_different_middle_is_not_a_duplicate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        let mut one = vec![b'x'; 3 * EDGE as usize];
        std::fs::write(&a, &one).expect("write");
        one[EDGE as usize + 10] = b'y';
        std::fs::write(&b, &one).expect("write");
        assert!(duplicates(&[a, b]).is_empty());
    }

    #[test]
    fn missing_files_are_left_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(duplicates(&[dir.path().join("nope"), dir.path().join("nope2")]).is_empty());
    }
}
