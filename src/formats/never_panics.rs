//! The standing defence: whatever the input, every reader (text decoding
//! with the legacy encodings, web pages, Word documents, the PDF hand-off),
//! the catalogue and rule loaders, and reading a file end to end into an
//! extraction return a value or an error, never a panic. Run with the unit
//! tests; the case counts keep the whole suite to a few seconds in a debug
//! build (3,112 cases, 12 of them PDFs when pdftotext is installed: about
//! 3 s). Crashers found on real input are kept in
//! `tests/data/crashers/` and run through the binary by `tests/cli/formats.rs`.

use std::io::Write;
use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;
use crate::text::legacy;

const SEED: &str = include_str!("../../tests/data/legacy/003.utf8.txt");

static KNOWLEDGE: LazyLock<crate::Knowledge> =
    LazyLock::new(|| crate::Knowledge::builtin().expect("the built-in data loads"));

fn zip_bytes(parts: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}

fn docx_bytes(text: &str) -> Vec<u8> {
    let xml = format!(
        r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:t>{text}</w:t></w:r></w:p><w:p><w:r><w:t>Chỉ thị số 11-CT/TW</w:t></w:r></w:p></w:body></w:document>"#
    );
    zip_bytes(&[("word/document.xml", xml.as_bytes())], false)
}

/// Pieces of WordprocessingML, to be put together at random.
const DOCX_PIECES: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "<w:t xml:space=\"preserve\">",
    "</w:t>",
    "<w:pPr>",
    "</w:pPr>",
    "<w:rPr>",
    "</w:rPr>",
    "<w:rFonts w:ascii=\".VnTime\"/>",
    "<w:rFonts w:ascii=\".VnTimeH\" w:hAnsi=\".VnTimeH\"/>",
    "<w:rFonts w:ascii=\"VNI-Times\"/>",
    "<w:rFonts w:hAnsi=\"Times New Roman\"/>",
    "<w:rFonts/>",
    "<w:pStyle w:val=\"Heading1\"/>",
    "<w:pStyle w:val=\"Loop\"/>",
    "<w:rStyle w:val=\"Title\"/>",
    "<w:br/>",
    "<w:cr/>",
    "<w:tab/>",
    "<w:del>",
    "</w:del>",
    "<w:instrText>",
    "</w:instrText>",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    "H\u{e9}I KHUY\u{d5}N",
    "h\u{e9}i",
    "S\u{a5}\u{eb}",
    "Co\u{e4}ng ho\u{f8}a",
    "Chỉ thị số 11-CT/TW",
    "&amp;",
    "&#233;",
    "&#1;",
    "&bogus;",
    "<",
    ">",
    "\"",
    "]]>",
    "<![CDATA[x]]>",
    "<?pi x?>",
    "<!-- c -->",
    " ",
];

const STYLE_PIECES: &[&str] = &[
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr></w:rPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:rPr><w:rFonts w:ascii=\".VnTimeH\"/></w:rPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"Title\"><w:basedOn w:val=\"Heading1\"/></w:style>",
    "<w:style w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:rPr><w:rFonts w:ascii=\"VNI-Times\"/></w:rPr></w:style>",
    "<w:style>",
    "</w:style>",
    "<w:basedOn w:val=\"Title\"/>",
    "<",
];

/// Pieces of a catalogue file.
const TOML_PIECES: &[&str] = &[
    "version = 1\n",
    "version = 2\n",
    "version = \"1\"\n",
    "[[instrument]]\n",
    "id = \"31-CT/TU\"\n",
    "id = \"\"\n",
    "id = \"   \"\n",
    "type = \"Chỉ thị\"\n",
    "date = \"2019-07-30\"\n",
    "date = \"2019-02-30\"\n",
    "date = \"30/07/2019\"\n",
    "date = 2019-07-30\n",
    "issuer = \"Ban Thường vụ Tỉnh ủy An Giang\"\n",
    "scope = \"An Giang\"\n",
    "implements = [\"49-KL/TW\"]\n",
    "implements = [\"31-CT/TU\"]\n",
    "aliases = [\"31/CT-TU\", \"\"]\n",
    "names = [\"Chỉ thị về khuyến học\", \"\"]\n",
    "period = [2021, 2030]\n",
    "period = [2030]\n",
    "parties = [\"hoi-khuyen-hoc\"]\n",
    "title = \"\u{0}\"\n",
    "[[rule]]\n",
    "id = \"r\"\n",
    "description = \"d\"\n",
    "severity = \"error\"\n",
    "severity = \"fatal\"\n",
    "enabled = false\n",
    "[rule.applies]\n",
    "kinds = [\"agreement\", \"nonsense\"]\n",
    "levels = [\"provincial\", \"galactic\"]\n",
    "parties = [\"unknown-org\"]\n",
    "period = [2030, 2020]\n",
    "period_match = \"overlaps\"\n",
    "provinces = [\"Đắk Nông\", \"Atlantis\"]\n",
    "[rule.requires]\n",
    "cites_any = [\"11-CT/TW\", \"\"]\n",
    "cites_any = []\n",
    "depth = 0\n",
    "depth = 18446744073709551615\n",
    "depth = -1\n",
    "via = [\"IMPLEMENTS\", \"NOPE\"]\n",
    "by_name = true\n",
    "[checks]\n",
    "inferred-parent = { severity = \"error\", by_name = false }\n",
    "citation-dates = { enabled = false, by_name = true }\n",
    "number-format = { severity = \"loud\" }\n",
    "= \n",
    "[\n",
    "\"\n",
    "\n",
];

/// Bytes of a legacy Vietnamese text: ASCII letters and the bytes TCVN3 and
/// VNI put accented letters in, with a few of anything.
fn legacy_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => prop::sample::select(b"abcdeghiklmnopqrstuvxyHIKNSTCGO ".to_vec()),
        3 => 0x80u8..=0xFF,
        1 => any::<u8>(),
        1 => Just(b'\n'),
    ]
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any bytes: sniffed, decoded (UTF-8, UTF-16, legacy guesses) or refused.
    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = sniff(&bytes);
        if let Ok(d) = crate::text::decode(&bytes) {
            prop_assert!(!d.text.trim().is_empty());
        }
    }

    /// Bytes that look like a legacy encoding: a guess, with capitals
    /// restored, or a refusal naming the scores; never a stray control
    /// character in the text.
    #[test]
    fn legacy_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(legacy_byte(), 0..1500)) {
        if let Ok(d) = crate::text::decode(&bytes) {
            let stray = d.text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
            prop_assert!(!stray, "a control character left in {:?}", d.text);
        }
        for l in legacy::Legacy::ALL {
            let _ = l.decode(&bytes);
        }
        let (text, _) = legacy::restore_capitals(&legacy::decode_tcvn3(&bytes));
        prop_assert_eq!(text.matches('\n').count(), bytes.iter().filter(|&&b| b == b'\n').count());
    }

    /// Any text through the capitals of a TCVN3 capitals font: the lines
    /// stay the lines.
    #[test]
    fn capitals_of_any_text(s in "\\PC{0,200}") {
        let (text, _) = legacy::restore_capitals(&s);
        prop_assert_eq!(text.matches('\n').count(), s.matches('\n').count());
        let _ = legacy::capitals(&s);
    }

    /// Real text with stray control characters put in: read, the same text
    /// without them, when they are few (at most one byte in 100 NUL); refused
    /// as binary otherwise.
    #[test]
    fn text_with_stray_controls(
        inserts in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!['\0', '\u{1}', '\u{1b}', '\u{7f}', '\u{85}'])), 0..40),
    ) {
        let mut chars: Vec<char> = SEED.chars().collect();
        for (at, c) in &inserts {
            let i = at.index(chars.len());
            chars.insert(i, *c);
        }
        let text: String = chars.into_iter().collect();
        match crate::text::decode(text.as_bytes()) {
            Ok(d) => {
                prop_assert_eq!(d.text.as_str(), SEED);
                prop_assert_eq!(d.notes.len(), usize::from(!inserts.is_empty()));
            }
            Err(e) => {
                let nuls = inserts.iter().filter(|(_, c)| *c == '\0').count();
                prop_assert!(nuls * 100 > text.len() || inserts.len() > 8, "{e}");
            }
        }
    }

    /// A news page with its markup cut, duplicated or scrambled: an
    /// article or nothing, never a panic.
    #[test]
    fn mutated_web_pages(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, "[<>/a-z\"= ]{0,8}"), 0..20),
    ) {
        let mut page: Vec<char> = concat!(
            r#"<!DOCTYPE html><html><head><meta property="og:title" content="Tin"></head><body>"#,
            r#"<nav><p>menu</p></nav><div class="content"><p>Chỉ thị số 11-CT/TW.</p>"#,
            r#"<figure><figcaption>Chủ tịch ký kết. Ảnh: X</figcaption></figure></div></body></html>"#
        ).chars().collect();
        for (at, op, piece) in edits {
            if page.is_empty() { break; }
            let i = at.index(page.len());
            match op {
                0 => { page.splice(i..i, piece.chars()); }
                1 => page.truncate(i),
                _ => { let end = (i + 10).min(page.len()); page.drain(i..end); }
            }
        }
        let text: String = page.into_iter().collect();
        prop_assert!(html::nesting_depth(&text) <= text.len());
        let _ = html::read(&text).to_text();
    }

    /// Any text read as a web page.
    #[test]
    fn any_text_as_a_web_page(s in "(<[a-z/!]{0,6}[^>]{0,12}>|\\PC{0,10}){0,40}") {
        let _ = html::looks_like_html(&s);
        prop_assert!(html::nesting_depth(&s) <= s.len());
        let _ = html::read(&s).to_text();
    }

    /// A Word document with bytes flipped, cut or inserted: text or an error.
    #[test]
    fn mutated_word_documents(
        text in "[a-zA-Z0-9 µ¸éÐ]{0,60}",
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 0..12),
    ) {
        let mut bytes = docx_bytes(&text);
        for (at, b, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => bytes.insert(i, b),
                _ => bytes.truncate(i),
            }
        }
        if let Ok(d) = docx::read(&bytes, 1 << 20) {
            prop_assert!(d.text.len() <= 4 << 20);
        }
    }

    /// A Word document put together from random pieces of markup, styles
    /// and legacy-font text, stored or deflated: text or an error.
    #[test]
    fn word_documents_from_random_parts(
        body in prop::collection::vec(prop::sample::select(DOCX_PIECES), 0..80),
        styles in prop::option::of(prop::collection::vec(prop::sample::select(STYLE_PIECES), 0..12)),
        deflate in any::<bool>(),
        limit in prop::sample::select(vec![64u64, 4096, 1 << 20]),
    ) {
        let document = format!(r#"<w:document xmlns:w="w"><w:body>{}</w:body></w:document>"#, body.concat());
        let styles = styles.map(|s| format!(r#"<w:styles xmlns:w="w">{}</w:styles>"#, s.concat()));
        let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
        if let Some(s) = &styles {
            parts.push(("word/styles.xml", s.as_bytes()));
        }
        let bytes = zip_bytes(&parts, deflate);
        prop_assert_eq!(sniff(&bytes), Format::Docx);
        let _ = docx::expanded_size(&bytes);
        if let Ok(d) = docx::read(&bytes, limit) {
            prop_assert!(d.text.len() as u64 <= 3 * limit);
        }
    }

    /// Catalogue files put together from random lines: loaded or refused
    /// with a message, and a catalogue that loads answers look-ups.
    #[test]
    fn catalogue_files_from_random_lines(lines in prop::collection::vec(prop::sample::select(TOML_PIECES), 0..30)) {
        let src = lines.concat();
        let mut c = crate::catalog::Catalog::default();
        match c.extend_from_toml(&src, "random.toml") {
            Ok(()) => {
                for e in c.entries() {
                    let _ = c.get(&e.id);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("random.toml: "), "{e}"),
        }
    }

    /// Rule files put together from random lines: loaded or refused with a
    /// message naming the file.
    #[test]
    fn rule_files_from_random_lines(lines in prop::collection::vec(prop::sample::select(TOML_PIECES), 0..30)) {
        let src = lines.concat();
        let mut rules = crate::check::rules::RuleSet::default();
        if let Err(e) = rules.extend_from_toml(&src, "random.toml", &KNOWLEDGE) {
            prop_assert!(e.to_string().starts_with("random.toml: "), "{e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// A file of any of the shapes above, read from disk and extracted:
    /// a record or an error naming the file.
    #[test]
    fn files_read_and_extracted(
        kind in 0u8..5,
        bytes in prop::collection::vec(legacy_byte(), 0..1500),
        pieces in prop::collection::vec(prop::sample::select(DOCX_PIECES), 0..40),
    ) {
        let dir = scratch();
        let path = dir.path().join("doc.txt");
        let contents: Vec<u8> = match kind {
            0 => bytes,
            1 => [b"\xEF\xBB\xBF".as_slice(), SEED.as_bytes(), &bytes].concat(),
            2 => [b"<html><body><p>".as_slice(), &bytes, b"</p></body></html>"].concat(),
            3 => {
                let document = format!(r#"<w:document xmlns:w="w"><w:body>{}</w:body></w:document>"#, pieces.concat());
                zip_bytes(&[("word/document.xml", document.as_bytes())], true)
            }
            _ => [b"\xFF\xFE".as_slice(), &bytes].concat(),
        };
        std::fs::write(&path, &contents).expect("write");
        match crate::ingest::extract_file(&path, &KNOWLEDGE, &crate::ingest::Limits::default()) {
            Ok(r) => prop_assert_eq!(r.path, path.display().to_string()),
            Err(e) => prop_assert!(e.to_string().contains("doc.txt"), "{e}"),
        }
    }
}

/// Whether pdftotext is here (it must be in CI).
fn have_pdftotext() -> bool {
    std::process::Command::new(pdf::PDFTOTEXT).arg("-v").output().is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Garbage behind a PDF header, handed to pdftotext: text, a scan or an
    /// error, within the timeout.
    #[test]
    fn garbage_pdfs(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        if !have_pdftotext() {
            return Ok(());
        }
        let dir = scratch();
        let path = dir.path().join("garbage.pdf");
        std::fs::write(&path, [b"%PDF-1.4\n".as_slice(), &bytes].concat()).expect("write");
        if let Ok(text) = pdf::read(&path, std::time::Duration::from_secs(10), 1 << 16) {
            prop_assert!(text.len() <= 1 << 17);
        }
    }
}
