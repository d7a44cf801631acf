//! Word documents (.docx): a ZIP of XML. Text comes from `w:t`, breaks from
//! `w:p`, `w:br` and `w:cr`, tabs from `w:tab`; table cells are paragraphs.
//! Headers, footers, footnotes and deleted text are left out. Runs whose
//! font is a legacy Vietnamese one (`.VnTime` → TCVN3, `VNI-Times` → VNI;
//! the `.Vn…H` fonts are capitals typed as small letters) are converted.
//!
//! Bounded: at most [`MAX_ENTRIES`] entries; a part is read only when the
//! archive says it decompresses to at most the size limit and, past 8 MiB,
//! to at most [`MAX_RATIO`] times its compressed size, and never past what
//! the archive says; so a ZIP bomb is an error, not an exhausted machine.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::FormatError;
use crate::text::legacy::Legacy;

/// More entries than any Word document has.
pub const MAX_ENTRIES: usize = 10_000;

/// The legacy encoding a font's text is in, and whether it is a capitals font.
fn font_encoding(font: &str) -> Option<(Legacy, bool)> {
    let f = font.trim();
    let lower = f.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        return Some((Legacy::Tcvn3, f.ends_with('H')));
    }
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some((Legacy::Vni, false));
    }
    None
}

/// The text of a Word document and the legacy fonts its runs used.
#[derive(Debug, Clone, Default)]
pub struct DocxText {
    pub text: String,
    pub legacy_fonts: Vec<String>,
}

fn err(m: impl std::fmt::Display) -> FormatError {
    FormatError::Docx(m.to_string())
}

/// A part that decompresses to more than this many bytes ...
const BOMB_FLOOR: u64 = 8 << 20;
/// ... and to more than this many times its compressed size is a ZIP bomb
/// (the ratio Apache POI refuses too; real Word XML deflates 5 to 20 times).
pub const MAX_RATIO: u64 = 100;

/// The parts read: the body and the styles.
const PARTS: [&str; 2] = ["word/document.xml", "word/styles.xml"];

/// How many bytes reading the archive's parts will take, as its directory
/// says (0 when it cannot be read: reading it then fails anyway).
pub fn expanded_size(bytes: &[u8]) -> u64 {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    PARTS
        .iter()
        .filter_map(|name| zip.by_name(name).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add)
}

/// Read one part of the archive, at most `limit` bytes decompressed, and
/// never more than the archive's directory says it holds.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<String>, FormatError> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(err(format!("{name}: {e}"))),
    };
    let (size, packed) = (f.size(), f.compressed_size());
    if size > limit {
        return Err(err(format!(
            "{name} decompresses to more than {limit} bytes ({size}: a ZIP bomb, or raise --max-file-size)"
        )));
    }
    if size > BOMB_FLOOR && size / packed.max(1) > MAX_RATIO {
        return Err(err(format!(
            "{name} decompresses to {size} bytes from {packed}, more than {MAX_RATIO} times as many (a ZIP bomb)"
        )));
    }
    let mut buf = Vec::new();
    f.take(size.min(limit) + 1)
        .read_to_end(&mut buf)
        .map_err(|e| err(format!("{name}: {e}")))?;
    if buf.len() as u64 > size {
        return Err(err(format!(
            "{name} holds more than the {size} bytes the archive's directory says (a ZIP bomb)"
        )));
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|e| err(format!("{name} is not UTF-8 XML: {e}")))
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The `w:ascii` (else `w:hAnsi`) font of a `w:rFonts` element.
fn rfonts(e: &BytesStart) -> Option<String> {
    let mut ascii = None;
    let mut hansi = None;
    for a in e.attributes().flatten() {
        let v = a.unescape_value().ok()?.to_string();
        match local(a.key.as_ref()) {
            b"ascii" => ascii = Some(v),
            b"hAnsi" => hansi = Some(v),
            _ => {}
        }
    }
    ascii.or(hansi)
}

/// The fonts the styles give: the document's default run font (document
/// defaults, then the default paragraph style), and each style's font with
/// the style it is based on.
#[derive(Debug, Clone, Default)]
struct Fonts {
    default: Option<String>,
    styles: HashMap<String, (Option<String>, Option<String>)>,
}

impl Fonts {
    /// The font of a style, through the styles it is based on.
    fn of_style(&self, id: &str) -> Option<&str> {
        let mut id = id;
        for _ in 0..32 {
            let (font, based_on) = self.styles.get(id)?;
            if let Some(f) = font {
                return Some(f);
            }
            id = based_on.as_deref()?;
        }
        None
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.to_string()))
}

fn styles_fonts(styles: &str) -> Fonts {
    let mut reader = Reader::from_str(styles);
    let mut fonts = Fonts::default();
    let mut in_defaults = false;
    let mut in_default_style = false;
    let mut style: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                b"docDefaults" => in_defaults = true,
                b"style" => {
                    in_default_style = matches!(attr(&e, b"default").as_deref(), Some("1" | "true"))
                        && attr(&e, b"type").as_deref() == Some("paragraph");
                    style = attr(&e, b"styleId");
                    if let Some(id) = &style {
                        fonts.styles.entry(id.clone()).or_default();
                    }
                }
                b"basedOn" => {
                    if let (Some(id), Some(base)) = (&style, attr(&e, b"val")) {
                        fonts.styles.entry(id.clone()).or_default().1 = Some(base);
                    }
                }
                b"rFonts" => {
                    if let Some(f) = rfonts(&e) {
                        if in_defaults || in_default_style {
                            fonts.default = Some(f.clone());
                        }
                        if let Some(id) = &style {
                            fonts.styles.entry(id.clone()).or_default().0 = Some(f);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                b"docDefaults" => in_defaults = false,
                b"style" => {
                    in_default_style = false;
                    style = None;
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    fonts
}

/// Text written in a legacy font: back to the bytes the font meant, decoded.
fn legacy_text(s: &str, enc: Legacy, caps: bool) -> String {
    let mut out = String::new();
    let mut bytes = Vec::new();
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if !bytes.is_empty() {
            out.push_str(&enc.decode(bytes));
            bytes.clear();
        }
    };
    for c in s.chars() {
        if (c as u32) < 0x100 {
            bytes.push(c as u32 as u8);
            continue;
        }
        // Word stores bytes 0x80..0x9F of these fonts as Windows-1252 characters.
        let mut one = [0u8; 4];
        let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut one));
        if !unmappable && encoded.len() == 1 {
            bytes.push(encoded[0]);
        } else {
            flush(&mut bytes, &mut out);
            out.push(c);
        }
    }
    flush(&mut bytes, &mut out);
    match (enc, caps) {
        (_, true) => crate::text::legacy::capitals(&out),
        // A capitals font's text set in the ordinary font (`HộI`).
        (Legacy::Tcvn3, false) => crate::text::legacy::restore_capitals(&out).0,
        _ => out,
    }
}

/// Read a .docx file's body text. `limit` caps every part decompressed.
pub fn read(bytes: &[u8], limit: u64) -> Result<DocxText, FormatError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(err)?;
    if zip.len() > MAX_ENTRIES {
        return Err(err(format!(
            "{} entries in the archive, more than {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let Some(document) = part(&mut zip, "word/document.xml", limit)? else {
        return Err(err("no word/document.xml in the archive"));
    };
    let fonts = part(&mut zip, "word/styles.xml", limit)?
        .map(|s| styles_fonts(&s))
        .unwrap_or_default();
    body(&document, &fonts)
}

/// The text of `word/document.xml`.
fn body(xml: &str, fonts: &Fonts) -> Result<DocxText, FormatError> {
    let mut out = DocxText::default();
    let mut reader = Reader::from_str(xml);
    let mut run_font: Option<String> = None;
    let mut para_font: Option<String> = None;
    let mut run_style: Option<String> = None;
    let mut para_style: Option<String> = None;
    let (mut in_t, mut in_ppr, mut in_rpr, mut skip) = (false, false, false, 0usize);
    let note = |out: &mut DocxText, f: &str| {
        if !out.legacy_fonts.iter().any(|x| x == f) {
            out.legacy_fonts.push(f.to_string());
        }
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| err(format!("word/document.xml: {e}")))?;
        match ev {
            Event::Start(e) => match local(e.name().as_ref()) {
                b"t" if skip == 0 => in_t = true,
                b"pPr" => in_ppr = true,
                b"rPr" => in_rpr = true,
                b"r" => {
                    run_font = None;
                    run_style = None;
                }
                b"p" => {
                    para_font = None;
                    para_style = None;
                }
                b"rFonts" => {
                    let f = rfonts(&e);
                    if in_ppr && !in_rpr {
                        para_font = f;
                    } else if in_rpr && !in_ppr {
                        run_font = f;
                    }
                }
                // Deleted text, field codes and footnote bodies are not the text.
                b"del" | b"instrText" | b"delText" | b"footnote" | b"endnote" => skip += 1,
                _ => {}
            },
            Event::Empty(e) => match local(e.name().as_ref()) {
                b"pStyle" if in_ppr => para_style = attr(&e, b"val"),
                b"rStyle" if in_rpr && !in_ppr => run_style = attr(&e, b"val"),
                b"br" | b"cr" if skip == 0 => out.text.push('\n'),
                b"tab" if !in_ppr && skip == 0 => out.text.push('\t'),
                b"rFonts" => {
                    let f = rfonts(&e);
                    if in_rpr && !in_ppr {
                        run_font = f;
                    } else if in_ppr {
                        para_font = f;
                    }
                }
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref()) {
                b"t" => in_t = false,
                b"pPr" => in_ppr = false,
                b"rPr" => in_rpr = false,
                b"p" if skip == 0 => out.text.push('\n'),
                b"del" | b"instrText" | b"delText" | b"footnote" | b"endnote" => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_t && skip == 0 => {
                let s = t.unescape().map_err(|e| err(format!("word/document.xml: {e}")))?;
                let font = run_font
                    .as_deref()
                    .or_else(|| run_style.as_deref().and_then(|id| fonts.of_style(id)))
                    .or(para_font.as_deref())
                    .or_else(|| para_style.as_deref().and_then(|id| fonts.of_style(id)))
                    .or(fonts.default.as_deref());
                match font.and_then(|f| font_encoding(f).map(|enc| (f, enc))) {
                    Some((f, (enc, caps))) => {
                        note(&mut out, f);
                        out.text.push_str(&legacy_text(&s, enc, caps));
                    }
                    None => out.text.push_str(&s),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_breaks_tabs_and_tables() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>Số: 2381</w:t></w:r><w:r><w:t xml:space="preserve"> /CTPH</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>A</w:t><w:br/><w:t>B</w:t><w:tab/><w:t>C &amp; D</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell 1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>cell 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>kept</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            body(&xml, &Fonts::default()).unwrap().text,
            "Số: 2381 /CTPH\nA\nB\tC & D\ncell 1\ncell 2\nkept\n"
        );
    }

    #[test]
    fn legacy_fonts_are_converted() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>C&#233;ng ho&#181;</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH"/></w:rPr><w:t>ch&#173;&#172;ng tr&#215;nh</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr><w:t>Co&#228;ng ho&#248;a</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Cộng hòa</w:t></w:r></w:p>"#,
        ));
        let d = body(&xml, &Fonts::default()).unwrap();
        assert_eq!(d.text, "Cộng hoà\nCHƯƠNG TRÌNH\nCộng hòa\nCộng hòa\n");
        assert_eq!(d.legacy_fonts, [".VnTime", ".VnTimeH", "VNI-Times"]);
        // Runs without a font of their own take the document's default.
        let fonts = Fonts {
            default: Some(".VnTime".into()),
            ..Fonts::default()
        };
        let d = body(&doc(r#"<w:p><w:r><w:t>C&#233;ng</w:t></w:r></w:p>"#), &fonts).unwrap();
        assert_eq!(d.text, "Cộng\n");
    }

    #[test]
    fn default_font_from_styles() {
        let styles = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        assert_eq!(styles_fonts(styles).default.as_deref(), Some(".VnTime"));
    }

    /// A headline typed in `.VnTimeH` through a paragraph style based on
    /// another: capitals, whether the keyboard gave the lower-case codes
    /// (`h\xe9i`, `H\xe9I`) or a capital and the vowel again (`H\xa4\xe9I`).
    #[test]
    fn tcvn3_capitals_font_from_a_style() {
        let styles = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Heading1"><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Heading1"/></w:style></w:styles>"#;
        let fonts = styles_fonts(styles);
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>h&#233;i khuy&#213;n H&#228;C T&#216;NH</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>S&#165;&#235; GI&#184;O D&#244;C</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>C&#233;ng ho&#181;</w:t></w:r></w:p>"#,
        ));
        let d = body(&xml, &fonts).unwrap();
        assert_eq!(d.text, "HỘI KHUYẾN HỌC TỈNH\nSỞ GIÁO DỤC\nCộng hoà\n");
        assert_eq!(d.legacy_fonts, [".VnTimeH", ".VnTime"]);
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(body(
            "<w:document><w:body><w:p><w:r><w:t>x</w:r></w:document>",
            &Fonts::default()
        )
        .is_err());
    }
}
