//! Where an *accepted* keyword match can start, found by one pass over the words of a
//! text, so that the keyword automaton runs only there (anchored) instead of over every
//! byte.
//!
//! [`crate::matching`]'s `accept` takes a match that begins with a word character only
//! when the character before it is not a word character, `@` or `#`; and a match that
//! ends with a word character only when the character after it is not one either. So
//! at an accepted start `p` of a pattern `P` whose first byte is an ASCII letter or
//! digit:
//! * the byte before `p` (if any) is not an ASCII letter, digit, `_`, `@` or `#`;
//! * let `k` be the length of `P`'s leading run of ASCII letters and digits, and `r`
//!   that of the text at `p`. The text matches `P` there up to ASCII case, and case
//!   folding keeps a byte a letter or digit, so `r ≥ k`. If `P` goes on after its run,
//!   its next byte is no letter or digit and neither is the text's, so `r = k`; if `P`
//!   ends with its run, `r > k` would put a word character right after the match,
//!   which `accept` rejects. Either way the text's run *is* `P`'s run, up to case.
//!
//! The same holds for a second run: when `P`'s first run is followed by one space and
//! a letter or digit, an accepted match has the space after the text's first run and
//! then the text's second run *is* `P`'s second run (same argument from `p + k + 1`).
//! When `P`'s first run is followed by any other byte `c` ("test-driven", "Node.js",
//! "MS-SQL"), the text's byte after its run (`r = k`) is `c` up to ASCII case, and `c`
//! is no letter, so it is `c` exactly.
//!
//! [`Starts`] keeps, per pattern set, a bit per hash of the first run (lower-cased) of every pattern
//! that has no such second run, and a bit per hash of the first two runs of the others
//! ("data engineer", "spring boot") or of the first run and the byte after it
//! ("test" and `-`), so that the many words that begin only such patterns ("data",
//! "design", "unit", "test", "end") are candidates only when the right word or byte
//! follows.
//! It reports the word starts that set a bit, plus the occurrences of the first byte
//! of a pattern that does not begin with an ASCII letter or digit (`.NET`) that the
//! pattern's second byte follows, up to ASCII case, or of a pattern that is that byte
//! alone. A match of such a pattern `P` at `p` is `P` up to ASCII case, and ASCII case
//! folding changes only letters, so the byte at `p` is `P`'s first byte exactly and,
//! if `P` has a second byte, the byte at `p + 1` is that byte up to case: at the
//! occurrences left out nothing matches at all (in résumés most `.` bytes end a
//! sentence or a domain and are no `.NET`). The positions the filter leaves out are
//! exactly positions where no match can be accepted; as the automaton search restarts
//! one position further after a rejected match, leaving them out changes no result. A
//! hash collision only reports a position too many.

use crate::fastre::walk::{self, GateFilter};

/// Hash bits of the first-run table: 32,768 slots of a byte (32 KiB) for a few hundred
/// runs, so a word that starts no pattern hits a set slot about one time in a hundred.
/// (Half as many slots, 14 bits, measured 3 % slower: the false candidates cost more
/// than the L1 space saved. Four-bit slots for up to two sets, 16 KiB with no more
/// false candidates, measured no faster, within noise, side by side.)
pub(crate) const BITS: u32 = 15;

/// Bytes that glue a following word start to what precedes it (see the module docs).
const GLUE: u8 = 1;
/// ASCII letters and digits.
const ALNUM: u8 = 2;

/// [`GLUE`] and [`ALNUM`] flags of every byte: one load where the three range tests of
/// `is_ascii_alphanumeric` cost twice as much in the scan loop.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM | GLUE;
        } else if matches!(c, b'_' | b'@' | b'#') {
            t[b] = GLUE;
        }
        b += 1;
    }
    t
};

fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// Flag in [`Starts::slots`]: a pattern of the set begins with this run and has no
/// second run.
const RUN: u8 = 1;
/// Flag in [`Starts::slots`]: a pattern of the set begins with this run and goes on
/// with a second run after a space, or with a byte that is no space (see
/// [`Starts::pairs`]).
const LEAD: u8 = 2;
/// [`LEAD`] of each of four sets.
const LEADS: u8 = LEAD * 0x55;

/// The word starts and symbol bytes where a pattern of each of `N` sets can be accepted
/// (see the module docs), found for all sets in one pass ([`Starts::scan`]).
#[derive(Debug)]
pub(crate) struct Starts<const N: usize> {
    /// Per first-run hash ([`run_hash`]): [`RUN`] and [`LEAD`] of set `s` shifted by
    /// `2 s`, so that one load answers for every set and most words stop there. (An
    /// array, so that a hash needs no bounds test.)
    slots: Box<[u8; 1 << BITS]>,
    /// Per set, a bit per hashed pair of first and second runs ([`pair_hash`]), or of
    /// a first run and the byte after it when that is no space ([`symbol_pair_hash`]).
    pairs: [Box<[u64; 1 << (BITS - 6)]>; N],
    /// Per byte, bit `s` when a pattern of set `s` begins with it and not with an ASCII
    /// letter or digit: the block masks mark its occurrences, and [`Starts::follow`]
    /// tells which are candidates.
    symbols: [u8; 256],
    /// The symbol bytes, when there are few enough (and no NUL, the padding) for
    /// [`Masks::sse2`] to test each one.
    symbol_list: Option<Vec<u8>>,
    /// At `256 b + n`, bit `s` when set `s` has a pattern that begins with the symbol
    /// byte `b` and is `b` alone or goes on with `n` up to ASCII case: the sets whose
    /// patterns can start at a `b` followed by `n` (see the module docs). 64 KiB, of
    /// which a scan touches the few rows of the symbol bytes.
    follow: Box<[u8]>,
    /// Per byte `b`, bit `s` when set `s` has the one-byte pattern `b`: the sets whose
    /// patterns can start at a `b` that ends the text.
    alone: [u8; 256],
}

impl<const N: usize> Starts<N> {
    /// The slot of first-run hash `h` ([`Starts::slots`]).
    #[inline(always)]
    fn slot(&self, h: usize) -> u8 {
        self.slots.get(h).copied().unwrap_or(0)
    }

    /// The filter for the pattern `sets`; `None` if a pattern is empty (it would match
    /// everywhere).
    pub fn new<S: AsRef<str>>(sets: [&[S]; N]) -> Option<Starts<N>> {
        const { assert!(N <= 4, "a slot holds the flags of four sets") };
        let mut slots: Box<[u8; 1 << BITS]> =
            vec![0u8; 1 << BITS].into_boxed_slice().try_into().ok()?;
        let mut follow = vec![0u8; 256 * 256].into_boxed_slice();
        let mut alone = [0u8; 256];
        let mut pairs: [Box<[u64; 1 << (BITS - 6)]>; N] =
            std::array::from_fn(|_| Box::new([0u64; 1 << (BITS - 6)]));
        let mut symbols = [0u8; 256];
        for (set_index, (set, pairs)) in sets.iter().zip(pairs.iter_mut()).enumerate() {
            let shift = 2 * set_index;
            for p in set.iter() {
                let p = p.as_ref().as_bytes();
                let &first = p.first()?;
                if class(first) & ALNUM == 0 {
                    let bit = 1 << set_index;
                    if let Some(s) = symbols.get_mut(usize::from(first)) {
                        *s |= bit;
                    }
                    let row = usize::from(first) * 256;
                    let next: Vec<u8> = match p.get(1) {
                        Some(&n) => vec![n.to_ascii_lowercase(), n.to_ascii_uppercase()],
                        None => {
                            if let Some(a) = alone.get_mut(usize::from(first)) {
                                *a |= bit;
                            }
                            (0..=255).collect()
                        }
                    };
                    for n in next {
                        if let Some(f) = follow.get_mut(row + usize::from(n)) {
                            *f |= bit;
                        }
                    }
                    continue;
                }
                let run = alnum_run(p);
                let h = run_hash(first_eight(p), run);
                let second = p
                    .get(run + 1..)
                    .filter(|r| p.get(run) == Some(&b' ') && alnum_run(r) > 0);
                // The pair a match's text must have after its first run: the second
                // run, or the byte that follows the run when that is no space.
                let pair = match (second, p.get(run)) {
                    (Some(rest), _) => Some(pair_hash(h, first_eight(rest), alnum_run(rest))),
                    (None, Some(&next)) if next != b' ' => Some(symbol_pair_hash(h, next)),
                    _ => None,
                };
                let flag = match pair {
                    Some(ph) => {
                        if let Some(w) = pairs.get_mut(ph / 64) {
                            *w |= 1 << (ph % 64);
                        }
                        LEAD
                    }
                    None => RUN,
                };
                if let Some(slot) = slots.get_mut(h) {
                    *slot |= flag << shift;
                }
            }
        }
        let list: Vec<u8> = (0..=255u8)
            .filter(|&b| symbols.get(usize::from(b)).is_some_and(|&s| s != 0))
            .collect();
        let symbol_list = (list.len() <= 4 && !list.contains(&0)).then_some(list);
        Some(Starts {
            slots,
            pairs,
            symbols,
            symbol_list,
            follow,
            alone,
        })
    }

    /// The candidate starts of each set in `text`, in increasing order.
    pub fn scan(&self, text: &[u8]) -> [Vec<usize>; N] {
        #[cfg(target_arch = "x86_64")]
        if self.symbol_list.is_some() && avx512::available() {
            // SAFETY: the CPU has the features `scan_avx512` enables (checked just now).
            return unsafe { self.scan_avx512(text, None) }.0;
        }
        self.scan_inner::<false>(text, None).0
    }

    /// [`Starts::scan`], and in the same pass the positions where the walks of a
    /// boundary-led gate union start ([`GateFilter`]; the same positions as
    /// [`Walker::passing`](crate::fastre::walk::Walker::passing)).
    ///
    /// Every word start this scan hashes is a gate candidate (an ASCII letter or digit
    /// after a byte that is not a word byte, so a word boundary holds there), and its
    /// eight bytes are already loaded for the hash, so the gate's table costs it a
    /// lookup; the other gate candidates (after `@` or `#`, `_`, symbols, next to
    /// non-ASCII bytes) come from the same block masks.
    pub fn scan_with_gate(&self, text: &[u8], gate: &GateFilter) -> ([Vec<usize>; N], Vec<usize>) {
        #[cfg(target_arch = "x86_64")]
        if self.symbol_list.is_some() && avx512::available() {
            // SAFETY: the CPU has the features `scan_avx512` enables (checked just now).
            return unsafe { self.scan_avx512(text, Some(gate)) };
        }
        self.scan_inner::<false>(text, Some(gate))
    }

    /// [`Starts::scan_inner`] compiled for AVX-512BW (with BMI and POPCNT for the bit
    /// loops), so that each block's masks take one compare per class instead of four
    /// compares, four mask moves and their shifts.
    ///
    /// # Safety
    /// The CPU must have the features enabled here ([`avx512::available`]), and
    /// `self.symbol_list` must be `Some` (the kernel tests only the listed symbols).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,bmi1,bmi2,popcnt,lzcnt")]
    unsafe fn scan_avx512(
        &self,
        text: &[u8],
        gate: Option<&GateFilter>,
    ) -> ([Vec<usize>; N], Vec<usize>) {
        self.scan_inner::<true>(text, gate)
    }

    /// The candidate starts of each set in `text`, in increasing order, and with a
    /// `gate`, its passing candidates.
    ///
    /// Works on 64-byte blocks: one bit mask each for letters and digits, gluing bytes
    /// and symbol bytes ([`Masks`]); word starts are the letters and digits not
    /// preceded by a gluing byte, and only they are hashed, once for all sets, so a
    /// byte costs a few instructions instead of a table lookup and a branch.
    ///
    /// `AVX512`: compute the masks with [`Masks::avx512`]; only inside
    /// [`Starts::scan_avx512`].
    #[inline(always)]
    fn scan_inner<const AVX512: bool>(
        &self,
        text: &[u8],
        gate: Option<&GateFilter>,
    ) -> ([Vec<usize>; N], Vec<usize>) {
        // About one word start in ten is a candidate for a skill list.
        let mut out = std::array::from_fn(|_| Vec::with_capacity(text.len() / 32));
        let mut gate_out = Vec::with_capacity(if gate.is_some() { text.len() / 32 } else { 0 });
        let gate_symbols = gate.and_then(GateFilter::symbols).unwrap_or_default();
        // Whether the byte before the block is a word byte, and whether it is not ASCII.
        let mut carry = walk::Carry::default();
        let mut glued = 0u64;
        let mut block;
        // Per word start of a block, its run length and hash, for the second-run
        // checks of `keep_leads` (written before they are read, so not reset per block).
        let mut words = [(0usize, 0usize); 64];
        for (bi, chunk) in text.chunks(64).enumerate() {
            let base = bi * 64;
            // The last block is padded with NUL bytes, which are neither letters nor
            // digits, so runs end where the text does.
            let bytes: &[u8; 64] = match chunk.try_into() {
                Ok(full) => full,
                Err(_) => {
                    block = [0u8; 64];
                    if let Some(head) = block.get_mut(..chunk.len()) {
                        head.copy_from_slice(chunk);
                    }
                    &block
                }
            };
            let m = match (AVX512, &self.symbol_list) {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `AVX512` is set only by `scan_avx512`, whose caller checked
                // the CPU's features.
                (true, Some(list)) => unsafe { Masks::avx512(bytes, list, gate_symbols) },
                _ => Masks::of(bytes, &self.symbol_list, &self.symbols, gate_symbols),
            };
            let mut word_starts = m.alnum & !((m.glue << 1) | glued);
            glued = m.glue >> 63;
            let valid = u64::MAX >> (64 - chunk.len());
            // The block and the eight bytes after it, when the text has them: then a
            // word's eight bytes load without a bounds test (`word_at` otherwise).
            let ahead = text.get(base..).and_then(<[u8]>::first_chunk::<72>);
            // The gate candidates that are not word starts (see `scan_with_gate`).
            let mut gate_pass = 0u64;
            let mut gate_extra = 0u64;
            if let Some(g) = gate {
                let classes = walk::Classes {
                    word: m.word,
                    high: m.high,
                    continuation: m.continuation,
                    symbol: m.gate_symbol,
                };
                let narrowed = g.symbols().is_some();
                let candidates = walk::candidates_of(&classes, &mut carry, chunk.len(), narrowed);
                gate_extra = candidates & !word_starts;
            }
            let mut found = [0u64; N];
            // The word starts whose run begins a two-run pattern of some set.
            let mut leads = 0u64;
            while word_starts != 0 {
                let i = word_starts.trailing_zeros() as usize;
                word_starts &= word_starts - 1;
                let mut run = (!(m.alnum >> i)).trailing_zeros() as usize;
                if run == 64 - i {
                    // The run goes on into the next block.
                    run += alnum_run(text.get(base + 64..).unwrap_or_default());
                }
                let eight = eight_ahead(ahead, text, base, i);
                if let Some(g) = gate {
                    gate_pass |= g.passes_word(eight, base + i, text.len()) << i;
                }
                let h = run_hash(eight, run);
                // Without a branch: about one word in ten sets a flag, at no
                // predictable place, and a mispredicted branch costs more than the
                // few instructions each word now runs.
                let flags = self.slot(h);
                for (s, found) in found.iter_mut().enumerate() {
                    *found |= u64::from(flags >> (2 * s) & RUN) << i;
                }
                leads |= u64::from(flags & LEADS != 0) << i;
                if let Some(w) = words.get_mut(i) {
                    *w = (run, h);
                }
            }
            while leads != 0 {
                let i = leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let (run, h) = words.get(i).copied().unwrap_or_default();
                self.keep_leads(text, (base + i, i), run, h, m.alnum, &mut found);
            }
            let mut symbol = m.symbol;
            while symbol != 0 {
                let i = symbol.trailing_zeros() as usize;
                symbol &= symbol - 1;
                let b = usize::from(bytes.get(i).copied().unwrap_or(0));
                let sets = match text.get(base + i + 1) {
                    Some(&n) => self.follow.get(b * 256 + usize::from(n)),
                    None => self.alone.get(b),
                };
                let sets = sets.copied().unwrap_or(0);
                for (s, found) in found.iter_mut().enumerate() {
                    *found |= u64::from(sets >> s & 1) << i;
                }
            }
            if let Some(g) = gate {
                // The word starts took the three-byte half of the filter in the word
                // loop; the other candidates take it here, so that only those that pass
                // it look up the four-byte table (128 KiB, mostly out of L1), as the
                // word starts do: `passes_word` and then `passes_quad` is
                // `passes` (`GateFilter::passes_word`), and `word_at` gives the eight
                // bytes `passes_word` wants (NUL past the end, where it answers 1
                // without looking at them, as `passes` does).
                while gate_extra != 0 {
                    let i = gate_extra.trailing_zeros() as usize;
                    gate_extra &= gate_extra - 1;
                    let eight = eight_ahead(ahead, text, base, i);
                    gate_pass |= g.passes_word(eight, base + i, text.len()) << i;
                }
                // All that passed take the four-byte half now, without a branch on its
                // outcome, which stops about half of them.
                let mut passing = gate_pass;
                gate_pass = 0;
                while passing != 0 {
                    let i = passing.trailing_zeros();
                    passing &= passing - 1;
                    gate_pass |= g.passes_quad(text, base + i as usize) << i;
                }
                while gate_pass != 0 {
                    gate_out.push(base + gate_pass.trailing_zeros() as usize);
                    gate_pass &= gate_pass - 1;
                }
            }
            for (found, out) in found.iter().zip(out.iter_mut()) {
                let mut bits = found & valid;
                while bits != 0 {
                    out.push(base + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                }
            }
        }
        (out, gate_out)
    }

    /// Sets bit `i` of `found[s]` for each set `s` whose [`LEAD`] patterns may start at
    /// `at`, a word whose first run has length `run` and hash `h`: the run begins such
    /// a pattern of the set, and what follows the run is that pattern's (its second
    /// run after a space, or the byte after the run).
    /// (The one-run patterns, [`RUN`], the scan sets itself.)
    ///
    /// `alnum` is the letter and digit mask of the block of `at`, bit `i`.
    #[inline(always)]
    fn keep_leads(
        &self,
        text: &[u8],
        (at, i): (usize, usize),
        run: usize,
        h: usize,
        alnum: u64,
        found: &mut [u64; N],
    ) {
        let ph = match text.get(at + run) {
            Some(&b' ') => match second_run(text, (at, i), run, alnum) {
                Some((word, second)) => pair_hash(h, word, second),
                None => return,
            },
            Some(&next) => symbol_pair_hash(h, next),
            None => return,
        };
        let flags = self.slot(h);
        for (s, (found, pairs)) in found.iter_mut().zip(&self.pairs).enumerate() {
            let lead = u64::from(flags >> (2 * s) & LEAD != 0);
            let pair = pairs.get(ph / 64).map_or(0, |w| w >> (ph % 64) & 1);
            *found |= (lead & pair) << i;
        }
    }
}

/// The first eight bytes (as [`word_at`]) and the length of the second run of a word
/// at `at` (bit `i` of its block, whose letter and digit mask is `alnum`) with a
/// first run of `run` bytes, if one space and a run follow the first run.
///
/// The length is that of [`alnum_run`] from `at + run + 1`: read off `alnum` when the
/// run ends inside the block (a clear bit after it; the padding of the last block has
/// clear bits, and the text ends there), since the byte loop's length mispredicts;
/// from the text when it may go on into the next block.
#[inline(always)]
fn second_run(
    text: &[u8],
    (at, i): (usize, usize),
    run: usize,
    alnum: u64,
) -> Option<(u64, usize)> {
    if text.get(at + run) != Some(&b' ') {
        return None;
    }
    let j = i + run + 1;
    let in_block = (j < 64)
        .then(|| (!(alnum >> j)).trailing_zeros() as usize)
        .filter(|&r| r < 64 - j);
    let second =
        in_block.unwrap_or_else(|| alnum_run(text.get(at + run + 1..).unwrap_or_default()));
    (second > 0).then(|| (word_at(text, at + run + 1), second))
}

/// [`word_at`] of `base + i` (bit `i` of the block at `base`), from `ahead`, the block
/// and the eight bytes after it, when the text has them: then the load needs no bounds
/// test.
#[inline(always)]
fn eight_ahead(ahead: Option<&[u8; 72]>, text: &[u8], base: usize, i: usize) -> u64 {
    match ahead {
        Some(a) => a
            .get(i..i + 8)
            .and_then(|e| <[u8; 8]>::try_from(e).ok())
            .map_or(0, u64::from_le_bytes),
        None => word_at(text, base + i),
    }
}

/// The eight bytes of `text` from `at`, little-endian, with NUL bytes past its end.
#[inline(always)]
pub(crate) fn word_at(text: &[u8], at: usize) -> u64 {
    match text.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => first_eight(text.get(at..).unwrap_or_default()),
    }
}

/// Bit masks of one 64-byte block: bit `i` is set when byte `i` is an ASCII letter or
/// digit (`alnum`), a gluing byte (`glue`: those, `_`, `@`, `#`) or the first byte of
/// a symbol pattern (`symbol`); for a gate ([`Starts::scan_with_gate`]), when it is an
/// ASCII word byte (`word`: letters, digits, `_`), not ASCII (`high`), a UTF-8
/// continuation byte (`continuation`) or one of the gate's symbols (`gate_symbol`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    alnum: u64,
    glue: u64,
    symbol: u64,
    word: u64,
    high: u64,
    continuation: u64,
    gate_symbol: u64,
}

impl Masks {
    /// The masks of `block`, with SSE2 (every x86-64 CPU has it) when `symbol_list` has
    /// all the symbol bytes; byte by byte otherwise.
    fn of(
        block: &[u8; 64],
        symbol_list: &Option<Vec<u8>>,
        symbols: &[u8; 256],
        gate_symbols: &[u8],
    ) -> Masks {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if let Some(list) = symbol_list {
            // SAFETY: `sse2` needs only the SSE2 instructions, which this build may use
            // (the `cfg` above: every x86-64 target has them).
            return unsafe { Masks::sse2(block, list, gate_symbols) };
        }
        let _ = symbol_list;
        Masks::bytewise(block, symbols, gate_symbols)
    }

    /// The reference: one table lookup per byte.
    fn bytewise(block: &[u8; 64], symbols: &[u8; 256], gate_symbols: &[u8]) -> Masks {
        let mut m = Masks {
            alnum: 0,
            glue: 0,
            symbol: 0,
            word: 0,
            high: 0,
            continuation: 0,
            gate_symbol: 0,
        };
        for (i, &b) in block.iter().enumerate() {
            let c = class(b);
            m.alnum |= u64::from(c & ALNUM != 0) << i;
            m.glue |= u64::from(c & GLUE != 0) << i;
            m.symbol |= u64::from(symbols.get(usize::from(b)).is_some_and(|&s| s != 0)) << i;
            m.word |= u64::from(c & ALNUM != 0 || b == b'_') << i;
            m.high |= u64::from(b >= 0x80) << i;
            m.continuation |= u64::from(b & 0xC0 == 0x80) << i;
            m.gate_symbol |= u64::from(gate_symbols.contains(&b)) << i;
        }
        m
    }

    /// Sixteen bytes per step: range tests by signed comparison after a shift of the
    /// range to the bottom of `i8` (`'a'..='z'` + 0x1F is `-128..=-103`).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    fn sse2(block: &[u8; 64], symbols: &[u8], gate_symbols: &[u8]) -> Masks {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
            _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128,
        };
        let mut m = Masks {
            alnum: 0,
            glue: 0,
            symbol: 0,
            word: 0,
            high: 0,
            continuation: 0,
            gate_symbol: 0,
        };
        let eq = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            let half = |r: std::ops::Range<usize>| {
                sixteen
                    .get(r)
                    .and_then(|s| <[u8; 8]>::try_from(s).ok())
                    .map_or(0, i64::from_le_bytes)
            };
            let v = _mm_set_epi64x(half(8..16), half(0..8));
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let alpha = _mm_cmplt_epi8(
                _mm_add_epi8(lower, _mm_set1_epi8(0x1F)),
                _mm_set1_epi8(-102),
            );
            let digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x50)), _mm_set1_epi8(-118));
            let alnum = _mm_or_si128(alpha, digit);
            let word = _mm_or_si128(alnum, eq(v, b'_'));
            let glue = _mm_or_si128(word, _mm_or_si128(eq(v, b'@'), eq(v, b'#')));
            let symbol = symbols
                .iter()
                .fold(_mm_setzero_si128(), |acc, &s| _mm_or_si128(acc, eq(v, s)));
            // 0x80..=0xBF are -128..=-65 as `i8`.
            let continuation = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
            let gate_symbol = gate_symbols
                .iter()
                .fold(_mm_setzero_si128(), |acc, &s| _mm_or_si128(acc, eq(v, s)));
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            m.alnum |= bits(alnum);
            m.glue |= bits(glue);
            m.symbol |= bits(symbol);
            m.word |= bits(word);
            m.high |= bits(v);
            m.continuation |= bits(continuation);
            m.gate_symbol |= bits(gate_symbol);
        }
        m
    }
}

#[cfg(target_arch = "x86_64")]
impl Masks {
    /// [`Masks::sse2`] with AVX-512BW: the whole block in one register, each class one
    /// compare straight into a bit mask. (`'a'..='z'` is a range test by unsigned
    /// comparison after subtracting `'a'`.)
    ///
    /// # Safety
    /// The CPU must have AVX-512F and AVX-512BW.
    #[target_feature(enable = "avx512f,avx512bw")]
    #[inline]
    unsafe fn avx512(block: &[u8; 64], symbols: &[u8], gate_symbols: &[u8]) -> Masks {
        use std::arch::x86_64::{
            _mm512_cmpeq_epi8_mask, _mm512_cmplt_epi8_mask, _mm512_cmplt_epu8_mask,
            _mm512_loadu_si512, _mm512_movepi8_mask, _mm512_or_si512, _mm512_set1_epi8,
            _mm512_sub_epi8,
        };
        // SAFETY: `block` is 64 readable bytes, and the load needs no alignment.
        let v = unsafe { _mm512_loadu_si512(block.as_ptr().cast()) };
        let splat = |b: u8| _mm512_set1_epi8(b as i8);
        let eq = |b: u8| _mm512_cmpeq_epi8_mask(v, splat(b));
        let lower = _mm512_or_si512(v, splat(0x20));
        let alpha = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lower, splat(b'a')), splat(26));
        let digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, splat(b'0')), splat(10));
        let alnum = alpha | digit;
        let word = alnum | eq(b'_');
        Masks {
            alnum,
            glue: word | eq(b'@') | eq(b'#'),
            symbol: symbols.iter().fold(0, |acc, &s| acc | eq(s)),
            word,
            high: _mm512_movepi8_mask(v),
            // 0x80..=0xBF are -128..=-65 as `i8`.
            continuation: _mm512_cmplt_epi8_mask(v, splat(0xC0)),
            gate_symbol: gate_symbols.iter().fold(0, |acc, &s| acc | eq(s)),
        }
    }
}

/// Run-time detection of the AVX-512 kernel's features.
#[cfg(target_arch = "x86_64")]
mod avx512 {
    /// Whether this CPU has what [`super::Starts::scan_avx512`] enables (the standard
    /// library caches the answer, so this is a load and a test).
    #[inline]
    pub(super) fn available() -> bool {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("popcnt")
            && std::arch::is_x86_feature_detected!("lzcnt")
    }
}

/// A [`BITS`]-bit hash of an ASCII run of letters and digits, of length `run`, whose
/// first bytes are `word` (little-endian; bytes past the run are ignored): its first
/// eight bytes lower-cased and its length, with every length from nine up counted as
/// nine (longer runs that share eight bytes share a bit).
#[inline(always)]
pub(crate) fn run_hash(word: u64, run: usize) -> usize {
    let m = mask(run.min(8));
    // 0x20 lower-cases a letter and leaves a digit as it is.
    let word = (word | 0x2020_2020_2020_2020) & m;
    let len = run.min(9) as u64;
    let h = (word ^ len.rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - BITS)) as usize
}

/// A [`BITS`]-bit hash of a first run's hash `first` and a second run (as in
/// [`run_hash`]).
fn pair_hash(first: usize, word: u64, run: usize) -> usize {
    let word = (word | 0x2020_2020_2020_2020) & mask(run.min(8));
    let len = run.min(9) as u64;
    let h = (word ^ len.rotate_right(8) ^ (first as u64).rotate_right(24))
        .wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (h >> (64 - BITS)) as usize
}

/// The [`Starts::pairs`] bit of a first run with hash `first` followed by the byte
/// `next`, which is no space (nor an ASCII letter or digit: it ends the run).
///
/// [`pair_hash`] with a run of length 0, which no second run has, so these bits
/// share the table with the two-run pairs (a collision only keeps a word too many).
#[inline(always)]
fn symbol_pair_hash(first: usize, next: u8) -> usize {
    pair_hash(first, u64::from(next), 0)
}

/// The length of the run of ASCII letters and digits at the start of `bytes`.
pub(crate) fn alnum_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| class(b) & ALNUM == 0)
        .unwrap_or(bytes.len())
}

/// The first eight bytes of `bytes`, little-endian, NUL-padded.
pub(crate) fn first_eight(bytes: &[u8]) -> u64 {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    let mut w = [0u8; 8];
    for (d, s) in w.iter_mut().zip(bytes) {
        *d = *s;
    }
    u64::from_le_bytes(w)
}

/// The low `n` bytes set (1 ≤ `n` ≤ 8; an `n` of 0 counts as 1, which no run has).
///
/// A table load: the shift and clamps cost a dozen instructions per word in the scan.
#[inline(always)]
fn mask(n: usize) -> u64 {
    const MASKS: [u64; 9] = {
        let mut t = [0u64; 9];
        let mut n = 0;
        while n < 9 {
            let bytes = if n == 0 { 1 } else { n };
            t[n] = u64::MAX >> (64 - 8 * bytes);
            n += 1;
        }
        t
    };
    MASKS.get(n).copied().unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position where some pattern matches (ASCII case-insensitively) with the
    /// start and end conditions of the module docs: the positions the filter must keep.
    fn must_keep(patterns: &[&str], text: &str) -> Vec<usize> {
        let t = text.as_bytes();
        let mut out = Vec::new();
        for p in 0..t.len() {
            let keep = patterns.iter().any(|pat| {
                let pb = pat.as_bytes();
                let Some(seg) = t.get(p..p + pb.len()) else {
                    return false;
                };
                if !seg.eq_ignore_ascii_case(pb) {
                    return false;
                }
                let first_alnum = pb.first().is_some_and(u8::is_ascii_alphanumeric);
                let last_alnum = pb.last().is_some_and(u8::is_ascii_alphanumeric);
                let before_ok = p == 0 || class(t[p - 1]) & GLUE == 0;
                let after_ok = t
                    .get(p + pb.len())
                    .is_none_or(|b| !b.is_ascii_alphanumeric());
                !first_alnum || (before_ok && (!last_alnum || after_ok))
            });
            if keep {
                out.push(p);
            }
        }
        out
    }

    /// The positions of the first bytes of patterns that do not begin with an ASCII
    /// letter or digit, followed by the pattern's second byte up to ASCII case or
    /// ending the pattern: exactly the symbol candidates of the filter (module docs).
    fn symbol_starts(patterns: &[&str], text: &[u8]) -> Vec<usize> {
        (0..text.len())
            .filter(|&p| {
                patterns.iter().any(|pat| {
                    let pb = pat.as_bytes();
                    !pb[0].is_ascii_alphanumeric()
                        && pb[0] == text[p]
                        && pb.get(1).is_none_or(|b| {
                            text.get(p + 1).is_some_and(|n| n.eq_ignore_ascii_case(b))
                        })
                })
            })
            .collect()
    }

    fn candidates(f: &Starts<1>, text: &[u8]) -> Vec<usize> {
        let [one] = f.scan(text);
        one
    }

    #[test]
    fn keeps_every_possible_start_and_drops_most_words() {
        let patterns = [
            "Java",
            "Go",
            "C",
            "C++",
            "C#",
            "Node.js",
            ".NET",
            "CI/CD",
            "Spring Boot",
            "PostgreSQL",
            "microservices",
            "microservice",
            "k8s",
            "Python 3",
            "Test-driven development",
            "end-to-end",
            "MS-SQL",
        ];
        // A user list whose patterns begin with more symbol bytes than the SSE2 path
        // tests, one of them non-ASCII: the byte-by-byte masks.
        // A one-byte symbol pattern, `&`, is a candidate wherever it occurs.
        let user = [
            "Ökonom", "$php", "+x", "/bin", "_private", ".NET", "Java", "&",
        ];
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        const PIECES: &[&str] = &[
            "java",
            "JAVA",
            "Java8",
            "javascript",
            "go",
            "GO",
            "golang",
            "c",
            "C",
            "c++",
            "C#",
            "node.js",
            "NODE",
            ".net",
            ".NET",
            "ci/cd",
            "CI",
            "spring boot",
            "spring",
            "postgresql",
            "PostgreSQLx",
            "microservices",
            "microservice",
            "micro",
            "k8s",
            "python 3",
            "python",
            " ",
            " ",
            ",",
            "_",
            "@",
            "#",
            ".",
            "/",
            "-",
            "é",
            "•",
            "\n",
            "x",
            "2020",
            "3",
            "Ökonom",
            "ökonom",
            "$PHP",
            "+x",
            "/bin",
            "_private",
            "boot",
            "Boot",
            "bootstrap",
            "\t",
            "&",
            "+",
            "+X",
            "$",
            "$p",
            "/BIN",
            ".n",
            "e.g.",
            "test",
            "Test-driven development",
            "test driven",
            "end",
            "END-TO-END",
            "-to-",
            "ms",
            "MS-SQL",
            "-sql",
        ];
        for _ in 0..5_000 {
            let len = 1 + (next() % 16) as usize;
            let t: String = crate::testgen::pieces(&mut next, PIECES, len);
            let mut each = Vec::new();
            for set in [&patterns[..], &user[..]] {
                let f = Starts::new([set]).expect("no empty pattern");
                let got = candidates(&f, t.as_bytes());
                for p in must_keep(set, &t) {
                    assert!(got.contains(&p), "{t:?}: start {p} dropped, kept {got:?}");
                }
                assert!(got.windows(2).all(|w| w[0] < w[1]), "{t:?}: {got:?}");
                // The symbol candidates are exactly those the second byte allows.
                let symbols: Vec<usize> = got
                    .iter()
                    .copied()
                    .filter(|&p| !t.as_bytes()[p].is_ascii_alphanumeric())
                    .collect();
                assert_eq!(symbols, symbol_starts(set, t.as_bytes()), "{t:?}");
                each.push(got);
            }
            // Two sets scanned together give each set's own candidates.
            let both = Starts::new([&patterns[..], &user[..]]).expect("no empty pattern");
            assert_eq!(both.scan(t.as_bytes()).to_vec(), each, "{t:?}");
        }
        let f = Starts::new([&patterns[..]]).expect("no empty pattern");
        let prose = "We built the new billing system with a small team and shipped it on time";
        assert!(candidates(&f, prose.as_bytes()).is_empty());
        assert_eq!(
            candidates(&f, b"Java, .NET and x.NET; JavaScript"),
            vec![0, 6, 16]
        );
        // Dots that end an abbreviation or a sentence are no `.NET`.
        assert_eq!(candidates(&f, b"e.g. a. .net."), vec![8]);
        // Words that begin only patterns going on with a symbol need that symbol.
        assert!(candidates(&f, b"unit test, end user, MS Office").is_empty());
        assert_eq!(
            candidates(&f, b"test-driven, end-to-end, ms-sql"),
            vec![0, 13, 25]
        );
    }

    #[test]
    fn block_masks_equal_the_bytewise_reference() {
        let mut symbols = [0u8; 256];
        let list = vec![b'.', 0xC3, b'+'];
        for &b in &list {
            symbols[usize::from(b)] = 1;
        }
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2_000 {
            let mut block = [0u8; 64];
            for b in block.iter_mut() {
                let state = next();
                // Half the bytes from the interesting ones, half anything.
                let pick = b"aZz09_@#.+ \n\xC3\x80\xBF\xC0\xFF/-`{[:";
                *b = if state & 1 == 0 {
                    pick[(state >> 8) as usize % pick.len()]
                } else {
                    (state >> 16) as u8
                };
            }
            for gate_symbols in [&b""[..], b".", b"-/#\xC3"] {
                let reference = Masks::bytewise(&block, &symbols, gate_symbols);
                assert_eq!(
                    Masks::of(&block, &Some(list.clone()), &symbols, gate_symbols),
                    reference,
                    "{block:?}"
                );
                #[cfg(target_arch = "x86_64")]
                if avx512::available() {
                    // SAFETY: the CPU has the kernel's features (checked just now).
                    let fast = unsafe { Masks::avx512(&block, &list, gate_symbols) };
                    assert_eq!(fast, reference, "{block:?}");
                }
            }
        }
    }

    #[test]
    fn the_gate_positions_of_a_scan_are_the_walkers_own() {
        use crate::fastre::walk::Walker;
        // Gates that begin with letters, digits, `_`, symbols and non-ASCII chars; the
        // second has more than four symbols, so every boundary is its candidate.
        let gates = [
            vec![
                r"(?i:java\s+dev|hire[ds]?|\.net|c#|_id|é\w+|\d+ ?y)".to_owned(),
                r"(?:•\s*led|over \d)".to_owned(),
            ],
            vec![r"(?:[.#+/,;-]x|\s+y|ab)".to_owned()],
            // No match within three bytes that every fourth byte extends: the only gate
            // whose four-byte table filters.
            vec![
                r"(?i:java\s+dev|hired|\.net|c#\s*dev|_id\d|é\w\w\w|\d+ ?years)".to_owned(),
                r"(?:•\s*led|over \d)".to_owned(),
            ],
        ];
        let patterns = ["Java", "C#", ".NET", "node.js", "spring boot", "x"];
        let starts = Starts::new([&patterns[..]]).expect("no empty pattern");
        const PIECES: &[&str] = &[
            "java",
            "Java ",
            "dev",
            "hired",
            ".net",
            ".NET",
            "c#",
            "C#",
            "_id",
            "@java",
            "#hire",
            "é",
            "éa",
            "É",
            "•",
            "• led",
            "over 5",
            "12 y",
            "1y",
            "years",
            "12 years",
            " ",
            ", ",
            ".",
            "\n",
            "x",
            "y",
            "ab",
            "_",
            "+",
            "\u{300}",
            "\u{10348}",
            "spring boot",
        ];
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        let mut passing = 0;
        for gate in &gates {
            let groups: Vec<usize> = (0..gate.len()).collect();
            let walker = Walker::new(gate, groups, gate.len()).expect("builds");
            assert_eq!(
                walker.filter().quads_filter(),
                gate.len() == 2 && gate[0].contains("years")
            );
            for _ in 0..2_000 {
                let len = (next() % 60) as usize;
                let t = crate::testgen::pieces(&mut next, PIECES, len);
                let (own, gate_passing) = starts.scan_with_gate(t.as_bytes(), walker.filter());
                assert_eq!(own, starts.scan(t.as_bytes()), "{t:?}");
                assert_eq!(gate_passing, walker.passing(&t), "{t:?}");
                // The portable kernel too, where `scan_with_gate` took the AVX-512 one.
                let portable = starts.scan_inner::<false>(t.as_bytes(), Some(walker.filter()));
                assert_eq!(portable, (own, gate_passing.clone()), "{t:?}");
                passing += gate_passing.len();
            }
        }
        assert!(passing > 5_000, "{passing}");
    }

    #[test]
    fn runs_across_blocks_and_at_the_end() {
        let f = Starts::new([&["Kubernetes", "Java", ".NET"][..]]).expect("no empty pattern");
        for pad in 0..70 {
            let t = format!(
                "{}Kubernetes, java\nxJava {}.NET",
                " ".repeat(pad),
                "y".repeat(pad)
            );
            let got = candidates(&f, t.as_bytes());
            let want = vec![pad, pad + 12, pad + 23 + pad];
            assert_eq!(got, want, "{t:?}");
            // A run that goes on past its block is one word: "Javaxx..." is not "Java".
            let long = format!("{}Java{}", " ".repeat(pad), "x".repeat(pad));
            assert_eq!(
                candidates(&f, long.as_bytes()),
                [pad].repeat(usize::from(pad == 0))
            );
        }
        // Second runs read off the block mask, cut by the block end or the text's end.
        let two = Starts::new([&["Spring Boot"][..]]).expect("no empty pattern");
        for pad in 0..70 {
            let t = format!(
                "{}Spring Boot, spring bootstrap, spring  boot, spring\nboot, Spring Boot",
                " ".repeat(pad)
            );
            assert_eq!(candidates(&two, t.as_bytes()), vec![pad, pad + 58], "{t:?}");
        }
    }

    #[test]
    fn an_empty_pattern_has_no_filter() {
        assert!(Starts::new([&["Java", ""][..]]).is_none());
    }
}
