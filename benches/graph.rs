//! Graph build and export times on a generated corpus. Prints a table; run
//! with `cargo bench --bench graph` (set `CANCU_BENCH_DOCS` to change the
//! corpus size, 10,000 by default, and `CANCU_BENCH_SEED` the generator's
//! seed, 7 by default). With `CANCU_BENCH_JSON=1` it also prints every
//! figure as one JSON object on the last line (what `bench/run` reads).
//!
//! "graph load" opens the saved graph (`graph.bin`, memory-mapped);
//! "graph load + read" also reads every node and edge once, as an export
//! does; "graph.json load" parses the same graph written as the JSON file
//! the index held before (`export --format graph-json`) into owned nodes
//! and edges, for comparison.

use std::time::Instant;

use rayon::prelude::*;

use cancu::export::{self, Filter, Format, View};
use cancu::graph::Graph;
use cancu::ingest::Record;
use cancu::Knowledge;

#[path = "../examples/gencorpus.rs"]
#[allow(dead_code)]
mod gencorpus;

/// `graph.json` as the index held it, read into owned values as it was.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct OldStored {
    format_version: u32,
    nodes: Vec<OldNode>,
    edges: Vec<(usize, usize, OldEdge)>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct OldNode {
    id: String,
    kind: String,
    label: String,
    instrument: Option<String>,
    province: Option<String>,
    period: Option<[u16; 2]>,
    document_kind: Option<String>,
    date: Option<String>,
    title: Option<String>,
    parent: Option<String>,
    placeholder: bool,
    #[serde(default)]
    cited_by: Vec<String>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct OldEdge {
    kind: String,
    evidence: OldEvidence,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct OldEvidence {
    document: Option<String>,
    span: Option<[usize; 2]>,
    cue: String,
}

fn main() {
    let n: usize = std::env::var("CANCU_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("CANCU_BENCH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let json = std::env::var_os("CANCU_BENCH_JSON").is_some();
    let mut figures = serde_json::Map::new();
    let k = Knowledge::builtin().expect("built-in data");
    let docs = gencorpus::generate(n, seed);
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let t = Instant::now();
    let records: Vec<Record> = docs
        .par_iter()
        .map(|(name, text)| Record {
            path: format!("corpus/{name}"),
            extraction: cancu::extract(text, &k),
            format: cancu::formats::Format::Text,
            encoding: cancu::text::Encoding::Utf8,
            corrected: Vec::new(),
        })
        .collect();
    let extract = t.elapsed();
    figures.insert("docs".into(), n.into());
    figures.insert("bytes".into(), bytes.into());
    figures.insert("extract_s".into(), extract.as_secs_f64().into());
    println!(
        "corpus: {n} generated documents, {:.1} MB; extracted in {:.2} s",
        bytes as f64 / 1e6,
        extract.as_secs_f64()
    );
    println!();
    println!("{:<28} {:>10} {:>10} {:>8}", "measure", "seconds", "target", "");
    let t = Instant::now();
    let g = Graph::build(&records, &k);
    let build = t.elapsed().as_secs_f64();
    println!(
        "{:<28} {:>10.3} {:>10} {:>8}",
        "graph build",
        build,
        "< 2",
        if build < 2.0 { "met" } else { "missed" }
    );
    println!("  ({} nodes, {} edges)", g.node_count(), g.edge_count());
    figures.insert("build_s".into(), build.into());
    figures.insert("nodes".into(), g.node_count().into());
    figures.insert("edges".into(), g.edge_count().into());
    let dir = tempfile::tempdir().expect("temporary folder");
    let t = Instant::now();
    g.save(dir.path()).expect("save");
    let save = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph save (graph.bin)", save);
    figures.insert("save_s".into(), save.into());
    let t = Instant::now();
    let loaded = Graph::load(dir.path()).expect("load");
    let load = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph load", load);
    figures.insert("load_s".into(), load.into());
    assert_eq!(loaded.node_count(), g.node_count());
    let t = Instant::now();
    let loaded = Graph::load(dir.path()).expect("load");
    let mut bytes = 0usize;
    for i in loaded.nodes() {
        let n = loaded.node(i);
        bytes += n.id.len() + n.label.len() + n.title.map_or(0, str::len) + loaded.cited_by(i).count();
    }
    for e in loaded.edges() {
        bytes += e.evidence.cue.len() + e.evidence.document.map_or(0, str::len);
    }
    let read = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph load + read", read);
    figures.insert("load_read_s".into(), read.into());
    assert!(bytes > 0);
    // What `cancu search --cites 11-CT/TW --transitive` asks of the graph:
    // open it, resolve the id, walk to every document resting on it.
    let t = Instant::now();
    let opened = Graph::load(dir.path()).expect("load");
    let target = opened
        .resolve("11-CT/TW", None, &k.catalog)
        .expect("11-CT/TW is in the graph");
    let resting = opened.implementing_documents(target, 6).len();
    let documents = opened.documents();
    let walk = t.elapsed().as_secs_f64();
    println!(
        "{:<28} {:>10.3}   ({resting} of {documents} documents)",
        "transitive walk (11-CT/TW)", walk
    );
    figures.insert("transitive_s".into(), walk.into());
    let json_file = dir.path().join("graph.json");
    {
        let file = std::fs::File::create(&json_file).expect("file");
        let mut out = std::io::BufWriter::new(file);
        g.write_json(&|_| true, &mut out).expect("graph.json");
    }
    let t = Instant::now();
    let text = std::fs::read_to_string(&json_file).expect("graph.json");
    let old: OldStored = serde_json::from_str(&text).expect("graph.json parses");
    let json_load = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph.json load (before)", json_load);
    figures.insert("json_load_s".into(), json_load.into());
    assert_eq!((old.nodes.len(), old.edges.len()), (g.node_count(), g.edge_count()));
    assert_eq!(old.format_version, 1);
    let view = View::new(&g, &Filter::default(), |p| k.places.now(p).map(str::to_string));
    for &(name, format) in Format::ALL {
        let t = Instant::now();
        if format == Format::Csv {
            export::write_csv(&view, &dir.path().join("csv")).expect("csv");
        } else {
            let file = std::fs::File::create(dir.path().join(format!("g.{name}"))).expect("file");
            let mut out = std::io::BufWriter::new(file);
            export::write(&view, format, &mut out).expect("export");
        }
        let s = t.elapsed().as_secs_f64();
        figures.insert(format!("export_{name}_s"), s.into());
        println!(
            "{:<28} {:>10.3} {:>10} {:>8}",
            format!("export {name}"),
            s,
            "< 5",
            if s < 5.0 { "met" } else { "missed" }
        );
    }
    if json {
        println!("{}", serde_json::Value::Object(figures));
    }
}
