//! Slots: opened ahead from each point's schedule, one row per point, service and start time.
//!
//! Opening is idempotent (the unique `(org_id, service, starts_at)` key with `ON CONFLICT DO
//! NOTHING`), so the daily `rosmigration slots open` job simply opens the next N days again.

use centre::case::StepKind;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use super::{ServicePoint, at_local, step_of};
use crate::Store;
use crate::db::dispatch;
use crate::error::{Result, StoreError};

/// A slot with its places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// Slot id.
    pub id: Uuid,
    /// The service point.
    pub org_id: Uuid,
    /// The step served.
    pub service: StepKind,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places.
    pub capacity: u32,
    /// Places taken.
    pub booked: u32,
    /// Closed by the point.
    pub closed: bool,
}

impl Slot {
    /// Places left.
    pub fn free(&self) -> u32 {
        if self.closed { 0 } else { self.capacity.saturating_sub(self.booked) }
    }
}

/// A search for free slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery {
    /// The step to book.
    pub service: Option<StepKind>,
    /// Only this point.
    pub point: Option<Uuid>,
    /// From (inclusive; never before now).
    pub from: DateTime<Utc>,
    /// To (exclusive).
    pub to: DateTime<Utc>,
    /// At most this many slots.
    pub limit: i64,
}

pub(crate) const SLOT_COLUMNS: &str = "id, org_id, service, starts_at, ends_at, capacity, booked, closed";

pub(crate) fn slot_from_row<R>(r: &R) -> Result<Slot>
where
    R: Row,
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> Uuid: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> DateTime<Utc>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i32: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> bool: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let service: String = r.try_get("service")?;
    Ok(Slot {
        id: r.try_get("id")?,
        org_id: r.try_get("org_id")?,
        service: step_of(&service)?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        capacity: r.try_get::<i32, _>("capacity")? as u32,
        booked: r.try_get::<i32, _>("booked")? as u32,
        closed: r.try_get("closed")?,
    })
}

/// The slots a point's schedule gives on a local day, per service.
pub fn planned_slots(point: &ServicePoint, day: NaiveDate) -> Vec<(StepKind, DateTime<Utc>, DateTime<Utc>)> {
    let weekday = day.weekday().number_from_monday() as u8;
    let len = Duration::minutes(i64::from(point.slot_minutes));
    let mut out = Vec::new();
    for start in point.schedule.slot_starts(weekday, point.slot_minutes) {
        let starts_at = at_local(day.and_time(start));
        for &service in &point.services {
            out.push((service, starts_at, starts_at + len));
        }
    }
    out
}

impl Store {
    /// Opens the slots of every service point (or one) for `days` local days from `from`.
    /// Slots that exist are left as they are. Returns the number of slots added.
    pub async fn open_slots(&self, point: Option<Uuid>, from: NaiveDate, days: u32) -> Result<u64> {
        let points = match point {
            Some(id) => vec![self.service_point(id).await?],
            None => self.service_points().await?,
        };
        let mut added = 0;
        for p in &points {
            let rows: Vec<(StepKind, DateTime<Utc>, DateTime<Utc>)> =
                (0..days).flat_map(|d| planned_slots(p, from + Duration::days(i64::from(d)))).collect();
            let mut tx = self.db.begin().await?;
            for chunk in rows.chunks(500) {
                added += dispatch!(tx &mut tx, t => {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO slots (id, org_id, service, starts_at, ends_at, capacity, booked, closed) ");
                    q.push_values(chunk, |mut b, (service, start, end)| {
                        b.push_bind(Uuid::now_v7()).push_bind(p.org_id).push_bind(service.code()).push_bind(*start).push_bind(*end)
                            .push_bind(p.capacity as i32).push_bind(0_i32).push_bind(false);
                    });
                    q.push(" ON CONFLICT (org_id, service, starts_at) DO NOTHING");
                    q.build().execute(&mut **t).await?.rows_affected()
                });
            }
            tx.commit().await?;
        }
        Ok(added)
    }

    /// One slot.
    pub async fn slot(&self, id: Uuid) -> Result<Slot> {
        let slot = dispatch!(read &self.db, p => {
            match sqlx::query(&format!("SELECT {SLOT_COLUMNS} FROM slots WHERE id = $1")).bind(id).fetch_optional(p).await? {
                Some(r) => Some(slot_from_row(&r)?),
                None => None,
            }
        });
        slot.ok_or(StoreError::NotFound("slot"))
    }

    /// Slots with a free place, soonest first.
    pub async fn free_slots(&self, q: &SlotQuery) -> Result<Vec<Slot>> {
        let service = q.service.map(|s| s.code());
        Ok(dispatch!(read &self.db, p => {
            let rows = sqlx::query(&format!(
                "SELECT {SLOT_COLUMNS} FROM slots
                 WHERE ($1 IS NULL OR service = $1) AND ($2 IS NULL OR org_id = $2) AND starts_at >= $3 AND starts_at < $4
                   AND NOT closed AND booked < capacity
                 ORDER BY starts_at, org_id LIMIT $5"
            ))
            .bind(service)
            .bind(q.point)
            .bind(q.from)
            .bind(q.to)
            .bind(q.limit)
            .fetch_all(p)
            .await?;
            rows.iter().map(slot_from_row).collect::<Result<Vec<_>>>()?
        }))
    }
}
