//! One self-contained, offline HTML page: the vendored cytoscape.js (MIT,
//! licence kept) inlined, the graph embedded as JSON, no `http` reference
//! anywhere. Document text reaches the page only as data: `<`, `>` and `&`
//! are written as JSON escapes, and the page shows text with `textContent`,
//! so nothing from a document can run as script.
//!
//! The page holds a corpus of ten thousand documents: it draws only what is
//! asked for. First the national instruments and one node per province with
//! its count of documents; a province opens into its levels (provincial,
//! district, commune), a level into its documents; a node clicked shows its
//! neighbourhood. The graph goes in compact columns (kinds, relations,
//! provinces and cues as numbers into tables), and the page computes an
//! aggregated view and places it on rings itself (no force layout).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use serde_json::{json, Value};

use super::page;
use super::View;
use crate::graph::{Direction, EdgeKind, NodeKind};
use crate::orgs::{Level, Locality, OrgTable};
use crate::text::vi_cmp;

const LIBRARY: &str = include_str!("../../assets/cytoscape/cytoscape.min.js");
const LICENCE: &str = include_str!("../../assets/cytoscape/LICENSE");
const PAGE_SCRIPT: &str = include_str!("../../assets/graph-page/page.js");

/// Make text safe inside a `<script>` element: no closing tag, no URL scheme
/// (the library's only ones are in its licence comments).
fn script_safe(s: &str) -> String {
    s.replace("https://", "").replace("http://", "").replace("</", "<\\/")
}

/// JSON that cannot close the script element it sits in.
fn json_safe(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn vi_sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
    v.sort_by(|a, b| vi_cmp(a, b));
    v
}

/// The tier an organisation named `name` (with its locality, as party nodes
/// carry it) belongs to, as extraction reads a party's.
fn party_level(name: &str, orgs: &OrgTable, places: &crate::geo::Gazetteer) -> Option<Level> {
    let (_, level, locality) = orgs.classify(name, places)?;
    match locality {
        Locality::Nation => Some(Level::National),
        Locality::Place { level: l, .. } => Some(level.unwrap_or(l)),
        Locality::Bare(unit) => Some(level.unwrap_or(match crate::text::name_key(&unit).as_str() {
            "huyen" | "quan" | "thi xa" => Level::District,
            "xa" | "phuong" | "thi tran" => Level::Commune,
            _ => Level::Provincial,
        })),
        Locality::None => level,
    }
}

/// The tier of each document of the view (by position in `v.nodes`): its
/// most local party's, as `cancu check` judges it; `None` for other nodes
/// and for documents with no party whose tier is known.
fn document_levels(v: &View) -> Vec<Option<Level>> {
    let mut out = vec![None; v.nodes.len()];
    let (Ok(orgs), Ok(places)) = (OrgTable::builtin(), crate::geo::Gazetteer::builtin()) else {
        return out;
    };
    let mut of_org = HashMap::new();
    for (k, &i) in v.nodes.iter().enumerate() {
        if v.node(i).kind != NodeKind::Document {
            continue;
        }
        out[k] =
            v.g.edges_of(i, Direction::Incoming)
                .filter(|e| e.kind == EdgeKind::PartyTo)
                .filter_map(|e| {
                    *of_org
                        .entry(e.source)
                        .or_insert_with(|| party_level(v.node(e.source).label, &orgs, &places))
                })
                .max();
    }
    out
}

const LEVELS: [Level; 4] = [Level::National, Level::Provincial, Level::District, Level::Commune];
const NODE_KINDS: [NodeKind; 5] = [
    NodeKind::Document,
    NodeKind::Instrument,
    NodeKind::Organisation,
    NodeKind::Person,
    NodeKind::Province,
];
const RELATIONS: [EdgeKind; 7] = [
    EdgeKind::Implements,
    EdgeKind::BasedOn,
    EdgeKind::Cites,
    EdgeKind::PartyTo,
    EdgeKind::Signed,
    EdgeKind::Issued,
    EdgeKind::InProvince,
];

/// The graph as the page reads it: tables of names, then one array per node
/// (`id, kind, label, short, instrument, province, from, to, document kind,
/// date, title, parent, placeholder, level`; numbers index the tables, -1 or
/// 0 or "" for none) and one per edge (`source, target, relation, cue,
/// evidence document (a node, or its path when not in the view), span`).
fn page_data(v: &View) -> Value {
    let provinces = vi_sorted(v.nodes.iter().filter_map(|&i| v.node(i).province));
    let now = vi_sorted(provinces.iter().filter_map(|p| v.province_now(p)));
    let province_index: BTreeMap<&str, usize> = provinces.iter().enumerate().map(|(k, &p)| (p, k)).collect();
    let now_index: BTreeMap<&str, usize> = now.iter().enumerate().map(|(k, &p)| (p, k)).collect();
    let province_now: Vec<i64> = provinces
        .iter()
        .map(|p| {
            v.province_now(p)
                .and_then(|n| now_index.get(n))
                .map_or(-1, |&k| k as i64)
        })
        .collect();
    let doc_kinds: Vec<String> = v
        .nodes
        .iter()
        .filter_map(|&i| v.node(i).document_kind.map(|k| k.as_str().to_string()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let cues: Vec<&str> = v
        .edges
        .iter()
        .map(|&e| v.edge(e).evidence.cue)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let cue_index: BTreeMap<&str, usize> = cues.iter().enumerate().map(|(k, &c)| (c, k)).collect();
    let levels = document_levels(v);
    let index = |x: Option<usize>| x.map_or(-1, |k| k as i64);
    let nodes: Vec<Value> = v
        .nodes
        .iter()
        .zip(&levels)
        .map(|(&i, level)| {
            let n = v.node(i);
            let short = match n.kind {
                NodeKind::Document => n.name().rsplit('/').next().unwrap_or("").to_string(),
                _ => n.label.chars().take(40).collect(),
            };
            let [from, to] = n.period.unwrap_or([0, 0]);
            json!([
                n.id,
                index(NODE_KINDS.iter().position(|&k| k == n.kind)),
                n.label,
                short,
                n.instrument.unwrap_or(""),
                index(n.province.and_then(|p| province_index.get(p).copied())),
                from,
                to,
                index(
                    n.document_kind
                        .map(|k| k.as_str())
                        .and_then(|k| doc_kinds.iter().position(|x| *x == k))
                ),
                n.date.unwrap_or(""),
                n.title.unwrap_or(""),
                n.parent.unwrap_or(""),
                u8::from(n.placeholder),
                index(level.and_then(|l| LEVELS.iter().position(|&x| x == l))),
            ])
        })
        .collect();
    // The position of each evidence document's node, looked up once.
    let mut doc_pos: HashMap<&str, Option<usize>> = HashMap::new();
    let edges: Vec<Value> = v
        .edges
        .iter()
        .map(|&e| {
            let (a, b) = v.ends(e);
            let w = v.edge(e);
            let doc = match w.evidence.document {
                Some(path) => match *doc_pos
                    .entry(path)
                    .or_insert_with(|| v.g.document(path).and_then(|d| v.pos.get(&d).copied()))
                {
                    Some(k) => json!(k),
                    None => json!(path),
                },
                None => json!(-1),
            };
            let span = w.evidence.span.map_or_else(String::new, |[s, t]| format!("{s}-{t}"));
            json!([
                a,
                b,
                index(RELATIONS.iter().position(|&k| k == w.kind)),
                index(cue_index.get(w.evidence.cue).copied()),
                doc,
                span
            ])
        })
        .collect();
    json!({
        "kinds": NODE_KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "relations": RELATIONS.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "levels": LEVELS.iter().map(|&l| l.as_str()).collect::<Vec<_>>(),
        "document_kinds": doc_kinds,
        "provinces": provinces,
        "now": now,
        "province_now": province_now,
        "cues": cues,
        "nodes": nodes,
        "edges": edges,
    })
}

/// Write the page.
pub fn write_html(v: &View, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        r#"{page_head}<style>
body {{ margin: 0; font-family: sans-serif; display: grid; grid-template-columns: 1fr 380px; grid-template-rows: auto 1fr; height: 100vh; }}
header {{ grid-column: 1 / 3; padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; font-size: 13px; }}
header input, header select, header button, header label {{ margin: 2px 8px 2px 0; }}
header input[type=number] {{ width: 5em; }}
#cy {{ min-height: 400px; }}
#side {{ overflow: auto; padding: 8px; border-left: 1px solid #ccc; font-size: 13px; }}
#side p {{ margin: 3px 0; }}
#results li button, #listing li {{ cursor: pointer; }}
#results {{ margin: 0 0 8px 0; padding-left: 18px; }}
.legend span {{ margin-right: 8px; }}
</style>
</head>
<body>
<header>
<input id="search" type="search" placeholder="Search (khuyen hoc, 11-CT/TW …)">
<select id="province" title="Documents of a province, as written on them or today's"><option value="">All provinces</option></select>
<label>period from <input id="from" type="number" min="1900" max="2200" placeholder="year"></label>
<label>to <input id="to" type="number" min="1900" max="2200" placeholder="year"></label>
<select id="kind" title="Kind of document"><option value="">All kinds</option></select>
<select id="group" title="Group documents by the province as written or today's"><option value="written">provinces as written</option><option value="now">today's provinces</option></select>
<label><input id="people" type="checkbox"> people and organisations</label>
<button id="overview" type="button">Overview</button>
<span><span id="shown">0</span> of <span id="count">0</span> nodes shown, <span id="docs">0</span> documents</span>
<span class="legend"> · <span style="color:#3182bd">document</span><span style="color:#e6550d">instrument</span><span style="color:#31a354">organisation</span><span style="color:#756bb1">person</span><span style="color:#de2d26">province</span><span style="color:#969696">level</span></span>
</header>
<div id="cy"></div>
<aside id="side">
<ol id="results"></ol>
<div id="info"><p>National instruments in the middle, one node per province around them (with its number of documents). Click a province to open its levels, a level to open its documents, a document for its neighbourhood, its facts and the evidence of its links.</p></div>
<details><summary>Nodes shown</summary><ol id="listing"></ol></details>
</aside>
<script>
/* cytoscape.js, inlined. Its licence:
{licence}
*/
{library}
</script>
<script type="application/json" id="graph-data">{data}</script>
<script>{page}</script>
</body>
</html>
"#,
        page_head = page::head("cancu — knowledge graph"),
        licence = script_safe(LICENCE).replace("*/", "* /"),
        library = script_safe(LIBRARY),
        data = json_safe(&page_data(v)),
        page = PAGE_SCRIPT,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::vi_key;
    use std::cmp::Ordering;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn provinces_sort_the_vietnamese_way() {
        let names = [
            "Điện Biên",
            "Đà Nẵng",
            "Gia Lai",
            "Cần Thơ",
            "Cao Bằng",
            "Cà Mau",
            "Bạc Liêu",
            "Bà Rịa - Vũng Tàu",
            "Bắc Giang",
            "Bắc Kạn",
            "Bình Dương",
            "Đắk Lắk",
            "Đắk Nông",
            "Đồng Nai",
            "Hà Nội",
            "Hải Dương",
            "Hậu Giang",
            "Hòa Bình",
            "Hưng Yên",
            "Hồ Chí Minh",
            "An Giang",
        ];
        assert_eq!(
            vi_sorted(names),
            [
                "An Giang",
                "Bà Rịa - Vũng Tàu",
                "Bạc Liêu",
                "Bắc Giang",
                "Bắc Kạn",
                "Bình Dương",
                "Cà Mau",
                "Cao Bằng",
                "Cần Thơ",
                "Đà Nẵng",
                "Đắk Lắk",
                "Đắk Nông",
                "Điện Biên",
                "Đồng Nai",
                "Gia Lai",
                "Hà Nội",
                "Hải Dương",
                "Hậu Giang",
                "Hòa Bình",
                "Hồ Chí Minh",
                "Hưng Yên",
            ]
        );
        // Case, composition and tone placement aside, the same place.
        assert_eq!(vi_key("ĐẮK LẮK"), vi_key("Đắk Lắk"));
        assert_eq!(vi_key("Đắk Lắk").0, vi_key(&"Đắk Lắk".nfd().collect::<String>()).0);
        // D before Đ, a tone only when the letters are equal.
        assert_eq!(vi_cmp("Dương", "Đà"), Ordering::Less);
        assert_eq!(vi_cmp("Hà", "Ha"), Ordering::Greater);
        assert_eq!(vi_cmp("Hà Tĩnh", "Hai"), Ordering::Less);
    }
}
