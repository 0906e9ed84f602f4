//! `type1-encoding-parser` 0.1.1, rebuilt on [`shortlist_pslex`].
//!
//! `pdf-extract` reads the built-in `/Encoding` of every embedded Type 1 font (LaTeX résumés
//! are full of them) through this crate, once per page, tokenising the whole font program.
//! The original does that with the `pom` combinator library at a cost that showed up as a
//! tenth of shortlist's PDF worker time; this replacement keeps the original's public API,
//! grammar and results (the interpretation below follows the original, MIT-licensed, by Jeff
//! Muizelaar) and only swaps the tokeniser. Where the original panics on malformed input it
//! returns `Err`, which `pdf-extract` turns into the same panic.

use std::collections::HashMap;

pub use shortlist_pslex::Value;

/// Tokens of a Type 1 font program, up to the first place where no token matches (normally
/// the binary, encrypted part after `eexec`).
pub fn parse(input: &[u8]) -> Result<Vec<Value>, shortlist_pslex::Error> {
    shortlist_pslex::tokens(input, shortlist_pslex::Dialect::Type1)
}

/// Maps character codes to glyph names from the font's `/Encoding 256 array ... def`, read
/// from its `dup <code> /<name> put` entries.
pub fn get_encoding_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let lexed = parse(input).map_err(|_| "failed to parse")?;
    let before = |i: usize, back: usize| i.checked_sub(back).and_then(|j| lexed.get(j));
    let mut map = HashMap::new();
    let mut i = 0;
    while i < lexed.len() {
        if !matches!(&lexed[i], Value::Operator(o) if o == "array") {
            i += 1;
            continue;
        }
        if !matches!(before(i, 1), Some(Value::Integer(_))) {
            return Err("array expected int");
        }
        let Some(Value::Name(name)) = before(i, 2) else {
            return Err("expected name");
        };
        i += 1;
        if name != b"Encoding" {
            // The original does not step past anything else here.
            continue;
        }
        while i < lexed.len() {
            if let Value::Operator(o) = &lexed[i] {
                if o == "put" {
                    let Some(Value::Name(glyph)) = before(i, 1) else {
                        return Err("expected name");
                    };
                    let Some(Value::Integer(code)) = before(i, 2) else {
                        return Err("array expected int");
                    };
                    map.insert(*code as u32, glyph.clone());
                } else if o == "def" {
                    break;
                }
            }
            i += 1;
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] = b"%!PS-AdobeFont-1.0: CMR10 003.002\n%%Title: CMR10\n\
        /FontName /CMR10 def\n/PaintType 0 def\n/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n\
        /Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
        dup 12 /fi put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\n\xd9\xd6\x6f\x63";

    #[test]
    fn reads_the_encoding_entries() {
        let m = get_encoding_map(HEADER).unwrap_or_default();
        assert_eq!(m.get(&12), Some(&b"fi".to_vec()));
        assert_eq!(m.get(&65), Some(&b"A".to_vec()));
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn standard_encoding_fonts_have_no_map() {
        let m = get_encoding_map(b"/Encoding StandardEncoding def currentfile eexec\n\xd9");
        assert_eq!(m, Ok(HashMap::new()));
    }

    #[test]
    fn malformed_programs_are_errors_not_panics() {
        assert!(get_encoding_map(b"").is_err());
        assert!(get_encoding_map(b"array").is_err());
        assert!(get_encoding_map(b"/Encoding 2 array put def").is_err());
    }
}
