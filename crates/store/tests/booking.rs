//! Booking, the live queue and recorded results against a fresh database: SQLite, and
//! PostgreSQL too when `ROSMIGRATION_TEST_POSTGRES_URL` is set (each test makes its own database
//! and drops it).

use centre::case::StepKind;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::event::{Actor, SourceAgency};
use domain::input::{ChangeInput, NewOrganisation, NewPerson};
use rosmigration_store::booking::points::PointSettings;
use rosmigration_store::booking::{
    BookingError, BookingState, NewBooking, Slot, SlotQuery, TicketState, WeeklySchedule, local_day,
};
use rosmigration_store::persons::{NewPersonRows, Provenance};
use rosmigration_store::testing::fresh_store;
use rosmigration_store::{AuditEntry, Db, Store, StoreError};
use serde_json::json;
use uuid::Uuid;

async fn count(store: &Store, sql: &str) -> i64 {
    match &store.db {
        Db::Sqlite { write, .. } => sqlx::query_scalar(sql).fetch_one(write).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await.unwrap(),
    }
}

/// Everything a booking request could write: a refusal must leave all of it as it was.
async fn snapshot(store: &Store) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM bookings",
        "SELECT CAST(COALESCE(SUM(booked), 0) AS BIGINT) FROM slots",
        "SELECT COUNT(*) FROM bookings WHERE state = 'booked'",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM person_events",
        "SELECT COUNT(*) FROM queue_tickets",
        "SELECT COUNT(*) FROM notifications",
    ] {
        out.push(count(store, sql).await);
    }
    out
}

fn all_week(open: &str, close: &str) -> WeeklySchedule {
    serde_json::from_value(json!({"hours": [{"weekdays": [1, 2, 3, 4, 5, 6, 7], "open": open, "close": close}]}))
        .unwrap()
}

/// A service point of a kind offering `services`.
async fn point(
    store: &Store,
    kind: &str,
    services: &[StepKind],
    schedule: WeeklySchedule,
    minutes: u32,
    cap: u32,
) -> Uuid {
    let o: NewOrganisation =
        serde_json::from_value(json!({"kind": kind, "name": format!("Пункт {kind}"), "languages": ["ru", "uz"]}))
            .unwrap();
    let org = o.parse().unwrap();
    store.create_org(&org, AuditEntry::new("test.org")).await.unwrap();
    let settings = PointSettings { services: services.to_vec(), schedule, slot_minutes: minutes, capacity: cap };
    store.set_service_point(&org, &settings, AuditEntry::new("test.point")).await.unwrap();
    org.id
}

fn today() -> NaiveDate {
    local_day(Utc::now())
}

/// `n` persons registered in one transaction; with `work_entry`, each entered 5 days ago to work
/// (a patent worker with a patent application due, PAT-2).
async fn persons(store: &Store, n: usize, work_entry: bool) -> Vec<Uuid> {
    let prov =
        || Provenance { source: SourceAgency::Registry, source_record: None, actor: Actor::system(), at: Utc::now() };
    let mut rows = Vec::new();
    for i in 0..n {
        let p: NewPerson = serde_json::from_value(json!({
            "names": [{"form": "russian", "surname": "Юсупов", "given_names": "Жамшид"}],
            "birth_date": "1994-03-12", "sex": "male", "citizenship": "UZB",
            "documents": [{"kind": "passport", "number": format!("AB{:07}", i + 1)}],
        }))
        .unwrap();
        let (mut changes, _) = p.parse(today()).unwrap();
        if work_entry {
            let c: ChangeInput = serde_json::from_value(json!({"type": "record_crossing", "on": (today() - Duration::days(5)).to_string(), "direction": "entry", "purpose": "work"})).unwrap();
            changes.push(c.parse(domain::validate::country::Country::parse("UZB").unwrap(), today()).unwrap().0);
        }
        rows.push((NewPersonRows::build(Uuid::now_v7(), changes, prov()).unwrap(), vec![]));
    }
    let ids = rows.iter().map(|(r, _)| r.profile().id).collect();
    let prepared = store.prepare_persons(rows);
    let mut tx = store.db.begin().await.unwrap();
    store.insert_prepared(&mut tx, &prepared).await.unwrap();
    tx.commit().await.unwrap();
    ids
}

async fn slots_of(store: &Store, point: Uuid, service: StepKind) -> Vec<Slot> {
    let now = Utc::now();
    let q =
        SlotQuery { service: Some(service), point: Some(point), from: now, to: now + Duration::days(60), limit: 5000 };
    store.free_slots(&q).await.unwrap()
}

fn req(person: Uuid, slot: Uuid) -> NewBooking {
    NewBooking { person_id: person, slot_id: slot, booked_by: person, idempotency_key: None }
}

fn code(e: StoreError) -> &'static str {
    match e {
        StoreError::Booking(b) => b.code(),
        StoreError::NotFound(_) => "not_found",
        e => panic!("not a booking refusal: {e}"),
    }
}

#[tokio::test]
async fn a_thousand_concurrent_attempts_at_a_hundred_places_book_exactly_a_hundred() {
    // Arrange: 100 one-person slots (10 a day for 10 days) and 1,000 persons, ten per slot.
    let (store, _g) = fresh_store("booking").await;
    let p = point(&store, "medical_centre", &[StepKind::MedicalExam], all_week("08:00:00", "18:00:00"), 60, 1).await;
    let opened = store.open_slots(Some(p), today() + Duration::days(1), 10).await.unwrap();
    assert_eq!(opened, 100);
    assert_eq!(store.open_slots(Some(p), today() + Duration::days(1), 10).await.unwrap(), 0, "opening is idempotent");
    let slots = slots_of(&store, p, StepKind::MedicalExam).await;
    assert_eq!(slots.len(), 100);
    let people = persons(&store, 1000, false).await;
    let audit_before = count(&store, "SELECT COUNT(*) FROM audit_log").await;

    // Act: every attempt at once.
    let now = Utc::now();
    let tasks: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, &person)| {
            let (store, slot) = (store.clone(), slots[i % 100].id);
            tokio::spawn(async move { store.book(&req(person, slot), now, AuditEntry::new("booking.create")).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(b) => {
                assert_eq!(b.state, BookingState::Booked);
                ok += 1;
            }
            Err(e) => assert_eq!(code(e), "slot_full"),
        }
    }

    // Assert: exactly 100, counters and bookings agree, one audit entry per booking, no more.
    assert_eq!(ok, 100);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM bookings").await, 100);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM slots WHERE booked = 1").await, 100);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM slots WHERE booked <> 1").await, 0);
    let disagree = "SELECT COUNT(*) FROM slots s WHERE s.booked <> (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state = 'booked')";
    assert_eq!(count(&store, disagree).await, 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log").await, audit_before + 100);
    assert!(slots_of(&store, p, StepKind::MedicalExam).await.is_empty(), "no free slot is left");
    assert!(store.verify_audit().await.unwrap().ok());
}

#[tokio::test]
async fn every_refused_booking_names_its_reason_and_changes_nothing() {
    // Arrange: a centre offering every visit, two persons on the patent path.
    let (store, _g) = fresh_store("booking").await;
    let visits = [
        StepKind::MedicalExam,
        StepKind::Fingerprinting,
        StepKind::LanguageExam,
        StepKind::HealthInsurance,
        StepKind::PatentApplication,
        StepKind::PatentIssue,
    ];
    let p = point(&store, "mvd_office", &visits, all_week("09:00:00", "17:00:00"), 60, 1).await;
    store.open_slots(Some(p), today() + Duration::days(1), 20).await.unwrap();
    let who = persons(&store, 3, true).await;
    let (a, b, c) = (who[0], who[1], who[2]);
    let case = store.legalisation_case(&store.get_person(a).await.unwrap(), today());
    assert!(case.step(StepKind::PatentApplication).is_some(), "a work entry opens the patent path: {case:?}");
    let medical = slots_of(&store, p, StepKind::MedicalExam).await;
    let application = slots_of(&store, p, StepKind::PatentApplication).await;
    let now = Utc::now();
    // b holds the first medical place.
    store.book(&req(b, medical[0].id), now, AuditEntry::new("booking.create")).await.unwrap();
    store.close_slot(medical[1].id, "holiday", now, AuditEntry::new("slot.close")).await.unwrap();
    store.book(&req(a, medical[2].id), now, AuditEntry::new("booking.create")).await.unwrap();

    let past = medical[3].starts_at + Duration::minutes(1);
    let cases: Vec<(&str, NewBooking, DateTime<Utc>, &str)> = vec![
        ("a full slot", req(c, medical[0].id), now, "slot_full"),
        ("a closed slot", req(c, medical[1].id), now, "slot_closed"),
        ("a past slot", req(c, medical[3].id), past, "slot_past"),
        ("the same step twice", req(a, medical[4].id), now, "already_booked"),
        ("an application before the medical exam", req(b, application[0].id), now, "step_order"),
        ("an unknown slot", req(a, Uuid::now_v7()), now, "not_found"),
        ("an unknown person", req(Uuid::now_v7(), medical[5].id), now, "not_found"),
    ];
    for (what, r, at, expected) in cases {
        // Act
        let before = snapshot(&store).await;
        let e = store.book(&r, at, AuditEntry::new("booking.create")).await.expect_err(what);
        // Assert
        assert_eq!(code(e), expected, "{what}");
        assert_eq!(snapshot(&store).await, before, "{what}: nothing changed");
    }

    // The application needs the medical result ready (5 days), and the other documents booked.
    let medical_at = medical[2].starts_at;
    let too_soon = application.iter().find(|s| s.starts_at > medical_at + Duration::days(2)).unwrap();
    let e = store.book(&req(a, too_soon.id), now, AuditEntry::new("booking.create")).await.unwrap_err();
    assert_eq!(code(e), "step_order", "the other documents are not booked yet");
    for step in [StepKind::Fingerprinting, StepKind::LanguageExam, StepKind::HealthInsurance] {
        let s = slots_of(&store, p, step).await;
        store.book(&req(a, s[0].id), now, AuditEntry::new("booking.create")).await.unwrap();
    }
    let before = snapshot(&store).await;
    let e = store.book(&req(a, too_soon.id), now, AuditEntry::new("booking.create")).await.unwrap_err();
    assert_eq!(code(e), "step_order", "the medical certificate is not ready two days later");
    assert_eq!(snapshot(&store).await, before);
    let later = application.iter().find(|s| s.starts_at >= medical_at + Duration::days(6)).unwrap();
    store.book(&req(a, later.id), now, AuditEntry::new("booking.create")).await.unwrap();
    // Moving the medical exam after the application is refused too.
    let late_medical =
        slots_of(&store, p, StepKind::MedicalExam).await.into_iter().find(|s| s.starts_at > later.starts_at).unwrap();
    let held = store.person_bookings(a).await.unwrap().into_iter().find(|x| x.step == StepKind::MedicalExam).unwrap();
    let before = snapshot(&store).await;
    let e =
        store.reschedule_booking(held.id, late_medical.id, a, now, AuditEntry::new("booking.move")).await.unwrap_err();
    assert_eq!(code(e), "step_order");
    assert_eq!(snapshot(&store).await, before);

    // An idempotency key: the same request twice is one booking; another request with it is refused.
    let fp = slots_of(&store, p, StepKind::Fingerprinting).await;
    let keyed = NewBooking { idempotency_key: Some("k-1".into()), ..req(b, fp[0].id) };
    let first = store.book(&keyed, now, AuditEntry::new("booking.create")).await.unwrap();
    let before = snapshot(&store).await;
    let again = store.book(&keyed, now, AuditEntry::new("booking.create")).await.unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(snapshot(&store).await, before);
    let other = NewBooking { idempotency_key: Some("k-1".into()), ..req(b, fp[1].id) };
    assert_eq!(code(store.book(&other, now, AuditEntry::new("booking.create")).await.unwrap_err()), "key_reused");
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn cancel_reschedule_no_show_and_the_recorded_result() {
    // Arrange
    let (store, _g) = fresh_store("booking").await;
    let services = [StepKind::MedicalExam, StepKind::Fingerprinting];
    let p = point(&store, "medical_centre", &services, all_week("09:00:00", "12:00:00"), 30, 2).await;
    store.open_slots(Some(p), today() + Duration::days(1), 3).await.unwrap();
    let who = persons(&store, 1, false).await[0];
    let slots = slots_of(&store, p, StepKind::MedicalExam).await;
    let now = Utc::now();
    let booked = |id| {
        let store = store.clone();
        async move { store.slot(id).await.unwrap().booked }
    };

    // Cancel frees the place; a second cancel is refused.
    let b = store.book(&req(who, slots[0].id), now, AuditEntry::new("booking.create")).await.unwrap();
    assert_eq!(booked(slots[0].id).await, 1);
    let c = store.cancel_booking(b.id, now, AuditEntry::new("booking.cancel")).await.unwrap();
    assert_eq!(c.state, BookingState::Cancelled);
    assert_eq!(booked(slots[0].id).await, 0);
    assert_eq!(
        code(store.cancel_booking(b.id, now, AuditEntry::new("booking.cancel")).await.unwrap_err()),
        "not_active"
    );

    // Each change is confirmed in the cabinet (this person has no phone or e-mail), in the
    // language of their citizenship, with the visit's local date, time and place.
    let sent = store.person_notifications(who, 10).await.unwrap();
    let mut templates: Vec<&str> = sent.iter().map(|n| n.template.as_str()).collect();
    templates.sort_unstable();
    assert_eq!(templates, ["booking-cancelled", "booking-confirmed"]);
    let confirmed = sent.iter().find(|n| n.template == "booking-confirmed").unwrap();
    assert_eq!(
        (confirmed.channel, confirmed.lang),
        (rosmigration_store::outbox::Channel::Cabinet, domain::lang::Lang::Uz)
    );
    let local = b.starts_at.with_timezone(&domain::clock::region_offset());
    assert_eq!(confirmed.args["step"], "medical_exam");
    assert_eq!(confirmed.args["date"], local.format("%d.%m.%Y").to_string());
    assert_eq!(confirmed.args["time"], local.format("%H:%M").to_string());
    assert!(!confirmed.args["place"].as_str().unwrap().is_empty(), "{:?}", confirmed.args);

    // Reschedule moves the place atomically; to another service it is refused.
    let b = store.book(&req(who, slots[0].id), now, AuditEntry::new("booking.create")).await.unwrap();
    let moved = store.reschedule_booking(b.id, slots[3].id, who, now, AuditEntry::new("booking.move")).await.unwrap();
    assert_eq!((booked(slots[0].id).await, booked(slots[3].id).await), (0, 1));
    assert_eq!(store.booking(b.id).await.unwrap().state, BookingState::Cancelled);
    assert_eq!(moved.state, BookingState::Booked);
    let fp = slots_of(&store, p, StepKind::Fingerprinting).await;
    let e = store.reschedule_booking(moved.id, fp[0].id, who, now, AuditEntry::new("booking.move")).await.unwrap_err();
    assert_eq!(code(e), "wrong_service");

    // No-show: only once the visit has begun.
    let e = store.mark_no_show(moved.id, now, AuditEntry::new("booking.no_show")).await.unwrap_err();
    assert_eq!(code(e), "too_early");
    let later = moved.starts_at + Duration::minutes(5);
    let ns = store.mark_no_show(moved.id, later, AuditEntry::new("booking.no_show")).await.unwrap();
    assert_eq!(ns.state, BookingState::NoShow);
    assert_eq!(booked(slots[3].id).await, 1, "a no-show does not give the past time back");

    // The result the point records completes the step and marks the booking attended.
    let f = store.book(&req(who, fp[0].id), now, AuditEntry::new("booking.create")).await.unwrap();
    let at = f.starts_at + Duration::minutes(10);
    assert!(store.at_point_on(p, who, local_day(at)).await.unwrap());
    let profile = store
        .record_result(p, who, StepKind::Fingerprinting, at, Actor::system(), AuditEntry::new("booking.result"))
        .await
        .unwrap();
    assert!(profile.results.iter().any(|r| r.org_id == Some(p) && r.on == local_day(at)), "{:?}", profile.results);
    assert_eq!(store.booking(f.id).await.unwrap().state, BookingState::Attended);
    let events = count(&store, "SELECT COUNT(*) FROM person_events").await;
    store
        .record_result(p, who, StepKind::Fingerprinting, at, Actor::system(), AuditEntry::new("booking.result"))
        .await
        .unwrap();
    assert_eq!(count(&store, "SELECT COUNT(*) FROM person_events").await, events, "recorded once");
    let e = store
        .record_result(p, who, StepKind::LanguageExam, at, Actor::system(), AuditEntry::new("booking.result"))
        .await
        .unwrap_err();
    assert_eq!(code(e), "not_offered");
}

#[tokio::test]
async fn closing_a_slot_cancels_its_bookings_frees_the_places_and_tells_each_person() {
    let (store, _g) = fresh_store("booking").await;
    let p = point(&store, "medical_centre", &[StepKind::MedicalExam], all_week("09:00:00", "12:00:00"), 30, 3).await;
    store.open_slots(Some(p), today() + Duration::days(1), 2).await.unwrap();
    let who = persons(&store, 3, false).await;
    let slots = slots_of(&store, p, StepKind::MedicalExam).await;
    let now = Utc::now();
    let kept = store.book(&req(who[2], slots[1].id), now, AuditEntry::new("booking.create")).await.unwrap();
    let mut held = Vec::new();
    for w in &who[..2] {
        held.push(store.book(&req(*w, slots[0].id), now, AuditEntry::new("booking.create")).await.unwrap().id);
    }
    let audit_before = count(&store, "SELECT COUNT(*) FROM audit_log").await;

    let closed =
        store.close_slot(slots[0].id, "x-ray machine broken", now, AuditEntry::new("slot.close")).await.unwrap();
    assert!(closed.slot.closed);
    assert_eq!(closed.slot.booked, 0);
    let mut cancelled: Vec<Uuid> = closed.cancelled.iter().map(|b| b.id).collect();
    cancelled.sort_unstable();
    held.sort_unstable();
    assert_eq!(cancelled, held);
    let slot = store.slot(slots[0].id).await.unwrap();
    assert_eq!((slot.closed, slot.booked, slot.free()), (true, 0, 0));
    for (w, id) in who[..2].iter().zip(&held) {
        assert_eq!(store.booking(*id).await.unwrap().state, BookingState::Cancelled);
        let sent = store.person_notifications(*w, 10).await.unwrap();
        assert!(sent.iter().any(|n| n.template == "booking-closed" && n.args["step"] == "medical_exam"), "{sent:?}");
    }
    // Another slot's booking is untouched; the closure and each cancellation are audited.
    assert_eq!(store.booking(kept.id).await.unwrap().state, BookingState::Booked);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM audit_log").await, audit_before + 3);

    // Nobody books into it; closing it again cancels nothing more; an unknown slot is named.
    let e = store.book(&req(who[0], slots[0].id), now, AuditEntry::new("booking.create")).await.unwrap_err();
    assert_eq!(code(e), "slot_closed");
    let again =
        store.close_slot(slots[0].id, "x-ray machine broken", now, AuditEntry::new("slot.close")).await.unwrap();
    assert!(again.cancelled.is_empty());
    let e = store.close_slot(Uuid::now_v7(), "x", now, AuditEntry::new("slot.close")).await.unwrap_err();
    assert_eq!(code(e), "not_found");
    // A slot that has begun is not closed (its visits are served or marked no-show).
    let begun = slots[1].starts_at + Duration::minutes(1);
    let e = store.close_slot(slots[1].id, "x", begun, AuditEntry::new("slot.close")).await.unwrap_err();
    assert_eq!(code(e), "slot_past");
    assert_eq!(store.booking(kept.id).await.unwrap().state, BookingState::Booked, "nothing changed");
}

#[tokio::test]
async fn closing_a_period_closes_every_slot_in_it_that_has_not_begun_in_one_go() {
    let (store, _g) = fresh_store("booking").await;
    let services = [StepKind::MedicalExam, StepKind::Fingerprinting];
    let p = point(&store, "medical_centre", &services, all_week("09:00:00", "12:00:00"), 30, 2).await;
    store.open_slots(Some(p), today() + Duration::days(1), 2).await.unwrap();
    let who = persons(&store, 1, false).await[0];
    let medical = slots_of(&store, p, StepKind::MedicalExam).await;
    let now = Utc::now();
    let b = store.book(&req(who, medical[1].id), now, AuditEntry::new("booking.create")).await.unwrap();
    // Tomorrow 09:30-11:00 local: three half-hour slots of each of the two services.
    let (from, to) = (medical[1].starts_at, medical[1].starts_at + Duration::minutes(90));
    let closed =
        store.close_point_slots(p, (from, to), "санитарный день", now, AuditEntry::new("slot.close")).await.unwrap();
    assert_eq!(closed.len(), 6, "{closed:?}");
    assert!(closed.iter().all(|c| c.slot.closed && c.slot.starts_at >= from && c.slot.starts_at < to));
    assert_eq!(closed.iter().map(|c| c.cancelled.len()).sum::<usize>(), 1);
    assert_eq!(store.booking(b.id).await.unwrap().state, BookingState::Cancelled);
    assert!(!store.slot(medical[0].id).await.unwrap().closed, "09:00 is outside the period");
    assert!(!store.slot(medical[4].id).await.unwrap().closed, "11:00 is outside the period");
    // The same period again: nothing left to close. A bad period is named and changes nothing.
    let again = store.close_point_slots(p, (from, to), "x", now, AuditEntry::new("slot.close")).await.unwrap();
    assert!(again.is_empty());
    let open_before = count(&store, "SELECT COUNT(*) FROM slots WHERE NOT closed").await;
    for bad in [(to, from), (from, from + Duration::days(32))] {
        let e = store.close_point_slots(p, bad, "x", now, AuditEntry::new("slot.close")).await.unwrap_err();
        assert_eq!(code(e), "period");
    }
    assert_eq!(count(&store, "SELECT COUNT(*) FROM slots WHERE NOT closed").await, open_before);
    // Slots that have begun are left to the day's work.
    let later = medical[0].starts_at + Duration::minutes(1);
    let day_end = medical[0].starts_at + Duration::hours(3);
    let rest = store
        .close_point_slots(p, (medical[0].starts_at, day_end), "x", later, AuditEntry::new("slot.close"))
        .await
        .unwrap();
    assert!(rest.iter().all(|c| c.slot.starts_at > later), "{rest:?}");
    assert!(!store.slot(medical[0].id).await.unwrap().closed, "the 09:00 slot had begun");
}

#[tokio::test]
async fn the_patent_application_accepted_at_a_point_is_a_filed_notice_and_the_patent_is_not_a_visit_result() {
    // Arrange: a patent worker queued at a migration office.
    let (store, _g) = fresh_store("booking").await;
    let services = [StepKind::PatentApplication, StepKind::PatentIssue];
    let p = point(&store, "mvd_office", &services, all_week("09:00:00", "17:00:00"), 20, 3).await;
    let who = persons(&store, 1, true).await[0];
    let now = Utc::now();
    store
        .take_ticket(p, StepKind::PatentApplication, Some(who), None, now, AuditEntry::new("queue.ticket"))
        .await
        .unwrap();

    // Act
    let profile = store
        .record_result(p, who, StepKind::PatentApplication, now, Actor::system(), AuditEntry::new("booking.result"))
        .await
        .unwrap();
    let before = snapshot(&store).await;
    let e = store
        .record_result(p, who, StepKind::PatentIssue, now, Actor::system(), AuditEntry::new("booking.result"))
        .await
        .unwrap_err();

    // Assert: the application is on file (the case's step is done); the patent is not a result.
    let case = store.legalisation_case(&profile, local_day(now));
    assert!(case.step(StepKind::PatentApplication).unwrap().state.is_done(), "{case:?}");
    assert_eq!(code(e), "no_result");
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn queue_tickets_are_numbered_once_each_under_concurrency() {
    // Arrange
    let (store, _g) = fresh_store("booking").await;
    let p = point(&store, "exam_centre", &[StepKind::LanguageExam], all_week("09:00:00", "18:00:00"), 30, 3).await;
    let now = Utc::now();

    // Act: 40 tickets at once.
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store.take_ticket(p, StepKind::LanguageExam, None, None, now, AuditEntry::new("queue.ticket")).await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap().unwrap().number);
    }

    // Assert: 1 … 40, each once; calls go in order; the wait is estimated.
    numbers.sort();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
    let q = store.queue_day(p, local_day(now)).await.unwrap();
    assert_eq!((q.minutes_per_ticket, q.measured), (10, false), "30-minute slots for 3 persons");
    assert_eq!(q.tickets[0].estimated_wait_minutes, Some(10));
    assert_eq!(q.tickets[39].estimated_wait_minutes, Some(400));
    let first = store.call_next(p, now, AuditEntry::new("queue.call")).await.unwrap();
    let second = store.call_next(p, now + Duration::minutes(4), AuditEntry::new("queue.call")).await.unwrap();
    assert_eq!((first.number, second.number), (1, 2));
    let served =
        store.finish_ticket(first.id, TicketState::Served, now, AuditEntry::new("queue.served")).await.unwrap();
    assert_eq!(served.state, TicketState::Served);
    let e = store.finish_ticket(first.id, TicketState::Served, now, AuditEntry::new("queue.served")).await.unwrap_err();
    assert_eq!(code(e), "ticket_state");
    store.finish_ticket(second.id, TicketState::NoShow, now, AuditEntry::new("queue.no_show")).await.unwrap();
    let q = store.queue_day(p, local_day(now)).await.unwrap();
    assert_eq!((q.minutes_per_ticket, q.measured), (4, true), "measured from the calls");
    assert_eq!(q.tickets.iter().filter(|t| t.state == TicketState::Waiting).count(), 38);
    let e = store
        .take_ticket(p, StepKind::MedicalExam, None, None, now, AuditEntry::new("queue.ticket"))
        .await
        .unwrap_err();
    assert_eq!(code(e), "not_offered");
    let _ = BookingError::QueueEmpty;
}

#[tokio::test]
async fn concurrent_bookings_with_mixed_refusals_each_get_their_own_answer() {
    // Arrange: one-place slots of every visit, 24 persons (the last on the patent path), one
    // closed slot. On SQLite the writer commits concurrent bookings together (group commit), so
    // these requests share transactions and must still be answered one by one.
    let (store, _g) = fresh_store("booking").await;
    let visits = [StepKind::MedicalExam, StepKind::PatentApplication];
    let p = point(&store, "mvd_office", &visits, all_week("09:00:00", "17:00:00"), 60, 1).await;
    store.open_slots(Some(p), today() + Duration::days(1), 10).await.unwrap();
    let mut who = persons(&store, 23, false).await;
    who.extend(persons(&store, 1, true).await);
    let medical = slots_of(&store, p, StepKind::MedicalExam).await;
    let application = slots_of(&store, p, StepKind::PatentApplication).await;
    store.close_slot(medical[6].id, "holiday", Utc::now(), AuditEntry::new("slot.close")).await.unwrap();
    let before = snapshot(&store).await;
    let keyed =
        |person: Uuid, slot: Uuid, key: &str| NewBooking { idempotency_key: Some(key.into()), ..req(person, slot) };
    // (group, request): each group's expected answers are checked below.
    let mut requests: Vec<(&str, NewBooking)> = vec![
        ("full", req(who[0], medical[0].id)),
        ("full", req(who[1], medical[0].id)),
        ("full", req(who[2], medical[0].id)),
        ("twice", req(who[3], medical[1].id)),
        ("twice", req(who[3], medical[2].id)),
        ("same key", keyed(who[4], medical[3].id, "k-same")),
        ("same key", keyed(who[4], medical[3].id, "k-same")),
        ("reused key", keyed(who[5], medical[4].id, "k-reused")),
        ("reused key", keyed(who[5], medical[5].id, "k-reused")),
        ("closed", req(who[6], medical[6].id)),
        ("order", req(who[23], application[0].id)),
        ("unknown slot", req(who[7], Uuid::now_v7())),
    ];
    for (i, &person) in who[8..23].iter().enumerate() {
        requests.push(("plain", req(person, medical[7 + i].id)));
    }
    let now = Utc::now();

    // Act: all at once.
    let tasks: Vec<_> = requests
        .iter()
        .map(|(_, r)| {
            let (store, r) = (store.clone(), r.clone());
            tokio::spawn(async move { store.book(&r, now, AuditEntry::new("booking.create")).await })
        })
        .collect();
    let mut answers: Vec<(&str, Result<rosmigration_store::booking::Booking, &'static str>)> = Vec::new();
    for ((group, _), t) in requests.iter().zip(tasks) {
        answers.push((group, t.await.unwrap().map_err(code)));
    }

    // Assert: each group got the answers its requests call for.
    let group = |g: &str| answers.iter().filter(|(x, _)| *x == g).map(|(_, a)| a.clone()).collect::<Vec<_>>();
    let refusals = |g: &str| {
        let mut r: Vec<_> = group(g).into_iter().filter_map(|a| a.err()).collect();
        r.sort();
        r
    };
    let booked = |g: &str| group(g).into_iter().filter_map(|a| a.ok()).collect::<Vec<_>>();
    assert_eq!((booked("full").len(), refusals("full")), (1, vec!["slot_full", "slot_full"]));
    assert_eq!((booked("twice").len(), refusals("twice")), (1, vec!["already_booked"]));
    let same = booked("same key");
    assert_eq!(same.len(), 2, "the same request twice is answered twice: {:?}", group("same key"));
    assert_eq!(same[0].id, same[1].id, "with one booking");
    assert_eq!((booked("reused key").len(), refusals("reused key")), (1, vec!["key_reused"]));
    assert_eq!(refusals("closed"), vec!["slot_closed"]);
    assert_eq!(refusals("order"), vec!["step_order"]);
    assert_eq!(refusals("unknown slot"), vec!["not_found"]);
    assert_eq!((booked("plain").len(), refusals("plain").len()), (15, 0));

    // The tables agree: one booking, one counted place, one audit entry and one confirmation per
    // new booking (1 + 1 + 1 + 1 + 15), and each answered booking is stored as answered.
    let new = 19;
    let after = snapshot(&store).await;
    assert_eq!(after[0], before[0] + new, "bookings");
    assert_eq!(after[1], before[1] + new, "counted places");
    assert_eq!(after[3], before[3] + new, "audit entries");
    assert_eq!(after[6], before[6] + new, "confirmations (cabinet only: no phone or e-mail)");
    let disagree = "SELECT COUNT(*) FROM slots s WHERE s.booked <> (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state = 'booked')";
    assert_eq!(count(&store, disagree).await, 0);
    for (_, a) in &answers {
        if let Ok(b) = a {
            let stored = store.booking(b.id).await.unwrap();
            assert_eq!(
                (stored.person_id, stored.slot_id, stored.state),
                (b.person_id, b.slot_id, BookingState::Booked)
            );
        }
    }
    let unconfirmed = "SELECT COUNT(*) FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.person_id = b.person_id AND n.template = 'booking-confirmed')";
    assert_eq!(count(&store, unconfirmed).await, 0, "every booking has its confirmation");
    assert!(store.verify_audit().await.unwrap().ok());
}

#[tokio::test]
async fn a_database_failure_in_a_booking_batch_writes_nothing_of_that_batch() {
    // Arrange (SQLite: the group-committed path): a trigger makes the confirmation of one person
    // fail as a database error, not a refusal.
    let (store, _g) = fresh_store("booking").await;
    let Db::Sqlite { write, .. } = &store.db else { return };
    let p = point(&store, "medical_centre", &[StepKind::MedicalExam], all_week("08:00:00", "18:00:00"), 60, 1).await;
    store.open_slots(Some(p), today() + Duration::days(1), 5).await.unwrap();
    let slots = slots_of(&store, p, StepKind::MedicalExam).await;
    let who = persons(&store, 30, false).await;
    let poisoned = who[7];
    let trigger = format!(
        "CREATE TRIGGER fail_one BEFORE INSERT ON notifications WHEN NEW.person_id = X'{}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
        poisoned.simple()
    );
    sqlx::query(&trigger).execute(write).await.unwrap();
    let before = snapshot(&store).await;
    let now = Utc::now();

    // Act
    let tasks: Vec<_> = who
        .iter()
        .enumerate()
        .map(|(i, &person)| {
            let (store, slot) = (store.clone(), slots[i].id);
            tokio::spawn(async move { store.book(&req(person, slot), now, AuditEntry::new("booking.create")).await })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }

    // Assert: the failing booking is a database error; every answered booking is stored with
    // its place, entry and confirmation, every failed one left nothing (its whole batch).
    assert!(matches!(&answers[7], Err(StoreError::Database(_))), "{:?}", answers[7]);
    let ok = answers.iter().filter(|a| a.is_ok()).count() as i64;
    for (a, person) in answers.iter().zip(&who) {
        let stored = store.person_bookings(*person).await.unwrap();
        match a {
            Ok(b) => assert_eq!(stored, vec![b.clone()]),
            Err(e) => {
                assert!(matches!(e, StoreError::Database(_)), "only database errors: {e}");
                assert!(stored.is_empty(), "a failed batch writes nothing");
            }
        }
    }
    let after = snapshot(&store).await;
    assert_eq!(
        (after[0], after[1], after[3], after[6]),
        (before[0] + ok, before[1] + ok, before[3] + ok, before[6] + ok)
    );
    assert!(store.verify_audit().await.unwrap().ok());
    // The writer goes on after a failed batch.
    sqlx::query("DROP TRIGGER fail_one").execute(write).await.unwrap();
    store.book(&req(poisoned, slots[7].id), now, AuditEntry::new("booking.create")).await.unwrap();
}

/// A busy region: more free slots in the next days than the planner is handed per step. A
/// step that must wait for a result (the patent application, five days after the medical
/// examination) still gets a slot on the first day it can be taken, not "no slot".
#[tokio::test]
async fn the_route_reaches_steps_that_wait_for_results_in_a_busy_region() {
    let (store, _g) = fresh_store("booking").await;
    let visits = [
        StepKind::MedicalExam,
        StepKind::Fingerprinting,
        StepKind::LanguageExam,
        StepKind::HealthInsurance,
        StepKind::PatentApplication,
        StepKind::PatentIssue,
    ];
    // 5-minute slots from 08:00 to 20:00 every day: 144 a day per step, so the soonest
    // SLOTS_PER_STEP free slots of a step end within three days.
    let p = point(&store, "mvd_office", &visits, all_week("08:00:00", "20:00:00"), 5, 1).await;
    store.open_slots(Some(p), today() + Duration::days(1), 30).await.unwrap();
    const { assert!(rosmigration_store::booking::route::SLOTS_PER_STEP < 144 * 5) };
    let who = persons(&store, 1, true).await[0];
    let profile = store.get_person(who).await.unwrap();
    let route = store.route(&profile, Utc::now()).await.unwrap();
    assert!(route.unroutable.is_empty(), "every step has a slot: {route:?}");
    let day = |s: StepKind| local_day(route.legs.iter().find(|l| l.step == s).unwrap().starts_at);
    assert_eq!(day(StepKind::MedicalExam), today() + Duration::days(1), "{route:?}");
    assert_eq!(day(StepKind::PatentApplication), day(StepKind::MedicalExam) + Duration::days(5), "{route:?}");
}
