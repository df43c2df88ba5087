//! Layered configuration: defaults, then the TOML file, then the environment and flags (clap
//! reads both). Parsed once at start-up; anything wrong stops the program with a message that
//! names the setting.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;
use store::{Db, Sealer, Store};

use crate::cli::Global;

/// Default database: an SQLite file under ./data, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rosmigration.db";

/// The TOML file's shape. Secrets are not read from the file, only a path to a key file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Database URL.
    pub database_url: Option<String>,
    /// File holding the base64 data key.
    pub data_key_file: Option<PathBuf>,
    /// Production mode.
    pub production: Option<bool>,
    /// Listen address.
    pub listen: Option<String>,
    /// Assets folder.
    pub assets_dir: Option<PathBuf>,
    /// Web session lifetime in minutes.
    pub session_minutes: Option<u64>,
    /// API token lifetime in hours.
    pub token_hours: Option<u64>,
    /// The legal grounds law enforcement chooses from (docs/WORKSTATIONS.md); default: the
    /// built-in list of `ServerConfig::default_legal_grounds`.
    pub legal_grounds: Option<Vec<domain::grounds::LegalGround>>,
    /// Persons one law-enforcement account may read in an hour before the oversight page
    /// raises an alert (default 30).
    pub oversight_persons_per_hour: Option<u32>,
    /// Database connections.
    pub max_connections: Option<u32>,
    /// SMTP server for e-mail notifications (docs/NOTIFICATIONS.md); none: e-mail waits.
    pub smtp_host: Option<String>,
    /// SMTP port (default 25, or 587 with starttls, 465 with tls).
    pub smtp_port: Option<u16>,
    /// none | starttls | tls (default none).
    pub smtp_tls: Option<String>,
    /// SMTP login (the password only from ROSMIGRATION_SMTP_PASSWORD).
    pub smtp_username: Option<String>,
    /// Sender address of notifications.
    pub smtp_from: Option<String>,
    /// SMS gateway URL (the token only from ROSMIGRATION_SMS_GATEWAY_TOKEN).
    pub sms_gateway_url: Option<String>,
    /// Start of the quiet hours, local time HH:MM (default 21:00).
    pub quiet_from: Option<String>,
    /// End of the quiet hours, local time HH:MM (default 09:00).
    pub quiet_to: Option<String>,
    /// The region's offset from UTC in whole hours (default 3, Moscow time; 7 for Novosibirsk):
    /// local days of deadlines, slots, routes, quiet hours and the times shown (`domain::clock`).
    pub utc_offset_hours: Option<i32>,
    /// Local time of the server's daily reminder run, HH:MM, or "off" (default 10:00).
    pub reminders_at: Option<String>,
    /// Delivery attempts before a message is given up (default 8).
    pub notify_max_attempts: Option<u32>,
    /// Reverse proxies (addresses or CIDR blocks) whose `X-Forwarded-For` / `X-Real-IP` give
    /// the client's address; default none (not even loopback).
    pub trusted_proxies: Option<Vec<String>>,
}

/// Effective settings.
#[derive(Debug)]
pub struct Settings {
    /// Database URL.
    pub database_url: String,
    /// Production mode.
    pub production: bool,
    /// Values from the file, for command-specific settings.
    pub file: FileConfig,
    data_key: Option<String>,
}

impl Settings {
    /// Merges the layers.
    pub fn load(g: &Global) -> anyhow::Result<Self> {
        let file: FileConfig = match &g.config {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("reading the configuration file {}", p.display()))?;
                toml::from_str(&text).with_context(|| format!("in the configuration file {}", p.display()))?
            }
            None => FileConfig::default(),
        };
        // The region's clock is set before anything counts a day by it.
        let offset = match std::env::var("ROSMIGRATION_UTC_OFFSET_HOURS").ok().filter(|v| !v.is_empty()) {
            Some(v) => Some(v.trim().parse::<i32>().with_context(|| {
                format!("ROSMIGRATION_UTC_OFFSET_HOURS must be whole hours such as 3 or 7, not {v:?}")
            })?),
            None => file.utc_offset_hours,
        };
        if let Some(hours) = offset {
            domain::clock::set_region_utc_offset(hours).context("the region's UTC offset")?;
        }
        let data_key = match (&g.data_key, &file.data_key_file) {
            (Some(k), _) => Some(k.clone()),
            (None, Some(f)) => {
                Some(std::fs::read_to_string(f).with_context(|| format!("reading the data key file {}", f.display()))?)
            }
            (None, None) => None,
        };
        Ok(Self {
            database_url: g
                .database_url
                .clone()
                .or_else(|| file.database_url.clone())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            production: g.production || file.production.unwrap_or(false),
            file,
            data_key,
        })
    }

    /// The data key. In production it must be configured; otherwise a development key is kept
    /// in `data/dev-data-key` (created on first use) so that the demo needs no setup.
    pub fn sealer(&self) -> anyhow::Result<Sealer> {
        if let Some(k) = &self.data_key {
            return Sealer::from_base64(k).context("ROSMIGRATION_DATA_KEY");
        }
        if self.production {
            bail!(
                "no data key: in production mode set ROSMIGRATION_DATA_KEY (32 bytes, base64; e.g. `openssl rand -base64 32`) or data_key_file in the configuration file"
            );
        }
        let path = dev_key_path(&self.database_url);
        let key = match std::fs::read_to_string(&path) {
            Ok(k) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    if std::fs::metadata(&path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
                        tracing::warn!(path = %path.display(), "config.development_key_narrowed: the key was readable by others; now 0600");
                        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                            .with_context(|| format!("narrowing the mode of {}", path.display()))?;
                    }
                }
                k
            }
            Err(_) => {
                let k = Sealer::generate_key();
                write_private(&path, &k).with_context(|| format!("writing the development key {}", path.display()))?;
                k
            }
        };
        tracing::warn!(path = %path.display(), "config.development_data_key: personal data is encrypted with a development key kept beside the database; set ROSMIGRATION_DATA_KEY in production");
        Sealer::from_base64(&key).with_context(|| format!("the development key in {}", path.display()))
    }

    /// The reverse proxies whose forwarded-address headers are believed:
    /// `ROSMIGRATION_TRUSTED_PROXIES` (comma-separated), else `trusted_proxies` in the file,
    /// else none. A malformed entry stops the program naming it.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<server::extract::Cidr>> {
        match std::env::var("ROSMIGRATION_TRUSTED_PROXIES") {
            Ok(v) => {
                server::extract::Cidr::parse_list(&v).map_err(|e| anyhow::anyhow!("ROSMIGRATION_TRUSTED_PROXIES: {e}"))
            }
            Err(_) => self
                .file
                .trusted_proxies
                .iter()
                .flatten()
                .map(|c| c.parse().map_err(|e| anyhow::anyhow!("trusted_proxies in the configuration file: {e}")))
                .collect(),
        }
    }

    /// Connects, migrates and returns the store.
    pub async fn open_store(&self) -> anyhow::Result<Store> {
        let sealer = self.sealer()?;
        let db = Db::connect(&self.database_url, self.file.max_connections.unwrap_or(16)).await?;
        db.migrate().await.context("applying database migrations")?;
        let store = Store::new(db, sealer);
        // A database older than the search index (migration 0008) gets its search rows once.
        if let Some(n) = store.backfill_search_index().await.context("filling the search index")? {
            tracing::info!(persons = n, "search index filled for persons registered before it existed");
        }
        // The region's own linkage model, once `rosmigration relink` has fitted one.
        match store.region_model().await.context("reading the region's linkage model")? {
            Some(model) => store.with_linkage_model(model).context("the region's linkage model"),
            None => Ok(store),
        }
    }
}

/// Writes a secret to a new file readable by its owner only (0600), creating a missing folder
/// 0700 (`store::db::create_private_dir`). The file is created with that mode, never widened
/// and narrowed after, so there is no moment when another user could read it.
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        store::db::create_private_dir(dir)?;
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)?.write_all(contents.as_bytes())
}

/// The development key sits beside the SQLite file (or in ./data for PostgreSQL).
fn dev_key_path(url: &str) -> PathBuf {
    let dir = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .and_then(|p| Path::new(p.split('?').next().unwrap_or(p)).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("data"));
    dir.join("dev-data-key")
}

/// Structured logs to stderr; `RUST_LOG` filters (default info).
pub fn init_tracing(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sqlx::query=error,tower_http=info"));
    let b = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        b.json().init();
    } else {
        b.init();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_key_lives_beside_the_sqlite_file() {
        assert_eq!(dev_key_path("sqlite://data/x.db"), PathBuf::from("data/dev-data-key"));
        assert_eq!(dev_key_path("sqlite:///tmp/a/b.db?mode=rwc"), PathBuf::from("/tmp/a/dev-data-key"));
        assert_eq!(dev_key_path("postgres://h/db"), PathBuf::from("data/dev-data-key"));
    }

    #[test]
    fn production_without_key_is_refused() {
        let s = Settings {
            database_url: "sqlite://x/y.db".into(),
            production: true,
            file: FileConfig::default(),
            data_key: None,
        };
        let e = s.sealer().unwrap_err().to_string();
        assert!(e.contains("ROSMIGRATION_DATA_KEY"), "{e}");
    }

    /// Breaks if the development key or its new folder is created with the umask's mode
    /// (world-readable: any local user could decrypt the registry).
    #[cfg(unix)]
    #[test]
    fn the_development_key_is_created_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let base = std::env::temp_dir().join(format!("rm-key-{}", uuid::Uuid::now_v7()));
        let s = Settings {
            database_url: format!("sqlite://{}/data/x.db", base.display()),
            production: false,
            file: FileConfig::default(),
            data_key: None,
        };
        s.sealer().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&base.join("data/dev-data-key")), 0o600);
        assert_eq!(mode(&base.join("data")), 0o700);
        s.sealer().expect("the key is read back on the next start");
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn trusted_proxies_come_from_the_file_and_bad_ones_are_named() {
        let mut s = Settings {
            database_url: "sqlite://x/y.db".into(),
            production: false,
            file: FileConfig::default(),
            data_key: None,
        };
        if std::env::var("ROSMIGRATION_TRUSTED_PROXIES").is_ok() {
            return; // the environment wins; not this test's subject
        }
        assert!(s.trusted_proxies().unwrap().is_empty(), "none by default");
        s.file = toml::from_str("trusted_proxies = ['127.0.0.1', '10.0.0.0/8']").unwrap();
        assert_eq!(s.trusted_proxies().unwrap().len(), 2);
        s.file = toml::from_str("trusted_proxies = ['10.0.0.0/40']").unwrap();
        let e = s.trusted_proxies().unwrap_err().to_string();
        assert!(e.contains("trusted_proxies") && e.contains("10.0.0.0/40"), "{e}");
    }

    #[test]
    fn unknown_file_settings_are_errors() {
        assert!(toml::from_str::<FileConfig>("databse_url = 'x'").is_err());
    }
}
