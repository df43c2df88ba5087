//! The digital profile of a foreign national, as derived from the person's history.
//!
//! Nothing here is written directly: every value arrives as a [`Change`](crate::event::Change) in
//! an event with its source and actor, and [`PersonProfile::apply`] folds the events into the
//! current picture. The profile is therefore a cache that can always be rebuilt from history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::date::PartialDate;
use crate::facts::{CheckIn, Crossing, Notice, PatentPayment, ServiceResult, StatusChange};
use crate::names::NameVariant;
use crate::validate::contact::{Email, Phone};
use crate::validate::country::Country;
use crate::validate::document::DocumentKind;

/// Sex as recorded in the identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sex {
    /// Male (`M` in the MRZ).
    Male,
    /// Female (`F` in the MRZ).
    Female,
    /// Not stated in the document (`<` in the MRZ).
    Unspecified,
}

impl Sex {
    /// Stable short code used in storage and exports.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
            Sex::Unspecified => "X",
        }
    }
}

/// An identity or permit document of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityDocument {
    /// Stable id of this document within the registry.
    pub id: Uuid,
    /// What kind of document.
    pub kind: DocumentKind,
    /// Issuing country (RUS for Russian-issued documents such as the migration card).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "UZB"))]
    pub issuer: Country,
    /// Normalised number (series and number). Encrypted at rest.
    pub number: String,
    /// Date of issue, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<NaiveDate>,
    /// Date of expiry, when the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<NaiveDate>,
    /// Set when the document was reported lost, replaced or annulled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalidated: Option<String>,
}

/// A way to reach the person. Encrypted at rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContactValue {
    /// Mobile phone in E.164.
    Phone(Phone),
    /// E-mail address.
    Email(Email),
}

/// A contact with its id (so it can be removed) and preferred language for messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// Stable id of this contact.
    pub id: Uuid,
    /// The phone or e-mail.
    #[serde(flatten)]
    pub value: ContactValue,
}

/// A postal address, with the GAR (FIAS) identifier and coordinates when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// Region (subject of the federation), e.g. "Республика Татарстан".
    pub region: String,
    /// City or settlement.
    pub locality: String,
    /// City district, when known (used for aggregates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Street with its type, e.g. "ул. Баумана".
    pub street: String,
    /// House (building) number, with letters or corpus.
    pub house: String,
    /// Flat or room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<String>,
    /// Postcode (six digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// GAR OBJECTGUID of the building, when the address was matched to the state register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gar_guid: Option<Uuid>,
    /// WGS-84 latitude of the building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// WGS-84 longitude of the building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

impl Address {
    /// One-line form for lists.
    pub fn line(&self) -> String {
        let mut s = format!("{}, {}, {}", self.locality, self.street, self.house);
        if let Some(f) = &self.flat {
            s.push_str(", кв. ");
            s.push_str(f);
        }
        s
    }
}

/// Who registered the person at the place of stay (109-FZ art. 2 p. 7: the host party).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HostParty {
    /// An organisation known to the registry (employer, university, hotel).
    Organisation {
        /// Id of the organisation.
        org_id: Uuid,
    },
    /// A private person (a Russian citizen or a permanent resident), named as in the notice.
    Individual {
        /// Full name as in the arrival notice.
        name: String,
    },
    /// The foreign national themself (own housing or rental, 109-FZ art. 22 p. 3.1–3.5).
    Own,
}

/// A registered place of stay (migration registration) for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stay {
    /// Stable id of this stay.
    pub id: Uuid,
    /// Where.
    pub address: Address,
    /// Registered from (arrival at the address).
    pub from: NaiveDate,
    /// Registered until (as stated in the notice), or when the stay ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Who filed the arrival notice.
    pub host: HostParty,
}

/// A job with an employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Employment {
    /// Stable id of this employment.
    pub id: Uuid,
    /// The employer (an organisation in the registry, with INN and OGRN).
    pub employer_id: Uuid,
    /// Position as in the contract.
    pub position: String,
    /// Contract start date.
    pub from: NaiveDate,
    /// Contract end date (planned or actual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Set when the job ended by termination (an `EmploymentEnded` event), as opposed to a
    /// contract running to its planned end: EAEU-3 gives a 15-day window after an early end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<NaiveDate>,
}

/// Kinds of lawful basis to stay or work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PermitKind {
    /// Work patent for visa-free nationals (115-FZ art. 13.3), valid in one region.
    Patent,
    /// Temporary residence permit, RVP (115-FZ art. 6).
    TemporaryResidence,
    /// Residence permit, VNZh (115-FZ art. 8).
    Residence,
    /// Russian visa.
    Visa,
    /// Work permit for visa nationals.
    WorkPermit,
    /// Enrolment as a student at an educational organisation (115-FZ art. 5 p. 7).
    Student,
}

/// A permit or status with its validity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Permit {
    /// Stable id of this permit.
    pub id: Uuid,
    /// What kind.
    pub kind: PermitKind,
    /// Document number when the permit has one (patent series and number, card number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Region code (two digits) where the permit is valid, for patents and RVP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The issuing or hosting organisation (the university for students).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Uuid>,
    /// Valid from.
    pub valid_from: NaiveDate,
    /// Valid until (none for an indefinite VNZh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Why it ended early (annulled, expelled, ...), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<String>,
}

/// The current profile of one foreign national.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonProfile {
    /// Registry id (UUIDv7).
    pub id: Uuid,
    /// Number of events folded in; the version for optimistic concurrency.
    pub version: i64,
    /// Every writing of the name seen, first the one given at registration.
    pub names: Vec<NameVariant>,
    /// Date of birth, possibly partial.
    pub birth_date: PartialDate,
    /// Sex.
    pub sex: Sex,
    /// Citizenship (ISO 3166-1 alpha-3).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "UZB"))]
    pub citizenship: Country,
    /// Identity and permit documents.
    pub documents: Vec<IdentityDocument>,
    /// Phones and e-mails.
    pub contacts: Vec<Contact>,
    /// Places of stay, oldest first.
    pub stays: Vec<Stay>,
    /// Jobs, oldest first.
    pub employments: Vec<Employment>,
    /// Permits, oldest first.
    pub permits: Vec<Permit>,
    /// Border crossings, in date order.
    #[serde(default)]
    pub crossings: Vec<Crossing>,
    /// Patent advance payments.
    #[serde(default)]
    pub payments: Vec<PatentPayment>,
    /// Notices filed with the interior ministry.
    #[serde(default)]
    pub notices: Vec<Notice>,
    /// Results recorded by service points that complete their step; an unfit or failed
    /// outcome is in the history only (`ServiceResult::completes`).
    #[serde(default)]
    pub results: Vec<ServiceResult>,
    /// Deliberate check-ins.
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    /// Taxpayer number (INN) assigned by the tax service, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub inn: Option<crate::validate::inn::Inn>,
    /// The last computed legal status (derived; recorded in history when it changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChange>,
    /// When the person entered the registry.
    pub created_at: DateTime<Utc>,
    /// When the last event was recorded.
    pub updated_at: DateTime<Utc>,
}

impl PersonProfile {
    /// The name to show first: Russian Cyrillic if known, else the first recorded.
    pub fn display_name(&self) -> &NameVariant {
        self.names.iter().find(|n| n.form == crate::names::NameForm::Russian).unwrap_or(&self.names[0])
    }

    /// The place of stay in force on `on`.
    pub fn stay_on(&self, on: NaiveDate) -> Option<&Stay> {
        self.stays.iter().rev().find(|s| s.from <= on && s.until.is_none_or(|u| u >= on))
    }

    /// Organisations that employ the person on `on` (ownership for the employer role).
    pub fn employers_on(&self, on: NaiveDate) -> impl Iterator<Item = Uuid> + '_ {
        self.employments.iter().filter(move |e| e.from <= on && e.until.is_none_or(|u| u >= on)).map(|e| e.employer_id)
    }

    /// Universities where the person is enrolled on `on` (ownership for the university role).
    pub fn universities_on(&self, on: NaiveDate) -> impl Iterator<Item = Uuid> + '_ {
        self.permits
            .iter()
            .filter(move |p| {
                p.kind == PermitKind::Student
                    && p.ended.is_none()
                    && p.valid_from <= on
                    && p.valid_until.is_none_or(|u| u >= on)
            })
            .filter_map(|p| p.org_id)
    }
}
