//! Aggregates for analysts, the audit verification endpoint, and the outbox's delivery counts
//! for the operator.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use domain::access::{AccessReason, Action, authorize};
use serde::Serialize;

use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::RequestId;
use crate::registry::entry;

/// All routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/stats/overview", get(overview))
        .route("/api/audit/verify", post(verify_audit))
        .route("/api/notifications/status", get(outbox_status))
}

/// A count, suppressed below the disclosure threshold.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CellView {
    /// Group.
    pub key: String,
    /// Count, or null when below 5.
    pub count: Option<i64>,
}

/// Registry totals.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OverviewView {
    /// Persons.
    pub total: i64,
    /// By citizenship.
    pub by_citizenship: Vec<CellView>,
    /// By district.
    pub by_district: Vec<CellView>,
    /// By sex.
    pub by_sex: Vec<CellView>,
}

/// Counts by citizenship, district and sex, with small cells suppressed.
#[utoipa::path(get, path = "/api/stats/overview", tag = "analytics", responses((status = 200, body = OverviewView), (status = 403, body = Problem)))]
pub async fn overview(State(s): State<AppState>, c: Caller) -> ApiResult<JsonOut<OverviewView>> {
    authorize(c.account.role, Action::ViewAggregates)?;
    let o = s.store.overview().await?;
    let conv = |v: Vec<store::stats::Cell>| v.into_iter().map(|c| CellView { key: c.key, count: c.count }).collect();
    Ok(JsonOut(OverviewView {
        total: o.total,
        by_citizenship: conv(o.by_citizenship),
        by_district: conv(o.by_district),
        by_sex: conv(o.by_sex),
    }))
}

/// The result of an audit-chain check.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VerifyView {
    /// True when intact.
    pub ok: bool,
    /// Entries checked.
    pub entries: i64,
    /// Head position.
    pub head_position: i64,
    /// Head hash (hex) — record it elsewhere to anchor the log.
    pub head_hash: String,
    /// Problems found.
    pub problems: Vec<String>,
}

/// Verifies the audit log's hash chain (administrators).
#[utoipa::path(post, path = "/api/audit/verify", tag = "audit", responses((status = 200, body = VerifyView), (status = 403, body = Problem)))]
pub async fn verify_audit(State(s): State<AppState>, c: Caller, rid: RequestId) -> ApiResult<JsonOut<VerifyView>> {
    let p = c.account.principal();
    authorize(p.role, Action::VerifyAudit)?;
    let r = s.store.verify_audit().await?;
    s.audit
        .record(vec![entry(
            &p,
            "audit.verify",
            &AccessReason { purpose: "audit oversight".into(), ..Default::default() },
            rid.as_deref(),
        )])
        .await?;
    Ok(JsonOut(VerifyView {
        ok: r.ok(),
        entries: r.entries,
        head_position: r.head_position,
        head_hash: r.head_hash,
        problems: r.problems,
    }))
}

/// Messages of one channel in one state.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OutboxCountView {
    /// email | sms | cabinet.
    pub channel: String,
    /// pending | sent | failed.
    pub state: String,
    /// How many.
    pub count: i64,
    /// When the oldest of them was queued: for `pending`, how long the backlog has waited.
    pub oldest: Option<chrono::DateTime<chrono::Utc>>,
}

/// The outbox per channel and state (administrators): whether messages are going out, and how
/// long the oldest waiting one has waited. Counts only: no content, no addresses.
#[utoipa::path(get, path = "/api/notifications/status", tag = "operations",
    responses((status = 200, body = Vec<OutboxCountView>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn outbox_status(State(s): State<AppState>, c: Caller) -> ApiResult<JsonOut<Vec<OutboxCountView>>> {
    authorize(c.account.role, Action::ViewOutbox)?;
    let counts = s.store.notification_counts().await?;
    Ok(JsonOut(
        counts
            .into_iter()
            .map(|c| OutboxCountView { channel: c.channel, state: c.state, count: c.count, oldest: c.oldest })
            .collect(),
    ))
}
