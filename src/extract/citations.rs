//! Citations: find every reference to an instrument (full symbol, short
//! number, title, or a programme named by its parties and period), resolve
//! it, and merge the mentions of each instrument.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{date_at_start, Date};
use super::facts::Layout;
use super::{Citation, Cue, Diagnostic, Doc, Form, Knowledge, Role, Severity};
use crate::catalog::{number_of, Entry};
use crate::ident::{self, is_national_issuer, is_national_party_issuer, split_code, type_for_code, TYPE_WORDS};
use crate::orgs::{Level, Locality};
use crate::text::{find_where, is_whole_word, is_word_boundary, name_key};

const SEG_FIRST: &str = "A-Za-zĐđƯưƠơ";
const SEG_REST: &str = "A-Za-zĐđƯưƠơÂâĂăÊêÔô&0-9";

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    let seg = format!("[{SEG_FIRST}][{SEG_REST}]{{0,14}}");
    Regex::new(&format!(
        r"(?P<pn>[0-9]{{1,5}})(?:[ \t]*[-–]\s*|[ \t]+)(?P<pt>[A-ZĐ][A-Za-zĐđ]{{0,4}})\s*/\s*(?P<pi>[A-ZĐƯ][A-ZĐƯ0-9]{{0,9}}(?:-[A-ZĐƯ][A-ZĐƯ0-9]{{0,9}}){{0,3}})|(?P<sn>[0-9]{{1,3}}\.[0-9]{{2,3}}|[0-9]{{1,6}})\s*/\s*(?:(?P<sy>(?:19|20)[0-9]{{2}})(?:\s*/\s*|[ \t]+))?(?P<ss>{seg}(?:(?:[ \t]*[-–]\s*|\.){seg}){{0,5}})"
    ))
    .expect("static regex")
});
static SEP: LazyLock<Regex> = static_regex!(r"[ \t]*[-–]\s*|\.");
static LICENCE_BEFORE: LazyLock<Regex> =
    static_regex!(r"(?i)(?:giấy\s+phép|giấy\s+chứng\s+nhận|mã\s+số|điện\s+thoại|tài\s+khoản)[^\n]{0,12}$");
/// `số` and a number: where a short reference ("Quyết định số 1373") ends.
static SO_NUMBER: LazyLock<Regex> = static_regex!(r"(?:số|Số|SỐ)\s*:?\s*([0-9]{1,5})");
/// A quoted title: where a name reference ("Đề án “…”") ends.
static QUOTED: LazyLock<Regex> = static_regex!(r#"[“"«„]\s*([^”"»“\n]{4,300}?)\s*[”"»“]"#);
/// The type words that name an instrument by its quoted title.
const NAME_TYPES: &[&str] = &[
    "Cuộc vận động",
    "Chương trình",
    "Phong trào",
    "Nghị quyết",
    "Quyết định",
    "Kế hoạch",
    "Kết luận",
    "Chỉ thị",
    "Đề án",
];
static PROGRAMME: LazyLock<Regex> = static_regex!(r"(?i)chương\s+trình\s+phối\s+hợp");
/// `giữa` as a whole word (`\bgiữa\b`, the boundaries checked by hand).
static BETWEEN: LazyLock<Regex> = static_regex!(r"(?i)giữa");
/// Where the parties of a programme end: `(?i)\s(?:…)\b|[,;:(]`, the
/// boundary after the words checked by hand.
static SEGMENT_END: LazyLock<Regex> = static_regex!(r"(?i)\s(?:về|giai\s+đoạn|nhiệm\s+kỳ|trong|nhằm)|[,;:(]");
static STAGE: LazyLock<Regex> = static_regex!(r"(?i:giai\s+đoạn)\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b");
/// Where an issuer's name ends ("… của Ủy ban nhân dân tỉnh | về việc …").
static ISSUER_END: LazyLock<Regex> = static_regex!(
    r"(?i)\s+(?:về|phê\s+duyệt|ban\s+hành|quy\s+định|hướng\s+dẫn|triển\s+khai|giữa|thực\s+hiện|ngày|tại|đã|trên|nhằm|đối\s+với)(?:\s|$)|(?-i:\s+và\s+\p{Ll})|,\s*ngày"
);
static DATE_LEAD: LazyLock<Regex> = static_regex!(r"^[\s,]*(?:(?i:ban\s+hành|ký)\s+)?");
/// The word that opens a law's name (`Luật Giáo dục`, `Bộ luật Dân sự`,
/// `Pháp lệnh …`); the boundary before it checked by hand.
static LAW_WORD: LazyLock<Regex> = static_regex!(r"(?:Bộ\s+luật|BỘ\s+LUẬT|Luật|LUẬT|Pháp\s+lệnh|PHÁP\s+LỆNH)\s+");
/// A law named with its date or year (`Luật Giáo dục ngày …`, `Bộ luật Dân sự
/// năm 2015`): where the name may start.
static LAW_NAMED: LazyLock<Regex> = static_regex!(r"(?:Bộ\s+luật|Luật)\s+");
/// A type word and a number without `số` (`Kết luận 49`, `QUYẾT ĐỊNH 281`);
/// the boundaries checked by hand (a Unicode `\b` would keep the regex off
/// its fast engine on Vietnamese text).
static SHORT_BARE: LazyLock<Regex> = static_regex!(
    r"(?i)(chỉ\s+thị|kết\s+luận|quyết\s+định|nghị\s+quyết|nghị\s+định|thông\s+tư|đề\s+án|chương\s+trình)[ \t]+([0-9]{1,5})"
);
/// Pinpoints just before an instrument: `điểm a khoản 2 Điều 15 của`,
/// `khoản 4 Điều 20`, `các khoản 1, 2 và 4 Điều 2`.
static PINPOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(?:các\s+)?(?:điểm|tiết)\s+[a-zđ0-9]{1,3}(?:\s*(?:,|và)\s*[a-zđ0-9]{1,3})*\s+)?(?i:(?:các\s+)?khoản\s+[0-9]{1,3}(?:\s*(?:,|và)\s*[0-9]{1,3})*\s+)?(?i:(?:các\s+)?điều\s+[0-9]{1,3}[a-zđ]?(?:\s*(?:,|và)\s*[0-9]{1,3}[a-zđ]?)*)(?:\s+(?i:của))?\s*$",
    )
    .expect("static regex")
});
/// `(?i)\b(?:thực\s+hiện|triển\s+khai)\b`, the boundaries checked by hand.
static IMPLEMENTING: LazyLock<Regex> = static_regex!(r"(?i)(?:thực\s+hiện|triển\s+khai)");

/// A parsed symbol found in text.
struct Symbol {
    id: String,
    number: String,
    start: usize,
    end: usize,
    party: bool,
    /// Type code, when the symbol has one.
    code: Option<&'static str>,
    issuers: Vec<String>,
    /// Cut short where a word of the next column was glued to it
    /// (`05/2024/TTThông`): its issuer may be missing.
    glued: bool,
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// A piece of a symbol match.
#[derive(Clone, Copy)]
struct Piece<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Piece<'t> {
    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// The parts of a [`SYMBOL`] match, read by hand (cheaper than captures):
/// `pn-pt/pi` (Party) or `sn/[sy/]ss` (state).
struct Parts<'t> {
    pn: Option<Piece<'t>>,
    pt: Option<Piece<'t>>,
    pi: Option<Piece<'t>>,
    sn: Option<Piece<'t>>,
    sy: Option<Piece<'t>>,
    ss: Option<Piece<'t>>,
}

impl<'t> Parts<'t> {
    fn of(text: &'t str, start: usize, end: usize) -> Option<Parts<'t>> {
        let piece = |a: usize, b: usize| Some(Piece { text, start: a, end: b });
        let m = text.get(start..end)?;
        let skip_ws = |i: usize| i + m[i..].len() - m[i..].trim_start().len();
        let digits = |i: usize| i + m[i..].len() - m[i..].trim_start_matches(|c: char| c.is_ascii_digit()).len();
        // A dot inside the number (`1.373`, `66.16`) belongs to it.
        let n_end = match digits(0) {
            d if m[d..].starts_with('.') && digits(d + 1) > d + 1 => digits(d + 1),
            d => d,
        };
        let i = skip_ws(n_end);
        let mut p = Parts {
            pn: None,
            pt: None,
            pi: None,
            sn: None,
            sy: None,
            ss: None,
        };
        let rest = &m[i..];
        // `11-CT/TW`, or `11 CT/TW` with a space for the dash.
        let dash = rest.strip_prefix('-').or_else(|| rest.strip_prefix('–'));
        let spaced = dash.is_none() && i > n_end && rest.starts_with(char::is_alphabetic);
        if let Some(r) = dash.or(spaced.then_some(rest)) {
            let t0 = skip_ws(end - start - r.len());
            let t1 = t0 + m[t0..].len() - m[t0..].trim_start_matches(|c: char| c.is_alphabetic()).len();
            let slash = skip_ws(t1);
            let i0 = skip_ws(slash + 1);
            p.pn = piece(start, start + n_end);
            p.pt = piece(start + t0, start + t1);
            p.pi = piece(start + i0, end);
        } else {
            let mut j = skip_ws(i + 1);
            p.sn = piece(start, start + n_end);
            let y_end = digits(j);
            if y_end == j + 4 {
                p.sy = piece(start + j, start + y_end);
                // `/` after the year, or only a space (`02/2008 CT - TTg`).
                let k = skip_ws(y_end);
                j = if m[k..].starts_with('/') { skip_ws(k + 1) } else { k };
            }
            p.ss = piece(start + j, end);
        }
        Some(p)
    }

    fn name(&self, n: &str) -> Option<Piece<'t>> {
        match n {
            "pn" => self.pn,
            "pt" => self.pt,
            "pi" => self.pi,
            "sn" => self.sn,
            "sy" => self.sy,
            "ss" => self.ss,
            _ => None,
        }
    }
}

/// Every symbol in `text`, validated (see the module docs of `ident`).
fn symbols(text: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    for all in SYMBOL.find_iter(text) {
        let Some(c) = Parts::of(text, all.start(), all.end()) else {
            continue;
        };
        if prev_char(text, all.start()).is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | '-' | '&')) {
            continue;
        }
        let party = ["pn", "pt", "pi"].iter().all(|g| c.name(g).is_some());
        let found = if party {
            party_symbol(text, &c, all.start(), all.end())
        } else {
            state_symbol(text, &c, all.start())
        };
        out.extend(found);
    }
    out
}

/// A Party symbol `N-CODE/ISSUER` (with a space for the dash, only a Party
/// type code and issuer).
fn party_symbol(text: &str, c: &Parts, start: usize, end: usize) -> Option<Symbol> {
    let (n, t, i) = (c.name("pn")?, c.name("pt")?, c.name("pi")?);
    if next_char(text, end).is_some_and(|x| x.is_alphanumeric()) {
        return None;
    }
    let dashed = text[n.end()..t.start()].contains(['-', '–']);
    let party_shaped = type_for_code(t.as_str(), true).is_some() && is_party_issuer(i.as_str());
    if !dashed && !party_shaped {
        return None;
    }
    let code = type_for_code(t.as_str(), true).and_then(|_| ident::split_code(t.as_str()).map(|(code, _)| code));
    Some(Symbol {
        id: format!("{}-{}/{}", n.as_str(), t.as_str(), i.as_str()),
        number: n.as_str().to_string(),
        start,
        end,
        party: true,
        code,
        // A joint symbol names each issuer (`56-CTr/ĐTN-HKH`).
        issuers: i.as_str().split('-').map(str::to_string).collect(),
        glued: false,
    })
}

/// A symbol's segments after the number (and year), each with the
/// separator before it (None for the first) and where it ends; whether a
/// word of the next column was glued to one (`TTThông`), which ends the
/// symbol there.
type Segment<'t> = (Option<&'t str>, &'t str, usize);

fn segments_of<'t>(text: &'t str, ss: &Piece<'t>) -> (Vec<Segment<'t>>, bool) {
    let mut segs: Vec<Segment<'t>> = Vec::new();
    let mut last = ss.start();
    let mut sep: Option<&str> = None;
    for m in SEP.find_iter(ss.as_str()) {
        let s = ss.start() + m.start();
        segs.push((sep, &text[last..s], s));
        sep = Some(m.as_str());
        last = ss.start() + m.end();
    }
    segs.push((sep, &text[last..ss.end()], ss.end()));
    let mut glued = false;
    if let Some(g) = segs.iter().position(|s| glued_at(s.1, &text[s.2..]).is_some()) {
        let (sep, seg, end) = segs[g];
        let cut = glued_at(seg, &text[end..]).unwrap_or(seg.len());
        segs.truncate(g);
        segs.push((sep, &seg[..cut], end - (seg.len() - cut)));
        glued = true;
    }
    (segs, glued)
}

/// Drop trailing segments until the symbol is well-formed and ends at a
/// word boundary. A symbol written all in lower case ("24/2023/tt-bgdđt")
/// counts when it opens with a type code.
fn trim_segments(text: &str, segs: &mut Vec<Segment>, glued: bool) {
    let lower_code = segs
        .first()
        .is_some_and(|f| !f.1.chars().any(char::is_uppercase) && split_code(f.1).is_some());
    while let Some(&(sep, seg, end)) = segs.last() {
        let bad_end = !glued && next_char(text, end).is_some_and(|x| x.is_alphanumeric());
        let first = segs.len() == 1;
        let starts_upper = seg.chars().next().is_some_and(char::is_uppercase);
        let has_upper = seg.chars().any(char::is_uppercase);
        let spaced = sep.is_some_and(|s| s.contains(char::is_whitespace));
        let ok_seg = if first {
            starts_upper || split_code(seg).is_some()
        } else {
            (has_upper || lower_code) && (!spaced || starts_upper)
        };
        if !bad_end && ok_seg {
            break;
        }
        segs.pop();
    }
}

/// A state symbol `N[/YYYY]/CODE-ISSUER…`, or a Party instrument written
/// with its separators swapped (`50/CT-TW`, `50/CT - TW`: `50-CT/TW`).
fn state_symbol(text: &str, c: &Parts, start: usize) -> Option<Symbol> {
    let (n, ss) = (c.name("sn")?, c.name("ss")?);
    // A number written with a dot (`1.373/QĐ-TTg`, `66.16/2026/NQ-CP`): a
    // thousands separator, or a stray dot inside a number with its year.
    let number = n.as_str().replace('.', "");
    if number.len() != n.as_str().len() && !(c.name("sy").is_some() || n.as_str().len() == 5) {
        return None;
    }
    let (mut segs, glued) = segments_of(text, &ss);
    trim_segments(text, &mut segs, glued);
    let &(_, first, _) = segs.first()?;
    if !first.chars().next().is_some_and(char::is_uppercase) && segs.len() < 2 {
        return None;
    }
    if ident::EXCLUDED_CODES.iter().any(|x| x.eq_ignore_ascii_case(first)) {
        return None;
    }
    let end = segs.last().map_or(ss.end(), |s| s.2);
    let mut id = format!("{number}/");
    if let Some(y) = c.name("sy") {
        id.push_str(y.as_str());
        id.push('/');
    }
    for (sep, seg, _) in &segs {
        if let Some(s) = sep {
            id.push(if s.trim() == "." { '.' } else { '-' });
        }
        id.push_str(seg);
    }
    let (code, mut issuers) = match split_code(first) {
        Some((code, "")) => (Some(code), Vec::new()),
        Some((code, rest)) => (Some(code), vec![rest.to_string()]),
        None => (None, vec![first.to_string()]),
    };
    if code.is_some() {
        issuers.extend(segs.iter().skip(1).map(|s| s.1.to_string()));
    }
    // A year joined by a space only (`02/2008 CT - TTg`): a type code and
    // an issuer must follow.
    let spaced_year = c.name("sy").is_some_and(|y| !text[y.end()..ss.start()].contains('/'));
    if spaced_year && (code.is_none() || segs.len() < 2) {
        return None;
    }
    if let (Some(code), None, [_, (_, issuer, _)]) = (code, c.name("sy"), &segs[..]) {
        if type_for_code(code, true).is_some() && is_party_issuer(issuer) && split_code(first) == Some((code, "")) {
            return Some(Symbol {
                id: ident::canonical(&format!("{number}-{code}/{issuer}")),
                number: number.clone(),
                start,
                end,
                party: true,
                code: Some(code),
                issuers: vec![issuer.to_string()],
                glued,
            });
        }
    }
    Some(Symbol {
        id: ident::canonical(&id),
        number,
        start,
        end,
        party: false,
        code,
        issuers,
        glued,
    })
}

/// Where a word of a neighbouring column or the next line is glued to a
/// segment of a symbol (`after` is the text after the segment): at two
/// upper-case letters followed by two lower-case ones, the word starts at the
/// second (`TTThông`, `TTHướng` at the `T`, `H`), or at the first lower-case
/// one when that spells a word that follows symbols (`BTCngày` at `ngày`).
/// Codes with one lower-case letter (`TTg`, `CTrPH`) are whole.
fn glued_at(seg: &str, after: &str) -> Option<usize> {
    const NEXT: &[&str] = &[
        "ngày", "của", "về", "và", "năm", "được", "quy", "hướng", "ban", "sửa", "thì", "tại",
    ];
    let run = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
    let chars: Vec<(usize, char)> = seg
        .char_indices()
        .chain(after[..run].char_indices().map(|(i, c)| (seg.len() + i, c)))
        .collect();
    let in_seg = seg.chars().count();
    let up = |c: char| c.is_uppercase();
    let low = |c: char| c.is_lowercase();
    (1..in_seg.min(chars.len().saturating_sub(2))).find_map(|i| {
        if !(up(chars[i - 1].1) && up(chars[i].1) && low(chars[i + 1].1) && low(chars[i + 2].1)) {
            return None;
        }
        let lower = chars[i + 1].0;
        let word: String = chars[i + 1..].iter().map(|&(_, c)| c).collect();
        Some(if NEXT.contains(&word.as_str()) {
            lower.min(seg.len())
        } else {
            chars[i].0
        })
    })
}

/// Party issuers (after the `/`): the Central Committee and its organs
/// (`TW`, `BCT`), provincial and district committees (`TU`, `HU`, `ĐU`).
fn is_party_issuer(code: &str) -> bool {
    is_national_party_issuer(code)
        || ["TU", "TƯ", "HU", "ĐU", "QU", "BCT", "BBT"]
            .iter()
            .any(|x| code.eq_ignore_ascii_case(x))
}

/// The first symbol in `s`: canonical id and byte span.
pub(crate) fn first_symbol(s: &str) -> Option<(String, usize, usize)> {
    symbols(s).into_iter().next().map(|x| (x.id, x.start, x.end))
}

/// One mention, before merging.
struct Occurrence<'k> {
    start: usize,
    end: usize,
    id: String,
    number: String,
    entry: Option<&'k Entry>,
    form: Form,
    type_word: Option<String>,
    code_type: Option<&'static str>,
    date: Option<Date>,
    issuer: Option<String>,
    issuer_province: Option<String>,
    national: bool,
    /// The part of the instrument cited (`khoản 4 Điều 20`).
    pin: Option<String>,
}

/// Type words (tone-normalised, lower case, split into words) with their
/// canonical form, longest first.
static TYPE_LOWER: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
    let mut v: Vec<(String, &'static str)> = TYPE_WORDS
        .iter()
        .map(|w| (crate::text::normalize_tones(w).to_lowercase(), *w))
        .collect();
    v.sort_by_key(|(l, _)| std::cmp::Reverse(l.chars().count()));
    v.into_iter().map(|(l, w)| (words_of(&l), w)).collect()
});

/// The words a name is compared by, in lower case.
fn words_of(lower: &str) -> Vec<String> {
    lower.split(' ').map(str::to_string).collect()
}

/// Where `s` ends with a suffix whose lower case is `lower`: the byte where
/// that suffix starts.
fn lower_suffix(s: &str, lower: &str) -> Option<usize> {
    let mut want = lower.chars().rev().peekable();
    let mut chars = s.char_indices().rev();
    let mut start = s.len();
    while want.peek().is_some() {
        let (i, c) = chars.next()?;
        for l in c.to_lowercase().rev() {
            if want.next() != Some(l) {
                return None;
            }
        }
        start = i;
    }
    Some(start)
}

/// Whether the lower case of `s` starts with `lower`.
fn lower_prefix(s: &str, lower: &str) -> bool {
    let mut want = lower.chars();
    let mut have = s.chars().flat_map(char::to_lowercase);
    want.all(|w| have.next() == Some(w))
}

/// The last character of the lower case of `s`: where a comparison of
/// [`words_at_end`] starts (most fail there).
fn last_lower(s: &str) -> Option<char> {
    s.chars().next_back()?.to_lowercase().next_back()
}

fn ends_with_char(parts: &[String], c: char) -> bool {
    parts.last().and_then(|p| p.chars().next_back()) == Some(c)
}

/// Whether `head` ends with the words `parts` (lower case; any case and any
/// whitespace between them in `head`), the first standing alone (nothing
/// alphanumeric glued before it): where the first starts.
fn words_at_end(head: &str, parts: &[String]) -> Option<usize> {
    let mut rest = head;
    for (j, p) in parts.iter().enumerate().rev() {
        if j + 1 < parts.len() {
            let t = rest.trim_end();
            if t.len() == rest.len() {
                return None;
            }
            rest = t;
        }
        rest = &rest[..lower_suffix(rest, p)?];
    }
    let glued = rest
        .chars()
        .next_back()
        .and_then(|c| c.to_lowercase().last())
        .is_some_and(char::is_alphanumeric);
    (!glued).then_some(rest.len())
}

/// The type word just before `pos` ("Quyết định số "), with where it starts.
fn type_before(text: &str, pos: usize) -> Option<(String, usize)> {
    let mut from = pos.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // Walk back over spaces, a colon or full stop, and `số`.
    let window = &text[from..pos];
    let mut end = window.trim_end().trim_end_matches([':', '.']).trim_end().len();
    if let Some(cut) = lower_suffix(&window[..end], "số") {
        if window[..cut].ends_with(char::is_whitespace) || cut == 0 {
            end = window[..cut].trim_end().len();
        }
    }
    let head = &window[..end];
    // Compare word by word, so line breaks between words do not matter; the
    // type word stands alone: after a space, a bracket or a quote.
    let last = last_lower(head)?;
    TYPE_LOWER
        .iter()
        .filter(|(parts, _)| ends_with_char(parts, last))
        .find_map(|(parts, canon)| words_at_end(head, parts).map(|at| (canon.to_string(), from + at)))
}

/// The issuer named at the start of `rest` ("của <issuer> về …"), and the
/// byte offset where its name ends.
fn issuer_at(rest: &str, k: &Knowledge) -> Option<(String, usize)> {
    let t = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let word = t.get(..5)?;
    if !(word.eq_ignore_ascii_case("của") || word == "CỦA") {
        return None;
    }
    let body = &t[5..];
    let name_from = body.len() - body.trim_start().len();
    if name_from == 0 {
        return None;
    }
    let body = prefix(&body[name_from..], 160);
    let hard = body.find([';', '(', '“', '"', '\n', '.']).unwrap_or(body.len());
    let seg = &body[..hard];
    let stop = [ISSUER_END.find(seg).map(|m| m.start()), next_instrument(seg)]
        .into_iter()
        .flatten()
        .min();
    let mut end = stop.unwrap_or(seg.len());
    // Without a stop word, a known organisation followed by running text
    // ends there ("của Bộ Giáo dục và Đào tạo một cách thiết thực").
    let cut = || k.orgs.iter(seg, &k.places).next().filter(|m| m.start == 0);
    if let Some(m) = stop.is_none().then(cut).flatten() {
        let after = &seg[m.end..end];
        let next = after.trim_start().chars().next();
        if after.starts_with(char::is_whitespace)
            && next.is_some_and(char::is_lowercase)
            && !after.trim_start().starts_with("và ")
        {
            end = m.end;
        }
    }
    let name = seg[..end].trim().trim_end_matches(',').trim_end();
    if name.chars().count() < 2 {
        return None;
    }
    let offset = rest.len() - t.len() + 5 + name_from + end;
    Some((name.to_string(), offset))
}

/// Where a conjunction (`và`, `,`, `;`) followed by another instrument's
/// type word starts in an issuer's segment ("Thủ tướng Chính phủ | và
/// Quyết định số 281/QĐ-TTg"): the issuer ends there.
fn next_instrument(seg: &str) -> Option<usize> {
    let lower = seg.to_lowercase();
    if lower.len() != seg.len() {
        // Lower case changed a byte length: offsets would not match.
        return None;
    }
    let mut best: Option<usize> = None;
    for conj in [" và ", ", ", "; "] {
        for (i, _) in lower.match_indices(conj) {
            let after = lower[i + conj.len()..].trim_start();
            let opens = TYPE_LOWER.iter().any(|(parts, _)| {
                let word = parts.join(" ");
                after.starts_with(&word) && is_word_boundary(after, word.len())
            });
            if opens {
                best = Some(best.map_or(i, |b| b.min(i)));
            }
        }
    }
    best
}

/// [`NAME_TYPES`] in lower case, split into words.
static NAME_LOWER: LazyLock<Vec<(Vec<String>, &'static str)>> =
    LazyLock::new(|| NAME_TYPES.iter().map(|w| (words_of(&w.to_lowercase()), *w)).collect());

/// One of [`NAME_TYPES`] (any case, any spacing) ending just before `pos`,
/// as a whole word: the word and where it starts.
fn name_type_before(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let window = suffix(&text[..pos], 48);
    let from = pos - window.len();
    let head = window.trim_end();
    let last = last_lower(head)?;
    NAME_LOWER
        .iter()
        .filter(|(parts, _)| ends_with_char(parts, last))
        .find_map(|(parts, w)| words_at_end(head, parts).map(|at| (*w, from + at)))
}

/// The title inside a [`QUOTED`] match at `start..end`: what its group
/// captures, read by hand when the title has at least 4 characters once
/// trimmed (the usual case), else by the regex.
fn quoted_title(text: &str, start: usize, end: usize) -> Option<&str> {
    let m = text.get(start..end)?;
    let open = m.chars().next()?.len_utf8();
    let close = m.chars().next_back()?.len_utf8();
    let inner = m.get(open..m.len().checked_sub(close)?)?;
    let core = inner.trim();
    if core.chars().count() >= 4 {
        return Some(core);
    }
    let c = QUOTED.captures_at(text, start)?;
    c.get(1).map(|t| t.as_str())
}

/// At most `n` bytes at the end of `s`, cut at a character boundary.
fn suffix(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// At most `n` bytes of `s` from its start, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut i = n;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// Find, resolve and merge the citations of a document: full symbols and
/// laws by name, then short forms with `số` and without, quoted titles and
/// programmes named by their parties, merged by instrument.
pub(crate) fn find(doc: &Doc, layout: &Layout, province: Option<&str>, diags: &mut Vec<Diagnostic>) -> Vec<Citation> {
    let text = doc.text;
    let k = doc.k;
    let mut occ = full_citations(doc, layout);
    laws_by_name(text, k, &mut occ);
    occ.sort_by_key(|o| (o.start, o.end));
    let full_index = index_by_type_and_number(&occ);
    let shorts = shorts_with_so(text, layout, &occ);
    resolve_shorts_with_so(doc, shorts, &full_index, &mut occ, diags);
    let mut bare = shorts_without_so(doc, &occ, &full_index, diags);
    occ.append(&mut bare);
    quoted_titles(text, k, &mut occ);
    programmes_by_parties(text, k, &mut occ);
    occ.sort_by_key(|o| (o.start, o.end));
    merge(doc, layout, occ, province)
}

/// Full symbols; one cut short by a glued word takes the id of a whole
/// symbol it begins (`05/2024/TT` of `05/2024/TT-BLĐTBXH`). The document's
/// own number and licences are not citations.
fn full_citations<'k>(doc: &Doc<'k>, layout: &Layout) -> Vec<Occurrence<'k>> {
    let text = doc.text;
    let own = layout.number.as_ref().map(|n| ident::key(&n.0));
    let mut syms = symbols(text);
    let whole: Vec<(String, String)> = syms
        .iter()
        .filter(|s| !s.glued)
        .map(|s| (ident::key(&s.id), s.id.clone()))
        .collect();
    for s in syms.iter_mut().filter(|s| s.glued) {
        let k = ident::key(&s.id) + "-";
        if let Some((_, id)) = whole.iter().find(|(w, _)| w.starts_with(&k)) {
            s.id = id.clone();
        }
    }
    let mut occ = Vec::new();
    // The type word of the citation before, for a list (`các Luật số 1/…,
    // số 2/…`): where that citation ends and its type word.
    let mut listed: Option<(usize, String)> = None;
    for s in syms {
        let (ls, _) = layout.line_of(s.start);
        let before_on_line = &text[ls..s.start];
        if layout.number.as_ref().is_some_and(|n| n.1 == s.start) || is_number_label(before_on_line) {
            continue;
        }
        if own.as_deref() == Some(ident::key(&s.id).as_str()) {
            continue;
        }
        if LICENCE_BEFORE.is_match(suffix(&text[ls..s.start], 48)) {
            continue;
        }
        let type_word = type_before(text, s.start)
            .or_else(|| law_before(text, s.start).map(|(w, at)| (w.to_string(), at)))
            .or_else(|| {
                let (end, w) = listed.as_ref()?;
                let between = text.get(*end..s.start)?.trim();
                let between = between.strip_suffix("số").unwrap_or(between).trim_end();
                let joined = matches!(between, "," | "và" | ", và");
                joined.then(|| (w.clone(), s.start))
            });
        listed = type_word.as_ref().map(|t| (s.end, t.0.clone()));
        occ.push(full_occurrence(doc, s, type_word));
    }
    occ
}

/// A full symbol as a mention: the date and issuer written after it, its
/// type from its code or the type word before it.
fn full_occurrence<'k>(doc: &Doc<'k>, s: Symbol, type_word: Option<(String, usize)>) -> Occurrence<'k> {
    let (text, k) = (doc.text, doc.k);
    let mut rest_at = s.end;
    let lead = DATE_LEAD.find(prefix(&text[rest_at..], 64)).map_or(0, |m| m.end());
    let mut date = None;
    if let Some((d, len)) = date_at_start(prefix(&text[rest_at + lead..], 64)) {
        date = Some(d);
        rest_at += lead + len;
    }
    let mut issuer = None;
    if let Some((name, end)) = issuer_at(&text[rest_at..], k) {
        issuer = Some(name);
        if date.is_none() {
            let after = rest_at + end;
            let lead = DATE_LEAD.find(prefix(&text[after..], 64)).map_or(0, |m| m.end());
            date = date_at_start(prefix(&text[after + lead..], 64)).map(|(d, _)| d);
        }
    }
    let issuer_province = issuer
        .as_deref()
        .and_then(|i| k.places.introduced(i).next().map(|(p, _, _)| p.name.clone()));
    let national = if s.party {
        s.issuers.iter().any(|i| is_national_party_issuer(i))
    } else {
        s.issuers.iter().any(|i| is_national_issuer(i))
    };
    let code_type = match s.code {
        Some(code) => {
            let t = type_for_code(code, s.party);
            if t == Some("Chương trình") && s.issuers.len() >= 2 {
                Some("Chương trình phối hợp")
            } else {
                t
            }
        }
        // A legislature's symbol without a type code (`27/2023/QH15`)
        // is a law or a resolution: the type word tells which.
        None if s.issuers.iter().any(|i| ident::is_legislature(i)) => None,
        None => Some("Công văn"),
    };
    let start = type_word.as_ref().map_or(s.start, |t| t.1);
    Occurrence {
        start,
        end: s.end,
        entry: k.catalog.get(&s.id),
        id: s.id,
        number: s.number,
        form: Form::Full,
        type_word: type_word.map(|t| t.0),
        code_type,
        date,
        issuer,
        issuer_province,
        national,
        pin: pinpoint_before(text, start),
    }
}

/// Full citations by number and folded type, each with its start and its
/// place in `occ`, in text order.
type FullIndex = HashMap<(String, String), Vec<(usize, usize)>>;

fn index_by_type_and_number(occ: &[Occurrence]) -> FullIndex {
    let mut full_index: FullIndex = HashMap::new();
    for (i, o) in occ.iter().enumerate() {
        if let Some(t) = type_of(o) {
            full_index
                .entry((o.number.clone(), name_key(&t)))
                .or_default()
                .push((o.start, i));
        }
    }
    full_index
}

/// Short forms: a type word and `số` with a number but no symbol (type
/// word, number, start, end), outside every full citation.
fn shorts_with_so(text: &str, layout: &Layout, occ: &[Occurrence]) -> Vec<(String, String, usize, usize)> {
    let full_spans: Vec<(usize, usize)> = occ.iter().map(|o| (o.start, o.end)).collect();
    let mut shorts = Vec::new();
    for so in SO_NUMBER.find_iter(text) {
        // The number is the match's trailing digits.
        let digits = so.as_str().len() - so.as_str().trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let n = Piece {
            text,
            start: so.end() - digits,
            end: so.end(),
        };
        if !is_whole_word(text, so.start(), so.end()) {
            continue;
        }
        let Some((tw, tw_start)) = type_before(text, so.start()) else {
            continue;
        };
        // Full spans are in text order and do not overlap.
        let i = full_spans.partition_point(|&(a, _)| a <= n.start());
        if i > 0 && n.start() < full_spans[i - 1].1 {
            continue;
        }
        let after = text[n.end()..].trim_start_matches([' ', '\t']);
        if after.starts_with(['/', '-'])
            && after[1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if LICENCE_BEFORE.is_match(suffix(&text[layout.line_of(tw_start).0..tw_start], 48)) {
            continue;
        }
        shorts.push((tw, n.as_str().to_string(), tw_start, n.end()));
    }
    shorts
}

/// What a short form resolves to: id, catalogue entry, whether national,
/// the issuer's province.
type Resolved<'k> = (String, Option<&'k Entry>, bool, Option<String>);

/// Short forms with `số`, resolved by the nearest full citation of the same
/// type and number before them (else the first after), else the catalogue.
fn resolve_shorts_with_so<'k>(
    doc: &Doc<'k>,
    shorts: Vec<(String, String, usize, usize)>,
    full_index: &FullIndex,
    occ: &mut Vec<Occurrence<'k>>,
    diags: &mut Vec<Diagnostic>,
) {
    for (tw, n, start, end) in shorts {
        let target = full_index.get(&(n.clone(), name_key(&tw))).and_then(|starts| {
            let i = starts.partition_point(|&(s, _)| s < start);
            starts.get(i.wrapping_sub(1)).or(starts.first()).map(|&(_, o)| &occ[o])
        });
        let resolved: Option<Resolved<'k>> = match target {
            Some(o) => Some((o.id.clone(), o.entry, o.national, o.issuer_province.clone())),
            None => doc
                .k
                .catalog
                .by_type_number(&tw, &n)
                .map(|e| (e.id.clone(), Some(e), true, None)),
        };
        match resolved {
            Some(r) => occ.push(short_occurrence(doc.text, r, n, tw, start, end)),
            None => diags.push(unresolved_short(doc, start, end, &doc.text[start..end], None)),
        }
    }
}

/// Short forms without `số` (`Chỉ thị 11 của Bộ Chính trị`, `Kết luận 49`,
/// `THEO QUYẾT ĐỊNH 281`): resolved by type, number and the issuer named
/// beside them, in the document or the catalogue.
fn shorts_without_so<'k>(
    doc: &Doc<'k>,
    occ: &[Occurrence<'k>],
    full_index: &FullIndex,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Occurrence<'k>> {
    let (text, k) = (doc.text, doc.k);
    let mut taken: Vec<(usize, usize)> = occ.iter().map(|o| (o.start, o.end)).collect();
    taken.sort_unstable();
    let is_taken = |a: usize, b: usize| {
        let i = taken.partition_point(|&(s, _)| s < b);
        taken[i.saturating_sub(2)..i].iter().any(|&(_, e)| e > a)
    };
    let mut bare = Vec::new();
    for m in SHORT_BARE.captures_iter(text) {
        let (Some(all), Some(tw), Some(num)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        if !is_whole_word(text, all.start(), all.end()) || is_taken(all.start(), all.end()) {
            continue;
        }
        let after = &text[all.end()..];
        let next = after.trim_start_matches([' ', '\t']);
        if next.starts_with(['/', '-', '–', '.', ',']) && next[1..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let tw = canonical_type(tw.as_str());
        let n = num.as_str();
        let issuer = issuer_at(after, k).map(|(name, _)| name);
        let nearby = prefix(next, 12).to_lowercase();
        let ends = next.is_empty()
            || next.starts_with([',', ';', '.', ')', '\n', ':'])
            || ["của", "và", "về", "năm", "ngày", "(", "–", "-"]
                .iter()
                .any(|w| nearby.starts_with(w));
        if !ends && issuer.is_none() {
            continue;
        }
        let target = full_index
            .get(&(n.to_string(), name_key(tw)))
            .and_then(|v| v.first())
            .map(|&(_, o)| &occ[o]);
        let resolved: Option<Resolved<'k>> = match target {
            Some(o) => Some((o.id.clone(), o.entry, o.national, o.issuer_province.clone())),
            None => {
                let cands: Vec<&Entry> = k
                    .catalog
                    .by_short(tw, n)
                    .into_iter()
                    .filter(|e| issuer.as_deref().is_none_or(|i| same_issuer(e, i)))
                    .collect();
                match cands[..] {
                    [e] => Some((e.id.clone(), Some(e), e.scope.is_none(), None)),
                    _ => None,
                }
            }
        };
        let (start, end) = (all.start(), all.end());
        match resolved {
            Some(r) => bare.push(short_occurrence(text, r, n.to_string(), tw.to_string(), start, end)),
            None => {
                let written = super::facts::one_line(&text[start..end]);
                diags.push(unresolved_short(doc, start, end, &written, issuer.as_deref()));
            }
        }
    }
    bare
}

/// A short form resolved to an instrument.
fn short_occurrence<'k>(
    text: &str,
    (id, entry, national, issuer_province): Resolved<'k>,
    number: String,
    type_word: String,
    start: usize,
    end: usize,
) -> Occurrence<'k> {
    Occurrence {
        start,
        end,
        id,
        number,
        entry,
        form: Form::Short,
        type_word: Some(type_word),
        code_type: None,
        date: None,
        issuer: None,
        issuer_province,
        national,
        pin: pinpoint_before(text, start),
    }
}

/// The warning for a short form nothing resolves.
fn unresolved_short(doc: &Doc, start: usize, end: usize, written: &str, issuer: Option<&str>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code: "unresolved-short".into(),
        message: format!(
            "“{written}” names no instrument cited in full in this document or known to the catalogue{}",
            issuer.map(|i| format!(" as issued by {i}")).unwrap_or_default()
        ),
        span: Some(doc.span(start, end)),
    }
}

/// Titles: Đề án “…”, Chương trình “…” that the catalogue knows.
fn quoted_titles<'k>(text: &str, k: &'k Knowledge, occ: &mut Vec<Occurrence<'k>>) {
    for all in QUOTED.find_iter(text) {
        let Some((tw, start)) = name_type_before(text, all.start()) else {
            continue;
        };
        let Some(title) = quoted_title(text, all.start(), all.end()) else {
            continue;
        };
        if let Some(e) = k.catalog.by_name(&format!("{tw} {title}")) {
            occ.push(named(e, start, all.end()));
        }
    }
}

/// National programmes named by their parties and period (`Chương trình
/// phối hợp giữa Bộ GD&ĐT và Hội Khuyến học Việt Nam giai đoạn 2024-2030`).
fn programmes_by_parties<'k>(text: &str, k: &'k Knowledge, occ: &mut Vec<Occurrence<'k>>) {
    for m in PROGRAMME
        .find_iter(text)
        .filter(|m| is_whole_word(text, m.start(), m.end()))
    {
        let mut stop = text[m.end()..].find([';', '\n']).map_or(text.len(), |i| m.end() + i);
        stop = stop.min(m.end() + 400);
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        let rest = &text[m.end()..stop];
        if let Some((e, len)) = programme_named(rest, k) {
            occ.push(named(e, m.start(), m.end() + len));
        }
    }
}

/// The national programme that `rest` (the text after `Chương trình phối
/// hợp`) names by its parties and period, and where the period ends.
fn programme_named<'k>(rest: &str, k: &'k Knowledge) -> Option<(&'k Entry, usize)> {
    let head = rest.trim_start();
    if head.starts_with(|c: char| c.is_ascii_digit())
        || (lower_prefix(head, "số")
            && head
                .chars()
                .nth(2)
                .is_some_and(|c| c.is_whitespace() || c.is_ascii_digit()))
    {
        return None;
    }
    let g = find_where(&BETWEEN, rest, |m| {
        is_word_boundary(rest, m.start()) && is_word_boundary(rest, m.end())
    })?;
    if g.start() > 150 {
        return None;
    }
    let seg_from = g.end();
    let seg = &rest[seg_from..];
    let seg_to = find_where(&SEGMENT_END, seg, |m| {
        m.as_str().starts_with([',', ';', ':', '(']) || is_word_boundary(seg, m.end())
    })
    .map_or(rest.len(), |e| seg_from + e.start());
    let orgs = k.orgs.find(&rest[seg_from..seg_to], &k.places);
    if orgs.len() < 2
        || !orgs
            .iter()
            .all(|o| o.level == Some(Level::National) || o.locality == Locality::Nation)
    {
        return None;
    }
    let p = STAGE.captures(rest)?;
    let (a, b) = (p.get(1)?, p.get(2)?);
    let (Ok(a), Ok(b)) = (a.as_str().parse::<u16>(), b.as_str().parse::<u16>()) else {
        return None;
    };
    let kinds: Vec<&str> = orgs.iter().map(|o| k.orgs.kind(o.kind).id.as_str()).collect();
    let e = k.catalog.programme(&kinds, "national", [a, b])?;
    Some((e, p.get(0).map_or(0, |x| x.end())))
}

fn named(e: &Entry, start: usize, end: usize) -> Occurrence<'_> {
    Occurrence {
        start,
        end,
        id: e.id.clone(),
        number: number_of(&e.id).to_string(),
        entry: Some(e),
        form: Form::Name,
        type_word: None,
        code_type: None,
        date: None,
        issuer: None,
        issuer_province: None,
        national: e.scope.is_none(),
        pin: None,
    }
}

/// Whether `before` (the line up to a symbol) is a number label (`Số:`,
/// `Luật số:`): the symbol is a document's own number, not a citation.
fn is_number_label(before: &str) -> bool {
    super::facts::strip_number_label(before).is_some_and(|r| r.trim().is_empty())
}

/// Whether a document's own number is a national issuer's (`158/2025/NĐ-CP`,
/// `45/2019/QH14`, `49-KL/TW`).
pub(crate) fn is_national_number(id: &str) -> bool {
    symbols(id).first().is_some_and(|s| {
        if s.party {
            s.issuers.iter().any(|i| is_national_party_issuer(i))
        } else {
            s.issuers.iter().any(|i| is_national_issuer(i))
        }
    })
}

/// A law's name just before `pos` and `số` (`Luật Bảo hiểm y tế ⏎số`,
/// `Bộ luật Lao động số`): its type word and where it starts. The name is
/// the text after the nearest law word, with no digits or sentence
/// punctuation, at most 30 words.
fn law_before(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let window = suffix(&text[..pos], 280);
    let from = pos - window.len();
    let head = window.trim_end().trim_end_matches(':').trim_end();
    let cut = lower_suffix(head, "số")?;
    if !head[..cut].ends_with(char::is_whitespace) {
        return None;
    }
    let head = &head[..cut];
    let m = LAW_WORD
        .find_iter(head)
        .filter(|m| is_word_boundary(head, m.start()) || m.start() == 0)
        .last()?;
    let name = &head[m.end()..];
    let bad = |c: char| c.is_ascii_digit() || matches!(c, ';' | '.' | '“' | '”' | '"' | ':' | '/');
    if name.trim().is_empty() || name.contains(bad) || name.split_whitespace().count() > 30 {
        return None;
    }
    Some((law_kind(m.as_str()), from + m.start()))
}

/// The type a law word names.
fn law_kind(word: &str) -> &'static str {
    if word.starts_with('B') {
        "Bộ luật"
    } else if word.starts_with('P') {
        "Pháp lệnh"
    } else {
        "Luật"
    }
}

/// The canonical type word of a [`SHORT_BARE`] match, any case.
fn canonical_type(word: &str) -> &'static str {
    match name_key(word).as_str() {
        "chi thi" => "Chỉ thị",
        "ket luan" => "Kết luận",
        "quyet dinh" => "Quyết định",
        "nghi quyet" => "Nghị quyết",
        "nghi dinh" => "Nghị định",
        "thong tu" => "Thông tư",
        "de an" => "Đề án",
        _ => "Chương trình",
    }
}

/// Whether the issuer named beside a short form (`Bộ Chính trị`, `Thủ
/// tướng Chính phủ`) is the entry's.
fn same_issuer(e: &Entry, named: &str) -> bool {
    let named = name_key(named);
    let named = named.strip_prefix("ban thuong vu ").unwrap_or(&named);
    e.issuer.as_deref().is_some_and(|i| {
        // `Bộ Chính trị (khóa X)` is named `Bộ Chính trị`, and a name may run
        // on (`Bộ Chính trị và Kết luận 49`).
        let have = name_key(i.split('(').next().unwrap_or(i));
        !named.is_empty() && !have.is_empty() && (have.starts_with(named) || named.starts_with(have.as_str()))
    })
}

/// The pinpoint just before `pos` (`khoản 4 Điều 20`), as one line.
fn pinpoint_before(text: &str, pos: usize) -> Option<String> {
    let window = suffix(&text[..pos], 160);
    let m = PINPOINT.find(window)?;
    if !is_word_boundary(window, m.start()) && m.start() > 0 {
        return None;
    }
    let pin = super::facts::one_line(m.as_str());
    let pin = pin
        .strip_suffix("của")
        .or_else(|| pin.strip_suffix("CỦA"))
        .unwrap_or(&pin)
        .trim_end();
    let pin = pin.strip_prefix("các ").unwrap_or(pin);
    Some(pin.to_string())
}

/// Laws and codes cited by name and date or year (`Luật Giáo dục ngày 14
/// tháng 6 năm 2019`, `Bộ luật Dân sự năm 2015`), resolved through the
/// catalogue of laws; one it does not know is cited by name and year.
fn laws_by_name<'k>(text: &str, k: &'k Knowledge, occ: &mut Vec<Occurrence<'k>>) {
    for m in LAW_NAMED.find_iter(text) {
        if !is_word_boundary(text, m.start()) && m.start() > 0 {
            continue;
        }
        // A law named inside an amending law's name (`Luật sửa đổi, bổ sung
        // … của Luật X và Luật Y ngày …`): the date is the amending law's.
        let before = name_key(suffix(&text[..m.start()], 200));
        if let Some(i) = before.rfind("sua doi") {
            let tail = &before[i..];
            if !tail.contains(" ngay ") && !tail.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
        }
        let rest = prefix(&text[m.end()..], 200);
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while words.len() < 16 {
            let Some(w) = rest[i..].find(|c: char| !c.is_whitespace()) else {
                break;
            };
            let a = i + w;
            let b = rest[a..].find(char::is_whitespace).map_or(rest.len(), |j| a + j);
            words.push((a, b));
            i = b;
            if b == rest.len() {
                break;
            }
        }
        let Some(&(a0, b0)) = words.first() else { continue };
        if !rest[a0..b0].starts_with(char::is_uppercase) {
            continue;
        }
        let bad = |c: char| c.is_ascii_digit() || matches!(c, ';' | '.' | '(' | ')' | '“' | '”' | '"' | ':' | '/');
        let mut found = None;
        for (n, &(a, b)) in words.iter().enumerate().skip(1).take(14) {
            let w = rest[a..b].trim_start_matches(',');
            let prev = &rest[words[n - 1].0..words[n - 1].1];
            if prev.trim_end_matches(',').contains(bad) {
                break;
            }
            let lower = w.to_lowercase();
            // Words that end a law's name: what follows is running text
            // (`…, có hiệu lực kể từ ngày …`), not the law's date.
            const STOP: &[&str] = &[
                "số", "số:", "có", "trình", "được", "thì", "đã", "là", "này", "từ", "trước", "sau", "đến", "hết", "kể",
                "tại", "để",
            ];
            if STOP.contains(&lower.as_str()) {
                break;
            }
            let at = a + (rest[a..b].len() - w.len());
            if lower == "ngày" {
                if let Some((d, len)) = date_at_start(&rest[at..]) {
                    found = Some((n, Some(d), d.year, at + len));
                }
                break;
            }
            if lower == "năm" {
                let after = rest[b..].trim_start();
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                let y: Option<u16> = after.get(..digits).and_then(|d| d.parse().ok());
                if let Some(y) = y.filter(|y| digits == 4 && (1945..=2100).contains(y)) {
                    if !after[4..].starts_with(char::is_alphanumeric) {
                        found = Some((n, None, y, rest.len() - after.len() + 4));
                    }
                }
                break;
            }
        }
        let Some((n, date, year, end)) = found else { continue };
        let kind = law_kind(m.as_str());
        let name_end = words[n - 1].1;
        let name = super::facts::one_line(&rest[..name_end]);
        let name = name.trim_end_matches(',');
        let full = format!("{kind} {name}");
        let entry = k.catalog.law(&full, date, year);
        let id = entry.map_or_else(|| format!("{full} {year}"), |e| e.id.clone());
        occ.push(Occurrence {
            start: m.start(),
            end: m.end() + end,
            number: number_of(&id).to_string(),
            id,
            entry,
            form: Form::Name,
            type_word: Some(kind.to_string()),
            code_type: Some(kind),
            date,
            issuer: None,
            issuer_province: None,
            national: true,
            pin: pinpoint_before(text, m.start()),
        });
    }
}

fn type_of(o: &Occurrence) -> Option<String> {
    o.entry
        .map(|e| e.kind.clone())
        .or_else(|| o.type_word.clone())
        .or_else(|| o.code_type.map(str::to_string))
}

/// Merge occurrences into one citation per instrument (key and scope).
fn merge(doc: &Doc, layout: &Layout, occ: Vec<Occurrence>, province: Option<&str>) -> Vec<Citation> {
    let text = doc.text;
    let mut index: HashMap<(String, Option<String>), usize> = HashMap::new();
    let mut out: Vec<Citation> = Vec::new();
    let mut seen: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, citation)
    for o in &occ {
        let id = o.entry.map_or_else(|| o.id.clone(), |e| e.id.clone());
        let scope = match o.entry {
            Some(e) => e.scope.clone(),
            None if o.national => None,
            None => o.issuer_province.clone().or_else(|| province.map(str::to_string)),
        };
        let cue = cue_at(text, layout, o.start);
        let role = if cue.is_some() { Role::Basis } else { Role::Mention };
        let key = (ident::key(&id), scope.clone());
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Citation {
                id: id.clone(),
                kind: type_of(o),
                date: None,
                issuer: None,
                scope,
                form: o.form,
                role,
                cue,
                implements: Vec::new(),
                catalogued: o.entry.is_some(),
                written: super::facts::one_line(&text[o.start..o.end]),
                mentions: Vec::new(),
                pinpoints: Vec::new(),
            });
            out.len() - 1
        });
        let c = &mut out[i];
        c.form = c.form.min(o.form);
        if role < c.role {
            c.role = role;
            c.cue = cue;
        }
        if c.date.is_none() {
            c.date = o.date;
        }
        if c.issuer.is_none() {
            c.issuer = o.issuer.clone();
        }
        if c.kind.is_none() {
            c.kind = type_of(o);
        }
        if let Some(p) = &o.pin {
            if !c.pinpoints.contains(p) {
                c.pinpoints.push(p.clone());
            }
        }
        c.mentions.push(doc.span(o.start, o.end));
        seen.push((o.start, o.end, i));
    }
    stated_chains(text, &seen, &mut out);
    for c in &mut out {
        c.mentions.sort_unstable();
        c.mentions.dedup();
        if let Some(e) = doc.k.catalog.get(&c.id).filter(|_| c.catalogued) {
            if c.date.is_none() {
                c.date = e.date;
            }
            if c.issuer.is_none() {
                c.issuer = e.issuer.clone();
            }
        }
    }
    out
}

/// The preamble word that opens the line of a mention at `at`: `căn cứ`
/// or `thực hiện` (None outside the preamble).
fn cue_at(text: &str, layout: &Layout, at: usize) -> Option<Cue> {
    let (ls, le) = layout.line_of(at);
    if ls < layout.preamble.0 || ls >= layout.preamble.1 {
        return None;
    }
    let k = name_key(prefix(&text[ls..le], 24));
    if k.starts_with("can cu") {
        Some(Cue::CanCu)
    } else if k.starts_with("thuc hien") {
        Some(Cue::ThucHien)
    } else {
        None
    }
}

/// Chains stated in the text: "A … về việc thực hiện B" (mentions in text
/// order as (start, end, citation)).
fn stated_chains(text: &str, seen: &[(usize, usize, usize)], out: &mut [Citation]) {
    for w in seen.windows(2) {
        let ((_, a_end, a), (b_start, _, b)) = ((w[0].0, w[0].1, w[0].2), (w[1].0, w[1].1, w[1].2));
        if a == b || b_start <= a_end || b_start - a_end > 300 {
            continue;
        }
        let between = &text[a_end..b_start];
        if between.contains([';', '\n'])
            || find_where(&IMPLEMENTING, between, |m| {
                is_word_boundary(between, m.start()) && is_word_boundary(between, m.end())
            })
            .is_none()
        {
            continue;
        }
        let target = out[b].id.clone();
        if !out[a].implements.contains(&target) {
            out[a].implements.push(target);
        }
    }
}

/// The programme a document implements: the first cooperation programme of
/// its preamble, else the first instrument it says it carries out
/// (`Thực hiện …`).
pub(crate) fn parent(citations: &[Citation]) -> Option<String> {
    let basis = || citations.iter().filter(|c| c.role == Role::Basis);
    let programme = |c: &&Citation| {
        c.kind.as_deref().is_some_and(|t| {
            let k = name_key(t);
            k.starts_with("chuong trinh") || k.ends_with("lien tich") || k == "quy che phoi hop"
        })
    };
    basis()
        .find(programme)
        .or_else(|| basis().find(|c| c.cue == Some(Cue::ThucHien)))
        .map(|c| c.id.clone())
}
