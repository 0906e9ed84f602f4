//! The fixtures' `expected.toml` facts against what the real binary extracts and ranks.

use crate::util::{jsonl, repo, shortlist};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Each fixture folder with its parsed `expected.toml`.
fn fixtures() -> Vec<(PathBuf, toml::Table)> {
    let mut out = Vec::new();
    let dir = repo().join("fixtures");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let expected = path.join("expected.toml");
        if expected.is_file() {
            let text = std::fs::read_to_string(&expected).expect("read expected.toml");
            let table: toml::Table = text.parse().expect("expected.toml parses");
            out.push((path, table));
        }
    }
    assert!(out.len() >= 6, "fixtures are missing");
    out
}

/// Expected strings go through the same clean-up as extracted text (dashes, NFKC).
fn normalised(s: &str) -> String {
    s.nfkc()
        .map(|c| {
            if matches!(c, '\u{2010}'..='\u{2015}') {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn extraction_matches_expected_facts() {
    for (dir, facts) in fixtures() {
        let file = dir.join(facts["file"].as_str().expect("file"));
        let out = shortlist()
            .args(["extract", "--format", "jsonl"])
            .arg(&file)
            .output()
            .expect("run");
        let row = &jsonl(&out.stdout)[0];
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(
            row["status"],
            facts["status"].as_str().expect("status"),
            "{slug}: {}",
            row["reason"]
        );
        let is_pdf = file.extension().is_some_and(|e| e == "pdf");
        let has_pages = row["status"] == "ok" || row["status"] == "no_text";
        if let Some(pages) = facts.get("pages").and_then(|p| p.as_integer())
            && is_pdf
            && has_pages
        {
            assert_eq!(row["pages"], pages, "{slug}: pages");
        }
        let text = row["text"].as_str().unwrap_or_default();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in facts
            .get("must_contain")
            .and_then(|m| m.as_array())
            .into_iter()
            .flatten()
        {
            let needle = normalised(needle.as_str().expect("string"));
            assert!(
                flat.contains(&needle),
                "{slug}: extracted text lacks {needle:?}"
            );
        }
    }
}

#[test]
fn ranking_reports_expected_contacts_and_years() {
    let out = shortlist()
        .args(["rank", "--format", "jsonl", "--as-of", "2026-11-23"])
        .arg(repo().join("fixtures"))
        .output()
        .expect("run");
    let rows = jsonl(&out.stdout);
    for (dir, facts) in fixtures() {
        let file = dir.join(facts["file"].as_str().expect("file"));
        let slug = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let row = rows
            .iter()
            .find(|r| r["file"].as_str().is_some_and(|f| file == Path::new(f)))
            .unwrap_or_else(|| panic!("{slug}: not in the ranking"));
        if facts["status"].as_str() != Some("ok") {
            assert_eq!(
                row["status"],
                facts["status"].as_str().expect("status"),
                "{slug}"
            );
            assert!(row["rank"].is_null(), "{slug}: unranked files have no rank");
            continue;
        }
        assert_eq!(row["status"], "ok", "{slug}: {}", row["reason"]);
        for key in ["name", "email"] {
            assert_eq!(row[key].as_str(), facts[key].as_str(), "{slug}: {key}");
        }
        let years = facts["years_experience"]
            .as_float()
            .expect("years_experience");
        assert_eq!(
            row["years_experience"].as_f64(),
            Some(years),
            "{slug}: years to the month"
        );
    }
}
