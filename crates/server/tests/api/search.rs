//! The officer's person search through the API and the page (docs/SEARCH.md): every writing of
//! a name, exact surnames, two-word surnames, meaningless criteria refused, compact items,
//! pagination that keeps every criterion, bad cursors.

use domain::access::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, assert_problem, logged_in, person_json};

const LE_REASON: &str = "legal_basis=upk-144&case_number=12-345";

/// Registers a person with a Russian and a Latin writing.
async fn person(app: &TestApp, ru: (&str, &str), lat: (&str, &str), passport: &str) -> Uuid {
    let mut p = person_json(ru.0, passport);
    p["names"] = json!([
        {"form": "russian", "surname": ru.0, "given_names": ru.1},
        {"form": "latin", "surname": lat.0, "given_names": lat.1}
    ]);
    p["citizenship"] = json!("KGZ");
    app.create_ok(&p).await
}

fn ids(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"))
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

fn enc(s: &str) -> String {
    serde_urlencoded::to_string([("name", s)]).unwrap()
}

#[tokio::test]
async fn each_writing_finds_the_person_and_a_surname_does_not_find_longer_ones() {
    // Arrange: the fixtures hold "Юсупов Жамшид" (Latin YUSUPOV JAMSHID); add a Юсупова and a
    // Kyrgyz two-word surname.
    let app = TestApp::spawn().await;
    let worker = app.fx.worker.to_string();
    let yusupova = person(&app, ("Юсупова", "Дилноза"), ("YUSUPOVA", "DILNOZA"), "AK1000001").await.to_string();
    let bakyt = person(&app, ("Бакыт уулу", "Азамат"), ("BAKYT UULU", "AZAMAT"), "AK1000002").await.to_string();
    let kyzy = person(&app, ("Асан кызы", "Айгуль"), ("ASAN KYZY", "AIGUL"), "AK1000003").await.to_string();

    // Act + assert
    for (name, want) in [
        ("Юсупов", vec![worker.clone()]),
        ("YUSUPOV", vec![worker.clone()]),
        ("Jusupov Dzhamshid", vec![worker.clone()]),
        ("Юсупов Жам", vec![worker.clone()]),
        ("Юсупова", vec![yusupova.clone()]),
        ("Бакыт уулу Азамат", vec![bakyt.clone()]),
        ("BAKYT UULU AZAMAT", vec![bakyt.clone()]),
        ("Бакыт уулу", vec![bakyt.clone()]),
        ("ASAN KYZY", vec![kyzy.clone()]),
        ("Асан кызы Айг", vec![kyzy.clone()]),
    ] {
        let (s, v) = app.get(Role::MigrationOfficer, &format!("/api/persons?{}", enc(name))).await;
        assert_eq!(s, StatusCode::OK, "{name}: {v}");
        assert_eq!(ids(&v), want, "{name}");
        assert_eq!(v["similar"], false, "{name}");
    }
    let (_, v) = app.get(Role::MigrationOfficer, &format!("/api/persons?{}", enc("Юсуп*"))).await;
    let mut got = ids(&v);
    got.sort();
    let mut want = vec![worker.clone(), yusupova];
    want.sort();
    assert_eq!(got, want, "a trailing * asks for the prefix");
    // A typo is found as a similar name, and the answer says so.
    let (_, v) = app.get(Role::MigrationOfficer, &format!("/api/persons?{}", enc("Юсубов Жамшит"))).await;
    assert_eq!(ids(&v), vec![worker]);
    assert_eq!(v["similar"], true);
}

#[tokio::test]
async fn results_are_compact_items_in_the_readers_script() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get(Role::MigrationOfficer, "/api/persons?name=yusupov").await;
    assert_eq!(s, StatusCode::OK);
    let item = &v["items"][0];
    let mut keys: Vec<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["birth_date", "citizenship", "id", "name", "next_deadline", "other_name", "status"], "{item}");
    assert_eq!(item["name"], "Юсупов Жамшид Рустамович");
    assert_eq!(item["other_name"], "YUSUPOV JAMSHID");
    assert_eq!(item["birth_date"], "1994-03-12");
    assert!(!v.to_string().contains("AA1234567"), "no document numbers in a list");
    let r = app
        .req(Role::MigrationOfficer, Method::GET, "/api/persons?name=yusupov")
        .header("accept-language", "uz")
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["items"][0]["name"], "YUSUPOV JAMSHID", "Latin first for an Uzbek reader");
    assert_eq!(v["items"][0]["other_name"], "Юсупов Жамшид Рустамович");
}

#[tokio::test]
async fn meaningless_criteria_are_refused_on_the_api_and_the_page() {
    let app = TestApp::spawn().await;
    let c = logged_in(&app, "migration-officer").await;
    for (raw, code) in [
        (".", "name_too_short"),
        ("%", "name_wildcard"),
        ("_", "name_wildcard"),
        ("-", "name_too_short"),
        ("\\", "name_characters"),
        ("a", "name_too_short"),
        ("**", "name_wildcard"),
        ("%%", "name_wildcard"),
        ("Ю%", "name_wildcard"),
        ("   ", "criteria_required"),
    ] {
        let path = format!("/api/persons?{}", enc(raw));
        let r = app.req(Role::MigrationOfficer, Method::GET, &path).send().await.unwrap();
        assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("name", code))).await;
        // The same on the page: a message, no list.
        let r = c.get(app.url(&format!("/persons?{}", enc(raw)))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{raw:?}");
        let html = r.text().await.unwrap();
        if raw.trim().is_empty() {
            assert!(!html.contains("class=\"results\""), "{raw:?}: nothing listed");
        } else {
            assert!(html.contains("role=\"alert\""), "{raw:?}: a message is shown");
            assert!(!html.contains(&format!("/persons/{}", app.fx.worker)), "{raw:?}: nobody listed");
            assert!(!html.contains(&format!("/persons/{}", app.fx.other)), "{raw:?}: nobody listed");
        }
    }
    // Law enforcement is refused the same way, even with a legal basis.
    let (s, v) = app.get(Role::LawEnforcement, &format!("/api/persons?{}&{LE_REASON}", enc("%"))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

#[tokio::test]
async fn pages_keep_every_criterion_and_a_bad_cursor_is_a_clear_422() {
    // Arrange: five namesakes born in 1990, two born in 1985.
    let app = TestApp::spawn().await;
    let mut born_1990 = vec![];
    for i in 0..7 {
        let mut p = person_json("Мирзоев", &format!("AM20000{i:02}"));
        p["names"][1] = json!({"form": "latin", "surname": "MIRZOEV", "given_names": "JAMSHID"});
        p["birth_date"] = json!(if i < 5 { format!("1990-02-{:02}", i + 1) } else { "1985-02-01".to_string() });
        let id = app.create_ok(&p).await.to_string();
        if i < 5 {
            born_1990.push(id);
        }
    }
    born_1990.sort();

    // Act: law enforcement walks the pages of two with its legal basis and case number.
    let base = format!("/api/persons?name=MIRZOEV&birth_year=1990&limit=2&{LE_REASON}");
    let (s, mut page) = app.get(Role::LawEnforcement, &base).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let mut seen = vec![];
    let mut pages = 0;
    loop {
        pages += 1;
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(c) => {
                let (s, v) = app.get(Role::LawEnforcement, &format!("{base}&cursor={c}")).await;
                assert_eq!(s, StatusCode::OK, "{v}");
                page = v;
            }
            None => break,
        }
    }

    // Assert
    assert_eq!(pages, 3);
    assert_eq!(seen, born_1990, "each once, in order, only those born in 1990");

    // A cursor used with other criteria, or one we never made, is a 422 naming the cursor.
    let (_, first) = app.get(Role::MigrationOfficer, "/api/persons?name=MIRZOEV&birth_year=1990&limit=2").await;
    let c = first["next_cursor"].as_str().unwrap();
    for path in [
        format!("/api/persons?name=MIRZOEV&birth_year=1985&limit=2&cursor={c}"),
        "/api/persons?name=MIRZOEV&cursor=not-a-cursor".to_string(),
        format!("/api/persons?name=MIRZOEV&cursor={}", Uuid::now_v7()),
        "/api/persons?name=MIRZOEV&cursor=%00%FF".to_string(),
    ] {
        let r = app.req(Role::MigrationOfficer, Method::GET, &path).send().await.unwrap();
        assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("cursor", "cursor"))).await;
    }
}

#[tokio::test]
async fn the_page_lists_compact_rows_and_its_next_link_keeps_the_criteria() {
    // Arrange: 55 namesakes, more than a page of 50.
    let app = TestApp::spawn().await;
    for i in 0..55 {
        let mut p = person_json("Турсунов", &format!("AT30000{i:02}"));
        p["names"][1] = json!({"form": "latin", "surname": "TURSUNOV", "given_names": "BOBUR"});
        app.create_ok(&p).await;
    }
    let c = logged_in(&app, "migration-officer").await;

    // Act: the first page, then the next-page link as the page gives it.
    let r = c.get(app.url("/persons?name=tursunov&birth_year=1994&purpose=check")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    // The template escapes the link as HTML (`&amp;`, `&#x2f;`), as a browser reads it.
    let next = html
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.contains("cursor="))
        .expect("a next-page link")
        .replace("&amp;", "&")
        .replace("&#x2f;", "/");
    let next = next.strip_prefix("/persons?").unwrap_or_else(|| panic!("{next}")).to_string();
    for kept in ["name=tursunov", "birth_year=1994", "purpose=check", "cursor="] {
        assert!(next.contains(kept), "{kept} kept in {next}");
    }
    let r = c.get(app.url(&format!("/persons?{next}"))).send().await.unwrap();

    // Assert: 200 with the rest of the namesakes, as compact rows.
    assert_eq!(r.status(), StatusCode::OK);
    let html2 = r.text().await.unwrap();
    assert_eq!(html.matches("<tr>").count() - 1, 50, "a full first page");
    assert_eq!(html2.matches("<tr>").count() - 1, 5, "the rest on the second");
    assert!(html2.contains("Турсунов Жамшид") && html2.contains("TURSUNOV BOBUR"), "both writings");
    assert!(html2.contains("1994-03-12") && html2.contains("UZB"));
    // A cursor of another search is a message on the page, not an error page.
    let cursor = next.split("cursor=").nth(1).unwrap();
    let r = c.get(app.url(&format!("/persons?name=yusupov&cursor={cursor}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("другому поиску"), "{html}");
}
