//! Server-rendered pages (minijinja templates + htmx, no front-end build step).
//!
//! The layout and the migration officer's pages live here; later workstations add a module and
//! templates that extend `layout.html`. Every page is rendered in the user's language (cookie,
//! then `Accept-Language`, then Russian). Forms that write carry the session's CSRF token.

pub mod admin;
pub mod cabinet;
mod centre;
pub mod errors;
mod form_token;
pub mod layout;
mod login;
pub mod officer;
mod person;
mod persons;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Path as UrlPath, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use minijinja::value::Kwargs;
use minijinja::{Environment, State as TplState, Value};
use store::accounts::Account;

use crate::app::AppState;
use crate::auth::SESSION_COOKIE;
use crate::error::ApiError;
use crate::i18n::{I18n, args_from};

/// Cookie holding the chosen language.
pub const LANG_COOKIE: &str = "rm_lang";

/// Builds the template environment: templates from `dir`, auto-escaping HTML, and a `t`
/// function that translates with the page's `lang`.
pub fn templates(dir: &Path, i18n: Arc<I18n>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_loader(minijinja::path_loader(dir));
    crate::i18n::dates::register_filters(&mut env);
    env.add_function("t", move |state: &TplState, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
        let lang = state
            .lookup("lang")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| crate::i18n::DEFAULT_LANG.into());
        let mut pairs = Vec::new();
        for k in kwargs.args() {
            let v: Value = kwargs.get(k)?;
            pairs.push((k, v.to_string()));
        }
        let args = (!pairs.is_empty()).then(|| args_from(pairs));
        Ok(i18n.t(&lang, key, args.as_ref()))
    });
    env.add_function("legal_grounds", || Value::from_serialize(&*domain::grounds::legal_grounds()));
    env
}

/// All page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/analyst", get(analyst))
        .route("/lang/{code}", get(set_lang))
        .merge(login::router())
        .merge(persons::router())
        .merge(person::router())
        .merge(cabinet::router())
        .merge(centre::router())
        .merge(officer::router())
        .merge(admin::router())
}

/// The language of this request.
pub fn lang_of(s: &AppState, headers: &HeaderMap) -> String {
    let jar = CookieJar::from_headers(headers);
    s.i18n.negotiate(
        jar.get(LANG_COOKIE).map(|c| c.value()),
        headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    )
}

/// [`render`] with the outcome line of a form's redirect (`?ok=` / `?error=`).
pub fn render_with(
    s: &AppState,
    name: &str,
    lang: &str,
    user: &WebUser,
    outcome: &layout::Outcome,
    ctx: Value,
) -> Response {
    let (ok, error) = outcome.keys();
    // A code with no words of its own on the staff pages is said with the shared error message
    // of that validation code (`error-<code>`), else as "check the form".
    let has = |k: &str| s.i18n.missing(crate::i18n::DEFAULT_LANG, &[k]).is_empty();
    let error = error.map(|k| {
        let shared = format!("error-{}", k.trim_start_matches("flash-error-").replace('-', "_"));
        if has(&k) {
            k
        } else if has(&shared) {
            shared
        } else {
            "flash-error-invalid".into()
        }
    });
    render(s, name, lang, Some(user), minijinja::context! { flash_ok => ok, flash_error => error, ..ctx })
}

/// Renders a template with the common context (language, languages, user, navigation, CSRF
/// token). Every response of a page is marked `no-store`: staff pages carry personal data.
pub fn render(s: &AppState, name: &str, lang: &str, user: Option<&WebUser>, ctx: Value) -> Response {
    let base = minijinja::context! {
        lang => lang,
        languages => s.i18n.languages(),
        user => user.map(|u| minijinja::context! { name => u.account.display_name.clone(), role => u.account.role.code() }),
        nav => user.map(|u| layout::nav_for(u.account.role)).unwrap_or_default(),
        csrf => user.map(|u| u.csrf.clone()),
    };
    let merged = minijinja::context! { ..ctx, ..base };
    match s.templates.get_template(name).and_then(|t| t.render(merged)) {
        Ok(html) => ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(e) => ApiError::Internal(anyhow::anyhow!("rendering {name}: {e:#}")).into_response(),
    }
}

/// The user of a live session, if the request carries one (error pages show the navigation).
pub async fn session_user(s: &AppState, headers: &HeaderMap) -> Option<WebUser> {
    let jar = CookieJar::from_headers(headers);
    let token = jar.get(SESSION_COOKIE)?.value().to_string();
    match s.store.session(&token).await {
        Ok(Some((account, csrf))) => Some(WebUser { account, csrf }),
        _ => None,
    }
}

/// A logged-in web user: redirects to the login page when there is no live session.
pub struct WebUser {
    /// The account.
    pub account: Account,
    /// The session's CSRF token.
    pub csrf: String,
}

impl FromRequestParts<AppState> for WebUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
            return Err(Redirect::to("/login").into_response());
        };
        match s.store.session(&token).await {
            Ok(Some((account, csrf))) => Ok(WebUser { account, csrf }),
            Ok(None) => Err(Redirect::to("/login").into_response()),
            Err(e) => Err(ApiError::from(e).into_response()),
        }
    }
}

/// The front page: the three ways in for a visitor; a logged-in user goes to their work.
async fn home(s: State<AppState>, headers: HeaderMap, user: Result<WebUser, Response>) -> Response {
    match user {
        Ok(user) => Redirect::to(layout::landing_for(user.account.role)).into_response(),
        Err(_) => render(&s, "home.html", &lang_of(&s, &headers), None, minijinja::context! {}),
    }
}

/// The analyst's page: the registry's aggregates (no person is ever shown). The fuller analytics
/// workstation is issue 13's; this page gives the role its counts today.
async fn analyst(State(s): State<AppState>, headers: HeaderMap, user: WebUser) -> Response {
    if let Err(e) = domain::access::authorize(user.account.role, domain::access::Action::ViewAggregates) {
        return ApiError::from(e).into_response();
    }
    let lang = lang_of(&s, &headers);
    match s.store.overview().await {
        Ok(o) => render(&s, "analyst.html", &lang, Some(&user), minijinja::context! { overview => o }),
        Err(e) => ApiError::from(e).into_response(),
    }
}

async fn set_lang(
    State(s): State<AppState>,
    UrlPath(code): UrlPath<String>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    if !s.i18n.languages().contains(&code) {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    }
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.find("://").map(|i| &r[i + 3..]))
        .and_then(|r| r.find('/').map(|i| r[i..].to_string()))
        .filter(|p| !p.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    // One year; the code was checked against the known languages, so it is safe in a cookie.
    let cookie = Cookie::parse(format!("{LANG_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax"))
        .expect("well-formed cookie");
    (jar.add(cookie), Redirect::to(&back)).into_response()
}
