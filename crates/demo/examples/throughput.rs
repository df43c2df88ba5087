//! Generation rate on one core, without storage.
//!
//! `cargo run --release -p rosmigration-demo --example throughput -- [persons] [seed]`
//! (200,000 persons by default).

use std::hint::black_box;
use std::time::Instant;

use rosmigration_demo::{DemoConfig, Region, persons};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let cfg = DemoConfig::new(seed, n, chrono::Utc::now().date_naive());
    let region = Region::generate_orgs(&cfg);
    // Warm-up: builds the name tables.
    let _ = rosmigration_demo::person(&cfg, &region, 0);
    let start = Instant::now();
    let (mut events, mut changes) = (0usize, 0usize);
    let mut histogram = [0usize; 16];
    for p in persons(&cfg, &region) {
        events += p.events.len();
        histogram[p.events.len().min(15)] += 1;
        changes += p.events.iter().map(|e| e.changes.len()).sum::<usize>();
        black_box(&p);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} persons in {secs:.2} s: {:.0} persons/s, {:.2} events and {:.2} changes per person",
        n as f64 / secs,
        events as f64 / n as f64,
        changes as f64 / n as f64
    );
    let shares: Vec<String> = histogram
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(k, c)| format!("{k}: {:.1}%", *c as f64 * 100.0 / n as f64))
        .collect();
    println!("events per person: {}", shares.join(", "));
}
