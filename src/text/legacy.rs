//! Legacy Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258, and
//! telling them apart by character statistics.
//!
//! * **TCVN3** (TCVN 5712:1993, the `.Vn…` fonts) puts precomposed letters in
//!   single bytes: `0xB5` is `à`, `0xE9` is `ộ` ("Céng hoµ" is "Cộng hoà").
//!   The table is the standard's VN1 layout; the `.Vn…H` capital fonts use
//!   the lower-case code points, which only the font can tell.
//! * **VNI** (the `VNI-…` fonts) writes a base letter followed by a mark
//!   byte read as Windows-1252: `o` + `ä` is `ộ` ("Coäng hoøa").
//! * **Windows-1258** is a real code page, with combining tone marks.
//!
//! The decoded text is not normalised here; [`super::normalize`] composes it.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Windows1258,
}

impl Legacy {
    pub const ALL: [Legacy; 3] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258];

    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
            Legacy::Windows1258 => "Windows-1258",
        }
    }

    /// Decode bytes in this encoding. Every byte sequence decodes.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Legacy::Tcvn3 => decode_tcvn3(bytes),
            Legacy::Vni => decode_vni(bytes),
            Legacy::Windows1258 => encoding_rs::WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    }
}

/// TCVN 5712:1993 (VN1): bytes that are not ASCII.
const TCVN3: &[(u8, char)] = &[
    (0x01, '\u{00DA}'),
    (0x02, '\u{1EE4}'),
    (0x04, '\u{1EEA}'),
    (0x05, '\u{1EEC}'),
    (0x06, '\u{1EEE}'),
    (0x11, '\u{1EE8}'),
    (0x12, '\u{1EF0}'),
    (0x13, '\u{1EF2}'),
    (0x14, '\u{1EF6}'),
    (0x15, '\u{1EF8}'),
    (0x16, '\u{00DD}'),
    (0x17, '\u{1EF4}'),
    (0x80, '\u{00C0}'),
    (0x81, '\u{1EA2}'),
    (0x82, '\u{00C3}'),
    (0x83, '\u{00C1}'),
    (0x84, '\u{1EA0}'),
    (0x85, '\u{1EB6}'),
    (0x86, '\u{1EAC}'),
    (0x87, '\u{00C8}'),
    (0x88, '\u{1EBA}'),
    (0x89, '\u{1EBC}'),
    (0x8A, '\u{00C9}'),
    (0x8B, '\u{1EB8}'),
    (0x8C, '\u{1EC6}'),
    (0x8D, '\u{00CC}'),
    (0x8E, '\u{1EC8}'),
    (0x8F, '\u{0128}'),
    (0x90, '\u{00CD}'),
    (0x91, '\u{1ECA}'),
    (0x92, '\u{00D2}'),
    (0x93, '\u{1ECE}'),
    (0x94, '\u{00D5}'),
    (0x95, '\u{00D3}'),
    (0x96, '\u{1ECC}'),
    (0x97, '\u{1ED8}'),
    (0x98, '\u{1EDC}'),
    (0x99, '\u{1EDE}'),
    (0x9A, '\u{1EE0}'),
    (0x9B, '\u{1EDA}'),
    (0x9C, '\u{1EE2}'),
    (0x9D, '\u{00D9}'),
    (0x9E, '\u{1EE6}'),
    (0x9F, '\u{0168}'),
    (0xA0, '\u{00A0}'),
    (0xA1, '\u{0102}'),
    (0xA2, '\u{00C2}'),
    (0xA3, '\u{00CA}'),
    (0xA4, '\u{00D4}'),
    (0xA5, '\u{01A0}'),
    (0xA6, '\u{01AF}'),
    (0xA7, '\u{0110}'),
    (0xA8, '\u{0103}'),
    (0xA9, '\u{00E2}'),
    (0xAA, '\u{00EA}'),
    (0xAB, '\u{00F4}'),
    (0xAC, '\u{01A1}'),
    (0xAD, '\u{01B0}'),
    (0xAE, '\u{0111}'),
    (0xAF, '\u{1EB0}'),
    (0xB0, '\u{0300}'),
    (0xB1, '\u{0309}'),
    (0xB2, '\u{0303}'),
    (0xB3, '\u{0301}'),
    (0xB4, '\u{0323}'),
    (0xB5, '\u{00E0}'),
    (0xB6, '\u{1EA3}'),
    (0xB7, '\u{00E3}'),
    (0xB8, '\u{00E1}'),
    (0xB9, '\u{1EA1}'),
    (0xBA, '\u{1EB2}'),
    (0xBB, '\u{1EB1}'),
    (0xBC, '\u{1EB3}'),
    (0xBD, '\u{1EB5}'),
    (0xBE, '\u{1EAF}'),
    (0xBF, '\u{1EB4}'),
    (0xC0, '\u{1EAE}'),
    (0xC1, '\u{1EA6}'),
    (0xC2, '\u{1EA8}'),
    (0xC3, '\u{1EAA}'),
    (0xC4, '\u{1EA4}'),
    (0xC5, '\u{1EC0}'),
    (0xC6, '\u{1EB7}'),
    (0xC7, '\u{1EA7}'),
    (0xC8, '\u{1EA9}'),
    (0xC9, '\u{1EAB}'),
    (0xCA, '\u{1EA5}'),
    (0xCB, '\u{1EAD}'),
    (0xCC, '\u{00E8}'),
    (0xCD, '\u{1EC2}'),
    (0xCE, '\u{1EBB}'),
    (0xCF, '\u{1EBD}'),
    (0xD0, '\u{00E9}'),
    (0xD1, '\u{1EB9}'),
    (0xD2, '\u{1EC1}'),
    (0xD3, '\u{1EC3}'),
    (0xD4, '\u{1EC5}'),
    (0xD5, '\u{1EBF}'),
    (0xD6, '\u{1EC7}'),
    (0xD7, '\u{00EC}'),
    (0xD8, '\u{1EC9}'),
    (0xD9, '\u{1EC4}'),
    (0xDA, '\u{1EBE}'),
    (0xDB, '\u{1ED2}'),
    (0xDC, '\u{0129}'),
    (0xDD, '\u{00ED}'),
    (0xDE, '\u{1ECB}'),
    (0xDF, '\u{00F2}'),
    (0xE0, '\u{1ED4}'),
    (0xE1, '\u{1ECF}'),
    (0xE2, '\u{00F5}'),
    (0xE3, '\u{00F3}'),
    (0xE4, '\u{1ECD}'),
    (0xE5, '\u{1ED3}'),
    (0xE6, '\u{1ED5}'),
    (0xE7, '\u{1ED7}'),
    (0xE8, '\u{1ED1}'),
    (0xE9, '\u{1ED9}'),
    (0xEA, '\u{1EDD}'),
    (0xEB, '\u{1EDF}'),
    (0xEC, '\u{1EE1}'),
    (0xED, '\u{1EDB}'),
    (0xEE, '\u{1EE3}'),
    (0xEF, '\u{00F9}'),
    (0xF0, '\u{1ED6}'),
    (0xF1, '\u{1EE7}'),
    (0xF2, '\u{0169}'),
    (0xF3, '\u{00FA}'),
    (0xF4, '\u{1EE5}'),
    (0xF5, '\u{1EEB}'),
    (0xF6, '\u{1EED}'),
    (0xF7, '\u{1EEF}'),
    (0xF8, '\u{1EE9}'),
    (0xF9, '\u{1EF1}'),
    (0xFA, '\u{1EF3}'),
    (0xFB, '\u{1EF7}'),
    (0xFC, '\u{1EF9}'),
    (0xFD, '\u{00FD}'),
    (0xFE, '\u{1EF5}'),
    (0xFF, '\u{1ED0}'),
];

static TCVN3_TABLE: LazyLock<[char; 256]> = LazyLock::new(|| {
    let mut t = [char::REPLACEMENT_CHARACTER; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        if b < 0x80 {
            *slot = b as u8 as char;
        }
    }
    for &(b, c) in TCVN3 {
        t[b as usize] = c;
    }
    t[0xA0] = '\u{A0}';
    t
});

/// Decode TCVN3 bytes.
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let t = &*TCVN3_TABLE;
    bytes.iter().map(|&b| t[b as usize]).collect()
}

/// The tone marks (not the shape marks) Vietnamese puts on a vowel.
fn is_tone_mark(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK | DOT)
}

/// `c` without its tone mark (`ộ` → `ô`), lower case.
fn untoned(c: char) -> Option<char> {
    let s: String = c.to_lowercase().nfd().filter(|&m| !is_tone_mark(m)).nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(b), None) => Some(b),
        _ => None,
    }
}

/// Text typed in a TCVN3 capitals font (`.VnTimeH`, `.VnArialH` …) as
/// capitals: the accented letters come as the lower-case codes the font
/// draws as capitals, so they are upper-cased; a capital followed by the
/// same vowel written again with its tone (`Ôộ`, `Aá`, how some keyboards
/// leave a capital they could not mark) is one capital (`Ộ`).
pub fn capitals(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&next) = chars.get(i + 1) {
            if c.is_uppercase() && !next.is_ascii() && next.is_lowercase() {
                let bare_next = untoned(next);
                if bare_next.is_some() && bare_next == untoned(c) && next.to_lowercase().ne(c.to_lowercase()) {
                    i += 1;
                    continue;
                }
            }
        }
        out.extend(c.to_uppercase());
        i += 1;
    }
    out
}

/// A word's case, for telling words typed in a capitals font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No lower-case accented letter: nothing to restore.
    Plain,
    /// A lower-case ASCII letter: ordinary text.
    Lower,
    /// Capitals with lower-case accented letters among them (`HộI`,
    /// `KHUYếN`, `ĐàO`): typed in a capitals font.
    Capitals,
    /// Lower-case accented letters after at most one capital (`Sở`, `ở`):
    /// capitals only on a line of capitals.
    Either,
}

fn shape(word: &[char]) -> Shape {
    let mut accented_lower = false;
    let mut upper = 0usize;
    let mut upper_after = false;
    for &c in word {
        if c.is_ascii_lowercase() {
            return Shape::Lower;
        }
        if c.is_uppercase() {
            upper += 1;
            upper_after |= accented_lower;
        } else if c.is_lowercase() {
            accented_lower = true;
        }
    }
    match (accented_lower, upper_after || upper >= 2) {
        (false, _) => Shape::Plain,
        (true, true) => Shape::Capitals,
        (true, false) => Shape::Either,
    }
}

/// Restore the words of a TCVN3 text typed in a capitals font (see
/// [`capitals`]): a text file does not keep the font, so they are told by
/// their shape. A word of capitals with lower-case accented letters among
/// them (`HộI KHUYếN HọC TỉNH`) is one; so is a word like `Sở` or `ở` on a
/// line that has such words and no ordinary lower-case word. Returns the
/// text and how many words were restored.
pub fn restore_capitals(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut restored = 0usize;
    for line in text.split_inclusive('\n') {
        let chars: Vec<char> = line.chars().collect();
        // Words: runs of letters and combining marks.
        let mut words: Vec<(usize, usize, Shape)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let is_letter = |c: char| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c);
            if !is_letter(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && is_letter(chars[i]) {
                i += 1;
            }
            words.push((start, i, shape(&chars[start..i])));
        }
        let capitals_line = words.iter().any(|w| w.2 == Shape::Capitals) && !words.iter().any(|w| w.2 == Shape::Lower);
        if !words.iter().any(|w| w.2 == Shape::Capitals) {
            out.push_str(line);
            continue;
        }
        let mut at = 0;
        for &(start, end, shape) in &words {
            if shape == Shape::Capitals || (shape == Shape::Either && capitals_line) {
                out.extend(&chars[at..start]);
                out.push_str(&capitals(&chars[start..end].iter().collect::<String>()));
                restored += 1;
                at = end;
            }
        }
        out.extend(&chars[at..]);
    }
    (out, restored)
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const TILDE: char = '\u{303}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';
const HORN: char = '\u{31B}';

/// What a VNI mark byte (read as Windows-1252) adds to the letter before it:
/// a shape mark (circumflex or breve) and a tone mark.
fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'ù' => (None, Some(ACUTE)),
        'ø' => (None, Some(GRAVE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' => (None, Some(DOT)),
        'â' => (Some(CIRCUMFLEX), None),
        'á' => (Some(CIRCUMFLEX), Some(ACUTE)),
        'à' => (Some(CIRCUMFLEX), Some(GRAVE)),
        'å' => (Some(CIRCUMFLEX), Some(HOOK)),
        'ã' => (Some(CIRCUMFLEX), Some(TILDE)),
        'ä' => (Some(CIRCUMFLEX), Some(DOT)),
        'ê' => (Some(BREVE), None),
        'é' => (Some(BREVE), Some(ACUTE)),
        'è' => (Some(BREVE), Some(GRAVE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    })
}

/// VNI letters written as one byte (read as Windows-1252).
fn vni_single(c: char) -> Option<&'static str> {
    Some(match c {
        'ñ' => "đ",
        'Ñ' => "Đ",
        'ô' => "ơ",
        'Ô' => "Ơ",
        'ö' => "ư",
        'Ö' => "Ư",
        'í' => "í",
        'Í' => "Í",
        'ì' => "ì",
        'Ì' => "Ì",
        'æ' => "ỉ",
        'Æ' => "Ỉ",
        'ó' => "ĩ",
        'Ó' => "Ĩ",
        'ò' => "ị",
        'Ò' => "Ị",
        'î' => "ỵ",
        'Î' => "Ỵ",
        _ => return None,
    })
}

/// Decode VNI bytes.
pub fn decode_vni(bytes: &[u8]) -> String {
    let latin = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0;
    let chars: Vec<char> = latin.chars().collect();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The base of a composed letter: a vowel, or ơ/ư written as ô/ö.
        let base: Option<(char, bool)> = match c {
            'a' | 'e' | 'o' | 'u' | 'y' | 'i' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'I' => Some((c, false)),
            'ô' => Some(('o', true)),
            'Ô' => Some(('O', true)),
            'ö' => Some(('u', true)),
            'Ö' => Some(('U', true)),
            _ => None,
        };
        if let (Some((b, horn)), Some(mark)) = (base, chars.get(i + 1).and_then(|&m| vni_mark(m))) {
            let (shape, tone) = mark;
            let shape_fits = match shape {
                Some(CIRCUMFLEX) => !horn && matches!(b, 'a' | 'e' | 'o' | 'A' | 'E' | 'O'),
                Some(_) => !horn && matches!(b, 'a' | 'A'),
                None => true,
            };
            if shape_fits {
                let mut s = String::new();
                s.push(b);
                if horn {
                    s.push(HORN);
                }
                s.extend(shape);
                s.extend(tone);
                out.extend(s.nfc());
                i += 2;
                continue;
            }
        }
        match vni_single(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

/// Common Vietnamese words that carry marks: a right decoding is full of
/// them, a wrong one (letters that exist but make no words) has none.
const COMMON: &[&str] = &[
    "của", "và", "các", "được", "những", "một", "có", "trong", "với", "người", "năm", "ngày", "về", "học", "hội", "xã",
    "tỉnh", "thực", "hiện", "phối", "hợp", "chương", "trình", "khuyến", "tài", "đẩy", "mạnh", "công", "tác", "việc",
    "xây", "dựng", "tập", "đoạn", "đơn", "vị", "huyện", "sở", "giáo", "dục", "đào", "tạo", "nhân", "dân", "ủy",
    "quyết", "định", "kế", "hoạch", "cơ", "tổ", "chức", "thống", "nhất", "nội", "trách", "nhiệm", "mục", "đích", "yêu",
    "cầu", "để", "là", "đã", "sẽ", "này", "đến", "tại", "từ", "phát", "triển", "động", "viên", "đình", "cộng", "đồng",
    "chủ", "nghĩa", "việt", "điều", "số", "cấp", "tiếp", "tục", "đảng", "nước",
];

static COMMON_SET: LazyLock<std::collections::HashSet<String>> =
    LazyLock::new(|| COMMON.iter().map(|w| super::normalize_tones(w)).collect());

/// How Vietnamese a decoded text looks, from 0 to 1: half for the share of
/// words made only of letters of the Vietnamese alphabet (wrong decodings
/// leave `µ`, `¸`, `Ð` and stray combining marks), half for how many of its
/// words with marks are common words (one in five is full marks).
pub fn vietnamese_score(text: &str) -> f64 {
    let text: String = super::normalize_tones(&text.nfc().collect::<String>()).to_lowercase();
    let mut words = 0usize;
    let mut clean = 0usize;
    let mut common = 0usize;
    for w in text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
        if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        words += 1;
        if w.chars()
            .all(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && super::tone::bare(c).is_some()))
        {
            clean += 1;
            if !w.is_ascii() && COMMON_SET.contains(w) {
                common += 1;
            }
        }
    }
    if words == 0 {
        return 0.0;
    }
    let clean = clean as f64 / words as f64;
    let common = (common as f64 / words as f64 / 0.2).min(1.0);
    (clean + common) / 2.0
}

/// The legacy encoding `bytes` are most likely in, when the guess is
/// confident: the best score is high and clearly above the others. The
/// text comes with the number of words restored to capitals (TCVN3 typed in
/// a capitals font, see [`restore_capitals`]).
pub fn guess(bytes: &[u8]) -> Result<(Legacy, String, usize), Vec<(Legacy, f64)>> {
    let mut scored: Vec<(Legacy, f64, String, usize)> = Legacy::ALL
        .iter()
        .map(|&l| {
            let (text, restored) = match l {
                Legacy::Tcvn3 => restore_capitals(&decode_tcvn3(bytes)),
                _ => (l.decode(bytes), 0),
            };
            (l, vietnamese_score(&text), text, restored)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, second) = (scored[0].1, scored[1].1);
    if best >= 0.8 && best - second >= 0.05 {
        let (l, _, text, restored) = scored.swap_remove(0);
        return Ok((l, text, restored));
    }
    Err(scored.into_iter().map(|(l, s, _, _)| (l, s)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "Cộng hòa xã hội chủ nghĩa Việt Nam. Hội Khuyến học tỉnh Đắk Nông và Sở Giáo dục và Đào tạo thống nhất ký kết chương trình phối hợp về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2024 - 2030.";

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    #[test]
    fn tcvn3_as_iconv_encodes_it() {
        // `echo … | iconv -f UTF-8 -t TCVN5712-1`
        let bytes = include_bytes!("../../tests/data/legacy/tcvn3.txt");
        assert_eq!(nfc(&decode_tcvn3(bytes)).trim_end(), PLAIN);
        assert_eq!(decode_tcvn3(b"C\xe9ng ho\xb5"), "Cộng hoà");
    }

    /// `HỘI KHUYẾN HỌC TỈNH` typed in `.VnTimeH`: the accented letters are
    /// the lower-case codes (`H\xe9I` reads `HộI`), or a capital followed by
    /// the vowel again with its tone (`HÔộI`); ordinary lines stay as written.
    #[test]
    fn tcvn3_capitals_font_headlines() {
        let caps = b"H\xe9I KHUY\xd5N H\xe4C T\xd8NH \xa7\xb5 N\xbdNG\nS\xeb GI\xb8O D\xf4C V\xb5 \xa7\xb5O T\xb9O\n";
        let (text, n) = restore_capitals(&decode_tcvn3(caps));
        assert_eq!(nfc(&text), "HỘI KHUYẾN HỌC TỈNH ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n");
        assert_eq!(n, 12);
        let doubled = "HÔộI KHUYÊếN HOọC TIỉNH\nSƠở GIAáO DUụC VÀ ĐÀO TẠO\n";
        assert_eq!(
            restore_capitals(doubled).0,
            "HỘI KHUYẾN HỌC TỈNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n"
        );
        for ordinary in [
            "Số: 12/KH-UBND\n",
            "Hội Khuyến học tỉnh Đà Nẵng\n",
            "Kính gửi: Sở Giáo dục và Đào tạo\n",
            "Xoong, soóc, Ở Bộ\n",
        ] {
            assert_eq!(restore_capitals(ordinary), (ordinary.to_string(), 0));
        }
        // On a line of ordinary words only the words of capitals change.
        assert_eq!(restore_capitals("Kính gửi: Sở GIáO DụC\n").0, "Kính gửi: Sở GIÁO DỤC\n");
    }

    #[test]
    fn windows1258_as_iconv_encodes_it() {
        // `echo … | iconv -f UTF-8 -t CP1258`
        let bytes = include_bytes!("../../tests/data/legacy/cp1258.txt");
        assert_eq!(nfc(&Legacy::Windows1258.decode(bytes)).trim_end(), PLAIN);
    }

    #[test]
    fn vni_letters() {
        let cases: &[(&[u8], &str)] = &[
            (b"Co\xe4ng ho\xf8a", "Cộng hòa"),
            (b"Vie\xe4t Nam", "Việt Nam"),
            (b"\xd1a\xeft \xd1o\xe2", "Đạt Đô"),
            (b"ng\xf6\xf4\xf8i", "người"),
            (b"nghi\xf5a", "nghĩa"),
            (b"kho\xf9a", "khóa"),
            (b"ta\xe9c", "tắc"),
            (b"th\xf6\xf9", "thứ"),
            (b"TR\xd6\xd4\xd8NG", "TRƯỜNG"),
            (b"ch\xf3", "chĩ"),
        ];
        for (bytes, want) in cases {
            assert_eq!(nfc(&decode_vni(bytes)), *want, "{bytes:?}");
        }
        let bytes = include_bytes!("../../tests/data/legacy/vni.txt");
        assert_eq!(nfc(&decode_vni(bytes)).trim_end(), PLAIN);
    }

    #[test]
    fn guesses_each_encoding() {
        for (file, want) in [
            (&include_bytes!("../../tests/data/legacy/tcvn3.txt")[..], Legacy::Tcvn3),
            (&include_bytes!("../../tests/data/legacy/vni.txt")[..], Legacy::Vni),
            (
                &include_bytes!("../../tests/data/legacy/cp1258.txt")[..],
                Legacy::Windows1258,
            ),
        ] {
            let (got, text, restored) = guess(file).unwrap_or_else(|s| panic!("{want:?}: no confident guess: {s:?}"));
            assert_eq!(got, want);
            assert_eq!(nfc(&text).trim_end(), PLAIN);
            assert_eq!(restored, 0);
        }
        assert!(guess(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd").is_err());
        assert!(guess(
            "façade déjà vu, naïve"
                .as_bytes()
                .iter()
                .map(|&b| b ^ 0x80)
                .collect::<Vec<_>>()
                .as_slice()
        )
        .is_err());
    }
}
