//! The region's clock: the one UTC offset by which the deployment counts calendar days (legal
//! deadlines run by local days), opens service points' slots, plans routes, holds quiet hours
//! and shows times to people.
//!
//! A deployment serves one region, and a region keeps one offset all year (Russia has had no
//! daylight saving since 2014; its regions are UTC+2 to UTC+12). So the offset is set once, at
//! start-up, from the configuration (`utc_offset_hours`), before anything reads it; until then,
//! and when it is never set, it is Moscow time (UTC+3), which Tatarstan, the demo region, keeps.
//! Process-wide on purpose: every layer (the pure planner included) must count the same days,
//! and a value threaded through every call could disagree.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Moscow time, the offset used when none is configured.
pub const DEFAULT_UTC_OFFSET_HOURS: i32 = 3;

static REGION_OFFSET: OnceLock<FixedOffset> = OnceLock::new();

/// Why a region offset was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// Outside the offsets in use on Earth.
    #[error("utc_offset_hours must be between -12 and 14, not {0}")]
    OutOfRange(i32),
    /// The clock was already set (or read) with another offset.
    #[error("the region's UTC offset is already {set} hours; it cannot change to {asked} while running")]
    AlreadySet {
        /// The offset in force, in hours.
        set: i32,
        /// The offset asked for, in hours.
        asked: i32,
    },
}

/// Sets the region's offset for the life of the process. Setting the offset already in force
/// again is fine; another one is refused (a reader may already have counted days by it).
pub fn set_region_utc_offset(hours: i32) -> Result<(), ClockError> {
    if !(-12..=14).contains(&hours) {
        return Err(ClockError::OutOfRange(hours));
    }
    let wanted = FixedOffset::east_opt(hours * 3600).expect("in range");
    let set = *REGION_OFFSET.get_or_init(|| wanted);
    if set == wanted { Ok(()) } else { Err(ClockError::AlreadySet { set: set.local_minus_utc() / 3600, asked: hours }) }
}

/// The region's offset from UTC.
pub fn region_offset() -> FixedOffset {
    *REGION_OFFSET.get_or_init(|| FixedOffset::east_opt(DEFAULT_UTC_OFFSET_HOURS * 3600).expect("a valid offset"))
}

/// The region's offset in seconds, for day arithmetic on Unix times.
pub fn region_offset_secs() -> i64 {
    i64::from(region_offset().local_minus_utc())
}

/// The region's calendar day of an instant.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&region_offset()).date_naive()
}

/// Today in the region.
pub fn today() -> NaiveDate {
    local_day(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_offsets_are_named() {
        assert_eq!(set_region_utc_offset(15), Err(ClockError::OutOfRange(15)));
        assert_eq!(set_region_utc_offset(-13), Err(ClockError::OutOfRange(-13)));
    }

    #[test]
    fn the_default_is_moscow_time_and_cannot_be_changed_once_read() {
        // This test binary never configures the clock, so the first read fixes the default.
        assert_eq!(region_offset_secs(), 3 * 3600);
        assert_eq!(set_region_utc_offset(3), Ok(()));
        assert_eq!(set_region_utc_offset(7), Err(ClockError::AlreadySet { set: 3, asked: 7 }));
        let late_evening_utc = DateTime::parse_from_rfc3339("2026-03-01T22:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(local_day(late_evening_utc), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), "01:30 in Moscow");
    }
}
