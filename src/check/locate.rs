//! Character spans to lines, columns and excerpts.

use serde::Serialize;

/// Where a span lies in a document's text, for people and code-scanning UIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column of the start, in characters (Unicode scalar values).
    pub column: usize,
    /// Line and column just past the span's end.
    pub end_line: usize,
    pub end_column: usize,
    /// The text of the span.
    pub text: String,
    /// The line the span starts on, trimmed (cut around the span when long).
    pub excerpt: String,
}

/// Longest excerpt kept whole, in characters.
const EXCERPT: usize = 240;
/// Characters kept on each side of a span in a cut excerpt.
const CONTEXT: usize = 80;

/// The lines of a text: for each, its first character's offset and byte.
pub(super) struct Lines {
    starts: Vec<(usize, usize)>,
    chars: usize,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![(0, 0)];
        let mut chars = 0;
        for (b, c) in text.char_indices() {
            chars += 1;
            if c == '\n' {
                starts.push((chars, b + 1));
            }
        }
        Lines { starts, chars }
    }

    /// The line (0-based) that holds character `pos`.
    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|s| s.0 <= pos).saturating_sub(1)
    }

    /// The text of line `i`, without its line break.
    fn line<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let from = self.starts[i].1;
        let to = self.starts.get(i + 1).map_or(text.len(), |s| s.1);
        text[from..to].trim_end_matches(['\n', '\r'])
    }

    pub fn locate(&self, text: &str, [start, end]: [usize; 2]) -> Option<Location> {
        if start > end || end > self.chars {
            return None;
        }
        let (l0, l1) = (self.line_of(start), self.line_of(end));
        let line = self.line(text, l0);
        let col = start - self.starts[l0].0;
        let end_col = end - self.starts[l1].0;
        let span_text: String = text[self.starts[l0].1..].chars().skip(col).take(end - start).collect();
        Some(Location {
            line: l0 + 1,
            column: col + 1,
            end_line: l1 + 1,
            end_column: end_col + 1,
            text: span_text,
            excerpt: excerpt(line, col, (col + (end - start)).min(line.chars().count())),
        })
    }

    /// The span of the number on the `Số: …` line near the top.
    pub fn number_line(&self, text: &str) -> Option<[usize; 2]> {
        (0..self.starts.len()).take(60).find_map(|i| {
            let line = self.line(text, i);
            let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | '_'));
            let rest = ["Số", "SỐ", "số"].iter().find_map(|w| t.strip_prefix(w))?;
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            let number = rest.trim().trim_end_matches(['*', '_']).trim();
            if number.is_empty() {
                return None;
            }
            let lead = rest.len() - rest.trim_start().len();
            let skip = line[..line.len() - rest.len() + lead].chars().count();
            let start = self.starts[i].0 + skip;
            Some([start, start + number.chars().count()])
        })
    }
}

/// The line, trimmed, cut around columns `[a, b)` when long.
fn excerpt(line: &str, a: usize, b: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let (mut from, mut to) = (0, chars.len());
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    if to - from <= EXCERPT {
        return chars[from..to].iter().collect();
    }
    let (mut cut_from, mut cut_to) = (a.saturating_sub(CONTEXT).max(from), (b + CONTEXT).min(to));
    if cut_to - cut_from > EXCERPT {
        cut_to = cut_from + EXCERPT;
    }
    if cut_from >= cut_to {
        cut_from = from;
        cut_to = (from + EXCERPT).min(to);
    }
    let mut s = String::new();
    if cut_from > from {
        s.push('…');
    }
    s.extend(&chars[cut_from..cut_to]);
    if cut_to < to {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_to_lines_columns_and_excerpts() {
        let text = "\u{feff}\nSố: 12/CTPH-HKH\r\n  Căn cứ Quyết định số 1373/QĐ-TTg;  \nđầu\ncuối";
        // Spans count characters of the text as decoded (no BOM here).
        let text = text.trim_start_matches('\u{feff}');
        let l = Lines::new(text);
        let start = text.chars().position(|c| c == '1').unwrap();
        let loc = l.locate(text, [start, start + 11]).unwrap();
        assert_eq!((loc.line, loc.column, loc.end_line, loc.end_column), (2, 5, 2, 16));
        assert_eq!(loc.text, "12/CTPH-HKH");
        assert_eq!(loc.excerpt, "Số: 12/CTPH-HKH");
        let q = text.find("Quyết").unwrap();
        let qs = text[..q].chars().count();
        let loc = l.locate(text, [qs, qs + 25]).unwrap();
        assert_eq!((loc.line, loc.column), (3, 10));
        assert_eq!(loc.text, "Quyết định số 1373/QĐ-TTg");
        assert_eq!(loc.excerpt, "Căn cứ Quyết định số 1373/QĐ-TTg;");
        // Across a line break, and at the very end.
        let n = text.chars().count();
        let loc = l.locate(text, [n - 8, n]).unwrap();
        assert_eq!((loc.line, loc.column, loc.end_line, loc.end_column), (4, 1, 5, 5));
        assert!(l.locate(text, [n, n + 1]).is_none());
        assert_eq!(l.number_line(text), Some([5, 16]));
        let [a, b] = l.number_line(text).unwrap();
        assert_eq!(text.chars().skip(a).take(b - a).collect::<String>(), "12/CTPH-HKH");
        let md = "### **Số: 7/CTrPH-HKH**\n";
        let [a, b] = Lines::new(md).number_line(md).unwrap();
        assert_eq!(md.chars().skip(a).take(b - a).collect::<String>(), "7/CTrPH-HKH");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}Căn cứ 681/CTr-BGDĐT-HKHVN{}", "a ".repeat(200), " b".repeat(200));
        let a = 400 + 7;
        let e = excerpt(&line, a, a + 19);
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("681/CTr-BGDĐT-HKHVN"));
        assert!(e.chars().count() <= EXCERPT + 2);
    }
}
