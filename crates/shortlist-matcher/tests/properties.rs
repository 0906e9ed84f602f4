//! Property tests of the matcher's public contract, on generated input.
//!
//! * `analyze` never panics on any UTF-8 text and keeps its outputs in range.
//! * Experience years are the union of the date ranges: checked against an independent month
//!   bitmap model, never negative, never longer than the as-of window, and independent of the
//!   order the jobs are listed in.
//! * Every alias of a skill scores exactly like its canonical name.
//!
//! Failing cases are shrunk and printed by proptest; add them as unit tests where they live.

use proptest::prelude::*;
use shortlist_matcher::{KeywordKind, Matcher, Role};
use std::sync::LazyLock;

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new(Role::builtin(shortlist_matcher::DEFAULT_ROLE).expect("built-in role"))
        .expect("matcher")
});

const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 11, 23);
/// `AS_OF` as a month index (`year * 12 + month - 1`).
const NOW: i32 = 2026 * 12 + 10;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Text made of the pieces résumés are made of, so that generated input reaches the date,
/// contact and keyword code paths rather than only the "nothing here" fast path.
fn resume_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("\n".to_string()),
        Just(" - ".to_string()),
        Just("present".to_string()),
        Just("Experience\n".to_string()),
        Just("Education\n".to_string()),
        Just("@".to_string()),
        Just("+1 (555) 010-0199".to_string()),
        Just("years of experience".to_string()),
        Just("Kubernetes, k8s, PostgreSQL, Go, C#, C++, .NET".to_string()),
        Just("led a team of 12".to_string()),
        Just("https://www.linkedin.com/in/x".to_string()),
        (1900u32..2100).prop_map(|y| y.to_string()),
        (0usize..12).prop_map(|m| MONTHS[m].to_string()),
        "[0-9./-]{1,12}",
        "[\\p{L}\\p{N}\\p{P}\\p{Z}]{0,40}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analyze_never_panics_and_stays_in_range(text in resume_like()) {
        let a = MATCHER.analyze(&text, AS_OF);
        prop_assert!((0.0..=100.0).contains(&a.score), "score {}", a.score);
        prop_assert!((0.0..=1.0).contains(&a.backend_coverage));
        prop_assert!((0.0..=1.0).contains(&a.leadership_coverage));
        prop_assert!(a.years_experience >= 0.0 && a.years_experience <= 50.0);
        prop_assert!(a.claimed_years.is_none_or(|y| y >= 0.0));
    }

    #[test]
    fn analyze_never_panics_on_arbitrary_strings(text in any::<String>()) {
        let a = MATCHER.analyze(&text, AS_OF);
        prop_assert!((0.0..=100.0).contains(&a.score));
    }
}

/// One job: a start month index and an inclusive length in months, or open-ended.
#[derive(Debug, Clone)]
struct Job {
    start: i32,
    months: Option<i32>,
}

impl Job {
    fn line(&self, n: usize) -> String {
        let fmt = |m: i32| format!("{} {}", MONTHS[m.rem_euclid(12) as usize], m.div_euclid(12));
        let end = match self.months {
            Some(len) => fmt(self.start + len - 1),
            None => "present".to_string(),
        };
        format!(
            "Backend Engineer, Company{n} GmbH, {} - {end}",
            fmt(self.start)
        )
    }

    /// The months this job counts for under the documented conventions (ends clamped to
    /// `as_of`; nothing after `as_of`, nothing longer than 50 years or starting more than 50
    /// years before it), or `None` when it is not counted at all.
    fn counted(&self) -> Option<(i32, i32)> {
        let end = self.months.map_or(NOW, |len| self.start + len - 1).min(NOW);
        (self.start <= NOW && end >= self.start && end - self.start < 600 && NOW - self.start < 600)
            .then_some((self.start, end))
    }
}

/// Jobs the way people list them: starts from 1975 to the as-of month, lengths up to 40
/// years, some open ("present"), some ending after `as_of` (clamped).
fn jobs() -> impl Strategy<Value = Vec<Job>> {
    let job = (1975 * 12..=NOW, prop::option::weighted(0.8, 1i32..480))
        .prop_map(|(start, months)| Job { start, months });
    prop::collection::vec(job, 1..8)
}

/// The same, but also starting in the future, ending before they start or lasting a century.
fn wild_jobs() -> impl Strategy<Value = Vec<Job>> {
    // Years are read as 19xx and 20xx only, so the generated ends stay before 2100.
    let job = (
        1900 * 12..2100 * 12,
        prop::option::weighted(0.8, -24i32..1300),
    )
        .prop_map(|(start, months)| Job {
            start,
            months: months.map(|m| m.min(2100 * 12 - start)),
        });
    prop::collection::vec(job, 1..8)
}

fn resume(jobs: &[Job], order: &[usize]) -> String {
    let mut text = String::from("Jane Doe\njane@example.com\nExperience\n");
    for &i in order {
        text.push_str(&jobs[i].line(i));
        text.push_str("\nBuilt Java services on PostgreSQL and Kafka.\n");
    }
    text
}

/// Months covered by the union of the counted jobs, by marking each month.
fn model_union(jobs: &[Job]) -> i32 {
    let mut covered = std::collections::BTreeSet::new();
    for (s, e) in jobs.iter().filter_map(Job::counted) {
        covered.extend(s..=e);
    }
    covered.len() as i32
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn years_are_the_union_of_the_ranges(jobs in jobs(), seed in any::<u64>()) {
        let order: Vec<usize> = (0..jobs.len()).collect();
        let a = MATCHER.analyze(&resume(&jobs, &order), AS_OF);
        let counted = jobs.iter().filter(|j| j.counted().is_some()).count();
        prop_assert_eq!(a.explanation.ranges.len(), counted, "{:#?}", a.explanation.excluded_ranges);
        prop_assert_eq!(a.years_experience, round1(f64::from(model_union(&jobs)) / 12.0));

        // The order the jobs are listed in changes nothing.
        let mut shuffled = order.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let b = MATCHER.analyze(&resume(&jobs, &shuffled), AS_OF);
        prop_assert_eq!(a.years_experience, b.years_experience);
    }

    #[test]
    fn years_stay_inside_the_as_of_window(jobs in wild_jobs()) {
        let order: Vec<usize> = (0..jobs.len()).collect();
        let a = MATCHER.analyze(&resume(&jobs, &order), AS_OF);
        prop_assert!(a.years_experience >= 0.0);
        // Never more than the time from the earliest counted start to `as_of`, and never more
        // than the longest range allowed.
        let earliest = a
            .explanation
            .ranges
            .iter()
            .map(|r| r.start.clone())
            .min();
        match earliest {
            None => prop_assert_eq!(a.years_experience, 0.0),
            Some(start) => {
                let (y, m) = start.split_once('-').expect("YYYY-MM");
                let start: i32 = y.parse::<i32>().expect("year") * 12 + m.parse::<i32>().expect("month") - 1;
                let window = f64::from(NOW - start + 1) / 12.0;
                prop_assert!(a.years_experience <= round1(window), "{} > {}", a.years_experience, window);
                prop_assert!(a.years_experience <= 50.0);
            }
        }
        for r in &a.explanation.ranges {
            prop_assert!(r.end.as_str() <= "2026-11", "{} ends after as_of", r.end);
            prop_assert!(r.months >= 1);
        }
        prop_assert_eq!(a.years_experience, round1(f64::from(model_union(&jobs)) / 12.0));
    }

    #[test]
    fn aliases_score_like_their_canonical_name(pick in any::<prop::sample::Index>(), alias in any::<prop::sample::Index>()) {
        let pairs = alias_pairs();
        let (name, spelling) = pairs[pick.index(pairs.len())].clone();
        let spelling = &spelling[alias.index(spelling.len())];
        let text = |skill: &str| {
            format!(
                "Jane Doe\nBackend Engineer\njane@example.com\nExperience\n\
                 Acme GmbH, Jan 2018 - present\n\
                 Together with a team of eight engineers I designed, built and operated the \
                 payment services with {skill} and shipped them to production every week.\n"
            )
        };
        let canonical = MATCHER.analyze(&text(&name), AS_OF);
        let aliased = MATCHER.analyze(&text(spelling), AS_OF);
        prop_assert!(canonical.matched_backend.iter().any(|s| **s == *name), "{name} not found by its name");
        prop_assert_eq!(strength(&canonical, &name), strength(&aliased, &name), "{} vs {}", name, spelling);
        // A spelling may contain another keyword ("Event-driven architecture" also says
        // "architecture"); then both findings are right and the scores may differ. Otherwise
        // the two texts must be indistinguishable to the score.
        if others(&canonical, &name) == others(&aliased, &name) {
            prop_assert_eq!(&canonical.matched_backend, &aliased.matched_backend, "{} vs {}", name, spelling);
            prop_assert_eq!(canonical.score, aliased.score, "{} vs {}", name, spelling);
        }
    }
}

/// The strongest evidence weight of `keyword` in an analysis.
fn strength(a: &shortlist_matcher::Analysis, keyword: &str) -> Option<f64> {
    a.explanation
        .keywords
        .iter()
        .filter(|h| h.keyword == keyword)
        .map(|h| h.weight)
        .reduce(f64::max)
}

/// The other keywords found, and the titles, which also feed the score.
fn others(a: &shortlist_matcher::Analysis, keyword: &str) -> Vec<String> {
    let mut v: Vec<String> = a
        .explanation
        .keywords
        .iter()
        .filter(|h| h.keyword != keyword)
        .map(|h| format!("{} {}", h.keyword, h.weight))
        .chain(a.explanation.backend_titles.iter().map(|t| t.to_string()))
        .chain(a.explanation.other_titles.iter().map(|t| t.to_string()))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Skills whose canonical name is itself a spelling, with their other case-insensitive
/// aliases. Job titles (category `roles`) are left out: "big data engineer" is both an alias of
/// "Data engineer" and a "Language developer" title, two keywords by design, not one
/// keyword spelled two ways.
fn alias_pairs() -> Vec<(String, Vec<String>)> {
    MATCHER
        .role()
        .keywords
        .iter()
        .filter(|k| k.kind == KeywordKind::Skill && k.category != "roles")
        .filter(|k| k.aliases.iter().any(|a| a.eq_ignore_ascii_case(&k.name)))
        .filter_map(|k| {
            let others: Vec<String> = k
                .aliases
                .iter()
                .filter(|a| !a.eq_ignore_ascii_case(&k.name))
                .cloned()
                .collect();
            (!others.is_empty()).then(|| (k.name.clone(), others))
        })
        .collect()
}
