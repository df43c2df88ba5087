//! Request extractors whose failures are problem+json naming the field and the problem.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use domain::error::FieldError;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Maximum JSON body size accepted by the API.
pub const MAX_BODY: usize = 1024 * 1024;

/// JSON body: the content type must be JSON, the body within [`MAX_BODY`], and every field known.
/// A type error names the path of the offending field.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if !(mime == "application/json" || mime.ends_with("+json")) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(_) => ApiError::TooLarge(MAX_BODY),
            other => ApiError::BadRequest(other.body_text(), vec![]),
        })?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses JSON with the failing path in the error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() { "json_syntax" } else { "json_type" };
        let message = inner.to_string();
        let field = if path == "." { String::new() } else { path };
        ApiError::BadRequest(
            if code == "json_syntax" {
                format!("the body is not valid JSON: {message}")
            } else {
                format!("the body does not match the expected shape: {message}")
            },
            vec![FieldError { field, code, message }],
        )
    })
}

/// Query string parsed with problem+json errors.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(q).map(Query).map_err(|e| {
            ApiError::BadRequest(
                format!("the query string is invalid: {e}"),
                vec![FieldError { field: "query".into(), code: "query", message: e.to_string() }],
            )
        })
    }
}

/// The request id set by the request-id middleware, for audit entries.
pub struct RequestId(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestId(parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string)))
    }
}

impl RequestId {
    /// As a string slice.
    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// Reads an optional header as text (for `Idempotency-Key` and `If-Match`).
pub fn header_text(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
}

/// Path parameters with problem+json errors (e.g. an id that is not a UUID).
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state).await.map(|axum::extract::Path(v)| Path(v)).map_err(
            |e| {
                ApiError::BadRequest(
                    format!("the address is invalid: {}", e.body_text()),
                    vec![FieldError { field: "path".into(), code: "path", message: e.body_text() }],
                )
            },
        )
    }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`; a bare address is one host),
/// for the list of trusted reverse proxies. Parsed at start-up; a bad entry stops the program
/// with a message naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let net: IpAddr = addr.parse().map_err(|_| format!("{s:?} is not an IP address or CIDR block"))?;
        let net = net.to_canonical();
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?}: the prefix length must be 0–{max}"))?,
            None => max,
        };
        Ok(Cidr { net, prefix })
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.net, self.prefix)
    }
}

impl Cidr {
    /// Whether `ip` lies in this block (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |a: IpAddr| -> u128 {
            match a {
                IpAddr::V4(v) => u128::from(u32::from(v)) << 96,
                IpAddr::V6(v) => u128::from(v),
            }
        };
        let ip = ip.to_canonical();
        if ip.is_ipv4() != self.net.is_ipv4() {
            return false;
        }
        if self.prefix == 0 {
            return true;
        }
        // IPv4 sits in the top 32 bits, so one mask of the top `prefix` bits serves both.
        let mask = u128::MAX << (128 - u32::from(self.prefix));
        bits(ip) & mask == bits(self.net) & mask
    }

    /// Parses a comma- or whitespace-separated list (`ROSMIGRATION_TRUSTED_PROXIES`).
    pub fn parse_list(s: &str) -> Result<Vec<Cidr>, String> {
        s.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).map(str::parse).collect()
    }
}

/// The client's address, for login limits and the cabinet's limits. It is the TCP peer, unless
/// the peer is one of the configured reverse proxies (`trusted_proxies`; none by default, not
/// even loopback): then the rightmost address of `X-Forwarded-For` that is not itself a trusted
/// proxy (the hops to its left could be written by anyone), or else `X-Real-IP`. A header sent
/// by any other peer is ignored, so a client cannot pick the address its limits are counted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl ClientIp {
    /// The decision itself, apart from the request (unit-tested).
    pub fn resolve(peer: Option<IpAddr>, headers: &axum::http::HeaderMap, trusted: &[Cidr]) -> ClientIp {
        let Some(peer) = peer.map(|p| p.to_canonical()) else {
            return ClientIp("unknown".into());
        };
        let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
        if !is_trusted(peer) {
            return ClientIp(peer.to_string());
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
            .map(|ip| ip.to_canonical())
            .collect();
        if let Some(ip) = forwarded.iter().rev().find(|ip| !is_trusted(**ip)).or(forwarded.first()) {
            return ClientIp(ip.to_string());
        }
        let real = headers.get("x-real-ip").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<IpAddr>().ok());
        ClientIp(real.map_or(peer, |r| r.to_canonical()).to_string())
    }
}

impl FromRequestParts<crate::app::AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, s: &crate::app::AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientIp::resolve(peer, &parts.headers, &s.config.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn cidr_blocks_parse_and_match() {
        let c: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(c.contains(ip("10.1.200.3")));
        assert!(!c.contains(ip("10.2.0.1")));
        assert!(c.contains(ip("::ffff:10.1.0.9")), "IPv4-mapped peers count as IPv4");
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
        let v6: Cidr = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")) && !v6.contains(ip("10.0.0.1")));
        assert!("0.0.0.0/0".parse::<Cidr>().unwrap().contains(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "proxy", "10.0.0/8", "::1/129", "1.2.3.4/x"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad} must be refused");
        }
        assert_eq!(Cidr::parse_list("127.0.0.1, 10.0.0.0/8 ::1").unwrap().len(), 3);
        assert!(Cidr::parse_list("127.0.0.1,nope").unwrap_err().contains("nope"));
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let proxy = vec!["127.0.0.1".parse::<Cidr>().unwrap(), "10.0.0.0/8".parse().unwrap()];
        let h = headers(&[("x-real-ip", "203.0.113.7"), ("x-forwarded-for", "198.51.100.1")]);
        // An untrusted peer's headers are ignored, whatever they say.
        assert_eq!(ClientIp::resolve(Some(ip("192.0.2.5")), &h, &proxy).0, "192.0.2.5");
        // With no proxy configured (the default) loopback is not trusted either.
        assert_eq!(ClientIp::resolve(Some(ip("127.0.0.1")), &h, &[]).0, "127.0.0.1");
        // From a trusted proxy: X-Forwarded-For first.
        assert_eq!(ClientIp::resolve(Some(ip("127.0.0.1")), &h, &proxy).0, "198.51.100.1");
        // The rightmost hop that is not a proxy: a client cannot prepend its own choice.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 198.51.100.9, 10.0.0.3")]);
        assert_eq!(ClientIp::resolve(Some(ip("10.0.0.2")), &chain, &proxy).0, "198.51.100.9");
        // X-Real-IP when there is no X-Forwarded-For; the peer when there is neither.
        let real = headers(&[("x-real-ip", "203.0.113.7")]);
        assert_eq!(ClientIp::resolve(Some(ip("127.0.0.1")), &real, &proxy).0, "203.0.113.7");
        assert_eq!(ClientIp::resolve(Some(ip("127.0.0.1")), &HeaderMap::new(), &proxy).0, "127.0.0.1");
        // No peer known: headers are still not believed.
        assert_eq!(ClientIp::resolve(None, &real, &proxy).0, "unknown");
    }
}
