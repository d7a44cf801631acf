//! Dates: the [`Date`] type that extraction, the catalogue, the index and
//! the checks share (a day, or a year, or a year and a month when that is
//! all a text gives), and the ranges `--from`/`--to` select by. A date is
//! compared as the number `YYYYMMDD`; a partial date stands for every day
//! it covers. Below every other module: it knows no document.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, or the year (and month) of one. Written `YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY` (and serialised so); ordered by year, then month,
/// then day, a partial date before the days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// A day as Vietnamese documents date them (years 1900 to 2100), or
    /// None when it is not a real day.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date {
            year: year as u16,
            month: Some(month as u8),
            day: Some(day as u8),
        })
    }

    /// A day written `YYYY-MM-DD` (years 1900 to 2100).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1000 to 9999), or None when
    /// it is none of these or not a real day.
    pub fn parse(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let year = num(parts.first()?, 4).filter(|y| *y >= 1000)?;
        let month = |m: &str| num(m, 2).filter(|m| (1..=12).contains(m));
        let (month, day) = match parts[1..] {
            [] => (None, None),
            [m] => (Some(month(m)?), None),
            [m, d] => {
                let m = month(m)?;
                let d = num(d, 2).filter(|d| (1..=days_in_month(year, m)).contains(d))?;
                (Some(m), Some(d))
            }
            _ => return None,
        };
        Some(Date {
            year: year as u16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// Whether it is a whole day (not a year or a month).
    pub fn is_day(self) -> bool {
        self.day.is_some()
    }

    /// The first and last day it stands for, as `YYYYMMDD` numbers.
    pub fn days(self) -> (u32, u32) {
        let year = u32::from(self.year);
        match (self.month.map(u32::from), self.day.map(u32::from)) {
            (Some(m), Some(d)) => {
                let n = year * 10_000 + m * 100 + d;
                (n, n)
            }
            (Some(m), None) => {
                let base = year * 10_000 + m * 100;
                (base + 1, base + days_in_month(year, m))
            }
            _ => (year * 10_000 + 101, year * 10_000 + 1231),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(BadDate(s.into_owned())))
    }
}

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
    Date::parse(s).map(Date::days)
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
    pub fn admits_date(&self, date: Option<Date>) -> bool {
        if self.is_open() {
            return true;
        }
        let Some((first, last)) = date.map(Date::days) else {
            return false;
        };
        self.from.is_none_or(|f| last >= f) && self.to.is_none_or(|t| first <= t)
    }

    /// [`DateRange::admits_date`] for a date as written (`YYYY[-MM[-DD]]`);
    /// one that is not a date is in no range but the open one.
    pub fn admits(&self, date: Option<&str>) -> bool {
        self.admits_date(date.and_then(Date::parse))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_and_parse_as_written_and_order_by_day() {
        for s in ["2019", "2024-02", "2019-06-30"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(d.to_string(), s);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<Date>(&format!("\"{s}\"")).unwrap(), d);
        }
        assert!(serde_json::from_str::<Date>("\"2019-02-30\"").is_err());
        let a = Date::parse("2025-06-30").unwrap();
        let b = Date::parse("2025-07-01").unwrap();
        assert!(a < b && Date::parse("2025").unwrap() < a);
        assert_eq!(Date::new(2025, 7, 1), Some(b));
        assert_eq!(Date::parse_iso("2025-07-01"), Some(b));
        assert_eq!(Date::parse_iso("2025-07"), None);
        assert!(b.is_day() && !Date::parse("2025-07").unwrap().is_day());
    }

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
