//! The two programs of `examples/` that use cancu as a crate, run on real
//! text: what they print is what the library read.

#[path = "../../examples/extract_text.rs"]
#[allow(dead_code)]
mod extract_text;

#[path = "../../examples/walk_graph.rs"]
#[allow(dead_code)]
mod walk_graph;

use crate::util::{seeded, stderr};

#[test]
fn the_extract_example_reads_its_two_column_agreement() {
    let k = cancu::Knowledge::builtin().expect("built-in data");
    let out = extract_text::summary(&cancu::extract(extract_text::AGREEMENT, &k));
    for line in [
        "kind      agreement",
        "number    12/CTrPH-HKH-SGDĐT",
        "date      2024-03-15",
        "province  Bến Tre",
        "period    2024-2030",
        "parent    02/CTr-BGDĐT-HKHVN",
        "cites     11-CT/TW (basis, full)",
        "cites     02/CTr-BGDĐT-HKHVN (basis, full)",
        "signed by Trần Văn An, Chủ tịch",
        "signed by Phạm Thị Bình, Giám đốc",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} not in\n{out}");
    }
}

#[test]
fn the_graph_example_walks_the_same_chains_as_cancu_graph() {
    let d = seeded(&[]);
    let o = d.cancu(&["index"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = walk_graph::walk(&d.path().join("index"), "11-CT/TW").expect("walk");
    let o = d.cancu(&["graph", "implements", "11-CT/TW", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let labels: Vec<String> = crate::util::ndjson(&o)
        .iter()
        .map(|h| h["label"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!labels.is_empty());
    assert!(out.starts_with("5 documents, "), "{out}");
    assert!(
        out.contains(&format!("{} document(s) implement 11-CT/TW:", labels.len())),
        "{out}"
    );
    for l in labels {
        assert!(out.contains(&format!("  {l}  (")), "{l} not in\n{out}");
    }
}
