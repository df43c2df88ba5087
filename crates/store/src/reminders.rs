//! The daily reminder run: over the registry, which persons are due a reminder today, queued
//! in the outbox once per reason and channel.
//!
//! Candidates are chosen cheaply, without opening a profile: persons whose stored
//! `next_deadline` (the earliest open deadline, kept by every write and by the daily
//! `rosmigration rules run`) is at most 7 days away, and persons with a booking tomorrow. Only
//! they are opened; their legalisation case decides the reminders (`centre::reminders::due`).
//! Run it after the day's `rules run`, so that deadlines born of time alone are in
//! `next_deadline`.
//!
//! Each reminder goes to the cabinet, by SMS to the person's phone and by e-mail when they
//! have an address, in the language they chose in the cabinet or else their citizenship's. The
//! outbox key `{person}:{reason}:{channel}` makes a second run of the same day (or a catch-up
//! run the next day) queue nothing it queued before. SMS and e-mail wait for the end of the
//! quiet hours (`not_before`); the cabinet message is there at once.

use std::collections::{BTreeMap, HashMap};

use centre::reminders::{Arg, BookingRef, QuietHours, Reminder};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use domain::lang::Lang;
use domain::person::{ContactValue, PersonProfile};
use uuid::Uuid;

use crate::db::dispatch;
use crate::error::{Result, StoreError};
use crate::outbox::{Channel, NewNotification};
use crate::{AuditEntry, Store};

/// Options of a run.
#[derive(Debug, Clone, Copy)]
pub struct ReminderOptions {
    /// The day the reminders are for (local calendar).
    pub on: NaiveDate,
    /// Now: quiet hours are counted from it.
    pub now: DateTime<Utc>,
    /// Quiet hours and the region's time zone.
    pub quiet: QuietHours,
    /// Persons opened per page (one transaction each).
    pub page: usize,
}

impl ReminderOptions {
    /// A run for `on` at `now`, in pages of 1,000 persons.
    pub fn new(on: NaiveDate, now: DateTime<Utc>, quiet: QuietHours) -> Self {
        Self { on, now, quiet, page: 1000 }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReminderReport {
    /// Persons opened (a deadline within 7 days, or a booking tomorrow).
    pub candidates: u64,
    /// Persons with at least one reminder due.
    pub persons_reminded: u64,
    /// Reminders due (reasons), before channels.
    pub reminders: u64,
    /// Messages queued now.
    pub queued: u64,
    /// Messages not queued because an earlier run queued them.
    pub already_queued: u64,
    /// Reminders due by template.
    pub by_template: BTreeMap<String, u64>,
}

impl ReminderReport {
    fn add(&mut self, o: ReminderReport) {
        self.persons_reminded += o.persons_reminded;
        self.reminders += o.reminders;
        self.queued += o.queued;
        self.already_queued += o.already_queued;
        for (k, v) in o.by_template {
            *self.by_template.entry(k).or_default() += v;
        }
    }
}

/// A booking row: id, person, step, start, the service point's name.
type BookingRow = (Uuid, Uuid, String, DateTime<Utc>, Option<String>);

impl Store {
    /// The persons to open for `on`: a stored next deadline at most 7 days away, or a booking
    /// tomorrow (local calendar). Returns them in id order, with their bookings of tomorrow.
    pub async fn reminder_candidates(
        &self,
        on: NaiveDate,
        quiet: &QuietHours,
    ) -> Result<(Vec<Uuid>, HashMap<Uuid, Vec<BookingRef>>)> {
        let horizon = on + Days::new(7);
        let mut ids: Vec<Uuid> = dispatch!(read &self.db, p => {
            sqlx::query_scalar(
                "SELECT id FROM persons WHERE next_deadline IS NOT NULL AND next_deadline <= $1 AND merged_into IS NULL",
            )
            .bind(horizon)
            .fetch_all(p)
            .await?
        });
        let local_start = |d: NaiveDate| {
            quiet.tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN)).single().map(|t| t.with_timezone(&Utc))
        };
        let (from, to) = match (local_start(on + Days::new(1)), local_start(on + Days::new(2))) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(StoreError::Corrupt(format!("no local midnight after {on}"))),
        };
        let rows: Vec<BookingRow> = dispatch!(read &self.db, p => {
            sqlx::query_as(
                "SELECT b.id, b.person_id, b.step, b.starts_at, o.name FROM bookings b
                 LEFT JOIN organisations o ON o.id = b.org_id
                 WHERE b.state = 'booked' AND b.starts_at >= $1 AND b.starts_at < $2",
            )
            .bind(from)
            .bind(to)
            .fetch_all(p)
            .await?
        });
        let mut bookings: HashMap<Uuid, Vec<BookingRef>> = HashMap::new();
        for (id, person, step, starts_at, place) in rows {
            ids.push(person);
            bookings.entry(person).or_default().push(BookingRef { id, step, starts_at, place });
        }
        ids.sort_unstable();
        ids.dedup();
        Ok((ids, bookings))
    }

    /// The daily run (see the module doc). `progress(done, total)` is called after each page.
    pub async fn run_reminders(
        &self,
        o: &ReminderOptions,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ReminderReport> {
        let (ids, bookings) = self.reminder_candidates(o.on, &o.quiet).await?;
        let bookings = std::sync::Arc::new(bookings);
        let total = ids.len() as u64;
        let mut report = ReminderReport { candidates: total, ..Default::default() };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let mut done = 0u64;
        for page in ids.chunks(o.page.max(1)) {
            let (profiles, langs) = tokio::try_join!(self.profiles_by_id(page), self.langs_by_id(page))?;
            // Open profiles and compute cases on all cores.
            let chunk = profiles.len().div_ceil(threads).max(1);
            let mut handles = Vec::new();
            let langs = std::sync::Arc::new(langs);
            let mut profiles = profiles;
            while !profiles.is_empty() {
                let part: Vec<_> = profiles.drain(..chunk.min(profiles.len())).collect();
                let (store, bookings, langs, o) = (self.clone(), bookings.clone(), langs.clone(), *o);
                handles.push(tokio::task::spawn_blocking(move || store.reminders_for(part, &bookings, &langs, &o)));
            }
            let mut messages = Vec::new();
            for h in handles {
                let (part_report, part_messages) = h.await.map_err(|e| StoreError::Corrupt(e.to_string()))??;
                report.add(part_report);
                messages.extend(part_messages);
            }
            let (queued, dup) = self.queue_reminders(&messages, o.on).await?;
            report.queued += queued;
            report.already_queued += dup;
            done += page.len() as u64;
            progress(done, total);
        }
        Ok(report)
    }

    /// Opens the persons of one page (merged ones are skipped).
    async fn profiles_by_id(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, Vec<u8>)>> {
        Ok(dispatch!(read &self.db, p => {
            let mut q = sqlx::QueryBuilder::new("SELECT id, profile FROM persons WHERE merged_into IS NULL AND id IN (");
            let mut sep = q.separated(", ");
            for id in ids {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await?
        }))
    }

    /// The languages the persons of one page chose.
    async fn langs_by_id(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, Lang>> {
        let rows: Vec<(Uuid, String)> = dispatch!(read &self.db, p => {
            let mut q = sqlx::QueryBuilder::new("SELECT person_id, lang FROM person_settings WHERE person_id IN (");
            let mut sep = q.separated(", ");
            for id in ids {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build_query_as().fetch_all(p).await?
        });
        Ok(rows.into_iter().filter_map(|(id, l)| l.parse().ok().map(|l| (id, l))).collect())
    }

    /// The messages of one part of a page (runs on a blocking thread).
    fn reminders_for(
        &self,
        rows: Vec<(Uuid, Vec<u8>)>,
        bookings: &HashMap<Uuid, Vec<BookingRef>>,
        langs: &HashMap<Uuid, Lang>,
        o: &ReminderOptions,
    ) -> Result<(ReminderReport, Vec<NewNotification>)> {
        let mut report = ReminderReport::default();
        let mut out = Vec::new();
        let quiet_end = o.quiet.next_allowed(o.now);
        for (id, sealed) in rows {
            let profile = self.open_profile(id, &sealed)?;
            let case = self.legalisation_case(&profile, o.on);
            let due = centre::reminders::due(&case, bookings.get(&id).map_or(&[], Vec::as_slice), o.on, o.quiet.tz);
            if due.is_empty() {
                continue;
            }
            report.persons_reminded += 1;
            let lang = langs.get(&id).copied().unwrap_or_else(|| Lang::for_citizenship(&profile.citizenship));
            let addresses = addresses(&profile);
            for r in due {
                report.reminders += 1;
                *report.by_template.entry(r.template.to_string()).or_default() += 1;
                out.extend(messages(id, &r, lang, &addresses, o.now, quiet_end));
            }
        }
        Ok((report, out))
    }

    /// Queues one page's messages in one transaction with one audit entry; returns (queued,
    /// already queued before).
    async fn queue_reminders(&self, messages: &[NewNotification], on: NaiveDate) -> Result<(u64, u64)> {
        if messages.is_empty() {
            return Ok((0, 0));
        }
        let mut tx = self.db.begin().await?;
        let mut queued = 0;
        for m in messages {
            if self.enqueue_notification_tx(&mut tx, m).await?.is_some() {
                queued += 1;
            }
        }
        let mut e = AuditEntry::new("reminders.queue");
        e.purpose = "daily reminders of deadlines, payments and bookings".into();
        e.detail = format!("{queued} messages queued for {on}");
        crate::audit::append(&mut tx, self.sealer(), &[e]).await?;
        tx.commit().await?;
        Ok((queued, messages.len() as u64 - queued))
    }
}

/// The person's first phone and first e-mail address.
pub(crate) fn addresses(p: &PersonProfile) -> (Option<String>, Option<String>) {
    let phone = p.contacts.iter().find_map(|c| match &c.value {
        ContactValue::Phone(ph) => Some(ph.as_str().to_string()),
        ContactValue::Email(_) => None,
    });
    let email = p.contacts.iter().find_map(|c| match &c.value {
        ContactValue::Email(e) => Some(e.as_str().to_string()),
        ContactValue::Phone(_) => None,
    });
    (phone, email)
}

/// One reminder as messages: the cabinet always, SMS and e-mail where the person has an
/// address (those after the quiet hours).
fn messages(
    person: Uuid,
    r: &Reminder,
    lang: Lang,
    (phone, email): &(Option<String>, Option<String>),
    now: DateTime<Utc>,
    quiet_end: DateTime<Utc>,
) -> Vec<NewNotification> {
    let args: serde_json::Map<String, serde_json::Value> = r
        .args
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Text(s) => serde_json::Value::from(s.as_str()),
                Arg::Number(n) => serde_json::Value::from(*n),
            };
            (k.to_string(), v)
        })
        .collect();
    let targets = [
        (Channel::Cabinet, None, now),
        (Channel::Sms, phone.clone(), quiet_end),
        (Channel::Email, email.clone(), quiet_end),
    ];
    targets
        .into_iter()
        .filter(|(c, to, _)| *c == Channel::Cabinet || to.is_some())
        .map(|(channel, recipient, not_before)| NewNotification {
            person_id: Some(person),
            channel,
            recipient,
            template: r.template.to_string(),
            args: args.clone(),
            lang,
            dedup_key: Some(format!("{person}:{}:{}", r.reason, channel.code())),
            not_before,
        })
        .collect()
}
