//! Scores `.txt` résumés given on the command line with the default role and
//! prints `file<TAB>score<TAB>reason` per file; used to measure ranking quality
//! (see `benches/ranking_auc.py`). Unreadable files print an empty score.
//!
//! Usage: `cargo run -p shortlist-matcher --example score_texts -- [--role NAME] [--as-of YYYY-MM-DD] [--explain] FILE...`
//! (`--explain` adds one indented line per keyword mention).

use std::process::ExitCode;

use shortlist_matcher::{DEFAULT_ROLE, Matcher, Role};

/// The same normalisation `shortlist` applies to extracted text.
fn normalise(text: &str) -> String {
    shortlist_ingest::normalize::normalize(text)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut role_name = DEFAULT_ROLE.to_owned();
    let mut as_of = jiff::civil::date(2024, 1, 1);
    let mut files = Vec::new();
    let mut explain = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--role" => role_name = args.next().unwrap_or_default(),
            "--as-of" => match args.next().map(|d| d.parse::<jiff::civil::Date>()) {
                Some(Ok(d)) => as_of = d,
                _ => {
                    eprintln!("--as-of needs a YYYY-MM-DD date");
                    return ExitCode::FAILURE;
                }
            },
            "--explain" => explain = true,
            _ => files.push(a),
        }
    }
    let matcher = match Role::builtin(&role_name).and_then(Matcher::new) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for f in files {
        match std::fs::read_to_string(&f) {
            Ok(text) => {
                let a = matcher.analyze(&normalise(&text), as_of);
                println!("{f}\t{}\t{}", a.score, a.reason);
                if explain {
                    for h in &a.explanation.keywords {
                        println!(
                            "    {} [{} {}] {:?}",
                            h.keyword,
                            h.context,
                            h.weight,
                            h.matched()
                        );
                    }
                }
            }
            Err(e) => println!("{f}\t\t{e}"),
        }
    }
    ExitCode::SUCCESS
}
