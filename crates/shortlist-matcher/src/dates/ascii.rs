//! Byte-level twins of the line regexes of [`super`] for lines that are ASCII
//! apart from a few bullet and punctuation characters ([`NEUTRAL`]), which
//! is almost every dated line.
//!
//! On ASCII text the regexes' Unicode classes are plain byte tests: `\d` is
//! `0-9`, `\s` is tab, line feed, vertical tab, form feed, carriage return and
//! space, a word character (for `\b`) is `[0-9A-Za-z_]`, and `(?i)` only folds
//! ASCII letters (the only other characters folding to ASCII letters, 'ſ' and
//! the Kelvin sign, cannot occur), so non-ASCII alternatives never match. A
//! [`NEUTRAL`] character is none of word, space or digit, has no case and is
//! in no pattern, exactly like an ASCII `#`; its bytes (all `>= 0x80`) fail
//! every byte test here the same way.
//! Each matcher tries the alternatives in the order the backtracking regex
//! does and stops at the first success, so the leftmost-first matches (spans
//! and groups) are the regex's own; the tests in [`super`] compare the two on
//! generated lines.

use std::sync::LazyLock;

use super::{
    BIRTH_WORDS, CONNECTOR_WORDS, MONTH_LOOKUP, MONTHS, OPEN_END_WORDS, Point, RawRange,
    SINCE_WORDS, Token,
};

/// Non-ASCII characters that behave like ASCII punctuation for every line
/// regex (checked by a test): bullets, dashes and quotes seen in résumés.
pub(super) const NEUTRAL: &[char] = &[
    '•', '➢', '✶', '❖', '●', '○', '◦', '▪', '■', '□', '◆', '►', '▶', '➤', '✓', '✔', '★', '☆', '–',
    '—', '‘', '’', '“', '”', '…', '€', '→', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}',
];

/// Whether the matchers here give the regexes' results on `line`: it holds
/// no non-ASCII character other than [`NEUTRAL`] ones.
pub(super) fn applies(line: &str) -> bool {
    line.is_ascii() || applies_beyond_ascii(line)
}

/// [`applies`] on a line with some non-ASCII byte: skips ASCII runs eight
/// bytes at a time and decodes only the non-ASCII characters (bulleted
/// lines are long runs of ASCII with a bullet or a dash here and there).
fn applies_beyond_ascii(line: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i + 8 <= b.len() && load8(b, i) & HIGH == 0 {
            i += 8;
        }
        while b.get(i).is_some_and(u8::is_ascii) {
            i += 1;
        }
        // `i` is the end or the first byte of a non-ASCII character, as
        // every byte before it is ASCII.
        let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
            return i >= b.len();
        };
        if !NEUTRAL.contains(&c) {
            return false;
        }
        i += c.len_utf8();
    }
}

/// [`CLASS`] bit: `\w`.
const WORD: u8 = 1;
/// [`CLASS`] bit: `\s`.
const SPACE: u8 = 2;
/// [`CLASS`] bit: an ASCII letter.
const LETTER: u8 = 4;

/// The classes of each byte value (bytes `>= 0x80` have none), so the scans
/// test one table entry per byte.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        if c.is_ascii_alphabetic() {
            t[i] = WORD | LETTER;
        } else if c.is_ascii_digit() || c == b'_' {
            t[i] = WORD;
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            t[i] = SPACE;
        }
        i += 1;
    }
    t
};

/// `\w` on ASCII.
fn is_word(b: u8) -> bool {
    CLASS[usize::from(b)] & WORD != 0
}

/// `\s` on ASCII.
fn is_space(b: u8) -> bool {
    CLASS[usize::from(b)] & SPACE != 0
}

/// The byte at `i`, or NUL past the end: NUL is no word, space or digit
/// character and no literal of any pattern, so every test that could tell
/// them apart (`\b` aside, where both count as non-word) checks the length.
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// Whether `\b` holds at `i` right after a word character.
fn ends_word(b: &[u8], i: usize) -> bool {
    !is_word(at(b, i))
}

/// Whether `\b` holds at `i` right before a word character.
fn starts_word(b: &[u8], i: usize) -> bool {
    i == 0 || !is_word(at(b, i - 1))
}

/// First index at or after `i` that is not `\s`.
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while is_space(at(b, i)) {
        i += 1;
    }
    i
}

/// Whether `b[i..]` starts with `word`, ignoring ASCII case.
fn has_word(b: &[u8], i: usize, word: &[u8]) -> bool {
    b.get(i..i + word.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(word))
}

/// The value of the digits `b[i..i + n]` (at most four, checked by callers).
fn digits(b: &[u8], i: usize, n: usize) -> i32 {
    (i..i + n).fold(0, |v, j| v * 10 + i32::from(at(b, j).wrapping_sub(b'0')))
}

/// The lengths `\d{1,2}` can take at `i`, greediest first (`0` = none).
fn one_or_two_digits(b: &[u8], i: usize) -> [usize; 2] {
    match (at(b, i).is_ascii_digit(), at(b, i + 1).is_ascii_digit()) {
        (true, true) => [2, 1],
        (true, false) => [1, 0],
        _ => [0, 0],
    }
}

/// `(?:19|20)\d{2}` at `i`: the year.
fn year_at(b: &[u8], i: usize) -> Option<i32> {
    let century = matches!((at(b, i), at(b, i + 1)), (b'1', b'9') | (b'2', b'0'));
    (century && at(b, i + 2).is_ascii_digit() && at(b, i + 3).is_ascii_digit())
        .then(|| digits(b, i, 4))
}

/// `(?:19|20)\d{2}\b` at `i`: the year.
fn bounded_year_at(b: &[u8], i: usize) -> Option<i32> {
    year_at(b, i).filter(|_| ends_word(b, i + 4))
}

/// The lengths `0?[1-9]|1[0-2]` can take at `i`, in the regex's order (`0` = none).
fn month_number(b: &[u8], i: usize) -> [usize; 3] {
    let (x, y) = (at(b, i), at(b, i + 1));
    [
        usize::from(x == b'0' && matches!(y, b'1'..=b'9')) * 2,
        usize::from(matches!(x, b'1'..=b'9')),
        usize::from(x == b'1' && matches!(y, b'0'..=b'2')) * 2,
    ]
}

/// A lower-case ASCII literal, compared eight bytes at a time against
/// [`lower8`] of the haystack: one mask and compare per alternative instead
/// of a byte loop.
#[derive(Debug, Clone, Copy)]
struct Lit {
    /// The first eight bytes, little-endian, zero-padded.
    head: u64,
    /// Selects the bytes of `head` that belong to the literal.
    mask: u64,
    /// The bytes after the first eight.
    tail: &'static [u8],
    len: usize,
    /// Length of the leading run of letters: the word the literal starts
    /// with, which a `\b`-delimited match needs the haystack word to equal.
    first_word: usize,
}

impl Lit {
    fn new(word: &'static str) -> Lit {
        let b = word.as_bytes();
        let n = b.len().min(8);
        let mut head = [0u8; 8];
        head[..n].copy_from_slice(&b[..n]);
        Lit {
            head: u64::from_le_bytes(head),
            mask: u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0),
            tail: &b[n..],
            len: b.len(),
            first_word: b.iter().take_while(|c| c.is_ascii_alphabetic()).count(),
        }
    }

    /// Whether `b[i..]` starts with the literal, ignoring ASCII case; `h` is `lower8(b, i)`.
    fn at(&self, b: &[u8], i: usize, h: u64) -> bool {
        h & self.mask == self.head && (self.tail.is_empty() || has_word(b, i + 8, self.tail))
    }
}

/// Up to eight bytes of `b` from `i`, ASCII letters lower-cased, zero-padded,
/// little-endian. Literals hold no NUL, so the padding never matches them.
/// Runs for most words of a dated line, so it reads the eight bytes as one
/// word where the line has them and folds all eight at once (see
/// [`lower_ascii_letters`]).
fn lower8(b: &[u8], i: usize) -> u64 {
    lower_ascii_letters(load8(b, i))
}

/// Up to eight bytes of `b` from `i` as one little-endian word, zero-padded
/// past the end (one load where the line has the eight bytes).
fn load8(b: &[u8], i: usize) -> u64 {
    match b
        .get(i..i + 8)
        .and_then(|src| <[u8; 8]>::try_from(src).ok())
    {
        Some(w) => u64::from_le_bytes(w),
        None => {
            let mut w = [0u8; 8];
            if let Some(src) = b.get(i..) {
                let n = src.len().min(8);
                w[..n].copy_from_slice(&src[..n]);
            }
            u64::from_le_bytes(w)
        }
    }
}

/// The high bit of each byte of `x` that is an ASCII letter: the low seven
/// bits with `0x20` set (ASCII case folding) lie in `a..=z`, found by two
/// additions that cannot carry into the next byte, and the high bit is clear.
fn letter_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let folded = (x & !HIGH) | (ONES * 0x20);
    let from_a = folded + ONES * u64::from(0x80 - b'a');
    let past_z = folded + ONES * u64::from(0x80 - b'z' - 1);
    from_a & !past_z & !x & HIGH
}

/// The lengths words starting with one letter can have to match: bit `n`
/// of `month` is set if an ASCII month name of `n` letters starts with it,
/// of `open` and `birth` if an ASCII [`OPEN_END_WORDS`] resp.
/// [`BIRTH_WORDS`] word whose first run of letters is `n` long does (the
/// masks a test derives from [`MONTHS_BY_LETTER`], [`OPEN_BY_LETTER`] and
/// [`BIRTH_BY_LETTER`], built at compile time so that [`tokens`] and the
/// word matchers test them without a lazy static's checks).
#[derive(Debug, Clone, Copy, PartialEq)]
struct FirstLetterLens {
    month: u64,
    open: u64,
    birth: u64,
    /// `month | open | birth`.
    any: u64,
}

/// [`FirstLetterLens`] by lower-case first letter, `a` to `z`.
const FIRST_LETTER_LENS: [FirstLetterLens; 26] = {
    let mut t = [FirstLetterLens {
        month: 0,
        open: 0,
        birth: 0,
        any: 0,
    }; 26];
    let mut i = 0;
    while i < MONTHS.len() {
        let w = MONTHS[i].0.as_bytes();
        if w.is_ascii() {
            t[(w[0].to_ascii_lowercase() - b'a') as usize].month |= 1 << w.len();
        }
        i += 1;
    }
    let mut i = 0;
    while i < OPEN_END_WORDS.len() {
        let w = OPEN_END_WORDS[i].as_bytes();
        if w.is_ascii() {
            t[(w[0].to_ascii_lowercase() - b'a') as usize].open |= 1 << leading_letters(w);
        }
        i += 1;
    }
    let mut i = 0;
    while i < BIRTH_WORDS.len() {
        let w = BIRTH_WORDS[i].as_bytes();
        if w.is_ascii() {
            t[(w[0].to_ascii_lowercase() - b'a') as usize].birth |= 1 << leading_letters(w);
        }
        i += 1;
    }
    let mut l = 0;
    while l < 26 {
        t[l].any = t[l].month | t[l].open | t[l].birth;
        l += 1;
    }
    t
};

/// The length of the run of ASCII letters `w` starts with.
const fn leading_letters(w: &[u8]) -> usize {
    let mut n = 0;
    while n < w.len() && w[n].is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// Whether bit `n` of `mask` is set (none is past 63).
fn has_len_bit(mask: u64, n: usize) -> bool {
    n < 64 && (mask >> n) & 1 != 0
}

/// Lines of up to this many 64-byte blocks keep their [`class_bits`] on the
/// stack ([`with_class_bits`]).
const STACK_BLOCKS: usize = 16;

/// `f` of the [`class_bits`] of `b` (the `\w` bits, then the letter bits), kept on
/// the stack for lines of up to [`STACK_BLOCKS`] blocks: most lines fit.
#[inline(always)]
fn with_class_bits<R>(b: &[u8], f: impl FnOnce(&[u64], &[u64]) -> R) -> R {
    let blocks = b.len().div_ceil(64);
    let mut stack = [0u64; 2 * STACK_BLOCKS];
    let mut heap = Vec::new();
    let bits: &mut [u64] = match stack.get_mut(..2 * blocks) {
        Some(on_stack) => on_stack,
        None => {
            heap.resize(2 * blocks, 0);
            &mut heap
        }
    };
    let (words, letters) = bits.split_at_mut(blocks);
    class_bits(b, words, letters);
    f(words, letters)
}

/// The high bit of each byte of `x` that is `\w` on ASCII: a letter (see
/// [`letter_bytes`]), a digit or `_`.
fn word_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    let from_0 = low7 + ONES * u64::from(0x80 - b'0');
    let past_9 = low7 + ONES * u64::from(0x80 - b'9' - 1);
    // `low7 ^ '_'` is zero exactly at `_`, and adding 0x7F sets the high
    // bit of every other byte (no byte exceeds 0x7F, so nothing carries).
    let not_underscore = (low7 ^ (ONES * u64::from(b'_'))) + ONES * 0x7F;
    letter_bytes(x) | ((from_0 & !past_9 | !not_underscore) & !x & HIGH)
}

/// The high bits of the eight bytes of `m` (a mask of high bits) as the
/// low eight bits, byte `k` to bit `k`: one multiplication puts each byte's
/// bit in a distinct place of the top byte, with nothing to carry.
fn gather_high_bits(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Fills `words` and `letters` (each `b.len().div_ceil(64)` long) with one
/// bit per byte of `b`: bit `j % 64` of entry `j / 64` is whether byte `j`
/// is `\w`, resp. an ASCII letter. Bits past the end are clear.
/// Kept out of line: inlined into [`tokens`], its constants were reloaded on
/// every step for want of registers.
///
/// Sixteen bytes a step with SSE2 ([`block_bits_sse2`]), the last block padded with
/// NUL bytes (no word byte, so their bits are clear); eight bytes a step otherwise
/// ([`class_bits_swar`], which a test compares it with, as with the byte classes).
#[inline(never)]
fn class_bits(b: &[u8], words: &mut [u64], letters: &mut [u64]) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        for ((w, l), block) in words.iter_mut().zip(letters.iter_mut()).zip(b.chunks(64)) {
            let mut padded = [0u8; 64];
            let full = match block.as_chunks::<64>().0.first() {
                Some(full) => full,
                None => {
                    for (d, &s) in padded.iter_mut().zip(block) {
                        *d = s;
                    }
                    &padded
                }
            };
            // SAFETY: `block_bits_sse2` needs only the SSE2 instructions, which this
            // build may use (the `cfg` above: every x86-64 target has them).
            (*w, *l) = unsafe { block_bits_sse2(full) };
        }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    class_bits_swar(b, words, letters);
}

/// [`class_bits`] eight bytes at a time, by [`word_bytes`] and [`letter_bytes`].
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn class_bits_swar(b: &[u8], words: &mut [u64], letters: &mut [u64]) {
    for ((w, l), block) in words.iter_mut().zip(letters.iter_mut()).zip(b.chunks(64)) {
        let (mut wb, mut lb) = (0u64, 0u64);
        for k in 0..block.len().div_ceil(8) {
            let x = load8(block, 8 * k);
            wb |= gather_high_bits(word_bytes(x)) << (8 * k);
            lb |= gather_high_bits(letter_bytes(x)) << (8 * k);
        }
        *w = wb;
        *l = lb;
    }
}

/// The `\w` and letter masks of one 64-byte block (bit `i` for byte `i`), sixteen
/// bytes a step: range tests by one signed comparison after shifting the range to the
/// bottom of `i8`. A letter is `b | 0x20` in `a..=z` (+ 0x1F: `-128..=-103`; a byte
/// `>= 0x80` gives `0xbf..=0x11e`, which wraps to `-65..=30`), a digit `b` in `0..=9`
/// (+ 0x50: `-128..=-119`; a byte `>= 0x80` gives `0xd0..=0x14f`, `-48..=79`), and `\w`
/// is those and `_`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn block_bits_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let (mut words, mut letters) = (0u64, 0u64);
    for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: `sixteen` is 16 readable bytes, and `loadu` takes any alignment.
        let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>()) };
        let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(folded, _mm_set1_epi8(0x1F)),
            _mm_set1_epi8(-102),
        );
        let digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x50)), _mm_set1_epi8(-118));
        let word = _mm_or_si128(
            _mm_or_si128(letter, digit),
            _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8)),
        );
        let bits = |x| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
        words |= bits(word);
        letters |= bits(letter);
    }
    (words, letters)
}

/// The first index at or after `i` whose bit is set in `bits` (see
/// [`class_bits`]), if any.
fn next_set(bits: &[u64], i: usize) -> Option<usize> {
    let mut k = i / 64;
    let mut w = bits.get(k)? & (u64::MAX << (i % 64));
    while w == 0 {
        k += 1;
        w = *bits.get(k)?;
    }
    Some(64 * k + w.trailing_zeros() as usize)
}

/// The first index at or after `i` whose bit is clear in `bits` (see
/// [`class_bits`]): at most the length of the line, whose padding bits are
/// clear, when `i` is at most that length.
fn next_clear(bits: &[u64], i: usize) -> usize {
    let mut k = i / 64;
    let Some(&first) = bits.get(k) else { return i };
    let mut w = !first & (u64::MAX << (i % 64));
    while w == 0 {
        k += 1;
        w = !bits.get(k).copied().unwrap_or(0);
    }
    64 * k + w.trailing_zeros() as usize
}

/// `u8::to_ascii_lowercase` on each byte of `x`: a byte gets `0x20` if it is
/// `A..=Z`, found from the low seven bits by two additions that cannot carry
/// into the next byte, with bytes `>= 0x80` left alone.
fn lower_ascii_letters(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // High bit set where the low seven bits are >= b'A', resp. > b'Z'.
    let from_a = low7 + ONES * u64::from(0x80 - b'A');
    let past_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !x & HIGH;
    x | (upper >> 2)
}

/// ASCII month names by lower-case first letter, longest first as in the
/// date regex's alternation, with their month.
static MONTHS_BY_LETTER: LazyLock<Vec<Vec<(Lit, u8)>>> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = MONTHS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n.is_ascii())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut by_letter = vec![Vec::new(); 26];
    for n in names {
        let month = MONTH_LOOKUP.get(n).copied();
        let slot = n
            .bytes()
            .next()
            .and_then(|c| by_letter.get_mut(usize::from(c.wrapping_sub(b'a'))));
        if let (Some(month), Some(slot)) = (month, slot) {
            slot.push((Lit::new(n), month));
        }
    }
    by_letter
});

/// Whether a word of `n` letters starting with the lower-case letter index
/// `letter` can be one of the words `which` picks from its [`FirstLetterLens`]:
/// one table look-up that rejects most words.
fn may_have_len(letter: usize, n: usize, which: fn(&FirstLetterLens) -> u64) -> bool {
    FIRST_LETTER_LENS
        .get(letter)
        .is_some_and(|l| has_len_bit(which(l), n))
}

/// After a month name ending at `p`: `\s*,?\s*(?:(19|20)\d{2}\b|'\d{2}\b)`,
/// returning the end and the year. The whitespace runs are taken whole: what
/// follows them never starts with whitespace, so no shorter run can succeed.
fn month_year(b: &[u8], p: usize) -> Option<(usize, i32)> {
    let mut q = skip_space(b, p);
    if at(b, q) == b',' {
        q = skip_space(b, q + 1);
    }
    if let Some(y) = bounded_year_at(b, q) {
        return Some((q + 4, y));
    }
    if at(b, q) == b'\'' && year_digits(b, q + 1) {
        let yy = digits(b, q + 1, 2);
        // Two-digit years ('19) are this century unless that is in the future-ish.
        return Some((q + 3, if yy <= 60 { 2000 + yy } else { 1900 + yy }));
    }
    None
}

/// `\d{2}\b` at `i`.
fn year_digits(b: &[u8], i: usize) -> bool {
    at(b, i).is_ascii_digit() && at(b, i + 1).is_ascii_digit() && ends_word(b, i + 2)
}

/// After a month name ending at `e`:
/// `\.?(?:\s*\d{1,2}(?:st|nd|rd|th)?)?` then [`month_year`].
fn month_rest(b: &[u8], e: usize) -> Option<(usize, i32)> {
    let with_dot = [e + 1, e];
    let dots = if at(b, e) == b'.' {
        &with_dot[..]
    } else {
        &with_dot[1..]
    };
    for &p in dots {
        let q = skip_space(b, p);
        for n in one_or_two_digits(b, q).into_iter().filter(|&n| n > 0) {
            let r = q + n;
            let suffix = [b"st", b"nd", b"rd", b"th"]
                .iter()
                .any(|s| has_word(b, r, *s));
            if suffix && let Some(m) = month_year(b, r + 2) {
                return Some(m);
            }
            if let Some(m) = month_year(b, r) {
                return Some(m);
            }
        }
        if let Some(m) = month_year(b, p) {
            return Some(m);
        }
    }
    None
}

/// Whether what follows a month name ending at `u` may continue a date:
/// past an optional dot and whitespace, a digit (day or year), `,` or `'`.
/// [`month_date`] checks the same first; [`tokens`] asks here, inline,
/// because most words of a month name's length are followed by a word.
fn month_may_follow(b: &[u8], u: usize) -> bool {
    // The path without the dot fails when there is one (see `month_date`).
    let after_dot = if at(b, u) == b'.' { u + 1 } else { u };
    let next = at(b, skip_space(b, after_dot));
    next.is_ascii_digit() || next == b',' || next == b'\''
}

/// The date regex's month-name branch at `s`, where the run of letters
/// `s..u` starts. What follows a month name
/// (`.`, whitespace, a digit, `,` or `'`) is never a letter, so only a name
/// spanning the whole run of letters at `s` can match: one length to look up,
/// and none at all for a run not followed by a digit, `,` or `'` (after an
/// optional dot and whitespace), as most words are.
#[inline(never)]
fn month_date(b: &[u8], s: usize, u: usize) -> Option<(usize, Point)> {
    let letter = usize::from(at(b, s).to_ascii_lowercase().checked_sub(b'a')?);
    if !may_have_len(letter, u - s, |l| l.month) {
        return None;
    }
    // Past the dot (the path without it fails when there is one) and any
    // whitespace, the day, the year or the comma must come.
    if !month_may_follow(b, u) {
        return None;
    }
    let names = MONTHS_BY_LETTER.get(letter)?;
    let h = lower8(b, s);
    let &(_, month) = names
        .iter()
        .find(|(n, _)| n.len == u - s && n.at(b, s, h))?;
    let (end, year) = month_rest(b, u)?;
    Some((
        end,
        Point {
            year,
            month: Some(month),
        },
    ))
}

/// The numeric branches at `s`, in order: `d/m/yyyy`, `m/yyyy`, `yyyy-m`,
/// `yyyy`. `None` inside: a match that does not parse (a `d/m` pair with no
/// month), which the regex path drops after consuming it.
#[inline(never)]
fn numeric_date(b: &[u8], s: usize) -> Option<(usize, Option<Point>)> {
    // The first two branches start with one or two digits and a separator,
    // the last two with a year: reject every other run of digits at once.
    let mut d = s;
    while d < s + 4 && at(b, d).is_ascii_digit() {
        d += 1;
    }
    if d < s + 4 && !(d <= s + 2 && matches!(at(b, d), b'.' | b'/' | b'-')) {
        return None;
    }
    // (?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./](?P<y3>(?:19|20)\d{2})\b
    for n1 in one_or_two_digits(b, s).into_iter().filter(|&n| n > 0) {
        let p = s + n1;
        if !matches!(at(b, p), b'.' | b'/') {
            continue;
        }
        for n2 in one_or_two_digits(b, p + 1).into_iter().filter(|&n| n > 0) {
            let q = p + 1 + n2;
            if !matches!(at(b, q), b'.' | b'/') {
                continue;
            }
            if let Some(year) = bounded_year_at(b, q + 1) {
                let (x, y) = (digits(b, s, n1), digits(b, p + 1, n2));
                let month = if x <= 12 && y > 12 { x } else { y };
                let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m));
                return Some((
                    q + 5,
                    month.map(|m| Point {
                        year,
                        month: Some(m),
                    }),
                ));
            }
        }
    }
    // (?P<m2>0?[1-9]|1[0-2])[./-](?P<y2>(?:19|20)\d{2})\b
    for n in month_number(b, s).into_iter().filter(|&n| n > 0) {
        let p = s + n;
        if matches!(at(b, p), b'.' | b'/' | b'-')
            && let Some(year) = bounded_year_at(b, p + 1)
        {
            let month = u8::try_from(digits(b, s, n)).ok();
            return Some((p + 5, Some(Point { year, month })));
        }
    }
    let year = year_at(b, s)?;
    // (?P<y4>(?:19|20)\d{2})[./-](?P<m4>0?[1-9]|1[0-2])\b
    if matches!(at(b, s + 4), b'.' | b'/' | b'-') {
        let q = s + 5;
        for n in month_number(b, q).into_iter().filter(|&n| n > 0) {
            if ends_word(b, q + n) {
                let month = u8::try_from(digits(b, q, n)).ok();
                return Some((q + n, Some(Point { year, month })));
            }
        }
    }
    // (?P<y5>(?:19|20)\d{2})\b
    ends_word(b, s + 4).then_some((s + 4, Some(Point { year, month: None })))
}

/// ASCII alternatives of `words`, bucketed by lower-case first letter, in order.
fn by_letter(words: &[&'static str]) -> Vec<Vec<Lit>> {
    let mut out = vec![Vec::new(); 26];
    for w in words.iter().filter(|w| w.is_ascii()) {
        let slot = w
            .bytes()
            .next()
            .and_then(|c| out.get_mut(usize::from(c.to_ascii_lowercase().wrapping_sub(b'a'))));
        if let Some(slot) = slot {
            slot.push(Lit::new(w));
        }
    }
    out
}

/// [`OPEN_END_WORDS`] by first letter (all start with a letter).
static OPEN_BY_LETTER: LazyLock<Vec<Vec<Lit>>> = LazyLock::new(|| by_letter(OPEN_END_WORDS));

/// The `OPEN_END` match at the start `s` of the word `s..t`, if any: its end.
#[inline(never)]
fn open_at(b: &[u8], s: usize, t: usize) -> Option<usize> {
    let letter = usize::from(at(b, s).to_ascii_lowercase().checked_sub(b'a')?);
    if !may_have_len(letter, t - s, |l| l.open) {
        return None;
    }
    let words = OPEN_BY_LETTER.get(letter)?;
    let h = lower8(b, s);
    let w = words
        .iter()
        .find(|w| w.first_word == t - s && w.at(b, s, h) && ends_word(b, s + w.len))?;
    Some(s + w.len)
}

/// The tokens of an ASCII line as the regex path makes them: the dates that
/// `DATE.captures_iter` yields and parses, then the `OPEN_END.find_iter`
/// spans that overlap none of them (through `push_open`). One pass over the
/// words serves both searches: each resumes at the end of its last match,
/// and both can only start a match at a word start. Returns
/// `BIRTH.is_match(line)` (see [`birth_at`]), which costs one table look-up
/// per word here instead of a second walk over the line.
/// Now the reference for [`ranges`], which searches only near the years.
#[cfg(test)]
#[inline(never)]
pub(super) fn tokens(line: &str, tokens: &mut Vec<(usize, usize, Token)>) -> bool {
    let b = line.as_bytes();
    let mut birth = false;
    let mut opens: Vec<(usize, usize)> = Vec::new();
    let (mut date_from, mut open_from) = (0, 0);
    // One bit per byte for `\w` and for the letters, so that finding the
    // next word and the ends of its letters and of the word are a few bit
    // operations each rather than byte loops.
    with_class_bits(b, |words, letters| {
        let mut i = 0;
        while let Some(s) = next_set(words, i) {
            // `s` follows a non-word byte or the start: a word start. Its
            // letters are `s..u`, the rest of the word runs up to `t`.
            let u = next_clear(letters, s);
            let t = next_clear(words, u);
            // The searches a word may start are out of line (`inline(never)`):
            // most words start none, and this loop keeps its state in registers.
            let c = at(b, s);
            if c.is_ascii_digit() {
                if s >= date_from
                    && let Some((e, p)) = numeric_date(b, s)
                {
                    if let Some(p) = p {
                        tokens.push((s, e, Token::Date(p)));
                    }
                    date_from = e;
                }
            } else if let Some(lens) =
                FIRST_LETTER_LENS.get(usize::from((c | 0x20).wrapping_sub(b'a')))
            {
                // A letter (`_`, the other word start, has no entry): every
                // search below starts with one, and most words have a length no
                // word of theirs has, which these bits tell at once: for a word
                // of letters only (`u == t`, most of them), one test for all.
                if u == t && !has_len_bit(lens.any, t - s) {
                    i = t;
                    continue;
                }
                if s >= date_from
                    && has_len_bit(lens.month, u - s)
                    && month_may_follow(b, u)
                    && let Some((e, p)) = month_date(b, s, u)
                {
                    tokens.push((s, e, Token::Date(p)));
                    date_from = e;
                }
                if s >= open_from
                    && has_len_bit(lens.open, t - s)
                    && let Some(e) = open_at(b, s, t)
                {
                    opens.push((s, e));
                    open_from = e;
                }
                if !birth && has_len_bit(lens.birth, t - s) && birth_at(b, s, t) {
                    birth = true;
                }
            }
            i = t;
        }
    });
    let dates = tokens.len();
    for (s, e) in opens {
        super::push_open(tokens, dates, s, e);
    }
    birth
}

/// Bytes that may stand between the end of a month name and the year of the
/// date regex's month branch, `\.?(?:\s*\d{1,2}(?:st|nd|rd|th)?)?\s*,?\s*`:
/// the dot, `\s`, digits, the letters of the day suffixes and the comma.
static MONTH_GAP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = CLASS[i] & SPACE != 0
            || c.is_ascii_digit()
            || matches!(
                c.to_ascii_lowercase(),
                b's' | b't' | b'n' | b'd' | b'r' | b'h'
            )
            || c == b'.'
            || c == b',';
        i += 1;
    }
    t
};

/// Whether a date token has its year at `y`: `(?:19|20)\d{2}` or `'\d{2}` starts
/// there (the test of `super::may_hold_date`).
fn year_candidate(b: &[u8], y: usize) -> bool {
    let digit = |i: usize| at(b, i).is_ascii_digit();
    match (at(b, y), at(b, y + 1)) {
        (b'\'', _) => digit(y + 1) && digit(y + 2),
        (b'1', b'9') | (b'2', b'0') => digit(y + 2) && digit(y + 3),
        _ => false,
    }
}

/// The date tokens of an ASCII line, as [`tokens`] finds them (`DATE.captures_iter`
/// and the parse), but trying only the word starts that can begin a match.
///
/// Why no match is lost: every match of the date regex holds a year at some `y`
/// where [`year_candidate`] holds (each branch ends in `(?:19|20)\d{2}` or `'\d{2}`;
/// matches that do not parse are kept out of the tokens, but still end where the
/// next search resumes, so they are searched for too). A numeric branch
/// (`d/m/yyyy`, `m/yyyy`, `yyyy-m`, `yyyy`) starts at most six bytes before its
/// year; the month branch starts at a run of letters `s..u` with only
/// [`MONTH_GAP`] bytes in `u..y`. So from `y`, back over the [`MONTH_GAP`] bytes,
/// no further than six bytes before `y`, then back to the start of that word, is
/// at or before every start of a match with its year at `y`. Starts outside these
/// windows fail, wherever the last match ended, so skipping them changes nothing;
/// the windows are walked in order with the same resume point `date_from` as
/// [`tokens`], from word starts (a window starts at a word's first byte or at a
/// non-word byte, and never before the end of the last word walked).
fn date_tokens(b: &[u8], words: &[u64], letters: &[u64], out: &mut Vec<(usize, usize, Token)>) {
    let mut date_from = 0;
    // Where the last window's walk stopped: the end of a word, or 0.
    let mut walked = 0;
    for y in memchr::memchr3_iter(b'\'', b'1', b'2', b) {
        if !year_candidate(b, y) {
            continue;
        }
        let mut w = y;
        while w > walked && MONTH_GAP[usize::from(at(b, w - 1))] {
            w -= 1;
        }
        w = w.min(y.saturating_sub(6)).max(walked);
        while w > walked && is_word(at(b, w - 1)) {
            w -= 1;
        }
        let mut i = w;
        while let Some(s) = next_set(words, i).filter(|&s| s <= y) {
            let u = next_clear(letters, s);
            let t = next_clear(words, u);
            if s >= date_from {
                let c = at(b, s);
                if c.is_ascii_digit() {
                    if let Some((e, p)) = numeric_date(b, s) {
                        if let Some(p) = p {
                            out.push((s, e, Token::Date(p)));
                        }
                        date_from = e;
                    }
                } else if FIRST_LETTER_LENS
                    .get(usize::from((c | 0x20).wrapping_sub(b'a')))
                    .is_some_and(|l| has_len_bit(l.month, u - s))
                    && month_may_follow(b, u)
                    && let Some((e, p)) = month_date(b, s, u)
                {
                    out.push((s, e, Token::Date(p)));
                    date_from = e;
                }
            }
            i = t;
        }
        walked = walked.max(i);
    }
}

/// The most word runs (maximal runs of `\w`) a gap that `CONNECTOR` matches can
/// hold: one or two connector words, each of at most two (`t/m`).
const CONNECTOR_RUNS: usize = 4;

/// The token that follows the date ending at `e` in the sorted tokens of
/// [`tokens`] if it is an open end found within [`CONNECTOR_RUNS`] words:
/// `Some(Some(end))` if the pairing joins it to the date, `Some(None)` if not
/// (it then keeps the date from joining the next one); `None` if there is no
/// such open end, so that the next token is the next date or joins nothing.
/// `next_date` is where the next date token starts (`None`: there is none),
/// `dates` all date tokens.
///
/// Why only a few words are searched: no open-end word holds a digit and every
/// date ends in one, so no `OPEN_END` match runs across `e`, and its search
/// (resuming at the end of its last match) is at `e` or before when it reaches the
/// first word start from `e`; from there it is redone here, word by word, and
/// its matches that overlap a date are dropped as `push_open` drops them. An
/// open end joins the date only if the gap before it is blank or a connector, so
/// it holds at most [`CONNECTOR_RUNS`] word runs; the search stops after that
/// many words, and at the next date, which follows every later open end.
fn open_after(
    b: &[u8],
    words: &[u64],
    e: usize,
    next_date: Option<usize>,
    dates: &[(usize, usize, Token)],
) -> Option<Option<usize>> {
    let limit = next_date.unwrap_or(b.len());
    let mut open_from = e;
    let mut i = e;
    for _ in 0..=CONNECTOR_RUNS {
        let s = next_set(words, i).filter(|&s| s < limit)?;
        let t = next_clear(words, s);
        let lens = FIRST_LETTER_LENS.get(usize::from((at(b, s) | 0x20).wrapping_sub(b'a')));
        if s >= open_from
            && at(b, s).is_ascii_alphabetic()
            && lens.is_some_and(|l| has_len_bit(l.open, t - s))
            && let Some(oe) = open_at(b, s, t)
        {
            open_from = oe;
            let overlaps = dates.iter().any(|(ds, de, _)| s < *de && *ds < oe);
            if !overlaps {
                let gap = b.get(e..s).unwrap_or_default();
                let gap = std::str::from_utf8(gap).unwrap_or("");
                return Some((is_connector(gap) || gap.trim().is_empty()).then_some(oe));
            }
        }
        i = t;
    }
    None
}

/// The ranges of an ASCII line, as `super::pair_tokens` makes them from
/// [`tokens`], and whether `BIRTH` matches the line when there is one (`false`
/// otherwise, when nobody asks). `dates` is a buffer, its contents on entry do
/// not matter.
///
/// Why the open ends [`open_after`] leaves out change nothing: in the pairing, an
/// open end only matters as the token after a date (which it joins or keeps
/// from joining the next date) and by its end, from where the text before the
/// next date is searched for a "since" word. The first: when no open end is
/// within [`CONNECTOR_RUNS`] words after the date, the gap to whatever follows
/// holds more word runs than a connector, so neither an open end nor the next
/// date joins it. The second: a "since" match ends where the trailing
/// whitespace before the date begins and starts at a word start after the end
/// of the last token (every token ends before a non-word byte, so the slice's
/// start is no word start of its own); no token ends inside a "since" match
/// (dates end in a digit, which none holds, and no open-end word starts inside
/// one or holds a word start where one begins), so the search from the end of
/// the last date, or of the open end it was joined to, finds what the search
/// from the end of the last token finds.
pub(super) fn ranges(line: &str, dates: &mut Vec<(usize, usize, Token)>) -> (Vec<RawRange>, bool) {
    let b = line.as_bytes();
    with_class_bits(b, |words, letters| {
        dates.clear();
        date_tokens(b, words, letters, dates);
        let mut out = Vec::new();
        let mut prev_end = 0;
        let mut k = 0;
        while let Some(&(s, e, tok)) = dates.get(k) {
            let Token::Date(start) = tok else { break };
            let next = dates.get(k + 1);
            let open = open_after(b, words, e, next.map(|d| d.0), dates);
            if let Some(Some(oe)) = open {
                out.push(RawRange {
                    span: (s, oe),
                    start,
                    end: None,
                });
                prev_end = oe;
                k += 1;
                continue;
            }
            if open.is_none()
                && let Some(&(s2, e2, Token::Date(end))) = next
                && is_connector(line.get(e..s2).unwrap_or(""))
            {
                out.push(RawRange {
                    span: (s, e2),
                    start,
                    end: Some(end),
                });
                prev_end = e2;
                k += 2;
                continue;
            }
            if let Some(m) = since_start(line.get(prev_end..s).unwrap_or("")) {
                out.push(RawRange {
                    span: (prev_end + m, e),
                    start,
                    end: None,
                });
            }
            prev_end = e;
            k += 1;
        }
        let birth = !out.is_empty() && has_birth_word(b, words);
        (out, birth)
    })
}

/// `BIRTH.is_match(line)` on a line [`applies`] to: whether [`birth_at`] holds at
/// one of its words, as [`tokens`] decides it.
fn has_birth_word(b: &[u8], words: &[u64]) -> bool {
    let mut i = 0;
    while let Some(s) = next_set(words, i) {
        let t = next_clear(words, s);
        let letter = usize::from((at(b, s) | 0x20).wrapping_sub(b'a'));
        if at(b, s).is_ascii_alphabetic()
            && may_have_len(letter, t - s, |l| l.birth)
            && birth_at(b, s, t)
        {
            return true;
        }
        i = t;
    }
    false
}

/// [`BIRTH_WORDS`] by first letter.
static BIRTH_BY_LETTER: LazyLock<Vec<Vec<Lit>>> = LazyLock::new(|| by_letter(BIRTH_WORDS));

/// Whether a `BIRTH` match starts at the word `s..t` (a whole run of `\w`):
/// the word starts one of the words, which ends at a word boundary. `BIRTH`
/// matches a line a module applies to exactly when this holds for one of its
/// words, so [`tokens`] decides it in the walk it makes anyway.
#[inline(never)]
fn birth_at(b: &[u8], s: usize, t: usize) -> bool {
    let letter = usize::from(at(b, s).to_ascii_lowercase().wrapping_sub(b'a'));
    if !may_have_len(letter, t - s, |l| l.birth) {
        return false;
    }
    let h = lower8(b, s);
    let words = BIRTH_BY_LETTER.get(letter).map_or(&[][..], |w| &w[..]);
    words
        .iter()
        .any(|w| w.first_word == t - s && w.at(b, s, h) && ends_word(b, s + w.len))
}

/// The ASCII [`CONNECTOR_WORDS`].
static CONNECTOR_LITS: LazyLock<Vec<Lit>> = LazyLock::new(|| {
    CONNECTOR_WORDS
        .iter()
        .filter(|w| w.is_ascii())
        .map(|w| Lit::new(w))
        .collect()
});

/// Whether some ASCII [`CONNECTOR_WORDS`] word starts with the byte, in
/// either case (bytes `>= 0x80` start none).
static CONNECTOR_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CONNECTOR_WORDS.len() {
        let w = CONNECTOR_WORDS[i].as_bytes();
        if w.is_ascii() {
            t[w[0].to_ascii_lowercase() as usize] = true;
            t[w[0].to_ascii_uppercase() as usize] = true;
        }
        i += 1;
    }
    t
};

/// `[\s,(]` on ASCII.
fn is_connector_space(b: u8) -> bool {
    is_space(b) || b == b',' || b == b'('
}

/// `CONNECTOR.is_match` on an ASCII gap: separators, then one or two
/// connector words each followed by separators, then the end. Separator runs
/// are taken whole, as no connector word starts with a separator.
pub(super) fn is_connector(gap: &str) -> bool {
    let b = gap.as_bytes();
    let skip = |mut i: usize| {
        while is_connector_space(at(b, i)) {
            i += 1;
        }
        i
    };
    let i = skip(0);
    // Most gaps between tokens are text, which starts with no connector
    // word: one table look-up instead of a comparison with each.
    if !CONNECTOR_FIRST[usize::from(at(b, i))] {
        return false;
    }
    let words = &*CONNECTOR_LITS;
    let h = lower8(b, i);
    words.iter().filter(|w| w.at(b, i, h)).any(|w| {
        let j = skip(i + w.len);
        let h2 = lower8(b, j);
        j == b.len()
            || words
                .iter()
                .filter(|w2| w2.at(b, j, h2))
                .any(|w2| skip(j + w2.len) == b.len())
    })
}

/// Whether some ASCII [`SINCE_WORDS`] word ends with the byte, in either
/// case (NUL, which [`at`] gives before the start, ends none).
static SINCE_LAST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < SINCE_WORDS.len() {
        let w = SINCE_WORDS[i].as_bytes();
        if w.is_ascii() {
            let last = w[w.len() - 1];
            t[last.to_ascii_lowercase() as usize] = true;
            t[last.to_ascii_uppercase() as usize] = true;
        }
        i += 1;
    }
    t
};

/// `SINCE.find(before).map(start)` on ASCII text: every alternative ends in a
/// non-space, so a match ends where the trailing whitespace begins, and the
/// leftmost one is the longest word ending there at a word start.
pub(super) fn since_start(before: &str) -> Option<usize> {
    let b = before.as_bytes();
    let mut end = b.len();
    while end > 0 && is_space(at(b, end - 1)) {
        end -= 1;
    }
    // Most dates follow a word that ends in no since word's last byte: one
    // table look-up instead of a comparison with each.
    if !SINCE_LAST[usize::from(at(b, end.wrapping_sub(1)))] {
        return None;
    }
    SINCE_WORDS
        .iter()
        .filter(|w| w.is_ascii())
        .filter_map(|w| {
            let s = end.checked_sub(w.len())?;
            (has_word(b, s, w.as_bytes()) && starts_word(b, s)).then_some(s)
        })
        .min()
}

/// Words that [`education`] accepts whole: the alternatives of
/// [`super::EDUCATION_PATTERN`] that are plain ASCII words (`master'?s`,
/// `b\.?\s?sc`, `ph\.?d` and the like without their dot, space or apostrophe).
const EDUCATION_WORDS: &[&[u8]] = &[
    b"college",
    b"school",
    b"degree",
    b"masters",
    b"bsc",
    b"msc",
    b"btech",
    b"mtech",
    b"be",
    b"me",
    b"mba",
    b"phd",
    b"diploma",
    b"hochschule",
    b"studium",
    b"universidad",
    b"universidade",
    b"licence",
    b"licenciatura",
    b"ssc",
    b"hsc",
    b"cgpa",
    b"gpa",
];

/// The alternatives of [`super::EDUCATION_PATTERN`] ending in `\w*`: words
/// that start with one of these.
const EDUCATION_PREFIXES: &[&[u8]] = &[b"universit", b"bachelor", b"graduat", b"certif"];

/// `EDUCATION_LINE.is_match(line)` on a line [`applies`] to, by one walk over
/// its words instead of the regex (a lazy DFA step per byte of every dated line
/// of résumés without headings).
///
/// Why it agrees: the pattern is `\b(?:...)\b` and every alternative starts
/// with a letter, so a match starts at a word start `s` (a `\w` after a
/// non-word byte or the start); let `s..t` be that whole run of `\w`. The
/// accented alternatives (`école`, `lycée`, `università`) need a byte `0xC3`,
/// which no line here holds ([`NEUTRAL`] characters are encoded without it). An
/// alternative of letters only followed by `\b` matches exactly when it is the
/// run ([`EDUCATION_WORDS`]); one ending in `\w*` then `\b` when it begins the
/// run ([`EDUCATION_PREFIXES`], `\w*` taking the rest). The others continue
/// past a non-word byte, so their letters before it must be the whole run:
/// `master` then `'s` or ` of` and a boundary; `ph` then `.d` and a boundary;
/// `b` or `m` then an optional `.`, an optional `\s`, and `sc`, `tech` or `e`
/// and a boundary (without the dot and the space it is one run, one of
/// [`EDUCATION_WORDS`]). `(?i-u)` folds ASCII letters only, as
/// `eq_ignore_ascii_case` does. A test compares this with the regex.
pub(super) fn education(line: &str) -> bool {
    let b = line.as_bytes();
    // The words by the `\w` bits of `class_bits`, as in `tokens`.
    with_class_bits(b, |words, _| {
        let mut i = 0;
        while let Some(s) = next_set(words, i) {
            let t = next_clear(words, s);
            // Most words have a first letter and length no alternative has.
            let lens = EDUCATION_LENS
                .get(usize::from((at(b, s) | 0x20).wrapping_sub(b'a')))
                .copied()
                .unwrap_or(0);
            if (t - s >= 64 || has_len_bit(lens, t - s)) && education_at(b, s, t) {
                return true;
            }
            i = t;
        }
        false
    })
}

/// By lower-case first letter, bit `n` set if a word of [`EDUCATION_WORDS`]
/// has that first letter and `n` bytes.
const EDUCATION_WORD_LENS: [u64; 26] = {
    let mut t = [0u64; 26];
    let mut i = 0;
    while i < EDUCATION_WORDS.len() {
        let w = EDUCATION_WORDS[i];
        t[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    t
};

/// By lower-case first letter, bit `n` set if [`education_at`] may hold for a
/// word of `n` bytes starting with it: the lengths of [`EDUCATION_WORDS`], those
/// of at least a prefix's for [`EDUCATION_PREFIXES`], and `master`, `ph`, `b`
/// and `m` (words of 64 bytes or more are always checked).
const EDUCATION_LENS: [u64; 26] = {
    let mut t = EDUCATION_WORD_LENS;
    let mut i = 0;
    while i < EDUCATION_PREFIXES.len() {
        let w = EDUCATION_PREFIXES[i];
        t[(w[0] - b'a') as usize] |= u64::MAX << w.len();
        i += 1;
    }
    t[(b'm' - b'a') as usize] |= (1 << 6) | (1 << 1);
    t[(b'p' - b'a') as usize] |= 1 << 2;
    t[(b'b' - b'a') as usize] |= 1 << 1;
    t
};

/// Whether an [`education`] match starts at the word `s..t` (a whole run of `\w`).
fn education_at(b: &[u8], s: usize, t: usize) -> bool {
    let Some(word) = b.get(s..t) else {
        return false;
    };
    // The list only when one of its words has this first letter and length
    // (most words passing `EDUCATION_LENS` do for a prefix).
    let exact = EDUCATION_WORD_LENS
        .get(usize::from((at(b, s) | 0x20).wrapping_sub(b'a')))
        .is_some_and(|&l| has_len_bit(l, word.len()));
    if (exact && EDUCATION_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
        || EDUCATION_PREFIXES.iter().any(|p| has_word(b, s, p))
    {
        return true;
    }
    let then = |i: usize, lit: &[u8]| has_word(b, i, lit) && ends_word(b, i + lit.len());
    if word.eq_ignore_ascii_case(b"master") {
        return then(t, b"'s") || then(t, b" of");
    }
    if word.eq_ignore_ascii_case(b"ph") {
        return at(b, t) == b'.' && then(t + 1, b"d");
    }
    if word.eq_ignore_ascii_case(b"b") || word.eq_ignore_ascii_case(b"m") {
        let dots: &[usize] = if at(b, t) == b'.' { &[t + 1, t] } else { &[t] };
        return dots.iter().any(|&p| {
            let spaces: &[usize] = if is_space(at(b, p)) {
                &[p + 1, p]
            } else {
                &[p]
            };
            spaces
                .iter()
                .any(|&q| then(q, b"sc") || then(q, b"tech") || then(q, b"e"))
        });
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`lower8`] as it was written first: a byte loop.
    fn lower8_by_bytes(b: &[u8], i: usize) -> u64 {
        let mut w = [0u8; 8];
        if let Some(src) = b.get(i..) {
            let n = src.len().min(8);
            w[..n].copy_from_slice(&src[..n]);
        }
        u64::from_le_bytes(w.map(|c| c.to_ascii_lowercase()))
    }

    /// [`class_bits`], [`next_set`] and [`next_clear`] against byte loops
    /// over `is_word` and `is_ascii_alphabetic`, from every start.
    fn check_bits(line: &[u8]) {
        let blocks = line.len().div_ceil(64);
        let (mut words, mut letters) = (vec![0; blocks], vec![0; blocks]);
        class_bits(line, &mut words, &mut letters);
        let (mut swar_words, mut swar_letters) = (vec![0; blocks], vec![0; blocks]);
        class_bits_swar(line, &mut swar_words, &mut swar_letters);
        assert_eq!((&words, &letters), (&swar_words, &swar_letters), "{line:?}");
        for i in 0..=line.len() + 1 {
            let next_word = (i..line.len()).find(|&j| is_word(line[j]));
            assert_eq!(next_set(&words, i), next_word, "{line:?} {i}");
            let next_letter = (i..line.len()).find(|&j| line[j].is_ascii_alphabetic());
            assert_eq!(next_set(&letters, i), next_letter, "{line:?} {i}");
            if i <= line.len() {
                let end_word = (i..line.len()).find(|&j| !is_word(line[j]));
                assert_eq!(next_clear(&words, i), end_word.unwrap_or(line.len()));
                let end_letters = (i..line.len()).find(|&j| !line[j].is_ascii_alphabetic());
                assert_eq!(next_clear(&letters, i), end_letters.unwrap_or(line.len()));
            }
        }
    }

    /// For each first letter, bit `n` set if some literal in that bucket has `n`
    /// letters (`len` of `f`): the masks [`FIRST_LETTER_LENS`] must hold.
    fn length_masks<T>(buckets: &[Vec<T>], f: impl Fn(&T) -> usize) -> Vec<u64> {
        buckets
            .iter()
            .map(|b| {
                b.iter()
                    .fold(0, |m, x| m | 1u64.checked_shl(f(x) as u32).unwrap_or(0))
            })
            .collect()
    }

    #[test]
    fn first_letter_lens_are_the_buckets_lengths() {
        let months = length_masks(&MONTHS_BY_LETTER, |(n, _)| n.len);
        let open = length_masks(&OPEN_BY_LETTER, |w| w.first_word);
        let birth = length_masks(&BIRTH_BY_LETTER, |w| w.first_word);
        assert_eq!(months.len(), FIRST_LETTER_LENS.len());
        for (l, lens) in FIRST_LETTER_LENS.iter().enumerate() {
            assert_eq!(Some(&lens.month), months.get(l), "{l}");
            assert_eq!(Some(&lens.open), open.get(l), "{l}");
            assert_eq!(Some(&lens.birth), birth.get(l), "{l}");
            assert_eq!(lens.any, lens.month | lens.open | lens.birth, "{l}");
        }
    }

    #[test]
    fn class_bits_agree_with_the_byte_classes() {
        // Every byte value at every position of an eight-byte step, beside
        // word and non-word neighbours.
        for c in 0..=255u8 {
            for &f in &[b'a', b'Z', b'5', b'_', b' ', 0x80, b'@', b'`'] {
                for len in [1, 9] {
                    for pos in 0..len {
                        let mut line = vec![f; len];
                        line[pos] = c;
                        check_bits(&line);
                    }
                }
            }
        }
        // Every byte value at every position of a 64-byte block and past it, against
        // the eight-byte steps (which the checks above compare with the classes).
        for c in 0..=255u8 {
            for &f in &[b'a', b'5', b' ', 0xc3] {
                let mut line = [f; 80];
                for pos in 0..80 {
                    line[pos] = c;
                    for len in [pos + 1, 80] {
                        let (mut w, mut l) = ([0; 2], [0; 2]);
                        let (mut sw, mut sl) = ([0; 2], [0; 2]);
                        class_bits(&line[..len], &mut w, &mut l);
                        class_bits_swar(&line[..len], &mut sw, &mut sl);
                        assert_eq!((w, l), (sw, sl), "{c} at {pos} of {len}");
                    }
                    line[pos] = f;
                }
            }
        }
        // Runs across 64-byte blocks and lines beyond the stack blocks.
        let mut next = crate::testgen::xorshift(7);
        for len in [63, 64, 65, 127, 128, 129, 64 * STACK_BLOCKS + 70] {
            for _ in 0..20 {
                let line: Vec<u8> = (0..len)
                    .map(|_| b"ab_9 .-\xc3"[(next() % 8) as usize])
                    .collect();
                check_bits(&line);
            }
        }
    }

    #[test]
    fn lower8_folds_every_byte_like_to_ascii_lowercase() {
        // Every byte value at every position, beside neighbours that border
        // the letter ranges, and every start including short tails.
        let fillers = [
            0u8, b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7F, 0x80, 0xC1, 0xDA, 0xFF,
        ];
        for c in 0..=255u8 {
            for &f in &fillers {
                for pos in 0..10 {
                    let mut line = vec![f; 10];
                    line[pos] = c;
                    for i in 0..=line.len() + 1 {
                        assert_eq!(lower8(&line, i), lower8_by_bytes(&line, i), "{line:?} {i}");
                    }
                }
            }
        }
    }
}
