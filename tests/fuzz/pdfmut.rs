//! Structure-aware PDF mutations through lopdf: a byte flip inside a compressed stream only
//! makes the inflater fail, so to reach the content-stream interpreter, our CMap and Type 1
//! lexers and the layout pass, streams are decoded, mutated as tokens, re-encoded and the
//! whole file saved with a correct xref.
//!
//! Seeds are parsed here in the harness process, so only non-hostile seeds come here, and a
//! panic in lopdf is caught and the caller falls back to a byte-level mutation.

use crate::mutate::Kind;
use fastrand::Rng;
use lopdf::{Document, Object, ObjectId};

/// Numbers that break arithmetic: overflow, NaN-producing, denormal, negative, huge.
const NASTY_NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "99999999999999999999",
    "-2147483649",
    "4294967296",
    "0",
    "-0",
    "0.0000001",
    "3.4e38",
    "-1",
    "65535",
    "65536",
    "1114112",
    "nan",
    "inf",
    "1.#INF",
    "--5",
    "1e-320",
    "18446744073709551615",
];

/// Tokens that confuse content-stream, CMap and Type 1 parsers.
const STREAM_TOKENS: &[&str] = &[
    "Tj",
    "TJ",
    "Tf",
    "Td",
    "TD",
    "Tm",
    "T*",
    "'",
    "\"",
    "cm",
    "q",
    "Q",
    "BT",
    "ET",
    "Do",
    "gs",
    "Tz",
    "TL",
    "Tc",
    "Tw",
    "Ts",
    "BI",
    "ID",
    "EI",
    "begincmap",
    "endcmap",
    "beginbfchar",
    "endbfchar",
    "beginbfrange",
    "endbfrange",
    "begincodespacerange",
    "endcodespacerange",
    "begincidrange",
    "endcidrange",
    "usecmap",
    "/Encoding",
    "dup",
    "put",
    "readonly",
    "def",
    "eexec",
    "currentfile",
    "closefile",
    "<",
    ">",
    "<<",
    ">>",
    "[",
    "]",
    "(",
    ")",
    "<FFFF>",
    "<0000>",
    "<D800>",
    "<DFFF>",
    "<ABC>",
    "<>",
    "()",
    "(\\",
    "/F99",
    "/F1",
    "%",
    "{",
    "}",
];

fn streams(doc: &Document) -> Vec<(ObjectId, u8)> {
    // Priority classes: 0 ToUnicode CMaps, 1 font programs, 2 page contents, 3 anything else.
    let mut tounicode = Vec::new();
    let mut fontfile = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(d) = obj.as_dict() {
            if let Ok(r) = d.get(b"ToUnicode").and_then(Object::as_reference) {
                tounicode.push(r);
            }
            for k in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                if let Ok(r) = d.get(k).and_then(Object::as_reference) {
                    fontfile.push(r);
                }
            }
        }
    }
    let mut contents = Vec::new();
    for (_, page) in doc.get_pages() {
        contents.extend(doc.get_page_contents(page));
    }
    let mut out = Vec::new();
    for (id, obj) in &doc.objects {
        if let Object::Stream(_) = obj {
            let class = if tounicode.contains(id) {
                0
            } else if fontfile.contains(id) {
                1
            } else if contents.contains(id) {
                2
            } else {
                3
            };
            out.push((*id, class));
        }
    }
    out
}

fn tokens_mutate(rng: &mut Rng, plain: &mut Vec<u8>, note: &mut String) {
    let ops = rng.usize(1..=6);
    for _ in 0..ops {
        // Token starts: positions after whitespace.
        let len = plain.len();
        let at = if len == 0 { 0 } else { rng.usize(..len) };
        let at = (at..len)
            .find(|&i| i == 0 || plain[i - 1].is_ascii_whitespace())
            .unwrap_or(len);
        let end = (at..len)
            .find(|&i| plain[i].is_ascii_whitespace())
            .unwrap_or(len);
        match rng.u8(..9) {
            0 | 1 => {
                let n = NASTY_NUMBERS[rng.usize(..NASTY_NUMBERS.len())];
                // Prefer replacing a number: scan forward for one.
                let num = (at..len).find(|&i| {
                    plain[i].is_ascii_digit() && (i == 0 || plain[i - 1].is_ascii_whitespace())
                });
                let (s, e) = match num {
                    Some(s) => (
                        s,
                        (s..len)
                            .find(|&i| !(plain[i].is_ascii_digit() || plain[i] == b'.'))
                            .unwrap_or(len),
                    ),
                    None => (at, end),
                };
                plain.splice(s..e, n.bytes());
                note.push_str(&format!("num@{s}={n} "));
            }
            2 | 3 => {
                let t = STREAM_TOKENS[rng.usize(..STREAM_TOKENS.len())];
                let tok = format!(" {t} ");
                plain.splice(at..at, tok.bytes());
                note.push_str(&format!("tok@{at}={t} "));
            }
            4 => {
                plain.drain(at..end);
                note.push_str(&format!("deltok@{at} "));
            }
            5 => {
                // Duplicate a line, or a big block, to stress loops and accumulators.
                let line_end = (at..len).find(|&i| plain[i] == b'\n').unwrap_or(len);
                let copy = plain[at..line_end].to_vec();
                // Many copies of a short line stress the interpreter; many copies of a long
                // one only make a file over the size limit (refused unread) and inflate the
                // harness's own memory, which the parent-RSS check would then blame on ingest.
                let times = if rng.u8(..8) == 0 && copy.len() < 1024 {
                    2000
                } else {
                    2
                };
                for _ in 0..times {
                    plain.splice(line_end..line_end, copy.iter().copied());
                }
                note.push_str(&format!("dupline@{at}x{times} "));
            }
            6 => {
                let depth = rng.usize(1000..=100_000);
                let open = ["[", "<<", "(", "{", "q "][rng.usize(..5)];
                plain.splice(at..at, open.repeat(depth).into_bytes());
                note.push_str(&format!("nest@{at}={open:?}x{depth} "));
            }
            7 => {
                if len > 0 {
                    let n = rng.usize(1..=8);
                    for _ in 0..n {
                        let i = rng.usize(..plain.len().max(1)).min(plain.len() - 1);
                        plain[i] ^= 1 << rng.u8(..8);
                    }
                    note.push_str(&format!("{n}flips "));
                }
            }
            _ => {
                let cut = rng.usize(..=len);
                plain.truncate(cut);
                note.push_str(&format!("cut@{cut} "));
            }
        }
    }
}

fn nasty_object(rng: &mut Rng) -> Object {
    match rng.u8(..10) {
        0 => Object::Integer(i64::MAX),
        1 => Object::Integer(i64::MIN),
        2 => Object::Integer(-1),
        3 => Object::Real(f32::NAN),
        4 => Object::Real(f32::INFINITY),
        5 => Object::Real(1e30),
        6 => Object::Array(vec![]),
        7 => Object::Name(b"Bogus".to_vec()),
        8 => Object::Integer(1 << 40),
        _ => Object::Null,
    }
}

fn nasty_number(rng: &mut Rng) -> Object {
    match rng.u8(..10) {
        0 => Object::Integer(i64::MIN),
        1 => Object::Integer(i64::MAX),
        2 => Object::Real(1e30),
        3 => Object::Real(-1e30),
        4 => Object::Real(f32::NAN),
        5 => Object::Real(f32::INFINITY),
        6 => Object::Integer(-1),
        7 => Object::Integer(rng.i64(0..70_000)),
        8 => Object::Integer(1 << 40),
        _ => Object::Integer(0),
    }
}

fn font_mutate(rng: &mut Rng, doc: &mut Document, note: &mut String) -> bool {
    let mut fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Type").ok())
                .and_then(|t| t.as_name().ok())
                .is_some_and(|n| n == b"Font" || n == b"FontDescriptor")
        })
        .map(|(id, _)| *id)
        .collect();
    if fonts.is_empty() {
        return false;
    }
    // CID fonts are where our own width repair runs: give them more of the attention.
    let cid: Vec<ObjectId> = fonts
        .iter()
        .copied()
        .filter(|id| {
            doc.objects
                .get(id)
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"Subtype").ok())
                .and_then(|t| t.as_name().ok())
                .is_some_and(|n| n.starts_with(b"CIDFontType"))
        })
        .collect();
    if !cid.is_empty() && rng.bool() {
        fonts = cid;
    }
    let id = fonts[rng.usize(..fonts.len())];
    let n = rng.usize(1..=3);
    for _ in 0..n {
        let value = nasty_object(rng);
        let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) else {
            return false;
        };
        let cid = d
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n.starts_with(b"CIDFontType"));
        let key: &[u8] = match rng.u8(..12) {
            _ if cid && rng.bool() => b"W",
            0 => b"FirstChar",
            1 => b"LastChar",
            2 => b"Widths",
            3 => b"Subtype",
            4 => b"Encoding",
            5 => b"ToUnicode",
            6 => b"DescendantFonts",
            7 => b"FontMatrix",
            8 => b"MissingWidth",
            9 => b"Flags",
            10 => b"W",
            _ => b"BaseFont",
        };
        let value = match (key, rng.u8(..3)) {
            (b"Widths", 0) => Object::Array(vec![Object::Real(f32::NAN); 3]),
            (b"Widths", 1) => Object::Array(vec![Object::Integer(-1); 300]),
            (b"Subtype", _) => Object::Name(
                [
                    &b"Type0"[..],
                    b"Type3",
                    b"TrueType",
                    b"Type1",
                    b"CIDFontType2",
                ][rng.usize(..5)]
                .to_vec(),
            ),
            (b"Encoding", 0) => {
                let mut enc = lopdf::Dictionary::new();
                enc.set("Type", Object::Name(b"Encoding".to_vec()));
                enc.set(
                    "Differences",
                    Object::Array(vec![
                        Object::Integer(-5),
                        Object::Name(b"a".to_vec()),
                        Object::Integer(300),
                        Object::Name(b"b".to_vec()),
                        Object::Integer(i64::MAX),
                        Object::Name(b"c".to_vec()),
                    ]),
                );
                Object::Dictionary(enc)
            }
            (b"Encoding", 1) => Object::Name(b"Identity-H".to_vec()),
            (b"FontMatrix", _) => Object::Array(vec![Object::Integer(0); 6]),
            // CID widths in both forms (`c [w ...]` and `c_first c_last w`), with codes and
            // ranges at the edges of what integers and reals can hold.
            (b"W", _) => {
                let mut w = Vec::new();
                for _ in 0..rng.usize(1..=3) {
                    let first = nasty_number(rng);
                    if rng.bool() {
                        w.push(first);
                        w.push(Object::Array(vec![nasty_number(rng), nasty_number(rng)]));
                    } else {
                        w.push(first);
                        w.push(nasty_number(rng));
                        w.push(nasty_number(rng));
                    }
                }
                Object::Array(w)
            }
            _ => value,
        };
        note.push_str(&format!(
            "{id:?} /{} = {value:?}; ",
            String::from_utf8_lossy(key)
        ));
        if rng.u8(..6) == 0 {
            d.remove(key);
        } else {
            d.set(key.to_vec(), value);
        }
    }
    true
}

/// A structure-aware mutation of a PDF seed (`StreamTokens` or `FontDict`), or `None` when
/// lopdf cannot load or save the seed.
pub fn structural(rng: &mut Rng, kind: Kind, seed: &[u8], note: &mut String) -> Option<Vec<u8>> {
    let seed = seed.to_vec();
    let sub = rng.u64(..);
    let result = std::panic::catch_unwind(move || {
        let mut rng = Rng::with_seed(sub);
        let mut note = String::new();
        let mut doc = Document::load_mem(&seed).ok()?;
        if doc.is_encrypted() {
            return None;
        }
        match kind {
            Kind::FontDict => {
                if !font_mutate(&mut rng, &mut doc, &mut note) {
                    return None;
                }
            }
            _ => {
                let all = streams(&doc);
                if all.is_empty() {
                    return None;
                }
                let class = rng.u8(..4);
                let pick: Vec<ObjectId> = all
                    .iter()
                    .filter(|(_, c)| *c == class)
                    .map(|(id, _)| *id)
                    .collect();
                let pick = if pick.is_empty() {
                    all.iter().map(|(id, _)| *id).collect()
                } else {
                    pick
                };
                let id = pick[rng.usize(..pick.len())];
                let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
                    return None;
                };
                let mut plain = stream.get_plain_content().ok()?;
                if plain.len() > 8 << 20 {
                    return None;
                }
                note.push_str(&format!(
                    "stream {id:?} class {class} ({} bytes): ",
                    plain.len()
                ));
                tokens_mutate(&mut rng, &mut plain, &mut note);
                stream.set_plain_content(plain);
                if rng.bool() {
                    let _ = stream.compress();
                }
            }
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).ok()?;
        Some((out, note))
    });
    match result {
        Ok(Some((bytes, n))) => {
            note.push_str(&n);
            Some(bytes)
        }
        _ => None,
    }
}
