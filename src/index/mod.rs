//! The search index: a tantivy index of the corpus, the
//! knowledge graph beside it, and a manifest, all in one folder (`index/` by
//! default).
//!
//! Layout of the folder:
//!
//! ```text
//! index/
//!   search/              the tantivy index (texts as written, facts, records)
//!   gen-N/graph.bin      the knowledge graph of generation N, memory-mapped by
//!                        every reader (crate::graph, its store)
//!   gen-N/manifest.json  versions, roots, files and their hashes, counts, skipped files
//!   cancu.lock           held while `cancu index` writes
//! ```
//!
//! The tantivy index is the source of truth for what is indexed: each
//! document holds its path, size, modification time and hash (fast fields,
//! for incremental updates) and its extraction record (stored JSON, from
//! which the graph is rebuilt). The payload of each commit ([`Payload`])
//! records the versions the index was built with, the roots it mirrors and
//! its *generation* N.
//!
//! One unit: a run writes the whole `gen-N/` folder of the next generation
//! (flushed to disk) before the tantivy commit that names it, so the commit
//! is the one moment the new state becomes visible, and every reader takes
//! the graph and the manifest of the generation the commit
//! names. A run killed at any point leaves the previous generation or the
//! new one whole; what it left half-written (a `gen-N/` that no commit
//! names, temporary files, a rebuild not swapped in) is removed by the next
//! run. The previous generation is kept for readers that opened it.

pub mod analyzer;
mod build;
mod dir;
mod lazy_union;
mod page;
mod pairs;
mod search;
mod shared;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

pub use build::{update, BuildConfig, CorrectionsFile, Event, Summary, FAILPOINTS};
pub use dir::ReadOnlyTolerant;
pub use search::{parse_query, Facets, Filters, Hit, QueryPart, Results, SearchConfig, Snippet, Sort};

use crate::ingest::Record;
use crate::{Error, Result};

/// Version of the index's schema and layout. A different version is rebuilt.
/// 3: the graph is one file, `gen-N/graph.bin` (was `graph.json` and `reach.bin`).
/// 4: the words side by side of titles and bodies, as pairs (`title_p`,
/// `body_p`).
/// 5: the words of titles and bodies without positions (phrases are read
/// from the pairs); the text stored compressed (`text`), apart from `body`.
pub const FORMAT_VERSION: u32 = 5;
/// Version of the analysers ([`analyzer`]). A different version is rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
/// Version of what extraction produces, as far as the index is concerned.
pub const EXTRACTION_VERSION: u32 = 2;

/// Folder of the tantivy index inside the index folder.
pub const SEARCH_DIR: &str = "search";
/// The manifest's file name (in a generation's folder).
pub const MANIFEST: &str = "manifest.json";
/// Prefix of a generation's folder: `gen-N`.
pub const GENERATION_PREFIX: &str = "gen-";
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
    /// The title's words side by side, as written and folded ([`pairs`]).
    pub title_p: Field,
    pub body: Field,
    pub body_f: Field,
    /// The body's words side by side, as written and folded.
    pub body_p: Field,
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
    /// The text as written, stored compressed ([`stored_text_bytes`]).
    pub text: Field,
}

/// A field of words with their counts, for a text that also has pairs:
/// a phrase in it is found through the pairs, so its words need no
/// positions.
fn words(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// A field of words with their positions, for a phrase read from the words
/// (names of parties and signatories).
fn words_at(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// A field of pairs of words: counts and the position of each pair's first
/// word (a phrase of three words or more is read from the pairs that tile
/// it), no field lengths (a phrase found through it is scored with its
/// words' field's).
fn pairs() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(pairs::PAIRS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(false),
    )
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
        title: b.add_text_field("title", words(EXACT)),
        title_f: b.add_text_field("title_f", words(FOLDED)),
        title_p: b.add_text_field("title_p", pairs()),
        body: b.add_text_field("body", words(EXACT)),
        body_f: b.add_text_field("body_f", words(FOLDED)),
        body_p: b.add_text_field("body_p", pairs()),
        party: b.add_text_field("party", words_at(EXACT)),
        party_f: b.add_text_field("party_f", words_at(FOLDED)),
        signer: b.add_text_field("signer", words_at(EXACT)),
        signer_f: b.add_text_field("signer_f", words_at(FOLDED)),
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
        text: b.add_bytes_field("text", STORED),
    };
    (b.build(), f)
}

/// The stored form of a document's text: its UTF-8 bytes, LZ4-compressed
/// (a law is hundreds of kilobytes, and a page of hits reads ten: fewer
/// bytes to copy out of the store).
pub(crate) fn stored_text_bytes(text: &str) -> Vec<u8> {
    lz4_flex::block::compress_prepend_size(text.as_bytes())
}

/// The text stored in `field` of a document ([`stored_text_bytes`]),
/// checked as UTF-8 with SIMD. `at` names the index in an error.
pub(crate) fn stored_text(doc: &tantivy::TantivyDocument, field: Field, at: &Path) -> Result<String> {
    use tantivy::schema::Value;
    let damaged = |what: &str| Error::Index {
        path: at.to_path_buf(),
        message: format!("a stored text {what}"),
    };
    let packed = doc.get_first(field).and_then(|v| v.as_bytes()).unwrap_or_default();
    let (size, rest) = lz4_flex::block::uncompressed_size(packed).map_err(|_| damaged("has no length"))?;
    // LZ4 expands by at most 255 to 1: a larger length is damage, not text.
    if size > rest.len().saturating_mul(255).saturating_add(16) {
        return Err(damaged("claims a length its bytes cannot hold"));
    }
    let bytes = lz4_flex::block::decompress(rest, size).map_err(|e| damaged(&format!("does not decompress: {e}")))?;
    // Checked once, with SIMD, then copied (`String::from_utf8` would
    // check it again, a byte at a time).
    Ok(simdutf8::basic::from_utf8(&bytes)
        .map_err(|_| damaged("is not UTF-8"))?
        .to_owned())
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
    /// Digest of the corrections file applied (empty: none).
    #[serde(default, rename = "corrections_digest", skip_serializing_if = "String::is_empty")]
    pub corrections: String,
}

impl Versions {
    pub fn current(knowledge_fingerprint: &str) -> Versions {
        Versions {
            format: FORMAT_VERSION,
            analyzer: ANALYZER_VERSION,
            extraction: EXTRACTION_VERSION,
            knowledge: knowledge_fingerprint.to_string(),
            cancu: env!("CARGO_PKG_VERSION").to_string(),
            corrections: String::new(),
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
        } else if self.corrections != current.corrections {
            Some("the corrections changed".into())
        } else {
            None
        }
    }
}

/// What each commit of the tantivy index carries: the versions it was built
/// with, its generation (the `gen-N` folder of its graph and manifest) and
/// the roots it mirrors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    #[serde(flatten)]
    pub versions: Versions,
    pub generation: u64,
    pub roots: Vec<Root>,
    /// The corrections file applied (absolute), applied again by the next
    /// `cancu index` unless it is told otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections: Option<PathBuf>,
}

/// A file or folder the index mirrors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Root {
    /// Absolute and canonical, as it was when last indexed.
    pub path: String,
    /// Its name relative to the folder that holds the index folder (the
    /// names of its documents start with it), or absolute when it lies
    /// outside: found again there when the index and its files moved together.
    pub name: String,
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
    /// The generation (folder `gen-N`) the manifest belongs to.
    pub generation: u64,
    /// The files and folders the index mirrors.
    pub roots: Vec<Root>,
    pub versions: Versions,
    pub counts: Counts,
    pub graph_nodes: usize,
    pub graph_edges: usize,
    pub files: Vec<FileEntry>,
    pub skipped: Vec<Skipped>,
    /// The corrections file applied, if any, and what it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrections: Option<Applied>,
}

/// What a corrections file did to the index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The file (absolute).
    pub path: PathBuf,
    /// BLAKE3 of its bytes.
    pub digest: String,
    /// Documents with at least one corrected fact.
    pub documents: usize,
    /// Corrections that no longer match their document, each a sentence.
    pub warnings: Vec<String>,
}

impl Manifest {
    /// Read the manifest of the index in `dir` (of its committed generation).
    pub fn load(dir: &Path) -> Result<Manifest> {
        let gen = committed(dir)?;
        Manifest::load_from(&generation_dir(dir, gen.generation))
    }

    /// Read `manifest.json` from a generation's folder.
    pub fn load_from(gen_dir: &Path) -> Result<Manifest> {
        let path = gen_dir.join(MANIFEST);
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

fn records_in(searcher: &tantivy::Searcher, fields: &Fields, at: &Path) -> Result<Vec<Record>> {
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    stored_records(searcher, fields, at, |_, bytes| {
        out.push(read_record(bytes, at)?);
        Ok(())
    })?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Each live document's name and stored record (its JSON), in index order.
pub(crate) fn stored_records(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    at: &Path,
    mut each: impl FnMut(&str, &[u8]) -> Result<()>,
) -> Result<()> {
    use tantivy::schema::Value;
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        for doc in seg.doc_ids_alive() {
            let addr = tantivy::DocAddress::new(ord as u32, doc);
            let d: tantivy::TantivyDocument = searcher.doc(addr).map_err(|e| tantivy_error(at, e))?;
            let (Some(path), Some(bytes)) = (
                d.get_first(fields.path).and_then(|v| v.as_str()),
                d.get_first(fields.record).and_then(|v| v.as_bytes()),
            ) else {
                return Err(Error::Index {
                    path: at.to_path_buf(),
                    message: "a document without its name or record".into(),
                });
            };
            each(path, bytes)?;
        }
    }
    Ok(())
}

/// A stored record (its JSON) read back.
pub(crate) fn read_record(bytes: &[u8], at: &Path) -> Result<Record> {
    serde_json::from_slice(bytes).map_err(|e| Error::Index {
        path: at.to_path_buf(),
        message: format!("a stored record does not read: {e}"),
    })
}

/// The folder document names are relative to: the one that holds the index
/// folder (canonical), so names do not depend on the working directory.
pub fn base_of(dir: &Path) -> Option<PathBuf> {
    let d = std::fs::canonicalize(dir).ok()?;
    d.parent().map(Path::to_path_buf)
}

/// The folder of generation `n` of the index in `dir`.
pub fn generation_dir(dir: &Path, n: u64) -> PathBuf {
    dir.join(format!("{GENERATION_PREFIX}{n}"))
}

/// The payload of the commit the index in `dir` stands at, read from
/// tantivy's `meta.json` without opening the index.
pub fn committed(dir: &Path) -> Result<Payload> {
    let meta = dir.join(SEARCH_DIR).join("meta.json");
    let text = match std::fs::read_to_string(&meta) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if dir.join(SEARCH_DIR).exists() {
                Error::Damaged {
                    path: dir.to_path_buf(),
                    message: format!("{} is missing", meta.display()),
                }
            } else {
                Error::NoIndex {
                    path: dir.to_path_buf(),
                }
            })
        }
        Err(source) => return Err(Error::Io { path: meta, source }),
    };
    payload_of_meta(&text).ok_or_else(|| Error::Damaged {
        path: dir.to_path_buf(),
        message: format!(
            "{} does not name a generation of this version of cancu (an older index, or a damaged one)",
            meta.display()
        ),
    })
}

/// The payload in the text of a tantivy `meta.json`.
pub(crate) fn payload_of_meta(meta: &str) -> Option<Payload> {
    #[derive(Deserialize)]
    struct Meta {
        payload: Option<String>,
    }
    let m: Meta = serde_json::from_str(meta).ok()?;
    serde_json::from_str(&m.payload?).ok()
}

/// The folder of the graph and the manifest of the generation
/// the index in `dir` stands at.
pub fn current_generation_dir(dir: &Path) -> Result<PathBuf> {
    let g = committed(dir)?;
    let d = generation_dir(dir, g.generation);
    if !d.is_dir() {
        return Err(Error::Damaged {
            path: dir.to_path_buf(),
            message: format!("{} is missing", d.display()),
        });
    }
    Ok(d)
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
    /// The folder document names are relative to ([`base_of`]).
    base: Option<PathBuf>,
    index: tantivy::Index,
    reader: tantivy::IndexReader,
    fields: Fields,
    payload: Payload,
}

impl Index {
    /// Whether `dir` holds an index (or what is left of one: a damaged
    /// index is still one, to be repaired rather than built over).
    pub fn exists(dir: &Path) -> bool {
        dir.join(SEARCH_DIR).exists()
    }

    /// Open the index in `dir` for reading. Reading writes nothing: it works
    /// on a folder the user may not write.
    pub fn open(dir: &Path) -> Result<Index> {
        let search = dir.join(SEARCH_DIR);
        let damaged = |message: String| Error::Damaged {
            path: dir.to_path_buf(),
            message,
        };
        let payload = committed(dir)?;
        if payload.versions.format != FORMAT_VERSION {
            return Err(Error::OtherFormat {
                path: dir.to_path_buf(),
                found: payload.versions.format,
                reads: FORMAT_VERSION,
            });
        }
        let index = ReadOnlyTolerant::open(&search)
            .and_then(tantivy::Index::open)
            .map_err(|e| damaged(e.to_string()))?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(damaged("its schema is not the one this version of cancu writes".into()));
        }
        analyzer::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(e.to_string()))?;
        Ok(Index {
            dir: dir.to_path_buf(),
            base: base_of(dir),
            index,
            reader,
            fields,
            payload,
        })
    }

    /// The generation the index stands at.
    pub fn generation(&self) -> u64 {
        self.payload.generation
    }

    /// The folder of this generation's graph and manifest.
    pub fn generation_dir(&self) -> PathBuf {
        generation_dir(&self.dir, self.payload.generation)
    }

    /// The roots the index mirrors.
    pub fn roots(&self) -> &[Root] {
        &self.payload.roots
    }

    /// The file a document's name stands for: names are relative to the
    /// folder that holds the index folder, or absolute.
    pub fn file_of(&self, name: &str) -> PathBuf {
        let p = crate::fsutil::path_of_name(name);
        if p.is_absolute() {
            return p;
        }
        match &self.base {
            Some(base) => base.join(p),
            None => p,
        }
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The versions the index was built with.
    pub fn versions(&self) -> &Versions {
        &self.payload.versions
    }

    /// Number of documents indexed.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Every indexed document's record, ordered by path.
    pub fn records(&self) -> Result<Vec<Record>> {
        records_in(&self.reader.searcher(), &self.fields, &self.dir.join(SEARCH_DIR))
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
        let doc: tantivy::TantivyDocument = searcher
            .doc(addr)
            .map_err(|e| tantivy_error(&self.dir.join(SEARCH_DIR), e))?;
        stored_text(&doc, self.fields.text, &self.dir.join(SEARCH_DIR))
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
            f(record, stored_text(&doc, self.fields.text, &at)?)?;
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
            // Typed without diacritics, a number stands for its spellings with them.
            let q = tantivy::query::TermSetQuery::new(
                crate::ident::key_variants(what)
                    .iter()
                    .map(|v| tantivy::Term::from_field_text(self.fields.number, v)),
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_text_reads_back_and_damage_is_an_error_not_a_huge_allocation() {
        let (_, f) = schema();
        let at = Path::new("index/search");
        let doc = |bytes: Vec<u8>| {
            let mut d = tantivy::TantivyDocument::default();
            d.add_bytes(f.text, &bytes);
            d
        };
        let text = "Chương trình phối hợp về khuyến học, khuyến tài. ".repeat(100);
        let read = stored_text(&doc(stored_text_bytes(&text)), f.text, at).expect("the text");
        assert_eq!(read, text);
        // A length of 4 GiB before three bytes: damage, refused before any
        // allocation of that size.
        let mut claims = u32::MAX.to_le_bytes().to_vec();
        claims.extend_from_slice(b"abc");
        let e = stored_text(&doc(claims), f.text, at).expect_err("damage");
        assert!(e.to_string().contains("claims a length"), "{e}");
        // Compressed bytes that are not UTF-8.
        let e =
            stored_text(&doc(lz4_flex::block::compress_prepend_size(b"\xff\xfe")), f.text, at).expect_err("not UTF-8");
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        // No length at all.
        assert!(stored_text(&doc(Vec::new()), f.text, at).is_err());
    }
}
