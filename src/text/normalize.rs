//! The normalised text extraction reads, with its map back to the original.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::tone::normalize_word;

/// Text prepared for analysis:
///
/// * NFC; `Ð` (U+00D0), `Ɖ` (U+0189) → `Đ`, `ð` → `đ`;
/// * one tone-placement style ([`super::normalize_word`]);
/// * Markdown-ish markup (`*`, `#` and `>` at line start, `\` escapes) and
///   stray symbols (`★`, `•`, …) and zero-width characters removed;
/// * line endings made `\n`, other whitespace one space, no spaces at line
///   start or end, at most one blank line in a row.
///
/// Every character keeps the byte offset of the original character it came
/// from, so spans in [`Normalized::text`] map back with
/// [`Normalized::span_to_original`].
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `(normalised byte, original byte)` wherever the difference between the
    /// two changes; between anchors the difference is constant.
    anchors: Vec<(usize, usize)>,
}

impl Normalized {
    /// Original byte offset of the character at normalised byte `pos`.
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= pos);
        if i == 0 {
            return pos;
        }
        let (out, inp) = self.anchors[i - 1];
        inp + (pos - out)
    }

    /// Map a byte span of the normalised text to a byte span of `original`
    /// (the text this was built from): from the first character's origin to
    /// the end of the last character's origin (with its combining marks).
    pub fn span_to_original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        let Some((last, _)) = self.text.get(start..end).and_then(|t| t.char_indices().next_back()) else {
            return (s, s);
        };
        let e0 = self.to_original(start + last);
        let mut e = e0;
        let mut chars = original.get(e0..).unwrap_or("").chars();
        if let Some(c) = chars.next() {
            e += c.len_utf8();
            for m in chars {
                if canonical_combining_class(m) == 0 {
                    break;
                }
                e += m.len_utf8();
            }
        }
        (s, e.max(s))
    }
}

/// Normalise a text for analysis.
///
/// One pass over the bytes. A character that no combining mark follows and
/// that is its own NFC (all of ASCII, Latin-1 and the precomposed Vietnamese
/// letters) goes straight to the builder; only a character with combining
/// marks after it, or one that NFC could change, is composed (as a cluster:
/// the character and the marks that follow it).
pub fn normalize(original: &str) -> Normalized {
    let mut b = Builder::new(original.len());
    let bytes = original.as_bytes();
    let mut composed: Vec<char> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Letters that go in unchanged, the bulk of any text, are copied a
        // run at a time.
        let run = letter_run(original, i);
        if run.end > i {
            b.letters(&original[i..run.end], i, run.chars, run.toned);
            i = run.end;
            if i == bytes.len() {
                break;
            }
        }
        let lead = bytes[i];
        if lead < 0x80 && !mark_at(original, i + 1) {
            b.ascii(lead, i, bytes.get(i + 1).copied());
            i += 1;
            continue;
        }
        let c = char_at(original, i);
        let after = i + c.len_utf8();
        if lead >= 0x80 && is_plain(c) && !mark_at(original, after) {
            b.other(c, i);
            i = after;
            continue;
        }
        // A cluster: the character and the combining marks after it.
        let mut end = after;
        while mark_at(original, end) {
            end += char_at(original, end).len_utf8();
        }
        composed.clear();
        composed.extend(original[i..end].nfc());
        let n = composed.len();
        for (k, &ch) in composed.iter().enumerate() {
            let next = if k + 1 == n { bytes.get(end).copied() } else { None };
            if ch.is_ascii() {
                b.ascii(ch as u8, i, next);
            } else {
                b.other(ch, i);
            }
        }
        i = end;
    }
    b.finish()
}

/// A run of letters in the original.
struct Run {
    end: usize,
    /// Characters in it.
    chars: usize,
    /// Whether one of them is a vowel with a tone mark.
    toned: bool,
}

/// The letters from byte `i` on that go into the output as they are: ASCII
/// letters, and letters that are their own NFC with no combining mark after
/// them, except `Ð` and `ð` (which become `Đ` and `đ`).
#[inline]
fn letter_run(s: &str, i: usize) -> Run {
    let bytes = s.as_bytes();
    let mut run = Run {
        end: i,
        chars: 0,
        toned: false,
    };
    while let Some(&lead) = bytes.get(run.end) {
        let (len, toned) = if lead.is_ascii_alphabetic() {
            (1, false)
        } else if lead >= 0x80 {
            let c = char_at(s, run.end);
            if !is_letter(c) || matches!(c, 'Ð' | 'ð') || !is_plain(c) {
                break;
            }
            (c.len_utf8(), super::tone::has_tone(c))
        } else {
            break;
        };
        if mark_at(s, run.end + len) {
            break;
        }
        run.end += len;
        run.chars += 1;
        run.toned |= toned;
    }
    run
}

/// The character starting at byte `i` (a character boundary inside `s`).
#[inline]
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

/// Whether a combining mark (canonical combining class not 0) starts at byte
/// `i`. Every such mark is at or above U+0300, so its first byte is at least
/// 0xCC; anything else is answered from that byte alone.
#[inline]
fn mark_at(s: &str, i: usize) -> bool {
    let bytes = s.as_bytes();
    match bytes.get(i) {
        // U+1E00..=U+1EFF (the precomposed Vietnamese letters): E1 B8..=BB.
        Some(0xE1) if bytes.get(i + 1).is_some_and(|b| (0xB8..=0xBB).contains(b)) => false,
        Some(&b) if b >= 0xCC => {
            let c = char_at(s, i);
            !('\u{1E00}'..='\u{1EFF}').contains(&c) && canonical_combining_class(c) != 0
        }
        _ => false,
    }
}

/// A character that is its own NFC whatever follows it, provided no
/// combining mark does, answered at once for the letters Vietnamese uses
/// (below U+0300, and the precomposed U+1E00..=U+1EFF).
#[inline]
fn is_plain(c: char) -> bool {
    c < '\u{300}'
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

fn is_stray_symbol(c: char) -> bool {
    matches!(
        c,
        '★' | '☆'
            | '●'
            | '○'
            | '◆'
            | '◇'
            | '■'
            | '□'
            | '▪'
            | '▫'
            | '•'
            | '♦'
            | '✓'
            | '✔'
            | '❖'
            | '➢'
            | '➤'
            | '►'
            | '\u{f0b7}'
            | '\u{f0a7}'
    )
}

/// `char::is_alphabetic`, with the Latin ranges Vietnamese uses answered
/// without the Unicode tables.
#[inline]
fn is_letter(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F | 0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// The longest word whose tone placement is normalised (one syllable).
const SYLLABLE: usize = 8;

struct Builder {
    out: String,
    anchors: Vec<(usize, usize)>,
    delta: isize,
    /// The word being written: where it starts in `out`, its length in
    /// characters, and whether it has a toned vowel (only then can the mark
    /// move).
    in_word: bool,
    word_start: usize,
    word_len: usize,
    word_marked: bool,
    pending_space: Option<usize>,
    newlines: u8,
}

impl Builder {
    fn new(cap: usize) -> Builder {
        Builder {
            out: String::with_capacity(cap),
            anchors: Vec::new(),
            delta: 0,
            in_word: false,
            word_start: 0,
            word_len: 0,
            word_marked: false,
            pending_space: None,
            newlines: 0,
        }
    }

    fn at_line_start(&self) -> bool {
        !self.in_word && (self.out.is_empty() || self.out.ends_with('\n'))
    }

    /// One ASCII character of the original (already composed), at byte
    /// `pos`; `next` is the first byte of the character after it, if known.
    #[inline]
    fn ascii(&mut self, c: u8, pos: usize, next: Option<u8>) {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => self.letter(c as char, pos, false),
            b'0'..=b'9' => self.symbol(c as char, pos),
            b' ' | b'\t' | b'\x0B' | b'\x0C' => self.space(pos),
            b'\n' => self.newline(pos),
            b'\r' => {
                if next != Some(b'\n') {
                    self.newline(pos);
                }
            }
            b'*' => {}
            b'#' | b'>' if self.at_line_start() => {}
            b'\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {}
            c if c.is_ascii_control() => self.space(pos),
            c => self.symbol(c as char, pos),
        }
    }

    /// One non-ASCII character of the original (already composed), at byte
    /// `pos`.
    #[inline]
    fn other(&mut self, c: char, pos: usize) {
        if is_letter(c) && !matches!(c, 'Ð' | 'ð') {
            self.letter(c, pos, super::tone::has_tone(c));
            return;
        }
        match c {
            'Ð' => self.letter('Đ', pos, false),
            'ð' => self.letter('đ', pos, false),
            c if is_zero_width(c) || is_stray_symbol(c) => {}
            c if c.is_whitespace() || c.is_control() => self.space(pos),
            c => self.symbol(c, pos),
        }
    }

    #[inline]
    fn start_word(&mut self) {
        if !self.in_word {
            self.flush_space();
            self.in_word = true;
            self.word_start = self.out.len();
            self.word_len = 0;
            self.word_marked = false;
        }
    }

    #[inline]
    fn letter(&mut self, c: char, pos: usize, toned: bool) {
        self.start_word();
        self.word_len += 1;
        self.word_marked |= toned;
        self.emit(c, pos);
        self.newlines = 0;
    }

    /// Letters copied as they are from the original at byte `pos`: `chars`
    /// of them, `toned` if one is a vowel with a tone mark.
    #[inline]
    fn letters(&mut self, run: &str, pos: usize, chars: usize, toned: bool) {
        self.start_word();
        self.word_len += chars;
        self.word_marked |= toned;
        // Between its first and last byte the run keeps its distance to the
        // original: one anchor at most, at its start.
        let out = self.out.len();
        let d = pos as isize - out as isize;
        if d != self.delta {
            self.anchors.push((out, pos));
            self.delta = d;
        }
        self.out.push_str(run);
        self.newlines = 0;
    }

    #[inline]
    fn newline(&mut self, pos: usize) {
        self.end_word();
        self.pending_space = None;
        if !self.out.is_empty() && self.newlines < 2 {
            self.emit('\n', pos);
            self.newlines += 1;
        }
    }

    #[inline]
    fn space(&mut self, pos: usize) {
        self.end_word();
        if !self.out.is_empty() && !self.out.ends_with('\n') && self.pending_space.is_none() {
            self.pending_space = Some(pos);
        }
    }

    /// Any other character that is kept: a digit, punctuation, a symbol.
    #[inline]
    fn symbol(&mut self, c: char, pos: usize) {
        self.end_word();
        self.flush_space();
        self.emit(c, pos);
        self.newlines = 0;
    }

    #[inline]
    fn flush_space(&mut self) {
        if let Some(p) = self.pending_space.take() {
            self.emit(' ', p);
        }
    }

    /// End the current word: put its tone mark where the rule says, writing
    /// the word again only when the mark moves.
    #[inline]
    fn end_word(&mut self) {
        if !std::mem::take(&mut self.in_word) || !self.word_marked || self.word_len > SYLLABLE {
            return;
        }
        self.place_tone();
    }

    fn place_tone(&mut self) {
        let n = self.word_len;
        let mut chars = ['\0'; SYLLABLE];
        let mut offsets = [0; SYLLABLE];
        for ((c, o), (i, ch)) in chars
            .iter_mut()
            .zip(offsets.iter_mut())
            .zip(self.out[self.word_start..].char_indices())
        {
            *c = ch;
            *o = self.word_start + i;
        }
        if !normalize_word(&mut chars[..n]) {
            return;
        }
        // Where each letter came from, before the anchors are rewritten.
        let mut pos = [0; SYLLABLE];
        for (p, &o) in pos.iter_mut().zip(offsets[..n].iter()) {
            *p = self.origin(o);
        }
        self.out.truncate(self.word_start);
        while self.anchors.last().is_some_and(|&(o, _)| o >= self.word_start) {
            self.anchors.pop();
        }
        self.delta = self.anchors.last().map_or(0, |&(o, i)| i as isize - o as isize);
        for (&c, &p) in chars[..n].iter().zip(pos[..n].iter()) {
            self.emit(c, p);
        }
    }

    /// Original byte offset of the output byte `out` (as
    /// [`Normalized::to_original`]), looked up from the end: `out` is in the
    /// word being written.
    fn origin(&self, out: usize) -> usize {
        match self.anchors.iter().rev().find(|a| a.0 <= out) {
            Some(&(o, i)) => i + (out - o),
            None => out,
        }
    }

    #[inline]
    fn emit(&mut self, c: char, pos: usize) {
        let out = self.out.len();
        let d = pos as isize - out as isize;
        if d != self.delta {
            self.anchors.push((out, pos));
            self.delta = d;
        }
        self.out.push(c);
    }

    fn finish(mut self) -> Normalized {
        self.end_word();
        Normalized {
            text: self.out,
            anchors: self.anchors,
        }
    }
}

/// Byte offsets to character offsets in one text, fast for many look-ups.
pub struct CharCounter<'a> {
    text: &'a str,
    /// `(byte, chars before it)` every 256 bytes or so, at character boundaries.
    marks: Vec<(usize, usize)>,
}

/// Characters in a byte slice of UTF-8: the bytes that start one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> CharCounter<'a> {
        let bytes = text.as_bytes();
        let mut marks = vec![(0, 0)];
        let (mut at, mut chars) = (0usize, 0usize);
        loop {
            let mut next = at + 256;
            if next >= bytes.len() {
                break;
            }
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += count_chars(&bytes[at..next]);
            marks.push((next, chars));
            at = next;
        }
        CharCounter { text, marks }
    }

    /// Number of characters before byte `pos` (clamped to the text).
    pub fn chars_before(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        let i = self.marks.partition_point(|m| m.0 <= pos) - 1;
        let (b, n) = self.marks[i];
        n + count_chars(&self.text.as_bytes()[b..pos])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let n = normalize(input);
        assert_eq!(n.text, expect, "normalising {input:?}");
    }

    #[test]
    fn normalisation_table() {
        check("a\r\nb\rc", "a\nb\nc");
        check("  **Giữa Sở**  \n\n\n\n### **III. TRÁCH**", "Giữa Sở\n\nIII. TRÁCH");
        check("★Đặng Thị Hoa", "Đặng Thị Hoa");
        check("ÐẮK NÔNG", "ĐẮK NÔNG");
        check("Hoà\u{a0}\u{a0}Bình\t", "Hòa Bình");
        check("Khua\u{302}\u{301}y", "Khuấy");
        check("Khuye\u{302}\u{301}n ho\u{323}c", "Khuyến học");
        check("a\u{200b}b", "ab");
        check("1\\. Mục", "1. Mục");
        check("> trích", "trích");
    }

    /// What the fast path takes without composing is its own NFC.
    #[test]
    fn plain_characters_are_their_own_nfc() {
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|&c| is_plain(c)) {
            let s = c.to_string();
            assert!(s.nfc().eq(s.chars()), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn marks_after_any_character_are_composed() {
        check("e\u{302}\u{301}", "ế");
        check("E\u{323}\u{302}", "Ệ");
        check("\u{ea}\u{323}", "ệ");
        check("\u{301}a", "\u{301}a");
        check("x\r\u{301}\n", "x\n\u{301}\n");
        check("a\r\u{301}", "a\n\u{301}");
    }

    #[test]
    fn spans_map_back_to_the_text_as_written() {
        let original = "**Số:** 1912 /QĐ-UBND và Hoà Bình, Khuye\u{302}\u{301}n học";
        let n = normalize(original);
        for needle in ["1912 /QĐ-UBND", "Hòa Bình", "Khuyến học", "Số:"] {
            let s = n.text.find(needle).unwrap();
            let (a, b) = n.span_to_original(original, s, s + needle.len());
            let back: String = normalize(&original[a..b]).text;
            assert_eq!(back, needle);
        }
    }

    #[test]
    fn char_counter_counts() {
        let t = "Đắk Nông ".repeat(2000);
        let c = CharCounter::new(&t);
        for pos in [0, 1, 2, 5000, 9000, t.len()] {
            let pos = (0..=pos).rev().find(|&p| t.is_char_boundary(p)).unwrap();
            assert_eq!(c.chars_before(pos), t[..pos].chars().count());
        }
    }
}
