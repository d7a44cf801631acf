//! `cancu graph`: build the knowledge graph and ask it questions.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use rayon::prelude::*;
use serde::Serialize;

use cancu::graph::{Graph, Hit, Step};
use cancu::ingest;
use cancu::Knowledge;

use super::{default_paths, safe, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    after_help = "Examples:\n  cancu graph build\n  cancu graph implements 11-CT/TW\n  cancu graph basis corpus/000_3e04f7b4aea0b5e4.txt\n  cancu graph implements 31-CT/TU --province \"An Giang\" --json\n  cancu graph missing\n  cancu graph path 1748/CTrPH-SGDĐT-HKH 11-CT/TW"
)]
pub(crate) struct GraphArgs {
    #[command(subcommand)]
    query: Query,
    /// Folder the graph is kept in (graph.json)
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Print NDJSON, one object per answer
    #[arg(long, global = true)]
    json: bool,
    /// Documents to build from when the graph does not exist yet [default: corpus]
    #[arg(long = "corpus", global = true, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Province of a local instrument id (31-CT/TU of which province?)
    #[arg(long, global = true)]
    province: Option<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Subcommand)]
enum Query {
    /// Extract the corpus and write the graph to the index folder
    Build {
        /// Files or folders [default: corpus]
        paths: Vec<PathBuf>,
    },
    /// Documents that implement an instrument, directly or through a chain, each with its path
    Implements {
        /// Instrument id, any spelling (11-CT/TW, 1373/QĐ - TTg, 324/QĐKHVN)
        id: String,
        /// Longest chain followed, 1 to 100
        #[arg(long, default_value_t = 6, value_name = "N", value_parser = super::depth(1))]
        depth: usize,
    },
    /// What a document (or instrument) rests on, up to the national directives
    Basis {
        /// Document path or file name, or instrument id
        doc: String,
        /// Longest chain followed, 1 to 100
        #[arg(long, default_value_t = 6, value_name = "N", value_parser = super::depth(1))]
        depth: usize,
    },
    /// Agreements that state no parent programme
    Orphans,
    /// Instruments cited but not in the corpus, most cited first
    Missing,
    /// The shortest chain between two documents or instruments, with evidence
    Path { from: String, to: String },
    /// Counts by node and edge type, province and period
    Stats,
}

/// The graph of `index`, built from the corpus when there is none.
pub(crate) fn load(index: &Path, corpus: &[PathBuf], k: &Knowledge, common: &Common) -> Result<(Graph, bool)> {
    if index.join(cancu::graph::FILE).exists() {
        return Ok((Graph::load(index)?, false));
    }
    let paths = default_paths(corpus.to_vec());
    eprintln!(
        "cancu: no graph in {}: building it from {}",
        index.display(),
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    build(&paths, index, k, common)
}

fn build(paths: &[PathBuf], index: &Path, k: &Knowledge, common: &Common) -> Result<(Graph, bool)> {
    let limits = common.limits();
    let results: Vec<cancu::Result<ingest::Record>> = ingest::collect(paths)
        .into_par_iter()
        .map(|p| p.and_then(|p| ingest::extract_file(&p, k, &limits)))
        .collect();
    let mut records = Vec::new();
    let mut skipped = false;
    for r in results {
        match r {
            Ok(r) => records.push(r),
            Err(e) => {
                eprintln!("cancu: {e}");
                skipped = true;
            }
        }
    }
    let g = Graph::build(&records, k);
    g.save(index)
        .with_context(|| format!("writing the graph to {}", index.display()))?;
    Ok((g, skipped))
}

fn print_json(out: &mut impl Write, v: &impl Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn print_path(out: &mut impl Write, path: &[Step]) -> io::Result<()> {
    for s in path {
        let at = match (&s.evidence.document, s.evidence.span) {
            (Some(d), Some([a, b])) => format!("  [{}, {}:{a}-{b}]", safe(&s.evidence.cue), safe(d)),
            (Some(d), None) => format!("  [{}, {}]", safe(&s.evidence.cue), safe(d)),
            _ => format!("  [{}]", safe(&s.evidence.cue)),
        };
        let rel = serde_json::to_value(s.relation)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(out, "    {} —{rel}→ {}{at}", safe(&s.from), safe(&s.to))?;
    }
    Ok(())
}

fn print_hits(out: &mut impl Write, hits: &[Hit], json: bool) -> Result<()> {
    for h in hits {
        if json {
            print_json(out, h)?;
        } else {
            let what = h
                .instrument
                .as_deref()
                .map(|i| format!(" ({})", safe(i)))
                .unwrap_or_default();
            writeln!(out, "{}{what}  depth {}", safe(&h.label), h.depth)?;
            print_path(out, &h.path)?;
        }
    }
    Ok(())
}

pub(crate) fn run(args: GraphArgs) -> Result<ExitCode> {
    let k = args.common.knowledge()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Query::Build { paths } = &args.query {
        let (g, skipped) = build(&default_paths(paths.clone()), &args.index, &k, &args.common)?;
        let s = g.stats();
        if args.json {
            print_json(&mut out, &s)?;
        } else {
            writeln!(
                out,
                "graph written to {}: {} nodes, {} edges",
                args.index.join(cancu::graph::FILE).display(),
                g.g.node_count(),
                g.g.edge_count()
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::from(if skipped { SKIPPED } else { OK }));
    }
    let (g, skipped) = load(&args.index, &args.corpus, &k, &args.common)?;
    let resolve = |id: &str| g.resolve(id, args.province.as_deref(), &k);
    match &args.query {
        Query::Build { .. } => {}
        Query::Implements { id, depth } => {
            let target = resolve(id)?;
            print_hits(&mut out, &g.implementers(target, *depth), args.json)?;
        }
        Query::Basis { doc, depth } => {
            let start = resolve(doc)?;
            print_hits(&mut out, &g.basis(start, *depth), args.json)?;
        }
        Query::Orphans => print_hits(&mut out, &g.orphans(), args.json)?,
        Query::Missing => {
            for (h, n) in g.missing() {
                if args.json {
                    #[derive(Serialize)]
                    struct Missing<'a> {
                        id: &'a str,
                        instrument: Option<&'a str>,
                        province: Option<&'a str>,
                        cited_by: usize,
                    }
                    print_json(
                        &mut out,
                        &Missing {
                            id: &h.id,
                            instrument: h.instrument.as_deref(),
                            province: h.province.as_deref(),
                            cited_by: n,
                        },
                    )?;
                } else {
                    let p = h
                        .province
                        .as_deref()
                        .map(|p| format!("  [{}]", safe(p)))
                        .unwrap_or_default();
                    writeln!(out, "{n:>4}  {}{p}", safe(&h.label))?;
                }
            }
        }
        Query::Path { from, to } => {
            let (a, b) = (resolve(from)?, resolve(to)?);
            match g.path(a, b) {
                Some(path) if args.json => {
                    for s in &path {
                        print_json(&mut out, s)?;
                    }
                }
                Some(path) => print_path(&mut out, &path)?,
                None => {
                    out.flush()?;
                    eprintln!("cancu: no chain links {from} and {to}");
                    return Ok(ExitCode::from(SKIPPED));
                }
            }
        }
        Query::Stats => {
            let s = g.stats();
            if args.json {
                print_json(&mut out, &s)?;
            } else {
                for (title, map) in [
                    ("nodes", &s.nodes),
                    ("edges", &s.edges),
                    ("documents by province", &s.documents_by_province),
                    ("documents by period", &s.documents_by_period),
                ] {
                    writeln!(out, "{title}:")?;
                    for (k, v) in map {
                        writeln!(out, "  {:<24} {v}", safe(k))?;
                    }
                }
                writeln!(out, "instruments not in the corpus: {}", s.placeholders)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}
