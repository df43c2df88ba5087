//! The linkage review queue: an uncertain staged record beside its candidate person, decided by
//! a migration officer; nobody else may see or decide it.

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

fn record(id: &str, surname: &str, given: &str, birth: &str, sex: Option<&str>) -> intake::record::IntakeRecord {
    let mut subject = json!({
        "name_form": "latin", "surname": surname, "given_names": given, "birth_date": birth, "citizenship": "UZB"
    });
    if let Some(s) = sex {
        subject["sex"] = json!(s);
    }
    serde_json::from_value(json!({
        "source": "mvd", "record_id": id, "subject": subject,
        "fact": {"kind": "crossing", "on": "2026-01-10", "direction": "entry"}
    }))
    .unwrap()
}

#[tokio::test]
async fn an_officer_sees_both_sides_and_decides() {
    // Arrange: a person registered from one record, then an uncertain record (no sex, another
    // day of birth) that waits for review.
    let app = TestApp::spawn().await;
    app.store.stage_records(&[record("c1", "Каримов", "Хуршид", "1990-07-03", Some("male"))]).await.unwrap();
    app.store.resolve_pending(10).await.unwrap();
    app.store.stage_records(&[record("c2", "Karimov", "Khurshid", "1990-07-13", None)]).await.unwrap();
    let s = app.store.resolve_pending(10).await.unwrap();
    assert_eq!(s.review, 1, "{s:?}");

    // Act and assert: the list, one item side by side, the decision.
    let (st, page) = app.get(Role::MigrationOfficer, "/api/review").await;
    assert_eq!(st, StatusCode::OK, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    let id = items[0]["id"].as_str().unwrap().to_owned();
    assert!(items[0]["evidence"].as_array().unwrap().iter().any(|e| e["field"] == "date_of_birth"), "{page}");

    let (st, item) = app.get(Role::MigrationOfficer, &format!("/api/review/{id}?purpose=linkage%20review")).await;
    assert_eq!(st, StatusCode::OK, "{item}");
    assert_eq!(item["record"]["subject"]["surname"], "Karimov");
    assert_eq!(item["record_state"], "review");
    assert_eq!(item["person"]["names"][0]["surname"], "Каримов");
    let p = item["item"]["probability"].as_f64().unwrap();
    assert!((0.5..0.9).contains(&p), "{item}");

    for role in [Role::Employer, Role::Analyst, Role::TaxOfficer, Role::Admin] {
        let (st, _) = app.get(role, "/api/review").await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{role:?} lists");
        let (st, _) = app
            .post(role, &format!("/api/review/{id}/decision"), &json!({"decision": "same_person", "reason": "x"}))
            .await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{role:?} decides");
    }
    let path = format!("/api/review/{id}/decision");
    let (st, v) = app.post(Role::MigrationOfficer, &path, &json!({"decision": "same_person", "reason": " "})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a reason is required: {v}");
    let body = json!({"decision": "same_person", "reason": "same passport seen at the desk"});
    let (st, v) = app.post(Role::MigrationOfficer, &path, &body).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["resolution"]["outcome"], "linked", "{v}");
    assert_eq!(v["resolution"]["person_id"], item["person"]["id"]);
    let (st, _) = app.post(Role::MigrationOfficer, &path, &body).await;
    assert_eq!(st, StatusCode::CONFLICT, "decided once");
    let (_, page) = app.get(Role::MigrationOfficer, "/api/review").await;
    assert!(page["items"].as_array().unwrap().is_empty(), "{page}");
}
