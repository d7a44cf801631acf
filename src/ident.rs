//! Identifiers of instruments: canonical ids, comparison keys,
//! type codes and whether an issuer is national.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// `s` in NFC, borrowed when it is already: every character below U+0300
/// (no combining marks) or a precomposed letter of U+1E00..=U+1EFF, as ids
/// from normalised text always are.
fn composed(s: &str) -> Cow<'_, str> {
    if s.chars()
        .all(|c| c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// [`key`] with the letters of Vietnamese folded to ASCII (`đ`→`d`,
/// `ư`→`u`, marks dropped): how an id typed without diacritics
/// (`1373/QD-TTg`) is matched when no id has its exact key.
pub fn loose_key(id: &str) -> String {
    crate::text::fold(&key(id)).replace(['đ', 'Đ'], "d")
}

/// The keys an id typed without diacritics may stand for: each `d` as `d`
/// or `đ` and each `u` as `u` or `ư` (at most 256 variants; the key alone
/// when it has more letters that could carry a mark).
pub fn key_variants(id: &str) -> Vec<String> {
    let k = key(id);
    let slots = k.chars().filter(|c| matches!(c, 'd' | 'u')).count();
    if slots == 0 || slots > 8 {
        return vec![k];
    }
    let mut out = Vec::with_capacity(1 << slots);
    for mask in 0..(1u32 << slots) {
        let mut bit = 0;
        let v: String = k
            .chars()
            .map(|c| match c {
                'd' | 'u' => {
                    let marked = mask & (1 << bit) != 0;
                    bit += 1;
                    match (c, marked) {
                        ('d', true) => 'đ',
                        ('u', true) => 'ư',
                        (c, _) => c,
                    }
                }
                c => c,
            })
            .collect();
        out.push(v);
    }
    out
}

/// The key two ids are the same instrument by: NFC, `Ð`→`Đ`, dashes unified,
/// case-folded, all whitespace removed.
pub fn key(id: &str) -> String {
    let id = composed(id);
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            c if c.is_ascii() => {
                if !c.is_whitespace() {
                    out.push(c.to_ascii_lowercase());
                }
            }
            'Ð' | 'Ɖ' | 'ð' => out.push('đ'),
            '–' | '—' => out.push('-'),
            c if c.is_whitespace() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Canonical id from its parts as found: whitespace gone, `–` made `-`,
/// `Ð` made `Đ`, case kept.
pub fn canonical(raw: &str) -> String {
    composed(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ð' | 'Ɖ' => 'Đ',
            'ð' => 'đ',
            '–' | '—' => '-',
            c => c,
        })
        .collect::<String>()
        .trim_end_matches(['.', ',', ';', ':'])
        .to_string()
}

/// Type codes of the two numbering systems, longest first, with their
/// type words. `TT` is Thông tư in the state system and Thông tri in the
/// Party's (see [`type_for_code`]).
const CODES: &[(&str, &str)] = &[
    ("CTrPH", "Chương trình phối hợp"),
    ("CTPH", "Chương trình phối hợp"),
    ("QCPH", "Quy chế phối hợp"),
    ("CTHĐ", "Chương trình hành động"),
    ("NQLT", "Nghị quyết liên tịch"),
    ("TTLT", "Thông tư liên tịch"),
    ("KHLT", "Kế hoạch liên tịch"),
    ("HDLT", "Hướng dẫn liên tịch"),
    ("CTr", "Chương trình"),
    ("QĐi", "Quy định"),
    ("TTr", "Tờ trình"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("TT", "Thông tư"),
    ("KH", "Kế hoạch"),
    ("CV", "Công văn"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("NĐ", "Nghị định"),
    ("ĐA", "Đề án"),
    ("QC", "Quy chế"),
    ("BC", "Báo cáo"),
    ("CĐ", "Công điện"),
    ("GM", "Giấy mời"),
];

/// Type codes an agreement's own number may carry: programmes, rules and
/// joint instruments of cooperation.
pub const PROGRAMME_CODES: &[&str] = &["CTPH", "CTrPH", "CTr", "QCPH", "CTHĐ", "NQLT", "TTLT", "KHLT", "HDLT"];

/// Whether `code` (as [`split_code`] gives it) is one of [`PROGRAMME_CODES`].
pub fn is_programme_code(code: &str) -> bool {
    PROGRAMME_CODES.contains(&code)
}

/// Codes that are never citations of a legal basis (licences).
pub const EXCLUDED_CODES: &[&str] = &["GP", "GPXB", "GCN"];

/// Case-insensitive equality without allocating.
fn same_code(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// The type word for a type code, in the given numbering system.
pub fn type_for_code(code: &str, party: bool) -> Option<&'static str> {
    if party && code.eq_ignore_ascii_case("TT") {
        return Some("Thông tri");
    }
    CODES.iter().find(|(c, _)| same_code(c, code)).map(|&(_, t)| t)
}

/// Split a leading type code off a segment: `QĐ` → (`QĐ`, ""), `QĐKHVN` →
/// (`QĐ`, `KHVN`). None when the segment does not start with a code.
pub fn split_code(seg: &str) -> Option<(&'static str, &str)> {
    for &(code, _) in CODES {
        let Some(head) = seg.get(..code.len()) else { continue };
        if same_code(head, code) {
            let rest = &seg[code.len()..];
            if rest.is_empty() || (rest.chars().count() >= 2 && rest.chars().all(|c| c.is_uppercase())) {
                return Some((code, rest));
            }
        }
    }
    None
}

/// Type words as they open a citation ("Quyết định số …"), longest first,
/// each with the canonical form reported as `type`.
pub const TYPE_WORDS: &[&str] = &[
    "Chương trình phối hợp",
    "Chương trình liên tịch",
    "Chương trình hành động",
    "Chương trình công tác",
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Kế hoạch liên tịch",
    "Hướng dẫn liên tịch",
    "Quy chế phối hợp",
    "Thông báo kết luận",
    "Chương trình",
    "Chỉ thị",
    "Kết luận",
    "Nghị quyết",
    "Quyết định",
    "Thông tư",
    "Thông tri",
    "Kế hoạch",
    "Công văn",
    "Văn bản",
    "Hướng dẫn",
    "Thông báo",
    "Nghị định",
    "Đề án",
    "Quy chế",
    "Quy định",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Luật",
    "Pháp lệnh",
    "Điều lệ",
];

/// Issuers whose symbols are unique nationwide. Compared without
/// case; `QH…` and `UBTVQH…` with any legislature number also count.
const NATIONAL: &[&str] = &[
    "TW",
    "TƯ",
    "VPTW",
    "BCT",
    "BBT",
    "BCHTW",
    "BTGTW",
    "BDVTW",
    "BTCTW",
    "UBKTTW",
    "BTGDVTW",
    "TTg",
    "CP",
    "VPCP",
    "CTN",
    "TANDTC",
    "VKSNDTC",
    "KTNN",
    "BGDĐT",
    "BGD&ĐT",
    "BNV",
    "BTC",
    "BLĐTBXH",
    "BVHTTDL",
    "BQP",
    "BCA",
    "BYT",
    "BKHĐT",
    "BTTTT",
    "BTP",
    "BNG",
    "BXD",
    "BGTVT",
    "BTNMT",
    "BNNPTNT",
    "BNN",
    "BKHCN",
    "UBDT",
    "NHNN",
    "TTCP",
    "HKHVN",
    "KHVN",
    "HKHAVN",
    "HKVN",
    "TWHKH",
    "DV",
    "TCCT",
    "ĐTNCSHCM",
    "TWĐTN",
    "TWĐ",
    "TLĐ",
    "TLĐLĐVN",
    "HLHPNVN",
    "TWHLHPNVN",
    "HCCBVN",
    "HNDVN",
    "MTTQVN",
    "UBTWMTTQVN",
];

/// Whether an issuer code is national.
pub fn is_national_issuer(code: &str) -> bool {
    static LOWER: LazyLock<Vec<String>> = LazyLock::new(|| NATIONAL.iter().map(|n| n.to_lowercase()).collect());
    let low = code.to_lowercase();
    if LOWER.contains(&low) {
        return true;
    }
    let legislature = |prefix: &str| {
        low.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    };
    legislature("qh") || legislature("ubtvqh") || low == "qh"
}

/// Whether an issuer code is the legislature's (`QH15`, `UBTVQH14`), whose
/// symbols carry no type code.
pub fn is_legislature(code: &str) -> bool {
    let up = code.to_uppercase();
    let rest = up.strip_prefix("UBTVQH").or_else(|| up.strip_prefix("QH"));
    rest.is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a Party issuer (after the `/`) is national: the Central Committee
/// and its organs end in `TW`.
pub fn is_national_party_issuer(code: &str) -> bool {
    let up = code.to_uppercase();
    // The Central Committee's organs end in `TW`; the central bodies of the
    // mass organisations begin with it (`TWĐTN`, Trung ương Đoàn).
    up.ends_with("TW") || up.ends_with("TƯ") || (up.len() > 2 && up.starts_with("TW"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_space_and_d_variants() {
        assert_eq!(key("1373/QĐ - TTg"), key("1373/qđ-ttg"));
        assert_eq!(key("49 - KL/TW"), key("49-KL/TW"));
        assert_eq!(key("1748/CTrPH-SGDÐT-HKH"), key("1748/CTrPH-SGDĐT-HKH"));
        assert_ne!(key("31-CT/TU"), key("31-CT/TW"));
    }

    #[test]
    fn canonical_removes_spaces_keeps_case() {
        assert_eq!(canonical("1912 /QĐ-UBND"), "1912/QĐ-UBND");
        assert_eq!(canonical("1373/QĐ – TTg"), "1373/QĐ-TTg");
        assert_eq!(canonical("49 - KL/TW"), "49-KL/TW");
    }

    #[test]
    fn codes_and_issuers() {
        assert_eq!(split_code("QĐKHVN"), Some(("QĐ", "KHVN")));
        assert_eq!(split_code("CTrPH"), Some(("CTrPH", "")));
        assert_eq!(split_code("BGDĐT"), None);
        assert_eq!(type_for_code("TT", true), Some("Thông tri"));
        assert_eq!(type_for_code("TT", false), Some("Thông tư"));
        assert!(is_national_issuer("TTg") && is_national_issuer("QH15") && is_national_issuer("BGDĐT"));
        assert!(!is_national_issuer("UBND") && !is_national_issuer("HKH"));
        assert!(is_national_party_issuer("TW") && !is_national_party_issuer("TU"));
        assert!(is_national_party_issuer("TWĐTN") && !is_national_party_issuer("TĐTN"));
        assert!(is_legislature("QH15") && is_legislature("UBTVQH14") && is_legislature("QH"));
        assert!(!is_legislature("QHX") && !is_legislature("UBND"));
    }
}
