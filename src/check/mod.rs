//! Compliance: does every agreement rest on the programme it
//! should? [`run`] judges extraction records by a [`RuleSet`] — rules that
//! say which documents they apply to and what those must cite, directly or
//! through the graph — and by the built-in checks: the parent inferred from
//! the corpus, the period within the parent's, citation dates, signatures and
//! the document's own number.
//!
//! Evaluation is pure: records, graph and knowledge in, a [`Report`] out. Its
//! evidence carries character spans into each document's text;
//! [`DocReport::locate`] turns them into lines, columns and excerpts when the
//! caller has the text. [`report`] writes a report as text, JSON, JUnit XML or
//! SARIF 2.1.0.

pub mod html;
mod locate;
pub mod report;
pub mod rules;

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

pub use locate::Location;
pub use rules::{Applies, Check, CheckSetting, PeriodMatch, Requires, Rule, RuleSet, Severity};

use crate::date::Date;
use crate::extract::{Citation, Extraction, Form, Kind};
use crate::graph::{Direction, EdgeKind, Graph, NodeId, Walk};
use crate::ident;
use crate::ingest::Record;
use crate::orgs::Level;
use crate::text::name_key;
use crate::Knowledge;

/// The version of the JSON report's format.
pub const REPORT_VERSION: u32 = 1;

/// How a check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Findings of this severity or above fail their document.
    pub fail_on: Severity,
    /// Only documents signed within this range are judged; the others are
    /// still there to be found as parents.
    pub signed: crate::date::DateRange,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            fail_on: Severity::Error,
            signed: crate::date::DateRange::default(),
        }
    }
}

/// A document's verdict, or one rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotApplicable => "not applicable",
        }
    }
}

/// A piece of the document's text that shows an outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What the text is (`02/CTr-BGDĐT-HKHVN as cited`, `title`, …).
    pub note: String,
    /// `[start, end)` character offsets into the document's text as decoded.
    pub span: Option<[usize; 2]>,
    /// Line, column and excerpt, once [`DocReport::locate`] has the text.
    pub location: Option<Location>,
    /// No span: the `Số: …` line is the place.
    #[serde(skip)]
    number_line: bool,
}

impl Evidence {
    fn at(note: impl Into<String>, span: Option<[usize; 2]>) -> Evidence {
        Evidence {
            note: note.into(),
            span,
            location: None,
            number_line: false,
        }
    }
}

/// One rule (or built-in check) applied to one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub rule: String,
    pub severity: Severity,
    /// `pass` or `fail`.
    pub status: Status,
    pub expected: String,
    pub found: String,
    pub evidence: Vec<Evidence>,
    /// The documents whose facts the expectation comes from (the inferred
    /// parent, the parent whose period bounds this one), by path.
    pub expected_from: Vec<String>,
    /// What the judgement could not see (an expected parent not among the
    /// documents judged, candidates read with low confidence).
    pub note: Option<String>,
}

/// The verdict on one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    pub path: String,
    pub kind: Kind,
    pub number: Option<String>,
    /// The tier of the document: its most local party's.
    pub level: Option<Level>,
    /// Organisation kinds of its parties, sorted.
    pub parties: Vec<String>,
    pub province: Option<String>,
    pub period: Option<[u16; 2]>,
    pub status: Status,
    /// Why nothing applied, for a document that is not applicable.
    pub note: Option<String>,
    /// Checks that could not be made on what was judged (an expected parent
    /// not among the documents judged), in the order of the checks.
    pub notes: Vec<String>,
    /// Every rule that applied, in the order of the rule set, then the
    /// built-in checks.
    pub outcomes: Vec<Outcome>,
}

impl DocReport {
    /// The outcomes that failed (findings), whatever their severity.
    pub fn findings(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.status == Status::Fail)
    }

    /// Fill in the line, column and excerpt of every piece of evidence from
    /// the document's text (as decoded, the text the spans count in).
    pub fn locate(&mut self, text: &str) {
        let lines = locate::Lines::new(text);
        for o in &mut self.outcomes {
            for e in &mut o.evidence {
                if e.span.is_none() && e.number_line {
                    e.span = lines.number_line(text);
                }
                e.location = e.span.and_then(|s| lines.locate(text, s));
            }
        }
    }
}

/// A file that could not be read, so was not judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// A rule in force, as reports list them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub description: String,
    pub severity: Severity,
}

/// Counts over a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub pass: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub skipped: usize,
    /// Findings of severity error, and of severity warning.
    pub errors: usize,
    pub warnings: usize,
}

/// Where the documents judged came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Records handed to [`run`] (the library's own callers).
    Records,
    /// The files and folders given on the command line.
    Paths,
    /// An index.
    Index,
}

/// Which documents the judgement could see: a parent, a chain, a period
/// are looked for among these only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    pub documents: usize,
    pub scope: Scope,
    /// The index folder, when the scope is an index.
    pub index: Option<String>,
}

impl Judged {
    /// `judged against N documents: the given paths` (or the index …).
    pub fn describe(&self) -> String {
        let what = match self.scope {
            Scope::Records => "the records given".to_string(),
            Scope::Paths => "the given paths".to_string(),
            Scope::Index => match &self.index {
                Some(i) => format!("the index in {i}"),
                None => "the index".to_string(),
            },
        };
        format!("judged against {} document(s): {what}", self.documents)
    }
}

/// The verdict on a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub fail_on: Severity,
    pub summary: Summary,
    /// The documents the judgement could see.
    pub judged: Judged,
    pub rules: Vec<RuleInfo>,
    /// Ordered by path.
    pub documents: Vec<DocReport>,
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// Note a file that could not be read (kept in path order).
    pub fn add_skipped(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path: path.into(),
            reason: reason.into(),
        });
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.summary.skipped = self.skipped.len();
    }

    /// Whether some document failed.
    pub fn failed(&self) -> bool {
        self.summary.fail > 0
    }

    /// Say where the documents judged came from (the index folder for
    /// [`Scope::Index`]).
    pub fn set_scope(&mut self, scope: Scope, index: Option<String>) {
        self.judged.scope = scope;
        self.judged.index = index;
    }
}

/// Judge the records (any order: the report is ordered by path) by the
/// rules, with the graph built from the same records.
pub fn run(records: &[Record], graph: &Graph, k: &Knowledge, rules: &RuleSet, cfg: &Config) -> Report {
    let mut recs: Vec<&Record> = records.iter().collect();
    recs.sort_by(|a, b| a.path.cmp(&b.path));
    let ctx = Ctx::new(&recs, graph, k, rules);
    let documents: Vec<DocReport> = recs
        .par_iter()
        .filter(|r| cfg.signed.admits_date(r.extraction.date))
        .map(|r| ctx.judge(r, cfg))
        .collect();
    let mut summary = Summary {
        documents: documents.len(),
        ..Summary::default()
    };
    for d in &documents {
        match d.status {
            Status::Pass => summary.pass += 1,
            Status::Fail => summary.fail += 1,
            Status::NotApplicable => summary.not_applicable += 1,
        }
        for f in d.findings() {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
        }
    }
    Report {
        version: REPORT_VERSION,
        fail_on: cfg.fail_on,
        summary,
        judged: Judged {
            documents: recs.len(),
            scope: Scope::Records,
            index: None,
        },
        rules: rules_in_force(rules),
        documents,
        skipped: Vec::new(),
    }
}

/// The enabled rules, then the enabled built-in checks.
pub fn rules_in_force(rules: &RuleSet) -> Vec<RuleInfo> {
    let mut out: Vec<RuleInfo> = rules
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|r| RuleInfo {
            id: r.id.clone(),
            description: r.description.clone(),
            severity: r.severity,
        })
        .collect();
    for c in Check::ALL {
        let s = rules.setting(c);
        if s.enabled {
            out.push(RuleInfo {
                id: c.id().to_string(),
                description: c.description().to_string(),
                severity: s.severity,
            });
        }
    }
    out
}

/// The tier of a document: its most local party's.
fn level_of(e: &Extraction) -> Option<Level> {
    e.parties.iter().filter_map(|p| p.level).max()
}

/// The organisation kinds of its parties, sorted, once each.
fn kinds_of(e: &Extraction) -> Vec<String> {
    let set: BTreeSet<&str> = e.parties.iter().map(|p| p.kind.as_str()).collect();
    set.into_iter().map(str::to_string).collect()
}

fn within(inner: [u16; 2], outer: [u16; 2]) -> bool {
    outer[0] <= inner[0] && inner[1] <= outer[1]
}

fn period_text(p: [u16; 2]) -> String {
    format!("{}-{}", p[0], p[1])
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::National => "national",
        Level::Provincial => "provincial",
        Level::District => "district",
        Level::Commune => "commune",
    }
}

/// The tier an agreement's parent is at: a commune's answers to its
/// province from the day the district tier was abolished
/// (`two_tiers_from`, data/provinces.toml).
fn parent_level(level: Level, date: Option<Date>, two_tiers_from: Date) -> Option<Level> {
    match level {
        Level::National => None,
        Level::Provincial => Some(Level::National),
        Level::District => Some(Level::Provincial),
        Level::Commune if date.is_some_and(|d| d >= two_tiers_from) => Some(Level::Provincial),
        Level::Commune => Some(Level::District),
    }
}

/// An instrument a requirement accepts.
#[derive(Debug, Clone)]
struct Target {
    id: String,
    key: String,
}

/// A tier of agreements: the level and the kinds of its parties.
type TierKey = (Level, Vec<String>);

struct Ctx<'a> {
    graph: &'a Graph,
    k: &'a Knowledge,
    rules: &'a RuleSet,
    /// Numbered agreements by tier and party kinds (only a numbered one can
    /// be required as a citation).
    tiers: HashMap<(Level, Vec<String>), Tier<'a>>,
    /// Records by the key of their own number.
    numbered: HashMap<String, Vec<&'a Record>>,
    /// Numbered agreements read with low confidence, by tier and party
    /// kinds, with the reason: never an expected parent, named when left out.
    doubtful: HashMap<TierKey, Vec<(&'a Record, String)>>,
    /// How many documents are judged (and can be parents).
    documents: usize,
}

/// What a requirement asks, in words.
fn expected_text(targets: &[Target], depth: usize, via: &[EdgeKind], by_name: bool) -> String {
    let ids: Vec<&str> = targets.iter().map(|t| t.id.as_str()).collect();
    let what = match ids.as_slice() {
        [one] => format!("cites {one}"),
        many => format!("cites one of {}", many.join(", ")),
    };
    let how = if depth <= 1 {
        "directly".to_string()
    } else {
        let rel: Vec<String> = via.iter().map(|e| e.as_str().to_string()).collect();
        format!("directly or through at most {depth} edges ({})", rel.join(", "))
    };
    let form = if by_name { "" } else { ", by number" };
    format!("{what} {how}{form}")
}

fn form_name(f: Form) -> &'static str {
    match f {
        Form::Full => "number and symbol",
        Form::Short => "number",
        Form::Name => "title only",
    }
}

/// The numbered agreements of one tier, all of them (in the order given)
/// and by province ([`rules::province_key`]), so that finding a document's
/// parent looks only at its own province.
#[derive(Default)]
struct Tier<'a> {
    all: Vec<&'a Record>,
    by_province: HashMap<String, Vec<&'a Record>>,
}

impl<'a> Ctx<'a> {
    fn new(recs: &[&'a Record], graph: &'a Graph, k: &'a Knowledge, rules: &'a RuleSet) -> Ctx<'a> {
        let mut tiers: HashMap<(Level, Vec<String>), Tier<'a>> = HashMap::new();
        let mut numbered: HashMap<String, Vec<&'a Record>> = HashMap::new();
        let mut doubtful: HashMap<TierKey, Vec<(&'a Record, String)>> = HashMap::new();
        for &r in recs {
            let e = &r.extraction;
            let Some(n) = &e.number else { continue };
            numbered.entry(ident::key(&self_canonical(k, n))).or_default().push(r);
            if e.kind != Kind::Agreement {
                continue;
            }
            if let (Some(l), Some(why)) = (level_of(e), low_confidence(e, k)) {
                doubtful.entry((l, kinds_of(e))).or_default().push((r, why));
                continue;
            }
            if let Some(l) = level_of(e) {
                let tier = tiers.entry((l, kinds_of(e))).or_default();
                tier.all.push(r);
                if let Some(p) = &e.province {
                    tier.by_province.entry(rules::province_key(k, p)).or_default().push(r);
                }
            }
        }
        Ctx {
            graph,
            k,
            rules,
            tiers,
            numbered,
            doubtful,
            documents: recs.len(),
        }
    }

    fn target(&self, id: &str) -> Target {
        let id = self_canonical(self.k, id);
        Target {
            key: ident::key(&id),
            id,
        }
    }

    fn cites(&self, c: &Citation, t: &Target) -> bool {
        ident::key(&c.id) == t.key || self.k.catalog.get(&c.id).is_some_and(|e| ident::key(&e.id) == t.key)
    }

    fn judge(&self, r: &Record, cfg: &Config) -> DocReport {
        let e = &r.extraction;
        let level = level_of(e);
        let kinds = kinds_of(e);
        let mut outcomes = Vec::new();
        let mut notes = Vec::new();
        for rule in self.rules.rules.iter().filter(|x| x.enabled) {
            if self.applies(&rule.applies, e, level, &kinds) {
                outcomes.push(self.require(r, rule));
            }
        }
        if e.kind == Kind::Agreement {
            for c in Check::ALL {
                let s = self.rules.setting(c);
                if !s.enabled {
                    continue;
                }
                let found = match c {
                    Check::InferredParent => self.inferred_parent(r, level, &kinds, s, &mut notes),
                    Check::PeriodWithinParent => self.period_within_parent(r, &mut notes),
                    Check::CitationDates => citation_dates(e).map(Found::from),
                    Check::PartiesSigned => parties_signed(e, self.k).map(Found::from),
                    Check::NumberFormat => number_format(e).map(Found::from),
                };
                if let Some(f) = found {
                    outcomes.push(Outcome {
                        rule: c.id().to_string(),
                        severity: s.severity,
                        status: if f.passed { Status::Pass } else { Status::Fail },
                        expected: f.expected,
                        found: f.found,
                        evidence: f.evidence,
                        expected_from: f.from,
                        note: f.note,
                    });
                }
            }
        }
        let status = if outcomes
            .iter()
            .any(|o| o.status == Status::Fail && o.severity >= cfg.fail_on)
        {
            Status::Fail
        } else if outcomes.is_empty() {
            Status::NotApplicable
        } else {
            Status::Pass
        };
        let note = (status == Status::NotApplicable).then(|| match e.kind {
            Kind::Agreement => "no rule applies to this agreement".to_string(),
            Kind::News => "a news report: not judged as an agreement (no rule names news)".to_string(),
            Kind::Plan => "a plan: not judged as an agreement (no rule names plans)".to_string(),
            Kind::Other => "not an agreement (no rule names other documents)".to_string(),
        });
        DocReport {
            path: r.path.clone(),
            kind: e.kind,
            number: e.number.clone(),
            level,
            parties: kinds,
            province: e.province.clone(),
            period: e.period,
            status,
            note,
            notes,
            outcomes,
        }
    }

    fn applies(&self, a: &Applies, e: &Extraction, level: Option<Level>, kinds: &[String]) -> bool {
        if !a.kinds.contains(&e.kind) {
            return false;
        }
        if !a.levels.is_empty() && !level.is_some_and(|l| a.levels.contains(&l)) {
            return false;
        }
        if !a.parties.iter().all(|p| kinds.contains(p)) {
            return false;
        }
        if let Some(rp) = a.period {
            let Some(p) = e.period else { return false };
            let ok = match a.period_match {
                PeriodMatch::Within => within(p, rp),
                PeriodMatch::Overlaps => p[0] <= rp[1] && rp[0] <= p[1],
            };
            if !ok {
                return false;
            }
        }
        if !a.provinces.is_empty() {
            let on = [e.province.as_deref(), e.province_now.as_deref()];
            let hit = a
                .provinces
                .iter()
                .any(|want| on.iter().flatten().any(|p| rules::same_province(self.k, want, p)));
            if !hit {
                return false;
            }
        }
        true
    }

    /// A rule's requirement on one document.
    fn require(&self, r: &Record, rule: &Rule) -> Outcome {
        let q = &rule.requires;
        let targets: Vec<Target> = q.cites_any.iter().map(|i| self.target(i)).collect();
        let (passed, found, evidence) = self.cites_any(r, &targets, q.depth, &q.via, q.by_name);
        // A chain through a parent that is not among the documents judged
        // goes only as far as the catalogue knows.
        let note = (!passed && q.depth > 1)
            .then_some(r.extraction.parent.as_deref())
            .flatten()
            .filter(|p| !self.judged_has(p))
            .map(|p| {
                format!(
                    "its parent {p} is not among the {} document(s) judged: what {p} rests on was followed only as far as the catalogue knows",
                    self.documents
                )
            });
        Outcome {
            rule: rule.id.clone(),
            severity: rule.severity,
            status: if passed { Status::Pass } else { Status::Fail },
            expected: expected_text(&targets, q.depth, &q.via, q.by_name),
            found,
            evidence,
            expected_from: Vec::new(),
            note,
        }
    }

    /// Whether a document numbered `id` is among the documents judged.
    fn judged_has(&self, id: &str) -> bool {
        self.numbered.contains_key(&ident::key(&self_canonical(self.k, id)))
    }

    /// Whether the document cites one of `targets` within `depth` edges:
    /// the verdict, what was found, and the text that shows it.
    fn cites_any(
        &self,
        r: &Record,
        targets: &[Target],
        depth: usize,
        via: &[EdgeKind],
        by_name: bool,
    ) -> (bool, String, Vec<Evidence>) {
        let e = &r.extraction;
        let direct = e
            .citations
            .iter()
            .find(|c| targets.iter().any(|t| self.cites(c, t)) && (by_name || c.form != Form::Name));
        if let Some(c) = direct {
            let found = format!("cites {} ({}, {})", c.id, form_name(c.form), role_name(c));
            let ev = Evidence::at(format!("{} as cited", c.id), c.mentions.first().copied());
            return (true, found, vec![ev]);
        }
        let name_only: Vec<&Citation> = e
            .citations
            .iter()
            .filter(|c| c.form == Form::Name && !by_name)
            .collect();
        if depth > 1 {
            let skip: BTreeSet<String> = name_only.iter().map(|c| ident::key(&c.id)).collect();
            if let Some(path) = self.chain(r, targets, via, depth, &skip) {
                return path;
            }
        }
        if let Some(c) = name_only.iter().find(|c| targets.iter().any(|t| self.cites(c, t))) {
            let found = format!(
                "cites {} by its title only (“{}”), which this rule does not accept",
                c.id, c.written
            );
            let ev = Evidence::at(format!("{} named by its title", c.id), c.mentions.first().copied());
            return (false, found, vec![ev]);
        }
        let basis: Vec<&str> = e
            .citations
            .iter()
            .filter(|c| c.role == crate::extract::Role::Basis)
            .map(|c| c.id.as_str())
            .collect();
        let found = if basis.is_empty() {
            "cites none of them, and states no legal basis".to_string()
        } else {
            format!("cites none of them; its preamble cites {}", basis.join(", "))
        };
        (false, found, vec![title_evidence(e)])
    }

    /// A chain of at most `depth` edges from the document to a target, found
    /// breadth-first (stronger links first, then by node id).
    fn chain(
        &self,
        r: &Record,
        targets: &[Target],
        via: &[EdgeKind],
        depth: usize,
        skip_first: &BTreeSet<String>,
    ) -> Option<(bool, String, Vec<Evidence>)> {
        let g = self.graph;
        let start = g.document(&r.path)?;
        let is_target = |i: NodeId| g.instrument_key(i).is_some_and(|k| targets.iter().any(|t| t.key == k));
        let walk = Walk {
            kinds: via,
            direction: Direction::Outgoing,
            depth,
            ordered: true,
        };
        // The document's own edges to what it names only by title, when
        // names do not count, are not followed.
        let follow = |source: NodeId, target: NodeId| {
            source != start || g.instrument_key(target).is_none_or(|k| !skip_first.contains(k))
        };
        let walked = g.walk(start, &walk, follow, is_target);
        let edges = walked.path(walked.stopped?);
        // An instrument by its id, a document by its path.
        let label = |i: NodeId| g.node(i).instrument.unwrap_or_else(|| g.label(i));
        let mut steps = Vec::new();
        let mut evidence = Vec::new();
        for &edge in &edges {
            let w = g.edge(edge);
            let (a, b) = (w.source, w.target);
            let source = if w.evidence.document.is_none() {
                " (catalogue)".to_string()
            } else if w.evidence.document != Some(r.path.as_str()) {
                format!(" (stated in {})", w.evidence.document.unwrap_or_default())
            } else {
                String::new()
            };
            steps.push(format!("{} {}{source}", w.kind.as_str(), label(b)));
            if w.evidence.document == Some(r.path.as_str()) {
                evidence.push(Evidence::at(
                    format!("{} {} {}", label(a), w.kind.as_str(), label(b)),
                    w.evidence.span,
                ));
            }
        }
        let found = format!("reaches it in {} edges: {}", edges.len(), steps.join(" → "));
        Some((true, found, evidence))
    }

    /// The agreement one level up between the same kinds of party whose
    /// period covers this one's, when it is among the documents judged and
    /// was read with confidence ([`low_confidence`]): this one cites it.
    /// When none is there and the parent is a document of the corpus (a
    /// provincial or district agreement), or the candidates were all read
    /// with low confidence, `notes` says so.
    fn inferred_parent(
        &self,
        r: &Record,
        level: Option<Level>,
        kinds: &[String],
        s: CheckSetting,
        notes: &mut Vec<String>,
    ) -> Option<Found> {
        let e = &r.extraction;
        let up = parent_level(level?, e.date, self.k.places.two_tiers_from())?;
        let period = e.period?;
        let same_province = |p: &Record| match (&p.extraction.province, &e.province) {
            (Some(a), Some(b)) => rules::same_province(self.k, a, b),
            _ => false,
        };
        // A commune's district: named in the commune agreement's title.
        let title = (up == Level::District).then(|| name_key(e.title.as_deref().unwrap_or_default()));
        let fits = |p: &Record| {
            p.path != r.path
                && (up == Level::National || same_province(p))
                && p.extraction.period.is_some_and(|pp| within(period, pp))
                && title.as_ref().is_none_or(|title| {
                    p.extraction
                        .parties
                        .iter()
                        .filter_map(|x| self.k.places.district_named(&x.name))
                        .any(|d| title.contains(&d))
                })
        };
        let key = (up, kinds.to_vec());
        let pool: &[&Record] = match self.tiers.get(&key) {
            None => &[],
            Some(tier) if up == Level::National => &tier.all,
            // Only agreements of the same province can be the parent.
            Some(tier) => match &e.province {
                Some(p) => tier
                    .by_province
                    .get(&rules::province_key(self.k, p))
                    .map_or(&[], Vec::as_slice),
                None => &[],
            },
        };
        let candidates: Vec<&Record> = pool.iter().copied().filter(|p| fits(p)).collect();
        let left_out: Vec<String> = self
            .doubtful
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|(p, _)| fits(p))
            .map(|(p, why)| {
                format!(
                    "{} ({}) was read with low confidence ({why}) and is not an expected parent",
                    p.extraction.number.as_deref().unwrap_or_default(),
                    p.path
                )
            })
            .collect();
        let wanted = format!(
            "{} agreement between {} whose period covers {}",
            level_name(up),
            kinds.join(" and "),
            period_text(period)
        );
        if candidates.is_empty() {
            if !left_out.is_empty() {
                notes.push(format!(
                    "inferred-parent not judged: the only {wanted}: {}",
                    left_out.join("; ")
                ));
            } else if up != Level::National {
                notes.push(format!(
                    "inferred-parent not judged: no {wanted}{} among the {} document(s) judged",
                    e.province.as_deref().map(|p| format!(" in {p}")).unwrap_or_default(),
                    self.documents
                ));
            }
            return None;
        }
        let targets: Vec<Target> = candidates
            .iter()
            .filter_map(|p| p.extraction.number.as_deref())
            .map(|n| self.target(n))
            .collect();
        let (passed, found, evidence) = self.cites_any(r, &targets, 1, &[], s.by_name);
        let which: Vec<String> = candidates
            .iter()
            .map(|p| {
                format!(
                    "{} ({}, {})",
                    p.extraction.number.as_deref().unwrap_or_default(),
                    p.path,
                    period_text(p.extraction.period.unwrap_or(period))
                )
            })
            .collect();
        let expected = format!(
            "cites the {wanted}: {}{}",
            which.join(" or "),
            if s.by_name { "" } else { ", by number" }
        );
        Some(Found {
            passed,
            expected,
            found,
            evidence,
            from: candidates.iter().map(|p| p.path.clone()).collect(),
            note: (!left_out.is_empty()).then(|| left_out.join("; ")),
        })
    }

    /// The agreement's period lies within its parent programme's. When the
    /// parent's period is not known (the parent is neither in the catalogue
    /// nor among the documents judged), `notes` says so.
    fn period_within_parent(&self, r: &Record, notes: &mut Vec<String>) -> Option<Found> {
        let e = &r.extraction;
        let period = e.period?;
        let parent = e.parent.as_deref()?;
        let from_catalogue = self.k.catalog.get(parent).and_then(|x| x.period);
        let (pp, from) = match from_catalogue {
            Some(p) => (p, Vec::new()),
            None => {
                // The corpus's agreement of that number (of this province
                // when the number is local); one whose period covers this
                // one's when several share the number.
                let key = ident::key(&self_canonical(self.k, parent));
                let periods: Vec<([u16; 2], &str)> = self
                    .numbered
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|p| p.path != r.path && p.extraction.kind == Kind::Agreement)
                    .filter(|p| match (&p.extraction.province, &e.province) {
                        (Some(a), Some(b)) => rules::same_province(self.k, a, b) || is_national(parent),
                        _ => true,
                    })
                    .filter_map(|p| Some((p.extraction.period?, p.path.as_str())))
                    .collect();
                let chosen = periods
                    .iter()
                    .copied()
                    .find(|(pp, _)| within(period, *pp))
                    .or_else(|| periods.first().copied());
                let Some((pp, path)) = chosen else {
                    // Only a programme's period is expected (a directive has none).
                    let programme = e
                        .citations
                        .iter()
                        .find(|c| c.id == parent)
                        .and_then(|c| c.kind.as_deref())
                        .is_some_and(is_programme);
                    if !programme {
                        return None;
                    }
                    notes.push(format!(
                        "period-within-parent not judged: the period of its parent {parent} is not known (not in the catalogue, and no agreement {parent} with a period among the {} document(s) judged)",
                        self.documents
                    ));
                    return None;
                };
                (pp, vec![path.to_string()])
            }
        };
        let cited = e.citations.iter().find(|c| c.id == parent);
        let mut evidence = vec![Evidence::at(
            format!("parent {parent} ({})", period_text(pp)),
            cited.and_then(|c| c.mentions.first().copied()),
        )];
        let ok = within(period, pp);
        if !ok {
            evidence.push(Evidence::at(
                format!("title: period {}", period_text(period)),
                title_span(e),
            ));
        }
        let found = if ok {
            format!("{} lies within {}", period_text(period), period_text(pp))
        } else {
            format!(
                "the agreement's period {} goes beyond its parent's {}",
                period_text(period),
                period_text(pp)
            )
        };
        let source = match from.first() {
            Some(path) => format!(" as {path} states it"),
            None => " in the catalogue".to_string(),
        };
        Some(Found {
            passed: ok,
            expected: format!(
                "a period within that of its parent {parent} ({}{source})",
                period_text(pp)
            ),
            found,
            evidence,
            from,
            note: None,
        })
    }
}

/// A built-in check's outcome: passed, expected, found, evidence.
type Finding = Option<(bool, String, String, Vec<Evidence>)>;

/// A built-in check's outcome with where its expectation came from.
struct Found {
    passed: bool,
    expected: String,
    found: String,
    evidence: Vec<Evidence>,
    /// Paths of the documents the expectation comes from.
    from: Vec<String>,
    note: Option<String>,
}

impl From<(bool, String, String, Vec<Evidence>)> for Found {
    fn from((passed, expected, found, evidence): (bool, String, String, Vec<Evidence>)) -> Found {
        Found {
            passed,
            expected,
            found,
            evidence,
            from: Vec::new(),
            note: None,
        }
    }
}

/// Why a numbered agreement was read with too little confidence to be
/// another agreement's expected parent, if it was: its own number has no
/// programme code (a plan's `KH`, a letter's), fewer than two parties were
/// read, its title does not name the kinds of its parties (they came from
/// elsewhere in the text), or, read as national, its number names no
/// national issuer.
pub fn low_confidence(e: &Extraction, k: &Knowledge) -> Option<String> {
    let n = e.number.as_deref()?;
    if let Some(p) = number_problem(n) {
        return Some(p);
    }
    if e.parties.len() < 2 {
        return Some(format!("{} part(y/ies) read", e.parties.len()));
    }
    let title = e.title.as_deref().unwrap_or_default();
    let named: BTreeSet<String> = k
        .orgs
        .find(title, &k.places)
        .iter()
        .map(|m| k.orgs.kind(m.kind).id.clone())
        .collect();
    if let Some(p) = e.parties.iter().find(|p| !named.contains(&p.kind)) {
        return Some(format!("its title does not name its party {}", p.name));
    }
    if level_of(e) == Some(Level::National) && !is_national(n) {
        return Some(format!("read as national, but its number {n} names no national issuer"));
    }
    None
}

fn self_canonical(k: &Knowledge, id: &str) -> String {
    k.catalog.get(id).map_or_else(|| ident::canonical(id), |e| e.id.clone())
}

/// Whether a type word names a cooperation programme (`Chương trình phối
/// hợp`, `… liên tịch`, `Quy chế phối hợp`).
fn is_programme(kind: &str) -> bool {
    let k = name_key(kind);
    k.starts_with("chuong trinh") || k.ends_with("lien tich") || k == "quy che phoi hop"
}

fn is_national(id: &str) -> bool {
    let Some((_, sym)) = id.split_once('/') else {
        return false;
    };
    sym.split(['-', '/', '.']).any(ident::is_national_issuer)
}

fn role_name(c: &Citation) -> &'static str {
    match c.role {
        crate::extract::Role::Basis => "in the preamble",
        crate::extract::Role::Mention => "in the body",
    }
}

/// Where the title is: its first party's name, else the first basis citation.
fn title_span(e: &Extraction) -> Option<[usize; 2]> {
    e.parties.first().map(|p| p.span).or_else(|| {
        e.citations
            .iter()
            .filter(|c| c.role == crate::extract::Role::Basis)
            .filter_map(|c| c.mentions.first().copied())
            .min()
    })
}

fn title_evidence(e: &Extraction) -> Evidence {
    let note = if e.parties.is_empty() { "preamble" } else { "title" };
    Evidence::at(note, title_span(e))
}

/// Nothing cited is dated after the document.
fn citation_dates(e: &Extraction) -> Finding {
    let date = e.date?;
    let dated: Vec<&Citation> = e.citations.iter().filter(|c| c.date.is_some()).collect();
    if dated.is_empty() {
        return None;
    }
    let late: Vec<&Citation> = dated
        .iter()
        .copied()
        .filter(|c| c.date.is_some_and(|d| d > date))
        .collect();
    let expected = format!("every instrument cited is dated on or before the agreement ({date})");
    if late.is_empty() {
        return Some((
            true,
            expected,
            format!("{} dated citations, none after {date}", dated.len()),
            Vec::new(),
        ));
    }
    let list: Vec<String> = late
        .iter()
        .map(|c| format!("{} dated {}", c.id, c.date.map(|d| d.to_string()).unwrap_or_default()))
        .collect();
    let evidence = late
        .iter()
        .map(|c| {
            Evidence::at(
                format!("{} dated {}", c.id, c.date.map(|d| d.to_string()).unwrap_or_default()),
                c.mentions.first().copied(),
            )
        })
        .collect();
    Some((false, expected, format!("cites {}", list.join(", ")), evidence))
}

/// Every party signed.
fn parties_signed(e: &Extraction, k: &Knowledge) -> Finding {
    if e.parties.is_empty() {
        return None;
    }
    let signed_kinds: Vec<Option<String>> = e
        .signatories
        .iter()
        .filter_map(|s| s.party.as_deref())
        .map(|p| k.orgs.classify(p, &k.places).map(|(i, _, _)| k.orgs.kind(i).id.clone()))
        .collect();
    let signed = |name: &str, kind: &str| {
        e.signatories
            .iter()
            .filter_map(|s| s.party.as_deref())
            .any(|p| name_key(p) == name_key(name))
            || signed_kinds.iter().flatten().any(|x| x == kind)
    };
    let missing: Vec<&crate::extract::Party> = e.parties.iter().filter(|p| !signed(&p.name, &p.kind)).collect();
    let expected = "every party signs in a signature block".to_string();
    if missing.is_empty() {
        let names: Vec<&str> = e.signatories.iter().map(|s| s.name.as_str()).collect();
        return Some((
            true,
            expected,
            format!("{} parties, signed by {}", e.parties.len(), names.join(", ")),
            e.signatories
                .iter()
                .map(|s| Evidence::at(format!("signed by {}", s.name), Some(s.span)))
                .collect(),
        ));
    }
    let names: Vec<&str> = missing.iter().map(|p| p.name.as_str()).collect();
    let found = if e.signatories.is_empty() {
        format!("no signature block was read; unsigned: {}", names.join(", "))
    } else {
        format!("no signature block for {}", names.join(", "))
    };
    let evidence = missing
        .iter()
        .map(|p| Evidence::at(format!("party {}", p.name), Some(p.span)))
        .collect();
    Some((false, expected, found, evidence))
}

/// What is wrong with an agreement's own number, if anything.
pub fn number_problem(id: &str) -> Option<String> {
    let shape = "the shape N/CODE-ISSUER (or N-CODE/ISSUER)";
    if let Some((head, issuer)) = id.split_once('/').filter(|(h, _)| h.contains('-')) {
        // Party system: N-CODE/ISSUER.
        let (n, code) = head.split_once('-')?;
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return Some(format!("{id:?} does not start with a number"));
        }
        if issuer.is_empty() || issuer.contains('/') {
            return Some(format!("{id:?} does not have {shape}"));
        }
        return code_problem(id, code);
    }
    let Some((n, rest)) = id.split_once('/') else {
        return Some(format!("{id:?} does not have {shape}"));
    };
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("{id:?} does not start with a number"));
    }
    // N/YYYY/CODE-ISSUER for legal normative documents.
    let rest = match rest.split_once('/') {
        Some((y, r)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => r,
        Some(_) => return Some(format!("{id:?} does not have {shape}")),
        None => rest,
    };
    let mut segs = rest.split(['-', '.']);
    let first = segs.next().unwrap_or_default();
    let more = segs.filter(|s| !s.is_empty()).count();
    let Some((code, after)) = ident::split_code(first) else {
        return Some(format!("{id:?} has no type code after the number"));
    };
    if let Some(p) = code_problem(id, code) {
        return Some(p);
    }
    if after.is_empty() && more == 0 {
        return Some(format!("{id:?} names no issuer after its type code {code}"));
    }
    None
}

fn code_problem(id: &str, code: &str) -> Option<String> {
    let Some((code, _)) = ident::split_code(code) else {
        return Some(format!("{id:?} has no type code"));
    };
    if ident::is_programme_code(code) {
        return None;
    }
    let word = ident::type_for_code(code, false).unwrap_or("another type");
    Some(format!(
        "{id:?} carries the type code {code} ({word}), not a programme's ({})",
        ident::PROGRAMME_CODES.join(", ")
    ))
}

/// The agreement's own number is well formed.
fn number_format(e: &Extraction) -> Finding {
    let n = e.number.as_deref()?;
    let expected = "an own number N/CODE-ISSUER… with a programme code (CTPH, CTrPH, CTr, …)".to_string();
    let mut ev = Evidence::at(format!("Số: {n}"), None);
    ev.number_line = true;
    match number_problem(n) {
        None => Some((true, expected, n.to_string(), vec![ev])),
        Some(p) => Some((false, expected, p, vec![ev])),
    }
}

#[cfg(test)]
mod tests;
