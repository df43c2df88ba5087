//! Oversight of law enforcement's reads: per account and hour, how many persons were read, with
//! an alert where one account read more persons in an hour than the configured threshold
//! (`oversight_persons_per_hour`). The administrator sees the accounts, counts, legal bases and
//! case numbers, never the persons' data.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use domain::access::Action;
use std::collections::HashMap;
use store::desk::ReadsInHour;
use uuid::Uuid;

use super::require;
use crate::app::AppState;
use crate::error::ApiError;
use crate::web::layout::Outcome;
use crate::web::{WebUser, lang_of, render_with};

/// One (account, hour) cell with the account's name and whether it crosses the threshold.
#[derive(Debug, serde::Serialize)]
pub(super) struct Cell {
    account: String,
    #[serde(flatten)]
    reads: ReadsInHour,
    alert: bool,
}

async fn cells(s: &AppState, since_hours: i64) -> Result<Vec<Cell>, ApiError> {
    let reads = s.store.law_enforcement_reads(Utc::now() - Duration::hours(since_hours)).await?;
    let mut names: HashMap<Uuid, String> = HashMap::new();
    let mut out = Vec::with_capacity(reads.len());
    for r in reads {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(r.account_id) {
            slot.insert(match s.store.get_account(r.account_id).await {
                Ok(a) => format!("{} ({})", a.display_name, a.username),
                Err(store::StoreError::NotFound(_)) => r.account_id.to_string(),
                Err(e) => return Err(e.into()),
            });
        }
        let alert = r.persons > i64::from(s.config.oversight_persons_per_hour);
        out.push(Cell { account: names[&r.account_id].clone(), reads: r, alert });
    }
    Ok(out)
}

/// The cells of the last 24 hours that cross the threshold (the admin desk's alerts).
pub(super) async fn alerts(s: &AppState) -> Result<Vec<Cell>, ApiError> {
    Ok(cells(s, 24).await?.into_iter().filter(|c| c.alert).collect())
}

/// `GET /admin/oversight`: the last 7 days, busiest cells first.
pub(super) async fn page(State(s): State<AppState>, user: WebUser, headers: HeaderMap) -> Response {
    if let Err(e) = require(&user, Action::VerifyAudit) {
        return e.into_response();
    }
    match cells(&s, 24 * 7).await {
        Ok(cells) => render_with(
            &s,
            "admin/oversight.html",
            &lang_of(&s, &headers),
            &user,
            &Outcome::default(),
            minijinja::context! { cells => cells, threshold => s.config.oversight_persons_per_hour },
        ),
        Err(e) => e.into_response(),
    }
}
