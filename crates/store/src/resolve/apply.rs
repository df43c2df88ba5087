//! What a staged record adds to a person: its [`Fact`] as domain [`Change`]s, with the agency's
//! keys (patent number, organisation INN) looked up, and the subject's new name writing,
//! document, phone and INN (the tax service's `TaxNumber` records bring nothing else).
//!
//! A key that finds nothing (a payment for a patent the person does not hold, an employer the
//! registry does not know) is a [`NotApplied`] reason for the officer, never an error.

use domain::event::Change;
use domain::facts::{Crossing, PatentPayment, ServiceResult};
use domain::names::NameVariant;
use domain::person::{Contact, ContactValue, Employment, IdentityDocument, Permit, PermitKind, PersonProfile};
use domain::validate::document::lookup_form;
use intake::record::{Fact, Subject};
use uuid::Uuid;

/// Why a record's fact could not be turned into changes, in words for the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotApplied(pub String);

/// Organisations the fact names, looked up by INN beforehand (`None`: no such organisation).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Orgs {
    pub org: Option<Uuid>,
}

/// The changes for `fact` on `profile` (`None` for a person about to be registered).
pub(crate) fn fact_changes(
    fact: &Fact,
    profile: Option<&PersonProfile>,
    orgs: Orgs,
) -> Result<Vec<Change>, NotApplied> {
    let unknown_org =
        |inn: &domain::validate::inn::Inn| NotApplied(format!("no organisation with INN {}", inn.as_str()));
    Ok(match fact {
        Fact::Identity | Fact::TaxNumber => Vec::new(),
        Fact::Crossing { on, direction, purpose } => {
            vec![Change::BorderCrossed(Crossing { on: *on, direction: *direction, purpose: *purpose })]
        }
        Fact::PatentPayment { patent_number, paid_on, months, amount_rub } => {
            let want = lookup_form(patent_number);
            let permit = profile
                .into_iter()
                .flat_map(|p| &p.permits)
                .find(|p| p.kind == PermitKind::Patent && p.number.as_deref().is_some_and(|n| lookup_form(n) == want))
                .ok_or_else(|| NotApplied(format!("the person holds no patent number {patent_number}")))?;
            vec![Change::PatentPaid(PatentPayment {
                permit_id: permit.id,
                paid_on: *paid_on,
                months: *months,
                amount_rub: *amount_rub,
            })]
        }
        Fact::PermitIssued { permit, number, valid_from, valid_until, region } => {
            vec![Change::PermitGranted(Permit {
                id: Uuid::now_v7(),
                kind: *permit,
                number: Some(number.clone()),
                region: region.clone(),
                org_id: None,
                valid_from: *valid_from,
                valid_until: *valid_until,
                ended: None,
            })]
        }
        Fact::ServiceResult { service, on, provider_inn, .. } => {
            if provider_inn.is_some() && orgs.org.is_none() {
                return Err(unknown_org(provider_inn.as_ref().expect("checked")));
            }
            vec![Change::ServiceResultRecorded(ServiceResult {
                kind: *service,
                on: *on,
                org_id: orgs.org,
                outcome: None,
                identity_checked: None,
            })]
        }
        Fact::Hired { employer_inn, position, from } => {
            let employer_id = orgs.org.ok_or_else(|| unknown_org(employer_inn))?;
            vec![Change::EmploymentStarted(Employment {
                id: Uuid::now_v7(),
                employer_id,
                position: position.clone().unwrap_or_default(),
                from: *from,
                until: None,
                ended_on: None,
            })]
        }
        Fact::Fired { employer_inn, on } => {
            let employer_id = orgs.org.ok_or_else(|| unknown_org(employer_inn))?;
            let job = profile
                .into_iter()
                .flat_map(|p| &p.employments)
                .filter(|e| e.employer_id == employer_id && e.ended_on.is_none())
                .max_by_key(|e| e.from)
                .ok_or_else(|| {
                    NotApplied(format!("the person has no open employment with INN {}", employer_inn.as_str()))
                })?;
            vec![Change::EmploymentEnded { employment_id: job.id, on: *on }]
        }
        Fact::Enrolled { university_inn, from, until } => {
            let org = orgs.org.ok_or_else(|| unknown_org(university_inn))?;
            vec![Change::PermitGranted(Permit {
                id: Uuid::now_v7(),
                kind: PermitKind::Student,
                number: None,
                region: None,
                org_id: Some(org),
                valid_from: *from,
                valid_until: *until,
                ended: None,
            })]
        }
        Fact::StudyEnded { university_inn, on } => {
            let org = orgs.org.ok_or_else(|| unknown_org(university_inn))?;
            let study = profile
                .into_iter()
                .flat_map(|p| &p.permits)
                .filter(|p| p.kind == PermitKind::Student && p.org_id == Some(org) && p.ended.is_none())
                .max_by_key(|p| p.valid_from)
                .ok_or_else(|| NotApplied(format!("the person is not enrolled at INN {}", university_inn.as_str())))?;
            vec![Change::PermitEnded { permit_id: study.id, on: *on, reason: "study ended (university notice)".into() }]
        }
        Fact::StayRegistered { .. } | Fact::StayEnded { .. } => {
            return Err(NotApplied(format!(
                "{} records are not applied automatically yet: the address needs an officer",
                fact.code()
            )));
        }
    })
}

/// The INN the fact refers an organisation by, if any.
pub(crate) fn fact_org_inn(fact: &Fact) -> Option<&str> {
    match fact {
        Fact::Hired { employer_inn, .. } | Fact::Fired { employer_inn, .. } => Some(employer_inn.as_str()),
        Fact::Enrolled { university_inn, .. } | Fact::StudyEnded { university_inn, .. } => {
            Some(university_inn.as_str())
        }
        Fact::ServiceResult { provider_inn, .. } => provider_inn.as_ref().map(|i| i.as_str()),
        _ => None,
    }
}

/// The subject's name writing, document, phone and INN that `profile` does not hold yet.
pub(crate) fn identity_changes(s: &Subject, profile: Option<&PersonProfile>) -> Vec<Change> {
    let mut out = Vec::new();
    let name = subject_name(s);
    if let Some(p) = profile
        && !p.names.contains(&name)
    {
        out.push(Change::NameAdded(name));
    }
    if let Some(d) = &s.document {
        let want = lookup_form(&d.number);
        let known = profile.is_some_and(|p| p.documents.iter().any(|x| lookup_form(&x.number) == want));
        let issuer = d.issuer.or(s.citizenship).or(profile.map(|p| p.citizenship));
        if let (false, Some(issuer)) = (known, issuer) {
            out.push(Change::DocumentAdded(IdentityDocument {
                id: Uuid::now_v7(),
                kind: d.kind,
                issuer,
                number: d.number.clone(),
                issued_on: d.issued_on,
                expires_on: d.expires_on,
                invalidated: None,
            }));
        }
    }
    if let Some(phone) = &s.phone {
        let known = profile.is_some_and(|p| p.contacts.iter().any(|c| c.value == ContactValue::Phone(phone.clone())));
        if !known {
            out.push(Change::ContactAdded(Contact { id: Uuid::now_v7(), value: ContactValue::Phone(phone.clone()) }));
        }
    }
    if let Some(inn) = &s.inn
        && profile.and_then(|p| p.inn.as_ref()) != Some(inn)
    {
        out.push(Change::TaxNumberAssigned { inn: inn.clone() });
    }
    out
}

/// The subject's name as a name writing.
pub(crate) fn subject_name(s: &Subject) -> NameVariant {
    NameVariant {
        form: s.name_form,
        surname: s.surname.clone(),
        given_names: s.given_names.clone(),
        patronymic: s.patronymic.clone(),
    }
}

/// The `Registered` change for a new person, or what the subject lacks for it.
pub(crate) fn registration(s: &Subject) -> Result<Change, NotApplied> {
    let mut missing = Vec::new();
    if s.birth_date.is_none() {
        missing.push("date of birth");
    }
    if s.sex.is_none() {
        missing.push("sex");
    }
    if s.citizenship.is_none() {
        missing.push("citizenship");
    }
    if s.surname.trim().is_empty() || s.given_names.trim().is_empty() {
        missing.push("full name");
    }
    match (s.birth_date, s.sex, s.citizenship, missing.is_empty()) {
        (Some(birth_date), Some(sex), Some(citizenship), true) => {
            Ok(Change::Registered { name: subject_name(s), birth_date, sex, citizenship })
        }
        _ => Err(NotApplied(format!(
            "no registry person matches, and the record lacks the {} needed to register one",
            missing.join(", ")
        ))),
    }
}
