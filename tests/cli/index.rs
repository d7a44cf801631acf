//! `cancu index` and the commands that read an index: nothing lost, one
//! generation at a time, whatever the user types and wherever a run stops.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{cancu_in, root, stderr, stdout, Dir};

/// The seeds copied into `dir/name`.
fn copy_seeds(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(&to).expect("create folder");
    for e in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy seed");
    }
    to
}

/// The paths of the documents `cancu search` finds for a query.
fn found(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut a = vec!["search", "--json", "--limit", "10000"];
    a.extend_from_slice(args);
    let o = cancu_in(dir, &a);
    assert_eq!(o.status.code(), Some(0), "search {args:?}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["path"].as_str().map(str::to_string))
        .collect()
}

/// Every document of the index in `index`, by a query on a word every document has.
fn all_docs(dir: &Path, index: &str) -> BTreeSet<String> {
    found(dir, &["--index", index, "học"])
}

/// Every file in a folder, recursively, with its size and modification time.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").flatten() {
            let m = e.metadata().expect("metadata");
            if m.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), m.len(), m.modified().expect("mtime")));
            }
        }
    }
    out.sort();
    out
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

#[test]
fn index_of_a_path_that_does_not_exist_removes_nothing() {
    let d = Dir::new();
    copy_seeds(d.path(), "seeds");
    assert_eq!(code(&d.cancu(&["index", "seeds", "--index", "I"])), Some(0));
    let before = all_docs(d.path(), "I");
    assert_eq!(before.len(), 5);
    let o = d.cancu(&["index", "seedTYPO", "--index", "I"]);
    assert_eq!(code(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("seedTYPO"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was indexed or removed"), "{}", stderr(&o));
    assert_eq!(all_docs(d.path(), "I"), before);
}

#[test]
fn index_of_another_folder_keeps_the_first_and_no_paths_keeps_both() {
    let d = Dir::new();
    copy_seeds(d.path(), "seeds");
    d.write(
        "other/extra.txt",
        "CHƯƠNG TRÌNH PHỐI HỢP giữa Hội Khuyến học tỉnh An Giang và Tỉnh đoàn An Giang\n\
         Căn cứ Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị về khuyến học.\n",
    );
    assert_eq!(code(&d.cancu(&["index", "seeds", "--index", "I"])), Some(0));
    let o = d.cancu(&["index", "other", "--index", "I"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let docs = all_docs(d.path(), "I");
    assert_eq!(docs.len(), 6, "{docs:?}");
    assert!(docs.contains("other/extra.txt"), "{docs:?}");
    // No paths: every root again, nothing dropped.
    let o = d.cancu(&["index", "--index", "I", "--json"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(v["removed"], 0);
    assert_eq!(v["unchanged"], 6);
    assert_eq!(all_docs(d.path(), "I").len(), 6);
    // A file gone from a root it was indexed from is removed, and said so.
    std::fs::remove_file(d.path().join("other/extra.txt")).expect("remove");
    let o = d.cancu(&["index", "--index", "I"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("removing other/extra.txt (its file is gone)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(all_docs(d.path(), "I").len(), 5);
}

#[test]
fn prune_mirrors_the_paths_and_names_what_it_removes() {
    let d = Dir::new();
    copy_seeds(d.path(), "seeds");
    d.write(
        "other/extra.txt",
        "Hội Khuyến học tỉnh An Giang ký kết chương trình phối hợp.\n",
    );
    assert_eq!(code(&d.cancu(&["index", "seeds", "other", "--index", "I"])), Some(0));
    assert_eq!(all_docs(d.path(), "I").len(), 6);
    let o = d.cancu(&["index", "--prune", "other", "--index", "I"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let removing = stderr(&o)
        .lines()
        .filter(|l| l.contains("not under the paths given with --prune"))
        .count();
    assert_eq!(removing, 5, "{}", stderr(&o));
    assert_eq!(all_docs(d.path(), "I"), BTreeSet::from(["other/extra.txt".to_string()]));
    // And the roots are now only `other`: a run without paths keeps it so.
    let o = d.cancu(&["index", "--index", "I", "--json"]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(v["roots"].as_array().map(Vec::len), Some(1), "{v}");
}

#[test]
fn commands_run_from_another_folder_keep_every_document() {
    let d = Dir::new();
    let project = d.path().join("project");
    copy_seeds(&project, "corpus");
    assert_eq!(code(&cancu_in(&project, &["index"])), Some(0));
    let elsewhere = d.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("folder");
    let index = project.join("index");
    let index = index.to_str().expect("UTF-8 path");
    // `check` on the index reads it as it stands, from anywhere.
    let o = cancu_in(&elsewhere, &["check", "--index", index]);
    assert!(matches!(code(&o), Some(0) | Some(1)), "{}", stderr(&o));
    assert!(stdout(&o).contains("004_"), "{}", stdout(&o));
    // `index` with no paths, from another folder: the stored roots are absolute.
    let o = cancu_in(&elsewhere, &["index", "--index", index, "--json"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(
        (v["removed"].as_u64(), v["unchanged"].as_u64()),
        (Some(0), Some(5)),
        "{v}"
    );
    let root = &v["roots"][0];
    assert_eq!(root["name"], "corpus");
    assert!(Path::new(root["path"].as_str().unwrap_or("")).is_absolute(), "{v}");
    // Document names do not depend on where cancu runs.
    let docs = all_docs(&elsewhere, index);
    assert_eq!(docs.len(), 5);
    assert!(docs.iter().all(|p| p.starts_with("corpus/")), "{docs:?}");
}

#[test]
fn a_damaged_manifest_loses_nothing_and_is_repaired() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    assert_eq!(code(&d.cancu(&["index"])), Some(0));
    let gens: Vec<PathBuf> = std::fs::read_dir(d.path().join("index"))
        .expect("index folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gen-")))
        .collect();
    assert_eq!(gens.len(), 1, "{gens:?}");
    std::fs::write(gens[0].join("manifest.json"), "{ not json").expect("damage");
    let elsewhere = d.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("folder");
    let index = d.path().join("index");
    let o = cancu_in(
        &elsewhere,
        &["index", "--index", index.to_str().expect("UTF-8"), "--json"],
    );
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(v["removed"], 0, "{v}");
    assert_eq!(all_docs(d.path(), "index").len(), 5);
}

#[test]
fn reading_commands_never_rebuild_a_damaged_index() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    assert_eq!(code(&d.cancu(&["index"])), Some(0));
    let index = d.path().join("index");
    std::fs::remove_file(index.join("search/meta.json")).expect("damage");
    let before = listing(&index);
    for args in [
        &["search", "khuyến học"][..],
        &["show", "004_f7e41c7e93cfee71.txt"],
        &["graph", "stats"],
        &["export", "--format", "json"],
        &["check"],
    ] {
        let o = d.cancu(args);
        assert_eq!(code(&o), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("the index is damaged") && stderr(&o).contains("cancu index --rebuild"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(listing(&index), before, "{args:?} wrote into the index");
    }
    // The command named repairs it.
    let o = d.cancu(&["index", "--rebuild"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(all_docs(d.path(), "index").len(), 5);
}

#[test]
fn a_mistyped_index_is_an_error_and_creates_nothing() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    assert_eq!(code(&d.cancu(&["index"])), Some(0));
    for args in [
        &["search", "--index", "indx", "khuyến"][..],
        &["show", "--index", "indx", "004_f7e41c7e93cfee71.txt"],
        &["graph", "--index", "indx", "stats"],
        &["check", "--index", "indx"],
    ] {
        let o = d.cancu(args);
        assert_eq!(code(&o), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("no index here"), "{args:?}: {}", stderr(&o));
        assert!(!d.path().join("indx").exists(), "{args:?} created an index");
    }
}

#[test]
fn search_without_index_or_corpus_says_what_to_do() {
    let d = Dir::new();
    let o = d.cancu(&["search", "khuyến học"]);
    assert_eq!(code(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cancu index"), "{}", stderr(&o));
    assert!(!d.path().join("index").exists());
    let o = d.cancu(&["index"]);
    assert_eq!(code(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing to index"), "{}", stderr(&o));
    assert!(!d.path().join("index").exists());
}

#[test]
fn orphans_of_an_interrupted_run_are_cleaned_and_files_follow_the_umask() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    assert_eq!(code(&d.cancu(&["index"])), Some(0));
    let index = d.path().join("index");
    std::fs::create_dir_all(index.join("gen-99")).expect("orphan generation");
    std::fs::write(index.join("gen-99/graph.json"), "{").expect("orphan file");
    std::fs::write(index.join(".cancu-tmpAbC123"), "half").expect("orphan temporary");
    std::fs::create_dir_all(index.join("search.new")).expect("orphan rebuild");
    d.write(
        "corpus/new.txt",
        "Hội Khuyến học tỉnh Bến Tre ký kết chương trình phối hợp.\n",
    );
    // umask 027: new files are rw-r-----.
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 027 && exec \"$0\" index")
        .arg(env!("CARGO_BIN_EXE_cancu"))
        .current_dir(d.path())
        .output()
        .expect("run cancu");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert!(!index.join("gen-99").exists());
    assert!(!index.join(".cancu-tmpAbC123").exists());
    assert!(!index.join("search.new").exists());
    let gens: Vec<String> = std::fs::read_dir(&index)
        .expect("index")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    // The new generation, and the one before it for readers that opened it.
    assert_eq!(gens.len(), 2, "{gens:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let newest = gens
            .iter()
            .max_by_key(|g| g.trim_start_matches("gen-").parse::<u64>().unwrap_or(0))
            .expect("a generation");
        for f in ["graph.bin", "manifest.json"] {
            let mode = std::fs::metadata(index.join(newest).join(f))
                .expect(f)
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o640, "{f}: {mode:o}");
        }
    }
}

#[cfg(unix)]
#[test]
fn two_file_names_that_differ_only_in_bytes_that_are_not_utf8_are_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    let dir = d.path().join("docs");
    std::fs::create_dir_all(&dir).expect("folder");
    let text = "Hội Khuyến học tỉnh Bến Tre ký kết chương trình phối hợp khuyến học.\n";
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"a\xff.txt")), text).expect("write");
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"a\xfe.txt")), text).expect("write");
    let o = d.cancu(&["index", "docs", "--index", "I", "--json"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(v["documents"], 2, "{v}");
    assert_eq!(
        all_docs(d.path(), "I"),
        BTreeSet::from(["docs/a\\xfe.txt".to_string(), "docs/a\\xff.txt".to_string()])
    );
}

/// Run `cancu` as an unprivileged user (when the tests run as root, where
/// permissions do not apply), or as the current user otherwise.
#[cfg(unix)]
fn unprivileged(dir: &Path, args: &[&str]) -> Option<Output> {
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    if !root_user {
        return Some(cancu_in(dir, args));
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() {
        return None;
    }
    // The binary must be reachable by that user (a checkout in a private
    // folder is not): else these tests cannot run here.
    let probe = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_cancu"))
        .arg("--version")
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    Some(
        std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_cancu"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("run cancu"),
    )
}

#[cfg(unix)]
fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Make a tree readable (and its folders listable) by everyone, writable by its owner only.
#[cfg(unix)]
fn read_only_for_others(p: &Path) {
    chmod(p, 0o755);
    for (f, _, _) in listing(p) {
        chmod(&f, 0o644);
        let mut d = f.parent();
        while let Some(dir) = d {
            if !dir.starts_with(p) {
                break;
            }
            chmod(dir, 0o755);
            d = dir.parent();
        }
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_index_can_be_searched() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    assert_eq!(code(&d.cancu(&["index"])), Some(0));
    // Remove every lock file a writer left, so a reader that needs one would have to create it.
    let index = d.path().join("index");
    for lock in ["cancu.lock", "search/.tantivy-meta.lock", "search/.tantivy-writer.lock"] {
        let _ = std::fs::remove_file(index.join(lock));
    }
    read_only_for_others(d.path());
    let before = listing(&index);
    let Some(o) = unprivileged(d.path(), &["search", "--json", "khuyến học"]) else {
        eprintln!("skipped: no setpriv to drop privileges");
        return;
    };
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 5, "{}", stdout(&o));
    assert_eq!(listing(&index), before, "searching wrote into the index");
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_listed_keeps_its_documents() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus/a");
    d.write(
        "corpus/b/extra.txt",
        "Hội Khuyến học tỉnh An Giang ký kết chương trình phối hợp.\n",
    );
    read_only_for_others(d.path());
    chmod(d.path(), 0o777);
    let Some(o) = unprivileged(d.path(), &["index"]) else {
        eprintln!("skipped: no setpriv to drop privileges");
        return;
    };
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    chmod(&d.path().join("corpus/a"), 0o000);
    let o = unprivileged(d.path(), &["index", "--json"]).expect("ran before");
    chmod(&d.path().join("corpus/a"), 0o755);
    assert_eq!(code(&o), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("summary JSON");
    assert_eq!(v["removed"], 0, "{v}");
    assert_eq!(v["skipped"][0]["kept_previous"], true, "{v}");
    assert!(stderr(&o).contains("corpus/a"), "{}", stderr(&o));
    assert_eq!(all_docs(d.path(), "index").len(), 6);
}

/// The documents of the index's graph (document nodes of the node-link export).
fn graph_docs(dir: &Path) -> BTreeSet<String> {
    let o = cancu_in(dir, &["export", "--format", "json"]);
    assert_eq!(code(&o), Some(0), "export: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("node-link JSON");
    v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["kind"] == "document")
        .filter_map(|n| {
            n["id"]
                .as_str()
                .and_then(|i| i.strip_prefix("doc:"))
                .map(str::to_string)
        })
        .collect()
}

/// What every reading command sees of the index in `dir/index`.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    searched: BTreeSet<String>,
    graph: BTreeSet<String>,
    judged: usize,
    manifest_documents: u64,
}

fn seen(dir: &Path) -> Seen {
    let o = cancu_in(dir, &["check", "--format", "json"]);
    assert!(matches!(code(&o), Some(0) | Some(1)), "check: {}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("check JSON");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(crate::util::generation_file(&dir.join("index"), "manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let searched = found(dir, &["--index", "index", "học"]);
    let graph = graph_docs(dir);
    // Every document the search finds can be shown.
    if let Some(first) = searched.iter().next() {
        let o = cancu_in(dir, &["show", "--json", first]);
        assert_eq!(code(&o), Some(0), "show {first}: {}", stderr(&o));
    }
    Seen {
        searched,
        graph,
        judged: r["documents"].as_array().map_or(0, Vec::len),
        manifest_documents: manifest["counts"]["documents"].as_u64().unwrap_or(0),
    }
}

/// Only the committed generation and the one before it, no temporary
/// files, no rebuild left beside the index.
fn no_orphans(index: &Path) {
    let mut gens = 0;
    for e in std::fs::read_dir(index).expect("index").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(
            !name.starts_with(".cancu-tmp") && !name.starts_with(".tmp"),
            "left {name}"
        );
        assert!(name != "search.new" && name != "search.old", "left {name}");
        if name.starts_with("gen-") {
            gens += 1;
        }
    }
    assert!((1..=2).contains(&gens), "{gens} generations");
}

fn copy_tree(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).expect("remove");
    }
    let o = std::process::Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .output()
        .expect("cp");
    assert!(o.status.success());
}

/// `cancu index` stopped at every step of a run (an update and a rebuild)
/// on 2,000 generated documents: every command then sees the previous
/// generation or the new one, the same one in all of them, and the next
/// run completes and leaves no orphan.
#[test]
fn a_run_killed_at_any_step_leaves_one_whole_generation() {
    use crate::gencorpus::generator::generate;
    let d = Dir::new();
    let docs = generate(2_000, 11);
    for (name, text) in &docs[..1_700] {
        d.write(&format!("corpus/{name}"), text);
    }
    let o = d.cancu(&["index", "--quiet"]);
    assert!(matches!(code(&o), Some(0) | Some(1)), "{}", stderr(&o));
    let before = seen(d.path());
    assert_eq!(before.searched.len(), before.graph.len());
    copy_tree(&d.path().join("index"), &d.path().join("index-before"));
    // The corpus changes: 300 added, 100 removed, 50 changed.
    for (name, text) in &docs[1_700..] {
        d.write(&format!("corpus/{name}"), text);
    }
    for (name, _) in &docs[..100] {
        std::fs::remove_file(d.path().join(format!("corpus/{name}"))).expect("remove");
    }
    for (name, text) in &docs[100..150] {
        d.write(
            &format!("corpus/{name}"),
            format!("{text}\nThông báo kèm theo về khuyến học.\n"),
        );
    }
    let o = d.cancu(&["index", "--quiet"]);
    assert!(matches!(code(&o), Some(0) | Some(1)), "{}", stderr(&o));
    let after = seen(d.path());
    assert_ne!(before.graph, after.graph);
    assert_eq!(after.graph.len(), 1_900);

    for rebuild in [false, true] {
        for step in cancu::index::FAILPOINTS {
            copy_tree(&d.path().join("index-before"), &d.path().join("index"));
            let mut args = vec!["index", "--quiet"];
            if rebuild {
                args.push("--rebuild");
            }
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_cancu"))
                .args(&args)
                .current_dir(d.path())
                .env("CANCU_FAILPOINT", step)
                .output()
                .expect("run cancu");
            assert_eq!(code(&o), None, "{step}: the run was not stopped: {}", stderr(&o));
            let now = seen(d.path());
            assert!(
                now == before || now == after,
                "stopped at {step} (rebuild {rebuild}): {} searched, {} in the graph, {} judged, manifest {}",
                now.searched.len(),
                now.graph.len(),
                now.judged,
                now.manifest_documents
            );
            let o = d.cancu(&["index", "--quiet"]);
            assert!(matches!(code(&o), Some(0) | Some(1)), "{step}: {}", stderr(&o));
            assert_eq!(seen(d.path()), after, "after a run stopped at {step}");
            no_orphans(&d.path().join("index"));
        }
    }
}

/// An index in the format before generations (its manifest at the top of
/// the folder, its roots as given) is rebuilt from those roots by a plain
/// `cancu index`, and its old files go.
#[test]
fn an_index_of_the_format_before_generations_is_rebuilt_from_its_roots() {
    let d = Dir::new();
    copy_seeds(d.path(), "corpus");
    let index = d.path().join("index");
    std::fs::create_dir_all(index.join("search")).expect("folder");
    std::fs::write(
        index.join("search/meta.json"),
        r#"{"index_settings":{},"segments":[],"schema":[],"opstamp":3,"payload":"{\"format\":1}"}"#,
    )
    .expect("old meta");
    std::fs::write(
        index.join("manifest.json"),
        r#"{"format_version":1,"roots":["corpus"]}"#,
    )
    .expect("old manifest");
    std::fs::write(index.join("graph.json"), "{}").expect("old graph");
    // Reading says what to do.
    let o = d.cancu(&["search", "học"]);
    assert_eq!(code(&o), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cancu index --rebuild"), "{}", stderr(&o));
    let o = d.cancu(&["index"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("rebuilding the index"), "{}", stderr(&o));
    assert_eq!(all_docs(d.path(), "index").len(), 5);
    assert!(!index.join("manifest.json").exists() && !index.join("graph.json").exists());
}

/// A rebuild writes one segment, however many its writer threads made: the
/// segments are merged once, after the commit, not while the documents are
/// read and the graph is built; a small index into one segment (a large one
/// into one a core: `merge_groups` in the library's tests).
#[test]
fn a_rebuilt_index_is_one_segment_with_every_document() {
    let d = Dir::new();
    for i in 0..8 {
        copy_seeds(d.path(), &format!("c/{i}"));
    }
    let o = d.cancu(&["index", "c", "--rebuild", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("index/search/meta.json")).expect("meta.json"))
            .expect("meta.json is JSON");
    let segments = meta["segments"].as_array().expect("segments");
    assert_eq!(segments.len(), 1, "{meta}");
    assert_eq!(segments[0]["max_doc"], 40);
    assert_eq!(all_docs(d.path(), "index").len(), 40);
}

/// An index of another format is not called damaged: reading says which
/// format it is and that `cancu index` rebuilds it, which it does.
#[test]
fn an_index_of_another_format_says_so_and_index_rebuilds_it() {
    let d = Dir::new();
    copy_seeds(d.path(), "c");
    let o = d.cancu(&["index", "c", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = d.path().join("index/search/meta.json");
    let text = std::fs::read_to_string(&meta).expect("meta.json");
    let format = format!("\\\"format\\\":{}", cancu::index::FORMAT_VERSION);
    assert!(text.contains(&format), "{text}");
    std::fs::write(&meta, text.replace(&format, "\\\"format\\\":3")).expect("write meta.json");

    let o = d.cancu(&["search", "quân sự"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "built by another version of cancu (index format 3; this version reads {})",
            cancu::index::FORMAT_VERSION
        )),
        "{err}"
    );
    assert!(err.contains("`cancu index` rebuilds it"), "{err}");
    assert!(!err.contains("damaged"), "{err}");

    let o = d.cancu(&["index"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = d.cancu(&["search", "quân sự"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("1 document(s) match"), "{}", stdout(&o));
}
