//! The review queue: staged records the resolver could not decide, each with a candidate
//! person, the score and the per-field evidence; and officers' decisions on them, which every
//! later resolver run follows.

use chrono::{DateTime, Utc};
use domain::event::SourceAgency;
use linkage::link::Evidence;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use super::{Decision, Resolution};
use crate::audit::{self, AuditEntry};
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::{Page, Store};

/// One open question: is the staged record about this person?
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
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
    /// Per field: level and weight.
    pub evidence: Vec<Evidence>,
    /// `open`, `decided` (an officer answered) or `closed` (the record was linked otherwise).
    pub state: String,
    /// When the resolver opened it.
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, source, record_id, person_id, weight, probability, evidence, state, created_at";

fn item_of<R: Row>(r: &R) -> std::result::Result<(ReviewItem, String), sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> Uuid: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> f64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> DateTime<Utc>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let evidence: String = r.try_get("evidence")?;
    Ok((
        ReviewItem {
            id: r.try_get("id")?,
            source: r.try_get("source")?,
            record_id: r.try_get("record_id")?,
            person_id: r.try_get("person_id")?,
            weight: r.try_get("weight")?,
            probability: r.try_get("probability")?,
            evidence: Vec::new(),
            state: r.try_get("state")?,
            created_at: r.try_get("created_at")?,
        },
        evidence,
    ))
}

fn with_evidence((mut item, json): (ReviewItem, String)) -> Result<ReviewItem> {
    item.evidence =
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("review item {}: {e}", item.id)))?;
    Ok(item)
}

impl Store {
    /// Open review items, oldest first, keyset-paginated by id.
    pub async fn review_items(&self, after: Option<Uuid>, limit: i64) -> Result<Page<ReviewItem>> {
        let sql = format!("SELECT {COLUMNS} FROM review_items WHERE state = 'open' AND id > $1 ORDER BY id LIMIT $2");
        let rows: Vec<(ReviewItem, String)> = dispatch!(read &self.db, p => {
            sqlx::query(&sql)
                .bind(after.unwrap_or(Uuid::nil()))
                .bind(limit + 1)
                .fetch_all(p)
                .await?
                .iter()
                .map(item_of)
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        let more = rows.len() as i64 > limit;
        let items: Vec<ReviewItem> = rows.into_iter().take(limit as usize).map(with_evidence).collect::<Result<_>>()?;
        let next_cursor = if more { items.last().map(|i| i.id.to_string()) } else { None };
        Ok(Page { items, next_cursor })
    }

    /// One review item, in any state.
    pub async fn review_item(&self, id: Uuid) -> Result<ReviewItem> {
        let sql = format!("SELECT {COLUMNS} FROM review_items WHERE id = $1");
        let row: Option<(ReviewItem, String)> = dispatch!(read &self.db, p => {
            sqlx::query(&sql).bind(id).fetch_optional(p).await?.as_ref().map(item_of).transpose()?
        });
        with_evidence(row.ok_or(StoreError::NotFound("review item"))?)
    }

    /// Records an officer's decision on an open item (with its audit entry, in one
    /// transaction) and resolves the record again, which follows it: `same_person` links the
    /// record to the item's person; `different_persons` removes that person from its candidates
    /// for good.
    pub async fn decide_review(
        &self,
        id: Uuid,
        decision: Decision,
        reason: &str,
        audit_entry: AuditEntry,
    ) -> Result<Resolution> {
        let item = self.review_item(id).await?;
        if item.state != "open" {
            return Err(StoreError::Conflict(format!("the review item is {} already", item.state)));
        }
        let source = SourceAgency::from_code(&item.source)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown source {}", item.source)))?;
        let mut tx = self.db.begin().await?;
        let now = Utc::now();
        dispatch!(exec &mut tx, t => sqlx::query("INSERT INTO link_decisions (id, source, record_id, person_id, decision, reason, account_id, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source, record_id, person_id) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, account_id = excluded.account_id, decided_at = excluded.decided_at")
            .bind(Uuid::now_v7())
            .bind(&item.source)
            .bind(&item.record_id)
            .bind(item.person_id)
            .bind(decision.code())
            .bind(reason)
            .bind(audit_entry.account_id)
            .bind(now)
            .execute(&mut **t)
            .await?);
        let n = dispatch!(tx &mut tx, t => sqlx::query("UPDATE review_items SET state = 'decided', decided_at = $1 WHERE id = $2 AND state = 'open'")
            .bind(now)
            .bind(id)
            .execute(&mut **t)
            .await?
            .rows_affected());
        if n != 1 {
            return Err(StoreError::Conflict("the review item was decided meanwhile".into()));
        }
        let detail = format!("{} for {} record {}: {reason}", decision.code(), item.source, item.record_id);
        audit::append(&mut tx, self.sealer(), &[AuditEntry { person_id: Some(item.person_id), detail, ..audit_entry }])
            .await?;
        tx.commit().await?;
        self.resolve_record(source, &item.record_id).await
    }

    /// Closes the open items of a record that was linked (to whichever person).
    pub(crate) async fn close_review_items(&self, source: &str, record_id: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE review_items SET state = 'closed', decided_at = $1 WHERE source = $2 AND record_id = $3 AND state = 'open'")
            .bind(Utc::now())
            .bind(source)
            .bind(record_id)
            .execute(&mut **t)
            .await?);
        tx.commit().await?;
        Ok(())
    }
}
