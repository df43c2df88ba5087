//! The web skeleton: login, search, profile, language, escaping.

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, logged_in, login_page};

#[tokio::test]
async fn login_page_is_russian_first_and_english_on_request() {
    let app = TestApp::spawn().await;
    let ru = app.client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(ru.contains("Вход") && ru.contains("lang=\"ru\""), "Russian by default");
    let en = app
        .client
        .get(app.url("/login"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("Log in") && en.contains("lang=\"en\""));
    let r = app.client.get(app.url("/lang/en")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("rm_lang=en"));
    let r = app.client.get(app.url("/lang/xx")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn wrong_password_and_stale_form_show_an_error_and_create_no_session() {
    let app = TestApp::spawn().await;
    let (c, token) = login_page(&app).await;
    let r = c
        .post(app.url("/login"))
        .form(&[("username", "migration-officer"), ("password", "nope-nope-nope"), ("login_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Неверное имя пользователя или пароль"));
    let r = c
        .post(app.url("/login"))
        .form(&[("username", "migration-officer"), ("password", PASSWORD), ("login_csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Форма устарела"));
    let r = c.get(app.url("/persons")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "no session was created");
}

#[tokio::test]
async fn officer_searches_and_opens_a_profile_and_the_read_is_logged() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "migration-officer").await;
    let r = c.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/officer");
    let html = c.get(app.url("/persons?name=yusupov")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Юсупов Жамшид Рустамович"), "Latin query finds the Cyrillic name");
    assert!(html.contains(&format!("/persons/{}", app.fx.worker)));
    let partial = c
        .get(app.url("/persons?name=yusupov"))
        .header("hx-request", "true")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!partial.contains("<html"), "htmx gets only the results");
    let html = c.get(app.url(&format!("/persons/{}", app.fx.worker))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("AA1234567") && html.contains("YUSUPOV"));
    let (_, log) = app.get(domain::access::Role::Migrant, "/api/me/access-log").await;
    assert!(log["entries"].as_array().unwrap().iter().filter(|e| e["action"] == "person.view").count() >= 1);
}

#[tokio::test]
async fn pages_escape_what_users_typed() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "migration-officer").await;
    let html =
        c.get(app.url("/persons?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>alert(1)</script>"), "raw script echoed");
    assert!(html.contains("&lt;script&gt;"), "escaped");
}

#[tokio::test]
async fn employer_and_law_enforcement_pages_respect_their_limits() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "employer").await;
    let html = c.get(app.url("/persons")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Юсупов"), "the employer's worker is listed");
    assert!(!html.contains("Каримов"), "others are not");
    let r = c.get(app.url(&format!("/persons/{}", app.fx.other))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let le = logged_in(&app, "law-enforcement").await;
    let html = le.get(app.url(&format!("/persons/{}", app.fx.other))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Правовое основание"), "asked for the legal basis first");
    let html = le
        .get(app.url(&format!("/persons/{}?legal_basis=police-13&case_number=1", app.fx.other)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Каримов"));
}

fn ftl_keys(lang: &str) -> std::collections::BTreeSet<String> {
    let dir = server_assets().join("locales").join(lang);
    let mut keys = std::collections::BTreeSet::new();
    for f in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((k, _)) = line.split_once(" = ")
                && !k.starts_with(['#', ' ', '.'])
            {
                keys.insert(k.to_string());
            }
        }
    }
    keys
}

fn server_assets() -> std::path::PathBuf {
    crate::server::ServerConfig::default_assets_dir()
}

#[test]
fn every_language_has_every_russian_message() {
    let ru = ftl_keys("ru");
    assert!(ru.len() > 50);
    for entry in std::fs::read_dir(server_assets().join("locales")).unwrap() {
        let lang = entry.unwrap().file_name().to_string_lossy().to_string();
        let other = ftl_keys(&lang);
        let missing: Vec<_> = ru.difference(&other).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[tokio::test]
async fn profile_page_shows_status_and_obligations() {
    let app = TestApp::spawn().await;
    let body = serde_json::json!({"changes": [{"type": "record_crossing", "on": crate::helpers::days_ago(20), "direction": "entry", "purpose": "work"}]});
    let (s, _) = app
        .post(domain::access::Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.other), &body)
        .await;
    assert_eq!(s, StatusCode::OK);
    let c = logged_in(&app, "migration-officer").await;
    let html = c.get(app.url(&format!("/persons/{}", app.fx.other))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("status-in_violation") && html.contains("Есть нарушение"), "status badge");
    assert!(html.contains("REG-3") && html.contains("Обязанности и сроки"), "obligations listed");
    let html = c.get(app.url("/persons?status=IN_VIOLATION")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Каримов"), "work list by status");
}
