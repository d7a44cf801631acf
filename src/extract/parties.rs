//! Parties (from the title, the preamble, news sentences) and signatories
//! (from signature blocks, or from news sentences).

use std::sync::LazyLock;

use regex::Regex;

use super::facts::Layout;
use super::{Doc, Kind, Party, Signatory};
use crate::orgs::{Level, Locality, OrgMatch};
use crate::text::{find_where, is_whole_word, is_word_boundary, name_key};

/// Whether `s` has the word `re` matches, as a whole word.
fn has_word(re: &Regex, s: &str) -> bool {
    re.find_iter(s).any(|m| is_whole_word(s, m.start(), m.end()))
}

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

static PERSON_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<rank>(?i:đại|thượng|trung|thiếu)\s+(?i:tướng|tá|úy|uý))\s+)?(?:(?:GS|PGS|TS|ThS|BS|KS|CN|NGND|NGƯT)\.\s*)*(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5})$")
        .expect("static regex")
});
static PERSON_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]+(?P<name>\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){1,4})").expect("static regex"));
static BLOCK_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*|QUYỀN\s+)?(?:BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH|BAN\s+THƯỜNG\s+TRỰC|THƯỜNG\s+TRỰC|LÃNH\s+ĐẠO)?\s*")
        .expect("static regex")
});
/// `giữa` as a whole word (`\bgiữa\b`, the boundaries checked by [`between`]).
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)giữa").expect("static regex"));
/// Where the list of parties in a title ends: `(?i)\s(?:…)\b`, the final
/// boundary checked by [`segment_end`].
static SEGMENT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s(?:về|giai\s+đoạn|nhiệm\s+kỳ|trong|nhằm|năm\s+\d)").expect("static regex"));
/// `(?i)\b(?:triển\s+khai|thực\s+hiện)\b`, the boundaries checked by hand.
static CARRIES_OUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:triển\s+khai|thực\s+hiện)").expect("static regex"));
static AGREED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)thống\s+nhất").expect("static regex"));
static SIGNED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)ký").expect("static regex"));
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[.!?](?:\s+|$)").expect("static regex"));
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[-–]\s*ảnh\s*\d+\s*\.?\s*$").expect("static regex"));

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

/// A party from an organisation found in text, completed with the
/// document's province where the text leaves it implicit.
fn party(doc: &Doc, m: &OrgMatch, province: Option<&str>) -> Party {
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
    let same = |q: &Party| {
        q.kind == p.kind
            && q.level == p.level
            && q.province == p.province
            && (q.level != Some(Level::District) || name_key(&q.name) == name_key(&p.name))
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
        for (a, b) in news_sentences(text, l) {
            let s = &text[a..b];
            if !has_word(&SIGNED, s) {
                continue;
            }
            for m in k.orgs.find(s, &k.places) {
                push_unique(&mut out, party(doc, &shift(m, a), province));
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

/// Sentences of a news text, captions left out.
fn news_sentences(text: &str, l: &Layout) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(a, b) in &l.lines {
        let line = &text[a..b];
        if line.trim().is_empty() || CAPTION.is_match(line) {
            continue;
        }
        // "… Ảnh: <credit>" ends a caption; the credit names no party.
        let end = line.find("Ảnh:").or_else(|| line.find("ẢNH:")).map_or(b, |i| a + i);
        let mut s = a;
        for m in SENTENCE_END.find_iter(&text[a..end]) {
            out.push((s, a + m.end()));
            s = a + m.end();
        }
        if s < end {
            out.push((s, end));
        }
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

/// The signature blocks of a document (none in news).
pub(crate) fn blocks(doc: &Doc, l: &Layout) -> Vec<Block> {
    if l.kind == Kind::News {
        return Vec::new();
    }
    let text = doc.text;
    let k = doc.k;
    let mut out = Vec::new();
    for (i, &(a, b)) in l.lines.iter().enumerate() {
        let line = text[a..b].trim();
        // A name line opens with a letter and ends with one.
        let letter = |c: char| c.is_uppercase() || c.is_lowercase();
        if !line.starts_with(char::is_alphabetic)
            || !line.chars().next_back().is_some_and(letter)
            || !PERSON_LINE.is_match(line)
        {
            continue;
        }
        let Some(c) = PERSON_LINE.captures(line) else { continue };
        let Some(name) = c.name("name") else { continue };
        if !person(name.as_str()) {
            continue;
        }
        // The capitals lines above it, across at most one blank line.
        let mut j = i;
        let mut above: Vec<(usize, usize)> = Vec::new();
        let mut blanks = 0;
        while j > 0 && above.len() < 5 {
            j -= 1;
            let (la, lb) = l.lines[j];
            let t = text[la..lb].trim();
            if t.is_empty() {
                if !above.is_empty() {
                    break;
                }
                blanks += 1;
                if blanks > 2 {
                    break;
                }
                continue;
            }
            if !is_capitals(t) {
                break;
            }
            above.push((la, lb));
        }
        if above.is_empty() {
            continue;
        }
        above.reverse();
        let mut title = None;
        let mut org = None;
        for &(la, lb) in &above {
            let raw = &text[la..lb];
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
                if let Some(m) = k.orgs.find(body, &k.places).into_iter().next() {
                    org = Some(shift(m, la + lead));
                }
            }
        }
        let offset = a + text[a..b].find(name.as_str()).unwrap_or(0);
        out.push(Block {
            org,
            title,
            rank: c.name("rank").map(|r| capitalise(r.as_str())),
            name: name.as_str().to_string(),
            span: (offset, offset + name.len()),
        });
    }
    out
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
            if !has_word(&SIGNED, s) {
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
    out
}
