//! The test environment of the binary's end-to-end tests: a fresh database (SQLite in a temp
//! folder, or a new PostgreSQL database when ROSMIGRATION_TEST_POSTGRES_URL is set), a data key,
//! and the real `rosmigration` binary pointed at them.

#![allow(dead_code, reason = "shared by several test binaries, each using a part of it")]

use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh database (`store::testing::TestDatabase`), a data key and a folder for the test's
/// files; all removed at the end.
pub struct Env {
    pub url: String,
    pub dir: PathBuf,
    pub key: String,
    db: store::testing::TestDatabase,
}

impl Env {
    /// A new environment; `prefix` names its folders.
    pub async fn new(prefix: &str) -> Env {
        let dir = std::env::temp_dir().join(format!("rm-{prefix}-files-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = store::testing::TestDatabase::create(prefix).await;
        Env { url: db.url.clone(), dir, key: store::Sealer::generate_key(), db }
    }

    fn postgres(&self) -> bool {
        self.db.dir().is_none()
    }

    /// The binary with `args`, configured for this environment, not yet started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_rosmigration"));
        c.args(args)
            .env("ROSMIGRATION_DATABASE_URL", &self.url)
            .env("ROSMIGRATION_DATA_KEY", &self.key)
            .env("RUST_LOG", "warn");
        c
    }

    /// Runs the binary with `args` and waits for it.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs the binary with `args` and extra environment variables.
    pub fn run_with(&self, args: &[&str], extra_env: &[(&str, &str)]) -> Output {
        let mut c = self.command(args);
        for (k, v) in extra_env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    /// Executes one SQL statement against the environment's database.
    pub async fn exec(&self, sql: &str) {
        if self.postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }

    /// One integer from a query (0 on SQLite when the query fails, e.g. before migrations).
    pub async fn count(&self, sql: &str) -> i64 {
        if self.postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            let v: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            v
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            let v: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap_or(0);
            pool.close().await;
            v
        }
    }
}

impl Env {
    /// The instants one query returns (a column of timestamps).
    pub async fn times(&self, sql: &str) -> Vec<chrono::DateTime<chrono::Utc>> {
        if self.postgres() {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            let v = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            v
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            let v = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            v
        }
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // The database is dropped by its own guard.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A run's stdout and stderr together.
pub fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}
