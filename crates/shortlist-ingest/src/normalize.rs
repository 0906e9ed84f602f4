//! Text normalisation: one canonical form for matching and date parsing.
//!
//! Extractors hand back ligatures (`ﬁ`), typographic dashes and quotes, zero-width and
//! bidi control characters, and words that a PDF drew glyph by glyph come out letter-spaced
//! (`2 0 1 8`, `E X P E R I E N C E`). Downstream code matches on words and parses dates
//! line by line, so this module:
//!
//! 1. joins a word split right after a ligature (`Snowﬂ ake` → `Snowﬂake`);
//! 2. applies Unicode NFKC (ligatures, full-width forms, compatibility digits);
//! 3. maps every dash to `-` and every quote to `'` or `"`, drops control, zero-width and
//!    private-use characters (icon fonts), turns other spaces into plain spaces;
//! 4. joins runs of three or more single letters or digits separated by single spaces;
//! 5. trims lines, collapses runs of spaces and of blank lines, and keeps line breaks.
//!
//! Text in any script is kept: CJK, Cyrillic, Greek and so on pass through.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Normalises extracted text; see the module documentation for the steps.
///
/// ```
/// use shortlist_ingest::normalize::normalize;
/// assert_eq!(normalize("Snowﬂ ake \u{2013} 2 0 1 8\r\n\u{200b}E X P E R I E N C E"),
///            "Snowflake - 2018\nEXPERIENCE");
/// ```
pub fn normalize(raw: &str) -> String {
    // Windows line ends are one break, not two.
    let raw = raw.replace("\r\n", "\n");
    let joined = join_after_ligature(&raw);
    let mut mapped = String::with_capacity(joined.len());
    for c in joined.nfkc() {
        match map_char(c) {
            Mapped::Keep => mapped.push(c),
            Mapped::To(s) => mapped.push_str(s),
            Mapped::Drop => {}
        }
    }
    let mut out = String::with_capacity(mapped.len());
    let mut blank_run = 0usize;
    for line in mapped.split('\n') {
        let line = collapse_spaces(line);
        let line = join_spaced_letters(&line);
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            // Keep one blank line where the source had any: paragraph breaks help sectioning.
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}

enum Mapped {
    Keep,
    To(&'static str),
    Drop,
}

fn map_char(c: char) -> Mapped {
    match c {
        '\n' => Mapped::Keep,
        // Carriage returns end lines on old Macs and pair with \n on Windows; form feeds end pages.
        '\r' | '\u{0b}' | '\u{0c}' | '\u{2028}' | '\u{2029}' | '\u{85}' => Mapped::To("\n"),
        '\t' => Mapped::To(" "),
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2043}'
        | '\u{fe58}'
        | '\u{fe63}'
        | '\u{ff0d}'
        | '\u{2e3a}'
        | '\u{2e3b}' => Mapped::To("-"),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' | '`'
        | '\u{b4}' => Mapped::To("'"),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Mapped::To("\"")
        }
        '\u{2022}' | '\u{25cf}' | '\u{25aa}' | '\u{25a0}' | '\u{2023}' | '\u{25e6}'
        | '\u{2219}' => Mapped::To("•"),
        // Soft hyphen, zero-width and bidi controls, BOM: invisible, and they split words.
        '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{2066}'..='\u{2069}' => Mapped::Drop,
        // Icon fonts (Font Awesome and friends) live in the private-use area; they are not text.
        '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' => Mapped::To(" "),
        '\u{fffd}' => Mapped::Drop,
        c if c.is_control() => Mapped::Drop,
        c if c.is_whitespace() => Mapped::To(" "),
        _ => Mapped::Keep,
    }
}

/// `Snowﬂ ake` → `Snowﬂake`: some extractors emit a space after a ligature glyph because its
/// width does not match the two letters it stands for.
fn join_after_ligature(raw: &str) -> std::borrow::Cow<'_, str> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\p{L}[\u{fb00}-\u{fb06}]) +(\p{Ll})").expect("static regex is valid")
    });
    RE.replace_all(raw, "$1$2")
}

fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Joins runs of three or more single alphanumeric characters separated by single spaces:
/// `2 0 1 8` → `2018`, `E X P E R I E N C E` → `EXPERIENCE`. Two-letter runs (`a I`) are left
/// alone: real prose has them, letter-spaced headings rarely stop at two.
fn join_spaced_letters(line: &str) -> String {
    let tokens: Vec<&str> = line.split(' ').collect();
    let is_single = |t: &str| {
        let mut chars = t.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphanumeric())
    };
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && is_single(tokens[j]) {
            j += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if j - i >= 3 {
            for t in &tokens[i..j] {
                out.push_str(t);
            }
            i = j;
        } else {
            out.push_str(tokens[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_dashes_quotes() {
        assert_eq!(
            normalize("ﬁnance ﬂow — “quoted” ‘x’"),
            "finance flow - \"quoted\" 'x'"
        );
    }

    #[test]
    fn keeps_cjk_and_cyrillic() {
        assert_eq!(
            normalize("软件工程师 Разработчик"),
            "软件工程师 Разработчик"
        );
    }

    #[test]
    fn spaced_digits_and_letters() {
        assert_eq!(normalize("Since 2 0 1 8 at Acme"), "Since 2018 at Acme");
        assert_eq!(normalize("S K I L L S"), "SKILLS");
        assert_eq!(normalize("I am a dev"), "I am a dev");
    }

    #[test]
    fn control_and_zero_width_dropped_lines_kept() {
        assert_eq!(
            normalize("a\u{200b}b\u{202c}\u{0}c\n\n\n\n  d  \t e "),
            "abc\n\nd e"
        );
    }

    #[test]
    fn private_use_icons_become_spaces() {
        assert_eq!(normalize("\u{f0e0}jane@example.com"), "jane@example.com");
    }
}
