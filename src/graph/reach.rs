//! `reach.bin`: what a transitive search needs of the graph, small enough to
//! read on every `cancu search --transitive`.
//!
//! `graph.json` carries every node and edge with its evidence; reading it
//! for a 100,000-document corpus takes more than a second. A transitive
//! search asks only "which documents rest on this instrument within N
//! edges": it needs each node's id, kind, instrument key and province (to
//! resolve the id the user typed, as [`Graph::resolve`] does) and the
//! `IMPLEMENTS`/`BASED_ON`/`CITES` edges, incoming, as adjacency arrays.
//! [`Graph::save`] writes this file beside `graph.json`, so the two always
//! describe the same graph.
//!
//! The format (integers little-endian `u32`): the magic `CANCUREACH`, the
//! format version, the node count, for each node its kind (1 for a
//! document) and the byte lengths of its id, instrument key and province,
//! the length of the text and the text (every node's three strings, one
//! after another, UTF-8), then `count + 1` offsets and the source of each
//! incoming edge, node by node. Reading it is one pass with no allocation
//! per node.

use std::collections::VecDeque;
use std::path::Path;

use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::{query, query::RESTS_ON, Graph, NodeKind, ResolveError};
use crate::{ident, Error, Knowledge, Result};

/// The file name in the index folder.
pub const FILE: &str = "reach.bin";
/// The on-disk format version of [`FILE`].
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8] = b"CANCUREACH";

/// The nodes and the incoming `RESTS_ON` edges of a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Every node's id, instrument key and province, one after another.
    text: String,
    /// Per node: whether it is a document, and where its three strings end
    /// in `text` (each starts where the one before ends).
    nodes: Vec<(bool, [u32; 3])>,
    /// `sources[offsets[i]..offsets[i + 1]]`: the nodes with an edge to `i`.
    offsets: Vec<u32>,
    sources: Vec<u32>,
}

impl Reach {
    /// What a transitive search needs of `g`.
    pub fn from_graph(g: &Graph) -> Reach {
        let mut text = String::new();
        let mut nodes = Vec::with_capacity(g.g.node_count());
        for i in g.g.node_indices() {
            let n = &g.g[i];
            let mut ends = [0u32; 3];
            let key = n.instrument.as_deref().map(ident::key).unwrap_or_default();
            for (end, s) in ends
                .iter_mut()
                .zip([n.id.as_str(), &key, n.province.as_deref().unwrap_or_default()])
            {
                text.push_str(s);
                *end = text.len() as u32;
            }
            nodes.push((n.kind == NodeKind::Document, ends));
        }
        let mut offsets = Vec::with_capacity(g.g.node_count() + 1);
        let mut sources = Vec::new();
        offsets.push(0);
        for i in g.g.node_indices() {
            let mut from: Vec<u32> =
                g.g.edges_directed(i, Direction::Incoming)
                    .filter(|e| RESTS_ON.contains(&e.weight().kind))
                    .map(|e| e.source().index() as u32)
                    .collect();
            from.sort_unstable();
            from.dedup();
            sources.extend(from);
            offsets.push(sources.len() as u32);
        }
        Reach {
            text,
            nodes,
            offsets,
            sources,
        }
    }

    /// The id of node `i` (`doc:PATH`, `inst:KEY`, …), as
    /// [`Reach::implementers`] gives them.
    pub fn id(&self, i: usize) -> &str {
        self.part(i, 0)
    }
    fn key(&self, i: usize) -> &str {
        self.part(i, 1)
    }
    fn province(&self, i: usize) -> &str {
        self.part(i, 2)
    }
    fn is_document(&self, i: usize) -> bool {
        self.nodes[i].0
    }
    /// One of node `i`'s strings (its boundaries are checked on reading).
    fn part(&self, i: usize, which: usize) -> &str {
        let ends = &self.nodes[i].1;
        let start = match (which, i) {
            (0, 0) => 0,
            (0, _) => self.nodes[i - 1].1[2],
            _ => ends[which - 1],
        };
        self.text.get(start as usize..ends[which] as usize).unwrap_or_default()
    }

    /// The bytes of [`FILE`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            MAGIC.len() + 16 + self.nodes.len() * 16 + self.text.len() + (self.offsets.len() + self.sources.len()) * 4,
        );
        let put = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
        out.extend_from_slice(MAGIC);
        put(&mut out, FORMAT_VERSION);
        put(&mut out, self.nodes.len() as u32);
        let mut at = 0u32;
        for (document, ends) in &self.nodes {
            put(&mut out, u32::from(*document));
            for &end in ends {
                put(&mut out, end - at);
                at = end;
            }
        }
        put(&mut out, self.text.len() as u32);
        out.extend_from_slice(self.text.as_bytes());
        for &o in self.offsets.iter().chain(&self.sources) {
            put(&mut out, o);
        }
        out
    }

    /// Read [`FILE`]'s bytes; `None` for anything that is not a whole,
    /// consistent file of this version.
    pub fn from_bytes(bytes: &[u8]) -> Option<Reach> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT_VERSION {
            return None;
        }
        let count = r.u32()? as usize;
        let raw = r.u32s(count.checked_mul(4)?)?;
        let len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(len)?).ok()?.to_string();
        let mut nodes = Vec::with_capacity(count);
        let mut at = 0usize;
        for n in raw.chunks_exact(4) {
            let document = match n[0] {
                0 => false,
                1 => true,
                _ => return None,
            };
            let mut ends = [0u32; 3];
            for (end, &l) in ends.iter_mut().zip(&n[1..]) {
                at = at.checked_add(l as usize)?;
                if !text.is_char_boundary(at) {
                    return None;
                }
                *end = at as u32;
            }
            nodes.push((document, ends));
        }
        if at != text.len() {
            return None;
        }
        let offsets = r.u32s(count + 1)?;
        let edges = *offsets.last()? as usize;
        if offsets.first() != Some(&0) || offsets.windows(2).any(|w| w[0] > w[1]) {
            return None;
        }
        let sources = r.u32s(edges)?;
        if r.at != bytes.len() || sources.iter().any(|&s| s as usize >= count) {
            return None;
        }
        Some(Reach {
            text,
            nodes,
            offsets,
            sources,
        })
    }

    /// Write [`FILE`] into `dir`, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        crate::fsutil::write_atomic(&dir.join(FILE), &self.to_bytes())
    }

    /// Read [`FILE`] from `dir`; `Ok(None)` when there is none (an index
    /// written before it existed).
    pub fn load(dir: &Path) -> Result<Option<Reach>> {
        let path = dir.join(FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::Io { path, source }),
        };
        Reach::from_bytes(&bytes).map(Some).ok_or_else(|| Error::Data {
            source_name: path.display().to_string(),
            message: "not a reach file of this version: run `cancu index --rebuild`".into(),
        })
    }

    /// The node an id names, by the rules of [`Graph::resolve`].
    pub fn resolve(&self, id: &str, province: Option<&str>, k: &Knowledge) -> std::result::Result<usize, ResolveError> {
        let as_doc = format!("doc:{id}");
        let as_tail = format!("/{id}");
        let docs: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.is_document(i) && (self.id(i) == as_doc || self.id(i).ends_with(&as_tail)))
            .collect();
        if let [one] = docs.as_slice() {
            return Ok(*one);
        }
        let canonical = k.catalog.get(id).map_or_else(|| id.to_string(), |e| e.id.clone());
        let key = ident::key(&canonical);
        // An id typed without diacritics is matched loosely when no id has its exact key.
        let exact = (0..self.nodes.len()).any(|i| self.key(i) == key);
        let loose = ident::loose_key(&canonical);
        let mut found: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| {
                if exact {
                    self.key(i) == key
                } else {
                    !self.key(i).is_empty() && ident::loose_key(self.key(i)) == loose
                }
            })
            .filter(|&i| {
                province.is_none_or(|p| {
                    let q = self.province(i);
                    !q.is_empty() && crate::text::name_key(q) == crate::text::name_key(p)
                })
            })
            .collect();
        found.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        if found.iter().any(|&i| self.is_document(i)) {
            found.retain(|&i| self.is_document(i));
        }
        query::one_of(id, &found, |i| {
            let p = self.province(i);
            (!p.is_empty()).then(|| p.to_string())
        })
    }

    /// The ids of the documents that rest on `target` through at most
    /// `depth` edges, as [`Graph::implementers`] finds them, nearest first
    /// (in no order within a distance).
    pub fn implementers(&self, target: usize, depth: usize) -> Vec<&str> {
        self.implementer_nodes(target, depth)
            .into_iter()
            .map(|i| self.id(i))
            .collect()
    }

    /// Node numbers of what [`Reach::implementers`] finds.
    pub fn implementer_nodes(&self, target: usize, depth: usize) -> Vec<usize> {
        let mut dist = vec![u32::MAX; self.nodes.len()];
        let mut queue = VecDeque::new();
        if target < self.nodes.len() {
            dist[target] = 0;
            queue.push_back(target);
        }
        let mut out = Vec::new();
        while let Some(n) = queue.pop_front() {
            let d = dist[n] as usize;
            if d >= depth {
                continue;
            }
            let (a, b) = (self.offsets[n] as usize, self.offsets[n + 1] as usize);
            for &s in &self.sources[a..b] {
                let s = s as usize;
                if dist[s] == u32::MAX {
                    dist[s] = (d + 1) as u32;
                    queue.push_back(s);
                    if self.is_document(s) {
                        out.push(s);
                    }
                }
            }
        }
        out
    }

    /// The ids of the documents not among `hits` (node numbers from
    /// [`Reach::implementer_nodes`]): the smaller side when most of the
    /// corpus rests on an instrument.
    pub fn others(&self, hits: &[usize]) -> Vec<&str> {
        let mut inside = vec![false; self.nodes.len()];
        for &i in hits {
            if let Some(x) = inside.get_mut(i) {
                *x = true;
            }
        }
        (0..self.nodes.len())
            .filter(|&i| self.is_document(i) && !inside[i])
            .map(|i| self.id(i))
            .collect()
    }

    /// How many document nodes there are.
    pub fn documents(&self) -> usize {
        self.nodes.iter().filter(|n| n.0).count()
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes)
    }
    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let raw = self.take(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::formats::Format;
    use crate::ingest::Record;
    use crate::text::Encoding;

    use crate::gencorpus;

    fn graph_of(docs: &[(String, String)], k: &Knowledge) -> Graph {
        let records: Vec<Record> = docs
            .iter()
            .map(|(name, text)| Record {
                path: format!("corpus/{name}"),
                extraction: extract(text, k),
                format: Format::Text,
                encoding: Encoding::Utf8,
                corrected: Vec::new(),
            })
            .collect();
        Graph::build(&records, k)
    }

    fn seeds() -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("corpus/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
                (name, std::fs::read_to_string(&p).expect("a seed"))
            })
            .collect();
        docs.sort();
        assert!(docs.len() >= 5, "the seeds are in corpus/");
        docs
    }

    /// Every id of every node, in every province it could be asked with,
    /// resolves to the node the graph resolves it to; and from every node
    /// that something rests on, at several depths, the same documents.
    /// Returns how many (target, depth) pairs had implementers.
    fn check(g: &Graph, k: &Knowledge) -> usize {
        let reach = Reach::from_bytes(&Reach::from_graph(g).to_bytes()).expect("reads back");
        assert_eq!(reach, Reach::from_graph(g));
        let mut with_implementers = 0;
        let mut asked = std::collections::BTreeSet::new();
        for i in g.g.node_indices() {
            let n = &g.g[i];
            let mut ids: Vec<String> = vec![n.id.trim_start_matches("doc:").to_string()];
            ids.extend(n.instrument.clone());
            for id in ids {
                for province in [None, n.province.clone()] {
                    if !asked.insert((id.clone(), province.clone())) {
                        continue;
                    }
                    let by_graph = g.resolve(&id, province.as_deref(), k);
                    let by_reach = reach.resolve(&id, province.as_deref(), k);
                    assert_eq!(by_graph.clone().map(|i| i.index()), by_reach, "{id} in {province:?}");
                }
            }
            if g.g.edges_directed(i, Direction::Incoming).next().is_none() {
                continue;
            }
            for depth in [1, 2, 3, 10] {
                let mut want: Vec<String> = g
                    .implementers(i, depth)
                    .into_iter()
                    .filter(|h| h.kind == NodeKind::Document)
                    .map(|h| h.id)
                    .collect();
                want.sort();
                let mut got = reach.implementers(i.index(), depth);
                got.sort_unstable();
                assert_eq!(got, want, "{} at depth {depth}", n.id);
                let others = reach.others(&reach.implementer_nodes(i.index(), depth));
                assert_eq!(others.len() + got.len(), reach.documents());
                assert!(others.iter().all(|o| !got.contains(o)));
                with_implementers += usize::from(!want.is_empty());
            }
        }
        with_implementers
    }

    #[test]
    fn reach_answers_as_the_graph_does_on_the_seeds() {
        let k = Knowledge::builtin().expect("built-in data");
        assert!(check(&graph_of(&seeds(), &k), &k) > 10);
    }

    #[test]
    fn reach_answers_as_the_graph_does_on_a_generated_corpus() {
        let k = Knowledge::builtin().expect("built-in data");
        let g = graph_of(&gencorpus::generate(300, 7), &k);
        // Chains of several steps (commune, district, province, nation).
        let deep = Reach::from_graph(&g);
        let t = deep.resolve("11-CT/TW", None, &k).expect("11-CT/TW is in the graph");
        assert!(deep.implementers(t, 10).len() > deep.implementers(t, 1).len());
        assert!(check(&g, &k) > 100);
    }

    #[test]
    fn truncated_or_foreign_bytes_are_refused() {
        let k = Knowledge::builtin().expect("built-in data");
        let bytes = Reach::from_graph(&graph_of(&seeds(), &k)).to_bytes();
        assert!(Reach::from_bytes(&bytes).is_some());
        for cut in [0, 5, MAGIC.len() + 4, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(Reach::from_bytes(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut other = bytes.clone();
        other[MAGIC.len()] ^= 0xff;
        assert_eq!(Reach::from_bytes(&other), None, "another version");
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(Reach::from_bytes(&longer), None, "trailing bytes");
    }
}
