//! The migration officer's person search and profile pages.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use store::search::{PersonListItem, Script};

use super::{WebUser, lang_of, render};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Query, RequestId};
use crate::registry::{self, ReasonParams, SearchParams};

/// Person page routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/persons", get(search))
}

/// The search form: every criterion, the reason for the search and the page cursor. The
/// next-page link carries all of them back (see [`next_page_url`]).
#[derive(Debug, Default, Deserialize, Serialize)]
struct SearchForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    birth_year: String,
    #[serde(default)]
    citizenship: String,
    #[serde(default)]
    document_number: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    inn: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    deadline_from: String,
    #[serde(default)]
    deadline_to: String,
    #[serde(default)]
    task_due_to: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    case_number: String,
    #[serde(default)]
    cursor: String,
}

impl SearchForm {
    /// True when any criterion was typed (a cursor or a reason alone is not a search).
    fn has_criteria(&self) -> bool {
        [
            &self.name,
            &self.birth_date,
            &self.birth_year,
            &self.citizenship,
            &self.document_number,
            &self.phone,
            &self.inn,
            &self.status,
            &self.deadline_from,
            &self.deadline_to,
            &self.task_due_to,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

fn reason_of(f: &SearchForm) -> ReasonParams {
    ReasonParams { purpose: opt(&f.purpose), legal_basis: opt(&f.legal_basis), case_number: opt(&f.case_number) }
}

/// The link to the next page: the same form with the cursor replaced, so every criterion and
/// the legal basis and case number travel with it.
fn next_page_url(f: &SearchForm, cursor: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = [
        ("name", &f.name),
        ("birth_date", &f.birth_date),
        ("birth_year", &f.birth_year),
        ("citizenship", &f.citizenship),
        ("document_number", &f.document_number),
        ("phone", &f.phone),
        ("inn", &f.inn),
        ("status", &f.status),
        ("deadline_from", &f.deadline_from),
        ("deadline_to", &f.deadline_to),
        ("task_due_to", &f.task_due_to),
        ("purpose", &f.purpose),
        ("legal_basis", &f.legal_basis),
        ("case_number", &f.case_number),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (k, v.as_str()))
    .collect();
    pairs.push(("cursor", cursor));
    format!("/persons?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

/// The query string that opens a person from the results with the same reason.
fn reason_query(f: &SearchForm) -> String {
    let pairs: Vec<(&str, &str)> =
        [("purpose", &f.purpose), ("legal_basis", &f.legal_basis), ("case_number", &f.case_number)]
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k, v.as_str()))
            .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
    }
}

fn error_text(s: &AppState, lang: &str, e: &ApiError) -> String {
    match e {
        // Each problem in the page's language when there is a text for its code.
        ApiError::Invalid(v) => {
            v.0.iter()
                .map(|f| {
                    let key = format!("search-error-{}", f.code.replace('_', "-"));
                    let text = s.i18n.t(lang, &key, None);
                    if text == key { format!("{}: {}", f.field, f.message) } else { text }
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        ApiError::Forbidden(domain::access::Denied::LegalBasisRequired) => s.i18n.t(lang, "error-legal-basis", None),
        ApiError::Forbidden(d) => format!("{} ({d})", s.i18n.t(lang, "error-forbidden", None)),
        other => other.to_string(),
    }
}

/// `GET /persons`: the search form and a page of compact results (name in the reader's
/// script, birth date, citizenship, status, next deadline). Bad input, a meaningless name or a
/// cursor of another search is a message on the page, never an error page.
async fn search(
    State(s): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
    rid: RequestId,
    Query(f): Query<SearchForm>,
) -> Response {
    let lang = lang_of(&s, &headers);
    let p = user.account.principal();
    // A role that may not search gets the 403 page, not an empty search form.
    if let Err(e) = domain::access::authorize(p.role, domain::access::Action::SearchPersons) {
        return ApiError::from(e).into_response();
    }
    let submitted = f.has_criteria();
    let lists_own = matches!(p.role, domain::access::Role::Employer | domain::access::Role::University);
    let mut similar = false;
    let (results, next, error) = if submitted || lists_own {
        let birth_year = match opt(&f.birth_year).map(|y| y.parse::<i32>()) {
            Some(Ok(y)) => Some(y),
            Some(Err(_)) => {
                return render(
                    &s,
                    "persons.html",
                    &lang,
                    Some(&user),
                    minijinja::context! { form => form_ctx(&f), error => s.i18n.t(&lang, "error-birth-year", None), results => Vec::<PersonListItem>::new(), submitted => true },
                );
            }
            None => None,
        };
        let params = SearchParams {
            name: opt(&f.name),
            birth_date: opt(&f.birth_date),
            birth_year,
            citizenship: opt(&f.citizenship),
            document_number: opt(&f.document_number),
            phone: opt(&f.phone),
            inn: opt(&f.inn),
            status: opt(&f.status),
            deadline_from: opt(&f.deadline_from),
            deadline_to: opt(&f.deadline_to),
            task_due_to: opt(&f.task_due_to),
        };
        let cursor = opt(&f.cursor);
        let script = Script::for_lang(&lang);
        match registry::search(&s, &p, &params, &reason_of(&f), cursor.as_deref(), 50, script, rid.as_deref()).await {
            Ok(page) => {
                similar = page.similar;
                (page.items, page.next_cursor.map(|c| next_page_url(&f, &c)), None)
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
    let ctx = minijinja::context! {
        form => form_ctx(&f), results => results, next_url => next, error => error,
        submitted => submitted || lists_own, similar => similar, reason_query => reason_query(&f),
    };
    render(&s, if partial { "persons_results.html" } else { "persons.html" }, &lang, Some(&user), ctx)
}

fn form_ctx(f: &SearchForm) -> minijinja::Value {
    minijinja::Value::from_serialize(f)
}
