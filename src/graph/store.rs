//! `graph.bin`: the graph as one file, and as the graph itself. A graph is
//! always these bytes, whether just built (held in memory) or read from an
//! index (memory-mapped): opening one reads its header, and a reader then
//! touches only what it asks for (a transitive search reads the ids, the
//! instrument keys and the incoming edges of the nodes it walks, not the
//! titles or the evidence of the rest).
//!
//! The layout (integers little-endian `u32`; "none" is `u32::MAX`): the
//! magic `CANCUGRAPH`, the format version, the counts of nodes, edges,
//! documents, strings, cited-by entries and text bytes; then, as arrays of
//! `u32`:
//!
//! - string ends (`strings + 1`, from 0): string `s` is the text between
//!   ends `s` and `s + 1`, every string once;
//! - nodes, [`NODE_WORDS`] each: kind, placeholder, period and document
//!   kind packed in one word; the period; the strings id, label,
//!   instrument, province, date, title, parent and the instrument's key
//!   ([`crate::ident::key`]); the range of its cited-by entries;
//! - edges, [`EDGE_WORDS`] each: source, target, kind, the evidence's
//!   document (a string), span (two words) and cue (a string);
//! - cited-by entries: the paths of the documents that cite each
//!   instrument (strings);
//! - outgoing edges: `nodes + 1` offsets, then for each node its edges,
//!   newest first, each as three words: the edge's number, the node at its
//!   other end, its kind (a walk reads only these); incoming edges the same;
//! - the nodes in the byte order of their ids (to find a node by id);
//!
//! and last the text of the strings (UTF-8). A reference out of range reads
//! as nothing (no panic on a damaged file); the lengths are checked when
//! the file is opened.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use serde::Serialize;

use super::build::{EdgeData, NodeData};
use super::{Direction, Edge, EdgeId, EdgeKind, EvidenceRef, Graph, Node, NodeId, NodeKey, NodeKind};
use crate::extract::Kind;
use crate::{Error, Result};

/// The file name in a generation's folder.
pub const FILE: &str = "graph.bin";
/// The on-disk format version of [`FILE`].
pub const FORMAT_VERSION: u32 = 2;
const MAGIC: &[u8] = b"CANCUGRAPH";
const NONE: u32 = u32::MAX;
/// Words per node.
const NODE_WORDS: usize = 12;
/// Words per edge.
const EDGE_WORDS: usize = 7;
/// Words per entry of a node's list of edges: the edge, the node at its
/// other end, its kind.
const ADJ_WORDS: usize = 3;
/// Counts after the magic and the version.
const COUNTS: usize = 6;
const HEADER: usize = MAGIC.len() + 4 + COUNTS * 4;

const PLACEHOLDER: u32 = 1 << 8;
const HAS_PERIOD: u32 = 1 << 9;

const DOCUMENT_KINDS: [Kind; 4] = [Kind::Agreement, Kind::News, Kind::Plan, Kind::Other];

/// The bytes of a graph.
enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// An array of `u32` in the file: where it starts (bytes) and its length (words).
#[derive(Debug, Clone, Copy, Default)]
struct Section {
    start: usize,
    len: usize,
}

/// Where everything is, from the counts.
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    nodes: usize,
    edges: usize,
    documents: usize,
    ends: Section,
    node: Section,
    edge: Section,
    cited: Section,
    out_at: Section,
    out: Section,
    in_at: Section,
    inc: Section,
    sorted: Section,
    text: Section,
}

impl Layout {
    /// The layout for these counts, and the length of the file.
    fn new(nodes: usize, edges: usize, documents: usize, strings: usize, cited: usize, text: usize) -> (Layout, usize) {
        let mut at = HEADER;
        let mut next = |len: usize| {
            let s = Section { start: at, len };
            at += 4 * len;
            s
        };
        let mut l = Layout {
            nodes,
            edges,
            documents,
            ends: next(strings + 1),
            node: next(nodes * NODE_WORDS),
            edge: next(edges * EDGE_WORDS),
            cited: next(cited),
            out_at: next(nodes + 1),
            out: next(edges * ADJ_WORDS),
            in_at: next(nodes + 1),
            inc: next(edges * ADJ_WORDS),
            sorted: next(nodes),
            text: Section::default(),
        };
        l.text = Section { start: at, len: text };
        (l, at + text)
    }
}

/// A graph's bytes and where its parts are.
pub(super) struct Store {
    bytes: Bytes,
    l: Layout,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("nodes", &self.l.nodes)
            .field("edges", &self.l.edges)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Strings, each once.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, u32>,
    ends: Vec<u32>,
    text: Vec<u8>,
}

impl<'a> Strings<'a> {
    fn add(&mut self, s: &'a str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.ends.len() as u32;
        self.text.extend_from_slice(s.as_bytes());
        self.ends.push(self.text.len() as u32);
        self.index.insert(s, i);
        i
    }
    fn opt(&mut self, s: Option<&'a str>) -> u32 {
        s.map_or(NONE, |s| self.add(s))
    }
}

/// `nodes + 1` offsets (in entries) and the edges of each node, newest
/// first, each with the node at its other end and its kind.
fn adjacency(nodes: usize, edges: &[EdgeData], outgoing: bool) -> (Vec<u32>, Vec<u32>) {
    let ends = |e: &EdgeData| {
        if outgoing {
            (e.source, e.target)
        } else {
            (e.target, e.source)
        }
    };
    let mut at = vec![0u32; nodes + 1];
    for e in edges {
        at[ends(e).0 as usize + 1] += 1;
    }
    for k in 0..nodes {
        at[k + 1] += at[k];
    }
    let mut fill = at.clone();
    let mut list = vec![0u32; edges.len() * ADJ_WORDS];
    for (k, e) in edges.iter().enumerate().rev() {
        let (near, far) = ends(e);
        let slot = &mut fill[near as usize];
        let kind = EdgeKind::ALL.iter().position(|x| *x == e.kind).unwrap_or(0) as u32;
        let at = *slot as usize * ADJ_WORDS;
        list[at..at + ADJ_WORDS].copy_from_slice(&[k as u32, far, kind]);
        *slot += 1;
    }
    (at, list)
}

fn span_word(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(NONE - 1).min(NONE - 1)
}

impl Store {
    /// The stored form of what a builder holds.
    /// The store of `nodes` and `edges`; they are dropped once read, before
    /// the store's bytes are laid out (the graph of 100,000 documents is
    /// never in memory twice over).
    pub(super) fn encode(nodes: Vec<NodeData>, edges: Vec<EdgeData>) -> Store {
        let mut s = Strings::default();
        let path = |d: u32| {
            let id = nodes.get(d as usize).map_or("", |n| n.id.as_str());
            NodeKey::document_path(id).unwrap_or(id)
        };
        let keys: Vec<Option<String>> = nodes
            .iter()
            .map(|n| n.instrument.as_deref().map(crate::ident::key))
            .collect();
        let mut node_words = Vec::with_capacity(nodes.len() * NODE_WORDS);
        let mut cited = Vec::new();
        for (n, key) in nodes.iter().zip(&keys) {
            let kind = NodeKind::ALL.iter().position(|k| *k == n.kind).unwrap_or(0) as u32;
            let doc_kind = n
                .document_kind
                .and_then(|k| DOCUMENT_KINDS.iter().position(|x| *x == k))
                .map_or(0, |k| k as u32 + 1);
            let flags = kind
                | if n.placeholder { PLACEHOLDER } else { 0 }
                | if n.period.is_some() { HAS_PERIOD } else { 0 }
                | doc_kind << 16;
            let period = n.period.map_or(0, |[a, b]| (u32::from(a) << 16) | u32::from(b));
            let from = cited.len() as u32;
            cited.extend(n.cited_by.iter().map(|&d| s.add(path(d))));
            node_words.extend([
                flags,
                period,
                s.add(&n.id),
                s.add(&n.label),
                s.opt(n.instrument.as_deref()),
                s.opt(n.province.as_deref()),
                s.opt(n.date.as_deref()),
                s.opt(n.title.as_deref()),
                s.opt(n.parent.as_deref()),
                s.opt(key.as_deref()),
                from,
                cited.len() as u32,
            ]);
        }
        let mut edge_words = Vec::with_capacity(edges.len() * EDGE_WORDS);
        for e in &edges {
            let kind = EdgeKind::ALL.iter().position(|k| *k == e.kind).unwrap_or(0) as u32;
            let [a, b] = e.span.map_or([NONE, NONE], |[a, b]| [span_word(a), span_word(b)]);
            edge_words.extend([
                e.source,
                e.target,
                kind,
                e.document.map_or(NONE, |d| s.add(path(d))),
                a,
                b,
                s.add(&e.cue),
            ]);
        }
        let (out_at, out) = adjacency(nodes.len(), &edges, true);
        let (in_at, inc) = adjacency(nodes.len(), &edges, false);
        let documents = nodes.iter().filter(|n| n.kind == NodeKind::Document).count();
        let mut sorted: Vec<u32> = (0..nodes.len() as u32).collect();
        sorted.sort_by(|&a, &b| nodes[a as usize].id.cmp(&nodes[b as usize].id));
        let (node_count, edge_count) = (nodes.len(), edges.len());
        let Strings { index, ends, text } = s;
        drop(index);
        drop((keys, nodes, edges));

        let (l, len) = Layout::new(node_count, edge_count, documents, ends.len(), cited.len(), text.len());
        let mut bytes = Vec::with_capacity(len);
        bytes.extend_from_slice(MAGIC);
        let counts = [
            FORMAT_VERSION,
            node_count as u32,
            edge_count as u32,
            documents as u32,
            ends.len() as u32,
            cited.len() as u32,
            text.len() as u32,
        ];
        let ends = std::iter::once(0u32).chain(ends);
        let words = counts
            .into_iter()
            .chain(ends)
            .chain(node_words)
            .chain(edge_words)
            .chain(cited)
            .chain(out_at)
            .chain(out)
            .chain(in_at)
            .chain(inc)
            .chain(sorted);
        for w in words {
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        bytes.extend_from_slice(&text);
        debug_assert_eq!(bytes.len(), len);
        Store {
            bytes: Bytes::Owned(bytes),
            l,
        }
    }

    /// A copy held in memory.
    pub(super) fn copied(&self) -> Store {
        Store {
            bytes: Bytes::Owned(self.bytes.to_vec()),
            l: self.l,
        }
    }

    /// Write [`FILE`] into `dir`, atomically.
    pub(super) fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        crate::fsutil::write_atomic(&dir.join(FILE), &self.bytes)
    }

    /// Open [`FILE`] in `dir`.
    pub(super) fn open(dir: &Path) -> Result<Store> {
        let path = dir.join(FILE);
        let data = |message: String| Error::Data {
            source_name: path.display().to_string(),
            message,
        };
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(data(
                    "no graph of this version of cancu (an index written by an older one, or a damaged one): \
                     run `cancu index --rebuild`"
                        .into(),
                ))
            }
            Err(source) => return Err(Error::Io { path, source }),
        };
        // SAFETY: the index's files are replaced by renaming a new file over
        // them, never rewritten in place, so the mapped bytes do not change
        // while the map lives. Reading them checks every bound.
        let bytes = match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) => Bytes::Mapped(m),
            Err(_) => Bytes::Owned(std::fs::read(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?),
        };
        Store::from_bytes(bytes).map_err(data)
    }

    fn from_bytes(bytes: Bytes) -> std::result::Result<Store, String> {
        let rebuild = ": run `cancu index --rebuild`";
        if bytes.get(..MAGIC.len()) != Some(MAGIC) {
            return Err(format!("not a graph file of cancu{rebuild}"));
        }
        let word = |k: usize| {
            let at = MAGIC.len() + 4 * k;
            bytes
                .get(at..at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let version = word(0).ok_or_else(|| format!("the graph file is cut short{rebuild}"))?;
        if version != FORMAT_VERSION as usize {
            return Err(format!(
                "graph format version {version} is not {FORMAT_VERSION}{rebuild}"
            ));
        }
        let c: Vec<usize> = (1..=COUNTS).filter_map(word).collect();
        let [nodes, edges, documents, strings, cited, text] = c[..] else {
            return Err(format!("the graph file is cut short{rebuild}"));
        };
        let (l, len) = Layout::new(nodes, edges, documents, strings, cited, text);
        if len != bytes.len() {
            return Err(format!(
                "the graph file has {} bytes where its counts say {len}{rebuild}",
                bytes.len()
            ));
        }
        Ok(Store { bytes, l })
    }

    pub(super) fn nodes(&self) -> usize {
        self.l.nodes
    }

    pub(super) fn edges(&self) -> usize {
        self.l.edges
    }

    pub(super) fn documents(&self) -> usize {
        self.l.documents
    }

    /// Word `k` of a section (none out of range).
    fn word(&self, s: Section, k: usize) -> u32 {
        if k >= s.len {
            return NONE;
        }
        let at = s.start + 4 * k;
        match self.bytes.get(at..at + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => NONE,
        }
    }

    /// String `r` (none for "none" or out of range; empty when it is not UTF-8).
    fn string(&self, r: u32) -> Option<&str> {
        self.string_bytes(r).map(|b| std::str::from_utf8(b).unwrap_or_default())
    }

    /// A string's bytes, unchecked: for comparing without decoding.
    fn string_bytes(&self, r: u32) -> Option<&[u8]> {
        if r == NONE {
            return None;
        }
        let (a, b) = (
            self.word(self.l.ends, r as usize),
            self.word(self.l.ends, r as usize + 1),
        );
        if a > b || b as usize > self.l.text.len {
            return None;
        }
        let at = self.l.text.start;
        self.bytes.get(at + a as usize..at + b as usize)
    }

    fn node_word(&self, i: u32, k: usize) -> u32 {
        if i as usize >= self.l.nodes {
            return NONE;
        }
        self.word(self.l.node, i as usize * NODE_WORDS + k)
    }

    fn node_string(&self, i: u32, k: usize) -> Option<&str> {
        self.string(self.node_word(i, k))
    }

    pub(super) fn node_id(&self, i: u32) -> &str {
        self.node_string(i, 2).unwrap_or_default()
    }

    /// [`Store::node_id`]'s bytes, unchecked.
    pub(super) fn node_id_bytes(&self, i: u32) -> &[u8] {
        self.string_bytes(self.node_word(i, 2)).unwrap_or_default()
    }

    /// [`Store::instrument_key`]'s bytes, unchecked.
    pub(super) fn instrument_key_bytes(&self, i: u32) -> Option<&[u8]> {
        self.string_bytes(self.node_word(i, 9))
    }

    pub(super) fn node_kind(&self, i: u32) -> NodeKind {
        let k = (self.node_word(i, 0) & 0xff) as usize;
        NodeKind::ALL.get(k).copied().unwrap_or(NodeKind::Instrument)
    }

    pub(super) fn instrument_key(&self, i: u32) -> Option<&str> {
        self.node_string(i, 9)
    }

    pub(super) fn node(&self, i: u32) -> Node<'_> {
        let flags = self.node_word(i, 0);
        let period = self.node_word(i, 1);
        let doc_kind = ((flags >> 16) & 0xff) as usize;
        Node {
            id: self.node_id(i),
            kind: self.node_kind(i),
            label: self.node_string(i, 3).unwrap_or_default(),
            instrument: self.node_string(i, 4),
            province: self.node_string(i, 5),
            period: (flags & HAS_PERIOD != 0 && flags != NONE).then_some([(period >> 16) as u16, period as u16]),
            document_kind: doc_kind.checked_sub(1).and_then(|k| DOCUMENT_KINDS.get(k).copied()),
            date: self.node_string(i, 6),
            title: self.node_string(i, 7),
            parent: self.node_string(i, 8),
            placeholder: flags & PLACEHOLDER != 0 && flags != NONE,
        }
    }

    fn cited_range(&self, i: u32) -> std::ops::Range<usize> {
        let (a, b) = (self.node_word(i, 10) as usize, self.node_word(i, 11) as usize);
        a.min(self.l.cited.len)..b.min(self.l.cited.len)
    }

    pub(super) fn cited_by(&self, i: u32) -> impl Iterator<Item = &str> + '_ {
        self.cited_range(i)
            .map(move |k| self.string(self.word(self.l.cited, k)).unwrap_or_default())
    }

    pub(super) fn cited_count(&self, i: u32) -> usize {
        self.cited_range(i).len()
    }

    fn edge_word(&self, e: u32, k: usize) -> u32 {
        if e as usize >= self.l.edges {
            return NONE;
        }
        self.word(self.l.edge, e as usize * EDGE_WORDS + k)
    }

    pub(super) fn edge(&self, e: u32) -> Edge<'_> {
        let w = |k: usize| self.edge_word(e, k);
        let (a, b) = (w(4), w(5));
        Edge {
            id: EdgeId(e),
            source: NodeId(w(0)),
            target: NodeId(w(1)),
            kind: EdgeKind::ALL.get(w(2) as usize).copied().unwrap_or(EdgeKind::Cites),
            evidence: EvidenceRef {
                document: self.string(w(3)),
                span: (a != NONE && b != NONE).then_some([a as usize, b as usize]),
                cue: self.string(w(6)).unwrap_or_default(),
            },
        }
    }

    /// Whether a document states edge `e` (none: the catalogue).
    pub(super) fn stated(&self, e: u32) -> bool {
        self.edge_word(e, 3) != NONE
    }

    /// Node `i`'s edges in `direction`, newest first: each edge's number,
    /// the node at its other end and its kind (the edge itself not read).
    pub(super) fn adjacent(&self, i: u32, direction: Direction) -> impl Iterator<Item = (u32, NodeId, EdgeKind)> + '_ {
        let (at, list) = match direction {
            Direction::Outgoing => (self.l.out_at, self.l.out),
            Direction::Incoming => (self.l.in_at, self.l.inc),
        };
        let (a, b) = if (i as usize) < self.l.nodes {
            (
                self.word(at, i as usize) as usize,
                self.word(at, i as usize + 1) as usize,
            )
        } else {
            (0, 0)
        };
        let entries = list.len / ADJ_WORDS;
        (a.min(entries)..b.min(entries)).map(move |k| {
            let w = |j: usize| self.word(list, k * ADJ_WORDS + j);
            let kind = EdgeKind::ALL.get(w(2) as usize).copied().unwrap_or(EdgeKind::Cites);
            (w(0), NodeId(w(1)), kind)
        })
    }

    /// The node at position `k` in the order of ids.
    pub(super) fn sorted(&self, k: usize) -> u32 {
        self.word(self.l.sorted, k)
    }
}

/// A node as `graph.json` had it.
#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    kind: NodeKind,
    label: &'a str,
    instrument: Option<&'a str>,
    province: Option<&'a str>,
    period: Option<[u16; 2]>,
    document_kind: Option<Kind>,
    date: Option<&'a str>,
    title: Option<&'a str>,
    parent: Option<&'a str>,
    placeholder: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cited_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    kind: EdgeKind,
    evidence: EvidenceRef<'a>,
}

/// [`Graph::write_json`].
pub(super) fn write_json(
    g: &Graph,
    keep: &dyn Fn(NodeId) -> bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
    let kept: Vec<NodeId> = g.nodes().filter(|&i| keep(i)).collect();
    let mut pos = vec![None; g.node_count()];
    for (k, i) in kept.iter().enumerate() {
        pos[i.index()] = Some(k);
    }
    let at = |i: NodeId| pos.get(i.index()).copied().flatten();
    struct Nodes<'a>(&'a Graph, &'a [NodeId]);
    impl Serialize for Nodes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.1.len()))?;
            for &i in self.1 {
                let n = self.0.node(i);
                seq.serialize_element(&JsonNode {
                    id: n.id,
                    kind: n.kind,
                    label: n.label,
                    instrument: n.instrument,
                    province: n.province,
                    period: n.period,
                    document_kind: n.document_kind,
                    date: n.date,
                    title: n.title,
                    parent: n.parent,
                    placeholder: n.placeholder,
                    cited_by: self.0.cited_by(i).collect(),
                })?;
            }
            seq.end()
        }
    }
    struct Edges<'a>(&'a Graph, &'a dyn Fn(NodeId) -> Option<usize>);
    impl Serialize for Edges<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(None)?;
            for e in self.0.edges() {
                if let (Some(a), Some(b)) = ((self.1)(e.source), (self.1)(e.target)) {
                    seq.serialize_element(&(
                        a,
                        b,
                        JsonEdge {
                            kind: e.kind,
                            evidence: e.evidence,
                        },
                    ))?;
                }
            }
            seq.end()
        }
    }
    let mut ser = serde_json::Serializer::new(&mut *out);
    let mut st = ser.serialize_struct("Stored", 3).map_err(std::io::Error::other)?;
    st.serialize_field("format_version", &1u32)
        .map_err(std::io::Error::other)?;
    st.serialize_field("nodes", &Nodes(g, &kept))
        .map_err(std::io::Error::other)?;
    st.serialize_field("edges", &Edges(g, &at))
        .map_err(std::io::Error::other)?;
    SerializeStruct::end(st).map_err(std::io::Error::other)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The graph of `n` generated documents.
    fn generated(n: usize, k: &crate::Knowledge) -> Graph {
        Graph::build(&generated_records(n, k), k)
    }

    fn generated_records(n: usize, k: &crate::Knowledge) -> Vec<crate::ingest::Record> {
        crate::gencorpus::generate(n, 7)
            .into_iter()
            .map(|(name, text)| crate::ingest::Record {
                path: format!("corpus/{name}"),
                extraction: crate::extract(&text, k),
                format: crate::formats::Format::Text,
                encoding: crate::text::Encoding::Utf8,
                corrected: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn a_graph_built_in_passes_over_stored_records_is_the_graph_of_the_records() {
        let k = crate::Knowledge::builtin().expect("built-in data");
        let mut records = generated_records(300, &k);
        let whole = Graph::build(&records, &k);
        // As the index keeps them: JSON, read back twice, in path order.
        records.sort_by(|a, b| a.path.cmp(&b.path));
        let stored: Vec<Vec<u8>> = records.iter().map(|r| serde_json::to_vec(r).expect("JSON")).collect();
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let passes = Graph::build_in_passes(
            stored,
            |json| {
                reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                serde_json::from_slice::<crate::ingest::Record>(json)
            },
            &k,
        )
        .expect("records read back");
        assert_eq!(reads.into_inner(), 600);
        assert_eq!(&*passes.store.bytes, &*whole.store.bytes);
        // The first record that does not read is the result.
        let broken = vec![b"{}".to_vec()];
        assert!(
            Graph::build_in_passes(broken, |json| serde_json::from_slice::<crate::ingest::Record>(json), &k).is_err()
        );
    }

    #[test]
    fn a_saved_graph_reads_back_the_same() {
        let k = crate::Knowledge::builtin().expect("built-in data");
        let g = generated(300, &k);
        let dir = tempfile::tempdir().expect("temporary folder");
        g.save(dir.path()).expect("save");
        let h = Graph::load(dir.path()).expect("load");
        assert!(matches!(h.store.bytes, Bytes::Mapped(_)));
        assert_eq!((h.node_count(), h.edge_count()), (g.node_count(), g.edge_count()));
        assert!(g.node_count() > 300 && g.edge_count() > 1000);
        for i in g.nodes() {
            assert_eq!(h.node(i), g.node(i));
            assert_eq!(h.find_id(g.id(i)), Some(i));
            assert!(h.cited_by(i).eq(g.cited_by(i)));
            for d in [Direction::Outgoing, Direction::Incoming] {
                assert!(h.edges_of(i, d).eq(g.edges_of(i, d)));
                assert!(h.edges_of(i, d).all(|e| e.near_end(d) == i));
            }
        }
        assert!(h.edges().eq(g.edges()));
        let by_id: Vec<&str> = h.nodes_by_id().map(|i| h.id(i)).collect();
        assert!(by_id.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(by_id.len(), h.node_count());
        // Edges from one node: the newest first.
        for i in h.nodes() {
            let ids: Vec<EdgeId> = h.edges_of(i, Direction::Outgoing).map(|e| e.id).collect();
            assert!(ids.windows(2).all(|w| w[0] > w[1]));
        }
    }

    #[test]
    fn the_unordered_walk_finds_the_documents_implementers_finds() {
        let k = crate::Knowledge::builtin().expect("built-in data");
        let g = generated(300, &k);
        let mut with = 0;
        for i in g.nodes() {
            if g.edges_of(i, Direction::Incoming).next().is_none() {
                continue;
            }
            for depth in [1, 2, 3, 10] {
                let mut want: Vec<NodeId> = g
                    .implementers(i, depth)
                    .into_iter()
                    .filter(|h| h.kind == NodeKind::Document)
                    .map(|h| h.node)
                    .collect();
                want.sort();
                let mut got = g.implementing_documents(i, depth);
                got.sort();
                assert_eq!(got, want, "{} at depth {depth}", g.id(i));
                with += usize::from(!want.is_empty());
            }
        }
        assert!(with > 100);
        // Chains of several steps (commune, district, province, nation).
        let t = g
            .resolve("11-CT/TW", None, &k.catalog)
            .expect("11-CT/TW is in the graph");
        assert!(g.implementing_documents(t, 10).len() > g.implementing_documents(t, 1).len());
    }

    #[test]
    fn truncated_or_foreign_bytes_are_refused() {
        let k = crate::Knowledge::builtin().expect("built-in data");
        let g = generated(30, &k);
        let bytes = g.store.bytes.to_vec();
        assert!(Store::from_bytes(Bytes::Owned(bytes.clone())).is_ok());
        for cut in [0, 5, HEADER - 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Store::from_bytes(Bytes::Owned(bytes[..cut].to_vec())).is_err(),
                "cut at {cut}"
            );
        }
        let mut other = bytes.clone();
        other[MAGIC.len()] ^= 0xff;
        let e = Store::from_bytes(Bytes::Owned(other)).expect_err("another version");
        assert!(e.contains("graph format version"), "{e}");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Store::from_bytes(Bytes::Owned(longer)).is_err(), "trailing bytes");
        // Damage inside reads as nothing, never a panic.
        let mut damaged = bytes;
        for b in damaged.iter_mut().skip(HEADER).step_by(7) {
            *b = 0xff;
        }
        let d = Graph {
            store: Store::from_bytes(Bytes::Owned(damaged)).expect("same length"),
        };
        for i in d.nodes() {
            let _ = d.node(i);
            let _ = d.cited_by(i).count();
            let _ = d.edges_of(i, Direction::Incoming).count();
            let _ = d.edges_of(i, Direction::Outgoing).count();
        }
        let _ = d.implementers(NodeId(0), 5);
        let _ = d.edges().count();
    }
}
