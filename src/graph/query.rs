//! Questions researchers ask of the graph, and the one walk that answers
//! those that follow edges ([`Graph::walk`]): `cancu graph implements`,
//! `basis` and `path`, the chains `cancu check` looks for, and `cancu
//! search --transitive`. Every answer is deterministic: neighbours are
//! visited in the order of their ids.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::{Direction, EdgeId, EdgeKind, Evidence, Graph, NodeId, NodeKey, NodeKind};
use crate::catalog::Catalog;
use crate::extract::Kind;
use crate::ident;

/// One edge of a path, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub from: String,
    pub relation: EdgeKind,
    pub to: String,
    pub evidence: Evidence,
}

/// A node reached, how far, and the path that proves it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The node in the graph it was found in.
    #[serde(skip)]
    pub node: NodeId,
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub instrument: Option<String>,
    pub province: Option<String>,
    pub depth: usize,
    pub path: Vec<Step>,
}

/// Why an id names no single node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no document or instrument {0} in the graph")]
    NotFound(String),
    #[error("{id} is a local instrument of several provinces ({}): say which with --province", provinces.join(", "))]
    Ambiguous { id: String, provinces: Vec<String> },
}

/// Edges that make a document rest on an instrument, directly or not.
pub(super) const RESTS_ON: &[EdgeKind] = &[EdgeKind::Implements, EdgeKind::BasedOn, EdgeKind::Cites];

/// Counts by node kind, edge kind, province and period.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub nodes: BTreeMap<String, usize>,
    pub edges: BTreeMap<String, usize>,
    pub documents_by_province: BTreeMap<String, usize>,
    pub documents_by_period: BTreeMap<String, usize>,
    pub placeholders: usize,
}

/// How a walk goes: along edges of `kinds`, in `direction`, at most
/// `depth` edges from its start.
#[derive(Debug, Clone, Copy)]
pub struct Walk<'a> {
    /// The kinds followed, the stronger first: of the edges from one node,
    /// those of a kind listed earlier are followed first, the text's word
    /// before the catalogue's, then by the id of the node they lead to. The
    /// path found to each node depends on that order.
    pub kinds: &'a [EdgeKind],
    pub direction: Direction,
    pub depth: usize,
    /// Whether to follow edges in that order: a walk that asks only which
    /// nodes it reaches, not by which path, leaves it out.
    pub ordered: bool,
}

/// A hasher for node numbers (a multiplication: they are small and distinct).
#[derive(Debug, Default, Clone, Copy)]
struct NodeHasher(u64);

impl Hasher for NodeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeHasher>>;

/// How a node was reached.
#[derive(Debug, Clone, Copy)]
struct Via {
    depth: usize,
    /// The edge it was reached by and the node it was followed from (none
    /// for the start).
    edge: Option<(EdgeId, NodeId)>,
}

/// What a walk reached: every node, how far, and the path to it.
#[derive(Debug, Clone)]
pub struct Walked {
    direction: Direction,
    /// The nodes in the order reached, the start first.
    order: Vec<NodeId>,
    via: NodeMap<Via>,
    /// The node the walk stopped at, when it was told to stop.
    pub stopped: Option<NodeId>,
}

impl Walked {
    /// The nodes reached (not the start), in the order reached, with their
    /// distance from the start.
    pub fn reached(&self) -> impl Iterator<Item = (NodeId, usize)> + '_ {
        self.order.iter().skip(1).map(|i| (*i, self.via[i].depth))
    }

    /// How many nodes were reached, not counting the start.
    pub fn len(&self) -> usize {
        self.order.len() - 1
    }

    /// Whether the walk reached no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `i` was reached (or is the start).
    pub fn contains(&self, i: NodeId) -> bool {
        self.via.contains_key(&i)
    }

    /// The edges from the start to `i`, in the order they run (from the
    /// start for an outgoing walk, towards it for an incoming one).
    pub fn path(&self, i: NodeId) -> Vec<EdgeId> {
        let mut path = Vec::new();
        let mut at = i;
        while let Some(Via {
            edge: Some((e, from)), ..
        }) = self.via.get(&at)
        {
            path.push(*e);
            at = *from;
        }
        if self.direction == Direction::Outgoing {
            path.reverse();
        }
        path
    }
}

/// The node an id names among the nodes `found` for it (sorted by id, a
/// document preferred): the first, unless they lie in several provinces.
fn one_of(id: &str, found: &[NodeId], province: impl Fn(NodeId) -> Option<String>) -> Result<NodeId, ResolveError> {
    match found {
        [] => Err(ResolveError::NotFound(id.to_string())),
        [one] => Ok(*one),
        many => {
            let mut provinces: Vec<String> = many.iter().filter_map(|&i| province(i)).collect();
            provinces.sort();
            provinces.dedup();
            if provinces.len() <= 1 {
                return Ok(many[0]);
            }
            Err(ResolveError::Ambiguous {
                id: id.to_string(),
                provinces,
            })
        }
    }
}

impl Graph {
    /// The one walk of the graph: breadth-first from `start` as `w` says,
    /// along the edges (source, target) `follow` accepts too, until every
    /// node within reach is found or `stop` accepts one just reached (which
    /// is then the walk's `stopped`).
    pub fn walk(
        &self,
        start: NodeId,
        w: &Walk,
        follow: impl Fn(NodeId, NodeId) -> bool,
        stop: impl Fn(NodeId) -> bool,
    ) -> Walked {
        let mut out = Walked {
            direction: w.direction,
            order: vec![start],
            via: NodeMap::default(),
            stopped: None,
        };
        out.via.insert(start, Via { depth: 0, edge: None });
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = out.via[&n].depth;
            if d >= w.depth {
                continue;
            }
            // Each edge: its rank (the position of its kind), whether only
            // the catalogue states it, the node it leads to, its number.
            let near = |other: NodeId| match w.direction {
                Direction::Outgoing => (n, other),
                Direction::Incoming => (other, n),
            };
            let mut next: Vec<(usize, bool, NodeId, EdgeId)> = self
                .store
                .adjacent(n.0, w.direction)
                .filter_map(|(e, other, kind)| {
                    let rank = w.kinds.iter().position(|k| *k == kind)?;
                    let (source, target) = near(other);
                    (other.index() < self.node_count() && follow(source, target)).then(|| {
                        // Only an ordered walk asks who states it.
                        let catalogue = w.ordered && !self.store.stated(e);
                        (rank, catalogue, other, EdgeId(e))
                    })
                })
                .collect();
            if w.ordered {
                next.sort_by_cached_key(|&(rank, catalogue, other, _)| (rank, catalogue, self.id(other)));
            }
            for (_, _, other, e) in next {
                if out.via.contains_key(&other) {
                    continue;
                }
                out.via.insert(
                    other,
                    Via {
                        depth: d + 1,
                        edge: Some((e, n)),
                    },
                );
                out.order.push(other);
                if stop(other) {
                    out.stopped = Some(other);
                    return out;
                }
                queue.push_back(other);
            }
        }
        out
    }

    /// A node's name for people: a document's path, else its label.
    pub fn label(&self, i: NodeId) -> &str {
        self.node(i).name()
    }

    fn hit(&self, i: NodeId, depth: usize, path: Vec<Step>) -> Hit {
        let n = self.node(i);
        Hit {
            node: i,
            id: n.id.to_string(),
            label: n.name().to_string(),
            kind: n.kind,
            instrument: n.instrument.map(str::to_string),
            province: n.province.map(str::to_string),
            depth,
            path,
        }
    }

    /// An edge as a step of a path, with its evidence.
    pub fn step(&self, e: EdgeId) -> Step {
        let e = self.edge(e);
        Step {
            from: self.label(e.source).to_string(),
            relation: e.kind,
            to: self.label(e.target).to_string(),
            evidence: e.evidence.to_evidence(),
        }
    }

    /// The node an id names: a document path (or its file name), or an
    /// instrument id in any spelling, case or catalogue alias.
    pub fn resolve(&self, id: &str, province: Option<&str>, catalog: &Catalog) -> Result<NodeId, ResolveError> {
        let as_doc = NodeKey::Document(id.to_string()).to_string();
        let as_tail = format!("/{id}");
        let canonical = catalog.get(id).map_or_else(|| id.to_string(), |e| e.id.clone());
        let key = ident::key(&canonical);
        // One pass over the nodes, compared as bytes (every node is looked
        // at, and none needs decoding to be compared): the documents whose
        // id this is, and the nodes whose instrument has this key.
        let mut docs: Vec<NodeId> = Vec::new();
        let mut keyed: Vec<NodeId> = Vec::new();
        for i in self.nodes() {
            if self.kind(i) == NodeKind::Document {
                let n = self.store.node_id_bytes(i.0);
                if n == as_doc.as_bytes() || n.ends_with(as_tail.as_bytes()) {
                    docs.push(i);
                }
            }
            if self.store.instrument_key_bytes(i.0) == Some(key.as_bytes()) {
                keyed.push(i);
            }
        }
        if let [one] = docs.as_slice() {
            return Ok(*one);
        }
        // An id typed without diacritics (`1373/QD-TTg`) is matched loosely
        // when no id has its exact key.
        let exact = !keyed.is_empty();
        let loose = ident::loose_key(&canonical);
        let candidates: Vec<NodeId> = if exact {
            keyed
        } else {
            self.nodes()
                .filter(|&i| {
                    self.store.instrument_key_bytes(i.0).is_some()
                        && self.node(i).instrument.is_some_and(|x| ident::loose_key(x) == loose)
                })
                .collect()
        };
        let mut found: Vec<NodeId> = candidates
            .into_iter()
            .filter(|&i| {
                province.is_none_or(|p| {
                    self.node(i)
                        .province
                        .is_some_and(|q| crate::text::name_key(q) == crate::text::name_key(p))
                })
            })
            .collect();
        found.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        // A numbered document and its instrument node are one: prefer the document.
        if found.iter().any(|&i| self.kind(i) == NodeKind::Document) {
            found.retain(|&i| self.kind(i) == NodeKind::Document);
        }
        one_of(id, &found, |i| self.node(i).province.map(str::to_string))
    }

    /// The nodes of a walk from `start` that `keep` accepts, each with its
    /// path, nearest first.
    fn reached(&self, start: NodeId, w: &Walk, keep: impl Fn(NodeId) -> bool) -> Vec<Hit> {
        let walked = self.walk(start, w, |_, _| true, |_| false);
        let mut out: Vec<Hit> = walked
            .reached()
            .filter(|&(i, _)| keep(i))
            .map(|(i, d)| {
                let path = walked.path(i).into_iter().map(|e| self.step(e)).collect();
                self.hit(i, d, path)
            })
            .collect();
        out.sort_by(|a, b| (a.depth, &a.id).cmp(&(b.depth, &b.id)));
        out
    }

    /// Documents that implement `target`, directly or through a chain of at
    /// most `depth` edges, each with the path from it to the target.
    pub fn implementers(&self, target: NodeId, depth: usize) -> Vec<Hit> {
        let w = Walk {
            kinds: RESTS_ON,
            direction: Direction::Incoming,
            depth,
            ordered: true,
        };
        self.reached(target, &w, |i| self.kind(i) == NodeKind::Document)
    }

    /// The documents [`Graph::implementers`] finds, without their paths and
    /// in no order. Level by level over the edges that rest on, each node
    /// marked in a flat table (no map, no paths): at 100,000 documents
    /// resting on one directive, this is most of a transitive search.
    pub fn implementing_documents(&self, target: NodeId, depth: usize) -> Vec<NodeId> {
        let n = self.node_count();
        if target.index() >= n {
            return Vec::new();
        }
        let mut seen = vec![false; n];
        seen[target.index()] = true;
        let mut level = vec![target];
        let mut next = Vec::new();
        let mut out = Vec::new();
        for _ in 0..depth {
            for &node in &level {
                for (_, other, kind) in self.store.adjacent(node.0, Direction::Incoming) {
                    let i = other.index();
                    if i < n && !seen[i] && RESTS_ON.contains(&kind) {
                        seen[i] = true;
                        next.push(other);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            out.extend(next.iter().copied().filter(|&i| self.kind(i) == NodeKind::Document));
            std::mem::swap(&mut level, &mut next);
            next.clear();
        }
        out
    }

    /// What a document (or instrument) rests on, up to `depth` edges away,
    /// each with the path from the start.
    pub fn basis(&self, start: NodeId, depth: usize) -> Vec<Hit> {
        let w = Walk {
            kinds: &[EdgeKind::Implements, EdgeKind::BasedOn],
            direction: Direction::Outgoing,
            depth,
            ordered: true,
        };
        self.reached(start, &w, |_| true)
    }

    /// Agreements that state no parent programme.
    pub fn orphans(&self) -> Vec<Hit> {
        let mut out: Vec<Hit> = self
            .nodes()
            .filter(|&i| {
                let n = self.node(i);
                n.kind == NodeKind::Document && n.document_kind == Some(Kind::Agreement) && n.parent.is_none()
            })
            .map(|i| self.hit(i, 0, Vec::new()))
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Instruments cited but not in the corpus, with how many documents cite
    /// them, most cited first.
    pub fn missing(&self) -> Vec<(Hit, usize)> {
        let mut out: Vec<(Hit, usize)> = self
            .nodes()
            .filter(|&i| self.node(i).placeholder)
            .map(|i| (self.hit(i, 0, Vec::new()), self.cited_count(i)))
            .filter(|(_, n)| *n > 0)
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.label.cmp(&b.0.label)));
        out
    }

    /// The shortest chain from `a` to `b` along the graph's edges (either
    /// direction of travel), with evidence.
    pub fn path(&self, a: NodeId, b: NodeId) -> Option<Vec<Step>> {
        let w = Walk {
            kinds: &[
                EdgeKind::Implements,
                EdgeKind::BasedOn,
                EdgeKind::Cites,
                EdgeKind::PartyTo,
                EdgeKind::Signed,
                EdgeKind::InProvince,
                EdgeKind::Issued,
            ],
            direction: Direction::Outgoing,
            depth: usize::MAX,
            ordered: true,
        };
        for (from, to) in [(a, b), (b, a)] {
            let walked = self.walk(from, &w, |_, _| true, |i| i == to);
            if walked.contains(to) {
                return Some(walked.path(to).into_iter().map(|e| self.step(e)).collect());
            }
        }
        None
    }

    /// Counts by node kind, edge kind, province and period.
    pub fn stats(&self) -> Stats {
        let mut s = Stats::default();
        for i in self.nodes() {
            let n = self.node(i);
            *s.nodes.entry(n.kind.as_str().to_string()).or_default() += 1;
            if n.placeholder {
                s.placeholders += 1;
            }
            if n.kind == NodeKind::Document {
                *s.documents_by_province
                    .entry(n.province.map_or_else(|| "—".into(), str::to_string))
                    .or_default() += 1;
                let period = n.period.map_or("—".to_string(), |[a, b]| format!("{a}-{b}"));
                *s.documents_by_period.entry(period).or_default() += 1;
            }
        }
        for e in self.edges() {
            *s.edges.entry(e.kind.as_str().to_string()).or_default() += 1;
        }
        s
    }
}
