//! HTML error pages for browser navigation.
//!
//! Handlers fail with [`ApiError`](crate::error::ApiError), which renders RFC 9457
//! problem+json: right for the API, a dead end for a person in a browser. This middleware turns a
//! problem answer into an error page in the page's language when the request is a browser's
//! navigation to a page (not `/api/…`, not an htmx fragment, `Accept` naming HTML). The status
//! stays the same; the page says what happened in words and where to go next, and carries the
//! request id so support can find the log line. Internal details never reach the page.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::{lang_of, render, session_user};
use crate::app::AppState;

/// True when the request is a browser asking for a page.
fn wants_html(req: &Request) -> bool {
    let path = req.uri().path();
    if path.starts_with("/api/") || path.starts_with("/static/") || req.headers().contains_key("hx-request") {
        return false;
    }
    req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

/// The problem's type slug (`…/problems/<slug>`), from its JSON body.
fn slug_of(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let kind = v.get("type")?.as_str()?;
    kind.rsplit('/').next().map(str::to_string)
}

/// Replaces problem+json answers to page navigations with an HTML page.
pub async fn html_errors(State(s): State<AppState>, req: Request, next: Next) -> Response {
    if !wants_html(&req) {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let res = next.run(req).await;
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/problem+json"));
    if !is_problem {
        return res;
    }
    let status = res.status();
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let slug = slug_of(&bytes).unwrap_or_else(|| "internal".into());
    let mut page = error_page(&s, &headers, status, &slug).await;
    // Keep what the handler said about the answer (Retry-After, the request id), not its body type.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            page.headers_mut().insert(name.clone(), value.clone());
        }
    }
    page
}

/// Renders the error page for a status and problem slug.
pub async fn error_page(s: &AppState, headers: &HeaderMap, status: StatusCode, slug: &str) -> Response {
    let lang = lang_of(s, headers);
    let user = session_user(s, headers).await;
    let rid = headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
    // Known problem slugs have their own words; anything else falls back to the status's.
    let known = [
        "forbidden",
        "legal-basis-required",
        "legal-basis-unknown",
        "csrf",
        "not-found",
        "conflict",
        "validation",
        "booking",
        "rate-limited",
        "unavailable",
        "internal",
        "unauthenticated",
        "malformed-request",
        "too-large",
    ];
    let key = if known.contains(&slug) { format!("errpage-{slug}") } else { format!("errpage-{}", status.as_u16()) };
    let ctx = minijinja::context! { status => status.as_u16(), message_key => key, request_id => rid };
    let mut page = render(s, "error.html", &lang, user.as_ref(), ctx);
    *page.status_mut() = status;
    page
}
