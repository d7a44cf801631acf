//! `cancu show --text`, `cancu show --html` and `cancu check --format html`:
//! the pages loaded in headless Chromium, their DOM read back.

use std::path::Path;
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::util::*;

const SEEDS: &[&str] = &[
    "000_3e04f7b4aea0b5e4.txt",
    "001_90fff97920079c35.txt",
    "002_2d9da3428af69006.txt",
    "003_798d9b088e52fc0e.txt",
    "004_f7e41c7e93cfee71.txt",
];

/// A document whose every part is hostile to HTML: a script that closes
/// its element, an image whose error handler would run, quotes, entities.
const HOSTILE: &str = "CHƯƠNG TRÌNH PHỐI HỢP\n\
Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Bến Tre </script><script>document.body.dataset.pwned='1'</script>\n\
giai đoạn 2024 - 2030\n\n\
Căn cứ Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN ngày 15 tháng 3 năm 2024 \"<img src=x onerror=\"document.body.dataset.pwned='1'\">\";\n\n\
I. MỤC ĐÍCH\r\n\r\n\
Thực hiện Chỉ thị số 11-CT/TW <b onmouseover='x'>&amp; &lt;i&gt;</b> ' \" </textarea></pre><!-- -->\n";

/// Whether Chromium runs here (in CI it must).
fn chromium() -> bool {
    let ok = Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "chromium must be installed in CI");
        eprintln!("chromium is not installed: the page is not loaded in a browser");
    }
    ok
}

/// The page loaded in headless Chromium: its DOM after the scripts ran,
/// and the console messages.
fn load(page: &Path, extra: &[&str]) -> (String, Vec<String>) {
    load_url(&format!("file://{}", page.display()), extra)
}

fn load_url(url: &str, extra: &[&str]) -> (String, Vec<String>) {
    let o = crate::util::chromium_dom(url, 5000, extra);
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let console = String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect();
    (dom, console)
}

/// The page finished its script with no error and no console message.
fn assert_clean(name: &str, dom: &str, console: &[String]) {
    assert!(
        dom.contains(r#"data-status="ready""#),
        "{name}: the page did not finish"
    );
    assert!(dom.contains(r#"data-errors="0""#), "{name}: script errors on the page");
    assert!(console.is_empty(), "{name}: console messages: {console:?}");
    assert!(
        !dom.contains("data-pwned"),
        "{name}: text from a document ran as script"
    );
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Each mark of the text (by `data-m`): its class, `data-cite`, where it
/// starts (characters into the text) and its text, pieces joined.
#[derive(Debug, Clone, PartialEq)]
struct Marked {
    m: usize,
    class: String,
    cite: Option<usize>,
    start: usize,
    text: String,
}

fn marks(text_el: ElementRef) -> (String, Vec<Marked>) {
    let mut all = String::new();
    let mut out: Vec<Marked> = Vec::new();
    let mut at = 0;
    for node in text_el.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        for a in node.ancestors() {
            let Some(e) = ElementRef::wrap(a) else {
                continue;
            };
            if e.id() == text_el.id() {
                break;
            }
            if e.value().name() != "mark" {
                continue;
            }
            let m: usize = e.value().attr("data-m").unwrap().parse().unwrap();
            match out.iter_mut().find(|x| x.m == m) {
                Some(x) => x.text.push_str(t),
                None => out.push(Marked {
                    m,
                    class: e.value().attr("class").unwrap().split(' ').next().unwrap().to_string(),
                    cite: e.value().attr("data-cite").map(|c| c.parse().unwrap()),
                    start: at,
                    text: t.to_string(),
                }),
            }
        }
        at += t.chars().count();
        all.push_str(t);
    }
    out.sort_by_key(|x| x.m);
    (all, out)
}

/// Where two texts first differ (the texts are long).
fn same_text(name: &str, got: &str, want: &str) {
    if got != want {
        let at = got.chars().zip(want.chars()).take_while(|(a, b)| a == b).count();
        let near = |s: &str| s.chars().skip(at.saturating_sub(20)).take(60).collect::<String>();
        panic!("{name}: differs at character {at}: {:?} vs {:?}", near(got), near(want));
    }
}

fn slice(text: &str, [a, b]: [usize; 2]) -> String {
    text.chars().skip(a).take(b - a).collect()
}

fn span(v: &Value) -> [usize; 2] {
    [v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize]
}

#[test]
fn show_text_prints_the_text_as_indexed() {
    let d = seeded(&[(
        "050_control.txt",
        "Tin khuyến học\n\nDòng một\u{1b}[31m đỏ\nDòng hai\u{202e}ngược",
    )]);
    assert!(d.cancu(&["index"]).status.success());
    let o = d.cancu(&["show", SEEDS[3], "--text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = std::fs::read_to_string(d.path().join("corpus").join(SEEDS[3])).unwrap();
    assert_eq!(stdout(&o), file);
    // Control characters reach the terminal visible, newlines as they are.
    let o = d.cancu(&["show", "050_control.txt", "--text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
        "{out:?}"
    );
    assert!(out.ends_with("đỏ\nDòng hai\\u{202e}ngược"), "{out:?}");
    let o = d.cancu(&["show", SEEDS[3], "--text", "--json"]);
    assert!(!o.status.success(), "--text and --json together");
}

#[test]
fn annotated_seed_pages_mark_every_citation_at_its_span() {
    let d = seeded(&[]);
    assert!(d.cancu(&["index"]).status.success());
    let records = ndjson(&d.cancu(&["extract", "--json", "corpus"]));
    assert_eq!(records.len(), SEEDS.len());
    let browser = chromium();
    for (seed, r) in SEEDS.iter().zip(&records) {
        let page = d.path().join(format!("{seed}.html"));
        let o = d.cancu(&["show", seed, "--html", "-o", page.to_str().unwrap()]);
        assert!(o.status.success(), "{seed}: {}", stderr(&o));
        let html = std::fs::read_to_string(&page).unwrap();
        // The same record gives the same bytes, and nothing is fetched.
        let again = d.cancu(&["show", seed, "--html"]);
        assert_eq!(again.stdout, html.as_bytes(), "{seed}: not deterministic");
        assert!(
            !html.to_ascii_lowercase().contains("http"),
            "{seed}: a reference out of the page"
        );
        let dom = if browser {
            let (dom, console) = load(&page, &[]);
            assert_clean(seed, &dom, &console);
            dom
        } else {
            html
        };
        let doc = Html::parse_document(&dom);
        let text_el = doc.select(&sel("#text")).next().expect("the text");
        let (shown, marked) = marks(text_el);
        let file = std::fs::read_to_string(d.path().join("corpus").join(seed)).unwrap();
        same_text(seed, &shown, &file);
        // Every mention of every citation, in order, exactly at its span.
        let citations = r["citations"].as_array().unwrap();
        assert!(!citations.is_empty(), "{seed}: the seeds cite");
        for (ci, c) in citations.iter().enumerate() {
            let got: Vec<(usize, String)> = marked
                .iter()
                .filter(|m| m.cite == Some(ci))
                .map(|m| (m.start, m.text.clone()))
                .collect();
            let want: Vec<(usize, String)> = c["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (span(s)[0], slice(&file, span(s))))
                .collect();
            assert_eq!(got, want, "{seed}: mentions of {}", c["id"]);
        }
        // Parties, signatories and the facts with a span too.
        for (list, class) in [("parties", "m-party"), ("signatories", "m-signatory")] {
            let got: Vec<(usize, String)> = marked
                .iter()
                .filter(|m| m.class == class)
                .map(|m| (m.start, m.text.clone()))
                .collect();
            let want: Vec<(usize, String)> = r[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (span(&p["span"])[0], slice(&file, span(&p["span"]))))
                .collect();
            assert_eq!(got, want, "{seed}: {list}");
        }
        for fact in ["number", "date", "province", "period"] {
            let got: Vec<String> = marked
                .iter()
                .filter(|m| m.class == format!("m-{fact}"))
                .map(|m| m.text.clone())
                .collect();
            let want: Vec<String> = r["spans"]
                .get(fact)
                .map(|s| slice(&file, span(s)))
                .into_iter()
                .collect();
            assert_eq!(got, want, "{seed}: {fact}");
        }
        if browser && *seed == SEEDS[3] {
            // A link names the citation to show: its facts and who else cites it.
            let (dom, console) = load_url(&format!("file://{}#item-3", page.display()), &[]);
            assert_clean(seed, &dom, &console);
            let detail: String = Html::parse_document(&dom)
                .select(&sel("#detail"))
                .next()
                .unwrap()
                .text()
                .collect();
            let c = &r["citations"][3];
            assert!(
                detail.contains(&format!("citation: {}", c["id"].as_str().unwrap())),
                "{detail}"
            );
            let others = records
                .iter()
                .filter(|x| x["path"] != r["path"])
                .filter(|x| x["citations"].as_array().unwrap().iter().any(|y| y["id"] == c["id"]))
                .count();
            assert!(others > 0, "the seeds cite {} more than once", c["id"]);
            assert!(
                detail.contains(&format!("Also cited by {others} document(s)")),
                "{detail}"
            );
        }
        // The facts panel: province as written and today's, parent.
        let facts: String = doc.select(&sel("aside dl")).next().unwrap().text().collect();
        for key in ["province", "province_now", "parent"] {
            if let Some(v) = r[key].as_str() {
                assert!(facts.contains(v), "{seed}: {key} {v} not among the facts");
            }
        }
    }
}

#[test]
fn hostile_text_is_inert_on_the_annotated_page() {
    let name = "031_<i>'\"&amp.txt";
    let d = seeded(&[(name, HOSTILE)]);
    assert!(d.cancu(&["index"]).status.success());
    let page = d.path().join("hostile.html");
    let o = d.cancu(&["show", name, "--html", "-o", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<img") && !html.contains("</script><script>document"),
        "unescaped text"
    );
    let dom = if chromium() {
        let (dom, console) = load(&page, &[]);
        assert_clean("hostile", &dom, &console);
        dom
    } else {
        html
    };
    let doc = Html::parse_document(&dom);
    assert_eq!(doc.select(&sel("img")).count(), 0, "an image from the text");
    assert_eq!(doc.select(&sel("#text b, #text i, #text textarea")).count(), 0);
    let (shown, marked) = marks(doc.select(&sel("#text")).next().unwrap());
    // A carriage return is written as a reference, so the page keeps it (the
    // DOM as dumped writes it raw, and a parser reads CR LF back as LF).
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("MỤC ĐÍCH&#13;\n&#13;\n"));
    same_text("hostile", &shown, &HOSTILE.replace("\r\n", "\n"));
    assert!(shown.contains("<img src=x onerror="));
    assert!(
        marked.iter().any(|m| m.text.contains("02/CTr-BGDĐT-HKHVN")),
        "{marked:?}"
    );
    let header: String = doc.select(&sel("header .path")).next().unwrap().text().collect();
    assert!(header.contains(&format!("corpus/{name}")), "{header}");
}

#[test]
fn check_page_loads_with_the_json_summary_a_sortable_table_and_a_chart() {
    let extra: Vec<(String, String)> = std::fs::read_dir(root().join("tests/data/check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                format!("check/{}", p.file_name().unwrap().to_str().unwrap()),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .chain([("031_<i>'\"&amp.txt".to_string(), HOSTILE.to_string())])
        .collect();
    let extra: Vec<(&str, &str)> = extra.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let d = seeded(&extra);
    assert!(d.cancu(&["index"]).status.success());
    let json: Value = serde_json::from_slice(&d.cancu(&["check", "--format", "json"]).stdout).unwrap();
    let summary = &json["summary"];
    assert!(summary["fail"].as_u64().unwrap() > 0, "some document fails: {summary}");
    let o = d.cancu(&[
        "check",
        "--format",
        "html",
        "-o",
        "out/report.html",
        "--html-dir",
        "out/pages",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = d.path().join("out/report.html");
    let html = std::fs::read_to_string(&report).unwrap();
    d.cancu(&[
        "check",
        "--format",
        "html",
        "-o",
        "out/again.html",
        "--html-dir",
        "out/pages",
    ]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("out/again.html")).unwrap(),
        html,
        "the same corpus, the same page"
    );
    assert!(
        !html.to_ascii_lowercase().contains("http"),
        "a reference out of the page"
    );
    assert!(
        !d.cancu(&["check", "--html-dir", "x"]).status.success(),
        "--html-dir without html"
    );
    let browser = chromium();
    let dom = if browser {
        let (dom, console) = load(&report, &[]);
        assert_clean("report", &dom, &console);
        dom
    } else {
        html
    };
    let doc = Html::parse_document(&dom);
    let number = |id: &str| -> u64 {
        let t: String = doc.select(&sel(&format!("#sum-{id}"))).next().unwrap().text().collect();
        t.parse().unwrap()
    };
    for (id, key) in [
        ("documents", "documents"),
        ("pass", "pass"),
        ("fail", "fail"),
        ("not-applicable", "not_applicable"),
        ("skipped", "skipped"),
        ("errors", "errors"),
        ("warnings", "warnings"),
    ] {
        assert_eq!(number(id), summary[key].as_u64().unwrap(), "{id}");
    }
    assert!(
        doc.select(&sel("svg rect.bar-fail")).count() > 0,
        "a chart with failures"
    );
    assert_eq!(doc.select(&sel("img")).count(), 0);
    // Every document is a row, linked to its page, which exists.
    let rows: Vec<ElementRef> = doc.select(&sel("#docs tbody tr")).collect();
    assert_eq!(rows.len() as u64, summary["documents"].as_u64().unwrap());
    for row in &rows {
        let a = row
            .select(&sel("td.doc a"))
            .next()
            .expect("a link to the document's page");
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with("pages/doc-"), "{href}");
        assert!(d.path().join("out").join(href).is_file(), "{href}");
    }
    // The pages link each other: every document citing the same instrument.
    let seed_page = std::fs::read_to_string(
        d.path().join("out").join(
            rows.iter()
                .find_map(|r| {
                    let a = r.select(&sel("td.doc a")).next()?;
                    let t: String = a.text().collect();
                    (t == format!("corpus/{}", SEEDS[3])).then(|| a.value().attr("href").unwrap().to_string())
                })
                .unwrap(),
        ),
    )
    .unwrap();
    let data: String = Html::parse_document(&seed_page)
        .select(&sel("#page-data"))
        .next()
        .unwrap()
        .text()
        .collect();
    let data: Value = serde_json::from_str(&data).unwrap();
    let links: Vec<&Value> = data["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["cited_by"].as_array())
        .flatten()
        .collect();
    assert!(!links.is_empty());
    for l in links {
        let href = l["href"].as_str().expect("a link to a judged document");
        assert!(d.path().join("out/pages").join(href).is_file(), "{href}");
    }
    // Each finding with its excerpt, the text that shows it highlighted.
    let failing: Vec<&Value> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["status"] == "fail")
        .collect();
    let excerpts: Vec<String> = doc
        .select(&sel(".finding .excerpt mark"))
        .map(|m| m.text().collect())
        .collect();
    let findings = failing
        .iter()
        .flat_map(|x| x["outcomes"].as_array().unwrap())
        .filter(|o| o["status"] == "fail");
    for f in findings {
        for e in f["evidence"].as_array().unwrap() {
            if let Some(t) = e["location"]["text"].as_str() {
                let first = t.lines().next().unwrap().trim();
                assert!(excerpts.iter().any(|x| x == first), "{first} not highlighted");
            }
        }
    }
    if !browser {
        return;
    }
    // A link names the verdict to show.
    let (dom, console) = load_url(&format!("file://{}#verdict=fail", report.display()), &[]);
    assert_clean("report#verdict=fail", &dom, &console);
    let shown = Html::parse_document(&dom)
        .select(&sel("#docs tbody tr"))
        .filter(|r| r.value().attr("hidden").is_none())
        .count();
    assert_eq!(Some(shown as u64), summary["fail"].as_u64());
    // Sorted and filtered as a reader would: a click on the findings
    // header (twice: descending), then the verdict `fail`.
    let probe = d.path().join("out/probe.html");
    std::fs::write(
        &probe,
        r#"<!DOCTYPE html><html><body><iframe id="f" src="report.html"></iframe><script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument;
  var th = d.querySelectorAll('#docs th')[8];
  th.click(); th.click();
  var order = Array.prototype.map.call(d.querySelectorAll('#docs tbody tr'), function (r) { return [r.cells[0].textContent, Number(r.cells[8].textContent)]; });
  var v = d.getElementById('verdict'); v.value = 'fail'; v.dispatchEvent(new Event('change'));
  var shown = Array.prototype.filter.call(d.querySelectorAll('#docs tbody tr'), function (r) { return !r.hidden; }).length;
  var f = d.getElementById('filter'); f.value = 'dak nong'; f.dispatchEvent(new Event('input'));
  var both = d.getElementById('shown').textContent;
  var out = document.createElement('pre'); out.id = 'result';
  out.textContent = JSON.stringify({ order: order, shown: shown, both: Number(both) });
  document.body.appendChild(out);
});
</script></body></html>"#,
    )
    .unwrap();
    let (dom, console) = load(&probe, &["--allow-file-access-from-files"]);
    assert!(console.is_empty(), "console messages: {console:?}");
    let doc = Html::parse_document(&dom);
    let result: String = doc
        .select(&sel("#result"))
        .next()
        .expect("the probe ran")
        .text()
        .collect();
    let result: Value = serde_json::from_str(&result).unwrap();
    let order: Vec<(String, u64)> = result["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x[0].as_str().unwrap().to_string(), x[1].as_u64().unwrap()))
        .collect();
    assert_eq!(order.len(), rows.len());
    assert!(
        order.windows(2).all(|w| w[0].1 >= w[1].1),
        "findings descending: {order:?}"
    );
    for x in json["documents"].as_array().unwrap() {
        let findings = x["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == "fail")
            .count() as u64;
        assert!(order.contains(&(x["path"].as_str().unwrap().to_string(), findings)));
    }
    assert_eq!(result["shown"].as_u64(), summary["fail"].as_u64(), "the verdict filter");
    let dak_nong_failing = failing
        .iter()
        .filter(|x| x["province"].as_str() == Some("Đắk Nông"))
        .count() as u64;
    assert_eq!(
        result["both"].as_u64(),
        Some(dak_nong_failing),
        "text and verdict filters"
    );
}

#[test]
fn check_html_dir_from_paths_writes_each_judged_documents_page() {
    let d = seeded(&[]);
    std::fs::create_dir(d.path().join("r")).unwrap();
    let o = d.cancu(&[
        "check",
        "corpus",
        "--format",
        "html",
        "-o",
        "r/report.html",
        "--html-dir",
        "p",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!d.path().join("index").exists(), "paths are judged without an index");
    let html = std::fs::read_to_string(d.path().join("r/report.html")).unwrap();
    let doc = Html::parse_document(&html);
    let hrefs: Vec<String> = doc
        .select(&sel("td.doc a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs.len(), SEEDS.len());
    for (href, seed) in hrefs.iter().zip(SEEDS) {
        // Relative to the report's folder.
        assert!(href.starts_with("../p/doc-corpus_"), "{href}");
        let page = std::fs::read_to_string(d.path().join("r").join(href)).unwrap();
        let file = std::fs::read_to_string(d.path().join("corpus").join(seed)).unwrap();
        let (shown, _) = marks(Html::parse_document(&page).select(&sel("#text")).next().unwrap());
        same_text(seed, &shown, &file);
    }
}
