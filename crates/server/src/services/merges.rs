//! Merging two persons into one, undoing it, and rejecting a merge proposal: each an officer's
//! decision with a reason, audited for both persons by the store.

use domain::access::{Action, Principal, authorize};
use store::merge::MergeRecord;
use store::relink::MergeProposal;
use uuid::Uuid;

use super::required_reason;
use crate::app::AppState;
use crate::error::ApiResult;
use crate::registry::{ReasonParams, entry};

/// The checks every merge decision makes: the role, the reason; and its audit entry.
fn decision(
    p: &Principal,
    reason: &str,
    action: &str,
    request_id: Option<&str>,
) -> ApiResult<(String, store::AuditEntry)> {
    authorize(p.role, Action::MergePersons)?;
    let text = required_reason(reason, 500)?;
    let audit_reason = ReasonParams::default().resolve(p.role)?;
    Ok((text, entry(p, action, &audit_reason, request_id)))
}

/// Open proposals of the last re-links, oldest first (ids only).
pub async fn proposals(s: &AppState, p: &Principal, limit: i64) -> ApiResult<Vec<MergeProposal>> {
    authorize(p.role, Action::MergePersons)?;
    Ok(s.store.merge_proposals(limit).await?)
}

/// Merges `other` into `id`.
pub async fn merge(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    other: Uuid,
    reason: &str,
    request_id: Option<&str>,
) -> ApiResult<MergeRecord> {
    let (text, e) = decision(p, reason, "person.merge", request_id)?;
    Ok(s.store.merge_persons(id, other, &text, e).await?)
}

/// Undoes a merge.
pub async fn unmerge(
    s: &AppState,
    p: &Principal,
    merge_id: Uuid,
    reason: &str,
    request_id: Option<&str>,
) -> ApiResult<MergeRecord> {
    let (text, e) = decision(p, reason, "person.unmerge", request_id)?;
    Ok(s.store.unmerge(merge_id, &text, e).await?)
}

/// Closes a proposal: the two are two persons.
pub async fn reject(
    s: &AppState,
    p: &Principal,
    proposal_id: Uuid,
    reason: &str,
    request_id: Option<&str>,
) -> ApiResult<MergeProposal> {
    let (text, e) = decision(p, reason, "person.merge_proposal.reject", request_id)?;
    Ok(s.store.reject_merge_proposal(proposal_id, &text, e).await?)
}
