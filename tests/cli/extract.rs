//! `cancu extract` on real files.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::util::{cancu_in, cancu_into_closed_pipe, facts, ndjson, root, stderr, stdout, Dir};

/// Ids compare as the design says: NFC, `Ð` read as `Đ`, case-folded, no whitespace.
fn key(s: &str) -> String {
    s.nfc()
        .map(|c| if c == 'Ð' { 'Đ' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Names compare without case, marks or punctuation.
fn name_key(s: &str) -> String {
    let s: String = s
        .replace('Ð', "Đ")
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect();
    s.to_lowercase()
        .replace(['-', '–', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn seed_output() -> Vec<Value> {
    let o = cancu_in(&root(), &["extract", "--json", "corpus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    ndjson(&o)
}

/// Every field the gold gives, for every seed document, exactly.
#[test]
fn seeds_match_the_gold() {
    let gold: Value = serde_json::from_str(include_str!("../data/seeds.gold.json")).unwrap();
    let out = seed_output();
    assert_eq!(out.len(), 5, "the corpus README is not a document");
    for g in gold["documents"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let o = out
            .iter()
            .find(|o| o["path"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file}: no output"));
        for field in ["kind", "number", "date", "period"] {
            assert_eq!(o[field], g[field], "{file}: {field}");
        }
        assert_eq!(
            name_key(o["province"].as_str().unwrap()),
            name_key(g["province"].as_str().unwrap())
        );
        let parents: Vec<String> = g["parent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| key(p.as_str().unwrap()))
            .collect();
        match o["parent"].as_str() {
            Some(p) => assert!(parents.contains(&key(p)), "{file}: parent {p}"),
            None => assert!(parents.is_empty(), "{file}: parent missing"),
        }

        let got = o["citations"].as_array().unwrap();
        let want = g["citations"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{file}: citation count");
        for c in want {
            let mut keys = vec![key(c["id"].as_str().unwrap())];
            if let Some(alt) = c["alt"].as_array() {
                keys.extend(alt.iter().map(|a| key(a.as_str().unwrap())));
            }
            let p = got
                .iter()
                .find(|p| keys.contains(&key(p["id"].as_str().unwrap())))
                .unwrap_or_else(|| panic!("{file}: missed {}", c["id"]));
            assert_eq!(p["scope"], c["scope"], "{file}: {} scope", c["id"]);
            assert_eq!(p["form"], c["form"], "{file}: {} form", c["id"]);
            if c["date_in_text"] != Value::Bool(false) {
                assert_eq!(p["date"], c["date"], "{file}: {} date", c["id"]);
            } else {
                assert!(
                    p["date"].is_null() || p["date"] == c["date"],
                    "{file}: {} date",
                    c["id"]
                );
            }
        }

        let parties: Vec<String> = o["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| name_key(p["name"].as_str().unwrap()))
            .collect();
        let want_parties = g["parties"].as_array().unwrap();
        assert_eq!(parties.len(), want_parties.len(), "{file}: parties {parties:?}");
        for alts in want_parties {
            let alts: Vec<String> = alts
                .as_array()
                .unwrap()
                .iter()
                .map(|a| name_key(a.as_str().unwrap()))
                .collect();
            assert!(
                parties.iter().any(|p| alts.contains(p)),
                "{file}: missed party {alts:?} in {parties:?}"
            );
        }

        let signers: Vec<(String, Value)> = o["signatories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (name_key(s["name"].as_str().unwrap()), s["title"].clone()))
            .collect();
        for s in g["signatories"].as_array().unwrap() {
            let name = name_key(s["name"].as_str().unwrap());
            let (_, title) = signers
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("{file}: missed signatory {name}"));
            assert_eq!(title, &s["title"], "{file}: title of {name}");
        }
    }
}

#[test]
fn mentions_are_character_spans_into_the_file() {
    for o in seed_output() {
        let path = root().join(o["path"].as_str().unwrap());
        let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
        for c in o["citations"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            let number = id.split(|ch: char| !ch.is_ascii_digit()).next().unwrap();
            for m in c["mentions"].as_array().unwrap() {
                let (s, e) = (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
                let written: String = text[s..e].iter().collect();
                assert!(
                    written.contains(number) || written.contains(['“', '"']),
                    "{}: {id}: {written:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn same_corpus_same_bytes() {
    let a = cancu_in(&root(), &["extract", "--json", "corpus"]);
    let b = cancu_in(&root(), &["extract", "--json", "corpus"]);
    assert_eq!(a.stdout, b.stdout);
    let a = cancu_in(&root(), &["extract", "corpus"]);
    let b = cancu_in(&root(), &["extract", "corpus"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bad_files_are_named_and_the_rest_goes_on() {
    let d = Dir::new();
    let seed = std::fs::read(root().join("corpus/003_798d9b088e52fc0e.txt")).unwrap();
    d.write("docs/a_good.txt", &seed);
    d.write("docs/b_empty.txt", "");
    d.write("docs/c_binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00");
    d.write("docs/d_latin1.txt", b"Ch\xfd th\xf2 s\xf4 11-CT/TW");
    d.write("docs/e_blank.md", "  \n\n \t\n");
    d.write("docs/z_good.md", &seed);
    d.write("docs/README.md", "# about these files\n");
    d.write("docs/.hidden.txt", "hidden");
    d.write("docs/picture.png", b"\x89PNG");
    let o = d.cancu(&["extract", "--json", "docs", "missing.txt"]);
    assert_eq!(o.status.code(), Some(1), "files were skipped");
    let err = stderr(&o);
    for (file, reason) in [
        ("b_empty.txt", "empty file"),
        ("c_binary.txt", "binary file"),
        ("d_latin1.txt", "not valid UTF-8"),
        ("e_blank.md", "empty file"),
        ("missing.txt", "No such file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not reported: {err}"));
        assert!(line.contains(reason), "{line}");
    }
    assert!(err.contains("5 of 7 file(s) skipped"), "{err}");
    let out = ndjson(&o);
    let paths: Vec<&str> = out.iter().map(|o| o["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["docs/a_good.txt", "docs/z_good.md"]);
    assert_eq!(out[0]["number"], "2381/CTPH-SGD&ĐT-HKH");
}

#[test]
fn files_over_the_size_limit_are_refused_with_the_flag_to_raise_it() {
    let d = Dir::new();
    d.write("big.txt", "Chỉ thị số 11-CT/TW. ".repeat(100));
    let o = d.cancu(&["extract", "--max-file-size", "1000", "big.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("big.txt") && stderr(&o).contains("--max-file-size"),
        "{}",
        stderr(&o)
    );
    let o = d.cancu(&["extract", "--json", "--max-file-size", "100000", "big.txt"]);
    assert!(o.status.success());
    assert_eq!(ndjson(&o)[0]["citations"][0]["id"], "11-CT/TW");
}

#[test]
fn utf16_and_bom_read_like_utf8() {
    let d = Dir::new();
    let text = std::fs::read_to_string(root().join("corpus/004_f7e41c7e93cfee71.txt")).unwrap();
    d.write("plain.txt", &text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    d.write("bom.txt", bom);
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    d.write("le.txt", le);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    d.write("be.txt", be);
    let o = d.cancu(&["extract", "--json", "plain.txt", "bom.txt", "le.txt", "be.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    let encodings: Vec<&str> = out.iter().map(|o| o["encoding"].as_str().unwrap()).collect();
    assert_eq!(encodings, ["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"]);
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("path");
        v.as_object_mut().unwrap().remove("encoding");
        v
    };
    let first = strip(out[0].clone());
    assert_eq!(first["citations"].as_array().unwrap().len(), 15);
    for o in &out[1..] {
        assert_eq!(strip(o.clone()), first);
    }
}

#[test]
fn a_user_catalogue_extends_the_builtin_one() {
    let d = Dir::new();
    d.write(
        "mine.toml",
        "version = 1\n\n[[instrument]]\nid = \"31-CT/TU\"\ntype = \"Chỉ thị\"\ndate = \"2019-07-30\"\nscope = \"An Giang\"\nimplements = [\"49-KL/TW\"]\n",
    );
    let seed = root().join("corpus/000_3e04f7b4aea0b5e4.txt");
    let seed = seed.to_str().unwrap();
    let o = d.cancu(&["extract", "--json", "--catalog", "mine.toml", seed]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = &ndjson(&o)[0]["citations"][0];
    assert_eq!(c["id"], "31-CT/TU");
    assert_eq!(c["catalogued"], true);
    let o = d.cancu(&["extract", "--json", seed]);
    assert_eq!(ndjson(&o)[0]["citations"][0]["catalogued"], false);

    d.write("broken.toml", "version = 1\n[[instrument]]\nid = \n");
    let o = d.cancu(&["extract", "--catalog", "broken.toml", seed]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.toml"), "{}", stderr(&o));
}

#[test]
fn a_fifty_megabyte_file_is_read() {
    let d = Dir::new();
    let seed = std::fs::read_to_string(root().join("corpus/004_f7e41c7e93cfee71.txt")).unwrap();
    let mut text = String::with_capacity(52 * 1024 * 1024);
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&seed.replace("1912", &format!("{}", 10_000 + i)));
        i += 1;
    }
    d.write("huge.txt", &text);
    let o = d.cancu(&["extract", "--json", "huge.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    assert_eq!(out.len(), 1);
    let cites = out[0]["citations"].as_array().unwrap();
    // The 15 instruments of the seed, plus one renumbered local decision per copy.
    assert_eq!(cites.len(), 14 + i);
    assert_eq!(cites[0]["id"], "05/2021/QĐ-UBND");
    assert_eq!(cites[0]["mentions"].as_array().unwrap().len(), i);
}

#[test]
fn the_summary_reads_like_the_document() {
    let o = cancu_in(&root(), &["extract", "corpus/000_3e04f7b4aea0b5e4.txt"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for line in [
        "corpus/000_3e04f7b4aea0b5e4.txt  [agreement]",
        "  province:    An Giang",
        "  parent:      31-CT/TU",
        "  party:       Hội Khuyến học tỉnh An Giang",
        "  party:       Bộ Chỉ huy Quân sự tỉnh An Giang",
        "  signatory:   Nguyễn Lâm Đạt Thanh (Đại tá Phó Chỉ huy trưởng for Bộ Chỉ huy Quân sự tỉnh An Giang)",
        "  citations:   12",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn help_teaches_the_output() {
    let o = cancu_in(&root(), &["extract", "--help"]);
    assert!(o.status.success());
    let words = |o: &std::process::Output| stdout(o).split_whitespace().collect::<Vec<_>>().join(" ");
    let help = words(&o) + &words(&cancu_in(&root(), &["--help"]));
    for phrase in [
        "--json",
        "--catalog",
        "character offsets",
        "Exit status",
        "NDJSON",
        "cancu extract --json corpus/",
    ] {
        assert!(help.contains(phrase), "{phrase} missing from --help");
    }
}

/// Seed 003 as iconv encodes it in TCVN3 (TCVN5712-1) and Windows-1258, and
/// in VNI (by the published VNI table; no VNI converter is installed here):
/// every fact but the spans is the same as from the UTF-8 text.
#[test]
fn legacy_encodings_extract_like_utf8() {
    let dir = root().join("tests/data/legacy");
    let files = ["003.utf8.txt", "003.tcvn3.txt", "003.cp1258.txt", "003.vni.txt"];
    let args: Vec<String> = files.iter().map(|f| dir.join(f).display().to_string()).collect();
    let mut argv = vec!["extract", "--json"];
    argv.extend(args.iter().map(String::as_str));
    let o = cancu_in(&root(), &argv);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    let encodings: Vec<&str> = out.iter().map(|o| o["encoding"].as_str().unwrap()).collect();
    assert_eq!(encodings, ["utf-8", "tcvn3", "windows-1258", "vni"]);
    let want = facts(&out[0]);
    assert_eq!(want["citations"].as_array().unwrap().len(), 8);
    assert_eq!(want["signatories"].as_array().unwrap().len(), 2);
    for o in &out[1..] {
        assert_eq!(facts(o), want, "{}", o["encoding"]);
        assert_eq!(o["diagnostics"][0]["code"], "legacy-encoding");
    }
}

/// A name and a text that would drive a terminal: clear the screen, set the
/// window title, colour, ring the bell, reorder the line.
const EVIL_NAME: &str = "evil\u{1b}[2J\u{1b}]0;pwned\u{7}.txt";
const EVIL_TEXT: &str = "CHƯƠNG TRÌNH PHỐI HỢP \u{1b}[31mkhuyến học\u{1b}[0m \u{9b}1m\u{202e}cba\n\
Giữa Hội Khuyến học và Hội Nông dân tỉnh Lào Cai giai đoạn 2024-2030\n\n\
Căn cứ Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh;\u{1b}[8m\n\nI. NỘI DUNG\n\n\
1. Hội Khuyến học \u{1b}[1;31mphối hợp\u{7}.\n";

/// Whether text printed for a terminal holds a raw control or bidi character.
fn raw_controls(out: &str) -> Vec<char> {
    out.chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
        .collect()
}

#[test]
fn control_characters_from_names_and_texts_never_reach_the_terminal() {
    let d = Dir::new();
    d.write(&format!("corpus/{EVIL_NAME}"), EVIL_TEXT);
    d.write("corpus/empty\u{1b}[2J.txt", "");
    let shown = "evil\\x1b[2J\\x1b]0;pwned\\x07.txt";
    let runs: [&[&str]; 6] = [
        &["extract", "corpus"],
        &["check", "corpus"],
        &["index", "corpus"],
        &["search", "--color", "never", "khuyen hoc"],
        &["search", "--color", "never", "\u{1b}[2J khuyen"],
        &["show", EVIL_NAME],
    ];
    for args in runs {
        let o = d.cancu(args);
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(raw_controls(&out).is_empty(), "{args:?}: {:?}", raw_controls(&out));
        assert!(raw_controls(&err).is_empty(), "{args:?}: {err:?}");
        if args.contains(&"\u{1b}[2J khuyen") {
            // The query is shown as typed, made visible (no document has "2J").
            assert!(
                out.starts_with("0 document(s) match the query \\x1b[2J khuyen (1 in the index)\n"),
                "{out}"
            );
        } else if args[0] != "index" {
            assert!(out.contains(shown), "{args:?}:\n{out}");
        }
        if args[0] == "extract" {
            assert!(err.contains("empty\\x1b[2J.txt"), "{err}");
        }
    }
    // The text of the document: its stray controls were dropped when it was
    // read (and noted); the bidi override left is shown visibly.
    let o = d.cancu(&["search", "--color", "never", "phoi hop"]);
    assert!(
        stdout(&o).contains("PHỐI HỢP [31mkhuyến học[0m 1m\\u{202e}cba"),
        "{}",
        stdout(&o)
    );
    // Colour, when asked for, is cancu's own and only that.
    let o = d.cancu(&["search", "--color", "always", "khuyen hoc"]);
    let out = stdout(&o);
    assert!(out.contains(shown) && out.contains("\u{1b}[1;31m"));
    assert!(!out.contains("\u{1b}[2J") && !out.contains("\u{1b}]0") && !out.contains('\u{7}'));
    // JSON keeps the exact name and the text as read, escaped by JSON.
    let o = d.cancu(&["extract", "--json", &format!("corpus/{EVIL_NAME}")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!o.stdout.contains(&0x1b));
    assert_eq!(ndjson(&o)[0]["path"], format!("corpus/{EVIL_NAME}"));
    let o = d.cancu(&["search", "--json", "phoi hop"]);
    let hit = &ndjson(&o)[0];
    assert_eq!(hit["path"], format!("corpus/{EVIL_NAME}"));
    assert!(hit["snippets"][0]["text"]
        .as_str()
        .unwrap()
        .contains("PHỐI HỢP [31mkhuyến học[0m 1m\u{202e}cba"));
    let o = d.cancu(&["show", "--json", EVIL_NAME]);
    assert_eq!(ndjson(&o)[0]["path"], format!("corpus/{EVIL_NAME}"));
}
/// The real gazette texts and laws (`../shared/real`, or `$CANCU_REAL`),
/// unpacked into a temporary folder; None, with a message, when absent.
fn real_documents() -> Option<Dir> {
    let real = std::env::var_os("CANCU_REAL")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/real"));
    if !real.join("congbao.tar.xz").is_file() || !real.join("laws.tar.xz").is_file() {
        eprintln!("skipped: no real documents at {} (set CANCU_REAL)", real.display());
        return None;
    }
    let d = Dir::new();
    for archive in ["congbao.tar.xz", "laws.tar.xz"] {
        let ok = std::process::Command::new("tar")
            .arg("xJf")
            .arg(real.join(archive))
            .arg("-C")
            .arg(d.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: could not unpack {archive}");
            return None;
        }
    }
    Some(d)
}

/// A number compared as the metadata gives it: [`key`], no leading zeros.
fn number_key(s: &str) -> String {
    let k = key(s);
    let t = k.trim_start_matches('0');
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        t.to_string()
    } else {
        k
    }
}

/// A law's own number in its header: the first `Luật số:`, `Bộ luật số:` or
/// `Số:` (or `Luật`, `Bộ luật`) followed by `N/YYYY/QHnn`.
fn law_number(head: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for label in ["Luật", "luật", "Số"] {
        for (i, _) in head.match_indices(label) {
            let t = head[i + label.len()..].trim_start();
            let t = t.strip_prefix("số").unwrap_or(t).trim_start();
            let t = t.strip_prefix(':').unwrap_or(t).trim_start();
            let end = t
                .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .unwrap_or(t.len());
            let parts: Vec<&str> = t[..end].split('/').collect();
            let ok = parts.len() == 3
                && !parts[0].is_empty()
                && parts[0].chars().all(|c| c.is_ascii_digit())
                && parts[1].len() == 4
                && parts[2].len() > 2
                && parts[2].starts_with("QH")
                && parts[2][2..].chars().all(|c| c.is_ascii_digit());
            if ok && best.as_ref().is_none_or(|b| i < b.0) {
                best = Some((i, t[..end].to_string()));
            }
        }
    }
    best.map(|b| b.1)
}

/// On the real gazette texts and laws: the own number is read from every
/// header shape and is never one of the document's citations; citations
/// wrapped between the type word and `số` are found; laws cited by number
/// are laws. The floors sit just under what extraction reaches.
#[test]
fn real_gazette_own_numbers_and_citations() {
    let Some(d) = real_documents() else { return };
    // A few files are skipped (an empty law, texts with a stray NUL byte):
    // cancu says so on stderr and still prints every other document.
    let o = d.cancu(&["extract", "--json", "congbao", "laws"]);
    let (mut total, mut right, mut self_cite) = (0, 0, 0);
    let (mut wrapped, mut wrapped_found) = (0, 0);
    let (mut qh, mut qh_law) = (0, 0);
    for r in ndjson(&o) {
        let path = d.path().join(r["path"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let cites: Vec<&Value> = r["citations"].as_array().unwrap().iter().collect();
        for c in &cites {
            let id = c["id"].as_str().unwrap();
            if id.rsplit('/').next().is_some_and(|i| i.starts_with("QH")) {
                qh += 1;
                if matches!(
                    c["type"].as_str(),
                    Some("Luật" | "Bộ luật" | "Nghị quyết" | "Pháp lệnh")
                ) {
                    qh_law += 1;
                }
            }
        }
        // `Nghị định ⏎số N/…`: a mention covers the wrapped number.
        let chars: Vec<char> = text.chars().collect();
        let lines: Vec<&str> = text.split('\n').collect();
        let mut at = 0;
        for w in lines.windows(2) {
            let (a, b) = (w[0].trim_end(), w[1].trim_start());
            let typed = ["Nghị định", "Thông tư", "Quyết định", "Nghị quyết"]
                .iter()
                .any(|t| a.ends_with(t));
            if typed && b.starts_with("số ") && b["số ".len()..].starts_with(|c: char| c.is_ascii_digit()) {
                wrapped += 1;
                let pos = at + w[0].chars().count() + 1 + (w[1].chars().count() - b.chars().count()) + 3;
                let covered = cites.iter().any(|c| {
                    c["mentions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|m| m[0].as_u64().unwrap() as usize <= pos && pos < m[1].as_u64().unwrap() as usize)
                });
                if covered && pos < chars.len() {
                    wrapped_found += 1;
                }
            }
            at += w[0].chars().count() + 1;
        }
        let want = if path.to_string_lossy().contains("/congbao/") {
            let meta: Value =
                serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
            let slug = name_key(meta["so_hieu"].as_str().unwrap()).replace(' ', "-");
            let Some(i) = slug.find("so-") else { continue };
            let parts: Vec<&str> = slug[i + 3..].split('-').collect();
            if parts.len() < 3 || parts[1].len() != 4 || !parts[1].chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            format!("{}/{}/", parts[0].trim_start_matches('0'), parts[1])
        } else {
            let head: String = text.chars().take(3000).collect();
            let Some(n) = law_number(&head) else { continue };
            number_key(&n) + "/"
        };
        total += 1;
        let number = number_key(r["number"].as_str().unwrap_or("")) + "/";
        if number.starts_with(&want) {
            right += 1;
        }
        let own = number_key(r["number"].as_str().unwrap_or(""));
        if !own.is_empty() && cites.iter().any(|c| number_key(c["id"].as_str().unwrap()) == own) {
            self_cite += 1;
        }
    }
    eprintln!(
        "own number right {right}/{total}; citing themselves {self_cite}; wrapped found {wrapped_found}/{wrapped}; /QH typed {qh_law}/{qh}"
    );
    assert!(total >= 350, "{total} documents scored");
    assert!(right * 1000 >= total * FLOOR_NUMBER, "own number right {right}/{total}");
    assert_eq!(self_cite, 0, "documents citing themselves");
    assert!(
        wrapped >= 500 && wrapped_found * 100 >= wrapped * FLOOR_WRAPPED,
        "wrapped {wrapped_found}/{wrapped}"
    );
    assert!(qh_law * 100 >= qh * FLOOR_QH_TYPED, "/QH typed {qh_law}/{qh}");
}

const FLOOR_NUMBER: usize = 970;
const FLOOR_WRAPPED: usize = 95;
const FLOOR_QH_TYPED: usize = 98;

/// `cancu extract --json corpus | head -1`: a closed pipe ends the run
/// quietly, with status 0, in either output form.
#[test]
fn extract_into_a_closed_pipe_exits_0_quietly() {
    for args in [&["extract", "--json", "corpus"][..], &["extract", "corpus"]] {
        let o = cancu_into_closed_pipe(&root(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// A reader that takes the first line and goes (`| head -1`) gets the
/// first document whole, and cancu stops quietly with status 0.
#[test]
fn extract_piped_into_head_gives_the_first_record_and_exits_0() {
    use std::io::BufRead;
    let d = Dir::new();
    let seed = std::fs::read(root().join("corpus/003_798d9b088e52fc0e.txt")).unwrap();
    // More output than a pipe holds, so that cancu is still writing when
    // the reader goes.
    for i in 0..400 {
        d.write(&format!("docs/{i:03}.txt"), &seed);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cancu"))
        .args(["extract", "--json", "docs"])
        .current_dir(d.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["path"], "docs/000.txt");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

/// A file that cannot be read is named on stderr the same way by every
/// command that reads files (`cancu: PATH: reason`), and the others go on.
#[test]
fn an_unreadable_file_is_named_the_same_way_by_every_command() {
    let d = crate::util::seeded(&[("zz_empty.txt", "")]);
    let line = "cancu: corpus/zz_empty.txt: empty file";
    for args in [
        &["extract", "--json", "corpus"][..],
        &["extract", "corpus"],
        &["check", "corpus", "--format", "json"],
        &["export", "--format", "tables", "--index", "none", "-o", "t"],
        &["export", "--format", "quickwit", "--index", "none", "-o", "q"],
    ] {
        let o = d.cancu(args);
        let err = stderr(&o);
        assert!(err.lines().any(|l| l == line), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(0), "{args:?}: a file was skipped");
    }
}
