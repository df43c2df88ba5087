//! The JSON API under `/api`, described by an OpenAPI 3.1 document generated from this code.

pub mod accounts;
pub mod auth;
pub mod booking;
pub mod cabinet;
pub mod health;
pub mod intake;
pub mod merges;
pub mod orgs;
pub mod persons;
pub mod review;
pub mod stats;

use axum::Router;
use axum::routing::get;
use serde::Deserialize;
use utoipa::OpenApi;

use crate::app::AppState;

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "rosmigration API", description = "Registry of foreign nationals: persons, organisations, accounts, audit. Errors are RFC 9457 problem+json. Reads of personal data take `purpose` (and for law enforcement `legal_basis` and `case_number`) query parameters, recorded in the audit log.", license(name = "Apache-2.0")),
    paths(
        health::healthz, health::readyz,
        auth::issue_token, auth::me,
        persons::create, persons::get_one, persons::search, persons::history, persons::golden, persons::status, persons::change, persons::access_log, persons::my_access_log,
        orgs::create, orgs::list, orgs::get_one,
        accounts::create, accounts::list, accounts::disable,
        stats::overview, stats::verify_audit, stats::outbox_status,
        intake::upload, intake::batch, intake::quarantine_list, intake::quarantine_show, intake::quarantine_replay, intake::quarantine_discard,
        review::list, review::get_one, review::decide,
        merges::merge, merges::get_one, merges::unmerge, merges::proposals, merges::reject_proposal,
        cabinet::login_start, cabinet::login_verify, cabinet::my_case, cabinet::set_lang, cabinet::list_codes, cabinet::create_code, cabinet::revoke_code, cabinet::check,
        booking::points, booking::set_point, booking::slots, booking::close_slot, booking::close_period, booking::case, booking::route, booking::my_route,
        booking::person_bookings, booking::my_bookings, booking::book, booking::book_bulk, booking::cancel,
        booking::reschedule, booking::no_show, booking::booking_result, booking::walk_in_result, booking::day,
        booking::ticket, booking::call_next, booking::served, booking::ticket_no_show,
    ),
    components(schemas(crate::error::Problem)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security =
            Some(vec![utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new())]);
    }
}

/// All API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(|| async { axum::Json(ApiDoc::openapi()) }))
        .merge(health::router())
        .merge(auth::router())
        .merge(persons::router())
        .merge(orgs::router())
        .merge(accounts::router())
        .merge(stats::router())
        .merge(intake::router())
        .merge(review::router())
        .merge(merges::router())
        .merge(cabinet::router())
        .merge(booking::router())
        .fallback(|| async { crate::error::ApiError::NotFound("route") })
}

/// Pagination parameters shared by list endpoints.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageParams {
    /// Opaque cursor from the previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
}

/// Clamps a page size.
pub fn page_limit(limit: Option<i64>) -> Result<i64, crate::error::ApiError> {
    match limit {
        None => Ok(50),
        Some(n) if (1..=200).contains(&n) => Ok(n),
        Some(n) => Err(crate::error::ApiError::Invalid(domain::error::ValidationErrors::one(
            "limit",
            domain::error::ValueError::new("limit_range", format!("limit {n} is outside 1–200")),
        ))),
    }
}

/// Parses a UUID cursor.
pub fn uuid_cursor(c: &Option<String>) -> Result<Option<uuid::Uuid>, crate::error::ApiError> {
    c.as_deref()
        .map(|s| {
            s.parse().map_err(|_| {
                crate::error::ApiError::Invalid(domain::error::ValidationErrors::one(
                    "cursor",
                    domain::error::ValueError::new("cursor", "the cursor is not one this API returned"),
                ))
            })
        })
        .transpose()
}
