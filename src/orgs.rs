//! Kinds of organisation that sign agreements, and finding them in text with
//! the locality that follows their name ("Hội Khuyến học tỉnh Bến Tre").

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{parse_data, Syntax};
use crate::geo::{Gazetteer, Pattern};
use crate::text::name_key;
use crate::Result;

pub(crate) const BUILTIN: &str = include_str!("../data/organisations.toml");

/// Tier of government an organisation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Provincial,
    District,
    Commune,
}

impl Level {
    /// The name as serialised (`national`, `provincial`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    id: String,
    label: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    national: Vec<String>,
    #[serde(default)]
    provincial: Vec<String>,
    #[serde(default)]
    district: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    kind: Vec<KindFile>,
}

/// A kind of organisation (`khuyen-hoc`, `education`, `youth-union`, …).
#[derive(Debug, Clone)]
pub struct OrgKind {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
struct NameInfo {
    kind: usize,
    level: Option<Level>,
    /// The name as the data file spells it.
    spelled: String,
}

/// What follows an organisation's name.
#[derive(Debug, Clone, PartialEq)]
pub enum Locality {
    /// Nothing.
    None,
    /// A unit word with no name ("Hội Khuyến học tỉnh và …").
    Bare(String),
    /// `Việt Nam`.
    Nation,
    /// A named place, with the province it is or lies in when known.
    Place {
        written: String,
        province: Option<String>,
        level: Level,
    },
}

/// One organisation found in text.
#[derive(Debug, Clone)]
pub struct OrgMatch {
    pub kind: usize,
    pub level: Option<Level>,
    /// Byte span of the name alone, and the end of name plus locality.
    pub start: usize,
    pub name_end: usize,
    pub end: usize,
    /// The name as written, or as the data spells it when written in capitals.
    pub name: String,
    pub locality: Locality,
}

/// The table of organisation kinds.
#[derive(Debug, Clone)]
pub struct OrgTable {
    kinds: Vec<OrgKind>,
    by_key: HashMap<String, NameInfo>,
    regex: Pattern,
}

static LOCALITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]+(?:(?P<unit>(?i:tỉnh|thành phố|tp\.|tp|huyện|quận|thị xã|thị trấn|xã|phường))\b(?:[ \t]+(?P<place>\p{Lu}\p{L}*(?:(?:[ \t]+|[ \t]*-[ \t]*)\p{Lu}\p{L}*){0,4}))?|(?P<vn>(?i:Việt Nam))\b)",
    )
    .expect("static regex")
});

impl OrgTable {
    pub fn builtin() -> Result<OrgTable> {
        OrgTable::read(builtin!("organisations.json"), "built-in organisations", Syntax::Json)
    }

    pub fn from_toml(src: &str, source_name: &str) -> Result<OrgTable> {
        OrgTable::read(src, source_name, Syntax::Toml)
    }

    fn read(src: &str, source_name: &str, syntax: Syntax) -> Result<OrgTable> {
        let file: File = parse_data(syntax, src, source_name, "organisations", 1, |f: &File| f.version)?;
        let mut kinds = Vec::new();
        let mut by_key = HashMap::new();
        let mut spellings: Vec<String> = Vec::new();
        for (i, k) in file.kind.into_iter().enumerate() {
            let groups = [
                (k.names, None),
                (k.national, Some(Level::National)),
                (k.provincial, Some(Level::Provincial)),
                (k.district, Some(Level::District)),
            ];
            for (names, level) in groups {
                for n in names {
                    by_key.insert(
                        name_key(&n),
                        NameInfo {
                            kind: i,
                            level,
                            spelled: n.clone(),
                        },
                    );
                    spellings.push(n);
                }
            }
            kinds.push(OrgKind {
                id: k.id,
                label: k.label,
            });
        }
        spellings.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let regex = Pattern::of_names("(?i)(?:", spellings, ")");
        Ok(OrgTable { kinds, by_key, regex })
    }

    pub fn kind(&self, i: usize) -> &OrgKind {
        &self.kinds[i]
    }

    pub fn kind_by_id(&self, id: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.id == id)
    }

    /// Every organisation named in `text`, in order, with its locality.
    pub fn find(&self, text: &str, places: &Gazetteer) -> Vec<OrgMatch> {
        self.iter(text, places).collect()
    }

    /// The organisations of [`OrgTable::find`], each found (and its
    /// locality read) only when asked for: a caller that wants the first
    /// leaves the rest of the text unsearched.
    pub fn iter<'a>(&'a self, text: &'a str, places: &'a Gazetteer) -> impl Iterator<Item = OrgMatch> + 'a {
        self.regex
            .get()
            .into_iter()
            .flat_map(|re| re.find_iter(text))
            .filter_map(move |m| {
                if !crate::text::is_whole_word(text, m.start(), m.end()) {
                    return None;
                }
                let info = self.by_key.get(&name_key(m.as_str()))?;
                let written = m.as_str();
                let name = if written.chars().any(char::is_lowercase) {
                    written.split_whitespace().collect::<Vec<_>>().join(" ")
                } else {
                    info.spelled.clone()
                };
                let (locality, len) = locality(&text[m.end()..], places);
                Some(OrgMatch {
                    kind: info.kind,
                    level: info.level,
                    start: m.start(),
                    name_end: m.end(),
                    end: m.end() + len,
                    name,
                    locality,
                })
            })
    }

    /// The kind and level a phrase names, when it is exactly an
    /// organisation's name (any case).
    pub fn classify(&self, phrase: &str, places: &Gazetteer) -> Option<(usize, Option<Level>, Locality)> {
        let m = self.iter(phrase, places).next()?;
        Some((m.kind, m.level, m.locality.clone()))
    }
}

/// Runs of letters a [`LOCALITY`] match can take: a unit of two words and a
/// place of five (each `\p{L}` word lies within one run of alphabetic
/// characters).
const LOCALITY_RUNS: usize = 7;

/// The part of `rest` a [`LOCALITY`] match can lie in: the run of letters,
/// spaces, tabs, dashes and full stops at its start, at most up to the end of
/// its [`LOCALITY_RUNS`]th run of letters, and the character after that,
/// which the word boundary and the greedy words look at. (A capture search
/// costs in proportion to its haystack; `rest` is often the rest of the
/// document.)
fn locality_window(rest: &str) -> &str {
    if !rest.starts_with([' ', '\t']) {
        return "";
    }
    let mut runs = 0;
    let mut in_run = false;
    for (i, c) in rest.char_indices() {
        let letter = c.is_alphabetic();
        if letter && !in_run {
            runs += 1;
        }
        in_run = letter;
        if runs > LOCALITY_RUNS || !(letter || matches!(c, ' ' | '\t' | '-' | '.')) {
            return &rest[..i + c.len_utf8()];
        }
    }
    rest
}

/// The locality at the start of `rest`, and how many bytes it takes.
fn locality(rest: &str, places: &Gazetteer) -> (Locality, usize) {
    let window = locality_window(rest);
    // A unit word or `Việt Nam` opens with one of these letters, in either case.
    let may_match = window
        .trim_start_matches([' ', '\t'])
        .starts_with(['t', 'T', 'h', 'H', 'q', 'Q', 'x', 'X', 'p', 'P', 'v', 'V']);
    let found = if may_match { LOCALITY.captures(window) } else { None };
    if let Some(c) = found {
        if c.name("vn").is_some() {
            return (Locality::Nation, c.get(0).map_or(0, |m| m.end()));
        }
        let unit = c.name("unit").map(|m| m.as_str()).unwrap_or_default();
        let unit_key = name_key(unit);
        let Some(place) = c.name("place") else {
            return (Locality::Bare(unit.to_string()), c.name("unit").map_or(0, |m| m.end()));
        };
        let province_level = matches!(unit_key.as_str(), "tinh" | "thanh pho" | "tp");
        if province_level {
            if let Some((p, len)) = places.at_start(place.as_str()) {
                let end = place.start() + len;
                return (
                    Locality::Place {
                        written: rest[..end].trim().to_string(),
                        province: Some(p.name.clone()),
                        level: Level::Provincial,
                    },
                    end,
                );
            }
            // `tỉnh` names only provinces: what follows a `tỉnh` that is no
            // province is not its name ("Hội Khuyến học tỉnh Lê Thị Hòa",
            // the signatory's name after the bare unit).
            if unit_key == "tinh" {
                return (Locality::Bare(unit.to_string()), c.name("unit").map_or(0, |m| m.end()));
            }
        }
        let level = match unit_key.as_str() {
            "xa" | "phuong" | "thi tran" => Level::Commune,
            _ => Level::District,
        };
        let province = places.place(place.as_str()).map(|p| p.name.clone());
        return (
            Locality::Place {
                written: rest[..place.end()].trim().to_string(),
                province,
                level,
            },
            place.end(),
        );
    }
    if let Some((p, len)) = places.at_start(rest) {
        return (
            Locality::Place {
                written: rest[..len].trim().to_string(),
                province: Some(p.name.clone()),
                level: Level::Provincial,
            },
            len,
        );
    }
    (Locality::None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> (OrgTable, Gazetteer) {
        (OrgTable::builtin().unwrap(), Gazetteer::builtin().unwrap())
    }

    #[test]
    fn builtin_read_from_json_is_the_toml_read_as_toml() {
        let contents = |t: &OrgTable| {
            let mut names: Vec<_> = t.by_key.iter().collect();
            names.sort_by(|a, b| a.0.cmp(b.0));
            format!("{:?}\n{names:?}\n{:?}", t.kinds, t.regex.source_for_tests())
        };
        let json = OrgTable::builtin().unwrap();
        let toml = OrgTable::from_toml(BUILTIN, "organisations.toml").unwrap();
        assert!(json.by_key.len() > 20, "{}", json.by_key.len());
        assert_eq!(contents(&json), contents(&toml));
    }

    #[test]
    fn finds_names_with_their_locality() {
        let (t, g) = table();
        let text = "Giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Đắk Nông về đẩy mạnh";
        let found = t.find(text, &g);
        let ids: Vec<&str> = found.iter().map(|m| t.kind(m.kind).id.as_str()).collect();
        assert_eq!(ids, ["education", "khuyen-hoc"]);
        assert_eq!(found[0].locality, Locality::None);
        assert_eq!(
            found[1].locality,
            Locality::Place {
                written: "tỉnh Đắk Nông".into(),
                province: Some("Đắk Nông".into()),
                level: Level::Provincial
            }
        );
    }

    #[test]
    fn longest_name_wins_and_capitals_read() {
        let (t, g) = table();
        let found = t.find("Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre; HỘI KHUYẾN HỌC TỈNH\nCHỦ TỊCH", &g);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Đoàn TNCS Hồ Chí Minh");
        assert_eq!(found[1].name, "Hội Khuyến học");
        assert_eq!(found[1].locality, Locality::Bare("TỈNH".into()));
        let found = t.find("Hội Khuyến học Việt Nam và Trung ương Đoàn TNCS Hồ Chí Minh", &g);
        assert_eq!(found[0].level, Some(Level::National));
        assert_eq!(found[1].level, Some(Level::National));
        let found = t.find("Phòng GD&ĐT huyện Krông Nô", &g);
        assert_eq!(found[0].level, Some(Level::District));
    }
}
