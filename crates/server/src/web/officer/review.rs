//! The linkage review queue as pages: the open items, one item with the staged record beside
//! the candidate person field by field (with the evidence and the score), and the decision
//! form (same person / different persons, with a reason).

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use store::resolve::Decision;
use uuid::Uuid;

use super::back;
use crate::app::AppState;
use crate::extract::{Path, Query, RequestId};
use crate::registry::ReasonParams;
use crate::services;
use crate::web::layout::{Outcome, check_csrf};
use crate::web::{WebUser, lang_of, render_with};

/// Items per page.
const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub(super) struct ListQuery {
    #[serde(default)]
    cursor: String,
    #[serde(flatten)]
    outcome: Outcome,
}

/// `GET /officer/review`: open items, oldest first.
pub(super) async fn list(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(q): Query<ListQuery>,
) -> Response {
    let after = match crate::api::uuid_cursor(&Some(q.cursor.clone()).filter(|c| !c.is_empty())) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let p = user.account.principal();
    match services::review::list(&s, &p, after, PAGE, rid.as_deref()).await {
        Ok(page) => {
            let ctx =
                minijinja::context! { items => page.items, next_cursor => page.next_cursor, first => after.is_none() };
            render_with(&s, "officer/review_list.html", &lang_of(&s, &headers), &user, &q.outcome, ctx)
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /officer/review/{id}`: the two sides and the decision form.
pub(super) async fn item(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(o): Query<Outcome>,
) -> Response {
    let p = user.account.principal();
    let d = match services::review::detail(&s, &p, id, &ReasonParams::default(), rid.as_deref()).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let today = domain::clock::today();
    let person = &d.person;
    let subject = &d.record.subject;
    let names: Vec<String> = person
        .names
        .iter()
        .map(|n| {
            format!("{} {} {}", n.surname, n.given_names, n.patronymic.as_deref().unwrap_or("")).trim().to_string()
        })
        .collect();
    let documents: Vec<String> =
        person.documents.iter().filter(|d| d.invalidated.is_none()).map(|d| d.number.clone()).collect();
    let phones: Vec<String> = person
        .contacts
        .iter()
        .filter_map(|c| match &c.value {
            domain::person::ContactValue::Phone(x) => Some(x.as_str().to_owned()),
            domain::person::ContactValue::Email(_) => None,
        })
        .collect();
    let rows = vec![
        row(
            "name",
            format!("{} {} {}", subject.surname, subject.given_names, subject.patronymic.as_deref().unwrap_or(""))
                .trim()
                .to_string(),
            names.join("; "),
        ),
        row("birth_date", subject.birth_date.map(|b| b.to_string()).unwrap_or_default(), person.birth_date.to_string()),
        row("sex", subject.sex.map(|x| x.code().to_string()).unwrap_or_default(), person.sex.code().to_string()),
        row(
            "citizenship",
            subject.citizenship.map(|c| c.as_str().to_string()).unwrap_or_default(),
            person.citizenship.as_str().to_string(),
        ),
        row("document", subject.document.as_ref().map(|d| d.number.clone()).unwrap_or_default(), documents.join("; ")),
        row("phone", subject.phone.as_ref().map(|x| x.as_str().to_string()).unwrap_or_default(), phones.join("; ")),
        row(
            "address",
            String::new(),
            person.stay_on(today).or(person.stays.last()).map(|s| s.address.line()).unwrap_or_default(),
        ),
    ];
    let ctx = minijinja::context! {
        item => d.item, rows => rows, record_state => d.record_state, person_id => person.id,
        fact => serde_json::to_string_pretty(&d.record.fact).unwrap_or_default(),
    };
    render_with(&s, "officer/review_item.html", &lang_of(&s, &headers), &user, &o, ctx)
}

fn row(field: &str, record: String, person: String) -> minijinja::Value {
    minijinja::context! { field => field, record => record, person => person }
}

#[derive(Debug, Deserialize)]
pub(super) struct DecisionForm {
    csrf: String,
    decision: Decision,
    #[serde(default)]
    reason: String,
}

/// `POST /officer/review/{id}`: the decision; back to the queue.
pub(super) async fn decide(
    State(s): State<AppState>,
    user: WebUser,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Form(f): Form<DecisionForm>,
) -> Response {
    let r = async {
        check_csrf(&user, &f.csrf)?;
        services::review::decide(&s, &user.account.principal(), id, f.decision, &f.reason, rid.as_deref()).await?;
        Ok("decided")
    }
    .await;
    match r {
        Ok(_) => back("/officer/review", r),
        Err(_) => back(&format!("/officer/review/{id}"), r),
    }
}
