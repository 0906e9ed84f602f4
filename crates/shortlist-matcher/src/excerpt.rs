//! Where a finding is on its line, without copying the line: the matched text
//! ([`Excerpt`]) and the line as an explanation shows it ([`LineText`]).
//!
//! Keyword hits and date ranges point at their line so that a recruiter sees the
//! finding in context. A résumé whose text came out of its PDF as one long line
//! would otherwise repeat that whole line in every finding: a 1 MB line with some
//! 60,000 keyword hits filled 50 GB of disk with JSONL. A [`LineText`] shares the
//! line in memory and shows, when serialised, the whole line if it is of a readable
//! length and otherwise a window of it around the finding, so that the explanation
//! grows with the résumé and not with its square.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// Lines up to this many bytes are shown whole.
pub const WHOLE_LINE_MAX: usize = 500;

/// Bytes of context shown on each side of a finding on a longer line (fewer where a
/// character would be cut).
pub const CONTEXT: usize = 160;

/// Marks where a shown window cuts the line.
const CUT: &str = "…";

/// A finding's line (shared by the findings on it) and where the finding is on it: an
/// [`Excerpt`] that serialises as [`LineText::excerpt`], the line around it.
///
/// ```
/// use shortlist_matcher::LineText;
/// use std::sync::Arc;
/// let short = LineText::new(&Arc::from("Java, Kafka, Docker"), 6, 11);
/// assert_eq!(short.excerpt(), "Java, Kafka, Docker");
/// let long = format!("{}Kafka{}", "x ".repeat(400), " y".repeat(400));
/// let at = 800;
/// let hit = LineText::new(&Arc::from(long.as_str()), at, at + 5);
/// assert!(hit.excerpt().contains("Kafka"));
/// assert!(hit.excerpt().len() < 2 * shortlist_matcher::excerpt::CONTEXT + 20);
/// ```
#[derive(Debug, Clone)]
pub struct LineText {
    finding: Excerpt,
}

impl LineText {
    /// The finding at bytes `start..end` of `line` (see [`Excerpt::new`]).
    pub fn new(line: &Arc<str>, start: usize, end: usize) -> LineText {
        LineText::of(Excerpt::new(line, start, end))
    }

    /// The line of `finding`, around it.
    pub fn of(finding: Excerpt) -> LineText {
        LineText { finding }
    }

    /// The whole line.
    pub fn line(&self) -> &Arc<str> {
        self.finding.line()
    }

    /// The finding itself.
    pub fn finding(&self) -> &Excerpt {
        &self.finding
    }

    /// The finding's byte range in [`LineText::line`].
    pub fn span(&self) -> Range<usize> {
        self.finding.span()
    }

    /// The line if it has at most [`WHOLE_LINE_MAX`] bytes; else the finding with
    /// [`CONTEXT`] bytes on each side (a few more where that would cut a character),
    /// with `…` where the line is cut.
    pub fn excerpt(&self) -> Cow<'_, str> {
        let line = &**self.line();
        if line.len() <= WHOLE_LINE_MAX {
            return Cow::Borrowed(line);
        }
        let span = self.span();
        // Widened to whole characters: `lo` down, `hi` up (0 and the length are
        // boundaries), so the window always slices.
        let mut lo = span.start.saturating_sub(CONTEXT);
        while !line.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = span.end.saturating_add(CONTEXT).min(line.len());
        while !line.is_char_boundary(hi) {
            hi += 1;
        }
        let window = line.get(lo..hi).unwrap_or_default();
        let mut out = String::with_capacity(window.len() + 2 * CUT.len());
        if lo > 0 {
            out.push_str(CUT);
        }
        out.push_str(window);
        if hi < line.len() {
            out.push_str(CUT);
        }
        Cow::Owned(out)
    }
}

/// Equal when they are the same place on equal lines (an [`Excerpt`] compares its text
/// only).
impl PartialEq for LineText {
    fn eq(&self, other: &LineText) -> bool {
        self.line() == other.line() && self.span() == other.span()
    }
}

impl Eq for LineText {}

impl Serialize for LineText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.excerpt())
    }
}

/// A byte range of a shared line: [`KeywordHit::matched`](crate::KeywordHit::matched()) without a copy of the text.
///
/// Reads, compares, prints and serialises as the `str` it covers (so JSON output is the
/// same as for a `String`); a hit costs a reference count instead of an allocation.
#[derive(Clone)]
pub struct Excerpt {
    /// The whole line (shared by the findings on it).
    line: Arc<str>,
    /// Start of the excerpt in `line`, a char boundary.
    start: usize,
    /// End of the excerpt in `line`, a char boundary, `>= start`.
    end: usize,
}

impl Excerpt {
    /// `line[start..end]`, or an empty excerpt if that is not a slice of `line` (as
    /// `line.get(start..end).unwrap_or("")` gives).
    pub fn new(line: &Arc<str>, start: usize, end: usize) -> Excerpt {
        let (start, end) = if line.get(start..end).is_some() {
            (start, end)
        } else {
            (0, 0)
        };
        Excerpt {
            line: Arc::clone(line),
            start,
            end,
        }
    }

    /// The whole line.
    pub fn line(&self) -> &Arc<str> {
        &self.line
    }

    /// The excerpt's byte range in [`Excerpt::line`].
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The excerpt's text.
    pub fn as_str(&self) -> &str {
        // `new` checked the range; `get` keeps this free of panics and `unsafe`.
        self.line.get(self.start..self.end).unwrap_or_default()
    }
}

impl std::ops::Deref for Excerpt {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Excerpt {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Excerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.as_str(), f)
    }
}

impl std::fmt::Debug for Excerpt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Excerpts are equal when their texts are, wherever they come from.
impl PartialEq for Excerpt {
    fn eq(&self, other: &Excerpt) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Excerpt {}

impl PartialEq<str> for Excerpt {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Excerpt {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Excerpt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &str, start: usize, end: usize) -> String {
        LineText::new(&Arc::from(line), start, end)
            .excerpt()
            .into_owned()
    }

    #[test]
    fn readable_lines_are_shown_whole() {
        let line = "a".repeat(WHOLE_LINE_MAX);
        assert_eq!(text(&line, 10, 12), line);
        assert_eq!(text("", 0, 0), "");
    }

    #[test]
    fn long_lines_show_a_window_around_the_finding() {
        let line = format!("{}Kafka{}", "a".repeat(1000), "b".repeat(1000));
        let got = text(&line, 1000, 1005);
        let want = format!("…{}Kafka{}…", "a".repeat(CONTEXT), "b".repeat(CONTEXT));
        assert_eq!(got, want);
        // At the ends of the line nothing is cut there.
        let got = text(&line, 0, 4);
        assert_eq!(got, format!("{}…", "a".repeat(4 + CONTEXT)));
        let n = line.len();
        let got = text(&line, n - 3, n);
        assert_eq!(got, format!("…{}", "b".repeat(3 + CONTEXT)));
    }

    #[test]
    fn windows_keep_whole_characters_on_any_line() {
        // Every cut position on a line of multi-byte characters, and spans past the end.
        let line = "é€😀x".repeat(100);
        for start in 0..line.len() + 3 {
            for len in [0, 1, 5] {
                let got = text(&line, start, start + len);
                let core = got.trim_start_matches(CUT).trim_end_matches(CUT);
                assert!(line.contains(core), "{start} {len}");
                assert!(got.len() <= 2 * CONTEXT + len + 2 * CUT.len() + 8);
            }
        }
    }

    #[test]
    fn serialises_as_the_excerpt() {
        let line = format!("{}Go{}", "x".repeat(600), "y".repeat(600));
        let t = LineText::new(&Arc::from(line.as_str()), 600, 602);
        let json = serde_json::to_string(&t).expect("serialises");
        assert_eq!(
            json,
            serde_json::to_string(&t.excerpt()).expect("serialises")
        );
        assert!(json.contains("Go"));
    }
}
