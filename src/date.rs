//! Dates as cancu stores them (`YYYY-MM-DD`, or a year, or a year and a
//! month when that is all a text gives) and the ranges `--from`/`--to`
//! select by. A date is compared as the number `YYYYMMDD`; a partial date
//! stands for every day it covers.

use std::fmt;

/// The days from `from` to `to`, both included, as `YYYYMMDD` numbers.
/// Either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<u32>,
    pub to: Option<u32>,
}

/// Why a date typed by a user was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (2019, 2019-06, 2019-06-30)",
            self.0
        )
    }
}

impl std::error::Error for BadDate {}

/// The first and last day a date of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// stands for, or `None` when it is none of these or not a real day.
pub fn days(s: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4).filter(|y| *y >= 1000)?;
    match parts[1..] {
        [] => Some((year * 10_000 + 101, year * 10_000 + 1231)),
        [m] => {
            let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
            let base = year * 10_000 + m * 100;
            Some((base + 1, base + days_in_month(year, m)))
        }
        [m, d] => {
            let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
            let d = num(d, 2).filter(|d| (1..=days_in_month(year, m)).contains(d))?;
            let n = year * 10_000 + m * 100 + d;
            Some((n, n))
        }
        _ => None,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateRange {
    /// The range from the first day of `from` to the last day of `to`
    /// (`--from 2019 --to 2020-06` is 2019-01-01 to 2020-06-30).
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<DateRange, BadDate> {
        let bound = |s: Option<&str>, last: bool| -> Result<Option<u32>, BadDate> {
            s.map(|s| {
                days(s)
                    .map(|(a, b)| if last { b } else { a })
                    .ok_or_else(|| BadDate(s.to_string()))
            })
            .transpose()
        };
        Ok(DateRange {
            from: bound(from, false)?,
            to: bound(to, true)?,
        })
    }

    /// Whether neither end is set (every document, dated or not).
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether a range ends before it starts.
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.to), (Some(a), Some(b)) if a > b)
    }

    /// Whether a document signed on `date` is in the range. A partial date
    /// is in it when any day it stands for is; a document without a date
    /// is in no range but the open one.
    pub fn admits(&self, date: Option<&str>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some((first, last)) = date.and_then(days) else {
            return false;
        };
        self.from.is_none_or(|f| last >= f) && self.to.is_none_or(|t| first <= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_or_a_month_stands_for_all_its_days() {
        assert_eq!(days("2019"), Some((20190101, 20191231)));
        assert_eq!(days("2024-02"), Some((20240201, 20240229)));
        assert_eq!(days("2023-02"), Some((20230201, 20230228)));
        assert_eq!(days("2019-06-30"), Some((20190630, 20190630)));
    }

    #[test]
    fn what_is_not_a_day_is_refused() {
        for bad in [
            "",
            "19",
            "2019-13",
            "2019-02-30",
            "2019-6-1",
            "30/06/2019",
            "2019-06-30-1",
            "２０１９",
        ] {
            assert_eq!(days(bad), None, "{bad}");
        }
        let e = DateRange::parse(Some("2019-13"), None).unwrap_err();
        assert!(e.to_string().contains("\"2019-13\" is not a date"), "{e}");
    }

    #[test]
    fn range_admits_by_overlap_and_never_an_undated_document() {
        let r = DateRange::parse(Some("2019"), Some("2020-06")).unwrap();
        assert_eq!((r.from, r.to), (Some(20190101), Some(20200630)));
        assert!(r.admits(Some("2019-01-01")));
        assert!(r.admits(Some("2020-06-30")));
        assert!(!r.admits(Some("2020-07-01")));
        assert!(!r.admits(Some("2018-12-31")));
        assert!(r.admits(Some("2020")), "a year that overlaps");
        assert!(!r.admits(None));
        assert!(DateRange::default().admits(None));
        let only_from = DateRange::parse(Some("2025-07-01"), None).unwrap();
        assert!(only_from.admits(Some("2026-01-05")) && !only_from.admits(Some("2025-06-30")));
        assert!(DateRange::parse(Some("2021"), Some("2020")).unwrap().is_empty());
    }
}
