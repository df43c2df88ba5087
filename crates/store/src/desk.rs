//! Counts for the staff landing pages: how much work is waiting in each queue. Counts only, no
//! personal data, so a landing page can be shown without a read of any person (and without an
//! audit entry per person).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::Store;
use crate::db::dispatch;
use crate::error::Result;

/// The migration officer's queues.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct OfficerCounts {
    /// Staged records waiting for an officer's linkage decision.
    pub review_open: i64,
    /// Quarantined rows waiting to be corrected or discarded.
    pub quarantine_open: i64,
    /// Merge proposals of the batch re-link waiting for a decision.
    pub merge_proposals_open: i64,
    /// Persons whose stay is no longer lawful (candidates for the register: an officer decides).
    pub irregular: i64,
    /// Persons in violation.
    pub in_violation: i64,
    /// Persons with an open deadline within the next seven days.
    pub deadlines_week: i64,
    /// Persons with an officer's task of the rules engine due by today.
    pub tasks_due: i64,
}

/// The administrator's operations overview (no personal data).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct AdminCounts {
    /// Accounts that can log in.
    pub accounts_active: i64,
    /// Disabled accounts.
    pub accounts_disabled: i64,
    /// Organisations.
    pub organisations: i64,
    /// Intake batches still running.
    pub batches_running: i64,
    /// Intake batches that failed.
    pub batches_failed: i64,
}

/// Reads by one law-enforcement account within one hour.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReadsInHour {
    /// The account.
    pub account_id: Uuid,
    /// Start of the hour (UTC).
    pub hour: String,
    /// Distinct persons read.
    pub persons: i64,
    /// Reads in all.
    pub reads: i64,
}

impl Store {
    async fn count(&self, sql: &str, binds: &[Bind<'_>]) -> Result<i64> {
        Ok(dispatch!(read &self.db, p => {
            let mut q = sqlx::query(sql);
            for b in binds {
                q = match b {
                    Bind::Text(s) => q.bind(*s),
                    Bind::Day(d) => q.bind(*d),
                };
            }
            q.fetch_one(p).await?.try_get::<i64, _>(0)?
        }))
    }

    /// The officer's queue counts; `today` is the region's local day.
    pub async fn officer_counts(&self, today: NaiveDate) -> Result<OfficerCounts> {
        let week = today + chrono::Duration::days(7);
        Ok(OfficerCounts {
            review_open: self.count("SELECT COUNT(*) FROM review_items WHERE state = 'open'", &[]).await?,
            quarantine_open: self.count("SELECT COUNT(*) FROM intake_quarantine WHERE state = 'open'", &[]).await?,
            merge_proposals_open: self.count("SELECT COUNT(*) FROM merge_proposals WHERE state = 'open'", &[]).await?,
            irregular: self.count("SELECT COUNT(*) FROM persons WHERE status = $1", &[Bind::Text("IRREGULAR")]).await?,
            in_violation: self
                .count("SELECT COUNT(*) FROM persons WHERE status = $1", &[Bind::Text("IN_VIOLATION")])
                .await?,
            deadlines_week: self
                .count(
                    "SELECT COUNT(*) FROM persons WHERE next_deadline >= $1 AND next_deadline <= $2",
                    &[Bind::Day(today), Bind::Day(week)],
                )
                .await?,
            tasks_due: self.count("SELECT COUNT(*) FROM persons WHERE task_due <= $1", &[Bind::Day(today)]).await?,
        })
    }

    /// The administrator's counts.
    pub async fn admin_counts(&self) -> Result<AdminCounts> {
        Ok(AdminCounts {
            accounts_active: self.count("SELECT COUNT(*) FROM accounts WHERE disabled = false", &[]).await?,
            accounts_disabled: self.count("SELECT COUNT(*) FROM accounts WHERE disabled = true", &[]).await?,
            organisations: self.count("SELECT COUNT(*) FROM organisations", &[]).await?,
            batches_running: self.count("SELECT COUNT(*) FROM intake_batches WHERE state = 'running'", &[]).await?,
            batches_failed: self.count("SELECT COUNT(*) FROM intake_batches WHERE state = 'failed'", &[]).await?,
        })
    }

    /// Open quarantined rows per reason code, most frequent first, within an optional source
    /// and batch: what to fix first in a feed.
    pub async fn quarantine_reasons(&self, source: Option<&str>, batch: Option<Uuid>) -> Result<Vec<(String, i64)>> {
        Ok(dispatch!(read &self.db, p => {
            let mut b = sqlx::QueryBuilder::new("SELECT code, COUNT(*) FROM intake_quarantine WHERE state = 'open'");
            if let Some(s) = source {
                b.push(" AND source = ").push_bind(s.to_string());
            }
            if let Some(id) = batch {
                b.push(" AND batch_id = ").push_bind(id);
            }
            b.push(" GROUP BY code ORDER BY 2 DESC, 1 LIMIT 100");
            let rows = b.build().fetch_all(p).await?;
            rows.iter().map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?))).collect::<std::result::Result<_, _>>()?
        }))
    }

    /// Law enforcement's reads since `since`, per account and hour, busiest first: the
    /// administrator's oversight of who looks at how many persons.
    pub async fn law_enforcement_reads(&self, since: DateTime<Utc>) -> Result<Vec<ReadsInHour>> {
        let rows: Vec<(Uuid, DateTime<Utc>, Option<Uuid>)> = dispatch!(read &self.db, p => {
            let rows = sqlx::query("SELECT account_id, at, person_id FROM audit_log WHERE role = $1 AND at >= $2 AND account_id IS NOT NULL ORDER BY position")
                .bind("law_enforcement")
                .bind(since)
                .fetch_all(p)
                .await?;
            rows.iter().map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect::<std::result::Result<_, _>>()?
        });
        Ok(hourly(rows))
    }
}

/// Groups reads into (account, hour) cells with the distinct persons and all reads of each.
fn hourly(rows: Vec<(Uuid, DateTime<Utc>, Option<Uuid>)>) -> Vec<ReadsInHour> {
    use std::collections::{BTreeMap, HashSet};
    let mut cells: BTreeMap<(Uuid, String), (HashSet<Uuid>, i64)> = BTreeMap::new();
    for (account, at, person) in rows {
        let hour = at.format("%Y-%m-%dT%H:00Z").to_string();
        let cell = cells.entry((account, hour)).or_default();
        cell.1 += 1;
        if let Some(p) = person {
            cell.0.insert(p);
        }
    }
    let mut out: Vec<ReadsInHour> = cells
        .into_iter()
        .map(|((account_id, hour), (persons, reads))| ReadsInHour {
            account_id,
            hour,
            persons: persons.len() as i64,
            reads,
        })
        .collect();
    out.sort_by(|a, b| b.persons.cmp(&a.persons).then(b.hour.cmp(&a.hour)));
    out
}

/// A bound value of a count query.
enum Bind<'a> {
    Text(&'a str),
    Day(NaiveDate),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_grouped_per_account_and_hour_with_distinct_persons() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let (p1, p2) = (Uuid::now_v7(), Uuid::now_v7());
        let t = |h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap().and_hms_opt(h, m, 0).unwrap().and_utc()
        };
        let cells = hourly(vec![
            (a, t(10, 1), Some(p1)),
            (a, t(10, 5), Some(p1)),
            (a, t(10, 59), Some(p2)),
            (a, t(11, 0), Some(p1)),
            (b, t(10, 30), None),
        ]);
        assert_eq!(cells[0], ReadsInHour { account_id: a, hour: "2026-12-08T10:00Z".into(), persons: 2, reads: 3 });
        assert_eq!(cells.len(), 3);
        assert!(cells.iter().any(|c| c.account_id == b && c.persons == 0 && c.reads == 1));
    }
}
