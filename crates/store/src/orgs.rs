//! Organisations: employers, universities, service points.

use chrono::Utc;
use domain::org::{OrgKind, Organisation};
use sqlx::Row;
use uuid::Uuid;

use crate::db::{Db, Tx, dispatch};
use crate::error::{Result, StoreError, on_unique};
use crate::{Page, Store};

/// One organisation row to insert: id, kind, name, INN, OGRN, JSON.
type OrgRow = (Uuid, &'static str, String, Option<String>, Option<String>, String);

impl Store {
    /// Inserts organisations in the caller's transaction (the demo loads many at once).
    pub async fn insert_orgs(&self, tx: &mut Tx, orgs: &[Organisation]) -> Result<()> {
        let now = Utc::now();
        for chunk in orgs.chunks(500) {
            let rows: Vec<OrgRow> = chunk
                .iter()
                .map(|o| {
                    let data = serde_json::to_string(o).expect("serialisable");
                    (
                        o.id,
                        o.kind.code(),
                        o.name.clone(),
                        o.inn.as_ref().map(|i| i.as_str().to_string()),
                        o.ogrn.as_ref().map(|i| i.as_str().to_string()),
                        data,
                    )
                })
                .collect();
            dispatch!(tx tx, t => {
                let mut q = sqlx::QueryBuilder::new("INSERT INTO organisations (id, kind, name, inn, ogrn, data, created_at) ");
                q.push_values(&rows, |mut b, r| {
                    b.push_bind(r.0).push_bind(r.1).push_bind(r.2.clone()).push_bind(r.3.clone()).push_bind(r.4.clone()).push_bind(r.5.clone()).push_bind(now);
                });
                q.build().execute(&mut **t).await.map_err(|e| on_unique(e, "an organisation of this kind with this INN is already registered"))?;
            });
        }
        Ok(())
    }

    /// One organisation.
    pub async fn get_org(&self, id: Uuid) -> Result<Organisation> {
        let data: Option<String> = dispatch!(read &self.db, p => {
            sqlx::query("SELECT data FROM organisations WHERE id = $1").bind(id).fetch_optional(p).await?.map(|r| r.try_get(0)).transpose()?
        });
        let data = data.ok_or(StoreError::NotFound("organisation"))?;
        serde_json::from_str(&data).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    /// Organisations of a kind (or all), by name, paginated by a name+id cursor.
    pub async fn list_orgs(
        &self,
        kind: Option<OrgKind>,
        after: Option<Uuid>,
        limit: i64,
    ) -> Result<Page<Organisation>> {
        let kind = kind.map(|k| k.code());
        let after = after.unwrap_or(Uuid::nil());
        let rows: Vec<String> = dispatch!(read &self.db, p => {
            let rows = sqlx::query("SELECT data FROM organisations WHERE ($1 IS NULL OR kind = $1) AND id > $2 ORDER BY id LIMIT $3")
                .bind(kind)
                .bind(after)
                .bind(limit + 1)
                .fetch_all(p)
                .await?;
            rows.iter().map(|r| r.try_get::<String, _>(0)).collect::<Result<_, _>>()?
        });
        let mut items: Vec<Organisation> = rows
            .iter()
            .map(|d| serde_json::from_str(d).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect::<Result<_>>()?;
        let next_cursor = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|o| o.id.to_string())
        } else {
            None
        };
        Ok(Page { items, next_cursor })
    }

    /// The kinds of the given organisations (missing ids are absent from the map).
    pub async fn org_kinds(&self, tx: &mut Tx, ids: &[Uuid]) -> Result<std::collections::HashMap<Uuid, OrgKind>> {
        let mut out = std::collections::HashMap::new();
        for id in ids {
            let kind: Option<String> = dispatch!(tx tx, t => {
                sqlx::query("SELECT kind FROM organisations WHERE id = $1").bind(*id).fetch_optional(&mut **t).await?.map(|r| r.try_get(0)).transpose()?
            });
            if let Some(k) = kind.as_deref().and_then(OrgKind::from_code) {
                out.insert(*id, k);
            }
        }
        Ok(out)
    }

    /// Creates one organisation.
    pub async fn create_org(&self, org: &Organisation, audit: crate::AuditEntry) -> Result<()> {
        let mut tx = self.db.begin().await?;
        self.insert_orgs(&mut tx, std::slice::from_ref(org)).await?;
        crate::audit::append(&mut tx, self.sealer(), &[audit]).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether any organisation exists (used by the demo to skip re-seeding).
    pub async fn has_orgs(&self, db: &Db) -> Result<bool> {
        let n: i64 =
            dispatch!(read db, p => sqlx::query("SELECT COUNT(*) FROM organisations").fetch_one(p).await?.try_get(0)?);
        Ok(n > 0)
    }
}
