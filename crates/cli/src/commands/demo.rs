//! `rosmigration demo` and the demo loader used by `serve --demo`.
//!
//! Generation and sealing (CPU) run on a separate thread from the database writer, connected by
//! a small bounded channel, so both cores work and memory stays flat whatever the region size.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use demo::{DemoConfig, OrgRef, Region};
use domain::event::{Actor, PersonEvent};
use indicatif::{ProgressBar, ProgressStyle};
use store::persons::{NewPersonRows, PreparedPersons, Provenance};
use store::{AuditEntry, Store};

use crate::cli::DemoArgs;
use crate::config::Settings;

/// Runs `rosmigration demo`.
pub async fn run(settings: &Settings, a: DemoArgs) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    if store.count_persons().await? > 0 {
        anyhow::bail!(
            "the database already holds persons; the demo loads into an empty registry (use another --database-url or remove {})",
            store::db::redact(&settings.database_url)
        );
    }
    load(&store, a.seed, a.persons, a.batch).await?;
    print_accounts();
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}

fn provenance(e: &demo::DemoEvent) -> Provenance {
    Provenance { source: e.source, source_record: e.source_record.clone(), actor: Actor::system(), at: e.at }
}

/// Builds one person's rows from its generated history.
fn rows_of(p: demo::DemoPerson) -> anyhow::Result<(NewPersonRows, Vec<PersonEvent>)> {
    let mut events = p.events.into_iter();
    let first = events.next().context("a demo person without events")?;
    let prov = provenance(&first);
    let mut rows = NewPersonRows::build(p.id, first.changes, prov)?;
    let mut later = Vec::new();
    for e in events {
        let prov = provenance(&e);
        later.push(rows.push(e.changes, prov)?);
    }
    Ok((rows, later))
}

/// Generates and writes a demo region: organisations, `persons` persons and one account per role.
pub async fn load(store: &Store, seed: u64, persons: usize, batch: usize) -> anyhow::Result<()> {
    let cfg = DemoConfig { seed, persons, today: domain::clock::today() };
    let region = Region::generate_orgs(&cfg);
    let started = Instant::now();
    let mut tx = store.db.begin().await?;
    store.insert_orgs(&mut tx, &region.orgs).await?;
    let mut e = AuditEntry::new("demo.organisations");
    e.purpose = "demo region".into();
    e.detail = format!("{} organisations", region.orgs.len());
    store::audit::append(&mut tx, store.sealer(), &[e]).await?;
    tx.commit().await?;

    let points = open_points(store, &region, cfg.today).await?;

    let bar = ProgressBar::new(persons as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} demo persons {pos}/{len} [{bar:30}] {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let (tx_batches, mut rx_batches) = tokio::sync::mpsc::channel::<anyhow::Result<PreparedPersons>>(6);
    // Producers take batches of person indices in turn; each person is generated from
    // (seed, index) alone, so the region is the same whatever the number of threads.
    let producers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(4);
    let batch = batch.max(1);
    let handles: Vec<_> = (0..producers)
        .map(|k| {
            let (store, region, tx_batches) = (store.clone(), region.clone(), tx_batches.clone());
            let cfg = DemoConfig { seed, persons, today: cfg.today };
            std::thread::spawn(move || {
                let mut start = k * batch;
                while start < persons {
                    let end = (start + batch).min(persons);
                    let rows: anyhow::Result<Vec<_>> =
                        (start..end).map(|i| rows_of(demo::person(&cfg, &region, i))).collect();
                    let prepared = rows.map(|r| store.prepare_persons(r));
                    let failed = prepared.is_err();
                    if tx_batches.blocking_send(prepared).is_err() || failed {
                        return;
                    }
                    start += producers * batch;
                }
            })
        })
        .collect();
    drop(tx_batches);
    let mut written = 0usize;
    while let Some(prepared) = rx_batches.recv().await {
        let prepared = prepared?;
        let mut tx = store.db.begin().await?;
        store.insert_prepared(&mut tx, &prepared).await?;
        let mut e = AuditEntry::new("demo.persons");
        e.purpose = "demo region".into();
        e.detail = format!("persons {}..{}", written + 1, written + prepared.len());
        store::audit::append(&mut tx, store.sealer(), &[e]).await?;
        tx.commit().await?;
        written += prepared.len();
        bar.set_position(written as u64);
    }
    for h in handles {
        h.join().map_err(|_| anyhow::anyhow!("a demo generator thread panicked"))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    create_accounts(store, &cfg, &region).await?;
    eprintln!(
        "demo region: {written} persons, {} organisations ({points} service points with 30 days of slots) in {seconds:.1} s ({:.0} persons/s)",
        region.orgs.len(),
        written as f64 / seconds
    );
    Ok(())
}

/// Gives every demo service point its booking settings (services by kind, the schedule of its
/// opening hours) and opens its slots for 30 days.
async fn open_points(store: &Store, region: &Region, today: chrono::NaiveDate) -> anyhow::Result<usize> {
    let mut n = 0;
    for org in region.service_points() {
        let settings = store::booking::points::settings_by_kind(org)
            .with_context(|| format!("no booking settings for the demo point {:?}", org.name))?;
        let mut e = AuditEntry::new("service_point.set");
        e.purpose = "demo region".into();
        store.set_service_point(org, &settings, e).await?;
        n += 1;
    }
    store.open_slots(None, today, 30).await?;
    Ok(n)
}

async fn create_accounts(store: &Store, cfg: &DemoConfig, region: &Region) -> anyhow::Result<()> {
    for a in demo::demo_accounts() {
        let org_id = match a.org {
            OrgRef::None => None,
            r => Some(region.org_id(r).with_context(|| format!("the demo region has no organisation for {:?}", r))?),
        };
        let person_id = match a.person_index {
            Some(i) if i < cfg.persons => Some(demo::person(cfg, region, i).id),
            Some(_) => continue,
            None => None,
        };
        let pw = a.password.to_string();
        let password_hash = tokio::task::spawn_blocking(move || server::auth::hash_password(&pw)).await??;
        let new = store::accounts::NewAccount {
            username: a.username.to_string(),
            display_name: a.display_name.to_string(),
            role: a.role,
            org_id,
            person_id,
            password_hash,
        };
        let mut e = AuditEntry::new("account.create");
        e.purpose = "demo region".into();
        store.create_account(&new, e).await?;
    }
    Ok(())
}

/// Prints the demo accounts (demo data only: these passwords are public).
pub fn print_accounts() {
    println!("demo accounts (password in brackets):");
    for a in demo::demo_accounts() {
        println!("  {:<20} {:<12} [{}]  {}", a.role.code(), a.username, a.password, a.display_name);
    }
}
