//! Prints the full [`Analysis`](shortlist_matcher::Analysis) of each `.txt`
//! file given on the command line as one JSON line (`{"file": ..., "analysis": ...}`),
//! so that matcher changes can be checked for unchanged output by diffing two runs.
//!
//! Usage: `cargo run -p shortlist-matcher --example dump_analysis -- [--as-of YYYY-MM-DD] FILE...`
//! (the text goes through the ingest crate's normaliser, as in `shortlist`).

use std::process::ExitCode;

use shortlist_matcher::{DEFAULT_ROLE, Matcher, Role};

/// The same normalisation `shortlist` applies to extracted text.
fn normalise(text: &str) -> String {
    shortlist_ingest::normalize::normalize(text)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut as_of = jiff::civil::date(2024, 1, 1);
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as-of" => match args.next().map(|d| d.parse::<jiff::civil::Date>()) {
                Some(Ok(d)) => as_of = d,
                _ => {
                    eprintln!("--as-of needs a YYYY-MM-DD date");
                    return ExitCode::FAILURE;
                }
            },
            _ => files.push(a),
        }
    }
    let matcher = match Role::builtin(DEFAULT_ROLE).and_then(Matcher::new) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            println!("{{\"file\":{f:?},\"error\":\"unreadable\"}}");
            continue;
        };
        let text = normalise(&String::from_utf8_lossy(&bytes));
        let a = matcher.analyze(&text, as_of);
        match serde_json::to_string(&a) {
            Ok(json) => println!("{{\"file\":{f:?},\"analysis\":{json}}}"),
            Err(e) => println!("{{\"file\":{f:?},\"error\":{:?}}}", e.to_string()),
        }
    }
    ExitCode::SUCCESS
}
