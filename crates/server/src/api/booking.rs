//! The virtual migration centre's booking API: service points, free slots, a person's case and
//! proposed route, bookings (by the migrant, or an employer for its employees in bulk), and the
//! service-point workstation (the day's bookings, the live queue, no-shows, recorded results).
//!
//! Checks, made in each handler: migrants book only for themselves and employers only for their
//! current employees (`domain::access::may_book_for`); a service point's staff act only at their
//! own point and only for persons booked or queued there today (`may_serve_person`). Refusals of
//! the booking rules are problem+json with a stable `code` (see `store::booking::BookingError`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use centre::case::StepKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::access::{
    AccessReason, Action, Principal, Role, authorize, may_book_for, may_serve_person, may_view_person,
};
use domain::error::{ValidationErrors, ValueError};
use domain::event::Actor;
use domain::facts::ServiceOutcome;
use serde::{Deserialize, Serialize};
use store::booking::desk::masked_desk_document;
use store::booking::{
    Booking, BookingError, DeskOutcome, DeskResult, DeskVisit, MaskedDocument, NewBooking, QueueTicket, SlotQuery,
    TicketState, day_bounds, local_day,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Json, Path, Query, RequestId};
use crate::registry::entry;

/// Booking and workstation routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/service-points", get(points))
        .route("/api/service-points/{id}", axum::routing::put(set_point))
        .route("/api/slots", get(slots))
        .route("/api/slots/{id}/close", post(close_slot))
        .route("/api/service-points/{id}/close", post(close_period))
        .route("/api/persons/{id}/case", get(case))
        .route("/api/persons/{id}/route", get(route))
        .route("/api/persons/{id}/bookings", get(person_bookings))
        .route("/api/me/route", get(my_route))
        .route("/api/me/bookings", get(my_bookings))
        .route("/api/bookings", post(book))
        .route("/api/employer/bookings", post(book_bulk))
        .route("/api/bookings/{id}/cancel", post(cancel))
        .route("/api/bookings/{id}/reschedule", post(reschedule))
        .route("/api/bookings/{id}/no-show", post(no_show))
        .route("/api/bookings/{id}/result", post(booking_result))
        .route("/api/service-points/{id}/day", get(day))
        .route("/api/service-points/{id}/queue", post(ticket))
        .route("/api/service-points/{id}/queue/next", post(call_next))
        .route("/api/service-points/{id}/results", post(walk_in_result))
        .route("/api/queue/{ticket}/served", post(served))
        .route("/api/queue/{ticket}/no-show", post(ticket_no_show))
}

fn invalid(field: &str, code: &'static str, message: String) -> ApiError {
    ApiError::Invalid(ValidationErrors::one(field, ValueError::new(code, message)))
}

fn step_param(field: &str, code: &str) -> ApiResult<StepKind> {
    visit_step(code).map_err(|e| ApiError::Invalid(ValidationErrors::one(field, e)))
}

fn visit_step(code: &str) -> Result<StepKind, ValueError> {
    StepKind::from_code(code)
        .filter(|s| s.is_visit())
        .ok_or_else(|| ValueError::new("unknown_step", format!("{code:?} is not a step booked at a service point")))
}

/// The audit entry of a booking action: the role's default purpose (shared with the web pages).
pub(crate) fn audit(p: &Principal, action: &str, rid: &RequestId) -> store::AuditEntry {
    entry(p, action, &AccessReason::default_for(p.role), rid.as_deref())
}

/// A service point.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PointOut {
    /// Organisation id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Organisation kind.
    pub kind: String,
    /// Address.
    pub address: Option<String>,
    /// Steps offered (codes).
    pub services: Vec<String>,
    /// Weekly schedule with breaks (the region's local time).
    #[schema(value_type = Object)]
    pub schedule: store::booking::WeeklySchedule,
    /// Slot length in minutes.
    pub slot_minutes: u32,
    /// Persons served per slot.
    pub capacity: u32,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Languages spoken.
    pub languages: Vec<String>,
}

/// Every service point (no personal data: any signed-in account).
#[utoipa::path(get, path = "/api/service-points", tag = "centre",
    responses((status = 200, body = Vec<PointOut>), (status = 401, body = Problem)))]
pub async fn points(State(s): State<AppState>, _c: Caller) -> ApiResult<JsonOut<Vec<PointOut>>> {
    Ok(JsonOut(s.store.service_points().await?.into_iter().map(PointOut::from).collect()))
}

impl From<store::booking::ServicePoint> for PointOut {
    fn from(p: store::booking::ServicePoint) -> Self {
        PointOut {
            id: p.org_id,
            name: p.name,
            kind: p.kind,
            address: p.address,
            services: p.services.iter().map(|k| k.code().to_string()).collect(),
            schedule: p.schedule,
            slot_minutes: p.slot_minutes,
            capacity: p.capacity,
            lat: p.lat,
            lon: p.lon,
            languages: p.languages,
        }
    }
}

/// What an administrator sets for a service point. Opening hours are local time; slots
/// already opened keep their times and capacity, the new settings apply to slots opened next
/// (`rosmigration slots open`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointSettingsIn {
    /// Step codes offered (visits only), e.g. `["medical_exam"]`; may be empty for a point
    /// that only advises.
    pub services: Vec<String>,
    /// Weekly schedule: `{"hours": [{"weekdays": [1,2,3,4,5], "open": "09:00:00", "close":
    /// "18:00:00", "breaks": [["13:00:00", "14:00:00"]]}]}`.
    #[schema(value_type = Object)]
    pub schedule: store::booking::WeeklySchedule,
    /// Slot length, 5–240 minutes.
    pub slot_minutes: u32,
    /// Persons served per slot, 1–500.
    pub capacity: u32,
}

/// Makes an organisation of a service-point kind (medical, exam or fingerprint centre,
/// migration office, adaptation centre) a bookable point, or changes its services, hours, slot
/// length and capacity (administrators).
#[utoipa::path(put, path = "/api/service-points/{id}", tag = "centre", params(("id" = Uuid, Path)), request_body = PointSettingsIn,
    responses((status = 200, body = PointOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn set_point(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<PointSettingsIn>,
) -> ApiResult<JsonOut<PointOut>> {
    let p = c.account.principal();
    authorize(p.role, Action::ManageOrganisations)?;
    let mut errors = ValidationErrors::default();
    let services: Vec<Option<StepKind>> = input
        .services
        .iter()
        .enumerate()
        .map(|(i, code)| errors.check(format!("services[{i}]"), visit_step(code)))
        .collect();
    errors.finish()?;
    let services = services.into_iter().flatten().collect();
    let org = s.store.get_org(id).await?;
    let settings = store::booking::points::PointSettings {
        services,
        schedule: input.schedule,
        slot_minutes: input.slot_minutes,
        capacity: input.capacity,
    };
    s.store.set_service_point(&org, &settings, audit(&p, "service_point.set", &rid)).await?;
    Ok(JsonOut(s.store.service_point(id).await?.into()))
}

/// Why a slot is closed: kept in the audit log beside the closure.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseSlotIn {
    /// The reason in plain words (a holiday, a broken machine), 1–500 characters.
    pub reason: String,
}

/// What closing a slot did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SlotClosedOut {
    /// The slot, now closed.
    pub slot: Uuid,
    /// The bookings cancelled (each person has been told, in their language).
    pub cancelled: Vec<BookingOut>,
}

/// A period of a point to close.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosePeriodIn {
    /// Start (RFC 3339 with offset, e.g. `2026-12-31T09:00:00+03:00`).
    pub from: DateTime<Utc>,
    /// End, exclusive; at most 31 days after `from`.
    pub to: DateTime<Utc>,
    /// The reason in plain words, 1–500 characters.
    pub reason: String,
}

/// Closes every slot of a point that starts in the period and has not begun (a holiday, a
/// sanitary day, a broken machine for a morning): the slots' bookings are cancelled and their
/// persons told, all in one transaction (the point's staff or an administrator).
#[utoipa::path(post, path = "/api/service-points/{id}/close", tag = "centre", params(("id" = Uuid, Path)), request_body = ClosePeriodIn,
    responses((status = 200, body = Vec<SlotClosedOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn close_period(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(point): Path<Uuid>,
    Json(input): Json<ClosePeriodIn>,
) -> ApiResult<JsonOut<Vec<SlotClosedOut>>> {
    let p = c.account.principal();
    let closed = close_point_period(&s, &p, point, (input.from, input.to), &input.reason, &rid).await?;
    Ok(JsonOut(closed))
}

/// The checks and the closure of a period, shared with the workstation page.
pub(crate) async fn close_point_period(
    s: &AppState,
    p: &Principal,
    point: Uuid,
    period: (DateTime<Utc>, DateTime<Utc>),
    reason: &str,
    rid: &RequestId,
) -> ApiResult<Vec<SlotClosedOut>> {
    may_close_slots_of(p, point)?;
    let reason = close_reason(reason)?;
    let closed = s.store.close_point_slots(point, period, reason, Utc::now(), audit(p, "slot.close", rid)).await?;
    Ok(closed.into_iter().map(SlotClosedOut::from).collect())
}

impl From<store::booking::SlotClosure> for SlotClosedOut {
    fn from(c: store::booking::SlotClosure) -> Self {
        SlotClosedOut { slot: c.slot.id, cancelled: c.cancelled.into_iter().map(BookingOut::from).collect() }
    }
}

/// Who may close a point's slots: an administrator, or the point's own staff.
fn may_close_slots_of(p: &Principal, point: Uuid) -> ApiResult<()> {
    if p.role == Role::Admin { Ok(()) } else { staff_of(p, point) }
}

/// A closure's reason, trimmed: 1–500 characters.
fn close_reason(reason: &str) -> ApiResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(invalid("reason", "reason_length", "give the reason in 1–500 characters".into()));
    }
    Ok(reason)
}

/// Closes a slot (administrators, or the staff of the slot's own point): no new bookings, and
/// the bookings already in it are cancelled and their persons told to book another time.
#[utoipa::path(post, path = "/api/slots/{id}/close", tag = "centre", params(("id" = Uuid, Path)), request_body = CloseSlotIn,
    responses((status = 200, body = SlotClosedOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn close_slot(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<CloseSlotIn>,
) -> ApiResult<JsonOut<SlotClosedOut>> {
    let p = c.account.principal();
    let reason = close_reason(&input.reason)?;
    let slot = s.store.slot(id).await?;
    may_close_slots_of(&p, slot.org_id)?;
    Ok(JsonOut(s.store.close_slot(id, reason, Utc::now(), audit(&p, "slot.close", &rid)).await?.into()))
}

/// Free-slot search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SlotParams {
    /// Step code, e.g. `medical_exam`.
    pub service: Option<String>,
    /// First local day (`YYYY-MM-DD`, default today).
    pub from: Option<NaiveDate>,
    /// Last local day (default 14 days on; at most 62 days after `from`).
    pub to: Option<NaiveDate>,
    /// Only this point.
    pub point: Option<Uuid>,
}

/// A slot with its free places.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SlotOut {
    /// Slot id.
    pub id: Uuid,
    /// Service point.
    pub point: Uuid,
    /// Step code.
    pub service: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Free places.
    pub free: u32,
}

/// Free slots, soonest first (at most 500).
#[utoipa::path(get, path = "/api/slots", tag = "centre", params(SlotParams),
    responses((status = 200, body = Vec<SlotOut>), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn slots(
    State(s): State<AppState>,
    _c: Caller,
    Query(q): Query<SlotParams>,
) -> ApiResult<JsonOut<Vec<SlotOut>>> {
    let service = q.service.as_deref().map(|c| step_param("service", c)).transpose()?;
    let now = Utc::now();
    let from = q.from.unwrap_or_else(|| local_day(now));
    let to = q.to.unwrap_or(from + Duration::days(14));
    if to < from || (to - from).num_days() > 62 {
        return Err(invalid("to", "range", format!("{from} … {to} is not a range of at most 62 days")));
    }
    let query =
        SlotQuery { service, point: q.point, from: day_bounds(from).0.max(now), to: day_bounds(to).1, limit: 500 };
    let out = s
        .store
        .free_slots(&query)
        .await?
        .into_iter()
        .map(|sl| SlotOut {
            id: sl.id,
            point: sl.org_id,
            service: sl.service.code().to_string(),
            starts_at: sl.starts_at,
            ends_at: sl.ends_at,
            free: sl.free(),
        })
        .collect();
    Ok(JsonOut(out))
}

/// The person for a booking-side request: read, checked (`may_book_for`), logged.
/// Checks that the caller may book for the person and records the read; the person's profile.
pub(crate) async fn person_for_booking(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    rid: &RequestId,
    action: &str,
) -> ApiResult<domain::person::PersonProfile> {
    authorize(p.role, Action::BookVisits)?;
    let profile = s.store.get_person(id).await?;
    may_book_for(p, &profile, local_day(Utc::now()))?;
    let mut e = audit(p, action, rid);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(profile)
}

/// A person's legalisation case: the steps in order with deadlines and what each waits for.
#[utoipa::path(get, path = "/api/persons/{id}/case", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = Object), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn case(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<centre::case::Case>> {
    let p = c.account.principal();
    authorize(p.role, Action::ViewPerson)?;
    let profile = s.store.get_person(id).await?;
    may_view_person(&p, &profile, local_day(Utc::now()))?;
    let mut e = audit(&p, "person.case.view", &rid);
    e.person_id = Some(id);
    s.audit.record(vec![e]).await?;
    Ok(JsonOut(s.store.legalisation_case(&profile, local_day(Utc::now()))))
}

/// The proposed route: a slot for each visit still to book, in step order.
#[utoipa::path(get, path = "/api/persons/{id}/route", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = Object), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn route(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<store::booking::route::Route>> {
    let profile = person_for_booking(&s, &c.account.principal(), id, &rid, "person.route.view").await?;
    Ok(JsonOut(s.store.route(&profile, Utc::now()).await?))
}

/// The migrant's own route.
#[utoipa::path(get, path = "/api/me/route", tag = "centre",
    responses((status = 200, body = Object), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn my_route(
    s: State<AppState>,
    c: Caller,
    rid: RequestId,
) -> ApiResult<JsonOut<store::booking::route::Route>> {
    let id = super::cabinet::own_person(&c)?;
    route(s, c, rid, Path(id)).await
}

/// A booking.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BookingOut {
    /// Booking id.
    pub id: Uuid,
    /// Who comes.
    pub person_id: Uuid,
    /// Slot.
    pub slot_id: Uuid,
    /// Service point.
    pub point: Uuid,
    /// Step code.
    pub step: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// `booked`, `cancelled`, `attended` or `no_show`.
    pub state: String,
}

impl From<Booking> for BookingOut {
    fn from(b: Booking) -> Self {
        BookingOut {
            id: b.id,
            person_id: b.person_id,
            slot_id: b.slot_id,
            point: b.org_id,
            step: b.step.code().to_string(),
            starts_at: b.starts_at,
            state: b.state.code().to_string(),
        }
    }
}

/// A person's bookings, latest first.
#[utoipa::path(get, path = "/api/persons/{id}/bookings", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<BookingOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn person_bookings(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<Vec<BookingOut>>> {
    person_for_booking(&s, &c.account.principal(), id, &rid, "person.bookings.view").await?;
    Ok(JsonOut(s.store.person_bookings(id).await?.into_iter().map(Into::into).collect()))
}

/// The migrant's own bookings.
#[utoipa::path(get, path = "/api/me/bookings", tag = "centre",
    responses((status = 200, body = Vec<BookingOut>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn my_bookings(s: State<AppState>, c: Caller, rid: RequestId) -> ApiResult<JsonOut<Vec<BookingOut>>> {
    let id = super::cabinet::own_person(&c)?;
    person_bookings(s, c, rid, Path(id)).await
}

/// A booking request.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookIn {
    /// Who comes (default: the migrant's own person).
    pub person_id: Option<Uuid>,
    /// The slot.
    pub slot_id: Uuid,
    /// A client-chosen key (1–100 characters): sending the same request again returns the
    /// first booking instead of a second one.
    pub idempotency_key: Option<String>,
}

fn check_key(key: &Option<String>) -> ApiResult<()> {
    match key {
        Some(k) if k.is_empty() || k.len() > 100 => {
            Err(invalid("idempotency_key", "length", "an idempotency key has 1–100 characters".into()))
        }
        _ => Ok(()),
    }
}

/// Books a slot for a person: refused with `slot_full`, `slot_closed`, `slot_past`, `step_order`,
/// `already_booked`, `step_done` (problem `code`), and then nothing is changed.
#[utoipa::path(post, path = "/api/bookings", tag = "centre", request_body = BookIn,
    responses((status = 201, body = BookingOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn book(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Json(input): Json<BookIn>,
) -> ApiResult<(StatusCode, JsonOut<BookingOut>)> {
    let p = c.account.principal();
    let person = match input.person_id.or(p.person_id) {
        Some(id) => id,
        None => return Err(invalid("person_id", "required", "name the person to book for".into())),
    };
    check_key(&input.idempotency_key)?;
    authorize(p.role, Action::BookVisits)?;
    let profile = s.store.get_person(person).await?;
    may_book_for(&p, &profile, local_day(Utc::now()))?;
    let req = NewBooking {
        person_id: person,
        slot_id: input.slot_id,
        booked_by: p.account_id,
        idempotency_key: input.idempotency_key.map(|k| format!("{}:{k}", p.account_id)),
    };
    let b = s.store.book(&req, Utc::now(), audit(&p, "booking.create", &rid)).await?;
    s.notifier.wake();
    Ok((StatusCode::CREATED, JsonOut(b.into())))
}

/// An employer's bulk booking.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkIn {
    /// One line per employee (at most 500).
    pub items: Vec<BulkItem>,
}

/// One line of a bulk booking.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkItem {
    /// The employee.
    pub person_id: Uuid,
    /// The slot.
    pub slot_id: Uuid,
}

/// The outcome of one line.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkOut {
    /// The employee.
    pub person_id: Uuid,
    /// The booking, when made.
    pub booking: Option<BookingOut>,
    /// The refusal code (`slot_full`, `not_employee` …), when refused.
    pub error: Option<String>,
}

/// An employer books for its current employees, line by line: each line is booked or refused
/// on its own (a refusal changes nothing for that line). Only the employer's own current
/// employees (`not_employee` otherwise).
#[utoipa::path(post, path = "/api/employer/bookings", tag = "centre", request_body = BulkIn,
    responses((status = 200, body = Vec<BulkOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn book_bulk(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Json(input): Json<BulkIn>,
) -> ApiResult<JsonOut<Vec<BulkOut>>> {
    let p = c.account.principal();
    if p.role != Role::Employer {
        return Err(domain::access::Denied::Role { role: p.role.code(), what: "book for employees in bulk" }.into());
    }
    let employer = p.org_id.ok_or(domain::access::Denied::NotOwner("no employer is linked to this account"))?;
    if input.items.is_empty() || input.items.len() > 500 {
        return Err(invalid("items", "count", "send 1–500 lines".into()));
    }
    let reqs: Vec<NewBooking> = input
        .items
        .iter()
        .map(|i| NewBooking {
            person_id: i.person_id,
            slot_id: i.slot_id,
            booked_by: p.account_id,
            idempotency_key: None,
        })
        .collect();
    let results = s.store.book_bulk(employer, &reqs, Utc::now(), audit(&p, "booking.create", &rid)).await?;
    s.notifier.wake();
    let out = reqs
        .iter()
        .zip(results)
        .map(|(r, res)| match res {
            Ok(b) => BulkOut { person_id: r.person_id, booking: Some(b.into()), error: None },
            Err(store::StoreError::Booking(e)) => {
                BulkOut { person_id: r.person_id, booking: None, error: Some(e.code().into()) }
            }
            Err(store::StoreError::NotFound(_)) => {
                BulkOut { person_id: r.person_id, booking: None, error: Some("not_employee".into()) }
            }
            Err(e) => {
                tracing::error!(error = %e, "booking.bulk.line_failed");
                BulkOut { person_id: r.person_id, booking: None, error: Some("internal".into()) }
            }
        })
        .collect();
    Ok(JsonOut(out))
}

/// A booking the caller may change (its person is theirs to book for).
pub(crate) async fn own_booking(s: &AppState, p: &Principal, id: Uuid) -> ApiResult<Booking> {
    authorize(p.role, Action::BookVisits)?;
    let b = s.store.booking(id).await?;
    let profile = s.store.get_person(b.person_id).await?;
    may_book_for(p, &profile, local_day(Utc::now()))?;
    Ok(b)
}

/// Cancels a booking that has not begun; its place is freed.
#[utoipa::path(post, path = "/api/bookings/{id}/cancel", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn cancel(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<BookingOut>> {
    let p = c.account.principal();
    own_booking(&s, &p, id).await?;
    let b = s.store.cancel_booking(id, Utc::now(), audit(&p, "booking.cancel", &rid)).await?;
    s.notifier.wake();
    Ok(JsonOut(b.into()))
}

/// A reschedule request.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleIn {
    /// The new slot (same step).
    pub slot_id: Uuid,
}

/// Moves a booking to another slot of the same step, atomically.
#[utoipa::path(post, path = "/api/bookings/{id}/reschedule", tag = "centre", params(("id" = Uuid, Path)), request_body = RescheduleIn,
    responses((status = 200, body = BookingOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn reschedule(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<RescheduleIn>,
) -> ApiResult<JsonOut<BookingOut>> {
    let p = c.account.principal();
    own_booking(&s, &p, id).await?;
    let b = s
        .store
        .reschedule_booking(id, input.slot_id, p.account_id, Utc::now(), audit(&p, "booking.reschedule", &rid))
        .await?;
    s.notifier.wake();
    Ok(JsonOut(b.into()))
}

/// A booking at the caller's own point, of a person they may serve today.
pub(crate) async fn point_booking(s: &AppState, p: &Principal, id: Uuid) -> ApiResult<Booking> {
    authorize(p.role, Action::WorkServicePoint)?;
    let b = s.store.booking(id).await?;
    let today = local_day(Utc::now());
    let here = s.store.at_point_on(b.org_id, b.person_id, today).await?;
    may_serve_person(p, b.org_id, here)?;
    Ok(b)
}

/// The point marks a booked person who did not come (once the visit has begun).
#[utoipa::path(post, path = "/api/bookings/{id}/no-show", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = BookingOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn no_show(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<BookingOut>> {
    let p = c.account.principal();
    point_booking(&s, &p, id).await?;
    Ok(JsonOut(s.store.mark_no_show(id, Utc::now(), audit(&p, "booking.no_show", &rid)).await?.into()))
}

/// The recorded result.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResultOut {
    /// The person.
    pub person_id: Uuid,
    /// The step.
    pub step: String,
    /// The outcome recorded (`fit`, `unfit`, `done`, `passed`, `failed`, `issued`, `accepted`).
    pub outcome: String,
    /// The day recorded.
    pub on: NaiveDate,
    /// The person's status after the result.
    pub status: Option<String>,
}

/// The desk's result of a booked visit: the outcome as the step needs it, and the identity
/// check.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultIn {
    /// `fit` or `unfit` (medical_exam), `done` (fingerprinting), `passed` or `failed`
    /// (language_exam), `issued` (health_insurance, with `number` and `valid_until`),
    /// `accepted` (patent_application).
    pub outcome: String,
    /// The number of the document issued (`issued`).
    #[serde(default)]
    pub number: Option<String>,
    /// The last day the document issued is valid (`issued`).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// The staff compared the document presented with the one shown (masked) and they match.
    pub identity_confirmed: bool,
}

/// Parses the outcome fields: the code, and for `issued` the document's number and end.
pub(crate) fn desk_outcome(
    outcome: &str,
    number: Option<&str>,
    valid_until: Option<NaiveDate>,
) -> ApiResult<DeskOutcome> {
    let simple = |o| Ok(DeskOutcome::Service(o));
    match outcome.trim() {
        "fit" => simple(ServiceOutcome::Fit),
        "unfit" => simple(ServiceOutcome::Unfit),
        "done" => simple(ServiceOutcome::Done),
        "passed" => simple(ServiceOutcome::Passed),
        "failed" => simple(ServiceOutcome::Failed),
        "accepted" => Ok(DeskOutcome::ApplicationAccepted),
        "issued" => {
            let number = match number.map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => domain::validate::text::clean_text(n, 50)
                    .map_err(|e| ApiError::Invalid(ValidationErrors::one("number", e)))?,
                None => return Err(invalid("number", "required", "give the number of the document issued".into())),
            };
            let today = local_day(Utc::now());
            let valid_until = match valid_until {
                Some(d) if d >= today => d,
                Some(d) => {
                    return Err(invalid("valid_until", "date_out_of_range", format!("{d} is already past")));
                }
                None => return Err(invalid("valid_until", "required", "give the last day it is valid".into())),
            };
            simple(ServiceOutcome::Issued { number, valid_until })
        }
        other => Err(invalid(
            "outcome",
            "unknown_outcome",
            format!("{other:?} is not one of fit, unfit, done, passed, failed, issued, accepted"),
        )),
    }
}

/// Records a result at the desk (the API's and the workstation page's): the caller must be the
/// point's own staff; the store checks the visit (today, here, begun), the identity
/// confirmation and the outcome.
pub(crate) async fn record_at_desk(
    s: &AppState,
    p: &Principal,
    point: Uuid,
    r: &DeskResult,
    rid: &RequestId,
) -> ApiResult<ResultOut> {
    staff_of(p, point)?;
    let now = Utc::now();
    let actor = Actor { account_id: Some(p.account_id), role: Some(p.role) };
    let (profile, step) = s.store.record_visit_result(point, r, now, actor, audit(p, "booking.result", rid)).await?;
    Ok(ResultOut {
        person_id: profile.id,
        step: step.code().into(),
        outcome: r.outcome.code().into(),
        on: local_day(now),
        status: profile.status.as_ref().map(|st| st.status.clone()),
    })
}

/// The point records the result of a booked visit at its workstation, once the visit's time
/// has come, with the outcome and the identity check. Only the point's own staff.
#[utoipa::path(post, path = "/api/bookings/{id}/result", tag = "centre", params(("id" = Uuid, Path)), request_body = ResultIn,
    responses((status = 200, body = ResultOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn booking_result(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<ResultIn>,
) -> ApiResult<JsonOut<ResultOut>> {
    let p = c.account.principal();
    let b = point_booking(&s, &p, id).await?;
    let outcome = desk_outcome(&input.outcome, input.number.as_deref(), input.valid_until)?;
    let r = DeskResult {
        visit: DeskVisit::Booking(id),
        outcome,
        identity_confirmed: input.identity_confirmed,
        document_number: None,
    };
    Ok(JsonOut(record_at_desk(&s, &p, b.org_id, &r, &rid).await?))
}

/// A walk-in's result: the called ticket, the outcome and the identity check.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WalkInResultIn {
    /// The called ticket.
    pub ticket_id: Option<Uuid>,
    /// The outcome, as for a booked visit.
    pub outcome: String,
    /// The number of the document issued (`issued`).
    #[serde(default)]
    pub number: Option<String>,
    /// The last day the document issued is valid (`issued`).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// The staff checked the document presented.
    pub identity_confirmed: bool,
    /// The number of the document presented, for a ticket taken without one.
    #[serde(default)]
    pub document_number: Option<String>,
    /// Refused: a walk-in is found by their document, never by an id.
    #[serde(default)]
    pub person_id: Option<Uuid>,
}

/// The point records a walk-in's result: the called ticket's holder, identified by the
/// document they present.
#[utoipa::path(post, path = "/api/service-points/{id}/results", tag = "centre", params(("id" = Uuid, Path)), request_body = WalkInResultIn,
    responses((status = 200, body = ResultOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn walk_in_result(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(point): Path<Uuid>,
    Json(input): Json<WalkInResultIn>,
) -> ApiResult<JsonOut<ResultOut>> {
    let p = c.account.principal();
    staff_of(&p, point)?;
    if input.person_id.is_some() {
        return Err(ApiError::Booking(BookingError::WalkInByDocument));
    }
    let ticket = input.ticket_id.ok_or_else(|| invalid("ticket_id", "required", "name the called ticket".into()))?;
    let outcome = desk_outcome(&input.outcome, input.number.as_deref(), input.valid_until)?;
    let r = DeskResult {
        visit: DeskVisit::Ticket(ticket),
        outcome,
        identity_confirmed: input.identity_confirmed,
        document_number: input.document_number.filter(|d| !d.trim().is_empty()),
    };
    Ok(JsonOut(record_at_desk(&s, &p, point, &r, &rid).await?))
}

/// A queue ticket.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TicketOut {
    /// Ticket id.
    pub id: Uuid,
    /// Number of the day.
    pub number: i32,
    /// Step code.
    pub service: String,
    /// The person, when known.
    pub person_id: Option<Uuid>,
    /// The booking served, if any.
    pub booking_id: Option<Uuid>,
    /// `waiting`, `called`, `served` or `no_show`.
    pub state: String,
    /// Issued.
    pub issued_at: DateTime<Utc>,
    /// Estimated minutes until called (waiting tickets).
    pub estimated_wait_minutes: Option<u32>,
    /// The holder's name, for an identified walk-in or a booked arrival (in the day view).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The holder's document, masked, for the identity check (in the day view).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub document: Option<MaskedDocument>,
}

impl From<QueueTicket> for TicketOut {
    fn from(t: QueueTicket) -> Self {
        TicketOut {
            id: t.id,
            number: t.number,
            service: t.service.code().into(),
            person_id: t.person_id,
            booking_id: t.booking_id,
            state: t.state.code().into(),
            issued_at: t.issued_at,
            estimated_wait_minutes: t.estimated_wait_minutes,
            name: None,
            document: None,
        }
    }
}

/// The point's day.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DayOut {
    /// The local day.
    pub date: NaiveDate,
    /// Bookings of the day (cancelled ones left out), with the person's name.
    pub bookings: Vec<DayBooking>,
    /// The live queue.
    pub queue: Vec<TicketOut>,
    /// Minutes per ticket used for the estimates.
    pub minutes_per_ticket: u32,
}

/// A booking of the day with the name the desk calls out.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DayBooking {
    /// The booking.
    #[serde(flatten)]
    pub booking: BookingOut,
    /// The person's name (Russian form when there is one).
    pub name: String,
    /// The person's document, masked, that the desk checks the presented one against.
    #[schema(value_type = Option<Object>)]
    pub document: Option<MaskedDocument>,
}

/// Day query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DayParams {
    /// Local day (default today). Staff see today only.
    pub date: Option<NaiveDate>,
}

fn staff_of(p: &Principal, point: Uuid) -> ApiResult<()> {
    authorize(p.role, Action::WorkServicePoint)?;
    if p.org_id != Some(point) {
        return Err(domain::access::Denied::NotOwner("another service point's day").into());
    }
    Ok(())
}

/// The point's bookings and queue of the day (its own staff; today only). Each person shown
/// is a logged read.
#[utoipa::path(get, path = "/api/service-points/{id}/day", tag = "centre", params(("id" = Uuid, Path), DayParams),
    responses((status = 200, body = DayOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn day(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(point): Path<Uuid>,
    Query(q): Query<DayParams>,
) -> ApiResult<JsonOut<DayOut>> {
    let p = c.account.principal();
    staff_of(&p, point)?;
    let today = local_day(Utc::now());
    let date = q.date.unwrap_or(today);
    if date != today {
        return Err(domain::access::Denied::NotOwner("a service point sees today's day only").into());
    }
    Ok(JsonOut(day_view(&s, &p, point, date, &rid).await?))
}

/// The day view, shared with the workstation page.
pub async fn day_view(s: &AppState, p: &Principal, point: Uuid, date: NaiveDate, rid: &RequestId) -> ApiResult<DayOut> {
    let bookings = s.store.point_day(point, date).await?;
    let queue = s.store.queue_day(point, date).await?;
    let base = audit(p, "service_point.day.view", rid);
    let mut entries = Vec::new();
    let mut out = Vec::with_capacity(bookings.len());
    for b in bookings {
        let (name, document) = match s.store.get_person(b.person_id).await {
            Ok(profile) => (display_name(&profile), masked_desk_document(&profile, date)),
            Err(store::StoreError::NotFound(_)) => (String::new(), None),
            Err(e) => return Err(e.into()),
        };
        entries.push(base.about(b.person_id));
        out.push(DayBooking { booking: b.into(), name, document });
    }
    let mut tickets = Vec::with_capacity(queue.tickets.len());
    for t in queue.tickets {
        let person = t.person_id;
        let mut t = TicketOut::from(t);
        if let Some(person) = person {
            entries.push(base.about(person));
            match s.store.get_person(person).await {
                Ok(profile) => {
                    t.name = Some(display_name(&profile));
                    t.document = masked_desk_document(&profile, date);
                }
                Err(store::StoreError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        tickets.push(t);
    }
    if !entries.is_empty() {
        s.audit.record(entries).await?;
    }
    Ok(DayOut { date, bookings: out, queue: tickets, minutes_per_ticket: queue.minutes_per_ticket })
}

fn display_name(p: &domain::person::PersonProfile) -> String {
    let n = p.names.iter().find(|n| n.form == domain::names::NameForm::Russian).or_else(|| p.names.first());
    n.map(|n| format!("{} {}", n.surname, n.given_names)).unwrap_or_default()
}

/// A ticket request: a booked person arriving, or a walk-in for a service of the point, found
/// by the document they present (or anonymous: identified by their document at the desk).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketIn {
    /// Step code (default: the booking's step).
    pub service: Option<String>,
    /// A booked person arriving: their booking (at this point, today).
    pub booking_id: Option<Uuid>,
    /// A walk-in: the number of the document they present (as printed).
    pub document_number: Option<String>,
    /// Refused: a point never names a walk-in by a registry id.
    pub person_id: Option<Uuid>,
}

/// Issues the next ticket of the day: a booked person arriving, or a walk-in found by the
/// number of the document they present, only for a service the point offers.
#[utoipa::path(post, path = "/api/service-points/{id}/queue", tag = "centre", params(("id" = Uuid, Path)), request_body = TicketIn,
    responses((status = 201, body = TicketOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn ticket(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(point): Path<Uuid>,
    Json(input): Json<TicketIn>,
) -> ApiResult<(StatusCode, JsonOut<TicketOut>)> {
    let p = c.account.principal();
    staff_of(&p, point)?;
    if input.person_id.is_some() {
        return Err(ApiError::Booking(BookingError::WalkInByDocument));
    }
    let now = Utc::now();
    let t = match input.booking_id {
        Some(id) => {
            let b = s.store.booking(id).await?;
            if b.org_id != point || local_day(b.starts_at) != local_day(now) {
                return Err(ApiError::NotFound("booking at this point today"));
            }
            let a = audit(&p, "queue.ticket", &rid);
            s.store.take_ticket(point, b.step, Some(b.person_id), Some(b.id), now, a).await?
        }
        None => {
            let code = input
                .service
                .as_deref()
                .ok_or_else(|| invalid("service", "required", "name the step of a walk-in".into()))?;
            let step = step_param("service", code)?;
            match input.document_number.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(number) => s.store.walk_in(point, step, number, now, audit(&p, "queue.walk_in", &rid)).await?,
                None => s.store.take_ticket(point, step, None, None, now, audit(&p, "queue.ticket", &rid)).await?,
            }
        }
    };
    Ok((StatusCode::CREATED, JsonOut(t.into())))
}

/// Calls the next waiting ticket (`queue_empty` when nobody waits).
#[utoipa::path(post, path = "/api/service-points/{id}/queue/next", tag = "centre", params(("id" = Uuid, Path)),
    responses((status = 200, body = TicketOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn call_next(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(point): Path<Uuid>,
) -> ApiResult<JsonOut<TicketOut>> {
    let p = c.account.principal();
    staff_of(&p, point)?;
    Ok(JsonOut(s.store.call_next(point, Utc::now(), audit(&p, "queue.call", &rid)).await?.into()))
}

async fn finish(s: &AppState, c: Caller, rid: RequestId, id: Uuid, state: TicketState) -> ApiResult<TicketOut> {
    let p = c.account.principal();
    let t = s.store.ticket(id).await?;
    staff_of(&p, t.org_id)?;
    let action = if state == TicketState::Served { "queue.served" } else { "queue.no_show" };
    Ok(s.store.finish_ticket(id, state, Utc::now(), audit(&p, action, &rid)).await?.into())
}

/// The called ticket was served.
#[utoipa::path(post, path = "/api/queue/{ticket}/served", tag = "centre", params(("ticket" = Uuid, Path)),
    responses((status = 200, body = TicketOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn served(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<TicketOut>> {
    Ok(JsonOut(finish(&s, c, rid, id, TicketState::Served).await?))
}

/// The ticket's holder did not come when called.
#[utoipa::path(post, path = "/api/queue/{ticket}/no-show", tag = "centre", params(("ticket" = Uuid, Path)),
    responses((status = 200, body = TicketOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn ticket_no_show(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<JsonOut<TicketOut>> {
    Ok(JsonOut(finish(&s, c, rid, id, TicketState::NoShow).await?))
}
