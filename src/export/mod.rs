//! The graph for other tools: Graphviz (DOT), Gephi (GEXF,
//! GraphML), yEd and Cytoscape (GraphML with typed keys; Cytoscape.js JSON),
//! D3/networkx (node-link JSON), Neo4j/Memgraph (admin-import CSV and a
//! Cypher script), Mermaid (small graphs) and a browser page (one offline
//! HTML file). The documents themselves go to Quickwit ([`quickwit`]).
//!
//! Every format escapes text from documents for its own syntax, and writes
//! nodes and edges in a fixed order, so the same graph gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use crate::graph::{Edge, EdgeId, Graph, Node, NodeId, NodeKind};

pub mod annotate;
mod html;
pub mod kuzu;
pub(crate) mod page;
pub mod quickwit;
pub mod tables;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Graphml,
    Gexf,
    Json,
    Cytoscape,
    Csv,
    Mermaid,
    Html,
    /// The whole graph as cancu held it: `{format_version, nodes, edges}`,
    /// every fact of every node (with the documents that cite it) and the
    /// edges as `[source, target, {kind, evidence}]` by node position.
    GraphJson,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("dot", Format::Dot),
        ("graphml", Format::Graphml),
        ("gexf", Format::Gexf),
        ("json", Format::Json),
        ("cytoscape", Format::Cytoscape),
        ("csv", Format::Csv),
        ("mermaid", Format::Mermaid),
        ("html", Format::Html),
        ("graph-json", Format::GraphJson),
    ];
}

/// Which part of the graph to export.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Documents of this province (as written, or today's), with what they link to.
    pub province: Option<String>,
    /// Everything within `depth` edges of this node, in either direction.
    pub around: Option<(NodeId, usize)>,
    /// Documents signed within this range, with what they link to.
    pub signed: crate::date::DateRange,
}

/// The nodes and edges to export, in a fixed order.
pub struct View<'g> {
    g: &'g Graph,
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeId>,
    /// Position of each node in `nodes`: the short ids some formats need.
    pos: BTreeMap<NodeId, usize>,
    /// Today's name of each province the kept nodes name (those `now` knows).
    now: BTreeMap<String, String>,
}

impl<'g> View<'g> {
    /// The part of `g` that `filter` keeps.
    pub fn new(g: &'g Graph, filter: &Filter, now: impl Fn(&str) -> Option<String>) -> View<'g> {
        let mut keep: BTreeSet<NodeId> = g.nodes().collect();
        if filter.province.is_some() || !filter.signed.is_open() {
            let key = filter.province.as_deref().map(crate::text::name_key);
            let docs: BTreeSet<NodeId> = g
                .nodes()
                .filter(|&i| {
                    let n = g.node(i);
                    n.kind == NodeKind::Document
                        && key.as_ref().is_none_or(|key| {
                            n.province.is_some_and(|q| {
                                crate::text::name_key(q) == *key
                                    || now(q).is_some_and(|x| crate::text::name_key(&x) == *key)
                            })
                        })
                        && filter.signed.admits(n.date)
                })
                .collect();
            let mut around = docs.clone();
            for &d in &docs {
                around.extend(g.neighbours(d));
            }
            keep = around;
        }
        if let Some((start, depth)) = filter.around {
            let mut seen = BTreeMap::from([(start, 0usize)]);
            let mut queue = VecDeque::from([start]);
            while let Some(n) = queue.pop_front() {
                let d = seen[&n];
                if d >= depth {
                    continue;
                }
                for m in g.neighbours(n) {
                    if let std::collections::btree_map::Entry::Vacant(v) = seen.entry(m) {
                        v.insert(d + 1);
                        queue.push_back(m);
                    }
                }
            }
            keep.retain(|i| seen.contains_key(i));
        }
        // By id.
        let nodes: Vec<NodeId> = g.nodes_by_id().filter(|i| keep.contains(i)).collect();
        let pos: BTreeMap<NodeId, usize> = nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let mut edges: Vec<Edge> = g
            .edges()
            .filter(|e| pos.contains_key(&e.source) && pos.contains_key(&e.target))
            .collect();
        // By source, target and relation name; a stable sort keeps the
        // graph's own order for edges equal in all three.
        edges.sort_by_cached_key(|e| {
            (
                pos.get(&e.source).copied(),
                pos.get(&e.target).copied(),
                e.kind.as_str(),
            )
        });
        let edges: Vec<EdgeId> = edges.into_iter().map(|e| e.id).collect();
        let now: BTreeMap<String, String> = nodes
            .iter()
            .filter_map(|&i| g.node(i).province)
            .collect::<BTreeSet<&str>>()
            .into_iter()
            .filter_map(|p| now(p).map(|n| (p.to_string(), n)))
            .collect();
        View {
            g,
            nodes,
            edges,
            pos,
            now,
        }
    }

    /// Today's name of a province as written (after the merger of 1 July 2025).
    pub fn province_now(&self, p: &str) -> Option<&str> {
        self.now.get(p).map(String::as_str)
    }

    /// The graph the view is of.
    pub fn graph(&self) -> &'g Graph {
        self.g
    }

    fn node(&self, i: NodeId) -> Node<'g> {
        self.g.node(i)
    }

    fn edge(&self, e: EdgeId) -> Edge<'g> {
        self.g.edge(e)
    }

    /// The positions in `nodes` of an edge's ends.
    fn ends(&self, e: EdgeId) -> (usize, usize) {
        let e = self.g.edge(e);
        (
            self.pos.get(&e.source).copied().unwrap_or(0),
            self.pos.get(&e.target).copied().unwrap_or(0),
        )
    }
}

fn edge_kind(e: &Edge<'_>) -> String {
    e.kind.as_str().to_string()
}

/// The attributes every format carries, as text.
fn node_attrs(n: Node<'_>) -> Vec<(&'static str, String)> {
    let mut a = vec![("kind", n.kind.as_str().to_string()), ("label", n.label.to_string())];
    let mut opt = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            a.push((k, v));
        }
    };
    opt("instrument", n.instrument.map(str::to_string));
    opt("province", n.province.map(str::to_string));
    opt("period", n.period.map(|[x, y]| format!("{x}-{y}")));
    opt("document_kind", n.document_kind.map(|k| k.as_str().to_string()));
    opt("date", n.date.map(str::to_string));
    opt("title", n.title.map(str::to_string));
    opt("parent", n.parent.map(str::to_string));
    a.push(("placeholder", n.placeholder.to_string()));
    a
}

fn edge_attrs(e: &Edge) -> Vec<(&'static str, String)> {
    let mut a = vec![("relation", edge_kind(e)), ("cue", e.evidence.cue.to_string())];
    if let Some(d) = e.evidence.document {
        a.push(("document", d.to_string()));
    }
    if let Some([s, t]) = e.evidence.span {
        a.push(("span", format!("{s}-{t}")));
    }
    a
}

const NODE_KEYS: &[&str] = &[
    "kind",
    "label",
    "instrument",
    "province",
    "period",
    "document_kind",
    "date",
    "title",
    "parent",
    "placeholder",
];
const EDGE_KEYS: &[&str] = &["relation", "cue", "document", "span"];

/// Text made safe for XML 1.0: markup escaped, characters XML forbids dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT double-quoted string.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_dot(v: &View, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph cancu {{")?;
    writeln!(out, "  graph [rankdir=LR];")?;
    writeln!(out, "  node [shape=box, style=filled, fontname=\"DejaVu Sans\"];")?;
    for (k, &i) in v.nodes.iter().enumerate() {
        let n = v.node(i);
        let color = match n.kind {
            NodeKind::Document => "#9ecae1",
            NodeKind::Instrument if n.placeholder => "#eeeeee",
            NodeKind::Instrument => "#fdd0a2",
            NodeKind::Organisation => "#c7e9c0",
            NodeKind::Person => "#dadaeb",
            NodeKind::Province => "#fcbba1",
        };
        let attrs: Vec<String> = node_attrs(n)
            .into_iter()
            .map(|(a, val)| format!("{a}={}", dot_escape(&val)))
            .collect();
        writeln!(
            out,
            "  n{k} [id={}, fillcolor=\"{color}\", {}];",
            dot_escape(n.id),
            attrs.join(", ")
        )?;
    }
    for &e in &v.edges {
        let (a, b) = v.ends(e);
        let w = &v.edge(e);
        let attrs: Vec<String> = edge_attrs(w)
            .into_iter()
            .map(|(a, val)| format!("{a}={}", dot_escape(&val)))
            .collect();
        writeln!(
            out,
            "  n{a} -> n{b} [label={}, {}];",
            dot_escape(&edge_kind(w)),
            attrs.join(", ")
        )?;
    }
    writeln!(out, "}}")
}

fn write_graphml(v: &View, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for k in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>"#
        )?;
    }
    for k in EDGE_KEYS {
        writeln!(
            out,
            r#"  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="cancu" edgedefault="directed">"#)?;
    for &i in &v.nodes {
        let n = v.node(i);
        writeln!(out, r#"    <node id="{}">"#, xml_escape(n.id))?;
        for (k, val) in node_attrs(n) {
            writeln!(out, r#"      <data key="n_{k}">{}</data>"#, xml_escape(&val))?;
        }
        writeln!(out, "    </node>")?;
    }
    for (k, &e) in v.edges.iter().enumerate() {
        let (a, b) = v.ends(e);
        let (a, b) = (&v.node(v.nodes[a]).id, &v.node(v.nodes[b]).id);
        writeln!(
            out,
            r#"    <edge id="e{k}" source="{}" target="{}">"#,
            xml_escape(a),
            xml_escape(b)
        )?;
        for (key, val) in edge_attrs(&v.edge(e)) {
            writeln!(out, r#"      <data key="e_{key}">{}</data>"#, xml_escape(&val))?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

fn write_gexf(v: &View, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (k, name) in NODE_KEYS.iter().enumerate() {
        writeln!(out, r#"      <attribute id="{k}" title="{name}" type="string"/>"#)?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (k, name) in EDGE_KEYS.iter().enumerate() {
        writeln!(out, r#"      <attribute id="{k}" title="{name}" type="string"/>"#)?;
    }
    writeln!(out, "    </attributes>\n    <nodes>")?;
    for &i in &v.nodes {
        let n = v.node(i);
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            xml_escape(n.id),
            xml_escape(n.label)
        )?;
        writeln!(out, "        <attvalues>")?;
        for (k, val) in node_attrs(n) {
            let idx = NODE_KEYS.iter().position(|x| *x == k).unwrap_or(0);
            writeln!(out, r#"          <attvalue for="{idx}" value="{}"/>"#, xml_escape(&val))?;
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (k, &e) in v.edges.iter().enumerate() {
        let (a, b) = v.ends(e);
        let (a, b) = (&v.node(v.nodes[a]).id, &v.node(v.nodes[b]).id);
        let w = &v.edge(e);
        writeln!(
            out,
            r#"      <edge id="e{k}" source="{}" target="{}" label="{}">"#,
            xml_escape(a),
            xml_escape(b),
            xml_escape(&edge_kind(w))
        )?;
        writeln!(out, "        <attvalues>")?;
        for (key, val) in edge_attrs(w) {
            let idx = EDGE_KEYS.iter().position(|x| *x == key).unwrap_or(0);
            writeln!(out, r#"          <attvalue for="{idx}" value="{}"/>"#, xml_escape(&val))?;
        }
        writeln!(out, "        </attvalues>\n      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn attrs_json(a: Vec<(&'static str, String)>) -> serde_json::Map<String, Value> {
    a.into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect()
}

/// A node's attributes as a JSON object, with its id.
fn node_map(v: &View, i: NodeId) -> serde_json::Map<String, Value> {
    let n = v.node(i);
    let mut m = attrs_json(node_attrs(n));
    m.insert("id".into(), Value::String(n.id.to_string()));
    m
}

/// An edge's attributes as a JSON object, with its source and target ids.
fn edge_map(v: &View, e: EdgeId) -> serde_json::Map<String, Value> {
    let (a, b) = v.ends(e);
    let mut m = attrs_json(edge_attrs(&v.edge(e)));
    m.insert("source".into(), Value::String(v.node(v.nodes[a]).id.to_string()));
    m.insert("target".into(), Value::String(v.node(v.nodes[b]).id.to_string()));
    m
}

fn write_json(v: &View, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = v.nodes.iter().map(|&i| Value::Object(node_map(v, i))).collect();
    let links: Vec<Value> = v.edges.iter().map(|&e| Value::Object(edge_map(v, e))).collect();
    let doc =
        json!({"directed": true, "multigraph": false, "graph": {"name": "cancu"}, "nodes": nodes, "links": links});
    serde_json::to_writer(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

fn write_cytoscape(v: &View, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = v
        .nodes
        .iter()
        .map(|&i| json!({ "data": Value::Object(node_map(v, i)) }))
        .collect();
    let edges: Vec<Value> = v
        .edges
        .iter()
        .enumerate()
        .map(|(k, &e)| {
            let mut m = edge_map(v, e);
            m.insert("id".into(), Value::String(format!("e{k}")));
            json!({ "data": Value::Object(m) })
        })
        .collect();
    serde_json::to_writer(&mut *out, &json!({"elements": {"nodes": nodes, "edges": edges}}))
        .map_err(io::Error::other)?;
    writeln!(out)
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
/// break. A cell a spreadsheet would run as a formula (its first character
/// `=`, `+`, `-`, `@`, a tab or a carriage return) is neutralised: it starts
/// with `'` and is quoted.
fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Neo4j/Memgraph admin-import files: `nodes.csv`, `edges.csv` (cells
/// neutralised against spreadsheet formulas: [`csv_field`]), an
/// `import.cypher` script for Neo4j's `LOAD CSV` and a `memgraph.cypher`
/// script for Memgraph's, in `dir`.
pub fn write_csv(v: &View, dir: &Path) -> io::Result<()> {
    let mut labels = BTreeSet::new();
    let mut types = BTreeSet::new();
    std::fs::create_dir_all(dir)?;
    let mut nodes = io::BufWriter::new(std::fs::File::create(dir.join("nodes.csv"))?);
    let header: Vec<String> = std::iter::once("id:ID".to_string())
        .chain(NODE_KEYS.iter().map(|k| k.to_string()))
        .chain(std::iter::once(":LABEL".to_string()))
        .collect();
    writeln!(nodes, "{}", header.join(","))?;
    for &i in &v.nodes {
        let n = v.node(i);
        let a: BTreeMap<&str, String> = node_attrs(n).into_iter().collect();
        let mut row = vec![csv_field(n.id)];
        row.extend(NODE_KEYS.iter().map(|k| csv_field(a.get(k).map_or("", String::as_str))));
        let label = n.kind.as_str().to_string();
        let mut label = label.chars();
        let label: String = label
            .next()
            .map(|c| c.to_uppercase().chain(label).collect())
            .unwrap_or_default();
        labels.insert(label.clone());
        row.push(label);
        writeln!(nodes, "{}", row.join(","))?;
    }
    nodes.flush()?;
    let mut edges = io::BufWriter::new(std::fs::File::create(dir.join("edges.csv"))?);
    writeln!(edges, ":START_ID,:END_ID,:TYPE,cue,document,span")?;
    for &e in &v.edges {
        let (a, b) = v.ends(e);
        let w = &v.edge(e);
        let a_: BTreeMap<&str, String> = edge_attrs(w).into_iter().collect();
        let get = |k: &str| csv_field(a_.get(k).map_or("", String::as_str));
        types.insert(edge_kind(w));
        writeln!(
            edges,
            "{},{},{},{},{},{}",
            csv_field(v.node(v.nodes[a]).id),
            csv_field(v.node(v.nodes[b]).id),
            edge_kind(w),
            get("cue"),
            get("document"),
            get("span")
        )?;
    }
    edges.flush()?;
    let mut cypher = std::fs::File::create(dir.join("import.cypher"))?;
    writeln!(
        cypher,
        "// Load nodes.csv and edges.csv (put them in the database's import folder).\n\
         LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n\
         CALL apoc.create.node([row.`:LABEL`], {{id: row.`id:ID`, kind: row.kind, label: row.label, instrument: row.instrument, province: row.province, period: row.period, document_kind: row.document_kind, date: row.date, title: row.title, parent: row.parent, placeholder: row.placeholder = 'true'}}) YIELD node RETURN count(node);\n\
         CREATE INDEX node_id IF NOT EXISTS FOR (n:Document) ON (n.id);\n\
         LOAD CSV WITH HEADERS FROM 'file:///edges.csv' AS row\n\
         MATCH (a {{id: row.`:START_ID`}}), (b {{id: row.`:END_ID`}})\n\
         CALL apoc.create.relationship(a, row.`:TYPE`, {{cue: row.cue, document: row.document, span: row.span}}, b) YIELD rel RETURN count(rel);"
    )?;
    write_memgraph(dir, &labels, &types)
}

/// `memgraph.cypher`: Memgraph's `LOAD CSV` of the two files (which it
/// reads from `/import/`), one statement per node label and edge type, every
/// node also labelled `Node` and indexed by id so edges find their ends.
fn write_memgraph(dir: &Path, labels: &BTreeSet<String>, types: &BTreeSet<String>) -> io::Result<()> {
    let mut m = io::BufWriter::new(std::fs::File::create(dir.join("memgraph.cypher"))?);
    writeln!(
        m,
        "// Memgraph: make nodes.csv and edges.csv readable by the server at /import/\n\
         // (e.g. docker run -v \"$PWD:/import\" …), then: mgconsole < memgraph.cypher\n\
         CREATE INDEX ON :Node(id);"
    )?;
    let props: Vec<String> = std::iter::once("id: row.`id:ID`".to_string())
        .chain(NODE_KEYS.iter().map(|k| format!("{k}: row.{k}")))
        .collect();
    for label in labels {
        writeln!(
            m,
            "LOAD CSV FROM '/import/nodes.csv' WITH HEADER NULLIF '' AS row WITH row WHERE row.`:LABEL` = '{label}' \
             CREATE (:Node:{label} {{{}}});",
            props.join(", ")
        )?;
    }
    for ty in types {
        writeln!(
            m,
            "LOAD CSV FROM '/import/edges.csv' WITH HEADER NULLIF '' AS row WITH row WHERE row.`:TYPE` = '{ty}' \
             MATCH (a:Node {{id: row.`:START_ID`}}), (b:Node {{id: row.`:END_ID`}}) \
             CREATE (a)-[:{ty} {{cue: row.cue, document: row.document, span: row.span}}]->(b);"
        )?;
    }
    m.flush()
}

fn mermaid_label(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "#quot;".to_string(),
            '<' => "#lt;".to_string(),
            '>' => "#gt;".to_string(),
            '\n' | '\r' => " ".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn write_mermaid(v: &View, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    for (k, &i) in v.nodes.iter().enumerate() {
        let n = v.node(i);
        writeln!(out, "  n{k}[\"{}\"]", mermaid_label(n.name()))?;
    }
    for &e in &v.edges {
        let (a, b) = v.ends(e);
        writeln!(out, "  n{a} -->|{}| n{b}", edge_kind(&v.edge(e)))?;
    }
    Ok(())
}

/// The view as `graph.json` was: the graph's own order, every fact.
fn write_graph_json(v: &View, out: &mut dyn Write) -> io::Result<()> {
    v.g.write_json(&|i| v.pos.contains_key(&i), out)?;
    writeln!(out)
}

/// Write the view in `format` (not `Csv`, which writes a folder: [`write_csv`]).
pub fn write(v: &View, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Dot => write_dot(v, out),
        Format::Graphml => write_graphml(v, out),
        Format::Gexf => write_gexf(v, out),
        Format::Json => write_json(v, out),
        Format::Cytoscape => write_cytoscape(v, out),
        Format::Mermaid => write_mermaid(v, out),
        Format::Html => html::write_html(v, out),
        Format::GraphJson => write_graph_json(v, out),
        Format::Csv => Err(io::Error::other("CSV is a folder of files: use write_csv")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(dot_escape("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
        assert_eq!(xml_escape("<script>&\"'\u{1}x"), "&lt;script&gt;&amp;&quot;&apos;x");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("11-CT/TW"), "11-CT/TW");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_field(bad), format!("\"'{bad}\""));
        }
        assert_eq!(mermaid_label("say \"hi\" <b>"), "say #quot;hi#quot; #lt;b#gt;");
    }
}
