//! The reduced view of a person: what an organisation account (employer, university,
//! adaptation centre) is shown, as its own type.
//!
//! It is an allow-list, not a full profile with fields cleared: [`ReducedProfile::of`] copies
//! field by field only what these organisations' duties need, so a field added to
//! [`PersonProfile`] later is not shown to them unless it is added here on purpose. What they need
//! (115-FZ art. 13 p. 8 and art. 13.3: the employer's notices of hiring and termination and its
//! check of the worker's documents; 115-FZ art. 18: the educational organisation's notices;
//! 152-FZ art. 5 p. 5: no more personal data than the purpose needs):
//!
//! - identity: every writing of the name, date of birth, sex, citizenship;
//! - documents and permits (a permit names an organisation only when it is the viewer's own);
//! - the current place of stay, its address only (who registered the person there, e.g. a
//!   private landlord's name, is not shown);
//! - the organisation's own relation with the person: its own employment(s) of the person (its
//!   own study is the student permit naming it).
//!
//! Never: contacts, other employers, past stays, border crossings, patent payments and their
//! amounts, notices, medical and exam results, check-ins, the taxpayer number, the computed
//! status (organisations read the status and obligations through their own endpoint).

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::date::PartialDate;
use crate::names::NameVariant;
use crate::person::{Address, Employment, IdentityDocument, Permit, PersonProfile, Sex};
use crate::validate::country::Country;

/// Marks the shape of a person answer, so a client tells the two apart without guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ViewKind {
    /// The reduced view of an organisation account.
    Reduced,
}

/// The place of stay in force today, without the host party.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentStay {
    /// Where.
    pub address: Address,
    /// Registered from.
    pub from: NaiveDate,
    /// Registered until, when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// What an employer, a university or an adaptation centre sees of a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReducedProfile {
    /// Always `reduced`.
    pub view: ViewKind,
    /// Registry id.
    pub id: Uuid,
    /// Version of the profile it was made from (the `ETag`).
    pub version: i64,
    /// Every writing of the name.
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
    /// Permits; `org_id` only when it is the viewer's organisation.
    pub permits: Vec<Permit>,
    /// The place of stay in force today, address only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_stay: Option<CurrentStay>,
    /// The viewer's own employment(s) of the person; nobody else's.
    pub employments: Vec<Employment>,
}

impl ReducedProfile {
    /// The reduced view of `p` for the organisation `org` (none: an account without one sees no
    /// relation), with the place of stay in force on `today`.
    pub fn of(p: &PersonProfile, org: Option<Uuid>, today: NaiveDate) -> ReducedProfile {
        let own = |id: Option<Uuid>| id.is_some() && id == org;
        ReducedProfile {
            view: ViewKind::Reduced,
            id: p.id,
            version: p.version,
            names: p.names.clone(),
            birth_date: p.birth_date,
            sex: p.sex,
            citizenship: p.citizenship,
            documents: p.documents.clone(),
            permits: p
                .permits
                .iter()
                .map(|x| Permit {
                    id: x.id,
                    kind: x.kind,
                    number: x.number.clone(),
                    region: x.region.clone(),
                    org_id: x.org_id.filter(|o| own(Some(*o))),
                    valid_from: x.valid_from,
                    valid_until: x.valid_until,
                    ended: x.ended.clone(),
                })
                .collect(),
            current_stay: p.stay_on(today).map(|s| CurrentStay {
                address: s.address.clone(),
                from: s.from,
                until: s.until,
            }),
            employments: p.employments.iter().filter(|e| own(Some(e.employer_id))).cloned().collect(),
        }
    }
}

/// A person as one caller may see them: the whole profile (officers, law enforcement, the
/// person), or the reduced view (organisation accounts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PersonView {
    /// The whole profile.
    Full(Box<PersonProfile>),
    /// The reduced view.
    Reduced(Box<ReducedProfile>),
}

impl PersonView {
    /// The registry id.
    pub fn id(&self) -> Uuid {
        match self {
            PersonView::Full(p) => p.id,
            PersonView::Reduced(r) => r.id,
        }
    }

    /// The version of the profile the view was made from (the `ETag`).
    pub fn version(&self) -> i64 {
        match self {
            PersonView::Full(p) => p.version,
            PersonView::Reduced(r) => r.version,
        }
    }

    /// Every writing of the name.
    pub fn names(&self) -> &[NameVariant] {
        match self {
            PersonView::Full(p) => &p.names,
            PersonView::Reduced(r) => &r.names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A profile with every field filled in, each with a value that is easy to find in JSON.
    fn everything() -> (PersonProfile, Uuid, Uuid) {
        let own = Uuid::from_u128(0xA1);
        let other = Uuid::from_u128(0xB2);
        let patent = Uuid::from_u128(0xC3);
        let p: PersonProfile = serde_json::from_value(json!({
            "id": Uuid::from_u128(1), "version": 9,
            "names": [{"form": "russian", "surname": "Юсупов", "given_names": "Жамшид"},
                      {"form": "latin", "surname": "YUSUPOV", "given_names": "JAMSHID"}],
            "birth_date": "1994-03-12", "sex": "male", "citizenship": "UZB",
            "documents": [{"id": Uuid::from_u128(2), "kind": "passport", "issuer": "UZB", "number": "FA1234567"}],
            "contacts": [{"id": Uuid::from_u128(3), "kind": "phone", "value": "+998901112233"},
                         {"id": Uuid::from_u128(4), "kind": "email", "value": "secret.mail@example.org"}],
            "stays": [
                {"id": Uuid::from_u128(5), "from": "2020-01-01", "until": "2020-12-31", "host": {"kind": "own"},
                 "address": {"region": "Татарстан", "locality": "Казань", "street": "ул. Прошлая", "house": "1"}},
                {"id": Uuid::from_u128(6), "from": "2026-01-10", "host": {"kind": "individual", "name": "Арендодатель Петров"},
                 "address": {"region": "Татарстан", "locality": "Казань", "street": "ул. Баумана", "house": "7"}}],
            "employments": [
                {"id": Uuid::from_u128(7), "employer_id": own, "position": "каменщик", "from": "2026-01-15"},
                {"id": Uuid::from_u128(8), "employer_id": other, "position": "грузчик-у-других", "from": "2025-01-15"}],
            "permits": [
                {"id": patent, "kind": "patent", "number": "16-2600123", "region": "16", "valid_from": "2026-02-01"},
                {"id": Uuid::from_u128(9), "kind": "student", "org_id": other, "valid_from": "2024-09-01"}],
            "crossings": [{"on": "2026-01-05", "direction": "entry", "purpose": "work"}],
            "payments": [{"permit_id": patent, "paid_on": "2026-03-01", "months": 2, "amount_rub": 987654}],
            "notices": [{"kind": "hire", "employment_id": Uuid::from_u128(7), "filed_on": "2026-01-20"}],
            "results": [{"kind": "medical", "on": "2026-01-25", "org_id": Uuid::from_u128(0xD4)}],
            "check_ins": [{"on": "2026-03-03", "matched_address": true}],
            "inn": "500100732259",
            "status": {"status": "AT_RISK", "on": "2026-03-05", "rule_set": "2026", "rules": ["PAT-9"]},
            "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-03-05T10:00:00Z"
        }))
        .expect("a valid profile");
        (p, own, other)
    }

    /// Breaks if a forbidden field of the full profile reaches an organisation: the values
    /// below are each in the full profile's JSON and must not be in the reduced view's.
    #[test]
    fn the_reduced_view_holds_nothing_outside_the_allow_list() {
        let (p, own, other) = everything();
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let full = serde_json::to_string(&p).unwrap();
        let reduced = serde_json::to_string(&ReducedProfile::of(&p, Some(own), today)).unwrap();
        for forbidden in [
            "+998901112233",           // contacts
            "secret.mail@example.org", // contacts
            "Арендодатель Петров",     // a private landlord's name
            "individual",              // the host party at all
            "ул. Прошлая",             // a past stay
            "грузчик-у-других",        // another employer's job
            &other.to_string(),        // another organisation (employer, university)
            "987654",                  // a patent payment's amount
            "paid_on",                 // payments at all
            "2026-01-05",              // the border crossing (and the day of the entry)
            "crossings",
            "\"results\"", // medical and exam results
            &Uuid::from_u128(0xD4).to_string(),
            "matched_address", // check-ins
            "500100732259",    // the taxpayer number
            "AT_RISK",         // the computed status
            "hire",            // notices
        ] {
            assert!(full.contains(forbidden), "the test profile must hold {forbidden:?}");
            assert!(!reduced.contains(forbidden), "{forbidden:?} leaked into the reduced view: {reduced}");
        }
        for allowed in ["Юсупов", "YUSUPOV", "1994-03-12", "UZB", "FA1234567", "16-2600123", "ул. Баумана", "каменщик"]
        {
            assert!(reduced.contains(allowed), "{allowed:?} is part of the reduced view: {reduced}");
        }
        assert!(reduced.contains("\"view\":\"reduced\""));
    }

    #[test]
    fn an_account_without_an_organisation_sees_no_relation_and_no_stay_is_none() {
        let (p, _, _) = everything();
        let before_any_stay = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let r = ReducedProfile::of(&p, None, before_any_stay);
        assert!(r.employments.is_empty());
        assert!(r.permits.iter().all(|x| x.org_id.is_none()));
        assert!(r.current_stay.is_none());
        assert_eq!(r.documents.len(), 1);
    }
}
