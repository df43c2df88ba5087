//! Dated legal facts about a person beyond identity: border crossings, patent payments, notices
//! filed with the interior ministry, results recorded by service points, deliberate check-ins.
//!
//! These are what the legal status engine reads. Each arrives from the agency that knows it
//! (border control, tax service, employer, medical centre...) as a [`Change`](crate::event::Change)
//! with provenance, like every other fact; the migrant's own word never completes a legal step.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Entry into or exit from Russia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Direction {
    /// Entered Russia.
    Entry,
    /// Left Russia.
    Exit,
}

/// The purpose of a visit as stated in the migration card; it decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum VisitPurpose {
    /// Work (patent or EAEU employment).
    Work,
    /// Study.
    Study,
    /// Private visit.
    #[default]
    Private,
    /// Tourism.
    Tourism,
    /// Business.
    Business,
    /// Anything else.
    Other,
}

/// A border crossing as recorded by border control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Crossing {
    /// Day of the crossing.
    pub on: NaiveDate,
    /// Entry or exit.
    pub direction: Direction,
    /// Purpose of the visit (entries).
    #[serde(default)]
    pub purpose: VisitPurpose,
}

/// A monthly fixed advance payment for a patent (Tax Code art. 227.1), as reported by the tax
/// service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatentPayment {
    /// The patent (a permit of kind `patent`).
    pub permit_id: Uuid,
    /// Day of payment.
    pub paid_on: NaiveDate,
    /// Months paid for (1–12).
    pub months: u8,
    /// Amount in roubles, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_rub: Option<u32>,
}

/// What a notice to the interior ministry was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NoticeKind {
    /// Arrival notice for a place of stay (109-FZ art. 20, 22).
    Arrival {
        /// The stay it registered.
        stay_id: Uuid,
    },
    /// Employer's notice of hiring a foreign worker (115-FZ art. 13 p. 8).
    Hire {
        /// The employment.
        employment_id: Uuid,
    },
    /// Employer's notice of terminating a foreign worker's contract (115-FZ art. 13 p. 8).
    Termination {
        /// The employment.
        employment_id: Uuid,
    },
    /// Annual residence confirmation of an RVP or VNZh holder (115-FZ art. 6 p. 9, art. 8 p. 11).
    ResidenceConfirmation {
        /// The permit.
        permit_id: Uuid,
        /// Filed in person (required every fifth year for a VNZh).
        in_person: bool,
    },
    /// An educational organisation's notice of a student's expulsion or completion.
    StudyEnd {
        /// The student permit.
        permit_id: Uuid,
    },
    /// The foreign national's application for a work patent (PAT-2, 115-FZ art. 13.3: within 30
    /// calendar days of entry) or for the re-issue of one they hold (PAT-10: no later than 10
    /// working days before its 12 months run out). The application date, not the issue date, is
    /// what those deadlines are met by, and a pending application is a lawful state of its own.
    PatentApplication {
        /// The patent being re-issued; none for a first application.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reissue_of: Option<Uuid>,
    },
}

/// A notice filed, with the day it was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// What it was about.
    #[serde(flatten)]
    pub kind: NoticeKind,
    /// Day filed.
    pub filed_on: NaiveDate,
}

/// A result that a service point records for a legalisation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ServiceKind {
    /// Fingerprinting and photograph (115-FZ art. 5.1).
    Fingerprinting,
    /// Medical examination.
    Medical,
    /// Russian language, history and law exam.
    Exam,
    /// A voluntary health-insurance (ДМС) policy issued, one of the documents of a patent
    /// application (PAT-4, 115-FZ art. 13.3 p. 2); recorded by the point that sold it.
    Insurance,
}

/// A service point's recorded result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceResult {
    /// Which step.
    pub kind: ServiceKind,
    /// Day of the result.
    pub on: NaiveDate,
    /// The service point that recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Uuid>,
}

/// A check-in the migrant made on purpose in the cabinet ("I live at my declared address").
/// Only the yes/no match and the day are kept, never a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    /// Day of the check-in.
    pub on: NaiveDate,
    /// Whether the shared position matched the declared address.
    pub matched_address: bool,
}

/// A computed legal status, recorded in the history when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// New status: LEGAL, AT_RISK, IN_VIOLATION, IRREGULAR or DEPARTED.
    pub status: String,
    /// Previous status, if any was computed before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Day the evaluation was made for.
    pub on: NaiveDate,
    /// Rule set in force on that day.
    pub rule_set: String,
    /// The rules behind the status (e.g. `["STAY-1", "REG-1"]`).
    pub rules: Vec<String>,
}
