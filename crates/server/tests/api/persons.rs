//! The registry: create, read, change, history, search, pagination, idempotency, encryption.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, person_json};

#[tokio::test]
async fn a_created_person_reads_back_with_history_and_provenance() {
    let app = TestApp::spawn().await;
    let (s, v) = app.post(Role::MigrationOfficer, "/api/persons", &person_json("Турсунов", "FA7654321")).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap();
    let r = app.req(Role::MigrationOfficer, Method::GET, &format!("/api/persons/{id}")).send().await.unwrap();
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(etag, format!("\"{}\"", p["version"]), "the ETag is the version");
    assert_eq!(p["names"][0]["surname"], "Турсунов");
    assert_eq!(p["names"][1]["surname"], "YUSUPOV");
    assert_eq!(p["documents"][0]["number"], "FA7654321");
    assert_eq!(p["contacts"][0]["value"], "+998901234567", "normalised to E.164");
    assert_eq!(p["citizenship"], "UZB");
    let (s, h) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/history")).await;
    assert_eq!(s, StatusCode::OK);
    let ev = &h["items"][0];
    assert_eq!(ev["seq"], 1);
    assert_eq!(ev["source"], "registry");
    assert_eq!(ev["actor"]["role"], "migration_officer");
    assert_eq!(ev["changes"][0]["type"], "registered");
    // The first computed legal status is recorded in history by the system, not by a person.
    let st = &h["items"][1];
    assert_eq!(st["changes"][0]["type"], "status_changed", "{h}");
    assert!(st["actor"]["account_id"].is_null());
    assert_eq!(p["status"]["status"], st["changes"][0]["status"]);
}

#[tokio::test]
async fn the_golden_record_names_the_source_of_each_value() {
    let app = TestApp::spawn().await;
    let (s, v) = app.post(Role::MigrationOfficer, "/api/persons", &person_json("Турсунов", "FA7654321")).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_str().unwrap();
    let (s, g) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/golden")).await;
    assert_eq!(s, StatusCode::OK, "{g}");
    assert_eq!(g["person_id"], id);
    let russian = g["names"].as_array().unwrap().iter().find(|n| n["value"]["form"] == "russian").unwrap();
    assert_eq!(russian["value"]["surname"], "Турсунов");
    assert_eq!(russian["from"]["source"], "registry");
    assert_eq!(g["passport"]["value"]["number"], "FA7654321");
    assert_eq!(g["phone"]["value"], "+998901234567");
    assert_eq!(g["birth_date"]["from"]["event_id"], g["passport"]["from"]["event_id"], "one registration event");
    // The read is logged with its purpose, like every read of personal data.
    let (_, log) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/access-log")).await;
    assert!(log.to_string().contains("person.golden"), "{log}");
    // As much personal data as the history: roles without the history do not get it.
    let (s, _) = app.get(Role::Analyst, &format!("/api/persons/{id}/golden")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn changes_apply_atomically_and_stale_versions_conflict() {
    let app = TestApp::spawn().await;
    let id = app.fx.other;
    let (_, before) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}")).await;
    let v0 = before["version"].as_i64().unwrap();
    let body = json!({"changes": [
        {"type": "register_stay", "stay": {"address": {"region": "Республика Татарстан", "locality": "Казань", "district": "Вахитовский", "street": "ул. Баумана", "house": "19", "postcode": "420111", "lat": 55.7887, "lon": 49.1221}, "from": crate::helpers::days_ago(10), "host": {"kind": "own"}}},
        {"type": "start_employment", "employment": {"employer_id": app.fx.employer_b, "position": "водитель", "from": crate::helpers::days_ago(5)}}
    ]});
    let r = app
        .req(Role::MigrationOfficer, Method::POST, &format!("/api/persons/{id}/changes"))
        .header("if-match", format!("\"{v0}\""))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let p: serde_json::Value = r.json().await.unwrap();
    let v1 = p["version"].as_i64().unwrap();
    assert!(v1 > v0);
    assert_eq!(p["stays"][0]["address"]["district"], "Вахитовский");
    // The same If-Match again is stale now.
    let r = app
        .req(Role::MigrationOfficer, Method::POST, &format!("/api/persons/{id}/changes"))
        .header("if-match", format!("\"{v0}\""))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // One bad change in a batch: nothing applies.
    let bad = json!({"changes": [
        {"type": "add_contact", "contact": {"kind": "email", "value": "ok@example.org"}},
        {"type": "end_stay", "stay_id": uuid::Uuid::now_v7(), "on": crate::helpers::today()}
    ]});
    let (s, _) = app.post(Role::MigrationOfficer, &format!("/api/persons/{id}/changes"), &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, p) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}")).await;
    assert_eq!(p["version"], v1);
    assert_eq!(p["contacts"].as_array().unwrap().len(), 1, "the e-mail of the failed batch was not kept");
    // The employer B now sees the person.
    let (s, _) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/history")).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn idempotency_key_makes_retries_safe() {
    let app = TestApp::spawn().await;
    let before = app.person_count().await;
    let send = || {
        app.req(Role::MigrationOfficer, Method::POST, "/api/persons")
            .header("idempotency-key", "form-42")
            .json(&person_json("Назаров", "AA9999999"))
            .send()
    };
    let r1 = send().await.unwrap();
    assert_eq!(r1.status(), StatusCode::CREATED);
    let id1 = r1.json::<serde_json::Value>().await.unwrap()["id"].clone();
    let r2 = send().await.unwrap();
    assert_eq!(r2.status(), StatusCode::OK);
    assert_eq!(r2.json::<serde_json::Value>().await.unwrap()["id"], id1);
    assert_eq!(app.person_count().await, before + 1);
}

#[tokio::test]
async fn search_across_scripts_by_document_and_with_pagination() {
    let app = TestApp::spawn().await;
    for i in 0..5 {
        let mut p = person_json("Мирзоев", &format!("AA55555{i:02}"));
        p["names"][1] = json!({"form": "latin", "surname": "MIRZOEV", "given_names": "JAMSHID"});
        app.create_ok(&p).await;
    }
    let (s, v) = app.get(Role::MigrationOfficer, "/api/persons?name=MIRZOEV&limit=2").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mut seen = vec![];
    let mut page = v;
    loop {
        for p in page["items"].as_array().unwrap() {
            seen.push(p["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => {
                page = app.get(Role::MigrationOfficer, &format!("/api/persons?name=MIRZOEV&limit=2&cursor={c}")).await.1
            }
            None => break,
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "all five, no repeats");
    let (_, v) = app.get(Role::MigrationOfficer, "/api/persons?name=%D0%BC%D0%B8%D1%80%D0%B7*").await;
    assert_eq!(
        v["items"].as_array().unwrap().len(),
        5,
        "a Cyrillic prefix (trailing *) finds the Latin-registered names too"
    );
    assert_eq!(v["items"][0]["citizenship"], "UZB", "compact items: {v}");
    assert!(v["items"][0].get("documents").is_none(), "not full profiles: {v}");
    let (_, v) = app.get(Role::MigrationOfficer, "/api/persons?name=%D0%BC%D0%B8%D1%80%D0%B7").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0, "without the * a surname is matched exactly");
}

#[tokio::test]
async fn document_numbers_and_contacts_are_encrypted_at_rest_and_still_found() {
    let app = TestApp::spawn().await;
    let (_, v) = app.get(Role::MigrationOfficer, "/api/persons?document_number=aa%201234567").await;
    assert_eq!(
        v["items"][0]["id"],
        app.fx.worker.to_string(),
        "look-up through the keyed hash, spacing and case ignored"
    );
    let (_, v) = app.get(Role::MigrationOfficer, "/api/persons?phone=%2B998901234567").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 3, "three fixtures share the phone");
    // Scan every stored byte of the person tables for the plaintext.
    let dump = app.store.debug_dump_person_tables().await.unwrap();
    for secret in ["AA1234567", "998901234567", "+998 90"] {
        assert!(!dump.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} found in clear");
    }
    assert!(dump.len() > 1000, "the dump holds data");
}

#[tokio::test]
async fn concurrent_writers_never_lose_an_update() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let id = app.fx.other;
    let (_, before) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}")).await;
    let v0 = before["version"].as_i64().unwrap();
    // Ten writers with the same If-Match: exactly one wins.
    let mut tasks = vec![];
    for i in 0..10 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let body = json!({"changes": [{"type": "add_contact", "contact": {"kind": "email", "value": format!("w{i}@example.org")}}]});
            app.req(Role::MigrationOfficer, Method::POST, &format!("/api/persons/{id}/changes")).header("if-match", format!("\"{v0}\"")).json(&body).send().await.unwrap().status()
        }));
    }
    let mut statuses = vec![];
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT), "{statuses:?}");
    // Ten writers without If-Match: all changes land, none lost.
    let mut tasks = vec![];
    for i in 0..10 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let body = json!({"changes": [{"type": "add_contact", "contact": {"kind": "email", "value": format!("x{i}@example.org")}}]});
            app.req(Role::MigrationOfficer, Method::POST, &format!("/api/persons/{id}/changes")).json(&body).send().await.unwrap().status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let (_, p) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}")).await;
    assert_eq!(p["contacts"].as_array().unwrap().len(), 12, "no change lost");
    let (_, h) = app.get(Role::MigrationOfficer, &format!("/api/persons/{id}/history?limit=200")).await;
    let seqs: Vec<i64> = h["items"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=p["version"].as_i64().unwrap()).collect::<Vec<_>>(), "a gapless history");
    assert!(p["version"].as_i64().unwrap() >= v0 + 11);
}
