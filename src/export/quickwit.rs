//! The search side for a corpus too big for one machine:
//! the documents as NDJSON for [Quickwit](https://quickwit.io) (built on
//! tantivy), with the index config that maps them.
//!
//! Quickwit has no Vietnamese analyser, so the analysis is done here: each
//! text goes out twice, **normalised** (NFC, `Ð`→`Đ`, one tone placement,
//! markup and stray symbols removed, whitespace unified — [`normalize`]),
//! which Quickwit's `default` tokenizer cuts into the words `cancu search`
//! matches as written, and **folded** (no marks, `đ`→`d`, lower case —
//! [`fold`]) in the `*_folded` fields, which a query without diacritics
//! matches. Identifiers and facts use the `raw` tokenizer (exact values,
//! fast fields for aggregations).
//!
//! One line per document, in path order; the same index gives the same
//! bytes.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::ingest::Record;
use crate::text::{fold, normalize};

/// The documents' file, in the output folder.
pub const DOCUMENTS: &str = "documents.ndjson";
/// The index config's file, in the output folder.
pub const CONFIG: &str = "index-config.yaml";
/// The index id the config names.
pub const INDEX_ID: &str = "cancu";

/// How Quickwit maps one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapping {
    /// Full text: `default` tokenizer, positions (phrase queries), BM25.
    Text { stored: bool },
    /// Full text, several values per document.
    TextArray { stored: bool },
    /// An exact value: `raw` tokenizer, fast field.
    Raw,
    /// Exact values, several per document.
    RawArray,
    /// A date (RFC 3339 in the NDJSON), fast field.
    Date,
    /// An unsigned number, fast field.
    U64,
}

/// Every field of a line of `documents.ndjson`, in order, with its mapping
/// and what it holds. The config is written from this table.
pub const FIELDS: &[(&str, Mapping, &str)] = &[
    ("path", Mapping::Raw, "the file, as indexed"),
    ("kind", Mapping::Raw, "agreement, news, plan or other"),
    ("title", Mapping::Text { stored: true }, "title, normalised"),
    (
        "title_folded",
        Mapping::Text { stored: false },
        "title without diacritics",
    ),
    ("number", Mapping::Raw, "the document's own number, canonical"),
    ("date", Mapping::Date, "signing (or publication) date"),
    ("province", Mapping::Raw, "province on the document"),
    (
        "province_now",
        Mapping::Raw,
        "the province it belongs to since 1 July 2025",
    ),
    ("period_from", Mapping::U64, "first year of the period"),
    ("period_to", Mapping::U64, "last year of the period"),
    ("parent", Mapping::Raw, "id of the programme it implements"),
    ("cites", Mapping::RawArray, "canonical ids of the instruments it cites"),
    ("parties", Mapping::TextArray { stored: true }, "parties, in full"),
    (
        "parties_folded",
        Mapping::TextArray { stored: false },
        "parties without diacritics",
    ),
    (
        "signatories",
        Mapping::TextArray { stored: true },
        "names of the people who signed",
    ),
    (
        "signatories_folded",
        Mapping::TextArray { stored: false },
        "signatories without diacritics",
    ),
    ("text", Mapping::Text { stored: true }, "the text, normalised"),
    (
        "text_folded",
        Mapping::Text { stored: false },
        "the text without diacritics",
    ),
];

/// Fields searched by a query that names none: as written and folded, so
/// `khuyến học` and `khuyen hoc` both find *khuyến học*.
pub const DEFAULT_SEARCH_FIELDS: &[&str] = &["title", "title_folded", "text", "text_folded"];

/// One line of `documents.ndjson`. The keys are those of [`FIELDS`].
#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    kind: String,
    title: Option<&'a str>,
    title_folded: Option<String>,
    number: Option<&'a str>,
    date: Option<String>,
    province: Option<&'a str>,
    province_now: Option<&'a str>,
    period_from: Option<u16>,
    period_to: Option<u16>,
    parent: Option<&'a str>,
    cites: Vec<&'a str>,
    parties: Vec<&'a str>,
    parties_folded: Vec<String>,
    signatories: Vec<&'a str>,
    signatories_folded: Vec<String>,
    text: &'a str,
    text_folded: String,
}

/// `YYYY-MM-DD` as RFC 3339 (midnight UTC), the one date format every
/// Quickwit version reads.
fn rfc3339(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape.then(|| format!("{date}T00:00:00Z"))
}

/// The index config (YAML, Quickwit's config format version 0.8).
pub fn config() -> String {
    let mut y = String::new();
    y.push_str("# Quickwit index config for the documents `cancu export --format quickwit` writes.\n");
    y.push_str("#   quickwit index create --index-config index-config.yaml\n");
    y.push_str("#   quickwit index ingest --index cancu --input-path documents.ndjson\n");
    y.push_str("# Texts are normalised by cancu; the *_folded fields hold them without diacritics.\n");
    y.push_str("version: 0.8\n");
    y.push_str(&format!("index_id: {INDEX_ID}\n"));
    y.push_str("doc_mapping:\n  mode: strict\n  field_mappings:\n");
    for (name, mapping, description) in FIELDS {
        y.push_str(&format!("    - name: {name}\n"));
        y.push_str(&format!("      description: \"{description}\"\n"));
        let lines: Vec<String> = match mapping {
            Mapping::Text { stored } | Mapping::TextArray { stored } => {
                let ty = if matches!(mapping, Mapping::Text { .. }) {
                    "text"
                } else {
                    "array<text>"
                };
                vec![
                    format!("type: {ty}"),
                    "tokenizer: default".into(),
                    "record: position".into(),
                    "fieldnorms: true".into(),
                    format!("stored: {stored}"),
                ]
            }
            Mapping::Raw => vec!["type: text".into(), "tokenizer: raw".into(), "fast: true".into()],
            Mapping::RawArray => vec!["type: array<text>".into(), "tokenizer: raw".into(), "fast: true".into()],
            Mapping::Date => vec![
                "type: datetime".into(),
                "input_formats: [rfc3339]".into(),
                "fast: true".into(),
                "fast_precision: seconds".into(),
            ],
            Mapping::U64 => vec!["type: u64".into(), "fast: true".into()],
        };
        for l in lines {
            y.push_str(&format!("      {l}\n"));
        }
    }
    y.push_str("search_settings:\n");
    y.push_str(&format!(
        "  default_search_fields: [{}]\n",
        DEFAULT_SEARCH_FIELDS.join(", ")
    ));
    y.push_str("indexing_settings:\n  commit_timeout_secs: 30\n");
    y
}

/// Writes `documents.ndjson` and `index-config.yaml` into a folder.
pub struct QuickwitWriter {
    out: BufWriter<std::fs::File>,
    documents: usize,
}

impl QuickwitWriter {
    /// Create the folder (if needed), write the config, open the documents' file.
    pub fn create(dir: &Path) -> io::Result<QuickwitWriter> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(CONFIG), config())?;
        let out = BufWriter::new(std::fs::File::create(dir.join(DOCUMENTS))?);
        Ok(QuickwitWriter { out, documents: 0 })
    }

    /// One document: its record and its text as decoded.
    pub fn add(&mut self, record: &Record, text: &str) -> io::Result<()> {
        let e = &record.extraction;
        let normalised = normalize(text).text;
        let mut cites: Vec<&str> = Vec::new();
        for c in &e.citations {
            if !cites.contains(&c.id.as_str()) {
                cites.push(&c.id);
            }
        }
        let parties: Vec<&str> = e.parties.iter().map(|p| p.name.as_str()).collect();
        let signatories: Vec<&str> = e.signatories.iter().map(|s| s.name.as_str()).collect();
        let line = Line {
            path: &record.path,
            kind: e.kind.as_str().to_string(),
            title: e.title.as_deref(),
            title_folded: e.title.as_deref().map(fold),
            number: e.number.as_deref(),
            date: e.date.map(|d| d.to_string()).as_deref().and_then(rfc3339),
            province: e.province.as_deref(),
            province_now: e.province_now.as_deref(),
            period_from: e.period.map(|p| p[0]),
            period_to: e.period.map(|p| p[1]),
            parent: e.parent.as_deref(),
            parties_folded: parties.iter().map(|p| fold(p)).collect(),
            signatories_folded: signatories.iter().map(|s| fold(s)).collect(),
            cites,
            parties,
            signatories,
            text_folded: fold(&normalised),
            text: &normalised,
        };
        serde_json::to_writer(&mut self.out, &line).map_err(io::Error::other)?;
        self.out.write_all(b"\n")?;
        self.documents += 1;
        Ok(())
    }

    /// Flush; the number of documents written.
    pub fn finish(mut self) -> io::Result<usize> {
        self.out.flush()?;
        Ok(self.documents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_rfc3339() {
        assert_eq!(rfc3339("2017-11-21").as_deref(), Some("2017-11-21T00:00:00Z"));
        assert_eq!(rfc3339("2017-11"), None);
        assert_eq!(rfc3339("2017/11/21"), None);
    }

    #[test]
    fn the_config_maps_every_field_once() {
        let c = config();
        for (name, _, _) in FIELDS {
            assert_eq!(c.matches(&format!("- name: {name}\n")).count(), 1, "{name}");
        }
        for f in DEFAULT_SEARCH_FIELDS {
            assert!(FIELDS.iter().any(|(n, _, _)| n == f), "{f}");
        }
    }
}
