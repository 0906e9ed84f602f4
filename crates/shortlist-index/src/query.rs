//! The recruiter query language and its parser.
//!
//! Grammar (uppercase keywords only, so "and"/"or"/"not" stay ordinary words):
//!
//! ```text
//! query   := or_expr?
//! or_expr := and_expr ("OR" and_expr)*
//! and_expr:= unary (["AND"] unary)*          -- juxtaposition means AND
//! unary   := "NOT" unary | "-" primary | primary
//! primary := "(" or_expr ")" | "\"phrase\"" | field ":" value | word
//! value   := word | "\"phrase\"" | range
//! range   := (">=" | ">" | "<=" | "<" ) number | number ".." number
//!          | number ".." | ".." number | number "+" | number
//! ```
//!
//! Fields: `skill:`, `name:`, `email:`, `file:`, `text:`, and the numeric
//! `years:`, `claimed:`, `score:`. We parse ourselves (instead of using the
//! engine's query parser) so that errors point at a column and say what was
//! expected in words a recruiter understands, and so skill aliases can be
//! expanded.

use std::fmt;
use std::ops::Bound;

/// A text-valued field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Canonical skill names (exact, case-insensitive).
    Skill,
    /// Candidate name.
    Name,
    /// Candidate e-mail.
    Email,
    /// File path (matched word by word).
    File,
    /// The résumé text only (no skill-alias expansion).
    Text,
}

/// A numeric field a query can range over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericField {
    /// Computed years of experience (`years:`).
    Years,
    /// Claimed years of experience (`claimed:`).
    ClaimedYears,
    /// Role match score (`score:`).
    Score,
}

/// A parsed query, independent of the search engine.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// Matches every candidate (the empty query).
    All,
    /// A bare word or quoted phrase: matched in the text and the name, and,
    /// when it is a known skill alias, also against the canonical skill.
    Text {
        /// The word or phrase as typed.
        value: String,
        /// The canonical skill, when the value is a known alias.
        skill: Option<String>,
    },
    /// `field:value` on a text field. For [`TextField::Skill`], `value` is
    /// already canonical.
    Field {
        /// The field.
        field: TextField,
        /// The value (word or phrase).
        value: String,
    },
    /// `years:>=5`, `score:60..80`, … on a numeric field.
    Range {
        /// The field.
        field: NumericField,
        /// Lower bound.
        lower: Bound<f64>,
        /// Upper bound.
        upper: Bound<f64>,
    },
    /// All sub-queries must match.
    And(Vec<Query>),
    /// At least one sub-query must match.
    Or(Vec<Query>),
    /// The sub-query must not match.
    Not(Box<Query>),
}

/// Why a query could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// Character offset (0-based) in the query string where parsing failed.
    pub position: usize,
    /// What the parser expected there, in plain words.
    pub expected: String,
}

impl QueryError {
    fn new(position: usize, expected: impl Into<String>) -> Self {
        QueryError {
            position,
            expected: expected.into(),
        }
    }

    /// The 1-based column shown to users.
    pub fn column(&self) -> usize {
        self.position + 1
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at column {}: expected {}", self.column(), self.expected)
    }
}

impl std::error::Error for QueryError {}

/// Parses a recruiter query.
///
/// `canonical_skill` maps an alias (`k8s`, `postgres`) to its canonical skill
/// name (`Kubernetes`, `PostgreSQL`), or `None` when the word is not a skill.
/// An empty (or all-whitespace) query parses to [`Query::All`].
pub fn parse_query(
    q: &str,
    canonical_skill: &dyn Fn(&str) -> Option<String>,
) -> Result<Query, QueryError> {
    let tokens = lex(q)?;
    let end = q.chars().count();
    let mut p = Parser {
        tokens,
        pos: 0,
        end,
        canonical_skill,
    };
    if p.tokens.is_empty() {
        return Ok(Query::All);
    }
    let query = p.parse_or()?;
    if let Some(tok) = p.peek() {
        // parse_or only stops early at a ')' it did not open.
        return Err(QueryError::new(
            tok.pos,
            "an operator or search term (this ')' has no matching '(')",
        ));
    }
    Ok(query)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    And,
    Or,
    Not,
    Minus,
    /// A word or phrase, optionally prefixed by `field:`.
    Term {
        field: Option<String>,
        value: String,
        value_pos: usize,
        quoted: bool,
    },
}

#[derive(Debug, Clone)]
struct Spanned {
    tok: Tok,
    pos: usize,
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && c != '(' && c != ')' && c != '"'
}

/// Reads a quoted phrase starting at the opening quote `chars[start]`;
/// returns the content and the index after the closing quote.
fn lex_phrase(chars: &[char], start: usize) -> Result<(String, usize), QueryError> {
    let mut i = start + 1;
    while i < chars.len() && chars[i] != '"' {
        i += 1;
    }
    if i >= chars.len() {
        return Err(QueryError::new(chars.len(), "a closing quote"));
    }
    let content: String = chars[start + 1..i].iter().collect();
    if content.trim().is_empty() {
        return Err(QueryError::new(start + 1, "some words between the quotes"));
    }
    Ok((content, i + 1))
}

fn lex(q: &str) -> Result<Vec<Spanned>, QueryError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let pos = i;
        match c {
            '(' => {
                out.push(Spanned {
                    tok: Tok::LParen,
                    pos,
                });
                i += 1;
            }
            ')' => {
                out.push(Spanned {
                    tok: Tok::RParen,
                    pos,
                });
                i += 1;
            }
            '"' => {
                let (value, next) = lex_phrase(&chars, i)?;
                out.push(Spanned {
                    tok: Tok::Term {
                        field: None,
                        value,
                        value_pos: pos + 1,
                        quoted: true,
                    },
                    pos,
                });
                i = next;
            }
            '-' => {
                // A leading '-' negates what follows; "-" on its own is a mistake.
                match chars.get(i + 1) {
                    Some(&n) if n == '(' || n == '"' || is_word_char(n) => {
                        out.push(Spanned {
                            tok: Tok::Minus,
                            pos,
                        });
                        i += 1;
                    }
                    _ => {
                        return Err(QueryError::new(
                            i + 1,
                            "a word, phrase or '(' right after '-'",
                        ));
                    }
                }
            }
            _ => {
                let mut j = i;
                while j < chars.len() && is_word_char(chars[j]) {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                let tok = match word.as_str() {
                    "AND" => Tok::And,
                    "OR" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => match word.split_once(':') {
                        // Only `letters:` is a field prefix; "c++:" or ":x" are just words.
                        Some((field, rest))
                            if !field.is_empty()
                                && field.chars().all(|c| c.is_ascii_alphabetic()) =>
                        {
                            let value_pos = i + field.chars().count() + 1;
                            if rest.is_empty() {
                                if chars.get(j) == Some(&'"') {
                                    let (value, next) = lex_phrase(&chars, j)?;
                                    j = next;
                                    Tok::Term {
                                        field: Some(field.to_string()),
                                        value,
                                        value_pos: value_pos + 1,
                                        quoted: true,
                                    }
                                } else {
                                    return Err(QueryError::new(
                                        value_pos,
                                        format!("a value after '{field}:'"),
                                    ));
                                }
                            } else {
                                Tok::Term {
                                    field: Some(field.to_string()),
                                    value: rest.to_string(),
                                    value_pos,
                                    quoted: false,
                                }
                            }
                        }
                        _ => Tok::Term {
                            field: None,
                            value: word,
                            value_pos: pos,
                            quoted: false,
                        },
                    },
                };
                out.push(Spanned { tok, pos });
                i = j;
            }
        }
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: Vec<Spanned>,
    pos: usize,
    /// Character length of the input, the position reported at end of input.
    end: usize,
    canonical_skill: &'a dyn Fn(&str) -> Option<String>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.pos)
    }

    fn peek_pos(&self) -> usize {
        self.peek().map_or(self.end, |t| t.pos)
    }

    fn advance(&mut self) -> Option<Spanned> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// True when the next token can begin an operand.
    fn at_operand_start(&self) -> bool {
        matches!(
            self.peek().map(|t| &t.tok),
            Some(Tok::LParen | Tok::Not | Tok::Minus | Tok::Term { .. })
        )
    }

    fn parse_or(&mut self) -> Result<Query, QueryError> {
        let mut items = vec![self.parse_and()?];
        while matches!(self.peek().map(|t| &t.tok), Some(Tok::Or)) {
            self.advance();
            if !self.at_operand_start() {
                return Err(QueryError::new(self.peek_pos(), "a search term after OR"));
            }
            items.push(self.parse_and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Query::Or(items)
        })
    }

    fn parse_and(&mut self) -> Result<Query, QueryError> {
        let mut items = vec![self.parse_unary()?];
        loop {
            match self.peek().map(|t| &t.tok) {
                None | Some(Tok::RParen | Tok::Or) => break,
                Some(Tok::And) => {
                    self.advance();
                    if !self.at_operand_start() {
                        return Err(QueryError::new(self.peek_pos(), "a search term after AND"));
                    }
                }
                _ => {}
            }
            items.push(self.parse_unary()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Query::And(items)
        })
    }

    fn parse_unary(&mut self) -> Result<Query, QueryError> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Not) => {
                self.advance();
                if !self.at_operand_start() {
                    return Err(QueryError::new(self.peek_pos(), "a search term after NOT"));
                }
                Ok(Query::Not(Box::new(self.parse_unary()?)))
            }
            Some(Tok::Minus) => {
                self.advance();
                Ok(Query::Not(Box::new(self.parse_primary()?)))
            }
            _ => self.parse_primary(),
        }
    }

    fn parse_primary(&mut self) -> Result<Query, QueryError> {
        let Some(tok) = self.advance() else {
            return Err(QueryError::new(self.end, "a search term"));
        };
        match tok.tok {
            Tok::LParen => {
                if matches!(self.peek().map(|t| &t.tok), Some(Tok::RParen)) {
                    return Err(QueryError::new(
                        self.peek_pos(),
                        "a search term inside the parentheses",
                    ));
                }
                let inner = self.parse_or()?;
                match self.advance() {
                    Some(Spanned {
                        tok: Tok::RParen, ..
                    }) => Ok(inner),
                    _ => Err(QueryError::new(self.end, "a closing parenthesis ')'")),
                }
            }
            Tok::RParen => Err(QueryError::new(tok.pos, "a search term before ')'")),
            Tok::And => Err(QueryError::new(tok.pos, "a search term before AND")),
            Tok::Or => Err(QueryError::new(tok.pos, "a search term before OR")),
            Tok::Not | Tok::Minus => Err(QueryError::new(tok.pos, "a search term")),
            Tok::Term {
                field,
                value,
                value_pos,
                quoted,
            } => self.term(field, value, value_pos, quoted, tok.pos),
        }
    }

    fn term(
        &self,
        field: Option<String>,
        value: String,
        value_pos: usize,
        quoted: bool,
        pos: usize,
    ) -> Result<Query, QueryError> {
        let Some(field) = field else {
            let skill = (self.canonical_skill)(value.trim());
            return Ok(Query::Text { value, skill });
        };
        let text = |field| {
            Ok(Query::Field {
                field,
                value: value.clone(),
            })
        };
        match field.to_ascii_lowercase().as_str() {
            "skill" | "skills" => {
                let canonical = (self.canonical_skill)(value.trim())
                    .unwrap_or_else(|| value.trim().to_string());
                Ok(Query::Field {
                    field: TextField::Skill,
                    value: canonical,
                })
            }
            "name" => text(TextField::Name),
            "email" => text(TextField::Email),
            "file" => text(TextField::File),
            "text" => text(TextField::Text),
            "years" | "experience" | "claimed" | "score" => {
                let numeric = match field.to_ascii_lowercase().as_str() {
                    "claimed" => NumericField::ClaimedYears,
                    "score" => NumericField::Score,
                    _ => NumericField::Years,
                };
                if quoted {
                    return Err(QueryError::new(value_pos - 1, range_hint(numeric)));
                }
                let (lower, upper) = parse_range(&value, value_pos, numeric)?;
                Ok(Query::Range {
                    field: numeric,
                    lower,
                    upper,
                })
            }
            _ => Err(QueryError::new(
                pos,
                format!(
                    "a known field (skill, name, email, file, text, years, claimed, score), not '{field}:'"
                ),
            )),
        }
    }
}

fn range_hint(field: NumericField) -> &'static str {
    match field {
        NumericField::Years => "a number of years, like years:>=5, years:<3 or years:3..8",
        NumericField::ClaimedYears => "a number of years, like claimed:>=5 or claimed:3..8",
        NumericField::Score => "a score, like score:>=60 or score:50..80",
    }
}

/// Parses the value of a numeric field into bounds. `pos` is the character
/// offset of `value` in the query, for error positions.
fn parse_range(
    value: &str,
    pos: usize,
    field: NumericField,
) -> Result<(Bound<f64>, Bound<f64>), QueryError> {
    let num = |s: &str, at: usize| -> Result<f64, QueryError> {
        match s.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(QueryError::new(at, range_hint(field))),
        }
    };
    let len = |s: &str| s.chars().count();
    for (op, make) in [
        (">=", Bound::Included as fn(f64) -> Bound<f64>),
        ("<=", Bound::Included),
        (">", Bound::Excluded),
        ("<", Bound::Excluded),
    ] {
        if let Some(rest) = value.strip_prefix(op) {
            let n = num(rest, pos + len(op))?;
            return Ok(if op.starts_with('>') {
                (make(n), Bound::Unbounded)
            } else {
                (Bound::Unbounded, make(n))
            });
        }
    }
    if let Some((lo, hi)) = value.split_once("..") {
        let lower = if lo.is_empty() {
            Bound::Unbounded
        } else {
            Bound::Included(num(lo, pos)?)
        };
        let upper = if hi.is_empty() {
            Bound::Unbounded
        } else {
            Bound::Included(num(hi, pos + len(lo) + 2)?)
        };
        if matches!((lower, upper), (Bound::Unbounded, Bound::Unbounded)) {
            return Err(QueryError::new(pos, range_hint(field)));
        }
        if let (Bound::Included(l), Bound::Included(h)) = (lower, upper)
            && l > h
        {
            return Err(QueryError::new(
                pos,
                format!("a range whose lower end is not above its upper end ({l} > {h})"),
            ));
        }
        return Ok((lower, upper));
    }
    // `years:5` and `years:5+` both mean "at least 5": what a recruiter means
    // by "5 years", and an exact float match would almost never hit.
    let bare = value.strip_suffix('+').unwrap_or(value);
    Ok((Bound::Included(num(bare, pos)?), Bound::Unbounded))
}

impl Query {
    /// The words and phrases whose occurrences in the text are worth
    /// highlighting: positive (non-negated) text terms and the canonical names
    /// of mentioned skills.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_highlights(&mut out);
        out
    }

    fn collect_highlights(&self, out: &mut Vec<String>) {
        match self {
            Query::Text { value, skill } => {
                out.push(value.clone());
                if let Some(s) = skill {
                    out.push(s.clone());
                }
            }
            Query::Field {
                field: TextField::Text | TextField::Skill,
                value,
            } => out.push(value.clone()),
            Query::And(items) | Query::Or(items) => {
                for q in items {
                    q.collect_highlights(out);
                }
            }
            Query::All | Query::Field { .. } | Query::Range { .. } | Query::Not(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills(word: &str) -> Option<String> {
        match word.to_lowercase().as_str() {
            "k8s" | "kubernetes" => Some("Kubernetes".into()),
            "postgres" | "postgresql" => Some("PostgreSQL".into()),
            "kafka" => Some("Kafka".into()),
            "machine learning" | "ml" => Some("Machine Learning".into()),
            _ => None,
        }
    }

    fn parse(q: &str) -> Result<Query, QueryError> {
        parse_query(q, &skills)
    }

    fn text(v: &str) -> Query {
        Query::Text {
            value: v.into(),
            skill: None,
        }
    }

    #[test]
    fn empty_is_all() {
        assert_eq!(parse("   ").ok(), Some(Query::All));
    }

    #[test]
    fn implicit_and_and_alias() {
        let q = parse("k8s rust").ok();
        assert_eq!(
            q,
            Some(Query::And(vec![
                Query::Text {
                    value: "k8s".into(),
                    skill: Some("Kubernetes".into())
                },
                text("rust"),
            ]))
        );
    }

    #[test]
    fn precedence_or_below_and() {
        let q = parse("a b OR c").ok();
        assert_eq!(
            q,
            Some(Query::Or(vec![
                Query::And(vec![text("a"), text("b")]),
                text("c")
            ]))
        );
        let q = parse("a AND (b OR c)").ok();
        assert_eq!(
            q,
            Some(Query::And(vec![
                text("a"),
                Query::Or(vec![text("b"), text("c")])
            ]))
        );
    }

    #[test]
    fn negation_forms() {
        let expected = Some(Query::And(vec![
            text("java"),
            Query::Not(Box::new(text("php"))),
        ]));
        assert_eq!(parse("java -php").ok(), expected);
        assert_eq!(parse("java NOT php").ok(), expected);
        assert_eq!(parse("java AND NOT php").ok(), expected);
        assert_eq!(
            parse("-(a OR b)").ok(),
            Some(Query::Not(Box::new(Query::Or(vec![text("a"), text("b")]))))
        );
        // A hyphen inside a word is not negation.
        assert_eq!(parse("front-end").ok(), Some(text("front-end")));
    }

    #[test]
    fn phrases_and_phrase_aliases() {
        assert_eq!(parse("\"team lead\"").ok(), Some(text("team lead")));
        assert_eq!(
            parse("\"machine learning\"").ok(),
            Some(Query::Text {
                value: "machine learning".into(),
                skill: Some("Machine Learning".into())
            })
        );
        assert_eq!(
            parse("name:\"maria alvarez\"").ok(),
            Some(Query::Field {
                field: TextField::Name,
                value: "maria alvarez".into()
            })
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            parse("skill:postgres").ok(),
            Some(Query::Field {
                field: TextField::Skill,
                value: "PostgreSQL".into()
            })
        );
        // Unknown skills are kept as typed.
        assert_eq!(
            parse("skill:cobol").ok(),
            Some(Query::Field {
                field: TextField::Skill,
                value: "cobol".into()
            })
        );
        assert_eq!(
            parse("email:a@b.com").ok(),
            Some(Query::Field {
                field: TextField::Email,
                value: "a@b.com".into()
            })
        );
        assert!(matches!(
            parse("file:cv.pdf"),
            Ok(Query::Field {
                field: TextField::File,
                ..
            })
        ));
        // Not a field prefix: non-letters before the colon.
        assert_eq!(parse("c++:x").ok(), Some(text("c++:x")));
    }

    #[test]
    fn ranges() {
        let r = |q: &str| match parse(q) {
            Ok(Query::Range {
                field,
                lower,
                upper,
            }) => Some((field, lower, upper)),
            _ => None,
        };
        use Bound::*;
        use NumericField::*;
        assert_eq!(r("years:>=5"), Some((Years, Included(5.0), Unbounded)));
        assert_eq!(r("years:>5"), Some((Years, Excluded(5.0), Unbounded)));
        assert_eq!(r("years:<=3"), Some((Years, Unbounded, Included(3.0))));
        assert_eq!(r("years:<3"), Some((Years, Unbounded, Excluded(3.0))));
        assert_eq!(r("years:3..8"), Some((Years, Included(3.0), Included(8.0))));
        assert_eq!(r("years:3.5.."), Some((Years, Included(3.5), Unbounded)));
        assert_eq!(r("years:..8"), Some((Years, Unbounded, Included(8.0))));
        assert_eq!(r("years:5"), Some((Years, Included(5.0), Unbounded)));
        assert_eq!(r("years:5+"), Some((Years, Included(5.0), Unbounded)));
        assert_eq!(r("score:>=60"), Some((Score, Included(60.0), Unbounded)));
        assert_eq!(
            r("claimed:>=10"),
            Some((ClaimedYears, Included(10.0), Unbounded))
        );
    }

    fn err(q: &str) -> (usize, String) {
        match parse(q) {
            Err(e) => (e.position, e.expected),
            Ok(q) => panic!("expected an error, got {q:?}"),
        }
    }

    #[test]
    fn unbalanced_quote() {
        let (pos, exp) = err("rust \"team lead");
        assert_eq!(pos, 15);
        assert_eq!(exp, "a closing quote");
        let e = parse("kafka \"team lead").err();
        assert_eq!(
            e.map(|e| e.to_string()),
            Some("at column 17: expected a closing quote".to_string())
        );
    }

    #[test]
    fn unbalanced_parens() {
        let (pos, exp) = err("(kafka OR rust");
        assert_eq!(pos, 14);
        assert!(exp.contains("closing parenthesis"), "{exp}");
        let (pos, exp) = err("kafka OR rust)");
        assert_eq!(pos, 13);
        assert!(exp.contains("no matching '('"), "{exp}");
        let (pos, _) = err("kafka ()");
        assert_eq!(pos, 7);
    }

    #[test]
    fn dangling_operators() {
        assert_eq!(err("kafka AND"), (9, "a search term after AND".to_string()));
        assert_eq!(err("kafka OR"), (8, "a search term after OR".to_string()));
        assert_eq!(err("OR kafka"), (0, "a search term before OR".to_string()));
        assert_eq!(
            err("AND kafka"),
            (0, "a search term before AND".to_string())
        );
        assert_eq!(err("kafka OR OR rust").0, 9);
        assert_eq!(err("kafka NOT").0, 9);
        assert_eq!(err("kafka - rust").0, 7);
        assert_eq!(err("kafka AND )").0, 10);
    }

    #[test]
    fn unknown_field_and_bad_numbers() {
        let (pos, exp) = err("rust colour:blue");
        assert_eq!(pos, 5);
        assert!(exp.contains("known field"), "{exp}");
        let (pos, exp) = err("rust years:>=x");
        assert_eq!(pos, 13);
        assert!(exp.contains("number of years"), "{exp}");
        assert_eq!(err("years:3..x").0, 9);
        assert_eq!(err("years:..").0, 6);
        assert_eq!(err("years:8..3").0, 6);
        assert_eq!(err("score:high").0, 6);
        assert_eq!(err("years:nan").0, 6);
        assert_eq!(err("skill:").0, 6);
        assert_eq!(err("\"\"").0, 1);
    }

    #[test]
    fn positions_count_chars_not_bytes() {
        // "José " is 5 chars but 6 bytes.
        let (pos, _) = err("José years:>=x");
        assert_eq!(pos, 13);
    }

    #[test]
    fn highlight_terms_skip_negations() {
        let q = parse("k8s \"team lead\" -php skill:postgres years:>=3");
        let terms = q.map(|q| q.highlight_terms()).unwrap_or_default();
        assert_eq!(terms, vec!["k8s", "Kubernetes", "team lead", "PostgreSQL"]);
    }
}
