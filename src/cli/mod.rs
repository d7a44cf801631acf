//! Argument parsing and output. Nothing here leaks into the library.

mod check;
mod eval;
mod export;
mod extract;
mod graph;
mod index;
mod search;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use cancu::ingest::Limits;
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
written and mentions. Spans (mentions, span) are [start, end) character offsets (Unicode scalar values) \
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
}

/// Options every command that reads documents shares.
#[derive(Args)]
pub(crate) struct Common {
    /// Extra catalogue file(s) (TOML, the format of data/catalog.toml); entries extend or replace the built-in ones
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// Refuse files larger than this many bytes (it also caps each decompressed part of a Word document)
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_size)]
    max_file_size: u64,
    /// Stop reading a PDF after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().timeout.as_secs())]
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
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Export(args) => export::run(args),
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
    }
}

/// The paths to read, `corpus` when none are given.
pub(crate) fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    }
}
