//! The rule-file format of `cancu check` (`data/rules.toml` is the built-in
//! one): rules that say which documents they judge and what those must cite,
//! and the settings of the built-in checks.

use serde::{Deserialize, Serialize};

use crate::error::{parse_data, Syntax};
use crate::extract::Kind;
use crate::graph::EdgeKind;
use crate::orgs::Level;
use crate::text::name_key;
use crate::{Error, Knowledge, Result};

/// The on-disk format version of rule files.
pub const FORMAT_VERSION: u32 = 1;

const BUILTIN: &str = include_str!("../../data/rules.toml");

/// How much a finding weighs. `--fail-on` says from which severity a
/// finding fails a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How a rule's period compares with a document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodMatch {
    /// The document's period lies within the rule's.
    #[default]
    Within,
    /// The two periods share a year.
    Overlaps,
}

/// Which documents a rule judges. Every condition given must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applies {
    /// Document kinds (news reports and plans only when named here).
    #[serde(default = "agreements")]
    pub kinds: Vec<Kind>,
    /// Tiers of the document (its most local party's).
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Organisation kinds that must all be among the parties.
    #[serde(default)]
    pub parties: Vec<String>,
    pub period: Option<[u16; 2]>,
    #[serde(default)]
    pub period_match: PeriodMatch,
    /// The province on the document or today's (any spelling).
    #[serde(default)]
    pub provinces: Vec<String>,
}

fn agreements() -> Vec<Kind> {
    vec![Kind::Agreement]
}

impl Default for Applies {
    fn default() -> Applies {
        Applies {
            kinds: agreements(),
            levels: Vec::new(),
            parties: Vec::new(),
            period: None,
            period_match: PeriodMatch::Within,
            provinces: Vec::new(),
        }
    }
}

/// What a document a rule applies to must cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    /// Any one of these instruments.
    pub cites_any: Vec<String>,
    /// Edges between the document and the instrument: 1 is a citation of
    /// the document itself.
    #[serde(default = "one")]
    pub depth: usize,
    /// Edges followed beyond the document's own citations.
    #[serde(default = "all_relations")]
    pub via: Vec<EdgeKind>,
    /// Whether a citation by title only counts.
    #[serde(default = "yes")]
    pub by_name: bool,
}

fn one() -> usize {
    1
}

fn yes() -> bool {
    true
}

fn all_relations() -> Vec<EdgeKind> {
    vec![EdgeKind::Implements, EdgeKind::BasedOn, EdgeKind::Cites]
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub description: String,
    pub severity: Severity,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub applies: Applies,
    pub requires: Requires,
}

/// The built-in checks, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    InferredParent,
    PeriodWithinParent,
    CitationDates,
    PartiesSigned,
    NumberFormat,
}

impl Check {
    pub const ALL: [Check; 5] = [
        Check::InferredParent,
        Check::PeriodWithinParent,
        Check::CitationDates,
        Check::PartiesSigned,
        Check::NumberFormat,
    ];

    /// The id findings carry and rule files name.
    pub fn id(self) -> &'static str {
        match self {
            Check::InferredParent => "inferred-parent",
            Check::PeriodWithinParent => "period-within-parent",
            Check::CitationDates => "citation-dates",
            Check::PartiesSigned => "parties-signed",
            Check::NumberFormat => "number-format",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Check::InferredParent => "An agreement cites the agreement one level up between the same kinds of party whose period covers its own, when that agreement is in the corpus with a number.",
            Check::PeriodWithinParent => "An agreement's period lies within the period of its parent programme.",
            Check::CitationDates => "Nothing an agreement cites is dated after the agreement.",
            Check::PartiesSigned => "Every party to an agreement signed it (appears in a signature block).",
            Check::NumberFormat => "An agreement's own number has the shape N/CODE-ISSUER… with a programme code (CTPH, CTrPH, CTr, …).",
        }
    }

    fn default_severity(self) -> Severity {
        match self {
            Check::InferredParent => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// How a built-in check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckSetting {
    pub severity: Severity,
    pub enabled: bool,
    /// Inferred parents: whether a citation by title only counts.
    pub by_name: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingFile {
    severity: Option<Severity>,
    enabled: Option<bool>,
    by_name: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ChecksFile {
    inferred_parent: Option<SettingFile>,
    period_within_parent: Option<SettingFile>,
    citation_dates: Option<SettingFile>,
    parties_signed: Option<SettingFile>,
    number_format: Option<SettingFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    checks: ChecksFile,
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

/// The rules and check settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    settings: [CheckSetting; 5],
}

impl Default for RuleSet {
    /// No rules; the built-in checks at their default settings.
    fn default() -> RuleSet {
        RuleSet {
            rules: Vec::new(),
            settings: Check::ALL.map(|c| CheckSetting {
                severity: c.default_severity(),
                enabled: true,
                by_name: true,
            }),
        }
    }
}

impl RuleSet {
    /// The built-in rules (`data/rules.toml`).
    pub fn builtin(k: &Knowledge) -> Result<RuleSet> {
        let mut set = RuleSet::default();
        set.extend_from_toml(BUILTIN, "built-in rules", k)?;
        Ok(set)
    }

    /// The setting of a built-in check.
    pub fn setting(&self, c: Check) -> CheckSetting {
        self.settings[c as usize]
    }

    /// Add the rules of a rule file (a rule whose id is known replaces the
    /// old one) and apply its check settings.
    pub fn extend_from_toml(&mut self, src: &str, source_name: &str, k: &Knowledge) -> Result<()> {
        let err = |message: String| Error::data(source_name, message);
        let file: File = parse_data(Syntax::Toml, src, source_name, "rule", FORMAT_VERSION, |f: &File| {
            f.version
        })?;
        let c = file.checks;
        let given = [
            c.inferred_parent,
            c.period_within_parent,
            c.citation_dates,
            c.parties_signed,
            c.number_format,
        ];
        for (check, s) in Check::ALL.into_iter().zip(given) {
            let Some(s) = s else { continue };
            if s.by_name.is_some() && check != Check::InferredParent {
                return Err(err(format!(
                    "checks.{}: by_name applies to inferred-parent only",
                    check.id()
                )));
            }
            self.settings[check as usize] = CheckSetting {
                severity: s.severity.unwrap_or(check.default_severity()),
                enabled: s.enabled.unwrap_or(true),
                by_name: s.by_name.unwrap_or(true),
            };
        }
        let mut seen: Vec<String> = Vec::new();
        for r in file.rules {
            validate(&r, k).map_err(|m| err(format!("rule {:?}: {m}", r.id)))?;
            if seen.contains(&r.id) {
                return Err(err(format!("rule {:?} is defined twice", r.id)));
            }
            seen.push(r.id.clone());
            match self.rules.iter_mut().find(|x| x.id == r.id) {
                Some(x) => *x = r,
                None => self.rules.push(r),
            }
        }
        Ok(())
    }
}

fn validate(r: &Rule, k: &Knowledge) -> std::result::Result<(), String> {
    if r.id.trim().is_empty() {
        return Err("the id is empty".into());
    }
    if Check::ALL.iter().any(|c| c.id() == r.id) {
        return Err("the id is a built-in check's".into());
    }
    if r.applies.kinds.is_empty() {
        return Err("applies.kinds is empty: the rule would judge nothing".into());
    }
    for p in &r.applies.parties {
        if k.orgs.kind_by_id(p).is_none() {
            return Err(format!(
                "applies.parties: {p:?} is not an organisation kind of data/organisations.toml"
            ));
        }
    }
    if let Some([a, b]) = r.applies.period {
        if a > b {
            return Err(format!("applies.period [{a}, {b}] ends before it starts"));
        }
    }
    for p in &r.applies.provinces {
        if k.places.province(p).is_none() {
            return Err(format!("applies.provinces: {p:?} is not a province"));
        }
    }
    let q = &r.requires;
    if q.cites_any.is_empty() || q.cites_any.iter().any(|i| i.trim().is_empty()) {
        return Err("requires.cites_any names no instrument".into());
    }
    if q.depth == 0 {
        return Err("requires.depth must be 1 (cited by the document) or more".into());
    }
    if q.via.is_empty() {
        return Err("requires.via is empty".into());
    }
    if let Some(bad) = q
        .via
        .iter()
        .find(|e| !matches!(e, EdgeKind::Implements | EdgeKind::BasedOn | EdgeKind::Cites))
    {
        return Err(format!(
            "requires.via: {bad:?} is not followed (IMPLEMENTS, BASED_ON or CITES)"
        ));
    }
    Ok(())
}

/// Whether `name` names `province` (any spelling the gazetteer knows).
pub(crate) fn same_province(k: &Knowledge, a: &str, b: &str) -> bool {
    province_key(k, a) == province_key(k, b)
}

/// What two names of one province have in common: the key of the
/// province's name as the catalogue of places has it.
pub(crate) fn province_key(k: &Knowledge, s: &str) -> String {
    k.places.province(s).map_or_else(|| name_key(s), |p| name_key(&p.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> Knowledge {
        Knowledge::builtin().unwrap()
    }

    #[test]
    fn builtin_loads() {
        let set = RuleSet::builtin(&k()).unwrap();
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "education-681",
                "education-02",
                "youth-union-40",
                "army-command-893",
                "directive-11"
            ]
        );
        assert_eq!(set.rules[4].requires.depth, 6);
        assert_eq!(set.rules[4].applies, Applies::default());
        assert_eq!(set.setting(Check::InferredParent).severity, Severity::Error);
        assert_eq!(set.setting(Check::CitationDates).severity, Severity::Warning);
    }

    #[test]
    fn a_file_replaces_extends_and_sets_checks() {
        let k = k();
        let mut set = RuleSet::builtin(&k).unwrap();
        set.extend_from_toml(
            r#"version = 1
[checks]
citation-dates = { severity = "error" }
number-format = { enabled = false }
inferred-parent = { by_name = false }

[[rule]]
id = "education-02"
description = "stricter"
severity = "error"
applies = { levels = ["provincial"], parties = ["education", "khuyen-hoc"], period = [2024, 2030] }
requires = { cites_any = ["02/CTr-BGDĐT-HKHVN"], by_name = false }

[[rule]]
id = "plans-1373"
description = "plans rest on 1373"
severity = "warning"
[rule.applies]
kinds = ["plan"]
provinces = ["Dak Nong"]
period = [2021, 2030]
period_match = "overlaps"
[rule.requires]
cites_any = ["1373/QĐ - TTg"]
depth = 2
via = ["IMPLEMENTS"]
"#,
            "mine.toml",
            &k,
        )
        .unwrap();
        assert_eq!(set.rules.len(), 6);
        assert!(!set.rules[1].requires.by_name);
        assert_eq!(set.rules[5].applies.kinds, [Kind::Plan]);
        assert_eq!(set.rules[5].applies.period_match, PeriodMatch::Overlaps);
        assert_eq!(set.setting(Check::CitationDates).severity, Severity::Error);
        assert!(!set.setting(Check::NumberFormat).enabled);
        assert!(!set.setting(Check::InferredParent).by_name);
        assert_eq!(set.setting(Check::InferredParent).severity, Severity::Error);
    }

    #[test]
    fn bad_files_are_clear_errors() {
        let k = k();
        let rule = |body: &str| {
            format!("version = 1\n[[rule]]\nid = \"r\"\ndescription = \"d\"\nseverity = \"error\"\n{body}")
        };
        let cases: &[(&str, &str)] = &[
            ("version = 2\n", "version 2"),
            ("version = 1\n[checks]\nnonsense = {}\n", "unknown field"),
            ("version = 1\n[checks]\nparties-signed = { by_name = true }\n", "inferred-parent only"),
            (&rule("requires = { cites_any = [] }"), "names no instrument"),
            (&rule("requires = { cites_any = [\"1\"], depth = 0 }"), "depth"),
            (&rule("requires = { cites_any = [\"1\"], via = [\"SIGNED\"] }"), "not followed"),
            (&rule("requires = { cites_any = [\"1\"], colour = 1 }"), "unknown field"),
            (&rule("applies = { parties = [\"choir\"] }\nrequires = { cites_any = [\"1\"] }"), "\"choir\""),
            (&rule("applies = { levels = [\"galactic\"] }\nrequires = { cites_any = [\"1\"] }"), "galactic"),
            (&rule("applies = { period = [2030, 2020] }\nrequires = { cites_any = [\"1\"] }"), "ends before"),
            (&rule("applies = { provinces = [\"Atlantis\"] }\nrequires = { cites_any = [\"1\"] }"), "Atlantis"),
            (&rule("applies = { kinds = [] }\nrequires = { cites_any = [\"1\"] }"), "judge nothing"),
            ("version = 1\n[[rule]]\nid = \"number-format\"\ndescription = \"d\"\nseverity = \"error\"\nrequires = { cites_any = [\"1\"] }\n", "built-in check"),
            (&format!("{}\n[[rule]]\nid = \"r\"\ndescription = \"d\"\nseverity = \"error\"\nrequires = {{ cites_any = [\"1\"] }}\n", rule("requires = { cites_any = [\"1\"] }")), "twice"),
            (&rule("severity = \"fatal\"\nrequires = { cites_any = [\"1\"] }"), "severity"),
        ];
        for (src, want) in cases {
            let mut set = RuleSet::default();
            let e = set.extend_from_toml(src, "mine.toml", &k).unwrap_err().to_string();
            assert!(e.contains("mine.toml") && e.contains(want), "{src}\n→ {e}");
        }
    }
}
