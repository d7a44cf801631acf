//! A small harness: a temporary folder, files written into it, and the
//! `cancu` binary run on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder that lives as long as the value.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Write a file (folders created as needed) and return its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// `cancu ARGS` run in this folder.
    pub fn cancu(&self, args: &[&str]) -> Output {
        cancu_in(self.path(), args)
    }
}

/// The repository's root (where `corpus/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cancu ARGS` run in `dir`.
pub fn cancu_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cancu"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run cancu")
}

/// `cancu ARGS` run in `dir` with its standard output a pipe whose reader
/// has already gone (as after `| head -1`): its first write fails.
pub fn cancu_into_closed_pipe(dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_cancu"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run cancu")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parse NDJSON output.
pub fn ndjson(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// A folder with a copy of the built-in corpus in `corpus/`, and extra
/// documents written for the test.
pub fn seeded(extra: &[(&str, &str)]) -> Dir {
    let d = Dir::new();
    std::fs::create_dir_all(d.path().join("corpus")).expect("create folder");
    for f in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let p = f.expect("entry").path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, d.path().join("corpus").join(p.file_name().expect("name"))).expect("copy");
        }
    }
    for (name, text) in extra {
        d.write(&format!("corpus/{name}"), text);
    }
    d
}

/// An extraction without what depends on how the file was read: path,
/// format, encoding, diagnostics, and every span.
pub fn facts(v: &serde_json::Value) -> serde_json::Value {
    let mut v = v.clone();
    let o = v.as_object_mut().expect("object");
    for k in ["path", "encoding", "format", "diagnostics", "spans"] {
        o.remove(k);
    }
    for list in ["citations", "parties", "signatories"] {
        for item in o[list].as_array_mut().expect("list") {
            let item = item.as_object_mut().expect("object");
            item.remove("mentions");
            item.remove("span");
        }
    }
    v
}

/// A file of the generation an index folder stands at (`gen-N/NAME`, N
/// as the commit of its tantivy index names it).
pub fn generation_file(index: &Path, name: &str) -> PathBuf {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("search/meta.json")).expect("meta.json")).expect("meta JSON");
    let payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().expect("a payload")).expect("payload JSON");
    let n = payload["generation"].as_u64().expect("a generation");
    index.join(format!("gen-{n}")).join(name)
}

/// Headless Chromium loads `url` with a fresh profile, runs its scripts
/// for `budget_ms` of virtual time and prints the DOM (stdout) and its
/// console (stderr, with `--enable-logging`).
pub fn chromium_dom(url: &str, budget_ms: u32, extra: &[&str]) -> Output {
    let profile = tempfile::tempdir().expect("profile folder");
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .args(extra)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("run chromium")
}
