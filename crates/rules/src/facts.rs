//! The input of the engine: what is known about one person, as dated facts.
//!
//! Facts are plain data, serialisable so that the registry can store and reload them. They may
//! arrive in any order: the engine puts every collection in one canonical order (by content)
//! before the rules run, so the result never depends on arrival order, and facts dated after the
//! evaluation date are ignored (so an evaluation "as of" a past date is reproducible).
//! [`FactRef`](crate::FactRef) indices in the output refer to positions in these vectors.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Citizenship as an ISO 3166-1 alpha-3 code ("UZB"): the registry's own country type, so
/// facts built from a profile need no conversion.
pub use domain::validate::country::Country as Citizenship;

/// A Russian region by its code (77 Moscow, 50 Moscow Oblast, 16 Tatarstan, 78 St Petersburg).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Region(pub u8);

impl Region {
    /// Moscow.
    pub const MOSCOW: Self = Self(77);
    /// Moscow Oblast.
    pub const MOSCOW_OBLAST: Self = Self(50);
    /// Republic of Tatarstan.
    pub const TATARSTAN: Self = Self(16);
}

/// Everything the engine knows about one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Citizenship; decides registration periods and EAEU treatment.
    pub citizenship: Citizenship,
    /// Date of birth, if known: children under 6 are exempt from fingerprinting (PAT-5).
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// Border crossings (entries and exits) with the declared purpose.
    #[serde(default)]
    pub crossings: Vec<Crossing>,
    /// Migration registrations at a place of stay (one per arrival at an address).
    #[serde(default)]
    pub registrations: Vec<Registration>,
    /// Work patents with their advance payments.
    #[serde(default)]
    pub patents: Vec<Patent>,
    /// Work permits (разрешение на работу).
    #[serde(default)]
    pub work_permits: Vec<WorkPermit>,
    /// Temporary residence permits (РВП) and residence permits (ВНЖ).
    #[serde(default)]
    pub residence_permits: Vec<ResidencePermit>,
    /// Labour or civil-law contracts.
    #[serde(default)]
    pub employments: Vec<Employment>,
    /// Enrolments at educational institutions.
    #[serde(default)]
    pub studies: Vec<Study>,
    /// Fingerprinting, medical examination and exam dates.
    #[serde(default)]
    pub biometrics: Biometrics,
    /// Deliberate check-ins made by the person in the cabinet (REG-10 regions only).
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    /// Identity documents.
    #[serde(default)]
    pub documents: Vec<IdentityDocument>,
}

impl Facts {
    /// A person with only a citizenship: the starting point for builders and tests.
    pub fn new(citizenship: Citizenship) -> Self {
        Self {
            citizenship,
            birth_date: None,
            crossings: Vec::new(),
            registrations: Vec::new(),
            patents: Vec::new(),
            work_permits: Vec::new(),
            residence_permits: Vec::new(),
            employments: Vec::new(),
            studies: Vec::new(),
            biometrics: Biometrics::default(),
            check_ins: Vec::new(),
            documents: Vec::new(),
        }
    }
}

/// Direction of a border crossing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Direction {
    /// Entry into Russia.
    Entry,
    /// Exit from Russia.
    Exit,
}

/// Purpose of the visit stated on the migration card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Purpose {
    /// Work (работа): the patent and the 30-day biometrics rules apply (PAT-1, PAT-5).
    Work,
    /// Study (учёба): the 90-day biometrics rule applies (STU-5).
    Study,
    /// Private visit (частная).
    #[default]
    Private,
    /// Tourism (туризм).
    Tourism,
    /// Business (деловая).
    Business,
    /// Anything else.
    Other,
}

/// One border crossing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Crossing {
    /// Date of the crossing (entry and exit days both count as days present, STAY-3).
    pub date: NaiveDate,
    /// Entry or exit.
    pub direction: Direction,
    /// Purpose on the migration card (meaningful on entries).
    #[serde(default)]
    pub purpose: Purpose,
}

/// Who filed a registration notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Filer {
    /// The host party (REG-6), the default.
    #[default]
    Host,
    /// The foreigner personally (REG-6 exceptions).
    Foreigner,
}

/// An arrival at a place of stay and its registration notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Registration {
    /// Day of arrival at this place of stay (the entry day for the first address).
    pub arrived_on: NaiveDate,
    /// Day the arrival notice was filed; `None` while it has not been filed.
    #[serde(default)]
    pub filed_on: Option<NaiveDate>,
    /// Who filed (or must file) the notice.
    #[serde(default)]
    pub filed_by: Filer,
    /// Last day of the registration term stated in the notice (REG-7), if any.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Day the person left this address (departure notice), if known.
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
}

/// One advance payment for a patent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Payment {
    /// Day the payment was made.
    pub paid_on: NaiveDate,
    /// Number of months paid for.
    pub months: u8,
    /// Amount paid in roubles, if known: when it is below `months × monthly advance` only the
    /// whole months it covers count (PAT-11).
    #[serde(default)]
    pub amount_rub: Option<u32>,
}

/// A work patent (PAT-1 … PAT-17).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Patent {
    /// Day the application was filed, if known (PAT-2).
    #[serde(default)]
    pub applied_on: Option<NaiveDate>,
    /// Day the patent was issued; `None` while the application is pending (PAT-8).
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// Issuing region: the patent is valid there only (PAT-16) and sets the tariff (PAT-11).
    pub region: Region,
    /// Advance payments, the first one being the receipt filed with the application.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Day an application to re-issue this patent was filed (PAT-10).
    #[serde(default)]
    pub reissue_applied_on: Option<NaiveDate>,
    /// True when this patent is itself a re-issue of an earlier one (for the U-2 limit).
    #[serde(default)]
    pub is_reissue: bool,
    /// Day the patent was annulled by a decision, if ever.
    #[serde(default)]
    pub annulled_on: Option<NaiveDate>,
}

/// A work permit (for visa nationals and highly qualified specialists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WorkPermit {
    /// First day of validity.
    pub issued_on: NaiveDate,
    /// Last day of validity.
    pub valid_until: NaiveDate,
    /// Region where work is allowed.
    pub region: Region,
}

/// Kind of residence permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PermitKind {
    /// Temporary residence permit (РВП), RVP-1 … RVP-3.
    Rvp,
    /// Residence permit (ВНЖ), VNZh-1 … VNZh-3.
    Vnzh,
}

/// An annual residence-confirmation notice (RVP-2, VNZh-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnnualNotice {
    /// Day it was filed.
    pub filed_on: NaiveDate,
    /// Filed in person (required every 5th year for a VNZh).
    #[serde(default)]
    pub in_person: bool,
}

/// A temporary residence permit or a residence permit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResidencePermit {
    /// RVP or VNZh.
    pub kind: PermitKind,
    /// Day of issue.
    pub issued_on: NaiveDate,
    /// Last day of validity if stated (an RVP for the period of study, STU-7; an old VNZh).
    /// When absent: RVP = issue + 3 years (RVP-1); VNZh = indefinite if issued from 01.11.2019,
    /// else issue + 5 years (VNZh-1).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Region that granted it (RVP-3: work only there).
    pub region: Region,
    /// Annual notices filed.
    #[serde(default)]
    pub notices: Vec<AnnualNotice>,
    /// Day it was annulled, if ever.
    #[serde(default)]
    pub annulled_on: Option<NaiveDate>,
}

/// A labour or civil-law contract.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Employment {
    /// Employer identifier (INN/OGRN or registry id) for the employer's notices.
    pub employer_id: String,
    /// Day the contract was concluded / work started.
    pub hired_on: NaiveDate,
    /// Last day of a fixed-term contract, if fixed-term.
    #[serde(default)]
    pub contract_end: Option<NaiveDate>,
    /// Day the contract was terminated early, if it was.
    #[serde(default)]
    pub fired_on: Option<NaiveDate>,
    /// Day the employer filed the hiring notice (PAT-18).
    #[serde(default)]
    pub hire_notice_on: Option<NaiveDate>,
    /// Day the employer filed the termination notice (PAT-18).
    #[serde(default)]
    pub fire_notice_on: Option<NaiveDate>,
    /// Region where the work is done, if known (PAT-16, RVP-3).
    #[serde(default)]
    pub work_region: Option<Region>,
}

impl Employment {
    /// Last day of the contract: early termination, else the fixed-term end, else open.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.fired_on, self.contract_end) {
            (Some(f), Some(c)) => Some(f.min(c)),
            (f, c) => f.or(c),
        }
    }
}

/// Form of study (STU-1: only full-time and part-time extend the stay; STU-4: only full-time
/// students may work without a patent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StudyForm {
    /// Очная.
    FullTime,
    /// Очно-заочная.
    PartTime,
    /// Заочная / distance: no stay extension.
    Distance,
}

/// How studies ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StudyEndReason {
    /// Expelled (отчислен).
    Expelled,
    /// Graduated / completed the programme.
    Completed,
}

/// An enrolment at an accredited educational institution.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Study {
    /// Institution identifier (the host party for dormitories, STU-3).
    pub institution_id: String,
    /// Day of enrolment.
    pub enrolled_on: NaiveDate,
    /// Form of study.
    pub form: StudyForm,
    /// Planned end of the programme, if known.
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    /// Day of the expulsion or completion order, if any.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// Why it ended (meaningful with `ended_on`).
    #[serde(default)]
    pub end_reason: Option<StudyEndReason>,
    /// Day the institution notified the MVD of the end (STU-2).
    #[serde(default)]
    pub end_notice_on: Option<NaiveDate>,
}

impl Study {
    /// Last day of studies: the end order, else the planned end, else open.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.ended_on, self.planned_end) {
            (Some(e), Some(p)) => Some(e.min(p)),
            (e, p) => e.or(p),
        }
    }
}

/// Dates of the biometric and medical procedures (PAT-5, PAT-6, PAT-7, STU-5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Biometrics {
    /// Day of fingerprinting and photographing (done once).
    #[serde(default)]
    pub fingerprinted_on: Option<NaiveDate>,
    /// Days of medical examinations (each valid 1 year, PAT-6).
    #[serde(default)]
    pub medical_exams: Vec<NaiveDate>,
    /// Day the Russian language exam was passed (PAT-7; informational).
    #[serde(default)]
    pub exam_passed_on: Option<NaiveDate>,
}

/// A deliberate check-in in the cabinet ("I live at my declared address"). Only the yes/no and
/// the day are kept; there is no continuous tracking (docs/ARCHITECTURE.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CheckIn {
    /// Day of the check-in.
    pub on: NaiveDate,
    /// Whether the shared position matched the declared address.
    pub matched_address: bool,
}

/// Kind of identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    /// National passport.
    Passport,
    /// Other identity document.
    Other,
}

/// An identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IdentityDocument {
    /// Kind.
    pub kind: DocumentKind,
    /// Last day of validity.
    pub expires_on: NaiveDate,
}
