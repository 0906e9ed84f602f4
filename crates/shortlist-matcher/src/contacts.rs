//! Contact details: name, e-mail, phone, LinkedIn and GitHub URLs.
//!
//! Heuristic by necessity: the name is the first line near the top that looks
//! like a person's name and like nothing else (not a heading, title, contact
//! line or "Curriculum Vitae").

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
/// slashes they end with.
fn first_literals(hay: &str) -> [Option<usize>; 2] {
    let mut first = [None, None];
    let bytes = hay.as_bytes();
    for (slash, _) in hay.match_indices('/') {
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
        if first.iter().all(Option::is_some) {
            break;
        }
    }
    first
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

fn looks_like_name(line: &str) -> Option<String> {
    let mut t = line.trim();
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
    // Every test below is pure and any failure gives `None`, so the cheap
    // ones come first. (More than 200 bytes is more than 50 characters.)
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    // A comma inside the line separates a place from its country
    // ("Valencia, Spain"); names are written without one.
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
    // Words other than particles: letters only, capitalised, at least two.
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
    // No word is a title, label or boilerplate word.
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

/// Byte offset of `part` inside `text`, if it is a slice of it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let o = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (o.checked_add(part.len())? <= text.len()).then_some(o)
}

/// Extracts contact details from `text`, whose lines are `lines`.
pub(crate) fn extract(text: &str, lines: &[&str]) -> Contacts {
    let mut c = Contacts::default();
    let text_lines = lines.iter().take(400);
    // The text of those lines in one piece, with each line's start, when
    // `lines` are slices of `text`. None of the patterns below can match a
    // line break, and a break is a non-word character like the end of a
    // line, so the first match in the piece is the first match of the first
    // line that has one.
    let starts: Option<Vec<usize>> = text_lines.clone().map(|l| offset_in(text, l)).collect();
    let piece = starts.as_ref().and_then(|st| {
        let (Some(&first), Some(last)) = (
            st.first(),
            lines.get(..400.min(lines.len())).and_then(<[&str]>::last),
        ) else {
            return Some("");
        };
        text.get(first..offset_in(text, last)? + last.len())
    });
    for line in text_lines.clone() {
        if c.email.is_none() {
            // The pattern needs an `@`.
            if line.contains('@') {
                c.email = EMAIL.find(line).map(|m| m.as_str().to_owned());
            }
        }
        if piece.is_some() {
            if c.email.is_some() {
                break;
            }
            continue;
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
    if let Some(piece) = piece {
        let first = first_literals(piece);
        c.linkedin = find_after_literal(&LINKEDIN, piece, first[0])
            .map(|m| m.trim_end_matches('/').to_owned());
        c.github = find_after_literal(&GITHUB, piece, first[1]).map(str::to_owned);
    }
    // Phones: prefer labelled lines, then any plausible number near the top.
    let phone_in = |line: &str| -> Option<String> {
        // A plausible number has at least 8 ASCII digits.
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
            // Dots and slashes also appear in dates ("12.03.2019 - 31.05.2019"),
            // so accept them only in numbers written internationally.
            let plausible = international || (digits >= 9 && !s.contains(['.', '/']));
            plausible.then(|| s.to_owned())
        })
    };
    // Labelled lines, in order, the first that holds a number. (A label cannot
    // span a line break, and a line break is a non-word character like the
    // ends of a line, so this is the same as searching the labels in the
    // whole piece; lines that cannot hold a number are not searched.)
    let labelled = text_lines
        .clone()
        .filter(|l| l.bytes().filter(u8::is_ascii_digit).count() >= 8)
        .filter(|l| PHONE_LABEL.is_match(l))
        .find_map(|l| phone_in(l));
    c.phone = labelled.or_else(|| lines.iter().take(15).find_map(|l| phone_in(l)));
    let non_empty: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(NAME_SEARCH_LINES)
        .collect();
    // A name-like line near the top; failing that (two-column layouts put a
    // sidebar with contacts and skills first), a name-like line further down
    // that is directly followed by a job title ("José Ñúñez" / "Backend
    // Developer").
    // A spreadsheet formula where the name goes is an attack on whoever opens the export:
    // report it as the name (the CSV writer neutralises it) rather than hide it.
    let formula_name = non_empty
        .first()
        .filter(|l| looks_like_formula(l))
        .map(|l| l.to_string());
    c.name = formula_name
        .or_else(|| non_empty.iter().take(8).find_map(|l| looks_like_name(l)))
        .or_else(|| {
            non_empty.windows(2).find_map(|w| match w {
                // Both tests are pure; the name test rejects most lines sooner.
                [l, next] => looks_like_name(l).filter(|_| is_title_line(next)),
                _ => None,
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
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return false; // longer than any title word
    };
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    TITLE_WORDS.iter().any(|t| t.as_bytes() == lower)
}

/// A short line naming a job ("Backend Developer (Python / Django)").
fn is_title_line(line: &str) -> bool {
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
            [Some(21), Some(4)]
        );
        assert_eq!(first_literals("edin.com"), [None, None]);
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
