//! The live queue of a point for the day: walk-in (or arrived booked) tickets numbered per point
//! and day, "call next", served or no-show, and the estimated wait.
//!
//! Numbering is one statement (`INSERT … SELECT MAX(number) + 1`); on PostgreSQL two concurrent
//! tickets may compute the same number, the unique `(org_id, day, number)` key refuses the
//! second and it retries. Calling next is a conditional `UPDATE … WHERE state = 'waiting'`, so
//! two desks never call the same ticket.

use centre::case::StepKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use super::{BookingError, local_day, step_of};
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError};
use crate::{AuditEntry, Store};

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// Waits to be called.
    Waiting,
    /// Called to a desk.
    Called,
    /// Served.
    Served,
    /// Did not come when called.
    NoShow,
}

impl TicketState {
    /// Stored code.
    pub const fn code(self) -> &'static str {
        match self {
            TicketState::Waiting => "waiting",
            TicketState::Called => "called",
            TicketState::Served => "served",
            TicketState::NoShow => "no_show",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        [TicketState::Waiting, TicketState::Called, TicketState::Served, TicketState::NoShow]
            .into_iter()
            .find(|t| t.code() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown ticket state {s:?}")))
    }
}

/// A queue ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueTicket {
    /// Ticket id.
    pub id: Uuid,
    /// The point.
    pub org_id: Uuid,
    /// Local day.
    pub day: NaiveDate,
    /// Number of the day at this point, from 1.
    pub number: i32,
    /// The step served.
    pub service: StepKind,
    /// The person, when known (a booked arrival or an identified walk-in).
    pub person_id: Option<Uuid>,
    /// The booking it serves, if any.
    pub booking_id: Option<Uuid>,
    /// Where it stands.
    pub state: TicketState,
    /// Issued.
    pub issued_at: DateTime<Utc>,
    /// Called.
    pub called_at: Option<DateTime<Utc>>,
    /// Estimated minutes until called (waiting tickets only).
    pub estimated_wait_minutes: Option<u32>,
}

const TICKET_COLUMNS: &str = "id, org_id, day, number, service, person_id, booking_id, state, issued_at, called_at";

macro_rules! ticket_row {
    ($r:expr) => {{
        let r = $r;
        let service: String = r.try_get("service")?;
        let state: String = r.try_get("state")?;
        QueueTicket {
            id: r.try_get("id")?,
            org_id: r.try_get("org_id")?,
            day: r.try_get("day")?,
            number: r.try_get("number")?,
            service: step_of(&service)?,
            person_id: r.try_get("person_id")?,
            booking_id: r.try_get("booking_id")?,
            state: TicketState::parse(&state)?,
            issued_at: r.try_get("issued_at")?,
            called_at: r.try_get("called_at")?,
            estimated_wait_minutes: None,
        }
    }};
}

/// The queue of a point for a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueDay {
    /// Tickets by number, waiting ones with their estimated wait.
    pub tickets: Vec<QueueTicket>,
    /// Minutes between calls used for the estimate.
    pub minutes_per_ticket: u32,
    /// Whether that figure was measured today (else: slot length / capacity).
    pub measured: bool,
}

/// Minutes between calls: the mean gap between the day's last calls (up to 10), else the
/// schedule's slot length divided by the persons served per slot.
pub fn minutes_per_ticket(called: &[DateTime<Utc>], slot_minutes: u32, capacity: u32) -> (u32, bool) {
    let mut called = called.to_vec();
    called.sort();
    let last: Vec<_> = called.iter().rev().take(11).collect();
    if last.len() >= 2 {
        let span = (*last[0] - *last[last.len() - 1]).num_seconds().max(0) as f64;
        let per = span / (last.len() - 1) as f64 / 60.0;
        return ((per.round() as u32).max(1), true);
    }
    ((slot_minutes / capacity.max(1)).max(1), false)
}

impl Store {
    /// Issues the next ticket of the day at a point for a step, optionally for a known person
    /// and their booking.
    pub async fn take_ticket(
        &self,
        point: Uuid,
        service: StepKind,
        person_id: Option<Uuid>,
        booking_id: Option<Uuid>,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<QueueTicket> {
        let sp = self.service_point(point).await?;
        if !sp.services.contains(&service) {
            return Err(BookingError::NotOffered.into());
        }
        let day = local_day(now);
        for attempt in 0.. {
            let mut tx = self.db.begin().await?;
            let id = Uuid::now_v7();
            let inserted = dispatch!(tx &mut tx, t => {
                sqlx::query(
                    "INSERT INTO queue_tickets (id, org_id, day, number, service, person_id, booking_id, state, issued_at)
                     SELECT $1, $2, $3, COALESCE(MAX(number), 0) + 1, $4, $5, $6, 'waiting', $7
                     FROM queue_tickets WHERE org_id = $2 AND day = $3",
                )
                .bind(id).bind(point).bind(day).bind(service.code()).bind(person_id).bind(booking_id).bind(now)
                .execute(&mut **t).await.map(|r| r.rows_affected())
            });
            match inserted {
                Ok(_) => {
                    let entry = AuditEntry { person_id, detail: format!("ticket {id} at {point}"), ..audit.clone() };
                    crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
                    let ticket = ticket_in(&mut tx, id).await?;
                    tx.commit().await?;
                    return Ok(ticket);
                }
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() && attempt < 50 => continue,
                Err(e) => return Err(e.into()),
            }
        }
        unreachable!("the loop returns")
    }

    /// Calls the lowest waiting ticket of the day to a desk.
    pub async fn call_next(&self, point: Uuid, now: DateTime<Utc>, audit: AuditEntry) -> Result<QueueTicket> {
        let day = local_day(now);
        loop {
            let mut tx = self.db.begin().await?;
            let next: Option<Uuid> = dispatch!(tx &mut tx, t => {
                sqlx::query_scalar("SELECT id FROM queue_tickets WHERE org_id = $1 AND day = $2 AND state = 'waiting' ORDER BY number LIMIT 1")
                    .bind(point).bind(day).fetch_optional(&mut **t).await?
            });
            let id = next.ok_or(BookingError::QueueEmpty)?;
            let n = dispatch!(tx &mut tx, t => {
                sqlx::query("UPDATE queue_tickets SET state = 'called', called_at = $1 WHERE id = $2 AND state = 'waiting'")
                    .bind(now).bind(id).execute(&mut **t).await?.rows_affected()
            });
            if n == 0 {
                continue; // another desk called it first
            }
            let ticket = ticket_in(&mut tx, id).await?;
            let entry = AuditEntry { person_id: ticket.person_id, detail: format!("ticket {id} called"), ..audit };
            crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
            tx.commit().await?;
            return Ok(ticket);
        }
    }

    /// Ends a ticket: `served` (from called) or `no_show` (from waiting or called).
    pub async fn finish_ticket(
        &self,
        id: Uuid,
        state: TicketState,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<QueueTicket> {
        let from: &[&str] = match state {
            TicketState::Served => &["called"],
            TicketState::NoShow => &["waiting", "called"],
            _ => return Err(BookingError::TicketState.into()),
        };
        let mut tx = self.db.begin().await?;
        let ticket = ticket_in(&mut tx, id).await?;
        if !from.contains(&ticket.state.code()) {
            return Err(BookingError::TicketState.into());
        }
        let n = dispatch!(tx &mut tx, t => {
            sqlx::query("UPDATE queue_tickets SET state = $1, served_at = $2 WHERE id = $3 AND state = $4")
                .bind(state.code()).bind(now).bind(id).bind(ticket.state.code()).execute(&mut **t).await?.rows_affected()
        });
        if n != 1 {
            return Err(BookingError::TicketState.into());
        }
        let entry =
            AuditEntry { person_id: ticket.person_id, detail: format!("ticket {id} {}", state.code()), ..audit };
        crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(QueueTicket { state, ..ticket })
    }

    /// One ticket.
    pub async fn ticket(&self, id: Uuid) -> Result<QueueTicket> {
        let t = dispatch!(read &self.db, p => {
            match sqlx::query(&format!("SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE id = $1")).bind(id).fetch_optional(p).await? {
                Some(r) => Some(ticket_row!(&r)),
                None => None,
            }
        });
        t.ok_or(StoreError::NotFound("ticket"))
    }

    /// The day's queue of a point, with the estimated wait of each waiting ticket.
    pub async fn queue_day(&self, point: Uuid, day: NaiveDate) -> Result<QueueDay> {
        let sp = self.service_point(point).await?;
        let mut tickets: Vec<QueueTicket> = dispatch!(read &self.db, p => {
            let rows = sqlx::query(&format!("SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE org_id = $1 AND day = $2 ORDER BY number"))
                .bind(point).bind(day).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(ticket_row!(r));
            }
            out
        });
        let called: Vec<_> = tickets.iter().filter_map(|t| t.called_at).collect();
        let (per, measured) = minutes_per_ticket(&called, sp.slot_minutes, sp.capacity);
        let mut ahead = 0;
        for t in tickets.iter_mut().filter(|t| t.state == TicketState::Waiting) {
            ahead += 1;
            t.estimated_wait_minutes = Some(per * ahead);
        }
        Ok(QueueDay { tickets, minutes_per_ticket: per, measured })
    }
}

pub(crate) async fn ticket_in(tx: &mut Tx, id: Uuid) -> Result<QueueTicket> {
    let t = dispatch!(tx tx, t => {
        match sqlx::query(&format!("SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE id = $1")).bind(id).fetch_optional(&mut **t).await? {
            Some(r) => Some(ticket_row!(&r)),
            None => None,
        }
    });
    t.ok_or(StoreError::NotFound("ticket"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_measured_from_the_calls_or_taken_from_the_schedule() {
        assert_eq!(minutes_per_ticket(&[], 30, 3), (10, false));
        let t0: DateTime<Utc> = "2026-11-23T06:00:00Z".parse().unwrap();
        let calls: Vec<_> = (0..4).map(|i| t0 + chrono::Duration::minutes(6 * i)).collect();
        assert_eq!(minutes_per_ticket(&calls, 30, 3), (6, true));
    }
}
