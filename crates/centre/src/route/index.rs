//! The slot index of one request: times as integers, slots bucketed by local day.
//!
//! Times are Unix seconds and days are the region's local day numbers (`domain::clock`), so the planner's inner loops
//! compare integers only.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use uuid::Uuid;

use super::RouteRequest;
use crate::case::StepKind;

const DAY_SECS: i64 = 86_400;
/// The point index of a slot whose point is not among the request's points.
pub(super) const NO_POINT: u32 = u32::MAX;
/// Slots more than this many days after today are not considered (and cannot make the day
/// index of a request arbitrarily large).
const HORIZON_DAYS: i64 = 366;

/// The region's local day number of a Unix time (`domain::clock`).
pub(super) fn local_day(t: i64) -> i64 {
    (t + domain::clock::region_offset_secs()).div_euclid(DAY_SECS)
}

/// The Unix time of the start of a local day.
pub(super) fn day_start(day: i64) -> i64 {
    day * DAY_SECS - domain::clock::region_offset_secs()
}

/// The local calendar date of a day number.
pub(super) fn date_of(day: i64) -> NaiveDate {
    DateTime::from_timestamp(day * DAY_SECS, 0).map_or(NaiveDate::MIN, |d| d.date_naive())
}

/// When the result of `kind` done in the slot `[start, end)` can be used by the next step:
/// at the end of the slot for a result handed over at the visit, else at the start of the day
/// `result_ready_after_days` after the visit's day.
pub(super) fn ready_at(kind: StepKind, start: i64, end: i64) -> i64 {
    match kind.result_ready_after_days() {
        0 => end,
        d => day_start(local_day(start) + i64::from(d)),
    }
}

/// A usable slot of one step.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Cand {
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) day: i64,
    /// Index in the request's points, or [`NO_POINT`].
    pub(super) point: u32,
    /// Index in the request's slots.
    pub(super) slot: u32,
}

/// Usable slots of one service bucketed by local day with a counting sort (linear time):
/// look-ups touch only the days they need, and nothing is sorted that the plan never
/// considers.
#[derive(Default)]
pub(super) struct ByDay {
    first_day: i64,
    /// `offsets[d - first_day]..offsets[d - first_day + 1]` are day `d`'s slots.
    offsets: Vec<usize>,
    cands: Vec<Cand>,
}

impl ByDay {
    fn new(raw: Vec<Cand>) -> ByDay {
        let (Some(first), Some(last)) = (raw.iter().map(|c| c.day).min(), raw.iter().map(|c| c.day).max()) else {
            return ByDay::default();
        };
        let mut offsets = vec![0usize; (last - first + 2) as usize];
        for c in &raw {
            offsets[(c.day - first) as usize + 1] += 1;
        }
        for d in 1..offsets.len() {
            offsets[d] += offsets[d - 1];
        }
        let mut next = offsets.clone();
        let mut cands = vec![Cand::default(); raw.len()];
        for c in raw {
            let d = (c.day - first) as usize;
            cands[next[d]] = c;
            next[d] += 1;
        }
        ByDay { first_day: first, offsets, cands }
    }

    /// The last day with a slot (`first_day - 1` when there is none).
    pub(super) fn last_day(&self) -> i64 {
        self.first_day + self.offsets.len() as i64 - 2
    }

    /// The slots of days `from..=to`.
    pub(super) fn days(&self, from: i64, to: i64) -> &[Cand] {
        let (f, t) = (from.max(self.first_day), to.min(self.last_day()));
        if self.cands.is_empty() || f > t {
            return &[];
        }
        &self.cands[self.offsets[(f - self.first_day) as usize]..self.offsets[(t - self.first_day) as usize + 1]]
    }

    /// The earliest slot starting at or after `lb` (ties by input order).
    pub(super) fn first_from(&self, lb: i64) -> Option<Cand> {
        let mut first: Option<Cand> = None;
        for d in local_day(lb)..=self.last_day() {
            for c in self.days(d, d) {
                if c.start >= lb && first.is_none_or(|f| (c.start, c.slot) < (f.start, f.slot)) {
                    first = Some(*c);
                }
            }
            if first.is_some() {
                break;
            }
        }
        first
    }

    /// The earliest end among slots starting at or after `lb` (`i64::MAX` when none): no slot
    /// of a day starting after the best end so far can end earlier.
    pub(super) fn earliest_end_from(&self, lb: i64) -> i64 {
        let mut best = i64::MAX;
        let mut d = local_day(lb);
        while d <= self.last_day() && day_start(d) < best {
            for c in self.days(d, d) {
                if c.start >= lb {
                    best = best.min(c.end);
                }
            }
            d += 1;
        }
        best
    }
}

/// Buckets the usable slots of the request by step: `index_of[kind]` names the step (in
/// `0..steps`) a slot of that service is for, if any. One pass over the slots.
pub(super) fn index(req: &RouteRequest, index_of: &[Option<usize>], steps: usize) -> Vec<ByDay> {
    let now = req.now.timestamp();
    let horizon = local_day(now) + HORIZON_DAYS;
    let mut raw: Vec<Vec<Cand>> = (0..steps).map(|_| Vec::new()).collect();
    let point_of: HashMap<Uuid, u32> = req.points.iter().enumerate().map(|(i, p)| (p.id, i as u32)).collect();
    let mut last_point = (Uuid::nil(), point_of.get(&Uuid::nil()).copied().unwrap_or(NO_POINT));
    for (k, s) in req.slots.iter().enumerate() {
        let start = s.starts_at.timestamp();
        // A slot ending before it starts is corrupt: unusable like a full one.
        if s.free == 0 || start < now || s.ends_at < s.starts_at {
            continue;
        }
        let day = local_day(start);
        if let Some(i) = index_of[s.service as usize]
            && day <= horizon
        {
            // Slots usually come grouped by point: skip the hash when the point repeats.
            if s.point != last_point.0 {
                last_point = (s.point, point_of.get(&s.point).copied().unwrap_or(NO_POINT));
            }
            raw[i].push(Cand { start, end: s.ends_at.timestamp(), day, point: last_point.1, slot: k as u32 });
        }
    }
    raw.into_iter().map(ByDay::new).collect()
}
