//! Login and logout pages. The login form is protected against cross-site submission with a
//! double-submit token (a cookie and a hidden field that must match).

use axum::Router;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use serde::Deserialize;

use super::form_token::FormToken;
use super::{WebUser, lang_of, render};
use crate::app::AppState;
use crate::auth::start_browser_session;
use crate::auth::{SESSION_COOKIE, constant_eq, login};
use crate::error::ApiError;
use crate::extract::ClientIp;

/// The login form's double-submit token.
const LOGIN_FORM: FormToken = FormToken::new("rm_login_csrf", "/login");

/// Login and logout routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(form).post(submit)).route("/logout", post(logout))
}

fn login_page(s: &AppState, headers: &HeaderMap, jar: CookieJar, error: Option<String>) -> Response {
    let (jar, token) = LOGIN_FORM.issue(jar, s.config.secure_cookies);
    let lang = lang_of(s, headers);
    let page = render(s, "login.html", &lang, None, minijinja::context! { login_csrf => token, error => error });
    (jar, page).into_response()
}

async fn form(State(s): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    login_page(&s, &headers, jar, None)
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    login_csrf: String,
}

async fn submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    ip: ClientIp,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Response {
    let lang = lang_of(&s, &headers);
    if !LOGIN_FORM.valid(&jar, &f.login_csrf) {
        let msg = s.i18n.t(&lang, "login-stale", None);
        return login_page(&s, &headers, jar, Some(msg));
    }
    match login(&s, f.username.trim(), &f.password, &ip).await {
        Ok(account) => match start_browser_session(&s, jar, &account).await {
            Ok(jar) => (LOGIN_FORM.clear(jar), Redirect::to("/")).into_response(),
            Err(e) => e.into_response(),
        },
        Err(ApiError::TooManyRequests(secs)) => {
            let msg =
                s.i18n.t(&lang, "login-throttled", Some(&crate::i18n::args_from([("seconds", secs.to_string())])));
            login_page(&s, &headers, jar, Some(msg))
        }
        Err(ApiError::Unauthorized) => {
            let msg = s.i18n.t(&lang, "login-failed", None);
            login_page(&s, &headers, jar, Some(msg))
        }
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

async fn logout(State(s): State<AppState>, user: WebUser, jar: CookieJar, Form(f): Form<LogoutForm>) -> Response {
    if !constant_eq(&f.csrf, &user.csrf) {
        return ApiError::Csrf.into_response();
    }
    if let Some(c) = jar.get(SESSION_COOKIE)
        && let Err(e) = s.store.delete_session(c.value()).await
    {
        return ApiError::from(e).into_response();
    }
    (jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/login")).into_response()
}
