//! Validation errors shared by every layer.
//!
//! A value-level parser returns [`ValueError`] (it does not know where the value came from); the
//! caller that knows the field path turns it into a [`FieldError`] with [`ValueError::at`]. The HTTP
//! layer renders a list of field errors as one RFC 9457 problem, so a client always learns *which*
//! field is wrong and *why*, in one round trip.

use serde::Serialize;

/// A value failed to parse: a stable machine code and a human message (English; the UI translates
/// by `code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ValueError {
    /// Stable, machine-readable reason, e.g. `inn_checksum`, `date_in_future`.
    pub code: &'static str,
    /// Plain explanation that names the problem.
    pub message: String,
}

impl ValueError {
    /// Builds an error from a code and a message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    /// Attaches the field path (JSON-pointer-like dotted path, e.g. `documents[0].number`).
    pub fn at(self, field: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), code: self.code, message: self.message }
    }
}

/// A value at a known field failed to parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// Dotted path of the offending field, e.g. `documents[0].number`.
    pub field: String,
    /// Stable, machine-readable reason.
    pub code: &'static str,
    /// Plain explanation.
    pub message: String,
}

/// Every problem found in one input, so that a form can show all of them at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} invalid field(s): {}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Records the outcome of a field parse and returns the value if it parsed.
    pub fn check<T>(&mut self, field: impl Into<String>, r: Result<T, ValueError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e.at(field));
                None
            }
        }
    }

    /// Adds one error.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// `Ok(())` when nothing was recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// A single-field error set.
    pub fn one(field: impl Into<String>, e: ValueError) -> Self {
        Self(vec![e.at(field)])
    }
}
