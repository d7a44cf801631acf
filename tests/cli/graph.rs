//! `cancu graph` on the seeds and on agreements written for the test.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::gencorpus::generator;
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
            "000_3e04f7b4aea0b5e4.txt",
            "001_90fff97920079c35.txt",
            "002_2d9da3428af69006.txt",
            "003_798d9b088e52fc0e.txt",
            "004_f7e41c7e93cfee71.txt"
        ]
    );
    let by = |name: &str| {
        hits.iter()
            .find(|h| h["label"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    // 000 and 004 name it as what 49-KL/TW carries out: a mention, the
    // chain itself an edge between the instruments.
    assert_eq!(steps(by("000_3e04f7b4aea0b5e4.txt")), ["CITES→11-CT/TW"]);
    assert_eq!(steps(by("004_f7e41c7e93cfee71.txt")), ["CITES→11-CT/TW"]);
    assert_eq!(steps(by("002_2d9da3428af69006.txt")), ["CITES→11-CT/TW"]);
    // The evidence points at the text that says it.
    let first = &by("000_3e04f7b4aea0b5e4.txt")["path"][0]["evidence"];
    assert_eq!(first["cue"], "chain");
    let [s, e] = [
        first["span"][0].as_u64().unwrap() as usize,
        first["span"][1].as_u64().unwrap() as usize,
    ];
    let text: Vec<char> = std::fs::read_to_string(root().join("corpus/000_3e04f7b4aea0b5e4.txt"))
        .unwrap()
        .chars()
        .collect();
    assert_eq!(text[s..e].iter().collect::<String>(), "Chỉ thị số 11-CT/TW");
    // The chain the text states: 000 implements 31-CT/TU, which implements
    // 49-KL/TW, which implements 11-CT/TW.
    let basis = query(&d, &["basis", "000_3e04f7b4aea0b5e4.txt"]);
    let directive = basis.iter().find(|h| h["label"] == "11-CT/TW").unwrap();
    assert_eq!(
        steps(directive),
        ["IMPLEMENTS→31-CT/TU", "IMPLEMENTS→49-KL/TW", "IMPLEMENTS→11-CT/TW"]
    );
    // With a shorter reach, only the direct ones.
    assert_eq!(query(&d, &["implements", "11-CT/TW", "--depth", "1"]).len(), 5);
    assert_eq!(
        labels(&query(&d, &["implements", "49-KL/TW", "--depth", "1"])),
        ["000_3e04f7b4aea0b5e4.txt", "004_f7e41c7e93cfee71.txt"]
    );
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
    assert_eq!(chain, ["corpus/004_f7e41c7e93cfee71.txt CITES 11-CT/TW"]);
    let path = query(&d, &["path", "004_f7e41c7e93cfee71.txt", "1315/QĐ-TTg"]);
    assert_eq!(path.len(), 1, "004 cites 1315/QĐ-TTg itself: {path:?}");
    assert_eq!(path[0]["relation"], "BASED_ON");
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
    let file = |i: &str| crate::util::generation_file(&d.path().join(i), "graph.bin");
    let (one, two) = (std::fs::read(file("one")).unwrap(), std::fs::read(file("two")).unwrap());
    assert_eq!(one, two);
    assert!(one.starts_with(b"CANCUGRAPH"));
    // The graph as JSON, in the shape the index once stored it.
    let o = d.cancu(&["export", "--format", "graph-json", "--index", "one"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format_version"], 1);
    assert!(v["nodes"].as_array().is_some_and(|n| !n.is_empty()));
    assert!(v["edges"][0][2]["evidence"]["cue"].is_string(), "{}", v["edges"]);
    // Another version of the file: rebuild.
    let mut other = one.clone();
    other[10..14].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(file("one"), &other).unwrap();
    let o = d.cancu(&["graph", "stats", "--index", "one"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("graph format version 99"), "{}", stderr(&o));
    assert!(stderr(&o).contains("cancu index --rebuild"), "{}", stderr(&o));
    // A generation of the layout before (graph.json, no graph.bin): rebuild.
    std::fs::remove_file(file("one")).unwrap();
    std::fs::write(file("one").with_file_name("graph.json"), "{}").unwrap();
    for args in [
        &["graph", "stats", "--index", "one"][..],
        &["search", "--cites", "11-CT/TW", "--transitive", "--index", "one"],
    ] {
        let o = d.cancu(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("cancu index --rebuild"), "{args:?}: {}", stderr(&o));
    }
}

/// The graph of `corpus/` as node-link JSON: nodes by id, and the links.
fn exported(d: &Dir) -> (BTreeMap<String, Value>, Vec<Value>) {
    let o = d.cancu(&["graph", "build", "--index", "g", "corpus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = d.cancu(&["export", "--format", "json", "--index", "g"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("node-link JSON");
    let nodes = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_string(), n.clone()))
        .collect();
    (nodes, v["links"].as_array().unwrap().clone())
}

/// Every citation `cancu extract` reads is an edge from its document to
/// that instrument, of the kind its role says (the parent and `Thực hiện`
/// IMPLEMENTS, `Căn cứ` BASED_ON, the body CITES; an instrument named only
/// as the end of a chain the text states, CITES), and the document has no
/// other such edge.
fn citations_are_edges(d: &Dir) -> usize {
    let k = cancu::Knowledge::builtin().unwrap();
    let key = |id: &str| cancu::ident::key(&k.catalog.get(id).map_or_else(|| id.to_string(), |e| e.id.clone()));
    let o = d.cancu(&["extract", "--json", "corpus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let records = ndjson(&o);
    let (nodes, links) = exported(d);
    let mut from: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for l in &links {
        let relation = l["relation"].as_str().unwrap();
        if ["IMPLEMENTS", "BASED_ON", "CITES"].contains(&relation) {
            let target = &nodes[l["target"].as_str().unwrap()];
            let instrument = target["instrument"].as_str().map(key).unwrap_or_default();
            from.entry(l["source"].as_str().unwrap())
                .or_default()
                .push((relation, instrument));
        }
    }
    let mut checked = 0;
    for r in &records {
        let doc = format!("doc:{}", r["path"].as_str().unwrap());
        let edges = from.get(doc.as_str()).cloned().unwrap_or_default();
        let mut cited = BTreeSet::new();
        for c in r["citations"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            let role = if r["parent"] == c["id"] {
                "IMPLEMENTS"
            } else {
                match (c["role"].as_str(), c["cue"].as_str()) {
                    (Some("basis"), Some("thực hiện")) => "IMPLEMENTS",
                    (Some("basis"), _) => "BASED_ON",
                    _ => "CITES",
                }
            };
            // Named as the end of a chain the text states: a mention.
            let chained = r["citations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["implements"].as_array().is_some_and(|t| t.contains(&c["id"])));
            let found: Vec<&str> = edges.iter().filter(|(_, i)| *i == key(id)).map(|(k, _)| *k).collect();
            assert!(
                found.iter().any(|k| *k == role || (*k == "CITES" && chained)),
                "{doc}: {id} ({role}) is cited but the graph has {found:?}"
            );
            cited.insert(key(id));
            checked += 1;
        }
        for (kind, instrument) in &edges {
            assert!(
                cited.contains(instrument),
                "{doc}: {kind} {instrument} is cited nowhere"
            );
        }
    }
    checked
}

#[test]
fn every_citation_is_an_edge_from_its_document() {
    // The seeds: 004 cites 1373/QĐ-TTg and 1315/QĐ-TTg in its preamble
    // (and names them again as what two provincial plans carry out).
    let d = seeded(&[]);
    assert!(citations_are_edges(&d) > 40);
    let basis = query(&d, &["basis", "004_f7e41c7e93cfee71.txt", "--depth", "1"]);
    for id in ["1373/QĐ-TTg", "1315/QĐ-TTg"] {
        let hit = basis
            .iter()
            .find(|h| h["label"] == id)
            .unwrap_or_else(|| panic!("004 does not rest on {id}"));
        assert_eq!(steps(hit), [format!("BASED_ON→{id}")]);
    }
    // A generated corpus: every level, kind and citation shape.
    let d = Dir::new();
    for (name, text) in generator::generate(300, 11) {
        d.write(&format!("corpus/{name}"), text);
    }
    assert!(citations_are_edges(&d) > 1_000);
}

const PLAN_BEN_TRE: &str = "UBND TỈNH BẾN TRE\n\nSố: 120/KH-UBND\n\nBến Tre, ngày 5 tháng 3 năm 2024\n\n\
KẾ HOẠCH\nThực hiện Đề án xây dựng xã hội học tập trên địa bàn tỉnh giai đoạn 2024-2030\n\n\
Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ và Quyết định số 281/QĐ-TTg ngày 20/02/2014 của Thủ tướng Chính phủ;\n\n\
Căn cứ Kế hoạch số 45/KH-UBND ngày 10/01/2022 của Ủy ban nhân dân tỉnh;\n\n\
Căn cứ Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị (khóa X);\n\n\
I. MỤC ĐÍCH\n\n1. Nội dung.\n";

const PLAN_LAO_CAI: &str = "UBND TỈNH LÀO CAI\n\nSố: 88/KH-UBND\n\nLào Cai, ngày 9 tháng 4 năm 2024\n\n\
KẾ HOẠCH\nThực hiện Đề án xây dựng xã hội học tập trên địa bàn tỉnh giai đoạn 2024-2030\n\n\
Căn cứ Kế hoạch số 17/KH-UBND ngày 20/02/2022 của Ủy ban nhân dân tỉnh;\n\n\
Căn cứ Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị;\n\n\
I. MỤC ĐÍCH\n\n1. Nội dung.\n";

#[test]
fn issuers_are_one_node_per_body_and_province() {
    let d = Dir::new();
    d.write("corpus/bentre.txt", PLAN_BEN_TRE);
    d.write("corpus/laocai.txt", PLAN_LAO_CAI);
    let (nodes, links) = exported(&d);
    let issuers: BTreeMap<String, BTreeSet<String>> =
        links
            .iter()
            .filter(|l| l["relation"] == "ISSUED")
            .fold(BTreeMap::new(), |mut m, l| {
                let org = &nodes[l["source"].as_str().unwrap()];
                let what = &nodes[l["target"].as_str().unwrap()];
                m.entry(org["label"].as_str().unwrap().to_string())
                    .or_default()
                    .insert(what["instrument"].as_str().unwrap().to_string());
                m
            });
    let want: BTreeMap<String, BTreeSet<String>> = [
        ("Ban Bí thư", &["49-KL/TW"][..]),
        // One node with and without the term of office.
        ("Bộ Chính trị", &["11-CT/TW"]),
        // The conjunction and the next decision are not part of the issuer.
        ("Thủ tướng Chính phủ", &["1373/QĐ-TTg", "281/QĐ-TTg"]),
        // A bare `tỉnh` is the province of the plan that says it.
        ("Ủy ban nhân dân tỉnh Bến Tre", &["45/KH-UBND"]),
        ("Ủy ban nhân dân tỉnh Lào Cai", &["17/KH-UBND"]),
    ]
    .iter()
    .map(|(o, ids)| (o.to_string(), ids.iter().map(|i| i.to_string()).collect()))
    .collect();
    assert_eq!(issuers, want);
    let org = nodes
        .values()
        .find(|n| n["label"] == "Ủy ban nhân dân tỉnh Bến Tre")
        .unwrap();
    assert_eq!(org["province"], "Bến Tre", "{org}");
}
