//! Request extractors whose failures are problem+json naming the field and the problem.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use domain::error::FieldError;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Maximum JSON body size accepted by the API.
pub const MAX_BODY: usize = 1024 * 1024;

/// JSON body: the content type must be JSON, the body within [`MAX_BODY`], and every field known.
/// A type error names the path of the offending field.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if !(mime == "application/json" || mime.ends_with("+json")) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(_) => ApiError::TooLarge(MAX_BODY),
            other => ApiError::BadRequest(other.body_text(), vec![]),
        })?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses JSON with the failing path in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() { "json_syntax" } else { "json_type" };
        let message = inner.to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::BadRequest(
            if code == "json_syntax" {
                format!("the body is not valid JSON: {message}")
            } else {
                format!("the body does not match the expected shape: {message}")
            },
            vec![FieldError { field, code, message }],
        )
    })
}

/// Query string parsed with problem+json errors.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(q).map(Query).map_err(|e| {
            ApiError::BadRequest(
                format!("the query string is invalid: {e}"),
                vec![FieldError { field: "query".into(), code: "query", message: e.to_string() }],
            )
        })
    }
}

/// The request id set by the request-id middleware, for audit entries.
pub struct RequestId(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestId(parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string)))
    }
}

impl RequestId {
    /// As a string slice.
    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// Reads an optional header as text (for `Idempotency-Key` and `If-Match`).
pub fn header_text(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
}

/// Path parameters with problem+json errors (e.g. an id that is not a UUID).
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state).await.map(|axum::extract::Path(v)| Path(v)).map_err(
            |e| {
                ApiError::BadRequest(
                    format!("the address is invalid: {}", e.body_text()),
                    vec![FieldError { field: "path".into(), code: "path", message: e.body_text() }],
                )
            },
        )
    }
}
