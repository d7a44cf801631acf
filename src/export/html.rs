//! One self-contained, offline HTML page: the vendored cytoscape.js (MIT,
//! licence kept) inlined, the graph embedded as JSON, no `http` reference
//! anywhere. Document text reaches the page only as data: `<`, `>` and `&`
//! are written as JSON escapes, and the page shows text with `textContent`,
//! so nothing from a document can run as script.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::View;

const LIBRARY: &str = include_str!("../../assets/cytoscape/cytoscape.min.js");
const LICENCE: &str = include_str!("../../assets/cytoscape/LICENSE");

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

const PAGE_SCRIPT: &str = r#"
(function () {
  var errors = 0;
  window.addEventListener('error', function () { errors += 1; document.body.dataset.errors = String(errors); });
  document.body.dataset.errors = '0';
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var colours = { document: '#3182bd', instrument: '#e6550d', organisation: '#31a354', person: '#756bb1', province: '#de2d26' };
  var relColours = { IMPLEMENTS: '#e6550d', BASED_ON: '#fd8d3c', CITES: '#bbbbbb', PARTY_TO: '#31a354', SIGNED: '#756bb1', IN_PROVINCE: '#de2d26', ISSUED: '#636363' };
  var elements = [];
  data.nodes.forEach(function (n) { elements.push({ data: Object.assign({}, n, { colour: colours[n.kind] || '#999' }) }); });
  data.links.forEach(function (l, i) { elements.push({ data: Object.assign({}, l, { id: 'e' + i, colour: relColours[l.relation] || '#999' }) }); });
  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: elements,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(short)', 'font-size': 8, 'width': 14, 'height': 14 } },
      { selector: 'node[?placeholder]', style: { 'background-opacity': 0.4 } },
      { selector: 'edge', style: { 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'width': 1 } },
      { selector: '.hit', style: { 'border-width': 3, 'border-color': '#000' } },
      { selector: '.hidden', style: { 'display': 'none' } }
    ],
    layout: { name: data.nodes.length > 800 ? 'grid' : 'cose', animate: false }
  });
  var info = document.getElementById('info');
  function line(parent, text) { var p = document.createElement('p'); p.textContent = text; parent.appendChild(p); return p; }
  cy.on('tap', 'node', function (evt) {
    var d = evt.target.data();
    info.replaceChildren();
    var h = document.createElement('h2'); h.textContent = d.label; info.appendChild(h);
    ['kind', 'instrument', 'province', 'period', 'document_kind', 'date', 'title', 'parent'].forEach(function (k) {
      if (d[k]) { line(info, k + ': ' + d[k]); }
    });
    evt.target.connectedEdges().forEach(function (e) {
      var ed = e.data();
      var ev = ed.document ? ' [' + ed.cue + ', ' + ed.document + (ed.span ? ':' + ed.span : '') + ']' : ' [' + ed.cue + ']';
      line(info, cy.getElementById(ed.source).data('short') + ' —' + ed.relation + '→ ' + cy.getElementById(ed.target).data('short') + ev);
    });
  });
  function fill(select, values) {
    values.sort().forEach(function (v) { var o = document.createElement('option'); o.value = v; o.textContent = v; select.appendChild(o); });
  }
  var provinces = {}, periods = {};
  data.nodes.forEach(function (n) {
    if (n.kind === 'document') { if (n.province) { provinces[n.province] = 1; } if (n.period) { periods[n.period] = 1; } }
  });
  var provinceSel = document.getElementById('province'), periodSel = document.getElementById('period');
  fill(provinceSel, Object.keys(provinces));
  fill(periodSel, Object.keys(periods));
  function applyFilters() {
    var p = provinceSel.value, q = periodSel.value;
    cy.batch(function () {
      cy.nodes().removeClass('hidden');
      if (!p && !q) { return; }
      var docs = cy.nodes('[kind = "document"]').filter(function (n) {
        return (!p || n.data('province') === p) && (!q || n.data('period') === q);
      });
      var keep = docs.union(docs.neighborhood('node'));
      cy.nodes().difference(keep).addClass('hidden');
    });
    document.getElementById('shown').textContent = String(cy.nodes().not('.hidden').length);
  }
  provinceSel.addEventListener('change', applyFilters);
  periodSel.addEventListener('change', applyFilters);
  document.getElementById('search').addEventListener('input', function (e) {
    var q = e.target.value.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
    cy.nodes().removeClass('hit');
    if (q.length < 2) { return; }
    cy.nodes().filter(function (n) {
      return (n.data('label') + ' ' + (n.data('instrument') || '')).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').indexOf(q) >= 0;
    }).addClass('hit');
  });
  document.getElementById('count').textContent = String(cy.nodes().length);
  document.getElementById('shown').textContent = String(cy.nodes().length);
  document.body.dataset.status = 'ready';
})();
"#;

/// Write the page.
pub fn write_html(v: &View, out: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<Value> = v
        .nodes
        .iter()
        .map(|&i| {
            let n = v.node(i);
            let mut m = super::node_map(v, i);
            let short = match n.kind {
                crate::graph::NodeKind::Document => {
                    n.id.trim_start_matches("doc:")
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .to_string()
                }
                _ => n.label.chars().take(40).collect(),
            };
            m.insert("short".into(), Value::String(short));
            m.insert("placeholder".into(), Value::Bool(n.placeholder));
            Value::Object(m)
        })
        .collect();
    let links: Vec<Value> = v.edges.iter().map(|&e| Value::Object(super::edge_map(v, e))).collect();
    let data = json!({ "nodes": nodes, "links": links });
    write!(
        out,
        r#"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cancu — knowledge graph</title>
<style>
body {{ margin: 0; font-family: sans-serif; display: grid; grid-template-columns: 1fr 360px; grid-template-rows: auto 1fr; height: 100vh; }}
header {{ grid-column: 1 / 3; padding: 6px 10px; background: #f4f4f4; border-bottom: 1px solid #ccc; }}
header input, header select {{ margin-right: 10px; }}
#cy {{ min-height: 400px; }}
#info {{ overflow: auto; padding: 8px; border-left: 1px solid #ccc; font-size: 13px; }}
#info p {{ margin: 3px 0; }}
.legend span {{ margin-right: 8px; }}
</style>
</head>
<body>
<header>
<input id="search" type="search" placeholder="Search (khuyen hoc, 11-CT/TW …)">
<select id="province"><option value="">All provinces</option></select>
<select id="period"><option value="">All periods</option></select>
<span><span id="shown">0</span> of <span id="count">0</span> nodes shown</span>
<span class="legend"> · <span style="color:#3182bd">document</span><span style="color:#e6550d">instrument</span><span style="color:#31a354">organisation</span><span style="color:#756bb1">person</span><span style="color:#de2d26">province</span></span>
</header>
<div id="cy"></div>
<aside id="info"><p>Click a node to see its facts and the evidence of its links.</p></aside>
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
        licence = script_safe(LICENCE).replace("*/", "* /"),
        library = script_safe(LIBRARY),
        data = json_safe(&data),
        page = PAGE_SCRIPT,
    )
}
