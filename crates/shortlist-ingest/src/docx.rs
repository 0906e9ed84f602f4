//! DOCX résumés: the text of `word/document.xml` in reading order.
//!
//! Paragraphs become lines; table cells are separated by ` | ` and rows end lines; text boxes
//! (`w:txbxContent`) appear where they are anchored. Word writes text boxes twice, once as
//! DrawingML (`mc:Choice`) and once as VML (`mc:Fallback`), so fallbacks are skipped.
//! Decompression is bounded, so a ZIP bomb costs at most [`MAX_XML_BYTES`].

use crate::{Extraction, Extractor, Status, finish};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Largest `document.xml` that is inflated; real résumés are well under 1 MB.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

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
            Err(_) => {
                return Extraction::failed(
                    Status::Corrupt,
                    "damaged DOCX: word/document.xml is missing",
                );
            }
        };
        if entry.encrypted() {
            return Extraction::failed(Status::Encrypted, "the DOCX is password-protected");
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
        Err(e) => Extraction::failed(
            Status::Corrupt,
            format!("damaged DOCX: word/document.xml is not valid XML ({e})"),
        ),
    }
}

/// Walks WordprocessingML and returns its text with line structure.
fn document_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
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
            Event::CData(ref t) if in_text && fallback_depth == 0 => {
                out.push_str(&String::from_utf8_lossy(t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(quick_xml::Error::Syntax(
            quick_xml::errors::SyntaxError::UnclosedTag,
        ));
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

    #[test]
    fn truncated_zip_is_corrupt() {
        let bytes = docx("<w:document/>");
        assert_eq!(
            extract_docx(&bytes[..bytes.len() / 2]).status,
            Status::Corrupt
        );
    }
}
