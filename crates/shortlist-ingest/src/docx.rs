//! DOCX résumés: the text of `word/document.xml` in reading order.
//!
//! Paragraphs become lines; table cells are separated by ` | ` and rows end lines; text boxes
//! (`w:txbxContent`) appear where they are anchored. Word writes text boxes twice, once as
//! DrawingML (`mc:Choice`) and once as VML (`mc:Fallback`), so fallbacks are skipped.
//!
//! A DOCX is a ZIP written by someone else, so:
//!
//! * only `word/document.xml` is ever inflated (the ZIP directory is read, no other entry's
//!   data), and inflation stops at [`MAX_XML_BYTES`]: a ZIP bomb costs at most that much, and a
//!   header that admits to more is refused before inflating anything;
//! * XML entity declarations (`<!DOCTYPE ... [<!ENTITY ...>]>`) are refused outright. quick-xml
//!   never expands custom entities (a reference to one is an "unrecognized entity" error), so
//!   billion-laughs and external entities (XXE) cannot expand or fetch anything today; the
//!   refusal makes that a stated rule with a clear reason, not a side effect of a dependency.
//!   Word never writes a DOCTYPE, so no real résumé is lost.

use crate::{Extraction, Extractor, Status, finish};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Largest `document.xml` that is inflated. Real résumés are well under 1 MB (the largest in
/// the shared corpus is 0.5 MB); 16 MiB leaves room for odd ones while keeping the parent's
/// memory per file (XML, text, normalised text) far below the PDF workers' limit.
pub const MAX_XML_BYTES: u64 = 16 * 1024 * 1024;

/// Why `word/document.xml` could not be read as WordprocessingML.
#[derive(Debug, thiserror::Error)]
enum XmlError {
    /// Not well-formed, or uses an entity that is not predefined.
    #[error(transparent)]
    Xml(#[from] quick_xml::Error),
    /// Declares entities in a DOCTYPE; see the module docs.
    #[error("it declares XML entities in a DOCTYPE")]
    EntityDeclaration,
}

/// Extracts the text of a DOCX file.
pub fn extract_docx(bytes: &[u8]) -> Extraction {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            return Extraction::failed(
                Status::Corrupt,
                format!("damaged DOCX: the ZIP container cannot be read ({e})"),
            );
        }
    };
    let mut xml = Vec::new();
    {
        let entry = match archive.by_name("word/document.xml") {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => {
                return Extraction::failed(
                    Status::Corrupt,
                    "damaged DOCX: word/document.xml is missing",
                );
            }
            Err(e) => {
                return Extraction::failed(
                    Status::Corrupt,
                    format!("damaged DOCX: word/document.xml cannot be opened ({e})"),
                );
            }
        };
        if entry.encrypted() {
            return Extraction::failed(Status::Encrypted, "the DOCX is password-protected");
        }
        // The header's size may lie low (the `take` below still bounds inflation), but one
        // that admits to more than the limit is refused without inflating a byte.
        if entry.size() > MAX_XML_BYTES {
            return Extraction::failed(
                Status::TooLarge,
                format!(
                    "word/document.xml claims {} bytes, over the {MAX_XML_BYTES}-byte limit",
                    entry.size()
                ),
            );
        }
        if let Err(e) = entry.take(MAX_XML_BYTES + 1).read_to_end(&mut xml) {
            return Extraction::failed(
                Status::Corrupt,
                format!("damaged DOCX: word/document.xml cannot be inflated ({e})"),
            );
        }
    }
    if xml.len() as u64 > MAX_XML_BYTES {
        return Extraction::failed(
            Status::TooLarge,
            format!("word/document.xml inflates to more than {MAX_XML_BYTES} bytes"),
        );
    }
    match document_text(&xml) {
        Ok(text) => finish(&text, None, Extractor::Docx, "DOCX"),
        Err(XmlError::EntityDeclaration) => Extraction::failed(
            Status::Corrupt,
            "refused DOCX: word/document.xml declares XML entities (<!ENTITY> in a DOCTYPE); \
             entity declarations are refused, as Word never writes them and they are how \
             billion-laughs and external-entity attacks start",
        ),
        Err(XmlError::Xml(quick_xml::Error::Escape(
            quick_xml::escape::EscapeError::UnrecognizedEntity(_, name),
        ))) => Extraction::failed(
            Status::Corrupt,
            format!(
                "damaged DOCX: word/document.xml refers to an undeclared XML entity &{}; \
                 (only the five predefined entities are read)",
                name.chars().take(40).collect::<String>()
            ),
        ),
        Err(e) => Extraction::failed(
            Status::Corrupt,
            format!("damaged DOCX: word/document.xml is not valid XML ({e})"),
        ),
    }
}

/// Whether a DOCTYPE's text declares an entity (general or parameter), in any letter case:
/// quick-xml accepts `<!doctype`, so the check does not trust case either.
fn declares_entities(doctype: &[u8]) -> bool {
    const NEEDLE: &[u8] = b"<!entity";
    doctype
        .windows(NEEDLE.len())
        .any(|w| w.eq_ignore_ascii_case(NEEDLE))
}

/// Walks WordprocessingML and returns its text with line structure.
fn document_text(xml: &[u8]) -> Result<String, XmlError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut in_text = false;
    let mut fallback_depth = 0usize;
    let mut cell_depth = 0usize;
    let mut saw_root = false;
    loop {
        let event = reader.read_event_into(&mut buf)?;
        match event {
            Event::Start(ref e) => {
                saw_root = true;
                let name = e.local_name();
                match name.as_ref() {
                    b"Fallback" => fallback_depth += 1,
                    b"tc" => cell_depth += 1,
                    b"t" if fallback_depth == 0 => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(ref e) if fallback_depth == 0 => {
                saw_root = true;
                match e.local_name().as_ref() {
                    b"tab" | b"ptab" => out.push('\t'),
                    b"br" | b"cr" => out.push('\n'),
                    b"noBreakHyphen" | b"softHyphen" => out.push('-'),
                    _ => {}
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"Fallback" => fallback_depth = fallback_depth.saturating_sub(1),
                _ if fallback_depth > 0 => {}
                b"t" => in_text = false,
                // Inside a table cell, paragraphs flow into one cell; rows become lines.
                b"p" => out.push(if cell_depth > 0 { ' ' } else { '\n' }),
                b"tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    out.push_str(" | ");
                }
                b"tr" => out.push('\n'),
                _ => {}
            },
            Event::Text(ref t) if in_text && fallback_depth == 0 => {
                out.push_str(&t.unescape()?);
            }
            Event::DocType(ref d) if declares_entities(d) => {
                return Err(XmlError::EntityDeclaration);
            }
            Event::CData(ref t) if in_text && fallback_depth == 0 => {
                out.push_str(&String::from_utf8_lossy(t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(XmlError::Xml(quick_xml::Error::Syntax(
            quick_xml::errors::SyntaxError::UnclosedTag,
        )));
    }
    // Cells end with " | "; drop the trailing separator on each row.
    Ok(out
        .lines()
        .map(|l| l.trim_end().trim_end_matches('|').trim_end())
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document_xml: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file("[Content_Types].xml", opts).expect("zip");
            zip.write_all(b"<Types/>").expect("zip");
            zip.start_file("word/document.xml", opts).expect("zip");
            zip.write_all(document_xml.as_bytes()).expect("zip");
            zip.finish().expect("zip");
        }
        buf.into_inner()
    }

    #[test]
    fn paragraphs_tables_and_text_boxes() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:r><w:t>Jane</w:t></w:r><w:r><w:t xml:space="preserve"> Doe</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>2019 – 2021</w:t></w:r></w:p></w:tc>
                         <w:tc><w:p><w:r><w:t>Acme &amp; Co</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Choice>
                 <mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:p>
            </w:body></w:document>"#;
        let out = extract_docx(&docx(xml));
        assert_eq!(out.status, Status::Ok, "{}", out.reason);
        assert_eq!(out.text, "Jane Doe\n2019 - 2021 | Acme & Co\nBox");
    }

    #[test]
    fn garbage_xml_is_corrupt() {
        let out = extract_docx(&docx("\u{1}\u{2}garbage<<<"));
        assert_eq!(out.status, Status::Corrupt);
    }

    const BODY: &str = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p></w:body></w:document>"#;

    fn assert_entities_refused(xml: &str) {
        let started = std::time::Instant::now();
        let out = extract_docx(&docx(xml));
        assert_eq!(out.status, Status::Corrupt, "{}", out.reason);
        assert!(
            out.reason.contains("entity declarations are refused"),
            "{}",
            out.reason
        );
        assert!(out.text.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for i in 1..=10 {
            dtd.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", i - 1).repeat(10)
            ));
        }
        dtd.push_str("]>");
        assert_entities_refused(&format!(
            "<?xml version=\"1.0\"?>{dtd}{}",
            BODY.replace("Jane Doe", "&lol10;")
        ));
        // Declared but never used: still refused, so the rule does not depend on the body.
        assert_entities_refused(&format!("{dtd}{BODY}"));
    }

    #[test]
    fn external_and_parameter_entities_are_refused() {
        assert_entities_refused(&format!(
            "<!DOCTYPE w [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
            BODY.replace("Jane Doe", "&xxe;")
        ));
        assert_entities_refused(&format!(
            "<!doctype w [<!entity % ext SYSTEM \"http://127.0.0.1/x.dtd\"> %ext;]>{BODY}"
        ));
    }

    #[test]
    fn a_doctype_without_entities_is_read() {
        let out = extract_docx(&docx(&format!("<!DOCTYPE w:document>{BODY}")));
        assert_eq!(out.status, Status::Ok, "{}", out.reason);
        assert_eq!(out.text, "Jane Doe");
    }

    #[test]
    fn an_undeclared_entity_is_corrupt_and_named() {
        let out = extract_docx(&docx(&BODY.replace("Jane Doe", "&nbsp;Jane")));
        assert_eq!(out.status, Status::Corrupt);
        assert!(
            out.reason.contains("undeclared XML entity &nbsp;"),
            "{}",
            out.reason
        );
    }

    /// Byte offsets of the central-directory headers of `bytes`.
    fn central_headers(bytes: &[u8]) -> Vec<usize> {
        bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x01\x02")
            .map(|(i, _)| i)
            .collect()
    }

    fn bomb_docx() -> Vec<u8> {
        let filler = "A".repeat((MAX_XML_BYTES + (1 << 20)) as usize);
        docx(&BODY.replace("Jane Doe", &filler))
    }

    #[test]
    fn a_zip_bomb_is_too_large_without_inflating_it() {
        let bytes = bomb_docx();
        assert!(bytes.len() < 200_000, "the bomb compresses well");
        let started = std::time::Instant::now();
        let out = extract_docx(&bytes);
        assert_eq!(out.status, Status::TooLarge, "{}", out.reason);
        assert!(out.reason.contains("claims"), "{}", out.reason);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn a_zip_bomb_that_lies_about_its_size_stops_at_the_limit() {
        let mut bytes = bomb_docx();
        // The central directory's uncompressed size (offset 24) is what the reader believes.
        let last = *central_headers(&bytes).last().expect("central header");
        bytes[last + 24..last + 28].copy_from_slice(&1000u32.to_le_bytes());
        let started = std::time::Instant::now();
        let out = extract_docx(&bytes);
        assert!(
            matches!(out.status, Status::TooLarge | Status::Corrupt),
            "{}: {}",
            out.status,
            out.reason
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn only_word_document_xml_is_inflated() {
        // A second entry whose data is not a deflate stream at all: inflating it would fail.
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("word/media/image1.png", stored)
                .expect("zip");
            zip.write_all(&[0xFF; 4096]).expect("zip");
            zip.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .expect("zip");
            zip.write_all(BODY.as_bytes()).expect("zip");
            zip.finish().expect("zip");
        }
        let mut bytes = buf.into_inner();
        // Mark the image as deflated, in its local and central headers (method at 8 and 10).
        bytes[8..10].copy_from_slice(&8u16.to_le_bytes());
        let first = central_headers(&bytes)[0];
        bytes[first + 10..first + 12].copy_from_slice(&8u16.to_le_bytes());
        let out = extract_docx(&bytes);
        assert_eq!(out.status, Status::Ok, "{}", out.reason);
        assert_eq!(out.text, "Jane Doe");
    }

    #[test]
    fn an_unsupported_compression_method_is_not_reported_as_missing() {
        let mut bytes = docx(BODY);
        let last = *central_headers(&bytes).last().expect("central header");
        bytes[last + 10..last + 12].copy_from_slice(&99u16.to_le_bytes());
        let out = extract_docx(&bytes);
        assert_eq!(out.status, Status::Corrupt);
        assert!(!out.reason.contains("missing"), "{}", out.reason);
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let bytes = docx("<w:document/>");
        assert_eq!(
            extract_docx(&bytes[..bytes.len() / 2]).status,
            Status::Corrupt
        );
    }
}
