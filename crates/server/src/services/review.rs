//! The linkage review queue: list, open an item (the staged record beside the candidate
//! person, a logged read of both), decide.

use domain::access::{Action, Principal, authorize};
use domain::event::SourceAgency;
use domain::person::PersonProfile;
use store::Page;
use store::resolve::review::ReviewItem;
use store::resolve::{Decision, Resolution};
use uuid::Uuid;

use super::required_reason;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::registry::{ReasonParams, entry};

/// An open item with what it compares.
pub struct ReviewDetail {
    /// The item: scores and evidence per field.
    pub item: ReviewItem,
    /// The staged agency record.
    pub record: intake::record::IntakeRecord,
    /// The record's state (`review`, `linked` …).
    pub record_state: String,
    /// The candidate person.
    pub person: PersonProfile,
}

/// Open items, oldest first (no personal data: ids, scores, evidence).
pub async fn list(
    s: &AppState,
    p: &Principal,
    after: Option<Uuid>,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<Page<ReviewItem>> {
    authorize(p.role, Action::ReviewLinks)?;
    let page = s.store.review_items(after, limit).await?;
    let reason = ReasonParams::default().resolve(p.role)?;
    s.audit.record(vec![entry(p, "review.list", &reason, request_id)]).await?;
    Ok(page)
}

/// One item: the read of both sides is recorded with its purpose.
pub async fn detail(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &ReasonParams,
    request_id: Option<&str>,
) -> ApiResult<ReviewDetail> {
    authorize(p.role, Action::ReviewLinks)?;
    let reason = reason.resolve(p.role)?;
    let item = s.store.review_item(id).await?;
    let source = SourceAgency::from_code(&item.source).ok_or(ApiError::NotFound("staged record"))?;
    let (record, record_state) = s.store.staged_record(source, &item.record_id).await?;
    let person = s.store.get_person(item.person_id).await?;
    let mut e = entry(p, "review.view", &reason, request_id);
    e.person_id = Some(item.person_id);
    e.detail = format!("review item {id}: {} record {}", item.source, item.record_id);
    s.audit.record(vec![e]).await?;
    Ok(ReviewDetail { item, record, record_state, person })
}

/// Decides an open item; the record is resolved again at once and follows the decision.
pub async fn decide(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    decision: Decision,
    reason: &str,
    request_id: Option<&str>,
) -> ApiResult<Resolution> {
    authorize(p.role, Action::ReviewLinks)?;
    let text = required_reason(reason, 500)?;
    let audit_reason = ReasonParams::default().resolve(p.role)?;
    let audit = entry(p, "review.decide", &audit_reason, request_id);
    Ok(s.store.decide_review(id, decision, &text, audit).await?)
}
