//! Golden scenarios: `tests/golden/scenarios.toml`, each commented with the rule it exercises and
//! with expectations derived from the law (by `tools/gen_golden.py`, which recomputes deadlines
//! and day counts independently of the engine: day-by-day simulation and its own calendar walk).
//!
//! Expectations: `status` is exact; every listed obligation must be present (matching the
//! fields given); `violations` is the exact set of (rule, kind) unless `violations_subset`;
//! `entry_ban_years` is exact when given (0 = no ban). On mismatch the test prints a readable
//! diff per scenario and fails once at the end.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rosmigration_rules::{Config, Engine, Evaluation, Facts};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct File {
    scenario: Vec<Scenario>,
}

#[derive(Debug, Deserialize)]
struct Scenario {
    name: String,
    rule: String,
    why: String,
    on: NaiveDate,
    #[serde(default)]
    config: Option<toml::Value>,
    facts: Facts,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
struct Expect {
    status: String,
    #[serde(default)]
    obligations: Vec<ExpObligation>,
    #[serde(default)]
    absent_obligations: Vec<String>,
    #[serde(default)]
    violations: Vec<ExpViolation>,
    #[serde(default)]
    violations_subset: bool,
    #[serde(default)]
    entry_ban_years: Option<u32>,
    #[serde(default)]
    tasks: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpObligation {
    rule: String,
    kind: String,
    #[serde(default)]
    deadline: Option<NaiveDate>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    amount_rub: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct ExpViolation {
    rule: String,
    kind: String,
    #[serde(default)]
    since: Option<NaiveDate>,
    #[serde(default)]
    remedied: Option<bool>,
}

fn json_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn check(s: &Scenario, e: &Evaluation) -> Vec<String> {
    let mut diffs = Vec::new();
    let status = json_str(&e.status);
    if status != s.expect.status {
        diffs.push(format!("status: expected {}, got {status}", s.expect.status));
    }
    for o in &s.expect.obligations {
        let found = e.obligations.iter().any(|x| {
            x.rule_id.as_str() == o.rule
                && json_str(&x.kind) == o.kind
                && o.deadline.is_none_or(|d| d == x.deadline)
                && o.state.as_ref().is_none_or(|st| *st == json_str(&x.state))
                && o.amount_rub.is_none_or(|a| Some(a) == x.amount_rub)
        });
        if !found {
            diffs.push(format!(
                "missing obligation {} {} deadline={:?} state={:?} amount={:?}",
                o.rule, o.kind, o.deadline, o.state, o.amount_rub
            ));
        }
    }
    for r in &s.expect.absent_obligations {
        if e.obligations.iter().any(|x| x.rule_id.as_str() == r || json_str(&x.kind) == *r) {
            diffs.push(format!("unexpected obligation {r}"));
        }
    }
    for v in &s.expect.violations {
        let found = e.violations.iter().any(|x| {
            x.rule_id.as_str() == v.rule
                && json_str(&x.kind) == v.kind
                && v.since.is_none_or(|d| d == x.since)
                && v.remedied.is_none_or(|r| r == x.remedied_on.is_some())
        });
        if !found {
            diffs
                .push(format!("missing violation {} {} since={:?} remedied={:?}", v.rule, v.kind, v.since, v.remedied));
        }
    }
    if !s.expect.violations_subset {
        for x in &e.violations {
            let expected =
                s.expect.violations.iter().any(|v| v.rule == x.rule_id.as_str() && v.kind == json_str(&x.kind));
            if !expected {
                diffs.push(format!("unexpected violation {} {} since {}", x.rule_id, json_str(&x.kind), x.since));
            }
        }
    }
    if let Some(y) = s.expect.entry_ban_years {
        let got = e.entry_ban.as_ref().map_or(0, |b| b.years);
        if got != y {
            diffs.push(format!("entry ban: expected {y} years, got {got}"));
        }
    }
    for t in &s.expect.tasks {
        if !e.tasks.iter().any(|x| json_str(&x.kind) == *t) {
            diffs.push(format!("missing task {t}"));
        }
    }
    diffs
}

#[test]
fn golden_scenarios() {
    let text = include_str!("golden/scenarios.toml");
    let file: File = toml::from_str(text).expect("scenarios.toml parses");
    assert!(file.scenario.len() >= 200, "at least 200 scenarios, found {}", file.scenario.len());
    let default_engine = Engine::new(Config::default()).unwrap();
    let mut report = String::new();
    let mut failed = 0;
    for s in &file.scenario {
        let custom;
        let engine = match &s.config {
            Some(v) => {
                let cfg: Config = v.clone().try_into().expect("scenario config");
                custom = Engine::new(cfg).unwrap();
                &custom
            }
            None => &default_engine,
        };
        let e = engine.evaluate(&s.facts, s.on);
        let diffs = check(s, &e);
        // The fast path must agree with the full evaluation.
        let fast = engine.status(&s.facts, s.on);
        let mut diffs = diffs;
        if fast != e.status {
            diffs.push(format!("status() fast path gives {fast:?}, evaluate() {:?}", e.status));
        }
        if !diffs.is_empty() {
            failed += 1;
            let _ = writeln!(report, "\n--- {} [{}] on {}\n    {}", s.name, s.rule, s.on, s.why);
            for d in diffs {
                let _ = writeln!(report, "    - {d}");
            }
            let _ = writeln!(report, "    got status {:?}", e.status);
            for o in &e.obligations {
                let _ = writeln!(
                    report,
                    "      obligation {} {:?} deadline {} {:?}",
                    o.rule_id, o.kind, o.deadline, o.state
                );
            }
            for v in &e.violations {
                let _ = writeln!(
                    report,
                    "      violation {} {:?} since {} remedied {:?}",
                    v.rule_id, v.kind, v.since, v.remedied_on
                );
            }
        }
    }
    assert!(failed == 0, "{failed} of {} golden scenarios differ:{report}", file.scenario.len());
    println!("{} golden scenarios passed", file.scenario.len());
}
