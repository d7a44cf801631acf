//! News pages (.html): the article, not the page. The headline, byline and
//! publication date come from the page's metadata; the body is the
//! paragraphs of the element that holds the most paragraph text, leaving
//! out menus, headers, footers, sidebars, related links, comments, forms and
//! scripts. A photo's caption says who did what, so it is kept as a
//! paragraph of the article; its label ("… - Ảnh 1.") and its credit
//! ("Ảnh: …") are not.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

/// What a news page says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    pub author: Option<String>,
    /// `HH:MM - DD/MM/YYYY`, or `DD/MM/YYYY`.
    pub published: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Article {
    /// The article as text in the layout news reports have: headline, byline,
    /// time stamp, then the paragraphs.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(t) = &self.title {
            out.push_str(t);
            out.push_str("\n\n");
        }
        if let Some(a) = &self.author {
            out.push_str(a);
            out.push('\n');
        }
        if let Some(p) = &self.published {
            out.push_str(p);
            out.push('\n');
        }
        for p in &self.paragraphs {
            out.push('\n');
            out.push_str(p);
            out.push('\n');
        }
        out
    }
}

/// Tags whose content is never the article.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select",
    "template", "menu",
];

/// Class or id words of page furniture.
const SKIP_WORDS: &[&str] = &[
    "comment",
    "related",
    "menu",
    "sidebar",
    "share",
    "social",
    "footer",
    "header",
    "breadcrumb",
    "banner",
    "advert",
    "tags",
    "navigation",
    "subscribe",
    "relate",
    "box-tinlienquan",
    "tin-lien-quan",
];

static CAPTION: LazyLock<Regex> = static_regex!(r"(?i)(?:[-–]\s*ảnh\s*\d+\s*\.?\s*$|^\s*ảnh\s*:)");
static ISO: LazyLock<Regex> = static_regex!(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?");
static DMY: LazyLock<Regex> = static_regex!(r"\b\d{1,2}/\d{1,2}/\d{4}\b");

fn skipped(e: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&e.name()) {
        return true;
    }
    let words =
        e.attr("class").unwrap_or("").to_ascii_lowercase() + " " + &e.attr("id").unwrap_or("").to_ascii_lowercase();
    SKIP_WORDS.iter().any(|w| words.contains(w))
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn meta(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel)
        .find_map(|e| {
            e.value()
                .attr("content")
                .or_else(|| e.value().attr("datetime"))
                .map(clean)
        })
        .filter(|s| !s.is_empty())
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel)
        .map(|e| clean(&e.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

fn stamp(iso_or_text: &str) -> Option<String> {
    if let Some(c) = ISO.captures(iso_or_text) {
        let (y, m, d) = (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
        return Some(match (c.get(4), c.get(5)) {
            (Some(h), Some(min)) => format!("{}:{} - {d}/{m}/{y}", h.as_str(), min.as_str()),
            _ => format!("{d}/{m}/{y}"),
        });
    }
    DMY.find(iso_or_text).map(|m| m.as_str().to_string())
}

/// Read a news page.
pub fn read(html: &str) -> Article {
    let doc = Html::parse_document(html);
    let title = meta(&doc, r#"meta[property="og:title"]"#)
        .or_else(|| first_text(&doc, "h1"))
        .or_else(|| first_text(&doc, "title"));
    let author = meta(&doc, r#"meta[name="author"]"#)
        .or_else(|| first_text(&doc, r#"[class*="author"]"#))
        .filter(|a| a.split_whitespace().count() <= 6);
    let published = meta(&doc, r#"meta[property="article:published_time"]"#)
        .or_else(|| meta(&doc, r#"meta[itemprop="datePublished"]"#))
        .or_else(|| meta(&doc, "time[datetime]"))
        .or_else(|| first_text(&doc, r#"[class*="date"], [class*="time"]"#))
        .and_then(|s| stamp(&s));

    // One walk with an explicit stack: paragraphs outside page furniture,
    // grouped by the element that holds them.
    let mut paragraphs: Vec<(usize, String)> = Vec::new();
    let mut parents: HashMap<_, usize> = HashMap::new();
    let mut score: Vec<usize> = Vec::new();
    let mut stack = vec![doc.tree.root()];
    while let Some(node) = stack.pop() {
        if let Node::Element(e) = node.value() {
            if skipped(e) {
                continue;
            }
            if matches!(e.name(), "p" | "h2" | "h3" | "blockquote" | "li" | "figcaption") {
                let mut text = ElementRef::wrap(node)
                    .map(|r| clean(&r.text().collect::<String>()))
                    .unwrap_or_default();
                if let Some(i) = text.find("Ảnh:").or_else(|| text.find("ẢNH:")) {
                    text = text[..i].trim_end().to_string();
                }
                // A caption belongs to the element that holds its figure.
                let holder = match (e.name(), node.parent()) {
                    ("figcaption", Some(f)) if matches!(f.value(), Node::Element(x) if x.name() == "figure") => {
                        f.parent()
                    }
                    (_, p) => p,
                };
                if !text.is_empty() && !CAPTION.is_match(&text) {
                    if let Some(parent) = holder {
                        let next = parents.len();
                        let p = *parents.entry(parent.id()).or_insert(next);
                        if p == score.len() {
                            score.push(0);
                        }
                        score[p] += text.len();
                        paragraphs.push((p, text));
                    }
                }
                continue;
            }
        }
        // Children in reverse, so they come off the stack in document order.
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev());
    }
    let best = score
        .iter()
        .enumerate()
        .max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))
        .map(|(i, _)| i);
    let paragraphs = paragraphs
        .into_iter()
        .filter(|(p, _)| Some(*p) == best)
        .map(|(_, t)| t)
        .filter(|t| Some(t) != title.as_ref())
        .collect();
    Article {
        title,
        author,
        published,
        paragraphs,
    }
}

/// Pages nested deeper than this are refused: the HTML tree builder does
/// work proportional to the depth for every element, so depth is time.
pub const MAX_DEPTH: usize = 3000;

/// Elements that never contain others, or close themselves implicitly.
const FLAT: &[&str] = &[
    "br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed", "param", "track", "p",
    "li", "td", "th", "tr", "option", "dt", "dd", "!doctype", "!--",
];

/// How deep the page's elements nest, by a linear scan of its tags.
pub fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off + 1;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| start + e);
        let tag = &text[start..end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.is_empty() && !FLAT.contains(&name.as_str()) && !name.starts_with("!--") {
            if closing {
                depth = depth.saturating_sub(1);
            } else if !tag.ends_with('/') {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = end.min(bytes.len());
        if i >= bytes.len() {
            break;
        }
    }
    max
}

/// Whether decoded text is an HTML page.
pub fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start();
    if !text.starts_with('<') {
        return false;
    }
    // The first 2048 characters, in ASCII lower case.
    let end = text.char_indices().nth(2048).map_or(text.len(), |(i, _)| i);
    let head = text[..end].to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_not_the_page() {
        let page = r#"<!DOCTYPE html><html><head><title>Báo X - Giáo dục</title>
<meta property="og:title" content="Hội Khuyến học tỉnh Lào Cai ký kết phối hợp">
<meta name="author" content="Minh Anh">
<meta property="article:published_time" content="2023-04-03T08:15:00+07:00"></head>
<body><header><nav><a href="/">Trang chủ</a> <p>Thời sự</p></nav></header>
<div class="sidebar"><p>Tin đọc nhiều: một bài rất dài về chủ đề khác hoàn toàn với bài báo này, nhiều chữ.</p></div>
<article><h1>Hội Khuyến học tỉnh Lào Cai ký kết phối hợp</h1>
<div class="detail-content">
<p>Ngày 2/4, Hội Khuyến học tỉnh Lào Cai tổ chức ký kết chương trình phối hợp với Hội Nông dân tỉnh.</p>
<figure><img src="a.jpg"><figcaption>Lễ ký kết - Ảnh 1.</figcaption></figure>
<figure><figcaption>Phó Chủ tịch Hội Khuyến học tỉnh Lào Cai Hoàng Thị Mai ký kết. Ảnh: Hội Khuyến học Lào Cai</figcaption></figure>
<p>Hội Khuyến học tỉnh Lào Cai ký kết chương trình phối hợp - Ảnh 2.</p>
<p>Chương trình thực hiện Chỉ thị 11-CT/TW.</p>
</div></article>
<div class="box-comment"><p>Bình luận: bài viết hay, cảm ơn tác giả đã chia sẻ thông tin hữu ích này nhiều lắm.</p></div>
<footer><p>Bản quyền thuộc về báo.</p></footer></body></html>"#;
        let a = read(page);
        assert_eq!(a.title.as_deref(), Some("Hội Khuyến học tỉnh Lào Cai ký kết phối hợp"));
        assert_eq!(a.author.as_deref(), Some("Minh Anh"));
        assert_eq!(a.published.as_deref(), Some("08:15 - 03/04/2023"));
        assert_eq!(
            a.paragraphs,
            [
                "Ngày 2/4, Hội Khuyến học tỉnh Lào Cai tổ chức ký kết chương trình phối hợp với Hội Nông dân tỉnh.",
                "Phó Chủ tịch Hội Khuyến học tỉnh Lào Cai Hoàng Thị Mai ký kết.",
                "Chương trình thực hiện Chỉ thị 11-CT/TW."
            ]
        );
        assert!(looks_like_html(page));
        assert!(!looks_like_html("Số: 12/KH-UBND <b>"));
    }

    #[test]
    fn nesting_is_measured() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b</div><br><img src=x/></body></html>"),
            3
        );
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
    }

    #[test]
    fn nested_pages_within_the_limit_are_read() {
        let depth = MAX_DEPTH - 10;
        let page = format!(
            "<html><body>{}<p>Chỉ thị 11-CT/TW.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let a = read(&page);
        assert_eq!(a.paragraphs, ["Chỉ thị 11-CT/TW."]);
    }
}
