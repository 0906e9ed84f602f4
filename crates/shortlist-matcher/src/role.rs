//! Role profiles and keyword files: parsing the editable TOML files in
//! `keyword-lists/` (or the copies embedded in the binary) into a [`Role`].
//!
//! A role file names its keyword files by relative path; the caller supplies a
//! loader closure so this crate never touches the file system itself.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{self, Error};

/// Whether a keyword counts towards backend skills or leadership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordKind {
    /// A technical backend skill (language, database, cloud, ...).
    Skill,
    /// A leadership signal (tech lead, mentoring, roadmaps, ...).
    Leadership,
}

/// One keyword: a canonical name plus the spellings that count as it.
#[derive(Debug, Clone, Serialize)]
pub struct Keyword {
    /// Canonical name reported in results, e.g. `PostgreSQL`.
    pub name: String,
    /// Category, e.g. `databases` (lower case).
    pub category: String,
    /// Skill or leadership signal.
    pub kind: KeywordKind,
    /// Spellings matched case-insensitively on word boundaries (includes the
    /// canonical name unless it is listed in `exact`).
    pub aliases: Vec<String>,
    /// Short or ambiguous spellings matched only with this exact case and in a
    /// technical context.
    pub exact: Vec<String>,
    /// Regular expressions matched case-insensitively per line.
    pub patterns: Vec<String>,
    /// Specificity 0-1 (keyword file field `weight`, default 1): how much a
    /// mention says "backend engineer" rather than a skill shared with other
    /// professions (SQL, Python, Git are used by analysts, data scientists and
    /// testers too). Multiplies the keyword's strength in coverage and breadth.
    pub weight: f64,
}

/// A role requirement: either a whole category or one canonical keyword.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "name", rename_all = "lowercase")]
pub enum Requirement {
    /// Any keyword of this category satisfies it.
    Category(String),
    /// Only this canonical keyword satisfies it.
    Keyword(String),
}

impl Requirement {
    /// The display name: the category or keyword name.
    pub fn name(&self) -> &str {
        match self {
            Requirement::Category(n) | Requirement::Keyword(n) => n,
        }
    }
}

/// A role profile: what a candidate is scored against.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Short identifier, e.g. `backend-lead`.
    pub name: String,
    /// One-line description.
    pub summary: String,
    /// Years of work experience at which the years component of the score is full.
    pub years_target: f64,
    /// Share (0–1) of the score given to leadership coverage.
    pub leadership_weight: f64,
    /// Share (0–1) of the score given to experience years.
    pub years_weight: f64,
    /// Number of distinct leadership signals needed for full leadership coverage.
    pub leadership_target: usize,
    /// Requirements that make up 70 % of backend coverage.
    pub required: Vec<Requirement>,
    /// Requirements that make up 30 % of backend coverage.
    pub preferred: Vec<Requirement>,
    /// All keywords from the role's keyword files, in file order.
    pub keywords: Vec<Keyword>,
}

/// Built-in roles: (file name stem, embedded role TOML).
const BUILTIN_ROLE_FILES: &[(&str, &str)] = &[
    (
        "backend-lead",
        include_str!("../../../keyword-lists/roles/backend-lead.toml"),
    ),
    (
        "backend-junior",
        include_str!("../../../keyword-lists/roles/backend-junior.toml"),
    ),
    (
        "backend-mid",
        include_str!("../../../keyword-lists/roles/backend-mid.toml"),
    ),
    (
        "backend-senior",
        include_str!("../../../keyword-lists/roles/backend-senior.toml"),
    ),
    (
        "head-of-backend",
        include_str!("../../../keyword-lists/roles/head-of-backend.toml"),
    ),
    (
        "backend-contract",
        include_str!("../../../keyword-lists/roles/backend-contract.toml"),
    ),
];

/// Built-in keyword files, by file name (role files refer to them as `../<name>`).
const BUILTIN_KEYWORD_FILES: &[(&str, &str)] = &[
    (
        "backend-skills.toml",
        include_str!("../../../keyword-lists/backend-skills.toml"),
    ),
    (
        "leadership.toml",
        include_str!("../../../keyword-lists/leadership.toml"),
    ),
];

/// Names and one-line summaries of the built-in roles; kept equal to the
/// `summary` fields of the embedded files by a unit test.
const BUILTIN_NAMES: &[(&str, &str)] = &[
    (
        "backend-lead",
        "Backend lead (default): microservices, cloud, CI/CD, Kubernetes plus technical leadership; 7+ years",
    ),
    (
        "backend-junior",
        "Junior backend developer: a server-side language, SQL/NoSQL, REST APIs, Git; 0-2 years",
    ),
    (
        "backend-mid",
        "Mid-level backend developer: frameworks, databases, APIs, tests, CI/CD or containers; 2-4 years",
    ),
    (
        "backend-senior",
        "Senior backend developer: architecture, performance, caching, microservices, mentoring; 5+ years",
    ),
    (
        "head-of-backend",
        "Head of backend: high-load architecture, observability, IaC, testing strategy, leading teams; 10+ years",
    ),
    (
        "backend-contract",
        "Contract/freelance backend developer: self-sufficient delivery with common backend stacks; 3+ years",
    ),
];

/// The default role used when the user names none.
pub const DEFAULT_ROLE: &str = "backend-lead";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    name: String,
    summary: String,
    keyword_files: Vec<String>,
    years_target: f64,
    #[serde(default = "default_leadership_weight")]
    leadership_weight: f64,
    #[serde(default = "default_years_weight")]
    years_weight: f64,
    #[serde(default = "default_leadership_target")]
    leadership_target: usize,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    preferred: Vec<String>,
}

fn default_leadership_weight() -> f64 {
    0.2
}
fn default_years_weight() -> f64 {
    0.2
}
fn default_leadership_target() -> usize {
    4
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeywordFile {
    kind: String,
    #[serde(default)]
    keyword: Vec<KeywordEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeywordEntry {
    name: String,
    category: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default = "default_true")]
    match_name: bool,
    #[serde(default = "default_weight")]
    weight: f64,
}

fn default_weight() -> f64 {
    1.0
}

fn default_true() -> bool {
    true
}

impl Role {
    /// Loads a built-in role by name (see [`Role::builtin_names`]).
    ///
    /// ```
    /// let role = shortlist_matcher::Role::builtin("backend-lead")?;
    /// assert_eq!(role.years_target, 7.0);
    /// # Ok::<(), shortlist_matcher::Error>(())
    /// ```
    pub fn builtin(name: &str) -> Result<Role, Error> {
        let Some((_, text)) = BUILTIN_ROLE_FILES.iter().find(|(n, _)| *n == name) else {
            return Err(Error::UnknownRole {
                name: name.to_owned(),
                available: BUILTIN_NAMES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        Role::from_toml(text, &format!("builtin:roles/{name}.toml"), &builtin_loader)
    }

    /// Names and one-line summaries of the built-in roles, default first.
    pub fn builtin_names() -> &'static [(&'static str, &'static str)] {
        BUILTIN_NAMES
    }

    /// Parses a role file.
    ///
    /// `origin` names the file in error messages. `load` is called with each
    /// relative path listed in `keyword_files` and returns that file's text;
    /// the CLI resolves it relative to the role file. Paths that name a
    /// built-in keyword file (`backend-skills.toml`, `leadership.toml`) still go
    /// through `load`; use [`Role::builtin_keyword_file`] as a fallback if wanted.
    ///
    /// ```
    /// use shortlist_matcher::Role;
    /// let role_text = r#"
    /// name = "tiny"
    /// summary = "Just Rust"
    /// keyword_files = ["kw.toml"]
    /// years_target = 3
    /// required = ["Rust"]
    /// "#;
    /// let kw = r#"
    /// kind = "skills"
    /// [[keyword]]
    /// name = "Rust"
    /// category = "languages"
    /// "#;
    /// let role = Role::from_toml(role_text, "tiny.toml", &|_path: &str| Ok(kw.to_owned()))?;
    /// assert_eq!(role.keywords.len(), 1);
    /// # Ok::<(), shortlist_matcher::Error>(())
    /// ```
    pub fn from_toml(
        text: &str,
        origin: &str,
        load: &dyn Fn(&str) -> Result<String, std::io::Error>,
    ) -> Result<Role, Error> {
        let file: RoleFile =
            toml::from_str(text).map_err(|e| error::from_toml(origin, text, &e))?;
        let invalid = |needle: &str, message: String| Error::Invalid {
            origin: origin.to_owned(),
            line: error::find_line(text, needle),
            message,
        };
        if file.name.trim().is_empty() {
            return Err(invalid("name", "`name` must not be empty".into()));
        }
        for (key, v) in [
            ("years_target", file.years_target),
            ("leadership_weight", file.leadership_weight),
            ("years_weight", file.years_weight),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(invalid(key, format!("`{key}` must be a number >= 0")));
            }
        }
        if file.leadership_weight + file.years_weight > 1.0 {
            return Err(invalid(
                "leadership_weight",
                "`leadership_weight` + `years_weight` must not exceed 1".into(),
            ));
        }
        if file.keyword_files.is_empty() {
            return Err(invalid(
                "keyword_files",
                "`keyword_files` must name at least one file".into(),
            ));
        }
        let mut keywords = Vec::new();
        for path in &file.keyword_files {
            let kw_text = load(path).map_err(|source| Error::Load {
                origin: origin.to_owned(),
                path: path.clone(),
                source,
            })?;
            keywords.extend(parse_keyword_file(&kw_text, path)?);
        }
        let resolve = |items: &[String]| -> Result<Vec<Requirement>, Error> {
            items
                .iter()
                .map(|item| {
                    resolve_requirement(item, &keywords).ok_or_else(|| {
                    invalid(
                        &format!("\"{item}\""),
                        format!(
                            "{item:?} is neither a category nor a keyword name of the keyword files"
                        ),
                    )
                })
                })
                .collect()
        };
        let required = resolve(&file.required)?;
        let preferred = resolve(&file.preferred)?;
        Ok(Role {
            name: file.name,
            summary: file.summary,
            years_target: file.years_target,
            leadership_weight: file.leadership_weight,
            years_weight: file.years_weight,
            leadership_target: file.leadership_target.max(1),
            required,
            preferred,
            keywords,
        })
    }

    /// Text of a built-in keyword file by file name (`backend-skills.toml`,
    /// `leadership.toml`); leading `../` and `./` are ignored. Useful as a
    /// fallback in a loader when a user role refers to the defaults.
    pub fn builtin_keyword_file(path: &str) -> Option<&'static str> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        BUILTIN_KEYWORD_FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
    }
}

fn builtin_loader(path: &str) -> Result<String, std::io::Error> {
    Role::builtin_keyword_file(path)
        .map(str::to_owned)
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no built-in keyword file {path:?}"),
            )
        })
}

fn resolve_requirement(item: &str, keywords: &[Keyword]) -> Option<Requirement> {
    let wanted = item.trim().to_lowercase();
    if let Some(k) = keywords
        .iter()
        .find(|k| k.kind == KeywordKind::Skill && k.category == wanted)
    {
        return Some(Requirement::Category(k.category.clone()));
    }
    keywords
        .iter()
        .find(|k| k.name.to_lowercase() == wanted)
        .map(|k| Requirement::Keyword(k.name.clone()))
}

/// The built-in job-title list (`keyword-lists/professions.toml`).
pub(crate) const PROFESSIONS_FILE: &str = include_str!("../../../keyword-lists/professions.toml");

/// Parses a professions file (`kind = "professions"`): entries as in a
/// keyword file, category `backend` or `other`.
pub(crate) fn parse_professions(text: &str, origin: &str) -> Result<Vec<Keyword>, Error> {
    parse_entries(text, origin, true)
}

/// Parses one keyword file; `origin` names it in errors.
pub(crate) fn parse_keyword_file(text: &str, origin: &str) -> Result<Vec<Keyword>, Error> {
    parse_entries(text, origin, false)
}

fn parse_entries(text: &str, origin: &str, professions: bool) -> Result<Vec<Keyword>, Error> {
    let file: KeywordFile = toml::from_str(text).map_err(|e| error::from_toml(origin, text, &e))?;
    let invalid = |needle: &str, message: String| Error::Invalid {
        origin: origin.to_owned(),
        line: error::find_line(text, needle),
        message,
    };
    let kind = match file.kind.as_str() {
        "professions" if professions => KeywordKind::Skill,
        "skills" if !professions => KeywordKind::Skill,
        "leadership" if !professions => KeywordKind::Leadership,
        other => {
            return Err(invalid(
                "kind",
                format!("`kind` must be \"skills\" or \"leadership\", not {other:?}"),
            ));
        }
    };
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(file.keyword.len());
    for entry in file.keyword {
        let name = entry.name.trim().to_owned();
        if name.is_empty() {
            return Err(invalid(
                "name = \"\"",
                "keyword `name` must not be empty".into(),
            ));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(invalid(
                &format!("\"{name}\""),
                format!("keyword {name:?} is defined twice"),
            ));
        }
        for p in &entry.patterns {
            if let Err(e) = regex::Regex::new(p) {
                return Err(invalid(
                    p.get(..p.len().min(20)).unwrap_or(p),
                    format!("bad regex in keyword {name:?}: {e}"),
                ));
            }
        }
        if !(entry.weight.is_finite() && (0.0..=1.0).contains(&entry.weight)) {
            return Err(invalid(
                &format!("\"{name}\""),
                format!("`weight` of keyword {name:?} must be between 0 and 1"),
            ));
        }
        let exact: Vec<String> = entry
            .exact
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let mut aliases: Vec<String> = Vec::new();
        if entry.match_name && !exact.contains(&name) {
            aliases.push(name.clone());
        }
        for a in entry.aliases {
            let a = a.trim().to_owned();
            if !a.is_empty() && !aliases.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                aliases.push(a);
            }
        }
        out.push(Keyword {
            name,
            category: entry.category.trim().to_lowercase(),
            kind,
            aliases,
            exact,
            patterns: entry.patterns,
            weight: entry.weight,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_builtins_load_and_summaries_agree() {
        for (name, summary) in Role::builtin_names() {
            let role = Role::builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(role.name, *name);
            assert_eq!(role.summary, *summary, "summary of {name}");
            assert!(!role.required.is_empty());
        }
        assert_eq!(Role::builtin_names()[0].0, DEFAULT_ROLE);
    }

    #[test]
    fn unknown_builtin_lists_available() {
        let err = Role::builtin("nope")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("backend-lead"), "{err}");
    }

    #[test]
    fn requirements_resolve_categories_and_names() {
        let role = Role::builtin("head-of-backend").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            role.required
                .contains(&Requirement::Category("databases".into()))
        );
        assert!(
            role.preferred
                .contains(&Requirement::Keyword("Kubernetes".into()))
        );
    }

    #[test]
    fn bad_requirement_names_line() {
        let text = "name = \"x\"\nsummary = \"s\"\nkeyword_files = [\"a.toml\"]\nyears_target = 1\nrequired = [\"Cobol\"]\n";
        let kw = "kind = \"skills\"\n[[keyword]]\nname = \"Rust\"\ncategory = \"languages\"\n";
        let err = Role::from_toml(text, "x.toml", &|_: &str| Ok(kw.to_owned()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("x.toml:5:"), "{err}");
        assert!(err.contains("Cobol"), "{err}");
    }

    #[test]
    fn keyword_file_syntax_error_names_file_and_line() {
        let text =
            "name = \"x\"\nsummary = \"s\"\nkeyword_files = [\"kw.toml\"]\nyears_target = 1\n";
        let kw = "kind = \"skills\"\n[[keyword]]\nname = \"Rust\"\ncategory = languages\n";
        let err = Role::from_toml(text, "x.toml", &|_: &str| Ok(kw.to_owned()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("kw.toml:4:"), "{err}");
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = "name = \"x\"\nsummary = \"s\"\nkeyword_files = [\"kw.toml\"]\nyears_target = 1\nyears_targte = 2\n";
        let err = Role::from_toml(text, "x.toml", &|_: &str| Ok(String::new()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("x.toml:5:"), "{err}");
    }

    #[test]
    fn loader_errors_name_the_path() {
        let text =
            "name = \"x\"\nsummary = \"s\"\nkeyword_files = [\"missing.toml\"]\nyears_target = 1\n";
        let err = Role::from_toml(text, "x.toml", &|_: &str| {
            Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
        })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(
            err.contains("missing.toml") && err.contains("gone"),
            "{err}"
        );
    }
}
