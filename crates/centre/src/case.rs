//! The legalisation case: the steps a person must take, in order, with their deadlines and
//! whether each is done.
//!
//! The case is derived, never stored: the rules engine already knows every obligation with its
//! legal source and deadline ([`rules::Evaluation`]); the case orders them into the path a
//! migrant walks (medical examination, fingerprinting, exam, insurance, patent application,
//! patent issue, monthly payments — or the student, EAEU-worker and residence-permit paths),
//! adds the steps the law requires as documents of an application (PAT-4: exam certificate,
//! health-insurance policy) and says which steps wait for others. A step is done only by a
//! recorded result — a service point's result, a notice or permit recorded by the agency that
//! issued it — never by the migrant's own word (the profile contains nothing else).

use chrono::NaiveDate;
use domain::facts::{Direction, ServiceKind};
use domain::person::{PermitKind, PersonProfile};
use rules::{Evaluation, Obligation, ObligationKind, ObligationState, Party, RuleId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Which legalisation path a person is on; it decides which steps the case holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// A visa-free arrival who works on a patent (PAT-1 … PAT-15).
    PatentWorker,
    /// A citizen of another EAEU member state working under a contract (EAEU-1 … EAEU-8).
    EaeuWorker,
    /// A student of an educational organisation (STU-1 … STU-7).
    Student,
    /// A holder of a temporary residence permit (RVP-1 … RVP-3).
    TemporaryResidence,
    /// A holder of a residence permit (VNZh-1 … VNZh-3).
    Residence,
    /// Anyone else: a private visit, tourism, business (registration and the stay limit only).
    Visitor,
}

/// One step of a case.
///
/// The order of the variants is the order of the path (a step never requires a later one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Migration registration at the place of stay, or its renewal (REG-1 … REG-9).
    Registration,
    /// Medical examination, first or repeated (PAT-5, PAT-6, STU-5, EAEU-6).
    MedicalExam,
    /// Fingerprinting and photograph (PAT-5, STU-5, EAEU-6).
    Fingerprinting,
    /// Russian language (and for permits history and law) exam (PAT-7).
    LanguageExam,
    /// Voluntary health-insurance policy (PAT-4).
    HealthInsurance,
    /// Application for a patent or for its re-issue (PAT-2, PAT-10).
    PatentApplication,
    /// Collecting the issued patent (PAT-8: issued within 10 working days).
    PatentIssue,
    /// Monthly advance payment for the patent (PAT-11, PAT-15).
    PatentPayment,
    /// The employer's notice of hiring or termination (PAT-18): a third party's step.
    EmployerNotice,
    /// The institution's notice of expulsion or completion (STU-2): a third party's step.
    InstitutionNotice,
    /// The annual residence notice of an RVP or VNZh holder (RVP-2, VNZh-2).
    ResidenceNotice,
    /// A new contract within the EAEU window (EAEU-3).
    NewContract,
    /// A deliberate check-in where the region runs the experiment (REG-10).
    CheckIn,
    /// Leaving Russia by the deadline unless a new lawful basis is obtained.
    LeaveBy,
}

impl StepKind {
    /// Every step kind, in path order.
    pub const ALL: [StepKind; 14] = [
        StepKind::Registration,
        StepKind::MedicalExam,
        StepKind::Fingerprinting,
        StepKind::LanguageExam,
        StepKind::HealthInsurance,
        StepKind::PatentApplication,
        StepKind::PatentIssue,
        StepKind::PatentPayment,
        StepKind::EmployerNotice,
        StepKind::InstitutionNotice,
        StepKind::ResidenceNotice,
        StepKind::NewContract,
        StepKind::CheckIn,
        StepKind::LeaveBy,
    ];

    /// Stable code for storage, URLs and message keys ("medical_exam").
    pub const fn code(self) -> &'static str {
        match self {
            StepKind::Registration => "registration",
            StepKind::MedicalExam => "medical_exam",
            StepKind::Fingerprinting => "fingerprinting",
            StepKind::LanguageExam => "language_exam",
            StepKind::HealthInsurance => "health_insurance",
            StepKind::PatentApplication => "patent_application",
            StepKind::PatentIssue => "patent_issue",
            StepKind::PatentPayment => "patent_payment",
            StepKind::EmployerNotice => "employer_notice",
            StepKind::InstitutionNotice => "institution_notice",
            StepKind::ResidenceNotice => "residence_notice",
            StepKind::NewContract => "new_contract",
            StepKind::CheckIn => "check_in",
            StepKind::LeaveBy => "leave_by",
        }
    }

    /// Parses [`StepKind::code`].
    pub fn from_code(code: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// True when the step is a visit the migrant books at a service point; the others are done
    /// by someone else (host party, employer, tax payment at a bank) or online.
    pub const fn is_visit(self) -> bool {
        matches!(
            self,
            StepKind::MedicalExam
                | StepKind::Fingerprinting
                | StepKind::LanguageExam
                | StepKind::HealthInsurance
                | StepKind::PatentApplication
                | StepKind::PatentIssue
        )
    }

    /// The steps that must be done (and their results ready, see
    /// [`StepKind::result_ready_after_days`]) before this one can be taken.
    ///
    /// PAT-4: the patent application carries the medical documents, the fingerprint card, the
    /// exam certificate and the insurance policy; PAT-8: the patent is collected after the
    /// application has been processed.
    pub const fn requires(self) -> &'static [StepKind] {
        match self {
            StepKind::PatentApplication => {
                &[StepKind::MedicalExam, StepKind::Fingerprinting, StepKind::LanguageExam, StepKind::HealthInsurance]
            }
            StepKind::PatentIssue => &[StepKind::PatentApplication],
            _ => &[],
        }
    }

    /// Calendar days after the visit until its result can be used by the next step.
    ///
    /// Medical certificates are issued within 3 working days of the examination in most
    /// centres (Health Ministry Order 1079н leaves the term to the centre), so 5 calendar days
    /// cover a weekend; the exam certificate is issued the same day since 2026 (PAT-7); the
    /// fingerprint card and the policy are handed over at the visit; a patent is issued within
    /// 10 working days of the application (PAT-8), 14 calendar days.
    pub const fn result_ready_after_days(self) -> u32 {
        match self {
            StepKind::MedicalExam => 5,
            StepKind::PatentApplication => 14,
            _ => 0,
        }
    }

    /// The service-point result that completes this step, where a service point records it.
    pub const fn service_result(self) -> Option<ServiceKind> {
        match self {
            StepKind::MedicalExam => Some(ServiceKind::Medical),
            StepKind::Fingerprinting => Some(ServiceKind::Fingerprinting),
            StepKind::LanguageExam => Some(ServiceKind::Exam),
            StepKind::HealthInsurance => Some(ServiceKind::Insurance),
            _ => None,
        }
    }

    fn for_obligation(kind: ObligationKind) -> StepKind {
        use ObligationKind as O;
        match kind {
            O::RegisterStay | O::RegisterNewAddress | O::ExtendRegistration => StepKind::Registration,
            O::CheckIn => StepKind::CheckIn,
            O::ApplyForPatent | O::ReissuePatent => StepKind::PatentApplication,
            O::Fingerprinting => StepKind::Fingerprinting,
            O::MedicalExam | O::RepeatMedicalExam => StepKind::MedicalExam,
            O::PayPatentAdvance => StepKind::PatentPayment,
            O::IssuePatent => StepKind::PatentIssue,
            O::EmployerHireNotice | O::EmployerTerminationNotice => StepKind::EmployerNotice,
            O::InstitutionNotice => StepKind::InstitutionNotice,
            O::AnnualResidenceNotice => StepKind::ResidenceNotice,
            O::SignNewContract => StepKind::NewContract,
            O::LeaveBy => StepKind::LeaveBy,
        }
    }
}

/// Where a step stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Done on or before its deadline.
    Done,
    /// Done, but after its deadline.
    DoneLate,
    /// Can be taken now; the deadline has not passed.
    Open,
    /// Waits for earlier steps (see [`Step::waiting_for`]); the deadline has not passed.
    Waiting,
    /// Not done and the deadline has passed.
    Overdue,
}

impl StepState {
    /// Done, in time or late.
    pub const fn is_done(self) -> bool {
        matches!(self, StepState::Done | StepState::DoneLate)
    }
}

/// One step of a person's case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What the step is.
    pub kind: StepKind,
    /// Who must act (the migrant, the host party, the employer …).
    pub responsible: Party,
    /// The rule that requires it (domain note id).
    pub rule: RuleId,
    /// Legal basis (law and article).
    pub source: String,
    /// Last day to act, where the law sets one.
    pub deadline: Option<NaiveDate>,
    /// Where it stands.
    pub state: StepState,
    /// Day it was done.
    pub done_on: Option<NaiveDate>,
    /// The service point (organisation) that recorded the result, when one did.
    pub done_by: Option<Uuid>,
    /// Amount due in roubles (patent payment).
    pub amount_rub: Option<u32>,
    /// Earlier steps of this case not yet done that this one needs.
    pub waiting_for: Vec<StepKind>,
}

/// A person's legalisation case on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The path.
    pub track: Track,
    /// Day of the entry the case counts from, if the person is in Russia after an entry.
    pub entered_on: Option<NaiveDate>,
    /// The day the case was computed for.
    pub on: NaiveDate,
    /// Steps in path order; for each kind, the open one (or, if none is open, the latest).
    pub steps: Vec<Step>,
}

impl Case {
    /// The step of a kind, if the case has it.
    pub fn step(&self, kind: StepKind) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind == kind)
    }

    /// Visits the migrant still has to make, in path order: the input of the route planner.
    pub fn visits_to_book(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.kind.is_visit() && s.responsible == Party::Foreigner && !s.state.is_done())
    }

    /// The earliest open deadline, for the "next thing to do" line of the cabinet.
    pub fn next_deadline(&self) -> Option<&Step> {
        self.steps.iter().filter(|s| !s.state.is_done() && s.deadline.is_some()).min_by_key(|s| s.deadline)
    }
}

/// Derives the case of a person from their profile and today's evaluation by the rules engine.
///
/// `eval` must be the engine's evaluation of `profile` on `eval.on`.
pub fn legalisation_case(profile: &PersonProfile, eval: &Evaluation) -> Case {
    let on = eval.on;
    let entered_on = profile
        .crossings
        .iter()
        .filter(|c| c.on <= on)
        .max_by_key(|c| c.on)
        .filter(|c| c.direction == Direction::Entry)
        .map(|c| c.on);
    let track = track_of(profile, eval, on);

    // One step per kind: the open obligation with the earliest deadline, else the latest one.
    let mut steps: Vec<Step> = Vec::new();
    for o in eval.obligations.iter().filter(|o| relevant(o, entered_on)) {
        let step = step_from_obligation(o);
        match steps.iter_mut().find(|s| s.kind == step.kind) {
            Some(existing) if better(&step, existing) => *existing = step,
            Some(_) => {}
            None => steps.push(step),
        }
    }

    // PAT-4: an exam certificate and a health-insurance policy go with the application; the
    // engine has no obligation for them, so they are added with the application's deadline.
    if track == Track::PatentWorker
        && let Some(app) = steps.iter().find(|s| s.kind == StepKind::PatentApplication).cloned()
    {
        for kind in [StepKind::LanguageExam, StepKind::HealthInsurance] {
            if steps.iter().any(|s| s.kind == kind) {
                continue;
            }
            let rule = if kind == StepKind::LanguageExam { RuleId::Pat7 } else { RuleId::Pat4 };
            let recorded = result_since(profile, kind, entered_on);
            let (state, done_on, done_by) = match recorded {
                Some((d, org)) => (state_done(d, app.deadline), Some(d), org),
                // The accepted application proves the documents were there.
                None if app.state.is_done() => (StepState::Done, app.done_on, None),
                None if app.deadline.is_some_and(|d| d < on) => (StepState::Overdue, None, None),
                None => (StepState::Open, None, None),
            };
            steps.push(Step {
                kind,
                responsible: Party::Foreigner,
                rule,
                source: "115-FZ art. 13.3 p. 2".into(),
                deadline: app.deadline,
                state,
                done_on,
                done_by,
                amount_rub: None,
                waiting_for: Vec::new(),
            });
        }
    }

    // Who recorded each service result.
    for s in &mut steps {
        if s.done_by.is_none()
            && s.state.is_done()
            && let Some((_, org)) = result_since(profile, s.kind, entered_on)
        {
            s.done_by = org;
        }
    }

    steps.sort_by_key(|s| s.kind);
    let done: Vec<StepKind> = steps.iter().filter(|s| s.state.is_done()).map(|s| s.kind).collect();
    let present: Vec<StepKind> = steps.iter().map(|s| s.kind).collect();
    for s in &mut steps {
        s.waiting_for =
            s.kind.requires().iter().copied().filter(|r| present.contains(r) && !done.contains(r)).collect();
        if s.state == StepState::Open && !s.waiting_for.is_empty() {
            s.state = StepState::Waiting;
        }
    }
    Case { track, entered_on, on, steps }
}

/// Obligations of the current stay: a fulfilled obligation triggered before the last entry is
/// history, not a step of today's case.
fn relevant(o: &Obligation, entered_on: Option<NaiveDate>) -> bool {
    let finished = matches!(o.state, ObligationState::Fulfilled | ObligationState::FulfilledLate);
    !(finished && entered_on.is_some_and(|e| o.triggered_on < e))
}

/// Prefer the open step with the earliest deadline; among finished ones, the latest.
fn better(new: &Step, old: &Step) -> bool {
    match (new.state.is_done(), old.state.is_done()) {
        (false, true) => true,
        (true, false) => false,
        (false, false) => new.deadline < old.deadline,
        (true, true) => new.deadline > old.deadline,
    }
}

fn step_from_obligation(o: &Obligation) -> Step {
    let state = match o.state {
        ObligationState::Open => StepState::Open,
        ObligationState::Fulfilled => StepState::Done,
        ObligationState::FulfilledLate => StepState::DoneLate,
        ObligationState::Missed => StepState::Overdue,
    };
    Step {
        kind: StepKind::for_obligation(o.kind),
        responsible: o.responsible,
        rule: o.rule_id,
        source: o.source.clone(),
        deadline: Some(o.deadline),
        state,
        done_on: o.done_on,
        done_by: None,
        amount_rub: o.amount_rub,
        waiting_for: Vec::new(),
    }
}

fn state_done(on: NaiveDate, deadline: Option<NaiveDate>) -> StepState {
    if deadline.is_some_and(|d| on > d) { StepState::DoneLate } else { StepState::Done }
}

/// The latest result of the step's service recorded on or after the entry: its day and the
/// organisation that recorded it.
fn result_since(p: &PersonProfile, kind: StepKind, since: Option<NaiveDate>) -> Option<(NaiveDate, Option<Uuid>)> {
    let service = kind.service_result()?;
    p.results
        .iter()
        .filter(|r| r.kind == service && since.is_none_or(|e| r.on >= e))
        .max_by_key(|r| r.on)
        .map(|r| (r.on, r.org_id))
}

fn track_of(p: &PersonProfile, eval: &Evaluation, on: NaiveDate) -> Track {
    let valid = |k: PermitKind| {
        p.permits
            .iter()
            .any(|x| x.kind == k && x.ended.is_none() && x.valid_from <= on && x.valid_until.is_none_or(|u| u >= on))
    };
    if valid(PermitKind::Residence) {
        return Track::Residence;
    }
    if valid(PermitKind::TemporaryResidence) {
        return Track::TemporaryResidence;
    }
    if valid(PermitKind::Student) {
        return Track::Student;
    }
    let patent_steps = eval.obligations.iter().any(|o| {
        matches!(
            o.kind,
            ObligationKind::ApplyForPatent
                | ObligationKind::IssuePatent
                | ObligationKind::PayPatentAdvance
                | ObligationKind::ReissuePatent
        )
    });
    if patent_steps || valid(PermitKind::Patent) {
        return Track::PatentWorker;
    }
    if p.citizenship.is_eaeu() && p.employments.iter().any(|e| e.ended_on.is_none_or(|d| d >= on)) {
        return Track::EaeuWorker;
    }
    Track::Visitor
}

#[cfg(test)]
mod tests;
