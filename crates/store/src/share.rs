//! Share codes (issue 5, part 5): the migrant gives an employer, landlord or bank a short-lived
//! code; the checker enters it with the person's birth date and sees only the answer to their
//! question (`centre::share`). Every check, successful or not, is a `share_checks` row and an
//! audit entry, shown to the migrant. Codes are stored as keyed digests (the look-up) and sealed
//! to their row (so the owner can see them again); a code locks after
//! [`MAX_BIRTH_DATE_FAILURES`] wrong birth dates and one IP may fail [`MAX_IP_FAILURES`] checks
//! an hour.

use centre::share::{Entitlements, Purpose, entitlements};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::error::{ValidationErrors, ValueError};
use rand::Rng;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::audit::{self, AuditEntry};
use crate::db::dispatch;
use crate::error::{Result, StoreError};

/// Characters of a share code: digits and capitals without the look-alikes 0/O and 1/I.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters in a code (45 bits).
pub const CODE_LEN: usize = 9;
/// Default validity.
pub const DEFAULT_DAYS: i64 = 30;
/// Longest validity.
pub const MAX_DAYS: i64 = 90;
/// Wrong birth dates after which a code locks.
pub const MAX_BIRTH_DATE_FAILURES: i64 = 5;
/// Failed checks per IP per hour.
pub const MAX_IP_FAILURES: i64 = 20;

/// A fresh code, grouped for reading aloud ("W4K-7PX-Q2M").
pub fn new_code() -> String {
    let mut r = rand::thread_rng();
    let raw: String = (0..CODE_LEN).map(|_| ALPHABET[r.gen_range(0..ALPHABET.len())] as char).collect();
    group(&raw)
}

fn group(raw: &str) -> String {
    format!("{}-{}-{}", &raw[0..3], &raw[3..6], &raw[6..9])
}

/// Reads a code as a person types it: any case, spaces and dashes ignored. Returns the grouped
/// form, or `share_code_format` naming the problem.
pub fn parse_code(input: &str) -> Result<String, ValueError> {
    let raw: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{00A0}')).collect::<String>().to_uppercase();
    if let Some(c) = raw.chars().find(|c| !ALPHABET.contains(&(*c as u8)) || !c.is_ascii()) {
        let hint = match c {
            '0' | 'O' | '1' | 'I' => "; codes never contain 0, O, 1 or I",
            _ => "",
        };
        return Err(ValueError::new("share_code_format", format!("'{c}' is not a character of a share code{hint}")));
    }
    if raw.len() != CODE_LEN {
        return Err(ValueError::new(
            "share_code_format",
            format!("a share code has {CODE_LEN} characters, like W4K-7PX-Q2M; this one has {}", raw.len()),
        ));
    }
    Ok(group(&raw))
}

/// One share code as its owner sees it.
#[derive(Debug, Clone, Serialize)]
pub struct ShareCode {
    /// Id.
    pub id: Uuid,
    /// The code, grouped.
    pub code: String,
    /// right_to_work | right_to_rent | bank.
    pub purpose: Purpose,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Stops working.
    pub expires_at: DateTime<Utc>,
    /// Revoked by its owner.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Locked after too many wrong birth dates.
    pub locked_at: Option<DateTime<Utc>>,
    /// Its checks, newest first.
    pub checks: Vec<ShareCheckRecord>,
}

/// One check of a code, as its owner sees it.
#[derive(Debug, Clone, Serialize)]
pub struct ShareCheckRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// The checker's name as they gave it.
    pub checker_name: String,
    /// Their organisation as they gave it.
    pub checker_org: String,
    /// ok | expired | revoked | locked | wrong_birth_date.
    pub outcome: String,
}

/// A check as the checker submits it.
#[derive(Debug, Clone)]
pub struct ShareCheckInput {
    /// The code, any format.
    pub code: String,
    /// The person's date of birth.
    pub birth_date: NaiveDate,
    /// Who checks.
    pub checker_name: String,
    /// For which organisation.
    pub checker_org: String,
    /// The checker's IP (only its keyed digest is kept).
    pub ip: String,
    /// Request id for the audit log.
    pub request_id: Option<String>,
}

/// What a successful check shows.
#[derive(Debug, Clone, Serialize)]
pub struct ShareCheckResult {
    /// The person's name (the registry's main form).
    pub name: String,
    /// What the code was made for.
    pub purpose: Purpose,
    /// Right to work and stay.
    pub entitlements: Entitlements,
    /// The "valid until" for this purpose (None: indefinite).
    pub valid_until: Option<NaiveDate>,
    /// Whether a photo is on file (none in the registry yet).
    pub photo: bool,
    /// The day the answer is for.
    pub on: NaiveDate,
}

/// The outcome of a check.
#[derive(Debug, Clone)]
pub enum ShareCheckOutcome {
    /// Right code and birth date.
    Ok(Box<ShareCheckResult>),
    /// No code like this.
    Unknown,
    /// The code expired.
    Expired,
    /// Its owner revoked it.
    Revoked,
    /// Locked after too many wrong birth dates.
    Locked,
    /// Wrong birth date; so many tries remain before the code locks.
    WrongBirthDate(i64),
    /// This IP failed too many checks: wait so many seconds.
    Throttled(u64),
}

impl ShareCheckOutcome {
    /// Stored code of the outcome.
    pub fn code(&self) -> &'static str {
        match self {
            ShareCheckOutcome::Ok(_) => "ok",
            ShareCheckOutcome::Unknown => "unknown",
            ShareCheckOutcome::Expired => "expired",
            ShareCheckOutcome::Revoked => "revoked",
            ShareCheckOutcome::Locked => "locked",
            ShareCheckOutcome::WrongBirthDate(_) => "wrong_birth_date",
            ShareCheckOutcome::Throttled(_) => "throttled",
        }
    }
}

type CodeRow = (Uuid, Uuid, String, i64, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Store {
    /// Creates a share code for `days` (1–90) with its audit entry.
    pub async fn create_share_code(
        &self,
        person_id: Uuid,
        purpose: Purpose,
        days: i64,
        audit_entry: AuditEntry,
    ) -> Result<ShareCode> {
        if !(1..=MAX_DAYS).contains(&days) {
            let e =
                ValueError::new("share_days", format!("a share code is valid for 1 to {MAX_DAYS} days, not {days}"));
            return Err(ValidationErrors::one("days", e).into());
        }
        let id = Uuid::now_v7();
        let code = new_code();
        let now = Utc::now();
        let expires_at = now + Duration::days(days);
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query(
                "INSERT INTO share_codes (id, person_id, purpose, code_digest, code_sealed, failures, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, 0, $6, $7)",
            )
            .bind(id)
            .bind(person_id)
            .bind(purpose.code())
            .bind(self.sealer().lookup_digest("share-code", &code))
            .bind(self.sealer().seal(code.as_bytes(), id.as_bytes()))
            .bind(now)
            .bind(expires_at)
            .execute(&mut **t)
            .await?
        });
        let detail = format!("share code {id} for {}, {days} days", purpose.code());
        audit::append(&mut tx, self.sealer(), &[AuditEntry { person_id: Some(person_id), detail, ..audit_entry }])
            .await?;
        tx.commit().await?;
        Ok(ShareCode {
            id,
            code,
            purpose,
            created_at: now,
            expires_at,
            revoked_at: None,
            locked_at: None,
            checks: vec![],
        })
    }

    /// A person's share codes with their checks, newest first.
    pub async fn share_codes(&self, person_id: Uuid) -> Result<Vec<ShareCode>> {
        let (codes, checks) = dispatch!(read &self.db, p => {
            let codes = sqlx::query("SELECT id, purpose, code_sealed, created_at, expires_at, revoked_at, locked_at FROM share_codes WHERE person_id = $1 ORDER BY created_at DESC")
                .bind(person_id)
                .fetch_all(p)
                .await?;
            let codes = codes
                .iter()
                .map(|r| Ok::<_, sqlx::Error>((r.try_get::<Uuid, _>(0)?, r.try_get::<String, _>(1)?, r.try_get::<Vec<u8>, _>(2)?, r.try_get(3)?, r.try_get(4)?, r.try_get(5)?, r.try_get(6)?)))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let checks = sqlx::query("SELECT code_id, at, checker_name, checker_org, outcome FROM share_checks WHERE person_id = $1 ORDER BY at DESC")
                .bind(person_id)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok::<_, sqlx::Error>((r.try_get::<Option<Uuid>, _>(0)?, ShareCheckRecord { at: r.try_get(1)?, checker_name: r.try_get(2)?, checker_org: r.try_get(3)?, outcome: r.try_get(4)? })))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            (codes, checks)
        });
        codes
            .into_iter()
            .map(|(id, purpose, sealed, created_at, expires_at, revoked_at, locked_at)| {
                let code = String::from_utf8(self.sealer().open(&sealed, id.as_bytes())?)
                    .map_err(|e| StoreError::Corrupt(format!("share code {id}: {e}")))?;
                let purpose = Purpose::from_code(&purpose)
                    .ok_or_else(|| StoreError::Corrupt(format!("share code {id}: purpose {purpose}")))?;
                let checks = checks.iter().filter(|(c, _)| *c == Some(id)).map(|(_, r)| r.clone()).collect();
                Ok(ShareCode { id, code, purpose, created_at, expires_at, revoked_at, locked_at, checks })
            })
            .collect()
    }

    /// Revokes one of the person's codes. NotFound when it is not theirs; revoking twice is
    /// harmless.
    pub async fn revoke_share_code(&self, person_id: Uuid, id: Uuid, audit_entry: AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let found: Option<Option<DateTime<Utc>>> = dispatch!(tx &mut tx, t => {
            sqlx::query_scalar("SELECT revoked_at FROM share_codes WHERE id = $1 AND person_id = $2")
                .bind(id)
                .bind(person_id)
                .fetch_optional(&mut **t)
                .await?
        });
        match found {
            None => return Err(StoreError::NotFound("share code")),
            Some(Some(_)) => return Ok(()),
            Some(None) => {}
        }
        dispatch!(exec &mut tx, t => {
            sqlx::query("UPDATE share_codes SET revoked_at = $1 WHERE id = $2").bind(Utc::now()).bind(id).execute(&mut **t).await?
        });
        let detail = format!("share code {id} revoked");
        audit::append(&mut tx, self.sealer(), &[AuditEntry { person_id: Some(person_id), detail, ..audit_entry }])
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks a code with a birth date, records the check (row and audit entry) whatever the
    /// outcome, and returns what the checker may see. The code must already be well-formed
    /// ([`parse_code`]); the throttle is checked first and a throttled attempt is not recorded.
    pub async fn check_share_code(&self, input: &ShareCheckInput) -> Result<ShareCheckOutcome> {
        let now = Utc::now();
        let ip_digest = crate::cabinet::ip_digest(self, &input.ip);
        let digest = self.sealer().lookup_digest("share-code", &input.code);
        let mut tx = self.db.begin().await?;
        // The address's failures are counted under a lock per address, so simultaneous guesses
        // cannot all pass the throttle.
        tx.serialise_on("share-check", &[&ip_digest]).await?;
        let failures: Vec<DateTime<Utc>> = dispatch!(tx &mut tx, t => {
            sqlx::query_scalar("SELECT at FROM share_checks WHERE ip_digest = $1 AND at > $2 AND outcome <> 'ok'")
                .bind(&ip_digest)
                .bind(now - Duration::hours(1))
                .fetch_all(&mut **t)
                .await?
        });
        if failures.len() as i64 >= MAX_IP_FAILURES {
            let oldest = failures.iter().min().copied().unwrap_or(now);
            return Ok(ShareCheckOutcome::Throttled((oldest + Duration::hours(1) - now).num_seconds().max(1) as u64));
        }
        let row: Option<CodeRow> = dispatch!(tx &mut tx, t => {
            sqlx::query("SELECT id, person_id, purpose, failures, expires_at, revoked_at, locked_at FROM share_codes WHERE code_digest = $1")
                .bind(&digest)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?, r.try_get(5)?, r.try_get(6)?)))
                .transpose()?
        });
        let (outcome, code_id, person_id) = match row {
            None => (ShareCheckOutcome::Unknown, None, None),
            Some((id, person, purpose, _, expires_at, revoked_at, locked_at)) => {
                let outcome = if revoked_at.is_some() {
                    ShareCheckOutcome::Revoked
                } else if locked_at.is_some() {
                    ShareCheckOutcome::Locked
                } else if expires_at <= now {
                    ShareCheckOutcome::Expired
                } else {
                    let profile = self.get_person(person).await?;
                    if birth_date_matches(&profile.birth_date, input.birth_date) {
                        let purpose = Purpose::from_code(&purpose)
                            .ok_or_else(|| StoreError::Corrupt(format!("share code {id}: purpose {purpose}")))?;
                        let on = crate::status::today();
                        let facts = rules::profile::facts_from_profile(&profile, self.rules().config().region);
                        let e = entitlements(&profile, &self.rules().evaluate_plain(&facts, on), on);
                        ShareCheckOutcome::Ok(Box::new(ShareCheckResult {
                            name: profile.display_name().full(),
                            purpose,
                            valid_until: e.valid_until(purpose),
                            entitlements: e,
                            photo: false,
                            on,
                        }))
                    } else {
                        // One statement decides, so parallel wrong guesses cannot pass the limit.
                        let failures: Option<i64> = dispatch!(tx &mut tx, t => {
                            sqlx::query_scalar(
                                "UPDATE share_codes SET failures = failures + 1,
                                     locked_at = CASE WHEN failures + 1 >= $2 THEN $3 ELSE locked_at END
                                 WHERE id = $1 AND locked_at IS NULL RETURNING failures",
                            )
                            .bind(id)
                            .bind(MAX_BIRTH_DATE_FAILURES)
                            .bind(now)
                            .fetch_optional(&mut **t)
                            .await?
                        });
                        match failures {
                            Some(n) => ShareCheckOutcome::WrongBirthDate((MAX_BIRTH_DATE_FAILURES - n).max(0)),
                            None => ShareCheckOutcome::Locked,
                        }
                    }
                };
                (outcome, Some(id), Some(person))
            }
        };
        dispatch!(exec &mut tx, t => {
            sqlx::query(
                "INSERT INTO share_checks (id, code_id, person_id, checker_name, checker_org, outcome, ip_digest, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::now_v7())
            .bind(code_id)
            .bind(person_id)
            .bind(&input.checker_name)
            .bind(&input.checker_org)
            .bind(outcome.code())
            .bind(&ip_digest)
            .bind(now)
            .execute(&mut **t)
            .await?
        });
        let mut entry = AuditEntry::new("share_code.check");
        entry.person_id = person_id;
        entry.role = Some("share_checker".into());
        entry.purpose = format!("share code check by {} ({})", input.checker_name, input.checker_org);
        entry.request_id = input.request_id.clone();
        entry.detail = format!("outcome {}", outcome.code());
        audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

/// A full birth date matches a registry date that may be partial (only the year, or year and
/// month, known) when every known part agrees.
pub fn birth_date_matches(registry: &domain::date::PartialDate, given: NaiveDate) -> bool {
    registry.admits(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_unambiguous_and_parse_back() {
        for _ in 0..200 {
            let c = new_code();
            assert_eq!(c.len(), 11);
            assert!(!c.contains(['0', 'O', '1', 'I']), "{c}");
            assert_eq!(parse_code(&c.to_lowercase().replace('-', " ")).unwrap(), c);
        }
    }

    #[test]
    fn malformed_codes_name_the_problem() {
        for (input, needle) in [
            ("W4K-7PX-Q2", "has 8"),
            ("W4K-7PX-Q2MM", "has 10"),
            ("W0K-7PX-Q2M", "never contain"),
            ("W4K-7PX-Q2Ж", "'Ж'"),
        ] {
            let e = parse_code(input).unwrap_err();
            assert_eq!(e.code, "share_code_format");
            assert!(e.message.contains(needle), "{input}: {}", e.message);
        }
    }

    #[test]
    fn partial_birth_dates_match_on_their_known_parts() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let p = |s: &str| serde_json::from_value::<domain::date::PartialDate>(serde_json::json!(s)).unwrap();
        assert!(birth_date_matches(&p("1994-03-12"), d("1994-03-12")));
        assert!(!birth_date_matches(&p("1994-03-12"), d("1994-03-13")));
        assert!(birth_date_matches(&p("1994"), d("1994-07-01")));
        assert!(birth_date_matches(&p("1994-03"), d("1994-03-30")));
        assert!(!birth_date_matches(&p("1994-03"), d("1994-04-01")));
    }
}
