//! Agency feeds in: what a row of an agency's file says, in one typed form.
//!
//! Every agency (interior ministry, tax service, medical and exam centres, employers,
//! universities) sends its own columns, spellings and formats. This crate turns each row into an
//! [`IntakeRecord`]: *who* it is about ([`Subject`], as the agency wrote it, validated) and *what*
//! it says ([`Fact`]). Deciding which registry person the subject is (linkage) and turning the
//! fact into history events happens later, in the store, so that a record can wait in review
//! without being lost.
//!
//! Pure: no database, no files opened here beyond what a caller hands in. Errors callers branch
//! on are `thiserror` enums ([`MappingError`], [`ReadError`], [`RowError`]).

pub mod convert;
pub mod mapping;
pub mod reader;
pub mod record;
pub mod shipped;
pub mod synth;

pub use convert::{Mapper, RowError};
pub use mapping::{Format, Mapping, MappingError};
pub use reader::{Position, RawRow, ReadError};
pub use record::{DocumentRef, Fact, IntakeRecord, Subject};
