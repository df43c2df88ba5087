//! The binary end to end: demo load, accounts, audit verification catching tampering, and
//! configuration errors. Runs on SQLite, or on PostgreSQL when ROSMIGRATION_TEST_POSTGRES_URL is set.

use std::process::{Command, Output};

struct Env {
    url: String,
    dir: std::path::PathBuf,
    key: String,
    pg: Option<(String, String)>,
}

impl Env {
    async fn new() -> Env {
        let dir = std::env::temp_dir().join(format!("rm-cli-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = store::Sealer::generate_key();
        if let Ok(admin) = std::env::var("ROSMIGRATION_TEST_POSTGRES_URL") {
            let name = format!("rm_cli_{}", uuid::Uuid::now_v7().simple());
            let pool = sqlx::PgPool::connect(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
            let base = admin.rsplit_once('/').unwrap().0.to_string();
            return Env { url: format!("{base}/{name}"), dir, key, pg: Some((admin, name)) };
        }
        Env { url: format!("sqlite://{}/r.db", dir.display()), dir, key, pg: None }
    }

    fn run(&self, args: &[&str], extra_env: &[(&str, &str)]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rosmigration"));
        c.args(args)
            .env("ROSMIGRATION_DATABASE_URL", &self.url)
            .env("ROSMIGRATION_DATA_KEY", &self.key)
            .env("RUST_LOG", "warn");
        for (k, v) in extra_env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    async fn exec(&self, sql: &str) {
        if self.pg.is_some() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg.take() {
            // Drop is synchronous: a thread with its own runtime drops the test database.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async move {
                    if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
                    }
                });
            })
            .join();
        }
    }
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test]
async fn demo_then_audit_verify_catches_tampering() {
    let env = Env::new().await;
    let o = env.run(&["demo", "--persons", "40", "--seed", "7"], &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("migration_officer") && out.contains("analyst"), "demo accounts printed: {out}");

    let o = env.run(&["audit", "verify"], &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("audit log intact"));

    env.exec("UPDATE audit_log SET detail = 'rewritten' WHERE position = 2").await;
    let o = env.run(&["audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("entry 2 was altered"), "{}", text(&o));

    // A second demo into a non-empty registry is refused, and nothing changes.
    let o = env.run(&["demo", "--persons", "5"], &[]);
    assert!(!o.status.success());
    assert!(text(&o).contains("already holds persons"), "{}", text(&o));
}

#[tokio::test]
async fn users_are_created_listed_and_disabled() {
    let env = Env::new().await;
    let o = env.run(
        &["user", "create", "--username", "ivanova", "--name", "Иванова А. П.", "--role", "migration_officer"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = env.run(
        &["user", "create", "--username", "ivanova", "--name", "X", "--role", "analyst"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(!o.status.success());
    assert!(text(&o).contains("username is taken"), "{}", text(&o));
    let o = env.run(
        &["user", "create", "--username", "x", "--name", "X", "--role", "employer"],
        &[("ROSMIGRATION_NEW_PASSWORD", "short")],
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(t.contains("username") && t.contains("password") && t.contains("org_id"), "every problem named: {t}");
    let o = env.run(
        &["user", "create", "--username", "y", "--name", "Y", "--role", "superuser"],
        &[("ROSMIGRATION_NEW_PASSWORD", "a-long-password")],
    );
    assert!(text(&o).contains("unknown role"), "{}", text(&o));
    let o = env.run(&["user", "disable", "--username", "ivanova"], &[]);
    assert!(o.status.success(), "{}", text(&o));
    let o = env.run(&["user", "list"], &[]);
    let t = text(&o);
    assert!(t.contains("ivanova") && t.contains("disabled"), "{t}");
}

#[test]
fn production_without_a_key_refuses_to_start() {
    let o = Command::new(env!("CARGO_BIN_EXE_rosmigration"))
        .args(["--production", "migrate"])
        .env_remove("ROSMIGRATION_DATA_KEY")
        .env("ROSMIGRATION_DATABASE_URL", "sqlite::memory:")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(text(&o).contains("ROSMIGRATION_DATA_KEY"), "{}", text(&o));
}

#[test]
fn help_is_available_everywhere() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["user", "create", "--help"],
        vec!["audit", "verify", "--help"],
        vec!["bench", "--help"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_rosmigration")).args(&args).output().unwrap();
        assert!(o.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stdout).contains("Usage"), "{args:?}");
    }
}
