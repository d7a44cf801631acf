//! Which provinces carry out a national programme: the 63 provinces as they
//! were until 30 June 2025 (a document's province as written) and the 34
//! since 1 July 2025 (its province today), each covered when a document of
//! the corpus implements the programme, directly or through a chain (the
//! documents [`Graph::implementers`] finds), with the districts and
//! communes that documents name under each.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{Direction, EdgeKind, Graph, NodeId, NodeKind};
use crate::geo::Gazetteer;
use crate::text::{name_key, vi_cmp};

/// A province with documents that implement the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Covered {
    pub province: String,
    /// Paths of the documents, in byte order.
    pub documents: Vec<String>,
    /// The most local unit each document names (a district, or a commune
    /// with its district when named), the Vietnamese way.
    pub units: Vec<String>,
}

/// One view of the country: the provinces covered and the others, each
/// sorted the Vietnamese way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    pub covered: Vec<Covered>,
    pub uncovered: Vec<String>,
}

/// The coverage of one programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The programme's id as the graph knows it.
    pub id: String,
    /// The 63 provinces until 30 June 2025.
    pub before: View,
    /// The 34 provinces since 1 July 2025.
    pub after: View,
    /// Implementing documents whose province is not known (or not one of
    /// the 63), by path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<String>,
}

/// A commune introduced as such: `xã Tân Hòa`, `phường 3`, `thị trấn Mỹ
/// Xuyên` (the name's words capitalised, so `xã hội` is none).
static COMMUNE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{M}\p{N}])(?P<kind>[Xx]ã|[Pp]hường|[Tt]hị trấn)[ \t]+(?P<name>\d+|\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{Lu}[\p{L}\p{M}]*)*)")
        .expect("commune pattern")
});

/// The most local unit of `province` that `text` names: a district of
/// data/units.toml introduced by its kind, a commune introduced by its
/// kind, or both (`xã Tân Hòa, huyện Châu Thành`).
fn unit_in(text: &str, province: &str, places: &Gazetteer) -> Option<String> {
    let folded = format!(" {} ", name_key(text));
    let district = places
        .units_of(province)
        .filter(|u| {
            let name = name_key(&u.name);
            places
                .district_words()
                .iter()
                .any(|w| folded.contains(&format!(" {w} {name} ")))
        })
        // The longest name wins (`Châu Thành A` over `Châu Thành`).
        .max_by(|a, b| a.name.len().cmp(&b.name.len()).then_with(|| vi_cmp(&b.name, &a.name)))
        .map(|u| format!("{} {}", u.kind, u.name));
    let commune = COMMUNE.captures(text).and_then(|c| {
        let kind = c.name("kind")?.as_str().to_lowercase();
        let name = c.name("name")?.as_str();
        Some(format!("{kind} {name}"))
    });
    match (commune, district) {
        (Some(c), Some(d)) => Some(format!("{c}, {d}")),
        (c, d) => c.or(d),
    }
}

/// The unit a document is for: named by its parties (the most local one),
/// else by its title.
fn unit_of(g: &Graph, doc: NodeId, province: &str, places: &Gazetteer) -> Option<String> {
    let mut parties: Vec<&str> = g
        .edges_of(doc, Direction::Incoming)
        .filter(|e| e.kind == EdgeKind::PartyTo)
        .map(|e| g.node(e.source).label)
        .collect();
    parties.sort_unstable();
    let found: Vec<String> = parties.iter().filter_map(|p| unit_in(p, province, places)).collect();
    // A commune (with its district or not) is more local than a district.
    let commune = found.iter().find(|u| {
        !places
            .district_words()
            .iter()
            .any(|w| name_key(u).starts_with(w.as_str()))
    });
    commune
        .or(found.first())
        .cloned()
        .or_else(|| g.node(doc).title.and_then(|t| unit_in(t, province, places)))
}

fn view(all: &[String], found: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>) -> View {
    let mut covered: Vec<Covered> = found
        .into_iter()
        .map(|(province, (documents, units))| {
            let mut units: Vec<String> = units.into_iter().collect();
            units.sort_by(|a, b| vi_cmp(a, b));
            Covered {
                province,
                documents: documents.into_iter().collect(),
                units,
            }
        })
        .collect();
    covered.sort_by(|a, b| vi_cmp(&a.province, &b.province));
    let mut uncovered: Vec<String> = all
        .iter()
        .filter(|p| !covered.iter().any(|c| &c.province == *p))
        .cloned()
        .collect();
    uncovered.sort_by(|a, b| vi_cmp(a, b));
    View { covered, uncovered }
}

/// The coverage of the programme at `target`: the documents that implement
/// it within `depth` edges, by province then and now.
pub fn coverage(g: &Graph, target: NodeId, depth: usize, places: &Gazetteer) -> Coverage {
    let n = g.node(target);
    let id = n.instrument.unwrap_or(n.label).to_string();
    let before_all: Vec<String> = places.provinces().iter().map(|p| p.name.clone()).collect();
    let after_all: Vec<String> = places
        .provinces()
        .iter()
        .map(|p| p.now.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut before: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let mut after: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    let mut unplaced = BTreeSet::new();
    for hit in g.implementers(target, depth) {
        let doc = hit.node;
        if g.kind(doc) != NodeKind::Document {
            continue;
        }
        let path = hit.label.clone();
        let Some(p) = g.node(doc).province.and_then(|p| places.province(p)) else {
            unplaced.insert(path);
            continue;
        };
        let unit = unit_of(g, doc, &p.name, places);
        let then = before.entry(p.name.clone()).or_default();
        then.0.insert(path.clone());
        then.1.extend(unit.clone());
        let now = after.entry(p.now.clone()).or_default();
        now.0.insert(path);
        // Under today's province a unit says which former province it was in.
        now.1.extend(unit.map(|u| {
            if p.now == p.name {
                u
            } else {
                format!("{u} ({})", p.name)
            }
        }));
    }
    Coverage {
        id,
        before: view(&before_all, before),
        after: view(&after_all, after),
        unplaced: unplaced.into_iter().collect(),
    }
}

/// The coverage of the national instruments among `ids` (any spelling;
/// ids the graph does not know, or knows as local instruments, left out)
/// that at least one document implements, each once, in the order given.
pub fn programmes<'a>(
    g: &Graph,
    ids: impl IntoIterator<Item = &'a str>,
    depth: usize,
    k: &crate::Knowledge,
) -> Vec<Coverage> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for id in ids {
        let Ok(i) = g.resolve(id, None, &k.catalog) else {
            continue;
        };
        // National: no province, or a national issuer or catalogue entry
        // (a national programme in the corpus may have its place read).
        let n = g.node(i);
        let national = n.province.is_none()
            || n.instrument.is_some_and(|x| {
                super::build::national_symbol(x) || k.catalog.get(x).is_some_and(|e| e.scope.is_none())
            });
        if !national || !seen.insert(i) {
            continue;
        }
        let c = coverage(g, i, depth, &k.places);
        if !c.before.covered.is_empty() || !c.unplaced.is_empty() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_named_by_parties() {
        let places = Gazetteer::builtin().unwrap();
        assert_eq!(
            unit_in("Hội Khuyến học huyện Châu Thành", "Bến Tre", &places).as_deref(),
            Some("huyện Châu Thành")
        );
        assert_eq!(
            unit_in("Hội Khuyến học thành phố Bến Tre", "Bến Tre", &places).as_deref(),
            Some("thành phố Bến Tre")
        );
        assert_eq!(
            unit_in("Ủy ban nhân dân xã Tân Hòa, huyện Châu Thành", "Bến Tre", &places).as_deref(),
            Some("xã Tân Hòa, huyện Châu Thành")
        );
        assert_eq!(
            unit_in("UBND Phường 3", "Bến Tre", &places).as_deref(),
            Some("phường 3")
        );
        // A province, the society's work, a district of another province: none.
        assert_eq!(unit_in("Hội Khuyến học tỉnh Bến Tre", "Bến Tre", &places), None);
        assert_eq!(unit_in("xây dựng xã hội học tập", "Bến Tre", &places), None);
        assert_eq!(unit_in("XÂY DỰNG XÃ HỘI HỌC TẬP", "Bến Tre", &places), None);
        assert_eq!(unit_in("Hội Khuyến học huyện Cẩm Mỹ", "Bến Tre", &places), None);
    }
}
