//! The baseline `cancu index` is measured against: a bare tantivy index of
//! the same files, with tantivy's default tokenizer, no extraction, no
//! Vietnamese analysis, no graph.
//!
//! ```sh
//! cargo run --release --example baretantivy -- CORPUS_DIR INDEX_DIR
//! ```
//!
//! Each file becomes one document: its path (a stored raw field) and its
//! text (indexed once with the `default` tokenizer — split on what is not a
//! letter or digit, lower case — with positions, and stored, as `cancu
//! index` stores it). The writer has the threads and memory `cancu index`
//! gives its own. Prints one JSON line: documents, bytes, seconds, and the
//! index's size on disk.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::{Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        size(&p)
                    } else {
                        e.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out] = args.as_slice() else {
        eprintln!("usage: baretantivy CORPUS_DIR INDEX_DIR");
        std::process::exit(2);
    };
    let (corpus, out) = (PathBuf::from(corpus), PathBuf::from(out));
    let started = Instant::now();
    let mut paths = Vec::new();
    files(&corpus, &mut paths)?;
    paths.sort();

    let mut b = Schema::builder();
    let path = b.add_text_field("path", STRING | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    let index = Index::create_in_dir(&out, b.build())?;
    // As `cancu index` does (BuildConfig::new): one thread per core, at most
    // four, 64 MiB each.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut writer = index.writer_with_num_threads::<tantivy::TantivyDocument>(threads, threads * 64 * 1024 * 1024)?;
    let mut bytes = 0u64;
    for p in &paths {
        let raw = std::fs::read(p)?;
        bytes += raw.len() as u64;
        let text = String::from_utf8_lossy(&raw);
        writer.add_document(doc!(path => p.display().to_string(), body => text.as_ref()))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"documents\":{},\"bytes\":{bytes},\"seconds\":{seconds:.3},\"index_bytes\":{}}}",
        paths.len(),
        size(&out)
    );
    Ok(())
}
