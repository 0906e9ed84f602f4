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
//! regex only runs *anchored* at the positions where the gate match starts,
//! in order: the first position where the anchored exact regex matches is the
//! leftmost start of the exact regex, and leftmost-first picks the same match
//! at that start whether the search is anchored or not, so results are
//! identical to running the exact regex alone. (An unanchored exact search
//! from a gate position that turns out to be a false candidate would scan the
//! rest of the haystack with the slow engine instead.)

mod boundary;
pub(crate) mod walk;

use regex::Regex;
use regex_automata::util::captures::Captures as MetaCaptures;
use regex_automata::{Anchored, Input, PatternID, meta};

use boundary::boundary_led;
pub(crate) use boundary::maybe_boundary;

/// A regex plus a boundary-free gate that finds candidate starts quickly.
#[derive(Debug, Clone)]
pub(crate) struct Gated {
    /// The exact pattern as `regex` compiles it (for searches that may match empty).
    plain: Regex,
    /// The same regex, built the way `regex` builds it, for anchored searches.
    exact: meta::Regex,
    gate: Option<meta::Regex>,
    /// The gate's pattern, for [`GateUnion`].
    gate_pattern: Option<String>,
    /// Whether every match of the exact regex starts where a word-boundary assertion
    /// holds ([`boundary_led`]), so that a joint gate may skip the other positions.
    led: bool,
}

/// One gate for several [`Gated`] regexes (their gates as alternatives): a
/// single scan lists every position where any of them could match.
///
/// The alternatives come in *groups*, each a pattern of one multi-pattern regex, so
/// that the same lazy-DFA pass over the text also tells the starts of each group apart
/// ([`GateUnion::scan`]): each consumer of a shared scan then looks only at the
/// positions where its own alternatives can match.
#[derive(Debug)]
pub(crate) struct GateUnion {
    /// `None` when a part of [`GateUnion::new`] has no gate.
    gate: Option<meta::Regex>,
    /// For each group, its pattern in `gate`, in priority order; `None` for a group
    /// without alternatives (which matches nowhere; an empty pattern would match
    /// everywhere).
    groups: Vec<Option<PatternID>>,
    /// Whether every group's alternatives are the gates of boundary-led regexes
    /// ([`GateUnion::of_led_groups`]): then [`GateUnion::scan`] lists only the starts
    /// where a word boundary may hold.
    led: bool,
    /// For a boundary-led union, the anchored walk that lists its starts
    /// ([`walk::Walker`]); `None` when it cannot be built (then the scan searches).
    walker: Option<walk::Walker>,
}

impl GateUnion {
    /// `None` inside when a part has no gate (then callers search as usual).
    pub fn new(parts: &[&Gated]) -> GateUnion {
        let pats: Option<Vec<String>> = parts
            .iter()
            .map(|g| g.gate_pattern.as_ref().map(|p| format!("(?:{p})")))
            .collect();
        let led = parts.iter().all(|g| g.led);
        pats.and_then(|p| GateUnion::of_led_groups(&[&p], led))
            .unwrap_or(GateUnion {
                gate: None,
                groups: Vec::new(),
                led: false,
                walker: None,
            })
    }

    /// The gate made of `alternatives` (each a group carrying its own flags, such as
    /// `(?i:...)`), for gates of regexes that are not [`Gated`]; `None` if they do not
    /// compile together.
    pub fn of_alternatives(alternatives: &[String]) -> Option<GateUnion> {
        GateUnion::of_groups(&[alternatives])
    }

    /// [`GateUnion::of_alternatives`] for several `groups` of alternatives, whose starts
    /// [`GateUnion::scan`] lists apart: one scan answers for all of them, and the starts
    /// of each group are exactly those of its own [`GateUnion::of_alternatives`].
    /// Earlier groups come first where several match at one start, so the scan is
    /// cheapest with the group that most often shares its starts first.
    pub fn of_groups(groups: &[&[String]]) -> Option<GateUnion> {
        GateUnion::of_led_groups(groups, false)
    }

    /// [`GateUnion::of_groups`] for groups whose alternatives are the gates of
    /// boundary-led regexes ([`Gated::boundary_led`]) when `led`: then the scan leaves
    /// out the starts where no word boundary can hold ([`maybe_boundary`]), where no
    /// match of those regexes starts, and lists the others as [`GateUnion::of_groups`]
    /// does.
    pub fn of_led_groups(groups: &[&[String]], led: bool) -> Option<GateUnion> {
        let patterns: Vec<String> = groups
            .iter()
            .filter(|g| !g.is_empty())
            .map(|g| g.join("|"))
            .collect();
        let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let gate = meta_like_regex(&refs)?;
        let mut next = 0;
        let groups = groups
            .iter()
            .map(|g| {
                (!g.is_empty()).then(|| {
                    next += 1;
                    PatternID::new_unchecked(next - 1)
                })
            })
            .collect::<Vec<_>>();
        let walker = led
            .then(|| {
                let group_of = groups
                    .iter()
                    .enumerate()
                    .filter_map(|(i, id)| id.map(|_| i))
                    .collect();
                walk::Walker::new(&patterns, group_of, groups.len())
            })
            .flatten();
        Some(GateUnion {
            gate: Some(gate),
            groups,
            led,
            walker,
        })
    }

    /// Every position of `haystack` where some part's gate match starts, in
    /// order; `None` without a union gate.
    pub fn starts(&self, haystack: &str) -> Option<Vec<usize>> {
        let mut all: Vec<usize> = self.scan(haystack)?.into_iter().flatten().collect();
        all.sort_unstable();
        all.dedup();
        Some(all)
    }

    /// For each group, in order, every position of `haystack` where one of its
    /// alternatives matches, in order; `None` without a union gate. For boundary-led
    /// groups ([`GateUnion::of_led_groups`]) only the positions where a word boundary may
    /// hold ([`maybe_boundary`]) are listed: every start of the groups' exact regexes
    /// still is.
    pub fn scan(&self, haystack: &str) -> Option<Vec<Vec<usize>>> {
        self.gate.as_ref()?;
        if let Some(Ok(groups)) = self.walker.as_ref().map(|w| w.scan(haystack)) {
            return Some(groups);
        }
        self.searched(haystack)
    }

    /// [`GateUnion::scan`] by the unanchored searches: for unions that do not walk, and
    /// texts whose walk gave up.
    fn searched(&self, haystack: &str) -> Option<Vec<Vec<usize>>> {
        let mut groups = self.gate_starts(haystack)?;
        if self.led {
            let bytes = haystack.as_bytes();
            for starts in &mut groups {
                starts.retain(|&s| maybe_boundary(bytes, s));
            }
        }
        Some(groups)
    }

    /// The filter of the positions a walking scan starts from ([`walk::Walker`]), for
    /// [`GateUnion::scan_passing`]; `None` when the scan does not walk.
    pub fn filter(&self) -> Option<&walk::GateFilter> {
        self.walker.as_ref().map(walk::Walker::filter)
    }

    /// [`GateUnion::scan`] given the positions of `haystack` that pass
    /// [`GateUnion::filter`], in order, as [`Starts::scan_with_gate`] lists them.
    ///
    /// [`Starts::scan_with_gate`]: crate::starts::Starts::scan_with_gate
    pub fn scan_passing(&self, haystack: &str, passing: &[usize]) -> Option<Vec<Vec<usize>>> {
        self.gate.as_ref()?;
        if let Some(Ok(groups)) = self
            .walker
            .as_ref()
            .map(|w| w.scan_passing(haystack, passing))
        {
            return Some(groups);
        }
        self.searched(haystack)
    }

    /// Whether [`GateUnion::scan`] lists only the starts where a word boundary may hold.
    #[cfg(test)]
    pub fn is_led(&self) -> bool {
        self.led
    }

    /// Whether [`GateUnion::scan`] walks ([`walk::Walker`]) instead of searching.
    #[cfg(test)]
    pub fn walks(&self) -> bool {
        self.walker.is_some()
    }

    /// [`GateUnion::scan`] without leaving out any start: every start of each group's
    /// gate.
    pub(crate) fn gate_starts(&self, haystack: &str) -> Option<Vec<Vec<usize>>> {
        let g = self.gate.as_ref()?;
        Some(all_starts(g, &self.groups, haystack))
    }
}

/// For each of the `groups` (patterns of `g`), every position where a match of it
/// starts (not only non-overlapping ones).
///
/// Each search reports the leftmost start at or after `pos`, so no start of any pattern
/// is skipped. Where several patterns match at that start, leftmost-first reports the
/// one of highest priority (lowest id), so no pattern before it matches there; whether
/// each later one does is asked with a search anchored at that start. A match of a
/// gate (which has no look-around) starting there does not depend on where the search
/// began, so each group gets exactly the starts its own scan would find.
fn all_starts(g: &meta::Regex, groups: &[Option<PatternID>], haystack: &str) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); groups.len()];
    let mut pos = 0;
    while pos <= haystack.len() {
        let Some(m) = g.search(&Input::new(haystack).range(pos..)) else {
            break;
        };
        let s = m.start();
        for (group, id) in out.iter_mut().zip(groups) {
            let Some(id) = *id else {
                continue;
            };
            let here = id == m.pattern()
                || id > m.pattern() && {
                    let anchored = Input::new(haystack)
                        .range(s..)
                        .anchored(Anchored::Pattern(id))
                        .earliest(true);
                    g.search_half(&anchored).is_some()
                };
            if here {
                group.push(s);
            }
        }
        pos = next_char_boundary(haystack, s);
    }
    out
}

/// A match: byte offsets into the haystack.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'h str {
        self.hay.get(self.start..self.end).unwrap_or("")
    }
    #[cfg(test)]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Capture groups of one match.
#[derive(Debug, Clone)]
pub(crate) struct Captures<'h> {
    hay: &'h str,
    caps: MetaCaptures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it participated.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
    /// The group called `name`, if it participated.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
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

/// The `meta::Regex` that `regex::Regex::new(pattern)` wraps (same configuration), of
/// several `patterns` in priority order if given more than one.
fn meta_like_regex(patterns: &[&str]) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true);
    meta::Builder::new()
        .configure(config)
        .syntax(regex_automata::util::syntax::Config::new().utf8(true))
        .build_many(patterns)
        .ok()
}

/// The first char boundary after `i`, or `s.len() + 1` past the end.
fn next_char_boundary(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// What `try_at` finds anchored at each of `starts` (sorted) in turn, skipping the
/// starts inside the previous find: the iteration of [`Gated::captures_iter_from`] and
/// [`Gated::find_iter_from`], whose `try_at` runs one anchored search and gives what it
/// yields with its whole match. After an empty match nothing more is tried, as
/// [`Gated::find_iter`] does.
fn at_starts<'r, 'h: 'r, T>(
    haystack: &'h str,
    starts: &'r [usize],
    mut try_at: impl FnMut(&Input<'h>) -> Option<(T, regex_automata::Match)> + 'r,
) -> impl Iterator<Item = T> + 'r {
    let mut pos = 0;
    let mut next = starts.iter().copied();
    std::iter::from_fn(move || {
        loop {
            if pos > haystack.len() {
                return None;
            }
            let s = next.find(|&s| s >= pos)?;
            let anchored = Input::new(haystack).range(s..).anchored(Anchored::Yes);
            let Some((found, whole)) = try_at(&anchored) else {
                continue;
            };
            pos = if whole.is_empty() {
                haystack.len() + 1
            } else {
                whole.end()
            };
            return Some(found);
        }
    })
}

impl Gated {
    /// Compiles `pattern`; the gate is dropped (never consulted) if the
    /// pattern has no word boundaries or the rewritten form does not compile.
    pub fn new(pattern: &str) -> Result<Gated, regex::Error> {
        let plain = Regex::new(pattern)?;
        // `regex` accepted the pattern, so the same build of its engine does too.
        let exact = meta_like_regex(&[pattern])
            .ok_or_else(|| regex::Error::Syntax(format!("{pattern:?} does not build")))?;
        let gate_pattern = without_word_boundaries(pattern);
        let gate = gate_pattern.as_deref().and_then(|p| meta_like_regex(&[p]));
        let gate_pattern = gate.as_ref().and(gate_pattern);
        let led = boundary_led(pattern);
        Ok(Gated {
            plain,
            exact,
            gate,
            gate_pattern,
            led,
        })
    }

    /// Like [`Gated::new`] for patterns known to be valid.
    #[cfg(test)]
    pub fn must(pattern: &str) -> Gated {
        match Gated::new(pattern) {
            Ok(g) => g,
            Err(e) => panic!("static regex {pattern:?} is invalid: {e}"),
        }
    }

    /// The leftmost start at or after `pos` where the exact regex matches,
    /// with the exact regex's match there (`Regex::find_at`).
    pub fn find_at<'h>(&self, haystack: &'h str, mut pos: usize) -> Option<Match<'h>> {
        let span = match &self.gate {
            None => self
                .exact
                .search(&Input::new(haystack).range(pos..))?
                .span(),
            Some(g) => loop {
                if pos > haystack.len() {
                    return None;
                }
                let s = g.search(&Input::new(haystack).range(pos..))?.start();
                let anchored = Input::new(haystack).range(s..).anchored(Anchored::Yes);
                if let Some(m) = self.exact.search(&anchored) {
                    break m.span();
                }
                pos = next_char_boundary(haystack, s);
            },
        };
        Some(Match {
            hay: haystack,
            start: span.start,
            end: span.end,
        })
    }

    /// `Regex::captures_at`, like [`Gated::find_at`].
    fn captures_at<'h>(&self, haystack: &'h str, mut pos: usize) -> Option<Captures<'h>> {
        let mut caps = self.exact.create_captures();
        match &self.gate {
            None => self
                .exact
                .search_captures(&Input::new(haystack).range(pos..), &mut caps),
            Some(g) => loop {
                if pos > haystack.len() {
                    return None;
                }
                let s = g.search(&Input::new(haystack).range(pos..))?.start();
                let anchored = Input::new(haystack).range(s..).anchored(Anchored::Yes);
                self.exact.search_captures(&anchored, &mut caps);
                if caps.is_match() {
                    break;
                }
                pos = next_char_boundary(haystack, s);
            },
        }
        caps.is_match().then_some(Captures {
            hay: haystack,
            caps,
        })
    }

    /// The gate's pattern, for a gate joined with other regexes' (a joint gate's match
    /// starts include this gate's); `None` without a gate.
    pub fn gate_pattern(&self) -> Option<&str> {
        self.gate_pattern.as_deref()
    }

    /// Whether every match of the regex starts at a position where a word-boundary
    /// assertion (`\b`, `\b{start}`, `\b{end}`, ASCII or Unicode) holds: every path of
    /// its automaton passes one before it reads a byte or matches. Such a regex's gate
    /// may join a [`GateUnion::of_led_groups`].
    pub fn boundary_led(&self) -> bool {
        self.led
    }

    /// Whether the gate matches somewhere in `haystack` (`true` without a gate): `false`
    /// proves the exact regex matches nowhere in it, nor in any slice of it.
    pub fn gate_is_match(&self, haystack: &str) -> bool {
        self.gate
            .as_ref()
            .is_none_or(|g| g.is_match(Input::new(haystack)))
    }

    /// Same as `Regex::is_match`.
    pub fn is_match(&self, haystack: &str) -> bool {
        let Some(g) = &self.gate else {
            return self.exact.is_match(haystack);
        };
        let mut pos = 0;
        while pos <= haystack.len() {
            let Some(m) = g.search(&Input::new(haystack).range(pos..)) else {
                return false;
            };
            let s = m.start();
            let anchored = Input::new(haystack)
                .range(s..)
                .anchored(Anchored::Yes)
                .earliest(true);
            if self.exact.search_half(&anchored).is_some() {
                return true;
            }
            pos = next_char_boundary(haystack, s);
        }
        false
    }

    /// [`Gated::captures_iter`] with the candidate starts given: `starts`
    /// (sorted) must hold every position where a match of this regex starts, as
    /// [`GateUnion::starts`] does (every start of its gate, or the boundary ones for a
    /// boundary-led regex); `None` searches as usual. The regex runs anchored at the
    /// starts in order, and the first where it matches is its leftmost match from
    /// there, so extra starts change nothing.
    pub fn captures_iter_from<'r, 'h>(
        &'r self,
        haystack: &'h str,
        starts: Option<&'r [usize]>,
    ) -> Box<dyn Iterator<Item = Captures<'h>> + 'r>
    where
        'h: 'r,
    {
        let Some(starts) = starts.filter(|_| self.gate.is_some()) else {
            return Box::new(self.captures_iter(haystack));
        };
        Box::new(at_starts(haystack, starts, move |anchored| {
            let mut caps = self.exact.create_captures();
            self.exact.search_captures(anchored, &mut caps);
            let whole = caps.get_match()?;
            Some((
                Captures {
                    hay: haystack,
                    caps,
                },
                whole,
            ))
        }))
    }

    /// The whole matches of [`Gated::captures_iter_from`] (its group 0), for patterns
    /// that never match the empty string (as [`Gated::find_iter`], which it is without
    /// `starts`), for callers that want no groups: at each start the regex runs
    /// anchored with a plain search, which the meta regex answers with its forward DFA
    /// alone, where a captures search also runs a capturing engine and allocates its
    /// slots. The anchored search's match is the captures search's group 0 at the same
    /// start (both are the leftmost-first match of the same regex there), and the next
    /// start is chosen from it in the same way, so the matches are the same.
    pub fn find_iter_from<'r, 'h>(
        &'r self,
        haystack: &'h str,
        starts: Option<&'r [usize]>,
    ) -> Box<dyn Iterator<Item = Match<'h>> + 'r>
    where
        'h: 'r,
    {
        let Some(starts) = starts.filter(|_| self.gate.is_some()) else {
            return Box::new(self.find_iter(haystack));
        };
        Box::new(at_starts(haystack, starts, move |anchored| {
            let whole = self.exact.search(anchored)?;
            let m = Match {
                hay: haystack,
                start: whole.start(),
                end: whole.end(),
            };
            Some((m, whole))
        }))
    }

    /// Same as `Regex::find`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// Same as `Regex::find_iter` for any pattern: the gate only decides
    /// whether the haystack is searched at all.
    pub fn find_iter_maybe_empty<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        let open = self
            .gate
            .as_ref()
            .is_none_or(|g| g.is_match(Input::new(haystack)));
        open.then(|| self.plain.find_iter(haystack))
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
            let m = self.find_at(haystack, pos)?;
            pos = if m.start == m.end {
                haystack.len() + 1
            } else {
                m.end
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
            let c = self.captures_at(haystack, pos)?;
            let whole = c.get(0)?;
            pos = if whole.start == whole.end {
                haystack.len() + 1
            } else {
                whole.end
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
    fn union_starts_give_the_same_captures() {
        let pats = [r"(?i)\bjava\b", r"\b\d{4}\b", r"(?i)\bexp\w*\b\s+\d+"];
        let gated: Vec<Gated> = pats.iter().map(|p| Gated::must(p)).collect();
        let refs: Vec<&Gated> = gated.iter().collect();
        let union = GateUnion::new(&refs);
        // The regexes are boundary-led, so the union lists only starts at word boundaries.
        assert!(gated.iter().all(Gated::boundary_led) && union.is_led());
        const PIECES: &[&str] = &[
            "Java",
            "java",
            "2019",
            "12",
            " ",
            "é",
            "_",
            "x",
            "Exp",
            "experience",
            "\n",
            ".",
            "\u{212A}",
        ];
        let mut next = crate::testgen::xorshift(0x5851_F42D_4C95_7F2D);
        let fixed = "Java2019 2019 é2019 java Experience 12 exp 3 JAVA".to_owned();
        let mut inside_words = 0;
        for round in 0..2_000 {
            let h = if round == 0 {
                fixed.clone()
            } else {
                let len = (next() % 16) as usize;
                crate::testgen::pieces(&mut next, PIECES, len)
            };
            let starts = union.starts(&h);
            assert!(starts.is_some());
            let all = union
                .gate_starts(&h)
                .map(|g| g.concat())
                .unwrap_or_default();
            inside_words += all
                .iter()
                .filter(|s| starts.as_ref().is_some_and(|k| !k.contains(s)))
                .count();
            for g in &gated {
                let a: Vec<_> = g
                    .captures_iter_from(&h, starts.as_deref())
                    .map(|c| c.get(0).map(|m| m.range()))
                    .collect();
                let b: Vec<_> = g
                    .captures_iter(&h)
                    .map(|c| c.get(0).map(|m| m.range()))
                    .collect();
                assert_eq!(a, b, "{h:?}");
                let found: Vec<_> = g
                    .find_iter_from(&h, starts.as_deref())
                    .map(|m| Some(m.range()))
                    .collect();
                assert_eq!(found, b, "{h:?}");
            }
        }
        assert!(inside_words > 100, "{inside_words}");
    }

    #[test]
    fn led_unions_walk_to_the_starts_their_searches_find_at_boundaries() {
        // Groups that share starts, begin with symbols (more than four of them in the
        // second union, so that every boundary is a candidate), with non-ASCII chars
        // (`é`, `ſ` and the Kelvin sign fold to `s` and `k`), with bounded and unbounded
        // repeats that keep walks alive, and one that matches the empty string.
        // The last union has no match within three bytes that every fourth byte extends,
        // so its four-byte table filters (in the others it passes everything).
        let unions: [Vec<Vec<String>>; 4] = [
            vec![
                vec!["(?i:s(?:ee|ea)k|ask)".to_owned(), r"(?:\.net)".to_owned()],
                vec!["(?i:seek(?:er)?s?)".to_owned(), "(?:c#)".to_owned()],
                Vec::new(),
                vec![r"(?:\d+ ?k)".to_owned(), "(?i:ké?)".to_owned()],
                vec![r"(?i:seek.{0,6}ers)".to_owned(), r"(?:a\w*)".to_owned()],
            ],
            vec![
                vec!["(?:[.#+/-]a)".to_owned(), "(?:,k)".to_owned()],
                vec!["(?i:é+s)".to_owned(), r"(?:\s+a)".to_owned()],
            ],
            vec![vec!["(?:x?)".to_owned()], vec!["(?i:k)".to_owned()]],
            vec![
                vec!["(?i:seek(?:er)?s)".to_owned(), r"(?:\.net)".to_owned()],
                vec![r"(?:\d+ ?ks)".to_owned(), "(?i:ké?ss)".to_owned()],
                vec![r"(?i:ask.{0,6}ers)".to_owned()],
            ],
        ];
        const PIECES: &[&str] = &[
            "s", "S", "ſ", "e", "E", "a", "A", "k", "K", "\u{212A}", "sk", "seek", "sea", "ask",
            "2", "10 ", " ", "é", "É", "\n", "seekers", ".net", ".NET", "c#", "#", "+", "/", ",",
            "x", "\u{300}", "•",
        ];
        let mut next = crate::testgen::xorshift(0x94D0_49BB_1331_11EB);
        let mut found = 0;
        for groups in &unions {
            let refs: Vec<&[String]> = groups.iter().map(Vec::as_slice).collect();
            let union = GateUnion::of_led_groups(&refs, true).expect("builds");
            assert!(union.walks());
            let filters = union.filter().is_some_and(walk::GateFilter::quads_filter);
            assert_eq!(filters, groups.len() == 3, "{groups:?}");
            for _ in 0..3_000 {
                let len = (next() % 40) as usize;
                let h: String = crate::testgen::pieces(&mut next, PIECES, len);
                let mut want = union.gate_starts(&h).expect("searches");
                for starts in &mut want {
                    starts.retain(|&s| maybe_boundary(h.as_bytes(), s));
                }
                let got = union.scan(&h).expect("scans");
                assert_eq!(got, want, "{h:?}");
                found += got.iter().map(Vec::len).sum::<usize>();
            }
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn each_group_of_a_union_lists_the_starts_its_own_gate_would() {
        // Groups that start together, overlap and contain each other, so that many starts
        // are claimed by several groups at once (and by a later group only); `ſ` and the
        // Kelvin sign are case-insensitive `s` and `k`. An empty group matches nowhere.
        let groups: [Vec<String>; 5] = [
            vec!["(?i:s(?:ee|ea)k|ask)".to_owned()],
            vec![
                "(?i:seek(?:er)?s?)".to_owned(),
                "(?:sk)".to_owned(),
                "(?i:a)".to_owned(),
            ],
            Vec::new(),
            vec![
                r"(?:\d+ ?k)".to_owned(),
                "(?i:ke?)".to_owned(),
                "(?i:sea?)".to_owned(),
            ],
            vec!["(?:s)".to_owned(), "(?i:ers?)".to_owned()],
        ];
        let refs: Vec<&[String]> = groups.iter().map(Vec::as_slice).collect();
        let union = GateUnion::of_groups(&refs).expect("builds");
        let alone: Vec<Option<GateUnion>> = groups
            .iter()
            .map(|g| (!g.is_empty()).then(|| GateUnion::of_alternatives(g).expect("builds")))
            .collect();
        let flat = GateUnion::of_alternatives(&groups.concat()).expect("builds");
        const PIECES: &[&str] = &[
            "s", "S", "ſ", "e", "E", "a", "A", "k", "K", "\u{212A}", "sk", "seek", "sea", "ask",
            "2", "10 ", " ", "é", "\n", "seekers",
        ];
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        // Per group, its starts that an earlier group also matched at.
        let mut shared = [0; 5];
        for _ in 0..3_000 {
            let len = (next() % 24) as usize;
            let h: String = crate::testgen::pieces(&mut next, PIECES, len);
            let got = union.scan(&h).expect("scans");
            assert_eq!(got.len(), groups.len());
            for (i, (starts, own)) in got.iter().zip(&alone).enumerate() {
                let want = own.as_ref().map_or(Some(Vec::new()), |g| g.starts(&h));
                assert_eq!(Some(starts), want.as_ref(), "group {i} in {h:?}");
                shared[i] += starts
                    .iter()
                    .filter(|s| got[..i].iter().any(|e| e.contains(s)))
                    .count();
            }
            assert_eq!(union.starts(&h), flat.starts(&h), "{h:?}");
        }
        // Every later group with alternatives was exercised at starts an earlier one had.
        assert!(
            shared[1] > 100 && shared[3] > 100 && shared[4] > 100,
            "{shared:?}"
        );
        // No group, or only empty ones: nothing starts anywhere.
        let none = GateUnion::of_groups(&[&[], &[]]).expect("builds");
        assert_eq!(none.scan("seek"), Some(vec![Vec::new(), Vec::new()]));
        assert_eq!(none.starts("seek"), Some(Vec::new()));
    }

    #[test]
    fn same_results_as_the_exact_regex() {
        use regex::Regex;
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
