//! The output of the engine: status, obligations, violations, officer tasks and the entry ban,
//! each with its rule, legal source, the facts used, the numbers its explanation needs (so any
//! language can render it from a message id and arguments, see [`crate::message`]) and a plain
//! explanation in Russian and English.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::RuleId;

/// A person's legal status on the evaluation date.
///
/// Ordered by severity for comparisons: `Legal < AtRisk < InViolation < Irregular`; `Departed`
/// sorts last but is not "worse": it means the person is outside Russia.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Lawfully present, nothing due within the at-risk window.
    Legal,
    /// Lawfully present, but a deadline falls within the window (or a third party is late).
    AtRisk,
    /// Lawfully present, but the person has an unremedied violation (missed deadline, work
    /// without a permit …).
    InViolation,
    /// The stay is no longer lawful: a candidate for the register of controlled persons (RKL-2).
    Irregular,
    /// Outside Russia on the evaluation date.
    Departed,
}

impl Status {
    /// The serialised form ("AT_RISK"), for storage and queries.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Legal => "LEGAL",
            Status::AtRisk => "AT_RISK",
            Status::InViolation => "IN_VIOLATION",
            Status::Irregular => "IRREGULAR",
            Status::Departed => "DEPARTED",
        }
    }
}

/// Who must act, or who is liable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Party {
    /// The foreign national.
    Foreigner,
    /// The host party (принимающая сторона, REG-6).
    HostParty,
    /// The employer or customer (PAT-18).
    Employer,
    /// The educational institution (STU-2, STU-3).
    Institution,
    /// The interior ministry (PAT-8 issuing term).
    Mvd,
}

/// Which collection of [`Facts`](crate::Facts) a [`FactRef`] points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// `citizenship`.
    Citizenship,
    /// `crossings[index]`.
    Crossing,
    /// `registrations[index]`.
    Registration,
    /// `patents[index]`.
    Patent,
    /// `patents[index].payments[sub]`.
    Payment,
    /// `work_permits[index]`.
    WorkPermit,
    /// `residence_permits[index]`.
    ResidencePermit,
    /// `residence_permits[index].notices[sub]`.
    AnnualNotice,
    /// `employments[index]`.
    Employment,
    /// `studies[index]`.
    Study,
    /// `biometrics.fingerprinted_on`.
    Fingerprinting,
    /// `biometrics.medical_exams[index]`.
    MedicalExam,
    /// `check_ins[index]`.
    CheckIn,
    /// `documents[index]`.
    Document,
}

/// A reference to one fact used by a rule: the collection and the position in the input vectors
/// (as given to the engine, whatever order they were in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FactRef {
    /// Collection.
    pub kind: FactKind,
    /// Position in the collection.
    pub index: u16,
    /// Position in a nested collection (payments, notices), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<u16>,
}

impl FactRef {
    pub(crate) const fn new(kind: FactKind, index: usize) -> Self {
        Self { kind, index: index as u16, sub: None }
    }
    pub(crate) const fn nested(kind: FactKind, index: usize, sub: usize) -> Self {
        Self { kind, index: index as u16, sub: Some(sub as u16) }
    }
}

/// What an obligation asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ObligationKind {
    /// File the arrival notice for the stay (REG-1 … REG-5).
    RegisterStay,
    /// File a new arrival notice after moving (REG-9).
    RegisterNewAddress,
    /// Extend the registration before its term ends (REG-7, REG-8).
    ExtendRegistration,
    /// Make a deliberate check-in (REG-10 regions only; never sanctioned).
    CheckIn,
    /// Apply for a work patent (PAT-2).
    ApplyForPatent,
    /// Fingerprinting and photographing (PAT-5, STU-5, EAEU-6).
    Fingerprinting,
    /// Medical examination (PAT-5, STU-5, EAEU-6).
    MedicalExam,
    /// Repeat medical examination (PAT-6).
    RepeatMedicalExam,
    /// Pay the next monthly patent advance (PAT-11, PAT-15).
    PayPatentAdvance,
    /// Apply to re-issue the patent (PAT-10).
    ReissuePatent,
    /// The MVD issues the patent (PAT-8).
    IssuePatent,
    /// Employer's notice of hiring (PAT-18).
    EmployerHireNotice,
    /// Employer's notice of termination (PAT-18).
    EmployerTerminationNotice,
    /// Institution's notice of expulsion or completion (STU-2).
    InstitutionNotice,
    /// Annual residence notice (RVP-2, VNZh-2).
    AnnualResidenceNotice,
    /// Sign a new contract within the EAEU window (EAEU-3).
    SignNewContract,
    /// Leave Russia by the deadline unless a new lawful basis is obtained.
    LeaveBy,
}

/// What makes a stay lawful: named in the texts of leaving deadlines and stay violations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StayBasis {
    /// The visa-free allowance (STAY-1).
    VisaFree,
    /// A work patent (PAT-*).
    Patent,
    /// A pending application to re-issue the patent (PAT-10).
    PatentReissuePending,
    /// A work permit.
    WorkPermit,
    /// A temporary residence permit (RVP).
    Rvp,
    /// A residence permit (VNZh).
    Vnzh,
    /// Full-time studies (STU-*).
    Study,
    /// An employment contract under the EAEU Treaty.
    EaeuContract,
    /// The EAEU window to sign a new contract (EAEU-3).
    EaeuNewContractWindow,
}

impl StayBasis {
    /// Every basis, for catalogue-wide tests of the texts.
    pub const ALL: [StayBasis; 9] = [
        StayBasis::VisaFree,
        StayBasis::Patent,
        StayBasis::PatentReissuePending,
        StayBasis::WorkPermit,
        StayBasis::Rvp,
        StayBasis::Vnzh,
        StayBasis::Study,
        StayBasis::EaeuContract,
        StayBasis::EaeuNewContractWindow,
    ];
}

/// State of an obligation on the evaluation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ObligationState {
    /// Not done, deadline not passed.
    Open,
    /// Done on or before the deadline.
    Fulfilled,
    /// Done after the deadline.
    FulfilledLate,
    /// Not done and the deadline has passed.
    Missed,
}

/// Something someone must do by a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    /// Rule of the domain note.
    pub rule_id: RuleId,
    /// Legal basis (law and article).
    pub source: String,
    /// What is due.
    pub kind: ObligationKind,
    /// Who must act.
    pub responsible: Party,
    /// Day the clock started (entry, hiring, issue …).
    pub triggered_on: NaiveDate,
    /// Last day to act.
    pub deadline: NaiveDate,
    /// State on the evaluation date.
    pub state: ObligationState,
    /// Day it was done, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Amount due in roubles (patent advance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_rub: Option<u32>,
    /// For leaving by a deadline: the basis of stay that ends then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<StayBasis>,
    /// For the annual residence notice: which year of the permit it covers (1, 2, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_year: Option<u32>,
    /// For the annual residence notice: true when it must be filed in person (every 5th year).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_person: bool,
    /// Facts the rule used.
    pub facts_used: Vec<FactRef>,
    /// Plain explanation in Russian.
    pub explanation_ru: String,
    /// Plain explanation in English.
    pub explanation_en: String,
}

/// Kind of violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ViolationKind {
    /// A deadline was missed (the obligation kind says which).
    MissedDeadline,
    /// Visa-free stay beyond the limit (STAY-1/STAY-4).
    StayLimitExceeded,
    /// Stay after the lawful basis (patent, permit, contract, studies) ended.
    StayAfterBasisEnded,
    /// Patent voided by a late advance payment (PAT-15).
    PatentVoided,
    /// Work without a valid patent or permit (PAT-1).
    WorkWithoutPermit,
    /// Work outside the region of the patent or RVP (PAT-16, RVP-3).
    WorkOutsideRegion,
    /// Entry while an entry ban computed from an earlier overstay was running (STAY-7).
    EntryDuringBan,
    /// VNZh notices missed in 2 consecutive years: annulment risk (VNZh-2).
    ResidencePermitAnnulmentRisk,
}

/// A breach of the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// Rule of the domain note.
    pub rule_id: RuleId,
    /// Legal basis (law and article).
    pub source: String,
    /// What was breached.
    pub kind: ViolationKind,
    /// For a missed deadline: which obligation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligation: Option<ObligationKind>,
    /// Who is liable.
    pub offender: Party,
    /// First day of the breach.
    pub since: NaiveDate,
    /// Day it was remedied (late filing, regularisation), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedied_on: Option<NaiveDate>,
    /// The penalty the law provides, for the officer's information (never applied here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<String>,
    /// For a stay after its basis ended: which basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<StayBasis>,
    /// For an entry during a ban: the days of the earlier overstay. (The days of a running stay
    /// violation are not stored: they grow every day and would change the evaluation's hash;
    /// they are `on - since + 1`.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overstay_days: Option<u32>,
    /// For an entry during a ban: the ban's length in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ban_years: Option<u32>,
    /// Facts the rule used.
    pub facts_used: Vec<FactRef>,
    /// Plain explanation in Russian.
    pub explanation_ru: String,
    /// Plain explanation in English.
    pub explanation_en: String,
}

/// Kind of officer task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskKind {
    /// REG-10: no check-in within the gap; contact the person (reminder sent; no sanction).
    MissedCheckIn,
    /// REG-10: a check-in did not match the declared address; verify.
    CheckInAddressMismatch,
    /// The stay is no longer lawful: review for the register of controlled persons (RKL-2).
    ReviewRklCandidate,
    /// The patent was not issued within the term (PAT-8).
    PatentIssueOverdue,
    /// The identity document has expired.
    DocumentExpired,
    /// VNZh annulment risk: review (VNZh-2).
    ReviewAnnulment,
    /// An entry during a computed entry ban: verify (STAY-7).
    VerifyEntryBan,
    /// The person is present but no entry is recorded: complete the data.
    MissingEntry,
}

/// Work for an officer. Tasks never change the status by themselves: decisions that restrict a
/// person are an officer's, with a legal basis (docs/ARCHITECTURE.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerTask {
    /// Rule of the domain note.
    pub rule_id: RuleId,
    /// What to do.
    pub kind: TaskKind,
    /// Day from which the task is due.
    pub due: NaiveDate,
    /// For an entry during a computed ban: the ban's length in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ban_years: Option<u32>,
    /// Facts the rule used.
    pub facts_used: Vec<FactRef>,
    /// Plain explanation in Russian.
    pub explanation_ru: String,
    /// Plain explanation in English.
    pub explanation_en: String,
}

/// An entry ban derived from an overstay (STAY-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryBan {
    /// Always STAY-7.
    pub rule_id: RuleId,
    /// Legal basis.
    pub source: String,
    /// Days of stay beyond the lawful term.
    pub overstay_days: u32,
    /// Ban length in years.
    pub years: u32,
    /// Day of departure, from which the ban runs.
    pub from: NaiveDate,
    /// Last day of the ban.
    pub until: NaiveDate,
    /// True when the person has not left yet: the ban that leaving on the evaluation date would
    /// bring.
    pub projected: bool,
    /// Plain explanation in Russian.
    pub explanation_ru: String,
    /// Plain explanation in English.
    pub explanation_en: String,
}

/// Summary of the current stay, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaySummary {
    /// Day of the entry that began the stay.
    pub entry: NaiveDate,
    /// Days present in the evaluation date's calendar year (STAY-3).
    pub days_in_year: u32,
    /// Days of the current continuous stay up to the evaluation date.
    pub continuous_days: u32,
    /// Last day allowed by the visa-free limit alone.
    pub visa_free_until: NaiveDate,
    /// Last day of lawful stay known on the evaluation date (all bases); `None` = indefinite.
    pub lawful_until: Option<NaiveDate>,
}

/// A limit of the data behind an evaluation, so that nobody mistakes a guess for a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", tag = "warning")]
pub enum DataWarning {
    /// A working-day computation used a year outside the calendar file.
    CalendarOutOfRange {
        /// The year.
        year: i32,
    },
    /// A working-day computation used a year whose decree is not entered yet.
    CalendarProvisional {
        /// The year.
        year: i32,
    },
    /// No tariff for the patent's region and year: the amount is unknown.
    TariffMissing {
        /// Region code.
        region: u8,
        /// Year.
        year: i32,
    },
    /// The tariff used was derived, not read in the law.
    TariffUnverified {
        /// Region code.
        region: u8,
        /// Year.
        year: i32,
    },
    /// Crossings do not alternate (an entry while inside or an exit while outside).
    CrossingsInconsistent,
}

/// The result of evaluating one person on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Evaluation date.
    pub on: NaiveDate,
    /// Status.
    pub status: Status,
    /// Obligations, sorted by deadline.
    pub obligations: Vec<Obligation>,
    /// Violations, sorted by start.
    pub violations: Vec<Violation>,
    /// Officer tasks.
    pub tasks: Vec<OfficerTask>,
    /// Entry ban from an overstay, actual (departed) or projected (still present).
    pub entry_ban: Option<EntryBan>,
    /// Current stay, when the person is in Russia.
    pub stay: Option<StaySummary>,
    /// Id of the rule set in force on the evaluation date.
    pub rule_set: String,
    /// Limits of the data used.
    pub warnings: Vec<DataWarning>,
}
