use chrono::NaiveDate;
use serde_json::{Value, json};

use super::*;

const MEDICAL_CENTRE: &str = "0190a000-0000-7000-8000-0000000000c1";
const MIGRATION_CENTRE: &str = "0190a000-0000-7000-8000-0000000000c2";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn profile(citizenship: &str, extra: Value) -> PersonProfile {
    let mut p = json!({
        "id": "0190a000-0000-7000-8000-000000000001", "version": 1, "names": [],
        "birth_date": "1995-04-02", "sex": "male", "citizenship": citizenship,
        "documents": [], "contacts": [], "stays": [], "employments": [], "permits": [], "notices": [],
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
    });
    for (k, v) in extra.as_object().unwrap() {
        p[k] = v.clone();
    }
    serde_json::from_value(p).expect("a valid profile")
}

fn entry(on: &str, purpose: &str) -> Value {
    json!({"on": on, "direction": "entry", "purpose": purpose})
}

fn result(kind: &str, on: &str, org: &str) -> Value {
    json!({"kind": kind, "on": on, "org_id": org})
}

fn case_of(p: &PersonProfile, on: &str) -> Case {
    let engine = rules::Engine::new(rules::Config::default()).unwrap();
    let facts = rules::profile::facts_from_profile(p, engine.config().region);
    legalisation_case(p, &engine.evaluate_plain(&facts, d(on)))
}

fn kinds(c: &Case) -> Vec<StepKind> {
    c.steps.iter().map(|s| s.kind).collect()
}

#[test]
fn a_new_patent_worker_gets_the_whole_path_in_order_with_the_application_waiting() {
    let p = profile("UZB", json!({"crossings": [entry("2026-11-02", "work")]}));
    let c = case_of(&p, "2026-11-10");
    assert_eq!(c.track, Track::PatentWorker);
    assert_eq!(c.entered_on, Some(d("2026-11-02")));
    let k = kinds(&c);
    for step in [
        StepKind::MedicalExam,
        StepKind::Fingerprinting,
        StepKind::LanguageExam,
        StepKind::HealthInsurance,
        StepKind::PatentApplication,
    ] {
        assert!(k.contains(&step), "{step:?} missing from {k:?}");
    }
    assert!(k.windows(2).all(|w| w[0] < w[1]), "steps in path order, one per kind: {k:?}");

    // PAT-2 and PAT-5: 30 calendar days from entry; the documents share the application's deadline.
    let app = c.step(StepKind::PatentApplication).unwrap();
    assert_eq!(app.deadline, Some(d("2026-12-02")));
    assert_eq!(app.state, StepState::Waiting);
    assert_eq!(app.waiting_for.len(), 4, "{:?}", app.waiting_for);
    assert_eq!(c.step(StepKind::MedicalExam).unwrap().deadline, Some(d("2026-12-02")));
    assert_eq!(c.step(StepKind::LanguageExam).unwrap().deadline, app.deadline);
    assert_eq!(c.step(StepKind::LanguageExam).unwrap().state, StepState::Open);

    let visits: Vec<StepKind> = c.visits_to_book().map(|s| s.kind).collect();
    assert_eq!(
        visits,
        [
            StepKind::MedicalExam,
            StepKind::Fingerprinting,
            StepKind::LanguageExam,
            StepKind::HealthInsurance,
            StepKind::PatentApplication
        ]
    );
}

#[test]
fn recorded_results_complete_steps_and_name_the_point_that_recorded_them() {
    let p = profile(
        "TJK",
        json!({
            "crossings": [entry("2026-11-02", "work")],
            "results": [
                result("medical", "2026-11-05", MEDICAL_CENTRE),
                result("fingerprinting", "2026-11-06", MIGRATION_CENTRE),
                result("exam", "2026-11-06", MIGRATION_CENTRE),
                result("insurance", "2026-11-06", MIGRATION_CENTRE),
            ]
        }),
    );
    let c = case_of(&p, "2026-11-12");
    let medical = c.step(StepKind::MedicalExam).unwrap();
    assert_eq!((medical.state, medical.done_on), (StepState::Done, Some(d("2026-11-05"))));
    assert_eq!(medical.done_by, Some(MEDICAL_CENTRE.parse().unwrap()));
    let insurance = c.step(StepKind::HealthInsurance).unwrap();
    assert_eq!((insurance.state, insurance.done_by), (StepState::Done, Some(MIGRATION_CENTRE.parse().unwrap())));
    let app = c.step(StepKind::PatentApplication).unwrap();
    assert_eq!(app.state, StepState::Open, "every document is there");
    assert!(app.waiting_for.is_empty());
    let visits: Vec<StepKind> = c.visits_to_book().map(|s| s.kind).collect();
    assert_eq!(visits, [StepKind::PatentApplication]);
}

#[test]
fn results_of_an_earlier_stay_do_not_complete_this_one() {
    let p = profile(
        "UZB",
        json!({
            "crossings": [entry("2025-03-01", "work"), {"on": "2025-05-01", "direction": "exit"}, entry("2026-11-02", "work")],
            "results": [result("exam", "2025-03-10", MIGRATION_CENTRE), result("insurance", "2025-03-10", MIGRATION_CENTRE)]
        }),
    );
    let c = case_of(&p, "2026-11-10");
    assert_eq!(c.step(StepKind::LanguageExam).unwrap().state, StepState::Open);
    assert_eq!(c.step(StepKind::HealthInsurance).unwrap().state, StepState::Open);
}

#[test]
fn a_missed_deadline_is_overdue_and_a_late_result_is_done_late() {
    let p = profile(
        "KGZ",
        json!({"crossings": [entry("2026-09-01", "work")], "results": [result("exam", "2026-10-20", MIGRATION_CENTRE)]}),
    );
    // Kyrgyzstan is in the EAEU: no patent, so no exam step at all; the medical exam is due (EAEU-6).
    let c = case_of(&p, "2026-11-10");
    assert!(c.step(StepKind::PatentApplication).is_none());
    assert!(c.step(StepKind::LanguageExam).is_none());
    assert_eq!(c.step(StepKind::MedicalExam).map(|s| s.state), Some(StepState::Overdue));

    let p = profile(
        "UZB",
        json!({"crossings": [entry("2026-09-01", "work")], "results": [result("exam", "2026-10-20", MIGRATION_CENTRE)]}),
    );
    let c = case_of(&p, "2026-11-10");
    assert_eq!(c.step(StepKind::LanguageExam).map(|s| s.state), Some(StepState::DoneLate));
    assert_eq!(c.step(StepKind::PatentApplication).map(|s| s.state), Some(StepState::Overdue));
    assert_eq!(
        c.next_deadline().map(|s| s.kind),
        c.steps.iter().filter(|s| !s.state.is_done()).min_by_key(|s| s.deadline).map(|s| s.kind)
    );
}

#[test]
fn permit_holders_and_students_are_on_their_own_tracks() {
    let rvp = json!([{"id": "0190a000-0000-7000-8000-0000000000a1", "kind": "temporary_residence", "region": "16",
        "valid_from": "2025-06-01", "valid_until": "2028-06-01"}]);
    let c = case_of(&profile("UZB", json!({"permits": rvp})), "2026-07-01");
    assert_eq!(c.track, Track::TemporaryResidence);
    assert!(c.step(StepKind::PatentApplication).is_none());
    // RVP-2: the notice after the first year, within two months.
    let notice = c.step(StepKind::ResidenceNotice).expect("the annual notice is a step");
    assert_eq!(notice.deadline.map(|d| d >= chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()), Some(true));

    let student = json!([{"id": "0190a000-0000-7000-8000-0000000000a2", "kind": "student", "region": "16",
        "valid_from": "2026-09-01", "valid_until": "2030-07-01"}]);
    let c = case_of(
        &profile("TJK", json!({"permits": student, "crossings": [entry("2026-08-25", "study")]})),
        "2026-09-10",
    );
    assert_eq!(c.track, Track::Student);
    assert!(c.step(StepKind::PatentApplication).is_none());
    assert!(c.visits_to_book().any(|s| s.kind == StepKind::MedicalExam), "STU-5: medical exam within 90 days");
}

#[test]
fn step_codes_round_trip() {
    for k in StepKind::ALL {
        assert_eq!(StepKind::from_code(k.code()), Some(k));
    }
    assert_eq!(StepKind::from_code("nonsense"), None);
}
