//! The engine: builds lookup tables once, then evaluates persons.
//!
//! Evaluation runs in two layers. The rules (submodules `stay`, `rules`) push compact, `Copy`
//! [`Finding`]s into a per-thread scratch buffer, so computing a status allocates nothing once
//! the buffer has grown. [`Engine::status`] folds the findings into a [`Status`];
//! [`Engine::evaluate`] renders them (module `render`) into the full [`Evaluation`] with texts.

mod canonical;
mod render;
mod rules;
mod stay;

use std::cell::RefCell;

use chrono::{Datelike, NaiveDate};

use crate::calendar::Calendar;
use crate::catalogue::RuleId;
use crate::config::{Config, NonWorkingDeadline};
use crate::error::DataError;
use crate::facts::{Facts, Region};
use crate::output::{DataWarning, Evaluation, FactRef, ObligationKind, Party, Status, TaskKind, ViolationKind};
use crate::ruleset::{RuleSet, RuleSets};
use crate::tariff::Tariffs;

pub(crate) use stay::{Basis, BasisKind, Stay};

/// The legal status engine. Build it once (it parses the embedded data files) and share it:
/// it is immutable and `Sync`.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    calendar: Calendar,
    tariffs: Tariffs,
    rule_sets: RuleSets,
}

impl Engine {
    /// Builds an engine from a configuration and the embedded data files (calendar, tariffs,
    /// rule sets). Fails if a data file is inconsistent or the configuration asks for a rule
    /// that is not encoded.
    pub fn new(config: Config) -> Result<Self, DataError> {
        Self::with_data(config, Calendar::embedded()?, Tariffs::embedded()?, RuleSets::embedded()?)
    }

    /// Builds an engine from explicitly supplied data (for tests and for operators trying a new
    /// data file before it is embedded).
    pub fn with_data(
        config: Config,
        calendar: Calendar,
        tariffs: Tariffs,
        rule_sets: RuleSets,
    ) -> Result<Self, DataError> {
        if config.readings.labour_contract_copy_rule {
            return Err(DataError::Invalid {
                file: "config",
                msg: "readings.labour_contract_copy_rule (U-11) is not encoded: it is unverified".into(),
            });
        }
        Ok(Self { config, calendar, tariffs, rule_sets })
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The production calendar in use.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The patent tariff tables in use.
    pub fn tariffs(&self) -> &Tariffs {
        &self.tariffs
    }

    /// The rule set in force on `date`.
    pub fn rule_set_on(&self, date: NaiveDate) -> &RuleSet {
        self.rule_sets.on(date)
    }

    /// All rule sets, oldest first.
    pub fn rule_sets(&self) -> &[RuleSet] {
        self.rule_sets.all()
    }

    /// The monthly patent advance for a region and year (PAT-11), if the table has it.
    pub fn monthly_advance(&self, region: Region, year: i32) -> Option<u32> {
        self.tariffs.get(region, year).map(|t| t.monthly_rub)
    }

    /// The full evaluation of a person on a date: status, obligations, violations, officer
    /// tasks and entry ban, with sources and explanations.
    pub fn evaluate(&self, facts: &Facts, on: NaiveDate) -> Evaluation {
        self.evaluate_with(facts, on, true)
    }

    /// [`Engine::evaluate`] without the explanation texts (left empty): the same status,
    /// obligations, violations, tasks and deadlines at a fraction of the cost. For storing a
    /// fingerprint of the evaluation and for jobs over the whole registry; render the texts with
    /// `evaluate` when someone reads them.
    pub fn evaluate_plain(&self, facts: &Facts, on: NaiveDate) -> Evaluation {
        self.evaluate_with(facts, on, false)
    }

    fn evaluate_with(&self, facts: &Facts, on: NaiveDate, texts: bool) -> Evaluation {
        let (facts, origins) = canonical::canonical(facts);
        let mut e = with_scratch(|s| {
            let core = self.run(&facts, on, s);
            render::evaluation(self, &facts, on, &core, s, texts)
        });
        if let Some(o) = origins {
            o.restore(&mut e);
        }
        e
    }

    /// The status alone: the same rules as [`Engine::evaluate`] without rendering texts. Does not
    /// allocate once the per-thread scratch buffers have grown, unless the facts must first be
    /// put in canonical order (see `canonical`).
    pub fn status(&self, facts: &Facts, on: NaiveDate) -> Status {
        let (facts, _) = canonical::canonical(facts);
        with_scratch(|s| self.run(&facts, on, s).status)
    }

    fn run(&self, facts: &Facts, on: NaiveDate, s: &mut Scratch) -> Core {
        s.clear();
        let mut cx = Cx { engine: self, facts, on, s };
        let mut core = stay::analyse(&mut cx);
        rules::all(&mut cx, &mut core);
        core.status = fold_status(&cx, &core);
        core
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers, or fresh ones when they are in use (an
/// evaluation started from inside another one, as a property test may do).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Reusable buffers for one evaluation.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub findings: Vec<Finding>,
    pub order: Vec<u16>,
    pub stays: Vec<Stay>,
    pub bases: Vec<Basis>,
    pub warnings: Vec<DataWarning>,
}

impl Scratch {
    fn clear(&mut self) {
        self.findings.clear();
        self.order.clear();
        self.stays.clear();
        self.bases.clear();
        self.warnings.clear();
    }
}

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Obligation(ObligationKind),
    Violation(ViolationKind, Option<ObligationKind>),
    Task(TaskKind),
}

/// One result of one rule, before rendering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Finding {
    pub rule: RuleId,
    pub item: Item,
    pub party: Party,
    /// Obligation: day the clock started. Violation/task: same as `due`.
    pub trigger: NaiveDate,
    /// Obligation: deadline. Violation: first day of the breach. Task: due day.
    pub due: NaiveDate,
    /// Obligation: day done. Violation: day remedied.
    pub done: Option<NaiveDate>,
    /// Amount (roubles) or another number the text needs (days, k-th year).
    pub amount: u32,
    /// Extra number for texts (days used, overstay days …).
    pub n: i64,
    /// Which basis ended (for stay violations and leave-by texts).
    pub basis: Option<BasisKind>,
    /// Affects the status (false for REG-10 reminders, which never sanction).
    pub counts: bool,
    /// Window in days for AT_RISK (obligations).
    pub window: u32,
    pub facts: [Option<FactRef>; 3],
}

impl Finding {
    pub(crate) fn obligation(
        rule: RuleId,
        kind: ObligationKind,
        party: Party,
        trigger: NaiveDate,
        due: NaiveDate,
        done: Option<NaiveDate>,
    ) -> Self {
        Self {
            rule,
            item: Item::Obligation(kind),
            party,
            trigger,
            due,
            done,
            amount: 0,
            n: 0,
            basis: None,
            counts: true,
            window: 0,
            facts: [None; 3],
        }
    }

    pub(crate) fn violation(
        rule: RuleId,
        kind: ViolationKind,
        of: Option<ObligationKind>,
        offender: Party,
        since: NaiveDate,
        remedied: Option<NaiveDate>,
    ) -> Self {
        Self {
            item: Item::Violation(kind, of),
            ..Self::obligation(rule, ObligationKind::LeaveBy, offender, since, since, remedied)
        }
    }

    pub(crate) fn task(rule: RuleId, kind: TaskKind, due: NaiveDate) -> Self {
        Self {
            item: Item::Task(kind),
            counts: false,
            ..Self::obligation(rule, ObligationKind::LeaveBy, Party::Foreigner, due, due, None)
        }
    }

    pub(crate) fn with_facts(mut self, facts: &[FactRef]) -> Self {
        for (slot, f) in self.facts.iter_mut().zip(facts) {
            *slot = Some(*f);
        }
        self
    }
}

/// The outcome of the stay analysis plus the status.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Core {
    pub status: Status,
    /// Inside Russia on the evaluation date (or unknown: no crossings at all).
    pub inside: bool,
    /// Index into `Scratch::stays` of the current (inside) or last (departed) stay.
    pub stay: Option<usize>,
    /// Lawfully present on the evaluation date.
    pub lawful: bool,
    /// End of the contiguous lawful coverage containing the evaluation date; `None` = indefinite.
    pub lawful_until: Option<NaiveDate>,
    /// The basis that ends the coverage.
    pub ending_basis: Option<usize>,
    /// Last day allowed by the visa-free limit alone.
    pub visa_free_until: Option<NaiveDate>,
    pub days_in_year: u32,
    pub continuous_days: u32,
    /// Entry ban: (overstay days, years, from, projected).
    pub ban: Option<(u32, u32, NaiveDate, bool)>,
}

/// Evaluation context: the engine, the facts, the date and the scratch buffers.
pub(crate) struct Cx<'a> {
    pub engine: &'a Engine,
    pub facts: &'a Facts,
    pub on: NaiveDate,
    pub s: &'a mut Scratch,
}

impl Cx<'_> {
    pub fn cfg(&self) -> &Config {
        &self.engine.config
    }

    pub fn rs(&self, date: NaiveDate) -> &RuleSet {
        self.engine.rule_sets.on(date)
    }

    pub fn push(&mut self, f: Finding) {
        self.s.findings.push(f);
    }

    fn warn(&mut self, w: DataWarning) {
        if !self.s.warnings.contains(&w) {
            self.s.warnings.push(w);
        }
    }

    fn check_calendar(&mut self, from: NaiveDate, to: NaiveDate) {
        for d in [from, to] {
            if !self.engine.calendar.covers(d) {
                self.warn(DataWarning::CalendarOutOfRange { year: d.year() });
            } else if self.engine.calendar.is_provisional(d) {
                self.warn(DataWarning::CalendarProvisional { year: d.year() });
            }
        }
    }

    /// `from` + `n` working days (section 10: `from` is day 0).
    pub fn add_wd(&mut self, from: NaiveDate, n: u32) -> NaiveDate {
        let d = self.engine.calendar.add_working_days(from, n);
        self.check_calendar(from, d);
        d
    }

    /// The `n`-th working day before `to`.
    pub fn sub_wd(&mut self, to: NaiveDate, n: u32) -> NaiveDate {
        let d = self.engine.calendar.sub_working_days(to, n);
        self.check_calendar(d, to);
        d
    }

    /// `from` + `n` calendar days, with the configured treatment of non-working last days.
    pub fn add_cd(&mut self, from: NaiveDate, n: u32) -> NaiveDate {
        let d = crate::dates::add_days(from, n as i64);
        match self.cfg().readings.calendar_deadline_on_non_working_day {
            NonWorkingDeadline::Keep => d,
            NonWorkingDeadline::NextWorkingDay => {
                let w = self.engine.calendar.next_working_day_on_or_after(d);
                self.check_calendar(d, w);
                w
            }
        }
    }

    /// The monthly advance for a region and year, recording missing or derived tariffs.
    pub fn tariff(&mut self, region: Region, year: i32) -> Option<u32> {
        match self.engine.tariffs.get(region, year) {
            Some(t) => {
                let (m, v) = (t.monthly_rub, t.verified);
                if !v {
                    self.warn(DataWarning::TariffUnverified { region: region.0, year });
                }
                Some(m)
            }
            None => {
                self.warn(DataWarning::TariffMissing { region: region.0, year });
                None
            }
        }
    }
}

/// Folds findings into the status (see [`Status`] for the meaning of each value).
fn fold_status(cx: &Cx<'_>, core: &Core) -> Status {
    if !core.inside {
        return Status::Departed;
    }
    if !core.lawful {
        return Status::Irregular;
    }
    let on = cx.on;
    let mut status = Status::Legal;
    for f in &cx.s.findings {
        if !f.counts {
            continue;
        }
        let s = match f.item {
            Item::Obligation(_) => match f.done {
                Some(_) => Status::Legal,
                None if f.party == Party::Mvd => Status::Legal,
                None if on > f.due => {
                    // A foreigner's missed deadline is carried by its violation; a third party's
                    // open, late obligation keeps the person AT_RISK (domain note section 10).
                    if f.party == Party::Foreigner { Status::Legal } else { Status::AtRisk }
                }
                None if crate::dates::days_between(on, f.due) <= f.window as i64 => Status::AtRisk,
                None => Status::Legal,
            },
            Item::Violation(kind, _) => match f.done {
                Some(_) => Status::Legal,
                None => match kind {
                    ViolationKind::StayLimitExceeded | ViolationKind::StayAfterBasisEnded => Status::Irregular,
                    _ if f.party == Party::Foreigner => Status::InViolation,
                    _ => Status::AtRisk,
                },
            },
            Item::Task(_) => Status::Legal,
        };
        if s > status {
            status = s;
        }
    }
    status
}
