//! Criterion benchmark of the engine: status (fast path) and full evaluation per person, over a
//! fixed synthetic population. Run: `CARGO_TARGET_DIR=/work/target-rules cargo bench -p rosmigration-rules`.

#![expect(missing_docs, reason = "criterion_group! generates an undocumented function")]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rosmigration_rules::{Config, Engine, synthetic};

fn bench(c: &mut Criterion) {
    let on = synthetic::bench_date();
    let people = synthetic::population(10_000, on);
    let engine = Engine::new(Config::default()).expect("embedded data");
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(people.len() as u64));
    g.bench_function("status_10k_persons", |b| {
        b.iter(|| people.iter().map(|p| engine.status(p, on) as usize).sum::<usize>())
    });
    g.bench_function("evaluate_10k_persons", |b| {
        b.iter(|| people.iter().map(|p| engine.evaluate(p, on).obligations.len()).sum::<usize>())
    });
    g.finish();
    c.bench_function("engine_new", |b| b.iter(|| Engine::new(Config::default()).expect("data")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
