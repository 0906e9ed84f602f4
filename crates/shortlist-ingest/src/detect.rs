//! Content-based type detection: magic bytes decide, the file name never does.
//!
//! Résumé folders are full of files whose extension lies: a PNG headshot saved as `.pdf`, a web
//! page saved as `.pdf`, a `.doc` that is really RTF. Only the bytes are trusted.

use std::io::{Cursor, Read};

/// What a file is, judged by its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A PDF whose `%PDF-` header starts at `offset` (Acrobat accepts up to 1024 bytes of junk).
    Pdf {
        /// Byte offset of the `%PDF-` header.
        offset: usize,
    },
    /// A ZIP container holding `word/document.xml`.
    Docx,
    /// Text in some encoding.
    Text,
    /// Anything else, with a short description of what it looks like.
    Unsupported(String),
}

/// How far into the file a `%PDF-` header may start.
const PDF_HEADER_WINDOW: usize = 1024;

/// Detects the kind of a file from its first bytes (and, for ZIP files, its directory).
///
/// ```
/// use shortlist_ingest::{detect, Kind};
/// assert_eq!(detect(b"%PDF-1.7\n..."), Kind::Pdf { offset: 0 });
/// assert_eq!(detect(b"\xef\xbb\xbf%PDF-1.4"), Kind::Pdf { offset: 3 });
/// assert_eq!(detect("Jane Doe, backend engineer".as_bytes()), Kind::Text);
/// assert!(matches!(detect(b"\x89PNG\r\n\x1a\n"), Kind::Unsupported(_)));
/// ```
pub fn detect(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if let Some(offset) = find(head, b"%PDF-") {
        return Kind::Pdf { offset };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(bytes);
    }
    if let Some(what) = binary_magic(bytes) {
        return Kind::Unsupported(what.to_string());
    }
    if looks_like_html(bytes) {
        return Kind::Unsupported("an HTML page (save it as PDF or text instead)".to_string());
    }
    if looks_like_text(bytes) {
        return Kind::Text;
    }
    Kind::Unsupported("binary data of an unknown format".to_string())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn detect_zip(bytes: &[u8]) -> Kind {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A local-file header but no readable central directory: a truncated or damaged DOCX is
        // the likely story, and reporting it as corrupt tells the user more than "unsupported".
        return Kind::Docx;
    };
    if archive.by_name("word/document.xml").is_ok() {
        return Kind::Docx;
    }
    let mut mimetype = String::new();
    if let Ok(mut f) = archive.by_name("mimetype") {
        let _ = f.by_ref().take(200).read_to_string(&mut mimetype);
    }
    if mimetype.contains("opendocument.text") {
        return Kind::Unsupported(
            "an OpenDocument text (.odt); export it as PDF or DOCX".to_string(),
        );
    }
    if archive.by_name("[Content_Types].xml").is_ok()
        && archive.file_names().any(|n| n.starts_with("word/"))
    {
        // A Word package whose main part is missing or renamed: a broken DOCX.
        return Kind::Docx;
    }
    Kind::Unsupported("a ZIP archive that is not a Word document".to_string())
}

fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"RIFF", "a RIFF container (WebP image or audio)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "a legacy Office file (.doc) or a password-protected Office document",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7fELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"%!PS", "a PostScript file"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(64)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<?xml")
}

/// Text if it has a Unicode BOM, is valid UTF-8 without NULs, or is mostly printable bytes
/// (legacy 8-bit encodings such as Windows-1252).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xef\xbb\xbf")
        || bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff")
    {
        return true;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return false;
    }
    // A multi-byte character may straddle the sample's end: only a real error counts.
    match std::str::from_utf8(sample) {
        Ok(_) => return true,
        Err(e) if e.error_len().is_none() => return true,
        Err(_) => {}
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 100 <= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_saved_as_pdf_is_unsupported() {
        assert!(matches!(
            detect(b"<!DOCTYPE html><html><body>CV</body></html>"),
            Kind::Unsupported(_)
        ));
    }

    #[test]
    fn random_bytes_are_unsupported() {
        let bytes: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(matches!(detect(&bytes), Kind::Unsupported(_)));
    }

    #[test]
    fn utf16_and_latin1_are_text() {
        assert_eq!(detect(b"\xff\xfeJ\0a\0n\0"), Kind::Text);
        assert_eq!(detect(b"Ren\xe9e M\xfcller, d\xe9veloppeuse"), Kind::Text);
    }

    #[test]
    fn pdf_header_after_junk() {
        assert_eq!(detect(b"junk junk\n%PDF-1.4\n"), Kind::Pdf { offset: 10 });
    }
}
