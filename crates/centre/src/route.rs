//! The route: where and when a person makes the visits their case still needs.
//!
//! Given the visits to book ([`crate::case::Case::visits_to_book`]), the bookings already held
//! and the free slots of the region's service points, [`propose`] picks one slot per visit.
//! The rules, in the order they are applied:
//!
//! 1. **Order.** A step starts only when every step it [`requires`](StepKind::requires) that is
//!    part of the request (a visit to book or a held booking) has its result ready: the
//!    prerequisite's start day plus [`result_ready_after_days`](StepKind::result_ready_after_days)
//!    calendar days (the result is usable from the start of that day, PAT-4, PAT-8); a result
//!    ready after 0 days (fingerprint card, policy, exam certificate) is usable at the end of the
//!    prerequisite's slot, so both can be done on one trip. A held booking whose end is unknown
//!    is taken to last [`HELD_VISIT_MINUTES`]. Days are calendar days in the region's time
//!    ([`domain::clock`]), the time of the region's offices.
//! 2. **Earliest completion.** The day of the last visit (legs and held bookings) is minimised
//!    first and is never traded for anything else: no other criterion makes the route finish
//!    later.
//! 3. **Near, soon, few trips.** Among routes finishing on that day, the planner minimises a cost
//!    in kilometres: the distance from `home` of every trip (a trip is one point on one day,
//!    paid once however many visits it holds, and not at all when a held booking already takes
//!    the person there) plus [`KM_PER_DAY`] for every day a visit waits after today. So a
//!    visit that has slack goes one day later only to a point at least 10 km nearer, two days
//!    later for 20 km, and so on. Then fewer trips, then points speaking the person's `lang`,
//!    then earlier start times. Without `home` distances are unknown and the cost is the
//!    waiting days alone; a slot at a point missing from `points` counts as
//!    [`UNKNOWN_POINT_KM`] away.
//! 4. **Deadlines.** A leg after its step's deadline is still proposed (late is better than
//!    never) and flagged [`Leg::after_deadline`]; a step with no free slot it could use, or whose
//!    prerequisite has none, is listed in [`Route::unroutable`].
//! 5. **Slots.** A slot with no free place, starting before `now`, more than 366 days ahead or
//!    ending before it starts is never used; every slot serves one step kind and every kind is
//!    planned once, so no slot is used twice.
//!
//! 6. **One visit at a time.** Visits of one day that overlap, or leave no time to travel
//!    between two points, are re-timed, each keeping its point and day, to the earliest slots
//!    that do not clash with each other or a held booking and keep rule 1 (`sequence`); a day
//!    that cannot be so sequenced keeps its times.
//!
//! Steps of `visits` that already have a held booking are not proposed again: the booking is
//! kept and constrains the rest (a prerequisite is planned to be ready before it, when it can;
//! [`conflicts`] lists held bookings that cannot be kept in order).
//!
//! ## Why the route is the earliest, and how it stays fast
//!
//! The steps' prerequisites form a forest: each step prepares at most one other (the medical
//! certificate, fingerprint card, exam certificate and policy prepare the patent application,
//! the application prepares the patent's issue; a unit test keeps [`StepKind::requires`] that
//! way). Every slot serves one kind, so the steps never compete for a slot and the only
//! coupling is the order. Taking each step at its earliest usable slot in path order (the first
//! day bucket of the service with a slot after the step's earliest start, and for same-day
//! results the earliest end) gives every step its earliest possible result, and an earlier
//! result never delays anything after it: so this forward pass reaches the least completion
//! day, and any route finishing that day can be compared against it. The planner then fixes
//! that day and, children before parents, computes for each candidate slot of a step the
//! least cost of the step with everything it needs (a prefix minimum over the prerequisite's
//! candidates ordered by result time, plus the best candidate sharing the trip): a dynamic
//! programme over the forest with no enumeration of combinations. It is exact for the cost
//! above when trips are shared only between a step and the step it prepares (the migration
//! centre's fingerprinting, insurance and application in one visit) or with held bookings; a
//! final pass then moves a leg to the point and day of another leg (two preparatory visits on
//! one trip) while that lowers the cost and keeps every order constraint and the completion
//! day. Candidates are the slots between the step's earliest start and the latest day it can
//! still serve the completion day, so the work grows with the slack, not with the whole month;
//! slots are bucketed by day in linear time rather than sorted.

mod cost;
mod index;
mod plan;
mod sequence;
pub mod synthetic;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use domain::lang::Lang;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case::{Step, StepKind};

/// Kilometres of distance worth one day of waiting: a visit is moved one day later only to a
/// point at least this much nearer.
///
/// Why 10 km: across Kazan 10 km is about 40 minutes each way by public transport, so a day
/// later buys back well over an hour of travel; every day of waiting also brings the
/// legalisation deadline (and the fines of KoAP 18.8) a day closer, so smaller gains are not
/// worth it. Within a city all points lie within about 20 km, so the rule mostly chooses among
/// the points of the same or the next day.
pub const KM_PER_DAY: f64 = 10.0;

/// Distance assumed for a slot whose point is not among the request's points (its location is
/// unknown): such a slot is used only when it finishes earlier or spares more than this much
/// travel.
pub const UNKNOWN_POINT_KM: f64 = 50.0;

/// How long a held booking is taken to last when a same-day step follows it (its slot's end is
/// not part of [`Fixed`]).
pub const HELD_VISIT_MINUTES: i64 = 30;

/// A service point as the planner needs it: where it is and which languages its staff speak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointInfo {
    /// The point's id (`service_points.id`).
    pub id: Uuid,
    /// Latitude in degrees (WGS 84).
    pub lat: f64,
    /// Longitude in degrees (WGS 84).
    pub lon: f64,
    /// Language codes ([`Lang::code`]) the staff serve in.
    pub languages: Vec<String>,
}

/// A slot with at least one free place, as the store reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    /// The slot's id (`slots.id`).
    pub id: Uuid,
    /// The point offering it.
    pub point: Uuid,
    /// The step it serves.
    pub service: StepKind,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places left; a slot with 0 is never used.
    pub free: u32,
}

/// A booking the person already holds: kept as it is and constraining the other steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fixed {
    /// The booked step.
    pub step: StepKind,
    /// Where.
    pub point: Uuid,
    /// When.
    pub starts_at: DateTime<Utc>,
}

/// Everything the planner needs for one person; borrowed, so the store can reuse one region's
/// points and slots for many requests.
#[derive(Debug, Clone)]
pub struct RouteRequest<'a> {
    /// The moment of planning: slots starting earlier are not used, waiting is counted from
    /// its day.
    pub now: DateTime<Utc>,
    /// The visits still to make ([`crate::case::Case::visits_to_book`]).
    pub visits: Vec<&'a Step>,
    /// Bookings already held.
    pub booked: &'a [Fixed],
    /// Place of stay (latitude, longitude), when known.
    pub home: Option<(f64, f64)>,
    /// The person's language, preferred among points on ties.
    pub lang: Option<Lang>,
    /// The region's service points.
    pub points: &'a [PointInfo],
    /// Free slots (any order; those with no place or in the past are skipped).
    pub slots: &'a [FreeSlot],
}

/// One proposed visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leg {
    /// The step.
    pub step: StepKind,
    /// The slot to book.
    pub slot: Uuid,
    /// Its point.
    pub point: Uuid,
    /// Its start.
    pub starts_at: DateTime<Utc>,
    /// Great-circle distance from home, when both are known.
    pub distance_km: Option<f64>,
    /// The visit falls after the step's deadline (still proposed: late is better than never).
    pub after_deadline: bool,
}

/// The proposal: legs in time order and the steps that cannot be placed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Route {
    /// Proposed visits, earliest first.
    pub legs: Vec<Leg>,
    /// Steps with no usable free slot (or whose prerequisite has none), in path order.
    pub unroutable: Vec<StepKind>,
}

/// When the result of a visit of `kind` in `[start, end)` can be used by the step it prepares
/// (rule 1): at the end of the visit, or from the start of the day
/// [`StepKind::result_ready_after_days`] later.
pub fn result_usable_at(kind: StepKind, start: DateTime<Utc>, end: DateTime<Utc>) -> DateTime<Utc> {
    let t = index::ready_at(kind, start.timestamp(), end.timestamp());
    DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Proposes the earliest feasible route (see the module documentation for the rules).
pub fn propose(req: &RouteRequest) -> Route {
    plan::propose(req)
}

/// Held bookings that cannot be kept in order with the route: a step they require (a leg of
/// `route`) has its result ready only after the booking starts. The cabinet offers to move
/// them.
pub fn conflicts(req: &RouteRequest, route: &Route) -> Vec<StepKind> {
    let mut out: Vec<StepKind> = req
        .booked
        .iter()
        .filter(|f| {
            route.legs.iter().any(|l| {
                f.step.requires().contains(&l.step)
                    && index::ready_at(l.step, l.starts_at.timestamp(), leg_end(req, l)) > f.starts_at.timestamp()
            })
        })
        .map(|f| f.step)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn leg_end(req: &RouteRequest, leg: &Leg) -> i64 {
    req.slots
        .iter()
        .find(|s| s.id == leg.slot)
        .map_or(leg.starts_at.timestamp() + HELD_VISIT_MINUTES * 60, |s| s.ends_at.timestamp())
}

/// Great-circle (haversine) distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}
