//! The built-in reference data, read from `data/*.toml` when cancu is built
//! and written as JSON into `OUT_DIR`, where `src/` includes it. The TOML
//! files stay the source; a process reads the JSON, which parses in a
//! fraction of the time (a search that names a province or an instrument
//! loads this data on every run). The contents are the same: the library's
//! tests read each file both ways and compare what they get.
//!
//! On Linux it also links the `cancu` binary at a fixed address (`-no-pie`).
//! A position-independent binary has 37,000 relocations applied at every
//! start, each page of them copied: about 2 of the 7 ms of a whole search
//! process on a small index. The shared libraries, stack and heap are still
//! placed at random. Set `CANCU_PIE=1` when building to keep the default.

use std::path::{Path, PathBuf};
use std::{env, fs};

/// Each JSON file and the TOML files it is made of, read as one text.
const FILES: &[(&str, &[&str])] = &[
    ("catalog.json", &["data/catalog.toml"]),
    ("laws.json", &["data/laws.toml"]),
    ("provinces.json", &["data/provinces.toml", "data/units.toml"]),
    ("organisations.json", &["data/organisations.toml"]),
];

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    for (json, sources) in FILES {
        let mut text = String::new();
        for s in *sources {
            println!("cargo:rerun-if-changed={s}");
            let part = fs::read_to_string(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            text.push_str(&part);
            text.push('\n');
        }
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", sources.join(" + ")));
        if let Some(path) = datetime_in(&value) {
            panic!(
                "{}: {path} is a TOML date; write dates as strings (\"2024-01-31\")",
                sources.join(" + ")
            );
        }
        let json_text = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{json}: {e}"));
        write_if_changed(&out.join(json), &json_text);
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CANCU_PIE");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux && env::var_os("CANCU_PIE").is_none_or(|v| v.is_empty() || v == "0") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// The first TOML date or time in `v`, which has no JSON form the library
/// would read back as it reads it from TOML.
fn datetime_in(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::Datetime(_) => Some(String::from("value")),
        toml::Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, x)| datetime_in(x).map(|p| format!("[{i}].{p}"))),
        toml::Value::Table(t) => t.iter().find_map(|(k, x)| datetime_in(x).map(|p| format!("{k}.{p}"))),
        _ => None,
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
