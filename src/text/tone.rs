//! One tone-placement style for every syllable.
//!
//! Vietnamese writes the same syllable with the tone mark on different vowels
//! (`hoà`/`hòa`, `thuỷ`/`thủy`, `khoẻ`/`khỏe`). We take the one tone mark off
//! the syllable and put it back by one fixed rule, the traditional one that
//! official names use (`Hòa Bình`, `Khánh Hòa`, `Thanh Hóa`):
//!
//! 1. `qu` and `gi` (before another vowel) belong to the initial consonant;
//! 2. a vowel with a shape mark (ă â ê ô ơ ư) takes the tone (the last one:
//!    `ươ` → `ơ`);
//! 3. otherwise, with a final consonant, the last vowel (`hoàng`);
//! 4. otherwise, of three vowels the middle one (`ngoái`), of two the first
//!    (`hòa`, `thủy`, `mía`).
//!
//! A word that is not one well-formed syllable (two tone marks, vowels after
//! the final consonant) is left as written.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

const BASES: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

struct Table {
    split: HashMap<char, (char, u8)>,
    join: HashMap<(char, u8), char>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut split = HashMap::new();
    let mut join = HashMap::new();
    for b in BASES.chars() {
        for (i, mark) in TONES.iter().enumerate() {
            let s: String = [b, *mark].iter().collect::<String>().nfc().collect();
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                let tone = i as u8 + 1;
                split.insert(c, (b, tone));
                join.insert((b, tone), c);
            }
        }
    }
    Table { split, join }
});

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

fn is_shaped(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Put the tone mark of one word (NFC letters) where the fixed rule says.
/// Returns whether anything moved. The number of characters never changes.
pub fn normalize_word(word: &mut [char]) -> bool {
    let table = &*TABLE;
    let mut toned = None;
    for (i, c) in word.iter().enumerate() {
        if let Some(&(_, t)) = table.split.get(c) {
            if toned.is_some() {
                return false;
            }
            toned = Some((i, t));
        }
    }
    let Some((current, tone)) = toned else {
        return false;
    };
    let bases: Vec<char> = word
        .iter()
        .map(|c| table.split.get(c).map_or(*c, |&(b, _)| b))
        .collect();
    let low: Vec<char> = bases.iter().map(|&c| lower(c)).collect();
    let Some(first) = low.iter().position(|&c| is_vowel(c)) else {
        return false;
    };
    let mut end = first;
    while end < low.len() && is_vowel(low[end]) {
        end += 1;
    }
    if low[end..].iter().any(|&c| is_vowel(c)) {
        return false;
    }
    let mut start = first;
    if end - start > 1 && start > 0 {
        let prev = low[start - 1];
        if (low[start] == 'u' && prev == 'q') || (low[start] == 'i' && prev == 'g' && start == 1) {
            start += 1;
        }
    }
    let target = if let Some(p) = (start..end).rev().find(|&i| is_shaped(low[i])) {
        p
    } else if end < low.len() {
        end - 1
    } else if end - start >= 3 {
        start + 1
    } else {
        start
    };
    if target == current {
        return false;
    }
    let Some(&moved) = table.join.get(&(bases[target], tone)) else {
        return false;
    };
    word[current] = bases[current];
    word[target] = moved;
    true
}

/// [`normalize_word`] over every word of a string.
pub fn normalize_tones(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    for c in s.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            normalize_word(&mut word);
            out.extend(word.drain(..));
            out.push(c);
        }
    }
    normalize_word(&mut word);
    out.extend(word.drain(..));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_placements_become_one() {
        let pairs = [
            ("hoà", "hòa"),
            ("Hoà Bình", "Hòa Bình"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("toả", "tỏa"),
            ("hoá", "hóa"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("quý", "quý"),
            ("giữa", "giữa"),
            ("gìn", "gìn"),
            ("già", "già"),
            ("hoàng", "hoàng"),
            ("hoàng", "hoàng"),
            ("khuyến", "khuyến"),
            ("người", "người"),
            ("ngoái", "ngoái"),
            ("mía", "mía"),
            ("HOÀ", "HÒA"),
            ("quả", "quả"),
        ];
        for (written, canonical) in pairs {
            assert_eq!(normalize_tones(written), normalize_tones(canonical), "{written}");
            assert_eq!(
                normalize_tones(canonical),
                canonical,
                "{canonical} is already canonical"
            );
        }
    }

    #[test]
    fn ill_formed_words_stay_as_written() {
        for w in ["àà", "xyz", "", "ĐT", "hoàhoà"] {
            assert_eq!(normalize_tones(w), w);
        }
    }
}
