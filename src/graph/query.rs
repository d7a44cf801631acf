//! Questions researchers ask of the graph. Every answer is deterministic:
//! neighbours are visited in the order of their ids.

use std::collections::{BTreeMap, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::{EdgeKind, Evidence, Graph, Node, NodeKind};
use crate::extract::Kind;
use crate::{ident, Knowledge};

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

/// The node an id names among the nodes `found` for it (sorted by id, a
/// document preferred): the first, unless they lie in several provinces.
pub(super) fn one_of<T: Copy>(
    id: &str,
    found: &[T],
    province: impl Fn(T) -> Option<String>,
) -> Result<T, ResolveError> {
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

impl Graph {
    fn label(&self, i: NodeIndex) -> String {
        let n = &self.g[i];
        match n.kind {
            NodeKind::Document => n.id.trim_start_matches("doc:").to_string(),
            _ => n.label.clone(),
        }
    }

    fn hit(&self, i: NodeIndex, depth: usize, path: Vec<Step>) -> Hit {
        let n: &Node = &self.g[i];
        Hit {
            id: n.id.clone(),
            label: self.label(i),
            kind: n.kind,
            instrument: n.instrument.clone(),
            province: n.province.clone(),
            depth,
            path,
        }
    }

    /// The node an id names: a document path (or its file name), or an
    /// instrument id in any spelling, case or catalogue alias.
    pub fn resolve(&self, id: &str, province: Option<&str>, k: &Knowledge) -> Result<NodeIndex, ResolveError> {
        let docs: Vec<NodeIndex> = self
            .g
            .node_indices()
            .filter(|&i| {
                let n = &self.g[i];
                n.kind == NodeKind::Document && (n.id == format!("doc:{id}") || n.id.ends_with(&format!("/{id}")))
            })
            .collect();
        if let [one] = docs.as_slice() {
            return Ok(*one);
        }
        let canonical = k.catalog.get(id).map_or_else(|| id.to_string(), |e| e.id.clone());
        let key = ident::key(&canonical);
        // An id typed without diacritics (`1373/QD-TTg`) is matched loosely
        // when no id has its exact key.
        let exact = self
            .g
            .node_indices()
            .any(|i| self.g[i].instrument.as_deref().is_some_and(|x| ident::key(x) == key));
        let loose = ident::loose_key(&canonical);
        let matches = |x: &str| {
            if exact {
                ident::key(x) == key
            } else {
                ident::loose_key(x) == loose
            }
        };
        let mut found: Vec<NodeIndex> = self
            .g
            .node_indices()
            .filter(|&i| self.g[i].instrument.as_deref().is_some_and(matches))
            .filter(|&i| {
                province.is_none_or(|p| {
                    self.g[i]
                        .province
                        .as_deref()
                        .is_some_and(|q| crate::text::name_key(q) == crate::text::name_key(p))
                })
            })
            .collect();
        found.sort_by(|&a, &b| self.g[a].id.cmp(&self.g[b].id));
        // A numbered document and its instrument node are one: prefer the document.
        if found.iter().any(|&i| self.g[i].kind == NodeKind::Document) {
            found.retain(|&i| self.g[i].kind == NodeKind::Document);
        }
        one_of(id, &found, |i| self.g[i].province.clone())
    }

    /// Breadth-first search from `start` along edges of `kinds` in
    /// `direction`, at most `depth` edges; for every node reached, its
    /// distance and the edge it was reached by.
    fn bfs(
        &self,
        start: NodeIndex,
        kinds: &[EdgeKind],
        direction: Direction,
        depth: usize,
    ) -> BTreeMap<NodeIndex, (usize, Option<EdgeIndex>)> {
        let mut seen = BTreeMap::new();
        seen.insert(start, (0usize, None));
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = seen[&n].0;
            if d >= depth {
                continue;
            }
            // Stronger links first (IMPLEMENTS, then BASED_ON, then CITES;
            // the text's word before the catalogue's), then by id.
            let mut next: Vec<((usize, bool, String), NodeIndex, EdgeIndex)> = self
                .g
                .edges_directed(n, direction)
                .filter(|e| kinds.contains(&e.weight().kind))
                .map(|e| {
                    let other = if direction == Direction::Incoming {
                        e.source()
                    } else {
                        e.target()
                    };
                    let w = e.weight();
                    let rank = kinds.iter().position(|k| *k == w.kind).unwrap_or(kinds.len());
                    (
                        (rank, w.evidence.document.is_none(), self.g[other].id.clone()),
                        other,
                        e.id(),
                    )
                })
                .collect();
            next.sort();
            for (_, other, e) in next {
                if let std::collections::btree_map::Entry::Vacant(v) = seen.entry(other) {
                    v.insert((d + 1, Some(e)));
                    queue.push_back(other);
                }
            }
        }
        seen
    }

    fn step(&self, e: petgraph::graph::EdgeIndex) -> Option<Step> {
        let (a, b) = self.g.edge_endpoints(e)?;
        Some(Step {
            from: self.label(a),
            relation: self.g[e].kind,
            to: self.label(b),
            evidence: self.g[e].evidence.clone(),
        })
    }

    /// The path to `i` in a search tree from [`Graph::bfs`], in the order
    /// the edges run (from the start for an outgoing search, towards it for
    /// an incoming one).
    fn trace(
        &self,
        seen: &BTreeMap<NodeIndex, (usize, Option<EdgeIndex>)>,
        i: NodeIndex,
        direction: Direction,
    ) -> Vec<Step> {
        let mut path = Vec::new();
        let mut at = i;
        while let Some(&(_, Some(e))) = seen.get(&at) {
            path.extend(self.step(e));
            match (self.g.edge_endpoints(e), direction) {
                (Some((a, _)), Direction::Outgoing) => at = a,
                (Some((_, b)), Direction::Incoming) => at = b,
                (None, _) => break,
            }
        }
        if direction == Direction::Outgoing {
            path.reverse();
        }
        path
    }

    /// The nodes of a search from `start` that `keep` accepts, each with its
    /// path, nearest first.
    fn reached(
        &self,
        start: NodeIndex,
        kinds: &[EdgeKind],
        direction: Direction,
        depth: usize,
        keep: impl Fn(NodeIndex) -> bool,
    ) -> Vec<Hit> {
        let seen = self.bfs(start, kinds, direction, depth);
        let mut out: Vec<Hit> = seen
            .iter()
            .filter(|&(&i, _)| i != start && keep(i))
            .map(|(&i, &(d, _))| self.hit(i, d, self.trace(&seen, i, direction)))
            .collect();
        out.sort_by(|a, b| (a.depth, &a.id).cmp(&(b.depth, &b.id)));
        out
    }

    /// Documents that implement `target`, directly or through a chain of at
    /// most `depth` edges, each with the path from it to the target.
    pub fn implementers(&self, target: NodeIndex, depth: usize) -> Vec<Hit> {
        self.reached(target, RESTS_ON, Direction::Incoming, depth, |i| {
            self.g[i].kind == NodeKind::Document
        })
    }

    /// What a document (or instrument) rests on, up to `depth` edges away,
    /// each with the path from the start.
    pub fn basis(&self, start: NodeIndex, depth: usize) -> Vec<Hit> {
        self.reached(
            start,
            &[EdgeKind::Implements, EdgeKind::BasedOn],
            Direction::Outgoing,
            depth,
            |_| true,
        )
    }

    /// Agreements that state no parent programme.
    pub fn orphans(&self) -> Vec<Hit> {
        let mut out: Vec<Hit> = self
            .g
            .node_indices()
            .filter(|&i| {
                let n = &self.g[i];
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
            .g
            .node_indices()
            .filter(|&i| self.g[i].placeholder)
            .map(|i| (self.hit(i, 0, Vec::new()), self.g[i].cited_by.len()))
            .filter(|(_, n)| *n > 0)
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.label.cmp(&b.0.label)));
        out
    }

    /// The shortest chain from `a` to `b` along the graph's edges (either
    /// direction of travel), with evidence.
    pub fn path(&self, a: NodeIndex, b: NodeIndex) -> Option<Vec<Step>> {
        let kinds = [
            EdgeKind::Implements,
            EdgeKind::BasedOn,
            EdgeKind::Cites,
            EdgeKind::PartyTo,
            EdgeKind::Signed,
            EdgeKind::InProvince,
            EdgeKind::Issued,
        ];
        for (from, to, dir) in [(a, b, Direction::Outgoing), (b, a, Direction::Outgoing)] {
            let seen = self.bfs(from, &kinds, dir, usize::MAX);
            if seen.contains_key(&to) {
                return Some(self.trace(&seen, to, dir));
            }
        }
        None
    }

    /// Counts by node kind, edge kind, province and period.
    pub fn stats(&self) -> Stats {
        let mut s = Stats::default();
        for i in self.g.node_indices() {
            let n = &self.g[i];
            *s.nodes.entry(n.kind.as_str().to_string()).or_default() += 1;
            if n.placeholder {
                s.placeholders += 1;
            }
            if n.kind == NodeKind::Document {
                *s.documents_by_province
                    .entry(n.province.clone().unwrap_or_else(|| "—".into()))
                    .or_default() += 1;
                let period = n.period.map_or("—".to_string(), |[a, b]| format!("{a}-{b}"));
                *s.documents_by_period.entry(period).or_default() += 1;
            }
        }
        for e in self.g.edge_weights() {
            *s.edges.entry(e.kind.as_str().to_string()).or_default() += 1;
        }
        s
    }
}
