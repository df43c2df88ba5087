//! The migration officer's workstation: the desk (queue counts and quick search), the linkage
//! review queue, the quarantine of agency rows, merge proposals, merge and unmerge, corrections
//! of a person through forms, and the work lists of the rules engine.
//!
//! Every page checks the same action its API endpoint checks, and every write goes through the
//! same store function with the same audit entry; forms post, then redirect with an outcome code.

mod correct;
mod desk;
mod merges;
mod quarantine;
mod review;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::app::AppState;
use crate::error::ApiError;
use crate::web::layout::error_code;

/// Officer page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/officer", get(desk::page))
        .route("/officer/worklists", get(desk::worklists))
        .route("/officer/review", get(review::list))
        .route("/officer/review/{id}", get(review::item).post(review::decide))
        .route("/officer/quarantine", get(quarantine::list))
        .route("/officer/quarantine/{id}", get(quarantine::item))
        .route("/officer/quarantine/{id}/replay", post(quarantine::replay))
        .route("/officer/quarantine/{id}/discard", post(quarantine::discard))
        .route("/officer/merges", get(merges::proposals))
        .route("/officer/merges/proposals/{id}/reject", post(merges::reject))
        .route("/officer/persons/{id}/merge", get(merges::form).post(merges::merge))
        .route("/officer/merges/{id}/unmerge", post(merges::unmerge))
        .route("/officer/persons/{id}/correct", get(correct::form).post(correct::submit))
}

/// After a form: back to `to` with the outcome, or the error page for what is not the user's to
/// fix (an outage, a bug).
pub(crate) fn back(to: &str, r: Result<&'static str, ApiError>) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    match r {
        Ok(ok) => Redirect::to(&format!("{to}{sep}ok={ok}")).into_response(),
        Err(e @ (ApiError::Internal(_) | ApiError::Unavailable(_))) => e.into_response(),
        Err(e) => Redirect::to(&format!("{to}{sep}error={}", error_code(&e))).into_response(),
    }
}
