//! The on-disk layout of the talent index: fields, analyzers and the schema
//! version check. Everything that must stay identical between the process
//! that wrote an index and the one that reads it lives here.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Bumped whenever the schema or an analyzer changes meaning. It is baked
/// into the analyzer names, so an index written with another version has a
/// different schema and is rejected as incompatible rather than silently
/// returning wrong results.
pub const SCHEMA_VERSION: u32 = 1;

/// Analyzer for free text: split on non-alphanumerics, lowercase, fold
/// accents. No stemming, so "java" does not match "javanese" variants and
/// exact words match exactly.
pub(crate) const TEXT_ANALYZER: &str = "shortlist_text_v1";
/// Analyzer for skills: the whole canonical name is one lowercase term.
pub(crate) const KEYWORD_ANALYZER: &str = "shortlist_keyword_v1";

/// Tokens longer than this are base64 blobs or URLs, not words.
const MAX_TOKEN_LEN: usize = 64;

/// Field handles, resolved once per opened index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub file: Field,
    pub file_words: Field,
    pub size: Field,
    pub mtime: Field,
    pub name: Field,
    pub email: Field,
    pub phone: Field,
    pub text: Field,
    pub skills: Field,
    pub years_experience: Field,
    pub claimed_years: Field,
    pub score: Field,
    pub role: Field,
    pub status: Field,
    pub reason: Field,
    pub indexed_at: Field,
}

/// Builds the schema of the current version together with its field handles.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(TEXT_ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let stored_text = TextOptions::default()
        .set_indexing_options(text_indexing.clone())
        .set_stored();
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD_ANALYZER)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    let fast_f64 = NumericOptions::default().set_fast().set_stored();

    let fields = Fields {
        // id/file are exact terms (deletes, lookups); file is also a fast
        // column so results can be tie-broken by path and the manifest read
        // without decompressing stored documents.
        id: b.add_text_field("id", STRING | STORED | FAST),
        file: b.add_text_field("file", STRING | STORED | FAST),
        // The path split into words, so `file:alvarez` works without the full path.
        file_words: b.add_text_field(
            "file_words",
            TextOptions::default().set_indexing_options(text_indexing),
        ),
        size: b.add_u64_field("size", FAST | STORED),
        mtime: b.add_i64_field("mtime", FAST | STORED),
        name: b.add_text_field("name", stored_text.clone()),
        email: b.add_text_field("email", stored_text.clone()),
        phone: b.add_text_field("phone", STORED),
        text: b.add_text_field("text", stored_text),
        skills: b.add_text_field("skills", keyword),
        years_experience: b.add_f64_field("years_experience", fast_f64.clone()),
        claimed_years: b.add_f64_field("claimed_years", fast_f64.clone()),
        score: b.add_f64_field("score", fast_f64),
        role: b.add_text_field("role", STORED),
        status: b.add_text_field("status", STRING | STORED),
        reason: b.add_text_field("reason", STORED),
        indexed_at: b.add_i64_field("indexed_at", INDEXED | STORED),
    };
    (b.build(), fields)
}

/// The free-text analyzer (also used by the query compiler, so queries are
/// tokenized exactly like documents).
pub(crate) fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The skills analyzer: one lowercase term per value.
pub(crate) fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Registers our analyzers; the index stores only their names, so this must
/// run on every open.
pub(crate) fn register_analyzers(index: &tantivy::Index) {
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
    index
        .tokenizers()
        .register(KEYWORD_ANALYZER, keyword_analyzer());
}

/// Lowercases a skill name the way the skills analyzer does.
pub(crate) fn skill_term(skill: &str) -> String {
    skill.trim().to_lowercase()
}
