//! `reminders run` and `notify status|send` end to end on a small demo region. Runs on SQLite,
//! or on PostgreSQL when ROSMIGRATION_TEST_POSTGRES_URL is set.

mod common;

use common::{Env, text};

/// The number before `label` in the summary line, e.g. "12 messages queued".
fn count_before(out: &str, label: &str) -> u64 {
    let at = out.find(label).unwrap_or_else(|| panic!("{label:?} in {out}"));
    out[..at].trim_end().rsplit(' ').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn reminders_are_queued_once_and_the_cabinet_ones_delivered() {
    // Arrange
    let env = Env::new("notify").await;
    let o = env.run(&["demo", "--persons", "400", "--seed", "11"]);
    assert!(o.status.success(), "{}", text(&o));

    // Act
    let first = env.run(&["reminders", "run", "--quiet"]);
    let second = env.run(&["reminders", "run", "--quiet"]);
    let send = env.run(&["notify", "send"]);
    let status = env.run(&["notify", "status"]);

    // Assert
    for o in [&first, &second, &send, &status] {
        assert!(o.status.success(), "{}", text(o));
    }
    let queued = count_before(&text(&first), "messages queued");
    assert!(queued > 0, "a demo region of 400 has deadlines within a week: {}", text(&first));
    assert_eq!(count_before(&text(&second), "messages queued"), 0, "{}", text(&second));
    assert_eq!(count_before(&text(&second), "already queued"), queued, "{}", text(&second));
    let cabinet_sent = text(&status).lines().any(|l| l.starts_with("cabinet") && l.contains("sent"));
    assert!(cabinet_sent, "cabinet messages delivered by notify send: {}", text(&status));
    // No SMS gateway is configured here: SMS wait in the outbox.
    let sms_pending = text(&status).lines().any(|l| l.starts_with("sms") && l.contains("pending"));
    assert!(sms_pending, "{}", text(&status));
}

#[tokio::test]
async fn bad_notification_settings_are_named() {
    let env = Env::new("notifycfg").await;
    let cfg = env.dir.join("bad.toml");
    let cases = [
        ("quiet_from = \"25:00\"\n", "quiet_from"),
        ("sms_gateway_url = \"ftp://gateway\"\n", "sms_gateway_url"),
        ("smtp_host = \"mail.example\"\n", "smtp_from"),
        ("smtp_host = \"mail.example\"\nsmtp_from = \"noreply@example.org\"\nsmtp_tls = \"maybe\"\n", "smtp_tls"),
    ];
    for (toml, key) in cases {
        std::fs::write(&cfg, toml).unwrap();
        let o = env.run(&["--config", cfg.to_str().unwrap(), "reminders", "run", "--quiet"]);
        assert!(!o.status.success(), "{toml}");
        assert!(text(&o).contains(key), "{toml}: the error names {key}: {}", text(&o));
    }
}
