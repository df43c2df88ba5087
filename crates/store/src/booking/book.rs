//! Booking a slot, cancelling, rescheduling, no-shows, and the result a point records.
//!
//! A booking is one transaction: read the slot and the person's active bookings, check the
//! slot (not past, not closed) and the step order against the person's case, then let one
//! conditional `UPDATE` of the slot counter decide whether a place is left, insert the booking
//! and its audit entry. Two transactions can never take the last place (the `UPDATE` holds the
//! row until commit, and re-checks `booked < capacity`), and a refusal rolls everything back.
//! On SQLite the transaction is shared by the bookings of concurrent callers (group commit,
//! [`super::batch`]): each booking decides its refusal before it writes anything.

use std::collections::HashMap;

use centre::case::{Case, StepKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::event::{Actor, Change, SourceAgency};
use domain::facts::{Notice, NoticeKind, ServiceResult};
use domain::lang::Lang;
use domain::person::{PermitKind, PersonProfile};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use super::slots::{SLOT_COLUMNS, Slot, slot_from_row};
use super::{BookingError, day_bounds, local_day, step_of};
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError};
use crate::outbox::{Channel, NewNotification};
use crate::persons::Provenance;
use crate::{AuditEntry, Store};

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingState {
    /// Holds a place.
    Booked,
    /// Cancelled or moved away by a reschedule (the place was freed).
    Cancelled,
    /// The point recorded the visit's result.
    Attended,
    /// The person did not come.
    NoShow,
}

impl BookingState {
    /// Stored code.
    pub const fn code(self) -> &'static str {
        match self {
            BookingState::Booked => "booked",
            BookingState::Cancelled => "cancelled",
            BookingState::Attended => "attended",
            BookingState::NoShow => "no_show",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        [BookingState::Booked, BookingState::Cancelled, BookingState::Attended, BookingState::NoShow]
            .into_iter()
            .find(|b| b.code() == s)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown booking state {s:?}")))
    }
}

/// What closing a slot did: the slot, now closed, and the bookings it cancelled (their persons
/// have been told).
#[derive(Debug, Clone, Serialize)]
pub struct SlotClosure {
    /// The slot.
    pub slot: Slot,
    /// The bookings cancelled, now in state `cancelled`.
    pub cancelled: Vec<Booking>,
}

/// A booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    /// Booking id.
    pub id: Uuid,
    /// Who comes.
    pub person_id: Uuid,
    /// The slot.
    pub slot_id: Uuid,
    /// The service point.
    pub org_id: Uuid,
    /// The step.
    pub step: StepKind,
    /// When.
    pub starts_at: DateTime<Utc>,
    /// Where it stands.
    pub state: BookingState,
    /// The account that booked (the migrant, or an employer's HR).
    pub booked_by: Uuid,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A booking request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBooking {
    /// Who comes.
    pub person_id: Uuid,
    /// The slot.
    pub slot_id: Uuid,
    /// The booking account.
    pub booked_by: Uuid,
    /// A client's key: the same request sent again returns the first booking.
    pub idempotency_key: Option<String>,
}

const BOOKING_COLUMNS: &str = "id, person_id, slot_id, org_id, step, starts_at, state, booked_by, created_at";

macro_rules! booking_row {
    ($r:expr) => {{
        let r = $r;
        let step: String = r.try_get("step")?;
        let state: String = r.try_get("state")?;
        Booking {
            id: r.try_get("id")?,
            person_id: r.try_get("person_id")?,
            slot_id: r.try_get("slot_id")?,
            org_id: r.try_get("org_id")?,
            step: step_of(&step)?,
            starts_at: r.try_get("starts_at")?,
            state: BookingState::parse(&state)?,
            booked_by: r.try_get("booked_by")?,
            created_at: r.try_get("created_at")?,
        }
    }};
}

/// Checks the step order of a visit at `starts_at` (PAT-4: the application carries the
/// medical, fingerprint, exam and insurance documents; PAT-8: the patent is collected after the
/// application): every step it requires is done, or booked early enough that its result is
/// ready (`starts_at + result_ready_after_days`); and no booked later step needs this one earlier.
/// `active` is the person's other active bookings (step, start).
pub fn check_order(
    case: &Case,
    step: StepKind,
    starts_at: DateTime<Utc>,
    active: &[(StepKind, DateTime<Utc>)],
) -> Result<(), BookingError> {
    let done = |k: StepKind| case.step(k).is_none_or(|s| s.state.is_done());
    if case.step(step).is_some_and(|s| s.state.is_done()) {
        return Err(BookingError::StepDone);
    }
    let ready_before = |k: StepKind, at: DateTime<Utc>, then: DateTime<Utc>| at < then && at + ready_after(k) <= then;
    for &r in step.requires() {
        if !done(r) && !active.iter().any(|&(k, at)| k == r && ready_before(r, at, starts_at)) {
            return Err(BookingError::StepOrder { step: step.code(), needs: r.code() });
        }
    }
    for &(later, at) in active {
        if later.requires().contains(&step) && !ready_before(step, starts_at, at) {
            return Err(BookingError::StepOrder { step: later.code(), needs: step.code() });
        }
    }
    Ok(())
}

fn ready_after(k: StepKind) -> Duration {
    Duration::days(i64::from(k.result_ready_after_days()))
}

/// A booking request with what was read for it before the write transaction.
pub(super) struct Prepared {
    /// The request.
    pub req: NewBooking,
    /// The clock of the request.
    pub now: DateTime<Utc>,
    /// The request's audit entry (its detail is filled in on success).
    pub audit: AuditEntry,
    /// The person (for the confirmation's addresses).
    pub profile: PersonProfile,
    /// The person's case (for the step order).
    pub case: Case,
    /// The language of the confirmation.
    pub lang: Lang,
    /// The point's name (for the confirmation).
    pub place: String,
}

/// What [`Store::book_in`] wrote.
pub(super) enum Written {
    /// A new booking and its audit entry, still to be appended.
    New(Booking, Box<AuditEntry>),
    /// The request repeated an idempotency key: the first booking, nothing written.
    Replay(Booking),
}

/// Why [`Store::book_in`] did not book: a refusal of this request (nothing of it written, the
/// transaction goes on), or a failure that aborts the transaction.
#[derive(Debug)]
pub(super) enum Failed {
    /// Refused by the rules of booking, or a missing slot or person.
    Refused(StoreError),
    /// The database (or stored data) failed: the whole transaction is rolled back.
    Aborted(StoreError),
}

impl Failed {
    /// A refusal code and a missing record refuse this request; anything else aborts.
    fn classify(e: StoreError) -> Self {
        match e {
            StoreError::Booking(_) | StoreError::NotFound(_) => Failed::Refused(e),
            e => Failed::Aborted(e),
        }
    }

    /// The error, whichever kind.
    pub(super) fn into_inner(self) -> StoreError {
        match self {
            Failed::Refused(e) | Failed::Aborted(e) => e,
        }
    }
}

/// A request that repeats a taken idempotency key: the same request gets the first booking,
/// another one is `key_reused`.
fn replay(existing: Booking, b: &NewBooking) -> Result<Booking> {
    if existing.person_id == b.person_id && existing.slot_id == b.slot_id {
        Ok(existing)
    } else {
        Err(BookingError::KeyReused.into())
    }
}

/// Maps a failed booking insert: the one-active-booking index, or a reused idempotency key.
fn on_insert(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            let about_key =
                d.constraint().is_some_and(|c| c.contains("idempotency")) || d.message().contains("idempotency");
            if about_key { BookingError::KeyReused.into() } else { BookingError::AlreadyBooked.into() }
        }
        _ => StoreError::Database(e),
    }
}

impl Store {
    /// Books a place for a person (see the module doc). The caller has checked that the
    /// booking account may book for this person (`domain::access::may_book_for`).
    ///
    /// What needs no write lock (a repeated idempotency key, the person's case, the point's
    /// name) is read first on the read pool, in parallel with other requests. On SQLite the
    /// write part then goes to the booking writer, which commits the bookings of concurrent
    /// callers together ([`super::batch`]); on PostgreSQL it is one transaction per booking.
    pub async fn book(&self, b: &NewBooking, now: DateTime<Utc>, audit: AuditEntry) -> Result<Booking> {
        if let Some(key) = &b.idempotency_key
            && let Some(existing) = self.booking_by_key(key).await?
        {
            return replay(existing, b);
        }
        let (profile, case, lang) = self.case_for_booking(b.person_id, now).await?;
        let place = self.place_of_slot(b.slot_id).await?;
        let p = Prepared { req: b.clone(), now, audit, profile, case, lang, place };
        if let crate::Db::Sqlite { .. } = self.db {
            return self.booking_writer().book(p).await;
        }
        match self.book_alone(&p).await {
            // PostgreSQL: a concurrent request with the same key may have won the place (or
            // the key's index) before committing, unseen by this transaction: once it has
            // committed, this request is its repetition.
            Err(Failed::Refused(e)) => match &b.idempotency_key {
                Some(key) => match self.booking_by_key(key).await? {
                    Some(existing) => replay(existing, b),
                    None => Err(e),
                },
                None => Err(e),
            },
            other => other.map_err(Failed::into_inner),
        }
    }

    /// One booking in a transaction of its own (PostgreSQL).
    async fn book_alone(&self, p: &Prepared) -> Result<Booking, Failed> {
        let mut tx = self.db.begin().await.map_err(|e| Failed::Aborted(e.into()))?;
        match self.book_in(&mut tx, p, &mut HashMap::new()).await? {
            Written::Replay(existing) => Ok(existing),
            Written::New(booking, entry) => {
                crate::audit::append(&mut tx, self.sealer(), &[*entry]).await.map_err(Failed::Aborted)?;
                tx.commit().await.map_err(|e| Failed::Aborted(e.into()))?;
                Ok(booking)
            }
        }
    }

    /// The write part of one booking inside an open transaction, in the order of the module
    /// doc. Every refusal is decided before this booking writes anything (the conditional
    /// counter `UPDATE` writes nothing when it refuses), so a refused booking leaves the
    /// transaction as it found it and the bookings after it in a batch go on. The audit entry
    /// is returned, not appended: a batch appends all its entries in one chain step.
    /// `slots` caches the slots read in this transaction (their time, service and closing
    /// cannot change under the transaction; the counter is never read from the cache).
    pub(super) async fn book_in(
        &self,
        tx: &mut Tx,
        p: &Prepared,
        slots: &mut HashMap<Uuid, Slot>,
    ) -> Result<Written, Failed> {
        let b = &p.req;
        // A key taken since the read above, possibly by an earlier booking of the same batch.
        if let Some(key) = &b.idempotency_key
            && let Some(existing) = booking_by_key_in(tx, key).await.map_err(Failed::classify)?
        {
            return replay(existing, b).map(Written::Replay).map_err(Failed::Refused);
        }
        let slot = match slots.get(&b.slot_id) {
            Some(s) => s.clone(),
            None => {
                let s = lock_slot(tx, b.slot_id).await.map_err(Failed::classify)?;
                slots.insert(s.id, s.clone());
                s
            }
        };
        check_slot(&slot, p.now).map_err(|e| Failed::Refused(e.into()))?;
        let active = active_bookings(tx, Active::OfPerson(b.person_id)).await.map_err(Failed::classify)?;
        if active.iter().any(|a| a.step == slot.service) {
            return Err(Failed::Refused(BookingError::AlreadyBooked.into()));
        }
        let others: Vec<_> = active.iter().map(|a| (a.step, a.starts_at)).collect();
        check_order(&p.case, slot.service, slot.starts_at, &others).map_err(|e| Failed::Refused(e.into()))?;
        take_place(tx, &slot).await.map_err(Failed::classify)?;
        let booking = match insert_booking(tx, b, &slot, p.now).await {
            Ok(booking) => booking,
            Err(e @ StoreError::Booking(_)) => {
                // The backstop indexes caught what the checks above should have. SQLite undid
                // the failed statement only: give the place back so this booking writes
                // nothing. (PostgreSQL aborts the whole transaction, one booking only.)
                if let Tx::Sqlite(t) = tx {
                    sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
                        .bind(slot.id)
                        .execute(&mut **t)
                        .await
                        .map_err(|e| Failed::Aborted(e.into()))?;
                }
                return Err(Failed::Refused(e));
            }
            Err(e) => return Err(Failed::Aborted(e)),
        };
        self.queue_booking_notice(tx, (&p.profile, p.lang), "booking-confirmed", &booking, &p.place, p.now)
            .await
            .map_err(Failed::Aborted)?;
        let detail = format!("booking {} slot {} step {}", booking.id, slot.id, slot.service.code());
        let entry = AuditEntry { person_id: Some(b.person_id), detail, ..p.audit.clone() };
        Ok(Written::New(booking, Box::new(entry)))
    }

    /// An employer books for its new hires in bulk: each booking on its own (one refusal does
    /// not undo the others), each only for a current employee of `employer` (else `not_owner`
    /// is reported for that line and nothing is written for it).
    pub async fn book_bulk(
        &self,
        employer: Uuid,
        requests: &[NewBooking],
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<Vec<Result<Booking, StoreError>>> {
        let mut out = Vec::with_capacity(requests.len());
        for b in requests {
            let person = match self.get_person(b.person_id).await {
                Ok(p) => p,
                Err(e) => {
                    out.push(Err(e));
                    continue;
                }
            };
            if !person.employers_on(local_day(now)).any(|e| e == employer) {
                out.push(Err(StoreError::NotFound("employee")));
                continue;
            }
            out.push(self.book(b, now, audit.clone()).await);
        }
        Ok(out)
    }

    /// Cancels an active booking that has not begun, freeing its place.
    pub async fn cancel_booking(&self, id: Uuid, now: DateTime<Utc>, audit: AuditEntry) -> Result<Booking> {
        let known = self.booking(id).await?;
        let (profile, _, lang) = self.case_for_booking(known.person_id, now).await?;
        let place = self.place_of_slot(known.slot_id).await?;
        let mut tx = self.db.begin().await?;
        let b = booking_in(&mut tx, id).await?;
        if b.state != BookingState::Booked {
            return Err(BookingError::NotActive.into());
        }
        if b.starts_at <= now {
            return Err(BookingError::SlotPast.into());
        }
        release(&mut tx, &b, BookingState::Cancelled, now).await?;
        self.queue_booking_notice(&mut tx, (&profile, lang), "booking-cancelled", &b, &place, now).await?;
        let entry = AuditEntry { person_id: Some(b.person_id), detail: format!("booking {id} cancelled"), ..audit };
        crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(Booking { state: BookingState::Cancelled, ..b })
    }

    /// Closes a slot (a holiday, a broken machine, a doctor off sick): no new bookings, and
    /// every booking already in it is cancelled, its place freed and its person told, in one
    /// transaction (`booking-closed`: the point cancelled, book another time; the route
    /// planner then proposes a new one). Closing a closed slot again cancels nothing more. A
    /// slot that has begun cannot be closed: its visits are marked served or no-show instead.
    /// `reason` goes into the audit log beside the closure.
    pub async fn close_slot(
        &self,
        id: Uuid,
        reason: &str,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<SlotClosure> {
        let place = self.place_of_slot(id).await?;
        let mut tx = self.db.begin().await?;
        let slot = lock_slot(&mut tx, id).await?;
        if slot.starts_at <= now {
            return Err(BookingError::SlotPast.into());
        }
        let mut entries = Vec::new();
        let closure = self.close_in(&mut tx, slot, (&place, reason), now, &audit, &mut entries).await?;
        crate::audit::append(&mut tx, self.sealer(), &entries).await?;
        tx.commit().await?;
        Ok(closure)
    }

    /// Closes every open slot of a point that starts in `[from, to)` and has not begun (a
    /// holiday, a sanitary day, a broken machine for a morning), each as [`Store::close_slot`]
    /// does, all in one transaction: every slot of the period is closed and its persons told,
    /// or nothing is. At most 31 days at once.
    pub async fn close_point_slots(
        &self,
        point: Uuid,
        period: (DateTime<Utc>, DateTime<Utc>),
        reason: &str,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<Vec<SlotClosure>> {
        let (from, to) = period;
        if from >= to || to - from > Duration::days(31) {
            return Err(BookingError::Period.into());
        }
        let place = self.service_point(point).await?.name;
        let mut tx = self.db.begin().await?;
        let slots: Vec<Slot> = dispatch!(tx &mut tx, t => {
            let rows = sqlx::query(&format!(
                "SELECT {SLOT_COLUMNS} FROM slots WHERE org_id = $1 AND starts_at >= $2 AND starts_at < $3 AND starts_at > $4
                   AND NOT closed ORDER BY starts_at, id"
            ))
            .bind(point)
            .bind(from)
            .bind(to)
            .bind(now)
            .fetch_all(&mut **t)
            .await?;
            rows.iter().map(slot_from_row).collect::<Result<Vec<_>>>()?
        });
        let mut entries = Vec::new();
        let mut out = Vec::with_capacity(slots.len());
        for slot in slots {
            out.push(self.close_in(&mut tx, slot, (&place, reason), now, &audit, &mut entries).await?);
        }
        crate::audit::append(&mut tx, self.sealer(), &entries).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Closes one slot inside `tx`: marks it closed, cancels its bookings, frees their places and
    /// queues each person's notice; the audit entries go to `entries`.
    async fn close_in(
        &self,
        tx: &mut Tx,
        slot: Slot,
        (place, reason): (&str, &str),
        now: DateTime<Utc>,
        audit: &AuditEntry,
        entries: &mut Vec<AuditEntry>,
    ) -> Result<SlotClosure> {
        let id = slot.id;
        dispatch!(exec tx, t => {
            sqlx::query("UPDATE slots SET closed = TRUE WHERE id = $1").bind(id).execute(&mut **t).await?
        });
        let cancelled = active_bookings(tx, Active::InSlot(id)).await?;
        entries.push(AuditEntry { detail: format!("slot {id} closed: {reason}"), ..audit.about_nobody() });
        for b in &cancelled {
            // Read through the readers (SQLite's readers see the committed profile; nothing in
            // this transaction changes it).
            let profile = self.get_person(b.person_id).await?;
            let lang = self.lang_for(&profile).await?;
            release(tx, b, BookingState::Cancelled, now).await?;
            self.queue_booking_notice(tx, (&profile, lang), "booking-closed", b, place, now).await?;
            let detail = format!("booking {} cancelled: slot {id} closed", b.id);
            entries.push(AuditEntry { detail, ..audit.about(b.person_id) });
        }
        let cancelled: Vec<Booking> =
            cancelled.into_iter().map(|b| Booking { state: BookingState::Cancelled, ..b }).collect();
        let booked = slot.booked.saturating_sub(cancelled.len() as u32);
        Ok(SlotClosure { slot: Slot { closed: true, booked, ..slot }, cancelled })
    }

    /// Moves an active booking to another slot of the same step, atomically: the new place is
    /// taken and the old one freed in one transaction, or nothing changes.
    pub async fn reschedule_booking(
        &self,
        id: Uuid,
        new_slot: Uuid,
        booked_by: Uuid,
        now: DateTime<Utc>,
        audit: AuditEntry,
    ) -> Result<Booking> {
        let old = self.booking(id).await?;
        let (profile, case, lang) = self.case_for_booking(old.person_id, now).await?;
        let place = self.place_of_slot(new_slot).await?;
        let mut tx = self.db.begin().await?;
        let old = booking_in(&mut tx, id).await?;
        if old.state != BookingState::Booked {
            return Err(BookingError::NotActive.into());
        }
        if old.starts_at <= now {
            return Err(BookingError::SlotPast.into());
        }
        let slot = lock_slot(&mut tx, new_slot).await?;
        if slot.service != old.step {
            return Err(BookingError::WrongService.into());
        }
        if slot.id == old.slot_id {
            return Err(BookingError::AlreadyBooked.into());
        }
        check_slot(&slot, now)?;
        let others: Vec<_> = active_bookings(&mut tx, Active::OfPerson(old.person_id))
            .await?
            .iter()
            .filter(|a| a.id != id)
            .map(|a| (a.step, a.starts_at))
            .collect();
        check_order(&case, slot.service, slot.starts_at, &others)?;
        release(&mut tx, &old, BookingState::Cancelled, now).await?;
        take_place(&mut tx, &slot).await?;
        let req = NewBooking { person_id: old.person_id, slot_id: slot.id, booked_by, idempotency_key: None };
        let booking = insert_booking(&mut tx, &req, &slot, now).await?;
        self.queue_booking_notice(&mut tx, (&profile, lang), "booking-confirmed", &booking, &place, now).await?;
        let detail = format!("booking {id} moved to {} slot {}", booking.id, slot.id);
        let entry = AuditEntry { person_id: Some(old.person_id), detail, ..audit };
        crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(booking)
    }

    /// The point marks a person who did not come. Only once the visit has begun; the place is
    /// not freed (the time is gone).
    pub async fn mark_no_show(&self, id: Uuid, now: DateTime<Utc>, audit: AuditEntry) -> Result<Booking> {
        let mut tx = self.db.begin().await?;
        let b = booking_in(&mut tx, id).await?;
        if b.state != BookingState::Booked {
            return Err(BookingError::NotActive.into());
        }
        if b.starts_at > now {
            return Err(BookingError::TooEarly.into());
        }
        set_state(&mut tx, id, BookingState::NoShow, now).await?;
        let entry = AuditEntry { person_id: Some(b.person_id), detail: format!("booking {id} no-show"), ..audit };
        crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(Booking { state: BookingState::NoShow, ..b })
    }

    /// Records the result of a step for a person at a point without the desk's checks (visit
    /// time, outcome, identity): for tools and tests. The workstation records through
    /// [`Store::record_visit_result`](crate::Store::record_visit_result). The event goes
    /// through the person write path (re-evaluated status, audit), with the point as
    /// provenance; the person's active booking of the step at this point becomes attended and
    /// their called ticket served. Recording the same result on the same day again is a no-op.
    pub async fn record_result(
        &self,
        point: Uuid,
        person_id: Uuid,
        step: StepKind,
        now: DateTime<Utc>,
        actor: Actor,
        audit: AuditEntry,
    ) -> Result<PersonProfile> {
        let sp = self.service_point(point).await?;
        if !sp.services.contains(&step) {
            return Err(BookingError::NotOffered.into());
        }
        let profile = self.get_person(person_id).await?;
        let change = result_change(&profile, step, point, local_day(now))?;
        let detail = format!("result {} at {point}", step.code());
        self.write_result(&sp, person_id, step, change, "", now, actor, AuditEntry { detail, ..audit }).await
    }

    /// Writes a result's change for a person at a point (the change already checked): the
    /// person write path with the point as provenance, the booking attended, the called ticket
    /// served, the audit entry, in one transaction. `key_suffix` tells apart results of one step
    /// on one day that are not repeats (an unfit outcome corrected to fit).
    #[expect(clippy::too_many_arguments, reason = "one write with its provenance and audit")]
    pub(crate) async fn write_result(
        &self,
        sp: &super::ServicePoint,
        person_id: Uuid,
        step: StepKind,
        change: Change,
        key_suffix: &str,
        now: DateTime<Utc>,
        actor: Actor,
        audit: AuditEntry,
    ) -> Result<PersonProfile> {
        let point = sp.org_id;
        let on = local_day(now);
        let source = match sp.kind.as_str() {
            "medical_centre" => SourceAgency::Medical,
            "exam_centre" => SourceAgency::Exam,
            "adaptation_centre" => SourceAgency::Adaptation,
            _ => SourceAgency::Mvd,
        };
        let record = format!("point:{point}:{person_id}:{}:{on}{key_suffix}", step.code());
        let prov = Provenance { source, source_record: Some(record.clone()), actor, at: now };
        let mut tx = self.db.begin().await?;
        if self.person_for_source_record(&mut tx, source, &record).await?.is_some() {
            drop(tx);
            return self.get_person(person_id).await;
        }
        let profile = self.append_in(&mut tx, person_id, None, vec![change], prov, None).await?;
        let (from, to) = day_bounds(on);
        dispatch!(exec &mut tx, t => {
            sqlx::query("UPDATE bookings SET state = 'attended', updated_at = $1 WHERE person_id = $2 AND step = $3 AND org_id = $4 AND state = 'booked' AND starts_at >= $5 AND starts_at < $6")
                .bind(now).bind(person_id).bind(step.code()).bind(point).bind(from).bind(to)
                .execute(&mut **t).await?;
            sqlx::query("UPDATE queue_tickets SET state = 'served', served_at = $1 WHERE person_id = $2 AND org_id = $3 AND day = $4 AND state = 'called'")
                .bind(now).bind(person_id).bind(point).bind(on)
                .execute(&mut **t).await?
        });
        let entry = AuditEntry { person_id: Some(person_id), ..audit };
        crate::audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(profile)
    }

    /// One booking.
    pub async fn booking(&self, id: Uuid) -> Result<Booking> {
        let b = dispatch!(read &self.db, p => {
            match sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE id = $1")).bind(id).fetch_optional(p).await? {
                Some(r) => Some(booking_row!(&r)),
                None => None,
            }
        });
        b.ok_or(StoreError::NotFound("booking"))
    }

    async fn booking_by_key(&self, key: &str) -> Result<Option<Booking>> {
        Ok(dispatch!(read &self.db, p => {
            match sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE idempotency_key = $1")).bind(key).fetch_optional(p).await? {
                Some(r) => Some(booking_row!(&r)),
                None => None,
            }
        }))
    }

    /// A person's bookings, latest first (at most 200).
    pub async fn person_bookings(&self, person_id: Uuid) -> Result<Vec<Booking>> {
        Ok(dispatch!(read &self.db, p => {
            let rows = sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE person_id = $1 ORDER BY starts_at DESC, id LIMIT 200"))
                .bind(person_id).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(booking_row!(r));
            }
            out
        }))
    }

    /// A point's bookings of a local day, by time (cancelled ones left out).
    pub async fn point_day(&self, point: Uuid, day: NaiveDate) -> Result<Vec<Booking>> {
        let (from, to) = day_bounds(day);
        Ok(dispatch!(read &self.db, p => {
            let rows = sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE org_id = $1 AND starts_at >= $2 AND starts_at < $3 AND state <> 'cancelled' ORDER BY starts_at, id"))
                .bind(point).bind(from).bind(to).fetch_all(p).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                out.push(booking_row!(r));
            }
            out
        }))
    }

    /// Whether a person is booked (not cancelled) or holds a ticket at a point on a local day:
    /// what a point's staff may act on (`domain::access::may_serve_person`).
    pub async fn at_point_on(&self, point: Uuid, person_id: Uuid, day: NaiveDate) -> Result<bool> {
        let (from, to) = day_bounds(day);
        let n: i64 = dispatch!(read &self.db, p => {
            sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM bookings WHERE org_id = $1 AND person_id = $2 AND starts_at >= $3 AND starts_at < $4 AND state <> 'cancelled')
                      + (SELECT COUNT(*) FROM queue_tickets WHERE org_id = $1 AND person_id = $2 AND day = $5)",
            )
            .bind(point).bind(person_id).bind(from).bind(to).bind(day)
            .fetch_one(p).await?
        });
        Ok(n > 0)
    }

    /// The person's case as booking checks it against (the person must exist), with the
    /// profile and the language their messages are written in.
    async fn case_for_booking(&self, person_id: Uuid, now: DateTime<Utc>) -> Result<(PersonProfile, Case, Lang)> {
        let profile = self.get_person(person_id).await?;
        let case = self.legalisation_case(&profile, local_day(now));
        let lang = self.lang_for(&profile).await?;
        Ok((profile, case, lang))
    }

    /// The name of the point a slot belongs to, read before the write transaction (names do
    /// not change with bookings; the single writer of SQLite then does one statement less).
    async fn place_of_slot(&self, slot_id: Uuid) -> Result<String> {
        let name: Option<String> = dispatch!(read &self.db, p => {
            sqlx::query_scalar("SELECT o.name FROM slots s JOIN organisations o ON o.id = s.org_id WHERE s.id = $1")
                .bind(slot_id)
                .fetch_optional(p)
                .await?
        });
        Ok(name.unwrap_or_default())
    }

    /// Queues the message that confirms a booking (`booking-confirmed`) or its cancellation
    /// (`booking-cancelled`), in the transaction of the change: the cabinet always, SMS and
    /// e-mail where the person has an address. Sent at once, not held for quiet hours: it
    /// answers something the person (or their employer) has just done.
    async fn queue_booking_notice(
        &self,
        tx: &mut Tx,
        to: (&PersonProfile, Lang),
        template: &str,
        b: &Booking,
        place: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (profile, lang) = to;
        let local = b.starts_at.with_timezone(&domain::clock::region_offset());
        let args = serde_json::json!({
            "step": b.step.code(),
            "date": local.format("%d.%m.%Y").to_string(),
            "time": local.format("%H:%M").to_string(),
            "place": place,
        });
        let args = args.as_object().expect("an object").clone();
        let (phone, email) = crate::reminders::addresses(profile);
        for (channel, recipient) in [(Channel::Cabinet, None), (Channel::Sms, phone), (Channel::Email, email)] {
            if channel != Channel::Cabinet && recipient.is_none() {
                continue;
            }
            let n = NewNotification {
                person_id: Some(b.person_id),
                channel,
                recipient,
                template: template.into(),
                args: args.clone(),
                lang,
                dedup_key: Some(format!("{}:{template}:{}", b.id, channel.code())),
                not_before: now,
            };
            self.enqueue_notification_tx(tx, &n).await?;
        }
        Ok(())
    }
}

/// The change that records a step's result at a point (that offers the step).
pub(crate) fn result_change(
    profile: &PersonProfile,
    step: StepKind,
    point: Uuid,
    on: NaiveDate,
) -> Result<Change, BookingError> {
    if let Some(service) = step.service_result() {
        return Ok(Change::ServiceResultRecorded(ServiceResult {
            kind: service,
            on,
            org_id: Some(point),
            outcome: None,
            identity_checked: None,
        }));
    }
    match step {
        // PAT-2 / PAT-10: the migration office (or the migration centre's MVD desk) accepts the
        // application; a valid patent held makes it a re-issue.
        StepKind::PatentApplication => {
            let reissue_of = profile
                .permits
                .iter()
                .find(|p| p.kind == PermitKind::Patent && p.ended.is_none() && p.valid_until.is_none_or(|u| u >= on))
                .map(|p| p.id);
            Ok(Change::NoticeFiled(Notice { kind: NoticeKind::PatentApplication { reissue_of }, filed_on: on }))
        }
        // The patent itself is recorded by the migration office with its number and dates
        // through the registry's person form, not as a visit result.
        _ => Err(BookingError::NoResult),
    }
}

fn check_slot(slot: &Slot, now: DateTime<Utc>) -> Result<(), BookingError> {
    if slot.starts_at <= now {
        return Err(BookingError::SlotPast);
    }
    if slot.closed {
        return Err(BookingError::SlotClosed);
    }
    Ok(())
}

/// Reads the slot in the transaction.
async fn lock_slot(tx: &mut Tx, id: Uuid) -> Result<Slot> {
    let slot = dispatch!(tx tx, t => {
        match sqlx::query(&format!("SELECT {SLOT_COLUMNS} FROM slots WHERE id = $1")).bind(id).fetch_optional(&mut **t).await? {
            Some(r) => Some(slot_from_row(&r)?),
            None => None,
        }
    });
    slot.ok_or(StoreError::NotFound("slot"))
}

/// The one statement that decides whether a place is left.
async fn take_place(tx: &mut Tx, slot: &Slot) -> Result<()> {
    let n = dispatch!(tx tx, t => {
        sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND NOT closed")
            .bind(slot.id).execute(&mut **t).await?.rows_affected()
    });
    if n == 1 { Ok(()) } else { Err(BookingError::SlotFull.into()) }
}

async fn insert_booking(tx: &mut Tx, b: &NewBooking, slot: &Slot, now: DateTime<Utc>) -> Result<Booking> {
    let id = Uuid::now_v7();
    dispatch!(exec tx, t => {
        sqlx::query("INSERT INTO bookings (id, person_id, slot_id, org_id, step, starts_at, state, booked_by, idempotency_key, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, 'booked', $7, $8, $9, $9)")
            .bind(id).bind(b.person_id).bind(slot.id).bind(slot.org_id).bind(slot.service.code()).bind(slot.starts_at)
            .bind(b.booked_by).bind(b.idempotency_key.as_deref()).bind(now)
            .execute(&mut **t).await.map_err(on_insert)?
    });
    Ok(Booking {
        id,
        person_id: b.person_id,
        slot_id: slot.id,
        org_id: slot.org_id,
        step: slot.service,
        starts_at: slot.starts_at,
        state: BookingState::Booked,
        booked_by: b.booked_by,
        created_at: now,
    })
}

async fn booking_by_key_in(tx: &mut Tx, key: &str) -> Result<Option<Booking>> {
    Ok(dispatch!(tx tx, t => {
        match sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE idempotency_key = $1")).bind(key).fetch_optional(&mut **t).await? {
            Some(r) => Some(booking_row!(&r)),
            None => None,
        }
    }))
}

pub(crate) async fn booking_in(tx: &mut Tx, id: Uuid) -> Result<Booking> {
    let b = dispatch!(tx tx, t => {
        match sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE id = $1")).bind(id).fetch_optional(&mut **t).await? {
            Some(r) => Some(booking_row!(&r)),
            None => None,
        }
    });
    b.ok_or(StoreError::NotFound("booking"))
}

/// Whose active bookings to read.
enum Active {
    /// One person's.
    OfPerson(Uuid),
    /// Every one in a slot.
    InSlot(Uuid),
}

async fn active_bookings(tx: &mut Tx, of: Active) -> Result<Vec<Booking>> {
    let (column, id) = match of {
        Active::OfPerson(id) => ("person_id", id),
        Active::InSlot(id) => ("slot_id", id),
    };
    Ok(dispatch!(tx tx, t => {
        let rows = sqlx::query(&format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE {column} = $1 AND state = 'booked' ORDER BY id"))
            .bind(id).fetch_all(&mut **t).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(booking_row!(r));
        }
        out
    }))
}

/// Ends an active booking in `state` and frees its place. The state change is conditional, so
/// two concurrent cancels free one place.
async fn release(tx: &mut Tx, b: &Booking, state: BookingState, now: DateTime<Utc>) -> Result<()> {
    set_state(tx, b.id, state, now).await?;
    dispatch!(exec tx, t => {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0").bind(b.slot_id).execute(&mut **t).await?
    });
    Ok(())
}

async fn set_state(tx: &mut Tx, id: Uuid, state: BookingState, now: DateTime<Utc>) -> Result<()> {
    let n = dispatch!(tx tx, t => {
        sqlx::query("UPDATE bookings SET state = $1, updated_at = $2 WHERE id = $3 AND state = 'booked'")
            .bind(state.code()).bind(now).bind(id).execute(&mut **t).await?.rows_affected()
    });
    if n == 1 { Ok(()) } else { Err(BookingError::NotActive.into()) }
}
