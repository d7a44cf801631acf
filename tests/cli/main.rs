//! Integration tests: the `cancu` binary on real files. One test binary, one
//! module per command.

mod util;

mod check;
mod corrections;
mod coverage;
mod dates;
mod eval;
mod examples;
mod export;
mod extract;
mod formats;
mod gencorpus;
mod graph;
mod graphpage;
mod index;
mod pipe;
mod readme;
mod search;
mod search_same;
mod shell;
mod tables;
mod typed;
mod views;
