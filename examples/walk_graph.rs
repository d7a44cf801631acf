//! cancu as a library: open an index that `cancu index` wrote and walk its
//! knowledge graph: the documents that implement an instrument, each with
//! the chain of edges that leads to it.
//!
//! ```sh
//! cargo run --release -- index                       # corpus/ into index/
//! cargo run --example walk_graph                     # implementers of 11-CT/TW in index/
//! cargo run --example walk_graph -- index 1373/QĐ-TTg
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use cancu::catalog::Catalog;
use cancu::graph::Graph;
use cancu::index::Index;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "index".into()));
    let id = args.next().unwrap_or_else(|| "11-CT/TW".into());
    match walk(&dir, &id) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("walk_graph: {e}");
            ExitCode::from(2)
        }
    }
}

/// The implementers of `id` in the index in `dir`, a line each with the
/// chain that leads to it.
pub fn walk(dir: &std::path::Path, id: &str) -> Result<String, Box<dyn std::error::Error>> {
    use std::fmt::Write;
    let mut out = String::new();
    let catalog = Catalog::builtin()?;
    // The index names the generation its graph belongs to.
    let index = Index::open(dir)?;
    let graph = Graph::load(&index.generation_dir())?;
    writeln!(
        out,
        "{} documents, {} nodes, {} edges",
        index.num_docs(),
        graph.node_count(),
        graph.edge_count()
    )?;
    // Any spelling of an id; a local instrument of several provinces would
    // need the province (here: none).
    let target = graph.resolve(id, None, &catalog)?;
    let hits = graph.implementers(target, 6);
    writeln!(out, "{} document(s) implement {id}:", hits.len())?;
    for hit in hits {
        let chain: Vec<String> = hit
            .path
            .iter()
            .map(|s| format!("{} —{}→ {}", s.from, s.relation.as_str(), s.to))
            .collect();
        writeln!(out, "  {}  ({} step(s): {})", hit.label, hit.depth, chain.join(", "))?;
    }
    Ok(out)
}
