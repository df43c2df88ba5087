//! The staff workstations' pages through the real router and a cookie session: every page for
//! every role (allowed: 200 and its content; refused: an HTML 403 page, never JSON), the HTML
//! error pages, and the forms of the officer and the administrator (post, redirect, the outcome,
//! and the change in the history or the audit log).

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, logged_in};

/// Staff pages and the roles that may open them.
const PAGES: [(&str, &[Role]); 11] = [
    ("/officer", &[Role::MigrationOfficer]),
    ("/officer/worklists", &[Role::MigrationOfficer]),
    ("/officer/review", &[Role::MigrationOfficer]),
    ("/officer/quarantine", &[Role::MigrationOfficer]),
    ("/officer/merges", &[Role::MigrationOfficer]),
    ("/admin", &[Role::Admin]),
    ("/admin/accounts", &[Role::Admin]),
    ("/admin/orgs", &[Role::Admin]),
    ("/admin/audit", &[Role::Admin]),
    ("/admin/operations", &[Role::Admin]),
    ("/analyst", &[Role::Analyst, Role::MigrationOfficer, Role::Admin]),
];

fn username(r: Role) -> String {
    r.code().replace('_', "-")
}

/// Every message id of the Russian translations: a page that shows one as text has a missing
/// message (a template asking for a key that does not exist).
fn message_ids() -> &'static Vec<String> {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let dir = crate::server::ServerConfig::default_assets_dir().join("locales/ru");
        let mut ids = vec![];
        for f in std::fs::read_dir(dir).unwrap() {
            for line in std::fs::read_to_string(f.unwrap().path()).unwrap().lines() {
                if let Some((k, _)) = line.split_once(" = ")
                    && !k.starts_with(['#', ' ', '.'])
                {
                    ids.push(k.to_string());
                }
            }
        }
        ids
    })
}

/// Text of the page that looks like an untranslated message id: `>centre-step-x<` and the like.
fn raw_ids(body: &str) -> Vec<String> {
    let prefixes: std::collections::BTreeSet<String> =
        message_ids().iter().filter_map(|k| k.split('-').next()).map(|p| format!(">{p}-")).collect();
    let mut found = vec![];
    for p in &prefixes {
        for (i, _) in body.match_indices(p.as_str()) {
            let rest = &body[i + 1..];
            let word: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
            // A family of messages (`cab-step-…`) asked for a member it lacks.
            let family = word.rsplit_once('-').map(|(f, _)| format!("{f}-"));
            let id_like = word.matches('-').count() >= 2 || word.contains('_');
            if rest[word.len()..].starts_with('<')
                && id_like
                && family.is_some_and(|f| message_ids().iter().any(|k| k.starts_with(&f)))
            {
                found.push(word);
            }
        }
    }
    found
}

async fn html(c: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = c.get(app.url(path)).header("accept", "text/html").send().await.unwrap();
    let status = r.status();
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let cache = r.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = r.text().await.unwrap();
    if status != StatusCode::SEE_OTHER {
        assert!(ct.starts_with("text/html"), "{path}: {status} answered {ct}: {body}");
        assert_eq!(cache, "no-store", "{path}: staff pages are never cached");
        let raw = raw_ids(&body);
        assert!(raw.is_empty(), "{path}: untranslated message ids {raw:?}");
    }
    (status, body)
}

#[tokio::test]
async fn every_staff_page_answers_its_roles_and_refuses_the_others_with_an_html_page() {
    let app = TestApp::spawn().await;
    for role in Role::ALL {
        let c = logged_in(&app, &username(role)).await;
        for (path, allowed) in PAGES {
            let (status, body) = html(&c, &app, path).await;
            if allowed.contains(&role) {
                assert_eq!(status, StatusCode::OK, "{role:?} {path}: {body}");
                assert!(body.contains("<nav class=\"menu\""), "{role:?} {path}: the staff navigation");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} {path}");
                assert!(
                    body.contains("Ошибка 403") && body.contains("недоступны для вашей роли"),
                    "{role:?} {path}: {body}"
                );
            }
        }
    }
}

#[tokio::test]
async fn each_role_lands_on_its_work_and_sees_only_its_navigation() {
    let app = TestApp::spawn().await;
    let cases = [
        (Role::MigrationOfficer, "/officer"),
        (Role::Admin, "/admin"),
        (Role::Analyst, "/analyst"),
        (Role::ServicePoint, "/centre/point"),
        (Role::TaxOfficer, "/persons"),
        (Role::LawEnforcement, "/persons"),
        (Role::Employer, "/persons"),
        (Role::Migrant, "/cabinet"),
    ];
    for (role, landing) in cases {
        let c = logged_in(&app, &username(role)).await;
        let r = c.get(app.url("/")).send().await.unwrap();
        assert_eq!(r.headers()["location"], landing, "{role:?}");
    }
    let admin = logged_in(&app, "admin").await;
    let (_, body) = html(&admin, &app, "/admin").await;
    assert!(!body.contains("href=\"/persons\""), "the administrator has no person search");
    assert!(body.contains("href=\"/admin/oversight\""));
    let officer = logged_in(&app, "migration-officer").await;
    let (_, body) = html(&officer, &app, "/officer").await;
    assert!(!body.contains("href=\"/admin/accounts\""));
    assert!(body.contains("href=\"/officer/review\"") && body.contains("href=\"/officer/quarantine\""));
}

#[tokio::test]
async fn the_front_page_leads_to_the_three_ways_in() {
    let app = TestApp::spawn().await;
    let (status, body) = html(&app.client, &app, "/").await;
    assert_eq!(status, StatusCode::OK);
    for link in ["href=\"/login\"", "href=\"/cabinet/login\"", "href=\"/check\""] {
        assert!(body.contains(link), "{link}");
    }
}

#[tokio::test]
async fn browsers_get_html_error_pages_and_the_api_keeps_problem_json() {
    let app = TestApp::spawn().await;
    let (status, body) = html(&app.client, &app, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Ошибка 404") && body.contains("Такой страницы нет"));
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .header("accept", "text/html")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Error 404"), "in the page's language");
    let r = app.client.get(app.url("/api/no/such")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["content-type"], "application/problem+json", "the API stays JSON");
    let officer = logged_in(&app, "migration-officer").await;
    let (status, body) = html(&officer, &app, "/persons/not-a-uuid").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Ошибка 400"), "{body}");
    let (status, body) = html(&officer, &app, &format!("/persons/{}", uuid::Uuid::now_v7())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("nav class=\"menu\""), "the error page keeps the user's navigation");
}

#[tokio::test]
async fn the_person_page_has_a_timeline_a_golden_record_and_an_access_log() {
    let app = TestApp::spawn().await;
    let officer = logged_in(&app, "migration-officer").await;
    let id = app.fx.worker;
    let (status, body) = html(&officer, &app, &format!("/persons/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for tab in ["/history", "/golden", "/access"] {
        assert!(body.contains(&format!("/persons/{id}{tab}")), "tab {tab}: {body}");
    }
    let (status, body) = html(&officer, &app, &format!("/persons/{id}/history")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("постановка на учёт в реестре"), "the first event");
    let (status, body) = html(&officer, &app, &format!("/persons/{id}/golden")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("AA1234567") && body.contains("Источник"), "{body}");
    let (status, body) = html(&officer, &app, &format!("/persons/{id}/access")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("просмотр сводных данных"), "the golden-record read is in the log, in words: {body}");
    let (status, _) = html(&officer, &app, &format!("/persons/{id}/history?cursor=-4")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a foreign cursor is refused, not a 500");
    // Tax officers read profiles but not the history.
    let tax = logged_in(&app, "tax-officer").await;
    let (_, body) = html(&tax, &app, &format!("/persons/{id}")).await;
    assert!(!body.contains(&format!("/persons/{id}/history")), "no history tab for the tax officer");
    let (status, _) = html(&tax, &app, &format!("/persons/{id}/history")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn an_officer_corrects_a_person_through_the_form_and_the_history_shows_it_once() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "migration-officer").await;
    let id = app.fx.worker;
    let names_added = |events: &[domain::event::PersonEvent]| {
        events.iter().filter(|e| e.changes.iter().any(|c| c.kind() == "name_added")).count()
    };
    let before = names_added(&app.store.history(id, 0, 100).await.unwrap().items);
    let (_, page) = html(&c, &app, &format!("/officer/persons/{id}/correct")).await;
    let csrf = csrf_of(&page);
    let idem = page.split("name=\"idem\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("idem", idem.as_str()),
        ("kind", "add_name"),
        ("form", "latin"),
        ("surname", "BAKYT UULU"),
        ("given_names", "AZAMAT"),
        ("reason", "passport shown at the desk"),
    ];
    let r = c.post(app.url(&format!("/officer/persons/{id}/correct"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/persons/{id}/history?ok=corrected"));
    // The same form sent twice records nothing twice.
    let r = c.post(app.url(&format!("/officer/persons/{id}/correct"))).form(&form).send().await.unwrap();
    assert_eq!(
        r.headers()["location"],
        format!("/persons/{id}/history?ok=corrected"),
        "a double submit answers like the first and records nothing"
    );
    let (_, body) = html(&c, &app, &format!("/persons/{id}/history?ok=corrected")).await;
    assert!(body.contains("Исправление записано"), "the outcome line");
    assert!(body.contains("добавлено написание имени"), "the event in the timeline");
    assert!(body.contains("BAKYT UULU"), "with what it added");
    // No reason, no correction; a forged CSRF token, no correction.
    let r = c
        .post(app.url(&format!("/officer/persons/{id}/correct")))
        .form(&[("csrf", csrf.as_str()), ("kind", "add_contact"), ("contact_kind", "phone"), ("value", "+79001112233")])
        .send()
        .await
        .unwrap();
    assert!(r.headers()["location"].to_str().unwrap().ends_with("error=required"));
    let r = c
        .post(app.url(&format!("/officer/persons/{id}/correct")))
        .form(&[
            ("csrf", "forged"),
            ("kind", "add_contact"),
            ("contact_kind", "phone"),
            ("value", "+79001112233"),
            ("reason", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.headers()["location"].to_str().unwrap().ends_with("error=csrf"));
    // Only officers correct.
    let tax = logged_in(&app, "tax-officer").await;
    let r = tax.post(app.url(&format!("/officer/persons/{id}/correct"))).form(&form).send().await.unwrap();
    assert!(r.headers()["location"].to_str().unwrap().contains("error="));
    let after = names_added(&app.store.history(id, 0, 100).await.unwrap().items);
    assert_eq!(after, before + 1, "one event for two submissions of one form");
}

#[tokio::test]
async fn an_administrator_creates_disables_and_resets_accounts_through_forms() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "admin").await;
    let (_, page) = html(&c, &app, "/admin/accounts").await;
    let csrf = csrf_of(&page);
    let r = c
        .post(app.url("/admin/accounts"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ivanova"),
            ("display_name", "Иванова А. П."),
            ("role", "migration_officer"),
            ("org_id", ""),
            ("password", "a-long-enough-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/admin/accounts?ok=account-created");
    let (_, page) = html(&c, &app, "/admin/accounts?ok=account-created").await;
    assert!(page.contains("ivanova") && page.contains("Учётная запись создана"));
    // A short password is refused by name.
    let r = c
        .post(app.url("/admin/accounts"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "petrov"),
            ("display_name", "Петров"),
            ("role", "analyst"),
            ("password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/admin/accounts?error=password-short");
    let ivanova =
        app.store.list_accounts(None, 100).await.unwrap().items.into_iter().find(|a| a.username == "ivanova").unwrap();
    let (lc, token) = crate::helpers::login_page(&app).await;
    let r = lc
        .post(app.url("/login"))
        .form(&[("username", "ivanova"), ("password", "a-long-enough-password"), ("login_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the new account logs in");
    let officer = lc;
    let r = c
        .post(app.url(&format!("/admin/accounts/{}/password", ivanova.id)))
        .form(&[("csrf", csrf.as_str()), ("password", "another-long-password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/admin/accounts?ok=password-reset");
    let r = officer.get(app.url("/officer")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the reset ended the old session");
    let r = c
        .post(app.url(&format!("/admin/accounts/{}/disable", ivanova.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/admin/accounts?ok=account-disabled");
    assert!(app.store.get_account(ivanova.id).await.unwrap().disabled);
    // An officer cannot use the administrator's forms.
    let other = logged_in(&app, "migration-officer").await;
    let r = other
        .post(app.url(&format!("/admin/accounts/{}/enable", ivanova.id)))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.headers()["location"].to_str().unwrap().contains("error="));
    assert!(app.store.get_account(ivanova.id).await.unwrap().disabled);
}

#[tokio::test]
async fn the_audit_check_and_the_oversight_page_show_their_results() {
    let app = TestApp::spawn().await;
    // Law enforcement reads two persons with a legal basis.
    for id in [app.fx.worker, app.fx.other] {
        let (s, _) =
            app.get(Role::LawEnforcement, &format!("/api/persons/{id}?legal_basis=police-13&case_number=12-345")).await;
        assert_eq!(s, StatusCode::OK);
    }
    let c = logged_in(&app, "admin").await;
    let (_, page) = html(&c, &app, "/admin/oversight").await;
    assert!(page.contains("Test law_enforcement (law-enforcement)"), "{page}");
    assert!(
        page.contains("<td class=\"num\">2 ⚠"),
        "two persons in the hour, over the test's threshold of one: {page}"
    );
    let (_, desk) = html(&c, &app, "/admin").await;
    assert!(desk.contains("Test law_enforcement (law-enforcement): 2"), "the alert on the desk: {desk}");
    let (_, page) = html(&c, &app, "/admin/audit").await;
    let r = c.post(app.url("/admin/audit")).form(&[("csrf", csrf_of(&page).as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Журнал цел"));
}

#[tokio::test]
async fn the_quarantine_page_shows_a_row_as_sent_and_discards_it_with_a_reason() {
    let app = TestApp::spawn().await;
    let csv = "НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита\nПГ-1;Каримов;Хуршид;;31.02.1990;М;УЗБЕКИСТАН;FA;7654321;03.09.2026;ВЪЕЗД;РАБОТА\n";
    let r = app
        .req(Role::MigrationOfficer, reqwest::Method::POST, "/api/intake/mvd?mapping=mvd-crossings")
        .header("content-type", "text/csv")
        .body(csv.as_bytes().to_vec())
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body: serde_json::Value = r.json().await.unwrap_or(json!({}));
    assert!(status.is_success(), "{status} {body}");
    let c = logged_in(&app, "migration-officer").await;
    let (_, list) = html(&c, &app, "/officer/quarantine?source=mvd").await;
    let id =
        list.split("/officer/quarantine/").nth(1).map(|s| s[..36].to_string()).expect("a quarantined row is listed");
    let (_, item) = html(&c, &app, &format!("/officer/quarantine/{id}")).await;
    assert!(item.contains("31.02.1990") && item.contains("Каримов"), "the row as sent");
    let r = c
        .post(app.url(&format!("/officer/quarantine/{id}/discard")))
        .form(&[("csrf", csrf_of(&item).as_str()), ("reason", "")])
        .send()
        .await
        .unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.ends_with("error=required"), "a reason is required: {loc}");
    let r = c
        .post(app.url(&format!("/officer/quarantine/{id}/discard")))
        .form(&[("csrf", csrf_of(&item).as_str()), ("reason", "duplicate of a corrected row")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/officer/quarantine?ok=discarded");
    let (_, list) = html(&c, &app, "/officer/quarantine?source=mvd&state=discarded").await;
    assert!(list.contains(&id));
}

#[tokio::test]
async fn law_enforcement_reads_only_on_a_listed_ground_with_a_case_number() {
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    let (s, v) = app.get(Role::LawEnforcement, &format!("/api/persons/{id}?legal_basis=because&case_number=1")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["type"], "https://rosmigration.invalid/problems/legal-basis-unknown");
    let c = logged_in(&app, "law-enforcement").await;
    let (status, page) = html(&c, &app, &format!("/persons/{id}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("value=\"upk-144\"") && page.contains("name=\"case_number\""), "the grounds to choose from");
    let (status, page) = html(&c, &app, &format!("/persons/{id}?legal_basis=because&case_number=1")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("Выберите правовое основание из списка"));
    let (status, _) = html(&c, &app, &format!("/persons/{id}?legal_basis=upk-144&case_number=12-1")).await;
    assert_eq!(status, StatusCode::OK);
    // The person sees the read as law enforcement's, with the law, never the officer's name.
    let (_, log) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/access-log")).await;
    let read =
        log.as_array().unwrap().iter().find(|e| e["role"] == "law_enforcement").expect("the read is logged").clone();
    assert_eq!(read["legal_basis"], "УПК РФ, ст. 144 (проверка сообщения о преступлении)");
    assert_eq!(read["case_number"], "12-1");
}

#[tokio::test]
async fn the_engine_s_officer_tasks_are_a_work_list() {
    // Arrange: a passport of the person expired ten days ago (the engine raises a task).
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    let today = domain::clock::today();
    let (s, v) = app
        .post(
            Role::MigrationOfficer,
            &format!("/api/persons/{id}/changes"),
            &json!({"changes": [{"type": "add_document", "document": {"kind": "passport", "issuer": "UZB", "number": "FA0000001",
                "issued_on": crate::helpers::days_ago(3650), "expires_on": crate::helpers::days_ago(10)}}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let c = logged_in(&app, "migration-officer").await;
    // Act
    let (_, desk) = html(&c, &app, "/officer").await;
    let (status, list) = html(&c, &app, &format!("/persons?task_due_to={today}")).await;
    // Assert: the desk counts the person and the list shows them, and only persons with a task.
    assert!(desk.contains(&format!("/persons?task_due_to={today}")), "{desk}");
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&format!("/persons/{id}")), "the person with the expired passport: {list}");
    let counts = app.store.officer_counts(today).await.unwrap();
    assert!(counts.tasks_due >= 1, "{counts:?}");
}

#[tokio::test]
async fn a_refused_form_says_what_is_wrong_in_the_page_s_language() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "migration-officer").await;
    let id = app.fx.worker;
    let (_, page) = html(&c, &app, &format!("/officer/persons/{id}/correct")).await;
    let r = c
        .post(app.url(&format!("/officer/persons/{id}/correct")))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("kind", "add_contact"),
            ("contact_kind", "phone"),
            ("value", "ABC"),
            ("reason", "told at the desk"),
        ])
        .send()
        .await
        .unwrap();
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("error=phone-format"), "{to}");
    let (_, body) = html(&c, &app, &to).await;
    assert!(body.contains("Номер телефона записан неверно"), "the validation code's own words");
    let r = c.get(app.url(&to)).header("accept-language", "uz").send().await.unwrap().text().await.unwrap();
    assert!(!r.contains("Номер телефона записан неверно"), "not Russian on an Uzbek page");
}
