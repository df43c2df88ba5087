//! Merging two persons into one, and undoing it, with the full history kept.
//!
//! A merge appends one event to the survivor: a [`Change::Merged`] marker followed by the merged
//! person's facts (their registration becomes another writing of the name; status changes and
//! markers are left out; writings, documents and contacts the survivor holds are not repeated).
//! The merged person gets a [`Change::MergedInto`] marker, keeps its own history, stops being
//! found (its index rows go) and its id redirects to the survivor. Staged records linked to it
//! are re-pointed to the survivor.
//!
//! Undoing appends [`Change::MergeUndone`] to both. The survivor's profile is folded again from
//! its whole history, in which the merge event now counts as empty, so both persons are back to
//! their own facts (and whatever was recorded on each since). Staged records whose events live
//! in the merged person's history are re-pointed back. The merge row stays, `undone`: the
//! stored decision that the pair is two persons. Both operations are one transaction each, with
//! their audit entries.

use chrono::{DateTime, Utc};
use domain::event::{Actor, Change, PersonEvent, SourceAgency};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::audit::{self, AuditEntry};
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError};
use crate::persons::Provenance;

/// A merge of two persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeRecord {
    /// Merge id.
    pub id: Uuid,
    /// The person that remains.
    pub survivor_id: Uuid,
    /// The person merged in (redirects to the survivor while the merge is active).
    pub merged_id: Uuid,
    /// The officer's reason.
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

/// The survivor's changes for the merged person's history.
fn merged_changes(history: &[PersonEvent], survivor: &domain::person::PersonProfile) -> Vec<Change> {
    let mut out = Vec::new();
    let mut names = survivor.names.clone();
    let numbers: Vec<String> =
        survivor.documents.iter().map(|d| domain::validate::document::lookup_form(&d.number)).collect();
    for c in history.iter().flat_map(|e| &e.changes) {
        match c {
            Change::Registered { name, .. } | Change::NameAdded(name) => {
                if !names.contains(name) {
                    names.push(name.clone());
                    out.push(Change::NameAdded(name.clone()));
                }
            }
            Change::DocumentAdded(d) if numbers.contains(&domain::validate::document::lookup_form(&d.number)) => {}
            Change::ContactAdded(x) if survivor.contacts.iter().any(|s| s.value == x.value) => {}
            Change::StatusChanged(_)
            | Change::Merged { .. }
            | Change::MergedInto { .. }
            | Change::MergeUndone { .. } => {}
            Change::CoreCorrected { .. } => {}
            other => out.push(other.clone()),
        }
    }
    out
}

fn provenance(actor: &AuditEntry) -> Provenance {
    Provenance {
        source: SourceAgency::Registry,
        source_record: None,
        actor: Actor {
            account_id: actor.account_id,
            role: actor.role.as_deref().and_then(domain::access::Role::from_code),
        },
        at: Utc::now(),
    }
}

impl Store {
    /// Where a merged person's id points (`None` for a person that is not merged).
    pub async fn merged_into(&self, id: Uuid) -> Result<Option<Uuid>> {
        let row: Option<Option<Uuid>> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT merged_into FROM persons WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
        });
        row.ok_or(StoreError::NotFound("person"))
    }

    /// Merges `merged` into `survivor` (see the module documentation).
    #[tracing::instrument(skip(self, reason, audit_entry))]
    pub async fn merge_persons(
        &self,
        survivor: Uuid,
        merged: Uuid,
        reason: &str,
        audit_entry: AuditEntry,
    ) -> Result<MergeRecord> {
        if survivor == merged {
            return Err(StoreError::Conflict("a person cannot be merged with itself".into()));
        }
        for id in [survivor, merged] {
            if let Some(to) = self.merged_into(id).await? {
                return Err(StoreError::Conflict(format!("person {id} is merged into {to} already")));
            }
        }
        let history = self.history(merged, 0, i64::MAX / 2).await?.items;
        let target = self.get_person(survivor).await?;
        let merge_id = Uuid::now_v7();
        let mut changes = vec![Change::Merged { merge_id, from: merged, reason: reason.into() }];
        changes.extend(merged_changes(&history, &target));
        let prov = provenance(&audit_entry);
        let mut tx = self.db.begin().await?;
        self.append_in(&mut tx, survivor, Some(target.version), changes, prov.clone(), None).await?;
        let marker = Change::MergedInto { merge_id, into: survivor, reason: reason.into() };
        let expected = history.last().map(|e| e.seq);
        self.append_in(&mut tx, merged, expected, vec![marker], prov, None).await?;
        self.delete_derived(&mut tx, merged).await?;
        let now = Utc::now();
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE persons SET merged_into = $1 WHERE id = $2").bind(survivor).bind(merged).execute(&mut **t).await?);
        dispatch!(exec &mut tx, t => sqlx::query("INSERT INTO person_merges (id, survivor_id, merged_id, reason, account_id, merged_at, state) VALUES ($1, $2, $3, $4, $5, $6, 'active')")
            .bind(merge_id).bind(survivor).bind(merged).bind(reason).bind(audit_entry.account_id).bind(now)
            .execute(&mut **t).await?);
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_records SET person_id = $1 WHERE person_id = $2")
            .bind(survivor).bind(merged)
            .execute(&mut **t).await?);
        // A re-link's proposal for this pair is settled by the merge.
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE merge_proposals SET state = 'merged' WHERE state = 'open' AND ((person_a = $1 AND person_b = $2) OR (person_a = $2 AND person_b = $1))")
            .bind(survivor).bind(merged)
            .execute(&mut **t).await?);
        let detail = format!("merge {merge_id}: {merged} into {survivor}: {reason}");
        let entries = [survivor, merged].map(|id| AuditEntry {
            person_id: Some(id),
            detail: detail.clone(),
            ..audit_entry.about(id)
        });
        audit::append(&mut tx, self.sealer(), &entries).await?;
        tx.commit().await?;
        self.merge(merge_id).await
    }

    /// Undoes an active merge (see the module documentation).
    #[tracing::instrument(skip(self, reason, audit_entry))]
    pub async fn unmerge(&self, merge_id: Uuid, reason: &str, audit_entry: AuditEntry) -> Result<MergeRecord> {
        let m = self.merge(merge_id).await?;
        if m.state != "active" {
            return Err(StoreError::Conflict(format!("merge {merge_id} is {} already", m.state)));
        }
        let history = self.history(m.survivor_id, 0, i64::MAX / 2).await?.items;
        let merged_last = self.history(m.merged_id, 0, i64::MAX / 2).await?.items.last().map(|e| e.seq);
        let prov = provenance(&audit_entry);
        let undo = |other| Change::MergeUndone { merge_id, other, reason: reason.into() };
        let mut tx = self.db.begin().await?;
        let last = history.last().map(|e| e.seq);
        self.append_in(&mut tx, m.survivor_id, last, vec![undo(m.merged_id)], prov.clone(), Some(&history))
            .await
            .map_err(|e| match e {
                StoreError::Invalid(v) => StoreError::Conflict(format!(
                    "facts recorded on the survivor since the merge refer to the merged person's facts: {v}"
                )),
                e => e,
            })?;
        // Appending re-derives the merged person's index rows: it is found again.
        self.append_in(&mut tx, m.merged_id, merged_last, vec![undo(m.survivor_id)], prov, None).await?;
        let now = Utc::now();
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE persons SET merged_into = NULL WHERE id = $1").bind(m.merged_id).execute(&mut **t).await?);
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE person_merges SET state = 'undone', undone_at = $1, undo_reason = $2 WHERE id = $3")
            .bind(now).bind(reason).bind(merge_id).execute(&mut **t).await?);
        repoint_back(&mut tx, m.survivor_id, m.merged_id).await?;
        let detail = format!("unmerge {merge_id}: {} from {}: {reason}", m.merged_id, m.survivor_id);
        let entries = [m.survivor_id, m.merged_id].map(|id| AuditEntry {
            person_id: Some(id),
            detail: detail.clone(),
            ..audit_entry.about(id)
        });
        audit::append(&mut tx, self.sealer(), &entries).await?;
        tx.commit().await?;
        self.merge(merge_id).await
    }

    /// One merge.
    pub async fn merge(&self, id: Uuid) -> Result<MergeRecord> {
        let row = dispatch!(read &self.db, p => {
            sqlx::query("SELECT id, survivor_id, merged_id, reason, merged_at, state, undone_at, undo_reason FROM person_merges WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?
                .map(|r| -> std::result::Result<MergeRecord, sqlx::Error> {
                    Ok(MergeRecord {
                        id: r.try_get(0)?,
                        survivor_id: r.try_get(1)?,
                        merged_id: r.try_get(2)?,
                        reason: r.try_get(3)?,
                        merged_at: r.try_get(4)?,
                        state: r.try_get(5)?,
                        undone_at: r.try_get(6)?,
                        undo_reason: r.try_get(7)?,
                    })
                })
                .transpose()?
        });
        row.ok_or(StoreError::NotFound("merge"))
    }

    /// True when a merge of the two persons (either way round) was undone: the stored decision
    /// that they are two persons, which a batch re-link must not propose again.
    pub async fn pair_was_unmerged(&self, a: Uuid, b: Uuid) -> Result<bool> {
        let n: i64 = dispatch!(read &self.db, p => {
            sqlx::query("SELECT COUNT(*) FROM person_merges WHERE state = 'undone' AND ((survivor_id = $1 AND merged_id = $2) OR (survivor_id = $2 AND merged_id = $1))")
                .bind(a).bind(b).fetch_one(p).await?.try_get(0)?
        });
        Ok(n > 0)
    }
}

/// Staged records whose event lives in the merged person's history go back to it.
async fn repoint_back(tx: &mut Tx, survivor: Uuid, merged: Uuid) -> Result<()> {
    let records: Vec<(String, String)> = dispatch!(tx tx, t => {
        sqlx::query("SELECT source, source_record FROM person_events WHERE person_id = $1 AND source_record IS NOT NULL")
            .bind(merged)
            .fetch_all(&mut **t)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<std::result::Result<_, sqlx::Error>>()?
    });
    for (source, record) in records {
        dispatch!(exec tx, t => sqlx::query("UPDATE intake_records SET person_id = $1 WHERE source = $2 AND record_id = $3 AND person_id = $4")
            .bind(merged).bind(&source).bind(&record).bind(survivor)
            .execute(&mut **t).await?);
    }
    Ok(())
}
