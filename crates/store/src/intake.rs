//! Staging agency feeds: batches, staged intake records and the quarantine.
//!
//! An import is a batch. Rows arrive in chunks of a few thousand; each chunk is written in one
//! transaction that also advances the batch's `resume_offset` and counters, so a crash at any
//! point leaves the database at a chunk boundary and the same import, run again, resumes from the
//! offset (and in any case `(source, record_id)` and the quarantine's `(source, raw_digest)` make
//! re-staging a row a no-op). A staged record keeps its sealed JSON and a keyed hash of it: the
//! same id with the same hash is `unchanged`, with another hash it is quarantined as
//! `changed_content` for an officer to accept or discard.
//!
//! Sealing and hashing are CPU work done by [`Store::prepare_intake`] outside the transaction (a
//! bulk import runs it on the parsing thread); [`Store::stage`] only writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::event::SourceAgency;
use intake::{IntakeRecord, RawRow, RowError};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError};
use crate::{Page, Store};

/// Digest kind of a staged record's content hash.
const HASH_CONTENT: &str = "intake-content";
/// Digest kind of a quarantined row's raw digest.
const HASH_RAW: &str = "intake-raw";

/// A new import.
#[derive(Debug, Clone)]
pub struct NewBatch {
    /// The agency.
    pub source: SourceAgency,
    /// Mapping name.
    pub mapping: String,
    /// File name as given.
    pub file_name: String,
    /// File size, when known.
    pub file_size: Option<u64>,
    /// Digest identifying the file (SHA-256 of its first MiB and its size): a running batch of
    /// the same source and digest is resumed.
    pub file_digest: Option<Vec<u8>>,
    /// `csv`, `jsonl` or `xml`.
    pub format: &'static str,
    /// The importing account.
    pub account_id: Option<Uuid>,
}

/// A batch and its counters.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BatchSummary {
    /// Batch id.
    pub id: Uuid,
    /// Agency code.
    pub source: String,
    /// Mapping name.
    pub mapping: String,
    /// File name.
    pub file_name: String,
    /// `running`, `done` or `failed`.
    pub state: String,
    /// Byte offset of the first row not yet committed.
    pub resume_offset: i64,
    /// Rows read.
    pub rows_read: i64,
    /// Rows staged as new records.
    pub rows_staged: i64,
    /// Rows already staged with the same content.
    pub rows_unchanged: i64,
    /// Rows quarantined (including rows already in quarantine).
    pub rows_quarantined: i64,
    /// Start.
    pub started_at: DateTime<Utc>,
    /// End.
    pub finished_at: Option<DateTime<Utc>>,
}

/// One row handed to [`Store::prepare_intake`].
#[derive(Debug, Clone)]
pub struct StagingRow {
    /// The row as the agency sent it (with its position); serialised only if it is quarantined.
    pub raw: RawRow,
    /// The record id of a row that failed to map, when it has one (shown in the quarantine).
    pub record_id: Option<String>,
    /// The mapped record, or why there is none.
    pub outcome: std::result::Result<IntakeRecord, RowError>,
}

struct GoodRow {
    record_id: String,
    kind: &'static str,
    hash: Vec<u8>,
    payload: Vec<u8>,
    raw: RawRow,
}

struct BadRow {
    record_id: Option<String>,
    position: String,
    code: String,
    reason: String,
    raw: Vec<u8>,
    digest: Vec<u8>,
}

/// A chunk of rows sealed and hashed, ready for [`Store::stage`].
pub struct PreparedIntake {
    source: SourceAgency,
    good: Vec<GoodRow>,
    bad: Vec<BadRow>,
    rows: u64,
}

impl PreparedIntake {
    /// Rows in the chunk.
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

/// What one [`Store::stage`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StageCounts {
    /// Rows read.
    pub read: u64,
    /// New records staged.
    pub staged: u64,
    /// Already staged with the same content.
    pub unchanged: u64,
    /// Quarantined.
    pub quarantined: u64,
}

/// Filter of the quarantine list.
#[derive(Debug, Clone, Default)]
pub struct QuarantineFilter {
    /// Only this agency.
    pub source: Option<SourceAgency>,
    /// Only this state (`open`, `replayed`, `discarded`); all when absent.
    pub state: Option<String>,
    /// Only this batch.
    pub batch_id: Option<Uuid>,
}

/// A quarantined row without its content.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct QuarantineItem {
    /// Id.
    pub id: Uuid,
    /// Agency code.
    pub source: String,
    /// Batch it came in.
    pub batch_id: Uuid,
    /// Mapping a replay uses.
    pub mapping: String,
    /// Where in the file.
    pub position: String,
    /// The agency's record id, when the row had one.
    pub record_id: Option<String>,
    /// Reason code.
    pub code: String,
    /// Reason naming the field and value.
    pub reason: String,
    /// `open`, `replayed` or `discarded`.
    pub state: String,
    /// When it was quarantined.
    pub created_at: DateTime<Utc>,
    /// When it was replayed or discarded.
    pub resolved_at: Option<DateTime<Utc>>,
    /// The officer's reason for a discard.
    pub resolution: Option<String>,
}

/// A quarantined row with its content opened.
#[derive(Debug, Clone, Serialize)]
pub struct QuarantineDetail {
    /// The row's metadata.
    #[serde(flatten)]
    pub item: QuarantineItem,
    /// The row as sent (or as last corrected), column by column.
    pub raw: Vec<(String, String)>,
}

/// The result of a replay.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReplayOutcome {
    /// The corrected row was staged as a pending record.
    Staged {
        /// Its record id.
        record_id: String,
    },
    /// It still does not map (or conflicts); it stays in quarantine with this reason.
    StillQuarantined {
        /// The new reason.
        error: RowError,
    },
}

/// A staged record, opened (for the resolver).
#[derive(Debug, Clone)]
pub struct StagedRecord {
    /// Batch it came in.
    pub batch_id: Uuid,
    /// State.
    pub state: String,
    /// The record.
    pub record: IntakeRecord,
}

/// Associated data of a staged record's seal: the payload opens only under its own key.
pub(crate) fn record_context(source: &str, record_id: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(source.len() + record_id.len() + 1);
    v.extend_from_slice(source.as_bytes());
    v.push(0);
    v.extend_from_slice(record_id.as_bytes());
    v
}

fn raw_json(raw: &[(String, String)]) -> Vec<u8> {
    serde_json::to_vec(raw).expect("serialisable")
}

const BATCH_COLS: &str = "id, source, mapping, file_name, state, resume_offset, rows_read, rows_staged, rows_unchanged, rows_quarantined, started_at, finished_at";
const QUARANTINE_COLS: &str =
    "id, source, batch_id, mapping, position, record_id, code, reason, state, created_at, resolved_at, resolution";

fn batch_of<R: Row>(r: &R) -> std::result::Result<BatchSummary, sqlx::Error>
where
    for<'a> Uuid: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> DateTime<Utc>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    Ok(BatchSummary {
        id: r.try_get(0)?,
        source: r.try_get(1)?,
        mapping: r.try_get(2)?,
        file_name: r.try_get(3)?,
        state: r.try_get(4)?,
        resume_offset: r.try_get(5)?,
        rows_read: r.try_get(6)?,
        rows_staged: r.try_get(7)?,
        rows_unchanged: r.try_get(8)?,
        rows_quarantined: r.try_get(9)?,
        started_at: r.try_get(10)?,
        finished_at: r.try_get(11)?,
    })
}

fn item_of<R: Row>(r: &R) -> std::result::Result<QuarantineItem, sqlx::Error>
where
    for<'a> Uuid: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> DateTime<Utc>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    Ok(QuarantineItem {
        id: r.try_get(0)?,
        source: r.try_get(1)?,
        batch_id: r.try_get(2)?,
        mapping: r.try_get(3)?,
        position: r.try_get(4)?,
        record_id: r.try_get(5)?,
        code: r.try_get(6)?,
        reason: r.try_get(7)?,
        state: r.try_get(8)?,
        created_at: r.try_get(9)?,
        resolved_at: r.try_get(10)?,
        resolution: r.try_get(11)?,
    })
}

impl Store {
    /// Starts an import, or resumes the unfinished batch of the same source and file digest.
    /// Returns the batch and whether it was resumed. Audited (`intake.import`).
    pub async fn open_batch(&self, b: NewBatch, audit_entry: AuditEntry) -> Result<(BatchSummary, bool)> {
        let mut tx = self.db.begin().await?;
        if let Some(d) = &b.file_digest {
            let sql = format!(
                "SELECT {BATCH_COLS} FROM intake_batches WHERE source = $1 AND file_digest = $2 AND state = 'running' ORDER BY started_at DESC LIMIT 1"
            );
            let found = dispatch!(tx &mut tx, t => {
                sqlx::query(&sql).bind(b.source.code()).bind(d).fetch_optional(&mut **t).await?.map(|r| batch_of(&r)).transpose()?
            });
            if let Some(found) = found {
                let entry =
                    AuditEntry { detail: format!("resume batch {} of {}", found.id, b.file_name), ..audit_entry };
                audit::append(&mut tx, self.sealer(), &[entry]).await?;
                tx.commit().await?;
                return Ok((found, true));
            }
        }
        let id = Uuid::now_v7();
        let now = Utc::now();
        dispatch!(exec &mut tx, t => sqlx::query(
            "INSERT INTO intake_batches (id, source, file_name, file_size, file_digest, format, mapping, account_id, started_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running')")
            .bind(id)
            .bind(b.source.code())
            .bind(&b.file_name)
            .bind(b.file_size.map(|s| s as i64))
            .bind(&b.file_digest)
            .bind(b.format)
            .bind(&b.mapping)
            .bind(b.account_id)
            .bind(now)
            .execute(&mut **t)
            .await?);
        let entry = AuditEntry {
            detail: format!("import batch {id}: {} with mapping {}", b.file_name, b.mapping),
            ..audit_entry
        };
        audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok((self.batch(id).await?, false))
    }

    /// A batch by id.
    pub async fn batch(&self, id: Uuid) -> Result<BatchSummary> {
        let sql = format!("SELECT {BATCH_COLS} FROM intake_batches WHERE id = $1");
        dispatch!(read &self.db, p => {
            sqlx::query(&sql).bind(id).fetch_optional(p).await?.map(|r| batch_of(&r)).transpose()?
        })
        .ok_or(StoreError::NotFound("batch"))
    }

    /// Batches, newest first (keyset by id, which is time-ordered): the operator's list of what
    /// came in and how it went.
    pub async fn list_batches(&self, before: Option<Uuid>, limit: i64) -> Result<Page<BatchSummary>> {
        let sql = format!("SELECT {BATCH_COLS} FROM intake_batches WHERE id < $1 ORDER BY id DESC LIMIT $2");
        let mut items: Vec<BatchSummary> = dispatch!(read &self.db, p => {
            let rows = sqlx::query(&sql).bind(before.unwrap_or(Uuid::max())).bind(limit + 1).fetch_all(p).await?;
            rows.iter().map(batch_of).collect::<std::result::Result<_, _>>()?
        });
        let next_cursor = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|b| b.id.to_string())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }

    /// Seals, hashes and sorts a chunk of rows (CPU only; call it off the writer).
    pub fn prepare_intake(&self, source: SourceAgency, rows: Vec<StagingRow>) -> PreparedIntake {
        let n = rows.len() as u64;
        let mut good = Vec::with_capacity(rows.len());
        let mut bad = Vec::new();
        for r in rows {
            match r.outcome {
                Ok(rec) => {
                    let (hash, payload) = self.seal_record(&rec);
                    good.push(GoodRow { kind: rec.fact.code(), record_id: rec.record_id, hash, payload, raw: r.raw });
                }
                Err(e) => bad.push(self.bad_row(source, r.record_id, &r.raw, &e)),
            }
        }
        PreparedIntake { source, good, bad, rows: n }
    }

    /// The content hash and the sealed payload of a staged record: one definition for every
    /// staging path, so that a record staged twice is recognised as unchanged.
    pub(crate) fn seal_record(&self, rec: &IntakeRecord) -> (Vec<u8>, Vec<u8>) {
        let json = serde_json::to_vec(rec).expect("serialisable");
        let hash = self.sealer().lookup_digest_bytes(HASH_CONTENT, &json);
        let payload = self.sealer().seal(&json, &record_context(rec.source.code(), &rec.record_id));
        (hash, payload)
    }

    fn bad_row(&self, source: SourceAgency, record_id: Option<String>, row: &RawRow, e: &RowError) -> BadRow {
        let raw = raw_json(&row.pairs());
        let position = row.position.to_string();
        let mut d = source.code().as_bytes().to_vec();
        d.push(0);
        d.extend_from_slice(&raw);
        BadRow {
            record_id,
            position,
            code: e.code.clone(),
            reason: e.message.clone(),
            digest: self.sealer().lookup_digest_bytes(HASH_RAW, &d),
            raw,
        }
    }

    /// Writes a prepared chunk in one transaction and advances the batch to `resume_offset`.
    #[tracing::instrument(skip(self, p), fields(rows = p.rows))]
    pub async fn stage(
        &self,
        batch_id: Uuid,
        mapping: &str,
        p: PreparedIntake,
        resume_offset: u64,
    ) -> Result<StageCounts> {
        let mut tx = self.db.begin().await?;
        let counts = self.stage_in(&mut tx, batch_id, mapping, p).await?;
        dispatch!(exec &mut tx, t => sqlx::query(
            "UPDATE intake_batches SET resume_offset = $2, rows_read = rows_read + $3, rows_staged = rows_staged + $4, rows_unchanged = rows_unchanged + $5, rows_quarantined = rows_quarantined + $6 WHERE id = $1")
            .bind(batch_id)
            .bind(resume_offset as i64)
            .bind(counts.read as i64)
            .bind(counts.staged as i64)
            .bind(counts.unchanged as i64)
            .bind(counts.quarantined as i64)
            .execute(&mut **t)
            .await?);
        tx.commit().await?;
        Ok(counts)
    }

    async fn stage_in(&self, tx: &mut Tx, batch_id: Uuid, mapping: &str, p: PreparedIntake) -> Result<StageCounts> {
        let source = p.source.code();
        let mut counts = StageCounts { read: p.rows, ..Default::default() };
        // What is already staged under these ids.
        let mut known: HashMap<String, Vec<u8>> = HashMap::new();
        for chunk in p.good.chunks(500) {
            dispatch!(tx tx, t => {
                let mut q = sqlx::QueryBuilder::new("SELECT record_id, content_hash FROM intake_records WHERE source = ");
                q.push_bind(source).push(" AND record_id IN (");
                let mut sep = q.separated(", ");
                for g in chunk {
                    sep.push_bind(&g.record_id);
                }
                q.push(")");
                for r in q.build().fetch_all(&mut **t).await? {
                    known.insert(r.try_get(0)?, r.try_get(1)?);
                }
            });
        }
        let mut fresh: Vec<&GoodRow> = Vec::with_capacity(p.good.len());
        let mut bad: Vec<BadRow> = Vec::new();
        for g in &p.good {
            match known.get(&g.record_id) {
                None => {
                    known.insert(g.record_id.clone(), g.hash.clone());
                    fresh.push(g);
                }
                Some(h) if *h == g.hash => counts.unchanged += 1,
                Some(_) => {
                    let e = RowError::new(
                        "changed_content",
                        "record_id",
                        format!(
                            "record {} was already received with other content: accept this version by replaying it, or discard it",
                            g.record_id
                        ),
                    );
                    bad.push(self.bad_row(p.source, Some(g.record_id.clone()), &g.raw, &e));
                }
            }
        }
        let now = Utc::now();
        for chunk in fresh.chunks(1000) {
            dispatch!(tx tx, t => {
                let mut q = sqlx::QueryBuilder::new("INSERT INTO intake_records (source, record_id, batch_id, kind, received_at, content_hash, payload, state) ");
                q.push_values(chunk, |mut b, g| {
                    b.push_bind(source)
                        .push_bind(&g.record_id)
                        .push_bind(batch_id)
                        .push_bind(g.kind)
                        .push_bind(now)
                        .push_bind(&g.hash)
                        .push_bind(&g.payload)
                        .push_bind("pending");
                });
                q.build().execute(&mut **t).await?;
            });
        }
        counts.staged = fresh.len() as u64;
        bad.extend(p.bad);
        counts.quarantined = bad.len() as u64;
        self.insert_quarantine(tx, p.source, batch_id, mapping, &bad, now).await?;
        Ok(counts)
    }

    async fn insert_quarantine(
        &self,
        tx: &mut Tx,
        source: SourceAgency,
        batch_id: Uuid,
        mapping: &str,
        bad: &[BadRow],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let rows: Vec<(Uuid, &BadRow, Vec<u8>)> = bad
            .iter()
            .map(|b| {
                let id = Uuid::now_v7();
                (id, b, self.sealer().seal(&b.raw, id.as_bytes()))
            })
            .collect();
        for chunk in rows.chunks(500) {
            dispatch!(tx tx, t => {
                let mut q = sqlx::QueryBuilder::new("INSERT INTO intake_quarantine (id, source, batch_id, mapping, position, record_id, code, reason, raw_digest, raw, state, created_at) ");
                q.push_values(chunk, |mut b, (id, r, sealed)| {
                    b.push_bind(*id)
                        .push_bind(source.code())
                        .push_bind(batch_id)
                        .push_bind(mapping)
                        .push_bind(&r.position)
                        .push_bind(&r.record_id)
                        .push_bind(&r.code)
                        .push_bind(&r.reason)
                        .push_bind(&r.digest)
                        .push_bind(sealed)
                        .push_bind("open")
                        .push_bind(now);
                });
                q.push(" ON CONFLICT (source, raw_digest) DO NOTHING");
                q.build().execute(&mut **t).await?;
            });
        }
        Ok(())
    }

    /// Marks a batch done (all rows committed). Audited.
    pub async fn finish_batch(&self, id: Uuid, audit_entry: AuditEntry) -> Result<BatchSummary> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_batches SET state = 'done', finished_at = $2 WHERE id = $1")
            .bind(id).bind(Utc::now()).execute(&mut **t).await?);
        let b = {
            let sql = format!("SELECT {BATCH_COLS} FROM intake_batches WHERE id = $1");
            dispatch!(tx &mut tx, t => sqlx::query(&sql).bind(id).fetch_optional(&mut **t).await?.map(|r| batch_of(&r)).transpose()?)
                .ok_or(StoreError::NotFound("batch"))?
        };
        let entry = AuditEntry {
            detail: format!(
                "import batch {id} done: {} read, {} staged, {} unchanged, {} quarantined",
                b.rows_read, b.rows_staged, b.rows_unchanged, b.rows_quarantined
            ),
            ..audit_entry
        };
        audit::append(&mut tx, self.sealer(), &[entry]).await?;
        tx.commit().await?;
        Ok(b)
    }

    /// Marks a batch failed (the file turned out to be broken); what was committed stays.
    pub async fn fail_batch(&self, id: Uuid, audit_entry: AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_batches SET state = 'failed', finished_at = $2 WHERE id = $1")
            .bind(id).bind(Utc::now()).execute(&mut **t).await?);
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("import batch {id} failed"), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Lists quarantined rows (newest first, by id cursor). Audited: the list shows record ids.
    pub async fn quarantine_list(
        &self,
        f: &QuarantineFilter,
        before: Option<Uuid>,
        limit: i64,
        audit_entry: AuditEntry,
    ) -> Result<Page<QuarantineItem>> {
        let limit = limit.clamp(1, 1000);
        let items: Vec<QuarantineItem> = dispatch!(read &self.db, p => {
            let mut q = sqlx::QueryBuilder::new(format!("SELECT {QUARANTINE_COLS} FROM intake_quarantine WHERE 1 = 1"));
            if let Some(s) = f.source {
                q.push(" AND source = ").push_bind(s.code());
            }
            if let Some(s) = &f.state {
                q.push(" AND state = ").push_bind(s.clone());
            }
            if let Some(b) = f.batch_id {
                q.push(" AND batch_id = ").push_bind(b);
            }
            if let Some(c) = before {
                q.push(" AND id < ").push_bind(c);
            }
            q.push(" ORDER BY id DESC LIMIT ").push_bind(limit + 1);
            q.build().fetch_all(p).await?.iter().map(item_of).collect::<std::result::Result<_, _>>()?
        });
        self.audit_now(AuditEntry {
            detail: format!("quarantine list: {} rows", items.len().min(limit as usize)),
            ..audit_entry
        })
        .await?;
        let more = items.len() as i64 > limit;
        let items: Vec<QuarantineItem> = items.into_iter().take(limit as usize).collect();
        let next_cursor = if more { items.last().map(|i| i.id.to_string()) } else { None };
        Ok(Page { items, next_cursor })
    }

    async fn audit_now(&self, e: AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        audit::append(&mut tx, self.sealer(), &[e]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn quarantine_row(&self, tx: &mut Tx, id: Uuid) -> Result<(QuarantineItem, Vec<(String, String)>)> {
        let sql = format!("SELECT {QUARANTINE_COLS}, raw FROM intake_quarantine WHERE id = $1");
        let (item, sealed): (QuarantineItem, Vec<u8>) = dispatch!(tx tx, t => {
            match sqlx::query(&sql).bind(id).fetch_optional(&mut **t).await? {
                Some(r) => (item_of(&r)?, r.try_get(12)?),
                None => return Err(StoreError::NotFound("quarantined row")),
            }
        });
        let plain = self.sealer().open(&sealed, id.as_bytes())?;
        let raw =
            serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt(format!("quarantined row {id}: {e}")))?;
        Ok((item, raw))
    }

    /// One quarantined row with its content opened. Audited.
    pub async fn quarantine_show(&self, id: Uuid, audit_entry: AuditEntry) -> Result<QuarantineDetail> {
        let mut tx = self.db.begin().await?;
        let (item, raw) = self.quarantine_row(&mut tx, id).await?;
        audit::append(&mut tx, self.sealer(), &[AuditEntry { detail: format!("quarantine show {id}"), ..audit_entry }])
            .await?;
        tx.commit().await?;
        Ok(QuarantineDetail { item, raw })
    }

    /// Corrects and replays a quarantined row: `corrections` replace (or add) column values,
    /// `remap` maps the corrected row with the row's mapping. A row that maps is staged as a
    /// pending record (for a `changed_content` row: replaces the staged record unless it is
    /// already linked) and the quarantine row is marked `replayed`; one that does not stays open
    /// with the new reason and the corrected values. Audited.
    pub async fn quarantine_replay(
        &self,
        id: Uuid,
        corrections: &[(String, String)],
        remap: impl FnOnce(&str, &[(String, String)]) -> std::result::Result<IntakeRecord, RowError>,
        audit_entry: AuditEntry,
    ) -> Result<ReplayOutcome> {
        let mut tx = self.db.begin().await?;
        let (item, mut raw) = self.quarantine_row(&mut tx, id).await?;
        if item.state != "open" {
            return Err(StoreError::Conflict(format!("the quarantined row is already {}", item.state)));
        }
        for (k, v) in corrections {
            match raw.iter_mut().find(|(n, _)| n == k) {
                Some(slot) => slot.1 = v.clone(),
                None => raw.push((k.clone(), v.clone())),
            }
        }
        let source =
            SourceAgency::from_code(&item.source).ok_or_else(|| StoreError::Corrupt("unknown source".into()))?;
        let outcome = match remap(&item.mapping, &raw) {
            Err(e) => Err(e),
            Ok(rec) if rec.source != source => {
                Err(RowError::new("wrong_source", "", format!("the mapping is for {}", rec.source.code())))
            }
            Ok(rec) => self.put_replayed(&mut tx, &item, &rec).await?.map(|()| rec.record_id),
        };
        let now = Utc::now();
        let result = match outcome {
            Ok(record_id) => {
                dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_quarantine SET state = 'replayed', resolved_at = $2, resolved_by = $3, record_id = $4 WHERE id = $1")
                    .bind(id).bind(now).bind(audit_entry.account_id).bind(&record_id).execute(&mut **t).await?);
                ReplayOutcome::Staged { record_id }
            }
            Err(error) => {
                let sealed = self.sealer().seal(&raw_json(&raw), id.as_bytes());
                dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_quarantine SET code = $2, reason = $3, raw = $4 WHERE id = $1")
                    .bind(id).bind(&error.code).bind(&error.message).bind(&sealed).execute(&mut **t).await?);
                ReplayOutcome::StillQuarantined { error }
            }
        };
        let detail = match &result {
            ReplayOutcome::Staged { record_id } => format!("quarantine replay {id}: staged {record_id}"),
            ReplayOutcome::StillQuarantined { error } => format!("quarantine replay {id}: still {}", error.code),
        };
        audit::append(&mut tx, self.sealer(), &[AuditEntry { detail, ..audit_entry }]).await?;
        tx.commit().await?;
        Ok(result)
    }

    async fn put_replayed(
        &self,
        tx: &mut Tx,
        item: &QuarantineItem,
        rec: &IntakeRecord,
    ) -> Result<std::result::Result<(), RowError>> {
        let source = rec.source.code();
        let (hash, payload) = self.seal_record(rec);
        let existing: Option<(Vec<u8>, String)> = dispatch!(tx tx, t => {
            sqlx::query("SELECT content_hash, state FROM intake_records WHERE source = $1 AND record_id = $2")
                .bind(source).bind(&rec.record_id).fetch_optional(&mut **t).await?
                .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?))).transpose()?
        });
        match existing {
            Some((h, _)) if h == hash => Ok(Ok(())),
            Some((_, state)) if state == "linked" => Ok(Err(RowError::new(
                "already_linked",
                "record_id",
                format!(
                    "record {} is already linked to a person: the correction must be made on the person",
                    rec.record_id
                ),
            ))),
            Some(_) => {
                dispatch!(exec tx, t => sqlx::query("UPDATE intake_records SET content_hash = $3, payload = $4, kind = $5, state = 'pending', batch_id = $6, received_at = $7, reason = NULL WHERE source = $1 AND record_id = $2")
                    .bind(source).bind(&rec.record_id).bind(&hash).bind(&payload).bind(rec.fact.code()).bind(item.batch_id).bind(Utc::now())
                    .execute(&mut **t).await?);
                Ok(Ok(()))
            }
            None => {
                dispatch!(exec tx, t => sqlx::query("INSERT INTO intake_records (source, record_id, batch_id, kind, received_at, content_hash, payload, state) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')")
                    .bind(source).bind(&rec.record_id).bind(item.batch_id).bind(rec.fact.code()).bind(Utc::now()).bind(&hash).bind(&payload)
                    .execute(&mut **t).await?);
                Ok(Ok(()))
            }
        }
    }

    /// Discards a quarantined row with the officer's reason. Audited.
    pub async fn quarantine_discard(&self, id: Uuid, reason: &str, audit_entry: AuditEntry) -> Result<QuarantineItem> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid(domain::error::ValidationErrors(vec![domain::error::FieldError {
                field: "reason".into(),
                code: "required",
                message: "say why the row is discarded".into(),
            }])));
        }
        let mut tx = self.db.begin().await?;
        let (item, _) = self.quarantine_row(&mut tx, id).await?;
        if item.state != "open" {
            return Err(StoreError::Conflict(format!("the quarantined row is already {}", item.state)));
        }
        let now = Utc::now();
        dispatch!(exec &mut tx, t => sqlx::query("UPDATE intake_quarantine SET state = 'discarded', resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1")
            .bind(id).bind(now).bind(audit_entry.account_id).bind(reason).execute(&mut **t).await?);
        audit::append(
            &mut tx,
            self.sealer(),
            &[AuditEntry { detail: format!("quarantine discard {id}: {reason}"), ..audit_entry }],
        )
        .await?;
        tx.commit().await?;
        Ok(QuarantineItem {
            state: "discarded".into(),
            resolved_at: Some(now),
            resolution: Some(reason.into()),
            ..item
        })
    }

    /// Staged records in a state (`pending` for the resolver), in `(source, record_id)` order
    /// after `after`, opened.
    pub async fn staged_records(
        &self,
        state: &str,
        after: Option<(&str, &str)>,
        limit: i64,
    ) -> Result<Vec<StagedRecord>> {
        let (s, r) = after.unwrap_or(("", ""));
        let rows: Vec<(String, String, Uuid, String, Vec<u8>)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT source, record_id, batch_id, state, payload FROM intake_records WHERE state = $1 AND (source > $2 OR (source = $2 AND record_id > $3)) ORDER BY source, record_id LIMIT $4")
                .bind(state).bind(s).bind(r).bind(limit)
                .fetch_all(p).await?
                .iter()
                .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?)))
                .collect::<std::result::Result<_, _>>()?
        });
        rows.into_iter()
            .map(|(source, record_id, batch_id, state, sealed)| {
                let plain = self.sealer().open(&sealed, &record_context(&source, &record_id))?;
                let record = serde_json::from_slice(&plain)
                    .map_err(|e| StoreError::Corrupt(format!("intake record {source}/{record_id}: {e}")))?;
                Ok(StagedRecord { batch_id, state, record })
            })
            .collect()
    }

    /// Row counts of the intake tables: `(records, quarantined, batches)` (tests, reports).
    pub async fn intake_counts(&self) -> Result<(i64, i64, i64)> {
        Ok(dispatch!(read &self.db, p => {
            let r = sqlx::query("SELECT (SELECT COUNT(*) FROM intake_records), (SELECT COUNT(*) FROM intake_quarantine), (SELECT COUNT(*) FROM intake_batches)")
                .fetch_one(p).await?;
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)
        }))
    }
}
