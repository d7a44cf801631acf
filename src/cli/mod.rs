//! Argument parsing and output. Nothing here leaks into the library.

mod check;
mod eval;
mod export;
mod extract;
mod graph;
mod index;
mod search;
mod show;

use std::borrow::Cow;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result};
use clap::builder::RangedU64ValueParser;
use clap::{Args, CommandFactory, Parser, Subcommand};

use cancu::ingest::Limits;
use cancu::pipeline::{self, Failure};
use cancu::Knowledge;

/// Exit status when every file was read.
pub(crate) const OK: u8 = 0;
/// Exit status when some files were skipped (each reported on stderr).
pub(crate) const SKIPPED: u8 = 1;

#[derive(Parser)]
#[command(
    name = "cancu",
    version,
    about = "Read Vietnamese cooperation-programme agreements: the instruments they cite, their parties and signatories.",
    long_about = "cancu (from \"căn cứ\", legal basis) reads cooperation programmes (\"chương trình phối hợp\") on \
khuyến học, khuyến tài and xây dựng xã hội học tập, and the news that reports them. It finds every legal \
instrument a text cites (Chỉ thị 11-CT/TW, Quyết định 1373/QĐ-TTg, …) in any of the shapes real texts use, \
resolves short and name-only references through the document and a catalogue, and reads the parties, \
signatories, province, period and parent programme.\n\n\
Exit status: 0 when every file was read, 1 when some were skipped (each named on stderr), 2 on a usage \
or fatal error.",
    after_help = "Examples:\n  cancu index                          # corpus/ into index/\n  cancu search \"khuyen hoc\"\n  cancu search --cites 11-CT/TW --transitive --province \"Vĩnh Long\"\n  cancu show 003_798d9b088e52fc0e.txt\n  cancu extract --json corpus/ > extraction.ndjson\n  cancu graph implements 11-CT/TW\n  cancu export --format html -o graph.html\n  cancu eval tests/data/seeds.gold.json"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or update the search index and the graph (default: corpus/ into index/).
    Index(index::IndexArgs),
    /// Search the indexed documents, with or without diacritics, with filters and facets.
    Search(search::SearchArgs),
    /// One indexed document's facts: citations by role, parties, signatories, parent, implementers.
    Show(show::ShowArgs),
    /// Extract citations, parties, signatories and document facts.
    #[command(
        long_about = "Extract citations, parties, signatories and document facts from each document.\n\n\
Folders are walked in name order (hidden files and a folder's README skipped; .txt, .md, .html, \
.docx, .doc and .pdf taken). A file's format is told by its content: Word documents (.docx) are read, \
PDFs through pdftotext (poppler-utils; a PDF without text is reported as a scan), \
text in the legacy fonts .VnTime (TCVN3) and VNI-Times (VNI) converted; web pages are read as news \
reports (headline, byline and date from the page's metadata, the article's paragraphs and photo \
captions, no menus, related links, comments or footers); .doc is refused with the command that \
converts it. \
Files are read as UTF-8 (with or without BOM) or UTF-16 with a BOM; a file that is not UTF-8 is read \
as TCVN3 (ABC), VNI or Windows-1258 when its character statistics say so with confidence (the encoding \
is reported, with a note in diagnostics), and refused otherwise.\n\n\
With --json, prints one JSON object per document, one per line (NDJSON), in the order the paths were given: \
path, kind, title, number, date, province, province_now, period, parent, citations, parties, signatories, \
author, diagnostics, encoding. Each citation has id, type, date, issuer, scope (province of a local \
instrument, null for national), form (full/short/name), role (basis/mention), cue, implements, catalogued, \
written and mentions; spans gives where number, date, province and period are written (left out when none is). Spans (mentions, span, spans) are [start, end) character offsets (Unicode scalar values) \
into the file's text as decoded, byte-order mark removed.\n\n\
A file that cannot be read is named on stderr with the reason, the others are still processed, and the \
exit status is 1."
    )]
    Extract(extract::ExtractArgs),
    /// The knowledge graph: which documents implement which instruments, and through what chain.
    Graph(graph::GraphArgs),
    /// Write the graph for Graphviz, Gephi, yEd, Cytoscape, networkx, Neo4j/Memgraph or Mermaid.
    Export(export::ExportArgs),
    /// Judge agreements by compliance rules: does each cite the programme it should?
    #[command(long_about = check::LONG_ABOUT)]
    Check(check::CheckArgs),
    /// Score extraction against a gold file: precision, recall and F1 per field, every miss and extra.
    Eval(eval::EvalArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    #[command(
        long_about = "Print a completion script for a shell, generated from cancu's own options.\n\n\
Install it where the shell looks for completions:\n  \
bash        cancu completions bash > ~/.local/share/bash-completion/completions/cancu\n  \
zsh         cancu completions zsh > ~/.zfunc/_cancu   (with fpath+=~/.zfunc before compinit in ~/.zshrc)\n  \
fish        cancu completions fish > ~/.config/fish/completions/cancu.fish\n  \
powershell  cancu completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print cancu's manual page (roff), generated from its options.
    #[command(
        long_about = "Print cancu's manual page in roff, generated from its options and help texts.\n\n\
Read it with `cancu man | man -l -`, or install it:\n  \
cancu man > ~/.local/share/man/man1/cancu.1 && man cancu\n\n\
`cancu man search` prints the page of one command (cancu-search(1)), with all its options."
    )]
    Man {
        /// A command whose page to print [default: the main page]
        command: Option<String>,
    },
}

/// Largest `--max-file-size`.
const MAX_FILE_SIZE: u64 = 4 << 30;
/// Longest `--timeout`, in seconds.
const MAX_TIMEOUT: u64 = 86_400;
/// Longest chain `--depth` follows.
pub(crate) const MAX_DEPTH: u64 = 100;

/// The parser of a `--depth` from `min` to [`MAX_DEPTH`].
pub(crate) fn depth(min: u64) -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::<usize>::new().range(min..=MAX_DEPTH)
}

/// Options every command that reads documents shares.
#[derive(Args)]
pub(crate) struct Common {
    /// Extra catalogue file(s) (TOML, the format of data/catalog.toml); entries extend or replace the built-in ones
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// Refuse files larger than this many bytes, 1 to 4294967296 (4 GiB), and files whose text is larger once decoded or decompressed (it also caps each part of a Word document)
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_size,
          value_parser = clap::value_parser!(u64).range(1..=MAX_FILE_SIZE))]
    max_file_size: u64,
    /// Stop reading a PDF after this many seconds, 1 to 86400 (a day)
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT))]
    timeout: u64,
}

impl Common {
    pub(crate) fn knowledge(&self) -> Result<Knowledge> {
        let mut k = Knowledge::builtin().context("loading the built-in data")?;
        for path in &self.catalogs {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading catalogue {}", path.display()))?;
            k.catalog.extend_from_toml(&src, &path.display().to_string())?;
        }
        Ok(k)
    }

    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_file_size: self.max_file_size,
            timeout: std::time::Duration::from_secs(self.timeout),
        }
    }

    /// How the ingest pipeline reads and extracts: these limits, records only.
    pub(crate) fn pipeline<'a>(&self, k: &'a Knowledge) -> pipeline::Options<'a> {
        pipeline::Options::new(k, self.limits())
    }
}

/// Name a file (or folder) that could not be read, with the reason, on
/// stderr: how every command reports one.
pub(crate) fn report_failure(f: &Failure) {
    eprintln!("cancu: {}", safe(&f.to_string()));
}

pub fn run() -> Result<ExitCode> {
    install_panic_hook();
    let cli = Cli::parse();
    match command(cli) {
        // The reader of the output went away (`cancu … | head`): nothing
        // more is wanted, and that is no failure (as with ripgrep).
        Err(e) if closed_output(&e) => Ok(ExitCode::from(OK)),
        r => r,
    }
}

/// Whether an error is a write into a closed pipe.
fn closed_output(e: &anyhow::Error) -> bool {
    e.chain().any(broken_pipe)
}

/// Whether an error is a broken pipe, itself or as the error an I/O error
/// or a JSON error wraps.
fn broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<io::Error>() {
        if io.kind() == io::ErrorKind::BrokenPipe {
            return true;
        }
        return io.get_ref().is_some_and(|inner| broken_pipe(inner));
    }
    e.downcast_ref::<serde_json::Error>()
        .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
}

fn command(cli: Cli) -> Result<ExitCode> {
    // The commands that read and extract documents on every core run
    // under the allocator made for threads; the others, short, keep the
    // one that starts fastest.
    if matches!(cli.command, Command::Index(_) | Command::Extract(_) | Command::Eval(_)) {
        crate::alloc::use_mimalloc();
    }
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Export(args) => export::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Completions { shell } => {
            // Written to memory first: the generator panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cancu", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(ExitCode::from(OK))
        }
        Command::Man { command } => {
            let mut cmd = Cli::command();
            cmd.build();
            let page = match command {
                None => cmd,
                Some(name) => {
                    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
                    match cmd.find_subcommand(&name) {
                        Some(sub) => sub.clone().version(env!("CARGO_PKG_VERSION")),
                        None => anyhow::bail!("no command {:?}: one of {}", name, names.join(", ")),
                    }
                }
            };
            let mut roff = Vec::new();
            clap_mangen::Man::new(page).render(&mut roff)?;
            let mut out = io::stdout().lock();
            out.write_all(&roff)?;
            out.flush()?;
            Ok(ExitCode::from(OK))
        }
    }
}

/// The signing dates `--from` and `--to` select; an undated document is
/// in no range.
pub(crate) fn signed(from: Option<&str>, to: Option<&str>) -> Result<cancu::date::DateRange> {
    let range = cancu::date::DateRange::parse(from, to)?;
    if range.is_empty() {
        anyhow::bail!(
            "--from {} is after --to {}: nothing can be signed between them",
            from.unwrap_or_default(),
            to.unwrap_or_default()
        );
    }
    Ok(range)
}

/// The paths to read, `corpus` when none are given.
pub(crate) fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    }
}

/// Whether a character must not reach a terminal as it is: control
/// characters (C0, DEL, C1: escape sequences start with them) and the
/// bidirectional controls that reorder what is shown.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from files, documents or arguments made safe to print on a
/// terminal: every control character is shown as `\xNN` (ESC as `\x1b`,
/// a newline as `\x0a`) and a bidirectional control as `\u{NNNN}`. Text
/// without any is returned as it is.
pub(crate) fn safe(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// [`safe`] for text of several lines that cancu wrote: newlines are kept.
pub(crate) fn safe_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| unsafe_char(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !bad(c) {
            out.push(c);
        } else if u32::from(c) < 0x100 {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        }
    }
    Cow::Owned(out)
}

/// Reads of the index under way (their panics are answered, not printed).
static READING: AtomicUsize = AtomicUsize::new(0);
/// Whether the last panic during a read was in cancu's own code (a bug, printed).
static OWN_PANIC: AtomicBool = AtomicBool::new(false);

/// A panic hook that stays quiet about a panic inside a dependency
/// (tantivy reading damaged files) while the index is read: [`read_index`]
/// answers it. Any other panic is printed as usual.
fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let own = info.location().is_none_or(|l| l.file().starts_with("src/"));
        if READING.load(Ordering::SeqCst) == 0 {
            default(info);
            return;
        }
        OWN_PANIC.store(own, Ordering::SeqCst);
        if own {
            default(info);
        }
    }));
}

/// Run `f`, a read of the index in `dir`. A panic inside tantivy (a
/// damaged segment) or an error of the index's files is answered "the
/// index is damaged" with the command that repairs it.
pub(crate) fn read_index<T>(dir: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    READING.fetch_add(1, Ordering::SeqCst);
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    READING.fetch_sub(1, Ordering::SeqCst);
    let damaged = |detail: Option<String>| {
        let repair = if dir == Path::new("index") {
            "cancu index --rebuild".to_string()
        } else {
            format!("cancu index --rebuild --index {}", dir.display())
        };
        let detail = detail.map(|d| format!(" ({d})")).unwrap_or_default();
        anyhow::anyhow!("{}: the index is damaged: run `{repair}`{detail}", dir.display())
    };
    match r {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => match e.downcast_ref::<cancu::Error>() {
            Some(cancu::Error::Index { message, .. }) if !message.contains("--rebuild") => {
                Err(damaged(Some(message.clone())))
            }
            Some(cancu::Error::Damaged { message, .. }) => Err(damaged(Some(message.clone()))),
            _ => Err(e),
        },
        Err(payload) if OWN_PANIC.load(Ordering::SeqCst) => panic::resume_unwind(payload),
        Err(_) => Err(damaged(None)),
    }
}
