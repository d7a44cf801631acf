//! Compliance on the seeds and on agreements written for the test
//! (`tests/data/check/`), one table row per situation, through one
//! `check(case)` helper: the verdict on one document and each rule that
//! applied to it, as `rule status`.

use super::*;
use crate::formats::Format;
use crate::text::Encoding;

const SEEDS: [(&str, &str); 5] = [
    (
        "corpus/000_3e04f7b4aea0b5e4.txt",
        include_str!("../../corpus/000_3e04f7b4aea0b5e4.txt"),
    ),
    (
        "corpus/001_90fff97920079c35.txt",
        include_str!("../../corpus/001_90fff97920079c35.txt"),
    ),
    (
        "corpus/002_2d9da3428af69006.txt",
        include_str!("../../corpus/002_2d9da3428af69006.txt"),
    ),
    (
        "corpus/003_798d9b088e52fc0e.txt",
        include_str!("../../corpus/003_798d9b088e52fc0e.txt"),
    ),
    (
        "corpus/004_f7e41c7e93cfee71.txt",
        include_str!("../../corpus/004_f7e41c7e93cfee71.txt"),
    ),
];

const PM_ONLY: &str = include_str!("../../tests/data/check/education_pm_only.txt");
const NO_PARENT: &str = include_str!("../../tests/data/check/district_no_parent.txt");
const DISTRICT_OK: &str = include_str!("../../tests/data/check/district_ok.txt");
const BEYOND: &str = include_str!("../../tests/data/check/district_beyond_parent.txt");
const LATE: &str = include_str!("../../tests/data/check/citation_after.txt");
const BY_NAME: &str = include_str!("../../tests/data/check/parent_by_name.txt");
const DISTRICT_YOUTH: &str = include_str!("../../tests/data/check/district_youth.txt");
const COMMUNE_YOUTH: &str = include_str!("../../tests/data/check/commune_youth.txt");
const STRICT: &str = include_str!("../../tests/data/check/strict.toml");

struct Case<'a> {
    name: &'a str,
    /// The corpus: the seeds unless `no_seeds`, and these documents.
    docs: Vec<(&'a str, &'a str)>,
    no_seeds: bool,
    /// A rule file read after the built-in rules (instead of them with `alone`).
    rules: Option<&'a str>,
    alone: bool,
    fail_on: Severity,
    /// The document judged.
    doc: &'a str,
    status: Status,
    /// `rule status` of each outcome, in order.
    outcomes: &'a [&'a str],
    /// `(rule, text its found holds)`.
    found: &'a [(&'a str, &'a str)],
    /// `(rule, text its expected holds)`.
    expected: &'a [(&'a str, &'a str)],
}

impl Default for Case<'_> {
    fn default() -> Self {
        Case {
            name: "",
            docs: Vec::new(),
            no_seeds: false,
            rules: None,
            alone: false,
            fail_on: Severity::Error,
            doc: "",
            status: Status::Pass,
            outcomes: &[],
            found: &[],
            expected: &[],
        }
    }
}

fn records(docs: &[(&str, &str)], k: &Knowledge) -> Vec<Record> {
    docs.iter()
        .map(|(path, text)| Record {
            path: path.to_string(),
            extraction: crate::extract(text, k),
            format: Format::Text,
            encoding: Encoding::Utf8,
            corrected: Vec::new(),
        })
        .collect()
}

/// The report on a corpus, located in its texts.
fn judge(docs: &[(&str, &str)], rules: &RuleSet, k: &Knowledge, fail_on: Severity) -> Report {
    let recs = records(docs, k);
    let graph = Graph::build(&recs, k);
    let mut report = run(
        &recs,
        &graph,
        k,
        rules,
        &Config {
            fail_on,
            ..Config::default()
        },
    );
    for d in &mut report.documents {
        if let Some((_, text)) = docs.iter().find(|(p, _)| *p == d.path) {
            d.locate(text);
        }
    }
    report
}

fn compact(d: &DocReport) -> Vec<String> {
    d.outcomes
        .iter()
        .map(|o| format!("{} {}", o.rule, o.status.as_str()))
        .collect()
}

fn check(c: &Case) {
    let k = Knowledge::builtin().unwrap();
    let mut rules = if c.alone {
        RuleSet::default()
    } else {
        RuleSet::builtin(&k).unwrap()
    };
    if let Some(src) = c.rules {
        rules.extend_from_toml(src, "test rules", &k).unwrap();
    }
    let mut docs: Vec<(&str, &str)> = if c.no_seeds { Vec::new() } else { SEEDS.to_vec() };
    docs.extend(c.docs.iter().copied());
    let report = judge(&docs, &rules, &k, c.fail_on);
    let d = report
        .documents
        .iter()
        .find(|d| d.path == c.doc)
        .unwrap_or_else(|| panic!("{}: no report on {}", c.name, c.doc));
    let name = c.name;
    assert_eq!(compact(d), c.outcomes, "{name}: outcomes\n{d:#?}");
    assert_eq!(d.status, c.status, "{name}: status");
    for (rule, want) in c.found {
        let o = d.outcomes.iter().find(|o| o.rule == *rule).unwrap();
        assert!(
            o.found.contains(want),
            "{name}: {rule} found {:?}, not {want:?}",
            o.found
        );
    }
    for (rule, want) in c.expected {
        let o = d.outcomes.iter().find(|o| o.rule == *rule).unwrap();
        assert!(
            o.expected.contains(want),
            "{name}: {rule} expected {:?}, not {want:?}",
            o.expected
        );
    }
    // Every failing outcome points at the text, located.
    for o in d.findings() {
        assert!(!o.evidence.is_empty(), "{name}: {} has no evidence", o.rule);
        for e in &o.evidence {
            let loc = e
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("{name}: {} not located", o.rule));
            assert!(loc.line >= 1 && !loc.excerpt.is_empty(), "{name}: {loc:?}");
        }
    }
}

#[test]
fn seeds_pass_the_default_rules() {
    let rows: &[(&str, Status, &[&str])] = &[
        (
            "corpus/000_3e04f7b4aea0b5e4.txt",
            Status::Pass,
            &["army-command-893 pass", "directive-11 pass", "parties-signed pass"],
        ),
        (
            "corpus/001_90fff97920079c35.txt",
            Status::Pass,
            &[
                "youth-union-40 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "parties-signed pass",
            ],
        ),
        ("corpus/002_2d9da3428af69006.txt", Status::NotApplicable, &[]),
        (
            "corpus/003_798d9b088e52fc0e.txt",
            Status::Pass,
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
            "corpus/004_f7e41c7e93cfee71.txt",
            Status::Pass,
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
    for &(doc, status, outcomes) in rows {
        check(&Case {
            name: doc,
            doc,
            status,
            outcomes,
            ..Case::default()
        });
    }
    // Even warnings fail nothing on the seeds.
    let k = Knowledge::builtin().unwrap();
    let report = judge(&SEEDS, &RuleSet::builtin(&k).unwrap(), &k, Severity::Warning);
    assert_eq!(report.summary.fail, 0);
    assert_eq!((report.summary.pass, report.summary.not_applicable), (4, 1));
    assert_eq!((report.summary.errors, report.summary.warnings), (0, 0));
    let news = &report.documents[2];
    assert!(news.note.as_deref().unwrap().contains("news report"), "{news:?}");
}

#[test]
fn negative_cases_fail_with_the_right_finding() {
    let k = "corpus/x.txt";
    let cases = [
        Case {
            name: "provincial 2024-2030 citing only the Prime Minister's decisions",
            docs: vec![(k, PM_ONLY)],
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "education-02 fail",
                "directive-11 pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[
                (
                    "education-02",
                    "cites none of them; its preamble cites 1373/QĐ-TTg, 387/QĐ-TTg, 677/QĐ-TTg",
                ),
                (
                    "directive-11",
                    "reaches it in 3 edges: BASED_ON 1373/QĐ-TTg → IMPLEMENTS 49-KL/TW",
                ),
            ],
            expected: &[("education-02", "cites 02/CTr-BGDĐT-HKHVN directly")],
            ..Case::default()
        },
        Case {
            name: "district agreement that does not cite its provincial programme",
            docs: vec![(k, NO_PARENT)],
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "directive-11 pass",
                "inferred-parent fail",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[(
                "inferred-parent",
                "cites none of them; its preamble cites 49-KL/TW, 11-CT/TW, 02/CTr-BGDĐT-HKHVN",
            )],
            expected: &[(
                "inferred-parent",
                "the provincial agreement between education and khuyen-hoc whose period covers 2024-2030: 1748/CTrPH-SGDĐT-HKH (corpus/004_f7e41c7e93cfee71.txt, 2024-2030)",
            )],
            ..Case::default()
        },
        Case {
            name: "period beyond the parent's: a warning",
            docs: vec![(k, BEYOND)],
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "directive-11 pass",
                "period-within-parent fail",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[(
                "period-within-parent",
                "the agreement's period 2024-2035 goes beyond its parent's 2024-2030",
            )],
            ..Case::default()
        },
        Case {
            name: "period beyond the parent's, failing on warnings",
            docs: vec![(k, BEYOND)],
            fail_on: Severity::Warning,
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "directive-11 pass",
                "period-within-parent fail",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            ..Case::default()
        },
        Case {
            name: "a citation dated after the agreement",
            docs: vec![(k, LATE)],
            fail_on: Severity::Warning,
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "education-02 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates fail",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[("citation-dates", "cites 02/CTr-BGDĐT-HKHVN dated 2024-05-10")],
            expected: &[("citation-dates", "on or before the agreement (2024-03-04)")],
            ..Case::default()
        },
        Case {
            name: "parent cited by name: accepted by the default rules",
            docs: vec![(k, BY_NAME)],
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "education-02 pass",
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[("education-02", "cites 02/CTr-BGDĐT-HKHVN (title only, in the preamble)")],
            ..Case::default()
        },
        Case {
            name: "parent cited by name: rejected by a stricter rule file",
            docs: vec![(k, BY_NAME)],
            rules: Some(STRICT),
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "education-02 fail",
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[(
                "education-02",
                "cites 02/CTr-BGDĐT-HKHVN by its title only (“Chương trình phối hợp giữa Bộ Giáo dục",
            )],
            expected: &[("education-02", "cites 02/CTr-BGDĐT-HKHVN directly, by number")],
            ..Case::default()
        },
        Case {
            name: "a commune agreement that does not cite its district's",
            docs: vec![("corpus/d.txt", DISTRICT_YOUTH), (k, COMMUNE_YOUTH)],
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "directive-11 pass",
                "inferred-parent fail",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            expected: &[(
                "inferred-parent",
                "the district agreement between khuyen-hoc and youth-union whose period covers 2018-2020: 08/CTPH-HKH-HĐ (corpus/d.txt, 2018-2020)",
            )],
            ..Case::default()
        },
    ];
    for c in &cases {
        check(c);
    }
}

#[test]
fn what_applies_and_how() {
    let k = "corpus/x.txt";
    let unsigned = PM_ONLY.replace(
        "KT. GIÁM ĐỐC\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nPHÓ GIÁM ĐỐC\n\nNguyễn Thị Lan\n",
        "",
    );
    let bad_number = PM_ONLY.replace("Số: 412/CTrPH-SGDĐT-HKH", "Số: 412/KH-SGDĐT");
    let plan = PM_ONLY.replace(
        "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Bình Phước về",
        "KẾ HOẠCH\nCủa Hội Khuyến học tỉnh Bình Phước về",
    );
    let other_district = COMMUNE_YOUTH.replace("huyện Krông Nô", "huyện Cư Jút");
    let plans_rule = r#"version = 1
[[rule]]
id = "plans-1373"
description = "Plans rest on the Đề án 1373."
severity = "warning"
applies = { kinds = ["plan"] }
requires = { cites_any = ["1373/QĐ-TTg"] }
"#;
    let through = r#"version = 1
[[rule]]
id = "district-02"
description = "District education agreements rest on the national programme, through their provincial one."
severity = "error"
applies = { levels = ["district"], parties = ["education"] }
requires = { cites_any = ["02/CTr-BGDĐT-HKHVN"], depth = 2, via = ["IMPLEMENTS", "BASED_ON"] }
"#;
    let only_direct = through.replace("depth = 2", "depth = 1");
    let where_when = r#"version = 1
[checks]
number-format = { enabled = false }
parties-signed = { severity = "error" }
citation-dates = { enabled = false }
period-within-parent = { enabled = false }
inferred-parent = { enabled = false }
[[rule]]
id = "lam-dong-late"
description = "Agreements of today's Lâm Đồng running past 2030 cite Directive 11."
severity = "warning"
applies = { provinces = ["Lâm Đồng"], period = [2031, 2040], period_match = "overlaps" }
requires = { cites_any = ["11-CT/TW"] }
[[rule]]
id = "binh-phuoc"
description = "Only Bình Phước."
severity = "error"
applies = { provinces = ["Binh Phuoc"] }
requires = { cites_any = ["9/CTr-X"] }
"#;
    let cases = [
        Case {
            name: "a party that did not sign",
            docs: vec![(k, &unsigned)],
            fail_on: Severity::Warning,
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "education-02 fail",
                "directive-11 pass",
                "citation-dates pass",
                "parties-signed fail",
                "number-format pass",
            ],
            found: &[(
                "parties-signed",
                "no signature block for Sở Giáo dục và Đào tạo tỉnh Bình Phước",
            )],
            ..Case::default()
        },
        Case {
            name: "an agreement numbered like a plan",
            docs: vec![(k, &bad_number)],
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "education-02 fail",
                "directive-11 pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format fail",
            ],
            found: &[("number-format", "carries the type code KH (Kế hoạch)")],
            ..Case::default()
        },
        Case {
            name: "a plan is not judged as an agreement",
            docs: vec![(k, &plan)],
            doc: k,
            status: Status::NotApplicable,
            outcomes: &[],
            ..Case::default()
        },
        Case {
            name: "unless a rule names plans",
            docs: vec![(k, &plan)],
            rules: Some(plans_rule),
            doc: k,
            status: Status::Pass,
            outcomes: &["plans-1373 pass"],
            ..Case::default()
        },
        Case {
            name: "a commune of another district has no parent in the corpus",
            docs: vec![("corpus/d.txt", DISTRICT_YOUTH), (k, &other_district)],
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            ..Case::default()
        },
        Case {
            name: "the district that cites its provincial programme",
            docs: vec![(k, DISTRICT_OK)],
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "directive-11 pass",
                "inferred-parent pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[("inferred-parent", "cites 1748/CTrPH-SGDĐT-HKH (number and symbol, in the preamble)")],
            ..Case::default()
        },
        Case {
            name: "without the provincial agreement in the corpus, no parent is inferred",
            docs: vec![(k, NO_PARENT)],
            no_seeds: true,
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "directive-11 pass",
                "period-within-parent pass",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            ..Case::default()
        },
        Case {
            name: "through the graph: the national programme by way of the provincial one",
            docs: vec![(k, BEYOND)],
            rules: Some(through),
            alone: true,
            doc: k,
            status: Status::Pass,
            outcomes: &[
                "district-02 pass",
                "period-within-parent fail",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            found: &[(
                "district-02",
                "reaches it in 2 edges: IMPLEMENTS 1748/CTrPH-SGDĐT-HKH → IMPLEMENTS 02/CTr-BGDĐT-HKHVN (stated in corpus/004_f7e41c7e93cfee71.txt)",
            )],
            ..Case::default()
        },
        Case {
            name: "one edge is not enough for that",
            docs: vec![(k, BEYOND)],
            rules: Some(&only_direct),
            alone: true,
            doc: k,
            status: Status::Fail,
            outcomes: &[
                "district-02 fail",
                "period-within-parent fail",
                "citation-dates pass",
                "parties-signed pass",
                "number-format pass",
            ],
            ..Case::default()
        },
        Case {
            name: "provinces (today's too), overlapping periods, check settings",
            docs: vec![(k, BEYOND)],
            rules: Some(where_when),
            alone: true,
            doc: k,
            status: Status::Pass,
            outcomes: &["lam-dong-late pass", "parties-signed pass"],
            ..Case::default()
        },
        Case {
            name: "an overlapping period that does not overlap",
            docs: vec![(k, DISTRICT_OK)],
            rules: Some(where_when),
            alone: true,
            doc: k,
            status: Status::Pass,
            outcomes: &["parties-signed pass"],
            ..Case::default()
        },
    ];
    for c in &cases {
        check(c);
    }
}

#[test]
fn chains_skip_citations_by_name_when_the_rule_asks_for_numbers() {
    // This agreement names 1373/QĐ-TTg only by its title; through it (1373
    // implements 49-KL/TW) it reaches Directive 11 only when names count.
    let k = Knowledge::builtin().unwrap();
    let text = "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học và Hội Nông dân tỉnh Lào Cai giai đoạn 2022-2026\n\n\
Căn cứ Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”;\n\nI. NỘI DUNG\n\n1. Phối hợp.\n";
    let docs = [("corpus/lc.txt", text)];
    for (by_name, status, found) in [
        (
            true,
            Status::Pass,
            "reaches it in 3 edges: BASED_ON 1373/QĐ-TTg → IMPLEMENTS 49-KL/TW",
        ),
        (false, Status::Fail, "cites none of them"),
    ] {
        let mut rules = RuleSet::default();
        rules
            .extend_from_toml(
                &format!(
                    "version = 1\n[[rule]]\nid = \"d11\"\ndescription = \"d\"\nseverity = \"error\"\nrequires = {{ cites_any = [\"11-CT/TW\"], depth = 4, by_name = {by_name} }}\n"
                ),
                "t",
                &k,
            )
            .unwrap();
        let report = judge(&docs, &rules, &k, Severity::Error);
        let o = &report.documents[0].outcomes[0];
        assert_eq!(o.status, status, "by_name {by_name}: {o:?}");
        assert!(o.found.contains(found), "by_name {by_name}: {}", o.found);
    }
}

#[test]
fn numbers_well_formed_or_not() {
    let rows: &[(&str, Option<&str>)] = &[
        ("2381/CTPH-SGD&ĐT-HKH", None),
        ("1748/CTrPH-SGDĐT-HKH", None),
        ("02/CTr-BGDĐT-HKHVN", None),
        ("12/2024/CTrPH-UBND-HKH", None),
        ("15-CTr/TU", None),
        ("12/CTPH", Some("names no issuer")),
        ("12/KH-HKH", Some("type code KH (Kế hoạch)")),
        ("31-CT/TU", Some("type code CT (Chỉ thị)")),
        ("12/HKH-SGD", Some("no type code")),
        ("X/CTPH-HKH", Some("does not start with a number")),
        ("12/20/CTPH-HKH", Some("does not have the shape")),
        ("CTPH-HKH", Some("does not have the shape")),
    ];
    for (id, want) in rows {
        let got = number_problem(id);
        match want {
            None => assert_eq!(got, None, "{id}"),
            Some(w) => assert!(got.as_deref().is_some_and(|g| g.contains(w)), "{id}: {got:?}"),
        }
    }
}

#[test]
fn what_makes_a_reading_too_doubtful_to_be_a_parent() {
    let k = Knowledge::builtin().unwrap();
    let national = |number: &str, title: &str| {
        format!(
            "Số: {number}\n\nHà Nội, ngày 3 tháng 6 năm 2024\n\nCHƯƠNG TRÌNH PHỐI HỢP\n{title} giai đoạn 2024-2030\n\n\
             Căn cứ Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư;\n\nI. NỘI DUNG\n\n1. Phối hợp.\n"
        )
    };
    let parties = "Giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam";
    let rows: &[(String, Option<&str>)] = &[
        (SEEDS[4].1.to_string(), None),
        (national("02/CTr-BGDĐT-HKHVN", parties), None),
        (national("77/KH-BGDĐT", parties), Some("type code KH")),
        (national("15/CTr-SGDĐT-HKH", parties), Some("names no national issuer")),
        (
            national("16/CTr-BGDĐT-HKHVN", "Về đẩy mạnh công tác khuyến học"),
            Some("part(y/ies) read"),
        ),
    ];
    for (text, want) in rows {
        let e = crate::extract(text, &k);
        assert_eq!(e.kind, Kind::Agreement, "{:?}", e.title);
        let got = low_confidence(&e, &k);
        match want {
            None => assert_eq!(got, None, "{:?}", e.number),
            Some(w) => assert!(got.as_deref().is_some_and(|g| g.contains(w)), "{:?}: {got:?}", e.number),
        }
    }
}

#[test]
fn parents_one_tier_up_and_districts_named() {
    let k = Knowledge::builtin().unwrap();
    let two = k.places.two_tiers_from();
    assert_eq!(Some(two), Date::parse("2025-07-01"));
    let day = Date::parse;
    assert_eq!(parent_level(Level::Provincial, None, two), Some(Level::National));
    assert_eq!(parent_level(Level::District, None, two), Some(Level::Provincial));
    assert_eq!(
        parent_level(Level::Commune, day("2024-05-01"), two),
        Some(Level::District)
    );
    assert_eq!(
        parent_level(Level::Commune, day("2025-06-30"), two),
        Some(Level::District)
    );
    assert_eq!(
        parent_level(Level::Commune, day("2025-07-01"), two),
        Some(Level::Provincial)
    );
    assert_eq!(parent_level(Level::National, None, two), None);
    let district = |name: &str| k.places.district_named(name);
    assert_eq!(
        district("Phòng Giáo dục và Đào tạo huyện Krông Nô").as_deref(),
        Some("krong no")
    );
    assert_eq!(
        district("Hội Khuyến học thị xã Gia Nghĩa").as_deref(),
        Some("gia nghia")
    );
    assert_eq!(
        district("Ban Chỉ huy Quân sự thị xã Gia Nghĩa").as_deref(),
        Some("gia nghia")
    );
    assert_eq!(
        district("Hội Khuyến học TP. Buôn Ma Thuột").as_deref(),
        Some("buon ma thuot")
    );
    assert_eq!(district("Hội Khuyến học tỉnh Đắk Nông"), None);
}

#[test]
fn reports_are_deterministic_and_ordered_by_path() {
    let k = Knowledge::builtin().unwrap();
    let rules = RuleSet::builtin(&k).unwrap();
    let mut docs: Vec<(&str, &str)> = SEEDS.to_vec();
    docs.push(("corpus/b.txt", PM_ONLY));
    docs.push(("corpus/a.txt", NO_PARENT));
    let one = judge(&docs, &rules, &k, Severity::Error);
    docs.reverse();
    let two = judge(&docs, &rules, &k, Severity::Error);
    assert_eq!(one, two);
    let paths: Vec<&str> = one.documents.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    for f in [
        report::Format::Text,
        report::Format::Json,
        report::Format::Junit,
        report::Format::Sarif,
    ] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        report::write(&one, f, &mut a).unwrap();
        report::write(&two, f, &mut b).unwrap();
        assert_eq!(a, b, "{f:?}");
    }
    assert_eq!(one.summary.fail, 2);
    assert!(one.failed());
}
