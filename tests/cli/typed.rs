//! What was typed is what is searched: a word with diacritics matches that
//! word only; one without matches every word that folds to it.

use std::path::Path;

use crate::util::{seeded, stderr, stdout, Dir};

/// The file names `cancu search --json ARGS` finds, in rank order.
fn names(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["search", "--json", "--limit", "100"];
    a.extend_from_slice(args);
    let o = crate::util::cancu_in(dir, &a);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v["path"]
                .as_str()
                .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        })
        .collect()
}

/// A folder with the texts written for these tests, indexed.
fn written() -> Dir {
    let d = Dir::new();
    let docs = [
        ("a_duong.txt", "Tuyến đường liên xã được Hội Khuyến học xã sửa sang.\n"),
        (
            "b_duong.txt",
            "Hội Khuyến học phường Dương Đông, ánh dương buổi sáng.\n",
        ),
        ("c_quan.txt", "Cơ quan Hội Khuyến học huyện và các cơ quan ban ngành.\n"),
        ("d_quan.txt", "Bộ Chỉ huy Quân sự tỉnh phối hợp với Hội Khuyến học.\n"),
        (
            "e_hoabinh.txt",
            "Hòa Bình và Định Hóa. Hòa Bình với Định Hóa. Ở Hòa Bình, ở Định Hóa. Hòa Bình gần Định Hóa.\n",
        ),
        (
            "f_binhdinh.txt",
            "Hội Khuyến học tỉnh Bình Định ký kết chương trình phối hợp.\n",
        ),
        (
            "g_hoa.txt",
            "Hội Khuyến học xã Hoà Thuận (tone mark on the a) khuyen hoc.\n",
        ),
    ];
    for (name, text) in docs {
        d.write(&format!("docs/{name}"), text);
    }
    let o = d.cancu(&["index", "docs", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    d
}

fn check(d: &Dir, cases: &[(&[&str], &[&str])]) {
    for (args, want) in cases {
        let mut got = names(d.path(), args);
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{args:?}");
    }
}

#[test]
fn a_word_typed_with_diacritics_matches_that_word_only() {
    let d = written();
    check(
        &d,
        &[
            (&["đường"], &["a_duong.txt"]),
            (&["Dương"], &["b_duong.txt"]),
            (&["quân"], &["d_quan.txt"]),
            (&["Quân sự"], &["d_quan.txt"]),
            (&["QUÂN"], &["d_quan.txt"]),
            (&["quan"], &["c_quan.txt", "d_quan.txt"]),
            (&["duong"], &["a_duong.txt", "b_duong.txt"]),
            // Tone placement, Unicode form and case do not matter.
            (&["hòa thuận"], &["g_hoa.txt"]),
            (&["hoà thuận"], &["g_hoa.txt"]),
            (&["ho\u{300}a thua\u{323}\u{302}n"], &["g_hoa.txt"]),
            // Mixed, per word; phrases too.
            (
                &["Hội khuyen hoc"],
                &[
                    "a_duong.txt",
                    "b_duong.txt",
                    "c_quan.txt",
                    "d_quan.txt",
                    "f_binhdinh.txt",
                    "g_hoa.txt",
                ],
            ),
            (&["\"cơ quan\""], &["c_quan.txt"]),
            (&["\"co quan\""], &["c_quan.txt"]),
            (&["\"Cơ quan hoi\""], &["c_quan.txt"]),
            (&["\"cơ quân\""], &[]),
            (&["quân OR đường"], &["a_duong.txt", "d_quan.txt"]),
            (
                &["khuyến -quân"],
                &[
                    "a_duong.txt",
                    "b_duong.txt",
                    "c_quan.txt",
                    "f_binhdinh.txt",
                    "g_hoa.txt",
                ],
            ),
            (&["body:đường"], &["a_duong.txt"]),
            // --fold: every word folded, whatever was typed.
            (&["--fold", "quân"], &["c_quan.txt", "d_quan.txt"]),
            (&["--fold", "đường"], &["a_duong.txt", "b_duong.txt"]),
        ],
    );
    // Without diacritics, the word written so ranks first.
    assert_eq!(names(d.path(), &["khuyen"]).len(), 6);
    assert_eq!(names(d.path(), &["khuyen"])[0], "g_hoa.txt");
}

#[test]
fn words_typed_side_by_side_rank_documents_that_have_them_side_by_side_first() {
    let d = written();
    let got = names(d.path(), &["Bình Định"]);
    assert_eq!(got, ["f_binhdinh.txt", "e_hoabinh.txt"]);
    let got = names(d.path(), &["binh dinh"]);
    assert_eq!(got, ["f_binhdinh.txt", "e_hoabinh.txt"]);
}

/// The seeds, indexed.
fn indexed_seeds() -> Dir {
    let d = seeded(&[]);
    let o = d.cancu(&["index", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    d
}

#[test]
fn quan_su_on_the_seeds_is_one_document() {
    let d = indexed_seeds();
    assert_eq!(names(d.path(), &["Quân sự"]), ["000_3e04f7b4aea0b5e4.txt"]);
    assert_eq!(names(d.path(), &["--fold", "Quân sự"]).len(), 5);
    let o = d.cancu(&["search", "Quân sự"]);
    assert!(stdout(&o).starts_with("1 document(s) match"), "{}", stdout(&o));
}

#[test]
fn an_id_typed_without_diacritics_or_in_another_case_finds_the_same_instrument() {
    let d = indexed_seeds();
    for (typed, written) in [("1373/QD-TTg", "1373/QĐ-TTg"), ("11-ct/tw", "11-CT/TW")] {
        let want = names(d.path(), &["--cites", written]);
        assert!(!want.is_empty(), "{written}");
        assert_eq!(names(d.path(), &["--cites", typed]), want, "{typed}");
        assert_eq!(
            names(d.path(), &["--cites", typed, "--transitive"]),
            names(d.path(), &["--cites", written, "--transitive"]),
            "{typed} --transitive"
        );
        let graph = |id: &str| stdout(&d.cancu(&["graph", "implements", id, "--json"]));
        assert_eq!(graph(typed), graph(written), "graph implements {typed}");
        assert!(!graph(typed).is_empty());
    }
    // A document's own number, typed without diacritics and in lower case.
    let o = d.cancu(&["show", "--json", "2381/ctph-sgd&dt-hkh"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("003_798d9b088e52fc0e.txt"), "{}", stdout(&o));
    // An id that names nothing known is said so, not silently empty.
    let o = d.cancu(&["search", "--cites", "9999/QD-XYZ"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: no indexed document cites 9999/QD-XYZ"),
        "{}",
        stderr(&o)
    );
}
