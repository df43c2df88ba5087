//! The obligation rules: registration (REG-*), patents (PAT-*), EAEU workers (EAEU-*),
//! students (STU-*), residence permits (RVP-*, VNZh-*), employer and institution notices, and
//! the leave-by date. Each rule pushes [`Finding`]s; the stay analysis is in `stay.rs`.

use chrono::{Datelike, NaiveDate};

use super::{Basis, BasisKind, Core, Cx, Finding, Stay};
use crate::catalogue::RuleId;
use crate::dates::{add_days, add_months, days_between, period_end};
use crate::facts::{Citizenship, DocumentKind, PermitKind, Purpose, StudyForm};
use crate::output::{FactKind, FactRef, ObligationKind as O, Party, TaskKind, ViolationKind as V};

/// Runs every obligation rule.
pub(crate) fn all(cx: &mut Cx<'_>, core: &mut Core) {
    let stay = core.stay.map(|k| cx.s.stays[k]);
    let current = if core.inside { stay } else { None };
    if let Some(st) = current {
        registration(cx, core, &st);
        patent_application(cx, &st);
        biometrics(cx, core, &st);
    }
    patents(cx, core, current.as_ref());
    if core.inside {
        work_authorisation(cx);
        documents(cx);
    }
    employer_notices(cx);
    institution_notices(cx);
    residence_notices(cx);
    if core.inside && core.lawful {
        leave_by(cx, core, current.as_ref());
    }
}

fn has_basis(bases: &[Basis], kind: BasisKind, d: NaiveDate) -> bool {
    bases.iter().any(|b| b.kind == kind && b.from <= d && b.to.is_none_or(|t| d <= t))
}

fn entry_ref(st: &Stay) -> FactRef {
    FactRef::new(FactKind::Crossing, st.entry_idx as usize)
}

/// Pushes an obligation and, when its deadline was missed, the matching violation.
#[expect(clippy::too_many_arguments, reason = "a flat call reads better than a one-off struct")]
fn obligation_with_violation(
    cx: &mut Cx<'_>,
    rule: RuleId,
    kind: O,
    party: Party,
    offender: Party,
    trigger: NaiveDate,
    due: NaiveDate,
    done: Option<NaiveDate>,
    facts: &[FactRef],
    window: u32,
) {
    let mut f = Finding::obligation(rule, kind, party, trigger, due, done).with_facts(facts);
    f.window = window;
    cx.push(f);
    let late = match done {
        Some(d) => d > due,
        None => cx.on > due,
    };
    if late {
        let since = add_days(due, 1);
        let remedied = done.filter(|d| *d > due);
        cx.push(Finding::violation(rule, V::MissedDeadline, Some(kind), offender, since, remedied).with_facts(facts));
    }
}

// --- Registration: REG-1 … REG-9, REG-10 -------------------------------------------------

fn registration(cx: &mut Cx<'_>, core: &Core, st: &Stay) {
    let on = cx.on;
    if has_basis(&cx.s.bases, BasisKind::Vnzh, on) {
        return; // VNZh holders register at the place of residence: out of scope (docs/RULES.md)
    }
    let rs = cx.rs(st.entry).clone();
    let window = cx.cfg().at_risk_window_days;
    if cx.cfg().reg10_applies() && st.purpose == Purpose::Work && st.entry >= rs.reg10_from && on < rs.reg10_to {
        reg10(cx, st, rs.reg10_max_gap_days);
        return;
    }
    let c = cx.facts.citizenship;
    let readings = &cx.cfg().readings;
    let (rule, due) = if c == Citizenship::BLR {
        let n = readings.belarus_registration_days;
        (RuleId::Reg5, cx.add_cd(st.entry, n))
    } else if c == Citizenship::TJK || c == Citizenship::UZB {
        let rule = if c == Citizenship::TJK { RuleId::Reg2 } else { RuleId::Reg3 };
        let due = if readings.tjk_uzb_calendar_days {
            cx.add_cd(st.entry, rs.registration_tjk_uzb_days)
        } else {
            cx.add_wd(st.entry, rs.registration_tjk_uzb_days)
        };
        (rule, due)
    } else if c.is_eaeu() && st.purpose == Purpose::Work {
        (RuleId::Reg4, cx.add_cd(st.entry, rs.registration_eaeu_worker_days))
    } else {
        (RuleId::Reg1, cx.add_wd(st.entry, rs.registration_general_working_days))
    };
    // Registrations of this stay: arrivals on or after the entry, known on the evaluation date.
    let regs = &cx.facts.registrations;
    let in_stay = |r: &crate::facts::Registration| r.arrived_on >= st.entry && r.arrived_on <= on;
    let mut first: Option<(NaiveDate, usize)> = None;
    let mut filed: Option<(NaiveDate, usize)> = None;
    for (i, r) in regs.iter().enumerate() {
        if !in_stay(r) {
            continue;
        }
        if first.is_none_or(|(d, j)| (r.arrived_on, i) < (d, j)) {
            first = Some((r.arrived_on, i));
        }
        // Earliest filing; ties broken by the registration's own content, never by input
        // order, so that the facts used do not depend on the order facts arrived.
        let key = |r: &crate::facts::Registration, fd: NaiveDate| {
            (fd, r.arrived_on, r.valid_until, r.left_on, r.filed_by as u8)
        };
        if let Some(fd) = r.filed_on.filter(|d| *d <= on)
            && filed.is_none_or(|(d, j)| key(r, fd) < key(&regs[j], d))
        {
            filed = Some((fd, i));
        }
    }
    let mut facts = [entry_ref(st), FactRef::new(FactKind::Citizenship, 0), FactRef::new(FactKind::Citizenship, 0)];
    let mut nf = 2;
    if let Some((_, i)) = filed.or(first) {
        facts[2] = FactRef::new(FactKind::Registration, i);
        nf = 3;
    }
    obligation_with_violation(
        cx,
        rule,
        O::RegisterStay,
        Party::HostParty,
        Party::Foreigner,
        st.entry,
        due,
        filed.map(|f| f.0),
        &facts[..nf],
        window,
    );

    // REG-9: each later arrival at a new address needs its own notice (arrivals on the first
    // day are the same arrival, whatever order they came in).
    if let Some((first_day, _)) = first {
        for (i, r) in regs.iter().enumerate() {
            if !in_stay(r) || r.arrived_on <= first_day {
                continue;
            }
            let rs_m = cx.rs(r.arrived_on).registration_move_working_days;
            let due_move = cx.add_wd(r.arrived_on, rs_m).max(due);
            let done = r.filed_on.filter(|d| *d <= on);
            obligation_with_violation(
                cx,
                RuleId::Reg9,
                O::RegisterNewAddress,
                Party::HostParty,
                Party::Foreigner,
                r.arrived_on,
                due_move,
                done,
                &[FactRef::new(FactKind::Registration, i)],
                window,
            );
        }
    }

    // REG-7 / REG-8: the latest registration's term ends while the stay goes on.
    let latest = regs
        .iter()
        .enumerate()
        .filter(|(_, r)| in_stay(r) && r.filed_on.is_some_and(|d| d <= on))
        .max_by_key(|(i, r)| (r.arrived_on, r.valid_until, std::cmp::Reverse(*i)));
    if let Some((i, r)) = latest
        && let Some(u) = r.valid_until
    {
        let continues = core.lawful_until.is_none_or(|l| l > u) || (!core.lawful && on > u);
        if continues && u >= st.entry {
            let rule = if has_basis(&cx.s.bases, BasisKind::Patent, on) { RuleId::Reg8 } else { RuleId::Reg7 };
            obligation_with_violation(
                cx,
                rule,
                O::ExtendRegistration,
                Party::HostParty,
                Party::Foreigner,
                r.arrived_on,
                u,
                None,
                &[FactRef::new(FactKind::Registration, i)],
                window,
            );
        }
    }
}

/// REG-10: where configured, residence is confirmed by deliberate check-ins instead of paper
/// registration. A gap yields a reminder and an officer task, never a violation (the finding
/// does not count towards the status).
fn reg10(cx: &mut Cx<'_>, st: &Stay, max_gap: u32) {
    let on = cx.on;
    let mut last: Option<(NaiveDate, usize)> = None;
    for (i, c) in cx.facts.check_ins.iter().enumerate() {
        if c.on >= st.entry
            && c.on <= on
            && last.is_none_or(|(d, j)| {
                (c.on, c.matched_address as usize, i) > (d, cx.facts.check_ins[j].matched_address as usize, j)
            })
        {
            last = Some((c.on, i));
        }
    }
    let from = last.map_or(st.entry, |l| l.0);
    let due = add_days(from, max_gap as i64);
    let facts: &[FactRef] = match last {
        Some((_, i)) => &[FactRef::new(FactKind::CheckIn, i)],
        None => &[FactRef::new(FactKind::Crossing, st.entry_idx as usize)],
    };
    let facts: Vec<FactRef> = facts.to_vec();
    let mut f = Finding::obligation(RuleId::Reg10, O::CheckIn, Party::Foreigner, from, due, None).with_facts(&facts);
    f.counts = false;
    cx.push(f);
    if on > due {
        cx.push(Finding::task(RuleId::Reg10, TaskKind::MissedCheckIn, add_days(due, 1)).with_facts(&facts));
    }
    if let Some((d, i)) = last
        && !cx.facts.check_ins[i].matched_address
    {
        cx.push(
            Finding::task(RuleId::Reg10, TaskKind::CheckInAddressMismatch, d)
                .with_facts(&[FactRef::new(FactKind::CheckIn, i)]),
        );
    }
}

// --- Patents: PAT-2, PAT-8 … PAT-16 ---------------------------------------------------------

/// Validity of one patent as known on `as_of` (PAT-9, PAT-11, PAT-15).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PatentValidity {
    /// Last day covered by on-time payments (issue − 1 when nothing counts).
    pub paid_until: NaiveDate,
    /// Last day of the 12 months from issue (PAT-9).
    pub max_end: NaiveDate,
    /// Last valid day (= `paid_until`).
    pub valid_end: NaiveDate,
    /// The first late payment (index, day), which could not revive the patent.
    pub late_payment: Option<(usize, NaiveDate)>,
    /// The last on-time payment's index.
    pub last_payment: Option<usize>,
}

/// Computes the paid period: payments in date order; each on-time payment extends from the day
/// after the last covered day (section 10); a payment after the covered period has lapsed is late
/// and changes nothing (PAT-15); the total is capped at 12 months from issue (PAT-9). When an
/// amount is given, only the whole months it pays for at the tariff of the payment's year count.
pub(crate) fn patent_validity(cx: &mut Cx<'_>, i: usize, as_of: NaiveDate) -> PatentValidity {
    let p = &cx.facts.patents[i];
    let issued = p.issued_on.unwrap_or(NaiveDate::MAX);
    let max_months = cx.rs(issued).patent_max_months;
    let max_end = period_end(issued, max_months);
    let mut paid_until = add_days(issued, -1);
    let mut late = None;
    let mut last_payment = None;
    // Selection in (date, months, amount, index) order without allocating; few payments.
    let key = |j: usize| {
        let x = &p.payments[j];
        (x.paid_on, x.months, x.amount_rub.unwrap_or(0), j)
    };
    let mut prev: Option<(NaiveDate, u8, u32, usize)> = None;
    loop {
        let mut next: Option<(NaiveDate, u8, u32, usize)> = None;
        for j in 0..p.payments.len() {
            let k = key(j);
            if k.0 <= as_of && prev.is_none_or(|pv| k > pv) && next.is_none_or(|n| k < n) {
                next = Some(k);
            }
        }
        let Some(k) = next else { break };
        prev = Some(k);
        let pay = p.payments[k.3];
        let first = paid_until < issued;
        let on_time = if first { pay.paid_on <= issued } else { pay.paid_on <= paid_until };
        if !on_time {
            late = Some((k.3, pay.paid_on));
            break;
        }
        let mut months = pay.months as u32;
        if let Some(amount) = pay.amount_rub {
            let region = p.region;
            if let Some(monthly) = cx.tariff(region, pay.paid_on.year()) {
                months = months.min(amount / monthly.max(1));
            }
        }
        if months == 0 || paid_until >= max_end {
            continue;
        }
        paid_until = period_end(add_days(paid_until, 1), months).min(max_end);
        last_payment = Some(k.3);
    }
    PatentValidity { paid_until, max_end, valid_end: paid_until, late_payment: late, last_payment }
}

/// PAT-1/PAT-2: a visa-free arrival for work must apply for a patent within 30 days of entry,
/// unless exempt (EAEU-1, a residence or work permit, a full-time student under STU-4).
fn patent_application(cx: &mut Cx<'_>, st: &Stay) {
    if st.purpose != Purpose::Work || cx.facts.citizenship.is_eaeu() {
        return;
    }
    let e = st.entry;
    let b = &cx.s.bases;
    if has_basis(b, BasisKind::Rvp, e)
        || has_basis(b, BasisKind::Vnzh, e)
        || has_basis(b, BasisKind::WorkPermit, e)
        || has_basis(b, BasisKind::Patent, e)
    {
        return;
    }
    if full_time_student_on(cx, e) {
        return;
    }
    let on = cx.on;
    let rs_days = cx.rs(e).patent_application_days;
    let due = cx.add_cd(e, rs_days);
    let mut applied: Option<(NaiveDate, usize)> = None;
    for (i, p) in cx.facts.patents.iter().enumerate() {
        if let Some(a) = p.applied_on.or(p.issued_on).filter(|d| *d >= e && *d <= on)
            && applied.is_none_or(|(d, j)| (a, i) < (d, j))
        {
            applied = Some((a, i));
        }
    }
    let mut facts = vec![entry_ref(st)];
    if let Some((_, i)) = applied {
        facts.push(FactRef::new(FactKind::Patent, i));
    }
    let window = cx.cfg().at_risk_window_days;
    let f = Finding::obligation(RuleId::Pat2, O::ApplyForPatent, Party::Foreigner, e, due, applied.map(|a| a.0))
        .with_facts(&facts);
    cx.push(Finding { window, ..f });
    let late = applied.map_or(on > due, |a| a.0 > due);
    if late {
        let remedied = applied.map(|a| a.0);
        cx.push(
            Finding::violation(
                RuleId::Pat3,
                V::MissedDeadline,
                Some(O::ApplyForPatent),
                Party::Foreigner,
                add_days(due, 1),
                remedied,
            )
            .with_facts(&facts),
        );
    }
}

fn full_time_student_on(cx: &Cx<'_>, d: NaiveDate) -> bool {
    cx.facts
        .studies
        .iter()
        .any(|s| s.form == StudyForm::FullTime && s.enrolled_on <= d && s.last_day().is_none_or(|e| d <= e))
}

/// The current patent: pending issue (PAT-8), payments (PAT-11, PAT-15), re-issue (PAT-10),
/// region (PAT-16).
fn patents(cx: &mut Cx<'_>, core: &Core, current: Option<&Stay>) {
    let on = cx.on;
    let window = cx.cfg().at_risk_window_days;
    // Pending applications: the MVD's issuing term.
    for i in 0..cx.facts.patents.len() {
        let p = &cx.facts.patents[i];
        if let (Some(a), None) = (p.applied_on.filter(|d| *d <= on), p.issued_on.filter(|d| *d <= on)) {
            if current.is_none_or(|st| a < st.entry) {
                continue;
            }
            let wd = cx.rs(a).patent_processing_working_days;
            let due = cx.add_wd(a, wd);
            let facts = [FactRef::new(FactKind::Patent, i)];
            cx.push(Finding::obligation(RuleId::Pat8, O::IssuePatent, Party::Mvd, a, due, None).with_facts(&facts));
            if on > due {
                cx.push(Finding::task(RuleId::Pat8, TaskKind::PatentIssueOverdue, add_days(due, 1)).with_facts(&facts));
            }
        }
    }
    // The current patent: the latest issued on or before the evaluation date.
    let Some(i) = (0..cx.facts.patents.len())
        .filter(|&i| cx.facts.patents[i].issued_on.is_some_and(|d| d <= on))
        .max_by_key(|&i| (cx.facts.patents[i].issued_on, std::cmp::Reverse(i)))
    else {
        return;
    };
    let p = cx.facts.patents[i].clone();
    let Some(issued) = p.issued_on else { return };
    if p.annulled_on.is_some_and(|a| a <= on) {
        return;
    }
    let pv = patent_validity(cx, i, on);
    let pref = FactRef::new(FactKind::Patent, i);
    let pay_ref = pv.last_payment.map(|j| FactRef::nested(FactKind::Payment, i, j));
    let relevant = current.is_some_and(|st| pv.paid_until >= add_days(st.entry, -1) || issued >= st.entry);
    if !relevant {
        return;
    }
    if pv.paid_until < pv.max_end {
        let due = pv.paid_until;
        if on <= due {
            // PAT-11: pay the next advance on or before the last covered day.
            let amount = cx.tariff(p.region, due.year());
            let mut f = Finding::obligation(RuleId::Pat11, O::PayPatentAdvance, Party::Foreigner, issued, due, None);
            f.facts = [Some(pref), pay_ref, None];
            f.amount = amount.unwrap_or(0);
            f.window = window;
            cx.push(f);
        } else {
            // PAT-15: the patent lapsed the day after the paid period; a later payment cannot
            // revive it.
            let lapsed = add_days(due, 1);
            let mut f = Finding::violation(RuleId::Pat15, V::PatentVoided, None, Party::Foreigner, lapsed, None);
            f.facts = [Some(pref), pay_ref, pv.late_payment.map(|(j, _)| FactRef::nested(FactKind::Payment, i, j))];
            cx.push(f);
        }
    }
    // PAT-10: re-issue no later than 10 working days before the 12 months run out.
    if on <= pv.max_end && pv.paid_until >= on {
        let limit = cx.cfg().readings.patent_reissue_limit;
        let reissues = reissue_count(cx, i);
        let allowed = limit.is_none_or(|n| reissues < n);
        if allowed {
            let before = cx.rs(issued).patent_reissue_working_days_before;
            let due = cx.sub_wd(add_days(pv.max_end, 1), before);
            let done = p.reissue_applied_on.filter(|d| *d <= on);
            let mut f = Finding::obligation(RuleId::Pat10, O::ReissuePatent, Party::Foreigner, issued, due, done)
                .with_facts(&[pref]);
            f.window = window;
            // A missed re-issue is not an offence: the patent simply ends (leave-by covers it).
            f.counts = done.is_some() || on <= due;
            cx.push(f);
        }
    }
    // PAT-16: work only in the patent's region (or its paired region from 01.09.2025).
    if core.inside && has_basis(&cx.s.bases, BasisKind::Patent, on) {
        for (j, e) in cx.facts.employments.iter().enumerate() {
            let active = e.hired_on <= on && e.last_day().is_none_or(|l| on <= l);
            let Some(r) = e.work_region else { continue };
            if !active || r == p.region {
                continue;
            }
            let paired = on >= pairs_from()
                && cx
                    .cfg()
                    .readings
                    .patent_region_pairs
                    .iter()
                    .any(|&(a, b)| (a == p.region && b == r) || (b == p.region && a == r));
            if !paired {
                let since = e.hired_on.max(issued);
                cx.push(
                    Finding::violation(RuleId::Pat16, V::WorkOutsideRegion, None, Party::Foreigner, since, None)
                        .with_facts(&[pref, FactRef::new(FactKind::Employment, j)]),
                );
            }
        }
    }
}

fn pairs_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or(NaiveDate::MIN)
}

/// Number of consecutive re-issues ending with patent `i` (for the U-2 limit).
fn reissue_count(cx: &Cx<'_>, i: usize) -> u32 {
    let ps = &cx.facts.patents;
    let cur = &ps[i];
    if !cur.is_reissue {
        return 0;
    }
    let cur_issue = cur.issued_on;
    // The latest original (non-re-issue) patent before this one.
    let origin = ps.iter().filter(|p| !p.is_reissue && p.issued_on < cur_issue).filter_map(|p| p.issued_on).max();
    ps.iter()
        .filter(|p| {
            p.is_reissue && p.issued_on <= cur_issue && p.issued_on.is_some_and(|d| origin.is_none_or(|o| d > o))
        })
        .count() as u32
}

// --- Work authorisation: PAT-1, EAEU-1, STU-4, RVP-3 ----------------------------------------

fn work_authorisation(cx: &mut Cx<'_>) {
    let on = cx.on;
    let eaeu = cx.facts.citizenship.is_eaeu();
    for j in 0..cx.facts.employments.len() {
        let e = &cx.facts.employments[j];
        let active = e.hired_on <= on && e.last_day().is_none_or(|l| on <= l);
        if !active || eaeu {
            continue;
        }
        let b = &cx.s.bases;
        let region = e.work_region;
        let mut authorised = has_basis(b, BasisKind::Vnzh, on)
            || has_basis(b, BasisKind::WorkPermit, on)
            || has_basis(b, BasisKind::Patent, on)
            || has_basis(b, BasisKind::PatentReissuePending, on)
            || full_time_student_on(cx, on);
        let mut rvp_region_breach = None;
        if !authorised {
            for (k, r) in cx.facts.residence_permits.iter().enumerate() {
                if r.kind == PermitKind::Rvp && has_basis(b, BasisKind::Rvp, on) && r.issued_on <= on {
                    if region.is_none_or(|x| x == r.region) {
                        authorised = true;
                    } else {
                        rvp_region_breach = Some(k);
                    }
                }
            }
        }
        let eref = FactRef::new(FactKind::Employment, j);
        if let Some(k) = rvp_region_breach.filter(|_| !authorised) {
            cx.push(
                Finding::violation(RuleId::Rvp3, V::WorkOutsideRegion, None, Party::Foreigner, e.hired_on, None)
                    .with_facts(&[eref, FactRef::new(FactKind::ResidencePermit, k)]),
            );
            continue;
        }
        if !authorised {
            // Since: the later of hiring and the end of the last authorisation before today.
            let mut since = e.hired_on;
            for bs in b.iter() {
                if matches!(bs.kind, BasisKind::Patent | BasisKind::WorkPermit | BasisKind::Vnzh | BasisKind::Rvp)
                    && let Some(t) = bs.to.filter(|t| *t < on)
                {
                    since = since.max(add_days(t, 1));
                }
            }
            cx.push(
                Finding::violation(RuleId::Pat1, V::WorkWithoutPermit, None, Party::Foreigner, since, None)
                    .with_facts(&[eref]),
            );
        }
    }
}

// --- Employer and institution notices: PAT-18, EAEU-5, STU-2 --------------------------------

fn employer_notices(cx: &mut Cx<'_>) {
    let on = cx.on;
    let window = cx.cfg().at_risk_window_days;
    let rule = if cx.facts.citizenship.is_eaeu() { RuleId::Eaeu5 } else { RuleId::Pat18 };
    for j in 0..cx.facts.employments.len() {
        let e = cx.facts.employments[j].clone();
        let eref = [FactRef::new(FactKind::Employment, j)];
        if e.hired_on <= on {
            let n = cx.rs(e.hired_on).employer_notice_working_days;
            let due = cx.add_wd(e.hired_on, n);
            obligation_with_violation(
                cx,
                rule,
                O::EmployerHireNotice,
                Party::Employer,
                Party::Employer,
                e.hired_on,
                due,
                e.hire_notice_on.filter(|d| *d <= on),
                &eref,
                window,
            );
        }
        if let Some(end) = e.last_day().filter(|d| *d <= on) {
            let n = cx.rs(end).employer_notice_working_days;
            let due = cx.add_wd(end, n);
            obligation_with_violation(
                cx,
                rule,
                O::EmployerTerminationNotice,
                Party::Employer,
                Party::Employer,
                end,
                due,
                e.fire_notice_on.filter(|d| *d <= on),
                &eref,
                window,
            );
        }
    }
}

fn institution_notices(cx: &mut Cx<'_>) {
    let on = cx.on;
    let window = cx.cfg().at_risk_window_days;
    for j in 0..cx.facts.studies.len() {
        let s = &cx.facts.studies[j];
        let Some(end) = s.ended_on.filter(|d| *d <= on) else {
            continue;
        };
        let done = s.end_notice_on.filter(|d| *d <= on);
        let n = cx.rs(end).institution_notice_working_days;
        let due = cx.add_wd(end, n);
        obligation_with_violation(
            cx,
            RuleId::Stu2,
            O::InstitutionNotice,
            Party::Institution,
            Party::Institution,
            end,
            due,
            done,
            &[FactRef::new(FactKind::Study, j)],
            window,
        );
    }
}

// --- Biometrics and medical: PAT-5, PAT-6, EAEU-6, STU-5 ------------------------------------

fn biometrics(cx: &mut Cx<'_>, core: &Core, st: &Stay) {
    let on = cx.on;
    let c = cx.facts.citizenship;
    if c == Citizenship::BLR && cx.cfg().readings.belarus_biometrics_exempt {
        return;
    }
    if let Some(b) = cx.facts.birth_date
        && add_months(b, 72) > st.entry
    {
        return; // children under 6 are exempt (PAT-5)
    }
    let b = &cx.s.bases;
    if has_basis(b, BasisKind::Rvp, st.entry) || has_basis(b, BasisKind::Vnzh, st.entry) {
        return;
    }
    let studying =
        cx.facts.studies.iter().any(|s| {
            s.form != StudyForm::Distance && s.enrolled_on <= on && s.last_day().is_none_or(|e| e >= st.entry)
        });
    let rs = cx.rs(st.entry).clone();
    let (rule, days) = if st.purpose == Purpose::Work {
        (if c.is_eaeu() { RuleId::Eaeu6 } else { RuleId::Pat5 }, rs.biometrics_worker_days)
    } else if st.purpose == Purpose::Study || studying {
        (RuleId::Stu5, rs.biometrics_student_days)
    } else {
        return;
    };
    let window = cx.cfg().at_risk_window_days;
    let due = cx.add_cd(st.entry, days);
    let entry = [entry_ref(st)];
    // Fingerprinting is done once.
    let fp = cx.facts.biometrics.fingerprinted_on.filter(|d| *d <= on);
    let mut facts = vec![entry[0]];
    if fp.is_some() {
        facts.push(FactRef::new(FactKind::Fingerprinting, 0));
    }
    obligation_with_violation(
        cx,
        rule,
        O::Fingerprinting,
        Party::Foreigner,
        Party::Foreigner,
        st.entry,
        due,
        fp,
        &facts,
        window,
    );
    // Medical: an exam still valid on the entry day, or the first one after it.
    let validity = rs.medical_validity_months;
    let exams = &cx.facts.biometrics.medical_exams;
    let mut first_ok: Option<(NaiveDate, usize)> = None;
    let mut latest: Option<(NaiveDate, usize)> = None;
    for (i, &m) in exams.iter().enumerate() {
        if m > on {
            continue;
        }
        let counts = m >= st.entry || add_months(m, validity) > st.entry;
        if counts && first_ok.is_none_or(|(d, j)| (m, i) < (d, j)) {
            first_ok = Some((m, i));
        }
        if latest.is_none_or(|(d, j)| (m, std::cmp::Reverse(i)) > (d, std::cmp::Reverse(j))) {
            latest = Some((m, i));
        }
    }
    let mut facts = vec![entry[0]];
    if let Some((_, i)) = first_ok {
        facts.push(FactRef::new(FactKind::MedicalExam, i));
    }
    obligation_with_violation(
        cx,
        rule,
        O::MedicalExam,
        Party::Foreigner,
        Party::Foreigner,
        st.entry,
        due,
        first_ok.map(|x| x.0.max(st.entry)),
        &facts,
        window,
    );
    // PAT-6: repeat within 30 days after the documents expire, if the stay goes on.
    if let (Some((m, i)), Some(_)) = (latest, first_ok) {
        let expires = add_months(m, validity);
        let due = cx.add_cd(expires, rs.medical_renewal_days);
        let staying = core.lawful_until.is_none_or(|u| u >= expires) || !core.lawful;
        if staying && expires >= st.entry {
            obligation_with_violation(
                cx,
                RuleId::Pat6,
                O::RepeatMedicalExam,
                Party::Foreigner,
                Party::Foreigner,
                expires,
                due,
                None,
                &[FactRef::new(FactKind::MedicalExam, i)],
                window,
            );
        }
    }
}

// --- RVP and VNZh annual notices: RVP-2, VNZh-2 ----------------------------------------------

fn residence_notices(cx: &mut Cx<'_>) {
    let on = cx.on;
    let window = cx.cfg().at_risk_window_days;
    for i in 0..cx.facts.residence_permits.len() {
        let r = cx.facts.residence_permits[i].clone();
        if r.issued_on > on || r.annulled_on.is_some_and(|a| a <= on) {
            continue;
        }
        let rs = cx.rs(r.issued_on).clone();
        let expiry = match (r.valid_until, r.kind) {
            (Some(v), _) => Some(v),
            (None, PermitKind::Rvp) => Some(period_end(r.issued_on, 12 * rs.rvp_term_years)),
            (None, PermitKind::Vnzh) if r.issued_on >= rs.vnzh_indefinite_from => None,
            (None, PermitKind::Vnzh) => Some(period_end(r.issued_on, 12 * rs.vnzh_old_term_years)),
        };
        if expiry.is_some_and(|e| e < on) {
            continue; // expired: the stay analysis handles it
        }
        let rule = if r.kind == PermitKind::Rvp { RuleId::Rvp2 } else { RuleId::Vnzh2 };
        let pref = FactRef::new(FactKind::ResidencePermit, i);
        let mut missed_in_a_row = 0u32;
        let mut k = 1u32;
        loop {
            let anniversary = add_months(r.issued_on, 12 * k);
            if anniversary > on || expiry.is_some_and(|e| anniversary >= e) {
                break;
            }
            let due = add_months(anniversary, rs.residence_notice_months);
            let next_anniversary = add_months(r.issued_on, 12 * (k + 1));
            let in_person_needed = r.kind == PermitKind::Vnzh
                && cx.cfg().readings.vnzh_fifth_year_in_person
                && k.is_multiple_of(rs.vnzh_in_person_every);
            let mut done: Option<(NaiveDate, usize)> = None;
            for (j, n) in r.notices.iter().enumerate() {
                if n.filed_on < anniversary || n.filed_on >= next_anniversary || n.filed_on > on {
                    continue;
                }
                if in_person_needed && !n.in_person {
                    continue;
                }
                if done.is_none_or(|(d, jj)| (n.filed_on, j) < (d, jj)) {
                    done = Some((n.filed_on, j));
                }
            }
            let mut facts = vec![pref];
            if let Some((_, j)) = done {
                facts.push(FactRef::nested(FactKind::AnnualNotice, i, j));
            }
            let mut f = Finding::obligation(
                rule,
                O::AnnualResidenceNotice,
                Party::Foreigner,
                anniversary,
                due,
                done.map(|d| d.0),
            )
            .with_facts(&facts);
            f.window = window;
            f.n = k as i64;
            f.amount = in_person_needed as u32;
            cx.push(f);
            let late = done.map_or(on > due, |d| d.0 > due);
            if late {
                let mut v = Finding::violation(
                    rule,
                    V::MissedDeadline,
                    Some(O::AnnualResidenceNotice),
                    Party::Foreigner,
                    add_days(due, 1),
                    done.map(|d| d.0),
                )
                .with_facts(&facts);
                v.n = k as i64;
                cx.push(v);
            }
            if done.is_none() && on > due {
                missed_in_a_row += 1;
            } else {
                missed_in_a_row = 0;
            }
            if r.kind == PermitKind::Vnzh && missed_in_a_row == rs.vnzh_annulment_missed_notices {
                let since = add_days(due, 1);
                cx.push(
                    Finding::violation(
                        RuleId::Vnzh2,
                        V::ResidencePermitAnnulmentRisk,
                        None,
                        Party::Foreigner,
                        since,
                        None,
                    )
                    .with_facts(&[pref]),
                );
                cx.push(Finding::task(RuleId::Vnzh2, TaskKind::ReviewAnnulment, since).with_facts(&[pref]));
            }
            k += 1;
        }
    }
}

// --- Documents -------------------------------------------------------------------------------

fn documents(cx: &mut Cx<'_>) {
    let on = cx.on;
    let latest = cx
        .facts
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == DocumentKind::Passport)
        .max_by_key(|(i, d)| (d.expires_on, std::cmp::Reverse(*i)));
    if let Some((i, d)) = latest
        && d.expires_on < on
    {
        cx.push(
            Finding::task(RuleId::Pat4, TaskKind::DocumentExpired, add_days(d.expires_on, 1))
                .with_facts(&[FactRef::new(FactKind::Document, i)]),
        );
    }
}

// --- Leave-by -----------------------------------------------------------------------------------

/// The day the person must leave unless a new basis is obtained: the end of the lawful coverage.
/// Not emitted when the coverage ends with a patent that a payment can extend (PAT-11 is the
/// deadline then) or with an indefinite basis.
fn leave_by(cx: &mut Cx<'_>, core: &Core, st: Option<&Stay>) {
    let (Some(until), Some(bi)) = (core.lawful_until, core.ending_basis) else {
        return;
    };
    let b = cx.s.bases[bi];
    if b.kind == BasisKind::Patent && b.extendable {
        return;
    }
    let (rule, kind, window) = match b.kind {
        BasisKind::VisaFree => {
            let rule = match cx.rs(until).stay_limit {
                crate::ruleset::StayLimit::CalendarYear { .. } => RuleId::Stay1,
                crate::ruleset::StayLimit::RollingWindow { .. } => RuleId::Stay4,
            };
            (rule, O::LeaveBy, cx.cfg().stay_limit_warning_days)
        }
        BasisKind::Patent => (RuleId::Pat9, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::PatentReissuePending => (RuleId::Pat10, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::WorkPermit => (RuleId::Stay2, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::Rvp => (RuleId::Rvp1, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::Vnzh => (RuleId::Vnzh1, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::Study => (RuleId::Stu1, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::EaeuContract => (RuleId::Eaeu2, O::LeaveBy, cx.cfg().at_risk_window_days),
        BasisKind::EaeuNewContractWindow => (RuleId::Eaeu3, O::SignNewContract, cx.cfg().at_risk_window_days),
    };
    let trigger = st.map_or(b.from, |s| s.entry.max(b.from).min(until));
    let mut f = Finding::obligation(rule, kind, Party::Foreigner, trigger, until, None);
    f.facts = [b.fact, None, None];
    f.basis = Some(b.kind);
    f.window = window;
    f.n = days_between(cx.on, until);
    cx.push(f);
}
