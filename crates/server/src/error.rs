//! One error type for every handler, rendered as RFC 9457 `application/problem+json`.
//!
//! Client errors name the field and the problem; internal errors log their full cause chain and
//! return a generic body with the request id, so nothing internal leaks to the client.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::access::Denied;
use domain::error::{FieldError, ValidationErrors};
use serde::Serialize;
use store::StoreError;

/// An RFC 9457 problem.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the problem type (stable; documented in docs/API.md).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// Explanation of this occurrence.
    pub detail: String,
    /// Per-field problems for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<FieldError>,
    /// Stable code of a booking refusal (`slot_full`, `step_order` …; the web shows the Fluent
    /// message `centre-error-<code>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read (malformed JSON, wrong types, unknown fields).
    #[error("{0}")]
    BadRequest(String, Vec<FieldError>),
    /// 401: no or invalid credentials.
    #[error("authentication required")]
    Unauthorized,
    /// 403: authenticated but not allowed.
    #[error(transparent)]
    Forbidden(#[from] Denied),
    /// 403: the CSRF token is missing or wrong.
    #[error("the form is stale or was not sent by this site: reload the page and try again")]
    Csrf,
    /// 404.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409.
    #[error("{0}")]
    Conflict(String),
    /// 413.
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// 415.
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    /// 422: well-formed but invalid values.
    #[error(transparent)]
    Invalid(ValidationErrors),
    /// 409 or 422: a booking or queue request refused, with its stable code.
    #[error(transparent)]
    Booking(store::booking::BookingError),
    /// 429.
    #[error("too many attempts; wait {0} seconds")]
    TooManyRequests(u64),
    /// 503: a dependency (database, audit log) is unavailable.
    #[error("the service is temporarily unavailable")]
    Unavailable(String),
    /// 500.
    #[error("internal error")]
    Internal(anyhow::Error),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(w) => ApiError::NotFound(w),
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Invalid(v) => ApiError::Invalid(v),
            StoreError::Booking(b) => ApiError::Booking(b),
            e if e.is_unavailable() => ApiError::Unavailable(e.to_string()),
            e => ApiError::Internal(e.into()),
        }
    }
}

impl From<store::audit::AuditUnavailable> for ApiError {
    fn from(e: store::audit::AuditUnavailable) -> Self {
        ApiError::Unavailable(e.to_string())
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Invalid(e)
    }
}

impl ApiError {
    /// Status code and stable problem type slug.
    pub fn status_and_type(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest(..) => (StatusCode::BAD_REQUEST, "malformed-request"),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            ApiError::Forbidden(Denied::LegalBasisRequired) => (StatusCode::FORBIDDEN, "legal-basis-required"),
            ApiError::Forbidden(Denied::UnknownLegalBasis(_)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "legal-basis-unknown")
            }
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too-large"),
            ApiError::UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
            ApiError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            ApiError::Booking(b) if b.is_conflict() => (StatusCode::CONFLICT, "booking"),
            ApiError::Booking(_) => (StatusCode::UNPROCESSABLE_ENTITY, "booking"),
            ApiError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "rate-limited"),
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    /// The problem body.
    pub fn problem(&self) -> Problem {
        let (status, slug) = self.status_and_type();
        let (detail, errors) = match self {
            ApiError::Invalid(v) => (format!("{} field(s) are invalid", v.0.len()), v.0.clone()),
            ApiError::BadRequest(m, errs) => (m.clone(), errs.clone()),
            ApiError::Internal(_) => ("an internal error occurred; it has been logged".to_string(), vec![]),
            ApiError::Unavailable(_) => {
                ("the service is temporarily unavailable; try again shortly".to_string(), vec![])
            }
            e => (e.to_string(), vec![]),
        };
        let slug = match self {
            ApiError::Booking(b) => b.code(),
            _ => slug,
        };
        Problem {
            kind: format!("https://rosmigration.invalid/problems/{slug}"),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail,
            errors,
            code: match self {
                ApiError::Booking(b) => Some(b.code().to_string()),
                _ => None,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "request.failed"),
            ApiError::Unavailable(e) => tracing::warn!(error = %e, "request.unavailable"),
            _ => {}
        }
        let p = self.problem();
        let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            serde_json::to_string(&p).unwrap_or_default(),
        )
            .into_response();
        if let ApiError::TooManyRequests(s) = self
            && let Ok(v) = s.to_string().parse()
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        resp
    }
}

/// Shorthand.
pub type ApiResult<T> = Result<T, ApiError>;
