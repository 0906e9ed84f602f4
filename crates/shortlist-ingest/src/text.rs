//! Plain-text résumés: decoding by BOM, then UTF-8, then a lenient legacy fallback.

use crate::{Extraction, Extractor, Status, finish};

/// How the bytes were decoded, for the reason line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 little-endian with BOM.
    Utf16Le,
    /// UTF-16 big-endian with BOM.
    Utf16Be,
    /// Not valid UTF-8: decoded as Windows-1252, which maps every byte to some character.
    Windows1252,
}

/// Decodes text bytes, never failing: invalid UTF-8 falls back to Windows-1252 (the usual
/// encoding of such files, and a superset of Latin-1's printable range).
///
/// ```
/// use shortlist_ingest::text::{decode, Encoding};
/// assert_eq!(decode(b"\xff\xfeO\0k\0"), ("Ok".to_string(), Encoding::Utf16Le));
/// assert_eq!(decode(b"caf\xe9"), ("café".to_string(), Encoding::Windows1252));
/// ```
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
    }
    if bytes.starts_with(b"\xff\xfe") {
        let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
        return (text.into_owned(), Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xfe\xff") {
        let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
        return (text.into_owned(), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// Extracts a text file.
pub fn extract_text(bytes: &[u8]) -> Extraction {
    let (text, encoding) = decode(bytes);
    let what = match encoding {
        Encoding::Utf8 => "UTF-8 text",
        Encoding::Utf16Le => "UTF-16LE text",
        Encoding::Utf16Be => "UTF-16BE text",
        Encoding::Windows1252 => "text that is not valid UTF-8, decoded as Windows-1252",
    };
    let mut out = finish(&text, None, Extractor::Text, what);
    if out.status == Status::NoText {
        out.reason = "the text file holds only whitespace".to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_fallback_keeps_accents_and_quotes() {
        let out = extract_text(b"Ren\xe9e \x93Ops\x94 \x96 5 \x80");
        assert_eq!(out.status, Status::Ok);
        assert_eq!(out.text, "Renée \"Ops\" - 5 €");
        assert!(out.reason.contains("Windows-1252"));
    }

    #[test]
    fn utf16be() {
        assert_eq!(decode(b"\xfe\xff\0O\0k").0, "Ok");
    }

    #[test]
    fn whitespace_only_is_no_text() {
        assert_eq!(extract_text(b" \n\t\n").status, Status::NoText);
    }
}
