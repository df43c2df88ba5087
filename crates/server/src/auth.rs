//! Authentication: argon2 passwords, bearer tokens for the API, cookie sessions with CSRF
//! tokens for the web, and throttling of failed logins.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum_extra::extract::CookieJar;
use base64::Engine as _;
use rand::RngCore;
use store::accounts::Account;

use crate::app::AppState;
use crate::error::ApiError;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "rm_session";
/// Header carrying the CSRF token for cookie-authenticated API calls (htmx sends it).
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks a password against a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Rules for acceptable passwords (length over composition, per NIST SP 800-63B).
pub fn check_new_password(p: &str) -> Result<(), domain::error::ValueError> {
    if p.chars().count() < 10 {
        return Err(domain::error::ValueError::new("password_short", "a password needs at least 10 characters"));
    }
    if p.len() > 256 {
        return Err(domain::error::ValueError::new("password_long", "a password may have at most 256 bytes"));
    }
    Ok(())
}

/// A random 256-bit secret, URL-safe base64.
pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// The authenticated caller of an API endpoint.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The account.
    pub account: Account,
    /// The session's CSRF token, when authenticated by cookie.
    pub csrf: Option<String>,
}

/// Remembers recently verified bearer tokens for a few seconds, so that a busy integration does
/// not pay a database round trip per request. Disabling an account on this node clears the
/// cache at once; other nodes of a cluster notice within [`TokenCache::TTL`].
#[derive(Default)]
pub struct TokenCache {
    entries: Mutex<HashMap<Vec<u8>, (Account, Instant)>>,
}

impl TokenCache {
    /// How long a verified token is trusted without asking the database again.
    pub const TTL: Duration = Duration::from_secs(10);

    fn get(&self, key: &[u8]) -> Option<Account> {
        let map = self.entries.lock().expect("not poisoned");
        map.get(key).filter(|(_, at)| at.elapsed() < Self::TTL).map(|(a, _)| a.clone())
    }

    fn put(&self, key: Vec<u8>, a: Account) {
        let mut map = self.entries.lock().expect("not poisoned");
        if map.len() > 50_000 {
            map.retain(|_, (_, at)| at.elapsed() < Self::TTL);
        }
        map.insert(key, (a, Instant::now()));
    }

    /// Forgets every cached token (after an account is disabled or a token revoked).
    pub fn clear(&self) {
        self.entries.lock().expect("not poisoned").clear();
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token =
                auth.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).ok_or(ApiError::Unauthorized)?.trim();
            let key = store::accounts::token_hash(token);
            if let Some(account) = state.tokens.get(&key) {
                return Ok(Caller { account, csrf: None });
            }
            let account = state.store.account_for_token(token).await?.ok_or(ApiError::Unauthorized)?;
            state.tokens.put(key, account.clone());
            return Ok(Caller { account, csrf: None });
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()).ok_or(ApiError::Unauthorized)?;
        let (account, csrf) = state.store.session(&token).await?.ok_or(ApiError::Unauthorized)?;
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            if !constant_eq(sent, &csrf) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Caller { account, csrf: Some(csrf) })
    }
}

/// Compares secrets without an early exit.
pub fn constant_eq(a: &str, b: &str) -> bool {
    store::crypto::constant_eq(a.as_bytes(), b.as_bytes())
}

/// Counts failed logins per username and locks further attempts for a growing period.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    /// Free attempts before the lock starts.
    const FREE: u32 = 5;

    /// Seconds to wait before another attempt for this username, if locked.
    pub fn locked_for(&self, username: &str) -> Option<u64> {
        let map = self.failures.lock().expect("not poisoned");
        let (n, last) = map.get(username)?;
        if *n < Self::FREE {
            return None;
        }
        let lock = Duration::from_secs(30u64.saturating_mul(1 << (n - Self::FREE).min(10)));
        let elapsed = last.elapsed();
        (elapsed < lock).then(|| (lock - elapsed).as_secs().max(1))
    }

    /// Records a failure.
    pub fn failed(&self, username: &str) {
        let mut map = self.failures.lock().expect("not poisoned");
        if map.len() > 100_000 {
            map.retain(|_, (_, t)| t.elapsed() < Duration::from_secs(3600));
        }
        let e = map.entry(username.to_string()).or_insert((0, Instant::now()));
        e.0 += 1;
        e.1 = Instant::now();
    }

    /// Clears the counter after a success.
    pub fn succeeded(&self, username: &str) {
        self.failures.lock().expect("not poisoned").remove(username);
    }
}

/// Logs in with a username and password: returns the account or an error, applying the
/// throttle and spending the same time on unknown usernames as on wrong passwords.
pub async fn login(state: &AppState, username: &str, password: &str) -> Result<Account, ApiError> {
    if let Some(s) = state.throttle.locked_for(username) {
        return Err(ApiError::TooManyRequests(s));
    }
    let found = state.store.account_for_login(username).await?;
    let (account, hash) = match found {
        Some((a, h)) if !a.disabled => (Some(a), h),
        _ => (None, state.dummy_hash.clone()),
    };
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &hash))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    match (account, ok) {
        (Some(a), true) => {
            state.throttle.succeeded(username);
            Ok(a)
        }
        _ => {
            state.throttle.failed(username);
            Err(ApiError::Unauthorized)
        }
    }
}

/// Opens a browser session for an account that has just proved who it is (password or one-time
/// code): the session row and its CSRF token in the store, the HttpOnly session cookie in `jar`.
pub async fn start_browser_session(s: &AppState, jar: CookieJar, account: &Account) -> Result<CookieJar, ApiError> {
    let token = new_secret();
    let csrf = new_secret();
    let expires = chrono::Utc::now() + s.config.session_ttl;
    s.store.create_session(&token, account.id, &csrf, expires).await?;
    let cookie = axum_extra::extract::cookie::Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(axum_extra::extract::cookie::SameSite::Strict)
        .secure(s.config.secure_cookies)
        .build();
    Ok(jar.add(cookie))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_hashes_are_salted() {
        let h1 = hash_password("correct horse battery").unwrap();
        let h2 = hash_password("correct horse battery").unwrap();
        assert_ne!(h1, h2);
        assert!(verify_password("correct horse battery", &h1));
        assert!(!verify_password("wrong", &h1));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn throttle_locks_after_free_attempts() {
        let t = LoginThrottle::default();
        for _ in 0..LoginThrottle::FREE {
            assert!(t.locked_for("u").is_none());
            t.failed("u");
        }
        assert!(t.locked_for("u").is_some());
        t.succeeded("u");
        assert!(t.locked_for("u").is_none());
    }
}
