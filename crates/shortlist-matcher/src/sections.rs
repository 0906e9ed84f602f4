//! Line-based detection of résumé section headings (Experience, Education, ...)
//! in several European languages.
//!
//! Sections decide which date ranges count as work experience and whether a
//! skill mention is hands-on experience or a bare skills list.

use std::sync::LazyLock;

use serde::Serialize;

/// The kind of a résumé section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Text before the first recognised heading.
    Header,
    /// Work experience / employment history.
    Experience,
    /// Education and degrees.
    Education,
    /// Certifications, licences, courses.
    Certifications,
    /// Publications, talks, patents.
    Publications,
    /// Personal or academic projects.
    Projects,
    /// Awards, honours, achievements.
    Awards,
    /// Volunteering.
    Volunteering,
    /// Skills, technologies, competencies.
    Skills,
    /// Summary, profile, objective.
    Summary,
    /// Anything else with a heading (languages, interests, references, ...).
    Other,
}

impl Section {
    /// Lower-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Experience => "experience",
            Section::Education => "education",
            Section::Certifications => "certifications",
            Section::Publications => "publications",
            Section::Projects => "projects",
            Section::Awards => "awards",
            Section::Volunteering => "volunteering",
            Section::Skills => "skills",
            Section::Summary => "summary",
            Section::Other => "other",
        }
    }
}

/// Heading phrases (lower case) per section. A line is a heading when, after
/// stripping bullets and a trailing colon, it starts with one of these and has
/// at most two further words ("Work Experience Details").
const HEADINGS: &[(Section, &[&str])] = &[
    (
        Section::Experience,
        &[
            "work experience",
            "professional experience",
            "employment history",
            "employment",
            "work history",
            "career history",
            "experience",
            "relevant experience",
            "professional background",
            "career summary",
            "positions held",
            "company details",
            "employment details",
            "exprience",
            "berufserfahrung",
            "berufliche erfahrung",
            "beruflicher werdegang",
            "werdegang",
            "praxiserfahrung",
            "expérience professionnelle",
            "expériences professionnelles",
            "expérience",
            "expériences",
            "parcours professionnel",
            "experiencia laboral",
            "experiencia profesional",
            "experiencia",
            "experiência profissional",
            "experiência",
            "esperienza professionale",
            "esperienze professionali",
            "esperienze lavorative",
            "esperienza lavorativa",
            "esperienza",
            "werkervaring",
            "werkervaringen",
            "ervaring",
            "loopbaan",
            "doświadczenie zawodowe",
            "doświadczenie",
            "historia zatrudnienia",
        ],
    ),
    (
        Section::Education,
        &[
            "education",
            "educational qualification",
            "educational qualifications",
            "academic background",
            "academic qualifications",
            "academics",
            "qualifications",
            "academic details",
            "education details",
            "ausbildung",
            "bildung",
            "studium",
            "schulbildung",
            "formation",
            "éducation",
            "études",
            "educación",
            "formación",
            "formación académica",
            "formação",
            "formação académica",
            "formação acadêmica",
            "educação",
            "istruzione",
            "formazione",
            "opleiding",
            "opleidingen",
            "wykształcenie",
            "edukacja",
        ],
    ),
    (
        Section::Certifications,
        &[
            "certifications",
            "certification",
            "certificates",
            "licenses",
            "licences",
            "courses",
            "training",
            "trainings",
            "zertifikate",
            "zertifizierungen",
            "weiterbildung",
            "certificats",
            "certificaciones",
            "certificações",
            "certificazioni",
            "certificaten",
            "certyfikaty",
        ],
    ),
    (
        Section::Publications,
        &[
            "publications",
            "papers",
            "talks",
            "patents",
            "veröffentlichungen",
            "publikationen",
            "publicaciones",
            "publicações",
            "pubblicazioni",
            "publicaties",
            "publikacje",
        ],
    ),
    (
        Section::Projects,
        &[
            "projects",
            "personal projects",
            "academic projects",
            "side projects",
            "projekte",
            "projets",
            "proyectos",
            "projetos",
            "progetti",
            "projecten",
            "projekty",
        ],
    ),
    (
        Section::Awards,
        &[
            "awards",
            "honors",
            "honours",
            "achievements",
            "accomplishments",
            "auszeichnungen",
            "prix",
            "distinctions",
            "premios",
            "prémios",
            "premi",
            "prijzen",
            "nagrody",
        ],
    ),
    (
        Section::Volunteering,
        &[
            "volunteering",
            "volunteer experience",
            "volunteer work",
            "volunteer",
            "ehrenamt",
            "ehrenamtliches engagement",
            "bénévolat",
            "voluntariado",
            "volontariato",
            "vrijwilligerswerk",
            "wolontariat",
        ],
    ),
    (
        Section::Skills,
        &[
            "skills",
            "technical skills",
            "core competencies",
            "competencies",
            "skill set",
            "skillset",
            "technologies",
            "tech stack",
            "technical expertise",
            "expertise",
            "key skills",
            "it skills",
            "skill details",
            "kenntnisse",
            "fähigkeiten",
            "compétences",
            "competences",
            "habilidades",
            "competencias",
            "competências",
            "competenze",
            "vaardigheden",
            "umiejętności",
            "highlights",
        ],
    ),
    (
        Section::Summary,
        &[
            "summary",
            "professional summary",
            "profile",
            "professional profile",
            "about me",
            "objective",
            "career objective",
            "profil",
            "kurzprofil",
            "résumé",
            "perfil",
            "resumen",
            "profilo",
            "profiel",
            "podsumowanie",
        ],
    ),
    (
        Section::Other,
        &[
            "languages",
            "interests",
            "hobbies",
            "references",
            "personal details",
            "personal information",
            "contact",
            "sprachen",
            "langues",
            "idiomas",
            "lingue",
            "talen",
            "języki",
            "additional information",
        ],
    ),
];

/// A heading phrase split into words, with the section it starts.
type Phrase = (Vec<&'static str>, Section);

/// First words of heading phrases longer than this many bytes are not looked
/// up (a test checks that there are none).
const MAX_FIRST: usize = 32;

/// Most words a heading line has (phrases have at most two, and two more are
/// allowed); bounds the words [`heading_at`] keeps.
const MOST_WORDS: usize = 6;

/// Heading phrases grouped by first word, found without hashing: most lines
/// are ruled out by the first three bytes, the rest by a short scan of the
/// few first words with the same length and first byte.
struct PhraseIndex {
    /// Per [`bucket`] of first words: each first word with its phrases, in
    /// the order of [`HEADINGS`].
    buckets: Vec<Vec<(&'static str, Vec<Phrase>)>>,
    /// One bit per [`prefix_index`] that some first word has.
    prefixes: Vec<u64>,
    /// One bit per [`word_bit`] of the [`word_hash`] of each ASCII first word.
    first_words: [u64; WORD_BITS / 64],
    /// One bit per [`alone_bit`] of the [`word_hash`] of each ASCII first word
    /// that is a whole phrase by itself ("experience"); lines with any other
    /// first word need a second word.
    alone: [u64; WORD_BITS / 64],
    /// One bit per [`word_bit`] of the [`pair_hash`] of each ASCII first word
    /// with the first byte of its phrase's second word ("company d").
    pairs: [u64; WORD_BITS / 64],
}

static PHRASES: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let mut index = PhraseIndex {
        buckets: vec![Vec::new(); (MAX_FIRST + 1) * 27],
        prefixes: vec![0; 27 * 27 * 27 / 64 + 1],
        first_words: [0; WORD_BITS / 64],
        alone: [0; WORD_BITS / 64],
        pairs: [0; WORD_BITS / 64],
    };
    for (section, phrases) in HEADINGS {
        for p in *phrases {
            let words: Vec<&'static str> = p.split_whitespace().collect();
            let Some(&first) = words.first() else {
                continue;
            };
            let key = first.as_bytes();
            let second = words.get(1).and_then(|w| w.as_bytes().first()).copied();
            let Some(bucket) = bucket(key).and_then(|b| index.buckets.get_mut(b)) else {
                continue;
            };
            match bucket.iter_mut().find(|(k, _)| *k == first) {
                Some((_, group)) => group.push((words, *section)),
                None => bucket.push((first, vec![(words, *section)])),
            }
            let classes = [0, 1, 2].map(|i| key.get(i).map_or(26, |&b| letter_class(b)));
            set_bit(&mut index.prefixes, prefix_index(classes));
            if first.is_ascii() {
                let hash = key.iter().fold(WORD_SEED, |h, &b| word_hash(h, b));
                set_bit(&mut index.first_words, word_bit(hash));
                match second {
                    None => set_bit(&mut index.alone, alone_bit(hash)),
                    Some(b) => set_bit(&mut index.pairs, word_bit(pair_hash(hash, b))),
                }
            }
        }
    }
    index
});

impl PhraseIndex {
    /// The phrases whose first word `eq` accepts, among first words with the
    /// [`bucket`] of `lower` (only its length and first byte matter).
    fn group(&self, lower: &[u8], eq: impl Fn(&[u8]) -> bool) -> Option<&[Phrase]> {
        let bucket = self.buckets.get(bucket(lower)?)?;
        bucket
            .iter()
            .find(|(k, _)| eq(k.as_bytes()))
            .map(|(_, g)| g.as_slice())
    }

    /// Whether some ASCII first word may have the [`word_hash`] `hash`.
    fn has_first_word(&self, hash: u32) -> bool {
        bit_is_set(&self.first_words, word_bit(hash))
    }

    /// Whether some ASCII first word that may have the [`word_hash`] `hash`
    /// is a phrase by itself.
    fn may_be_alone(&self, hash: u32) -> bool {
        bit_is_set(&self.alone, alone_bit(hash))
    }

    /// Whether some ASCII first word and first byte of its phrase's second
    /// word may have the [`pair_hash`] `hash`.
    fn has_pair(&self, hash: u32) -> bool {
        bit_is_set(&self.pairs, word_bit(hash))
    }

    /// Whether some first word has the prefix classes `classes`.
    fn has_prefix(&self, classes: [u32; 3]) -> bool {
        bit_is_set(&self.prefixes, prefix_index(classes))
    }
}

/// Sets bit `bit` of the bit table `table` (a bit past its end is dropped; the
/// tables are sized for their hashes).
fn set_bit(table: &mut [u64], bit: usize) {
    if let Some(w) = table.get_mut(bit / 64) {
        *w |= 1 << (bit % 64);
    }
}

/// Whether bit `bit` of the bit table `table` is set.
fn bit_is_set(table: &[u64], bit: usize) -> bool {
    table
        .get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// Where first words with the length and first byte of `w` (lower case)
/// are kept; `None` if `w` is empty or longer than [`MAX_FIRST`].
fn bucket(w: &[u8]) -> Option<usize> {
    let &first = w.first()?;
    (w.len() <= MAX_FIRST).then(|| w.len() * 27 + letter_class(first) as usize)
}

/// A bit index for the classes of the first three bytes of a first word.
fn prefix_index(classes: [u32; 3]) -> usize {
    let [a, b, c] = classes.map(|c| c as usize);
    (a * 27 + b) * 27 + c
}

/// `b - b'a'` for `a`..=`z`, 26 for any other byte (including "none").
fn letter_class(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        u32::from(b - b'a')
    } else {
        26
    }
}

/// For each byte: the [`letter_class`] of its ASCII lower case, except 27
/// for ASCII whitespace and 28 for non-ASCII bytes.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [26u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if !b.is_ascii() {
            28
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            27
        } else if b.is_ascii_alphabetic() {
            b.to_ascii_lowercase() - b'a'
        } else {
            26
        };
        i += 1;
    }
    table
};

/// Whether text starting with `s` (from its first alphanumeric char) may
/// start with a heading phrase's first word, judged from three bytes. A
/// non-ASCII byte may lower-case to anything (the Kelvin sign to `k`), so it
/// passes; an ASCII byte lower-cases to its ASCII lower case. Past the end of
/// the first word a phrase's word has no byte (class 26), and neither has the
/// line: what follows is whitespace, the end, or ASCII `:` `.` `-` that
/// [`heading_text`] trims (all class 26), or non-ASCII whitespace (passes).
fn may_start_heading(s: &[u8]) -> bool {
    let class = |i: usize| s.get(i).map_or(27, |&b| BYTE_CLASS[usize::from(b)]);
    let c0 = class(0);
    let c1 = class(1);
    let c2 = if c1 == 27 { 27 } else { class(2) };
    if c0 == 28 || c1 == 28 || c2 == 28 {
        return true;
    }
    PHRASES.has_prefix([c0, c1, c2].map(|c| u32::from(c.min(26))))
}

/// Bits in [`PhraseIndex::first_words`]: some 200 ASCII first words set
/// about one in twenty.
const WORD_BITS: usize = 4096;

/// The [`word_hash`] of the empty word.
const WORD_SEED: u32 = 0x811c_9dc5;

/// FNV-1a: the hash `h` of a word extended by the byte `b`.
fn word_hash(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// The hash of a first word whose [`word_hash`] is `h` followed by a space
/// and a second word starting with the byte `b`.
fn pair_hash(h: u32, b: u8) -> u32 {
    word_hash(word_hash(h, b' '), b)
}

/// The bit of [`PhraseIndex::alone`] for the word hash `h`: other bits than
/// [`word_bit`]'s, with which no ASCII first word that only starts longer
/// phrases ("work", "company") shares a bit with one that is a phrase
/// (checked by a test), so that all of them are tested for a second word.
fn alone_bit(h: u32) -> usize {
    (h >> 16) as usize % WORD_BITS
}

/// The bit of [`PhraseIndex::first_words`] for the word hash `h`.
fn word_bit(h: u32) -> usize {
    ((h ^ (h >> 16)) as usize) % WORD_BITS
}

/// Whether text starting with `s` (from its first alphanumeric char, which
/// [`may_start_heading`] passed) may start with a heading phrase's first
/// word, judged from the hash of its first word.
///
/// Let `w` be the bytes of `s` before the first ASCII whitespace (or the
/// end), and `w'` be `w` without trailing ASCII `:` `.` `-`; `w'` is not
/// empty, as `s` starts with an alphanumeric char. If `w` has a non-ASCII
/// byte, this passes. Otherwise the first word that [`heading_at`] looks up
/// is `w'` or `w`: [`heading_text`] trims the line's end back over `:` `.`
/// `-` and whitespace, which stops at or after the end of `w'` (its last
/// byte is none of these), and stops inside `w` only when all of `w` after
/// that point is trimmed, which is exactly the end of `w'`; [`first_word`]
/// then ends at the whitespace after `w` or at the end of the text. If it is
/// `w` and `w != w'`, it ends in `:` `.` or `-`, which no phrase word has
/// (checked by a test), so it matches nothing. So a heading's first word is
/// `w'`, and since `w'` is ASCII, only an ASCII first word that is its ASCII
/// lower case can match ([`lower_ascii_eq`]; a non-ASCII word never equals
/// ASCII bytes). Every ASCII first word's hash bit is set, so a clear bit for
/// the lower case of `w'` rules every heading out.
///
/// If the bit of `w'` in [`PhraseIndex::alone`] is clear, no phrase of that
/// first word is one word long, so a heading has a second word in the text
/// [`heading_at`] compares. Then `w' = w` (when `w'` is shorter, the text
/// ends at `w'`, as above), and the second word starts at the first byte `b`
/// after `w` that is not ASCII whitespace: the bytes in between are ASCII
/// whitespace, and `b` is not trimmed, as a word follows. If `b` is
/// non-ASCII, this passes. Otherwise both ways of comparing words
/// ([`lower_ascii_eq`] and `str::to_lowercase`) lower-case `b` to its ASCII
/// lower case, which must be the first byte of the phrase's second word; the
/// [`pair_hash`] bit of every such pair is set, so a clear bit (or no `b` at
/// all) rules every heading out ("Company - Acme" for "company details").
fn may_be_first_word(s: &[u8]) -> bool {
    let mut h = WORD_SEED;
    let mut kept = WORD_SEED;
    let mut end = s.len();
    for (i, &b) in s.iter().enumerate() {
        if is_ascii_space(b) {
            end = i;
            break;
        }
        if !b.is_ascii() {
            return true;
        }
        h = word_hash(h, b.to_ascii_lowercase());
        if !matches!(b, b':' | b'.' | b'-') {
            kept = h;
        }
    }
    if !PHRASES.has_first_word(kept) {
        return false;
    }
    if PHRASES.may_be_alone(kept) {
        return true;
    }
    let rest = s.get(end..).unwrap_or_default();
    match rest.iter().find(|&&b| !is_ascii_space(b)) {
        None => false,
        Some(&b) if !b.is_ascii() => true,
        Some(&b) => PHRASES.has_pair(pair_hash(h, b.to_ascii_lowercase())),
    }
}

/// `char::is_whitespace` for an ASCII byte (unlike `u8::is_ascii_whitespace`,
/// this includes the vertical tab, as `str::split_whitespace` does).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The first char of `s` from byte `i` on (at a char boundary), if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Where the first alphanumeric char of `line` starts, if it has one;
/// bytewise, decoding only non-ASCII chars.
fn alphanumeric_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut start = 0;
    loop {
        match b.get(start)? {
            c if c.is_ascii_alphanumeric() => return Some(start),
            c if c.is_ascii() => start += 1,
            _ => match char_at(line, start)? {
                c if !is_symbol(c) && c.is_alphanumeric() => return Some(start),
                c => start += c.len_utf8(),
            },
        }
    }
}

/// Whether `c` is in one of the blocks of bullets, arrows, shapes, dingbats and
/// private-use glyphs that hold no alphanumeric char (a test checks every char).
/// Such symbols start many lines, and `char::is_alphanumeric` looks them up in
/// tables at some 200 instructions each (so do `char::is_uppercase` and
/// `is_alphabetic` in `contacts`' name test, which skips them the same way).
pub(crate) fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '\u{2000}'..='\u{206f}'
            | '\u{2190}'..='\u{245f}'
            | '\u{2500}'..='\u{2775}'
            | '\u{2794}'..='\u{27bf}'
            | '\u{e000}'..='\u{f8ff}'
    )
}

/// `line.trim()` without leading non-alphanumeric chars and trailing `:`,
/// `.`, `-` and whitespace, as [`heading`] compares it, given `start` from
/// [`alphanumeric_start`]. (Leading whitespace is not alphanumeric and
/// trailing whitespace is trimmed anyway, so the outer `trim` changes
/// nothing.) Bytewise, decoding only non-ASCII chars.
fn heading_text(line: &str, start: usize) -> &str {
    let b = line.as_bytes();
    // The char at `start` is alphanumeric, so trimming the end stops after it.
    let mut end = b.len();
    while end > start {
        match b.get(end - 1) {
            Some(&c) if c.is_ascii() => {
                if !(matches!(c, b':' | b'.' | b'-') || is_ascii_space(c)) {
                    break;
                }
                end -= 1;
            }
            _ => match line.get(..end).and_then(|r| r.chars().next_back()) {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            },
        }
    }
    line.get(start..end).unwrap_or("")
}

/// The first whitespace-separated word of `t`, which does not start with
/// whitespace.
fn first_word(t: &str) -> &str {
    let b = t.as_bytes();
    let mut end = 0;
    while let Some(&c) = b.get(end) {
        if c.is_ascii() {
            if is_ascii_space(c) {
                break;
            }
            end += 1;
        } else {
            match char_at(t, end) {
                Some(c) if !c.is_whitespace() => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    t.get(..end).unwrap_or(t)
}

/// Returns the section a line starts, if the line is a heading.
pub fn heading(line: &str) -> Option<Section> {
    // The tests are pure, so the cheapest come first: on most lines the
    // first three bytes of the text rule out every heading, and on most of
    // the rest (sentences, "Worked on ...") the first word's hash does.
    let start = alphanumeric_start(line)?;
    let text = line.as_bytes().get(start..)?;
    if !may_start_heading(text) || !may_be_first_word(text) {
        return None;
    }
    heading_at(line, start)
}

/// [`heading`] for a line whose text starts at `start` with what may be a
/// heading's first word; kept out of line so that the test above, which
/// rejects most lines, runs without this part's register spills.
#[inline(never)]
fn heading_at(line: &str, start: usize) -> Option<Section> {
    let t = heading_text(line, start);
    // More than 200 bytes is more than 50 characters.
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    let ascii = t.is_ascii();
    // One byte per char: sentences fail here, before any word is looked at.
    if ascii && t.len() > 50 {
        return None;
    }
    // Lower-casing never creates or removes whitespace, so words can be
    // counted and the first one looked up before lower-casing everything.
    let first = first_word(t);
    let candidates = if ascii || first.is_ascii() {
        // Only the length and first byte of the lower-cased word pick the
        // bucket, so that is all that is lower-cased to find it.
        let bytes = first.as_bytes();
        let mut probe = [0; MAX_FIRST];
        let probe = probe.get_mut(..bytes.len())?;
        if let (Some(p), Some(b)) = (probe.first_mut(), bytes.first()) {
            *p = b.to_ascii_lowercase();
        }
        PHRASES.group(probe, |k| lower_ascii_eq(bytes, k))?
    } else {
        let lower = first.to_lowercase();
        PHRASES.group(lower.as_bytes(), |k| k == lower.as_bytes())?
    };
    if ascii {
        // When every candidate has a second word, the line's second word
        // must be one of theirs: one word compared instead of the split
        // below ("Company - Acme" for "company details").
        if candidates.iter().all(|(pw, _)| pw.len() >= 2) {
            let rest = t.as_bytes().get(first.len()..).unwrap_or_default();
            let second = rest.split(|&b| is_ascii_space(b)).find(|w| !w.is_empty())?;
            let matches = |(pw, _): &Phrase| {
                pw.get(1)
                    .is_some_and(|p| lower_ascii_eq(second, p.as_bytes()))
            };
            if !candidates.iter().any(matches) {
                return None;
            }
        }
        // ASCII lower-casing is all there is to do, so words are compared in
        // place instead of lower-casing a copy.
        // No phrase takes more words than this (nor does any line over six),
        // so splitting stops after one more.
        let most = candidates
            .iter()
            .map(|(pw, _)| pw.len() + 2)
            .max()
            .unwrap_or(0)
            .min(MOST_WORDS);
        // Split once for all candidates.
        let mut words: [&[u8]; MOST_WORDS + 1] = [&[]; MOST_WORDS + 1];
        let mut n = 0;
        let split = t.as_bytes().split(|&b| is_ascii_space(b));
        for (slot, w) in words
            .iter_mut()
            .zip(split.filter(|w| !w.is_empty()).take(most + 1))
        {
            *slot = w;
            n += 1;
        }
        if n > most {
            return None;
        }
        let mut best: Option<(usize, Section)> = None;
        for (pw, section) in candidates {
            // Every phrase of the group starts with the first word, which found it.
            if n >= pw.len()
                && n <= pw.len() + 2
                && words
                    .iter()
                    .zip(pw)
                    .skip(1)
                    .all(|(w, p)| lower_ascii_eq(w, p.as_bytes()))
                && best.is_none_or(|(k, _)| pw.len() > k)
            {
                best = Some((pw.len(), *section));
            }
        }
        return best.map(|(_, s)| s);
    }
    if t.chars().count() > 50 || t.split_whitespace().count() > MOST_WORDS {
        return None;
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut best: Option<(usize, Section)> = None;
    for (pw, section) in candidates {
        if words.len() >= pw.len()
            && words.len() <= pw.len() + 2
            && words[..pw.len()] == pw[..]
            && best.is_none_or(|(n, _)| pw.len() > n)
        {
            best = Some((pw.len(), *section));
        }
    }
    best.map(|(_, s)| s)
}

/// Whether the ASCII lower-case form of `w` is `lower` (already lower case).
fn lower_ascii_eq(w: &[u8], lower: &[u8]) -> bool {
    w.len() == lower.len()
        && w.iter()
            .zip(lower)
            .all(|(a, &b)| a.to_ascii_lowercase() == b)
}

/// The section of every line (same length as `lines`), plus whether any
/// heading at all was found.
pub fn classify(lines: &[&str]) -> (Vec<Section>, bool) {
    let (sections, any, _) = classify_with_headings(lines);
    (sections, any)
}

/// [`classify`], and which of the first lines are headings themselves, for the name
/// search (which rules headings out and would otherwise look some up again).
pub(crate) fn classify_with_headings(lines: &[&str]) -> (Vec<Section>, bool, HeadingLines) {
    let mut current = Section::Header;
    let mut any = false;
    let mut headings = HeadingLines {
        bits: [0; HeadingLines::KNOWN / 64],
    };
    let sections = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if let Some(s) = heading(l) {
                current = s;
                any = true;
                if let Some(w) = headings.bits.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
            current
        })
        .collect();
    (sections, any, headings)
}

/// Whether each of the first [`HeadingLines::KNOWN`] lines given to
/// [`classify_with_headings`] is a heading (`heading(line).is_some()`); made only there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeadingLines {
    bits: [u64; HeadingLines::KNOWN / 64],
}

impl HeadingLines {
    /// How many lines it knows.
    pub(crate) const KNOWN: usize = 128;

    /// Whether line `i` is a heading, if it is one of the first [`HeadingLines::KNOWN`]
    /// (lines past the end count as not headings).
    ///
    /// This is also `heading(line.trim())`: trimming removes whitespace, which is not
    /// alphanumeric, so [`alphanumeric_start`] finds the same char, and trailing
    /// whitespace is what [`heading_text`] trims anyway (ASCII and not), so the text
    /// compared is the same (checked by a test).
    pub(crate) fn get(&self, i: usize) -> Option<bool> {
        self.bits.get(i / 64).map(|w| (w >> (i % 64)) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_several_languages() {
        let cases = [
            ("WORK EXPERIENCE", Some(Section::Experience)),
            ("Professional Experience:", Some(Section::Experience)),
            ("Berufserfahrung", Some(Section::Experience)),
            ("Expérience professionnelle", Some(Section::Experience)),
            ("Experiencia laboral", Some(Section::Experience)),
            ("Doświadczenie zawodowe", Some(Section::Experience)),
            ("Education", Some(Section::Education)),
            ("## Ausbildung", Some(Section::Education)),
            ("Certifications", Some(Section::Certifications)),
            ("Publications", Some(Section::Publications)),
            ("Technical Skills", Some(Section::Skills)),
            ("Skill Details", Some(Section::Skills)),
            (
                "Experience building distributed systems at scale for years",
                None,
            ),
            ("Senior Backend Engineer", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(heading(line), want, "{line:?}");
        }
    }

    #[test]
    fn first_words_fit_the_lookup_buffer() {
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                let first = p.split_whitespace().next().unwrap_or("");
                assert!(!first.is_empty() && first.len() <= MAX_FIRST, "{p:?}");
            }
        }
        assert_eq!(
            heading("EXPÉRIENCE PROFESSIONNELLE"),
            Some(Section::Experience)
        );
        assert_eq!(heading("• Skills:"), Some(Section::Skills));
        assert_eq!(heading("Skills a b c d e"), None);
    }

    /// [`heading`] as it was before the bytewise fast paths: the reference
    /// they must agree with.
    fn heading_reference(line: &str) -> Option<Section> {
        let t = line
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| c == ':' || c == '.' || c.is_whitespace() || c == '-');
        if t.is_empty() || t.len() > 200 {
            return None;
        }
        let first = t.split_whitespace().next()?;
        let lower_first = first.to_lowercase();
        let candidates = HEADINGS
            .iter()
            .flat_map(|(section, phrases)| phrases.iter().map(move |p| (*p, *section)))
            .filter(|(p, _)| p.split_whitespace().next() == Some(lower_first.as_str()))
            .map(|(p, section)| (p.split_whitespace().collect::<Vec<_>>(), section))
            .collect::<Vec<_>>();
        if candidates.is_empty() {
            return None;
        }
        if t.chars().count() > 50 || t.split_whitespace().count() > 6 {
            return None;
        }
        let lower = t.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let mut best: Option<(usize, Section)> = None;
        for (pw, section) in &candidates {
            if words.len() >= pw.len()
                && words.len() <= pw.len() + 2
                && words[..pw.len()] == pw[..]
                && best.is_none_or(|(n, _)| pw.len() > n)
            {
                best = Some((pw.len(), *section));
            }
        }
        best.map(|(_, s)| s)
    }

    #[test]
    fn ascii_shortcuts_agree_with_char_methods() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(is_ascii_space(b), c.is_whitespace(), "{b:#x}");
            assert_eq!(b.is_ascii_alphanumeric(), c.is_alphanumeric(), "{b:#x}");
        }
        // Phrases are written in lower case, as the in-place comparison assumes.
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                assert_eq!(*p, p.to_lowercase());
            }
        }
    }

    #[test]
    fn symbols_are_not_alphanumeric() {
        let symbols = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| is_symbol(c))
            .inspect(|c| assert!(!c.is_alphanumeric(), "{c:?}"))
            .count();
        assert!(symbols > 7_000, "{symbols}");
        for c in [
            '•', '➢', '♦', '✓', '❖', '\u{f0b7}', '\u{f0d8}', '▪', '●', '–', '—',
        ] {
            assert!(is_symbol(c), "{c:?}");
        }
        for c in ['①', '➀', 'Ⓐ', 'ⁱ', 'ⁿ', '\u{a0}', 'é'] {
            assert!(!is_symbol(c), "{c:?}");
        }
    }

    #[test]
    fn tricky_lines_match_the_reference() {
        let lines = [
            "",
            "   ",
            "::--..",
            "• Skills:",
            "\u{a0}\u{2003}Experience\u{a0}",
            "Experience\u{b}",
            "\u{b}Experience",
            "Experience\u{85}Details",
            "EXPÉRIENCE PROFESSIONNELLE",
            "Éducation",
            "ÉDUCATION:",
            "Work\u{a0}Experience",
            "Work\tExperience\r",
            "work experience a b",
            "work experience a b c",
            "Skills a b c d e",
            "1. Education",
            "2019 Education",
            "İnterests",
            "\u{212a}enntnisse",
            "experienceſ",
            "Company Details -",
            "company - Fino Payments Bank",
            "Company",
            "Company details a b c",
            "COMPANY\tDETAILS",
            "Company detailsx",
            "Work Experience",
            "Work - Experience",
            "Skill Set: Java",
            "Ausbildung ————",
            "Skills — Java, Go",
            "Education.-:",
            "Education -\u{3000}",
        ];
        for l in lines {
            assert_eq!(heading(l), heading_reference(l), "{l:?}");
        }
    }

    #[test]
    fn every_phrase_in_every_dress_matches_the_reference() {
        let mut found = 0;
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                for line in [
                    p.to_string(),
                    p.to_uppercase(),
                    format!("• {}:", p.to_uppercase()),
                    format!("\u{a0}{p} details -"),
                    format!("{p} a b"),
                    format!("{p} a b c"),
                    format!("{p}s"),
                    p.replace(' ', "\u{a0}"),
                    p.replace(' ', "\t\u{b}"),
                    p.replace('k', "\u{212a}"),
                    format!("x{p}"),
                ] {
                    let want = heading_reference(&line);
                    found += usize::from(want.is_some());
                    assert_eq!(heading(&line), want, "{line:?}");
                }
            }
        }
        assert!(found > 500, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn headings_match_the_reference(
            line in "[ \t\u{b}\u{a0}\u{2003}•·:.\\-#0-9]{0,3}(?:[eE]xp[eé]rience|Work|WORK|[sS]kills|Éducation|company|Languages|[a-zA-Zé]{1,9})(?:[ \t\u{a0}\u{b}\u{85}:.\\-]{1,2}(?:[Ee]xperience|Details|détails|history|[a-zA-ZÉé]{1,8})){0,7}[ :.\\-\u{a0}\r]{0,3}",
        ) {
            proptest::prop_assert_eq!(heading(&line), heading_reference(&line));
        }

        #[test]
        fn any_string_matches_the_reference(line in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(heading(&line), heading_reference(&line));
        }
    }

    #[test]
    fn heading_lines_are_the_headings_of_the_trimmed_lines() {
        const PIECES: &[&str] = &[
            "Experience",
            "EDUCATION",
            "Skills",
            "work experience",
            "Projects",
            " ",
            "\t",
            "\u{3000}",
            "\u{a0}",
            ":",
            ".",
            "-",
            "•",
            "é",
            "Name",
            "x",
            "\n",
            "\r\n",
            "Berufserfahrung",
            "Compétences",
        ];
        let mut next = crate::testgen::xorshift(0x7F4A_7C15_9E37_79B9);
        for round in 0..500 {
            let text = crate::testgen::pieces(&mut next, PIECES, 1 + round % 300);
            let lines: Vec<&str> = text.lines().collect();
            let (sections, any, headings) = classify_with_headings(&lines);
            assert_eq!((sections, any), classify(&lines));
            for (i, l) in lines.iter().enumerate() {
                let want = heading(l).is_some();
                assert_eq!(heading(l.trim()).is_some(), want, "{l:?}");
                let known = headings.get(i);
                assert_eq!(known, (i < HeadingLines::KNOWN).then_some(want), "{l:?}");
            }
        }
    }

    /// [`may_be_first_word`] is a necessary condition: it passes every line
    /// the reference finds a heading in, and [`heading`] (which applies it)
    /// agrees with the reference on seeded random lines built from first
    /// words, their neighbours and the bytes that the proof treats apart
    /// (trailing `:` `.` `-`, ASCII and non-ASCII spaces, non-ASCII letters).
    #[test]
    fn first_word_hash_only_rules_out_non_headings() {
        // No phrase word has the bytes the filter strips from `w`.
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                assert!(!p.contains([':', '.', '-']), "{p:?}");
            }
        }
        const PIECES: &[&str] = &[
            "Skills",
            "skill",
            "SKILL",
            "Company",
            "company",
            "details",
            "DETAILS",
            "Experience",
            "work",
            "Worked",
            "Work",
            "history",
            "Education",
            "Profile",
            "profil",
            "Projects",
            "project",
            "Kenntnisse",
            "\u{212a}enntnisse",
            "é",
            "Éducation",
            "études",
            "Talen",
            "talks",
            "x",
            "on",
            "a",
            ":",
            ".",
            "-",
            "::",
            " ",
            " ",
            " ",
            "\t",
            "\u{b}",
            "\u{a0}",
            "\u{3000}",
            "•",
            "#",
            "1",
            "ſ",
            "İ",
            "Set",
            "set",
            "Java",
            "Key",
            "key",
            "Result",
            "Personal",
            "information",
            "Technical",
            "Acme",
            "D",
            "\u{212a}",
        ];
        let mut next = crate::testgen::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut headings = 0;
        let mut ruled_out = 0;
        for round in 0..200_000 {
            let line = crate::testgen::pieces(&mut next, PIECES, 1 + round % 7);
            let want = heading_reference(&line);
            assert_eq!(heading(&line), want, "{line:?}");
            let Some(start) = alphanumeric_start(&line) else {
                continue;
            };
            let text = line.as_bytes().get(start..).unwrap_or_default();
            let passes = may_be_first_word(text);
            if want.is_some() {
                headings += 1;
                assert!(passes, "{line:?}");
            }
            ruled_out += usize::from(!passes);
        }
        assert!(
            headings > 1_000 && ruled_out > 50_000,
            "{headings} {ruled_out}"
        );
        // The bits of ASCII first words are set, and most other words miss.
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                let line = p.to_uppercase();
                if line.is_ascii() {
                    assert!(may_be_first_word(line.as_bytes()), "{p:?}");
                    assert!(may_be_first_word(format!("{line}:-.").as_bytes()), "{p:?}");
                }
            }
        }
        // Lines whose first word only starts longer phrases, and whose second
        // word starts with no byte those phrases' second words start with.
        let second_misses = [
            "company - Acme",
            "Company- Acme",
            "Company",
            "Key Result Areas",
            "Work on projects",
            "Personal Strength:",
        ]
        .iter()
        .filter(|w| !may_be_first_word(w.as_bytes()))
        .count();
        assert_eq!(second_misses, 6);
        for (_, phrases) in HEADINGS {
            for p in *phrases {
                let first = p.split_whitespace().next().unwrap_or("");
                let alone = HEADINGS
                    .iter()
                    .flat_map(|(_, ps)| ps.iter())
                    .any(|q| q == &first);
                if first.is_ascii() && !alone {
                    let hash = first.bytes().fold(WORD_SEED, word_hash);
                    assert!(!PHRASES.may_be_alone(hash), "{p:?}");
                }
            }
        }
        let misses = [
            "Worked",
            "Responsible",
            "Performed",
            "Participated",
            "Conducted",
        ]
        .iter()
        .filter(|w| !may_be_first_word(w.as_bytes()))
        .count();
        assert!(misses >= 4, "{misses}");
    }

    #[test]
    fn classify_carries_section_forward() {
        let lines = [
            "Jane Doe",
            "Experience",
            "Acme 2019 - 2021",
            "Education",
            "BSc 2015",
        ];
        let (s, any) = classify(&lines);
        assert!(any);
        assert_eq!(s[0], Section::Header);
        assert_eq!(s[2], Section::Experience);
        assert_eq!(s[4], Section::Education);
    }
}
