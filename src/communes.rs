//! Communes (xã, phường, thị trấn) whose name is one province's only,
//! before and after the reorganisation of 1 July 2025: data/communes.tsv,
//! generated from the General Statistics Office's lists by
//! data/make-communes.py. Read on first use: a run that never asks pays
//! nothing.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::name_key;

const BUILTIN: &str = include_str!("../data/communes.tsv");

/// The two tables, by the commune's name key.
struct Table {
    before: HashMap<String, &'static str>,
    after: HashMap<String, &'static str>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        before: HashMap::new(),
        after: HashMap::new(),
    };
    for line in BUILTIN.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.split('\t');
        let (Some(era), Some(province), Some(name)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let map = if era == "new" { &mut t.after } else { &mut t.before };
        map.insert(name_key(name), province);
    }
    t
});

/// Which communes to consult: those before 1 July 2025 only, or also
/// those after (for a document dated on or after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Before,
    BeforeOrAfter,
}

/// The province of the commune named `name` (without its unit word), when
/// the name is one province's only: before 1 July 2025 first, then, if
/// `era` allows, after.
pub fn province_of(name: &str, era: Era) -> Option<&'static str> {
    let key = name_key(name);
    let t = &*TABLE;
    t.before
        .get(&key)
        .or_else(|| (era == Era::BeforeOrAfter).then(|| t.after.get(&key)).flatten())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_give_their_province_shared_names_none() {
        assert_eq!(province_of("Buôn Triết", Era::Before), Some("Đắk Lắk"));
        assert_eq!(province_of("buôn triết", Era::Before), Some("Đắk Lắk"));
        // Hòa Lợi was a commune of several provinces before 2025, of one after.
        assert_eq!(province_of("Hòa Lợi", Era::Before), None);
        assert_eq!(province_of("Hòa Lợi", Era::BeforeOrAfter), Some("Hồ Chí Minh"));
        assert_eq!(province_of("Tân Phú", Era::BeforeOrAfter), None);
        assert_eq!(province_of("Nowhere", Era::BeforeOrAfter), None);
    }
}
