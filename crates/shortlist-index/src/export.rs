//! Export of the whole talent pool as Elasticsearch/OpenSearch `_bulk` NDJSON,
//! plus the matching index mapping, so a team can move the pool into an
//! existing search cluster.

use std::io::Write;

use crate::error::{Error, Result};
use crate::index::TalentIndex;

/// The Elasticsearch index name used in the bulk action lines.
pub const ES_INDEX_NAME: &str = "shortlist-candidates";

impl TalentIndex {
    /// Writes every indexed document (all statuses, so failed files stay
    /// visible; filter on `status` in ES) as `_bulk` NDJSON: an action line
    /// `{"index":{"_index":"shortlist-candidates","_id":"<sha256>"}}` followed
    /// by the [`crate::CandidateDoc`] JSON. Ordered by file path so exports
    /// diff cleanly. Returns the number of documents written.
    ///
    /// Two files with identical content share an `_id`; ES keeps the last
    /// one (by path), which is what deduplication by content wants.
    pub fn export_es_bulk(&self, out: &mut dyn Write) -> Result<usize> {
        let (searcher, docs) = self.all_docs_by_file()?;
        let mut count = 0;
        for (_, addr) in docs {
            let doc = self.load(&searcher, addr, true)?;
            let action = serde_json::json!({
                "index": { "_index": ES_INDEX_NAME, "_id": doc.id }
            });
            serde_json::to_writer(&mut *out, &action)?;
            out.write_all(b"\n").map_err(Error::Export)?;
            serde_json::to_writer(&mut *out, &doc)?;
            out.write_all(b"\n").map_err(Error::Export)?;
            count += 1;
        }
        out.flush().map_err(Error::Export)?;
        Ok(count)
    }
}

/// The Elasticsearch/OpenSearch mapping matching [`TalentIndex::export_es_bulk`]
/// (pretty-printed JSON, for `PUT shortlist-candidates`). The text analyzer
/// mirrors ours: standard tokenizer, lowercase, ASCII folding, no stemming.
pub fn es_mapping_json() -> String {
    let mapping = serde_json::json!({
        "settings": {
            "analysis": {
                "analyzer": {
                    "shortlist_text": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"]
                    }
                },
                "normalizer": {
                    "shortlist_lowercase": {
                        "type": "custom",
                        "filter": ["lowercase"]
                    }
                }
            }
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": { "type": "keyword" },
                "file": { "type": "keyword" },
                "size": { "type": "long" },
                "mtime": { "type": "date", "format": "epoch_second" },
                "name": { "type": "text", "analyzer": "shortlist_text" },
                "email": { "type": "text", "analyzer": "shortlist_text",
                           "fields": { "raw": { "type": "keyword", "normalizer": "shortlist_lowercase" } } },
                "phone": { "type": "keyword" },
                "text": { "type": "text", "analyzer": "shortlist_text" },
                "skills": { "type": "keyword", "normalizer": "shortlist_lowercase" },
                "years_experience": { "type": "double" },
                "claimed_years": { "type": "double" },
                "score": { "type": "double" },
                "role": { "type": "keyword" },
                "status": { "type": "keyword" },
                "reason": { "type": "text" },
                "indexed_at": { "type": "date", "format": "epoch_second" }
            }
        }
    });
    serde_json::to_string_pretty(&mapping).unwrap_or_default()
}
