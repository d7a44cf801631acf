//! `cancu index`: build or update the search index and the graph.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use cancu::index::{self, BuildConfig, Event, Summary};
use cancu::Knowledge;

use super::{default_paths, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    long_about = "Read every supported file under the paths, extract its facts, and write the search index, \
the knowledge graph and a manifest (versions, roots, files with their hashes, counts, skipped files) into \
the index folder (default: index/).\n\n\
--corrections FILE applies facts fixed by hand (a TOML file: per document, by path or own number, its kind, \
title, date, province, period, parent, and citations, parties and signatories to add or drop; see README). The \
index records the file and applies it again on every later run, until --no-corrections; a change to the \
file rebuilds the index. `cancu show` marks corrected facts; a correction that no longer matches its \
document is a warning on stderr and in the manifest.\n\n\
Adds and updates, never loses: the paths given are added to the roots the index mirrors (stored as \
absolute paths, so it does not matter where you run cancu from); with no paths, every root is brought up \
to date (corpus/ for a new index). A document is removed only when its file is gone from a root it was \
indexed from, and each removal is named on stderr. A path that does not exist or cannot be read is an \
error (exit status 2) that changes nothing. --prune mirrors the paths given exactly, dropping (and naming) \
every document not under them. Only new or changed files are read (size and modification time, then the \
content's hash). A change of cancu, of its analysis or of the catalogue (--catalog) rebuilds the index by \
itself; --rebuild starts over (and repairs a damaged index).\n\n\
Safe: the index, its graph and its manifest change together, at one moment, when the run is complete; a \
run interrupted at any point leaves the previous index whole, and the next run cleans what it left. \
Searches keep working during a run, and on an index you may only read. Only one `cancu index` writes a \
folder at a time; a second one stops with \"the index is locked\".\n\n\
A file that cannot be read (empty, binary, undecodable, too large, a corrupt Word or PDF file, …) or a \
folder that cannot be listed is named on stderr with the reason and the rest goes on; what the index \
held of it is kept. The exit status is then 1.",
    after_help = "Examples:\n  cancu index                       # corpus/ into index/, then every root again\n  cancu index ~/agreements          # add a folder to index/\n  cancu index --prune corpus        # index/ holds corpus/ and nothing else\n  cancu index ~/agreements --index ~/agreements-index\n  cancu index --rebuild\n  cancu index --json"
)]
pub(crate) struct IndexArgs {
    /// Files or folders to add or bring up to date [default: every one the index holds; corpus for a new index]
    paths: Vec<PathBuf>,
    /// The index folder
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Start over instead of updating
    #[arg(long)]
    rebuild: bool,
    /// Mirror the paths given exactly: drop every indexed document that is not under them (each named on stderr)
    #[arg(long)]
    prune: bool,
    /// Apply this corrections file (TOML: facts fixed by hand, per document); later runs apply it again
    #[arg(long, value_name = "FILE", conflicts_with = "no_corrections")]
    corrections: Option<PathBuf>,
    /// Stop applying the corrections file the index applies
    #[arg(long)]
    no_corrections: bool,
    /// Print the summary as one JSON object
    #[arg(long)]
    json: bool,
    /// No progress bar
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    common: Common,
}

pub(crate) fn run(args: IndexArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    // No paths: every root the index mirrors, or corpus/ for a new index.
    let paths = if args.paths.is_empty() && !index::Index::exists(&args.index) {
        let corpus = default_paths(Vec::new());
        if !corpus.iter().all(|p| p.exists()) {
            anyhow::bail!(
                "nothing to index: there is no index in {} and no corpus/ here; name the files or folders: cancu index PATH… --index {}",
                args.index.display(),
                args.index.display()
            );
        }
        corpus
    } else {
        args.paths.clone()
    };
    if args.prune && args.paths.is_empty() {
        anyhow::bail!("--prune needs the paths to keep: cancu index --prune PATH…");
    }
    let corrections = match (&args.corrections, args.no_corrections) {
        (Some(p), _) => index::CorrectionsFile::Use(p.clone()),
        (None, true) => index::CorrectionsFile::Drop,
        (None, false) => index::CorrectionsFile::Keep,
    };
    let cfg = BuildConfig {
        rebuild: args.rebuild,
        prune: args.prune,
        corrections,
        limits: args.common.limits(),
        ..BuildConfig::new(args.index.clone(), paths)
    };
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let started = Instant::now();
    let summary = build(&cfg, &k, show_progress)?;
    let elapsed = started.elapsed();
    report(&summary, &args.index, elapsed, args.json)?;
    Ok(ExitCode::from(if summary.skipped.is_empty() { OK } else { SKIPPED }))
}

/// Index with a progress bar on a terminal.
pub(crate) fn build(cfg: &BuildConfig, k: &Knowledge, show_progress: bool) -> Result<Summary> {
    let bar = ProgressBar::with_draw_target(
        None,
        if show_progress {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:<12} [{bar:30}] {pos}/{len} files  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let on_event = |e: Event| match e {
        Event::Rebuilding { reason } => {
            bar.suspend(|| eprintln!("cancu: rebuilding the index: {reason}"));
        }
        Event::Scanned { to_read, .. } => {
            bar.set_length(to_read as u64);
            bar.set_message("reading");
        }
        Event::Removing { name, pruned } => {
            let why = if pruned {
                "not under the paths given with --prune"
            } else {
                "its file is gone"
            };
            bar.suspend(|| eprintln!("cancu: removing {} ({why})", super::safe(name)));
        }
        Event::Read { .. } => bar.inc(1),
        Event::Committing => bar.set_message("writing"),
        Event::Graph => bar.set_message("graph"),
    };
    let result = index::update(cfg, k, &on_event);
    bar.finish_and_clear();
    Ok(result?)
}

/// Name each file an update could not read, with the reason, on stderr.
pub(crate) fn report_skipped(skipped: &[index::Skipped]) {
    for sk in skipped {
        let kept = if sk.kept_previous {
            " (the version indexed before is kept)"
        } else {
            ""
        };
        eprintln!("cancu: skipped {}{kept}", super::safe(&sk.reason));
    }
}

fn report(s: &Summary, dir: &Path, elapsed: Duration, json: bool) -> Result<()> {
    report_skipped(&s.skipped);
    if let Some(c) = &s.corrections {
        for w in &c.warnings {
            eprintln!("cancu: warning: {}", super::safe(w));
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        #[derive(serde::Serialize)]
        struct Report<'a> {
            index: String,
            added: usize,
            updated: usize,
            unchanged: usize,
            removed: usize,
            removed_documents: &'a [String],
            skipped: &'a [index::Skipped],
            generation: u64,
            roots: &'a [index::Root],
            rebuilt: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            corrections: Option<&'a index::Applied>,
            documents: usize,
            citations: usize,
            parties: usize,
            signatories: usize,
            graph_nodes: usize,
            graph_edges: usize,
            seconds: f64,
        }
        serde_json::to_writer(
            &mut out,
            &Report {
                index: dir.display().to_string(),
                added: s.added,
                updated: s.updated,
                unchanged: s.unchanged,
                removed: s.removed,
                removed_documents: &s.removed_names,
                skipped: &s.skipped,
                generation: s.generation,
                roots: &s.roots,
                rebuilt: s.rebuilt.as_deref(),
                corrections: s.corrections.as_ref(),
                documents: s.counts.documents,
                citations: s.counts.citations,
                parties: s.counts.parties,
                signatories: s.counts.signatories,
                graph_nodes: s.graph_nodes,
                graph_edges: s.graph_edges,
                seconds: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            },
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "indexed {} document(s) into {} in {:.2} s: {} added, {} updated, {} unchanged, {} removed, {} skipped",
            s.counts.documents,
            dir.display(),
            elapsed.as_secs_f64(),
            s.added,
            s.updated,
            s.unchanged,
            s.removed,
            s.skipped.len()
        )?;
        writeln!(
            out,
            "  {} citations, {} parties, {} signatories; graph of {} nodes and {} edges",
            s.counts.citations, s.counts.parties, s.counts.signatories, s.graph_nodes, s.graph_edges
        )?;
    }
    Ok(())
}

/// The index folder used when `--index` is not given.
pub(crate) const DEFAULT_INDEX: &str = "index";

/// The index in `dir`, for a command that reads. Nothing that exists is
/// ever written: a damaged index is an error naming the command that
/// repairs it. Only the default `index/` is built when it does not exist
/// yet, from `corpus/` (or `first_paths`) when that is there; any other
/// missing index is an error, so a mistyped `--index` builds nothing.
pub(crate) fn open_or_build(
    dir: &Path,
    first_paths: &[PathBuf],
    common: &Common,
    k: &Knowledge,
) -> Result<(index::Index, bool)> {
    if index::Index::exists(dir) {
        return Ok((index::Index::open(dir)?, false));
    }
    let paths = default_paths(first_paths.to_vec());
    let default_dir = dir == Path::new(DEFAULT_INDEX);
    if !default_dir || !paths.iter().all(|p| p.exists()) {
        return Err(cancu::Error::NoIndex {
            path: dir.to_path_buf(),
        }
        .into());
    }
    eprintln!(
        "cancu: no index in {}: building it from {} first",
        dir.display(),
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let cfg = BuildConfig {
        limits: common.limits(),
        ..BuildConfig::new(dir.to_path_buf(), paths)
    };
    let s = build(&cfg, k, std::io::stderr().is_terminal())?;
    report_skipped(&s.skipped);
    eprintln!("cancu: indexed {} document(s)", s.counts.documents);
    Ok((index::Index::open(dir)?, !s.skipped.is_empty()))
}
