//! The generated region looks like a real one to the legal status engine: most persons are
//! LEGAL, a tenth are AT_RISK or IN_VIOLATION, a few IRREGULAR and a few DEPARTED.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::event::Change;
use rosmigration_demo::{DemoConfig, Region, persons};
use rules::{Config, Engine, Status};

const STATUSES: [Status; 5] = [Status::Legal, Status::AtRisk, Status::InViolation, Status::Irregular, Status::Departed];

/// Status counts and, per status, the rule ids behind it (unremedied violations and open,
/// due-soon or late obligations).
struct Mix {
    n: usize,
    counts: HashMap<Status, usize>,
    rules: HashMap<Status, HashMap<String, usize>>,
}

impl Mix {
    fn share(&self, s: Status) -> f64 {
        self.counts.get(&s).copied().unwrap_or(0) as f64 / self.n as f64
    }

    fn report(&self) -> String {
        let mut out = String::new();
        for s in STATUSES {
            out.push_str(&format!("{:<13} {:5.1} %", s.as_str(), self.share(s) * 100.0));
            if let Some(r) = self.rules.get(&s) {
                let mut top: Vec<_> = r.iter().collect();
                top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let top: Vec<String> = top.iter().take(8).map(|(k, v)| format!("{k} {v}")).collect();
                out.push_str(&format!("   {}", top.join(", ")));
            }
            out.push('\n');
        }
        out
    }
}

fn mix(seed: u64, n: usize, today: NaiveDate) -> Mix {
    let cfg = DemoConfig::new(seed, n, today);
    let region = Region::generate_orgs(&cfg);
    let engine = Engine::new(Config::default()).unwrap();
    let mut m = Mix { n, counts: HashMap::new(), rules: HashMap::new() };
    for (i, p) in persons(&cfg, &region).enumerate() {
        let profile = p.profile().unwrap_or_else(|e| panic!("person #{i}: {e}"));
        for e in &p.events {
            for c in &e.changes {
                if let Change::PatentPaid(pay) = c
                    && let (Some(amount), Some(monthly)) =
                        (pay.amount_rub, engine.monthly_advance(rules::Region::TATARSTAN, pay.paid_on.year()))
                {
                    assert_eq!(amount, monthly * u32::from(pay.months), "person #{i}: {pay:?}");
                }
                assert!(!matches!(c, Change::CheckedIn(_) | Change::StatusChanged(_)), "person #{i}: {c:?}");
            }
        }
        let facts = rules::profile::facts_from_profile(&profile, rules::Region::TATARSTAN);
        let ev = engine.evaluate(&facts, cfg.today);
        *m.counts.entry(ev.status).or_default() += 1;
        let why = m.rules.entry(ev.status).or_default();
        for v in ev.violations.iter().filter(|v| v.remedied_on.is_none()) {
            *why.entry(format!("{}/{:?}", v.rule_id.as_str(), v.kind)).or_default() += 1;
        }
        if ev.status == Status::AtRisk {
            for o in
                ev.obligations.iter().filter(|o| o.done_on.is_none() && o.deadline <= cfg.today + chrono::Days::new(7))
            {
                *why.entry(format!("{}/{:?}", o.rule_id.as_str(), o.kind)).or_default() += 1;
            }
        }
    }
    m
}

use chrono::Datelike as _;

#[test]
fn status_shares_look_like_a_real_region() {
    for (seed, today) in
        [(17, NaiveDate::from_ymd_opt(2026, 3, 14).unwrap()), (3, NaiveDate::from_ymd_opt(2025, 9, 20).unwrap())]
    {
        let m = mix(seed, 5_000, today);
        let report = m.report();
        eprintln!("seed {seed}, {today}:\n{report}");
        for (s, lo, hi) in [
            (Status::Legal, 0.70, 0.80),
            (Status::AtRisk, 0.08, 0.12),
            (Status::InViolation, 0.08, 0.12),
            (Status::Irregular, 0.02, 0.05),
            (Status::Departed, 0.005, 0.08),
        ] {
            let x = m.share(s);
            assert!((lo..=hi).contains(&x), "{} {:.3} outside {lo}..{hi}\n{report}", s.as_str(), x);
        }
    }
}
