//! Agency feeds over HTTP: upload a file per source, read batches, work the quarantine.
//!
//! `POST /api/intake/{source}` streams the request body into the same pipeline as
//! `rosmigration import` (read and map on a blocking thread, write chunk by chunk), so memory
//! stays constant; the body may be up to [`MAX_FEED_BODY`] bytes. Re-sending a file changes
//! nothing (the records' keys), so a client whose upload broke simply sends it again.
//!
//! Who may: see docs/ACCESS.md. Migration officers import any source and work the quarantine; a
//! tax officer imports the tax service's feeds only; administrators read batch counts only.

use std::io::{BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::access::{AccessReason, Action, Denied, Role, authorize};
use domain::error::{ValidationErrors, ValueError};
use domain::event::SourceAgency;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use store::intake::{NewBatch, QuarantineFilter, ReplayOutcome};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Path, Query, RequestId};
use crate::registry::entry;
use crate::services;

/// Largest feed accepted in one request (bigger files: `rosmigration import`).
pub const MAX_FEED_BODY: u64 = 512 * 1024 * 1024;

/// All routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/intake/{source}", post(upload))
        .route("/api/intake/batches/{id}", get(batch))
        .route("/api/intake/quarantine", get(quarantine_list))
        .route("/api/intake/quarantine/{id}", get(quarantine_show))
        .route("/api/intake/quarantine/{id}/replay", post(quarantine_replay))
        .route("/api/intake/quarantine/{id}/discard", post(quarantine_discard))
}

fn invalid(field: &str, code: &'static str, message: String) -> ApiError {
    ApiError::Invalid(ValidationErrors::one(field, ValueError::new(code, message)))
}

fn parse_source(s: &str) -> ApiResult<SourceAgency> {
    SourceAgency::from_code(s)
        .filter(|a| !matches!(a, SourceAgency::Registry | SourceAgency::Migrant | SourceAgency::Demo))
        .ok_or_else(|| {
            invalid(
                "source",
                "unknown_source",
                format!("{s:?} is not an agency: use mvd, fns, medical, exam, employer, university or adaptation"),
            )
        })
}

fn purpose(what: &str) -> AccessReason {
    AccessReason { purpose: format!("agency data intake: {what}"), ..Default::default() }
}

/// Upload parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UploadParams {
    /// Shipped mapping name (e.g. `mvd-crossings`); default: the source's only one.
    pub mapping: Option<String>,
    /// File name to record with the batch.
    pub file_name: Option<String>,
}

/// What an import did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BatchView {
    /// Batch id.
    pub id: Uuid,
    /// Agency.
    pub source: String,
    /// Mapping.
    pub mapping: String,
    /// File name.
    pub file_name: String,
    /// running, done or failed.
    pub state: String,
    /// Rows read.
    pub rows_read: i64,
    /// New records staged (state pending, waiting for linkage).
    pub rows_staged: i64,
    /// Rows already staged with the same content.
    pub rows_unchanged: i64,
    /// Rows quarantined.
    pub rows_quarantined: i64,
    /// Bytes committed.
    pub resume_offset: i64,
    /// Start (RFC 3339).
    pub started_at: String,
    /// End (RFC 3339).
    pub finished_at: Option<String>,
    /// Rows per second of this request (uploads only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows_per_second: Option<f64>,
}

impl From<store::intake::BatchSummary> for BatchView {
    fn from(b: store::intake::BatchSummary) -> Self {
        Self {
            id: b.id,
            source: b.source,
            mapping: b.mapping,
            file_name: b.file_name,
            state: b.state,
            rows_read: b.rows_read,
            rows_staged: b.rows_staged,
            rows_unchanged: b.rows_unchanged,
            rows_quarantined: b.rows_quarantined,
            resume_offset: b.resume_offset,
            started_at: b.started_at.to_rfc3339(),
            finished_at: b.finished_at.map(|t| t.to_rfc3339()),
            rows_per_second: None,
        }
    }
}

/// The request body as a blocking reader, fed from the async body through a small channel.
struct BodyReader {
    rx: std::sync::mpsc::Receiver<Result<bytes::Bytes, String>>,
    cur: bytes::Bytes,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.recv() {
                Ok(Ok(b)) => self.cur = b,
                Ok(Err(e)) => return Err(std::io::Error::other(e)),
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur[..n]);
        self.cur = self.cur.slice(n..);
        Ok(n)
    }
}

fn body_reader(body: Body, too_large: Arc<AtomicBool>) -> BodyReader {
    let (tx, rx) = std::sync::mpsc::sync_channel(16);
    tokio::spawn(async move {
        let mut stream = body.into_data_stream();
        let mut total = 0u64;
        while let Some(chunk) = stream.next().await {
            let msg = match chunk {
                Ok(b) => {
                    total += b.len() as u64;
                    if total > MAX_FEED_BODY {
                        too_large.store(true, Ordering::Relaxed);
                        Err(format!("the body is larger than {MAX_FEED_BODY} bytes"))
                    } else {
                        Ok(b)
                    }
                }
                Err(e) => Err(format!("the upload broke off: {e}")),
            };
            let stop = msg.is_err();
            // The receiver lives on a blocking thread; a full channel waits without blocking
            // this runtime thread for long (the reader drains it continuously).
            let tx2 = tx.clone();
            if tokio::task::spawn_blocking(move || tx2.send(msg)).await.map(|r| r.is_err()).unwrap_or(true) || stop {
                return;
            }
        }
    });
    BodyReader { rx, cur: bytes::Bytes::new() }
}

/// Imports a feed file sent as the request body (`text/csv`, `application/x-ndjson` or
/// `application/xml`, as the mapping's format), stages its rows and returns the batch.
#[utoipa::path(post, path = "/api/intake/{source}", tag = "intake",
    params(("source" = String, Path, description = "Agency: mvd, fns, medical, exam, employer, university, adaptation"), UploadParams),
    request_body(content = String, description = "The file, streamed", content_type = "text/csv"),
    responses((status = 200, body = BatchView), (status = 403, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn upload(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(source): Path<String>,
    Query(q): Query<UploadParams>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<BatchView>> {
    let p = c.account.principal();
    authorize(p.role, Action::ImportFeed)?;
    let source = parse_source(&source)?;
    if p.role == Role::TaxOfficer && source != SourceAgency::Fns {
        return Err(
            Denied::Role { role: p.role.code(), what: "import feeds of other agencies than the tax service" }.into()
        );
    }
    let mapping = intake::shipped::resolve(source, q.mapping.as_deref(), |_| None)
        .map_err(|m| invalid("mapping", "mapping", m))?;
    let want = match mapping.format {
        intake::Format::Csv => ["text/csv", "text/plain"],
        intake::Format::Jsonl => ["application/x-ndjson", "application/jsonl"],
        intake::Format::Xml => ["application/xml", "text/xml"],
    };
    let ct = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let ct = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !want.contains(&ct.as_str()) {
        return Err(ApiError::BadRequest(
            format!("the mapping {} reads {}: send the body as {}", mapping.name, mapping.format.code(), want[0]),
            vec![],
        ));
    }
    let mapping = Arc::new(mapping);
    let audit = || entry(&p, "intake.import", &purpose(&mapping.name), rid.as_deref());
    let (batch, _) = s
        .store
        .open_batch(
            NewBatch {
                source,
                mapping: mapping.name.clone(),
                file_name: q.file_name.clone().unwrap_or_else(|| "upload".into()),
                file_size: None,
                file_digest: None,
                format: mapping.format.code(),
                account_id: Some(p.account_id),
            },
            audit(),
        )
        .await?;
    let too_large = Arc::new(AtomicBool::new(false));
    let reader = body_reader(body, too_large.clone());
    let m2 = mapping.clone();
    let rows = tokio::task::spawn_blocking(move || {
        intake::reader::open(&m2, Box::new(BufReader::with_capacity(1 << 16, reader)), None)
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?;
    let rows = match rows {
        Ok(r) => r,
        Err(e) => {
            s.store.fail_batch(batch.id, audit()).await?;
            return Err(invalid("file", "file_format", e.to_string()));
        }
    };
    match store::import::import(&s.store, mapping.clone(), &batch, rows, audit(), |_, _| {}).await {
        Ok(r) => {
            s.resolver.wake();
            let mut v = BatchView::from(r.batch);
            v.rows_per_second = Some(r.rows_per_second);
            Ok(Json(v))
        }
        Err(_) if too_large.load(Ordering::Relaxed) => Err(ApiError::TooLarge(MAX_FEED_BODY as usize)),
        Err(store::import::ImportError::Read { error, .. }) => Err(invalid("file", "file_format", error.to_string())),
        Err(store::import::ImportError::Store(e)) => Err(e.into()),
    }
}

/// A batch's counters.
#[utoipa::path(get, path = "/api/intake/batches/{id}", tag = "intake",
    params(("id" = Uuid, Path, description = "Batch id")),
    responses((status = 200, body = BatchView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn batch(State(s): State<AppState>, c: Caller, Path(id): Path<Uuid>) -> ApiResult<Json<BatchView>> {
    authorize(c.account.role, Action::ViewIntakeBatches)?;
    Ok(Json(s.store.batch(id).await?.into()))
}

/// Quarantine list filter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct QuarantineParams {
    /// Only this agency.
    pub source: Option<String>,
    /// open (default), replayed or discarded.
    pub state: Option<String>,
    /// Only this batch.
    pub batch_id: Option<Uuid>,
    /// Cursor from the previous page.
    pub cursor: Option<Uuid>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
}

/// A quarantined row.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QuarantineView {
    /// Id.
    pub id: Uuid,
    /// Agency.
    pub source: String,
    /// Batch.
    pub batch_id: Uuid,
    /// Mapping a replay uses.
    pub mapping: String,
    /// Where in the file.
    pub position: String,
    /// The agency's record id.
    pub record_id: Option<String>,
    /// Reason code.
    pub code: String,
    /// Reason naming the field and value.
    pub reason: String,
    /// open, replayed or discarded.
    pub state: String,
    /// The officer's reason for a discard.
    pub resolution: Option<String>,
    /// The row, column by column, as `[column, value]` pairs (only when one row is shown).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Vec<String>>>)]
    pub raw: Option<Vec<(String, String)>>,
}

impl From<store::intake::QuarantineItem> for QuarantineView {
    fn from(i: store::intake::QuarantineItem) -> Self {
        Self {
            id: i.id,
            source: i.source,
            batch_id: i.batch_id,
            mapping: i.mapping,
            position: i.position,
            record_id: i.record_id,
            code: i.code,
            reason: i.reason,
            state: i.state,
            resolution: i.resolution,
            raw: None,
        }
    }
}

/// A page of quarantined rows.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QuarantinePage {
    /// Rows.
    pub items: Vec<QuarantineView>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// Lists quarantined rows, newest first.
#[utoipa::path(get, path = "/api/intake/quarantine", tag = "intake", params(QuarantineParams),
    responses((status = 200, body = QuarantinePage), (status = 403, body = Problem)))]
pub async fn quarantine_list(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Query(q): Query<QuarantineParams>,
) -> ApiResult<Json<QuarantinePage>> {
    let p = c.account.principal();
    let limit = crate::api::page_limit(q.limit)?;
    let f = QuarantineFilter {
        source: q.source.as_deref().map(parse_source).transpose()?,
        state: Some(q.state.unwrap_or_else(|| "open".into())),
        batch_id: q.batch_id,
    };
    let page = services::quarantine::list(&s, &p, &f, q.cursor, limit, rid.as_deref()).await?;
    Ok(Json(QuarantinePage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

/// One quarantined row with the row as sent (personal data; audited).
#[utoipa::path(get, path = "/api/intake/quarantine/{id}", tag = "intake",
    params(("id" = Uuid, Path, description = "Quarantine id")),
    responses((status = 200, body = QuarantineView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn quarantine_show(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<QuarantineView>> {
    let d = services::quarantine::show(&s, &c.account.principal(), id, rid.as_deref()).await?;
    let mut v = QuarantineView::from(d.item);
    v.raw = Some(d.raw);
    Ok(Json(v))
}

/// Corrected column values for a replay.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// Column -> corrected value.
    #[serde(default)]
    pub set: std::collections::BTreeMap<String, String>,
}

/// The result of a replay.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReplayView {
    /// staged or still_quarantined.
    pub outcome: String,
    /// The staged record's id.
    pub record_id: Option<String>,
    /// The new reason when it still does not map.
    pub code: Option<String>,
    /// Its message.
    pub reason: Option<String>,
}

/// Corrects a quarantined row and replays it through its mapping: staged, or kept with the new
/// reason.
#[utoipa::path(post, path = "/api/intake/quarantine/{id}/replay", tag = "intake",
    params(("id" = Uuid, Path, description = "Quarantine id")), request_body = ReplayRequest,
    responses((status = 200, body = ReplayView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn quarantine_replay(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    crate::extract::Json(req): crate::extract::Json<ReplayRequest>,
) -> ApiResult<Json<ReplayView>> {
    let corrections: Vec<(String, String)> = req.set.into_iter().collect();
    let out = services::quarantine::replay(&s, &c.account.principal(), id, &corrections, rid.as_deref()).await?;
    Ok(Json(match out {
        ReplayOutcome::Staged { record_id } => {
            ReplayView { outcome: "staged".into(), record_id: Some(record_id), code: None, reason: None }
        }
        ReplayOutcome::StillQuarantined { error } => ReplayView {
            outcome: "still_quarantined".into(),
            record_id: None,
            code: Some(error.code),
            reason: Some(error.message),
        },
    }))
}

/// Why a row is discarded.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscardRequest {
    /// The officer's reason.
    pub reason: String,
}

/// Discards a quarantined row with a reason.
#[utoipa::path(post, path = "/api/intake/quarantine/{id}/discard", tag = "intake",
    params(("id" = Uuid, Path, description = "Quarantine id")), request_body = DiscardRequest,
    responses((status = 200, body = QuarantineView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn quarantine_discard(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    crate::extract::Json(req): crate::extract::Json<DiscardRequest>,
) -> ApiResult<Json<QuarantineView>> {
    let item = services::quarantine::discard(&s, &c.account.principal(), id, &req.reason, rid.as_deref()).await?;
    Ok(Json(item.into()))
}
