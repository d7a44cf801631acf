//! The graph for [Kùzu](https://kuzudb.com), an embedded graph database
//! that speaks Cypher: typed tables, one CSV file per node label and per
//! relationship between two labels, and the two scripts that create the
//! tables (`schema.cypher`) and copy the files into them (`load.cypher`).
//!
//! Kùzu wants a schema before any data, one node table per label with a
//! primary key, and each relationship table declared with the pairs of
//! node tables it joins; `COPY` fills a table from a CSV whose columns come
//! in the table's order (the ends of a relationship first). The Neo4j
//! files (one `nodes.csv` with a `:LABEL` column, `id:ID` headers) do not
//! fit that, hence this format.
//!
//! Every node table has the same columns ([`NODE_COLUMNS`]), every
//! relationship table [`EDGE_COLUMNS`] after its two ends. Cells are
//! written as in every CSV of cancu ([`super::csv_field`]); the files are
//! read with `parallel=false`, since a quoted cell may hold a line break.
//! `load.cypher` names the files relative to the folder: run it from there.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::{csv_field, View};
use crate::graph::{EdgeId, EdgeKind, Node, NodeKind};

/// The script that creates the tables.
pub const SCHEMA: &str = "schema.cypher";
/// The script that copies the files into them.
pub const LOAD: &str = "load.cypher";

/// Node labels, one table each.
pub const LABELS: [(NodeKind, &str); 5] = [
    (NodeKind::Document, "Document"),
    (NodeKind::Instrument, "Instrument"),
    (NodeKind::Organisation, "Organisation"),
    (NodeKind::Person, "Person"),
    (NodeKind::Province, "Province"),
];

/// Relationship tables, by the graph's edge kinds.
pub const RELATIONS: [EdgeKind; 7] = [
    EdgeKind::Implements,
    EdgeKind::BasedOn,
    EdgeKind::Cites,
    EdgeKind::PartyTo,
    EdgeKind::Signed,
    EdgeKind::Issued,
    EdgeKind::InProvince,
];

/// Columns of every node table and their Kùzu types; `id` is the key.
pub const NODE_COLUMNS: &[(&str, &str)] = &[
    ("id", "STRING"),
    ("label", "STRING"),
    ("instrument", "STRING"),
    ("province", "STRING"),
    ("period_from", "INT64"),
    ("period_to", "INT64"),
    ("document_kind", "STRING"),
    ("date", "STRING"),
    ("title", "STRING"),
    ("parent", "STRING"),
    ("placeholder", "BOOLEAN"),
];

/// Columns of every relationship table after its two ends (`from`, `to`).
pub const EDGE_COLUMNS: &[(&str, &str)] = &[
    ("cue", "STRING"),
    ("document", "STRING"),
    ("span_start", "INT64"),
    ("span_end", "INT64"),
];

/// The options every `COPY` is given.
const COPY_OPTIONS: &str = "header=true, delim=',', quote='\"', escape='\"', parallel=false";

fn label(kind: NodeKind) -> &'static str {
    LABELS.iter().find(|(k, _)| *k == kind).map_or("Document", |(_, l)| l)
}

fn node_row(n: Node) -> Vec<String> {
    let o = |s: &Option<&str>| s.unwrap_or_default().to_string();
    vec![
        n.id.to_string(),
        n.label.to_string(),
        o(&n.instrument),
        o(&n.province),
        n.period.map(|p| p[0].to_string()).unwrap_or_default(),
        n.period.map(|p| p[1].to_string()).unwrap_or_default(),
        n.document_kind.map_or("", |k| k.as_str()).to_string(),
        o(&n.date),
        o(&n.title),
        o(&n.parent),
        n.placeholder.to_string(),
    ]
}

fn write_row(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    writeln!(out, "{}", cells.join(","))
}

fn header(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}

/// A property name in Cypher, quoted so that words Kùzu reserves (`date`)
/// stay names.
fn prop(name: &str) -> String {
    format!("`{name}`")
}

/// Write the Kùzu folder for `v` into `dir`: `<Label>.csv` per node label,
/// `<RELATION>_<From>_<To>.csv` per relationship and pair of labels,
/// `schema.cypher` and `load.cypher`. The file names written, in order.
pub fn write_kuzu(v: &View, dir: &Path) -> io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut load = String::from(
        "// Copy the files of this folder into the tables of schema.cypher.\n\
         // Run from this folder (the file names are relative to it).\n",
    );
    let node_names: Vec<&str> = NODE_COLUMNS.iter().map(|(n, _)| *n).collect();
    for (kind, name) in LABELS {
        let file = format!("{name}.csv");
        let mut out = BufWriter::new(std::fs::File::create(dir.join(&file))?);
        write_row(&mut out, &header(&node_names))?;
        let mut rows = 0usize;
        for &i in &v.nodes {
            let n = v.node(i);
            if n.kind == kind {
                write_row(&mut out, &node_row(n))?;
                rows += 1;
            }
        }
        out.flush()?;
        if rows > 0 {
            load.push_str(&format!("COPY {name} FROM '{file}' ({COPY_OPTIONS});\n"));
        }
        written.push(file);
    }
    // Edges by relation and the labels of their ends, each group in the
    // view's order.
    let mut groups: BTreeMap<(usize, &str, &str), Vec<EdgeId>> = BTreeMap::new();
    for &e in &v.edges {
        let (a, b) = v.ends(e);
        let kind = v.edge(e).kind;
        let r = RELATIONS.iter().position(|k| *k == kind).unwrap_or(0);
        let (from, to) = (label(v.node(v.nodes[a]).kind), label(v.node(v.nodes[b]).kind));
        groups.entry((r, from, to)).or_default().push(e);
    }
    let mut pairs: BTreeMap<usize, BTreeSet<(&str, &str)>> = BTreeMap::new();
    let edge_names: Vec<&str> = ["from", "to"]
        .into_iter()
        .chain(EDGE_COLUMNS.iter().map(|(n, _)| *n))
        .collect();
    for ((r, from, to), edges) in &groups {
        let rel = RELATIONS[*r].as_str();
        pairs.entry(*r).or_default().insert((from, to));
        let file = format!("{rel}_{from}_{to}.csv");
        let mut out = BufWriter::new(std::fs::File::create(dir.join(&file))?);
        write_row(&mut out, &header(&edge_names))?;
        for &e in edges {
            let (a, b) = v.ends(e);
            let ev = v.edge(e).evidence;
            write_row(
                &mut out,
                &[
                    v.node(v.nodes[a]).id.to_string(),
                    v.node(v.nodes[b]).id.to_string(),
                    ev.cue.to_string(),
                    ev.document.unwrap_or_default().to_string(),
                    ev.span.map(|s| s[0].to_string()).unwrap_or_default(),
                    ev.span.map(|s| s[1].to_string()).unwrap_or_default(),
                ],
            )?;
        }
        out.flush()?;
        load.push_str(&format!(
            "COPY {rel} FROM '{file}' (from='{from}', to='{to}', {COPY_OPTIONS});\n"
        ));
        written.push(file);
    }
    let mut schema = String::from(
        "// The tables of the cancu graph in Kùzu; then run load.cypher.\n\
         // Relationship pairs are those of the exported graph; a relation it does not\n\
         // have is declared Document -> Instrument so that queries naming it still run.\n",
    );
    let node_cols: Vec<String> = NODE_COLUMNS
        .iter()
        .map(|(n, t)| {
            if *n == "id" {
                format!("{} {t} PRIMARY KEY", prop(n))
            } else {
                format!("{} {t}", prop(n))
            }
        })
        .collect();
    for (_, name) in LABELS {
        schema.push_str(&format!("CREATE NODE TABLE {name}({});\n", node_cols.join(", ")));
    }
    let edge_cols: Vec<String> = EDGE_COLUMNS.iter().map(|(n, t)| format!("{} {t}", prop(n))).collect();
    for (r, kind) in RELATIONS.iter().enumerate() {
        let default = BTreeSet::from([("Document", "Instrument")]);
        let ends: Vec<String> = pairs
            .get(&r)
            .unwrap_or(&default)
            .iter()
            .map(|(f, t)| format!("FROM {f} TO {t}"))
            .collect();
        schema.push_str(&format!(
            "CREATE REL TABLE {}({}, {});\n",
            kind.as_str(),
            ends.join(", "),
            edge_cols.join(", ")
        ));
    }
    std::fs::write(dir.join(SCHEMA), schema)?;
    std::fs::write(dir.join(LOAD), load)?;
    written.push(SCHEMA.to_string());
    written.push(LOAD.to_string());
    Ok(written)
}
