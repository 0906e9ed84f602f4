//! Scores résumé text against a backend-engineering role.
//!
//! The crate does no I/O: the caller reads files and hands over strings
//! (already normalised: NFKC, all dashes `-`, straight quotes). A [`Matcher`] is
//! built once from a [`Role`] and is `Send + Sync`, so rayon threads can share it.
//!
//! ```
//! use shortlist_matcher::{Matcher, Role};
//! let matcher = Matcher::new(Role::builtin("backend-lead")?)?;
//! let text = "Jane Doe\nExperience\nTech lead, Acme, Jan 2016 - present\n\
//!             Led a team of 6 engineers building Java/Spring Boot microservices on AWS,\n\
//!             PostgreSQL, Kafka, Docker, Kubernetes, REST APIs, CI/CD with Jenkins.\n";
//! let a = matcher.analyze(text, jiff::civil::date(2024, 6, 1));
//! assert_eq!(a.name.as_deref(), Some("Jane Doe"));
//! assert_eq!(a.years_experience, 8.5);
//! assert!(a.matched_backend.iter().any(|s| &**s == "Kubernetes"));
//! assert!(a.score > 60.0, "{}", a.reason);
//! # Ok::<(), shortlist_matcher::Error>(())
//! ```
//!
//! # Score
//!
//! Every keyword mention gets an evidence weight ([`KeywordHit::weight`]): 1.0
//! when it is in an experience section or in a sentence describing work, 0.6
//! when it only appears in a skills section or a bare list, and 0.1 for
//! skills named in a sentence about hiring or recruiting other people. A
//! keyword's strength is the largest weight of its mentions.
//!
//! Every skill keyword also has a specificity w (keyword file field `weight`,
//! default 1; [`Keyword::weight`]): skills that other professions use as much
//! as backend engineers (SQL, Python, JavaScript, Git, testing and security
//! tools) have w < 1, backend-distinctive ones (server frameworks, databases,
//! messaging, caching, containers, API styles) keep 1.
//!
//! * A requirement's credit is strength · w of its keyword, or for a category
//!   the best strength · w of that category.
//! * Requirement coverage C = 0.7 · mean credit of required items + 0.3 · mean
//!   credit of preferred items (only the required mean when there are no
//!   preferred items).
//! * Breadth D = min(1, Σ strength · w of all backend skills / 10): categories
//!   saturate at one skill, so breadth separates a one-keyword mention from a
//!   real stack.
//! * Profession factor P from job titles on title-like lines (the first three
//!   lines, short lines such as "Java Developer - Acme 2019 - 2021",
//!   "Designation:" lines; never a sentence about hiring others), using the
//!   built-in list `keyword-lists/professions.toml`: with b distinct backend
//!   titles (backend/software engineer, Java developer, DBA, ETL developer,
//!   DevOps engineer, ...) and o distinct titles of other professions
//!   (designer, data scientist, tester, business analyst, network engineer,
//!   accountant, recruiter, ...), S = (b + 1) / (b + o + 2) and
//!   P = clamp(0.4 + 1.2 · S, 0.4, 1.3): 1 without titles, 1.2 for one backend
//!   title, 0.8 for one other title.
//! * `backend_coverage` B = min(1, (0.85 · C + 0.15 · D) · P).
//! * `leadership_coverage` L = min(1, Σ leadership strengths / `leadership_target`).
//! * Years Y = min(1, max(years_experience, claimed_years) / `years_target`).
//! * Gate G = min(1, B / 0.5)²: leadership and years count only as far as the
//!   candidate is a backend engineer, so a long career in sales with "team
//!   lead" does not outrank a backend developer, and years of a thin backend
//!   profile count little.
//! * `score` = 100 · ((1 − wL − wY) · B + wL · L · G + wY · Y · G), rounded to
//!   one decimal, where wL = `leadership_weight` and wY = `years_weight` of the
//!   role.
//!
//! The `reason` line names the titles found and P ("titles Language
//! developer x1.20"); [`Explanation`] has every term.
//!
//! All values are deterministic: output lists follow keyword-file order or
//! text order, never hash order.
//!
//! # Experience years
//!
//! See the conventions in the [`dates`] module: months inclusive, year-only
//! ranges cover whole years, open ranges end at `as_of`, overlaps merged.

mod aligned;
mod contacts;
pub mod dates;
pub mod error;
pub mod excerpt;
mod fastre;
mod matching;
mod professions;
pub mod role;
pub mod sections;
mod starts;
#[cfg(test)]
mod testgen;

use std::sync::Arc;

use serde::Serialize;

pub use dates::{RangeExcluded, RangeUsed};
pub use error::Error;
pub use excerpt::{Excerpt, LineText};
pub use role::{DEFAULT_ROLE, Keyword, KeywordKind, Requirement, Role};
pub use sections::Section;

/// Below this backend coverage, leadership and years are scaled down (see crate docs).
const GATE_COVERAGE: f64 = 0.5;
/// Share of requirement coverage that comes from required items.
const REQUIRED_SHARE: f64 = 0.7;
/// Share of backend coverage that comes from breadth.
const BREADTH_SHARE: f64 = 0.15;
/// Summed skill strength at which breadth is full.
const BREADTH_TARGET: f64 = 10.0;

/// A role compiled for matching; build once, share between threads.
#[derive(Debug)]
pub struct Matcher {
    role: Role,
    keywords: matching::KeywordMatcher,
    titles: professions::Titles,
    /// One pattern gate for keywords, titles and, if `joint_has_claims`, the claimed-years
    /// regexes (see [`matching::KeywordMatcher::joint_gate`]).
    joint_gate: Option<matching::JointGate<2>>,
    joint_has_claims: bool,
    /// For each keyword, the indices of the items (required then preferred, in role
    /// order; ascending) it can satisfy ([`item_keywords`] turned around): found once here
    /// instead of comparing every keyword's name and category with every item for each
    /// résumé, and by keyword so that the credits are found from the few keywords found
    /// instead of from every keyword each item could take ([`Matcher::credits`]).
    fits_of_keyword: Vec<Vec<usize>>,
    /// Each item's credit before any keyword is found (0, by none), in role order: the
    /// start of [`Matcher::credits`], copied whole.
    no_credits: Vec<RequirementCredit>,
    /// Each keyword's name and category ([`intern`]ed), shared by all its [`KeywordHit`]s
    /// and the lists naming it: a mention costs neither a copy nor a reference count.
    labels: Vec<(&'static str, &'static str)>,
    /// Where keywords and titles can start, found for both in one pass; `None` when a
    /// pattern is empty (each matcher then searches on its own).
    starts: Option<starts::Starts<2>>,
    /// Whether every keyword weight is finite and not negative (nor -0), as role files
    /// are checked to be: then the strength sums can skip keywords not found (see
    /// [`Matcher::matched`]).
    plain_weights: bool,
    /// Whether the role has skill and leadership keywords: a sum over none is `Sum`'s
    /// empty value, over only zeros +0.
    has_kind: KindFlags,
    /// Whether [`Matcher::analyze`] times its stages for [`take_stage_times`] (see
    /// [`Matcher::with_stage_times`]).
    stage_times: bool,
}

/// Whether there is something of each [`KeywordKind`].
#[derive(Debug, Clone, Copy, Default)]
struct KindFlags {
    skills: bool,
    leadership: bool,
}

/// The keywords found, by kind, from [`Matcher::matched`].
#[derive(Debug)]
struct Matched {
    /// Names of the skills with a strength above 0, in keyword-file order.
    skills: Vec<&'static str>,
    /// Names of the leadership signals with a strength above 0, in keyword-file order.
    leadership: Vec<&'static str>,
    /// Σ strength · weight over the skills.
    skill_sum: f64,
    /// Σ strength over the leadership signals.
    leadership_sum: f64,
}

/// One keyword mention, for the explanation.
///
/// Serialised with the text as it appears in the résumé ([`KeywordHit::matched`]) after
/// `kind`, as a field `matched`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordHit {
    /// Canonical keyword name.
    pub keyword: &'static str,
    /// Its category.
    pub category: &'static str,
    /// Skill or leadership.
    pub kind: KeywordKind,
    /// 1-based line number.
    pub line: usize,
    /// The line, and where on it the mention is (shared by the hits on one line;
    /// serialised whole, or as a window around the mention on a very long line).
    pub line_text: LineText,
    /// Section of the line.
    pub section: Section,
    /// Evidence weight of this mention (1.0, 0.6 or 0.1; see crate docs).
    pub weight: f64,
    /// Why that weight: `experience`, `prose`, `list` or `hiring-others`.
    pub context: &'static str,
}

impl KeywordHit {
    /// The text as it appears in the résumé: the mention that `line_text` locates on its
    /// line (a slice of the line, not a copy).
    ///
    /// Read from `line_text` rather than kept beside it: the two held the same line and
    /// span, and the second copy cost an atomic reference count up and down per mention.
    pub fn matched(&self) -> &Excerpt {
        self.line_text.finding()
    }
}

/// The fields in their order of declaration, with [`KeywordHit::matched`] after `kind`
/// (where it was a field, so the JSON is unchanged).
impl Serialize for KeywordHit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("KeywordHit", 9)?;
        s.serialize_field("keyword", self.keyword)?;
        s.serialize_field("category", self.category)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("matched", self.matched())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("line_text", &self.line_text)?;
        s.serialize_field("section", &self.section)?;
        s.serialize_field("weight", &self.weight)?;
        s.serialize_field("context", self.context)?;
        s.end()
    }
}

/// How much one role requirement was satisfied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementCredit {
    /// Category or keyword name.
    pub name: &'static str,
    /// Whether it is a required (vs preferred) item.
    pub required: bool,
    /// Credit 0–1.
    pub credit: f64,
    /// The keyword that earned the credit, if any.
    pub by: Option<&'static str>,
}

/// Everything behind a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Every keyword mention, in text order.
    pub keywords: Vec<KeywordHit>,
    /// Every date range counted as work experience.
    pub ranges: Vec<RangeUsed>,
    /// Date ranges found but not counted, with reasons.
    pub excluded_ranges: Vec<RangeExcluded>,
    /// Credit per required and preferred item, in role order.
    pub requirements: Vec<RequirementCredit>,
    /// Years component Y (0–1).
    pub years_component: f64,
    /// Gate G (0–1) applied to leadership and years.
    pub gate: f64,
    /// Requirement coverage C (0–1).
    pub requirement_coverage: f64,
    /// Breadth D (0–1).
    pub breadth: f64,
    /// Profession factor P (0.4–1.3) from job titles (see crate docs).
    pub profession_factor: f64,
    /// Backend job titles found on title lines.
    pub backend_titles: Vec<Arc<str>>,
    /// Job titles of other professions found on title lines.
    pub other_titles: Vec<Arc<str>>,
    /// The role's weights: (backend, leadership, years).
    pub weights: (f64, f64, f64),
}

/// The analysis of one résumé against the role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Candidate's name, if a plausible one was found near the top.
    pub name: Option<String>,
    /// First e-mail address.
    pub email: Option<String>,
    /// First plausible phone number.
    pub phone: Option<String>,
    /// LinkedIn profile URL.
    pub linkedin: Option<String>,
    /// GitHub profile URL.
    pub github: Option<String>,
    /// Union of work-experience date ranges, in years (one decimal).
    pub years_experience: f64,
    /// Largest plausible total the candidate claims ("10+ years of experience").
    pub claimed_years: Option<f64>,
    /// Backend coverage B, 0–1.
    pub backend_coverage: f64,
    /// Leadership coverage L, 0–1.
    pub leadership_coverage: f64,
    /// Canonical backend skills found, in keyword-file order.
    pub matched_backend: Vec<&'static str>,
    /// Canonical leadership signals found, in keyword-file order.
    pub matched_leadership: Vec<&'static str>,
    /// Required items with no evidence at all.
    pub missing_required: Vec<&'static str>,
    /// Score 0–100, one decimal.
    pub score: f64,
    /// One-line summary of the score.
    pub reason: String,
    /// Full explanation.
    pub explanation: Explanation,
}

/// Time one thread has spent in each stage of [`Matcher::analyze`], for `--timings`.
///
/// Kept per thread and summed over calls; [`take_stage_times`] reads and resets it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    /// Splitting lines and classifying them into sections.
    pub sections: std::time::Duration,
    /// Name, e-mail, phone and profile links.
    pub contacts: std::time::Duration,
    /// Date ranges, their union, and claimed totals.
    pub years: std::time::Duration,
    /// Keyword coverage: the automaton over the text and the context of every mention.
    pub keywords: std::time::Duration,
    /// Job titles on title-like lines.
    pub titles: std::time::Duration,
    /// Requirement credits, the score and the explanation.
    pub score: std::time::Duration,
}

impl StageTimes {
    /// Adds another thread's times.
    pub fn add(&mut self, o: &StageTimes) {
        self.sections += o.sections;
        self.contacts += o.contacts;
        self.years += o.years;
        self.keywords += o.keywords;
        self.titles += o.titles;
        self.score += o.score;
    }
}

thread_local! {
    static STAGE_TIMES: std::cell::Cell<StageTimes> = const {
        std::cell::Cell::new(StageTimes {
            sections: std::time::Duration::ZERO,
            contacts: std::time::Duration::ZERO,
            years: std::time::Duration::ZERO,
            keywords: std::time::Duration::ZERO,
            titles: std::time::Duration::ZERO,
            score: std::time::Duration::ZERO,
        })
    };
}

/// Per-call working vectors of [`Matcher::analyze`] that do not end up in its
/// [`Analysis`], kept from one call to the next on the same thread: four allocations and
/// frees per résumé fewer (of some 47), and the keyword strengths no longer zeroed by a
/// fresh `calloc`. `analyze` takes them out of [`SCRATCH`] and puts them back when done
/// (a nested or panicking call just starts from empty ones), and clears them before use,
/// so what it computes is what fresh vectors gave.
#[derive(Default)]
struct Scratch {
    /// Strongest weight of each role keyword ([`Matcher::analyze`]'s `strength`).
    strength: Vec<f64>,
    /// The keywords with a strength above 0, in order of first evidence, then sorted.
    found: Vec<usize>,
    /// The text's lines ([`split_lines_into`]), empty between calls (a call's lines
    /// borrow its text; [`recycle`] gives them the next text's lifetime).
    lines: Vec<&'static str>,
    /// The byte offset of each line ([`split_lines_into`]).
    offsets: Vec<usize>,
}

/// The most lines whose vector [`Scratch`] keeps for the next call: a résumé has some
/// fifty, and a thread that once analysed a text of a million lines should not hold
/// 16 MB for the rest of its life.
const KEPT_LINES: usize = 4096;

thread_local! {
    /// The calling thread's [`Scratch`], between calls.
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch {
            strength: Vec::new(),
            found: Vec::new(),
            lines: Vec::new(),
            offsets: Vec::new(),
        })
    };
}

/// The calling thread's [`StageTimes`] since the last call, and resets them: all zero
/// unless the matcher was built [`Matcher::with_stage_times`]. A handful of clock reads
/// per résumé buy a per-stage cost breakdown without a profiler.
pub fn take_stage_times() -> StageTimes {
    STAGE_TIMES.with(|t| t.replace(StageTimes::default()))
}

/// Laps of one `analyze` call, added to the thread's totals when finished; `None` when
/// the stages are not timed, and then every lap does nothing.
///
/// The seven clock reads per call were about 1 µs of the fixed cost of an analysis (a
/// 2.75 kB résumé takes some 18 µs): the vDSO clock read, the `Instant` subtraction and
/// the thread-local sum, paid by every caller for a breakdown only `rank --timings` shows.
struct StageClock(Option<(std::time::Instant, StageTimes)>);

impl StageClock {
    /// A clock that reads the time if `on`.
    fn start(on: bool) -> StageClock {
        StageClock(on.then(|| (std::time::Instant::now(), StageTimes::default())))
    }

    /// Adds the time since the last lap to `stage`.
    #[inline]
    fn lap(&mut self, stage: impl FnOnce(&mut StageTimes) -> &mut std::time::Duration) {
        if let Some((last, times)) = &mut self.0 {
            let now = std::time::Instant::now();
            *stage(times) += now - *last;
            *last = now;
        }
    }

    /// Adds the laps to the thread's [`StageTimes`].
    fn finish(self) {
        if let Some((_, times)) = self.0 {
            STAGE_TIMES.with(|t| {
                let mut all = t.get();
                all.add(&times);
                t.set(all);
            });
        }
    }
}

/// `text.lines()`, collected into `lines`, and the byte offset of each line in `text`
/// into `offsets` (both cleared first): the same slices (split at `\n`, a `\r` before it
/// dropped, no empty line after a final `\n`), found from bit masks of the line feeds in
/// 64-byte blocks ([`blocks::for_each`]) instead of std's char-by-char searcher.
///
/// The mask bits are the line feeds in text order, so ending a line at each set bit is
/// the `memchr_iter` loop this replaces (kept as the test's reference): résumé lines
/// are short (some 67 bytes on average), and a vectorised search per line cost more in
/// its set-up than in its scanning (4 % of `analyze`, with the count before it).
///
/// One pass: `lines` is the thread's reused vector ([`Scratch::lines`]), which already
/// has room for a résumé's lines, so the pass that counted them first (to size a fresh
/// vector, growing one by doubling copied it a dozen times per résumé) and the masks
/// kept from it are no longer needed.
///
/// `offsets` is [`matching::line_offsets`]`(text, lines)`, which the keyword and title
/// searches take, without its pass over the lines and its vector: each line pushed
/// starts at `start`, so `start` is its offset. That function returns the offsets
/// whenever the lines are slices of `text` in order with only `\n` or `\r\n` between
/// them and after the last (or nothing after it), which is what splitting at every
/// `\n` and dropping one `\r` before it leaves: so it never gives `None` for them, and
/// its offsets are these (compared on random texts in the tests).
fn split_lines_into<'a>(text: &'a str, lines: &mut Vec<&'a str>, offsets: &mut Vec<usize>) {
    lines.clear();
    offsets.clear();
    let mut start = 0;
    blocks::for_each(text.as_bytes(), |at, block| {
        let mut feeds = blocks::mask(block, b'\n');
        while feeds != 0 {
            let end = at + feeds.trailing_zeros() as usize;
            feeds &= feeds - 1;
            let line = text.get(start..end).unwrap_or_default();
            lines.push(line.strip_suffix('\r').unwrap_or(line));
            offsets.push(start);
            start = end + 1;
        }
    });
    if let Some(last) = text.get(start..).filter(|l| !l.is_empty()) {
        lines.push(last);
        offsets.push(start);
    }
}

/// [`split_lines_into`] a fresh vector.
#[cfg(test)]
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    split_lines_into(text, &mut lines, &mut Vec::new());
    lines
}

/// `v`'s allocation as an empty vector of `&str` of another lifetime: the lines of one
/// text kept between calls ([`Scratch::lines`]) without `unsafe`. Collecting a mapped
/// `vec::IntoIter` into a vector of an element of the same size and alignment reuses
/// the source's buffer (std's in-place collection); were it not to, this would just
/// allocate as a fresh vector does, with the same (empty) contents.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

/// Bit masks of bytes in 64-byte blocks, for scans that look at every byte of a text:
/// one vector compare per 16 bytes and byte sought, instead of a `memchr` call per hit,
/// which on short lines costs more to set up than to run.
mod blocks {
    /// Calls `f(at, block)` for each 64-byte block of `bytes` in order, `at` its offset:
    /// the whole blocks, then one more holding the rest padded with NUL bytes (all NUL
    /// when `bytes.len()` is a multiple of 64). NUL is no byte a caller looks for, so a
    /// padding byte never sets a bit.
    ///
    /// `f` is called from one place, the loop over the whole blocks and the last one
    /// chained: called from two, the compiler made the line split's `f` a function of
    /// its own, a call per block.
    #[inline(always)]
    pub(crate) fn for_each(bytes: &[u8], mut f: impl FnMut(usize, &[u8; 64])) {
        let (whole, rest) = bytes.as_chunks::<64>();
        let mut last = [0u8; 64];
        for (d, &s) in last.iter_mut().zip(rest) {
            *d = s;
        }
        let mut at = 0;
        for block in whole.iter().chain(std::iter::once(&last)) {
            f(at, block);
            at += 64;
        }
    }

    /// The mask of `block` whose bit `i` is set when `block[i]` is `needle`.
    #[inline(always)]
    pub(crate) fn mask(block: &[u8; 64], needle: u8) -> u64 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            // SAFETY: `sse2` needs only the SSE2 instructions, which this build may use
            // (the `cfg` above: every x86-64 target has them).
            unsafe { sse2(block, needle) }
        }
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        bytewise(block, needle)
    }

    /// The reference: one test per byte.
    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
    pub(crate) fn bytewise(block: &[u8; 64], needle: u8) -> u64 {
        let mut m = 0;
        for (i, &b) in block.iter().enumerate() {
            m |= u64::from(b == needle) << i;
        }
        m
    }

    /// Sixteen bytes per step (inlined, so that the needle's vector is built once).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn sse2(block: &[u8; 64], needle: u8) -> u64 {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        let n = _mm_set1_epi8(needle as i8);
        let mut m = 0;
        for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
            // SAFETY: `sixteen` is 16 readable bytes, and `loadu` takes any alignment.
            let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>()) };
            m |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, n)) as u16) << (16 * k);
        }
        m
    }
}

/// The `reason` line: "backend B (k/n required; titles T x P), leadership L, Y y (claims
/// C) vs T y target", the titles part only with titles, the claim only above the years.
///
/// Written into one buffer: formatting the years and titles parts into their own strings
/// and joining the titles through a vector cost four allocations more per résumé.
fn reason_line(
    backend: f64,
    covered: usize,
    n_required: usize,
    (titles, profession): (&professions::Found, f64),
    leadership: f64,
    (years, claimed): (f64, Option<f64>),
    years_target: f64,
) -> String {
    let mut reason = String::with_capacity(160);
    reason.push_str("backend ");
    push_fixed(&mut reason, backend, 2);
    reason.push_str(" (");
    push_uint(&mut reason, covered as u64);
    reason.push('/');
    push_uint(&mut reason, n_required as u64);
    reason.push_str(" required");
    if !(titles.backend.is_empty() && titles.other.is_empty()) {
        reason.push_str("; titles ");
        for (i, t) in titles.backend.iter().chain(&titles.other).enumerate() {
            if i > 0 {
                reason.push_str(", ");
            }
            reason.push_str(t);
        }
        reason.push_str(" x");
        push_fixed(&mut reason, profession, 2);
    }
    reason.push_str("), leadership ");
    push_fixed(&mut reason, leadership, 2);
    reason.push_str(", ");
    push_fixed(&mut reason, years, 1);
    reason.push_str(" y");
    if let Some(c) = claimed.filter(|&c| c > years) {
        reason.push_str(" (claims ");
        push_display(&mut reason, c);
        reason.push(')');
    }
    reason.push_str(" vs ");
    push_display(&mut reason, years_target);
    reason.push_str(" y target");
    reason
}

/// Appends the decimal digits of `n` (as `{}` formats it).
fn push_uint(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// Appends `x` as `{x:.N}` formats it, N = `decimals` (1 or 2).
///
/// The reason line's numbers went through `core::fmt`'s exact float formatting, more
/// than a tenth of the score's cost. For 0 <= x < 10⁶ the value m · 2^e is scaled by
/// 10^N and divided by 2^-e in integers, exactly, and rounded half to even like std;
/// anything else (negative, -0, NaN, infinite, large, other N) takes `write!`. Tested
/// against `format!` on random and tie values.
fn push_fixed(out: &mut String, x: f64, decimals: u32) {
    let scale: u64 = match decimals {
        1 => 10,
        2 => 100,
        _ => 0,
    };
    if scale == 0 || !(x.is_sign_positive() && x < 1e6) {
        use std::fmt::Write as _;
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{x:.*}", decimals as usize);
        return;
    }
    let bits = x.to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let fraction = bits & ((1 << 52) - 1);
    // Zero and subnormals (below 2^-1022) round to 0; normal: x = m · 2^-shift.
    let scaled = if biased == 0 {
        0
    } else {
        let m = fraction | (1 << 52);
        // x < 10⁶ < 2^20, so the exponent is below 20 - 52 and `shift` above 32.
        let shift = 1075 - biased;
        // m · 100 < 2^60, so the product is exact and `q` below 10⁸.
        let n = u128::from(m * scale);
        if shift >= 127 {
            0
        } else {
            let q = n >> shift;
            let r = n - (q << shift);
            let half = 1u128 << (shift - 1);
            let up = r > half || (r == half && q & 1 == 1);
            (q + u128::from(up)) as u64
        }
    };
    push_uint(out, scaled / scale);
    out.push('.');
    let frac = scaled % scale;
    if decimals == 2 && frac < 10 {
        out.push('0');
    }
    push_uint(out, frac);
}

/// Appends `x` as `{x}` formats it: integral values below 10¹⁵ as their digits (the
/// common case, years such as 7 or 10), the rest through `write!`.
fn push_display(out: &mut String, x: f64) {
    if x.is_sign_positive() && x < 1e15 && x.fract() == 0.0 {
        push_uint(out, x as u64);
    } else {
        use std::fmt::Write as _;
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{x}");
    }
}

/// `s` as a string that lives as long as the process, the same one for equal strings.
///
/// The names the matcher reports (keywords, categories, requirement items) are shared by
/// every analysis. As `Arc<str>` each name reported cost an atomic increment and, when
/// the analysis was dropped, an atomic decrement, on counters that all threads analysing
/// with the same matcher share: two per keyword mention, and for each résumé the fifteen
/// items of the default role, their keywords and the matched lists. A `&'static str`
/// costs neither. The strings of a role are a few kilobytes, kept once per distinct
/// string, so building matchers again and again (the tests, a server reloading its roles)
/// keeps no more alive.
fn intern(s: &str) -> &'static str {
    static SEEN: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    // A panic elsewhere while holding the lock leaves the set valid (an insert either
    // happened or not), so a poisoned lock is used as it is.
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&kept) = seen.get(s) {
        return kept;
    }
    let kept: &'static str = Box::leak(Box::from(s));
    seen.insert(kept);
    kept
}

/// For each required then preferred item of `role`, the indices of the keywords that can
/// satisfy it, ascending: the skills of its category, or the keyword it names.
fn item_keywords(role: &Role) -> Vec<Vec<usize>> {
    role.required
        .iter()
        .chain(&role.preferred)
        .map(|req| {
            role.keywords
                .iter()
                .enumerate()
                .filter(|(_, k)| match req {
                    Requirement::Category(c) => k.kind == KeywordKind::Skill && &k.category == c,
                    Requirement::Keyword(n) => &k.name == n,
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect()
}

/// A count per [`KeywordKind`].
#[derive(Debug, Clone, Copy, Default)]
struct KindCounts {
    skills: usize,
    leadership: usize,
}

impl KindCounts {
    /// The count of `kind`.
    fn for_kind(&mut self, kind: KeywordKind) -> &mut usize {
        match kind {
            KeywordKind::Skill => &mut self.skills,
            KeywordKind::Leadership => &mut self.leadership,
        }
    }
}

/// The sums and counts `analyze` takes from the requirement credits, from one walk
/// over them instead of seven (a count and a sum for each kind's mean, two walks for the
/// missing items, one for the number required).
///
/// Equal to those walks: each sum starts from `Sum`'s empty value and adds the same
/// credits in the same order as `Sum` over the filtered credits does, so it has the
/// same bits, and each count counts the items the filter kept (compared with the
/// filters on random credits in the tests).
#[derive(Debug, Clone, Copy, PartialEq)]
struct CreditTotals {
    /// Σ credit of the required items, and their number.
    required: (f64, usize),
    /// Σ credit of the preferred items, and their number.
    preferred: (f64, usize),
    /// The required items with a credit of 0 or less.
    missing: usize,
}

impl CreditTotals {
    /// The totals of `credits`.
    fn of(credits: &[RequirementCredit]) -> CreditTotals {
        let empty = std::iter::empty::<f64>().sum::<f64>();
        let mut t = CreditTotals {
            required: (empty, 0),
            preferred: (empty, 0),
            missing: 0,
        };
        for r in credits {
            let (sum, n) = if r.required {
                &mut t.required
            } else {
                &mut t.preferred
            };
            *sum += r.credit;
            *n += 1;
            t.missing += usize::from(is_missing(r));
        }
        t
    }

    /// The mean of a `(sum, count)`, `None` for no items.
    fn mean((sum, n): (f64, usize)) -> Option<f64> {
        (n > 0).then(|| sum / n as f64)
    }
}

/// Whether `r` is a required item the résumé shows no evidence of: the
/// `missing_required` list, and [`CreditTotals::missing`], its length.
fn is_missing(r: &RequirementCredit) -> bool {
    r.required && r.credit <= 0.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Matcher {
    /// Compiles the role's keywords into automata.
    ///
    /// Fails if two keywords claim the same alias or a pattern is invalid.
    pub fn new(role: Role) -> Result<Matcher, Error> {
        let keywords = matching::KeywordMatcher::new(&role.keywords)?;
        let titles = professions::Titles::builtin()?;
        // The claimed-years gates join too when they can: the scan is one lazy-DFA pass
        // over the text whatever the number of alternatives.
        let claims = dates::claim_gate_alternatives();
        let joint_gate = matching::KeywordMatcher::joint_gate(
            [&keywords, titles.matcher()],
            claims.as_deref().unwrap_or_default(),
            dates::claim_gates_boundary_led(),
        );
        let joint_has_claims = claims.is_some() && joint_gate.is_some();
        let mut fits_of_keyword = vec![Vec::new(); role.keywords.len()];
        for (item, keywords) in item_keywords(&role).iter().enumerate() {
            for &k in keywords {
                if let Some(items) = fits_of_keyword.get_mut(k) {
                    items.push(item);
                }
            }
        }
        let n_required = role.required.len();
        let no_credits = role
            .required
            .iter()
            .chain(&role.preferred)
            .enumerate()
            .map(|(item, req)| RequirementCredit {
                name: intern(req.name()),
                required: item < n_required,
                credit: 0.0,
                by: None,
            })
            .collect();
        let labels = role
            .keywords
            .iter()
            .map(|k| (intern(&k.name), intern(&k.category)))
            .collect();
        let starts = starts::Starts::new([keywords.patterns(), titles.matcher().patterns()]);
        let plain_weights = role
            .keywords
            .iter()
            .all(|k| k.weight.is_finite() && k.weight.is_sign_positive());
        let has = |kind| role.keywords.iter().any(|k| k.kind == kind);
        let has_kind = KindFlags {
            skills: has(KeywordKind::Skill),
            leadership: has(KeywordKind::Leadership),
        };
        Ok(Matcher {
            stage_times: false,
            plain_weights,
            has_kind,
            starts,
            role,
            keywords,
            titles,
            joint_gate,
            joint_has_claims,
            fits_of_keyword,
            no_credits,
            labels,
        })
    }

    /// The matcher, timing the stages of each [`Matcher::analyze`] call for
    /// [`take_stage_times`] if `on` (off by default: the clock reads are a measurable part
    /// of the cost of a short résumé).
    ///
    /// ```
    /// # use shortlist_matcher::{Matcher, Role, StageTimes, take_stage_times};
    /// let (text, as_of) = ("Java developer\nKafka, Docker\n", jiff::civil::date(2024, 6, 1));
    /// let m = Matcher::new(Role::builtin("backend-lead")?)?;
    /// m.analyze(text, as_of);
    /// assert_eq!(take_stage_times(), StageTimes::default());
    /// let timed = m.with_stage_times(true);
    /// timed.analyze(text, as_of);
    /// assert!(take_stage_times().keywords > std::time::Duration::ZERO);
    /// # Ok::<(), shortlist_matcher::Error>(())
    /// ```
    pub fn with_stage_times(mut self, on: bool) -> Matcher {
        self.stage_times = on;
        self
    }

    /// The role this matcher scores against.
    pub fn role(&self) -> &Role {
        &self.role
    }

    /// Canonical name for an alias or name, case-insensitively (`k8s` →
    /// `Kubernetes`, `postgres` → `PostgreSQL`); `None` if unknown.
    ///
    /// ```
    /// # use shortlist_matcher::{Matcher, Role};
    /// let m = Matcher::new(Role::builtin("backend-lead")?)?;
    /// assert_eq!(m.canonical_skill("K8S"), Some("Kubernetes"));
    /// assert_eq!(m.canonical_skill("golang"), Some("Go"));
    /// assert_eq!(m.canonical_skill("cobol"), None);
    /// # Ok::<(), shortlist_matcher::Error>(())
    /// ```
    pub fn canonical_skill(&self, word: &str) -> Option<&str> {
        let idx = self.keywords.lookup(word).or_else(|| {
            let w = word.trim();
            self.role
                .keywords
                .iter()
                .position(|k| k.name.eq_ignore_ascii_case(w))
        })?;
        self.role.keywords.get(idx).map(|k| k.name.as_str())
    }

    /// Canonical names of all backend skills, in keyword-file order.
    pub fn skill_names(&self) -> Vec<&str> {
        self.role
            .keywords
            .iter()
            .filter(|k| k.kind == KeywordKind::Skill)
            .map(|k| k.name.as_str())
            .collect()
    }

    /// The names of the skills and of the leadership signals with a `strength` above 0, in
    /// keyword-file order, and the strength sums of each kind. `found` must be the indices
    /// of those keywords, ascending (as [`Matcher::analyze`] collects them); `counts`
    /// counts them by kind (a hint for the capacities only).
    ///
    /// One walk over the found keywords for the lists and the sums: most keywords are not
    /// found, and filtering each list by kind through the keyword structs cost more than
    /// the rest of the score. `found` holds the same keywords in the same order as
    /// filtering every strength by `> 0`, so the lists are those of that filter. The sums
    /// are the `Sum` of every keyword's term in keyword order, bit for bit: with
    /// `plain_weights` all terms are +0 or positive, so after the first one, adding a +0
    /// changes nothing; a sum with terms is then the sum of the nonzero ones from +0, and
    /// one without is `Sum`'s empty value. Other weights take the full sums
    /// ([`Matcher::strength_sums`]).
    fn matched(&self, strength: &[f64], found: &[usize], counts: KindCounts) -> Matched {
        let mut out = Matched {
            skills: Vec::with_capacity(counts.skills),
            leadership: Vec::with_capacity(counts.leadership),
            skill_sum: 0.0,
            leadership_sum: 0.0,
        };
        for &i in found {
            let (Some(&s), Some(k), Some((name, _))) = (
                strength.get(i),
                self.role.keywords.get(i),
                self.labels.get(i),
            ) else {
                continue;
            };
            match k.kind {
                KeywordKind::Skill => {
                    out.skills.push(*name);
                    out.skill_sum += s * k.weight;
                }
                KeywordKind::Leadership => {
                    out.leadership.push(*name);
                    out.leadership_sum += s;
                }
            }
        }
        if !self.plain_weights || strength.len() != self.role.keywords.len() {
            (out.skill_sum, out.leadership_sum) = self.strength_sums(strength);
        } else {
            let empty = || std::iter::empty::<f64>().sum::<f64>();
            if !self.has_kind.skills {
                out.skill_sum = empty();
            }
            if !self.has_kind.leadership {
                out.leadership_sum = empty();
            }
        }
        out
    }

    /// The credit of each required then preferred item, in role order: the largest
    /// strength · weight of the keywords that fit it, with the first keyword (in keyword
    /// order) to reach it, or 0 and none. `found` must be the indices of the keywords
    /// with a `strength` above 0, ascending.
    ///
    /// Equal to [`Matcher::credits_reference`], which walks each item's keywords in
    /// keyword order, skips those of strength 0 and keeps a keyword when its
    /// strength · weight beats the best so far. Here the found keywords are walked in
    /// keyword order and each one is offered to its items (`fits_of_keyword`): each item
    /// then sees exactly its keywords of strength above 0, in the same order, with the
    /// same comparisons, so it ends with the same credit and keyword. That looks at the
    /// twenty or so keywords found instead of the hundred that the items can take, whose
    /// strength tests mispredicted (1 % of `analyze`).
    fn credits(&self, strength: &[f64], found: &[usize]) -> Vec<RequirementCredit> {
        let mut credits = self.no_credits.clone();
        for &i in found {
            let (Some(&s), Some(k), Some(items), Some(&(name, _))) = (
                strength.get(i),
                self.role.keywords.get(i),
                self.fits_of_keyword.get(i),
                self.labels.get(i),
            ) else {
                continue;
            };
            let credit = s * k.weight;
            for &item in items {
                if let Some(c) = credits.get_mut(item).filter(|c| credit > c.credit) {
                    c.credit = credit;
                    c.by = Some(name);
                }
            }
        }
        credits
    }

    /// [`Matcher::credits`] item by item over all the keywords each can take: the
    /// reference for it.
    #[cfg(test)]
    fn credits_reference(&self, strength: &[f64]) -> Vec<RequirementCredit> {
        let kws = &self.role.keywords;
        let credit_of = |fits: &[usize]| -> (f64, Option<&'static str>) {
            let mut best: (f64, Option<usize>) = (0.0, None);
            for &i in fits {
                let (Some(s), Some(k)) = (strength.get(i).filter(|s| **s > 0.0), kws.get(i)) else {
                    continue;
                };
                if s * k.weight > best.0 {
                    best = (s * k.weight, Some(i));
                }
            }
            let by = best
                .1
                .and_then(|i| self.labels.get(i))
                .map(|&(name, _)| name);
            (best.0, by)
        };
        let required = self.role.required.iter().map(|r| (r, true));
        let items = required.chain(self.role.preferred.iter().map(|r| (r, false)));
        items
            .zip(item_keywords(&self.role))
            .map(|((req, required), fits)| {
                let (credit, by) = credit_of(&fits);
                RequirementCredit {
                    name: intern(req.name()),
                    required,
                    credit,
                    by,
                }
            })
            .collect()
    }

    /// Σ strength · weight over the skills and Σ strength over the leadership signals,
    /// term by term over all keywords (the reference for [`Matcher::matched`]).
    fn strength_sums(&self, strength: &[f64]) -> (f64, f64) {
        let kws = &self.role.keywords;
        let skill_sum: f64 = kws
            .iter()
            .zip(strength)
            .filter(|(k, _)| k.kind == KeywordKind::Skill)
            .map(|(k, s)| s * k.weight)
            .sum();
        let leadership_sum: f64 = kws
            .iter()
            .zip(strength)
            .filter(|(k, _)| k.kind == KeywordKind::Leadership)
            .map(|(_, s)| s)
            .sum();
        (skill_sum, leadership_sum)
    }

    /// Analyses one résumé. `as_of` ends open ranges ("present") and clamps
    /// later dates. Never fails: odd input just yields fewer findings.
    pub fn analyze(&self, text: &str, as_of: jiff::civil::Date) -> Analysis {
        let mut clock = StageClock::start(self.stage_times);
        // Scratch reused from the thread's previous call (see [`Scratch`]): cleared and
        // zeroed as fresh ones would be, so only the allocations differ.
        let mut scratch = SCRATCH.take();
        let mut lines = recycle(std::mem::take(&mut scratch.lines));
        let mut offsets = std::mem::take(&mut scratch.offsets);
        split_lines_into(text, &mut lines, &mut offsets);
        // What the searches were given before (see [`split_lines_into`]); checked in
        // debug builds only.
        debug_assert_eq!(
            matching::line_offsets(text, &lines).as_deref(),
            Some(&offsets[..])
        );
        let (sections, _, headings) = sections::classify_with_headings(&lines);
        clock.lap(|t| &mut t.sections);
        let contacts = contacts::extract_with(text, &lines, &headings);
        clock.lap(|t| &mut t.contacts);
        let exp = dates::experience(text, &lines, &sections, as_of);
        // One pass over the words finds where keywords and titles can start, and where
        // the joint gate's walks start when it walks.
        let gate_filter = self.joint_gate.as_ref().and_then(|g| g.filter());
        let (starts, gate_passing) = match (&self.starts, gate_filter) {
            (Some(s), Some(f)) => {
                let (starts, passing) = s.scan_with_gate(text.as_bytes(), f);
                (starts.map(Some), Some(passing))
            }
            (Some(s), None) => (s.scan(text.as_bytes()).map(Some), None),
            (None, _) => ([None, None], None),
        };
        // One gate scan for keywords, titles and claimed years when they can share it,
        // telling each the starts of its own gate.
        let joint = self.joint_gate.as_ref().map(|g| match &gate_passing {
            Some(passing) => g.scan_passing(text, passing),
            None => g.scan(text),
        });
        let claim_starts = joint
            .as_ref()
            .filter(|_| self.joint_has_claims)
            .and_then(|j| j.extra.as_deref());
        let claimed = dates::claimed_years_from(text, claim_starts);
        let hiring_starts = joint.as_ref().and_then(|j| j.hiring.as_deref());
        clock.lap(|t| &mut t.years);

        let kws = &self.role.keywords;
        let Scratch {
            strength, found, ..
        } = &mut scratch;
        strength.clear();
        strength.resize(kws.len(), 0.0);
        let own_keyword_patterns;
        let keyword_patterns = match &joint {
            Some(matching::JointLines {
                matchers: [k, _], ..
            }) => k,
            None => {
                own_keyword_patterns = self.keywords.pattern_lines(text);
                &own_keyword_patterns
            }
        };
        let mut hiring = matching::HiringCache::with_verbs(text, hiring_starts);
        let by_line = self.keywords.mentions_by_line_at(
            text,
            &lines,
            Some(&offsets),
            keyword_patterns,
            starts[0].as_deref(),
        );
        let mut hits = Vec::with_capacity(by_line.len());
        // The keywords with a strength above 0, and how many of each kind (to size the
        // lists).
        found.clear();
        found.reserve(by_line.len().min(kws.len()));
        let mut found_counts = KindCounts::default();
        // The line of the previous mention, with its shared text: mentions come in line
        // order, so each line with any is copied once.
        let mut current: Option<(usize, &str, Section, Arc<str>)> = None;
        for (i, m) in by_line {
            let (line, section, line_text) = match &current {
                Some((l, line, section, text)) if *l == i => (*line, *section, text),
                _ => {
                    let Some(line) = lines.get(i) else {
                        continue;
                    };
                    let section = sections.get(i).copied().unwrap_or(Section::Header);
                    let (_, line, section, text) =
                        current.insert((i, *line, section, Arc::from(*line)));
                    (*line, *section, &*text)
                }
            };
            let (Some(k), Some((name, category))) =
                (kws.get(m.keyword), self.labels.get(m.keyword))
            else {
                continue;
            };
            let (mut weight, mut context) =
                matching::mention_weight(line, m.start, section, &mut hiring);
            if k.kind == KeywordKind::Leadership && context == "hiring-others" {
                // Hiring is itself a leadership signal; do not discount it.
                (weight, context) = (1.0, "prose");
            }
            if let Some(s) = strength.get_mut(m.keyword) {
                if *s <= 0.0 && weight > 0.0 {
                    // First evidence of this keyword (its strength is above 0 from now
                    // on, and was not before): one more name for its matched list.
                    found.push(m.keyword);
                    *found_counts.for_kind(k.kind) += 1;
                }
                *s = s.max(weight);
            }
            hits.push(KeywordHit {
                keyword: name,
                category,
                kind: k.kind,
                line: i + 1,
                line_text: LineText::new(line_text, m.start, m.end),
                section,
                weight,
                context,
            });
        }
        clock.lap(|t| &mut t.keywords);

        // Mentions come in text order; `credits` and `matched` take keyword order.
        found.sort_unstable();
        let requirements = self.credits(strength, found);
        // Summed straight from the credits, in the same order and with the same `Sum`
        // as over a collected vector (so the same bits), without allocating one.
        let totals = CreditTotals::of(&requirements);
        let mean = CreditTotals::mean;
        let coverage = match (mean(totals.required), mean(totals.preferred)) {
            (Some(r), Some(p)) => REQUIRED_SHARE * r + (1.0 - REQUIRED_SHARE) * p,
            (Some(r), None) => r,
            (None, Some(p)) => p,
            (None, None) => 0.0,
        };
        let summary = self.matched(strength, found, found_counts);
        let skill_sum = summary.skill_sum;
        let breadth = (skill_sum / BREADTH_TARGET).min(1.0);
        // Requirement credits and breadth belong to the score, not to keyword finding.
        clock.lap(|t| &mut t.score);
        let own_title_patterns;
        let title_patterns = match &joint {
            Some(matching::JointLines {
                matchers: [_, t], ..
            }) => t,
            None => {
                own_title_patterns = self.titles.matcher().pattern_lines(text);
                &own_title_patterns
            }
        };
        let titles = self.titles.find_at(
            text,
            &lines,
            Some(&offsets),
            title_patterns,
            starts[1].as_deref(),
            hiring_starts,
        );
        clock.lap(|t| &mut t.titles);
        let profession = titles.factor();
        let backend =
            (((1.0 - BREADTH_SHARE) * coverage + BREADTH_SHARE * breadth) * profession).min(1.0);
        let leadership = (summary.leadership_sum / self.role.leadership_target as f64).min(1.0);
        let effective_years = exp.years.max(claimed.unwrap_or(0.0));
        let years_component = if self.role.years_target > 0.0 {
            (effective_years / self.role.years_target).min(1.0)
        } else {
            1.0
        };
        let gate = (backend / GATE_COVERAGE).min(1.0).powi(2);
        let wl = self.role.leadership_weight;
        let wy = self.role.years_weight;
        let wb = (1.0 - wl - wy).max(0.0);
        let score = dates::round1(
            100.0 * (wb * backend + wl * leadership * gate + wy * years_component * gate),
        );

        let Matched {
            skills: matched_backend,
            leadership: matched_leadership,
            ..
        } = summary;
        // Counted first: collecting through a filter grows the vector from nothing.
        let mut missing_required = Vec::with_capacity(totals.missing);
        missing_required.extend(
            requirements
                .iter()
                .filter(|r| is_missing(r))
                .map(|r| r.name),
        );
        let n_required = totals.required.1;
        let reason = reason_line(
            backend,
            n_required - missing_required.len(),
            n_required,
            (&titles, profession),
            leadership,
            (exp.years, claimed),
            self.role.years_target,
        );
        let analysis = Analysis {
            name: contacts.name,
            email: contacts.email,
            phone: contacts.phone,
            linkedin: contacts.linkedin,
            github: contacts.github,
            years_experience: exp.years,
            claimed_years: claimed,
            backend_coverage: round2(backend),
            leadership_coverage: round2(leadership),
            matched_backend,
            matched_leadership,
            missing_required,
            score,
            reason,
            explanation: Explanation {
                keywords: hits,
                ranges: exp.used,
                excluded_ranges: exp.excluded,
                requirements,
                years_component: round2(years_component),
                gate: round2(gate),
                requirement_coverage: round2(coverage),
                breadth: round2(breadth),
                profession_factor: round2(profession),
                backend_titles: titles.backend,
                other_titles: titles.other,
                weights: (wb, wl, wy),
            },
        };
        if lines.capacity() <= KEPT_LINES {
            scratch.lines = recycle(lines);
            scratch.offsets = offsets;
        }
        SCRATCH.set(scratch);
        clock.lap(|t| &mut t.score);
        clock.finish();
        analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        Matcher::new(Role::builtin(DEFAULT_ROLE).expect("builtin")).expect("matcher")
    }

    #[test]
    fn one_long_line_is_held_once() {
        // A résumé extracted as a single line: every hit and range on it shares the
        // line's text (a copy each made 4 MB of such text take 24 GB).
        let line = "Java developer, Acme 2019 - 2020; led a team of 5 engineers. ".repeat(2_000);
        let a = matcher().analyze(&line, jiff::civil::date(2024, 1, 1));
        let x = &a.explanation;
        assert!(x.keywords.len() > 2_000 && x.ranges.len() + x.excluded_ranges.len() > 1_000);
        let first = x.keywords[0].line_text.line();
        assert!(
            x.keywords
                .iter()
                .all(|h| Arc::ptr_eq(h.line_text.line(), first))
        );
        let range_text = x.ranges.iter().map(|r| r.line_text.line());
        let excluded_text = x.excluded_ranges.iter().map(|r| r.line_text.line());
        let mut texts = range_text.chain(excluded_text);
        let one = texts.next().expect("ranges");
        assert!(texts.all(|t| Arc::ptr_eq(t, one)));
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
        assert_send_sync::<Analysis>();
    }

    #[test]
    fn every_builtin_role_builds() {
        for (name, _) in Role::builtin_names() {
            let role = Role::builtin(name).expect("builtin");
            assert!(Matcher::new(role).is_ok(), "{name}");
        }
    }

    #[test]
    fn recruiter_is_not_a_backend_engineer() {
        let m = matcher();
        let as_of = jiff::civil::date(2024, 1, 1);
        let recruiter = "Experience\nIT Recruiter, 2012 - present\n\
            Hired Java developers, Python engineers and Kubernetes consultants for clients.\n\
            Sourced candidates for AWS, Docker, Kafka and PostgreSQL roles.\n\
            Led a team of 5 recruiters.\n";
        let engineer = "Experience\nBackend Engineer, 2018 - present\n\
            Built Java services with Spring Boot and PostgreSQL on AWS.\n\
            Deployed with Docker and Kubernetes; REST APIs; Kafka.\n";
        let r = m.analyze(recruiter, as_of);
        let e = m.analyze(engineer, as_of);
        assert!(r.score < 15.0, "{}: {}", r.score, r.reason);
        assert!(e.score > r.score + 30.0, "{} vs {}", e.score, r.score);
        assert!(
            r.explanation
                .keywords
                .iter()
                .any(|h| h.keyword == "Java" && h.context == "hiring-others")
        );
    }

    #[test]
    fn web_designer_scores_below_backend_engineer() {
        let m = matcher();
        let as_of = jiff::civil::date(2024, 1, 1);
        let designer = m.analyze(
            "Senior Web Designer\nExperience\nWeb Designer, Pixel Studio, 2012 - present\n\
             Designed responsive websites with HTML, CSS, JavaScript and jQuery; Photoshop.\n\
             Built WordPress themes in PHP with MySQL; SEO; Git.\n",
            as_of,
        );
        let engineer = m.analyze(
            "Java Developer\nExperience\nJava Developer, Acme Payments, 2019 - present\n\
             Built Java services with Spring Boot and Kafka, PostgreSQL and Redis.\n\
             REST APIs, Docker.\n",
            as_of,
        );
        assert!(
            engineer.score > designer.score + 20.0,
            "{} ({}) vs {} ({})",
            engineer.score,
            engineer.reason,
            designer.score,
            designer.reason
        );
        assert_eq!(designer.explanation.other_titles, [Arc::from("Designer")]);
        assert!(designer.explanation.profession_factor < 1.0);
        assert!(engineer.explanation.profession_factor > 1.0);
        assert!(engineer.reason.contains("titles"), "{}", engineer.reason);
    }

    #[test]
    fn generic_skills_count_less_than_backend_specific_ones() {
        let m = matcher();
        let as_of = jiff::civil::date(2024, 1, 1);
        let generic = m.analyze("Experience\nUsed SQL, Python, Git and JavaScript\n", as_of);
        let specific = m.analyze(
            "Experience\nUsed PostgreSQL, Django, Kafka and REST APIs\n",
            as_of,
        );
        assert!(
            specific.backend_coverage > generic.backend_coverage,
            "{} vs {}",
            specific.reason,
            generic.reason
        );
    }

    #[test]
    fn years_do_not_lift_a_non_software_career() {
        let m = matcher();
        let as_of = jiff::civil::date(2024, 1, 1);
        let accountant = m.analyze(
            "Senior Accountant\nExperience\nAccountant, Big Firm, 1995 - present\n\
             Monthly closing in SAP and Excel; SQL reports for the controller.\n",
            as_of,
        );
        assert!(
            accountant.score < 10.0,
            "{}: {}",
            accountant.score,
            accountant.reason
        );
    }

    #[test]
    fn bare_list_is_weaker_than_experience() {
        let m = matcher();
        let as_of = jiff::civil::date(2024, 1, 1);
        let list = m.analyze(
            "Skills\nJava, Spring, PostgreSQL, AWS, Docker, REST\n",
            as_of,
        );
        let used = m.analyze(
            "Experience\nBuilt Java and Spring services on PostgreSQL, AWS and Docker with REST APIs\n",
            as_of,
        );
        assert!(used.backend_coverage > list.backend_coverage);
        assert_eq!(list.matched_backend, used.matched_backend);
    }

    #[test]
    fn analysis_is_deterministic_and_serializable() {
        let m = matcher();
        let text =
            "Jane Roe\njane@example.com\nExperience\nLead developer 2015 - 2020\nGo, Rust, k8s\n";
        let as_of = jiff::civil::date(2024, 1, 1);
        let a = m.analyze(text, as_of);
        assert_eq!(a, m.analyze(text, as_of));
        let json = serde_json::to_string(&a).expect("serializes");
        assert!(json.contains("\"matched_backend\""));
        assert_eq!(a.years_experience, 6.0);
        assert!(a.matched_backend.iter().any(|s| &**s == "Kubernetes"));
        assert!(a.reason.starts_with("backend "), "{}", a.reason);
        // A hit serialises with the fields it had when `matched` was one: same names,
        // same order.
        let hit = a
            .explanation
            .keywords
            .iter()
            .find(|h| h.keyword == "Kubernetes")
            .expect("k8s hit");
        assert_eq!(
            serde_json::to_string(hit).expect("serializes"),
            format!(
                "{{\"keyword\":\"Kubernetes\",\"category\":{category:?},\"kind\":\"skill\",\
                 \"matched\":\"k8s\",\"line\":5,\"line_text\":\"Go, Rust, k8s\",\
                 \"section\":{section},\"weight\":{weight:?},\"context\":{context:?}}}",
                category = hit.category,
                section = serde_json::to_string(&hit.section).expect("section"),
                weight = hit.weight,
                context = hit.context,
            )
        );
        assert_eq!(hit.matched().as_str(), "k8s");
        assert_eq!(hit.line_text.span(), 10..13);
        let range = a.explanation.ranges.first().expect("a range");
        assert_eq!(range.text().as_str(), "2015 - 2020");
        assert_eq!(
            serde_json::to_string(range).expect("serializes"),
            format!(
                "{{\"text\":\"2015 - 2020\",\"start\":\"2015-01\",\"end\":\"2020-12\",\
                 \"open\":false,\"months\":72,\"section\":{section},\"line\":4,\
                 \"line_text\":\"Lead developer 2015 - 2020\"}}",
                section = serde_json::to_string(&range.section).expect("section"),
            )
        );
    }

    #[test]
    fn joint_pattern_gate_finds_what_each_gate_finds() {
        let m = matcher();
        let gate = m
            .joint_gate
            .as_ref()
            .expect("keywords and titles share a gate");
        for text in [
            "Senior Java Developer\nLed a team of 6 engineers; managed 4 developers\n",
            "Hired 12 engineers.\nPython developers and .NET engineers\nGo developer\n",
            "nothing\n\nDB Developer, Acme 2019 - 2021\nmentored five devs\n",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let joint = gate.scan(text);
            let [keyword_lines, title_lines] = &joint.matchers;
            let titles = m.titles.matcher();
            let starts = m
                .starts
                .as_ref()
                .expect("keywords and titles have start filters")
                .scan(text.as_bytes());
            assert_eq!(
                matching::group_by_line(&m.keywords.mentions_by_line_with(
                    text,
                    &lines,
                    keyword_lines,
                    Some(&starts[0])
                )),
                m.keywords.mentions_by_line(text, &lines),
                "{text:?}"
            );
            assert_eq!(
                matching::group_by_line(&titles.mentions_by_line_with(
                    text,
                    &lines,
                    title_lines,
                    Some(&starts[1])
                )),
                titles.mentions_by_line(text, &lines),
                "{text:?}"
            );
        }
    }

    #[test]
    fn claimed_years_from_the_joint_gate_equal_their_own() {
        let m = matcher();
        assert!(m.joint_has_claims);
        let gate = m.joint_gate.as_ref().expect("joint gate");
        for text in [
            "10+ years of experience in Java\n",
            "Over twelve years of backend development; 3 yrs of Go.\n",
            "Experience: 7 years\nA career of 15 years in payments\n",
            "no claim here, 2019 - 2021\n",
        ] {
            let joint = gate.scan(text);
            let claim_starts = joint.extra.as_deref();
            assert!(claim_starts.is_some(), "{text:?}");
            assert_eq!(
                dates::claimed_years_from(text, claim_starts),
                dates::claimed_years(text),
                "{text:?}"
            );
        }
    }

    /// The thread's [`Scratch`] carries nothing from one call to the next: analyses made
    /// one after another on one thread, alternating roles of different keyword counts,
    /// equal the same analyses each made on a fresh thread (fresh, empty scratch).
    #[test]
    fn reused_scratch_gives_the_analysis_of_fresh_vectors() {
        const PIECES: &[&str] = &[
            "Jane Doe\n",
            "Java ",
            "Kafka, ",
            "Go and Rust ",
            "PostgreSQL ",
            "led a team of 5 engineers ",
            "hiring managers ",
            "Senior Backend Engineer\n",
            "Experience\n",
            "2015 - 2020 ",
            "10 years of experience ",
            "word ",
            "\n",
            "\r\n",
        ];
        let matchers: Vec<Matcher> = Role::builtin_names()
            .iter()
            .map(|(name, _)| Matcher::new(Role::builtin(name).expect("builtin")).expect("matcher"))
            .collect();
        let as_of = jiff::civil::date(2026, 11, 23);
        let mut next = crate::testgen::xorshift(0x5C7A_7C48_0D1E_F00D);
        let texts: Vec<String> = (0..24)
            .map(|round| crate::testgen::pieces(&mut next, PIECES, 4 + round * 5))
            .collect();
        for (k, text) in texts.iter().enumerate() {
            for (j, m) in matchers.iter().enumerate() {
                // Alternated so that the scratch left behind is another role's.
                let m = matchers.get((j + k) % matchers.len()).unwrap_or(m);
                let reused = m.analyze(text, as_of);
                let fresh = std::thread::scope(|s| {
                    s.spawn(|| m.analyze(text, as_of)).join().expect("no panic")
                });
                assert_eq!(reused, fresh, "{text:?}");
            }
        }
    }

    #[test]
    fn split_lines_is_str_lines() {
        for t in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "\r\n\r\n",
            "a\rb\nc\r\r\nd",
            "é\n•\r\n\u{2028}x\r",
            "\r",
            "a\n\r",
        ] {
            assert_eq!(split_lines(t), t.lines().collect::<Vec<_>>(), "{t:?}");
        }
    }

    /// The `memchr_iter` loop that [`split_lines`] replaced.
    fn split_lines_by_memchr(text: &str) -> Vec<&str> {
        let mut lines = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            let line = text.get(start..end).unwrap_or_default();
            lines.push(line.strip_suffix('\r').unwrap_or(line));
            start = end + 1;
        }
        if let Some(last) = text.get(start..).filter(|l| !l.is_empty()) {
            lines.push(last);
        }
        lines
    }

    #[test]
    fn split_lines_matches_memchr_and_str_lines_on_random_texts() {
        const PIECES: &[&str] = &[
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "a",
            "word ",
            "é",
            "•",
            "\u{2028}",
            "2019",
            "\0",
            "a line of some length, longer than sixteen bytes ",
        ];
        let mut next = crate::testgen::xorshift(0x1234_5678_9ABC_DEF1);
        // One vector for all rounds, as `analyze` keeps it: what the previous text left
        // in it must not show.
        let mut kept: Vec<&str> = Vec::new();
        let mut offsets = vec![7];
        for round in 0..3000 {
            let text = crate::testgen::pieces(&mut next, PIECES, round % 90);
            let lines = split_lines(&text);
            assert_eq!(lines, split_lines_by_memchr(&text), "{text:?}");
            assert_eq!(lines, text.lines().collect::<Vec<_>>(), "{text:?}");
            // The same slices of the text, not equal copies.
            for (a, b) in lines.iter().zip(text.lines()) {
                assert_eq!(a.as_ptr(), b.as_ptr());
            }
            let mut reused = recycle(kept);
            split_lines_into(&text, &mut reused, &mut offsets);
            assert_eq!(reused, lines, "{text:?}");
            let want = matching::line_offsets(&text, &lines);
            assert_eq!(Some(&offsets), want.as_ref(), "{text:?}");
            kept = recycle(reused);
            assert!(kept.is_empty());
        }
    }

    #[test]
    fn recycled_lines_keep_their_allocation() {
        let text = String::from("a\nb\nc\n");
        let mut lines = Vec::with_capacity(100);
        split_lines_into(&text, &mut lines, &mut Vec::new());
        let (at, capacity) = (lines.as_ptr().cast::<u8>(), lines.capacity());
        let kept: Vec<&'static str> = recycle(lines);
        assert!(kept.is_empty());
        // Not a promise of std's, only what makes the reuse pay: report if it changes.
        assert_eq!(
            (kept.as_ptr().cast::<u8>(), kept.capacity()),
            (at, capacity)
        );
    }

    #[test]
    fn block_masks_are_the_bytewise_masks() {
        let mut next = crate::testgen::xorshift(0x0DDB_A11C_AFE5_EED5);
        for _ in 0..2000 {
            let mut block = [0u8; 64];
            for b in &mut block {
                // Mostly the bytes sought and their neighbours, sometimes any byte.
                const POOL: &[u8] = b"\n\r\x0b\x8a\0\xff";
                let r = next();
                *b = match r % 4 {
                    0 => (r >> 16) as u8,
                    _ => POOL[(r >> 8) as usize % POOL.len()],
                };
            }
            for needle in [b'\n', b'\r', 0x8a, 0, 0xff] {
                let want = blocks::bytewise(&block, needle);
                assert_eq!(blocks::mask(&block, needle), want, "{block:?} {needle}");
            }
        }
    }

    /// The `reason` line as it was first written, with a `format!` per part.
    fn reason_line_reference(
        backend: f64,
        covered: usize,
        n_required: usize,
        (titles, profession): (&professions::Found, f64),
        leadership: f64,
        (years, claimed): (f64, Option<f64>),
        years_target: f64,
    ) -> String {
        let years_text = match claimed {
            Some(c) if c > years => format!("{years:.1} y (claims {c})"),
            _ => format!("{years:.1} y"),
        };
        let title_note = if titles.backend.is_empty() && titles.other.is_empty() {
            String::new()
        } else {
            let all: Vec<&str> = titles
                .backend
                .iter()
                .chain(&titles.other)
                .map(|t| &**t)
                .collect();
            format!("; titles {} x{profession:.2}", all.join(", "))
        };
        format!(
            "backend {backend:.2} ({covered}/{n_required} required{title_note}), \
             leadership {leadership:.2}, {years_text} vs {years_target} y target",
        )
    }

    #[test]
    fn reason_line_is_the_formatted_reference() {
        let mut next = crate::testgen::xorshift(0x5DEE_CE66_D1CE_4E5B);
        let names = ["Java developer", "Designer", "DBA", "", "é, x"];
        let fraction = |next: &mut dyn FnMut() -> u64| (next() % 20_001) as f64 / 10_000.0;
        for _ in 0..2_000 {
            let mut titles = professions::Found::default();
            for _ in 0..next() % 3 {
                titles.backend.push(Arc::from(names[(next() % 5) as usize]));
            }
            for _ in 0..next() % 3 {
                titles.other.push(Arc::from(names[(next() % 5) as usize]));
            }
            let n_required = (next() % 10) as usize;
            let covered = (next() % (n_required as u64 + 1)) as usize;
            let years = (next() % 400) as f64 / 10.0;
            let claimed = match next() % 3 {
                0 => None,
                1 => Some((next() % 40) as f64),
                _ => Some((next() % 400) as f64 / 10.0),
            };
            let args = (
                fraction(&mut next),
                covered,
                n_required,
                fraction(&mut next),
                fraction(&mut next),
                years,
                claimed,
                (next() % 30) as f64 / 2.0,
            );
            let (b, c, n, p, l, y, cl, t) = args;
            assert_eq!(
                reason_line(b, c, n, (&titles, p), l, (y, cl), t),
                reason_line_reference(b, c, n, (&titles, p), l, (y, cl), t),
                "{args:?} {titles:?}"
            );
        }
    }

    #[test]
    fn strength_sums_skip_only_what_cannot_change_them() {
        // Roles with one kind only, with every kind, and with weights of -0, 0 and 1.
        let base = Role::builtin(DEFAULT_ROLE).expect("builtin");
        let mut roles = vec![base.clone()];
        for kind in [KeywordKind::Skill, KeywordKind::Leadership] {
            let mut r = base.clone();
            r.keywords.retain(|k| k.kind == kind);
            roles.push(r);
        }
        for w in [-0.0, 0.0, 1.0] {
            let mut r = base.clone();
            for k in r.keywords.iter_mut().step_by(3) {
                k.weight = w;
            }
            roles.push(r);
        }
        let mut next = crate::testgen::xorshift(0x7777_1234_ABCD_0001);
        for role in roles {
            let m = Matcher::new(role).expect("matcher");
            for round in 0..200 {
                let strength: Vec<f64> = m
                    .role
                    .keywords
                    .iter()
                    .map(|_| match next() % 4 {
                        _ if round == 0 => 0.0,
                        0 => 0.6,
                        1 => 1.0,
                        _ => 0.0,
                    })
                    .collect();
                let got = m.matched(&strength, &found_of(&strength), KindCounts::default());
                let (skill_sum, leadership_sum) = m.strength_sums(&strength);
                assert_eq!(got.skill_sum.to_bits(), skill_sum.to_bits(), "{skill_sum}");
                assert_eq!(got.leadership_sum.to_bits(), leadership_sum.to_bits());
            }
        }
    }

    /// The indices of the strengths above 0, ascending (what `analyze` collects).
    fn found_of(strength: &[f64]) -> Vec<usize> {
        (0..strength.len()).filter(|&i| strength[i] > 0.0).collect()
    }

    #[test]
    fn credits_from_the_found_keywords_are_the_credits_of_every_fit() {
        // Every built-in role, and the default one with odd weights (0, -0, negative,
        // NaN, equal ones that tie) and with a keyword named as an item of its own.
        let mut roles: Vec<Role> = Role::builtin_names()
            .iter()
            .map(|(name, _)| Role::builtin(name).expect("builtin"))
            .collect();
        let base = Role::builtin(DEFAULT_ROLE).expect("builtin");
        for w in [0.0, -0.0, -1.0, f64::NAN, 1.0] {
            let mut r = base.clone();
            for k in r.keywords.iter_mut().step_by(4) {
                k.weight = w;
            }
            roles.push(r);
        }
        let mut r = base.clone();
        if let Some(k) = r.keywords.iter().find(|k| k.kind == KeywordKind::Skill) {
            r.required.push(Requirement::Keyword(k.name.clone()));
            r.preferred.insert(0, Requirement::Keyword(k.name.clone()));
        }
        roles.push(r);
        let mut next = crate::testgen::xorshift(0x5EED_C0DE_0F00_0001);
        let weights = [0.0, 0.0, 0.0, 0.0, 0.1, 0.6, 1.0];
        for role in roles {
            let m = Matcher::new(role).expect("matcher");
            for round in 0..300 {
                let strength: Vec<f64> = m
                    .role
                    .keywords
                    .iter()
                    .map(|_| match round {
                        0 => 0.0,
                        1 => 1.0,
                        _ => weights[(next() % weights.len() as u64) as usize],
                    })
                    .collect();
                let got = m.credits(&strength, &found_of(&strength));
                let want = m.credits_reference(&strength);
                assert_eq!(got.len(), want.len());
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(
                        (g.name, g.required, g.credit.to_bits(), g.by),
                        (w.name, w.required, w.credit.to_bits(), w.by)
                    );
                }
            }
        }
    }

    #[test]
    fn credit_totals_are_the_filtered_walks() {
        let mut next = crate::testgen::xorshift(0xC0FF_EE00_1234_5677);
        let values = [0.0, -0.0, 0.1, 0.6, 1.0, 0.35, -1.0, f64::NAN, 1e-300, 0.3];
        for round in 0..5_000 {
            let credits: Vec<RequirementCredit> = (0..round % 24)
                .map(|_| RequirementCredit {
                    name: "x",
                    required: !next().is_multiple_of(3),
                    credit: values[(next() % values.len() as u64) as usize],
                    by: None,
                })
                .collect();
            let t = CreditTotals::of(&credits);
            // The walks `analyze` made before.
            let mean = |required: bool| -> Option<f64> {
                let of_kind = || credits.iter().filter(|r| r.required == required);
                let n = of_kind().count();
                (n > 0).then(|| of_kind().map(|r| r.credit).sum::<f64>() / n as f64)
            };
            let bits = |m: Option<f64>| m.map(f64::to_bits);
            assert_eq!(bits(CreditTotals::mean(t.required)), bits(mean(true)));
            assert_eq!(bits(CreditTotals::mean(t.preferred)), bits(mean(false)));
            let missing = credits
                .iter()
                .filter(|r| r.required && r.credit <= 0.0)
                .count();
            assert_eq!(t.missing, missing);
            assert_eq!(t.required.1, credits.iter().filter(|r| r.required).count());
        }
    }

    #[test]
    fn interned_strings_are_shared_and_equal() {
        let a = intern("Kubernetes");
        let b = intern(&String::from("Kubernetes"));
        assert_eq!(a, "Kubernetes");
        assert!(std::ptr::eq(a, b));
        assert_ne!(intern("Kafka"), a);
    }

    #[test]
    fn matched_lists_are_the_found_keywords_of_each_kind() {
        let m = matcher();
        let kws = &m.role.keywords;
        let mut next = crate::testgen::xorshift(0x1234_5678_9ABC_DEF1);
        let weights = [0.0, 0.0, 0.0, 0.1, 0.6, 1.0];
        for _ in 0..500 {
            let strength: Vec<f64> = kws
                .iter()
                .map(|_| weights[(next() % weights.len() as u64) as usize])
                .collect();
            let reference = |kind: KeywordKind| -> Vec<&str> {
                kws.iter()
                    .zip(&strength)
                    .filter(|(k, s)| k.kind == kind && **s > 0.0)
                    .map(|(k, _)| k.name.as_str())
                    .collect()
            };
            let mut found = KindCounts::default();
            for (k, _) in kws.iter().zip(&strength).filter(|(_, s)| **s > 0.0) {
                *found.for_kind(k.kind) += 1;
            }
            // The counts only size the lists: wrong ones must not change them.
            for found in [found, KindCounts::default()] {
                let got = m.matched(&strength, &found_of(&strength), found);
                assert_eq!(got.skills, reference(KeywordKind::Skill));
                assert_eq!(got.leadership, reference(KeywordKind::Leadership));
                let (skill_sum, leadership_sum) = m.strength_sums(&strength);
                assert_eq!(got.skill_sum.to_bits(), skill_sum.to_bits());
                assert_eq!(got.leadership_sum.to_bits(), leadership_sum.to_bits());
            }
        }
    }

    #[test]
    fn number_pushes_format_like_std() {
        let mut next = crate::testgen::xorshift(0x0BAD_5EED_1234_5678);
        let mut values: Vec<f64> = vec![
            0.0,
            -0.0,
            0.005,
            0.015,
            0.025,
            0.125,
            0.375,
            0.625,
            0.875,
            0.25,
            0.75,
            0.05,
            0.15,
            0.35,
            0.45,
            0.95,
            0.995,
            0.9949999,
            1.0,
            1.3,
            2.5,
            9.95,
            99.995,
            123456.785,
            999_999.995,
            1e6,
            1e7,
            1e15,
            1e16,
            5e-324,
            1e-300,
            1e-20,
            0.004_999,
            -1.5,
            -0.004,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
        ];
        for _ in 0..200_000 {
            let r = next();
            values.push(match r % 5 {
                // Any bit pattern.
                0 => f64::from_bits(next()),
                // Values in the score's range.
                1 => (next() % 2_000_000) as f64 / 1_000_000.0,
                // Exact ties and their neighbours: k / 2^j.
                2 => {
                    let v = (next() % 100_000) as f64 / (1u64 << (next() % 12)) as f64;
                    match next() % 3 {
                        0 => v,
                        1 => f64::from_bits(v.to_bits().wrapping_add(1)),
                        _ => f64::from_bits(v.to_bits().wrapping_sub(1)),
                    }
                }
                // Years and integers.
                3 => (next() % 600) as f64 / 10.0,
                _ => (next() % 2_000_000) as f64 / 1000.0 * f64::from((next() % 7) as u32),
            });
        }
        for x in values {
            let mut got = String::new();
            push_fixed(&mut got, x, 2);
            assert_eq!(got, format!("{x:.2}"), "{x:e}");
            got.clear();
            push_fixed(&mut got, x, 1);
            assert_eq!(got, format!("{x:.1}"), "{x:e}");
            got.clear();
            push_fixed(&mut got, x, 3);
            assert_eq!(got, format!("{x:.3}"), "{x:e}");
            got.clear();
            push_display(&mut got, x);
            assert_eq!(got, format!("{x}"), "{x:e}");
            let n = next() >> (next() % 64);
            got.clear();
            push_uint(&mut got, n);
            assert_eq!(got, n.to_string());
        }
        let mut got = String::new();
        push_uint(&mut got, u64::MAX);
        assert_eq!(got, u64::MAX.to_string());
    }

    #[test]
    fn excerpt_is_the_sliced_text() {
        let line: Arc<str> = Arc::from("Kubernetes, é k8s");
        for start in 0..=line.len() + 1 {
            for end in 0..=line.len() + 1 {
                let e = Excerpt::new(&line, start, end);
                let expected = line.get(start..end).unwrap_or("");
                assert_eq!(e.as_str(), expected, "{start}..{end}");
                assert_eq!(&*e, expected);
                assert_eq!(e.to_string(), expected);
                assert_eq!(format!("{e:?}"), format!("{expected:?}"));
                assert_eq!(
                    serde_json::to_string(&e).expect("serializes"),
                    serde_json::to_string(expected).expect("serializes")
                );
                assert_eq!(e, Excerpt::new(&Arc::from(expected), 0, expected.len()));
            }
        }
    }

    #[test]
    fn empty_text_scores_zero() {
        let a = matcher().analyze("", jiff::civil::date(2024, 1, 1));
        assert_eq!(a.score, 0.0);
        assert_eq!(a.name, None);
    }
}
