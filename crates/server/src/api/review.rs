//! `/api/review`: the linkage review queue. A staged agency record the resolver could not
//! decide, beside the candidate person, with the score and the evidence per field; an
//! officer's decision (`same_person` / `different_persons`) is stored and followed by every
//! later resolver run. Migration officers only; every view and decision is audited.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json as JsonOut, Router};
use chrono::{DateTime, Utc};
use domain::person::{ContactValue, PersonProfile};
use serde::{Deserialize, Serialize};
use store::resolve::review::ReviewItem;
use store::resolve::{Decision, Resolution};
use uuid::Uuid;

use crate::api::{PageParams, page_limit, uuid_cursor};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::{Json, Path, Query, RequestId};
use crate::registry::ReasonParams;
use crate::services;

/// Review routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/review", get(list))
        .route("/api/review/{id}", get(get_one))
        .route("/api/review/{id}/decision", post(decide))
}

/// One field's part of the score.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EvidenceOut {
    /// Field (`surname`, `date_of_birth`, ...).
    pub field: String,
    /// Agreement level (`exact`, `jw>=0.94`, `one digit`, `null`, ...).
    pub level: String,
    /// Weight it adds (log2 odds).
    pub weight: f64,
}

/// A review item without personal data.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewItemOut {
    /// Item id.
    pub id: Uuid,
    /// Source agency of the staged record.
    pub source: String,
    /// The agency's record id.
    pub record_id: String,
    /// The candidate person.
    pub person_id: Uuid,
    /// Match weight (log2 odds).
    pub weight: f64,
    /// Posterior match probability.
    pub probability: f64,
    /// `open`, `decided` or `closed`.
    pub state: String,
    /// When the resolver opened it.
    pub created_at: DateTime<Utc>,
    /// Per field: level and weight.
    pub evidence: Vec<EvidenceOut>,
}

impl From<ReviewItem> for ReviewItemOut {
    fn from(i: ReviewItem) -> Self {
        ReviewItemOut {
            id: i.id,
            source: i.source,
            record_id: i.record_id,
            person_id: i.person_id,
            weight: i.weight,
            probability: i.probability,
            state: i.state,
            created_at: i.created_at,
            evidence: i
                .evidence
                .into_iter()
                .map(|e| EvidenceOut { field: e.field, level: e.level, weight: e.weight })
                .collect(),
        }
    }
}

/// A page of open review items.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewPage {
    /// Items, oldest first.
    pub items: Vec<ReviewItemOut>,
    /// Cursor of the next page.
    pub next_cursor: Option<String>,
}

/// The candidate person's fields that linkage compares.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PersonSide {
    /// Registry id.
    pub id: Uuid,
    /// Every writing of the name.
    #[schema(value_type = Vec<Object>)]
    pub names: Vec<domain::names::NameVariant>,
    /// Date of birth.
    pub birth_date: String,
    /// Sex code.
    pub sex: String,
    /// Citizenship (alpha-3).
    pub citizenship: String,
    /// Valid document numbers.
    pub documents: Vec<String>,
    /// Phones.
    pub phones: Vec<String>,
    /// Address of the current (or last) stay.
    pub address: Option<String>,
}

impl PersonSide {
    fn of(p: &PersonProfile) -> PersonSide {
        let today = domain::clock::today();
        PersonSide {
            id: p.id,
            names: p.names.clone(),
            birth_date: p.birth_date.to_string(),
            sex: p.sex.code().into(),
            citizenship: p.citizenship.as_str().into(),
            documents: p.documents.iter().filter(|d| d.invalidated.is_none()).map(|d| d.number.clone()).collect(),
            phones: p
                .contacts
                .iter()
                .filter_map(|c| match &c.value {
                    ContactValue::Phone(x) => Some(x.as_str().to_owned()),
                    ContactValue::Email(_) => None,
                })
                .collect(),
            address: p.stay_on(today).or(p.stays.last()).map(|s| s.address.line()),
        }
    }
}

/// One item with both sides.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewDetail {
    /// The item: score and evidence.
    pub item: ReviewItemOut,
    /// The staged record as the agency sent it (subject and fact).
    #[schema(value_type = Object)]
    pub record: intake::record::IntakeRecord,
    /// The staged record's state.
    pub record_state: String,
    /// The candidate person.
    pub person: PersonSide,
}

/// An officer's answer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    /// `same_person` or `different_persons`.
    #[schema(value_type = String)]
    pub decision: Decision,
    /// Why, in words (kept with the decision and in the audit log).
    pub reason: String,
}

/// What the decision led to: the record's new state.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DecisionOut {
    /// `linked` (with `person_id`), `review` (with `reason`) or `unchanged`.
    #[schema(value_type = Object)]
    pub resolution: Resolution,
}

/// Open review items, oldest first (no personal data: ids, scores, evidence).
#[utoipa::path(get, path = "/api/review", tag = "review", params(PageParams),
    responses((status = 200, body = ReviewPage), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Query(q): Query<PageParams>,
) -> ApiResult<JsonOut<ReviewPage>> {
    let p = c.account.principal();
    let page = services::review::list(&s, &p, uuid_cursor(&q.cursor)?, page_limit(q.limit)?, rid.as_deref()).await?;
    Ok(JsonOut(ReviewPage { items: page.items.into_iter().map(Into::into).collect(), next_cursor: page.next_cursor }))
}

/// One item: the staged record and the candidate person side by side, with the evidence. The
/// read of both is recorded with its purpose.
#[utoipa::path(get, path = "/api/review/{id}", tag = "review", params(("id" = Uuid, Path), ReasonParams),
    responses((status = 200, body = ReviewDetail), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_one(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Query(reason): Query<ReasonParams>,
) -> ApiResult<JsonOut<ReviewDetail>> {
    let d = services::review::detail(&s, &c.account.principal(), id, &reason, rid.as_deref()).await?;
    Ok(JsonOut(ReviewDetail {
        item: d.item.into(),
        record: d.record,
        record_state: d.record_state,
        person: PersonSide::of(&d.person),
    }))
}

/// Decides an open item; the record is resolved again at once and follows the decision
/// (`same_person` links it; `different_persons` never proposes that person again).
#[utoipa::path(post, path = "/api/review/{id}/decision", tag = "review", params(("id" = Uuid, Path)), request_body = DecisionIn,
    responses((status = 200, body = DecisionOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn decide(
    State(s): State<AppState>,
    c: Caller,
    rid: RequestId,
    Path(id): Path<Uuid>,
    Json(input): Json<DecisionIn>,
) -> ApiResult<JsonOut<DecisionOut>> {
    let p = c.account.principal();
    let resolution = services::review::decide(&s, &p, id, input.decision, &input.reason, rid.as_deref()).await?;
    Ok(JsonOut(DecisionOut { resolution }))
}
