//! The in-memory benchmark of issue 3, simple to read: evaluates the status of 1,000,000
//! synthetic persons on ONE thread and prints the total seconds and µs per person (median of 5
//! runs), for both the status fast path and the full evaluation with explanations.
//!
//! Run: `CARGO_TARGET_DIR=/work/target-rules cargo run --release -p rosmigration-rules --example bench_million`
//! (optional argument: the number of persons).

use std::time::Instant;

use rosmigration_rules::{Config, Engine, Status, synthetic};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let on = synthetic::bench_date();
    let t = Instant::now();
    let people = synthetic::population(n, on);
    println!("generated {n} synthetic persons in {:.2} s", t.elapsed().as_secs_f64());
    let engine = Engine::new(Config::default()).expect("embedded data");

    let mut counts = [0usize; 5];
    let mut runs = Vec::new();
    for run in 0..5 {
        let t = Instant::now();
        let mut c = [0usize; 5];
        for p in &people {
            c[engine.status(p, on) as usize] += 1;
        }
        let s = t.elapsed().as_secs_f64();
        println!("status   run {}: {s:.3} s ({:.3} µs/person)", run + 1, s * 1e6 / n as f64);
        runs.push(s);
        counts = c;
    }
    let m = median(runs);
    println!("STATUS   median of 5: {m:.3} s total, {:.3} µs/person", m * 1e6 / n as f64);

    let mut runs = Vec::new();
    let mut obligations = 0usize;
    for run in 0..5 {
        let t = Instant::now();
        let mut o = 0usize;
        for p in &people {
            let e = engine.evaluate(p, on);
            o += e.obligations.len() + e.violations.len();
        }
        let s = t.elapsed().as_secs_f64();
        println!("evaluate run {}: {s:.3} s ({:.3} µs/person)", run + 1, s * 1e6 / n as f64);
        runs.push(s);
        obligations = o;
    }
    let m = median(runs);
    println!("EVALUATE median of 5: {m:.3} s total, {:.3} µs/person", m * 1e6 / n as f64);
    let names = [Status::Legal, Status::AtRisk, Status::InViolation, Status::Irregular, Status::Departed];
    for (s, c) in names.iter().zip(counts) {
        println!("  {:<13} {c:>8} ({:.1} %)", s.as_str(), 100.0 * c as f64 / n as f64);
    }
    println!("  obligations + violations rendered per run: {obligations}");
}
