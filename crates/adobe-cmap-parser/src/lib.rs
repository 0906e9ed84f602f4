//! `adobe-cmap-parser` 0.4.1, rebuilt on [`shortlist_pslex`].
//!
//! `pdf-extract` reads every font's `/ToUnicode` CMap (and embedded CID CMaps) through this
//! crate, once per page. The original tokenises with the `pom` combinator library at a cost
//! that dominated shortlist's PDF workers; this replacement keeps the original's public API,
//! grammar and results (the interpretation below follows the original, MIT-licensed, by Jeff
//! Muizelaar) and only swaps the tokeniser. Where the original panics on a malformed CMap
//! (an operator with no count before it, a count larger than the entries that follow) this
//! returns `Err`, which `pdf-extract` unwraps into the same panic.

use std::collections::HashMap;

pub use shortlist_pslex::Value;

/// Tokens of a CMap, up to the first place where no token matches.
pub fn parse(input: &[u8]) -> Result<Vec<Value>, shortlist_pslex::Error> {
    shortlist_pslex::tokens(input, shortlist_pslex::Dialect::CMap)
}

fn as_code(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |code, &b| (code << 8) | u32::from(b))
}

/// The `count` operand just before the operator at `i`.
fn count_before(lexed: &[Value], i: usize, what: &'static str) -> Result<i64, &'static str> {
    match i.checked_sub(1).and_then(|j| lexed.get(j)) {
        Some(Value::Integer(c)) => Ok(*c),
        _ => Err(what),
    }
}

fn string_at<'a>(
    lexed: &'a [Value],
    i: usize,
    what: &'static str,
) -> Result<&'a [u8], &'static str> {
    match lexed.get(i) {
        Some(Value::LiteralString(s)) => Ok(s),
        _ => Err(what),
    }
}

/// Returns a mapping from character codes to Unicode character sequences expressed in
/// UTF-16BE encoding.
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let lexed = parse(input).map_err(|_| "failed to parse")?;
    let mut map = HashMap::new();
    let mut i = 0;
    while i < lexed.len() {
        match &lexed[i] {
            Value::Operator(o) if o == "beginbfchar" => {
                let count = count_before(&lexed, i, "beginbfchar exected int")?;
                i += 1;
                for _ in 0..count {
                    let code = string_at(&lexed, i, "beginbfchar exected hexstring")?;
                    let uni = string_at(&lexed, i + 1, "beginbfchar exected hexstring")?;
                    map.insert(as_code(code), uni.to_vec());
                    i += 2;
                }
                i += 1;
            }
            Value::Operator(o) if o == "beginbfrange" => {
                let count = count_before(&lexed, i, "beginbfrange exected int")?;
                i += 1;
                for _ in 0..count {
                    let lower = as_code(string_at(&lexed, i, "beginbfrange exected hexstring")?);
                    let upper =
                        as_code(string_at(&lexed, i + 1, "beginbfrange exected hexstring")?);
                    match lexed.get(i + 2) {
                        Some(Value::LiteralString(start)) => match start.len() {
                            4 => {
                                let val = as_code(start);
                                for c in lower..=upper {
                                    map.insert(
                                        c,
                                        val.wrapping_add(c - lower).to_be_bytes().to_vec(),
                                    );
                                }
                            }
                            2 => {
                                let val = as_code(start) as u16;
                                for c in lower..=upper {
                                    let code = val.wrapping_add((c - lower) as u16);
                                    map.insert(c, code.to_be_bytes().to_vec());
                                }
                            }
                            _ => return Err("bad length of hexstring"),
                        },
                        Some(Value::Array(codes)) => {
                            if upper.wrapping_sub(lower).wrapping_add(1) as usize != codes.len() {
                                return Err("bad length of array");
                            }
                            for (c, v) in (lower..=upper).zip(codes) {
                                let Value::LiteralString(s) = v else {
                                    return Err("beginbfrange exected hexstring");
                                };
                                map.insert(c, s.clone());
                            }
                        }
                        _ => return Err("beginbfrange exected array or literal"),
                    }
                    i += 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(map)
}

/// A range of input codes of one byte width (`begincodespacerange`).
#[derive(Debug)]
pub struct CodeRange {
    /// Code width in bytes, halved as in the original.
    pub width: u32,
    /// First code.
    pub start: u32,
    /// Last code.
    pub end: u32,
}

/// Codes `src_code_lo..=src_code_hi` map to CIDs from `dst_CID_lo` (`begincidrange`).
#[derive(Debug)]
#[allow(non_snake_case)] // the original's field name, used by pdf-extract
pub struct CIDRange {
    /// First code.
    pub src_code_lo: u32,
    /// Last code.
    pub src_code_hi: u32,
    /// CID of the first code.
    pub dst_CID_lo: u32,
}

/// The code spaces and CID ranges of a CID-keyed CMap.
#[derive(Debug)]
pub struct ByteMapping {
    /// `begincodespacerange` entries.
    pub codespace: Vec<CodeRange>,
    /// `begincidrange` entries.
    pub cid: Vec<CIDRange>,
}

fn as_code_range(start: &[u8], end: &[u8]) -> Result<CodeRange, &'static str> {
    if start.len() != end.len() {
        return Err("codespace range ends differ in length");
    }
    Ok(CodeRange {
        start: as_code(start),
        end: as_code(end),
        width: start.len() as u32 / 2,
    })
}

/// Reads the code spaces and CID ranges of a CMap.
pub fn get_byte_mapping(input: &[u8]) -> Result<ByteMapping, &'static str> {
    let lexed = parse(input).map_err(|_| "failed to parse")?;
    let mut result = ByteMapping {
        codespace: Vec::new(),
        cid: Vec::new(),
    };
    let mut i = 0;
    while i < lexed.len() {
        match &lexed[i] {
            Value::Operator(o) if o == "begincodespacerange" => {
                let count = count_before(&lexed, i, "begincodespacerange exected int")?;
                i += 1;
                for _ in 0..count {
                    let start = string_at(&lexed, i, "begincodespacerange exected hexstring")?;
                    let end = string_at(&lexed, i + 1, "begincodespacerange exected hexstring")?;
                    result.codespace.push(as_code_range(start, end)?);
                    i += 2;
                }
                i += 1;
            }
            Value::Operator(o) if o == "begincidrange" => {
                let count = count_before(&lexed, i, "begincidrange exected int")?;
                i += 1;
                for _ in 0..count {
                    let start = string_at(&lexed, i, "begincidrange exected hexstring")?;
                    let end = string_at(&lexed, i + 1, "begincidrange exected hexstring")?;
                    let Some(Value::Integer(offset)) = lexed.get(i + 2) else {
                        return Err("begincidrange exected int");
                    };
                    result.cid.push(CIDRange {
                        src_code_lo: as_code(start),
                        src_code_hi: as_code(end),
                        dst_CID_lo: *offset as u32,
                    });
                    // The original steps by 2 although each entry has 3 tokens; kept, since
                    // pdf-extract's results depend on it.
                    i += 2;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
        2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0031> <D835DC00>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_bfrange() {
        let m = get_unicode_map(CMAP).unwrap_or_default();
        assert_eq!(m.get(&0x03), Some(&vec![0x00, 0x20]));
        assert_eq!(m.get(&0x11), Some(&vec![0x00, 0x66, 0x00, 0x69]));
        assert_eq!(m.get(&0x26), Some(&vec![0x00, 0x43]));
        assert_eq!(m.get(&0x31), Some(&vec![0xD8, 0x35, 0xDC, 0x00]));
        assert_eq!(m.len(), 7);
    }

    #[test]
    fn byte_mapping() {
        let b = get_byte_mapping(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 begincidrange <0000> <00FF> 10 endcidrange",
        );
        let Ok(b) = b else {
            panic!("{b:?}");
        };
        assert_eq!(
            (
                b.codespace[0].start,
                b.codespace[0].end,
                b.codespace[0].width
            ),
            (0, 0xFFFF, 1)
        );
        assert_eq!(
            (
                b.cid[0].src_code_lo,
                b.cid[0].src_code_hi,
                b.cid[0].dst_CID_lo
            ),
            (0, 0xFF, 10)
        );
    }

    #[test]
    fn malformed_cmaps_are_errors_not_panics() {
        assert!(get_unicode_map(b"").is_err());
        assert!(get_unicode_map(b"beginbfchar <01> <0041> endbfchar").is_err());
        assert!(get_unicode_map(b"5 beginbfchar <01> <0041> endbfchar").is_err());
        assert!(get_unicode_map(b"1 beginbfrange <01> <02> <004100> endbfrange").is_err());
    }
}
