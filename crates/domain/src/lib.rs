#![doc = "Pure domain of rosmigration: the registry's types, their validation, the event history and the access policy. No IO, no async, no database."]

pub mod access;
pub mod clock;
pub mod date;
pub mod error;
pub mod event;
pub mod facts;
pub mod golden;
pub mod grounds;
pub mod ids;
pub mod input;
pub mod lang;
pub mod names;
pub mod org;
pub mod person;
pub mod reduced;
#[cfg(feature = "openapi")]
mod schema;
pub mod validate;
