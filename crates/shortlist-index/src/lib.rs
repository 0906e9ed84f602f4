//! The talent-pool search index of shortlist.
//!
//! This is the only crate that knows the search engine (tantivy). The CLI
//! hands it ready [`CandidateDoc`]s (extraction and scoring happen
//! elsewhere) and gets back typed results:
//!
//! * [`TalentIndex::open_or_create`] / [`TalentIndex::open`] open an index
//!   directory; [`TalentIndex::manifest`] tells which files are indexed and
//!   in which version, read from the index itself.
//! * [`TalentIndex::writer`] gives a [`TalentWriter`] to
//!   [`upsert`](TalentWriter::upsert) / [`remove_file`](TalentWriter::remove_file)
//!   and [`commit`](TalentWriter::commit) atomically.
//! * [`parse_query`] parses the recruiter query language and
//!   [`TalentIndex::search`] runs it.
//! * [`TalentIndex::export_es_bulk`] and [`es_mapping_json`] export the pool
//!   to Elasticsearch/OpenSearch.

mod doc;
mod error;
mod export;
mod highlight;
mod index;
mod query;
mod schema;

pub use doc::{CandidateDoc, ManifestEntry, STATUS_OK};
pub use error::{Error, Result};
pub use export::{ES_INDEX_NAME, es_mapping_json};
pub use highlight::Highlight;
pub use index::{SearchHit, SearchOptions, TalentIndex, TalentWriter};
pub use query::{NumericField, Query, QueryError, TextField, parse_query};
pub use schema::SCHEMA_VERSION;

#[cfg(test)]
mod tests;
