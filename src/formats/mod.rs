//! File formats: what a file is, told by its content, and its text.
//!
//! Plain text goes to [`crate::text::decode`]; Word documents ([`docx`]),
//! web pages ([`html`]) and PDFs ([`pdf`], through `pdftotext`) are read
//! here; legacy Word (.doc) is refused with the command that converts it. Every reader is bounded (sizes, entries) and returns errors,
//! never panics.

pub mod docx;
pub mod html;
pub mod pdf;

use serde::Serialize;

/// What a file is, judged by its first bytes (the name only breaks ties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
    /// Legacy Word (OLE compound file).
    Doc,
    Pdf,
    /// A web page (told after decoding, see [`html::looks_like_html`]).
    Html,
    /// A ZIP archive that is not a Word document.
    Zip,
}

/// Tell a file's format from its content.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        // A .docx names its main part in the archive's directory.
        if bytes.windows(17).any(|w| w == b"word/document.xml") {
            return Format::Docx;
        }
        return Format::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Doc;
    }
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    Format::Text
}

/// Why a file's text could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("legacy Word document (.doc): convert it first, e.g. `libreoffice --headless --convert-to docx FILE`")]
    Doc,
    #[error("PDF: {0}")]
    Pdf(String),
    #[error(
        "PDF files are read with pdftotext, which is not installed (Debian/Ubuntu: apt-get install poppler-utils)"
    )]
    NoPdfTool,
    #[error("PDF without a text layer (a scan): run OCR first, e.g. `ocrmypdf -l vie FILE OUT.pdf`")]
    Scan,
    #[error("PDF: pdftotext did not finish within {0} seconds (stopped)")]
    PdfTimeout(u64),
    #[error("a web page nested {0} levels deep, more than {max} (refused: it would take too long to read)", max = html::MAX_DEPTH)]
    TooDeep(usize),
    #[error("a ZIP archive that is not a Word document")]
    Zip,
    #[error("not a readable Word document: {0}")]
    Docx(String),
}

#[cfg(test)]
mod never_panics {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;

    fn docx_bytes(text: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let xml = format!(
            r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:t>{text}</w:t></w:r></w:p><w:p><w:r><w:t>Chỉ thị số 11-CT/TW</w:t></w:r></w:p></w:body></w:document>"#
        );
        w.start_file("word/document.xml", opts).expect("zip entry");
        w.write_all(xml.as_bytes()).expect("zip write");
        w.finish().expect("zip").into_inner()
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
    }
}
