//! The starts of a boundary-led [`GateUnion`](super::GateUnion), found by walking an
//! anchored lazy DFA from the positions where a word boundary may hold, instead of by
//! unanchored searches over the whole text.
//!
//! An unanchored search for the union runs its lazy DFA over every byte, and the DFA of
//! many alternatives with bounded repeats (`.{0,40}`, `(?:\s+\w+){0,5}`) unanchored has
//! thousands of states, whose transitions miss the CPU caches; each match also costs a
//! reverse search and a restart. That scan took a fifth of all the matcher's time.
//!
//! Every start the union's consumers need sits where [`maybe_boundary`] holds (the
//! regexes are boundary-led). Of those positions only word starts, a few symbol bytes
//! and positions next to non-ASCII bytes can begin a match on the matcher's patterns
//! ([`GateFilter::symbols`]): about one byte in six of a résumé. A table of the
//! three-byte strings after which a walk is still alive ([`GateFilter`], built by
//! walking the DFA at start-up) leaves about one in seven of those, and a table of the
//! four-byte strings about half of those again (of the walks that it passed, 41 % died
//! at the fourth byte, "for " that is no "forty"); only there does the DFA walk, and
//! most walks end within a few bytes, in the states near the anchored start. (The rows of those states are large, one entry per byte class, 185 with the
//! Unicode classes of the patterns, so the walk's loads still wait on L2: the table in
//! front of it is what pays.) [`crate::starts::Starts::scan_with_gate`] applies the
//! table in its pass over the words of a text, where the bytes of each word are loaded
//! anyway.
//!
//! The walk uses the match semantics of all matches ([`MatchKind::All`]): it goes on
//! until the DFA dies and notes every pattern whose match state it passes, so it tells
//! every group that has a match starting at the position, which is what
//! [`all_starts`](super::all_starts) lists.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};

use super::boundary::is_word_byte;
use super::maybe_boundary;

/// Makes one lazy-DFA cache per thread that walks a [`Walker`].
type CacheFn =
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// Bits in the table of the three-byte strings that can begin a match: 131,072
/// (16 KiB), each string setting two in one word ([`triple_hash`]), so that for the 7,000 such
/// strings of the matcher's joint gate a position whose three bytes begin none passes
/// about one time in a hundred (with one bit each, one in ten on résumés: their common
/// trigrams share bits with live ones).
const TRIPLE_BITS: u32 = 17;

/// The `u64` words of the table of [`TRIPLE_BITS`] bits.
const TRIPLE_WORDS: usize = 1 << (TRIPLE_BITS - 6);

/// Bits in the table of the four-byte strings that can begin a match: 1,048,576
/// (128 KiB), two per string in one word ([`quad_hash`]), for the 78,000 such
/// strings of the matcher's joint gate. Only the positions that pass the three-byte
/// table look it up (one in seven), so its size costs little; it stops about half of
/// their walks, those that die at the fourth byte ("for " of "forty", "Expr").
const QUAD_BITS: u32 = 20;

/// The `u64` words of the table of [`QUAD_BITS`] bits.
const QUAD_WORDS: usize = 1 << (QUAD_BITS - 6);

/// The most four-byte strings the table of [`QUAD_BITS`] bits takes: with more, so many
/// bits would be set that it would stop few walks, and it passes every string instead.
const QUAD_LIMIT: usize = 1 << 18;

/// An anchored lazy DFA of a union's groups, and a filter of the positions where a
/// walk of it cannot get past the third byte.
#[derive(Debug)]
pub(crate) struct Walker {
    dfa: DFA,
    caches: Pool<Cache, CacheFn>,
    /// For each pattern of `dfa`, the index of its group in the union.
    group_of: Vec<usize>,
    /// The number of groups in the union (some may have no pattern).
    groups: usize,
    filter: GateFilter,
    /// Whether a walk over no byte at all matches (some group matches the empty string).
    empty: bool,
}

/// Which positions of a text a [`Walker`] walks from: the candidates (char boundaries
/// where a word boundary may hold, [`GateFilter::symbols`] narrowing them) whose first
/// three bytes pass the table. [`crate::starts::Starts::scan_with_gate`] applies it in
/// its own pass over the words of a text ([`Walker::passing`] is the reference).
#[derive(Debug, Clone)]
pub(crate) struct GateFilter {
    /// Both bits [`triple_hash`] of `b0 b1 b2` set when a walk over those bytes passes
    /// a match state or is still alive after them.
    triples: Box<[u64; TRIPLE_WORDS]>,
    /// Both bits [`quad_hash`] of `b0 b1 b2 b3` set when a walk over those bytes passes
    /// a match state or is still alive after them (all bits set when too many are).
    quads: Box<[u64; QUAD_WORDS]>,
    /// The ASCII bytes other than word bytes after which a walk is still alive or has
    /// matched, when there are at most four of them: then only they, word starts and
    /// positions next to non-ASCII bytes are candidates ([`candidate_mask`]); `None`:
    /// every position where a word boundary may hold.
    symbols: Option<Vec<u8>>,
}

impl GateFilter {
    /// The ASCII bytes other than word bytes that may begin a match, if at most four.
    pub fn symbols(&self) -> Option<&[u8]> {
        self.symbols.as_deref()
    }

    /// 1 if the candidate at `at` in `bytes` passes the tables, else 0: its first three
    /// and its first four bytes begin a live walk, or fewer than four bytes are left
    /// (then the walk decides, with the end of the text).
    ///
    /// A walk that is dead after the first four bytes has passed no match state (nor
    /// after three), and the walk from `at` takes the same steps over them: it ends there
    /// and lists `at` for no group. (Every string whose walk is dead after three bytes
    /// is dead after four, so the three-byte table only answers sooner and from less
    /// memory, for [`GateFilter::passes_word`].)
    #[inline(always)]
    pub fn passes(&self, bytes: &[u8], at: usize) -> u64 {
        bytes
            .get(at..)
            .and_then(<[u8]>::first_chunk::<4>)
            .map_or(1, |four| {
                let four = u32::from_le_bytes(*four);
                self.triple_bits(four) & self.quad_bits(four)
            })
    }

    /// Whether the four-byte table stops any string (it passes all when too many are
    /// live), for tests that must exercise it.
    #[cfg(test)]
    pub fn quads_filter(&self) -> bool {
        self.quads.iter().any(|&q| q != u64::MAX)
    }

    /// The three-byte half of [`GateFilter::passes`] for a candidate at `at` whose next
    /// eight bytes are `eight` (little-endian, as read for other tests; NUL past the
    /// end), in a text of `len` bytes: the candidates it passes pass
    /// [`GateFilter::passes`] exactly when they pass [`GateFilter::passes_quad`] too.
    /// (The scan of every word start looks up only the small table; the large one only
    /// for the few that pass.)
    #[inline(always)]
    pub fn passes_word(&self, eight: u64, at: usize, len: usize) -> u64 {
        if at + 4 > len {
            return 1;
        }
        self.triple_bits(eight as u32)
    }

    /// The four-byte half of [`GateFilter::passes`] for a candidate at `at` in `bytes`.
    #[inline(always)]
    pub fn passes_quad(&self, bytes: &[u8], at: usize) -> u64 {
        bytes
            .get(at..)
            .and_then(<[u8]>::first_chunk::<4>)
            .map_or(1, |four| self.quad_bits(u32::from_le_bytes(*four)))
    }

    /// 1 if both table bits of the first three bytes of `four` (little-endian) are set,
    /// else 0.
    #[inline(always)]
    fn triple_bits(&self, four: u32) -> u64 {
        let (word, bits) = triple_hash(four & 0x00FF_FFFF);
        u64::from(self.triples.get(word).is_none_or(|w| w & bits == bits))
    }

    /// 1 if both table bits of the four bytes `four` (little-endian) are set, else 0.
    #[inline(always)]
    fn quad_bits(&self, four: u32) -> u64 {
        let (word, bits) = quad_hash(four);
        u64::from(self.quads.get(word).is_none_or(|w| w & bits == bits))
    }
}

/// The walk gave up (its DFA's cache kept filling up) or met a byte it cannot handle:
/// the caller scans with the unanchored search instead.
#[derive(Debug)]
pub(crate) struct GaveUp;

impl Walker {
    /// The walker for `patterns`, the non-empty groups of a union in order, with
    /// `group_of[k]` the group of pattern `k` among `groups`; `None` if the patterns do
    /// not compile, hold look-around assertions (then a position's start state would
    /// depend on the byte before it) or are more than 64.
    pub fn new(patterns: &[String], group_of: Vec<usize>, groups: usize) -> Option<Walker> {
        if groups > 64 || patterns.len() != group_of.len() {
            return None;
        }
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new().utf8(true))
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(10 * (1 << 20))),
            )
            .build_many(patterns)
            .ok()?;
        if !nfa.look_set_any().is_empty() {
            return None;
        }
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(2 * (1 << 20)),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_caches = dfa.clone();
        let caches: Pool<Cache, CacheFn> = Pool::new(Box::new(move || for_caches.create_cache()));
        let mut walker = Walker {
            dfa,
            caches,
            group_of,
            groups,
            filter: GateFilter {
                triples: Box::new([0; TRIPLE_WORDS]),
                quads: vec![0; QUAD_WORDS].into_boxed_slice().try_into().ok()?,
                symbols: None,
            },
            empty: false,
        };
        // Each string is extended only while its walk lives, so the tables cost a walk
        // per live prefix and byte class rather than one per string: bytes of one class
        // of the DFA take the same transitions, so one byte answers for its class. The
        // walks get a cache of their own: the states of every live prefix would
        // otherwise crowd the cache that the scans on this thread then use.
        let mut cache = walker.dfa.create_cache();
        let byte_classes = walker.dfa.byte_classes();
        let reps: Vec<u8> = byte_classes
            .representatives(..)
            .filter_map(|u| u.as_u8())
            .collect();
        let mut members: Vec<Vec<u8>> = vec![Vec::new(); byte_classes.alphabet_len()];
        for b in 0..=255u8 {
            members.get_mut(usize::from(byte_classes.get(b)))?.push(b);
        }
        let members_of = |r: u8| members.get(usize::from(byte_classes.get(r)));
        let mut first = Vec::with_capacity(reps.len());
        for &r0 in &reps {
            first.push((r0, walker.walk(&mut cache, &[r0]).ok()?));
        }
        let mut triples = Box::new([0u64; TRIPLE_WORDS]);
        let mut quads: Box<[u64; QUAD_WORDS]> =
            vec![0u64; QUAD_WORDS].into_boxed_slice().try_into().ok()?;
        // The live four-byte strings set so far; past `QUAD_LIMIT` the table would pass
        // nearly everything, so it is filled instead (then it passes every string).
        let mut live_quads = 0usize;
        for &(r0, reach0) in &first {
            if reach0 == Reach::Dead {
                continue;
            }
            for &r1 in &reps {
                let reach1 = walker.walk(&mut cache, &[r0, r1]).ok()?;
                if reach1 == Reach::Dead {
                    continue;
                }
                for &r2 in &reps {
                    let reach2 = match reach1 {
                        Reach::Matched => Reach::Matched,
                        _ => walker.walk(&mut cache, &[r0, r1, r2]).ok()?,
                    };
                    if reach2 == Reach::Dead {
                        continue;
                    }
                    let (m0, m1, m2) = (members_of(r0)?, members_of(r1)?, members_of(r2)?);
                    for_each_string(&[m0, m1, m2], |b| {
                        let (word, bits) = triple_hash(b);
                        if let Some(w) = triples.get_mut(word) {
                            *w |= bits;
                        }
                    });
                    if live_quads > QUAD_LIMIT {
                        continue;
                    }
                    for &r3 in &reps {
                        if reach2 != Reach::Matched
                            && walker.walk(&mut cache, &[r0, r1, r2, r3]).ok()? == Reach::Dead
                        {
                            continue;
                        }
                        let m3 = members_of(r3)?;
                        live_quads += m0.len() * m1.len() * m2.len() * m3.len();
                        if live_quads > QUAD_LIMIT {
                            break;
                        }
                        for_each_string(&[m0, m1, m2, m3], |b| {
                            let (word, bits) = quad_hash(b);
                            if let Some(w) = quads.get_mut(word) {
                                *w |= bits;
                            }
                        });
                    }
                }
            }
        }
        if live_quads > QUAD_LIMIT {
            quads.fill(u64::MAX);
        }
        // The symbols in byte order: those whose class begins a live walk.
        let symbols: Vec<u8> = (0..=255u8)
            .filter(|&b| b.is_ascii() && !is_word_byte(b))
            .filter(|&b| {
                let class = byte_classes.get(b);
                first
                    .iter()
                    .any(|&(r, reach)| byte_classes.get(r) == class && reach != Reach::Dead)
            })
            .collect();
        walker.empty = walker.walk(&mut cache, &[]).ok()? == Reach::Matched;
        walker.filter = GateFilter {
            triples,
            quads,
            symbols: (symbols.len() <= 4).then_some(symbols),
        };
        Some(walker)
    }

    /// The filter of the positions to walk from.
    pub fn filter(&self) -> &GateFilter {
        &self.filter
    }

    /// For each of the union's groups, every position of `text` where a word boundary
    /// may hold ([`maybe_boundary`]) and a match of the group starts, in order.
    pub fn scan(&self, text: &str) -> Result<Vec<Vec<usize>>, GaveUp> {
        self.scan_passing(text, &self.passing(text))
    }

    /// [`Walker::scan`] given `passing`, the candidates of `text` that pass the filter
    /// ([`Walker::passing`]), in order.
    pub fn scan_passing(&self, text: &str, passing: &[usize]) -> Result<Vec<Vec<usize>>, GaveUp> {
        let bytes = text.as_bytes();
        let mut out = vec![Vec::new(); self.groups];
        let mut cache = self.caches.get();
        for &at in passing {
            self.walk_at(&mut cache, bytes, at, &mut out)?;
        }
        // The end of the text is a position too (where only an empty match can start).
        if self.empty && maybe_boundary(bytes, bytes.len()) {
            self.walk_at(&mut cache, bytes, bytes.len(), &mut out)?;
        }
        Ok(out)
    }

    /// The candidates of `text` that pass the filter, in order: the positions to walk
    /// from (but the end of the text).
    pub fn passing(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len() / 32);
        let mut carry = Carry::default();
        for (bi, chunk) in bytes.chunks(64).enumerate() {
            let base = bi * 64;
            let mut candidates = candidate_mask(chunk, &mut carry, self.filter.symbols());
            // The filter first, for all candidates of the block, without a branch on its
            // outcome (which is hard to predict).
            let mut pass = 0u64;
            while candidates != 0 {
                let i = candidates.trailing_zeros();
                candidates &= candidates - 1;
                pass |= self.filter.passes(bytes, base + i as usize) << i;
            }
            while pass != 0 {
                out.push(base + pass.trailing_zeros() as usize);
                pass &= pass - 1;
            }
        }
        out
    }

    /// Pushes `at` to the groups of `out` that have a match starting at `at`.
    fn walk_at(
        &self,
        cache: &mut Cache,
        bytes: &[u8],
        at: usize,
        out: &mut [Vec<usize>],
    ) -> Result<(), GaveUp> {
        let mut found = 0u64;
        self.walk_with(cache, bytes.get(at..).unwrap_or_default(), |g| {
            found |= 1 << g;
        })?;
        while found != 0 {
            let g = found.trailing_zeros() as usize;
            found &= found - 1;
            if let Some(v) = out.get_mut(g) {
                v.push(at);
            }
        }
        Ok(())
    }

    /// How far a walk over `hay` (a whole haystack: its end after it) gets, for the
    /// tables at build time.
    fn walk(&self, cache: &mut Cache, hay: &[u8]) -> Result<Reach, GaveUp> {
        let mut matched = false;
        let alive = self.walk_with(cache, hay, |_| matched = true)?;
        Ok(if matched {
            Reach::Matched
        } else if alive {
            Reach::Alive
        } else {
            Reach::Dead
        })
    }

    /// Walks the anchored DFA over `hay` (then its end, unless it dies first), calling
    /// `found` with the group of each pattern of each match state passed; whether it
    /// was still alive after the last byte.
    fn walk_with(
        &self,
        cache: &mut Cache,
        hay: &[u8],
        mut found: impl FnMut(usize),
    ) -> Result<bool, GaveUp> {
        let config = start::Config::new().anchored(Anchored::Yes);
        let dfa = &self.dfa;
        let mut sid = dfa.start_state(cache, &config).map_err(|_| GaveUp)?;
        let mut note = |sid, cache: &Cache| {
            for i in 0..dfa.match_len(cache, sid) {
                let p = dfa.match_pattern(cache, sid, i).as_usize();
                if let Some(&g) = self.group_of.get(p) {
                    found(g);
                }
            }
        };
        for &b in hay {
            sid = dfa.next_state(cache, sid, b).map_err(|_| GaveUp)?;
            if sid.is_tagged() {
                if sid.is_dead() {
                    return Ok(false);
                }
                if sid.is_quit() {
                    return Err(GaveUp);
                }
                if sid.is_match() {
                    note(sid, cache);
                }
            }
        }
        sid = dfa.next_eoi_state(cache, sid).map_err(|_| GaveUp)?;
        if sid.is_quit() {
            return Err(GaveUp);
        }
        if sid.is_match() {
            note(sid, cache);
        }
        Ok(true)
    }
}

/// Where a key goes in a blocked Bloom filter of `table_bits` bits (one load tests
/// both bits): its product `x` gives the word, from its top bits, and the two bits
/// set in that word, from the six bits at `low` and the six after them.
#[inline(always)]
fn bloom_slot(x: u64, table_bits: u32, low: u32) -> (usize, u64) {
    let word = (x >> (64 - (table_bits - 6))) as usize;
    let bits = 1u64 << ((x >> low) & 63) | 1u64 << ((x >> (low + 6)) & 63);
    (word, bits)
}

/// Where three bytes (little-endian in `b`, top byte zero) go in the table of
/// [`TRIPLE_BITS`] bits ([`bloom_slot`]).
#[inline(always)]
fn triple_hash(b: u32) -> (usize, u64) {
    let x = u64::from(b).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    bloom_slot(x, TRIPLE_BITS, 20)
}

/// Where four bytes (little-endian in `b`) go in the table of [`QUAD_BITS`] bits
/// ([`bloom_slot`]; another multiplier and bit range than [`triple_hash`]'s).
#[inline(always)]
fn quad_hash(b: u32) -> (usize, u64) {
    let x = u64::from(b).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    bloom_slot(x, QUAD_BITS, 32)
}

/// Calls `f` with every string of one byte from each of `sets` in turn (at most four),
/// little-endian in a `u32`, top bytes zero.
fn for_each_string(sets: &[&Vec<u8>], mut f: impl FnMut(u32)) {
    let mut strings = vec![0u32];
    for (k, set) in sets.iter().enumerate().take(4) {
        strings = strings
            .iter()
            .flat_map(|&s| set.iter().map(move |&b| s | u32::from(b) << (8 * k)))
            .collect();
    }
    strings.into_iter().for_each(&mut f);
}

/// How far a build-time walk got ([`Walker::walk`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Dead,
    Alive,
    Matched,
}

/// What [`candidates_of`] carries from one block to the next: whether the block's last
/// byte was an ASCII word byte, and whether it was not ASCII.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Carry {
    word: u64,
    high: u64,
}

/// Bit `i` for each position `i` of `chunk` (at most 64 bytes, those of the text from
/// a multiple of 64) that is a char boundary where [`maybe_boundary`] holds, `carry`
/// telling the byte before the chunk; with `symbols` ([`GateFilter::symbols`]), only those
/// where the byte is a word byte, one of `symbols` or next to a non-ASCII byte.
fn candidate_mask(chunk: &[u8], carry: &mut Carry, symbols: Option<&[u8]>) -> u64 {
    let c = classes(chunk, symbols.unwrap_or_default());
    candidates_of(&c, carry, chunk.len(), symbols.is_some())
}

/// [`candidate_mask`] of a block of `len` bytes (1 to 64) from its classes `c`, for
/// callers that have them from their own pass ([`Starts::scan_with_gate`]);
/// `narrowed` when the gate has a symbol list ([`GateFilter::symbols`]) and `c.symbol`
/// marks its bytes.
///
/// [`Starts::scan_with_gate`]: crate::starts::Starts::scan_with_gate
#[inline(always)]
pub(crate) fn candidates_of(c: &Classes, carry: &mut Carry, len: usize, narrowed: bool) -> u64 {
    let before_word = c.word << 1 | carry.word;
    let before_high = c.high << 1 | carry.high;
    let top = len.saturating_sub(1);
    carry.word = c.word >> top & 1;
    carry.high = c.high >> top & 1;
    let valid = u64::MAX >> (64 - len.clamp(1, 64));
    let boundary = (before_word ^ c.word | before_high | c.high) & !c.continuation & valid;
    if narrowed {
        boundary & (c.word | c.symbol | before_high | c.high)
    } else {
        boundary
    }
}

/// Per-byte classes of up to 64 bytes, bit `i` for byte `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Classes {
    /// ASCII word bytes, `[0-9A-Za-z_]`.
    pub word: u64,
    /// Bytes of 0x80 and up.
    pub high: u64,
    /// UTF-8 continuation bytes, 0x80..=0xBF (no char starts there).
    pub continuation: u64,
    /// The bytes of the gate's symbol list.
    pub symbol: u64,
}

/// The classes of `chunk`, with `symbol` for the bytes of `symbols`: one byte at a time,
/// as this is the path of scans without a [`Starts`](crate::starts::Starts) pass (which
/// computes the same masks with SSE2 and applies the filter itself).
fn classes(chunk: &[u8], symbols: &[u8]) -> Classes {
    let mut c = Classes {
        word: 0,
        high: 0,
        continuation: 0,
        symbol: 0,
    };
    for (i, &b) in chunk.iter().enumerate().take(64) {
        c.word |= u64::from(is_word_byte(b)) << i;
        c.high |= u64::from(b >= 0x80) << i;
        c.continuation |= u64::from(b & 0xC0 == 0x80) << i;
        c.symbol |= u64::from(symbols.contains(&b)) << i;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_char_boundaries_where_a_boundary_may_hold() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "_",
            "0",
            " ",
            ".",
            "#",
            "\n",
            "é",
            "•",
            "\u{10348}",
            "\u{300}",
        ];
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut kept_symbols = 0;
        for _ in 0..1_000 {
            let len = (next() % 150) as usize;
            let t = crate::testgen::pieces(&mut next, PIECES, len);
            let b = t.as_bytes();
            for symbols in [None, Some(&b"."[..])] {
                let mut carry = Carry::default();
                let mut got = Vec::new();
                for (bi, chunk) in b.chunks(64).enumerate() {
                    let mut m = candidate_mask(chunk, &mut carry, symbols);
                    while m != 0 {
                        got.push(bi * 64 + m.trailing_zeros() as usize);
                        m &= m - 1;
                    }
                }
                let want: Vec<usize> = (0..b.len())
                    .filter(|&i| t.is_char_boundary(i) && maybe_boundary(b, i))
                    .filter(|&i| {
                        // With a symbol list, the ASCII bytes other than word bytes and
                        // the symbols are left out unless a non-ASCII byte is next to them.
                        let Some(list) = symbols else { return true };
                        let (here, before) = (b[i], i.checked_sub(1).map(|j| b[j]));
                        is_word_byte(here)
                            || list.contains(&here)
                            || here >= 0x80
                            || before.is_some_and(|c| c >= 0x80)
                    })
                    .collect();
                assert_eq!(got, want, "{t:?} {symbols:?}");
                if symbols.is_some() {
                    kept_symbols += got.iter().filter(|&&i| b[i] == b'.').count();
                }
            }
        }
        assert!(kept_symbols > 100, "{kept_symbols}");
    }

    #[test]
    fn the_tables_let_through_every_start_and_few_others() {
        let patterns = [
            r"(?i:java\s+developer|\.net|c#)".to_owned(),
            r"(?:\d+ ?k)".to_owned(),
        ];
        let w = Walker::new(&patterns, vec![0, 2], 3).expect("builds");
        assert_eq!(w.filter.symbols(), Some(&b"."[..]));
        assert!(!w.empty);
        let passes = |s: &[u8]| {
            w.filter
                .triple_bits(u32::from_le_bytes([s[0], s[1], s[2], 0]))
                == 1
        };
        for live in [&b"jav"[..], b"JaV", b".nE", b"c#x", b"12 ", b"1k ", b"999"] {
            assert!(passes(live), "{live:?}");
        }
        // Here "c#" and "1k" match within three bytes, so every four-byte string after
        // them is live: more than the four-byte table takes, so it passes everything.
        assert!(w.filter.quads.iter().all(|&q| q == u64::MAX));
        // Without early matches, the four-byte table passes every live string, and of
        // the walks that die at the fourth byte only a few (the three-byte table passes
        // all of these).
        let patterns = [
            r"(?i:java\s+developer|\.net|c#\s+dev)".to_owned(),
            r"(?:\d+ ?years)".to_owned(),
        ];
        let w = Walker::new(&patterns, vec![0, 1], 2).expect("builds");
        for live in [
            &b"java"[..],
            b"JaVa",
            b".nEt",
            b"c# d",
            b"c#\td",
            b"12 y",
            b"1yea",
        ] {
            assert_eq!(w.filter.passes(live, 0), 1, "{live:?}");
        }
        let fourth = (0..=255u8)
            .map(|b| [b'j', b'a', b'v', b])
            .filter(|s| w.filter.passes(s, 0) == 1)
            .count();
        // "java" and "javA", and maybe a string whose bits live ones set.
        assert!((2..5).contains(&fourth), "{fourth}");
        // Fewer than four bytes: the walk decides.
        assert_eq!(w.filter.passes(b"jaz", 0), 1);
        let others = (0..=255u8)
            .flat_map(|a| (0..=255u8).map(move |b| [a, b, b'x']))
            .filter(|s| passes(s))
            .count();
        // "c#" + any third byte, "ja" + v, digits: a few hundred of 65,536.
        assert!(others < 1_500, "{others}");
        // A group that matches the empty string makes every position a start.
        let w = Walker::new(&["(?:x?)".to_owned()], vec![0], 1).expect("builds");
        assert!(w.empty);
        assert_eq!(w.scan("ab x").ok(), Some(vec![vec![0, 2, 3, 4]]));
    }
}
