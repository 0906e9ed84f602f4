//! DOCX mutations: XML damage inside a valid ZIP, bombs, entity declarations, missing
//! entries, and ZIP containers whose directories or headers lie.

use crate::mutate::{Expect, Kind, byte_level, find_all};
use crate::synth::{self, RawEntry};
use fastrand::Rng;
use shortlist_ingest::Status;
use std::io::{Cursor, Read};

/// The entries of a seed DOCX (name, inflated bytes), or `None` if the seed is not a
/// readable ZIP. Each entry is read through a bound: seeds are trusted, but not that much.
fn entries(seed: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).ok()?;
        let mut data = Vec::new();
        f.by_ref().take(16 << 20).read_to_end(&mut data).ok()?;
        out.push((f.name().to_string(), data));
    }
    out.iter()
        .any(|(n, _)| n == "word/document.xml")
        .then_some(out)
}

const XML_TOKENS: &[&str] = &[
    "<",
    ">",
    "</w:t>",
    "<w:t>",
    "<w:p>",
    "</w:p>",
    "<w:tc>",
    "</w:tc>",
    "<mc:Fallback>",
    "</mc:Fallback>",
    "&",
    "&amp",
    "&#xD800;",
    "&#0;",
    "&#99999999;",
    "&unknown;",
    "<![CDATA[",
    "]]>",
    "<?xml version=\"1.0\"?>",
    "<!--",
    "-->",
    "<!DOCTYPE x>",
    "\u{0}",
    "\u{feff}",
    "xml:space=\"preserve\"",
    "<w:br/>",
    "<w:tab/>",
    "<w:t xml:space=\"preserve\">",
    "=\"",
    "<a b=\"1\" b=\"2\"/>",
];

fn xml_mutate(rng: &mut Rng, xml: &mut Vec<u8>, note: &mut String) {
    let ops = rng.usize(1..=4);
    for _ in 0..ops {
        let at = rng.usize(..=xml.len());
        match rng.u8(..6) {
            0 => {
                let t = XML_TOKENS[rng.usize(..XML_TOKENS.len())];
                xml.splice(at..at, t.bytes());
                note.push_str(&format!("tok@{at}={t:?} "));
            }
            1 => {
                // Delete one tag.
                if let Some(s) = (at..xml.len()).find(|&i| xml[i] == b'<')
                    && let Some(e) = (s..xml.len()).find(|&i| xml[i] == b'>')
                {
                    xml.drain(s..=e);
                    note.push_str(&format!("deltag@{s} "));
                }
            }
            2 => {
                xml.splice(at..at, [0xFF, 0xFE, 0xC3]);
                note.push_str(&format!("badutf8@{at} "));
            }
            3 => {
                let n = rng.usize(1..=4096.min(xml.len().saturating_sub(at).max(1)));
                let end = (at + n).min(xml.len());
                let copy = xml[at..end].to_vec();
                let times = if rng.u8(..6) == 0 { 500 } else { 1 };
                for _ in 0..times {
                    xml.splice(end..end, copy.iter().copied());
                }
                note.push_str(&format!("dup@{at}+{n}x{times} "));
            }
            4 => {
                let mut b = std::mem::take(xml);
                b = byte_level(rng, Kind::BitFlip, b, note);
                *xml = b;
            }
            _ => {
                xml.truncate(at);
                note.push_str(&format!("cut@{at} "));
            }
        }
    }
}

fn billion_laughs(rng: &mut Rng) -> String {
    let mut d = String::from("<!DOCTYPE w:document [\n<!ENTITY lol0 \"lol\">\n");
    let width = rng.usize(5..=10);
    let levels = rng.usize(6..=12);
    for i in 1..=levels {
        let refs = format!("&lol{};", i - 1).repeat(width);
        d.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    if rng.bool() {
        // Parameter entities are entity declarations too.
        d.push_str("<!ENTITY % pe \"<!ENTITY sneaky 'x'>\"> %pe;\n");
    }
    d.push_str("]>\n");
    d
}

fn with_document(entries: &[(String, Vec<u8>)], xml: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    entries
        .iter()
        .map(|(n, d)| {
            if n == "word/document.xml" {
                (n.clone(), xml.clone())
            } else {
                (n.clone(), d.clone())
            }
        })
        .collect()
}

/// Inserts `doctype` after the seed document's XML declaration (or at its start).
fn insert_doctype(xml: &[u8], doctype: &str) -> Vec<u8> {
    let at = if xml.starts_with(b"<?xml") {
        xml.iter().position(|&b| b == b'>').map_or(0, |p| p + 1)
    } else {
        0
    };
    let mut out = xml[..at].to_vec();
    out.extend_from_slice(doctype.as_bytes());
    out.extend_from_slice(&xml[at..]);
    out
}

/// Inserts `text` into the first `<w:t>` of the document, or adds a paragraph.
fn insert_text(xml: &[u8], text: &str) -> Vec<u8> {
    if let Some(&p) = find_all(xml, b"<w:t>").first() {
        let mut out = xml[..p + 5].to_vec();
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(&xml[p + 5..]);
        return out;
    }
    synth::document_xml("", text).into_bytes()
}

/// Applies a DOCX mutation `kind` to `seed` (falling back to a synthetic DOCX when the seed is
/// not a readable one), setting `expect` where the kind decides the outcome.
pub fn mutate(
    rng: &mut Rng,
    kind: Kind,
    seed: &[u8],
    note: &mut String,
    expect: &mut Option<Expect>,
) -> Vec<u8> {
    let parsed = entries(seed);
    if parsed.is_none() {
        note.push_str("seed unreadable, synthetic DOCX used; ");
    }
    let base = parsed.unwrap_or_else(|| synth::docx_entries(&synth::document_xml("", "")));
    let doc = base
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .map(|(_, d)| d.clone())
        .unwrap_or_default();
    match kind {
        Kind::DocxXml => {
            let mut xml = doc;
            xml_mutate(rng, &mut xml, note);
            synth::docx_from_entries(&with_document(&base, xml))
        }
        Kind::DocxDeepNesting => {
            let depth = rng.usize(20_000..=200_000);
            let open = ["<w:p>", "<a>", "<mc:Fallback>", "<w:tc>", "<w:t>"][rng.usize(..5)];
            let balanced = rng.bool();
            let mut deep = open.repeat(depth);
            if balanced {
                deep.push_str(&open.replace('<', "</").repeat(depth));
            }
            note.push_str(&format!("{depth} x {open}, balanced {balanced}"));
            let xml = insert_text(&doc, &deep);
            synth::docx_from_entries(&with_document(&base, xml))
        }
        Kind::DocxZipBomb => {
            let mib = [256u64, 1024, 4000][rng.usize(..3)];
            let prefix =
                synth::document_xml("", "").replace("</w:t></w:r></w:p></w:body></w:document>", "");
            let suffix = "</w:t></w:r></w:p></w:body></w:document>";
            let bomb = synth::bomb_full(prefix.as_bytes(), b'A', mib, suffix.as_bytes(), false);
            let mut raw: Vec<RawEntry> = base
                .iter()
                .filter(|(n, _)| n != "word/document.xml")
                .map(|(n, d)| RawEntry::deflated(n, d))
                .collect();
            if rng.u8(..3) == 0 {
                // The bomb is an entry nobody needs: it must not be inflated at all.
                note.push_str(&format!("{mib} MiB bomb as word/media/bomb.bin"));
                raw.push(RawEntry::bomb("word/media/bomb.bin", bomb));
                raw.push(RawEntry::deflated(
                    "word/document.xml",
                    synth::document_xml("", "").as_bytes(),
                ));
                *expect = Some(Expect {
                    statuses: &[Status::Ok],
                    reason_contains: None,
                    text_lacks: None,
                });
            } else {
                note.push_str(&format!("{mib} MiB bomb as word/document.xml"));
                raw.push(RawEntry::bomb("word/document.xml", bomb));
                *expect = Some(Expect {
                    statuses: &[Status::TooLarge],
                    reason_contains: None,
                    text_lacks: None,
                });
            }
            synth::raw_zip(&raw)
        }
        Kind::DocxBillionLaughs => {
            let dt = billion_laughs(rng);
            let used = rng.u8(..4) != 0;
            let mut xml = insert_doctype(&doc, &dt);
            if used {
                xml = insert_text(&xml, "&lol6;");
            }
            note.push_str(&format!("billion laughs, referenced {used}"));
            *expect = Some(Expect {
                statuses: &[Status::Corrupt],
                reason_contains: Some("entit"),
                text_lacks: Some("lollollol"),
            });
            synth::docx_from_entries(&with_document(&base, xml))
        }
        Kind::DocxXxe => {
            let target = [
                "file:///etc/passwd",
                "file:///dev/zero",
                "file:///dev/urandom",
                "http://127.0.0.1:9/x",
            ][rng.usize(..4)];
            let dt = if rng.bool() {
                format!("<!DOCTYPE w [<!ENTITY xxe SYSTEM \"{target}\">]>")
            } else {
                format!("<!DOCTYPE w [<!ENTITY % ext SYSTEM \"{target}\"> %ext;]>")
            };
            let xml = insert_text(&insert_doctype(&doc, &dt), "&xxe;");
            note.push_str(&dt);
            *expect = Some(Expect {
                statuses: &[Status::Corrupt],
                reason_contains: Some("entit"),
                text_lacks: Some("root:"),
            });
            synth::docx_from_entries(&with_document(&base, xml))
        }
        Kind::DocxMissingEntry => {
            let mode = rng.u8(..4);
            let kept: Vec<(String, Vec<u8>)> = match mode {
                0 => base
                    .into_iter()
                    .filter(|(n, _)| n != "word/document.xml")
                    .collect(),
                1 => base
                    .into_iter()
                    .filter(|(n, _)| n != "[Content_Types].xml")
                    .collect(),
                2 => base
                    .into_iter()
                    .filter(|(n, _)| n == "word/document.xml")
                    .collect(),
                _ => base
                    .into_iter()
                    .map(|(n, d)| {
                        if n == "word/document.xml" {
                            ("Word/Document.XML".to_string(), d)
                        } else {
                            (n, d)
                        }
                    })
                    .collect(),
            };
            note.push_str(&format!("missing-entry mode {mode}"));
            synth::docx_from_entries(&kept)
        }
        Kind::DocxCentralDir => {
            let mut b = synth::docx_from_entries(&base);
            let cds = find_all(&b, b"PK\x01\x02");
            let eocd = find_all(&b, b"PK\x05\x06").last().copied();
            let mode = rng.u8(..6);
            note.push_str(&format!("central-dir mode {mode}: "));
            match (mode, eocd) {
                (0, _) if !cds.is_empty() => {
                    // Damage random bytes of one central header.
                    let at = cds[rng.usize(..cds.len())];
                    for _ in 0..rng.usize(1..=6) {
                        let i = (at + rng.usize(4..46)).min(b.len() - 1);
                        b[i] = rng.u8(..);
                    }
                }
                (1, _) if !cds.is_empty() => {
                    // A size or offset field of a central header set to a lie.
                    let at = cds[rng.usize(..cds.len())];
                    let field = [20usize, 24, 42][rng.usize(..3)];
                    let v: u32 = [0, 1, u32::MAX, rng.u32(..)][rng.usize(..4)];
                    if at + field + 4 <= b.len() {
                        b[at + field..at + field + 4].copy_from_slice(&v.to_le_bytes());
                    }
                }
                (2, Some(e)) if e + 22 <= b.len() => {
                    // Entry counts that lie.
                    let v: u16 = [0, 0xFFFF, rng.u16(..)][rng.usize(..3)];
                    b[e + 8..e + 10].copy_from_slice(&v.to_le_bytes());
                    b[e + 10..e + 12].copy_from_slice(&v.to_le_bytes());
                }
                (3, Some(e)) if e + 22 <= b.len() => {
                    // Directory size or offset that lie.
                    let field = [12usize, 16][rng.usize(..2)];
                    let v: u32 = [0, u32::MAX, rng.u32(..)][rng.usize(..3)];
                    b[e + field..e + field + 4].copy_from_slice(&v.to_le_bytes());
                }
                (4, Some(e)) => {
                    // A fake ZIP64 locator in front of the end record.
                    let mut loc = b"PK\x06\x07".to_vec();
                    loc.extend_from_slice(&0u32.to_le_bytes());
                    loc.extend_from_slice(&rng.u64(..).to_le_bytes());
                    loc.extend_from_slice(&1u32.to_le_bytes());
                    b.splice(e..e, loc);
                    if e + 20 + 22 <= b.len() {
                        b[e + 20 + 16..e + 20 + 20].copy_from_slice(&u32::MAX.to_le_bytes());
                    }
                }
                (_, Some(e)) => {
                    b.truncate(e);
                }
                _ => {}
            }
            b
        }
        Kind::DocxTruncated => {
            let b = synth::docx_from_entries(&base);
            let cut = rng.usize(..b.len());
            note.push_str(&format!("cut at {cut} of {}", b.len()));
            b[..cut].to_vec()
        }
        Kind::DocxLyingHeaders => {
            let mut raw: Vec<RawEntry> =
                base.iter().map(|(n, d)| RawEntry::deflated(n, d)).collect();
            let plain_len = doc.len() as u32;
            if let Some(e) = raw.iter_mut().find(|e| e.name == "word/document.xml") {
                let mode = rng.u8(..8);
                note.push_str(&format!("lying-header mode {mode}"));
                match mode {
                    0 => e.uncompressed = 0,
                    1 => e.uncompressed = u32::MAX,
                    2 => e.compressed = e.compressed.saturating_mul(50),
                    3 => e.compressed /= 2,
                    4 => e.crc32 ^= 0xdead_beef,
                    5 => e.method = [1u16, 6, 12, 14, 93, 95, 99][rng.usize(..7)],
                    6 => e.flags |= 1,
                    _ => {
                        // Stored, with the plain bytes, but a size that lies.
                        e.method = 0;
                        e.data = doc.clone();
                        e.compressed = plain_len.saturating_mul(3);
                        e.uncompressed = plain_len;
                    }
                }
            }
            synth::raw_zip(&raw)
        }
        other => byte_level(rng, other, seed.to_vec(), note),
    }
}
