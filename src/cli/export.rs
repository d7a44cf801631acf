//! `cancu export`: the graph for Graphviz, Gephi, yEd, Cytoscape, networkx,
//! Neo4j/Memgraph and Mermaid.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;

use cancu::export::{self, Filter, Format, View};

use super::{Common, OK, SKIPPED};

#[derive(Args)]
#[command(
    long_about = "Write the knowledge graph in a format other tools read:\n\n  \
dot        Graphviz (dot -Tsvg graph.dot > graph.svg)\n  \
graphml    Gephi, yEd, Cytoscape (typed keys)\n  \
gexf       Gephi, with node and edge attributes\n  \
json       node-link JSON (D3; networkx.node_link_graph)\n  \
cytoscape  Cytoscape.js elements JSON\n  \
csv        Neo4j/Memgraph admin-import files (nodes.csv, edges.csv) and import.cypher, in a folder\n  \
mermaid    a Mermaid flowchart (small graphs)\n  \
html       one offline page: the graph drawn with cytoscape.js (inlined, licence kept), search, \
province and period filters, click a node for its facts and the evidence of its links\n\n\
Nodes and edges carry their attributes (kind, province, period, relation, cue, evidence document and span). \
The same graph gives the same bytes.",
    after_help = "Examples:\n  cancu export --format dot -o graph.dot && dot -Tsvg graph.dot > graph.svg\n  cancu export --format graphml --province \"Bến Tre\" -o bentre.graphml\n  cancu export --format mermaid --around 11-CT/TW --depth 2\n  cancu export --format csv -o neo4j/ && neo4j-admin database import full --nodes=neo4j/nodes.csv --relationships=neo4j/edges.csv"
)]
pub(crate) struct ExportArgs {
    /// dot, graphml, gexf, json, cytoscape, csv, mermaid or html
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Output file (a folder for csv) [default: standard output; index/csv for csv]
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Only documents of this province (as on the document, or today's), with what they link to
    #[arg(long)]
    province: Option<String>,
    /// Only what lies within --depth edges of this document or instrument
    #[arg(long, value_name = "ID")]
    around: Option<String>,
    /// With --around: how many edges away
    #[arg(long, default_value_t = 2)]
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
    let Some(&(_, format)) = Format::ALL.iter().find(|(n, _)| *n == args.format.to_ascii_lowercase()) else {
        let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
        bail!("unknown format {:?}: one of {}", args.format, names.join(", "));
    };
    let k = args.common.knowledge()?;
    let (g, skipped) = super::graph::load(&args.index, &args.corpus, &k, &args.common)?;
    let around = match &args.around {
        Some(id) => Some((g.resolve(id, None, &k)?, args.depth)),
        None => None,
    };
    let filter = Filter {
        province: args.province.clone(),
        around,
    };
    let view = View::new(&g, &filter, |p| k.places.now(p).map(str::to_string));
    if format == Format::Csv {
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
