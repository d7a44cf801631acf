//! The knowledge graph: documents, the instruments they cite,
//! organisations, people and provinces, with typed edges that carry their
//! evidence. Built from extraction records ([`build`]), deterministic, and
//! stored as one binary file, `graph.bin`, in the index's generation folder
//! ([`store`]).
//!
//! The graph is sealed: nodes and edges are reached through [`NodeId`] and
//! [`EdgeId`] and read as [`Node`] and [`Edge`] views; a node's identity is
//! a [`NodeKey`]. A graph is its stored bytes, whether just built or read
//! (memory-mapped) from the index, so every reader answers from the same
//! layout, and opening one reads nothing but its header.
//!
//! Identity: a document of the corpus that has a number is the instrument of
//! that number (one node). Instruments are keyed by their id's key
//! ([`crate::ident::key`], catalogue aliases resolved) and, when local, by
//! their province.
//!
//! An issuer the text names ("… của Ủy ban nhân dân tỉnh") is an
//! organisation that `ISSUED` the instrument.
//!
//! Edges from a document to what it cites: `IMPLEMENTS` for its parent and
//! for what its preamble says it carries out (`Thực hiện`), `BASED_ON` for
//! the rest of its preamble (`Căn cứ`), `CITES` for the body. Every
//! citation is an edge from its document. A chain the text states ("Chỉ thị
//! 31-CT/TU về việc thực hiện Kết luận 49-KL/TW") is an `IMPLEMENTS` edge
//! between the instruments, as are the catalogue's relations; the document's
//! own edge to an instrument it names only as the end of such a chain is a
//! `CITES` (cue `chain`), since it rests on it through the chain.

mod build;
pub mod coverage;
mod query;
mod store;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use query::{Hit, ResolveError, Stats, Step, Walk, Walked};
pub use store::{FILE, FORMAT_VERSION};

use crate::extract::Kind;
use crate::ingest::Record;
use crate::{Knowledge, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Document,
    Instrument,
    Organisation,
    Person,
    Province,
}

impl NodeKind {
    /// Every kind, in the order of their stored numbers.
    pub const ALL: [NodeKind; 5] = [
        NodeKind::Document,
        NodeKind::Instrument,
        NodeKind::Organisation,
        NodeKind::Person,
        NodeKind::Province,
    ];

    /// The name as serialised (`document`, `instrument`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Document => "document",
            NodeKind::Instrument => "instrument",
            NodeKind::Organisation => "organisation",
            NodeKind::Person => "person",
            NodeKind::Province => "province",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EdgeKind {
    BasedOn,
    Implements,
    Cites,
    PartyTo,
    Signed,
    Issued,
    InProvince,
}

impl EdgeKind {
    /// Every kind, in the order of their stored numbers.
    pub const ALL: [EdgeKind; 7] = [
        EdgeKind::BasedOn,
        EdgeKind::Implements,
        EdgeKind::Cites,
        EdgeKind::PartyTo,
        EdgeKind::Signed,
        EdgeKind::Issued,
        EdgeKind::InProvince,
    ];

    /// The name as serialised (`BASED_ON`, `IMPLEMENTS`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::BasedOn => "BASED_ON",
            EdgeKind::Implements => "IMPLEMENTS",
            EdgeKind::Cites => "CITES",
            EdgeKind::PartyTo => "PARTY_TO",
            EdgeKind::Signed => "SIGNED",
            EdgeKind::Issued => "ISSUED",
            EdgeKind::InProvince => "IN_PROVINCE",
        }
    }
}

/// Which way an edge is followed: from its source to its target, or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Outgoing,
    Incoming,
}

/// A node's identity: what its id says, typed. Its display is the node's id
/// as every output writes it: `doc:PATH`, `inst:KEY` or
/// `inst:PROVINCE:KEY`, `org:NAME KEY`, `person:NAME KEY`,
/// `province:NAME`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKey {
    /// A document of the corpus, by its path.
    Document(String),
    /// An instrument by the key of its id ([`crate::ident::key`]), with the
    /// province of a local one.
    Instrument { key: String, scope: Option<String> },
    /// An organisation by the key of its name ([`crate::text::name_key`]).
    Organisation(String),
    /// A person by the key of their name.
    Person(String),
    /// A province by its name.
    Province(String),
}

const DOCUMENT: &str = "doc:";
const INSTRUMENT: &str = "inst:";
const ORGANISATION: &str = "org:";
const PERSON: &str = "person:";
const PROVINCE: &str = "province:";

impl NodeKey {
    /// The kind of node it names.
    pub fn kind(&self) -> NodeKind {
        match self {
            NodeKey::Document(_) => NodeKind::Document,
            NodeKey::Instrument { .. } => NodeKind::Instrument,
            NodeKey::Organisation(_) => NodeKind::Organisation,
            NodeKey::Person(_) => NodeKind::Person,
            NodeKey::Province(_) => NodeKind::Province,
        }
    }

    /// The part after the kind: a path, an instrument key, a name key, a
    /// province name.
    pub fn key(&self) -> &str {
        match self {
            NodeKey::Document(k)
            | NodeKey::Instrument { key: k, .. }
            | NodeKey::Organisation(k)
            | NodeKey::Person(k)
            | NodeKey::Province(k) => k,
        }
    }

    /// The key a node id displays, or `None` for text that is no node id
    /// (`inst:A:B` reads as the key `B` of province `A`).
    pub fn parse(id: &str) -> Option<NodeKey> {
        let s = |x: &str| x.to_string();
        if let Some(p) = id.strip_prefix(DOCUMENT) {
            Some(NodeKey::Document(s(p)))
        } else if let Some(i) = id.strip_prefix(INSTRUMENT) {
            Some(match i.split_once(':') {
                Some((scope, key)) => NodeKey::Instrument {
                    key: s(key),
                    scope: Some(s(scope)),
                },
                None => NodeKey::Instrument { key: s(i), scope: None },
            })
        } else if let Some(o) = id.strip_prefix(ORGANISATION) {
            Some(NodeKey::Organisation(s(o)))
        } else if let Some(p) = id.strip_prefix(PERSON) {
            Some(NodeKey::Person(s(p)))
        } else {
            id.strip_prefix(PROVINCE).map(|p| NodeKey::Province(s(p)))
        }
    }

    /// The path of a document's id (`doc:PATH`), without parsing the rest.
    pub fn document_path(id: &str) -> Option<&str> {
        id.strip_prefix(DOCUMENT)
    }
}

impl fmt::Display for NodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeKey::Document(p) => write!(f, "{DOCUMENT}{p}"),
            NodeKey::Instrument { key, scope: Some(p) } => write!(f, "{INSTRUMENT}{p}:{key}"),
            NodeKey::Instrument { key, scope: None } => write!(f, "{INSTRUMENT}{key}"),
            NodeKey::Organisation(k) => write!(f, "{ORGANISATION}{k}"),
            NodeKey::Person(k) => write!(f, "{PERSON}{k}"),
            NodeKey::Province(p) => write!(f, "{PROVINCE}{p}"),
        }
    }
}

/// A node of a graph: its number in the graph (stable for the graph's
/// life, the order nodes were added in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(u32);

impl NodeId {
    /// The node's number (0 for the first node added).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An edge of a graph: its number (the order edges were added in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeId(u32);

impl EdgeId {
    /// The edge's number (0 for the first edge added).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where an edge comes from: the document, the span of text, the cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: Option<String>,
    pub span: Option<[usize; 2]>,
    pub cue: String,
}

/// [`Evidence`] as the graph holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvidenceRef<'g> {
    pub document: Option<&'g str>,
    pub span: Option<[usize; 2]>,
    pub cue: &'g str,
}

impl EvidenceRef<'_> {
    pub fn to_evidence(&self) -> Evidence {
        Evidence {
            document: self.document.map(str::to_string),
            span: self.span,
            cue: self.cue.to_string(),
        }
    }
}

/// A node's facts, as the graph holds them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Node<'g> {
    /// Stable id: `doc:PATH`, `inst:KEY` or `inst:PROVINCE:KEY`, `org:…`,
    /// `person:…`, `province:…` ([`NodeKey`]).
    pub id: &'g str,
    pub kind: NodeKind,
    pub label: &'g str,
    /// Instrument id (documents with a number have one too).
    pub instrument: Option<&'g str>,
    /// Province of a document, a local instrument, an organisation.
    pub province: Option<&'g str>,
    pub period: Option<[u16; 2]>,
    /// Document kind (agreement, news, …).
    pub document_kind: Option<Kind>,
    pub date: Option<&'g str>,
    pub title: Option<&'g str>,
    pub parent: Option<&'g str>,
    /// An instrument cited but not in the corpus.
    pub placeholder: bool,
}

impl<'g> Node<'g> {
    /// The node's name for people: a document's path, else its label.
    pub fn name(&self) -> &'g str {
        match self.kind {
            NodeKind::Document => NodeKey::document_path(self.id).unwrap_or(self.id),
            _ => self.label,
        }
    }

    /// The node's identity, typed.
    pub fn key(&self) -> Option<NodeKey> {
        NodeKey::parse(self.id)
    }
}

/// An edge of the graph, with its ends and evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge<'g> {
    pub id: EdgeId,
    pub source: NodeId,
    pub target: NodeId,
    pub kind: EdgeKind,
    pub evidence: EvidenceRef<'g>,
}

impl Edge<'_> {
    /// The end away from `from` when followed in `direction`.
    pub fn far_end(&self, direction: Direction) -> NodeId {
        match direction {
            Direction::Outgoing => self.target,
            Direction::Incoming => self.source,
        }
    }

    /// The end it is followed from in `direction`.
    pub fn near_end(&self, direction: Direction) -> NodeId {
        match direction {
            Direction::Outgoing => self.source,
            Direction::Incoming => self.target,
        }
    }
}

/// The graph.
#[derive(Debug)]
pub struct Graph {
    store: store::Store,
}

impl Default for Graph {
    /// The empty graph.
    fn default() -> Graph {
        build::Builder::default().finish()
    }
}

impl Clone for Graph {
    fn clone(&self) -> Graph {
        Graph {
            store: self.store.copied(),
        }
    }
}

impl Graph {
    /// Build the graph from extraction records (in any order: they are
    /// sorted by path first, so the same corpus gives the same graph).
    pub fn build(records: &[Record], k: &Knowledge) -> Graph {
        build::build(records, k)
    }

    /// Build the graph from the records `read` makes of `items`, already in
    /// path order, without holding them all: each is read twice (a few at
    /// a time side by side), and dropped after its second reading. The same records give the same
    /// graph as [`Graph::build`]; the first error met is the result.
    pub fn build_in_passes<T, R, E>(
        items: Vec<T>,
        read: impl Fn(&T) -> std::result::Result<R, E> + Sync,
        k: &Knowledge,
    ) -> std::result::Result<Graph, E>
    where
        T: Send + Sync,
        R: std::borrow::Borrow<Record> + Send,
        E: Send,
    {
        build::build_in_passes(items, read, k)
    }

    /// Write the graph's file ([`FILE`]) into `dir`, atomically (a reader
    /// sees the old file or the new one, never half of one).
    pub fn save(&self, dir: &Path) -> Result<()> {
        self.store.save(dir)
    }

    /// Open the graph's file in `dir` (a generation's folder).
    pub fn load(dir: &Path) -> Result<Graph> {
        Ok(Graph {
            store: store::Store::open(dir)?,
        })
    }

    /// How many nodes there are.
    pub fn node_count(&self) -> usize {
        self.store.nodes()
    }

    /// How many edges there are.
    pub fn edge_count(&self) -> usize {
        self.store.edges()
    }

    /// Every node, in the order they were added.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.node_count() as u32).map(NodeId)
    }

    /// Every node, by id (byte order).
    pub fn nodes_by_id(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.node_count()).map(|k| NodeId(self.store.sorted(k)))
    }

    /// Every edge, in the order they were added.
    pub fn edges(&self) -> impl Iterator<Item = Edge<'_>> + '_ {
        (0..self.edge_count() as u32).map(|e| self.edge(EdgeId(e)))
    }

    /// A node's facts.
    pub fn node(&self, i: NodeId) -> Node<'_> {
        self.store.node(i.0)
    }

    /// A node's id (what [`Graph::node`] gives as `id`, read alone).
    pub fn id(&self, i: NodeId) -> &str {
        self.store.node_id(i.0)
    }

    /// A node's kind.
    pub fn kind(&self, i: NodeId) -> NodeKind {
        self.store.node_kind(i.0)
    }

    /// An edge, with its ends and evidence.
    pub fn edge(&self, e: EdgeId) -> Edge<'_> {
        self.store.edge(e.0)
    }

    /// The node whose id `key` displays.
    pub fn find(&self, key: &NodeKey) -> Option<NodeId> {
        self.find_id(&key.to_string())
    }

    /// The node of id `id` (`doc:PATH`, …).
    pub fn find_id(&self, id: &str) -> Option<NodeId> {
        let (mut lo, mut hi) = (0, self.node_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let i = self.store.sorted(mid);
            match self.store.node_id(i).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(NodeId(i)),
            }
        }
        None
    }

    /// The node of the document at `path`.
    pub fn document(&self, path: &str) -> Option<NodeId> {
        self.find(&NodeKey::Document(path.to_string()))
    }

    /// The edges of a node in `direction` (its outgoing or its incoming
    /// ones), the newest first.
    pub fn edges_of(&self, i: NodeId, direction: Direction) -> impl Iterator<Item = Edge<'_>> + '_ {
        self.store
            .adjacent(i.0, direction)
            .map(move |(e, _, _)| self.edge(EdgeId(e)))
    }

    /// The nodes an edge joins to `i`, either way (outgoing edges first).
    pub fn neighbours(&self, i: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.edges_of(i, Direction::Outgoing)
            .map(|e| e.target)
            .chain(self.edges_of(i, Direction::Incoming).map(|e| e.source))
    }

    /// The documents that cite an instrument (directly or by a stated
    /// chain), by path in path order.
    pub fn cited_by(&self, i: NodeId) -> impl Iterator<Item = &str> + '_ {
        self.store.cited_by(i.0)
    }

    /// How many documents [`Graph::cited_by`] gives.
    pub fn cited_count(&self, i: NodeId) -> usize {
        self.store.cited_count(i.0)
    }

    /// The key of a node's instrument id ([`crate::ident::key`]).
    pub(crate) fn instrument_key(&self, i: NodeId) -> Option<&str> {
        self.store.instrument_key(i.0)
    }

    /// How many document nodes there are.
    pub fn documents(&self) -> usize {
        self.store.documents()
    }

    /// The graph as `graph.json` was written before this store: `{format_version,
    /// nodes, edges: [[source, target, {kind, evidence}]]}`, the nodes in
    /// `keep` (in the graph's order, numbered from 0 in it) and the edges
    /// between them.
    pub fn write_json(&self, keep: &dyn Fn(NodeId) -> bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        store::write_json(self, keep, out)
    }
}

#[cfg(test)]
mod tests {
    use super::{EdgeKind, NodeKey, NodeKind};

    #[test]
    fn kind_names_are_the_serialised_names() {
        for k in NodeKind::ALL {
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
        for k in EdgeKind::ALL {
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
    }

    #[test]
    fn node_keys_read_back_from_their_ids() {
        let keys = [
            NodeKey::Document("corpus/a b.txt".into()),
            NodeKey::Instrument {
                key: "11-ct/tw".into(),
                scope: None,
            },
            NodeKey::Instrument {
                key: "31-ct/tu".into(),
                scope: Some("An Giang".into()),
            },
            NodeKey::Organisation("hoi khuyen hoc".into()),
            NodeKey::Person("nguyen van a".into()),
            NodeKey::Province("Bến Tre".into()),
        ];
        let ids = [
            "doc:corpus/a b.txt",
            "inst:11-ct/tw",
            "inst:An Giang:31-ct/tu",
            "org:hoi khuyen hoc",
            "person:nguyen van a",
            "province:Bến Tre",
        ];
        for (k, id) in keys.iter().zip(ids) {
            assert_eq!(k.to_string(), id);
            assert_eq!(NodeKey::parse(id).as_ref(), Some(k));
        }
        assert_eq!(NodeKey::document_path("doc:x/y.txt"), Some("x/y.txt"));
        assert_eq!(NodeKey::parse("other:x"), None);
    }
}
