//! Output into a closed pipe (`cancu … | head -1`): every command that
//! prints stops quietly, with status 0, as ripgrep does.

use crate::util::{cancu_into_closed_pipe, root, seeded, stderr};

#[test]
fn printing_commands_into_a_closed_pipe_exit_0_quietly() {
    let d = seeded(&[]);
    let o = d.cancu(&["index", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let gold = root().join("tests/data/seeds.gold.json");
    let gold = gold.to_str().unwrap();
    for args in [
        &["search", "khuyến học"][..],
        &["search", "--json", "--facets", "khuyen hoc"],
        &["show", "003_798d9b088e52fc0e.txt"],
        &["show", "--json", "003_798d9b088e52fc0e.txt"],
        &["graph", "implements", "11-CT/TW"],
        &["graph", "--json", "stats"],
        &["graph", "missing"],
        &["graph", "coverage", "02/CTr-BGDĐT-HKHVN"],
        &["check"],
        &["check", "--format", "json"],
        &["check", "corpus", "--format", "sarif"],
        &["check", "--list-rules"],
        &["export", "--format", "dot"],
        &["export", "--format", "json"],
        &["extract", "corpus"],
        &["eval", gold],
        &["index", "--json"],
        &["completions", "bash"],
        &["man"],
    ] {
        let o = cancu_into_closed_pipe(d.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}
