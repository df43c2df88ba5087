//! The personal cabinet and share codes (issue 5, parts 4-5): one-time-code login with its
//! limits, the cabinet's pages, share codes and the public check, on both backends.

use domain::access::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use store::Db;
use uuid::Uuid;

use crate::helpers::{TestApp, assert_problem, days_ago};

/// The worker fixture's phone (the other fixtures share it, but only the worker has an account).
const PHONE: &str = "+998 90 123 45 67";

/// Notifications rows: (id, template, sealed args), newest first.
async fn outbox(app: &TestApp) -> Vec<(Uuid, String, Vec<u8>)> {
    let sql = "SELECT id, template, args FROM notifications ORDER BY created_at DESC";
    match &app.store.db {
        Db::Sqlite { read, .. } => sqlx::query_as(sql).fetch_all(read).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
    }
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    match &app.store.db {
        Db::Sqlite { read, .. } => sqlx::query_scalar(&sql).fetch_one(read).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(&sql).fetch_one(p).await.unwrap(),
    }
}

/// The code in the newest SMS, opened with the store's key as the dispatcher would.
async fn last_code(app: &TestApp) -> String {
    let (id, template, sealed) = outbox(app).await.into_iter().next().expect("a queued message");
    assert_eq!(template, "otp-code");
    let args: Value = serde_json::from_slice(&app.store.sealer().open(&sealed, id.as_bytes()).unwrap()).unwrap();
    args["code"].as_str().unwrap().to_string()
}

async fn start(app: &TestApp, phone: &str, ip: &str) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url("/api/me/login/start"))
        .header("x-real-ip", ip)
        .json(&json!({"phone": phone}))
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn verify(app: &TestApp, challenge: &Value, code: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/me/login/verify"))
        .json(&json!({"challenge_id": challenge, "code": code}))
        .send()
        .await
        .unwrap()
}

fn other_code(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

/// A browser-like client with cookies that does not follow redirects.
fn browser() -> reqwest::Client {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    reqwest::Client::builder().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn field(html: &str, name: &str) -> String {
    html.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// Logs in through the cabinet's pages with the code from the outbox; returns the client and
/// the session's CSRF token (from the logout form).
async fn cabinet_login(app: &TestApp, phone: &str) -> (reqwest::Client, String) {
    let c = browser();
    let page = c.get(app.url("/cabinet/login")).send().await.unwrap().text().await.unwrap();
    let r = c
        .post(app.url("/cabinet/login"))
        .form(&[("phone", phone), ("form_token", &field(&page, "form_token"))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/cabinet/code?c="), "{to}");
    let page = c.get(app.url(&to)).send().await.unwrap().text().await.unwrap();
    let code = last_code(app).await;
    let form = [("challenge", field(&page, "challenge")), ("code", code), ("form_token", field(&page, "form_token"))];
    let r = c.post(app.url("/cabinet/code")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/cabinet");
    let home = c.get(app.url("/cabinet")).send().await.unwrap().text().await.unwrap();
    let csrf = field(&home, "csrf");
    (c, csrf)
}

#[tokio::test]
async fn a_migrant_logs_in_with_the_code_from_the_outbox_and_sees_the_cabinet() {
    let app = TestApp::spawn().await;
    // A work entry 20 days ago: the case has steps with deadlines.
    let body =
        json!({"changes": [{"type": "record_crossing", "on": days_ago(20), "direction": "entry", "purpose": "work"}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.worker), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (c, _) = cabinet_login(&app, "+998 (90) 123-45-67").await;
    let home = c.get(app.url("/cabinet")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("Здравствуйте, Юсупов Жамшид Рустамович"), "{home}");
    assert!(home.contains("Ближайший срок"));
    let list = c.get(app.url("/cabinet/checklist")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("Заявление на патент") && list.contains("Медицинское освидетельствование"), "{list}");
    let docs = c.get(app.url("/cabinet/documents")).send().await.unwrap().text().await.unwrap();
    assert!(docs.contains("Паспорт") && docs.contains("AA1234567"));
    let msgs = c.get(app.url("/cabinet/messages")).send().await.unwrap().text().await.unwrap();
    assert!(msgs.contains("Код для входа"), "the SMS with the code is among my messages");
    assert!(msgs.contains("был отправлен на ваш телефон"), "shown as sent, without the code: {msgs}");
    assert!(!msgs.contains("Действует 5 мин"), "the code's own text is not shown again: {msgs}");
    // The officer's change and my own reads are in the access log, officers by role only.
    let access = c.get(app.url("/cabinet/access")).send().await.unwrap().text().await.unwrap();
    assert!(access.contains("Сотрудник миграционной службы") && access.contains("Вы"), "{access}");
    assert!(!access.contains("migration-officer"), "no officer's username");
    // The language switch: Uzbek for the pages, and remembered for the person.
    let r = c.get(app.url("/cabinet/lang/uz")).header("referer", app.url("/cabinet/checklist")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/cabinet/checklist");
    let list = c.get(app.url("/cabinet/checklist")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("Patent uchun ariza"), "{list}");
    assert_eq!(app.store.person_lang(app.fx.worker).await.unwrap(), Some(domain::lang::Lang::Uz));
    // An officer's session is not a cabinet.
    let officer = crate::helpers::logged_in(&app, "migration-officer").await;
    let r = officer.get(app.url("/cabinet")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/cabinet/login");
}

#[tokio::test]
async fn wrong_expired_and_exhausted_codes_fail_and_unknown_phones_look_the_same() {
    let app = TestApp::spawn().await;
    // Known phone: a code is queued.
    let (s, known) = start(&app, PHONE, "10.0.0.1").await;
    assert_eq!(s, StatusCode::ACCEPTED, "{known}");
    let code = last_code(&app).await;
    // Unknown phone: the same answer, nothing queued.
    let queued = count(&app, "notifications").await;
    let (s, unknown) = start(&app, "+7 916 000 00 00", "10.0.0.2").await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&known), keys(&unknown), "same shape");
    assert_eq!(count(&app, "notifications").await, queued, "no SMS to an unknown phone");
    let r = verify(&app, &unknown["challenge_id"], "123456").await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("code", "otp_wrong"))).await;

    // Malformed code: no guess spent.
    let r = verify(&app, &known["challenge_id"], "12ab").await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("code", "otp_format"))).await;
    // Five wrong guesses, then even the right code is refused.
    let wrong = other_code(&code);
    for left in (0..5).rev() {
        let r = verify(&app, &known["challenge_id"], &wrong).await;
        let v = assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("code", "otp_wrong"))).await;
        assert!(v.to_string().contains(&format!("{left} attempt")), "{v}");
    }
    let r = verify(&app, &known["challenge_id"], &code).await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("code", "otp_exhausted"))).await;

    // Expired: a new code, its expiry moved into the past.
    let (_, fresh) = start(&app, PHONE, "10.0.0.3").await;
    let code = last_code(&app).await;
    // Every challenge so far expires (ids are BLOBs in SQLite, so no id in the SQL).
    app.exec("UPDATE otp_challenges SET expires_at = created_at").await;
    let r = verify(&app, &fresh["challenge_id"], &code).await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("code", "otp_expired"))).await;
    let r = verify(&app, &json!(Uuid::now_v7()), "123456").await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("challenge_id", "otp_unknown"))).await;
}

#[tokio::test]
async fn the_right_code_gives_a_token_once_and_the_account_is_the_persons() {
    let app = TestApp::spawn().await;
    // The student has no account yet: the first login creates it.
    let phone = "+992 93 555 44 33";
    let body = json!({"changes": [{"type": "add_contact", "contact": {"kind": "phone", "value": phone}}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.student), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, ch) = start(&app, "992935554433", "10.0.0.9").await;
    let code = last_code(&app).await;
    let r = verify(&app, &ch["challenge_id"], &code).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["person_id"], json!(app.fx.student));
    let token = v["token"].as_str().unwrap();
    let r = app.client.get(app.url("/api/me/case")).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let case: Value = r.json().await.unwrap();
    assert!(case["case"]["steps"].is_array(), "{case}");
    // The language, through the API: stored for the person; unknown codes are named.
    let r =
        app.client.put(app.url("/api/me/lang")).bearer_auth(token).json(&json!({"lang": "tg"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.store.person_lang(app.fx.student).await.unwrap(), Some(domain::lang::Lang::Tg));
    let r =
        app.client.put(app.url("/api/me/lang")).bearer_auth(token).json(&json!({"lang": "de"})).send().await.unwrap();
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("lang", "lang_unknown"))).await;
    assert_eq!(app.store.person_lang(app.fx.student).await.unwrap(), Some(domain::lang::Lang::Tg), "nothing changed");
    // A used code does not work twice.
    let r = verify(&app, &ch["challenge_id"], &code).await;
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("challenge_id", "otp_unknown"))).await;
}

#[tokio::test]
async fn phones_in_any_format_name_one_number_and_the_limits_hold() {
    let app = TestApp::spawn().await;
    // Bad input: a named problem and nothing written.
    for (phone, code) in
        [("abc", "phone_format"), ("90 123 45 67", "phone_country_code"), ("+998 90 123", "phone_length")]
    {
        let r = app.client.post(app.url("/api/me/login/start")).json(&json!({"phone": phone})).send().await.unwrap();
        assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("phone", code))).await;
    }
    assert_eq!(count(&app, "otp_challenges").await, 0);
    // Three spellings of one number, from three addresses: three codes to the same person...
    for (i, phone) in ["+998 (90) 123-45-67", "998901234567", "00998901234567"].iter().enumerate() {
        let (s, v) = start(&app, phone, &format!("10.1.0.{i}")).await;
        assert_eq!(s, StatusCode::ACCEPTED, "{phone}: {v}");
    }
    assert_eq!(count(&app, "notifications").await, 3);
    // ...so the fourth within 15 minutes is refused, whatever the spelling.
    let r = app
        .client
        .post(app.url("/api/me/login/start"))
        .header("x-real-ip", "10.1.0.9")
        .json(&json!({"phone": "+998901234567"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // Per IP: three codes an hour, for any phones, known or not.
    for p in ["+7 916 000 00 01", "+7 916 000 00 02", "+7 916 000 00 03"] {
        assert_eq!(start(&app, p, "10.2.0.1").await.0, StatusCode::ACCEPTED);
    }
    assert_eq!(start(&app, "+7 916 000 00 04", "10.2.0.1").await.0, StatusCode::TOO_MANY_REQUESTS);
    // The web form says it in the user's language.
    let c = browser();
    let page =
        c.get(app.url("/cabinet/login")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
    let r = c
        .post(app.url("/cabinet/login"))
        .header("accept-language", "en")
        .form(&[("phone", "90 123 45 67"), ("form_token", &field(&page, "form_token"))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Add the country code"));
}

async fn check(app: &TestApp, code: &str, birth_date: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/share-codes/check"))
        .header("x-real-ip", "10.9.0.1")
        .json(&json!({"code": code, "birth_date": birth_date, "checker_name": "Петрова Анна", "checker_org": "ООО «Стройка»"}))
        .send()
        .await
        .unwrap()
}

async fn new_code(app: &TestApp, purpose: &str) -> Value {
    let (s, v) = app.post(Role::Migrant, "/api/me/share-codes", &json!({"purpose": purpose})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

#[tokio::test]
async fn share_codes_show_the_checker_only_the_answer_and_the_migrant_every_check() {
    let app = TestApp::spawn().await;
    let body = json!({"changes": [
        {"type": "record_crossing", "on": days_ago(20), "direction": "entry", "purpose": "work"},
        {"type": "grant_permit", "permit": {"kind": "patent", "region": "16", "valid_from": days_ago(10), "valid_until": days_ago(-80)}}
    ]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.worker), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let c = new_code(&app, "right_to_work").await;
    let code = c["code"].as_str().unwrap();
    assert!(regex_like(code), "{code}");
    // The checker types it in lower case without dashes.
    let r = check(&app, &code.replace('-', "").to_lowercase(), "1994-03-12").await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["name", "on", "photo", "purpose", "right_to_stay", "right_to_work", "valid_until"], "{v}");
    assert_eq!(v["name"], "Юсупов Жамшид Рустамович");
    assert_eq!((v["right_to_work"].as_bool(), v["right_to_stay"].as_bool()), (Some(true), Some(true)), "{v}");
    // Until the patent's end or the stay's, whichever is earlier (the right to work needs both).
    let (_, st) = app.get(Role::MigrationOfficer, &format!("/api/persons/{}/status", app.fx.worker)).await;
    let stay_until = st["evaluation"]["stay"]["lawful_until"].as_str().unwrap().to_string();
    assert_eq!(v["valid_until"].as_str().unwrap(), stay_until.as_str().min(days_ago(-80).as_str()), "{v} {st}");
    assert_eq!(v["photo"], false);
    assert!(!v.to_string().contains("AA1234567") && !v.to_string().contains("+998"), "nothing beyond the answer");
    // Bad input: named, and not a check.
    let before = count(&app, "share_checks").await;
    for (c, d, f, e) in [
        ("W0K-7PX-Q2M", "1994-03-12", "code", "share_code_format"),
        (code, "12/03/1994", "birth_date", "birth_date_format"),
    ] {
        assert_problem(check(&app, c, d).await, StatusCode::UNPROCESSABLE_ENTITY, Some((f, e))).await;
    }
    let r = app
        .client
        .post(app.url("/api/share-codes/check"))
        .json(&json!({"code": code, "birth_date": "1994-03-12", "checker_name": " ", "checker_org": "X"}))
        .send()
        .await
        .unwrap();
    assert_problem(r, StatusCode::UNPROCESSABLE_ENTITY, Some(("checker_name", "required"))).await;
    assert_eq!(count(&app, "share_checks").await, before);
    // An unknown code is a logged failed check.
    assert_problem(
        check(&app, "ABC-DEF-GHJ", "1994-03-12").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(("code", "share_unknown")),
    )
    .await;
    // The migrant sees each check of the code, and the audit log has it with the checker.
    let (_, mine) = app.get(Role::Migrant, "/api/me/share-codes").await;
    assert_eq!(mine[0]["code"], code, "the owner sees the code again");
    assert_eq!(mine[0]["checks"].as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["checks"][0]["checker_org"], "ООО «Стройка»");
    assert_eq!(mine[0]["checks"][0]["outcome"], "ok");
    let (_, log) = app.get(Role::Migrant, "/api/me/access-log").await;
    assert!(log.to_string().contains("share code check by Петрова Анна (ООО «Стройка»)"), "{log}");
}

fn regex_like(code: &str) -> bool {
    let b = code.as_bytes();
    code.len() == 11
        && b[3] == b'-'
        && b[7] == b'-'
        && code.chars().filter(|c| *c != '-').all(|c| c.is_ascii_alphanumeric() && !"01OI".contains(c))
}

#[tokio::test]
async fn wrong_birth_dates_lock_a_code_and_expired_or_revoked_codes_fail() {
    let app = TestApp::spawn().await;
    let c = new_code(&app, "right_to_rent").await;
    let code = c["code"].as_str().unwrap();
    for left in (0..5).rev() {
        let v = assert_problem(
            check(&app, code, "1990-01-01").await,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("birth_date", "birth_date_mismatch")),
        )
        .await;
        assert!(v.to_string().contains(&format!("{left} attempt")), "{v}");
    }
    assert_problem(
        check(&app, code, "1994-03-12").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(("code", "share_locked")),
    )
    .await;
    // Expired.
    let c = new_code(&app, "bank").await;
    // Every code so far expires (ids are BLOBs in SQLite; the locked one stays locked).
    app.exec("UPDATE share_codes SET expires_at = created_at").await;
    assert_problem(
        check(&app, c["code"].as_str().unwrap(), "1994-03-12").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(("code", "share_expired")),
    )
    .await;
    // Revoked: by its owner only.
    let c = new_code(&app, "bank").await;
    let path = format!("/api/me/share-codes/{}/revoke", c["id"].as_str().unwrap());
    let (s, _) = app.post(Role::MigrationOfficer, &path, &json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "not an officer's code to revoke");
    let r = app.req(Role::Migrant, reqwest::Method::POST, &path).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_problem(
        check(&app, c["code"].as_str().unwrap(), "1994-03-12").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some(("code", "share_revoked")),
    )
    .await;
    // Validity is 1-90 days.
    let (s, v) = app.post(Role::Migrant, "/api/me/share-codes", &json!({"purpose": "bank", "days": 91})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("share_days"));
    // Every check is shown to the migrant: 5 wrong, 1 locked, 1 expired, 1 revoked.
    let (_, mine) = app.get(Role::Migrant, "/api/me/share-codes").await;
    let checks: usize = mine.as_array().unwrap().iter().map(|c| c["checks"].as_array().unwrap().len()).sum();
    assert_eq!(checks, 8, "{mine}");
}

#[tokio::test]
async fn the_cabinet_creates_and_revokes_codes_and_the_checker_page_answers() {
    let app = TestApp::spawn().await;
    let (c, csrf) = cabinet_login(&app, PHONE).await;
    let r = c
        .post(app.url("/cabinet/share"))
        .form(&[("csrf", csrf.as_str()), ("purpose", "right_to_work"), ("days", "14")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = c.get(app.url("/cabinet/share")).send().await.unwrap().text().await.unwrap();
    let code = page.split("class=\"bigcode\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    // Bad validity: the page says so in the user's language; nothing created.
    let r = c
        .post(app.url("/cabinet/share"))
        .form(&[("csrf", csrf.as_str()), ("purpose", "bank"), ("days", "120")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Срок действия — от 1 до 90 дней."));
    assert_eq!(count(&app, "share_codes").await, 1);
    // Forged form: refused, nothing created.
    let r = c.post(app.url("/cabinet/share")).form(&[("csrf", "forged"), ("purpose", "bank")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The public checker page, in English.
    let checker = browser();
    let form =
        checker.get(app.url("/check")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
    let r = checker
        .post(app.url("/check"))
        .header("accept-language", "en")
        .form(&[
            ("form_token", field(&form, "form_token").as_str()),
            ("code", &code),
            ("birth_date", "1994-03-12"),
            ("checker_name", "Anna Petrova"),
            ("checker_org", "<script>alert(1)</script>"),
        ])
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Юсупов Жамшид Рустамович") && html.contains("no photo on file"), "{html}");
    assert!(!html.contains("AA1234567"));
    // The migrant sees the check, escaped.
    let page = c.get(app.url("/cabinet/share")).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Anna Petrova") && page.contains("&lt;script&gt;") && !page.contains("<script>alert"),
        "{page}"
    );
    // Revoke from the cabinet; the checker is told in their language.
    let id = page.split("/cabinet/share/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let r =
        c.post(app.url(&format!("/cabinet/share/{id}/revoke"))).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let form =
        checker.get(app.url("/check")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
    let html = checker
        .post(app.url("/check"))
        .header("accept-language", "en")
        .form(&[
            ("form_token", field(&form, "form_token").as_str()),
            ("code", &code),
            ("birth_date", "1994-03-12"),
            ("checker_name", "Anna Petrova"),
            ("checker_org", "Bank"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("The person has revoked this code."), "{html}");
}

#[test]
fn every_cabinet_message_is_translated_into_all_five_languages() {
    let dir = crate::server::ServerConfig::default_assets_dir().join("locales");
    let i18n = crate::server::i18n::I18n::load(&dir).unwrap();
    let ru = std::fs::read_to_string(dir.join("ru/cabinet.ftl")).unwrap();
    let keys: Vec<&str> =
        ru.lines().filter_map(|l| l.split_once(" = ").map(|(k, _)| k)).filter(|k| !k.starts_with('#')).collect();
    assert!(keys.len() > 100);
    for lang in ["uz", "tg", "ky", "en"] {
        assert_eq!(i18n.missing(lang, &keys), Vec::<String>::new(), "{lang}");
    }
}

#[tokio::test]
async fn guessing_share_codes_is_throttled_per_ip() {
    let app = TestApp::spawn().await;
    let c = new_code(&app, "bank").await;
    let guess = |ip: &'static str| {
        app.client
            .post(app.url("/api/share-codes/check"))
            .header("x-real-ip", ip)
            .json(&json!({"code": "ABC-DEF-GHJ", "birth_date": "1994-03-12", "checker_name": "X", "checker_org": "Y"}))
            .send()
    };
    for _ in 0..20 {
        assert_eq!(guess("10.5.0.1").await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = guess("10.5.0.1").await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    // Throttled attempts are not checks; another address is not affected.
    assert_eq!(count(&app, "share_checks").await, 20);
    let r = app
        .client
        .post(app.url("/api/share-codes/check"))
        .header("x-real-ip", "10.5.0.2")
        .json(&json!({"code": c["code"], "birth_date": "12.03.1994", "checker_name": "X", "checker_org": "Y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "a Russian-style date works too");
}

#[tokio::test]
async fn parallel_guesses_cannot_exceed_five_per_code() {
    let app = TestApp::spawn().await;
    let (_, ch) = start(&app, PHONE, "10.6.0.1").await;
    let wrong = other_code(&last_code(&app).await);
    let guesses = (0..20).map(|_| async {
        let r = verify(&app, &ch["challenge_id"], &wrong).await;
        let v: Value = r.json().await.unwrap();
        v["errors"][0]["code"].as_str().unwrap().to_string()
    });
    let codes = futures_util::future::join_all(guesses).await;
    assert_eq!(codes.iter().filter(|c| *c == "otp_wrong").count(), 5, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "otp_exhausted").count(), 15, "{codes:?}");
}

#[tokio::test]
async fn simultaneous_login_requests_cannot_pass_the_per_phone_limit() {
    let app = TestApp::spawn().await;
    // Twelve requests for one phone at once, each from its own address: the per-phone limit (3
    // in 15 minutes) is counted under a lock, so exactly three codes go out.
    let starts = (0..12).map(|i| {
        let ip = format!("10.7.0.{i}");
        let app = &app;
        async move { start(app, PHONE, &ip).await.0 }
    });
    let statuses = futures_util::future::join_all(starts).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::ACCEPTED).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 9, "{statuses:?}");
    assert_eq!(count(&app, "otp_challenges").await, 3);
}

#[tokio::test]
async fn simultaneous_share_guesses_cannot_pass_the_per_ip_throttle() {
    let app = TestApp::spawn().await;
    let guesses = (0..40).map(|_| async {
        app.client
            .post(app.url("/api/share-codes/check"))
            .header("x-real-ip", "10.8.0.1")
            .json(&json!({"code": "ABC-DEF-GHJ", "birth_date": "1994-03-12", "checker_name": "X", "checker_org": "Y"}))
            .send()
            .await
            .unwrap()
            .status()
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let throttled = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!(throttled, 20, "{statuses:?}");
    assert_eq!(count(&app, "share_checks").await, 20, "exactly the throttle's 20 failures were recorded");
}

#[tokio::test]
async fn the_administrator_sees_the_outbox_counts_and_nothing_of_the_messages() {
    let app = TestApp::spawn().await;
    assert_eq!(start(&app, PHONE, "10.9.0.1").await.0, StatusCode::ACCEPTED);
    let (s, v) = app.get(Role::Admin, "/api/notifications/status").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let sms = v.as_array().unwrap().iter().find(|c| c["channel"] == "sms" && c["state"] == "pending").unwrap();
    assert_eq!(sms["count"], 1, "{v}");
    assert!(sms["oldest"].is_string(), "{v}");
    // No addresses or templates: each row holds exactly these four fields, of known values
    // (a substring test on the whole text failed when a timestamp happened to hold "998").
    for row in v.as_array().unwrap() {
        let keys: Vec<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["channel", "count", "oldest", "state"], "{row}");
        assert!(["email", "sms", "cabinet"].contains(&row["channel"].as_str().unwrap()), "{row}");
        assert!(["pending", "sent", "failed"].contains(&row["state"].as_str().unwrap()), "{row}");
    }
    for role in [Role::MigrationOfficer, Role::Analyst, Role::Migrant] {
        assert_eq!(app.get(role, "/api/notifications/status").await.0, StatusCode::FORBIDDEN, "{role:?}");
    }
}

#[tokio::test]
async fn own_reads_are_counted_not_listed_and_the_cabinet_speaks_the_page_language() {
    let app = TestApp::spawn().await;
    // Arrange: a work entry 20 days ago (the patent application is due), an officer's read with
    // a typed purpose, and the migrant opening their pages several times.
    let body =
        json!({"changes": [{"type": "record_crossing", "on": days_ago(20), "direction": "entry", "purpose": "work"}]});
    let (s, v) = app.post(Role::MigrationOfficer, &format!("/api/persons/{}/changes", app.fx.worker), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = app.get(Role::MigrationOfficer, &format!("/api/persons/{}?purpose=проверка", app.fx.worker)).await;
    assert_eq!(s, StatusCode::OK);
    let (c, _) = cabinet_login(&app, PHONE).await;
    for page in ["/cabinet", "/cabinet/checklist", "/cabinet/documents", "/cabinet", "/cabinet/messages"] {
        assert_eq!(c.get(app.url(page)).send().await.unwrap().status(), StatusCode::OK, "{page}");
    }

    // Act + Assert, API: own reads summed up, the officer's read listed with its purpose.
    let (s, log) = app.get(Role::Migrant, "/api/me/access-log").await;
    assert_eq!(s, StatusCode::OK, "{log}");
    let own = log["own_reads"]["count"].as_i64().unwrap();
    assert!(own >= 6, "the cabinet pages and this read are counted: {log}");
    assert!(log["own_reads"]["since"].is_string(), "{log}");
    let entries = log["entries"].as_array().unwrap();
    assert!(
        !entries.iter().any(|e| e["role"] == "migrant" && e["action"].as_str().unwrap().starts_with("person.")),
        "no own read is listed: {log}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e["role"] == "migration_officer" && e["action"] == "person.view" && e["purpose"] == "проверка"),
        "other people's reads are listed: {log}"
    );
    let (_, again) = app.get(Role::Migrant, "/api/me/access-log").await;
    assert_eq!(again["own_reads"]["count"].as_i64().unwrap(), own + 1, "each read adds one to the count");
    assert_eq!(again["entries"].as_array().unwrap().len(), entries.len(), "and nothing to the list");

    // The page: the count in one line, others by translated role, action and purpose.
    let access = c.get(app.url("/cabinet/access")).send().await.unwrap().text().await.unwrap();
    assert!(access.contains("Вы открывали свои данные"), "{access}");
    assert!(!access.contains("<strong>Вы</strong>"), "own reads are not listed one by one: {access}");
    assert!(access.contains("Сотрудник миграционной службы") && access.contains("просмотр данных"), "{access}");
    assert!(access.contains("проверка"), "a typed purpose shows as typed");
    let r = c.get(app.url("/cabinet/lang/en")).header("referer", app.url("/cabinet/access")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let access = c.get(app.url("/cabinet/access")).send().await.unwrap().text().await.unwrap();
    assert!(access.contains("You opened your data") && access.contains("Migration officer"), "{access}");
    assert!(access.contains("data viewed"), "{access}");

    // Home in English: the engine's obligation explained, its legal basis cited, dates as "8 Dec 2026".
    let home = c.get(app.url("/cabinet")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("The foreign national: apply for a work patent by"), "{home}");
    assert!(home.contains("Legal basis: 115-FZ art. 13.3"), "{home}");
    let month = |d: &str| {
        let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        d.format("%b %Y").to_string()
    };
    assert!(home.contains(&month(&days_ago(-10))), "English dates name the month: {home}");
    // Uzbek: the same obligation in Uzbek, the source in the Uzbek form, dates dd.mm.yyyy.
    let _ = c.get(app.url("/cabinet/lang/uz")).header("referer", app.url("/cabinet")).send().await.unwrap();
    let home = c.get(app.url("/cabinet")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("Chet el fuqarosi:") && home.contains("patent olish uchun ariza berish"), "{home}");
    assert!(home.contains("Asos: 115-FZ 13.3-modda"), "{home}");
    let checklist = c.get(app.url("/cabinet/checklist")).send().await.unwrap().text().await.unwrap();
    assert!(checklist.contains("Asos: 115-FZ"), "the checklist cites the law in Uzbek: {checklist}");
}
