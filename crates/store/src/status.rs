//! The computed legal status of each person, kept in step with their history.
//!
//! Every write re-evaluates the person with the rules engine in the same transaction; the daily
//! job ([`Store::recompute_statuses`]) re-evaluates everyone because time alone changes status
//! (a deadline passes, a stay limit is reached). Status, next open deadline and a hash of what
//! the evaluation decides are stored (in clear, for work lists), and rewritten only when that
//! changes; the full evaluation with its explanations is a pure function of the profile and the
//! day, so it is computed on read for today and compared with the stored hash (see
//! [`Store::person_status`]). A change of status is appended to the person's history as a
//! `StatusChanged` event with the rules behind it.

use chrono::NaiveDate;
use domain::facts::StatusChange;
use domain::person::PersonProfile;
use rules::{Evaluation, ObligationState, Status};
use sha2::{Digest, Sha256};

use crate::Store;

/// Today's date in the region (`domain::clock`): legal deadlines run by local calendar days,
/// not UTC ones.
pub use domain::clock::today;

/// One person's evaluation, ready to store.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The evaluation.
    pub evaluation: Evaluation,
    /// Earliest deadline of an open obligation.
    pub next_deadline: Option<NaiveDate>,
    /// Earliest due day of the officer's tasks the rules raise for the person.
    pub task_due: Option<NaiveDate>,
    /// Hash of the evaluation without its date: equal hashes mean nothing changed.
    pub hash: Vec<u8>,
}

impl Assessment {
    /// The status code as stored ("AT_RISK").
    pub fn status(&self) -> &'static str {
        self.evaluation.status.as_str()
    }
}

impl Store {
    /// Evaluates a person on a date.
    /// The evaluation is the engine's text-free one (`evaluate_plain`): what is stored and
    /// hashed is the structured content; texts are rendered when someone reads them.
    pub fn assess(&self, p: &PersonProfile, on: NaiveDate) -> Assessment {
        let facts = rules::profile::facts_from_profile(p, self.rules.config().region);
        let evaluation = self.rules.evaluate_plain(&facts, on);
        let next_deadline =
            evaluation.obligations.iter().filter(|o| o.state == ObligationState::Open).map(|o| o.deadline).min();
        let task_due = evaluation.tasks.iter().map(|t| t.due).min();
        Assessment { hash: evaluation_hash(&evaluation), evaluation, next_deadline, task_due }
    }
}

/// Hash of what an evaluation decides, so that an unchanged evaluation is recognised without
/// decrypting or re-reading the stored one.
///
/// Left out are the figures that move every day by arithmetic alone: the day counters of the stay
/// (days in the year, continuous days), the overstay count of an entry ban, and the dates of a
/// ban that is only projected from today. Hashing them made the daily job rewrite nine persons in
/// ten every day with nothing decided differently (docs/BENCHMARKS.md). What is kept (status,
/// every obligation with its deadline and state, violations, tasks, ban length, stay dates, rule
/// set, warnings) changes exactly when something the officer or the person must act on changes.
fn evaluation_hash(e: &Evaluation) -> Vec<u8> {
    let mut h = Sha256::new();
    let stay = e.stay.map(|s| (s.entry, s.visa_free_until, s.lawful_until));
    let ban =
        e.entry_ban.as_ref().map(|b| (b.rule_id, b.years, b.projected, (!b.projected).then_some((b.from, b.until))));
    let content = (&e.status, &e.obligations, &e.violations, &e.tasks, ban, stay, &e.rule_set, &e.warnings);
    serde_json::to_writer(HashWriter(&mut h), &content).expect("serialisable");
    h.finalize()[..16].to_vec()
}

/// Feeds serialised bytes straight into a hasher, without an intermediate buffer.
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Store {
    /// The history entry to record if the status differs from the last recorded one.
    pub fn status_change(p: &PersonProfile, a: &Assessment) -> Option<StatusChange> {
        let previous = p.status.as_ref().map(|s| s.status.clone());
        if previous.as_deref() == Some(a.status()) {
            return None;
        }
        let e = &a.evaluation;
        let mut rules: Vec<String> = match e.status {
            Status::InViolation | Status::Irregular => e
                .violations
                .iter()
                .filter(|v| v.remedied_on.is_none())
                .map(|v| v.rule_id.as_str().to_string())
                .collect(),
            Status::AtRisk => e
                .obligations
                .iter()
                .filter(|o| o.state == ObligationState::Open)
                .map(|o| o.rule_id.as_str().to_string())
                .collect(),
            Status::Legal | Status::Departed => vec![],
        };
        rules.sort();
        rules.dedup();
        Some(StatusChange { status: a.status().to_string(), previous, on: e.on, rule_set: e.rule_set.clone(), rules })
    }

    /// The person's legalisation case on a day (derived from the rules engine's evaluation of
    /// the profile; see `centre::case`).
    pub fn legalisation_case(&self, profile: &PersonProfile, on: NaiveDate) -> centre::case::Case {
        let facts = rules::profile::facts_from_profile(profile, self.rules.config().region);
        centre::case::legalisation_case(profile, &self.rules.evaluate_plain(&facts, on))
    }

    /// A person's status with its full evaluation as of today, and how it stands against the
    /// stored one. The profile has already been read (and access to it checked) by the caller.
    ///
    /// The evaluation is a pure function of the profile and the day, so it is computed for today
    /// rather than kept: the texts then give today's remaining days. The stored status is what
    /// work lists and history use; `matches` says whether today's evaluation decides the same
    /// (it differs only between midnight and the daily job, or after the rule data changed).
    pub async fn person_status(&self, profile: &PersonProfile) -> crate::Result<StoredStatus> {
        use sqlx::Row;
        let row: Option<StatusRow> = crate::db::dispatch!(read &self.db, p => {
            match sqlx::query("SELECT status, status_on, evaluation_hash FROM persons WHERE id = $1").bind(profile.id).fetch_optional(p).await? {
                Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)),
                None => None,
            }
        });
        let (stored_status, stored_on, hash) = row.ok_or(crate::StoreError::NotFound("person"))?;
        let on = today();
        let now = self.assess(profile, on);
        let matches = hash.as_deref() == Some(now.hash.as_slice());
        let facts = rules::profile::facts_from_profile(profile, self.rules.config().region);
        Ok(StoredStatus {
            status: now.status().to_string(),
            on,
            next_deadline: now.next_deadline,
            stored_status,
            stored_on,
            evaluation: self.rules.evaluate(&facts, on),
            matches,
        })
    }
}

/// Status columns as read: status, day of the stored evaluation, its hash.
type StatusRow = (Option<String>, Option<NaiveDate>, Option<Vec<u8>>);

/// A stored person as the daily job reads it: id, version, sealed profile, evaluation hash.
type StoredPerson = (uuid::Uuid, i64, Vec<u8>, Option<Vec<u8>>);

/// A person's status as of today, beside the stored one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredStatus {
    /// Status code computed for today.
    pub status: String,
    /// Today in the region's time: the day the evaluation is for.
    pub on: NaiveDate,
    /// Earliest open deadline as of today.
    pub next_deadline: Option<NaiveDate>,
    /// The stored status (what work lists show), once computed.
    pub stored_status: Option<String>,
    /// Day the stored evaluation was computed for: the last day its content changed.
    pub stored_on: Option<NaiveDate>,
    /// Obligations, violations and tasks with their rules, sources and explanations.
    pub evaluation: Evaluation,
    /// True when today's evaluation decides what the stored one did.
    pub matches: bool,
}

/// What a recompute run did.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RecomputeReport {
    /// Persons evaluated.
    pub persons: u64,
    /// Persons whose stored evaluation changed.
    pub updated: u64,
    /// Persons whose status changed (each got a history event).
    pub status_changed: u64,
    /// Persons skipped because they were changed concurrently (their write recomputed them).
    pub skipped: u64,
}

impl RecomputeReport {
    /// Adds a page's write outcome (the persons count is kept by the reader).
    fn add(&mut self, w: RecomputeReport) {
        self.updated += w.updated;
        self.status_changed += w.status_changed;
        self.skipped += w.skipped;
    }
}

/// Changed evaluations written per transaction by the daily job.
const WRITE_BATCH: usize = 4096;

/// The outcome of evaluating one stored person, computed off the async threads.
struct Recomputed {
    id: uuid::Uuid,
    old_version: i64,
    profile: Option<(Vec<u8>, i64)>,
    event: Option<crate::persons::EventRow>,
    status: &'static str,
    next_deadline: Option<NaiveDate>,
    task_due: Option<NaiveDate>,
    hash: Vec<u8>,
}

impl Store {
    /// Re-evaluates every person on `on` (the daily job). Reads in id order in pages, evaluates
    /// on all cores, and writes only what changed, in transactions of up to `WRITE_BATCH` persons; a status change is
    /// appended to the person's history. A person written concurrently is skipped: that write
    /// already recomputed them.
    pub async fn recompute_statuses(
        &self,
        on: NaiveDate,
        page: i64,
        mut progress: impl FnMut(u64),
    ) -> crate::Result<RecomputeReport> {
        let mut report = RecomputeReport::default();
        let mut writing: Option<tokio::task::JoinHandle<crate::Result<RecomputeReport>>> = None;
        let mut pending: Vec<Recomputed> = Vec::new();
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        // The next page is read while this one is evaluated and written, so the database and the
        // cores work at the same time.
        let mut next = self.spawn_page_read(uuid::Uuid::nil(), page);
        loop {
            let rows = next.await.map_err(|e| crate::StoreError::Corrupt(e.to_string()))??;
            let Some(last) = rows.last() else { break };
            let after = last.0;
            next = self.spawn_page_read(after, page);
            report.persons += rows.len() as u64;
            let chunk = rows.len().div_ceil(threads).max(1);
            let mut handles = Vec::new();
            let mut rows = rows;
            while !rows.is_empty() {
                let part: Vec<_> = rows.drain(..chunk.min(rows.len())).collect();
                let store = self.clone();
                handles.push(tokio::task::spawn_blocking(move || store.recompute_part(part, on)));
            }
            let mut changed = Vec::new();
            for h in handles {
                changed.extend(h.await.map_err(|e| crate::StoreError::Corrupt(e.to_string()))??);
            }
            // Changes are written in batches of several pages (each commit of a large SQLite
            // file costs a WAL checkpoint sooner or later; on a normal day 2-3 % of persons
            // change, a few dozen per page), with one batch in flight while the next pages are
            // evaluated.
            pending.extend(changed);
            if pending.len() >= WRITE_BATCH {
                if let Some(w) = writing.take() {
                    report.add(w.await.map_err(|e| crate::StoreError::Corrupt(e.to_string()))??);
                }
                let batch = std::mem::take(&mut pending);
                let store = self.clone();
                writing = Some(tokio::spawn(async move { store.write_recomputed(&batch, on, after).await }));
            }
            progress(report.persons);
        }
        if let Some(w) = writing.take() {
            report.add(w.await.map_err(|e| crate::StoreError::Corrupt(e.to_string()))??);
        }
        if let Some(last) = pending.last() {
            let after = last.id;
            report.add(self.write_recomputed(&pending, on, after).await?);
        }
        Ok(report)
    }

    /// Writes one page's changed evaluations in one transaction; a person written meanwhile
    /// (version moved on) is skipped, as that write already re-evaluated them.
    async fn write_recomputed(
        &self,
        changed: &[Recomputed],
        on: NaiveDate,
        after: uuid::Uuid,
    ) -> crate::Result<RecomputeReport> {
        use crate::db::dispatch;
        let mut report = RecomputeReport::default();
        let mut tx = self.db.begin().await?;
        for c in changed {
            let n = match &c.profile {
                Some((sealed_profile, version)) => dispatch!(tx &mut tx, t => {
                    sqlx::query("UPDATE persons SET version = $1, profile = $2, status = $3, status_on = $4, next_deadline = $5, evaluation_hash = $6, task_due = $9 WHERE id = $7 AND version = $8")
                        .bind(*version).bind(sealed_profile).bind(c.status).bind(on).bind(c.next_deadline).bind(&c.hash).bind(c.id).bind(c.old_version).bind(c.task_due)
                        .execute(&mut **t).await?.rows_affected()
                }),
                None => dispatch!(tx &mut tx, t => {
                    sqlx::query("UPDATE persons SET status = $1, status_on = $2, next_deadline = $3, evaluation_hash = $4, task_due = $7 WHERE id = $5 AND version = $6")
                        .bind(c.status).bind(on).bind(c.next_deadline).bind(&c.hash).bind(c.id).bind(c.old_version).bind(c.task_due)
                        .execute(&mut **t).await?.rows_affected()
                }),
            };
            if n == 0 {
                report.skipped += 1;
                continue;
            }
            report.updated += 1;
            if let Some(ev) = &c.event {
                crate::persons::insert_event_rows(&mut tx, std::slice::from_ref(ev)).await?;
                report.status_changed += 1;
            }
        }
        let mut e = crate::AuditEntry::new("rules.recompute");
        e.purpose = "daily recomputation of legal status".into();
        e.detail = format!("{} persons updated up to {after}", report.updated);
        crate::audit::append(&mut tx, self.sealer(), &[e]).await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Reads one page of persons for the daily job, in id order after `after`, on its own task.
    fn spawn_page_read(
        &self,
        after: uuid::Uuid,
        page: i64,
    ) -> tokio::task::JoinHandle<crate::Result<Vec<StoredPerson>>> {
        use sqlx::Row;
        let store = self.clone();
        tokio::spawn(async move {
            let rows: Vec<StoredPerson> = crate::db::dispatch!(read &store.db, p => {
                let rows = sqlx::query("SELECT id, version, profile, evaluation_hash FROM persons WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after)
                    .bind(page)
                    .fetch_all(p)
                    .await?;
                rows.iter()
                    .map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
                    .collect::<Result<_, _>>()?
            });
            Ok(rows)
        })
    }

    fn recompute_part(&self, rows: Vec<StoredPerson>, on: NaiveDate) -> crate::Result<Vec<Recomputed>> {
        let mut out = Vec::new();
        for (id, version, sealed, old_hash) in rows {
            let mut profile = self.open_profile(id, &sealed)?;
            let (a, status_event) = self.assess_and_record(&mut profile, on);
            if old_hash.as_deref() == Some(a.hash.as_slice()) {
                continue;
            }
            let (profile_update, event) = match status_event {
                Some(ev) => (Some((self.seal_profile(&profile), profile.version)), Some(self.event_row(&ev))),
                None => (None, None),
            };
            out.push(Recomputed {
                id,
                old_version: version,
                profile: profile_update,
                event,
                status: a.status(),
                next_deadline: a.next_deadline,
                task_due: a.task_due,
                hash: a.hash,
            });
        }
        Ok(out)
    }
}
