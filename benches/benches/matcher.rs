//! Matcher throughput: keyword coverage + years + contacts + score on real résumé texts,
//! in MB/s on one core, and the speed-up from one to two rayon threads.
//!
//! `automaton_floor_1_thread` is a yardstick measured beside it: one bare Aho-Corasick
//! scan of the same texts for the role's keyword aliases (built as the matcher builds its
//! automaton), doing nothing with the matches. `analyze` needs that scan and more (titles,
//! dates, contacts, hiring context), so its throughput cannot exceed this one's.
//!
//! Texts: the labelled plain-text résumés of `../shared/corpus` plus the repository's own
//! TXT fixture, normalised as ingest does. Run with `cargo bench -p shortlist-benches --bench matcher`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use shortlist_matcher::{Matcher, Role};
use std::hint::black_box;
use std::path::Path;

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut texts = Vec::new();
    let labelled = root.join("../shared/corpus/labelled/updated_txt");
    let mut paths: Vec<_> = std::fs::read_dir(&labelled)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.push(root.join("fixtures/txt-junior-node/resume.txt"));
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        if let Ok(bytes) = std::fs::read(p) {
            let e = shortlist_ingest::extract_bytes(&bytes, &shortlist_ingest::Limits::default());
            if !e.text.is_empty() {
                texts.push(e.text);
            }
        }
    }
    texts
}

/// The role's keyword automaton as `shortlist_matcher` builds it (every alias and exact
/// term; leftmost-longest, ASCII case-insensitive, DFA).
fn keyword_automaton(role: &Role) -> AhoCorasick {
    let mut patterns: Vec<String> = role
        .keywords
        .iter()
        .flat_map(|k| k.aliases.iter().chain(&k.exact).cloned())
        .collect();
    patterns.sort_by_key(|p| p.to_lowercase());
    patterns.dedup_by_key(|p| p.to_lowercase());
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("keyword automaton")
}

/// Every leftmost-longest match start, restarting one byte after each (as the matcher
/// does after a match it rejects); the number of matches.
fn scan(ac: &AhoCorasick, text: &str) -> usize {
    let mut n = 0;
    let mut pos = 0;
    while let Some(m) = ac.find(Input::new(text).span(pos..text.len())) {
        n += 1;
        pos = m.start() + 1;
    }
    n
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let role = Role::builtin(shortlist_matcher::DEFAULT_ROLE).expect("built-in role");
    let ac = keyword_automaton(&role);
    let matcher = Matcher::new(role).expect("matcher");
    let as_of: jiff::civil::Date = "2026-11-23".parse().expect("date");
    eprintln!(
        "matcher bench: {} texts, {:.2} MB",
        texts.len(),
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        group.bench_function(format!("analyze_all_{threads}_threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    texts
                        .par_iter()
                        .map(|t| black_box(matcher.analyze(t, as_of)).score)
                        .sum::<f64>()
                })
            })
        });
    }
    group.bench_function("automaton_floor_1_thread", |b| {
        b.iter(|| texts.iter().map(|t| scan(&ac, black_box(t))).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
