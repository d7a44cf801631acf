//! Formats other than plain text, told by content: Word documents (with
//! legacy fonts), and the formats refused with what to do about them.

use std::io::Write;

use serde_json::Value;

use crate::util::{cancu_in, facts, ndjson, root, stderr, stdout, Dir};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A minimal .docx: one paragraph per line, every run in `font` if given.
pub(crate) fn docx(lines: &[String], font: Option<&str>) -> Vec<u8> {
    let rpr = font.map_or(String::new(), |f| {
        format!(r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}"/></w:rPr>"#)
    });
    let mut body = String::new();
    for l in lines {
        body.push_str(&format!(
            r#"<w:p><w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(l)
        ));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
                .as_bytes(),
        ),
        ("word/document.xml", document.as_bytes()),
    ])
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn word_documents_extract_like_the_text() {
    let legacy = root().join("tests/data/legacy");
    let utf8 = std::fs::read_to_string(legacy.join("003.utf8.txt")).unwrap();
    let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    // Word keeps the bytes of a .VnTime text as the characters U+0000..U+00FF,
    // and those of a VNI-Times text as Windows-1252 characters.
    let tcvn3: String = std::fs::read(legacy.join("003.tcvn3.txt"))
        .unwrap()
        .iter()
        .map(|&b| b as char)
        .collect();
    let vni = encoding_rs::WINDOWS_1252
        .decode(&std::fs::read(legacy.join("003.vni.txt")).unwrap())
        .0
        .into_owned();
    let d = Dir::new();
    d.write("plain.txt", &utf8);
    d.write("unicode.docx", docx(&lines(&utf8), Some("Times New Roman")));
    d.write("vntime.docx", docx(&lines(&tcvn3), Some(".VnTime")));
    d.write("vni.docx", docx(&lines(&vni), Some("VNI-Times")));
    d.write("named-as-text.txt", docx(&lines(&utf8), None));
    let o = d.cancu(&[
        "extract",
        "--json",
        "plain.txt",
        "unicode.docx",
        "vntime.docx",
        "vni.docx",
        "named-as-text.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    let formats: Vec<&str> = out.iter().map(|o| o["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["text", "docx", "docx", "docx", "docx"]);
    let want = facts(&out[0]);
    assert_eq!(want["citations"].as_array().unwrap().len(), 8);
    assert_eq!(want["signatories"].as_array().unwrap().len(), 2);
    for o in &out[1..] {
        assert_eq!(facts(o), want, "{}", o["path"]);
    }
    assert_eq!(
        out[2]["diagnostics"][0]["message"],
        "text in the legacy font .VnTime converted to Unicode"
    );
    assert_eq!(
        out[3]["diagnostics"][0]["message"],
        "text in the legacy font VNI-Times converted to Unicode"
    );
}

#[test]
fn unreadable_documents_say_what_to_do() {
    let d = Dir::new();
    let good = docx(&["Chỉ thị số 11-CT/TW".to_string()], None);
    d.write("a_truncated.docx", &good[..good.len() / 2]);
    d.write("b_old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00");
    d.write("d_archive.docx", zip_of(&[("notes.txt", b"hello")]));
    d.write("e_no_text.docx", docx(&[String::new()], None));
    d.write("f_good.docx", &good);
    // A ZIP bomb: 40 MB of markup that deflates to a few kilobytes.
    let bomb = format!(
        "<w:document><w:body>{}</w:body></w:document>",
        "<w:p/>".repeat(7_000_000)
    );
    d.write("g_bomb.docx", zip_of(&[("word/document.xml", bomb.as_bytes())]));
    let o = d.cancu(&["extract", "--json", "--max-file-size", "10000000", "."]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (file, reason) in [
        ("a_truncated.docx", "not a readable Word document"),
        ("b_old.doc", "libreoffice --headless --convert-to docx"),
        ("d_archive.docx", "ZIP archive that is not a Word document"),
        ("e_no_text.docx", "empty file"),
        ("g_bomb.docx", "decompresses to more than 10000000 bytes"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not reported: {err}"));
        assert!(line.contains(reason), "{line}");
    }
    let out = ndjson(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["citations"][0]["id"], "11-CT/TW");
}

#[test]
fn seeds_read_the_same_from_any_folder() {
    let o = cancu_in(&root(), &["extract", "--json", "corpus"]);
    assert!(ndjson(&o).iter().all(|r| r["format"] == "text"));
}

/// Seed 002 (a news report) as a web page, with a menu, related news,
/// comments, a footer and photos: the same facts as from the text.
#[test]
fn a_news_page_extracts_like_the_report() {
    let text = std::fs::read_to_string(root().join("corpus/002_2d9da3428af69006.txt")).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let (title, author, body) = (lines[0], lines[1], &lines[3..]);
    let mut article = String::new();
    let mut i = 0;
    while i < body.len() {
        if body[i].ends_with(" - Ảnh 1.") || body[i].contains(" - Ảnh ") {
            let caption = body.get(i + 1).copied().unwrap_or("");
            article.push_str(&format!(
                r#"<figure><img src="p{i}.jpg" alt="{}"><figcaption class="caption">{}</figcaption></figure>"#,
                escape(body[i]),
                escape(caption)
            ));
            i += 2;
        } else {
            article.push_str(&format!("<p>{}</p>\n", escape(body[i])));
            i += 1;
        }
    }
    let page = format!(
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{t} - Báo điện tử</title>
<meta property="og:title" content="{t}"><meta name="author" content="{author}">
<meta property="article:published_time" content="2022-11-24T10:53:00+07:00"></head>
<body><header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gd">Giáo dục</a></li></ul></nav></header>
<main><h1>{t}</h1><div class="detail-author">{author}</div><div class="article-body">{article}</div>
<div class="related-news"><h3>Tin liên quan</h3><p>Hội Khuyến học tỉnh Hà Giang ký kết phối hợp với Sở Giáo dục và Đào tạo tỉnh Hà Giang.</p></div>
<section class="comments"><p>Bạn đọc Nguyễn Văn Bình: Chương trình rất ý nghĩa, mong các địa phương khác học tập.</p></section></main>
<footer><p>Bản quyền thuộc về báo điện tử. Giấy phép số 12/GP-BTTTT.</p></footer>
<script>var x = "Quyết định số 999/QĐ-TTg";</script></body></html>"#,
        t = escape(title)
    );
    let d = Dir::new();
    d.write("report.txt", &text);
    d.write("report.html", page);
    let o = d.cancu(&["extract", "--json", "report.txt", "report.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    assert_eq!(out[1]["format"], "html");
    let want = facts(&out[0]);
    assert_eq!(want["kind"], "news");
    assert_eq!(want["parties"].as_array().unwrap().len(), 8);
    assert_eq!(facts(&out[1]), want);
}

#[test]
fn pages_nested_too_deep_are_refused() {
    let d = Dir::new();
    d.write(
        "deep.html",
        format!(
            "<html><body>{}<p>Chỉ thị 11-CT/TW</p></body></html>",
            "<div>".repeat(100_000)
        ),
    );
    let o = d.cancu(&["extract", "deep.html"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("deep.html: a web page nested 100002 levels deep"),
        "{}",
        stderr(&o)
    );
}

/// Whether pdftotext is here; in CI it must be (`.ci/run` installs it).
fn have_pdftotext() -> bool {
    let found = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (poppler-utils) must be installed in CI"
        );
        eprintln!("pdftotext is not installed: PDF test skipped");
    }
    found
}

/// The facts a PDF's wrapped lines cannot change: issuers are left out, since
/// a line break ends an issuer's name.
fn pdf_facts(v: &Value) -> Value {
    let mut v = facts(v);
    for c in v["citations"].as_array_mut().unwrap() {
        c.as_object_mut().unwrap().remove("issuer");
        c.as_object_mut().unwrap().remove("written");
    }
    v
}

#[test]
fn pdfs_with_text_extract_like_the_text_and_scans_are_named() {
    if !have_pdftotext() {
        return;
    }
    let d = Dir::new();
    let pdf = root().join("tests/data/pdf");
    std::fs::copy(pdf.join("003.pdf"), d.path().join("a.pdf")).unwrap();
    std::fs::copy(root().join("tests/data/legacy/003.utf8.txt"), d.path().join("a.txt")).unwrap();
    std::fs::copy(pdf.join("scan.pdf"), d.path().join("scan.pdf")).unwrap();
    d.write(
        "broken.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage",
    );
    let o = d.cancu(&["extract", "--json", "a.txt", "a.pdf", "scan.pdf", "broken.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let out = ndjson(&o);
    assert_eq!(out.len(), 2);
    assert_eq!(out[1]["format"], "pdf");
    assert_eq!(pdf_facts(&out[1]), pdf_facts(&out[0]));
    let err = stderr(&o);
    assert!(err.contains("scan.pdf: PDF without a text layer (a scan)"), "{err}");
    assert!(
        err.lines().any(|l| l.contains("broken.pdf: PDF: pdftotext failed")),
        "{err}"
    );
}

/// The 8 real gazette PDFs of ../shared/real/pdf (signing-stamp pages, the
/// two-column header, tables whose cells wrap symbols) give the same facts
/// as the gazette's own text of each (unpacked from congbao.tar.xz into a
/// temporary folder). Without the real data, a note and nothing judged.
#[test]
fn the_real_gazette_pdfs_give_the_facts_of_their_text_versions() {
    let real = root().join("../shared/real");
    let Ok(entries) = std::fs::read_dir(real.join("pdf")) else {
        eprintln!("note: {} is absent: the real PDFs are not compared", real.display());
        return;
    };
    if !have_pdftotext() {
        return;
    }
    let mut slugs: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".pdf").map(str::to_string))
        .collect();
    slugs.sort();
    assert_eq!(slugs.len(), 8, "{slugs:?}");
    let d = Dir::new();
    let members: Vec<String> = slugs.iter().map(|s| format!("congbao/bhxh/{s}.txt")).collect();
    let o = std::process::Command::new("tar")
        .arg("xJf")
        .arg(real.join("congbao.tar.xz"))
        .arg("-C")
        .arg(d.path())
        .args(&members)
        .output()
        .expect("tar runs");
    assert!(o.status.success(), "tar: {}", stderr(&o));
    let mut args = vec!["extract".to_string(), "--json".to_string()];
    for s in &slugs {
        std::fs::copy(real.join(format!("pdf/{s}.pdf")), d.path().join(format!("{s}.pdf"))).unwrap();
        args.push(format!("{s}.pdf"));
        args.push(format!("congbao/bhxh/{s}.txt"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = cancu_in(d.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    assert_eq!(out.len(), 16);
    for pair in out.chunks(2) {
        let (pdf, txt) = (&pair[0], &pair[1]);
        assert_eq!(pdf["format"], "pdf");
        assert!(txt["number"].is_string(), "{}: no number", txt["path"]);
        assert!(!txt["citations"].as_array().unwrap().is_empty(), "{}", txt["path"]);
        assert_eq!(pdf_facts(pdf), pdf_facts(txt), "{} against its text", pdf["path"]);
    }
}

#[test]
fn a_missing_pdf_reader_is_named() {
    let d = Dir::new();
    std::fs::copy(root().join("tests/data/pdf/scan.pdf"), d.path().join("x.pdf")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cancu"))
        .args(["extract", "x.pdf"])
        .current_dir(d.path())
        .env("PATH", d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("apt-get install poppler-utils"), "{}", stderr(&o));
}

/// Bytes of `text` in TCVN3 as a keyboard types it: ordinary lines in the
/// `.VnTime` codes (as iconv's TCVN5712-1 writes them), lines in capitals as
/// typed in a capitals font (`.VnTimeH`), where the accented capitals are the
/// lower-case codes (`HỘI` is `H`, `ộ`, `I`). With `doubled`, a keyboard that
/// leaves the capital before the marked vowel (`HÔộI`).
fn tcvn3(text: &str, doubled: bool) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let mut code = std::collections::HashMap::new();
    for b in (0x01u8..=0xFF).rev() {
        let c = cancu::text::legacy::decode_tcvn3(&[b]);
        let mut it = c.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            code.entry(c).or_insert(b);
        }
    }
    let base_capital = |c: char| -> Option<char> {
        let s: String = c
            .to_string()
            .nfd()
            .filter(|m| !matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            .collect();
        let b: String = s.nfc().collect();
        b.chars().next()
    };
    let mut out = Vec::new();
    for line in text.nfc().collect::<String>().split_inclusive('\n') {
        let capitals = line.chars().any(|c| c.is_alphabetic()) && line.to_uppercase() == line;
        for c in line.chars() {
            if c.is_ascii() {
                out.push(c as u8);
            } else if capitals && !"ĂÂÊÔƠƯĐ".contains(c) {
                if doubled {
                    if let Some(b) = base_capital(c).filter(|&b| b != c) {
                        out.extend(b.to_string().bytes().filter(u8::is_ascii));
                        if !b.is_ascii() {
                            out.push(code[&b]);
                        }
                    }
                }
                let lower = c.to_lowercase().next().unwrap();
                out.push(code[&lower]);
            } else {
                out.push(code[&c]);
            }
        }
    }
    out
}

/// Seed 003 under the header of its two issuers, typed in TCVN3 with its
/// lines in capitals in a capitals font: as a text file (both ways keyboards
/// leave the capitals) and as a Word document whose capitals lines are in
/// `.VnTimeH`, it reads as the Unicode text does: the headline in capitals,
/// the kind and the parties kept.
#[test]
fn tcvn3_capitals_font_headlines_read_as_capitals() {
    let seed = std::fs::read_to_string(root().join("tests/data/legacy/003.utf8.txt")).unwrap();
    let utf8 = format!("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC TỈNH BẾN TRE\n{seed}");
    let d = Dir::new();
    d.write("a_unicode.txt", &utf8);
    d.write("b_caps.txt", tcvn3(&utf8, false));
    d.write("c_doubled.txt", tcvn3(&utf8, true));
    assert!(String::from_utf8_lossy(&tcvn3(&utf8, true)).starts_with("S\u{fffd}\u{fffd} GIA\u{fffd}O"));
    // In Word each byte is a character U+0000..U+00FF, and the capitals lines
    // are typed in lower case in the capitals font.
    let mut body = String::new();
    for line in utf8.lines() {
        let capitals = line.chars().any(|c| c.is_alphabetic()) && line.to_uppercase() == line;
        let (font, typed) = if capitals {
            (".VnTimeH", line.to_lowercase())
        } else {
            (".VnTime", line.to_string())
        };
        let text: String = tcvn3(&typed, false).iter().map(|&b| b as char).collect();
        body.push_str(&format!(
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(&text)
        ));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    d.write("d_word.docx", zip_of(&[("word/document.xml", document.as_bytes())]));
    let o = d.cancu(&["extract", "--json", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = ndjson(&o);
    assert_eq!(out.len(), 4);
    let want = facts(&out[0]);
    assert_eq!(want["kind"], "agreement");
    assert!(
        want["title"].as_str().unwrap().starts_with("CHƯƠNG TRÌNH PHỐI HỢP"),
        "{}",
        want["title"]
    );
    assert_eq!(want["parties"].as_array().unwrap().len(), 2, "{}", want["parties"]);
    for o in &out[1..] {
        assert_eq!(facts(o), want, "{}", o["path"]);
    }
    assert_eq!(out[1]["encoding"], "tcvn3");
    assert!(
        out[1]["diagnostics"].as_array().unwrap().iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("typed in a TCVN3 capitals font")),
        "{}",
        out[1]["diagnostics"]
    );
    let show = d.cancu(&["extract", "b_caps.txt", "c_doubled.txt"]);
    assert!(stdout(&show).contains("HỘI KHUYẾN HỌC TỈNH") || stdout(&show).contains("CHƯƠNG TRÌNH PHỐI HỢP"));
}

/// A Word document of a few kilobytes holding 20 MB of text (a ZIP bomb) is
/// refused, naming the file, at the default limits, and the run goes on; a
/// text whose decoding outgrows `--max-file-size` is refused too.
#[test]
fn zip_bombs_and_text_that_outgrows_the_limit_are_refused() {
    let d = Dir::new();
    let bomb = format!(
        r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"#,
        "A".repeat(20 << 20)
    );
    let bomb = zip_of(&[("word/document.xml", bomb.as_bytes())]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    d.write("a_bomb.docx", &bomb);
    let seed = std::fs::read_to_string(root().join("tests/data/legacy/003.utf8.txt")).unwrap();
    d.write(
        "b_good.docx",
        docx(&seed.lines().map(str::to_string).collect::<Vec<_>>(), None),
    );
    // A TCVN3 letter is one byte, and up to three in UTF-8.
    let legacy = tcvn3(&seed, false);
    d.write("c_grows.txt", &legacy);
    let limit = (legacy.len() + seed.len()) / 2;
    assert!(legacy.len() < limit && limit < seed.len());
    let o = d.cancu(&["extract", "--json", "a_bomb.docx", "b_good.docx"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("a_bomb.docx"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("a ZIP bomb"), "{line}");
    let out = ndjson(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["kind"], "agreement");
    let o = d.cancu(&["extract", "--max-file-size", &limit.to_string(), "c_grows.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("c_grows.txt: its text is "), "{err}");
    assert!(
        err.contains(&format!(
            "bytes once decoded, over the limit of {limit} bytes (raise it with --max-file-size)"
        )),
        "{err}"
    );
}

/// Symbolic links are followed once per real folder and file: two links to
/// the folder that holds them are each reported once as a loop, a link to a
/// file already met and a second way into a folder give nothing twice.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_reported_once_and_files_read_once() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    let seed = std::fs::read_to_string(root().join("tests/data/legacy/003.utf8.txt")).unwrap();
    d.write("docs/a.txt", &seed);
    d.write("docs/sub/b.txt", &seed);
    let docs = d.path().join("docs");
    symlink(".", docs.join("x")).unwrap();
    symlink(".", docs.join("y")).unwrap();
    symlink("a.txt", docs.join("c.txt")).unwrap();
    symlink("sub", docs.join("also-sub")).unwrap();
    symlink("..", docs.join("sub/up")).unwrap();
    let o = d.cancu(&["extract", "--json", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths: Vec<String> = ndjson(&o)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["docs/a.txt", "docs/also-sub/b.txt"]);
    let err = stderr(&o);
    let loops: Vec<&str> = err.lines().filter(|l| l.contains("symbolic link loop")).collect();
    assert_eq!(
        loops,
        [
            "cancu: docs/also-sub/up: symbolic link loop: it leads back to docs, which holds it (not followed)",
            "cancu: docs/x: symbolic link loop: it leads back to docs, which holds it (not followed)",
            "cancu: docs/y: symbolic link loop: it leads back to docs, which holds it (not followed)",
        ],
        "{err}"
    );
    // Without the loops, the index holds each file once, too.
    std::fs::remove_file(docs.join("x")).unwrap();
    std::fs::remove_file(docs.join("y")).unwrap();
    std::fs::remove_file(docs.join("sub/up")).unwrap();
    let o = d.cancu(&["index", "--json", "--index", "idx", "docs"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = ndjson(&o).remove(0);
    assert_eq!(summary["added"], 2, "{summary}");
}

/// A stray NUL deep inside real text (as PDF-to-text output has) is dropped
/// and noted, and the text reads as without it; a real binary file is still
/// refused as binary.
#[test]
fn a_stray_nul_is_dropped_and_noted_but_binary_files_are_refused() {
    let seed = std::fs::read_to_string(root().join("tests/data/legacy/003.utf8.txt")).unwrap();
    let at = seed.find("Hội Khuyến học Việt Nam").unwrap() + "Hội Khuyến".len();
    let mut with_nul = seed.as_bytes().to_vec();
    with_nul.insert(at, 0);
    let d = Dir::new();
    d.write("a.txt", &seed);
    d.write("b_nul.txt", &with_nul);
    let exe = std::fs::read(env!("CARGO_BIN_EXE_cancu")).unwrap();
    d.write("c_binary.txt", &exe[..8192]);
    let o = d.cancu(&["extract", "--json", "a.txt", "b_nul.txt", "c_binary.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let out = ndjson(&o);
    assert_eq!(out.len(), 2);
    assert_eq!(facts(&out[1]), facts(&out[0]));
    assert_eq!(
        out[1]["diagnostics"][0]["message"],
        format!("dropped 1 control character(s) that are not text: NUL ×1 (first at byte {at})")
    );
    let err = stderr(&o);
    assert!(err.contains("c_binary.txt: binary file ("), "{err}");
}

/// Every file of `tests/data/crashers/` (inputs that once crashed, hung or
/// misread: a ZIP bomb, NULs, TCVN3 capitals, random bytes, garbage PDFs,
/// pages nested too deep) through `cancu extract` one by one, then all of
/// them with two symbolic-link loops through `cancu index`: a result or a
/// clear error naming the file, never a crash.
#[test]
fn every_crasher_gives_a_result_or_a_clear_error() {
    let dir = root().join("tests/data/crashers");
    let d = Dir::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut n = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if name == "README.md" {
            continue;
        }
        n += 1;
        std::fs::copy(f, d.path().join(&name)).unwrap();
        let o = d.cancu(&["extract", "--json", &name]);
        let code = o.status.code();
        assert!(matches!(code, Some(0..=2)), "{name}: {:?}\n{}", o.status, stderr(&o));
        if code != Some(0) {
            assert!(stderr(&o).contains(&name), "{name}: {}", stderr(&o));
        }
    }
    assert!(n >= 10, "{n}");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", d.path().join("loop1")).unwrap();
        std::os::unix::fs::symlink(".", d.path().join("loop2")).unwrap();
    }
    let o = d.cancu(&["index", "--json", "--index", ".idx", "."]);
    assert!(matches!(o.status.code(), Some(0..=2)), "{:?}\n{}", o.status, stderr(&o));
}
