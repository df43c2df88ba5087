//! `rosmigration serve`: the web server and API.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use server::{AppState, ServerConfig};

use crate::cli::ServeArgs;
use crate::config::Settings;

/// Starts the server; with `--demo`, loads a demo region first if the database is empty.
pub async fn run(settings: &Settings, a: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    if a.demo {
        if store.count_persons().await? == 0 {
            super::demo::load(&store, 2026, a.demo_persons, 2000).await?;
        }
        super::demo::print_accounts();
    }
    let listen = match a.listen {
        Some(l) => l,
        None => settings
            .file
            .listen
            .as_deref()
            .unwrap_or("127.0.0.1:8080")
            .parse()
            .context("listen address in the configuration file")?,
    };
    let config = ServerConfig {
        listen,
        assets_dir: a
            .assets_dir
            .or_else(|| settings.file.assets_dir.clone())
            .unwrap_or_else(ServerConfig::default_assets_dir),
        secure_cookies: settings.production,
        session_ttl: Duration::from_secs(60 * settings.file.session_minutes.unwrap_or(8 * 60)),
        token_ttl: Duration::from_secs(3600 * settings.file.token_hours.unwrap_or(24)),
        legal_grounds: settings.file.legal_grounds.clone().unwrap_or_else(domain::grounds::default_grounds),
        oversight_persons_per_hour: settings.file.oversight_persons_per_hour.unwrap_or(30),
        trusted_proxies: settings.trusted_proxies()?,
    };
    let state = AppState::new(store, config)?;
    if !a.no_notify {
        let mut notify = super::notify::config(settings)?;
        if a.demo && notify.sms.is_none() && !settings.production {
            notify.sms_to_log = true;
            println!("demo: no SMS gateway is configured; SMS (the cabinet's one-time codes) are written to this log");
        }
        state.notifier.start(state.store.clone(), state.i18n.clone(), notify).context("starting notifications")?;
    }
    if a.demo {
        println!("open http://{listen}/ in a browser");
    }
    server::serve(state).await?;
    Ok(ExitCode::SUCCESS)
}
