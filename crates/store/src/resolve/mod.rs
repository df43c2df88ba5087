//! Linking staged agency records to the registry's persons (issue 4, parts 3-4).
//!
//! For each staged record (`intake_records`, state `pending`) the resolver:
//!
//! 1. follows an earlier result: an event already recorded for `(source, record_id)` (a crash
//!    after the write) or an officer's `same_person` decision links the record to that person;
//! 2. finds candidates through the blocking index `link_keys` (`keys`), skipping persons an
//!    officer declared `different_persons` for this record;
//! 3. scores the record against each candidate's linkage rows (every writing of the name with
//!    each document and phone, `rows`) with the region's model snapshot, keeping each person's
//!    best row;
//! 4. decides with the model's thresholds: one person at or above `link` → the record's fact is
//!    applied to that person (`apply`); nobody at or above `review` → a new person is
//!    registered when the subject has what registration needs; otherwise → `review`, with a
//!    review item per uncertain candidate (score and per-field evidence) for an officer.
//!
//! Applying is an event with provenance `source` + `source_record = record_id`; the unique
//! index on person events makes a repeated run a no-op. Every write is audited.

pub(crate) mod apply;
pub(crate) mod keys;
pub mod review;
pub(crate) mod rows;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::Utc;
use domain::event::{Actor, SourceAgency};
use domain::input::OrgRefs;
use domain::person::PersonProfile;
use intake::record::{IntakeRecord, Subject};
use linkage::link::{Score, Scorer, Snapshot, SnapshotError};
use linkage::name::Folder;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::audit::AuditEntry;
use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::intake::record_context;
use crate::persons::Provenance;
use crate::status::today;

/// The model used until a region's own batch run (`rosmigration relink`) replaces it: fitted on
/// generated Central Asian records (docs/LINKAGE.md says how it is regenerated).
const DEFAULT_MODEL: &str = include_str!("../../../../assets/linkage/model.json");

/// A link key shared by more persons than this is skipped (a common name on a common date).
const MAX_BLOCK: usize = 200;
/// Persons compared at most, those sharing the most keys first.
const MAX_CANDIDATES: usize = 64;
/// Review items per record at most.
const MAX_REVIEW_ITEMS: usize = 5;

/// The default model's scorer, parsed once per process.
pub fn default_scorer() -> Arc<Scorer> {
    static DEFAULT: OnceLock<Arc<Scorer>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let snapshot: Snapshot = serde_json::from_str(DEFAULT_MODEL).expect("the shipped model parses (tested)");
            Arc::new(Scorer::new(snapshot).expect("the shipped model is valid (tested)"))
        })
        .clone()
}

/// What happened to one staged record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Resolution {
    /// Linked to a person (`created`: a new person was registered for it).
    Linked {
        /// The person.
        person_id: Uuid,
        /// True when the person was registered from this record.
        created: bool,
    },
    /// Waits for an officer.
    Review {
        /// Why, in words (no personal data).
        reason: String,
    },
    /// The record was already resolved, or is not staged.
    Unchanged {
        /// Its current state.
        state: String,
    },
}

/// Counts of a [`Store::resolve_pending`] run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ResolveSummary {
    /// Records looked at.
    pub processed: u64,
    /// Linked to an existing person.
    pub linked: u64,
    /// Linked to a newly registered person.
    pub created: u64,
    /// Sent to review.
    pub review: u64,
    /// Left as they were (resolved meanwhile).
    pub unchanged: u64,
}

impl ResolveSummary {
    fn add(&mut self, r: &Resolution) {
        self.processed += 1;
        match r {
            Resolution::Linked { created: true, .. } => self.created += 1,
            Resolution::Linked { .. } => self.linked += 1,
            Resolution::Review { .. } => self.review += 1,
            Resolution::Unchanged { .. } => self.unchanged += 1,
        }
    }
}

/// A registry person scored against a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The person.
    pub person_id: Uuid,
    /// The best score over the person's linkage rows.
    pub score: Score,
}

/// An officer's decision on a record and a candidate person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The record is about this person: link it.
    SamePerson,
    /// The record is about someone else: never link it to this person.
    DifferentPersons,
}

impl Decision {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Decision::SamePerson => "same_person",
            Decision::DifferentPersons => "different_persons",
        }
    }
}

fn system_provenance(rec: &IntakeRecord) -> Provenance {
    Provenance {
        source: rec.source,
        source_record: Some(rec.record_id.clone()),
        actor: Actor::system(),
        at: Utc::now(),
    }
}

fn audit_entry(action: &str, rec: &IntakeRecord) -> AuditEntry {
    AuditEntry {
        purpose: "linking an agency record to the registry".into(),
        detail: format!("{} record {}", rec.source.code(), rec.record_id),
        ..AuditEntry::new(action)
    }
}

impl Store {
    /// The scorer the resolver uses (the region's model, or the shipped default).
    pub fn linkage_scorer(&self) -> Arc<Scorer> {
        self.linker.clone()
    }

    /// Replaces the linkage model (a region's own, from `rosmigration relink`).
    pub fn with_linkage_model(mut self, snapshot: Snapshot) -> std::result::Result<Self, SnapshotError> {
        self.linker = Arc::new(Scorer::new(snapshot)?);
        Ok(self)
    }

    /// Keyed digests of the link keys of `parts` (see `keys`).
    pub(crate) fn link_digests(&self, parts: &keys::KeyParts<'_>, folder: &mut Folder, query: bool) -> Vec<Vec<u8>> {
        parts.texts(folder, query).iter().map(|t| self.sealer().lookup_digest(keys::LOOKUP_LINK, t)).collect()
    }

    /// Stages records as `pending`, sealed, skipping ids already staged: the minimal staging
    /// path (tests, benchmarks). Imports stage through the intake module, which also keeps
    /// batches, content hashes of corrections and the quarantine.
    pub async fn stage_records(&self, records: &[IntakeRecord]) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let now = Utc::now();
        let mut n = 0;
        for rec in records {
            let (hash, payload) = self.seal_record(rec);
            n += dispatch!(tx &mut tx, t => {
                sqlx::query("INSERT INTO intake_records (source, record_id, batch_id, kind, received_at, content_hash, payload, state) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT (source, record_id) DO NOTHING")
                    .bind(rec.source.code())
                    .bind(&rec.record_id)
                    .bind(Uuid::nil())
                    .bind(rec.fact.code())
                    .bind(now)
                    .bind(&hash)
                    .bind(&payload)
                    .execute(&mut **t)
                    .await?
                    .rows_affected()
            });
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Resolves up to `limit` pending records, oldest first.
    #[tracing::instrument(skip(self))]
    pub async fn resolve_pending(&self, limit: i64) -> Result<ResolveSummary> {
        let ids: Vec<(String, String)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT source, record_id FROM intake_records WHERE state = 'pending' ORDER BY received_at, source, record_id LIMIT $1")
                .bind(limit)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        let mut summary = ResolveSummary::default();
        for (source, record_id) in ids {
            let source = SourceAgency::from_code(&source)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown source {source} in intake_records")))?;
            let r = self.resolve_record(source, &record_id).await?;
            summary.add(&r);
        }
        if summary.processed > 0 {
            tracing::info!(?summary, "resolved pending records");
        }
        Ok(summary)
    }

    /// The staged record `(source, record_id)`, opened, with its state.
    pub async fn staged_record(&self, source: SourceAgency, record_id: &str) -> Result<(IntakeRecord, String)> {
        let row: Option<(Vec<u8>, String)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT payload, state FROM intake_records WHERE source = $1 AND record_id = $2")
                .bind(source.code())
                .bind(record_id)
                .fetch_optional(p)
                .await?
                .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?)))
                .transpose()?
        });
        let (sealed, state) = row.ok_or(StoreError::NotFound("staged record"))?;
        let plain = self.sealer().open(&sealed, &record_context(source.code(), record_id))?;
        let rec = serde_json::from_slice(&plain)
            .map_err(|e| StoreError::Corrupt(format!("staged record {}/{record_id}: {e}", source.code())))?;
        Ok((rec, state))
    }

    /// Resolves one staged record that is `pending` or in `review` (see the module documentation).
    #[tracing::instrument(skip(self), fields(source = source.code()))]
    pub async fn resolve_record(&self, source: SourceAgency, record_id: &str) -> Result<Resolution> {
        let (rec, state) = self.staged_record(source, record_id).await?;
        if state != "pending" && state != "review" {
            return Ok(Resolution::Unchanged { state });
        }
        // An event already written for this record (a run that stopped before marking it).
        let mut tx = self.db.begin().await?;
        let done = self.person_for_source_record(&mut tx, rec.source, &rec.record_id).await?;
        drop(tx);
        if let Some(person_id) = done {
            self.mark(&rec, "linked", Some(person_id), None).await?;
            return Ok(Resolution::Linked { person_id, created: false });
        }
        let decisions = self.decisions_for(&rec).await?;
        if let Some((person_id, _)) = decisions.iter().find(|d| d.1 == Decision::SamePerson) {
            return self.link_to(&rec, *person_id).await;
        }
        let excluded: Vec<Uuid> = decisions.iter().map(|d| d.0).collect();
        let candidates = self.match_subject(&rec.subject, &excluded).await?;
        let t = self.linker.snapshot().thresholds;
        let sure: Vec<&Candidate> = candidates.iter().filter(|c| c.score.probability >= t.link).collect();
        if sure.len() == 1 {
            return self.link_to(&rec, sure[0].person_id).await;
        }
        let uncertain: Vec<&Candidate> =
            candidates.iter().filter(|c| c.score.probability >= t.review).take(MAX_REVIEW_ITEMS).collect();
        if uncertain.is_empty() {
            return self.register_from(&rec).await;
        }
        self.open_review_items(&rec, &uncertain).await?;
        let reason = if sure.len() > 1 {
            format!("{} registry persons match with certainty: an officer must choose", sure.len())
        } else {
            format!(
                "uncertain match (best probability {:.3}, link at {:.3}): {} candidate(s) for review",
                uncertain[0].score.probability,
                t.link,
                uncertain.len()
            )
        };
        self.mark(&rec, "review", None, Some(&reason)).await?;
        Ok(Resolution::Review { reason })
    }

    /// Registry persons that may be the subject, best first, scored with the region's model.
    pub async fn match_subject(&self, s: &Subject, excluded: &[Uuid]) -> Result<Vec<Candidate>> {
        let scorer = self.linker.clone();
        let phone = s.phone.as_ref().map(|p| p.as_str().to_owned());
        let parts = keys::KeyParts {
            names: vec![(&s.surname, &s.given_names)],
            birth: s.birth_date,
            documents: s.document.iter().map(|d| d.number.as_str()).collect(),
            phones: phone.iter().map(String::as_str).collect(),
            inn: s.inn.as_ref().map(|i| i.as_str()),
        };
        let digests = self.link_digests(&parts, &mut Folder::new(), true);
        if digests.is_empty() {
            return Ok(Vec::new());
        }
        let hits: Vec<(Vec<u8>, Uuid)> = dispatch!(read &self.db, p => {
            let mut q = sqlx::QueryBuilder::new("SELECT digest, person_id FROM link_keys WHERE digest IN (");
            let mut list = q.separated(", ");
            for d in &digests {
                list.push_bind(d.clone());
            }
            q.push(")");
            q.build()
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        let mut per_key: HashMap<&[u8], usize> = HashMap::new();
        for (d, _) in &hits {
            *per_key.entry(d.as_slice()).or_default() += 1;
        }
        let mut shared: HashMap<Uuid, usize> = HashMap::new();
        for (d, person) in &hits {
            if per_key[d.as_slice()] <= MAX_BLOCK && !excluded.contains(person) {
                *shared.entry(*person).or_default() += 1;
            }
        }
        let mut ids: Vec<(Uuid, usize)> = shared.into_iter().collect();
        ids.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ids.truncate(MAX_CANDIDATES);
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let profiles = self.profiles(&ids.iter().map(|x| x.0).collect::<Vec<_>>()).await?;
        let fields: Vec<String> = scorer.snapshot().field_names().map(str::to_owned).collect();
        let on = today();
        let mut table = scorer.table();
        rows::push_subject(&mut table, &fields, s);
        let mut owner: Vec<usize> = Vec::new();
        for (i, p) in profiles.iter().enumerate() {
            let n = rows::push_profile(&mut table, &fields, p, on);
            owner.extend(std::iter::repeat_n(i, n));
        }
        let scores = scorer.score(&table, on);
        let mut best: Vec<Option<Score>> = vec![None; profiles.len()];
        for (score, &i) in scores.into_iter().zip(&owner) {
            if best[i].as_ref().is_none_or(|b| score.weight > b.weight) {
                best[i] = Some(score);
            }
        }
        let mut out: Vec<Candidate> = profiles
            .iter()
            .zip(best)
            .filter_map(|(p, s)| s.map(|score| Candidate { person_id: p.id, score }))
            .collect();
        out.sort_by(|a, b| b.score.weight.total_cmp(&a.score.weight).then(a.person_id.cmp(&b.person_id)));
        Ok(out)
    }

    /// Current profiles of `ids` (those that exist).
    async fn profiles(&self, ids: &[Uuid]) -> Result<Vec<PersonProfile>> {
        let rows: Vec<(Uuid, Vec<u8>)> = dispatch!(read &self.db, p => {
            let mut q = sqlx::QueryBuilder::new("SELECT id, profile FROM persons WHERE id IN (");
            let mut list = q.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            q.push(") ORDER BY id");
            q.build()
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        rows.iter().map(|(id, sealed)| self.open_profile(*id, sealed)).collect()
    }

    async fn decisions_for(&self, rec: &IntakeRecord) -> Result<Vec<(Uuid, Decision)>> {
        let rows: Vec<(Uuid, String)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT person_id, decision FROM link_decisions WHERE source = $1 AND record_id = $2 ORDER BY decided_at")
                .bind(rec.source.code())
                .bind(&rec.record_id)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        Ok(rows
            .into_iter()
            .map(|(id, d)| (id, if d == "same_person" { Decision::SamePerson } else { Decision::DifferentPersons }))
            .collect())
    }

    async fn org_by_inn(&self, inn: &str) -> Result<Option<Uuid>> {
        Ok(dispatch!(read &self.db, p => {
            sqlx::query("SELECT id FROM organisations WHERE inn = $1 ORDER BY id LIMIT 1")
                .bind(inn)
                .fetch_optional(p)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
        }))
    }

    async fn orgs_of(&self, rec: &IntakeRecord) -> Result<apply::Orgs> {
        Ok(match apply::fact_org_inn(&rec.fact) {
            Some(inn) => apply::Orgs { org: self.org_by_inn(inn).await? },
            None => apply::Orgs::default(),
        })
    }

    /// Applies the record to `person_id`; a fact that does not fit sends it to review.
    async fn link_to(&self, rec: &IntakeRecord, person_id: Uuid) -> Result<Resolution> {
        // A person merged since the decision: the survivor holds the facts now.
        let person_id = self.merged_into(person_id).await?.unwrap_or(person_id);
        let profile = self.get_person(person_id).await?;
        let orgs = self.orgs_of(rec).await?;
        let fact = match apply::fact_changes(&rec.fact, Some(&profile), orgs) {
            Ok(c) => c,
            Err(apply::NotApplied(reason)) => {
                let reason = format!("matches person {person_id}, but {reason}");
                self.mark(rec, "review", Some(person_id), Some(&reason)).await?;
                return Ok(Resolution::Review { reason });
            }
        };
        let mut changes = apply::identity_changes(&rec.subject, Some(&profile));
        changes.extend(fact);
        if !changes.is_empty() {
            let entry = audit_entry("intake.link", rec);
            match self
                .append_changes(person_id, None, changes, &OrgRefs::default(), system_provenance(rec), entry)
                .await
            {
                Ok(_) => {}
                Err(StoreError::Invalid(e)) => {
                    let reason = format!("matches person {person_id}, but the fact does not fit the history: {e}");
                    self.mark(rec, "review", Some(person_id), Some(&reason)).await?;
                    return Ok(Resolution::Review { reason });
                }
                Err(e) => return Err(e),
            }
        }
        self.mark(rec, "linked", Some(person_id), None).await?;
        Ok(Resolution::Linked { person_id, created: false })
    }

    /// Registers a new person from the record, or sends it to review with what is missing.
    async fn register_from(&self, rec: &IntakeRecord) -> Result<Resolution> {
        let orgs = self.orgs_of(rec).await?;
        let first = apply::registration(&rec.subject)
            .and_then(|r| apply::fact_changes(&rec.fact, None, orgs).map(|fact| (r, fact)));
        let (registered, fact) = match first {
            Ok(x) => x,
            Err(apply::NotApplied(reason)) => {
                let reason = if reason.starts_with("no registry person") {
                    reason
                } else {
                    format!("no registry person matches, and {reason}")
                };
                self.mark(rec, "review", None, Some(&reason)).await?;
                return Ok(Resolution::Review { reason });
            }
        };
        let mut changes = vec![registered];
        changes.extend(apply::identity_changes(&rec.subject, None));
        changes.extend(fact);
        let entry = audit_entry("intake.register", rec);
        match self.create_person(changes, &OrgRefs::default(), system_provenance(rec), entry).await {
            Ok((p, _)) => {
                self.mark(rec, "linked", Some(p.id), None).await?;
                Ok(Resolution::Linked { person_id: p.id, created: true })
            }
            Err(StoreError::Invalid(e)) => {
                let reason = format!("no registry person matches, and a person cannot be registered from it: {e}");
                self.mark(rec, "review", None, Some(&reason)).await?;
                Ok(Resolution::Review { reason })
            }
            Err(e) => Err(e),
        }
    }

    /// Sets a staged record's state.
    async fn mark(&self, rec: &IntakeRecord, state: &str, person: Option<Uuid>, reason: Option<&str>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_records SET state = $1, person_id = $2, reason = $3, resolved_at = $4 WHERE source = $5 AND record_id = $6")
            .bind(state)
            .bind(person)
            .bind(reason)
            .bind(Utc::now())
            .bind(rec.source.code())
            .bind(&rec.record_id)
            .execute(&mut **t)
            .await?);
        tx.commit().await?;
        if state == "linked" {
            self.close_review_items(rec.source.code(), &rec.record_id).await?;
        }
        Ok(())
    }

    async fn open_review_items(&self, rec: &IntakeRecord, candidates: &[&Candidate]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let now = Utc::now();
        for c in candidates {
            let evidence = serde_json::to_string(&c.score.evidence).expect("serialisable");
            dispatch!(exec &mut tx, t => sqlx::query("INSERT INTO review_items (id, source, record_id, person_id, weight, probability, evidence, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) ON CONFLICT (source, record_id, person_id) DO UPDATE SET weight = excluded.weight, probability = excluded.probability, evidence = excluded.evidence")
                .bind(Uuid::now_v7())
                .bind(rec.source.code())
                .bind(&rec.record_id)
                .bind(c.person_id)
                .bind(c.score.weight)
                .bind(c.score.probability)
                .bind(&evidence)
                .bind(now)
                .execute(&mut **t)
                .await?);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Rebuilds `link_keys` for every person not merged into another (databases created before
    /// the table existed, or after a change of the key definition), `batch` persons per
    /// transaction. Returns the persons indexed.
    pub async fn backfill_link_keys(&self, batch: i64) -> Result<u64> {
        let mut after = Uuid::nil();
        let mut done = 0u64;
        let mut folder = Folder::new();
        loop {
            let profiles = self.live_profiles_after(after, batch).await?;
            let Some(last) = profiles.last().map(|p| p.id) else { break };
            let mut keys: Vec<(Vec<u8>, Uuid)> = Vec::new();
            for p in &profiles {
                for d in self.link_digests(&keys::KeyParts::of_profile(p), &mut folder, false) {
                    keys.push((d, p.id));
                }
            }
            keys.sort_unstable();
            keys.dedup();
            let mut tx = self.db.begin().await?;
            dispatch!(exec &mut tx, t => sqlx::query("DELETE FROM link_keys WHERE person_id > $1 AND person_id <= $2")
                .bind(after)
                .bind(last)
                .execute(&mut **t)
                .await?);
            crate::persons::insert_digests(&mut tx, "link_keys", &keys).await?;
            tx.commit().await?;
            done += profiles.len() as u64;
            after = last;
        }
        Ok(done)
    }
}
