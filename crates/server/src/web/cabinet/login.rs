//! Entering the cabinet: phone, then the one-time code from the SMS. Both forms carry a
//! double-submit token (cookie + hidden field). Messages name the problem in the page's
//! language; a malformed phone or code changes nothing (no challenge, no guess spent).

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use domain::validate::contact::Phone;
use serde::Deserialize;
use store::cabinet::{OtpLimits, OtpStart, OtpVerify};
use uuid::Uuid;

use super::{ClientIp, Migrant, page, page_lang};
use crate::app::AppState;
use crate::auth::start_browser_session;
use crate::auth::{SESSION_COOKIE, constant_eq};
use crate::error::ApiError;
use crate::i18n::args_from;
use crate::web::form_token::FormToken;

/// The phone and code steps' double-submit token.
const LOGIN_FORM: FormToken = FormToken::new("rm_cabinet_form", "/cabinet");

/// Login routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cabinet/login", get(phone_form).post(phone_submit))
        .route("/cabinet/code", get(code_form).post(code_submit))
        .route("/cabinet/logout", post(logout))
}

/// Renders a login step with a fresh double-submit token.
fn step(s: &AppState, headers: &HeaderMap, jar: CookieJar, name: &str, ctx: minijinja::Value) -> Response {
    let (jar, token) = LOGIN_FORM.issue(jar, s.config.secure_cookies);
    let lang = page_lang(s, headers);
    let ctx = minijinja::context! { ..ctx, ..minijinja::context! { form_token => token } };
    (jar, page(s, name, &lang, None, "login", ctx)).into_response()
}

/// The message for a domain error code (`cab-err-phone_format` …), in the page's language.
pub fn error_text(s: &AppState, lang: &str, code: &str) -> String {
    let key = format!("cab-err-{code}");
    match s.i18n.t(lang, &key, None) {
        // No cabinet wording: the shared message of the code (errors.ftl), then a generic one.
        t if t == key => {
            let generic = s.i18n.t(lang, "cab-err-invalid", None);
            crate::i18n::errors::code_message(&s.i18n, lang, code, &generic)
        }
        t => t,
    }
}

async fn phone_form(State(s): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    step(&s, &headers, jar, "cabinet/login.html", minijinja::context! {})
}

#[derive(Deserialize)]
struct PhoneForm {
    phone: String,
    form_token: String,
}

async fn phone_submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    ip: ClientIp,
    Form(f): Form<PhoneForm>,
) -> Response {
    let lang = page_lang(&s, &headers);
    let again = |jar, error: String| {
        step(&s, &headers, jar, "cabinet/login.html", minijinja::context! { error => error, phone => f.phone.clone() })
    };
    if !LOGIN_FORM.valid(&jar, &f.form_token) {
        return again(jar, error_text(&s, &lang, "form_stale"));
    }
    let phone = match Phone::parse(&f.phone) {
        Ok(p) => p,
        Err(e) => return again(jar, error_text(&s, &lang, e.code)),
    };
    let l = lang.parse().unwrap_or(domain::lang::Lang::Ru);
    match s.store.start_otp(&phone, &ip.0, l, &OtpLimits::default()).await {
        Ok(OtpStart::Started { challenge_id, .. }) => {
            // The code is committed to the outbox: send it now, not at the next poll.
            s.notifier.wake();
            Redirect::to(&format!("/cabinet/code?c={challenge_id}")).into_response()
        }
        Ok(OtpStart::Throttled(secs)) => {
            let minutes = secs.div_ceil(60).to_string();
            again(jar, s.i18n.t(&lang, "cab-err-otp_throttled", Some(&args_from([("minutes", minutes)]))))
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
struct CodeQuery {
    c: Option<String>,
}

async fn code_form(
    State(s): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(q): Query<CodeQuery>,
) -> Response {
    match q.c.as_deref().and_then(|c| c.parse::<Uuid>().ok()) {
        Some(c) => step(&s, &headers, jar, "cabinet/code.html", minijinja::context! { challenge => c.to_string() }),
        None => Redirect::to("/cabinet/login").into_response(),
    }
}

#[derive(Deserialize)]
struct CodeForm {
    challenge: String,
    code: String,
    form_token: String,
}

async fn code_submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(f): Form<CodeForm>,
) -> Response {
    let lang = page_lang(&s, &headers);
    let Ok(challenge) = f.challenge.parse::<Uuid>() else {
        return Redirect::to("/cabinet/login").into_response();
    };
    let again = |jar, error: String, restart: bool| {
        let ctx = minijinja::context! { challenge => challenge.to_string(), error => error, restart => restart };
        step(&s, &headers, jar, "cabinet/code.html", ctx)
    };
    if !LOGIN_FORM.valid(&jar, &f.form_token) {
        return again(jar, error_text(&s, &lang, "form_stale"), false);
    }
    let code: String = f.code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return again(jar, error_text(&s, &lang, "otp_format"), false);
    }
    match s.store.verify_otp(challenge, &code, &OtpLimits::default()).await {
        Ok(OtpVerify::LoggedIn(account)) => {
            let mut jar = match start_browser_session(&s, LOGIN_FORM.clear(jar), &account).await {
                Ok(jar) => jar,
                Err(e) => return e.into_response(),
            };
            // The language chosen earlier in the cabinet follows the person to a new device.
            if let Some(pid) = account.person_id
                && let Ok(Some(l)) = s.store.person_lang(pid).await
            {
                jar = jar.add(
                    Cookie::parse(format!(
                        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                        super::super::LANG_COOKIE,
                        l.code()
                    ))
                    .expect("well-formed cookie"),
                );
            }
            (jar, Redirect::to("/cabinet")).into_response()
        }
        Ok(OtpVerify::WrongCode(left)) => {
            let msg = s.i18n.t(&lang, "cab-err-otp_wrong", Some(&args_from([("left", left.to_string())])));
            again(jar, msg, left == 0)
        }
        Ok(OtpVerify::Expired) => again(jar, error_text(&s, &lang, "otp_expired"), true),
        Ok(OtpVerify::Exhausted) => again(jar, error_text(&s, &lang, "otp_exhausted"), true),
        Ok(OtpVerify::Unknown) => again(jar, error_text(&s, &lang, "otp_unknown"), true),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    csrf: String,
}

async fn logout(State(s): State<AppState>, m: Migrant, jar: CookieJar, Form(f): Form<LogoutForm>) -> Response {
    if !constant_eq(&f.csrf, &m.user.csrf) {
        return ApiError::Csrf.into_response();
    }
    if let Some(c) = jar.get(SESSION_COOKIE)
        && let Err(e) = s.store.delete_session(c.value()).await
    {
        return ApiError::from(e).into_response();
    }
    (jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/cabinet/login")).into_response()
}
