//! Command-line arguments (clap derive types only; no behaviour).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Rank a folder of résumés against a backend role, export CSV, and search the talent pool.
#[derive(Debug, Parser)]
#[command(name = "shortlist", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the normalised text of résumé files (PDF, DOCX, TXT).
    Extract(ExtractArgs),
    /// Rank résumés (files or folders, recursively) against a role; CSV or JSONL out.
    Rank(RankArgs),
    /// List the built-in role profiles.
    Roles,
    /// Create or update a talent-pool search index from résumé files and folders.
    Index(IndexArgs),
    /// Search the talent-pool index.
    Search(SearchArgs),
    /// Export the indexed candidates for another search engine.
    Export(ExportArgs),
    /// Internal: a PDF extraction worker speaking the pool protocol on stdin/stdout.
    #[command(name = "__worker", hide = true)]
    Worker(WorkerArgs),
}

/// Per-file limits shared by every command that reads résumés.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Seconds allowed to extract one PDF before it is reported as `timeout`.
    #[arg(long, value_name = "SECS", default_value_t = 20.0)]
    pub timeout: f64,
    /// Memory (address space) limit of each PDF worker, e.g. 1G, 512M.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    pub max_memory: u64,
    /// Files larger than this are reported as `too_large` without being opened, e.g. 50M.
    #[arg(long, value_name = "SIZE", default_value = "50M", value_parser = parse_size)]
    pub max_file_size: u64,
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// The text, with a header line between files when there are several.
    Text,
    /// One JSON object per file: file, status, reason, pages, chars, text.
    Jsonl,
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to extract.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// Limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Output format of `rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankFormat {
    /// Spreadsheet-safe CSV.
    Csv,
    /// One JSON object per file, with the full explanation.
    Jsonl,
}

/// The role and date every score is computed against.
#[derive(Debug, Clone, Args)]
pub struct RoleArgs {
    /// Built-in role name (see `shortlist roles`) or a role TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = "backend-lead")]
    pub role: String,
    /// Date that open ranges ("- Present") end at, YYYY-MM-DD; default today. Fix it for
    /// reproducible output.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

/// Arguments of `rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// Résumé files or folders (walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Role and date.
    #[command(flatten)]
    pub role: RoleArgs,
    /// Write to FILE (atomically: a temp file renamed into place) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RankFormat::Csv)]
    pub format: RankFormat,
    /// Parallel jobs (threads and PDF workers); default: the number of CPUs.
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only write the N best-ranked candidates (files not ranked are still listed).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Leave out the UTF-8 byte-order mark at the start of the CSV.
    #[arg(long)]
    pub no_bom: bool,
    /// Print the time spent in each stage to stderr at the end.
    #[arg(long)]
    pub timings: bool,
    /// Limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Arguments of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Résumé files or folders (walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The index folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Remove indexed files that are no longer under the given paths.
    #[arg(long)]
    pub prune: bool,
    /// Role and date used for the stored score and years.
    #[command(flatten)]
    pub role: RoleArgs,
    /// Parallel jobs (threads and PDF workers); default: the number of CPUs.
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Commit after this many files, so an interrupted run keeps its progress.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub commit_every: usize,
    /// Limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Output format of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// A table with highlighted snippets.
    Table,
    /// Spreadsheet-safe CSV.
    Csv,
    /// One JSON object per hit.
    Jsonl,
}

/// Arguments of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", AND/OR/NOT, -word, field:value (skill:, name:, email:,
    /// file:), years:>=5, score:>=60, parentheses.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Maximum number of results.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Only candidates with at least this many years of experience.
    #[arg(long, value_name = "YEARS")]
    pub min_years: Option<f64>,
    /// Only candidates with this skill (aliases allowed: k8s, postgres); repeatable.
    #[arg(long = "skill", value_name = "NAME")]
    pub skills: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
    /// Role whose keyword lists resolve skill aliases.
    #[arg(long, value_name = "NAME|FILE", default_value = "backend-lead")]
    pub role: String,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Elasticsearch/OpenSearch `_bulk` NDJSON.
    EsBulk,
    /// The Elasticsearch/OpenSearch index mapping that matches `es-bulk`.
    EsMapping,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The index folder.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// What to write to stdout.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
}

/// Arguments of the hidden worker subcommand.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Limits (the memory limit is applied by the parent before start).
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Parses `1G`, `512M`, `64k`, `1000` (bytes; binary multiples for K/M/G).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => {
            let unit = s[i..].to_ascii_lowercase();
            let mult: u64 = match unit.trim_end_matches("ib").trim_end_matches('b') {
                "" => 1,
                "k" => 1 << 10,
                "m" => 1 << 20,
                "g" => 1 << 30,
                _ => return Err(format!("unknown size unit in {s:?}; use K, M or G")),
            };
            (&s[..i], mult)
        }
        None => (s, 1),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {s:?} (e.g. 512M, 1G)"))?;
    if !(n.is_finite() && n > 0.0) {
        return Err(format!("size must be positive: {s:?}"));
    }
    Ok((n * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("50M"), Ok(50 << 20));
        assert_eq!(parse_size("1.5k"), Ok(1536));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("-1").is_err());
    }
}
