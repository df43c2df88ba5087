//! Authentication: argon2 passwords, bearer tokens for the API, cookie sessions with CSRF
//! tokens for the web, and throttling of failed logins.

use std::collections::{HashMap, VecDeque};
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
use crate::extract::ClientIp;

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

/// Limits password guessing without letting anyone lock another person out.
///
/// Two counters, both of failures only:
/// - per **(username, client address)** pair: after [`LoginThrottle::FREE`] failures each
///   further attempt of that pair waits a delay that doubles with every failure (30 s, 1 min, …,
///   at most [`LoginThrottle::MAX_DELAY`]). The same username from another address is not
///   affected, so an attacker hammering `admin` slows only themself;
/// - per **client address** across usernames: at most [`LoginThrottle::PER_ADDRESS`] failures
///   in a sliding hour, then that address may try no username until the oldest failure is an
///   hour old (spraying one password over many accounts).
///
/// Kept in process memory on purpose rather than with a rate-limiting crate such as
/// `governor`: a generic cell-rate limiter counts requests, but this must count only failures,
/// reset a pair on success and grow its delay per failure; the structure below is that rule
/// and nothing else, is bounded in size, and adds no dependency. Memory means the counters
/// restart with the server and are per node, which is acceptable for a slow-down (the cabinet's
/// one-time codes, which can be sent to a phone, are counted in the database instead).
#[derive(Default)]
pub struct LoginThrottle {
    pairs: Mutex<HashMap<(String, String), (u32, Instant)>>,
    addresses: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// Free failures of one (username, address) pair before delays start.
    pub const FREE: u32 = 5;
    /// The first delay; it doubles with each further failure.
    pub const FIRST_DELAY: Duration = Duration::from_secs(30);
    /// The longest delay of a pair.
    pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
    /// Failures allowed from one address in [`LoginThrottle::WINDOW`], whatever the usernames.
    pub const PER_ADDRESS: usize = 30;
    /// The window of the per-address cap.
    pub const WINDOW: Duration = Duration::from_secs(3600);

    fn pair(username: &str, address: &str) -> (String, String) {
        (username.trim().to_lowercase(), address.to_string())
    }

    /// Seconds to wait before this username may be tried again from this address, if any.
    pub fn locked_for(&self, username: &str, address: &str) -> Option<u64> {
        self.locked_at(username, address, Instant::now())
    }

    fn locked_at(&self, username: &str, address: &str, now: Instant) -> Option<u64> {
        let wait = |until: Instant| (until > now).then(|| (until - now).as_secs().max(1));
        if let Some(q) = self.addresses.lock().expect("not poisoned").get(address)
            && q.len() >= Self::PER_ADDRESS
            && let Some(oldest) = q.front()
            && let Some(s) = wait(*oldest + Self::WINDOW)
        {
            return Some(s);
        }
        let map = self.pairs.lock().expect("not poisoned");
        let (n, last) = map.get(&Self::pair(username, address))?;
        if *n < Self::FREE {
            return None;
        }
        let delay = Self::FIRST_DELAY.saturating_mul(1 << (n - Self::FREE).min(16)).min(Self::MAX_DELAY);
        wait(*last + delay)
    }

    /// Records a failed attempt of this username from this address.
    pub fn failed(&self, username: &str, address: &str) {
        self.failed_at(username, address, Instant::now());
    }

    fn failed_at(&self, username: &str, address: &str, now: Instant) {
        {
            let mut map = self.pairs.lock().expect("not poisoned");
            if map.len() > 100_000 {
                map.retain(|_, (_, t)| now.duration_since(*t) < Self::WINDOW);
            }
            let e = map.entry(Self::pair(username, address)).or_insert((0, now));
            e.0 += 1;
            e.1 = now;
        }
        let mut map = self.addresses.lock().expect("not poisoned");
        if map.len() > 100_000 {
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < Self::WINDOW));
        }
        let q = map.entry(address.to_string()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= Self::WINDOW) {
            q.pop_front();
        }
        q.push_back(now);
        while q.len() > Self::PER_ADDRESS {
            q.pop_front();
        }
    }

    /// Clears the pair's counter after a success (the address's hour of failures stays).
    pub fn succeeded(&self, username: &str, address: &str) {
        self.pairs.lock().expect("not poisoned").remove(&Self::pair(username, address));
    }
}

/// Logs in with a username and password from a client address: returns the account or an
/// error, applying the throttle and spending the same time on unknown usernames as on wrong
/// passwords. A refused attempt (429) does not check the password at all.
pub async fn login(state: &AppState, username: &str, password: &str, address: &ClientIp) -> Result<Account, ApiError> {
    let address = address.0.as_str();
    if let Some(s) = state.throttle.locked_for(username, address) {
        tracing::warn!(wait_seconds = s, "auth.login_throttled");
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
            state.throttle.succeeded(username, address);
            Ok(a)
        }
        _ => {
            state.throttle.failed(username, address);
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
    fn a_pair_waits_longer_after_each_failure_and_other_addresses_do_not() {
        let t = LoginThrottle::default();
        let t0 = Instant::now();
        for _ in 0..LoginThrottle::FREE {
            assert!(t.locked_at("admin", "10.0.0.66", t0).is_none());
            t.failed_at("admin", "10.0.0.66", t0);
        }
        assert_eq!(t.locked_at("admin", "10.0.0.66", t0), Some(30));
        assert_eq!(t.locked_at("ADMIN ", "10.0.0.66", t0), Some(30), "the username's case does not matter");
        assert!(t.locked_at("admin", "10.0.0.1", t0).is_none(), "the owner at another address is not locked out");
        assert!(t.locked_at("admin", "10.0.0.66", t0 + Duration::from_secs(31)).is_none(), "the delay passes");
        t.failed_at("admin", "10.0.0.66", t0 + Duration::from_secs(31));
        assert_eq!(t.locked_at("admin", "10.0.0.66", t0 + Duration::from_secs(31)), Some(60), "and doubles");
        for i in 0..20 {
            t.failed_at("admin", "10.0.0.66", t0 + Duration::from_secs(40 + i));
        }
        let cap = t.locked_at("admin", "10.0.0.66", t0 + Duration::from_secs(60)).unwrap();
        assert!(cap <= LoginThrottle::MAX_DELAY.as_secs(), "{cap}");
        t.succeeded("admin", "10.0.0.66");
        // The pair is cleared; the address still has its 26 failures of the hour.
        assert!(t.locked_at("admin", "10.0.0.66", t0 + Duration::from_secs(60)).is_none());
    }

    #[test]
    fn an_address_is_capped_across_usernames_for_an_hour() {
        let t = LoginThrottle::default();
        let t0 = Instant::now();
        for i in 0..LoginThrottle::PER_ADDRESS {
            assert!(t.locked_at(&format!("user{i}"), "10.0.0.66", t0).is_none());
            t.failed_at(&format!("user{i}"), "10.0.0.66", t0 + Duration::from_secs(i as u64));
        }
        let now = t0 + Duration::from_secs(60);
        assert!(t.locked_at("someone-new", "10.0.0.66", now).is_some(), "a fresh username from the address");
        assert!(t.locked_at("someone-new", "10.0.0.7", now).is_none(), "another address is free");
        let later = t0 + LoginThrottle::WINDOW + Duration::from_secs(1);
        assert!(t.locked_at("someone-new", "10.0.0.66", later).is_none(), "the oldest failure left the window");
    }
}
