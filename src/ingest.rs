//! Reading documents from disk: the one place the library touches files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard};
use std::thread::ThreadId;

use serde::{Deserialize, Serialize};

use crate::extract::{extract, Diagnostic, Extraction, Knowledge, Severity};
use crate::formats::{self, docx, Format, FormatError};
use crate::text::{decode, Encoding};
use crate::{Error, Result};

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused (bytes); so are files whose text,
    /// decoded or decompressed, is larger, and each part of a Word document
    /// is read only up to it.
    pub max_file_size: u64,
    /// How long a converter (pdftotext) may take on one file.
    pub timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: 256 * 1024 * 1024,
            timeout: std::time::Duration::from_secs(60),
        }
    }
}

/// Extensions read when walking a folder. Files named on the command line
/// are read whatever their name.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "docx", "doc", "pdf", "html", "htm"];

/// A document's text as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub encoding: Encoding,
    pub format: Format,
    pub bytes: u64,
    /// BLAKE3 of the file's bytes, in hex.
    pub hash: String,
    /// What reading it noted (legacy fonts converted, …).
    pub notes: Vec<String>,
    /// Its share of the run's [`MEMORY_BUDGET`], given back when the last
    /// copy of the source is dropped.
    _budget: Option<Arc<Permit>>,
}

impl Source {
    /// The text alone: the rest, and the source's share of the
    /// [`MEMORY_BUDGET`], let go.
    pub fn into_text(mut self) -> String {
        std::mem::take(&mut self.text)
    }
}

/// How many bytes of document text a run holds at once, across all its
/// threads: a file is read (and, while its [`Source`] lives, extracted) only
/// when its text fits beside the others in flight; a larger file waits until
/// it is alone. Extraction takes about 14 bytes per byte of text, so a run
/// stays under about a gigabyte however many threads it has (or one file
/// of `--max-file-size` alone).
pub const MEMORY_BUDGET: u64 = 64 << 20;

static BUDGET: LazyLock<Arc<Budget>> = LazyLock::new(|| Arc::new(Budget::new(MEMORY_BUDGET)));

/// Bytes in flight, shared by the threads that read.
#[derive(Debug)]
struct Budget {
    limit: u64,
    state: Mutex<InFlight>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct InFlight {
    bytes: u64,
    /// The permits each thread holds: a thread that holds one never waits,
    /// so a thread keeping its sources cannot wait on itself.
    holders: HashMap<ThreadId, usize>,
    /// The most bytes ever in flight.
    peak: u64,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            limit,
            state: Mutex::new(InFlight::default()),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, InFlight> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Take `bytes` of the budget, waiting until they fit beside what is in
    /// flight (or nothing is).
    fn acquire(self: &Arc<Self>, bytes: u64) -> Permit {
        let me = std::thread::current().id();
        let mut st = self.lock();
        if !st.holders.contains_key(&me) {
            while st.bytes > 0 && st.bytes.saturating_add(bytes) > self.limit {
                st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        }
        st.bytes = st.bytes.saturating_add(bytes);
        st.peak = st.peak.max(st.bytes);
        *st.holders.entry(me).or_insert(0) += 1;
        Permit {
            budget: Arc::clone(self),
            bytes,
            thread: me,
        }
    }
}

/// A share of the budget, given back when dropped.
#[derive(Debug)]
struct Permit {
    budget: Arc<Budget>,
    bytes: u64,
    thread: ThreadId,
}

impl Permit {
    /// Count `bytes` instead, without waiting: memory already taken.
    fn set(&mut self, bytes: u64) {
        let mut st = self.budget.lock();
        st.bytes = st.bytes.saturating_sub(self.bytes).saturating_add(bytes);
        st.peak = st.peak.max(st.bytes);
        let shrunk = bytes < self.bytes;
        self.bytes = bytes;
        drop(st);
        if shrunk {
            self.budget.freed.notify_all();
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut st = self.budget.lock();
        st.bytes = st.bytes.saturating_sub(self.bytes);
        if let Some(n) = st.holders.get_mut(&self.thread) {
            *n -= 1;
            if *n == 0 {
                st.holders.remove(&self.thread);
            }
        }
        drop(st);
        self.budget.freed.notify_all();
        if self.bytes >= TRIM_AFTER {
            release_freed_memory();
        }
    }
}

/// A text this large, once dropped, has its memory given back to the
/// system at once.
const TRIM_AFTER: u64 = 8 << 20;

/// Give what threads freed back to the system. Under glibc's allocator,
/// what a thread frees stays in that thread's arena: without giving it
/// back, a run's memory grows with its threads although the budget holds
/// (30 MB texts, 8 threads: 653 MB at peak against 213 MB in one arena),
/// and the graph of 100,000 documents is built on top of the indexing
/// writer's freed buffers (peak 1.17 GiB instead of about 0.85). `cancu
/// index`, `extract` and `eval` run under mimalloc, which gives freed
/// memory back by itself, and this costs them nothing; the other commands,
/// and programs that use the library, run under glibc's.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the system; it takes
    // no pointer and leaves every live allocation as it is.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// One document's extraction as printed by `cancu extract --json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub path: String,
    #[serde(flatten)]
    pub extraction: Extraction,
    pub format: Format,
    pub encoding: Encoding,
    /// The facts fixed by hand through a corrections file (`date`, `kind`,
    /// `citation 11-CT/TW added`, …); empty when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
}

/// Read and decode one file. The bytes it holds count against the run's
/// [`MEMORY_BUDGET`], waiting for it when other threads hold too much.
pub fn read(path: &Path, limits: &Limits) -> Result<Source> {
    read_within(path, limits, &BUDGET)
}

fn read_within(path: &Path, limits: &Limits, budget: &Arc<Budget>) -> Result<Source> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > limits.max_file_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: limits.max_file_size,
        });
    }
    let mut permit = budget.acquire(meta.len());
    let bytes = std::fs::read(path).map_err(io)?;
    let mut format = formats::sniff(&bytes);
    let fail = |source: FormatError| Error::Format {
        path: path.to_path_buf(),
        source,
    };
    let empty = || Error::Decode {
        path: path.to_path_buf(),
        source: crate::text::DecodeError::Empty,
    };
    if format == Format::Docx {
        // What the archive says it decompresses to, taken before it is.
        let expanded = docx::expanded_size(&bytes).min(limits.max_file_size.saturating_mul(2));
        drop(permit);
        permit = budget.acquire((bytes.len() as u64).saturating_add(expanded));
    }
    let mut notes = Vec::new();
    let (text, encoding) = match format {
        Format::Text | Format::Html => {
            let decoded = decode(&bytes).map_err(|source| Error::Decode {
                path: path.to_path_buf(),
                source,
            })?;
            if decoded.encoding.is_guessed() {
                notes.push(format!(
                    "read as {}, recognised by its character statistics",
                    decoded.encoding
                ));
            }
            notes.extend(decoded.notes);
            if formats::html::looks_like_html(&decoded.text) {
                // A web page: its article, in the layout of a news report.
                format = Format::Html;
                let depth = formats::html::nesting_depth(&decoded.text);
                if depth > formats::html::MAX_DEPTH {
                    return Err(fail(FormatError::TooDeep(depth)));
                }
                let text = formats::html::read(&decoded.text).to_text();
                if text.trim().is_empty() {
                    return Err(empty());
                }
                (text, decoded.encoding)
            } else {
                (decoded.text, decoded.encoding)
            }
        }
        Format::Docx => {
            let d = docx::read(&bytes, limits.max_file_size).map_err(fail)?;
            for f in &d.legacy_fonts {
                notes.push(format!("text in the legacy font {f} converted to Unicode"));
            }
            if d.text.trim().is_empty() {
                return Err(empty());
            }
            (d.text, Encoding::Utf8)
        }
        Format::Doc => return Err(fail(FormatError::Doc)),
        Format::Pdf => {
            let text = formats::pdf::read(path, limits.timeout, limits.max_file_size).map_err(fail)?;
            (text, Encoding::Utf8)
        }
        Format::Zip => return Err(fail(FormatError::Zip)),
    };
    // Decoding can make the text larger than the file: the limit holds for
    // the text too.
    if text.len() as u64 > limits.max_file_size {
        return Err(fail(FormatError::TextTooLarge {
            size: text.len() as u64,
            limit: limits.max_file_size,
        }));
    }
    let size = bytes.len() as u64;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    drop(bytes);
    permit.set(text.len() as u64);
    Ok(Source {
        path: path.to_path_buf(),
        text,
        encoding,
        format,
        bytes: size,
        hash,
        notes,
        _budget: Some(Arc::new(permit)),
    })
}

/// Read one file and extract its facts.
pub fn extract_file(path: &Path, k: &Knowledge, limits: &Limits) -> Result<Record> {
    let src = read(path, limits)?;
    Ok(extract_source(&src, k))
}

/// The diagnostic code of a note made while reading.
fn note_code(note: &str) -> &'static str {
    if note.starts_with("dropped ") {
        "control-characters"
    } else if note.contains("capitals") {
        "legacy-capitals"
    } else {
        "legacy-encoding"
    }
}

/// Extract the facts of a file already read.
pub fn extract_source(src: &Source, k: &Knowledge) -> Record {
    let path = &src.path;
    let mut extraction = extract(&src.text, k);
    let notes = src.notes.iter().map(|n| Diagnostic {
        severity: Severity::Info,
        code: note_code(n).into(),
        message: n.clone(),
        span: None,
    });
    extraction.diagnostics.splice(0..0, notes);
    Record {
        path: crate::fsutil::name_of_path(path),
        extraction,
        format: src.format,
        encoding: src.encoding,
        corrected: Vec::new(),
    }
}

/// The documents under the given paths: files as given, folders walked
/// (sorted, hidden entries and each folder's README skipped, only
/// [`EXTENSIONS`]). Symbolic links are followed once per real path: a file
/// reached twice (through links, or named twice) is given once, a folder is
/// walked once, and a link back to a folder being walked (a loop) is
/// reported once and not followed. Paths that cannot be listed are returned
/// as errors in place, so the caller reports them and goes on.
pub fn collect(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    walk(paths).collect()
}

/// [`collect`] as an iterator: each path given is looked at (and a folder
/// listed) only when the one before it has been taken, so the first file
/// can be read before the last path is even looked at.
pub fn walk(paths: &[PathBuf]) -> Walk {
    Walk {
        paths: paths.iter().cloned().collect(),
        seen: Seen::default(),
        found: std::collections::VecDeque::new(),
    }
}

/// The documents under some paths, in order: see [`walk`].
#[derive(Debug)]
pub struct Walk {
    paths: std::collections::VecDeque<PathBuf>,
    seen: Seen,
    /// What the path being walked holds, not taken yet.
    found: std::collections::VecDeque<Result<PathBuf>>,
}

impl Iterator for Walk {
    type Item = Result<PathBuf>;

    fn next(&mut self) -> Option<Result<PathBuf>> {
        loop {
            if let Some(p) = self.found.pop_front() {
                return Some(p);
            }
            let p = self.paths.pop_front()?;
            let mut out = Vec::new();
            walk_root(&p, &mut self.seen, &mut out);
            self.found.extend(out);
        }
    }
}

/// The documents of one path given.
fn walk_root(p: &PathBuf, seen: &mut Seen, out: &mut Vec<Result<PathBuf>>) {
    let io = |source| {
        Err(Error::Io {
            path: p.clone(),
            source,
        })
    };
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => match std::fs::canonicalize(p) {
            Ok(real) => {
                if seen.dirs.insert(real.clone()) {
                    let mut stack = vec![(real.clone(), p.clone())];
                    walk_dir(p, &real, &mut stack, seen, out);
                }
            }
            Err(source) => out.push(io(source)),
        },
        Ok(_) => {
            let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            if seen.files.insert(real) {
                out.push(Ok(p.clone()));
            }
        }
        Err(source) => out.push(io(source)),
    }
}

/// The real paths met so far.
#[derive(Debug, Default)]
struct Seen {
    dirs: HashSet<PathBuf>,
    files: HashSet<PathBuf>,
}

/// Walk `dir`, whose real path is `real`; `stack` holds the folders being
/// walked (real path, path as walked), `real` last.
fn walk_dir(
    dir: &Path,
    real: &Path,
    stack: &mut Vec<(PathBuf, PathBuf)>,
    seen: &mut Seen,
    out: &mut Vec<Result<PathBuf>>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            }));
            return;
        }
    };
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, file_type) in entries {
        let Some(name) = p.file_name().map(|n| n.to_string_lossy().to_string()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        // Where the entry really is: beside its folder, or where its link
        // leads (None for a broken link).
        let (is_dir, real_path) = match file_type {
            Some(t) if !t.is_symlink() => (t.is_dir(), p.file_name().map(|n| real.join(n))),
            _ => match std::fs::metadata(&p) {
                Ok(m) => (m.is_dir(), std::fs::canonicalize(&p).ok()),
                Err(_) => (false, None),
            },
        };
        if is_dir {
            let Some(real_dir) = real_path else {
                continue;
            };
            if let Some((_, ancestor)) = stack.iter().find(|(r, _)| *r == real_dir) {
                out.push(Err(Error::Io {
                    path: p.clone(),
                    source: std::io::Error::other(format!(
                        "symbolic link loop: it leads back to {}, which holds it (not followed)",
                        ancestor.display()
                    )),
                }));
                continue;
            }
            if !seen.dirs.insert(real_dir.clone()) {
                continue;
            }
            stack.push((real_dir.clone(), p.clone()));
            walk_dir(&p, &real_dir, stack, seen, out);
            stack.pop();
            continue;
        }
        let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if stem == "readme" || !EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        if let Some(r) = real_path {
            if !seen.files.insert(r) {
                continue;
            }
        }
        out.push(Ok(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However many threads read, the bytes in flight stay within the
    /// budget, and a file larger than the budget is read alone.
    #[test]
    fn the_budget_bounds_bytes_in_flight() {
        let budget = Arc::new(Budget::new(100));
        std::thread::scope(|s| {
            for t in 0..8u64 {
                let budget = Arc::clone(&budget);
                s.spawn(move || {
                    for i in 0..200u64 {
                        let n = 10 + (t * 7 + i * 13) % 50;
                        let p = budget.acquire(if i % 50 == 0 { 150 } else { n });
                        std::thread::yield_now();
                        drop(p);
                    }
                });
            }
        });
        let st = budget.lock();
        assert_eq!(st.bytes, 0);
        assert!(st.holders.is_empty());
        assert!(st.peak <= 150, "{}", st.peak);
    }

    /// A thread that keeps what it read never waits on itself.
    #[test]
    fn a_thread_keeping_its_sources_goes_on() {
        let budget = Arc::new(Budget::new(100));
        let kept: Vec<Permit> = (0..5).map(|_| budget.acquire(60)).collect();
        assert_eq!(budget.lock().bytes, 300);
        drop(kept);
        assert_eq!(budget.lock().bytes, 0);
    }
}
