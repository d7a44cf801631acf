//! Corrections: facts fixed by hand in a TOML file, applied by `cancu
//! index`, remembered by the index, marked in `show`, stale ones warned of.

use crate::util::{ndjson, seeded, stderr, stdout};

const DOC: &str = "corpus/000_3e04f7b4aea0b5e4.txt";

const FIX: &str = r#"version = 1

[[document]]
path = "corpus/000_3e04f7b4aea0b5e4.txt"
note = "the date line is missing in this copy"
date = "2019-03-15"
add_citations = ["281/QD-TTg", "11-CT/TW"]
add_signatories = [{ name = "Trần Văn Bình", title = "Chủ tịch" }]

[[document]]
number = "99/KH-XYZ"
kind = "news"
"#;

fn manifest(d: &crate::util::Dir) -> serde_json::Value {
    let path = crate::util::generation_file(&d.path().join("index"), "manifest.json");
    serde_json::from_slice(&std::fs::read(path).expect("manifest")).expect("manifest JSON")
}

#[test]
fn corrections_are_applied_remembered_marked_and_stale_ones_warned_of() {
    let d = seeded(&[]);
    d.write("fix.toml", FIX);
    let o = d.cancu(&["index", "--corrections", "fix.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // 000 cites 11-CT/TW already: adding it is stale; 99/KH-XYZ names no document.
    assert!(err.contains("warning: corpus/000_3e04f7b4aea0b5e4.txt: correction (path corpus/000_3e04f7b4aea0b5e4.txt): 11-CT/TW is already read as a citation"), "{err}");
    assert!(
        err.contains("warning: correction (number 99/KH-XYZ): matches no document of the index"),
        "{err}"
    );

    let show = stdout(&d.cancu(&["show", DOC]));
    assert!(show.contains("date:      2019-03-15  (corrected)"), "{show}");
    assert!(
        show.contains("corrected: date; citation 281/QĐ-TTg added; signatory Trần Văn Bình added"),
        "{show}"
    );
    assert!(show.contains("Trần Văn Bình — Chủ tịch"), "{show}");

    // The corrected facts are what every reader sees.
    let hits = ndjson(&d.cancu(&["search", "--from", "2019-03-15", "--to", "2019-03-15", "--json"]));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], DOC);
    let hits = ndjson(&d.cancu(&["search", "--cites", "281/QĐ-TTg", "--json", "-n", "100"]));
    assert!(hits.iter().any(|h| h["path"] == DOC), "{hits:?}");

    // The manifest records the file, what it did and its warnings.
    let m = manifest(&d);
    assert_eq!(m["corrections"]["documents"], 1);
    assert_eq!(m["corrections"]["warnings"].as_array().expect("warnings").len(), 2);
    assert!(m["corrections"]["path"].as_str().expect("path").ends_with("fix.toml"));

    // A plain `cancu index` applies it again; --no-corrections drops it.
    let o = d.cancu(&["index"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&d.cancu(&["show", DOC])).contains("(corrected)"));
    let o = d.cancu(&["index", "--no-corrections"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let show = stdout(&d.cancu(&["show", DOC]));
    assert!(!show.contains("corrected"), "{show}");
    assert!(show.contains("date:      —"), "{show}");
}

#[test]
fn a_change_to_the_corrections_file_is_applied_by_the_next_run() {
    let d = seeded(&[]);
    d.write("fix.toml", FIX);
    assert!(d.cancu(&["index", "--corrections", "fix.toml"]).status.success());
    d.write("fix.toml", FIX.replace("2019-03-15", "2020-01-02"));
    let o = d.cancu(&["index"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("the corrections changed"), "{}", stderr(&o));
    assert!(stdout(&d.cancu(&["show", DOC])).contains("date:      2020-01-02  (corrected)"));
}

#[test]
fn a_bad_or_missing_corrections_file_changes_nothing() {
    let d = seeded(&[]);
    assert!(d.cancu(&["index"]).status.success());
    let before = stdout(&d.cancu(&["show", DOC]));
    for (file, text, says) in [
        ("missing.toml", None, "cannot read the corrections file"),
        (
            "bad.toml",
            Some("version = 1\n[[document]]\npath = \"x\"\ncolour = 1\n"),
            "unknown field `colour`",
        ),
        ("old.toml", Some("version = 7\n"), "corrections format version 7"),
        (
            "day.toml",
            Some("version = 1\n[[document]]\npath = \"x\"\ndate = \"15/03/2019\"\n"),
            "not a day",
        ),
    ] {
        if let Some(t) = text {
            d.write(file, t);
        }
        let o = d.cancu(&["index", "--corrections", file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(
            stderr(&o).contains(file) && stderr(&o).contains(says),
            "{file}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&d.cancu(&["show", DOC])), before, "{file} changed the index");
    }
    // A file the index applies that has gone away is an error that keeps the index.
    d.write("fix.toml", FIX);
    assert!(d.cancu(&["index", "--corrections", "fix.toml"]).status.success());
    let corrected = stdout(&d.cancu(&["show", DOC]));
    std::fs::remove_file(d.path().join("fix.toml")).expect("remove");
    let o = d.cancu(&["index"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--no-corrections"), "{}", stderr(&o));
    assert_eq!(stdout(&d.cancu(&["show", DOC])), corrected);
}
