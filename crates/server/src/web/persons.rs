//! The migration officer's person search and profile pages.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use domain::names::NameForm;
use domain::reduced::PersonView;
use serde::Deserialize;
use store::persons::PersonSummary;
use uuid::Uuid;

use super::{WebUser, lang_of, render};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Path, Query, RequestId};
use crate::registry::{self, ReasonParams, SearchParams};

/// Person page routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/persons", get(search)).route("/persons/{id}", get(profile))
}

#[derive(Debug, Default, Deserialize)]
struct SearchForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth_year: String,
    #[serde(default)]
    citizenship: String,
    #[serde(default)]
    document_number: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    case_number: String,
    #[serde(default)]
    cursor: String,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

fn reason_of(f: &SearchForm) -> ReasonParams {
    ReasonParams { purpose: opt(&f.purpose), legal_basis: opt(&f.legal_basis), case_number: opt(&f.case_number) }
}

fn error_text(s: &AppState, lang: &str, e: &ApiError) -> String {
    match e {
        ApiError::Invalid(v) => {
            v.0.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ")
        }
        ApiError::Forbidden(domain::access::Denied::LegalBasisRequired) => s.i18n.t(lang, "error-legal-basis", None),
        ApiError::Forbidden(d) => format!("{} ({d})", s.i18n.t(lang, "error-forbidden", None)),
        other => other.to_string(),
    }
}

async fn search(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(f): Query<SearchForm>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let submitted = !(f.name.is_empty()
        && f.birth_year.is_empty()
        && f.citizenship.is_empty()
        && f.document_number.is_empty()
        && f.status.is_empty());
    let lists_own = matches!(p.role, domain::access::Role::Employer | domain::access::Role::University);
    let (results, next, error) = if submitted || lists_own {
        let birth_year = match opt(&f.birth_year).map(|y| y.parse::<i32>()) {
            Some(Ok(y)) => Some(y),
            Some(Err(_)) => {
                return render(
                    &s,
                    "persons.html",
                    &lang,
                    Some(&user),
                    minijinja::context! { form => form_ctx(&f), error => s.i18n.t(&lang, "error-birth-year", None), results => Vec::<PersonSummary>::new() },
                );
            }
            None => None,
        };
        let params = SearchParams {
            name: opt(&f.name),
            birth_year,
            citizenship: opt(&f.citizenship),
            document_number: opt(&f.document_number),
            status: opt(&f.status),
            ..Default::default()
        };
        let cursor = opt(&f.cursor).and_then(|c| c.parse::<Uuid>().ok());
        match registry::search(&s, &p, &params, &reason_of(&f), cursor, 50, rid.as_deref()).await {
            Ok(page) => {
                let today = Utc::now().date_naive();
                (page.items.iter().map(|x| summary_of(x, today)).collect::<Vec<_>>(), page.next_cursor, None)
            }
            Err(ApiError::Unauthorized) => {
                return axum::response::Redirect::to("/login").into_response();
            }
            Err(e @ (ApiError::Internal(_) | ApiError::Unavailable(_))) => {
                return e.into_response();
            }
            Err(e) => (vec![], None, Some(error_text(&s, &lang, &e))),
        }
    } else {
        (vec![], None, None)
    };
    let partial = headers.contains_key("hx-request");
    let ctx = minijinja::context! { form => form_ctx(&f), results => results, next_cursor => next, error => error, submitted => submitted || lists_own };
    render(&s, if partial { "persons_results.html" } else { "persons.html" }, &lang, Some(&user), ctx)
}

/// The list line of a person, from either view.
fn summary_of(v: &PersonView, today: chrono::NaiveDate) -> PersonSummary {
    match v {
        PersonView::Full(p) => PersonSummary::of(p, today),
        PersonView::Reduced(r) => PersonSummary {
            id: r.id,
            name: r
                .names
                .iter()
                .find(|n| n.form == NameForm::Russian)
                .or(r.names.first())
                .map(|n| n.full())
                .unwrap_or_default(),
            latin_name: r.names.iter().find(|n| n.form == NameForm::Latin).map(|n| n.full()),
            birth_date: r.birth_date.to_string(),
            citizenship: r.citizenship.as_str().to_string(),
            sex: r.sex.code().to_string(),
            district: r.current_stay.as_ref().and_then(|s| s.address.district.clone()),
        },
    }
}

/// The template's `person`: the reduced view shows its current stay where the page lists stays.
fn person_ctx(v: &PersonView) -> minijinja::Value {
    match v {
        PersonView::Full(p) => minijinja::Value::from_serialize(p),
        PersonView::Reduced(r) => minijinja::context! {
            stays => r.current_stay.iter().collect::<Vec<_>>(),
            ..minijinja::Value::from_serialize(r)
        },
    }
}

fn form_ctx(f: &SearchForm) -> minijinja::Value {
    minijinja::context! {
        name => f.name, birth_year => f.birth_year, citizenship => f.citizenship, document_number => f.document_number,
        purpose => f.purpose, legal_basis => f.legal_basis, case_number => f.case_number,
    }
}

#[derive(Debug, Default, Deserialize)]
struct ProfileQuery {
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    case_number: String,
}

async fn profile(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(q): Query<ProfileQuery>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    let reason =
        ReasonParams { purpose: opt(&q.purpose), legal_basis: opt(&q.legal_basis), case_number: opt(&q.case_number) };
    match registry::view_person(&s, &p, id, &reason, rid.as_deref()).await {
        Ok(view) => {
            let today = Utc::now().date_naive();
            let summary = summary_of(&view, today);
            let profile = person_ctx(&view);
            // Part of the same logged view. The status is derived from the full profile, not the
            // reduced view an organisation account is shown.
            let status = match async { s.store.person_status(&s.store.get_person(id).await?).await }.await {
                Ok(st) => st,
                Err(e) => return ApiError::from(e).into_response(),
            };
            let english = lang == "en";
            let explain = |ru: &str, en: &str| if english { en.to_string() } else { ru.to_string() };
            let obligations: Vec<_> = status
                .evaluation
                .obligations
                .iter()
                .map(|o| {
                    minijinja::context! {
                        rule => o.rule_id.as_str(), deadline => o.deadline.to_string(),
                        state => format!("{:?}", o.state), text => explain(&o.explanation_ru, &o.explanation_en),
                    }
                })
                .collect();
            let violations: Vec<_> = status
                .evaluation
                .violations
                .iter()
                .map(|v| minijinja::context! { rule => v.rule_id.as_str(), since => v.since.to_string(), text => explain(&v.explanation_ru, &v.explanation_en) })
                .collect();
            let ctx = minijinja::context! {
                person => profile, summary => summary, status => status.status, next_deadline => status.next_deadline.map(|d| d.to_string()),
                obligations => obligations, violations => violations,
            };
            render(&s, "person.html", &lang, Some(&user), ctx)
        }
        Err(ApiError::Forbidden(domain::access::Denied::LegalBasisRequired)) => render(
            &s,
            "reason.html",
            &lang,
            Some(&user),
            minijinja::context! { person_id => id, error => s.i18n.t(&lang, "error-legal-basis", None) },
        ),
        Err(e @ (ApiError::Forbidden(_) | ApiError::NotFound(_))) => {
            let status = e.status_and_type().0;
            (
                status,
                render(
                    &s,
                    "error.html",
                    &lang,
                    Some(&user),
                    minijinja::context! { message => error_text(&s, &lang, &e) },
                ),
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}
