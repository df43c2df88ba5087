//! The administrator's desk, the audit check and the operations page (notification delivery
//! and intake batches): counts and states, never a person.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use serde::Deserialize;

use super::require;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Query, RequestId};
use crate::registry::entry;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::{WebUser, lang_of, render_with};

/// `GET /admin`: accounts, organisations, the outbox, intake and law-enforcement alerts.
pub(super) async fn desk(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(o): Query<Outcome>,
) -> Response {
    if let Err(e) = require(&user, Action::ManageAccounts) {
        return e.into_response();
    }
    let r = async {
        let counts = s.store.admin_counts().await?;
        let outbox = s.store.notification_counts().await?;
        let alerts = super::oversight::alerts(&s).await?;
        Ok::<_, ApiError>((counts, outbox, alerts))
    }
    .await;
    match r {
        Ok((counts, outbox, alerts)) => render_with(
            &s,
            "admin/desk.html",
            &lang_of(&s, &headers),
            &user,
            &o,
            minijinja::context! { counts => counts, outbox => outbox, alerts => alerts },
        ),
        Err(e) => e.into_response(),
    }
}

/// `GET /admin/audit`: what the check does, and the button.
pub(super) async fn audit(State(s): State<AppState>, user: WebUser, headers: HeaderMap) -> Response {
    if let Err(e) = require(&user, Action::VerifyAudit) {
        return e.into_response();
    }
    render_with(&s, "admin/audit.html", &lang_of(&s, &headers), &user, &Outcome::default(), minijinja::context! {})
}

#[derive(Debug, Deserialize)]
pub(super) struct CsrfForm {
    csrf: String,
}

/// `POST /admin/audit`: recomputes the chain and shows the result (a read; the check itself is
/// logged like the API's).
pub(super) async fn verify(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    axum::extract::Form(f): axum::extract::Form<CsrfForm>,
) -> Response {
    if let Err(e) = require(&user, Action::VerifyAudit) {
        return e.into_response();
    }
    let r = async {
        check_csrf(&user, &f.csrf)?;
        let p = user.account.principal();
        let report = s.store.verify_audit().await?;
        let reason = domain::access::AccessReason { purpose: "audit oversight".into(), ..Default::default() };
        let mut e = entry(&p, "audit.verify", &reason, rid.as_deref());
        e.detail = format!("{} entries, {} problems", report.entries, report.problems.len());
        s.audit.record(vec![e]).await?;
        Ok::<_, ApiError>(report)
    }
    .await;
    match r {
        Ok(report) => render_with(
            &s,
            "admin/audit.html",
            &lang_of(&s, &headers),
            &user,
            &Outcome::default(),
            minijinja::context! { ok => report.ok(), report => report },
        ),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct BatchQuery {
    #[serde(default)]
    cursor: String,
}

/// `GET /admin/operations`: the outbox per channel and state, and intake batches, newest first.
pub(super) async fn operations(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(q): Query<BatchQuery>,
) -> Response {
    if let Err(e) = require(&user, Action::ViewOutbox) {
        return e.into_response();
    }
    let r = async {
        let before = crate::api::uuid_cursor(&Some(q.cursor.clone()).filter(|c| !c.is_empty()))?;
        let outbox = s.store.notification_counts().await?;
        let batches = s.store.list_batches(before, 50).await?;
        Ok::<_, ApiError>((outbox, batches))
    }
    .await;
    match r {
        Ok((outbox, batches)) => render_with(
            &s,
            "admin/operations.html",
            &lang_of(&s, &headers),
            &user,
            &Outcome::default(),
            minijinja::context! { outbox => outbox, batches => batches.items, next_cursor => batches.next_cursor, first => q.cursor.is_empty() },
        ),
        Err(e) => e.into_response(),
    }
}
