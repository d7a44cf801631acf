//! Bytes to text: UTF-8 (with or without BOM) and UTF-16 with a BOM.

use std::fmt;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16-le")]
    Utf16Le,
    #[serde(rename = "utf-16-be")]
    Utf16Be,
    /// TCVN3 (ABC), guessed from character statistics.
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI, guessed from character statistics.
    #[serde(rename = "vni")]
    Vni,
    /// Windows-1258, guessed from character statistics.
    #[serde(rename = "windows-1258")]
    Windows1258,
}

impl Encoding {
    /// The name as serialised (`utf-8`, `tcvn3`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16-le",
            Encoding::Utf16Be => "utf-16-be",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Windows1258 => "windows-1258",
        }
    }

    /// Whether the encoding was guessed (a legacy one) rather than certain.
    pub fn is_guessed(self) -> bool {
        matches!(self, Encoding::Tcvn3 | Encoding::Vni | Encoding::Windows1258)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
            Encoding::Windows1258 => "Windows-1258",
        })
    }
}

/// A decoded file. `text` is what span offsets point into: the decoded
/// characters with the byte-order mark and stray control characters
/// removed (and, in TCVN3, words typed in a capitals font restored to
/// capitals), nothing else changed.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// What decoding changed, to tell the user (control characters dropped,
    /// words restored to capitals).
    pub notes: Vec<String>,
}

/// A file is binary, not text, when more than one byte in this many is NUL
/// (a stray NUL in real text, as PDF-to-text output has, is dropped).
pub const NUL_SHARE: usize = 100;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({nuls} NUL bytes in {len}, the first at byte {first}; text has at most 1 in {NUL_SHARE})")]
    Binary { nuls: usize, len: usize, first: usize },
    #[error("binary file ({0} control characters in the first {1} characters)")]
    ControlChars(usize, usize),
    #[error("not valid UTF-8 (invalid byte sequence at byte {0})")]
    InvalidUtf8(usize),
    #[error("not valid UTF-8 (invalid byte sequence at byte {offset}), and no legacy Vietnamese encoding fits with confidence ({guesses})")]
    UnknownEncoding { offset: usize, guesses: String },
    #[error("not valid {0} (odd byte count or unpaired surrogate near byte {1})")]
    InvalidUtf16(Encoding, usize),
}

/// Decode a file's bytes. Never panics; anything that is not text is an
/// error. Text is told from binary by proportion: more than one byte in
/// [`NUL_SHARE`] NUL, or more than one character in 20 a control character
/// (judged on the first 64 Ki characters), is binary; the control characters
/// of a text (a stray NUL or escape) are dropped and noted.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut notes = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        check_nuls(rest, 3)?;
        (utf8(rest, 3)?, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, Encoding::Utf16Le)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, Encoding::Utf16Be)?, Encoding::Utf16Be)
    } else {
        check_nuls(bytes, 0)?;
        match utf8(bytes, 0) {
            Ok(text) => (text, Encoding::Utf8),
            Err(DecodeError::InvalidUtf8(offset)) => {
                let (text, enc, restored) = legacy(bytes, offset)?;
                if restored > 0 {
                    notes.push(format!(
                        "{restored} word(s) typed in a TCVN3 capitals font (.VnTimeH …) read as capitals"
                    ));
                }
                (text, enc)
            }
            Err(e) => return Err(e),
        }
    };
    check_controls(&text)?;
    let base = if encoding == Encoding::Utf8Bom { 3 } else { 0 };
    let text = match drop_controls(&text, encoding, base) {
        Some((kept, note)) => {
            notes.push(note);
            kept
        }
        None => text,
    };
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding, notes })
}

/// Binary by its NUL bytes: more than one in [`NUL_SHARE`].
fn check_nuls(bytes: &[u8], base: usize) -> Result<(), DecodeError> {
    let Some(first) = memchr_nul(bytes) else {
        return Ok(());
    };
    let nuls = memchr::memchr_iter(0, bytes).count();
    if nuls * NUL_SHARE > bytes.len() {
        return Err(DecodeError::Binary {
            nuls,
            len: bytes.len(),
            first: base + first,
        });
    }
    Ok(())
}

/// Whether a character is a control character that text has no use for:
/// C0 other than tab, line feed, carriage return and form feed, DEL, C1.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

/// The text without its stray control characters, and a note naming them
/// (how many of each, and where the first was), when there are any.
fn drop_controls(text: &str, encoding: Encoding, base: usize) -> Option<(String, String)> {
    let has_any = text
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F || b == 0xC2);
    if !has_any || !text.chars().any(is_stray_control) {
        return None;
    }
    let mut kept = String::with_capacity(text.len());
    // (character, count, where the first was)
    let mut dropped: Vec<(char, usize, usize)> = Vec::new();
    for (chars, (i, c)) in text.char_indices().enumerate() {
        if !is_stray_control(c) {
            kept.push(c);
            continue;
        }
        let at = if matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
            base + i
        } else {
            chars
        };
        match dropped.iter_mut().find(|d| d.0 == c) {
            Some(d) => d.1 += 1,
            None => dropped.push((c, 1, at)),
        }
    }
    let total: usize = dropped.iter().map(|d| d.1).sum();
    let unit = if matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
        "byte"
    } else {
        "character"
    };
    let what = dropped
        .iter()
        .take(8)
        .map(|&(c, n, at)| {
            let name = if c == '\0' {
                "NUL".to_string()
            } else {
                format!("U+{:04X}", c as u32)
            };
            format!("{name} ×{n} (first at {unit} {at})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let more = if dropped.len() > 8 { ", …" } else { "" };
    Some((
        kept,
        format!("dropped {total} control character(s) that are not text: {what}{more}"),
    ))
}

fn utf8(bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    // The SIMD validator answers only yes or no; where the bytes went wrong
    // is asked of the standard one.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(DecodeError::InvalidUtf8(base + e.valid_up_to())),
        },
    }
}

/// Not UTF-8: a legacy encoding when one fits with confidence.
fn legacy(bytes: &[u8], offset: usize) -> Result<(String, Encoding, usize), DecodeError> {
    match super::legacy::guess(bytes) {
        Ok((l, text, restored)) => {
            let enc = match l {
                super::legacy::Legacy::Tcvn3 => Encoding::Tcvn3,
                super::legacy::Legacy::Vni => Encoding::Vni,
                super::legacy::Legacy::Windows1258 => Encoding::Windows1258,
            };
            Ok((text, enc, restored))
        }
        Err(scores) => Err(DecodeError::UnknownEncoding {
            offset,
            guesses: scores
                .iter()
                .map(|(l, s)| format!("{} {:.0}%", l.name(), s * 100.0))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn utf16(bytes: &[u8], enc: Encoding) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::InvalidUtf16(enc, bytes.len() + 2));
    }
    let units = bytes.chunks_exact(2).map(|c| match enc {
        Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
        _ => u16::from_le_bytes([c[0], c[1]]),
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let (mut nuls, mut first) = (0usize, 0usize);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => {
                if c == '\0' {
                    if nuls == 0 {
                        first = 2 + 2 * i;
                    }
                    nuls += 1;
                }
                out.push(c)
            }
            Err(_) => return Err(DecodeError::InvalidUtf16(enc, 2 + 2 * i)),
        }
    }
    if nuls * NUL_SHARE > bytes.len() / 2 {
        return Err(DecodeError::Binary {
            nuls,
            len: bytes.len() + 2,
            first,
        });
    }
    Ok(out)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Text made mostly of control characters is a binary file that happens to
/// decode; judged on the first 64 Ki characters.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    const WINDOW: usize = 65_536;
    let end = if text.len() <= WINDOW {
        text.len()
    } else {
        text.char_indices().nth(WINDOW).map_or(text.len(), |(i, _)| i)
    };
    // Counted on the bytes: a control character (Unicode Cc) is a byte below
    // 0x20, 0x7F, or U+0080..=U+009F (0xC2 then 0x80..=0x9F); a character
    // starts at every byte that is not a continuation byte.
    let bytes = &text.as_bytes()[..end];
    let seen = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let ascii = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F)
        .count();
    let c1 = bytes
        .windows(2)
        .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
        .count();
    let controls = ascii + c1;
    if controls > 8 && controls * 20 > seen {
        return Err(DecodeError::ControlChars(controls, seen));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte count of control characters agrees with `char::is_control`.
    #[test]
    fn controls_are_counted_as_characters() {
        let reference = |t: &str| {
            let mut seen = 0usize;
            let mut controls = 0usize;
            for c in t.chars().take(65_536) {
                seen += 1;
                if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                    controls += 1;
                }
            }
            if controls > 8 && controls * 20 > seen {
                Err(DecodeError::ControlChars(controls, seen))
            } else {
                Ok(())
            }
        };
        let samples = [
            "Số: 12/KH-UBND\r\n\tngày\u{c}".to_string(),
            "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{e}\u{7f}ab".to_string(),
            "\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{100}".repeat(5),
            "Đắk\u{1b}".repeat(30_000),
            "a\u{1}".repeat(40_000),
        ];
        for t in &samples {
            assert_eq!(check_controls(t), reference(t), "{:?}", &t[..t.len().min(40)]);
        }
    }
}
