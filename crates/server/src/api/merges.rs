//! Merging two persons into one and undoing it (migration officers). Both keep the full
//! history; see `store::merge`. The merged id redirects: `GET /api/persons/{id}` answers 301
//! with the survivor's location while the merge is active.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use chrono::{DateTime, Utc};
use domain::access::{Action, authorize};
use serde::{Deserialize, Serialize};
use store::merge::MergeRecord;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::{Json, Path, RequestId};
use crate::services;

/// Merge routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/persons/{id}/merge", post(merge))
        .route("/api/merges/{id}", get(get_one))
        .route("/api/merges/{id}/unmerge", post(unmerge))
        .route("/api/merge-proposals", get(proposals))
        .route("/api/merge-proposals/{id}/reject", post(reject_proposal))
}

/// A pair of existing persons that a region's batch re-link (`rosmigration relink`) found to be
/// one: for an officer to merge (`POST /api/persons/{person_a}/merge`) or reject. Ids only: an
/// officer opens both persons (a logged read) to decide.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalOut {
    /// Proposal id.
    pub id: Uuid,
    /// One person.
    pub person_a: Uuid,
    /// The other.
    pub person_b: Uuid,
    /// `open`, `merged` or `rejected`.
    pub state: String,
}

impl From<store::relink::MergeProposal> for ProposalOut {
    fn from(p: store::relink::MergeProposal) -> Self {
        ProposalOut { id: p.id, person_a: p.person_a, person_b: p.person_b, state: p.state }
    }
}

/// Open merge proposals of the last re-links, oldest first (at most 500).
#[utoipa::path(get, path = "/api/merge-proposals", tag = "persons",
    responses((status = 200, body = Vec<ProposalOut>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn proposals(State(s): State<AppState>, c: Caller) -> ApiResult<JsonOut<Vec<ProposalOut>>> {
    let list = services::merges::proposals(&s, &c.account.principal(), 500).await?;
    Ok(JsonOut(list.into_iter().map(Into::into).collect()))
}

/// The two persons of a proposal are two persons: the proposal is closed and not made again.
/// Audited for both persons.
#[utoipa::path(post, path = "/api/merge-proposals/{id}/reject", tag = "persons", params(("id" = Uuid, Path)), request_body = UnmergeIn,
    responses((status = 200, body = ProposalOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn reject_proposal(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<UnmergeIn>,
) -> ApiResult<JsonOut<ProposalOut>> {
    let out = services::merges::reject(&s, &c.account.principal(), id, &input.reason, rid.as_deref()).await?;
    Ok(JsonOut(out.into()))
}

/// A merge.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MergeOut {
    /// Merge id.
    pub id: Uuid,
    /// The person that remains.
    pub survivor_id: Uuid,
    /// The person merged in.
    pub merged_id: Uuid,
    /// Why.
    pub reason: String,
    /// When.
    pub merged_at: DateTime<Utc>,
    /// `active` or `undone`.
    pub state: String,
    /// When it was undone.
    pub undone_at: Option<DateTime<Utc>>,
    /// Why it was undone.
    pub undo_reason: Option<String>,
}

impl From<MergeRecord> for MergeOut {
    fn from(m: MergeRecord) -> Self {
        MergeOut {
            id: m.id,
            survivor_id: m.survivor_id,
            merged_id: m.merged_id,
            reason: m.reason,
            merged_at: m.merged_at,
            state: m.state,
            undone_at: m.undone_at,
            undo_reason: m.undo_reason,
        }
    }
}

/// Merge request: the person to merge into the one in the path.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    /// The person merged in (its id will redirect to the survivor).
    pub other: Uuid,
    /// Why they are one person.
    pub reason: String,
}

/// Unmerge (or proposal rejection) request.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnmergeIn {
    /// Why they are two persons.
    pub reason: String,
}

/// Merges `other` into the person `id`: its facts join with provenance, its id redirects, its
/// staged records are re-pointed. Audited for both persons.
#[utoipa::path(post, path = "/api/persons/{id}/merge", tag = "persons", params(("id" = Uuid, Path)), request_body = MergeIn,
    responses((status = 201, body = MergeOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn merge(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<MergeIn>,
) -> ApiResult<(axum::http::StatusCode, JsonOut<MergeOut>)> {
    let m = services::merges::merge(&s, &c.account.principal(), id, input.other, &input.reason, rid.as_deref()).await?;
    Ok((axum::http::StatusCode::CREATED, JsonOut(m.into())))
}

/// One merge.
#[utoipa::path(get, path = "/api/merges/{id}", tag = "persons", params(("id" = Uuid, Path)),
    responses((status = 200, body = MergeOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_one(State(s): State<AppState>, c: Caller, Path(id): Path<Uuid>) -> ApiResult<JsonOut<MergeOut>> {
    authorize(c.account.principal().role, Action::MergePersons)?;
    Ok(JsonOut(s.store.merge(id).await?.into()))
}

/// Undoes a merge: both persons are restored to their own facts and records. Audited for both.
#[utoipa::path(post, path = "/api/merges/{id}/unmerge", tag = "persons", params(("id" = Uuid, Path)), request_body = UnmergeIn,
    responses((status = 200, body = MergeOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn unmerge(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<UnmergeIn>,
) -> ApiResult<JsonOut<MergeOut>> {
    let m = services::merges::unmerge(&s, &c.account.principal(), id, &input.reason, rid.as_deref()).await?;
    Ok(JsonOut(m.into()))
}
