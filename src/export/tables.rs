//! The facts as tables for pandas, R and spreadsheets: one CSV file per
//! kind of row — documents, citations, parties, signatories, and the
//! graph's edges — in a folder.
//!
//! Every file is UTF-8 (no byte-order mark), RFC 4180 with a header row and
//! LF line ends (`\n`; every CSV reader of pandas, R and spreadsheets takes
//! them), a cell quoted when it holds a comma, a quote or a line break, and
//! a cell a spreadsheet would run as a formula written with a `'` before it
//! ([`super::csv_field`]). Rows come in a fixed order: documents by path,
//! then each document's citations, parties and signatories in the order
//! extraction gives them; edges as every graph export orders them. The same
//! index gives the same bytes.
//!
//! Column names are fixed ([`DOCUMENTS`], [`CITATIONS`], [`PARTIES`],
//! [`SIGNATORIES`], [`EDGES`]): new columns are only ever added at the end.
//! Empty cells are values that are absent; spans are character offsets into
//! the text as decoded, start inclusive, end exclusive.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::{csv_field, View};
use crate::ingest::Record;

/// A table's file name and its columns, in order.
pub type Table = (&'static str, &'static [&'static str]);

/// One row per document.
pub const DOCUMENTS: Table = (
    "documents.csv",
    &[
        "path",
        "kind",
        "title",
        "number",
        "date",
        "province",
        "province_now",
        "period_from",
        "period_to",
        "parent",
        "author",
        "citations",
        "parties",
        "signatories",
        "format",
        "encoding",
    ],
);

/// One row per instrument a document cites (all its mentions together).
pub const CITATIONS: Table = (
    "citations.csv",
    &[
        "document",
        "id",
        "type",
        "number",
        "date",
        "issuer",
        "scope",
        "form",
        "role",
        "span_start",
        "span_end",
        "cue",
        "implements",
        "catalogued",
        "mentions",
        "pinpoints",
        "written",
    ],
);

/// One row per party to a document.
pub const PARTIES: Table = (
    "parties.csv",
    &[
        "document",
        "name",
        "kind",
        "level",
        "province",
        "span_start",
        "span_end",
    ],
);

/// One row per person who signed a document.
pub const SIGNATORIES: Table = (
    "signatories.csv",
    &["document", "name", "title", "rank", "party", "span_start", "span_end"],
);

/// One row per edge of the graph.
pub const EDGES: Table = (
    "edges.csv",
    &[
        "source",
        "target",
        "relation",
        "cue",
        "document",
        "span_start",
        "span_end",
    ],
);

/// Every table, in the order they are written.
pub const TABLES: [Table; 5] = [DOCUMENTS, CITATIONS, PARTIES, SIGNATORIES, EDGES];

/// Rows written to each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub citations: usize,
    pub parties: usize,
    pub signatories: usize,
    pub edges: usize,
}

/// The number an id starts with (`31` of `31-CT/TU`, `1373` of
/// `1373/QĐ-TTg`); empty when it starts with none.
fn number_of(id: &str) -> &str {
    let end = id.find(|c: char| !c.is_ascii_digit()).unwrap_or(id.len());
    &id[..end]
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn num<T: ToString>(n: Option<T>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// One CSV file being written.
struct File {
    out: BufWriter<std::fs::File>,
    width: usize,
}

impl File {
    fn create(dir: &Path, (name, columns): Table) -> io::Result<File> {
        let mut f = File {
            out: BufWriter::new(std::fs::File::create(dir.join(name))?),
            width: columns.len(),
        };
        f.row(columns)?;
        Ok(f)
    }

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> io::Result<()> {
        debug_assert_eq!(cells.len(), self.width);
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                self.out.write_all(b",")?;
            }
            self.out.write_all(csv_field(c.as_ref()).as_bytes())?;
        }
        self.out.write_all(b"\n")
    }
}

/// Writes the five tables into a folder: records one by one with
/// [`TablesWriter::add`], then the graph's edges with
/// [`TablesWriter::finish`].
pub struct TablesWriter {
    documents: File,
    citations: File,
    parties: File,
    signatories: File,
    edges: File,
    counts: Counts,
}

impl TablesWriter {
    /// Create the folder (if needed) and the five files with their headers.
    pub fn create(dir: &Path) -> io::Result<TablesWriter> {
        std::fs::create_dir_all(dir)?;
        Ok(TablesWriter {
            documents: File::create(dir, DOCUMENTS)?,
            citations: File::create(dir, CITATIONS)?,
            parties: File::create(dir, PARTIES)?,
            signatories: File::create(dir, SIGNATORIES)?,
            edges: File::create(dir, EDGES)?,
            counts: Counts::default(),
        })
    }

    /// One document: its row, and the rows of its citations, parties and
    /// signatories. Records are expected in path order.
    pub fn add(&mut self, record: &Record) -> io::Result<()> {
        let e = &record.extraction;
        let doc = record.path.as_str();
        self.documents.row(&[
            doc.to_string(),
            e.kind.as_str().to_string(),
            opt(&e.title).to_string(),
            opt(&e.number).to_string(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            opt(&e.province).to_string(),
            opt(&e.province_now).to_string(),
            num(e.period.map(|p| p[0])),
            num(e.period.map(|p| p[1])),
            opt(&e.parent).to_string(),
            opt(&e.author).to_string(),
            e.citations.len().to_string(),
            e.parties.len().to_string(),
            e.signatories.len().to_string(),
            record.format.as_str().to_string(),
            record.encoding.as_str().to_string(),
        ])?;
        self.counts.documents += 1;
        for c in &e.citations {
            let first = c.mentions.first();
            self.citations.row(&[
                doc,
                &c.id,
                opt(&c.kind),
                number_of(&c.id),
                &c.date.map(|d| d.to_string()).unwrap_or_default(),
                opt(&c.issuer),
                opt(&c.scope),
                c.form.as_str(),
                c.role.as_str(),
                &num(first.map(|s| s[0])),
                &num(first.map(|s| s[1])),
                c.cue.map_or("", |x| x.as_str()),
                &c.implements.join("; "),
                &c.catalogued.to_string(),
                &c.mentions.len().to_string(),
                &c.pinpoints.join("; "),
                &c.written,
            ])?;
            self.counts.citations += 1;
        }
        for p in &e.parties {
            self.parties.row(&[
                doc,
                &p.name,
                &p.kind,
                p.level.map_or("", |l| l.as_str()),
                opt(&p.province),
                &p.span[0].to_string(),
                &p.span[1].to_string(),
            ])?;
            self.counts.parties += 1;
        }
        for s in &e.signatories {
            self.signatories.row(&[
                doc,
                &s.name,
                opt(&s.title),
                opt(&s.rank),
                opt(&s.party),
                &s.span[0].to_string(),
                &s.span[1].to_string(),
            ])?;
            self.counts.signatories += 1;
        }
        Ok(())
    }

    /// Write the edges of `view`, flush every file; the rows written.
    pub fn finish(mut self, view: &View) -> io::Result<Counts> {
        for &e in &view.edges {
            let (a, b) = view.ends(e);
            let w = view.edge(e);
            let span = w.evidence.span;
            self.edges.row(&[
                view.node(view.nodes[a]).id,
                view.node(view.nodes[b]).id,
                w.kind.as_str(),
                w.evidence.cue,
                w.evidence.document.unwrap_or_default(),
                &num(span.map(|s| s[0])),
                &num(span.map(|s| s[1])),
            ])?;
            self.counts.edges += 1;
        }
        for f in [
            &mut self.documents,
            &mut self.citations,
            &mut self.parties,
            &mut self.signatories,
            &mut self.edges,
        ] {
            f.out.flush()?;
        }
        Ok(self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_digits_an_id_starts_with() {
        assert_eq!(number_of("31-CT/TU"), "31");
        assert_eq!(number_of("1373/QĐ-TTg"), "1373");
        assert_eq!(number_of("Luật Giáo dục"), "");
    }

    #[test]
    fn every_table_names_each_column_once() {
        for (name, columns) in TABLES {
            let set: std::collections::BTreeSet<&str> = columns.iter().copied().collect();
            assert_eq!(set.len(), columns.len(), "{name}");
        }
    }
}
