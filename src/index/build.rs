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
use std::time::UNIX_EPOCH;

use tantivy::index::SegmentId;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{
    analyzer, schema, tantivy_error, Applied, Counts, Fields, FileEntry, Manifest, Payload, Root, Skipped, Versions,
    FORMAT_VERSION, GENERATION_PREFIX, LOCK, MANIFEST, SEARCH_DIR,
};
use crate::corrections::Corrections;
use crate::graph::Graph;
use crate::ingest::{Limits, Record};
use crate::pipeline::{self, Outcome};
use crate::text::name_key;
use crate::{ident, Error, Knowledge, Result};

/// What to index, where, and how.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// The index folder.
    pub dir: PathBuf,
    /// Files and folders to add or bring up to date. Empty: every root the
    /// index already mirrors.
    pub paths: Vec<PathBuf>,
    /// Start over instead of updating.
    pub rebuild: bool,
    /// Mirror `paths` exactly: drop every document that is not under them.
    pub prune: bool,
    pub limits: Limits,
    /// Which corrections file to apply.
    pub corrections: CorrectionsFile,
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
            prune: false,
            corrections: CorrectionsFile::Keep,
            limits: Limits::default(),
            writer_threads: threads,
            writer_memory: threads * 48 * 1024 * 1024,
        }
    }
}

/// Which corrections file an update applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CorrectionsFile {
    /// The one the index applied last time, read again (none if none).
    #[default]
    Keep,
    /// This one, from now on.
    Use(PathBuf),
    /// None any more.
    Drop,
}

/// The corrections to apply: the file (absolute), its digest and content.
fn load_corrections(
    choice: &CorrectionsFile,
    committed: Option<&Payload>,
    dir: &Path,
) -> Result<Option<(PathBuf, String, Corrections)>> {
    let path = match choice {
        CorrectionsFile::Drop => return Ok(None),
        CorrectionsFile::Use(p) => std::fs::canonicalize(p).map_err(|e| Error::Usage {
            path: p.clone(),
            message: format!("cannot read the corrections file: {e}"),
        })?,
        CorrectionsFile::Keep => match committed.and_then(|p| p.corrections.clone()) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let bytes = std::fs::read(&path).map_err(|e| Error::Usage {
        path: path.clone(),
        message: match choice {
            CorrectionsFile::Keep => format!(
                "cannot read the corrections file the index {} applies ({e}): give it again with --corrections FILE, or --no-corrections",
                dir.display()
            ),
            _ => format!("cannot read the corrections file: {e}"),
        },
    })?;
    let name = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::Data {
        source_name: name.clone(),
        message: "not UTF-8 text".into(),
    })?;
    let corrections = Corrections::from_toml(text, &name)?;
    Ok(Some((path, blake3::hash(&bytes).to_hex().to_string(), corrections)))
}

/// The records of a run between reading and the graph: each one's JSON, as
/// the index stores it, LZ4-compressed and appended to an unnamed temporary
/// file in the index folder; in memory, only where each one lies, by name.
/// They are read back one at a time, in path order: the graph of 100,000
/// documents is built without holding their records (about 120 MiB packed,
/// 700 MiB as records).
struct Packed {
    file: std::io::BufWriter<File>,
    end: u64,
    at: BTreeMap<String, (u64, u32)>,
    /// The folder of the file, for errors.
    dir: PathBuf,
}

impl Packed {
    fn new(dir: &Path) -> Result<Packed> {
        let file = tempfile::tempfile_in(dir).map_err(io_at(dir))?;
        Ok(Packed {
            file: std::io::BufWriter::new(file),
            end: 0,
            at: BTreeMap::new(),
            dir: dir.to_path_buf(),
        })
    }

    fn insert(&mut self, name: String, json: &[u8]) -> Result<()> {
        use std::io::Write;
        let packed = lz4_flex::block::compress_prepend_size(json);
        self.file.write_all(&packed).map_err(io_at(&self.dir))?;
        let len = packed.len() as u64;
        self.at.insert(name, (self.end, len as u32));
        self.end += len;
        Ok(())
    }

    /// The file written out, to be read back.
    fn finish(self) -> Result<Spilled> {
        let file = self.file.into_inner().map_err(|e| Error::Io {
            path: self.dir.clone(),
            source: e.into_error(),
        })?;
        Ok(Spilled {
            file,
            at: self.at,
            dir: self.dir,
        })
    }
}

/// The records of [`Packed`], written out.
struct Spilled {
    file: File,
    at: BTreeMap<String, (u64, u32)>,
    dir: PathBuf,
}

impl Spilled {
    /// Where each record lies, in path order.
    fn places(&self) -> Vec<(u64, u32)> {
        self.at.values().copied().collect()
    }

    /// The record that lies at `(offset, length)`; `at` names the index in
    /// errors about what was read. Records are read side by side: each
    /// read says where it reads from.
    fn read(&self, (offset, len): (u64, u32), at: &Path) -> Result<Record> {
        let mut packed = vec![0; len as usize];
        read_exact_at(&self.file, &mut packed, offset).map_err(io_at(&self.dir))?;
        unpack(&packed, at)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    // One reader at a time where reads cannot say where they read from.
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    use std::io::{Read, Seek, SeekFrom};
    let _one = ONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut f = file;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// A packed record read back; `at` names the index in errors.
fn unpack(packed: &[u8], at: &Path) -> Result<Record> {
    let json = lz4_flex::block::decompress_size_prepended(packed).map_err(|e| Error::Index {
        path: at.to_path_buf(),
        message: format!("a record kept for the graph does not unpack: {e}"),
    })?;
    super::read_record(&json, at)
}

/// The counts of the records, and what the corrections did: documents
/// corrected and every warning (the stale corrections the records carry,
/// then those that name no document).
fn tally<T: Send + Sync>(
    items: &[T],
    read: impl Fn(&T) -> Result<Record> + Sync,
    corrections: Option<(&Path, &str, &Corrections)>,
) -> Result<(Counts, Option<Applied>)> {
    let mut counts = Counts::default();
    let mut warnings = Vec::new();
    let mut corrected = 0;
    let mut matched = vec![false; corrections.map_or(0, |(_, _, c)| c.documents.len())];
    crate::ordered::for_each_in_order(
        items,
        |item| read(item),
        |_, r| {
            let e = &r.extraction;
            counts.documents += 1;
            counts.citations += e.citations.len();
            counts.parties += e.parties.len();
            counts.signatories += e.signatories.len();
            let Some((_, _, c)) = corrections else {
                return Ok(());
            };
            warnings.extend(
                e.diagnostics
                    .iter()
                    .filter(|d| d.code == crate::corrections::STALE)
                    .map(|d| format!("{}: {}", r.path, d.message)),
            );
            corrected += usize::from(!r.corrected.is_empty());
            for (m, doc) in matched.iter_mut().zip(&c.documents) {
                *m = *m || doc.names(&r);
            }
            Ok(())
        },
    )?;
    let applied = corrections.map(|(path, digest, c)| {
        for (_, doc) in matched.iter().zip(&c.documents).filter(|(m, _)| !**m) {
            warnings.push(format!(
                "correction ({}): matches no document of the index",
                doc.target()
            ));
        }
        Applied {
            path: path.to_path_buf(),
            digest: digest.to_string(),
            documents: corrected,
            warnings,
        }
    });
    Ok((counts, applied))
}

/// What happens while indexing, for a progress display.
#[derive(Debug)]
pub enum Event<'a> {
    /// The index is rebuilt from scratch, and why.
    Rebuilding { reason: &'a str },
    /// Files found under the paths, and how many of them must be read.
    Scanned { files: usize, to_read: usize },
    /// A document is about to be removed: its file is gone from its root
    /// (`pruned` false) or it is not under the paths given with `prune`.
    Removing { name: &'a str, pruned: bool },
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
    /// The documents removed, by name.
    pub removed_names: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// Why the index was rebuilt from scratch, if it was.
    pub rebuilt: Option<String>,
    pub counts: Counts,
    pub graph_nodes: usize,
    pub graph_edges: usize,
    /// The generation the index now stands at.
    pub generation: u64,
    /// The roots the index now mirrors.
    pub roots: Vec<Root>,
    /// What the corrections file did, if one is applied.
    pub corrections: Option<Applied>,
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

/// Stop the process at a named step of a run when `CANCU_FAILPOINT` names
/// it: how the tests kill `cancu index` at every step and check that every
/// command still sees one whole generation.
fn failpoint(step: &str) {
    if std::env::var_os("CANCU_FAILPOINT").is_some_and(|v| v == step) {
        std::process::abort();
    }
}

/// The steps of a run at which [`failpoint`] can stop it, in order.
pub const FAILPOINTS: &[&str] = &[
    "locked",
    "cleaned",
    "scanned",
    "removed",
    "extracted",
    "prepared",
    "staged",
    "committed",
    "swapped",
    "done",
];

/// Bring the index in `cfg.dir` up to date with `cfg.paths`.
pub fn update(cfg: &BuildConfig, k: &Knowledge, progress: &(dyn Fn(Event) + Sync)) -> Result<Summary> {
    let dir = &cfg.dir;
    // Every path given must be there before anything is touched.
    let given = given_roots(&cfg.paths)?;
    std::fs::create_dir_all(dir).map_err(io_at(dir))?;
    let _lock = lock(dir)?;
    failpoint("locked");
    let base = super::base_of(dir).ok_or_else(|| Error::Usage {
        path: dir.clone(),
        message: "the index folder has no parent folder".into(),
    })?;
    let committed = super::committed(dir).ok();
    clean_orphans(dir, committed.as_ref().map(|p| p.generation))?;
    failpoint("cleaned");
    let mut current = Versions::current(&k.fingerprint());
    let corrections = load_corrections(&cfg.corrections, committed.as_ref(), dir)?;
    if let Some((_, digest, _)) = &corrections {
        current.corrections = digest.clone();
    }
    let run = Run {
        cfg,
        k,
        progress,
        base,
        committed,
        current,
        corrections,
    };
    let mut summary = Summary::default();
    let roots = run.plan_roots(given)?;
    summary.roots = roots.all.clone();
    let target = run.open_target(&mut summary)?;

    // What is there now, and what must be read.
    let (found, to_read) = run.plan_reads(&roots, &target.indexed, &mut summary);
    failpoint("scanned");
    let mut writer = run.open_writer(&target)?;
    // A rebuild merges once, at the end: merges while reading would map
    // the segments they read while the graph is built (at 100,000
    // documents, 290 MiB more resident at the peak).
    if target.fresh {
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }
    let removed = run.remove_gone(&target, &writer, &found, &roots);
    summary.removed = removed.len();
    summary.removed_names = removed.iter().cloned().collect();
    failpoint("removed");
    let (written, packed) = run.read_new(&target, &writer, &to_read, &mut summary)?;
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    failpoint("extracted");

    // Nothing changed: the index, the graph and the counts stand as they
    // are; only what this run could not read is noted in the manifest.
    if written.is_empty() && removed.is_empty() && run.note_unchanged(&target, &roots, &mut summary)? {
        return Ok(summary);
    }
    run.progress(Event::Committing);
    let mut prepared = writer.prepare_commit().map_err(|e| tantivy_error(&target.path, e))?;
    let commit = prepared.opstamp();
    failpoint("prepared");
    let generation = run.stage_generation(&target, &roots, commit, removed, (written, packed), &mut summary)?;
    failpoint("staged");

    // The one moment the new generation becomes visible.
    let payload = Payload {
        versions: run.current,
        generation,
        roots: roots.all,
        corrections: run.corrections.map(|(path, _, _)| path),
    };
    let payload = serde_json::to_string(&payload).map_err(|e| Error::Io {
        path: target.path.clone(),
        source: e.into(),
    })?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(|e| tantivy_error(&target.path, e))?;
    failpoint("committed");
    if target.fresh {
        let metas = target
            .index
            .searchable_segment_metas()
            .map_err(|e| tantivy_error(&target.path, e))?;
        let sizes: Vec<(SegmentId, u32)> = metas.iter().map(|m| (m.id(), m.num_docs())).collect();
        // A segment's meta held keeps its files from the collection below.
        drop(metas);
        let groups = merge_groups(&sizes, std::thread::available_parallelism().map_or(1, usize::from));
        if groups.iter().any(|g| g.len() > 1) {
            crate::ingest::release_freed_memory();
            // Started together, the merges run side by side.
            let pending: Vec<_> = groups.iter().filter(|g| g.len() > 1).map(|g| writer.merge(g)).collect();
            for merge in pending {
                merge.wait().map_err(|e| tantivy_error(&target.path, e))?;
            }
            // The merged segments' files, left by merges that ran together.
            writer
                .garbage_collect_files()
                .wait()
                .map_err(|e| tantivy_error(&target.path, e))?;
        }
    }
    // The writer's merges write into the folder it opened, by its path:
    // they finish before a rebuilt index is swapped into place, or they
    // would write into the old index being removed (and the removal fail
    // with "Directory not empty").
    writer
        .wait_merging_threads()
        .map_err(|e| tantivy_error(&target.path, e))?;
    let search = dir.join(SEARCH_DIR);
    if target.fresh {
        swap(dir, &target.path, &search)?;
    }
    failpoint("swapped");
    clean_orphans(dir, Some(generation))?;
    failpoint("done");
    Ok(summary)
}

/// Documents a segment of a rebuilt index holds at least, when it can: a
/// search runs one thread a segment, and below this a thread costs more
/// than it saves.
const SEGMENT_DOCS: u32 = 20_000;

/// The segments of a fresh index merged into as many as the cores (each
/// of [`SEGMENT_DOCS`] at least, one when the index is smaller), balanced
/// by documents, so that a search has one segment for each core. Each
/// segment in one group; the largest first into the emptiest group.
fn merge_groups(segments: &[(SegmentId, u32)], cores: usize) -> Vec<Vec<SegmentId>> {
    let docs: u32 = segments.iter().map(|s| s.1).sum();
    let wanted = usize::try_from(docs.div_ceil(SEGMENT_DOCS)).unwrap_or(usize::MAX);
    let n = wanted.clamp(1, cores.max(1));
    let mut sorted: Vec<&(SegmentId, u32)> = segments.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut groups: Vec<(u32, Vec<SegmentId>)> = vec![(0, Vec::new()); n];
    for (id, docs) in sorted {
        if let Some(g) = groups.iter_mut().min_by_key(|g| g.0) {
            g.0 += docs;
            g.1.push(*id);
        }
    }
    groups.into_iter().map(|g| g.1).filter(|g| !g.is_empty()).collect()
}

/// The error of an I/O operation on `path`.
fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

/// What one run of [`update`] knows before it starts: the configuration,
/// the index's last commit, the versions and corrections of this run.
struct Run<'a> {
    cfg: &'a BuildConfig,
    k: &'a Knowledge,
    progress: &'a (dyn Fn(Event) + Sync),
    /// The folder holding the index folder: names are relative to it.
    base: PathBuf,
    committed: Option<Payload>,
    current: Versions,
    /// The corrections file (absolute), its digest and content.
    corrections: Option<(PathBuf, String, Corrections)>,
}

/// The roots of a run.
struct Roots {
    /// Those to scan now (found on disk).
    scan: Vec<Root>,
    /// Those the index mirrors after the run, sorted.
    all: Vec<Root>,
    /// Stored roots not found: their documents are kept.
    missing: Vec<Root>,
}

/// The tantivy index a run writes: the one in place, or a new one beside it.
struct Target {
    index: tantivy::Index,
    f: Fields,
    /// Whether it is new (a rebuild, swapped in at the end).
    fresh: bool,
    path: PathBuf,
    /// What the index held, even when it is rebuilt: a file that fails to
    /// read now is reported as lost, not silently.
    indexed: BTreeMap<String, Indexed>,
}

impl Run<'_> {
    fn progress(&self, e: Event) {
        (self.progress)(e)
    }

    /// The roots the index mirrors before and after this run, and the ones to scan now.
    fn plan_roots(&self, given: Vec<PathBuf>) -> Result<Roots> {
        let dir = &self.cfg.dir;
        let stored: Vec<Root> = match &self.committed {
            Some(p) => p.roots.clone(),
            None => newest_manifest(dir).map_or_else(|| legacy_roots(dir, &self.base), |m| m.roots),
        };
        let given: Vec<Root> = given.into_iter().map(|p| root_of(&self.base, p)).collect();
        if given.is_empty() {
            if stored.is_empty() {
                return Err(Error::Usage {
                    path: dir.clone(),
                    message: "nothing to index: name the files or folders to index (the index does not say what it was built from)"
                        .into(),
                });
            }
            let mut scan = Vec::new();
            let mut missing = Vec::new();
            for r in &stored {
                match locate_root(&self.base, r) {
                    Some(found) => scan.push(found),
                    None => missing.push(r.clone()),
                }
            }
            let mut all = scan.clone();
            all.extend(missing.iter().cloned());
            all.sort();
            Ok(Roots { scan, all, missing })
        } else if self.cfg.prune {
            let mut all = given.clone();
            all.sort();
            all.dedup();
            Ok(Roots {
                scan: given,
                all,
                missing: Vec::new(),
            })
        } else {
            Ok(Roots {
                all: merge_roots(&stored, &given),
                scan: given,
                missing: Vec::new(),
            })
        }
    }

    /// Update in place, or rebuild beside the old index (to be swapped).
    fn open_target(&self, summary: &mut Summary) -> Result<Target> {
        let dir = &self.cfg.dir;
        let search = dir.join(SEARCH_DIR);
        let existing = if self.cfg.rebuild {
            summary.rebuilt = Some("asked with --rebuild".into());
            None
        } else if !search.exists() {
            None
        } else {
            match open_for_update(&search, &self.current) {
                Ok(i) => Some(i),
                Err(reason) => {
                    summary.rebuilt = Some(reason);
                    None
                }
            }
        };
        if let Some(reason) = &summary.rebuilt {
            self.progress(Event::Rebuilding { reason });
        }
        let fresh = existing.is_none();
        let path = if fresh { dir.join(NEW_DIR) } else { search };
        let (index, f) = match existing {
            Some(i) => i,
            None => {
                if path.exists() {
                    std::fs::remove_dir_all(&path).map_err(io_at(&path))?;
                }
                std::fs::create_dir_all(&path).map_err(io_at(&path))?;
                let (s, f) = schema();
                let index = tantivy::Index::create_in_dir(&path, s).map_err(|e| tantivy_error(&path, e))?;
                analyzer::register(&index);
                (index, f)
            }
        };
        let indexed = if fresh {
            BTreeMap::new()
        } else {
            indexed_files(&index, &path)?
        };
        Ok(Target {
            index,
            f,
            fresh,
            path,
            indexed,
        })
    }

    /// The files under the roots, and those that must be read (new, or
    /// changed in size or modification time), by name.
    fn plan_reads(
        &self,
        roots: &Roots,
        indexed: &BTreeMap<String, Indexed>,
        summary: &mut Summary,
    ) -> (Scan, Vec<(String, PathBuf)>) {
        let mut found = scan_roots(&self.base, &roots.scan, &roots.missing, indexed);
        summary.skipped = std::mem::take(&mut found.skipped);
        let mut to_read = Vec::new();
        for (name, p) in &found.files {
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
        self.progress(Event::Scanned {
            files: found.files.len(),
            to_read: to_read.len(),
        });
        (found, to_read)
    }

    fn open_writer(&self, target: &Target) -> Result<IndexWriter> {
        target
            .index
            .writer_with_num_threads(self.cfg.writer_threads.max(1), self.cfg.writer_memory)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::Locked {
                    path: self.cfg.dir.clone(),
                },
                e => tantivy_error(&target.path, e),
            })
    }

    /// Delete the documents whose file is gone from a root scanned (or,
    /// with `prune`, that are under no root given); their names.
    fn remove_gone(&self, target: &Target, writer: &IndexWriter, found: &Scan, roots: &Roots) -> BTreeSet<String> {
        let given_scopes: Vec<&str> = roots.all.iter().map(|r| r.name.as_str()).collect();
        let mut removed: BTreeSet<String> = BTreeSet::new();
        for name in target.indexed.keys() {
            if found.files.contains_key(name) || found.kept.iter().any(|k| under(name, k)) {
                continue;
            }
            let gone = found.scopes.iter().any(|s| under(name, s));
            let pruned = !gone && self.cfg.prune && !given_scopes.iter().any(|s| under(name, s));
            if gone || pruned {
                self.progress(Event::Removing { name, pruned });
                writer.delete_term(Term::from_field_text(target.f.path, name));
                removed.insert(name.clone());
            }
        }
        removed
    }

    /// Read and extract the files through the ingest pipeline (in
    /// parallel, in name order); each document goes to the writer as it
    /// comes. What was written, by name, with its entry and record.
    fn read_new(
        &self,
        target: &Target,
        writer: &IndexWriter,
        to_read: &[(String, PathBuf)],
        summary: &mut Summary,
    ) -> Result<(BTreeMap<String, Indexed>, Packed)> {
        let same =
            |file: &pipeline::File, hash: &str| target.indexed.get(&file.name).is_some_and(|old| old.hash == hash);
        let opts = pipeline::Options {
            corrections: self.corrections.as_ref().map(|(_, _, c)| c),
            keep_text: true,
            unchanged: Some(&same),
            ..pipeline::Options::new(self.k, self.cfg.limits)
        };
        let input = to_read.iter().map(|(name, path)| {
            Ok(pipeline::File {
                path: path.clone(),
                name: name.clone(),
            })
        });
        let mut written = BTreeMap::new();
        let mut packed = Packed::new(&self.cfg.dir)?;
        // The pipeline hands the outcomes out in the order of `to_read`.
        let mut files = to_read.iter();
        pipeline::run(input, &opts, |outcome| {
            let Some((name, p)) = files.next() else {
                return Ok(());
            };
            let kept_previous = target.indexed.contains_key(name);
            let failed = |reason: String| Skipped {
                kept_previous,
                path: name.clone(),
                reason,
            };
            match outcome {
                Outcome::Unchanged(_) => summary.unchanged += 1,
                Outcome::Failed(failure) => summary.skipped.push(failed(failure.to_string())),
                Outcome::Document(d) => {
                    let meta = std::fs::metadata(p).ok();
                    let entry = Indexed {
                        hash: d.hash.clone(),
                        size: d.bytes,
                        mtime: meta.as_ref().map_or(0, mtime_of),
                    };
                    let made = serde_json::to_vec(&d.record).and_then(|json| {
                        Ok((
                            document(
                                &target.f,
                                d.text.as_deref().unwrap_or_default(),
                                &d.record,
                                &entry,
                                &json,
                            )?,
                            json,
                        ))
                    });
                    match made {
                        Ok((doc, json)) => {
                            // A fresh index has no earlier version to delete (each
                            // delete is held until the commit: 100,000 of them cost
                            // about 110 MiB).
                            if !target.fresh {
                                writer.delete_term(Term::from_field_text(target.f.path, name));
                            }
                            writer.add_document(doc).map_err(|e| tantivy_error(&target.path, e))?;
                            if kept_previous {
                                summary.updated += 1;
                            } else {
                                summary.added += 1;
                            }
                            written.insert(name.clone(), entry);
                            packed.insert(name.clone(), &json)?;
                        }
                        Err(e) => summary
                            .skipped
                            .push(failed(format!("{}: {e}", crate::fsutil::name_of_path(p)))),
                    }
                }
            }
            self.progress(Event::Read { path: p });
            Ok(())
        })?;
        Ok((written, packed))
    }

    /// When nothing was written or removed and the index stands as the
    /// last commit left it: note what this run could not read in the
    /// manifest, fill the summary, and say so.
    fn note_unchanged(&self, target: &Target, roots: &Roots, summary: &mut Summary) -> Result<bool> {
        let previous = self
            .committed
            .as_ref()
            .filter(|p| !target.fresh && p.versions == self.current && p.roots == roots.all);
        let Some(previous) = previous else {
            return Ok(false);
        };
        let gen_dir = super::generation_dir(&self.cfg.dir, previous.generation);
        let Ok(old) = Manifest::load_from(&gen_dir) else {
            return Ok(false);
        };
        let manifest = Manifest {
            skipped: summary.skipped.clone(),
            ..old
        };
        summary.corrections = manifest.corrections.clone();
        write_manifest(&gen_dir, &manifest)?;
        summary.counts = manifest.counts.clone();
        summary.graph_nodes = manifest.graph_nodes;
        summary.graph_edges = manifest.graph_edges;
        summary.generation = manifest.generation;
        Ok(true)
    }

    /// The next generation's graph and manifest, whole on disk
    /// before the commit that makes them current; its number.
    fn stage_generation(
        &self,
        target: &Target,
        roots: &Roots,
        commit: u64,
        removed: BTreeSet<String>,
        (written, mut packed): (BTreeMap<String, Indexed>, Packed),
        summary: &mut Summary,
    ) -> Result<u64> {
        let (dir, k) = (&self.cfg.dir, self.k);
        self.progress(Event::Graph);
        // What the indexing threads freed goes back before the graph is
        // laid out, not under it.
        crate::ingest::release_freed_memory();
        let generation = next_generation(dir, self.committed.as_ref());
        let gen_dir = super::generation_dir(dir, generation);
        if gen_dir.exists() {
            std::fs::remove_dir_all(&gen_dir).map_err(io_at(&gen_dir))?;
        }
        std::fs::create_dir_all(&gen_dir).map_err(io_at(&gen_dir))?;
        let mut entries: BTreeMap<String, Indexed> = target
            .indexed
            .iter()
            .filter(|(n, _)| !removed.contains(*n) && !written.contains_key(*n))
            .map(|(n, i)| (n.clone(), i.clone()))
            .collect();
        entries.extend(written);
        // The records the index keeps from earlier runs, besides those
        // this run wrote.
        if !target.fresh {
            let reader = target.index.reader().map_err(|e| tantivy_error(&target.path, e))?;
            reader.reload().map_err(|e| tantivy_error(&target.path, e))?;
            let written_now: BTreeSet<String> = packed.at.keys().cloned().collect();
            super::stored_records(&reader.searcher(), &target.f, &target.path, |name, json| {
                if !removed.contains(name) && !written_now.contains(name) {
                    packed.insert(name.to_string(), json)?;
                }
                Ok(())
            })?;
        }
        let at = &target.path;
        let spilled = packed.finish()?;
        let places = spilled.places();
        let corrections = self.corrections.as_ref().map(|(p, d, c)| (p.as_path(), d.as_str(), c));
        (summary.counts, summary.corrections) = tally(&places, |&p| spilled.read(p, at), corrections)?;
        let graph = Graph::build_in_passes(places, |&p| spilled.read(p, at), k)?;
        drop(spilled);
        graph.save(&gen_dir)?;
        summary.graph_nodes = graph.node_count();
        summary.graph_edges = graph.edge_count();
        drop(graph);
        summary.generation = generation;
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            commit,
            generation,
            roots: roots.all.clone(),
            versions: self.current.clone(),
            counts: summary.counts.clone(),
            graph_nodes: summary.graph_nodes,
            graph_edges: summary.graph_edges,
            files: entries
                .into_iter()
                .map(|(path, i)| FileEntry {
                    path,
                    hash: i.hash,
                    bytes: i.size,
                })
                .collect(),
            skipped: summary.skipped.clone(),
            corrections: summary.corrections.clone(),
        };
        write_manifest(&gen_dir, &manifest)?;
        crate::fsutil::sync_dir(dir)?;
        Ok(generation)
    }
}

/// Folder a rebuilt index is written into before it is swapped in.
const NEW_DIR: &str = "search.new";
/// Files of the index format before generations, removed once a run has
/// written the new layout.
const OLD_FILES: &[&str] = &["graph.json", "reach.bin", "manifest.json"];

/// The paths given, checked: each must exist and be readable, or nothing
/// is done at all.
fn given_roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let usage = |why: String| Error::Usage {
            path: p.clone(),
            message: format!("{why}: nothing was indexed or removed"),
        };
        let canon = std::fs::canonicalize(p).map_err(|e| usage(e.to_string()))?;
        let meta = std::fs::metadata(&canon).map_err(|e| usage(e.to_string()))?;
        if meta.is_dir() {
            std::fs::read_dir(&canon).map_err(|e| usage(format!("cannot be listed ({e})")))?;
        } else {
            File::open(&canon).map_err(|e| usage(format!("cannot be read ({e})")))?;
        }
        out.push(canon);
    }
    Ok(out)
}

/// A root given as a canonical path, with its name relative to `base`.
fn root_of(base: &Path, canon: PathBuf) -> Root {
    Root {
        name: name_in(base, &canon),
        path: crate::fsutil::name_of_path(&canon),
    }
}

/// The name of a file or folder: relative to `base` when inside it, else absolute.
fn name_in(base: &Path, canon: &Path) -> String {
    match canon.strip_prefix(base) {
        Ok(rel) => crate::fsutil::name_of_path(rel),
        Err(_) => crate::fsutil::name_of_path(canon),
    }
}

/// Whether the document `name` lies under the root or folder named `scope`.
fn under(name: &str, scope: &str) -> bool {
    if scope.is_empty() {
        return !name.starts_with('/');
    }
    name == scope || (name.starts_with(scope) && name.as_bytes().get(scope.len()) == Some(&b'/'))
}

/// Where a stored root is now: where it was, or where its name says when
/// the index and its files moved together.
fn locate_root(base: &Path, r: &Root) -> Option<Root> {
    let at = crate::fsutil::path_of_name(&r.path);
    if at.exists() {
        return Some(r.clone());
    }
    let moved = base.join(crate::fsutil::path_of_name(&r.name));
    let canon = std::fs::canonicalize(moved).ok()?;
    let found = root_of(base, canon);
    (found.name == r.name).then_some(found)
}

/// The stored roots with the given ones added: a given root inside a stored
/// one adds nothing; one that holds stored roots takes their place.
fn merge_roots(stored: &[Root], given: &[Root]) -> Vec<Root> {
    let mut out: Vec<Root> = stored.to_vec();
    for g in given {
        if out.iter().any(|r| under(&g.name, &r.name)) {
            continue;
        }
        out.retain(|r| !under(&r.name, &g.name));
        out.push(g.clone());
    }
    out.sort();
    out.dedup();
    out
}

/// What scanning the roots found.
struct Scan {
    /// Documents by name, and where to read each.
    files: BTreeMap<String, PathBuf>,
    /// Names of the roots scanned: a document under one whose file was
    /// not found is gone.
    scopes: Vec<String>,
    /// Names under which nothing may be removed: folders that could not be
    /// listed, roots not found.
    kept: Vec<String>,
    skipped: Vec<Skipped>,
}

fn scan_roots(base: &Path, scan: &[Root], missing: &[Root], indexed: &BTreeMap<String, Indexed>) -> Scan {
    let mut out = Scan {
        files: BTreeMap::new(),
        scopes: scan.iter().map(|r| r.name.clone()).collect(),
        kept: Vec::new(),
        skipped: Vec::new(),
    };
    let holds = |scope: &str| indexed.keys().any(|n| under(n, scope));
    for r in missing {
        out.kept.push(r.name.clone());
        out.skipped.push(Skipped {
            path: r.name.clone(),
            reason: format!(
                "{}: the folder this index was built from is not there (its documents are kept; `cancu index --prune PATH…` drops them)",
                r.path
            ),
            kept_previous: holds(&r.name),
        });
    }
    for r in scan {
        let at = crate::fsutil::path_of_name(&r.path);
        let name_of = |p: &Path| match p.strip_prefix(&at) {
            Ok(rel) if rel.as_os_str().is_empty() => r.name.clone(),
            Ok(rel) if r.name.is_empty() => crate::fsutil::name_of_path(rel),
            Ok(rel) => format!("{}/{}", r.name, crate::fsutil::name_of_path(rel)),
            Err(_) => match std::fs::canonicalize(p) {
                Ok(c) => name_in(base, &c),
                Err(_) => crate::fsutil::name_of_path(p),
            },
        };
        for p in pipeline::files(std::slice::from_ref(&at)) {
            match p {
                Ok(f) => {
                    out.files.insert(name_of(&f.path), f.path);
                }
                Err(failure) => {
                    let name = match failure.error.path() {
                        Some(p) => name_of(p),
                        None => r.name.clone(),
                    };
                    out.kept.push(name.clone());
                    out.skipped.push(Skipped {
                        kept_previous: holds(&name),
                        path: name,
                        reason: failure.to_string(),
                    });
                }
            }
        }
    }
    out
}

/// The generation after the one committed (or after any left on disk).
fn next_generation(dir: &Path, committed: Option<&Payload>) -> u64 {
    let on_disk = generations_on_disk(dir).into_iter().max().unwrap_or(0);
    committed.map_or(0, |p| p.generation).max(on_disk) + 1
}

/// The numbers of the `gen-N` folders in `dir`.
fn generations_on_disk(dir: &Path) -> Vec<u64> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_prefix(GENERATION_PREFIX))
                .and_then(|n| n.parse().ok())
        })
        .collect()
}

/// The manifest of the newest generation on disk: the roots of an index
/// whose commit no longer reads.
fn newest_manifest(dir: &Path) -> Option<Manifest> {
    let mut gens = generations_on_disk(dir);
    gens.sort_unstable();
    gens.into_iter()
        .rev()
        .find_map(|g| Manifest::load_from(&super::generation_dir(dir, g)).ok())
}

/// The roots an index of the format before generations recorded in its
/// `manifest.json` (paths as they were given, taken relative to the folder
/// that holds the index folder), so that `cancu index` without paths
/// rebuilds it from them.
fn legacy_roots(dir: &Path, base: &Path) -> Vec<Root> {
    let Ok(text) = std::fs::read_to_string(dir.join("manifest.json")) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let mut roots: Vec<Root> = v["roots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str())
        .filter_map(|r| {
            let p = Path::new(r);
            let p = if p.is_absolute() { p.to_path_buf() } else { base.join(p) };
            std::fs::canonicalize(p).ok().map(|c| root_of(base, c))
        })
        .collect();
    roots.sort();
    roots.dedup();
    roots
}

/// Remove what an interrupted run left: temporary files, a rebuild not
/// swapped in, generations no commit names (all but the committed one and
/// the one before it, which readers may still have open). With no
/// readable commit, the generations are left for the roots they record.
fn clean_orphans(dir: &Path, committed: Option<u64>) -> Result<()> {
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    for leftover in [dir.join(NEW_DIR), dir.join("search.old")] {
        if leftover.exists() {
            std::fs::remove_dir_all(&leftover).map_err(io(leftover.clone()))?;
        }
    }
    let mut folders = vec![dir.to_path_buf()];
    if let Some(g) = committed {
        for n in generations_on_disk(dir) {
            let d = super::generation_dir(dir, n);
            if n > g || n + 1 < g {
                std::fs::remove_dir_all(&d).map_err(io(d.clone()))?;
            } else {
                folders.push(d);
            }
        }
        if super::generation_dir(dir, g).is_dir() {
            for old in OLD_FILES {
                let p = dir.join(old);
                if p.is_file() {
                    std::fs::remove_file(&p).map_err(io(p.clone()))?;
                }
            }
        }
    }
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for e in entries.filter_map(|e| e.ok()) {
            let name = e.file_name();
            let name = name.to_string_lossy();
            // This version's temporary files, and those of versions before it.
            if name.starts_with(crate::fsutil::TEMP_PREFIX) || name.starts_with(".tmp") {
                let p = e.path();
                std::fs::remove_file(&p).map_err(io(p.clone()))?;
            }
        }
    }
    Ok(())
}

fn write_manifest(gen_dir: &Path, manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).map_err(|e| Error::Io {
        path: gen_dir.join(MANIFEST),
        source: e.into(),
    })?;
    json.push(b'\n');
    crate::fsutil::write_atomic(&gen_dir.join(MANIFEST), &json)
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
    let payload_ok = std::fs::read_to_string(search.join("meta.json"))
        .ok()
        .and_then(|m| super::payload_of_meta(&m))
        .is_some();
    if !payload_ok {
        return Err("the index was written by an older cancu".into());
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

/// Put a freshly built index in place of the old one: one atomic exchange
/// of the two folders where the system has it, so a reader never finds
/// the index missing.
fn swap(dir: &Path, fresh: &Path, search: &Path) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if search.exists() && exchange(fresh, search).is_ok() {
        // `fresh` now holds the old index. Readers that opened it keep
        // their files open; removing the folder does not disturb them.
        std::fs::remove_dir_all(fresh).map_err(io(fresh))?;
        return crate::fsutil::sync_dir(dir);
    }
    let old = dir.join("search.old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    if search.exists() {
        std::fs::rename(search, &old).map_err(io(search))?;
    }
    std::fs::rename(fresh, search).map_err(io(fresh))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    crate::fsutil::sync_dir(dir)
}

/// Exchange two folders atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both arguments are valid NUL-terminated paths that live for
    // the call; renameat2 reads them and keeps no pointer.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`.
/// The tantivy document of one file.
fn document(f: &Fields, text: &str, rec: &Record, entry: &Indexed, json: &[u8]) -> serde_json::Result<TantivyDocument> {
    let e = &rec.extraction;
    let mut d = TantivyDocument::default();
    d.add_text(f.path, &rec.path);
    d.add_text(f.hash, &entry.hash);
    d.add_u64(f.size, entry.size);
    d.add_u64(f.mtime, entry.mtime);
    if let Some(t) = &e.title {
        d.add_text(f.title, t);
        d.add_text(f.title_f, t);
        d.add_text(f.title_p, t);
    }
    d.add_text(f.body, text);
    d.add_text(f.body_f, text);
    d.add_text(f.body_p, text);
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
    d.add_text(f.kind, e.kind.as_str());
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
    if let Some(n) = e.date.filter(|d| d.is_day()).map(|d| u64::from(d.days().0)) {
        d.add_u64(f.date, n);
        d.add_u64(f.year, n / 10_000);
    }
    if let Some([a, b]) = e.period {
        d.add_u64(f.period_from, a.into());
        d.add_u64(f.period_to, b.into());
    }
    d.add_bytes(f.record, json);
    d.add_bytes(f.text, &super::stored_text_bytes(text));
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(groups: &[Vec<SegmentId>], of: &[(SegmentId, u32)]) -> Vec<u32> {
        let mut s: Vec<u32> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|id| of.iter().find(|s| s.0 == *id).map_or(0, |s| s.1))
                    .sum()
            })
            .collect();
        s.sort_unstable();
        s
    }

    #[test]
    fn a_rebuilt_index_is_merged_into_a_segment_a_core_balanced_by_documents() {
        let segs: Vec<(SegmentId, u32)> = [
            15_000, 14_000, 13_000, 12_000, 11_000, 10_000, 9_000, 8_000, 5_000, 3_000,
        ]
        .into_iter()
        .map(|n| (SegmentId::generate_random(), n))
        .collect();
        // 100,000 documents on two cores: two segments of about half.
        let two = merge_groups(&segs, 2);
        assert_eq!(two.len(), 2);
        assert_eq!(sizes(&two, &segs), vec![49_000, 51_000]);
        // Every segment in exactly one group.
        let mut all: Vec<SegmentId> = two.concat();
        all.sort();
        let mut ids: Vec<SegmentId> = segs.iter().map(|s| s.0).collect();
        ids.sort();
        assert_eq!(all, ids);
        // One core, or too few documents for two threads: one segment.
        assert_eq!(merge_groups(&segs, 1).len(), 1);
        let small: Vec<(SegmentId, u32)> = (0..4).map(|_| (SegmentId::generate_random(), 4_000)).collect();
        assert_eq!(merge_groups(&small, 8).len(), 1);
        // No more groups than 20,000 documents each can fill.
        assert_eq!(merge_groups(&segs, 16).len(), 5);
        assert!(merge_groups(&[], 2).is_empty());
    }
}
