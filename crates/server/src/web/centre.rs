//! The virtual migration centre's pages: the migrant's booking page (case steps, the proposed
//! route with "book", my bookings with cancel and reschedule) and the service point's
//! workstation (today's bookings, the live queue polled by htmx, call next, served, no-show,
//! record the result, close a period).
//!
//! Forms post, then redirect back with `?ok=<what>` or `?error=<code>`; the page shows the
//! Fluent message `centre-ok-…` / `centre-error-<code>` in the user's language. The checks are
//! the API's (`may_book_for`, `may_serve_person`), made here the same way.

use axum::Router;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use centre::case::StepKind;
use chrono::{Duration, Utc};
use domain::access::{Action, Principal, authorize, may_book_for};
use serde::Deserialize;
use store::booking::{BookingError, DeskResult, DeskVisit, NewBooking, SlotQuery, TicketState, local_day};
use uuid::Uuid;

use super::cabinet::local_time;
use super::{WebUser, lang_of, render};
use crate::api::booking::{audit, own_booking, person_for_booking, point_booking};
use crate::api::booking::{day_view, desk_outcome, record_at_desk};
use crate::app::AppState;
use crate::auth::constant_eq;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};

/// Centre page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cabinet/booking", get(booking_page))
        .route("/centre", get(|| async { Redirect::to("/cabinet/booking") }))
        .route("/cabinet/booking/book", post(book))
        .route("/cabinet/booking/{id}/cancel", post(cancel))
        .route("/cabinet/booking/{id}/reschedule", post(reschedule))
        .route("/centre/point", get(point_page))
        .route("/centre/point/queue", get(queue_fragment))
        .route("/centre/point/ticket", post(ticket))
        .route("/centre/point/next", post(next))
        .route("/centre/point/tickets/{id}/{what}", post(finish_ticket))
        .route("/centre/point/bookings/{id}/{what}", post(booking_action))
        .route("/centre/point/close", post(close_period))
}

/// The outcome shown after a redirect.
#[derive(Debug, Default, Deserialize)]
struct Flash {
    #[serde(default)]
    ok: String,
    #[serde(default)]
    error: String,
}

fn code_of(e: &ApiError) -> &'static str {
    match e {
        ApiError::Booking(b) => b.code(),
        ApiError::Forbidden(_) => "forbidden",
        ApiError::Csrf => "csrf",
        ApiError::NotFound(_) => "not_found",
        _ => "failed",
    }
}

fn back(to: &str, r: Result<&'static str, ApiError>) -> Response {
    match r {
        Ok(ok) => Redirect::to(&format!("{to}?ok={ok}")).into_response(),
        Err(e @ (ApiError::Internal(_) | ApiError::Unavailable(_))) => e.into_response(),
        Err(e) => Redirect::to(&format!("{to}?error={}", code_of(&e))).into_response(),
    }
}

fn flash_key(f: &Flash) -> (Option<String>, Option<String>) {
    let clean = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c == '_').then(|| s.to_string());
    (
        Some(&f.ok).filter(|s| !s.is_empty()).and_then(|s| clean(s)).map(|s| format!("centre-ok-{s}")),
        Some(&f.error).filter(|s| !s.is_empty()).and_then(|s| clean(s)).map(|s| format!("centre-error-{s}")),
    )
}

/// A form that writes: the session's CSRF token (and for a reschedule, the slot).
#[derive(Debug, Deserialize)]
struct WriteForm {
    csrf: String,
    #[serde(default)]
    slot_id: Option<Uuid>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    idempotency_key: Option<String>,
    /// A walk-in's document number (ticket form) or an anonymous ticket's (result form).
    #[serde(default)]
    document_number: Option<String>,
    /// The result form: outcome code, the document issued and its end, the identity check.
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    valid_until: Option<String>,
    #[serde(default)]
    identity_confirmed: Option<String>,
}

impl WriteForm {
    /// The desk's result from the form's fields (the API's parsing).
    fn desk_result(&self, visit: DeskVisit) -> Result<DeskResult, ApiError> {
        let valid_until = match self.valid_until.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => Some(
                chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| ApiError::Booking(BookingError::WrongOutcome("valid_until")))?,
            ),
            None => None,
        };
        let outcome = desk_outcome(self.outcome.as_deref().unwrap_or(""), self.number.as_deref(), valid_until)?;
        Ok(DeskResult {
            visit,
            outcome,
            identity_confirmed: self.identity_confirmed.is_some(),
            document_number: self.document_number.clone().filter(|d| !d.trim().is_empty()),
        })
    }
}

fn csrf_ok(user: &WebUser, token: &str) -> Result<(), ApiError> {
    if constant_eq(token, &user.csrf) { Ok(()) } else { Err(ApiError::Csrf) }
}

async fn booking_page(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(flash): Query<Flash>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let Some(person) = p.person_id else {
        return ApiError::NotFound("person of this account").into_response();
    };
    let load = async {
        let profile = person_for_booking(&s, &p, person, &rid, "person.centre.view").await?;
        let now = Utc::now();
        // The route's input holds the case: one evaluation of the profile for both.
        let input = s.store.route_input(&profile, now).await?;
        let route = store::booking::route::propose_for(&input);
        let case = input.case;
        let bookings = s.store.person_bookings(person).await?;
        let points = s.store.service_points().await?;
        let mut alternatives = Vec::new();
        for b in bookings.iter().filter(|b| b.state == store::booking::BookingState::Booked) {
            let q = SlotQuery {
                service: Some(b.step),
                point: Some(b.org_id),
                from: now,
                to: now + Duration::days(30),
                limit: 8,
            };
            let mut free = s.store.free_slots(&q).await?;
            free.retain(|sl| sl.id != b.slot_id);
            alternatives.push((b.id, free));
        }
        Ok::<_, ApiError>((case, route, bookings, points, alternatives))
    };
    let (case, route, bookings, points, alternatives) = match load.await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let point_name = |id: Uuid| points.iter().find(|p| p.org_id == id).map(|p| p.name.clone()).unwrap_or_default();
    let legs: Vec<_> = route
        .legs
        .iter()
        .map(|l| {
            minijinja::context! { step => l.step.code(), slot => l.slot, point => point_name(l.point),
            at => local_time(l.starts_at), after_deadline => l.after_deadline }
        })
        .collect();
    let my: Vec<_> = bookings
        .iter()
        .map(|b| {
            let alts: Vec<_> = alternatives
                .iter()
                .find(|(id, _)| *id == b.id)
                .map(|(_, v)| v.iter().map(|sl| minijinja::context! { id => sl.id, at => local_time(sl.starts_at) }).collect())
                .unwrap_or_default();
            minijinja::context! { id => b.id, step => b.step.code(), state => b.state.code(), point => point_name(b.org_id),
            at => local_time(b.starts_at), active => b.state == store::booking::BookingState::Booked, alternatives => alts }
        })
        .collect();
    let steps: Vec<_> = case
        .steps
        .iter()
        .filter(|st| st.kind.is_visit())
        .map(|st| minijinja::context! { step => st.kind.code(), state => minijinja::Value::from_serialize(st.state), deadline => st.deadline })
        .collect();
    let (ok, error) = flash_key(&flash);
    super::cabinet::page(
        &s,
        "cabinet/booking.html",
        &lang,
        Some(&user),
        "booking",
        minijinja::context! { steps, legs, unroutable => route.unroutable.iter().map(|k| k.code()).collect::<Vec<_>>(), bookings => my, ok, error },
    )
}

async fn book(State(s): State<AppState>, user: WebUser, rid: RequestId, Form(f): Form<WriteForm>) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let p = user.account.principal();
        let person = p.person_id.ok_or(ApiError::NotFound("person of this account"))?;
        let slot = f.slot_id.ok_or(ApiError::NotFound("slot"))?;
        authorize(p.role, Action::BookVisits)?;
        let profile = s.store.get_person(person).await?;
        may_book_for(&p, &profile, local_day(Utc::now()))?;
        let key = f.idempotency_key.as_ref().filter(|k| !k.is_empty() && k.len() <= 100);
        let req = NewBooking {
            person_id: person,
            slot_id: slot,
            booked_by: p.account_id,
            idempotency_key: key.map(|k| format!("{}:{k}", p.account_id)),
        };
        s.store.book(&req, Utc::now(), audit(&p, "booking.create", &rid)).await?;
        s.notifier.wake();
        Ok("booked")
    };
    back("/cabinet/booking", r.await)
}

async fn cancel(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<WriteForm>,
) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let p = user.account.principal();
        own_booking(&s, &p, id).await?;
        s.store.cancel_booking(id, Utc::now(), audit(&p, "booking.cancel", &rid)).await?;
        s.notifier.wake();
        Ok("cancelled")
    };
    back("/cabinet/booking", r.await)
}

async fn reschedule(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<WriteForm>,
) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let p = user.account.principal();
        own_booking(&s, &p, id).await?;
        let slot = f.slot_id.ok_or(ApiError::NotFound("slot"))?;
        s.store.reschedule_booking(id, slot, p.account_id, Utc::now(), audit(&p, "booking.reschedule", &rid)).await?;
        s.notifier.wake();
        Ok("rescheduled")
    };
    back("/cabinet/booking", r.await)
}

fn point_of(user: &WebUser) -> Result<(Principal, Uuid), ApiError> {
    let p = user.account.principal();
    authorize(p.role, Action::WorkServicePoint)?;
    let point = p.org_id.ok_or(domain::access::Denied::NotOwner("no service point is linked to this account"))?;
    Ok((p, point))
}

async fn point_page(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(flash): Query<Flash>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let r = async {
        let (p, point) = point_of(&user)?;
        let sp = s.store.service_point(point).await?;
        let day = day_view(&s, &p, point, local_day(Utc::now()), &rid).await?;
        Ok::<_, ApiError>((sp, day))
    };
    let (sp, day) = match r.await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let bookings: Vec<_> = day
        .bookings
        .iter()
        .map(|b| minijinja::context! { id => b.booking.id, name => b.name.clone(), step => b.booking.step.clone(),
            state => b.booking.state.clone(), at => local_time(b.booking.starts_at), active => b.booking.state == "booked",
            begun => b.booking.starts_at <= Utc::now(), document => b.document.clone(),
            outcomes => outcomes_of(&b.booking.step) })
        .collect();
    let (ok, error) = flash_key(&flash);
    render(
        &s,
        "centre/point.html",
        &lang,
        Some(&user),
        minijinja::context! { point => sp.name, services => sp.services.iter().map(|k| k.code()).collect::<Vec<_>>(),
        bookings, queue => queue_ctx(&day), ok, error },
    )
}

/// The outcomes the desk may record for a step (the result form's choices).
fn outcomes_of(step: &str) -> Vec<&'static str> {
    match step {
        "medical_exam" => vec!["fit", "unfit"],
        "fingerprinting" => vec!["done"],
        "language_exam" => vec!["passed", "failed"],
        "health_insurance" => vec!["issued"],
        "patent_application" => vec!["accepted"],
        _ => vec![],
    }
}

fn queue_ctx(day: &crate::api::booking::DayOut) -> Vec<minijinja::Value> {
    day.queue
        .iter()
        .filter(|t| t.state == "waiting" || t.state == "called")
        .map(|t| {
            minijinja::context! { id => t.id, number => t.number, step => t.service.clone(), state => t.state.clone(),
            wait => t.estimated_wait_minutes, name => t.name.clone(), document => t.document.clone(),
            identified => t.person_id.is_some(), outcomes => outcomes_of(&t.service) }
        })
        .collect()
}

async fn queue_fragment(State(s): State<AppState>, user: WebUser, headers: HeaderMap, rid: RequestId) -> Response {
    let lang = lang_of(&s, &headers);
    let r = async {
        let (p, point) = point_of(&user)?;
        day_view(&s, &p, point, local_day(Utc::now()), &rid).await
    };
    match r.await {
        Ok(day) => {
            render(&s, "centre/queue.html", &lang, Some(&user), minijinja::context! { queue => queue_ctx(&day) })
        }
        Err(e) => e.into_response(),
    }
}

async fn ticket(State(s): State<AppState>, user: WebUser, rid: RequestId, Form(f): Form<WriteForm>) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let (p, point) = point_of(&user)?;
        let step = f.service.as_deref().and_then(StepKind::from_code).ok_or(ApiError::NotFound("service"))?;
        match f.document_number.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            // A walk-in found by the document they present (never by an id).
            Some(number) => {
                s.store.walk_in(point, step, number, Utc::now(), audit(&p, "queue.walk_in", &rid)).await?;
            }
            None => {
                s.store.take_ticket(point, step, None, None, Utc::now(), audit(&p, "queue.ticket", &rid)).await?;
            }
        }
        Ok("ticket")
    };
    back("/centre/point", r.await)
}

async fn next(State(s): State<AppState>, user: WebUser, rid: RequestId, Form(f): Form<WriteForm>) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let (p, point) = point_of(&user)?;
        s.store.call_next(point, Utc::now(), audit(&p, "queue.call", &rid)).await?;
        Ok("called")
    };
    back("/centre/point", r.await)
}

async fn finish_ticket(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path((id, what)): Path<(Uuid, String)>,
    Form(f): Form<WriteForm>,
) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let (p, point) = point_of(&user)?;
        let t = s.store.ticket(id).await?;
        if t.org_id != point {
            return Err(domain::access::Denied::NotOwner("another service point's ticket").into());
        }
        if what == "result" {
            record_at_desk(&s, &p, point, &f.desk_result(DeskVisit::Ticket(id))?, &rid).await?;
            return Ok("result");
        }
        let state = match what.as_str() {
            "served" => TicketState::Served,
            "no-show" => TicketState::NoShow,
            _ => return Err(ApiError::NotFound("action")),
        };
        s.store.finish_ticket(id, state, Utc::now(), audit(&p, "queue.finish", &rid)).await?;
        Ok(if state == TicketState::Served { "served" } else { "no_show" })
    };
    back("/centre/point", r.await)
}

async fn booking_action(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path((id, what)): Path<(Uuid, String)>,
    Form(f): Form<WriteForm>,
) -> Response {
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let (p, _) = point_of(&user)?;
        let b = point_booking(&s, &p, id).await?;
        let now = Utc::now();
        match what.as_str() {
            "no-show" => {
                s.store.mark_no_show(id, now, audit(&p, "booking.no_show", &rid)).await?;
                Ok("no_show")
            }
            "result" => {
                record_at_desk(&s, &p, b.org_id, &f.desk_result(DeskVisit::Booking(id))?, &rid).await?;
                Ok("result")
            }
            _ => Err(ApiError::NotFound("action")),
        }
    };
    back("/centre/point", r.await)
}

/// The workstation's "close a period" form: local date-times as a `datetime-local` input sends
/// them (`YYYY-MM-DDTHH:MM`, the region's time), and the reason.
#[derive(Debug, Deserialize)]
struct CloseForm {
    csrf: String,
    from: String,
    to: String,
    reason: String,
}

/// Closes the point's slots in a period and tells those booked (the API's checks and store
/// call, `api::booking::close_point_period`).
async fn close_period(State(s): State<AppState>, user: WebUser, rid: RequestId, Form(f): Form<CloseForm>) -> Response {
    let local =
        |v: &str| chrono::NaiveDateTime::parse_from_str(v.trim(), "%Y-%m-%dT%H:%M").ok().map(store::booking::at_local);
    let r = async {
        csrf_ok(&user, &f.csrf)?;
        let (p, point) = point_of(&user)?;
        let (Some(from), Some(to)) = (local(&f.from), local(&f.to)) else {
            return Err(ApiError::Booking(store::booking::BookingError::Period));
        };
        crate::api::booking::close_point_period(&s, &p, point, (from, to), &f.reason, &rid).await?;
        Ok("closed")
    };
    match r.await {
        Err(ApiError::Invalid(_)) => Redirect::to("/centre/point?error=reason_length").into_response(),
        r => back("/centre/point", r),
    }
}
