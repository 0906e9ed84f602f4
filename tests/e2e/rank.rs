//! `shortlist rank`: completeness, determinism, spreadsheet safety, exit codes.

use crate::util::{jsonl, repo, shared_corpus, shortlist};

fn rank_csv(args: &[&str]) -> (Vec<u8>, Option<i32>) {
    let out = shortlist()
        .arg("rank")
        .args(["--as-of", "2026-11-23"])
        .args(args)
        .arg(repo().join("fixtures"))
        .output()
        .expect("run");
    (out.stdout, out.status.code())
}

#[test]
fn output_is_byte_identical_whatever_the_job_count() {
    let (one, code) = rank_csv(&["--jobs", "1"]);
    let (two, _) = rank_csv(&["--jobs", "2"]);
    let (four, _) = rank_csv(&["--jobs", "4"]);
    assert_eq!(
        code,
        Some(1),
        "the encrypted and scanned fixtures are not ranked"
    );
    assert!(one == two && two == four, "CSV differs between job counts");
}

#[test]
fn csv_has_bom_header_and_neutralised_formulas() {
    let (csv, _) = rank_csv(&[]);
    assert!(csv.starts_with("\u{feff}rank,score,name,email,phone,years_experience,claimed_years,backend_coverage,leadership_coverage,matched_backend,matched_leadership,missing_required,status,reason,file,sha256".as_bytes()));
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let mut seen = 0;
    for record in reader.records() {
        let record = record.expect("row");
        seen += 1;
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
        if record[col("file")].contains("csv-injection") {
            assert_eq!(
                &record[col("name")],
                "'=HYPERLINK(\"http://evil.example\",\"click\")"
            );
        }
        let score = &record[col("score")];
        if !score.is_empty() {
            let v: f64 = score.parse().expect("score is a plain number");
            assert!((0.0..=100.0).contains(&v));
            assert!(record[col("rank")].parse::<usize>().is_ok());
        }
    }
    assert_eq!(seen, 10, "every fixture résumé exactly once");
    let (no_bom, _) = rank_csv(&["--no-bom"]);
    assert!(no_bom.starts_with(b"rank,"));
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ranking.csv");
    let (stdout, code) = rank_csv(&["-o", path.to_str().expect("utf-8 temp path")]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    let written = std::fs::read(&path).expect("output written");
    assert_eq!(written, rank_csv(&[]).0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(leftovers.len(), 1, "no temp files left behind");
}

#[test]
fn bad_role_and_date_are_usage_errors() {
    shortlist()
        .args(["rank", "--role", "astronaut"])
        .arg(repo().join("fixtures"))
        .assert()
        .code(2);
    shortlist()
        .args(["rank", "--as-of", "yesterday"])
        .arg(repo().join("fixtures"))
        .assert()
        .code(2);
}

#[test]
fn bad_role_file_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let role = dir.path().join("mine.toml");
    std::fs::write(
        &role,
        "name = \"mine\"\nsummary = \"x\"\nyears_target = \"seven\"\n",
    )
    .expect("write");
    let out = shortlist()
        .args(["rank", "--role"])
        .arg(&role)
        .arg(repo().join("fixtures"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.toml") && err.contains(":3"), "{err}");
}

#[test]
fn hostile_folder_lists_every_file_once() {
    let Some(corpus) = shared_corpus() else {
        eprintln!("skipped: ../shared/corpus is not beside the repository");
        return;
    };
    let hostile = corpus.join("hostile");
    let out = shortlist()
        .args(["rank", "--format", "jsonl"])
        .arg(&hostile)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out.stdout);
    let mut files: Vec<&str> = rows
        .iter()
        .map(|r| r["file"].as_str().expect("file"))
        .collect();
    let total = files.len();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), total, "a file appears twice");
    // 35 résumé-like files in the manifest (MANIFEST.csv and README.md are not résumés).
    assert_eq!(total, 35, "{files:?}");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("not ranked:"), "{summary}");
}

/// The whole fixture ranking, cell by cell. Paths are relative (the binary runs in the
/// repository root), so the snapshot holds on any machine. Update deliberately with
/// `INSTA_UPDATE=always cargo test --test e2e` and review the diff.
#[test]
fn fixture_ranking_snapshot() {
    let out = shortlist()
        .current_dir(repo())
        .args(["rank", "fixtures", "--as-of", "2026-11-23", "--no-bom"])
        .output()
        .expect("run");
    let csv = String::from_utf8(out.stdout).expect("CSV is UTF-8");
    insta::assert_snapshot!("fixture_ranking_csv", csv);
}
