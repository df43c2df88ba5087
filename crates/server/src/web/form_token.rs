//! Double-submit tokens for the forms shown before there is a session: the officers' login, the
//! cabinet's phone and code steps, the public share-code check. A page sets a random token in an
//! HttpOnly, SameSite=Strict cookie scoped to its path and repeats it in a hidden field; a
//! submission is accepted only when the two agree, so another site cannot post the form in the
//! visitor's name.

use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::auth::{constant_eq, new_secret};

/// One form's token: the cookie's name and the path it is sent to.
#[derive(Debug, Clone, Copy)]
pub struct FormToken {
    cookie: &'static str,
    path: &'static str,
}

impl FormToken {
    /// A token kept in cookie `cookie`, sent only to `path` and below.
    pub const fn new(cookie: &'static str, path: &'static str) -> Self {
        Self { cookie, path }
    }

    /// A fresh token: the jar with its cookie, and the value for the form's hidden field.
    pub fn issue(&self, jar: CookieJar, secure: bool) -> (CookieJar, String) {
        let token = new_secret();
        let cookie = Cookie::build((self.cookie, token.clone()))
            .path(self.path)
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .build();
        (jar.add(cookie), token)
    }

    /// True when the submitted field equals the cookie (and there is one).
    pub fn valid(&self, jar: &CookieJar, sent: &str) -> bool {
        jar.get(self.cookie).is_some_and(|c| !c.value().is_empty() && constant_eq(c.value(), sent))
    }

    /// The jar without the token, once the form has done its work (a login succeeded).
    pub fn clear(&self, jar: CookieJar) -> CookieJar {
        jar.remove(Cookie::build(self.cookie).path(self.path))
    }
}
