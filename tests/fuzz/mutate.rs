//! Mutation kinds and how a variant is derived, deterministically, from (run seed, index).

use crate::seeds::{Format, Origin, Seed};
use crate::synth;
use fastrand::Rng;
use shortlist_ingest::Status;

/// Every mutation the harness applies; the summary counts variants per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 1-16 single-bit flips.
    BitFlip,
    /// A run of bytes overwritten (zeros, 0xFF, digits, delimiters, noise).
    ByteRun,
    /// The file cut short.
    Truncate,
    /// A chunk copied elsewhere.
    DupChunk,
    /// A chunk removed.
    DelChunk,
    /// Two chunks exchanged.
    SwapChunks,
    /// Format keywords or noise inserted.
    InsertTokens,
    /// The head of one seed glued to the tail of another.
    Splice,
    /// Two to four of the byte-level mutations in a row.
    Stacked,
    /// A `/Length` value replaced by a lie.
    LyingLength,
    /// The `startxref` offset corrupted.
    Startxref,
    /// Offsets in the xref table corrupted.
    XrefOffsets,
    /// `[`, `<<` or `<< /A` nested ~100k deep.
    DeepNesting,
    /// A valid PDF whose content stream or ToUnicode CMap inflates to GiBs.
    DeflateBomb,
    /// An object stream that contains, extends or is indexed in itself.
    ObjStmSelfRef,
    /// Page trees that lie about their size or loop.
    PageTreeLie,
    /// A decoded stream (content, CMap, font program) mutated at the token level, re-encoded
    /// and saved by lopdf so the xref stays right and the parser really reads it.
    StreamTokens,
    /// Font dictionary values (widths, encodings, subtypes) replaced by lies.
    FontDict,
    /// `word/document.xml` mutated inside a valid ZIP.
    DocxXml,
    /// XML elements nested ~100k deep.
    DocxDeepNesting,
    /// A ZIP bomb as `word/document.xml` (or as another entry, which must not be inflated).
    DocxZipBomb,
    /// A billion-laughs entity declaration.
    DocxBillionLaughs,
    /// An external-entity declaration (XXE).
    DocxXxe,
    /// A needed entry removed or renamed.
    DocxMissingEntry,
    /// Central-directory or end-of-central-directory fields corrupted.
    DocxCentralDir,
    /// The ZIP cut short.
    DocxTruncated,
    /// ZIP headers with lying sizes, CRCs, methods or flags.
    DocxLyingHeaders,
}

impl Kind {
    /// The snake_case name used in summaries and saved file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::BitFlip => "bit_flip",
            Kind::ByteRun => "byte_run",
            Kind::Truncate => "truncate",
            Kind::DupChunk => "dup_chunk",
            Kind::DelChunk => "del_chunk",
            Kind::SwapChunks => "swap_chunks",
            Kind::InsertTokens => "insert_tokens",
            Kind::Splice => "splice",
            Kind::Stacked => "stacked",
            Kind::LyingLength => "lying_length",
            Kind::Startxref => "startxref",
            Kind::XrefOffsets => "xref_offsets",
            Kind::DeepNesting => "deep_nesting",
            Kind::DeflateBomb => "deflate_bomb",
            Kind::ObjStmSelfRef => "objstm_self_ref",
            Kind::PageTreeLie => "page_tree_lie",
            Kind::StreamTokens => "stream_tokens",
            Kind::FontDict => "font_dict",
            Kind::DocxXml => "docx_xml",
            Kind::DocxDeepNesting => "docx_deep_nesting",
            Kind::DocxZipBomb => "docx_zip_bomb",
            Kind::DocxBillionLaughs => "docx_billion_laughs",
            Kind::DocxXxe => "docx_xxe",
            Kind::DocxMissingEntry => "docx_missing_entry",
            Kind::DocxCentralDir => "docx_central_dir",
            Kind::DocxTruncated => "docx_truncated",
            Kind::DocxLyingHeaders => "docx_lying_headers",
        }
    }
}

/// Relative weights for PDF seeds. Bombs and deep nesting are rare because each costs a
/// worker (killed at the memory limit) and up to seconds; the cheap structural kinds dominate.
const PDF_KINDS: &[(Kind, u32)] = &[
    (Kind::BitFlip, 10),
    (Kind::ByteRun, 7),
    (Kind::Truncate, 6),
    (Kind::DupChunk, 5),
    (Kind::DelChunk, 5),
    (Kind::SwapChunks, 5),
    (Kind::InsertTokens, 6),
    (Kind::Splice, 3),
    (Kind::Stacked, 7),
    (Kind::LyingLength, 7),
    (Kind::Startxref, 5),
    (Kind::XrefOffsets, 6),
    (Kind::DeepNesting, 2),
    (Kind::DeflateBomb, 1),
    (Kind::ObjStmSelfRef, 2),
    (Kind::PageTreeLie, 2),
    (Kind::StreamTokens, 16),
    (Kind::FontDict, 8),
];

/// Relative weights for DOCX seeds.
const DOCX_KINDS: &[(Kind, u32)] = &[
    (Kind::BitFlip, 4),
    (Kind::ByteRun, 3),
    (Kind::DupChunk, 2),
    (Kind::DelChunk, 2),
    (Kind::Stacked, 2),
    (Kind::DocxXml, 16),
    (Kind::DocxDeepNesting, 2),
    (Kind::DocxZipBomb, 2),
    (Kind::DocxBillionLaughs, 3),
    (Kind::DocxXxe, 2),
    (Kind::DocxMissingEntry, 3),
    (Kind::DocxCentralDir, 6),
    (Kind::DocxTruncated, 4),
    (Kind::DocxLyingHeaders, 5),
];

/// What a variant must end as, when its kind decides it.
#[derive(Debug, Clone)]
pub struct Expect {
    /// Acceptable statuses.
    pub statuses: &'static [Status],
    /// A word the reason must contain (lower case), if any.
    pub reason_contains: Option<&'static str>,
    /// Text that must never appear in the extracted text (an XXE payload).
    pub text_lacks: Option<&'static str>,
}

/// One derived input.
pub struct Variant {
    /// The mutation applied.
    pub kind: Kind,
    /// Index of the seed in the seed list.
    pub seed: usize,
    /// The mutated bytes.
    pub bytes: Vec<u8>,
    /// What was done, for triage.
    pub note: String,
    /// The outcome its kind requires, if any.
    pub expect: Option<Expect>,
}

fn pick_weighted(rng: &mut Rng, table: &[(Kind, u32)]) -> Kind {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.u32(0..total);
    for &(k, w) in table {
        if x < w {
            return k;
        }
        x -= w;
    }
    table[0].0
}

/// Derives variant `index` of the run seeded with `run_seed`. Same inputs, same bytes, on any
/// machine and thread count.
pub fn derive(seeds: &[Seed], run_seed: u64, index: u64) -> Variant {
    let mut rng = Rng::with_seed(run_seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // DOCX seeds are few but parsed in the parent, so they get a fixed share of variants.
    let want = if rng.u8(..10) < 3 {
        Format::Docx
    } else {
        Format::Pdf
    };
    let of_format: Vec<usize> = (0..seeds.len())
        .filter(|&i| seeds[i].format == want)
        .collect();
    let seed = if of_format.is_empty() {
        rng.usize(..seeds.len())
    } else {
        of_format[rng.usize(..of_format.len())]
    };
    let s = &seeds[seed];
    let kind = match s.format {
        Format::Pdf => pick_weighted(&mut rng, PDF_KINDS),
        Format::Docx => pick_weighted(&mut rng, DOCX_KINDS),
    };
    let mut note = String::new();
    let mut expect = None;
    let bytes = match kind {
        Kind::Splice => {
            let other = &seeds[rng.usize(..seeds.len())];
            let i = rng.usize(..=s.bytes.len());
            let j = rng.usize(..=other.bytes.len());
            note = format!("{}[..{i}] + {}[{j}..]", s.name, other.name);
            let mut b = s.bytes[..i].to_vec();
            b.extend_from_slice(&other.bytes[j..]);
            b
        }
        Kind::Stacked => {
            let mut b = s.bytes.clone();
            let n = rng.usize(2..=4);
            for _ in 0..n {
                let k = [
                    Kind::BitFlip,
                    Kind::ByteRun,
                    Kind::DupChunk,
                    Kind::DelChunk,
                    Kind::SwapChunks,
                    Kind::InsertTokens,
                    Kind::LyingLength,
                    Kind::XrefOffsets,
                ][rng.usize(..8)];
                note.push_str(k.name());
                note.push(' ');
                b = byte_level(&mut rng, k, b, &mut note);
            }
            b
        }
        k if is_byte_level(k) => byte_level(&mut rng, k, s.bytes.clone(), &mut note),
        Kind::DeepNesting => {
            let depth = rng.usize(20_000..=150_000);
            let open = ["[", "<<", "<< /A "][rng.usize(..3)];
            if rng.bool() {
                let balanced = rng.bool();
                note = format!("synthetic, {depth} x {open:?}, balanced {balanced}");
                synth::deep_nesting_pdf(depth, open, balanced)
            } else {
                let mut b = s.bytes.clone();
                let objs = find_all(&b, b" obj");
                let at = objs
                    .get(rng.usize(..objs.len().max(1)))
                    .map(|p| p + 4)
                    .unwrap_or(b.len() / 2);
                note = format!("{depth} x {open:?} inserted at {at}");
                let ins = open.repeat(depth).into_bytes();
                b.splice(at..at, ins);
                b
            }
        }
        Kind::DeflateBomb => {
            let (target, mib) = match rng.u8(..8) {
                0 | 1 => ("tounicode", [600u64, 1024][rng.usize(..2)]),
                // Real text: if it fits in the worker, it travels to the parent.
                2 | 3 => ("text", [8u64, 32, 100][rng.usize(..3)]),
                _ => ("content", [600u64, 1024, 4000][rng.usize(..3)]),
            };
            note = format!("{target} inflates to {mib} MiB");
            synth::deflate_bomb_pdf(mib, target)
        }
        Kind::ObjStmSelfRef => {
            let mode = rng.u8(..3);
            note = format!("mode {mode}");
            synth::objstm_self_reference_pdf(mode)
        }
        Kind::PageTreeLie => {
            let mode = rng.u8(..4);
            note = format!("mode {mode}");
            synth::page_tree_lie_pdf(mode)
        }
        Kind::StreamTokens | Kind::FontDict => {
            if s.origin == Origin::Hostile || s.bytes.len() > 2_000_000 {
                note = "hostile or big seed: bit flips instead; ".into();
                byte_level(&mut rng, Kind::BitFlip, s.bytes.clone(), &mut note)
            } else {
                match crate::pdfmut::structural(&mut rng, kind, &s.bytes, &mut note) {
                    Some(b) => b,
                    None => byte_level(&mut rng, Kind::BitFlip, s.bytes.clone(), &mut note),
                }
            }
        }
        _ => crate::docxmut::mutate(&mut rng, kind, &s.bytes, &mut note, &mut expect),
    };
    Variant {
        kind,
        seed,
        bytes,
        note,
        expect,
    }
}

fn is_byte_level(k: Kind) -> bool {
    matches!(
        k,
        Kind::BitFlip
            | Kind::ByteRun
            | Kind::Truncate
            | Kind::DupChunk
            | Kind::DelChunk
            | Kind::SwapChunks
            | Kind::InsertTokens
            | Kind::LyingLength
            | Kind::Startxref
            | Kind::XrefOffsets
    )
}

/// Every position of `needle` in `hay`.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Tokens that mean something to a PDF, ZIP or XML parser.
const TOKENS: &[&[u8]] = &[
    b"endobj",
    b" 0 obj",
    b"stream\n",
    b"endstream",
    b" 0 R",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"%%EOF",
    b"xref\n",
    b"trailer",
    b"startxref\n0\n",
    b"/Length 99999999",
    b"-1",
    b"(",
    b")",
    b"\\",
    b"<FEFF",
    b"/Type /ObjStm",
    b"/Filter /FlateDecode",
    b"/Encrypt 1 0 R",
    b"/Prev 0",
    b"/XRefStm 1",
    b"4294967296",
    b"1e308",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"<!ENTITY a \"b\">",
    b"&",
    b"<",
];

/// Picks a chunk `[start, start + len)` of at most `max` bytes.
fn chunk(rng: &mut Rng, len: usize, max: usize) -> (usize, usize) {
    if len == 0 {
        return (0, 0);
    }
    let start = rng.usize(..len);
    let n = rng.usize(1..=max.min(len - start).max(1));
    (start, n)
}

/// Applies one byte-level mutation, falling back to a bit flip where the mutation's target
/// (a `/Length`, an xref table) does not exist in the file.
pub fn byte_level(rng: &mut Rng, kind: Kind, mut b: Vec<u8>, note: &mut String) -> Vec<u8> {
    if b.is_empty() {
        return b;
    }
    let max_chunk = if rng.u8(..4) == 0 { 65536 } else { 512 };
    match kind {
        Kind::ByteRun => {
            let (start, n) = chunk(rng, b.len(), 256);
            let fill = rng.u8(..6);
            for (i, x) in b[start..start + n].iter_mut().enumerate() {
                *x = match fill {
                    0 => 0,
                    1 => 0xFF,
                    2 => b'0' + (i % 10) as u8,
                    3 => b"()<>[]{}/%"[i % 10],
                    4 => b' ',
                    _ => rng.u8(..),
                };
            }
            note.push_str(&format!("run {start}+{n} fill {fill}"));
        }
        Kind::Truncate => {
            let at = rng.usize(..b.len());
            b.truncate(at);
            note.push_str(&format!("cut at {at}"));
        }
        Kind::DupChunk => {
            let (start, n) = chunk(rng, b.len(), max_chunk);
            let at = rng.usize(..=b.len());
            let copy = b[start..start + n].to_vec();
            b.splice(at..at, copy);
            note.push_str(&format!("dup {start}+{n} at {at}"));
        }
        Kind::DelChunk => {
            let (start, n) = chunk(rng, b.len(), max_chunk);
            b.drain(start..start + n);
            note.push_str(&format!("del {start}+{n}"));
        }
        Kind::SwapChunks => {
            let n = rng.usize(1..=max_chunk.min(b.len() / 2).max(1));
            if b.len() >= 2 * n {
                let x = rng.usize(..=b.len() - 2 * n);
                let y = rng.usize(x + n..=b.len() - n);
                let (left, right) = b.split_at_mut(y);
                left[x..x + n].swap_with_slice(&mut right[..n]);
                note.push_str(&format!("swap {x}<->{y} len {n}"));
            }
        }
        Kind::InsertTokens => {
            let k = rng.usize(1..=4);
            for _ in 0..k {
                let at = rng.usize(..=b.len());
                let tok: Vec<u8> = if rng.u8(..5) == 0 {
                    (0..rng.usize(1..64)).map(|_| rng.u8(..)).collect()
                } else {
                    TOKENS[rng.usize(..TOKENS.len())].to_vec()
                };
                b.splice(at..at, tok);
                note.push_str(&format!("ins@{at} "));
            }
        }
        Kind::LyingLength => {
            let hits = find_all(&b, b"/Length");
            if hits.is_empty() {
                return byte_level(rng, Kind::BitFlip, b, note);
            }
            let at = hits[rng.usize(..hits.len())] + 7;
            let (s, e) = number_at(&b, at);
            let old: i128 = std::str::from_utf8(&b[s..e])
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
            let lie = match rng.u8(..8) {
                0 => "0".to_string(),
                1 => "-1".to_string(),
                2 => "99999999999".to_string(),
                3 => "4294967295".to_string(),
                4 => (old + rng.i128(1..64)).to_string(),
                5 => (old - rng.i128(1..64)).to_string(),
                6 => (old / 2).to_string(),
                _ => "18446744073709551616".to_string(),
            };
            note.push_str(&format!("/Length {old} -> {lie} at {s}"));
            b.splice(s..e, lie.into_bytes());
        }
        Kind::Startxref => {
            let Some(&pos) = find_all(&b, b"startxref").last() else {
                return byte_level(rng, Kind::BitFlip, b, note);
            };
            let (s, e) = number_at(&b, pos + 9);
            let len = b.len() as i64;
            let lie = match rng.u8(..6) {
                0 => "0".to_string(),
                1 => len.to_string(),
                2 => (len + 1000).to_string(),
                3 => rng.u32(..).to_string(),
                4 => "-5".to_string(),
                _ => "99999999999999999999".to_string(),
            };
            note.push_str(&format!("startxref -> {lie}"));
            b.splice(s..e, lie.into_bytes());
        }
        Kind::XrefOffsets => {
            // Classic xref rows: "0000012345 00000 n".
            let rows: Vec<usize> = find_all(&b, b" 00000 n")
                .into_iter()
                .filter(|&p| p >= 10 && b[p - 10..p].iter().all(u8::is_ascii_digit))
                .map(|p| p - 10)
                .collect();
            if rows.is_empty() {
                // An xref stream: damage its neighbourhood instead.
                let at = find_all(&b, b"/XRef")
                    .last()
                    .copied()
                    .unwrap_or(b.len() / 2);
                let n = 16.min(b.len() - at.min(b.len()));
                for i in 0..n {
                    if rng.bool() {
                        b[at + i] = rng.u8(..);
                    }
                }
                note.push_str(&format!("xref stream bytes damaged at {at}"));
                return b;
            }
            let k = rng.usize(1..=rows.len().min(8));
            for _ in 0..k {
                let r = rows[rng.usize(..rows.len())];
                let v: u64 = match rng.u8(..4) {
                    0 => 0,
                    1 => 9_999_999_999,
                    2 => rng.u64(..b.len() as u64 + 1),
                    _ => std::str::from_utf8(&b[r..r + 10])
                        .ok()
                        .and_then(|t| t.parse::<u64>().ok())
                        .unwrap_or(0)
                        .saturating_add(rng.u64(1..20)),
                };
                let text = format!("{:010}", v.min(9_999_999_999));
                b[r..r + 10].copy_from_slice(text.as_bytes());
                note.push_str(&format!("xref@{r}={v} "));
            }
        }
        _ => {
            let n = rng.usize(1..=16);
            for _ in 0..n {
                let i = rng.usize(..b.len());
                b[i] ^= 1 << rng.u8(..8);
            }
            note.push_str(&format!("{n} bit flips"));
        }
    }
    b
}

/// The span of the (optionally signed) number after `at`, skipping whitespace.
fn number_at(b: &[u8], at: usize) -> (usize, usize) {
    let mut s = at.min(b.len());
    while s < b.len() && b[s].is_ascii_whitespace() {
        s += 1;
    }
    let mut e = s;
    while e < b.len() && (b[e].is_ascii_digit() || (e == s && b[e] == b'-')) {
        e += 1;
    }
    (s, e)
}
