//! Fresh databases for the tests of this crate and of the crates above it (feature
//! `test-support`): one code path that makes an empty, migrated database on the backend the test
//! run asks for and removes it afterwards.
//!
//! The backend: PostgreSQL when `ROSMIGRATION_TEST_POSTGRES_URL` names a server (a database of
//! its own per test, created on that server and dropped at the end), SQLite in a new temporary
//! folder otherwise. So the same test runs on both, as `.ci/run` does.

use std::path::PathBuf;

use uuid::Uuid;

use crate::{Db, Sealer, Store};

/// The environment variable naming a PostgreSQL server for the tests.
pub const POSTGRES_URL_ENV: &str = "ROSMIGRATION_TEST_POSTGRES_URL";

/// A test's own database; dropping it removes the database (and the SQLite folder).
#[derive(Debug)]
pub struct TestDatabase {
    /// Connection URL of the database.
    pub url: String,
    dir: Option<PathBuf>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// Creates an empty database; `prefix` names the SQLite folder (`rm-<prefix>-…`) to tell
    /// test runs apart. Not migrated.
    pub async fn create(prefix: &str) -> TestDatabase {
        if let Ok(admin_url) = std::env::var(POSTGRES_URL_ENV) {
            let name = format!("rm_test_{}", Uuid::now_v7().simple());
            let admin = Db::connect(&admin_url, 1).await.expect("PostgreSQL from ROSMIGRATION_TEST_POSTGRES_URL");
            if let Db::Postgres(p) = &admin {
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(p).await.expect("CREATE DATABASE");
            }
            admin.close().await;
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).expect("a URL with a database");
            return TestDatabase { url: format!("{base}/{name}"), dir: None, postgres: Some((admin_url, name)) };
        }
        let dir = std::env::temp_dir().join(format!("rm-{prefix}-{}", Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TestDatabase { url: format!("sqlite://{}/t.db", dir.display()), dir: Some(dir), postgres: None }
    }

    /// Connects with `pool` connections and applies the migrations.
    pub async fn connect(&self, pool: u32) -> Db {
        let db = Db::connect(&self.url, pool).await.expect("the test database");
        db.migrate().await.expect("migrations");
        db
    }

    /// The SQLite folder (None on PostgreSQL).
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_deref()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
        if let Some((admin_url, name)) = self.postgres.take() {
            // Drop runs inside or outside a runtime: a thread of its own with its own runtime
            // works in both.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
                rt.block_on(async move {
                    if let Ok(Db::Postgres(p)) = Db::connect(&admin_url, 1).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&p).await;
                    }
                });
            })
            .join();
        }
    }
}

/// A store with a fresh random data key on a fresh migrated database (8 connections), and the
/// database's guard: keep it alive as long as the store.
pub async fn fresh_store(prefix: &str) -> (Store, TestDatabase) {
    let t = TestDatabase::create(prefix).await;
    let db = t.connect(8).await;
    (Store::new(db, Sealer::from_base64(&Sealer::generate_key()).expect("a generated key")), t)
}
