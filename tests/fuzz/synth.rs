//! Synthetic inputs built from scratch: small valid PDFs and DOCX files, deflate bombs, and
//! structurally hostile PDFs (deep nesting, object-stream self-references, lying page trees).
//!
//! Everything here is made of fictional text, so it may be committed as a regression file
//! (unlike the corpus résumés of real people).

use flate2::{Compress, Compression, Crc, FlushCompress};
use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// The fictional résumé text every synthetic document carries.
pub const RESUME_LINES: &[&str] = &[
    "Alex Example",
    "Backend engineer, 2018 - 2024",
    "Rust, Go, PostgreSQL, Kubernetes",
];

/// Serialises numbered object bodies (object `i + 1` is `bodies[i]`) into a PDF with a correct
/// classic xref table and a trailer naming object `root` as the catalog.
pub fn pdf_from_objects(bodies: &[Vec<u8>], root: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(bodies.len());
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            bodies.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object body: `<< /Length n extra >> stream ... endstream`.
pub fn stream_body(extra_dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< /Length {} {extra_dict} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// The content stream that draws [`RESUME_LINES`] in Helvetica.
pub fn resume_content() -> Vec<u8> {
    let mut c = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
    for line in RESUME_LINES {
        c.push_str(&format!("({line}) Tj T*\n"));
    }
    c.push_str("ET\n");
    c.into_bytes()
}

/// The five objects of a one-page PDF: catalog, pages, page (with `page_extra` in its
/// dictionary), font and the given content stream body.
pub fn one_page_objects(content_body: Vec<u8>, page_extra: &str) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R {page_extra} >>"
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        content_body,
    ]
}

/// A small valid one-page résumé PDF.
pub fn resume_pdf() -> Vec<u8> {
    pdf_from_objects(&one_page_objects(stream_body("", &resume_content()), ""), 1)
}

/// Bytes of a deflate stream that inflates to `prefix`, then `mib` MiB of `fill`, then
/// `suffix`, with the checksum a zlib wrapper (`zlib = true`) or a ZIP entry (CRC-32) needs.
///
/// Built from one compressed MiB repeated: each piece is compressed by a fresh compressor and
/// ended with a full flush, so pieces are byte-aligned, non-final and self-contained, and their
/// concatenation is a valid stream. That makes a 4 GiB bomb cost milliseconds, not minutes.
pub struct Bomb {
    /// The compressed stream (zlib-wrapped or raw deflate).
    pub data: Vec<u8>,
    /// Inflated size in bytes.
    pub inflated: u64,
    /// CRC-32 of the inflated bytes (for ZIP entries).
    pub crc32: u32,
}

fn deflate_piece(input: &[u8], finish: bool) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(input.len() / 100 + 1024);
    let flush = if finish {
        FlushCompress::Finish
    } else {
        FlushCompress::Full
    };
    loop {
        let consumed = c.total_in() as usize;
        out.reserve(64 * 1024);
        c.compress_vec(&input[consumed..], &mut out, flush)
            .expect("deflate");
        if c.total_in() as usize == input.len() && out.len() < out.capacity() {
            break;
        }
    }
    out
}

/// Builds (and caches) a bomb; see [`Bomb`].
pub fn bomb(prefix: &[u8], fill: u8, mib: u64, suffix: &[u8], zlib: bool) -> Vec<u8> {
    bomb_full(prefix, fill, mib, suffix, zlib).data
}

/// Like [`bomb`], with sizes and checksum.
pub fn bomb_full(prefix: &[u8], fill: u8, mib: u64, suffix: &[u8], zlib: bool) -> Bomb {
    type Key = (Vec<u8>, u8, u64, Vec<u8>, bool);
    static CACHE: OnceLock<Mutex<Vec<(Key, Bomb)>>> = OnceLock::new();
    let key: Key = (prefix.to_vec(), fill, mib, suffix.to_vec(), zlib);
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    if let Some((_, b)) = cache.lock().expect("cache").iter().find(|(k, _)| *k == key) {
        return Bomb {
            data: b.data.clone(),
            inflated: b.inflated,
            crc32: b.crc32,
        };
    }
    let chunk = vec![fill; 1 << 20];
    let piece = deflate_piece(&chunk, false);
    let mut data = Vec::new();
    if zlib {
        data.extend_from_slice(&[0x78, 0xda]);
    }
    data.extend_from_slice(&deflate_piece(prefix, false));
    for _ in 0..mib {
        data.extend_from_slice(&piece);
    }
    data.extend_from_slice(&deflate_piece(suffix, true));
    let mut crc = Crc::new();
    crc.update(prefix);
    for _ in 0..mib {
        crc.update(&chunk);
    }
    crc.update(suffix);
    let inflated = prefix.len() as u64 + (mib << 20) + suffix.len() as u64;
    if zlib {
        // Adler-32 in closed form over the constant run, so it costs nothing at 4 GiB.
        const MOD: u128 = 65521;
        let (mut a, mut b) = (1u128, 0u128);
        for &x in prefix {
            a = (a + x as u128) % MOD;
            b = (b + a) % MOD;
        }
        let n = (mib as u128) << 20;
        let c = fill as u128;
        b = (b + n * a + c * (n * (n + 1) / 2)) % MOD;
        a = (a + c * n) % MOD;
        for &x in suffix {
            a = (a + x as u128) % MOD;
            b = (b + a) % MOD;
        }
        data.extend_from_slice(&(((b << 16) | a) as u32).to_be_bytes());
    }
    let bomb = Bomb {
        data,
        inflated,
        crc32: crc.sum(),
    };
    let copy = Bomb {
        data: bomb.data.clone(),
        inflated: bomb.inflated,
        crc32: bomb.crc32,
    };
    cache.lock().expect("cache").push((key, copy));
    bomb
}

/// A valid one-page PDF whose FlateDecode content stream (`target = "content"`, spaces), one
/// shown string (`"text"`: `mib` MiB of letters that really are text) or ToUnicode CMap
/// (`"tounicode"`) inflates to `mib` MiB.
pub fn deflate_bomb_pdf(mib: u64, target: &str) -> Vec<u8> {
    if target == "text" {
        let data = bomb(b"BT /F1 12 Tf 72 720 Td (", b'A', mib, b") Tj ET\n", true);
        return pdf_from_objects(
            &one_page_objects(stream_body("/Filter /FlateDecode", &data), ""),
            1,
        );
    }
    if target == "tounicode" {
        let cmap_head = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar\n";
        let data = bomb(
            cmap_head,
            b' ',
            mib,
            b"<41> <0041>\nendbfchar endcmap end end\n",
            true,
        );
        let mut objs = one_page_objects(stream_body("", &resume_content()), "");
        objs[3] =
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>".to_vec();
        objs.push(stream_body("/Filter /FlateDecode", &data));
        pdf_from_objects(&objs, 1)
    } else {
        let data = bomb(&resume_content(), b' ', mib, b"\n", true);
        pdf_from_objects(
            &one_page_objects(stream_body("/Filter /FlateDecode", &data), ""),
            1,
        )
    }
}

/// A one-page PDF with an object nested `depth` deep (`open` repeated), referenced from the
/// page so that a parser must read it; `balanced` closes every level.
pub fn deep_nesting_pdf(depth: usize, open: &str, balanced: bool) -> Vec<u8> {
    let close = match open {
        "[" => "]",
        "<<" => ">>",
        "<< /A " => ">>",
        _ => "",
    };
    let mut deep = open.repeat(depth);
    if balanced {
        deep.push_str(&close.repeat(depth));
    }
    let mut objs = one_page_objects(stream_body("", &resume_content()), "/Annots 6 0 R");
    objs.push(deep.into_bytes());
    pdf_from_objects(&objs, 1)
}

/// A PDF with a cross-reference stream whose objects live in an object stream that contains
/// (or extends, or is indexed inside) itself. `mode` 0: the object stream lists itself;
/// 1: `/Extends` points to itself; 2: the xref stream says the object stream is inside itself.
pub fn objstm_self_reference_pdf(mode: u8) -> Vec<u8> {
    // Objects 1-4 (catalog, pages, page, font) go in object stream 6; 5 is the content.
    let inner = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut header = String::new();
    let mut body = String::new();
    let mut ids: Vec<u32> = vec![1, 2, 3, 4];
    let mut texts: Vec<String> = inner.to_vec();
    if mode == 0 {
        ids.push(6);
        texts.push("<< /Type /ObjStm /N 5 /First 0 /Extends 6 0 R >>".to_string());
    }
    for (id, text) in ids.iter().zip(&texts) {
        header.push_str(&format!("{id} {} ", body.len()));
        body.push_str(text);
        body.push(' ');
    }
    let extends = if mode == 1 { "/Extends 6 0 R" } else { "" };
    let objstm_data = format!("{header}{body}");
    let objstm = stream_body(
        &format!(
            "/Type /ObjStm /N {} /First {} {extends}",
            ids.len(),
            header.len()
        ),
        objstm_data.as_bytes(),
    );
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let content_off = out.len();
    out.extend_from_slice(b"5 0 obj\n");
    out.extend_from_slice(&stream_body("", &resume_content()));
    out.extend_from_slice(b"\nendobj\n");
    let objstm_off = out.len();
    out.extend_from_slice(b"6 0 obj\n");
    out.extend_from_slice(&objstm);
    out.extend_from_slice(b"\nendobj\n");
    let xref_off = out.len();
    // /W [1 4 2]: type, offset-or-stream, generation-or-index.
    let mut rows = Vec::new();
    let mut row = |t: u8, a: u32, b: u16| {
        rows.push(t);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    };
    row(0, 0, 65535);
    for i in 0..4u16 {
        row(2, 6, i);
    }
    row(1, content_off as u32, 0);
    if mode == 2 {
        row(2, 6, 4);
    } else {
        row(1, objstm_off as u32, 0);
    }
    row(1, xref_off as u32, 0);
    out.extend_from_slice(b"7 0 obj\n");
    out.extend_from_slice(&stream_body(
        "/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R",
        &rows,
    ));
    out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_off}\n%%EOF\n").as_bytes());
    out
}

/// A PDF whose page tree lies: `mode` 0: `/Count` claims 10^12 pages; 1: the root's kids
/// include the root itself; 2: a kid is an intermediate node whose kids point back up;
/// 3: `/Count` is negative.
pub fn page_tree_lie_pdf(mode: u8) -> Vec<u8> {
    let mut objs = one_page_objects(stream_body("", &resume_content()), "");
    objs[1] = match mode {
        0 => b"<< /Type /Pages /Kids [6 0 R] /Count 1000000000000 >>".to_vec(),
        1 => b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>".to_vec(),
        2 => b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>".to_vec(),
        _ => b"<< /Type /Pages /Kids [3 0 R] /Count -7 >>".to_vec(),
    };
    objs.push(match mode {
        0 => b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1000000000000 >>".to_vec(),
        _ => b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>".to_vec(),
    });
    pdf_from_objects(&objs, 1)
}

/// The WordprocessingML of a minimal résumé, with `doctype` inserted after the XML
/// declaration and `body` (already-escaped XML) as extra paragraph content.
pub fn document_xml(doctype: &str, body: &str) -> String {
    let mut paras = String::new();
    for line in RESUME_LINES {
        paras.push_str(&format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n{doctype}\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{paras}<w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>"
    )
}

/// A valid DOCX (deflated with the `zip` crate) holding the given entries.
pub fn docx_from_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(name.as_str(), opts).expect("zip entry");
            zip.write_all(data).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// The entries of a minimal DOCX around the given `word/document.xml`.
pub fn docx_entries(document_xml: &str) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "[Content_Types].xml".to_string(),
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_vec(),
        ),
        ("word/document.xml".to_string(), document_xml.as_bytes().to_vec()),
    ]
}

/// A small valid résumé DOCX.
pub fn resume_docx() -> Vec<u8> {
    docx_from_entries(&docx_entries(&document_xml("", "")))
}

/// One entry of a hand-written ZIP: any field may lie.
pub struct RawEntry {
    /// Entry name.
    pub name: String,
    /// Compression method (0 stored, 8 deflate; anything else is unsupported).
    pub method: u16,
    /// General-purpose flags (bit 0: encrypted).
    pub flags: u16,
    /// The bytes stored for the entry (already compressed when `method` is 8).
    pub data: Vec<u8>,
    /// CRC-32 written in the headers.
    pub crc32: u32,
    /// Compressed size written in the headers.
    pub compressed: u32,
    /// Uncompressed size written in the headers.
    pub uncompressed: u32,
}

impl RawEntry {
    /// A truthful deflated entry.
    pub fn deflated(name: &str, plain: &[u8]) -> RawEntry {
        let data = deflate_piece(plain, true);
        let mut crc = Crc::new();
        crc.update(plain);
        RawEntry {
            name: name.to_string(),
            method: 8,
            flags: 0,
            compressed: data.len() as u32,
            uncompressed: plain.len() as u32,
            crc32: crc.sum(),
            data,
        }
    }

    /// An entry whose data is a bomb (sizes saturate at `u32::MAX`, as a liar would write).
    pub fn bomb(name: &str, bomb: Bomb) -> RawEntry {
        RawEntry {
            name: name.to_string(),
            method: 8,
            flags: 0,
            compressed: bomb.data.len() as u32,
            uncompressed: bomb.inflated.min(u32::MAX as u64) as u32,
            crc32: bomb.crc32,
            data: bomb.data,
        }
    }
}

/// Writes a ZIP file from raw entries, without checking anything.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&e.flags.to_le_bytes());
            v.extend_from_slice(&e.method.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend_from_slice(&e.crc32.to_le_bytes());
            v.extend_from_slice(&e.compressed.to_le_bytes());
            v.extend_from_slice(&e.uncompressed.to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
