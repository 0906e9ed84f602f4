//! Work-experience date ranges: finding them in many written forms and
//! languages, deciding which ones are work experience, and measuring the union.
//!
//! # Conventions
//!
//! * Months are counted inclusively: `Jan 2019 - Mar 2019` is 3 months.
//! * A year-only start means January, a year-only end means December, so
//!   `2016 - 2018` is 36 months (the whole of all three years). Résumés that
//!   write years only rarely mean "one day in 2018", and this keeps year-only
//!   and month ranges on the same inclusive convention.
//! * Open ends (`present`, `heute`, `aujourd'hui`, `Since 2020`, ...) end at the
//!   month of `as_of`; ends after `as_of` are clamped to it; ranges that start
//!   after `as_of`, end before they start, last more than 50 years or start more than 50
//!   years before `as_of` are excluded, so the total never exceeds 50 years.
//! * Full dates `dd.mm.yyyy` are read day-first; `a/b/yyyy` is read month-first
//!   only when `a <= 12 < b` (so `b` cannot be a month).
//! * Overlapping ranges are merged; the total is the union in months / 12,
//!   rounded to one decimal.
//!
//! # Speed
//!
//! The regexes below define the results, but most lines never reach them: a
//! line without an ASCII `19d`, `20d` or `'dd` cannot hold a date token (a
//! `memchr3` scan, `may_hold_date`), and lines that are ASCII apart from
//! bullets and dashes are tokenised by exact byte-level twins of the line
//! regexes (module `ascii`), which look for dates only near the years and for
//! open ends only a few words after a date; only other lines (accents, Unicode
//! digits or spaces) run the regexes. Tests compare both paths on generated lines.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use crate::fastre::Gated;
use serde::Serialize;

use crate::excerpt::{Excerpt, LineText};
use crate::sections::Section;

mod ascii;

/// A month: `year * 12 + (month - 1)`, so consecutive months differ by one.
type MonthIndex = i32;

/// Lower-case month names and abbreviations in English, German, French,
/// Spanish, Portuguese, Italian, Dutch and Polish.
const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("sett", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    // Polish (nominative and genitive)
    ("styczeń", 1),
    ("stycznia", 1),
    ("sty", 1),
    ("luty", 2),
    ("lutego", 2),
    ("lut", 2),
    ("marzec", 3),
    ("marca", 3),
    ("kwiecień", 4),
    ("kwietnia", 4),
    ("kwi", 4),
    ("maj", 5),
    ("maja", 5),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("cze", 6),
    ("lipiec", 7),
    ("lipca", 7),
    ("lip", 7),
    ("sierpień", 8),
    ("sierpnia", 8),
    ("sie", 8),
    ("wrzesień", 9),
    ("września", 9),
    ("wrz", 9),
    ("październik", 10),
    ("października", 10),
    ("paź", 10),
    ("listopad", 11),
    ("listopada", 11),
    ("lis", 11),
    ("grudzień", 12),
    ("grudnia", 12),
    ("gru", 12),
];

static MONTH_LOOKUP: LazyLock<HashMap<&'static str, u8>> =
    LazyLock::new(|| MONTHS.iter().copied().collect());

/// One date token: `Jan 2019`, `01/2019`, `2019-01`, `12.03.2019`, `2019`.
static DATE: LazyLock<Gated> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    // Longest first so "september" wins over "sep" in the alternation.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let months = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!(
        r"(?i)\b(?:(?P<mname>{months})\.?(?:\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s*,?\s*(?:(?P<myear>(?:19|20)\d{{2}})\b|'(?P<myy>\d{{2}})\b)|(?P<d3>\d{{1,2}})[./](?P<m3>\d{{1,2}})[./](?P<y3>(?:19|20)\d{{2}})\b|(?P<m2>0?[1-9]|1[0-2])[./-](?P<y2>(?:19|20)\d{{2}})\b|(?P<y4>(?:19|20)\d{{2}})[./-](?P<m4>0?[1-9]|1[0-2])\b|(?P<y5>(?:19|20)\d{{2}})\b)"
    );
    Gated::new(&pattern).expect("static date regex is valid")
});

/// Words meaning "until now" in the supported languages, in the order the
/// regex tries them (`currently` before `current`).
const OPEN_END_WORDS: &[&str] = &[
    "present",
    "currently",
    "current",
    "now",
    "today",
    "till date",
    "to date",
    "date",
    "ongoing",
    "heute",
    "aktuell",
    "derzeit",
    "jetzt",
    "laufend",
    "aujourd'hui",
    "à ce jour",
    "a ce jour",
    "présent",
    "actuellement",
    "actuel",
    "en cours",
    "actualidad",
    "presente",
    "actualmente",
    "actual",
    "hoy",
    "atualmente",
    "atual",
    "o momento",
    "oggi",
    "attuale",
    "in corso",
    "heden",
    "nu",
    "huidig",
    "obecnie",
    "teraz",
];

/// `words` as a regex alternation of literals, in order.
fn alternation(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// One of [`OPEN_END_WORDS`] as a whole word.
static OPEN_END: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?i)\b(?:{})\b", alternation(OPEN_END_WORDS)))
        .expect("static open-end regex is valid")
});

/// Words that may join the two ends of a range (`--` before `-`, as `-{1,2}`).
const CONNECTOR_WORDS: &[&str] = &[
    "--", "-", "~", "to", "till", "until", "through", "thru", "bis", "zum", "au", "à", "a", "al",
    "hasta", "até", "ate", "tot", "do", "t/m",
];

/// What may stand between the two ends of a range.
static CONNECTOR: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?i)^[\s,(]*(?:(?:{})[\s,(]*){{1,2}}$",
        alternation(CONNECTOR_WORDS)
    ))
    .expect("static connector regex is valid")
});

/// Words before a single date that make it an open range ("Since 2020").
const SINCE_WORDS: &[&str] = &[
    "since",
    "seit",
    "ab",
    "depuis",
    "desde",
    "dal",
    "dall'",
    "sinds",
    "vanaf",
    "od",
    "a partir de",
    "à partir de",
];

/// One of [`SINCE_WORDS`] at the end of the text before a date.
static SINCE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?i)\b(?:{})\s*$", alternation(SINCE_WORDS)))
        .expect("static since regex is valid")
});

/// Words of lines that hold a birth date rather than work dates (`d.o.b`
/// with each dot optional).
const BIRTH_WORDS: &[&str] = &[
    "born",
    "birth",
    "birthday",
    "d.o.b",
    "d.ob",
    "do.b",
    "dob",
    "geboren",
    "geburtsdatum",
    "né",
    "née",
    "naissance",
    "nacimiento",
    "nascimento",
    "nascita",
    "nato",
    "nata",
    "geboortedatum",
    "geboren op",
    "urodzenia",
    "urodzony",
    "urodzona",
];

/// Lines that hold a birth date rather than work dates: one of
/// [`BIRTH_WORDS`] as a whole word.
static BIRTH: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?i)\b(?:{})\b", alternation(BIRTH_WORDS)))
        .expect("static birth regex is valid")
});

/// [`EDUCATION_LINE`] without its flags.
const EDUCATION_PATTERN: &str = r"\b(?:universit\w*|college|school|degree|bachelor\w*|master'?s|masters|master of|b\.?\s?sc|m\.?\s?sc|b\.?\s?tech|m\.?\s?tech|b\.?\s?e\b|m\.?\s?e\b|mba|ph\.?d|diploma|graduat\w*|hochschule|studium|école|lycée|universidad|universidade|università|licence|licenciatura|ssc|hsc|cgpa|gpa|certif\w*)\b";

/// Lines that obviously describe education, used when there are no headings.
static EDUCATION_LINE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!("(?i){EDUCATION_PATTERN}")).expect("static education regex is valid")
});

/// [`EDUCATION_LINE`] with ASCII classes, word boundaries and case folding,
/// for the lines [`ascii::applies`] to: there the two agree, for the reasons
/// the module [`ascii`] gives (`\w`, `\s` and `\b` are their ASCII forms on
/// ASCII text, [`ascii::NEUTRAL`] characters are in no class and fold to
/// nothing, and no other character folds onto ASCII), and a test compares
/// them. The Unicode word boundaries keep the original out of the lazy DFA,
/// at thousands of instructions a line; this one runs in it. Now the reference
/// for [`ascii::education`], which walks the words instead.
#[cfg(test)]
static EDUCATION_LINE_ASCII: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&format!("(?i-u){EDUCATION_PATTERN}"))
        .expect("static education regex is valid")
});

/// A date range accepted as work experience.
///
/// Serialised with the text of the range ([`RangeUsed::text`]) first, as a field `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeUsed {
    /// First month, `YYYY-MM`.
    pub start: String,
    /// Last month counted, `YYYY-MM` (after clamping to `as_of`).
    pub end: String,
    /// Whether the range was open ("present", "since ...").
    pub open: bool,
    /// Months in this range on its own (inclusive).
    pub months: u32,
    /// Section the line belongs to.
    pub section: Section,
    /// 1-based line number.
    pub line: usize,
    /// The line, and where on it the range is (shared by the ranges on one line: a
    /// résumé extracted as one long line would otherwise hold a copy of itself per
    /// range; serialised whole, or as a window around the range on a very long line).
    pub line_text: LineText,
}

/// A date range that was found but not counted.
///
/// Serialised with the text of the range ([`RangeExcluded::text`]) first, as a field
/// `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeExcluded {
    /// Why it was not counted.
    pub reason: &'static str,
    /// Section the line belongs to.
    pub section: Section,
    /// 1-based line number.
    pub line: usize,
    /// The line, and where on it the range is (shared by the ranges on one line: a
    /// résumé extracted as one long line would otherwise hold a copy of itself per
    /// range; serialised whole, or as a window around the range on a very long line).
    pub line_text: LineText,
}

impl RangeUsed {
    /// The text of the range as written: the finding that `line_text` locates on its line
    /// (a slice of the line, not a copy; a copy was an allocation per range).
    pub fn text(&self) -> &Excerpt {
        self.line_text.finding()
    }
}

impl RangeExcluded {
    /// The text of the range as written (see [`RangeUsed::text`]).
    pub fn text(&self) -> &Excerpt {
        self.line_text.finding()
    }
}

/// The fields in their order of declaration after [`RangeUsed::text`] (where it was a
/// field, so the JSON is unchanged).
impl Serialize for RangeUsed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("RangeUsed", 8)?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("open", &self.open)?;
        s.serialize_field("months", &self.months)?;
        s.serialize_field("section", &self.section)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("line_text", &self.line_text)?;
        s.end()
    }
}

/// The fields in their order of declaration after [`RangeExcluded::text`] (where it was a
/// field, so the JSON is unchanged).
impl Serialize for RangeExcluded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("RangeExcluded", 5)?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("reason", self.reason)?;
        s.serialize_field("section", &self.section)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("line_text", &self.line_text)?;
        s.end()
    }
}

/// Result of the experience analysis.
#[derive(Debug, Clone, Default)]
pub(crate) struct Experience {
    pub years: f64,
    pub used: Vec<RangeUsed>,
    pub excluded: Vec<RangeExcluded>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    year: i32,
    month: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Date(Point),
    Open,
}

/// A range found on one line, before any section filtering.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRange {
    /// Where the range's text is on its line (bytes).
    pub span: (usize, usize),
    start: Point,
    /// `None` means open ("present").
    end: Option<Point>,
}

fn parse_point(c: &crate::fastre::Captures<'_>) -> Option<Point> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(m) = c.name("mname") {
        let month = *MONTH_LOOKUP.get(m.as_str().to_lowercase().as_str())?;
        let year = match num("myear") {
            Some(y) => y,
            // Two-digit years ('19) are this century unless that is in the future-ish.
            None => {
                let yy = num("myy")?;
                if yy <= 60 { 2000 + yy } else { 1900 + yy }
            }
        };
        return Some(Point {
            year,
            month: Some(month),
        });
    }
    if let (Some(a), Some(b), Some(y)) = (num("d3"), num("m3"), num("y3")) {
        let month = if a <= 12 && b > 12 { a } else { b };
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        return Some(Point {
            year: y,
            month: Some(month),
        });
    }
    if let (Some(m), Some(y)) = (num("m2"), num("y2")) {
        return Some(Point {
            year: y,
            month: u8::try_from(m).ok(),
        });
    }
    if let (Some(y), Some(m)) = (num("y4"), num("m4")) {
        return Some(Point {
            year: y,
            month: u8::try_from(m).ok(),
        });
    }
    num("y5").map(|year| Point { year, month: None })
}

/// Whether [`DATE`] can yield a token on `line`: every token parses an ASCII
/// year `19dd`/`20dd` or an apostrophe year `'dd` (matches with other digits
/// fail to parse), and a range needs a token. Most lines have none of the
/// three bytes, which `memchr3` skips many at a time.
fn may_hold_date(line: &str) -> bool {
    let b = line.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    memchr::memchr3_iter(b'\'', b'1', b'2', b).any(|i| match b.get(i..i + 2) {
        Some([b'\'', _]) => digit(i + 1) && digit(i + 2),
        Some([b'1', b'9'] | [b'2', b'0']) => digit(i + 2),
        _ => false,
    })
}

/// Indices, in order, of the lines that pass [`may_hold_date`], from one
/// `memchr3` scan of the whole text rather than one call per line (most
/// lines are short, so the calls were most of the cost). Falls back to one
/// check per line unless `lines` are disjoint slices of `text` in order.
fn dated_lines(text: &str, lines: &[&str]) -> Vec<usize> {
    let base = text.as_ptr().addr();
    let span = |line: &str| {
        let start = line.as_ptr().addr().wrapping_sub(base);
        (start, start.wrapping_add(line.len()))
    };
    let mut prev_end = 0;
    let in_order = lines.iter().all(|l| {
        let (start, end) = span(l);
        let ok = prev_end <= start && start <= end && end <= text.len();
        prev_end = end;
        ok
    });
    if !in_order {
        return (0..lines.len())
            .filter(|&i| lines.get(i).is_some_and(|l| may_hold_date(l)))
            .collect();
    }
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut out: Vec<usize> = Vec::new();
    let mut li = 0;
    for i in memchr::memchr3_iter(b'\'', b'1', b'2', b) {
        let hit = match b.get(i..i + 2) {
            Some([b'\'', _]) => digit(i + 1) && digit(i + 2),
            Some([b'1', b'9'] | [b'2', b'0']) => digit(i + 2),
            _ => false,
        };
        if !hit {
            continue;
        }
        // The line holding all of `i..i + 3`, if one does.
        while lines.get(li).is_some_and(|l| span(l).1 < i + 3) {
            li += 1;
        }
        let Some(line) = lines.get(li) else { break };
        if span(line).0 <= i && out.last() != Some(&li) {
            out.push(li);
        }
    }
    out
}

/// Finds the date ranges on one line: by the byte-level matchers of
/// [`ascii`] when they apply (see [`ascii::applies`]), else by the regexes.
#[cfg(test)]
fn ranges_in_line(line: &str) -> Vec<RawRange> {
    if !may_hold_date(line) {
        return Vec::new();
    }
    ranges_in_dated_line(line, &mut Vec::new()).0
}

/// [`ranges_in_line`] on a line that passes [`may_hold_date`] ([`experience`]
/// knows that from [`dated_lines`], so the scan does not run twice), and
/// `BIRTH.is_match(line)` when the fast path found it out (it does when there
/// are ranges, the only time it is asked; `None`: the regex runs only if a
/// range needs it).
/// `tokens` is a buffer for the line's tokens, reused across lines (its
/// contents on entry do not matter).
fn ranges_in_dated_line(
    line: &str,
    tokens: &mut Vec<(usize, usize, Token)>,
) -> (Vec<RawRange>, Option<bool>) {
    tokens.clear();
    if ascii::applies(line) {
        let (ranges, birth) = ascii::ranges(line, tokens);
        (ranges, Some(birth))
    } else {
        (regex_ranges(line, tokens), None)
    }
}

/// The ranges of `line` found by the regexes, `tokens` an empty buffer.
fn regex_ranges(line: &str, tokens: &mut Vec<(usize, usize, Token)>) -> Vec<RawRange> {
    regex_tokens(line, tokens);
    pair_tokens(
        line,
        tokens,
        |gap| CONNECTOR.is_match(gap),
        |before| SINCE.find(before).map(|m| m.start()),
    )
}

/// [`ranges_in_line`] by the regexes alone, the reference for the fast path
/// and for the [`may_hold_date`] filter.
#[cfg(test)]
fn ranges_in_line_by_regex(line: &str) -> Vec<RawRange> {
    regex_ranges(line, &mut Vec::new())
}

/// Adds an open end at `s..e` unless it overlaps one of the first `dates`
/// tokens (the dates, which win).
fn push_open(tokens: &mut Vec<(usize, usize, Token)>, dates: usize, s: usize, e: usize) {
    let overlaps = tokens
        .get(..dates)
        .unwrap_or_default()
        .iter()
        .any(|(ds, de, _)| s < *de && *ds < e);
    if !overlaps {
        tokens.push((s, e, Token::Open));
    }
}

/// The date tokens, then the open ends that overlap no date, by the regexes.
fn regex_tokens(line: &str, tokens: &mut Vec<(usize, usize, Token)>) {
    for c in DATE.captures_iter(line) {
        let Some(whole) = c.get(0) else { continue };
        if let Some(p) = parse_point(&c) {
            tokens.push((whole.start(), whole.end(), Token::Date(p)));
        }
    }
    let dates = tokens.len();
    for m in OPEN_END.find_iter(line) {
        push_open(tokens, dates, m.start(), m.end());
    }
}

/// Pairs the tokens of `line` into ranges: two tokens joined by a connector
/// (`is_connector` on the text between them), or a date after a "since" word
/// (`since_start`: where it starts in the text before the date).
fn pair_tokens(
    line: &str,
    tokens: &mut [(usize, usize, Token)],
    is_connector: impl Fn(&str) -> bool,
    since_start: impl Fn(&str) -> Option<usize>,
) -> Vec<RawRange> {
    tokens.sort_by_key(|t| t.0);
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_end = 0;
    while i < tokens.len() {
        let (s, e, tok) = tokens[i];
        let Token::Date(start) = tok else {
            prev_end = e;
            i += 1;
            continue;
        };
        if let Some(&(s2, e2, tok2)) = tokens.get(i + 1) {
            let gap = line.get(e..s2).unwrap_or("");
            // "sept. 2018 à ce jour": the open-end phrase carries its own connector.
            let joined = is_connector(gap) || (tok2 == Token::Open && gap.trim().is_empty());
            if joined {
                let end = match tok2 {
                    Token::Date(p) => Some(p),
                    Token::Open => None,
                };
                out.push(RawRange {
                    span: (s, e2),
                    start,
                    end,
                });
                prev_end = e2;
                i += 2;
                continue;
            }
        }
        let before = line.get(prev_end..s).unwrap_or("");
        if let Some(m) = since_start(before) {
            let from = prev_end + m;
            out.push(RawRange {
                span: (from, e),
                start,
                end: None,
            });
        }
        prev_end = e;
        i += 1;
    }
    out
}

fn month_index(p: Point, is_end: bool) -> MonthIndex {
    let m = i32::from(p.month.unwrap_or(if is_end { 12 } else { 1 }));
    p.year * 12 + (m - 1)
}

/// `i` as `YYYY-MM`: `format!("{:04}-{:02}", year, month)`, written digit by
/// digit for the years of four digits (every counted range has one) as the
/// formatting machinery cost more than the rest of a used range.
fn fmt_month(i: MonthIndex) -> String {
    let (year, month) = (i.div_euclid(12), i.rem_euclid(12) + 1);
    let Ok(y) = u32::try_from(year) else {
        return format!("{year:04}-{month:02}");
    };
    if y > 9999 {
        return format!("{year:04}-{month:02}");
    }
    // `month` is 1..=12, so it always has two digits here.
    let m = month.unsigned_abs();
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let mut s = String::with_capacity(7);
    s.extend([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
    ]);
    s
}

/// Finds all ranges, decides which count, and measures the union.
/// `lines` are the lines of `text`, as `str::lines` gives them.
pub(crate) fn experience(
    text: &str,
    lines: &[&str],
    sections: &[Section],
    as_of: jiff::civil::Date,
) -> Experience {
    let has_experience_heading = sections.contains(&Section::Experience);
    let now: MonthIndex = i32::from(as_of.year()) * 12 + i32::from(as_of.month()) - 1;
    let mut exp = Experience::default();
    let mut intervals: Vec<(MonthIndex, MonthIndex)> = Vec::new();
    // One token buffer for all lines instead of an allocation per line.
    let mut tokens: Vec<(usize, usize, Token)> = Vec::new();
    // Other lines hold no range.
    for idx in dated_lines(text, lines) {
        let Some(line) = lines.get(idx) else { continue };
        let section = sections.get(idx).copied().unwrap_or(Section::Header);
        // Per-line facts, computed at most once (the regexes are pure).
        let mut education: Option<bool> = None;
        let (ranges, mut birth) = ranges_in_dated_line(line, &mut tokens);
        if ranges.is_empty() {
            continue;
        }
        // The fast path found the birth words: `ascii::applies` holds.
        let fast = birth.is_some();
        let line_text: Arc<str> = Arc::from(*line);
        for r in ranges {
            let reason = if *birth.get_or_insert_with(|| BIRTH.is_match(line)) {
                Some("birth date")
            } else if has_experience_heading {
                match section {
                    Section::Experience => None,
                    Section::Education => Some("in education section"),
                    Section::Certifications => Some("in certifications section"),
                    Section::Publications => Some("in publications section"),
                    Section::Projects => Some("in projects section"),
                    _ => Some("outside the experience sections"),
                }
            } else {
                match section {
                    Section::Education => Some("in education section"),
                    Section::Certifications => Some("in certifications section"),
                    Section::Publications => Some("in publications section"),
                    Section::Projects => Some("in projects section"),
                    Section::Awards => Some("in awards section"),
                    Section::Volunteering => Some("in volunteering section"),
                    _ if *education.get_or_insert_with(|| education_line(line, fast)) => {
                        Some("line mentions education")
                    }
                    _ => None,
                }
            };
            let start = month_index(r.start, false);
            let end = r.end.map_or(now, |p| month_index(p, true)).min(now);
            // The checks in order; the first that fails names the reason.
            let reason = reason.or(if start > now {
                Some("starts after the as-of date")
            } else if end < start {
                Some("ends before it starts")
            } else if end - start >= WINDOW_MONTHS {
                Some("longer than 50 years")
            } else if now - start >= WINDOW_MONTHS {
                Some("starts more than 50 years before the as-of date")
            } else {
                None
            });
            // The range's text is its span of the shared line (no copy).
            if let Some(reason) = reason {
                exp.excluded.push(RangeExcluded {
                    reason,
                    section,
                    line: idx + 1,
                    line_text: LineText::new(&line_text, r.span.0, r.span.1),
                });
                continue;
            }
            intervals.push((start, end));
            exp.used.push(RangeUsed {
                start: fmt_month(start),
                end: fmt_month(end),
                open: r.end.is_none(),
                months: u32::try_from(end - start + 1).unwrap_or(0),
                section,
                line: idx + 1,
                line_text: LineText::new(&line_text, r.span.0, r.span.1),
            });
        }
    }
    exp.years = round1(f64::from(union_months(&mut intervals)) / 12.0);
    exp
}

/// `EDUCATION_LINE.is_match(line)`, by the word walk [`ascii::education`] when
/// `ascii_applies` (`ascii::applies(line)`) says it agrees.
fn education_line(line: &str, ascii_applies: bool) -> bool {
    if ascii_applies {
        ascii::education(line)
    } else {
        EDUCATION_LINE.is_match(line)
    }
}

/// The window a working life is counted in: the 50 years up to `as_of`. A range longer than
/// that, or starting before it, is a typo or a birth year, not a job; keeping every counted
/// range inside the window also caps the union at 50 years.
const WINDOW_MONTHS: MonthIndex = 50 * 12;

/// Total months covered by inclusive intervals, counting overlaps once.
fn union_months(intervals: &mut [(MonthIndex, MonthIndex)]) -> i32 {
    intervals.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(MonthIndex, MonthIndex)> = None;
    for &(s, e) in intervals.iter() {
        cur = match cur {
            Some((cs, ce)) if s <= ce + 1 => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs + 1;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = cur {
        total += ce - cs + 1;
    }
    total
}

/// Rounds to one decimal.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Claimed totals: "10+ years of experience", "over 8 years", "5 ans
/// d'expérience", "8 Jahre Erfahrung", "experience of 6 years".
/// A claimed number: digits ("10", "6.5") or an English number word.
const CLAIM_NUMBER: &str = r"(\d{1,2}(?:[.,]\d)?|(?:twenty|thirty|forty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

/// English number words up to nineteen, then tens.
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Parses a [`CLAIM_NUMBER`] match: "6.5", "6,5", "twelve", "twenty-five".
fn claim_number(s: &str) -> Option<f64> {
    let s = s.to_lowercase();
    if let Ok(v) = s.replace(',', ".").parse::<f64>() {
        return Some(v);
    }
    let mut total = 0.0;
    for part in s.split(['-', ' ']) {
        total += match part {
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            w => NUMBER_WORDS.iter().position(|n| *n == w)? as f64,
        };
    }
    Some(total)
}

/// Claimed totals: "10+ years of experience", "over 8 years", "more than
/// twelve years of experience", "5 ans d'expérience", "8 Jahre Erfahrung".
static CLAIM_BEFORE: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&claim_before_pattern()).expect("static claim regex is valid"));

/// The pattern of [`CLAIM_BEFORE`].
fn claim_before_pattern() -> String {
    format!(
        r"(?i)\b{CLAIM_NUMBER}\s*\+?\s*(?:years?|yrs?\.?|ans|années|jahre|jahren|años|anos|anni|jaar|lat|lata)\b\+?(?:[\s,]+[\p{{L}}'/&+.-]+){{0,5}}?[\s,]+(?:of\s+)?(?:experience|exp\.?|expérience|d'expérience|erfahrung|berufserfahrung|experiencia|experiência|esperienza|di esperienza|ervaring|werkervaring|doświadczenia)\b",
    )
}

/// "Experience: 6 years", "experience of over 8 years".
static CLAIM_AFTER: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&claim_after_pattern()).expect("static claim regex is valid"));

/// The pattern of [`CLAIM_AFTER`].
fn claim_after_pattern() -> String {
    format!(
        r"(?i)\b(?:experience|erfahrung|expérience|experiencia|experiência|esperienza|ervaring|doświadczenie)\b[\s:,-]+(?:of\s+|von\s+|de\s+|di\s+|van\s+)?(?:over\s+|more than\s+|about\s+|around\s+|nearly\s+|über\s+|plus de\s+|más de\s+|mais de\s+|oltre\s+|ponad\s+)?{CLAIM_NUMBER}\s*\+?\s*(?:years?|yrs?|ans|jahre[n]?|años|anos|anni|jaar|lat|lata)\b",
    )
}

/// A career length without the word "experience": "with fourteen years in
/// talent acquisition", "over 10 years in backend development".
static CLAIM_CAREER: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&claim_career_pattern()).expect("static claim regex is valid"));

/// The pattern of [`CLAIM_CAREER`].
fn claim_career_pattern() -> String {
    format!(
        r"(?i)\b(?:with|over|more than|nearly|almost|about|around)\s+{CLAIM_NUMBER}\s*\+?\s*years?\s+(?:in|of)\s+(?:the\s+)?[\p{{L}}]",
    )
}

static CLAIM_GATES: LazyLock<crate::fastre::GateUnion> =
    LazyLock::new(|| crate::fastre::GateUnion::new(&[&CLAIM_BEFORE, &CLAIM_AFTER, &CLAIM_CAREER]));

/// The gates of the claimed-years regexes, each in a group, for a gate joined with other
/// regexes' (see [`claimed_years_from`]); `None` if one of them has no gate.
pub(crate) fn claim_gate_alternatives() -> Option<Vec<String>> {
    [&*CLAIM_BEFORE, &*CLAIM_AFTER, &*CLAIM_CAREER]
        .iter()
        .map(|g| g.gate_pattern().map(|p| format!("(?:{p})")))
        .collect()
}

/// Whether the claimed-years regexes are all boundary-led
/// ([`crate::fastre::Gated::boundary_led`]): a joint gate scan may then list only the
/// starts of [`claim_gate_alternatives`] where a word boundary may hold, which still
/// include every start of the regexes, all that [`claimed_years_from`] needs.
pub(crate) fn claim_gates_boundary_led() -> bool {
    [&*CLAIM_BEFORE, &*CLAIM_AFTER, &*CLAIM_CAREER]
        .iter()
        .all(|g| g.boundary_led())
}

/// The largest plausible (≤ 50) claimed total of years, if any.
#[cfg(test)]
pub(crate) fn claimed_years(text: &str) -> Option<f64> {
    claimed_years_from(text, None)
}

/// [`claimed_years`] by the regexes alone, without candidate starts: the reference for
/// the starts of joint scans.
#[cfg(test)]
pub(crate) fn claimed_years_reference(text: &str) -> Option<f64> {
    let mut best: Option<f64> = None;
    for re in [&*CLAIM_BEFORE, &*CLAIM_AFTER, &*CLAIM_CAREER] {
        for c in re.captures_iter(text) {
            let Some(v) = c.get(1).and_then(|n| claim_number(n.as_str())) else {
                continue;
            };
            if v > 0.0 && v <= 50.0 && best.is_none_or(|b| v > b) {
                best = Some(v);
            }
        }
    }
    best
}

/// [`claimed_years`] with the candidate starts given: sorted positions that include
/// every start of the claim regexes, such as every start of the claim gates (those of a
/// gate joined from [`claim_gate_alternatives`] and others do, or only those where a word
/// boundary may hold, see [`claim_gates_boundary_led`]); `None` scans with the claim
/// gates alone. The regexes run anchored at the given starts, in order, and the first
/// start where one matches is its leftmost match, so extra starts change nothing.
pub(crate) fn claimed_years_from(text: &str, starts: Option<&[usize]>) -> Option<f64> {
    let mut best: Option<f64> = None;
    // One scan for the candidates of all three instead of one each.
    let own;
    let starts = match starts {
        Some(s) => Some(s),
        None => {
            own = CLAIM_GATES.starts(text);
            own.as_deref()
        }
    };
    // Each regex gets only the starts its first character allows: every attempt costs a
    // captures buffer and an anchored search, and most starts are for another regex.
    let mut own_starts: Vec<usize> = Vec::new();
    for (re, first) in [
        (&*CLAIM_BEFORE, &CLAIM_BEFORE_FIRST),
        (&*CLAIM_AFTER, &CLAIM_AFTER_FIRST),
        (&*CLAIM_CAREER, &CLAIM_CAREER_FIRST),
    ] {
        let starts = starts.map(|all| {
            own_starts.clear();
            own_starts.extend(
                all.iter()
                    .copied()
                    .filter(|&s| claim_may_start(text, s, first)),
            );
            &own_starts[..]
        });
        if starts.is_some_and(<[usize]>::is_empty) {
            continue;
        }
        for c in re.captures_iter_from(text, starts) {
            let Some(v) = c.get(1).and_then(|n| claim_number(n.as_str())) else {
                continue;
            };
            if v > 0.0 && v <= 50.0 && best.is_none_or(|b| v > b) {
                best = Some(v);
            }
        }
    }
    best
}

/// Whether a match of a claim regex whose [`first_bytes`] table is `first` may start
/// at byte `s` of `text`: the byte there is in the table (the end of the text is not,
/// as every match is non-empty).
fn claim_may_start(text: &str, s: usize, first: &[bool; 256]) -> bool {
    text.as_bytes()
        .get(s)
        .is_some_and(|&b| first[usize::from(b)])
}

/// The bytes a match may start with when its first character is one of `letters`
/// (lower-case ASCII) in either case, an ASCII digit if `digits`, or any non-ASCII
/// character: all bytes `>= 0x80` are allowed, which covers Unicode digits (`\d`) and
/// the characters that `(?i)` folds onto ASCII letters (`ſ`, the Kelvin sign).
const fn first_bytes(letters: &[u8], digits: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    let mut i = 0;
    while i < letters.len() {
        t[letters[i] as usize] = true;
        t[letters[i].to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    if digits {
        let mut d = b'0';
        while d <= b'9' {
            t[d as usize] = true;
            d += 1;
        }
    }
    t
}

/// [`first_bytes`] of [`CLAIM_BEFORE`]: after its `\b` (which takes no character) the
/// match starts with [`CLAIM_NUMBER`]: `\d`, `twenty`, `thirty`, `forty`, or a number
/// word `one` to `nineteen`, whose first letters are `t`, `f`, `o`, `s`, `e` and `n`.
static CLAIM_BEFORE_FIRST: [bool; 256] = first_bytes(b"tfosen", true);

/// [`first_bytes`] of [`CLAIM_AFTER`]: after its `\b` it starts with `experience`,
/// `erfahrung`, `expérience`, `experiencia`, `experiência`, `esperienza`, `ervaring` or
/// `doświadczenie`.
static CLAIM_AFTER_FIRST: [bool; 256] = first_bytes(b"ed", false);

/// [`first_bytes`] of [`CLAIM_CAREER`]: after its `\b` it starts with `with`, `over`,
/// `more than`, `nearly`, `almost`, `about` or `around`.
static CLAIM_CAREER_FIRST: [bool; 256] = first_bytes(b"womna", false);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections;

    fn date(y: i16, m: i8) -> jiff::civil::Date {
        jiff::civil::date(y, m, 15)
    }

    /// [`experience`] of `text`, its sections classified as `analyze` does.
    fn experience_of(text: &str, as_of: jiff::civil::Date) -> Experience {
        let lines: Vec<&str> = text.lines().collect();
        let (s, _) = sections::classify(&lines);
        experience(text, &lines, &s, as_of)
    }

    fn years(text: &str, as_of: jiff::civil::Date) -> f64 {
        experience_of(text, as_of).years
    }

    #[test]
    fn single_line_forms() {
        let as_of = date(2024, 6);
        let cases: &[(&str, f64)] = &[
            ("Jan 2019 - Mar 2019", 0.3),
            ("January 2019 - current", 5.5),
            ("01/2019 - 03/2021", 2.3),
            ("2019-01 to 2021-03", 2.3),
            ("2016 - 2018", 3.0),
            ("Since 2020", 4.5),
            ("03.2017 - 11.2019", 2.8),
            ("Jan 2019 - till date", 5.5),
            ("Jan 2023 - now", 1.5),
            ("Okt 2020 - heute", 3.8),
            ("seit März 2022", 2.3),
            ("Mär 2018 bis Dez 2019", 1.8),
            ("janv. 2020 - aujourd'hui", 4.5),
            ("févr. 2019 - déc. 2019", 0.9),
            ("depuis 2021", 3.5),
            ("sept. 2018 à ce jour", 5.8),
            ("ene 2020 - actualidad", 4.5),
            ("abr 2019 - dic 2019", 0.8),
            ("mar 2021 - atual", 3.3),
            ("gennaio 2022 - oggi", 2.5),
            ("maart 2020 - heden", 4.3),
            ("styczeń 2023 - obecnie", 1.5),
            ("Jan 2022 - Dec 2030", 2.5),
            ("Jan 2030 - present", 0.0),
            ("Mar 2019 - Jan 2019", 0.0),
            ("12.03.2019 - 31.05.2019", 0.3),
            ("Jan '19 - Dec '19", 1.0),
        ];
        for (text, want) in cases {
            assert_eq!(years(text, as_of), *want, "{text:?}");
        }
    }

    /// Every byte a claim regex's match can start with is in its [`first_bytes`] table:
    /// the anchored lazy DFA of the pattern without its word boundaries (which can only
    /// add matches) dies on each byte the table leaves out.
    #[test]
    fn claim_first_bytes_cover_every_match_start() {
        use regex_automata::{Anchored, Input, hybrid::dfa::DFA};
        let cases = [
            (claim_before_pattern(), &CLAIM_BEFORE_FIRST),
            (claim_after_pattern(), &CLAIM_AFTER_FIRST),
            (claim_career_pattern(), &CLAIM_CAREER_FIRST),
        ];
        for (pattern, first) in cases {
            let wide = crate::fastre::without_word_boundaries(&pattern).expect("has \\b");
            let dfa = DFA::new(&wide).expect("lazy DFA builds");
            let mut cache = dfa.create_cache();
            let start = dfa
                .start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes))
                .expect("start state");
            for byte in 0..=255u8 {
                if first[usize::from(byte)] {
                    continue;
                }
                let next = dfa.next_state(&mut cache, start, byte).expect("next state");
                assert!(next.is_dead(), "{pattern:?} may start with {byte:#x}");
            }
        }
    }

    /// The claim regexes run at the starts their first bytes allow find what they find
    /// searching everywhere, on generated texts given every position as a start.
    #[test]
    fn claims_from_filtered_starts_equal_the_reference() {
        let pieces = [
            "10",
            "6.5",
            "1",
            "2019",
            "+",
            " ",
            "  ",
            ",",
            ":",
            "-",
            "\n",
            "years",
            "Years",
            "yrs.",
            "year",
            "of",
            "experience",
            "Experience",
            "EXP.",
            "exp",
            "in",
            "the",
            "over",
            "more than",
            "with",
            "about",
            "Around",
            "nearly",
            "twelve",
            "twenty-five",
            "ans",
            "d'expérience",
            "Jahre",
            "Erfahrung",
            "seven",
            "ſeven",
            "٣",
            "é",
            "backend",
            "Go",
            "x",
            "_",
            "3x",
            "über",
            "doświadczenie",
            "lat",
        ];
        let mut next = crate::testgen::xorshift(0x5eed_c1a1);
        for _ in 0..3000 {
            let count = 1 + (next() % 16) as usize;
            let text = crate::testgen::pieces(&mut next, &pieces, count);
            let starts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            assert_eq!(
                claimed_years_from(&text, Some(&starts)),
                claimed_years_reference(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn fmt_month_is_the_format_macro() {
        let mut next = crate::testgen::xorshift(11);
        let edges = [
            i32::MIN,
            -12 * 10_000,
            -13,
            -12,
            -1,
            0,
            1,
            11,
            12,
            119_999,
            120_000,
        ];
        let random = (0..2000).map(|_| (next() % 300_000) as i32 - 150_000);
        for i in edges.into_iter().chain(random) {
            let want = format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
            assert_eq!(fmt_month(i), want, "{i}");
        }
    }

    #[test]
    fn overlapping_ranges_merge() {
        let text = "Experience\nAcme, Jan 2018 - Dec 2019\nSide gig 2019 - 2020\n";
        assert_eq!(years(text, date(2024, 1)), 3.0);
    }

    #[test]
    fn ranges_before_the_fifty_year_window_are_not_counted() {
        // Found by the property tests: two old ranges summed to 55.5 years.
        let e = experience_of(
            "Experience\nAcme, Jan 1900 - Jun 1905\nBeta, Dec 1976 - present\n",
            date(2026, 11),
        );
        assert_eq!(e.years, 50.0);
        assert_eq!(
            e.excluded[0].reason,
            "starts more than 50 years before the as-of date"
        );
    }

    #[test]
    fn sections_filter_ranges() {
        let e = experience_of(
            "Work Experience\nAcme Corp 2015 - 2017\nEducation\nBSc, 2010 - 2014\nCertifications\nAWS 2019 - 2022\n",
            date(2024, 1),
        );
        assert_eq!(e.years, 3.0);
        assert_eq!(e.excluded.len(), 2);
        assert_eq!(e.excluded[0].reason, "in education section");
        assert_eq!(e.used[0].line, 2);
    }

    #[test]
    fn no_headings_skips_education_lines_and_birth_dates() {
        let text =
            "Jane Doe, born 01.02.1990\nAcme 2019 - 2020\nUniversity of Nowhere 2014 - 2018\n";
        assert_eq!(years(text, date(2024, 1)), 2.0);
    }

    #[test]
    fn years_that_are_not_ranges_are_ignored() {
        assert_eq!(years("Won a prize in 2019 and 2020", date(2024, 1)), 0.0);
        assert_eq!(years("Java 8 - 2 years", date(2024, 1)), 0.0);
    }

    #[test]
    fn claims() {
        let cases: &[(&str, Option<f64>)] = &[
            ("10+ years of experience in backend", Some(10.0)),
            (
                "over 8 years of professional software experience",
                Some(8.0),
            ),
            ("5 ans d'expérience", Some(5.0)),
            ("8 Jahre Erfahrung", Some(8.0)),
            ("Total experience: 6.5 years", Some(6.5)),
            ("Experience of 4 years; 12 years of experience", Some(12.0)),
            ("Java - Exprience - 24 months", None),
            ("99 years of experience", None),
            ("more than twelve years of experience in Go", Some(12.0)),
            (
                "recruiter with fourteen years in talent acquisition",
                Some(14.0),
            ),
            ("twenty-five years of experience", Some(25.0)),
            ("over 10 years in backend development", Some(10.0)),
            ("Gave two years of support", None),
            ("one of the experienced engineers", None),
        ];
        for (text, want) in cases {
            assert_eq!(claimed_years(text), *want, "{text:?}");
        }
    }
}

/// The byte-level fast path of [`ranges_in_line`] against the regexes.
#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use proptest::prelude::*;

    /// The regexes' tokens of `line`, sorted as the pairing sorts them.
    fn regex_token_list(line: &str) -> Vec<(usize, usize, Token)> {
        let mut t = Vec::new();
        regex_tokens(line, &mut t);
        t.sort_by_key(|t| t.0);
        t
    }

    /// The byte matchers' tokens of `line`, sorted likewise.
    fn ascii_token_list(line: &str) -> Vec<(usize, usize, Token)> {
        let mut t = Vec::new();
        ascii::tokens(line, &mut t);
        t.sort_by_key(|t| t.0);
        t
    }

    /// Every check of the fast path against its regex on one line.
    fn check(line: &str) {
        assert_eq!(
            ranges_in_line(line),
            ranges_in_line_by_regex(line),
            "{line:?}"
        );
        if !ascii::applies(line) {
            return;
        }
        let mut tokens = Vec::new();
        let birth = ascii::tokens(line, &mut tokens);
        assert_eq!(birth, BIRTH.is_match(line), "{line:?}");
        let (ranges, near_birth) = ascii::ranges(line, &mut Vec::new());
        let by_tokens = pair_tokens(line, &mut tokens, ascii::is_connector, ascii::since_start);
        assert_eq!(ranges, by_tokens, "{line:?}");
        assert_eq!(near_birth, birth && !ranges.is_empty(), "{line:?}");
        assert_eq!(
            education_line(line, true),
            EDUCATION_LINE.is_match(line),
            "{line:?}"
        );
        assert_eq!(
            ascii::education(line),
            EDUCATION_LINE_ASCII.is_match(line),
            "{line:?}"
        );
        assert_eq!(ascii_token_list(line), regex_token_list(line), "{line:?}");
        for (i, _) in line.char_indices() {
            let (head, tail) = line.split_at(i);
            assert_eq!(
                ascii::is_connector(tail),
                CONNECTOR.is_match(tail),
                "{tail:?}"
            );
            assert_eq!(
                ascii::since_start(head),
                SINCE.find(head).map(|m| m.start()),
                "{head:?}"
            );
        }
    }

    #[test]
    fn tricky_lines() {
        let lines = [
            "Jan 2019 - Mar 2020",
            "JAN. 12th, 2019 -- present",
            "Jan 192019 to 2019-01x, 2019-012 2019.2020",
            "12.03.2019 - 31.13.2019 13/05/2019 5/13/2019 00/00/2019",
            "10/2019-02.2020 0/2019 1/2019 01/2019 13/2019",
            "Marching 2019 mar2019 Mar'19 Mar '19 Mar,2019 Mar 2019a a2019 _2019",
            "since 2019 Seit 2019 a partir de 2019 dall' 2019 vanaf2019 xsince 2019",
            "2019 till date 2020 to date, currently 2018 current now nowadays",
            "aujourd'hui 2019 - aujourd'hui, a ce jour 2019 en cours o momento",
            "2019 t/m 2020 2019 toto 2020 2019 ---  2020 2019 ( - , 2020 2019 -- to 2020",
            "Sept 2018 sept. 2018 september 2018 Settembre 2018 SEPTIEMBRE 2018",
            "Jan\u{a0}2019 – Mar\u{2009}2020",
            "ſep 2019 - Kwi 2020 Kwi 2020",
            "Jan ٢٠١٩ - 2019 ١٩/٠٢/2019",
            "Jänner 2019 - März 2020 • févr. 2019 - août 2020 à ce jour",
            "• Jan 2019 – present ➢ 2018 - 2019 ✶ Since 2017",
            "é2019 2019é 2019\r",
            "Jan 2019\t-\t\x0bMar 2020\x0c",
            "born 1990, D.O.B 1990 dob. do.b d.ob birthday2019 geboren op 1990 Birthdays",
            "1999-2001 ’99 '99 - '01 Jan'99-Feb '01",
            "\u{0}2019\u{0} - \u{0}2020",
            "B.Sc 2019 - 2020, b sc, B. E-, M.E. 2019, m.\te x, Master of Arts, masters'",
            "GPA: 3.9 (2016 - 2020) cgpa_ xgpa Ph.D. PHD phd2019 Bachelor's Universities•",
            "Certified 2019 - 2020 – École 2019 Universität 2019 • UNIVERSITÀ 2018-2019",
            "Me 2019 - 2020, be 2019 - 2020, B.\x0bTECH 2019 - 2020, PH.D_ 2019, Master OF 2019",
            "MASTER'S 2019 - 2020 master'sx master  of • B. SC – m.e_ certificate2019",
        ];
        for l in lines {
            check(l);
        }
        // Longer than the stack blocks of the fast path's bitmaps.
        check(&"Jan 2019 - present, 03/2020 to 2021; born 1990 ".repeat(40));
    }

    /// The facts about the word lists that the proof of [`ascii::ranges`] uses: no
    /// open-end word holds a digit, a connector word has at most two word runs, and
    /// no open-end word and "since" word can overlap: none of them starts at a word
    /// start of the other and agrees with it there (neither is a prefix of the
    /// other's tail from that word start, ignoring case).
    #[test]
    fn word_lists_keep_the_facts_ranges_rely_on() {
        let word = regex::Regex::new(r"\w+").expect("valid");
        // Each word's tails from its word starts, in lower case.
        let tails = |w: &str| -> Vec<String> {
            let w = w.to_lowercase();
            word.find_iter(&w)
                .map(|m| w[m.start()..].to_owned())
                .collect()
        };
        for w in CONNECTOR_WORDS {
            assert!(word.find_iter(w).count() <= 2, "{w:?}");
        }
        for o in OPEN_END_WORDS {
            assert!(!o.chars().any(|c| c.is_ascii_digit()), "{o:?}");
            for s in SINCE_WORDS {
                for tail in tails(s) {
                    assert!(!tail.starts_with(&o.to_lowercase()), "{o:?} in {s:?}");
                }
                for tail in tails(o) {
                    assert!(!s.to_lowercase().starts_with(&tail), "{s:?} in {o:?}");
                }
            }
        }
    }

    /// [`ascii::ranges`], which looks for dates only near years and for open ends
    /// only a few words after a date, against the pairing of all tokens (and the
    /// regexes), on generated lines with dates far apart, long gaps of month-gap
    /// bytes, and open ends, connectors and "since" words at every distance.
    #[test]
    fn ranges_near_the_years_equal_the_pairing_of_all_tokens() {
        let pieces = [
            "Jan",
            "mar",
            "Sept.",
            "dec",
            "2019",
            "20",
            "19",
            "1999",
            "2020",
            "'19",
            "'",
            "12",
            "3",
            "12th",
            "1st",
            "nd",
            "th",
            "/",
            ".",
            "-",
            "--",
            " ",
            "  ",
            ",",
            "\t",
            "(",
            "to",
            "t/m",
            "toto",
            "till",
            "date",
            "to date",
            "till date",
            "present",
            "now",
            "a ce jour",
            "en cours",
            "heute",
            "since",
            "a partir de",
            "dall'",
            "od",
            "ab",
            "born",
            "d.o.b",
            "word",
            "the",
            "shn",
            "x",
            "_",
            "2019x",
            "x2019",
            "•",
            "–",
            "a",
            "12.03.2019",
            "03/2020",
            "2019-12",
            "00/13/2019",
        ];
        let mut next = crate::testgen::xorshift(0xda7e_5eed);
        for _ in 0..20_000 {
            let count = 1 + (next() % 40) as usize;
            let line = crate::testgen::pieces(&mut next, &pieces, count);
            check(&line);
        }
    }

    #[test]
    fn dated_lines_match_the_per_line_check() {
        let text = "a 19\n20 b\r\n2019\r\n'1\n9 '19\n\n1\r\n20x 201\n12 '9";
        let lines: Vec<&str> = text.lines().collect();
        let each: Vec<usize> = (0..lines.len())
            .filter(|&i| may_hold_date(lines[i]))
            .collect();
        assert_eq!(dated_lines(text, &lines), each);
        // Lines that are not slices of the text are checked one by one.
        let owned: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        let owned: Vec<&str> = owned.iter().map(String::as_str).collect();
        assert_eq!(dated_lines(text, &owned), each);
    }

    #[test]
    fn neutral_characters_act_like_ascii_punctuation() {
        let class: String = ascii::NEUTRAL
            .iter()
            .map(|c| regex::escape(&c.to_string()))
            .collect();
        let folded = regex::Regex::new(&format!("(?i)^[{class}]$")).expect("valid");
        let special = regex::Regex::new(r"^[\w\s\d]$").expect("valid");
        for c in ascii::NEUTRAL {
            assert!(!special.is_match(&c.to_string()), "{c:?}");
        }
        // Case folding maps no other character onto them.
        let folds: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| folded.is_match(&c.to_string()))
            .collect();
        assert_eq!(folds.len(), ascii::NEUTRAL.len());
        let words = MONTHS.iter().map(|(n, _)| *n);
        let words = words.chain(OPEN_END_WORDS.iter().copied());
        let words = words.chain(CONNECTOR_WORDS.iter().copied());
        let mut words = words.chain(SINCE_WORDS.iter().copied());
        assert!(words.all(|w| !w.chars().any(|c| ascii::NEUTRAL.contains(&c))));
    }

    /// Words and near misses of [`EDUCATION_PATTERN`], for the comparison of
    /// [`EDUCATION_LINE_ASCII`] with [`EDUCATION_LINE`].
    const EDUCATION_WORDS: &[&str] = &[
        "university",
        "universities",
        "universit",
        "college",
        "school",
        "degree",
        "bachelor",
        "bachelors",
        "master",
        "master's",
        "masters",
        "master of",
        "master ofs",
        "master 's",
        "master's_",
        "ph.d.",
        "ph.dx",
        "ph d",
        "b.\ttech",
        "m. e",
        "b.e2",
        "b .sc",
        "be",
        "b_sc",
        "m.\r\nsc",
        "licenciature",
        "universidadx",
        "hsc1",
        "b.sc",
        "b. sc",
        "b sc",
        "bsc",
        "m.sc",
        "m.\tsc",
        "b.tech",
        "btech",
        "m tech",
        "b.e",
        "b e",
        "b.e.",
        "m.e",
        "me",
        "mba",
        "ph.d",
        "phd",
        "diploma",
        "graduate",
        "graduated",
        "hochschule",
        "studium",
        "école",
        "lycée",
        "universidad",
        "universidade",
        "università",
        "licence",
        "licenciatura",
        "ssc",
        "hsc",
        "cgpa",
        "gpa",
        "certif",
        "certified",
        "certification",
        "univerſity",
        "maſters",
        "\u{17f}sc",
    ];

    /// Pieces of dated lines, in any case, glued without spaces at times.
    fn piece() -> impl Strategy<Value = String> {
        let words: Vec<&'static str> = MONTHS
            .iter()
            .map(|(n, _)| *n)
            .chain(OPEN_END_WORDS.iter().copied())
            .chain(CONNECTOR_WORDS.iter().copied())
            .chain(SINCE_WORDS.iter().copied())
            .chain(BIRTH_WORDS.iter().copied())
            .chain(EDUCATION_WORDS.iter().copied())
            .chain([
                "st", "nd", "th", "rd", "'", "ſ", "K", "é", "٣", "\u{a0}", "•", "–", "_",
            ])
            .collect();
        prop_oneof![
            (prop::sample::select(words), 0..3u8).prop_map(|(w, case)| match case {
                0 => w.to_uppercase(),
                1 => w.to_owned(),
                _ => w
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(w.chars().skip(1))
                    .collect(),
            }),
            "(19|20)[0-9]{2}",
            "[0-9]{1,3}",
            "[0-3]?[0-9]([sSnNrRtT][tTdDhH])?",
            "(0?[0-9]|1[0-3])[./-](19|20)[0-9]{2}[0-9a]?",
            "[0-9]{1,3}[./][0-9]{1,3}[./](19|20)[0-9]{2}",
            "(19|20)[0-9]{2}[./-][0-9]{1,3}",
            "[ .,/'()~\t\r-]{1,3}",
            "[ -~]{1,3}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn fast_path_matches_the_regexes(pieces in prop::collection::vec(piece(), 1..14)) {
            check(&pieces.concat());
        }
    }
}
