//! The two storage backends behind one type.
//!
//! SQLite is the embedded default (one file, WAL, created on first run); PostgreSQL is for
//! production. Repository code is written once: the [`dispatch!`] macro expands a block for each
//! backend, so every query is type-checked against both drivers and shares one SQL text (both
//! accept `$1` placeholders). Where the dialects truly differ, a function matches on the backend
//! explicitly.
//!
//! SQLite allows one writer at a time. Instead of letting connections race for the write lock
//! (and fail with `SQLITE_BUSY`), writes go through a single-connection pool and reads through a
//! pool of readers, which WAL lets run concurrently with the writer.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// A connection pool for one of the backends.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded SQLite: readers and a single writer.
    Sqlite {
        /// Pool of read connections.
        read: SqlitePool,
        /// The single write connection.
        write: SqlitePool,
    },
    /// PostgreSQL (or a compatible engine).
    Postgres(PgPool),
}

/// An open write transaction on either backend.
pub enum Tx {
    /// SQLite transaction on the writer connection.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL transaction.
    Postgres(Transaction<'static, Postgres>),
}

/// Expands `$body` once per backend with `$c` bound to that backend's pool, connection or
/// transaction, so one piece of query code serves both.
#[macro_export]
#[doc(hidden)]
macro_rules! dispatch {
    (tx $tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite($c) => $body,
            $crate::db::Tx::Postgres($c) => $body,
        }
    };
    (exec $tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite($c) => {
                $body;
            }
            $crate::db::Tx::Postgres($c) => {
                $body;
            }
        }
    };
    (read $db:expr, $c:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite { read: $c, .. } => $body,
            $crate::db::Db::Postgres($c) => $body,
        }
    };
}
pub use dispatch;

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// Creates a folder and its missing parents readable by the owner only (0700), for the data
/// folder that holds the database and the development key. Folders that already exist keep
/// their mode: the database may be put in a shared folder on purpose.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Makes sure the SQLite database file exists with mode 0600 before SQLite opens it: SQLite
/// gives its `-wal` and `-shm` files the database file's mode, so all three then hold personal
/// data readable by the owner only (152-FZ art. 19). A file created earlier with a wider mode
/// (by an older version) is narrowed, with its `-wal` and `-shm`.
fn private_database_file(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    drop(o.open(path)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let f = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if let Ok(m) = std::fs::metadata(&f)
                && m.permissions().mode() & 0o077 != 0
            {
                tracing::warn!(path = %f.display(), "db.file_mode_narrowed: the database file was readable by others; now 0600");
                std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    Ok(())
}

impl Db {
    /// Connects to `url` (`sqlite://path` or `postgres://...`), creating the SQLite file and its
    /// folder on first run.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        use anyhow::Context as _;
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url).context("parsing the PostgreSQL URL")?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .with_context(|| format!("connecting to PostgreSQL at {}", redact(url)))?;
            return Ok(Db::Postgres(pool));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).ok_or_else(|| {
            anyhow::anyhow!("unsupported database URL {:?}: use sqlite://PATH or postgres://...", redact(url))
        })?;
        let path = path.split('?').next().unwrap_or(path);
        if path != ":memory:" {
            if let Some(dir) = Path::new(path).parent()
                && !dir.as_os_str().is_empty()
            {
                create_private_dir(dir).with_context(|| format!("creating the data folder {}", dir.display()))?;
            }
            private_database_file(Path::new(path))
                .with_context(|| format!("creating the SQLite database {path} readable by its owner only"))?;
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            .pragma("cache_size", "-65536")
            .pragma("temp_store", "memory")
            // Map the whole file (up to 256 GiB): reads then come straight from the page cache
            // without a copy per page. Needs the raised compile-time cap in .cargo/config.toml.
            .pragma("mmap_size", "274877906944");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(60))
            .connect_with(opts.clone())
            .await
            .with_context(|| format!("opening the SQLite database {path}"))?;
        let read = SqlitePoolOptions::new()
            .max_connections(max_connections.max(2))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opts.read_only(true))
            .await
            .with_context(|| format!("opening the SQLite database {path} for reading"))?;
        Ok(Db::Sqlite { read, write })
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the versioned migrations of this backend.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("./migrations/sqlite").run(write).await?,
            Db::Postgres(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A cheap round trip, for readiness probes.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        dispatch!(read self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))
    }

    /// Closes every connection (graceful shutdown; lets SQLite checkpoint its WAL).
    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    /// Serialises this transaction with every other one that names one of the same `keys` in
    /// `scope`, until it ends, so that a count read after it is exact: a rate limit cannot be
    /// passed by simultaneous requests that each counted before the others wrote. PostgreSQL
    /// takes transaction-scoped advisory locks, in one order so two transactions cannot
    /// deadlock; on SQLite the single writer connection already serialises write transactions.
    pub async fn serialise_on(&mut self, scope: &str, keys: &[&[u8]]) -> Result<(), sqlx::Error> {
        let Tx::Postgres(t) = self else { return Ok(()) };
        let mut locks: Vec<i64> = keys.iter().map(|k| advisory_key(scope, k)).collect();
        locks.sort_unstable();
        locks.dedup();
        for key in locks {
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(key).execute(&mut **t).await?;
        }
        Ok(())
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// The 64-bit advisory lock key of `key` in `scope`: the first eight bytes of a SHA-256 of both,
/// so keys of different scopes (login codes, share checks) do not wait on each other.
fn advisory_key(scope: &str, key: &[u8]) -> i64 {
    use sha2::{Digest, Sha256};
    let d = Sha256::new().chain_update(scope.as_bytes()).chain_update([0]).chain_update(key).finalize();
    i64::from_be_bytes(d[..8].try_into().expect("a SHA-256 is 32 bytes"))
}

/// Hides the password in a database URL for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    /// Breaks if the database, its WAL and shared-memory files or a new data folder are created
    /// with the umask's mode (0644 / 0755: any local user could copy the registry).
    #[cfg(unix)]
    #[tokio::test]
    async fn database_files_and_a_new_data_folder_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let base = std::env::temp_dir().join(format!("rm-modes-{}", uuid::Uuid::now_v7()));
        let dir = base.join("data");
        let file = dir.join("registry.db");
        let db = super::Db::connect(&format!("sqlite://{}", file.display()), 2).await.unwrap();
        db.migrate().await.unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700, "data folder");
        for suffix in ["", "-wal", "-shm"] {
            let f = std::path::PathBuf::from(format!("{}{suffix}", file.display()));
            assert!(f.exists(), "{} exists after a write", f.display());
            assert_eq!(mode(&f), 0o600, "{}", f.display());
        }
        db.close().await;
        // A file left world-readable by an older version is narrowed on the next start.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let db = super::Db::connect(&format!("sqlite://{}", file.display()), 2).await.unwrap();
        assert_eq!(mode(&file), 0o600);
        db.close().await;
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
