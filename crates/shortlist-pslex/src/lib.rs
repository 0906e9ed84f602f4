//! PostScript tokens, read exactly as `adobe-cmap-parser` 0.4 and `type1-encoding-parser` 0.1
//! read them, without their parser-combinator cost.
//!
//! `pdf-extract` parses every font's `/ToUnicode` CMap with `adobe-cmap-parser` and every
//! embedded Type 1 font program with `type1-encoding-parser`, once per page. Both are written
//! with the `pom` combinator library, which formats an error message (`format!`) for every
//! alternative that fails to match: a hex string `<0041>` fails eight alternatives before it
//! matches the ninth. Profiling shortlist's PDF workers on real résumés put a quarter of all
//! their time in those two parsers. This crate is a hand-written recursive-descent reader of
//! the *same* grammar: the same ordered choices, the same backtracking, the same tokens, so
//! that the two patched crates in this workspace (`crates/adobe-cmap-parser`,
//! `crates/type1-encoding-parser`, wired in with `[patch.crates-io]`) are drop-in
//! replacements.
//!
//! Where the originals panic (a dictionary key that is not UTF-8) the key is decoded lossily
//! instead, and nesting deeper than [`MAX_DEPTH`] ends the token stream where the originals
//! would overflow the stack.
//!
//! ```
//! use shortlist_pslex::{Dialect, Value, tokens};
//! let t = tokens(b"2 beginbfchar\n<0003> <0020>\n", Dialect::CMap)?;
//! assert_eq!(t[0], Value::Integer(2));
//! assert_eq!(t[1], Value::Operator("beginbfchar".into()));
//! assert_eq!(t[2], Value::LiteralString(vec![0x00, 0x03]));
//! # Ok::<(), shortlist_pslex::Error>(())
//! ```

use std::collections::HashMap;

/// Arrays, procedures, dictionaries and parenthesised strings nested deeper than this end
/// the token stream (the `pom` originals recurse until the stack overflows).
pub const MAX_DEPTH: usize = 512;

/// One PostScript token, with the variants of the original crates' `Value`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `(literal)` or `<hex>` string, decoded to bytes.
    LiteralString(Vec<u8>),
    /// `/Name` without the slash, `#xx` escapes decoded.
    Name(Vec<u8>),
    /// A number that is not an `i64` (`.5`, or an integer too large for `i64`).
    Number(String),
    /// An integer that fits an `i64`.
    Integer(i64),
    /// `[ ... ]`.
    Array(Vec<Value>),
    /// `{ ... }` (Type 1 dialect only).
    Procedure(Vec<Value>),
    /// A bare word such as `beginbfchar` or `def`.
    Operator(String),
    /// `true` or `false`.
    Boolean(bool),
    /// `<< /Key value ... >>`.
    Dictionary(HashMap<String, Value>),
}

/// Which original grammar to follow; they differ in small ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `adobe-cmap-parser`: hex strings may contain white space; comments only where a
    /// token starts right after the previous token's trailing white space.
    CMap,
    /// `type1-encoding-parser`: `{ procedures }`, hex strings without white space, and
    /// comments after any white space.
    Type1,
}

/// The input does not start with a token (after comments and white space).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("no PostScript token at the start of the input")]
pub struct Error;

/// Reads tokens from the start of `input` until the first place where no token matches, as
/// the originals' `parse` does (the rest of the input, e.g. an encrypted font body, is
/// ignored). Fails only when not even one token matches.
pub fn tokens(input: &[u8], dialect: Dialect) -> Result<Vec<Value>, Error> {
    let mut lexer = Lexer {
        s: input,
        pos: 0,
        dialect,
        depth: 0,
    };
    let mut out = Vec::new();
    loop {
        lexer.skip_comments();
        lexer.skip_content_space();
        match lexer.value() {
            Some(v) => out.push(v),
            None => break,
        }
    }
    if out.is_empty() { Err(Error) } else { Ok(out) }
}

struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
    dialect: Dialect,
    depth: usize,
}

/// `pom::char_class::multispace`: the white space that follows every token.
fn is_content_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The originals' `space()`: white space inside dictionaries, arrays and hex strings.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_operator_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.pos += usize::from(hit);
        hit
    }

    fn eat_seq(&mut self, t: &[u8]) -> bool {
        let hit = self
            .s
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(t));
        if hit {
            self.pos += t.len();
        }
        hit
    }

    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&keep) {
            self.pos += 1;
        }
    }

    fn skip_content_space(&mut self) {
        self.skip_while(is_content_space);
    }

    fn skip_space(&mut self) {
        self.skip_while(is_space);
    }

    /// `\r\n`, `\n` or `\r`.
    fn eol(&mut self) -> bool {
        if self.eat(b'\r') {
            self.eat(b'\n');
            true
        } else {
            self.eat(b'\n')
        }
    }

    /// `% ...` up to and including the end of the line; a comment cut off by the end of
    /// the input does not match.
    fn comment(&mut self) -> bool {
        let start = self.pos;
        if !self.eat(b'%') {
            return false;
        }
        self.skip_while(|b| b != b'\r' && b != b'\n');
        if self.eol() {
            true
        } else {
            self.pos = start;
            false
        }
    }

    fn skip_comments(&mut self) {
        match self.dialect {
            // `comment().repeat(0..)`: back to back, no blank line between them.
            Dialect::CMap => while self.comment() {},
            // `(content_space() * comment()).repeat(0..)`.
            Dialect::Type1 => loop {
                let start = self.pos;
                self.skip_content_space();
                if !self.comment() {
                    self.pos = start;
                    break;
                }
            },
        }
    }

    /// Exactly two hex digits.
    fn hex_char(&mut self) -> Option<u8> {
        let hi = hex_value(self.peek()?)?;
        let lo = hex_value(self.peek_at(1)?)?;
        self.pos += 2;
        Some(hi << 4 | lo)
    }

    /// One token and the white space after it, or `None` with the position unchanged.
    fn value(&mut self) -> Option<Value> {
        let start = self.pos;
        let first = self.peek()?;
        let v = match first {
            b't' if self.eat_seq(b"true") => Some(Value::Boolean(true)),
            b'f' if self.eat_seq(b"false") => Some(Value::Boolean(false)),
            b'+' | b'-' | b'.' | b'0'..=b'9' => self
                .integer()
                .map(Value::Integer)
                .or_else(|| self.number().map(Value::Number)),
            b'/' => Some(Value::Name(self.name())),
            b if is_operator_byte(b) => Some(Value::Operator(self.operator())),
            b'(' => self.nested(|l| l.literal_string(false).map(Value::LiteralString)),
            b'<' => self
                .nested(|l| l.dictionary().map(Value::Dictionary))
                .or_else(|| self.hex_string().map(Value::LiteralString)),
            b'[' => self.nested(|l| l.sequence(b'[', b']').map(Value::Array)),
            b'{' if self.dialect == Dialect::Type1 => {
                self.nested(|l| l.sequence(b'{', b'}').map(Value::Procedure))
            }
            _ => None,
        };
        match v {
            Some(v) => {
                self.skip_content_space();
                Some(v)
            }
            None => {
                self.pos = start;
                None
            }
        }
    }

    /// Runs a parser for a nesting construct, refusing beyond [`MAX_DEPTH`].
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = parse(self);
        self.depth -= 1;
        out
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        self.skip_while(|b| b.is_ascii_digit());
        self.pos - start
    }

    /// `[+-]?[0-9]+` that fits an `i64`.
    fn integer(&mut self) -> Option<i64> {
        let start = self.pos;
        let _ = self.eat(b'+') || self.eat(b'-');
        let parsed = if self.digits() > 0 {
            std::str::from_utf8(&self.s[start..self.pos])
                .ok()
                .and_then(|t| t.parse::<i64>().ok())
        } else {
            None
        };
        if parsed.is_none() {
            self.pos = start;
        }
        parsed
    }

    /// `[+-]?` then digits, or `.` and at least one digit (the originals' middle
    /// alternative, digits `.` digits, can never be reached).
    fn number(&mut self) -> Option<String> {
        let start = self.pos;
        let _ = self.eat(b'+') || self.eat(b'-');
        let fraction_only =
            self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit());
        if fraction_only {
            self.pos += 1;
        }
        if self.digits() > 0 {
            Some(String::from_utf8_lossy(&self.s[start..self.pos]).into_owned())
        } else {
            self.pos = start;
            None
        }
    }

    /// `/` then name bytes; `#xx` is a hex escape, a `#` without two hex digits ends it.
    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'#' {
                let after_hash = self.pos;
                self.pos += 1;
                match self.hex_char() {
                    Some(c) => out.push(c),
                    None => {
                        self.pos = after_hash;
                        break;
                    }
                }
            } else if b" \t\n\r\x0C()<>[]{}/%".contains(&b) {
                break;
            } else {
                out.push(b);
                self.pos += 1;
            }
        }
        out
    }

    fn operator(&mut self) -> String {
        let start = self.pos;
        self.skip_while(is_operator_byte);
        String::from_utf8_lossy(&self.s[start..self.pos]).into_owned()
    }

    /// `( ... )` with escapes and balanced inner parentheses; an inner string keeps its
    /// parentheses (`keep_parens`), the outer one does not.
    fn literal_string(&mut self, keep_parens: bool) -> Option<Vec<u8>> {
        let start = self.pos;
        if !self.eat(b'(') {
            return None;
        }
        let mut out = Vec::new();
        if keep_parens {
            out.push(b'(');
        }
        loop {
            match self.peek() {
                None => break,
                Some(b')') => {
                    self.pos += 1;
                    if keep_parens {
                        out.push(b')');
                    }
                    return Some(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out);
                }
                Some(b'(') => match self.nested(|l| l.literal_string(true)) {
                    Some(inner) => out.extend_from_slice(&inner),
                    None => break,
                },
                Some(_) => {
                    let run = self.pos;
                    self.skip_while(|b| !matches!(b, b'\\' | b'(' | b')'));
                    out.extend_from_slice(&self.s[run..self.pos]);
                }
            }
        }
        self.pos = start;
        None
    }

    /// After a backslash: a known escape, 1–3 octal digits up to 255, a line break (dropped),
    /// or nothing at all (the backslash alone is dropped).
    fn escape(&mut self, out: &mut Vec<u8>) {
        let mapped = match self.peek() {
            Some(b'\\') => Some(b'\\'),
            Some(b'(') => Some(b'('),
            Some(b')') => Some(b')'),
            Some(b'n') => Some(b'\n'),
            Some(b'r') => Some(b'\r'),
            Some(b't') => Some(b'\t'),
            Some(b'b') => Some(b'\x08'),
            Some(b'f') => Some(b'\x0C'),
            _ => None,
        };
        if let Some(c) = mapped {
            self.pos += 1;
            out.push(c);
            return;
        }
        let start = self.pos;
        let mut code: u32 = 0;
        while self.pos - start < 3 && self.peek().is_some_and(|b| (b'0'..=b'7').contains(&b)) {
            code = code * 8 + u32::from(self.s[self.pos] - b'0');
            self.pos += 1;
        }
        if self.pos > start {
            match u8::try_from(code) {
                Ok(c) => out.push(c),
                // Too large for a byte: the originals fall through to "no escape at all".
                Err(_) => self.pos = start,
            }
            return;
        }
        self.eol();
    }

    /// `<< /Key value ... >>`.
    fn dictionary(&mut self) -> Option<HashMap<String, Value>> {
        let start = self.pos;
        if !self.eat_seq(b"<<") {
            return None;
        }
        self.skip_space();
        let mut dict = HashMap::new();
        while self.peek() == Some(b'/') {
            let entry = self.pos;
            let key = self.name();
            self.skip_space();
            match self.value() {
                Some(v) => {
                    dict.insert(String::from_utf8_lossy(&key).into_owned(), v);
                }
                None => {
                    self.pos = entry;
                    break;
                }
            }
        }
        if self.eat_seq(b">>") {
            Some(dict)
        } else {
            self.pos = start;
            None
        }
    }

    /// `<hex digits>`, in pairs; the CMap dialect allows white space between pairs.
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        let start = self.pos;
        if !self.eat(b'<') {
            return None;
        }
        let spaced = self.dialect == Dialect::CMap;
        let mut out = Vec::new();
        loop {
            let before = self.pos;
            if spaced {
                self.skip_space();
            }
            match self.hex_char() {
                Some(c) => out.push(c),
                None => {
                    self.pos = before;
                    break;
                }
            }
        }
        if spaced {
            self.skip_space();
        }
        if self.eat(b'>') {
            Some(out)
        } else {
            self.pos = start;
            None
        }
    }

    /// `open` values `close`, for arrays and procedures.
    fn sequence(&mut self, open: u8, close: u8) -> Option<Vec<Value>> {
        let start = self.pos;
        if !self.eat(open) {
            return None;
        }
        self.skip_space();
        let mut items = Vec::new();
        while let Some(v) = self.value() {
            items.push(v);
        }
        if self.eat(close) {
            Some(items)
        } else {
            self.pos = start;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmap(s: &str) -> Vec<Value> {
        tokens(s.as_bytes(), Dialect::CMap).unwrap_or_default()
    }

    fn type1(s: &str) -> Vec<Value> {
        tokens(s.as_bytes(), Dialect::Type1).unwrap_or_default()
    }

    fn op(s: &str) -> Value {
        Value::Operator(s.to_owned())
    }

    #[test]
    fn typical_cmap_tokens() {
        let t = cmap(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             1 begincodespacerange <00> <FF> endcodespacerange\n\
             2 beginbfrange <20> <21> <0020> <22> <22> [<00660069>] endbfrange\nendcmap",
        );
        assert_eq!(t[0], Value::Name(b"CIDInit".to_vec()));
        assert_eq!(t[3], op("begin"));
        assert_eq!(t[4], Value::Integer(12));
        assert_eq!(t[8], Value::Name(b"CIDSystemInfo".to_vec()));
        let Value::Dictionary(d) = &t[9] else {
            panic!("not a dictionary: {:?}", t[9]);
        };
        assert_eq!(d["Registry"], Value::LiteralString(b"Adobe".to_vec()));
        assert_eq!(d["Supplement"], Value::Integer(0));
        assert_eq!(
            t[t.len() - 3],
            Value::Array(vec![Value::LiteralString(vec![0, 0x66, 0, 0x69])])
        );
        assert_eq!(t.last(), Some(&op("endcmap")));
    }

    #[test]
    fn ordered_choice_quirks_are_kept() {
        // `true` matches as a prefix, integers before numbers, `12.5` is two tokens.
        assert_eq!(
            cmap("truex 12.5 -.5 99999999999999999999"),
            vec![
                Value::Boolean(true),
                op("x"),
                Value::Integer(12),
                Value::Number(".5".into()),
                Value::Number("-.5".into()),
                Value::Number("99999999999999999999".into()),
            ]
        );
        // A `#` without two hex digits ends a name, and nothing matches `#`.
        assert_eq!(
            cmap("/a#41b /c#zz"),
            vec![Value::Name(b"aAb".to_vec()), Value::Name(b"c".to_vec())]
        );
    }

    #[test]
    fn literal_strings_and_escapes() {
        assert_eq!(
            cmap(r"(a\(b\)\n\101\777(in(ner))\q)"),
            vec![Value::LiteralString(b"a(b)\nA777(in(ner))q".to_vec())]
        );
        assert_eq!(
            cmap("(line\\\r\nbreak)"),
            vec![Value::LiteralString(b"linebreak".to_vec())]
        );
        // Unbalanced: the string does not match, so the stream ends before it.
        assert_eq!(cmap("1 (open"), vec![Value::Integer(1)]);
    }

    #[test]
    fn hex_strings_differ_by_dialect() {
        assert_eq!(
            cmap("<00 4 1>"),
            Vec::<Value>::new(),
            "odd digits never match"
        );
        assert_eq!(cmap("<00 41 >"), vec![Value::LiteralString(vec![0, 0x41])]);
        assert_eq!(type1("<00 41>"), Vec::<Value>::new());
        assert_eq!(type1("<0041>"), vec![Value::LiteralString(vec![0, 0x41])]);
    }

    #[test]
    fn comments_differ_by_dialect() {
        // The CMap grammar stops at a comment that follows a comment and a blank line.
        assert_eq!(cmap("1\n%a\n\n%b\n2"), vec![Value::Integer(1)]);
        assert_eq!(
            cmap("1\n\n%a\n%b\n2"),
            vec![Value::Integer(1), Value::Integer(2)]
        );
        assert_eq!(
            type1("1\n%a\n\n%b\n2"),
            vec![Value::Integer(1), Value::Integer(2)]
        );
        // A comment cut off by the end of the input is not a comment.
        assert_eq!(cmap("%a"), Vec::<Value>::new());
    }

    #[test]
    fn type1_encoding_header() {
        let t = type1(
            "%!PS-AdobeFont-1.0: CMR10 003.002\n/Encoding 256 array\n\
             0 1 255 {1 index exch /.notdef put} for\ndup 65 /A put\nreadonly def\n\
             currentfile eexec\n\u{7f}\u{1}binary",
        );
        assert_eq!(t[0], Value::Name(b"Encoding".to_vec()));
        assert_eq!(t[2], op("array"));
        assert!(matches!(&t[6], Value::Procedure(p) if p.len() == 5));
        assert_eq!(t.last(), Some(&op("eexec")));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 10) + &"]".repeat(MAX_DEPTH + 10);
        assert_eq!(tokens(deep.as_bytes(), Dialect::CMap), Err(Error));
        let ok = "[".repeat(10) + &"]".repeat(10);
        assert_eq!(cmap(&ok).len(), 1);
    }

    #[test]
    fn empty_and_junk_inputs_have_no_tokens() {
        assert_eq!(tokens(b"", Dialect::CMap), Err(Error));
        assert_eq!(tokens(b"  \n ", Dialect::Type1), Err(Error));
        assert_eq!(tokens(b")", Dialect::CMap), Err(Error));
    }
}
