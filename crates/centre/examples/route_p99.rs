//! Latency of `route::propose` over 1,000 random persons in a synthetic Kazan-sized region
//! (200 service points, 30 days of slots): prints the median, p99 and maximum.
//!
//! Run: `CARGO_TARGET_DIR=/work/target-d cargo run --release -p rosmigration-centre --example route_p99`
//! (arguments: `[persons] [points] [days]`, default 1000 200 30).

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use domain::lang::Lang;
use rosmigration_centre::case::StepKind;
use rosmigration_centre::route::synthetic::{self, Rng};
use rosmigration_centre::route::{RouteRequest, propose};

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let persons = args.first().copied().unwrap_or(1000);
    let points = args.get(1).copied().unwrap_or(200);
    let days = args.get(2).copied().unwrap_or(30) as u32;

    let first = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let t = Instant::now();
    let region = synthetic::region(2026, points, days, first);
    let free = region.slots.iter().filter(|s| s.free > 0).count();
    println!(
        "region: {} points, {} days, {} slots ({} with free places), generated in {:?}",
        region.points.len(),
        days,
        region.slots.len(),
        free,
        t.elapsed()
    );

    let mut rng = Rng::new(42);
    let mut micros: Vec<u128> = Vec::with_capacity(persons);
    let (mut legs, mut late, mut unroutable, mut overlapping) = (0usize, 0usize, 0usize, 0usize);
    for _ in 0..persons {
        // Home: 85 % in Kazan, the rest in the other towns.
        let home = if rng.below(100) < 85 {
            synthetic::near(&mut rng, synthetic::KAZAN, 15.0)
        } else {
            let town = synthetic::TOWNS[rng.below(synthetic::TOWNS.len() as u64) as usize];
            synthetic::near(&mut rng, town, 8.0)
        };
        let lang = Lang::ALL[rng.below(5) as usize];
        // Planning on one of the first 7 days at 09:00-13:00 Moscow time.
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).single().expect("valid time")
            + Duration::days(rng.below(7) as i64)
            + Duration::minutes(rng.below(240) as i64);
        let deadline = first + Duration::days(10 + rng.below(25) as i64);
        // Some persons have already done some of the preparatory visits.
        let all = synthetic::patent_visits(deadline);
        let visits: Vec<_> = all
            .iter()
            .filter(|s| !s.kind.requires().is_empty() || s.kind == StepKind::MedicalExam || rng.below(3) > 0)
            .collect();
        let req = RouteRequest {
            now,
            visits,
            booked: &[],
            home: Some(home),
            lang: Some(lang),
            points: &region.points,
            slots: &region.slots,
        };
        let t = Instant::now();
        let route = propose(&req);
        micros.push(t.elapsed().as_micros());
        legs += route.legs.len();
        late += route.legs.iter().filter(|l| l.after_deadline).count();
        unroutable += route.unroutable.len();
        // Routes with two visits at overlapping times (left where a day cannot be sequenced).
        let span = |l: &rosmigration_centre::route::Leg| {
            let s = region.slots.iter().find(|s| s.id == l.slot).expect("a leg's slot");
            (s.starts_at, s.ends_at)
        };
        let spans: Vec<_> = route.legs.iter().map(span).collect();
        if spans.iter().enumerate().any(|(i, a)| spans[i + 1..].iter().any(|b| a.0 < b.1 && b.0 < a.1)) {
            overlapping += 1;
        }
    }
    micros.sort_unstable();
    let pct = |p: f64| micros[((micros.len() as f64 * p).ceil() as usize).clamp(1, micros.len()) - 1];
    println!(
        "persons: {persons}; legs {legs}, late legs {late}, unroutable steps {unroutable}, routes with overlapping visits {overlapping}"
    );
    println!(
        "propose(): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5) as f64 / 1000.0,
        pct(0.99) as f64 / 1000.0,
        *micros.last().unwrap_or(&0) as f64 / 1000.0
    );
}
