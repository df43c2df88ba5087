//! Criterion benchmark of `route::propose` on a synthetic Kazan-sized region: 200 service
//! points, 30 days of slots (about 100,000), a new patent worker with all six visits to book.
//! Run: `CARGO_TARGET_DIR=/work/target-d cargo bench -p rosmigration-centre --bench route`.
//! The p99 over 1,000 persons: `cargo run --release -p rosmigration-centre --example route_p99`.

#![expect(missing_docs, reason = "criterion_group! generates an undocumented function")]

use std::hint::black_box;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use domain::lang::Lang;
use rosmigration_centre::route::synthetic::{self, Rng};
use rosmigration_centre::route::{RouteRequest, propose};

fn bench(c: &mut Criterion) {
    let first = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let region = synthetic::region(2026, 200, 30, first);
    let visits = synthetic::patent_visits(first + Duration::days(30));
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap();
    let mut rng = Rng::new(1);
    let homes: Vec<(f64, f64)> = (0..64).map(|_| synthetic::near(&mut rng, synthetic::KAZAN, 15.0)).collect();
    let mut g = c.benchmark_group("route");
    g.bench_function("propose_200_points_30_days", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % homes.len();
            let req = RouteRequest {
                now,
                visits: visits.iter().collect(),
                booked: &[],
                home: Some(homes[i]),
                lang: Some(Lang::Uz),
                points: &region.points,
                slots: &region.slots,
            };
            black_box(propose(black_box(&req)))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
