//! Errors of engine construction. Evaluation itself cannot fail: missing or out-of-range data
//! becomes a [`DataWarning`](crate::DataWarning) in the evaluation instead.

use thiserror::Error;

/// A data file or configuration that cannot be used. Returned by [`Engine::new`](crate::Engine::new)
/// so that a deployment with a broken calendar or tariff table fails at start-up, not at 3 a.m.
#[derive(Debug, Error)]
pub enum DataError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("{file}: cannot parse: {msg}")]
    Parse {
        /// Which embedded or supplied file.
        file: &'static str,
        /// The parser's message.
        msg: String,
    },
    /// The file parses but its content is inconsistent (overlapping periods, wrong totals …).
    #[error("{file}: {msg}")]
    Invalid {
        /// Which embedded or supplied file.
        file: &'static str,
        /// What is wrong.
        msg: String,
    },
}

impl DataError {
    pub(crate) fn parse(file: &'static str, e: impl std::fmt::Display) -> Self {
        Self::Parse { file, msg: e.to_string() }
    }
}
