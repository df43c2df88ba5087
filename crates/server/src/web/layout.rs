//! The staff layout's moving parts: the navigation each role sees, the outcome line shown after a
//! form's redirect, and the CSRF check of staff forms.
//!
//! Navigation is derived from the same role checks the handlers make (`domain::access`), so a
//! link is shown only when the page behind it would answer; a page never relies on a hidden link
//! for its protection.

use domain::access::{Action, Role, authorize};
use serde::{Deserialize, Serialize};

use super::WebUser;
use crate::auth::constant_eq;
use crate::error::ApiError;

/// One entry of the navigation bar: where it goes and the Fluent key of its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NavItem {
    /// The page.
    pub href: &'static str,
    /// Fluent message id of the label.
    pub label: &'static str,
}

const fn item(href: &'static str, label: &'static str) -> NavItem {
    NavItem { href, label }
}

/// The pages a role works with, its landing page first. Each entry is guarded by the action its
/// page authorizes, so the bar and the handlers cannot disagree.
pub fn nav_for(role: Role) -> Vec<NavItem> {
    let may = |a: Action| authorize(role, a).is_ok();
    let mut v = Vec::new();
    match role {
        Role::MigrationOfficer => v.push(item("/officer", "nav-desk")),
        Role::Admin => v.push(item("/admin", "nav-desk")),
        Role::ServicePoint => v.push(item("/centre/point", "nav-point")),
        Role::Analyst => v.push(item("/analyst", "nav-analyst")),
        _ => {}
    }
    if may(Action::SearchPersons) {
        v.push(item("/persons", "nav-persons"));
    }
    if may(Action::ReviewLinks) {
        v.push(item("/officer/review", "nav-review"));
    }
    if may(Action::MergePersons) {
        v.push(item("/officer/merges", "nav-merges"));
    }
    if may(Action::ReviewQuarantine) {
        v.push(item("/officer/quarantine", "nav-quarantine"));
    }
    if role == Role::MigrationOfficer {
        v.push(item("/officer/worklists", "nav-worklists"));
    }
    if may(Action::ManageAccounts) {
        v.push(item("/admin/accounts", "nav-accounts"));
    }
    if may(Action::ManageOrganisations) {
        v.push(item("/admin/orgs", "nav-orgs"));
    }
    if may(Action::VerifyAudit) {
        v.push(item("/admin/audit", "nav-audit"));
        v.push(item("/admin/oversight", "nav-oversight"));
    }
    if may(Action::ViewOutbox) {
        v.push(item("/admin/operations", "nav-operations"));
    }
    v
}

/// Where a role starts after logging in: its work, not a greeting.
pub fn landing_for(role: Role) -> &'static str {
    match role {
        Role::Migrant => "/cabinet",
        other => nav_for(other).first().map_or("/persons", |i| i.href),
    }
}

/// The outcome of a form, carried by the redirect as `?ok=<code>` or `?error=<code>` and shown
/// as the Fluent message `flash-ok-<code>` / `flash-error-<code>`. Only short lower-case codes
/// are accepted, so a crafted link cannot put text of its own on the page.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Outcome {
    /// What was done.
    #[serde(default)]
    pub ok: String,
    /// What went wrong.
    #[serde(default)]
    pub error: String,
}

impl Outcome {
    /// The Fluent keys to show: (success, error).
    pub fn keys(&self) -> (Option<String>, Option<String>) {
        let clean = |s: &str| {
            (!s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '-'))
                .then(|| s.to_string())
        };
        (clean(&self.ok).map(|s| format!("flash-ok-{s}")), clean(&self.error).map(|s| format!("flash-error-{s}")))
    }
}

/// The stable code an error is reported under after a form's redirect.
pub fn error_code(e: &ApiError) -> String {
    match e {
        ApiError::Forbidden(_) => "forbidden".into(),
        ApiError::Csrf => "csrf".into(),
        ApiError::NotFound(_) => "not-found".into(),
        ApiError::Conflict(_) => "conflict".into(),
        ApiError::Invalid(v) => v.0.first().map_or("invalid".into(), |f| f.code.replace('_', "-")),
        ApiError::TooManyRequests(_) => "rate-limited".into(),
        ApiError::Booking(b) => b.code().replace('_', "-"),
        _ => "failed".into(),
    }
}

/// Checks the CSRF field of a staff form against the session's token.
pub fn check_csrf(user: &WebUser, sent: &str) -> Result<(), ApiError> {
    if constant_eq(sent, &user.csrf) { Ok(()) } else { Err(ApiError::Csrf) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_but_the_migrant_has_a_landing_page_in_its_navigation() {
        for role in Role::ALL {
            let nav = nav_for(role);
            if role == Role::Migrant {
                assert!(nav.is_empty(), "a migrant never sees staff navigation");
                assert_eq!(landing_for(role), "/cabinet");
            } else {
                assert!(!nav.is_empty(), "{role:?} has no page");
                assert_eq!(landing_for(role), nav[0].href);
            }
        }
    }

    #[test]
    fn navigation_follows_the_access_rules() {
        let hrefs = |r: Role| nav_for(r).into_iter().map(|i| i.href).collect::<Vec<_>>();
        assert!(!hrefs(Role::Admin).contains(&"/persons"), "the administrator reads no personal data");
        assert!(!hrefs(Role::Analyst).contains(&"/persons"));
        assert!(hrefs(Role::MigrationOfficer).contains(&"/officer/review"));
        assert!(!hrefs(Role::TaxOfficer).contains(&"/officer/review"));
        assert!(!hrefs(Role::LawEnforcement).contains(&"/officer/quarantine"));
        assert!(hrefs(Role::Admin).contains(&"/admin/oversight"));
    }

    #[test]
    fn outcome_codes_cannot_carry_text() {
        let o = Outcome { ok: "saved".into(), error: "<script>".into() };
        assert_eq!(o.keys(), (Some("flash-ok-saved".into()), None));
    }
}
