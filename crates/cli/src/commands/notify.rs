//! `rosmigration notify`: the outbox for the operator (counts per state, one delivery pass),
//! and the notification settings `serve` starts the dispatcher with.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::NaiveTime;
use server::notify::email::SmtpConfig;
use server::notify::sms::SmsConfig;
use server::notify::{Dispatcher, NotifyConfig};

use crate::cli::NotifyCommand;
use crate::config::Settings;

/// Runs a notify subcommand.
pub async fn run(settings: &Settings, c: NotifyCommand) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    match c {
        NotifyCommand::Status => {
            let counts = store.notification_counts().await?;
            if counts.is_empty() {
                println!("the outbox is empty");
            }
            for c in counts {
                let oldest =
                    c.oldest.map(|t| format!("  oldest {}", t.format("%Y-%m-%d %H:%M UTC"))).unwrap_or_default();
                println!("{:<8} {:<8} {:>10}{oldest}", c.channel, c.state, c.count);
            }
        }
        NotifyCommand::Send => {
            let assets = settings.file.assets_dir.clone().unwrap_or_else(server::ServerConfig::default_assets_dir);
            let i18n = Arc::new(server::i18n::I18n::load(&assets.join("locales"))?);
            let d = Dispatcher::new(store.clone(), i18n, &config(settings)?)?;
            let r = d.drain(chrono::Utc::now()).await?;
            println!(
                "{} messages claimed: {} sent, {} to be retried, {} failed (channels: {})",
                r.claimed,
                r.sent,
                r.retried,
                r.failed,
                d.channels().iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
            );
        }
    }
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}

/// The notification settings from the file and the environment (secrets only from the
/// environment: ROSMIGRATION_SMTP_PASSWORD, ROSMIGRATION_SMS_GATEWAY_TOKEN; the gateway URL and
/// SMTP host may also come from ROSMIGRATION_SMS_GATEWAY_URL, ROSMIGRATION_SMTP_HOST).
pub fn config(settings: &Settings) -> anyhow::Result<NotifyConfig> {
    let f = &settings.file;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let mut c = NotifyConfig::default();
    let time = |key: &str, v: &Option<String>| -> anyhow::Result<Option<NaiveTime>> {
        v.as_deref()
            .map(|s| NaiveTime::parse_from_str(s, "%H:%M").with_context(|| format!("{key} must be HH:MM, not {s:?}")))
            .transpose()
    };
    if let Some(t) = time("quiet_from", &f.quiet_from)? {
        c.quiet.from = t;
    }
    if let Some(t) = time("quiet_to", &f.quiet_to)? {
        c.quiet.to = t;
    }
    match f.reminders_at.as_deref() {
        Some("off") => c.reminders_at = None,
        _ => {
            if let Some(t) = time("reminders_at", &f.reminders_at)? {
                c.reminders_at = Some(t);
            }
        }
    }
    if let Some(n) = f.notify_max_attempts {
        anyhow::ensure!(n >= 1, "notify_max_attempts must be at least 1");
        c.retry.max_attempts = n;
    }
    if let Some(url) = env("ROSMIGRATION_SMS_GATEWAY_URL").or_else(|| f.sms_gateway_url.clone()) {
        anyhow::ensure!(
            url.starts_with("http://") || url.starts_with("https://"),
            "sms_gateway_url must be an http(s) URL, not {url:?}"
        );
        c.sms = Some(SmsConfig { url, token: env("ROSMIGRATION_SMS_GATEWAY_TOKEN"), timeout: Duration::from_secs(10) });
    }
    if let Some(host) = env("ROSMIGRATION_SMTP_HOST").or_else(|| f.smtp_host.clone()) {
        let tls: server::notify::email::SmtpTls = f.smtp_tls.as_deref().unwrap_or("none").parse()?;
        let port = f.smtp_port.unwrap_or(match tls {
            server::notify::email::SmtpTls::None => 25,
            server::notify::email::SmtpTls::StartTls => 587,
            server::notify::email::SmtpTls::Tls => 465,
        });
        let from = f.smtp_from.clone().context("smtp_from (the sender address) is needed with smtp_host")?;
        c.smtp = Some(SmtpConfig {
            host,
            port,
            tls,
            username: f.smtp_username.clone(),
            password: env("ROSMIGRATION_SMTP_PASSWORD"),
            from,
            timeout: Duration::from_secs(20),
        });
    }
    Ok(c)
}
