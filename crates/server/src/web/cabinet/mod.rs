//! The personal cabinet of a migrant (issue 5, part 4) and the public share-code checker (part
//! 5): mobile-first pages under `/cabinet` and `/check`, server-rendered, working without
//! JavaScript. Entry is by phone and a one-time code (the `login` module); a cabinet session is an
//! ordinary session of the person's migrant account, so CSRF rules are those of the rest of the
//! web. Every page that shows personal data records the read in the audit log.

mod login;
mod pages;
mod share;

pub use share::{CheckFields, check_fields};

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use minijinja::Value;
use uuid::Uuid;

use super::{WebUser, render};
use crate::app::AppState;
use crate::auth::SESSION_COOKIE;
use crate::error::ApiError;

/// Cabinet and checker routes.
pub fn router() -> Router<AppState> {
    Router::new().merge(login::router()).merge(pages::router()).merge(share::router())
}

/// The client's IP for the rate limits (only a keyed digest is ever stored); moved to
/// [`crate::extract::ClientIp`], which trusts forwarded headers only from configured proxies.
pub use crate::extract::ClientIp;

/// A logged-in migrant: a live session of a migrant account linked to a person. Anyone else is
/// sent to the cabinet's login page.
pub struct Migrant {
    /// The session's user.
    pub user: WebUser,
    /// The person.
    pub person_id: Uuid,
}

impl FromRequestParts<AppState> for Migrant {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let to_login = || Redirect::to("/cabinet/login").into_response();
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()).ok_or_else(to_login)?;
        match s.store.session(&token).await {
            Ok(Some((account, csrf))) => match (account.role, account.person_id) {
                (domain::access::Role::Migrant, Some(person_id)) => {
                    Ok(Migrant { user: WebUser { account, csrf }, person_id })
                }
                _ => Err(to_login()),
            },
            Ok(None) => Err(to_login()),
            Err(e) => Err(ApiError::from(e).into_response()),
        }
    }
}

/// The page language: the cookie (set by the switcher), then `Accept-Language`, then Russian.
pub fn page_lang(s: &AppState, headers: &HeaderMap) -> String {
    super::lang_of(s, headers)
}

/// Renders a cabinet page with the common context and the active menu item.
pub fn page(s: &AppState, name: &str, lang: &str, user: Option<&WebUser>, active: &str, ctx: Value) -> Response {
    let langs: Vec<Value> = domain::lang::Lang::ALL
        .iter()
        .map(|l| minijinja::context! { code => l.code(), name => l.native_name() })
        .collect();
    render(
        s,
        name,
        lang,
        user,
        minijinja::context! { ..ctx, ..minijinja::context! { active => active, cab_langs => langs } },
    )
}

/// A moment as the region's clock shows it (`domain::clock`), for lists of
/// events and bookings.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&domain::clock::region_offset()).format("%d.%m.%Y %H:%M").to_string()
}
