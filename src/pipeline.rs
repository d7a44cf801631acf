//! The ingest pipeline: paths in; records and the files that could not be
//! read out, in the order of the paths, as they come.
//!
//! Every command that reads documents goes through [`documents`] (or
//! [`run`], which `cancu index` feeds with the files it must read again):
//! files are read and extracted in parallel on a rayon pool, and handed to
//! the caller one at a time, in order, on the calling thread. At most
//! [`Options::window`] files are in flight (being read, or read and waiting
//! for the ones before them), holding at most [`ingest::MEMORY_BUDGET`]
//! bytes between them (a larger file goes alone), so a run's memory does
//! not grow with the corpus, and the first record reaches the caller
//! before the last file is opened.
//!
//! The caller is a closure rather than an iterator because the work runs
//! in a scope that borrows the knowledge and the corrections: a closure
//! that returns an error stops the run (what is in flight is finished and
//! dropped), which is how a printing command stops when its output is
//! closed.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::corrections::Corrections;
use crate::extract::Knowledge;
use crate::fsutil::name_of_path;
use crate::ingest::{self, Limits, Record, MEMORY_BUDGET};
use crate::Error;

/// Files in flight when [`Options::window`] is 0.
pub const DEFAULT_WINDOW: usize = 64;

/// How to read and extract.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    pub knowledge: &'a Knowledge,
    pub limits: Limits,
    /// Applied to each record after extraction (by its name).
    pub corrections: Option<&'a Corrections>,
    /// Threads that read and extract; 0 for rayon's global pool (one per core).
    pub threads: usize,
    /// Most files in flight at once; 0 for [`DEFAULT_WINDOW`].
    pub window: usize,
    /// Keep each document's text in [`Document::text`].
    pub keep_text: bool,
    /// Whether a file whose content has this hash (BLAKE3, hex) need not be
    /// extracted: it is given as [`Outcome::Unchanged`].
    pub unchanged: Option<SameHash<'a>>,
}

/// Whether the caller already holds a file's content with this hash.
pub type SameHash<'a> = &'a (dyn Fn(&File, &str) -> bool + Sync);

impl<'a> Options<'a> {
    /// Records only, no corrections, every core, the default window.
    pub fn new(knowledge: &'a Knowledge, limits: Limits) -> Options<'a> {
        Options {
            knowledge,
            limits,
            corrections: None,
            threads: 0,
            window: 0,
            keep_text: false,
            unchanged: None,
        }
    }
}

impl fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("limits", &self.limits)
            .field("corrections", &self.corrections.is_some())
            .field("threads", &self.threads)
            .field("window", &self.window)
            .field("keep_text", &self.keep_text)
            .field("unchanged", &self.unchanged.is_some())
            .finish()
    }
}

/// One file to read: where it is, and the name its record takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    /// The record's `path`.
    pub name: String,
}

impl File {
    /// A file named by its path as given ([`name_of_path`]).
    pub fn new(path: PathBuf) -> File {
        let name = name_of_path(&path);
        File { path, name }
    }
}

/// A file, or a folder, that could not be read: the path and why.
///
/// It names its path one way for every command, as a record does
/// ([`name_of_path`]: lossless, `\xNN` for a byte that is not UTF-8).
#[derive(Debug)]
pub struct Failure {
    /// The file or folder.
    pub path: PathBuf,
    pub error: Error,
}

impl Failure {
    /// The failure of `path` (the error's own path when it names one).
    pub fn new(path: &Path, error: Error) -> Failure {
        let path = error.path().unwrap_or(path).to_path_buf();
        Failure { path, error }
    }

    /// The path as records name paths.
    pub fn name(&self) -> String {
        name_of_path(&self.path)
    }

    /// Why, without the path.
    pub fn reason(&self) -> String {
        let full = self.error.to_string();
        let prefix = format!("{}: ", self.path.display());
        match full.strip_prefix(&prefix) {
            Some(reason) => reason.to_string(),
            None => full,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        let path = error.path().map(Path::to_path_buf).unwrap_or_default();
        Failure { path, error }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.reason())
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// A document read and extracted.
#[derive(Debug)]
pub struct Document {
    pub file: File,
    /// Its facts, named [`File::name`], corrections applied.
    pub record: Record,
    /// Its text as decoded, when [`Options::keep_text`].
    pub text: Option<String>,
    /// BLAKE3 of the file's bytes, in hex.
    pub hash: String,
    /// The file's size.
    pub bytes: u64,
}

/// What became of one file.
#[derive(Debug)]
pub enum Outcome {
    Document(Box<Document>),
    /// Read, and not extracted: [`Options::unchanged`] said so of its hash.
    Unchanged(File),
    Failed(Failure),
}

/// The files under `paths`, walked as [`ingest::walk`] walks them, lazily.
pub fn files(paths: &[PathBuf]) -> impl Iterator<Item = Result<File, Failure>> {
    ingest::walk(paths).map(|p| p.map(File::new).map_err(Failure::from))
}

/// Read and extract the documents under `paths` (files as given, folders
/// walked), handing each record, or the failure of each file or folder,
/// to `f` in the order of the paths. `f` returning an error stops the run
/// and returns it.
pub fn documents<E>(
    paths: &[PathBuf],
    opts: &Options,
    mut f: impl FnMut(Result<Document, Failure>) -> Result<(), E>,
) -> Result<(), E> {
    run(files(paths), opts, |o| match o {
        Outcome::Document(d) => f(Ok(*d)),
        Outcome::Failed(x) => f(Err(x)),
        Outcome::Unchanged(_) => Ok(()),
    })
}

/// Read (and extract, unless unchanged) each file of `input` in parallel,
/// handing what became of each to `f`, in the order of `input`, on the
/// calling thread. `input` is taken from only as room frees up in the
/// window. `f` returning an error stops the run and returns it.
pub fn run<E>(
    input: impl IntoIterator<Item = Result<File, Failure>>,
    opts: &Options,
    f: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<(), E> {
    let pool = (opts.threads > 0)
        .then(|| rayon::ThreadPoolBuilder::new().num_threads(opts.threads).build().ok())
        .flatten();
    match pool {
        Some(pool) => pool.in_place_scope(|s| drive(s, input.into_iter(), opts, f)),
        None => rayon::in_place_scope(|s| drive(s, input.into_iter(), opts, f)),
    }
}

/// What a worker sends back: its place, what became of the file (or the
/// panic it met), the bytes it was admitted with and the bytes it holds.
type Done = (u64, std::thread::Result<Outcome>, u64, u64);

/// The consumer's side: admit files while there is room, hand out the
/// next in order when it is there, else wait for a worker.
fn drive<'s, E>(
    scope: &rayon::Scope<'s>,
    mut input: impl Iterator<Item = Result<File, Failure>>,
    opts: &'s Options<'s>,
    mut f: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<(), E> {
    let window = if opts.window == 0 { DEFAULT_WINDOW } else { opts.window };
    let (tx, rx) = mpsc::channel::<Done>();
    // Outcomes that came before their turn, by place, with the bytes they hold.
    let mut ready: BTreeMap<u64, (Outcome, u64)> = BTreeMap::new();
    let (mut next, mut head) = (0u64, 0u64);
    // Files admitted and not handed out yet, and the bytes they hold.
    let (mut in_flight, mut bytes) = (0usize, 0u64);
    // The next file, when it did not fit beside those in flight.
    let mut waiting: Option<(File, u64)> = None;
    let mut input_done = false;
    loop {
        while in_flight < window && !input_done {
            let (file, size) = match waiting.take() {
                Some(w) => w,
                None => match input.next() {
                    None => {
                        input_done = true;
                        break;
                    }
                    Some(Err(failure)) => {
                        ready.insert(next, (Outcome::Failed(failure), 0));
                        next += 1;
                        in_flight += 1;
                        continue;
                    }
                    Some(Ok(file)) => {
                        let size = std::fs::metadata(&file.path).map_or(0, |m| m.len());
                        (file, size.min(opts.limits.max_file_size))
                    }
                },
            };
            if in_flight > 0 && bytes.saturating_add(size) > MEMORY_BUDGET {
                waiting = Some((file, size));
                break;
            }
            bytes += size;
            in_flight += 1;
            let (tx, place) = (tx.clone(), next);
            next += 1;
            scope.spawn(move |_| {
                let done = panic::catch_unwind(AssertUnwindSafe(|| process(file, opts)));
                let held = match &done {
                    Ok(Outcome::Document(d)) => d.text.as_ref().map_or(0, |t| t.len() as u64),
                    _ => 0,
                };
                // The receiver is gone only when the run stopped.
                let _ = tx.send((place, done, size, held));
            });
        }
        if let Some((outcome, held)) = ready.remove(&head) {
            head += 1;
            in_flight -= 1;
            bytes -= held;
            f(outcome)?;
            continue;
        }
        if in_flight == 0 && input_done {
            return Ok(());
        }
        // Something is in flight and not ready: a worker holds it.
        let Ok((place, done, admitted, held)) = rx.recv() else {
            return Ok(());
        };
        let outcome = done.unwrap_or_else(|payload| panic::resume_unwind(payload));
        bytes = bytes - admitted + held;
        ready.insert(place, (outcome, held));
    }
}

/// Read one file, extract it unless unchanged, name its record, correct it.
fn process(file: File, opts: &Options) -> Outcome {
    let src = match ingest::read(&file.path, &opts.limits) {
        Ok(src) => src,
        Err(e) => return Outcome::Failed(Failure::new(&file.path, e)),
    };
    if opts.unchanged.is_some_and(|same| same(&file, &src.hash)) {
        return Outcome::Unchanged(file);
    }
    let mut record = ingest::extract_source(&src, opts.knowledge);
    record.path = file.name.clone();
    if let Some(c) = opts.corrections {
        c.apply(&mut record, opts.knowledge);
    }
    let (hash, bytes) = (src.hash.clone(), src.bytes);
    let text = opts.keep_text.then(|| src.into_text());
    Outcome::Document(Box::new(Document {
        file,
        record,
        text,
        hash,
        bytes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::builtin().expect("built-in data"));

    const DOC: &str = "CHƯƠNG TRÌNH PHỐI HỢP\nCăn cứ Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị.\n";

    fn names(items: &[Result<Document, Failure>]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Ok(d) => d.record.path.clone(),
                Err(f) => format!("failed {}", f.name()),
            })
            .collect()
    }

    /// Records and failures come in the order of the paths, whatever the
    /// threads and the window, and the same as reading each file alone.
    #[test]
    fn ingest_pipeline_keeps_the_order_of_the_paths() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut paths = Vec::new();
        for i in 0..40 {
            let p = dir.path().join(format!("d{i:02}.txt"));
            let body = if i % 7 == 3 {
                String::new()
            } else {
                format!("{DOC}{}\n", "Nội dung. ".repeat(i * 50))
            };
            std::fs::write(&p, body).expect("write");
            paths.push(p);
        }
        paths.reverse();
        paths.insert(5, dir.path().join("missing.txt"));
        let want: Vec<String> = paths
            .iter()
            .map(|p| match ingest::extract_file(p, &KNOWLEDGE, &Limits::default()) {
                Ok(r) => r.path,
                Err(e) => format!("failed {}", Failure::new(p, e).name()),
            })
            .collect();
        for (threads, window) in [(0, 0), (1, 1), (3, 2), (4, 100)] {
            let opts = Options {
                threads,
                window,
                ..Options::new(&KNOWLEDGE, Limits::default())
            };
            let mut got = Vec::new();
            documents(&paths, &opts, |i| {
                got.push(i);
                Ok::<(), ()>(())
            })
            .expect("no stop");
            assert_eq!(names(&got), want, "threads {threads}, window {window}");
            let first = got.iter().find_map(|i| i.as_ref().ok()).expect("a document");
            let alone = ingest::extract_file(&first.file.path, &KNOWLEDGE, &Limits::default()).expect("read");
            assert_eq!(
                serde_json::to_string(&first.record).ok(),
                serde_json::to_string(&alone).ok()
            );
        }
    }

    /// The first record is handed out before a later file is even looked
    /// at: here the second path is written only once the first record
    /// has arrived.
    #[test]
    fn ingest_pipeline_streams_the_first_record_before_the_next_file_exists() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, DOC).expect("write");
        let opts = Options {
            window: 1,
            ..Options::new(&KNOWLEDGE, Limits::default())
        };
        let mut got = Vec::new();
        documents(&[a, b.clone()], &opts, |i| {
            if got.is_empty() {
                std::fs::write(&b, DOC).expect("write");
            }
            got.push(i);
            Ok::<(), ()>(())
        })
        .expect("no stop");
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(Result::is_ok), "{:?}", names(&got));
    }

    /// An error from the caller stops the run: nothing more is handed out.
    #[test]
    fn ingest_pipeline_stops_when_the_caller_fails() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for i in 0..20 {
            std::fs::write(dir.path().join(format!("d{i:02}.txt")), DOC).expect("write");
        }
        let opts = Options::new(&KNOWLEDGE, Limits::default());
        let mut n = 0;
        let r = documents(&[dir.path().to_path_buf()], &opts, |_| {
            n += 1;
            if n == 3 {
                Err("closed")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("closed"));
        assert_eq!(n, 3);
    }

    /// A failure names its path as records do, with the reason after it;
    /// texts are kept when asked, and unchanged files are not extracted.
    #[test]
    fn ingest_failures_name_their_path_and_texts_are_kept_when_asked() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let good = dir.path().join("good.txt");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&good, DOC).expect("write");
        std::fs::write(&empty, "").expect("write");
        let opts = Options {
            keep_text: true,
            ..Options::new(&KNOWLEDGE, Limits::default())
        };
        let mut got = Vec::new();
        documents(&[good.clone(), empty.clone()], &opts, |i| {
            got.push(i);
            Ok::<(), ()>(())
        })
        .expect("no stop");
        let doc = got[0].as_ref().expect("read");
        assert_eq!(doc.text.as_deref(), Some(DOC));
        assert_eq!(doc.hash, blake3::hash(DOC.as_bytes()).to_hex().to_string());
        let failure = got[1].as_ref().expect_err("failed");
        assert_eq!(failure.path, empty);
        assert_eq!(failure.to_string(), failure.error.to_string());
        assert_eq!(
            failure.to_string(),
            format!("{}: {}", name_of_path(&empty), failure.reason())
        );

        let same = |_: &File, hash: &str| hash == blake3::hash(DOC.as_bytes()).to_hex().as_str();
        let opts = Options {
            unchanged: Some(&same),
            ..Options::new(&KNOWLEDGE, Limits::default())
        };
        let mut outcomes = Vec::new();
        run(files(std::slice::from_ref(&good)), &opts, |o| {
            outcomes.push(o);
            Ok::<(), ()>(())
        })
        .expect("no stop");
        assert!(matches!(&outcomes[..], [Outcome::Unchanged(f)] if f.path == good));
    }
}
