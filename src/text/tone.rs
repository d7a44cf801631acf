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

#[cfg(test)]
use unicode_normalization::UnicodeNormalization;

const BASES: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
#[cfg(test)]
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// The `(base, tone)` of every toned vowel, worked out from Unicode (NFC
/// of each base vowel and tone mark): what the written-out tables of
/// [`super::tables`] are made from and checked against.
#[cfg(test)]
pub(super) fn toned_vowels() -> Vec<(char, (char, u8))> {
    let mut out = Vec::new();
    for b in BASES.chars() {
        for (i, mark) in TONES.iter().enumerate() {
            let s: String = [b, *mark].iter().collect::<String>().nfc().collect();
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                out.push((c, (b, i as u8 + 1)));
            }
        }
    }
    out
}

/// The packed character (see [`pack`]) as the rules give it: the row of
/// [`super::tables::TONE_INFO`] for `c`.
#[cfg(test)]
pub(super) fn info_rule(c: char, toned: &[(char, (char, u8))]) -> u32 {
    let split = toned.iter().find(|(t, _)| *t == c).map_or((c, 0), |&(_, bt)| bt);
    pack(split)
}

/// The toned vowel of each base vowel (by its place in [`BASES`]) and
/// tone, as the rules give it: [`super::tables::TONE_JOIN`].
#[cfg(test)]
pub(super) fn join_rule(toned: &[(char, (char, u8))]) -> Vec<[char; 6]> {
    BASES
        .chars()
        .map(|b| {
            let mut row = [b; 6];
            for &(c, (base, tone)) in toned {
                if base == b {
                    row[usize::from(tone)] = c;
                }
            }
            row
        })
        .collect()
}

/// Bits of a packed character: its base (without tone) in the low 21 bits,
/// the tone above them, then what its lower-case base is.
const TONE_SHIFT: u32 = 21;
const VOWEL: u32 = 1 << 24;
const SHAPED: u32 = 1 << 25;
const Q: u32 = 1 << 26;
const G: u32 = 1 << 27;
const U: u32 = 1 << 28;
const I: u32 = 1 << 29;

#[cfg(test)]
fn pack((base, tone): (char, u8)) -> u32 {
    let low = lower(base);
    let mut x = base as u32 | (tone as u32) << TONE_SHIFT;
    for (yes, bit) in [
        (is_vowel(low), VOWEL),
        (is_shaped(low), SHAPED),
        (low == 'q', Q),
        (low == 'g', G),
        (low == 'u', U),
        (low == 'i', I),
    ] {
        if yes {
            x |= bit;
        }
    }
    x
}

fn base_of(x: u32) -> char {
    char::from_u32(x & ((1 << TONE_SHIFT) - 1)).unwrap_or('\0')
}

fn tone_of(x: u32) -> u8 {
    ((x >> TONE_SHIFT) & 7) as u8
}

/// The packed character. Without a Latin slot, a character has no tone
/// and is no vowel, `q`, `g`, `u` or `i`: itself as its base.
#[inline]
fn info_of(c: char) -> u32 {
    match super::latin_slot(c) {
        Some(i) => super::tables::TONE_INFO[i],
        None => c as u32,
    }
}

/// The base vowel and tone (1..=5) of a toned vowel; else the character
/// itself and 0.
#[inline]
fn split(c: char) -> (char, u8) {
    let x = info_of(c);
    match tone_of(x) {
        0 => (c, 0),
        t => (base_of(x), t),
    }
}

/// The base vowel `base` with tone `tone`.
fn join(base: char, tone: u8) -> Option<char> {
    let i = BASES.chars().position(|b| b == base)?;
    super::tables::TONE_JOIN.get(i)?.get(usize::from(tone)).copied()
}

#[cfg(test)]
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

#[cfg(test)]
fn is_shaped(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'Ă' => 'ă',
        'Â' => 'â',
        'Ê' => 'ê',
        'Ô' => 'ô',
        'Ơ' => 'ơ',
        'Ư' => 'ư',
        'Đ' => 'đ',
        c => c,
    }
}

/// Whether a character is a vowel carrying a tone mark.
#[inline]
pub(crate) fn has_tone(c: char) -> bool {
    split(c).1 != 0
}

/// The letter without tone or shape marks, lower case, `đ` as `d`, for the
/// letters Vietnamese uses; None for any other character.
pub(crate) fn bare(c: char) -> Option<char> {
    let (b, _) = split(c);
    let b = lower(b);
    Some(match b {
        'a'..='z' => b,
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        _ => return None,
    })
}

/// The longest word that can be one syllable (`nghiêng` has 7 letters).
const MAX_SYLLABLE: usize = 8;

/// Put the tone mark of one word (NFC letters) where the fixed rule says.
/// Returns whether anything moved. The number of characters never changes.
pub fn normalize_word(word: &mut [char]) -> bool {
    if word.len() > MAX_SYLLABLE || word.iter().all(char::is_ascii) {
        return false;
    }
    let mut toned = None;
    let mut info = [0u32; MAX_SYLLABLE];
    for (i, (&c, x)) in word.iter().zip(info.iter_mut()).enumerate() {
        *x = info_of(c);
        let t = tone_of(*x);
        if t != 0 {
            if toned.is_some() {
                return false;
            }
            toned = Some((i, t));
        }
    }
    let Some((current, tone)) = toned else {
        return false;
    };
    let n = word.len();
    let info = &info[..n];
    let vowel = |i: usize| info[i] & VOWEL != 0;
    let Some(first) = (0..n).find(|&i| vowel(i)) else {
        return false;
    };
    let mut end = first;
    while end < n && vowel(end) {
        end += 1;
    }
    if (end..n).any(vowel) {
        return false;
    }
    let mut start = first;
    if end - start > 1 && start > 0 {
        let (this, prev) = (info[start], info[start - 1]);
        if (this & U != 0 && prev & Q != 0) || (this & I != 0 && prev & G != 0 && start == 1) {
            start += 1;
        }
    }
    let target = if let Some(p) = (start..end).rev().find(|&i| info[i] & SHAPED != 0) {
        p
    } else if end < n {
        end - 1
    } else if end - start >= 3 {
        start + 1
    } else {
        start
    };
    if target == current {
        return false;
    }
    let Some(moved) = join(base_of(info[target]), tone) else {
        return false;
    };
    word[current] = base_of(info[current]);
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
    fn every_character_packs_and_splits_as_the_rules_say() {
        let toned = toned_vowels();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(info_of(c), info_rule(c, &toned), "U+{:04X}", c as u32);
            let want = toned.iter().find(|(t, _)| *t == c).map_or((c, 0), |&(_, bt)| bt);
            assert_eq!(split(c), want, "U+{:04X}", c as u32);
        }
    }

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
