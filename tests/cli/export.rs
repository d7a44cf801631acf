//! `cancu export`, each format read back by a real reader: Graphviz `dot`,
//! `xmllint`, and networkx for GraphML, GEXF and node-link JSON.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{seeded, stderr, Dir};

/// Whether a reader is installed; in CI it must be (`.ci/run` installs them).
fn have(cmd: &str, args: &[&str]) -> bool {
    let ok = Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "{cmd} must be installed in CI");
        eprintln!("{cmd} is not installed: that check is skipped");
    }
    ok
}

fn export(d: &Dir, format: &str, out: &str) {
    let o = d.cancu(&["export", "--format", format, "-o", out]);
    assert!(o.status.success(), "{format}: {}", stderr(&o));
}

/// Nodes and edges as networkx reads them from each format.
fn networkx_counts(dir: &Path) -> Option<Value> {
    if !have("python3", &["-c", "import networkx"]) {
        return None;
    }
    let script = r#"
import json, sys, networkx as nx
d = sys.argv[1]
out = {}
g = nx.read_graphml(d + "/g.graphml"); out["graphml"] = [g.number_of_nodes(), g.number_of_edges()]
g = nx.read_gexf(d + "/g.gexf"); out["gexf"] = [g.number_of_nodes(), g.number_of_edges()]
g = nx.node_link_graph(json.load(open(d + "/g.json")), edges="links"); out["json"] = [g.number_of_nodes(), g.number_of_edges()]
print(json.dumps(out))
"#;
    let o = Command::new("python3")
        .args(["-c", script, dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "networkx: {}", String::from_utf8_lossy(&o.stderr));
    Some(serde_json::from_slice(&o.stdout).unwrap())
}

fn check_all_formats(d: &Dir) {
    for f in ["dot", "graphml", "gexf", "json", "cytoscape", "mermaid"] {
        export(d, f, &format!("g.{f}"));
    }
    let stats: Value = {
        let o = d.cancu(&["graph", "stats", "--json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let nodes: u64 = stats["nodes"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let edges: u64 = stats["edges"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    if have("dot", &["-V"]) {
        let o = Command::new("dot")
            .args(["-Tsvg", "g.dot"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "dot: {}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("<svg"));
    }
    if have("xmllint", &["--version"]) {
        let o = Command::new("xmllint")
            .args(["--noout", "g.graphml", "g.gexf"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "xmllint: {}", String::from_utf8_lossy(&o.stderr));
    }
    if let Some(counts) = networkx_counts(d.path()) {
        for f in ["graphml", "gexf", "json"] {
            assert_eq!(counts[f], serde_json::json!([nodes, edges]), "{f}");
        }
    }
    let cy: Value = serde_json::from_str(&std::fs::read_to_string(d.path().join("g.cytoscape")).unwrap()).unwrap();
    assert_eq!(cy["elements"]["nodes"].as_array().unwrap().len() as u64, nodes);
    assert_eq!(cy["elements"]["edges"].as_array().unwrap().len() as u64, edges);
    let mermaid = std::fs::read_to_string(d.path().join("g.mermaid")).unwrap();
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert_eq!(mermaid.lines().filter(|l| l.contains("-->|")).count() as u64, edges);
    let o = d.cancu(&["export", "--format", "csv", "-o", "neo4j"]);
    assert!(o.status.success());
    let n = std::fs::read_to_string(d.path().join("neo4j/nodes.csv")).unwrap();
    let e = std::fs::read_to_string(d.path().join("neo4j/edges.csv")).unwrap();
    assert!(n.starts_with("id:ID,") && n.lines().next().unwrap().ends_with(",:LABEL"));
    assert!(e.starts_with(":START_ID,:END_ID,:TYPE,"));
    assert!(d.path().join("neo4j/import.cypher").exists());
}

#[test]
fn every_format_reads_back_on_the_seeds() {
    let d = seeded(&[]);
    check_all_formats(&d);
}

#[test]
fn hostile_text_stays_text_in_every_format() {
    let hostile = "CHƯƠNG TRÌNH PHỐI HỢP \"quoted\" <script>alert(1)</script> </b> back\\slash & co\u{1}\n\
Giữa Hội Khuyến học và Hội Nông dân tỉnh Lào Cai giai đoạn 2024-2030\n\n\
Căn cứ Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh;\n\nI. NỘI DUNG\n";
    let d = seeded(&[("zz_hostile.txt", hostile)]);
    check_all_formats(&d);
    let graphml = std::fs::read_to_string(d.path().join("g.graphml")).unwrap();
    assert!(graphml.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !graphml.contains("<script>"));
    let dot = std::fs::read_to_string(d.path().join("g.dot")).unwrap();
    assert!(dot.contains(r#"\"quoted\""#) && dot.contains(r"back\\slash"));
}

#[test]
fn filters_and_determinism() {
    let d = seeded(&[]);
    export(&d, "json", "a.json");
    export(&d, "json", "b.json");
    assert_eq!(
        std::fs::read(d.path().join("a.json")).unwrap(),
        std::fs::read(d.path().join("b.json")).unwrap()
    );
    let count = |args: &[&str]| {
        let mut argv = vec!["export", "--format", "json"];
        argv.extend_from_slice(args);
        let o = d.cancu(&argv);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let docs = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "document")
            .count();
        (v["nodes"].as_array().unwrap().len(), docs)
    };
    let (all, _) = count(&[]);
    // Bến Tre as written, and as today's Vĩnh Long: the two Bến Tre agreements.
    assert_eq!(count(&["--province", "Bến Tre"]).1, 2);
    assert_eq!(count(&["--province", "Vĩnh Long"]).1, 2);
    let (around, docs) = count(&["--around", "31-CT/TU", "--depth", "1"]);
    assert!(around < all);
    assert_eq!(docs, 1);
    let o = d.cancu(&["export", "--format", "png"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format \"png\""));
}

/// The offline page in headless Chromium: it loads without script errors,
/// shows every node, keeps the library's licence, names no `http` address,
/// and text from documents does not run.
#[test]
fn the_html_page_works_offline_in_a_browser() {
    let payload = "CHƯƠNG TRÌNH PHỐI HỢP </script><script>document.body.dataset.pwned='1'</script><img src=x onerror=\"document.body.dataset.pwned='2'\">\n\
Giữa Hội Khuyến học và Hội Nông dân tỉnh Lào Cai giai đoạn 2024-2030\n\nI. NỘI DUNG\n";
    let d = seeded(&[("zz_hostile.txt", payload)]);
    export(&d, "html", "g.html");
    let page = std::fs::read_to_string(d.path().join("g.html")).unwrap();
    assert!(
        !page.to_ascii_lowercase().contains("http"),
        "an http reference in the page"
    );
    assert!(
        page.contains("The Cytoscape Consortium"),
        "the library's licence is kept"
    );
    assert!(
        !page.contains("<script>document.body"),
        "document text closed a script element"
    );
    let stats: Value = serde_json::from_slice(&d.cancu(&["graph", "stats", "--json"]).stdout).unwrap();
    let nodes: u64 = stats["nodes"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    if !have("chromium", &["--version"]) {
        return;
    }
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.path().join("g.html").display());
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=5000",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains(r#"data-status="ready""#),
        "the page did not finish: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dom.contains(r#"data-errors="0""#), "script errors on the page");
    assert!(!dom.contains("data-pwned"), "text from a document ran as script");
    assert!(
        dom.contains(&format!(r#"<span id="count">{nodes}</span>"#)),
        "node count"
    );
    let console: Vec<String> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");
}
