//! Provinces before and after the 2025 reorganisation, and the towns that
//! stand for them (design §4).

use std::collections::HashMap;

use regex::Regex;
use serde::Deserialize;

use crate::text::{name_key, phrase_pattern};
use crate::{Error, Result};

pub(crate) const BUILTIN: &str = include_str!("../data/provinces.toml");

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    province: Vec<Province>,
}

/// The province gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    provinces: Vec<Province>,
    by_key: HashMap<String, usize>,
    by_unit: HashMap<String, usize>,
    /// Any province name or alias at the start of a text (after spaces), any case.
    names: Regex,
    /// A province introduced as such: `tỉnh X`, `thành phố X`, `TP. X`.
    introduced: Regex,
}

impl Gazetteer {
    pub fn builtin() -> Result<Gazetteer> {
        Gazetteer::from_toml(BUILTIN, "built-in provinces")
    }

    pub fn from_toml(src: &str, source_name: &str) -> Result<Gazetteer> {
        let err = |message: String| Error::Data {
            source_name: source_name.to_string(),
            message,
        };
        let file: File = toml::from_str(src).map_err(|e| err(e.to_string()))?;
        if file.version != 1 {
            return Err(err(format!("format version {} is not supported", file.version)));
        }
        let mut by_key = HashMap::new();
        let mut by_unit = HashMap::new();
        let mut spellings: Vec<String> = Vec::new();
        for (i, p) in file.province.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                by_key.insert(name_key(n), i);
                spellings.push(n.clone());
            }
            for u in &p.units {
                by_unit.insert(name_key(u), i);
            }
        }
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let alts: Vec<String> = spellings.iter().map(|s| phrase_pattern(s)).collect();
        let alt = alts.join("|");
        let names = Regex::new(&format!(r"^[ \t]*(?i:{alt})")).map_err(|e| err(e.to_string()))?;
        let introduced = Regex::new(&format!(r"(?i)(?:tỉnh|thành phố|tp\.?)[ \t]*(?P<name>{alt})"))
            .map_err(|e| err(e.to_string()))?;
        Ok(Gazetteer {
            provinces: file.province,
            by_key,
            by_unit,
            names,
            introduced,
        })
    }

    pub fn provinces(&self) -> &[Province] {
        &self.provinces
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
            .or_else(|| self.by_unit.get(k))
            .map(|&i| &self.provinces[i])
    }

    /// Today's province for a former one.
    pub fn now(&self, name: &str) -> Option<&str> {
        self.province(name).map(|p| p.now.as_str())
    }

    /// Provinces named after `tỉnh`/`thành phố`/`TP.` in `text`, with the
    /// byte span of the name.
    pub fn introduced<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (&'a Province, usize, usize)> + 'a {
        self.introduced.captures_iter(text).filter_map(|c| {
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
        let m = self.names.find(text)?;
        if !crate::text::is_whole_word(text, m.start(), m.end()) {
            return None;
        }
        Some((self.province(m.as_str().trim_start())?, m.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
