//! From per-file results to a ranking a recruiter can open in a spreadsheet.
//!
//! [`Record`]s (one per input file: a matcher [`Analysis`] or an ingest failure) go through
//! [`rank`], which marks content duplicates, orders scored candidates by score (ties by file
//! path) and puts every file that could not be scored after them. [`write_csv`] and
//! [`write_jsonl`] then write the rows; [`Summary`] says what happened in one line.
//!
//! CSV output is spreadsheet-safe: UTF-8 with a BOM (optional) so Excel reads accents, and
//! every text cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage
//! return first) is prefixed with `'`. Numeric columns stay plain numbers.

use serde::Serialize;
use shortlist_ingest::Status;
use shortlist_matcher::Analysis;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Write};

/// One input file after processing.
#[derive(Debug, Clone)]
pub struct Record {
    /// The file path as given or found (display form).
    pub file: String,
    /// SHA-256 of the content, when it could be read.
    pub sha256: Option<String>,
    /// Ingest status (or `duplicate`, set by [`rank`]).
    pub status: Status,
    /// Ingest reason; for scored files, the score's one-line explanation.
    pub reason: String,
    /// Pages, when known.
    pub pages: Option<u32>,
    /// The matcher's analysis, for files whose text could be read.
    pub analysis: Option<Box<Analysis>>,
}

/// A record with its place in the ranking.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based rank for scored candidates; `None` for files that were not scored.
    pub rank: Option<usize>,
    /// The record.
    pub record: Record,
}

/// Marks duplicates (same SHA-256 as a file earlier in path order) and orders the records:
/// scored ones by score descending, ties by file path; then the rest by file path.
pub fn rank(mut records: Vec<Record>) -> Vec<Row> {
    records.sort_by(|a, b| a.file.cmp(&b.file));
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for r in &mut records {
        let Some(hash) = r.sha256.clone() else {
            continue;
        };
        match first_seen.get(&hash) {
            Some(first) => {
                r.reason = format!("same content as {first}");
                r.status = Status::Duplicate;
                r.analysis = None;
            }
            None => {
                first_seen.insert(hash, r.file.clone());
            }
        }
    }
    let score = |r: &Record| r.analysis.as_ref().map(|a| a.score);
    records.sort_by(|a, b| match (score(a), score(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.file.cmp(&b.file)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.file.cmp(&b.file),
    });
    let mut next = 0;
    records
        .into_iter()
        .map(|record| {
            let rank = record.analysis.as_ref().map(|_| {
                next += 1;
                next
            });
            Row { rank, record }
        })
        .collect()
}

/// The CSV header, in column order.
pub const CSV_HEADER: &[&str] = &[
    "rank",
    "score",
    "name",
    "email",
    "phone",
    "years_experience",
    "claimed_years",
    "backend_coverage",
    "leadership_coverage",
    "matched_backend",
    "matched_leadership",
    "missing_required",
    "status",
    "reason",
    "file",
    "sha256",
    "pages",
];

/// Prefixes a text cell that a spreadsheet would evaluate as a formula with `'`.
///
/// ```
/// use shortlist_report::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_safe("+1-555 0100"), "'+1-555 0100");
/// assert_eq!(spreadsheet_safe("Zoë"), "Zoë");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

fn list<S: std::borrow::Borrow<str>>(items: &[S]) -> String {
    items.join("; ")
}

/// Writes the ranking as CSV, with a UTF-8 BOM when `bom` is true.
pub fn write_csv(out: &mut dyn Write, rows: &[Row], bom: bool) -> io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_HEADER)?;
    for row in rows {
        let r = &row.record;
        let a = r.analysis.as_deref();
        let text = |s: Option<&str>| spreadsheet_safe(s.unwrap_or_default()).into_owned();
        let num1 = |x: Option<f64>| x.map(|v| format!("{v:.1}")).unwrap_or_default();
        let num2 = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_default();
        let fields: Vec<String> = vec![
            row.rank.map(|n| n.to_string()).unwrap_or_default(),
            num1(a.map(|a| a.score)),
            text(a.and_then(|a| a.name.as_deref())),
            text(a.and_then(|a| a.email.as_deref())),
            text(a.and_then(|a| a.phone.as_deref())),
            num1(a.map(|a| a.years_experience)),
            num1(a.and_then(|a| a.claimed_years)),
            num2(a.map(|a| a.backend_coverage)),
            num2(a.map(|a| a.leadership_coverage)),
            text(a.map(|a| list(&a.matched_backend)).as_deref()),
            text(a.map(|a| list(&a.matched_leadership)).as_deref()),
            text(a.map(|a| list(&a.missing_required)).as_deref()),
            r.status.as_str().to_string(),
            text(Some(&r.reason)),
            text(Some(&r.file)),
            r.sha256.clone().unwrap_or_default(),
            r.pages.map(|p| p.to_string()).unwrap_or_default(),
        ];
        w.write_record(&fields)?;
    }
    w.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct JsonRow<'a> {
    rank: Option<usize>,
    score: Option<f64>,
    status: Status,
    reason: &'a str,
    file: &'a str,
    sha256: Option<&'a str>,
    pages: Option<u32>,
    #[serde(flatten)]
    analysis: Option<&'a Analysis>,
}

/// Writes one JSON object per file: the CSV fields plus the full explanation.
pub fn write_jsonl(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    for row in rows {
        let r = &row.record;
        let json = JsonRow {
            rank: row.rank,
            score: r.analysis.as_ref().map(|a| a.score),
            status: r.status,
            reason: &r.reason,
            file: &r.file,
            sha256: r.sha256.as_deref(),
            pages: r.pages,
            analysis: r.analysis.as_deref(),
        };
        serde_json::to_writer(&mut *out, &json)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// What a run did, for the one-line summary on stderr.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files considered.
    pub total: usize,
    /// Files ranked.
    pub ranked: usize,
    /// Files not ranked, by status.
    pub not_ranked: BTreeMap<Status, usize>,
    /// Seconds the run took.
    pub seconds: f64,
}

impl Summary {
    /// Counts the rows.
    pub fn of(rows: &[Row], seconds: f64) -> Self {
        let mut s = Summary {
            total: rows.len(),
            seconds,
            ..Summary::default()
        };
        for row in rows {
            if row.rank.is_some() {
                s.ranked += 1;
            } else {
                *s.not_ranked.entry(row.record.status).or_default() += 1;
            }
        }
        s
    }
}

/// Formats a count with thousands separators: `1980` → `1,980`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Summary {
    /// `ranked 1,980 of 2,000 files in 41 s; 20 not ranked: 12 no_text, 5 encrypted, 3 corrupt`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = if self.seconds < 10.0 {
            format!("{:.1}", self.seconds)
        } else {
            format!("{:.0}", self.seconds)
        };
        write!(
            f,
            "ranked {} of {} files in {secs} s",
            thousands(self.ranked),
            thousands(self.total)
        )?;
        let missing = self.total - self.ranked;
        if missing > 0 {
            let mut by: Vec<(&Status, &usize)> = self.not_ranked.iter().collect();
            by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = by
                .iter()
                .map(|(s, n)| format!("{} {s}", thousands(**n)))
                .collect();
            write!(
                f,
                "; {} not ranked: {}",
                thousands(missing),
                parts.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(file: &str, status: Status, sha: Option<&str>) -> Record {
        Record {
            file: file.into(),
            sha256: sha.map(Into::into),
            status,
            reason: "why".into(),
            pages: None,
            analysis: None,
        }
    }

    #[test]
    fn duplicates_name_the_first_file() {
        let rows = rank(vec![
            failed("b.pdf", Status::NoText, Some("h")),
            failed("a.pdf", Status::NoText, Some("h")),
        ]);
        assert_eq!(rows[0].record.file, "a.pdf");
        assert_eq!(rows[1].record.status, Status::Duplicate);
        assert_eq!(rows[1].record.reason, "same content as a.pdf");
    }

    #[test]
    fn csv_is_spreadsheet_safe_with_bom() {
        let rows = rank(vec![failed("=cmd|'/c calc'!A1.pdf", Status::Corrupt, None)]);
        let mut buf = Vec::new();
        write_csv(&mut buf, &rows, true).expect("csv");
        let text = String::from_utf8(buf).expect("utf8");
        assert!(text.starts_with("\u{feff}rank,score,name,"));
        assert!(text.contains(",'=cmd|'/c calc'!A1.pdf,"), "{text}");
    }

    #[test]
    fn summary_line() {
        let rows = rank(vec![
            failed("a.pdf", Status::NoText, None),
            failed("b.pdf", Status::NoText, None),
            failed("c.pdf", Status::Encrypted, None),
        ]);
        let s = Summary::of(&rows, 41.2);
        assert_eq!(
            s.to_string(),
            "ranked 0 of 3 files in 41 s; 3 not ranked: 2 no_text, 1 encrypted"
        );
        assert_eq!(thousands(1980), "1,980");
        assert_eq!(thousands(2_000_000), "2,000,000");
    }
}
