//! Dates as agencies really know them: a birth date may be known only to the year or the month.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::ValueError;

/// A calendar date of which only the year, or the year and month, may be known.
///
/// Passports of some countries print `XX.XX.1985` when the day and month are unknown, so a birth
/// date must be representable without inventing a day. Serialised as `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`, which also sorts correctly as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Earliest birth year the registry accepts: older values are typing errors, not people.
pub const MIN_BIRTH_YEAR: i32 = 1900;

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or the Russian `DD.MM.YYYY` / `MM.YYYY` forms, and
    /// rejects dates that do not exist (31 February) or lie after `today`.
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, ValueError> {
        let s = raw.trim();
        let parts: Vec<&str> = if s.contains('.') { s.split('.').rev().collect() } else { s.split('-').collect() };
        let bad = || ValueError::new("date_format", format!("{raw:?} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"));
        if parts.is_empty()
            || parts.len() > 3
            || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        if parts[0].len() != 4 || parts.iter().skip(1).any(|p| p.len() > 2) {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: Option<u32> = parts.get(1).map(|p| p.parse()).transpose().map_err(|_| bad())?;
        let day: Option<u32> = parts.get(2).map(|p| p.parse()).transpose().map_err(|_| bad())?;
        let d = Self::new(year, month, day)?;
        if d.earliest() > today {
            return Err(ValueError::new("date_in_future", format!("{d} is in the future")));
        }
        Ok(d)
    }

    /// Builds a partial date from its parts, checking that it exists.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, ValueError> {
        if !(MIN_BIRTH_YEAR..=2200).contains(&year) {
            return Err(ValueError::new(
                "date_out_of_range",
                format!("year {year} is out of range ({MIN_BIRTH_YEAR}–2200)"),
            ));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(ValueError::new("date_impossible", format!("month {m} does not exist")));
        }
        if let Some(dd) = day {
            let Some(m) = month else {
                return Err(ValueError::new("date_format", "a day needs a month"));
            };
            if NaiveDate::from_ymd_opt(year, m, dd).is_none() {
                return Err(ValueError::new("date_impossible", format!("{year:04}-{m:02}-{dd:02} does not exist")));
            }
        }
        Ok(Self { year, month, day })
    }

    /// A fully known date.
    pub fn full(d: NaiveDate) -> Self {
        Self { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }

    /// The year, always known.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, when known.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day, when known.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// The first day this date could be: used for "not in the future" and age checks.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated on construction")
    }

    /// The exact date if fully known.
    pub fn exact(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// True when a full date agrees with every part of this one that is known (a registry
    /// that knows only the year of birth admits every day of that year).
    pub fn admits(&self, d: NaiveDate) -> bool {
        self.year == d.year() && self.month.is_none_or(|m| m == d.month()) && self.day.is_none_or(|x| x == d.day())
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        // Stored values were checked against "today" when written; re-reading must not fail
        // because time has passed, so only the shape is checked here.
        let far = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid");
        Self::parse(&s, far)
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

/// Parses a full date `YYYY-MM-DD` (or `DD.MM.YYYY`), within `[min, max]`.
pub fn parse_date(raw: &str, min: NaiveDate, max: NaiveDate) -> Result<NaiveDate, ValueError> {
    let s = raw.trim();
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| ValueError::new("date_format", format!("{raw:?} is not a date: use YYYY-MM-DD")))?;
    if d < min || d > max {
        return Err(ValueError::new("date_out_of_range", format!("{d} is outside the allowed range {min} – {max}")));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn parses_all_precisions_and_russian_order() {
        for (raw, want) in [
            ("1990", "1990"),
            ("1990-05", "1990-05"),
            ("1990-05-17", "1990-05-17"),
            ("17.05.1990", "1990-05-17"),
            ("05.1990", "1990-05"),
        ] {
            assert_eq!(PartialDate::parse(raw, today()).unwrap().to_string(), want, "{raw}");
        }
    }

    #[test]
    fn rejects_impossible_future_and_malformed() {
        for (raw, code) in [
            ("1990-02-30", "date_impossible"),
            ("2023-02-29", "date_impossible"),
            ("1990-13", "date_impossible"),
            ("2027-01-01", "date_in_future"),
            ("1850", "date_out_of_range"),
            ("90-05-17", "date_format"),
            ("1990/05/17", "date_format"),
            ("1990-05-17'; DROP TABLE persons;--", "date_format"),
            ("", "date_format"),
        ] {
            assert_eq!(PartialDate::parse(raw, today()).unwrap_err().code, code, "{raw}");
        }
        assert!(PartialDate::parse("2024-02-29", today()).is_ok(), "leap day exists");
    }

    #[test]
    fn partial_dates_sort_and_round_trip_as_text() {
        let d: PartialDate = serde_json::from_str("\"1990-05\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1990-05\"");
        assert_eq!(d.earliest(), NaiveDate::from_ymd_opt(1990, 5, 1).unwrap());
        assert!(serde_json::from_str::<PartialDate>("\"1990-02-31\"").is_err());
    }
}
