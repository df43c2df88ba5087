//! SMS through the region's HTTP gateway.
//!
//! Protocol (fixed, the gateway's operator codes against it): `POST <url>` with the JSON body
//! `{"id": "<notification uuid>", "to": "+998901234567", "text": "..."}` and
//! `Authorization: Bearer <token>` when a token is configured. Any 2xx means accepted; a 4xx is
//! a permanent failure (the request itself is wrong: no retry); a 5xx, a timeout or a
//! connection error is retried with backoff. The id lets the gateway drop a repeat of a message
//! sent twice (delivery is at least once).

use std::time::Duration;

use super::SendError;

/// Gateway settings.
#[derive(Debug, Clone)]
pub struct SmsConfig {
    /// The gateway's URL.
    pub url: String,
    /// Bearer token (a secret: environment only).
    pub token: Option<String>,
    /// Request timeout.
    pub timeout: Duration,
}

/// Sends SMS through the gateway.
#[derive(Debug, Clone)]
pub struct SmsSender {
    client: reqwest::Client,
    config: SmsConfig,
}

impl SmsSender {
    /// A sender with its own HTTP client.
    pub fn new(config: SmsConfig) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| anyhow::anyhow!("building the SMS gateway client: {e}"))?;
        Ok(Self { client, config })
    }

    /// Hands one message to the gateway.
    pub async fn send(&self, id: uuid::Uuid, to: &str, text: &str) -> Result<(), SendError> {
        let body = serde_json::json!({ "id": id, "to": to, "text": text });
        let mut req = self.client.post(&self.config.url).json(&body);
        if let Some(t) = &self.config.token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.map_err(|e| SendError::Transient(format!("sms gateway unreachable: {e}")))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let detail: String = resp.text().await.unwrap_or_default().chars().take(200).collect();
        let msg = format!("sms gateway answered {status}: {detail}");
        if status.is_client_error() { Err(SendError::Permanent(msg)) } else { Err(SendError::Transient(msg)) }
    }
}
