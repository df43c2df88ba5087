use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::event::Actor;
use crate::person::Contact;
use crate::validate::contact::Phone;
use crate::validate::country::Country;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn name(form: NameForm, surname: &str, given: &str) -> NameVariant {
    NameVariant { form, surname: surname.into(), given_names: given.into(), patronymic: None }
}

fn passport(number: &str, issued: NaiveDate, expires: NaiveDate) -> IdentityDocument {
    IdentityDocument {
        id: Uuid::now_v7(),
        kind: DocumentKind::Passport,
        issuer: Country::parse("UZB").unwrap(),
        number: number.into(),
        issued_on: Some(issued),
        expires_on: Some(expires),
        invalidated: None,
    }
}

fn phone(p: &str) -> Contact {
    Contact { id: Uuid::now_v7(), value: ContactValue::Phone(Phone::parse(p).unwrap()) }
}

/// A history built event by event, each a day after the last.
struct History {
    person: Uuid,
    events: Vec<PersonEvent>,
}

impl History {
    fn new() -> History {
        let mut h = History { person: Uuid::now_v7(), events: Vec::new() };
        h.push(
            SourceAgency::Mvd,
            Some("mvd-1"),
            vec![Change::Registered {
                name: name(NameForm::Russian, "Каримов", "Хуршид"),
                birth_date: PartialDate::new(1994, Some(3), Some(12)).unwrap(),
                sex: Sex::Male,
                citizenship: Country::parse("UZB").unwrap(),
            }],
        );
        h
    }

    fn push(&mut self, source: SourceAgency, record: Option<&str>, changes: Vec<Change>) -> Uuid {
        let seq = self.events.len() as i64 + 1;
        let id = Uuid::now_v7();
        self.events.push(PersonEvent {
            id,
            person_id: self.person,
            seq,
            recorded_at: Utc.with_ymd_and_hms(2025, 1, 1, 10, 0, 0).unwrap() + chrono::Duration::days(seq),
            source,
            source_record: record.map(str::to_owned),
            actor: Actor::system(),
            changes,
        });
        id
    }

    fn golden(&self) -> GoldenRecord {
        let profile = PersonProfile::replay(&self.events).unwrap();
        golden_record(&profile, &self.events, day(2026, 11, 22)).unwrap()
    }
}

#[test]
fn the_passport_latin_outranks_a_later_employer_spelling() {
    let mut h = History::new();
    let mvd =
        h.push(SourceAgency::Mvd, Some("mvd-2"), vec![Change::NameAdded(name(NameForm::Latin, "KARIMOV", "KHURSHID"))]);
    h.push(SourceAgency::Employer, Some("hr-77"), vec![Change::NameAdded(name(NameForm::Latin, "Karimov", "Hurshid"))]);
    let g = h.golden();
    let latin = g.names.iter().find(|n| n.value.form == NameForm::Latin).unwrap();
    assert_eq!(latin.value.given_names, "KHURSHID");
    assert_eq!(latin.from.event_id, mvd);
    assert_eq!(latin.from.source_record.as_deref(), Some("mvd-2"));
    assert_eq!(latin.alternatives, 1);
    let russian = g.names.iter().find(|n| n.value.form == NameForm::Russian).unwrap();
    assert_eq!((russian.value.surname.as_str(), russian.from.source), ("Каримов", SourceAgency::Mvd));
}

#[test]
fn a_valid_passport_beats_an_expired_one_from_a_more_trusted_source() {
    let mut h = History::new();
    h.push(
        SourceAgency::Mvd,
        None,
        vec![Change::DocumentAdded(passport("FA1111111", day(2014, 1, 1), day(2024, 1, 1)))],
    );
    let fns = h.push(
        SourceAgency::Fns,
        Some("fns-9"),
        vec![Change::DocumentAdded(passport("FA2222222", day(2024, 2, 1), day(2034, 2, 1)))],
    );
    let g = h.golden();
    let p = g.passport.unwrap();
    assert_eq!(p.value.number, "FA2222222");
    assert_eq!((p.from.event_id, p.from.source), (fns, SourceAgency::Fns));
    assert_eq!(p.alternatives, 1);
}

#[test]
fn the_latest_phone_wins_whoever_reported_it() {
    let mut h = History::new();
    h.push(SourceAgency::Mvd, None, vec![Change::ContactAdded(phone("+998901234567"))]);
    let hr = h.push(SourceAgency::Employer, Some("hr-78"), vec![Change::ContactAdded(phone("+79171234567"))]);
    let g = h.golden();
    let p = g.phone.unwrap();
    assert_eq!(p.value, "+79171234567");
    assert_eq!(p.from.event_id, hr);
    assert!(g.email.is_none());
}

#[test]
fn an_officer_correction_is_the_source_of_the_core_fields() {
    let mut h = History::new();
    let fix = h.push(
        SourceAgency::Registry,
        None,
        vec![Change::CoreCorrected {
            birth_date: PartialDate::new(1994, Some(12), Some(3)).unwrap(),
            sex: Sex::Male,
            citizenship: Country::parse("UZB").unwrap(),
            reason: "day and month swapped in the first notice".into(),
        }],
    );
    let g = h.golden();
    assert_eq!(g.birth_date.value, PartialDate::new(1994, Some(12), Some(3)).unwrap());
    assert_eq!((g.birth_date.from.event_id, g.birth_date.from.source), (fix, SourceAgency::Registry));
    assert_eq!(g.citizenship.value, "UZB");
}

#[test]
fn facts_of_an_undone_merge_have_no_say() {
    let mut h = History::new();
    let merge_id = Uuid::now_v7();
    h.push(
        SourceAgency::Registry,
        None,
        vec![
            Change::Merged { merge_id, from: Uuid::now_v7(), reason: "same passport".into() },
            Change::ContactAdded(phone("+79170000000")),
        ],
    );
    assert_eq!(h.golden().phone.unwrap().value, "+79170000000");
    h.push(
        SourceAgency::Registry,
        None,
        vec![Change::MergeUndone { merge_id, other: Uuid::now_v7(), reason: "two persons after all".into() }],
    );
    assert!(h.golden().phone.is_none(), "the merged-in phone left with the merge");
}
