//! Accounts, browser sessions and API tokens.
//!
//! Secrets (session cookies, bearer tokens) are random 256-bit values handed to the client once;
//! the database keeps only their SHA-256, so a stolen copy of the database yields no credential.

use chrono::{DateTime, Utc};
use domain::access::{Principal, Role};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::db::dispatch;
use crate::error::{Result, StoreError, on_unique};
use crate::{Page, Store};

/// An account as listed to administrators (never with its password hash).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Account {
    /// Id.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organisation (employer, university, centre).
    pub org_id: Option<Uuid>,
    /// Person (migrant accounts).
    pub person_id: Option<Uuid>,
    /// Disabled accounts cannot log in and their sessions and tokens stop working.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

impl Account {
    /// The principal this account acts as.
    pub fn principal(&self) -> Principal {
        Principal { account_id: self.id, role: self.role, org_id: self.org_id, person_id: self.person_id }
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Organisation.
    pub org_id: Option<Uuid>,
    /// Person.
    pub person_id: Option<Uuid>,
    /// Argon2 PHC string.
    pub password_hash: String,
}

/// SHA-256 of a secret token, as stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

const ACCOUNT_COLS: &str = "id, username, display_name, role, org_id, person_id, disabled, created_at";

macro_rules! account_from_row {
    ($r:expr) => {{
        let r = $r;
        let role: String = r.try_get("role")?;
        Account {
            id: r.try_get("id")?,
            username: r.try_get("username")?,
            display_name: r.try_get("display_name")?,
            role: Role::from_code(&role).ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?,
            org_id: r.try_get("org_id")?,
            person_id: r.try_get("person_id")?,
            disabled: r.try_get("disabled")?,
            created_at: r.try_get("created_at")?,
        }
    }};
}

impl Store {
    /// Creates an account, with its audit entry.
    pub async fn create_account(&self, a: &NewAccount, audit_entry: AuditEntry) -> Result<Account> {
        let id = Uuid::now_v7();
        let now = Utc::now();
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query("INSERT INTO accounts (id, username, display_name, role, org_id, person_id, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(id)
                .bind(&a.username)
                .bind(&a.display_name)
                .bind(a.role.code())
                .bind(a.org_id)
                .bind(a.person_id)
                .bind(&a.password_hash)
                .bind(false)
                .bind(now)
                .execute(&mut **t)
                .await
                .map_err(|e| on_unique(e, "this username is taken"))?
        });
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("account {} ({})", a.username, a.role.code()), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(Account {
            id,
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: a.role,
            org_id: a.org_id,
            person_id: a.person_id,
            disabled: false,
            created_at: now,
        })
    }

    /// The account and its password hash, by username (for login).
    pub async fn account_for_login(&self, username: &str) -> Result<Option<(Account, String)>> {
        let sql = format!("SELECT {ACCOUNT_COLS}, password_hash FROM accounts WHERE username = $1");
        dispatch!(read &self.db, p => {
            match sqlx::query(&sql).bind(username).fetch_optional(p).await? {
                Some(r) => {
                    let hash: String = r.try_get("password_hash")?;
                    Ok(Some((account_from_row!(&r), hash)))
                }
                None => Ok(None),
            }
        })
    }

    /// One account.
    pub async fn get_account(&self, id: Uuid) -> Result<Account> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE id = $1");
        dispatch!(read &self.db, p => {
            let r = sqlx::query(&sql).bind(id).fetch_optional(p).await?.ok_or(StoreError::NotFound("account"))?;
            Ok(account_from_row!(&r))
        })
    }

    /// Accounts by username, paginated.
    pub async fn list_accounts(&self, after: Option<&str>, limit: i64) -> Result<Page<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE username > $1 ORDER BY username LIMIT $2");
        let mut items: Vec<Account> = dispatch!(read &self.db, p => {
            let rows = sqlx::query(&sql).bind(after.unwrap_or("")).bind(limit + 1).fetch_all(p).await?;
            let mut v = Vec::with_capacity(rows.len());
            for r in &rows {
                v.push(account_from_row!(r));
            }
            v
        });
        let next_cursor = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|a| a.username.clone())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }

    /// Disables an account and ends its sessions and tokens, in one transaction.
    pub async fn disable_account(&self, id: Uuid, audit_entry: AuditEntry) -> Result<()> {
        let now = Utc::now();
        let mut tx = self.db.begin().await?;
        let n = dispatch!(tx &mut tx, t => sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2").bind(true).bind(id).execute(&mut **t).await?.rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound("account"));
        }
        dispatch!(exec &mut tx, t => sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id).execute(&mut **t).await?);
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL").bind(now).bind(id).execute(&mut **t).await?);
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("account {id} disabled"), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password (an administrator's reset) and ends the account's sessions, in one
    /// transaction: whoever held the old password is logged out.
    pub async fn reset_password(&self, id: Uuid, password_hash: &str, audit_entry: AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = dispatch!(tx &mut tx, t => sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2").bind(password_hash).bind(id).execute(&mut **t).await?.rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound("account"));
        }
        dispatch!(exec &mut tx, t => sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(id).execute(&mut **t).await?);
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("account {id} password reset"), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Enables a disabled account again (its old sessions and tokens stay ended).
    pub async fn enable_account(&self, id: Uuid, audit_entry: AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = dispatch!(tx &mut tx, t => sqlx::query("UPDATE accounts SET disabled = $1 WHERE id = $2").bind(false).bind(id).execute(&mut **t).await?.rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound("account"));
        }
        audit::append(&mut tx, self.sealer(), &[AuditEntry { detail: format!("account {id} enabled"), ..audit_entry }])
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a new browser session.
    pub async fn create_session(
        &self,
        token: &str,
        account_id: Uuid,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query("INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(token_hash(token))
                .bind(account_id)
                .bind(csrf)
                .bind(Utc::now())
                .bind(expires_at)
                .execute(&mut **t)
                .await?
        });
        tx.commit().await?;
        Ok(())
    }

    /// The live session's account and CSRF token, if the session exists, has not expired, and
    /// the account is enabled.
    pub async fn session(&self, token: &str) -> Result<Option<(Account, String)>> {
        let sql = "SELECT a.id, a.username, a.display_name, a.role, a.org_id, a.person_id, a.disabled, a.created_at, s.csrf_token FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled = $3";
        dispatch!(read &self.db, p => {
            match sqlx::query(sql).bind(token_hash(token)).bind(Utc::now()).bind(false).fetch_optional(p).await? {
                Some(r) => {
                    let csrf: String = r.try_get("csrf_token")?;
                    Ok(Some((account_from_row!(&r), csrf)))
                }
                None => Ok(None),
            }
        })
    }

    /// Ends a session (logout).
    pub async fn delete_session(&self, token: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)).execute(&mut **t).await?);
        tx.commit().await?;
        Ok(())
    }

    /// Records a new API token for an account.
    pub async fn create_api_token(
        &self,
        token: &str,
        account_id: Uuid,
        name: &str,
        expires_at: DateTime<Utc>,
        audit_entry: AuditEntry,
    ) -> Result<Uuid> {
        let id = Uuid::now_v7();
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => {
            sqlx::query("INSERT INTO api_tokens (id, token_hash, account_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id)
                .bind(token_hash(token))
                .bind(account_id)
                .bind(name)
                .bind(Utc::now())
                .bind(expires_at)
                .execute(&mut **t)
                .await?
        });
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("api token {id} issued"), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The account behind a live bearer token.
    pub async fn account_for_token(&self, token: &str) -> Result<Option<Account>> {
        let sql = "SELECT a.id, a.username, a.display_name, a.role, a.org_id, a.person_id, a.disabled, a.created_at FROM api_tokens k JOIN accounts a ON a.id = k.account_id WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND k.expires_at > $2 AND a.disabled = $3";
        dispatch!(read &self.db, p => {
            match sqlx::query(sql).bind(token_hash(token)).bind(Utc::now()).bind(false).fetch_optional(p).await? {
                Some(r) => Ok(Some(account_from_row!(&r))),
                None => Ok(None),
            }
        })
    }
}
