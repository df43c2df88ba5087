//! Service points: an organisation of a service-point kind plus what booking needs — the steps
//! it offers, a weekly schedule with breaks, the slot length and the persons served per slot.
//! Coordinates come from the organisation's address (the route planner measures with them).

use centre::case::StepKind;
use chrono::{NaiveTime, Utc};
use domain::org::Organisation;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use uuid::Uuid;

use super::BookingError;
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::{AuditEntry, Store};

/// Opening hours for some weekdays, with breaks (local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// ISO weekdays these hours apply to: 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<u8>,
    /// Opening time.
    pub open: NaiveTime,
    /// Closing time: the last slot ends by then.
    pub close: NaiveTime,
    /// Breaks `[from, to)`: no slot overlaps one.
    #[serde(default)]
    pub breaks: Vec<(NaiveTime, NaiveTime)>,
}

/// A weekly schedule: the hours of each weekday (a weekday in no entry is closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WeeklySchedule {
    /// Hours, by groups of weekdays.
    pub hours: Vec<Hours>,
}

impl WeeklySchedule {
    /// Checks the schedule is usable: weekdays 1–7 listed once, open before close, breaks
    /// inside the day and in order.
    pub fn check(&self) -> Result<(), BookingError> {
        let mut seen = [false; 8];
        for h in &self.hours {
            for &d in &h.weekdays {
                if !(1..=7).contains(&d) {
                    return Err(BookingError::Schedule(format!("weekday {d} is not 1 (Monday) … 7 (Sunday)")));
                }
                if std::mem::replace(&mut seen[d as usize], true) {
                    return Err(BookingError::Schedule(format!("weekday {d} has two sets of hours")));
                }
            }
            if h.open >= h.close {
                return Err(BookingError::Schedule(format!("opens at {} but closes at {}", h.open, h.close)));
            }
            for (from, to) in &h.breaks {
                if from >= to || *from < h.open || *to > h.close {
                    return Err(BookingError::Schedule(format!("the break {from}–{to} is not inside the hours")));
                }
            }
        }
        Ok(())
    }

    /// Reads an organisation's opening-hours text, as the registry holds it: day groups with
    /// times, separated by commas or semicolons, and a common break, e.g.
    /// "Вт, Чт 10:00–19:00; Ср, Пт 09:00–17:00; Сб 09:00–13:00; перерыв 13:00–14:00" or
    /// "Пн–Пт 08:00–19:00, Сб 09:00–15:00, без перерыва". The break applies to every day whose
    /// hours contain it.
    pub fn from_hours_text(text: &str) -> Result<Self, BookingError> {
        const DAYS: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];
        let bad = |what: &str| BookingError::Schedule(format!("{what} in {text:?}"));
        let day = |s: &str| DAYS.iter().position(|d| *d == s.trim()).map(|i| i as u8 + 1);
        let range = |s: &str| -> Option<(NaiveTime, NaiveTime)> {
            let (a, b) = s.trim().split_once(['–', '-'])?;
            let t = |x: &str| NaiveTime::parse_from_str(x.trim(), "%H:%M").ok();
            Some((t(a)?, t(b)?))
        };
        let mut hours: Vec<Hours> = Vec::new();
        let mut pending: Vec<u8> = Vec::new();
        let mut breaks = Vec::new();
        for part in text.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            if part.starts_with("без перерыва") {
                continue;
            }
            if let Some(rest) = part.strip_prefix("перерыв") {
                breaks.push(range(rest).ok_or_else(|| bad("an unreadable break"))?);
                continue;
            }
            let (days, times) = match part.find(|c: char| c.is_ascii_digit()) {
                Some(i) => (&part[..i], Some(&part[i..])),
                None => (part, None),
            };
            let days = days.trim();
            match days.split_once(['–', '-']) {
                Some((a, b)) => {
                    let (a, b) =
                        (day(a).ok_or_else(|| bad("an unknown day"))?, day(b).ok_or_else(|| bad("an unknown day"))?);
                    pending.extend(a..=b);
                }
                None => pending.push(day(days).ok_or_else(|| bad("an unknown day"))?),
            }
            if let Some(times) = times {
                let (open, close) = range(times).ok_or_else(|| bad("unreadable hours"))?;
                hours.push(Hours { weekdays: std::mem::take(&mut pending), open, close, breaks: vec![] });
            }
        }
        if !pending.is_empty() || hours.is_empty() {
            return Err(bad("days without hours"));
        }
        for h in &mut hours {
            h.breaks = breaks.iter().copied().filter(|(f, t)| *f >= h.open && *t <= h.close).collect();
        }
        let s = WeeklySchedule { hours };
        s.check()?;
        Ok(s)
    }

    /// Writes the schedule back as the text [`WeeklySchedule::from_hours_text`] reads, so an
    /// administrator edits what the point really has: "Пн, Вт 09:00–18:00; перерыв 13:00–14:00".
    pub fn to_hours_text(&self) -> String {
        const DAYS: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];
        let mut parts: Vec<String> = self
            .hours
            .iter()
            .map(|h| {
                let days: Vec<&str> =
                    h.weekdays.iter().filter_map(|d| DAYS.get(usize::from(*d).wrapping_sub(1))).copied().collect();
                format!("{} {}–{}", days.join(", "), h.open.format("%H:%M"), h.close.format("%H:%M"))
            })
            .collect();
        let mut breaks: Vec<(NaiveTime, NaiveTime)> =
            self.hours.iter().flat_map(|h| h.breaks.iter().copied()).collect();
        breaks.sort();
        breaks.dedup();
        parts.extend(breaks.iter().map(|(a, b)| format!("перерыв {}–{}", a.format("%H:%M"), b.format("%H:%M"))));
        parts.join("; ")
    }

    /// The slot start times of an ISO weekday, `minutes` long each, none overlapping a break.
    pub fn slot_starts(&self, weekday: u8, minutes: u32) -> Vec<NaiveTime> {
        let len = chrono::Duration::minutes(i64::from(minutes));
        let mut out = Vec::new();
        for h in self.hours.iter().filter(|h| h.weekdays.contains(&weekday)) {
            let mut t = h.open;
            // NaiveTime arithmetic wraps at midnight; stop when it would.
            loop {
                let (end, wrapped) = t.overflowing_add_signed(len);
                if wrapped != 0 || end > h.close {
                    break;
                }
                match h.breaks.iter().find(|(from, to)| t < *to && end > *from) {
                    Some((_, to)) => t = *to,
                    None => {
                        out.push(t);
                        t = end;
                    }
                }
            }
        }
        out.sort();
        out
    }
}

/// A service point as booking sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServicePoint {
    /// The organisation.
    pub org_id: Uuid,
    /// Its name.
    pub name: String,
    /// Organisation kind code (`medical_centre` …).
    pub kind: String,
    /// One-line address.
    pub address: Option<String>,
    /// Steps offered (visits only).
    pub services: Vec<StepKind>,
    /// Weekly schedule with breaks.
    pub schedule: WeeklySchedule,
    /// Slot length in minutes.
    pub slot_minutes: u32,
    /// Persons served per slot.
    pub capacity: u32,
    /// Latitude of the building.
    pub lat: Option<f64>,
    /// Longitude of the building.
    pub lon: Option<f64>,
    /// Languages spoken (ISO 639-1).
    pub languages: Vec<String>,
}

/// What an administrator (or the demo) sets for a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointSettings {
    /// Steps offered.
    pub services: Vec<StepKind>,
    /// Weekly schedule.
    pub schedule: WeeklySchedule,
    /// Slot length, 5–240 minutes.
    pub slot_minutes: u32,
    /// Persons per slot, 1–500.
    pub capacity: u32,
}

impl PointSettings {
    /// Checks the settings: visit steps only, a usable schedule, sane slot length and capacity.
    pub fn check(&self) -> Result<(), BookingError> {
        // No services is allowed: a point that only informs (the adaptation centre) has a
        // schedule but nothing to book.
        if self.services.iter().any(|s| !s.is_visit()) {
            return Err(BookingError::NotOffered);
        }
        if !(5..=240).contains(&self.slot_minutes) {
            return Err(BookingError::Schedule(format!("a slot of {} minutes is outside 5–240", self.slot_minutes)));
        }
        if !(1..=500).contains(&self.capacity) {
            return Err(BookingError::Schedule(format!("a capacity of {} is outside 1–500", self.capacity)));
        }
        self.schedule.check()
    }
}

/// The settings a point of a kind starts with: its services, the schedule read from its
/// opening-hours text, and the slot length and persons per slot typical of such a point. Used by
/// the demo; `None` when the organisation is not a service point or its hours cannot be read.
///
/// The multifunctional migration centre ("Многофункциональный миграционный центр") sells the
/// insurance policy and takes patent applications and issues patents besides fingerprinting
/// (PAT-4: every document of the application in one building).
pub fn settings_by_kind(org: &Organisation) -> Option<PointSettings> {
    use domain::org::OrgKind;
    let schedule = WeeklySchedule::from_hours_text(org.opening_hours.as_deref()?).ok()?;
    let one_stop = org.name.contains("Многофункциональный миграционный центр");
    let (services, slot_minutes, capacity) = match org.kind {
        OrgKind::MedicalCentre => (vec![StepKind::MedicalExam], 30, 4),
        OrgKind::ExamCentre => (vec![StepKind::LanguageExam], 60, 10),
        OrgKind::FingerprintCentre if one_stop => (
            vec![
                StepKind::Fingerprinting,
                StepKind::HealthInsurance,
                StepKind::PatentApplication,
                StepKind::PatentIssue,
            ],
            15,
            4,
        ),
        OrgKind::FingerprintCentre => (vec![StepKind::Fingerprinting], 15, 3),
        OrgKind::MvdOffice => (vec![StepKind::PatentApplication, StepKind::PatentIssue], 20, 3),
        OrgKind::AdaptationCentre => (vec![], 60, 10),
        OrgKind::Employer | OrgKind::University => return None,
    };
    Some(PointSettings { services, schedule, slot_minutes, capacity })
}

impl Store {
    /// Makes an organisation a service point, or changes its settings. Coordinates are taken
    /// from the organisation's address. Slots already opened keep their capacity.
    pub async fn set_service_point(&self, org: &Organisation, s: &PointSettings, audit: AuditEntry) -> Result<()> {
        if !org.kind.is_service_point() {
            return Err(BookingError::NotOffered.into());
        }
        s.check()?;
        let services =
            serde_json::to_string(&s.services.iter().map(|k| k.code()).collect::<Vec<_>>()).expect("strings serialise");
        let schedule = serde_json::to_string(&s.schedule).expect("a schedule serialises");
        let (lat, lon) = org.address.as_ref().map(|a| (a.lat, a.lon)).unwrap_or_default();
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query(
                "INSERT INTO service_points (org_id, services, schedule, slot_minutes, capacity, lat, lon, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (org_id) DO UPDATE SET services = excluded.services, schedule = excluded.schedule,
                     slot_minutes = excluded.slot_minutes, capacity = excluded.capacity, lat = excluded.lat,
                     lon = excluded.lon, updated_at = excluded.updated_at",
            )
            .bind(org.id)
            .bind(&services)
            .bind(&schedule)
            .bind(s.slot_minutes as i32)
            .bind(s.capacity as i32)
            .bind(lat)
            .bind(lon)
            .bind(Utc::now())
            .execute(&mut **t)
            .await?
        });
        crate::audit::append(&mut tx, self.sealer(), &[AuditEntry { detail: format!("point {}", org.id), ..audit }])
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every service point, by name.
    pub async fn service_points(&self) -> Result<Vec<ServicePoint>> {
        self.points_where(None).await
    }

    /// One service point.
    pub async fn service_point(&self, org_id: Uuid) -> Result<ServicePoint> {
        self.points_where(Some(org_id)).await?.pop().ok_or(StoreError::NotFound("service point"))
    }

    async fn points_where(&self, id: Option<Uuid>) -> Result<Vec<ServicePoint>> {
        type PointRow = (Uuid, String, String, String, i32, i32, Option<f64>, Option<f64>, String);
        let rows: Vec<PointRow> = dispatch!(read &self.db, p => {
            let rows = sqlx::query(
                "SELECT s.org_id, s.services, s.schedule, o.kind, s.slot_minutes, s.capacity, s.lat, s.lon, o.data
                 FROM service_points s JOIN organisations o ON o.id = s.org_id
                 WHERE ($1 IS NULL OR s.org_id = $1) ORDER BY o.name, s.org_id",
            )
            .bind(id)
            .fetch_all(p)
            .await?;
            rows.iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?, r.try_get(5)?, r.try_get(6)?, r.try_get(7)?, r.try_get(8)?)))
                .collect::<Result<_, sqlx::Error>>()?
        });
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
        rows.into_iter()
            .map(|(org_id, services, schedule, kind, minutes, capacity, lat, lon, data)| {
                let org: Organisation = serde_json::from_str(&data).map_err(corrupt)?;
                let codes: Vec<String> = serde_json::from_str(&services).map_err(corrupt)?;
                Ok(ServicePoint {
                    org_id,
                    name: org.name,
                    kind,
                    address: org.address.as_ref().map(|a| a.line()),
                    services: codes.iter().map(|c| super::step_of(c)).collect::<Result<_>>()?,
                    schedule: serde_json::from_str(&schedule).map_err(corrupt)?,
                    slot_minutes: minutes as u32,
                    capacity: capacity as u32,
                    lat,
                    lon,
                    languages: org.languages,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveTime {
        s.parse().unwrap()
    }

    #[test]
    fn slots_skip_breaks_and_end_by_closing() {
        let s: WeeklySchedule = serde_json::from_str(
            r#"{"hours":[{"weekdays":[1,2,3,4,5],"open":"09:00:00","close":"12:00:00","breaks":[["10:00:00","10:30:00"]]}]}"#,
        )
        .unwrap();
        s.check().unwrap();
        assert_eq!(s.slot_starts(1, 45), vec![t("09:00:00"), t("10:30:00"), t("11:15:00")]);
        assert_eq!(s.slot_starts(3, 30).len(), 5);
        assert!(s.slot_starts(6, 30).is_empty());
    }

    #[test]
    fn opening_hours_texts_are_read() {
        let s = WeeklySchedule::from_hours_text(
            "Вт, Чт 10:00–19:00; Ср, Пт 09:00–17:00; Сб 09:00–13:00; перерыв 13:00–14:00",
        )
        .unwrap();
        assert_eq!(s.hours.len(), 3);
        assert_eq!(s.hours[0].weekdays, vec![2, 4]);
        assert_eq!(s.hours[0].breaks, vec![(t("13:00:00"), t("14:00:00"))]);
        assert!(s.hours[2].breaks.is_empty(), "Saturday closes at 13:00, before the break");
        assert!(s.slot_starts(1, 30).is_empty(), "closed on Monday");
        let s = WeeklySchedule::from_hours_text("Пн–Пт 08:00–19:00, Сб 09:00–15:00, без перерыва").unwrap();
        assert_eq!((s.hours[0].weekdays.clone(), s.hours[1].weekdays.clone()), (vec![1, 2, 3, 4, 5], vec![6]));
        let s = WeeklySchedule::from_hours_text("Пн–Пт 09:00–18:00, перерыв 13:00–14:00").unwrap();
        assert_eq!(s.slot_starts(1, 60).len(), 8);
        assert!(WeeklySchedule::from_hours_text("по записи").is_err());
        assert!(WeeklySchedule::from_hours_text("Пн–Пт 18:00–09:00").is_err());
    }

    #[test]
    fn bad_schedules_are_named() {
        let bad = |h: Hours| WeeklySchedule { hours: vec![h] }.check().unwrap_err().code();
        let h = Hours { weekdays: vec![1], open: t("09:00:00"), close: t("18:00:00"), breaks: vec![] };
        assert_eq!(bad(Hours { weekdays: vec![8], ..h.clone() }), "schedule");
        assert_eq!(bad(Hours { open: t("19:00:00"), ..h.clone() }), "schedule");
        assert_eq!(bad(Hours { breaks: vec![(t("08:00:00"), t("09:30:00"))], ..h.clone() }), "schedule");
        let twice = WeeklySchedule { hours: vec![h.clone(), h] };
        assert!(twice.check().is_err());
    }

    #[test]
    fn hours_text_round_trips() {
        for text in [
            "Пн–Пт 08:00–19:00, Сб 09:00–15:00, без перерыва",
            "Вт, Чт 10:00–19:00; Ср, Пт 09:00–17:00; Сб 09:00–13:00; перерыв 13:00–14:00",
        ] {
            let s = WeeklySchedule::from_hours_text(text).unwrap();
            assert_eq!(WeeklySchedule::from_hours_text(&s.to_hours_text()).unwrap(), s, "{text}");
        }
    }
}
