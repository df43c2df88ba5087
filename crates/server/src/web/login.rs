//! Login and logout pages. The login form is protected against cross-site submission with a
//! double-submit token (a cookie and a hidden field that must match).

use axum::Router;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::Utc;
use serde::Deserialize;

use super::{WebUser, lang_of, render};
use crate::app::AppState;
use crate::auth::{SESSION_COOKIE, constant_eq, login, new_secret};
use crate::error::ApiError;

const LOGIN_CSRF_COOKIE: &str = "rm_login_csrf";

/// Login and logout routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(form).post(submit)).route("/logout", post(logout))
}

fn login_page(s: &AppState, headers: &HeaderMap, jar: CookieJar, error: Option<String>) -> Response {
    let token = new_secret();
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, token.clone()))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(s.config.secure_cookies)
        .build();
    let lang = lang_of(s, headers);
    let page = render(s, "login.html", &lang, None, minijinja::context! { login_csrf => token, error => error });
    (jar.add(cookie), page).into_response()
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

async fn submit(State(s): State<AppState>, headers: HeaderMap, jar: CookieJar, Form(f): Form<LoginForm>) -> Response {
    let expected = jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    let lang = lang_of(&s, &headers);
    if expected.is_empty() || !constant_eq(&expected, &f.login_csrf) {
        let msg = s.i18n.t(&lang, "login-stale", None);
        return login_page(&s, &headers, jar, Some(msg));
    }
    match login(&s, f.username.trim(), &f.password).await {
        Ok(account) => {
            let token = new_secret();
            let csrf = new_secret();
            let expires = Utc::now() + s.config.session_ttl;
            if let Err(e) = s.store.create_session(&token, account.id, &csrf, expires).await {
                return ApiError::from(e).into_response();
            }
            let cookie = Cookie::build((SESSION_COOKIE, token))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(s.config.secure_cookies)
                .build();
            (jar.add(cookie).remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/login")), Redirect::to("/")).into_response()
        }
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
