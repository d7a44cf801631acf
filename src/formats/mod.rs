//! File formats: what a file is, told by its content, and its text.
//!
//! Plain text goes to [`crate::text::decode`]; Word documents (.docx) are
//! read here ([`docx`]); legacy Word (.doc) is refused with the command that
//! converts it. Every reader is bounded (sizes, entries) and returns errors,
//! never panics.

pub mod docx;

use serde::Serialize;

/// What a file is, judged by its first bytes (the name only breaks ties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Docx,
    /// Legacy Word (OLE compound file).
    Doc,
    Pdf,
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
    #[error("PDF files are not read yet: convert it first, e.g. `pdftotext -layout FILE FILE.txt`")]
    Pdf,
    #[error("a ZIP archive that is not a Word document")]
    Zip,
    #[error("not a readable Word document: {0}")]
    Docx(String),
}
