//! Corrections: facts a researcher fixes by hand, per document, in a TOML
//! file (`cancu index --corrections FILE`). They are applied to each
//! document's record after extraction, every corrected fact is named in
//! the record's `corrected` list, and a correction that no longer matches
//! its document (a citation to drop that is not read any more, a value the
//! extraction now gives by itself, a document that is gone) is a warning.
//!
//! ```toml
//! version = 1
//!
//! [[document]]
//! path = "corpus/003_798d9b088e52fc0e.txt"   # or: number = "24/CTrPH-HKH-SGDĐT"
//! note = "the date line is torn in the scan"
//! date = "2017-11-21"
//! title = "CHƯƠNG TRÌNH PHỐI HỢP …"
//! kind = "agreement"                          # agreement, news, plan, other
//! province = "Bến Tre"
//! period = [2017, 2022]
//! parent = "02/CTr-BGDĐT-HKHVN"
//! add_citations = ["11-CT/TW"]
//! drop_citations = ["1373/QĐ-TTg"]
//! add_parties = [{ name = "Hội Khuyến học tỉnh Bến Tre", province = "Bến Tre" }]
//! drop_parties = ["Báo Đồng Khởi"]
//! add_signatories = [{ name = "Trần Văn A", title = "Chủ tịch" }]
//! drop_signatories = ["Nguyễn Văn B"]
//! ```
//!
//! Pure: parsed from a string, applied to records in memory.

use serde::Deserialize;

use crate::date::Date;
use crate::error::{parse_data, Syntax};
use crate::extract::{Citation, Diagnostic, Extraction, Form, Kind, Party, Role, Severity, Signatory};
use crate::ingest::Record;
use crate::text::name_key;
use crate::{ident, Error, Knowledge, Result};

/// The version of the corrections file format this cancu reads.
pub const VERSION: u32 = 1;

/// The diagnostic code of a correction that no longer matches its document.
pub const STALE: &str = "correction-stale";

/// A corrections file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    pub version: u32,
    #[serde(default, rename = "document")]
    pub documents: Vec<Correction>,
}

/// What to fix in one document, found by its path (its name in the index)
/// or by its own number.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub path: Option<String>,
    pub number: Option<String>,
    /// Why (kept for the reader of the file; not applied).
    pub note: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub province: Option<String>,
    pub period: Option<[u16; 2]>,
    pub parent: Option<String>,
    #[serde(default)]
    pub add_citations: Vec<String>,
    #[serde(default)]
    pub drop_citations: Vec<String>,
    #[serde(default)]
    pub add_parties: Vec<NewParty>,
    #[serde(default)]
    pub drop_parties: Vec<String>,
    #[serde(default)]
    pub add_signatories: Vec<NewSignatory>,
    #[serde(default)]
    pub drop_signatories: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewParty {
    pub name: String,
    pub province: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSignatory {
    pub name: String,
    pub title: Option<String>,
    pub party: Option<String>,
}

impl Corrections {
    /// Parse and check a corrections file (`source_name` names it in errors).
    pub fn from_toml(src: &str, source_name: &str) -> Result<Corrections> {
        let data = |message: String| Error::data(source_name, message);
        let c: Corrections = parse_data(
            Syntax::Toml,
            src,
            source_name,
            "corrections",
            VERSION,
            |c: &Corrections| c.version,
        )?;
        for (i, d) in c.documents.iter().enumerate() {
            let which = || format!("[[document]] {} ({})", i + 1, d.target());
            if d.path.is_none() == d.number.is_none() {
                return Err(data(format!("{}: give a path or a number, one of the two", which())));
            }
            if let Some(kind) = &d.kind {
                if parse_kind(kind).is_none() {
                    return Err(data(format!(
                        "{}: kind {kind:?} is not one of agreement, news, plan, other",
                        which()
                    )));
                }
            }
            if let Some(day) = &d.date {
                if Date::parse(day).is_none_or(|d| !d.is_day()) {
                    return Err(data(format!("{}: date {day:?} is not a day (YYYY-MM-DD)", which())));
                }
            }
            if let Some([a, b]) = d.period {
                if a > b {
                    return Err(data(format!("{}: period {a}-{b} ends before it starts", which())));
                }
            }
        }
        Ok(c)
    }

    /// Apply every correction that names `rec` (in the order of the file).
    /// Each corrected fact is named in `rec.corrected`; what no longer
    /// matches is a [`STALE`] warning among its diagnostics.
    pub fn apply(&self, rec: &mut Record, k: &Knowledge) {
        for c in &self.documents {
            if c.names(rec) {
                c.apply(rec, k);
            }
        }
    }

    /// The corrections that name none of the documents (by path or number).
    pub fn unmatched<'a>(&'a self, records: &[Record]) -> Vec<&'a Correction> {
        self.documents
            .iter()
            .filter(|c| !records.iter().any(|r| c.names(r)))
            .collect()
    }
}

fn parse_kind(s: &str) -> Option<Kind> {
    [Kind::Agreement, Kind::News, Kind::Plan, Kind::Other]
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s))
}

impl Correction {
    /// How the file names the document: `path …` or `number …`.
    pub fn target(&self) -> String {
        match (&self.path, &self.number) {
            (Some(p), _) => format!("path {p}"),
            (None, Some(n)) => format!("number {n}"),
            (None, None) => "no document".into(),
        }
    }

    pub fn names(&self, rec: &Record) -> bool {
        match (&self.path, &self.number) {
            (Some(p), _) => *p == rec.path,
            (None, Some(n)) => rec.extraction.number.as_deref().is_some_and(|own| same_id(own, n)),
            (None, None) => false,
        }
    }

    fn apply(&self, rec: &mut Record, k: &Knowledge) {
        let mut log = Log::default();
        let e = &mut rec.extraction;
        self.apply_facts(e, k, &mut log);
        self.apply_citations(e, k, &mut log);
        self.apply_parties(e, k, &mut log);
        self.apply_signatories(e, &mut log);
        let Log { stale, corrected } = log;
        for message in stale {
            e.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: STALE.into(),
                message: format!("correction ({}): {message}", self.target()),
                span: None,
            });
        }
        for c in corrected {
            if !rec.corrected.contains(&c) {
                rec.corrected.push(c);
            }
        }
    }

    /// Kind, title, date, province, period and parent.
    fn apply_facts(&self, e: &mut Extraction, k: &Knowledge, log: &mut Log) {
        let (stale, corrected) = (&mut log.stale, &mut log.corrected);
        if let Some(kind) = self.kind.as_deref().and_then(parse_kind) {
            if e.kind == kind {
                stale.push(format!("kind is already read as {kind:?}"));
            }
            e.kind = kind;
            corrected.push("kind".into());
        }
        if let Some(t) = &self.title {
            if e.title.as_deref() == Some(t.as_str()) {
                stale.push(format!("title is already read as {t}"));
            }
            e.title = Some(t.clone());
            corrected.push("title".into());
        }
        if let Some(d) = self.date.as_deref().and_then(Date::parse) {
            if e.date == Some(d) {
                stale.push(format!("date is already read as {d}"));
            }
            e.date = Some(d);
            corrected.push("date".into());
        }
        if let Some(p) = &self.province {
            let name = k.places.province(p).map_or_else(|| p.clone(), |pr| pr.name.clone());
            if e.province.as_deref() == Some(name.as_str()) {
                stale.push(format!("province is already read as {name}"));
            }
            e.province_now = k.places.now(&name).map(str::to_string);
            e.province = Some(name);
            corrected.push("province".into());
        }
        if let Some(period) = self.period {
            if e.period == Some(period) {
                stale.push(format!("period is already read as {}-{}", period[0], period[1]));
            }
            e.period = Some(period);
            corrected.push("period".into());
        }
        if let Some(parent) = &self.parent {
            let id = canonical(parent, k);
            if e.parent.as_deref().is_some_and(|p| same_id(p, &id)) {
                stale.push(format!("parent is already read as {id}"));
            }
            e.parent = Some(id);
            corrected.push("parent".into());
        }
    }

    /// Citations dropped and added.
    fn apply_citations(&self, e: &mut Extraction, k: &Knowledge, log: &mut Log) {
        let (stale, corrected) = (&mut log.stale, &mut log.corrected);
        for id in &self.drop_citations {
            match e.citations.iter().position(|c| same_id(&c.id, id)) {
                None => stale.push(format!("no citation of {id} is read any more")),
                Some(i) => {
                    let gone = e.citations.remove(i);
                    corrected.push(format!("citation {} dropped", gone.id));
                }
            }
        }
        for id in &self.add_citations {
            let id = canonical(id, k);
            if e.citations.iter().any(|c| same_id(&c.id, &id)) {
                stale.push(format!("{id} is already read as a citation"));
                continue;
            }
            e.citations.push(added_citation(&id, k));
            corrected.push(format!("citation {id} added"));
        }
    }

    /// Parties dropped and added.
    fn apply_parties(&self, e: &mut Extraction, k: &Knowledge, log: &mut Log) {
        drop_named(&mut e.parties, &self.drop_parties, |p| &p.name, "party", log);
        let (stale, corrected) = (&mut log.stale, &mut log.corrected);
        for p in &self.add_parties {
            if e.parties.iter().any(|x| name_key(&x.name) == name_key(&p.name)) {
                stale.push(format!("party {} is already read", p.name));
                continue;
            }
            let found = k.orgs.classify(&p.name, &k.places);
            e.parties.push(Party {
                name: p.name.clone(),
                province: p
                    .province
                    .as_ref()
                    .map(|q| k.places.province(q).map_or_else(|| q.clone(), |pr| pr.name.clone())),
                kind: found
                    .as_ref()
                    .map_or_else(|| "other".to_string(), |(i, _, _)| k.orgs.kind(*i).id.clone()),
                level: found.and_then(|(_, level, _)| level),
                span: [0, 0],
            });
            corrected.push(format!("party {} added", p.name));
        }
    }

    /// Signatories dropped and added.
    fn apply_signatories(&self, e: &mut Extraction, log: &mut Log) {
        drop_named(
            &mut e.signatories,
            &self.drop_signatories,
            |s| &s.name,
            "signatory",
            log,
        );
        let (stale, corrected) = (&mut log.stale, &mut log.corrected);
        for s in &self.add_signatories {
            if e.signatories.iter().any(|x| name_key(&x.name) == name_key(&s.name)) {
                stale.push(format!("signatory {} is already read", s.name));
                continue;
            }
            e.signatories.push(Signatory {
                name: s.name.clone(),
                title: s.title.clone(),
                rank: None,
                party: s.party.clone(),
                span: [0, 0],
            });
            corrected.push(format!("signatory {} added", s.name));
        }
    }
}

/// Drop the items named in `names` (a `what`: party, signatory), any case
/// or marks; one no longer read is stale.
fn drop_named<T>(items: &mut Vec<T>, names: &[String], name: impl Fn(&T) -> &String, what: &str, log: &mut Log) {
    for n in names {
        let before = items.len();
        items.retain(|x| name_key(name(x)) != name_key(n));
        if items.len() == before {
            log.stale.push(format!("no {what} {n} is read any more"));
        } else {
            log.corrected.push(format!("{what} {n} dropped"));
        }
    }
}

/// What applying a correction did: facts it found already so (stale) and
/// facts it corrected.
#[derive(Default)]
struct Log {
    stale: Vec<String>,
    corrected: Vec<String>,
}

/// An id as the catalogue spells it, or canonical.
/// Typed without diacritics (`1373/QD-TTg`), the catalogue's spelling
/// with them.
fn canonical(id: &str, k: &Knowledge) -> String {
    k.catalog
        .get(id)
        .or_else(|| ident::key_variants(id).iter().find_map(|v| k.catalog.get(v)))
        .map_or_else(|| ident::canonical(id), |e| e.id.clone())
}

/// Whether two ids name the same instrument, diacritics typed or not.
fn same_id(a: &str, b: &str) -> bool {
    ident::key(a) == ident::key(b) || ident::loose_key(a) == ident::loose_key(b)
}

/// A citation added by hand: what the catalogue knows of it, no mention in
/// the text.
fn added_citation(id: &str, k: &Knowledge) -> Citation {
    let entry = k.catalog.get(id);
    Citation {
        id: id.to_string(),
        kind: entry.map(|e| e.kind.clone()),
        date: entry.and_then(|e| e.date),
        issuer: entry.and_then(|e| e.issuer.clone()),
        scope: None,
        form: Form::Full,
        role: Role::Basis,
        cue: None,
        implements: Vec::new(),
        catalogued: entry.is_some(),
        written: id.to_string(),
        mentions: Vec::new(),
        pinpoints: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, k: &Knowledge) -> Record {
        let extraction = crate::extract(text, k);
        Record {
            path: "corpus/a.txt".into(),
            extraction,
            format: crate::formats::Format::Text,
            encoding: crate::text::Encoding::Utf8,
            corrected: Vec::new(),
        }
    }

    const TEXT: &str = "HỘI KHUYẾN HỌC TỈNH BẾN TRE\nSố: 12/CTrPH-HKH\n\nCHƯƠNG TRÌNH PHỐI HỢP\n\
Căn cứ Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị;\n";

    #[test]
    fn a_correction_replaces_facts_and_names_them() {
        let k = Knowledge::builtin().unwrap();
        let c = Corrections::from_toml(
            r#"version = 1
[[document]]
path = "corpus/a.txt"
title = "Chương trình phối hợp khuyến học"
date = "2019-05-10"
kind = "agreement"
province = "ben tre"
add_citations = ["1373/QD-TTg"]
drop_citations = ["11-ct/tw"]
add_parties = [{ name = "Tỉnh đoàn Bến Tre", province = "Bến Tre" }]
add_signatories = [{ name = "Trần Văn A", title = "Chủ tịch" }]
"#,
            "c.toml",
        )
        .unwrap();
        let mut r = record(TEXT, &k);
        c.apply(&mut r, &k);
        let e = &r.extraction;
        assert_eq!(e.date, Date::parse("2019-05-10"));
        assert_eq!(e.title.as_deref(), Some("Chương trình phối hợp khuyến học"));
        assert_eq!(e.province.as_deref(), Some("Bến Tre"));
        assert_eq!(e.province_now.as_deref(), Some("Vĩnh Long"));
        let ids: Vec<&str> = e.citations.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["1373/QĐ-TTg"]);
        assert!(e.parties.iter().any(|p| p.name == "Tỉnh đoàn Bến Tre"));
        assert_eq!(e.signatories.last().map(|s| s.name.as_str()), Some("Trần Văn A"));
        assert!(r.corrected.contains(&"date".to_string()), "{:?}", r.corrected);
        assert!(
            r.corrected.contains(&"citation 11-CT/TW dropped".to_string()),
            "{:?}",
            r.corrected
        );
        assert!(
            r.corrected.contains(&"citation 1373/QĐ-TTg added".to_string()),
            "{:?}",
            r.corrected
        );
    }

    #[test]
    fn a_correction_that_no_longer_matches_is_a_warning() {
        let k = Knowledge::builtin().unwrap();
        let c = Corrections::from_toml(
            "version = 1\n[[document]]\nnumber = \"12/ctrph-hkh\"\ndrop_citations = [\"99/QĐ-UBND\"]\nadd_citations = [\"11-CT/TW\"]\n\
[[document]]\npath = \"corpus/gone.txt\"\nkind = \"news\"\n",
            "c.toml",
        )
        .unwrap();
        let mut r = record(TEXT, &k);
        c.apply(&mut r, &k);
        let stale: Vec<&str> = r
            .extraction
            .diagnostics
            .iter()
            .filter(|d| d.code == STALE)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(stale.len(), 2, "{stale:?}");
        assert!(stale[0].contains("no citation of 99/QĐ-UBND"), "{stale:?}");
        assert!(stale[1].contains("11-CT/TW is already read"), "{stale:?}");
        let unmatched = c.unmatched(std::slice::from_ref(&r));
        assert_eq!(unmatched.len(), 1);
        assert_eq!(unmatched[0].target(), "path corpus/gone.txt");
    }

    #[test]
    fn a_bad_file_is_refused_with_what_is_wrong() {
        for (src, says) in [
            ("version = 2\n", "version 2"),
            (
                "version = 1\n[[document]]\npath = \"a\"\ncolour = \"red\"\n",
                "unknown field `colour`",
            ),
            (
                "version = 1\n[[document]]\nkind = \"news\"\n",
                "give a path or a number",
            ),
            (
                "version = 1\n[[document]]\npath = \"a\"\nkind = \"letter\"\n",
                "kind \"letter\"",
            ),
            (
                "version = 1\n[[document]]\npath = \"a\"\ndate = \"2019\"\n",
                "not a day",
            ),
            (
                "version = 1\n[[document]]\npath = \"a\"\nperiod = [2025, 2020]\n",
                "ends before",
            ),
        ] {
            let e = Corrections::from_toml(src, "c.toml").unwrap_err().to_string();
            assert!(e.starts_with("c.toml: ") && e.contains(says), "{src}: {e}");
        }
    }
}
