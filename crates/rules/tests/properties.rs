//! Property tests of the engine (proptest).

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rosmigration_rules::{
    AnnualNotice, Citizenship, Config, Crossing, Direction, Employment, Engine, Evaluation, FactKind, Facts, Patent,
    Payment, PermitKind, Purpose, Region, Registration, ResidencePermit, Status,
};

fn engine() -> &'static Engine {
    use std::sync::OnceLock;
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Config::default()).unwrap())
}

fn day(off: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(off)
}

/// Severity rank for "never worse" properties: DEPARTED is not comparable, so it maps to itself.
fn rank(s: Status) -> u8 {
    match s {
        Status::Legal => 0,
        Status::AtRisk => 1,
        Status::InViolation => 2,
        Status::Irregular => 3,
        Status::Departed => 9,
    }
}

prop_compose! {
    fn payment(issue: i64)(d in -5i64..400, months in 1u8..4, amount in proptest::option::of(5000u32..40000)) -> Payment {
        Payment { paid_on: day(issue + d), months, amount_rub: amount }
    }
}

fn facts_strategy() -> impl Strategy<Value = (Facts, i64)> {
    (
        prop_oneof![
            Just(Citizenship::UZB),
            Just(Citizenship::TJK),
            Just(Citizenship::KGZ),
            Just(Citizenship::AZE),
            Just(Citizenship::BLR)
        ],
        0i64..500,
        prop_oneof![Just(Purpose::Work), Just(Purpose::Private), Just(Purpose::Study)],
        proptest::option::of(1i64..200),
        proptest::collection::vec((0i64..40, proptest::option::of(0i64..20)), 0..3),
        proptest::option::of((
            5i64..40,
            proptest::collection::vec((-5i64..400, 1u8..4, proptest::option::of(5000u32..40000)), 0..5),
        )),
        proptest::collection::vec((0i64..300, proptest::option::of(0i64..10), proptest::option::of(10i64..200)), 0..3),
        proptest::option::of((0i64..300, proptest::collection::vec(0i64..900, 0..3))),
        0i64..700,
    )
        .prop_map(|(cit, entry, purpose, exit, regs, patent, emps, rvp, on_off)| {
            let mut f = Facts::new(cit);
            f.crossings.push(Crossing { date: day(entry), direction: Direction::Entry, purpose });
            if let Some(x) = exit {
                f.crossings.push(Crossing {
                    date: day(entry + x),
                    direction: Direction::Exit,
                    purpose: Purpose::Private,
                });
            }
            for (a, filed) in regs {
                f.registrations.push(Registration {
                    arrived_on: day(entry + a),
                    filed_on: filed.map(|x| day(entry + a + x)),
                    filed_by: Default::default(),
                    valid_until: None,
                    left_on: None,
                });
            }
            if let Some((issue, pays)) = patent {
                f.patents.push(Patent {
                    applied_on: Some(day(entry + issue - 3)),
                    issued_on: Some(day(entry + issue)),
                    region: Region(16),
                    payments: pays
                        .into_iter()
                        .map(|(d, m, a)| Payment { paid_on: day(entry + issue + d), months: m, amount_rub: a })
                        .collect(),
                    reissue_applied_on: None,
                    is_reissue: false,
                    annulled_on: None,
                });
            }
            for (h, notice, fired) in emps {
                f.employments.push(Employment {
                    employer_id: "E".into(),
                    hired_on: day(entry + h),
                    contract_end: None,
                    fired_on: fired.map(|x| day(entry + h + x)),
                    hire_notice_on: notice.map(|x| day(entry + h + x)),
                    fire_notice_on: None,
                    work_region: Some(Region(16)),
                });
            }
            if let Some((issue, notices)) = rvp {
                f.residence_permits.push(ResidencePermit {
                    kind: PermitKind::Rvp,
                    issued_on: day(entry + issue),
                    valid_until: None,
                    region: Region(16),
                    notices: notices
                        .into_iter()
                        .map(|n| AnnualNotice { filed_on: day(entry + issue + n), in_person: false })
                        .collect(),
                    annulled_on: None,
                });
            }
            (f, entry + on_off)
        })
}

/// Comparable form of an evaluation: fact references resolved to the facts' values, so that a
/// permutation of the input gives the same result.
fn normalise(e: &Evaluation, f: &Facts) -> String {
    let resolve = |r: &rosmigration_rules::FactRef| -> String {
        let i = r.index as usize;
        match r.kind {
            FactKind::Crossing => format!("{:?}", f.crossings[i]),
            FactKind::Registration => format!("{:?}", f.registrations[i]),
            FactKind::Patent => format!("patent {:?}", f.patents[i].issued_on),
            FactKind::Payment => {
                format!("{:?}", f.patents[i].payments[r.sub.unwrap_or(0) as usize])
            }
            FactKind::Employment => format!("{:?}", f.employments[i]),
            FactKind::ResidencePermit => format!("rp {:?}", f.residence_permits[i].issued_on),
            FactKind::AnnualNotice => format!("{:?}", f.residence_permits[i].notices[r.sub.unwrap_or(0) as usize]),
            FactKind::MedicalExam => format!("{:?}", f.biometrics.medical_exams[i]),
            FactKind::CheckIn => format!("{:?}", f.check_ins[i]),
            FactKind::Document => format!("{:?}", f.documents[i]),
            k => format!("{k:?}"),
        }
    };
    let mut e = e.clone();
    let mut refs = Vec::new();
    for o in &mut e.obligations {
        let mut r: Vec<String> = o.facts_used.iter().map(resolve).collect();
        r.sort();
        refs.push(r);
        o.facts_used.clear();
    }
    for v in &mut e.violations {
        let mut r: Vec<String> = v.facts_used.iter().map(resolve).collect();
        r.sort();
        refs.push(r);
        v.facts_used.clear();
    }
    for t in &mut e.tasks {
        t.facts_used.clear();
    }
    // Findings that differ only in the facts they point to (two contracts ended the same day)
    // may come out in input order: compare the references as a multiset.
    refs.sort();
    format!("{}|{refs:?}", serde_json::to_string(&e).unwrap())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

fn reverse_all(f: &Facts) -> Facts {
    let mut g = f.clone();
    g.crossings.reverse();
    g.registrations.reverse();
    g.patents.reverse();
    for p in &mut g.patents {
        p.payments.reverse();
    }
    g.employments.reverse();
    g.residence_permits.reverse();
    for r in &mut g.residence_permits {
        r.notices.reverse();
    }
    g
}

proptest! {
    // 400 cases per property by default; `PROPTEST_CASES=100000` for a deeper search.
    #![proptest_config(ProptestConfig { cases: cases(), max_global_rejects: cases() * 4, .. ProptestConfig::default() })]

    /// Adding an advance payment never makes the status worse.
    #[test]
    fn a_payment_never_makes_the_status_worse((facts, on) in facts_strategy(), extra in (-5i64..400, 1u8..4)) {
        prop_assume!(!facts.patents.is_empty());
        let on = day(on);
        let before = engine().status(&facts, on);
        let mut more = facts.clone();
        let issue = more.patents[0].issued_on.unwrap();
        more.patents[0].payments.push(Payment { paid_on: issue + Duration::days(extra.0), months: extra.1, amount_rub: None });
        let after = engine().status(&more, on);
        prop_assert!(rank(after) <= rank(before), "{before:?} -> {after:?}");
    }

    /// Filing the pending registration notices never makes the status worse.
    #[test]
    fn filing_a_registration_never_makes_the_status_worse((facts, on) in facts_strategy()) {
        let on = day(on);
        let before = engine().status(&facts, on);
        let mut more = facts.clone();
        for r in &mut more.registrations {
            if r.filed_on.is_none_or(|d| d > r.arrived_on) {
                r.filed_on = Some(r.arrived_on);
            }
        }
        let after = engine().status(&more, on);
        prop_assert!(rank(after) <= rank(before), "{before:?} -> {after:?}");
    }

    /// The result does not depend on the order in which facts arrive.
    #[test]
    fn order_of_facts_does_not_matter((facts, on) in facts_strategy()) {
        let on = day(on);
        let a = engine().evaluate(&facts, on);
        let rev = reverse_all(&facts);
        let b = engine().evaluate(&rev, on);
        prop_assert_eq!(normalise(&a, &facts), normalise(&b, &rev));
    }

    /// The fast path agrees with the full evaluation.
    #[test]
    fn status_fast_path_agrees((facts, on) in facts_strategy()) {
        let on = day(on);
        prop_assert_eq!(engine().status(&facts, on), engine().evaluate(&facts, on).status);
    }

    /// Facts dated after the evaluation date do not change the result.
    #[test]
    fn future_facts_are_ignored((facts, on) in facts_strategy(), later in 1i64..300) {
        let on_d = day(on);
        let mut more = facts.clone();
        more.crossings.push(Crossing { date: on_d + Duration::days(later), direction: Direction::Exit, purpose: Purpose::Private });
        more.registrations.push(Registration { arrived_on: on_d + Duration::days(later), filed_on: None, filed_by: Default::default(), valid_until: None, left_on: None });
        prop_assert_eq!(engine().status(&facts, on_d), engine().status(&more, on_d));
    }

    /// Facts and evaluations survive a JSON round trip (the registry stores both).
    #[test]
    fn serde_round_trip((facts, on) in facts_strategy()) {
        let json = serde_json::to_string(&facts).unwrap();
        let back: Facts = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &facts);
        let e = engine().evaluate(&facts, day(on));
        let ej = serde_json::to_string(&e).unwrap();
        let eb: Evaluation = serde_json::from_str(&ej).unwrap();
        prop_assert_eq!(eb, e);
    }

    /// Every obligation and violation carries a rule id and a legal source.
    #[test]
    fn every_finding_has_a_source((facts, on) in facts_strategy()) {
        let e = engine().evaluate(&facts, day(on));
        for o in &e.obligations {
            prop_assert!(!o.source.is_empty() && !o.explanation_ru.is_empty() && !o.explanation_en.is_empty());
        }
        for v in &e.violations {
            prop_assert!(!v.source.is_empty() && v.explanation_en.contains(v.rule_id.as_str()));
        }
    }

    /// Working-day arithmetic: the result is a working day and counting back returns at most
    /// to the start.
    #[test]
    fn working_days_are_consistent(off in 0i64..1800, n in 1u32..40) {
        let cal = engine().calendar();
        let d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + Duration::days(off);
        let r = cal.add_working_days(d, n);
        prop_assert!(cal.is_working_day(r));
        prop_assert!(r > d);
        prop_assert_eq!(cal.working_days_between(d + Duration::days(1), r), n);
        prop_assert!(cal.sub_working_days(r, n) <= d);
    }
}

#[test]
fn status_serialises_as_screaming_snake_case() {
    let cases = [
        (Status::Legal, "\"LEGAL\""),
        (Status::AtRisk, "\"AT_RISK\""),
        (Status::InViolation, "\"IN_VIOLATION\""),
        (Status::Irregular, "\"IRREGULAR\""),
        (Status::Departed, "\"DEPARTED\""),
    ];
    for (s, json) in cases {
        assert_eq!(serde_json::to_string(&s).unwrap(), json);
        assert_eq!(s.as_str(), json.trim_matches('"'));
    }
}

#[test]
fn every_domain_rule_is_catalogued_with_its_source() {
    use rosmigration_rules::RuleId;
    assert_eq!(RuleId::ALL.len(), 68);
    for r in RuleId::ALL {
        assert!(!r.source().is_empty(), "{r}");
        assert!(!r.law().is_empty(), "{r}");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.as_str()));
    }
}

#[test]
fn plain_evaluation_is_the_full_one_without_texts() {
    let engine = rosmigration_rules::Engine::new(rosmigration_rules::Config::default()).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    for facts in rosmigration_rules::synthetic::population(3000, on) {
        let mut full = engine.evaluate(&facts, on);
        let plain = engine.evaluate_plain(&facts, on);
        for o in &mut full.obligations {
            o.explanation_ru.clear();
            o.explanation_en.clear();
        }
        for v in &mut full.violations {
            v.explanation_ru.clear();
            v.explanation_en.clear();
        }
        for t in &mut full.tasks {
            t.explanation_ru.clear();
            t.explanation_en.clear();
        }
        if let Some(b) = &mut full.entry_ban {
            b.explanation_ru.clear();
            b.explanation_en.clear();
        }
        assert_eq!(full, plain);
    }
}
