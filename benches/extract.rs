//! Extraction throughput. Prints a table; run with `cargo bench --bench extract`.
//!
//! The corpus is the five seed documents repeated and varied (renumbered
//! citations, old tone placement, CRLF line endings, NFD, Markdown), about
//! 40 MB. Figures: single-thread MB/s and documents/s of `extract`, the same
//! on all cores with rayon, one 50 MB document, and a plain regex pass over
//! the same texts (one pattern for symbols, no normalisation) for scale.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use cancu::{extract, Knowledge};

const SEEDS: &[&str] = &[
    include_str!("../corpus/000_3e04f7b4aea0b5e4.txt"),
    include_str!("../corpus/001_90fff97920079c35.txt"),
    include_str!("../corpus/002_2d9da3428af69006.txt"),
    include_str!("../corpus/003_798d9b088e52fc0e.txt"),
    include_str!("../corpus/004_f7e41c7e93cfee71.txt"),
];

fn corpus(target_bytes: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut bytes = 0;
    let mut i = 0usize;
    while bytes < target_bytes {
        let mut d = SEEDS[i % SEEDS.len()].to_string();
        // Renumber local instruments so documents differ.
        for n in ["685", "769", "853", "869", "3799", "1912", "889", "1830"] {
            d = d.replace(&format!("{n}/"), &format!("{}/", n.len() * 1000 + i % 997));
        }
        match i % 7 {
            1 => d = d.replace("hòa", "hoà").replace("hóa", "hoá").replace("thủy", "thuỷ"),
            2 => d = d.replace('\n', "\r\n"),
            3 => d = d.nfd().collect(),
            4 => d = d.replace("CHƯƠNG TRÌNH", "**CHƯƠNG TRÌNH**"),
            _ => {}
        }
        bytes += d.len();
        docs.push(d);
        i += 1;
    }
    docs
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("at least one run"))
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let k = Knowledge::builtin().expect("built-in data");
    let docs = corpus(40_000_000);
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "corpus: {} documents, {:.1} MB (seeds repeated and varied)",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!();
    println!("{:<44} {:>10} {:>12} {:>10}", "measure", "seconds", "MB/s", "docs/s");

    let (t, cites) = best_of(3, || docs.iter().map(|d| extract(d, &k).citations.len()).sum::<usize>());
    println!(
        "{:<44} {:>10.3} {:>12.1} {:>10.0}",
        "extract, one thread",
        t.as_secs_f64(),
        mbps(bytes, t),
        docs.len() as f64 / t.as_secs_f64()
    );
    let single = mbps(bytes, t);

    let (t, cites_par) = best_of(3, || {
        docs.par_iter().map(|d| extract(d, &k).citations.len()).sum::<usize>()
    });
    assert_eq!(cites, cites_par);
    println!(
        "{:<44} {:>10.3} {:>12.1} {:>10.0}",
        format!("extract, {} threads (rayon)", rayon::current_num_threads()),
        t.as_secs_f64(),
        mbps(bytes, t),
        docs.len() as f64 / t.as_secs_f64()
    );

    let big: String = docs
        .iter()
        .take_while({
            let mut n = 0;
            move |d| {
                n += d.len();
                n <= 50_000_000
            }
        })
        .map(String::as_str)
        .collect();
    let (t, _) = best_of(2, || extract(&big, &k).citations.len());
    println!(
        "{:<44} {:>10.3} {:>12.1} {:>10}",
        "extract, one 50 MB document",
        t.as_secs_f64(),
        mbps(big.len(), t),
        "-"
    );

    let plain =
        Regex::new(r"\d{1,6}\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ&]*(?:[-.][A-ZĐ][A-Za-zĐđ&]*)*").expect("regex");
    let (t, found) = best_of(3, || docs.iter().map(|d| plain.find_iter(d).count()).sum::<usize>());
    println!(
        "{:<44} {:>10.3} {:>12.1} {:>10.0}",
        "plain regex pass (symbols only)",
        t.as_secs_f64(),
        mbps(bytes, t),
        docs.len() as f64 / t.as_secs_f64()
    );
    println!();
    println!("citations extracted: {cites}; symbols the plain pass matched: {found}");
    println!(
        "single-thread extraction: {single:.1} MB/s (target 30 MB/s: {})",
        if single >= 30.0 { "met" } else { "missed" }
    );
}
