//! The legal status mix of a generated region, as the rules engine computes it, with the rule
//! ids behind each status.
//!
//! `cargo run --release -p rosmigration-demo --example status_mix -- [persons] [seed] [today]`
//! (20,000 persons by default).

use std::collections::HashMap;

use rosmigration_demo::{DemoConfig, Region, persons};
use rules::{Config, Engine, Status};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let today = args.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| chrono::Utc::now().date_naive());
    let cfg = DemoConfig::new(seed, n, today);
    let region = Region::generate_orgs(&cfg);
    let engine = Engine::new(Config::default()).expect("embedded data is valid");
    let mut counts: HashMap<Status, usize> = HashMap::new();
    let mut why: HashMap<Status, HashMap<String, usize>> = HashMap::new();
    let mut events = 0usize;
    for p in persons(&cfg, &region) {
        events += p.events.len();
        let profile = p.profile().expect("a generated history replays");
        let facts = rules::profile::facts_from_profile(&profile, rules::Region::TATARSTAN);
        let ev = engine.evaluate(&facts, cfg.today);
        *counts.entry(ev.status).or_default() += 1;
        let w = why.entry(ev.status).or_default();
        for v in ev.violations.iter().filter(|v| v.remedied_on.is_none()) {
            *w.entry(format!("{} {:?}", v.rule_id.as_str(), v.kind)).or_default() += 1;
        }
        if ev.status == Status::AtRisk {
            let soon = cfg.today + chrono::Days::new(u64::from(engine.config().at_risk_window_days));
            for o in ev.obligations.iter().filter(|o| o.done_on.is_none() && o.deadline <= soon) {
                *w.entry(format!("{} {:?}", o.rule_id.as_str(), o.kind)).or_default() += 1;
            }
        }
    }
    println!("{n} persons, seed {seed}, today {today}: {:.2} events per person", events as f64 / n as f64);
    for s in [Status::Legal, Status::AtRisk, Status::InViolation, Status::Irregular, Status::Departed] {
        let c = counts.get(&s).copied().unwrap_or(0);
        println!("{:<13} {:6} {:5.1} %", s.as_str(), c, c as f64 * 100.0 / n as f64);
        if let Some(w) = why.get(&s) {
            let mut top: Vec<_> = w.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (rule, k) in top.into_iter().take(6) {
                println!("    {rule:<45} {k}");
            }
        }
    }
}
