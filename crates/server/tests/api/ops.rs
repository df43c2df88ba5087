//! Probes, the OpenAPI document and request ids.

use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn probes_answer_and_request_ids_are_returned() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key("x-request-id"));
    let r = app.client.get(app.url("/readyz")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-request-id"], "abc-123", "a caller's request id is kept");
    app.store.db.close().await;
    let r = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "not ready without a database");
}

#[tokio::test]
async fn openapi_document_is_3_1_and_describes_the_api() {
    let app = TestApp::spawn().await;
    let v: serde_json::Value = app.client.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3.1"), "{}", v["openapi"]);
    for path in [
        "/api/persons",
        "/api/persons/{id}",
        "/api/persons/{id}/history",
        "/api/me/access-log",
        "/api/accounts",
        "/api/audit/verify",
    ] {
        assert!(v["paths"][path].is_object(), "missing {path}");
    }
    for schema in ["NewPerson", "PersonProfile", "Problem", "ChangeInput"] {
        assert!(v["components"]["schemas"][schema].is_object(), "missing schema {schema}");
    }
}
