//! The Russian production calendar (working days, holidays, transferred days), 2023–2027.
//!
//! Loaded once from `data/calendar.toml` and turned into lookup tables so that "the N-th working
//! day after X" is O(1): a sorted array of every working day in the covered range and, for every
//! covered day, the number of working days before it. Outside the covered years the calendar falls
//! back to weekends plus the fixed holidays of Labour Code art. 112 (without transfers) and says so
//! through [`Calendar::covers`], so that the evaluation can carry a data warning.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::error::DataError;

/// The calendar data file, embedded at compile time.
pub const CALENDAR_TOML: &str = include_str!("../data/calendar.toml");

#[derive(Debug, Deserialize)]
struct CalendarFile {
    year: Vec<YearEntry>,
}

#[derive(Debug, Deserialize)]
struct YearEntry {
    year: i32,
    decree: String,
    provisional: bool,
    working_days_total: u32,
    holidays: Vec<NaiveDate>,
    days_off: Vec<NaiveDate>,
    working_weekend_days: Vec<NaiveDate>,
}

/// One year of the calendar as loaded: kept so that operators and the docs can show the source.
#[derive(Debug, Clone)]
pub struct CalendarYear {
    /// The calendar year.
    pub year: i32,
    /// The Government decree (or other legal basis) the year's transfers come from.
    pub decree: String,
    /// True while the decree for that year has not been entered (Labour Code art. 112 only).
    pub provisional: bool,
    /// Number of working days in the year (five-day week).
    pub working_days: u32,
}

/// The production calendar with O(1) working-day arithmetic over the covered years.
#[derive(Debug, Clone)]
pub struct Calendar {
    first: NaiveDate,
    /// One entry per covered day: true when the day is a working day.
    working: Vec<bool>,
    /// `before[i]` = number of working days in `[first, first + i)`; one longer than `working`.
    before: Vec<u32>,
    /// Day offsets (from `first`) of every working day, ascending.
    working_days: Vec<u32>,
    years: Vec<CalendarYear>,
}

impl Calendar {
    /// Loads the embedded calendar (`data/calendar.toml`).
    pub fn embedded() -> Result<Self, DataError> {
        Self::from_toml(CALENDAR_TOML)
    }

    /// Parses and checks a calendar file: consecutive years, days off on weekdays, working days on
    /// weekends, every weekday holiday a day off, and the stated yearly totals.
    pub fn from_toml(text: &str) -> Result<Self, DataError> {
        let file: CalendarFile = toml::from_str(text).map_err(|e| DataError::parse("calendar.toml", e))?;
        let mut years = file.year;
        years.sort_by_key(|y| y.year);
        let bad = |msg: String| DataError::Invalid { file: "calendar.toml", msg };
        if years.is_empty() {
            return Err(bad("no [[year]]".into()));
        }
        for pair in years.windows(2) {
            if pair[1].year != pair[0].year + 1 {
                return Err(bad(format!("years must be consecutive: {} then {}", pair[0].year, pair[1].year)));
            }
        }
        let first = ymd(years[0].year, 1, 1);
        let last = ymd(years[years.len() - 1].year, 12, 31);
        let len = (last - first).num_days() as usize + 1;
        let mut working = Vec::with_capacity(len);
        for i in 0..len {
            let d = first + chrono::Duration::days(i as i64);
            working.push(!is_weekend(d));
        }
        let idx = |d: NaiveDate| (d - first).num_days() as usize;
        let mut out_years = Vec::with_capacity(years.len());
        for y in &years {
            for d in y.days_off.iter().chain(&y.working_weekend_days).chain(&y.holidays) {
                if d.year() != y.year {
                    return Err(bad(format!("{d} is listed under year {}", y.year)));
                }
            }
            for &d in &y.days_off {
                if is_weekend(d) {
                    return Err(bad(format!("day off {d} is already a weekend day")));
                }
                working[idx(d)] = false;
            }
            for &d in &y.working_weekend_days {
                if !is_weekend(d) {
                    return Err(bad(format!("working weekend day {d} is not a Saturday or Sunday")));
                }
                working[idx(d)] = true;
            }
            for &d in &y.holidays {
                if !is_weekend(d) && working[idx(d)] {
                    return Err(bad(format!("holiday {d} falls on a weekday but is not a day off")));
                }
            }
            let start = idx(ymd(y.year, 1, 1));
            let end = idx(ymd(y.year, 12, 31));
            let total = working[start..=end].iter().filter(|w| **w).count() as u32;
            if total != y.working_days_total {
                return Err(bad(format!(
                    "year {}: {total} working days computed, {} stated",
                    y.year, y.working_days_total
                )));
            }
            out_years.push(CalendarYear {
                year: y.year,
                decree: y.decree.clone(),
                provisional: y.provisional,
                working_days: total,
            });
        }
        let mut before = Vec::with_capacity(len + 1);
        let mut working_days = Vec::new();
        let mut count = 0u32;
        for (i, w) in working.iter().enumerate() {
            before.push(count);
            if *w {
                working_days.push(i as u32);
                count += 1;
            }
        }
        before.push(count);
        Ok(Self { first, working, before, working_days, years: out_years })
    }

    /// The loaded years with their legal sources.
    pub fn years(&self) -> &[CalendarYear] {
        &self.years
    }

    /// True when `date` lies in a year the data file covers.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.offset(date).is_some()
    }

    /// True when `date` lies in a covered year whose decree has not been entered yet.
    pub fn is_provisional(&self, date: NaiveDate) -> bool {
        self.years.iter().any(|y| y.year == date.year() && y.provisional)
    }

    /// True when `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.offset(date) {
            Some(i) => self.working[i],
            None => fallback_is_working(date),
        }
    }

    /// The `n`-th working day after `date` (`date` itself is day 0, section 10 of the domain
    /// rules). `n = 0` returns `date` unchanged.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return date;
        }
        if let Some(i) = self.offset(date) {
            let k = self.before[i + 1] as usize + n as usize - 1;
            if let Some(&off) = self.working_days.get(k) {
                return self.first + chrono::Duration::days(off as i64);
            }
        }
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The `n`-th working day before `date` (used for "no later than N working days before").
    pub fn sub_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return date;
        }
        if let Some(i) = self.offset(date) {
            let k = self.before[i] as usize;
            if k >= n as usize {
                let off = self.working_days[k - n as usize];
                return self.first + chrono::Duration::days(off as i64);
            }
        }
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.pred_opt().unwrap_or(d);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The next working day on or after `date`.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working_day(date) { date } else { self.add_working_days(date, 1) }
    }

    /// Number of working days in `[from, to]` inclusive (0 when `to < from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to < from {
            return 0;
        }
        if let (Some(a), Some(b)) = (self.offset(from), self.offset(to)) {
            return self.before[b + 1] - self.before[a];
        }
        let mut d = from;
        let mut n = 0;
        while d <= to {
            if self.is_working_day(d) {
                n += 1;
            }
            d = match d.succ_opt() {
                Some(x) => x,
                None => break,
            };
        }
        n
    }

    fn offset(&self, date: NaiveDate) -> Option<usize> {
        let i = (date - self.first).num_days();
        (i >= 0 && (i as usize) < self.working.len()).then_some(i as usize)
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Outside the covered years: weekends and the fixed holidays of Labour Code art. 112 part 1.
fn fallback_is_working(d: NaiveDate) -> bool {
    if is_weekend(d) {
        return false;
    }
    !matches!((d.month(), d.day()), (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9) | (6, 12) | (11, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn embedded_calendar_loads_with_expected_totals() {
        let cal = Calendar::embedded().unwrap();
        let totals: Vec<(i32, u32)> = cal.years().iter().map(|y| (y.year, y.working_days)).collect();
        assert_eq!(totals, vec![(2023, 247), (2024, 248), (2025, 247), (2026, 247), (2027, 249)]);
        assert!(cal.is_provisional(d("2027-03-01")));
        assert!(!cal.is_provisional(d("2026-03-01")));
    }

    #[test]
    fn transferred_days_and_holidays() {
        let cal = Calendar::embedded().unwrap();
        // Table: (date, working?, why)
        let cases = [
            ("2025-01-08", false, "New Year holidays"),
            ("2025-01-09", true, "first working day of 2025"),
            ("2025-11-01", true, "Saturday made a working day by decree 1335"),
            ("2025-11-03", false, "Monday off, moved from 1 November"),
            ("2025-05-08", false, "23 February moved to 8 May"),
            ("2025-06-13", false, "8 March moved to 13 June"),
            ("2025-02-24", true, "no automatic transfer of 23 February in 2025"),
            ("2025-12-31", false, "5 January moved to 31 December"),
            ("2024-04-27", true, "working Saturday 2024"),
            ("2024-12-28", true, "working Saturday 2024"),
            ("2024-12-30", false, "moved from 28 December"),
            ("2023-02-24", false, "1 January moved to 24 February"),
            ("2023-11-06", false, "4 November (Sat) moved by art. 112"),
            ("2026-01-09", false, "3 January moved to 9 January"),
            ("2026-03-09", false, "8 March (Sun) moved by art. 112"),
            ("2026-05-11", false, "9 May (Sat) moved by art. 112"),
            ("2027-06-14", false, "12 June (Sat) moved by art. 112 (provisional)"),
            ("2028-01-03", false, "fallback: fixed holiday"),
            ("2028-01-10", true, "fallback: Monday"),
        ];
        for (date, expect, why) in cases {
            assert_eq!(cal.is_working_day(d(date)), expect, "{date}: {why}");
        }
    }

    #[test]
    fn working_day_arithmetic() {
        let cal = Calendar::embedded().unwrap();
        let cases = [
            // (from, n, expected, why)
            ("2025-06-06", 7, "2025-06-19", "Friday before the 12–15 June holidays"),
            (
                "2025-10-29",
                3,
                "2025-11-01",
                "Wed + 3 wd: Thu 30, Fri 31, then Saturday 1 Nov (transferred working day)",
            ),
            ("2025-10-30", 3, "2025-11-05", "Thu + 3 wd: Fri 31, Sat 1 Nov (working), skip 2–4 Nov, Wed 5 Nov"),
            ("2025-12-30", 1, "2026-01-12", "31 Dec and 1–11 Jan are days off"),
            ("2024-02-28", 1, "2024-02-29", "leap day is a working day"),
            ("2025-01-01", 7, "2025-01-17", "arrival on a holiday"),
        ];
        for (from, n, expected, why) in cases {
            assert_eq!(cal.add_working_days(d(from), n), d(expected), "{from} + {n}: {why}");
        }
        assert_eq!(cal.sub_working_days(d("2026-01-12"), 1), d("2025-12-30"));
        assert_eq!(cal.sub_working_days(d("2025-11-05"), 1), d("2025-11-01"));
        assert_eq!(cal.sub_working_days(d("2025-11-05"), 2), d("2025-10-31"));
        assert_eq!(cal.working_days_between(d("2025-01-01"), d("2025-12-31")), 247);
        // Across the end of the data: falls back to the iterative path.
        assert_eq!(cal.add_working_days(d("2027-12-30"), 2), d("2028-01-10"));
    }

    #[test]
    fn rejects_inconsistent_files() {
        let bad = "[[year]]\nyear = 2025\ndecree = \"x\"\nprovisional = false\nworking_days_total = 1\nholidays = []\ndays_off = []\nworking_weekend_days = []\n";
        assert!(Calendar::from_toml(bad).is_err());
    }
}
