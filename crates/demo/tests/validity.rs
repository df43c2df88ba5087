//! Every generated value passes the domain's own validators, and every history replays.
//!
//! Each change is turned back into the input a client would send (`NewPerson`, `ChangeInput`,
//! `NewOrganisation`) and parsed with the domain parsers; the parsed value must equal the generated
//! one (so numbers, names and texts are already in canonical form).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use domain::event::{Change, SourceAgency};
use domain::input::{
    AddressInput, ChangeInput, ContactInput, DocumentInput, EmploymentInput, HostInput, NameInput, NewOrganisation,
    NewPerson, PermitInput, StayInput,
};
use domain::names::{NameForm, NameVariant};
use domain::org::OrgKind;
use domain::person::{Address, ContactValue, HostParty, PermitKind};
use domain::validate::country::Country;
use domain::validate::document::{DocumentKind, normalize_document_number};
use domain::validate::inn::Inn;
use domain::validate::ogrn::Ogrn;
use domain::validate::text::{Script, person_name, script_of};
use rosmigration_demo::{DemoConfig, Region, person, persons};

fn cfg(seed: u64, n: usize) -> DemoConfig {
    DemoConfig::new(seed, n, NaiveDate::from_ymd_opt(2026, 3, 14).unwrap())
}

fn name_input(n: &NameVariant) -> NameInput {
    NameInput {
        form: n.form,
        surname: n.surname.clone(),
        given_names: n.given_names.clone(),
        patronymic: n.patronymic.clone(),
    }
}

fn address_input(a: &Address) -> AddressInput {
    AddressInput {
        region: a.region.clone(),
        locality: a.locality.clone(),
        district: a.district.clone(),
        street: a.street.clone(),
        house: a.house.clone(),
        flat: a.flat.clone(),
        postcode: a.postcode.clone(),
        gar_guid: a.gar_guid,
        lat: a.lat,
        lon: a.lon,
    }
}

fn d(x: Option<NaiveDate>) -> Option<String> {
    x.map(|d| d.to_string())
}

/// The input a client would send for `c`.
fn as_input(c: &Change) -> Option<ChangeInput> {
    Some(match c {
        Change::Registered { .. } => return None,
        Change::NameAdded(n) => ChangeInput::AddName { name: name_input(n) },
        Change::CoreCorrected { birth_date, sex, citizenship, reason } => ChangeInput::CorrectCore {
            birth_date: birth_date.to_string(),
            sex: *sex,
            citizenship: citizenship.as_str().into(),
            reason: reason.clone(),
        },
        Change::DocumentAdded(doc) => ChangeInput::AddDocument {
            document: DocumentInput {
                kind: doc.kind,
                issuer: Some(doc.issuer.as_str().into()),
                number: doc.number.clone(),
                issued_on: d(doc.issued_on),
                expires_on: d(doc.expires_on),
            },
        },
        Change::DocumentInvalidated { document_id, reason } => {
            ChangeInput::InvalidateDocument { document_id: *document_id, reason: reason.clone() }
        }
        Change::ContactAdded(c) => ChangeInput::AddContact {
            contact: match &c.value {
                ContactValue::Phone(p) => ContactInput::Phone(p.as_str().into()),
                ContactValue::Email(e) => ContactInput::Email(e.as_str().into()),
            },
        },
        Change::ContactRemoved { contact_id } => ChangeInput::RemoveContact { contact_id: *contact_id },
        Change::StayRegistered(s) => ChangeInput::RegisterStay {
            stay: StayInput {
                address: address_input(&s.address),
                from: s.from.to_string(),
                until: d(s.until),
                host: match &s.host {
                    HostParty::Organisation { org_id } => HostInput::Organisation { org_id: *org_id },
                    HostParty::Individual { name } => HostInput::Individual { name: name.clone() },
                    HostParty::Own => HostInput::Own,
                },
            },
        },
        Change::StayEnded { stay_id, on } => ChangeInput::EndStay { stay_id: *stay_id, on: on.to_string() },
        Change::EmploymentStarted(e) => ChangeInput::StartEmployment {
            employment: EmploymentInput {
                employer_id: e.employer_id,
                position: e.position.clone(),
                from: e.from.to_string(),
                until: d(e.until),
            },
        },
        Change::EmploymentEnded { employment_id, on } => {
            ChangeInput::EndEmployment { employment_id: *employment_id, on: on.to_string() }
        }
        Change::PermitGranted(p) => ChangeInput::GrantPermit {
            permit: PermitInput {
                kind: p.kind,
                number: p.number.clone(),
                region: p.region.clone(),
                org_id: p.org_id,
                valid_from: p.valid_from.to_string(),
                valid_until: d(p.valid_until),
            },
        },
        Change::PermitEnded { permit_id, on, reason } => {
            ChangeInput::EndPermit { permit_id: *permit_id, on: on.to_string(), reason: reason.clone() }
        }
        Change::BorderCrossed(c) => {
            ChangeInput::RecordCrossing { on: c.on.to_string(), direction: c.direction, purpose: c.purpose }
        }
        Change::PatentPaid(p) => ChangeInput::RecordPatentPayment {
            permit_id: p.permit_id,
            paid_on: p.paid_on.to_string(),
            months: p.months,
            amount_rub: p.amount_rub,
        },
        Change::NoticeFiled(n) => ChangeInput::RecordNotice { notice: n.kind, filed_on: n.filed_on.to_string() },
        Change::ServiceResultRecorded(r) => {
            ChangeInput::RecordServiceResult { kind: r.kind, on: r.on.to_string(), org_id: r.org_id }
        }
        // Check-ins are the migrant's own act and status changes are written by the engine.
        other => panic!("the demo does not generate {}", other.kind()),
    })
}

/// Equality of a generated change and its re-parsed form, ignoring the ids the parser mints.
fn same(generated: &Change, parsed: &Change) -> bool {
    use Change::*;
    match (generated, parsed) {
        (DocumentAdded(a), DocumentAdded(b)) => {
            a.kind == b.kind
                && a.issuer == b.issuer
                && a.number == b.number
                && a.issued_on == b.issued_on
                && a.expires_on == b.expires_on
        }
        (ContactAdded(a), ContactAdded(b)) => a.value == b.value,
        (StayRegistered(a), StayRegistered(b)) => {
            a.address == b.address && a.from == b.from && a.until == b.until && a.host == b.host
        }
        (EmploymentStarted(a), EmploymentStarted(b)) => {
            a.employer_id == b.employer_id && a.position == b.position && a.from == b.from && a.until == b.until
        }
        (PermitGranted(a), PermitGranted(b)) => {
            a.kind == b.kind
                && a.number == b.number
                && a.region == b.region
                && a.org_id == b.org_id
                && a.valid_from == b.valid_from
                && a.valid_until == b.valid_until
        }
        (a, b) => a == b,
    }
}

fn native_script(c: Country) -> Option<Script> {
    Some(match c.as_str() {
        "UZB" | "AZE" | "TKM" => Script::Latin,
        "TJK" | "KGZ" | "KAZ" | "BLR" => Script::Cyrillic,
        "ARM" => Script::Armenian,
        _ => return None,
    })
}

fn check_name(n: &NameVariant, citizenship: Country) -> Result<(), String> {
    let parts = [Some(&n.surname), Some(&n.given_names), n.patronymic.as_ref()];
    for p in parts.into_iter().flatten() {
        let clean = person_name(p).map_err(|e| format!("{p:?}: {}", e.message))?;
        if &clean != p {
            return Err(format!("{p:?} is not canonical ({clean:?})"));
        }
        let want = match n.form {
            NameForm::Russian => Some(Script::Cyrillic),
            NameForm::Latin => Some(Script::Latin),
            NameForm::Native => native_script(citizenship),
        };
        if let Some(w) = want
            && script_of(p) != Some(w)
        {
            return Err(format!("{:?} name {p:?} is not {w:?}", n.form));
        }
        if n.form == NameForm::Latin && !p.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-') {
            return Err(format!("passport Latin {p:?} has non-ASCII letters"));
        }
    }
    Ok(())
}

#[test]
fn organisations_pass_the_validators() {
    let c = cfg(42, 0);
    let region = Region::generate_orgs(&c);
    assert!(region.orgs.len() >= 70);
    assert!((55..=65).contains(&region.employers().len()));
    assert!((4..=6).contains(&region.employers().iter().filter(|o| o.anchor).count()));
    assert!(region.employers()[0].anchor);
    assert_eq!(region.universities().len(), 5);
    let mut inns = HashSet::new();
    let mut ids = HashSet::new();
    for kind in OrgKind::ALL {
        assert!(region.orgs.iter().any(|o| o.kind == kind), "{kind:?} missing");
    }
    for o in &region.orgs {
        assert!(ids.insert(o.id), "duplicate org id");
        assert_eq!(o.id.get_version_num(), 7);
        let input = NewOrganisation {
            kind: o.kind,
            name: o.name.clone(),
            inn: o.inn.as_ref().map(|i| i.as_str().to_owned()),
            ogrn: o.ogrn.as_ref().map(|i| i.as_str().to_owned()),
            address: o.address.as_ref().map(address_input),
            anchor: o.anchor,
            languages: o.languages.clone(),
            opening_hours: o.opening_hours.clone(),
        };
        let parsed = input.parse().unwrap_or_else(|e| panic!("{}: {e}", o.name));
        assert_eq!((&parsed.name, &parsed.address, &parsed.inn, &parsed.ogrn), (&o.name, &o.address, &o.inn, &o.ogrn));
        if matches!(o.kind, OrgKind::Employer | OrgKind::University) {
            let inn = o.inn.as_ref().expect("legal entity has an INN");
            let ogrn = o.ogrn.as_ref().expect("legal entity has an OGRN");
            assert_eq!(Inn::parse(inn.as_str()).unwrap(), *inn);
            assert!(inn.as_str().starts_with("16") && inn.is_legal_entity(), "{inn}");
            assert_eq!(Ogrn::parse(ogrn.as_str()).unwrap(), *ogrn);
            assert!(ogrn.as_str().len() == 13 && &ogrn.as_str()[3..5] == "16", "{ogrn}");
            assert!(inns.insert(inn.clone()), "duplicate INN {inn}");
        }
        if o.kind.is_service_point() {
            assert!(o.languages.contains(&"ru".to_owned()) && o.opening_hours.is_some(), "{}", o.name);
        }
        let a = o.address.as_ref().expect("every org has an address");
        assert_eq!((a.region.as_str(), a.locality.as_str()), ("Республика Татарстан", "Казань"));
        assert!(a.district.is_some() && a.lat.is_some() && a.lon.is_some());
        assert!(a.postcode.as_deref().is_some_and(|p| p.starts_with("420")));
    }
    assert!(region.adaptation_centre().is_some());
    assert!(region.service_points().iter().any(|o| o.languages.iter().any(|l| l == "uz")));
}

#[test]
fn every_person_passes_the_validators_and_replays() {
    let c = cfg(7, 6_000);
    let region = Region::generate_orgs(&c);
    let kinds: HashMap<_, _> = region.orgs.iter().map(|o| (o.id, o.kind)).collect();
    let mut records: HashSet<(SourceAgency, String)> = HashSet::new();
    let mut native_seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in persons(&c, &region).enumerate() {
        let fail = |m: String| -> ! { panic!("person #{i}: {m}\n{p:#?}") };
        let Some(Change::Registered { name, birth_date, sex, citizenship }) =
            p.events.first().and_then(|e| e.changes.first())
        else {
            fail("history does not start with a registration".into())
        };
        assert!(p.events.windows(2).all(|w| w[0].at < w[1].at), "person #{i}: events out of order");
        assert!(p.events.last().unwrap().at.date_naive() < c.today, "person #{i}: event on or after today");
        assert_eq!(p.id.get_version_num(), 7);
        let np = NewPerson {
            names: vec![name_input(name)],
            birth_date: birth_date.to_string(),
            sex: *sex,
            citizenship: citizenship.as_str().into(),
            documents: vec![],
            contacts: vec![],
            stays: vec![],
            employments: vec![],
            permits: vec![],
        };
        let (parsed, _) = np.parse(c.today).unwrap_or_else(|e| fail(format!("registration: {e}")));
        assert_eq!(&parsed[0], &p.events[0].changes[0]);
        if !(1960..=2007).contains(&birth_date.year()) {
            fail(format!("birth year {}", birth_date.year()));
        }
        for ev in &p.events {
            let rec = ev.source_record.clone().unwrap_or_else(|| fail("no source record".into()));
            if !records.insert((ev.source, rec.clone())) {
                fail(format!("duplicate source record {rec}"));
            }
            for ch in &ev.changes {
                if let Change::NameAdded(n) | Change::Registered { name: n, .. } = ch {
                    check_name(n, *citizenship).unwrap_or_else(|e| fail(e));
                    if n.form == NameForm::Native {
                        *native_seen.entry(citizenship.as_str().to_owned()).or_default() += 1;
                    }
                }
                let Some(input) = as_input(ch) else { continue };
                let (parsed, refs) =
                    input.parse(*citizenship, c.today).unwrap_or_else(|e| fail(format!("{ch:?}: {e}")));
                if !same(ch, &parsed) {
                    fail(format!("not canonical:\n{ch:?}\n{parsed:?}"));
                }
                for (field, org, kind) in refs.0 {
                    let k = kinds.get(&org).unwrap_or_else(|| fail(format!("{field}: unknown organisation {org}")));
                    if kind.is_some_and(|want| want != *k) {
                        fail(format!("{field}: organisation is {k:?}, not {kind:?}"));
                    }
                }
                match ch {
                    Change::DocumentAdded(doc) => {
                        assert_eq!(normalize_document_number(doc.kind, doc.issuer, &doc.number).unwrap(), doc.number);
                        if doc.kind == DocumentKind::Passport {
                            assert_eq!(doc.issuer, *citizenship);
                        }
                    }
                    Change::PermitGranted(pm) => {
                        if pm.kind == PermitKind::Patent {
                            assert_eq!(pm.region.as_deref(), Some("16"));
                            assert!(pm.number.as_deref().is_some_and(|n| n.starts_with("16 ")));
                        }
                        if pm.kind == PermitKind::Student {
                            assert_eq!(pm.org_id.map(|o| kinds[&o]), Some(OrgKind::University));
                        }
                    }
                    Change::StayRegistered(s) => {
                        assert_eq!(s.address.locality, "Казань");
                        assert!(s.address.district.is_some() && s.address.lat.is_some());
                    }
                    _ => {}
                }
            }
        }
        let profile = p.profile().unwrap_or_else(|e| fail(format!("replay: {e}")));
        assert_eq!(profile.id, p.id);
        assert_eq!(profile.version as usize, p.events.len());
        assert_eq!(profile.citizenship, *citizenship);
        assert!(profile.names.iter().any(|n| n.form == NameForm::Latin), "person #{i}: no Latin name");
        assert!(
            profile.documents.iter().any(|d| d.kind == DocumentKind::Passport && d.invalidated.is_none()),
            "person #{i}: no valid passport"
        );
    }
    for c in ["UZB", "TJK", "KGZ", "KAZ", "ARM", "AZE"] {
        assert!(native_seen.get(c).copied().unwrap_or(0) > 50, "too few native names for {c}: {native_seen:?}");
    }
}

#[test]
fn native_writings_use_the_national_letters() {
    let c = cfg(11, 3_000);
    let region = Region::generate_orgs(&c);
    let mut letters: HashMap<&str, HashSet<char>> = HashMap::new();
    for p in persons(&c, &region) {
        let Some(Change::Registered { citizenship, .. }) = p.events[0].changes.first() else { unreachable!() };
        let code: &str = match citizenship.as_str() {
            "UZB" => "UZB",
            "TJK" => "TJK",
            "KGZ" => "KGZ",
            "KAZ" => "KAZ",
            "AZE" => "AZE",
            _ => continue,
        };
        for e in &p.events {
            for ch in &e.changes {
                if let Change::NameAdded(n) = ch
                    && n.form == NameForm::Native
                {
                    letters
                        .entry(code)
                        .or_default()
                        .extend(n.surname.chars().chain(n.given_names.chars()).flat_map(char::to_lowercase));
                }
            }
        }
    }
    for (code, needed) in [("UZB", "ʻ"), ("TJK", "ҷҳӣӯқғ"), ("KGZ", "өүң"), ("KAZ", "әғқңөұүі"), ("AZE", "əşçğıöü")]
    {
        let seen = &letters[code];
        for ch in needed.chars() {
            assert!(seen.contains(&ch), "{code}: no native name uses {ch}");
        }
    }
}

#[test]
fn demo_accounts_see_their_people() {
    let c = cfg(3, 2);
    let region = Region::generate_orgs(&c);
    let p0 = person(&c, &region, 0).profile().unwrap();
    let p1 = person(&c, &region, 1).profile().unwrap();
    assert!(p0.employers_on(c.today).any(|e| e == region.employers()[0].id), "{p0:#?}");
    assert!(p1.universities_on(c.today).any(|u| u == region.universities()[0].id), "{p1:#?}");
    for acc in rosmigration_demo::demo_accounts() {
        assert_eq!(acc.org.resolve(&region).is_some(), acc.role.needs_org(), "{}", acc.username);
    }
    // Many seeds and days: the guarantee does not depend on luck.
    for seed in 0..40 {
        for today in ["2025-01-01", "2025-08-20", "2025-09-03", "2026-06-30", "2026-12-31"] {
            let c = DemoConfig::new(seed, 2, today.parse().unwrap());
            let region = Region::generate_orgs(&c);
            let p0 = person(&c, &region, 0).profile().unwrap();
            let p1 = person(&c, &region, 1).profile().unwrap();
            assert!(p0.employers_on(c.today).any(|e| e == region.employers()[0].id), "seed {seed} {today}: {p0:#?}");
            assert!(
                p1.universities_on(c.today).any(|u| u == region.universities()[0].id),
                "seed {seed} {today}: {p1:#?}"
            );
        }
    }
}
