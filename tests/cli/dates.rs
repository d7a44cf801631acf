//! `--from`/`--to`: documents signed within a range of days, in `search`,
//! `check` and `export`. Seeds: 002 signed 2022-11-24, 003 2017-11-21,
//! 004 2024-09-13; 000 and 001 carry no date.

use std::path::Path;

use crate::util::{ndjson, seeded, stderr, stdout, Dir};

fn paths(hits: &[serde_json::Value]) -> Vec<String> {
    let mut p: Vec<String> = hits
        .iter()
        .map(|h| h["path"].as_str().expect("path").to_string())
        .collect();
    p.sort();
    p
}

fn indexed() -> Dir {
    let d = seeded(&[]);
    let o = d.cancu(&["index"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d
}

fn search(d: &Dir, range: &[&str]) -> Vec<String> {
    let mut args = vec!["search", "--json", "-n", "100"];
    args.extend_from_slice(range);
    let o = d.cancu(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    paths(&ndjson(&o))
}

#[test]
fn search_from_to_selects_by_signing_day_and_never_an_undated_document() {
    let d = indexed();
    let c = |n: &str| format!("corpus/{n}");
    assert_eq!(
        search(&d, &["--from", "2022"]),
        [c("002_2d9da3428af69006.txt"), c("004_f7e41c7e93cfee71.txt")]
    );
    assert_eq!(
        search(&d, &["--to", "2022-11-24"]),
        [c("002_2d9da3428af69006.txt"), c("003_798d9b088e52fc0e.txt")]
    );
    assert_eq!(search(&d, &["--to", "2022-11-23"]), [c("003_798d9b088e52fc0e.txt")]);
    assert_eq!(
        search(&d, &["--from", "2017-11", "--to", "2017-11"]),
        [c("003_798d9b088e52fc0e.txt")]
    );
    assert!(search(&d, &["--from", "2018", "--to", "2021"]).is_empty());
    assert_eq!(search(&d, &[]).len(), 5, "without a range every document, dated or not");
}

#[test]
fn a_date_that_is_not_one_is_refused_before_anything_is_read() {
    let d = Dir::new();
    for (args, says) in [
        (vec!["search", "--from", "2019-13"], "\"2019-13\" is not a date"),
        (vec!["search", "--to", "30/06/2019"], "\"30/06/2019\" is not a date"),
        (vec!["check", "--from", "2019-02-30"], "\"2019-02-30\" is not a date"),
        (
            vec!["export", "--format", "dot", "--from", "2021", "--to", "2019"],
            "--from 2021 is after --to 2019",
        ),
    ] {
        let o = d.cancu(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(!d.path().join("index").exists(), "{args:?} wrote an index");
    }
}

#[test]
fn check_from_to_judges_only_documents_signed_within_and_still_finds_parents() {
    let d = indexed();
    let o = d.cancu(&["check", "--format", "json", "--from", "2020"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let judged = paths(report["documents"].as_array().expect("documents"));
    assert_eq!(
        judged,
        ["corpus/002_2d9da3428af69006.txt", "corpus/004_f7e41c7e93cfee71.txt"]
    );
    assert_eq!(report["summary"]["documents"], 2);
    // The same documents are judged the same way as in a check of all.
    let all = d.cancu(&["check", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).expect("JSON");
    for doc in report["documents"].as_array().expect("documents") {
        let same = all["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|x| x["path"] == doc["path"])
            .expect("judged in the whole check");
        assert_eq!(doc, same);
    }
}

fn dot_documents(dir: &Path, range: &[&str]) -> Vec<String> {
    let mut args = vec!["export", "--format", "json"];
    args.extend_from_slice(range);
    let o = crate::util::cancu_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let mut docs: Vec<String> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "document")
        .map(|n| n["id"].as_str().expect("id").to_string())
        .collect();
    docs.sort();
    docs
}

#[test]
fn export_from_to_keeps_documents_signed_within_with_what_they_link_to() {
    let d = indexed();
    let all = dot_documents(d.path(), &[]);
    assert_eq!(all.len(), 5, "{all:?}");
    let since = dot_documents(d.path(), &["--from", "2022-01-01"]);
    assert!(
        since.iter().any(|n| n.contains("002_")) && since.iter().any(|n| n.contains("004_")),
        "{since:?}"
    );
    assert!(
        !since.iter().any(|n| n.contains("003_") || n.contains("000_")),
        "{since:?}"
    );
    // Tables: the documents table holds exactly the documents in range.
    let o = d.cancu(&["export", "--format", "tables", "--to", "2017", "-o", "t"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = std::fs::read_to_string(d.path().join("t/documents.csv")).expect("documents.csv");
    assert_eq!(docs.lines().count(), 2, "{docs}");
    assert!(docs.contains("003_798d9b088e52fc0e.txt"), "{docs}");
}
