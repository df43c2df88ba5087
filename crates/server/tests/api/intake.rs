//! Agency feeds over HTTP: upload per source, batch counts, the quarantine workflow, and who may.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/intake/samples").join(name))
        .unwrap()
}

async fn upload(app: &TestApp, role: Role, path: &str, ct: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let r = app.req(role, Method::POST, path).header("content-type", ct).body(body).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

const HEAD: &str = "НомерЗаписи;Фамилия;Имя;Отчество;ДатаРождения;Пол;Гражданство;СерияПаспорта;НомерПаспорта;ДатаПересечения;Направление;ЦельВизита\n";

#[tokio::test]
async fn upload_each_format_then_again_is_a_no_op() {
    let app = TestApp::spawn().await;
    let cases = [
        ("mvd", "mvd-crossings", "mvd-crossings.csv", "text/csv", 4),
        ("mvd", "mvd-registrations", "mvd-registrations.xml", "application/xml", 3),
        ("university", "university-enrolments", "university-enrolments.jsonl", "application/x-ndjson", 3),
    ];
    for (source, mapping, file, ct, rows) in cases {
        let path = format!("/api/intake/{source}?mapping={mapping}&file_name={file}");
        let (s, v) = upload(&app, Role::MigrationOfficer, &path, ct, sample(file)).await;
        assert_eq!(s, StatusCode::OK, "{file}: {v}");
        assert_eq!((v["rows_read"].as_i64(), v["rows_staged"].as_i64()), (Some(rows), Some(rows)), "{file}: {v}");
        assert_eq!(v["state"], "done");
        let (s, again) = upload(&app, Role::MigrationOfficer, &path, ct, sample(file)).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!((again["rows_staged"].as_i64(), again["rows_unchanged"].as_i64()), (Some(0), Some(rows)), "{again}");
        let (s, b) = app.get(Role::Admin, &format!("/api/intake/batches/{}", v["id"].as_str().unwrap())).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(b["rows_staged"].as_i64(), Some(rows));
    }
    // The wrong content type for the mapping's format, an unknown source, a broken file.
    let (s, v) = upload(
        &app,
        Role::MigrationOfficer,
        "/api/intake/mvd?mapping=mvd-crossings",
        "application/json",
        sample("mvd-crossings.csv"),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, _) = upload(&app, Role::MigrationOfficer, "/api/intake/nasa", "text/csv", vec![]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, v) = upload(
        &app,
        Role::MigrationOfficer,
        "/api/intake/mvd?mapping=mvd-crossings",
        "text/csv",
        b"a;b\n1;2\n".to_vec(),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("Фамилия"), "{v}");
}

#[tokio::test]
async fn quarantine_list_show_replay_discard() {
    let app = TestApp::spawn().await;
    let body = format!(
        "{HEAD}A1;Каримов;Хуршид;;12.03.1994;М;УЗБЕКИСТАН;FA;1234567;31.02.2026;ВЪЕЗД;\n\
         A2;Назаров;Фаррух;;21.01.1988;М;ТАДЖИКИСТАН;;401234567;01.09.2026;ТУДА;\n"
    );
    let (s, v) =
        upload(&app, Role::MigrationOfficer, "/api/intake/mvd?mapping=mvd-crossings", "text/csv", body.into_bytes())
            .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["rows_quarantined"].as_i64(), Some(2));
    let (s, list) = app.get(Role::MigrationOfficer, "/api/intake/quarantine?source=mvd").await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let a1 = items.iter().find(|i| i["record_id"] == "A1").unwrap();
    let a2 = items.iter().find(|i| i["record_id"] == "A2").unwrap();
    assert_eq!(a1["code"], "date_format");
    assert!(a1.get("raw").is_none(), "the list shows no row content");
    let id1 = a1["id"].as_str().unwrap();
    let (s, shown) = app.get(Role::MigrationOfficer, &format!("/api/intake/quarantine/{id1}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(shown["raw"].to_string().contains("31.02.2026"), "{shown}");
    let (s, r) = app
        .post(
            Role::MigrationOfficer,
            &format!("/api/intake/quarantine/{id1}/replay"),
            &json!({"set": {"ДатаПересечения": "28.02.2026"}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["outcome"], "staged");
    let id2 = a2["id"].as_str().unwrap();
    let (s, r) = app.post(Role::MigrationOfficer, &format!("/api/intake/quarantine/{id2}/replay"), &json!({})).await;
    assert_eq!((s, r["outcome"].as_str()), (StatusCode::OK, Some("still_quarantined")), "{r}");
    let (s, r) = app
        .post(
            Role::MigrationOfficer,
            &format!("/api/intake/quarantine/{id2}/discard"),
            &json!({"reason": "sent in error"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "discarded");
    let (s, _) = app
        .post(Role::MigrationOfficer, &format!("/api/intake/quarantine/{id2}/discard"), &json!({"reason": "again"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, list) = app.get(Role::MigrationOfficer, "/api/intake/quarantine").await;
    assert!(list["items"].as_array().unwrap().is_empty());
    let (_, v) = app.post(Role::Admin, "/api/audit/verify", &json!({})).await;
    assert_eq!(v["ok"], true, "{v}");
}

#[tokio::test]
async fn only_the_roles_that_need_it_may_import_or_review() {
    let app = TestApp::spawn().await;
    for role in Role::ALL {
        let (s, _) = upload(&app, role, "/api/intake/fns?mapping=fns-inn", "text/csv", sample("fns-inn.csv")).await;
        let may = matches!(role, Role::MigrationOfficer | Role::TaxOfficer);
        assert_eq!(s == StatusCode::OK, may, "{role:?} importing fns: {s}");
        let (s, _) = app.get(role, "/api/intake/quarantine").await;
        assert_eq!(s == StatusCode::OK, role == Role::MigrationOfficer, "{role:?} listing the quarantine: {s}");
    }
    // A tax officer imports the tax service's feeds only.
    let (s, _) = upload(
        &app,
        Role::TaxOfficer,
        "/api/intake/mvd?mapping=mvd-crossings",
        "text/csv",
        sample("mvd-crossings.csv"),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.client.post(app.url("/api/intake/mvd")).body("x").send().await.map(|r| (r.status(), ())).unwrap();
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
