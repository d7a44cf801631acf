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
    long_about = "Read every supported file under the paths (default: corpus/), extract its facts, and write \
the search index, the knowledge graph (graph.json) and a manifest (manifest.json: versions, files with \
their hashes, counts, skipped files) into the index folder (default: index/).\n\n\
Incremental: a second run reads only new or changed files (size and modification time, then the \
content's hash) and drops files no longer under the paths. The index mirrors the paths given, so index \
one set of paths into one folder. A change of cancu, of its analysis or of the catalogue (--catalog) \
rebuilds the index by itself; --rebuild starts over.\n\n\
Safe: the new state becomes visible at once when it is complete; an interrupted run leaves the previous \
index as it was, and searches keep working during a run. Only one `cancu index` writes a folder at a \
time; a second one stops with \"the index is locked\".\n\n\
A file that cannot be read (empty, binary, undecodable, too large, a corrupt Word or PDF file, …) is \
named on stderr with the reason and the rest goes on; if an earlier version of it is indexed, that \
version is kept. The exit status is then 1.",
    after_help = "Examples:\n  cancu index\n  cancu index ~/agreements --index ~/agreements-index\n  cancu index --rebuild\n  cancu index --json"
)]
pub(crate) struct IndexArgs {
    /// Files or folders to index [default: corpus]
    paths: Vec<PathBuf>,
    /// The index folder
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Start over instead of updating
    #[arg(long)]
    rebuild: bool,
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
    let cfg = BuildConfig {
        rebuild: args.rebuild,
        limits: args.common.limits(),
        ..BuildConfig::new(args.index.clone(), default_paths(args.paths.clone()))
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
        Event::Read { .. } => bar.inc(1),
        Event::Committing => bar.set_message("writing"),
        Event::Graph => bar.set_message("graph"),
    };
    let result = index::update(cfg, k, &on_event);
    bar.finish_and_clear();
    Ok(result?)
}

fn report(s: &Summary, dir: &Path, elapsed: Duration, json: bool) -> Result<()> {
    for sk in &s.skipped {
        let kept = if sk.kept_previous {
            " (the version indexed before is kept)"
        } else {
            ""
        };
        eprintln!("cancu: skipped {}{kept}", sk.reason);
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
            skipped: &'a [index::Skipped],
            rebuilt: Option<&'a str>,
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
                skipped: &s.skipped,
                rebuilt: s.rebuilt.as_deref(),
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

/// The index in `dir`, built from `corpus/` first when there is none.
pub(crate) fn open_or_build(dir: &Path, common: &Common, k: &Knowledge) -> Result<(index::Index, bool)> {
    if index::Index::exists(dir) {
        return Ok((index::Index::open(dir)?, false));
    }
    let paths = default_paths(Vec::new());
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
    for sk in &s.skipped {
        eprintln!("cancu: skipped {}", sk.reason);
    }
    eprintln!("cancu: indexed {} document(s)", s.counts.documents);
    Ok((index::Index::open(dir)?, !s.skipped.is_empty()))
}
