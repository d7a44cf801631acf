//! The graph page (`cancu export --format html`) in headless Chromium: what
//! it draws first, its province list, and its filters, driven by the URL
//! fragment it reads at load. What the page draws on its canvas it also
//! lists as text (`<ol id="listing">`, one `<li data-kind data-key>` per
//! node), which is what these tests read from the DOM.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::gencorpus::generator;
use crate::util::{seeded, stderr, Dir};

/// Whether Chromium is installed; in CI it must be.
fn have_chromium() -> bool {
    let ok = Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "chromium must be installed in CI");
        eprintln!("chromium is not installed: the page is not opened");
    }
    ok
}

/// A folder with a generated corpus of `n` documents.
fn generated(n: usize) -> Dir {
    let d = Dir::new();
    for (name, text) in generator::generate(n, 11) {
        d.write(&format!("corpus/{name}"), text);
    }
    d
}

/// The page written for the folder's corpus.
fn page(d: &Dir) -> std::path::PathBuf {
    let o = d.cancu(&["export", "--format", "html", "-o", "g.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.path().join("g.html")
}

/// Percent-encode a URL fragment's text (UTF-8 bytes outside unreserved ASCII).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'=' | b'&' | b':' | b'/' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page as Chromium leaves it after loading with `fragment`: its DOM.
/// Panics when it does not become ready, has script errors or logs to the
/// console.
fn open(path: &Path, fragment: &str) -> String {
    let url = format!("file://{}#{}", path.display(), encode(fragment));
    let o = crate::util::chromium_dom(&url, 10000, &[]);
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        dom.contains(r#"data-status="ready""#),
        "{fragment}: the page did not become ready: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dom.contains(r#"data-errors="0""#), "{fragment}: script errors");
    let console: Vec<String> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    assert!(console.is_empty(), "{fragment}: console messages: {console:?}");
    dom
}

/// An attribute's value in a start tag, unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(
        tag[start..start + len]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// A node the page draws: its kind, key (the node id, or `province:NAME`)
/// and count of documents for a folded node.
#[derive(Debug)]
struct Drawn {
    kind: String,
    /// The page's own name for it (`p3`, `l3_2`, `n17`).
    node: String,
    key: String,
    count: Option<usize>,
}

fn drawn(dom: &str) -> Vec<Drawn> {
    let start = dom.find(r#"<ol id="listing">"#).expect("the listing");
    let end = start + dom[start..].find("</ol>").expect("end of the listing");
    dom[start..end]
        .split("<li ")
        .skip(1)
        .map(|li| {
            let tag = format!(" {}", &li[..li.find('>').unwrap_or(li.len())]);
            Drawn {
                kind: attr(&tag, "data-kind").unwrap_or_default(),
                node: attr(&tag, "data-node").unwrap_or_default(),
                key: attr(&tag, "data-key").unwrap_or_default(),
                count: attr(&tag, "data-count").and_then(|c| c.parse().ok()),
            }
        })
        .collect()
}

fn drawn_documents(dom: &str) -> BTreeSet<String> {
    drawn(dom)
        .into_iter()
        .filter(|n| n.kind == "document")
        .map(|n| n.key)
        .collect()
}

/// `<span id="ID">N</span>`.
fn number(dom: &str, id: &str) -> usize {
    let open = format!(r#"<span id="{id}">"#);
    let start = dom.find(&open).expect(id) + open.len();
    dom[start..start + dom[start..].find('<').unwrap()].parse().unwrap()
}

/// The province select's options, in order: (value, text).
fn options(dom: &str) -> Vec<String> {
    let start = dom.find(r#"<select id="province""#).unwrap();
    let end = start + dom[start..].find("</select>").unwrap();
    dom[start..end]
        .split("<option ")
        .skip(1)
        .filter_map(|o| attr(&format!(" {o}"), "value"))
        .filter(|v| !v.is_empty())
        .collect()
}

/// The graph as `cancu export --format json` gives it: nodes by id, links.
fn graph(d: &Dir) -> (BTreeMap<String, Value>, Vec<Value>) {
    let o = d.cancu(&["export", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let nodes = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_string(), n.clone()))
        .collect();
    (nodes, v["links"].as_array().unwrap().clone())
}

fn documents(nodes: &BTreeMap<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    nodes.iter().filter(|(_, n)| n["kind"] == "document")
}

/// A document's period as two years.
fn period(n: &Value) -> Option<(u16, u16)> {
    let (a, b) = n["period"].as_str()?.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What the first view must hold, checked against the exported graph: no
/// people or organisations; every national instrument (no province) that a
/// document links to; a node per province of a document, whose count is
/// that province's documents.
fn check_first_view(d: &Dir) {
    if !have_chromium() {
        return;
    }
    let (nodes, links) = graph(d);
    let dom = open(&page(d), "");
    let shown = drawn(&dom);
    assert!(!shown.is_empty());
    let kinds: BTreeSet<&str> = shown.iter().map(|n| n.kind.as_str()).collect();
    assert!(
        !kinds.contains("person") && !kinds.contains("organisation"),
        "people or organisations in the first view: {kinds:?}"
    );
    let keys: BTreeSet<&str> = shown.iter().map(|n| n.key.as_str()).collect();
    let national: BTreeSet<&str> = links
        .iter()
        .filter(|l| nodes[l["source"].as_str().unwrap()]["kind"] == "document")
        .map(|l| l["target"].as_str().unwrap())
        .filter(|t| nodes[*t]["kind"] == "instrument" && nodes[*t].get("province").is_none())
        .collect();
    assert!(!national.is_empty());
    let missing: Vec<&&str> = national.difference(&keys).collect();
    assert!(missing.is_empty(), "national instruments not drawn: {missing:?}");
    let mut by_province: BTreeMap<String, usize> = BTreeMap::new();
    for (_, n) in documents(&nodes) {
        if let Some(p) = n["province"].as_str() {
            *by_province.entry(p.to_string()).or_default() += 1;
        }
    }
    let mut provinces: BTreeMap<String, Option<usize>> = shown
        .iter()
        .filter(|n| n.kind == "province")
        .map(|n| (n.key.trim_start_matches("province:").to_string(), n.count))
        .collect();
    // Local documents whose province the text leaves open (a district name
    // two provinces share) are folded apart, under `no province`.
    if let Some(count) = provinces.remove("no province") {
        let unplaced = documents(&nodes).filter(|(_, n)| n["province"].is_null()).count();
        assert!(
            count.is_some_and(|c| c >= 1 && c <= unplaced),
            "{count:?} of {unplaced}"
        );
    }
    assert_eq!(
        provinces.keys().collect::<Vec<_>>(),
        by_province.keys().collect::<Vec<_>>(),
        "one node per province"
    );
    for (p, n) in &by_province {
        assert_eq!(provinces[p], Some(*n), "documents of {p}");
    }
    assert_eq!(number(&dom, "docs"), documents(&nodes).count());
    assert_eq!(number(&dom, "count"), nodes.len());
}

#[test]
fn the_first_view_is_national_instruments_and_provinces_on_the_seeds() {
    check_first_view(&seeded(&[]));
}

#[test]
fn the_first_view_folds_a_generated_corpus_into_provinces() {
    if !have_chromium() {
        return;
    }
    let d = generated(400);
    check_first_view(&d);
    // Folded: more documents than the page draws one by one.
    let dom = open(&page(&d), "");
    assert!(drawn_documents(&dom).len() < 20, "documents drawn one by one");
    // A province opened shows its levels, a level its documents.
    let (nodes, _) = graph(&d);
    let path = page(&d);
    let hub = drawn(&dom).into_iter().find(|n| n.kind == "province").unwrap();
    let name = hub.key.trim_start_matches("province:").to_string();
    let dom = open(&path, &format!("open={}", hub.node));
    let levels: Vec<Drawn> = drawn(&dom).into_iter().filter(|n| n.kind == "level").collect();
    assert!(!levels.is_empty());
    assert!(
        levels.iter().all(|l| l.key.starts_with(&format!("level:{name}:"))),
        "{levels:?}"
    );
    assert_eq!(
        levels.iter().map(|l| l.count.unwrap()).sum::<usize>(),
        hub.count.unwrap()
    );
    let level = &levels[0];
    let dom = open(&path, &format!("open={},{}", hub.node, level.node));
    // Its documents, beside the national ones (always drawn).
    let (local, national): (Vec<String>, Vec<String>) = drawn_documents(&dom)
        .into_iter()
        .partition(|doc| nodes[doc].get("province").is_some());
    assert_eq!(local.len(), level.count.unwrap(), "the documents of {}", level.key);
    for doc in &local {
        assert_eq!(Some(name.as_str()), nodes[doc]["province"].as_str(), "{doc}");
    }
    assert_eq!(national.len(), drawn_documents(&open(&path, "")).len());
}

/// The primary Vietnamese key of a name: letters by the alphabet, đ after
/// d (and ă, â after a, …), tones and case aside.
fn primary(s: &str) -> Vec<usize> {
    const ALPHABET: &str = " -aăâbcdđeêghiklmnoôơpqrstuưvxy";
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let bare: String = s.to_lowercase().nfd().filter(|c| !tones.contains(c)).nfc().collect();
    bare.chars()
        .map(|c| ALPHABET.chars().position(|a| a == c).unwrap_or(100 + c as usize))
        .collect()
}

#[test]
fn the_province_list_is_in_vietnamese_order() {
    if !have_chromium() {
        return;
    }
    let d = generated(400);
    let (nodes, _) = graph(&d);
    let places = cancu::geo::Gazetteer::builtin().unwrap();
    let written: BTreeSet<String> = documents(&nodes)
        .filter_map(|(_, n)| n["province"].as_str().map(str::to_string))
        .collect();
    let now: BTreeSet<String> = written
        .iter()
        .filter_map(|p| places.now(p).map(str::to_string))
        .collect();
    let dom = open(&page(&d), "");
    let values = options(&dom);
    for (prefix, want) in [("written:", &written), ("now:", &now)] {
        let list: Vec<&str> = values.iter().filter_map(|v| v.strip_prefix(prefix)).collect();
        assert_eq!(
            list.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(),
            *want,
            "{prefix}"
        );
        assert!(
            list.windows(2).all(|w| primary(w[0]) <= primary(w[1])),
            "{prefix} not in Vietnamese order: {list:?}"
        );
        // Đ after D (and C), before G: not where a code-point sort puts it (last).
        let at = |f: &dyn Fn(&str) -> bool| list.iter().position(|s| f(s));
        let first_d = at(&|s: &str| s.starts_with('Đ')).expect("a province in Đ");
        let first_g = at(&|s: &str| s.starts_with('G')).expect("a province in G");
        assert!(first_d < first_g, "{list:?}");
        assert!(
            list[first_d..]
                .iter()
                .all(|s| !s.starts_with('C') && !s.starts_with('D')),
            "{list:?}"
        );
    }
}

#[test]
fn filters_by_province_as_written_and_today() {
    // The seeds: Bến Tre as written, and as today's Vĩnh Long (two documents).
    let d = seeded(&[]);
    if !have_chromium() {
        return;
    }
    let (nodes, _) = graph(&d);
    let bentre: BTreeSet<String> = documents(&nodes)
        .filter(|(_, n)| n["province"] == "Bến Tre")
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(bentre.len(), 2);
    let path = page(&d);
    for fragment in [
        "province=Bến Tre",
        "province=written:Bến Tre",
        "province=Vĩnh Long",
        "province=now:Vĩnh Long",
        "province=vinh long",
    ] {
        let dom = open(&path, fragment);
        assert_eq!(drawn_documents(&dom), bentre, "{fragment}");
        assert_eq!(number(&dom, "docs"), 2, "{fragment}");
        let provinces: Vec<String> = drawn(&dom)
            .into_iter()
            .filter(|n| n.kind == "province")
            .map(|n| n.key)
            .collect();
        assert_eq!(provinces, ["province:Bến Tre"], "{fragment}");
    }
    // As written, Vĩnh Long has none of them.
    let dom = open(&path, "province=written:Vĩnh Long");
    assert_eq!(number(&dom, "docs"), 0);
    assert!(drawn_documents(&dom).is_empty());
    // Grouped by today's province, they are under Vĩnh Long.
    let dom = open(&path, "province=Bến Tre&group=now");
    let provinces: Vec<String> = drawn(&dom)
        .into_iter()
        .filter(|n| n.kind == "province")
        .map(|n| n.key)
        .collect();
    assert_eq!(provinces, ["province:Vĩnh Long"]);
}

#[test]
fn filters_by_period_overlapping_and_by_kind() {
    if !have_chromium() {
        return;
    }
    let d = generated(400);
    let (nodes, _) = graph(&d);
    let places = cancu::geo::Gazetteer::builtin().unwrap();
    // The province (today's) with the most documents.
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for (_, n) in documents(&nodes) {
        if let Some(now) = n["province"].as_str().and_then(|p| places.now(p)) {
            *count.entry(now.to_string()).or_default() += 1;
        }
    }
    let (province, _) = count
        .iter()
        .max_by_key(|(p, n)| (**n, std::cmp::Reverse(p.as_str())))
        .unwrap();
    let in_province = |n: &Value| n["province"].as_str().and_then(|p| places.now(p)) == Some(province.as_str());
    let path = page(&d);
    let (from, to) = (2019, 2021);
    let expected: BTreeSet<String> = documents(&nodes)
        .filter(|(_, n)| in_province(n) && period(n).is_some_and(|(a, b)| a <= to && b >= from))
        .map(|(id, _)| id.clone())
        .collect();
    assert!(
        expected.iter().any(|id| period(&nodes[id]) != Some((from, to))),
        "overlapping periods that are not equal to the range"
    );
    let dom = open(&path, &format!("province=now:{province}&from={from}&to={to}"));
    assert_eq!(drawn_documents(&dom), expected);
    assert_eq!(number(&dom, "docs"), expected.len());
    // Only a start: every period that ends in or after it.
    let since: usize = documents(&nodes)
        .filter(|(_, n)| period(n).is_some_and(|(_, b)| b >= 2025))
        .count();
    let dom = open(&path, "from=2025");
    assert_eq!(number(&dom, "docs"), since);
    // Kind, with the province.
    let kinds: BTreeSet<&str> = documents(&nodes)
        .filter_map(|(_, n)| n["document_kind"].as_str())
        .collect();
    assert!(kinds.len() > 1, "{kinds:?}");
    for kind in kinds {
        let expected: BTreeSet<String> = documents(&nodes)
            .filter(|(_, n)| in_province(n) && n["document_kind"] == kind)
            .map(|(id, _)| id.clone())
            .collect();
        let dom = open(&path, &format!("province=now:{province}&kind={kind}"));
        assert_eq!(drawn_documents(&dom), expected, "{kind}");
    }
}

#[test]
fn a_document_shows_its_neighbourhood_and_people_on_request() {
    if !have_chromium() {
        return;
    }
    let d = generated(400);
    let (nodes, links) = graph(&d);
    // A document that carries out another and is carried out in turn.
    let carries_out_a_document = |s: &str| {
        links.iter().any(|l| {
            l["relation"] == "IMPLEMENTS"
                && l["source"] == s
                && nodes[l["target"].as_str().unwrap()]["kind"] == "document"
        })
    };
    let doc = documents(&nodes)
        .map(|(id, _)| id)
        .find(|id| {
            carries_out_a_document(id)
                && links
                    .iter()
                    .any(|l| l["relation"] == "IMPLEMENTS" && l["target"] == id.as_str())
        })
        .expect("a document in the middle of a chain");
    let mut near: BTreeSet<String> = BTreeSet::new();
    let mut people: BTreeSet<String> = BTreeSet::new();
    for l in &links {
        let (s, t) = (l["source"].as_str().unwrap(), l["target"].as_str().unwrap());
        let other = if s == doc {
            t
        } else if t == doc {
            s
        } else {
            continue;
        };
        match nodes[other]["kind"].as_str().unwrap() {
            "document" | "instrument" => near.insert(other.to_string()),
            "person" | "organisation" => people.insert(other.to_string()),
            _ => false,
        };
    }
    assert!(!people.is_empty());
    let path = page(&d);
    let dom = open(&path, &format!("focus={doc}"));
    let keys: BTreeSet<String> = drawn(&dom).into_iter().map(|n| n.key).collect();
    assert!(keys.contains(doc));
    let missing: Vec<&String> = near.difference(&keys).collect();
    assert!(missing.is_empty(), "{doc}: neighbours not drawn: {missing:?}");
    assert!(keys.is_disjoint(&people), "people drawn without being asked for");
    // Its facts and the evidence of its links.
    assert!(dom.contains("—IMPLEMENTS→"), "the evidence panel");
    let dom = open(&path, &format!("focus={doc}&people=1"));
    let keys: BTreeSet<String> = drawn(&dom).into_iter().map(|n| n.key).collect();
    assert!(people.is_subset(&keys), "people and organisations asked for");
}

#[test]
fn the_page_is_the_same_bytes_for_the_same_corpus() {
    let d = seeded(&[]);
    let a = std::fs::read(page(&d)).unwrap();
    let b = std::fs::read(page(&d)).unwrap();
    assert_eq!(a, b);
}
