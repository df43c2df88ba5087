//! What the API and the pages share: each function checks the caller's role, reads or writes
//! through the store with the audit entry, and returns domain values; no HTTP types inside. An
//! API handler and a page that do the same thing call the same function, so their checks and
//! audit entries cannot drift apart.

pub mod accounts;
pub mod merges;
pub mod quarantine;
pub mod review;

use crate::error::{ApiError, ApiResult};

/// A reason typed by an officer for a decision (a merge, a discard, a linkage decision):
/// trimmed, free of control characters, at most `max` characters, and required.
pub fn required_reason(raw: &str, max: usize) -> ApiResult<String> {
    if raw.trim().is_empty() {
        return Err(ApiError::Invalid(domain::error::ValidationErrors::one(
            "reason",
            domain::error::ValueError::new("required", "a reason is required"),
        )));
    }
    domain::validate::text::clean_text(raw.trim(), max)
        .map_err(|e| ApiError::Invalid(domain::error::ValidationErrors::one("reason", e)))
}
