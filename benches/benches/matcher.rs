//! Matcher throughput: keyword coverage + years + contacts + score on real résumé texts,
//! in MB/s on one core, and the speed-up from one to two rayon threads.
//!
//! Texts: the labelled plain-text résumés of `../shared/corpus` plus the repository's own
//! TXT fixture, normalised as ingest does. Run with `cargo bench -p shortlist-benches --bench matcher`.

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

fn bench(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let role = Role::builtin(shortlist_matcher::DEFAULT_ROLE).expect("built-in role");
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
