//! The quarantine as pages: rows that did not import, filtered by agency, batch (one file) and
//! state, with the counts per reason; one row as the agency sent it, with a form to correct
//! columns and replay it, and a form to discard it with a reason.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::event::SourceAgency;
use serde::Deserialize;
use store::intake::{QuarantineFilter, ReplayOutcome};
use uuid::Uuid;

use super::back;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::services;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::{WebUser, lang_of, render_with};

/// Rows per page.
const PAGE: i64 = 50;
/// The states a row can be in.
const STATES: [&str; 3] = ["open", "replayed", "discarded"];

#[derive(Debug, Default, Deserialize)]
pub(super) struct ListQuery {
    #[serde(default)]
    source: String,
    #[serde(default)]
    batch: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    cursor: String,
    #[serde(flatten)]
    outcome: Outcome,
}

fn invalid(field: &'static str, message: &str) -> ApiError {
    ApiError::Invalid(domain::error::ValidationErrors::one(
        field,
        domain::error::ValueError::new(field, message.to_string()),
    ))
}

/// `GET /officer/quarantine`.
pub(super) async fn list(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r = async {
        let source = match q.source.trim() {
            "" => None,
            code => Some(SourceAgency::from_code(code).ok_or_else(|| invalid("source", "not an agency"))?),
        };
        let batch = match q.batch.trim() {
            "" => None,
            b => Some(b.parse::<Uuid>().map_err(|_| invalid("batch", "not a batch id"))?),
        };
        let state = match q.state.trim() {
            "" => "open".to_string(),
            st if STATES.contains(&st) => st.to_string(),
            _ => return Err(invalid("state", "not a state")),
        };
        let after = crate::api::uuid_cursor(&Some(q.cursor.clone()).filter(|c| !c.is_empty()))?;
        let f = QuarantineFilter { source, state: Some(state.clone()), batch_id: batch };
        let page = services::quarantine::list(&s, &user.account.principal(), &f, after, PAGE, rid.as_deref()).await?;
        let reasons = s.store.quarantine_reasons(source.map(|a| a.code()), batch).await?;
        Ok::<_, ApiError>((page, reasons, state))
    }
    .await;
    match r {
        Ok((page, reasons, state)) => {
            let sources: Vec<&str> = SourceAgency::ALL
                .iter()
                .filter(|a| !matches!(a, SourceAgency::Registry | SourceAgency::Migrant | SourceAgency::Demo))
                .map(|a| a.code())
                .collect();
            let filter = serde_urlencoded::to_string([
                ("source", q.source.trim()),
                ("batch", q.batch.trim()),
                ("state", &state),
            ])
            .unwrap_or_default();
            let ctx = minijinja::context! {
                items => page.items, next_cursor => page.next_cursor, reasons => reasons, sources => sources,
                states => STATES, form => minijinja::context! { source => q.source.trim(), batch => q.batch.trim(), state => state },
                filter => filter, first => q.cursor.is_empty(),
            };
            render_with(&s, "officer/quarantine_list.html", &lang_of(&s, &headers), &user, &q.outcome, ctx)
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /officer/quarantine/{id}`: the row as sent, the reason, and the two forms.
pub(super) async fn item(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(o): Query<Outcome>,
) -> Response {
    match services::quarantine::show(&s, &user.account.principal(), id, rid.as_deref()).await {
        Ok(d) => render_with(
            &s,
            "officer/quarantine_item.html",
            &lang_of(&s, &headers),
            &user,
            &o,
            minijinja::context! { item => d.item, raw => d.raw },
        ),
        Err(e) => e.into_response(),
    }
}

/// `POST /officer/quarantine/{id}/replay`: fields `col:<name>` carry the corrected values.
pub(super) async fn replay(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let here = format!("/officer/quarantine/{id}");
    let r = async {
        let csrf = fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        check_csrf(&user, csrf)?;
        let corrections: Vec<(String, String)> =
            fields.iter().filter_map(|(k, v)| k.strip_prefix("col:").map(|c| (c.to_string(), v.clone()))).collect();
        let out = services::quarantine::replay(&s, &user.account.principal(), id, &corrections, rid.as_deref()).await?;
        Ok(match out {
            ReplayOutcome::Staged { .. } => "replayed",
            ReplayOutcome::StillQuarantined { .. } => "still-quarantined",
        })
    }
    .await;
    back(&here, r)
}

#[derive(Debug, Deserialize)]
pub(super) struct DiscardForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /officer/quarantine/{id}/discard`.
pub(super) async fn discard(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<DiscardForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        services::quarantine::discard(&s, &user.account.principal(), id, &f.reason, rid.as_deref()).await?;
        Ok("discarded")
    }
    .await;
    match r {
        Ok(_) => back("/officer/quarantine", r),
        Err(_) => back(&format!("/officer/quarantine/{id}"), r),
    }
}
