//! `rosmigration bench booking`: booking throughput on the configured database.
//!
//! Each run makes its own medical centre (one slot of 500 places every 30 minutes, all week),
//! registers `persons` persons (not timed), then books one medical examination for each, from
//! `concurrency` tasks at once, through `Store::book` — the same transaction the API runs (step
//! order against the person's case, the conditional counter, the booking row, the audit entry).
//! Prints bookings/s per run and the median. Use a scratch database: it is left filled.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use centre::case::StepKind;
use chrono::{Duration, Utc};
use domain::event::{Actor, SourceAgency};
use domain::org::{OrgKind, Organisation};
use store::booking::points::PointSettings;
use store::booking::{NewBooking, SlotQuery, WeeklySchedule, local_day};
use store::persons::{NewPersonRows, Provenance};
use store::{AuditEntry, Store};
use uuid::Uuid;

use crate::config::Settings;

/// Runs the booking benchmark.
pub async fn run(settings: &Settings, persons: usize, runs: usize, concurrency: usize) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let mut rates = Vec::new();
    for run in 1..=runs.max(1) {
        let (slots, people) = prepare(&store, persons).await?;
        let next = Arc::new(AtomicUsize::new(0));
        let (slots, people) = (Arc::new(slots), Arc::new(people));
        let started = Instant::now();
        let tasks: Vec<_> = (0..concurrency.max(1))
            .map(|_| {
                let (store, next, slots, people) = (store.clone(), next.clone(), slots.clone(), people.clone());
                tokio::spawn(async move {
                    let now = Utc::now();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&person) = people.get(i) else { return Ok::<_, anyhow::Error>(()) };
                        let req = NewBooking {
                            person_id: person,
                            slot_id: slots[i % slots.len()],
                            booked_by: person,
                            idempotency_key: None,
                        };
                        store.book(&req, now, AuditEntry::new("booking.create")).await.context("a booking failed")?;
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await??;
        }
        let secs = started.elapsed().as_secs_f64();
        let rate = people.len() as f64 / secs;
        println!("run {run}: {} bookings in {secs:.2} s = {rate:.0} bookings/s", people.len());
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "booking throughput ({:?}, {persons} persons, {concurrency} concurrent): median {:.0} bookings/s of {} runs",
        store.db.backend(),
        rates[rates.len() / 2],
        rates.len()
    );
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}

/// A fresh point with its slots, and `n` registered persons.
async fn prepare(store: &Store, n: usize) -> anyhow::Result<(Vec<Uuid>, Vec<Uuid>)> {
    let org = Organisation {
        id: Uuid::now_v7(),
        kind: OrgKind::MedicalCentre,
        name: "Бенчмарк: медицинский центр".into(),
        inn: None,
        ogrn: None,
        address: None,
        anchor: false,
        languages: vec!["ru".into()],
        opening_hours: None,
    };
    store.create_org(&org, AuditEntry::new("bench.org")).await?;
    let schedule: WeeklySchedule = serde_json::from_value(serde_json::json!(
        {"hours": [{"weekdays": [1, 2, 3, 4, 5, 6, 7], "open": "08:00:00", "close": "20:00:00"}]}
    ))?;
    let settings = PointSettings { services: vec![StepKind::MedicalExam], schedule, slot_minutes: 30, capacity: 500 };
    store.set_service_point(&org, &settings, AuditEntry::new("bench.point")).await?;
    let from = local_day(Utc::now()) + Duration::days(1);
    store.open_slots(Some(org.id), from, 30).await?;
    let q = SlotQuery {
        service: Some(StepKind::MedicalExam),
        point: Some(org.id),
        from: Utc::now(),
        to: Utc::now() + Duration::days(40),
        limit: 100_000,
    };
    let slots: Vec<Uuid> = store.free_slots(&q).await?.into_iter().map(|s| s.id).collect();
    let today = local_day(Utc::now());
    let mut ids = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(2000) {
        let mut rows = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let p: domain::input::NewPerson = serde_json::from_value(serde_json::json!({
                "names": [{"form": "russian", "surname": "Каримов", "given_names": "Бахтиёр"}],
                "birth_date": "1990-05-01", "sex": "male", "citizenship": "UZB",
                "documents": [{"kind": "passport", "number": format!("FB{:07}", i % 10_000_000)}],
            }))?;
            let (changes, _) = p.parse(today).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let prov = Provenance {
                source: SourceAgency::Registry,
                source_record: None,
                actor: Actor::system(),
                at: Utc::now(),
            };
            rows.push((NewPersonRows::build(Uuid::now_v7(), changes, prov)?, vec![]));
        }
        ids.extend(rows.iter().map(|(r, _)| r.profile().id));
        let prepared = store.prepare_persons(rows);
        let mut tx = store.db.begin().await?;
        store.insert_prepared(&mut tx, &prepared).await?;
        tx.commit().await?;
    }
    Ok((slots, ids))
}
