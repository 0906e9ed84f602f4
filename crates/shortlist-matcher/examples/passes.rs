//! A fixed amount of [`Matcher::analyze`](shortlist_matcher::Matcher::analyze) work for
//! instruction counting: reads the `.txt` files given (through ingest's
//! `extract_bytes`, as the `matcher` bench does), then analyses all of them N times.
//! Instructions per byte = (Ir at N = 3 − Ir at N = 1) / (2 · bytes), which removes
//! start-up, regex compilation and lazy DFA warm-up.
//!
//! Usage: `valgrind --tool=callgrind target/release/examples/passes N FILE...`; or only
//! the steady state: one warm-up pass, then N passes inside `measured`, counted alone with
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='passes::measured' ...`.

use shortlist_matcher::{DEFAULT_ROLE, Matcher, Role};

fn main() {
    let mut args = std::env::args().skip(1);
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let texts: Vec<String> = args
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| shortlist_ingest::extract_bytes(&b, &shortlist_ingest::Limits::default()).text)
        .filter(|t| !t.is_empty())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let matcher = Matcher::new(Role::builtin(DEFAULT_ROLE).expect("role")).expect("matcher");
    let as_of = jiff::civil::date(2026, 11, 23);
    let warm: f64 = texts.iter().map(|t| matcher.analyze(t, as_of).score).sum();
    let score = measured(&matcher, &texts, as_of, passes);
    eprintln!("warm-up {warm}");
    eprintln!(
        "{} texts, {bytes} bytes, {passes} passes, {score}",
        texts.len()
    );
}

/// `passes` passes over all texts; the sum of the scores.
#[inline(never)]
fn measured(matcher: &Matcher, texts: &[String], as_of: jiff::civil::Date, passes: usize) -> f64 {
    let mut score = 0.0;
    for _ in 0..passes {
        for t in texts {
            score += std::hint::black_box(matcher.analyze(t, as_of)).score;
        }
    }
    score
}
