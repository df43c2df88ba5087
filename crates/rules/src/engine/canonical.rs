//! One canonical order of the facts, so that a person's evaluation never depends on the order in
//! which agencies' records arrived.
//!
//! The rules pick "the first", "the latest" or "the earliest filed" of several facts and must
//! break ties somehow; breaking them by input position made two loads of the same records (one
//! feed before the other) point at different facts or, where duplicates differ in one field,
//! reach different findings. Sorting every collection by its full content before the rules run
//! makes every tie-break a function of the facts alone. References in the output are mapped back
//! to the caller's positions, so `facts_used` still indexes the vectors the caller passed.

use std::borrow::Cow;

use crate::facts::Facts;
use crate::output::{Evaluation, FactKind, FactRef};

/// Where each canonical position came from in the caller's vectors (`from[k]` is the input index
/// of the element now at `k`). Nested collections (payments, notices) are kept per parent, in
/// canonical parent order.
#[derive(Debug, Default)]
pub(crate) struct Origins {
    crossings: Vec<u16>,
    registrations: Vec<u16>,
    patents: Vec<u16>,
    payments: Vec<Vec<u16>>,
    work_permits: Vec<u16>,
    residence_permits: Vec<u16>,
    notices: Vec<Vec<u16>>,
    employments: Vec<u16>,
    studies: Vec<u16>,
    medical_exams: Vec<u16>,
    check_ins: Vec<u16>,
    documents: Vec<u16>,
}

/// The facts in canonical order, borrowed as they are when they already are (the common case for
/// records kept by the registry), with the way back to input positions when they were reordered.
pub(crate) fn canonical(facts: &Facts) -> (Cow<'_, Facts>, Option<Origins>) {
    if is_canonical(facts) {
        return (Cow::Borrowed(facts), None);
    }
    let mut f = facts.clone();
    let mut o = Origins::default();
    // Nested collections first: a parent's order depends on its children.
    let mut payments: Vec<Vec<u16>> = f.patents.iter_mut().map(|p| sort_tracked(&mut p.payments)).collect();
    let mut notices: Vec<Vec<u16>> = f.residence_permits.iter_mut().map(|r| sort_tracked(&mut r.notices)).collect();
    o.patents = sort_tracked(&mut f.patents);
    o.payments = o.patents.iter().map(|&i| std::mem::take(&mut payments[i as usize])).collect();
    o.residence_permits = sort_tracked(&mut f.residence_permits);
    o.notices = o.residence_permits.iter().map(|&i| std::mem::take(&mut notices[i as usize])).collect();
    o.crossings = sort_tracked(&mut f.crossings);
    o.registrations = sort_tracked(&mut f.registrations);
    o.work_permits = sort_tracked(&mut f.work_permits);
    o.employments = sort_tracked(&mut f.employments);
    o.studies = sort_tracked(&mut f.studies);
    o.medical_exams = sort_tracked(&mut f.biometrics.medical_exams);
    o.check_ins = sort_tracked(&mut f.check_ins);
    o.documents = sort_tracked(&mut f.documents);
    (Cow::Owned(f), Some(o))
}

fn is_canonical(f: &Facts) -> bool {
    f.crossings.is_sorted()
        && f.registrations.is_sorted()
        && f.patents.iter().all(|p| p.payments.is_sorted())
        && f.patents.is_sorted()
        && f.work_permits.is_sorted()
        && f.residence_permits.iter().all(|r| r.notices.is_sorted())
        && f.residence_permits.is_sorted()
        && f.employments.is_sorted()
        && f.studies.is_sorted()
        && f.biometrics.medical_exams.is_sorted()
        && f.check_ins.is_sorted()
        && f.documents.is_sorted()
}

/// Sorts `v` (stably, so equal elements keep their relative order) and returns where each
/// element came from.
fn sort_tracked<T: Ord + Clone>(v: &mut Vec<T>) -> Vec<u16> {
    let mut idx: Vec<u16> = (0..v.len() as u16).collect();
    idx.sort_by(|&a, &b| v[a as usize].cmp(&v[b as usize]));
    *v = idx.iter().map(|&i| v[i as usize].clone()).collect();
    idx
}

impl Origins {
    /// The caller's position of a fact referenced in canonical positions.
    fn input_ref(&self, r: FactRef) -> FactRef {
        let at = |v: &[u16], i: u16| v.get(i as usize).copied().unwrap_or(i);
        let (index, sub) = match r.kind {
            FactKind::Crossing => (at(&self.crossings, r.index), r.sub),
            FactKind::Registration => (at(&self.registrations, r.index), r.sub),
            FactKind::Patent => (at(&self.patents, r.index), r.sub),
            FactKind::Payment => {
                let sub = r.sub.map(|s| self.payments.get(r.index as usize).map_or(s, |p| at(p, s)));
                (at(&self.patents, r.index), sub)
            }
            FactKind::WorkPermit => (at(&self.work_permits, r.index), r.sub),
            FactKind::ResidencePermit => (at(&self.residence_permits, r.index), r.sub),
            FactKind::AnnualNotice => {
                let sub = r.sub.map(|s| self.notices.get(r.index as usize).map_or(s, |n| at(n, s)));
                (at(&self.residence_permits, r.index), sub)
            }
            FactKind::Employment => (at(&self.employments, r.index), r.sub),
            FactKind::Study => (at(&self.studies, r.index), r.sub),
            FactKind::MedicalExam => (at(&self.medical_exams, r.index), r.sub),
            FactKind::CheckIn => (at(&self.check_ins, r.index), r.sub),
            FactKind::Document => (at(&self.documents, r.index), r.sub),
            FactKind::Citizenship | FactKind::Fingerprinting => (r.index, r.sub),
        };
        FactRef { kind: r.kind, index, sub }
    }

    /// Rewrites every reference of an evaluation made on canonical facts to the caller's positions.
    pub(crate) fn restore(&self, e: &mut Evaluation) {
        let refs = e
            .obligations
            .iter_mut()
            .flat_map(|o| o.facts_used.iter_mut())
            .chain(e.violations.iter_mut().flat_map(|v| v.facts_used.iter_mut()))
            .chain(e.tasks.iter_mut().flat_map(|t| t.facts_used.iter_mut()));
        for r in refs {
            *r = self.input_ref(*r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Citizenship, Crossing, Direction, Patent, Payment, Purpose, Region};
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn sorted_facts_are_borrowed() {
        let mut f = Facts::new(Citizenship::UZB);
        f.crossings.push(Crossing { date: d(1, 1), direction: Direction::Entry, purpose: Purpose::Work });
        f.crossings.push(Crossing { date: d(2, 1), direction: Direction::Exit, purpose: Purpose::Work });
        let (c, o) = canonical(&f);
        assert!(matches!(c, Cow::Borrowed(_)));
        assert!(o.is_none());
    }

    #[test]
    fn nested_references_map_back_to_input_positions() {
        let pay = |m, day| Payment { paid_on: d(m, day), months: 1, amount_rub: None };
        let patent = |m, payments| Patent {
            applied_on: None,
            issued_on: Some(d(m, 1)),
            region: Region::TATARSTAN,
            payments,
            reissue_applied_on: None,
            is_reissue: false,
            annulled_on: None,
        };
        let mut f = Facts::new(Citizenship::UZB);
        f.patents.push(patent(6, vec![pay(9, 1), pay(7, 1), pay(8, 1)]));
        f.patents.push(patent(2, vec![pay(3, 1)]));
        let (c, o) = canonical(&f);
        let o = o.expect("reordered");
        // Canonical patent 1 is input patent 0; its canonical payment 0 (July) is input payment 1.
        assert_eq!(c.patents[1].payments[0].paid_on, d(7, 1));
        let back = o.input_ref(FactRef::nested(FactKind::Payment, 1, 0));
        assert_eq!(back, FactRef::nested(FactKind::Payment, 0, 1));
        assert_eq!(f.patents[back.index as usize].payments[back.sub.unwrap() as usize].paid_on, d(7, 1));
        assert_eq!(o.input_ref(FactRef::new(FactKind::Patent, 0)), FactRef::new(FactKind::Patent, 1));
    }
}
