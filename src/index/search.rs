//! `cancu search`: queries over the index.
//!
//! The query language is small and forgiving: words are ANDed; `"…"` is a
//! phrase; `OR` between two clauses makes them alternatives; `-` before a
//! clause excludes it; `title:`, `body:`, `party:` and `signer:` before a
//! clause limit it to one field. Every clause is looked up twice, as written
//! (tone placement normalised) and folded (no diacritics), and a match as
//! written is boosted, so "khuyen hoc" finds "khuyến học" and a query with
//! the right diacritics ranks the documents that have them first. Words
//! that also stand together in the order typed rank higher.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Searcher, Term};

use super::analyzer::{folded_term, terms, words};
use super::lazy_union::LazyUnion;
use super::{tantivy_error, Fields, Index, SEARCH_DIR};
use crate::extract::Kind;
use crate::graph::reach::Reach;
use crate::graph::{Graph, NodeKind};
use crate::ingest::Record;
use crate::text::name_key;
use crate::{ident, Knowledge, Result};

/// Boost of a match as written over a folded one.
const EXACT_BOOST: f32 = 2.0;
/// Boost of a match in the title over one in the body.
const TITLE_BOOST: f32 = 1.5;

/// Which field a clause is limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title and body.
    Text,
    Title,
    Body,
    Party,
    Signer,
}

/// One clause of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryPart {
    pub text: String,
    pub scope: Scope,
    pub negated: bool,
}

/// A query: clauses that must all match, each a set of alternatives.
pub type ParsedQuery = Vec<Vec<QueryPart>>;

/// Parse the query language (see the module's documentation).
pub fn parse_query(q: &str) -> ParsedQuery {
    // Lexemes: quoted phrases (with their prefix) and bare words.
    let mut lexemes: Vec<(String, bool)> = Vec::new(); // (text, was quoted)
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' | '“' | '”' => {
                if quoted {
                    lexemes.push((std::mem::take(&mut cur), true));
                    quoted = false;
                } else {
                    // A prefix such as `title:` or `-` stays with the phrase.
                    quoted = true;
                    if !(cur.is_empty() || cur.ends_with(':') || cur == "-" || cur.ends_with(":-")) {
                        lexemes.push((std::mem::take(&mut cur), false));
                    }
                    cur.push('\u{0}');
                }
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    lexemes.push((std::mem::take(&mut cur), false));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        lexemes.push((cur, quoted));
    }

    let mut groups: ParsedQuery = Vec::new();
    let mut join_next = false;
    for (lex, _) in lexemes {
        if lex == "OR" {
            join_next = !groups.is_empty();
            continue;
        }
        let (head, body) = match lex.split_once('\u{0}') {
            // A phrase: its prefix is before the quote.
            Some((h, b)) => (h.to_string(), b.to_string()),
            // A bare word: its prefix is in the word itself.
            None => {
                let (negated, w) = match lex.strip_prefix('-') {
                    Some(rest) if !rest.is_empty() => (true, rest),
                    _ => (false, lex.as_str()),
                };
                let (scope, w) = split_scope(w);
                (
                    format!("{}{}", if negated { "-" } else { "" }, scope_name(scope)),
                    w.to_string(),
                )
            }
        };
        let negated = head.starts_with('-');
        let (scope, _) = split_scope(head.trim_start_matches('-'));
        if terms(&body, true).is_empty() {
            continue;
        }
        let part = QueryPart {
            text: body,
            scope,
            negated,
        };
        match groups.last_mut() {
            Some(last) if join_next && !negated && !last.iter().any(|p| p.negated) => last.push(part),
            _ => groups.push(vec![part]),
        }
        join_next = false;
    }
    groups
}

fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::Text => "",
        Scope::Title => "title:",
        Scope::Body => "body:",
        Scope::Party => "party:",
        Scope::Signer => "signer:",
    }
}

/// `title:word` → (Title, "word"); anything else → (Text, as is).
fn split_scope(w: &str) -> (Scope, &str) {
    if let Some((field, rest)) = w.split_once(':') {
        let scope = match field.to_lowercase().as_str() {
            "title" => Some(Scope::Title),
            "body" | "text" => Some(Scope::Body),
            "party" => Some(Scope::Party),
            "signer" => Some(Scope::Signer),
            _ => None,
        };
        if let Some(s) = scope {
            return (s, rest);
        }
    }
    (Scope::Text, w)
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// Restrictions on the documents that match.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// A province as on the document or today's, any spelling.
    pub province: Option<String>,
    pub kind: Option<Kind>,
    pub year: Option<u16>,
    /// Documents whose period overlaps this one.
    pub period: Option<[u16; 2]>,
    /// Documents citing this instrument (any spelling or alias).
    pub cites: Option<String>,
    /// With `cites`: also documents that rest on it through a chain.
    pub transitive: bool,
    /// Longest chain followed with `transitive`.
    pub depth: usize,
    /// Province of a local instrument given to `cites`.
    pub cites_province: Option<String>,
    pub party: Option<String>,
    pub signer: Option<String>,
}

/// How many results, from where, in what order.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
    /// Length of a snippet, in characters (about).
    pub snippet_chars: usize,
    /// Match every query word folded (without diacritics), whatever was typed.
    pub fold: bool,
}

impl Default for SearchConfig {
    fn default() -> SearchConfig {
        SearchConfig {
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            facets: false,
            snippet_chars: 160,
            fold: false,
        }
    }
}

/// A passage of a document around the query's words. Offsets are
/// **character** offsets into the document's text as decoded (the
/// coordinates of `cancu extract`'s spans).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// The passage as written.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The words that match, as `[start, end)` offsets into the document.
    pub highlights: Vec<[usize; 2]>,
}

/// One document found.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    /// BM25 score (relevance order only).
    pub score: Option<f32>,
    pub path: String,
    pub kind: Kind,
    pub title: Option<String>,
    /// Matching words of the title, as `[start, end)` character offsets into the title.
    pub title_highlights: Vec<[usize; 2]>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub province: Option<String>,
    pub province_now: Option<String>,
    pub period: Option<[u16; 2]>,
    pub snippets: Vec<Snippet>,
}

/// Counts of the matching documents by province, kind, year and cited instrument.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub province: Vec<(String, usize)>,
    pub province_now: Vec<(String, usize)>,
    pub kind: Vec<(String, usize)>,
    pub year: Vec<(String, usize)>,
    pub cites: Vec<(String, usize)>,
}

/// What a search found.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Documents that match, in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
}

fn term_or_phrase(field: Field, terms: &[String]) -> Option<Box<dyn Query>> {
    match terms {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ))),
        many => Some(Box::new(PhraseQuery::new(
            many.iter().map(|t| Term::from_field_text(field, t)).collect(),
        ))),
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// The fields (as written, folded, weight) a clause searches.
fn field_pairs(f: &Fields, scope: Scope) -> Vec<(Field, Field, f32)> {
    match scope {
        Scope::Text => vec![(f.title, f.title_f, TITLE_BOOST), (f.body, f.body_f, 1.0)],
        Scope::Title => vec![(f.title, f.title_f, 1.0)],
        Scope::Body => vec![(f.body, f.body_f, 1.0)],
        Scope::Party => vec![(f.party, f.party_f, 1.0)],
        Scope::Signer => vec![(f.signer, f.signer_f, 1.0)],
    }
}

/// One clause, by the rule of [`part_clauses`], in each of its fields.
fn part_query(f: &Fields, part: &QueryPart, fold: bool) -> Box<dyn Query> {
    let should = part_clauses(f, part, fold)
        .into_iter()
        .map(|q| (Occur::Should, q))
        .collect();
    Box::new(BooleanQuery::new(should))
}

/// The alternatives of a part, in each field its scope covers. What was
/// typed is what is searched, word by word: a word typed with diacritics
/// matches that word only (as written, tone placement, Unicode form, `Ð`
/// and case normalised), never the other words that fold the same; a word
/// typed without them matches every word that folds to it, the one written
/// so ranked first. With `fold`, every word is matched folded.
fn part_clauses(f: &Fields, part: &QueryPart, fold: bool) -> Vec<Box<dyn Query>> {
    let exact = terms(&part.text, false);
    let folded = terms(&part.text, true);
    // Which words carry diacritics (their exact and folded terms differ).
    let marked: Vec<bool> = exact.iter().zip(&folded).map(|(e, d)| !fold && e != d).collect();
    let all_marked = !marked.is_empty() && marked.iter().all(|&m| m);
    let any_marked = marked.iter().any(|&m| m);
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for (written, fold_field, weight) in field_pairs(f, part.scope) {
        if let Some(q) = term_or_phrase(written, &exact) {
            out.push(boosted(q, EXACT_BOOST * weight));
        }
        if all_marked {
            continue;
        }
        let Some(q) = term_or_phrase(fold_field, &folded) else {
            continue;
        };
        if any_marked {
            // Mixed: the words in order, folded; each typed with its
            // diacritics present as written.
            let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q)];
            for (t, _) in exact.iter().zip(&marked).filter(|(_, &m)| m) {
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(written, t),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            out.push(boosted(Box::new(BooleanQuery::new(must)), weight));
        } else {
            out.push(boosted(q, weight));
        }
    }
    out
}

fn text_query(f: &Fields, parsed: &ParsedQuery, fold: bool) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = Vec::new();
    for group in parsed {
        if let [one] = group.as_slice() {
            let occur = if one.negated { Occur::MustNot } else { Occur::Must };
            clauses.push((occur, part_query(f, one, fold)));
        } else {
            let alternatives = group.iter().map(|p| (Occur::Should, part_query(f, p, fold))).collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>));
        }
    }
    clauses
}

/// A phrase over a folded field, matching a name anywhere in it.
fn name_query(field: Field, name: &str) -> Box<dyn Query> {
    term_or_phrase(field, &terms(name, true)).unwrap_or_else(|| Box::new(EmptyQuery))
}

fn u64_range(field: Field, lo: u64, hi: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, lo)),
        Bound::Included(Term::from_field_u64(field, hi)),
    ))
}

impl Index {
    fn filter_queries(&self, filters: &Filters, k: &Knowledge) -> Result<Vec<Box<dyn Query>>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(p) = &filters.province {
            let name = k.places.province(p).map_or_else(|| p.clone(), |pr| pr.name.clone());
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.province_key, &name_key(&name)),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(kind) = filters.kind {
            let name = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.kind, &name),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(y) = filters.year {
            out.push(u64_range(f.year, y.into(), y.into()));
        }
        if let Some([a, b]) = filters.period {
            out.push(u64_range(f.period_from, 0, b.into()));
            out.push(u64_range(f.period_to, a.into(), u64::from(u16::MAX)));
        }
        if let Some(id) = &filters.cites {
            let canonical = k.catalog.get(id).map_or_else(|| id.clone(), |e| e.id.clone());
            let direct: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(f.cites, &ident::key(&canonical)),
                IndexRecordOption::Basic,
            ));
            if filters.transitive {
                let province = filters.cites_province.as_deref();
                // The reach file answers without reading the whole graph; an
                // index written before it existed has only graph.json.
                let term = |p: &str| p.strip_prefix("doc:").map(|p| Term::from_field_text(f.path, p));
                let resting: Box<dyn Query> = match Reach::load(&self.generation_dir())? {
                    Some(reach) => match reach.resolve(id, province, k) {
                        Ok(target) => {
                            let hits = reach.implementer_nodes(target, filters.depth);
                            if hits.len() * 2 > reach.documents() {
                                // Most of the corpus: every document but the others.
                                let others: Vec<Term> = reach.others(&hits).into_iter().filter_map(term).collect();
                                Box::new(BooleanQuery::new(vec![
                                    (Occur::Must, Box::new(AllQuery)),
                                    (Occur::MustNot, Box::new(TermSetQuery::new(others))),
                                ]))
                            } else {
                                let paths = hits.into_iter().filter_map(|i| term(reach.id(i)));
                                Box::new(TermSetQuery::new(paths))
                            }
                        }
                        Err(_) => Box::new(TermSetQuery::new(Vec::<Term>::new())),
                    },
                    None => {
                        let graph = Graph::load(&self.generation_dir())?;
                        let paths: Vec<Term> = match graph.resolve(id, province, k) {
                            Ok(target) => graph
                                .implementers(target, filters.depth)
                                .into_iter()
                                .filter(|h| h.kind == NodeKind::Document)
                                .filter_map(|h| term(&h.id))
                                .collect(),
                            Err(_) => Vec::new(),
                        };
                        Box::new(TermSetQuery::new(paths))
                    }
                };
                out.push(Box::new(BooleanQuery::new(vec![
                    (Occur::Should, direct),
                    (Occur::Should, resting),
                ])));
            } else {
                out.push(direct);
            }
        }
        if let Some(p) = &filters.party {
            out.push(name_query(f.party_f, p));
        }
        if let Some(s) = &filters.signer {
            out.push(name_query(f.signer_f, s));
        }
        Ok(out)
    }

    /// Run a query with filters.
    pub fn search(&self, query: &str, filters: &Filters, cfg: &SearchConfig, k: &Knowledge) -> Result<Results> {
        let at = self.dir.join(SEARCH_DIR);
        let err = |e: tantivy::TantivyError| tantivy_error(&at, e);
        let f = &self.fields;
        let parsed = parse_query(query);
        let mut clauses = text_query(f, &parsed, cfg.fold);
        // Words that also stand in the order typed rank higher.
        let words: Vec<&str> = parsed
            .iter()
            .filter_map(|g| match g.as_slice() {
                [p] if !p.negated && p.scope == Scope::Text => Some(p.text.as_str()),
                _ => None,
            })
            .collect();
        if words.len() >= 2 {
            let together = QueryPart {
                text: words.join(" "),
                scope: Scope::Text,
                negated: false,
            };
            // Optional: evaluated only on the documents the rest keeps.
            clauses.push((
                Occur::Should,
                Box::new(LazyUnion::new(part_clauses(f, &together, cfg.fold))),
            ));
        }
        let scored = clauses.iter().any(|(o, _)| *o == Occur::Must);
        for q in self.filter_queries(filters, k)? {
            // Filters do not change the score.
            let q: Box<dyn Query> = Box::new(tantivy::query::ConstScoreQuery::new(q, 0.0));
            clauses.push((Occur::Must, q));
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let q = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();

        let want = cfg.offset.saturating_add(cfg.limit);
        let (total, page): (usize, Vec<(Option<f32>, DocAddress)>) = match cfg.sort {
            Sort::Relevance => {
                let (top, total) = searcher
                    .search(&q, &(TopDocs::with_limit(want.max(1)), Count))
                    .map_err(err)?;
                (total, top.into_iter().map(|(s, a)| (scored.then_some(s), a)).collect())
            }
            Sort::Date => {
                let (top, total): (Vec<(Option<u64>, DocAddress)>, usize) = searcher
                    .search(
                        &q,
                        &(
                            TopDocs::with_limit(want.max(1)).order_by_fast_field::<u64>("date", Order::Desc),
                            Count,
                        ),
                    )
                    .map(|(t, c)| (t.into_iter().map(|(d, a)| (Some(d), a)).collect(), c))
                    .map_err(err)?;
                (total, top.into_iter().map(|(_, a)| (None, a)).collect())
            }
        };

        // Load the page's records; equal scores are ordered by path.
        let mut docs: Vec<(Option<f32>, Record, DocAddress)> = Vec::new();
        for (score, addr) in page {
            docs.push((score, self.record_at(&searcher, addr)?, addr));
        }
        match cfg.sort {
            Sort::Relevance => docs.sort_by(|a, b| {
                b.0.unwrap_or(0.0)
                    .total_cmp(&a.0.unwrap_or(0.0))
                    .then_with(|| a.1.path.cmp(&b.1.path))
            }),
            Sort::Date => docs.sort_by(|a, b| {
                b.1.extraction
                    .date
                    .cmp(&a.1.extraction.date)
                    .then_with(|| a.1.path.cmp(&b.1.path))
            }),
        }
        let highlight: BTreeSet<String> = parsed
            .iter()
            .flatten()
            .filter(|p| !p.negated && matches!(p.scope, Scope::Text | Scope::Title | Scope::Body))
            .flat_map(|p| terms(&p.text, true))
            .collect();
        let mut hits = Vec::new();
        for (i, (score, rec, addr)) in docs.into_iter().enumerate().skip(cfg.offset) {
            let body = self.body_at(&searcher, addr)?;
            let e = rec.extraction;
            let title_highlights = e
                .title
                .as_deref()
                .map(|t| {
                    matches(t, &highlight)
                        .into_iter()
                        .map(|(a, b, _)| char_span(t, a, b))
                        .collect()
                })
                .unwrap_or_default();
            hits.push(Hit {
                rank: i + 1,
                score,
                path: rec.path,
                kind: e.kind,
                title: e.title,
                title_highlights,
                number: e.number,
                date: e.date,
                province: e.province,
                province_now: e.province_now,
                period: e.period,
                snippets: snippet(&body, &highlight, cfg.snippet_chars).into_iter().collect(),
            });
        }
        let facets = if cfg.facets {
            Some(self.facets(&searcher, &q).map_err(err)?)
        } else {
            None
        };
        Ok(Results { total, hits, facets })
    }

    fn facets(&self, searcher: &Searcher, q: &dyn Query) -> tantivy::Result<Facets> {
        let docs = searcher.search(q, &DocSetCollector)?;
        let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for a in docs {
            by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
        }
        let mut counts: [HashMap<String, usize>; 5] = Default::default();
        for (seg, ids) in by_segment {
            let ff = searcher.segment_reader(seg).fast_fields();
            let years = ff.u64("year")?;
            for (slot, name) in [(0, "province"), (1, "province_now"), (2, "kind"), (4, "cited")] {
                let Some(col) = ff.str(name)? else { continue };
                // Count by term ordinal; name each ordinal once.
                let mut by_ord: HashMap<u64, usize> = HashMap::new();
                for &d in &ids {
                    for o in col.term_ords(d) {
                        *by_ord.entry(o).or_default() += 1;
                    }
                }
                let mut s = String::new();
                for (o, n) in by_ord {
                    s.clear();
                    if col.ord_to_str(o, &mut s)? {
                        *counts[slot].entry(s.clone()).or_default() += n;
                    }
                }
            }
            for &d in &ids {
                if let Some(y) = years.first(d) {
                    *counts[3].entry(y.to_string()).or_default() += 1;
                }
            }
        }
        let sorted = |m: &HashMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.iter().map(|(k, v)| (k.clone(), *v)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let mut years = sorted(&counts[3]);
        years.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(Facets {
            province: sorted(&counts[0]),
            province_now: sorted(&counts[1]),
            kind: sorted(&counts[2]),
            year: years,
            cites: sorted(&counts[4]),
        })
    }
}

/// The words of `text` whose folded term is in `terms`: byte ranges and terms.
fn matches(text: &str, terms: &BTreeSet<String>) -> Vec<(usize, usize, String)> {
    if terms.is_empty() {
        return Vec::new();
    }
    words(text)
        .filter_map(|(a, b)| {
            let t = folded_term(&text[a..b]);
            terms.contains(&t).then_some((a, b, t))
        })
        .collect()
}

fn char_span(text: &str, a: usize, b: usize) -> [usize; 2] {
    let start = text[..a].chars().count();
    [start, start + text[a..b].chars().count()]
}

/// The passage of about `max_chars` characters with the most distinct
/// matching words (the earliest of equals).
fn snippet(text: &str, terms: &BTreeSet<String>, max_chars: usize) -> Option<Snippet> {
    let found = matches(text, terms);
    if found.is_empty() {
        return None;
    }
    // Vietnamese runs about 1.4 bytes a character.
    let width = max_chars.max(20) * 7 / 5;
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, first match)
    for i in 0..found.len() {
        let mut distinct = BTreeSet::new();
        let mut n = 0;
        for m in &found[i..] {
            if m.1 - found[i].0 > width {
                break;
            }
            distinct.insert(&m.2);
            n += 1;
        }
        if (distinct.len(), n) > (best.0, best.1) {
            best = (distinct.len(), n, i);
        }
    }
    let first = &found[best.2];
    let last_end = found[best.2..]
        .iter()
        .take(best.1)
        .map(|m| m.1)
        .max()
        .unwrap_or(first.1);
    let slack = width.saturating_sub(last_end - first.0);
    let mut start = first.0.saturating_sub(slack / 3);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Start at a word's beginning.
    if start > 0 {
        if let Some(ws) = text[start..first.0].find(char::is_whitespace) {
            start += ws + text[start + ws..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut end = (start + width).max(last_end).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        if let Some(ws) = text[last_end..end].rfind(char::is_whitespace) {
            end = last_end + ws;
        }
    }
    let base = text[..start].chars().count();
    let highlights = found
        .iter()
        .filter(|m| m.0 >= start && m.1 <= end)
        .map(|m| {
            let a = base + text[start..m.0].chars().count();
            [a, a + text[m.0..m.1].chars().count()]
        })
        .collect();
    Some(Snippet {
        text: text[start..end].to_string(),
        start: base,
        end: base + text[start..end].chars().count(),
        highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str, scope: Scope, negated: bool) -> QueryPart {
        QueryPart {
            text: text.into(),
            scope,
            negated,
        }
    }

    #[test]
    fn query_language() {
        use Scope::*;
        let cases: Vec<(&str, ParsedQuery)> = vec![
            (
                "khuyen hoc",
                vec![vec![part("khuyen", Text, false)], vec![part("hoc", Text, false)]],
            ),
            (
                "\"công dân học tập\"",
                vec![vec![part("công dân học tập", Text, false)]],
            ),
            (
                "a OR b c",
                vec![
                    vec![part("a", Text, false), part("b", Text, false)],
                    vec![part("c", Text, false)],
                ],
            ),
            (
                "-tỉnh title:khuyến",
                vec![vec![part("tỉnh", Text, true)], vec![part("khuyến", Title, false)]],
            ),
            (
                "title:\"khuyến học\" -\"Bến Tre\"",
                vec![
                    vec![part("khuyến học", Title, false)],
                    vec![part("Bến Tre", Text, true)],
                ],
            ),
            (
                "party:Đoàn 1373/QĐ-TTg",
                vec![vec![part("Đoàn", Party, false)], vec![part("1373/QĐ-TTg", Text, false)]],
            ),
            // An unknown prefix is text; lone operators and punctuation are dropped.
            ("Số: OR - ★", vec![vec![part("Số:", Text, false)]]),
            ("", vec![]),
            ("\"unclosed phrase", vec![vec![part("unclosed phrase", Text, false)]]),
        ];
        for (q, expect) in cases {
            assert_eq!(parse_query(q), expect, "query {q:?}");
        }
    }

    #[test]
    fn snippets_center_on_the_most_matching_passage() {
        let text = "Mở đầu văn bản. ".repeat(30) + "Hội Khuyến học tỉnh Bến Tre phối hợp. " + &"Kết thúc. ".repeat(30);
        let terms: BTreeSet<String> = ["khuyen", "hoc"].iter().map(|s| s.to_string()).collect();
        let s = snippet(&text, &terms, 80).expect("a snippet");
        let chars: Vec<char> = text.chars().collect();
        let slice: String = chars[s.start..s.end].iter().collect();
        assert_eq!(slice, s.text);
        let words: Vec<String> = s
            .highlights
            .iter()
            .map(|[a, b]| chars[*a..*b].iter().collect())
            .collect();
        assert_eq!(words, ["Khuyến", "học"]);
        assert!(s.text.chars().count() <= 140, "{}", s.text);
        assert!(snippet(&text, &BTreeSet::new(), 80).is_none());
    }
}
