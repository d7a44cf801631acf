//! Dates as Vietnamese documents write them.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or None.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:ngày)?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b").expect("static regex")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:ngày)\s*(\d{1,2})\s*(?i:tháng)\s*(\d{1,2})\s*,?\s*(?i:năm)\s*(\d{4})\b").expect("static regex")
});

/// A date at the very start of `s` (`30/7/2019`, `ngày 05/03/2021`,
/// `ngày 26 tháng 7 năm 2016`, line breaks and odd spacing allowed), with the
/// number of bytes it takes.
pub fn date_at_start(s: &str) -> Option<(Date, usize)> {
    let c = WORDS.captures(s).or_else(|| NUMERIC.captures(s))?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let d = Date::new(n(3)?, n(2)?, n(1)?)?;
    Some((d, c.get(0)?.end()))
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
