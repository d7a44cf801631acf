// The graph page of `cancu export --format html` (src/export/html.rs writes
// the data it reads). It draws only what is asked for: the national
// instruments and one node per province first, a province opened into its
// levels, a level into its documents, a clicked node's neighbourhood. Every
// text from the corpus is shown with textContent.
(function () {
  'use strict';
  var started = performance.now();
  var errors = 0;
  window.addEventListener('error', function () { errors += 1; document.body.dataset.errors = String(errors); });
  document.body.dataset.errors = '0';
  var D = JSON.parse(document.getElementById('graph-data').textContent);
  var N = D.nodes.length, E = D.edges.length;
  // Above this many documents in view, provinces and levels are folded.
  var SMALL = 150;
  var K = {};
  D.kinds.forEach(function (k, i) { K[k] = i; });
  var R = {};
  D.relations.forEach(function (r, i) { R[r] = i; });
  var L = {};
  D.levels.forEach(function (l, i) { L[l] = i; });
  var colours = { document: '#3182bd', instrument: '#e6550d', organisation: '#31a354', person: '#756bb1', province: '#de2d26', level: '#969696' };
  var relColours = { IMPLEMENTS: '#e6550d', BASED_ON: '#fd8d3c', CITES: '#bbbbbb', PARTY_TO: '#31a354', SIGNED: '#756bb1', IN_PROVINCE: '#de2d26', ISSUED: '#636363' };

  // Columns.
  var kind = new Int8Array(N), prov = new Int32Array(N), level = new Int8Array(N);
  var pfrom = new Int32Array(N), pto = new Int32Array(N), dkind = new Int8Array(N);
  var byId = {};
  for (var i = 0; i < N; i++) {
    var n = D.nodes[i];
    kind[i] = n[1]; prov[i] = n[5]; pfrom[i] = n[6]; pto[i] = n[7]; dkind[i] = n[8]; level[i] = n[13];
    byId[n[0]] = i;
  }
  // Edges out of and into each node (compressed rows).
  var outStart = new Int32Array(N + 1), inStart = new Int32Array(N + 1);
  var outE = new Int32Array(E), inE = new Int32Array(E);
  D.edges.forEach(function (e) { outStart[e[0] + 1]++; inStart[e[1] + 1]++; });
  for (i = 0; i < N; i++) { outStart[i + 1] += outStart[i]; inStart[i + 1] += inStart[i]; }
  (function () {
    var o = outStart.slice(0, N), p = inStart.slice(0, N);
    for (var e = 0; e < E; e++) { outE[o[D.edges[e][0]]++] = e; inE[p[D.edges[e][1]]++] = e; }
  })();
  function eachOut(i, f) { for (var k = outStart[i]; k < outStart[i + 1]; k++) { f(outE[k], D.edges[outE[k]][1]); } }
  function eachIn(i, f) { for (var k = inStart[i]; k < inStart[i + 1]; k++) { f(inE[k], D.edges[inE[k]][0]); } }
  var CITING = {};
  CITING[R.IMPLEMENTS] = 1; CITING[R.BASED_ON] = 1; CITING[R.CITES] = 1;
  var PARENT = D.cues.indexOf('parent');

  function fold(s) {
    return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
  }
  function levelOf(i) { return level[i] >= 0 ? D.levels[level[i]] : 'other'; }
  // Rings, from the middle: 0 national, 1 provinces, 2 provincial tier (and
  // local instruments, and documents whose tier is unknown), 3 district,
  // 4 commune, 5 people and organisations.
  function tierOf(i) {
    var k = kind[i];
    if (k === K.document) {
      if (level[i] === L.national || (prov[i] < 0 && level[i] < 0)) { return 0; }
      return level[i] > 0 ? level[i] + 1 : 2;
    }
    if (k === K.instrument) { return prov[i] < 0 ? 0 : 2; }
    if (k === K.organisation || k === K.person) { return 5; }
    return 1;
  }
  function levelTier(lv) { return lv > 0 ? lv + 1 : 2; }

  // The state, read from and written to the URL fragment.
  var state = { province: '', from: 0, to: 0, kind: '', group: 'written', people: false, focus: -1, open: {} };
  function readHash() {
    var q = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.province = q.get('province') || '';
    state.from = parseInt(q.get('from') || '', 10) || 0;
    state.to = parseInt(q.get('to') || '', 10) || 0;
    state.kind = q.get('kind') || '';
    state.group = q.get('group') === 'now' ? 'now' : 'written';
    state.people = q.get('people') === '1';
    var f = q.get('focus');
    state.focus = f && byId[f] !== undefined ? byId[f] : -1;
    state.open = {};
    (q.get('open') || '').split(',').forEach(function (k) {
      if (/^-?[pl]/.test(k)) { state.open[k.replace(/^-/, '')] = k.charAt(0) !== '-'; }
    });
  }
  var written = '';
  function writeHash() {
    var q = new URLSearchParams();
    if (state.province) { q.set('province', state.province); }
    if (state.from) { q.set('from', String(state.from)); }
    if (state.to) { q.set('to', String(state.to)); }
    if (state.kind) { q.set('kind', state.kind); }
    if (state.group === 'now') { q.set('group', 'now'); }
    if (state.people) { q.set('people', '1'); }
    if (state.focus >= 0) { q.set('focus', D.nodes[state.focus][0]); }
    var open = Object.keys(state.open).sort().map(function (k) { return state.open[k] ? k : '-' + k; });
    if (open.length) { q.set('open', open.join(',')); }
    written = q.toString();
    if (location.hash.replace(/^#/, '') === written) { return; }
    try { history.replaceState(null, '', '#' + written); } catch (err) { location.hash = written; }
  }

  // Which documents the filters keep.
  function provinceTest() {
    var v = state.province;
    if (!v) { return null; }
    var mode = 'either', name = v;
    if (v.indexOf('written:') === 0) { mode = 'written'; name = v.slice(8); }
    else if (v.indexOf('now:') === 0) { mode = 'now'; name = v.slice(4); }
    var key = fold(name).replace(/[^a-z0-9]+/g, ' ').trim();
    var same = function (s) { return fold(s).replace(/[^a-z0-9]+/g, ' ').trim() === key; };
    return D.provinces.map(function (p, k) {
      var now = D.province_now[k] >= 0 ? D.now[D.province_now[k]] : '';
      return (mode !== 'now' && same(p)) || (mode !== 'written' && now !== '' && same(now));
    });
  }
  function passes(i, okProvince, kindIndex) {
    if (okProvince && (prov[i] < 0 || !okProvince[prov[i]])) { return false; }
    if (state.from || state.to) {
      if (!pfrom[i]) { return false; }
      if (state.to && pfrom[i] > state.to) { return false; }
      if (state.from && pto[i] < state.from) { return false; }
    }
    if (kindIndex !== -2 && dkind[i] !== kindIndex) { return false; }
    return true;
  }
  function groupOf(i) {
    var p = prov[i];
    if (p < 0) { return -1; }
    return state.group === 'now' ? D.province_now[p] : p;
  }
  function groupName(g) {
    if (g < 0) { return 'no province'; }
    return state.group === 'now' ? D.now[g] : D.provinces[g];
  }

  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: [],
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', 'label': 'data(label)', 'font-size': 9, 'width': 'data(size)', 'height': 'data(size)', 'min-zoomed-font-size': 5 } },
      { selector: 'node[?placeholder]', style: { 'background-opacity': 0.45 } },
      { selector: 'node[?core]', style: { 'font-size': 13, 'width': 20, 'height': 20 } },
      { selector: 'node[agg]', style: { 'font-size': 15, 'font-weight': 'bold', 'text-valign': 'center', 'color': '#222', 'text-outline-color': '#fff', 'text-outline-width': 2, 'text-wrap': 'wrap', 'text-max-width': 90 } },
      { selector: 'node[agg = "level"]', style: { 'shape': 'round-rectangle' } },
      { selector: 'node[?opened]', style: { 'background-opacity': 0.25, 'border-width': 2, 'border-color': 'data(colour)' } },
      { selector: 'edge', style: { 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'width': 'data(width)', 'arrow-scale': 0.7 } },
      { selector: 'edge[agg]', style: { 'curve-style': 'straight', 'opacity': 0.6, 'label': 'data(label)', 'font-size': 7, 'min-zoomed-font-size': 7 } },
      { selector: 'edge.member', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', 'line-color': '#cccccc', 'curve-style': 'straight' } },
      { selector: '.hit', style: { 'border-width': 4, 'border-color': '#000' } },
      { selector: '.focus', style: { 'border-width': 4, 'border-color': '#111' } }
    ],
    layout: { name: 'preset' }
  });

  // What the state shows: nodes (real ones `n<i>`, provinces `p<g>`, levels
  // `l<g>_<level>`), their edges, and where each goes.
  function compute() {
    var okProvince = provinceTest();
    var kindIndex = state.kind ? D.document_kinds.indexOf(state.kind) : -2;
    if (kindIndex === -1) { kindIndex = -3; }
    var near = null;
    if (state.focus >= 0) {
      near = new Uint8Array(N);
      near[state.focus] = 1;
      eachOut(state.focus, function (e, t) { near[t] = 1; });
      eachIn(state.focus, function (e, s) { near[s] = 1; });
    }
    var docs = [];
    for (var i = 0; i < N; i++) {
      if (kind[i] === K.document && (!near || near[i]) && passes(i, okProvince, kindIndex)) { docs.push(i); }
    }
    if (state.focus >= 0 && kind[state.focus] === K.document && docs.indexOf(state.focus) < 0) { docs.push(state.focus); }
    var small = docs.length <= SMALL;
    // One province in view (a province chosen, say): it opens by itself.
    var groups = {}, ngroups = 0;
    docs.forEach(function (d) {
      if (tierOf(d) !== 0 && !groups[groupOf(d)]) { groups[groupOf(d)] = 1; ngroups += 1; }
    });
    var one = ngroups === 1;
    var rep = new Array(N);
    var nodes = {}, order = [];
    function add(id, o) {
      if (!nodes[id]) { o.id = id; nodes[id] = o; order.push(id); }
      return nodes[id];
    }
    function real(i, tier, g) {
      rep[i] = 'n' + i;
      return add('n' + i, { real: i, tier: tier, g: g });
    }
    docs.forEach(function (d) {
      var t = tierOf(d);
      if (t === 0) { real(d, 0, -2); return; }
      var g = groupOf(d), lv = level[d];
      var hub = add('p' + g, { agg: 'province', g: g, tier: 1, count: 0, levels: {} });
      hub.count += 1;
      hub.levels[levelOf(d)] = (hub.levels[levelOf(d)] || 0) + 1;
      var hubOpen = d === state.focus || (state.open['p' + g] === undefined ? small || one : state.open['p' + g]);
      if (!hubOpen) { rep[d] = 'p' + g; return; }
      hub.opened = true;
      if (small) { real(d, t, g).parent = 'p' + g; return; }
      var lk = 'l' + g + '_' + lv;
      var grp = add(lk, { agg: 'level', g: g, lv: lv, tier: levelTier(lv), count: 0, parent: 'p' + g });
      grp.count += 1;
      if (state.open[lk] || d === state.focus) { grp.opened = true; real(d, t, g).parent = lk; return; }
      rep[d] = lk;
    });
    // National instruments the documents in view rest on, and what those
    // carry out in turn.
    var queue = [];
    docs.forEach(function (d) {
      eachOut(d, function (e, t) {
        if (kind[t] === K.instrument && prov[t] < 0 && !rep[t]) { real(t, 0, -2); queue.push(t); }
      });
    });
    while (queue.length) {
      var x = queue.pop();
      eachOut(x, function (e, t) {
        if (kind[t] === K.instrument && prov[t] < 0 && !rep[t]) { real(t, 0, -2); queue.push(t); }
      });
    }
    // Local instruments, people and organisations of the documents drawn.
    var drawn = order.filter(function (id) { return nodes[id].real !== undefined && kind[nodes[id].real] === K.document; });
    drawn.forEach(function (id) {
      var d = nodes[id].real, g = nodes[id].g;
      eachOut(d, function (e, t) {
        if (!rep[t] && kind[t] === K.instrument) { real(t, 2, g); }
      });
      if (state.people || (state.focus >= 0 && kind[state.focus] !== K.document)) {
        eachIn(d, function (e, s) {
          var k = kind[s];
          if (!rep[s] && (k === K.organisation || k === K.person) && (state.people || s === state.focus)) { real(s, 5, g); }
        });
      }
    });
    var f = state.focus;
    if (f >= 0 && !rep[f] && kind[f] !== K.province) { real(f, tierOf(f), prov[f] >= 0 ? groupOf(f) : -2); }
    if (f >= 0) {
      var instrument = function (e, t) { if (!rep[t] && kind[t] === K.instrument) { real(t, tierOf(t), prov[t] >= 0 ? groupOf(t) : -2); } };
      eachOut(f, instrument);
      eachIn(f, instrument);
    }
    // Edges: real ones between real nodes; folded ones counted between
    // their ends' nodes.
    var edges = [], folded = {};
    for (var e = 0; e < E; e++) {
      var ed = D.edges[e], a = rep[ed[0]], b = rep[ed[1]];
      if (!a || !b || a === b) { continue; }
      if (a.charAt(0) === 'n' && b.charAt(0) === 'n') { edges.push({ real: e }); continue; }
      // Folded, only each document's parent (what it carries out), unless a
      // node is in focus: then every citation of it or by it.
      if (state.focus >= 0 ? !CITING[ed[2]] || (ed[0] !== state.focus && ed[1] !== state.focus) : ed[3] !== PARENT) { continue; }
      var key = a + '>' + b, fe = folded[key];
      if (!fe) { fe = folded[key] = { source: a, target: b, count: 0, rel: ed[2] }; edges.push({ agg: key }); }
      fe.count += 1;
      if (ed[2] < fe.rel) { fe.rel = ed[2]; }
    }
    // Out of a folded node, with no focus, only its two strongest parents
    // are drawn (all are listed when it is clicked).
    var out = {};
    Object.keys(folded).forEach(function (k) {
      var fe = folded[k];
      (out[fe.source] = out[fe.source] || []).push(fe);
      if (nodes[fe.source]) { (nodes[fe.source].parents = nodes[fe.source].parents || []).push(fe); }
    });
    if (state.focus < 0) {
      Object.keys(out).forEach(function (src) {
        out[src].sort(function (a, b) { return b.count - a.count || (a.target < b.target ? -1 : 1); });
        out[src].slice(2).forEach(function (fe) { fe.hidden = true; });
      });
      edges = edges.filter(function (x) { return x.real !== undefined || !folded[x.agg].hidden; });
    }
    return { nodes: nodes, order: order, edges: edges, folded: folded, docs: docs.length };
  }

  // Rings around the middle; each province a sector as wide as its most
  // crowded ring needs, in the order of the province list.
  function place(view) {
    var pos = {}, ring0 = [], sectors = {}, groups = [], listed = [];
    view.order.forEach(function (id) {
      var o = view.nodes[id];
      if (o.tier === 0 || o.g === -2) { ring0.push(id); return; }
      var s = sectors[o.g];
      if (!s) { s = sectors[o.g] = { rings: [[], [], [], [], [], []] }; groups.push(o.g); }
      s.rings[o.tier].push(id);
    });
    function sortKey(id) {
      var o = view.nodes[id];
      return o.real !== undefined ? D.nodes[o.real][0] : id;
    }
    var byKey = function (a, b) { var x = sortKey(a), y = sortKey(b); return x < y ? -1 : x > y ? 1 : 0; };
    ring0.sort(byKey);
    groups.sort(function (a, b) { return (a < 0 ? 1e9 : a) - (b < 0 ? 1e9 : b); });
    var total = 0;
    groups.forEach(function (g) {
      var s = sectors[g];
      s.weight = 1.6;
      for (var t = 2; t < 6; t++) { s.rings[t].sort(byKey); s.weight = Math.max(s.weight, s.rings[t].length); }
      total += s.weight;
    });
    var gap = 46;
    var r0 = ring0.length <= 1 ? 0 : Math.max(80, ring0.length * 70 / (2 * Math.PI));
    ring0.forEach(function (id, k) {
      listed.push(id);
      var a = 2 * Math.PI * k / Math.max(1, ring0.length) - Math.PI / 2;
      pos[id] = { x: r0 * Math.cos(a), y: r0 * Math.sin(a) };
    });
    var r1 = Math.max(r0 + 160, total * gap / (2 * Math.PI), 160);
    var step = Math.max(120, r1 / 4);
    var start = -Math.PI / 2;
    groups.forEach(function (g) {
      var s = sectors[g], width = 2 * Math.PI * s.weight / Math.max(1, total);
      for (var t = 1; t < 6; t++) {
        var ids = t === 1 ? ['p' + g] : s.rings[t];
        var radius = r1 + (t - 1) * step;
        ids.forEach(function (id, k) {
          listed.push(id);
          var a = start + width * (k + 0.5) / ids.length;
          pos[id] = { x: radius * Math.cos(a), y: radius * Math.sin(a) };
        });
      }
      start += width;
    });
    view.listed = listed;
    return pos;
  }

  var current = null;
  function label(o) {
    if (o.real !== undefined) { return D.nodes[o.real][3]; }
    if (o.agg === 'province') { return groupName(o.g) + '\n(' + o.count + ')'; }
    return (o.lv >= 0 ? D.levels[o.lv] : 'other') + ' (' + o.count + ')';
  }
  function kindName(o) { return o.real !== undefined ? D.kinds[kind[o.real]] : o.agg; }
  function key(o) {
    if (o.real !== undefined) { return D.nodes[o.real][0]; }
    if (o.agg === 'province') { return 'province:' + groupName(o.g); }
    return 'level:' + groupName(o.g) + ':' + (o.lv >= 0 ? D.levels[o.lv] : 'other');
  }

  function render() {
    var view = compute();
    current = view;
    var pos = place(view);
    var els = [];
    view.order.forEach(function (id) {
      var o = view.nodes[id], k = kindName(o);
      var size = o.count ? Math.min(44, 14 + 2.5 * Math.sqrt(o.count)) : (o.real === state.focus ? 22 : 14);
      els.push({ group: 'nodes', data: { id: id, label: label(o), colour: colours[k === 'level' ? 'level' : k] || '#999', size: size, agg: o.agg, opened: !!o.opened, core: o.tier === 0, placeholder: o.real !== undefined && D.nodes[o.real][12] === 1 }, position: pos[id] });
      if (o.parent && view.nodes[o.parent]) {
        els.push({ group: 'edges', classes: 'member', data: { id: 'm' + id, source: o.parent, target: id, colour: '#ccc', width: 1 } });
      }
    });
    view.edges.forEach(function (x) {
      if (x.real !== undefined) {
        var ed = D.edges[x.real], rel = D.relations[ed[2]];
        els.push({ group: 'edges', data: { id: 'e' + x.real, source: 'n' + ed[0], target: 'n' + ed[1], colour: relColours[rel] || '#999', width: 1 } });
      } else {
        var fe = view.folded[x.agg], r = D.relations[fe.rel];
        els.push({ group: 'edges', data: { id: 'f' + x.agg, agg: 1, source: fe.source, target: fe.target, label: fe.count > 1 ? String(fe.count) : '', colour: relColours[r] || '#999', width: Math.min(8, 1 + Math.log(fe.count) / Math.LN2) } });
      }
    });
    cy.batch(function () {
      cy.elements().remove();
      cy.add(els);
    });
    if (state.focus >= 0) { cy.getElementById('n' + state.focus).addClass('focus'); }
    cy.fit(undefined, 30);
    document.getElementById('shown').textContent = String(view.order.length);
    document.getElementById('docs').textContent = String(view.docs);
    listing(view);
    highlight();
    writeHash();
    syncControls();
  }

  // The nodes drawn, as text: what the canvas shows, for a reader or a test.
  function listing(view) {
    var ol = document.getElementById('listing');
    var frag = document.createDocumentFragment();
    view.listed.forEach(function (id) {
      var o = view.nodes[id], li = document.createElement('li');
      li.dataset.kind = o.agg || D.kinds[kind[o.real]];
      li.dataset.key = key(o);
      li.dataset.node = id;
      if (o.count) { li.dataset.count = String(o.count); }
      li.textContent = o.real !== undefined ? D.nodes[o.real][2] : label(o).replace('\n', ' ');
      frag.appendChild(li);
    });
    ol.replaceChildren(frag);
  }

  var info = document.getElementById('info');
  function line(parent, text) { var p = document.createElement('p'); p.textContent = text; parent.appendChild(p); return p; }
  function shortOf(i) { return D.nodes[i][3]; }
  function evidence(e) {
    var ed = D.edges[e], cue = ed[3] >= 0 ? D.cues[ed[3]] : '';
    var doc = typeof ed[4] === 'number' ? (ed[4] >= 0 ? D.nodes[ed[4]][0].replace(/^doc:/, '') : '') : ed[4];
    return doc ? ' [' + cue + ', ' + doc + (ed[5] ? ':' + ed[5] : '') + ']' : ' [' + cue + ']';
  }
  var FIELDS = ['kind', 'instrument', 'province', 'period', 'document_kind', 'level', 'date', 'title', 'parent'];
  function facts(i) {
    var n = D.nodes[i];
    info.replaceChildren();
    var h = document.createElement('h2'); h.textContent = n[2]; info.appendChild(h);
    var p = n[5] >= 0 ? D.provinces[n[5]] : '';
    var now = n[5] >= 0 && D.province_now[n[5]] >= 0 ? D.now[D.province_now[n[5]]] : '';
    var values = {
      kind: D.kinds[n[1]], instrument: n[4], province: p && now && now !== p ? p + ' (today ' + now + ')' : p,
      period: n[6] ? n[6] + '-' + n[7] : '', document_kind: n[8] >= 0 ? D.document_kinds[n[8]] : '',
      level: n[13] >= 0 ? D.levels[n[13]] : '', date: n[9], title: n[10], parent: n[11]
    };
    FIELDS.forEach(function (k) { if (values[k]) { line(info, k + ': ' + values[k]); } });
    var links = [];
    eachOut(i, function (e) { links.push(e); });
    eachIn(i, function (e) { links.push(e); });
    links.sort(function (a, b) { return D.edges[a][2] - D.edges[b][2] || a - b; });
    var max = 200;
    links.slice(0, max).forEach(function (e) {
      var ed = D.edges[e];
      line(info, shortOf(ed[0]) + ' —' + D.relations[ed[2]] + '→ ' + shortOf(ed[1]) + evidence(e));
    });
    if (links.length > max) { line(info, '… and ' + (links.length - max) + ' more links'); }
  }
  function aggregateFacts(o) {
    info.replaceChildren();
    var h = document.createElement('h2'); h.textContent = label(o).replace('\n', ' '); info.appendChild(h);
    if (o.agg === 'province') {
      if (state.group === 'written' && o.g >= 0 && D.province_now[o.g] >= 0 && D.now[D.province_now[o.g]] !== D.provinces[o.g]) {
        line(info, 'today: ' + D.now[D.province_now[o.g]]);
      }
      Object.keys(o.levels).sort().forEach(function (l) { line(info, l + ': ' + o.levels[l] + ' documents'); });
    } else {
      line(info, o.count + ' documents');
    }
    (o.parents || []).slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (fe) {
      var t = current.nodes[fe.target];
      if (t) { line(info, 'carry out ' + label(t).replace('\n', ' ') + ': ' + fe.count); }
    });
    line(info, o.opened ? 'Click again to fold.' : 'Click again to open.');
  }

  cy.on('tap', 'node', function (evt) {
    var o = current.nodes[evt.target.id()];
    if (!o) { return; }
    activate(o);
  });
  function activate(o) {
    if (o.real !== undefined) {
      state.focus = o.real;
      render();
      facts(o.real);
      return;
    }
    var id = o.agg === 'province' ? 'p' + o.g : 'l' + o.g + '_' + o.lv;
    state.open[id] = !o.opened;
    render();
    var now = current.nodes[id];
    if (now) { aggregateFacts(now); }
  }
  document.getElementById('listing').addEventListener('click', function (evt) {
    var li = evt.target.closest ? evt.target.closest('li') : null;
    if (li && current.nodes[li.dataset.node]) { activate(current.nodes[li.dataset.node]); }
  });

  // Controls.
  var provinceSel = document.getElementById('province'), kindSel = document.getElementById('kind');
  var fromIn = document.getElementById('from'), toIn = document.getElementById('to');
  var groupSel = document.getElementById('group'), peopleBox = document.getElementById('people');
  function group(select, title, prefix, names) {
    if (!names.length) { return; }
    var g = document.createElement('optgroup');
    g.label = title;
    names.forEach(function (v) { var o = document.createElement('option'); o.value = prefix + v; o.textContent = v; g.appendChild(o); });
    select.appendChild(g);
  }
  // Provinces of documents, in the order the data gives (the Vietnamese one).
  var docProv = new Uint8Array(D.provinces.length), docNow = new Uint8Array(D.now.length);
  for (i = 0; i < N; i++) {
    if (kind[i] === K.document && prov[i] >= 0) { docProv[prov[i]] = 1; if (D.province_now[prov[i]] >= 0) { docNow[D.province_now[prov[i]]] = 1; } }
  }
  group(provinceSel, 'as written', 'written:', D.provinces.filter(function (p, k) { return docProv[k]; }));
  group(provinceSel, 'today\u2019s (since 1 July 2025)', 'now:', D.now.filter(function (p, k) { return docNow[k]; }));
  D.document_kinds.forEach(function (v) { var o = document.createElement('option'); o.value = v; o.textContent = v; kindSel.appendChild(o); });
  function syncControls() {
    var v = state.province;
    var known = Array.prototype.some.call(provinceSel.options, function (o) { return o.value === v; });
    if (v && !known) {
      var o = document.createElement('option'); o.value = v; o.textContent = v.replace(/^(written|now):/, '');
      provinceSel.appendChild(o);
    }
    provinceSel.value = v;
    fromIn.value = state.from ? String(state.from) : '';
    toIn.value = state.to ? String(state.to) : '';
    kindSel.value = state.kind;
    groupSel.value = state.group;
    peopleBox.checked = state.people;
  }
  function changed() {
    state.province = provinceSel.value;
    state.from = parseInt(fromIn.value, 10) || 0;
    state.to = parseInt(toIn.value, 10) || 0;
    state.kind = kindSel.value;
    state.group = groupSel.value === 'now' ? 'now' : 'written';
    state.people = peopleBox.checked;
    state.open = {};
    render();
  }
  [provinceSel, fromIn, toIn, kindSel, groupSel, peopleBox].forEach(function (el) { el.addEventListener('change', changed); });
  document.getElementById('overview').addEventListener('click', function () {
    state.focus = -1; state.open = {};
    render();
  });
  window.addEventListener('hashchange', function () {
    if (location.hash.replace(/^#/, '') === written) { return; }
    readHash();
    render();
  });

  // Search: the nodes drawn that match are outlined; the first twenty
  // matches anywhere are listed, a click on one shows its neighbourhood.
  var folded = null, query = '';
  var results = document.getElementById('results');
  function highlight() {
    cy.nodes().removeClass('hit');
    if (query.length < 2) { return; }
    cy.nodes().forEach(function (el) {
      var o = current.nodes[el.id()];
      if (o && o.real !== undefined && folded[o.real].indexOf(query) >= 0) { el.addClass('hit'); }
    });
  }
  document.getElementById('search').addEventListener('input', function (evt) {
    query = fold(evt.target.value);
    results.replaceChildren();
    if (query.length < 2) { highlight(); return; }
    if (!folded) { folded = D.nodes.map(function (n) { return fold(n[2] + ' ' + n[4] + ' ' + n[3]); }); }
    highlight();
    var found = 0;
    for (var j = 0; j < N && found < 20; j++) {
      if (folded[j].indexOf(query) < 0) { continue; }
      found += 1;
      var li = document.createElement('li'), b = document.createElement('button');
      b.type = 'button';
      b.textContent = D.nodes[j][2] + ' (' + D.kinds[kind[j]] + ')';
      b.dataset.index = String(j);
      li.appendChild(b);
      results.appendChild(li);
    }
  });
  results.addEventListener('click', function (evt) {
    var j = parseInt(evt.target.dataset ? evt.target.dataset.index : '', 10);
    if (isNaN(j)) { return; }
    if (kind[j] === K.province) { state.province = 'written:' + D.nodes[j][2]; state.focus = -1; state.open = {}; render(); return; }
    state.focus = j;
    render();
    facts(j);
  });

  document.getElementById('count').textContent = String(N);
  readHash();
  render();
  if (state.focus >= 0) { facts(state.focus); }
  document.body.dataset.scriptMs = String(Math.round(performance.now() - started));
  // Ready once the first view is on the canvas (or, with nothing to draw,
  // after the first frame).
  function ready() {
    if (document.body.dataset.status === 'ready') { return; }
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.status = 'ready';
  }
  cy.one('render', ready);
  requestAnimationFrame(function () { requestAnimationFrame(ready); });
})();
