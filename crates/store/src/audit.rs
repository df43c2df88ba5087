//! The tamper-evident audit log.
//!
//! Every write and every read of personal data is one entry: who, in which role, did what, to
//! which person, for which purpose or legal basis, when. Entries form a keyed hash chain:
//! `hash[n] = HMAC(audit_key, hash[n-1] || encode(entry[n]))`, positions are consecutive, and
//! `audit_head` holds the last position and hash. [`verify`] recomputes the chain and reports an
//! altered entry (hash mismatch), an inserted or deleted entry (position gap or broken link) and
//! truncation (head ahead of the last entry). The chain is keyed with a key derived from the data
//! key, so write access to the database alone is not enough to forge a consistent chain; printing
//! the head hash (`rosmigration audit verify`) lets operators anchor it outside the system.
//!
//! Reads are frequent, so their entries go through [`AuditWriter`], which groups the entries of
//! concurrent requests into one transaction (group commit) and answers each request only after
//! its entry is durable: no personal data leaves the server without its audit entry on disk.

use chrono::{DateTime, SubsecRound, Utc};
use hmac::Mac;
use serde::Serialize;
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::crypto::Sealer;
use crate::db::{Db, Tx, dispatch};
use crate::error::Result;

/// One audit entry before it is chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Entry id.
    pub id: Uuid,
    /// When it happened (microsecond precision, so it round-trips through both backends).
    pub at: DateTime<Utc>,
    /// The account, or none for system jobs and failed logins.
    pub account_id: Option<Uuid>,
    /// The role acted in.
    pub role: Option<String>,
    /// What was done, e.g. `person.view`, `person.create`, `account.disable`.
    pub action: String,
    /// The person whose data was read or written.
    pub person_id: Option<Uuid>,
    /// Purpose in plain words.
    pub purpose: String,
    /// Legal basis, when stated.
    pub legal_basis: Option<String>,
    /// Case number, when stated.
    pub case_number: Option<String>,
    /// Request id, to join with the server log.
    pub request_id: Option<String>,
    /// Short detail (no personal data beyond ids).
    pub detail: String,
}

impl AuditEntry {
    /// A new entry stamped now.
    pub fn new(action: impl Into<String>) -> Self {
        Self {
            id: Uuid::now_v7(),
            at: Utc::now().trunc_subsecs(6),
            account_id: None,
            role: None,
            action: action.into(),
            person_id: None,
            purpose: String::new(),
            legal_basis: None,
            case_number: None,
            request_id: None,
            detail: String::new(),
        }
    }

    /// The same entry about another person (for search hits).
    pub fn about(&self, person_id: Uuid) -> Self {
        Self { id: Uuid::now_v7(), person_id: Some(person_id), ..self.clone() }
    }

    /// A copy as a new entry of its own (a new id) about no person: one of several entries of
    /// one action.
    pub fn about_nobody(&self) -> Self {
        Self { id: Uuid::now_v7(), person_id: None, ..self.clone() }
    }
}

/// A stored entry with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainedEntry {
    /// Position in the chain, from 1.
    pub position: i64,
    /// The entry.
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// Hash of the previous entry.
    #[serde(with = "hex_bytes")]
    pub prev_hash: Vec<u8>,
    /// This entry's chain hash.
    #[serde(with = "hex_bytes")]
    pub hash: Vec<u8>,
}

mod hex_bytes {
    pub fn serialize<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(b))
    }
}

fn put(m: &mut impl Mac, bytes: &[u8]) {
    m.update(&(bytes.len() as u64).to_be_bytes());
    m.update(bytes);
}

/// The chain hash of an entry at `position` after `prev`.
fn link_hash(sealer: &Sealer, position: i64, prev: &[u8], e: &AuditEntry) -> Vec<u8> {
    let mut m = sealer.audit_mac();
    m.update(prev);
    m.update(&position.to_be_bytes());
    m.update(e.id.as_bytes());
    put(&mut m, e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true).as_bytes());
    put(&mut m, e.account_id.map(|a| a.into_bytes().to_vec()).unwrap_or_default().as_slice());
    put(&mut m, e.role.as_deref().unwrap_or("").as_bytes());
    put(&mut m, e.action.as_bytes());
    put(&mut m, e.person_id.map(|a| a.into_bytes().to_vec()).unwrap_or_default().as_slice());
    put(&mut m, e.purpose.as_bytes());
    put(&mut m, e.legal_basis.as_deref().unwrap_or("\u{0}none").as_bytes());
    put(&mut m, e.case_number.as_deref().unwrap_or("\u{0}none").as_bytes());
    put(&mut m, e.request_id.as_deref().unwrap_or("").as_bytes());
    put(&mut m, e.detail.as_bytes());
    m.finalize().into_bytes().to_vec()
}

/// Appends entries to the chain inside the caller's transaction, so a write and its audit entry
/// commit or fail together. Holds the chain head for the rest of the transaction.
pub async fn append(tx: &mut Tx, sealer: &Sealer, entries: &[AuditEntry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    // Lock the head: PostgreSQL row lock; SQLite already serialises writers.
    let (pos, hash): (i64, Vec<u8>) = match tx {
        Tx::Sqlite(t) => {
            let r = sqlx::query("SELECT position, hash FROM audit_head WHERE id = 1").fetch_one(&mut **t).await?;
            (r.try_get(0)?, r.try_get(1)?)
        }
        Tx::Postgres(t) => {
            let r = sqlx::query("SELECT position, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .fetch_one(&mut **t)
                .await?;
            (r.try_get(0)?, r.try_get(1)?)
        }
    };
    append_after(tx, sealer, entries, pos, hash).await
}

async fn append_after(
    tx: &mut Tx,
    sealer: &Sealer,
    entries: &[AuditEntry],
    mut pos: i64,
    mut prev: Vec<u8>,
) -> Result<()> {
    let mut chained = Vec::with_capacity(entries.len());
    for e in entries {
        pos += 1;
        let h = link_hash(sealer, pos, &prev, e);
        chained.push((pos, e, std::mem::replace(&mut prev, h.clone()), h));
    }
    for chunk in chained.chunks(500) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO audit_log (position, id, at, account_id, role, action, person_id, purpose, legal_basis, case_number, request_id, detail, prev_hash, hash) ",
            );
            q.push_values(chunk, |mut b, (pos, e, prev, h)| {
                b.push_bind(*pos)
                    .push_bind(e.id)
                    .push_bind(e.at)
                    .push_bind(e.account_id)
                    .push_bind(e.role.clone())
                    .push_bind(e.action.clone())
                    .push_bind(e.person_id)
                    .push_bind(e.purpose.clone())
                    .push_bind(e.legal_basis.clone())
                    .push_bind(e.case_number.clone())
                    .push_bind(e.request_id.clone())
                    .push_bind(e.detail.clone())
                    .push_bind(prev.clone())
                    .push_bind(h.clone());
            });
            q.build().execute(&mut **t).await?;
        });
    }
    dispatch!(exec tx, t => sqlx::query("UPDATE audit_head SET position = $1, hash = $2 WHERE id = 1").bind(pos).bind(prev).execute(&mut **t).await?);
    Ok(())
}

fn row_to_entry<R: Row>(r: &R) -> Result<ChainedEntry>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Uuid: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Option<Uuid>: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    Vec<u8>: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(ChainedEntry {
        position: r.try_get("position")?,
        entry: AuditEntry {
            id: r.try_get("id")?,
            at: r.try_get("at")?,
            account_id: r.try_get("account_id")?,
            role: r.try_get("role")?,
            action: r.try_get("action")?,
            person_id: r.try_get("person_id")?,
            purpose: r.try_get("purpose")?,
            legal_basis: r.try_get("legal_basis")?,
            case_number: r.try_get("case_number")?,
            request_id: r.try_get("request_id")?,
            detail: r.try_get("detail")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

const COLUMNS: &str = "position, id, at, account_id, role, action, person_id, purpose, legal_basis, case_number, request_id, detail, prev_hash, hash";

/// Entries about one person, newest first: "who looked at my data and why".
pub async fn for_person(db: &Db, person_id: Uuid, before: Option<i64>, limit: i64) -> Result<Vec<ChainedEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE person_id = $1 AND position < $2 ORDER BY position DESC LIMIT $3"
    );
    dispatch!(read db, p => {
        let rows = sqlx::query(&sql).bind(person_id).bind(before.unwrap_or(i64::MAX)).bind(limit).fetch_all(p).await?;
        rows.iter().map(row_to_entry).collect()
    })
}

/// Which entries of a person's log are the person's own reads of their data: entries by their
/// own account whose action reads the person (`person.*`). A migrant opening the cabinet makes
/// one on every page; they are counted for the migrant, not listed (docs/CABINET.md).
const OWN_READS: &str = "account_id = $2 AND action LIKE 'person.%'";

/// Entries about one person except the reads made by `own_account`, newest first: what the
/// migrant's access log lists one by one.
pub async fn for_person_except_own_reads(
    db: &Db,
    person_id: Uuid,
    own_account: Uuid,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<ChainedEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE person_id = $1 AND NOT ({OWN_READS}) AND position < $3 \
         ORDER BY position DESC LIMIT $4"
    );
    dispatch!(read db, p => {
        let rows = sqlx::query(&sql)
            .bind(person_id)
            .bind(own_account)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(p)
            .await?;
        rows.iter().map(row_to_entry).collect()
    })
}

/// How many times `own_account` read the person's data, and when first.
pub async fn own_reads(db: &Db, person_id: Uuid, own_account: Uuid) -> Result<(i64, Option<DateTime<Utc>>)> {
    let count_sql = format!("SELECT COUNT(*) FROM audit_log WHERE person_id = $1 AND {OWN_READS}");
    let first_sql = format!("SELECT at FROM audit_log WHERE person_id = $1 AND {OWN_READS} ORDER BY position LIMIT 1");
    dispatch!(read db, p => {
        let count: i64 = sqlx::query_scalar(&count_sql).bind(person_id).bind(own_account).fetch_one(p).await?;
        let first: Option<DateTime<Utc>> =
            sqlx::query_scalar(&first_sql).bind(person_id).bind(own_account).fetch_optional(p).await?;
        Ok((count, first))
    })
}

/// Entries in chain order from `after` (exclusive), for export and verification.
pub async fn page(db: &Db, after: i64, limit: i64) -> Result<Vec<ChainedEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE position > $1 ORDER BY position LIMIT $2");
    dispatch!(read db, p => {
        let rows = sqlx::query(&sql).bind(after).bind(limit).fetch_all(p).await?;
        rows.iter().map(row_to_entry).collect()
    })
}

/// The outcome of a chain verification.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: i64,
    /// Position and hash of the head, as stored.
    pub head_position: i64,
    /// Hex of the head hash (record it elsewhere to anchor the chain).
    pub head_hash: String,
    /// Every problem found (empty when the log is intact).
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// True when nothing was found.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The chain head: position and hash of the last entry.
async fn read_head(db: &Db) -> Result<(i64, Vec<u8>)> {
    Ok(dispatch!(read db, p => {
        let r = sqlx::query("SELECT position, hash FROM audit_head WHERE id = 1").fetch_one(p).await?;
        (r.try_get(0)?, r.try_get(1)?)
    }))
}

/// Recomputes the whole chain. Streams in pages, so memory stays flat on large logs.
pub async fn verify(db: &Db, sealer: &Sealer) -> Result<VerifyReport> {
    let (mut head_pos, mut head_hash) = (0, Vec::new());
    let mut problems = Vec::new();
    let mut prev = vec![0u8; 32];
    let mut expected = 1i64;
    let mut count = 0i64;
    loop {
        let batch = page(db, expected - 1, 5000).await?;
        if batch.is_empty() {
            // The head is read once the log's end is reached. The server keeps appending while
            // the log is read: a head beyond the end with entries after it means appends, not
            // tampering, so those are read too.
            (head_pos, head_hash) = read_head(db).await?;
            if head_pos > expected - 1 && !page(db, expected - 1, 1).await?.is_empty() {
                continue;
            }
            break;
        }
        for e in batch {
            count += 1;
            if e.position != expected {
                problems.push(format!(
                    "entries {expected}..{} are missing (deleted) or positions were changed",
                    e.position - 1
                ));
                expected = e.position;
            }
            if e.prev_hash != prev {
                problems.push(format!(
                    "entry {} does not follow the previous entry: an entry before it was removed, inserted or altered",
                    e.position
                ));
            }
            let h = link_hash(sealer, e.position, &e.prev_hash, &e.entry);
            if h != e.hash {
                problems.push(format!("entry {} was altered: its content does not match its hash", e.position));
            }
            prev = e.hash;
            expected += 1;
            if problems.len() > 100 {
                problems.push("too many problems; stopping".into());
                return Ok(VerifyReport {
                    entries: count,
                    head_position: head_pos,
                    head_hash: hex::encode(&head_hash),
                    problems,
                });
            }
        }
    }
    if head_pos != expected - 1 {
        problems.push(format!("the head says {head_pos} entries but the log ends at {}: entries were removed from the end or added without the chain", expected - 1));
    } else if head_pos > 0 && head_hash != prev {
        problems.push("the head hash does not match the last entry".into());
    }
    Ok(VerifyReport { entries: count, head_position: head_pos, head_hash: hex::encode(&head_hash), problems })
}

/// A request to record entries, answered once they are committed.
struct Pending {
    entries: Vec<AuditEntry>,
    done: oneshot::Sender<Result<(), String>>,
}

/// Group-commit writer for read-audit entries.
#[derive(Clone, Debug)]
pub struct AuditWriter {
    tx: mpsc::Sender<Pending>,
}

/// The audit log could not record an entry; the caller must not release the data.
#[derive(Debug, thiserror::Error)]
#[error("the audit log is unavailable: {0}")]
pub struct AuditUnavailable(pub String);

impl AuditWriter {
    /// Starts the writer task on the current runtime.
    pub fn start(db: Db, sealer: Sealer) -> Self {
        let (tx, mut rx) = mpsc::channel::<Pending>(8192);
        tokio::spawn(async move {
            let mut batch: Vec<Pending> = Vec::with_capacity(256);
            while let Some(first) = rx.recv().await {
                batch.push(first);
                // Take whatever else is already waiting: under load, batches grow by themselves.
                while batch.len() < 2048 {
                    match rx.try_recv() {
                        Ok(p) => batch.push(p),
                        Err(_) => break,
                    }
                }
                let entries: Vec<AuditEntry> = batch.iter().flat_map(|p| p.entries.iter().cloned()).collect();
                let res = write_batch(&db, &sealer, &entries).await.map_err(|e| e.to_string());
                if let Err(e) = &res {
                    tracing::error!(error = %e, entries = entries.len(), "audit.write_failed");
                }
                for p in batch.drain(..) {
                    let _ = p.done.send(res.clone());
                }
            }
        });
        Self { tx }
    }

    /// Records entries and waits until they are durable.
    pub async fn record(&self, entries: Vec<AuditEntry>) -> Result<(), AuditUnavailable> {
        let (done, wait) = oneshot::channel();
        self.tx.send(Pending { entries, done }).await.map_err(|_| AuditUnavailable("writer stopped".into()))?;
        wait.await.map_err(|_| AuditUnavailable("writer stopped".into()))?.map_err(AuditUnavailable)
    }
}

async fn write_batch(db: &Db, sealer: &Sealer, entries: &[AuditEntry]) -> Result<()> {
    let mut tx = db.begin().await?;
    append(&mut tx, sealer, entries).await?;
    tx.commit().await?;
    Ok(())
}
