//! The keyword pattern a mention can start with at an ASCII letter or digit, found in
//! a small table keyed by the text's first run instead of by walking the keyword
//! automaton.
//!
//! `KeywordMatcher::mentions_by_line_with` takes at each candidate start `p` the
//! longest pattern `P*` that begins there (ASCII case-insensitively, every other byte
//! exactly: `KeywordMatcher::longest_at`, an anchored leftmost-longest walk of the
//! automaton) and keeps the mention when `accept` takes it. The walk loads a
//! transition per byte from a table far larger than the caches. When the byte at `p`
//! is an ASCII letter or digit, the same mentions come from [`Aligned::longest_at`]:
//! * Only patterns that begin with a letter or digit match at `p`: case folding keeps a
//!   byte a letter or digit, and other bytes compare exactly.
//! * Let `r` be the length of the text's run of ASCII letters and digits at `p`, and
//!   `k` that of a matching pattern `Q`'s first run. The text matches `Q`'s run with
//!   letters and digits, so `k ≤ r`. Call `Q` *aligned* when `k = r`: its first run is
//!   the text's, up to case.
//! * A pattern `Q` that matches and is not aligned (`k < r`) is its run alone: if it
//!   went on, its next byte, no letter or digit, would be matched by the text's byte at
//!   `p + k`, which is one. So `Q` ends with a letter or digit and one follows it in
//!   the text: `accept` rejects it (as in [`crate::starts`]).
//! * The patterns that match at `p` are prefixes of the text there (up to case), so no
//!   two have the same length: they would be equal up to ASCII case, and so have the
//!   same Unicode lower case, by which `KeywordMatcher::new` drops duplicates. An
//!   aligned one is at least `r` long, one that is not is shorter than `r`. So when some
//!   matching pattern is aligned, `P*` is too (it is at least as long) and it is the
//!   longest aligned pattern; when none is, `P*` (if any) is rejected.
//!
//! So "`P*`, if `accept` takes it" is "the longest aligned pattern, if `accept` takes
//! it", at every `p` with a letter or digit (word start or not: the byte before `p`
//! plays no part). Every aligned pattern's first run, lower-cased, is the text's;
//! [`Aligned`] keeps the patterns in a hash table keyed by that run, a pattern's
//! lower-cased bytes in its slot, so that the lookup reads one or two cache lines where
//! the walk read one per byte: the first slot of the probe sequence whose pattern has a
//! run `r` long and matches the text is the answer, as the patterns with one run are
//! inserted longest first (see [`Aligned::new`]). A hash collision only puts patterns
//! whose run differs from the text's on the way, which the text does not match with a
//! run of the same length. Patterns that begin with another byte (`.NET`) are not
//! listed: at such a byte the automaton walks.

use crate::starts::{BITS, alnum_run, run_hash, word_at};

/// Bytes of a pattern kept in its [`Slot`]; the rest (a few titles) is in
/// [`Aligned::tails`].
const INLINE: usize = 24;

/// One pattern of the table, in half a cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    /// The pattern's first [`INLINE`] bytes, ASCII lower-cased, NUL-padded, as
    /// little-endian words.
    lower: [u64; INLINE / 8],
    /// Where its bytes past [`INLINE`] begin in [`Aligned::tails`].
    tail: u32,
    /// Its index among the automaton's patterns.
    pattern: u16,
    /// Its length; 0 marks an empty slot (no pattern is empty).
    len: u8,
    /// The length of its first run of ASCII letters and digits.
    run: u8,
}

/// The patterns that begin with an ASCII letter or digit, in an open-addressing table
/// keyed by their first run (see the module docs).
#[derive(Debug)]
pub(crate) struct Aligned {
    /// A power of two of slots, at most half of them full, so that every probe
    /// sequence ends at an empty one.
    slots: Box<[Slot]>,
    /// The bytes past [`INLINE`] of the longer patterns, one after the other.
    tails: Box<[u8]>,
    /// How far [`run_hash`]'s [`BITS`]-bit hash is shifted down to a slot index.
    shift: u32,
}

impl Aligned {
    /// The table of `patterns` (in the automaton's order); `None` if there are too
    /// many, or one is too long, for a [`Slot`].
    ///
    /// Linear probing finds the patterns of one home slot in the order they were
    /// inserted (each went to the first free slot after those before it), and patterns
    /// with the same first run share their home; so inserting longest first makes the
    /// first match along the probe sequence the longest.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Option<Aligned> {
        let mut listed: Vec<(usize, &[u8])> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.as_ref().as_bytes();
            if alnum_run(p) > 0 {
                listed.push((i, p));
            }
        }
        let size = (2 * listed.len()).next_power_of_two().clamp(64, 1 << BITS);
        if 2 * listed.len() > size {
            return None;
        }
        let shift = BITS - size.trailing_zeros();
        listed.sort_by_key(|&(i, p)| (std::cmp::Reverse(p.len()), i));
        let mut slots = vec![Slot::default(); size];
        let mut tails = Vec::new();
        for (i, p) in listed {
            let run = alnum_run(p);
            let mut lower = [0u64; INLINE / 8];
            for (w, chunk) in lower.iter_mut().zip(p.chunks(8)) {
                let mut b = [0u8; 8];
                for (d, s) in b.iter_mut().zip(chunk) {
                    *d = s.to_ascii_lowercase();
                }
                *w = u64::from_le_bytes(b);
            }
            let slot = Slot {
                lower,
                tail: u32::try_from(tails.len()).ok()?,
                pattern: u16::try_from(i).ok()?,
                len: u8::try_from(p.len()).ok()?,
                run: u8::try_from(run).ok()?,
            };
            tails.extend_from_slice(p.get(INLINE..).unwrap_or_default());
            let mut at = run_hash(word_at(p, 0), run) >> shift;
            while slots.get(at)?.len != 0 {
                at = (at + 1) % size;
            }
            *slots.get_mut(at)? = slot;
        }
        Some(Aligned {
            slots: slots.into_boxed_slice(),
            tails: tails.into_boxed_slice(),
            shift,
        })
    }

    /// The longest aligned pattern at `at` (pattern index, end offset), if the byte
    /// there is an ASCII letter or digit: in a mention search, the same as the longest
    /// pattern there (see the module docs).
    pub fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let rest = text.get(at..)?;
        let first = word_at(text, at);
        let alnum = alnum_bits(first);
        let run = if alnum == HIGH {
            8 + alnum_run(rest.get(8..).unwrap_or_default())
        } else {
            ((!alnum & HIGH).trailing_zeros() / 8) as usize
        };
        let words = [
            lower_ascii(first),
            lower_ascii(word_at(text, at + 8)),
            lower_ascii(word_at(text, at + 16)),
        ];
        let mut i = run_hash(first, run) >> self.shift;
        // At most every slot; the loop ends at an empty one long before.
        for _ in 0..self.slots.len() {
            let s = self.slots.get(i)?;
            let len = usize::from(s.len);
            if len == 0 {
                return None;
            }
            if usize::from(s.run) == run && len <= rest.len() && self.matches(s, &words, rest) {
                return Some((usize::from(s.pattern), at + len));
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
        None
    }

    /// Whether `rest`, at least as long as `s`'s pattern, begins with it up to ASCII
    /// case; `words` are `rest`'s first [`INLINE`] bytes lower-cased.
    #[inline(always)]
    fn matches(&self, s: &Slot, words: &[u64; INLINE / 8], rest: &[u8]) -> bool {
        let len = usize::from(s.len);
        let inline = s
            .lower
            .iter()
            .zip(words)
            .enumerate()
            .all(|(k, (&p, &t))| (p ^ t) & low_bytes(len.saturating_sub(8 * k)) == 0);
        inline
            && (len <= INLINE || {
                let tail = s.tail as usize;
                let pattern_tail = self.tails.get(tail..tail + len - INLINE);
                let text_tail = rest.get(INLINE..len);
                pattern_tail
                    .zip(text_tail)
                    .is_some_and(|(p, t)| p.eq_ignore_ascii_case(t))
            })
    }
}

/// Each byte's high bit.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// Each byte 1.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The low `n` bytes of a word set (all from 8 on).
#[inline(always)]
fn low_bytes(n: usize) -> u64 {
    match n {
        0 => 0,
        1..=7 => u64::MAX >> (64 - 8 * n),
        _ => u64::MAX,
    }
}

/// The high bit of each byte of `w` that is in `lo..=hi` once `fold` is or-ed in
/// (0 < `lo` ≤ `hi` < 0x80); other bits clear. Bytes from 0x80 on never are.
#[inline(always)]
fn in_range(w: u64, fold: u8, lo: u8, hi: u8) -> u64 {
    // Seven bits plus 0x80 - lo (or 0x7F - hi) stay below 0x100: no carry between bytes.
    let low7 = (w & !HIGH) | (u64::from(fold) * ONES);
    let ge_lo = low7 + u64::from(0x80 - lo) * ONES;
    let gt_hi = low7 + u64::from(0x7F - hi) * ONES;
    (ge_lo ^ gt_hi) & !w & HIGH
}

/// The high bit of each byte of `w` that is an ASCII letter or digit.
#[inline(always)]
fn alnum_bits(w: u64) -> u64 {
    in_range(w, 0x20, b'a', b'z') | in_range(w, 0, b'0', b'9')
}

/// `w` with each byte ASCII lower-cased ([`u8::to_ascii_lowercase`]).
#[inline(always)]
fn lower_ascii(w: u64) -> u64 {
    w | in_range(w, 0, b'A', b'Z') >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest of `patterns` that the text at `at` begins with up to ASCII case
    /// (what the anchored leftmost-longest automaton walk finds), by trying each.
    fn longest_reference(patterns: &[&str], text: &[u8], at: usize) -> Option<(usize, usize)> {
        let rest = text.get(at..)?;
        patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                rest.get(..p.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()))
            })
            .max_by_key(|(_, p)| p.len())
            .map(|(i, p)| (i, at + p.len()))
    }

    /// `text` with each ASCII letter's case flipped when `next` says so (one in three).
    fn mangle(next: &mut impl FnMut() -> u64, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' if next().is_multiple_of(3) => (c as u8 ^ 0x20) as char,
                _ => c,
            })
            .collect()
    }

    #[test]
    fn the_longest_aligned_pattern_is_the_longest_match_or_it_is_rejected() {
        // Patterns that share first runs (one-run and longer), runs of 7 to 10 bytes
        // around the hash's 8, digits, non-ASCII bytes right after a run and further on,
        // a symbol start (not listed), and patterns longer than a slot holds.
        let patterns = [
            "Spring",
            "Spring Boot",
            "spring framework",
            "Spring Boot Actuator Endpoints",
            "C",
            "C++",
            "C#",
            "Go",
            "golang",
            "mentor",
            "mentoring",
            "mentoría",
            "chef d'équipe",
            "k8s",
            "3D",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefgh x",
            "Node.js",
            ".NET",
            "Java EE",
            "Java",
            "JavaScript",
            "Site Reliability Engineering Manager",
            "x_y",
            "A-B",
            "a+",
        ];
        let table = Aligned::new(&patterns).expect("builds");
        const PIECES: &[&str] = &[
            "spring",
            "Spring Boot",
            "Spring Boot Actuator Endpoints",
            "Spring Boot Actuator",
            "spring framework",
            "c",
            "c++",
            "C#",
            "go",
            "golang",
            "Golangs",
            "mentor",
            "mentoring",
            "mentoría",
            "mentorí",
            "chef d'équipe",
            "chef d'Équipe",
            "k8s",
            "\u{212A}8s",
            "3d",
            "3D2",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefghijk",
            "abcdefgh x",
            "node.js",
            ".net",
            "java ee",
            "javaee",
            "java",
            "javascript",
            "site reliability engineering manager",
            "Site Reliability Engineering",
            "x_y",
            "a-b",
            "a+",
            " ",
            " ",
            "_",
            "@",
            "#",
            "-",
            "+",
            ".",
            "é",
            "ſ",
            "2020",
            "x",
        ];
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        let (mut same, mut misaligned, mut long) = (0, 0, 0);
        for _ in 0..20_000 {
            let len = 1 + (next() % 8) as usize;
            let plain = crate::testgen::pieces(&mut next, PIECES, len);
            let t = mangle(&mut next, &plain);
            let t = t.as_bytes();
            for at in 0..t.len() {
                if !t[at].is_ascii_alphanumeric() {
                    continue;
                }
                let want = longest_reference(&patterns, t, at);
                let got = table.longest_at(t, at);
                if got == want {
                    same += usize::from(got.is_some());
                    long += usize::from(got.is_some_and(|(_, end)| end - at > INLINE));
                    continue;
                }
                // Only a pattern that is its run alone, with a letter or digit after it in
                // the text, is left out: one `accept` rejects.
                let (i, end) = want.expect("a match where the reference has none");
                assert_eq!(got, None, "{t:?} at {at}");
                assert_eq!(alnum_run(patterns[i].as_bytes()), patterns[i].len());
                assert!(t.get(end).is_some_and(u8::is_ascii_alphanumeric), "{t:?}");
                misaligned += 1;
            }
        }
        assert!(
            same > 20_000 && misaligned > 2_000 && long > 200,
            "{same} {misaligned} {long}"
        );
    }

    #[test]
    fn word_tests_equal_the_byte_tests() {
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        // Every byte value in every position, among random neighbours.
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = next().to_le_bytes();
                bytes[k] = b;
                let w = u64::from_le_bytes(bytes);
                let lower = bytes.map(|c| c.to_ascii_lowercase());
                assert_eq!(lower_ascii(w), u64::from_le_bytes(lower), "{bytes:?}");
                let alnum = bytes.map(|c| if c.is_ascii_alphanumeric() { 0x80 } else { 0 });
                assert_eq!(alnum_bits(w), u64::from_le_bytes(alnum), "{bytes:?}");
            }
        }
        for n in 0..=9 {
            let want: u64 = (0..n.min(8)).map(|k| 0xFF << (8 * k)).sum();
            assert_eq!(low_bytes(n), want);
        }
    }
}
