//! The resolver against a fresh database: SQLite, and PostgreSQL too when
//! `ROSMIGRATION_TEST_POSTGRES_URL` is set (each test makes its own database and drops it).

use chrono::NaiveDate;
use domain::date::PartialDate;
use domain::event::{Change, SourceAgency};
use domain::names::NameForm;
use domain::person::Sex;
use domain::validate::country::Country;
use domain::validate::document::DocumentKind;
use intake::record::{DocumentRef, Fact, IntakeRecord, Subject};
use rosmigration_store::resolve::{Decision, Resolution};
use rosmigration_store::testing::fresh_store;
use rosmigration_store::{AuditEntry, Store, StoreError};
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn subject(form: NameForm, surname: &str, given: &str, birth: (i32, u32, u32), passport: Option<&str>) -> Subject {
    Subject {
        name_form: form,
        surname: surname.into(),
        given_names: given.into(),
        patronymic: None,
        birth_date: Some(PartialDate::new(birth.0, Some(birth.1), Some(birth.2)).unwrap()),
        sex: Some(Sex::Male),
        citizenship: Some(Country::parse("UZB").unwrap()),
        document: passport.map(|n| DocumentRef {
            kind: DocumentKind::Passport,
            issuer: None,
            number: n.into(),
            issued_on: None,
            expires_on: None,
        }),
        phone: None,
        inn: None,
        address: None,
        postcode: None,
    }
}

fn record(id: &str, subject: Subject, fact: Fact) -> IntakeRecord {
    IntakeRecord { source: SourceAgency::Mvd, record_id: id.into(), subject, fact }
}

fn entry(on: &str) -> Fact {
    Fact::Crossing { on: day(on), direction: domain::facts::Direction::Entry, purpose: Default::default() }
}

async fn state_of(store: &Store, id: &str) -> String {
    store.staged_record(SourceAgency::Mvd, id).await.unwrap().1
}

#[tokio::test]
async fn a_new_subject_is_registered_and_its_other_writings_link_to_it() {
    // Arrange: a record in Cyrillic, then the same person in passport Latin and with a
    // transliteration variant and no document, then his brother.
    let (store, _g) = fresh_store("resolve").await;
    let first = record(
        "r1",
        subject(NameForm::Russian, "Юсупов", "Джамшид", (1994, 3, 12), Some("FA1234567")),
        entry("2026-01-10"),
    );
    let latin = record(
        "r2",
        subject(NameForm::Latin, "YUSUPOV", "JAMSHID", (1994, 3, 12), Some("FA 1234567")),
        Fact::Crossing {
            on: day("2026-03-01"),
            direction: domain::facts::Direction::Exit,
            purpose: Default::default(),
        },
    );
    let variant =
        record("r3", subject(NameForm::Latin, "Iusupov", "Dzhamshid", (1994, 3, 12), None), entry("2026-04-02"));
    let brother = record(
        "r4",
        subject(NameForm::Russian, "Юсупов", "Рустам", (2000, 9, 15), Some("FA7654321")),
        entry("2026-01-10"),
    );

    // Act
    assert_eq!(store.stage_records(std::slice::from_ref(&first)).await.unwrap(), 1);
    let s1 = store.resolve_pending(100).await.unwrap();
    assert_eq!(store.stage_records(&[first.clone(), latin, variant, brother]).await.unwrap(), 3, "r1 is staged once");
    let s2 = store.resolve_pending(100).await.unwrap();

    // Assert
    assert_eq!((s1.created, s1.linked), (1, 0), "{s1:?}");
    assert_eq!((s2.processed, s2.linked, s2.created, s2.review), (3, 2, 1, 0), "{s2:?}");
    let Resolution::Unchanged { state } = store.resolve_record(SourceAgency::Mvd, "r1").await.unwrap() else {
        panic!("a linked record is not resolved again")
    };
    assert_eq!(state, "linked");
    let person = |id: &'static str| {
        let store = store.clone();
        async move {
            let rec =
                store.match_subject(&store.staged_record(SourceAgency::Mvd, id).await.unwrap().0.subject, &[]).await;
            rec.unwrap()
        }
    };
    let yusupov = person("r2").await;
    assert!(yusupov[0].score.probability > 0.9, "{:?}", yusupov[0]);
    let p = store.get_person(yusupov[0].person_id).await.unwrap();
    assert_eq!(p.crossings.len(), 3, "three crossings on one person");
    assert_eq!(p.names.len(), 3, "Cyrillic, passport Latin and the variant are kept as writings");
    assert_eq!(p.documents.len(), 1, "the passport in another spelling is not added twice");
    let history = store.history(p.id, 0, 100).await.unwrap().items;
    assert!(history.iter().any(|e| e.source_record.as_deref() == Some("r3")), "provenance is kept");
}

#[tokio::test]
async fn the_tax_service_inn_is_kept_and_finds_the_person_again() {
    let (store, _g) = fresh_store("resolve").await;
    let first = record(
        "t1",
        subject(NameForm::Russian, "Каримов", "Хуршид", (1990, 5, 20), Some("FA5550001")),
        entry("2026-01-10"),
    );
    store.stage_records(&[first]).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    // The tax service writes the name in Latin and knows no passport, only the INN it assigned.
    let inn = domain::validate::inn::Inn::parse("500100732259").unwrap();
    let mut tax = subject(NameForm::Latin, "KARIMOV", "KHURSHID", (1990, 5, 20), None);
    tax.inn = Some(inn.clone());
    let tax =
        IntakeRecord { source: SourceAgency::Fns, record_id: "inn-1".into(), subject: tax, fact: Fact::TaxNumber };
    store.stage_records(&[tax]).await.unwrap();
    let s = store.resolve_pending(10).await.unwrap();
    assert_eq!((s.linked, s.created), (1, 0), "{s:?}");
    let (_, state) = store.staged_record(SourceAgency::Fns, "inn-1").await.unwrap();
    assert_eq!(state, "linked");
    let mut by_inn = subject(NameForm::Russian, "Каримов", "Хуршид", (1990, 5, 20), None);
    by_inn.inn = Some(inn.clone());
    by_inn.birth_date = None;
    let found = store.match_subject(&by_inn, &[]).await.unwrap();
    let p = store.get_person(found[0].person_id).await.unwrap();
    assert_eq!(p.inn.as_ref(), Some(&inn), "the INN is on the profile");
    let history = store.history(p.id, 0, 100).await.unwrap().items;
    assert!(
        history.iter().any(|e| e.source_record.as_deref() == Some("inn-1")
            && e.changes.iter().any(|c| matches!(c, Change::TaxNumberAssigned { .. }))),
        "the INN arrived as an event with the tax record's provenance"
    );
}

#[tokio::test]
async fn uncertain_and_incomplete_records_wait_for_review() {
    let (store, _g) = fresh_store("resolve").await;
    let first = record(
        "a1",
        subject(NameForm::Russian, "Каримов", "Хуршид", (1990, 7, 3), Some("AA1112223")),
        entry("2026-01-10"),
    );
    store.stage_records(&[first]).await.unwrap();
    store.resolve_pending(10).await.unwrap();

    // Same name, same year and month, another day and no document: not sure either way.
    let mut close = subject(NameForm::Latin, "Karimov", "Khurshid", (1990, 7, 13), None);
    close.sex = None;
    // A subject with no registry person and no sex or citizenship cannot be registered.
    let mut bare = subject(NameForm::Russian, "Нуриддинов", "Азиз", (1985, 1, 20), None);
    bare.sex = None;
    bare.citizenship = None;
    // A payment for a patent the person does not hold.
    let payment = Fact::PatentPayment {
        patent_number: "16 2600012345".into(),
        paid_on: day("2026-02-01"),
        months: 1,
        amount_rub: None,
    };
    let pay = record("a4", subject(NameForm::Latin, "KARIMOV", "KHURSHID", (1990, 7, 3), Some("AA1112223")), payment);
    store
        .stage_records(&[record("a2", close, entry("2026-02-01")), record("a3", bare, Fact::Identity), pay])
        .await
        .unwrap();
    let s = store.resolve_pending(10).await.unwrap();

    assert_eq!(s.review, 3, "{s:?}");
    for (id, want) in [("a3", "lacks the sex, citizenship"), ("a4", "holds no patent number")] {
        let r = store.resolve_record(SourceAgency::Mvd, id).await.unwrap();
        let Resolution::Review { reason } = r else { panic!("{id}: {r:?}") };
        assert!(reason.contains(want), "{id}: {reason}");
    }
    assert_eq!(state_of(&store, "a2").await, "review");

    // The uncertain record has an item; an officer says it is someone else, and the next run
    // does not propose that person again (and cannot register him: no sex).
    let page = store.review_items(None, 50).await.unwrap();
    let item = page.items.iter().find(|i| i.record_id == "a2").expect("an item for a2").clone();
    assert!(item.probability >= 0.5 && item.probability < 0.9, "{item:?}");
    assert!(item.evidence.iter().any(|e| e.field == "date_of_birth"), "{:?}", item.evidence);
    let officer = AuditEntry { account_id: Some(Uuid::now_v7()), ..AuditEntry::new("review.decide") };
    let r = store.decide_review(item.id, Decision::DifferentPersons, "another day of birth", officer.clone()).await;
    let Resolution::Review { reason } = r.unwrap() else { panic!("no one left to link") };
    assert!(reason.contains("lacks the sex"), "{reason}");
    assert!(store.review_items(None, 50).await.unwrap().items.iter().all(|i| i.record_id != "a2"));
    let again = store.decide_review(item.id, Decision::SamePerson, "changed my mind", officer).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "a decided item stays decided: {again:?}");
}

#[tokio::test]
async fn a_same_person_decision_links_the_record() {
    let (store, _g) = fresh_store("resolve").await;
    let first = record("c1", subject(NameForm::Russian, "Каримов", "Хуршид", (1990, 7, 3), None), entry("2026-01-10"));
    store.stage_records(&[first]).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    let mut uncertain = subject(NameForm::Latin, "Karimov", "Khurshid", (1990, 7, 13), None);
    uncertain.sex = None;
    let close = record("c2", uncertain, entry("2026-02-10"));
    store.stage_records(&[close]).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    assert_eq!(state_of(&store, "c2").await, "review");
    let item = store.review_items(None, 10).await.unwrap().items.remove(0);
    let officer = AuditEntry { account_id: Some(Uuid::now_v7()), ..AuditEntry::new("review.decide") };
    let r =
        store.decide_review(item.id, Decision::SamePerson, "same passport seen at the desk", officer).await.unwrap();
    assert_eq!(r, Resolution::Linked { person_id: item.person_id, created: false });
    assert_eq!(store.get_person(item.person_id).await.unwrap().crossings.len(), 2);
    assert_eq!(store.review_item(item.id).await.unwrap().state, "decided");
}

#[tokio::test]
async fn backfill_rebuilds_the_link_keys() {
    let (store, _g) = fresh_store("resolve").await;
    let first = record(
        "b1",
        subject(NameForm::Russian, "Рахмонов", "Фаррух", (1988, 11, 2), Some("AB0000001")),
        entry("2026-01-10"),
    );
    store.stage_records(std::slice::from_ref(&first)).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    let before = store.match_subject(&first.subject, &[]).await.unwrap();
    assert_eq!(before.len(), 1);
    store.db.migrate().await.unwrap();
    // Lose the index, then rebuild it.
    let mut tx = store.db.begin().await.unwrap();
    match &mut tx {
        rosmigration_store::Tx::Sqlite(t) => {
            sqlx::query("DELETE FROM link_keys").execute(&mut **t).await.unwrap();
        }
        rosmigration_store::Tx::Postgres(t) => {
            sqlx::query("DELETE FROM link_keys").execute(&mut **t).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    assert!(store.match_subject(&first.subject, &[]).await.unwrap().is_empty());
    assert_eq!(store.backfill_link_keys(1).await.unwrap(), 1);
    assert_eq!(store.match_subject(&first.subject, &[]).await.unwrap().len(), 1);
}

#[tokio::test]
async fn merge_and_unmerge_keep_the_history_and_restore_both_persons() {
    // Arrange: two persons registered from records (a Cyrillic record without a document, and a
    // Latin one with a passport and another birth day), each with a crossing.
    let (store, _g) = fresh_store("resolve").await;
    let a = record("m1", subject(NameForm::Russian, "Турсунов", "Алишер", (1987, 2, 1), None), entry("2026-01-10"));
    let b = record(
        "m2",
        subject(NameForm::Latin, "TURSUNOV", "ALISHER", (1989, 5, 20), Some("AC5550001")),
        entry("2026-03-03"),
    );
    store.stage_records(&[a]).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    store.stage_records(&[b]).await.unwrap();
    store.resolve_pending(10).await.unwrap();
    let person_of = |id: &'static str| {
        let store = store.clone();
        async move {
            let mut tx = store.db.begin().await.unwrap();
            store.person_for_source_record(&mut tx, SourceAgency::Mvd, id).await.unwrap().unwrap()
        }
    };
    let (survivor, merged) = (person_of("m1").await, person_of("m2").await);
    assert_ne!(survivor, merged, "two persons before the merge");
    let before_s = store.get_person(survivor).await.unwrap();
    let before_m = store.get_person(merged).await.unwrap();
    let officer = AuditEntry { account_id: Some(Uuid::now_v7()), ..AuditEntry::new("person.merge") };

    // Act: merge.
    let m = store
        .merge_persons(survivor, merged, "same person, birth date mistyped by the agency", officer.clone())
        .await
        .unwrap();

    // Assert: the survivor holds both crossings, the names and the passport; the merged id
    // redirects; the merged person's record points at the survivor; a second merge is refused.
    let s = store.get_person(survivor).await.unwrap();
    assert_eq!(s.crossings.len(), 2);
    assert_eq!(s.documents.len(), 1);
    assert!(s.names.len() >= 2);
    assert_eq!(store.merged_into(merged).await.unwrap(), Some(survivor));
    assert!(store.merge_persons(survivor, merged, "again", officer.clone()).await.is_err());
    let found = store
        .match_subject(&subject(NameForm::Latin, "TURSUNOV", "ALISHER", (1989, 5, 20), Some("AC5550001")), &[])
        .await
        .unwrap();
    assert!(found.iter().all(|c| c.person_id != merged), "a merged person is no candidate");

    // Act: unmerge.
    let u = store.unmerge(m.id, "two persons after all", officer.clone()).await.unwrap();

    // Assert: both are back to their own facts, each with the markers in history.
    assert_eq!(u.state, "undone");
    let s = store.get_person(survivor).await.unwrap();
    let r = store.get_person(merged).await.unwrap();
    assert_eq!(
        (s.crossings.clone(), s.documents.clone(), s.names.clone()),
        (before_s.crossings, before_s.documents, before_s.names)
    );
    assert_eq!(
        (r.crossings.clone(), r.documents.clone(), r.names.clone()),
        (before_m.crossings, before_m.documents, before_m.names)
    );
    assert_eq!(store.merged_into(merged).await.unwrap(), None);
    assert_eq!(
        s.version,
        store.history(survivor, 0, 100).await.unwrap().items.len() as i64,
        "version counts every event"
    );
    let history = store.history(survivor, 0, 100).await.unwrap().items;
    let kinds: Vec<&str> = history.iter().flat_map(|e| e.changes.iter().map(|c| c.kind())).collect();
    assert!(kinds.contains(&"merged") && kinds.contains(&"merge_undone"), "{kinds:?}");
    assert!(store.pair_was_unmerged(merged, survivor).await.unwrap());
    assert!(store.unmerge(m.id, "twice", officer).await.is_err());
    assert_eq!(person_of("m2").await, merged);
    // The staged record follows its person back.
    let found = store
        .match_subject(&subject(NameForm::Latin, "TURSUNOV", "ALISHER", (1989, 5, 20), Some("AC5550001")), &[])
        .await
        .unwrap();
    assert_eq!(found[0].person_id, merged, "found again after the unmerge");
}

#[tokio::test]
async fn relink_stores_the_region_model_and_proposes_merges_of_existing_persons() {
    // Arrange: a hundred persons through the resolver, plus a duplicate registered directly
    // (the resolver would have linked it, so it goes through create_person as an officer would).
    let (store, _g) = fresh_store("resolve").await;
    let surnames = ["Юсупов", "Каримов", "Рахимов", "Саидов", "Турсунов", "Назаров", "Умаров", "Алиев"];
    let given = ["Жамшид", "Фаррух", "Бахтиёр", "Шерзод", "Рустам", "Алишер", "Бобур", "Азиз", "Отабек", "Санжар"];
    let records: Vec<IntakeRecord> = (0..120u32)
        .map(|i| {
            let s = subject(
                NameForm::Russian,
                surnames[i as usize % 8],
                given[(i as usize / 8) % 10],
                (1970 + (i % 30) as i32, 1 + i % 12, 1 + i % 28),
                Some(&format!("FA{:07}", 1000 + i)),
            );
            record(&format!("p{i}"), s, entry("2026-01-10"))
        })
        .collect();
    store.stage_records(&records).await.unwrap();
    let s = store.resolve_pending(500).await.unwrap();
    assert_eq!(s.created, 120, "{s:?}");
    let dup = domain::event::Change::Registered {
        name: domain::names::NameVariant {
            form: NameForm::Latin,
            surname: "YUSUPOV".into(),
            given_names: "JAMSHID".into(),
            patronymic: None,
        },
        birth_date: PartialDate::new(1970, Some(1), Some(1)).unwrap(),
        sex: Sex::Male,
        citizenship: Country::parse("UZB").unwrap(),
    };
    let doc = domain::event::Change::DocumentAdded(domain::person::IdentityDocument {
        id: Uuid::now_v7(),
        kind: DocumentKind::Passport,
        issuer: Country::parse("UZB").unwrap(),
        number: "FA0001000".into(),
        issued_on: None,
        expires_on: None,
        invalidated: None,
    });
    let prov = rosmigration_store::persons::Provenance {
        source: SourceAgency::Registry,
        source_record: None,
        actor: domain::event::Actor::system(),
        at: chrono::Utc::now(),
    };
    let (twin, _) =
        store.create_person(vec![dup, doc], &Default::default(), prov, AuditEntry::new("person.create")).await.unwrap();

    // Act
    let options = linkage::link::Options::new(day("2026-06-01"));
    let report = store.relink(&options, 50, &linkage::link::NoProgress).await.unwrap();

    // Assert
    assert_eq!(report.persons, 121);
    assert!(store.region_model().await.unwrap().is_some(), "the region's model is kept");
    let proposals = store.merge_proposals(100).await.unwrap();
    assert!(
        proposals.iter().any(|p| p.person_a == twin.id || p.person_b == twin.id),
        "the duplicate is proposed: {report:?} {proposals:?}"
    );
    assert_eq!(store.get_person(twin.id).await.unwrap().names.len(), 1, "nothing merged by itself");

    // An officer settles the proposals: merging the pair closes its proposal as merged; a
    // rejected proposal is closed once and not listed again.
    let twin_pair = proposals.iter().find(|p| p.person_a == twin.id || p.person_b == twin.id).unwrap();
    let other = if twin_pair.person_a == twin.id { twin_pair.person_b } else { twin_pair.person_a };
    store.merge_persons(other, twin.id, "registered twice", AuditEntry::new("person.merge")).await.unwrap();
    assert_eq!(store.merge_proposal(twin_pair.id).await.unwrap().state, "merged");
    if let Some(p) = store.merge_proposals(100).await.unwrap().first() {
        let r = store.reject_merge_proposal(p.id, "two brothers", AuditEntry::new("reject")).await.unwrap();
        assert_eq!(r.state, "rejected");
        let again = store.reject_merge_proposal(p.id, "again", AuditEntry::new("reject")).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        assert!(store.merge_proposals(100).await.unwrap().iter().all(|q| q.id != p.id));
    }
    assert!(store.merge_proposals(100).await.unwrap().iter().all(|q| q.id != twin_pair.id));
}
