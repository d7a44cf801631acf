//! One document as cancu read it: a self-contained, offline HTML page with
//! the document's text, every citation mention, party, signatory, the own
//! number, the signing date, the province and the period marked where the
//! text says them, and the facts beside it.
//!
//! The text is written fully HTML-escaped (marks are the only markup added),
//! the data the page's script reads is JSON with `<`, `>` and `&` escaped,
//! and the script shows text with `textContent` only, so nothing a document
//! says can run as script or load anything. No `http` reference, no
//! external file: the same record and text give the same bytes.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::page;
use crate::extract::{Citation, Extraction, Form, Kind, Role};
use crate::graph::{Direction, EdgeKind, Graph};
use crate::ident;
use crate::ingest::Record;

/// A document a page names, linked when its page is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// What the reader sees: a path or a title.
    pub name: String,
    /// A relative reference to its page (a reference with a scheme, `:`,
    /// is not written).
    pub href: Option<String>,
    /// A word about it (`through 681/CTr-BGDĐT-HKHVN`).
    pub note: Option<String>,
}

impl Link {
    pub fn plain(name: impl Into<String>) -> Link {
        Link {
            name: name.into(),
            href: None,
            note: None,
        }
    }
}

/// What the page shows: the record, the text its spans count in (as
/// decoded), and what the graph says around it.
pub struct Page<'a> {
    pub record: &'a Record,
    pub text: &'a str,
    /// The documents that implement it (directly or through a chain).
    pub implemented_by: Vec<Link>,
    /// For each citation of the record (in its order), the other documents
    /// of the corpus that cite the same instrument.
    pub cited_by: Vec<Vec<Link>>,
}

/// Text made safe anywhere in HTML (element content and quoted attribute
/// values): markup characters as references, a carriage return as `&#13;`
/// (kept through parsing), the other C0 controls but tab and newline and DEL
/// as numeric references (NUL as U+FFFD). C1 controls stay as they are: a
/// reference to one would be read as a Windows-1252 character.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\0' => out.push('\u{FFFD}'),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// JSON that cannot close the script element it sits in.
pub fn json_in_script(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The file name of a document's page in a folder of pages: the path's
/// last 80 characters with everything but ASCII letters, digits, `-`, `_`
/// and `.` as `_`, then 8 hex digits of the path's BLAKE3 hash (two paths
/// never share a name), then `.html`. The same path always gives the same
/// name.
pub fn page_name(path: &str) -> String {
    let chars: Vec<char> = path.chars().collect();
    let tail = &chars[chars.len().saturating_sub(80)..];
    let safe: String = tail
        .iter()
        .map(|&c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut safe = safe;
    while safe.contains("..") {
        safe = safe.replace("..", "._");
    }
    let hash = blake3::hash(path.as_bytes()).to_hex();
    format!("doc-{}-{}.html", safe.trim_start_matches('.'), &hash[..8])
}

/// For each citation of the document `path`, the other documents of the
/// graph that cite the same instrument, by path in path order.
pub fn cited_by(g: &Graph, path: &str, citations: &[Citation]) -> Vec<Vec<String>> {
    let Some(doc) = g.document(path) else {
        return vec![Vec::new(); citations.len()];
    };
    let targets: Vec<_> = g
        .edges_of(doc, Direction::Outgoing)
        .filter(|e| matches!(e.kind, EdgeKind::Cites | EdgeKind::BasedOn | EdgeKind::Implements))
        .map(|e| e.target)
        .collect();
    citations
        .iter()
        .map(|c| {
            let key = ident::key(&c.id);
            let same = |t: &&crate::graph::NodeId| g.instrument_key(**t) == Some(key.as_str());
            let node = targets
                .iter()
                .filter(same)
                .find(|t| g.node(**t).province == c.scope.as_deref())
                .or_else(|| targets.iter().find(same));
            node.map(|&t| g.cited_by(t).filter(|p| *p != path).map(str::to_string).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// A serialised enum's name (`agreement`, `basis`, …).
fn form_word(f: Form) -> &'static str {
    match f {
        Form::Full => "full (number and symbol)",
        Form::Short => "short (number, resolved)",
        Form::Name => "by name (resolved through the catalogue)",
    }
}

fn role_word(r: Role) -> &'static str {
    match r {
        Role::Basis => "legal basis (preamble)",
        Role::Mention => "mentioned in the body",
    }
}

/// A marked span of the text: `[start, end)` characters, its class, its
/// tooltip, and the item of the page's data it shows.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
    item: usize,
    /// `data-cite="C"` on citation marks: the citation's position.
    cite: Option<usize>,
}

fn links_json(links: &[Link]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|l| {
                json!({
                    "name": l.name,
                    // Relative references only: nothing with a scheme.
                    "href": l.href.as_deref().filter(|h| !h.contains(':')),
                    "note": l.note,
                })
            })
            .collect(),
    )
}

fn link_html(l: &Link) -> String {
    let note = l
        .note
        .as_deref()
        .map(|n| format!(" <small>{}</small>", html_escape(n)))
        .unwrap_or_default();
    match l.href.as_deref().filter(|h| !h.contains(':')) {
        Some(h) => format!(r#"<a href="{}">{}</a>{note}"#, html_escape(h), html_escape(&l.name)),
        None => format!("{}{note}", html_escape(&l.name)),
    }
}

/// The marks and the items they show, in a fixed order: citations (each
/// mention), parties, signatories, then number, date, province, period.
fn marks_and_items(p: &Page) -> (Vec<Mark>, Vec<Value>) {
    let e = &p.record.extraction;
    let mut marks = Vec::new();
    let mut items = Vec::new();
    citation_marks(p, &mut marks, &mut items);
    party_marks(e, &mut marks, &mut items);
    signatory_marks(e, &mut marks, &mut items);
    fact_marks(p, &mut marks, &mut items);
    (marks, items)
}

/// Each citation's item and a mark at each of its mentions.
fn citation_marks(p: &Page, marks: &mut Vec<Mark>, items: &mut Vec<Value>) {
    let e = &p.record.extraction;
    for (ci, c) in e.citations.iter().enumerate() {
        let item = items.len();
        let mut fields = vec![json!(["form", form_word(c.form)]), json!(["role", role_word(c.role)])];
        for (k, v) in [
            ("type", c.kind.as_deref()),
            ("date", c.date.map(|d| d.to_string()).as_deref()),
            ("issuer", c.issuer.as_deref()),
            ("scope", c.scope.as_deref()),
            ("cue", c.cue.map(|x| x.as_str())),
        ] {
            if let Some(v) = v {
                fields.push(json!([k, v]));
            }
        }
        fields.push(json!(["as written", c.written]));
        fields.push(json!([
            "catalogue",
            if c.catalogued { "known" } else { "not catalogued" }
        ]));
        if !c.implements.is_empty() {
            fields.push(json!(["carries out", c.implements.join(", ")]));
        }
        if !c.pinpoints.is_empty() {
            fields.push(json!(["parts cited", c.pinpoints.join("; ")]));
        }
        fields.push(json!(["mentions", c.mentions.len()]));
        let cited_by = p.cited_by.get(ci).map(Vec::as_slice).unwrap_or(&[]);
        items.push(json!({
            "kind": "citation",
            "label": c.id,
            "fields": fields,
            "cited_by": links_json(cited_by),
        }));
        let title = format!(
            "{} · {} · {}{}",
            c.id,
            c.form.as_str(),
            c.role.as_str(),
            c.date.map(|d| format!(" · {d}")).unwrap_or_default()
        );
        let class = match c.role {
            Role::Basis => "m-basis",
            Role::Mention => "m-mention",
        };
        for &[start, end] in &c.mentions {
            marks.push(Mark {
                start,
                end,
                class,
                title: title.clone(),
                item,
                cite: Some(ci),
            });
        }
    }
}

/// Each party's item and its mark (none for one added by hand).
fn party_marks(e: &Extraction, marks: &mut Vec<Mark>, items: &mut Vec<Value>) {
    for party in &e.parties {
        let item = items.len();
        let mut fields = vec![json!(["organisation kind", party.kind])];
        if let Some(l) = party.level {
            fields.push(json!(["level", l.as_str()]));
        }
        if let Some(pr) = &party.province {
            fields.push(json!(["province", pr]));
        }
        items.push(json!({ "kind": "party", "label": party.name, "fields": fields }));
        marks.extend(named_mark(
            party.span,
            "m-party",
            format!("party: {}", party.name),
            item,
        ));
    }
}

/// The mark of a party or signatory at `span`; none for one added by hand,
/// which has no place in the text.
fn named_mark([start, end]: [usize; 2], class: &'static str, title: String, item: usize) -> Option<Mark> {
    (start < end).then_some(Mark {
        start,
        end,
        class,
        title,
        item,
        cite: None,
    })
}

/// Each signatory's item and its mark.
fn signatory_marks(e: &Extraction, marks: &mut Vec<Mark>, items: &mut Vec<Value>) {
    for s in &e.signatories {
        let item = items.len();
        let mut fields = Vec::new();
        for (k, v) in [("title", &s.title), ("rank", &s.rank), ("for", &s.party)] {
            if let Some(v) = v {
                fields.push(json!([k, v]));
            }
        }
        items.push(json!({ "kind": "signatory", "label": s.name, "fields": fields }));
        marks.extend(named_mark(
            s.span,
            "m-signatory",
            format!("signatory: {}", s.name),
            item,
        ));
    }
}

/// The number, date, province and period where the text writes them
/// (not those fixed by hand).
fn fact_marks(p: &Page, marks: &mut Vec<Mark>, items: &mut Vec<Value>) {
    let e = &p.record.extraction;
    let province = match (&e.province, &e.province_now) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} (today {b})")),
        (Some(a), _) => Some(a.clone()),
        _ => None,
    };
    let facts = [
        ("number", "m-number", e.number.clone(), e.spans.number),
        ("date", "m-date", e.date.map(|d| d.to_string()), e.spans.date),
        ("province", "m-province", province, e.spans.province),
        (
            "period",
            "m-period",
            e.period.map(|[a, b]| format!("{a}–{b}")),
            e.spans.period,
        ),
    ];
    for (what, class, value, span) in facts {
        let (Some(value), Some([start, end])) = (value, span) else {
            continue;
        };
        // A fact fixed by hand is not what the text says there.
        if p.record.corrected.iter().any(|c| c == what) {
            continue;
        }
        let item = items.len();
        items.push(json!({ "kind": what, "label": value, "fields": [] }));
        marks.push(Mark {
            start,
            end,
            class,
            title: format!("{what}: {value}"),
            item,
            cite: None,
        });
    }
}

/// The text, HTML-escaped, with the marks as `<mark>` elements properly
/// nested: a mark that crosses another's end is closed and reopened, so
/// one mark may be several elements with the same `data-m`. Marks outside
/// the text are left out.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = bytes.len() - 1;
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start < marks[i].end && marks[i].end <= n)
        .collect();
    // Longer marks outside shorter ones that start at the same place.
    order.sort_by_key(|&i| (marks[i].start, std::cmp::Reverse(marks[i].end), i));
    let mut cuts: Vec<usize> = order
        .iter()
        .flat_map(|&i| [marks[i].start, marks[i].end])
        .chain([0, n])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let open_tag = |i: usize| {
        let m = &marks[i];
        let cite = m.cite.map(|c| format!(r#" data-cite="{c}""#)).unwrap_or_default();
        format!(
            r#"<mark class="{}" data-m="{i}" data-i="{}"{cite} title="{}">"#,
            m.class,
            m.item,
            html_escape(&m.title)
        )
    };
    let mut out = String::with_capacity(text.len() * 11 / 10 + marks.len() * 80);
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // The marks covering [a, b), outermost first.
        while next < order.len() && marks[order[next]].start <= a {
            next += 1;
        }
        let want: Vec<usize> = order[..next].iter().copied().filter(|&i| marks[i].end >= b).collect();
        let keep = open.iter().zip(&want).take_while(|(x, y)| x == y).count();
        for _ in keep..open.len() {
            out.push_str("</mark>");
        }
        open.truncate(keep);
        for &i in &want[keep..] {
            out.push_str(&open_tag(i));
            open.push(i);
        }
        out.push_str(&html_escape(&text[bytes[a]..bytes[b]]));
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    out
}

const STYLE: &str = r#"
body { margin: 0; font-family: system-ui, sans-serif; color: #222; display: flex; flex-direction: column; height: 100vh; }
header { padding: 8px 14px; background: #f4f4f4; border-bottom: 1px solid #ccc; }
header h1 { font-size: 17px; margin: 0 0 4px 0; }
header .path { font-family: monospace; color: #555; font-size: 12px; }
.legend { font-size: 12px; color: #555; }
.legend span { display: inline-block; margin: 4px 8px 0 0; padding: 0 4px; border-radius: 3px; color: #222; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 380px; }
#text { margin: 0; padding: 12px 16px; overflow: auto; white-space: pre-wrap; word-wrap: break-word; font: 14px/1.55 Georgia, serif; }
aside { border-left: 1px solid #ccc; overflow: auto; padding: 8px 12px; font-size: 13px; }
aside h2 { font-size: 15px; margin: 10px 0 4px 0; }
dl { display: grid; grid-template-columns: 112px 1fr; gap: 2px 8px; margin: 0; }
dt { color: #666; } dd { margin: 0; }
ul { margin: 2px 0; padding-left: 18px; }
mark { background: none; color: inherit; border-bottom: 2px solid; cursor: pointer; padding: 0 1px; }
mark.m-basis { background: #fde0c5; border-color: #e6550d; }
mark.m-mention { background: #fff1b8; border-color: #d4a017; }
mark.m-party { background: #dff0d8; border-color: #31a354; }
mark.m-signatory { background: #e6e0f5; border-color: #756bb1; }
mark.m-number, mark.m-date, mark.m-period { background: #dbeaf7; border-color: #3182bd; }
.corrected { font-size: 0.8em; background: #fde68a; color: #7c2d12; border-radius: 3px; padding: 0 0.3em; margin-left: 0.3em; }
mark.m-province { background: #f9d9d9; border-color: #de2d26; }
mark.sel { outline: 2px solid #000; }
.fact { cursor: pointer; border-bottom: 1px dotted #888; }
#detail { background: #fafafa; border: 1px solid #ddd; padding: 6px 8px; margin-top: 6px; min-height: 40px; }
#detail p { margin: 2px 0; }
small { color: #666; }
"#;

/// The page's script, after [`page::SCRIPT_OPENING`].
const SCRIPT: &str = r#"  var data = JSON.parse(document.getElementById('page-data').textContent);
  var detail = document.getElementById('detail');
  function add(parent, tag, text) { var e = document.createElement(tag); if (text !== undefined) { e.textContent = text; } parent.appendChild(e); return e; }
  function show(i) {
    var item = data.items[i];
    if (!item) { return; }
    detail.replaceChildren();
    add(detail, 'h2', item.kind + ': ' + item.label);
    item.fields.forEach(function (f) { add(detail, 'p', f[0] + ': ' + f[1]); });
    if (item.cited_by) {
      add(detail, 'p', item.cited_by.length ? 'Also cited by ' + item.cited_by.length + ' document(s) of the corpus:' : 'No other document of the corpus cites it.');
      var ul = add(detail, 'ul');
      item.cited_by.forEach(function (l) {
        var li = add(ul, 'li');
        if (l.href) { var a = add(li, 'a', l.name); a.setAttribute('href', l.href); } else { li.textContent = l.name; }
      });
    }
    document.querySelectorAll('mark.sel').forEach(function (m) { m.classList.remove('sel'); });
    var marks = document.querySelectorAll('mark[data-i="' + i + '"]');
    marks.forEach(function (m) { m.classList.add('sel'); });
    return marks;
  }
  document.getElementById('text').addEventListener('click', function (e) {
    var m = e.target.closest('mark');
    if (m) { show(Number(m.dataset.i)); }
  });
  document.querySelectorAll('.fact').forEach(function (f) {
    f.addEventListener('click', function () {
      var marks = show(Number(f.dataset.i));
      if (marks && marks.length) { marks[0].scrollIntoView({ block: 'center' }); }
    });
  });
  // A link may name what to show: `page.html#item-3`.
  var wanted = /^#item-(\d+)$/.exec(location.hash);
  if (wanted) {
    var shown = show(Number(wanted[1]));
    if (shown && shown.length) { shown[0].scrollIntoView({ block: 'center' }); }
  }
  document.getElementById('marks').textContent = String(document.querySelectorAll('#text mark').length);
  document.body.dataset.status = 'ready';
})();
"#;

/// Write the page.
pub fn write_page(p: &Page, out: &mut dyn Write) -> io::Result<()> {
    let r = p.record;
    let e = &r.extraction;
    let (marks, items) = marks_and_items(p);
    let facts = facts_panel(p, &items);
    let (parties, signatories) = people_panels(e);
    let citations = citations_panel(p);
    let implemented = html_list(p.implemented_by.iter().map(link_html).collect());
    let notes = notes_panel(e);
    let data = json!({ "items": items });
    let heading = e.title.clone().unwrap_or_else(|| r.path.clone());
    write!(
        out,
        r#"{page_head}<h1>{title}</h1>
<div class="path">{path} · read as {format} ({encoding}) · <span id="marks">0</span> marks</div>
<div class="legend"><span style="background:#fde0c5">legal basis</span><span style="background:#fff1b8">mention</span><span style="background:#dff0d8">party</span><span style="background:#e6e0f5">signatory</span><span style="background:#dbeaf7">number, date, period</span><span style="background:#f9d9d9">province</span> · unmarked text is what cancu did not read as any of these</div>
</header>
<main>
<pre id="text"><span id="top"></span>{text}</pre>
<aside>
<h2>Facts</h2>
<dl>
{facts}</dl>
<div id="detail"><p>Click a marked passage or a fact to see what cancu read there.</p></div>
{citations}
<h2>Implemented by ({implemented_n})</h2>{implemented}
<h2>Parties ({parties_n})</h2>{parties}
<h2>Signatories ({signatories_n})</h2>{signatories}
{notes}
</aside>
</main>
<script type="application/json" id="page-data">{data}</script>
<script>{opening}{SCRIPT}</script>
</body>
</html>
"#,
        page_head = page::head_styled(&format!("{} — cancu", html_escape(&heading)), STYLE),
        opening = page::SCRIPT_OPENING,
        title = html_escape(&heading),
        path = html_escape(&r.path),
        format = html_escape(r.format.as_str()),
        encoding = html_escape(r.encoding.as_str()),
        text = marked_text(p.text, &marks),
        implemented_n = p.implemented_by.len(),
        parties_n = e.parties.len(),
        signatories_n = e.signatories.len(),
        data = json_in_script(&data),
    )
}

/// An HTML list of links, or a dash for none.
fn html_list(links: Vec<String>) -> String {
    if links.is_empty() {
        "<p>—</p>".to_string()
    } else {
        format!(
            "<ul>{}</ul>",
            links.iter().map(|l| format!("<li>{l}</li>")).collect::<String>()
        )
    }
}

/// A passage of the panel that shows item `i` of the page's data.
fn item_link(i: usize, text: String) -> String {
    format!(r#"<span class="fact" data-i="{i}">{text}</span>"#)
}

/// The facts panel: kind, title, number, date, province (as written and
/// today's), period, parent, author; each fact linked to its mark, a fact
/// fixed by hand badged so.
fn facts_panel(p: &Page, items: &[Value]) -> String {
    let r = p.record;
    let e = &r.extraction;
    // Each fact in the panel shows its mark when it has one.
    let item_of = |kind: &str| {
        items
            .iter()
            .position(|it| it["kind"] == kind)
            .map(|i| format!(r#" class="fact" data-i="{i}" title="show where the text says it""#))
            .unwrap_or_default()
    };
    let dash = |v: Option<&str>| html_escape(v.unwrap_or("—"));
    let mut facts = String::new();
    let mut row = |k: &str, attrs: String, v: String| {
        // A fact fixed by hand through a corrections file says so.
        let fact = match k {
            "signed" | "published" => "date",
            k => k,
        };
        let badge = if r.corrected.iter().any(|c| c == fact) {
            r#" <span class="corrected" title="fixed by hand in the corrections file">corrected</span>"#
        } else {
            ""
        };
        facts.push_str(&format!("<dt>{k}</dt><dd><span{attrs}>{v}</span>{badge}</dd>\n"));
    };
    row("kind", String::new(), html_escape(e.kind.as_str()));
    row("title", String::new(), dash(e.title.as_deref()));
    row("number", item_of("number"), dash(e.number.as_deref()));
    row(
        if e.kind == Kind::News { "published" } else { "signed" },
        item_of("date"),
        dash(e.date.map(|d| d.to_string()).as_deref()),
    );
    row("province", item_of("province"), dash(e.province.as_deref()));
    row("province today", String::new(), dash(e.province_now.as_deref()));
    row(
        "period",
        item_of("period"),
        html_escape(&e.period.map_or("—".to_string(), |[a, b]| format!("{a}–{b}"))),
    );
    row("parent", String::new(), dash(e.parent.as_deref()));
    if let Some(a) = &e.author {
        row("author", String::new(), html_escape(a));
    }
    if !r.corrected.is_empty() {
        row("corrected by hand", String::new(), html_escape(&r.corrected.join("; ")));
    }
    facts
}

/// The parties and the signatories, each linked to its item.
fn people_panels(e: &Extraction) -> (String, String) {
    let mut next_item = e.citations.len();
    let parties = html_list(
        e.parties
            .iter()
            .map(|x| {
                let i = next_item;
                next_item += 1;
                item_link(i, html_escape(&x.name))
            })
            .collect(),
    );
    let signatories = html_list(
        e.signatories
            .iter()
            .map(|s| {
                let i = next_item;
                next_item += 1;
                let role: Vec<&str> = [s.rank.as_deref(), s.title.as_deref()].into_iter().flatten().collect();
                let role = if role.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", role.join(" "))
                };
                item_link(i, html_escape(&format!("{}{role}", s.name)))
            })
            .collect(),
    );
    (parties, signatories)
}

/// The citations by role, each with how many other documents cite it.
fn citations_panel(p: &Page) -> String {
    let e = &p.record.extraction;
    let mut citations = String::new();
    for (role, heading) in [
        (Role::Basis, "Legal basis (preamble)"),
        (Role::Mention, "Mentioned in the body"),
    ] {
        let here: Vec<String> = e
            .citations
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role == role)
            .map(|(i, c)| {
                let others = p.cited_by.get(i).map_or(0, Vec::len);
                item_link(
                    i,
                    format!(
                        "{} <small>{} · cited by {others} other(s)</small>",
                        html_escape(&c.id),
                        html_escape(c.form.as_str())
                    ),
                )
            })
            .collect();
        citations.push_str(&format!("<h2>{heading} ({})</h2>{}", here.len(), html_list(here)));
    }
    citations
}

/// The diagnostics, when there are any.
fn notes_panel(e: &Extraction) -> String {
    let notes: String = e
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "<li>{} <small>({})</small></li>",
                html_escape(&d.message),
                html_escape(&d.code)
            )
        })
        .collect();
    if notes.is_empty() {
        String::new()
    } else {
        format!("<h2>Notes</h2><ul>{notes}</ul>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, item: usize) -> Mark {
        Mark {
            start,
            end,
            class: "m-party",
            title: String::new(),
            item,
            cite: None,
        }
    }

    /// The text of each mark, its pieces joined, from the written HTML.
    fn pieces(html: &str) -> Vec<(usize, String)> {
        let doc = scraper::Html::parse_fragment(html);
        let sel = scraper::Selector::parse("mark").unwrap();
        let mut out: Vec<(usize, String)> = Vec::new();
        for m in doc.select(&sel) {
            let i: usize = m.value().attr("data-m").unwrap().parse().unwrap();
            // Only the mark's own text: its nested marks are counted apart.
            let own: String = m.text().collect();
            match out.iter_mut().find(|x| x.0 == i) {
                Some(x) => x.1.push_str(&own),
                None => out.push((i, own)),
            }
        }
        out.sort();
        out
    }

    #[test]
    fn crossing_and_nested_marks_keep_their_text() {
        let text = "Hội Khuyến học tỉnh Bến Tre <b>&";
        // A party, the province inside it, a mark crossing the party's end,
        // one out of range, one empty.
        let marks = [
            mark(0, 27, 0),
            mark(20, 27, 1),
            mark(24, 31, 2),
            mark(30, 99, 3),
            mark(5, 5, 4),
        ];
        let html = marked_text(text, &marks);
        assert!(!html.contains("<b>"), "{html}");
        let chars: Vec<char> = text.chars().collect();
        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        assert_eq!(
            pieces(&html),
            vec![(0, slice(0, 27)), (1, slice(20, 27)), (2, slice(24, 31))]
        );
        let plain = scraper::Html::parse_fragment(&html)
            .root_element()
            .text()
            .collect::<String>();
        assert_eq!(plain, text);
    }

    #[test]
    fn escaping_is_inert_and_keeps_carriage_returns() {
        assert_eq!(
            html_escape("</script><img src=x onerror=\"a('1')\">\r\n\u{1}\0\u{7f}\u{85}"),
            "&lt;/script&gt;&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&#13;\n&#1;\u{FFFD}&#127;\u{85}"
        );
        assert_eq!(json_in_script(&json!("</script>&")), r#""\u003c/script\u003e\u0026""#);
    }

    #[test]
    fn page_names_are_safe_distinct_and_stable() {
        let a = page_name("corpus/003_798d9b088e52fc0e.txt");
        assert!(
            a.starts_with("doc-corpus_003_798d9b088e52fc0e.txt-") && a.ends_with(".html"),
            "{a}"
        );
        assert_eq!(a, page_name("corpus/003_798d9b088e52fc0e.txt"));
        for hostile in ["../../etc/passwd", "a/b c?.txt", "Đắk Nông/..txt", "x:y\\z"] {
            let n = page_name(hostile);
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
                "{n}"
            );
            assert!(!n.starts_with('.') && !n.contains(".."), "{n}");
        }
        assert_ne!(page_name("a/b.txt"), page_name("a_b.txt"));
    }
}
