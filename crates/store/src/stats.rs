//! Aggregates for analysts: counts only, with small cells suppressed.
//!
//! An analyst never sees a person. Counts below [`MIN_CELL`] are suppressed (returned as
//! `None`), because a count of 1 or 2 in a narrow group can identify someone.

use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::db::dispatch;
use crate::error::Result;

/// The smallest count that is shown.
pub const MIN_CELL: i64 = 5;

/// One group and its count.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Cell {
    /// The group's value (citizenship code, district, sex).
    pub key: String,
    /// The count, or none when below the disclosure threshold.
    pub count: Option<i64>,
}

/// Registry totals by dimension.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// All persons.
    pub total: i64,
    /// By citizenship.
    pub by_citizenship: Vec<Cell>,
    /// By district of the current stay.
    pub by_district: Vec<Cell>,
    /// By sex.
    pub by_sex: Vec<Cell>,
}

impl Store {
    /// Counts by citizenship, district and sex.
    pub async fn overview(&self) -> Result<Overview> {
        let total = self.count_persons().await?;
        let group = |col: &'static str| async move {
            let sql = format!("SELECT COALESCE({col}, '—'), COUNT(*) FROM persons GROUP BY 1 ORDER BY 2 DESC");
            let rows: Vec<(String, i64)> = dispatch!(read &self.db, p => {
                let rows = sqlx::query(&sql).fetch_all(p).await?;
                rows.iter().map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, _>>()?
            });
            Ok::<_, crate::StoreError>(
                rows.into_iter().map(|(key, n)| Cell { key, count: (n >= MIN_CELL).then_some(n) }).collect::<Vec<_>>(),
            )
        };
        Ok(Overview {
            total,
            by_citizenship: group("citizenship").await?,
            by_district: group("district").await?,
            by_sex: group("sex").await?,
        })
    }
}
