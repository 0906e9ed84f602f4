//! Regexes with a cheap, exact prefilter.
//!
//! The `regex` crate's fast lazy DFA cannot evaluate Unicode word boundaries
//! (`\b`) once the haystack holds a non-ASCII byte, and then falls back to a
//! much slower NFA simulation. Résumés are full of bullets, accents and
//! dashes, so most searches took the slow path.
//!
//! A [`Gated`] regex keeps the original pattern (the *exact* regex, whose
//! results are what callers get) plus a *gate*: the same pattern with every
//! word-boundary assertion replaced by an empty group. Removing an assertion
//! only enlarges the set of matches, so wherever the exact regex matches
//! starting at position `s`, the gate also has a match starting at `s`. The
//! gate has no look-around, so the DFA handles it on any text, and the exact
//! regex only runs from the leftmost position where the gate matches: results
//! are identical to running the exact regex alone.

use regex::{Captures, Match, Regex};

/// A regex plus a boundary-free gate that finds candidate starts quickly.
#[derive(Debug, Clone)]
pub(crate) struct Gated {
    exact: Regex,
    gate: Option<Regex>,
}

/// `pattern` with `\b`, `\B`, `\<`, `\>` and `\b{...}` outside character
/// classes replaced by `(?:)`; `None` if it contains none of them.
pub(crate) fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut changed = false;
    let mut class_depth = 0usize;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push(c);
                    break;
                };
                if class_depth == 0 && matches!(n, 'b' | 'B' | '<' | '>') {
                    if n == 'b' && chars.peek() == Some(&'{') {
                        // `\b{start}` and friends: skip up to the closing brace.
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    out.push_str("(?:)");
                    changed = true;
                } else {
                    out.push(c);
                    out.push(n);
                }
            }
            '[' => {
                out.push(c);
                class_depth += 1;
                // A `]` right after `[` or `[^` is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                out.push(c);
                class_depth -= 1;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

impl Gated {
    /// Compiles `pattern`; the gate is dropped (never consulted) if the
    /// pattern has no word boundaries or the rewritten form does not compile.
    pub fn new(pattern: &str) -> Result<Gated, regex::Error> {
        let exact = Regex::new(pattern)?;
        let gate = without_word_boundaries(pattern).and_then(|p| Regex::new(&p).ok());
        Ok(Gated { exact, gate })
    }

    /// Like [`Gated::new`] for patterns known to be valid.
    #[cfg(test)]
    pub fn must(pattern: &str) -> Gated {
        match Gated::new(pattern) {
            Ok(g) => g,
            Err(e) => panic!("static regex {pattern:?} is invalid: {e}"),
        }
    }

    /// Whether the gate allows a match starting at or after `start`; the
    /// leftmost such start.
    fn candidate(&self, haystack: &str, start: usize) -> Option<usize> {
        match &self.gate {
            Some(g) => g.find_at(haystack, start).map(|m| m.start()),
            None => Some(start),
        }
    }

    /// Same as `Regex::is_match`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.candidate(haystack, 0)
            .is_some_and(|s| self.exact.find_at(haystack, s).is_some())
    }

    /// Same as `Regex::find`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let s = self.candidate(haystack, 0)?;
        self.exact.find_at(haystack, s)
    }

    /// Same as `Regex::find_iter` for any pattern: the gate only decides
    /// whether the haystack is searched at all.
    pub fn find_iter_maybe_empty<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let open = self.gate.as_ref().is_none_or(|g| g.is_match(haystack));
        open.then(|| self.exact.find_iter(haystack))
            .into_iter()
            .flatten()
    }

    /// Same as `Regex::find_iter`, for patterns that never match the empty
    /// string (checked by the caller; empty matches end the iteration early).
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut pos = 0;
        std::iter::from_fn(move || {
            if pos > haystack.len() {
                return None;
            }
            let s = self.candidate(haystack, pos)?;
            let m = self.exact.find_at(haystack, s)?;
            pos = if m.is_empty() {
                haystack.len() + 1
            } else {
                m.end()
            };
            Some(m)
        })
    }

    /// Same as `Regex::captures_iter`, for patterns that never match the
    /// empty string (see [`Gated::find_iter`]).
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut pos = 0;
        std::iter::from_fn(move || {
            if pos > haystack.len() {
                return None;
            }
            let s = self.candidate(haystack, pos)?;
            let c = self.exact.captures_at(haystack, s)?;
            let whole = c.get(0)?;
            pos = if whole.is_empty() {
                haystack.len() + 1
            } else {
                whole.end()
            };
            Some(c)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_boundaries_outside_classes() {
        assert_eq!(
            without_word_boundaries(r"(?i)\bfoo\b{end}[\b\]]\\b\B").as_deref(),
            Some(r"(?i)(?:)foo(?:)[\b\]]\\b(?:)")
        );
        assert_eq!(without_word_boundaries(r"[]\b]x"), None);
        assert_eq!(without_word_boundaries(r"plain"), None);
    }

    #[test]
    fn same_results_as_the_exact_regex() {
        let pats = [
            r"(?i)\b(?:java|go|c\+\+)\b",
            r"\b\d{4}\b",
            r"(?i)\bexp\w*\b\s+\d+",
        ];
        let hays = [
            "Java, Go and C++; été Java2019 2019 é2019 2019é 1234 Experience 12",
            "•Java• go·GO javascript 20192 ×2020× EXPÉRIENCE 3 experiences 4",
            "",
            "ſ K Java",
        ];
        for p in pats {
            let g = Gated::must(p);
            let r = Regex::new(p).expect("valid");
            for h in hays {
                let a: Vec<_> = g.find_iter(h).map(|m| m.range()).collect();
                let b: Vec<_> = r.find_iter(h).map(|m| m.range()).collect();
                assert_eq!(a, b, "{p} on {h:?}");
                assert_eq!(g.is_match(h), r.is_match(h));
                let a: Vec<_> = g
                    .captures_iter(h)
                    .map(|c| c.get(0).map(|m| m.range()))
                    .collect();
                let b: Vec<_> = r
                    .captures_iter(h)
                    .map(|c| c.get(0).map(|m| m.range()))
                    .collect();
                assert_eq!(a, b);
            }
        }
    }
}
