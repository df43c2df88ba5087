//! Stays, the visa-free limit (STAY-1, STAY-3, STAY-4), the lawful bases of a stay (STAY-2:
//! patent, permits, contract, studies) and the entry ban an overstay leads to (STAY-7).
//!
//! Readings (docs/RULES.md):
//! - Days present are counted per calendar day, entry and exit days included (STAY-3); an exit
//!   and an entry on the same day count that day once.
//! - Each day of a stay is checked against the rule set in force on that day, so a stay that
//!   spans 01.01.2025 is checked with 90/180 up to 31.12.2024 and with 90 per calendar year plus
//!   90 continuous from 01.01.2025 (the continuous count includes the 2024 days unless
//!   `readings.continuous_cap_counts_days_before_2025` is false).
//! - The visa-free allowance ends on the first day a limit is exceeded and does not come back
//!   during the same stay (a new calendar year does not revive an overstay).
//! - A stay is lawful on a day when any basis covers it; bases extend the stay beyond the
//!   visa-free allowance (STAY-2) but days under them still count as days present.

use chrono::{Datelike, NaiveDate};

use super::{Core, Cx, Finding};
use crate::catalogue::RuleId;
use crate::dates::{add_days, days_between, jan1, period_end};
use crate::facts::{Direction, PermitKind, Purpose, StudyForm};
use crate::output::{FactKind, FactRef, Party, Status, TaskKind, ViolationKind};
use crate::ruleset::StayLimit;

/// One continuous stay in Russia.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stay {
    pub entry: NaiveDate,
    /// Exit day (present that day), `None` while inside.
    pub exit: Option<NaiveDate>,
    pub purpose: Purpose,
    pub entry_idx: u16,
    pub exit_idx: Option<u16>,
    /// Last day counted for this stay (exit, or the day before the next entry on the same day).
    pub count_end: Option<NaiveDate>,
}

/// What makes a stay lawful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BasisKind {
    VisaFree,
    Patent,
    PatentReissuePending,
    WorkPermit,
    Rvp,
    Vnzh,
    Study,
    EaeuContract,
    EaeuNewContractWindow,
}

/// A period during which a basis covers the stay; `to: None` = indefinite.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Basis {
    pub kind: BasisKind,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub fact: Option<FactRef>,
    /// For patents: the paid period can still be extended by a payment.
    pub extendable: bool,
}

/// The first day any fact places a person without a recorded entry in Russia: the day the
/// missing entry became a gap to fill. A fixed day, not the evaluation day, so the task does not
/// change (and the stored evaluation is not rewritten) every day it stays open.
fn first_known_presence(cx: &Cx<'_>) -> Option<NaiveDate> {
    let f = cx.facts;
    let on = cx.on;
    cx.s.bases
        .iter()
        .map(|b| b.from)
        .chain(f.registrations.iter().map(|r| r.arrived_on))
        .chain(f.employments.iter().map(|e| e.hired_on))
        .chain(f.studies.iter().map(|s| s.enrolled_on))
        .chain(f.check_ins.iter().map(|c| c.on))
        .chain(f.patents.iter().filter_map(|p| p.applied_on.or(p.issued_on)))
        .chain(f.work_permits.iter().map(|w| w.issued_on))
        .chain(f.residence_permits.iter().map(|r| r.issued_on))
        .filter(|d| *d <= on)
        .min()
}

impl Basis {
    fn covers(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

/// Builds the stays, the bases and the lawful-stay analysis; records STAY findings.
pub(crate) fn analyse(cx: &mut Cx<'_>) -> Core {
    let consistent = build_stays(cx);
    if !consistent {
        cx.warn(crate::output::DataWarning::CrossingsInconsistent);
    }
    let mut core = Core {
        status: Status::Legal,
        inside: true,
        stay: None,
        lawful: true,
        lawful_until: None,
        ending_basis: None,
        visa_free_until: None,
        days_in_year: 0,
        continuous_days: 0,
        ban: None,
    };
    let n = cx.s.stays.len();
    if n == 0 {
        // No crossing recorded: present, entry unknown. Lawful only through a basis.
        build_bases(cx, None, cx.on);
        let on = cx.on;
        core.lawful = cx.s.bases.iter().any(|b| b.covers(on)) || cx.s.bases.is_empty();
        if !cx.s.bases.iter().any(|b| matches!(b.kind, BasisKind::Rvp | BasisKind::Vnzh) && b.covers(on)) {
            let due = first_known_presence(cx).unwrap_or(on);
            cx.push(Finding::task(RuleId::Stay3, TaskKind::MissingEntry, due));
        }
        if cx.s.bases.iter().any(|b| b.covers(on)) {
            let (until, idx) = coverage_end(&cx.s.bases, on);
            core.lawful_until = until;
            core.ending_basis = idx;
        }
        return core;
    }
    let last = n - 1;
    core.stay = Some(last);
    let stay = cx.s.stays[last];
    let on = cx.on;
    // Entry ban from the previous completed stay, checked against the current entry.
    let prev_ban = if stay.exit.is_none() && last > 0 {
        let prev_exit = cx.s.stays[last - 1].exit;
        ban_for_stay(cx, last - 1).zip(prev_exit).map(|((o, y), e)| (o, y, e))
    } else {
        None
    };

    match stay.exit {
        Some(exit) => {
            core.inside = false;
            if let Some((over, years)) = ban_for_stay(cx, last) {
                core.ban = Some((over, years, exit, false));
            }
            // Bases as of the evaluation date (permits held abroad still have notices).
            cx.s.bases.clear();
            build_bases(cx, None, on);
        }
        None => {
            let vf_end = visa_free_end(cx, last);
            core.visa_free_until = Some(vf_end);
            core.days_in_year = days_present_in_year(&cx.s.stays, on.year(), on);
            core.continuous_days = (days_between(stay.entry, on) + 1).max(0) as u32;
            build_bases(cx, Some((stay.entry, vf_end, last)), on);
            let covered = cx.s.bases.iter().any(|b| b.covers(on));
            if covered {
                let (until, idx) = coverage_end(&cx.s.bases, on);
                core.lawful_until = until;
                core.ending_basis = idx;
            } else {
                core.lawful = false;
                // Last lawful day: the latest basis end before today, not before the entry.
                let mut last_lawful = add_days(stay.entry, -1);
                let mut ended: Option<usize> = None;
                for (i, b) in cx.s.bases.iter().enumerate() {
                    if let Some(t) = b.to
                        && t < on
                        && b.from <= t
                        && t >= last_lawful
                    {
                        if t > last_lawful || ended.is_none() {
                            ended = Some(i);
                        }
                        last_lawful = t;
                    }
                }
                let since = add_days(last_lawful, 1);
                let kind = ended.map(|i| cx.s.bases[i].kind).unwrap_or(BasisKind::VisaFree);
                let (rule, vkind) = match kind {
                    BasisKind::VisaFree => match cx.rs(since).stay_limit {
                        StayLimit::CalendarYear { .. } => (RuleId::Stay1, ViolationKind::StayLimitExceeded),
                        StayLimit::RollingWindow { .. } => (RuleId::Stay4, ViolationKind::StayLimitExceeded),
                    },
                    BasisKind::Patent | BasisKind::PatentReissuePending => {
                        (RuleId::Pat15, ViolationKind::StayAfterBasisEnded)
                    }
                    BasisKind::WorkPermit => (RuleId::Rkl2, ViolationKind::StayAfterBasisEnded),
                    BasisKind::Rvp => (RuleId::Rvp1, ViolationKind::StayAfterBasisEnded),
                    BasisKind::Vnzh => (RuleId::Vnzh1, ViolationKind::StayAfterBasisEnded),
                    BasisKind::Study => (RuleId::Stu6, ViolationKind::StayAfterBasisEnded),
                    BasisKind::EaeuContract | BasisKind::EaeuNewContractWindow => {
                        (RuleId::Eaeu8, ViolationKind::StayAfterBasisEnded)
                    }
                };
                let fact = ended.and_then(|i| cx.s.bases[i].fact);
                let entry_fact = FactRef::new(FactKind::Crossing, stay.entry_idx as usize);
                let mut f =
                    Finding::violation(rule, vkind, None, Party::Foreigner, since, None).with_facts(&[entry_fact]);
                f.facts[1] = fact;
                f.basis = Some(kind);
                f.n = days_between(last_lawful, on);
                cx.push(f);
                let mut t = Finding::task(RuleId::Rkl2, TaskKind::ReviewRklCandidate, since).with_facts(&[entry_fact]);
                t.facts[1] = fact;
                t.basis = Some(kind);
                cx.push(t);
                let over = days_between(last_lawful, on).max(0) as u32;
                if let Some(years) = ban_years(cx, over, on) {
                    core.ban = Some((over, years, on, true));
                }
            }
            if let Some((over, years, exit_prev)) = prev_ban {
                let until = period_end(exit_prev, 12 * years);
                if stay.entry <= until {
                    let entry_fact = FactRef::new(FactKind::Crossing, stay.entry_idx as usize);
                    let mut f = Finding::violation(
                        RuleId::Stay7,
                        ViolationKind::EntryDuringBan,
                        None,
                        Party::Foreigner,
                        stay.entry,
                        None,
                    )
                    .with_facts(&[entry_fact]);
                    f.n = over as i64;
                    f.amount = years;
                    cx.push(f);
                    let mut t =
                        Finding::task(RuleId::Stay7, TaskKind::VerifyEntryBan, stay.entry).with_facts(&[entry_fact]);
                    t.amount = years;
                    cx.push(t);
                }
            }
        }
    }
    core
}

/// Sorts the crossings dated up to the evaluation date and pairs them into stays. Crossings on
/// the same day are taken in the order that keeps entries and exits alternating, so the result
/// does not depend on input order. Returns false when the log does not alternate.
fn build_stays(cx: &mut Cx<'_>) -> bool {
    let crossings = &cx.facts.crossings;
    let on = cx.on;
    let order = &mut cx.s.order;
    order.extend((0..crossings.len() as u16).filter(|&i| crossings[i as usize].date <= on));
    order.sort_unstable_by_key(|&i| {
        let c = &crossings[i as usize];
        (c.date, c.direction == Direction::Exit, c.purpose as u8, i)
    });
    let mut consistent = true;
    let stays = &mut cx.s.stays;
    let mut i = 0;
    while i < order.len() {
        // Group of crossings on the same day.
        let day = crossings[order[i] as usize].date;
        let mut j = i;
        while j < order.len() && crossings[order[j] as usize].date == day {
            j += 1;
        }
        let group = &order[i..j];
        let mut entries = group.iter().filter(|&&k| crossings[k as usize].direction == Direction::Entry);
        let mut exits = group.iter().filter(|&&k| crossings[k as usize].direction == Direction::Exit);
        loop {
            let inside = stays.last().is_some_and(|s: &Stay| s.exit.is_none());
            if inside {
                if let Some(&k) = exits.next() {
                    if let Some(s) = stays.last_mut() {
                        s.exit = Some(day);
                        s.exit_idx = Some(k);
                        s.count_end = Some(day);
                    }
                    continue;
                }
                if let Some(&k) = entries.next() {
                    // Entry while inside: a missing exit. Keep the stay continuous (the
                    // conservative reading for the stay limit) and take the latest purpose.
                    consistent = false;
                    if let Some(s) = stays.last_mut() {
                        s.purpose = crossings[k as usize].purpose;
                    }
                    continue;
                }
            } else {
                if let Some(&k) = entries.next() {
                    if let Some(prev) = stays.last_mut()
                        && prev.exit == Some(day)
                    {
                        prev.count_end = Some(add_days(day, -1));
                    }
                    stays.push(Stay {
                        entry: day,
                        exit: None,
                        purpose: crossings[k as usize].purpose,
                        entry_idx: k,
                        exit_idx: None,
                        count_end: None,
                    });
                    continue;
                }
                if exits.next().is_some() {
                    consistent = false; // exit while outside: ignored
                    continue;
                }
            }
            break;
        }
        i = j;
    }
    consistent
}

/// Days present in `[from, to]` over all stays (current stay counted up to `to`).
fn days_present(stays: &[Stay], from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0i64;
    for s in stays {
        let end = s.count_end.unwrap_or(to).min(to);
        let start = s.entry.max(from);
        if end >= start {
            n += days_between(start, end) + 1;
        }
    }
    n as u32
}

fn days_present_in_year(stays: &[Stay], year: i32, upto: NaiveDate) -> u32 {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(upto).min(upto);
    days_present(stays, jan1(year), end)
}

/// Last day of the visa-free allowance for stay `k` (the day before the first day a limit is
/// exceeded); `entry − 1` when no day is allowed.
fn visa_free_end(cx: &Cx<'_>, k: usize) -> NaiveDate {
    let stays = &cx.s.stays[..=k];
    let stay = stays[k];
    let entry = stay.entry;
    // Previous stays only: the current one is counted by construction below.
    let prev = &stays[..k];
    let hard_cap = add_days(entry, 400);
    let mut d = entry;
    while d <= hard_cap {
        let rs = cx.rs(d);
        let seg_end = rs.effective_to.unwrap_or(hard_cap).min(hard_cap);
        match rs.stay_limit {
            StayLimit::RollingWindow { max_days, window_days } => {
                // Day-by-day scan; a continuous stay exceeds any 90/180 window by day 91.
                let stop = seg_end.min(add_days(entry, (max_days as i64) + 1));
                let mut x = d;
                while x <= stop {
                    let from = add_days(x, -(window_days as i64 - 1));
                    let used = days_present(prev, from, x) as i64 + days_between(entry.max(from), x) + 1;
                    if used > max_days as i64 {
                        return add_days(x, -1);
                    }
                    x = add_days(x, 1);
                }
            }
            StayLimit::CalendarYear { max_days, max_continuous_days } => {
                let cont_start = if cx.cfg().readings.continuous_cap_counts_days_before_2025 {
                    entry
                } else {
                    entry.max(rs.effective_from)
                };
                let cont_violation = add_days(cont_start, max_continuous_days as i64);
                let mut first_bad = cont_violation;
                // Calendar years touched from d up to the continuous violation.
                let mut y = d.year();
                while y <= cont_violation.year() {
                    let start_y = entry.max(jan1(y));
                    let used_before = days_present(prev, jan1(y), add_days(entry, -1));
                    let year_bad = add_days(start_y, (max_days as i64 - used_before as i64).max(0)).max(d);
                    let dec31 = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(year_bad);
                    if year_bad <= dec31 {
                        first_bad = first_bad.min(year_bad);
                        break;
                    }
                    y += 1;
                }
                if first_bad <= seg_end {
                    return add_days(first_bad, -1);
                }
            }
        }
        d = add_days(seg_end, 1);
    }
    hard_cap
}

/// Collects the bases that can make the stay lawful, as known on `as_of`. `visa_free` carries
/// (entry, last visa-free day, stay index) for the current stay.
pub(crate) fn build_bases(cx: &mut Cx<'_>, visa_free: Option<(NaiveDate, NaiveDate, usize)>, as_of: NaiveDate) {
    let facts = cx.facts;
    let readings_grace = cx.cfg().readings.study_grace_days as i64;
    if let Some((entry, vf_end, k)) = visa_free
        && vf_end >= entry
    {
        let f = FactRef::new(FactKind::Crossing, cx.s.stays[k].entry_idx as usize);
        cx.s.bases.push(Basis {
            kind: BasisKind::VisaFree,
            from: entry,
            to: Some(vf_end),
            fact: Some(f),
            extendable: false,
        });
    }
    // Patents.
    for (i, p) in facts.patents.iter().enumerate() {
        let Some(issued) = p.issued_on.filter(|d| *d <= as_of) else {
            continue;
        };
        let pv = super::rules::patent_validity(cx, i, as_of);
        let mut to = pv.valid_end;
        if let Some(a) = p.annulled_on.filter(|d| *d <= as_of) {
            to = to.min(add_days(a, -1));
        }
        if to >= issued {
            cx.s.bases.push(Basis {
                kind: BasisKind::Patent,
                from: issued,
                to: Some(to),
                fact: Some(FactRef::new(FactKind::Patent, i)),
                extendable: pv.paid_until < pv.max_end && p.annulled_on.is_none(),
            });
        }
        // A re-issue applied for in time keeps the stay lawful while the MVD decides (PAT-8).
        if let Some(r) = p.reissue_applied_on.filter(|d| *d <= as_of)
            && pv.paid_until >= pv.max_end
            && r <= pv.max_end
            && p.annulled_on.is_none()
        {
            let wd = cx.rs(r).patent_processing_working_days;
            let until = cx.add_wd(r, wd).max(pv.max_end);
            cx.s.bases.push(Basis {
                kind: BasisKind::PatentReissuePending,
                from: add_days(pv.max_end, 1),
                to: Some(until),
                fact: Some(FactRef::new(FactKind::Patent, i)),
                extendable: false,
            });
        }
    }
    for (i, w) in facts.work_permits.iter().enumerate() {
        if w.issued_on <= as_of {
            cx.s.bases.push(Basis {
                kind: BasisKind::WorkPermit,
                from: w.issued_on,
                to: Some(w.valid_until),
                fact: Some(FactRef::new(FactKind::WorkPermit, i)),
                extendable: false,
            });
        }
    }
    for (i, r) in facts.residence_permits.iter().enumerate() {
        if r.issued_on > as_of {
            continue;
        }
        let rs = cx.rs(r.issued_on);
        let mut to = match (r.valid_until, r.kind) {
            (Some(v), _) => Some(v),
            (None, PermitKind::Rvp) => Some(period_end(r.issued_on, 12 * rs.rvp_term_years)),
            (None, PermitKind::Vnzh) if r.issued_on >= rs.vnzh_indefinite_from => None,
            (None, PermitKind::Vnzh) => Some(period_end(r.issued_on, 12 * rs.vnzh_old_term_years)),
        };
        if let Some(a) = r.annulled_on.filter(|d| *d <= as_of) {
            let a1 = add_days(a, -1);
            to = Some(to.map_or(a1, |t| t.min(a1)));
        }
        let kind = if r.kind == PermitKind::Rvp { BasisKind::Rvp } else { BasisKind::Vnzh };
        cx.s.bases.push(Basis {
            kind,
            from: r.issued_on,
            to,
            fact: Some(FactRef::new(FactKind::ResidencePermit, i)),
            extendable: false,
        });
    }
    for (i, s) in facts.studies.iter().enumerate() {
        if s.enrolled_on > as_of || s.form == StudyForm::Distance {
            continue;
        }
        let end = s.last_day().filter(|d| *d <= as_of || s.ended_on.is_none());
        let to = end.map(|e| add_days(e, readings_grace));
        cx.s.bases.push(Basis {
            kind: BasisKind::Study,
            from: s.enrolled_on,
            to,
            fact: Some(FactRef::new(FactKind::Study, i)),
            extendable: false,
        });
    }
    if facts.citizenship.is_eaeu() {
        let entry = visa_free.map(|v| v.0);
        for (i, e) in facts.employments.iter().enumerate() {
            if e.hired_on > as_of {
                continue;
            }
            let fired = e.fired_on.filter(|d| *d <= as_of);
            let last = match (fired, e.contract_end) {
                (Some(f), Some(c)) => Some(f.min(c)),
                (f, c) => f.or(c),
            };
            let fact = Some(FactRef::new(FactKind::Employment, i));
            cx.s.bases.push(Basis {
                kind: BasisKind::EaeuContract,
                from: e.hired_on,
                to: last,
                fact,
                extendable: false,
            });
            // EAEU-3: early termination after day 90 of the stay: 15 days for a new contract.
            if let (Some(f), Some(entry)) = (fired, entry) {
                let early = e.contract_end.is_none_or(|c| f < c);
                let rs = cx.rs(f);
                if early && days_between(entry, f) > rs.eaeu_new_contract_after_days as i64 {
                    let until = cx.add_cd(f, rs.eaeu_new_contract_days);
                    cx.s.bases.push(Basis {
                        kind: BasisKind::EaeuNewContractWindow,
                        from: add_days(f, 1),
                        to: Some(until),
                        fact,
                        extendable: false,
                    });
                }
            }
        }
    }
}

/// End of the contiguous coverage that contains `on`, and the basis that ends it.
fn coverage_end(bases: &[Basis], on: NaiveDate) -> (Option<NaiveDate>, Option<usize>) {
    let mut cur = on;
    let mut ending = None;
    loop {
        let mut best: Option<(Option<NaiveDate>, usize)> = None;
        for (i, b) in bases.iter().enumerate() {
            if b.from <= add_days(cur, 1) && b.to.is_none_or(|t| t >= cur) {
                let better = match (best, b.to) {
                    (None, _) => true,
                    (Some((None, _)), _) => false,
                    (Some((Some(_), _)), None) => true,
                    (Some((Some(x), _)), Some(t)) => t > x,
                };
                if better {
                    best = Some((b.to, i));
                }
            }
        }
        match best {
            Some((None, i)) => return (None, Some(i)),
            Some((Some(t), i)) if t > cur => {
                cur = t;
                ending = Some(i);
            }
            Some((Some(_), i)) => return (Some(cur), ending.or(Some(i))),
            None => return (Some(cur), ending),
        }
    }
}

/// STAY-7: ban length for an overstay of `over` days (the thresholds of the rule set in force).
fn ban_years(cx: &Cx<'_>, over: u32, on: NaiveDate) -> Option<u32> {
    let rs = cx.rs(on);
    if over > rs.ban_10y_overstay_over_days {
        Some(10)
    } else if over >= rs.ban_5y_overstay_from_days {
        Some(5)
    } else if over > rs.ban_3y_overstay_over_days {
        Some(3)
    } else {
        None
    }
}

/// Overstay and ban for a completed stay `k`: (overstay days, years). Uses `Scratch::bases`
/// as its buffer and leaves it empty.
fn ban_for_stay(cx: &mut Cx<'_>, k: usize) -> Option<(u32, u32)> {
    let stay = cx.s.stays[k];
    let exit = stay.exit?;
    let vf_end = visa_free_end(cx, k);
    cx.s.bases.clear();
    build_bases(cx, Some((stay.entry, vf_end, k)), exit);
    let covered = cx.s.bases.iter().any(|b| b.covers(exit));
    let result = if covered {
        None
    } else {
        let mut last_lawful = add_days(stay.entry, -1);
        for b in &cx.s.bases {
            if let Some(t) = b.to
                && t < exit
                && t >= last_lawful
                && b.from <= t
            {
                last_lawful = t;
            }
        }
        let over = days_between(last_lawful, exit).max(0) as u32;
        ban_years(cx, over, exit).map(|y| (over, y))
    };
    cx.s.bases.clear();
    result
}
