//! The person's records: the timeline of the history (every event with its agency, the agency's
//! record id, the actor and the time), the golden record with the source of every field, and the
//! access log (who read the data, when, in which role and why).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use uuid::Uuid;

use super::profile::refused;
use super::{ReasonQuery, frame};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::registry;
use crate::web::{WebUser, lang_of, render, render_with};

/// Events per timeline page: a page stays small however long the history.
const HISTORY_PAGE: i64 = 50;
/// Access-log entries per page.
const ACCESS_PAGE: i64 = 100;

/// `GET /persons/{id}/history`: the timeline, oldest first, a page at a time.
pub(super) async fn history(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<ReasonQuery>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let after = match position_cursor(&q.cursor) {
        Ok(c) => c.unwrap_or(0),
        Err(r) => return *r,
    };
    let page = match registry::history(&s, &p, id, &q.params(), after, HISTORY_PAGE, rid.as_deref()).await {
        Ok(page) => page,
        Err(e) => return refused(&s, &user, &lang, id, e),
    };
    let names = match actor_names(&s, page.items.iter().filter_map(|e| e.actor.account_id)).await {
        Ok(n) => n,
        Err(e) => return e.into_response(),
    };
    let events: Vec<_> = page
        .items
        .iter()
        .map(|e| {
            let changes: Vec<_> = e
                .changes
                .iter()
                .map(|c| {
                    let merge_id = match c {
                        domain::event::Change::Merged { merge_id, .. } => Some(*merge_id),
                        _ => None,
                    };
                    minijinja::context! { kind => c.kind(), merge_id => merge_id, detail => change_summary(c, &lang) }
                })
                .collect();
            minijinja::context! {
                seq => e.seq, at => e.recorded_at, source => e.source.code(), record => e.source_record,
                role => e.actor.role.map(|r| r.code()),
                actor => e.actor.account_id.and_then(|a| names.get(&a).cloned()),
                changes => changes,
            }
        })
        .collect();
    let may_merge = domain::access::authorize(p.role, domain::access::Action::MergePersons).is_ok();
    let ctx = minijinja::context! {
        events => events, next_cursor => page.next_cursor, first => after == 0, may_merge => may_merge,
        ..frame(id, p.role, &q, "history")
    };
    render_with(&s, "person/history.html", &lang, &user, &q.outcome, ctx)
}

/// The values a change carries, in a short line ("entry · 03.09.2026", "FA1234567 · 01.02.2030"):
/// enough for an officer to tell events apart without opening each. Texts, numbers and dates only
/// (dates in the page's form), ids left out, at most six values.
fn change_summary(c: &domain::event::Change, lang: &str) -> String {
    fn walk(v: &serde_json::Value, lang: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k != "type" && k != "id" && !k.ends_with("_id") {
                        walk(x, lang, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, lang, out)),
            serde_json::Value::String(s) if s.len() <= 60 && s.parse::<Uuid>().is_err() => {
                let shown = match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => crate::i18n::dates::date(lang, d),
                    Err(_) => s.clone(),
                };
                out.push(shown);
            }
            serde_json::Value::Number(n) => out.push(n.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(c) {
        walk(&v, lang, &mut out);
    }
    out.truncate(6);
    out.join(" · ")
}

/// Display names of the accounts that acted, looked up once per page.
async fn actor_names(s: &AppState, ids: impl Iterator<Item = Uuid>) -> Result<HashMap<Uuid, String>, ApiError> {
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        match s.store.get_account(id).await {
            Ok(a) => {
                out.insert(id, a.display_name);
            }
            Err(store::StoreError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// A page cursor of the history (a sequence number) or the access log (a chain position): none,
/// or a positive number this page gave; anything else is a 422 page, never a 500.
fn position_cursor(raw: &str) -> Result<Option<i64>, Box<Response>> {
    match raw.trim() {
        "" => Ok(None),
        c => match c.parse::<i64>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(Box::new(
                ApiError::Invalid(domain::error::ValidationErrors::one(
                    "cursor",
                    domain::error::ValueError::new("cursor", "the cursor is not one this page gave"),
                ))
                .into_response(),
            )),
        },
    }
}

/// `GET /persons/{id}/golden`: one value per field and the agency record it rests on.
pub(super) async fn golden(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<ReasonQuery>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    match registry::golden(&s, &p, id, &q.params(), rid.as_deref()).await {
        Ok(g) => render(
            &s,
            "person/golden.html",
            &lang,
            Some(&user),
            minijinja::context! { golden => g, ..frame(id, p.role, &q, "golden") },
        ),
        Err(e) => refused(&s, &user, &lang, id, e),
    }
}

/// `GET /persons/{id}/access`: who read the person's data, newest first.
pub(super) async fn access(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<ReasonQuery>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let before = match position_cursor(&q.cursor) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    match registry::access_log(&s, &p, id, before, ACCESS_PAGE + 1, rid.as_deref()).await {
        Ok(mut entries) => {
            let more = entries.len() as i64 > ACCESS_PAGE;
            entries.truncate(ACCESS_PAGE as usize);
            let next = more.then(|| entries.last().map(|e| e.position)).flatten();
            let rows: Vec<_> = entries
                .iter()
                .map(|c| {
                    let e = &c.entry;
                    let d = crate::i18n::audit::describe(&s.i18n, &lang, c);
                    minijinja::context! {
                        at => e.at, role => d.role, action => d.action, purpose => d.purpose,
                        legal_basis => e.legal_basis, case_number => e.case_number,
                    }
                })
                .collect();
            let ctx = minijinja::context! { entries => rows, next_cursor => next, ..frame(id, p.role, &q, "access") };
            render(&s, "person/access.html", &lang, Some(&user), ctx)
        }
        Err(e) => refused(&s, &user, &lang, id, e),
    }
}
