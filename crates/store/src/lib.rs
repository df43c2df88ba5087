#![doc = "Persistence for SQLite and PostgreSQL: migrations, repositories, encryption at rest and the tamper-evident audit log."]
//!
//! Error handling: repository functions return [`StoreError`], a `thiserror` enum the HTTP layer
//! maps to status codes; setup code (connecting, migrating) returns `anyhow` with context.

pub mod accounts;
pub mod audit;
pub mod booking;
pub mod cabinet;
pub mod crypto;
pub mod db;
pub mod desk;
pub mod error;
pub mod import;
pub mod intake;
pub mod merge;
pub mod orgs;
pub mod outbox;
pub mod persons;
pub mod relink;
pub mod reminders;
pub mod resolve;
pub mod search;
pub mod share;
pub mod stats;
pub mod status;
#[cfg(feature = "test-support")]
pub mod testing;

use std::sync::Arc;

pub use audit::{AuditEntry, AuditWriter};
pub use crypto::Sealer;
pub use db::{Backend, Db, Tx};
pub use error::{Result, StoreError};

/// The registry's storage: a database and the key that seals personal data.
///
/// Cheap to clone (pools and keys are shared).
#[derive(Clone, Debug)]
pub struct Store {
    /// The database.
    pub db: Db,
    sealer: Arc<Sealer>,
    rules: Arc<rules::Engine>,
    linker: Arc<linkage::link::Scorer>,
    /// The SQLite booking writer (group commit), started on the first booking.
    booker: booking::batch::WriterSlot,
}

impl Store {
    /// Wraps a connected database and a data key, with the legal status engine in its default
    /// configuration (Tatarstan, 7-day at-risk window).
    pub fn new(db: Db, sealer: Sealer) -> Self {
        let rules = rules::Engine::new(rules::Config::default()).expect("the embedded rule data is valid (tested)");
        Self {
            db,
            sealer: Arc::new(sealer),
            rules: Arc::new(rules),
            linker: resolve::default_scorer(),
            booker: Default::default(),
        }
    }

    /// Replaces the status engine (a deployment's own region and readings).
    pub fn with_rules(mut self, engine: rules::Engine) -> Self {
        self.rules = Arc::new(engine);
        self
    }

    /// The status engine.
    pub fn rules(&self) -> &rules::Engine {
        &self.rules
    }

    /// The data key holder.
    pub fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    /// Starts the group-commit audit writer for this store.
    pub fn audit_writer(&self) -> AuditWriter {
        AuditWriter::start(self.db.clone(), (*self.sealer).clone())
    }

    /// Verifies the audit chain.
    pub async fn verify_audit(&self) -> Result<audit::VerifyReport> {
        audit::verify(&self.db, &self.sealer).await
    }
}

/// A page of results with the cursor for the next page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
