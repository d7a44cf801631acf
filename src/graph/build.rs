//! Building the graph from extraction records, phase by phase: the
//! documents, then for each document its citations, the chains its text
//! states, its parties, signatories and province, and last the catalogue's
//! relations. The builder holds owned nodes and edges in a petgraph
//! `DiGraph` (private to this module); [`Builder::finish`] lays them out as
//! the stored graph ([`super::store`]), nodes and edges in the order they
//! were added.

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use super::{EdgeKind, Graph, NodeKey, NodeKind};
use crate::extract::{Citation, Cue, Extraction, Kind, Role};
use crate::ident;
use crate::ingest::Record;
use crate::Knowledge;

/// A node while the graph is built.
#[derive(Debug, Clone)]
pub(super) struct NodeData {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    pub instrument: Option<String>,
    pub province: Option<String>,
    pub period: Option<[u16; 2]>,
    pub document_kind: Option<Kind>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub parent: Option<String>,
    pub placeholder: bool,
    /// The document nodes that cite this instrument, in path order.
    pub cited_by: Vec<u32>,
}

impl NodeData {
    /// A node with only its identity; the other facts empty.
    fn new(key: &NodeKey, label: String) -> NodeData {
        NodeData {
            id: key.to_string(),
            kind: key.kind(),
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

/// An edge as the store lays it out.
#[derive(Debug, Clone)]
pub(super) struct EdgeData {
    pub source: u32,
    pub target: u32,
    pub kind: EdgeKind,
    /// The document node whose text states it (none: the catalogue).
    pub document: Option<u32>,
    pub span: Option<[usize; 2]>,
    pub cue: Cow<'static, str>,
}

/// An edge while the graph is built (its ends are the petgraph's).
#[derive(Debug, Clone)]
struct EdgeWeight {
    kind: EdgeKind,
    document: Option<u32>,
    span: Option<[usize; 2]>,
    cue: Cow<'static, str>,
}

/// Nodes and edges added so far.
#[derive(Debug, Default)]
pub(super) struct Builder {
    graph: DiGraph<NodeData, EdgeWeight>,
    /// Nodes by id, and numbered documents by their instrument's id too.
    by_id: HashMap<String, u32>,
    /// The edges added so far (a node such as a province's Hội Khuyến học
    /// has thousands of edges: a scan of them per new edge would make
    /// building quadratic).
    seen: HashSet<(u32, u32, EdgeKind)>,
}

/// Where an edge comes from, as the builder records it.
struct Ev {
    document: Option<u32>,
    span: Option<[usize; 2]>,
    cue: Cow<'static, str>,
}

impl Ev {
    fn of(doc: u32, span: Option<[usize; 2]>, cue: impl Into<Cow<'static, str>>) -> Ev {
        Ev {
            document: Some(doc),
            span,
            cue: cue.into(),
        }
    }
}

impl Builder {
    fn index_of(&self, key: &NodeKey) -> Option<u32> {
        self.by_id.get(&key.to_string()).copied()
    }

    /// The node of `n`'s id, added when there is none.
    fn node(&mut self, n: NodeData) -> u32 {
        if let Some(&i) = self.by_id.get(&n.id) {
            return i;
        }
        let id = n.id.clone();
        let i = self.graph.add_node(n).index() as u32;
        self.by_id.insert(id, i);
        i
    }

    /// The number of nodes added so far.
    fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    fn node_mut(&mut self, i: u32) -> &mut NodeData {
        &mut self.graph[NodeIndex::new(i as usize)]
    }

    fn edge(&mut self, a: u32, b: u32, kind: EdgeKind, ev: Ev) {
        if a == b || !self.seen.insert((a, b, kind)) {
            return;
        }
        let weight = EdgeWeight {
            kind,
            document: ev.document,
            span: ev.span,
            cue: ev.cue,
        };
        self.graph
            .add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), weight);
    }

    /// The graph of what was added.
    pub fn finish(self) -> Graph {
        // The maps go before the store is encoded (tens of MiB at 100,000
        // documents).
        let Builder { graph, by_id, seen } = self;
        drop((by_id, seen));
        let (nodes, edges) = graph.into_nodes_edges();
        let nodes: Vec<NodeData> = nodes.into_iter().map(|n| n.weight).collect();
        let edges: Vec<EdgeData> = edges
            .into_iter()
            .map(|e| EdgeData {
                source: e.source().index() as u32,
                target: e.target().index() as u32,
                kind: e.weight.kind,
                document: e.weight.document,
                span: e.weight.span,
                cue: e.weight.cue,
            })
            .collect();
        Graph {
            store: super::store::Store::encode(nodes, edges),
        }
    }
}

/// Build the graph of `records` (sorted by path first).
pub(super) fn build(records: &[Record], k: &Knowledge) -> Graph {
    let mut recs: Vec<&Record> = records.iter().collect();
    recs.sort_by(|a, b| a.path.cmp(&b.path));
    let built: Result<Graph, std::convert::Infallible> = build_in_passes(recs, |r| Ok(*r), k);
    match built {
        Ok(g) => g,
        Err(never) => match never {},
    }
}

/// Build the graph of the records `read` makes of `items`, which are in
/// path order. They are read twice: the documents first, so numbered
/// documents take their number's identity, then what each cites and who
/// signed, each item dropped once read the second time. So only one record
/// need be in memory at a time, and the items are gone before the graph is
/// encoded. The first error either pass meets is the result.
pub(super) fn build_in_passes<T, R, E>(
    items: Vec<T>,
    read: impl Fn(&T) -> Result<R, E> + Sync,
    k: &Knowledge,
) -> Result<Graph, E>
where
    T: Send + Sync,
    R: Borrow<Record> + Send,
    E: Send,
{
    use crate::ordered::for_each_in_order;
    let mut b = Builder::default();
    let mut docs = Vec::with_capacity(items.len());
    // Records are read side by side; the graph takes them in order.
    for_each_in_order(
        items.iter(),
        |item| read(item),
        |_, r| {
            docs.push(add_document(&mut b, r.borrow(), k));
            Ok(())
        },
    )?;
    // Each item goes with its document's node.
    for_each_in_order(
        items.into_iter().zip(docs),
        |(item, _)| read(item),
        |(_, doc), r| {
            let r = r.borrow();
            let inst_of = add_citations(&mut b, doc, r, k);
            add_stated_chains(&mut b, doc, &r.extraction, &inst_of);
            add_parties(&mut b, doc, &r.extraction);
            Ok(())
        },
    )?;
    add_catalogue_relations(&mut b, k);
    Ok(b.finish())
}

/// The key of an instrument node.
fn instrument_key(key: String, scope: Option<&str>) -> NodeKey {
    NodeKey::Instrument {
        key,
        scope: scope.map(str::to_string),
    }
}

/// A document's node, added before any citation, so numbered documents
/// take their number's identity.
fn add_document(b: &mut Builder, r: &Record, k: &Knowledge) -> u32 {
    let e = &r.extraction;
    let key = NodeKey::Document(r.path.clone());
    let doc = b.node(NodeData {
        instrument: e.number.clone(),
        province: e.province.clone(),
        period: e.period,
        document_kind: Some(e.kind),
        date: e.date.map(|d| d.to_string()),
        title: e.title.clone(),
        parent: e.parent.clone(),
        ..NodeData::new(&key, e.title.clone().unwrap_or_else(|| r.path.clone()))
    });
    if let Some(n) = &e.number {
        let id = k.catalog.get(n).map_or_else(|| n.clone(), |e| e.id.clone());
        let local = k.catalog.get(&id).is_none_or(|c| c.scope.is_some()) && !national_symbol(&id);
        let scope = if local { e.province.as_deref() } else { None };
        b.by_id
            .entry(instrument_key(ident::key(&id), scope).to_string())
            .or_insert(doc);
    }
    doc
}

/// A document's citations: each an edge from the document (of the kind its
/// role says) to the instrument's node, a placeholder when the corpus does
/// not have it; and the issuer the text names. Returns the node of each
/// instrument id cited.
fn add_citations(b: &mut Builder, doc: u32, r: &Record, k: &Knowledge) -> BTreeMap<String, u32> {
    let e = &r.extraction;
    let mut inst_of = BTreeMap::new();
    for c in &e.citations {
        let key = instrument_key(ident::key(&c.id), c.scope.as_deref());
        let idx = match b.index_of(&key) {
            Some(i) => i,
            None => b.node(NodeData {
                instrument: Some(c.id.clone()),
                province: c.scope.clone(),
                date: c.date.map(|d| d.to_string()),
                title: k.catalog.get(&c.id).and_then(|x| x.title.clone()),
                placeholder: true,
                ..NodeData::new(&key, c.id.clone())
            }),
        };
        inst_of.insert(c.id.clone(), idx);
        // Who issued it, as the text (or the catalogue) names them.
        if let Some(issuer) = c.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
            let (name, province) = issuer_name(issuer, c.scope.as_deref(), e.province.as_deref(), k);
            let org = b.node(NodeData {
                province,
                ..NodeData::new(&NodeKey::Organisation(crate::text::name_key(&name)), name)
            });
            b.edge(
                org,
                idx,
                EdgeKind::Issued,
                Ev::of(doc, c.mentions.first().copied(), "của"),
            );
        }
        // Documents come in path order, so a repeat can only be this
        // document's own (a look at the last one, not the whole list:
        // national instruments are cited by almost every document).
        let cited_by = &mut b.node_mut(idx).cited_by;
        if cited_by.last() != Some(&doc) {
            cited_by.push(doc);
        }
        let (kind, span, cue) = citation_edge(c, e);
        b.edge(doc, idx, kind, Ev::of(doc, span, cue));
    }
    inst_of
}

/// The kind, span and cue of the edge from a document to what a citation
/// names. Every citation is an edge from the document. One the text names
/// only as what another cited instrument carries out is a mention (`CITES`,
/// cue `chain`): the document rests on it through that chain. One named
/// first that way, then again on its own, is a mention there (its preamble
/// role came from the chain).
fn citation_edge(c: &Citation, e: &Extraction) -> (EdgeKind, Option<[usize; 2]>, &'static str) {
    let span = c.mentions.first().copied();
    let ends = chain_ends(c, &e.citations);
    let free = c.mentions.iter().zip(&ends).find(|(_, end)| !**end).map(|(m, _)| *m);
    if e.parent.as_deref() == Some(&c.id) {
        (EdgeKind::Implements, span, "parent")
    } else if free.is_none() && !ends.is_empty() {
        (EdgeKind::Cites, span, "chain")
    } else if ends.first() == Some(&true) {
        (EdgeKind::Cites, free, "mention")
    } else {
        match (c.role, c.cue) {
            (Role::Basis, Some(Cue::ThucHien)) => (EdgeKind::Implements, span, Cue::ThucHien.as_str()),
            (Role::Basis, _) => (EdgeKind::BasedOn, span, Cue::CanCu.as_str()),
            (Role::Mention, _) => (EdgeKind::Cites, span, "mention"),
        }
    }
}

/// The chains a document's text states: an `IMPLEMENTS` edge from a cited
/// instrument to each cited instrument it says it carries out.
fn add_stated_chains(b: &mut Builder, doc: u32, e: &Extraction, inst_of: &BTreeMap<String, u32>) {
    for c in &e.citations {
        for t in &c.implements {
            if let (Some(&a), Some(&t)) = (inst_of.get(&c.id), inst_of.get(t)) {
                b.edge(
                    a,
                    t,
                    EdgeKind::Implements,
                    Ev::of(doc, c.mentions.first().copied(), "về việc thực hiện"),
                );
            }
        }
    }
}

/// A document's parties, signatories and province.
fn add_parties(b: &mut Builder, doc: u32, e: &Extraction) {
    for p in &e.parties {
        let org = b.node(NodeData {
            province: p.province.clone(),
            ..NodeData::new(&NodeKey::Organisation(crate::text::name_key(&p.name)), p.name.clone())
        });
        b.edge(org, doc, EdgeKind::PartyTo, Ev::of(doc, Some(p.span), "party"));
    }
    for s in &e.signatories {
        let person = b.node(NodeData {
            title: s.title.clone(),
            ..NodeData::new(&NodeKey::Person(crate::text::name_key(&s.name)), s.name.clone())
        });
        let cue = s.title.clone().map_or(Cow::Borrowed("signed"), Cow::Owned);
        b.edge(person, doc, EdgeKind::Signed, Ev::of(doc, Some(s.span), cue));
    }
    if let Some(p) = &e.province {
        let prov = b.node(NodeData {
            province: Some(p.clone()),
            ..NodeData::new(&NodeKey::Province(p.clone()), p.clone())
        });
        b.edge(doc, prov, EdgeKind::InProvince, Ev::of(doc, None, "province"));
    }
}

/// The catalogue's relations between instruments in the graph, again until
/// no placeholder is added: a target added as a placeholder (49-KL/TW
/// reached from 1373/QĐ-TTg) has relations of its own.
fn add_catalogue_relations(b: &mut Builder, k: &Knowledge) {
    loop {
        let nodes = b.node_count();
        for entry in k.catalog.entries() {
            let Some(a) = b.index_of(&instrument_key(ident::key(&entry.id), entry.scope.as_deref())) else {
                continue;
            };
            for t in &entry.implements {
                let target = k.catalog.get(t).map_or_else(|| t.clone(), |x| x.id.clone());
                let scope = k.catalog.get(t).and_then(|x| x.scope.clone());
                let key = instrument_key(ident::key(&target), scope.as_deref());
                let t = match b.index_of(&key) {
                    Some(t) => t,
                    None => b.node(NodeData {
                        instrument: Some(target.clone()),
                        province: scope.clone(),
                        date: k.catalog.get(&target).and_then(|x| x.date).map(|d| d.to_string()),
                        title: k.catalog.get(&target).and_then(|x| x.title.clone()),
                        placeholder: true,
                        ..NodeData::new(&key, target.clone())
                    }),
                };
                let ev = Ev {
                    document: None,
                    span: None,
                    cue: Cow::Borrowed("catalogue"),
                };
                b.edge(a, t, EdgeKind::Implements, ev);
            }
        }
        if b.node_count() == nodes {
            break;
        }
    }
}

/// Most characters between the end of a chain's first instrument and its
/// last (the extraction's limit, in bytes, so never fewer characters).
const CHAIN_GAP: usize = 300;

/// For each mention of `c`, whether it is the end of a chain the text
/// states ("A … về việc thực hiện c"): a mention of an instrument that names
/// `c` among what it carries out ends shortly before it.
fn chain_ends(c: &Citation, all: &[Citation]) -> Vec<bool> {
    let sources: Vec<&Citation> = all.iter().filter(|a| a.implements.contains(&c.id)).collect();
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
pub(super) fn national_symbol(id: &str) -> bool {
    let Some((_, sym)) = id.split_once('/') else {
        return false;
    };
    sym.split(['-', '/', '.']).skip(1).any(ident::is_national_issuer)
}
