//! `cancu export`: the graph for Graphviz, Gephi, yEd, Cytoscape, networkx,
//! Neo4j/Memgraph, Kùzu and Mermaid; the documents for Quickwit and as tables
//! (CSV) for pandas, R and spreadsheets.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;

use cancu::date::DateRange;
use cancu::export::quickwit::{QuickwitWriter, CONFIG, DOCUMENTS};
use cancu::export::tables::TablesWriter;
use cancu::export::{self, Filter, Format, View};
use cancu::ingest::Record;
use cancu::Knowledge;

use super::{default_paths, report_failure, Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    long_about = "Write the knowledge graph in a format other tools read:\n\n  \
dot        Graphviz (dot -Tsvg graph.dot > graph.svg)\n  \
graphml    Gephi, yEd, Cytoscape (typed keys)\n  \
gexf       Gephi, with node and edge attributes\n  \
json       node-link JSON (D3; networkx.node_link_graph)\n  \
cytoscape  Cytoscape.js elements JSON\n  \
csv        Neo4j/Memgraph admin-import files (nodes.csv, edges.csv) and import.cypher, in a folder \
(a cell a spreadsheet would run as a formula is written with a ' before it)\n  \
kuzu       Kùzu: one CSV per node label and per relationship and pair of labels, schema.cypher \
(the typed tables) and load.cypher (COPY FROM, run in the folder), in a folder\n  \
mermaid    a Mermaid flowchart (small graphs)\n  \
html       one offline page: the graph drawn with cytoscape.js (inlined, licence kept), search, \
province and period filters, click a node for its facts and the evidence of its links\n  \
graph-json the graph as cancu holds it: {format_version, nodes (every fact, and the documents citing each \
instrument), edges ([source, target, {kind, evidence}] by node position)}\n  \
quickwit   the documents, not the graph: documents.ndjson (one line per document: its facts, the text \
normalised and without diacritics) and index-config.yaml, in a folder, for a Quickwit cluster\n  \
tables     the facts for pandas, R and spreadsheets: documents.csv, citations.csv, parties.csv, \
signatories.csv and edges.csv, in a folder (UTF-8, RFC 4180 with LF line ends, a header row; \
formula cells written with a ' before them)\n\n\
Nodes and edges carry their attributes (kind, province, period, relation, cue, evidence document and span). \
The same graph gives the same bytes.\n\n\
quickwit and tables read the documents (and tables the graph's edges) from the index (--index); when there is \
none, they read and extract the documents under --corpus (default corpus/) and write nothing else. For both, \
--province keeps the documents of a province; --around does not apply.",
    after_help = "Examples:\n  cancu export --format dot -o graph.dot && dot -Tsvg graph.dot > graph.svg\n  cancu export --format graphml --province \"Bến Tre\" -o bentre.graphml\n  cancu export --format mermaid --around 11-CT/TW --depth 2\n  cancu export --format csv -o neo4j/ && neo4j-admin database import full --nodes=neo4j/nodes.csv --relationships=neo4j/edges.csv\n  cancu export --format quickwit -o quickwit/ && quickwit index create --index-config quickwit/index-config.yaml\n  \
cancu export --format tables -o tables/ && python3 -c \"import pandas; print(pandas.read_csv('tables/citations.csv'))\"\n  \
cancu export --format kuzu -o kuzu/ && cd kuzu && python3 -c \"import kuzu; c = kuzu.Connection(kuzu.Database('db')); \
c.execute(open('schema.cypher').read()); c.execute(open('load.cypher').read())\""
)]
pub(crate) struct ExportArgs {
    /// dot, graphml, gexf, json, cytoscape, csv, kuzu, mermaid, html, graph-json; quickwit or tables (the documents)
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Output file (a folder for csv, kuzu, quickwit and tables) [default: standard output; index/FORMAT for folders]
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Only documents of this province (as on the document, or today's), with what they link to
    #[arg(long)]
    province: Option<String>,
    /// Only documents signed on or after this day (YYYY, YYYY-MM or YYYY-MM-DD), with what they link to
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only documents signed on or before this day (YYYY, YYYY-MM or YYYY-MM-DD), with what they link to
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only what lies within --depth edges of this document or instrument
    #[arg(long, value_name = "ID")]
    around: Option<String>,
    /// With --around: how many edges away, 0 to 100
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = super::depth(0))]
    depth: usize,
    /// Folder the graph is kept in
    #[arg(long, default_value = "index", value_name = "DIR")]
    index: PathBuf,
    /// Documents to build from when the graph does not exist yet [default: corpus]
    #[arg(long = "corpus", value_name = "PATH")]
    corpus: Vec<PathBuf>,
    #[command(flatten)]
    common: Common,
}

pub(crate) fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.format.eq_ignore_ascii_case("quickwit") {
        return quickwit(&args);
    }
    if args.format.eq_ignore_ascii_case("tables") {
        return tables(&args);
    }
    // Kùzu's folder is written from the same view as the Neo4j one.
    let kuzu = args.format.eq_ignore_ascii_case("kuzu");
    let found = Format::ALL.iter().find(|(n, _)| *n == args.format.to_ascii_lowercase());
    let Some(&(_, format)) = found.or(kuzu.then_some(&("kuzu", Format::Csv))) else {
        let names: Vec<&str> = Format::ALL
            .iter()
            .map(|(n, _)| *n)
            .chain(["kuzu", "quickwit", "tables"])
            .collect();
        bail!("unknown format {:?}: one of {}", args.format, names.join(", "));
    };
    let signed = super::signed(args.from.as_deref(), args.to.as_deref())?;
    let k = args.common.knowledge()?;
    let (g, skipped) = super::graph::load(&args.index, &args.corpus, &k, &args.common)?;
    let around = match &args.around {
        Some(id) => Some((g.resolve(id, None, &k.catalog)?, args.depth)),
        None => None,
    };
    let filter = Filter {
        signed,
        province: args.province.clone(),
        around,
    };
    let view = View::new(&g, &filter, |p| k.places.now(p).map(str::to_string));
    if kuzu {
        let dir = args.output.clone().unwrap_or_else(|| args.index.join("kuzu"));
        let files = export::kuzu::write_kuzu(&view, &dir).with_context(|| format!("writing {}", dir.display()))?;
        eprintln!("cancu: wrote {} file(s) to {}", files.len(), dir.display());
    } else if format == Format::Csv {
        let dir = args.output.clone().unwrap_or_else(|| args.index.join("csv"));
        export::write_csv(&view, &dir).with_context(|| format!("writing {}", dir.display()))?;
        eprintln!(
            "cancu: wrote nodes.csv, edges.csv and import.cypher to {}",
            dir.display()
        );
    } else {
        match &args.output {
            Some(path) => {
                let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
                let mut out = BufWriter::new(file);
                export::write(&view, format, &mut out)?;
                out.flush()?;
            }
            None => {
                let stdout = io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                export::write(&view, format, &mut out)?;
                out.flush()?;
            }
        }
    }
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}

/// Whether a record is of the province asked for (as on the document, or
/// today's) and signed within the range asked for.
fn wanted(r: &Record, key: &Option<String>, signed: &DateRange) -> bool {
    signed.admits_date(r.extraction.date) && in_province(r, key)
}

/// Whether a record is of the province asked for (as on the document, or today's).
fn in_province(r: &Record, key: &Option<String>) -> bool {
    let Some(key) = key else { return true };
    let e = &r.extraction;
    [&e.province, &e.province_now]
        .into_iter()
        .flatten()
        .any(|p| &cancu::text::name_key(p) == key)
}

/// `--format quickwit`: the documents of the index (or of the corpus when
/// there is no index) as NDJSON, with the index config.
fn quickwit(args: &ExportArgs) -> Result<ExitCode> {
    if args.around.is_some() {
        bail!("--around applies to the graph formats, not to quickwit (which exports documents)");
    }
    let k = args.common.knowledge()?;
    let (key, signed) = documents_wanted(args, &k)?;
    let dir = args.output.clone().unwrap_or_else(|| args.index.join("quickwit"));
    let mut w = QuickwitWriter::create(&dir).with_context(|| format!("writing {}", dir.display()))?;
    let documents_path = dir.join(DOCUMENTS);
    let mut skipped = false;
    if cancu::index::Index::exists(&args.index) {
        let index = cancu::index::Index::open(&args.index)?;
        index.for_each_document(|record, text| {
            if wanted(&record, &key, &signed) {
                w.add(&record, &text).map_err(|source| cancu::Error::Io {
                    path: documents_path.clone(),
                    source,
                })?;
            }
            Ok(())
        })?;
    } else {
        let (docs, some_skipped) = read_corpus(args, &k, true);
        skipped = some_skipped;
        for (record, text) in docs.iter().filter(|(r, _)| wanted(r, &key, &signed)) {
            w.add(record, text)
                .with_context(|| format!("writing {}", documents_path.display()))?;
        }
    }
    let n = w
        .finish()
        .with_context(|| format!("writing {}", documents_path.display()))?;
    eprintln!(
        "cancu: wrote {n} document(s) to {} and the index config to {}",
        documents_path.display(),
        dir.join(CONFIG).display()
    );
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}

/// The province key (`--province`, as written or today's) and the signing
/// range (`--from`, `--to`) of the documents the document formats keep.
fn documents_wanted(args: &ExportArgs, k: &Knowledge) -> Result<(Option<String>, DateRange)> {
    let key = args.province.as_ref().map(|p| {
        let name = k.places.province(p).map_or_else(|| p.clone(), |pr| pr.name.clone());
        cancu::text::name_key(&name)
    });
    Ok((key, super::signed(args.from.as_deref(), args.to.as_deref())?))
}

/// The documents under `--corpus` (default corpus/), read and extracted
/// when there is no index (said on stderr, each failure named), with their
/// texts when `texts` (else empty), and whether some were skipped.
fn read_corpus(args: &ExportArgs, k: &Knowledge, texts: bool) -> (Vec<(Record, String)>, bool) {
    let paths = default_paths(args.corpus.clone());
    eprintln!(
        "cancu: no index in {}: reading {}",
        args.index.display(),
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let opts = cancu::pipeline::Options {
        keep_text: texts,
        ..args.common.pipeline(k)
    };
    let mut docs = Vec::new();
    let mut skipped = false;
    let Ok(()) = cancu::pipeline::documents(&paths, &opts, |item| {
        match item {
            Ok(doc) => docs.push((doc.record, doc.text.unwrap_or_default())),
            Err(failure) => {
                report_failure(&failure);
                skipped = true;
            }
        }
        Ok::<(), std::convert::Infallible>(())
    });
    // The exports list documents by path.
    docs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    (docs, skipped)
}

/// `--format tables`: the records of the index as CSV tables (documents,
/// citations, parties, signatories) with the graph's edges.
fn tables(args: &ExportArgs) -> Result<ExitCode> {
    if args.around.is_some() {
        bail!("--around applies to the graph formats, not to tables (which export documents)");
    }
    let k = args.common.knowledge()?;
    let (key, signed) = documents_wanted(args, &k)?;
    // From the index; when there is none, from the files, read and
    // extracted here (nothing is written but the tables).
    let (records, g, skipped) = if cancu::index::Index::exists(&args.index) {
        let opened = cancu::index::Index::open(&args.index)?;
        let g = cancu::graph::Graph::load(&opened.generation_dir())?;
        (opened.records()?, g, false)
    } else {
        let (docs, skipped) = read_corpus(args, &k, false);
        let records: Vec<Record> = docs.into_iter().map(|(r, _)| r).collect();
        let g = cancu::graph::Graph::build(&records, &k);
        (records, g, skipped)
    };
    let filter = Filter {
        province: args.province.clone(),
        around: None,
        signed,
    };
    let view = View::new(&g, &filter, |p| k.places.now(p).map(str::to_string));
    let dir = args.output.clone().unwrap_or_else(|| args.index.join("tables"));
    let context = || format!("writing {}", dir.display());
    let mut w = TablesWriter::create(&dir).with_context(context)?;
    for record in records.iter().filter(|r| wanted(r, &key, &signed)) {
        w.add(record).with_context(context)?;
    }
    let n = w.finish(&view).with_context(context)?;
    eprintln!(
        "cancu: wrote rows for {} document(s), {} citation(s), {} party(ies), {} signatory(ies) and {} edge(s) to {}",
        n.documents,
        n.citations,
        n.parties,
        n.signatories,
        n.edges,
        dir.display()
    );
    Ok(ExitCode::from(if skipped { SKIPPED } else { OK }))
}
