//! `shortlist search`: query the talent-pool index; table, CSV or JSONL out.

use crate::cli::{SearchArgs, SearchFormat};
use crate::exit;
use shortlist_index::{Error as IndexError, SearchHit, SearchOptions, TalentIndex};
use shortlist_matcher::Matcher;
use shortlist_report::spreadsheet_safe;
use std::io::{IsTerminal, Write};

/// Runs the query and prints the hits.
pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    let role = super::pipeline::load_role(&args.role)?;
    let matcher = Matcher::new(role)?;
    let alias = |word: &str| matcher.canonical_skill(word).map(str::to_string);
    let mut skills = Vec::new();
    for s in &args.skills {
        match matcher.canonical_skill(s) {
            Some(c) => skills.push(c.to_string()),
            None => anyhow::bail!(
                "--skill {s:?} is not a known skill or alias of role {}",
                matcher.role().name
            ),
        }
    }
    let index = TalentIndex::open(&args.index)?;
    let options = SearchOptions {
        limit: args.limit,
        min_years: args.min_years,
        skills,
    };
    let hits = match index.search_str(&args.query, &alias, &options) {
        Ok(hits) => hits,
        Err(IndexError::Query(e)) => {
            note!(
                "shortlist: bad query:\n  {}\n  {}^\n{e}",
                args.query,
                " ".repeat(e.column().saturating_sub(1))
            );
            return Ok(exit::USAGE);
        }
        Err(e) => return Err(e.into()),
    };
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        SearchFormat::Table => table(&mut out, &hits, tty)?,
        SearchFormat::Jsonl => {
            for hit in &hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        SearchFormat::Csv => csv_out(&mut out, &hits)?,
    }
    out.flush()?;
    if hits.is_empty() {
        note!("no candidates match");
    }
    Ok(exit::OK)
}

fn table(out: &mut dyn Write, hits: &[SearchHit], tty: bool) -> std::io::Result<()> {
    let (open, close) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    for (i, hit) in hits.iter().enumerate() {
        let name = if hit.name.is_empty() {
            "(no name)"
        } else {
            &hit.name
        };
        writeln!(
            out,
            "{:>3}. {:6.2}  {}  {:.1} y  {}",
            i + 1,
            hit.relevance,
            name,
            hit.years_experience,
            hit.file
        )?;
        if !hit.skills.is_empty() {
            writeln!(out, "     skills: {}", hit.skills.join(", "))?;
        }
        if !hit.snippet.is_empty() {
            writeln!(
                out,
                "     … {} …",
                hit.snippet.render(open, close).replace('\n', " ")
            )?;
        }
    }
    Ok(())
}

fn csv_out(out: &mut dyn Write, hits: &[SearchHit]) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record([
        "rank",
        "relevance",
        "name",
        "email",
        "phone",
        "years_experience",
        "claimed_years",
        "score",
        "skills",
        "file",
        "sha256",
        "snippet",
    ])?;
    for (i, h) in hits.iter().enumerate() {
        let safe = |s: &str| spreadsheet_safe(s).into_owned();
        w.write_record([
            (i + 1).to_string(),
            format!("{:.3}", h.relevance),
            safe(&h.name),
            safe(&h.email),
            safe(&h.phone),
            format!("{:.1}", h.years_experience),
            h.claimed_years
                .map(|y| format!("{y:.1}"))
                .unwrap_or_default(),
            format!("{:.1}", h.score),
            safe(&h.skills.join("; ")),
            safe(&h.file),
            h.id.clone(),
            safe(&h.snippet.render("", "").replace('\n', " ")),
        ])?;
    }
    w.flush()
}
