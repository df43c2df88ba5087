//! Security holes of issue 10 (item 6), each tried from outside: the reduced view, login limits,
//! forwarded-address headers and `Cache-Control`. Each test says what it breaks.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, login_page};
use crate::server::{self, AppState, ServerConfig};

/// A token request as a client at `ip` (the test app trusts loopback as its proxy).
async fn token_from(app: &TestApp, ip: &str, username: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/auth/token"))
        .header("x-real-ip", ip)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

/// Breaks the old reduced view (a full profile with contacts cleared): an employer reading its
/// own worker must get the allow-listed shape, with no payments, crossings, results, notices,
/// contacts, other jobs or the host party of the stay, even when the profile holds them.
#[tokio::test]
async fn an_employer_reads_the_reduced_view_only() {
    let app = TestApp::spawn().await;
    let w = app.fx.worker;
    // Arrange: the worker gets a stay with a private landlord, another job, a crossing and a result.
    let changes = json!({"changes": [
        {"type": "register_stay", "stay": {"from": crate::helpers::days_ago(10), "host": {"kind": "individual", "name": "Арендодатель Петров"},
         "address": {"region": "Татарстан", "locality": "Казань", "street": "ул. Баумана", "house": "7"}}},
        {"type": "record_crossing", "on": crate::helpers::days_ago(20), "direction": "entry", "purpose": "work"},
        {"type": "start_employment", "employment": {"employer_id": app.fx.employer_b, "position": "грузчик-у-других", "from": crate::helpers::days_ago(50)}}
    ]});
    let (st, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{w}/changes"), &changes).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (_, full) = app.get(Role::MigrationOfficer, &format!("/api/persons/{w}")).await;
    let full = full.to_string();
    assert!(full.contains("Арендодатель Петров") && full.contains("crossings"), "{full}");
    // Act
    let (st, v) = app.get(Role::Employer, &format!("/api/persons/{w}")).await;
    // Assert
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["view"], "reduced", "{v}");
    let text = v.to_string();
    for forbidden in
        ["Арендодатель", "individual", "грузчик-у-других", "+998", "crossings", "payments", "results", "notices"]
    {
        assert!(!text.contains(forbidden), "{forbidden} leaked to the employer: {text}");
    }
    assert_eq!(v["current_stay"]["address"]["street"], "ул. Баумана", "{v}");
    assert_eq!(v["employments"].as_array().unwrap().len(), 1, "its own employment only: {v}");
    assert_eq!(v["documents"][0]["number"], "AA1234567");
    // The officer still gets the whole profile.
    assert!(full.contains("\"contacts\""));
    // The web page renders the reduced view for the employer.
    let web = crate::helpers::logged_in(&app, "employer").await;
    let r = web.get(app.url(&format!("/persons/{w}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("ул. Баумана") && page.contains("AA1234567"), "{page}");
    assert!(!page.contains("Арендодатель") && !page.contains("грузчик-у-других"), "{page}");
}

/// Breaks the old per-username lock: five wrong passwords from an attacker used to lock the
/// account for everyone. Now the attacker's (username, address) pair waits, and the owner from
/// another address logs in, by the API and by the web form.
#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out() {
    let app = TestApp::spawn().await;
    let mut statuses = vec![];
    for _ in 0..7 {
        statuses.push(token_from(&app, "203.0.113.66", "admin", "wrong password").await);
    }
    assert_eq!(&statuses[..5], &[StatusCode::UNAUTHORIZED; 5], "{statuses:?}");
    assert_eq!(&statuses[5..], &[StatusCode::TOO_MANY_REQUESTS; 2], "the attacker is slowed: {statuses:?}");
    // Even the right password waits at the attacker's address.
    assert_eq!(token_from(&app, "203.0.113.66", "admin", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    // The owner, elsewhere.
    assert_eq!(token_from(&app, "198.51.100.10", "admin", PASSWORD).await, StatusCode::OK);
    let (c, token) = login_page(&app).await;
    let r = c
        .post(app.url("/login"))
        .header("x-real-ip", "198.51.100.11")
        .form(&[("username", "admin"), ("password", PASSWORD), ("login_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the web login of the owner from another address");
}

/// Breaks a missing per-address limit: one address spraying a password over many usernames is
/// capped after 30 failures in an hour, for every username (even a right password), while other
/// addresses are not.
#[tokio::test]
async fn an_address_is_capped_across_usernames() {
    let app = TestApp::spawn().await;
    for i in 0..30 {
        let st = token_from(&app, "203.0.113.77", &format!("guess-{i}"), "Password123!").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    assert_eq!(token_from(&app, "203.0.113.77", "migration-officer", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    let (c, token) = login_page(&app).await;
    let r = c
        .post(app.url("/login"))
        .header("x-real-ip", "203.0.113.77")
        .form(&[("username", "tax-officer"), ("password", PASSWORD), ("login_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the login page again, with the wait");
    assert_eq!(token_from(&app, "198.51.100.12", "migration-officer", PASSWORD).await, StatusCode::OK);
}

/// Breaks trusting `X-Real-IP` / `X-Forwarded-For` from any peer: a server with no trusted
/// proxy (the default) counts every attempt on the peer's address, so a client that invents a
/// new header per attempt is still capped.
#[tokio::test]
async fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
    let app = TestApp::spawn().await;
    let config =
        ServerConfig { trusted_proxies: vec![], ..ServerConfig::with_defaults("127.0.0.1:0".parse().unwrap()) };
    let state = AppState::new(app.store.clone(), config).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, server::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .unwrap()
    });
    let post = |i: usize, user: String, pw: &'static str| {
        app.client
            .post(format!("{base}/api/auth/token"))
            .header("x-real-ip", format!("10.9.{}.{}", i / 200, i % 200 + 1))
            .header("x-forwarded-for", format!("10.8.{}.{}", i / 200, i % 200 + 1))
            .json(&json!({"username": user, "password": pw}))
            .send()
    };
    for i in 0..30 {
        assert_eq!(post(i, format!("guess-{i}"), "Password123!").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    let r = post(99, "admin".into(), PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the spoofed addresses were believed");
}

/// Breaks responses that a browser or proxy may keep: an API read, a page and an error all say
/// `no-store`; a static file may be cached.
#[tokio::test]
async fn personal_data_responses_are_not_stored() {
    let app = TestApp::spawn().await;
    let cache = |r: &reqwest::Response| r.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string());
    let read =
        app.req(Role::MigrationOfficer, Method::GET, &format!("/api/persons/{}", app.fx.worker)).send().await.unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(cache(&read).as_deref(), Some("no-store"), "API read");
    let page = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(cache(&page).as_deref(), Some("no-store"), "page");
    let missing = app
        .req(Role::MigrationOfficer, Method::GET, &format!("/api/persons/{}", uuid::Uuid::now_v7()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(cache(&missing).as_deref(), Some("no-store"), "error");
    let denied = app.req(Role::Analyst, Method::GET, &format!("/api/persons/{}", app.fx.worker)).send().await.unwrap();
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    assert_eq!(cache(&denied).as_deref(), Some("no-store"), "refusal");
    let css = app.client.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_ne!(cache(&css).as_deref(), Some("no-store"), "static files may be cached");
    let _: Value = read.json().await.unwrap();
}
