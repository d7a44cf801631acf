//! Parties (from the title, the preamble, news sentences) and signatories
//! (from signature blocks, or from news sentences).

use std::sync::LazyLock;

use regex::Regex;

use super::facts::Layout;
use super::{Doc, Kind, Party, Signatory};
use crate::orgs::{Level, Locality, OrgMatch};
use crate::text::{find_where, is_whole_word, is_word_boundary, name_key};

/// Titles of signatories, as they are spelled in running text.
const TITLES: &[&str] = &[
    "Phó Chủ tịch thường trực",
    "Phó Bí thư thường trực",
    "Phó Chỉ huy trưởng",
    "Phó Tổng Thư ký",
    "Phó Trưởng ban",
    "Phó Trưởng phòng",
    "Phó Giám đốc",
    "Phó Chủ tịch",
    "Phó Bí thư",
    "Phó Chính ủy",
    "Phó Cục trưởng",
    "Phó Hiệu trưởng",
    "Phó Chủ nhiệm",
    "Quyền Giám đốc",
    "Quyền Chủ tịch",
    "Chỉ huy trưởng",
    "Tổng Thư ký",
    "Tổng Biên tập",
    "Trưởng ban",
    "Trưởng phòng",
    "Giám đốc",
    "Chủ tịch",
    "Bí thư",
    "Chính ủy",
    "Cục trưởng",
    "Vụ trưởng",
    "Bộ trưởng",
    "Thứ trưởng",
    "Hiệu trưởng",
    "Chủ nhiệm",
];

/// Common family names; a two-word name must start with one.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Lâm", "Đinh", "Trương", "Đoàn", "Mai", "Trịnh", "Lương", "Hà", "Tạ", "Cao", "Châu", "Quách", "Tô", "Thái",
    "Chu", "Văn", "Đào", "Kiều", "Lưu", "Lò", "Quàng", "Hầu", "Vi", "Triệu", "Lục", "Nông", "Hứa", "Từ", "Mạc", "Tăng",
    "Thân", "Giang", "Phùng", "Khổng", "La", "Tôn", "Lã", "Âu", "Đàm", "Ông", "Kim", "Bạch", "Doãn", "Khúc", "Nghiêm",
    "Thạch", "Danh", "Sơn", "Tống", "Ninh", "Quan", "Diệp", "Chế", "Phí", "Lại", "Lạc", "Viên", "Phương", "Tiêu",
    "Hoa", "Vương", "Y", "H'", "Ksor", "Rơ", "Siu", "Nay", "Rcom", "Mlô", "Niê", "Byă", "Êban", "Đàng", "Kpă",
];

static PERSON_LINE: LazyLock<Regex> = static_regex!(
    r"^(?:(?P<rank>(?i:đại|thượng|trung|thiếu)\s+(?i:tướng|tá|úy|uý))\s+)?(?:(?:GS|PGS|TS|ThS|BS|KS|CN|NGND|NGƯT)\.\s*)*(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5})$"
);
static PERSON_AFTER: LazyLock<Regex> = static_regex!(r"^[ \t]+(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4})");
static BLOCK_PREFIX: LazyLock<Regex> = static_regex!(
    r"^(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*|QUYỀN\s+)?(?:BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|BAN\s+THƯỜNG\s+TRỰC|THƯỜNG\s+TRỰC|LÃNH\s+ĐẠO)?\s*"
);
/// `giữa` as a whole word (`\bgiữa\b`, the boundaries checked by [`between`]).
static BETWEEN: LazyLock<Regex> = static_regex!(r"(?i)giữa");
/// Where the list of parties in a title ends: `(?i)\s(?:…)\b`, the final
/// boundary checked by [`segment_end`].
static SEGMENT_END: LazyLock<Regex> = static_regex!(r"(?i)\s(?:về|giai\s+đoạn|nhiệm\s+kỳ|trong|nhằm|năm\s+\d)");
/// `(?i)\b(?:triển\s+khai|thực\s+hiện)\b`, the boundaries checked by hand.
static CARRIES_OUT: LazyLock<Regex> = static_regex!(r"(?i)(?:triển\s+khai|thực\s+hiện)");
static AGREED: LazyLock<Regex> = static_regex!(r"(?i)thống\s+nhất");
static SIGNED: LazyLock<Regex> = static_regex!(r"(?i)ký");
/// `(?i)\b(?:phối\s+hợp|kết\s+nghĩa)\b`, the boundaries checked by hand.
static COOPERATE: LazyLock<Regex> = static_regex!(r"(?i)(?:phối\s+hợp|kết\s+nghĩa)");
/// What a cooperation agreed on, named in a sentence (`Quy chế phối hợp`,
/// `kết nghĩa`, `xây dựng Kế hoạch`).
static AGREEMENT: LazyLock<Regex> = static_regex!(
    r"(?i)(?:(?:quy\s+chế|chương\s+trình|kế\s+hoạch)\s+phối\s+hợp|\(QCPH\)|kết\s+nghĩa|ký\s+kết|thỏa\s+thuận|thoả\s+thuận|xây\s+dựng\s+kế\s+hoạch)"
);
static SENTENCE_END: LazyLock<Regex> = static_regex!(r"[.!?](?:\s+|$)");
static CAPTION: LazyLock<Regex> = static_regex!(r"(?i)[-–]\s*ảnh\s*\d+\s*\.?\s*$");

/// The first `giữa` standing as a word in `s`.
fn between(s: &str) -> Option<regex::Match<'_>> {
    find_where(&BETWEEN, s, |m| {
        is_word_boundary(s, m.start()) && is_word_boundary(s, m.end())
    })
}

/// Where the parties listed in `s` end (`về …`, `giai đoạn …`).
fn segment_end(s: &str) -> Option<regex::Match<'_>> {
    find_where(&SEGMENT_END, s, |m| is_word_boundary(s, m.end()))
}

fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && !s.chars().any(char::is_lowercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// The titles with their name keys, in [`TITLES`] order (longest first).
static TITLE_KEYS: LazyLock<Vec<(String, &'static str)>> =
    LazyLock::new(|| TITLES.iter().map(|t| (name_key(t), *t)).collect());

fn title_of(key: &str) -> Option<&'static str> {
    TITLE_KEYS.iter().find(|(k, _)| k == key).map(|&(_, t)| t)
}

fn person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 3 || (words.len() == 2 && words.first().is_some_and(|w| SURNAMES.contains(w)))
}

fn unit_word(doc: &Doc, province: &str) -> &'static str {
    match doc.k.places.province(province) {
        Some(p) if p.kind == "thành phố" => "thành phố",
        _ => "tỉnh",
    }
}

/// Usual abbreviations of organisations' names and their full names (the
/// names of data/organisations.toml they stand for).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("HKH", "Hội Khuyến học"),
    ("Hội KH", "Hội Khuyến học"),
    ("Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Ủy ban MTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("Hội LHPN", "Hội Liên hiệp Phụ nữ"),
    ("Hội CCB", "Hội Cựu chiến binh"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở GDĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở GD-ĐT", "Sở Giáo dục và Đào tạo"),
    ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
    ("Phòng GDĐT", "Phòng Giáo dục và Đào tạo"),
    ("Phòng GD-ĐT", "Phòng Giáo dục và Đào tạo"),
    ("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"),
    ("Bộ GDĐT", "Bộ Giáo dục và Đào tạo"),
    ("Bộ CHQS", "Bộ Chỉ huy Quân sự"),
    ("Ban CHQS", "Ban Chỉ huy Quân sự"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Phòng LĐTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Liên minh HTX", "Liên minh Hợp tác xã"),
    ("Hội NCT", "Hội Người cao tuổi"),
    ("Bộ Chỉ huy BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng"),
    ("BĐBP", "Bộ đội Biên phòng"),
];

/// The abbreviations by name key.
static ABBREVIATION_KEYS: LazyLock<Vec<(String, &'static str)>> =
    LazyLock::new(|| ABBREVIATIONS.iter().map(|(a, f)| (name_key(a), *f)).collect());

/// An organisation's name in full: an abbreviation expanded.
fn full_name(name: &str) -> String {
    let key = name_key(name);
    ABBREVIATION_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| name.to_string(), |(_, f)| f.to_string())
}

/// A party from an organisation found in text, completed with the
/// document's province where the text leaves it implicit, its name in full.
fn party(doc: &Doc, m: &OrgMatch, province: Option<&str>) -> Party {
    let kind = &doc.k.orgs.kind(m.kind).id;
    // Schools and communes are read with their whole name.
    if kind == "school" || kind == "locality" {
        return Party {
            name: m.name.clone(),
            province: province.map(str::to_string),
            kind: kind.clone(),
            level: m.level,
            span: doc.span(m.start, m.end),
        };
    }
    let full = full_name(&m.name);
    let m = &OrgMatch {
        name: full,
        ..m.clone()
    };
    // A province named bare after a name that does not carry its unit
    // (`Hội Khuyến học Kon Tum`) takes its unit word.
    let carries_unit = {
        let k = name_key(&m.name);
        k.starts_with("tinh") || k.starts_with("thanh doan") || k.starts_with("huyen doan") || k.ends_with(" tinh")
    };
    let locality = match &m.locality {
        Locality::Place {
            written,
            province: Some(p),
            level: Level::Provincial,
        } if !carries_unit && doc.k.places.at_start(written).is_some_and(|(_, n)| n == written.len()) => {
            Locality::Place {
                written: format!("{} {written}", unit_word(doc, p)),
                province: Some(p.clone()),
                level: Level::Provincial,
            }
        }
        other => other.clone(),
    };
    let m = &OrgMatch { locality, ..m.clone() };
    let kind = doc.k.orgs.kind(m.kind).id.clone();
    let (name, prov, level) = match &m.locality {
        Locality::Nation => (format!("{} Việt Nam", m.name), None, Some(Level::National)),
        Locality::Place {
            written,
            province: p,
            level,
        } => (
            format!("{} {}", m.name, written),
            p.clone().or(province.map(str::to_string)),
            Some(m.level.unwrap_or(*level)),
        ),
        Locality::Bare(unit) => {
            let unit = unit.to_lowercase();
            let level = match name_key(&unit).as_str() {
                "huyen" | "quan" | "thi xa" => Level::District,
                "xa" | "phuong" | "thi tran" => Level::Commune,
                _ => Level::Provincial,
            };
            let name = match province {
                Some(p) if level == Level::Provincial => format!("{} {} {}", m.name, unit, p),
                _ => format!("{} {}", m.name, unit),
            };
            (name, province.map(str::to_string), Some(m.level.unwrap_or(level)))
        }
        Locality::None => match (m.level, province) {
            (Some(Level::National), _) => (m.name.clone(), None, Some(Level::National)),
            (Some(l @ (Level::District | Level::Commune)), p) => (m.name.clone(), p.map(str::to_string), Some(l)),
            // `Tỉnh đoàn` carries its unit: `Tỉnh đoàn Hưng Yên`.
            (l, Some(p)) if carries_unit => (
                format!("{} {p}", m.name),
                Some(p.to_string()),
                Some(l.unwrap_or(Level::Provincial)),
            ),
            (l, Some(p)) => (
                format!("{} {} {}", m.name, unit_word(doc, p), p),
                Some(p.to_string()),
                Some(l.unwrap_or(Level::Provincial)),
            ),
            (l, None) => (m.name.clone(), None, l),
        },
    };
    Party {
        name,
        province: prov,
        kind,
        level,
        span: doc.span(m.start, m.end),
    }
}

fn push_unique(out: &mut Vec<Party>, p: Party) {
    // Schools and communes are told apart by name; a name with neither
    // level nor province (`Hội Khuyến học`) is the party of its kind
    // already found.
    let by_name = matches!(p.kind.as_str(), "school" | "locality");
    let same = |q: &Party| {
        q.kind == p.kind
            && ((!by_name && p.level.is_none() && p.province.is_none())
                || (q.level == p.level
                    && q.province == p.province
                    && (!(by_name || q.level == Some(Level::District)) || name_key(&q.name) == name_key(&p.name))))
    };
    if !out.iter().any(same) {
        out.push(p);
    }
}

/// The parties to the document; `blocks` are its signature blocks.
pub(crate) fn parties(doc: &Doc, l: &Layout, blocks: &[Block], province: Option<&str>) -> Vec<Party> {
    let text = doc.text;
    let k = doc.k;
    let mut out = Vec::new();
    if l.kind == Kind::News {
        let sentences = news_sentences(text, l);
        let named: Vec<NewsOrg> = sentences
            .iter()
            .filter(|&&(a, b)| signs(&text[a..b]))
            .flat_map(|&(a, b)| news_orgs(doc, a, b))
            .collect();
        // The bodies of the instrument a signing carries out are left out
        // when the signing names two parties of its own.
        let own = named.iter().filter(|n| !n.of_parent).count();
        for n in named.iter().filter(|n| own < 2 || !n.of_parent) {
            push_unique(&mut out, party(doc, &n.m, province));
        }
        // Without a signing sentence that names them, the first sentence
        // where two bodies or more cooperate (`A và B phối hợp …`, `A phối
        // hợp với B`, `lễ kết nghĩa giữa A và B`) names the parties, when
        // the page speaks of signing or the sentence of what they agreed
        // (not two bodies holding an event together).
        if out.len() < 2 {
            let signed = sentences.iter().any(|&(a, b)| signs(&text[a..b]));
            let cooperating = sentences.iter().find_map(|&(a, b)| {
                let s = &text[a..b];
                let says = COOPERATE.find_iter(s).any(|m| is_whole_word(s, m.start(), m.end()))
                    && (signed || AGREEMENT.is_match(s));
                let found = if says { news_orgs(doc, a, b) } else { Vec::new() };
                (found.len() >= 2).then_some(found)
            });
            for n in cooperating.into_iter().flatten() {
                push_unique(&mut out, party(doc, &n.m, province));
            }
        }
        return out;
    }
    // "giữa A và B" in the title.
    if let Some((ta, tb)) = l.title_span {
        let title = &text[ta..tb];
        // A plan is one body's: a `giữa` after what it carries out ("Kế
        // hoạch triển khai Chương trình phối hợp … giữa A và B") names the
        // parties of that programme, not the plan's.
        let carried_out = find_where(&CARRIES_OUT, title, |m| {
            is_word_boundary(title, m.start()) && is_word_boundary(title, m.end())
        })
        .map(|m| m.start());
        let own = |g: &regex::Match| l.kind != Kind::Plan || carried_out.is_none_or(|c| g.start() < c);
        if let Some(g) = between(title).filter(own) {
            let end = segment_end(&title[g.end()..]).map_or(title.len(), |e| g.end() + e.start());
            let mut found = k.orgs.find(&title[g.end()..end], &k.places);
            // "giữa A và B huyện X": the last party's locality is everyone's.
            if let Some(last) = found.last().map(|m| m.locality.clone()) {
                if matches!(last, Locality::Place { .. } | Locality::Bare(_)) {
                    for m in found
                        .iter_mut()
                        .filter(|m| m.locality == Locality::None && m.level != Some(Level::National))
                    {
                        m.locality = last.clone();
                    }
                }
            }
            for m in found {
                push_unique(&mut out, party(doc, &shift(m, ta + g.end()), province));
            }
        }
    }
    // "A và B thống nhất …" in the preamble or just after it.
    if out.len() < 2 {
        let from = l.title_span.map_or(0, |t| t.1);
        let rest = &text[from..];
        if let Some(m) = AGREED.find_iter(rest).find(|m| is_whole_word(rest, m.start(), m.end())) {
            let at = from + m.start();
            let (ls, _) = l.line_of(at);
            let found = k.orgs.find(&text[ls..at], &k.places);
            if found.len() >= 2 {
                out.clear();
                for m in found {
                    push_unique(&mut out, party(doc, &shift(m, ls), province));
                }
            }
        }
    }
    // The signature blocks.
    if out.len() < 2 {
        for b in blocks {
            if let Some(m) = &b.org {
                push_unique(&mut out, party(doc, m, province));
            }
        }
    }
    out
}

fn shift(mut m: OrgMatch, by: usize) -> OrgMatch {
    m.start += by;
    m.name_end += by;
    m.end += by;
    m
}

/// Sentences of a news text, captions left out. A sentence runs across the
/// line breaks of its paragraph (a blank line, a caption or a photo credit
/// ends a paragraph).
fn news_sentences(text: &str, l: &Layout) -> Vec<(usize, usize)> {
    fn split(text: &str, (a, end): (usize, usize), out: &mut Vec<(usize, usize)>) {
        let mut s = a;
        for m in SENTENCE_END.find_iter(&text[a..end]) {
            out.push((s, a + m.end()));
            s = a + m.end();
        }
        if s < end {
            out.push((s, end));
        }
    }
    let mut out = Vec::new();
    let mut para: Option<(usize, usize)> = None;
    for &(a, b) in &l.lines {
        let line = &text[a..b];
        if line.trim().is_empty() || CAPTION.is_match(line) {
            if let Some(p) = para.take() {
                split(text, p, &mut out);
            }
            continue;
        }
        // "… Ảnh: <credit>" ends a caption; the credit names no party.
        let cut = line.find("Ảnh:").or_else(|| line.find("ẢNH:"));
        let end = cut.map_or(b, |i| a + i);
        para = Some(para.map_or((a, end), |(pa, _)| (pa, end)));
        if cut.is_some() {
            if let Some(p) = para.take() {
                split(text, p, &mut out);
            }
        }
    }
    if let Some(p) = para.take() {
        split(text, p, &mut out);
    }
    out
}

/// `s[..i]`'s end moved back to a character boundary.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a sentence speaks of signing: `ký` as a word, not in `đăng ký`.
fn signs(s: &str) -> bool {
    SIGNED.find_iter(s).any(|m| {
        is_whole_word(s, m.start(), m.end())
            && !name_key(&s[floor(s, m.start().saturating_sub(6))..m.start()]).ends_with("dang")
    })
}

/// Whether what stands before an organisation's name makes it a person's
/// office (`Phó Chủ tịch UBND thành phố Lê Khắc Nam`) or a venue (`tại Hội
/// trường Ủy ban MTTQ`), not a party.
fn affiliation_or_venue(before: &str) -> bool {
    static TITLE_ENDS: LazyLock<Vec<String>> = LazyLock::new(|| TITLES.iter().map(|t| name_key(t)).collect());
    let tail = name_key(&before[floor(before, before.len().saturating_sub(40))..]);
    let ends = |w: &str| tail == w || tail.ends_with(&format!(" {w}"));
    TITLE_ENDS.iter().any(|t| ends(t)) || ["tai", "hoi truong", "tru so"].iter().any(|w| ends(w))
}

/// A school: `trường THCS Nguyễn Du`, and, listed after one, a school
/// without the word (`, THCS Nguyễn Trãi và THCS Gò Vấp`).
static SCHOOL: LazyLock<Regex> = static_regex!(
    r"(?:(?P<word>[Tt]rường|TRƯỜNG)\s+)?(?P<type>THCS\s+và\s+THPT|TH\s+và\s+THCS|THCS|THPT|TH|MN|PTDTBT\s*-?\s*(?:THCS|TH)|PTDTNT(?:\s+THCS|\s+THPT)?|(?i:tiểu\s+học|mầm\s+non|trung\s+học\s+cơ\s+sở|trung\s+học\s+phổ\s+thông|đại\s+học|cao\s+đẳng))\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,4}(?:\s+\d{1,2}\b)?)"
);
/// A commune, ward or district named in running text (`xã Phước Đức`).
static UNIT: LazyLock<Regex> = static_regex!(
    r"(?P<unit>xã|phường|thị\s+trấn|huyện|quận|thị\s+xã)\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})"
);
/// `(?i)\bkết\s+nghĩa\b`, the boundaries checked by hand.
static TWINNING: LazyLock<Regex> = static_regex!(r"(?i)kết\s+nghĩa");
/// What comes between the parent instrument a signing carries out and the
/// bodies it names (`nằm trong kế hoạch phối hợp giữa …`), as a name key.
static PARENT_GAP: LazyLock<Regex> = static_regex!(
    r"\b(?:nam trong|thuc hien|trien khai|theo|can cu)\b.*\b(?:ke hoach|chuong trinh|quy che|nghi quyet|chi thi|de an|quyet dinh|ket luan)\b.*\b(?:giua|cua)$"
);

/// What stands before a school's name when it is not a party (`học sinh
/// trường …`), as the end of a name key.
const NOT_A_SCHOOL_PARTY: &[&str] = &["hoc sinh", "giao vien", "sinh vien", "em", "tai", "hoi truong"];

/// Schools named in `s` (kind `school`, when the table has it).
fn schools(doc: &Doc, s: &str) -> Vec<OrgMatch> {
    let Some(kind) = doc.k.orgs.kind_by_id("school") else {
        return Vec::new();
    };
    let mut out: Vec<OrgMatch> = Vec::new();
    for c in SCHOOL.captures_iter(s) {
        let (Some(all), Some(ty), Some(name)) = (c.get(0), c.name("type"), c.name("name")) else {
            continue;
        };
        if !is_word_boundary(s, all.start()) || !is_word_boundary(s, all.end()) {
            continue;
        }
        let listed = out
            .last()
            .and_then(|prev| s.get(prev.end..all.start()))
            .is_some_and(|gap| matches!(name_key(gap).as_str(), "" | "va"));
        if c.name("word").is_none() && !listed {
            continue;
        }
        let before = name_key(&s[floor(s, all.start().saturating_sub(24))..all.start()]);
        if NOT_A_SCHOOL_PARTY
            .iter()
            .any(|w| before == *w || before.ends_with(&format!(" {w}")))
        {
            continue;
        }
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(OrgMatch {
            kind,
            level: None,
            start: all.start(),
            name_end: all.end(),
            end: all.end(),
            name: format!("Trường {} {}", words(ty.as_str()), words(name.as_str())),
            locality: Locality::None,
        });
    }
    out
}

/// Communes, wards and districts that twin with a body (`kết nghĩa giữa
/// Công an tỉnh và xã Phước Đức`): a unit listed after `giữa`, `với`, `và`
/// or a comma, not the locality of an organisation's name (kind
/// `locality`, when the table has it).
fn twinned_units(doc: &Doc, s: &str, orgs: &[OrgMatch]) -> Vec<OrgMatch> {
    let Some(kind) = doc.k.orgs.kind_by_id("locality") else {
        return Vec::new();
    };
    if !TWINNING.find_iter(s).any(|m| is_whole_word(s, m.start(), m.end())) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in UNIT.captures_iter(s) {
        let (Some(all), Some(unit), Some(name)) = (c.get(0), c.name("unit"), c.name("name")) else {
            continue;
        };
        if !is_word_boundary(s, all.start())
            || !is_word_boundary(s, all.end())
            || orgs
                .iter()
                .any(|o| o.start <= all.start() && all.start() < o.end.max(o.name_end + 1))
        {
            continue;
        }
        let before = s[..all.start()].trim_end();
        let key = name_key(&before[floor(before, before.len().saturating_sub(8))..]);
        let listed = before.ends_with(',')
            || ["giua", "voi", "va"]
                .iter()
                .any(|w| key == *w || key.ends_with(&format!(" {w}")));
        if !listed {
            continue;
        }
        let unit = unit.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        let level = match name_key(&unit).as_str() {
            "xa" | "phuong" | "thi tran" => Level::Commune,
            _ => Level::District,
        };
        out.push(OrgMatch {
            kind,
            level: Some(level),
            start: all.start(),
            name_end: all.end(),
            end: all.end(),
            name: format!(
                "{unit} {}",
                name.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            locality: Locality::None,
        });
    }
    out
}

/// An organisation a news sentence names with the parent instrument a
/// signing carries out (`nằm trong kế hoạch phối hợp giữa Bộ Công an, Bộ
/// Giáo dục và Đào tạo`), not as a party to it.
struct NewsOrg {
    m: OrgMatch,
    of_parent: bool,
}

/// The organisations a sentence of a news text names as parties: proper
/// names (not `chi hội khuyến học`, not in lower case, not inside a
/// symbol), an unplaced name taking the place of the one it is listed with
/// (`Hội Khuyến học và Tỉnh đoàn Kon Tum`), schools and twinned communes;
/// each marked when it belongs to the parent instrument the sentence names.
/// Line breaks read as spaces.
fn news_orgs(doc: &Doc, a: usize, b: usize) -> Vec<NewsOrg> {
    let k = doc.k;
    let s = doc.text[a..b].replace('\n', " ");
    let mut found: Vec<OrgMatch> = k
        .orgs
        .find(&s, &k.places)
        .into_iter()
        .filter(|m| {
            let before = s[..m.start].trim_end();
            let last = &before[floor(before, before.len().saturating_sub(8))..];
            s[m.start..].starts_with(char::is_uppercase)
                && !before.ends_with(['-', '/', '&'])
                && !affiliation_or_venue(before)
                && !name_key(last).ends_with("chi")
                && !name_key(&s[m.end..floor(&s, m.end + 6)]).starts_with("cac")
        })
        .collect();
    let extra: Vec<OrgMatch> = schools(doc, &s)
        .into_iter()
        .chain(twinned_units(doc, &s, &found))
        .filter(|x| !found.iter().any(|m| m.start < x.end && x.start < m.end.max(m.name_end)))
        .collect();
    found.extend(extra);
    found.sort_by_key(|m| m.start);
    for i in (0..found.len().saturating_sub(1)).rev() {
        let Some(gap) = s.get(found[i].end..found[i + 1].start).map(name_key) else {
            continue;
        };
        if found[i].locality == Locality::None
            && found[i].level != Some(Level::National)
            && (gap.is_empty() || gap == "va" || gap == "voi")
            && match found[i + 1].locality {
                Locality::Place { .. } => true,
                // `Hội Người cao tuổi, Hội Liên hiệp Phụ nữ thành phố`: a bare
                // unit completes only a name that says no level itself.
                Locality::Bare(_) => found[i].level.is_none(),
                _ => false,
            }
            && k.orgs.kind(found[i].kind).id != "school"
            && k.orgs.kind(found[i].kind).id != "locality"
        {
            found[i].locality = found[i + 1].locality.clone();
        }
    }
    let mut out: Vec<NewsOrg> = Vec::with_capacity(found.len());
    let mut prev_end = 0;
    for m in found {
        let gap = s.get(prev_end..m.start).map(name_key).unwrap_or_default();
        let listed_with_parent = out.last().is_some_and(|p| p.of_parent) && (gap.is_empty() || gap == "va");
        let of_parent = listed_with_parent || PARENT_GAP.is_match(&gap);
        prev_end = m.end.max(m.name_end);
        out.push(NewsOrg {
            m: shift(m, a),
            of_parent,
        });
    }
    out
}

/// A signature block: the lines in capitals above a name.
pub(crate) struct Block {
    org: Option<OrgMatch>,
    title: Option<&'static str>,
    rank: Option<String>,
    name: String,
    span: (usize, usize),
}

/// `Người ký: …` / `Ký bởi: …`: the signer's name, after a title and a dash.
static SIGNER_LABEL: LazyLock<Regex> = static_regex!(
    r"(?i:người\s+ký|ký\s+bởi)\s*[:|]\s*(?:(?P<title>[^:|\-–\n]{2,40}?)\s*[-–]\s*)?(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4})"
);
/// A database page's row `Người ký Trần Hoàng Tuấn` (label and value
/// joined by a space when the table is copied as text).
static SIGNER_ROW: LazyLock<Regex> =
    static_regex!(r"^[ \t]*(?:Người\s+ký|NGƯỜI\s+KÝ)[ \t]+(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4})[ \t]*$");
/// Lines a signature block may hold between its capitals and the name, or
/// that a page break puts there: `(Đã ký)`, stamps, page numbers and
/// headers, the lines a digital signature adds.
static SIGNATURE_NOISE: LazyLock<Regex> = static_regex!(
    r"(?i)^(?:[(\[]?\s*(?:đã\s+ký|ký,|ký\s+tên|ký\s+và|daky|chữ\s+ký|đóng\s+dấu|dấu)[^)\]]*[)\]]?|[-–\s]*\d{1,3}[-–\s]*|trang\s+\d+(?:\s*/\s*\d+)?|(?:người\s+ký|ký\s+bởi|thời\s+gian\s+ký|ngày\s+ký|cơ\s+quan|email|tổ\s+chức)\s*:.*)$"
);
/// A rank on a line of its own above the name (`Đại tá`).
static RANK_LINE: LazyLock<Regex> = static_regex!(r"^(?i:đại|thượng|trung|thiếu)\s+(?i:tướng|tá|úy|uý)$");

/// A name in a column: the segment, its captures' name and rank, and its
/// display columns.
struct NameCol {
    name: (usize, usize),
    rank: Option<String>,
    cols: (usize, usize),
}

fn name_in(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize, Option<String>)> {
    let seg = &text[a..b];
    let letter = |c: char| c.is_uppercase() || c.is_lowercase();
    if !seg.starts_with(char::is_alphabetic) || !seg.chars().next_back().is_some_and(letter) {
        return None;
    }
    let c = PERSON_LINE.captures(seg)?;
    let name = c.name("name")?;
    if !person(name.as_str()) {
        return None;
    }
    Some((
        a + name.start(),
        a + name.end(),
        c.name("rank").map(|r| capitalise(r.as_str())),
    ))
}

/// The segment of a line above that stands in the column of `n` (the
/// `nth` of `count` names on its line): the same place in a line of as
/// many columns, else the segment under which the name stands.
fn column_above(doc: &Doc, segs: &[(usize, usize)], n: &NameCol, nth: usize, count: usize) -> Option<(usize, usize)> {
    let overlap = |&(a, b): &(usize, usize)| {
        let from = doc.display_column(a);
        let to = from + doc.text[a..b].chars().count();
        to.min(n.cols.1 + 8) as isize - from.max(n.cols.0.saturating_sub(8)) as isize
    };
    match segs {
        [] => None,
        // One column: the line above, unless the name stands far to the
        // right of it (`- Lưu: VT.` under `Nơi nhận:`).
        [one] if count == 1 => (n.cols.0 < 8 || overlap(one) > 0).then_some(*one),
        _ if segs.len() == count => Some(segs[nth]),
        _ => segs
            .iter()
            .map(|seg| (overlap(seg), *seg))
            .filter(|&(o, _)| o > 0)
            .max_by_key(|&(o, _)| o)
            .map(|(_, s)| s),
    }
}

/// The signature blocks of a document (none in news).
pub(crate) fn blocks(doc: &Doc, l: &Layout) -> Vec<Block> {
    if l.kind == Kind::News {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, &(a, b)) in l.lines.iter().enumerate() {
        let Some(names) = name_line(doc, a, b) else {
            continue;
        };
        for (nth, n) in names.iter().enumerate() {
            let (above, rank) = lines_above(doc, l, i, n, nth, names.len());
            if above.is_empty() {
                continue;
            }
            let (org, title) = org_and_title(doc, &above);
            out.push(Block {
                org,
                title,
                rank,
                name: doc.text[n.name.0..n.name.1].to_string(),
                span: n.name,
            });
        }
    }
    out
}

/// The segment of `text[a..b]` without the spaces around it.
fn trimmed(text: &str, a: usize, b: usize) -> (usize, usize) {
    (
        a + (text[a..b].len() - text[a..b].trim_start().len()),
        a + text[a..b].trim_end().len(),
    )
}

/// The names on a line of names (side by side in columns), or None when
/// the line holds anything else.
fn name_line(doc: &Doc, a: usize, b: usize) -> Option<Vec<NameCol>> {
    let text = doc.text;
    let line = text[a..b].trim();
    // A name line opens with a letter and ends with one.
    let letter = |c: char| c.is_uppercase() || c.is_lowercase();
    if !line.starts_with(char::is_alphabetic) || !line.chars().next_back().is_some_and(letter) {
        return None;
    }
    let segs = if line.contains(' ') {
        super::facts::segments(doc, a, b)
    } else {
        vec![trimmed(text, a, b)]
    };
    let names: Vec<NameCol> = segs
        .iter()
        .filter_map(|&seg| {
            let (s, e, rank) = name_in(text, seg)?;
            let from = doc.display_column(seg.0);
            Some(NameCol {
                name: (s, e),
                rank,
                cols: (from, from + text[seg.0..seg.1].chars().count()),
            })
        })
        .collect();
    (!names.is_empty() && names.len() == segs.len()).then_some(names)
}

/// The capitals lines above the name `n` (the `nth` of `count` on line
/// `i`), across blank lines, stamps and the other columns' lines, in text
/// order; and the rank line just above the name, if any.
fn lines_above(
    doc: &Doc,
    l: &Layout,
    i: usize,
    n: &NameCol,
    nth: usize,
    count: usize,
) -> (Vec<(usize, usize)>, Option<String>) {
    let text = doc.text;
    let mut j = i;
    let mut above: Vec<(usize, usize)> = Vec::new();
    let mut rank = n.rank.clone();
    let mut blanks = 0;
    let mut skipped = 0;
    while j > 0 && above.len() < 5 {
        j -= 1;
        let (la, lb) = l.lines[j];
        let t = text[la..lb].trim();
        if t.is_empty() {
            if !above.is_empty() {
                break;
            }
            blanks += 1;
            if blanks > 3 {
                break;
            }
            continue;
        }
        let segs = if t.contains(' ') || count > 1 {
            super::facts::segments(doc, la, lb)
        } else {
            vec![trimmed(text, la, lb)]
        };
        let seg = column_above(doc, &segs, n, nth, count);
        let Some((sa, sb)) = seg.filter(|&(sa, sb)| !SIGNATURE_NOISE.is_match(&text[sa..sb])) else {
            skipped += 1;
            if skipped > 6 {
                break;
            }
            continue;
        };
        let st = &text[sa..sb];
        if above.is_empty() && rank.is_none() && RANK_LINE.is_match(st) {
            rank = Some(capitalise(st));
            continue;
        }
        if !is_capitals(st) {
            break;
        }
        above.push((sa, sb));
    }
    above.reverse();
    (above, rank)
}

/// The organisation (the first the lines name) and the title (the last a
/// line names) of a signature block.
fn org_and_title(doc: &Doc, above: &[(usize, usize)]) -> (Option<OrgMatch>, Option<&'static str>) {
    let k = doc.k;
    let mut title = None;
    let mut org = None;
    for &(la, lb) in above {
        let raw = &doc.text[la..lb];
        let lead = BLOCK_PREFIX.find(raw).map_or(0, |m| m.end());
        let body = &raw[lead..];
        let key = name_key(body);
        if let Some(t) = title_of(&key) {
            title = Some(t);
            continue;
        }
        if let Some(&(_, t)) = TITLE_KEYS
            .iter()
            .find(|(k, _)| key.strip_prefix(k.as_str()).is_some_and(|r| r.starts_with(' ')))
        {
            title = Some(t);
        }
        if org.is_none() {
            if let Some(m) = k.orgs.iter(body, &k.places).next() {
                org = Some(shift(m, la + lead));
            }
        }
    }
    (org, title)
}

fn capitalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => lower,
    }
}

fn party_for(parties: &[Party], doc: &Doc, m: &OrgMatch) -> Option<String> {
    let kind = &doc.k.orgs.kind(m.kind).id;
    let same: Vec<&Party> = parties.iter().filter(|p| &p.kind == kind).collect();
    match same.as_slice() {
        [one] => Some(one.name.clone()),
        [] => None,
        many => many
            .iter()
            .find(|p| m.level.is_some() && p.level == m.level)
            .or(many.first())
            .map(|p| p.name.clone()),
    }
}

/// The people who signed; `blocks` are the signature blocks.
pub(crate) fn signatories(doc: &Doc, l: &Layout, blocks: Vec<Block>, parties: &[Party]) -> Vec<Signatory> {
    let text = doc.text;
    let k = doc.k;
    let mut out: Vec<Signatory> = Vec::new();
    if l.kind == Kind::News {
        for (a, b) in news_sentences(text, l) {
            let s = &text[a..b];
            if !signs(s) {
                continue;
            }
            for m in k.orgs.find(s, &k.places) {
                let Some(c) = PERSON_AFTER.captures(&s[m.end..]) else {
                    continue;
                };
                let Some(n) = c.name("name") else { continue };
                let first = n.as_str().split_whitespace().next().unwrap_or("");
                if !SURNAMES.contains(&first) {
                    continue;
                }
                let before = name_key(&s[..m.start]);
                let title = TITLE_KEYS
                    .iter()
                    .find(|(k, _)| before.ends_with(k.as_str()))
                    .map(|&(_, t)| t);
                let start = a + m.end + n.start();
                let m = shift(m, a);
                if out.iter().all(|x| x.name != n.as_str()) {
                    out.push(Signatory {
                        name: n.as_str().to_string(),
                        title: title.map(str::to_string),
                        rank: None,
                        party: party_for(parties, doc, &m),
                        span: doc.span(start, start + n.len()),
                    });
                }
            }
        }
        return out;
    }
    for b in blocks {
        if out.iter().any(|x| x.name == b.name) {
            continue;
        }
        out.push(Signatory {
            name: b.name,
            title: b.title.map(str::to_string),
            rank: b.rank,
            party: b.org.as_ref().and_then(|m| party_for(parties, doc, m)),
            span: doc.span(b.span.0, b.span.1),
        });
    }
    // The signer a database page or a digital signature names
    // (`Người ký: Đinh Văn Thiệu`, `Người ký | Trưởng phòng - Phạm Văn Hà`).
    for &(a, b) in &l.lines {
        let line = &text[a..b];
        if !(line.contains("ký") || line.contains("KÝ")) {
            continue;
        }
        for c in SIGNER_LABEL.captures_iter(line).chain(SIGNER_ROW.captures(line)) {
            let Some(n) = c.name("name") else { continue };
            if !person(n.as_str()) || out.iter().any(|x| x.name == n.as_str()) {
                continue;
            }
            let title = c.name("title").and_then(|t| title_of(&name_key(t.as_str())));
            let start = a + n.start();
            out.push(Signatory {
                name: n.as_str().to_string(),
                title: title.map(str::to_string),
                rank: None,
                party: None,
                span: doc.span(start, start + n.len()),
            });
        }
    }
    out
}
