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

impl Format {
    /// The name as serialised (`text`, `docx`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Zip => "zip",
        }
    }
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
    #[error("its text is {size} bytes once decoded, over the limit of {limit} bytes (raise it with --max-file-size)")]
    TextTooLarge { size: u64, limit: u64 },
}

/// The standing defence: property tests on every reader, the loaders and
/// extraction (see the file).
#[cfg(test)]
mod never_panics;
