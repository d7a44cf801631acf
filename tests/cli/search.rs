//! `cancu index`, `cancu search` and `cancu show`: on the seeds and on
//! documents written for the test.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::util::{generation_file, ndjson, seeded, stderr, stdout, Dir};

/// Index the folder's corpus, expecting success; the summary.
fn index(d: &Dir, extra: &[&str]) -> Value {
    let mut argv = vec!["index", "--json"];
    argv.extend_from_slice(extra);
    let o = d.cancu(&argv);
    assert!(o.status.success(), "index {extra:?}: {}", stderr(&o));
    ndjson(&o).remove(0)
}

/// `cancu search ARGS --json`: the hits (a facets line, if any, left out).
fn search(d: &Dir, args: &[&str]) -> Vec<Value> {
    let mut argv = vec!["search", "--json"];
    argv.extend_from_slice(args);
    let o = d.cancu(&argv);
    assert!(o.status.success(), "search {args:?}: {}", stderr(&o));
    ndjson(&o).into_iter().filter(|v| v.get("facets").is_none()).collect()
}

/// The file names of the hits, in order.
fn names(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect()
}

/// Each case: the search arguments, and the files found, in order.
fn check(d: &Dir, cases: &[(&[&str], &[&str])]) {
    for (args, expect) in cases {
        assert_eq!(names(&search(d, args)), *expect, "search {args:?}");
    }
}

const S000: &str = "000_3e04f7b4aea0b5e4.txt";
const S001: &str = "001_90fff97920079c35.txt";
const S002: &str = "002_2d9da3428af69006.txt";
const S003: &str = "003_798d9b088e52fc0e.txt";
const S004: &str = "004_f7e41c7e93cfee71.txt";

#[test]
fn search_builds_the_index_on_first_use() {
    let d = seeded(&[]);
    let o = d.cancu(&["search", "--json", "khuyen hoc"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no index in index: building it from corpus first"),
        "{}",
        stderr(&o)
    );
    let hits = ndjson(&o);
    assert_eq!(hits.len(), 5, "every seed speaks of khuyến học");
    // The second search uses the index, silently.
    let o = d.cancu(&["search", "khuyen hoc"]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    assert!(stdout(&o).starts_with("5 document(s) match the query khuyen hoc; showing 1–5 of 5 in the index\n"));
    // The count line says what the page shows, when it shows nothing too.
    for (args, line) in [
        (
            &["khuyen hoc", "-n", "2", "--offset", "3"][..],
            "5 document(s) match the query khuyen hoc; showing 4–5 of 5 in the index\n",
        ),
        (
            &["khuyen hoc", "--offset", "7"],
            "5 document(s) match the query khuyen hoc (5 in the index); --offset 7 is past the last of them\n",
        ),
        (&["zzqqx"], "0 document(s) match the query zzqqx (5 in the index)\n"),
    ] {
        let mut argv = vec!["search"];
        argv.extend_from_slice(args);
        let o = d.cancu(&argv);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).starts_with(line), "{args:?}: {}", stdout(&o));
    }
    assert!(d.path().join("index/search/meta.json").is_file());
    for f in ["graph.bin", "manifest.json"] {
        assert!(generation_file(&d.path().join("index"), f).is_file(), "{f}");
    }
}

#[test]
fn snippets_point_into_the_text_as_written() {
    let d = seeded(&[]);
    for hit in search(&d, &["khuyen hoc", "-n", "5"]) {
        let text = std::fs::read_to_string(d.path().join(hit["path"].as_str().unwrap())).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let s = &hit["snippets"][0];
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(chars[a..b].iter().collect::<String>(), s["text"].as_str().unwrap());
        let marked: Vec<String> = s["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let (x, y) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
                chars[x..y].iter().collect::<String>().to_lowercase()
            })
            .collect();
        assert!(!marked.is_empty());
        assert!(marked.iter().all(|w| w == "khuyến" || w == "học"), "{marked:?}");
    }
}

/// Short documents with the phenomena of Vietnamese search.
fn written() -> Dir {
    let d = Dir::new();
    let nfd = "Hội Khuye\u{302}\u{301}n ho\u{323}c xã Tân Hoà.\n";
    for (name, text) in [
        ("a_duong.txt", "Con đường học tập suốt đời của mỗi người.\n"),
        ("b_duong.txt", "Tỉnh Bình Dương xây dựng xã hội học tập.\n"),
        ("c_hoa.txt", "Phường Tân Hòa ra mắt mô hình công dân học tập.\n"),
        ("d_nfd.txt", nfd),
        ("e_order.txt", "Học tập của công dân trong gia đình.\n"),
        ("f_symbol.txt", "Thực hiện Quyết định số 1373/QĐ - TTg của Thủ tướng.\n"),
    ] {
        d.write(&format!("corpus/{name}"), text);
    }
    d
}

#[test]
fn vietnamese_matching() {
    let d = written();
    index(&d, &[]);
    check(
        &d,
        &[
            // Without diacritics, both; with them, that word only.
            (&["duong"], &["a_duong.txt", "b_duong.txt"]),
            (&["đường"], &["a_duong.txt"]),
            (&["Dương"], &["b_duong.txt"]),
            // Both tone placements are one word; NFD text is read as words.
            // (equal matches: the shorter document first)
            (&["hòa"], &["d_nfd.txt", "c_hoa.txt"]),
            (&["hoà"], &["d_nfd.txt", "c_hoa.txt"]),
            (&["khuyến học"], &["d_nfd.txt"]),
            (&["KHUYEN"], &["d_nfd.txt"]),
            // Phrases keep the order; words alone do not.
            (&["\"công dân học tập\""], &["c_hoa.txt"]),
            (&["cong dan hoc tap"], &["c_hoa.txt", "e_order.txt"]),
            // OR, exclusion, a symbol in any spacing.
            (&["đường OR hòa"], &["a_duong.txt", "d_nfd.txt", "c_hoa.txt"]),
            (&["học -tập"], &["d_nfd.txt"]),
            (&["1373/QĐ-TTg"], &["f_symbol.txt"]),
            (&["\"1373 qd ttg\""], &["f_symbol.txt"]),
            (&["nothing-like-this"], &[]),
        ],
    );
    // The NFD document's highlight covers the whole word as written.
    let hit = &search(&d, &["khuyen"])[0];
    let text: Vec<char> = std::fs::read_to_string(d.path().join("corpus/d_nfd.txt"))
        .unwrap()
        .chars()
        .collect();
    let h = &hit["snippets"][0]["highlights"][0];
    let word: String = text[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(word, "Khuye\u{302}\u{301}n");
}

#[test]
fn filters_and_fields_on_the_seeds() {
    let d = seeded(&[]);
    index(&d, &[]);
    check(
        &d,
        &[
            (&["--province", "Bến Tre"], &[S001, S003]),
            (&["--province", "ben tre"], &[S001, S003]),
            // Today's province covers the provinces merged into it.
            (&["--province", "Vĩnh Long"], &[S001, S003]),
            (&["--province", "Lâm Đồng"], &[S004]),
            (&["--province", "An Giang"], &[S000]),
            (&["--kind", "news"], &[S002]),
            (&["--year", "2017"], &[S003]),
            (&["--period", "2024-2030"], &[S000, S002, S004]),
            (&["--period", "2019"], &[S001, S003]),
            (&["--cites", "11-CT/TW"], &[S000, S001, S002, S003, S004]),
            (&["--cites", "49 - kl/tw"], &[S000, S004]),
            // Through the graph: 002 cites 1373/QĐ-TTg, which the catalogue
            // says carries out 49-KL/TW's line; 000 rests on it through 31-CT/TU.
            (&["--cites", "49-KL/TW", "--transitive"], &[S000, S002, S004]),
            (&["--signer", "le ngoc buu"], &[S003]),
            (&["--party", "Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre"], &[S001]),
            (&["--party", "bo chi huy quan su"], &[S000]),
            (&["title:quân sự"], &[S000]),
            (&["party:\"quan su\""], &[S000]),
            // Words are ANDed anywhere: "quan" is in a party of 002 (cơ quan), "sự" in its text.
            (&["party:quan", "sự"], &[S000, S002]),
            (
                &[
                    "khuyến học",
                    "--province",
                    "Vĩnh Long",
                    "--kind",
                    "agreement",
                    "--year",
                    "2017",
                ],
                &[S003],
            ),
            (
                &[
                    "--sort",
                    "date",
                    "--kind",
                    "agreement",
                    "--period",
                    "2017-2030",
                    "-n",
                    "2",
                ],
                &[S004, S003],
            ),
            (&["--offset", "3", "--cites", "11-CT/TW"], &[S003, S004]),
        ],
    );
}

#[test]
fn facets_count_the_matching_documents() {
    let d = seeded(&[]);
    index(&d, &[]);
    let o = d.cancu(&["search", "--json", "--facets", "--cites", "11-CT/TW"]);
    let lines = ndjson(&o);
    let last = lines.last().unwrap();
    assert_eq!(last["total"], 5);
    let f = &last["facets"];
    assert_eq!(f["kind"], serde_json::json!([["agreement", 4], ["news", 1]]));
    assert_eq!(f["province_now"][0], serde_json::json!(["Vĩnh Long", 2]));
    assert_eq!(f["cites"][0], serde_json::json!(["11-CT/TW", 5]));
    let years: Vec<&str> = f["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y[0].as_str().unwrap())
        .collect();
    assert_eq!(years, ["2024", "2022", "2017"]);
    // And as text.
    let o = d.cancu(&["search", "--facets", "--kind", "news"]);
    assert!(stdout(&o).contains("kind:\n      1  news"), "{}", stdout(&o));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let d = seeded(&[]);
    index(&d, &[]);
    let plain = d.cancu(&["search", "khuyen hoc"]);
    assert!(!stdout(&plain).contains('\x1b'));
    let coloured = d.cancu(&["search", "--color", "always", "khuyen hoc"]);
    assert!(
        stdout(&coloured).contains("\x1b[1;31mKhuyến\x1b[0m"),
        "{}",
        stdout(&coloured)
    );
}

const DISTRICT: &str = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 15/CTrPH-PGDĐT-HKH\n\nGia Nghĩa, ngày 2 tháng 10 năm 2024\n\n\
CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Phòng Giáo dục và Đào tạo và Hội Khuyến học thành phố Gia Nghĩa giai đoạn 2024-2030\n\n\
Căn cứ Chương trình phối hợp số 1748/CTrPH-SGDĐT-HKH ngày 13/9/2024 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông;\n\n\
I. NỘI DUNG\n\n1. Phối hợp.\n";

#[test]
fn show_prints_one_documents_facts() {
    let d = seeded(&[("005_district.txt", DISTRICT)]);
    index(&d, &[]);
    // By file name, by number in another spelling.
    for what in [S004, "1748/CTrPH-SGDĐT-HKH", "1748 / ctrph-sgdđt-hkh"] {
        let o = d.cancu(&["show", "--json", what]);
        assert!(o.status.success(), "{what}: {}", stderr(&o));
        let v = &ndjson(&o)[0];
        assert_eq!(v["path"], format!("corpus/{S004}"));
        assert_eq!(v["number"], "1748/CTrPH-SGDĐT-HKH");
        assert_eq!(v["parent"], "02/CTr-BGDĐT-HKHVN");
        let by: Vec<&str> = v["implemented_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["label"].as_str().unwrap())
            .collect();
        assert_eq!(by, ["corpus/005_district.txt"]);
    }
    let o = d.cancu(&["show", S003]);
    let text = stdout(&o);
    for line in [
        "number:    2381/CTPH-SGD&ĐT-HKH",
        "province:  Bến Tre (today Vĩnh Long)",
        "parent:    681/CTr-BGDĐT-HKHVN",
        "    Lê Ngọc Bửu — Giám đốc, for Sở Giáo dục và Đào tạo tỉnh Bến Tre",
        "legal basis (preamble) (1):",
        "    681/CTr-BGDĐT-HKHVN",
        "mentioned in the body (7):",
        "implemented by (0):",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    let o = d.cancu(&["show", "nothing.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no indexed document is \"nothing.txt\""));
}

#[test]
fn updates_are_incremental() {
    let d = seeded(&[]);
    let first = index(&d, &[]);
    assert_eq!(
        (first["added"].as_u64(), first["documents"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(first["citations"], 42);
    let again = index(&d, &[]);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(5))
    );

    // One changed, one new, one gone.
    let p = d.path().join(format!("corpus/{S002}"));
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("Tuyên Quang", "Tuyen Quang") + "\nMô hình xóm học tập kiểu mẫu.\n",
    )
    .unwrap();
    d.write("corpus/005_district.txt", DISTRICT);
    std::fs::remove_file(d.path().join(format!("corpus/{S001}"))).unwrap();
    let s = index(&d, &[]);
    for (k, n) in [
        ("added", 1),
        ("updated", 1),
        ("unchanged", 3),
        ("removed", 1),
        ("documents", 5),
    ] {
        assert_eq!(s[k], n, "{k}: {s}");
    }
    check(
        &d,
        &[
            (&["\"xóm học tập kiểu mẫu\""], &[S002]),
            (&["--province", "Bến Tre"], &[S003]),
            (&["\"Gia Nghĩa\""], &["005_district.txt"]),
        ],
    );
    // The graph follows: the new district agreement implements 004.
    let o = d.cancu(&["graph", "implements", "1748/CTrPH-SGDĐT-HKH", "--json"]);
    assert_eq!(ndjson(&o).len(), 1, "{}", stdout(&o));
    // The manifest lists what is indexed, with hashes.
    let m: Value = serde_json::from_str(
        &std::fs::read_to_string(generation_file(&d.path().join("index"), "manifest.json")).unwrap(),
    )
    .unwrap();
    let files: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 5);
    assert!(!files.iter().any(|f| f.ends_with(S001)));
    assert_eq!(m["files"][0]["hash"].as_str().unwrap().len(), 64);
    assert_eq!(m["counts"]["documents"], 5);
    // A touched file whose bytes are the same is not extracted again.
    let p = d.path().join(format!("corpus/{S003}"));
    std::fs::write(&p, std::fs::read(&p).unwrap()).unwrap();
    let s = index(&d, &[]);
    assert_eq!((s["updated"].as_u64(), s["unchanged"].as_u64()), (Some(0), Some(5)));
    // --rebuild starts over.
    let s = index(&d, &["--rebuild"]);
    assert_eq!(
        (s["added"].as_u64(), s["rebuilt"].as_str()),
        (Some(5), Some("asked with --rebuild"))
    );
}

#[test]
fn a_catalogue_change_rebuilds_by_itself() {
    let d = seeded(&[]);
    index(&d, &[]);
    d.write(
        "extra.toml",
        "version = 1\n\n[[instrument]]\nid = \"31-CT/TU\"\ntype = \"Chỉ thị\"\ndate = \"2019-07-30\"\nscope = \"An Giang\"\nimplements = [\"49-KL/TW\"]\n",
    );
    let s = index(&d, &["--catalog", "extra.toml"]);
    assert_eq!(s["rebuilt"], "the catalogue or reference data changed");
    assert_eq!(s["added"], 5);
    let s = index(&d, &["--catalog", "extra.toml"]);
    assert_eq!((s["rebuilt"].is_null(), s["unchanged"].as_u64()), (true, Some(5)));
}

#[test]
fn a_locked_index_is_refused_and_still_searchable() {
    let d = seeded(&[]);
    index(&d, &[]);
    let lock = std::fs::File::options()
        .write(true)
        .open(d.path().join("index/cancu.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let o = d.cancu(&["index"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the index is locked"), "{}", stderr(&o));
    assert_eq!(search(&d, &["khuyen"]).len(), 5);
    drop(lock);
    index(&d, &[]);
}

/// Many documents: the seeds again and again under other names.
fn many(d: &Dir, n: usize) {
    let seeds: Vec<String> = [S000, S001, S002, S003, S004]
        .iter()
        .map(|s| std::fs::read_to_string(d.path().join("corpus").join(s)).unwrap())
        .collect();
    for i in 0..n {
        d.write(
            &format!("corpus/more/{i:05}.txt"),
            format!("{}\nBản số {i}.\n", seeds[i % seeds.len()]),
        );
    }
}

#[test]
fn an_interrupted_index_leaves_the_previous_one() {
    let d = seeded(&[]);
    index(&d, &[]);
    many(&d, 3000);
    for delay in [150, 600] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cancu"))
            .args(["index", "--quiet"])
            .current_dir(d.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // Searching while it runs works, on a complete index.
        let during = search(&d, &["--cites", "11-CT/TW", "-n", "1", "--facets"]);
        assert_eq!(during.len(), 1);
        child.kill().unwrap();
        child.wait().unwrap();
        let o = d.cancu(&["search", "--json", "--facets", "khuyen"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let total = ndjson(&o).last().unwrap()["total"].as_u64().unwrap();
        assert!(total == 5 || total == 3005, "a half-written index: {total} documents");
    }
    let s = index(&d, &[]);
    assert_eq!(s["documents"], 3005);
}

#[test]
fn bad_files_are_reported_and_good_ones_indexed() {
    let d = seeded(&[]);
    index(&d, &[]);
    let good_docx = crate::formats::docx(&["Chỉ thị số 11-CT/TW về khuyến học".to_string()], None);
    let bad: &[(&str, Vec<u8>, &str)] = &[
        ("bad/empty.txt", Vec::new(), "empty"),
        ("bad/binary.txt", (0u8..=255).cycle().take(4096).collect(), ""),
        ("bad/latin.txt", b"caf\xe9 \xff\xfe\x00 na\xefve".to_vec(), ""),
        (
            "bad/nul.txt",
            b"Khuy\x00\x00\x00\x00\x00\x00\x00\x00\x00en".to_vec(),
            "",
        ),
        (
            "bad/truncated.docx",
            good_docx[..good_docx.len() / 2].to_vec(),
            "not a readable Word document",
        ),
        (
            "bad/old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00".to_vec(),
            "libreoffice",
        ),
        ("bad/broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog".to_vec(), ""),
        (
            "bad/deep.html",
            format!("<html><body>{}</body></html>", "<div>".repeat(5000)).into_bytes(),
            "nested",
        ),
        (
            "bad/huge.txt",
            "Khuyến học. ".repeat(200_000).into_bytes(),
            "over the limit",
        ),
    ];
    for (name, bytes, _) in bad {
        d.write(&format!("corpus/{name}"), bytes);
    }
    d.write("corpus/good.docx", &good_docx);
    d.write("corpus/long-line.txt", "Khuyến học ".repeat(100_000));
    let o = d.cancu(&["index", "--json", "--max-file-size", "2000000"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for (name, _, reason) in bad {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("corpus/{name}")))
            .unwrap_or_else(|| panic!("{name} not reported:\n{err}"));
        assert!(line.starts_with("cancu: skipped "), "{line}");
        assert!(line.contains(reason), "{line}");
    }
    let s = &ndjson(&o)[0];
    assert_eq!(s["documents"], 7, "{s}");
    assert_eq!(s["skipped"].as_array().unwrap().len(), bad.len());
    check(&d, &[(&["--cites", "11-CT/TW", "--kind", "other"], &["good.docx"])]);

    // A file already indexed that turns bad keeps its indexed version.
    std::fs::write(
        d.path().join(format!("corpus/{S003}")),
        b"\x00\x01\x02 garbage \xff\xfd",
    )
    .unwrap();
    let o = d.cancu(&["index", "--max-file-size", "2000000"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("corpus/{S003}")) && stderr(&o).contains("the version indexed before is kept"),
        "{}",
        stderr(&o)
    );
    let o = d.cancu(&["show", "--json", S003]);
    assert_eq!(ndjson(&o)[0]["number"], "2381/CTPH-SGD&ĐT-HKH");
    check(&d, &[(&["--signer", "Lê Ngọc Bửu"], &[S003])]);
}

#[test]
fn the_same_corpus_gives_the_same_bytes() {
    let (a, b) = (seeded(&[]), seeded(&[]));
    for d in [&a, &b] {
        index(d, &[]);
    }
    for file in ["manifest.json", "graph.bin"] {
        let read = |d: &Dir| {
            let bytes = std::fs::read(generation_file(&d.path().join("index"), file)).unwrap();
            // Roots are absolute paths: the two folders differ there only.
            String::from_utf8_lossy(&bytes).replace(&d.path().display().to_string(), "ROOT")
        };
        assert_eq!(read(&a), read(&b), "{file}");
    }
    for args in [
        &["search", "--json", "--facets", "hoc tap"][..],
        &["show", "--json", S000][..],
    ] {
        assert_eq!(a.cancu(args).stdout, b.cancu(args).stdout, "{args:?}");
    }
}

/// `--transitive` reads the generation's `graph.bin`; `cancu index
/// --rebuild` writes it again, and a damaged one is an error naming the
/// file and what to run.
#[test]
fn transitive_search_reads_the_graph_file() {
    let d = seeded(&[]);
    index(&d, &[]);
    let graph = generation_file(&d.path().join("index"), "graph.bin");
    assert!(graph.is_file(), "cancu index writes graph.bin");
    let cases: &[(&[&str], &[&str])] = &[
        // Most of the corpus rests on it, and a few documents do.
        (&["--cites", "49-KL/TW", "--transitive"], &[S000, S002, S004]),
        (
            &["--cites", "11-CT/TW", "--transitive", "--sort", "date"],
            &[S004, S002, S003, S000, S001],
        ),
        (&["--cites", "31-CT/TU", "--transitive"], &[S000]),
        (&["--cites", "681/CTr-BGDĐT-HKHVN", "--transitive"], &[S003]),
    ];
    check(&d, cases);

    let o = d.cancu(&["index", "--rebuild"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let graph = generation_file(&d.path().join("index"), "graph.bin");
    assert!(graph.is_file(), "a rebuilt index has its graph file");
    check(&d, cases);

    std::fs::write(&graph, b"CANCUGRAPH\x02\x00\x00\x00 not a graph").unwrap();
    let o = d.cancu(&["search", "--cites", "49-KL/TW", "--transitive"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("graph.bin"), "{}", stderr(&o));
    assert!(stderr(&o).contains("cancu index"), "{}", stderr(&o));
}

#[test]
fn a_multi_megabyte_one_line_document_gives_a_bounded_title_and_snippet() {
    // A news report of three megabytes on one line: its headline is the whole line.
    let sentence = "Hội Khuyến học tỉnh Bến Tre phối hợp với Sở Giáo dục. ";
    let line = sentence.repeat(3 * 1024 * 1024 / sentence.len());
    let d = Dir::new();
    d.write("corpus/one.txt", &line);
    index(&d, &[]);
    let hits = search(&d, &["khuyen hoc"]);
    assert_eq!(names(&hits), ["one.txt"]);
    let h = &hits[0];
    let title = h["title"].as_str().unwrap();
    let kept = title.strip_suffix('…').expect("a cut title ends with …");
    assert!(title.chars().count() <= 301, "{} characters", title.chars().count());
    // Cut at a word: the title goes on with a space.
    assert!(line.starts_with(kept) && line[kept.len()..].starts_with(' '), "{title}");
    let title_chars: Vec<char> = title.chars().collect();
    let marked: Vec<String> = h["title_highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            title_chars[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        })
        .collect();
    // Every sentence of the cut title has both words.
    assert_eq!(marked.len(), 2 * kept.matches("Khuyến học").count());
    assert!(marked.iter().all(|w| w == "Khuyến" || w == "học"), "{marked:?}");
    // One snippet of about 160 characters, pointing into the text.
    let chars: Vec<char> = line.chars().collect();
    let s = &h["snippets"][0];
    let (a, b) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[a..b].iter().collect::<String>(), s["text"].as_str().unwrap());
    assert!(b - a <= 240, "{} characters", b - a);
    assert!(!s["highlights"].as_array().unwrap().is_empty());
    // The text output is a few lines, whatever the document's length.
    let o = d.cancu(&["search", "khuyen hoc"]);
    assert!(o.status.success());
    assert!(o.stdout.len() < 2_000, "{} bytes", o.stdout.len());
    assert_eq!(stdout(&o).lines().count(), 6, "{}", stdout(&o));
}

#[test]
fn queries_out_of_bounds_are_refused_before_the_index_is_opened() {
    let d = seeded(&[]);
    let long_word = "ế".repeat(200);
    let many = vec!["học"; 33].join(" ");
    let long = "ab ".repeat(400);
    for (query, message) in [
        (
            long_word.as_str(),
            "cancu: the query word \"ếếếếếếếếếếếếếếếếếếếế…\" is longer than 200 bytes; no indexed word is that long\n",
        ),
        (many.as_str(), "cancu: the query has 33 words; at most 32 are allowed\n"),
        (long.as_str(), "cancu: the query is 1200 characters long; at most 1000 are allowed\n"),
        (
            "★ .,;",
            "cancu: the query has no word to search for, only punctuation or operators (give no query to list every document)\n",
        ),
        (
            "- OR",
            "cancu: the query has no word to search for, only punctuation or operators (give no query to list every document)\n",
        ),
    ] {
        let o = d.cancu(&["search", "--", query]);
        assert_eq!(o.status.code(), Some(2), "{query}");
        assert_eq!(stderr(&o), message);
        assert_eq!(stdout(&o), "");
    }
    // Refused before anything was built.
    assert!(!d.path().join("index").exists());
    index(&d, &[]);
    // The longest word the index holds is searched (and found nowhere); a
    // longer one is refused rather than dropped, which matched every document.
    assert!(search(&d, &[&"a".repeat(200)]).is_empty());
    let o = d.cancu(&["search", &"a".repeat(201)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is longer than 200 bytes"), "{}", stderr(&o));
    // Punctuation around words is still fine; whitespace only lists every document.
    assert_eq!(search(&d, &["«khuyến» ★ (học)"]).len(), 5);
    assert_eq!(search(&d, &["  "]).len(), 5);
}

#[test]
fn numeric_options_have_documented_ranges() {
    let d = seeded(&[]);
    index(&d, &[]);
    // Each case: the arguments, and what clap says of the value.
    let out_of_range: &[(&[&str], &str)] = &[
        (&["search", "--limit", "0"], "0 is not in 1..=10000"),
        (&["search", "--limit", "99999999999"], "99999999999 is not in 1..=10000"),
        (&["search", "--limit", "18446744073709551615"], "is not in 1..=10000"),
        (&["search", "--offset", "100001"], "100001 is not in 0..=100000"),
        (&["search", "--year", "99"], "99 is not in 1000..=9999"),
        (
            &["search", "--cites", "11-CT/TW", "--transitive", "--depth", "0"],
            "0 is not in 1..=100",
        ),
        (
            &["search", "--timeout", "18446744073709551615", "x"],
            "is not in 1..=86400",
        ),
        (
            &["search", "--max-file-size", "18446744073709551615", "x"],
            "is not in 1..=4294967296",
        ),
        (&["search", "--limit", "-1"], "unexpected argument '-1'"),
        (&["show", "--depth", "101", S003], "101 is not in 1..=100"),
        (
            &["graph", "implements", "11-CT/TW", "--depth", "18446744073709551616"],
            "number too large",
        ),
        (
            &["graph", "implements", "11-CT/TW", "--depth", "18446744073709551615"],
            "is not in 1..=100",
        ),
        (&["graph", "basis", S003, "--depth", "0"], "0 is not in 1..=100"),
        (
            &["export", "--format", "dot", "--around", "11-CT/TW", "--depth", "101"],
            "101 is not in 0..=100",
        ),
        (
            &["extract", "--max-file-size", "0", "corpus"],
            "0 is not in 1..=4294967296",
        ),
        (&["extract", "--timeout", "0", "corpus"], "0 is not in 1..=86400"),
        (
            &["index", "--max-file-size", "18446744073709551615"],
            "is not in 1..=4294967296",
        ),
        (&["check", "--timeout", "86401"], "86401 is not in 1..=86400"),
    ];
    for (args, said) in out_of_range {
        let o = d.cancu(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // The ends of each range are taken.
    assert_eq!(search(&d, &["khuyen hoc", "--limit", "1"]).len(), 1);
    assert_eq!(search(&d, &["khuyen hoc", "--limit", "10000"]).len(), 5);
    assert_eq!(search(&d, &["khuyen hoc", "--offset", "100000"]).len(), 0);
    assert_eq!(search(&d, &["khuyen hoc", "--year", "9999"]).len(), 0);
    let o = d.cancu(&[
        "extract",
        "--max-file-size",
        "4294967296",
        "--timeout",
        "86400",
        "corpus",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = d.cancu(&["extract", "--max-file-size", "1", "corpus"]);
    assert_eq!(o.status.code(), Some(1), "every file is over one byte");
    // Each range is in the help.
    for (cmd, ranges) in [
        (
            "search",
            &[
                "1 to 10000",
                "0 to 100000",
                "1000 to 9999",
                "1 to 100",
                "1 to 4294967296",
                "1 to 86400",
            ][..],
        ),
        ("show", &["1 to 100"][..]),
        ("export", &["0 to 100"][..]),
        ("index", &["1 to 4294967296", "1 to 86400"][..]),
    ] {
        let help = stdout(&d.cancu(&[cmd, "--help"]));
        for r in ranges {
            assert!(help.contains(r), "{cmd} --help lacks {r:?}:\n{help}");
        }
    }
    let help = stdout(&d.cancu(&["graph", "implements", "--help"]));
    assert!(help.contains("1 to 100"), "{help}");
}

/// Copy a folder's files (one level of subfolders).
fn copy_index(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_index(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn a_damaged_index_is_answered_not_panicked() {
    let d = seeded(&[]);
    index(&d, &[]);
    let commands: [&[&str]; 2] = [&["search", "khuyen hoc"], &["show", S003]];
    let good: Vec<String> = commands.iter().map(|c| stdout(&d.cancu(c))).collect();
    let mut segment_files: Vec<String> = std::fs::read_dir(d.path().join("index/search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !name.ends_with(".json"))
        .collect();
    segment_files.sort();
    assert!(segment_files.len() >= 6, "{segment_files:?}");
    // Each segment file flipped in its own copy of the index, at 32 places
    // and in its footer; the files side by side.
    let outcomes: Vec<(usize, usize, usize)> = std::thread::scope(|s| {
        let jobs: Vec<_> = segment_files
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let (d, good) = (&d, &good);
                s.spawn(move || {
                    let copy = format!("copy{k}");
                    std::fs::create_dir_all(d.path().join(&copy)).unwrap();
                    copy_index(&d.path().join("index"), &d.path().join(&copy));
                    let file = d.path().join(&copy).join("search").join(name);
                    let bytes = std::fs::read(&file).unwrap();
                    let n = bytes.len();
                    let mut offsets: Vec<usize> = (0..32).map(|i| i * n / 32).chain(n.saturating_sub(16)..n).collect();
                    offsets.dedup();
                    let (mut answered, mut caught, mut same) = (0, 0, 0);
                    for at in offsets {
                        let mut flipped = bytes.clone();
                        flipped[at] ^= 0xff;
                        std::fs::write(&file, &flipped).unwrap();
                        for (c, good) in commands.iter().zip(good) {
                            let mut args = c.to_vec();
                            args.extend(["--index", &copy]);
                            let o = d.cancu(&args);
                            let err = stderr(&o);
                            let what = format!("{c:?} with byte {at} of {name} flipped");
                            assert!(
                                !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
                                "{what}: {err}"
                            );
                            let damaged = format!(
                                "cancu: {copy}: the index is damaged: run `cancu index --rebuild --index {copy}`"
                            );
                            match o.status.code() {
                                Some(2) => {
                                    assert!(err.starts_with(&damaged) && err.lines().count() == 1, "{what}: {err}");
                                    answered += 1;
                                    // A panic inside tantivy has no detail to add.
                                    caught += usize::from(err == format!("{damaged}\n"));
                                }
                                // Harmless, or a change tantivy cannot see without
                                // reading every file's checksum (a score in the
                                // postings, a letter of a stored text).
                                Some(0) => {
                                    let out = stdout(&o);
                                    assert!(err.is_empty(), "{what}: {err}");
                                    assert!(
                                        out.starts_with("5 document(s) match") || out.starts_with("corpus/003"),
                                        "{what}: {out}"
                                    );
                                    same += usize::from(out == *good);
                                }
                                other => panic!("{what}: exit {other:?}: {err}"),
                            }
                        }
                    }
                    (answered, caught, same)
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap()).collect()
    });
    let answered: usize = outcomes.iter().map(|o| o.0).sum();
    let caught: usize = outcomes.iter().map(|o| o.1).sum();
    let same: usize = outcomes.iter().map(|o| o.2).sum();
    assert!(
        caught > 0 && answered > caught && same > 10,
        "{answered} damaged ({caught} panics), {same} unchanged"
    );
    // The command it names repairs it.
    let store = segment_files.iter().find(|n| n.ends_with(".store")).unwrap();
    let file = d.path().join("index/search").join(store);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[0] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let o = d.cancu(commands[0]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("cancu: index: the index is damaged: run `cancu index --rebuild`"));
    index(&d, &["--rebuild"]);
    assert_eq!(stdout(&d.cancu(commands[0])), good[0]);
}

/// Documents that score the same (the same words, the same length) fill a
/// page in path order, whatever order the index took them in: built in one
/// run, or second half first, the pages are the same and are the slices of
/// the whole ordered list.
#[test]
fn equal_scores_fill_a_page_in_path_order_whatever_order_the_index_was_built_in() {
    let text =
        "KẾ HOẠCH\nKhuyến học, khuyến tài ở thôn\n\nThực hiện Chỉ thị số 11-CT/TW ngày 13/4/2017 của Bộ Chính trị.\n";
    let (one, two) = (Dir::new(), Dir::new());
    for i in 0..60 {
        let name = format!("corpus/{}/doc{i:02}.txt", if i < 30 { "a" } else { "b" });
        one.write(&name, text);
        two.write(&name, text);
    }
    index(&one, &["corpus"]);
    index(&two, &["corpus/b"]);
    index(&two, &["corpus/a"]);
    let every: Vec<String> = (0..60).map(|i| format!("doc{i:02}.txt")).collect();
    for args in [
        &["khuyến học"][..],
        &["--cites", "11-CT/TW"],
        &["--cites", "11-CT/TW", "--transitive"],
        &["khuyến học", "--sort", "date"],
    ] {
        let all = |d: &Dir| {
            let mut a = args.to_vec();
            a.extend(["-n", "100"]);
            names(&search(d, &a))
        };
        assert_eq!(all(&one), every, "{args:?}");
        assert_eq!(all(&two), every, "{args:?}");
        for (offset, limit) in [("0", "7"), ("7", "7"), ("25", "10")] {
            let mut a = args.to_vec();
            a.extend(["--offset", offset, "-n", limit]);
            let from: usize = offset.parse().unwrap();
            let want = &every[from..from + limit.parse::<usize>().unwrap()];
            assert_eq!(names(&search(&one, &a)), want, "{args:?} {offset}+{limit}");
            assert_eq!(
                names(&search(&two, &a)),
                want,
                "{args:?} {offset}+{limit}, built second half first"
            );
        }
    }
}

#[test]
fn a_page_of_long_texts_answers_as_its_hits_asked_one_at_a_time() {
    // Six texts of about 150 KB: a page of them (900 KB) is read on every
    // core, a page of one of them on one thread; both give the same hits,
    // ranks, snippets and facets.
    let d = Dir::new();
    let filler = "Ủy ban nhân dân tỉnh triển khai xây dựng xã hội học tập trong các trường. ";
    for i in 0..6 {
        let mut text = format!("CHƯƠNG TRÌNH PHỐI HỢP số {}/CTr-HKH\n\n", i + 1);
        for n in 0..2000 {
            text.push_str(filler);
            if n == 300 * i + 100 {
                text.push_str(&"Hội khuyến học các cấp vận động. ".repeat(i + 1));
            }
        }
        d.write(&format!("corpus/long{i}.txt"), text);
    }
    index(&d, &[]);
    let all = |args: &[&str]| {
        let mut argv = vec!["search", "--json", "--facets", "khuyen hoc"];
        argv.extend_from_slice(args);
        let o = d.cancu(&argv);
        assert!(o.status.success(), "{}", stderr(&o));
        ndjson(&o)
    };
    let page = all(&["--limit", "6"]);
    let (hits, facets): (Vec<Value>, Vec<Value>) = page.into_iter().partition(|v| v.get("facets").is_none());
    assert_eq!((hits.len(), facets.len()), (6, 1));
    // The most mentions first.
    assert_eq!(
        names(&hits),
        [
            "long5.txt",
            "long4.txt",
            "long3.txt",
            "long2.txt",
            "long1.txt",
            "long0.txt"
        ]
    );
    for (k, hit) in hits.iter().enumerate() {
        assert_eq!(hit["rank"], k + 1);
        let snippet = hit["snippets"][0]["text"].as_str().expect("a snippet");
        assert!(snippet.contains("khuyến học"), "{snippet}");
        let one = all(&["--limit", "1", "--offset", &k.to_string()]);
        let (alone, alone_facets): (Vec<Value>, Vec<Value>) = one.into_iter().partition(|v| v.get("facets").is_none());
        assert_eq!(alone, std::slice::from_ref(hit), "hit {}", k + 1);
        assert_eq!(alone_facets, facets);
    }
}
