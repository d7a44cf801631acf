//! The knowledge graph (design §6): documents, the instruments they cite,
//! organisations, people and provinces, with typed edges that carry their
//! evidence. Built from extraction records, deterministic, and persisted as
//! `graph.json` in the index folder.
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

pub mod coverage;
mod query;
pub mod reach;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

pub use query::{Hit, ResolveError, Stats, Step};

use crate::extract::{Kind, Role};
use crate::ident;
use crate::ingest::Record;
use crate::{Error, Knowledge, Result};

/// The on-disk format version of `graph.json`.
pub const FORMAT_VERSION: u32 = 1;
/// The file name in the index folder.
pub const FILE: &str = "graph.json";

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

/// Where an edge comes from: the document, the span of text, the cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub document: Option<String>,
    pub span: Option<[usize; 2]>,
    pub cue: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id: `doc:PATH`, `inst:KEY` or `inst:PROVINCE:KEY`, `org:…`,
    /// `person:…`, `province:…`.
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// Instrument id (documents with a number have one too).
    pub instrument: Option<String>,
    /// Province of a document, a local instrument, an organisation.
    pub province: Option<String>,
    pub period: Option<[u16; 2]>,
    /// Document kind (agreement, news, …).
    pub document_kind: Option<Kind>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub parent: Option<String>,
    /// An instrument cited but not in the corpus.
    pub placeholder: bool,
    /// Documents that cite this instrument (directly or by a stated chain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_by: Vec<String>,
}

impl Node {
    /// A node with only its identity; the other facts empty.
    pub fn new(id: String, kind: NodeKind, label: String) -> Node {
        Node {
            id,
            kind,
            label,
            instrument: None,
            province: None,
            period: None,
            document_kind: None,
            date: None,
            title: None,
            parent: None,
            placeholder: false,
            cited_by: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub kind: EdgeKind,
    pub evidence: Evidence,
}

/// `graph.json` as read.
#[derive(Deserialize)]
struct Stored {
    format_version: u32,
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Edge)>,
}

/// `graph.json` as written: the same fields, borrowed from the graph.
#[derive(Serialize)]
struct StoredRef<'a> {
    format_version: u32,
    nodes: Vec<&'a Node>,
    edges: Vec<(usize, usize, &'a Edge)>,
}

/// The graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub g: DiGraph<Node, Edge>,
    by_id: BTreeMap<String, NodeIndex>,
    /// The edges added so far, while building (a node such as a province's
    /// Hội Khuyến học has thousands of edges: a scan of them per new edge
    /// would make building quadratic).
    building: HashSet<(NodeIndex, NodeIndex, EdgeKind)>,
}

fn instrument_node_id(key: &str, scope: Option<&str>) -> String {
    match scope {
        Some(p) => format!("inst:{p}:{key}"),
        None => format!("inst:{key}"),
    }
}

impl Graph {
    fn node(&mut self, n: Node) -> NodeIndex {
        if let Some(&i) = self.by_id.get(&n.id) {
            return i;
        }
        let id = n.id.clone();
        let i = self.g.add_node(n);
        self.by_id.insert(id, i);
        i
    }

    fn edge(&mut self, a: NodeIndex, b: NodeIndex, kind: EdgeKind, evidence: Evidence) {
        if a == b {
            return;
        }
        if self.building.insert((a, b, kind)) {
            self.g.add_edge(a, b, Edge { kind, evidence });
        }
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// Build the graph from extraction records (in any order: they are
    /// sorted by path first, so the same corpus gives the same graph).
    pub fn build(records: &[Record], k: &Knowledge) -> Graph {
        let mut recs: Vec<&Record> = records.iter().collect();
        recs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut gr = Graph::default();
        let canonical = |id: &str| k.catalog.get(id).map_or_else(|| id.to_string(), |e| e.id.clone());

        // Documents first, so numbered documents take their number's identity.
        let mut doc_index = Vec::new();
        for r in &recs {
            let e = &r.extraction;
            let doc = gr.node(Node {
                instrument: e.number.clone(),
                province: e.province.clone(),
                period: e.period,
                document_kind: Some(e.kind),
                date: e.date.clone(),
                title: e.title.clone(),
                parent: e.parent.clone(),
                ..Node::new(
                    format!("doc:{}", r.path),
                    NodeKind::Document,
                    e.title.clone().unwrap_or_else(|| r.path.clone()),
                )
            });
            if let Some(n) = &e.number {
                let id = canonical(n);
                let local = k.catalog.get(&id).is_none_or(|c| c.scope.is_some()) && !national_symbol(&id);
                let scope = if local { e.province.as_deref() } else { None };
                gr.by_id
                    .entry(instrument_node_id(&ident::key(&id), scope))
                    .or_insert(doc);
            }
            doc_index.push(doc);
        }

        for (r, &doc) in recs.iter().zip(&doc_index) {
            let e = &r.extraction;
            let path = Some(r.path.clone());
            let ev = |span: Option<[usize; 2]>, cue: &str| Evidence {
                document: path.clone(),
                span,
                cue: cue.to_string(),
            };
            let mut inst_of = BTreeMap::new();
            for c in &e.citations {
                let key = ident::key(&c.id);
                let id = instrument_node_id(&key, c.scope.as_deref());
                let idx = match gr.index_of(&id) {
                    Some(i) => i,
                    None => gr.node(Node {
                        id,
                        kind: NodeKind::Instrument,
                        label: c.id.clone(),
                        instrument: Some(c.id.clone()),
                        province: c.scope.clone(),
                        period: None,
                        document_kind: None,
                        date: c.date.clone(),
                        title: k.catalog.get(&c.id).and_then(|x| x.title.clone()),
                        parent: None,
                        placeholder: true,
                        cited_by: Vec::new(),
                    }),
                };
                inst_of.insert(c.id.clone(), idx);
                // Who issued it, as the text (or the catalogue) names them.
                if let Some(issuer) = c.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
                    let (name, province) = issuer_name(issuer, c.scope.as_deref(), e.province.as_deref(), k);
                    let org = gr.node(Node {
                        province,
                        ..Node::new(
                            format!("org:{}", crate::text::name_key(&name)),
                            NodeKind::Organisation,
                            name,
                        )
                    });
                    gr.edge(org, idx, EdgeKind::Issued, ev(c.mentions.first().copied(), "của"));
                }
                // Documents come in path order, so a repeat can only be this
                // document's own (a look at the last one, not the whole list:
                // national instruments are cited by almost every document).
                if gr.g[idx].cited_by.last() != Some(&r.path) {
                    gr.g[idx].cited_by.push(r.path.clone());
                }
                let mut span = c.mentions.first().copied();
                // Every citation is an edge from the document. One the text
                // names only as what another cited instrument carries out is
                // a mention (`CITES`, cue `chain`): the document rests on it
                // through that chain. One named first that way, then again
                // on its own, is a mention there (its preamble role came
                // from the chain).
                let ends = chain_ends(c, &e.citations);
                let free = c.mentions.iter().zip(&ends).find(|(_, end)| !**end).map(|(m, _)| *m);
                let (kind, cue) = if e.parent.as_deref() == Some(&c.id) {
                    (EdgeKind::Implements, "parent")
                } else if free.is_none() && !ends.is_empty() {
                    (EdgeKind::Cites, "chain")
                } else if ends.first() == Some(&true) {
                    span = free;
                    (EdgeKind::Cites, "mention")
                } else {
                    match (c.role, c.cue.as_deref()) {
                        (Role::Basis, Some("thực hiện")) => (EdgeKind::Implements, "thực hiện"),
                        (Role::Basis, _) => (EdgeKind::BasedOn, "căn cứ"),
                        (Role::Mention, _) => (EdgeKind::Cites, "mention"),
                    }
                };
                gr.edge(doc, idx, kind, ev(span, cue));
            }
            for c in &e.citations {
                for t in &c.implements {
                    if let (Some(&a), Some(&b)) = (inst_of.get(&c.id), inst_of.get(t)) {
                        gr.edge(
                            a,
                            b,
                            EdgeKind::Implements,
                            ev(c.mentions.first().copied(), "về việc thực hiện"),
                        );
                    }
                }
            }
            // Parties, signatories, province.
            for p in &e.parties {
                let org = gr.node(Node {
                    province: p.province.clone(),
                    ..Node::new(
                        format!("org:{}", crate::text::name_key(&p.name)),
                        NodeKind::Organisation,
                        p.name.clone(),
                    )
                });
                gr.edge(org, doc, EdgeKind::PartyTo, ev(Some(p.span), "party"));
            }
            for s in &e.signatories {
                let person = gr.node(Node {
                    title: s.title.clone(),
                    ..Node::new(
                        format!("person:{}", crate::text::name_key(&s.name)),
                        NodeKind::Person,
                        s.name.clone(),
                    )
                });
                gr.edge(
                    person,
                    doc,
                    EdgeKind::Signed,
                    ev(Some(s.span), s.title.as_deref().unwrap_or("signed")),
                );
            }
            if let Some(p) = &e.province {
                let prov = gr.node(Node {
                    province: Some(p.clone()),
                    ..Node::new(format!("province:{p}"), NodeKind::Province, p.clone())
                });
                gr.edge(doc, prov, EdgeKind::InProvince, ev(None, "province"));
            }
        }

        // The catalogue's relations between instruments in the graph, again
        // until no placeholder is added: a target added as a placeholder
        // (49-KL/TW reached from 1373/QĐ-TTg) has relations of its own.
        loop {
            let nodes = gr.g.node_count();
            for entry in k.catalog.entries() {
                let Some(a) = gr.index_of(&instrument_node_id(&ident::key(&entry.id), entry.scope.as_deref())) else {
                    continue;
                };
                for t in &entry.implements {
                    let target = k.catalog.get(t).map_or_else(|| t.clone(), |x| x.id.clone());
                    let scope = k.catalog.get(t).and_then(|x| x.scope.clone());
                    let b = match gr.index_of(&instrument_node_id(&ident::key(&target), scope.as_deref())) {
                        Some(b) => b,
                        None => gr.node(Node {
                            instrument: Some(target.clone()),
                            province: scope.clone(),
                            date: k.catalog.get(&target).and_then(|x| x.date.clone()),
                            title: k.catalog.get(&target).and_then(|x| x.title.clone()),
                            placeholder: true,
                            ..Node::new(
                                instrument_node_id(&ident::key(&target), scope.as_deref()),
                                NodeKind::Instrument,
                                target.clone(),
                            )
                        }),
                    };
                    gr.edge(
                        a,
                        b,
                        EdgeKind::Implements,
                        Evidence {
                            document: None,
                            span: None,
                            cue: "catalogue".into(),
                        },
                    );
                }
            }
            if gr.g.node_count() == nodes {
                break;
            }
        }
        gr.building = HashSet::new();
        gr
    }

    /// Write `graph.json` into `dir`, atomically (a reader sees the old file
    /// or the new one, never half of one).
    pub fn save(&self, dir: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let stored = StoredRef {
            format_version: FORMAT_VERSION,
            nodes: self.g.node_weights().collect(),
            edges: self
                .g
                .edge_indices()
                .filter_map(|e| {
                    let (a, b) = self.g.edge_endpoints(e)?;
                    Some((a.index(), b.index(), &self.g[e]))
                })
                .collect(),
        };
        crate::fsutil::write_atomic_with(&dir.join(FILE), |w| {
            serde_json::to_writer(w, &stored).map_err(std::io::Error::from)
        })?;
        // What a transitive search reads, from the same graph.
        reach::Reach::from_graph(self).save(dir)
    }

    /// Read `graph.json` from `dir`.
    pub fn load(dir: &Path) -> Result<Graph> {
        let path = dir.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let data = |message: String| Error::Data {
            source_name: path.display().to_string(),
            message,
        };
        let stored: Stored = serde_json::from_str(&text).map_err(|e| data(e.to_string()))?;
        if stored.format_version != FORMAT_VERSION {
            return Err(data(format!(
                "graph format version {} is not {FORMAT_VERSION}: run `cancu index --rebuild`",
                stored.format_version
            )));
        }
        let mut gr = Graph::default();
        let mut idx = Vec::with_capacity(stored.nodes.len());
        for n in stored.nodes {
            let id = n.id.clone();
            let i = gr.g.add_node(n);
            gr.by_id.insert(id, i);
            idx.push(i);
        }
        for (a, b, e) in stored.edges {
            let (Some(&a), Some(&b)) = (idx.get(a), idx.get(b)) else {
                return Err(data("an edge names a node that does not exist".into()));
            };
            gr.g.add_edge(a, b, e);
        }
        // Numbered documents answer to their instrument id as well.
        let numbered: Vec<(String, NodeIndex)> =
            gr.g.node_indices()
                .filter_map(|i| {
                    let n = &gr.g[i];
                    (n.kind == NodeKind::Document).then_some(())?;
                    Some((n.instrument.clone()?, i))
                })
                .collect();
        for (id, i) in numbered {
            let key = ident::key(&id);
            let scope = gr.g[i].province.clone();
            gr.by_id.entry(instrument_node_id(&key, scope.as_deref())).or_insert(i);
            gr.by_id.entry(instrument_node_id(&key, None)).or_insert(i);
        }
        Ok(gr)
    }
}

/// Most characters between the end of a chain's first instrument and its
/// last (the extraction's limit, in bytes, so never fewer characters).
const CHAIN_GAP: usize = 300;

/// For each mention of `c`, whether it is the end of a chain the text
/// states ("A … về việc thực hiện c"): a mention of an instrument that names
/// `c` among what it carries out ends shortly before it.
fn chain_ends(c: &crate::extract::Citation, all: &[crate::extract::Citation]) -> Vec<bool> {
    let sources: Vec<&crate::extract::Citation> = all.iter().filter(|a| a.implements.contains(&c.id)).collect();
    c.mentions
        .iter()
        .map(|m| {
            sources
                .iter()
                .flat_map(|a| &a.mentions)
                .any(|a| a[1] <= m[0] && m[0] - a[1] <= CHAIN_GAP)
        })
        .collect()
}

/// A term of office after a body's name: `(khóa X)`, `khóa XII`, `nhiệm kỳ
/// 2020-2025`.
static TERM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\s*[(\[]?\s*(?i:khóa|khoá|nhiệm\s+kỳ)\s+[IVXLC0-9][IVXLC0-9\s–-]*[)\]]?\s*$")
        .expect("static regex")
});

/// The organisation an issuer names, as one node: its term of office left
/// out (`Bộ Chính trị khóa X` is `Bộ Chính trị`), and a bare `tỉnh` or
/// `thành phố` completed with the province of the citing document (`Ủy ban
/// nhân dân tỉnh` of a Bến Tre plan is `Ủy ban nhân dân tỉnh Bến Tre`).
/// Returns the name and its province.
fn issuer_name(
    issuer: &str,
    scope: Option<&str>,
    doc_province: Option<&str>,
    k: &Knowledge,
) -> (String, Option<String>) {
    let name = TERM.replace(issuer.trim(), "").trim().to_string();
    let name = if name.is_empty() {
        issuer.trim().to_string()
    } else {
        name
    };
    let bare = k
        .orgs
        .find(&name, &k.places)
        .into_iter()
        .next_back()
        .filter(|m| m.end == name.len())
        .and_then(|m| match m.locality {
            crate::orgs::Locality::Bare(unit) => Some(unit),
            _ => None,
        })
        .filter(|u| matches!(crate::text::name_key(u).as_str(), "tinh" | "thanh pho" | "tp"));
    match (bare, scope.or(doc_province)) {
        (Some(_), Some(p)) => (format!("{name} {p}"), Some(p.to_string())),
        _ => {
            let province = scope
                .map(str::to_string)
                .or_else(|| k.places.introduced(&name).next().map(|(p, _, _)| p.name.clone()));
            (name, province)
        }
    }
}

/// Whether a symbol's issuer is national (for a document's own number).
fn national_symbol(id: &str) -> bool {
    let Some((_, sym)) = id.split_once('/') else {
        return false;
    };
    sym.split(['-', '/', '.']).skip(1).any(ident::is_national_issuer)
}

#[cfg(test)]
mod tests {
    use super::{EdgeKind, NodeKind};

    #[test]
    fn kind_names_are_the_serialised_names() {
        let nodes = [
            NodeKind::Document,
            NodeKind::Instrument,
            NodeKind::Organisation,
            NodeKind::Person,
            NodeKind::Province,
        ];
        for k in nodes {
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
        let edges = [
            EdgeKind::BasedOn,
            EdgeKind::Implements,
            EdgeKind::Cites,
            EdgeKind::PartyTo,
            EdgeKind::Signed,
            EdgeKind::Issued,
            EdgeKind::InProvince,
        ];
        for k in edges {
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::json!(k.as_str())));
        }
    }
}
