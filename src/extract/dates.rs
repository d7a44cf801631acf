//! Dates as Vietnamese documents write them.

pub use crate::date::Date;

/// A date at the very start of `s` (`30/7/2019`, `ngày 05/03/2021`,
/// `ngày 26 tháng 7 năm 2016`, line breaks and odd spacing allowed), with the
/// number of bytes it takes.
///
/// Read by hand, as these two patterns would (`\s` any whitespace, `(?i)`
/// any case, `\b` a Unicode word boundary):
///
/// ```text
/// ^(?i:ngày)\s*(\d{1,2})\s*(?i:tháng)\s*(\d{1,2})\s*,?\s*(?i:năm)\s*(\d{4})\b
/// ^(?i:ngày)?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b
/// ```
pub fn date_at_start(s: &str) -> Option<(Date, usize)> {
    let (day, month, year, end) = in_words(s).or_else(|| numeric(s))?;
    Some((Date::new(year, month, day)?, end))
}

/// `ngày 26 tháng 7 năm 2016`: day, month, year and where it ends.
fn in_words(s: &str) -> Option<(u32, u32, u32, usize)> {
    let mut r = Reader { s, at: 0 };
    r.word("ngày")?;
    r.spaces();
    let day = r.number(2)?;
    r.spaces();
    r.word("tháng")?;
    r.spaces();
    let month = r.number(2)?;
    r.spaces();
    r.one(|c| c == ',');
    r.spaces();
    r.word("năm")?;
    r.spaces();
    let year = r.year()?;
    Some((day, month, year, r.at))
}

/// `ngày 05/03/2021`, `30.7.2019`: day, month, year and where it ends.
fn numeric(s: &str) -> Option<(u32, u32, u32, usize)> {
    let mut r = Reader { s, at: 0 };
    let _ = r.word("ngày");
    r.spaces();
    let day = r.number(2)?;
    r.spaces();
    r.one(|c| matches!(c, '/' | '.' | '-'))?;
    r.spaces();
    let month = r.number(2)?;
    r.spaces();
    r.one(|c| matches!(c, '/' | '.' | '-'))?;
    r.spaces();
    let year = r.year()?;
    Some((day, month, year, r.at))
}

/// A cursor over a text for [`date_at_start`].
struct Reader<'a> {
    s: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    /// One character that `ok` accepts.
    fn one(&mut self, ok: impl Fn(char) -> bool) -> Option<()> {
        let c = self.peek().filter(|&c| ok(c))?;
        self.at += c.len_utf8();
        Some(())
    }

    fn spaces(&mut self) {
        while self.one(char::is_whitespace).is_some() {}
    }

    /// `word` (lower case) in any case; the cursor stays put when it is not
    /// there.
    fn word(&mut self, word: &str) -> Option<()> {
        let start = self.at;
        for w in word.chars() {
            if self.one(|c| c.to_lowercase().eq([w])).is_none() {
                self.at = start;
                return None;
            }
        }
        Some(())
    }

    /// One to `max` ASCII digits, as many as there are. (A digit of another
    /// script would not parse as a number.)
    fn number(&mut self, max: usize) -> Option<u32> {
        let digits = self.s[self.at..]
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 0 {
            return None;
        }
        let n = self.s[self.at..self.at + digits].parse().ok()?;
        self.at += digits;
        Some(n)
    }

    /// Four digits that end a word.
    fn year(&mut self) -> Option<u32> {
        let start = self.at;
        let n = self.number(4)?;
        if self.at - start != 4 || self.peek().is_some_and(regex_syntax::is_word_character) {
            return None;
        }
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<&str>) {
        assert_eq!(
            date_at_start(input).map(|(d, _)| d.to_string()).as_deref(),
            expect,
            "{input:?}"
        );
    }

    #[test]
    fn date_shapes() {
        check("30/7/2019 của", Some("2019-07-30"));
        check("ngày 05/03/2021", Some("2021-03-05"));
        check("ngày 26 tháng 7 năm 2016", Some("2016-07-26"));
        check("ngày  26  tháng\n7 năm\n2016", Some("2016-07-26"));
        check("Ngày 13/ 4 /2007", Some("2007-04-13"));
        check("ngày 10.5.2019", Some("2019-05-10"));
        check("ngày 31/02/2020", None);
        check("ngày 15/11 hàng năm", None);
        check("về việc", None);
    }
}
