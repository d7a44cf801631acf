//! Integration tests: the `cancu` binary on real files. One test binary, one
//! module per command.

mod util;

mod check;
mod eval;
mod export;
mod extract;
mod formats;
mod gencorpus;
mod graph;
mod index;
mod search;
mod typed;
mod views;
