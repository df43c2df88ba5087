//! A login code is a message someone is waiting for: the cabinet's login wakes the dispatcher
//! after the code is committed, so the SMS leaves at once rather than at the next poll (30 s).

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::access::Role;
use domain::lang::Lang;
use rosmigration_server::app::{AppState, ServerConfig};
use rosmigration_server::notify::sms::SmsConfig;
use rosmigration_server::notify::{Notifier, NotifyConfig};
use serde_json::{Value, json};
use store::accounts::NewAccount;
use store::audit::AuditEntry;
use store::outbox::{Channel, NewNotification};
use store::testing::fresh_store;
use uuid::Uuid;

use crate::support::SmsGateway;

const PHONE: &str = "+998 90 765 43 21";

/// Waits (bounded) until the gateway has received `n` messages; false on timeout.
async fn until_received(gw: &SmsGateway, n: usize, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if gw.received().len() >= n {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn a_login_code_reaches_the_sms_gateway_without_waiting_for_the_poll() {
    // Arrange: a server whose dispatcher polls every 30 s, a person with a phone, and a first
    // message delivered so the dispatcher is known to be asleep in its 30 s pause.
    let (store, _guard) = fresh_store("login_code").await;
    let (gateway, url) = SmsGateway::start(&[]).await;
    let config = ServerConfig::with_defaults("127.0.0.1:0".parse().unwrap());
    let state = AppState::new(store.clone(), config).unwrap();
    let notify = NotifyConfig {
        sms: Some(SmsConfig { url, token: None, timeout: Duration::from_secs(5) }),
        poll: Duration::from_secs(30),
        reminders_at: None,
        ..NotifyConfig::default()
    };
    let notifier: Notifier = state.notifier.clone();
    let i18n = Arc::clone(&state.i18n);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, rosmigration_server::router(state)).await.unwrap() });
    let client = reqwest::Client::new();

    let hash = rosmigration_server::auth::hash_password("a long enough password").unwrap();
    let officer = NewAccount {
        username: "officer".into(),
        display_name: "Officer".into(),
        role: Role::MigrationOfficer,
        org_id: None,
        person_id: None,
        password_hash: hash,
    };
    store.create_account(&officer, AuditEntry::new("test.account")).await.unwrap();
    let token: Value = client
        .post(format!("{base}/api/auth/token"))
        .json(&json!({"username": "officer", "password": "a long enough password"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let person = json!({
        "names": [{"form": "latin", "surname": "TOSHEV", "given_names": "BOBUR"}],
        "birth_date": "1990-01-02",
        "sex": "male",
        "citizenship": "UZB",
        "documents": [{"kind": "passport", "number": "FA7654321", "issued_on": "2021-05-04", "expires_on": "2031-05-03"}],
        "contacts": [{"kind": "phone", "value": PHONE}]
    });
    let r = client
        .post(format!("{base}/api/persons"))
        .bearer_auth(token["token"].as_str().unwrap())
        .json(&person)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);

    let first = NewNotification {
        person_id: Some(Uuid::now_v7()),
        channel: Channel::Sms,
        recipient: Some("+998901111111".into()),
        template: "reminder-deadline".into(),
        args: json!({"step": "patent_application", "date": "31.10.2026", "days": 3}).as_object().unwrap().clone(),
        lang: Lang::Uz,
        dedup_key: None,
        not_before: chrono::Utc::now(),
    };
    store.enqueue_notification(&first).await.unwrap();
    notifier.start(store.clone(), i18n, notify).unwrap();
    assert!(until_received(&gateway, 1, Duration::from_secs(10)).await, "the first pass delivers the queued message");
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Act: ask for a login code.
    let r = client.post(format!("{base}/api/me/login/start")).json(&json!({"phone": PHONE})).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::ACCEPTED);

    // Assert: the code is at the gateway well before the 30 s poll would have sent it.
    assert!(
        until_received(&gateway, 2, Duration::from_secs(3)).await,
        "the login code did not reach the gateway within 3 s (poll interval 30 s)"
    );
    let sms = gateway.received().pop().unwrap();
    let text = sms.json.to_string();
    assert!(text.contains("998907654321"), "sent to the person's phone: {text}");
}
