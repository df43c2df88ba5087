//! The legal status engine of rosmigration: a person's obligations, deadlines, violations and
//! status computed from Russian migration law. Pure: no IO, no async, no database.
//!
//! ```
//! use chrono::NaiveDate;
//! use rosmigration_rules::{Config, Crossing, Direction, Engine, Facts, Purpose, Citizenship, Status};
//!
//! let engine = Engine::new(Config::default()).expect("embedded data is valid");
//! let mut facts = Facts::new(Citizenship::UZB);
//! facts.crossings.push(Crossing {
//!     date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
//!     direction: Direction::Entry,
//!     purpose: Purpose::Private,
//! });
//! let eval = engine.evaluate(&facts, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
//! // Uzbek citizens must be registered within 15 days of entry (REG-3): due 17.03.2026.
//! assert_eq!(eval.status, Status::AtRisk);
//! ```
//!
//! Every rule of `shared/domain/ru-migration-rules.md` is listed in [`RuleId`] with its legal
//! source; docs/RULES.md explains each rule, the readings adopted for the uncertainties and how
//! to update the data files (`data/calendar.toml`, `data/patent_tariffs.toml`,
//! `data/rule_sets.toml`).

pub mod calendar;
pub mod catalogue;
pub mod config;
mod dates;
mod engine;
pub mod error;
pub mod facts;
pub mod legal;
pub mod message;
pub mod output;
pub mod profile;
pub mod ruleset;
pub mod synthetic;
pub mod tariff;

pub use calendar::Calendar;
pub use catalogue::{RuleId, RuleUse};
pub use config::{Config, NonWorkingDeadline, Readings, Reg10Config};
pub use engine::Engine;
pub use error::DataError;
pub use facts::{
    AnnualNotice, Biometrics, CheckIn, Citizenship, Crossing, Direction, DocumentKind, Employment, Facts, Filer,
    IdentityDocument, Patent, Payment, PermitKind, Purpose, Region, Registration, ResidencePermit, Study,
    StudyEndReason, StudyForm, WorkPermit,
};
pub use output::{
    DataWarning, EntryBan, Evaluation, FactKind, FactRef, Obligation, ObligationKind, ObligationState, OfficerTask,
    Party, Status, StayBasis, StaySummary, TaskKind, Violation, ViolationKind,
};
pub use ruleset::{RuleSet, StayLimit};
pub use tariff::{Tariff, Tariffs};
