//! `cancu graph coverage ID`: the provinces (63 then, 34 now) with and
//! without a document that implements a programme, on the seeds, on a
//! district agreement written for the test and on a generated corpus; and
//! the coverage table of the compliance page.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::gencorpus::generator;
use crate::util::{ndjson, seeded, stderr, stdout, Dir};

/// A district agreement of Đắk Nông that carries out the province's
/// programme 1748/CTrPH-SGDĐT-HKH (a local instrument).
const CU_JUT: &str = "HỘI KHUYẾN HỌC HUYỆN CƯ JÚT\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CƯ JÚT\n\n\
Cư Jút, ngày 20 tháng 10 năm 2024\n\nSố: 15/CTrPH-PGDĐT-HKH\n\nCHƯƠNG TRÌNH PHỐI HỢP\n\
Giữa Phòng Giáo dục và Đào tạo và Hội Khuyến học huyện Cư Jút về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2024 - 2030\n\n\
Căn cứ Chương trình phối hợp số 1748/CTrPH-SGDĐT-HKH ngày 13/9/2024 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2024-2030;\n\n\
Phòng Giáo dục và Đào tạo huyện Cư Jút và Hội Khuyến học huyện Cư Jút thống nhất ban hành Chương trình phối hợp giai đoạn 2024 - 2030 như sau:\n\n\
I. MỤC ĐÍCH, YÊU CẦU\nĐẩy mạnh công tác khuyến học.\n\n\
TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nNguyễn Văn An\n\nCHỦ TỊCH HỘI KHUYẾN HỌC\nTrần Thị Bình\n";

fn coverage(d: &Dir, id: &str) -> Value {
    let o = d.cancu(&["graph", "coverage", id, "--json"]);
    assert!(o.status.success(), "{id}: {}", stderr(&o));
    let mut all = ndjson(&o);
    assert_eq!(all.len(), 1, "one object");
    all.remove(0)
}

/// The covered provinces of a view, each with its documents.
fn covered(v: &Value) -> BTreeMap<String, BTreeSet<String>> {
    v["covered"]
        .as_array()
        .expect("covered")
        .iter()
        .map(|c| {
            let docs = c["documents"].as_array().expect("documents");
            (
                c["province"].as_str().expect("province").to_string(),
                docs.iter().map(|d| d.as_str().expect("path").to_string()).collect(),
            )
        })
        .collect()
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|x| x.as_str().expect("name").to_string())
        .collect()
}

/// The documents `cancu graph implements ID` finds, by province as written
/// and by today's province.
type ByProvince = BTreeMap<String, BTreeSet<String>>;

fn implementers_by_province(d: &Dir, id: &str) -> (ByProvince, ByProvince) {
    let places = cancu::geo::Gazetteer::builtin().expect("provinces");
    let o = d.cancu(&["graph", "implements", id, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (mut then, mut now) = (BTreeMap::new(), BTreeMap::new());
    for h in ndjson(&o) {
        let Some(p) = h["province"].as_str() else { continue };
        let path = h["label"].as_str().expect("label").to_string();
        let p = places.province(p).expect("a province of the 63");
        then.entry(p.name.clone())
            .or_insert_with(BTreeSet::new)
            .insert(path.clone());
        now.entry(p.now.clone()).or_insert_with(BTreeSet::new).insert(path);
    }
    (then, now)
}

/// Both views cover every province once: 63 then, 34 now.
fn check_totals(c: &Value) {
    for (view, n) in [("before", 63), ("after", 34)] {
        let mut all: Vec<String> = covered(&c[view]).into_keys().collect();
        all.extend(names(&c[view]["uncovered"]));
        let distinct: BTreeSet<&String> = all.iter().collect();
        assert_eq!((all.len(), distinct.len()), (n, n), "{view}");
    }
}

#[test]
fn coverage_of_directive_11_on_the_seeds_is_its_implementers_provinces() {
    let d = seeded(&[]);
    let c = coverage(&d, "11-CT/TW");
    assert_eq!(c["id"], "11-CT/TW");
    let (then, now) = implementers_by_province(&d, "11-CT/TW");
    assert_eq!(covered(&c["before"]), then);
    assert_eq!(covered(&c["after"]), now);
    let order: Vec<&str> = c["before"]["covered"]
        .as_array()
        .expect("covered")
        .iter()
        .filter_map(|p| p["province"].as_str())
        .collect();
    assert_eq!(
        order,
        ["An Giang", "Bến Tre", "Đắk Nông", "Tuyên Quang"],
        "sorted the Vietnamese way"
    );
    check_totals(&c);
    // The uncovered the Vietnamese way: Đ after D, before G.
    let un = names(&c["before"]["uncovered"]);
    let at = |p: &str| un.iter().position(|x| x == p).unwrap_or_else(|| panic!("{p}"));
    assert!(
        at("Cao Bằng") < at("Đà Nẵng") && at("Đà Nẵng") < at("Gia Lai"),
        "{un:?}"
    );
    // The text says the same in a summary line first.
    let o = d.cancu(&["graph", "coverage", "11-ct/tw"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        format!(
            "11-CT/TW: covered {} of 63 provinces before 1 July 2025 / {} of 34 since",
            then.len(),
            now.len()
        )
    );
}

#[test]
fn coverage_of_a_local_programme_names_the_district() {
    let d = seeded(&[("900_cu_jut.txt", CU_JUT)]);
    let c = coverage(&d, "1748/CTrPH-SGDĐT-HKH");
    let (then, now) = implementers_by_province(&d, "1748/CTrPH-SGDĐT-HKH");
    assert_eq!(covered(&c["before"]), then);
    assert_eq!(covered(&c["after"]), now);
    let before = &c["before"]["covered"];
    assert_eq!(before.as_array().map(Vec::len), Some(1), "{c}");
    assert_eq!(before[0]["province"], "Đắk Nông");
    assert_eq!(names(&before[0]["documents"]), ["corpus/900_cu_jut.txt"]);
    assert_eq!(names(&before[0]["units"]), ["huyện Cư Jút"]);
    let after = &c["after"]["covered"];
    assert_eq!(after[0]["province"], "Lâm Đồng");
    assert_eq!(names(&after[0]["units"]), ["huyện Cư Jút (Đắk Nông)"]);
    check_totals(&c);
}

#[test]
fn coverage_of_a_generated_corpus_counts_the_implementers_provinces() {
    let d = Dir::new();
    for (name, text) in generator::generate(300, 11) {
        d.write(&format!("corpus/{name}"), text);
    }
    let mut units = 0;
    for id in ["11-CT/TW", "02/CTr-BGDĐT-HKHVN"] {
        let c = coverage(&d, id);
        let (then, now) = implementers_by_province(&d, id);
        assert!(then.len() > 10, "{id}: {then:?}");
        assert_eq!(
            c["before"]["covered"].as_array().map(Vec::len),
            Some(then.len()),
            "{id}"
        );
        assert_eq!(c["after"]["covered"].as_array().map(Vec::len), Some(now.len()), "{id}");
        assert_eq!(covered(&c["before"]), then, "{id}");
        assert_eq!(covered(&c["after"]), now, "{id}");
        check_totals(&c);
        units += c["before"]["covered"]
            .as_array()
            .expect("covered")
            .iter()
            .map(|p| p["units"].as_array().map_or(0, Vec::len))
            .sum::<usize>();
    }
    assert!(units > 0, "district and commune agreements name their unit");
}

#[test]
fn coverage_of_an_unknown_id_is_an_error_naming_it() {
    let d = seeded(&[]);
    let o = d.cancu(&["graph", "coverage", "9999/QĐ-TTg"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("9999/QĐ-TTg"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn coverage_json_is_deterministic_for_any_spelling() {
    let d = seeded(&[("900_cu_jut.txt", CU_JUT)]);
    let a = d.cancu(&["graph", "coverage", "1373/QĐ-TTg", "--json"]);
    let b = d.cancu(&["graph", "coverage", "1373/QD-TTg", "--json"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let c = d.cancu(&["graph", "coverage", "1373/QĐ - TTg", "--json"]);
    assert_eq!(a.stdout, c.stdout);
}

#[test]
fn the_compliance_page_has_the_coverage_of_the_expected_programmes() {
    let d = seeded(&[("900_cu_jut.txt", CU_JUT)]);
    // A rule that expects the local programme 1748/CTrPH-SGDĐT-HKH.
    d.write(
        "local.toml",
        "version = 1\n[[rule]]\nid = \"local-1748\"\ndescription = \"District agreements of Đắk Nông implement 1748/CTrPH-SGDĐT-HKH.\"\nseverity = \"warning\"\napplies = { provinces = [\"Đắk Nông\"] }\nrequires = { cites_any = [\"1748/CTrPH-SGDĐT-HKH\"] }\n",
    );
    let o = d.cancu(&[
        "check",
        "--rules",
        "local.toml",
        "--format",
        "html",
        "-o",
        "report.html",
    ]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
    let page = std::fs::read_to_string(d.path().join("report.html")).expect("page");
    assert!(page.contains("<h2>Coverage</h2>"));
    // Directive 11, which a rule expects, with the same counts as the command.
    let c = coverage(&d, "11-CT/TW");
    let heading = format!(
        "<h3>11-CT/TW <small>covered {} of 63 provinces until 30 June 2025, {} of 34 since 1 July 2025</small></h3>",
        c["before"]["covered"].as_array().map_or(0, Vec::len),
        c["after"]["covered"].as_array().map_or(0, Vec::len)
    );
    assert!(page.contains(&heading), "{heading}");
    assert!(page.contains("local-1748"), "the rule is in force");
    // 1748/CTrPH-SGDĐT-HKH, implemented but a local programme: no table.
    assert!(!page.contains("<h3>1748/"));
}
