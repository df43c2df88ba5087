//! The administrator's workstation: the desk (operations at a glance), accounts, organisations
//! and service points, the audit check, notification delivery and intake batches, and the
//! oversight of law enforcement's reads. No page here shows personal data: accounts, counts,
//! ids and the reads' legal bases only.

mod accounts;
mod ops;
mod orgs;
mod oversight;

use axum::Router;
use axum::routing::{get, post};
use domain::access::{Action, authorize};

use crate::app::AppState;
use crate::error::ApiError;
use crate::web::WebUser;

/// Admin page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(ops::desk))
        .route("/admin/accounts", get(accounts::list).post(accounts::create))
        .route("/admin/accounts/{id}/{what}", post(accounts::act))
        .route("/admin/orgs", get(orgs::list))
        .route("/admin/orgs/{id}", get(orgs::item).post(orgs::save_point))
        .route("/admin/audit", get(ops::audit).post(ops::verify))
        .route("/admin/operations", get(ops::operations))
        .route("/admin/oversight", get(oversight::page))
}

/// Refuses anyone who may not do `action` (the pages' own check, as in the API).
fn require(user: &WebUser, action: Action) -> Result<(), ApiError> {
    authorize(user.account.role, action).map_err(ApiError::from)
}
