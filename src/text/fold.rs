//! Folding: no case, no marks, `đ`→`d`. Used to compare names, titles and
//! places whatever their diacritics, tone placement or case.

use unicode_normalization::char::decompose_canonical;

/// One character folded to one character.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match super::latin_slot(c) {
        Some(i) => super::tables::FOLD[i],
        None => fold_slow(c),
    }
}

/// The rule [`fold_char`] follows, for any character: what
/// [`super::tables::FOLD`] holds for the Latin ones.
pub(super) fn fold_slow(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(b) = super::tone::bare(c) {
        return b;
    }
    match c {
        'đ' | 'Đ' | 'Ð' | 'ð' | 'Ɖ' => 'd',
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            let b = base.unwrap_or(c);
            b.to_lowercase().next().unwrap_or(b)
        }
    }
}

/// Fold every character (same number of characters out as in).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The key two names are compared by: folded, every run of punctuation,
/// dashes, quotes and whitespace made one space, trimmed.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let f = fold_char(c);
        if f.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(f);
        } else if f != '&' {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_folds_as_if_there_were_no_table() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_slow(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_marks_case_and_d() {
        assert_eq!(fold("Khuyến Học ĐẮK NÔNG Ðà"), "khuyen hoc dak nong da");
        assert_eq!(fold("hoà"), fold("hòa"));
    }

    #[test]
    fn name_key_ignores_dashes_quotes_and_spacing() {
        assert_eq!(
            name_key("Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"),
            name_key("đề án \"xây dựng xã hội học tập giai đoạn 2021–2030\"")
        );
        assert_eq!(name_key("  Sở GD&ĐT "), "so gddt");
    }
}
