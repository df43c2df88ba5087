//! The booking API and the service-point workstation: who may book for whom, refusals with
//! their codes, the live queue and recorded results, and the role matrix of the new endpoints.

use centre::case::StepKind;
use chrono::{Duration, Utc};
use domain::access::Role;
use domain::input::NewOrganisation;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::AuditEntry;
use store::accounts::NewAccount;
use store::booking::points::PointSettings;
use store::booking::{WeeklySchedule, local_day};
use uuid::Uuid;

use crate::helpers::{PASSWORD, TestApp, assert_problem};

/// A service point with one-person slots from tomorrow, and a staff account for it.
struct Point {
    id: Uuid,
    token: String,
}

async fn point(app: &TestApp, username: &str) -> Point {
    let o: NewOrganisation = serde_json::from_value(
        json!({"kind": "medical_centre", "name": format!("Медцентр {username}"), "languages": ["ru", "uz"]}),
    )
    .unwrap();
    let org = o.parse().unwrap();
    app.store.create_org(&org, AuditEntry::new("test.org")).await.unwrap();
    let schedule: WeeklySchedule = serde_json::from_value(
        json!({"hours": [{"weekdays": [1, 2, 3, 4, 5, 6, 7], "open": "09:00:00", "close": "12:00:00", "breaks": [["10:00:00", "10:30:00"]]}]}),
    )
    .unwrap();
    let settings = PointSettings {
        services: vec![StepKind::MedicalExam, StepKind::Fingerprinting],
        schedule,
        slot_minutes: 30,
        capacity: 1,
    };
    app.store.set_service_point(&org, &settings, AuditEntry::new("test.point")).await.unwrap();
    app.store.open_slots(Some(org.id), local_day(Utc::now()) + Duration::days(1), 3).await.unwrap();
    let hash = rosmigration_server::auth::hash_password(PASSWORD).unwrap();
    let new = NewAccount {
        username: username.into(),
        display_name: "Регистратура".into(),
        role: Role::ServicePoint,
        org_id: Some(org.id),
        person_id: None,
        password_hash: hash,
    };
    app.store.create_account(&new, AuditEntry::new("test.account")).await.unwrap();
    let r = app
        .client
        .post(app.url("/api/auth/token"))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    Point { id: org.id, token: v["token"].as_str().unwrap().into() }
}

async fn as_point(app: &TestApp, p: &Point, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut r = app.client.request(method, app.url(path)).bearer_auth(&p.token);
    if let Some(b) = body {
        r = r.json(&b);
    }
    let r = r.send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn free_slots(app: &TestApp, point: Uuid, service: &str) -> Vec<Value> {
    let (s, v) = app.get(Role::Migrant, &format!("/api/slots?service={service}&point={point}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v.as_array().unwrap().clone()
}

#[tokio::test]
async fn migrants_book_for_themselves_and_employers_for_their_employees() {
    // Arrange
    let app = TestApp::spawn().await;
    let p = point(&app, "med-desk").await;
    let slots = free_slots(&app, p.id, "medical_exam").await;
    assert_eq!(slots.len(), 15, "5 slots a day around the break, 3 days");
    let (s, pts) = app.get(Role::Migrant, "/api/service-points").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(pts[0]["services"], json!(["medical_exam", "fingerprinting"]));

    // Act + Assert: the migrant books their own visit.
    let (s, b) = app.post(Role::Migrant, "/api/bookings", &json!({"slot_id": slots[0]["id"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["person_id"], app.fx.worker.to_string());
    let (s, mine) = app.get(Role::Migrant, "/api/me/bookings").await;
    assert_eq!((s, mine.as_array().unwrap().len()), (StatusCode::OK, 1));

    // Not for someone else.
    let (s, v) =
        app.post(Role::Migrant, "/api/bookings", &json!({"slot_id": slots[1]["id"], "person_id": app.fx.other})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");

    // The slot is full now: a clear code, nothing booked.
    let (s, v) = app
        .post(Role::MigrationOfficer, "/api/bookings", &json!({"slot_id": slots[0]["id"], "person_id": app.fx.other}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "slot_full");
    assert!(v["type"].as_str().unwrap().ends_with("/slot_full"), "{v}");

    // Same step twice: already booked.
    let (s, v) = app.post(Role::Migrant, "/api/bookings", &json!({"slot_id": slots[2]["id"]})).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("already_booked")), "{v}");

    // The employer books in bulk: its employee yes (fingerprinting), a stranger no.
    let fp = free_slots(&app, p.id, "fingerprinting").await;
    let body = json!({"items": [
        {"person_id": app.fx.worker, "slot_id": fp[0]["id"]},
        {"person_id": app.fx.other, "slot_id": fp[1]["id"]},
    ]});
    let (s, v) = app.post(Role::Employer, "/api/employer/bookings", &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v[0]["booking"]["step"], "fingerprinting", "{v}");
    assert_eq!(v[1]["error"], "not_employee", "{v}");
    let (s, _) = app.post(Role::MigrationOfficer, "/api/employer/bookings", &body).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Reschedule and cancel.
    let id = b["id"].as_str().unwrap();
    let (s, moved) =
        app.post(Role::Migrant, &format!("/api/bookings/{id}/reschedule"), &json!({"slot_id": slots[3]["id"]})).await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    let (s, v) = app.post(Role::Migrant, &format!("/api/bookings/{id}/cancel"), &json!({})).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("not_active")), "moved away: {v}");
    let new_id = moved["id"].as_str().unwrap();
    let (s, _) = app.post(Role::Employer, &format!("/api/bookings/{new_id}/cancel"), &json!({})).await;
    assert_eq!(s, StatusCode::OK, "the employer may cancel for its employee");
    assert_eq!(
        free_slots(&app, p.id, "medical_exam").await.len(),
        15,
        "moved, then cancelled: every place is free again"
    );

    // Bad input: an unknown step, a bad range.
    let (s, v) = app.get(Role::Migrant, "/api/slots?service=haircut").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, _) = app.get(Role::Migrant, "/api/slots?from=2026-01-10&to=2026-01-01").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_workstation_runs_the_queue_and_records_results_for_its_own_visitors_only() {
    // Arrange
    let app = TestApp::spawn().await;
    let p = point(&app, "med-desk").await;
    let other = point(&app, "other-desk").await;
    let q = format!("/api/service-points/{}/queue", p.id);

    // Act: a walk-in identified by the document presented, called and served.
    let (s, t) = as_point(
        &app,
        &p,
        Method::POST,
        &q,
        Some(json!({"service": "fingerprinting", "document_number": "AA1234567"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["number"], 1);
    let (s, t2) = as_point(&app, &p, Method::POST, &q, Some(json!({"service": "medical_exam"}))).await;
    assert_eq!((s, t2["number"].as_i64()), (StatusCode::CREATED, Some(2)));
    let (s, called) = as_point(&app, &p, Method::POST, &format!("{q}/next"), None).await;
    assert_eq!((s, called["number"].as_i64()), (StatusCode::OK, Some(1)), "{called}");

    // Assert: the other point sees nothing and does nothing here.
    let (s, _) = as_point(&app, &other, Method::POST, &format!("{q}/next"), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = as_point(&app, &other, Method::GET, &format!("/api/service-points/{}/day", p.id), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Results: for the called ticket yes, for a ticket not called no; never by the migrant.
    let results = format!("/api/service-points/{}/results", p.id);
    let body = json!({"ticket_id": t["id"], "outcome": "done", "identity_confirmed": true});
    let (s, _) = app.post(Role::Migrant, &results, &body).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a migrant's word completes nothing");
    let (s, _) = as_point(&app, &other, Method::POST, &results, Some(body.clone())).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let waiting =
        json!({"ticket_id": t2["id"], "outcome": "fit", "identity_confirmed": true, "document_number": "AB7654321"});
    let (s, v) = as_point(&app, &p, Method::POST, &results, Some(waiting)).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("ticket_state")), "not called yet: {v}");
    let (s, v) = as_point(&app, &p, Method::POST, &results, Some(body)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let profile = app.store.get_person(app.fx.worker).await.unwrap();
    assert!(profile.results.iter().any(|r| r.org_id == Some(p.id)), "{:?}", profile.results);

    let (s, day) = as_point(&app, &p, Method::GET, &format!("/api/service-points/{}/day", p.id), None).await;
    assert_eq!(s, StatusCode::OK, "{day}");
    let states: Vec<&str> = day["queue"].as_array().unwrap().iter().map(|t| t["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["served", "waiting"], "the result served the called ticket: {day}");
    assert_eq!(day["queue"][1]["estimated_wait_minutes"], 30, "30-minute slots for one person");
    let tid = t2["id"].as_str().unwrap();
    let (s, v) = as_point(&app, &p, Method::POST, &format!("/api/queue/{tid}/served"), None).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("ticket_state")), "not called yet: {v}");
    let (s, _) = as_point(&app, &p, Method::POST, &format!("/api/queue/{tid}/no-show"), None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = as_point(&app, &p, Method::POST, &format!("{q}/next"), None).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("queue_empty")));
}

#[tokio::test]
async fn only_the_right_roles_reach_the_booking_endpoints() {
    let app = TestApp::spawn().await;
    let p = point(&app, "med-desk").await;
    let slot = free_slots(&app, p.id, "medical_exam").await[0]["id"].clone();
    let day = format!("/api/service-points/{}/day", p.id);
    for role in [
        Role::Admin,
        Role::MigrationOfficer,
        Role::TaxOfficer,
        Role::Employer,
        Role::University,
        Role::AdaptationCentre,
        Role::LawEnforcement,
        Role::Analyst,
        Role::Migrant,
    ] {
        let (s, _) = app.get(role, &day).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} sees no point's day");
        let (s, _) = app.post(role, &format!("/api/service-points/{}/queue/next", p.id), &json!({})).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} calls no ticket");
        let (s, v) = app.post(role, "/api/bookings", &json!({"slot_id": slot, "person_id": app.fx.worker})).await;
        let books = matches!(role, Role::Migrant | Role::Employer | Role::MigrationOfficer);
        if books {
            assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT, "{role:?}: {s} {v}");
        } else {
            assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} books for nobody: {v}");
        }
    }
    let (s, _) = as_point(&app, &p, Method::GET, &day, None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) =
        as_point(&app, &p, Method::POST, "/api/bookings", Some(json!({"slot_id": slot, "person_id": app.fx.worker})))
            .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a point books for nobody");
    let (s, _) = as_point(&app, &p, Method::GET, &format!("/api/persons/{}/case", app.fx.worker), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a point reads no case");
    // A service-point account belongs to a service point, not to an employer.
    let body = json!({"username": "wrong-desk", "display_name": "Desk", "password": "long-enough-password-1",
        "role": "service_point", "org_id": app.fx.employer_a});
    let (s, v) = app.post(Role::Admin, "/api/accounts", &body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["errors"].as_array().unwrap().iter().any(|e| e["code"] == "not_a_service_point"), "{v}");
    // Every /api/me endpoint answers an account without a person of its own the same way.
    for path in ["/api/me/case", "/api/me/route", "/api/me/bookings", "/api/me/access-log", "/api/me/share-codes"] {
        for role in [Role::Admin, Role::MigrationOfficer, Role::Employer] {
            assert_eq!(app.get(role, path).await.0, StatusCode::FORBIDDEN, "{role:?} {path}");
        }
    }
    let (s, v) = app.get(Role::Migrant, "/api/me/case").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app.get(Role::Migrant, "/api/me/route").await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

fn csrf_of(page: &str) -> String {
    page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn the_booking_page_books_the_route_and_the_workstation_runs_the_queue() {
    // Arrange: the worker entered to work 5 days ago (the patent path opens).
    let app = TestApp::spawn().await;
    let _point = point(&app, "med-desk").await;
    let entry = json!({"changes": [{"type": "record_crossing", "on": crate::helpers::days_ago(5), "direction": "entry", "purpose": "work"}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.worker), &entry).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let migrant = crate::helpers::logged_in(&app, "migrant").await;

    // Act: open the page, press "book" on the proposed medical examination.
    let page = migrant.get(app.url("/cabinet/booking")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"book-medical_exam\""), "{page}");
    let form = page.split("data-testid=\"book-medical_exam\"").next().unwrap();
    let slot = form.rsplit("name=\"slot_id\" value=\"").next().unwrap().split('"').next().unwrap().to_string();
    let r = migrant
        .post(app.url("/cabinet/booking/book"))
        .form(&[("csrf", csrf_of(&page)), ("slot_id", slot.clone()), ("idempotency_key", slot)])
        .send()
        .await
        .unwrap();

    // Assert: redirected with the outcome; the booking is listed with cancel and reschedule.
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/cabinet/booking?ok=booked");
    let page = migrant.get(app.url("/cabinet/booking?ok=booked")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"flash-ok\""), "{page}");
    assert!(page.contains("data-testid=\"cancel-"), "{page}");
    assert!(page.contains("data-testid=\"reschedule-"), "{page}");
    let (_, mine) = app.get(Role::Migrant, "/api/me/bookings").await;
    assert_eq!(mine[0]["step"], "medical_exam", "{mine}");
    // A forged form changes nothing.
    let r = migrant
        .post(app.url("/cabinet/booking/book"))
        .form(&[("csrf", "forged"), ("slot_id", "x")])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), StatusCode::SEE_OTHER);
    let bad = migrant.get(app.url("/cabinet/booking?error=slot_full")).send().await.unwrap().text().await.unwrap();
    assert!(bad.contains("Все места на это время заняты"), "the message in the user's language");

    // The workstation: issue a ticket, it shows in the polled queue, call it.
    let desk = crate::helpers::logged_in(&app, "med-desk").await;
    let page = desk.get(app.url("/centre/point")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"call-next\""), "{page}");
    let csrf = csrf_of(&page);
    let r = desk
        .post(app.url("/centre/point/ticket"))
        .form(&[("csrf", csrf.as_str()), ("service", "medical_exam")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/centre/point?ok=ticket");
    let queue = desk.get(app.url("/centre/point/queue")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("data-testid=\"ticket-1\""), "{queue}");
    let r = desk.post(app.url("/centre/point/next")).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/centre/point?ok=called");
    let queue = desk.get(app.url("/centre/point/queue")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("data-testid=\"served-1\""), "{queue}");
    // The migrant has no workstation.
    let r = migrant.get(app.url("/centre/point")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_administrator_sets_a_points_hours_and_a_point_closes_a_slot_telling_those_booked() {
    let app = TestApp::spawn().await;
    // The administrator makes a new exam centre a bookable point.
    let (s, org) = app
        .post(
            Role::Admin,
            "/api/organisations",
            &json!({"kind": "exam_centre", "name": "Центр тестирования", "languages": ["ru"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{org}");
    let path = format!("/api/service-points/{}", org["id"].as_str().unwrap());
    let settings = json!({"services": ["language_exam"], "slot_minutes": 60, "capacity": 12,
        "schedule": {"hours": [{"weekdays": [1, 2, 3, 4, 5], "open": "09:00:00", "close": "17:00:00", "breaks": [["13:00:00", "14:00:00"]]}]}});
    let put = |role: Role, body: Value| app.req(role, Method::PUT, &path).json(&body).send();
    let r = put(Role::Admin, settings.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!((v["services"].clone(), v["capacity"].clone()), (json!(["language_exam"]), json!(12)), "{v}");
    let (_, pts) = app.get(Role::Migrant, "/api/service-points").await;
    assert!(pts.as_array().unwrap().iter().any(|p| p["id"] == org["id"] && p["slot_minutes"] == 60), "{pts}");

    // Only the administrator; bad settings name the field and change nothing.
    for role in [Role::MigrationOfficer, Role::Employer, Role::Migrant] {
        assert_eq!(put(role, settings.clone()).await.unwrap().status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    let mut bad = settings.clone();
    bad["services"] = json!(["language_exam", "haircut"]);
    assert_problem(
        put(Role::Admin, bad).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(("services[1]", "unknown_step")),
    )
    .await;
    let mut bad = settings.clone();
    bad["schedule"]["hours"][0]["breaks"] = json!([["18:00:00", "19:00:00"]]);
    let v = assert_problem(put(Role::Admin, bad).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, None).await;
    assert_eq!(v["code"], "schedule", "{v}");
    let mut bad = settings.clone();
    bad["capacity"] = json!(0);
    assert_eq!(put(Role::Admin, bad).await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    let employer = format!("/api/service-points/{}", app.fx.employer_a);
    let r = app.req(Role::Admin, Method::PUT, &employer).json(&settings).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "an employer is no service point");
    let (_, pts) = app.get(Role::Migrant, "/api/service-points").await;
    assert!(pts.as_array().unwrap().iter().any(|p| p["id"] == org["id"] && p["capacity"] == 12), "unchanged: {pts}");

    // A migrant books; the point closes the slot: the booking is cancelled and the person told.
    let p = point(&app, "med-desk").await;
    let other = point(&app, "other-desk").await;
    let slot = free_slots(&app, p.id, "medical_exam").await[0]["id"].as_str().unwrap().to_string();
    let (s, b) = app.post(Role::Migrant, "/api/bookings", &json!({"slot_id": slot})).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let close = format!("/api/slots/{slot}/close");
    let (s, v) = as_point(&app, &p, Method::POST, &close, Some(json!({"reason": " "}))).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason_length")), "{v}");
    let (s, _) = as_point(&app, &other, Method::POST, &close, Some(json!({"reason": "чужой пункт"}))).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "another point's slot");
    let (s, _) = app.post(Role::Migrant, &close, &json!({"reason": "не хочу"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = as_point(&app, &p, Method::POST, &close, Some(json!({"reason": "санитарный день"}))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["cancelled"][0]["id"], b["id"], "{v}");
    let (_, mine) = app.get(Role::Migrant, "/api/me/bookings").await;
    assert_eq!(mine[0]["state"], "cancelled", "{mine}");
    let told = app.store.person_notifications(app.fx.worker, 10).await.unwrap();
    assert!(told.iter().any(|n| n.template == "booking-closed"), "{told:?}");
    assert!(!free_slots(&app, p.id, "medical_exam").await.iter().any(|s| s["id"] == slot), "no longer offered");
    // The administrator may close any point's slot; an unknown slot is named.
    let next = free_slots(&app, p.id, "medical_exam").await[0]["id"].as_str().unwrap().to_string();
    let (s, v) = app.post(Role::Admin, &format!("/api/slots/{next}/close"), &json!({"reason": "праздник"})).await;
    assert_eq!((s, v["cancelled"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "{v}");
    let (s, _) = app.post(Role::Admin, &format!("/api/slots/{}/close", Uuid::now_v7()), &json!({"reason": "x"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // A whole period at once, with offsets in the times; not for another point's staff.
    let tomorrow = (local_day(Utc::now()) + Duration::days(1)).to_string();
    let period = json!({"from": format!("{tomorrow}T00:00:00+03:00"), "to": format!("{tomorrow}T23:59:00+03:00"), "reason": "праздник"});
    let path = format!("/api/service-points/{}/close", p.id);
    let (s, _) = as_point(&app, &other, Method::POST, &path, Some(period.clone())).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = as_point(&app, &p, Method::POST, &path, Some(period)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(!v.as_array().unwrap().is_empty(), "{v}");
    let left = free_slots(&app, p.id, "medical_exam").await;
    assert!(left.iter().all(|s| !s["starts_at"].as_str().unwrap().starts_with(&tomorrow)), "{left:?}");
    let bad = json!({"from": format!("{tomorrow}T12:00:00+03:00"), "to": format!("{tomorrow}T09:00:00+03:00"), "reason": "x"});
    let (s, v) = as_point(&app, &p, Method::POST, &path, Some(bad)).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("period")), "{v}");

    // The workstation's form does the same in local time, and says so in the user's language.
    let desk = crate::helpers::logged_in(&app, "med-desk").await;
    let page = desk.get(app.url("/centre/point")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"close-period\""), "{page}");
    let csrf = csrf_of(&page);
    let day_after = (local_day(Utc::now()) + Duration::days(2)).to_string();
    let close = |from: String, to: String, reason: &'static str| {
        let form = [("csrf", csrf.clone()), ("from", from), ("to", to), ("reason", reason.to_string())];
        let (desk, app) = (&desk, &app);
        async move {
            let r = desk.post(app.url("/centre/point/close")).form(&form).send().await.unwrap();
            r.headers()["location"].to_str().unwrap().to_string()
        }
    };
    let (nine, ten, eleven) =
        (format!("{day_after}T09:00"), format!("{day_after}T10:00"), format!("{day_after}T11:00"));
    assert_eq!(close(nine, ten.clone(), "ремонт").await, "/centre/point?ok=closed");
    let left = free_slots(&app, p.id, "medical_exam").await;
    let at_nine = format!("{day_after}T06:00:00Z");
    assert!(!left.iter().any(|s| s["starts_at"] == at_nine.as_str()), "09:00 local is closed: {left:?}");
    assert_eq!(close(ten.clone(), "no".into(), "x").await, "/centre/point?error=period");
    assert_eq!(close(ten, eleven, " ").await, "/centre/point?error=reason_length");
    let shown = desk
        .get(app.url("/centre/point?error=period"))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(shown.contains("Период указан неверно"), "{shown}");
}
