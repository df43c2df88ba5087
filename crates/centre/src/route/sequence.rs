//! The last pass: visits of one day at times that do not overlap.
//!
//! The dynamic programme chooses a point and a day for each visit and, among a day's slots,
//! the earliest; it does not see that two visits of one day (four windows of a one-stop centre,
//! say) were given the same hour. This pass keeps every visit's point and day, so the
//! completion day, the trips and the kilometres stay what the programme found, and only
//! re-times the visits of a day where some overlap: in path order, each takes the earliest slot
//! of its step at its point that day that overlaps neither a visit already placed nor a held
//! booking, and keeps every order constraint (its prerequisites' results ready before it, its
//! result ready before a held booking that needs it). When a day cannot be sequenced so, its
//! times are left as they were (the person reschedules one of them).

use super::HELD_VISIT_MINUTES;
use super::RouteRequest;
use super::index::{Cand, local_day, ready_at};
use super::plan::Planned;

/// Re-times the visits of each day where they overlap (see the module documentation).
/// `chosen[i]` is the slot of `plan[i]`; `plan` is in path order.
pub(super) fn sequence(req: &RouteRequest, plan: &[Planned], chosen: &mut [Option<Cand>]) {
    let held: Vec<(i64, i64)> =
        req.booked.iter().map(|f| f.starts_at.timestamp()).map(|s| (s, s + HELD_VISIT_MINUTES * 60)).collect();
    let mut days: Vec<i64> = chosen.iter().flatten().map(|c| c.day).collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        let on_day: Vec<usize> = (0..plan.len()).filter(|&i| chosen[i].is_some_and(|c| c.day == day)).collect();
        let busy: Vec<(i64, i64)> = held.iter().copied().filter(|&(s, _)| local_day(s) == day).collect();
        let mut intervals: Vec<(i64, i64)> =
            on_day.iter().filter_map(|&i| chosen[i]).map(|c| (c.start, c.end)).collect();
        intervals.extend(&busy);
        if !any_overlap(&mut intervals) {
            continue;
        }
        if let Some(timed) = retime_day(req, plan, chosen, &on_day, busy) {
            for (i, c) in on_day.into_iter().zip(timed) {
                chosen[i] = Some(c);
            }
        }
    }
}

/// The day's visits (`on_day`, in path order) each at the earliest slot of its step and point
/// that overlaps nothing placed before it and keeps the order constraints; `None` when one
/// has no such slot.
fn retime_day(
    req: &RouteRequest,
    plan: &[Planned],
    chosen: &[Option<Cand>],
    on_day: &[usize],
    mut placed: Vec<(i64, i64)>,
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
            .filter(|c| !placed.iter().any(|&(s, e)| c.start < e && s < c.end))
            .min_by_key(|c| (c.start, c.slot))
            .copied()?;
        placed.push((pick.start, pick.end));
        now_chosen[i] = Some(pick);
        out.push(pick);
    }
    Some(out)
}

/// True when two of the half-open intervals overlap (sorts them).
fn any_overlap(intervals: &mut [(i64, i64)]) -> bool {
    intervals.sort_unstable();
    intervals.windows(2).any(|w| w[1].0 < w[0].1)
}
