//! The test application and its fixtures.

use std::sync::OnceLock;
use std::time::Duration;
use store::testing::{TestDatabase, fresh_store};

use crate::server::{self, AppState, ServerConfig};
use domain::access::Role;
use domain::input::{NewOrganisation, NewPerson};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::accounts::NewAccount;
use store::{AuditEntry, Db, Store};
use uuid::Uuid;

/// The one password of every test account.
pub const PASSWORD: &str = "test-password-123";

fn shared_hash() -> String {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| server::auth::hash_password(PASSWORD).unwrap()).clone()
}

/// A running application on a fresh database.
pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub client: reqwest::Client,
    tokens: std::collections::HashMap<Role, String>,
    pub fx: Fixtures,
    _db: TestDatabase,
}

/// Ids of the seeded world.
#[derive(Debug, Clone, Default)]
pub struct Fixtures {
    pub employer_a: Uuid,
    pub employer_b: Uuid,
    pub university: Uuid,
    pub centre: Uuid,
    /// Employed by A, owns the migrant account.
    pub worker: Uuid,
    /// Student at the university.
    pub student: Uuid,
    /// Linked to nobody.
    pub other: Uuid,
}

pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

pub fn days_ago(n: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(n)).to_string()
}

/// A valid person submission with the given surname and passport number.
pub fn person_json(surname: &str, passport: &str) -> Value {
    json!({
        "names": [
            {"form": "russian", "surname": surname, "given_names": "Жамшид", "patronymic": "Рустамович"},
            {"form": "latin", "surname": "YUSUPOV", "given_names": "JAMSHID"}
        ],
        "birth_date": "1994-03-12",
        "sex": "male",
        "citizenship": "UZB",
        "documents": [{"kind": "passport", "number": passport, "issued_on": "2021-05-04", "expires_on": "2031-05-03"}],
        "contacts": [{"kind": "phone", "value": "+998 90 123 45 67"}]
    })
}

impl TestApp {
    /// Starts the app and seeds organisations, three persons and one account per role.
    pub async fn spawn() -> TestApp {
        let (store, db) = fresh_store("api").await;
        let config = ServerConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            assets_dir: ServerConfig::default_assets_dir(),
            secure_cookies: false,
            session_ttl: Duration::from_secs(3600),
            token_ttl: Duration::from_secs(3600),
            legal_grounds: domain::grounds::default_grounds(),
            oversight_persons_per_hour: 1,
            // The tests stand for a reverse proxy on this machine: `X-Real-IP` picks the address.
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        };
        let state = AppState::new(store.clone(), config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, server::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .unwrap()
        });
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut app = TestApp { base, store, client, tokens: Default::default(), fx: Fixtures::default(), _db: db };
        app.seed().await;
        app
    }

    async fn org(&self, v: Value) -> Uuid {
        let o: NewOrganisation = serde_json::from_value(v).unwrap();
        let o = o.parse().unwrap();
        self.store.create_org(&o, AuditEntry::new("test.org")).await.unwrap();
        o.id
    }

    async fn account(&mut self, role: Role, org: Option<Uuid>, person: Option<Uuid>) {
        let new = NewAccount {
            username: role.code().replace('_', "-"),
            display_name: format!("Test {}", role.code()),
            role,
            org_id: org,
            person_id: person,
            password_hash: shared_hash(),
        };
        self.store.create_account(&new, AuditEntry::new("test.account")).await.unwrap();
        let r = self
            .client
            .post(self.url("/api/auth/token"))
            .json(&json!({"username": new.username, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "login {}", new.username);
        let v: Value = r.json().await.unwrap();
        self.tokens.insert(role, v["token"].as_str().unwrap().to_string());
    }

    async fn seed(&mut self) {
        let employer =
            |name: &str, inn: &str, ogrn: &str| json!({"kind": "employer", "name": name, "inn": inn, "ogrn": ogrn});
        self.fx.employer_a = self.org(employer("ООО «Стройка»", "7707083893", "1027700132195")).await;
        self.fx.employer_b = self.org(employer("АО «Логистика»", "1655065554", "1061655005444")).await;
        self.fx.university =
            self.org(json!({"kind": "university", "name": "КФУ", "inn": "1654003139", "ogrn": "1021602841391"})).await;
        self.fx.centre =
            self.org(json!({"kind": "adaptation_centre", "name": "Центр адаптации", "languages": ["ru", "uz"]})).await;
        self.account(Role::MigrationOfficer, None, None).await;
        let mut worker = person_json("Юсупов", "AA1234567");
        worker["employments"] =
            json!([{"employer_id": self.fx.employer_a, "position": "каменщик", "from": days_ago(100)}]);
        self.fx.worker = self.create_ok(&worker).await;
        let mut student = person_json("Рахимова", "AB7654321");
        student["sex"] = json!("female");
        student["names"] = json!([{"form": "russian", "surname": "Рахимова", "given_names": "Дильноза"}]);
        student["permits"] = json!([{"kind": "student", "org_id": self.fx.university, "valid_from": days_ago(300), "valid_until": days_ago(-900)}]);
        self.fx.student = self.create_ok(&student).await;
        let mut other = person_json("Каримов", "AC1111111");
        other["names"] = json!([{"form": "russian", "surname": "Каримов", "given_names": "Фаррух"}]);
        self.fx.other = self.create_ok(&other).await;
        for (role, org, person) in [
            (Role::Admin, None, None),
            (Role::TaxOfficer, None, None),
            (Role::Employer, Some(self.fx.employer_a), None),
            (Role::University, Some(self.fx.university), None),
            (Role::AdaptationCentre, Some(self.fx.centre), None),
            (Role::LawEnforcement, None, None),
            (Role::Analyst, None, None),
            (Role::Migrant, None, Some(self.fx.worker)),
            (Role::ServicePoint, Some(self.fx.centre), None),
        ] {
            self.account(role, org, person).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request as a role (bearer token).
    pub fn req(&self, role: Role, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(path)).bearer_auth(&self.tokens[&role])
    }

    pub async fn get(&self, role: Role, path: &str) -> (StatusCode, Value) {
        let r = self.req(role, Method::GET, path).send().await.unwrap();
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, role: Role, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self.req(role, Method::POST, path).json(body).send().await.unwrap();
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn create_ok(&self, body: &Value) -> Uuid {
        let (s, v) = self.post(Role::MigrationOfficer, "/api/persons", body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["id"].as_str().unwrap().parse().unwrap()
    }

    pub async fn person_count(&self) -> i64 {
        self.store.count_persons().await.unwrap()
    }

    /// Raw SQL on the test database, for tamper tests.
    pub async fn exec(&self, sql: &str) -> u64 {
        match &self.store.db {
            Db::Sqlite { read, .. } => {
                // The read pool is read-only; open a separate writable connection.
                let path = read.connect_options().get_filename().to_owned();
                let w = Db::connect(&format!("sqlite://{}", path.display()), 1).await.unwrap();
                let Db::Sqlite { write, .. } = &w else { unreachable!() };
                let n = sqlx::query(sql).execute(write).await.unwrap().rows_affected();
                w.close().await;
                n
            }
            Db::Postgres(p) => sqlx::query(sql).execute(p).await.unwrap().rows_affected(),
        }
    }

    /// Validates a NewPerson JSON against the domain type (fixtures must be valid).
    pub fn _typed(v: &Value) -> NewPerson {
        serde_json::from_value(v.clone()).unwrap()
    }
}

/// Asserts a problem+json response with a status and (optionally) an error code on a field.
pub async fn assert_problem(r: reqwest::Response, status: StatusCode, field_code: Option<(&str, &str)>) -> Value {
    assert_eq!(r.status(), status, "status");
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], status.as_u16());
    assert!(v["type"].as_str().unwrap().starts_with("https://"), "{v}");
    if let Some((field, code)) = field_code {
        let errs = v["errors"].as_array().unwrap_or_else(|| panic!("no errors in {v}"));
        assert!(errs.iter().any(|e| e["field"] == field && e["code"] == code), "expected {field}/{code} in {v}");
    }
    v
}

/// A browser-like client (keeps cookies, does not follow redirects) and the login form's
/// anti-forgery token, as a browser would have them after opening the login page.
pub async fn login_page(app: &TestApp) -> (reqwest::Client, String) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let c =
        reqwest::Client::builder().cookie_provider(jar).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let token = page.split("name=\"login_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    (c, token)
}

/// A browser-like client logged in through the login form (cookie session).
pub async fn logged_in(app: &TestApp, username: &str) -> reqwest::Client {
    let (c, token) = login_page(app).await;
    let r = c
        .post(app.url("/login"))
        .form(&[("username", username), ("password", PASSWORD), ("login_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "login {username}");
    c
}
