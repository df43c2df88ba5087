//! The full batch re-link of a region (`rosmigration relink`): every person's linkage rows
//! through the batch linker, the fitted model kept as the region's own (the resolver scores with
//! it from then on), and pairs of existing persons the batch run puts in one cluster proposed
//! for merging. Existing persons are never merged automatically: an officer decides, and a pair
//! whose merge was undone is not proposed again.

use std::collections::BTreeMap;

use chrono::Utc;
use linkage::link::{self, Mapping, Options, Progress, Snapshot, Table};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::audit::AuditEntry;
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::status::today;

/// What a re-link did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RelinkReport {
    /// Persons read (merged ones are left out).
    pub persons: u64,
    /// Linkage rows compared (writings × documents × phones).
    pub rows: u64,
    /// Clusters holding more than one person.
    pub multi_person_clusters: u64,
    /// New merge proposals.
    pub proposals: u64,
    /// Pairs not proposed because their merge was undone before.
    pub skipped_unmerged: u64,
    /// The linker's report (counts, model, timings).
    pub summary: String,
}

/// A pair of persons a batch re-link found to be one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeProposal {
    /// Proposal id.
    pub id: Uuid,
    /// One person.
    pub person_a: Uuid,
    /// The other.
    pub person_b: Uuid,
    /// `open`, `merged` or `rejected`.
    pub state: String,
}

impl Store {
    /// Re-links the whole region (see the module documentation); `page` persons are read at a
    /// time.
    pub async fn relink(&self, options: &Options, page: i64, progress: &dyn Progress) -> Result<RelinkReport> {
        let mapping = Mapping::default_fields();
        let fields: Vec<String> = mapping.fields.iter().map(|f| f.name.clone()).collect();
        let mut table = Table::new(fields.len());
        let mut owner: Vec<Uuid> = Vec::new();
        let mut report = RelinkReport::default();
        let on = today();
        let mut after = Uuid::nil();
        loop {
            let profiles = self.live_profiles_after(after, page).await?;
            let Some(last) = profiles.last().map(|p| p.id) else { break };
            for p in &profiles {
                let n = crate::resolve::rows::push_profile(&mut table, &fields, p, on);
                owner.extend(std::iter::repeat_n(p.id, n));
            }
            report.persons += profiles.len() as u64;
            after = last;
        }
        report.rows = table.len() as u64;
        if table.len() < 2 {
            return Ok(report);
        }
        let outcome = link::link(&table, &mapping, &[], options, progress)
            .map_err(|e| StoreError::Corrupt(format!("batch re-link: {e}")))?;
        report.summary = outcome.summary.to_string();
        let mut clusters: BTreeMap<usize, Vec<Uuid>> = BTreeMap::new();
        for (row, &c) in outcome.cluster.iter().enumerate() {
            let persons = clusters.entry(c).or_default();
            if !persons.contains(&owner[row]) {
                persons.push(owner[row]);
            }
        }
        let mut pairs: Vec<(Uuid, Uuid)> = Vec::new();
        for persons in clusters.values().filter(|p| p.len() > 1) {
            report.multi_person_clusters += 1;
            for other in &persons[1..] {
                let (a, b) = (persons[0].min(*other), persons[0].max(*other));
                if self.pair_was_unmerged(a, b).await? {
                    report.skipped_unmerged += 1;
                } else {
                    pairs.push((a, b));
                }
            }
        }
        let mut tx = self.db.begin().await?;
        let now = Utc::now();
        let json = serde_json::to_string(&outcome.snapshot).expect("serialisable");
        dispatch!(exec &mut tx, t => sqlx::query("INSERT INTO linkage_models (id, created_at, records, model) VALUES ($1, $2, $3, $4)")
            .bind(Uuid::now_v7()).bind(now).bind(report.rows as i64).bind(&json)
            .execute(&mut **t).await?);
        for (a, b) in pairs {
            report.proposals += dispatch!(tx &mut tx, t => sqlx::query("INSERT INTO merge_proposals (id, person_a, person_b, created_at, state) VALUES ($1, $2, $3, $4, 'open') ON CONFLICT (person_a, person_b) DO NOTHING")
                .bind(Uuid::now_v7()).bind(a).bind(b).bind(now)
                .execute(&mut **t).await?.rows_affected());
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The region's own model from its latest re-link, if any.
    pub async fn region_model(&self) -> Result<Option<Snapshot>> {
        let json: Option<String> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT model FROM linkage_models ORDER BY created_at DESC, id DESC LIMIT 1")
                .fetch_optional(p)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
        });
        json.map(|j| serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("stored linkage model: {e}"))))
            .transpose()
    }

    /// Open merge proposals, oldest first.
    pub async fn merge_proposals(&self, limit: i64) -> Result<Vec<MergeProposal>> {
        Ok(dispatch!(read &self.db, p => {
            sqlx::query("SELECT id, person_a, person_b, state FROM merge_proposals WHERE state = 'open' ORDER BY id LIMIT $1")
                .bind(limit)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok(MergeProposal { id: r.try_get(0)?, person_a: r.try_get(1)?, person_b: r.try_get(2)?, state: r.try_get(3)? }))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        }))
    }

    /// One merge proposal.
    pub async fn merge_proposal(&self, id: Uuid) -> Result<MergeProposal> {
        dispatch!(read &self.db, p => {
            sqlx::query("SELECT id, person_a, person_b, state FROM merge_proposals WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?
                .map(|r| Ok::<_, sqlx::Error>(MergeProposal { id: r.try_get(0)?, person_a: r.try_get(1)?, person_b: r.try_get(2)?, state: r.try_get(3)? }))
                .transpose()?
        })
        .ok_or(StoreError::NotFound("merge proposal"))
    }

    /// An officer decides the pair of a proposal are two persons: the proposal is closed (a
    /// re-link does not propose the pair again: the pair is unique), with the reason audited
    /// for both persons. Merging the pair (`merge_persons`) closes it as `merged` instead.
    pub async fn reject_merge_proposal(
        &self,
        id: Uuid,
        reason: &str,
        audit_entry: AuditEntry,
    ) -> Result<MergeProposal> {
        let proposal = self.merge_proposal(id).await?;
        let mut tx = self.db.begin().await?;
        let n = dispatch!(tx &mut tx, t => {
            sqlx::query("UPDATE merge_proposals SET state = 'rejected' WHERE id = $1 AND state = 'open'")
                .bind(id)
                .execute(&mut **t)
                .await?
                .rows_affected()
        });
        if n != 1 {
            return Err(StoreError::Conflict(format!("the proposal is {} already", proposal.state)));
        }
        let detail = format!("merge proposal {id} rejected: {reason}");
        let entries = [proposal.person_a, proposal.person_b].map(|p| AuditEntry {
            person_id: Some(p),
            detail: detail.clone(),
            ..audit_entry.about(p)
        });
        crate::audit::append(&mut tx, self.sealer(), &entries).await?;
        tx.commit().await?;
        Ok(MergeProposal { state: "rejected".into(), ..proposal })
    }
}
