//! Document facts: layout (kind, title, number, date, preamble), province,
//! period.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::citations::{first_symbol, is_national_number};
use super::dates::{date_at_start, Date};
use super::{Doc, Kind};
use crate::communes::{self, Era};
use crate::text::{is_whole_word, is_word_boundary, name_key};

/// Where things are in a document (byte offsets into the normalised text).
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub kind: Kind,
    pub title: Option<String>,
    pub title_span: Option<(usize, usize)>,
    /// Own number: canonical id and span.
    pub number: Option<(String, usize, usize)>,
    pub date: Option<Date>,
    /// Where the date is written (byte span).
    pub date_span: Option<(usize, usize)>,
    pub author: Option<String>,
    /// Province named by the place line (`Bến Tre, ngày …`).
    pub place: Option<String>,
    /// Where the place line names it (byte span).
    pub place_span: Option<(usize, usize)>,
    /// The preamble: where `Căn cứ`/`Thực hiện` paragraphs state the basis.
    pub preamble: (usize, usize),
    /// Line spans (without the `\n`).
    pub lines: Vec<(usize, usize)>,
}

/// The byte offset of `part`, a slice of `text`, in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

impl Layout {
    /// The line that contains byte `pos`.
    pub fn line_of(&self, pos: usize) -> (usize, usize) {
        let i = self.lines.partition_point(|l| l.0 <= pos);
        self.lines[i.saturating_sub(1)]
    }
}

static NEWS_STAMP: LazyLock<Regex> = static_regex!(
    r"^(?:\d{1,2}:\d{2}\s*[-–|,]?\s*)?(?:(?:Thứ\s+\p{L}+|Chủ nhật)\s*,\s*)?(\d{1,2}/\d{1,2}/\d{4})(?:\s*[-–|,]?\s*\d{1,2}:\d{2}(?:\s*\(GMT[^)]*\))?)?$"
);
/// A date `d/m/yyyy` (or `d-m-yyyy`, `d.m.yyyy`) inside a publication stamp.
static STAMP_DATE: LazyLock<Regex> = static_regex!(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\b");
/// A date glued to the byline before it (`Thúy Quỳnh03/02/2026`).
static GLUED_DATE: LazyLock<Regex> = static_regex!(r"\p{Ll}(\d{1,2}/\d{1,2}/\d{4})\s*$");
/// What a publication stamp may hold besides its date: times, weekdays,
/// time zones, labels (`Cập nhật ngày:`, `Ngày đăng`, `Print`, `TNĐT`).
static STAMP_REST: LazyLock<Regex> = static_regex!(
    r"(?i)\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?|[(\[]\s*GMT[^)\]]*[)\]]|GMT\s*[+\-]\s*\d+|\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)\b|\bchủ\s+nhật\b|\b(?:cập\s+nhật(?:\s+lúc|\s+ngày)?|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|xuất\s+bản|ngày|lúc|print|tnđt|date)\b|[\s,\-–|:'’.·]"
);
/// `date 2026-01-26` before a headline, as some page copies begin.
static STAMP_ISO: LazyLock<Regex> = static_regex!(r"^\s*(?i:date)\s+(\d{4}-\d{2}-\d{2})\b");
/// The first words of an official paper (not a news report) when it has no
/// programme or plan heading.
const PAPER_GENRES: &[&str] = &[
    "quyet dinh",
    "thong bao",
    "bao cao",
    "bien ban",
    "to trinh",
    "cong van",
    "nghi quyet",
    "nghi dinh",
    "thong tu",
    "chi thi",
    "ket luan",
    "quy dinh",
    "quy che",
    "huong dan",
    "de an",
    "luat",
    "trich yeu",
    "tieu de van ban",
    "tap tin dinh kem",
    "cong hoa xa hoi chu nghia",
];
static PLACE_LINE: LazyLock<Regex> = static_regex!(r"^(?P<place>[^,\n]{2,60}?)\s*,\s*(?P<date>(?i:ngày)\s.*)$");
/// The first letters a [`BODY_HEADING`] can open with (any case where the
/// pattern says so).
fn may_be_body_heading(line: &str) -> bool {
    line.starts_with(['I', 'V', 'X', 'đ', 'Đ', 'p', 'P', 'c', 'C'])
}
static BODY_HEADING: LazyLock<Regex> =
    static_regex!(r"^(?:[IVX]{1,4}\s*[.\-–)]\s|(?i:điều)\s+1\b|(?i:phần)\s+(?:I|1)\b|(?i:chương)\s+I\b)");
/// `^(?i:căn\s+cứ|thực\s+hiện)\b`, the boundary checked by [`is_preamble_opener`].
static PREAMBLE_OPENER: LazyLock<Regex> = static_regex!(r"^(?i:căn\s+cứ|thực\s+hiện)");

/// Whether a line opens a preamble paragraph (`Căn cứ …`, `Thực hiện …`).
fn is_preamble_opener(line: &str) -> bool {
    line.starts_with(['c', 'C', 't', 'T'])
        && PREAMBLE_OPENER
            .find(line)
            .is_some_and(|m| is_word_boundary(line, m.end()))
}
static TITLE_STOP: LazyLock<Regex> =
    static_regex!(r"^(?:(?i:căn\s+cứ|thực\s+hiện|số|hôm\s+nay|nơi\s+nhận)\b|[IVX]{1,4}\s*[.\-–)]\s)");
static PERIOD_ANY: LazyLock<Regex> = static_regex!(r"\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b");
static PERIOD_STAGE: LazyLock<Regex> =
    static_regex!(r"(?i:giai\s+đoạn|từ\s+năm)\s+((?:19|20)\d{2})\s*(?:[-–—]|(?i:đến\s+năm))\s*((?:19|20)\d{2})");

fn is_capitals(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

/// Read the document's layout: own number, place and date line, title and
/// kind (a paper's heading, else a news page's or a database page's
/// signs), preamble.
pub(crate) fn layout(doc: &Doc) -> Layout {
    let text = doc.text;
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, text.len()));
    let mut l = Layout {
        lines,
        ..Layout::default()
    };
    let nonempty: Vec<(usize, usize)> = l.lines.iter().copied().filter(|&(a, b)| b > a).collect();
    let head: Vec<(usize, usize)> = nonempty.iter().copied().take(40).collect();
    l.number = own_number(text, &head, &nonempty);
    l.read_place_line(doc, &head, &nonempty);
    match genre_heading(text, &head) {
        Some(hi) => l.read_title(text, head[hi]),
        None => l.read_page(text, &head, &nonempty),
    }
    if l.kind != Kind::News {
        l.preamble = preamble(text, &l);
    }
    l
}

/// Own number: `Số: …` (`Luật số: …`, `Số hiệu: …`) near the top, the
/// number on the label's line or the next; else the number of a gazette
/// part continued from an earlier issue, or of a consolidated text.
fn own_number(text: &str, head: &[(usize, usize)], nonempty: &[(usize, usize)]) -> Option<(String, usize, usize)> {
    head.iter()
        .enumerate()
        .find_map(|(i, &(a, b))| labelled_number(text, a, b, head.get(i + 1)))
        .or_else(|| continued_number(text, head))
        .or_else(|| {
            nonempty
                .iter()
                .enumerate()
                .filter_map(|(i, &(a, b))| labelled_number(text, a, b, nonempty.get(i + 1)))
                .find(|n| n.0.contains("/VBHN-"))
        })
}

/// The line of `head` that is a heading in capitals naming the genre.
fn genre_heading(text: &str, head: &[(usize, usize)]) -> Option<usize> {
    const GENRES: [&str; 5] = [
        "chuong trinh",
        "quy che phoi hop",
        "thoa thuan",
        "nghi quyet lien tich",
        "ke hoach",
    ];
    head.iter().position(|&(a, b)| {
        let line = text[a..b].trim();
        is_capitals(line) && {
            let k = name_key(line);
            GENRES.iter().any(|g| k.starts_with(g))
        }
    })
}

/// Preamble: after the title, up to the first body heading (else to the
/// end of the last `Căn cứ`/`Thực hiện` line).
fn preamble(text: &str, l: &Layout) -> (usize, usize) {
    let from = l.title_span.map_or(0, |t| t.1);
    let mut to = text.len();
    let mut last_opener = None;
    for &(a, b) in l.lines.iter().filter(|x| x.0 >= from) {
        let line = &text[a..b];
        if may_be_body_heading(line) && BODY_HEADING.is_match(line) {
            to = a;
            break;
        }
        if is_preamble_opener(line) {
            last_opener = Some(b);
        }
    }
    if to == text.len() {
        to = last_opener.unwrap_or(from);
    }
    (from, to.max(from))
}

impl Layout {
    /// Place and date line: at the top, or else near the signatures.
    fn read_place_line(&mut self, doc: &Doc, head: &[(usize, usize)], nonempty: &[(usize, usize)]) {
        let text = doc.text;
        let tail_from = nonempty.len().saturating_sub(60);
        let candidates: Vec<(usize, usize)> = head.iter().chain(nonempty[tail_from..].iter()).copied().collect();
        let mut undated: Option<(String, (usize, usize))> = None;
        for (k, &(la, lb)) in candidates.iter().enumerate() {
            if !text[la..lb].contains(',') {
                continue;
            }
            // The two-column header puts `Số: …` and the place line side by
            // side; a narrow column breaks the date onto the next line.
            let next = candidates.get(k + 1).map(|&(a, b)| &text[a..b]);
            for (a, b) in columns(doc, la, lb) {
                match place_line(doc, &text[a..b], next) {
                    Some(PlaceLine {
                        date: Some((d, at)),
                        place,
                        place_span,
                    }) => {
                        self.date = Some(d);
                        self.date_span = Some(at);
                        self.place_span = place.is_some().then_some(place_span);
                        self.place = place;
                        undated = None;
                        break;
                    }
                    Some(PlaceLine {
                        date: None,
                        place: Some(place),
                        place_span,
                    }) if undated.is_none() => undated = Some((place, place_span)),
                    _ => {}
                }
            }
            if self.date.is_some() {
                break;
            }
        }
        if self.place.is_none() {
            if let Some((place, at)) = undated {
                self.place = Some(place);
                self.place_span = Some(at);
            }
        }
    }

    /// The title from the genre heading `(a, end)` and the lines under it
    /// that continue it; the kind it gives (agreement or plan).
    fn read_title(&mut self, text: &str, heading: (usize, usize)) {
        let (a, end) = self.title_under(text, heading);
        self.title_span = Some((a, end));
        self.title = Some(one_line(&text[a..end]));
        let k = name_key(&text[a..end]);
        // A plan (Kế hoạch, or a Chương trình of one body) unless the title
        // says it is joint, before it names what it carries out ("KẾ HOẠCH
        // Triển khai thực hiện Chương trình phối hợp … giữa …" is one
        // body's plan).
        let own = own_part(&k);
        let joint = own.contains("phoi hop") || own.contains("giua") || own.contains("lien tich");
        let plan = (k.starts_with("ke hoach") || k.starts_with("chuong trinh")) && !joint;
        self.kind = if plan { Kind::Plan } else { Kind::Agreement };
    }

    /// The heading `(a, end)` and the lines under it that continue it.
    fn title_under(&self, text: &str, (a, mut end): (usize, usize)) -> (usize, usize) {
        let mut continued = false;
        let mut blank = false;
        let mut last = a;
        let first = self.lines.iter().position(|&x| x.0 == a).unwrap_or(0);
        for &(la, lb) in self.lines.iter().skip(first + 1).take(12) {
            if lb == la {
                if continued {
                    break;
                }
                blank = true;
                continue;
            }
            let line = &text[la..lb];
            // A line right under the heading is the title ("KẾ HOẠCH /
            // Thực hiện Chương trình …") unless it reads like a preamble
            // paragraph (after a blank line or another title line, or ending
            // with ; , or :).
            let preamble_like = blank || continued || line.trim_end().ends_with([';', ',', ':']);
            if (TITLE_STOP.is_match(line) && preamble_like) || line.len() > 400 || PLACE_LINE.is_match(line) {
                break;
            }
            // The enacting body in capitals under a title in running case
            // (`… giai đoạn 2025 - 2027 ⏎ ỦY BAN THƯỜNG VỤ QUỐC HỘI`).
            if continued && is_capitals(line.trim()) && !is_capitals(text[last..end].trim()) {
                break;
            }
            last = la;
            end = lb;
            continued = true;
        }
        (a, end)
    }

    /// A text without a genre heading: the first line is its headline; a
    /// news page by its time stamp, byline or running prose; a database
    /// page by the kind it states.
    fn read_page(&mut self, text: &str, head: &[(usize, usize)], nonempty: &[(usize, usize)]) {
        let paper = is_paper(text, head);
        // An official paper's title is its heading in capitals naming its
        // type (`NGHỊ ĐỊNH`, `THÔNG TƯ`, `LUẬT`) and the lines under it;
        // a page's, its first line that is not a running header.
        let heading = paper
            .then(|| head.iter().copied().find(|&(a, b)| is_type_heading(&text[a..b])))
            .flatten();
        let title = match heading {
            Some(h) => Some(self.title_under(text, h)),
            None => nonempty.iter().copied().find(|&(a, b)| !is_running_line(&text[a..b])),
        };
        if let Some((a, b)) = title {
            self.title_span = Some((a, b));
            self.title = Some(one_line(&text[a..b]));
        }
        self.read_news_stamp(text, nonempty);
        if paper {
            // A database page says what the paper is (`Loại văn bản: Kế hoạch`).
            if let Some(kind) = head.iter().find_map(|&(a, b)| database_kind(&text[a..b])) {
                self.kind = kind;
            }
        }
        if self.kind != Kind::News && !paper {
            // A page copy's stamp in any of its shapes (the first that gives
            // a time wins: a date alone may be the site's today).
            let stamps: Vec<(Date, bool, (usize, usize))> = nonempty
                .iter()
                .take(12)
                .filter_map(|&(a, b)| stamp(&text[a..b]).map(|s| (s.0, s.1, (a + s.2 .0, a + s.2 .1))))
                .collect();
            if let Some(&(d, _, at)) = stamps.iter().find(|s| s.1).or(stamps.first()) {
                self.kind = Kind::News;
                self.date = Some(d);
                self.date_span = Some(at);
            } else if nonempty.iter().any(|&(a, b)| is_prose(&text[a..b])) {
                // Running prose under a headline, with no paper's header.
                self.kind = Kind::News;
            }
        }
        if self.kind != Kind::News {
            let first = &text[..floor_boundary(text, 2000)];
            if name_key(first).contains("ky ket") {
                self.kind = Kind::News;
            }
        }
    }

    /// News: a time stamp in the first ten lines gives the date (a stamp
    /// with a time just below a bare date wins: the date may be the site's
    /// today), and a short line two above it the byline.
    fn read_news_stamp(&mut self, text: &str, nonempty: &[(usize, usize)]) {
        for (i, &(a, b)) in nonempty.iter().enumerate().take(10) {
            let line = text[a..b].trim();
            let Some(c) = NEWS_STAMP.captures(line) else {
                continue;
            };
            self.kind = Kind::News;
            let found = c.get(1).and_then(|m| {
                let (d, n) = date_at_start(m.as_str())?;
                let at = offset_in(text, line) + m.start();
                Some((d, (at, at + n)))
            });
            self.date = found.map(|f| f.0);
            self.date_span = found.map(|f| f.1);
            if !line.contains(':') {
                let timed = nonempty[i + 1..]
                    .iter()
                    .take(12usize.saturating_sub(i + 1))
                    .filter_map(|&(a, b)| stamp(&text[a..b]).map(|s| (s.0, s.1, (a + s.2 .0, a + s.2 .1))))
                    .find(|s| s.1);
                if let Some((d, _, at)) = timed {
                    self.date = Some(d);
                    self.date_span = Some(at);
                }
            }
            if i >= 2 {
                let (pa, pb) = nonempty[i - 1];
                let by = text[pa..pb].trim();
                let words = by.split_whitespace().count();
                if (1..=6).contains(&words)
                    && by.chars().next().is_some_and(char::is_uppercase)
                    && !by.ends_with(['.', ':', ';'])
                {
                    self.author = Some(by.to_string());
                }
            }
            break;
        }
    }
}

/// The part of a title's name key before it names what the document carries
/// out (`… triển khai …`, `… thực hiện …`).
fn own_part(key: &str) -> &str {
    [" trien khai ", " thuc hien "]
        .iter()
        .filter_map(|w| key.find(w))
        .min()
        .map_or(key, |i| &key[..i])
}

/// The line `a..b`, then its columns when it has several: parts set apart
/// by a tab, a `|` or a run of two spaces or more, trimmed.
fn columns(doc: &Doc, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(a, b)];
    let parts = segments(doc, a, b);
    if parts.len() > 1 {
        out.extend(parts);
    } else if let Some(at) = after_own_number(doc.text, a, b) {
        out.push((at, b));
    }
    out
}

/// Where the text after a labelled number starts, when the line goes on
/// after it with a single space (`Số: 74/2025/NĐ-CP Hà Nội, ngày …`, the
/// two header columns as a PDF's content order or a copied page joins them).
fn after_own_number(text: &str, a: usize, b: usize) -> Option<usize> {
    let (_, _, e) = labelled_number(text, a, b, None)?;
    let t = text[e..b].trim_start();
    (!t.trim_end().is_empty()).then(|| b - t.len())
}

/// The columns of the line `a..b`: its parts set apart by a tab, a `|` or a
/// run of two spaces or more, trimmed (none for a blank line).
pub(crate) fn segments(doc: &Doc, a: usize, b: usize) -> Vec<(usize, usize)> {
    let text = doc.text;
    let line = &text[a..b];
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        let gap = match c {
            '|' | '\t' => true,
            // Normalisation makes any run of spaces one: the source says
            // whether it was a gap between columns.
            ' ' => doc.is_column_gap(a + i),
            _ => false,
        };
        if gap {
            parts.push((start, i));
            start = i + c.len_utf8();
        }
    }
    parts.push((start, line.len()));
    parts
        .into_iter()
        .filter_map(|(s, e)| {
            let seg = &line[s..e];
            let lead = seg.len() - seg.trim_start().len();
            let t = seg.trim();
            (!t.is_empty()).then(|| (a + s + lead, a + s + lead + t.len()))
        })
        .collect()
}

impl Doc<'_> {
    /// Whether the space at byte `i` of the normalised text stands for a
    /// gap between columns in the source: a tab, or two spaces or more.
    pub(crate) fn is_column_gap(&self, i: usize) -> bool {
        let (p, _) = self.norm.span_to_original(self.original, i, i + 1);
        let (q, _) = self.norm.span_to_original(self.original, i + 1, i + 2);
        let Some(gap) = self.original.get(p..q.max(p)) else {
            return false;
        };
        gap.contains('\t') || gap.chars().filter(|c| c.is_whitespace()).take(2).count() == 2
    }

    /// The display column (tabs to stops of eight) where byte `i` of the
    /// normalised text stands in its source line.
    pub(crate) fn display_column(&self, i: usize) -> usize {
        let (p, _) = self.norm.span_to_original(self.original, i, i + 1);
        let line = self.original.get(..p).unwrap_or("");
        let from = line.rfind('\n').map_or(0, |n| n + 1);
        line[from..]
            .chars()
            .fold(0, |col, c| if c == '\t' { col + 8 - col % 8 } else { col + 1 })
    }
}

/// What a place line says, with byte spans into the normalised text.
struct PlaceLine {
    date: Option<(Date, (usize, usize))>,
    place: Option<String>,
    place_span: (usize, usize),
}

/// A place line (`Bến Tre, ngày 5 tháng 3 năm 2024`): its date, when it
/// has one (the date may run onto `next`, the following line), and the
/// province its place names. None when it is not a place line. `line` and
/// `next` are slices of the document's text.
fn place_line(doc: &Doc, line: &str, next: Option<&str>) -> Option<PlaceLine> {
    // The place has no comma, so the line's first comma ends it; the
    // date is what follows, after spaces.
    let comma = line.find(',')?;
    let place = line[..comma].trim();
    let date = line[comma + 1..].trim_start();
    let after = date.get(..5).filter(|w| w.to_lowercase() == "ngày")?;
    if !date[after.len()..].chars().next().is_none_or(char::is_whitespace) || place.len() < 2 || place.len() > 60 {
        return None;
    }
    // The place is a known province or town, or a short name in the
    // header; a citation followed by its date is not a place line.
    let known = doc.k.places.place(place).map(|p| p.name.clone());
    let short_name = place.split_whitespace().count() <= 4
        && place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !place.chars().any(|c| c.is_ascii_digit());
    if known.is_none() && !short_name {
        return None;
    }
    let at = offset_in(doc.text, date);
    let d = date_at_start(date).map(|(d, n)| (d, (at, at + n))).or_else(|| {
        // `Hải Dương, ngày` / `15 tháng 11 năm 2021`.
        let next = next?.trim();
        let (d, n) = (date.len() <= 40).then(|| date_at_start(&format!("{date} {next}")))??;
        // The end lies on the next line (after the joining space).
        let end = match n.checked_sub(date.len() + 1) {
            Some(k) => offset_in(doc.text, next) + k,
            None => at + n.min(date.len()),
        };
        Some((d, (at, end.max(at))))
    });
    let p = offset_in(doc.text, place);
    Some(PlaceLine {
        date: d,
        place: known,
        place_span: (p, p + place.len()),
    })
}

/// Whether the head of a text is an official paper's: a `Số:` or `Số hiệu`
/// line, the national motto, a genre line in capitals, a database page's
/// labels, or a first line that opens with a genre.
fn is_paper(text: &str, head: &[(usize, usize)]) -> bool {
    for (i, &(a, b)) in head.iter().enumerate() {
        let t = text[a..b].trim();
        let k = name_key(t);
        let label = ["Số", "SỐ", "số"]
            .iter()
            .any(|p| t.strip_prefix(p).is_some_and(|r| r.trim_start().starts_with(':')));
        if label {
            return true;
        }
        let genre = PAPER_GENRES
            .iter()
            .any(|g| k.starts_with(g) && is_word_boundary(&k, g.len()));
        if genre && (i == 0 || is_capitals(t)) {
            return true;
        }
        if [
            "trich yeu",
            "tieu de van ban",
            "tap tin dinh kem",
            "loai van ban",
            "so hieu",
        ]
        .iter()
        .any(|g| k.starts_with(g))
        {
            return true;
        }
    }
    false
}

/// The kind a database page's label gives (`Loại văn bản: Kế hoạch`,
/// `Loại tài liệu | Kế hoạch |`).
fn database_kind(line: &str) -> Option<Kind> {
    let k = name_key(line);
    let at = k.find("loai van ban").or_else(|| k.find("loai tai lieu"))?;
    let label = if k[at..].starts_with("loai van ban") {
        "loai van ban"
    } else {
        "loai tai lieu"
    };
    let value = k[at + label.len()..].trim_start();
    if value.starts_with("ke hoach") {
        Some(Kind::Plan)
    } else if value.starts_with("chuong trinh phoi hop") || value.starts_with("quy che phoi hop") {
        Some(Kind::Agreement)
    } else {
        None
    }
}

/// A publication stamp (`THỨ TƯ, 05/08/2020 12:16:19`, `Cập nhật ngày:
/// 17/06/2013 05:11:51`, `TNĐT 17:23, 13/11/2023`, `Thứ Sáu, 19/07/2019,
/// 23:24 [GMT+7]`, ` date 2026-01-26 …`): its date, whether it gives a
/// time, and the date's byte span in `line`.
fn stamp(line: &str) -> Option<(Date, bool, (usize, usize))> {
    if let Some(c) = STAMP_ISO.captures(line) {
        let m = c.get(1)?;
        return Some((Date::parse_iso(m.as_str())?, false, (m.start(), m.end())));
    }
    let t = line.trim();
    if t.len() > 90 || !t.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let m = STAMP_DATE
        .find(t)
        .or_else(|| GLUED_DATE.captures(t).and_then(|c| c.get(1)))?;
    let (d, n) = date_at_start(m.as_str())?;
    let rest = format!("{} {}", &t[..m.start()], &t[m.end()..]);
    let timed = rest.contains(':') && rest.chars().any(|c| c.is_ascii_digit());
    let at = offset_in(line, t) + m.start();
    // A byline glued to its date as a page copy joins them
    // (`Thúy Quỳnh03/02/2026`).
    let before = &t[..m.start()];
    let byline = before.ends_with(char::is_lowercase)
        && t[m.end()..].trim().is_empty()
        && (2..=4).contains(&before.split_whitespace().count())
        && before.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    (byline || STAMP_REST.replace_all(&rest, "").is_empty()).then_some((d, timed, (at, at + n)))
}

/// A heading in capitals that is only an official paper's type (`NGHỊ
/// ĐỊNH`, `THÔNG TƯ LIÊN TỊCH`, `LUẬT`, `QUYẾT ĐỊNH`).
fn is_type_heading(line: &str) -> bool {
    const TYPES: [&str; 12] = [
        "nghi dinh",
        "thong tu",
        "thong tu lien tich",
        "quyet dinh",
        "nghi quyet",
        "luat",
        "bo luat",
        "phap lenh",
        "chi thi",
        "ket luan",
        "thong bao",
        "huong dan",
    ];
    let t = line.trim();
    is_capitals(t) && {
        let k = name_key(t);
        TYPES.contains(&k.as_str())
    }
}

/// A line that is not a page's own text: the gazette's running header
/// (`CÔNG BÁO/Số 361 + 362/Ngày 28-02-2025`), a page number, or a digital
/// signature's stamp (`Người ký: …`, `Ký bởi: …`, `Email: …`).
fn is_running_line(line: &str) -> bool {
    const STAMPS: [&str; 6] = [
        "Người ký:",
        "Ký bởi:",
        "Email:",
        "Cơ quan:",
        "Thời gian ký:",
        "Ngày ký:",
    ];
    let t = line.trim();
    t.is_empty()
        || t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
        || t.starts_with("CÔNG BÁO/")
        || STAMPS.iter().any(|s| t.starts_with(s))
}

/// A paragraph of running prose: twenty words or more with a sentence's end.
fn is_prose(line: &str) -> bool {
    let t = line.trim_end();
    t.split_whitespace().nth(19).is_some() && (t.contains(". ") || t.ends_with(['.', '…', ':']))
}

/// What follows a number label at the start of `line`: `Số:`, `Số`, `SỐ`,
/// `Số hiệu:`, `số:`, or a type word and `số:` (`Luật số:`, `Bộ luật số:`,
/// `Nghị quyết số:`). Lower-case `số` without a colon is not a label: it is a
/// citation wrapped after its type word (`Luật Bảo hiểm y tế ⏎số 25/2008/QH12`).
pub(crate) fn strip_number_label(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let (t, typed) = match NUMBER_TYPE.find(t) {
        Some(m) => (&t[m.end()..], true),
        None => (t, false),
    };
    let (rest, capital) = if let Some(r) = t.strip_prefix("Số").or_else(|| t.strip_prefix("SỐ")) {
        (r, true)
    } else {
        (t.strip_prefix("số")?, false)
    };
    if rest.starts_with(char::is_alphabetic) {
        return None;
    }
    let rest = rest.trim_start();
    if let Some(r) = rest.strip_prefix("hiệu").or_else(|| rest.strip_prefix("HIỆU")) {
        // `Số hiệu: …`, or a copied table's row `Số hiệu 1741/QĐ-UBND`.
        let t = r.trim_start();
        return t.strip_prefix(':').or_else(|| (t.len() < r.len()).then_some(t));
    }
    match rest.strip_prefix(':') {
        Some(r) => Some(r.trim_start_matches(':')),
        None if capital && !typed => Some(rest),
        None => None,
    }
}

/// Type words that may stand before the label `số:` of a document's own
/// number, at the start of its line.
static NUMBER_TYPE: LazyLock<Regex> =
    static_regex!(r"^(?:Bộ\s+luật|BỘ\s+LUẬT|Luật|LUẬT|Nghị\s+quyết|NGHỊ\s+QUYẾT|Pháp\s+lệnh|PHÁP\s+LỆNH|Lệnh|LỆNH)\s+");

/// The own number a label on line `a..b` gives (on the line itself, or on
/// the next line `next` when the label stands alone), with its span.
fn labelled_number(text: &str, a: usize, b: usize, next: Option<&(usize, usize)>) -> Option<(String, usize, usize)> {
    let line = &text[a..b];
    let rest = strip_number_label(line)?;
    let (rest, off) = match next {
        Some(&(c, d)) if rest.trim().is_empty() => (&text[c..d], c),
        _ => (rest, a + (line.len() - rest.len())),
    };
    let (id, s, e) = first_symbol(rest)?;
    rest[..s].trim().is_empty().then(|| (id, off + s, off + e))
}

/// A gazette part continued from an earlier issue opens with the title line
/// of its document (`Thông tư số 102/2018/TT-BTC ngày …`) above
/// `(Tiếp theo Công báo số …)`: that document's number.
fn continued_number(text: &str, head: &[(usize, usize)]) -> Option<(String, usize, usize)> {
    let at = head
        .iter()
        .position(|&(a, b)| name_key(prefix_of(&text[a..b], 40)).starts_with("tiep theo cong bao"))?;
    head[..at].iter().rev().find_map(|&(a, b)| {
        let line = &text[a..b];
        let (id, s, e) = first_symbol(line)?;
        let before = line[..s].trim();
        let label = before
            .strip_suffix("số")
            .is_some_and(|t| t.trim_end().chars().next().is_some_and(char::is_uppercase));
        label.then(|| (id, a + s, a + e))
    })
}

/// At most `n` bytes of `s` from its start, cut at a character boundary.
fn prefix_of(s: &str, n: usize) -> &str {
    &s[..floor_boundary(s, n)]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lines joined with single spaces.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A fact and where the text says it (byte span), when it says it in one place.
pub(crate) type Placed<T> = (T, Option<(usize, usize)>);

/// The province on the document: its place line, then its title, then the
/// lines above the title, then its signature blocks, then the province the
/// text names most; with the place it is read from.
pub(crate) fn province(doc: &Doc, l: &Layout) -> Option<Placed<String>> {
    // A national document has no province: `Hà Nội, ngày …` is where it was
    // signed, not whom it concerns.
    if is_national(doc, l) {
        return None;
    }
    if let Some(p) = &l.place {
        return Some((p.clone(), l.place_span));
    }
    let text = doc.text;
    let places = &doc.k.places;
    let first_in = |a: usize, b: usize| {
        places
            .introduced(&text[a..b])
            .next()
            .map(|(p, s, e)| (p.name.clone(), Some((a + s, a + e))))
    };
    if let Some((a, b)) = l.title_span {
        // A headline that opens with its province (`Hưng Yên: Phấn đấu …`).
        if let Some((p, n)) = places.at_start(&text[a..b]) {
            let lead = text[a..b].len() - text[a..b].trim_start().len();
            if text[a + n..b].trim_start().starts_with(':') {
                return Some((p.name.clone(), Some((a + lead, a + n))));
            }
        }
        if let Some(p) = first_in(a, b) {
            return Some(p);
        }
        if let Some(p) = first_in(0, a) {
            return Some(p);
        }
    }
    let tail = l.lines.len().saturating_sub(40);
    if let Some(&(a, _)) = l.lines.get(tail) {
        if let Some(p) = first_in(a, text.len()) {
            return Some(p);
        }
    }
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (p, s, end) in places.introduced(text) {
        let e = counts.entry(p.name.as_str()).or_insert((0, s, end));
        e.0 += 1;
    }
    let most = counts
        .into_iter()
        .max_by_key(|&(_, (n, first, _))| (n, std::cmp::Reverse(first)))
        .map(|(p, (_, s, e))| (p.to_string(), Some((s, e))));
    let era = match l.date {
        Some(d) if d >= places.two_tiers_from() => Era::BeforeOrAfter,
        _ => Era::Before,
    };
    most.or_else(|| province_by_parts(doc, era))
}

/// The province a text names through its parts when it never says `tỉnh
/// X`: a district introduced as such (`huyện Hiệp Hòa`, `TP. Việt Trì`), or
/// two districts of one province named bare (`Thanh Miện, Bình Giang`), or
/// a province named after an organisation (`Tỉnh đoàn Kon Tum`), or a name
/// of the city (`TP.HCM`).
fn province_by_parts(doc: &Doc, era: Era) -> Option<Placed<String>> {
    let text = doc.text;
    let places = &doc.k.places;
    let mut introduced: Vec<(&str, usize, usize)> = Vec::new();
    let mut bare: Vec<(&str, usize, usize)> = Vec::new();
    for (p, intro, s, e) in places.districts_in(text) {
        if intro {
            introduced.push((p.name.as_str(), s, e));
        } else if text[s..].starts_with(char::is_uppercase) {
            bare.push((p.name.as_str(), s, e));
        }
    }
    if let Some(&(p, s, e)) = introduced.first() {
        return Some((p.to_string(), Some((s, e))));
    }
    let k = doc.k;
    for m in k.orgs.iter(text, places) {
        if let crate::orgs::Locality::Place { province: Some(p), .. } = m.locality {
            return Some((p, Some((m.start, m.end))));
        }
        // `Phòng Giáo dục và Đào tạo Hiệp Hòa`: a district right after.
        let rest = &text[m.end..floor_boundary(text, m.end + 40)];
        // Written as a name (`… thống nhất xây dựng` is a verb).
        if let Some((p, _, 1, e)) = places.districts_in(rest).next() {
            if rest[1..].starts_with(char::is_uppercase) {
                return Some((p.name.clone(), Some((m.end + 1, m.end + e))));
            }
        }
    }
    for alias in ["TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "TP.Hồ Chí Minh"] {
        if let Some(i) = text.find(alias) {
            return places
                .province(alias)
                .or_else(|| places.province("Hồ Chí Minh"))
                .map(|p| (p.name.clone(), Some((i, i + alias.len()))));
        }
    }
    if let Some(p) = province_by_commune(text, era) {
        return Some(p);
    }
    let &(first, fs, fe) = bare.first()?;
    let mut names: Vec<String> = bare
        .iter()
        .map(|&(_, s, _)| {
            let w: Vec<&str> = text[s..].split_whitespace().take(2).collect();
            name_key(&w.join(" "))
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    (bare.iter().all(|b| b.0 == first) && names.len() >= 2).then(|| (first.to_string(), Some((fs, fe))))
}

/// A commune introduced by its unit word: `xã Buôn Triết`, `Phường Hoàn
/// Kiếm`, `thị trấn Phước Sơn` (each word of the name capitalised).
static COMMUNE_NAMED: LazyLock<Regex> =
    static_regex!(r"(?:xã|Xã|phường|Phường|thị\s+trấn|Thị\s+trấn)[ \t]+(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){0,3})");

/// The province of the first commune the text names whose name is one
/// province's only (data/communes.tsv), the longest name first.
fn province_by_commune(text: &str, era: Era) -> Option<Placed<String>> {
    for c in COMMUNE_NAMED.captures_iter(text) {
        let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if !is_word_boundary(text, all.start()) {
            continue;
        }
        let name = m.as_str();
        let mut ends: Vec<usize> = name.match_indices([' ', '\t']).map(|(i, _)| i).collect();
        ends.push(name.len());
        for &e in ends.iter().rev() {
            if let Some(p) = communes::province_of(&name[..e], era) {
                return Some((p.to_string(), Some((m.start(), m.start() + e))));
            }
        }
    }
    None
}

/// Issuers whose name heading a document makes it national.
const NATIONAL_HEADERS: &[&str] = &[
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "CHỦ TỊCH NƯỚC",
    "VĂN PHÒNG CHÍNH PHỦ",
];

/// Whether the document is a national issuer's: its own number says so
/// (`158/2025/NĐ-CP`), or a national issuer heads it (`CHÍNH PHỦ`).
fn is_national(doc: &Doc, l: &Layout) -> bool {
    l.number.as_ref().is_some_and(|n| is_national_number(&n.0))
        || l.lines
            .iter()
            .filter(|&&(a, b)| b > a)
            .take(10)
            .any(|&(a, b)| NATIONAL_HEADERS.contains(&doc.text[a..b].trim()))
}

/// The char boundary at most `n` bytes before `end`.
fn floor_boundary_back(text: &str, end: usize, n: usize) -> usize {
    let mut i = end.saturating_sub(n);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The period the document covers: from its title, else the first
/// "giai đoạn YYYY-YYYY" in the text; with the byte span of the words that say it.
pub(crate) fn period(doc: &Doc, l: &Layout) -> Option<Placed<[u16; 2]>> {
    let valid = |c: &regex::Captures, at: usize| -> Option<Placed<[u16; 2]>> {
        let (a, b): (u16, u16) = (c.get(1)?.as_str().parse().ok()?, c.get(2)?.as_str().parse().ok()?);
        let m = c.get(0)?;
        // A school year (`năm học 2024 - 2025`) is when, not what the
        // document covers.
        let before = &doc.text[floor_boundary_back(doc.text, at + m.start(), 16)..at + m.start()];
        let school_year = b == a + 1 && {
            let k = name_key(before);
            k.ends_with("nam hoc") || k.ends_with("nien khoa")
        };
        (a <= b && b - a <= 30 && !school_year).then_some(([a, b], Some((at + m.start(), at + m.end()))))
    };
    if let Some((a, b)) = l.title_span {
        let title = &doc.text[a..b];
        for re in [&*PERIOD_STAGE, &*PERIOD_ANY] {
            if let Some(p) = re.captures_iter(title).find_map(|c| valid(&c, a)) {
                return Some(p);
            }
        }
    }
    PERIOD_STAGE
        .captures_iter(doc.text)
        .filter(|c| c.get(0).is_some_and(|m| is_whole_word(doc.text, m.start(), m.end())))
        .find_map(|c| valid(&c, 0))
}
