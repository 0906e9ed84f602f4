//! Job titles: what a person does all day, from title-like lines only.
//!
//! Skills are shared between professions (a tester lists Java and SQL, a web
//! designer PHP and MySQL, a recruiter names every technology she hires for),
//! but a job title is direct evidence. Titles come from the built-in list
//! `keyword-lists/professions.toml` (category `backend` or `other`) and count
//! only on lines that look like a title (see [`is_title_line`]), never in a
//! sentence about hiring other people.

use std::sync::Arc;

use crate::error::Error;
use crate::matching::{self, KeywordMatcher, PatternLines};
use crate::role::{self, Keyword};

/// Lowest profession factor (only other-profession titles).
pub(crate) const FACTOR_MIN: f64 = 0.4;
/// Highest profession factor (only backend titles).
pub(crate) const FACTOR_MAX: f64 = 1.3;

/// The compiled title list.
#[derive(Debug)]
pub(crate) struct Titles {
    keywords: Vec<Keyword>,
    /// Each keyword's name, shared by every [`Found`] that names it (a reference count
    /// per title found instead of a copy).
    names: Vec<Arc<str>>,
    matcher: KeywordMatcher,
}

/// Titles found in one résumé.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Found {
    /// Distinct backend titles, in text order.
    pub backend: Vec<Arc<str>>,
    /// Distinct other-profession titles, in text order.
    pub other: Vec<Arc<str>>,
}

impl Found {
    /// Profession factor P: with b distinct backend titles and o distinct
    /// other titles, share S = (b + 1) / (b + o + 2) (so no titles at all
    /// give 1/2) and P = clamp(0.4 + 1.2 · S, 0.4, 1.3): 1.0 without titles,
    /// 1.2 for one backend title, 0.8 for one other title.
    pub fn factor(&self) -> f64 {
        let b = self.backend.len() as f64;
        let o = self.other.len() as f64;
        let share = (b + 1.0) / (b + o + 2.0);
        (FACTOR_MIN + 1.2 * share).clamp(FACTOR_MIN, FACTOR_MAX)
    }
}

impl Titles {
    /// Compiles the built-in list.
    pub fn builtin() -> Result<Titles, Error> {
        let keywords = role::parse_professions(role::PROFESSIONS_FILE, "builtin:professions.toml")?;
        let matcher = KeywordMatcher::new(&keywords)?;
        let names = keywords
            .iter()
            .map(|k| Arc::from(k.name.as_str()))
            .collect();
        Ok(Titles {
            keywords,
            names,
            matcher,
        })
    }

    /// The title automaton.
    pub fn matcher(&self) -> &KeywordMatcher {
        &self.matcher
    }

    /// Titles on the title-like lines of `lines`, the lines of `text`.
    #[cfg(test)]
    pub fn find(&self, text: &str, lines: &[&str]) -> Found {
        self.find_with(text, lines, &self.matcher.pattern_lines(text), None, None)
    }

    /// [`Titles::find`] with the pattern candidates of `text` given (from this matcher's
    /// gate or its part of a joint gate scan), its automaton start candidates if found
    /// (see [`KeywordMatcher::mentions_by_line_with`]) and the hiring-verb starts if a
    /// scan looked for them ([`matching::HiringCache::with_verbs`]).
    #[cfg(test)]
    pub fn find_with(
        &self,
        text: &str,
        lines: &[&str],
        patterns: &PatternLines,
        starts: Option<&[usize]>,
        hiring: Option<&[usize]>,
    ) -> Found {
        let offsets = matching::line_offsets(text, lines);
        self.find_at(text, lines, offsets.as_deref(), patterns, starts, hiring)
    }

    /// [`Titles::find_with`] given `offsets`, which must be `line_offsets(text, lines)`
    /// (see [`KeywordMatcher::mentions_by_line_at`]): `analyze` has them from its
    /// keyword search.
    pub(crate) fn find_at(
        &self,
        text: &str,
        lines: &[&str],
        offsets: Option<&[usize]>,
        patterns: &PatternLines,
        starts: Option<&[usize]>,
        hiring: Option<&[usize]>,
    ) -> Found {
        let mut found = Found::default();
        let mut hiring = matching::HiringCache::with_verbs(text, hiring);
        // The first three non-blank lines count as title lines whatever they look like;
        // the last of them, if there are three.
        let third = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .nth(2)
            .map(|(i, _)| i);
        // Only lines with a mention can add a title, so only they need the
        // (pure) title-line test.
        let by_line = self
            .matcher
            .mentions_by_line_at(text, lines, offsets, patterns, starts);
        // Mentions come in line order; the line tests are made once per line, and only
        // for a line with a mention of a title not found yet: one already in its list adds
        // nothing whatever the tests say, and most mentions repeat a title ("developer",
        // "engineer") on prose lines, where the tests cost the most. The tests are pure
        // (their caches only remember answers), so leaving them out changes nothing.
        let mut current: Option<(usize, Option<&str>)> = None;
        for (i, m) in by_line {
            let (Some(k), Some(name)) = (self.keywords.get(m.keyword), self.names.get(m.keyword))
            else {
                continue;
            };
            let list = if k.category == "backend" {
                &found.backend
            } else {
                &found.other
            };
            if list.contains(name) {
                continue;
            }
            let line = match current {
                Some((l, line)) if l == i => line,
                _ => {
                    let line = lines.get(i).copied().filter(|line| {
                        !line.trim().is_empty()
                            && (third.is_none_or(|t| i <= t) || is_title_line(line))
                    });
                    current.insert((i, line)).1
                }
            };
            let Some(line) = line else {
                continue;
            };
            if matching::in_hiring_sentence_cached(line, m.start, &mut hiring) {
                continue;
            }
            let list = if k.category == "backend" {
                &mut found.backend
            } else {
                &mut found.other
            };
            list.push(Arc::clone(name));
        }
        found
    }
}

/// Words that carry no title information on a job line.
const FILLER: &[&str] = &[
    "company",
    "name",
    "city",
    "state",
    "to",
    "till",
    "until",
    "from",
    "current",
    "present",
    "date",
    "now",
    "at",
    "in",
    "-",
    "|",
    ",",
    "&",
    "designation",
    "title",
    "position",
    "role",
    "job",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `w` (lower-case ASCII bytes) is in [`FILLER`].
fn is_lower_filler(w: &[u8]) -> bool {
    matches!(
        w,
        b"company"
            | b"name"
            | b"city"
            | b"state"
            | b"to"
            | b"till"
            | b"until"
            | b"from"
            | b"current"
            | b"present"
            | b"date"
            | b"now"
            | b"at"
            | b"in"
            | b"-"
            | b"|"
            | b","
            | b"&"
            | b"designation"
            | b"title"
            | b"position"
            | b"role"
            | b"job"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"may"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
    )
}

/// A line that may hold a job title: a "Designation:"/"Title:" line, or a
/// short line (at most 10 words once dates and filler are dropped).
pub(crate) fn is_title_line(line: &str) -> bool {
    // Compared char by char in lower case, without building a lower-cased copy.
    let t = line
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if ["designation", "job title", "title", "position", "role"]
        .iter()
        .any(|l| lower_starts_with(t, l))
    {
        return true;
    }
    let mut words = 0;
    for w in t.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || w.bytes().any(|b| b.is_ascii_digit()) || is_filler(w) {
            continue;
        }
        words += 1;
        if words > 10 {
            return false;
        }
    }
    words >= 1
}

/// Whether the lower-case form of `s` starts with `prefix` (lower-case ASCII).
fn lower_starts_with(s: &str, prefix: &str) -> bool {
    let mut lower = s.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|c| lower.next() == Some(c))
}

/// Whether the lower-case form of the word `w` is in [`FILLER`].
fn is_filler(w: &str) -> bool {
    if w.is_ascii() {
        // Lower-cased into a small buffer, then one `match` instead of a scan.
        let mut buf = [0u8; 16];
        let Some(lower) = buf.get_mut(..w.len()) else {
            return false; // longer than any filler word
        };
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return is_lower_filler(lower);
    }
    FILLER.iter().any(|f| {
        let mut lower = w.chars().flat_map(char::to_lowercase);
        f.chars().all(|c| lower.next() == Some(c)) && lower.next().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Found {
        let lines: Vec<&str> = text.lines().collect();
        Titles::builtin()
            .expect("builtin titles")
            .find(text, &lines)
    }

    #[test]
    fn titles_on_title_lines_only() {
        let f = find(
            "Jane Doe\nSenior Java Developer\nExperience\n\
             Company Name Web Designer 01/2015 to Current\n\
             Worked closely with business analysts and testers of the client to deliver the new booking platform on time.\n",
        );
        assert_eq!(f.backend, [Arc::from("Language developer")]);
        assert_eq!(f.other, [Arc::from("Designer")]);
        assert!((f.factor() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn factor_moves_with_titles() {
        let backend = find("Backend Engineer\nDatabase Administrator\n");
        let other = find("Data Scientist\n");
        let none = find("Jane Doe\n");
        assert!(backend.factor() > 1.2, "{backend:?}");
        assert!((none.factor() - 1.0).abs() < 1e-9);
        assert!(other.factor() < 0.85);
    }

    #[test]
    fn filler_match_lists_every_filler_word() {
        for f in FILLER {
            assert!(is_lower_filler(f.as_bytes()), "{f}");
            assert!(is_filler(&f.to_uppercase()), "{f}");
        }
        assert!(FILLER.iter().all(|f| f.len() <= 16));
        assert!(!is_filler("manager") && !is_filler("Mayo"));
    }

    /// [`Titles::find`] as it was first written: the line tests for every mention, then
    /// whether its title is new.
    fn find_reference(t: &Titles, text: &str, lines: &[&str]) -> Found {
        let mut found = Found::default();
        let mut hiring = matching::HiringCache::default();
        let third = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .nth(2)
            .map(|(i, _)| i);
        for (i, ms) in t.matcher.mentions_by_line(text, lines) {
            let line = lines[i];
            if line.trim().is_empty() || !(third.is_none_or(|t| i <= t) || is_title_line(line)) {
                continue;
            }
            for m in ms {
                if matching::in_hiring_sentence_cached(line, m.start, &mut hiring) {
                    continue;
                }
                let k = &t.keywords[m.keyword];
                let name = &t.names[m.keyword];
                let list = if k.category == "backend" {
                    &mut found.backend
                } else {
                    &mut found.other
                };
                if !list.contains(name) {
                    list.push(Arc::clone(name));
                }
            }
        }
        found
    }

    #[test]
    fn find_equals_the_reference() {
        const PIECES: &[&str] = &[
            "Software Engineer",
            "software developer",
            "Web Designer",
            "Data Scientist",
            "IT Recruiter",
            "Java developer",
            "Backend Engineer",
            "Database Administrator",
            "Programmer",
            "Hired Java developers",
            "recruiting engineers; ",
            "Designation: ",
            "Company Name ",
            "01/2015 to Current",
            "Jan 2019 - Present",
            "worked closely with the business analysts on the booking platform",
            " and ",
            ", ",
            ". ",
            " ",
            "\n",
            "\n",
            "\n\n",
            "\r\n",
            "é",
            "•",
        ];
        let titles = Titles::builtin().expect("builtin titles");
        let mut next = crate::testgen::xorshift(0x8CB9_2BA7_2F3D_8DD7);
        let mut found = 0;
        for _ in 0..3_000 {
            let len = 1 + (next() % 40) as usize;
            let text = crate::testgen::pieces(&mut next, PIECES, len);
            let lines: Vec<&str> = text.lines().collect();
            let want = find_reference(&titles, &text, &lines);
            found += want.backend.len() + want.other.len();
            assert_eq!(titles.find(&text, &lines), want, "{text:?}");
        }
        assert!(found > 3_000, "{found}");
    }

    #[test]
    fn hiring_lines_are_not_titles() {
        let f = find("Jane Doe\nIT Recruiter\nHired Java developers\n");
        assert!(f.backend.is_empty(), "{f:?}");
        assert_eq!(f.other, [Arc::from("HR")]);
    }
}
