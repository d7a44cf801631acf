//! Graph build and export times on a generated corpus. Prints a table; run
//! with `cargo bench --bench graph` (set `CANCU_BENCH_DOCS` to change the
//! corpus size, 10,000 by default, and `CANCU_BENCH_SEED` the generator's
//! seed, 7 by default). With `CANCU_BENCH_JSON=1` it also prints every
//! figure as one JSON object on the last line (what `bench/run` reads).

use std::time::Instant;

use rayon::prelude::*;

use cancu::export::{self, Filter, Format, View};
use cancu::graph::Graph;
use cancu::ingest::Record;
use cancu::Knowledge;

#[path = "../examples/gencorpus.rs"]
#[allow(dead_code)]
mod gencorpus;

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
    println!("  ({} nodes, {} edges)", g.g.node_count(), g.g.edge_count());
    figures.insert("build_s".into(), build.into());
    figures.insert("nodes".into(), g.g.node_count().into());
    figures.insert("edges".into(), g.g.edge_count().into());
    let dir = tempfile::tempdir().expect("temporary folder");
    let t = Instant::now();
    g.save(dir.path()).expect("save");
    let save = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph save (graph.json)", save);
    figures.insert("save_s".into(), save.into());
    let t = Instant::now();
    let loaded = Graph::load(dir.path()).expect("load");
    let load = t.elapsed().as_secs_f64();
    println!("{:<28} {:>10.3}", "graph load", load);
    figures.insert("load_s".into(), load.into());
    assert_eq!(loaded.g.node_count(), g.g.node_count());
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
