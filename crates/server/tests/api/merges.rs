//! Merge and unmerge through the API: history kept, the merged id redirects, both restored.

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, person_json};

#[tokio::test]
async fn merge_redirects_and_unmerge_restores() {
    // Arrange: two registrations of one man (another passport number each).
    let app = TestApp::spawn().await;
    let a = app.create_ok(&person_json("Юсупов", "FA7000001")).await;
    let b = app.create_ok(&person_json("Юсупов", "FA7000002")).await;
    let (_, before_a) = app.get(Role::MigrationOfficer, &format!("/api/persons/{a}")).await;
    let (_, before_b) = app.get(Role::MigrationOfficer, &format!("/api/persons/{b}")).await;

    // Act: others may not merge; the officer merges b into a.
    let body = json!({"other": b, "reason": "one man registered twice"});
    for role in [Role::Employer, Role::TaxOfficer, Role::Admin, Role::Analyst] {
        let (st, _) = app.post(role, &format!("/api/persons/{a}/merge"), &body).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{role:?}");
    }
    let (st, m) = app.post(Role::MigrationOfficer, &format!("/api/persons/{a}/merge"), &body).await;
    assert_eq!(st, StatusCode::CREATED, "{m}");

    // Assert: both passports on a; b redirects; the merge is in a's history.
    let (_, merged) = app.get(Role::MigrationOfficer, &format!("/api/persons/{a}")).await;
    assert_eq!(merged["documents"].as_array().unwrap().len(), 2, "{merged}");
    let r = app.req(Role::MigrationOfficer, reqwest::Method::GET, &format!("/api/persons/{b}")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(r.headers()["location"], format!("/api/persons/{a}").as_str());
    let (_, h) = app.get(Role::MigrationOfficer, &format!("/api/persons/{a}/history")).await;
    assert!(h.to_string().contains("\"merged\""), "{h}");
    let (st, _) = app.post(Role::MigrationOfficer, &format!("/api/persons/{a}/merge"), &body).await;
    assert_eq!(st, StatusCode::CONFLICT, "merged once");

    // Act: undo.
    let id = m["id"].as_str().unwrap();
    let (st, u) = app
        .post(Role::MigrationOfficer, &format!("/api/merges/{id}/unmerge"), &json!({"reason": "two brothers"}))
        .await;
    assert_eq!(st, StatusCode::OK, "{u}");
    assert_eq!(u["state"], "undone");

    // Assert: both exactly as before, apart from version and time of the last change.
    for (id, before) in [(a, before_a), (b, before_b)] {
        let (st, now) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}")).await;
        assert_eq!(st, StatusCode::OK);
        for field in ["names", "documents", "contacts", "birth_date", "permits", "crossings"] {
            assert_eq!(now[field], before[field], "{id} {field}");
        }
    }
    let (st, _) = app.post(Role::MigrationOfficer, &format!("/api/merges/{id}/unmerge"), &json!({"reason": "x"})).await;
    assert_eq!(st, StatusCode::CONFLICT, "undone once");
}

#[tokio::test]
async fn merge_proposals_are_for_migration_officers_and_a_bad_rejection_changes_nothing() {
    let app = TestApp::spawn().await;
    let (st, list) = app.get(Role::MigrationOfficer, "/api/merge-proposals").await;
    assert_eq!(st, StatusCode::OK, "{list}");
    assert!(list.as_array().is_some(), "{list}");
    for role in [Role::Employer, Role::TaxOfficer, Role::Analyst, Role::Admin] {
        let (st, _) = app.get(role, "/api/merge-proposals").await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{role:?}");
    }
    let missing = uuid::Uuid::now_v7();
    let (st, _) = app
        .post(Role::MigrationOfficer, &format!("/api/merge-proposals/{missing}/reject"), &json!({"reason": "x"}))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = app
        .post(Role::MigrationOfficer, &format!("/api/merge-proposals/{missing}/reject"), &json!({"reason": " "}))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
}
