//! The virtual migration centre's booking side: service points, slots, bookings, the live queue
//! and the results a point records (issue 5, part 2; migration 0006 records the table decisions).
//!
//! - [`points`]: a service point's weekly schedule with breaks, its services and capacity;
//! - [`slots`]: opening slots ahead from the schedule (idempotent), searching free ones;
//! - [`book`]: booking in one transaction (step order, past, closed, full), cancel,
//!   reschedule, no-show, employer bulk booking, the point's day, recording a result;
//! - [`queue`]: walk-in tickets numbered per point and day, call next, estimated wait;
//! - [`route`]: the input of the route planner, loaded from the case, the points and free slots.
//!
//! Every refusal is a [`BookingError`] with a stable code (`slot_full` …): the API returns it
//! as problem+json and the web shows the Fluent message `centre-error-<code>`. A refusal leaves
//! the tables as they were: each operation is one transaction and decides before it writes,
//! or lets one conditional statement decide (the slot counter, see migration 0006).
//!
//! Every function takes `now` (the clock) from the caller: the API passes the wall clock, the
//! tests pass the moment they need.

pub mod batch;
pub mod book;
pub mod desk;
pub mod points;
pub mod queue;
pub mod route;
pub mod slots;

use centre::case::StepKind;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

pub use book::{Booking, BookingState, NewBooking, SlotClosure};
pub use desk::{DeskOutcome, DeskResult, DeskVisit, MaskedDocument};
pub use points::{Hours, ServicePoint, WeeklySchedule};

pub use queue::{QueueTicket, TicketState};
pub use slots::{Slot, SlotQuery};

/// Why a booking or queue request is refused. The code is stable (API problem type, Fluent
/// message id `centre-error-<code>`); the message is the English text for logs and the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingError {
    /// Every place of the slot is taken.
    #[error("the slot is full: choose another time")]
    SlotFull,
    /// The point closed the slot (holiday, maintenance).
    #[error("the slot is closed: choose another time")]
    SlotClosed,
    /// The slot has already begun or ended.
    #[error("the slot is in the past: choose a later time")]
    SlotPast,
    /// A step that must come first is neither done nor booked early enough.
    #[error("{step} needs {needs} first, with its result ready before this visit")]
    StepOrder {
        /// The step being booked.
        step: &'static str,
        /// The earlier step it waits for.
        needs: &'static str,
    },
    /// The person already holds a booking for this step (reschedule it instead).
    #[error("this step is already booked: reschedule or cancel that booking")]
    AlreadyBooked,
    /// The step is already done: there is nothing to book.
    #[error("this step is already done")]
    StepDone,
    /// The booking is cancelled, attended or marked as a no-show.
    #[error("the booking is no longer active")]
    NotActive,
    /// The slot is for another service than the booking's step.
    #[error("the slot is for another service")]
    WrongService,
    /// The step is not a visit to a service point, or the point does not offer it.
    #[error("the service point does not offer this step")]
    NotOffered,
    /// The step has no result a point records (the patent itself is recorded by the migration
    /// office with its number).
    #[error("this step's result is not recorded at a service point")]
    NoResult,
    /// Marked too early: the visit has not begun.
    #[error("the visit has not begun yet")]
    TooEarly,
    /// Nobody waits in the queue.
    #[error("nobody is waiting in the queue")]
    QueueEmpty,
    /// The ticket is not in a state that allows this.
    #[error("the ticket is not waiting or called")]
    TicketState,
    /// An idempotency key reused for another request.
    #[error("the idempotency key was used for another booking")]
    KeyReused,
    /// The schedule or slot settings are not usable.
    #[error("invalid schedule: {0}")]
    Schedule(String),
    /// A period to close that ends before it starts or is longer than 31 days.
    #[error("the period must start before it ends and last at most 31 days")]
    Period,
    /// A walk-in named by an id, or a ticket's result without the person's document number.
    #[error("a walk-in is found by the number of the document they present, not by an id")]
    WalkInByDocument,
    /// No person holds a valid document with the number given.
    #[error("no person holds a valid document with this number")]
    DocumentUnknown,
    /// Several persons hold a document with this number.
    #[error("several persons hold a document with this number: ask a migration officer")]
    DocumentAmbiguous,
    /// The staff did not confirm the presented document, or it is not the visitor's.
    #[error("confirm that the document presented is the person's own (the one shown masked)")]
    IdentityUnconfirmed,
    /// The outcome is not one the step has.
    #[error("this outcome does not fit the step {0}")]
    WrongOutcome(&'static str),
}

impl BookingError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            BookingError::SlotFull => "slot_full",
            BookingError::SlotClosed => "slot_closed",
            BookingError::SlotPast => "slot_past",
            BookingError::StepOrder { .. } => "step_order",
            BookingError::AlreadyBooked => "already_booked",
            BookingError::StepDone => "step_done",
            BookingError::NotActive => "not_active",
            BookingError::WrongService => "wrong_service",
            BookingError::NotOffered => "not_offered",
            BookingError::NoResult => "no_result",
            BookingError::TooEarly => "too_early",
            BookingError::QueueEmpty => "queue_empty",
            BookingError::TicketState => "ticket_state",
            BookingError::KeyReused => "key_reused",
            BookingError::Schedule(_) => "schedule",
            BookingError::Period => "period",
            BookingError::WalkInByDocument => "walk_in_by_document",
            BookingError::DocumentUnknown => "document_unknown",
            BookingError::DocumentAmbiguous => "document_ambiguous",
            BookingError::IdentityUnconfirmed => "identity_unconfirmed",
            BookingError::WrongOutcome(_) => "wrong_outcome",
        }
    }

    /// True when the request was fine but lost to the state of things (HTTP 409): full,
    /// already booked, no longer active, empty queue; otherwise the request itself is wrong (422).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            BookingError::SlotFull
                | BookingError::AlreadyBooked
                | BookingError::NotActive
                | BookingError::QueueEmpty
                | BookingError::TicketState
                | BookingError::KeyReused
        )
    }
}

/// The region's local day of an instant (`domain::clock`, configured once): schedules, a
/// point's day and the times shown to people are all in the region's time.
pub use domain::clock::local_day;

/// The instant of a local date and time.
pub fn at_local(t: NaiveDateTime) -> DateTime<Utc> {
    domain::clock::region_offset()
        .from_local_datetime(&t)
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&Utc)
}

/// The half-open UTC window `[start, end)` of a local day.
pub fn day_bounds(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = at_local(day.and_hms_opt(0, 0, 0).expect("midnight"));
    (start, start + Duration::days(1))
}

/// Parses a stored step code.
pub(crate) fn step_of(code: &str) -> crate::Result<StepKind> {
    StepKind::from_code(code).ok_or_else(|| crate::StoreError::Corrupt(format!("unknown step code {code:?}")))
}
