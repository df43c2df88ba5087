//! Persons: the append-only event history, the derived current profile and the search indexes
//! (the search itself is [`crate::search`]).
//!
//! A write is one transaction: the event row, the re-derived profile row, the search keys, the
//! look-up digests, the organisation links and the audit entry. Concurrent writers to the same
//! person are detected by the unique `(person_id, seq)` pair and the versioned `UPDATE`: the
//! loser gets [`StoreError::Conflict`] and nothing it wrote survives.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use domain::error::{FieldError, ValidationErrors};
use domain::event::{Actor, Change, PersonEvent, SourceAgency};
use domain::input::OrgRefs;
use domain::person::{ContactValue, PermitKind, PersonProfile};
use domain::validate::document::lookup_form;
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::audit::{self, AuditEntry};
use crate::db::{Tx, dispatch};
use crate::error::{Result, StoreError, on_unique};
use crate::search::card::Card;
use crate::search::name::NameKeys;
use crate::status::{Assessment, today};
use crate::{Page, Store};

/// Where a change came from: the provenance recorded with the event.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// Source agency.
    pub source: SourceAgency,
    /// The agency's record id, if any (makes re-imports idempotent).
    pub source_record: Option<String>,
    /// Who.
    pub actor: Actor,
    /// When the registry recorded it.
    pub at: DateTime<Utc>,
}

/// Everything stored for one new person, prepared outside the transaction.
pub struct NewPersonRows {
    profile: PersonProfile,
    event: PersonEvent,
}

impl NewPersonRows {
    /// Builds the first event and the profile it yields. Fails if the changes do not start
    /// with a registration or do not fit together.
    pub fn build(person_id: Uuid, changes: Vec<Change>, prov: Provenance) -> Result<Self> {
        let event = PersonEvent {
            id: Uuid::now_v7(),
            person_id,
            seq: 1,
            recorded_at: prov.at,
            source: prov.source,
            source_record: prov.source_record,
            actor: prov.actor,
            changes,
        };
        let profile = PersonProfile::from_first(&event).map_err(|e| invalid("changes", e.to_string()))?;
        Ok(Self { profile, event })
    }

    /// The profile the person will have.
    pub fn profile(&self) -> &PersonProfile {
        &self.profile
    }

    /// Folds a later event into the prepared rows (the demo generator builds whole histories
    /// before loading them).
    pub fn push(&mut self, changes: Vec<Change>, prov: Provenance) -> Result<PersonEvent> {
        let ev = PersonEvent {
            id: Uuid::now_v7(),
            person_id: self.profile.id,
            seq: self.profile.version + 1,
            recorded_at: prov.at,
            source: prov.source,
            source_record: prov.source_record,
            actor: prov.actor,
            changes,
        };
        // The rows are discarded on error, so the copy that makes `apply` atomic is not needed.
        self.profile.apply_in_place(&ev).map_err(|e| invalid("changes", e.to_string()))?;
        Ok(ev)
    }
}

fn invalid(field: &str, message: String) -> StoreError {
    StoreError::Invalid(ValidationErrors(vec![FieldError { field: field.into(), code: "inconsistent", message }]))
}

pub use crate::search::{PersonQuery, Scope};

/// One line of a search result.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(PartialEq))]
pub struct PersonSummary {
    /// Registry id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Latin name as in the passport, if known.
    pub latin_name: Option<String>,
    /// Date of birth.
    pub birth_date: String,
    /// Citizenship.
    pub citizenship: String,
    /// Sex code.
    pub sex: String,
    /// City district of the current stay.
    pub district: Option<String>,
}

impl PersonSummary {
    /// Summarises a profile.
    pub fn of(p: &PersonProfile, today: NaiveDate) -> Self {
        Self {
            id: p.id,
            name: p.display_name().full(),
            latin_name: p.names.iter().find(|n| n.form == domain::names::NameForm::Latin).map(|n| n.full()),
            birth_date: p.birth_date.to_string(),
            citizenship: p.citizenship.as_str().to_string(),
            sex: p.sex.code().to_string(),
            district: p.stay_on(today).or(p.stays.last()).and_then(|s| s.address.district.clone()),
        }
    }
}

/// Digest kind for document numbers in `person_lookup`.
pub const LOOKUP_DOCUMENT: &str = "document";
/// Digest kind for contacts in `person_lookup`.
pub const LOOKUP_CONTACT: &str = "contact";
/// Digest kind for taxpayer numbers (INN) in `person_lookup`.
pub const LOOKUP_INN: &str = "inn";

impl Store {
    pub(crate) fn seal_profile(&self, p: &PersonProfile) -> Vec<u8> {
        self.sealer().seal(&serde_json::to_vec(p).expect("serialisable"), p.id.as_bytes())
    }

    pub(crate) fn open_profile(&self, id: Uuid, sealed: &[u8]) -> Result<PersonProfile> {
        let plain = self.sealer().open(sealed, id.as_bytes())?;
        serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt(format!("person {id}: {e}")))
    }

    /// Up to `limit` profiles of persons not merged into another, with ids after `after`, in id
    /// order: the page reader of the jobs that walk the whole registry (batch re-link, link-key
    /// backfill). A merged person's facts live on in the survivor, so it is skipped.
    pub(crate) async fn live_profiles_after(&self, after: Uuid, limit: i64) -> Result<Vec<PersonProfile>> {
        let rows: Vec<(Uuid, Vec<u8>)> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT id, profile FROM persons WHERE id > $1 AND merged_into IS NULL ORDER BY id LIMIT $2")
                .bind(after)
                .bind(limit)
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<std::result::Result<_, sqlx::Error>>()?
        });
        rows.iter().map(|(id, sealed)| self.open_profile(*id, sealed)).collect()
    }

    fn lookup_digests(&self, p: &PersonProfile) -> BTreeSet<Vec<u8>> {
        let mut out = BTreeSet::new();
        for d in &p.documents {
            out.insert(self.sealer().lookup_digest(LOOKUP_DOCUMENT, &lookup_form(&d.number)));
        }
        for n in p.permits.iter().filter_map(|p| p.number.as_deref()) {
            out.insert(self.sealer().lookup_digest(LOOKUP_DOCUMENT, &lookup_form(n)));
        }
        for c in &p.contacts {
            let v = match &c.value {
                ContactValue::Phone(p) => p.as_str().to_string(),
                ContactValue::Email(e) => e.as_str().to_string(),
            };
            out.insert(self.sealer().lookup_digest(LOOKUP_CONTACT, &v));
        }
        if let Some(inn) = &p.inn {
            out.insert(self.sealer().lookup_digest(LOOKUP_INN, inn.as_str()));
        }
        out
    }

    /// Turns new persons into ready-to-insert rows: serialises and seals profiles and events and
    /// derives the index rows. Pure CPU work, so bulk loaders run it on other threads than the
    /// database writer.
    pub fn prepare_persons(&self, persons: Vec<(NewPersonRows, Vec<PersonEvent>)>) -> PreparedPersons {
        let on = today();
        let mut rows = Vec::with_capacity(persons.len());
        let mut events: Vec<EventRow> = Vec::new();
        let mut profiles = Vec::with_capacity(persons.len());
        for (mut p, later) in persons {
            let (a, status_event) = self.assess_and_record(&mut p.profile, on);
            rows.push(self.person_row(&p.profile, &a));
            events.push(self.event_row(&p.event));
            events.extend(later.iter().chain(status_event.iter()).map(|e| self.event_row(e)));
            profiles.push(p.profile);
        }
        let refs: Vec<&PersonProfile> = profiles.iter().collect();
        PreparedPersons { rows, events, derived: self.derive(&refs) }
    }

    /// Writes prepared persons in the caller's transaction with multi-row inserts (single
    /// creates and the demo loader share this path).
    pub async fn insert_prepared(&self, tx: &mut Tx, p: &PreparedPersons) -> Result<()> {
        insert_person_rows(tx, &p.rows).await?;
        insert_event_rows(tx, &p.events).await?;
        insert_derived(tx, &p.derived).await
    }

    fn person_row(&self, p: &PersonProfile, a: &Assessment) -> PersonRow {
        let today = a.evaluation.on;
        PersonRow {
            id: p.id,
            version: p.version,
            citizenship: p.citizenship.as_str().to_string(),
            birth_date: p.birth_date.to_string(),
            birth_year: i64::from(p.birth_date.year()),
            sex: p.sex.code().to_string(),
            district: p.stay_on(today).or(p.stays.last()).and_then(|s| s.address.district.clone()),
            profile: self.seal_profile(p),
            created_at: p.created_at,
            updated_at: p.updated_at,
            status: a.status(),
            status_on: a.evaluation.on,
            next_deadline: a.next_deadline,
            task_due: a.task_due,
            evaluation_hash: a.hash.clone(),
        }
    }

    /// Evaluates the person and, if the status changed, records the change as the next event.
    pub(crate) fn assess_and_record(&self, p: &mut PersonProfile, on: NaiveDate) -> (Assessment, Option<PersonEvent>) {
        let a = self.assess(p, on);
        let Some(change) = Store::status_change(p, &a) else {
            return (a, None);
        };
        let ev = PersonEvent {
            id: Uuid::now_v7(),
            person_id: p.id,
            seq: p.version + 1,
            recorded_at: Utc::now(),
            source: SourceAgency::Registry,
            source_record: None,
            actor: Actor::system(),
            changes: vec![Change::StatusChanged(change)],
        };
        p.apply(&ev).expect("a status change always applies");
        (a, Some(ev))
    }

    pub(crate) fn event_row(&self, e: &PersonEvent) -> EventRow {
        let kinds: Vec<&str> = e.changes.iter().map(|c| c.kind()).collect();
        EventRow {
            id: e.id,
            person_id: e.person_id,
            seq: e.seq,
            recorded_at: e.recorded_at,
            source: e.source.code(),
            source_record: e.source_record.clone(),
            actor_account: e.actor.account_id,
            actor_role: e.actor.role.map(|r| r.code()),
            kinds: kinds.join(","),
            payload: self.sealer().seal(&serde_json::to_vec(&e.changes).expect("serialisable"), e.id.as_bytes()),
        }
    }

    fn derive(&self, profiles: &[&PersonProfile]) -> Derived {
        let mut names: BTreeSet<(NameKeys, Uuid)> = BTreeSet::new();
        let mut cards: Vec<(Uuid, Vec<u8>)> = Vec::with_capacity(profiles.len());
        let mut lookups: BTreeSet<(Vec<u8>, Uuid)> = BTreeSet::new();
        let mut link_keys: BTreeSet<(Vec<u8>, Uuid)> = BTreeSet::new();
        let mut folder = linkage::name::Folder::new();
        let mut links: BTreeSet<(Uuid, Uuid, &'static str, NaiveDate, Option<NaiveDate>)> = BTreeSet::new();
        for p in profiles {
            for n in &p.names {
                names.insert((NameKeys::of(&mut folder, &n.surname, &n.given_names), p.id));
            }
            cards.push((p.id, Card::of(p).seal(self.sealer(), p.id)));
            for d in self.lookup_digests(p) {
                lookups.insert((d, p.id));
            }
            for d in self.link_digests(&crate::resolve::keys::KeyParts::of_profile(p), &mut folder, false) {
                link_keys.insert((d, p.id));
            }
            for e in &p.employments {
                links.insert((e.employer_id, p.id, "employee", e.from, e.until));
            }
            for s in p.permits.iter().filter(|s| s.kind == PermitKind::Student) {
                if let Some(org) = s.org_id {
                    links.insert((org, p.id, "student", s.valid_from, s.valid_until));
                }
            }
        }
        Derived {
            names: names.into_iter().collect(),
            cards,
            lookups: lookups.into_iter().collect(),
            link_keys: link_keys.into_iter().collect(),
            links: links.into_iter().collect(),
        }
    }

    pub(crate) async fn delete_derived(&self, tx: &mut Tx, id: Uuid) -> Result<()> {
        for sql in [
            "DELETE FROM person_search WHERE person_id = $1",
            "DELETE FROM person_cards WHERE person_id = $1",
            "DELETE FROM person_lookup WHERE person_id = $1",
            "DELETE FROM link_keys WHERE person_id = $1",
            "DELETE FROM person_orgs WHERE person_id = $1",
        ] {
            dispatch!(exec tx, t => sqlx::query(sql).bind(id).execute(&mut **t).await?);
        }
        Ok(())
    }

    /// Inserts the derived rows of `profiles` (after [`Store::delete_derived`] for each).
    pub(crate) async fn insert_derived_of(&self, tx: &mut Tx, profiles: &[&PersonProfile]) -> Result<()> {
        insert_derived(tx, &self.derive(profiles)).await
    }

    /// Confirms that every referenced organisation exists and is of the required kind.
    pub async fn check_org_refs(&self, tx: &mut Tx, refs: &OrgRefs) -> Result<()> {
        if refs.0.is_empty() {
            return Ok(());
        }
        let ids: Vec<Uuid> = refs.0.iter().map(|r| r.1).collect();
        let kinds = self.org_kinds(tx, &ids).await?;
        let mut errs = ValidationErrors::default();
        for (field, id, want) in &refs.0 {
            match (kinds.get(id), want) {
                (None, _) => errs.push(FieldError {
                    field: field.clone(),
                    code: "unknown_organisation",
                    message: format!("no organisation with id {id}"),
                }),
                (Some(k), Some(w)) if k != w => errs.push(FieldError {
                    field: field.clone(),
                    code: "organisation_kind",
                    message: format!("organisation {id} is a {}, not a {}", k.code(), w.code()),
                }),
                _ => {}
            }
        }
        errs.finish()?;
        Ok(())
    }

    /// Finds the person an agency record was already recorded for (idempotent intake).
    pub async fn person_for_source_record(
        &self,
        tx: &mut Tx,
        source: SourceAgency,
        record: &str,
    ) -> Result<Option<Uuid>> {
        Ok(dispatch!(tx tx, t => {
            sqlx::query("SELECT person_id FROM person_events WHERE source = $1 AND source_record = $2")
                .bind(source.code())
                .bind(record)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?
        }))
    }

    /// Registers a new person from validated changes, with its audit entry, in one transaction.
    /// A repeated submission with the same `source_record` returns the existing person.
    pub async fn create_person(
        &self,
        changes: Vec<Change>,
        refs: &OrgRefs,
        prov: Provenance,
        audit_entry: AuditEntry,
    ) -> Result<(PersonProfile, bool)> {
        let mut tx = self.db.begin().await?;
        if let Some(rec) = &prov.source_record
            && let Some(existing) = self.person_for_source_record(&mut tx, prov.source, rec).await?
        {
            drop(tx);
            return Ok((self.get_person(existing).await?, false));
        }
        self.check_org_refs(&mut tx, refs).await?;
        let rows = NewPersonRows::build(Uuid::now_v7(), changes, prov)?;
        let id = rows.profile.id;
        let prepared = self.prepare_persons(vec![(rows, vec![])]);
        self.insert_prepared(&mut tx, &prepared).await.map_err(dup_record)?;
        audit::append(&mut tx, self.sealer(), &[AuditEntry { person_id: Some(id), ..audit_entry }]).await?;
        tx.commit().await?;
        Ok((self.get_person(id).await?, true))
    }

    /// Appends changes to a person. `expected_version` (from `If-Match`) guards against lost
    /// updates; without it the current version is used and a concurrent writer still conflicts.
    pub async fn append_changes(
        &self,
        person_id: Uuid,
        expected_version: Option<i64>,
        changes: Vec<Change>,
        refs: &OrgRefs,
        prov: Provenance,
        audit_entry: AuditEntry,
    ) -> Result<PersonProfile> {
        let mut tx = self.db.begin().await?;
        if let Some(rec) = &prov.source_record
            && self.person_for_source_record(&mut tx, prov.source, rec).await?.is_some()
        {
            drop(tx);
            return self.get_person(person_id).await;
        }
        self.check_org_refs(&mut tx, refs).await?;
        let profile = self.append_in(&mut tx, person_id, expected_version, changes, prov, None).await?;
        audit::append(&mut tx, self.sealer(), &[AuditEntry { person_id: Some(person_id), ..audit_entry }]).await?;
        tx.commit().await?;
        Ok(profile)
    }

    /// Appends one event to a person in the caller's transaction: locks the profile, folds the
    /// event, writes event and profile (versioned) and re-derives the index rows. No audit entry.
    pub(crate) async fn append_in(
        &self,
        tx: &mut Tx,
        person_id: Uuid,
        expected_version: Option<i64>,
        changes: Vec<Change>,
        prov: Provenance,
        replay: Option<&[PersonEvent]>,
    ) -> Result<PersonProfile> {
        // Lock the person for this transaction (PostgreSQL); SQLite has one writer anyway.
        let sealed: Option<Vec<u8>> = match tx {
            Tx::Sqlite(t) => sqlx::query("SELECT profile FROM persons WHERE id = $1")
                .bind(person_id)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
            Tx::Postgres(t) => sqlx::query("SELECT profile FROM persons WHERE id = $1 FOR UPDATE")
                .bind(person_id)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
        };
        let mut profile = self.open_profile(person_id, &sealed.ok_or(StoreError::NotFound("person"))?)?;
        if let Some(v) = expected_version
            && v != profile.version
        {
            return Err(StoreError::Conflict(format!(
                "the person was changed meanwhile (version {} now, {v} expected): reload and retry",
                profile.version
            )));
        }
        let before = profile.version;
        let ev = PersonEvent {
            id: Uuid::now_v7(),
            person_id,
            seq: before + 1,
            recorded_at: prov.at,
            source: prov.source,
            source_record: prov.source_record,
            actor: prov.actor,
            changes,
        };
        match replay {
            // The whole history folded again (an undone merge drops out of the profile).
            Some(history) => {
                if history.len() as i64 != before || history.last().is_some_and(|e| e.seq != before) {
                    return Err(StoreError::Conflict("the person was changed meanwhile: reload and retry".into()));
                }
                profile = PersonProfile::replay(history.iter().chain(std::iter::once(&ev)))
                    .map_err(|e| invalid("changes", e.to_string()))?;
            }
            None => profile.apply(&ev).map_err(|e| invalid("changes", e.to_string()))?,
        }
        let (assessment, status_event) = self.assess_and_record(&mut profile, today());
        let event_rows: Vec<EventRow> =
            std::iter::once(&ev).chain(status_event.iter()).map(|e| self.event_row(e)).collect();
        insert_event_rows(tx, &event_rows).await.map_err(dup_record)?;
        let row = self.person_row(&profile, &assessment);
        let n = dispatch!(tx tx, t => {
            sqlx::query("UPDATE persons SET version = $1, citizenship = $2, birth_date = $3, birth_year = $4, sex = $5, district = $6, profile = $7, updated_at = $8, status = $11, status_on = $12, next_deadline = $13, evaluation_hash = $14, task_due = $15 WHERE id = $9 AND version = $10")
                .bind(row.version)
                .bind(&row.citizenship)
                .bind(&row.birth_date)
                .bind(row.birth_year)
                .bind(&row.sex)
                .bind(&row.district)
                .bind(&row.profile)
                .bind(row.updated_at)
                .bind(person_id)
                .bind(before)
                .bind(row.status)
                .bind(row.status_on)
                .bind(row.next_deadline)
                .bind(&row.evaluation_hash)
                .bind(row.task_due)
                .execute(&mut **t)
                .await?
                .rows_affected()
        });
        if n != 1 {
            return Err(StoreError::Conflict("the person was changed meanwhile: reload and retry".into()));
        }
        self.delete_derived(tx, person_id).await?;
        insert_derived(tx, &self.derive(&[&profile])).await?;
        Ok(profile)
    }

    /// The current profile.
    pub async fn get_person(&self, id: Uuid) -> Result<PersonProfile> {
        let sealed: Option<Vec<u8>> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT profile FROM persons WHERE id = $1").bind(id).fetch_optional(p).await?.map(|r| r.try_get(0)).transpose()?
        });
        self.open_profile(id, &sealed.ok_or(StoreError::NotFound("person"))?)
    }

    /// The person's history, oldest first, from `after_seq` (exclusive).
    pub async fn history(&self, id: Uuid, after_seq: i64, limit: i64) -> Result<Page<PersonEvent>> {
        let rows: Vec<EventRowRead> = dispatch!(read &self.db, p => {
            let rows = sqlx::query("SELECT id, seq, recorded_at, source, source_record, actor_account, actor_role, payload FROM person_events WHERE person_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
                .bind(id)
                .bind(after_seq)
                .bind(limit + 1)
                .fetch_all(p)
                .await?;
            rows.iter()
                .map(|r| -> Result<EventRowRead, sqlx::Error> {
                    Ok(EventRowRead {
                        id: r.try_get(0)?,
                        seq: r.try_get(1)?,
                        recorded_at: r.try_get(2)?,
                        source: r.try_get(3)?,
                        source_record: r.try_get(4)?,
                        actor_account: r.try_get(5)?,
                        actor_role: r.try_get(6)?,
                        payload: r.try_get(7)?,
                    })
                })
                .collect::<Result<_, _>>()?
        });
        let more = rows.len() as i64 > limit;
        let mut items = Vec::with_capacity(rows.len());
        for r in rows.into_iter().take(limit as usize) {
            let plain = self.sealer().open(&r.payload, r.id.as_bytes())?;
            let changes: Vec<Change> =
                serde_json::from_slice(&plain).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            items.push(PersonEvent {
                id: r.id,
                person_id: id,
                seq: r.seq,
                recorded_at: r.recorded_at,
                source: SourceAgency::from_code(&r.source)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown source {}", r.source)))?,
                source_record: r.source_record,
                actor: Actor {
                    account_id: r.actor_account,
                    role: r.actor_role.as_deref().and_then(domain::access::Role::from_code),
                },
                changes,
            });
        }
        let next_cursor = if more { items.last().map(|e| e.seq.to_string()) } else { None };
        Ok(Page { items, next_cursor })
    }

    /// Every stored byte of the person tables, concatenated: lets tests prove that no document
    /// number or contact is stored in clear. Not for production use (it reads everything).
    #[doc(hidden)]
    pub async fn debug_dump_person_tables(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for (table, cols) in [
            ("persons", "citizenship, birth_date, sex, COALESCE(district, ''), profile"),
            ("person_events", "source, COALESCE(source_record, ''), kinds, payload"),
            ("person_search", "surname_key, given_key, person_id"),
            ("person_cards", "card, person_id"),
            ("person_lookup", "digest, person_id"),
            ("audit_log", "action, purpose, detail"),
        ] {
            let n = cols.split(", ").count();
            let sql = format!("SELECT {cols} FROM {table}");
            dispatch!(read &self.db, p => {
                for r in sqlx::query(&sql).fetch_all(p).await? {
                    for i in 0..n {
                        if let Ok(b) = r.try_get::<Vec<u8>, _>(i) {
                            out.extend_from_slice(&b);
                        } else if let Ok(s) = r.try_get::<String, _>(i) {
                            out.extend_from_slice(s.as_bytes());
                        } else if let Ok(u) = r.try_get::<Uuid, _>(i) {
                            out.extend_from_slice(u.as_bytes());
                        }
                    }
                }
            });
        }
        Ok(out)
    }

    /// Number of persons in the registry.
    pub async fn count_persons(&self) -> Result<i64> {
        Ok(dispatch!(read &self.db, p => sqlx::query("SELECT COUNT(*) FROM persons").fetch_one(p).await?.try_get(0)?))
    }

    /// Some person ids (for load generators and demos), in id order.
    pub async fn person_ids(&self, limit: i64) -> Result<Vec<Uuid>> {
        Ok(dispatch!(read &self.db, p => {
            let rows = sqlx::query("SELECT id FROM persons ORDER BY id LIMIT $1").bind(limit).fetch_all(p).await?;
            rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?
        }))
    }
}

fn dup_record(e: StoreError) -> StoreError {
    match e {
        StoreError::Database(d) => {
            on_unique(d, "this agency record was already recorded, or the person was changed meanwhile")
        }
        e => e,
    }
}

/// Rows of new persons, sealed and ready to insert.
pub struct PreparedPersons {
    rows: Vec<PersonRow>,
    events: Vec<EventRow>,
    derived: Derived,
}

impl PreparedPersons {
    /// How many persons.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

struct Derived {
    names: Vec<(NameKeys, Uuid)>,
    cards: Vec<(Uuid, Vec<u8>)>,
    lookups: Vec<(Vec<u8>, Uuid)>,
    link_keys: Vec<(Vec<u8>, Uuid)>,
    links: Vec<(Uuid, Uuid, &'static str, NaiveDate, Option<NaiveDate>)>,
}

async fn insert_derived(tx: &mut Tx, d: &Derived) -> Result<()> {
    for chunk in d.names.chunks(1500) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO person_search (surname_key, given_key, surname_sound, given_sound, person_id) ");
            q.push_values(chunk, |mut b, (k, id)| {
                b.push_bind(&k.surname).push_bind(&k.given).push_bind(&k.surname_sound).push_bind(&k.given_sound).push_bind(*id);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    for chunk in d.cards.chunks(3000) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO person_cards (person_id, card) ");
            q.push_values(chunk, |mut b, (id, card)| {
                b.push_bind(*id).push_bind(card);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    insert_digests(tx, "person_lookup", &d.lookups).await?;
    insert_digests(tx, "link_keys", &d.link_keys).await?;
    for chunk in d.links.chunks(1500) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO person_orgs (org_id, person_id, relation, valid_from, valid_until) ");
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.0).push_bind(r.1).push_bind(r.2).push_bind(r.3).push_bind(r.4);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    Ok(())
}

/// Inserts `(digest, person_id)` rows into `table` (`person_lookup` or `link_keys`).
pub(crate) async fn insert_digests(tx: &mut Tx, table: &str, rows: &[(Vec<u8>, Uuid)]) -> Result<()> {
    for chunk in rows.chunks(3000) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new(format!("INSERT INTO {table} (digest, person_id) "));
            q.push_values(chunk, |mut b, r| {
                b.push_bind(&r.0).push_bind(r.1);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    Ok(())
}

struct PersonRow {
    id: Uuid,
    version: i64,
    citizenship: String,
    birth_date: String,
    birth_year: i64,
    sex: String,
    district: Option<String>,
    profile: Vec<u8>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    status: &'static str,
    status_on: NaiveDate,
    next_deadline: Option<NaiveDate>,
    task_due: Option<NaiveDate>,
    evaluation_hash: Vec<u8>,
}

/// A sealed event row ready to insert.
pub(crate) struct EventRow {
    id: Uuid,
    person_id: Uuid,
    seq: i64,
    recorded_at: DateTime<Utc>,
    source: &'static str,
    source_record: Option<String>,
    actor_account: Option<Uuid>,
    actor_role: Option<&'static str>,
    kinds: String,
    payload: Vec<u8>,
}

struct EventRowRead {
    id: Uuid,
    seq: i64,
    recorded_at: DateTime<Utc>,
    source: String,
    source_record: Option<String>,
    actor_account: Option<Uuid>,
    actor_role: Option<String>,
    payload: Vec<u8>,
}

async fn insert_person_rows(tx: &mut Tx, rows: &[PersonRow]) -> Result<()> {
    for chunk in rows.chunks(1000) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO persons (id, version, citizenship, birth_date, birth_year, sex, district, profile, created_at, updated_at, status, status_on, next_deadline, evaluation_hash, task_due) ");
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.version)
                    .push_bind(&r.citizenship)
                    .push_bind(&r.birth_date)
                    .push_bind(r.birth_year)
                    .push_bind(&r.sex)
                    .push_bind(&r.district)
                    .push_bind(&r.profile)
                    .push_bind(r.created_at)
                    .push_bind(r.updated_at)
                    .push_bind(r.status)
                    .push_bind(r.status_on)
                    .push_bind(r.next_deadline)
                    .push_bind(&r.evaluation_hash)
                    .push_bind(r.task_due);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    Ok(())
}

pub(crate) async fn insert_event_rows(tx: &mut Tx, rows: &[EventRow]) -> Result<()> {
    for chunk in rows.chunks(1000) {
        dispatch!(tx tx, t => {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO person_events (id, person_id, seq, recorded_at, source, source_record, actor_account, actor_role, kinds, payload) ");
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.person_id)
                    .push_bind(r.seq)
                    .push_bind(r.recorded_at)
                    .push_bind(r.source)
                    .push_bind(&r.source_record)
                    .push_bind(r.actor_account)
                    .push_bind(r.actor_role)
                    .push_bind(&r.kinds)
                    .push_bind(&r.payload);
            });
            q.build().execute(&mut **t).await?;
        });
    }
    Ok(())
}
