//! The notifications outbox: messages are queued in the transaction of what caused them and
//! delivered later (see migration 0005 for the table's decisions).
//!
//! This module holds the writing side every feature uses (queue a message, a person's chosen
//! language), the delivery side of the dispatcher (`server::notify`): claim due messages with a
//! lease, open them, mark them sent or record a failure with exponential backoff; the
//! operator's counts; and the cabinet's "my messages" page.
//!
//! Delivery is at least once: a dispatcher that dies between sending and marking leaves the
//! message pending, and it is sent again when its lease ends (the SMS gateway receives the
//! notification id, so it can drop the repeat).

use chrono::{DateTime, TimeDelta, Utc};
use domain::lang::Lang;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Store;
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError};
use domain::error::{ValidationErrors, ValueError};

/// How a message reaches a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// E-mail over SMTP.
    Email,
    /// SMS through the configured HTTP gateway.
    Sms,
    /// A message in the personal cabinet (always delivered: it is the record of what was sent).
    Cabinet,
}

impl Channel {
    /// Stored code.
    pub const fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Cabinet => "cabinet",
        }
    }

    /// Parses [`Channel::code`].
    pub fn from_code(s: &str) -> Option<Channel> {
        [Channel::Email, Channel::Sms, Channel::Cabinet].into_iter().find(|c| c.code() == s)
    }
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    /// The person it is about and for (None only for a code sent to an address that is not yet
    /// a person's).
    pub person_id: Option<Uuid>,
    /// Channel.
    pub channel: Channel,
    /// Phone (E.164) or e-mail address; None for the cabinet.
    pub recipient: Option<String>,
    /// Fluent message id of the template, e.g. `reminder-deadline`.
    pub template: String,
    /// Template arguments (strings and numbers).
    pub args: serde_json::Map<String, serde_json::Value>,
    /// Language to render in.
    pub lang: Lang,
    /// The reason key: a second message with the same key is not queued. None: always queue.
    pub dedup_key: Option<String>,
    /// Not delivered before (quiet hours).
    pub not_before: DateTime<Utc>,
}

impl Store {
    /// Queues a message inside the caller's transaction. Returns its id, or None when a message
    /// with the same `dedup_key` was queued before (nothing is written).
    pub async fn enqueue_notification_tx(&self, tx: &mut Tx, n: &NewNotification) -> Result<Option<Uuid>> {
        if n.channel != Channel::Cabinet && n.recipient.is_none() {
            let e = ValueError::new("recipient_missing", format!("a {} message needs a recipient", n.channel.code()));
            return Err(ValidationErrors::one("recipient", e).into());
        }
        let id = Uuid::now_v7();
        let ctx = id.as_bytes();
        let recipient = n.recipient.as_ref().map(|r| self.sealer().seal(r.as_bytes(), ctx));
        let args = serde_json::to_vec(&n.args).expect("a JSON map always serialises");
        let args = self.sealer().seal(&args, ctx);
        let now = Utc::now();
        let inserted = dispatch!(tx tx, t => {
            sqlx::query(
                "INSERT INTO notifications (id, person_id, channel, recipient, template, args, lang, dedup_key,
                     state, attempts, not_before, next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9, $10)
                 ON CONFLICT (dedup_key) DO NOTHING",
            )
            .bind(id)
            .bind(n.person_id)
            .bind(n.channel.code())
            .bind(recipient)
            .bind(&n.template)
            .bind(args)
            .bind(n.lang.code())
            .bind(n.dedup_key.as_deref())
            .bind(n.not_before)
            .bind(now)
            .execute(&mut **t)
            .await?
            .rows_affected()
        });
        Ok((inserted == 1).then_some(id))
    }

    /// Queues a message in a transaction of its own.
    pub async fn enqueue_notification(&self, n: &NewNotification) -> Result<Option<Uuid>> {
        let mut tx = self.db.begin().await?;
        let id = self.enqueue_notification_tx(&mut tx, n).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The language a person chose in the cabinet, if they chose one.
    pub async fn person_lang(&self, person_id: Uuid) -> Result<Option<Lang>> {
        let code: Option<String> = dispatch!(read &self.db, p => {
            sqlx::query_scalar("SELECT lang FROM person_settings WHERE person_id = $1")
                .bind(person_id)
                .fetch_optional(p)
                .await?
        });
        Ok(code.and_then(|c| c.parse().ok()))
    }

    /// The language a person's messages and pages are in: the one they chose, else the usual
    /// language of their citizenship.
    pub async fn lang_for(&self, profile: &domain::person::PersonProfile) -> Result<Lang> {
        Ok(self.person_lang(profile.id).await?.unwrap_or_else(|| Lang::for_citizenship(&profile.citizenship)))
    }

    /// Remembers the language a person chose.
    pub async fn set_person_lang(&self, person_id: Uuid, lang: Lang) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query(
                "INSERT INTO person_settings (person_id, lang, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (person_id) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at",
            )
            .bind(person_id)
            .bind(lang.code())
            .bind(Utc::now())
            .execute(&mut **t)
            .await?
        });
        tx.commit().await?;
        Ok(())
    }
}

/// A message in a person's list (the cabinet's "my messages" page), opened with the data key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonNotification {
    /// Notification id.
    pub id: Uuid,
    /// Channel it went by.
    pub channel: Channel,
    /// Fluent template id.
    pub template: String,
    /// Template arguments.
    pub args: serde_json::Map<String, serde_json::Value>,
    /// Language it is rendered in.
    pub lang: Lang,
    /// pending | sent | failed.
    pub state: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    pub sent_at: Option<DateTime<Utc>>,
    /// When the person marked it read in the cabinet.
    pub read_at: Option<DateTime<Utc>>,
}

/// A message claimed for delivery by one dispatcher, opened with the data key.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedNotification {
    /// Notification id (also sent to the SMS gateway, so that it can drop a repeat).
    pub id: Uuid,
    /// The person it is for, if any.
    pub person_id: Option<Uuid>,
    /// Channel.
    pub channel: Channel,
    /// Phone or e-mail address (None for the cabinet).
    pub recipient: Option<String>,
    /// Fluent template id.
    pub template: String,
    /// Template arguments.
    pub args: serde_json::Map<String, serde_json::Value>,
    /// Language to render in.
    pub lang: Lang,
    /// Failed attempts so far.
    pub attempts: u32,
    /// The claim: marking the message sent or failed needs it, so a dispatcher whose lease
    /// ran out cannot overwrite the outcome of the one that took the message over.
    pub claim: Uuid,
}

/// How failed deliveries are retried: `base × 2^(attempts − 1)`, at most `cap`, and after
/// `max_attempts` failures the message is given up (`failed`, with the last error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay after the first failure.
    pub base: TimeDelta,
    /// Longest delay.
    pub cap: TimeDelta,
    /// Failures after which the message is given up.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// 1 minute doubling up to 6 hours, 8 attempts (about 4 hours from the first try to the last).
    fn default() -> Self {
        Self { base: TimeDelta::minutes(1), cap: TimeDelta::hours(6), max_attempts: 8 }
    }
}

impl RetryPolicy {
    /// The wait after the `failures`-th failure (1-based).
    pub fn delay(&self, failures: u32) -> TimeDelta {
        let factor = 1i32.checked_shl(failures.saturating_sub(1).min(30)).unwrap_or(i32::MAX);
        self.base.checked_mul(factor).map_or(self.cap, |d| d.min(self.cap))
    }
}

/// What recording a failure decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Tried again at this time.
    Retry(DateTime<Utc>),
    /// Given up (permanent error or too many attempts).
    Failed,
    /// The claim was no longer ours (the lease ran out and another dispatcher took it): nothing
    /// was written.
    Lost,
}

/// Messages by channel and state, for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxCount {
    /// Channel code.
    pub channel: String,
    /// pending | sent | failed.
    pub state: String,
    /// How many.
    pub count: i64,
    /// When the oldest of them was queued (for `pending`: how long the backlog has waited).
    pub oldest: Option<DateTime<Utc>>,
}

/// A stored row as read for a person's list.
type PersonRow =
    (Uuid, String, String, Vec<u8>, String, String, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// A stored row as claimed.
type ClaimRow = (Uuid, Option<Uuid>, String, Option<Vec<u8>>, String, Vec<u8>, String, i32);

impl Store {
    fn open_args(&self, id: Uuid, sealed: &[u8]) -> Result<serde_json::Map<String, serde_json::Value>> {
        let plain = self.sealer().open(sealed, id.as_bytes())?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt(format!("notification {id}: {e}")))
    }

    /// A person's messages, newest first, opened with the data key (the cabinet's "my
    /// messages"). The caller has checked that the reader may see them and records the read in
    /// the audit log.
    pub async fn person_notifications(&self, person_id: Uuid, limit: i64) -> Result<Vec<PersonNotification>> {
        let rows: Vec<PersonRow> = dispatch!(read &self.db, p => {
            sqlx::query_as(
                "SELECT id, channel, template, args, lang, state, created_at, sent_at, read_at FROM notifications
                 WHERE person_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
            )
            .bind(person_id)
            .bind(limit.clamp(1, 1000))
            .fetch_all(p)
            .await?
        });
        rows.into_iter()
            .map(|(id, channel, template, args, lang, state, created_at, sent_at, read_at)| {
                Ok(PersonNotification {
                    id,
                    channel: Channel::from_code(&channel)
                        .ok_or_else(|| StoreError::Corrupt(format!("notification {id}: channel {channel}")))?,
                    template,
                    args: self.open_args(id, &args)?,
                    lang: lang
                        .parse()
                        .map_err(|_| StoreError::Corrupt(format!("notification {id}: language {lang}")))?,
                    state,
                    created_at,
                    sent_at,
                    read_at,
                })
            })
            .collect()
    }

    /// Marks one of a person's messages read (the first time only; later calls change nothing).
    /// Not found when the message is not the person's.
    pub async fn mark_notification_read(&self, person_id: Uuid, id: Uuid) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let found: Option<Option<DateTime<Utc>>> = dispatch!(tx &mut tx, t => {
            sqlx::query_scalar("SELECT read_at FROM notifications WHERE id = $1 AND person_id = $2")
                .bind(id)
                .bind(person_id)
                .fetch_optional(&mut **t)
                .await?
        });
        match found {
            None => return Err(StoreError::NotFound("notification")),
            Some(Some(_)) => return Ok(()),
            Some(None) => {}
        }
        dispatch!(exec &mut tx, t => {
            sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
                .bind(Utc::now())
                .bind(id)
                .execute(&mut **t)
                .await?
        });
        tx.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` due messages of the given channels for one delivery attempt: pending,
    /// `next_attempt_at <= now` and past quiet hours (`not_before <= now`), oldest first. One
    /// conditional UPDATE takes them (PostgreSQL skips rows another dispatcher holds locked;
    /// SQLite has one writer) and moves `next_attempt_at` to the end of the lease, so no other
    /// dispatcher takes them until it ends.
    pub async fn claim_notifications(
        &self,
        channels: &[Channel],
        now: DateTime<Utc>,
        lease: TimeDelta,
        limit: i64,
    ) -> Result<Vec<ClaimedNotification>> {
        if channels.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        let claim = Uuid::now_v7();
        // Three placeholders, the channel list repeated to fill them.
        let ch: Vec<&str> = (0..3).map(|i| channels[i.min(channels.len() - 1)].code()).collect();
        let lock = match self.db.backend() {
            crate::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            crate::Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE notifications SET next_attempt_at = $1, claim_token = $2
             WHERE id IN (SELECT id FROM notifications
                          WHERE state = 'pending' AND next_attempt_at <= $3 AND not_before <= $3
                            AND channel IN ($4, $5, $6)
                          ORDER BY next_attempt_at, id LIMIT $7{lock})
             RETURNING id, person_id, channel, recipient, template, args, lang, attempts"
        );
        let mut tx = self.db.begin().await?;
        let rows: Vec<ClaimRow> = dispatch!(tx &mut tx, t => {
            sqlx::query_as(&sql)
                .bind(now + lease)
                .bind(claim)
                .bind(now)
                .bind(ch[0])
                .bind(ch[1])
                .bind(ch[2])
                .bind(limit)
                .fetch_all(&mut **t)
                .await?
        });
        tx.commit().await?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, person_id, channel, recipient, template, args, lang, attempts) in rows {
            let recipient = match recipient {
                Some(r) => Some(
                    String::from_utf8(self.sealer().open(&r, id.as_bytes())?)
                        .map_err(|e| StoreError::Corrupt(format!("notification {id}: {e}")))?,
                ),
                None => None,
            };
            out.push(ClaimedNotification {
                id,
                person_id,
                channel: Channel::from_code(&channel)
                    .ok_or_else(|| StoreError::Corrupt(format!("notification {id}: channel {channel}")))?,
                recipient,
                template,
                args: self.open_args(id, &args)?,
                lang: lang.parse().map_err(|_| StoreError::Corrupt(format!("notification {id}: language {lang}")))?,
                attempts: u32::try_from(attempts).unwrap_or(0),
                claim,
            });
        }
        out.sort_by_key(|n| n.id);
        Ok(out)
    }

    /// Marks delivered messages sent (those whose claim is still ours; returns how many), with
    /// one audit entry per message: the dispatcher opened the person's address to deliver it.
    pub async fn mark_notifications_sent(&self, sent: &[&ClaimedNotification], now: DateTime<Utc>) -> Result<u64> {
        if sent.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db.begin().await?;
        let mut marked = 0;
        let mut audit = Vec::new();
        for n in sent {
            let done = dispatch!(tx &mut tx, t => {
                sqlx::query(
                    "UPDATE notifications SET state = 'sent', sent_at = $1, last_error = NULL, claim_token = NULL
                     WHERE id = $2 AND claim_token = $3 AND state = 'pending'",
                )
                .bind(now)
                .bind(n.id)
                .bind(n.claim)
                .execute(&mut **t)
                .await?
                .rows_affected()
            });
            marked += done;
            if done == 1 {
                let mut e = crate::AuditEntry::new("notification.deliver");
                e.person_id = n.person_id;
                e.purpose = "delivering a notification to the person".into();
                e.detail = format!("{} {} via {}", n.template, n.id, n.channel.code());
                audit.push(e);
            }
        }
        crate::audit::append(&mut tx, self.sealer(), &audit).await?;
        tx.commit().await?;
        Ok(marked)
    }

    /// Records a failed attempt: retried after the policy's backoff, or given up (`failed`, with
    /// the error) when `permanent` or after the policy's last attempt.
    pub async fn record_notification_failure(
        &self,
        n: &ClaimedNotification,
        error: &str,
        permanent: bool,
        now: DateTime<Utc>,
        policy: &RetryPolicy,
    ) -> Result<FailureOutcome> {
        let failures = n.attempts + 1;
        let outcome = if permanent || failures >= policy.max_attempts {
            FailureOutcome::Failed
        } else {
            FailureOutcome::Retry(now + policy.delay(failures))
        };
        let (state, next) = match outcome {
            FailureOutcome::Retry(at) => ("pending", at),
            _ => ("failed", now),
        };
        let error: String = error.chars().take(500).collect();
        let mut tx = self.db.begin().await?;
        let done = dispatch!(tx &mut tx, t => {
            sqlx::query(
                "UPDATE notifications SET state = $1, attempts = $2, next_attempt_at = $3, last_error = $4, claim_token = NULL
                 WHERE id = $5 AND claim_token = $6 AND state = 'pending'",
            )
            .bind(state)
            .bind(i32::try_from(failures).unwrap_or(i32::MAX))
            .bind(next)
            .bind(&error)
            .bind(n.id)
            .bind(n.claim)
            .execute(&mut **t)
            .await?
            .rows_affected()
        });
        tx.commit().await?;
        Ok(if done == 1 { outcome } else { FailureOutcome::Lost })
    }

    /// Messages by channel and state (`rosmigration notify status`, `GET /api/notifications/status`).
    pub async fn notification_counts(&self) -> Result<Vec<OutboxCount>> {
        let rows: Vec<(String, String, i64, Option<DateTime<Utc>>)> = dispatch!(read &self.db, p => {
            sqlx::query_as(
                "SELECT channel, state, COUNT(*), MIN(created_at) FROM notifications GROUP BY channel, state ORDER BY channel, state",
            )
            .fetch_all(p)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(channel, state, count, oldest)| OutboxCount { channel, state, count, oldest })
            .collect())
    }

    /// The earliest time a pending message of these channels becomes due (the dispatcher sleeps
    /// until then, or until woken by an enqueue).
    pub async fn next_notification_due(&self, channels: &[Channel]) -> Result<Option<DateTime<Utc>>> {
        if channels.is_empty() {
            return Ok(None);
        }
        let ch: Vec<&str> = (0..3).map(|i| channels[i.min(channels.len() - 1)].code()).collect();
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = dispatch!(read &self.db, p => {
            sqlx::query_as(
                "SELECT next_attempt_at, not_before FROM notifications
                 WHERE state = 'pending' AND channel IN ($1, $2, $3) ORDER BY next_attempt_at LIMIT 1",
            )
            .bind(ch[0])
            .bind(ch[1])
            .bind(ch[2])
            .fetch_all(p)
            .await?
        });
        Ok(rows.into_iter().map(|(a, b)| a.max(b)).next())
    }
}
