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

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, DocSetCollector};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Executor, Searcher, Term};

use super::analyzer::{folded_into, terms, word_at, word_char_before, words};
use super::lazy_union::LazyUnion;
use super::page::{By, Page};
use super::pairs::PairPhrase;
use super::{tantivy_error, Fields, Index, SEARCH_DIR};
use crate::extract::Kind;
use crate::extract::KnowledgeOnDemand;
use crate::graph::{Graph, NodeKey, NodeKind};
use crate::text::name_key;
use crate::{ident, Result};

/// Boost of a match as written over a folded one.
const EXACT_BOOST: f32 = 2.0;
/// Boost of the words typed side by side found side by side: a document
/// about Bình Định ranks above one that names Hòa Bình and Định Hóa often.
const TOGETHER_BOOST: f32 = 4.0;
/// Boost of a match in the title over one in the body.
const TITLE_BOOST: f32 = 1.5;
/// Indexes of this many documents or more are searched on every core (one
/// thread a segment at most); below, starting threads costs more than
/// they save.
const PARALLEL_FROM: u64 = 20_000;

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

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most words a query may hold (each is looked up as written and folded, in
/// every field its clause covers).
pub const MAX_QUERY_WORDS: usize = 32;
/// Longest word the index holds, in bytes (the analyser leaves longer runs
/// of letters out, so such a query word could match nothing).
pub const MAX_WORD_BYTES: usize = 200;
/// Longest title a hit carries, in characters (a longer one is cut at a word
/// and ends with `…`).
pub const MAX_TITLE_CHARS: usize = 300;

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is {chars} characters long; at most {MAX_QUERY_CHARS} are allowed")]
    TooLong { chars: usize },
    #[error("the query has {words} words; at most {MAX_QUERY_WORDS} are allowed")]
    TooManyWords { words: usize },
    #[error("the query word \"{start}…\" is longer than {MAX_WORD_BYTES} bytes; no indexed word is that long")]
    WordTooLong {
        /// The word's first characters.
        start: String,
    },
    #[error(
        "the query has no word to search for, only punctuation or operators (give no query to list every document)"
    )]
    NoWords,
}

/// A letter, digit or combining mark: what the analyser makes words of.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The first run of word characters longer than the index holds.
fn too_long_word(text: &str) -> Option<&str> {
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                if i - a > MAX_WORD_BYTES {
                    return Some(&text[a..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// Parse the query language (see the module's documentation). A query of
/// whitespace only is empty (every document); one longer than
/// [`MAX_QUERY_CHARS`], with more than [`MAX_QUERY_WORDS`] words, with a word
/// longer than [`MAX_WORD_BYTES`], or with nothing to search for but
/// punctuation and operators, is refused.
pub fn parse_query(q: &str) -> Result<ParsedQuery, QueryError> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    if let Some(w) = too_long_word(q) {
        return Err(QueryError::WordTooLong {
            start: w.chars().take(20).collect(),
        });
    }
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
            // Control characters separate like spaces (and so never reach
            // the phrase marker).
            c if (c.is_whitespace() || c.is_control()) && !quoted => {
                if !cur.is_empty() {
                    lexemes.push((std::mem::take(&mut cur), false));
                }
            }
            c if c.is_control() => cur.push(' '),
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        lexemes.push((cur, quoted));
    }

    let mut groups: ParsedQuery = Vec::new();
    let mut join_next = false;
    let mut n_words = 0usize;
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
        let n = words(&body).count();
        if n == 0 {
            continue;
        }
        n_words += n;
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
    if n_words > MAX_QUERY_WORDS {
        return Err(QueryError::TooManyWords { words: n_words });
    }
    if groups.is_empty() && !q.chars().all(|c| c.is_whitespace() || c.is_control()) {
        return Err(QueryError::NoWords);
    }
    Ok(groups)
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
    /// Documents signed within this range (`--from`, `--to`).
    pub signed: crate::date::DateRange,
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
    pub date: Option<crate::date::Date>,
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

/// A term, or a phrase of two words found as a pair of `pairs` when the
/// field has them (the same documents and scores as [`term_or_phrase`]).
fn term_or_pairs(field: Field, pairs: Option<(Field, bool)>, terms: &[String]) -> Option<Box<dyn Query>> {
    match (pairs, terms) {
        (Some((p, folded)), [_, _, ..]) => Some(Box::new(PairPhrase::new(field, p, terms.to_vec(), folded))),
        _ => term_or_phrase(field, terms),
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

/// A field of a clause: as written, folded, its pairs when it has them,
/// and its weight.
struct FieldPair {
    written: Field,
    folded: Field,
    pairs: Option<Field>,
    weight: f32,
}

/// The fields a clause searches.
fn field_pairs(f: &Fields, scope: Scope) -> Vec<FieldPair> {
    let plain = |written, folded, weight| FieldPair {
        written,
        folded,
        pairs: None,
        weight,
    };
    let title = |weight| FieldPair {
        pairs: Some(f.title_p),
        ..plain(f.title, f.title_f, weight)
    };
    let body = FieldPair {
        pairs: Some(f.body_p),
        ..plain(f.body, f.body_f, 1.0)
    };
    match scope {
        Scope::Text => vec![title(TITLE_BOOST), body],
        Scope::Title => vec![title(1.0)],
        Scope::Body => vec![body],
        Scope::Party => vec![plain(f.party, f.party_f, 1.0)],
        Scope::Signer => vec![plain(f.signer, f.signer_f, 1.0)],
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
    for FieldPair {
        written,
        folded: fold_field,
        pairs,
        weight,
    } in field_pairs(f, part.scope)
    {
        if let Some(q) = term_or_pairs(written, pairs.map(|p| (p, false)), &exact) {
            out.push(boosted(q, EXACT_BOOST * weight));
        }
        if all_marked {
            continue;
        }
        let Some(q) = term_or_pairs(fold_field, pairs.map(|p| (p, true)), &folded) else {
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

/// Terms at most this many are looked up one by one; more, as one set.
const FEW_TERMS: usize = 64;

/// The documents with any of `terms`. A few are a union of term queries: a
/// [`TermSetQuery`] builds an automaton of its terms first, whose builder
/// alone allocates about a megabyte, a millisecond of a whole search.
fn any_of(terms: Vec<Term>) -> Box<dyn Query> {
    match terms.len() {
        0 => Box::new(EmptyQuery),
        n if n <= FEW_TERMS => Box::new(BooleanQuery::new(
            terms
                .into_iter()
                .map(|t| -> (Occur, Box<dyn Query>) {
                    (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)))
                })
                .collect(),
        )),
        _ => Box::new(TermSetQuery::new(terms)),
    }
}

impl Index {
    fn filter_queries(&self, filters: &Filters, knowledge: &KnowledgeOnDemand) -> Result<Vec<Box<dyn Query>>> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(p) = &filters.province {
            let name = knowledge
                .places()?
                .province(p)
                .map_or_else(|| p.clone(), |pr| pr.name.clone());
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.province_key, &name_key(&name)),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(kind) = filters.kind {
            out.push(Box::new(TermQuery::new(
                Term::from_field_text(f.kind, kind.as_str()),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(y) = filters.year {
            out.push(u64_range(f.year, y.into(), y.into()));
        }
        if !filters.signed.is_open() {
            let (from, to) = (filters.signed.from.unwrap_or(0), filters.signed.to.unwrap_or(u32::MAX));
            out.push(u64_range(f.date, from.into(), to.into()));
        }
        if let Some([a, b]) = filters.period {
            out.push(u64_range(f.period_from, 0, b.into()));
            out.push(u64_range(f.period_to, a.into(), u64::from(u16::MAX)));
        }
        if let Some(id) = &filters.cites {
            let canonical = knowledge
                .catalog()?
                .get(id)
                .map_or_else(|| id.clone(), |e| e.id.clone());
            // Typed without diacritics (`1373/QD-TTg`), it stands for every
            // spelling with them too.
            let direct = any_of(
                ident::key_variants(&canonical)
                    .iter()
                    .map(|v| Term::from_field_text(f.cites, v))
                    .collect(),
            );
            if filters.transitive {
                let province = filters.cites_province.as_deref();
                // The graph file is mapped, not read: the walk reads only
                // the nodes and edges it follows.
                let term = |p: &str| NodeKey::document_path(p).map(|p| Term::from_field_text(f.path, p));
                let graph = Graph::load(&self.generation_dir())?;
                let resting: Box<dyn Query> = match graph.resolve(id, province, knowledge.catalog()?) {
                    Ok(target) => {
                        let hits = graph.implementing_documents(target, filters.depth);
                        let documents = graph.documents();
                        if hits.len() * 2 > documents {
                            // Most of the corpus: every document but the others.
                            let mut inside = vec![false; graph.node_count()];
                            for i in hits {
                                inside[i.index()] = true;
                            }
                            let others: Vec<Term> = graph
                                .nodes()
                                .filter(|&i| graph.kind(i) == NodeKind::Document && !inside[i.index()])
                                .filter_map(|i| term(graph.id(i)))
                                .collect();
                            Box::new(BooleanQuery::new(vec![
                                (Occur::Must, Box::new(AllQuery)),
                                (Occur::MustNot, any_of(others)),
                            ]))
                        } else {
                            any_of(hits.into_iter().filter_map(|i| term(graph.id(i))).collect())
                        }
                    }
                    Err(_) => any_of(Vec::new()),
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

    /// Run a query with filters. `knowledge` is asked for the reference
    /// data only when a filter names a province (the gazetteer) or an
    /// instrument (all of it).
    pub fn search(
        &self,
        query: &str,
        filters: &Filters,
        cfg: &SearchConfig,
        knowledge: &KnowledgeOnDemand,
    ) -> Result<Results> {
        let at = self.dir.join(SEARCH_DIR);
        let err = |e: tantivy::TantivyError| tantivy_error(&at, e);
        let parsed = parse_query(query).map_err(|e| crate::Error::Data {
            source_name: "query".into(),
            message: e.to_string(),
        })?;
        let (q, scored) = self.query_of(&parsed, filters, cfg.fold, knowledge)?;
        let searcher = self.reader.searcher();

        // No more than the index holds: the collectors allocate for as many.
        let want = cfg
            .offset
            .saturating_add(cfg.limit)
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        let by = match cfg.sort {
            Sort::Relevance => By::Score,
            Sort::Date => By::Date,
        };
        let (page, total) = self.collect(&searcher, &q, &Page { want, by, scored }).map_err(err)?;

        let highlight: Vec<String> = parsed
            .iter()
            .flatten()
            .filter(|p| !p.negated && matches!(p.scope, Scope::Text | Scope::Title | Scope::Body))
            .flat_map(|p| terms(&p.text, true))
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        // The page in order: equal scores by path (the collector's order,
        // and only the hits shown are read); by date, as the records date
        // them, equal dates by path (every document up to the page's end
        // is read).
        let shown: Vec<(Option<f32>, DocAddress, Option<Facts>)> = match cfg.sort {
            Sort::Relevance => page
                .into_iter()
                .skip(cfg.offset)
                .take(cfg.limit)
                .map(|e| (scored.then_some(e.score), e.addr, None))
                .collect(),
            Sort::Date => {
                let mut docs = Vec::with_capacity(page.len());
                for e in page {
                    let (facts, _) = self.facts_at(&searcher, e.addr, false)?;
                    docs.push((facts, e.addr));
                }
                docs.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.0.path.cmp(&b.0.path)));
                docs.into_iter()
                    .skip(cfg.offset)
                    .take(cfg.limit)
                    .map(|(facts, addr)| (None, addr, Some(facts)))
                    .collect()
            }
        };
        // Each hit's text read and its snippet found, in rank order, on
        // every core when the page's texts are long (a page of laws reads
        // and scans megabytes), the facets counted beside them.
        let hit = |(i, (score, addr, facts)): (usize, (Option<f32>, DocAddress, Option<Facts>))| {
            let (read, body) = self.facts_at(&searcher, addr, true)?;
            Ok(hit_of(
                cfg.offset + i + 1,
                score,
                facts.unwrap_or(read),
                &body,
                &highlight,
                cfg.snippet_chars,
            ))
        };
        let facets = || cfg.facets.then(|| self.facets(&searcher, &q).map_err(err)).transpose();
        let page_bytes: u64 = shown.iter().map(|&(_, addr, _)| file_size(&searcher, addr)).sum();
        let (hits, facets) = if page_bytes >= PARALLEL_PAGE_BYTES {
            use rayon::prelude::*;
            rayon::join(
                || shown.into_par_iter().enumerate().map(hit).collect::<Result<Vec<Hit>>>(),
                facets,
            )
        } else {
            (shown.into_iter().enumerate().map(hit).collect(), facets())
        };
        let (hits, facets) = (hits?, facets?);
        Ok(Results { total, hits, facets })
    }

    /// The query of the parsed clauses and filters, and whether it scores
    /// (a query of filters only does not).
    fn query_of(
        &self,
        parsed: &Vec<Vec<QueryPart>>,
        filters: &Filters,
        fold: bool,
        knowledge: &KnowledgeOnDemand,
    ) -> Result<(BooleanQuery, bool)> {
        let f = &self.fields;
        let mut clauses = text_query(f, parsed, fold);
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
                Box::new(LazyUnion::new(
                    part_clauses(f, &together, fold)
                        .into_iter()
                        .map(|q| boosted(q, TOGETHER_BOOST))
                        .collect(),
                )),
            ));
        }
        let scored = clauses.iter().any(|(o, _)| *o == Occur::Must);
        for q in self.filter_queries(filters, knowledge)? {
            // Filters do not change the score.
            let q: Box<dyn Query> = Box::new(tantivy::query::ConstScoreQuery::new(q, 0.0));
            clauses.push((Occur::Must, q));
        }
        if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok((BooleanQuery::new(clauses), scored))
    }

    /// Run `collector` over the segments: on every core when the index is
    /// large enough for threads to pay for their start, else on this one.
    fn collect<C: Collector>(&self, searcher: &Searcher, q: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let segments = searcher.segment_readers().len();
        // The cores are asked for only then (reading the process's CPU
        // quota costs a small search a tenth of a millisecond). Threads
        // that cannot be started leave the search on this one.
        let executor = (segments > 1 && searcher.num_docs() >= PARALLEL_FROM)
            .then(|| {
                let cores = std::thread::available_parallelism().map_or(1, usize::from);
                let threads = cores.min(segments);
                (threads > 1).then(|| Executor::multi_thread(threads, "cancu-search-").ok())
            })
            .flatten()
            .flatten()
            .unwrap_or_else(Executor::single_thread);
        searcher.search_with_executor(q, collector, &executor, scoring)
    }

    fn facets(&self, searcher: &Searcher, q: &dyn Query) -> tantivy::Result<Facets> {
        let docs = self.collect(searcher, q, &DocSetCollector)?;
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

impl Index {
    /// Check every file of the index against its checksum (this reads them
    /// all): an error naming the files that fail.
    pub fn verify(&self) -> Result<()> {
        let at = self.dir.join(SEARCH_DIR);
        let damaged = self.index.validate_checksum().map_err(|e| tantivy_error(&at, e))?;
        if damaged.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        names.sort();
        Err(crate::Error::Index {
            path: at,
            message: format!("files that fail their checksum: {}", names.join(", ")),
        })
    }
}

/// Bytes of text from which a page of hits is read on every core: below,
/// starting the threads costs more than they save (a search of the five
/// seeds took 1.4 ms more with them).
const PARALLEL_PAGE_BYTES: u64 = 512 << 10;

/// The size of a document's file as indexed (0 when it cannot be read:
/// the figure only chooses how a page is read).
fn file_size(searcher: &Searcher, addr: DocAddress) -> u64 {
    searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .u64("size")
        .ok()
        .and_then(|c| c.first(addr.doc_id))
        .unwrap_or(0)
}

/// The words of `text` whose folded term is one of `terms` (sorted): byte
/// range and the term's index.
fn matches<'a>(text: &'a str, terms: &'a [String]) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let starts = Starts::of(terms);
    let bytes = text.as_bytes();
    // One buffer for every word's folded term.
    let mut t = String::new();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        // To the next byte a matching word may start with: the words
        // between are passed over without being cut out or folded.
        i += bytes.get(i..)?.iter().position(|&b| starts.first[usize::from(b)])?;
        let at = i;
        if word_char_before(text, at) {
            // Inside a word whose first byte could not start a match.
            i += 1;
            continue;
        }
        let (end, counted) = word_at(text, at);
        if end == at {
            // Not a word character (`×`).
            i += 1;
            continue;
        }
        i = end;
        if !counted {
            continue;
        }
        folded_into(&text[at..end], &mut t);
        if let Ok(k) = terms.binary_search_by(|x| x.as_str().cmp(&t)) {
            return Some((at, end, k));
        }
    })
}

/// The bytes a word may start with when its folded form starts as one of
/// the terms does: the ASCII letter in either case, the first byte of each
/// character below U+2000 that folds to it, and every first byte of a
/// character above (not looked into). A word starting with any other byte
/// cannot match, and is passed over unread. A term that does not start
/// with an ASCII character makes every byte a start.
struct Starts {
    first: [bool; 256],
}

/// For each byte, the ASCII characters (a bit each) that a character
/// below U+2000 starting with that byte folds to; `u128::MAX` for the first
/// bytes of the characters above, not looked into. Written out, as
/// [`folds_from_byte`] works it out (a test holds them equal), so that no
/// search folds 8,000 characters at start-up.
static FOLDS_FROM_BYTE: [u128; 256] = {
    let mut folds = [0u128; 256];
    let mut b = 0;
    while b < 128 {
        folds[b] = 1 << (b as u8).to_ascii_lowercase();
        b += 1;
    }
    let mut i = 0;
    while i < LEAD_FOLDS.len() {
        folds[0xC2 + i] = LEAD_FOLDS[i];
        i += 1;
    }
    let mut b = 0xE2;
    while b <= 0xF4 {
        folds[b] = u128::MAX;
        b += 1;
    }
    folds
};

/// [`FOLDS_FROM_BYTE`] of the lead bytes 0xC2..=0xE1 (U+0080..U+1FFF).
/// Rows by lead byte from 0xC2: Latin-1 letters (0xC3), Latin Extended-A
/// and B (0xC4..=0xC9), the Greek question mark `;` (0xCD), Latin
/// Extended Additional (0xE1).
#[rustfmt::skip]
const LEAD_FOLDS: [u128; 32] = [
    0x00000000000000000000000000000000,
    0x0220c23a000000000000000000000000,
    0x00001fba000000000000000000000000,
    0x06bcc000000000000000000000000000,
    0x00208010000000000000000000000000,
    0x0020ce82000000000000000000000000,
    0x023c8322000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000800000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x00000000000000000000000000000000,
    0x07fdfbff000000000000000000000000,
];

/// What [`FOLDS_FROM_BYTE`] holds, from the characters themselves.
#[cfg(test)]
fn folds_from_byte() -> [u128; 256] {
    let mut folds = [0u128; 256];
    for b in 0..128u8 {
        folds[usize::from(b)] = 1 << b.to_ascii_lowercase();
    }
    let mut buf = [0u8; 4];
    for c in (0x80..0x2000).filter_map(char::from_u32) {
        let f = crate::text::fold_char(c);
        if f.is_ascii() {
            folds[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] |= 1 << (f as u32);
        }
    }
    folds[0xE2..=0xF4].fill(u128::MAX);
    folds
}

impl Starts {
    fn of(terms: &[String]) -> Starts {
        let mut ascii = 0u128;
        for t in terms {
            match t.bytes().next() {
                Some(b) if b.is_ascii() => ascii |= 1 << b,
                _ => return Starts { first: [true; 256] },
            }
        }
        // A character and what it composes with fold alike
        // (`a_word_and_its_nfd_form_fold_to_the_same_first_letter`).
        let folds = &FOLDS_FROM_BYTE;
        Starts {
            first: std::array::from_fn(|b| folds[b] & ascii != 0),
        }
    }
}

/// The matching words of `text[from..to]` as `[start, end)` character
/// offsets into `text`, counted in one pass. A word cut by either end of
/// the range is not one of its words.
fn char_marks(text: &str, terms: &[String], from: usize, to: usize) -> Vec<[usize; 2]> {
    let part = &text[from..to];
    let cut_before = text[..from].chars().next_back().is_some_and(word_char);
    let cut_after = text[to..].chars().next().is_some_and(word_char);
    let mut out = Vec::new();
    // (byte, character) of the last place counted.
    let (mut byte, mut char_at) = (0, text[..from].chars().count());
    for (a, b, _) in matches(part, terms) {
        if (a == 0 && cut_before) || (b == part.len() && cut_after) {
            continue;
        }
        char_at += part[byte..a].chars().count();
        let len = part[a..b].chars().count();
        out.push([char_at, char_at + len]);
        char_at += len;
        byte = b;
    }
    out
}

/// A title of at most [`MAX_TITLE_CHARS`] characters: a longer one is cut
/// before the word the limit falls in, and ends with `…`.
fn bounded_title(t: &str) -> String {
    let Some((cut, _)) = t.char_indices().nth(MAX_TITLE_CHARS) else {
        return t.to_string();
    };
    let mut end = cut;
    if t[cut..].chars().next().is_some_and(word_char) {
        // Back to the start of the word the limit falls in, if it has one.
        let start = t[..cut].char_indices().rev().find(|&(_, c)| !word_char(c));
        if let Some((i, c)) = start {
            end = i + c.len_utf8();
        }
    }
    format!("{}…", t[..end].trim_end())
}

/// The passage of about `max_chars` characters with the most distinct
/// matching words (the earliest of equals). `terms` are sorted. One pass
/// over the text: the passages considered start at each match and hold
/// the matches that end within the width, kept in a sliding window.
fn snippet(text: &str, terms: &[String], max_chars: usize) -> Option<Snippet> {
    use std::collections::VecDeque;
    // Vietnamese runs about 1.4 bytes a character.
    let width = max_chars.max(20) * 7 / 5;
    let mut window: VecDeque<(usize, usize, usize)> = VecDeque::new();
    let mut counts = vec![0usize; terms.len()];
    let mut distinct = 0usize;
    // ((distinct, count), first match, end of its last match)
    type Best = ((usize, usize), (usize, usize), usize);
    let mut best: Option<Best> = None;
    let mut close = |window: &mut VecDeque<(usize, usize, usize)>, counts: &mut [usize], distinct: &mut usize| {
        let (Some(&front), Some(&back)) = (window.front(), window.back()) else {
            return;
        };
        let score = (*distinct, window.len());
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, (front.0, front.1), back.1));
        }
        window.pop_front();
        counts[front.2] -= 1;
        if counts[front.2] == 0 {
            *distinct -= 1;
        }
    };
    for m in matches(text, terms) {
        while window.front().is_some_and(|f| m.1 - f.0 > width) {
            close(&mut window, &mut counts, &mut distinct);
        }
        window.push_back(m);
        counts[m.2] += 1;
        if counts[m.2] == 1 {
            distinct += 1;
        }
    }
    while !window.is_empty() {
        close(&mut window, &mut counts, &mut distinct);
    }
    let (_, first, last_end) = best?;
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
    let highlights = char_marks(text, terms, start, end);
    let base = text[..start].chars().count();
    Some(Snippet {
        text: text[start..end].to_string(),
        start: base,
        end: base + text[start..end].chars().count(),
        highlights,
    })
}

/// What a hit shows of a document's record: its facts, read without its
/// citations, parties, signatories and diagnostics.
#[derive(Debug, Deserialize)]
struct Facts {
    path: String,
    kind: Kind,
    title: Option<String>,
    number: Option<String>,
    date: Option<crate::date::Date>,
    province: Option<String>,
    province_now: Option<String>,
    period: Option<[u16; 2]>,
}

impl Index {
    /// A document's facts, and its stored text when `body` (else empty):
    /// one read of the stored document.
    fn facts_at(&self, searcher: &Searcher, addr: DocAddress, body: bool) -> Result<(Facts, String)> {
        use tantivy::schema::Value;
        let at = || self.dir.join(SEARCH_DIR);
        let doc: tantivy::TantivyDocument = searcher.doc(addr).map_err(|e| tantivy_error(&at(), e))?;
        let bytes = doc
            .get_first(self.fields.record)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| crate::Error::Index {
                path: at(),
                message: "a document without its record".into(),
            })?;
        let facts: Facts = serde_json::from_slice(bytes).map_err(|e| crate::Error::Index {
            path: at(),
            message: format!("a stored record does not read: {e}"),
        })?;
        let text = if body {
            super::stored_text(&doc, self.fields.text, &at())?
        } else {
            String::new()
        };
        Ok((facts, text))
    }
}

/// One hit of a page: its record's facts, its title and snippets marked
/// where the query's words are.
fn hit_of(rank: usize, score: Option<f32>, e: Facts, body: &str, highlight: &[String], snippet_chars: usize) -> Hit {
    let (title, title_highlights) = match e.title.as_deref() {
        Some(t) => {
            let t = bounded_title(t);
            let marks = char_marks(&t, highlight, 0, t.len());
            (Some(t), marks)
        }
        None => (None, Vec::new()),
    };
    Hit {
        rank,
        score,
        path: e.path,
        kind: e.kind,
        title,
        title_highlights,
        number: e.number,
        date: e.date,
        province: e.province,
        province_now: e.province_now,
        period: e.period,
        snippets: snippet(body, highlight, snippet_chars).into_iter().collect(),
    }
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
            assert_eq!(parse_query(q), Ok(expect), "query {q:?}");
        }
    }

    #[test]
    fn the_folds_from_each_byte_written_out_are_those_of_the_characters() {
        let want = folds_from_byte();
        let lead: Vec<String> = want[0xC2..=0xE1].iter().map(|m| format!("0x{m:032x},")).collect();
        assert!(FOLDS_FROM_BYTE == want, "LEAD_FOLDS should be:\n{}", lead.join("\n"));
    }

    #[test]
    fn a_word_and_its_nfd_form_fold_to_the_same_first_letter() {
        // What `Starts` rests on: a word's folded form starts with its first
        // character folded, whatever combining mark follows that character.
        use crate::text::fold_char;
        let marks: Vec<char> = (0x300..0x370)
            .chain(0x1DC0..0x1E00)
            .filter_map(char::from_u32)
            .collect();
        for c in (0x30..0x2000).filter_map(char::from_u32) {
            let f = fold_char(c);
            for m in marks.iter().map(|m| Some(*m)).chain([None]) {
                let w: String = [Some(c), m, Some('x')].into_iter().flatten().collect();
                let Some((0, end)) = words(&w).next() else {
                    continue;
                };
                let folded = super::super::analyzer::folded_term(&w[..end]);
                if let Some(first) = folded.chars().next().filter(char::is_ascii) {
                    assert_eq!(first, f, "{w:?} folds to {folded:?}");
                }
            }
        }
    }

    #[test]
    fn snippets_center_on_the_most_matching_passage() {
        let text = "Mở đầu văn bản. ".repeat(30) + "Hội Khuyến học tỉnh Bến Tre phối hợp. " + &"Kết thúc. ".repeat(30);
        let terms: Vec<String> = ["hoc", "khuyen"].iter().map(|s| s.to_string()).collect();
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
        assert!(snippet(&text, &[], 80).is_none());
    }

    #[test]
    fn queries_are_bounded_with_a_reason() {
        let long_word = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(
            parse_query(&format!("khuyến {long_word}")),
            Err(QueryError::WordTooLong { start: "a".repeat(20) })
        );
        // The longest word the index holds is still a word.
        let longest = "a".repeat(MAX_WORD_BYTES);
        assert_eq!(
            parse_query(&longest),
            Ok(vec![vec![part(&longest, Scope::Text, false)]])
        );
        // The bound is the analyser's: it holds the one and drops the other.
        assert_eq!(terms(&longest, true).len(), 1);
        assert!(terms(&long_word, true).is_empty());
        // A 200-character Vietnamese word is more than 200 bytes.
        assert!(matches!(
            parse_query(&"ế".repeat(200)),
            Err(QueryError::WordTooLong { .. })
        ));

        let many = vec!["học"; MAX_QUERY_WORDS + 1].join(" ");
        assert_eq!(parse_query(&many), Err(QueryError::TooManyWords { words: 33 }));
        let phrase = format!("\"{}\"", vec!["học"; MAX_QUERY_WORDS].join(" "));
        assert_eq!(parse_query(&phrase).map(|q| q.len()), Ok(1));
        assert_eq!(
            parse_query(&format!("{phrase} title:a")),
            Err(QueryError::TooManyWords { words: 33 })
        );
        let long = "ab ".repeat(334);
        assert_eq!(parse_query(&long), Err(QueryError::TooLong { chars: 1002 }));

        for punct in ["★", "- OR ,", "\"\"", "title:", "-\"!!\"", ".,;:/\\"] {
            assert_eq!(parse_query(punct), Err(QueryError::NoWords), "query {punct:?}");
        }
        // Only whitespace is the empty query: every document.
        assert_eq!(parse_query(" \t\n"), Ok(vec![]));
        // A control character separates words and never makes a phrase.
        assert_eq!(
            parse_query("a\u{0}b"),
            Ok(vec![
                vec![part("a", Scope::Text, false)],
                vec![part("b", Scope::Text, false)]
            ])
        );
    }

    #[test]
    fn a_long_title_is_cut_at_a_word_and_highlighted_in_one_pass() {
        let t = "Chương trình phối hợp khuyến học ".repeat(20_000);
        let cut = bounded_title(&t);
        assert!(cut.chars().count() <= MAX_TITLE_CHARS + 1, "{}", cut.chars().count());
        assert!(cut.ends_with(" học…") || cut.ends_with("…"));
        assert!(t.starts_with(cut.trim_end_matches('…')));
        // Whole words only: what precedes the ellipsis is followed by a space in the title.
        let kept = cut.trim_end_matches('…');
        assert_eq!(t[kept.len()..].chars().next(), Some(' '));
        let terms = vec!["khuyen".to_string()];
        let marks = char_marks(&cut, &terms, 0, cut.len());
        let chars: Vec<char> = cut.chars().collect();
        assert!(!marks.is_empty());
        for [a, b] in &marks {
            assert_eq!(chars[*a..*b].iter().collect::<String>(), "khuyến");
        }
        assert_eq!(bounded_title("Kế hoạch"), "Kế hoạch");
    }

    #[test]
    fn a_multi_megabyte_line_gives_one_bounded_snippet_with_right_offsets() {
        // Four megabytes on one line, every few words a match.
        let text = "Hội Khuyến học tỉnh Bến Tre phối hợp với Sở Giáo dục. ".repeat(70_000);
        assert!(text.len() > 4_000_000 && !text.contains('\n'));
        let terms: Vec<String> = ["hoc", "khuyen", "tre"].iter().map(|s| s.to_string()).collect();
        let s = snippet(&text, &terms, 160).expect("a snippet");
        assert!(s.text.chars().count() <= 160 * 7 / 5 + 20, "{}", s.text.chars().count());
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        assert!(s.highlights.len() >= 3);
        for [a, b] in &s.highlights {
            let w: String = chars[*a..*b].iter().collect();
            assert!(["Khuyến", "học", "Tre"].contains(&w.as_str()), "{w}");
        }
        // The earliest of the best passages: the first sentence.
        assert_eq!(s.start, 0);
    }

    #[test]
    fn a_word_cut_by_the_passage_is_not_highlighted() {
        // "hocx" holds "hoc" but is not the word.
        let text = format!("{}hocx hoc", "z".repeat(1000));
        let terms = vec!["hoc".to_string()];
        let s = snippet(&text, &terms, 20).expect("a snippet");
        let chars: Vec<char> = text.chars().collect();
        for [a, b] in &s.highlights {
            assert_eq!(chars[*a..*b].iter().collect::<String>(), "hoc");
            assert!(*a == 1005);
        }
        assert_eq!(char_marks(&text, &terms, 1003, text.len()), vec![[1005, 1008]]);
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        /// Every word of `text` folded and looked up: what [`matches`]
        /// must find.
        fn matches_of_every_word(text: &str, terms: &[String]) -> Vec<(usize, usize, usize)> {
            words(text)
                .filter_map(|(a, b)| {
                    let t = super::super::super::analyzer::folded_term(&text[a..b]);
                    terms.binary_search(&t).ok().map(|k| (a, b, k))
                })
                .collect()
        }

        fn query_text() -> impl Strategy<Value = String> {
            // Words, operators, quotes, prefixes, punctuation, controls and any character.
            let piece = prop_oneof![
                Just("OR".to_string()),
                Just("-".to_string()),
                Just("\"".to_string()),
                Just("“".to_string()),
                Just("title:".to_string()),
                Just("party:".to_string()),
                Just("body:".to_string()),
                Just(" ".to_string()),
                Just("\u{0}".to_string()),
                "[a-zđêôơưăâ\u{300}\u{301}ÐĐ0-9]{1,8}",
                "[ -~]{1,4}",
                any::<char>().prop_map(String::from),
            ];
            proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            #[test]
            fn parse_query_never_panics_and_stays_bounded(q in query_text()) {
                match parse_query(&q) {
                    Ok(groups) => {
                        let words: usize = groups.iter().flatten().map(|p| words(&p.text).count()).sum();
                        prop_assert!(words <= MAX_QUERY_WORDS);
                        prop_assert!(groups.iter().all(|g| !g.is_empty()));
                        let text: usize = groups.iter().flatten().map(|p| p.text.len()).sum();
                        prop_assert!(text <= q.len());
                        // Every part searches for something.
                        for p in groups.iter().flatten() {
                            prop_assert!(!terms(&p.text, true).is_empty());
                            prop_assert!(!p.text.contains('\0'));
                        }
                        prop_assert!(!groups.is_empty() || q.chars().all(|c| c.is_whitespace() || c.is_control()));
                    }
                    Err(e) => prop_assert!(!e.to_string().is_empty()),
                }
                // The same query, the same answer.
                prop_assert_eq!(parse_query(&q), parse_query(&q));
            }

            #[test]
            fn the_matches_found_from_their_first_bytes_are_those_of_every_word_folded(
                text in query_text(),
                extra in proptest::collection::vec("[a-zđ0-9]{1,6}|.{1,3}", 0..3),
                pick in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
            ) {
                // Terms drawn from the text's own words, and others.
                let folded = terms(&text, true);
                let mut ts: Vec<String> = pick.iter().filter(|_| !folded.is_empty()).map(|i| folded[i.index(folded.len())].clone()).collect();
                ts.extend(extra.iter().map(|e| terms(e, true).into_iter().next().unwrap_or_else(|| e.clone())));
                ts.sort();
                ts.dedup();
                prop_assert_eq!(matches(&text, &ts).collect::<Vec<_>>(), matches_of_every_word(&text, &ts));
            }

            #[test]
            fn parse_query_takes_any_string(q in any::<String>()) {
                let _ = parse_query(&q);
                let r = parse_query(&q.repeat(40));
                if q.chars().count() * 40 > MAX_QUERY_CHARS {
                    prop_assert!(r.is_err());
                }
            }
        }
    }
}
