//! The officer's desk: what is waiting, with links into each queue, and the work lists of the
//! rules engine (persons who became IRREGULAR, deadlines this week, persons in violation) as
//! searches an officer opens, so that every person shown is a logged read with its purpose.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use domain::access::{Action, authorize};

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::Query;
use crate::web::layout::Outcome;
use crate::web::{WebUser, lang_of, render_with};

/// `GET /officer`: the queue counts and a quick search.
pub(super) async fn page(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(o): Query<Outcome>,
) -> Response {
    desk(&s, &user, &headers, &o, "officer/desk.html").await
}

/// `GET /officer/worklists`: the engine's lists with their counts.
pub(super) async fn worklists(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    Query(o): Query<Outcome>,
) -> Response {
    desk(&s, &user, &headers, &o, "officer/worklists.html").await
}

async fn desk(s: &AppState, user: &WebUser, headers: &HeaderMap, o: &Outcome, template: &str) -> Response {
    if let Err(e) = authorize(user.account.role, Action::ReviewLinks) {
        return ApiError::from(e).into_response();
    }
    let today = domain::clock::today();
    let counts = match s.store.officer_counts(today).await {
        Ok(c) => c,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let ctx = minijinja::context! {
        counts => counts, today => today.to_string(),
        week_end => (today + chrono::Duration::days(7)).to_string(),
    };
    render_with(s, template, &lang_of(s, headers), user, o, ctx)
}
