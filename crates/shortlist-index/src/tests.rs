//! Behaviour tests of the index: upserts, removal, queries (aliases,
//! phrases, negation, ranges, fields), manifest, errors and crash safety.

use std::collections::HashMap;

use crate::*;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

const BUDGET: usize = 20_000_000;

fn alias(word: &str) -> Option<String> {
    match word.to_lowercase().as_str() {
        "k8s" | "kubernetes" => Some("Kubernetes".into()),
        "postgres" | "postgresql" => Some("PostgreSQL".into()),
        "kafka" => Some("Kafka".into()),
        "php" => Some("PHP".into()),
        "rust" => Some("Rust".into()),
        _ => None,
    }
}

fn cand(file: &str, name: &str, text: &str, skills: &[&str], years: f64) -> CandidateDoc {
    CandidateDoc {
        id: format!("sha-{file}"),
        file: file.into(),
        size: text.len() as u64,
        mtime: 1_700_000_000,
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        phone: "+1 555 0100".into(),
        text: text.into(),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        years_experience: years,
        claimed_years: None,
        score: years * 10.0,
        role: "backend".into(),
        status: STATUS_OK.into(),
        reason: String::new(),
        indexed_at: 1_700_000_100,
    }
}

fn sample() -> Vec<CandidateDoc> {
    vec![
        cand(
            "cv/alvarez.pdf",
            "Maria Alvarez",
            "Maria Alvarez. Senior engineer and team lead. Ran Kubernetes clusters \
             and Kafka pipelines for seven years.",
            &["Kubernetes", "Kafka"],
            7.0,
        ),
        cand(
            "cv/brown.pdf",
            "Tom Brown",
            "Tom Brown. Backend developer: PHP, PostgreSQL, some Kafka. Led a team, \
             not a team lead.",
            &["PHP", "PostgreSQL", "Kafka"],
            3.0,
        ),
        cand(
            "cv/chen.pdf",
            "Li Chen",
            "Li Chen. Rust and PostgreSQL engineer. Deployed on k8s. José helped.",
            &["Rust", "PostgreSQL", "Kubernetes"],
            5.0,
        ),
        {
            let mut failed = cand("cv/broken.pdf", "", "", &[], 0.0);
            failed.status = "encrypted".into();
            failed.reason = "password protected".into();
            failed
        },
    ]
}

fn build(dir: &std::path::Path) -> std::result::Result<TalentIndex, Box<dyn std::error::Error>> {
    let index = TalentIndex::open_or_create(dir)?;
    let mut w = index.writer(BUDGET)?;
    for d in sample() {
        w.upsert(&d)?;
    }
    w.commit()?;
    Ok(index)
}

fn files(
    index: &TalentIndex,
    q: &str,
) -> std::result::Result<Vec<String>, Box<dyn std::error::Error>> {
    files_opts(index, q, &SearchOptions::default())
}

fn files_opts(
    index: &TalentIndex,
    q: &str,
    opts: &SearchOptions,
) -> std::result::Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut hits: Vec<String> = index
        .search_str(q, &alias, opts)?
        .into_iter()
        .map(|h| {
            h.file
                .trim_start_matches("cv/")
                .trim_end_matches(".pdf")
                .to_string()
        })
        .collect();
    hits.sort();
    Ok(hits)
}

#[test]
fn words_default_to_and() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    assert_eq!(files(&index, "kafka")?, ["alvarez", "brown"]);
    assert_eq!(files(&index, "kafka pipelines")?, ["alvarez"]);
    assert_eq!(
        files(&index, "kafka OR rust")?,
        ["alvarez", "brown", "chen"]
    );
    assert_eq!(
        files(&index, "(kafka OR rust) AND postgresql")?,
        ["brown", "chen"]
    );
    Ok(())
}

#[test]
fn aliases_match_canonical_skill_or_word() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    // Alvarez never writes "k8s" but has the Kubernetes skill; Chen writes "k8s".
    assert_eq!(files(&index, "k8s")?, ["alvarez", "chen"]);
    assert_eq!(files(&index, "postgres")?, ["brown", "chen"]);
    assert_eq!(files(&index, "skill:postgres")?, ["brown", "chen"]);
    assert_eq!(files(&index, "skill:KUBERNETES")?, ["alvarez", "chen"]);
    Ok(())
}

#[test]
fn phrases_and_negation() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    assert_eq!(files(&index, "\"team lead\"")?, ["alvarez", "brown"]);
    assert_eq!(files(&index, "\"lead team\"")?, Vec::<String>::new());
    assert_eq!(files(&index, "kafka -php")?, ["alvarez"]);
    assert_eq!(files(&index, "kafka NOT php")?, ["alvarez"]);
    assert_eq!(files(&index, "-php")?, ["alvarez", "chen"]);
    assert_eq!(files(&index, "skill:postgresql -php")?, ["chen"]);
    assert_eq!(files(&index, "rust OR -kafka")?, ["chen"]);
    // Accents fold: "jose" finds "José".
    assert_eq!(files(&index, "jose")?, ["chen"]);
    Ok(())
}

#[test]
fn year_and_score_ranges() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    assert_eq!(files(&index, "years:>=5")?, ["alvarez", "chen"]);
    assert_eq!(files(&index, "years:>5")?, ["alvarez"]);
    assert_eq!(files(&index, "years:<=3")?, ["brown"]);
    assert_eq!(files(&index, "years:3..5")?, ["brown", "chen"]);
    assert_eq!(files(&index, "score:>=60")?, ["alvarez"]);
    assert_eq!(files(&index, "\"team lead\" years:>=5")?, ["alvarez"]);
    let opts = SearchOptions {
        min_years: Some(4.0),
        skills: vec!["PostgreSQL".into()],
        ..SearchOptions::default()
    };
    assert_eq!(files_opts(&index, "", &opts)?, ["chen"]);
    Ok(())
}

#[test]
fn field_queries() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    assert_eq!(files(&index, "name:alvarez")?, ["alvarez"]);
    assert_eq!(files(&index, "name:\"tom brown\"")?, ["brown"]);
    assert_eq!(files(&index, "email:li.chen@example.com")?, ["chen"]);
    assert_eq!(files(&index, "file:brown.pdf")?, ["brown"]);
    assert_eq!(files(&index, "text:k8s")?, ["chen"]);
    Ok(())
}

#[test]
fn failed_files_are_not_searchable_but_are_in_manifest() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    assert_eq!(files(&index, "")?, ["alvarez", "brown", "chen"]);
    assert_eq!(files(&index, "file:broken")?, Vec::<String>::new());
    let manifest = index.manifest()?;
    assert_eq!(manifest.len(), 4);
    assert!(manifest.contains_key("cv/broken.pdf"));
    Ok(())
}

#[test]
fn hits_have_snippets_relevance_order_and_file_tiebreak() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    let hits = index.search_str("kafka", &alias, &SearchOptions::default())?;
    assert_eq!(hits.len(), 2);
    assert!(hits[0].relevance >= hits[1].relevance);
    let rendered = hits[0].snippet.render("[", "]");
    assert!(rendered.contains("[Kafka]"), "{rendered}");
    assert_eq!(hits[0].status, STATUS_OK);

    // Alias hit highlights the canonical word too.
    let hits = index.search_str("k8s", &alias, &SearchOptions::default())?;
    let all: String = hits.iter().map(|h| h.snippet.render("[", "]")).collect();
    assert!(
        all.contains("[Kubernetes]") && all.contains("[k8s]"),
        "{all}"
    );

    // A pure filter gives equal relevance: ordered by file.
    let hits = index.search_str("years:>=0", &alias, &SearchOptions::default())?;
    let order: Vec<&str> = hits.iter().map(|h| h.file.as_str()).collect();
    assert_eq!(order, ["cv/alvarez.pdf", "cv/brown.pdf", "cv/chen.pdf"]);
    assert!(!hits[0].snippet.is_empty());

    let limited = index.search_str(
        "years:>=0",
        &alias,
        &SearchOptions {
            limit: 2,
            ..SearchOptions::default()
        },
    )?;
    assert_eq!(limited.len(), 2);
    assert_eq!(limited[1].file, "cv/brown.pdf");
    Ok(())
}

#[test]
fn upsert_replaces_and_remove_deletes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    let mut w = index.writer(BUDGET)?;
    let mut changed = cand(
        "cv/brown.pdf",
        "Tom Brown",
        "Now a Rust engineer.",
        &["Rust"],
        4.0,
    );
    changed.id = "sha-new".into();
    changed.size = 99;
    w.upsert(&changed)?;
    // Upserting twice in one commit still leaves one document.
    w.upsert(&changed)?;
    w.remove_file("cv/alvarez.pdf")?;
    w.remove_file("cv/never-indexed.pdf")?;
    w.commit()?;

    assert_eq!(index.num_docs(), 3);
    assert_eq!(files(&index, "php")?, Vec::<String>::new());
    assert_eq!(files(&index, "rust")?, ["brown", "chen"]);
    let manifest = index.manifest()?;
    assert!(!manifest.contains_key("cv/alvarez.pdf"));
    assert_eq!(
        manifest.get("cv/brown.pdf"),
        Some(&ManifestEntry {
            id: "sha-new".into(),
            size: 99,
            mtime: 1_700_000_000
        })
    );
    assert_eq!(index.get("cv/brown.pdf")?, Some(changed));
    Ok(())
}

#[test]
fn manifest_round_trips_across_reopen() -> TestResult {
    let dir = tempfile::tempdir()?;
    let expected: HashMap<String, ManifestEntry> = sample()
        .into_iter()
        .map(|d| {
            (
                d.file.clone(),
                ManifestEntry {
                    id: d.id,
                    size: d.size,
                    mtime: d.mtime,
                },
            )
        })
        .collect();
    {
        let index = build(dir.path())?;
        assert_eq!(index.manifest()?, expected);
    }
    let reopened = TalentIndex::open(dir.path())?;
    assert_eq!(reopened.manifest()?, expected);
    let again = TalentIndex::open_or_create(dir.path())?;
    assert_eq!(again.manifest()?, expected);
    // Stored documents round-trip too.
    for d in sample() {
        assert_eq!(reopened.get(&d.file)?, Some(d));
    }
    Ok(())
}

#[test]
fn crash_before_commit_keeps_previous_commit() -> TestResult {
    let dir = tempfile::tempdir()?;
    build(dir.path())?;
    {
        let index = TalentIndex::open(dir.path())?;
        let mut w = index.writer(BUDGET)?;
        w.upsert(&cand("cv/zed.pdf", "Zed", "Kafka wizard", &["Kafka"], 9.0))?;
        w.remove_file("cv/alvarez.pdf")?;
        // Dropped without commit: as if the process died here.
        drop(w);
    }
    let index = TalentIndex::open(dir.path())?;
    assert_eq!(files(&index, "kafka")?, ["alvarez", "brown"]);
    assert_eq!(index.manifest()?.len(), 4);
    // And the next writer can take over and finish the job.
    let mut w = index.writer(BUDGET)?;
    w.upsert(&cand("cv/zed.pdf", "Zed", "Kafka wizard", &["Kafka"], 9.0))?;
    w.commit()?;
    assert_eq!(files(&index, "kafka")?, ["alvarez", "brown", "zed"]);
    Ok(())
}

#[test]
fn second_writer_is_locked_out_while_first_lives() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    let w = index.writer(BUDGET)?;
    let other = TalentIndex::open(dir.path())?;
    match other.writer(BUDGET) {
        Err(Error::Locked { dir: d }) => assert_eq!(d, dir.path()),
        other => panic!("expected Locked, got {other:?}"),
    }
    // Readers still work while the writer is open.
    assert_eq!(files(&other, "kafka")?, ["alvarez", "brown"]);
    drop(w);
    assert!(other.writer(BUDGET).is_ok());
    Ok(())
}

#[test]
fn missing_index_error_says_how_to_create_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("nope");
    match TalentIndex::open(&path) {
        Err(e @ Error::Missing { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("shortlist index"), "{msg}");
        }
        other => panic!("expected Missing, got {other:?}"),
    }
    // An empty directory is not an index either.
    assert!(matches!(
        TalentIndex::open(dir.path()),
        Err(Error::Missing { .. })
    ));
    Ok(())
}

#[test]
fn incompatible_index_is_rejected() -> TestResult {
    // An index with a foreign schema.
    let dir = tempfile::tempdir()?;
    {
        let mut b = tantivy::schema::Schema::builder();
        b.add_text_field("title", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(dir.path(), b.build())?;
        let mut w: tantivy::IndexWriter = index.writer(15_000_000)?;
        w.commit()?;
    }
    match TalentIndex::open(dir.path()) {
        Err(e @ Error::Incompatible { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("recreate"), "{msg}");
        }
        other => panic!("expected Incompatible, got {other:?}"),
    }
    assert!(matches!(
        TalentIndex::open_or_create(dir.path()),
        Err(Error::Incompatible { .. })
    ));

    // Our schema but a different recorded version.
    let dir = tempfile::tempdir()?;
    {
        let (schema, _) = crate::schema::build();
        let index = tantivy::Index::create_in_dir(dir.path(), schema)?;
        let mut w: tantivy::IndexWriter = index.writer(15_000_000)?;
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload("{\"shortlist_schema_version\":999}");
        prepared.commit()?;
    }
    match TalentIndex::open(dir.path()) {
        Err(Error::Incompatible { detail, .. }) => assert!(detail.contains("999"), "{detail}"),
        other => panic!("expected Incompatible, got {other:?}"),
    }

    // Garbage meta.json.
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("meta.json"), "not json")?;
    assert!(matches!(
        TalentIndex::open(dir.path()),
        Err(Error::Incompatible { .. })
    ));
    Ok(())
}

#[test]
fn query_errors_surface_as_typed_errors() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    match index.search_str("kafka AND", &alias, &SearchOptions::default()) {
        Err(Error::Query(e)) => assert_eq!(
            e.to_string(),
            "at column 10: expected a search term after AND"
        ),
        other => panic!("expected a query error, got {other:?}"),
    }
    Ok(())
}

#[test]
fn es_bulk_export_is_ordered_ndjson() -> TestResult {
    let dir = tempfile::tempdir()?;
    let index = build(dir.path())?;
    let mut out = Vec::new();
    let n = index.export_es_bulk(&mut out)?;
    assert_eq!(n, 4);
    let text = String::from_utf8(out)?;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8);
    let action: serde_json::Value = serde_json::from_str(lines[0])?;
    assert_eq!(action["index"]["_index"], "shortlist-candidates");
    assert_eq!(action["index"]["_id"], "sha-cv/alvarez.pdf");
    let doc: CandidateDoc = serde_json::from_str(lines[1])?;
    assert_eq!(
        Some(&doc),
        sample().iter().find(|d| d.file == "cv/alvarez.pdf")
    );
    let order: Vec<String> = lines
        .iter()
        .skip(1)
        .step_by(2)
        .map(|l| serde_json::from_str::<CandidateDoc>(l).map(|d| d.file))
        .collect::<std::result::Result<_, _>>()?;
    assert_eq!(
        order,
        [
            "cv/alvarez.pdf",
            "cv/broken.pdf",
            "cv/brown.pdf",
            "cv/chen.pdf"
        ]
    );
    let mapping: serde_json::Value = serde_json::from_str(&es_mapping_json())?;
    assert_eq!(
        mapping["mappings"]["properties"]["skills"]["type"],
        "keyword"
    );
    Ok(())
}
