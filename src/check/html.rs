//! The compliance report as one self-contained page for people who never
//! open a terminal: the summary (by province, as written and today's, and
//! by level, with a small inline SVG chart), then a table of the documents
//! a reader sorts (click a header) and filters (a text box, a verdict),
//! each finding with its rule, what was expected, what was found and the
//! excerpt with the text that shows it highlighted.
//!
//! Everything from documents is HTML-escaped; the inline script only sorts
//! and hides rows. No network, no external file, no timestamp: the same
//! report gives the same bytes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{DocReport, Evidence, Outcome, Report, Status};
use crate::export::annotate::html_escape;
use crate::export::page;
use crate::extract::Kind;
use crate::graph::coverage::{Coverage, View};
use crate::text::name_key;

/// What the page needs beyond the report.
pub struct HtmlOptions<'a> {
    /// Today's province of a province as written.
    pub now: &'a dyn Fn(&str) -> Option<String>,
    /// The relative reference of a document's annotated page, when written.
    pub page: &'a dyn Fn(&str) -> Option<String>,
    /// The coverage of the national programmes the rules expect.
    pub coverage: &'a [Coverage],
}

/// The provinces covered (with their count of documents and units) and
/// not, one table per programme.
fn coverage_tables(all: &[Coverage]) -> String {
    if all.is_empty() {
        return "<p><small>No national programme the rules expect is implemented by a document of the corpus.</small></p>".into();
    }
    let mut out = String::new();
    for c in all {
        let total = |v: &View| v.covered.len() + v.uncovered.len();
        out.push_str(&format!(
            "<h3>{} <small>covered {} of {} provinces until 30 June 2025, {} of {} since 1 July 2025</small></h3>\n<table class=\"coverage\"><thead><tr><th></th><th>covered</th><th>not covered</th></tr></thead><tbody>\n",
            html_escape(&c.id),
            c.before.covered.len(),
            total(&c.before),
            c.after.covered.len(),
            total(&c.after)
        ));
        for (title, v) in [("until 30 June 2025", &c.before), ("since 1 July 2025", &c.after)] {
            let covered: Vec<String> = v
                .covered
                .iter()
                .map(|p| {
                    let units = if p.units.is_empty() {
                        String::new()
                    } else {
                        let u: Vec<String> = p.units.iter().map(|u| html_escape(u)).collect();
                        format!(": {}", u.join(", "))
                    };
                    format!("{} ({}{units})", html_escape(&p.province), p.documents.len())
                })
                .collect();
            let uncovered: Vec<String> = v.uncovered.iter().map(|p| html_escape(p)).collect();
            out.push_str(&format!(
                "<tr><td>{title}</td><td>{}</td><td>{}</td></tr>\n",
                covered.join(", "),
                uncovered.join(", ")
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    out
}

/// Pass, fail and not-applicable counts of one group.
#[derive(Default, Clone, Copy)]
struct Tally {
    pass: usize,
    fail: usize,
    na: usize,
}

impl Tally {
    fn add(&mut self, s: Status) {
        match s {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::NotApplicable => self.na += 1,
        }
    }

    fn total(&self) -> usize {
        self.pass + self.fail + self.na
    }
}

/// Groups in the order people look names up: by their key without marks
/// (`Đắk Nông` beside `Đà Nẵng`), then as written; none last.
fn grouped(r: &Report, group: impl Fn(&DocReport) -> Option<String>) -> Vec<(String, Tally)> {
    let mut by: BTreeMap<(u8, String, String), Tally> = BTreeMap::new();
    for d in &r.documents {
        let key = match group(d) {
            Some(g) => (0, name_key(&g), g),
            None => (1, String::new(), "—".to_string()),
        };
        by.entry(key).or_default().add(d.status);
    }
    by.into_iter().map(|((_, _, name), t)| (name, t)).collect()
}

fn tally_table(id: &str, heading: &str, rows: &[(String, Tally)]) -> String {
    let mut s = format!(
        r#"<table class="tally" id="{id}"><thead><tr><th>{heading}</th><th>documents</th><th>pass</th><th>fail</th><th>not applicable</th></tr></thead><tbody>"#
    );
    for (name, t) in rows {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_escape(name),
            t.total(),
            t.pass,
            t.fail,
            t.na
        ));
    }
    s.push_str("</tbody></table>");
    s
}

/// Horizontal bars, pass then fail then not applicable, one per group.
fn chart(id: &str, caption: &str, rows: &[(String, Tally)]) -> String {
    const ROW: usize = 18;
    const LABEL: usize = 150;
    const WIDTH: usize = 300;
    let max = rows.iter().map(|r| r.1.total()).max().unwrap_or(0).max(1);
    let height = ROW * rows.len() + 24;
    let mut s = format!(
        r#"<figure><svg id="{id}" width="{w}" height="{height}" role="img" aria-label="{caption}">"#,
        w = LABEL + WIDTH + 40,
        caption = html_escape(caption)
    );
    for (i, (name, t)) in rows.iter().enumerate() {
        let y = i * ROW;
        s.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>"#,
            LABEL - 6,
            y + 13,
            html_escape(name)
        ));
        let mut x = LABEL;
        for (n, class, what) in [
            (t.pass, "bar-pass", "pass"),
            (t.fail, "bar-fail", "fail"),
            (t.na, "bar-na", "not applicable"),
        ] {
            if n == 0 {
                continue;
            }
            let w = (n * WIDTH).div_ceil(max);
            s.push_str(&format!(
                r#"<rect class="{class}" x="{x}" y="{}" width="{w}" height="{}"><title>{}: {n} {what}</title></rect>"#,
                y + 3,
                ROW - 5,
                html_escape(name)
            ));
            x += w;
        }
        s.push_str(&format!(
            r#"<text x="{}" y="{}" font-size="11">{}</text>"#,
            x + 4,
            y + 13,
            t.total()
        ));
    }
    let y = ROW * rows.len() + 14;
    s.push_str(&format!(
        r##"<rect class="bar-pass" x="{LABEL}" y="{}" width="10" height="10"/><text x="{}" y="{y}" font-size="11">pass</text><rect class="bar-fail" x="{}" y="{}" width="10" height="10"/><text x="{}" y="{y}" font-size="11">fail</text><rect class="bar-na" x="{}" y="{}" width="10" height="10"/><text x="{}" y="{y}" font-size="11">not applicable</text>"##,
        y - 9,
        LABEL + 14,
        LABEL + 50,
        y - 9,
        LABEL + 64,
        LABEL + 96,
        y - 9,
        LABEL + 110,
    ));
    s.push_str("</svg></figure>");
    s
}

/// The excerpt with the span's text highlighted (its first line, where the
/// excerpt shows it).
fn excerpt(e: &Evidence) -> Option<String> {
    let l = e.location.as_ref()?;
    let want = l.text.lines().next().unwrap_or("").trim();
    let marked = match (!want.is_empty()).then(|| l.excerpt.find(want)).flatten() {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            html_escape(&l.excerpt[..i]),
            html_escape(want),
            html_escape(&l.excerpt[i + want.len()..])
        ),
        None => html_escape(&l.excerpt),
    };
    Some(format!(
        r#"<div class="excerpt"><span class="at">line {}, column {} ({})</span> {marked}</div>"#,
        l.line,
        l.column,
        html_escape(&e.note)
    ))
}

fn finding(o: &Outcome, fail_on: super::Severity) -> String {
    let failing = o.severity >= fail_on;
    let mut s = format!(
        r#"<div class="finding {}"><b>{}</b> <span class="sev">{}{}</span>"#,
        if failing { "fails" } else { "warns" },
        html_escape(&o.rule),
        o.severity.as_str(),
        if failing { "" } else { " (below --fail-on)" }
    );
    s.push_str(&format!(
        "<div><span class=\"lbl\">expected</span> {}</div><div><span class=\"lbl\">found</span> {}</div>",
        html_escape(&o.expected),
        html_escape(&o.found)
    ));
    for f in &o.expected_from {
        s.push_str(&format!(
            "<div><span class=\"lbl\">from</span> {} <small>(where the expectation comes from)</small></div>",
            html_escape(f)
        ));
    }
    if let Some(n) = &o.note {
        s.push_str(&format!(
            "<div><span class=\"lbl\">note</span> {}</div>",
            html_escape(n)
        ));
    }
    for e in &o.evidence {
        match excerpt(e) {
            Some(x) => s.push_str(&x),
            None => s.push_str(&format!("<div class=\"excerpt\">{}</div>", html_escape(&e.note))),
        }
    }
    s.push_str("</div>");
    s
}

fn row(d: &DocReport, r: &Report, o: &HtmlOptions) -> String {
    let name = html_escape(&d.path);
    let doc = match (o.page)(&d.path).filter(|h| !h.contains(':')) {
        Some(h) => format!(r#"<a href="{}">{name}</a>"#, html_escape(&h)),
        None => name,
    };
    let dash = |v: Option<String>| html_escape(v.as_deref().unwrap_or("—"));
    let now = d.province.as_deref().and_then(|p| (o.now)(p));
    let findings: Vec<&Outcome> = d.findings().collect();
    let mut details = String::new();
    if let Some(n) = &d.note {
        details.push_str(&format!("<div class=\"note\">{}</div>", html_escape(n)));
    }
    for n in &d.notes {
        details.push_str(&format!("<div class=\"note\">note: {}</div>", html_escape(n)));
    }
    for f in &findings {
        details.push_str(&finding(f, r.fail_on));
    }
    for p in d.outcomes.iter().filter(|o| o.status == Status::Pass) {
        details.push_str(&format!(
            "<div class=\"passed\">✓ {}: {}</div>",
            html_escape(&p.rule),
            html_escape(&p.found)
        ));
    }
    let status = match d.status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::NotApplicable => "na",
    };
    format!(
        "<tr data-status=\"{status}\"><td class=\"doc\">{doc}</td><td class=\"st st-{status}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-sort=\"{}\">{}</td><td>{details}</td></tr>\n",
        d.status.as_str(),
        html_escape(d.kind.as_str()),
        dash(d.number.clone()),
        dash(d.province.clone()),
        dash(now),
        dash(d.level.map(|l| l.as_str().to_string())),
        dash(d.period.map(|[a, b]| format!("{a}–{b}"))),
        findings.len(),
        findings.len(),
    )
}

const STYLE: &str = r#"
body { margin: 0; font-family: system-ui, sans-serif; color: #222; font-size: 14px; }
header { padding: 10px 16px; background: #f4f4f4; border-bottom: 1px solid #ccc; }
h1 { font-size: 19px; margin: 0 0 6px 0; } h2 { font-size: 16px; margin: 16px 0 6px 0; }
section { padding: 0 16px; }
.numbers span { display: inline-block; margin-right: 18px; } .numbers b { font-size: 18px; }
.groups { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; } figcaption { font-size: 12px; color: #555; }
.bar-pass { fill: #31a354; } .bar-fail { fill: #de2d26; } .bar-na { fill: #bbbbbb; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
table.tally td:not(:first-child) { text-align: right; }
table.coverage td { max-width: 640px; }
#docs th { background: #f4f4f4; cursor: pointer; user-select: none; position: sticky; top: 0; }
#docs th.asc::after { content: " ▲"; } #docs th.desc::after { content: " ▼"; }
.controls { margin: 8px 0; } .controls input { width: 320px; margin-right: 10px; }
.st-pass { color: #1a7f37; font-weight: bold; } .st-fail { color: #c21f1f; font-weight: bold; } .st-na { color: #777; }
.finding { border-left: 3px solid #de2d26; padding: 2px 6px; margin: 3px 0; background: #fff6f6; }
.finding.warns { border-color: #e6a100; background: #fffaf0; }
.lbl { display: inline-block; width: 62px; color: #666; }
.excerpt { font-family: Georgia, serif; background: #fafafa; border: 1px solid #eee; padding: 2px 4px; margin-top: 2px; }
.excerpt .at { font-family: system-ui, sans-serif; font-size: 11px; color: #777; }
mark { background: #fde0c5; border-bottom: 2px solid #e6550d; }
.passed { color: #1a7f37; font-size: 12px; } .note { color: #555; font-size: 12px; }
td.doc { font-family: monospace; font-size: 12px; }
small { color: #666; }
"#;

/// The page's script, after [`page::SCRIPT_OPENING`].
const SCRIPT: &str = r#"  var table = document.getElementById('docs');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  function fold(s) { return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'); }
  var texts = rows.map(function (r) { return fold(r.textContent); });
  var query = document.getElementById('filter'), verdict = document.getElementById('verdict');
  function filter() {
    var q = fold(query.value.trim()), v = verdict.value, shown = 0;
    rows.forEach(function (r, i) {
      var show = (!v || r.dataset.status === v) && (!q || texts[i].indexOf(q) >= 0);
      r.hidden = !show;
      if (show) { shown += 1; }
    });
    document.getElementById('shown').textContent = String(shown);
  }
  query.addEventListener('input', filter);
  verdict.addEventListener('change', filter);
  var collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener('click', function () {
      var dir = th.classList.contains('asc') ? -1 : 1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.classList.remove('asc', 'desc'); });
      th.classList.add(dir === 1 ? 'asc' : 'desc');
      var key = function (r) { var c = r.cells[col]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; };
      var numeric = th.dataset.type === 'num';
      var order = rows.map(function (r, i) { return [r, i]; });
      order.sort(function (a, b) {
        var x = key(a[0]), y = key(b[0]);
        var c = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return c !== 0 ? dir * c : a[1] - b[1];
      });
      rows = order.map(function (p) { return p[0]; });
      texts = rows.map(function (r) { return fold(r.textContent); });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  // A link may name the verdict to show: `report.html#verdict=fail`.
  var wanted = /^#verdict=(pass|fail|na)$/.exec(location.hash);
  if (wanted) { verdict.value = wanted[1]; }
  filter();
  document.body.dataset.status = 'ready';
})();
"#;

/// Write the page.
pub fn write_html(r: &Report, o: &HtmlOptions, out: &mut dyn Write) -> io::Result<()> {
    let s = &r.summary;
    let agreements = r.documents.iter().filter(|d| d.kind == Kind::Agreement).count();
    let by_province = grouped(r, |d| d.province.clone());
    let by_today = grouped(r, |d| d.province.as_deref().and_then(|p| (o.now)(p)));
    let by_level = grouped(r, |d| d.level.map(|l| l.as_str().to_string()));
    let rows: String = r.documents.iter().map(|d| row(d, r, o)).collect();
    let skipped = if r.skipped.is_empty() {
        String::new()
    } else {
        let items: String = r
            .skipped
            .iter()
            .map(|x| format!("<li>{}: {}</li>", html_escape(&x.path), html_escape(&x.reason)))
            .collect();
        format!("<h2>Not read ({})</h2><ul>{items}</ul>", r.skipped.len())
    };
    let rules: String = r
        .rules
        .iter()
        .map(|x| {
            format!(
                "<li><b>{}</b> <small>{}</small> {}</li>",
                html_escape(&x.id),
                x.severity.as_str(),
                html_escape(&x.description)
            )
        })
        .collect();
    write!(
        out,
        r#"{page_head}<h1>Compliance report</h1>
<div class="numbers"><span><b id="sum-documents">{documents}</b> documents judged</span><span><b id="sum-agreements">{agreements}</b> agreements</span><span class="st-pass"><b id="sum-pass">{pass}</b> pass</span><span class="st-fail"><b id="sum-fail">{fail}</b> fail</span><span class="st-na"><b id="sum-not-applicable">{na}</b> not applicable</span><span><b id="sum-skipped">{skipped_n}</b> not read</span><span><b id="sum-errors">{errors}</b> error and <b id="sum-warnings">{warnings}</b> warning finding(s), failing on {fail_on}</span></div>
<div><small>{judged}</small></div>
</header>
<section>
<div class="groups">
<div><h2>Verdicts by province today</h2>{chart_province}</div>
<div><h2>Verdicts by level</h2>{chart_level}</div>
</div>
<div class="groups">
<div><h2>By province as written</h2>{table_province}</div>
<div><h2>By province today (since 1 July 2025)</h2>{table_today}</div>
<div><h2>By level</h2>{table_level}</div>
</div>
<h2>Documents</h2>
<div class="controls"><input id="filter" type="search" placeholder="Filter: a name, a number, a rule, a province…"><select id="verdict"><option value="">every verdict</option><option value="pass">pass</option><option value="fail">fail</option><option value="na">not applicable</option></select> <span id="shown">{documents}</span> of {documents} shown · click a column's header to sort</div>
<table id="docs">
<thead><tr><th>document</th><th>verdict</th><th>kind</th><th>number</th><th>province</th><th>today</th><th>level</th><th>period</th><th data-type="num">findings</th><th>rules: expected, found, where</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
{skipped}
<h2>Coverage</h2>
<div id="coverage">{coverage}</div>
<h2>Rules in force</h2>
<ul>{rules}</ul>
</section>
<script>{opening}{SCRIPT}</script>
</body>
</html>
"#,
        page_head = page::head_styled("cancu check — compliance report", STYLE),
        opening = page::SCRIPT_OPENING,
        documents = s.documents,
        pass = s.pass,
        fail = s.fail,
        na = s.not_applicable,
        skipped_n = s.skipped,
        errors = s.errors,
        warnings = s.warnings,
        fail_on = r.fail_on.as_str(),
        judged = html_escape(&r.judged.describe()),
        chart_province = chart("chart-province", "Verdicts by province today", &by_today),
        chart_level = chart("chart-level", "Verdicts by level", &by_level),
        table_province = tally_table("by-province", "province", &by_province),
        table_today = tally_table("by-province-today", "province today", &by_today),
        table_level = tally_table("by-level", "level", &by_level),
        coverage = coverage_tables(o.coverage),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::report::tests::hostile;

    #[test]
    fn the_page_escapes_what_documents_say() {
        let r = hostile();
        let mut out = Vec::new();
        let none = |_: &str| None;
        write_html(
            &r,
            &HtmlOptions {
                now: &none,
                page: &none,
                coverage: &[],
            },
            &mut out,
        )
        .unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(
            !page.contains("<c>") && !page.contains("</testsuite>"),
            "unescaped text"
        );
        assert!(page.contains("a&amp;b &lt;c&gt; &quot;d&quot;"));
        assert!(!page.contains('\u{1}'));
        assert!(
            !page.to_ascii_lowercase().contains("http"),
            "a reference out of the page"
        );
    }
}
