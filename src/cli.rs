//! Argument parsing and output. Nothing here leaks into the library.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use cancu::extract::{Citation, Role};
use cancu::ingest::{self, Limits, Record};
use cancu::Knowledge;

/// Exit status when every file was read.
const OK: u8 = 0;
/// Exit status when some files were skipped (each reported on stderr).
const SKIPPED: u8 = 1;

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
    after_help = "Examples:\n  cancu extract corpus/\n  cancu extract --json corpus/ > extraction.ndjson\n  cancu extract --catalog my-catalog.toml --json agreement.txt"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract citations, parties, signatories and document facts.
    #[command(
        long_about = "Extract citations, parties, signatories and document facts from each document.\n\n\
Folders are walked in name order (hidden files and a folder's README skipped; .txt and .md read). \
Files are read as UTF-8 (with or without BOM) or UTF-16 with a BOM.\n\n\
With --json, prints one JSON object per document, one per line (NDJSON), in the order the paths were given: \
path, kind, title, number, date, province, province_now, period, parent, citations, parties, signatories, \
author, diagnostics, encoding. Each citation has id, type, date, issuer, scope (province of a local \
instrument, null for national), form (full/short/name), role (basis/mention), cue, implements, catalogued, \
written and mentions. Spans (mentions, span) are [start, end) character offsets (Unicode scalar values) \
into the file's text as decoded, byte-order mark removed.\n\n\
A file that cannot be read is named on stderr with the reason, the others are still processed, and the \
exit status is 1."
    )]
    Extract(ExtractArgs),
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or folders to read [default: corpus]
    paths: Vec<PathBuf>,
    /// Print NDJSON, one object per document
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct Common {
    /// Extra catalogue file(s) (TOML, the format of data/catalog.toml); entries extend or replace the built-in ones
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// Refuse files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_size)]
    max_file_size: u64,
}

impl Common {
    fn knowledge(&self) -> Result<Knowledge> {
        let mut k = Knowledge::builtin().context("loading the built-in data")?;
        for path in &self.catalogs {
            let src = std::fs::read_to_string(path).with_context(|| format!("reading catalogue {}", path.display()))?;
            k.catalog.extend_from_toml(&src, &path.display().to_string())?;
        }
        Ok(k)
    }

    fn limits(&self) -> Limits {
        Limits {
            max_file_size: self.max_file_size,
        }
    }
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("corpus")]
    } else {
        paths
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    let limits = args.common.limits();
    let paths = default_paths(args.paths);
    let results: Vec<cancu::Result<Record>> = ingest::collect(&paths)
        .into_par_iter()
        .map(|p| p.and_then(|p| ingest::extract_file(&p, &k, &limits)))
        .collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    for r in &results {
        match r {
            Ok(rec) if args.json => {
                serde_json::to_writer(&mut out, rec)?;
                out.write_all(b"\n")?;
            }
            Ok(rec) => print_summary(&mut out, rec)?,
            Err(e) => {
                out.flush()?;
                eprintln!("cancu: {e}");
                skipped += 1;
            }
        }
    }
    out.flush()?;
    if skipped > 0 {
        eprintln!("cancu: {skipped} of {} file(s) skipped", results.len());
        return Ok(ExitCode::from(SKIPPED));
    }
    Ok(ExitCode::from(OK))
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

fn print_summary(out: &mut impl Write, r: &Record) -> io::Result<()> {
    let e = &r.extraction;
    let kind = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    writeln!(out, "{}  [{kind}]", r.path)?;
    if let Some(t) = &e.title {
        writeln!(out, "  title:       {t}")?;
    }
    let period = e.period.map_or("—".to_string(), |[a, b]| format!("{a}–{b}"));
    let now = match (&e.province, &e.province_now) {
        (Some(p), Some(n)) if p != n => format!(" (now {n})"),
        _ => String::new(),
    };
    writeln!(out, "  number:      {}   date: {}   period: {period}", or_dash(&e.number), or_dash(&e.date))?;
    writeln!(out, "  province:    {}{now}", or_dash(&e.province))?;
    if let Some(a) = &e.author {
        writeln!(out, "  author:      {a}")?;
    }
    writeln!(out, "  parent:      {}", or_dash(&e.parent))?;
    for p in &e.parties {
        writeln!(out, "  party:       {}", p.name)?;
    }
    for s in &e.signatories {
        let mut role: Vec<&str> = Vec::new();
        if let Some(r) = &s.rank {
            role.push(r);
        }
        if let Some(t) = &s.title {
            role.push(t);
        }
        let for_party = s.party.as_deref().map(|p| format!(", for {p}")).unwrap_or_default();
        writeln!(out, "  signatory:   {} ({}{for_party})", s.name, role.join(" "))?;
    }
    writeln!(out, "  citations:   {}", e.citations.len())?;
    for c in &e.citations {
        writeln!(out, "    {}", citation_line(c))?;
    }
    for d in &e.diagnostics {
        writeln!(out, "  note:        {} ({})", d.message, d.code)?;
    }
    writeln!(out)
}

fn citation_line(c: &Citation) -> String {
    let role = if c.role == Role::Basis { "basis  " } else { "mention" };
    let form = serde_json::to_value(c.form).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let scope = c.scope.as_deref().map(|s| format!("  [{s}]")).unwrap_or_default();
    format!(
        "{role} {form:<5} {:<24} {:<22} {}{scope}",
        c.id,
        c.kind.as_deref().unwrap_or("—"),
        c.date.as_deref().unwrap_or("—")
    )
}
