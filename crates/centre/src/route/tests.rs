//! Tests of the route planner: the rules of the module doc one by one, and a property test
//! against a brute-force search on small random regions.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::lang::Lang;
use proptest::prelude::*;
use uuid::Uuid;

use super::index::{local_day, ready_at};
use super::synthetic::patent_visits;
use super::*;
use crate::case::{Step, StepKind as K};

/// Monday 2026-11-23, 09:00 Moscow time.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// `day` days from today at `hour`:00 Moscow time.
fn at(day: i64, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour - 3, 0, 0).unwrap() + Duration::days(day)
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// A point `km` kilometres north of home (home is Kazan's centre).
fn point(n: u128, km: f64, langs: &[&str]) -> PointInfo {
    PointInfo {
        id: id(n),
        lat: synthetic::KAZAN.0 + km / 111.195,
        lon: synthetic::KAZAN.1,
        languages: langs.iter().map(|s| s.to_string()).collect(),
    }
}

struct Slots(Vec<FreeSlot>, u128);

impl Slots {
    fn new() -> Slots {
        Slots(Vec::new(), 1000)
    }
    /// Adds a 30-minute slot; returns its id.
    fn add(&mut self, service: K, point: u128, starts_at: DateTime<Utc>, free: u32) -> Uuid {
        self.1 += 1;
        self.0.push(FreeSlot {
            id: id(self.1),
            point: id(point),
            service,
            starts_at,
            ends_at: starts_at + Duration::minutes(30),
            free,
        });
        id(self.1)
    }
}

fn steps(kinds: &[K], deadline: NaiveDate) -> Vec<Step> {
    patent_visits(deadline).into_iter().filter(|s| kinds.contains(&s.kind)).collect()
}

fn plan(visits: &[Step], booked: &[Fixed], points: &[PointInfo], slots: &[FreeSlot], lang: Option<Lang>) -> Route {
    propose(&RouteRequest {
        now: now(),
        visits: visits.iter().collect(),
        booked,
        home: Some(synthetic::KAZAN),
        lang,
        points,
        slots,
    })
}

fn leg(r: &Route, k: K) -> &Leg {
    r.legs.iter().find(|l| l.step == k).unwrap_or_else(|| panic!("no leg for {k:?} in {r:#?}"))
}

fn far_deadline() -> NaiveDate {
    today() + Duration::days(60)
}

#[test]
fn application_waits_for_the_medical_result() {
    // Arrange: medical today; application slots on days 2, 4, 5 and 6.
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::MedicalExam, 1, at(0, 10), 1);
    for d in [2, 4, 5, 6] {
        s.add(K::PatentApplication, 1, at(d, 10), 1);
    }
    let visits = steps(&[K::MedicalExam, K::PatentApplication], far_deadline());
    // Act
    let r = plan(&visits, &[], &points, &s.0, None);
    // Assert: the certificate is ready 5 days after the examination (case.rs).
    assert!(r.unroutable.is_empty());
    assert_eq!(leg(&r, K::MedicalExam).starts_at, at(0, 10));
    assert_eq!(leg(&r, K::PatentApplication).starts_at, at(5, 10));
    assert_eq!(r.legs[0].step, K::MedicalExam, "legs are in time order");
}

#[test]
fn same_day_results_allow_one_trip_but_not_an_earlier_slot() {
    // Fingerprinting at 11:00 only; the application at 10:00 or 12:00 on the same day.
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::Fingerprinting, 1, at(0, 11), 1);
    s.add(K::PatentApplication, 1, at(0, 10), 1);
    let late = s.add(K::PatentApplication, 1, at(0, 12), 1);
    let visits = steps(&[K::Fingerprinting, K::PatentApplication], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::PatentApplication).slot, late);
}

#[test]
fn legs_after_the_deadline_are_proposed_and_flagged() {
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::MedicalExam, 1, at(0, 10), 1);
    s.add(K::PatentApplication, 1, at(6, 10), 1);
    let visits = steps(&[K::MedicalExam, K::PatentApplication], today() + Duration::days(3));
    let r = plan(&visits, &[], &points, &s.0, None);
    assert!(!leg(&r, K::MedicalExam).after_deadline);
    assert!(leg(&r, K::PatentApplication).after_deadline);
}

#[test]
fn steps_without_slots_and_their_dependents_are_unroutable() {
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::Fingerprinting, 1, at(0, 10), 1);
    s.add(K::PatentApplication, 1, at(6, 10), 1);
    s.add(K::PatentIssue, 1, at(25, 10), 1);
    // No medical slot at all.
    let visits = steps(&[K::MedicalExam, K::Fingerprinting, K::PatentApplication, K::PatentIssue], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(r.unroutable, vec![K::MedicalExam, K::PatentApplication, K::PatentIssue]);
    assert_eq!(r.legs.len(), 1);
    assert_eq!(r.legs[0].step, K::Fingerprinting);
}

#[test]
fn full_past_and_unusable_slots_are_skipped() {
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::HealthInsurance, 1, now() - Duration::hours(1), 5); // in the past
    s.add(K::HealthInsurance, 1, at(0, 10), 0); // full
    let corrupt = s.add(K::HealthInsurance, 1, at(0, 11), 3);
    s.0.iter_mut().filter(|x| x.id == corrupt).for_each(|x| x.ends_at = x.starts_at - Duration::minutes(30));
    let ok = s.add(K::HealthInsurance, 1, at(0, 15), 1);
    let visits = steps(&[K::HealthInsurance], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::HealthInsurance).slot, ok);

    let mut s = Slots::new();
    s.add(K::HealthInsurance, 1, at(0, 10), 0);
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(r.unroutable, vec![K::HealthInsurance]);
    assert!(r.legs.is_empty());
}

#[test]
fn nearer_point_is_preferred_on_the_same_day() {
    let points = [point(1, 9.0, &["ru"]), point(2, 1.5, &["ru"])];
    let mut s = Slots::new();
    s.add(K::HealthInsurance, 1, at(0, 9), 1);
    let near = s.add(K::HealthInsurance, 2, at(0, 16), 1);
    let visits = steps(&[K::HealthInsurance], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    let l = leg(&r, K::HealthInsurance);
    assert_eq!(l.slot, near);
    assert!((l.distance_km.unwrap() - 1.5).abs() < 0.01, "{l:?}");
}

#[test]
fn a_day_later_is_taken_only_for_at_least_km_per_day_nearer() {
    // The application fixes the completion day (day 6); insurance has slack.
    let run = |far_km: f64| {
        let points = [point(1, far_km, &["ru"]), point(2, 1.0, &["ru"]), point(9, 0.0, &["ru"])];
        let mut s = Slots::new();
        let today_far = s.add(K::HealthInsurance, 1, at(0, 10), 1);
        let tomorrow_near = s.add(K::HealthInsurance, 2, at(1, 10), 1);
        s.add(K::PatentApplication, 9, at(6, 10), 1);
        let visits = steps(&[K::HealthInsurance, K::PatentApplication], far_deadline());
        let r = plan(&visits, &[], &points, &s.0, None);
        (leg(&r, K::HealthInsurance).slot, today_far, tomorrow_near)
    };
    let (got, today_far, _) = run(1.0 + KM_PER_DAY - 0.5);
    assert_eq!(got, today_far, "less than KM_PER_DAY nearer: not worth a day");
    let (got, _, tomorrow_near) = run(1.0 + KM_PER_DAY + 0.5);
    assert_eq!(got, tomorrow_near, "more than KM_PER_DAY nearer: worth a day");
}

#[test]
fn completion_day_is_never_traded_for_distance() {
    // The only near application slot is a day later than a far one.
    let points = [point(1, 200.0, &["ru"]), point(2, 1.0, &["ru"])];
    let mut s = Slots::new();
    let far = s.add(K::PatentApplication, 1, at(1, 10), 1);
    s.add(K::PatentApplication, 2, at(2, 10), 1);
    let visits = steps(&[K::PatentApplication], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::PatentApplication).slot, far);
}

#[test]
fn visits_are_combined_into_one_trip() {
    // The migration centre (5 km) offers fingerprinting, insurance and the application on day
    // 1; a fingerprinting office and an insurer 4 km away also have slots that day.
    let points = [point(1, 5.0, &["ru"]), point(2, 4.0, &["ru"]), point(3, 4.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::Fingerprinting, 1, at(1, 9), 1);
    s.add(K::HealthInsurance, 1, at(1, 10), 1);
    s.add(K::PatentApplication, 1, at(1, 11), 1);
    s.add(K::Fingerprinting, 2, at(1, 9), 1);
    s.add(K::HealthInsurance, 3, at(1, 9), 1);
    let visits = steps(&[K::Fingerprinting, K::HealthInsurance, K::PatentApplication], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert!(r.legs.iter().all(|l| l.point == id(1)), "{r:#?}");
    let starts: Vec<_> = r.legs.iter().map(|l| l.starts_at).collect();
    assert_eq!(starts, vec![at(1, 9), at(1, 10), at(1, 11)]);
}

#[test]
fn visits_of_one_day_do_not_overlap_where_the_slots_allow() {
    // A one-stop centre offers fingerprinting, insurance and the exam every half hour from
    // 09:00: the three visits of day 1 get three consecutive times, not all 09:00.
    let points = [point(1, 5.0, &["ru"])];
    let mut s = Slots::new();
    for k in [K::Fingerprinting, K::HealthInsurance, K::LanguageExam] {
        for m in 0..6 {
            s.add(k, 1, at(1, 9) + Duration::minutes(30 * m), 1);
        }
    }
    // A held booking at 09:30 there too: nothing is put over it.
    let booked = [Fixed { step: K::MedicalExam, point: id(1), starts_at: at(1, 9) + Duration::minutes(30) }];
    let visits = steps(&[K::MedicalExam, K::Fingerprinting, K::HealthInsurance, K::LanguageExam], far_deadline());
    let r = plan(&visits, &booked, &points, &s.0, None);
    let mut starts: Vec<_> = r.legs.iter().map(|l| l.starts_at).collect();
    starts.sort_unstable();
    let half = |m: i64| at(1, 9) + Duration::minutes(30 * m);
    assert_eq!(starts, vec![half(0), half(2), half(3)], "{r:#?}");
    assert!(r.legs.iter().all(|l| local_day(l.starts_at.timestamp()) == local_day(at(1, 9).timestamp())));
}

#[test]
fn visits_at_two_points_on_one_day_leave_time_to_travel() {
    // Fingerprinting only at point 1, insurance only at point 2, 10 km apart, both every half
    // hour from 09:00 on day 1: after 09:00-09:30 at point 1 the person needs 15 + 30 minutes
    // to reach point 2, so insurance is at 10:30, not 09:00 or 10:00.
    let points = [point(1, 2.0, &["ru"]), point(2, 12.0, &["ru"])];
    let mut s = Slots::new();
    for m in 0..6 {
        s.add(K::Fingerprinting, 1, at(1, 9) + Duration::minutes(30 * m), 1);
        s.add(K::HealthInsurance, 2, at(1, 9) + Duration::minutes(30 * m), 1);
    }
    let visits = steps(&[K::Fingerprinting, K::HealthInsurance], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::Fingerprinting).starts_at, at(1, 9), "{r:#?}");
    assert_eq!(leg(&r, K::HealthInsurance).starts_at, at(1, 10) + Duration::minutes(30), "{r:#?}");
}

#[test]
fn without_time_to_travel_the_visits_are_at_least_one_after_the_other() {
    // As above, but point 2 has only 09:00 and 09:30: no slot leaves time to travel, so the
    // insurance goes right after fingerprinting rather than at the same time.
    let points = [point(1, 2.0, &["ru"]), point(2, 12.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::Fingerprinting, 1, at(1, 9), 1);
    s.add(K::HealthInsurance, 2, at(1, 9), 1);
    s.add(K::HealthInsurance, 2, at(1, 9) + Duration::minutes(30), 1);
    let visits = steps(&[K::Fingerprinting, K::HealthInsurance], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::HealthInsurance).starts_at, at(1, 9) + Duration::minutes(30), "{r:#?}");
}

#[test]
fn a_day_that_cannot_be_sequenced_keeps_its_times() {
    // Each step has a single 09:00 slot: the visits stay on their day (the earliest), at the
    // same time, and the person moves one.
    let points = [point(1, 5.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::Fingerprinting, 1, at(1, 9), 1);
    s.add(K::HealthInsurance, 1, at(1, 9), 1);
    let visits = steps(&[K::Fingerprinting, K::HealthInsurance], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(r.legs.iter().map(|l| l.starts_at).collect::<Vec<_>>(), vec![at(1, 9), at(1, 9)], "{r:#?}");
}

#[test]
fn preparatory_visits_share_a_trip_on_another_day() {
    // The medical examination is only at the centre (5 km) today; insurance is there too and
    // at an insurer 2 km away; the application is elsewhere on day 5.
    let points = [point(1, 5.0, &["ru"]), point(2, 2.0, &["ru"]), point(3, 3.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::MedicalExam, 1, at(0, 10), 1);
    let at_centre = s.add(K::HealthInsurance, 1, at(0, 11), 1);
    s.add(K::HealthInsurance, 2, at(0, 10), 1);
    s.add(K::PatentApplication, 3, at(5, 10), 1);
    let visits = steps(&[K::MedicalExam, K::HealthInsurance, K::PatentApplication], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(leg(&r, K::HealthInsurance).slot, at_centre, "{r:#?}");
}

#[test]
fn a_visit_joins_the_trip_of_a_held_booking() {
    // The application is booked at point 1 on day 2; insurance is offered there at 09:00 and
    // at a nearer insurer on the same day.
    let points = [point(1, 6.0, &["ru"]), point(2, 2.0, &["ru"])];
    let mut s = Slots::new();
    let with_trip = s.add(K::HealthInsurance, 1, at(2, 9), 1);
    s.add(K::HealthInsurance, 2, at(2, 9), 1);
    let booked = [Fixed { step: K::PatentApplication, point: id(1), starts_at: at(2, 11) }];
    let visits = steps(&[K::HealthInsurance, K::PatentApplication], far_deadline());
    let r = plan(&visits, &booked, &points, &s.0, None);
    assert_eq!(r.legs.len(), 1, "the booked application is not proposed again: {r:#?}");
    assert_eq!(leg(&r, K::HealthInsurance).slot, with_trip);
}

#[test]
fn held_bookings_constrain_the_others() {
    // The medical examination is booked for day 1: the application waits until day 6.
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    for d in 0..10 {
        s.add(K::PatentApplication, 1, at(d, 10), 1);
        s.add(K::MedicalExam, 1, at(d, 9), 1);
    }
    let booked = [Fixed { step: K::MedicalExam, point: id(1), starts_at: at(1, 9) }];
    let visits = steps(&[K::MedicalExam, K::PatentApplication], far_deadline());
    let req = RouteRequest {
        now: now(),
        visits: visits.iter().collect(),
        booked: &booked,
        home: None,
        lang: None,
        points: &points,
        slots: &s.0,
    };
    let r = propose(&req);
    assert_eq!(r.legs.len(), 1);
    assert_eq!(leg(&r, K::PatentApplication).starts_at, at(6, 10));
    assert_eq!(leg(&r, K::PatentApplication).distance_km, None, "no home, no distance");
    assert!(conflicts(&req, &r).is_empty());
}

#[test]
fn a_prerequisite_is_planned_before_a_held_booking_or_the_conflict_is_reported() {
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    for d in 0..10 {
        s.add(K::MedicalExam, 1, at(d, 9), 1);
    }
    let visits = steps(&[K::MedicalExam, K::PatentApplication], far_deadline());
    // Application held on day 7: the examination must be on day 2 at the latest; the earliest
    // (today) is preferred by the waiting cost.
    let booked = [Fixed { step: K::PatentApplication, point: id(1), starts_at: at(7, 10) }];
    let r = plan(&visits, &booked, &points, &s.0, None);
    assert_eq!(leg(&r, K::MedicalExam).starts_at, at(0, 9));
    // Application held on day 2: no examination can be ready; it is planned as early as possible
    // and the booking is reported.
    let booked = [Fixed { step: K::PatentApplication, point: id(1), starts_at: at(2, 10) }];
    let req = RouteRequest {
        now: now(),
        visits: visits.iter().collect(),
        booked: &booked,
        home: None,
        lang: None,
        points: &points,
        slots: &s.0,
    };
    let r = propose(&req);
    assert_eq!(leg(&r, K::MedicalExam).starts_at, at(0, 9));
    assert_eq!(conflicts(&req, &r), vec![K::PatentApplication]);
}

#[test]
fn points_speaking_the_language_win_ties() {
    let points = [point(1, 3.0, &["ru"]), point(2, 3.0, &["ru", "tg"])];
    let mut s = Slots::new();
    s.add(K::LanguageExam, 1, at(0, 10), 1);
    let tg = s.add(K::LanguageExam, 2, at(0, 10), 1);
    let visits = steps(&[K::LanguageExam], far_deadline());
    let r = plan(&visits, &[], &points, &s.0, Some(Lang::Tg));
    assert_eq!(leg(&r, K::LanguageExam).slot, tg);
}

#[test]
fn great_circle_distances() {
    assert_eq!(distance_km(synthetic::KAZAN, synthetic::KAZAN), 0.0);
    // Kazan to Naberezhnye Chelny: about 205 km in a straight line.
    let d = distance_km(synthetic::KAZAN, synthetic::TOWNS[0]);
    assert!((200.0..210.0).contains(&d), "{d}");
    assert!(
        (distance_km(synthetic::KAZAN, synthetic::TOWNS[0]) - distance_km(synthetic::TOWNS[0], synthetic::KAZAN)).abs()
            < 1e-9
    );
}

#[test]
fn a_kind_listed_twice_is_planned_once() {
    let points = [point(1, 2.0, &["ru"])];
    let mut s = Slots::new();
    s.add(K::LanguageExam, 1, at(0, 10), 1);
    s.add(K::LanguageExam, 1, at(0, 11), 1);
    let mut visits = steps(&[K::LanguageExam], far_deadline());
    visits.push(visits[0].clone());
    let r = plan(&visits, &[], &points, &s.0, None);
    assert_eq!(r.legs.len(), 1);
    assert!(r.unroutable.is_empty());
}

#[test]
fn every_step_prepares_at_most_one_other() {
    // The planner's dynamic programme relies on the prerequisites forming a forest.
    for k in K::ALL {
        let dependents = K::ALL.iter().filter(|d| d.requires().contains(&k)).count();
        assert!(dependents <= 1, "{k:?} prepares {dependents} steps");
        assert!(k.requires().iter().all(|r| *r < k), "{k:?} requires a later step");
    }
}

#[test]
fn full_patent_route_in_a_synthetic_region() {
    let first = today();
    let region = synthetic::region(7, 200, 30, first);
    let visits = patent_visits(first + Duration::days(30));
    let req = RouteRequest {
        now: now(),
        visits: visits.iter().collect(),
        booked: &[],
        home: Some(synthetic::KAZAN),
        lang: Some(Lang::Uz),
        points: &region.points,
        slots: &region.slots,
    };
    let r = propose(&req);
    assert!(r.unroutable.is_empty());
    assert_eq!(r.legs.len(), 6);
    check_valid(&req, &r);
    // Medical today, application 5 days later, issue 14 days after that.
    let app = leg(&r, K::PatentApplication);
    let issue = leg(&r, K::PatentIssue);
    assert_eq!(local_day(issue.starts_at.timestamp()) - local_day(app.starts_at.timestamp()), 14);
}

/// Asserts the route obeys the hard rules: usable slots of the right service, each once, the
/// order with its gaps, held bookings not proposed again.
fn check_valid(req: &RouteRequest, r: &Route) {
    let mut used = std::collections::HashSet::new();
    for l in &r.legs {
        let s = req.slots.iter().find(|s| s.id == l.slot).expect("leg uses a request slot");
        assert!(used.insert(s.id), "slot reused: {r:#?}");
        assert_eq!(s.service, l.step);
        assert!(s.free > 0 && s.starts_at >= req.now, "{s:?}");
        assert_eq!((s.point, s.starts_at), (l.point, l.starts_at));
        assert!(!req.booked.iter().any(|f| f.step == l.step));
        for dep in l.step.requires() {
            if let Some(d) = r.legs.iter().find(|x| x.step == *dep) {
                let ds = req.slots.iter().find(|s| s.id == d.slot).unwrap();
                let ready = ready_at(d.step, ds.starts_at.timestamp(), ds.ends_at.timestamp());
                assert!(ready <= s.starts_at.timestamp(), "{dep:?} not ready for {:?}: {r:#?}", l.step);
            }
            if let Some(f) = req.booked.iter().find(|f| f.step == *dep) {
                let t = f.starts_at.timestamp();
                let ready = ready_at(f.step, t, t + HELD_VISIT_MINUTES * 60);
                assert!(ready <= s.starts_at.timestamp(), "held {dep:?} not ready for {:?}: {r:#?}", l.step);
            }
        }
    }
}

/// Distance from home (Kazan's centre) of a test point.
fn km_of(points: &[PointInfo], p: Uuid) -> f64 {
    points.iter().find(|x| x.id == p).map_or(UNKNOWN_POINT_KM, |x| distance_km(synthetic::KAZAN, (x.lat, x.lon)))
}

/// The waiting and travel kilometres of a route, every trip paid once (rule 3).
fn route_km(points: &[PointInfo], legs: &[(Uuid, i64)], held: &[Fixed]) -> f64 {
    let today = local_day(now().timestamp());
    let mut trips: Vec<(Uuid, i64)> = held.iter().map(|f| (f.point, local_day(f.starts_at.timestamp()))).collect();
    let mut km = 0.0;
    for &(p, day) in legs {
        km += KM_PER_DAY * (day - today) as f64;
        if !trips.contains(&(p, day)) {
            trips.push((p, day));
            km += km_of(points, p);
        }
    }
    km
}

/// By trying every full assignment of `kinds` (in path order) next to the held bookings
/// `held`: the least completion day (local day number) and, among assignments finishing then,
/// the least kilometres when a leg travels free only at a held booking's trip or at the trip
/// of the step it prepares (the cost the dynamic programme is exact for; the planner's final
/// pass may only lower it).
fn brute_force(
    kinds: &[K],
    held: &[Fixed],
    points: &[PointInfo],
    slots: &[FreeSlot],
    now: DateTime<Utc>,
) -> Option<(i64, f64)> {
    struct Ctx<'a> {
        kinds: &'a [K],
        held: &'a [Fixed],
        points: &'a [PointInfo],
        slots: &'a [FreeSlot],
        now: i64,
    }
    fn go(i: usize, cx: &Ctx, chosen: &mut Vec<usize>, best: &mut Option<(i64, f64)>) {
        let (kinds, slots, now) = (cx.kinds, cx.slots, cx.now);
        if i == kinds.len() {
            let held_last = cx.held.iter().map(|f| local_day(f.starts_at.timestamp())).max();
            let trip = |j: usize| (slots[chosen[j]].point, local_day(slots[chosen[j]].starts_at.timestamp()));
            let last = (0..kinds.len()).map(|j| trip(j).1).max().max(held_last).unwrap();
            let held_trips: Vec<(Uuid, i64)> =
                cx.held.iter().map(|f| (f.point, local_day(f.starts_at.timestamp()))).collect();
            let today = local_day(now);
            let km: f64 = (0..kinds.len())
                .map(|j| {
                    let parent = kinds.iter().position(|k| k.requires().contains(&kinds[j]));
                    let free = held_trips.contains(&trip(j)) || parent.is_some_and(|q| trip(q) == trip(j));
                    KM_PER_DAY * (trip(j).1 - today) as f64 + if free { 0.0 } else { km_of(cx.points, trip(j).0) }
                })
                .sum();
            if best.is_none_or(|(d, k)| (last, km) < (d, k)) {
                *best = Some((last, km));
            }
            return;
        }
        for (c, s) in slots.iter().enumerate() {
            if s.service != kinds[i] || s.free == 0 || s.starts_at.timestamp() < now {
                continue;
            }
            let ok = kinds[i].requires().iter().all(|r| {
                let ready = match (kinds.iter().position(|k| k == r), cx.held.iter().find(|f| f.step == *r)) {
                    (Some(j), _) => {
                        let d = &slots[chosen[j]];
                        ready_at(*r, d.starts_at.timestamp(), d.ends_at.timestamp())
                    }
                    (None, Some(f)) => {
                        let t = f.starts_at.timestamp();
                        ready_at(*r, t, t + HELD_VISIT_MINUTES * 60)
                    }
                    (None, None) => i64::MIN,
                };
                ready <= s.starts_at.timestamp()
            });
            if ok {
                chosen.push(c);
                go(i + 1, cx, chosen, best);
                chosen.pop();
            }
        }
    }
    let mut best = None;
    go(0, &Ctx { kinds, held, points, slots, now: now.timestamp() }, &mut Vec::new(), &mut best);
    best
}

/// A random slot: (service choice, point, day, hour, length in half hours, free places).
type RawSlot = (usize, u8, i64, u32, u8, u32);

fn make_slots(kinds: &[K], raw: &[RawSlot]) -> Vec<FreeSlot> {
    let visit_kinds =
        [K::MedicalExam, K::Fingerprinting, K::LanguageExam, K::HealthInsurance, K::PatentApplication, K::PatentIssue];
    raw.iter()
        .enumerate()
        .map(|(i, &(svc, p, day, hour, len, free))| {
            let starts_at = at(day, hour);
            FreeSlot {
                id: id(10_000 + i as u128),
                point: id(u128::from(p)),
                // Mostly the requested services, sometimes another one.
                service: if svc % 7 == 6 { visit_kinds[svc % 6] } else { kinds[svc % kinds.len()] },
                starts_at,
                ends_at: starts_at + Duration::minutes(30 * i64::from(len)),
                free,
            }
        })
        .collect()
}

fn instance() -> impl Strategy<Value = (Vec<K>, Vec<RawSlot>)> {
    let kinds = proptest::sample::subsequence(
        vec![
            K::MedicalExam,
            K::Fingerprinting,
            K::LanguageExam,
            K::HealthInsurance,
            K::PatentApplication,
            K::PatentIssue,
        ],
        1..=6,
    );
    // (service choice, point, day -1..=25, hour 8..=17, length in half hours, free 0..=3)
    let slot = (0usize..42, 0u8..3, -1i64..=25, 8u32..=17, 1u8..=3, 0u32..=3);
    (kinds, proptest::collection::vec(slot, 0..36))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn completion_day_matches_brute_force((kinds, raw) in instance()) {
        let points: Vec<PointInfo> = (0..3).map(|p| point(p as u128, 1.0 + 3.0 * p as f64, &["ru"])).collect();
        let slots = make_slots(&kinds, &raw);
        let visits = steps(&kinds, today() + Duration::days(10));
        let req = RouteRequest {
            now: now(),
            visits: visits.iter().collect(),
            booked: &[],
            home: Some(synthetic::KAZAN),
            lang: None,
            points: &points,
            slots: &slots,
        };
        let r = propose(&req);
        check_valid(&req, &r);
        prop_assert_eq!(r.legs.len() + r.unroutable.len(), kinds.len());
        match brute_force(&kinds, &[], &points, &slots, now()) {
            Some((best, best_km)) => {
                prop_assert!(r.unroutable.is_empty(), "brute force routes everything: {:#?}", r);
                let last = r.legs.iter().map(|l| local_day(l.starts_at.timestamp())).max().unwrap();
                prop_assert_eq!(last, best);
                let legs: Vec<(Uuid, i64)> = r.legs.iter().map(|l| (l.point, local_day(l.starts_at.timestamp()))).collect();
                let km = route_km(&points, &legs, &[]);
                prop_assert!(km <= best_km + 1e-9, "planner {} km, brute force {} km: {:#?}", km, best_km, r);
            }
            None => prop_assert!(!r.unroutable.is_empty()),
        }
        for l in &r.legs {
            let late = l.starts_at.date_naive() > today() + Duration::days(10);
            prop_assert_eq!(l.after_deadline, late);
        }
    }

    #[test]
    fn completion_day_with_a_held_booking_matches_brute_force(
        (kinds, raw) in instance(),
        (which, point_no, day, hour) in (0usize..6, 0u8..3, 0i64..=20, 8u32..=17),
    ) {
        let points: Vec<PointInfo> = (0..3).map(|p| point(p as u128, 1.0 + 3.0 * p as f64, &["ru"])).collect();
        let slots = make_slots(&kinds, &raw);
        let held = [Fixed { step: kinds[which % kinds.len()], point: id(u128::from(point_no)), starts_at: at(day, hour) }];
        let visits = steps(&kinds, today() + Duration::days(10));
        let req = RouteRequest {
            now: now(),
            visits: visits.iter().collect(),
            booked: &held,
            home: Some(synthetic::KAZAN),
            lang: Some(Lang::Uz),
            points: &points,
            slots: &slots,
        };
        let r = propose(&req);
        check_valid(&req, &r);
        prop_assert_eq!(r.legs.len() + r.unroutable.len(), kinds.len() - 1);
        let to_plan: Vec<K> = kinds.iter().copied().filter(|k| *k != held[0].step).collect();
        match brute_force(&to_plan, &held, &points, &slots, now()) {
            Some((best, _)) => {
                prop_assert!(r.unroutable.is_empty(), "brute force routes everything: {:#?}", r);
                let last = r.legs.iter().map(|l| local_day(l.starts_at.timestamp())).chain([local_day(held[0].starts_at.timestamp())]).max().unwrap();
                prop_assert_eq!(last, best);
            }
            None => prop_assert!(!r.unroutable.is_empty()),
        }
    }
}
