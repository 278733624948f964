//! Calendar dates as records store them: `"YYYY-MM-DD"` strings.
//!
//! Records keep dates as strings (they are JSON and Automerge text) and compare them as
//! [`Date`]s. Only real calendar dates in the proleptic Gregorian calendar parse; the
//! validator additionally keeps years within [`Date::MIN_YEAR`]..=[`Date::MAX_YEAR`] so
//! a mistyped year (`0226`, `2962`) is caught at entry.

use std::fmt;

/// A calendar date. Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Earliest year the validator accepts in any date or year-of-birth field.
    pub const MIN_YEAR: u16 = 1900;
    /// Latest year the validator accepts in any date or year-of-birth field.
    pub const MAX_YEAR: u16 = 2100;

    /// A date from its parts, if it exists in the calendar (any year from 1 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded). Anything else is `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u16> {
            b[range].iter().try_fold(0u16, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0'))
            })
        };
        let year = num(0..4)?;
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1..=12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1..=31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// Whether the year is within [`Date::MIN_YEAR`]..=[`Date::MAX_YEAR`].
    pub const fn in_supported_range(self) -> bool {
        self.year >= Date::MIN_YEAR && self.year <= Date::MAX_YEAR
    }
}

const fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<(u16, u8, u8)>) {
        let got = Date::parse(input).map(|d| (d.year(), d.month(), d.day()));
        assert_eq!(got, expected, "input {input:?}");
        if let Some(d) = Date::parse(input) {
            assert_eq!(d.to_string(), input, "display round-trips");
        }
    }

    #[test]
    fn parse_table() {
        check("2026-11-24", Some((2026, 11, 24)));
        check("2024-02-29", Some((2024, 2, 29)));
        check("2000-02-29", Some((2000, 2, 29)));
        check("1900-02-28", Some((1900, 2, 28)));
        check("1900-02-29", None);
        check("2026-02-29", None);
        check("2026-04-31", None);
        check("2026-13-01", None);
        check("2026-00-10", None);
        check("2026-01-00", None);
        check("0000-01-01", None);
        check("2026-1-01", None);
        check("26-11-2024", None);
        check("2026/11/24", None);
        check("2026-11-24T00:00", None);
        check("+026-11-24", None);
        check("2026-11-2x", None);
        check("", None);
        check("２０２６-11-24", None);
    }

    #[test]
    fn orders_chronologically() {
        let a = Date::parse("2026-11-24");
        let b = Date::parse("2026-12-01");
        let c = Date::parse("2027-01-01");
        assert!(a < b && b < c);
        assert!(
            Date::parse("1899-12-31").is_some_and(|d| !d.in_supported_range()),
            "parses but outside the validator's range"
        );
        assert!(Date::parse("2100-12-31").is_some_and(Date::in_supported_range));
    }
}
