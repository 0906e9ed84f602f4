//! Contact details: name, e-mail, phone, LinkedIn and GitHub URLs.
//!
//! Heuristic by necessity: the name is the first line near the top that looks
//! like a person's name and like nothing else (not a heading, title, contact
//! line or "Curriculum Vitae").
//!
//! # Speed
//!
//! The regexes and char-based checks define the results; cheaper byte-level
//! tests run first and only ever rule candidates out (a byte-class table for
//! name lines, memchr for `@` and URL slashes, digit counts eight bytes at a
//! time for phone lines). Lines with non-ASCII bytes fall back to the char-based
//! checks, and the tests keep the previous code as a reference to compare with.

use std::sync::LazyLock;

use regex::Regex;

use crate::fastre::Gated;

use crate::sections;

/// Contact details found in a résumé.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Contacts {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
}

static EMAIL: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,24}\b").expect("static email regex")
});

static PHONE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?:\+|\b00|\(|\b)\d[\d ()./-]{6,20}\d\b").expect("static phone regex")
});

static PHONE_LABEL: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?i)\b(?:phone|tel|telephone|mobile|mob|cell|contact|telefon|handy|téléphone|portable|móvil|teléfono|celular|telemóvel|cellulare|telefoon|telefono)\b")
        .expect("static phone label regex")
});

static LINKEDIN: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?i)(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/[\p{L}\p{N}_%.-]+/?")
        .expect("static linkedin regex")
});

static GITHUB: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?i)(?:https?://)?(?:www\.)?github\.com/[a-z0-9](?:[a-z0-9-]{0,38})\b")
        .expect("static github regex")
});

/// Literals that every [`LINKEDIN`] / [`GITHUB`] match contains, found ASCII
/// case-insensitively: none of their letters has a non-ASCII case variant
/// under the regexes' Unicode case folding (checked by a test; `k` has one,
/// the Kelvin sign, so the LinkedIn literal starts after it).
const LINKEDIN_LITERAL: &str = "edin.com/";
const GITHUB_LITERAL: &str = "github.com/";

/// A match of [`LINKEDIN`] or [`GITHUB`] starts at most this many bytes before
/// its literal (`https://` with a long s, a three-letter subdomain of
/// three-byte letters, `www.`, `link` with a Kelvin sign: 25 bytes).
const LITERAL_LEAD: usize = 64;

/// The first occurrences (start offsets) of [`LINKEDIN_LITERAL`] and
/// [`GITHUB_LITERAL`] in `hay`, ASCII case-insensitively, found from the
/// slashes they end with (found with memchr, which scans a vector at a time),
/// and whether `hay` holds an `@`: the same scan finds those, and most
/// résumés have no address, whose search then needs no scan of its own.
fn first_literals(hay: &str) -> ([Option<usize>; 2], bool) {
    let mut first = [None, None];
    let mut at = false;
    let bytes = hay.as_bytes();
    for slash in memchr::memchr2_iter(b'/', b'@', bytes) {
        if bytes.get(slash) == Some(&b'@') {
            at = true;
            if first.iter().all(Option::is_some) {
                break;
            }
            continue;
        }
        for (f, lit) in first.iter_mut().zip([LINKEDIN_LITERAL, GITHUB_LITERAL]) {
            let start = (slash + 1).checked_sub(lit.len());
            if f.is_none()
                && let Some(start) = start
                && bytes
                    .get(start..=slash)
                    .is_some_and(|w| w.eq_ignore_ascii_case(lit.as_bytes()))
            {
                *f = Some(start);
            }
        }
        if at && first.iter().all(Option::is_some) {
            break;
        }
    }
    (first, at)
}

/// The first match of `re` in `hay`, searched only from a little before the
/// first occurrence of its literal (from [`first_literals`]): no match can
/// start earlier, so this is `re.find(hay)`.
fn find_after_literal<'h>(re: &Gated, hay: &'h str, first: Option<usize>) -> Option<&'h str> {
    let mut from = first?.saturating_sub(LITERAL_LEAD);
    while !hay.is_char_boundary(from) {
        from -= 1;
    }
    re.find_at(hay, from).map(|m| m.as_str())
}

static YEAR_RANGE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)\d{2}\s*[-/.]\s*(?:(?:19|20)\d{2}|\d{1,2})$").expect("static regex")
});

/// Words that make a line a title, label or boilerplate rather than a name.
const NOT_NAME_WORDS: &[&str] = &[
    "curriculum",
    "vitae",
    "resume",
    "résumé",
    "cv",
    "lebenslauf",
    "engineer",
    "developer",
    "manager",
    "lead",
    "architect",
    "consultant",
    "analyst",
    "designer",
    "accountant",
    "specialist",
    "director",
    "head",
    "officer",
    "intern",
    "administrator",
    "programmer",
    "scientist",
    "assistant",
    "executive",
    "teacher",
    "tester",
    "devops",
    "backend",
    "back-end",
    "frontend",
    "software",
    "senior",
    "junior",
    "sr",
    "jr",
    "principal",
    "staff",
    "page",
    "profile",
    "summary",
    "objective",
    "contact",
    "address",
    "phone",
    "email",
    "mobile",
    "technician",
    "coordinator",
    "representative",
    "supervisor",
    "associate",
    "professional",
    "experience",
    "skills",
    "education",
    "java",
    "python",
    "net",
    "sap",
    "hr",
    "sales",
    "chef",
    "nurse",
    "advocate",
    "lawyer",
    "clerk",
    "trainer",
    "operator",
    "ingenieur",
    "entwickler",
    "ingénieur",
    "développeur",
    "desarrollador",
    "ingeniero",
    "sviluppatore",
    "programista",
    "company",
    "name",
    "city",
    "state",
    "limited",
    "ltd",
    "inc",
    "gmbh",
    "university",
    "college",
    "school",
];

/// Lower-case particles allowed inside names ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "le", "la",
    "bin", "al", "y", "e", "ten", "ter", "zu",
];

/// `t`, a trimmed line, without the name labels a name line may start with.
fn strip_trimmed_name_labels(t: &str) -> &str {
    let mut t = t;
    // Every label starts with one of these.
    if !matches!(t.as_bytes().first(), Some(b'N' | b'I')) {
        return t;
    }
    for label in [
        "Name:",
        "Name :",
        "Nom:",
        "Nombre:",
        "Nome:",
        "Naam:",
        "Imię i nazwisko:",
    ] {
        if let Some(rest) = t.strip_prefix(label) {
            t = rest.trim();
        }
    }
    t
}

/// [`NAME_BYTES`] bit: an ASCII byte no name line holds.
const NB_BAD: u8 = 1;
/// [`NAME_BYTES`] bit: an ASCII byte no word of a name starts with (`-'.,`
/// and lower-case letters no particle starts with).
const NB_NO_START: u8 = 2;
/// [`NAME_BYTES`] bit: an ASCII letter or `-'.,`.
const NB_WORD: u8 = 4;
/// [`NAME_BYTES`] bit: ASCII whitespace (as `char::is_whitespace` has it).
const NB_SPACE: u8 = 8;
/// [`NAME_BYTES`] bit: part of a non-ASCII char.
const NB_NON_ASCII: u8 = 16;

/// What each byte can be in a name line, for [`name_shape`].
const NAME_BYTES: [u8; 256] = {
    let mut starts = [false; 128];
    let mut p = 0;
    while p < PARTICLES.len() {
        starts[PARTICLES[p].as_bytes()[0] as usize] = true;
        p += 1;
    }
    let mut table = [NB_BAD; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if !b.is_ascii() {
            NB_NON_ASCII
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            NB_SPACE
        } else if b.is_ascii_uppercase() {
            NB_WORD
        } else if b.is_ascii_lowercase() {
            if starts[i] {
                NB_WORD
            } else {
                NB_WORD | NB_NO_START
            }
        } else if matches!(b, b'-' | b'\'' | b'.' | b',') {
            NB_WORD | NB_NO_START
        } else {
            NB_BAD
        };
        i += 1;
    }
    table
};

/// [`NAME_STEP`] bit: the byte rules the line out.
const NS_FAIL: u8 = 1;
/// [`NAME_STEP`] bit: the byte is ASCII whitespace (the next byte's row is
/// the second).
const NS_SPACE: u8 = 2;
/// [`NAME_STEP`] bit: the byte starts a word.
const NS_WORD_START: u8 = 4;
/// [`NAME_STEP`] bit: the byte is part of a non-ASCII char.
const NS_NON_ASCII: u8 = 8;
/// Where [`NAME_STEP`]'s second row starts.
const NS_ROW: usize = 256;

/// [`NAME_BYTES`] as two rows of steps for [`name_shape`]'s loop, one for a
/// byte inside a word and one for a byte right after ASCII whitespace (or
/// first): whether the byte fails, whether it is whitespace, whether it
/// starts a word, whether it is non-ASCII.
const NAME_STEP: [u8; 2 * NS_ROW] = {
    let mut table = [0u8; 2 * NS_ROW];
    let mut i = 0;
    while i < 2 * NS_ROW {
        let class = NAME_BYTES[i % NS_ROW];
        let start = i >= NS_ROW;
        let mut step = 0;
        if class & NB_BAD != 0 || (start && class & NB_NO_START != 0) {
            step |= NS_FAIL;
        }
        if class & NB_SPACE != 0 {
            step |= NS_SPACE;
        }
        if start && class & NB_WORD != 0 {
            step |= NS_WORD_START;
        }
        if class & NB_NON_ASCII != 0 {
            step |= NS_NON_ASCII;
        }
        table[i] = step;
        i += 1;
    }
    table
};

/// [`NAME_COUNTS`] lane: word starts (the low byte).
const NC_WORDS: u32 = 0xff;
/// [`NAME_COUNTS`] bit: ASCII whitespace; also the offset of the row for the
/// next byte (the second lane, which counts whitespace, unused).
const NC_SPACE: u32 = NS_ROW as u32;
/// [`NAME_COUNTS`] lane: non-ASCII bytes.
const NC_NON_ASCII: u32 = 0xff << 16;
/// [`NAME_COUNTS`] lane: bytes that rule the line out.
const NC_FAILS: u32 = 0xff << 24;

/// [`NAME_STEP`] as counts to add up, one byte lane each (for lines of at
/// most 255 bytes no lane overflows): a word start, whitespace (which is
/// also the next row's offset), a non-ASCII byte, a failure.
const NAME_COUNTS: [u32; 2 * NS_ROW] = {
    let mut table = [0u32; 2 * NS_ROW];
    let mut i = 0;
    while i < 2 * NS_ROW {
        let step = NAME_STEP[i];
        let mut c = 0;
        if step & NS_WORD_START != 0 {
            c += 1;
        }
        if step & NS_SPACE != 0 {
            c += NC_SPACE;
        }
        if step & NS_NON_ASCII != 0 {
            c += 1 << 16;
        }
        if step & NS_FAIL != 0 {
            c += 1 << 24;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// A necessary condition for [`looks_like_name`] on the stripped line `t`,
/// in one pass over its bytes that stops within eight bytes of the first
/// that rules the line out. When it holds, also whether `t` is ASCII.
///
/// Every word of a name is a particle (ASCII lower-case letters) or made of
/// letters and `-'.,` and capitalised, so an ASCII byte that is none of these
/// nor whitespace rules the line out, and so does an ASCII byte right after
/// ASCII whitespace (or first), which starts a word, that no particle starts
/// with and that is not upper case. Each ASCII word byte right after ASCII
/// whitespace (or first) starts a different word, whatever non-ASCII
/// whitespace splits the line further, so counting those gives at most the
/// word count (exactly it on ASCII lines, whose chars are their bytes).
fn name_shape(t: &str) -> Option<bool> {
    // The first char starts a word and the last ends one (`t` is trimmed):
    // a quick look at both rules out most lines before the loop. A word
    // that starts with a non-ASCII char is no particle, so it is capitalised,
    // and one that ends with a non-ASCII char ends with a letter.
    let bytes = t.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return None;
    };
    if NAME_BYTES[usize::from(first)] & (NB_BAD | NB_NO_START) != 0
        || NAME_BYTES[usize::from(last)] & NB_BAD != 0
        || (!first.is_ascii() && !t.chars().next().is_some_and(maybe_uppercase))
        || (!last.is_ascii() && !t.chars().next_back().is_some_and(maybe_alphabetic))
    {
        return None;
    }
    // The counts below need at most 255 bytes; `name_candidate` passes at
    // most 200.
    if bytes.len() > 200 {
        return None;
    }
    // Most lines fail within their first 32 bytes, at a byte that varies:
    // tested at once, with one branch, rather than at the end of each block
    // of the loop, whose exit the branch predictor then misses.
    if name_prefix::fails(bytes) {
        return None;
    }
    // The sum of the `NAME_COUNTS` steps of the bytes so far: failures, word
    // starts and non-ASCII bytes, each in its own byte lane. Two loads and two
    // additions a byte; the failure test once every eight bytes, as most lines
    // fail within their first two words.
    let mut counts = 0u32;
    // `NAME_COUNTS` row: after ASCII whitespace (or first) or not. That is the step's
    // `NC_SPACE` bit, which is set exactly for ASCII whitespace in both rows (checked by
    // a test), so it is taken from the byte rather than from the step loaded: then no
    // byte's load waits for the one before it, which made the loop a chain of loads.
    let mut row = NS_ROW;
    let mut step = |counts: &mut u32, b: u8| {
        *counts += NAME_COUNTS[row + usize::from(b)];
        row = usize::from(sections::is_ascii_space(b)) * NS_ROW;
    };
    let (blocks, tail) = bytes.as_chunks::<8>();
    for block in blocks {
        for &b in block {
            step(&mut counts, b);
        }
        if counts & NC_FAILS != 0 || counts & NC_WORDS > 5 {
            return None;
        }
    }
    for &b in tail {
        step(&mut counts, b);
    }
    let words = counts & NC_WORDS;
    if counts & NC_FAILS != 0 || words > 5 {
        return None;
    }
    let ascii = counts & NC_NON_ASCII == 0;
    // No name has more than 50 chars (which std counts a word at a time).
    if t.len() > 50 && (ascii || t.chars().count() > 50) {
        return None;
    }
    (!ascii || words >= 2).then_some(ascii)
}

/// `c.is_uppercase()`, without the table lookup for the bullets and other
/// symbols of [`sections::is_symbol`], which hold no letter (checked against
/// std for every char by a test). A fifth of résumé lines start with a bullet
/// (`•`, `➢`, `✓`, ...), and the std lookup that rules them out costs more than
/// the rest of their name test.
#[inline(always)]
fn maybe_uppercase(c: char) -> bool {
    !sections::is_symbol(c) && c.is_uppercase()
}

/// `c.is_alphabetic()`, without the table lookup for [`sections::is_symbol`]'s
/// symbols (see [`maybe_uppercase`]).
#[inline(always)]
fn maybe_alphabetic(c: char) -> bool {
    !sections::is_symbol(c) && c.is_alphabetic()
}

/// A test of the first 16 or 32 bytes of a line for a byte that rules it out
/// in [`name_shape`]'s loop: a byte whose [`NAME_STEP`] has [`NS_FAIL`] in
/// the row of its place (the second after ASCII whitespace or first). The
/// loop adds up the failures of all bytes and gives `None` for any, so when
/// this finds one, [`name_shape`] gives `None`.
mod name_prefix {
    use super::{NAME_STEP, NS_FAIL, NS_ROW};

    /// Whether one of the first 32 bytes of `bytes` (the first 16 if it has
    /// fewer than 32; none if it has fewer than 16) fails.
    #[inline(always)]
    pub(super) fn fails(bytes: &[u8]) -> bool {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: `sse2` needs only the SSE2 instructions, which this build may use
            // (the `cfg` above: every x86-64 target has them).
            unsafe { sse2(bytes) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        bytewise(bytes)
    }

    /// The reference: [`NAME_STEP`] a byte at a time.
    #[cfg_attr(
        all(target_arch = "x86_64", target_feature = "sse2", not(test)),
        allow(dead_code)
    )]
    pub(super) fn bytewise(bytes: &[u8]) -> bool {
        let n = match bytes.len() {
            32.. => 32,
            16.. => 16,
            _ => 0,
        };
        let mut row = NS_ROW;
        for &b in bytes.get(..n).unwrap_or_default() {
            if NAME_STEP[row + usize::from(b)] & NS_FAIL != 0 {
                return true;
            }
            row = usize::from(super::sections::is_ascii_space(b)) * NS_ROW;
        }
        false
    }

    /// Sixteen bytes per step: a byte fails when it is ASCII and no letter,
    /// whitespace or `-'.,` ([`super::NB_BAD`]), or when it follows ASCII
    /// whitespace (or comes first) and is `-'.,` or a lower-case letter no
    /// particle starts with ([`super::NB_NO_START`]). Byte ranges are tested
    /// as `v - lo` (which wraps below `lo`) being at most the span, unsigned.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn sse2(bytes: &[u8]) -> bool {
        use std::arch::x86_64::{
            __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8,
            _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_slli_si128, _mm_sub_epi8,
        };
        let eq = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let in_range = |v: __m128i, lo: u8, span: u8| {
            let t = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
            _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(span as i8)), t)
        };
        let space = |v: __m128i| _mm_or_si128(eq(v, b' '), in_range(v, b'\t', 4));
        // The failing bytes of `v`, whose bytes before are `before`.
        let fails = |v: __m128i, before: __m128i| {
            let lower = in_range(v, b'a', 25);
            let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 25);
            let punct = _mm_or_si128(
                _mm_or_si128(eq(v, b'-'), eq(v, b'\'')),
                _mm_or_si128(eq(v, b'.'), eq(v, b',')),
            );
            // The first letters of the particles.
            let starts = [b'a', b'b', b'd', b'e', b'l', b't', b'v', b'y', b'z']
                .iter()
                .fold(_mm_set1_epi8(0), |acc, &c| _mm_or_si128(acc, eq(v, c)));
            // ASCII bytes that are none of those, and `v` itself for the high
            // bits of non-ASCII bytes, which never fail.
            let ok = _mm_or_si128(_mm_or_si128(letter, punct), _mm_or_si128(space(v), v));
            let no_start = _mm_or_si128(_mm_andnot_si128(starts, lower), punct);
            let bad_start =
                _mm_andnot_si128(_mm_cmpeq_epi8(space(before), _mm_set1_epi8(0)), no_start);
            !(_mm_movemask_epi8(ok) as u16) != 0 || _mm_movemask_epi8(bad_start) != 0
        };
        let load = |s: &[u8]| -> Option<__m128i> {
            let s: &[u8; 16] = s.get(..16)?.try_into().ok()?;
            // SAFETY: `s` is 16 readable bytes, and `loadu` takes any alignment.
            Some(unsafe { _mm_loadu_si128(s.as_ptr().cast::<__m128i>()) })
        };
        let Some(first) = load(bytes) else {
            return false;
        };
        // The bytes before the first sixteen: a space first, as the line starts.
        let before = _mm_or_si128(_mm_slli_si128::<1>(first), space_first());
        if fails(first, before) {
            return true;
        }
        match (
            load(bytes.get(16..).unwrap_or_default()),
            load(bytes.get(15..).unwrap_or_default()),
        ) {
            (Some(second), Some(before)) => fails(second, before),
            _ => false,
        }
    }

    /// A vector of a space in its first byte and NUL in the others.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn space_first() -> std::arch::x86_64::__m128i {
        std::arch::x86_64::_mm_cvtsi32_si128(i32::from(b' '))
    }
}

/// Whether the lower-case form of `w`, without leading and trailing
/// non-alphanumeric chars, is in [`NOT_NAME_WORDS`].
fn is_not_name_word(w: &str) -> bool {
    if !w.is_ascii() {
        let lw = w.to_lowercase();
        let bare = lw.trim_matches(|c: char| !c.is_alphanumeric());
        return NOT_NAME_WORDS.contains(&bare);
    }
    is_ascii_not_name_word(w.as_bytes())
}

/// [`name_checks`] for an ASCII line, on bytes and in one pass over its
/// words: words are split at ASCII whitespace (all the whitespace there is),
/// their bytes are letters or `-'.,` already (so `www.` needs a `.`), and
/// upper case is `A`..=`Z`. Particles are all lower-case letters and none is
/// a title, label or boilerplate word (checked by a test), so the
/// boilerplate test can skip them with the capitalisation test.
fn ascii_name_checks(t: &str, heading: Option<bool>) -> Option<String> {
    let bytes = t.as_bytes();
    // A comma inside the line separates a place from its country
    // ("Valencia, Spain"); names are written without one.
    let body = bytes.iter().rposition(|&b| b != b',').map_or(0, |p| p + 1);
    let mut dot = false;
    for &b in bytes.get(..body).unwrap_or_default() {
        if b == b',' {
            return None;
        }
        dot |= b == b'.';
    }
    if dot && bytes.windows(4).any(|w| w == b"www.") {
        return None;
    }
    let mut capitalised = 0;
    for w in bytes.split(|&b| sections::is_ascii_space(b)) {
        let Some(&first) = w.first() else {
            continue;
        };
        if PARTICLE_SET.contains(w) {
            continue;
        }
        if !first.is_ascii_uppercase() || is_ascii_not_name_word(w) {
            return None;
        }
        capitalised += 1;
    }
    if capitalised < 2 || heading.unwrap_or_else(|| sections::heading(t).is_some()) {
        return None;
    }
    Some(t.get(..body).unwrap_or(t).to_owned())
}

/// [`is_not_name_word`] for an ASCII word. ASCII lower-casing keeps
/// alphanumerics alphanumeric, so trimming first and lower-casing in a stack
/// buffer gives the same word as lower-casing first.
fn is_ascii_not_name_word(w: &[u8]) -> bool {
    let start = w
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .unwrap_or(w.len());
    let end = w
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(start, |e| e + 1);
    let bare = w.get(start..end).unwrap_or_default();
    // Lower-casing keeps the length and the first byte modulo 32, so most
    // words are ruled out before they are copied.
    if bare
        .first()
        .is_none_or(|&f| !NOT_NAME_SET.may_hold(bare.len(), f))
    {
        return false;
    }
    // Copied and lower-cased in one loop (no call to copy a short slice),
    // zero-padded: that is the word's `pack`.
    let mut buf = [0u8; 16];
    for (l, b) in buf.iter_mut().zip(bare) {
        *l = b.to_ascii_lowercase();
    }
    NOT_NAME_SET.holds(bare.len(), buf[0], u128::from_le_bytes(buf))
}

/// [`PARTICLES`] as [`Words`].
static PARTICLE_SET: Words<{ PARTICLES.len() }> = Words::new(PARTICLES);

/// [`NOT_NAME_WORDS`] as [`Words`], so that a lookup compares a handful of
/// words instead of all of them.
static NOT_NAME_SET: Words<{ NOT_NAME_WORDS.len() }> = Words::new(NOT_NAME_WORDS);

/// The buckets of [`Words`]: one per byte length up to 16 and first byte
/// modulo 32.
const WORD_BUCKETS: usize = 17 * 32;

/// A set of up to `N` short words, bucketed by byte length (up to 16; longer
/// words are left out) and first byte modulo 32, each kept as its bytes
/// zero-padded to 16 in one number ([`pack`]), so that a lookup compares
/// numbers instead of calling a slice comparison per word.
///
/// Made at compile time, in flat arrays: a résumé looks up only a few words,
/// so a set is mostly out of cache when it is used, and a lookup then waits
/// for one or two misses in these arrays rather than for a chain of them (a
/// lazy initialisation's state, a vector of buckets, the bucket's vector, its
/// words), which cost more than the rest of the name test.
struct Words<const N: usize> {
    /// Per byte length up to 16, bit `first byte % 32` set when a word of
    /// that length starts with such a byte: most words looked up are in none
    /// of the sets, and this rules them out with one load.
    buckets: [u32; 17],
    /// Where the words of bucket `len * 32 + first % 32` start in `packed`;
    /// the next entry is where they end.
    starts: [u8; WORD_BUCKETS + 1],
    /// The words ([`pack`]ed), bucket after bucket (zero after the last: the
    /// places of the words left out).
    packed: [u128; N],
}

impl<const N: usize> Words<N> {
    /// The set of `words`, which are `N` (no more than 255).
    const fn new(words: &[&str]) -> Words<N> {
        assert!(words.len() == N && N <= u8::MAX as usize);
        let mut buckets = [0u32; 17];
        // First the number of words per bucket, one entry late.
        let mut starts = [0u8; WORD_BUCKETS + 1];
        let mut i = 0;
        while i < N {
            let w = words[i].as_bytes();
            if !w.is_empty() && w.len() <= 16 {
                buckets[w.len()] |= 1 << (w[0] % 32);
                starts[w.len() * 32 + (w[0] % 32) as usize + 1] += 1;
            }
            i += 1;
        }
        let mut k = 0;
        while k < WORD_BUCKETS {
            starts[k + 1] += starts[k];
            k += 1;
        }
        // Then each word at the next free place of its bucket.
        let mut next = starts;
        let mut packed = [0u128; N];
        let mut i = 0;
        while i < N {
            let w = words[i].as_bytes();
            if !w.is_empty() && w.len() <= 16 {
                let key = w.len() * 32 + (w[0] % 32) as usize;
                let mut p = 0u128;
                let mut j = w.len();
                while j > 0 {
                    j -= 1;
                    p = (p << 8) | w[j] as u128;
                }
                packed[next[key] as usize] = p;
                next[key] += 1;
            }
            i += 1;
        }
        Words {
            buckets,
            starts,
            packed,
        }
    }

    /// Whether a word of the set may have `len` bytes and start with `first`
    /// (the bucket of such words holds one). Depends on `first % 32` only,
    /// which ASCII case changes keep.
    #[inline(always)]
    fn may_hold(&self, len: usize, first: u8) -> bool {
        self.buckets
            .get(len)
            .is_some_and(|b| (b >> (first % 32)) & 1 != 0)
    }

    /// Whether `w` is in the set.
    #[inline(always)]
    fn contains(&self, w: &[u8]) -> bool {
        w.first()
            .is_some_and(|&f| self.may_hold(w.len(), f) && self.holds(w.len(), f, pack(w)))
    }

    /// Whether the word of `len` bytes starting with `first` whose
    /// [`pack`]ed form is `packed` is in the set.
    #[inline(always)]
    fn holds(&self, len: usize, first: u8, packed: u128) -> bool {
        let key = len * 32 + usize::from(first % 32);
        let (Some(&lo), Some(&hi)) = (self.starts.get(key), self.starts.get(key + 1)) else {
            return false;
        };
        self.packed
            .get(usize::from(lo)..usize::from(hi))
            .is_some_and(|b| b.contains(&packed))
    }
}

/// The first 16 bytes of `w`, zero-padded, as one little-endian number: for
/// words of one length (as in a bucket of [`Words`]), equal numbers are
/// equal words. From two overlapping loads of the largest size that fits
/// (the bytes they share are the same), without a call to copy the bytes.
fn pack(w: &[u8]) -> u128 {
    let n = w.len().min(16);
    let u64_at = |i: usize| {
        w.get(i..i + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let u32_at = |i: usize| {
        w.get(i..i + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    let byte_at = |i: usize| u64::from(w.get(i).copied().unwrap_or(0)) << (8 * i);
    match n {
        8.. => {
            // Bytes 8..n, the end of the last eight moved down to the start.
            let high = u64_at(n - 8).checked_shr(8 * (16 - n as u32)).unwrap_or(0);
            u128::from(u64_at(0)) | (u128::from(high) << 64)
        }
        4.. => u128::from(u64::from(u32_at(0)) | (u64::from(u32_at(n - 4)) << (8 * (n - 4)))),
        1.. => u128::from(byte_at(0) | byte_at(n / 2) | byte_at(n - 1)),
        0 => 0,
    }
}

/// The name on `line`, if the line looks like a person's name and like
/// nothing else. `line` must be trimmed already (as the lines of the name
/// search are; trimming again would cost a second look at its ends).
/// `heading`: whether `line` is a heading, if known (see [`name_checks`]).
fn looks_like_name(line: &str, heading: Option<bool>) -> Option<String> {
    let (t, ascii, heading) = name_candidate(line, heading)?;
    name_checks(t, ascii, heading)
}

/// The cheap first half of [`looks_like_name`]: `line` without its name
/// labels, whether that is ASCII, and whether it is a heading if known, if
/// it passes [`name_shape`] and is not known to be a heading;
/// [`name_checks`] on those is the second half. `line` must be trimmed
/// already; `heading` is whether `line` is a heading, if known.
fn name_candidate(line: &str, heading: Option<bool>) -> Option<(&str, bool, Option<bool>)> {
    let t = strip_trimmed_name_labels(line);
    // `heading` is `t`'s when no label was stripped (see `name_checks`).
    let heading = heading.filter(|_| t.len() == line.len());
    // Every test below is pure and any failure gives `None` (`name_checks`
    // gives it for a heading), so the cheap ones come first: a known heading
    // (a bit test, and most of the lines that pass `name_shape`, such as
    // "Skill Details"), then the shape. (More than 200 bytes is more than 50
    // characters.)
    if heading == Some(true) || t.is_empty() || t.len() > 200 {
        return None;
    }
    // From here on no ASCII digit, `@` or `:` (so no "://") is left, and an
    // ASCII line has 2 to 5 words and at most 50 chars.
    let ascii = name_shape(t)?;
    Some((t, ascii, heading))
}

/// The rest of [`looks_like_name`] for a stripped line `t` that passed
/// [`name_shape`] (whose answer is `ascii`); out of line, so that the many
/// lines rejected sooner do not pay for this part's stack frame. `heading`:
/// `sections::heading(t).is_some()`, if known (the sections already looked up
/// every line; `t` is the line's when no label was stripped, see
/// [`sections::HeadingLines::get`]).
#[inline(never)]
fn name_checks(t: &str, ascii: bool, heading: Option<bool>) -> Option<String> {
    // All tests here are pure and any failure gives `None`, so a heading
    // known already ("Skill Details", most of the lines that get this far)
    // is ruled out first, for one bit test; an unknown one is looked up last.
    if heading == Some(true) {
        return None;
    }
    if ascii {
        return ascii_name_checks(t, heading);
    }
    // A comma inside the line separates a place from its country
    // ("Valencia, Spain"); names are written without one.
    if t.trim_end_matches(',').contains(',') || t.as_bytes().windows(4).any(|w| w == b"www.") {
        return None;
    }
    if !(2..=5).contains(&t.split_whitespace().count()) || t.chars().count() > 50 {
        return None;
    }
    // Words other than particles: letters only, capitalised, at least two.
    let mut capitalised = 0;
    for w in t.split_whitespace() {
        if PARTICLE_SET.contains(w.as_bytes()) {
            continue;
        }
        // The ASCII bytes of the line are letters or `-'.,` already.
        if !w.is_ascii()
            && !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.' | ','))
        {
            return None;
        }
        let first = w.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        capitalised += 1;
    }
    if capitalised < 2 {
        return None;
    }
    // No word is a title, label or boilerplate word.
    if t.split_whitespace().any(is_not_name_word) {
        return None;
    }
    if heading.unwrap_or_else(|| sections::heading(t).is_some()) {
        return None;
    }
    Some(t.trim_end_matches(',').to_owned())
}

/// Byte offset of `part` inside `text`, if it is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let o = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (o.checked_add(part.len())? <= text.len()).then_some(o)
}

/// The sum of the eight byte lanes of `lanes`.
#[inline(always)]
fn fold_lanes(lanes: u64) -> usize {
    let pairs = (lanes & 0x00ff_00ff_00ff_00ff) + ((lanes >> 8) & 0x00ff_00ff_00ff_00ff);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// At least as many as the ASCII digits `s` holds (bytes whose low seven
/// bits are an ASCII digit), eight bytes at a time: the compiler does not
/// vectorise byte counts well, and short lines would not fill vectors anyway.
/// Only non-ASCII bytes (UTF-8 continuation bytes `0xb0..=0xb9`) are counted
/// wrongly, which suits a prefilter and saves a mask per word. Inlined, so
/// that the line loop keeps the constants in registers. (Counting 32 bytes
/// at a time in vector lanes does not pay: lines are short, and summing the
/// lanes costs as much as the SWAR loop saves.)
#[inline(always)]
fn ascii_digits_at_most(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // 0x80 in each byte whose low seven bits are a digit: `b ^ 0x30` is then
    // below 10, and adding 0x76 sets the high bit (without a carry into the
    // next byte) exactly when it is not.
    let digits = |x: u64| !(((x & !HIGH) ^ (0x30 * ONES)) + 0x76 * ONES) & HIGH;
    let word = |w: &[u8]| {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        u64::from_le_bytes(b)
    };
    if s.len() < 8 {
        return s.iter().filter(|&&b| (b & 0x7f).is_ascii_digit()).count();
    }
    let mut n = 0;
    // 255 words at a time, so that no lane overflows; two words a step.
    for part in s.chunks(255 * 8) {
        let mut pairs = part.chunks_exact(16);
        let mut lanes = 0;
        for p in &mut pairs {
            let (a, b) = p.split_at(8);
            lanes += (digits(word(a)) >> 7) + (digits(word(b)) >> 7);
        }
        if let Some(w) = pairs.remainder().get(..8) {
            lanes += digits(word(w)) >> 7;
        }
        n += fold_lanes(lanes);
    }
    // The bytes after the last whole word: the last eight bytes, without the
    // lanes that overlap that word (the low ones, as the load is little-endian).
    let rest = s.len() % 8;
    if rest > 0
        && let Some(last) = s.get(s.len() - 8..)
    {
        n += fold_lanes((digits(word(last)) >> 7) >> (8 * (8 - rest)));
    }
    n
}

/// The block size of [`phone_block`].
const PHONE_BLOCK: usize = 64;

/// The start of the first block of `hay` (at `from`, `from + 64`, ...; the
/// last may be shorter) that may hold the eighth ASCII digit of a stretch of
/// [`PHONE`] bytes: bytes other than [`PH_OTHER`] ones, counted from `from`.
///
/// When [`may_hold_phone`] holds for a line `hay[off..end]` with
/// `off >= from`, this is at most the position `q` on the line where it
/// returns, so `Some(w)` with `w < end`. There, the current run (the bytes
/// since the line's start or its last [`PH_OTHER`] byte) holds at least 8
/// digits (`run >= plain`, and either bound needs 8); those bytes lie in `hay`
/// at or after `from`, inside one stretch without a [`PH_OTHER`] byte, so that
/// stretch, counted from `from`, holds 8 digits by `q`, and the block holding
/// `q` qualifies if no earlier one does.
///
/// Most blocks are ruled out by their digit count alone (a vector compare per
/// 16 bytes): `carry` is at least the
/// digits of the stretch still open at the block's start, and a block whose
/// digits and `carry` add up to less than 8 cannot hold an eighth digit
/// (without the other bytes, `carry` then grows by all of them, which is at
/// least as many). The rest are looked at stretch
/// by stretch from their masks of [`PH_OTHER`] bytes. Lines of dates
/// ("January 2013 to January 2017") have many digits, but in short stretches.
fn phone_block(hay: &[u8], from: usize) -> Option<usize> {
    let (blocks, tail) = hay.get(from..)?.as_chunks::<PHONE_BLOCK>();
    let mut last = [0u8; PHONE_BLOCK];
    for (d, &s) in last.iter_mut().zip(tail) {
        *d = s; // NUL, the padding, is a `PH_OTHER` byte and no digit
    }
    let mut carry = 0;
    let mut at = from;
    for block in blocks.iter().chain([&last]) {
        // Counted without a mask and without a branch on whether the block
        // holds a digit (which a fifth of blocks do, unpredictably).
        let n = phone_masks::digit_count(block);
        if carry + n < 8 {
            carry += n;
        } else {
            let digits = phone_masks::digits(block);
            let others = phone_masks::others(block);
            if eighth_digit_in(digits, others, carry) {
                return Some(at);
            }
            // The digits after the last `PH_OTHER` byte, or all of them.
            carry = match others.checked_ilog2() {
                Some(l) => digits.checked_shr(l + 1).unwrap_or(0).count_ones(),
                None => carry + n,
            };
        }
        at += PHONE_BLOCK;
    }
    None
}

/// Whether some stretch of a block without [`PH_OTHER`] bytes (set in
/// `others`) holds 8 digits (set in `digits`), the first stretch with `carry`
/// digits more.
fn eighth_digit_in(digits: u64, others: u64, carry: u32) -> bool {
    let first = others.trailing_zeros();
    // Before the first `PH_OTHER` byte (the whole block without one).
    let lead = digits & 1u64.checked_shl(first).map_or(u64::MAX, |b| b - 1);
    if carry + lead.count_ones() >= 8 {
        return true;
    }
    // The stretches after each `PH_OTHER` byte, those with digits only.
    let mut rest = digits & !lead;
    if rest.count_ones() < 8 {
        return false;
    }
    while rest != 0 {
        let start = rest.trailing_zeros();
        // Up to the next `PH_OTHER` byte, or to the end of the block.
        let end = (others & (u64::MAX << start)).trailing_zeros();
        let stretch = rest & 1u64.checked_shl(end).map_or(u64::MAX, |b| b - 1);
        if stretch.count_ones() >= 8 {
            return true;
        }
        rest &= !stretch;
    }
    false
}

/// Bit masks of the digits and of the [`PH_OTHER`] bytes of a 64-byte block,
/// for [`phone_block`].
mod phone_masks {
    /// The mask of `block` whose bit `i` is set when `block[i]` is an ASCII digit.
    #[inline(always)]
    pub(super) fn digits(block: &[u8; 64]) -> u64 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: `sse2` needs only the SSE2 instructions, which this build may use
            // (the `cfg` above: every x86-64 target has them).
            unsafe { sse2::digits(block) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        bytewise::digits(block)
    }

    /// How many ASCII digits `block` holds.
    #[inline(always)]
    pub(super) fn digit_count(block: &[u8; 64]) -> u32 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: as in `digits`.
            unsafe { sse2::digit_count(block) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        bytewise::digits(block).count_ones()
    }

    /// The mask of `block` whose bit `i` is set when `block[i]` is a
    /// [`PH_OTHER`](super::PH_OTHER) byte.
    #[inline(always)]
    pub(super) fn others(block: &[u8; 64]) -> u64 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: as in `digits`.
            unsafe { sse2::others(block) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        bytewise::others(block)
    }

    /// The reference: one test per byte.
    #[cfg_attr(
        all(target_arch = "x86_64", target_feature = "sse2", not(test)),
        allow(dead_code)
    )]
    pub(super) mod bytewise {
        use super::super::{PH_OTHER, PHONE_BYTES};

        /// [`super::digits`], a byte at a time.
        pub(in super::super) fn digits(block: &[u8; 64]) -> u64 {
            let mut m = 0;
            for (i, b) in block.iter().enumerate() {
                m |= u64::from(b.is_ascii_digit()) << i;
            }
            m
        }

        /// [`super::others`], a byte at a time.
        pub(in super::super) fn others(block: &[u8; 64]) -> u64 {
            let mut m = 0;
            for (i, &b) in block.iter().enumerate() {
                m |= u64::from(PHONE_BYTES[usize::from(b)] == PH_OTHER) << i;
            }
            m
        }
    }

    /// Sixteen bytes per step. A byte range `lo..=lo + span` is tested as
    /// `v - lo` (which wraps below `lo`) being at most `span`, unsigned.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    mod sse2 {
        use std::arch::x86_64::{
            __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cvtsi128_si32, _mm_extract_epi16,
            _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_sad_epu8,
            _mm_set1_epi8, _mm_setzero_si128, _mm_sub_epi8,
        };

        /// [`super::digits`].
        #[target_feature(enable = "sse2")]
        #[inline]
        pub(super) fn digits(block: &[u8; 64]) -> u64 {
            let mut m = 0;
            for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
                // SAFETY: `sixteen` is 16 readable bytes, and `loadu` takes any alignment.
                let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>()) };
                let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
                let digit = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
                m |= u64::from(_mm_movemask_epi8(digit) as u16) << (16 * k);
            }
            m
        }

        /// [`super::digit_count`]: the compare results (-1 for a digit)
        /// subtracted, which counts up to 4 in each byte, then summed by
        /// `psadbw` (without a mask, and without `popcnt`, which the baseline
        /// x86-64 lacks).
        #[target_feature(enable = "sse2")]
        #[inline]
        pub(super) fn digit_count(block: &[u8; 64]) -> u32 {
            let mut counts = _mm_setzero_si128();
            for sixteen in block.as_chunks::<16>().0 {
                // SAFETY: as in `digits`.
                let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>()) };
                let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
                counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t));
            }
            let sums = _mm_sad_epu8(counts, _mm_setzero_si128());
            (_mm_cvtsi128_si32(sums) + _mm_extract_epi16::<4>(sums)) as u32
        }

        /// [`super::others`]: no byte of a stretch, which are the digits, the
        /// space, `()+-./` (`(` to `/` without `*` and `,`) and non-ASCII
        /// bytes (the high bits, which the mask takes as they are).
        #[target_feature(enable = "sse2")]
        #[inline]
        pub(super) fn others(block: &[u8; 64]) -> u64 {
            let eq = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let in_range = |v: __m128i, lo: u8, span: u8| {
                let t = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
                _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(span as i8)), t)
            };
            let mut m = 0;
            for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
                // SAFETY: as in `digits`.
                let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>()) };
                let punct =
                    _mm_andnot_si128(_mm_or_si128(eq(v, b'*'), eq(v, b',')), in_range(v, b'(', 7));
                let stretch = _mm_or_si128(
                    _mm_or_si128(in_range(v, b'0', 9), eq(v, b' ')),
                    _mm_or_si128(punct, v),
                );
                m |= u64::from(!(_mm_movemask_epi8(stretch) as u16)) << (16 * k);
            }
            m
        }
    }
}

/// A necessary condition for [`phone_at`] to find a number on `line`, from
/// one pass over its bytes that skips ahead to digits and `+` signs.
///
/// A [`PHONE`] match is made of `+`, `(`, digits, spaces and `()./-`, so it
/// lies inside one run of such bytes (non-ASCII bytes count as run bytes:
/// `\d` also matches other scripts' digits). A plausible number has at least
/// 8 ASCII digits and starts with `+` or `00`, or has at least 9 and no `.`
/// or `/`, so it lies inside a run without those. Date ranges such as
/// "01/2019 - 03/2021" fail both.
fn may_hold_phone(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Digits of the current run, and of the current run without `.` and `/`
    // (never more than `run`).
    let (mut run, mut plain) = (0u32, 0u32);
    // Whether the current run holds a `+` or two consecutive zeros.
    let mut intl = false;
    let mut prev = PH_OTHER;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if run == 0 && !intl {
            // Until a digit or `+` comes, nothing changes this state (and the
            // byte before a digit found so is no `0`), so skip to it.
            let Some(at) = next_digit_or_plus(bytes, i - 1) else {
                return false;
            };
            if at >= i {
                prev = PH_SEP;
                i = at;
                continue;
            }
        }
        let class = PHONE_BYTES[usize::from(b)];
        // Most bytes are letters, which end any run: one test for them.
        if class == PH_OTHER {
            (run, plain, intl) = (0, 0, false);
        } else if class <= PH_ZERO {
            run += 1;
            plain += 1;
            intl |= class == PH_ZERO && prev == PH_ZERO;
            if plain >= 9 || (run >= 8 && intl) {
                return true;
            }
        } else if class == PH_PLUS {
            intl = true;
        } else if class == PH_DOT {
            plain = 0;
        }
        prev = class;
    }
    false
}

/// Where the first ASCII digit or `+` of `bytes` at or after `from` is:
/// blocks of 32 bytes without one are skipped with a test in a form the
/// compiler turns into a few vector instructions (an "any" over the block
/// without an early exit), then the block with one is searched eight bytes at
/// a time.
fn next_digit_or_plus(bytes: &[u8], from: usize) -> Option<usize> {
    let mut from = from;
    let (blocks, _) = bytes.get(from..)?.as_chunks::<32>();
    for block in blocks {
        let any = block.iter().fold(0u8, |any, &b| {
            any | u8::from(b.wrapping_sub(b'0') < 10) | u8::from(b == b'+')
        });
        if any != 0 {
            break;
        }
        from += 32;
    }
    next_digit_or_plus_swar(bytes, from)
}

/// [`next_digit_or_plus`] eight bytes at a time.
fn next_digit_or_plus_swar(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // 0x80 in each byte of `x` that is an ASCII digit or `+`: `b ^ 0x30`
    // below 10, or `b ^ 0x2b` zero (adding 0x7f to the low seven bits sets
    // the high bit exactly when they are not zero); never for a non-ASCII
    // byte, whose high bit is ored in.
    let hits = |x: u64| {
        let d = x ^ (0x30 * ONES);
        let p = x ^ (0x2b * ONES);
        (!(((d & !HIGH) + 0x76 * ONES) | d) | !(((p & !HIGH) + 0x7f * ONES) | p)) & HIGH
    };
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut base = from;
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let m = hits(u64::from_le_bytes(b));
        if m != 0 {
            return Some(base + (m.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b.is_ascii_digit() || b == b'+')
        .map(|p| base + p)
}

/// [`PHONE_BYTES`] class: a digit other than `0`.
const PH_DIGIT: u8 = 0;
/// [`PHONE_BYTES`] class: `0`.
const PH_ZERO: u8 = 1;
/// [`PHONE_BYTES`] class: `+`.
const PH_PLUS: u8 = 2;
/// [`PHONE_BYTES`] class: `.` or `/`.
const PH_DOT: u8 = 3;
/// [`PHONE_BYTES`] class: space, `(`, `)`, `-` or a non-ASCII byte.
const PH_SEP: u8 = 4;
/// [`PHONE_BYTES`] class: any other byte, which no [`PHONE`] match holds.
const PH_OTHER: u8 = 5;

/// The class of every byte for [`may_hold_phone`].
const PHONE_BYTES: [u8; 256] = {
    let mut table = [PH_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match i as u8 {
            b'0' => PH_ZERO,
            b'1'..=b'9' => PH_DIGIT,
            b'+' => PH_PLUS,
            b'.' | b'/' => PH_DOT,
            b' ' | b'(' | b')' | b'-' | 0x80..=0xff => PH_SEP,
            _ => PH_OTHER,
        };
        i += 1;
    }
    table
};

/// The first plausible phone number on `line`.
#[cfg(test)]
fn phone_in(line: &str) -> Option<String> {
    phone_at(line).map(str::to_owned)
}

/// The first plausible phone number on `line`: the first match of [`PHONE`]
/// (in `find_iter` order) that [`plausible_phone`] accepts.
///
/// Only the stretches that [`phone_stretch`] finds are searched, which
/// finds the same. Every match lies inside one stretch of [`PHONE`] bytes
/// (all its bytes are such bytes), and the plausible ones inside those that
/// [`phone_stretch`] finds. The matches that `find_iter` yields inside a
/// stretch are those of a search from its start, continued from each match's
/// end until one starts past the stretch: no match of `find_iter`'s before
/// the stretch ends inside it, so its first match there is the leftmost
/// match from the stretch's start (which `find_at` finds as `find_iter`
/// does, looking at the bytes around), and from there both go alike. A
/// search that finds nothing finds nothing further on either.
fn phone_at(line: &str) -> Option<&str> {
    // A plausible number has at least 8 ASCII digits; the bound rules out
    // most lines for less than the stretch scan costs.
    let bytes = line.as_bytes();
    if ascii_digits_at_most(bytes) < 8 {
        return None;
    }
    let mut from = 0;
    // The leftmost match at or after a position before `from`, if searched.
    let mut ahead: Option<crate::fastre::Match<'_>> = None;
    while let Some((start, end)) = phone_stretch(bytes, from) {
        from = end;
        let mut pos = start;
        loop {
            // `ahead` is still the leftmost match from `pos` when it starts
            // at or after it.
            let m = match ahead.take().filter(|m| m.start() >= pos) {
                Some(m) => m,
                None => PHONE.find_at(line, pos)?,
            };
            if m.start() >= end {
                ahead = Some(m);
                break;
            }
            if let Some(s) = plausible_phone(m.as_str()) {
                return Some(s);
            }
            pos = m.end();
        }
    }
    None
}

/// `m`, a match of [`PHONE`], trimmed, if it is a plausible number.
fn plausible_phone(m: &str) -> Option<&str> {
    let s = m.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if !(8..=15).contains(&digits) || YEAR_RANGE_ONLY.is_match(s) {
        return None;
    }
    let international = s.starts_with('+') || s.starts_with("00");
    // Dots and slashes also appear in dates ("12.03.2019 - 31.05.2019"),
    // so accept them only in numbers written internationally.
    let plausible = international || (digits >= 9 && !s.contains(['.', '/']));
    plausible.then_some(s)
}

/// The first stretch `start..end` of [`PHONE`] bytes (bytes other than
/// [`PH_OTHER`] ones) of `bytes[from..]` that may hold a match of [`PHONE`]
/// that [`plausible_phone`] accepts; `bytes[from]`, if `from > 0`, must end a
/// stretch (be a [`PH_OTHER`] byte), so that the stretch found is a whole one.
///
/// Such a match `m` (which trimming leaves as it is: it starts with `+`, `0`,
/// `(` or a digit, and ends with a digit) has 8 to 15 ASCII digits and either
/// starts with `+` or with `00` where a word boundary holds, so that no ASCII
/// digit comes right before, or has 9 digits and no `.` or `/`. So its
/// stretch holds a `+`, or a `00` not right after an ASCII digit, with 8
/// ASCII digits from there on, or 9 ASCII digits without a `.` or `/` between
/// them; this looks for either a byte at a time (from the first such `+` or
/// `00`, which has the most digits after it). Bytes where the count is at its
/// start again (no digit since the stretch started or since a `.` or `/`, no
/// `+` or `00` yet) are skipped up to the next digit or `+`: none of them
/// changes the count, and none is a digit.
fn phone_stretch(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    // Digits since the stretch's start or its last `.` or `/`; digits since
    // its first `+` or `00` (`None` before one); whether the byte before is
    // an ASCII digit.
    let (mut plain, mut intl, mut after_digit) = (0u32, None::<u32>, false);
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if plain == 0 && intl.is_none() {
            let at = next_digit_or_plus(bytes, i)?;
            if at > i {
                after_digit = false;
                i = at;
                continue;
            }
        }
        match PHONE_BYTES[usize::from(b)] {
            PH_DIGIT | PH_ZERO => {
                plain += 1;
                if intl.is_none() && b == b'0' && !after_digit && bytes.get(i + 1) == Some(&b'0') {
                    intl = Some(0);
                }
                if let Some(d) = &mut intl {
                    *d += 1;
                }
                if plain >= 9 || intl.is_some_and(|d| d >= 8) {
                    let other = |b: &u8| PHONE_BYTES[usize::from(*b)] == PH_OTHER;
                    let before = bytes.get(from..i).unwrap_or_default();
                    let start = before
                        .iter()
                        .rposition(other)
                        .map_or(from, |p| from + p + 1);
                    let after = bytes.get(i..).unwrap_or_default();
                    let end = after.iter().position(other).map_or(bytes.len(), |p| i + p);
                    return Some((start, end));
                }
                after_digit = true;
                i += 1;
                continue;
            }
            PH_PLUS => {
                intl.get_or_insert(0);
            }
            PH_DOT => plain = 0,
            PH_OTHER => (plain, intl) = (0, None),
            _ => {}
        }
        after_digit = false;
        i += 1;
    }
    None
}

/// The first match of [`EMAIL`] on the first of `lines` (slices of `text`)
/// that has one. A match needs an `@`, so only lines holding one are
/// searched, and those are found with one vectorised scan of `text` when the
/// lines come in order (as the lines of a text do), however long the lines
/// between them are.
fn first_email(text: &str, lines: &[&str]) -> Option<String> {
    let bytes = text.as_bytes();
    // The first `@` at or after `from`, if any.
    let mut from = 0;
    // Without an `@` in `text` no line (a slice of it, or skipped) holds one;
    // most résumés have none, and then the lines are not walked.
    let mut at = Some(memchr::memchr(b'@', bytes)?);
    for line in lines {
        let Some(off) = offset_in(text, line) else {
            continue;
        };
        if off < from || at.is_some_and(|a| a < off) {
            from = off;
            at = bytes
                .get(off..)
                .and_then(|rest| memchr::memchr(b'@', rest))
                .map(|i| off + i);
        }
        if at.is_some_and(|a| a < off + line.len())
            && let Some(m) = EMAIL.find(line)
        {
            return Some(m.as_str().to_owned());
        }
    }
    None
}

/// `l.trim()`, without the call when `l` starts and ends with ASCII
/// non-whitespace, as most lines do.
fn trim(l: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !sections::is_ascii_space(b));
    if plain(l.as_bytes().first()) && plain(l.as_bytes().last()) {
        l
    } else {
        l.trim()
    }
}

/// The text of `lines` in one piece, from the start of the first to the end
/// of the last, when all of them are slices of `text` (`""` for no lines),
/// and whether they come in text order without overlapping (each starts at
/// or after the end of the one before), as the lines of a text do. Ordered
/// lines all lie inside the piece, in order: each starts at or after the
/// first's start and ends by the last's start.
fn piece_of<'t>(text: &'t str, lines: &[&str]) -> Option<(&'t str, bool)> {
    let mut ordered = true;
    let mut end = 0;
    for l in lines {
        let off = offset_in(text, l)?;
        ordered &= off >= end;
        end = off + l.len();
    }
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Some(("", ordered));
    };
    let piece = text.get(offset_in(text, first)?..offset_in(text, last)? + last.len())?;
    Some((piece, ordered))
}

/// Extracts contact details from `text`, whose lines are `lines`, the sections
/// having found their headings.
#[cfg(test)]
pub(crate) fn extract(text: &str, lines: &[&str]) -> Contacts {
    let (_, _, headings) = sections::classify_with_headings(lines);
    extract_with(text, lines, &headings)
}

/// Extracts contact details from `text`, whose lines are `lines`, of which
/// `headings` tells which are headings.
pub(crate) fn extract_with(
    text: &str,
    lines: &[&str],
    headings: &sections::HeadingLines,
) -> Contacts {
    let mut c = Contacts::default();
    let text_lines = lines.get(..400).unwrap_or(lines);
    // The text of those lines in one piece, when `lines` are slices of
    // `text`. None of the patterns below can match a line break, and a break
    // is a non-word character like the end of a line, so the first match in
    // the piece is the first match of the first line that has one.
    let piece_and_order = piece_of(text, text_lines);
    let piece = piece_and_order.map(|(p, _)| p);
    let ordered = piece_and_order.is_some_and(|(_, o)| o);
    let literals = piece.map(first_literals);
    // Ordered lines all lie inside the piece (see `piece_of`), so when it has
    // no `@`, no line has one, and no address.
    if piece.is_some() && !(ordered && literals.is_some_and(|(_, at)| !at)) {
        c.email = first_email(text, text_lines);
    }
    for line in text_lines.iter().filter(|_| piece.is_none()) {
        if c.email.is_none() {
            // The pattern needs an `@`.
            if line.contains('@') {
                c.email = EMAIL.find(line).map(|m| m.as_str().to_owned());
            }
        }
        if c.linkedin.is_none() {
            c.linkedin = LINKEDIN
                .find(line)
                .map(|m| m.as_str().trim_end_matches('/').to_owned());
        }
        if c.github.is_none() {
            c.github = GITHUB.find(line).map(|m| m.as_str().to_owned());
        }
    }
    if let Some((piece, (first, _))) = piece.zip(literals) {
        c.linkedin = find_after_literal(&LINKEDIN, piece, first[0])
            .map(|m| m.trim_end_matches('/').to_owned());
        c.github = find_after_literal(&GITHUB, piece, first[1]).map(str::to_owned);
    }
    // Phones: prefer labelled lines, then any plausible number near the top.
    // Labelled lines, in order, the first that holds a number. (A label cannot
    // span a line break, and a line break is a non-word character like the
    // ends of a line, so this is the same as searching the labels in the
    // whole piece; lines that cannot hold a number are not searched.)
    // The first number of the first 15 lines is noted on the way, for the
    // fallback, which is wanted only when no labelled line holds a number
    // (the first number of a line is what either search takes from it).
    // A number holds 8 ASCII digits among `PHONE` bytes, and most lines hold
    // none: when the lines are slices of `text`, those are skipped by a scan
    // of the piece for 64-byte blocks that may hold the eighth (`phone_block`;
    // no line of `hay[from..]` that ends by `window`, or at all without one,
    // passes `may_hold_phone`).
    let hay = piece.map_or(&[][..], str::as_bytes);
    let mut from = 0;
    let mut window = phone_block(hay, 0);
    // The first number of the first 15 lines, for the fallback.
    let mut top = None;
    let mut labelled = None;
    for (i, l) in text_lines.iter().enumerate() {
        // A line before `from` (lines out of text order) is looked at on its
        // own, so that such lines cannot make the scan start over and over.
        if let Some(off) = piece.and_then(|p| offset_in(p, l)).filter(|&o| o >= from) {
            if window.is_some_and(|w| w + PHONE_BLOCK <= off) {
                from = off;
                window = phone_block(hay, off);
            }
            if window.is_none_or(|w| w >= off + l.len()) {
                // Without a window, ordered lines after this one all lie at
                // or after `off`, so each is skipped here in turn.
                if window.is_none() && ordered {
                    break;
                }
                continue; // `may_hold_phone(l)` fails (see `phone_block`)
            }
        }
        // `may_hold_phone` implies 8 ASCII digits; the count rules out most
        // lines sooner.
        if ascii_digits_at_most(l.as_bytes()) < 8 || !may_hold_phone(l) {
            continue;
        }
        // The line's number, which both searches want, before the label,
        // which only the first wants, and only on a line with a number.
        let Some(phone) = phone_at(l) else {
            continue;
        };
        if PHONE_LABEL.is_match(l) {
            labelled = Some(phone);
            break;
        }
        if i < 15 && top.is_none() {
            top = Some(phone);
        }
    }
    c.phone = labelled.or(top).map(str::to_owned);
    // The first `NAME_SEARCH_LINES` non-blank lines, trimmed, taken lazily: the name is
    // usually the first of them, and then the others are never trimmed.
    let mut non_empty = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, trim(l)))
        .filter(|(_, l)| !l.is_empty())
        .take(NAME_SEARCH_LINES);
    // A name-like line near the top; failing that (two-column layouts put a
    // sidebar with contacts and skills first), a name-like line further down
    // that is directly followed by a job title ("José Ñúñez" / "Backend
    // Developer").
    // A spreadsheet formula where the name goes is an attack on whoever opens the export:
    // report it as the name (the CSV writer neutralises it) rather than hide it.
    let first = non_empty.next();
    let formula_name = first
        .filter(|(_, l)| looks_like_formula(l))
        .map(|(_, l)| l.to_string());
    c.name = formula_name
        .or_else(|| {
            first
                .into_iter()
                .chain(non_empty.by_ref().take(7))
                .find_map(|(i, l)| looks_like_name(l, headings.get(i)))
        })
        .or_else(|| {
            // The first eight lines are no names (or the search above would
            // have stopped), so neither are the windows they start: the pairs
            // of consecutive lines from the ninth on.
            let mut prev = non_empty.next()?;
            non_empty.find_map(|next| {
                // All tests are pure: the cheap half of the name test rejects
                // most lines, its costlier half most of the rest (more of
                // them than the title test, which costs more still).
                let (i, line) = prev;
                let name = name_candidate(line, headings.get(i))
                    .and_then(|(t, ascii, heading)| name_checks(t, ascii, heading))
                    .filter(|_| is_title_line(next.1));
                prev = next;
                name
            })
        });
    c
}

/// `=HYPERLINK(...)`, `@SUM(...)`, `+cmd|...`: a formula-trigger character followed by a
/// function call or a DDE pipe, as spreadsheet-injection payloads are written.
fn looks_like_formula(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['=', '+', '-', '@']) else {
        return false;
    };
    let call = rest.find('(').is_some_and(|i| {
        i > 0
            && rest[..i]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '.')
    });
    call || rest.contains('|')
}

/// How many non-empty lines from the top may hold the name.
const NAME_SEARCH_LINES: usize = 40;

/// Words that make a short line a job title.
const TITLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "architect",
    "manager",
    "lead",
    "consultant",
    "analyst",
    "designer",
    "administrator",
    "scientist",
    "tester",
    "recruiter",
    "director",
    "specialist",
    "accountant",
];

/// Whether the lower-case form of `w` is in [`TITLE_WORDS`].
fn is_title_word(w: &str) -> bool {
    if !w.is_ascii() {
        let lower = w.to_lowercase();
        return TITLE_WORDS.contains(&lower.as_str());
    }
    is_ascii_title_word(w.as_bytes())
}

/// [`is_title_word`] for an ASCII word.
fn is_ascii_title_word(w: &[u8]) -> bool {
    // Lower-casing keeps the length and the first byte modulo 32, so most
    // words are ruled out before they are copied.
    if w.first().is_none_or(|&f| !TITLE_SET.may_hold(w.len(), f)) {
        return false;
    }
    // `may_hold` passed, so `w` has at most 16 bytes: lower-cased into a
    // zero-padded copy, which is its `pack`.
    let mut buf = [0u8; 16];
    for (l, b) in buf.iter_mut().zip(w) {
        *l = b.to_ascii_lowercase();
    }
    TITLE_SET.holds(w.len(), buf[0], u128::from_le_bytes(buf))
}

/// [`TITLE_WORDS`] as [`Words`].
static TITLE_SET: Words<{ TITLE_WORDS.len() }> = Words::new(TITLE_WORDS);

/// A short line naming a job ("Backend Developer (Python / Django)").
fn is_title_line(line: &str) -> bool {
    if line.is_ascii() {
        // The same split on bytes: an ASCII char is alphanumeric exactly when
        // it is ASCII alphanumeric.
        let mut words = 0;
        let mut title = false;
        let split = line
            .as_bytes()
            .split(|&b| !b.is_ascii_alphanumeric() && b != b'-')
            .filter(|w| !w.is_empty());
        for w in split {
            words += 1;
            if words > 8 {
                return false;
            }
            title = title || is_ascii_title_word(w);
        }
        return words >= 1 && title;
    }
    let mut words = 0;
    let mut title = false;
    for w in line
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if words > 8 {
            return false;
        }
        title = title || is_title_word(w);
    }
    words >= 1 && title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Contacts {
        let lines: Vec<&str> = text.lines().collect();
        extract(text, &lines)
    }

    /// `line` trimmed, without the name labels a name line may start with.
    fn strip_name_labels(line: &str) -> &str {
        strip_trimmed_name_labels(line.trim())
    }

    /// [`looks_like_name`] as it was before the byte-level shortcuts: the
    /// reference they must agree with.
    fn looks_like_name_reference(line: &str) -> Option<String> {
        let t = strip_name_labels(line);
        if t.is_empty() || t.len() > 200 {
            return None;
        }
        if t.bytes().any(|b| b.is_ascii_digit() || b == b'@')
            || t.trim_end_matches(',').contains(',')
            || !(2..=5).contains(&t.split_whitespace().count())
            || t.contains("://")
            || t.contains("www.")
        {
            return None;
        }
        if t.chars().count() > 50 {
            return None;
        }
        let mut capitalised = 0;
        for w in t.split_whitespace() {
            if PARTICLES.contains(&w) {
                continue;
            }
            if !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.' | ','))
            {
                return None;
            }
            let first = w.chars().next()?;
            if !first.is_uppercase() {
                return None;
            }
            capitalised += 1;
        }
        if capitalised < 2 {
            return None;
        }
        for w in t.split_whitespace() {
            let lw = w.to_lowercase();
            let bare = lw.trim_matches(|c: char| !c.is_alphanumeric());
            if NOT_NAME_WORDS.contains(&bare) {
                return None;
            }
        }
        if sections::heading(t).is_some() {
            return None;
        }
        Some(t.trim_end_matches(',').to_owned())
    }

    /// [`is_title_line`] as it was, on chars only.
    fn is_title_line_reference(line: &str) -> bool {
        let mut words = 0;
        let mut title = false;
        for w in line
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
        {
            words += 1;
            if words > 8 {
                return false;
            }
            title = title || TITLE_WORDS.contains(&w.to_lowercase().as_str());
        }
        words >= 1 && title
    }

    /// [`may_hold_phone`] without skipping to digits.
    fn may_hold_phone_reference(line: &str) -> bool {
        let (mut run, mut plain, mut intl, mut prev) = (0u32, 0u32, false, 0u8);
        for &b in line.as_bytes() {
            match b {
                b'0'..=b'9' => {
                    run += 1;
                    plain += 1;
                    intl |= b == b'0' && prev == b'0';
                    if plain >= 9 || (run >= 8 && intl) {
                        return true;
                    }
                }
                b'+' => intl = true,
                b' ' | b'(' | b')' | b'-' | 0x80..=0xff => {}
                b'.' | b'/' => plain = 0,
                _ => (run, plain, intl) = (0, 0, false),
            }
            prev = b;
        }
        false
    }

    /// [`phone_in`] without its prefilters.
    fn phone_in_reference(line: &str) -> Option<String> {
        if line.bytes().filter(u8::is_ascii_digit).count() < 8 {
            return None;
        }
        PHONE.find_iter(line).find_map(|m| {
            let s = m.as_str().trim();
            let digits = s.chars().filter(char::is_ascii_digit).count();
            if !(8..=15).contains(&digits) || YEAR_RANGE_ONLY.is_match(s) {
                return None;
            }
            let international = s.starts_with('+') || s.starts_with("00");
            let plausible = international || (digits >= 9 && !s.contains(['.', '/']));
            plausible.then(|| s.to_owned())
        })
    }

    /// [`extract`]'s phone and name search as they were, on the reference
    /// functions above (e-mail and URLs are unchanged).
    fn phone_and_name_reference(lines: &[&str]) -> (Option<String>, Option<String>) {
        let labelled = lines
            .iter()
            .take(400)
            .filter(|l| l.bytes().filter(u8::is_ascii_digit).count() >= 8)
            .filter(|l| PHONE_LABEL.is_match(l))
            .find_map(|l| phone_in_reference(l));
        let phone = labelled.or_else(|| lines.iter().take(15).find_map(|l| phone_in_reference(l)));
        let non_empty: Vec<&str> = lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .take(NAME_SEARCH_LINES)
            .collect();
        let formula_name = non_empty
            .first()
            .filter(|l| looks_like_formula(l))
            .map(|l| l.to_string());
        let name = formula_name
            .or_else(|| {
                non_empty
                    .iter()
                    .take(8)
                    .find_map(|l| looks_like_name_reference(l))
            })
            .or_else(|| {
                non_empty.windows(2).find_map(|w| match w {
                    [l, next] => {
                        looks_like_name_reference(l).filter(|_| is_title_line_reference(next))
                    }
                    _ => None,
                })
            });
        (phone, name)
    }

    /// The first e-mail address of the first 400 lines, line by line.
    fn email_reference(lines: &[&str]) -> Option<String> {
        lines
            .iter()
            .take(400)
            .filter(|l| l.contains('@'))
            .find_map(|l| EMAIL.find(l).map(|m| m.as_str().to_owned()))
    }

    /// Lines that sit on the edges of the shortcuts.
    const TRICKY_LINES: &[&str] = &[
        "Jane Doe",
        "JANE DOE",
        "Jane\u{a0}Doe",
        "\u{a0}\u{2003}Jane \u{a0} Doe\u{85}",
        "Jane\u{b}Doe",
        "Jane\u{c}Doe\r",
        "José María O'Neill-García",
        "Ñúñez Ölçer",
        "Anna van der Berg",
        "anna van der berg",
        "Ludwig van",
        "Jane Doe,",
        "Jane, Doe",
        "Jane Doe,,",
        "Valencia, Spain",
        "Name: Jane Doe",
        "Name : Name: Jane Doe",
        "Imię i nazwisko: Łucja Żak",
        "Jane Doe 2",
        "Jane D0e",
        "Jane Doe @x",
        "Jane Doe://x",
        "Awww.Com Doe",
        "A B C D E",
        "A B C D E F",
        "A B C D E \u{a0}",
        "A\u{a0}B\u{a0}C\u{a0}D\u{a0}E\u{a0}F",
        "\u{a0} \u{a0} \u{a0} A B",
        "Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abcdefg",
        "Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abcdefgh",
        "Ábcdefghij Ábcdefghij Ábcdefghij Ábcdefghij Ábcdefgh",
        "Senior Engineer",
        "Backend Developer (Python / Django)",
        "Lead-Engineer",
        "Engineer-",
        "one two three four five six seven eight engineer",
        "one two three four five six seven engineer",
        "Développeur Engineer",
        "Ingénieur Développeur",
        "\u{ff25}ngineer",
        "DIRECTOR_of_sales",
        "• Senior Engineer",
        "one two three four five six seven • engineer",
        "one two three four five six seven eight • engineer",
        "a b c d e f g h ïngénieur",
        "Engineer – Acme",
        "Lead Developer",
        "Data scientist, 2019",
        "SOFTWARE DEVELOPER",
        "Jane Ingénieur",
        "Jane INGÉNIEUR",
        "Jane --Engineer--",
        "Jane 'Resume'",
        "Work Experience",
        "Skill Details",
        "\u{212a}evin Doe",
        "Jane Doe;",
        "Jane Doe!",
        "Jane\tDoe",
        "İlkay Gündoğan",
        "ǅemal Bijedić",
        "ſam Doe",
        "+34 612 345 678",
        "Phone: (030) 1234-5678",
        "Tel: 0049 30 1234 5678",
        "Mobile: +1 (555) 010-0199",
        "01/2019 - 03/2021",
        "2000 - 2004 2005 - 2009",
        "12.03.2019 - 31.05.2019",
        "Phone: 612.345.678.90",
        "Phone: +34.612.345.678",
        "Tel ٠١٢٣٤٥٦٧٨٩ 12345678",
        "Tel: 1234５678 99",
        "Tel:+34 612 345 678",
        "call 00 34 612 345 678",
        "2019 - 2021 612345678",
        "Phone 1 2 3 4 5 6 7 8 9",
        "Phone (+34) 612-345-678",
        "Phone: 6123 / 45678",
        "Phone: 612345678x",
        "telefone 612345678",
        "Phone: 123456789012345678",
        "jane@example.com",
        "@ not an address",
        "Mail: jo.doe+cv@Example.CO.uk | +44 20 7946 0958",
        "x@y",
    ];

    #[test]
    fn name_shortcuts_match_the_reference() {
        for l in TRICKY_LINES {
            assert_eq!(
                looks_like_name(l.trim(), None),
                looks_like_name_reference(l),
                "{l:?}"
            );
            assert_eq!(is_title_line(l), is_title_line_reference(l), "{l:?}");
        }
        assert!(
            PARTICLES
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(NOT_NAME_WORDS.iter().all(|w| w.len() <= 16));
        // `ascii_name_checks` skips particles in the boilerplate test.
        assert!(!PARTICLES.iter().any(|p| NOT_NAME_WORDS.contains(p)));
        for b in 0u8..128 {
            let c = char::from(b);
            let class = NAME_BYTES[usize::from(b)];
            assert_eq!(class == NB_SPACE, c.is_whitespace(), "{b:#x}");
            assert_eq!(
                class & NB_WORD != 0,
                c.is_alphabetic() || matches!(c, '-' | '\'' | '.' | ','),
                "{b:#x}"
            );
            let starts_particle = PARTICLES.iter().any(|p| p.starts_with(c));
            assert_eq!(
                class & NB_NO_START == 0,
                class == NB_SPACE || c.is_uppercase() || starts_particle || class == NB_BAD,
                "{b:#x}"
            );
        }
    }

    #[test]
    fn phone_shortcuts_match_the_reference() {
        let mut found = 0;
        for l in TRICKY_LINES {
            let want = phone_in_reference(l);
            found += usize::from(want.is_some());
            assert_eq!(phone_in(l), want, "{l:?}");
            assert_eq!(may_hold_phone(l), may_hold_phone_reference(l), "{l:?}");
            assert!(
                ascii_digits_at_most(l.as_bytes()) >= l.bytes().filter(u8::is_ascii_digit).count()
            );
        }
        assert!(found >= 8, "{found}");
        let long = "0123456789 x".repeat(400);
        assert_eq!(ascii_digits_at_most(long.as_bytes()), 4000);
        let mixed = "a1/9:0é٣5\u{b0}\u{b9}9 ٠12345 67890 +34 (0)612-345 \u{ff10}1".as_bytes();
        for i in 0..mixed.len() {
            for j in i..=mixed.len() {
                let s = &mixed[i..j];
                let low_digits = s.iter().filter(|&&b| (b & 0x7f).is_ascii_digit()).count();
                assert_eq!(ascii_digits_at_most(s), low_digits);
                assert!(low_digits >= s.iter().filter(|b| b.is_ascii_digit()).count());
            }
        }
    }

    #[test]
    fn digit_scans_match_the_byte_loops() {
        let mut next = crate::testgen::xorshift(0x2545_F491_4F6C_DD1D);
        for round in 0..300 {
            let len = (next() % 300) as usize;
            // Mostly letters, with digits, `+` (and their neighbours `/`,
            // `:` and `*`, and non-ASCII bytes whose low bits are digits)
            // more or less rare.
            let rare = 1 + round % 60;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % (4 * rare) {
                    0 => b'0' + (next() % 10) as u8,
                    1 => {
                        [b'/', b':', b'+', b'*', 0xb0 + (next() % 10) as u8][(next() % 5) as usize]
                    }
                    _ => b'a' + (next() % 26) as u8,
                })
                .collect();
            for from in 0..=len + 1 {
                let rest = bytes.get(from..).unwrap_or_default();
                let want = rest
                    .iter()
                    .position(|&b| b.is_ascii_digit() || b == b'+')
                    .map(|p| from + p);
                assert_eq!(next_digit_or_plus(&bytes, from), want, "{bytes:?} {from}");
                let low_digits = rest
                    .iter()
                    .filter(|&&b| (b & 0x7f).is_ascii_digit())
                    .count();
                assert_eq!(ascii_digits_at_most(rest), low_digits, "{rest:?}");
            }
        }
        // More than 255 blocks of 32 bytes, all digits.
        let long = "9".repeat(255 * 32 * 2 + 45);
        assert_eq!(ascii_digits_at_most(long.as_bytes()), long.len());
    }

    /// Where the stretches of [`PHONE`] bytes of `bytes[from..]`, counted
    /// from `from`, first hold an eighth digit, a byte at a time: what
    /// [`phone_block`] must not pass.
    fn eighth_stretch_digit(bytes: &[u8], from: usize) -> Option<usize> {
        let mut digits = 0;
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            if PHONE_BYTES[usize::from(b)] == PH_OTHER {
                digits = 0;
            } else if b.is_ascii_digit() {
                digits += 1;
                if digits == 8 {
                    return Some(i);
                }
            }
        }
        None
    }

    #[test]
    fn phone_blocks_do_not_pass_an_eighth_digit() {
        let mut next = crate::testgen::xorshift(0x6A09_E667_F3BC_C909);
        // Digits, the other `PHONE` bytes, bytes that end a stretch (letters,
        // line breaks, `*`, `,`, `:`, NUL), non-ASCII bytes.
        let stretch = b" ()+-./";
        let others = b"ax\n*,:\0";
        for round in 0..400 {
            let len = (next() % 400) as usize;
            let digit_odds = 2 + round % 7;
            let other_odds = 1 + round % 40;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r.is_multiple_of(digit_odds) {
                        b'0' + (r >> 8) as u8 % 10
                    } else if r % (3 * other_odds) == 1 {
                        others[(r >> 8) as usize % others.len()]
                    } else if r % 5 == 2 {
                        0x80 + (r >> 8) as u8 % 0x80
                    } else {
                        stretch[(r >> 8) as usize % stretch.len()]
                    }
                })
                .collect();
            for from in 0..=len + 1 {
                let want = eighth_stretch_digit(&bytes, from);
                let got = phone_block(&bytes, from);
                if let Some(q) = want {
                    let w = got.unwrap_or_else(|| panic!("{bytes:?} {from}"));
                    assert!(from <= w && w <= q, "{bytes:?} {from} {w} {q}");
                }
                if let Some(w) = got {
                    assert_eq!((w - from) % PHONE_BLOCK, 0);
                    assert!(w < len.max(from), "{bytes:?} {from} {w}");
                }
            }
        }
    }

    /// Lines dense in digits, `+`, `00` and separators, in and out of word
    /// boundaries, with digits of other scripts.
    #[test]
    fn phone_stretches_hold_every_plausible_number() {
        const PIECES: &[&str] = &[
            "+",
            "00",
            "0",
            "1234",
            "56",
            "9",
            " ",
            " ",
            "(",
            ")",
            "-",
            ".",
            "/",
            "x",
            "a",
            ":",
            ",",
            "*",
            "\u{663}",
            "é",
            "\t",
            "+34 612 345 678",
            "0049 30 1234 5678",
            "612345678",
            "2019 - 2021",
            "12.03.2019",
            "Tel ",
            "x00",
            "_00",
        ];
        let mut next = crate::testgen::xorshift(0x3C6E_F372_FE94_F82B);
        let mut plausible = 0;
        for _ in 0..4000 {
            let count = (next() % 40) as usize;
            let line = crate::testgen::pieces(&mut next, PIECES, count);
            assert_eq!(phone_in(&line), phone_in_reference(&line), "{line:?}");
            let mut stretches = Vec::new();
            let mut from = 0;
            while let Some((start, end)) = phone_stretch(line.as_bytes(), from) {
                assert!(from <= start && start < end && end <= line.len());
                stretches.push(start..end);
                from = end;
            }
            for m in PHONE.find_iter(&line) {
                if plausible_phone(m.as_str()).is_some() {
                    plausible += 1;
                    assert!(
                        stretches
                            .iter()
                            .any(|s| s.start <= m.start() && m.end() <= s.end),
                        "{line:?} {:?} {stretches:?}",
                        m.range()
                    );
                }
            }
        }
        assert!(plausible > 1000, "{plausible}");
    }

    #[test]
    fn name_prefix_test_matches_the_byte_loop() {
        let mut next = crate::testgen::xorshift(0x510E_527F_ADE6_82D1);
        let alphabet: Vec<u8> = b"abdeltvyzcfgkmnoqrsuwxABZ -'.,\t\x0b\x0c\r09:(@_\x7f"
            .iter()
            .copied()
            .chain([0, 0x80, 0xc3, 0xa9, 0xff])
            .collect();
        for round in 0..20000 {
            let len = (next() % 48) as usize;
            let mut bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            // Mostly name-like bytes, so that failures come late or not at all.
            if round % 2 == 0 {
                for b in bytes.iter_mut() {
                    if !next().is_multiple_of(4) {
                        *b = [b'J', b'a', b' ', b'e', b'D'][(next() % 5) as usize];
                    }
                }
            }
            assert_eq!(
                name_prefix::fails(&bytes),
                name_prefix::bytewise(&bytes),
                "{bytes:?}"
            );
        }
        // Every byte value at every place, after a space or a letter.
        for at in 0..34usize {
            for before in [b' ', b'J'] {
                for b in 0..=255u8 {
                    let mut bytes = [b'J'; 40];
                    if let Some(p) = at.checked_sub(1).and_then(|p| bytes.get_mut(p)) {
                        *p = before;
                    }
                    if let Some(x) = bytes.get_mut(at) {
                        *x = b;
                    }
                    for len in [15, 16, 31, 32, 40] {
                        let s = bytes.get(..len).unwrap_or_default();
                        assert_eq!(name_prefix::fails(s), name_prefix::bytewise(s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn phone_masks_match_the_byte_loops() {
        let mut next = crate::testgen::xorshift(0xBB67_AE85_84CA_A73B);
        let mut blocks: Vec<[u8; 64]> = (0..4)
            .map(|k| std::array::from_fn(|i| (64 * k + i) as u8))
            .collect();
        blocks.push([b'7'; 64]);
        blocks.extend((0..500).map(|_| std::array::from_fn(|_| (next() >> 7) as u8)));
        blocks.extend((0..500).map(|_| std::array::from_fn(|_| b'0' + (next() % 12) as u8)));
        for block in &blocks {
            assert_eq!(
                phone_masks::digits(block),
                phone_masks::bytewise::digits(block)
            );
            assert_eq!(
                phone_masks::others(block),
                phone_masks::bytewise::others(block)
            );
            assert_eq!(
                phone_masks::digit_count(block),
                phone_masks::bytewise::digits(block).count_ones()
            );
        }
    }

    /// Random texts of many lines, some long, some with many digits, some
    /// with phone numbers past the first 15 lines or past the first 400.
    #[test]
    fn phone_search_matches_the_reference_on_random_texts() {
        const PIECES: &[&str] = &[
            "\n",
            "\r\n",
            "\n\n",
            "Phone: ",
            "Tel ",
            "+34 612 345 678",
            "0049 30 1234 5678",
            "612345678",
            "2019 - 2021 ",
            "01/2019 - 03/2021",
            "12.03.2019",
            "1234",
            "+",
            "00",
            "٠١٢٣",
            "é",
            "\u{b5}\u{b9}",
            " ",
            "Built services in Java. ",
            "Mobile",
        ];
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        for round in 0..400 {
            let count = (next() % 200) as usize;
            let mut text = crate::testgen::pieces(&mut next, PIECES, count);
            if round % 10 == 0 {
                // Past the first 400 lines, and one very long line.
                text = format!("{}{text}{}", "x\n".repeat(399), "9 ".repeat(5000));
            }
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(
                run(&text).phone,
                phone_and_name_reference(&lines).0,
                "{text:?}"
            );
            for l in &lines {
                assert_eq!(may_hold_phone(l), may_hold_phone_reference(l), "{l:?}");
            }
            // Lines out of text order (looked at without the digit scan).
            let mut reordered = lines.clone();
            reordered.reverse();
            reordered.rotate_left(lines.len() / 3);
            assert_eq!(
                extract(&text, &reordered).phone,
                phone_and_name_reference(&reordered).0
            );
        }
    }

    /// Résumé-like text: name-like, title-like and phone-like lines, glued
    /// by line breaks (LF or CRLF) and noise.
    fn resume_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            prop::sample::select(TRICKY_LINES).prop_map(str::to_string),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("Backend Developer".to_string()),
            Just(" ".to_string()),
            "[A-ZÉÑ][a-zéñ]{1,8}",
            "[0-9 ()./+-]{1,16}",
            "[\\p{L}\\p{N}\\p{P}\\p{Z}]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, failure_persistence: None, ..Default::default() })]

        #[test]
        fn extract_matches_the_reference(text in resume_like()) {
            let lines: Vec<&str> = text.lines().collect();
            let c = extract(&text, &lines);
            let (phone, name) = phone_and_name_reference(&lines);
            proptest::prop_assert_eq!(c.phone, phone);
            proptest::prop_assert_eq!(c.name, name);
            proptest::prop_assert_eq!(&c.email, &email_reference(&lines));
            // Lines out of text order (the `@` scan restarts).
            let mut reordered = lines.clone();
            reordered.reverse();
            reordered.rotate_left(lines.len() / 3);
            proptest::prop_assert_eq!(first_email(&text, &reordered), email_reference(&reordered));
        }

        #[test]
        fn lines_match_the_reference(line in resume_like()) {
            proptest::prop_assert_eq!(looks_like_name(line.trim(), None), looks_like_name_reference(&line));
            proptest::prop_assert_eq!(is_title_line(&line), is_title_line_reference(&line));
            proptest::prop_assert_eq!(phone_in(&line), phone_in_reference(&line));
            proptest::prop_assert_eq!(may_hold_phone(&line), may_hold_phone_reference(&line));
        }
    }

    #[test]
    fn bullet_symbols_hold_no_letters() {
        let bad: Vec<char> = ('\0'..=char::MAX)
            .filter(|&c| sections::is_symbol(c) && (c.is_uppercase() || c.is_alphabetic()))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        for c in ['•', '➢', '✓', '♦', '❖', '\u{f0b7}', '\u{f0d8}'] {
            assert!(sections::is_symbol(c), "{c:?}");
        }
        for c in ['Ø', 'É', 'Ⓐ', 'ℂ', '\u{212a}'] {
            assert!(!sections::is_symbol(c), "{c:?}");
        }
    }

    #[test]
    fn url_literals_have_no_non_ascii_case_variants() {
        let letters: String = format!("{LINKEDIN_LITERAL}{GITHUB_LITERAL}")
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        let re = Regex::new(&format!("(?i)^[{letters}]$")).expect("valid");
        let bad: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && re.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        // The Kelvin sign is why the LinkedIn literal leaves out the `k`.
        assert!(LINKEDIN.find("linKedin.com/in/x").is_some());
        assert_eq!(
            first_literals("a/b GitHub.COM/x LINKEDIN.com/in/y github.com/z"),
            ([Some(21), Some(4)], false)
        );
        assert_eq!(
            first_literals("a/b GitHub.COM/x LINKEDIN.com/in/y github.com/z @"),
            ([Some(21), Some(4)], true)
        );
        assert_eq!(
            first_literals("a@b GitHub.COM/x LINKEDIN.com/in/y"),
            ([Some(21), Some(4)], true)
        );
        assert_eq!(first_literals("edin.com"), ([None, None], false));
    }

    #[test]
    fn urls_far_into_the_text() {
        let filler = "Built services in Java. ".repeat(200);
        let text = format!(
            "Jane Doe\n{filler}\nhttps://www.LinkedIn.com/in/jane-doe/ and HTTPS://GITHUB.COM/jdoe\n"
        );
        let c = run(&text);
        assert_eq!(
            c.linkedin.as_deref(),
            Some("https://www.LinkedIn.com/in/jane-doe")
        );
        assert_eq!(c.github.as_deref(), Some("HTTPS://GITHUB.COM/jdoe"));
    }

    #[test]
    fn name_count_rows_follow_ascii_whitespace() {
        for (i, &c) in NAME_COUNTS.iter().enumerate() {
            let space = sections::is_ascii_space((i % NS_ROW) as u8);
            assert_eq!(c & NC_SPACE != 0, space, "entry {i}");
            assert_eq!((c & NC_SPACE) as usize, usize::from(space) * NS_ROW);
        }
    }

    #[test]
    fn word_sets_hold_their_words_only() {
        /// Checks `words` against `list`, which it is made of.
        fn check<const N: usize>(list: &[&str], words: &Words<N>) {
            // The map of buckets: a word of the set has that length and first byte.
            for len in 0..=17 {
                for first in 0..=255u8 {
                    let held = list
                        .iter()
                        .any(|w| w.len() == len && len <= 16 && w.as_bytes()[0] % 32 == first % 32);
                    assert_eq!(words.may_hold(len, first), held, "{len} {first}");
                }
            }
            for w in list
                .iter()
                .chain(TRICKY_LINES)
                .chain(["", "a", "x", "lead\0", "vo", "consultant\0\0\0\0\0\0"].iter())
            {
                let mut variants = vec![w.to_string(), w.to_uppercase(), format!("{w}s")];
                variants.push(w.chars().skip(1).collect());
                for v in variants {
                    let want = v.len() <= 16 && list.contains(&v.as_str());
                    assert_eq!(words.contains(v.as_bytes()), want, "{v:?}");
                }
            }
        }
        check(NOT_NAME_WORDS, &NOT_NAME_SET);
        check(PARTICLES, &PARTICLE_SET);
        check(TITLE_WORDS, &TITLE_SET);
    }

    /// [`pack`] is the zero-padded first 16 bytes, for every length.
    #[test]
    fn pack_pads_with_zeros() {
        let bytes: Vec<u8> = (1..=20).collect();
        for n in 0..=20 {
            let w = &bytes[..n];
            let mut want = [0u8; 16];
            for (d, &s) in want.iter_mut().zip(w) {
                *d = s;
            }
            assert_eq!(pack(w), u128::from_le_bytes(want), "{n}");
        }
    }

    #[test]
    fn title_words() {
        assert!(TITLE_WORDS.iter().all(|t| t.len() <= 16));
        assert!(is_title_word("ENGINEER") && is_title_word("Lead"));
        assert!(!is_title_word("Leader") && !is_title_word("Ingénieur"));
        assert!(is_title_line("Backend Developer (Python / Django)"));
        assert!(!is_title_line(
            "one two three four five six seven eight engineer"
        ));
    }

    #[test]
    fn typical_header() {
        let c = run(
            "Curriculum Vitae\nJosé María O'Neill-García\nSenior Backend Engineer\n\
                     jose.oneill@example.com | +34 612 345 678\n\
                     linkedin.com/in/jose-oneill | https://github.com/joneill\n",
        );
        assert_eq!(c.name.as_deref(), Some("José María O'Neill-García"));
        assert_eq!(c.email.as_deref(), Some("jose.oneill@example.com"));
        assert_eq!(c.phone.as_deref(), Some("+34 612 345 678"));
        assert_eq!(c.linkedin.as_deref(), Some("linkedin.com/in/jose-oneill"));
        assert_eq!(c.github.as_deref(), Some("https://github.com/joneill"));
    }

    #[test]
    fn formula_in_the_name_slot_is_reported_verbatim() {
        let text = "=HYPERLINK(\"http://evil.example\",\"click\")\nBackend Engineer\n+1-555-0142";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            extract(text, &lines).name.as_deref(),
            Some("=HYPERLINK(\"http://evil.example\",\"click\")")
        );
        assert!(!looks_like_formula("+1 555 0142"));
        assert!(!looks_like_formula("Jane Doe"));
        assert!(looks_like_formula("@SUM(1+9)*cmd|' /C calc'!A0"));
    }

    #[test]
    fn titles_and_headings_are_not_names() {
        let c = run("RESUME\nSoftware Engineer\nWork Experience\nAcme 2016 - 2018\n");
        assert_eq!(c.name, None);
        assert_eq!(c.phone, None);
    }

    #[test]
    fn two_column_sidebar_before_name() {
        let c = run("Contact\nj@example.org\n+34 600 555 218\nValencia, Spain\n\
                     github.com/j-example\nSkills\nPython\nDjango\nDjango REST Framework\n\
                     PostgreSQL\nRedis\n\nJosé Ñúñez\nBackend Developer (Python / Django)\n\
                     Experience\n");
        assert_eq!(c.name.as_deref(), Some("José Ñúñez"));
    }

    #[test]
    fn labelled_phone_and_particles() {
        let c = run("Anna van der Berg\nPhone: (030) 1234-5678\n");
        assert_eq!(c.name.as_deref(), Some("Anna van der Berg"));
        assert_eq!(c.phone.as_deref(), Some("(030) 1234-5678"));
    }
}
