//! Error type for loading roles and keyword files.
//!
//! Errors name the file (its origin as the caller described it), the 1-based
//! line where that is known, and what is wrong, because users edit these TOML
//! files by hand and need to find the mistake quickly.

use thiserror::Error;

/// Everything that can go wrong while loading a role or building a [`crate::Matcher`].
///
/// Analysing text never fails; only configuration can be wrong.
#[derive(Debug, Error)]
pub enum Error {
    /// A TOML file could not be parsed or has the wrong shape.
    #[error("{origin}:{line}:{column}: {message}")]
    Toml {
        /// Name of the file (as given by the caller, or `builtin:<name>`).
        origin: String,
        /// 1-based line of the problem (0 when the parser gave no position).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// The parser's description of the problem.
        message: String,
    },
    /// The file parsed, but a value is not acceptable (unknown category, bad regex, ...).
    #[error("{origin}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// Name of the file.
        origin: String,
        /// 1-based line of the offending value, when it could be located.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A keyword file referenced by a role could not be read by the caller's loader.
    #[error("{origin}: cannot read keyword file {path:?}: {source}")]
    Load {
        /// The role file that referenced it.
        origin: String,
        /// The relative path as written in the role file.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// [`crate::Role::builtin`] was asked for a name that is not built in.
    #[error("unknown built-in role {name:?}; available: {available}")]
    UnknownRole {
        /// The requested name.
        name: String,
        /// Comma-separated list of built-in role names.
        available: String,
    },
    /// The keyword automaton could not be built (e.g. too many patterns).
    #[error("cannot build keyword matcher: {0}")]
    Build(String),
}

/// Converts a byte offset into a 1-based (line, column) pair.
///
/// The column counts characters, not bytes, so it matches what editors show.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Finds the 1-based line of the first occurrence of `needle` (e.g. a quoted
/// value) so semantic errors can point at the line the user has to fix.
pub(crate) fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|off| line_col(text, off).0)
}

/// Builds an [`Error::Toml`] from a `toml` parse error, turning its byte span into a line.
pub(crate) fn from_toml(origin: &str, text: &str, err: &toml::de::Error) -> Error {
    let (line, column) = err.span().map_or((0, 0), |span| line_col(text, span.start));
    Error::Toml {
        origin: origin.to_owned(),
        line,
        column,
        message: err.message().trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let t = "a\nbc\nd";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 2));
        assert_eq!(line_col(t, 5), (3, 1));
        assert_eq!(line_col(t, 500), (3, 2));
    }

    #[test]
    fn toml_errors_have_lines() {
        let text = "a = 1\nb = [\n";
        let Err(e) = toml::from_str::<toml::Table>(text) else {
            panic!("expected error");
        };
        let err = from_toml("x.toml", text, &e);
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml:"), "{msg}");
        match err {
            Error::Toml { line, .. } => assert!(line >= 2, "{line}"),
            other => panic!("unexpected {other}"),
        }
    }
}
