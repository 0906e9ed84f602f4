//! Keyword matching: one Aho-Corasick automaton (leftmost-longest, ASCII
//! case-insensitive) over every alias, plus word-boundary, exact-case and
//! context checks for the places where plain substring matching lies.
//!
//! Why the extra rules:
//! * `JavaScript` must not count as `Java`, and `C` must not match inside `C++`
//!   or `C#`: matches must sit on word boundaries that understand `+`, `#` and
//!   dotted names (`Node.js`, `.NET`).
//! * Short or ordinary words (`Go`, `R`, `C`, `Rust`, `Spring`, `Express`,
//!   `REST`) are "exact" terms: they must have the exact case written in the
//!   keyword file, must not be glued to `-`/`&` (`Go-to-market`, `C-level`,
//!   `R&D`) or followed by a year (`Spring 2020`), and must appear in a
//!   technical context (a list, or next to words such as "developer" or "API").
//! * A skill named in a sentence about hiring or recruiting other people
//!   ("hired Java developers") says nothing about the writer's own skills, and
//!   a skill that only appears in a bare skills list is weaker evidence than one
//!   used in an experience description; see [`mention_weight`].

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use crate::fastre::{self, GateUnion, Gated};

use crate::aligned::Aligned;
use crate::error::Error;
use crate::role::Keyword;
use crate::sections::{Section, is_ascii_space};
use crate::starts::Starts;

/// Where a keyword was found on a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mention {
    /// Index into the role's keyword list.
    pub keyword: usize,
    /// Byte offsets within the line.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
struct Term {
    keyword: usize,
    /// For exact terms, the exact spelling required.
    exact: Option<String>,
}

/// The compiled matcher for a keyword list.
#[derive(Debug)]
pub(crate) struct KeywordMatcher {
    ac: AhoCorasick,
    terms: Vec<Term>,
    /// The patterns of `ac`, in its order.
    patterns: Vec<String>,
    /// Where a match of `ac` can be accepted; `None` when a pattern is empty.
    starts: Option<Starts<1>>,
    /// `ac`'s patterns again as a bare DFA for anchored searches only, walked by
    /// [`KeywordMatcher::longest_at`] without the set-up of a full search at every start.
    anchored: aho_corasick::dfa::DFA,
    /// `ac`'s patterns that begin with an ASCII letter or digit, by first run: where a
    /// candidate start is such a byte, the pattern to check without the walk
    /// ([`KeywordMatcher::candidate_at`]).
    aligned: Option<Aligned>,
    regexes: Vec<(usize, Gated)>,
    /// For each of `regexes`, whether it never matches the empty string, so that the
    /// anchored searches at its own gate starts find its matches in a line
    /// ([`KeywordMatcher::pattern_mentions`]); a regex that may match empty is searched
    /// over the line as before.
    never_empty: Vec<bool>,
    /// One regex that matches wherever any pattern in `regexes` could start
    /// (all patterns without word boundaries, as alternatives); `None` when a
    /// pattern has anchors or the gate cannot be built, so every line is searched.
    pattern_gate: Option<GateUnion>,
    /// The alternatives `pattern_gate` is made of, so that several matchers can share
    /// one gate scan ([`KeywordMatcher::joint_gate`]).
    gate_alternatives: Option<Vec<String>>,
    /// Whether every pattern is boundary-led ([`Gated::boundary_led`]), so that a joint
    /// gate scan may list only the starts where a word boundary may hold.
    gate_led: bool,
    /// Whether one automaton search over a whole text finds exactly the
    /// matches of the per-line searches: no pattern is empty or holds a line
    /// break, so no match crosses a line end (see [`KeywordMatcher::mentions_by_line`]).
    whole_text: bool,
}

/// Which lines of a text can hold a pattern match: sorted byte offsets in the
/// text where the pattern gate matches (all of them, or those of a boundary-led joint
/// scan, [`JointLines`]: either way every start of a pattern match), or `None` for
/// "every line".
#[derive(Debug, Clone)]
pub(crate) struct PatternLines {
    starts: Option<Vec<usize>>,
    /// For each of the matcher's regexes, in order, the starts of its own gate
    /// alternative (every start of its matches, as `starts` is for all of them), when a
    /// joint scan listed them apart ([`KeywordMatcher::joint_gate`]); `None`: not known.
    by_regex: Option<Vec<Vec<usize>>>,
}

/// A [`GateUnion`] of the hiring-verb gate, the pattern gates of `N` matchers and
/// extra alternatives, each a group of its own ([`KeywordMatcher::joint_gate`]): one
/// scan over the text for all of them, which still tells each one only the starts of
/// its own gate, so that no matcher runs its regexes on lines only another one's
/// alternatives can match.
#[derive(Debug)]
pub(crate) struct JointGate<const N: usize> {
    union: GateUnion,
    /// Whether the union's first group is the hiring-verb gate (it is unless it could
    /// not be built together with the others).
    hiring: bool,
    /// Whether each matcher's gate alternatives are groups of their own, one per regex
    /// (so that a line is searched only with the regexes that may match in it, and only
    /// at their starts), rather than one group per matcher.
    split: bool,
    /// The number of groups of each matcher: its regexes if `split`, else 1.
    sizes: [usize; N],
}

/// What one [`JointGate::scan`] found in a text.
///
/// Each list holds the starts of its group's gate; when every regex behind the groups
/// is boundary-led ([`KeywordMatcher::joint_gate`]), only those where a word boundary may
/// hold ([`fastre::maybe_boundary`]). That still includes every start of the regexes
/// themselves, which is all the consumers need: a pattern line or a hiring-verb line is
/// then searched with the exact regex (a line left out has no match; a match in a line,
/// or in a sentence, starts after a line break or a sentence stop, so its word boundary
/// holds in the text too), and claims are searched anchored at the starts in order,
/// where the first one that matches is the leftmost match.
#[derive(Debug)]
pub(crate) struct JointLines<const N: usize> {
    /// Per matcher (in the order given to [`KeywordMatcher::joint_gate`]), its lines,
    /// as its own gate would find them.
    pub matchers: [PatternLines; N],
    /// Where the hiring-verb gate matches, for [`HiringCache::with_verbs`]; `None`: not
    /// looked for.
    pub hiring: Option<Vec<usize>>,
    /// Where one of the extra alternatives matches; `None`: not known (search as usual).
    pub extra: Option<Vec<usize>>,
}

impl<const N: usize> JointGate<N> {
    /// The starts of each group in `text`.
    pub fn scan(&self, text: &str) -> JointLines<N> {
        self.lines(self.union.scan(text))
    }

    /// [`JointGate::scan`] given the positions of `text` that pass [`JointGate::filter`],
    /// as [`crate::starts::Starts::scan_with_gate`] lists them.
    pub fn scan_passing(&self, text: &str, passing: &[usize]) -> JointLines<N> {
        self.lines(self.union.scan_passing(text, passing))
    }

    /// The filter of the positions where the scan walks, when it does
    /// ([`GateUnion::filter`]).
    pub fn filter(&self) -> Option<&fastre::walk::GateFilter> {
        self.union.filter()
    }

    /// The lines of each group from the starts of the union's groups.
    fn lines(&self, groups: Option<Vec<Vec<usize>>>) -> JointLines<N> {
        let known = groups.is_some();
        let mut groups = groups.unwrap_or_default().into_iter();
        // `groups` has one list per group (the union always has a gate); a missing one
        // falls back to what is always safe: every line, no hiring verb or claim known.
        let hiring = if self.hiring { groups.next() } else { None };
        let matchers = std::array::from_fn(|m| {
            if !self.split {
                return PatternLines {
                    starts: groups.next(),
                    by_regex: None,
                };
            }
            let size = self.sizes.get(m).copied().unwrap_or_default();
            let by_regex: Vec<Vec<usize>> = groups.by_ref().take(size).collect();
            if !known || by_regex.len() != size {
                return PatternLines {
                    starts: None,
                    by_regex: None,
                };
            }
            // The matcher's gate starts are those of any of its alternatives.
            let mut starts: Vec<usize> = by_regex.iter().flatten().copied().collect();
            starts.sort_unstable();
            starts.dedup();
            PatternLines {
                starts: Some(starts),
                by_regex: Some(by_regex),
            }
        });
        JointLines {
            matchers,
            hiring,
            extra: groups.next(),
        }
    }
}

impl PatternLines {
    /// The gate's match starts, sorted (`None`: every position may start a match).
    pub fn starts(&self) -> Option<&[usize]> {
        self.starts.as_deref()
    }

    /// Whether `line` (a slice of the scanned text) may hold a pattern match.
    pub fn may_match(&self, text: &str, line: &str) -> bool {
        let Some(starts) = &self.starts else {
            return true;
        };
        let offset = (line.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        if offset > text.len() {
            return true;
        }
        let i = starts.partition_point(|&s| s < offset);
        starts.get(i).is_some_and(|&s| s <= offset + line.len())
    }
}

/// Whether the hiring-verb gate matches in `line`, a slice of `text`, given `hiring`,
/// the starts of the gate in `text` ([`JointLines::hiring`]); `None` when `line` is not
/// part of the text. A match of the hiring-verb regex in the line (or in a sentence of
/// it) is one of the gate in the text (the gate has no look-around) that starts at a word
/// boundary of the text, so its start is listed; `true` may only overstate (for a slice
/// that cuts a match short).
fn hiring_may_match(hiring: &[usize], text: &str, line: &str) -> Option<bool> {
    let offset = offset_in(text, line)?;
    let i = hiring.partition_point(|&s| s < offset);
    Some(hiring.get(i).is_some_and(|&s| s < offset + line.len()))
}

impl KeywordMatcher {
    /// Builds the automaton. Two keywords claiming the same alias is an error,
    /// because the result would depend on file order.
    pub fn new(keywords: &[Keyword]) -> Result<Self, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        let mut regexes = Vec::new();
        for (ki, k) in keywords.iter().enumerate() {
            let all = k
                .aliases
                .iter()
                .map(|a| (a, None))
                .chain(k.exact.iter().map(|e| (e, Some(e.clone()))));
            for (text, exact) in all {
                let key = text.to_lowercase();
                if let Some(&other) = seen.get(&key) {
                    if other != ki {
                        let other_name = keywords.get(other).map_or("?", |o| o.name.as_str());
                        return Err(Error::Build(format!(
                            "{text:?} is listed for both {other_name:?} and {:?}",
                            k.name
                        )));
                    }
                    continue;
                }
                seen.insert(key, ki);
                patterns.push(text.clone());
                terms.push(Term { keyword: ki, exact });
            }
            for p in &k.patterns {
                let re = Gated::new(&format!("(?i){p}"))
                    .map_err(|e| Error::Build(format!("bad pattern for {:?}: {e}", k.name)))?;
                regexes.push((ki, re));
            }
        }
        // Matches of a pattern on one line are matches in the whole text too
        // unless the pattern uses anchors (`^`, `$`, `\A`, `\z`); with
        // word boundaries removed a gate match starts wherever the pattern's does.
        let anchored = keywords
            .iter()
            .flat_map(|k| &k.patterns)
            .any(|p| p.contains(['^', '$']) || p.contains("\\A") || p.contains("\\z"));
        let gate_alternatives: Option<Vec<String>> = (!anchored).then(|| {
            keywords
                .iter()
                .flat_map(|k| &k.patterns)
                .map(|p| {
                    // Each alternative carries the `(?i)` its pattern is matched with,
                    // so it can join gates with other flags.
                    format!(
                        "(?i:{})",
                        fastre::without_word_boundaries(p).unwrap_or(p.clone())
                    )
                })
                .collect()
        });
        let pattern_gate = gate_alternatives
            .as_deref()
            .filter(|a| !a.is_empty())
            .and_then(GateUnion::of_alternatives);
        let gate_alternatives =
            gate_alternatives.filter(|_| regexes.is_empty() || pattern_gate.is_some());
        let gate_led = regexes.iter().all(|(_, re)| re.boundary_led());
        // As `Gated::new` compiles them; a pattern that does not parse here is searched
        // over the line as before.
        let never_empty = keywords
            .iter()
            .flat_map(|k| &k.patterns)
            .map(|p| {
                regex_automata::util::syntax::parse(&format!("(?i){p}"))
                    .is_ok_and(|hir| hir.properties().minimum_len().is_some_and(|n| n > 0))
            })
            .collect();
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| Error::Build(e.to_string()))?;
        let whole_text = patterns
            .iter()
            .all(|p| !p.is_empty() && !p.contains(['\n', '\r']));
        let starts = Starts::new([&patterns[..]]);
        let anchored = aho_corasick::dfa::DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| Error::Build(e.to_string()))?;
        let aligned = Aligned::new(&patterns);
        Ok(KeywordMatcher {
            ac,
            terms,
            patterns,
            starts,
            anchored,
            aligned,
            regexes,
            never_empty,
            pattern_gate,
            gate_alternatives,
            gate_led,
            whole_text,
        })
    }

    /// One gate for the patterns of all `matchers` and the `extra` gate alternatives
    /// (each a parenthesised pattern), each a group whose starts the scan lists apart
    /// ([`JointGate::scan`]): one scan instead of one per matcher. `None` when some
    /// matcher has no gate of its own or there is nothing to look for.
    ///
    /// The hiring-verb gate joins as the first group, so the same scan also tells
    /// [`in_hiring_sentence_cached`] which lines hold a hiring-verb candidate (through
    /// [`HiringCache::with_verbs`]) instead of a regex run over each line with a mention.
    ///
    /// `extra_led` tells that the regexes of the `extra` alternatives are boundary-led
    /// ([`Gated::boundary_led`]): when all the regexes are, the scan lists only the
    /// starts where a word boundary may hold ([`GateUnion::of_led_groups`]), which hold
    /// every start of their exact regexes; that is all the consumers need (see
    /// [`JointLines`]).
    pub fn joint_gate<const N: usize>(
        matchers: [&KeywordMatcher; N],
        extra: &[String],
        extra_led: bool,
    ) -> Option<JointGate<N>> {
        let mut led = extra_led || extra.is_empty();
        let mut alternatives: [&[String]; N] = [&[]; N];
        for (to, m) in alternatives.iter_mut().zip(matchers) {
            *to = m.gate_alternatives.as_deref()?;
            led &= m.gate_led;
        }
        // One group per regex while the walk can tell them apart (it lists at most 64
        // groups; the hiring verbs and `extra` take two), else one per matcher.
        let regexes: usize = alternatives.iter().map(|a| a.len()).sum();
        let split = regexes + 2 <= 64;
        let sizes = alternatives.map(|a| if split { a.len() } else { 1 });
        let mut groups: Vec<&[String]> = Vec::with_capacity(regexes + 2);
        for a in alternatives {
            if split {
                groups.extend(a.iter().map(std::slice::from_ref));
            } else {
                groups.push(a);
            }
        }
        groups.push(extra);
        if groups.iter().all(|g| g.is_empty()) {
            return None;
        }
        let hiring = HIRING_VERB.gate_pattern().map(|h| vec![format!("(?:{h})")]);
        let with_hiring = hiring.as_deref().and_then(|h| {
            let all: Vec<&[String]> = std::iter::once(h).chain(groups.iter().copied()).collect();
            GateUnion::of_led_groups(&all, led && HIRING_VERB.boundary_led())
        });
        match with_hiring {
            Some(union) => Some(JointGate {
                union,
                hiring: true,
                split,
                sizes,
            }),
            None => GateUnion::of_led_groups(&groups, led).map(|union| JointGate {
                union,
                hiring: false,
                split,
                sizes,
            }),
        }
    }

    /// The lines of `text` where a pattern may match (see [`PatternLines`]).
    pub fn pattern_lines(&self, text: &str) -> PatternLines {
        if self.regexes.is_empty() {
            return PatternLines {
                starts: Some(Vec::new()),
                by_regex: None,
            };
        }
        PatternLines {
            starts: self.pattern_gate.as_ref().and_then(|g| g.starts(text)),
            by_regex: None,
        }
    }

    /// All accepted keyword mentions on one line, in order of position.
    #[cfg(test)]
    pub fn find_in_line(&self, line: &str) -> Vec<Mention> {
        self.find_in_line_with(line, true)
    }

    /// All accepted keyword mentions on one line, in order of position;
    /// `patterns` false skips the pattern regexes (see [`PatternLines`]).
    pub fn find_in_line_with(&self, line: &str, patterns: bool) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < line.len() {
            let Some(m) = self.ac.find(Input::new(line).span(pos..line.len())) else {
                break;
            };
            let Some(term) = self.terms.get(m.pattern().as_usize()) else {
                break;
            };
            if accept(line, m.start(), m.end(), term.exact.as_deref()) {
                out.push(Mention {
                    keyword: term.keyword,
                    start: m.start(),
                    end: m.end(),
                });
                pos = m.end();
            } else {
                // A rejected long match may hide a valid one starting inside it.
                pos = next_char_boundary(line, m.start());
            }
        }
        self.finish_line(line, out, patterns)
    }

    /// [`KeywordMatcher::mentions_by_line_with`] with this matcher's own gate, grouped
    /// by line (the shape of the line-by-line reference).
    #[cfg(test)]
    pub fn mentions_by_line(&self, text: &str, lines: &[&str]) -> Vec<(usize, Vec<Mention>)> {
        group_by_line(&self.mentions_by_line_with(text, lines, &self.pattern_lines(text), None))
    }

    /// The automaton's patterns, to find where they can start together with other
    /// matchers' ([`Starts`]).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The mentions of every line of `text` that has any, as (line index, mention), in
    /// line order; `lines` must be `text.lines()`. The mentions of a line, in order, are
    /// `find_in_line_with(line, pattern_lines.may_match(text, line))`; `pattern_lines`
    /// must come from this matcher's gate ([`KeywordMatcher::pattern_lines`]) or be its
    /// part of a [`JointGate::scan`]. `starts`, if given, are the
    /// candidates in `text` of a [`Starts`] set made of [`KeywordMatcher::patterns`].
    ///
    /// The automaton runs over the whole text instead of line by line, and only at the
    /// candidate starts of [`Starts`], anchored: as no pattern is empty or contains
    /// `\n` or `\r` (the only characters between lines), a match starting inside a line
    /// lies inside it. The line search takes at each position the longest match there
    /// (leftmost-longest), accepts it and goes on after it, or rejects it and goes on
    /// from the next character; at the positions the filter leaves out any match is
    /// rejected, so visiting only the candidates, each with the longest anchored match
    /// (or what stands for it, [`KeywordMatcher::candidate_at`]), finds the same
    /// mentions. Lines without mentions or pattern candidates are not looked at.
    ///
    /// One flat list rather than a list per line: a vector per line with mentions was
    /// a dozen allocations per résumé.
    #[cfg(test)]
    pub fn mentions_by_line_with(
        &self,
        text: &str,
        lines: &[&str],
        pattern_lines: &PatternLines,
        starts: Option<&[usize]>,
    ) -> Vec<(usize, Mention)> {
        let offsets = line_offsets(text, lines);
        self.mentions_by_line_at(text, lines, offsets.as_deref(), pattern_lines, starts)
    }

    /// [`KeywordMatcher::mentions_by_line_with`] given `offsets`, which must be
    /// `line_offsets(text, lines)`: a caller searching the same lines with several
    /// matchers computes them once (one vector and one walk over the lines per matcher
    /// fewer).
    pub(crate) fn mentions_by_line_at(
        &self,
        text: &str,
        lines: &[&str],
        offsets: Option<&[usize]>,
        pattern_lines: &PatternLines,
        starts: Option<&[usize]>,
    ) -> Vec<(usize, Mention)> {
        let (Some(offsets), true, Some(filter)) = (offsets, self.whole_text, &self.starts) else {
            return lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| {
                    self.find_in_line_with(l, pattern_lines.may_match(text, l))
                        .into_iter()
                        .map(move |m| (i, m))
                })
                .collect();
        };
        // Automaton mentions, tagged with their line, in text order.
        let mut li = 0;
        let mut pos = 0;
        let own;
        let starts = match starts {
            Some(s) => s,
            None => {
                [own] = filter.scan(text.as_bytes());
                &own
            }
        };
        // At most one mention per candidate.
        let mut found: Vec<(usize, Mention)> = Vec::with_capacity(starts.len());
        for &p in starts {
            if p < pos {
                continue;
            }
            let Some((pattern, m_end)) = self.candidate_at(text.as_bytes(), p) else {
                continue;
            };
            let Some(term) = self.terms.get(pattern) else {
                continue;
            };
            // The line holding the match start (lines are in text order).
            while lines
                .get(li)
                .zip(offsets.get(li))
                .is_some_and(|(l, &o)| o + l.len() <= p)
            {
                li += 1;
            }
            let (Some(line), Some(&off)) = (lines.get(li), offsets.get(li)) else {
                break;
            };
            if p < off || m_end > off + line.len() {
                // Cannot happen (see above); the line search would not find it either.
                continue;
            }
            let (start, end) = (p - off, m_end - off);
            if accept(line, start, end, term.exact.as_deref()) {
                found.push((
                    li,
                    Mention {
                        keyword: term.keyword,
                        start,
                        end,
                    },
                ));
                pos = m_end;
            }
        }
        // The lines where a pattern may match (`pattern_lines.may_match`), found from the
        // gate's starts in one walk instead of a search per line; `None`: every line.
        let pattern_rows = if self.regexes.is_empty() {
            Some(Vec::new())
        } else {
            pattern_lines
                .starts()
                .map(|starts| lines_holding(starts, lines, offsets))
        };
        let mut rows = pattern_rows.map(|r| r.into_iter().peekable());
        // With the starts of each regex known, a pattern line is searched only with the
        // regexes that may match in it, and only at their starts: where in each regex's
        // starts the next line begins, and a buffer for a line's starts.
        let by_regex = pattern_lines
            .by_regex
            .as_deref()
            .filter(|b| b.len() == self.regexes.len());
        // On the stack for the few regexes of a keyword list.
        let n = by_regex.map_or(0, <[_]>::len);
        let (mut few, mut many) = ([0; 8], Vec::new());
        let cursors: &mut [usize] = match few.get_mut(..n) {
            Some(c) => c,
            None => {
                many.resize(n, 0);
                &mut many
            }
        };
        let mut line_starts: Vec<usize> = Vec::new();
        let mut next_found = 0;
        // `found` is the answer unless a pattern regex adds a mention; from the first line
        // where one does, `out` takes over, starting with the mentions of the lines before
        // (a second vector and a copy per call saved on most résumés).
        let mut out: Option<Vec<(usize, Mention)>> = None;
        // One buffer for the lines whose pattern matches join the automaton's (see
        // `finish_line`), reused from line to line.
        let mut line_buf: Vec<Mention> = Vec::new();
        let mut next_line = 0;
        loop {
            // The next line with a mention or a pattern candidate.
            let row = match &mut rows {
                Some(r) => r.peek().copied(),
                None => (next_line < lines.len()).then_some(next_line),
            };
            let mention_row = found.get(next_found).map(|(l, _)| *l);
            let i = match (mention_row, row) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => break,
            };
            next_line = i + 1;
            let patterns = match &mut rows {
                Some(r) => r.next_if_eq(&i).is_some(),
                None => true,
            };
            let line_start = next_found;
            let here = found.get(next_found..).unwrap_or_default();
            let n = here.iter().take_while(|(l, _)| *l == i).count();
            let here = here.get(..n).unwrap_or_default();
            next_found += n;
            let Some(line) = lines.get(i) else {
                // Cannot happen (`i` is a line index); the result stops before this line.
                if out.is_none() {
                    found.truncate(line_start);
                }
                break;
            };
            if patterns && !self.regexes.is_empty() {
                line_buf.clear();
                line_buf.extend(here.iter().map(|(_, m)| *m));
                let taken = std::mem::take(&mut line_buf);
                let mentions = match (by_regex, offsets.get(i)) {
                    (Some(by_regex), Some(&off)) => {
                        let found =
                            self.pattern_mentions(line, off, by_regex, cursors, &mut line_starts);
                        Self::sorted_with(taken, found)
                    }
                    _ => self.finish_line(line, taken, true),
                };
                // `finish_line` only adds mentions and sorts them; with none added the
                // line's mentions are `here` as they are.
                if out.is_none() && mentions.len() != here.len() {
                    let before = found.get(..line_start).unwrap_or_default();
                    let added = mentions.len().saturating_sub(here.len());
                    let mut all = Vec::with_capacity(found.len() + added);
                    all.extend_from_slice(before);
                    out = Some(all);
                }
                if let Some(out) = out.as_mut() {
                    out.extend(mentions.iter().map(|m| (i, *m)));
                }
                line_buf = mentions;
            } else if let Some(out) = out.as_mut() {
                // Without pattern matches `finish_line` only sorts by (start, keyword),
                // and the automaton's mentions are already in that order: they do not
                // overlap, so their starts are distinct and increasing.
                out.extend_from_slice(here);
            }
        }
        out.unwrap_or(found)
    }

    /// The longest pattern matching at `at` (pattern index in `ac`, end offset): the
    /// leftmost-longest match of an anchored `ac` search from `at`, by the same walk
    /// as the automaton's own search loop (the last match state seen before the dead
    /// state, counting only a pattern as long as the walk).
    ///
    /// The length test is the library's own: a state of the trie also carries the
    /// matches of its failure states, patterns that end there but begin after `at`
    /// ("web service" on the way of "Amazon Web Services", "ORM" on that of "platform
    /// engineer"), which its anchored search skips (`m.start() > input.start()`); a
    /// pattern that ends there and is as long as the walk begins at `at`.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        use aho_corasick::automaton::Automaton;
        let dfa = &self.anchored;
        let yes = aho_corasick::Anchored::Yes;
        let mut sid = dfa.start_state(yes).ok()?;
        let mut best = None;
        for (i, &b) in text.get(at..)?.iter().enumerate() {
            sid = dfa.next_state(yes, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    break;
                }
                if dfa.is_match(sid)
                    && let Some(pattern) = (0..dfa.match_len(sid))
                        .map(|k| dfa.match_pattern(sid, k))
                        .find(|&p| dfa.pattern_len(p) == i + 1)
                {
                    best = Some((pattern.as_usize(), at + i + 1));
                }
            }
        }
        best
    }

    /// The pattern to check with `accept` at `at` in a mention search: the longest one
    /// matching there ([`KeywordMatcher::longest_at`]), or, where the text has an ASCII
    /// letter or digit, the longest *aligned* one ([`Aligned::longest_at`]), which is
    /// the same or, when there is none, leaves out only a pattern `accept` rejects (see
    /// [`crate::aligned`]). So both give the same mentions, and the table lookup touches
    /// a few cache lines where the automaton walk missed them at every byte.
    fn candidate_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        match &self.aligned {
            Some(aligned) if text.get(at).is_some_and(u8::is_ascii_alphanumeric) => {
                aligned.longest_at(text, at)
            }
            _ => self.longest_at(text, at),
        }
    }

    /// Adds the pattern mentions of `line` (if `patterns`) to its automaton
    /// mentions `out` and sorts them by position.
    fn finish_line(&self, line: &str, out: Vec<Mention>, patterns: bool) -> Vec<Mention> {
        let found = self
            .regexes
            .iter()
            .filter(|_| patterns)
            .flat_map(|(ki, re)| {
                re.find_iter_maybe_empty(line)
                    .map(|m| (*ki, m.start(), m.end()))
            });
        Self::sorted_with(out, found)
    }

    /// The automaton mentions `out` of a line with the pattern matches `found` (keyword,
    /// start, end, regex by regex) that overlap none of their keyword's, sorted by
    /// position.
    fn sorted_with(
        mut out: Vec<Mention>,
        found: impl Iterator<Item = (usize, usize, usize)>,
    ) -> Vec<Mention> {
        add_disjoint(&mut out, found);
        out.sort_by_key(|m| (m.start, m.keyword));
        out
    }

    /// The matches of the regexes in `line`, at byte `off` of its text, as
    /// [`KeywordMatcher::finish_line`] finds them (keyword, start, end, regex by regex),
    /// given `by_regex`, each regex's gate starts in the text ([`PatternLines`]).
    /// `cursors` hold, per regex, how many of its starts come before the lines already
    /// searched (lines are searched in text order); `buf` is scratch space.
    ///
    /// A match of a regex in the line starts where the regex's gate alternative matches
    /// in the text (the gate has no look-around and matches wherever the regex does), at
    /// a position where a word boundary may hold when the regex is boundary-led (the
    /// line starts after a line break, where one holds at the start of the line too): so
    /// the starts of the regex that fall in the line hold every start of its matches
    /// there, and a regex without one has none. For a regex that never matches empty,
    /// [`Gated::find_iter_from`] at those starts, anchored, then finds the same
    /// matches as a search of the line; one that may match empty is searched over the
    /// line.
    fn pattern_mentions(
        &self,
        line: &str,
        off: usize,
        by_regex: &[Vec<usize>],
        cursors: &mut [usize],
        buf: &mut Vec<usize>,
    ) -> std::vec::IntoIter<(usize, usize, usize)> {
        let mut found = Vec::new();
        let end = off + line.len();
        let per_regex = self.regexes.iter().zip(&self.never_empty);
        for (((ki, re), &never_empty), (starts, cursor)) in
            per_regex.zip(by_regex.iter().zip(cursors.iter_mut()))
        {
            if !never_empty {
                found.extend(
                    re.find_iter_maybe_empty(line)
                        .map(|m| (*ki, m.start(), m.end())),
                );
                continue;
            }
            // Starts before `off` lie in lines before this one.
            while starts.get(*cursor).is_some_and(|&s| s < off) {
                *cursor += 1;
            }
            buf.clear();
            while let Some(&s) = starts.get(*cursor).filter(|&&s| s < end) {
                buf.push(s - off);
                *cursor += 1;
            }
            if buf.is_empty() {
                continue;
            }
            found.extend(
                re.find_iter_from(line, Some(buf))
                    .map(|m| (*ki, m.start(), m.end())),
            );
        }
        found.into_iter()
    }

    /// The keyword index an alias (any case) belongs to, if any.
    pub fn lookup(&self, word: &str) -> Option<usize> {
        let word = word.trim();
        let (pattern, end) = self.longest_at(word.as_bytes(), 0)?;
        if end != word.len() {
            return None;
        }
        self.terms.get(pattern).map(|t| t.keyword)
    }
}

/// The flat mentions of [`KeywordMatcher::mentions_by_line_with`] as one list per line.
#[cfg(test)]
pub(crate) fn group_by_line(flat: &[(usize, Mention)]) -> Vec<(usize, Vec<Mention>)> {
    let mut out: Vec<(usize, Vec<Mention>)> = Vec::new();
    for &(i, m) in flat {
        match out.last_mut() {
            Some((l, ms)) if *l == i => ms.push(m),
            _ => out.push((i, vec![m])),
        }
    }
    out
}

/// The indices of the `lines` (at byte `offsets` of their text) that hold one of the
/// sorted positions `starts`, counting a line's end as part of it (as
/// [`PatternLines::may_match`] does), in order.
fn lines_holding(starts: &[usize], lines: &[&str], offsets: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut li = 0;
    for &s in starts {
        while lines
            .get(li)
            .zip(offsets.get(li))
            .is_some_and(|(l, &o)| o + l.len() < s)
        {
            li += 1;
        }
        let Some(&o) = offsets.get(li) else {
            break;
        };
        if o <= s && out.last() != Some(&li) {
            out.push(li);
        }
    }
    out
}

/// Appends to `out` each `(keyword, start, end)` of `found`, in order, that overlaps no
/// mention of the same keyword already in `out` (`o.start < end && start < o.end`).
///
/// The mentions of one keyword in `out` never overlap each other (the automaton's are
/// non-overlapping, and a pattern's joins only if it overlaps none), so among those
/// starting before `end`, the last by (start, end) ends last: one ordered-set lookup
/// answers where comparing with every mention made a line of n mentions cost n² (a
/// résumé extracted as one 4 MB line took minutes).
fn add_disjoint(out: &mut Vec<Mention>, found: impl Iterator<Item = (usize, usize, usize)>) {
    // Lines of a few mentions, nearly all of them, compare faster than they build a set.
    add_disjoint_with(out, found, 32);
}

/// [`add_disjoint`], comparing with every mention while `out` holds fewer than
/// `linear_below`.
fn add_disjoint_with(
    out: &mut Vec<Mention>,
    found: impl Iterator<Item = (usize, usize, usize)>,
    linear_below: usize,
) {
    let mut taken: Option<std::collections::BTreeSet<(usize, usize, usize)>> = None;
    for (keyword, start, end) in found {
        if taken.is_none() && out.len() >= linear_below {
            taken = Some(out.iter().map(|o| (o.keyword, o.start, o.end)).collect());
        }
        let overlaps = match &taken {
            Some(t) => t
                .range((keyword, 0, 0)..(keyword, end, 0))
                .next_back()
                .is_some_and(|&(_, _, e)| start < e),
            None => out
                .iter()
                .any(|o| o.keyword == keyword && o.start < end && start < o.end),
        };
        if !overlaps {
            if let Some(t) = taken.as_mut() {
                t.insert((keyword, start, end));
            }
            out.push(Mention {
                keyword,
                start,
                end,
            });
        }
    }
}

/// Byte offset of `part` inside `text`, if it is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let o = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (o.checked_add(part.len())? <= text.len()).then_some(o)
}

/// The byte offset of every line in `text`, if `lines` are `text.lines()`:
/// slices of `text` in order that cover it, with only `\n` or `\r\n` between
/// them and after the last.
///
/// The gaps are compared as bytes: a gap of one or two bytes that are `\n` or `\r\n`
/// is that string (both ASCII, so its ends are char boundaries), and any other gap is
/// not, whatever its bytes are.
pub(crate) fn line_offsets(text: &str, lines: &[&str]) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    let is_break = |from: usize, to: usize| match to.checked_sub(from) {
        Some(1) => bytes.get(from) == Some(&b'\n'),
        Some(2) => bytes.get(from..to) == Some(b"\r\n"),
        _ => false,
    };
    let mut offsets = Vec::with_capacity(lines.len());
    let mut end = 0;
    for (i, l) in lines.iter().enumerate() {
        let o = offset_in(text, l)?;
        if !(o == end && i == 0 || is_break(end, o)) {
            return None;
        }
        offsets.push(o);
        end = o + l.len();
    }
    (end == text.len() || is_break(end, text.len())).then_some(offsets)
}

fn next_char_boundary(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a match starting with a word character may follow `before`
/// (and `before2` before it): not glued to a word, `@` or `#`, nor part of a
/// dotted name such as "vue.js" or an e-mail domain.
fn left_open_chars(before: Option<char>, before2: Option<char>) -> bool {
    !(before.is_some_and(|c| is_word(c) || c == '@' || c == '#')
        || (before == Some('.') && before2.is_some_and(is_word)))
}

/// Word-boundary and exact-term checks for a candidate match `line[start..end]`.
fn accept(line: &str, start: usize, end: usize, exact: Option<&str>) -> bool {
    let (Some(matched), Some(head), Some(tail)) =
        (line.get(start..end), line.get(..start), line.get(end..))
    else {
        return false;
    };
    let (Some(first), Some(last)) = (matched.chars().next(), matched.chars().next_back()) else {
        return false;
    };
    let mut back = head.chars().rev();
    let before = back.next();
    let before2 = back.next();
    let mut fwd = tail.chars();
    let after = fwd.next();
    let after2 = fwd.next();
    if is_word(first) && !left_open_chars(before, before2) {
        return false;
    }
    if is_word(last) {
        if after.is_some_and(|c| is_word(c) || c == '+' || c == '#' || c == '@') {
            return false;
        }
        if after == Some('.') && after2.is_some_and(is_word) {
            return false;
        }
    } else if after.is_some_and(char::is_alphabetic) {
        // "C++x" is not C++; "C++17" is.
        return false;
    }
    match exact {
        None => true,
        Some(e) => matched == e && exact_context_ok(head, tail, matched),
    }
}

/// Words after an exact term that show it is meant technically.
const TECH_NEXT: &[&str] = &[
    "developer",
    "developers",
    "development",
    "programming",
    "language",
    "lang",
    "engineer",
    "engineers",
    "engineering",
    "code",
    "codebase",
    "services",
    "service",
    "microservices",
    "backend",
    "back-end",
    "api",
    "apis",
    "framework",
    "frameworks",
    "mvc",
    "apps",
    "app",
    "application",
    "applications",
    "modules",
    "module",
    "stack",
    "runtime",
    "sdk",
    "server",
    "servers",
    "scripts",
    "scripting",
    "libraries",
    "library",
    "projects",
    "routines",
    "endpoints",
    "calls",
    "interfaces",
    "architecture",
    "clients",
    "client",
    "jobs",
    "sql",
    "streaming",
    "cluster",
    "clusters",
    "dba",
    "database",
    "databases",
    "charts",
    "tests",
    "web",
    "based",
    "programs",
    "programmer",
    "expertise",
    "experience",
    "tooling",
];

/// Words before an exact term that show it is meant technically ("written in Go").
const TECH_PREV: &[&str] = &[
    "in",
    "using",
    "with",
    "and",
    "or",
    "including",
    "like",
    "languages",
    "language",
    "frameworks",
    "framework",
    "e.g.",
    "via",
    "of",
];

/// Context rules for short/ambiguous exact terms (see module docs).
fn exact_context_ok(head: &str, tail: &str, matched: &str) -> bool {
    let before = head.chars().next_back();
    let mut fwd = tail.chars();
    let after = fwd.next();
    let after2 = fwd.next();
    // Glued to a hyphen, ampersand or apostrophe: Go-to-market, C-level, R&D, Go's.
    if matches!(after, Some('-' | '&' | '\'')) && after2.is_some_and(char::is_alphanumeric) {
        return false;
    }
    if matches!(before, Some('&' | '-')) && head.chars().nth_back(1).is_some_and(is_word) {
        return false;
    }
    // "(R)" and "(C)" are trademark/copyright signs.
    if matched.chars().count() == 1 && before == Some('(') && after == Some(')') {
        return false;
    }
    let rest = tail.trim_start();
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !(is_word(c) || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    with_lower(rest.get(..word_end).unwrap_or(rest), |next_word| {
        exact_context_rest(head, tail, next_word)
    })
}

/// [`exact_context_ok`] from the word after the term on, given that word lower-cased.
fn exact_context_rest(head: &str, tail: &str, next_word: &str) -> bool {
    // "Spring 2020", "Go 2019": a season or verb followed by a year.
    if next_word.len() == 4
        && (next_word.starts_with("19") || next_word.starts_with("20"))
        && next_word.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let prev_nonspace = head.trim_end().chars().next_back();
    let next_nonspace = tail.trim_start().chars().next();
    // A line (or cell) holding just the term is a list entry.
    if head.trim().is_empty() && tail.trim().is_empty() {
        return true;
    }
    // Inside a list: "Java, Go", "(Go)", "Go / Rust".
    if prev_nonspace.is_some_and(|c| ",/|(;•·+[{*".contains(c))
        || next_nonspace.is_some_and(|c| ",/|);]}•·".contains(c))
    {
        return true;
    }
    // Last item after a label ("Languages: Go") or on a short line; a colon
    // alone is not enough ("Project: Go Ayur System").
    if next_nonspace.is_none()
        && (prev_nonspace == Some(':') || head.split_whitespace().count() <= 2)
    {
        return true;
    }
    let list_after = next_nonspace.is_none_or(|c| ",/|);]}•·".contains(c));
    if TECH_NEXT.contains(&next_word) {
        return true;
    }
    let prev_word = head
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    with_lower(prev_word, |prev_word| TECH_PREV.contains(&prev_word))
        && (list_after || next_nonspace.is_some_and(|c| ".,;)".contains(c)) || is_and_or(next_word))
}

/// `f` of `word` lower-cased (`str::to_lowercase`): for ASCII, which is lower-cased
/// byte by byte, in a buffer on the stack when it fits; otherwise in a new string.
/// Most words next to an exact term are short and ASCII, and two allocations per term
/// were most of the context check's time.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 16];
    if word.is_ascii()
        && let Some(b) = buf.get_mut(..word.len())
    {
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(b) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

fn is_and_or(w: &str) -> bool {
    matches!(w, "and" | "or" | "und" | "et" | "y" | "e")
}

/// A sentence about hiring or recruiting other people.
static HIRING_VERB: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)\b(?:hir(?:e|ed|es|ing)|recruit(?:ed|ing|s|ment|er|ers)?|sourc(?:ed|ing)|head-?hunt\w*|staffing|screen(?:ed|ing)|interview(?:ed|ing|s)?|placed|placing|placements?|talent acquisition|job (?:postings?|descriptions?|openings?)|requisitions?|vacanc(?:y|ies)|openings?)\b",
    )
    .expect("static hiring regex is valid")
});

static HIRING_OBJECT: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)\b(?:developers?|engineers?|candidates?|programmers?|consultants?|profiles?|talents?|professionals?|resources|positions?|roles?|requirements?|hires|freelancers?|contractors?|applicants?|resumes?|cvs?)\b",
    )
    .expect("static hiring regex is valid")
});

/// The sentence (within one line) around byte offset `at`: it starts after the
/// last `;` `!` `?`, or `.` followed by a space, before `at`, and ends at the first
/// of those or `•` from `at` on (a `.` also at the end of the line; "Node.js" does
/// not end one). A `•` ends a sentence but does not start one, as in the char-wise
/// walk this replaces, which looked for a char one byte after each stop. Bytewise
/// and only over the sentence: stops are ASCII or start with a lead byte, so no
/// byte of another char is taken for one, and lines with mentions are often long.
fn sentence_at(line: &str, at: usize) -> &str {
    let b = line.as_bytes();
    let stop = |i: usize, c: u8| {
        matches!(c, b';' | b'!' | b'?') || c == b'.' && b.get(i + 1) == Some(&b' ')
    };
    let start = b
        .get(..at)
        .unwrap_or(b)
        .iter()
        .enumerate()
        .rev()
        .find(|&(i, &c)| stop(i, c))
        .map_or(0, |(i, _)| i + 1);
    let end = b
        .get(at..)
        .unwrap_or_default()
        .iter()
        .zip(at..)
        .find(|&(&c, i)| {
            stop(i, c)
                || c == b'.' && i + 1 == b.len()
                || c == 0xE2 && b.get(i..).is_some_and(|r| r.starts_with("•".as_bytes()))
        })
        .map_or(b.len(), |(_, i)| i);
    line.get(start..end).unwrap_or(line)
}

/// Whether the sentence containing byte offset `at` talks about hiring others.
#[cfg(test)]
pub(crate) fn in_hiring_sentence(line: &str, at: usize) -> bool {
    in_hiring_sentence_cached(line, at, &mut HiringCache::default())
}

/// Per-text memo for [`in_hiring_sentence_cached`] and [`mention_weight`]:
/// the last sentence checked (address and length of the slice) and its
/// answer, as several mentions on one line usually share a sentence; and the
/// last line's [`is_list_line`] answer and whether it holds a hiring-verb
/// candidate at all.
#[derive(Debug, Default)]
pub(crate) struct HiringCache<'t> {
    sentence: Option<(usize, usize, bool)>,
    list: Option<(usize, usize, bool)>,
    verb_line: Option<(usize, usize, bool)>,
    /// The text and every start of the hiring-verb gate in it, from the joint-gate
    /// scan; `None`: the gate runs per line.
    verbs: Option<(&'t str, &'t [usize])>,
}

impl<'t> HiringCache<'t> {
    /// An empty cache that takes hiring-verb candidates from `hiring`, every start of
    /// the hiring-verb gate in `text` (when a scan looked for them, [`JointLines::hiring`]),
    /// for lines that are slices of `text`.
    pub fn with_verbs(text: &'t str, hiring: Option<&'t [usize]>) -> HiringCache<'t> {
        HiringCache {
            verbs: hiring.map(|h| (text, h)),
            ..HiringCache::default()
        }
    }
}

/// [`in_hiring_sentence`], reusing the answer for the same sentence slice.
pub(crate) fn in_hiring_sentence_cached(line: &str, at: usize, cache: &mut HiringCache) -> bool {
    // A line without a hiring-verb candidate has no hiring sentence. The joint gate scan
    // knows the candidates; without it only lines with a mention are asked, so running
    // the gate per line costs less than one gate scan of the whole text.
    let scanned = cache
        .verbs
        .and_then(|(text, hiring)| hiring_may_match(hiring, text, line));
    let has_verb = match scanned {
        Some(v) => v,
        None => memo(&mut cache.verb_line, line, || {
            HIRING_VERB.gate_is_match(line)
        }),
    };
    if !has_verb {
        return false;
    }
    let s = sentence_at(line, at);
    let verbs = cache.verbs;
    memo(&mut cache.sentence, s, || {
        let hiring = |m: fastre::Match| !is_technical_sourcing(&s[..m.start()], m.as_str());
        let verb = match verbs.and_then(|(text, starts)| sentence_verb_starts(text, starts, s)) {
            // No search of the sentence: anchored tries at the scan's starts in it.
            Some(at) => HIRING_VERB.find_iter_from(s, Some(&at)).any(hiring),
            None => HIRING_VERB.find_iter(s).any(hiring),
        };
        verb && HIRING_OBJECT.is_match(s)
    })
}

/// The starts of the hiring-verb gate in `text` (`starts`, [`JointLines::hiring`]) that
/// lie in `sentence`, a slice of it, as offsets in the sentence; `None` if it is not a
/// slice of `text`.
///
/// They hold every start of a hiring-verb match in the sentence, so that
/// [`Gated::find_iter_from`] at them finds the matches of [`Gated::find_iter`] (the
/// regex never matches empty): a match in the sentence is one of the gate in the text
/// (which has no look-around), and the regex is boundary-led where the scan keeps only
/// the starts at which a word boundary may hold, which one at the sentence's start does
/// in the text too, as a sentence starts after a line break or a stop (`;` `!` `?` `.`).
fn sentence_verb_starts(text: &str, starts: &[usize], sentence: &str) -> Option<Vec<usize>> {
    let o = offset_in(text, sentence)?;
    let from = starts.partition_point(|&p| p < o);
    let rest = starts.get(from..).unwrap_or_default();
    Some(
        rest.iter()
            .take_while(|&&p| p < o + sentence.len())
            .map(|&p| p - o)
            .collect(),
    )
}

/// [`is_list_line`], reusing the answer for the same line slice.
fn is_list_line_cached(line: &str, cache: &mut HiringCache) -> bool {
    memo(&mut cache.list, line, || is_list_line(line))
}

/// `slot`'s answer if it was computed for the slice `s` (same address and length),
/// else `f()`, kept in `slot`.
fn memo(slot: &mut Option<(usize, usize, bool)>, s: &str, f: impl FnOnce() -> bool) -> bool {
    let key = (s.as_ptr() as usize, s.len());
    if let Some((p, l, v)) = *slot
        && (p, l) == key
    {
        return v;
    }
    let v = f();
    *slot = Some((key.0, key.1, v));
    v
}

/// "Event sourcing" and "open-sourced" are engineering, not talent sourcing; the regex crate
/// has no look-behind, so the word before a "sourc…" match is checked here.
fn is_technical_sourcing(before: &str, verb: &str) -> bool {
    if !verb.to_ascii_lowercase().starts_with("sourc") {
        return false;
    }
    let prev = before
        .trim_end_matches([' ', '-'])
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(prev.as_str(), "event" | "open" | "data" | "single")
}

/// Whether a line looks like a bare list ("Java, Spring, Kafka | Docker") rather
/// than a sentence describing work.
pub(crate) fn is_list_line(line: &str) -> bool {
    // Whitespace around the line changes neither count nor which `:` comes
    // first, so the line is not trimmed.
    // "Skills: ...", "Languages: ..." labels introduce lists.
    let body = match line.split_once(':') {
        Some((label, rest)) if words_and_seps(label).0 <= 3 => rest,
        _ => line,
    };
    let (words, seps) = words_and_seps(body);
    if words == 0 {
        return false;
    }
    if words <= 4 {
        // Short fragments ("Kubernetes", "Java - 24 months") are list entries.
        return true;
    }
    seps >= 2 && words <= (seps + 1) * 3
}

/// How many words `str::split_whitespace` finds in `s`, and how many list
/// separators (`,` `|` `;` `/` `•` `·`) it holds. Every line with a mention
/// outside an experience section is walked, and such lines are often long, so
/// ASCII is counted [`ASCII_BLOCK`] bytes at a time from bit masks of the block
/// ([`BlockMasks`]), and so are blocks whose non-ASCII chars are not whitespace
/// ([`other_chars`]); only blocks with a non-ASCII whitespace char are walked char
/// by char.
fn words_and_seps(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut words, mut seps, mut in_word) = (0, 0, false);
    let mut i = 0;
    while let Some(rest) = b.get(i..).filter(|r| !r.is_empty()) {
        // The last block is padded with spaces, which add no word and no separator.
        let n = rest.len().min(ASCII_BLOCK);
        let block = rest.first_chunk().copied().unwrap_or_else(|| {
            let mut padded = [b' '; ASCII_BLOCK];
            if let Some(to) = padded.get_mut(..n) {
                to.copy_from_slice(rest);
            }
            padded
        });
        let masks = BlockMasks::of(&block);
        let extra = if masks.high == 0 {
            Some((0, 0))
        } else {
            other_chars(s, i, masks.lead, n)
        };
        if let Some((extra, over)) = extra {
            let (w, p) = masks.words_and_seps(in_word);
            words += w;
            seps += p + extra;
            in_word = masks.space >> (ASCII_BLOCK - 1) == 0;
            i += n + over;
            continue;
        }
        // Char by char to the end of the block (or of the char that crosses it).
        let end = i + n;
        while i < end {
            let Some(&c) = b.get(i) else {
                break;
            };
            // For an ASCII byte, `char::is_whitespace` is `is_ascii_space`.
            let (space, sep, len) = if c.is_ascii() {
                (is_ascii_space(c), is_ascii_sep(c), 1)
            } else {
                let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return (words, seps);
                };
                (ch.is_whitespace(), matches!(ch, '•' | '·'), ch.len_utf8())
            };
            words += usize::from(!space && !in_word);
            seps += usize::from(sep);
            in_word = !space;
            i += len;
        }
    }
    (words, seps)
}

/// For a block of [`words_and_seps`] (the `n` bytes of `s` from `i`, a char boundary,
/// padded; `lead` its bytes from 0xC0 on, [`BlockMasks::lead`]) that holds a non-ASCII
/// char: if none of its non-ASCII chars (those whose first byte is in it) is
/// whitespace, how many of them are separators (`•` `·`), and how far the last one runs
/// past the block; `None` if one is whitespace.
///
/// Then [`BlockMasks::words_and_seps`] counts the block as the char-by-char walk does,
/// with the separators added: it takes each byte from 0x80 on for a non-space that is no
/// ASCII separator, so every byte of such a char is a non-space, as the char is; a word
/// starts at its first byte if a space comes before it, and at no other byte of it, as
/// the walk counts it once. A char that crosses the block's end is a non-space, so its
/// bytes past the end add no word start and no separator: the count goes on after it,
/// the block's last byte (one of it) ending a word.
fn other_chars(s: &str, i: usize, lead: u32, n: usize) -> Option<(usize, usize)> {
    let (mut seps, mut over) = (0, 0);
    // A block starts at a char boundary, so each of its non-ASCII chars has its first
    // byte (from 0xC0 on) in it; padding is spaces, so every lead byte is one of `s`.
    let mut bits = lead;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let ch = s.get(i + j..)?.chars().next()?;
        if ch.is_whitespace() {
            return None;
        }
        seps += usize::from(matches!(ch, '•' | '·'));
        over = (j + ch.len_utf8()).saturating_sub(n);
    }
    Some((seps, over))
}

/// Bytes of ASCII that [`words_and_seps`] counts at once.
const ASCII_BLOCK: usize = 32;

/// Bit `j` of each mask describes byte `j` of an [`ASCII_BLOCK`]-byte block.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BlockMasks {
    /// ASCII whitespace ([`is_ascii_space`]).
    space: u32,
    /// ASCII list separators ([`is_ascii_sep`]).
    sep: u32,
    /// Bytes from 0x80 on (not ASCII).
    high: u32,
    /// Bytes from 0xC0 on (the first bytes of multi-byte chars).
    lead: u32,
}

impl BlockMasks {
    /// The masks of `block`: with SSE2 (every x86-64 target), four compares and a
    /// `movemask` per half, where the byte loop of [`BlockMasks::bytewise`] costs a few
    /// instructions a byte.
    #[inline(always)]
    fn of(block: &[u8; ASCII_BLOCK]) -> BlockMasks {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: `sse2` needs only the SSE2 instructions, which this build may use
            // (the `cfg` above: every x86-64 target has them).
            unsafe { BlockMasks::sse2(block) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        BlockMasks::bytewise(block)
    }

    /// The reference: each byte tested alone.
    #[cfg_attr(
        all(target_arch = "x86_64", target_feature = "sse2", not(test)),
        allow(dead_code)
    )]
    fn bytewise(block: &[u8; ASCII_BLOCK]) -> BlockMasks {
        let mask = |f: fn(u8) -> bool| {
            block
                .iter()
                .enumerate()
                .fold(0u32, |m, (j, &c)| m | (u32::from(f(c)) << j))
        };
        BlockMasks {
            space: mask(is_ascii_space),
            sep: mask(is_ascii_sep),
            high: mask(|c| c >= 0x80),
            lead: mask(|c| c >= 0xC0),
        }
    }

    /// [`BlockMasks::bytewise`] sixteen bytes per step. Byte ranges are tested as
    /// `v - lo` (which wraps below `lo`) being at most the span, unsigned; the high bit
    /// is each byte's own sign bit, which `movemask` takes.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn sse2(block: &[u8; ASCII_BLOCK]) -> BlockMasks {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8, _mm_sub_epi8,
        };
        let eq = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let in_range = |v: __m128i, lo: u8, span: u8| {
            let t = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
            _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(span as i8)), t)
        };
        let bits = |v: __m128i| _mm_movemask_epi8(v) as u32 & 0xFFFF;
        let half = |v: __m128i| BlockMasks {
            space: bits(_mm_or_si128(eq(v, b' '), in_range(v, b'\t', 4))),
            sep: bits(_mm_or_si128(
                _mm_or_si128(eq(v, b','), eq(v, b'|')),
                _mm_or_si128(eq(v, b';'), eq(v, b'/')),
            )),
            high: bits(v),
            lead: bits(in_range(v, 0xC0, 0x3F)),
        };
        let (lo, hi) = block.split_at(16);
        let load = |s: &[u8]| -> Option<__m128i> {
            let s: &[u8; 16] = s.try_into().ok()?;
            // SAFETY: `s` is 16 readable bytes, and `loadu` takes any alignment.
            Some(unsafe { _mm_loadu_si128(s.as_ptr().cast::<__m128i>()) })
        };
        match (load(lo).map(half), load(hi).map(half)) {
            (Some(lo), Some(hi)) => BlockMasks {
                space: lo.space | hi.space << 16,
                sep: lo.sep | hi.sep << 16,
                high: lo.high | hi.high << 16,
                lead: lo.lead | hi.lead << 16,
            },
            // Cannot happen (two halves of 16 bytes).
            _ => BlockMasks::bytewise(block),
        }
    }

    /// [`words_and_seps`] of the block's bytes, each byte from 0x80 on taken for a
    /// non-space that is no separator, given whether the byte before the block ends a
    /// word: words are counted where they start, at a non-space after a space (or
    /// first, after none).
    #[inline(always)]
    fn words_and_seps(self, in_word: bool) -> (usize, usize) {
        let starts = !self.space & (self.space << 1 | u32::from(!in_word));
        (starts.count_ones() as usize, self.sep.count_ones() as usize)
    }
}

/// Whether `c` is one of the ASCII list separators of [`is_list_line`].
fn is_ascii_sep(c: u8) -> bool {
    matches!(c, b',' | b'|' | b';' | b'/')
}

/// Evidence weight of one mention, with a short label for the explanation:
/// * `hiring-others` 0.1: the sentence is about hiring/recruiting people;
/// * `experience` 1.0: in an experience section, or a sentence describing work;
/// * `list` 0.6: in a skills section or a bare list outside experience.
pub(crate) fn mention_weight(
    line: &str,
    at: usize,
    section: Section,
    cache: &mut HiringCache,
) -> (f64, &'static str) {
    if in_hiring_sentence_cached(line, at, cache) {
        return (0.1, "hiring-others");
    }
    if section == Section::Experience {
        return (1.0, "experience");
    }
    if section == Section::Skills || is_list_line_cached(line, cache) {
        return (0.6, "list");
    }
    (1.0, "prose")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::Role;

    fn names(line: &str) -> Vec<String> {
        static ROLE: LazyLock<Role> =
            LazyLock::new(|| Role::builtin("backend-lead").expect("builtin role loads"));
        let m = KeywordMatcher::new(&ROLE.keywords).expect("matcher builds");
        m.find_in_line(line)
            .into_iter()
            .map(|x| ROLE.keywords[x.keyword].name.clone())
            .collect()
    }

    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
        #[serde(default)]
        has: Vec<String>,
        #[serde(default)]
        lacks: Vec<String>,
    }

    #[derive(serde::Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }

    #[test]
    fn table_driven_matching() {
        let cases: Cases = toml::from_str(include_str!("../tests/data/matching.toml"))
            .expect("matching.toml parses");
        let mut failures = Vec::new();
        for c in cases.case {
            let got = names(&c.text);
            for h in &c.has {
                if !got.contains(h) {
                    failures.push(format!("{:?}: expected {h}, got {got:?}", c.text));
                }
            }
            for l in &c.lacks {
                if got.contains(l) {
                    failures.push(format!("{:?}: did not expect {l}, got {got:?}", c.text));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Pieces of résumé text around the keyword and title regexes: their phrasings,
    /// near misses, line breaks, non-ASCII bytes next to words, and long lines.
    const PATTERN_PIECES: &[&str] = &[
        "led a team of 5 engineers",
        "Led the team of twelve developers ",
        "managed 4 developers",
        "managing a team of 3 ",
        "mentored five devs",
        "hired 12 engineers",
        "recruiting senior developers for the team",
        "interviewed candidates",
        "Java developer",
        "java developers",
        ".NET engineer",
        "Go developer",
        "Python programmer",
        "sql",
        "database",
        "DB Developer",
        "Senior Software Engineer",
        "team",
        "engineers",
        " of ",
        " ",
        "  ",
        ", ",
        "; ",
        ". ",
        "\n",
        "\n",
        "\r\n",
        "é",
        "•",
        "—",
        "x",
        "5",
        "Kubernetes",
        "Spring Boot",
        "scaled",
        "grew",
        "squad",
        "Hiring",
    ];

    #[test]
    fn split_joint_gate_lines_equal_line_by_line() {
        let role = Role::builtin("backend-lead").expect("builtin role loads");
        let keywords = KeywordMatcher::new(&role.keywords).expect("matcher builds");
        let titles = crate::professions::Titles::builtin().expect("titles build");
        let titles = titles.matcher();
        let gate = KeywordMatcher::joint_gate([&keywords, titles], &[], true).expect("joint gate");
        assert!(gate.split && gate.sizes == [keywords.regexes.len(), titles.regexes.len()]);
        assert!(
            keywords
                .never_empty
                .iter()
                .chain(&titles.never_empty)
                .all(|&n| n)
        );
        let starts = Starts::new([keywords.patterns(), titles.patterns()]).expect("starts");
        let filter = gate.filter().expect("the joint gate walks");
        let mut next = crate::testgen::xorshift(0xD1B5_4A32_D192_ED03);
        let mut with_patterns = 0;
        for _ in 0..3_000 {
            let len = 1 + (next() % 40) as usize;
            let text = crate::testgen::pieces(&mut next, PATTERN_PIECES, len);
            let lines: Vec<&str> = text.lines().collect();
            let (candidates, passing) = starts.scan_with_gate(text.as_bytes(), filter);
            let joint = gate.scan_passing(&text, &passing);
            for (k, (m, lines_of)) in [&keywords, titles].iter().zip(&joint.matchers).enumerate() {
                assert_eq!(
                    lines_of.by_regex.as_ref().map(Vec::len),
                    Some(m.regexes.len()),
                    "{text:?}"
                );
                // Every line searched with every regex: what the gate only narrows down.
                let want: Vec<(usize, Vec<Mention>)> = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i, m.find_in_line(l)))
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                with_patterns += usize::from(
                    want.iter()
                        .any(|(i, v)| v.len() != m.find_in_line_with(lines[*i], false).len()),
                );
                let got = m.mentions_by_line_with(&text, &lines, lines_of, Some(&candidates[k]));
                assert_eq!(group_by_line(&got), want, "{text:?}");
            }
        }
        assert!(with_patterns > 1_000, "{with_patterns}");
    }

    /// [`line_offsets`] with the gaps compared as strings.
    fn line_offsets_reference(text: &str, lines: &[&str]) -> Option<Vec<usize>> {
        let mut offsets = Vec::with_capacity(lines.len());
        let mut end = 0;
        for (i, l) in lines.iter().enumerate() {
            let o = offset_in(text, l)?;
            let gap = text.get(end..o)?;
            if !(gap.is_empty() && i == 0 || gap == "\n" || gap == "\r\n") {
                return None;
            }
            offsets.push(o);
            end = o + l.len();
        }
        matches!(text.get(end..)?, "" | "\n" | "\r\n").then_some(offsets)
    }

    #[test]
    fn line_offsets_equal_the_string_comparisons() {
        const PIECES: &[&str] = &["a", "é", " ", "\n", "\r", "\r\n", "\n\r", "\u{2028}", "•"];
        let mut next = crate::testgen::xorshift(0x1405_7B7E_F767_814F);
        let mut kept = 0;
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text = crate::testgen::pieces(&mut next, PIECES, len);
            let mut lines: Vec<&str> = text.lines().collect();
            // `text.lines()` as it is, or with one line dropped, cut short or moved.
            if let Some(i) = (!lines.is_empty()).then(|| (next() % lines.len() as u64) as usize) {
                match next() % 4 {
                    0 => {}
                    1 => {
                        lines.remove(i);
                    }
                    2 => {
                        let l = lines[i];
                        lines[i] = &l[..l.char_indices().last().map_or(0, |(c, _)| c)];
                    }
                    _ => {
                        let l = lines[i];
                        let o = offset_in(&text, l).expect("a line of the text");
                        let Some(from) = (o + 1..=text.len()).find(|&c| text.is_char_boundary(c))
                        else {
                            continue;
                        };
                        let to = (from + l.len()).min(text.len());
                        if !text.is_char_boundary(to) {
                            continue;
                        }
                        lines[i] = &text[from..to];
                    }
                }
            }
            let want = line_offsets_reference(&text, &lines);
            kept += usize::from(want.is_some());
            assert_eq!(line_offsets(&text, &lines), want, "{text:?} {lines:?}");
        }
        assert!(kept > 5_000, "{kept}");
    }

    #[test]
    fn whole_text_search_equals_line_by_line() {
        let role = Role::builtin("backend-lead").expect("builtin role loads");
        let m = KeywordMatcher::new(&role.keywords).expect("matcher builds");
        assert!(m.whole_text);
        assert!(m.starts.is_some());
        // An alias is looked up whole, not as the one it ends with.
        assert_eq!(m.lookup("Amazon Web Service"), None);
        assert!(m.lookup("amazon web services").is_some());
        let texts = [
            "",
            "\n\n",
            "Java, Go\r\nKubernetes\rDocker\n\nled a team of 5 engineers\r\n",
            "C++\nC#\n.NET and Node.js\nGo-to-market\nJavaScriptJava Java",
            "Spring 2020\nSpring Boot, REST APIs\nhired Java developers\n  Go  \nk8s",
            "AWS\u{212A}8s é Java•Go·Rust\nPython",
            // Exact terms in the wrong case, inside words and next to longer aliases.
            "c, C, c++, C++, go, GO, Go, rest, REST APIs, Rest, access, Cargo, CI/CD, C#\nNODE node.js Node",
            "Spring spring boot SPRING, express EXPRESS.js Express, Oracle oracle DB, jest JEST",
            // Walks that pass a pattern ending inside them ("web service", "ORM") without
            // reaching a longer one: the mention starts where that pattern does.
            "Amazon Web Service x\nled cross-functional team\nbusiness stakeholder, Java\nplatform engine",
        ];
        for t in texts {
            let lines: Vec<&str> = t.lines().collect();
            let pl = m.pattern_lines(t);
            let want: Vec<(usize, Vec<Mention>)> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i, m.find_in_line_with(l, pl.may_match(t, l))))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            assert_eq!(m.mentions_by_line(t, &lines), want, "{t:?}");
        }
        // Lines that are not `text.lines()` take the line-by-line path.
        let t = "Java\nGo";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(line_offsets(t, &lines[..1]), None);
        assert_eq!(line_offsets(t, &["Java", "Go"]), None);
        assert_eq!(line_offsets(t, &lines), Some(vec![0, 5]));
    }

    #[test]
    fn candidate_search_equals_the_line_search_on_random_texts() {
        // Pieces chosen to collide: exact terms in every case, their prefixes and
        // extensions, aliases that contain them, separators and non-ASCII neighbours.
        const PIECES: &[&str] = &[
            "C",
            "c",
            "C++",
            "c#",
            "Go",
            "GO",
            "go",
            "golang",
            "Golang",
            "REST",
            "rest",
            "Rest",
            "RESTful",
            "Node",
            "node",
            "node.js",
            "NODE.JS",
            "Spring",
            "spring boot",
            "SPRING",
            "Express",
            "express.js",
            "Oracle",
            "oracle db",
            "Jest",
            "JS",
            "js",
            "Java",
            "java",
            "JavaScript",
            "k8s",
            "K8S",
            "access",
            "Cargo",
            "CI/CD",
            ".NET",
            ".net core",
            " ",
            " ",
            ", ",
            "/",
            "-",
            "_",
            "(",
            ")",
            ".",
            "é",
            "•",
            "\u{212A}",
            "ſ",
            "\n",
            "\r\n",
            "2020",
            // Gluing bytes and runs that cross the start filter's 64-byte blocks.
            "@",
            "#",
            "_java",
            "Java8",
            "x.NET",
            "JavaScriptJavaScriptJavaScriptJavaScriptJavaScriptJavaScriptJavaScript",
            "                                                                ",
            // Walks past a shorter pattern that ends inside them ("web service", "ORM").
            "Amazon Web Service",
            "amazon web services",
            "platform engine",
            "ORM",
        ];
        let role = Role::builtin("backend-lead").expect("builtin role loads");
        let m = KeywordMatcher::new(&role.keywords).expect("matcher builds");
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..4_000 {
            let len = 1 + (next() % 40) as usize;
            let t: String = crate::testgen::pieces(&mut next, PIECES, len);
            let lines: Vec<&str> = t.lines().collect();
            let pl = m.pattern_lines(&t);
            let want: Vec<(usize, Vec<Mention>)> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i, m.find_in_line_with(l, pl.may_match(&t, l))))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            assert_eq!(m.mentions_by_line(&t, &lines), want, "{t:?}");
        }
    }

    #[test]
    fn aligned_lookups_give_the_automaton_walks_mentions() {
        // Aliases of the role's keywords and of the titles, whole or cut short, in mixed
        // ASCII case, run on by letters or digits or followed by gluing bytes (`_ @ # -
        // +`), spaces, punctuation or non-ASCII letters (`ſ` and the Kelvin sign fold to
        // `s` and `k` in Unicode, not in ASCII).
        let role = Role::builtin("backend-lead").expect("builtin role loads");
        let keywords = KeywordMatcher::new(&role.keywords).expect("matcher builds");
        let titles = crate::professions::Titles::builtin().expect("titles build");
        const GLUE: &[&str] = &[
            " ", " ", ", ", "_", "@", "#", "-", "+", ".", "/", "(", "é", "í", "ü", "ſ", "\u{212A}",
            "•", "2020", "x", "s", "ing",
        ];
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        for m in [&keywords, titles.matcher()] {
            let aligned = m.aligned.as_ref().expect("the lists fit the table");
            let (mut accepted, mut left_out) = (0, 0);
            for n in 0..20_000 {
                let mut t = String::new();
                for _ in 0..1 + next() % 8 {
                    if next().is_multiple_of(2) {
                        t.push_str(GLUE[(next() % GLUE.len() as u64) as usize]);
                        continue;
                    }
                    let alias = &m.patterns[(next() % m.patterns.len() as u64) as usize];
                    // Whole most of the time, else cut at a char boundary.
                    let cut = match next() % 4 {
                        0 => (next() as usize % alias.len()..=alias.len())
                            .find(|&i| alias.is_char_boundary(i))
                            .unwrap_or(alias.len()),
                        _ => alias.len(),
                    };
                    for c in alias[..cut].chars() {
                        let flip = c.is_ascii_alphabetic() && next().is_multiple_of(3);
                        t.push(if flip { (c as u8 ^ 0x20) as char } else { c });
                    }
                }
                let b = t.as_bytes();
                for at in (0..b.len()).filter(|&i| b[i].is_ascii_alphanumeric()) {
                    let walk = m.longest_at(b, at);
                    // The walk finds the longest pattern beginning at `at` (checked by
                    // trying every pattern on every fourth text).
                    if n % 4 == 0 {
                        let longest = (m.patterns.iter().enumerate())
                            .filter(|(_, p)| {
                                (b.get(at..at + p.len()))
                                    .is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()))
                            })
                            .max_by_key(|(_, p)| p.len())
                            .map(|(i, p)| (i, at + p.len()));
                        assert_eq!(walk, longest, "{t:?} at {at}");
                    }
                    let fast = aligned.longest_at(b, at);
                    assert_eq!(m.candidate_at(b, at), fast);
                    let takes = |found: Option<(usize, usize)>| {
                        found.filter(|&(p, end)| accept(&t, at, end, m.terms[p].exact.as_deref()))
                    };
                    // The same mention, and the walk's longest pattern when the table has
                    // one.
                    assert_eq!(takes(fast), takes(walk), "{t:?} at {at}");
                    assert!(fast.is_none() || fast == walk, "{t:?} at {at}");
                    accepted += usize::from(takes(walk).is_some());
                    left_out += usize::from(fast.is_none() && walk.is_some());
                }
            }
            assert!(
                accepted > 4_000 && left_out > 3_000,
                "{accepted} {left_out}"
            );
        }
    }

    #[test]
    fn disjoint_additions_equal_comparing_with_every_mention() {
        let mut random = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        let mut next = move |n: u64| (random() % n) as usize;
        for _ in 0..3_000 {
            // Automaton mentions: non-overlapping, in order, of three keywords.
            let mut out = Vec::new();
            let mut at = 0;
            for _ in 0..next(8) {
                at += next(4);
                let end = at + 1 + next(5);
                out.push(Mention {
                    keyword: next(3),
                    start: at,
                    end,
                });
                at = end;
            }
            // Pattern matches of two regexes per keyword: any order of keywords,
            // overlapping each other, empty ones too.
            let found: Vec<(usize, usize, usize)> = (0..next(12))
                .map(|_| {
                    let s = next(40);
                    (next(3), s, s + next(6))
                })
                .collect();
            let mut want = out.clone();
            for &(keyword, start, end) in &found {
                let overlaps = want
                    .iter()
                    .any(|o| o.keyword == keyword && o.start < end && start < o.end);
                if !overlaps {
                    want.push(Mention {
                        keyword,
                        start,
                        end,
                    });
                }
            }
            for linear_below in [0, 4, 32] {
                let mut got = out.clone();
                add_disjoint_with(&mut got, found.iter().copied(), linear_below);
                assert_eq!(got, want, "{found:?}");
            }
        }
    }

    #[test]
    fn hiring_sentences() {
        assert!(in_hiring_sentence(
            "Hired 30 Java developers for clients.",
            10
        ));
        assert!(in_hiring_sentence(
            "Recruiting Python engineers and DevOps profiles",
            12
        ));
        assert!(!in_hiring_sentence(
            "Built Java services. Hired 3 engineers.",
            7
        ));
        assert!(!in_hiring_sentence(
            "Built REST APIs in Java for payments",
            20
        ));
        // Found by the alias property test: "event sourcing" is architecture, not recruiting.
        assert!(!in_hiring_sentence(
            "With a team of eight engineers I built payment services with event sourcing",
            60
        ));
        assert!(!in_hiring_sentence(
            "Open-sourced our Kafka client, used by engineers at 40 companies",
            20
        ));
        assert!(in_hiring_sentence(
            "Sourcing and screening Java developers for banks",
            30
        ));
    }

    #[test]
    fn joint_gate_starts_are_each_gates_at_word_boundaries_on_random_texts() {
        // Hiring verbs (also inside other words, split, in other cases, with `ſ` for `s`),
        // the leadership patterns that start where they do, skill and title patterns that
        // start together ("Java developer" is both), with `ſ` and the Kelvin sign for `s`
        // and `k`, claims and line ends.
        const PIECES: &[&str] = &[
            "hire",
            "Hired",
            "HIRING",
            "hires",
            "shire",
            "hir",
            "recruit",
            "Recruiter",
            "recruitment",
            "recrui",
            "sourcing",
            "ſourced",
            "reſourcing",
            "event sourcing",
            "head-hunter",
            "headhunting",
            "staffing",
            "screened",
            "interviews",
            "Interviewing",
            "replaced",
            "placements",
            "talent acquisition",
            "talent  acquisition",
            "job postings",
            "Job Descriptions",
            "job\nopenings",
            "requisition",
            "vacancies",
            "reopening",
            "İ",
            "\u{212A}",
            " engineers",
            " developers",
            " developer",
            " team",
            "led a team of 5",
            "managed 4",
            "Java",
            "java developer",
            "Go",
            "Rust",
            "ſql",
            "\u{212A}otlin",
            "Python",
            "IT recruiter",
            "10+ years of experience",
            "over 12 years in ",
            "7 yrs",
            " ",
            ", ",
            ".",
            "é",
            "•",
            "\n",
            "\r\n",
        ];
        let role = Role::builtin("backend-lead").expect("builtin role loads");
        let keywords = KeywordMatcher::new(&role.keywords).expect("matcher builds");
        let titles = crate::professions::Titles::builtin().expect("titles build");
        let claims = crate::dates::claim_gate_alternatives().expect("claims have gates");
        let joint = KeywordMatcher::joint_gate(
            [&keywords, titles.matcher()],
            &claims,
            crate::dates::claim_gates_boundary_led(),
        )
        .expect("joint");
        assert!(joint.union.is_led());
        assert!(joint.union.walks());
        assert!(joint.hiring);
        let claims_alone = GateUnion::of_alternatives(&claims).expect("builds");
        let hiring_gate = HIRING_VERB.gate_pattern().expect("hiring regex has a gate");
        let hiring_alone = GateUnion::of_alternatives(&[hiring_gate.to_owned()]).expect("builds");
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        // Each group's gate starts where a word boundary may hold, as the scan lists them.
        let at_boundaries = |t: &str, starts: Option<Vec<usize>>| {
            starts.map(|mut s| {
                s.retain(|&p| fastre::maybe_boundary(t.as_bytes(), p));
                s
            })
        };
        // Per later group, its starts that an earlier one also matched at; lines with a
        // verb; gate starts left out (not at a word boundary).
        let (mut shared, mut verb_lines, mut left_out) = ([0; 3], 0, 0);
        for _ in 0..3_000 {
            let len = 1 + (next() % 30) as usize;
            let t: String = crate::testgen::pieces(&mut next, PIECES, len);
            let found = joint.scan(&t);
            let [k, ti] = &found.matchers;
            let hiring = found.hiring.as_deref().expect("hiring starts listed");
            let hiring_gate = hiring_alone.starts(&t);
            left_out += hiring_gate.as_ref().map_or(0, Vec::len) - hiring.len();
            assert_eq!(
                Some(hiring),
                at_boundaries(&t, hiring_gate).as_deref(),
                "{t:?}"
            );
            assert_eq!(
                k.starts,
                at_boundaries(&t, keywords.pattern_lines(&t).starts),
                "{t:?}"
            );
            assert_eq!(
                ti.starts,
                at_boundaries(&t, titles.matcher().pattern_lines(&t).starts),
                "{t:?}"
            );
            assert_eq!(
                found.extra,
                at_boundaries(&t, claims_alone.starts(&t)),
                "{t:?}"
            );
            let groups = [
                hiring,
                k.starts().unwrap_or_default(),
                ti.starts().unwrap_or_default(),
                found.extra.as_deref().unwrap_or_default(),
            ];
            for (n, later) in shared.iter_mut().zip(1..) {
                *n += groups[later]
                    .iter()
                    .filter(|s| groups[..later].iter().any(|g| g.contains(s)))
                    .count();
            }
            // What the consumers find with the joint scan is what they find alone.
            let lines: Vec<&str> = t.lines().collect();
            assert_eq!(
                group_by_line(&keywords.mentions_by_line_with(&t, &lines, k, None)),
                keywords.mentions_by_line(&t, &lines),
                "{t:?}"
            );
            assert_eq!(
                group_by_line(&titles.matcher().mentions_by_line_with(&t, &lines, ti, None)),
                titles.matcher().mentions_by_line(&t, &lines),
                "{t:?}"
            );
            assert_eq!(
                crate::dates::claimed_years_from(&t, found.extra.as_deref()),
                crate::dates::claimed_years_reference(&t),
                "{t:?}"
            );
            for line in t.lines() {
                let gate = HIRING_VERB.gate_is_match(line);
                let listed = hiring_may_match(hiring, &t, line);
                // A line where the exact regex matches is listed; a listed one has a gate
                // match.
                if HIRING_VERB.is_match(line) {
                    assert_eq!(listed, Some(true), "{line:?}");
                }
                if listed == Some(true) {
                    assert!(gate, "{line:?}");
                }
                verb_lines += usize::from(gate);
                let mut fast = HiringCache::with_verbs(&t, Some(hiring));
                let mut slow = HiringCache::default();
                for at in (0..=line.len()).filter(|&i| line.is_char_boundary(i)) {
                    assert_eq!(
                        in_hiring_sentence_cached(line, at, &mut fast),
                        in_hiring_sentence_cached(line, at, &mut slow),
                        "{line:?} at {at}"
                    );
                }
            }
        }
        // Starts claimed by several groups at once were exercised for the keyword and title
        // groups (no claim starts where these lists' other patterns do; the claims' share
        // of a start is exercised in `fastre`'s tests), and so were gate starts inside
        // words.
        assert!(
            shared[0] > 100 && shared[1] > 100 && verb_lines > 1_000 && left_out > 100,
            "{shared:?} {verb_lines} {left_out}"
        );
    }

    /// [`sentence_at`] as it was before the bytewise search: the reference it
    /// must agree with.
    fn sentence_at_reference(line: &str, at: usize) -> &str {
        let is_stop = |c: char| matches!(c, '.' | ';' | '!' | '?' | '•');
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if i >= at {
                break;
            }
            if is_stop(c)
                && line
                    .get(i + 1..)
                    .is_some_and(|r| r.starts_with(' ') || c != '.')
            {
                start = i + c.len_utf8();
            }
        }
        let mut end = line.len();
        for (i, c) in line.char_indices().filter(|(i, _)| *i >= at) {
            if is_stop(c)
                && line
                    .get(i + 1..)
                    .is_none_or(|r| r.is_empty() || r.starts_with(' ') || c != '.')
            {
                end = i;
                break;
            }
        }
        line.get(start..end).unwrap_or(line)
    }

    #[test]
    fn sentences_match_the_reference() {
        const PIECES: &[&str] = &[
            "hired",
            "Node",
            "a",
            "é",
            "2019",
            ".",
            ". ",
            ".js",
            ";",
            "!",
            "?",
            "•",
            "• ",
            "·",
            " ",
            "\t",
            "\u{a0}",
            "\u{2022}x",
            "\u{2023}",
            "\u{e2}",
            "—",
            ",",
            "..",
            " .",
            "漢字",
            "\u{1f600}",
        ];
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut cut = 0;
        for _ in 0..20_000 {
            let len = (next() % 16) as usize;
            let line: String = crate::testgen::pieces(&mut next, PIECES, len);
            // Every offset, char boundary or not, and past the end.
            for at in 0..=line.len() + 1 {
                let want = sentence_at_reference(&line, at);
                cut += usize::from(want.len() < line.len());
                let got = sentence_at(&line, at);
                assert_eq!(
                    (got.as_ptr(), got.len()),
                    (want.as_ptr(), want.len()),
                    "{line:?} at {at}"
                );
            }
        }
        assert!(cut > 50_000, "{cut}");
    }

    /// [`is_list_line`] as it was before the bytewise walk: the reference it
    /// must agree with.
    fn is_list_line_reference(line: &str) -> bool {
        let t = line.trim();
        let body = match t.split_once(':') {
            Some((label, rest)) if label.split_whitespace().count() <= 3 => rest,
            _ => t,
        };
        let seps = body.matches([',', '|', ';', '/', '•', '·']).count();
        let words = body.split_whitespace().count();
        if words == 0 {
            return false;
        }
        if words <= 4 {
            return true;
        }
        seps >= 2 && words <= (seps + 1) * 3
    }

    #[test]
    fn list_lines_match_the_reference() {
        const PIECES: &[&str] = &[
            "Java",
            "Go",
            "a",
            "é",
            "Ünïcode",
            "2019",
            ",",
            ", ",
            "|",
            ";",
            "/",
            "•",
            "·",
            ":",
            ": ",
            " ",
            "  ",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "\n",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{1680}",
            "\u{200b}",
            "\u{feff}",
            "-",
            ".",
            "x•y",
            "Skills:",
            "漢字",
            "\u{1f600}",
            "\u{2028}",
        ];
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        let mut lists = 0;
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let line: String = crate::testgen::pieces(&mut next, PIECES, len);
            let want = is_list_line_reference(&line);
            lists += usize::from(want);
            assert_eq!(is_list_line(&line), want, "{line:?}");
        }
        // Both answers, and the separator rule on long lines, were exercised.
        assert!(lists > 20_000 && lists < 180_000, "{lists}");
        for b in 0u8..128 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_a_list_as_the_reference_says(line in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(is_list_line(&line), is_list_line_reference(&line));
        }
    }

    #[test]
    fn words_and_seps_equal_the_char_counts() {
        // Pieces of every length around a block, and multi-byte chars of every width and
        // class, so that they cross block ends anywhere.
        const PIECES: &[&str] = &[
            "a",
            "abcdefg",
            "abcdefghijklmnopqrstuvwxyzabcde",
            " ",
            "   ",
            ",",
            "|",
            ";",
            "/",
            "é",
            "•",
            "·",
            "漢",
            "\u{1f600}",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{1680}",
            "\u{2028}",
            "\u{200b}",
            "\t",
            "\u{b}",
        ];
        let mut next = crate::testgen::xorshift(0x6C8E_9CF5_7093_2BD5);
        let mut non_ascii = 0;
        for _ in 0..20_000 {
            let len = (next() % 60) as usize;
            let s = crate::testgen::pieces(&mut next, PIECES, len);
            let want = (
                s.split_whitespace().count(),
                s.chars()
                    .filter(|c| matches!(c, ',' | '|' | ';' | '/' | '•' | '·'))
                    .count(),
            );
            non_ascii += usize::from(!s.is_ascii());
            assert_eq!(words_and_seps(&s), want, "{s:?}");
        }
        assert!(non_ascii > 15_000, "{non_ascii}");
    }

    #[test]
    fn block_masks_equal_the_byte_tests() {
        let mut next = crate::testgen::xorshift(0x94D0_49BB_1331_11EB);
        // Every byte value in every position, among random neighbours (half of them
        // ASCII, so that runs of spaces and separators occur).
        for b in 0..=255u8 {
            for k in 0..ASCII_BLOCK {
                let mut block = [0u8; ASCII_BLOCK];
                for c in &mut block {
                    let r = next();
                    *c = if r.is_multiple_of(2) {
                        (r >> 8) as u8
                    } else {
                        b" ,|;/\t\ra\x0b\x0c\n\xe2"[(r >> 8) as usize % 12]
                    };
                }
                block[k] = b;
                assert_eq!(
                    BlockMasks::of(&block),
                    BlockMasks::bytewise(&block),
                    "{block:?}"
                );
            }
        }
    }

    /// What [`exact_context_ok`] and [`exact_context_rest`] read off the words next to a
    /// term, lower-cased by [`with_lower`], is what allocating them did: the next word
    /// (word chars and `-` after the spaces) and the previous one, `to_lowercase`d.
    #[test]
    fn the_words_around_an_exact_term_are_lower_cased_as_by_to_lowercase() {
        const PIECES: &[&str] = &[
            "in",
            "IN",
            "using",
            "with",
            "e.g.",
            "languages",
            "developer",
            "Developers",
            "API",
            "back-end",
            "microservices",
            "SD\u{212A}",
            "\u{212A}",
            "İn",
            "and",
            "or",
            "y",
            "2020",
            "1999",
            "20201",
            "abcdefghijklmnopqrstu",
            "-",
            "&",
            "'",
            "(",
            ")",
            ",",
            ":",
            ".",
            ";",
            "•",
            "é",
            "_",
            " ",
            " ",
            "  ",
            "\u{a0}",
        ];
        let mut next = crate::testgen::xorshift(0xBF58_476D_1CE4_E5B9);
        let mut ok = 0;
        for _ in 0..50_000 {
            let n = (next() % 6) as usize;
            let head = crate::testgen::pieces(&mut next, PIECES, n);
            let n = (next() % 6) as usize;
            let tail = crate::testgen::pieces(&mut next, PIECES, n);
            let rest = tail.trim_start();
            let word_end = rest
                .char_indices()
                .find(|&(_, c)| !(is_word(c) || c == '-'))
                .map_or(rest.len(), |(i, _)| i);
            let next_word: String = rest
                .chars()
                .take_while(|c| is_word(*c) || *c == '-')
                .collect::<String>()
                .to_lowercase();
            let got = with_lower(rest.get(..word_end).unwrap_or(rest), str::to_owned);
            assert_eq!(got, next_word, "{tail:?}");
            let prev = head.trim_end().rsplit(char::is_whitespace).next();
            let prev = prev.unwrap_or("");
            assert_eq!(
                with_lower(prev, str::to_owned),
                prev.to_lowercase(),
                "{head:?}"
            );
            ok += usize::from(!next_word.is_ascii() || next_word.len() > 16);
        }
        // Words that take the allocating path (not ASCII, or longer than the buffer).
        assert!(ok > 1_000, "{ok}");
    }

    #[test]
    fn list_lines() {
        assert!(is_list_line("Java, Spring Boot, Kafka, Docker, Kubernetes"));
        assert!(is_list_line("Languages: Java, Go, Python"));
        assert!(!is_list_line(
            "Designed and built a payment service in Java processing 2M requests a day"
        ));
    }
}
