//! Reading documents from disk: the one place the library touches files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::extract::{extract, Diagnostic, Extraction, Knowledge, Severity};
use crate::formats::{self, docx, Format, FormatError};
use crate::text::{decode, Encoding};
use crate::{Error, Result};

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused (bytes).
    pub max_file_size: u64,
    /// How long a converter (pdftotext) may take on one file.
    pub timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: 256 * 1024 * 1024,
            timeout: std::time::Duration::from_secs(60),
        }
    }
}

/// Extensions read when walking a folder. Files named on the command line
/// are read whatever their name.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "docx", "doc", "pdf", "html", "htm"];

/// A document's text as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub encoding: Encoding,
    pub format: Format,
    pub bytes: u64,
    /// BLAKE3 of the file's bytes, in hex.
    pub hash: String,
    /// What reading it noted (legacy fonts converted, …).
    pub notes: Vec<String>,
}

/// One document's extraction as printed by `cancu extract --json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub path: String,
    #[serde(flatten)]
    pub extraction: Extraction,
    pub format: Format,
    pub encoding: Encoding,
}

/// Read and decode one file.
pub fn read(path: &Path, limits: &Limits) -> Result<Source> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > limits.max_file_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: limits.max_file_size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let mut format = formats::sniff(&bytes);
    let fail = |source: FormatError| Error::Format {
        path: path.to_path_buf(),
        source,
    };
    let empty = || Error::Decode {
        path: path.to_path_buf(),
        source: crate::text::DecodeError::Empty,
    };
    let mut notes = Vec::new();
    let (text, encoding) = match format {
        Format::Text | Format::Html => {
            let decoded = decode(&bytes).map_err(|source| Error::Decode {
                path: path.to_path_buf(),
                source,
            })?;
            if decoded.encoding.is_guessed() {
                notes.push(format!(
                    "read as {}, recognised by its character statistics",
                    decoded.encoding
                ));
            }
            if formats::html::looks_like_html(&decoded.text) {
                // A web page: its article, in the layout of a news report.
                format = Format::Html;
                let depth = formats::html::nesting_depth(&decoded.text);
                if depth > formats::html::MAX_DEPTH {
                    return Err(fail(FormatError::TooDeep(depth)));
                }
                let text = formats::html::read(&decoded.text).to_text();
                if text.trim().is_empty() {
                    return Err(empty());
                }
                (text, decoded.encoding)
            } else {
                (decoded.text, decoded.encoding)
            }
        }
        Format::Docx => {
            let d = docx::read(&bytes, limits.max_file_size).map_err(fail)?;
            for f in &d.legacy_fonts {
                notes.push(format!("text in the legacy font {f} converted to Unicode"));
            }
            if d.text.trim().is_empty() {
                return Err(empty());
            }
            (d.text, Encoding::Utf8)
        }
        Format::Doc => return Err(fail(FormatError::Doc)),
        Format::Pdf => {
            let text = formats::pdf::read(path, limits.timeout, limits.max_file_size).map_err(fail)?;
            (text, Encoding::Utf8)
        }
        Format::Zip => return Err(fail(FormatError::Zip)),
    };
    Ok(Source {
        path: path.to_path_buf(),
        text,
        encoding,
        format,
        bytes: bytes.len() as u64,
        hash: blake3::hash(&bytes).to_hex().to_string(),
        notes,
    })
}

/// Read one file and extract its facts.
pub fn extract_file(path: &Path, k: &Knowledge, limits: &Limits) -> Result<Record> {
    let src = read(path, limits)?;
    Ok(extract_source(&src, k))
}

/// Extract the facts of a file already read.
pub fn extract_source(src: &Source, k: &Knowledge) -> Record {
    let path = &src.path;
    let mut extraction = extract(&src.text, k);
    let notes = src.notes.iter().map(|n| Diagnostic {
        severity: Severity::Info,
        code: "legacy-encoding".into(),
        message: n.clone(),
        span: None,
    });
    extraction.diagnostics.splice(0..0, notes);
    Record {
        path: path.display().to_string(),
        extraction,
        format: src.format,
        encoding: src.encoding,
    }
}

/// The documents under the given paths: files as given, folders walked
/// (sorted, hidden entries and each folder's README skipped, only
/// [`EXTENSIONS`]). Paths that cannot be listed are returned as errors in
/// place, so the caller reports them and goes on.
pub fn collect(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
            Err(source) => out.push(Err(Error::Io {
                path: p.clone(),
                source,
            })),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
            continue;
        }
        let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if stem == "readme" || !EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        out.push(Ok(p));
    }
}
