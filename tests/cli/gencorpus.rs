//! The benchmark corpus generator (`examples/gencorpus.rs`) keeps its
//! promises: checked on what it writes and on what cancu reads from it.

use std::collections::BTreeSet;

use cancu::extract::{extract, Form, Kind, Role};
use cancu::ident::key;
use cancu::Knowledge;

#[path = "../../examples/gencorpus.rs"]
#[allow(dead_code)]
pub(crate) mod generator;

use generator::generate;

#[test]
fn generated_corpora_are_deterministic_for_a_seed() {
    let a = generate(400, 7);
    assert_eq!(a.len(), 400);
    assert_eq!(a, generate(400, 7));
    assert_ne!(a, generate(400, 8));
    let names: BTreeSet<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 400, "file names are distinct");
}

#[test]
fn generated_corpora_cover_the_country_levels_kinds_shapes_and_noise() {
    let k = Knowledge::builtin().expect("built-in data");
    let docs = generate(1_500, 7);
    let read: Vec<_> = docs.iter().map(|(_, t)| extract(t, &k)).collect();

    // Every former province, every current one, as cancu reads them.
    let gazetteer = cancu::geo::Gazetteer::builtin().expect("provinces");
    let former: BTreeSet<&str> = gazetteer.provinces().iter().map(|p| p.name.as_str()).collect();
    let current: BTreeSet<&str> = gazetteer.provinces().iter().map(|p| p.now.as_str()).collect();
    assert_eq!((former.len(), current.len()), (63, 34));
    let seen: BTreeSet<&str> = read.iter().filter_map(|e| e.province.as_deref()).collect();
    let seen_now: BTreeSet<&str> = read.iter().filter_map(|e| e.province_now.as_deref()).collect();
    assert_eq!(former.difference(&seen).collect::<Vec<_>>(), Vec::<&&str>::new());
    assert_eq!(current.difference(&seen_now).collect::<Vec<_>>(), Vec::<&&str>::new());

    // Levels by file, kinds as read.
    for level in [
        "national",
        "provincial",
        "district",
        "commune",
        "youth",
        "army",
        "women",
    ] {
        assert!(
            docs.iter().any(|(n, _)| n.ends_with(&format!("_{level}.txt"))),
            "{level}"
        );
    }
    for kind in [Kind::Agreement, Kind::Plan, Kind::News, Kind::Other] {
        assert!(read.iter().any(|e| e.kind == kind), "{kind:?}");
    }

    // Citation shapes of the identifier rules (src/ident.rs) in the texts, and every form and role as read.
    let text: String = docs.iter().map(|(_, t)| t.as_str()).collect();
    let shapes = [
        r"\d+-CT/TW",
        r"\d+-CT/TU",
        r"\d+/Q[ĐÐ]-TTg",
        r"\d+/\d{4}/TT-BG",
        r"\d+/BG[DĐÐ][ĐÐ]T-G",
        r"\d+/CTr-BG",
        r"\d+/CTPH-",
        r"\d+/Q[ĐÐ]\.UB",
        r"\d+ /Q[ĐÐ]-",
        r"\d+ / \d*/?[A-ZĐÐ]",
        r"\d+/\r?\n[A-ZĐÐ]",
        r"/Q[ĐÐ] - TTg",
        r"Quyết định số \d+[^/\d]",
    ];
    for shape in shapes {
        let re = regex::Regex::new(shape).expect("a pattern");
        assert!(re.is_match(&text), "no citation shaped {shape}");
    }
    let cited: Vec<_> = read.iter().flat_map(|e| &e.citations).collect();
    for form in [Form::Full, Form::Short, Form::Name] {
        assert!(cited.iter().any(|c| c.form == form), "{form:?}");
    }
    for role in [Role::Basis, Role::Mention] {
        assert!(cited.iter().any(|c| c.role == role), "{role:?}");
    }

    // A parent is a document of the corpus or, where a district agreement
    // leaves its provincial programme out, a national instrument.
    let numbers: BTreeSet<String> = read.iter().filter_map(|e| e.number.as_deref()).map(key).collect();
    let mut chained = 0;
    for ((name, _), e) in docs.iter().zip(&read) {
        if name.ends_with("_district.txt") || name.ends_with("_commune.txt") {
            if let Some(parent) = &e.parent {
                let here = numbers.contains(&key(parent));
                assert!(
                    here || k.catalog.get(parent).is_some(),
                    "{name}: parent {parent} is neither in the corpus nor catalogued"
                );
                chained += usize::from(here);
            }
        }
    }
    assert!(
        chained > 300,
        "district and commune agreements cite parents of the corpus ({chained})"
    );

    // The noise real exports have.
    for (what, mark) in [
        ("CRLF", "\r\n"),
        ("a byte-order mark", "\u{feff}"),
        ("Ð for Đ", "Ð"),
        ("a non-breaking space", "\u{a0}"),
        ("a zero-width space", "\u{200b}"),
        ("a ★ separator", "★"),
        ("Markdown bold", "**"),
        ("a Markdown heading", "###"),
        ("old tone placement", "hoà"),
    ] {
        assert!(text.contains(mark), "no {what}");
    }
    assert!(
        docs.iter().any(|(_, t)| t.contains('\u{301}') || t.contains('\u{300}')),
        "no NFD text"
    );
}
