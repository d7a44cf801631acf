//! The search index (design §8): a tantivy index of the corpus, the
//! knowledge graph beside it, and a manifest, all in one folder (`index/` by
//! default).
//!
//! Layout of the folder:
//!
//! ```text
//! index/
//!   search/          the tantivy index (texts as written, facts, records)
//!   graph.json       the knowledge graph (see crate::graph)
//!   manifest.json    versions, files and their hashes, counts, skipped files
//!   cancu.lock       held while `cancu index` writes
//! ```
//!
//! The tantivy index is the source of truth for what is indexed: each
//! document holds its path, size, modification time and hash (fast fields,
//! for incremental updates) and its extraction record (stored JSON, from
//! which the graph is rebuilt). The commit payload records the versions the
//! index was built with; when any differs, the next `cancu index` rebuilds.
//!
//! Readers never see a half-written index: tantivy commits are atomic,
//! `graph.json` and `manifest.json` are replaced by rename, and a rebuild of
//! a different format is written beside the old index and swapped in.

pub mod analyzer;
mod build;
mod lazy_union;
mod search;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

pub use build::{update, BuildConfig, Event, Summary};
pub use search::{parse_query, Facets, Filters, Hit, QueryPart, Results, SearchConfig, Snippet, Sort};

use crate::ingest::Record;
use crate::{Error, Result};

/// Version of the index's schema and layout. A different version is rebuilt.
pub const FORMAT_VERSION: u32 = 1;
/// Version of the analysers ([`analyzer`]). A different version is rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
/// Version of what extraction produces, as far as the index is concerned.
pub const EXTRACTION_VERSION: u32 = 1;

/// Folder of the tantivy index inside the index folder.
pub const SEARCH_DIR: &str = "search";
/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";
/// The lock file's name.
pub const LOCK: &str = "cancu.lock";

/// The fields of the tantivy schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub path: Field,
    pub hash: Field,
    pub size: Field,
    pub mtime: Field,
    pub title: Field,
    pub title_f: Field,
    pub body: Field,
    pub body_f: Field,
    pub party: Field,
    pub party_f: Field,
    pub signer: Field,
    pub signer_f: Field,
    pub number: Field,
    pub cites: Field,
    pub cited: Field,
    pub kind: Field,
    pub province: Field,
    pub province_now: Field,
    pub province_key: Field,
    pub year: Field,
    pub date: Field,
    pub period_from: Field,
    pub period_to: Field,
    pub record: Field,
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        o.set_stored()
    } else {
        o
    }
}

/// The schema, and its fields.
pub(crate) fn schema() -> (Schema, Fields) {
    use analyzer::{EXACT, FOLDED};
    let mut b = Schema::builder();
    let fast_string = STRING | FAST;
    let f = Fields {
        path: b.add_text_field("path", STRING | STORED | FAST),
        hash: b.add_text_field("hash", STRING | FAST),
        size: b.add_u64_field("size", FAST),
        mtime: b.add_u64_field("mtime", FAST),
        title: b.add_text_field("title", text(EXACT, true)),
        title_f: b.add_text_field("title_f", text(FOLDED, false)),
        body: b.add_text_field("body", text(EXACT, true)),
        body_f: b.add_text_field("body_f", text(FOLDED, false)),
        party: b.add_text_field("party", text(EXACT, false)),
        party_f: b.add_text_field("party_f", text(FOLDED, false)),
        signer: b.add_text_field("signer", text(EXACT, false)),
        signer_f: b.add_text_field("signer_f", text(FOLDED, false)),
        number: b.add_text_field("number", STRING),
        cites: b.add_text_field("cites", STRING),
        cited: b.add_text_field("cited", fast_string.clone()),
        kind: b.add_text_field("kind", fast_string.clone()),
        province: b.add_text_field("province", fast_string.clone()),
        province_now: b.add_text_field("province_now", fast_string),
        province_key: b.add_text_field("province_key", STRING),
        year: b.add_u64_field("year", INDEXED | FAST),
        date: b.add_u64_field("date", FAST),
        period_from: b.add_u64_field("period_from", INDEXED | FAST),
        period_to: b.add_u64_field("period_to", INDEXED | FAST),
        record: b.add_bytes_field("record", STORED),
    };
    (b.build(), f)
}

/// What an index was built with; stored in each commit's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versions {
    pub format: u32,
    pub analyzer: u32,
    pub extraction: u32,
    /// Digest of the reference data ([`crate::Knowledge::fingerprint`]).
    pub knowledge: String,
    pub cancu: String,
}

impl Versions {
    pub fn current(knowledge_fingerprint: &str) -> Versions {
        Versions {
            format: FORMAT_VERSION,
            analyzer: ANALYZER_VERSION,
            extraction: EXTRACTION_VERSION,
            knowledge: knowledge_fingerprint.to_string(),
            cancu: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// Why an index built with `self` must be rebuilt to be `current`, if it must.
    pub fn rebuild_reason(&self, current: &Versions) -> Option<String> {
        if self.format != current.format {
            Some(format!("index format {} is not {}", self.format, current.format))
        } else if self.analyzer != current.analyzer {
            Some("the text analysis changed".into())
        } else if self.extraction != current.extraction || self.cancu != current.cancu {
            Some("extraction changed".into())
        } else if self.knowledge != current.knowledge {
            Some("the catalogue or reference data changed".into())
        } else {
            None
        }
    }
}

/// One file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    /// BLAKE3 of the file's bytes.
    pub hash: String,
    pub bytes: u64,
}

/// A file that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    /// Whether an earlier version of it is still in the index.
    pub kept_previous: bool,
}

/// Counts over the indexed documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub documents: usize,
    pub citations: usize,
    pub parties: usize,
    pub signatories: usize,
}

/// `manifest.json`: what the index holds. Written after each commit; the
/// tantivy index stays the source of truth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format_version: u32,
    /// The index commit (tantivy opstamp) the manifest and the graph describe.
    pub commit: u64,
    /// The files and folders the index mirrors, as given to `cancu index`.
    #[serde(default)]
    pub roots: Vec<String>,
    pub versions: Versions,
    pub counts: Counts,
    pub files: Vec<FileEntry>,
    pub skipped: Vec<Skipped>,
}

impl Manifest {
    /// Read the manifest of an index folder.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Data {
            source_name: path.display().to_string(),
            message: e.to_string(),
        })
    }
}

/// Write `bytes` to `dir/name` atomically.
pub(crate) fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::Io {
        path: dir.join(name),
        source,
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(dir.join(name)).map_err(|e| io(e.error))?;
    Ok(())
}

pub(crate) fn tantivy_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// An index opened for reading.
pub struct Index {
    dir: PathBuf,
    index: tantivy::Index,
    reader: tantivy::IndexReader,
    fields: Fields,
    versions: Option<Versions>,
}

impl Index {
    /// Whether `dir` holds an index.
    pub fn exists(dir: &Path) -> bool {
        dir.join(SEARCH_DIR).join("meta.json").is_file()
    }

    /// Open the index in `dir` for reading.
    pub fn open(dir: &Path) -> Result<Index> {
        let search = dir.join(SEARCH_DIR);
        if !Index::exists(dir) {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        // A rebuild swaps folders by rename: try once more if we fell in between.
        let index = match tantivy::Index::open_in_dir(&search) {
            Ok(i) => i,
            Err(_) => {
                std::thread::sleep(std::time::Duration::from_millis(100));
                tantivy::Index::open_in_dir(&search).map_err(|e| tantivy_error(&search, e))?
            }
        };
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(Error::Index {
                path: search,
                message: "the index was written by another version of cancu: run `cancu index --rebuild`".into(),
            });
        }
        analyzer::register(&index);
        let versions = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok());
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(&search, e))?;
        Ok(Index {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            versions,
        })
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The versions the index was built with (None for an index without a commit payload).
    pub fn versions(&self) -> Option<&Versions> {
        self.versions.as_ref()
    }

    /// Number of documents indexed.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Every indexed document's record, ordered by path.
    pub fn records(&self) -> Result<Vec<Record>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            for doc in seg.doc_ids_alive() {
                let addr = tantivy::DocAddress::new(ord as u32, doc);
                out.push(self.record_at(&searcher, addr)?);
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    pub(crate) fn record_at(&self, searcher: &tantivy::Searcher, addr: tantivy::DocAddress) -> Result<Record> {
        use tantivy::schema::Value;
        let doc: tantivy::TantivyDocument = searcher
            .doc(addr)
            .map_err(|e| tantivy_error(&self.dir.join(SEARCH_DIR), e))?;
        let bytes = doc
            .get_first(self.fields.record)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| Error::Index {
                path: self.dir.join(SEARCH_DIR),
                message: "a document without its record".into(),
            })?;
        serde_json::from_slice(bytes).map_err(|e| Error::Index {
            path: self.dir.join(SEARCH_DIR),
            message: format!("a stored record does not read: {e}"),
        })
    }

    /// The stored text (as written) of a document.
    pub(crate) fn body_at(&self, searcher: &tantivy::Searcher, addr: tantivy::DocAddress) -> Result<String> {
        use tantivy::schema::Value;
        let doc: tantivy::TantivyDocument = searcher
            .doc(addr)
            .map_err(|e| tantivy_error(&self.dir.join(SEARCH_DIR), e))?;
        Ok(doc
            .get_first(self.fields.body)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string())
    }

    /// Every indexed document's record and stored text (as written), ordered
    /// by path, one at a time: memory stays that of one document however
    /// large the index.
    pub fn for_each_document(&self, mut f: impl FnMut(Record, String) -> Result<()>) -> Result<()> {
        use tantivy::schema::Value;
        let at = self.dir.join(SEARCH_DIR);
        let searcher = self.reader.searcher();
        let mut order: Vec<(String, tantivy::DocAddress)> = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let Some(paths) = seg.fast_fields().str("path").map_err(|e| tantivy_error(&at, e))? else {
                continue;
            };
            for doc in seg.doc_ids_alive() {
                let mut s = String::new();
                if let Some(o) = paths.term_ords(doc).next() {
                    paths.ord_to_str(o, &mut s).map_err(|e| tantivy_error(&at, e))?;
                }
                order.push((s, tantivy::DocAddress::new(ord as u32, doc)));
            }
        }
        order.sort();
        for (_, addr) in order {
            let doc: tantivy::TantivyDocument = searcher.doc(addr).map_err(|e| tantivy_error(&at, e))?;
            let record = doc
                .get_first(self.fields.record)
                .and_then(|v| v.as_bytes())
                .ok_or_else(|| Error::Index {
                    path: at.clone(),
                    message: "a document without its record".into(),
                })
                .and_then(|bytes| {
                    serde_json::from_slice(bytes).map_err(|e| Error::Index {
                        path: at.clone(),
                        message: format!("a stored record does not read: {e}"),
                    })
                })?;
            let text = doc
                .get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            f(record, text)?;
        }
        Ok(())
    }

    /// One document's record and text, found by path, by the end of its
    /// path (`003_798d9b088e52fc0e.txt`), or by its number (any spelling).
    pub fn find(&self, what: &str) -> Result<Option<(Record, String)>> {
        let searcher = self.reader.searcher();
        let mut found = Vec::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let Some(paths) = seg.fast_fields().str("path").map_err(|e| tantivy_error(&self.dir, e))? else {
                continue;
            };
            let mut s = String::new();
            for doc in seg.doc_ids_alive() {
                for o in paths.term_ords(doc) {
                    s.clear();
                    if paths.ord_to_str(o, &mut s).unwrap_or(false) && (s == what || s.ends_with(&format!("/{what}"))) {
                        found.push((s.clone(), tantivy::DocAddress::new(ord as u32, doc)));
                    }
                }
            }
        }
        if found.is_empty() {
            let term = tantivy::Term::from_field_text(self.fields.number, &crate::ident::key(what));
            let q = tantivy::query::TermQuery::new(term, IndexRecordOption::Basic);
            let top = searcher
                .search(&q, &tantivy::collector::TopDocs::with_limit(16))
                .map_err(|e| tantivy_error(&self.dir, e))?;
            for (_, addr) in top {
                let r = self.record_at(&searcher, addr)?;
                found.push((r.path, addr));
            }
        }
        found.sort();
        match found.first() {
            Some(&(_, addr)) => Ok(Some((self.record_at(&searcher, addr)?, self.body_at(&searcher, addr)?))),
            None => Ok(None),
        }
    }
}
