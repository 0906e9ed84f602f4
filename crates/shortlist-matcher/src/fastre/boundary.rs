//! Which gate starts can be starts of boundary-led regexes.
//!
//! A gate lists every position where its pattern, word boundaries removed, matches:
//! also inside words ("hire" in "shire"). But every regex the matcher joins in a
//! [`GateUnion`](super::GateUnion) begins with a word-boundary assertion
//! (`\b(?:hire|...)`, `\b\d{1,2}...`), so its matches start only where a word boundary
//! holds ([`boundary_led`]), and the consumers of a scan only need the starts of those
//! exact regexes. A position that holds no boundary is dropped from the scan, so that
//! the lines and sentences around it are not searched for nothing.
//!
//! A boundary lies between two chars of which exactly one is a word char; among ASCII
//! bytes the word chars are `[0-9A-Za-z_]` for both the Unicode and the ASCII `\b`.
//! [`maybe_boundary`] decides from the two bytes around a position: between two ASCII
//! bytes of the same kind there is no boundary; next to a non-ASCII char there may be
//! one (which Unicode class it is in is not decided here, so such positions are kept).

use regex_automata::nfa::thompson::{self, State, WhichCaptures};
use regex_automata::util::look::Look;
use regex_automata::util::syntax;

/// Whether every match of `pattern` starts where a word-boundary assertion holds: every
/// path from its (anchored) start in its Thompson NFA meets `\b`, `\b{start}` or
/// `\b{end}` (ASCII or Unicode) before it reads a byte or matches. `false` if it does
/// not compile.
pub(crate) fn boundary_led(pattern: &str) -> bool {
    let nfa = thompson::Compiler::new()
        .syntax(syntax::Config::new().utf8(true))
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build(pattern);
    let Ok(nfa) = nfa else {
        return false;
    };
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![nfa.start_anchored()];
    while let Some(sid) = todo.pop() {
        if !seen.insert(sid) {
            continue;
        }
        match nfa.state(sid) {
            State::Look { look, next } => {
                // The half-boundaries (`\b{start-half}`) do not imply a boundary.
                let boundary = matches!(
                    look,
                    Look::WordAscii
                        | Look::WordUnicode
                        | Look::WordStartAscii
                        | Look::WordEndAscii
                        | Look::WordStartUnicode
                        | Look::WordEndUnicode
                );
                if !boundary {
                    todo.push(*next);
                }
            }
            State::Union { alternates } => todo.extend(alternates.iter().copied()),
            State::BinaryUnion { alt1, alt2 } => todo.extend([*alt1, *alt2]),
            State::Capture { next, .. } => todo.push(*next),
            State::Fail => {}
            State::ByteRange { .. } | State::Sparse(_) | State::Dense(_) | State::Match { .. } => {
                return false;
            }
        }
    }
    true
}

/// Whether `b` is an ASCII word byte, `[0-9A-Za-z_]` (what `\w` and `(?-u:\w)` match
/// among ASCII bytes).
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a word boundary may hold at `at` in `text` (a char boundary, as every gate
/// start is): `false` only between two ASCII bytes that are both word bytes or both not,
/// the text's start and end counting as non-word. A superset of the positions where
/// `\b` or `(?-u:\b)` (and so `\b{start}` and `\b{end}`) holds.
pub(crate) fn maybe_boundary(text: &[u8], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|i| text.get(i)).copied();
    let here = text.get(at).copied();
    match (before, here) {
        (Some(b), _) if b >= 0x80 => true,
        (_, Some(h)) if h >= 0x80 => true,
        (b, h) => b.is_some_and(is_word_byte) != h.is_some_and(is_word_byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maybe_boundaries_hold_every_word_boundary() {
        let unicode = regex::Regex::new(r"\b").expect("valid");
        let ascii = regex::bytes::Regex::new(r"(?-u:\b)").expect("valid");
        // ASCII word and non-word bytes, and chars of every UTF-8 length that are word
        // chars (letters, digits, a combining mark) or not (a bullet, a space).
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "_",
            "0",
            " ",
            ".",
            "\n",
            "é",
            "•",
            "ſ",
            "\u{212A}",
            "\u{10348}",
            "\u{0663}",
            "\u{300}",
            "\u{3000}",
            "\u{1F600}",
        ];
        let mut next = crate::testgen::xorshift(0x94D0_49BB_1331_11EB);
        let mut kept = 0;
        let mut dropped = 0;
        for _ in 0..3_000 {
            let len = (next() % 20) as usize;
            let t = crate::testgen::pieces(&mut next, PIECES, len);
            let b = t.as_bytes();
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let u = unicode.find_at(&t, at).is_some_and(|m| m.start() == at);
                let a = ascii.find_at(b, at).is_some_and(|m| m.start() == at);
                let maybe = maybe_boundary(b, at);
                if u || a {
                    assert!(maybe, "{t:?} at {at}");
                }
                // Between ASCII bytes, exact.
                let ascii_around = b.get(at.wrapping_sub(1)).is_none_or(u8::is_ascii)
                    && b.get(at).is_none_or(u8::is_ascii);
                if ascii_around {
                    assert_eq!(maybe, a, "{t:?} at {at}");
                    assert_eq!(maybe, u, "{t:?} at {at}");
                }
                kept += usize::from(maybe);
                dropped += usize::from(!maybe);
            }
        }
        assert!(kept > 1_000 && dropped > 1_000, "{kept} {dropped}");
    }

    #[test]
    fn boundary_led_patterns_begin_with_a_boundary_on_every_path() {
        for (p, led) in [
            (r"(?i)\bhire", true),
            (r"\b(?:a|b)\b", true),
            (r"(?:\ba|\bb)", true),
            (r"(?:\ba|b)", false),
            (r"\bfoo|bar", false),
            (r"(?:)\bfoo", true),
            (r"^\bfoo", true),
            (r"\Bfoo", false),
            (r"\b{start}foo", true),
            (r"\b{end}\.net", true),
            (r"\b{start-half}foo", false),
            (r"(?-u:\b)foo", true),
            (r"(?:\b)*foo", false),
            (r"(\bfoo)+", true),
            (r"a?\bfoo", false),
            (r"foo", false),
            (r"", false),
            (r"[", false),
        ] {
            assert_eq!(boundary_led(p), led, "{p}");
        }
    }
}
