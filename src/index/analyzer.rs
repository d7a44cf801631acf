//! Vietnamese analysis for the search index.
//!
//! A text is cut into words: runs of letters, digits and combining marks, so
//! NFD text (`Khuye\u{302}\u{301}n`) is one word, not three. Each word becomes
//! a term in one of two ways:
//!
//! - **exact**: NFC, `Ð` (U+00D0) read as `Đ`, lower case, the tone mark put
//!   where one fixed rule says (`hoà` and `hòa` are one term);
//! - **folded**: no marks at all and `đ` as `d` (`khuyến` is `khuyen`).
//!
//! Token offsets are byte offsets into the text as stored (as written), so
//! snippets highlight the words a reader sees. The same functions analyse
//! documents and queries, so both sides always agree.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::text::{fold_char, normalize_word};

/// Name of the exact analyser, as registered with tantivy.
pub const EXACT: &str = "vi_exact";
/// Name of the folded analyser, as registered with tantivy.
pub const FOLDED: &str = "vi_folded";

/// Words longer than this (in bytes) are not indexed: no real word is, and
/// tantivy refuses terms past 64 KiB.
const MAX_WORD: usize = 200;

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Latin letters Vietnamese uses, answered without the Unicode tables:
    // U+00C0–U+024F (but × and ÷) and U+1E00–U+1EFF are all letters.
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return c != '\u{d7}' && c != '\u{f7}';
    }
    if ('\u{1e00}'..='\u{1eff}').contains(&c) {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether `c` is a combining mark: answered without the Unicode tables
/// for ASCII and the precomposed Latin letters, none of which is one.
#[inline]
fn may_compose(c: char) -> bool {
    c >= '\u{300}' && !('\u{1e00}'..='\u{1eff}').contains(&c) && is_combining_mark(c)
}

/// Whether the character before byte `at` of `text` (a character
/// boundary) is a word character: then `at` is inside a word, not at its
/// start.
pub(crate) fn word_char_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_word_char)
}

/// Where the word that starts at byte `at` of `text` ends, and whether it
/// is one of [`words`]'s (not too long, not a combining mark alone at its
/// start). `at` is a character boundary that starts a word.
pub(crate) fn word_at(text: &str, at: usize) -> (usize, bool) {
    let mut i = at;
    while let Some((true, n)) = class_at(text, i) {
        i += n;
    }
    let counted = i > at && i - at <= MAX_WORD && !text[at..i].chars().next().is_some_and(may_compose);
    (i, counted)
}

/// Whether a word is NFC as it stands: no combining mark or other
/// character that NFC could change (the precomposed letters of Vietnamese
/// are below U+0300 or in U+1E00–U+1EFF). Most words are; NFD words are not.
#[inline]
fn composed(word: &str) -> bool {
    word.chars().all(|c| crate::text::latin_slot(c).is_some())
}

/// The words of `text`, as byte ranges.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator over the byte ranges of the words of a text.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Whether the character at byte `i` of `text` is a word character
/// ([`is_word_char`]), and its length. Read from the bytes for ASCII and
/// the Latin letters Vietnamese is written in (U+00C0–U+024F and
/// U+1E00–U+1EFF), decoded for the rest.
#[inline(always)]
fn class_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    match b {
        // U+00C0–U+00FF: letters, but × (C3 97) and ÷ (C3 B7).
        0xC3 => return Some((next != 0x97 && next != 0xB7, 2)),
        // U+0100–U+023F.
        0xC4..=0xC8 => return Some((true, 2)),
        // U+0240–U+024F.
        0xC9 if next < 0x90 => return Some((true, 2)),
        // U+1E00–U+1EFF.
        0xE1 if (0xB8..=0xBB).contains(&next) => return Some((true, 3)),
        _ => {}
    }
    let c = text.get(i..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            // Past what is not a word, then to the word's end.
            let mut i = self.pos;
            loop {
                let (word, n) = class_at(self.text, i)?;
                if word {
                    break;
                }
                i += n;
            }
            let (end, counted) = word_at(self.text, i);
            self.pos = end;
            if counted {
                return Some((i, end));
            }
        }
    }
}

/// The exact term of a word: NFC, `Ð`→`Đ`, lower case, one tone placement.
pub fn exact_term(word: &str) -> String {
    let mut out = String::new();
    exact_into(word, &mut Vec::new(), &mut out);
    out
}

/// The folded term of a word: no marks, no case, `đ`→`d`.
pub fn folded_term(word: &str) -> String {
    let mut out = String::new();
    folded_into(word, &mut out);
    out
}

/// [`exact_term`] into `out`, with `chars` as scratch space (both reused
/// from word to word, so analysis allocates nothing per word).
pub(crate) fn exact_into(word: &str, chars: &mut Vec<char>, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let d = |c: char| if c == 'Ð' { 'Đ' } else { c };
    chars.clear();
    if composed(word) {
        // Every character of a composed word has a place in the table.
        for c in word.chars() {
            match crate::text::latin_slot(c).map(|i| crate::text::tables::LOWER[i]) {
                Some(l) if l != '\0' => chars.push(l),
                _ => chars.extend(d(c).to_lowercase()),
            }
        }
    } else {
        chars.extend(word.nfc().map(d).flat_map(char::to_lowercase));
    }
    normalize_word(chars);
    out.extend(chars.iter());
}

/// [`folded_term`] into `out` (reused from word to word).
pub(crate) fn folded_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else if composed(word) {
        // A precomposed letter folds to its base letter: no marks are left.
        out.extend(word.chars().map(fold_char));
    } else {
        out.extend(
            word.nfc()
                .filter(|&c| !is_combining_mark(c))
                .map(fold_char)
                .filter(|&c| !is_combining_mark(c)),
        );
    }
}

/// The terms of a text in one style, in order.
pub fn terms(text: &str, folded: bool) -> Vec<String> {
    words(text)
        .map(|(a, b)| {
            if folded {
                folded_term(&text[a..b])
            } else {
                exact_term(&text[a..b])
            }
        })
        .collect()
}

/// The tantivy tokenizer for both styles.
#[derive(Clone, Copy, Debug)]
pub struct ViTokenizer {
    pub folded: bool,
}

/// Token stream of [`ViTokenizer`].
pub struct ViTokenStream<'a> {
    words: Source<'a>,
    folded: bool,
    token: Token,
    chars: Vec<char>,
}

/// Where a stream's words come from: read from the text here, or from the
/// analysis the fields of one text share ([`super::shared`]), with the
/// next word's index.
enum Source<'a> {
    Text(&'a str, Words<'a>),
    Shared(super::shared::Shared, usize),
}

impl<'a> ViTokenStream<'a> {
    /// The words of `text` as terms of one style.
    pub fn new(text: &'a str, folded: bool) -> ViTokenStream<'a> {
        ViTokenStream {
            words: Source::Text(text, words(text)),
            folded,
            token: Token::default(),
            chars: Vec::new(),
        }
    }
}

impl Tokenizer for ViTokenizer {
    type TokenStream<'a> = ViTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ViTokenStream<'a> {
        match super::shared::Shared::of(text) {
            Some(shared) => ViTokenStream {
                words: Source::Shared(shared, 0),
                ..ViTokenStream::new("", self.folded)
            },
            None => ViTokenStream::new(text, self.folded),
        }
    }
}

impl TokenStream for ViTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let (a, b) = match &mut self.words {
            Source::Text(text, words) => {
                let Some((a, b)) = words.next() else {
                    return false;
                };
                let word = &text[a..b];
                if self.folded {
                    folded_into(word, &mut self.token.text);
                } else {
                    exact_into(word, &mut self.chars, &mut self.token.text);
                }
                (a, b)
            }
            Source::Shared(shared, next) => {
                if *next >= shared.len() {
                    return false;
                }
                self.token.text.clear();
                self.token.text.push_str(shared.term(*next, self.folded));
                *next += 1;
                shared.span(*next - 1)
            }
        };
        self.token.offset_from = a;
        self.token.offset_to = b;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Register both analysers with an index (needed after every open).
pub fn register(index: &tantivy::Index) {
    let t = index.tokenizers();
    t.register(EXACT, ViTokenizer { folded: false });
    t.register(FOLDED, ViTokenizer { folded: true });
    t.register(super::pairs::PAIRS, super::pairs::PairTokenizer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_is_put_in_lower_case_as_if_there_were_no_table() {
        // Each character after a letter: the composed fast path through the
        // written-out table where it applies, else through NFC.
        let (mut chars, mut got) = (Vec::new(), String::new());
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let c = if c == 'Ð' { 'Đ' } else { c };
            let word = format!("a{c}");
            exact_into(&word, &mut chars, &mut got);
            let mut want: Vec<char> = word.nfc().flat_map(char::to_lowercase).collect();
            normalize_word(&mut want);
            assert_eq!(got, want.iter().collect::<String>(), "U+{:04X}", c as u32);
        }
    }

    fn check(text: &str, exact: &[&str], folded: &[&str]) {
        assert_eq!(terms(text, false), exact, "exact terms of {text:?}");
        assert_eq!(terms(text, true), folded, "folded terms of {text:?}");
    }

    #[test]
    fn analysis() {
        let nfd = "Khuye\u{302}\u{301}n ho\u{323}c";
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("Khuyến học", &["khuyến", "học"], &["khuyen", "hoc"]),
            // NFD text is one word per syllable, not pieces.
            (nfd, &["khuyến", "học"], &["khuyen", "hoc"]),
            // Both tone placements are one term.
            (
                "hoà hòa thuỷ thủy khoẻ khỏe",
                &["hòa", "hòa", "thủy", "thủy", "khỏe", "khỏe"],
                &["hoa", "hoa", "thuy", "thuy", "khoe", "khoe"],
            ),
            // Ð (U+00D0) is Đ, and folds to d.
            ("ÐOÀN Đoàn", &["đoàn", "đoàn"], &["doan", "doan"]),
            // Symbols split at their punctuation.
            ("1373/QĐ-TTg", &["1373", "qđ", "ttg"], &["1373", "qd", "ttg"]),
            (
                "**Chỉ thị** ★ 11-CT/TW",
                &["chỉ", "thị", "11", "ct", "tw"],
                &["chi", "thi", "11", "ct", "tw"],
            ),
            // Minimal pairs stay apart in the exact style only.
            ("dương đường", &["dương", "đường"], &["duong", "duong"]),
            ("", &[], &[]),
            ("\u{301}\u{300} -- ", &[], &[]),
        ];
        for (text, exact, folded) in cases {
            check(text, exact, folded);
        }
    }

    #[test]
    fn every_character_is_classed_from_its_bytes_as_from_its_code_point() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(
                class_at(s, 0),
                Some((is_word_char(c), c.len_utf8())),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(may_compose(c), is_combining_mark(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn composed_and_decomposed_words_give_the_same_terms() {
        // The composed fast path and the NFC path agree.
        for w in [
            "Khuyến",
            "HỌC",
            "Đường",
            "Ðoàn",
            "hoà",
            "thuỷ",
            "khoẻ",
            "Nguyễn",
            "Ưu",
            "ỨNG",
            "quốc",
            "giữa",
            "Ça",
        ] {
            let nfd: String = w.nfd().collect();
            assert!(composed(w) && !composed(&nfd), "{w}");
            assert_eq!(exact_term(w), exact_term(&nfd), "{w}");
            assert_eq!(folded_term(w), folded_term(&nfd), "{w}");
            assert!(folded_term(w).is_ascii(), "{w}");
        }
    }

    /// The words of a text as they were found before the scan read bytes:
    /// character by character.
    fn words_by_chars(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(rest) = text.get(pos..) {
            let Some(skip) = rest.char_indices().find(|&(_, c)| is_word_char(c)).map(|(i, _)| i) else {
                break;
            };
            let start = pos + skip;
            let len = text[start..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len() - start, |(i, _)| i);
            pos = start + len;
            let word = &text[start..start + len];
            if len <= MAX_WORD && !word.chars().next().is_some_and(may_compose) {
                out.push((start, start + len));
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        #[test]
        fn words_are_those_a_scan_by_characters_finds(
            text in "([a-zA-Z0-9 ,.\\-/]|[đĐÐêôơưăâàáảãạếềểễệ]|\u{300}|\u{301}|\u{323}|[\u{0}-\u{ffff}]){0,80}",
            long in 0usize..3,
        ) {
            let text = format!("{text} {}", "a".repeat(long * 150));
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_chars(&text));
        }

        #[test]
        fn words_of_any_string_are_those_a_scan_by_characters_finds(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_chars(&text));
        }
    }

    #[test]
    fn offsets_point_into_the_text_as_written() {
        let text = "Hội  Khuye\u{302}\u{301}n học";
        let mut tok = ViTokenizer { folded: true };
        let mut stream = tok.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((text[t.offset_from..t.offset_to].to_string(), t.text.clone(), t.position));
        }
        assert_eq!(
            seen,
            vec![
                ("Hội".to_string(), "hoi".to_string(), 0),
                ("Khuye\u{302}\u{301}n".to_string(), "khuyen".to_string(), 1),
                ("học".to_string(), "hoc".to_string(), 2),
            ]
        );
    }
}
