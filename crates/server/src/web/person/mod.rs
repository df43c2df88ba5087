//! The person's pages, for every role that may read a person: the profile (identity, status and
//! its explanation, obligations, the case and bookings, documents, permits, stays, jobs,
//! contacts), the timeline of the history, the golden record with the source of every field, and
//! the access log. Each page is one audited read through `crate::registry`, with the reader's
//! purpose (and, for law enforcement, the legal basis and case number carried from tab to tab).

mod profile;
mod records;

use axum::Router;
use axum::routing::get;
use serde::Deserialize;

use crate::app::AppState;
use crate::registry::ReasonParams;

/// Person page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/persons/{id}", get(profile::page))
        .route("/persons/{id}/history", get(records::history))
        .route("/persons/{id}/golden", get(records::golden))
        .route("/persons/{id}/access", get(records::access))
}

/// Why the page is read, as query parameters carried by every tab's link.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReasonQuery {
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    case_number: String,
    /// Page cursor of the history and the access log.
    #[serde(default)]
    cursor: String,
    /// The outcome of a form that redirected here.
    #[serde(flatten)]
    outcome: crate::web::layout::Outcome,
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl ReasonQuery {
    fn params(&self) -> ReasonParams {
        ReasonParams {
            purpose: opt(&self.purpose),
            legal_basis: opt(&self.legal_basis),
            case_number: opt(&self.case_number),
        }
    }

    /// The query string that carries the reason to the next tab (empty when there is none).
    fn carry(&self) -> String {
        let pairs: Vec<(&str, &str)> =
            [("purpose", &self.purpose), ("legal_basis", &self.legal_basis), ("case_number", &self.case_number)]
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k, v.as_str()))
                .collect();
        if pairs.is_empty() { String::new() } else { serde_urlencoded::to_string(pairs).unwrap_or_default() }
    }
}

/// The tabs a role sees on a person's pages.
fn tabs(role: domain::access::Role) -> Vec<(&'static str, &'static str)> {
    use domain::access::{Action, authorize};
    let mut v = vec![("", "person-tab-profile")];
    if authorize(role, Action::ViewHistory).is_ok() {
        v.push(("history", "person-tab-history"));
        v.push(("golden", "person-tab-golden"));
    }
    if authorize(role, Action::ViewAccessLog).is_ok() && role != domain::access::Role::Admin {
        v.push(("access", "person-tab-access"));
    }
    v
}

/// The common part of a person page's context: id, tabs, the reason to carry.
fn frame(id: uuid::Uuid, role: domain::access::Role, q: &ReasonQuery, current: &str) -> minijinja::Value {
    let tabs: Vec<_> = tabs(role)
        .into_iter()
        .map(|(suffix, label)| minijinja::context! { suffix => suffix, label => label, current => suffix == current })
        .collect();
    minijinja::context! { person_id => id, tabs => tabs, carry => q.carry() }
}
