//! What a process pays before it does its work: each piece of built-in
//! reference data read from its source. Run with `cargo bench --bench startup`.

use std::time::{Duration, Instant};

use cancu::catalog::Catalog;
use cancu::geo::Gazetteer;
use cancu::orgs::OrgTable;
use cancu::Knowledge;

fn median_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    const RUNS: usize = 101;
    println!("{:<48} {:>12}", "built-in data, read from source", "median ms");
    let rows: [(&str, Duration); 4] = [
        (
            "catalogue (instruments and laws)",
            median_of(RUNS, || Catalog::builtin().map(|c| c.entries().len())),
        ),
        (
            "gazetteer (provinces and districts)",
            median_of(RUNS, || Gazetteer::builtin().map(|g| g.provinces().len())),
        ),
        ("organisation table", median_of(RUNS, || OrgTable::builtin().is_ok())),
        (
            "all of it (Knowledge::builtin)",
            median_of(RUNS, || Knowledge::builtin().is_ok()),
        ),
    ];
    for (name, d) in rows {
        println!("{name:<48} {:>12.3}", d.as_secs_f64() * 1e3);
    }
}
