//! Names in the Vietnamese order: the alphabet's letters (`Đ` after `D`),
//! case aside, tones as a second level.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// The letters of the Vietnamese alphabet in their order: a letter with a
/// breve, circumflex, horn or stroke is a letter of its own, after its base.
const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// Tone marks, in the order Vietnamese dictionaries sort them (none first).
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// The sort key of a name the Vietnamese way: letters by the alphabet above
/// (`Đ` after `D`, `Â` after `Ă` after `A`), case aside, then tones as a
/// second level. Anything else (spaces, dashes, digits) sorts before letters,
/// by code point.
pub fn vi_key(s: &str) -> (Vec<u32>, Vec<u8>) {
    let mut primary: Vec<u32> = Vec::new();
    let mut tones: Vec<u8> = Vec::new();
    let mut last: Option<usize> = None;
    for c in s.nfd().flat_map(char::to_lowercase) {
        let modified = last
            .filter(|_| matches!(c, '\u{306}' | '\u{302}' | '\u{31B}'))
            .and_then(|k| {
                let base = ALPHABET.chars().nth(primary[k].checked_sub(1000)? as usize)?;
                let with: String = [base, c].iter().collect::<String>().nfc().collect();
                let m = with.chars().next()?;
                ALPHABET
                    .chars()
                    .position(|x| x == m)
                    .filter(|_| with.chars().count() == 1)
            });
        if let (Some(k), Some(m)) = (last, modified) {
            primary[k] = 1000 + m as u32;
            continue;
        }
        if let Some(t) = TONES.iter().position(|&t| t == c) {
            if let Some(k) = last {
                tones[k] = t as u8 + 1;
            }
            continue;
        }
        let weight = match ALPHABET.chars().position(|x| x == c) {
            Some(k) => 1000 + k as u32,
            None if c.is_alphabetic() => 2000 + c as u32,
            None => c as u32,
        };
        primary.push(weight);
        tones.push(0);
        last = Some(primary.len() - 1);
    }
    (primary, tones)
}

/// Names in the Vietnamese order ([`vi_key`]); equal keys by code point.
pub fn vi_cmp(a: &str, b: &str) -> Ordering {
    vi_key(a).cmp(&vi_key(b)).then_with(|| a.cmp(b))
}
