//! The catalogue of known instruments: a data file, built in and
//! extensible by the user.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{parse_data, Syntax};
use crate::ident;
use crate::text::name_key;
use crate::{Error, Result};

/// The on-disk format version of catalogue files.
pub const FORMAT_VERSION: u32 = 1;

#[cfg(test)]
const BUILTIN: &str = include_str!("../data/catalog.toml");
/// The catalogue of laws, written from the whole laws by `data/make-laws.py`.
#[cfg(test)]
const LAWS: &str = include_str!("../data/laws.toml");

/// One known instrument.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    pub level: Option<String>,
    pub period: Option<[u16; 2]>,
    pub scope: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default, rename = "instrument")]
    instruments: Vec<Entry>,
}

/// All known instruments, looked up by id (any spelling of an id or alias),
/// by name, or by type and number.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// Every entry a name (without quotes) may mean: laws of one name differ
    /// by date.
    by_names: HashMap<String, Vec<usize>>,
}

impl Catalog {
    /// The built-in national framework.
    pub fn builtin() -> Result<Catalog> {
        let mut c = Catalog::default();
        c.extend(builtin!("catalog.json"), "built-in catalogue", Syntax::Json)?;
        c.extend(builtin!("laws.json"), "built-in catalogue of laws", Syntax::Json)?;
        Ok(c)
    }

    /// Add the entries of a catalogue file; an entry whose id is already
    /// known replaces the old one.
    pub fn extend_from_toml(&mut self, src: &str, source_name: &str) -> Result<()> {
        self.extend(src, source_name, Syntax::Toml)
    }

    fn extend(&mut self, src: &str, source_name: &str, syntax: Syntax) -> Result<()> {
        let err = |message: String| Error::data(source_name, message);
        let file: File = parse_data(syntax, src, source_name, "catalogue", FORMAT_VERSION, |f: &File| {
            f.version
        })?;
        for e in file.instruments {
            if e.id.trim().is_empty() {
                return Err(err("an instrument has an empty id".into()));
            }
            if let Some(d) = e.date.filter(|d| !d.is_day()) {
                return Err(err(format!("{}: date \"{d}\" is not YYYY-MM-DD", e.id)));
            }
            self.insert(e);
        }
        Ok(())
    }

    fn insert(&mut self, e: Entry) {
        let k = ident::key(&e.id);
        let idx = match self.by_key.get(&k) {
            Some(&i) => {
                self.entries[i] = e;
                i
            }
            None => {
                self.entries.push(e);
                self.entries.len() - 1
            }
        };
        let e = &self.entries[idx];
        self.by_key.insert(k, idx);
        for a in &e.aliases {
            self.by_key.insert(ident::key(a), idx);
        }
        for n in &e.names {
            let key = name_key(n);
            self.by_name.insert(key.clone(), idx);
            let all = self.by_names.entry(key).or_default();
            if !all.contains(&idx) {
                all.push(idx);
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry an id (or alias, in any spelling) names.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_key.get(&ident::key(id)).map(|&i| &self.entries[i])
    }

    /// The entry named by a type word and quoted title ("Đề án “…”").
    pub fn by_name(&self, type_and_title: &str) -> Option<&Entry> {
        self.by_name.get(&name_key(type_and_title)).map(|&i| &self.entries[i])
    }

    /// The one entry of this type and number, if exactly one.
    pub fn by_type_number(&self, kind: &str, number: &str) -> Option<&Entry> {
        let kind = name_key(kind);
        let mut found = self
            .entries
            .iter()
            .filter(|e| name_key(&e.kind) == kind && number_of(&e.id) == number);
        match (found.next(), found.next()) {
            (Some(e), None) => Some(e),
            _ => None,
        }
    }

    /// Entries a short form may mean: of this type (`Quyết định 1373`), or
    /// named by it (`Đề án 281` for the decision approving the Đề án), with
    /// this number.
    pub fn by_short(&self, kind: &str, number: &str) -> Vec<&Entry> {
        let kind = name_key(kind);
        let by_kind = |e: &Entry| {
            name_key(&e.kind) == kind
                || e.names.iter().any(|n| {
                    let n = name_key(n);
                    n.starts_with(&kind) && n[kind.len()..].starts_with(' ')
                })
        };
        self.entries
            .iter()
            .filter(|e| number_of(&e.id) == number && by_kind(e))
            .collect()
    }

    /// The law (or code) of this name (`Luật Giáo dục`) signed on `date`
    /// (`YYYY-MM-DD`), else the one law of that name signed in `year`.
    pub fn law(&self, name: &str, date: Option<Date>, year: u16) -> Option<&Entry> {
        let all = self.by_names.get(&name_key(name))?;
        let in_year: Vec<&Entry> = all
            .iter()
            .map(|&i| &self.entries[i])
            .filter(|e| e.date.map(|d| d.year) == Some(year))
            .collect();
        if let Some(e) = date.and_then(|d| in_year.iter().find(|e| e.date == Some(d))) {
            return Some(e);
        }
        match in_year[..] {
            [e] => Some(e),
            _ => None,
        }
    }

    /// Cooperation programmes between these kinds of party, at this level,
    /// for exactly this period.
    pub fn programme(&self, kinds: &[&str], level: &str, period: [u16; 2]) -> Option<&Entry> {
        let mut want: Vec<&str> = kinds.to_vec();
        want.sort_unstable();
        want.dedup();
        self.entries.iter().find(|e| {
            let mut have: Vec<&str> = e.parties.iter().map(String::as_str).collect();
            have.sort_unstable();
            !have.is_empty() && have == want && e.level.as_deref() == Some(level) && e.period == Some(period)
        })
    }
}

/// The number an id starts with (`1373/QĐ-TTg` → `1373`).
pub fn number_of(id: &str) -> &str {
    let end = id.find(|c: char| !c.is_ascii_digit()).unwrap_or(id.len());
    &id[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<V: std::fmt::Debug>(m: &HashMap<String, V>) -> Vec<(&String, &V)> {
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    #[test]
    fn builtin_read_from_json_is_the_toml_read_as_toml() {
        let json = Catalog::builtin().unwrap();
        let mut toml = Catalog::default();
        toml.extend_from_toml(BUILTIN, "catalog.toml").unwrap();
        toml.extend_from_toml(LAWS, "laws.toml").unwrap();
        assert!(json.entries().len() > 100);
        assert_eq!(json.entries(), toml.entries());
        assert_eq!(sorted(&json.by_key), sorted(&toml.by_key));
        assert_eq!(sorted(&json.by_name), sorted(&toml.by_name));
        assert_eq!(sorted(&json.by_names), sorted(&toml.by_names));
    }

    #[test]
    fn builtin_loads_and_resolves_aliases() {
        let c = Catalog::builtin().unwrap();
        assert!(c.entries().len() >= 16);
        assert_eq!(c.get("324/QĐKHVN").unwrap().id, "324/QĐ-KHVN");
        assert_eq!(c.get("324/qđ-hkhavn").unwrap().id, "324/QĐ-KHVN");
        assert_eq!(c.get("1373/QĐ - TTg").unwrap().date, Date::parse("2021-07-30"));
        assert_eq!(
            c.by_name("Đề án \"Xây dựng xã hội học tập giai đoạn 2021 – 2030\"")
                .unwrap()
                .id,
            "1373/QĐ-TTg"
        );
        assert_eq!(c.by_type_number("Quyết định", "1373").unwrap().id, "1373/QĐ-TTg");
        // Laws by name and date or year, from the catalogue of laws.
        assert_eq!(
            c.law("Luật Giáo dục", Date::parse("2019-06-14"), 2019).unwrap().id,
            "43/2019/QH14"
        );
        assert_eq!(c.law("luật giáo dục", None, 2019).unwrap().id, "43/2019/QH14");
        assert_eq!(c.law("Bộ luật Dân sự", None, 2015).unwrap().id, "91/2015/QH13");
        assert!(c.law("Luật Giáo dục", None, 2001).is_none());
        assert_eq!(
            c.programme(&["youth-union", "khuyen-hoc"], "national", [2017, 2020])
                .unwrap()
                .id,
            "40/CTPH-HKVN-ĐTNCSHCM"
        );
    }

    #[test]
    fn user_catalogue_extends_and_replaces() {
        let mut c = Catalog::builtin().unwrap();
        let n = c.entries().len();
        c.extend_from_toml(
            "version = 1\n[[instrument]]\nid = \"1373/QĐ-TTg\"\ntype = \"Quyết định\"\ndate = \"2021-07-30\"\ntitle = \"x\"\n[[instrument]]\nid = \"12/KH-UBND\"\ntype = \"Kế hoạch\"\nscope = \"An Giang\"\n",
            "test",
        )
        .unwrap();
        assert_eq!(c.entries().len(), n + 1);
        assert_eq!(c.get("1373/QĐ-TTg").unwrap().title.as_deref(), Some("x"));
    }

    #[test]
    fn bad_catalogues_are_clear_errors() {
        let mut c = Catalog::default();
        let e = c
            .extend_from_toml("version = 2\n", "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("mine.toml") && e.contains("version 2"), "{e}");
        let e = c
            .extend_from_toml(
                "version = 1\n[[instrument]]\nid = \"1\"\ntype = \"x\"\ndate = \"2021-13-01\"\n",
                "m",
            )
            .unwrap_err()
            .to_string();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert!(c.extend_from_toml("nonsense = [", "m").is_err());
    }
}
