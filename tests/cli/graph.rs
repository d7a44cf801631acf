//! `cancu graph` on the seeds and on agreements written for the test.

use serde_json::Value;

use crate::util::{ndjson, root, seeded, stderr, stdout, Dir};

fn query(d: &Dir, args: &[&str]) -> Vec<Value> {
    let mut argv = vec!["graph"];
    argv.extend_from_slice(args);
    argv.push("--json");
    let o = d.cancu(&argv);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    ndjson(&o)
}

fn labels(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["label"].as_str().unwrap().trim_start_matches("corpus/").to_string())
        .collect()
}

/// `relation→to` for each step of a hit's path.
fn steps(hit: &Value) -> Vec<String> {
    hit["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}→{}", s["relation"].as_str().unwrap(), s["to"].as_str().unwrap()))
        .collect()
}

#[test]
fn every_seed_implements_directive_11() {
    let d = seeded(&[]);
    let hits = query(&d, &["implements", "11-CT/TW"]);
    assert_eq!(
        labels(&hits),
        [
            "001_90fff97920079c35.txt",
            "002_2d9da3428af69006.txt",
            "003_798d9b088e52fc0e.txt",
            "004_f7e41c7e93cfee71.txt",
            "000_3e04f7b4aea0b5e4.txt"
        ]
    );
    let by = |name: &str| {
        hits.iter()
            .find(|h| h["label"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    assert_eq!(
        steps(by("000_3e04f7b4aea0b5e4.txt")),
        ["IMPLEMENTS→31-CT/TU", "IMPLEMENTS→49-KL/TW", "IMPLEMENTS→11-CT/TW"]
    );
    assert_eq!(
        steps(by("004_f7e41c7e93cfee71.txt")),
        ["BASED_ON→49-KL/TW", "IMPLEMENTS→11-CT/TW"]
    );
    assert_eq!(steps(by("002_2d9da3428af69006.txt")), ["CITES→11-CT/TW"]);
    // The evidence points at the text that says it.
    let first = &by("000_3e04f7b4aea0b5e4.txt")["path"][0]["evidence"];
    assert_eq!(first["cue"], "parent");
    let [s, e] = [
        first["span"][0].as_u64().unwrap() as usize,
        first["span"][1].as_u64().unwrap() as usize,
    ];
    let text: Vec<char> = std::fs::read_to_string(root().join("corpus/000_3e04f7b4aea0b5e4.txt"))
        .unwrap()
        .chars()
        .collect();
    assert_eq!(text[s..e].iter().collect::<String>(), "Chỉ thị số 31-CT/TU");
    // With a shorter reach, only the direct ones.
    assert_eq!(query(&d, &["implements", "11-CT/TW", "--depth", "1"]).len(), 3);
    assert!(
        stderr(&d.cancu(&["graph", "stats"])).is_empty(),
        "built once, then loaded"
    );
}

#[test]
fn ids_in_any_spelling_and_aliases() {
    let d = seeded(&[]);
    assert_eq!(
        labels(&query(&d, &["implements", "31-ct/tu"])),
        ["000_3e04f7b4aea0b5e4.txt"]
    );
    assert_eq!(
        labels(&query(&d, &["implements", "324/QĐKHVN"])),
        ["004_f7e41c7e93cfee71.txt"]
    );
    assert_eq!(
        labels(&query(&d, &["implements", "02/CTr - BGDÐT-HKHVN"])),
        ["004_f7e41c7e93cfee71.txt"]
    );
    let o = d.cancu(&["graph", "implements", "9999/QĐ-TTg"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no document or instrument 9999/QĐ-TTg"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn basis_reaches_the_national_directives() {
    let d = seeded(&[]);
    let hits = query(&d, &["basis", "000_3e04f7b4aea0b5e4.txt"]);
    let got: Vec<(String, u64)> = hits
        .iter()
        .map(|h| (h["label"].as_str().unwrap().to_string(), h["depth"].as_u64().unwrap()))
        .collect();
    let want = [
        ("893/CV-DV", 1),
        ("31-CT/TU", 1),
        ("685/KH-UBND", 1),
        ("769/KH-UBND", 1),
        ("853/KH-UBND", 1),
        ("869/QĐ-UBND", 1),
        ("895/QĐ.UB.TC", 1),
        ("1373/QĐ-TTg", 2),
        ("387/QĐ-TTg", 2),
        ("49-KL/TW", 2),
        ("677/QĐ-TTg", 2),
        ("11-CT/TW", 3),
    ];
    let want: Vec<(String, u64)> = want.iter().map(|(l, d)| (l.to_string(), *d)).collect();
    assert_eq!(got, want);
}

#[test]
fn missing_orphans_path_and_stats_on_the_seeds() {
    let d = seeded(&[]);
    let missing = query(&d, &["missing"]);
    let top: Vec<(String, u64)> = missing
        .iter()
        .take(4)
        .map(|m| {
            (
                m["instrument"].as_str().unwrap().to_string(),
                m["cited_by"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("11-CT/TW".to_string(), 5),
            ("1373/QĐ-TTg".into(), 3),
            ("387/QĐ-TTg".into(), 3),
            ("677/QĐ-TTg".into(), 3)
        ]
    );
    assert!(
        query(&d, &["orphans"]).is_empty(),
        "every seed agreement states its parent"
    );
    let path = query(&d, &["path", "004_f7e41c7e93cfee71.txt", "11-CT/TW"]);
    let chain: Vec<String> = path
        .iter()
        .map(|s| {
            format!(
                "{} {} {}",
                s["from"].as_str().unwrap(),
                s["relation"].as_str().unwrap(),
                s["to"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        chain,
        [
            "corpus/004_f7e41c7e93cfee71.txt BASED_ON 49-KL/TW",
            "49-KL/TW IMPLEMENTS 11-CT/TW"
        ]
    );
    let stats_edges = &query(&d, &["stats"])[0]["edges"];
    assert!(
        stats_edges["ISSUED"].as_u64().unwrap() > 0,
        "issuers issued what they issued"
    );
    let stats = &query(&d, &["stats"])[0];
    assert_eq!(stats["nodes"]["document"], 5);
    assert_eq!(stats["nodes"]["person"], 8);
    assert_eq!(stats["documents_by_province"]["Bến Tre"], 2);
}

const DISTRICT: &str = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 15/CTrPH-PGDĐT-HKH\n\nGia Nghĩa, ngày 2 tháng 10 năm 2024\n\n\
CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Phòng Giáo dục và Đào tạo và Hội Khuyến học thành phố Gia Nghĩa giai đoạn 2024-2030\n\n\
Căn cứ Chương trình phối hợp số 1748/CTrPH-SGDĐT-HKH ngày 13/9/2024 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông;\n\n\
I. NỘI DUNG\n\n1. Phối hợp.\n";

const NO_PARENT: &str =
    "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học và Hội Nông dân tỉnh Lào Cai giai đoạn 2024-2030\n\n\
I. NỘI DUNG\n\n1. Phối hợp thực hiện Chỉ thị 31-CT/TU của Tỉnh ủy.\n";

#[test]
fn a_document_cited_by_number_is_one_node() {
    let d = seeded(&[("005_district.txt", DISTRICT)]);
    let hits = query(&d, &["implements", "02/CTr-BGDĐT-HKHVN"]);
    assert_eq!(labels(&hits), ["004_f7e41c7e93cfee71.txt", "005_district.txt"]);
    assert_eq!(
        steps(&hits[1]),
        [
            "IMPLEMENTS→corpus/004_f7e41c7e93cfee71.txt",
            "IMPLEMENTS→02/CTr-BGDĐT-HKHVN"
        ]
    );
    // The provincial programme is in the corpus, so it is not missing.
    let missing = query(&d, &["missing"]);
    assert!(missing.iter().all(|m| m["instrument"] != "1748/CTrPH-SGDĐT-HKH"));
}

#[test]
fn local_ids_of_several_provinces_ask_which() {
    let d = seeded(&[("006_laocai.txt", NO_PARENT)]);
    let o = d.cancu(&["graph", "implements", "31-CT/TU"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("several provinces (An Giang, Lào Cai)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        labels(&query(&d, &["implements", "31-CT/TU", "--province", "Lào Cai"])),
        ["006_laocai.txt"]
    );
    assert_eq!(labels(&query(&d, &["orphans"])), ["006_laocai.txt"]);
}

#[test]
fn the_graph_file_is_versioned_and_deterministic() {
    let d = seeded(&[("005_district.txt", DISTRICT)]);
    let a = d.cancu(&["graph", "build", "--index", "one", "corpus"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(stdout(&a).contains("graph of the index in one: "), "{}", stdout(&a));
    assert!(d
        .cancu(&["graph", "build", "--index", "two", "corpus"])
        .status
        .success());
    let file = |i: &str| crate::util::generation_file(&d.path().join(i), "graph.json");
    let (one, two) = (std::fs::read(file("one")).unwrap(), std::fs::read(file("two")).unwrap());
    assert_eq!(one, two);
    let v: Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["format_version"], 1);
    std::fs::write(file("one"), "{\"format_version\": 99, \"nodes\": [], \"edges\": []}").unwrap();
    let o = d.cancu(&["graph", "stats", "--index", "one"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("graph format version 99"), "{}", stderr(&o));
}
