//! `cancu search` answers what it answered before: every query class of
//! `bench/run` (and a few orders, pages and facets) on a generated corpus
//! of 2,000 documents, compared byte for byte with
//! `search_same.expected` (the count line of the text output, then the
//! `--json` lines: documents, order, scores, titles and where the
//! snippets are; their text, which follows from where, left out).
//!
//! How a search is carried out may change; what it answers may not. When
//! the answers are meant to change (extraction, the generator or the
//! ranking changed), write the file again with
//! `CANCU_BLESS=1 cargo test --test cli search_same` and review its diff.

use crate::gencorpus::generator::generate;
use crate::util::{stderr, stdout, Dir};

/// (arguments) of each search, run with `--json` and as text.
const QUERIES: &[&[&str]] = &[
    &["khuyen hoc"],
    &["khuyến tài"],
    &["\"xã hội học tập\""],
    &[
        "khuyến học",
        "--province",
        "Vĩnh Long",
        "--kind",
        "agreement",
        "--year",
        "2023",
    ],
    &["--cites", "1373/QĐ-TTg"],
    &["--cites", "11-CT/TW", "--transitive"],
    &["khuyến học", "-n", "12", "--offset", "15"],
    &["Quân sự"],
    &["khuyến OR khuyen"],
    &["học -\"Bến Tre\"", "-n", "8"],
    &["title:\"khuyến học\"", "-n", "8"],
    &["hội", "--sort", "date", "-n", "12"],
    &["khuyến học", "--facets", "-n", "3"],
    &["--cites", "1373/QĐ-TTg", "--transitive", "--depth", "3", "-n", "20"],
];

const EXPECTED: &str = "tests/cli/search_same.expected";

#[test]
fn every_query_class_answers_as_before_on_a_generated_corpus() {
    let d = Dir::new();
    for (name, text) in generate(2_000, 7) {
        d.write(&format!("gen/{name}"), text);
    }
    let o = d.cancu(&["index", "gen", "--index", "idx", "--quiet"]);
    assert!(o.status.success(), "index: {}", stderr(&o));

    let mut got = String::new();
    for q in QUERIES {
        let mut text = vec!["search", "--index", "idx", "--color", "never"];
        text.extend_from_slice(q);
        let o = d.cancu(&text);
        assert!(o.status.success(), "search {q:?}: {}", stderr(&o));
        let out = stdout(&o);
        got.push_str(&format!("## {}\n", q.join(" ")));
        got.push_str(out.lines().next().unwrap_or_default());
        got.push('\n');
        let mut json = vec!["search", "--index", "idx", "--json"];
        json.extend_from_slice(q);
        let o = d.cancu(&json);
        assert!(o.status.success(), "search --json {q:?}: {}", stderr(&o));
        for line in stdout(&o).lines() {
            got.push_str(&without_snippet_texts(line));
            got.push('\n');
        }
    }

    let path = crate::util::root().join(EXPECTED);
    if std::env::var_os("CANCU_BLESS").is_some() {
        std::fs::write(&path, &got).expect("write the expectation");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("the expectation (CANCU_BLESS=1 writes it)");
    if got != expected {
        let first = got
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(expected.lines().count()));
        panic!(
            "search answers differ from {EXPECTED} from line {}:\n got: {}\nwant: {}",
            first + 1,
            got.lines().nth(first).unwrap_or("(nothing)"),
            expected.lines().nth(first).unwrap_or("(nothing)")
        );
    }
}

/// A `--json` line without the text of its snippets (their offsets kept).
fn without_snippet_texts(line: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
    if let Some(snippets) = v.get_mut("snippets").and_then(|s| s.as_array_mut()) {
        for s in snippets {
            if let Some(o) = s.as_object_mut() {
                o.remove("text");
            }
        }
    }
    v.to_string()
}
