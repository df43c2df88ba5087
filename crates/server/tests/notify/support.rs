//! Test doubles that speak the real protocols over loopback: an SMTP sink that records what
//! lettre sends, and a fake SMS gateway (axum) that answers with scripted statuses.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message the SMTP sink received.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// A local SMTP server that speaks enough SMTP for lettre (EHLO, MAIL, RCPT, DATA, RSET,
/// QUIT), refuses recipients whose address starts with `reject` with 550 and records the rest.
#[derive(Clone, Default)]
pub struct SmtpSink {
    pub mails: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    /// Starts on 127.0.0.1 and returns the sink with its port.
    pub async fn start() -> (SmtpSink, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = SmtpSink::default();
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = s.session(sock).await;
                });
            }
        });
        (sink, port)
    }

    async fn session(&self, sock: tokio::net::TcpStream) -> std::io::Result<()> {
        let (r, mut w) = sock.into_split();
        let mut lines = BufReader::new(r).lines();
        w.write_all(b"220 sink.test ESMTP ready\r\n").await?;
        let mut to = Vec::new();
        while let Some(line) = lines.next_line().await? {
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-sink.test\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("HELO") || upper.starts_with("MAIL FROM") || upper.starts_with("NOOP") {
                b"250 OK\r\n"
            } else if upper.starts_with("RSET") {
                to.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO") {
                let addr = line[8..].trim().trim_start_matches('<').trim_end_matches('>').to_string();
                if addr.starts_with("reject") {
                    b"550 5.1.1 no such mailbox\r\n"
                } else {
                    to.push(addr);
                    b"250 OK\r\n"
                }
            } else if upper.starts_with("DATA") {
                w.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = Vec::new();
                while let Some(l) = lines.next_line().await? {
                    if l == "." {
                        break;
                    }
                    data.push(l);
                }
                self.mails.lock().unwrap().push(parse(std::mem::take(&mut to), &data));
                b"250 OK queued\r\n"
            } else if upper.starts_with("QUIT") {
                w.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                b"502 not implemented\r\n"
            };
            w.write_all(reply).await?;
        }
        Ok(())
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

/// Decodes the subject (RFC 2047 encoded words, possibly folded) and the base64 body.
fn parse(to: Vec<String>, data: &[String]) -> Mail {
    let b64 = base64::engine::general_purpose::STANDARD;
    let split = data.iter().position(|l| l.is_empty()).unwrap_or(data.len());
    let (head, body) = data.split_at(split);
    let mut subject_raw = String::new();
    let mut in_subject = false;
    for l in head {
        if let Some(rest) = l.strip_prefix("Subject:") {
            subject_raw.push_str(rest.trim());
            in_subject = true;
        } else if in_subject && l.starts_with([' ', '\t']) {
            subject_raw.push(' ');
            subject_raw.push_str(l.trim());
        } else {
            in_subject = false;
        }
    }
    let mut subject = String::new();
    for word in subject_raw.split_whitespace() {
        match word
            .strip_prefix("=?utf-8?b?")
            .or_else(|| word.strip_prefix("=?UTF-8?B?"))
            .and_then(|w| w.strip_suffix("?="))
        {
            Some(enc) => subject.push_str(&String::from_utf8(b64.decode(enc).unwrap()).unwrap()),
            None => {
                if !subject.is_empty() {
                    subject.push(' ');
                }
                subject.push_str(word);
            }
        }
    }
    let body_b64: String = body.iter().map(|l| l.trim()).collect();
    let body = String::from_utf8(b64.decode(body_b64).expect("a base64 body")).unwrap();
    Mail { to, subject, body }
}

/// An SMS the fake gateway received.
#[derive(Debug, Clone)]
pub struct Sms {
    pub authorization: Option<String>,
    pub json: serde_json::Value,
}

/// A fake SMS gateway: answers each request with the next scripted status (200 when the
/// script is empty) and records what it received.
#[derive(Clone, Default)]
pub struct SmsGateway {
    pub received: Arc<Mutex<Vec<Sms>>>,
    pub script: Arc<Mutex<VecDeque<u16>>>,
}

impl SmsGateway {
    /// Starts on 127.0.0.1 and returns the gateway with its URL.
    pub async fn start(script: &[u16]) -> (SmsGateway, String) {
        let gw = SmsGateway { script: Arc::new(Mutex::new(script.iter().copied().collect())), ..Default::default() };
        let app = axum::Router::new().route("/send", post(receive)).with_state(gw.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/send", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        (gw, url)
    }

    pub fn received(&self) -> Vec<Sms> {
        self.received.lock().unwrap().clone()
    }
}

async fn receive(State(gw): State<SmsGateway>, headers: HeaderMap, body: String) -> StatusCode {
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
    let json = serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
    gw.received.lock().unwrap().push(Sms { authorization, json });
    let status = gw.script.lock().unwrap().pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap()
}
