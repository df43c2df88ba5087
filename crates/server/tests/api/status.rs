//! Legal status: computed from recorded facts on every write, stored with its explanation,
//! queryable, and recorded in history when it changes.

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, days_ago};

#[tokio::test]
async fn status_follows_the_facts_and_changes_are_history() {
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    // A work entry 20 days ago with no registration: the 15-day period for Uzbek citizens (REG-3)
    // has passed, the 30-day patent application period (PAT-2) is still running.
    let body =
        json!({"changes": [{"type": "record_crossing", "on": days_ago(20), "direction": "entry", "purpose": "work"}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, st) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/status")).await;
    assert_eq!(s, StatusCode::OK, "{st}");
    let ev = &st["evaluation"];
    let find = |rule: &str| {
        ev["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["rule_id"] == rule)
            .cloned()
            .unwrap_or_else(|| panic!("no {rule} in {ev}"))
    };
    let reg = find("REG-3");
    assert_eq!(reg["deadline"], days_ago(5), "15 days from entry: {reg}");
    assert!(reg["explanation_ru"].as_str().unwrap().len() > 20 && reg["explanation_en"].as_str().unwrap().len() > 20);
    assert!(reg["source"].as_str().unwrap().contains("Uzbekistan"), "{reg}");
    let pat = find("PAT-2");
    assert_eq!(pat["deadline"], days_ago(-10), "30 days from entry: {pat}");
    assert_eq!(st["status"], "IN_VIOLATION", "{st}");
    assert_eq!(st["matches_stored"], true, "the explanation is the one the status was computed from");
    assert_eq!(st["next_deadline"], days_ago(-10));

    // Registering the stay (late) and filing: the status is recomputed on the write.
    let (_, h) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/history?limit=200")).await;
    let changes: Vec<&str> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["changes"].as_array().unwrap())
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert!(
        changes.iter().filter(|c| **c == "status_changed").count() >= 2,
        "initial status and the change: {changes:?}"
    );

    // Work lists: by status and by deadline window.
    let (_, v) = app.get(Role::MigrationOfficer, "/api/persons?status=IN_VIOLATION").await;
    assert!(v["items"].as_array().unwrap_or_else(|| panic!("{v}")).iter().any(|p| p["id"] == id.to_string()), "{v}");
    let (_, v) = app
        .get(
            Role::MigrationOfficer,
            &format!("/api/persons?deadline_from={}&deadline_to={}", days_ago(0), days_ago(-14)),
        )
        .await;
    assert!(v["items"].as_array().unwrap().iter().any(|p| p["id"] == id.to_string()), "{v}");
    let (_, v) = app.get(Role::MigrationOfficer, &format!("/api/persons?deadline_to={}", days_ago(30))).await;
    assert!(!v["items"].as_array().unwrap().iter().any(|p| p["id"] == id.to_string()));
    let (s, _) = app.get(Role::MigrationOfficer, "/api/persons?status=LOST").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Reading the status is a read of personal data: ownership applies and it is logged.
    let (s, _) = app.get(Role::Employer, &format!("/api/persons/{id}/status")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.get(Role::Analyst, &format!("/api/persons/{id}/status")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_daily_job_recomputes_when_time_passes() {
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    let body =
        json!({"changes": [{"type": "record_crossing", "on": days_ago(10), "direction": "entry", "purpose": "work"}]});
    let (s, _) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &body).await;
    assert_eq!(s, StatusCode::OK);
    let before = app.store.person_status(&app.store.get_person(id).await.unwrap()).await.unwrap();
    // Same day: nothing to rewrite.
    let r = app.store.recompute_statuses(store::status::today(), 100, |_| {}).await.unwrap();
    assert_eq!(r.persons, 3);
    assert_eq!(r.updated, 0, "{r:?}");
    // The next day only the day counters move (the registration deadline is still four days
    // away): nothing decided changes, so nothing is rewritten.
    let tomorrow = store::status::today() + chrono::Duration::days(1);
    let r = app.store.recompute_statuses(tomorrow, 100, |_| {}).await.unwrap();
    assert_eq!(r.updated, 0, "counting days alone rewrites nothing: {r:?}");
    // Forty days on, the patent application period has run out: the status changes.
    let later = store::status::today() + chrono::Duration::days(40);
    let r = app.store.recompute_statuses(later, 2, |_| {}).await.unwrap();
    assert!(r.updated >= 1 && r.status_changed >= 1, "{r:?}");
    let after = app.store.person_status(&app.store.get_person(id).await.unwrap()).await.unwrap();
    assert_ne!(after.stored_status, before.stored_status, "{:?} → {:?}", before.stored_status, after.stored_status);
    assert!(!after.matches, "today's evaluation is not the one stored for a later day");
    assert_eq!(after.stored_on, Some(later), "the job stored the evaluation of its day");
    let p = app.store.get_person(id).await.unwrap();
    assert_eq!(
        p.status.as_ref().map(|s| s.status.as_str()),
        after.stored_status.as_deref(),
        "history and profile agree"
    );
    let verify = app.store.verify_audit().await.unwrap();
    assert!(verify.ok(), "{:?}", verify.problems);
}

#[tokio::test]
async fn a_patent_application_meets_the_application_deadline() {
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    let pat2 = |st: &serde_json::Value| {
        st["evaluation"]["obligations"].as_array().unwrap().iter().find(|o| o["rule_id"] == "PAT-2").cloned()
    };
    // Entered for work 40 days ago: the 30-day application period (PAT-2) has run out.
    let body =
        json!({"changes": [{"type": "record_crossing", "on": days_ago(40), "direction": "entry", "purpose": "work"}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, st) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/status")).await;
    assert_eq!(pat2(&st).unwrap()["state"], "MISSED", "{st}");

    // The application was in fact filed on day 20: the deadline was met, and a pending
    // application puts the ministry's issuing term (PAT-8) on the record instead.
    let body = json!({"changes": [{"type": "record_notice", "notice": {"kind": "patent_application"}, "filed_on": days_ago(20)}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, st) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/status")).await;
    assert_eq!(pat2(&st).unwrap()["state"], "FULFILLED", "{st}");
    let obligations = st["evaluation"]["obligations"].as_array().unwrap();
    assert!(obligations.iter().any(|o| o["rule_id"] == "PAT-8"), "{st}");
    assert!(st["evaluation"]["violations"].as_array().unwrap().iter().all(|v| v["rule_id"] != "PAT-3"), "{st}");

    // A re-issue must name a patent the person holds.
    let body = json!({"changes": [{"type": "record_notice", "filed_on": days_ago(1),
        "notice": {"kind": "patent_application", "reissue_of": "0190a000-0000-7000-8000-0000000000ff"}}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("0190a000-0000-7000-8000-0000000000ff"), "the error names the unknown patent: {v}");
}
