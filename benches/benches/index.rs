//! Talent-index benchmark: indexing throughput and search latency on
//! synthetic candidates recombined from the real résumé corpus.
//!
//! Run: `cargo bench -p shortlist-benches --bench index`.
//! `SHORTLIST_BENCH_DOCS` sets the number of documents (default 100000;
//! 0 skips). `SHORTLIST_CORPUS` overrides the corpus location
//! (default /work/shared/corpus). PDF text is extracted once with
//! `pdftotext` and cached in the temp dir; extraction is not timed.
//! Targets: ≥ 2,000 docs/s indexing, p99 ≤ 20 ms per query.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use shortlist_index::{CandidateDoc, SearchOptions, TalentIndex};

/// Typical recruiter queries, timed with snippets and stored-field loading.
const QUERIES: &[&str] = &[
    "kafka kubernetes",
    "\"team lead\" years:>=5",
    "skill:postgresql -php",
    "python OR java",
    "k8s docker",
    "\"machine learning\" python",
    "react -angular years:2..6",
    "aws AND (terraform OR docker)",
    "score:>=60 skill:kafka",
    "engineer",
    "javascript NOT (php OR wordpress) years:>3",
];

/// Skills the synthetic docs are tagged with, with the aliases queries use.
const SKILLS: &[(&str, &[&str])] = &[
    ("Kafka", &["kafka"]),
    ("Kubernetes", &["kubernetes", "k8s"]),
    ("PostgreSQL", &["postgresql", "postgres"]),
    ("Python", &["python"]),
    ("Java", &["java"]),
    ("PHP", &["php"]),
    ("Docker", &["docker"]),
    ("AWS", &["aws"]),
    ("React", &["react"]),
    ("JavaScript", &["javascript", "js"]),
    ("Machine Learning", &["machine learning", "ml"]),
    ("Terraform", &["terraform"]),
];

const ROUNDS: usize = 30;

fn canonical(word: &str) -> Option<String> {
    let w = word.to_lowercase();
    SKILLS
        .iter()
        .find(|(_, aliases)| aliases.contains(&w.as_str()))
        .map(|(c, _)| (*c).to_string())
}

/// Deterministic xorshift so every run indexes the same documents.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Résumé texts of the corpus: labelled `.txt` files plus `pdftotext` output
/// of the PDFs, cached so extraction happens once.
fn corpus_texts(corpus: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    if let Ok(entries) = std::fs::read_dir(corpus.join("labelled/updated_txt")) {
        for e in entries.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    let cache = std::env::temp_dir().join("shortlist-bench-corpus-v1");
    let _ = std::fs::create_dir_all(&cache);
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(corpus.join("pdfs"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    pdfs.sort();
    let mut warned = false;
    for pdf in pdfs {
        let Some(stem) = pdf.file_stem() else {
            continue;
        };
        let out = cache.join(stem).with_extension("txt");
        if !out.exists() {
            let ok = Command::new("pdftotext")
                .args(["-q", "-enc", "UTF-8"])
                .arg(&pdf)
                .arg(&out)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                if !warned {
                    eprintln!("note: pdftotext unavailable or failing; using the .txt corpus only");
                    warned = true;
                }
                continue;
            }
        }
        if let Ok(t) = std::fs::read_to_string(&out) {
            texts.push(t);
        }
    }
    texts.retain(|t| t.split_whitespace().count() > 30);
    texts
}

/// Builds synthetic candidate `n` by splicing line runs of three sources.
fn synth(n: usize, sources: &[Vec<&str>], rng: &mut Rng) -> CandidateDoc {
    let mut text = String::new();
    for _ in 0..3 {
        let lines = &sources[rng.below(sources.len())];
        let len = 15 + rng.below(40);
        let start = rng.below(lines.len().saturating_sub(len).max(1));
        for line in lines.iter().skip(start).take(len) {
            text.push_str(line);
            text.push('\n');
        }
    }
    let lower = text.to_lowercase();
    let skills = SKILLS
        .iter()
        .filter(|(_, aliases)| aliases.iter().any(|a| a.len() > 2 && lower.contains(a)))
        .map(|(c, _)| (*c).to_string())
        .collect();
    let years = rng.below(250) as f64 / 10.0;
    CandidateDoc {
        id: format!("{:016x}{:016x}{:032x}", rng.next(), rng.next(), n),
        file: format!("/pool/cv-{n:06}.pdf"),
        size: text.len() as u64,
        mtime: 1_700_000_000 + n as i64,
        name: format!("Candidate {n}"),
        email: format!("candidate{n}@example.com"),
        phone: String::new(),
        text,
        skills,
        years_experience: years,
        claimed_years: n.is_multiple_of(3).then_some(years + 1.0),
        score: rng.below(1000) as f64 / 10.0,
        role: "backend".into(),
        status: "ok".into(),
        reason: String::new(),
        indexed_at: 1_700_000_000,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs: usize = match std::env::var("SHORTLIST_BENCH_DOCS") {
        Ok(v) => v.trim().parse()?,
        Err(_) => 100_000,
    };
    if docs == 0 {
        println!("index bench: SHORTLIST_BENCH_DOCS=0, skipping");
        return Ok(());
    }
    let corpus = std::env::var_os("SHORTLIST_CORPUS")
        .map_or_else(|| PathBuf::from("/work/shared/corpus"), PathBuf::from);
    let texts = corpus_texts(&corpus);
    if texts.is_empty() {
        println!(
            "index bench: no corpus texts under {} (set SHORTLIST_CORPUS), skipping",
            corpus.display()
        );
        return Ok(());
    }
    let sources: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.lines().filter(|l| !l.trim().is_empty()).collect())
        .collect();
    println!(
        "index bench: {} source texts, {docs} synthetic candidates",
        sources.len()
    );

    let tmp = tempfile::tempdir()?;
    let index = TalentIndex::open_or_create(tmp.path().join("index"))?;

    // Generate up front so only indexing is timed (chunks bound memory).
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut writer = index.writer(256 * 1024 * 1024)?;
    let mut indexing = Duration::ZERO;
    let mut bytes = 0u64;
    const CHUNK: usize = 10_000;
    let mut n = 0;
    while n < docs {
        let batch: Vec<CandidateDoc> = (n..docs.min(n + CHUNK))
            .map(|i| synth(i, &sources, &mut rng))
            .collect();
        bytes += batch.iter().map(|d| d.text.len() as u64).sum::<u64>();
        let t = Instant::now();
        for d in &batch {
            writer.upsert(d)?;
        }
        indexing += t.elapsed();
        n += batch.len();
    }
    let t = Instant::now();
    writer.commit()?;
    let commit = t.elapsed();
    indexing += commit;
    let t = Instant::now();
    writer.finish()?;
    let merge = t.elapsed();
    let index = TalentIndex::open(tmp.path().join("index"))?;
    let dps = docs as f64 / indexing.as_secs_f64();
    println!(
        "indexing: {docs} docs ({:.0} MB text) in {:.2}s (commit {:.2}s) = {dps:.0} docs/s [target >= 2000]; \
         background merges after commit {:.2}s",
        bytes as f64 / 1e6,
        indexing.as_secs_f64(),
        commit.as_secs_f64(),
        merge.as_secs_f64()
    );

    let t = Instant::now();
    let manifest = index.manifest()?;
    println!(
        "manifest: {} entries in {:.1} ms",
        manifest.len(),
        ms(t.elapsed())
    );

    let opts = SearchOptions::default();
    let mut all = Vec::new();
    println!(
        "{:<44} {:>6} {:>9} {:>9}",
        "query (limit 20, with snippets)", "hits", "p50 ms", "p99 ms"
    );
    for q in QUERIES {
        let hits = index.search_str(q, &canonical, &opts)?.len(); // warm-up
        let mut times = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let r = index.search_str(q, &canonical, &opts)?;
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        times.sort();
        println!(
            "{:<44} {:>6} {:>9.2} {:>9.2}",
            q,
            hits,
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "search latency over {} runs: p50 {:.2} ms, p99 {:.2} ms [target p99 <= 20 ms]",
        all.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );

    let t = Instant::now();
    let mut sink = std::io::sink();
    let exported = index.export_es_bulk(&mut sink)?;
    println!(
        "es-bulk export: {exported} docs in {:.2}s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
