//! cancu reads Vietnamese cooperation-programme agreements ("chương trình phối
//! hợp" on khuyến học, khuyến tài, xây dựng xã hội học tập) and extracts the
//! legal instruments they cite, their parties and their signatories.
//!
//! The library is pure where it can be: [`extract::extract`] takes text and
//! returns data, never fails and does no I/O. [`ingest`] reads files into
//! text. Only the `cancu` binary prints.

// Lets the benchmark generator (examples/gencorpus.rs), which speaks of
// `cancu::…`, be compiled into the unit tests that run on generated corpora.
#[cfg(test)]
extern crate self as cancu;
#[cfg(test)]
#[path = "../examples/gencorpus.rs"]
#[allow(dead_code)]
mod gencorpus;

/// A regular expression compiled once, on first use:
/// `static X: LazyLock<Regex> = static_regex!(r"…");`. The patterns are
/// the program's own, and every one is compiled by the tests.
macro_rules! static_regex {
    ($re:expr) => {
        std::sync::LazyLock::new(|| regex::Regex::new($re).expect("static regex"))
    };
}

/// A built-in data file as build.rs wrote it into `OUT_DIR`: the TOML of
/// `data/` as JSON (`builtin!("catalog.json")`).
macro_rules! builtin {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $name))
    };
}

pub mod catalog;
pub mod check;
pub mod communes;
pub mod corrections;
pub mod date;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod formats;
pub mod fsutil;
pub mod geo;
pub mod graph;
pub mod ident;
pub mod index;
pub mod ingest;
pub mod ordered;
pub mod orgs;
pub mod pipeline;
pub mod text;

pub use error::{Error, Result};
pub use extract::{extract, Extraction, Knowledge, KnowledgeOnDemand};
