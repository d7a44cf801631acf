//! Scoring extraction against a gold file (the format of
//! `tests/data/seeds.gold.json`), by the matching rules of the reference
//! scorer of that format: the same documents give the same figures.
//!
//! Pure: the gold is parsed from a string, the extractions are given keyed by
//! file name, and the result is data ([`Score`]) the caller prints.
//!
//! Rules, field by field:
//! - **citations**: each gold citation (required ones first, in order) takes
//!   the first unused extracted citation whose id equals its `id` or one of
//!   its `alt` after [`id_fold`]; an `optional` one may take one and counts
//!   neither way. Unmatched extracted citations are extras.
//! - **citation date, scope, form**, on the matched pairs: the date must be
//!   the gold date when `date_in_text` (default true), and otherwise must be
//!   absent or the gold date; scope `*` is not judged, else the scopes equal
//!   after [`id_fold`] (null equals null); the form must be equal.
//! - **parties**: each gold party (a list of alternative names) takes the
//!   first unused extracted party whose name equals one after [`name_fold`].
//! - **signatories**: a gold signatory is found when some extracted one has
//!   its name after [`name_fold`].
//! - **citations, parties, signatories** likewise only when the gold document
//!   has the key: without it, nothing extracted for the field is an extra.
//! - **kind, number, date, province, period, parent**: judged when the gold
//!   document has the key; values compare after [`id_fold`] ([`name_fold`]
//!   for the province), a missing value as `None`; periods as lists (null as
//!   empty); the parent must be one of the gold ids, or absent when the gold
//!   lists none.
//!
//! A field's right and wrong answers are also counted as true positives
//! (right), false positives (a wrong value given) and false negatives (a
//! gold value not given), so every field has a precision, recall and F1;
//! when a value is given and wrong, it counts as both.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::Value;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::extract::{Citation, Extraction};
use crate::{Error, Result};

/// Ids, dates, kinds: NFC, `Ð`/`Ɖ` read as `Đ`, case folded, no whitespace.
pub fn id_fold(s: &str) -> String {
    let s: String = s.nfc().map(fix_d).collect();
    casefold(&s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Names: no case, tone marks or punctuation (`Hoà Bình` = `Hòa Bình`);
/// dashes and commas read as spaces, runs of spaces as one.
pub fn name_fold(s: &str) -> String {
    let s: String = s.replace('\u{d0}', "\u{110}").nfd().collect();
    let s: String = casefold(&s)
        .chars()
        .filter(|&c| canonical_combining_class(c) == 0)
        .map(|c| match c {
            '-' | '–' | ',' => ' ',
            '’' => '\'',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fix_d(c: char) -> char {
    match c {
        '\u{d0}' | '\u{189}' => '\u{110}',
        c => c,
    }
}

/// Python's `str.casefold` for the letters these texts use.
fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// One expected citation.
#[derive(Debug, Clone)]
pub struct GoldCitation {
    pub id: String,
    pub alt: Vec<String>,
    pub optional: bool,
    pub date: Option<String>,
    pub date_in_text: bool,
    /// `None`: not judged (`"*"`); `Some(None)`: national.
    pub scope: Option<Option<String>>,
    pub form: String,
}

/// One expected document. `None` in a field: the gold does not judge it
/// (its key is absent), so nothing extracted for it counts as an extra.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub file: String,
    pub citations: Option<Vec<GoldCitation>>,
    /// Each party as its alternative names.
    pub parties: Option<Vec<Vec<String>>>,
    pub signatories: Option<Vec<String>>,
    pub kind: Option<Option<String>>,
    pub number: Option<Option<String>>,
    pub date: Option<Option<String>>,
    pub province: Option<Option<String>>,
    pub period: Option<Vec<i64>>,
    pub parent: Option<Vec<String>>,
}

/// A gold file.
#[derive(Debug, Clone)]
pub struct Gold {
    pub documents: Vec<GoldDoc>,
}

impl Gold {
    /// Parse a gold file; `source_name` names it in errors.
    pub fn from_json(src: &str, source_name: &str) -> Result<Gold> {
        let err = |message: String| Error::data(source_name, message);
        let v: Value = serde_json::from_str(src).map_err(|e| err(e.to_string()))?;
        let docs = v
            .get("documents")
            .and_then(Value::as_array)
            .ok_or_else(|| err("no `documents` list".into()))?;
        let mut documents = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let file = d
                .get("file")
                .and_then(Value::as_str)
                .ok_or_else(|| err(format!("document {}: no `file`", i + 1)))?
                .to_string();
            let doc = gold_doc(d, file.clone()).map_err(|m| err(format!("{file}: {m}")))?;
            documents.push(doc);
        }
        Ok(Gold { documents })
    }
}

fn string_list(v: Option<&Value>, what: &str) -> std::result::Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(xs)) => xs
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("{what}: not a string"))
            })
            .collect(),
        Some(_) => Err(format!("{what}: not a list")),
    }
}

/// A scalar field as the script reads it: `str(value)`, so null is `None`.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        other => Some(other.to_string()),
    }
}

fn gold_doc(d: &Value, file: String) -> std::result::Result<GoldDoc, String> {
    let mut citations = Vec::new();
    let judges = |key: &str| d.get(key).is_some();
    if let Some(cs) = d.get("citations") {
        let cs = cs.as_array().ok_or("`citations` is not a list")?;
        for c in cs {
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .ok_or("a citation without `id`")?
                .to_string();
            let form = c
                .get("form")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("citation {id}: no `form`"))?
                .to_string();
            let scope = match c.get("scope") {
                Some(Value::String(s)) if s == "*" => None,
                Some(v) => Some(scalar(v)),
                None => Some(None),
            };
            citations.push(GoldCitation {
                alt: string_list(c.get("alt"), &format!("citation {id}: `alt`"))?,
                optional: c.get("optional").and_then(Value::as_bool).unwrap_or(false),
                date: c.get("date").and_then(scalar).filter(|s| !s.is_empty()),
                date_in_text: c.get("date_in_text").and_then(Value::as_bool).unwrap_or(true),
                scope,
                form,
                id,
            });
        }
    }
    let mut parties = Vec::new();
    if let Some(ps) = d.get("parties").filter(|v| !v.is_null()) {
        let ps = ps.as_array().ok_or("`parties` is not a list")?;
        for p in ps {
            parties.push(string_list(Some(p), "a party")?);
        }
    }
    let mut signatories = Vec::new();
    if let Some(ss) = d.get("signatories").filter(|v| !v.is_null()) {
        let ss = ss.as_array().ok_or("`signatories` is not a list")?;
        for s in ss {
            let name = s
                .get("name")
                .and_then(Value::as_str)
                .ok_or("a signatory without `name`")?;
            signatories.push(name.to_string());
        }
    }
    let field = |key: &str| d.get(key).map(scalar);
    let period = match d.get("period") {
        None => None,
        Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(xs)) => Some(
            xs.iter()
                .map(|x| x.as_i64().ok_or("`period`: not a year"))
                .collect::<std::result::Result<_, _>>()?,
        ),
        Some(_) => return Err("`period` is not a list".into()),
    };
    let parent = match d.get("parent") {
        None => None,
        Some(v) => Some(string_list(Some(v), "`parent`")?),
    };
    Ok(GoldDoc {
        file,
        citations: judges("citations").then_some(citations),
        parties: judges("parties").then_some(parties),
        signatories: judges("signatories").then_some(signatories),
        kind: field("kind"),
        number: field("number"),
        date: field("date"),
        province: field("province"),
        period,
        parent,
    })
}

/// Counts of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Right answers.
    pub tp: usize,
    /// Values given that are wrong or not in the gold.
    pub fp: usize,
    /// Gold values not given, or given wrong.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Answers judged wrong (a wrong value counts once here, in both `fp`
    /// and `fn`): the script's `right/(right + wrong)` is `tp/(tp + wrong)`.
    pub wrong: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// One judged answer: right, or wrong with a value given and/or expected.
    fn judge(&mut self, right: bool, given: bool, expected: bool) {
        if right {
            self.tp += 1;
        } else {
            self.wrong += 1;
            self.fp += usize::from(given);
            self.fn_ += usize::from(expected);
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The fields scored, in the order they are reported.
pub const FIELDS: [&str; 12] = [
    "citations",
    "citation date",
    "citation scope",
    "citation form",
    "parties",
    "signatories",
    "kind",
    "number",
    "date",
    "province",
    "period",
    "parent",
];

/// One miss, extra or wrong value, in the script's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub file: String,
    pub message: String,
}

/// The figures of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// Gold documents, and those with an extraction.
    pub documents: usize,
    pub scored: usize,
    /// Counts per field, keyed by the names of [`FIELDS`].
    pub fields: BTreeMap<&'static str, Counts>,
    /// Every miss, extra and wrong value, document by document.
    pub notes: Vec<Note>,
}

impl Score {
    /// The counts of a field of [`FIELDS`].
    pub fn field(&self, name: &str) -> Counts {
        self.fields.get(name).copied().unwrap_or_default()
    }

    /// The script's summary, line for line.
    pub fn summary(&self) -> Vec<String> {
        let c = self.field("citations");
        let frac = |k: &str| {
            let f = self.field(k);
            format!("{}/{}", f.tp, f.tp + f.wrong)
        };
        let p = self.field("parties");
        let s = self.field("signatories");
        let (mut meta_ok, mut meta_all) = (0, 0);
        for k in ["kind", "number", "date", "province", "period"] {
            let f = self.field(k);
            meta_ok += f.tp;
            meta_all += f.tp + f.wrong;
        }
        vec![
            format!(
                "citations: tp={} fp={} fn={} precision={:.3} recall={:.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            ),
            format!(
                "citation dates right: {}; scopes right: {}; forms right: {}",
                frac("citation date"),
                frac("citation scope"),
                frac("citation form")
            ),
            format!(
                "parties: precision={:.3} recall={:.3}; signatories found: {}/{}",
                p.precision(),
                p.recall(),
                s.tp,
                s.tp + s.fn_
            ),
            format!(
                "document fields right: {meta_ok}/{meta_all}; parent right: {}",
                frac("parent")
            ),
            format!("citation F1 {:.3}", c.f1()),
        ]
    }
}

fn show(v: Option<&str>) -> String {
    v.map_or("None".to_string(), |s| format!("'{s}'"))
}

/// Score extractions (keyed by file name) against the gold.
pub fn score(gold: &Gold, got: &BTreeMap<String, Extraction>) -> Score {
    let mut sc = Scorer {
        fields: FIELDS.iter().map(|&f| (f, Counts::default())).collect(),
        notes: Vec::new(),
        file: "",
    };
    let mut scored = 0;
    for g in &gold.documents {
        sc.file = g.file.as_str();
        let Some(o) = got.get(sc.file) else {
            sc.note("no output".into());
            sc.count("citations").fn_ += g.citations.as_deref().map_or(0, <[GoldCitation]>::len);
            sc.count("parties").fn_ += g.parties.as_deref().map_or(0, <[Vec<String>]>::len);
            sc.count("signatories").fn_ += g.signatories.as_deref().map_or(0, <[String]>::len);
            continue;
        };
        scored += 1;
        sc.citations(g, o);
        sc.parties(g, o);
        sc.signatories(g, o);
        sc.facts(g, o);
    }
    Score {
        documents: gold.documents.len(),
        scored,
        fields: sc.fields,
        notes: sc.notes,
    }
}

/// The counts and notes while scoring, and the file being scored.
struct Scorer<'a> {
    fields: BTreeMap<&'static str, Counts>,
    notes: Vec<Note>,
    file: &'a str,
}

impl Scorer<'_> {
    fn note(&mut self, message: String) {
        self.notes.push(Note {
            file: self.file.to_string(),
            message,
        });
    }

    fn count(&mut self, field: &'static str) -> &mut Counts {
        self.fields.entry(field).or_default()
    }

    /// Citations: each gold citation (required ones after optional ones are
    /// taken) matched to one predicted by id or an alternative id; then its
    /// date, scope and form.
    fn citations(&mut self, g: &GoldDoc, o: &Extraction) {
        let mut order: Vec<&GoldCitation> = g.citations.as_deref().unwrap_or_default().iter().collect();
        order.sort_by_key(|c| c.optional);
        let pred_ids: Vec<String> = o.citations.iter().map(|p| id_fold(&p.id)).collect();
        let mut used = HashSet::new();
        for c in order {
            let keys: HashSet<String> = std::iter::once(&c.id).chain(&c.alt).map(|s| id_fold(s)).collect();
            let hit = (0..pred_ids.len()).find(|i| !used.contains(i) && keys.contains(&pred_ids[*i]));
            if c.optional {
                if let Some(i) = hit {
                    used.insert(i);
                }
                continue;
            }
            let Some(i) = hit else {
                self.count("citations").fn_ += 1;
                self.note(format!("missed citation {} ({})", c.id, c.form));
                continue;
            };
            used.insert(i);
            self.count("citations").tp += 1;
            self.citation_details(c, &o.citations[i]);
        }
        for (i, p) in o.citations.iter().enumerate() {
            if g.citations.is_some() && !used.contains(&i) {
                self.count("citations").fp += 1;
                self.note(format!("extra citation {}", p.id));
            }
        }
    }

    /// A matched citation's date, scope and form.
    fn citation_details(&mut self, c: &GoldCitation, p: &Citation) {
        if let Some(want) = &c.date {
            let have = p.date.map(|d| d.to_string());
            let have = have.as_deref();
            if c.date_in_text {
                self.count("citation date")
                    .judge(have == Some(want.as_str()), have.is_some(), true);
            } else if have.is_some_and(|d| d != want) {
                self.count("citation date").judge(false, true, true);
            }
            if have != Some(want.as_str()) && (c.date_in_text || have.is_some()) {
                self.note(format!("{} date {} expected {want}", c.id, have.unwrap_or("None")));
            }
        }
        if let Some(want) = &c.scope {
            let have = p.scope.as_deref();
            let right = have.map(id_fold) == want.as_deref().map(id_fold);
            self.count("citation scope")
                .judge(right, have.is_some(), want.is_some());
            if !right {
                self.note(format!(
                    "{} scope {} expected {}",
                    c.id,
                    have.unwrap_or("None"),
                    want.as_deref().unwrap_or("None")
                ));
            }
        }
        let form = p.form.as_str();
        self.count("citation form").judge(form == c.form, true, true);
        if form != c.form {
            self.note(format!("{} form {form} expected {}", c.id, c.form));
        }
    }

    /// Parties: each gold party (any of its names) matched to one predicted.
    fn parties(&mut self, g: &GoldDoc, o: &Extraction) {
        let pred: Vec<String> = o.parties.iter().map(|p| name_fold(&p.name)).collect();
        let mut matched = HashSet::new();
        for alts in g.parties.as_deref().unwrap_or_default() {
            let keys: HashSet<String> = alts.iter().map(|a| name_fold(a)).collect();
            match (0..pred.len()).find(|i| !matched.contains(i) && keys.contains(&pred[*i])) {
                Some(i) => {
                    matched.insert(i);
                    self.count("parties").tp += 1;
                }
                None => {
                    self.count("parties").fn_ += 1;
                    self.note(format!("missed party {}", alts.first().map_or("", String::as_str)));
                }
            }
        }
        for (i, p) in o.parties.iter().enumerate() {
            if g.parties.is_some() && !matched.contains(&i) {
                self.count("parties").fp += 1;
                self.note(format!("extra party {}", p.name));
            }
        }
    }

    /// Signatories, by name.
    fn signatories(&mut self, g: &GoldDoc, o: &Extraction) {
        let gold_sigs = g.signatories.as_deref().unwrap_or_default();
        let pred: HashSet<String> = o.signatories.iter().map(|s| name_fold(&s.name)).collect();
        let want: HashSet<String> = gold_sigs.iter().map(|s| name_fold(s)).collect();
        for s in gold_sigs {
            if pred.contains(&name_fold(s)) {
                self.count("signatories").tp += 1;
            } else {
                self.count("signatories").fn_ += 1;
                self.note(format!("missed signatory {s}"));
            }
        }
        for s in &o.signatories {
            if g.signatories.is_some() && !want.contains(&name_fold(&s.name)) {
                self.count("signatories").fp += 1;
                self.note(format!("extra signatory {}", s.name));
            }
        }
    }

    /// Kind, number, date, province, period and parent.
    fn facts(&mut self, g: &GoldDoc, o: &Extraction) {
        let date = o.date.map(|d| d.to_string());
        let values = [
            ("kind", &g.kind, Some(o.kind.as_str())),
            ("number", &g.number, o.number.as_deref()),
            ("date", &g.date, date.as_deref()),
            ("province", &g.province, o.province.as_deref()),
        ];
        for (key, want, have) in values {
            let Some(want) = want else { continue };
            let same = |s: Option<&str>| {
                let s = s.unwrap_or("None");
                if key == "province" {
                    name_fold(s)
                } else {
                    id_fold(s)
                }
            };
            let right = same(have) == same(want.as_deref());
            self.count(key).judge(right, have.is_some(), want.is_some());
            if !right {
                self.note(format!("{key} {} expected {}", show(have), show(want.as_deref())));
            }
        }
        if let Some(want) = &g.period {
            let have: Vec<i64> = o.period.map_or(Vec::new(), |[a, b]| vec![a.into(), b.into()]);
            let right = &have == want;
            self.count("period").judge(right, !have.is_empty(), !want.is_empty());
            if !right {
                let list = |v: &[i64]| {
                    if v.is_empty() {
                        "None".to_string()
                    } else {
                        format!("{v:?}")
                    }
                };
                self.note(format!("period {} expected {}", list(&have), list(want)));
            }
        }
        if let Some(want) = &g.parent {
            let keys: HashSet<String> = want.iter().map(|x| id_fold(x)).collect();
            let have = o.parent.as_deref().filter(|p| !p.is_empty());
            let right = match have {
                None => keys.is_empty(),
                Some(h) => keys.contains(&id_fold(h)),
            };
            self.count("parent").judge(right, have.is_some(), !keys.is_empty());
            if !right {
                let list: Vec<String> = want.iter().map(|x| format!("'{x}'")).collect();
                self.note(format!("parent {} expected one of [{}]", show(have), list.join(", ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_script() {
        assert_eq!(id_fold("1373/QĐ - TTg"), "1373/qđ-ttg");
        assert_eq!(id_fold("\u{d0}T"), "đt");
        assert_eq!(name_fold("Hoà Bình"), name_fold("Hòa Bình"));
        assert_eq!(name_fold("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_eq!(name_fold("Sở GD-ĐT,  tỉnh"), "so gd đt tinh");
    }

    #[test]
    fn a_gold_that_is_not_the_format_names_the_file() {
        let e = Gold::from_json("{\"documents\": [{\"citations\": []}]}", "g.json").unwrap_err();
        assert!(e.to_string().starts_with("g.json: document 1"), "{e}");
        let e = Gold::from_json("[1]", "g.json").unwrap_err();
        assert!(e.to_string().contains("documents"), "{e}");
        let e = Gold::from_json(
            "{\"documents\": [{\"file\": \"a.txt\", \"citations\": [{\"id\": \"1/QĐ\"}]}]}",
            "g.json",
        )
        .unwrap_err();
        assert!(e.to_string().contains("a.txt: citation 1/QĐ: no `form`"), "{e}");
    }

    #[test]
    fn optional_citations_count_neither_way_and_missing_output_is_missed() {
        let gold = Gold::from_json(
            r#"{"documents": [
                {"file": "a.txt", "kind": "news", "citations": [
                    {"id": "5/QĐ-TTg", "form": "full", "optional": true},
                    {"id": "11-CT/TW", "alt": ["11/CT-TW"], "form": "short", "scope": null, "date": "2007-04-13"}],
                 "parties": [["Hội Khuyến học tỉnh Bến Tre"]], "signatories": [{"name": "Lê Văn A"}]},
                {"file": "b.txt", "citations": [{"id": "1/KH", "form": "full"}],
                 "parties": [["X"]], "signatories": [{"name": "Y"}]}]}"#,
            "g",
        )
        .unwrap();
        let k = crate::Knowledge::builtin().unwrap();
        let x = crate::extract(
            "Hội Khuyến học tỉnh Bến Tre ký kết\n\n10/05/2023\n\nThực hiện Chỉ thị số 11-CT/TW ngày 13/4/2007 và Quyết định số 5/QĐ-TTg.",
            &k,
        );
        let got = BTreeMap::from([("a.txt".to_string(), x)]);
        let s = score(&gold, &got);
        assert_eq!((s.documents, s.scored), (2, 1));
        let c = s.field("citations");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 1));
        let f = s.field("citation form");
        assert_eq!((f.tp, f.wrong), (0, 1));
        assert_eq!(s.field("citation date").tp, 1);
        let sig = s.field("signatories");
        assert_eq!((sig.tp, sig.fn_), (0, 2));
        assert!(s.notes.contains(&Note {
            file: "b.txt".into(),
            message: "no output".into()
        }));
        assert!(s.notes.iter().any(|n| n.message == "11-CT/TW form full expected short"));
        assert_eq!(s.summary()[4], "citation F1 0.667");
    }

    #[test]
    fn a_gold_without_parties_or_signatories_keys_does_not_judge_them() {
        let gold = Gold::from_json(
            r#"{"documents": [
                {"file": "a.txt", "citations": [{"id": "11-CT/TW", "form": "full"}]},
                {"file": "b.txt", "number": "5/QĐ-UBND"}]}"#,
            "g",
        )
        .unwrap();
        let k = crate::Knowledge::builtin().unwrap();
        let text = "Số: 5/QĐ-UBND\n\nThực hiện Chỉ thị số 11-CT/TW ngày 13/4/2007 và Kế hoạch số 7/KH-UBND.\n\n\
            HỘI KHUYẾN HỌC TỈNH\nCHỦ TỊCH\n\nLê Văn An\n";
        let x = crate::extract(text, &k);
        assert!(!x.signatories.is_empty() && x.citations.len() == 2, "{x:?}");
        let got = BTreeMap::from([("a.txt".to_string(), x.clone()), ("b.txt".to_string(), x)]);
        let s = score(&gold, &got);
        let c = s.field("citations");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 0), "{:?}", s.notes);
        assert_eq!(s.field("signatories"), Counts::default());
        assert_eq!(s.field("parties"), Counts::default());
        assert!(s
            .notes
            .iter()
            .all(|n| !n.message.contains("signatory") && !n.message.contains("party")));
        assert_eq!(s.field("number").tp, 1);
    }
}
