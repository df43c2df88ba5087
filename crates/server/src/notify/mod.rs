//! Notifications: the dispatcher that delivers the outbox, its channels, the templates, and the
//! daily reminder run.
//!
//! Messages are queued by whatever causes them, in the same transaction (`store::outbox`); the
//! dispatcher, one background task per server like [`crate::resolver`], claims due messages in
//! batches with a lease, renders them ([`render()`]) in the person's language and hands them to
//! their channel: e-mail ([`email`], SMTP), SMS ([`sms`], the region's HTTP gateway) or the
//! personal cabinet (delivered at once: the message is the stored row). A failure is retried
//! with exponential backoff or, when permanent or after the last attempt, marked failed with
//! its error. The dispatcher wakes when something is queued ([`Notifier::wake`]), when the
//! earliest pending message falls due, and every `poll` interval at least (messages queued by
//! another process, such as `rosmigration reminders run`).
//!
//! Errors: background code logs and goes on (`anyhow` at start-up, `StoreError` from the store);
//! a message whose delivery failed keeps its error in the outbox for the operator.

pub mod email;
pub mod render;
pub mod sms;

use std::sync::Arc;
use std::time::Duration;

use centre::reminders::QuietHours;
use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, Utc};
use store::Store;
use store::outbox::{Channel, ClaimedNotification, FailureOutcome, RetryPolicy};
use tokio::sync::Notify;

pub use render::{Rendered, render};

use crate::i18n::I18n;

/// Why a delivery failed, as the retry policy needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Trying again will not help (a refused address, a 4xx from the SMS gateway, an unknown
    /// template): the message is marked failed at once.
    Permanent(String),
    /// Try again later (a 5xx, a timeout, a connection error).
    Transient(String),
}

/// The dispatcher's and the daily run's settings.
#[derive(Debug, Clone)]
pub struct NotifyConfig {
    /// SMTP; without it e-mail messages wait in the outbox.
    pub smtp: Option<email::SmtpConfig>,
    /// The SMS gateway; without it SMS messages wait in the outbox.
    pub sms: Option<sms::SmsConfig>,
    /// Demo only: with no gateway, an SMS is written to the server's log instead of sent, so
    /// that whoever tries the demo can read the one-time code of the cabinet's login. Never
    /// set in production (the log would hold real phone numbers and codes).
    pub sms_to_log: bool,
    /// Backoff and the number of attempts.
    pub retry: RetryPolicy,
    /// Messages claimed per batch.
    pub batch: i64,
    /// How long a claim holds a message (longer than the slowest delivery).
    pub lease: TimeDelta,
    /// The longest sleep between two looks at the outbox.
    pub poll: Duration,
    /// Quiet hours for reminders (no SMS or e-mail at night) and the region's time zone.
    pub quiet: QuietHours,
    /// Local time of the daily reminder run; None: the server does not run it (a cron job runs
    /// `rosmigration reminders run` instead).
    pub reminders_at: Option<NaiveTime>,
}

impl Default for NotifyConfig {
    /// No SMTP or SMS; 1-minute backoff doubling to 6 hours, 8 attempts; batches of 100 with a
    /// 5-minute lease; quiet hours 21:00–09:00 in the region's time; reminders at 10:00.
    fn default() -> Self {
        Self {
            smtp: None,
            sms: None,
            sms_to_log: false,
            retry: RetryPolicy::default(),
            batch: 100,
            lease: TimeDelta::minutes(5),
            poll: Duration::from_secs(30),
            quiet: default_quiet_hours(),
            reminders_at: NaiveTime::from_hms_opt(10, 0, 0),
        }
    }
}

/// 21:00–09:00 in the region's time (`domain::clock`: Moscow time unless configured).
pub fn default_quiet_hours() -> QuietHours {
    QuietHours {
        from: NaiveTime::from_hms_opt(21, 0, 0).expect("valid time"),
        to: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
        tz: domain::clock::region_offset(),
    }
}

/// What one dispatcher pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DispatchReport {
    /// Messages claimed.
    pub claimed: u64,
    /// Delivered and marked sent.
    pub sent: u64,
    /// Failed for now, to be retried.
    pub retried: u64,
    /// Given up.
    pub failed: u64,
}

impl DispatchReport {
    fn add(&mut self, o: DispatchReport) {
        self.claimed += o.claimed;
        self.sent += o.sent;
        self.retried += o.retried;
        self.failed += o.failed;
    }
}

/// Delivers the outbox: claims, renders, sends, marks.
#[derive(Clone)]
pub struct Dispatcher {
    store: Store,
    i18n: Arc<I18n>,
    email: Option<email::EmailSender>,
    sms: Option<sms::SmsSender>,
    sms_to_log: bool,
    retry: RetryPolicy,
    lease: TimeDelta,
    batch: i64,
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher").field("channels", &self.channels()).field("batch", &self.batch).finish()
    }
}

impl Dispatcher {
    /// Checks the settings and builds the channels.
    pub fn new(store: Store, i18n: Arc<I18n>, config: &NotifyConfig) -> anyhow::Result<Self> {
        Ok(Self {
            store,
            i18n,
            email: config.smtp.as_ref().map(email::EmailSender::new).transpose()?,
            sms: config.sms.clone().map(sms::SmsSender::new).transpose()?,
            sms_to_log: config.sms_to_log,
            retry: config.retry,
            lease: config.lease,
            batch: config.batch.max(1),
        })
    }

    /// The channels this dispatcher can deliver (the cabinet always; e-mail and SMS when
    /// configured). Messages of other channels wait in the outbox.
    pub fn channels(&self) -> Vec<Channel> {
        let mut c = vec![Channel::Cabinet];
        if self.email.is_some() {
            c.push(Channel::Email);
        }
        if self.sms.is_some() || self.sms_to_log {
            c.push(Channel::Sms);
        }
        c
    }

    /// One batch: claims up to `batch` messages due at `now` and delivers them.
    pub async fn run_once(&self, now: DateTime<Utc>) -> store::Result<DispatchReport> {
        let claimed = self.store.claim_notifications(&self.channels(), now, self.lease, self.batch).await?;
        let mut report = DispatchReport { claimed: claimed.len() as u64, ..Default::default() };
        let mut cabinet = Vec::new();
        for n in &claimed {
            if !render::exists(&self.i18n, &n.template) {
                let e = format!("unknown template {}", n.template);
                self.failed(n, &SendError::Permanent(e), now, &mut report).await?;
                continue;
            }
            if n.channel == Channel::Cabinet {
                cabinet.push(n);
                continue;
            }
            let result = self.deliver(n).await;
            // The clock after the send (a slow gateway), never before the pass's own `now`.
            let at = now.max(Utc::now());
            match result {
                Ok(()) => report.sent += self.store.mark_notifications_sent(&[n], at).await?,
                Err(e) => self.failed(n, &e, at, &mut report).await?,
            }
        }
        report.sent += self.store.mark_notifications_sent(&cabinet, now).await?;
        Ok(report)
    }

    /// Runs batches until nothing is due at `now`.
    pub async fn drain(&self, now: DateTime<Utc>) -> store::Result<DispatchReport> {
        let mut total = DispatchReport::default();
        loop {
            let r = self.run_once(now).await?;
            total.add(r);
            if (r.claimed as i64) < self.batch {
                return Ok(total);
            }
        }
    }

    async fn deliver(&self, n: &ClaimedNotification) -> Result<(), SendError> {
        let to = n.recipient.as_deref().ok_or_else(|| SendError::Permanent("no recipient".into()))?;
        let r = render(&self.i18n, n.lang, &n.template, &n.args);
        match n.channel {
            Channel::Email => match &self.email {
                Some(e) => e.send(to, &r.subject, &r.body).await,
                None => Err(SendError::Transient("e-mail is not configured".into())),
            },
            Channel::Sms => match &self.sms {
                Some(s) => s.send(n.id, to, &r.body).await,
                None if self.sms_to_log => {
                    tracing::warn!(notification.id = %n.id, to, text = %r.body, "demo.sms: not sent (no gateway), logged");
                    Ok(())
                }
                None => Err(SendError::Transient("the SMS gateway is not configured".into())),
            },
            Channel::Cabinet => Ok(()),
        }
    }

    async fn failed(
        &self,
        n: &ClaimedNotification,
        e: &SendError,
        now: DateTime<Utc>,
        report: &mut DispatchReport,
    ) -> store::Result<()> {
        let (msg, permanent) = match e {
            SendError::Permanent(m) => (m, true),
            SendError::Transient(m) => (m, false),
        };
        match self.store.record_notification_failure(n, msg, permanent, now, &self.retry).await? {
            FailureOutcome::Retry(at) => {
                report.retried += 1;
                tracing::warn!(notification.id = %n.id, channel = n.channel.code(), retry_at = %at, error = %msg, "notify.retry");
            }
            FailureOutcome::Failed => {
                report.failed += 1;
                tracing::error!(notification.id = %n.id, channel = n.channel.code(), error = %msg, "notify.failed");
            }
            FailureOutcome::Lost => {}
        }
        Ok(())
    }
}

/// Handle to the server's dispatcher: features that queue a message call [`Notifier::wake`].
#[derive(Debug, Clone, Default)]
pub struct Notifier {
    wake: Arc<Notify>,
}

impl Notifier {
    /// A handle whose dispatcher is not running yet (see [`Notifier::start`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the dispatcher to look at the outbox now (after queueing a message).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Starts the dispatcher, and the daily reminder run when configured, on the current Tokio
    /// runtime. Fails when the settings are wrong (an unparsable sender address, TLS without
    /// the feature).
    pub fn start(&self, store: Store, i18n: Arc<I18n>, config: NotifyConfig) -> anyhow::Result<()> {
        let dispatcher = Dispatcher::new(store.clone(), i18n, &config)?;
        let wake = self.wake.clone();
        let poll = config.poll;
        tokio::spawn(async move {
            loop {
                let mut pause = poll;
                match dispatcher.drain(Utc::now()).await {
                    Ok(r) if r.claimed > 0 => {
                        tracing::info!(sent = r.sent, retried = r.retried, failed = r.failed, "notify.dispatched")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "notify.dispatch_failed"),
                }
                if let Ok(Some(due)) = dispatcher.store.next_notification_due(&dispatcher.channels()).await {
                    let until = (due - Utc::now()).to_std().unwrap_or(Duration::ZERO);
                    pause = pause.min(until.max(Duration::from_millis(200)));
                }
                let _ = tokio::time::timeout(pause, wake.notified()).await;
            }
        });
        if let Some(at) = config.reminders_at {
            let wake = self.wake.clone();
            let quiet = config.quiet;
            tokio::spawn(async move {
                // Started after today's time (a restart, a deploy): run now, so today is not
                // missed; the outbox keys make a repeat of the day queue nothing new.
                let mut catch_up = Utc::now().with_timezone(&quiet.tz).time() >= at;
                loop {
                    if !catch_up {
                        let next = next_local_time(Utc::now(), at, quiet.tz);
                        tokio::time::sleep((next - Utc::now()).to_std().unwrap_or(Duration::ZERO)).await;
                    }
                    catch_up = false;
                    let on = Utc::now().with_timezone(&quiet.tz).date_naive();
                    let o = store::reminders::ReminderOptions::new(on, Utc::now(), quiet);
                    match store.run_reminders(&o, |_, _| {}).await {
                        Ok(r) => {
                            tracing::info!(on = %on, candidates = r.candidates, queued = r.queued, "notify.reminders_run")
                        }
                        Err(e) => tracing::error!(error = %e, "notify.reminders_failed"),
                    }
                    wake.notify_one();
                }
            });
        }
        Ok(())
    }
}

/// The next moment after `now` when the local clock (offset `tz`) shows `at`.
pub fn next_local_time(now: DateTime<Utc>, at: NaiveTime, tz: FixedOffset) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    let mut day = local.date_naive();
    if local.time() >= at {
        day = day.succ_opt().unwrap_or(day);
    }
    let naive = day.and_time(at) - TimeDelta::seconds(i64::from(tz.local_minus_utc()));
    DateTime::from_naive_utc_and_offset(naive, Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_run_is_at_the_next_local_time() {
        let tz = FixedOffset::east_opt(3 * 3600).unwrap();
        let at = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 06:00 UTC = 09:00 local: today at 10:00 local = 07:00 UTC.
        assert_eq!(next_local_time(t("2026-11-12T06:00:00Z"), at, tz), t("2026-11-12T07:00:00Z"));
        // 07:00 UTC = 10:00 local exactly: tomorrow.
        assert_eq!(next_local_time(t("2026-11-12T07:00:00Z"), at, tz), t("2026-11-13T07:00:00Z"));
    }
}
