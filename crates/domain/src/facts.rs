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

/// What a visit's result was, as the service point's desk records it. Each step has its own:
/// the medical examination fit or unfit (115-FZ art. 13.3 p. 2: the certificate of the absence
/// of drug addiction and infectious diseases), fingerprinting done (art. 5.1), the exam passed
/// or failed (art. 15.1), the insurance policy issued with its number and end (art. 13.3 p. 2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ServiceOutcome {
    /// Medical examination: fit.
    Fit,
    /// Medical examination: unfit (the step stays open; the result is in the history).
    Unfit,
    /// Fingerprinting and photograph taken.
    Done,
    /// Exam passed.
    Passed,
    /// Exam failed (the step stays open; the result is in the history).
    Failed,
    /// A document issued at the visit (the health-insurance policy), with its number and end.
    Issued {
        /// The document's number as printed.
        number: String,
        /// Last day of validity.
        valid_until: NaiveDate,
    },
}

impl ServiceOutcome {
    /// Whether the outcome completes the step (fit, done, passed, issued); unfit and failed
    /// do not.
    pub fn completes(&self) -> bool {
        !matches!(self, ServiceOutcome::Unfit | ServiceOutcome::Failed)
    }

    /// The stable code (`fit`, `unfit`, `done`, `passed`, `failed`, `issued`).
    pub fn code(&self) -> &'static str {
        match self {
            ServiceOutcome::Fit => "fit",
            ServiceOutcome::Unfit => "unfit",
            ServiceOutcome::Done => "done",
            ServiceOutcome::Passed => "passed",
            ServiceOutcome::Failed => "failed",
            ServiceOutcome::Issued { .. } => "issued",
        }
    }

    /// Whether this outcome is one the step `kind` can have.
    pub fn fits(&self, kind: ServiceKind) -> bool {
        matches!(
            (kind, self),
            (ServiceKind::Medical, ServiceOutcome::Fit | ServiceOutcome::Unfit)
                | (ServiceKind::Fingerprinting, ServiceOutcome::Done)
                | (ServiceKind::Exam, ServiceOutcome::Passed | ServiceOutcome::Failed)
                | (ServiceKind::Insurance, ServiceOutcome::Issued { .. })
        )
    }
}

/// A service point's recorded result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceResult {
    /// Which step.
    pub kind: ServiceKind,
    /// Day of the result.
    pub on: NaiveDate,
    /// The service point that recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Uuid>,
    /// The outcome the desk recorded; none for results reported by an agency feed or recorded
    /// before outcomes were kept (they complete the step).
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub outcome: Option<ServiceOutcome>,
    /// The identity document the desk checked the person against (its id in the profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_checked: Option<Uuid>,
}

impl ServiceResult {
    /// Whether this result completes its step (see [`ServiceOutcome::completes`]).
    pub fn completes(&self) -> bool {
        self.outcome.as_ref().is_none_or(ServiceOutcome::completes)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_and_old_results_still_read() {
        let on = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let r = ServiceResult {
            kind: ServiceKind::Insurance,
            on,
            org_id: None,
            outcome: Some(ServiceOutcome::Issued { number: "ДМС-77".into(), valid_until: on }),
            identity_checked: Some(Uuid::from_u128(7)),
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["outcome"], "issued");
        assert_eq!(v["number"], "ДМС-77");
        assert_eq!(serde_json::from_value::<ServiceResult>(v).unwrap(), r);
        let old: ServiceResult = serde_json::from_str(r#"{"kind": "medical", "on": "2026-05-04"}"#).unwrap();
        assert_eq!(old.outcome, None);
        assert!(old.completes());
        let unfit: ServiceResult =
            serde_json::from_str(r#"{"kind": "medical", "on": "2026-05-04", "outcome": "unfit"}"#).unwrap();
        assert!(!unfit.completes());
        assert!(ServiceOutcome::Unfit.fits(ServiceKind::Medical) && !ServiceOutcome::Done.fits(ServiceKind::Medical));
    }
}
