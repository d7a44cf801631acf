//! `cancu index`: bring the index folder up to date with a set of files.
//!
//! Incremental: a file whose size and modification time are unchanged is not
//! read; one whose bytes hash the same is not extracted again; files no
//! longer among the paths are dropped. A file that cannot be read is
//! reported, and an earlier version of it already in the index is kept.
//! Everything happens under the folder's lock and becomes visible at once
//! at the commit.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{
    analyzer, schema, tantivy_error, write_atomic, Counts, Fields, FileEntry, Manifest, Skipped, Versions,
    FORMAT_VERSION, LOCK, MANIFEST, SEARCH_DIR,
};
use crate::graph::Graph;
use crate::ingest::{self, Limits, Record, Source};
use crate::text::name_key;
use crate::{ident, Error, Knowledge, Result};

/// What to index, where, and how.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The index folder.
    pub dir: PathBuf,
    /// Files and folders to index; the index mirrors them.
    pub paths: Vec<PathBuf>,
    /// Start over instead of updating.
    pub rebuild: bool,
    pub limits: Limits,
    /// Indexing threads of the tantivy writer.
    pub writer_threads: usize,
    /// Memory the tantivy writer may use, in bytes, for all its threads.
    pub writer_memory: usize,
}

impl BuildConfig {
    pub fn new(dir: PathBuf, paths: Vec<PathBuf>) -> BuildConfig {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        BuildConfig {
            dir,
            paths,
            rebuild: false,
            limits: Limits::default(),
            writer_threads: threads,
            writer_memory: threads * 64 * 1024 * 1024,
        }
    }
}

/// What happens while indexing, for a progress display.
#[derive(Debug)]
pub enum Event<'a> {
    /// The index is rebuilt from scratch, and why.
    Rebuilding { reason: &'a str },
    /// Files found under the paths, and how many of them must be read.
    Scanned { files: usize, to_read: usize },
    /// One file read (or failed).
    Read { path: &'a Path },
    /// Writing the index to disk.
    Committing,
    /// Building the knowledge graph.
    Graph,
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub skipped: Vec<Skipped>,
    /// Why the index was rebuilt from scratch, if it was.
    pub rebuilt: Option<String>,
    pub counts: Counts,
    pub graph_nodes: usize,
    pub graph_edges: usize,
}

/// What the index holds for one file.
#[derive(Debug, Clone)]
struct Indexed {
    hash: String,
    size: u64,
    mtime: u64,
}

fn mtime_of(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Hold the index folder's lock for as long as the value lives.
struct Lock(#[allow(dead_code)] File);

fn lock(dir: &Path) -> Result<Lock> {
    let path = dir.join(LOCK);
    let f = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    match f.try_lock() {
        Ok(()) => Ok(Lock(f)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked {
            path: dir.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(Error::Io { path, source }),
    }
}

/// Bring the index in `cfg.dir` up to date with `cfg.paths`.
pub fn update(cfg: &BuildConfig, k: &Knowledge, progress: &(dyn Fn(Event) + Sync)) -> Result<Summary> {
    let dir = &cfg.dir;
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    let _lock = lock(dir)?;
    let current = Versions::current(&k.fingerprint());
    let search = dir.join(SEARCH_DIR);
    let mut summary = Summary::default();

    // Update in place, or rebuild beside the old index and swap.
    let existing = if cfg.rebuild {
        summary.rebuilt = Some("asked with --rebuild".into());
        None
    } else if !super::Index::exists(dir) {
        None
    } else {
        match open_for_update(&search, &current) {
            Ok(i) => Some(i),
            Err(reason) => {
                summary.rebuilt = Some(reason);
                None
            }
        }
    };
    if let Some(reason) = &summary.rebuilt {
        progress(Event::Rebuilding { reason });
    }
    let fresh = existing.is_none();
    let target = if fresh { dir.join("search.new") } else { search.clone() };
    let (index, f) = match existing {
        Some(i) => i,
        None => {
            if target.exists() {
                std::fs::remove_dir_all(&target).map_err(|source| Error::Io {
                    path: target.clone(),
                    source,
                })?;
            }
            std::fs::create_dir_all(&target).map_err(|source| Error::Io {
                path: target.clone(),
                source,
            })?;
            let (s, f) = schema();
            let index = tantivy::Index::create_in_dir(&target, s).map_err(|e| tantivy_error(&target, e))?;
            analyzer::register(&index);
            (index, f)
        }
    };
    let indexed = if fresh {
        BTreeMap::new()
    } else {
        indexed_files(&index, &target)?
    };

    // What is there now, and what must be read.
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in ingest::collect(&cfg.paths) {
        match p {
            Ok(p) => {
                files.insert(p.display().to_string(), p);
            }
            Err(e) => summary.skipped.push(Skipped {
                path: error_path(&e),
                reason: e.to_string(),
                kept_previous: false,
            }),
        }
    }
    let mut to_read = Vec::new();
    for (name, p) in &files {
        let meta = std::fs::metadata(p).ok();
        let same = match (indexed.get(name), &meta) {
            (Some(old), Some(m)) => old.size == m.len() && old.mtime == mtime_of(m),
            _ => false,
        };
        if same {
            summary.unchanged += 1;
        } else {
            to_read.push((name.clone(), p.clone()));
        }
    }
    progress(Event::Scanned {
        files: files.len(),
        to_read: to_read.len(),
    });

    let mut writer: IndexWriter = index
        .writer_with_num_threads(cfg.writer_threads.max(1), cfg.writer_memory)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked { path: dir.clone() },
            e => tantivy_error(&target, e),
        })?;
    for name in indexed.keys().filter(|n| !files.contains_key(*n)) {
        writer.delete_term(Term::from_field_text(f.path, name));
        summary.removed += 1;
    }

    // Read and extract in parallel; each document goes to the writer as it is ready.
    let outcomes: Mutex<Vec<(String, Outcome)>> = Mutex::new(Vec::new());
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    to_read.par_iter().for_each(|(name, p)| {
        let outcome = match ingest::read(p, &cfg.limits) {
            Err(e) => Outcome::Failed(e.to_string()),
            Ok(src) if indexed.get(name).is_some_and(|old| old.hash == src.hash) => Outcome::Same,
            Ok(src) => {
                let rec = ingest::extract_source(&src, k);
                let meta = std::fs::metadata(p).ok();
                let doc = document(&f, &src, &rec, meta.as_ref());
                writer.delete_term(Term::from_field_text(f.path, name));
                if let Err(e) = writer.add_document(doc) {
                    if let Ok(mut slot) = failure.lock() {
                        slot.get_or_insert(tantivy_error(&target, e));
                    }
                }
                if indexed.contains_key(name) {
                    Outcome::Updated
                } else {
                    Outcome::Added
                }
            }
        };
        progress(Event::Read { path: p });
        if let Ok(mut o) = outcomes.lock() {
            o.push((name.clone(), outcome));
        }
    });
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(e);
    }
    let mut outcomes = outcomes.into_inner().unwrap_or_default();
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, o) in outcomes {
        match o {
            Outcome::Added => summary.added += 1,
            Outcome::Updated => summary.updated += 1,
            Outcome::Same => summary.unchanged += 1,
            Outcome::Failed(reason) => summary.skipped.push(Skipped {
                kept_previous: indexed.contains_key(&name),
                path: name,
                reason,
            }),
        }
    }
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));

    // Nothing changed: the index, the graph and the counts stand as they are.
    if !fresh && summary.added + summary.updated + summary.removed == 0 {
        let committed = index.load_metas().map(|m| m.opstamp).ok();
        let previous = Manifest::load(dir).ok().filter(|m| Some(m.commit) == committed);
        if let (Some(previous), Ok(graph)) = (previous, Graph::load(dir)) {
            drop(writer);
            // An index written before the reach file existed gets one.
            if !dir.join(crate::graph::reach::FILE).exists() {
                crate::graph::reach::Reach::from_graph(&graph).save(dir)?;
            }
            summary.counts = previous.counts.clone();
            summary.graph_nodes = graph.g.node_count();
            summary.graph_edges = graph.g.edge_count();
            let manifest = Manifest {
                skipped: summary.skipped.clone(),
                roots: roots(cfg),
                ..previous
            };
            write_manifest(dir, &manifest)?;
            return Ok(summary);
        }
    }

    progress(Event::Committing);
    let payload = serde_json::to_string(&current).unwrap_or_default();
    let mut prepared = writer.prepare_commit().map_err(|e| tantivy_error(&target, e))?;
    prepared.set_payload(&payload);
    let commit = prepared.commit().map_err(|e| tantivy_error(&target, e))?;
    writer.wait_merging_threads().map_err(|e| tantivy_error(&target, e))?;

    if fresh {
        swap(dir, &target, &search)?;
    }

    // The graph and the manifest, from what the index now holds.
    progress(Event::Graph);
    release_freed_memory();
    let opened = super::Index::open(dir)?;
    let records = opened.records()?;
    let graph = Graph::build(&records, k);
    summary.counts = counts(&records);
    drop(records);
    graph.save(dir)?;
    summary.graph_nodes = graph.g.node_count();
    summary.graph_edges = graph.g.edge_count();
    drop(graph);
    let hashes = indexed_files(&opened.index, &search)?;
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        commit,
        roots: roots(cfg),
        versions: current,
        counts: summary.counts.clone(),
        files: hashes
            .into_iter()
            .map(|(path, i)| FileEntry {
                path,
                hash: i.hash,
                bytes: i.size,
            })
            .collect(),
        skipped: summary.skipped.clone(),
    };
    write_manifest(dir, &manifest)?;
    Ok(summary)
}

fn roots(cfg: &BuildConfig) -> Vec<String> {
    cfg.paths.iter().map(|p| p.display().to_string()).collect()
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).map_err(|e| Error::Io {
        path: dir.join(MANIFEST),
        source: e.into(),
    })?;
    json.push(b'\n');
    write_atomic(dir, MANIFEST, &json)
}

enum Outcome {
    Added,
    Updated,
    Same,
    Failed(String),
}

fn error_path(e: &Error) -> String {
    match e {
        Error::Io { path, .. }
        | Error::Decode { path, .. }
        | Error::Format { path, .. }
        | Error::TooLarge { path, .. }
        | Error::NotAFile { path }
        | Error::Index { path, .. }
        | Error::Locked { path }
        | Error::NoIndex { path } => path.display().to_string(),
        Error::Data { source_name, .. } => source_name.clone(),
    }
}

/// Open the existing index for an update, or say why it must be rebuilt.
fn open_for_update(search: &Path, current: &Versions) -> std::result::Result<(tantivy::Index, Fields), String> {
    let index = tantivy::Index::open_in_dir(search).map_err(|e| format!("the index does not open ({e})"))?;
    let (expected, f) = schema();
    if index.schema() != expected {
        return Err("the index schema changed".into());
    }
    let versions: Option<Versions> = index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str(&p).ok());
    match versions {
        None => return Err("the index does not say what built it".into()),
        Some(v) => {
            if let Some(reason) = v.rebuild_reason(current) {
                return Err(reason);
            }
        }
    }
    analyzer::register(&index);
    Ok((index, f))
}

/// Path, hash, size and modification time of every indexed document.
fn indexed_files(index: &tantivy::Index, at: &Path) -> Result<BTreeMap<String, Indexed>> {
    let reader = index.reader().map_err(|e| tantivy_error(at, e))?;
    reader.reload().map_err(|e| tantivy_error(at, e))?;
    let searcher = reader.searcher();
    let mut out = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(paths), Some(hashes)) = (
            ff.str("path").map_err(|e| tantivy_error(at, e))?,
            ff.str("hash").map_err(|e| tantivy_error(at, e))?,
        ) else {
            continue;
        };
        let sizes = ff.u64("size").map_err(|e| tantivy_error(at, e))?;
        let mtimes = ff.u64("mtime").map_err(|e| tantivy_error(at, e))?;
        let (mut p, mut h) = (String::new(), String::new());
        for doc in seg.doc_ids_alive() {
            p.clear();
            h.clear();
            let Some(po) = paths.term_ords(doc).next() else {
                continue;
            };
            let Some(ho) = hashes.term_ords(doc).next() else {
                continue;
            };
            if !paths.ord_to_str(po, &mut p).unwrap_or(false) || !hashes.ord_to_str(ho, &mut h).unwrap_or(false) {
                continue;
            }
            out.insert(
                p.clone(),
                Indexed {
                    hash: h.clone(),
                    size: sizes.first(doc).unwrap_or(0),
                    mtime: mtimes.first(doc).unwrap_or(0),
                },
            );
        }
    }
    Ok(out)
}

/// Put a freshly built index in place of the old one.
fn swap(dir: &Path, fresh: &Path, search: &Path) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let old = dir.join("search.old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    if search.exists() {
        std::fs::rename(search, &old).map_err(io(search))?;
    }
    std::fs::rename(fresh, search).map_err(io(fresh))?;
    if old.exists() {
        // Readers that opened the old index keep their files open; removing
        // the folder does not disturb them.
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
}

fn counts(records: &[Record]) -> Counts {
    Counts {
        documents: records.len(),
        citations: records.iter().map(|r| r.extraction.citations.len()).sum(),
        parties: records.iter().map(|r| r.extraction.parties.len()).sum(),
        signatories: records.iter().map(|r| r.extraction.signatories.len()).sum(),
    }
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`.
fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// The tantivy document of one file.
fn document(f: &Fields, src: &Source, rec: &Record, meta: Option<&std::fs::Metadata>) -> TantivyDocument {
    let e = &rec.extraction;
    let mut d = TantivyDocument::default();
    d.add_text(f.path, &rec.path);
    d.add_text(f.hash, &src.hash);
    d.add_u64(f.size, src.bytes);
    d.add_u64(f.mtime, meta.map_or(0, mtime_of));
    if let Some(t) = &e.title {
        d.add_text(f.title, t);
        d.add_text(f.title_f, t);
    }
    d.add_text(f.body, &src.text);
    d.add_text(f.body_f, &src.text);
    for p in &e.parties {
        d.add_text(f.party, &p.name);
        d.add_text(f.party_f, &p.name);
    }
    for s in &e.signatories {
        d.add_text(f.signer, &s.name);
        d.add_text(f.signer_f, &s.name);
    }
    if let Some(n) = &e.number {
        d.add_text(f.number, ident::key(n));
    }
    let mut cited = BTreeSet::new();
    for c in &e.citations {
        if cited.insert(ident::key(&c.id)) {
            d.add_text(f.cites, ident::key(&c.id));
            d.add_text(f.cited, &c.id);
        }
    }
    d.add_text(
        f.kind,
        serde_json::to_value(e.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    );
    let mut keys = BTreeSet::new();
    if let Some(p) = &e.province {
        d.add_text(f.province, p);
        keys.insert(name_key(p));
    }
    if let Some(p) = &e.province_now {
        d.add_text(f.province_now, p);
        keys.insert(name_key(p));
    }
    for key in keys {
        d.add_text(f.province_key, key);
    }
    if let Some(n) = e.date.as_deref().and_then(date_number) {
        d.add_u64(f.date, n);
        d.add_u64(f.year, n / 10_000);
    }
    if let Some([a, b]) = e.period {
        d.add_u64(f.period_from, a.into());
        d.add_u64(f.period_to, b.into());
    }
    d.add_bytes(f.record, &serde_json::to_vec(rec).unwrap_or_default());
    d
}

/// Give the memory the indexing threads freed back to the system before
/// the graph is built. glibc keeps what a thread frees in that thread's
/// arena, where the main thread cannot reuse it: without this, the graph
/// of 100,000 documents is built on top of the writer's freed buffers
/// (peak 1.17 GiB instead of about 0.85).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the system; it takes
    // no pointer and leaves every live allocation as it is.
    unsafe {
        libc::malloc_trim(0);
    }
}
