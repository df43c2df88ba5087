//! The quarantine of agency rows: list with filters, open one row as sent, correct and replay
//! it through its mapping, discard it with a reason. Every step is audited by the store.

use domain::access::{AccessReason, Action, Principal, authorize};
use intake::reader::{Position, RawRow};
use store::Page;
use store::intake::{QuarantineDetail, QuarantineFilter, QuarantineItem, ReplayOutcome};
use uuid::Uuid;

use super::required_reason;
use crate::app::AppState;
use crate::error::ApiResult;
use crate::registry::entry;

fn purpose(what: &str) -> AccessReason {
    AccessReason { purpose: format!("agency data intake: {what}"), ..Default::default() }
}

/// Rows matching the filter, newest first.
pub async fn list(
    s: &AppState,
    p: &Principal,
    f: &QuarantineFilter,
    after: Option<Uuid>,
    limit: i64,
    request_id: Option<&str>,
) -> ApiResult<Page<QuarantineItem>> {
    authorize(p.role, Action::ReviewQuarantine)?;
    Ok(s.store
        .quarantine_list(f, after, limit, entry(p, "intake.quarantine.list", &purpose("review"), request_id))
        .await?)
}

/// One row with its content as sent (personal data).
pub async fn show(s: &AppState, p: &Principal, id: Uuid, request_id: Option<&str>) -> ApiResult<QuarantineDetail> {
    authorize(p.role, Action::ReviewQuarantine)?;
    Ok(s.store.quarantine_show(id, entry(p, "intake.quarantine.show", &purpose("review"), request_id)).await?)
}

/// Corrects the named columns and replays the row through its shipped mapping; wakes the
/// resolver when the row is staged.
pub async fn replay(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    corrections: &[(String, String)],
    request_id: Option<&str>,
) -> ApiResult<ReplayOutcome> {
    authorize(p.role, Action::ReviewQuarantine)?;
    let today = store::status::today();
    let out = s
        .store
        .quarantine_replay(
            id,
            corrections,
            |mapping, raw| match intake::shipped::shipped(mapping) {
                Some(Ok(m)) => intake::Mapper::new(&m, today).map(&RawRow::from_pairs(Position::default(), raw.to_vec())),
                _ => Err(intake::RowError::new(
                    "mapping_unavailable",
                    "",
                    format!("the mapping {mapping} is not shipped with the server: replay with `rosmigration quarantine replay --mapping FILE`"),
                )),
            },
            entry(p, "intake.quarantine.replay", &purpose("correction"), request_id),
        )
        .await?;
    if matches!(out, ReplayOutcome::Staged { .. }) {
        s.resolver.wake();
    }
    Ok(out)
}

/// Discards a row with the officer's reason.
pub async fn discard(
    s: &AppState,
    p: &Principal,
    id: Uuid,
    reason: &str,
    request_id: Option<&str>,
) -> ApiResult<QuarantineItem> {
    authorize(p.role, Action::ReviewQuarantine)?;
    let text = required_reason(reason, 500)?;
    Ok(s.store
        .quarantine_discard(id, &text, entry(p, "intake.quarantine.discard", &purpose("discard"), request_id))
        .await?)
}
