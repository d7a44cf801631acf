//! `cancu graph`: build the knowledge graph and ask it questions.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use cancu::graph::coverage::{Coverage, View};
use cancu::graph::{Graph, Hit, Step};
use cancu::Knowledge;

use super::{default_paths, safe, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    after_help = "Examples:\n  cancu graph build\n  cancu graph implements 11-CT/TW\n  cancu graph basis corpus/000_3e04f7b4aea0b5e4.txt\n  cancu graph implements 31-CT/TU --province \"An Giang\" --json\n  cancu graph missing\n  cancu graph path 1748/CTrPH-SGDĐT-HKH 11-CT/TW\n  cancu graph coverage 02/CTr-BGDĐT-HKHVN --json"
)]
pub(crate) struct GraphArgs {
    #[command(subcommand)]
    query: Query,
    /// The index folder (its graph is read)
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Print NDJSON, one object per answer
    #[arg(long, global = true)]
    json: bool,
    /// Documents to build the default index from when it does not exist yet [default: corpus]
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
    /// Index files or folders (as `cancu index PATH…` does) and print the graph's size
    Build {
        /// Files or folders [default: every root of the index; corpus for a new one]
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
    /// Provinces with and without a document that implements a programme
    ///
    /// The documents `implements` finds (directly or through a chain, same
    /// --depth), by province as written among the 63 until 30 June 2025 and
    /// by today's among the 34 since 1 July 2025; under each covered province
    /// its count of documents and the districts or communes they are for (the
    /// most local unit their parties name, else their title). With --json,
    /// one object {id, before: {covered: [{province, documents, units}],
    /// uncovered}, after: {…}}.
    Coverage {
        /// Instrument id, any spelling (02/CTr-BGDĐT-HKHVN, 11-CT/TW)
        id: String,
        /// Longest chain followed, 1 to 100
        #[arg(long, default_value_t = 6, value_name = "N", value_parser = super::depth(1))]
        depth: usize,
    },
}

/// The graph of the index in `index` (of the generation it stands at). The
/// default index is built from the corpus when there is none; nothing that
/// exists is written.
pub(crate) fn load(index: &Path, corpus: &[PathBuf], k: &Knowledge, common: &Common) -> Result<(Graph, bool)> {
    let (opened, skipped) = super::index::open_or_build(index, corpus, common, k)?;
    let g = Graph::load(&opened.generation_dir())?;
    Ok((g, skipped))
}

/// `cancu graph build PATHS`: `cancu index PATHS` under another name (the
/// graph is part of the index and written only with it).
fn build(paths: &[PathBuf], index: &Path, k: &Knowledge, common: &Common) -> Result<(Graph, bool)> {
    let paths = if paths.is_empty() && cancu::index::Index::exists(index) {
        Vec::new()
    } else {
        default_paths(paths.to_vec())
    };
    let cfg = cancu::index::BuildConfig {
        limits: common.limits(),
        ..cancu::index::BuildConfig::new(index.to_path_buf(), paths)
    };
    let s = super::index::build(&cfg, k, false)?;
    super::index::report_skipped(&s.skipped);
    let opened = cancu::index::Index::open(index)?;
    let g = Graph::load(&opened.generation_dir())?;
    Ok((g, !s.skipped.is_empty()))
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
        let rel = s.relation.as_str();
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

fn print_coverage(out: &mut impl Write, c: &Coverage) -> io::Result<()> {
    let total = |v: &View| v.covered.len() + v.uncovered.len();
    writeln!(
        out,
        "{}: covered {} of {} provinces before 1 July 2025 / {} of {} since",
        safe(&c.id),
        c.before.covered.len(),
        total(&c.before),
        c.after.covered.len(),
        total(&c.after)
    )?;
    for (title, v) in [
        ("until 30 June 2025 (province as written)", &c.before),
        ("since 1 July 2025 (province today)", &c.after),
    ] {
        writeln!(out, "{title}:")?;
        writeln!(out, "  covered ({}):", v.covered.len())?;
        for p in &v.covered {
            let n = p.documents.len();
            let s = if n == 1 { "" } else { "s" };
            writeln!(out, "    {}  {n} document{s}", safe(&p.province))?;
            for u in &p.units {
                writeln!(out, "      {}", safe(u))?;
            }
        }
        writeln!(out, "  not covered ({}):", v.uncovered.len())?;
        for p in &v.uncovered {
            writeln!(out, "    {}", safe(p))?;
        }
    }
    if !c.unplaced.is_empty() {
        writeln!(out, "no known province ({}):", c.unplaced.len())?;
        for d in &c.unplaced {
            writeln!(out, "  {}", safe(d))?;
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
                "graph of the index in {}: {} nodes, {} edges",
                args.index.display(),
                g.node_count(),
                g.edge_count()
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::from(if skipped { SKIPPED } else { OK }));
    }
    let (g, skipped) = load(&args.index, &args.corpus, &k, &args.common)?;
    let resolve = |id: &str| g.resolve(id, args.province.as_deref(), &k.catalog);
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
        Query::Coverage { id, depth } => {
            let c = cancu::graph::coverage::coverage(&g, resolve(id)?, *depth, &k.places);
            if args.json {
                print_json(&mut out, &c)?;
            } else {
                print_coverage(&mut out, &c)?;
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
