//! Errors of the persistence layer. Callers branch on the variant (404, 409, 422, 500), so this
//! is a `thiserror` enum; the HTTP layer maps it to problem responses.

use domain::error::ValidationErrors;

/// What went wrong in a repository call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The addressed record does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A concurrent change won, or a unique value is taken.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The change does not fit the stored data (e.g. an unknown employer id).
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// Sealed data could not be opened (wrong key or tampering).
    #[error(transparent)]
    Crypto(#[from] crate::crypto::OpenError),
    /// Stored data could not be decoded.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A booking or queue request refused by the rules of booking (a full, closed or past slot,
    /// steps out of order …): a stable code for the client, nothing changed.
    #[error(transparent)]
    Booking(#[from] crate::booking::BookingError),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// True when the database is unreachable rather than the request being wrong (→ 503).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)))
    }
}

/// Maps unique-constraint violations to a conflict with a readable message.
pub(crate) fn on_unique(e: sqlx::Error, what: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(what.to_string()),
        _ => StoreError::Database(e),
    }
}

/// Shorthand result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
