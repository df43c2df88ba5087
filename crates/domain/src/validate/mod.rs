//! Parsers for every externally supplied value ("parse, don't validate").
//!
//! Each parser takes raw input and returns either a normalised, typed value or a [`ValueError`]
//! naming the problem. The registry stores only values that went through these parsers.
//!
//! [`ValueError`]: crate::error::ValueError

pub mod contact;
pub mod country;
pub mod document;
pub mod inn;
pub mod ogrn;
pub mod text;
