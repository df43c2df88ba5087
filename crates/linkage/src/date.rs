//! Dates as agencies write them, and how close two of them are.
//!
//! A birth date arrives as `1990-03-07`, `07.03.1990`, `07/03/1990`, `19900307`, `7 марта 1990`,
//! `03.1990`, `1990` or `00.00.1990` (day and month unknown, as some passports print them).
//! [`parse`] reads all of these into the registry's [`PartialDate`]; [`compare`] grades two
//! dates for linkage, including the day and month swapped by a clerk used to the other order.

use chrono::{Datelike, NaiveDate};
use domain::date::PartialDate;
use domain::error::ValueError;
use serde::{Deserialize, Serialize};

/// How two dates relate, from the strongest evidence of one person to none.
///
/// Exists so that linkage can weigh a date that agrees only in part instead of treating it as a
/// mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateMatch {
    /// Same precision and every known part equal.
    Exact,
    /// Both full dates, same year, day and month exchanged (`1990-03-07` / `1990-07-03`).
    DayMonthSwapped,
    /// Same year and month; days differ or one is unknown.
    SameYearMonth,
    /// Same year; the month is unknown on at least one side.
    SameYear,
    /// Years one apart, every part known on both sides equal.
    YearOffByOne,
    /// None of the above.
    Different,
}

/// Reads a date in any of the forms agencies use, rejecting dates after `today`.
///
/// Exists so that every source's dates become one comparable type. Forms: `YYYY-MM-DD`,
/// `YYYY.MM.DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `DD-MM-YYYY` (read as `MM/DD/YYYY` when the
/// second part cannot be a month but the first can), `DD.MM.YY` (two-digit years are the latest
/// year not after `today`), `YYYYMMDD`, `DDMMYYYY`, `MM.YYYY`, `YYYY-MM`, `YYYY`, a month name
/// in Russian or English (`7 марта 1990`, `07 MAR 1990`, `March 1990`), a trailing `г.`/`года`.
/// A day or month written `00`, `0`, `XX`, `ХХ` or `??` is unknown; a day without a month is
/// dropped. Errors: `date_format` (unreadable), and the registry's `date_impossible`,
/// `date_out_of_range` and `date_in_future`.
pub fn parse(raw: &str, today: NaiveDate) -> Result<PartialDate, ValueError> {
    let bad = || {
        ValueError::new("date_format", format!("{raw:?} is not a date: use DD.MM.YYYY, YYYY-MM-DD, MM.YYYY or YYYY"))
    };
    let lower = raw.trim().to_lowercase();
    let body = strip_year_word(&lower);
    let parts: Vec<&str> = body.split(['.', '/', '-', ' ', ',']).filter(|p| !p.is_empty()).collect();
    let (year, month, day) = match parts.as_slice() {
        [one] if is_digits(one) => compact(one, today).ok_or_else(bad)?,
        [a, b] => {
            let (y, m) = if is_year(a) { (a, b) } else { (b, a) };
            (year(y, today).ok_or_else(bad)?, part(m, true).ok_or_else(bad)?, None)
        }
        [a, b, c] if is_year(a) => {
            (year(a, today).ok_or_else(bad)?, part(b, true).ok_or_else(bad)?, part(c, false).ok_or_else(bad)?)
        }
        [a, b, c] => {
            let y = year(c, today).ok_or_else(bad)?;
            let (d, m) = (part(a, false).ok_or_else(bad)?, part(b, true).ok_or_else(bad)?);
            // US order when only it makes sense: 03/27/1990.
            match (d, m) {
                (Some(d), Some(m)) if m > 12 && d <= 12 && is_digits(b) => (y, Some(d), Some(m)),
                _ => (y, m, d),
            }
        }
        _ => return Err(bad()),
    };
    let day = if month.is_none() { None } else { day };
    let date = PartialDate::new(year, month, day)?;
    if date.earliest() > today {
        return Err(ValueError::new("date_in_future", format!("{date} is in the future")));
    }
    Ok(date)
}

/// Grades how close two dates are.
///
/// Exists as the date comparison of linkage; see [`DateMatch`] for the levels.
pub fn compare(a: &PartialDate, b: &PartialDate) -> DateMatch {
    let parts_agree = |x: Option<u32>, y: Option<u32>| x.is_none() || y.is_none() || x == y;
    if a.year() == b.year() {
        match (a.month(), b.month()) {
            (Some(ma), Some(mb)) if ma == mb => {
                if a.day() == b.day() {
                    DateMatch::Exact
                } else {
                    DateMatch::SameYearMonth
                }
            }
            (Some(ma), Some(mb)) => match (a.day(), b.day()) {
                (Some(da), Some(db)) if da == mb && db == ma => DateMatch::DayMonthSwapped,
                _ => DateMatch::Different,
            },
            (None, None) => DateMatch::Exact,
            _ => DateMatch::SameYear,
        }
    } else if (a.year() - b.year()).abs() == 1 && parts_agree(a.month(), b.month()) && parts_agree(a.day(), b.day()) {
        DateMatch::YearOffByOne
    } else {
        DateMatch::Different
    }
}

fn strip_year_word(s: &str) -> &str {
    let s = s.trim();
    // A time after the date (`1990-03-07T00:00:00`, `07.03.1990 00:00`) is not part of it.
    let s = match s.find(['t', ' ']) {
        Some(i) if s[i..].contains(':') && !s[..i].is_empty() && s[..i].bytes().all(|b| !b.is_ascii_alphabetic()) => {
            &s[..i]
        }
        _ => s,
    };
    for suffix in ["года", "год", "г.", "г"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && rest.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace())
        {
            return rest.trim_end();
        }
    }
    s
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && is_digits(s)
}

/// A four-digit year, or a two-digit one read as the latest such year not after `today`.
fn year(s: &str, today: NaiveDate) -> Option<i32> {
    match s.len() {
        4 if is_digits(s) => s.parse().ok(),
        2 if is_digits(s) => {
            let yy: i32 = s.parse().ok()?;
            let century = today.year() / 100 * 100;
            Some(if century + yy <= today.year() { century + yy } else { century - 100 + yy })
        }
        _ => None,
    }
}

/// A day or month: `Some(None)` when written as unknown, `None` when unreadable.
fn part(s: &str, month: bool) -> Option<Option<u32>> {
    if matches!(s, "00" | "0" | "xx" | "хх" | "??" | "x" | "х") {
        return Some(None);
    }
    if is_digits(s) && s.len() <= 2 {
        return s.parse().ok().map(Some);
    }
    if month { month_name(s).map(Some) } else { None }
}

fn month_name(s: &str) -> Option<u32> {
    const NAMES: [(&str, &str, u32); 12] = [
        ("янв", "jan", 1),
        ("фев", "feb", 2),
        ("мар", "mar", 3),
        ("апр", "apr", 4),
        ("ма", "may", 5),
        ("июн", "jun", 6),
        ("июл", "jul", 7),
        ("авг", "aug", 8),
        ("сен", "sep", 9),
        ("окт", "oct", 10),
        ("ноя", "nov", 11),
        ("дек", "dec", 12),
    ];
    let s = s.trim_end_matches('.');
    if s.chars().count() < 3 {
        return None;
    }
    // "мая"/"май" are May; "мар"... is March, checked first.
    NAMES.iter().find(|(ru, en, _)| s.starts_with(ru) || s.starts_with(en)).map(|&(_, _, m)| m)
}

/// One run of digits: `YYYY`, `YYYYMMDD` or `DDMMYYYY`.
fn compact(s: &str, today: NaiveDate) -> Option<(i32, Option<u32>, Option<u32>)> {
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    match s.len() {
        4 => Some((s.parse().ok()?, None, None)),
        8 => {
            let as_ymd = (n(0..4)? as i32, n(4..6)?, n(6..8)?);
            let as_dmy = (n(4..8)? as i32, n(2..4)?, n(0..2)?);
            // Zero day or month means unknown (`00001990`, `19900000`).
            let plausible = |(y, m, d): (i32, u32, u32)| {
                (domain::date::MIN_BIRTH_YEAR..=today.year()).contains(&y)
                    && (m == 0 && d == 0 || m != 0 && (d == 0 && m <= 12 || NaiveDate::from_ymd_opt(y, m, d).is_some()))
            };
            let (y, m, d) = if plausible(as_ymd) || !plausible(as_dmy) { as_ymd } else { as_dmy };
            Some((y, Some(m).filter(|&m| m != 0), Some(d).filter(|&d| d != 0)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
