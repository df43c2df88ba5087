//! Bad input: every kind gets a 4xx problem+json that names the problem, and nothing is written.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, assert_problem, person_json};

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_rejected_with_the_field_named() {
    let app = TestApp::spawn().await;
    let before = app.person_count().await;
    let send = |body: &'static str| {
        app.req(Role::MigrationOfficer, Method::POST, "/api/persons")
            .header("content-type", "application/json")
            .body(body)
            .send()
    };

    // Arrange/act/assert per case: (body, expected status, field, code)
    let r = send("{\"names\": [").await.unwrap();
    assert_problem(r, StatusCode::BAD_REQUEST, Some(("names", "json_syntax"))).await;

    let r = send(r#"{"names": "Юсупов", "birth_date": "1990", "sex": "male", "citizenship": "UZB"}"#).await.unwrap();
    assert_problem(r, StatusCode::BAD_REQUEST, Some(("names", "json_type"))).await;

    let r = send(r#"{"names": [], "birth_date": "1990", "sex": "male", "citizenship": "UZB", "is_admin": true}"#)
        .await
        .unwrap();
    let v = assert_problem(r, StatusCode::BAD_REQUEST, None).await;
    assert!(v["detail"].as_str().unwrap().contains("is_admin"), "{v}");

    let r = send(r#"{"names": [{"form": "russian", "surname": "Юсупов", "given_names": "Жамшид"}], "birth_date": "1990", "sex": "robot", "citizenship": "UZB"}"#).await.unwrap();
    assert_problem(r, StatusCode::BAD_REQUEST, Some(("sex", "json_type"))).await;

    let r = app
        .req(Role::MigrationOfficer, Method::POST, "/api/persons")
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, None).await;

    let huge = format!("{{\"names\": [], \"pad\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let r = app
        .req(Role::MigrationOfficer, Method::POST, "/api/persons")
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::PAYLOAD_TOO_LARGE, None).await;

    assert_eq!(app.person_count().await, before, "nothing was written");
}

#[tokio::test]
async fn invalid_values_are_422_with_every_problem_listed() {
    let app = TestApp::spawn().await;
    let before = app.person_count().await;
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (
            {
                let mut p = person_json("Юсупов", "AA12345");
                p["documents"][0]["number"] = json!("AA12345");
                p
            },
            "documents[0].number",
            "document_format",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["birth_date"] = json!("1994-02-30");
                p
            },
            "birth_date",
            "date_impossible",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["birth_date"] = json!("2099-01-01");
                p
            },
            "birth_date",
            "date_in_future",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["citizenship"] = json!("XYZ");
                p
            },
            "citizenship",
            "country_unknown",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["names"][0]["surname"] = json!("Robert'); DROP TABLE persons;--");
                p
            },
            "names[0].surname",
            "name_symbol",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["names"][0]["surname"] = json!("Юсу\u{200B}пов");
                p
            },
            "names[0].surname",
            "invisible_character",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["names"][0]["surname"] = json!("\u{202E}вопусЮ");
                p
            },
            "names[0].surname",
            "bidi_control",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["names"][0]["surname"] = json!("Юсупoв");
                p
            },
            "names[0].surname",
            "mixed_scripts",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["names"][1]["surname"] = json!("Юсупов");
                p
            },
            "names[1].surname",
            "name_script",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["contacts"][0]["value"] = json!("90 123 45 67");
                p
            },
            "contacts[0].value",
            "phone_country_code",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["documents"][0]["expires_on"] = json!("2020-01-01");
                p
            },
            "documents[0].expires_on",
            "date_order",
        ),
        (
            {
                let mut p = person_json("Юсупов", "AA1234567");
                p["employments"] =
                    json!([{"employer_id": uuid::Uuid::now_v7(), "position": "x", "from": "2025-01-01"}]);
                p
            },
            "employments[0].employer_id",
            "unknown_organisation",
        ),
    ];
    for (body, field, code) in cases {
        let r = app.req(Role::MigrationOfficer, Method::POST, "/api/persons").json(&body).send().await.unwrap();
        assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some((field, code))).await;
    }
    // Several problems at once are all reported.
    let mut p = person_json("Юсупов", "AA1");
    p["birth_date"] = json!("1994-13-01");
    p["citizenship"] = json!("??");
    p["documents"][0]["issuer"] = json!("UZB");
    let r = app.req(Role::MigrationOfficer, Method::POST, "/api/persons").json(&p).send().await.unwrap();
    let v = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("birth_date", "date_impossible"))).await;
    assert!(v["errors"].as_array().unwrap().len() >= 3, "{v}");
    assert_eq!(app.person_count().await, before, "nothing was written");
}

#[tokio::test]
async fn bad_query_parameters_and_unknown_routes_are_problems() {
    let app = TestApp::spawn().await;
    let r = app.req(Role::MigrationOfficer, Method::GET, "/api/persons?name=x&limit=100000").send().await.unwrap();
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("limit", "limit_range"))).await;
    let r = app.req(Role::MigrationOfficer, Method::GET, "/api/persons?birth_year=abc").send().await.unwrap();
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("birth_year", "number"))).await;
    let r = app.req(Role::MigrationOfficer, Method::GET, "/api/persons?frobnicate=1").send().await.unwrap();
    assert_problem(r, StatusCode::BAD_REQUEST, None).await;
    let r = app.req(Role::MigrationOfficer, Method::GET, "/api/persons/not-a-uuid").send().await.unwrap();
    assert_problem(r, StatusCode::BAD_REQUEST, Some(("path", "path"))).await;
    let r = app.req(Role::MigrationOfficer, Method::GET, "/api/nothing-here").send().await.unwrap();
    assert_problem(r, StatusCode::NOT_FOUND, None).await;
    let r = app
        .req(Role::MigrationOfficer, Method::GET, &format!("/api/persons/{}", uuid::Uuid::now_v7()))
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::NOT_FOUND, None).await;
}
