//! Least privilege, proven by negative cases: each role tries what it must not do and is refused.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, person_json};

const LE_REASON: &str = "legal_basis=upk-144&case_number=12401920001000123";

#[tokio::test]
async fn who_may_view_which_person() {
    let app = TestApp::spawn().await;
    let fx = app.fx.clone();
    // (role, person, expected status)
    let cases = [
        (Role::MigrationOfficer, fx.other, StatusCode::OK),
        (Role::TaxOfficer, fx.other, StatusCode::OK),
        (Role::Employer, fx.worker, StatusCode::OK),
        (Role::Employer, fx.other, StatusCode::FORBIDDEN),
        (Role::Employer, fx.student, StatusCode::FORBIDDEN),
        (Role::University, fx.student, StatusCode::OK),
        (Role::University, fx.worker, StatusCode::FORBIDDEN),
        (Role::Migrant, fx.worker, StatusCode::OK),
        (Role::Migrant, fx.other, StatusCode::FORBIDDEN),
        (Role::Analyst, fx.other, StatusCode::FORBIDDEN),
        (Role::Admin, fx.other, StatusCode::FORBIDDEN),
        (Role::LawEnforcement, fx.other, StatusCode::FORBIDDEN),
        (Role::AdaptationCentre, fx.other, StatusCode::OK),
    ];
    for (role, id, want) in cases {
        let (s, v) = app.get(role, &format!("/api/persons/{id}")).await;
        assert_eq!(s, want, "{role:?} viewing {id}: {v}");
        if s == StatusCode::FORBIDDEN {
            assert_eq!(v["status"], 403, "{v}");
        }
    }
    // Law enforcement: refused without basis, allowed with basis and case number.
    let (s, v) = app.get(Role::LawEnforcement, &format!("/api/persons/{}?legal_basis=x", fx.other)).await;
    assert_eq!(
        (s, v["type"].as_str().unwrap().ends_with("legal-basis-required")),
        (StatusCode::FORBIDDEN, true),
        "{v}"
    );
    let (s, _) = app.get(Role::LawEnforcement, &format!("/api/persons/{}?{LE_REASON}", fx.other)).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn organisation_accounts_see_a_reduced_profile() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get(Role::Employer, &format!("/api/persons/{}", app.fx.worker)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["contacts"], Value::Null, "an employer does not get the worker's contacts (not even the field)");
    assert_eq!(v["view"], "reduced", "{v}");
    let (_, v) = app.get(Role::MigrationOfficer, &format!("/api/persons/{}", app.fx.worker)).await;
    assert_eq!(v["contacts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn who_may_search_and_within_what_scope() {
    let app = TestApp::spawn().await;
    for role in [Role::Analyst, Role::Admin, Role::Migrant] {
        let (s, v) = app.get(role, "/api/persons?name=Юсупов").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?}: {v}");
    }
    // Employer lists only its own employees, even with no criteria.
    let (s, v) = app.get(Role::Employer, "/api/persons").await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = v["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![app.fx.worker.to_string().as_str()]);
    // University: only its students.
    let (_, v) = app.get(Role::University, "/api/persons?name=Юсупов").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0, "the worker is not a student");
    // Adaptation centre: exact document number only.
    let (s, _) = app.get(Role::AdaptationCentre, "/api/persons?name=Юсупов").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app.get(Role::AdaptationCentre, "/api/persons?document_number=AA1234567").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    // Law enforcement search needs its basis too.
    let (s, _) = app.get(Role::LawEnforcement, "/api/persons?name=Юсупов").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.get(Role::LawEnforcement, &format!("/api/persons?name=Юсупов&{LE_REASON}")).await;
    assert_eq!(s, StatusCode::OK);
    // Officers may not browse the whole registry without a criterion.
    let (s, _) = app.get(Role::MigrationOfficer, "/api/persons").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_officers_write_and_only_admins_administer() {
    let app = TestApp::spawn().await;
    let before = app.person_count().await;
    for role in [
        Role::Admin,
        Role::TaxOfficer,
        Role::Employer,
        Role::University,
        Role::AdaptationCentre,
        Role::LawEnforcement,
        Role::Analyst,
        Role::Migrant,
    ] {
        let (s, v) = app.post(role, "/api/persons", &person_json("Саидов", "AD2222222")).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} creating: {v}");
        let (s, _) = app
            .post(
                role,
                &format!("/api/persons/{}/changes", app.fx.worker),
                &json!({"changes": [{"type": "add_contact", "contact": {"kind": "email", "value": "a@b.ru"}}]}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} changing");
    }
    assert_eq!(app.person_count().await, before);
    for role in [
        Role::MigrationOfficer,
        Role::TaxOfficer,
        Role::Employer,
        Role::University,
        Role::AdaptationCentre,
        Role::LawEnforcement,
        Role::Analyst,
        Role::Migrant,
    ] {
        let (s, _) = app.get(role, "/api/accounts").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} listing accounts");
        let (s, _) = app
            .post(
                role,
                "/api/accounts",
                &json!({"username": "intruder", "display_name": "X", "role": "admin", "password": "long-enough-pw"}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} creating accounts");
        let (s, _) = app.post(role, "/api/audit/verify", &json!({})).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} verifying audit");
        let (s, _) = app.post(role, "/api/organisations", &json!({"kind": "medical_centre", "name": "X"})).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} creating organisations");
    }
    for role in [
        Role::Employer,
        Role::University,
        Role::AdaptationCentre,
        Role::LawEnforcement,
        Role::Migrant,
        Role::TaxOfficer,
    ] {
        let (s, _) = app.get(role, "/api/stats/overview").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} reading statistics");
    }
    let (s, v) = app.get(Role::Analyst, "/api/stats/overview").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 3);
    assert!(v["by_citizenship"][0]["count"].is_null(), "3 < 5: suppressed: {v}");
    let (s, _) = app.get(Role::Migrant, &format!("/api/persons/{}/access-log", app.fx.other)).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a migrant sees only their own access log");
}

#[tokio::test]
async fn no_credentials_bad_token_disabled_account_and_csrf() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url(&format!("/api/persons/{}", app.fx.other))).send().await.unwrap();
    assert_problem(r, StatusCode::UNAUTHORIZED, None).await;
    let r = app.client.get(app.url("/api/me")).bearer_auth("forged").send().await.unwrap();
    assert_problem(r, StatusCode::UNAUTHORIZED, None).await;
    let r = app
        .client
        .post(app.url("/api/auth/token"))
        .json(&json!({"username": "migration-officer", "password": "wrong-password"}))
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::UNAUTHORIZED, None).await;
    // Disabling an account stops its token at once.
    let (s, me) = app.get(Role::Analyst, "/api/me").await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) =
        app.post(Role::Admin, &format!("/api/accounts/{}/disable", me["id"].as_str().unwrap()), &json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get(Role::Analyst, "/api/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // A cookie session must send the CSRF token on writes.
    let c = crate::helpers::logged_in(&app, "migration-officer").await;
    let r = c
        .request(Method::POST, app.url("/api/persons"))
        .json(&person_json("Саидов", "AD2222222"))
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::FORBIDDEN, None).await;
    let r = c.get(app.url(&format!("/api/persons/{}", app.fx.other))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "cookie reads work");
}
