//! Word documents (.docx): a ZIP of XML. Text comes from `w:t`, breaks from
//! `w:p`, `w:br` and `w:cr`, tabs from `w:tab`; table cells are paragraphs.
//! Headers, footers, footnotes and deleted text are left out. Runs whose
//! font is a legacy Vietnamese one (`.VnTime` → TCVN3, `VNI-Times` → VNI;
//! the `.Vn…H` fonts are capitals typed as small letters) are converted.
//!
//! Bounded: at most [`MAX_ENTRIES`] entries, and each part read is cut off at
//! a size limit, so a ZIP bomb is an error, not an exhausted machine.

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

/// Read one part of the archive, at most `limit` bytes decompressed.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<String>, FormatError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(err(format!("{name}: {e}"))),
    };
    let mut buf = Vec::new();
    (&mut f)
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| err(format!("{name}: {e}")))?;
    if buf.len() as u64 > limit {
        return Err(err(format!(
            "{name} decompresses to more than {limit} bytes (a ZIP bomb, or raise --max-file-size)"
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

/// The default run font of the document (document defaults, then the
/// default paragraph style).
fn default_font(styles: &str) -> Option<String> {
    let mut reader = Reader::from_str(styles);
    let mut font = None;
    let mut in_defaults = false;
    let mut in_default_style = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(e.name().as_ref()) {
                b"docDefaults" => in_defaults = true,
                b"style" => {
                    in_default_style = e
                        .attributes()
                        .flatten()
                        .any(|a| local(a.key.as_ref()) == b"default" && matches!(a.value.as_ref(), b"1" | b"true"))
                        && e.attributes()
                            .flatten()
                            .any(|a| local(a.key.as_ref()) == b"type" && a.value.as_ref() == b"paragraph");
                }
                b"rFonts" if in_defaults || in_default_style => {
                    if let Some(f) = rfonts(&e) {
                        font = Some(f);
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                b"docDefaults" => in_defaults = false,
                b"style" => in_default_style = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    font
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
    if caps {
        out.to_uppercase()
    } else {
        out
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
    let default = part(&mut zip, "word/styles.xml", limit)?.and_then(|s| default_font(&s));
    body(&document, default.as_deref())
}

/// The text of `word/document.xml`.
fn body(xml: &str, default_font: Option<&str>) -> Result<DocxText, FormatError> {
    let mut out = DocxText::default();
    let mut reader = Reader::from_str(xml);
    let mut run_font: Option<String> = None;
    let mut para_font: Option<String> = None;
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
                b"r" => run_font = None,
                b"p" => para_font = None,
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
                let font = run_font.as_deref().or(para_font.as_deref()).or(default_font);
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
            body(&xml, None).unwrap().text,
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
        let d = body(&xml, None).unwrap();
        assert_eq!(d.text, "Cộng hoà\nCHƯƠNG TRÌNH\nCộng hòa\nCộng hòa\n");
        assert_eq!(d.legacy_fonts, [".VnTime", ".VnTimeH", "VNI-Times"]);
        // Runs without a font of their own take the document's default.
        let d = body(&doc(r#"<w:p><w:r><w:t>C&#233;ng</w:t></w:r></w:p>"#), Some(".VnTime")).unwrap();
        assert_eq!(d.text, "Cộng\n");
    }

    #[test]
    fn default_font_from_styles() {
        let styles = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        assert_eq!(default_font(styles).as_deref(), Some(".VnTime"));
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(body("<w:document><w:body><w:p><w:r><w:t>x</w:r></w:document>", None).is_err());
    }
}
