//! Golden output for checking that matcher changes keep `analyze` byte-identical:
//! prints one JSON line per (text, built-in role, as-of date) with the full
//! [`Analysis`](shortlist_matcher::Analysis), so two builds can be compared with `cmp`.
//!
//! Usage: `cargo run --release -p shortlist-matcher --example golden -- TEXTS.jsonl... > out.jsonl`
//! where each input line is a JSON object with `file` and `text` (the texts are used as
//! given, e.g. the output of `shortlist extract --format jsonl`). Also `--synth N`: add N
//! synthetic texts recombined from the input lines with random edits (case changes, CRLF,
//! non-ASCII characters, glued lines), a deterministic stress test for prefilters.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use shortlist_matcher::{Matcher, Role};

/// A small deterministic PRNG (xorshift64*), so synthetic texts are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NOISE: &[&str] = &[
    "é", "•", "·", "ß", "İ", "ſ", "K", "ﬁ", " ", "\t", "\r", "\r\n", "\n", "-", "@", "'", "’",
    "19", "20", "2019", " - ", "present", "years", "+", "#", ".", ",", ":", "/", "(", ")", "Ä",
    "ü", "Σ", "ǅ", "\u{0}", "\u{feff}", "€", "12", "'19", "o", "a",
];

fn mutate(rng: &mut Rng, line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    match rng.below(8) {
        0 => out.extend(chars.iter().flat_map(|c| c.to_uppercase())),
        1 => out.extend(chars.iter().flat_map(|c| c.to_lowercase())),
        2 => {
            // Insert noise at a few random places.
            let mut cs = chars.clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(cs.len() + 1);
                let noise: Vec<char> = NOISE[rng.below(NOISE.len())].chars().collect();
                cs.splice(at..at, noise);
            }
            out.extend(cs);
        }
        3 => {
            // Delete a random span.
            let a = rng.below(chars.len() + 1);
            let b = (a + rng.below(6)).min(chars.len());
            out.extend(chars[..a].iter().chain(&chars[b..]));
        }
        _ => out.push_str(line),
    }
    out
}

fn synth(rng: &mut Rng, lines: &[&str]) -> String {
    let n = 1 + rng.below(120);
    let mut out = String::new();
    let start = rng.below(lines.len());
    for i in 0..n {
        // Mostly runs of consecutive lines (keeps sections and ranges), sometimes jumps.
        let line = if rng.below(5) == 0 {
            lines[rng.below(lines.len())]
        } else {
            lines[(start + i) % lines.len()]
        };
        out.push_str(&mutate(rng, line));
        out.push_str(match rng.below(20) {
            0 => "\r\n",
            1 => " ",
            2 => "\n\n",
            _ => "\n",
        });
    }
    out
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut synth_n = 0usize;
    while let Some(a) = args.next() {
        if a == "--synth" {
            synth_n = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            continue;
        }
        let Ok(f) = std::fs::File::open(&a) else {
            eprintln!("cannot read {a}");
            return ExitCode::FAILURE;
        };
        for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let file = v["file"].as_str().unwrap_or("").to_owned();
            let text = v["text"].as_str().unwrap_or("").to_owned();
            texts.push((file, text));
        }
    }
    if synth_n > 0 {
        let all: Vec<&str> = texts.iter().flat_map(|(_, t)| t.lines()).collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let made: Vec<(String, String)> = (0..synth_n)
            .map(|i| (format!("synth-{i}"), synth(&mut rng, &all)))
            .collect();
        texts.extend(made);
    }
    let dates = [
        jiff::civil::date(2024, 1, 1),
        jiff::civil::date(2026, 11, 23),
    ];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (role_name, _) in Role::builtin_names() {
        let matcher = match Role::builtin(role_name).and_then(Matcher::new) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{role_name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        for (file, text) in &texts {
            for d in dates {
                let a = matcher.analyze(text, d);
                let json = serde_json::to_string(&a).unwrap_or_else(|e| e.to_string());
                if writeln!(
                    out,
                    "{{\"file\":{file:?},\"role\":{role_name:?},\"as_of\":\"{d}\",\"analysis\":{json}}}"
                )
                .is_err()
                {
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    ExitCode::SUCCESS
}
