//! The planner: the forward pass that finds the least completion day, and the dynamic
//! programme over the prerequisite forest that picks the slots (see the module doc of
//! [`super`] for why the result is the earliest).

use super::cost::{Costs, Score, improve};
use super::index::{ByDay, Cand, NO_POINT, date_of, index, local_day, ready_at};
use super::{Fixed, HELD_VISIT_MINUTES, Leg, Route, RouteRequest};
use crate::case::{Step, StepKind};

/// One step being planned.
pub(super) struct Planned<'a> {
    pub(super) step: &'a Step,
    /// Latest result time of the held bookings it requires.
    pub(super) fixed_ready: i64,
    /// Planned prerequisites.
    pub(super) deps: Vec<usize>,
    /// The planned step this one prepares.
    pub(super) parent: Option<usize>,
    /// Start of the earliest held booking that needs this step's result.
    pub(super) bound: Option<i64>,
    /// Usable slots of its service.
    pub(super) slots: ByDay,
}

/// The best cost of a step with everything it needs, per candidate, ready for look-ups by the
/// step it prepares: prefix minima by result time, over all candidates (`a_*`, the trip is
/// paid) and per point and day (`b_*`, the trip is shared with the dependent step).
#[derive(Default)]
struct Table {
    cands: Vec<Cand>,
    a_ready: Vec<i64>,
    a_best: Vec<(Score, u32)>,
    b_key: Vec<(u32, i64, i64)>,
    b_best: Vec<(Score, u32)>,
}

impl Table {
    /// The cheapest candidate whose result is ready by `parent`'s start: (cost, candidate).
    fn best_for(&self, parent: &Cand) -> Option<(Score, u32)> {
        let n = self.a_ready.partition_point(|&r| r <= parent.start);
        let a = n.checked_sub(1).map(|i| self.a_best[i]);
        let b = if parent.point == NO_POINT {
            None
        } else {
            let lo = self.b_key.partition_point(|k| (k.0, k.1) < (parent.point, parent.day));
            let hi = self.b_key.partition_point(|k| *k <= (parent.point, parent.day, parent.start));
            (hi > lo).then(|| self.b_best[hi - 1])
        };
        match (a, b) {
            (Some(a), Some(b)) => Some(if b.0.cmp(&a.0).is_le() { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    fn best(&self) -> Option<(Score, u32)> {
        self.a_best.last().copied()
    }
}

/// Prefix minima of `(score, candidate)` over `items` in order; with `group`, restarting where
/// the group changes.
fn prefix_min<K: PartialEq>(items: &[(Score, u32)], group: impl Fn(usize) -> K) -> Vec<(Score, u32)> {
    let mut out: Vec<(Score, u32)> = Vec::with_capacity(items.len());
    for (i, &it) in items.iter().enumerate() {
        let prev = if i > 0 && group(i) == group(i - 1) { Some(out[i - 1]) } else { None };
        out.push(match prev {
            Some(p) if p.0.cmp(&it.0).is_le() => p,
            _ => it,
        });
    }
    out
}

pub(super) fn propose(req: &RouteRequest) -> Route {
    let mut plan = steps_to_plan(req);
    let fw = forward(&mut plan, req);
    let latest = latest_days(&plan, &fw);
    let costs = Costs::new(req);
    let tables = tables(&plan, &fw, &latest, &costs);
    let mut chosen = read_back(&plan, &fw, &tables);
    improve(&plan, &fw.routable, fw.completion, &costs, &mut chosen);
    super::sequence::sequence(req, &plan, &mut chosen);
    to_route(req, &plan, &chosen, &costs)
}

/// The steps to plan: visits without a held booking, one per kind, in path order (so every
/// step comes after the steps it requires), with their prerequisites, held bounds and slots.
fn steps_to_plan<'a>(req: &RouteRequest<'a>) -> Vec<Planned<'a>> {
    let mut steps: Vec<&Step> = Vec::new();
    for &s in &req.visits {
        if !req.booked.iter().any(|f| f.step == s.kind) && !steps.iter().any(|p| p.kind == s.kind) {
            steps.push(s);
        }
    }
    steps.sort_by_key(|s| s.kind);
    let mut index_of = [None::<usize>; StepKind::ALL.len()];
    for (i, s) in steps.iter().enumerate() {
        index_of[s.kind as usize] = Some(i);
    }
    let mut slots = index(req, &index_of, steps.len()).into_iter();
    let mut plan: Vec<Planned> = steps
        .iter()
        .map(|&step| Planned {
            step,
            fixed_ready: req
                .booked
                .iter()
                .filter(|f| step.kind.requires().contains(&f.step))
                .map(held_ready)
                .max()
                .unwrap_or(i64::MIN),
            deps: step.kind.requires().iter().filter_map(|r| index_of[*r as usize]).collect(),
            parent: None,
            bound: None,
            slots: slots.next().unwrap_or_default(),
        })
        .collect();
    for i in 0..plan.len() {
        for d in plan[i].deps.clone() {
            plan[d].parent = Some(i);
        }
    }
    for f in req.booked {
        for r in f.step.requires() {
            if let Some(i) = index_of[*r as usize] {
                let b = f.starts_at.timestamp();
                plan[i].bound = Some(plan[i].bound.map_or(b, |x| x.min(b)));
            }
        }
    }
    plan
}

/// What the forward pass learnt.
struct Forward {
    /// The step has a usable slot (and so do its prerequisites).
    routable: Vec<bool>,
    /// Its earliest possible start.
    earliest: Vec<i64>,
    /// The least completion day (local day number).
    completion: i64,
}

/// Every step at its earliest usable slot, in path order: each result at its earliest, hence
/// the least completion day. Drops a held bound that cannot be met (see `conflicts`).
fn forward(plan: &mut [Planned], req: &RouteRequest) -> Forward {
    let now = req.now.timestamp();
    let n = plan.len();
    let mut fw = Forward {
        routable: vec![false; n],
        earliest: vec![0; n],
        completion: req.booked.iter().map(|f| local_day(f.starts_at.timestamp())).max().unwrap_or(i64::MIN),
    };
    let mut asap_ready = vec![0i64; n];
    for i in 0..n {
        if plan[i].deps.iter().any(|&d| !fw.routable[d]) {
            continue;
        }
        let lb = plan[i].deps.iter().map(|&d| asap_ready[d]).fold(now.max(plan[i].fixed_ready), i64::max);
        let Some(first) = plan[i].slots.first_from(lb) else { continue };
        let kind = plan[i].step.kind;
        let ready = if kind.result_ready_after_days() == 0 {
            plan[i].slots.earliest_end_from(lb)
        } else {
            ready_at(kind, first.start, first.end)
        };
        fw.routable[i] = true;
        fw.earliest[i] = lb;
        asap_ready[i] = ready;
        fw.completion = fw.completion.max(first.day);
        if plan[i].bound.is_some_and(|b| ready > b) {
            // The held booking cannot be kept in order: plan without it.
            plan[i].bound = None;
        }
    }
    fw
}

/// The latest day each step can take and still serve the completion day.
fn latest_days(plan: &[Planned], fw: &Forward) -> Vec<i64> {
    let mut latest = vec![fw.completion; plan.len()];
    for i in (0..plan.len()).rev() {
        let days = i64::from(plan[i].step.kind.result_ready_after_days());
        if let Some(p) = plan[i].parent.filter(|&p| fw.routable[p]) {
            latest[i] = latest[p] - days;
        }
        if let Some(b) = plan[i].bound {
            latest[i] = latest[i].min(local_day(b) - days);
        }
    }
    latest
}

/// The dynamic programme, prerequisites first: for every candidate slot of a step, the least
/// cost of the step with everything it needs.
fn tables(plan: &[Planned], fw: &Forward, latest: &[i64], costs: &Costs) -> Vec<Table> {
    let mut tables: Vec<Table> = (0..plan.len()).map(|_| Table::default()).collect();
    for (i, p) in plan.iter().enumerate() {
        if !fw.routable[i] {
            continue;
        }
        let earliest = fw.earliest[i];
        let mut cands = Vec::new();
        let mut full = Vec::new();
        let mut shared = Vec::new();
        'cand: for c in p.slots.days(local_day(earliest), latest[i]) {
            let ready = ready_at(p.step.kind, c.start, c.end);
            if c.start < earliest || p.bound.is_some_and(|b| ready > b) {
                continue;
            }
            let mut sub = Score::default();
            for &ch in &p.deps {
                let Some((s, _)) = tables[ch].best_for(c) else { continue 'cand };
                sub = sub + s;
            }
            let base = costs.base(c) + sub;
            let travel =
                if costs.held_trips.contains(&(costs.point_id(c), c.day)) { Score::default() } else { costs.travel(c) };
            let k = cands.len() as u32;
            cands.push(*c);
            full.push((ready, base + travel, k));
            if c.point != NO_POINT {
                shared.push((c.point, c.day, ready, base, k));
            }
        }
        full.sort_unstable_by_key(|x| (x.0, x.2));
        shared.sort_unstable_by_key(|x| (x.0, x.1, x.2, x.4));
        let a: Vec<(Score, u32)> = full.iter().map(|x| (x.1, x.2)).collect();
        let b: Vec<(Score, u32)> = shared.iter().map(|x| (x.3, x.4)).collect();
        tables[i] = Table {
            a_ready: full.iter().map(|x| x.0).collect(),
            a_best: prefix_min(&a, |_| ()),
            b_best: prefix_min(&b, |j| (shared[j].0, shared[j].1)),
            b_key: shared.iter().map(|x| (x.0, x.1, x.2)).collect(),
            cands,
        };
    }
    tables
}

/// The choice of every step, from the roots of the forest down.
fn read_back(plan: &[Planned], fw: &Forward, tables: &[Table]) -> Vec<Option<Cand>> {
    let mut chosen: Vec<Option<Cand>> = vec![None; plan.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, p) in plan.iter().enumerate() {
        let is_root = p.parent.is_none_or(|q| !fw.routable[q]);
        if fw.routable[i]
            && is_root
            && let Some((_, k)) = tables[i].best()
        {
            chosen[i] = Some(tables[i].cands[k as usize]);
            stack.push(i);
        }
    }
    while let Some(i) = stack.pop() {
        let Some(c) = chosen[i] else { continue };
        for &ch in &plan[i].deps {
            if let Some((_, k)) = tables[ch].best_for(&c) {
                chosen[ch] = Some(tables[ch].cands[k as usize]);
                stack.push(ch);
            }
        }
    }
    chosen
}

fn to_route(req: &RouteRequest, plan: &[Planned], chosen: &[Option<Cand>], costs: &Costs) -> Route {
    let mut route = Route::default();
    for (p, c) in plan.iter().zip(chosen) {
        match c {
            Some(c) => {
                let slot = &req.slots[c.slot as usize];
                route.legs.push(Leg {
                    step: p.step.kind,
                    slot: slot.id,
                    point: slot.point,
                    starts_at: slot.starts_at,
                    distance_km: req.home.and_then(|_| (c.point != NO_POINT).then(|| costs.dist[c.point as usize])),
                    after_deadline: p.step.deadline.is_some_and(|d| date_of(c.day) > d),
                });
            }
            None => route.unroutable.push(p.step.kind),
        }
    }
    route.legs.sort_by_key(|l| (l.starts_at, l.step));
    route
}

/// When a held booking's result can be used (its end taken as start + [`HELD_VISIT_MINUTES`]).
fn held_ready(f: &Fixed) -> i64 {
    let start = f.starts_at.timestamp();
    ready_at(f.step, start, start + HELD_VISIT_MINUTES * 60)
}
