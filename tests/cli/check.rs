//! `cancu check` on the seeds and on agreements written for the test
//! (`tests/data/check/`), in every format: JSON against its schema
//! (`data/check-report.schema.json`), SARIF against the SARIF 2.1.0 schema
//! (`tests/data/sarif/`), JUnit read by junitparser and xmllint.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::util::{root, seeded, stderr, stdout, Dir};

/// The test documents, under the names they get in the corpus.
const NEGATIVE: &[(&str, &str)] = &[
    ("010_pm_only.txt", "education_pm_only.txt"),
    ("011_no_parent.txt", "district_no_parent.txt"),
    ("012_beyond.txt", "district_beyond_parent.txt"),
    ("013_late.txt", "citation_after.txt"),
    ("014_by_name.txt", "parent_by_name.txt"),
    ("015_district_ok.txt", "district_ok.txt"),
];

fn test_doc(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/data/check").join(name)).expect("test document")
}

/// The seeds and the test documents in `corpus/`.
fn corpus() -> Dir {
    let texts: Vec<(String, String)> = NEGATIVE
        .iter()
        .map(|(name, file)| (name.to_string(), test_doc(file)))
        .collect();
    let extra: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    seeded(&extra)
}

fn json_report(d: &Dir, args: &[&str]) -> (Output, Value) {
    let mut argv = vec!["check", "--format", "json"];
    argv.extend_from_slice(args);
    let o = d.cancu(&argv);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(&o)));
    (o, v)
}

fn doc<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no document {name}"))
}

/// `rule status` of each outcome.
fn outcomes(d: &Value) -> Vec<String> {
    d["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| format!("{} {}", o["rule"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect()
}

fn outcome<'a>(d: &'a Value, rule: &str) -> &'a Value {
    d["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["rule"] == rule)
        .unwrap_or_else(|| panic!("no outcome {rule} in {d}"))
}

/// Whether a reader is installed; in CI it must be (`.ci/run` installs them).
fn have(cmd: &str, args: &[&str]) -> bool {
    let ok = Command::new(cmd).args(args).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "{cmd} {args:?} must work in CI");
        eprintln!("{cmd} {args:?} failed: that check is skipped");
    }
    ok
}

fn python(script: &str, args: &[&Path]) -> Value {
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3");
    assert!(
        o.status.success(),
        "python: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_seed_agreements_pass_with_the_rules_that_applied() {
    let d = seeded(&[]);
    let (o, r) = json_report(&d, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let want: &[(&str, &str, &[&str])] = &[
        (
            "000_3e04f7b4aea0b5e4.txt",
            "pass",
            &["army-command-893 pass", "directive-11 pass", "parties-signed pass"],
        ),
        (
            "001_90fff97920079c35.txt",
            "pass",
            &[
                "youth-union-40 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "parties-signed pass",
            ],
        ),
        ("002_2d9da3428af69006.txt", "not_applicable", &[]),
        (
            "003_798d9b088e52fc0e.txt",
            "pass",
            &[
                "education-681 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
        ),
        (
            "004_f7e41c7e93cfee71.txt",
            "pass",
            &[
                "education-02 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
        ),
    ];
    assert_eq!(r["documents"].as_array().unwrap().len(), want.len());
    for (name, status, rules) in want {
        let x = doc(&r, name);
        assert_eq!(x["status"], *status, "{name}");
        assert_eq!(outcomes(x), *rules, "{name}");
    }
    // The passing citation is shown where it is.
    let cited = &outcome(doc(&r, "003_798d9b088e52fc0e.txt"), "education-681")["evidence"][0]["location"];
    assert_eq!(cited["text"], "Chương trình phối hợp số 681/CTr-BGDĐT-HKHVN");
    assert_eq!(cited["line"], 12);
    // Not even a warning on the seeds.
    let o = d.cancu(&["check", "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains(
        "5 documents: 4 pass, 0 fail, 1 not applicable, 0 skipped; 0 error finding(s), 0 warning finding(s)"
    ));
}

#[test]
fn negative_cases_fail_with_the_right_finding() {
    let d = corpus();
    let (o, r) = json_report(&d, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(r["summary"]["fail"], 2);

    // A provincial agreement for 2024-2030 citing only the Prime Minister's decisions.
    let x = doc(&r, "010_pm_only.txt");
    assert_eq!(x["status"], "fail");
    let f = outcome(x, "education-02");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["expected"], "cites 02/CTr-BGDĐT-HKHVN directly");
    assert_eq!(
        f["found"],
        "cites none of them; its preamble cites 1373/QĐ-TTg, 387/QĐ-TTg, 677/QĐ-TTg"
    );
    let at = &f["evidence"][0]["location"];
    assert_eq!((at["line"].as_u64(), at["column"].as_u64()), (Some(9), Some(6)));
    assert!(at["excerpt"]
        .as_str()
        .unwrap()
        .starts_with("Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Bình Phước"));
    assert_eq!(outcome(x, "directive-11")["status"], "pass");

    // A district agreement that does not cite its provincial programme.
    let x = doc(&r, "011_no_parent.txt");
    assert_eq!(x["status"], "fail");
    assert_eq!(x["level"], "district");
    let f = outcome(x, "inferred-parent");
    assert_eq!(f["status"], "fail");
    assert!(f["expected"]
        .as_str()
        .unwrap()
        .ends_with("1748/CTrPH-SGDĐT-HKH (corpus/004_f7e41c7e93cfee71.txt, 2024-2030)"));
    // ... and the one that does.
    let x = doc(&r, "015_district_ok.txt");
    assert_eq!(x["status"], "pass");
    assert_eq!(outcome(x, "inferred-parent")["status"], "pass");

    // A period beyond the parent's, a citation dated after: warnings.
    for (name, rule, found) in [
        (
            "012_beyond.txt",
            "period-within-parent",
            "the agreement's period 2024-2035 goes beyond its parent's 2024-2030",
        ),
        (
            "013_late.txt",
            "citation-dates",
            "cites 02/CTr-BGDĐT-HKHVN dated 2024-05-10",
        ),
    ] {
        let x = doc(&r, name);
        assert_eq!(x["status"], "pass", "{name}: warnings do not fail by default");
        let f = outcome(x, rule);
        assert_eq!(
            (f["status"].as_str(), f["severity"].as_str()),
            (Some("fail"), Some("warning"))
        );
        assert_eq!(f["found"], found);
    }
    let late = &outcome(doc(&r, "013_late.txt"), "citation-dates")["evidence"][0]["location"];
    assert_eq!(late["text"], "Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN");
    let (o, r) = json_report(&d, &["--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(r["fail_on"], "warning");
    assert_eq!(doc(&r, "012_beyond.txt")["status"], "fail");
    assert_eq!(doc(&r, "013_late.txt")["status"], "fail");
    assert_eq!(r["summary"]["fail"], 4);

    // A parent cited only by name: accepted by default, not by a stricter file.
    assert_eq!(doc(&r, "014_by_name.txt")["status"], "pass");
    let strict = root().join("tests/data/check/strict.toml");
    let (_, r) = json_report(&d, &["--rules", strict.to_str().unwrap()]);
    let x = doc(&r, "014_by_name.txt");
    assert_eq!(x["status"], "fail");
    let f = outcome(x, "education-02");
    assert_eq!(f["expected"], "cites 02/CTr-BGDĐT-HKHVN directly, by number");
    assert!(f["found"]
        .as_str()
        .unwrap()
        .starts_with("cites 02/CTr-BGDĐT-HKHVN by its title only"));
    assert_eq!(f["evidence"][0]["location"]["line"], 13, "the mention by name: {f}");
}

#[test]
fn text_report_names_rule_expected_found_and_place() {
    let d = corpus();
    let o = d.cancu(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for want in [
        "corpus/010_pm_only.txt  FAIL  (agreement · 412/CTrPH-SGDĐT-HKH · provincial · education + khuyen-hoc · Bình Phước · 2024-2030)",
        "  error    education-02\n           expected: cites 02/CTr-BGDĐT-HKHVN directly\n",
        "           at:       corpus/010_pm_only.txt:9:6 (title)  Giữa Sở Giáo dục và Đào tạo",
        "corpus/002_2d9da3428af69006.txt  NOT APPLICABLE",
        "  a news report: not judged as an agreement",
        "  pass     education-681: cites 681/CTr-BGDĐT-HKHVN (number and symbol, in the preamble)  [line 12]",
        "  warning  citation-dates",
        "11 documents: 8 pass, 2 fail, 1 not applicable, 0 skipped; 2 error finding(s), 2 warning finding(s) (failing on error)",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn json_follows_its_schema() {
    let d = corpus();
    d.write("corpus/016_empty.txt", "");
    let o = d.cancu(&["check", "--format", "json", "-o", "report.json"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unreadable file makes the check incomplete"
    );
    assert!(stdout(&o).is_empty());
    let r: Value = serde_json::from_slice(&std::fs::read(d.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(r["version"], 1);
    assert_eq!(r["skipped"][0]["path"], "corpus/016_empty.txt");
    assert_eq!(r["summary"]["skipped"], 1);
    if have("python3", &["-c", "import jsonschema"]) {
        let v = python(
            r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
print(json.dumps(errors))
"#,
            &[
                &root().join("data/check-report.schema.json"),
                &d.path().join("report.json"),
            ],
        );
        assert_eq!(v, serde_json::json!([]));
    }
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let d = corpus();
    d.write("corpus/016_empty.txt", "");
    let o = d.cancu(&[
        "check",
        "--format",
        "sarif",
        "-o",
        "cancu.sarif",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&std::fs::read(d.path().join("cancu.sarif")).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let run = &s["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "cancu");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    // Two errors and two warnings, each pointing at its rule and its text.
    let got: Vec<(String, String, String)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let want = [
        ("education-02", "error", "corpus/010_pm_only.txt"),
        ("inferred-parent", "error", "corpus/011_no_parent.txt"),
        ("period-within-parent", "warning", "corpus/012_beyond.txt"),
        ("citation-dates", "warning", "corpus/013_late.txt"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i], r["ruleId"].as_str().unwrap());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{r}");
        assert!(!region["snippet"]["text"].as_str().unwrap().is_empty());
    }
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(9), Some(6))
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("016_empty.txt"));
    // What the judgement could not see: no provincial agreement covers 2024-2035.
    assert_eq!(notes[1]["level"], "note");
    assert!(notes[1]["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("corpus/012_beyond.txt: inferred-parent not judged"));
    assert_eq!(
        run["invocations"][0]["properties"]["judged"],
        serde_json::json!({"documents": 11, "scope": "index", "index": "index"})
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    if have("python3", &["-c", "import jsonschema"]) {
        let v = python(
            r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
print(json.dumps(errors))
"#,
            &[
                &root().join("tests/data/sarif/sarif-schema-2.1.0.json"),
                &d.path().join("cancu.sarif"),
            ],
        );
        assert_eq!(v, serde_json::json!([]));
    }
}

#[test]
fn junit_reads_in_a_standard_parser() {
    let d = corpus();
    d.write("corpus/016_empty.txt", "");
    let o = d.cancu(&["check", "--format", "junit", "-o", "cancu.xml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let xml = std::fs::read_to_string(d.path().join("cancu.xml")).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cancu check\""));
    if have("xmllint", &["--version"]) {
        let o = Command::new("xmllint")
            .args(["--noout", "cancu.xml"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "xmllint: {}", String::from_utf8_lossy(&o.stderr));
    }
    if have("python3", &["-c", "import junitparser"]) {
        let v = python(
            r#"
import json, sys
from junitparser import JUnitXml, Failure, Skipped, Error
xml = JUnitXml.fromfile(sys.argv[1])
cases, counts = [], {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
for suite in xml:
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        cases.append([suite.name, case.name, kinds])
        counts["tests"] += 1
        counts["failures"] += any(isinstance(r, Failure) for r in case.result)
        counts["skipped"] += any(isinstance(r, Skipped) for r in case.result)
        counts["errors"] += any(isinstance(r, Error) for r in case.result)
stated = {k: int(xml._elem.get(k)) for k in counts}
messages = [r.message for s in xml for c in s for r in c.result if isinstance(r, Failure)]
print(json.dumps({"counts": counts, "stated": stated, "cases": cases, "messages": messages}))
"#,
            &[&d.path().join("cancu.xml")],
        );
        assert_eq!(v["counts"], v["stated"], "the totals match the cases");
        assert_eq!(v["counts"]["failures"], 2);
        assert_eq!(v["counts"]["skipped"], 1, "the news report");
        assert_eq!(v["counts"]["errors"], 1, "the empty file");
        let case = |suite: &str, name: &str| {
            v["cases"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c[0] == suite && c[1] == name)
                .unwrap_or_else(|| panic!("no case {suite} {name}"))[2]
                .clone()
        };
        assert_eq!(
            case("corpus/010_pm_only.txt", "education-02"),
            serde_json::json!(["Failure"])
        );
        assert_eq!(case("corpus/010_pm_only.txt", "directive-11"), serde_json::json!([]));
        assert_eq!(case("corpus/013_late.txt", "citation-dates"), serde_json::json!([]));
        assert_eq!(
            case("corpus/002_2d9da3428af69006.txt", "not applicable"),
            serde_json::json!(["Skipped"])
        );
        assert_eq!(case("corpus/016_empty.txt", "read"), serde_json::json!(["Error"]));
        assert!(v["messages"][0]
            .as_str()
            .unwrap()
            .contains("its preamble cites 1373/QĐ-TTg"));
    }
}

#[test]
fn every_format_is_deterministic() {
    let d = corpus();
    for f in ["text", "json", "junit", "sarif"] {
        let a = d.cancu(&["check", "--format", f]);
        let b = d.cancu(&["check", "--format", f, "corpus"]);
        assert_eq!(a.stdout, d.cancu(&["check", "--format", f]).stdout, "{f}");
        assert_eq!(b.stdout, d.cancu(&["check", "--format", f, "corpus"]).stdout, "{f}");
        // The index and the same files judge alike; only what was judged is said differently.
        let same = |o: &Output| -> Value {
            let text = stdout(o)
                .replace("judged against 11 document(s): the index in index", "JUDGED")
                .replace("judged against 11 document(s): the given paths", "JUDGED");
            match serde_json::from_str::<Value>(&text) {
                Ok(mut v) => {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("judged");
                    }
                    if let Some(p) = v.pointer_mut("/runs/0/invocations/0/properties") {
                        *p = Value::Null;
                    }
                    v
                }
                Err(_) => Value::String(text),
            }
        };
        assert_eq!(same(&a), same(&b), "{f}");
        assert_ne!(a.stdout, b.stdout, "{f}: the scope is said");
        assert!(!a.stdout.is_empty());
    }
}

/// A Sở's plan carrying out the national programme 02/CTr-BGDĐT-HKHVN (its
/// title names the ministry and Hội Khuyến học Việt Nam).
const PROVINCIAL_PLAN: &str = "UBND TỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 1520/KH-SGDĐT\n\n\
Quảng Ngãi, ngày 12 tháng 7 năm 2024\n\n\
KẾ HOẠCH\nTriển khai thực hiện Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN ngày 10/5/2024 giữa Bộ Giáo dục và \
Đào tạo và Hội Khuyến học Việt Nam về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn \
2024-2030\n\n\
Căn cứ Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN ngày 10/5/2024 giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học \
Việt Nam về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2024-2030;\n\n\
Sở Giáo dục và Đào tạo xây dựng Kế hoạch triển khai thực hiện trên địa bàn tỉnh như sau:\n\n\
I. MỤC ĐÍCH, YÊU CẦU\n\n1. Phối hợp chặt chẽ với Hội Khuyến học tỉnh.\n\n\
KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn Long\n";

/// A national "agreement" read with low confidence: its own number carries
/// a plan's code.
const DOUBTFUL_NATIONAL: &str = "BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 77/KH-BGDĐT\n\nHà Nội, ngày 3 tháng 6 năm 2024\n\n\
CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam giai đoạn 2024-2030\n\n\
Căn cứ Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư;\n\n\
I. NỘI DUNG\n\n1. Phối hợp.\n";

#[test]
fn a_plan_or_a_doubtful_reading_is_no_expected_parent() {
    let d = seeded(&[("020_plan.txt", PROVINCIAL_PLAN)]);
    let (o, r) = json_report(&d, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let plan = doc(&r, "020_plan.txt");
    assert_eq!(plan["kind"], "plan");
    assert_eq!(plan["status"], "not_applicable");
    assert!(outcomes(doc(&r, "004_f7e41c7e93cfee71.txt"))
        .iter()
        .all(|x| !x.starts_with("inferred-parent")));

    // Read as an agreement, but with a plan's number: left out, and said so.
    let d = seeded(&[("021_national.txt", DOUBTFUL_NATIONAL)]);
    let (o, r) = json_report(&d, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let x = doc(&r, "004_f7e41c7e93cfee71.txt");
    assert!(outcomes(x).iter().all(|x| !x.starts_with("inferred-parent")), "{x}");
    let note = x["notes"][0].as_str().unwrap();
    assert!(
        note.starts_with("inferred-parent not judged: the only national agreement between education and khuyen-hoc whose period covers 2024-2030: 77/KH-BGDĐT (corpus/021_national.txt) was read with low confidence"),
        "{note}"
    );
}

#[test]
fn an_expectation_names_the_document_it_came_from() {
    let d = corpus();
    let (_, r) = json_report(&d, &[]);
    let f = outcome(doc(&r, "011_no_parent.txt"), "inferred-parent");
    assert_eq!(
        f["expected_from"],
        serde_json::json!(["corpus/004_f7e41c7e93cfee71.txt"])
    );
    let f = outcome(doc(&r, "012_beyond.txt"), "period-within-parent");
    assert_eq!(
        f["expected_from"],
        serde_json::json!(["corpus/004_f7e41c7e93cfee71.txt"])
    );
    let text = stdout(&d.cancu(&["check"]));
    assert!(
        text.contains("  error    inferred-parent\n           expected: cites the provincial agreement between education and khuyen-hoc whose period covers 2024-2030: 1748/CTrPH-SGDĐT-HKH (corpus/004_f7e41c7e93cfee71.txt, 2024-2030)\n           found:    "),
        "{text}"
    );
    assert!(text.contains("           from:     corpus/004_f7e41c7e93cfee71.txt (where the expectation comes from)\n"));
    let junit = stdout(&d.cancu(&["check", "--format", "junit"]));
    assert!(
        junit.contains("expected from: corpus/004_f7e41c7e93cfee71.txt"),
        "{junit}"
    );
    let sarif: Value = serde_json::from_slice(&d.cancu(&["check", "--format", "sarif"]).stdout).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["ruleId"] == "inferred-parent")
        .unwrap();
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "corpus/004_f7e41c7e93cfee71.txt"
    );
    assert_eq!(
        result["properties"]["expectedFrom"],
        serde_json::json!(["corpus/004_f7e41c7e93cfee71.txt"])
    );
}

#[test]
fn paths_and_the_index_say_what_they_judged_and_what_was_not_there() {
    let d = corpus();
    // The index holds the provincial programme: the district agreement fails.
    let (_, r) = json_report(&d, &[]);
    assert_eq!(
        r["judged"],
        serde_json::json!({"documents": 11, "scope": "index", "index": "index"})
    );
    assert_eq!(
        outcome(doc(&r, "011_no_parent.txt"), "inferred-parent")["status"],
        "fail"
    );
    // Alone, it cannot be judged against its parent, and the report says why.
    let (o, r) = json_report(&d, &["corpus/011_no_parent.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        r["judged"],
        serde_json::json!({"documents": 1, "scope": "paths", "index": null})
    );
    let x = doc(&r, "011_no_parent.txt");
    assert_eq!(
        x["notes"],
        serde_json::json!([
            "inferred-parent not judged: no provincial agreement between education and khuyen-hoc whose period covers 2024-2030 in Đắk Nông among the 1 document(s) judged"
        ])
    );
    let text = stdout(&d.cancu(&["check", "corpus/011_no_parent.txt"]));
    assert!(
        text.contains("\n  note: inferred-parent not judged: no provincial agreement"),
        "{text}"
    );
    assert!(
        text.contains("\njudged against 1 document(s): the given paths\n"),
        "{text}"
    );
    let text = stdout(&d.cancu(&["check"]));
    assert!(
        text.contains("\njudged against 11 document(s): the index in index\n"),
        "{text}"
    );
    // A district agreement whose parent is not judged: the period cannot be
    // checked, and a failing chain says its parent was not there.
    let (_, r) = json_report(&d, &["corpus/012_beyond.txt"]);
    let x = doc(&r, "012_beyond.txt");
    assert!(
        outcomes(x).iter().all(|o| !o.starts_with("period-within-parent")),
        "{x}"
    );
    assert!(
        x["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().starts_with(
                "period-within-parent not judged: the period of its parent 1748/CTrPH-SGDĐT-HKH is not known"
            )),
        "{x}"
    );
}

#[test]
fn exit_statuses_paths_rules_and_help() {
    let d = corpus();
    // Paths given: only those are judged (and the parent is inferred only
    // from what is read).
    let (o, r) = json_report(&d, &["corpus/011_no_parent.txt", "corpus/004_f7e41c7e93cfee71.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(r["summary"]["documents"], 2);
    let (o, r) = json_report(&d, &["corpus/011_no_parent.txt"]);
    assert_eq!(o.status.code(), Some(0), "no provincial agreement read, none inferred");
    assert!(outcomes(doc(&r, "011_no_parent.txt"))
        .iter()
        .all(|x| !x.starts_with("inferred")));

    // Rule files: replaced, switched off, or alone.
    d.write(
        "quiet.toml",
        "version = 1\n[checks]\ninferred-parent = { enabled = false }\n[[rule]]\nid = \"education-02\"\ndescription = \"off\"\nseverity = \"error\"\nenabled = false\nrequires = { cites_any = [\"x\"] }\n",
    );
    let o = d.cancu(&["check", "--rules", "quiet.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = d.cancu(&["check", "--no-default-rules", "--rules", "quiet.toml", "--list-rules"]);
    assert_eq!(o.status.code(), Some(0));
    let listed: Vec<String> = stdout(&o)
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        [
            "period-within-parent",
            "citation-dates",
            "parties-signed",
            "number-format"
        ]
    );
    let o = d.cancu(&["check", "--list-rules"]);
    assert!(stdout(&o).contains("error    education-02"), "{}", stdout(&o));

    // Usage and input errors: 2, with the reason.
    d.write("bad.toml", "version = 1\n[[rule]]\nid = \"x\"\n");
    for (args, want) in [
        (vec!["check", "--rules", "bad.toml"], "bad.toml"),
        (vec!["check", "--rules", "nowhere.toml"], "nowhere.toml"),
        (vec!["check", "--format", "xml"], "xml"),
        (vec!["check", "--fail-on", "info"], "info"),
        (vec!["check", "no-such-folder"], "no-such-folder"),
    ] {
        let o = d.cancu(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    let o = d.cancu(&["check", "corpus/010_pm_only.txt", "-o", "out/nowhere/r.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("out/nowhere/r.txt"), "{}", stderr(&o));

    // The help teaches.
    let o = d.cancu(&["check", "--help"]);
    let help = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Examples:",
        "cancu check --format sarif",
        "Exit status: 0 when no document fails",
        "inferred-parent",
        "not applicable",
    ] {
        assert!(help.contains(want), "help lacks {want:?}");
    }
}

#[test]
fn without_paths_the_index_is_judged_as_it_stands() {
    // An index of another folder: check judges what it holds and writes nothing.
    let d = Dir::new();
    for (name, file) in NEGATIVE.iter().take(2) {
        d.write(&format!("agreements/{name}"), test_doc(file));
    }
    let o = d.cancu(&["index", "agreements"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (o, r) = json_report(&d, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["agreements/010_pm_only.txt", "agreements/011_no_parent.txt"]);
    assert!(outcomes(doc(&r, "010_pm_only.txt")).contains(&"education-02 fail".to_string()));
    // A document added since is judged once `cancu index` has read it.
    d.write("agreements/015_district_ok.txt", test_doc("district_ok.txt"));
    let (_, r) = json_report(&d, &[]);
    assert_eq!(r["documents"].as_array().unwrap().len(), 2);
    let o = d.cancu(&["index"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, r) = json_report(&d, &[]);
    assert_eq!(r["documents"].as_array().unwrap().len(), 3);
    let m: Value = serde_json::from_slice(
        &std::fs::read(crate::util::generation_file(&d.path().join("index"), "manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(m["counts"]["documents"], 3);
    assert_eq!(m["roots"][0]["name"], "agreements");
}
