//! The audit log: reads and writes are recorded with their purpose, the person sees them, and
//! tampering (altered, inserted, deleted entries) is detected.

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn a_migrant_sees_who_looked_at_their_data_and_why() {
    let app = TestApp::spawn().await;
    let id = app.fx.worker;
    let (s, _) = app
        .get(
            Role::MigrationOfficer,
            &format!("/api/persons/{id}?purpose=%D0%BF%D1%80%D0%BE%D0%B2%D0%B5%D1%80%D0%BA%D0%B0"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) =
        app.get(Role::LawEnforcement, &format!("/api/persons/{id}?legal_basis=upk-144&case_number=77-001")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.get(Role::Employer, &format!("/api/persons/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, log) = app.get(Role::Migrant, "/api/me/access-log").await;
    assert_eq!(s, StatusCode::OK, "{log}");
    let entries = log["entries"].as_array().unwrap();
    let find = |role: &str| {
        entries
            .iter()
            .find(|e| e["role"] == role && e["action"] == "person.view")
            .unwrap_or_else(|| panic!("no {role} view in {log}"))
    };
    assert_eq!(find("migration_officer")["purpose"], "проверка");
    assert_eq!(find("law_enforcement")["legal_basis"], "УПК РФ, ст. 144 (проверка сообщения о преступлении)");
    assert_eq!(find("law_enforcement")["case_number"], "77-001");
    assert!(find("employer")["purpose"].as_str().unwrap().contains("115-FZ"), "the role's default purpose is recorded");
    assert!(entries.iter().any(|e| e["action"] == "person.create"), "the write is in the log too");
    // Newest first.
    let positions: Vec<i64> = entries.iter().map(|e| e["position"].as_i64().unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] > w[1]), "{positions:?}");
    // Appearing in a search result counts as being seen.
    let (_, _) = app.get(Role::TaxOfficer, "/api/persons?name=%D0%AE%D1%81%D1%83%D0%BF%D0%BE%D0%B2").await;
    let (_, log) = app.get(Role::Migrant, "/api/me/access-log").await;
    assert!(
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["role"] == "tax_officer" && e["action"] == "person.search_hit"),
        "{log}"
    );
}

#[tokio::test]
async fn verification_detects_altered_inserted_and_deleted_entries() {
    let app = TestApp::spawn().await;
    let (_, _) = app.get(Role::MigrationOfficer, &format!("/api/persons/{}", app.fx.other)).await;
    let (s, v) = app.post(Role::Admin, "/api/audit/verify", &json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["ok"], true, "{v}");
    let n = v["entries"].as_i64().unwrap();
    assert!(n > 10, "{v}");

    // Altered: change the purpose of entry 3.
    assert_eq!(app.exec("UPDATE audit_log SET purpose = 'nothing to see' WHERE position = 3").await, 1);
    let r = app.store.verify_audit().await.unwrap();
    assert!(!r.ok());
    assert!(r.problems.iter().any(|p| p.contains("entry 3 was altered")), "{:?}", r.problems);
    assert_eq!(
        app.exec(
            "UPDATE audit_log SET purpose = (SELECT purpose FROM audit_log WHERE position = 4) WHERE position = 3"
        )
        .await,
        1
    );

    // Deleted: remove entry 5.
    assert_eq!(app.exec("DELETE FROM audit_log WHERE position = 5").await, 1);
    let r = app.store.verify_audit().await.unwrap();
    assert!(r.problems.iter().any(|p| p.contains("missing")), "{:?}", r.problems);

    // Truncated from the end: the head no longer matches.
    let app2 = TestApp::spawn().await;
    let last = app2.store.verify_audit().await.unwrap().head_position;
    app2.exec(&format!("DELETE FROM audit_log WHERE position = {last}")).await;
    let r = app2.store.verify_audit().await.unwrap();
    assert!(r.problems.iter().any(|p| p.contains("removed from the end")), "{:?}", r.problems);

    // Inserted: renumber to make room and insert a forged entry; without the key, the links break.
    let app3 = TestApp::spawn().await;
    app3.exec("UPDATE audit_log SET position = position + 1000000 WHERE position >= 4").await;
    app3.exec("UPDATE audit_log SET position = position - 1000000 + 1 WHERE position >= 1000000").await;
    let fresh = uuid::Uuid::now_v7();
    let id_literal = match app3.store.db.backend() {
        store::Backend::Sqlite => format!("X'{}'", fresh.simple()),
        store::Backend::Postgres => format!("'{fresh}'"),
    };
    let forged = format!(
        "INSERT INTO audit_log (position, id, at, action, purpose, detail, prev_hash, hash) SELECT 4, {id_literal}, at, 'person.view', 'forged', '', hash, hash FROM audit_log WHERE position = 3"
    );
    assert_eq!(app3.exec(&forged).await, 1);
    let r = app3.store.verify_audit().await.unwrap();
    assert!(!r.ok(), "inserted entry detected");
    assert!(r.problems.iter().any(|p| p.contains("entry 4")), "{:?}", r.problems);
}
