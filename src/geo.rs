//! Provinces before and after the 2025 reorganisation, and the towns that
//! stand for them.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::date::Date;
use crate::error::{parse_data, Syntax};
use crate::text::{name_key, phrase_pattern};
use crate::{Error, Result};

/// The provinces, then the districts of data/units.toml (generated from the
/// General Statistics Office's list by data/make-units.py), read as one file.
pub(crate) const BUILTIN: &str = concat!(
    include_str!("../data/provinces.toml"),
    "\n",
    include_str!("../data/units.toml")
);

/// A province as it was until 30 June 2025.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    pub name: String,
    /// `tỉnh` or `thành phố` (centrally governed city).
    pub kind: String,
    /// The province it belongs to since 1 July 2025.
    pub now: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub units: Vec<String>,
}

/// A district (huyện, quận, thị xã, provincial city) as it was until 30
/// June 2025, with its province.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    pub kind: String,
    pub province: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    two_tiers_from: String,
    province: Vec<Province>,
    #[serde(default)]
    unit: Vec<Unit>,
}

/// A regular expression made from reference data (the gazetteer's, the
/// organisation table's): alternatives of names escaped by
/// [`phrase_pattern`] between a head and a tail. Both the source and the
/// expression are made on first use: what only looks names up (a search's
/// `--province`, `--cites`) never pays for escaping or compiling them.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    head: &'static str,
    names: Vec<String>,
    tail: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// `head`, then any of `names` (tried in their order), then `tail`.
    pub(crate) fn of_names(head: &'static str, names: Vec<String>, tail: &'static str) -> Pattern {
        Pattern {
            head,
            names,
            tail,
            compiled: OnceLock::new(),
        }
    }

    fn source(&self) -> String {
        let alts: Vec<String> = self.names.iter().map(|s| phrase_pattern(s)).collect();
        format!("{}{}{}", self.head, alts.join("|"), self.tail)
    }

    /// The compiled expression. Escaped names always make a valid one;
    /// the one failure left, past the regex engine's size limit, leaves
    /// it matching nothing.
    pub(crate) fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| Regex::new(&self.source()).ok()).as_ref()
    }

    #[cfg(test)]
    pub(crate) fn source_for_tests(&self) -> String {
        self.source()
    }
}

/// The province gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    provinces: Vec<Province>,
    by_key: HashMap<String, usize>,
    /// Any province name or alias at the start of a text (after spaces), any case.
    names: Pattern,
    /// A province introduced as such: `tỉnh X`, `thành phố X`, `TP. X`.
    introduced: Pattern,
    /// Every district of data/units.toml, in its order.
    units: Vec<Unit>,
    /// The province of each of `units`, by index into `provinces`.
    unit_province: Vec<usize>,
    /// The towns and districts that stand for a province, worked out on
    /// first use: a lookup of a province by name never needs them.
    districts: OnceLock<Districts>,
    /// The words that introduce a district, folded as [`name_key`] folds
    /// them: the kinds of data/units.toml (`huyen`, `quan`, `thi xa`,
    /// `thanh pho`) and the abbreviation `tp`, longest first.
    district_words: Vec<String>,
    /// The day the district tier was abolished.
    two_tiers_from: Date,
}

/// The part of a [`Gazetteer`] made from its towns and districts.
#[derive(Debug, Clone)]
struct Districts {
    /// Towns listed with a province, and districts whose name is one
    /// province's only, by [`name_key`].
    by_unit: HashMap<String, usize>,
    /// Districts whose name is one province's only, any case.
    pattern: Option<Pattern>,
}

impl Gazetteer {
    pub fn builtin() -> Result<Gazetteer> {
        Gazetteer::read(builtin!("provinces.json"), "built-in provinces", Syntax::Json)
    }

    pub fn from_toml(src: &str, source_name: &str) -> Result<Gazetteer> {
        Gazetteer::read(src, source_name, Syntax::Toml)
    }

    fn read(src: &str, source_name: &str, syntax: Syntax) -> Result<Gazetteer> {
        let err = |message: String| Error::data(source_name, message);
        let file: File = parse_data(syntax, src, source_name, "provinces", 1, |f: &File| f.version)?;
        let mut by_key = HashMap::new();
        let mut spellings: Vec<String> = Vec::new();
        for (i, p) in file.province.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                by_key.insert(name_key(n), i);
                spellings.push(n.clone());
            }
        }
        let mut province_of: HashMap<&str, usize> = HashMap::new();
        let mut unit_province = Vec::with_capacity(file.unit.len());
        for u in &file.unit {
            let i = match province_of.get(u.province.as_str()) {
                Some(&i) => i,
                None => {
                    let Some(&i) = by_key.get(&name_key(&u.province)) else {
                        return Err(err(format!("unit {}: unknown province {}", u.name, u.province)));
                    };
                    province_of.insert(&u.province, i);
                    i
                }
            };
            unit_province.push(i);
        }
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let names = Pattern::of_names(r"^[ \t]*(?i:", spellings.clone(), ")");
        let introduced = Pattern::of_names(r"(?i)(?:tỉnh|thành phố|tp\.?)[ \t]*(?P<name>", spellings, ")");
        let Some(two_tiers_from) = Date::parse(&file.two_tiers_from).filter(|d| d.is_day()) else {
            return Err(err(format!(
                "two_tiers_from {:?} is not a day (YYYY-MM-DD)",
                file.two_tiers_from
            )));
        };
        let kinds: std::collections::BTreeSet<&str> = file.unit.iter().map(|u| u.kind.as_str()).collect();
        let mut district_words: Vec<String> = kinds.into_iter().map(name_key).collect();
        district_words.push("tp".to_string());
        district_words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        district_words.dedup();
        Ok(Gazetteer {
            two_tiers_from,
            district_words,
            provinces: file.province,
            by_key,
            names,
            introduced,
            units: file.unit,
            unit_province,
            districts: OnceLock::new(),
        })
    }

    fn districts(&self) -> &Districts {
        self.districts.get_or_init(|| {
            let mut by_unit = HashMap::new();
            for (i, p) in self.provinces.iter().enumerate() {
                for u in &p.units {
                    by_unit.insert(name_key(u), i);
                }
            }
            // A district's name that is one province's only, and not a
            // province's name, stands for its province (towns listed by
            // hand win).
            let unit_keys: Vec<String> = self.units.iter().map(|u| name_key(&u.name)).collect();
            let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
            for (k, &i) in unit_keys.iter().zip(&self.unit_province) {
                let e = seen.entry(k).or_insert(Some(i));
                if *e != Some(i) {
                    *e = None;
                }
            }
            let mut names: Vec<String> = Vec::new();
            for (u, k) in self.units.iter().zip(&unit_keys) {
                if let (Some(Some(i)), false) = (seen.get(k.as_str()), self.by_key.contains_key(k)) {
                    by_unit.entry(k.clone()).or_insert(*i);
                    names.push(u.name.clone());
                }
            }
            names.sort_by_key(|s| std::cmp::Reverse(s.len()));
            names.dedup();
            let pattern = (!names.is_empty()).then(|| Pattern::of_names("(?i:", names, ")"));
            Districts { by_unit, pattern }
        })
    }

    /// Districts named in `text` as whole words, in order: the province each
    /// lies in, whether a unit word (`huyện`, `quận`, `thị xã`, `thành phố`,
    /// `TP.`) introduces it, and its byte span.
    pub fn districts_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (&'a Province, bool, usize, usize)> + 'a {
        let districts = self.districts();
        districts.pattern.iter().filter_map(Pattern::get).flat_map(move |re| {
            re.find_iter(text).filter_map(move |m| {
                if !crate::text::is_whole_word(text, m.start(), m.end()) {
                    return None;
                }
                let p = districts
                    .by_unit
                    .get(&name_key(m.as_str()))
                    .map(|&i| &self.provinces[i])?;
                let head = text[..m.start()].trim_end_matches([' ', '\t', '.']);
                let mut back: Vec<char> = head.chars().rev().take(12).collect();
                back.reverse();
                let before = name_key(&back.into_iter().collect::<String>());
                let introduced = self
                    .district_words
                    .iter()
                    .any(|u| before == *u || before.ends_with(&format!(" {u}")));
                Some((p, introduced, m.start(), m.end()))
            })
        })
    }

    /// The words that introduce a district (`huyện`, `quận`, `thị xã`,
    /// `thành phố`, `TP`), folded as [`name_key`] folds them.
    pub fn district_words(&self) -> &[String] {
        &self.district_words
    }

    /// The district an organisation's name ends with, folded
    /// ("Phòng GD&ĐT huyện Krông Nô" → `krong no`).
    pub fn district_named(&self, name: &str) -> Option<String> {
        let key = name_key(name);
        self.district_words
            .iter()
            .filter_map(|u| {
                key.rfind(&format!(" {u} "))
                    .map(|i| key[i + 2 + u.len()..].trim().to_string())
            })
            .find(|p| !p.is_empty())
    }

    /// The first day of two-tier local government: a commune agreement
    /// signed on or after it answers to its province.
    pub fn two_tiers_from(&self) -> Date {
        self.two_tiers_from
    }

    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// The districts of a province as it was until 30 June 2025 (any
    /// spelling of its name), as data/units.toml lists them.
    pub fn units_of<'a>(&'a self, province: &str) -> impl Iterator<Item = &'a Unit> + 'a {
        let i = self.by_key.get(&name_key(province)).copied();
        self.units
            .iter()
            .filter(move |u| i.is_some() && self.by_key.get(&name_key(&u.province)).copied() == i)
    }

    /// The province with this name or alias (any case, marks or spacing).
    pub fn province(&self, name: &str) -> Option<&Province> {
        self.by_key.get(&name_key(name)).map(|&i| &self.provinces[i])
    }

    /// The province a place names: a province, or a town of one.
    pub fn place(&self, name: &str) -> Option<&Province> {
        let k = name_key(name);
        let k = k
            .strip_prefix("thanh pho ")
            .or_else(|| k.strip_prefix("tp "))
            .or_else(|| k.strip_prefix("tinh "))
            .or_else(|| k.strip_prefix("thi xa "))
            .unwrap_or(&k);
        self.by_key
            .get(k)
            .or_else(|| self.districts().by_unit.get(k))
            .map(|&i| &self.provinces[i])
    }

    /// Today's province for a former one.
    pub fn now(&self, name: &str) -> Option<&str> {
        self.province(name).map(|p| p.now.as_str())
    }

    /// Provinces named after `tỉnh`/`thành phố`/`TP.` in `text`, with the
    /// byte span of the name.
    pub fn introduced<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (&'a Province, usize, usize)> + 'a {
        let re = self.introduced.get();
        re.into_iter().flat_map(|re| re.captures_iter(text)).filter_map(|c| {
            let all = c.get(0)?;
            let m = c.name("name")?;
            if !crate::text::is_whole_word(text, all.start(), all.end()) {
                return None;
            }
            Some((self.province(m.as_str())?, m.start(), m.end()))
        })
    }

    /// A province name at the very start of `text` (after spaces), with its
    /// length in bytes.
    pub fn at_start<'a>(&'a self, text: &str) -> Option<(&'a Province, usize)> {
        let m = self.names.get()?.find(text)?;
        if !crate::text::is_whole_word(text, m.start(), m.end()) {
            return None;
        }
        Some((self.province(m.as_str().trim_start())?, m.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a gazetteer holds, maps in key order.
    fn contents(g: &Gazetteer) -> String {
        let sorted = |m: &HashMap<String, usize>| {
            let mut v: Vec<_> = m.iter().collect();
            v.sort();
            format!("{v:?}")
        };
        format!(
            "{:?}\n{:?}\n{}\n{}\n{}\n{}\n{:?}\n{:?}\n{:?}",
            g.provinces,
            g.units,
            sorted(&g.by_key),
            sorted(&g.districts().by_unit),
            g.names.source_for_tests(),
            g.introduced.source_for_tests(),
            g.districts().pattern.as_ref().map(Pattern::source_for_tests),
            g.district_words,
            g.two_tiers_from,
        )
    }

    #[test]
    fn builtin_read_from_json_is_the_toml_read_as_toml() {
        let json = Gazetteer::builtin().unwrap();
        let toml = Gazetteer::from_toml(BUILTIN, "provinces.toml + units.toml").unwrap();
        assert!(json.units.len() > 600, "{}", json.units.len());
        assert_eq!(contents(&json), contents(&toml));
    }

    #[test]
    fn sixty_three_then_thirty_four() {
        let g = Gazetteer::builtin().unwrap();
        assert_eq!(g.provinces().len(), 63);
        let mut now: Vec<&str> = g.provinces().iter().map(|p| p.now.as_str()).collect();
        now.sort_unstable();
        now.dedup();
        assert_eq!(now.len(), 34);
        for p in g.provinces() {
            assert!(g.province(&p.now).is_some() || p.now == "Huế", "{} → {}", p.name, p.now);
        }
    }

    #[test]
    fn lookups() {
        let g = Gazetteer::builtin().unwrap();
        assert_eq!(g.now("Bến Tre"), Some("Vĩnh Long"));
        assert_eq!(g.now("ĐẮK NÔNG"), Some("Lâm Đồng"));
        assert_eq!(g.now("Đăk Nông"), Some("Lâm Đồng"));
        assert_eq!(g.now("Hoà Bình"), Some("Phú Thọ"));
        assert_eq!(g.now("Hà Giang"), Some("Tuyên Quang"));
        assert_eq!(g.place("Gia Nghĩa").unwrap().name, "Đắk Nông");
        assert_eq!(g.place("TP. Hồ Chí Minh").unwrap().name, "Hồ Chí Minh");
        let t = "Hội Khuyến học tỉnh Bến Tre và UBND TỈNH ĐẮK NÔNG, thành phố Cần Thơ";
        let found: Vec<&str> = g.introduced(t).map(|(p, _, _)| p.name.as_str()).collect();
        assert_eq!(found, ["Bến Tre", "Đắk Nông", "Cần Thơ"]);
        assert_eq!(
            g.at_start(" An Giang về").map(|(p, n)| (p.name.as_str(), n)),
            Some(("An Giang", 9))
        );
        assert!(g.at_start("về An Giang").is_none());
    }
}
