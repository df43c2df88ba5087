//! The cost of rule 3 (travel per trip, waiting, trips, language, time) and the final pass
//! that joins visits into shared trips.

use std::cmp::Ordering;
use std::ops::Add;

use uuid::Uuid;

use super::index::{Cand, NO_POINT, local_day, ready_at};
use super::plan::Planned;
use super::{KM_PER_DAY, RouteRequest, UNKNOWN_POINT_KM, distance_km};

/// The cost compared among routes finishing on the same day (module doc, rule 3), summed over
/// legs and compared lexicographically.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Score {
    /// Travel plus [`KM_PER_DAY`] per day of waiting.
    km: f64,
    trips: u32,
    /// Legs at points not speaking the person's language.
    foreign: u32,
    /// Seconds from now to each leg's start.
    secs: i64,
}

impl Add for Score {
    type Output = Score;
    fn add(self, o: Score) -> Score {
        Score {
            km: self.km + o.km,
            trips: self.trips + o.trips,
            foreign: self.foreign + o.foreign,
            secs: self.secs + o.secs,
        }
    }
}

impl Score {
    pub(super) fn cmp(&self, o: &Score) -> Ordering {
        self.km
            .total_cmp(&o.km)
            .then(self.trips.cmp(&o.trips))
            .then(self.foreign.cmp(&o.foreign))
            .then(self.secs.cmp(&o.secs))
    }
}

/// The cost terms of rule 3 for the request's points.
pub(super) struct Costs<'r> {
    req: &'r RouteRequest<'r>,
    today: i64,
    /// Distance from home per point (0 without a home).
    pub(super) dist: Vec<f64>,
    /// Per point: its staff do not speak the person's language.
    foreign: Vec<bool>,
    /// (point, day) of the held bookings: a visit there travels free.
    pub(super) held_trips: Vec<(Uuid, i64)>,
}

impl<'r> Costs<'r> {
    pub(super) fn new(req: &'r RouteRequest<'r>) -> Costs<'r> {
        Costs {
            req,
            today: local_day(req.now.timestamp()),
            dist: req.points.iter().map(|p| req.home.map_or(0.0, |h| distance_km(h, (p.lat, p.lon)))).collect(),
            foreign: req
                .points
                .iter()
                .map(|p| req.lang.is_some_and(|l| !p.languages.iter().any(|x| x.eq_ignore_ascii_case(l.code()))))
                .collect(),
            held_trips: req.booked.iter().map(|f| (f.point, local_day(f.starts_at.timestamp()))).collect(),
        }
    }

    pub(super) fn point_id(&self, c: &Cand) -> Uuid {
        self.req.slots[c.slot as usize].point
    }

    /// Waiting, language and time: paid by every leg.
    pub(super) fn base(&self, c: &Cand) -> Score {
        let known = c.point != NO_POINT;
        Score {
            km: KM_PER_DAY * (c.day - self.today) as f64,
            trips: 0,
            foreign: u32::from(self.req.lang.is_some() && (!known || self.foreign[c.point as usize])),
            secs: c.start - self.req.now.timestamp(),
        }
    }

    /// The trip to the slot's point: paid once per point and day.
    pub(super) fn travel(&self, c: &Cand) -> Score {
        let km = if c.point != NO_POINT {
            self.dist[c.point as usize]
        } else if self.req.home.is_some() {
            UNKNOWN_POINT_KM
        } else {
            0.0
        };
        Score { km, trips: 1, ..Score::default() }
    }

    /// The cost of a whole assignment, every trip paid once.
    fn total(&self, chosen: &[Option<Cand>]) -> Score {
        let mut trips: Vec<(Uuid, i64)> = self.held_trips.clone();
        let mut sum = Score::default();
        for c in chosen.iter().flatten() {
            sum = sum + self.base(c);
            let key = (self.point_id(c), c.day);
            if !trips.contains(&key) {
                trips.push(key);
                sum = sum + self.travel(c);
            }
        }
        sum
    }
}

/// Joins visits into shared trips the dynamic programme does not see (two preparatory visits
/// at one point on a day other than the application's): moves a leg to a slot at the point
/// and day of another leg when the whole route gets cheaper and every order constraint still
/// holds. No leg moves past the completion day, so rule 2 is untouched.
pub(super) fn improve(
    plan: &[Planned],
    routable: &[bool],
    completion: i64,
    costs: &Costs,
    chosen: &mut [Option<Cand>],
) {
    let now = costs.req.now.timestamp();
    let fits = |i: usize, c: &Cand, chosen: &[Option<Cand>]| {
        let p = &plan[i];
        let ready = ready_at(p.step.kind, c.start, c.end);
        c.start >= now.max(p.fixed_ready)
            && c.day <= completion
            && p.bound.is_none_or(|b| ready <= b)
            && p.deps.iter().all(|&d| chosen[d].is_some_and(|x| ready_at(plan[d].step.kind, x.start, x.end) <= c.start))
            && p.parent.filter(|&q| routable[q]).is_none_or(|q| chosen[q].is_some_and(|x| ready <= x.start))
    };
    // A few rounds: every accepted move lowers the cost, and there are at most six legs.
    for _ in 0..4 {
        let mut moved = false;
        for i in 0..plan.len() {
            let Some(current) = chosen[i] else { continue };
            let trips: Vec<(u32, i64)> = chosen
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .filter_map(|(_, c)| c.map(|c| (c.point, c.day)))
                .filter(|&(p, d)| p != NO_POINT && (p, d) != (current.point, current.day))
                .collect();
            let mut best = (costs.total(chosen), current);
            for (point, day) in trips {
                for c in plan[i].slots.days(day, day).iter().filter(|c| c.point == point) {
                    if !fits(i, c, chosen) {
                        continue;
                    }
                    chosen[i] = Some(*c);
                    let cost = costs.total(chosen);
                    if cost.cmp(&best.0).is_lt() {
                        best = (cost, *c);
                    }
                }
            }
            chosen[i] = Some(best.1);
            moved |= best.1.slot != current.slot;
        }
        if !moved {
            break;
        }
    }
}
