//! Logging in to the personal cabinet with a phone number and a one-time code (issue 5, part 4).
//!
//! The phone is found through the keyed contact look-up (`person_lookup`); the answer is the same
//! whether the phone is known or not (a challenge row is written either way, a code is queued in
//! the outbox only for a known phone), so the login form cannot be used to learn who is
//! registered. A code has 6 digits, is stored only as a keyed HMAC, expires after
//! [`OtpLimits::ttl`] and allows [`OtpLimits::attempts`] guesses, counted by a conditional
//! UPDATE so that parallel guesses cannot exceed the limit. New codes are limited per phone and
//! per IP. See migration 0007 for the table's decisions.

use chrono::{DateTime, Duration, Utc};
use domain::access::Role;
use domain::lang::Lang;
use domain::validate::contact::Phone;
use rand::Rng;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::accounts::{Account, NewAccount};
use crate::audit::AuditEntry;
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::outbox::{Channel, NewNotification};
use crate::persons::LOOKUP_CONTACT;

/// Outbox template of the SMS with the code (messages `otp-code-subject`, `otp-code-body`).
pub const OTP_TEMPLATE: &str = "otp-code";

/// The limits of the one-time code login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtpLimits {
    /// Lifetime of a code.
    pub ttl: Duration,
    /// Guesses per code.
    pub attempts: i64,
    /// Codes per phone within [`OtpLimits::phone_window`].
    pub per_phone: usize,
    /// Window of the per-phone limit.
    pub phone_window: Duration,
    /// Codes per IP within [`OtpLimits::ip_window`].
    pub per_ip: usize,
    /// Window of the per-IP limit.
    pub ip_window: Duration,
}

impl Default for OtpLimits {
    /// 5 minutes, 5 guesses, 3 codes per phone per 15 minutes and per IP per hour.
    fn default() -> Self {
        Self {
            ttl: Duration::minutes(5),
            attempts: 5,
            per_phone: 3,
            phone_window: Duration::minutes(15),
            per_ip: 3,
            ip_window: Duration::hours(1),
        }
    }
}

/// The answer to a code request. Deliberately the same for known and unknown phones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtpStart {
    /// A challenge was opened (a code was sent if the phone is a person's).
    Started {
        /// Challenge id: sent back with the code.
        challenge_id: Uuid,
        /// When the code stops working.
        expires_at: DateTime<Utc>,
    },
    /// Too many codes for this phone or this IP: try again after so many seconds.
    Throttled(u64),
}

/// The answer to a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtpVerify {
    /// Right code: the person's migrant account (created on first login).
    LoggedIn(Account),
    /// Wrong code; so many guesses remain.
    WrongCode(i64),
    /// The code expired: ask for a new one.
    Expired,
    /// No guesses remain: ask for a new one.
    Exhausted,
    /// No such challenge, or it was already used.
    Unknown,
}

/// The keyed digest of a client's IP address, the key of the per-IP limits (login codes, share
/// checks): the address itself is never stored.
pub(crate) fn ip_digest(store: &Store, ip: &str) -> Vec<u8> {
    store.sealer().lookup_digest("ip", ip)
}

fn code_hash(store: &Store, challenge: Uuid, code: &str) -> Vec<u8> {
    store.sealer().lookup_digest("otp", &format!("{challenge}:{code}"))
}

/// Seconds until the oldest of `times` leaves `window`, when `times` already hold `limit`.
fn wait_for(times: &[DateTime<Utc>], limit: usize, window: Duration, now: DateTime<Utc>) -> Option<u64> {
    if times.len() < limit {
        return None;
    }
    let oldest = times.iter().min().copied().unwrap_or(now);
    Some((oldest + window - now).num_seconds().max(1) as u64)
}

impl Store {
    /// The one live person a phone number names: the one with a migrant account if several
    /// share it, none if that is still ambiguous (the office sorts out duplicates first).
    pub async fn person_by_phone(&self, phone: &Phone) -> Result<Option<Uuid>> {
        let digest = self.sealer().lookup_digest(LOOKUP_CONTACT, phone.as_str());
        let rows: Vec<(Uuid, bool)> = dispatch!(read &self.db, p => {
            sqlx::query(
                "SELECT l.person_id, EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = l.person_id AND a.role = 'migrant') AS has_account
                 FROM person_lookup l JOIN persons p ON p.id = l.person_id
                 WHERE l.digest = $1 AND p.merged_into IS NULL",
            )
            .bind(digest)
            .fetch_all(p)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        if let [(id, _)] = rows.as_slice() {
            return Ok(Some(*id));
        }
        let with_account: Vec<Uuid> = rows.iter().filter(|(_, a)| *a).map(|(id, _)| *id).collect();
        Ok(if let [id] = with_account.as_slice() { Some(*id) } else { None })
    }

    /// Opens a login challenge for a phone: checks the per-phone and per-IP limits, writes the
    /// challenge, and for a known phone queues the code by SMS in the same transaction (in
    /// `lang`). Unknown phones get the same answer and no message.
    pub async fn start_otp(&self, phone: &Phone, ip: &str, lang: Lang, limits: &OtpLimits) -> Result<OtpStart> {
        let now = Utc::now();
        let phone_digest = self.sealer().lookup_digest(LOOKUP_CONTACT, phone.as_str());
        let ip_digest = ip_digest(self, ip);
        let person = self.person_by_phone(phone).await?;
        let mut tx = self.db.begin().await?;
        // Counted under a lock per phone and per address: simultaneous requests cannot all see
        // room under the limit.
        tx.serialise_on("otp-start", &[&phone_digest, &ip_digest]).await?;
        let (by_phone, by_ip): (Vec<DateTime<Utc>>, Vec<DateTime<Utc>>) = dispatch!(tx &mut tx, t => {
            let a = sqlx::query_scalar("SELECT created_at FROM otp_challenges WHERE phone_digest = $1 AND created_at > $2")
                .bind(&phone_digest)
                .bind(now - limits.phone_window)
                .fetch_all(&mut **t)
                .await?;
            let b = sqlx::query_scalar("SELECT created_at FROM otp_challenges WHERE ip_digest = $1 AND created_at > $2")
                .bind(&ip_digest)
                .bind(now - limits.ip_window)
                .fetch_all(&mut **t)
                .await?;
            (a, b)
        });
        let wait = [
            wait_for(&by_phone, limits.per_phone, limits.phone_window, now),
            wait_for(&by_ip, limits.per_ip, limits.ip_window, now),
        ];
        if let Some(secs) = wait.into_iter().flatten().max() {
            return Ok(OtpStart::Throttled(secs));
        }
        let id = Uuid::now_v7();
        let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000u32));
        let expires_at = now + limits.ttl;
        dispatch!(exec &mut tx, t => {
            sqlx::query(
                "INSERT INTO otp_challenges (id, phone_digest, person_id, code_hash, ip_digest, attempts, expires_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
            )
            .bind(id)
            .bind(&phone_digest)
            .bind(person)
            .bind(code_hash(self, id, &code))
            .bind(&ip_digest)
            .bind(expires_at)
            .bind(now)
            .execute(&mut **t)
            .await?
        });
        if let Some(person_id) = person {
            let mut args = serde_json::Map::new();
            args.insert("code".into(), code.into());
            args.insert("minutes".into(), limits.ttl.num_minutes().into());
            let n = NewNotification {
                person_id: Some(person_id),
                channel: Channel::Sms,
                recipient: Some(phone.as_str().to_string()),
                template: OTP_TEMPLATE.into(),
                args,
                lang,
                dedup_key: None,
                not_before: now,
            };
            self.enqueue_notification_tx(&mut tx, &n).await?;
        }
        tx.commit().await?;
        Ok(OtpStart::Started { challenge_id: id, expires_at })
    }

    /// Checks a code. Each call spends one guess first (a conditional UPDATE: at most
    /// `limits.attempts` calls ever get past it), then compares; a right code is used up, and the
    /// person's migrant account is found or created.
    pub async fn verify_otp(&self, challenge_id: Uuid, code: &str, limits: &OtpLimits) -> Result<OtpVerify> {
        let now = Utc::now();
        let mut tx = self.db.begin().await?;
        let spent: Option<(i64, Vec<u8>, Option<Uuid>)> = dispatch!(tx &mut tx, t => {
            sqlx::query(
                "UPDATE otp_challenges SET attempts = attempts + 1
                 WHERE id = $1 AND attempts < $2 AND used_at IS NULL AND expires_at > $3
                 RETURNING attempts, code_hash, person_id",
            )
            .bind(challenge_id)
            .bind(limits.attempts)
            .bind(now)
            .fetch_optional(&mut **t)
            .await?
            .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .transpose()?
        });
        let Some((attempts, hash, person)) = spent else {
            drop(tx);
            return self.why_not(challenge_id, limits, now).await;
        };
        let right = crate::crypto::constant_eq(&hash, &code_hash(self, challenge_id, code.trim()));
        let person = match (right, person) {
            (true, Some(p)) => {
                dispatch!(exec &mut tx, t => {
                    sqlx::query("UPDATE otp_challenges SET used_at = $1 WHERE id = $2").bind(now).bind(challenge_id).execute(&mut **t).await?
                });
                p
            }
            _ => {
                tx.commit().await?;
                return Ok(OtpVerify::WrongCode((limits.attempts - attempts).max(0)));
            }
        };
        tx.commit().await?;
        Ok(OtpVerify::LoggedIn(self.migrant_account(person).await?))
    }

    async fn why_not(&self, id: Uuid, limits: &OtpLimits, now: DateTime<Utc>) -> Result<OtpVerify> {
        let row: Option<(i64, DateTime<Utc>, Option<DateTime<Utc>>)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT attempts, expires_at, used_at FROM otp_challenges WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?
                .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
                .transpose()?
        });
        Ok(match row {
            None | Some((_, _, Some(_))) => OtpVerify::Unknown,
            Some((_, exp, None)) if exp <= now => OtpVerify::Expired,
            Some((n, _, None)) if n >= limits.attempts => OtpVerify::Exhausted,
            Some(_) => OtpVerify::Unknown,
        })
    }

    /// The person's migrant account, created on their first login (no password: the cabinet is
    /// entered with one-time codes only).
    pub async fn migrant_account(&self, person_id: Uuid) -> Result<Account> {
        let id: Option<Uuid> = dispatch!(read &self.db, p => {
            sqlx::query_scalar("SELECT id FROM accounts WHERE person_id = $1 AND role = 'migrant' ORDER BY created_at LIMIT 1")
                .bind(person_id)
                .fetch_optional(p)
                .await?
        });
        if let Some(id) = id {
            return self.get_account(id).await;
        }
        let profile = self.get_person(person_id).await?;
        let new = NewAccount {
            username: format!("migrant-{}", person_id.simple()),
            display_name: profile.display_name().full(),
            role: Role::Migrant,
            org_id: None,
            person_id: Some(person_id),
            // Not a PHC string: no password ever verifies against it.
            password_hash: "!one-time-codes-only".into(),
        };
        let mut audit = AuditEntry::new("account.create");
        audit.person_id = Some(person_id);
        audit.purpose = "first login to the personal cabinet".into();
        match self.create_account(&new, audit).await {
            Ok(a) => Ok(a),
            // A parallel first login created it: use that one.
            Err(StoreError::Conflict(_)) => Box::pin(self.migrant_account(person_id)).await,
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_until_the_oldest_request_leaves_the_window() {
        let now = Utc::now();
        let w = Duration::minutes(15);
        let times = [now - Duration::minutes(10), now - Duration::minutes(5), now - Duration::minutes(1)];
        assert_eq!(wait_for(&times[..2], 3, w, now), None, "under the limit");
        let s = wait_for(&times, 3, w, now).unwrap();
        assert!((299..=300).contains(&s), "{s}");
    }
}
