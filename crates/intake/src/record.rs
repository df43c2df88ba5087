//! The intake record: one agency row, mapped and validated, before it is linked to a person.
//!
//! It is the contract between reading feeds (this crate), staging them (the store's intake
//! tables, where the record is kept sealed as JSON) and resolving them (the store's linkage,
//! which finds or creates the person and turns the [`Fact`] into history events). Values are
//! already validated domain types, so a record that made it to staging is well-formed; whether
//! it *fits* a person (a payment for a patent the person does not hold) is decided at resolution.
//!
//! Agencies identify people by name, birth date and document, never by registry id, and refer to
//! other things by their own keys (a patent by its number, an employer by its INN). The fact
//! therefore carries those keys; the store looks them up when it applies the fact.

use chrono::NaiveDate;
use domain::date::PartialDate;
use domain::event::SourceAgency;
use domain::facts::{Direction, ServiceKind, VisitPurpose};
use domain::names::NameForm;
use domain::person::{PermitKind, Sex};
use domain::validate::contact::Phone;
use domain::validate::country::Country;
use domain::validate::document::DocumentKind;
use domain::validate::inn::Inn;
use serde::{Deserialize, Serialize};

/// One agency row after mapping and validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeRecord {
    /// The agency that sent it.
    pub source: SourceAgency,
    /// The agency's own id of the row; `(source, record_id)` is unique in the registry, which
    /// is what makes re-importing a file a no-op.
    pub record_id: String,
    /// Who the row is about, as the agency wrote it.
    pub subject: Subject,
    /// What the row says.
    pub fact: Fact,
}

/// Who a row is about: the identifying fields the agency sent, each validated, none required
/// beyond a name (an exam centre may know no document; a tax file may know no address).
///
/// These are also the linkage fields: the resolver compares them with the registry's persons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    /// Which writing the name is in (detected from the script when the mapping does not say).
    pub name_form: NameForm,
    /// Family name, as written.
    pub surname: String,
    /// Given name(s), as written.
    pub given_names: String,
    /// Patronymic (or o'g'li / kyzy / uulu form), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    /// Date of birth (year, year and month, or full).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<PartialDate>,
    /// Sex, when the agency records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Citizenship.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<Country>,
    /// The identity document the agency saw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentRef>,
    /// A phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// The person's INN (tax service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inn: Option<Inn>,
    /// Address as free text (the place of stay the agency knows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Postcode of that address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// A document as an agency refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// Kind (a passport unless the mapping says otherwise).
    pub kind: DocumentKind,
    /// Issuing country; the subject's citizenship when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Country>,
    /// Series and number, normalised (`domain::validate::document::normalize_document_number`).
    pub number: String,
    /// Day of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<NaiveDate>,
    /// Day of expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<NaiveDate>,
}

/// What a row says about its subject. One variant per kind of agency record; each names the
/// agency keys (patent number, employer INN) the resolver looks up in the person's profile or
/// the organisation register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// Nothing beyond who the person is (a list of persons, a document or contact update).
    Identity,
    /// Border control: an entry or exit (interior ministry).
    Crossing {
        /// Day of the crossing.
        on: NaiveDate,
        /// Entry or exit.
        direction: Direction,
        /// Purpose stated in the migration card (entries).
        #[serde(default)]
        purpose: VisitPurpose,
    },
    /// Migration registration at a place of stay (interior ministry).
    StayRegistered {
        /// The address as free text.
        address: String,
        /// First day.
        from: NaiveDate,
        /// Registered until.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<NaiveDate>,
        /// The receiving party's INN when it is an organisation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        host_inn: Option<Inn>,
    },
    /// Removal from migration registration (interior ministry).
    StayEnded {
        /// Last day of the stay.
        on: NaiveDate,
    },
    /// A permit issued: patent, temporary residence, residence, work permit (interior ministry).
    PermitIssued {
        /// Which permit.
        permit: PermitKind,
        /// Its number.
        number: String,
        /// First day.
        valid_from: NaiveDate,
        /// Last day.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        valid_until: Option<NaiveDate>,
        /// Two-digit region code (patents).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// A patent advance payment (tax service).
    PatentPayment {
        /// The patent's number (resolved to the person's patent).
        patent_number: String,
        /// Day of payment.
        paid_on: NaiveDate,
        /// Months paid for, 1–12.
        months: u8,
        /// Amount in roubles.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_rub: Option<u32>,
    },
    /// An INN assigned to the person (tax service); the INN itself is in the subject.
    TaxNumber,
    /// A service point's result: medical examination, exam certificate, fingerprinting.
    ServiceResult {
        /// Which step.
        service: ServiceKind,
        /// Day of the result.
        on: NaiveDate,
        /// The certificate's number, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        certificate: Option<String>,
        /// The service point's INN, when sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_inn: Option<Inn>,
    },
    /// An employer's hire notice.
    Hired {
        /// Employer's INN.
        employer_inn: Inn,
        /// Position.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<String>,
        /// First working day.
        from: NaiveDate,
    },
    /// An employer's termination notice.
    Fired {
        /// Employer's INN.
        employer_inn: Inn,
        /// Last working day.
        on: NaiveDate,
    },
    /// A university's enrolment notice.
    Enrolled {
        /// University's INN.
        university_inn: Inn,
        /// First day of study.
        from: NaiveDate,
        /// Planned end of study.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<NaiveDate>,
    },
    /// A university's expulsion or completion notice.
    StudyEnded {
        /// University's INN.
        university_inn: Inn,
        /// Last day of study.
        on: NaiveDate,
    },
}

impl Fact {
    /// Stable code of the kind, stored in clear beside the sealed record for lists and counts.
    pub fn code(&self) -> &'static str {
        match self {
            Fact::Identity => "identity",
            Fact::Crossing { .. } => "crossing",
            Fact::StayRegistered { .. } => "stay_registered",
            Fact::StayEnded { .. } => "stay_ended",
            Fact::PermitIssued { .. } => "permit_issued",
            Fact::PatentPayment { .. } => "patent_payment",
            Fact::TaxNumber => "tax_number",
            Fact::ServiceResult { .. } => "service_result",
            Fact::Hired { .. } => "hired",
            Fact::Fired { .. } => "fired",
            Fact::Enrolled { .. } => "enrolled",
            Fact::StudyEnded { .. } => "study_ended",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_survives_its_json_form() {
        let rec = IntakeRecord {
            source: SourceAgency::Fns,
            record_id: "PL-2026-000017".into(),
            subject: Subject {
                name_form: NameForm::Russian,
                surname: "Каримов".into(),
                given_names: "Хуршид".into(),
                patronymic: Some("Алишерович".into()),
                birth_date: Some(PartialDate::new(1994, Some(3), Some(12)).unwrap()),
                sex: Some(Sex::Male),
                citizenship: Some(Country::parse("UZB").unwrap()),
                document: Some(DocumentRef {
                    kind: DocumentKind::Passport,
                    issuer: None,
                    number: "FA1234567".into(),
                    issued_on: None,
                    expires_on: None,
                }),
                phone: Some(Phone::parse("+998 90 123 45 67").unwrap()),
                inn: None,
                address: None,
                postcode: None,
            },
            fact: Fact::PatentPayment {
                patent_number: "16 2600012345".into(),
                paid_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                months: 2,
                amount_rub: Some(18_000),
            },
        };
        let json = serde_json::to_string(&rec).unwrap();
        assert!(json.contains(r#""kind":"patent_payment""#), "{json}");
        let back: IntakeRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.fact.code(), "patent_payment");
    }
}
