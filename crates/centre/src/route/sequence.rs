//! The last pass: visits of one day at times that do not overlap.
//!
//! The dynamic programme chooses a point and a day for each visit and, among a day's slots,
//! the earliest; it does not see that two visits of one day (four windows of a one-stop centre,
//! say) were given the same hour. This pass keeps every visit's point and day, so the
//! completion day, the trips and the kilometres stay what the programme found, and only
//! re-times the visits of a day where some overlap: in path order, each takes the earliest slot
//! of its step at its point that day that overlaps neither a visit already placed nor a held
//! booking, and keeps every order constraint (its prerequisites' results ready before it, its
//! result ready before a held booking that needs it). Between visits at two different points
//! the person must also travel ([`travel_secs`]); where the slots leave no time for that, the
//! visits are at least not at the same time. When a day cannot be sequenced even so, its times
//! are left as they were (the person reschedules one of them).

use uuid::Uuid;

use super::index::{Cand, local_day, ready_at};
use super::plan::Planned;
use super::{HELD_VISIT_MINUTES, RouteRequest, distance_km};

/// Fixed part of the time to get from one point to another: leaving, waiting for transport,
/// finding the entrance.
pub const TRAVEL_BASE_MINUTES: i64 = 15;
/// Minutes per kilometre between two points: 20 km/h, a city's public transport door to door.
pub const TRAVEL_MINUTES_PER_KM: f64 = 3.0;
/// Travel time assumed when a point's location is unknown.
pub const TRAVEL_UNKNOWN_MINUTES: i64 = 60;

/// A visit placed on a day: `[start, end)` at a point.
type Placed = (i64, i64, Uuid);

/// Seconds needed to get from point `a` to point `b` (0 within one point).
fn travel_secs(req: &RouteRequest, a: Uuid, b: Uuid) -> i64 {
    if a == b {
        return 0;
    }
    let at = |id: Uuid| req.points.iter().find(|p| p.id == id).map(|p| (p.lat, p.lon));
    let minutes = match (at(a), at(b)) {
        (Some(x), Some(y)) => TRAVEL_BASE_MINUTES + (distance_km(x, y) * TRAVEL_MINUTES_PER_KM).ceil() as i64,
        _ => TRAVEL_UNKNOWN_MINUTES,
    };
    minutes * 60
}

/// True when two visits cannot both be made: they overlap, or (with `travel`) leave too little
/// time to get from one point to the other.
fn clash(req: &RouteRequest, travel: bool, x: Placed, y: Placed) -> bool {
    let gap = if travel { travel_secs(req, x.2, y.2) } else { 0 };
    x.0 < y.1 + gap && y.0 < x.1 + gap
}

/// Re-times the visits of each day where they overlap (see the module documentation).
/// `chosen[i]` is the slot of `plan[i]`; `plan` is in path order.
pub(super) fn sequence(req: &RouteRequest, plan: &[Planned], chosen: &mut [Option<Cand>]) {
    let held: Vec<Placed> = req
        .booked
        .iter()
        .map(|f| (f.starts_at.timestamp(), f.starts_at.timestamp() + HELD_VISIT_MINUTES * 60, f.point))
        .collect();
    let mut days: Vec<i64> = chosen.iter().flatten().map(|c| c.day).collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        let on_day: Vec<usize> = (0..plan.len()).filter(|&i| chosen[i].is_some_and(|c| c.day == day)).collect();
        let busy: Vec<Placed> = held.iter().copied().filter(|h| local_day(h.0) == day).collect();
        let mut visits: Vec<Placed> = on_day
            .iter()
            .filter_map(|&i| chosen[i])
            .map(|c| (c.start, c.end, req.slots[c.slot as usize].point))
            .collect();
        visits.extend(&busy);
        let clashes = (0..visits.len()).any(|i| visits[i + 1..].iter().any(|&y| clash(req, true, visits[i], y)));
        if !clashes {
            continue;
        }
        // With time to travel between points if the slots allow it, else at least one visit at
        // a time.
        let timed = retime_day(req, plan, chosen, &on_day, busy.clone(), true)
            .or_else(|| retime_day(req, plan, chosen, &on_day, busy, false));
        if let Some(timed) = timed {
            for (i, c) in on_day.into_iter().zip(timed) {
                chosen[i] = Some(c);
            }
        }
    }
}

/// The day's visits (`on_day`, in path order) each at the earliest slot of its step and point
/// that clashes with nothing placed before it and keeps the order constraints; `None` when one
/// has no such slot.
fn retime_day(
    req: &RouteRequest,
    plan: &[Planned],
    chosen: &[Option<Cand>],
    on_day: &[usize],
    mut placed: Vec<Placed>,
    travel: bool,
) -> Option<Vec<Cand>> {
    let mut now_chosen = chosen.to_vec();
    let mut out = Vec::with_capacity(on_day.len());
    for &i in on_day {
        let was = chosen[i]?;
        let p = &plan[i];
        let ready = p
            .deps
            .iter()
            .filter_map(|&d| now_chosen[d].map(|c| ready_at(plan[d].step.kind, c.start, c.end)))
            .fold(p.fixed_ready, i64::max);
        let point = req.slots[was.slot as usize].point;
        let pick = p
            .slots
            .days(was.day, was.day)
            .iter()
            .filter(|c| req.slots[c.slot as usize].point == point && c.start >= ready)
            .filter(|c| p.bound.is_none_or(|b| ready_at(p.step.kind, c.start, c.end) <= b))
            .filter(|c| !placed.iter().any(|&y| clash(req, travel, (c.start, c.end, point), y)))
            .min_by_key(|c| (c.start, c.slot))
            .copied()?;
        placed.push((pick.start, pick.end, point));
        now_chosen[i] = Some(pick);
        out.push(pick);
    }
    Some(out)
}
