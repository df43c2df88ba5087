//! The search query: which index drives it, the conditions, keyset pagination, and the backfill
//! of the search index for databases older than it.
//!
//! The most selective criterion drives the query so that the database touches only the rows that
//! can match: a keyed digest (document, phone, INN), else the name index, else the columns of
//! `persons` with their `(column, id)` indexes (migration 0008). Pages are in registry id order,
//! continuing after the last id shown.

use sqlx::Row;
use uuid::Uuid;

use super::cursor::{Cursor, Mode};
use super::name::prefix_end;
use super::{NameQuery, PersonListItem, PersonQuery, Scope, Script, SearchPage};
use crate::Store;
use crate::db::dispatch;
use crate::error::Result;
use crate::persons::{LOOKUP_CONTACT, LOOKUP_DOCUMENT, LOOKUP_INN};

/// One row of the page query.
struct Hit {
    id: Uuid,
    birth_date: String,
    citizenship: String,
    status: Option<String>,
    next_deadline: Option<chrono::NaiveDate>,
    card: Option<Vec<u8>>,
}

/// Adds the name conditions of every split (`(surname AND given) OR …`) to a query on
/// `person_search`.
fn push_name<'a, DB: sqlx::Database>(b: &mut sqlx::QueryBuilder<'a, DB>, name: &NameQuery, mode: Mode)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    b.push("(");
    for (i, (surname, given)) in name.splits().into_iter().enumerate() {
        if i > 0 {
            b.push(" OR ");
        }
        let (surname, given, s_col, g_col) = match mode {
            Mode::Exact => (surname, given, "surname_key", "given_key"),
            Mode::Similar => {
                (linkage::name::block_key(&surname), linkage::name::block_key(&given), "surname_sound", "given_sound")
            }
        };
        b.push("(");
        if name.is_prefix() && given.is_empty() && mode == Mode::Exact {
            b.push(format_args!("{s_col} >= ")).push_bind(surname.clone());
            b.push(format_args!(" AND {s_col} < ")).push_bind(prefix_end(&surname));
        } else {
            b.push(format_args!("{s_col} = ")).push_bind(surname);
        }
        if !given.is_empty() {
            b.push(format_args!(" AND {g_col} >= ")).push_bind(given.clone());
            b.push(format_args!(" AND {g_col} < ")).push_bind(prefix_end(&given));
        }
        b.push(")");
    }
    b.push(")");
}

impl Store {
    /// Searches persons within a scope, one page of `limit` after `cursor` (from the previous
    /// page of the same search), names in the reader's `script`.
    ///
    /// A name that matches nobody exactly is tried again by its phonetic keys, and the page says
    /// so (`similar`). A cursor of another search, or not made here, is [`crate::StoreError::Invalid`].
    pub async fn search(
        &self,
        q: &PersonQuery,
        scope: Scope,
        cursor: Option<&str>,
        limit: i64,
        script: Script,
    ) -> Result<SearchPage> {
        let cursor = cursor.map(|c| Cursor::decode(c, q, &scope)).transpose()?;
        let (mode, after) = match cursor {
            Some(c) => (c.mode, c.after),
            None => (Mode::Exact, Uuid::nil()),
        };
        let mut hits = self.search_rows(q, &scope, mode, after, limit + 1).await?;
        let mut mode = mode;
        if hits.is_empty() && cursor.is_none() && q.name.is_some() {
            mode = Mode::Similar;
            hits = self.search_rows(q, &scope, mode, after, limit + 1).await?;
        }
        let more = hits.len() as i64 > limit;
        hits.truncate(limit as usize);
        let next_cursor = match (more, hits.last()) {
            (true, Some(last)) => Some(Cursor { mode, after: last.id }.encode(q, &scope)),
            _ => None,
        };
        let mut items = Vec::with_capacity(hits.len());
        for h in hits {
            let (name, other_name) = self.card_or_profile(h.id, h.card.as_deref()).await?.names(script);
            items.push(PersonListItem {
                id: h.id,
                name,
                other_name,
                birth_date: h.birth_date,
                citizenship: h.citizenship,
                status: h.status,
                next_deadline: h.next_deadline,
            });
        }
        Ok(SearchPage { items, next_cursor, similar: mode == Mode::Similar })
    }

    async fn search_rows(&self, q: &PersonQuery, scope: &Scope, mode: Mode, after: Uuid, n: i64) -> Result<Vec<Hit>> {
        let mut digests: Vec<Vec<u8>> = Vec::new();
        if let Some(d) = &q.document_number {
            digests.push(self.sealer().lookup_digest(LOOKUP_DOCUMENT, &domain::validate::document::lookup_form(d)));
        }
        if let Some(p) = &q.phone {
            digests.push(self.sealer().lookup_digest(LOOKUP_CONTACT, p));
        }
        if let Some(i) = &q.inn {
            digests.push(self.sealer().lookup_digest(LOOKUP_INN, i));
        }
        let name_alone = q.name.is_some() && q.criteria_used() == "name" && matches!(scope, Scope::All);
        let rows = dispatch!(read &self.db, p => {
            let mut b = sqlx::QueryBuilder::new(
                "SELECT p.id, p.birth_date, p.citizenship, p.status, p.next_deadline, c.card FROM ",
            );
            let mut name_filter = q.name.as_ref();
            let mut lookup_filters: &[Vec<u8>] = &digests;
            if let Some((first, rest)) = digests.split_first() {
                // A keyed digest names one person or a few: the most selective driver.
                b.push("(SELECT DISTINCT person_id FROM person_lookup WHERE digest = ").push_bind(first.clone());
                b.push(") d JOIN persons p ON p.id = d.person_id");
                lookup_filters = rest;
            } else if let Some(name) = name_filter.take() {
                b.push("(SELECT DISTINCT person_id FROM person_search WHERE person_id > ").push_bind(after);
                b.push(" AND ");
                push_name(&mut b, name, mode);
                if name_alone {
                    // Nothing else to check on `persons` (a merged person has no search rows):
                    // the page is the first ids of the index, read in order off
                    // (surname_key, person_id) for a surname alone, never every namesake.
                    b.push(" ORDER BY person_id LIMIT ").push_bind(n);
                }
                b.push(") d JOIN persons p ON p.id = d.person_id");
            } else {
                b.push("persons p");
            }
            b.push(" LEFT JOIN person_cards c ON c.person_id = p.id WHERE p.merged_into IS NULL AND p.id > ").push_bind(after);
            if let Some(name) = name_filter {
                b.push(" AND p.id IN (SELECT person_id FROM person_search WHERE ");
                push_name(&mut b, name, mode);
                b.push(")");
            }
            for d in lookup_filters {
                b.push(" AND p.id IN (SELECT person_id FROM person_lookup WHERE digest = ").push_bind(d.clone()).push(")");
            }
            if let Some(d) = q.birth_date {
                b.push(" AND p.birth_date = ").push_bind(d.to_string());
            }
            if let Some(y) = q.birth_year {
                b.push(" AND p.birth_year = ").push_bind(i64::from(y));
            }
            if let Some(c) = &q.citizenship {
                b.push(" AND p.citizenship = ").push_bind(c.clone());
            }
            if let Some(st) = &q.status {
                b.push(" AND p.status = ").push_bind(st.clone());
            }
            if let Some(d) = q.deadline_from {
                b.push(" AND p.next_deadline >= ").push_bind(d);
            }
            if let Some(d) = q.deadline_to {
                b.push(" AND p.next_deadline <= ").push_bind(d);
            }
            if let Some(d) = q.task_due_to {
                b.push(" AND p.task_due <= ").push_bind(d);
            }
            if let Scope::Org { org_id, relation, on } = *scope {
                b.push(" AND p.id IN (SELECT person_id FROM person_orgs WHERE org_id = ").push_bind(org_id);
                b.push(" AND relation = ").push_bind(relation);
                b.push(" AND valid_from <= ").push_bind(on);
                b.push(" AND (valid_until IS NULL OR valid_until >= ").push_bind(on).push("))");
            }
            b.push(" ORDER BY p.id LIMIT ").push_bind(n);
            let rows = b.build().fetch_all(p).await?;
            rows.iter()
                .map(|r| {
                    Ok::<_, sqlx::Error>(Hit {
                        id: r.try_get(0)?,
                        birth_date: r.try_get(1)?,
                        citizenship: r.try_get(2)?,
                        status: r.try_get(3)?,
                        next_deadline: r.try_get(4)?,
                        card: r.try_get(5)?,
                    })
                })
                .collect::<std::result::Result<Vec<_>, _>>()?
        });
        Ok(rows)
    }

    /// Rewrites the derived rows (search keys, cards, look-up digests, link keys, organisation
    /// links) of every live person, `batch` persons per transaction; returns how many. For
    /// databases written before the search index (migration 0008) and after a change of the
    /// folding rules.
    pub async fn rebuild_derived(&self, batch: i64) -> Result<u64> {
        let mut after = Uuid::nil();
        let mut n = 0u64;
        loop {
            let profiles = self.live_profiles_after(after, batch).await?;
            let Some(last) = profiles.last() else { break };
            after = last.id;
            let mut tx = self.db.begin().await?;
            for p in &profiles {
                self.delete_derived(&mut tx, p.id).await?;
            }
            let refs: Vec<&domain::person::PersonProfile> = profiles.iter().collect();
            self.insert_derived_of(&mut tx, &refs).await?;
            tx.commit().await?;
            n += profiles.len() as u64;
        }
        Ok(n)
    }

    /// Runs [`Store::rebuild_derived`] when the registry has live persons but no search cards:
    /// a database migrated to 0008 from an older schema. Cheap when there is nothing to do.
    pub async fn backfill_search_index(&self) -> Result<Option<u64>> {
        let needed: bool = dispatch!(read &self.db, p => {
            sqlx::query("SELECT EXISTS (SELECT 1 FROM persons WHERE merged_into IS NULL) AND NOT EXISTS (SELECT 1 FROM person_cards)")
                .fetch_one(p)
                .await?
                .try_get(0)?
        });
        if !needed {
            return Ok(None);
        }
        Ok(Some(self.rebuild_derived(2_000).await?))
    }
}
