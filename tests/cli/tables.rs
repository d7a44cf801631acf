//! `cancu export --format tables` read back by Python's `csv` module and by
//! pandas, against `cancu extract --json`; `cancu export --format kuzu`
//! loaded into Kùzu and asked, in Cypher, what `cancu graph implements`
//! answers.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use cancu::export::tables::TABLES;

use crate::util::{ndjson, seeded, stderr, stdout, Dir};

/// Whether a Python module is installed; in CI it must be (`.ci/run`
/// installs pandas and kuzu).
fn have_python(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 and {module} must be installed in CI"
        );
        eprintln!("python3 with {module} is not installed: that check is skipped");
    }
    ok
}

/// Run a Python script with arguments; its standard output as JSON.
fn python(script: &str, args: &[&Path]) -> Value {
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "python: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A news report whose headline would run in a spreadsheet, and whose
/// text holds commas, quotes and a citation.
const HOSTILE: &str = "=cmd|' /C calc'!A0 \"Hội Khuyến học\", tỉnh Tuyên Quang\n\
Đắc Quang 10:53 - 24/11/2022\n\
Hội Khuyến học tỉnh Tuyên Quang ký kết chương trình phối hợp \
theo Quyết định số 1373/QĐ-TTg ngày 30/7/2021.\n";

fn export_tables(d: &Dir, out: &str, extra: &[&str]) {
    let mut args = vec!["export", "--format", "tables", "-o", out];
    args.extend_from_slice(extra);
    let o = d.cancu(&args);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Every table read by `csv.reader` (strict) and by `pandas.read_csv`
/// (every column as text, empty cells kept empty), as lists of rows.
const READ: &str = r#"
import csv, json, sys
import pandas as pd
out = {}
for name in ("documents", "citations", "parties", "signatories", "edges"):
    path = sys.argv[1] + "/" + name + ".csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    out[name] = {"csv": rows, "pandas": [list(df.columns)] + df.values.tolist()}
print(json.dumps(out))
"#;

/// The tables of the seeds and a hostile report: the documented columns,
/// one row per document, citation, party and signatory of `cancu extract
/// --json` (in its order, with the first span of each citation), one row
/// per edge of the graph, the same rows for `csv` and pandas, and no cell a
/// spreadsheet would run.
#[test]
fn tables_read_back_by_csv_and_pandas_match_extract() {
    let d = seeded(&[("zz_hostile.txt", HOSTILE)]);
    export_tables(&d, "t", &[]);
    let extracted = ndjson(&d.cancu(&["extract", "--json", "corpus"]));
    assert_eq!(extracted.len(), 6);
    let stats: Value = serde_json::from_slice(&d.cancu(&["graph", "stats", "--json"]).stdout).unwrap();
    let edges: u64 = stats["edges"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();

    // The header rows are the documented columns, checked on the bytes.
    for (name, columns) in TABLES {
        let text = std::fs::read_to_string(d.path().join("t").join(name)).unwrap();
        assert_eq!(text.lines().next().unwrap(), columns.join(","), "{name}");
        assert!(text.ends_with('\n') && !text.contains('\r'), "{name}: LF line ends");
    }
    if !have_python("pandas") {
        return;
    }
    let read = python(READ, &[&d.path().join("t")]);
    for (name, columns) in TABLES {
        let name = name.trim_end_matches(".csv");
        let rows = read[name]["csv"].as_array().unwrap();
        assert_eq!(read[name]["pandas"], read[name]["csv"], "{name}: pandas and csv differ");
        assert_eq!(rows[0], serde_json::json!(columns), "{name}");
        for row in rows {
            assert_eq!(row.as_array().unwrap().len(), columns.len(), "{name}: {row}");
            for cell in row.as_array().unwrap() {
                let cell = cell.as_str().unwrap();
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{name}: {cell:?}");
            }
        }
    }
    let table = |name: &str| -> Vec<Vec<String>> {
        read[name]["csv"].as_array().unwrap()[1..]
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    };
    let (documents, citations, parties, signatories) = (
        table("documents"),
        table("citations"),
        table("parties"),
        table("signatories"),
    );
    assert_eq!(table("edges").len() as u64, edges);

    // Row counts and contents against cancu extract --json.
    let paths: Vec<&str> = documents.iter().map(|r| r[0].as_str()).collect();
    let want: Vec<&str> = extracted.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, want);
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    for (row, e) in documents.iter().zip(&extracted) {
        let doc = &row[0];
        let of = |t: &[Vec<String>], col: usize| -> Vec<String> {
            t.iter().filter(|r| &r[0] == doc).map(|r| r[col].clone()).collect()
        };
        let list = |key: &str, field: &str| -> Vec<String> {
            e[key].as_array().unwrap().iter().map(|x| s(&x[field])).collect()
        };
        assert_eq!(of(&citations, 1), list("citations", "id"), "{doc}");
        assert_eq!(of(&parties, 1), list("parties", "name"), "{doc}");
        assert_eq!(of(&signatories, 1), list("signatories", "name"), "{doc}");
        assert_eq!(row[11], e["citations"].as_array().unwrap().len().to_string());
        assert_eq!(row[12], e["parties"].as_array().unwrap().len().to_string());
        assert_eq!(row[13], e["signatories"].as_array().unwrap().len().to_string());
        let firsts: Vec<String> = e["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("{}-{}", c["mentions"][0][0], c["mentions"][0][1]))
            .collect();
        let spans: Vec<String> = citations
            .iter()
            .filter(|r| &r[0] == doc)
            .map(|r| format!("{}-{}", r[9], r[10]))
            .collect();
        assert_eq!(spans, firsts, "{doc}: first spans");
        if e["title"].as_str().is_some_and(|t| !t.starts_with('=')) {
            assert_eq!(row[2], s(&e["title"]), "{doc}");
        }
    }
    assert!(citations.len() > 40 && parties.len() > 10 && signatories.len() > 5);

    // The hostile headline: neutralised with a ', quotes and comma kept.
    let hostile = documents.iter().find(|r| r[0] == "corpus/zz_hostile.txt").unwrap();
    let title = extracted[5]["title"].as_str().unwrap();
    assert!(title.starts_with("=cmd|"), "{title}");
    assert_eq!(hostile[2], format!("'{title}"));
    let c = citations.iter().find(|r| r[0] == "corpus/zz_hostile.txt").unwrap();
    assert_eq!(
        (&c[1][..], &c[2][..], &c[3][..], &c[4][..]),
        ("1373/QĐ-TTg", "Quyết định", "1373", "2021-07-30")
    );
}

/// The same documents give the same bytes, read from the files (without an
/// index, which is then not written) or from the index, twice; --province
/// keeps the documents of a province (as written or today's) and their rows.
#[test]
fn tables_are_deterministic_and_filtered_by_province() {
    let d = seeded(&[("zz_hostile.txt", HOSTILE)]);
    let o = d.cancu(&["export", "--format", "tables", "-o", "files"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("no index"), "{}", stderr(&o));
    assert!(!d.path().join("index").exists(), "a reading command wrote an index");
    let o = d.cancu(&["index", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    export_tables(&d, "a", &[]);
    export_tables(&d, "b", &[]);
    for (name, _) in TABLES {
        let a = std::fs::read(d.path().join("a").join(name)).unwrap();
        assert!(a.len() > 100, "{name}");
        assert_eq!(a, std::fs::read(d.path().join("b").join(name)).unwrap(), "{name}");
        assert_eq!(a, std::fs::read(d.path().join("files").join(name)).unwrap(), "{name}");
    }
    export_tables(&d, "vl", &["--province", "Vĩnh Long"]);
    let docs = std::fs::read_to_string(d.path().join("vl/documents.csv")).unwrap();
    assert_eq!(docs.lines().count(), 1 + 2, "{docs}");
    let cites = std::fs::read_to_string(d.path().join("vl/citations.csv")).unwrap();
    let paths: BTreeSet<&str> = docs.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert!(cites
        .lines()
        .skip(1)
        .all(|l| paths.contains(l.split(',').next().unwrap())));
    let o = d.cancu(&["export", "--format", "tables", "--around", "11-CT/TW"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--around"), "{}", stderr(&o));
}

/// Load the `kuzu` folder into a new Kùzu database and ask which documents
/// implement each instrument named after it through any chain of the
/// relations `cancu graph implements` follows; also the nodes and edges
/// loaded.
const KUZU: &str = r#"
import json, os, sys
import kuzu
os.chdir(sys.argv[1])
db = kuzu.Database(sys.argv[2])
c = kuzu.Connection(db)
c.execute(open("schema.cypher", encoding="utf-8").read())
c.execute(open("load.cypher", encoding="utf-8").read())
def rows(q, params={}):
    r = c.execute(q, params)
    out = []
    while r.has_next():
        out.append(r.get_next())
    return out
implementers = {}
for target in sys.argv[3:]:
    ids = rows("MATCH (d:Document)-[:IMPLEMENTS|BASED_ON|CITES* SHORTEST 1..30]->(t {instrument: $id}) "
               "WHERE d.id <> t.id RETURN DISTINCT d.id ORDER BY d.id", {"id": target})
    implementers[target] = [r[0] for r in ids]
print(json.dumps({
    "implementers": implementers,
    "nodes": rows("MATCH (n) RETURN count(n)")[0][0],
    "edges": rows("MATCH ()-[e]->() RETURN count(e)")[0][0],
    "titles": [r[0] for r in rows("MATCH (d:Document) RETURN d.title ORDER BY d.id")],
}))
"#;

fn kuzu_agrees_with_cancu(d: &Dir) {
    let o = d.cancu(&["export", "--format", "kuzu", "-o", "kuzu"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let schema = std::fs::read_to_string(d.path().join("kuzu/schema.cypher")).unwrap();
    for rel in ["IMPLEMENTS", "BASED_ON", "CITES"] {
        assert!(schema.contains(&format!("CREATE REL TABLE {rel}(FROM ")), "{rel}");
    }
    let targets = ["11-CT/TW", "1373/QĐ-TTg"];
    let want = |id: &str| -> BTreeSet<String> {
        ndjson(&d.cancu(&["graph", "implements", id, "--json", "--depth", "30"]))
            .iter()
            .filter(|h| h["kind"] == "document")
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let stats: Value = serde_json::from_slice(&d.cancu(&["graph", "stats", "--json"]).stdout).unwrap();
    let sum = |k: &str| -> u64 {
        stats[k]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum()
    };
    if !have_python("kuzu") {
        return;
    }
    let kuzu = d.path().join("kuzu");
    let db = d.path().join("kuzu.db");
    let mut args: Vec<&Path> = vec![&kuzu, &db];
    args.extend(targets.iter().map(Path::new));
    let got = python(KUZU, &args);
    for id in targets {
        let implementers: BTreeSet<String> = got["implementers"][id]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let want = want(id);
        assert!(!want.is_empty(), "{id}");
        assert_eq!(implementers, want, "{id}");
    }
    assert_eq!(
        (got["nodes"].as_u64(), got["edges"].as_u64()),
        (Some(sum("nodes")), Some(sum("edges")))
    );
    // Titles as the graph has them (a formula headline with its ').
    let json: Value = serde_json::from_str(&stdout(&d.cancu(&["export", "--format", "json"]))).unwrap();
    let mut docs: Vec<(&str, &str)> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "document")
        .map(|n| (n["id"].as_str().unwrap(), n["title"].as_str().unwrap_or("")))
        .collect();
    docs.sort();
    let titles: Vec<String> = docs
        .iter()
        .map(|(_, t)| {
            if t.starts_with('=') {
                format!("'{t}")
            } else {
                t.to_string()
            }
        })
        .collect();
    let loaded: Vec<String> = got["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(loaded, titles);
}

/// Kùzu answers "which documents implement 11-CT/TW (and 1373/QĐ-TTg)
/// through any chain" as `cancu graph implements` does, on the seeds (with
/// a hostile report).
#[test]
fn kuzu_implementers_of_directive_11_are_cancus_on_the_seeds() {
    kuzu_agrees_with_cancu(&seeded(&[("zz_hostile.txt", HOSTILE)]));
}

/// The same on a generated corpus: every level, kind and citation shape.
#[test]
fn kuzu_implementers_of_directive_11_are_cancus_on_a_generated_corpus() {
    let d = Dir::new();
    for (name, text) in crate::gencorpus::generator::generate(300, 11) {
        d.write(&format!("corpus/{name}"), text);
    }
    kuzu_agrees_with_cancu(&d);
}
