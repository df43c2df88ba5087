//! `rosmigration resolve`: link the staged agency records to the registry.
//!
//! Each pending record is linked to its person (its fact applied), registered as a new person,
//! or sent to review; see `store::resolve`. Safe to interrupt and run again: a record is marked
//! only after its event is written, and a repeated event is a no-op.

use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use store::Store;
use store::resolve::ResolveSummary;

use crate::cli::ResolveArgs;
use crate::config::Settings;

/// Runs `rosmigration resolve`.
pub async fn run(settings: &Settings, a: ResolveArgs) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let started = Instant::now();
    if a.backfill_keys {
        let n = store.backfill_link_keys(2_000).await?;
        println!("link keys rebuilt for {n} persons in {:.1} s", started.elapsed().as_secs_f64());
    }
    let total = resolve_all(&store, a.batch, a.limit, false).await?;
    store.db.close().await;
    println!("{} in {:.1} s", line(&total), started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

/// Resolves pending records in batches of `batch` until none is left or `limit` are done, with a
/// spinner unless `quiet`. Shared by `resolve` and `import` (which resolves after staging).
pub async fn resolve_all(store: &Store, batch: i64, limit: Option<u64>, quiet: bool) -> anyhow::Result<ResolveSummary> {
    let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
    bar.set_style(ProgressStyle::with_template("{spinner} resolving: {msg}").expect("valid template"));
    let mut total = ResolveSummary::default();
    let limit = limit.unwrap_or(u64::MAX);
    while total.processed < limit {
        let n = batch.clamp(1, 100_000).min((limit - total.processed).min(i64::MAX as u64) as i64);
        let s = store.resolve_pending(n).await?;
        if s.processed == 0 {
            break;
        }
        total.processed += s.processed;
        total.linked += s.linked;
        total.created += s.created;
        total.review += s.review;
        total.unchanged += s.unchanged;
        bar.set_message(line(&total));
        bar.tick();
    }
    bar.finish_and_clear();
    Ok(total)
}

/// The summary line of a resolve run.
pub fn line(s: &ResolveSummary) -> String {
    format!(
        "{} records: {} linked, {} new persons, {} to review, {} unchanged",
        s.processed, s.linked, s.created, s.review, s.unchanged
    )
}
