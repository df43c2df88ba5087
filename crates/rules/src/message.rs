//! Message ids and arguments for every item the engine emits, so that a caller renders the
//! explanation in any language from a translation catalogue (the server uses Fluent files
//! `assets/locales/<lang>/rules.ftl`) instead of the Russian and English strings of
//! [`Obligation::explanation_ru`] and friends. The ids and argument names here are the contract
//! with those files; the server's test renders every id in every language.
//!
//! Kept pure: a [`Message`] is plain data (dates stay dates, numbers stay numbers); the caller
//! formats dates in the reader's language and renders [`Arg::Term`] arguments (a party, a basis
//! of stay, an obligation's state) as messages of their own, with the same arguments.

use chrono::NaiveDate;

use crate::dates::add_days;
use crate::output::{
    EntryBan, Obligation, ObligationKind as O, ObligationState as S, OfficerTask, Party, StayBasis, TaskKind as T,
    Violation, ViolationKind as V,
};

/// One argument of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// A day, formatted by the caller in the reader's language.
    Date(NaiveDate),
    /// A number (days, years, roubles).
    Number(i64),
    /// The id of another message (a party, a basis, a state), rendered with the same arguments.
    Term(&'static str),
}

/// A message id with its arguments: everything needed to explain one item in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The message id in the catalogue ("rule-obl-register-stay").
    pub id: &'static str,
    /// Named arguments, in a fixed order.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    fn new(id: &'static str) -> Self {
        Self { id, args: Vec::with_capacity(6) }
    }
    fn arg(mut self, name: &'static str, a: Arg) -> Self {
        self.args.push((name, a));
        self
    }
    fn date(self, name: &'static str, d: NaiveDate) -> Self {
        self.arg(name, Arg::Date(d))
    }
    fn num(self, name: &'static str, n: i64) -> Self {
        self.arg(name, Arg::Number(n))
    }
    fn term(self, name: &'static str, id: &'static str) -> Self {
        self.arg(name, Arg::Term(id))
    }

    /// Every message id this message refers to: its own and those of its term arguments.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.id).chain(self.args.iter().filter_map(|(_, a)| match a {
            Arg::Term(t) => Some(*t),
            _ => None,
        }))
    }
}

/// Every obligation kind, for catalogue-wide tests of the texts.
pub const OBLIGATION_KINDS: [O; 17] = [
    O::RegisterStay,
    O::RegisterNewAddress,
    O::ExtendRegistration,
    O::CheckIn,
    O::ApplyForPatent,
    O::Fingerprinting,
    O::MedicalExam,
    O::RepeatMedicalExam,
    O::PayPatentAdvance,
    O::ReissuePatent,
    O::IssuePatent,
    O::EmployerHireNotice,
    O::EmployerTerminationNotice,
    O::InstitutionNotice,
    O::AnnualResidenceNotice,
    O::SignNewContract,
    O::LeaveBy,
];

/// Every violation kind.
pub const VIOLATION_KINDS: [V; 8] = [
    V::MissedDeadline,
    V::StayLimitExceeded,
    V::StayAfterBasisEnded,
    V::PatentVoided,
    V::WorkWithoutPermit,
    V::WorkOutsideRegion,
    V::EntryDuringBan,
    V::ResidencePermitAnnulmentRisk,
];

/// Every officer task kind.
pub const TASK_KINDS: [T; 8] = [
    T::MissedCheckIn,
    T::CheckInAddressMismatch,
    T::ReviewRklCandidate,
    T::PatentIssueOverdue,
    T::DocumentExpired,
    T::ReviewAnnulment,
    T::VerifyEntryBan,
    T::MissingEntry,
];

/// Every party.
pub const PARTIES: [Party; 5] = [Party::Foreigner, Party::HostParty, Party::Employer, Party::Institution, Party::Mvd];

/// Every obligation state.
pub const OBLIGATION_STATES: [S; 4] = [S::Open, S::Fulfilled, S::FulfilledLate, S::Missed];

/// The message naming a party ("the host party").
pub const fn party_id(p: Party) -> &'static str {
    match p {
        Party::Foreigner => "rule-party-foreigner",
        Party::HostParty => "rule-party-host-party",
        Party::Employer => "rule-party-employer",
        Party::Institution => "rule-party-institution",
        Party::Mvd => "rule-party-mvd",
    }
}

/// The message naming a basis of stay ("a work patent").
pub const fn basis_id(b: StayBasis) -> &'static str {
    match b {
        StayBasis::VisaFree => "rule-basis-visa-free",
        StayBasis::Patent => "rule-basis-patent",
        StayBasis::PatentReissuePending => "rule-basis-patent-reissue-pending",
        StayBasis::WorkPermit => "rule-basis-work-permit",
        StayBasis::Rvp => "rule-basis-rvp",
        StayBasis::Vnzh => "rule-basis-vnzh",
        StayBasis::Study => "rule-basis-study",
        StayBasis::EaeuContract => "rule-basis-eaeu-contract",
        StayBasis::EaeuNewContractWindow => "rule-basis-eaeu-new-contract-window",
    }
}

/// The message of an obligation's state ("3 days left", "done on …").
pub const fn state_id(s: S) -> &'static str {
    match s {
        S::Open => "rule-state-open",
        S::Fulfilled => "rule-state-fulfilled",
        S::FulfilledLate => "rule-state-fulfilled-late",
        S::Missed => "rule-state-missed",
    }
}

/// What an obligation asks, as a bare phrase ("file the arrival notice"), also used by the text
/// of a missed deadline.
pub const fn what_id(k: O) -> &'static str {
    match k {
        O::RegisterStay => "rule-what-register-stay",
        O::RegisterNewAddress => "rule-what-register-new-address",
        O::ExtendRegistration => "rule-what-extend-registration",
        O::CheckIn => "rule-what-check-in",
        O::ApplyForPatent => "rule-what-apply-for-patent",
        O::Fingerprinting => "rule-what-fingerprinting",
        O::MedicalExam => "rule-what-medical-exam",
        O::RepeatMedicalExam => "rule-what-repeat-medical-exam",
        O::PayPatentAdvance => "rule-what-pay-patent-advance",
        O::ReissuePatent => "rule-what-reissue-patent",
        O::IssuePatent => "rule-what-issue-patent",
        O::EmployerHireNotice => "rule-what-employer-hire-notice",
        O::EmployerTerminationNotice => "rule-what-employer-termination-notice",
        O::InstitutionNotice => "rule-what-institution-notice",
        O::AnnualResidenceNotice => "rule-what-annual-residence-notice",
        O::SignNewContract => "rule-what-sign-new-contract",
        O::LeaveBy => "rule-what-leave-by",
    }
}

/// The message of an obligation kind. A patent advance with no known tariff and a notice to be
/// filed in person have a variant of their own rather than a missing argument.
pub const fn obligation_id(k: O, amount_known: bool, in_person: bool) -> &'static str {
    match k {
        O::RegisterStay => "rule-obl-register-stay",
        O::RegisterNewAddress => "rule-obl-register-new-address",
        O::ExtendRegistration => "rule-obl-extend-registration",
        O::CheckIn => "rule-obl-check-in",
        O::ApplyForPatent => "rule-obl-apply-for-patent",
        O::Fingerprinting => "rule-obl-fingerprinting",
        O::MedicalExam => "rule-obl-medical-exam",
        O::RepeatMedicalExam => "rule-obl-repeat-medical-exam",
        O::PayPatentAdvance if amount_known => "rule-obl-pay-patent-advance",
        O::PayPatentAdvance => "rule-obl-pay-patent-advance-no-amount",
        O::ReissuePatent => "rule-obl-reissue-patent",
        O::IssuePatent => "rule-obl-issue-patent",
        O::EmployerHireNotice => "rule-obl-employer-hire-notice",
        O::EmployerTerminationNotice => "rule-obl-employer-termination-notice",
        O::InstitutionNotice => "rule-obl-institution-notice",
        O::AnnualResidenceNotice if in_person => "rule-obl-annual-residence-notice-in-person",
        O::AnnualResidenceNotice => "rule-obl-annual-residence-notice",
        O::SignNewContract => "rule-obl-sign-new-contract",
        O::LeaveBy => "rule-obl-leave-by",
    }
}

/// The message of a violation kind.
pub const fn violation_id(k: V) -> &'static str {
    match k {
        V::MissedDeadline => "rule-vio-missed-deadline",
        V::StayLimitExceeded => "rule-vio-stay-limit-exceeded",
        V::StayAfterBasisEnded => "rule-vio-stay-after-basis-ended",
        V::PatentVoided => "rule-vio-patent-voided",
        V::WorkWithoutPermit => "rule-vio-work-without-permit",
        V::WorkOutsideRegion => "rule-vio-work-outside-region",
        V::EntryDuringBan => "rule-vio-entry-during-ban",
        V::ResidencePermitAnnulmentRisk => "rule-vio-residence-permit-annulment-risk",
    }
}

/// The message of an officer task kind.
pub const fn task_id(k: T) -> &'static str {
    match k {
        T::MissedCheckIn => "rule-task-missed-check-in",
        T::CheckInAddressMismatch => "rule-task-check-in-address-mismatch",
        T::ReviewRklCandidate => "rule-task-review-rkl-candidate",
        T::PatentIssueOverdue => "rule-task-patent-issue-overdue",
        T::DocumentExpired => "rule-task-document-expired",
        T::ReviewAnnulment => "rule-task-review-annulment",
        T::VerifyEntryBan => "rule-task-verify-entry-ban",
        T::MissingEntry => "rule-task-missing-entry",
    }
}

impl Obligation {
    /// The explanation as a message: `what` (the kind's phrase), `party`, `state`, `deadline`,
    /// `trigger`, and as the kind needs: `days` left (open), `done`, `amount` and `lapse` (patent
    /// advance), `year` (annual notice), `basis` (leaving). `on` is the evaluation date.
    pub fn message(&self, on: NaiveDate) -> Message {
        let mut m = Message::new(obligation_id(self.kind, self.amount_rub.is_some(), self.in_person))
            .term("what", what_id(self.kind))
            .term("party", party_id(self.responsible))
            .term("state", state_id(self.state))
            .date("deadline", self.deadline)
            .date("trigger", self.triggered_on)
            .num("days", (self.deadline - on).num_days());
        if let Some(d) = self.done_on {
            m = m.date("done", d);
        } else if matches!(self.state, S::Fulfilled | S::FulfilledLate) {
            m = m.date("done", self.deadline);
        }
        if let Some(a) = self.amount_rub {
            m = m.num("amount", a.into()).date("lapse", add_days(self.deadline, 1));
        }
        if let Some(y) = self.notice_year {
            m = m.num("year", y.into());
        }
        if let Some(b) = self.basis {
            m = m.term("basis", basis_id(b));
        }
        m
    }
}

impl Violation {
    /// The explanation as a message: `since`, `party`, and as the kind needs: `what` (the missed
    /// obligation's phrase), `days` of an unlawful stay up to `on`, `basis`, `years` and
    /// `overstay` (entry during a ban), `remedied`.
    pub fn message(&self, on: NaiveDate) -> Message {
        let mut m = Message::new(violation_id(self.kind))
            .term("party", party_id(self.offender))
            .date("since", self.since)
            .num("days", (on - self.since).num_days() + 1);
        if let Some(o) = self.obligation {
            m = m.term("what", what_id(o));
        } else if self.kind == V::MissedDeadline {
            m = m.term("what", what_id(O::LeaveBy));
        }
        if let Some(b) = self.basis {
            m = m.term("basis", basis_id(b));
        } else if self.kind == V::StayAfterBasisEnded {
            m = m.term("basis", basis_id(StayBasis::VisaFree));
        }
        if self.kind == V::EntryDuringBan {
            m = m
                .num("years", self.ban_years.unwrap_or(0).into())
                .num("overstay", self.overstay_days.unwrap_or(0).into());
        }
        if let Some(d) = self.remedied_on {
            m = m.date("remedied", d);
        }
        m
    }
}

impl OfficerTask {
    /// The explanation as a message: `due`, `last` (the day before, the last check-in), `years`.
    pub fn message(&self) -> Message {
        Message::new(task_id(self.kind))
            .date("due", self.due)
            .date("last", add_days(self.due, -1))
            .num("years", self.ban_years.unwrap_or(0).into())
    }
}

impl EntryBan {
    /// The explanation as a message: `days` of overstay, `years`, `from`, `until`.
    pub fn message(&self) -> Message {
        Message::new(if self.projected { "rule-ban-projected" } else { "rule-ban-actual" })
            .num("days", self.overstay_days.into())
            .num("years", self.years.into())
            .date("from", self.from)
            .date("until", self.until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_patent_advance_without_a_tariff_has_its_own_message_not_a_missing_amount() {
        let o = Obligation {
            rule_id: crate::RuleId::Pat15,
            source: String::new(),
            kind: O::PayPatentAdvance,
            responsible: Party::Foreigner,
            triggered_on: day(3, 1),
            deadline: day(4, 1),
            state: S::Open,
            done_on: None,
            amount_rub: None,
            basis: None,
            notice_year: None,
            in_person: false,
            facts_used: vec![],
            explanation_ru: String::new(),
            explanation_en: String::new(),
        };
        let m = o.message(day(3, 29));
        assert_eq!(m.id, "rule-obl-pay-patent-advance-no-amount");
        assert!(m.args.contains(&("days", Arg::Number(3))));
        let with = Obligation { amount_rub: Some(9000), ..o }.message(day(3, 29));
        assert_eq!(with.id, "rule-obl-pay-patent-advance");
        assert!(with.args.contains(&("lapse", Arg::Date(day(4, 2)))));
    }

    #[test]
    fn a_running_overstay_counts_its_days_up_to_the_evaluation_date() {
        let v = Violation {
            rule_id: crate::RuleId::Stay1,
            source: String::new(),
            kind: V::StayLimitExceeded,
            obligation: None,
            offender: Party::Foreigner,
            since: day(5, 1),
            remedied_on: None,
            penalty: None,
            basis: None,
            overstay_days: None,
            ban_years: None,
            facts_used: vec![],
            explanation_ru: String::new(),
            explanation_en: String::new(),
        };
        assert!(v.message(day(5, 10)).args.contains(&("days", Arg::Number(10))));
    }
}
