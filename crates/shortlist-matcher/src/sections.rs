//! Line-based detection of résumé section headings (Experience, Education, ...)
//! in several European languages.
//!
//! Sections decide which date ranges count as work experience and whether a
//! skill mention is hands-on experience or a bare skills list.

use std::collections::HashMap;
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

/// Heading phrases split into words, grouped by first word; each group keeps
/// the order of [`HEADINGS`].
type PhraseIndex = HashMap<&'static str, Vec<(Vec<&'static str>, Section)>>;

static PHRASES: LazyLock<PhraseIndex> = LazyLock::new(|| {
    let mut index: PhraseIndex = HashMap::new();
    for (section, phrases) in HEADINGS {
        for p in *phrases {
            let words: Vec<&'static str> = p.split_whitespace().collect();
            if let Some(first) = words.first() {
                index.entry(*first).or_default().push((words, *section));
            }
        }
    }
    index
});

/// Returns the section a line starts, if the line is a heading.
pub fn heading(line: &str) -> Option<Section> {
    let t = line
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| c == ':' || c == '.' || c.is_whitespace() || c == '-');
    // More than 200 bytes is more than 50 characters.
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    // Lower-casing never creates or removes whitespace, so words can be
    // counted and the first one looked up before lower-casing everything;
    // the tests are pure, so the cheapest (the first word) comes first.
    let first = t.split_whitespace().next()?;
    let candidates = if first.is_ascii() {
        // Lower-cased in a stack buffer; longer words are no heading's first.
        let mut buf = [0u8; 32];
        let lower = buf.get_mut(..first.len())?;
        lower.copy_from_slice(first.as_bytes());
        lower.make_ascii_lowercase();
        PHRASES.get(std::str::from_utf8(lower).ok()?)
    } else {
        PHRASES.get(first.to_lowercase().as_str())
    }?;
    if t.chars().count() > 50 || t.split_whitespace().count() > 6 {
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

/// The section of every line (same length as `lines`), plus whether any
/// heading at all was found.
pub fn classify(lines: &[&str]) -> (Vec<Section>, bool) {
    let mut current = Section::Header;
    let mut any = false;
    let sections = lines
        .iter()
        .map(|l| {
            if let Some(s) = heading(l) {
                current = s;
                any = true;
            }
            current
        })
        .collect();
    (sections, any)
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
        assert!(PHRASES.keys().all(|w| w.len() <= 32));
        assert_eq!(
            heading("EXPÉRIENCE PROFESSIONNELLE"),
            Some(Section::Experience)
        );
        assert_eq!(heading("• Skills:"), Some(Section::Skills));
        assert_eq!(heading("Skills a b c d e"), None);
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
