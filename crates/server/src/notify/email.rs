//! E-mail over SMTP with lettre's asynchronous Tokio transport.
//!
//! TLS is chosen by configuration: `none` (a relay on the local network, and the tests' SMTP
//! sink), `starttls` or `tls` (implicit TLS, port 465). The TLS modes need the server built with
//! the `smtp-tls` feature (rustls); without it, configuring them stops the server at start-up
//! rather than sending in clear. A 5xx reply is permanent (the address is refused); anything
//! else (4xx, a dropped connection, a timeout) is retried with backoff.

use std::time::Duration;

use lettre::message::Body;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::SendError;

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a relay on a trusted network).
    None,
    /// STARTTLS upgrade (port 587).
    StartTls,
    /// Implicit TLS (port 465).
    Tls,
}

impl std::str::FromStr for SmtpTls {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Self> {
        match s {
            "none" => Ok(SmtpTls::None),
            "starttls" => Ok(SmtpTls::StartTls),
            "tls" => Ok(SmtpTls::Tls),
            _ => anyhow::bail!("smtp_tls must be none, starttls or tls, not {s:?}"),
        }
    }
}

/// SMTP settings.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// Server host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Connection protection.
    pub tls: SmtpTls,
    /// Login (with `password`), when the relay requires one.
    pub username: Option<String>,
    /// Password (a secret: environment only).
    pub password: Option<String>,
    /// The sender address, e.g. `Миграционный центр <noreply@migration.example>`.
    pub from: String,
    /// Connection and command timeout.
    pub timeout: Duration,
}

/// Sends e-mail.
#[derive(Clone)]
pub struct EmailSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl std::fmt::Debug for EmailSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailSender").field("from", &self.from).finish_non_exhaustive()
    }
}

impl EmailSender {
    /// Checks the settings and builds the transport (no connection is made yet).
    pub fn new(c: &SmtpConfig) -> anyhow::Result<Self> {
        let from = c.from.parse().map_err(|e| anyhow::anyhow!("smtp_from {:?} is not an address: {e}", c.from))?;
        let mut b = match c.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
            #[cfg(feature = "smtp-tls")]
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)?,
            #[cfg(feature = "smtp-tls")]
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)?,
            #[cfg(not(feature = "smtp-tls"))]
            SmtpTls::StartTls | SmtpTls::Tls => {
                anyhow::bail!("smtp_tls = starttls/tls needs the server built with the smtp-tls feature")
            }
        };
        b = b.port(c.port).timeout(Some(c.timeout));
        if let (Some(u), Some(p)) = (&c.username, &c.password) {
            b = b.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(Self { transport: b.build(), from })
    }

    /// Sends one plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), SendError> {
        let to = to.parse().map_err(|e| SendError::Permanent(format!("not an e-mail address: {e}")))?;
        let msg = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            // Base64 always: safe through any relay, whatever the script of the text.
            .body(
                Body::new_with_encoding(body.to_string(), ContentTransferEncoding::Base64)
                    .map_err(|_| SendError::Permanent("the body cannot be encoded".into()))?,
            )
            .map_err(|e| SendError::Permanent(format!("building the message: {e}")))?;
        match self.transport.send(msg).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("smtp: {e}"))),
            Err(e) => Err(SendError::Transient(format!("smtp: {e}"))),
        }
    }
}
