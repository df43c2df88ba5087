//! Date arithmetic with the readings of the domain note (section 10) spelled out.

use chrono::{Datelike, Months, NaiveDate};

/// `d + n` calendar days (saturating at the end of chrono's range).
pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(chrono::Duration::days(n)).unwrap_or(if n < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// `d + m` months; a day that does not exist in the target month becomes its last day
/// (31 January + 1 month = 28/29 February), as Civil Code art. 192 does.
pub(crate) fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(NaiveDate::MAX)
}

/// Last day of a period of `months` months that starts on `start` (section 10: "D to
/// D + k months − 1 day"; issued 24.03 and paid for one month: through 23.04). When the
/// corresponding day does not exist (a period from 29, 30 or 31 January ending in February), the
/// period ends on the last day of that month instead.
pub(crate) fn period_end(start: NaiveDate, months: u32) -> NaiveDate {
    if months == 0 {
        return add_days(start, -1);
    }
    let t = add_months(start, months);
    if t.day() == start.day() { add_days(t, -1) } else { t }
}

/// Number of days from `a` to `b` (negative when `b < a`).
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// 1 January of `year`.
pub(crate) fn jan1(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Formats a date the Russian way (dd.mm.yyyy), used in both languages for clarity.
pub(crate) fn fmt(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn period_ends() {
        let cases = [
            ("2025-03-24", 1, "2025-04-23", "section 10 example"),
            ("2025-01-31", 1, "2025-02-28", "no 31 February: last day of February"),
            ("2024-01-31", 1, "2024-02-29", "leap year"),
            ("2024-01-30", 1, "2024-02-29", "leap year, 30th"),
            ("2024-01-29", 1, "2024-02-28", "29 February exists in 2024"),
            ("2024-02-29", 12, "2025-02-28", "12 months from a leap day"),
            ("2025-01-01", 12, "2025-12-31", "a full year"),
            ("2025-12-15", 3, "2026-03-14", "across the new year"),
        ];
        for (start, m, end, why) in cases {
            assert_eq!(period_end(d(start), m), d(end), "{why}");
        }
    }
}
