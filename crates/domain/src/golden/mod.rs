//! The golden record: one best value per field of a person, each with where it came from.
//!
//! A person's profile keeps everything agencies reported (every writing of the name, every
//! passport, every phone, every stay). An officer, a share-code check or an exchange with
//! another agency needs one answer per field — *the* Latin name, *the* current passport, *the*
//! phone to text — and must be able to say which agency's record it rests on. The golden record
//! is that answer, derived on read from the history (never stored, so it cannot drift from it),
//! with the provenance of each value and the alternatives it was chosen over.
//!
//! Survivorship rules (the choice when several values exist), field by field:
//!
//! * **Name, per writing** (Russian, Latin, native): the value from the most trusted source
//!   ([`trust`]), then the most recent. The passport's Latin is what the interior ministry
//!   records, so it wins over an employer's spelling.
//! * **Birth date, sex, citizenship**: the registration values unless an officer corrected them
//!   (`CoreCorrected`, always with a reason): the latest correction wins.
//! * **Passport**: a valid one (not invalidated, not expired today) before any other, then the
//!   most trusted source, then the latest issue date, then the most recent report.
//! * **Phone, e-mail**: the most recent report of a contact still on file (people change
//!   numbers; an old number from a trusted source is still old), trust breaking ties.
//! * **Address**: the stay in force today (latest start), else the latest stay.
//! * **Employer**: the employment in force today (latest start), else none.
//! * **INN**: the last one the tax service reported (it is the only source of INNs).
//!
//! The trust order is a policy of this registry, not law: documents checked by an officer or by
//! the interior ministry's migration department outrank what other agencies typed from them, and
//! the migrant's own word never outranks an agency (as for legal steps, RULES.md).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::date::PartialDate;
use crate::event::{Change, PersonEvent, SourceAgency, undone_merges};
use crate::names::{NameForm, NameVariant};
use crate::person::{Address, ContactValue, Employment, IdentityDocument, PersonProfile, Sex};
use crate::validate::document::DocumentKind;

/// Where a value came from: the event that reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provenance {
    /// The agency.
    pub source: SourceAgency,
    /// The agency's record id, when the fact came from a feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_record: Option<String>,
    /// The history event.
    pub event_id: Uuid,
    /// When the registry recorded it.
    pub recorded_at: DateTime<Utc>,
}

impl Provenance {
    fn of(ev: &PersonEvent) -> Provenance {
        Provenance {
            source: ev.source,
            source_record: ev.source_record.clone(),
            event_id: ev.id,
            recorded_at: ev.recorded_at,
        }
    }
}

/// A chosen value with its provenance and how many other values it was chosen over.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub from: Provenance,
    /// Other values of the field on file (not chosen).
    pub alternatives: usize,
}

/// The best value of each field, with provenance. See the module documentation for the rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoldenRecord {
    /// The person.
    pub person_id: Uuid,
    /// One name per writing, in the order Russian, Latin, native.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub names: Vec<Sourced<NameVariant>>,
    /// Date of birth.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub birth_date: Sourced<PartialDate>,
    /// Sex.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub sex: Sourced<Sex>,
    /// Citizenship (ISO 3166-1 alpha-3).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub citizenship: Sourced<String>,
    /// The passport to use.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub passport: Option<Sourced<IdentityDocument>>,
    /// The phone to use (E.164).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub phone: Option<Sourced<String>>,
    /// The e-mail to use.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub email: Option<Sourced<String>>,
    /// The address of the stay in force (or the latest one).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub address: Option<Sourced<Address>>,
    /// The employment in force.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub employment: Option<Sourced<Employment>>,
    /// The taxpayer number (INN), as last reported by the tax service.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub inn: Option<Sourced<String>>,
}

/// How much a source is trusted for identity fields: higher wins (see the module documentation).
pub fn trust(source: SourceAgency) -> u8 {
    match source {
        SourceAgency::Registry => 9,
        SourceAgency::Mvd | SourceAgency::Demo => 8,
        SourceAgency::Fns => 6,
        SourceAgency::Medical | SourceAgency::Exam => 5,
        SourceAgency::University => 4,
        SourceAgency::Employer => 3,
        SourceAgency::Adaptation => 2,
        SourceAgency::Migrant => 1,
    }
}

fn sourced<T>(value: T, from: &PersonEvent, alternatives: usize) -> Sourced<T> {
    Sourced { value, from: Provenance::of(from), alternatives }
}

/// Who reported what, collected from the history.
#[derive(Default)]
struct Reports<'a> {
    core: Option<&'a PersonEvent>,
    inns: Vec<(&'a str, &'a PersonEvent)>,
    names: Vec<(&'a NameVariant, &'a PersonEvent)>,
    items: Vec<(Uuid, &'a PersonEvent)>,
}

impl<'a> Reports<'a> {
    fn collect(events: &'a [PersonEvent]) -> Reports<'a> {
        let refs: Vec<&PersonEvent> = events.iter().collect();
        let undone = undone_merges(&refs);
        let mut r = Reports::default();
        for ev in events {
            if ev.carries_merge_of(&undone) {
                continue;
            }
            for c in &ev.changes {
                match c {
                    Change::Registered { name, .. } => {
                        r.core = Some(ev);
                        r.names.push((name, ev));
                    }
                    Change::CoreCorrected { .. } => r.core = Some(ev),
                    Change::TaxNumberAssigned { inn } => r.inns.push((inn.as_str(), ev)),
                    Change::NameAdded(n) => r.names.push((n, ev)),
                    Change::DocumentAdded(d) => r.items.push((d.id, ev)),
                    Change::ContactAdded(c) => r.items.push((c.id, ev)),
                    Change::StayRegistered(s) => r.items.push((s.id, ev)),
                    Change::EmploymentStarted(e) => r.items.push((e.id, ev)),
                    _ => {}
                }
            }
        }
        r
    }

    /// The first report of an item (documents, contacts, stays, jobs carry ids).
    fn item(&self, id: Uuid) -> Option<&'a PersonEvent> {
        self.items.iter().find(|(i, _)| *i == id).map(|(_, e)| *e)
    }

    /// The most trusted, then latest report of a name.
    fn name(&self, n: &NameVariant) -> Option<&'a PersonEvent> {
        self.names
            .iter()
            .filter(|(m, _)| *m == n)
            .map(|(_, e)| *e)
            .max_by_key(|e| (trust(e.source), e.recorded_at, e.seq))
    }
}

/// Builds the golden record of the person whose history is `events` (oldest first) and whose
/// profile (the fold of that history) is `profile`, as of `today`.
pub fn golden_record(profile: &PersonProfile, events: &[PersonEvent], today: NaiveDate) -> Option<GoldenRecord> {
    let reports = Reports::collect(events);
    let core = Provenance::of(reports.core?);

    let mut names = Vec::new();
    for form in [NameForm::Russian, NameForm::Latin, NameForm::Native] {
        let of_form: Vec<(&NameVariant, &PersonEvent)> =
            profile.names.iter().filter(|n| n.form == form).filter_map(|n| Some((n, reports.name(n)?))).collect();
        if let Some((n, ev)) = of_form.iter().max_by_key(|(_, e)| (trust(e.source), e.recorded_at, e.seq)) {
            names.push(sourced((*n).clone(), ev, of_form.len() - 1));
        }
    }

    let passports: Vec<(&IdentityDocument, &PersonEvent)> = profile
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Passport)
        .filter_map(|d| Some((d, reports.item(d.id)?)))
        .collect();
    let valid = |d: &IdentityDocument| d.invalidated.is_none() && d.expires_on.is_none_or(|x| x >= today);
    let passport = passports
        .iter()
        .max_by_key(|(d, e)| (valid(d), trust(e.source), d.issued_on, e.recorded_at, e.seq))
        .map(|(d, e)| sourced((*d).clone(), e, passports.len() - 1));

    let contact = |want_phone: bool| {
        let all: Vec<(String, &PersonEvent)> = profile
            .contacts
            .iter()
            .filter_map(|c| {
                let v = match (&c.value, want_phone) {
                    (ContactValue::Phone(p), true) => p.as_str().to_owned(),
                    (ContactValue::Email(m), false) => m.as_str().to_owned(),
                    _ => return None,
                };
                Some((v, reports.item(c.id)?))
            })
            .collect();
        let n = all.len();
        all.into_iter().max_by_key(|(_, e)| (e.recorded_at, trust(e.source), e.seq)).map(|(v, e)| sourced(v, e, n - 1))
    };

    let in_force = |from: NaiveDate, until: Option<NaiveDate>| from <= today && until.is_none_or(|u| u >= today);
    let stays: Vec<_> = profile.stays.iter().filter_map(|s| Some((s, reports.item(s.id)?))).collect();
    let address = stays
        .iter()
        .max_by_key(|(s, e)| (in_force(s.from, s.until), s.from, e.seq))
        .map(|(s, e)| sourced(s.address.clone(), e, stays.len() - 1));
    let jobs: Vec<_> = profile
        .employments
        .iter()
        .filter(|j| in_force(j.from, j.ended_on.or(j.until)))
        .filter_map(|j| Some((j, reports.item(j.id)?)))
        .collect();
    let employment =
        jobs.iter().max_by_key(|(j, e)| (j.from, e.seq)).map(|(j, e)| sourced((*j).clone(), e, jobs.len() - 1));

    let inn = profile.inn.as_ref().and_then(|inn| {
        let (_, ev) = reports.inns.iter().rev().find(|(i, _)| *i == inn.as_str())?;
        let others = reports.inns.iter().filter(|(i, _)| *i != inn.as_str()).count();
        Some(sourced(inn.as_str().to_owned(), ev, others))
    });

    Some(GoldenRecord {
        person_id: profile.id,
        names,
        birth_date: Sourced { value: profile.birth_date, from: core.clone(), alternatives: 0 },
        sex: Sourced { value: profile.sex, from: core.clone(), alternatives: 0 },
        citizenship: Sourced { value: profile.citizenship.as_str().to_owned(), from: core, alternatives: 0 },
        passport,
        phone: contact(true),
        email: contact(false),
        address,
        employment,
        inn,
    })
}

#[cfg(test)]
mod tests;
