//! Opening, writing and searching the talent index on disk.
//!
//! Crash safety comes from the engine: a commit atomically replaces
//! `meta.json`, so whatever happens to the process (even `kill -9`), the next
//! open sees exactly the last commit. The manifest is read from the indexed
//! documents themselves, so it can never disagree with the index.

use std::collections::HashMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByString};
use tantivy::directory::error::LockError;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query as EngineQuery,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

use crate::doc::{CandidateDoc, ManifestEntry, STATUS_OK};
use crate::error::{Error, Result};
use crate::highlight::Highlight;
use crate::query::{NumericField, Query, TextField};
use crate::schema::{self, Fields, SCHEMA_VERSION};

/// Smallest per-thread indexing budget the engine accepts (15 MiB).
const MIN_THREAD_BUDGET: usize = 15 * 1024 * 1024;
/// More indexing or search threads than this only adds overhead on the small
/// machines shortlist targets.
const MAX_THREADS: usize = 4;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 200;

/// Payload written with every commit; informational for humans, and checked
/// on open so a newer layout with an identical field list is still rejected.
#[derive(Serialize, Deserialize)]
struct CommitPayload {
    shortlist_schema_version: u32,
}

/// A talent index on disk, opened for reading (and, via [`TalentIndex::writer`], writing).
pub struct TalentIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
}

impl std::fmt::Debug for TalentIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TalentIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// Options for [`TalentIndex::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Maximum number of hits (0 returns nothing).
    pub limit: usize,
    /// Only candidates with at least this many computed years of experience.
    pub min_years: Option<f64>,
    /// Canonical skill names every hit must have (`--skill`, already resolved).
    pub skills: Vec<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            min_years: None,
            skills: Vec::new(),
        }
    }
}

/// One search result: the stored candidate fields (without the full text),
/// its relevance and the best-matching passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Engine relevance (BM25-based); higher is better.
    pub relevance: f32,
    /// SHA-256 of the file content.
    pub id: String,
    /// File path.
    pub file: String,
    /// File size in bytes.
    pub size: u64,
    /// File mtime, unix seconds.
    pub mtime: i64,
    /// Candidate name.
    pub name: String,
    /// Candidate e-mail.
    pub email: String,
    /// Candidate phone.
    pub phone: String,
    /// Canonical skills.
    pub skills: Vec<String>,
    /// Computed years of experience.
    pub years_experience: f64,
    /// Claimed years of experience.
    pub claimed_years: Option<f64>,
    /// Role match score.
    pub score: f64,
    /// Role the score refers to.
    pub role: String,
    /// Always `"ok"` (other statuses are not searchable); kept for output symmetry.
    pub status: String,
    /// When the document was indexed, unix seconds.
    pub indexed_at: i64,
    /// The best passage of the text, with the matched words marked.
    pub snippet: Highlight,
}

impl TalentIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if
    /// there is none yet. Used by `shortlist index`.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<TalentIndex> {
        let dir = dir.as_ref();
        if has_index(dir) {
            return TalentIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            action: "creating index directory",
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, _) = schema::build();
        let index = match Index::create_in_dir(dir, schema) {
            Ok(index) => index,
            // Another process created it between our check and now: open theirs.
            Err(TantivyError::IndexAlreadyExists) => return TalentIndex::open(dir),
            Err(e) => return Err(Error::engine("creating the index", e)),
        };
        TalentIndex::from_index(dir, index)
    }

    /// Opens an existing index for searching or exporting.
    ///
    /// Fails with [`Error::Missing`] when `dir` holds no index and with
    /// [`Error::Incompatible`] when it was written with another layout.
    pub fn open(dir: impl AsRef<Path>) -> Result<TalentIndex> {
        let dir = dir.as_ref();
        if !has_index(dir) {
            return Err(Error::Missing {
                dir: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| match e {
            TantivyError::OpenDirectoryError(_)
            | TantivyError::OpenReadError(_)
            | TantivyError::IoError(_) => Error::engine("opening the index", e),
            other => Error::Incompatible {
                dir: dir.to_path_buf(),
                detail: other.to_string(),
            },
        })?;
        check_compatible(dir, &index)?;
        TalentIndex::from_index(dir, index)
    }

    fn from_index(dir: &Path, mut index: Index) -> Result<TalentIndex> {
        schema::register_analyzers(&index);
        // Search segments in parallel: a large pool has several segments and
        // per-query latency matters more than throughput for a CLI.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS);
        if threads > 1 {
            index
                .set_multithread_executor(threads)
                .map_err(|e| Error::engine("starting search threads", e))?;
        }
        let (_, fields) = schema::build();
        // Manual reloads: a CLI process wants one consistent view, and our
        // own writer reloads after each commit.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::engine("opening an index reader", e))?;
        Ok(TalentIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader,
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Re-reads the last commit (made by this or another process).
    pub fn reload(&self) -> Result<()> {
        self.reader
            .reload()
            .map_err(|e| Error::engine("reloading the index", e))
    }

    /// Number of documents (all statuses) as of the last reload.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Opens the single writer of this index.
    ///
    /// `memory_budget_bytes` is split across up to four indexing threads
    /// (at least 15 MiB each; smaller budgets are raised to that). Fails with
    /// [`Error::Locked`] if another live process is writing. A lock file left
    /// by a killed process does not block: the lock is an OS file lock that
    /// dies with its process.
    pub fn writer(&self, memory_budget_bytes: usize) -> Result<TalentWriter> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = cores
            .min(MAX_THREADS)
            .min(memory_budget_bytes / MIN_THREAD_BUDGET)
            .max(1);
        let budget = memory_budget_bytes.max(MIN_THREAD_BUDGET * threads);
        let writer = self
            .index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked {
                    dir: self.dir.clone(),
                },
                other => Error::engine("opening the index writer", other),
            })?;
        Ok(TalentWriter {
            writer,
            fields: self.fields,
            reader: self.reader.clone(),
        })
    }

    /// What the index holds per file, as of the last reload (which is the
    /// last commit right after opening). Read from the documents themselves,
    /// so it is exactly as crash-safe as the index.
    pub fn manifest(&self) -> Result<HashMap<String, ManifestEntry>> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let ctx = "reading the manifest columns";
            let files = str_column_terms(ff.str("file").map_err(|e| Error::engine(ctx, e))?)?;
            let ids = str_column_terms(ff.str("id").map_err(|e| Error::engine(ctx, e))?)?;
            let sizes = ff.u64("size").map_err(|e| Error::engine(ctx, e))?;
            let mtimes = ff.i64("mtime").map_err(|e| Error::engine(ctx, e))?;
            for doc in segment.doc_ids_alive() {
                let Some(file) = files.get(doc) else {
                    continue;
                };
                out.insert(
                    file.clone(),
                    ManifestEntry {
                        id: ids.get(doc).cloned().unwrap_or_default(),
                        size: sizes.first(doc).unwrap_or(0),
                        mtime: mtimes.first(doc).unwrap_or(0),
                    },
                );
            }
        }
        Ok(out)
    }

    /// Fetches the stored document for `file`, if indexed (any status).
    pub fn get(&self, file: &str) -> Result<Option<CandidateDoc>> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.file, file),
            IndexRecordOption::Basic,
        );
        let hits = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| Error::engine("looking up a file", e))?;
        match hits.first() {
            Some((_, addr)) => Ok(Some(self.load(&searcher, *addr, true)?)),
            None => Ok(None),
        }
    }

    /// Parses `q` with [`crate::parse_query`] and runs [`TalentIndex::search`].
    pub fn search_str(
        &self,
        q: &str,
        canonical_skill: &dyn Fn(&str) -> Option<String>,
        opts: &SearchOptions,
    ) -> Result<Vec<SearchHit>> {
        let query = crate::query::parse_query(q, canonical_skill)?;
        self.search(&query, opts)
    }

    /// Runs a parsed query. Only `status == "ok"` candidates are returned,
    /// best first; equal relevance is broken by file path so output is stable.
    pub fn search(&self, query: &Query, opts: &SearchOptions) -> Result<Vec<SearchHit>> {
        if opts.limit == 0 {
            return Ok(Vec::new());
        }
        let f = &self.fields;
        let mut compiler = Compiler {
            f,
            analyzer: schema::text_analyzer(),
        };
        // Filters score 0 so they do not distort relevance.
        let filter = |q: Box<dyn EngineQuery>| -> (Occur, Box<dyn EngineQuery>) {
            (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
        };
        let mut clauses = vec![
            (Occur::Must, compiler.compile(query)),
            filter(Box::new(TermQuery::new(
                Term::from_field_text(f.status, STATUS_OK),
                IndexRecordOption::Basic,
            ))),
        ];
        if let Some(min) = opts.min_years {
            clauses.push(filter(range_query(
                f.years_experience,
                Bound::Included(min),
                Bound::Unbounded,
            )));
        }
        for skill in &opts.skills {
            clauses.push(filter(Box::new(TermQuery::new(
                Term::from_field_text(f.skills, &schema::skill_term(skill)),
                IndexRecordOption::Basic,
            ))));
        }
        let engine_query = BooleanQuery::new(clauses);

        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(opts.limit).order_by((
            (SortBySimilarityScore, Order::Desc),
            (SortByString::for_field("file"), Order::Asc),
        ));
        let top = searcher
            .search(&engine_query, &collector)
            .map_err(|e| Error::engine("searching", e))?;

        let snippets = self.snippet_generator(&searcher, &mut compiler, query)?;
        let mut hits = Vec::with_capacity(top.len());
        for ((relevance, _file), addr) in top {
            let doc: TantivyDocument = searcher
                .doc(addr)
                .map_err(|e| Error::engine("loading a stored document", e))?;
            let c = to_candidate(&doc, f, true)?;
            let snippet = match &snippets {
                Some(generator) => {
                    let s = generator.snippet(&c.text);
                    if s.is_empty() {
                        Highlight::leading(&c.text, SNIPPET_CHARS)
                    } else {
                        Highlight::new(s.fragment(), s.highlighted())
                    }
                }
                None => Highlight::leading(&c.text, SNIPPET_CHARS),
            };
            hits.push(SearchHit {
                relevance,
                id: c.id,
                file: c.file,
                size: c.size,
                mtime: c.mtime,
                name: c.name,
                email: c.email,
                phone: c.phone,
                skills: c.skills,
                years_experience: c.years_experience,
                claimed_years: c.claimed_years,
                score: c.score,
                role: c.role,
                status: c.status,
                indexed_at: c.indexed_at,
                snippet,
            });
        }
        Ok(hits)
    }

    /// Builds a snippet generator over the text words worth highlighting, or
    /// `None` when the query has none (e.g. only a `years:` range).
    fn snippet_generator(
        &self,
        searcher: &Searcher,
        compiler: &mut Compiler<'_>,
        query: &Query,
    ) -> Result<Option<SnippetGenerator>> {
        let mut terms: Vec<(Occur, Box<dyn EngineQuery>)> = Vec::new();
        for phrase in query.highlight_terms() {
            for token in compiler.tokens(&phrase) {
                terms.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.text, &token),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        if terms.is_empty() {
            return Ok(None);
        }
        let mut generator =
            SnippetGenerator::create(searcher, &BooleanQuery::new(terms), self.fields.text)
                .map_err(|e| Error::engine("preparing snippets", e))?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(Some(generator))
    }

    /// Every document (all statuses), sorted by file path.
    pub(crate) fn all_docs_by_file(&self) -> Result<(Searcher, Vec<(String, DocAddress)>)> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let files = str_column_terms(
                segment
                    .fast_fields()
                    .str("file")
                    .map_err(|e| Error::engine("reading the file column", e))?,
            )?;
            for doc in segment.doc_ids_alive() {
                let file = files.get(doc).cloned().unwrap_or_default();
                out.push((file, DocAddress::new(ord as u32, doc)));
            }
        }
        out.sort();
        Ok((searcher, out))
    }

    /// Loads a stored document as a [`CandidateDoc`].
    pub(crate) fn load(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        with_text: bool,
    ) -> Result<CandidateDoc> {
        let doc: TantivyDocument = searcher
            .doc(addr)
            .map_err(|e| Error::engine("loading a stored document", e))?;
        to_candidate(&doc, &self.fields, with_text)
    }
}

/// Whether `dir` contains an index (its `meta.json`, written by every commit).
fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Rejects indexes whose schema or recorded version differs from ours.
fn check_compatible(dir: &Path, index: &Index) -> Result<()> {
    let incompatible = |detail: String| Error::Incompatible {
        dir: dir.to_path_buf(),
        detail,
    };
    let (expected, _) = schema::build();
    let actual = index.schema();
    if actual != expected {
        let mismatched = expected
            .fields()
            .find(|(field, entry)| {
                actual.get_field(entry.name()).ok() != Some(*field)
                    || actual.get_field_entry(*field) != *entry
            })
            .map(|(_, e)| e.name().to_string())
            .or_else(|| {
                actual
                    .fields()
                    .find(|(_, e)| expected.get_field(e.name()).is_err())
                    .map(|(_, e)| e.name().to_string())
            })
            .unwrap_or_default();
        return Err(incompatible(format!(
            "its field layout differs from schema version {SCHEMA_VERSION} at field '{mismatched}'"
        )));
    }
    let metas = index
        .load_metas()
        .map_err(|e| Error::engine("reading index metadata", e))?;
    if let Some(payload) = metas.payload {
        match serde_json::from_str::<CommitPayload>(&payload) {
            Ok(p) if p.shortlist_schema_version == SCHEMA_VERSION => {}
            Ok(p) => {
                return Err(incompatible(format!(
                    "it has schema version {}, this shortlist uses version {SCHEMA_VERSION}",
                    p.shortlist_schema_version
                )));
            }
            Err(_) => {
                return Err(incompatible("it was not written by shortlist".to_string()));
            }
        }
    }
    Ok(())
}

/// Reads a string fast column into `doc -> first value`.
///
/// Streams the column's dictionary once instead of looking up every ordinal,
/// which would decompress the same dictionary blocks over and over.
fn str_column_terms(col: Option<tantivy::columnar::StrColumn>) -> Result<DocStrings> {
    let Some(col) = col else {
        return Ok(DocStrings::default());
    };
    let mut terms = Vec::with_capacity(col.dictionary().num_terms());
    let mut stream = col
        .dictionary()
        .stream()
        .map_err(|e| Error::engine("reading a column dictionary", TantivyError::from(e)))?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(DocStrings {
        ords: Some(col.ords().clone()),
        terms,
    })
}

/// A string column resolved to owned strings.
#[derive(Default)]
struct DocStrings {
    ords: Option<tantivy::columnar::Column<u64>>,
    terms: Vec<String>,
}

impl DocStrings {
    fn get(&self, doc: u32) -> Option<&String> {
        let ord = self.ords.as_ref()?.first(doc)?;
        self.terms.get(usize::try_from(ord).ok()?)
    }
}

/// The single writer of an index. Changes become visible (and durable) only
/// at [`TalentWriter::commit`]; dropping the writer without committing
/// discards them and leaves the previous commit intact.
pub struct TalentWriter {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    reader: IndexReader,
}

impl std::fmt::Debug for TalentWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TalentWriter").finish_non_exhaustive()
    }
}

impl TalentWriter {
    /// Adds `doc`, replacing any document previously indexed for the same `file`.
    pub fn upsert(&mut self, doc: &CandidateDoc) -> Result<()> {
        // Deletes only affect documents added before them, so delete-then-add
        // within one commit keeps exactly the new version.
        self.remove_file(&doc.file)?;
        self.writer
            .add_document(to_engine_doc(doc, &self.fields))
            .map_err(|e| Error::engine("adding a document", e))?;
        Ok(())
    }

    /// Removes the document indexed for `file`, if any (for `--prune`).
    pub fn remove_file(&mut self, file: &str) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, file));
        Ok(())
    }

    /// Makes all changes since the previous commit durable and visible, atomically.
    pub fn commit(&mut self) -> Result<()> {
        let payload = serde_json::to_string(&CommitPayload {
            shortlist_schema_version: SCHEMA_VERSION,
        })?;
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| Error::engine("preparing a commit", e))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(|e| Error::engine("committing", e))?;
        self.reader
            .reload()
            .map_err(|e| Error::engine("reloading after commit", e))
    }

    /// Discards all changes since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer
            .rollback()
            .map(|_| ())
            .map_err(|e| Error::engine("rolling back", e))
    }

    /// Waits for background segment merges and releases the writer lock.
    /// Uncommitted changes are discarded. Call after the final commit so the
    /// next run starts from a compact index.
    pub fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .map_err(|e| Error::engine("finishing background merges", e))
    }
}

fn to_engine_doc(c: &CandidateDoc, f: &Fields) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &c.id);
    d.add_text(f.file, &c.file);
    d.add_text(f.file_words, &c.file);
    d.add_u64(f.size, c.size);
    d.add_i64(f.mtime, c.mtime);
    d.add_text(f.name, &c.name);
    d.add_text(f.email, &c.email);
    d.add_text(f.phone, &c.phone);
    d.add_text(f.text, &c.text);
    for skill in &c.skills {
        d.add_text(f.skills, skill.trim());
    }
    d.add_f64(f.years_experience, c.years_experience);
    if let Some(claimed) = c.claimed_years {
        d.add_f64(f.claimed_years, claimed);
    }
    d.add_f64(f.score, c.score);
    d.add_text(f.role, &c.role);
    d.add_text(f.status, &c.status);
    d.add_text(f.reason, &c.reason);
    d.add_i64(f.indexed_at, c.indexed_at);
    d
}

fn to_candidate(d: &TantivyDocument, f: &Fields, with_text: bool) -> Result<CandidateDoc> {
    let s = |field: Field| -> String {
        d.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let num = |field: Field| d.get_first(field).and_then(|v| v.as_f64());
    let id = s(f.id);
    let file = s(f.file);
    if file.is_empty() {
        return Err(Error::Corrupt(format!("document {id:?} has no file path")));
    }
    Ok(CandidateDoc {
        id,
        file,
        size: d.get_first(f.size).and_then(|v| v.as_u64()).unwrap_or(0),
        mtime: d.get_first(f.mtime).and_then(|v| v.as_i64()).unwrap_or(0),
        name: s(f.name),
        email: s(f.email),
        phone: s(f.phone),
        text: if with_text { s(f.text) } else { String::new() },
        skills: d
            .get_all(f.skills)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        years_experience: num(f.years_experience).unwrap_or(0.0),
        claimed_years: num(f.claimed_years),
        score: num(f.score).unwrap_or(0.0),
        role: s(f.role),
        status: s(f.status),
        reason: s(f.reason),
        indexed_at: d
            .get_first(f.indexed_at)
            .and_then(|v| v.as_i64())
            .unwrap_or(0),
    })
}

fn range_query(field: Field, lower: Bound<f64>, upper: Bound<f64>) -> Box<dyn EngineQuery> {
    let term = |b: Bound<f64>| match b {
        Bound::Included(v) => Bound::Included(Term::from_field_f64(field, v)),
        Bound::Excluded(v) => Bound::Excluded(Term::from_field_f64(field, v)),
        Bound::Unbounded => Bound::Unbounded,
    };
    if matches!((lower, upper), (Bound::Unbounded, Bound::Unbounded)) {
        // The engine requires a bound; no bounds means "has any value".
        return Box::new(AllQuery);
    }
    Box::new(RangeQuery::new(term(lower), term(upper)))
}

/// Turns our [`Query`] into engine queries.
struct Compiler<'a> {
    f: &'a Fields,
    analyzer: TextAnalyzer,
}

impl Compiler<'_> {
    /// Tokenizes like the text fields do.
    fn tokens(&mut self, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = self.analyzer.token_stream(s);
        while let Some(tok) = stream.next() {
            out.push(tok.text.clone());
        }
        out
    }

    /// A word or phrase in one tokenized field.
    fn words(&mut self, field: Field, value: &str) -> Box<dyn EngineQuery> {
        let mut terms: Vec<Term> = self
            .tokens(value)
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        match terms.len() {
            // Nothing searchable (e.g. only punctuation): matches nothing.
            0 => Box::new(EmptyQuery),
            1 => Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::WithFreqs,
            )),
            _ => Box::new(PhraseQuery::new(terms)),
        }
    }

    fn skill(&self, canonical: &str) -> Box<dyn EngineQuery> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.f.skills, &schema::skill_term(canonical)),
            IndexRecordOption::Basic,
        ))
    }

    fn compile(&mut self, q: &Query) -> Box<dyn EngineQuery> {
        let f = *self.f;
        match q {
            Query::All => Box::new(AllQuery),
            Query::Text { value, skill } => {
                let mut should = vec![
                    (Occur::Should, self.words(f.text, value)),
                    (Occur::Should, self.words(f.name, value)),
                ];
                if let Some(canonical) = skill {
                    should.push((Occur::Should, self.skill(canonical)));
                }
                Box::new(BooleanQuery::new(should))
            }
            Query::Field { field, value } => match field {
                TextField::Skill => self.skill(value),
                TextField::Name => self.words(f.name, value),
                TextField::Email => self.words(f.email, value),
                TextField::File => self.words(f.file_words, value),
                TextField::Text => self.words(f.text, value),
            },
            Query::Range {
                field,
                lower,
                upper,
            } => {
                let field = match field {
                    NumericField::Years => f.years_experience,
                    NumericField::ClaimedYears => f.claimed_years,
                    NumericField::Score => f.score,
                };
                range_query(field, *lower, *upper)
            }
            Query::And(items) => {
                let mut clauses = Vec::with_capacity(items.len());
                let mut has_positive = false;
                for item in items {
                    match item {
                        Query::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner))),
                        other => {
                            has_positive = true;
                            clauses.push((Occur::Must, self.compile(other)));
                        }
                    }
                }
                if !has_positive {
                    // A purely negative group means "everyone except".
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Query::Or(items) => Box::new(BooleanQuery::new(
                items
                    .iter()
                    .map(|item| (Occur::Should, self.compile(item)))
                    .collect(),
            )),
            Query::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner)),
            ])),
        }
    }
}
