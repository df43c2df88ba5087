//! Identifiers.

use uuid::Uuid;

/// A new time-ordered id (UUIDv7): sortable by creation, no central sequence, safe for
/// distributed PostgreSQL-compatible engines.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
