//! The notifications outbox and the daily reminder run against a fresh database: SQLite, and
//! PostgreSQL too when `ROSMIGRATION_TEST_POSTGRES_URL` is set (each test makes its own
//! database and drops it).

use centre::reminders::QuietHours;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::date::PartialDate;
use domain::event::{Actor, Change, SourceAgency};
use domain::facts::{Crossing, Direction, VisitPurpose};
use domain::lang::Lang;
use domain::names::{NameForm, NameVariant};
use domain::person::{Contact, ContactValue, Sex};
use domain::validate::contact::{Email, Phone};
use domain::validate::country::Country;
use rosmigration_store::outbox::{Channel, FailureOutcome, NewNotification, RetryPolicy};
use rosmigration_store::persons::Provenance;
use rosmigration_store::reminders::ReminderOptions;
use rosmigration_store::testing::fresh_store;
use rosmigration_store::{AuditEntry, Db, Store, StoreError};
use uuid::Uuid;

fn args(v: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    v.as_object().unwrap().clone()
}

fn sms(person: Uuid, key: Option<&str>, not_before: DateTime<Utc>) -> NewNotification {
    NewNotification {
        person_id: Some(person),
        channel: Channel::Sms,
        recipient: Some("+998901234567".into()),
        template: "reminder-deadline".into(),
        args: args(serde_json::json!({"step": "medical_exam", "date": "31.10.2026", "days": 3})),
        lang: Lang::Uz,
        dedup_key: key.map(str::to_string),
        not_before,
    }
}

fn msk() -> QuietHours {
    QuietHours {
        from: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        tz: FixedOffset::east_opt(3 * 3600).unwrap(),
    }
}

#[tokio::test]
async fn a_reason_is_queued_once_and_a_message_needs_a_recipient() {
    // Arrange
    let (store, _g) = fresh_store("outbox").await;
    let person = Uuid::now_v7();
    let now = Utc::now();

    // Act
    let first = store.enqueue_notification(&sms(person, Some("k1"), now)).await.unwrap();
    let again = store.enqueue_notification(&sms(person, Some("k1"), now)).await.unwrap();
    let mut no_address = sms(person, None, now);
    no_address.recipient = None;
    let refused = store.enqueue_notification(&no_address).await;

    // Assert
    assert!(first.is_some());
    assert_eq!(again, None, "the same reason is not queued twice");
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    let counts = store.notification_counts().await.unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].channel.as_str(), counts[0].state.as_str(), counts[0].count), ("sms", "pending", 1));
    let waited = Utc::now() - counts[0].oldest.expect("the oldest pending message's time");
    assert!(waited >= TimeDelta::zero() && waited < TimeDelta::minutes(5), "{waited}");
}

#[tokio::test]
async fn a_claim_holds_a_message_for_its_lease_and_a_crashed_claim_is_taken_again() {
    // Arrange: one message due now, one held by quiet hours.
    let (store, _g) = fresh_store("outbox").await;
    let person = Uuid::now_v7();
    let now = Utc::now();
    let due = store.enqueue_notification(&sms(person, None, now)).await.unwrap().unwrap();
    store.enqueue_notification(&sms(person, None, now + TimeDelta::hours(8))).await.unwrap().unwrap();
    let lease = TimeDelta::minutes(5);

    // Act: a dispatcher claims and "crashes" (never marks); a second looks during the lease and
    // after it.
    let first = store.claim_notifications(&[Channel::Sms], now, lease, 10).await.unwrap();
    let during = store.claim_notifications(&[Channel::Sms], now + TimeDelta::minutes(1), lease, 10).await.unwrap();
    let after = store.claim_notifications(&[Channel::Sms], now + TimeDelta::minutes(6), lease, 10).await.unwrap();

    // Assert
    assert_eq!(first.len(), 1, "only the due message; the quiet-hours one waits");
    assert_eq!(first[0].id, due);
    assert_eq!(first[0].recipient.as_deref(), Some("+998901234567"), "the address is opened");
    assert_eq!(first[0].args["days"], 3);
    assert_eq!(first[0].lang, Lang::Uz);
    assert!(during.is_empty(), "held by the first claim's lease");
    assert_eq!(after.len(), 1, "the crashed dispatcher's message is taken again after its lease");
    // The stale claim can no longer mark it; the new one can, once.
    assert_eq!(store.mark_notifications_sent(&[&first[0]], now).await.unwrap(), 0);
    assert_eq!(store.mark_notifications_sent(&[&after[0]], now).await.unwrap(), 1);
    assert_eq!(store.mark_notifications_sent(&[&after[0]], now).await.unwrap(), 0);
    let list = store.person_notifications(person, 10).await.unwrap();
    let sent = list.iter().find(|n| n.id == due).unwrap();
    assert_eq!(sent.state, "sent");
    assert!(sent.sent_at.is_some());
    // Other channels are not claimed by a dispatcher that cannot deliver them.
    assert!(
        store.claim_notifications(&[Channel::Email], now + TimeDelta::days(1), lease, 10).await.unwrap().is_empty()
    );
}

#[tokio::test]
async fn failures_back_off_exponentially_until_the_last_attempt() {
    // Arrange
    let (store, _g) = fresh_store("outbox").await;
    let person = Uuid::now_v7();
    let t0 = Utc::now();
    let id = store.enqueue_notification(&sms(person, None, t0)).await.unwrap().unwrap();
    let policy = RetryPolicy { base: TimeDelta::minutes(1), cap: TimeDelta::minutes(3), max_attempts: 4 };
    let lease = TimeDelta::minutes(5);

    // Act + Assert: each failure waits 1, 2, 3 (capped) minutes; the 4th gives up.
    let mut now = t0;
    for (failure, wait) in [(1, 1), (2, 2), (3, 3)] {
        let claimed = store.claim_notifications(&[Channel::Sms], now, lease, 10).await.unwrap();
        assert_eq!(claimed.len(), 1, "attempt {failure}");
        assert_eq!(claimed[0].attempts, failure - 1);
        let outcome =
            store.record_notification_failure(&claimed[0], "503 from the gateway", false, now, &policy).await.unwrap();
        assert_eq!(outcome, FailureOutcome::Retry(now + TimeDelta::minutes(wait)), "failure {failure}");
        let early = now + TimeDelta::minutes(wait) - TimeDelta::seconds(1);
        assert!(
            store.claim_notifications(&[Channel::Sms], early, lease, 10).await.unwrap().is_empty(),
            "not before the backoff"
        );
        now += TimeDelta::minutes(wait);
    }
    let last = store.claim_notifications(&[Channel::Sms], now, lease, 10).await.unwrap();
    let outcome = store.record_notification_failure(&last[0], "503 again", false, now, &policy).await.unwrap();
    assert_eq!(outcome, FailureOutcome::Failed);
    assert!(store.claim_notifications(&[Channel::Sms], now + TimeDelta::days(1), lease, 10).await.unwrap().is_empty());
    let n = store.person_notifications(person, 10).await.unwrap();
    assert_eq!((n[0].id, n[0].state.as_str()), (id, "failed"));
    let err: Option<String> = match &store.db {
        Db::Sqlite { read, .. } => {
            sqlx::query_scalar("SELECT last_error FROM notifications").fetch_one(read).await.unwrap()
        }
        Db::Postgres(p) => sqlx::query_scalar("SELECT last_error FROM notifications").fetch_one(p).await.unwrap(),
    };
    assert_eq!(err.as_deref(), Some("503 again"));
}

#[tokio::test]
async fn a_permanent_failure_is_not_retried() {
    let (store, _g) = fresh_store("outbox").await;
    let person = Uuid::now_v7();
    let now = Utc::now();
    store.enqueue_notification(&sms(person, None, now)).await.unwrap().unwrap();
    let c = store.claim_notifications(&[Channel::Sms], now, TimeDelta::minutes(5), 10).await.unwrap();
    let outcome =
        store.record_notification_failure(&c[0], "400 bad number", true, now, &RetryPolicy::default()).await.unwrap();
    assert_eq!(outcome, FailureOutcome::Failed);
    assert_eq!(store.person_notifications(person, 10).await.unwrap()[0].state, "failed");
}

#[tokio::test]
async fn a_persons_messages_newest_first_and_marked_read_by_them_only() {
    // Arrange
    let (store, _g) = fresh_store("outbox").await;
    let (person, stranger) = (Uuid::now_v7(), Uuid::now_v7());
    let now = Utc::now();
    let mut ids = Vec::new();
    for key in ["a", "b", "c"] {
        let mut n = sms(person, Some(key), now);
        n.channel = Channel::Cabinet;
        n.recipient = None;
        n.args.insert("key".into(), key.into());
        ids.push(store.enqueue_notification(&n).await.unwrap().unwrap());
    }

    // Act
    let list = store.person_notifications(person, 2).await.unwrap();
    let read = store.mark_notification_read(person, ids[2]).await;
    let again = store.mark_notification_read(person, ids[2]).await;
    let foreign = store.mark_notification_read(stranger, ids[1]).await;

    // Assert
    assert_eq!(list.iter().map(|n| n.id).collect::<Vec<_>>(), vec![ids[2], ids[1]], "newest first, limited");
    assert_eq!(list[0].args["key"], "c", "arguments are opened");
    assert_eq!(list[0].channel, Channel::Cabinet);
    assert!(read.is_ok() && again.is_ok());
    assert!(matches!(foreign, Err(StoreError::NotFound(_))), "{foreign:?}");
    let after = store.person_notifications(person, 10).await.unwrap();
    assert!(after.iter().find(|n| n.id == ids[2]).unwrap().read_at.is_some());
    assert!(after.iter().find(|n| n.id == ids[1]).unwrap().read_at.is_none());
    assert!(store.person_notifications(stranger, 10).await.unwrap().is_empty());
}

/// A visa-free worker from Uzbekistan who entered `days_ago` days ago, with a phone and
/// optionally an e-mail.
async fn worker(store: &Store, days_ago: u64, email: bool) -> Uuid {
    let today = rosmigration_store::status::today();
    let mut changes = vec![
        Change::Registered {
            name: NameVariant {
                form: NameForm::Latin,
                surname: "YUSUPOV".into(),
                given_names: "JAMSHID".into(),
                patronymic: None,
            },
            birth_date: PartialDate::new(1994, Some(3), Some(12)).unwrap(),
            sex: Sex::Male,
            citizenship: Country::parse("UZB").unwrap(),
        },
        Change::ContactAdded(Contact {
            id: Uuid::now_v7(),
            value: ContactValue::Phone(Phone::parse("+998901234567").unwrap()),
        }),
        Change::BorderCrossed(Crossing {
            on: today - Days::new(days_ago),
            direction: Direction::Entry,
            purpose: VisitPurpose::Work,
        }),
    ];
    if email {
        changes.push(Change::ContactAdded(Contact {
            id: Uuid::now_v7(),
            value: ContactValue::Email(Email::parse("jamshid@example.uz").unwrap()),
        }));
    }
    let prov =
        Provenance { source: SourceAgency::Registry, source_record: None, actor: Actor::system(), at: Utc::now() };
    let (p, _) =
        store.create_person(changes, &Default::default(), prov, AuditEntry::new("person.create")).await.unwrap();
    p.id
}

#[tokio::test]
async fn the_reminder_run_queues_each_reason_once_per_channel_in_the_persons_language() {
    // Arrange: a worker 25 days after entry (the PAT-2 application is due within 30 days), one
    // who entered today (nothing due within 7 days), one with e-mail who chose English.
    let (store, _g) = fresh_store("outbox").await;
    let on: NaiveDate = rosmigration_store::status::today();
    let due = worker(&store, 25, false).await;
    let fresh = worker(&store, 0, false).await;
    let english = worker(&store, 25, true).await;
    store.set_person_lang(english, Lang::En).await.unwrap();
    // 23:00 in Kazan: SMS and e-mail wait for 09:00.
    let night = on.and_hms_opt(20, 0, 0).unwrap().and_utc();
    let o = ReminderOptions::new(on, night, msk());

    // Act
    let first = store.run_reminders(&o, |_, _| {}).await.unwrap();
    let second = store.run_reminders(&o, |_, _| {}).await.unwrap();

    // Assert
    assert_eq!(first.candidates, 2, "the fresh arrival's next deadline is further than 7 days: {first:?}");
    assert_eq!(first.persons_reminded, 2);
    assert!(first.by_template.contains_key("reminder-deadline"), "{first:?}");
    assert!(first.queued > 0);
    assert_eq!(second.queued, 0, "a second run queues nothing new: {second:?}");
    assert_eq!(second.already_queued, first.queued);
    assert!(store.person_notifications(fresh, 10).await.unwrap().is_empty());

    let mine = store.person_notifications(due, 100).await.unwrap();
    let app = mine
        .iter()
        .find(|n| {
            n.args.get("step").and_then(|s| s.as_str()) == Some("patent_application") && n.channel == Channel::Cabinet
        })
        .expect("the PAT-2 application reminder");
    assert_eq!(app.args["days"], 5);
    assert_eq!(app.lang, Lang::Uz, "the citizenship's language");
    let channels: Vec<Channel> = mine.iter().filter(|n| n.args == app.args).map(|n| n.channel).collect();
    assert_eq!(channels.len(), 2, "cabinet and SMS (no e-mail address): {channels:?}");
    assert!(channels.contains(&Channel::Sms));
    let theirs = store.person_notifications(english, 100).await.unwrap();
    assert!(theirs.iter().all(|n| n.lang == Lang::En));
    assert!(theirs.iter().any(|n| n.channel == Channel::Email));

    // Quiet hours: the cabinet message is there at once, SMS waits for 09:00 Kazan time.
    let lease = TimeDelta::minutes(5);
    let at_night =
        store.claim_notifications(&[Channel::Sms, Channel::Email, Channel::Cabinet], night, lease, 1000).await.unwrap();
    assert!(!at_night.is_empty());
    assert!(at_night.iter().all(|n| n.channel == Channel::Cabinet), "no SMS or e-mail at night");
    let morning = (on + Days::new(1)).and_hms_opt(6, 0, 0).unwrap().and_utc();
    let sms_now = store.claim_notifications(&[Channel::Sms], morning, lease, 1000).await.unwrap();
    assert!(!sms_now.is_empty(), "SMS go at 09:00");
    assert_eq!(sms_now.iter().find(|n| n.person_id == Some(due)).unwrap().recipient.as_deref(), Some("+998901234567"));
}

#[tokio::test]
async fn a_booking_tomorrow_is_reminded_once_even_without_a_deadline() {
    // Arrange: a person who entered today (no deadline within 7 days) with a medical
    // examination booked for tomorrow 10:30 Kazan time, and a cancelled booking beside it.
    let (store, _g) = fresh_store("outbox").await;
    let on = rosmigration_store::status::today();
    let person = worker(&store, 0, false).await;
    let starts = (on + Days::new(1)).and_hms_opt(7, 30, 0).unwrap().and_utc();
    let (booked, cancelled) = (Uuid::now_v7(), Uuid::now_v7());
    for (id, state) in [(booked, "booked"), (cancelled, "cancelled")] {
        let sql = "INSERT INTO bookings (id, person_id, slot_id, org_id, step, starts_at, state, booked_by, created_at, updated_at)
                   VALUES ($1, $2, $3, $4, 'medical_exam', $5, $6, $2, $7, $7)";
        let now = Utc::now();
        // Distinct steps: one active booking per (person, step) is the booking tables' rule.
        let sql =
            if state == "cancelled" { sql.replace("'medical_exam'", "'fingerprinting'") } else { sql.to_string() };
        match &store.db {
            Db::Sqlite { write, .. } => {
                sqlx::query(&sql)
                    .bind(id)
                    .bind(person)
                    .bind(Uuid::now_v7())
                    .bind(Uuid::now_v7())
                    .bind(starts)
                    .bind(state)
                    .bind(now)
                    .execute(write)
                    .await
                    .unwrap();
            }
            Db::Postgres(p) => {
                sqlx::query(&sql)
                    .bind(id)
                    .bind(person)
                    .bind(Uuid::now_v7())
                    .bind(Uuid::now_v7())
                    .bind(starts)
                    .bind(state)
                    .bind(now)
                    .execute(p)
                    .await
                    .unwrap();
            }
        }
    }
    let o = ReminderOptions::new(on, on.and_hms_opt(9, 0, 0).unwrap().and_utc(), msk());

    // Act
    let first = store.run_reminders(&o, |_, _| {}).await.unwrap();
    let second = store.run_reminders(&o, |_, _| {}).await.unwrap();

    // Assert
    assert_eq!(first.candidates, 1, "{first:?}");
    assert_eq!(first.by_template.get("reminder-booking"), Some(&1), "only the active booking: {first:?}");
    assert_eq!(first.queued, 2, "cabinet and SMS");
    assert_eq!(second.queued, 0);
    let n = store.person_notifications(person, 10).await.unwrap();
    let b = n.iter().find(|n| n.template == "reminder-booking").unwrap();
    assert_eq!(b.args["time"], "10:30");
    assert_eq!(b.args["step"], "medical_exam");
    assert_eq!(b.lang, Lang::Uz);
}
