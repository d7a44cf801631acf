//! The text layer: bytes to text, text to the normalised form that extraction
//! reads, and the folding used to compare names.
//!
//! Extraction never works on raw text. [`normalize`] produces a [`Normalized`]
//! text (NFC, `Ð`→`Đ`, one tone-placement style, markup and stray symbols
//! removed, whitespace unified) that remembers where each of its characters
//! came from, so every span found in it maps back to the text as written.

mod decode;
mod fold;
pub mod legacy;
mod normalize;
mod order;
pub(crate) mod tables;
#[cfg(test)]
mod tables_gen;
mod tone;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use fold::{fold, fold_char, name_key};
pub use normalize::{normalize, CharCounter, Normalized};
pub use order::{vi_cmp, vi_key};
pub use tone::{normalize_tones, normalize_word};

/// The place of a character in a per-character table of the letters
/// Vietnamese is written with, precomposed: everything below U+0300 and the
/// Latin Extended Additional block (U+1E00..=U+1EFF), 1,024 characters in
/// all ([`tables`]). Any other character is worked out when met, to the
/// same answer.
#[inline]
pub(crate) fn latin_slot(c: char) -> Option<usize> {
    let u = c as u32;
    if u < 0x300 {
        Some(u as usize)
    } else if (0x1E00..0x1F00).contains(&u) {
        Some((u - 0x1E00 + 0x300) as usize)
    } else {
        None
    }
}

/// The characters of [`latin_slot`], in the order of their places.
#[cfg(test)]
pub(crate) fn latin_chars() -> impl Iterator<Item = char> {
    (0..0x300u32).chain(0x1E00..0x1F00).filter_map(char::from_u32)
}

/// A regex pattern (no flags) matching `phrase` as written in normalised
/// text: tone placement normalised, any run of whitespace for a space, any
/// dash with optional spaces around it for a dash.
pub fn phrase_pattern(phrase: &str) -> String {
    let canon = normalize_tones(phrase);
    let mut out = String::new();
    let mut pending_space = false;
    for c in canon.chars() {
        match c {
            c if c.is_whitespace() => pending_space = true,
            '-' | '–' | '—' => {
                out.push_str(r"\s*[-–—]\s*");
                pending_space = false;
            }
            c => {
                if pending_space {
                    out.push_str(r"\s+");
                    pending_space = false;
                }
                out.push_str(&regex::escape(&c.to_string()));
            }
        }
    }
    out
}

/// Whether `text[start..end]` stands as whole words: no letter or digit
/// touches it on either side. (Regexes scanning whole texts check this by
/// hand: a Unicode `\b` keeps the regex engine off its fast automaton.)
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether a Unicode word boundary (`\b` in a regex) lies at byte `i` of
/// `text`: a word character on one side of it and not on the other.
pub fn is_word_boundary(text: &str, i: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    let before = text.get(..i).and_then(|s| s.chars().next_back());
    let after = text.get(i..).and_then(|s| s.chars().next());
    word(before) != word(after)
}

/// The first match of `re` in `text` that `keep` accepts, trying each start
/// in turn. This is how a pattern with word boundaries (`\b`) is searched
/// for: a Unicode `\b` keeps the regex engine off its fast automaton on
/// non-ASCII text, so the pattern is compiled without it and `keep` checks
/// it with [`is_word_boundary`]. The two agree whenever at most one match of
/// `re` can start at any position (alternatives that begin differently, each
/// of one length).
pub fn find_where<'t>(
    re: &regex::Regex,
    text: &'t str,
    keep: impl Fn(&regex::Match) -> bool,
) -> Option<regex::Match<'t>> {
    let mut at = 0;
    while let Some(m) = re.find_at(text, at) {
        if keep(&m) {
            return Some(m);
        }
        at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
    }
    None
}
