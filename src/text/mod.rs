//! The text layer: bytes to text, text to the normalised form that extraction
//! reads, and the folding used to compare names.
//!
//! Extraction never works on raw text. [`normalize`] produces a [`Normalized`]
//! text (NFC, `Ð`→`Đ`, one tone-placement style, markup and stray symbols
//! removed, whitespace unified) that remembers where each of its characters
//! came from, so every span found in it maps back to the text as written.

mod decode;
mod fold;
mod normalize;
mod tone;

pub use decode::{decode, DecodeError, Decoded, Encoding};
pub use fold::{fold, fold_char, name_key};
pub use normalize::{normalize, CharCounter, Normalized};
pub use tone::{normalize_tones, normalize_word};

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
