//! The notifications dispatcher over real network paths: a local SMTP sink and a fake SMS
//! gateway on loopback, a fresh database (SQLite; PostgreSQL too when
//! `ROSMIGRATION_TEST_POSTGRES_URL` is set), and the shipped templates.

mod login_code;
mod support;
mod templates;

use std::sync::Arc;
use std::time::Duration;
use store::testing::{TestDatabase, fresh_store};

use chrono::{Days, TimeDelta, Utc};
use domain::lang::Lang;
use rosmigration_server::ServerConfig;
use rosmigration_server::i18n::I18n;
use rosmigration_server::notify::email::{SmtpConfig, SmtpTls};
use rosmigration_server::notify::sms::SmsConfig;
use rosmigration_server::notify::{DispatchReport, Dispatcher, Notifier, NotifyConfig, default_quiet_hours};
use store::Store;
use store::outbox::{Channel, NewNotification, RetryPolicy};
use support::{SmsGateway, SmtpSink};
use uuid::Uuid;

/// The world of one test: a store, the SMTP sink, the SMS gateway and a dispatcher for them.
struct World {
    store: Store,
    sink: SmtpSink,
    gateway: SmsGateway,
    config: NotifyConfig,
    i18n: Arc<I18n>,
    _guard: TestDatabase,
}

impl World {
    async fn new(sms_script: &[u16]) -> World {
        let (store, _guard) = fresh_store("notify").await;
        let (sink, port) = SmtpSink::start().await;
        let (gateway, url) = SmsGateway::start(sms_script).await;
        let config = NotifyConfig {
            smtp: Some(SmtpConfig {
                host: "127.0.0.1".into(),
                port,
                tls: SmtpTls::None,
                username: None,
                password: None,
                from: "Миграционный центр <noreply@migration.test>".into(),
                timeout: Duration::from_secs(5),
            }),
            sms: Some(SmsConfig { url, token: Some("gateway-token".into()), timeout: Duration::from_secs(5) }),
            retry: RetryPolicy { base: TimeDelta::minutes(1), cap: TimeDelta::minutes(10), max_attempts: 3 },
            ..NotifyConfig::default()
        };
        let i18n = Arc::new(I18n::load(&ServerConfig::default_assets_dir().join("locales")).unwrap());
        World { store, sink, gateway, config, i18n, _guard }
    }

    fn dispatcher(&self) -> Dispatcher {
        Dispatcher::new(self.store.clone(), self.i18n.clone(), &self.config).unwrap()
    }

    async fn queue(&self, person: Uuid, channel: Channel, to: Option<&str>, lang: Lang) -> Uuid {
        let n = NewNotification {
            person_id: Some(person),
            channel,
            recipient: to.map(str::to_string),
            template: "reminder-deadline".into(),
            args: serde_json::json!({"step": "patent_application", "date": "31.10.2026", "days": 3})
                .as_object()
                .unwrap()
                .clone(),
            lang,
            dedup_key: None,
            not_before: Utc::now(),
        };
        self.store.enqueue_notification(&n).await.unwrap().unwrap()
    }

    async fn state(&self, person: Uuid, id: Uuid) -> String {
        self.store.person_notifications(person, 100).await.unwrap().into_iter().find(|n| n.id == id).unwrap().state
    }
}

#[tokio::test]
async fn each_channel_delivers_in_the_persons_language() {
    // Arrange
    let w = World::new(&[]).await;
    let person = Uuid::now_v7();
    let mail = w.queue(person, Channel::Email, Some("jamshid@example.uz"), Lang::En).await;
    let sms = w.queue(person, Channel::Sms, Some("+992901234567"), Lang::Tg).await;
    let cabinet = w.queue(person, Channel::Cabinet, None, Lang::Ky).await;

    // Act
    let r = w.dispatcher().drain(Utc::now()).await.unwrap();

    // Assert
    assert_eq!(r, DispatchReport { claimed: 3, sent: 3, retried: 0, failed: 0 });
    let mails = w.sink.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec!["jamshid@example.uz"]);
    assert_eq!(mails[0].subject, "Deadline: patent application by 31.10.2026");
    assert!(mails[0].body.contains("3 days left."), "{}", mails[0].body);
    let texts = w.gateway.received();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].authorization.as_deref(), Some("Bearer gateway-token"));
    assert_eq!(texts[0].json["id"], sms.to_string());
    assert_eq!(texts[0].json["to"], "+992901234567");
    let text = texts[0].json["text"].as_str().unwrap();
    assert!(text.starts_with("Хотиррасонӣ: ариза барои патент"), "Tajik: {text}");
    for id in [mail, sms, cabinet] {
        assert_eq!(w.state(person, id).await, "sent");
    }
    // The cabinet renders its message with the same function.
    let listed = w.store.person_notifications(person, 10).await.unwrap();
    let c = listed.iter().find(|n| n.id == cabinet).unwrap();
    let shown = rosmigration_server::notify::render(&w.i18n, c.lang, &c.template, &c.args);
    assert!(shown.subject.starts_with("Мөөнөт: патентке арыз"), "Kyrgyz: {}", shown.subject);
}

#[tokio::test]
async fn a_gateway_error_is_retried_with_backoff_until_it_succeeds() {
    // Arrange: the gateway fails once with 500, then accepts.
    let w = World::new(&[500]).await;
    let person = Uuid::now_v7();
    let id = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;
    let d = w.dispatcher();
    let t0 = Utc::now();

    // Act
    let first = d.drain(t0).await.unwrap();
    let too_early = d.drain(t0 + TimeDelta::seconds(30)).await.unwrap();
    let after_backoff = d.drain(t0 + TimeDelta::seconds(61)).await.unwrap();

    // Assert
    assert_eq!((first.retried, first.sent), (1, 0));
    assert_eq!(too_early.claimed, 0, "waits for the 1-minute backoff");
    assert_eq!(after_backoff.sent, 1);
    assert_eq!(w.gateway.received().len(), 2);
    assert_eq!(w.gateway.received()[1].json["id"], id.to_string(), "the same notification id both times");
    assert_eq!(w.state(person, id).await, "sent");
}

#[tokio::test]
async fn a_4xx_from_the_gateway_or_a_refused_address_is_permanent() {
    let w = World::new(&[400]).await;
    let person = Uuid::now_v7();
    let sms = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;
    let mail = w.queue(person, Channel::Email, Some("reject@example.uz"), Lang::Ru).await;
    let d = w.dispatcher();

    let r = d.drain(Utc::now()).await.unwrap();
    let later = d.drain(Utc::now() + TimeDelta::days(1)).await.unwrap();

    assert_eq!((r.failed, r.retried), (2, 0), "{r:?}");
    assert_eq!(later.claimed, 0, "never tried again");
    assert_eq!(w.gateway.received().len(), 1);
    assert!(w.sink.mails().is_empty());
    assert_eq!(w.state(person, sms).await, "failed");
    assert_eq!(w.state(person, mail).await, "failed");
}

#[tokio::test]
async fn after_the_last_attempt_a_message_is_failed() {
    let w = World::new(&[500, 502, 503, 200]).await;
    let person = Uuid::now_v7();
    let id = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;
    let d = w.dispatcher();
    let t0 = Utc::now();

    // Attempts at 0, +1 min, +3 min (1 + 2); max_attempts = 3.
    let reports = [
        d.drain(t0).await.unwrap(),
        d.drain(t0 + TimeDelta::seconds(61)).await.unwrap(),
        d.drain(t0 + TimeDelta::seconds(185)).await.unwrap(),
    ];
    let after = d.drain(t0 + TimeDelta::days(1)).await.unwrap();

    assert_eq!(reports.map(|r| (r.retried, r.failed)), [(1, 0), (1, 0), (0, 1)]);
    assert_eq!(after.claimed, 0);
    assert_eq!(w.gateway.received().len(), 3);
    assert_eq!(w.state(person, id).await, "failed");
}

#[tokio::test]
async fn a_message_queued_before_a_crash_is_delivered_by_the_next_dispatcher() {
    // Arrange: queued in the transaction of its cause; a dispatcher claims it and dies before
    // sending (nothing is marked).
    let w = World::new(&[]).await;
    let person = Uuid::now_v7();
    let id = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;
    let t0 = Utc::now();
    let crashed = w.store.claim_notifications(&[Channel::Sms], t0, w.config.lease, 10).await.unwrap();
    assert_eq!(crashed.len(), 1);

    // Act: a new dispatcher (a restarted server) during and after the dead one's lease.
    let d = w.dispatcher();
    let during = d.drain(t0 + TimeDelta::minutes(1)).await.unwrap();
    let after = d.drain(t0 + w.config.lease + TimeDelta::seconds(1)).await.unwrap();

    // Assert
    assert_eq!(during.claimed, 0);
    assert_eq!(after.sent, 1);
    assert_eq!(w.state(person, id).await, "sent");
    assert_eq!(w.gateway.received().len(), 1);
}

#[tokio::test]
async fn the_background_dispatcher_delivers_when_woken() {
    let w = World::new(&[]).await;
    let notifier = Notifier::new();
    let mut config = w.config.clone();
    config.reminders_at = None;
    config.poll = Duration::from_secs(3600);
    notifier.start(w.store.clone(), w.i18n.clone(), config).unwrap();
    let person = Uuid::now_v7();
    let id = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;

    notifier.wake();

    // Wait for the delivery (bounded, not a timing assertion).
    for _ in 0..200 {
        if w.state(person, id).await == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(w.state(person, id).await, "sent");
    assert_eq!(w.gateway.received().len(), 1);
}

#[tokio::test]
async fn reminders_wait_for_the_end_of_quiet_hours_except_in_the_cabinet() {
    // Arrange: a worker 25 days after entry, the run at 23:00 Kazan time.
    let w = World::new(&[]).await;
    let person = templates::worker(&w.store).await;
    let on = store::status::today();
    let night = on.and_hms_opt(20, 0, 0).unwrap().and_utc();
    let o = store::reminders::ReminderOptions::new(on, night, default_quiet_hours());
    let queued = w.store.run_reminders(&o, |_, _| {}).await.unwrap();
    assert!(queued.queued > 0);
    let d = w.dispatcher();

    // Act
    let at_night = d.drain(night).await.unwrap();
    let sms_at_night = w.gateway.received().len();
    let morning = d.drain((on + Days::new(1)).and_hms_opt(6, 0, 0).unwrap().and_utc()).await.unwrap();

    // Assert
    assert!(at_night.sent > 0, "cabinet messages at once");
    assert_eq!(sms_at_night, 0, "no SMS at night");
    assert!(morning.sent > 0);
    let texts = w.gateway.received();
    assert!(!texts.is_empty());
    assert!(texts.iter().all(|t| t.json["to"] == "+998901234567"));
    assert!(texts.iter().any(|t| t.json["text"].as_str().unwrap().contains("patent uchun ariza")), "Uzbek: {texts:?}");
    let all = w.store.person_notifications(person, 100).await.unwrap();
    assert!(all.iter().all(|n| n.state == "sent"));
}

#[tokio::test]
async fn without_a_gateway_sms_wait_unless_the_demo_writes_them_to_the_log() {
    // Arrange: no gateway configured.
    let mut w = World::new(&[]).await;
    w.config.sms = None;
    let person = Uuid::now_v7();
    let id = w.queue(person, Channel::Sms, Some("+998901234567"), Lang::Uz).await;

    // Act + Assert: a production dispatcher does not claim SMS at all; they wait.
    let r = w.dispatcher().drain(Utc::now()).await.unwrap();
    assert_eq!(r.claimed, 0);
    assert_eq!(w.state(person, id).await, "pending");

    // The demo's dispatcher logs them instead and marks them sent; nothing reaches a gateway.
    w.config.sms_to_log = true;
    let r = w.dispatcher().drain(Utc::now()).await.unwrap();
    assert_eq!((r.claimed, r.sent), (1, 1));
    assert_eq!(w.state(person, id).await, "sent");
    assert!(w.gateway.received().is_empty());
}
