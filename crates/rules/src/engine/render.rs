//! Renders findings into the public [`Evaluation`], with plain explanations in Russian and
//! English. Texts name the rule, the dates and who must act; they never threaten a sanction the
//! engine does not decide (penalties are quoted as what the law provides).

use chrono::NaiveDate;

use super::{BasisKind, Core, Engine, Finding, Item, Scratch};
use crate::catalogue::RuleId;
use crate::dates::{add_days, fmt};
use crate::facts::Facts;
use crate::output::{
    EntryBan, Evaluation, Obligation, ObligationKind as O, ObligationState, OfficerTask, Party, StayBasis, StaySummary,
    TaskKind as T, Violation, ViolationKind as V,
};

/// Renders the findings. Without `texts`, explanations are left empty: the structured content is
/// the same, at a third of the cost (for hashing and bulk jobs; see `Engine::evaluate_plain`).
pub(crate) fn evaluation(
    engine: &Engine,
    _facts: &Facts,
    on: NaiveDate,
    core: &Core,
    s: &Scratch,
    texts: bool,
) -> Evaluation {
    let pair = |f: &dyn Fn() -> (String, String)| if texts { f() } else { (String::new(), String::new()) };
    let history = engine.config.history_days as i64;
    let mut obligations = Vec::new();
    let mut violations = Vec::new();
    let mut tasks = Vec::new();
    for f in &s.findings {
        let facts_used: Vec<_> = f.facts.iter().flatten().copied().collect();
        match f.item {
            Item::Obligation(kind) => {
                let state = match f.done {
                    Some(d) if d <= f.due => ObligationState::Fulfilled,
                    Some(_) => ObligationState::FulfilledLate,
                    None if on > f.due => ObligationState::Missed,
                    None => ObligationState::Open,
                };
                if state != ObligationState::Open
                    && state != ObligationState::Missed
                    && (on - f.due).num_days() > history
                {
                    continue;
                }
                let (ru, en) = pair(&|| obligation_text(f, kind, state, on));
                obligations.push(Obligation {
                    rule_id: f.rule,
                    source: f.rule.law().to_string(),
                    kind,
                    responsible: f.party,
                    triggered_on: f.trigger,
                    deadline: f.due,
                    state,
                    done_on: f.done,
                    amount_rub: (kind == O::PayPatentAdvance && f.amount > 0).then_some(f.amount),
                    basis: (kind == O::LeaveBy).then(|| stay_basis(f.basis)),
                    notice_year: (kind == O::AnnualResidenceNotice).then_some(f.n.max(0) as u32),
                    in_person: kind == O::AnnualResidenceNotice && f.amount == 1,
                    facts_used,
                    explanation_ru: ru,
                    explanation_en: en,
                });
            }
            Item::Violation(kind, of) => {
                if f.done.is_some_and(|d| (on - d).num_days() > history) {
                    continue;
                }
                let (ru, en) = pair(&|| violation_text(f, kind, of));
                violations.push(Violation {
                    rule_id: f.rule,
                    source: f.rule.law().to_string(),
                    kind,
                    obligation: of,
                    offender: f.party,
                    since: f.due,
                    remedied_on: f.done,
                    penalty: penalty(f.rule, kind, of).map(str::to_string),
                    basis: (kind == V::StayAfterBasisEnded).then(|| stay_basis(f.basis)),
                    overstay_days: (kind == V::EntryDuringBan).then_some(f.n.max(0) as u32),
                    ban_years: (kind == V::EntryDuringBan).then_some(f.amount),
                    facts_used,
                    explanation_ru: ru,
                    explanation_en: en,
                });
            }
            Item::Task(kind) => {
                let (ru, en) = pair(&|| task_text(f, kind));
                tasks.push(OfficerTask {
                    rule_id: f.rule,
                    kind,
                    due: f.due,
                    ban_years: (kind == T::VerifyEntryBan).then_some(f.amount),
                    facts_used,
                    explanation_ru: ru,
                    explanation_en: en,
                });
            }
        }
    }
    obligations.sort_by_key(|a| (a.deadline, a.rule_id, a.kind, a.triggered_on, a.state as u8, a.done_on));
    violations.sort_by_key(|a| (a.since, a.rule_id, a.kind, a.obligation, a.remedied_on));
    tasks.sort_by_key(|a| (a.due, a.kind, a.rule_id));
    let entry_ban = core.ban.map(|(over, years, from, projected)| {
        let until = crate::dates::period_end(from, 12 * years);
        let (ru, en) = if !texts {
            (String::new(), String::new())
        } else if projected {
            (
                format!("Срок законного пребывания превышен на {over} дн. При выезде {} будет закрыт въезд на {years} лет, до {} (114-ФЗ ст. 26–27). Решение принимает МВД.", fmt(from), fmt(until)),
                format!("The lawful stay has been exceeded by {over} days. Leaving on {} would bring an entry ban of {years} years, until {} (114-FZ arts. 26–27). The MVD decides.", fmt(from), fmt(until)),
            )
        } else {
            (
                format!("При выезде {} срок пребывания был превышен на {over} дн.: въезд закрыт на {years} лет, до {} (114-ФЗ ст. 26–27). Решение принимает МВД.", fmt(from), fmt(until)),
                format!("At exit on {} the stay exceeded its term by {over} days: entry ban of {years} years, until {} (114-FZ arts. 26–27). The MVD decides.", fmt(from), fmt(until)),
            )
        };
        EntryBan {
            rule_id: RuleId::Stay7,
            source: RuleId::Stay7.law().to_string(),
            overstay_days: over,
            years,
            from,
            until,
            projected,
            explanation_ru: ru,
            explanation_en: en,
        }
    });
    let stay = match (core.inside, core.stay, core.visa_free_until) {
        (true, Some(k), Some(vf)) => Some(StaySummary {
            entry: s.stays[k].entry,
            days_in_year: core.days_in_year,
            continuous_days: core.continuous_days,
            visa_free_until: vf,
            lawful_until: if core.lawful { core.lawful_until } else { last_lawful_day(s) },
        }),
        _ => None,
    };
    let mut warnings = s.warnings.clone();
    warnings.sort();
    Evaluation {
        on,
        status: core.status,
        obligations,
        violations,
        tasks,
        entry_ban,
        stay,
        rule_set: engine.rule_set_on(on).id.clone(),
        warnings,
    }
}

/// Last lawful day of an irregular stay: the day before its stay violation starts.
fn last_lawful_day(s: &Scratch) -> Option<NaiveDate> {
    s.findings
        .iter()
        .find(|f| matches!(f.item, Item::Violation(V::StayLimitExceeded | V::StayAfterBasisEnded, _)))
        .map(|f| add_days(f.due, -1))
}

fn party_ru(p: Party) -> &'static str {
    match p {
        Party::Foreigner => "иностранный гражданин",
        Party::HostParty => "принимающая сторона",
        Party::Employer => "работодатель",
        Party::Institution => "образовательная организация",
        Party::Mvd => "МВД",
    }
}

/// "Must" agreeing in gender with the party's noun (принимающая сторона должна, МВД должно).
fn must_ru(p: Party) -> &'static str {
    match p {
        Party::Foreigner | Party::Employer => "должен",
        Party::HostParty | Party::Institution => "должна",
        Party::Mvd => "должно",
    }
}

fn party_en(p: Party) -> &'static str {
    match p {
        Party::Foreigner => "the foreign national",
        Party::HostParty => "the host party",
        Party::Employer => "the employer",
        Party::Institution => "the educational institution",
        Party::Mvd => "the MVD",
    }
}

fn what(kind: O) -> (&'static str, &'static str) {
    match kind {
        O::RegisterStay => {
            ("подать уведомление о прибытии (миграционный учёт)", "file the arrival notice (migration registration)")
        }
        O::RegisterNewAddress => {
            ("подать уведомление о прибытии по новому адресу", "file the arrival notice at the new address")
        }
        O::ExtendRegistration => ("продлить миграционный учёт", "extend the migration registration"),
        O::CheckIn => {
            ("отметиться в личном кабинете (подтвердить адрес)", "check in in the cabinet (confirm the address)")
        }
        O::ApplyForPatent => ("подать заявление на патент", "apply for a work patent"),
        O::Fingerprinting => ("пройти дактилоскопию и фотографирование", "have fingerprints and a photo taken"),
        O::MedicalExam => ("пройти медицинское освидетельствование", "pass the medical examination"),
        O::RepeatMedicalExam => ("пройти повторное медицинское освидетельствование", "repeat the medical examination"),
        O::PayPatentAdvance => ("оплатить следующий авансовый платёж по патенту", "pay the next patent advance"),
        O::ReissuePatent => ("подать заявление на переоформление патента", "apply to re-issue the patent"),
        O::IssuePatent => ("оформить патент", "issue the patent"),
        O::EmployerHireNotice => ("уведомить МВД о заключении договора", "notify the MVD of the contract"),
        O::EmployerTerminationNotice => ("уведомить МВД о расторжении договора", "notify the MVD of the termination"),
        O::InstitutionNotice => {
            ("уведомить МВД об отчислении или окончании обучения", "notify the MVD of the expulsion or completion")
        }
        O::AnnualResidenceNotice => {
            ("подать ежегодное уведомление о подтверждении проживания", "file the annual residence notice")
        }
        O::SignNewContract => ("заключить новый трудовой договор", "sign a new employment contract"),
        O::LeaveBy => {
            ("выехать из России или получить новое законное основание", "leave Russia or obtain a new lawful basis")
        }
    }
}

fn obligation_text(f: &Finding, kind: O, state: ObligationState, on: NaiveDate) -> (String, String) {
    let (w_ru, w_en) = what(kind);
    let (p_ru, p_en) = (party_ru(f.party), party_en(f.party));
    let rule = f.rule.as_str();
    let law = f.rule.law();
    let due = fmt(f.due);
    let extra_ru;
    let extra_en;
    match kind {
        O::PayPatentAdvance if f.amount > 0 => {
            extra_ru = format!(
                " Сумма: {} руб. Если не оплатить до конца {due}, патент прекратит действие с {} (PAT-15).",
                f.amount,
                fmt(add_days(f.due, 1))
            );
            extra_en = format!(
                " Amount: {} RUB. If unpaid by the end of {due}, the patent ends on {} (PAT-15).",
                f.amount,
                fmt(add_days(f.due, 1))
            );
        }
        O::PayPatentAdvance => {
            extra_ru = " Сумма для региона и года не найдена в таблице тарифов.".to_string();
            extra_en = " The amount for this region and year is missing from the tariff table.".to_string();
        }
        O::CheckIn => {
            extra_ru =
                " Пропуск отметки — только напоминание и задача инспектору, без автоматических санкций.".to_string();
            extra_en = " A missed check-in only brings a reminder and an officer task, never an automatic sanction."
                .to_string();
        }
        O::AnnualResidenceNotice => {
            let person = if f.amount == 1 { " Подаётся лично (каждый 5-й год)." } else { "" };
            let person_en = if f.amount == 1 { " To be filed in person (every 5th year)." } else { "" };
            extra_ru = format!(" Уведомление за {}-й год.{person}", f.n);
            extra_en = format!(" Notice for year {}.{person_en}", f.n);
        }
        O::LeaveBy => {
            let (b_ru, b_en) = basis_text(f.basis);
            extra_ru = format!(" Основание пребывания ({b_ru}) действует по {due} включительно.");
            extra_en = format!(" The basis of stay ({b_en}) lasts through {due}.");
        }
        _ => {
            extra_ru = String::new();
            extra_en = String::new();
        }
    }
    let (s_ru, s_en) = match state {
        ObligationState::Open => {
            let left = (f.due - on).num_days();
            (format!("осталось {left} дн."), format!("{left} days left"))
        }
        ObligationState::Fulfilled => {
            (format!("выполнено {}", fmt(f.done.unwrap_or(f.due))), format!("done on {}", fmt(f.done.unwrap_or(f.due))))
        }
        ObligationState::FulfilledLate => (
            format!("выполнено с опозданием {}", fmt(f.done.unwrap_or(f.due))),
            format!("done late on {}", fmt(f.done.unwrap_or(f.due))),
        ),
        ObligationState::Missed => ("срок пропущен".to_string(), "deadline missed".to_string()),
    };
    (
        format!(
            "{rule} ({law}): {p_ru} {must} {w_ru} не позднее {due} (срок отсчитывается от {}); {s_ru}.{extra_ru}",
            fmt(f.trigger),
            must = must_ru(f.party)
        ),
        format!("{rule} ({law}): {p_en} must {w_en} by {due} (counted from {}); {s_en}.{extra_en}", fmt(f.trigger)),
    )
}

/// The public name of the basis a finding refers to (the visa-free allowance when none is named,
/// as in the texts).
fn stay_basis(b: Option<BasisKind>) -> StayBasis {
    match b {
        Some(BasisKind::VisaFree) | None => StayBasis::VisaFree,
        Some(BasisKind::Patent) => StayBasis::Patent,
        Some(BasisKind::PatentReissuePending) => StayBasis::PatentReissuePending,
        Some(BasisKind::WorkPermit) => StayBasis::WorkPermit,
        Some(BasisKind::Rvp) => StayBasis::Rvp,
        Some(BasisKind::Vnzh) => StayBasis::Vnzh,
        Some(BasisKind::Study) => StayBasis::Study,
        Some(BasisKind::EaeuContract) => StayBasis::EaeuContract,
        Some(BasisKind::EaeuNewContractWindow) => StayBasis::EaeuNewContractWindow,
    }
}

fn basis_text(b: Option<BasisKind>) -> (&'static str, &'static str) {
    match b {
        Some(BasisKind::VisaFree) | None => ("безвизовый срок пребывания", "visa-free stay allowance"),
        Some(BasisKind::Patent) => ("патент", "patent"),
        Some(BasisKind::PatentReissuePending) => {
            ("рассмотрение заявления о переоформлении патента", "pending patent re-issue")
        }
        Some(BasisKind::WorkPermit) => ("разрешение на работу", "work permit"),
        Some(BasisKind::Rvp) => ("РВП", "temporary residence permit"),
        Some(BasisKind::Vnzh) => ("ВНЖ", "residence permit"),
        Some(BasisKind::Study) => ("обучение", "studies"),
        Some(BasisKind::EaeuContract) => ("трудовой договор (ЕАЭС)", "employment contract (EAEU)"),
        Some(BasisKind::EaeuNewContractWindow) => {
            ("15 дней на новый договор (ЕАЭС)", "15-day window for a new contract (EAEU)")
        }
    }
}

fn penalty(rule: RuleId, kind: V, of: Option<O>) -> Option<&'static str> {
    Some(match (kind, of) {
        (V::MissedDeadline, Some(O::RegisterStay | O::RegisterNewAddress | O::ExtendRegistration)) => {
            "KoAP 18.8 part 1: 2,000–5,000 RUB, with or without administrative expulsion (REG-11)"
        }
        (V::MissedDeadline, Some(O::ApplyForPatent)) => "KoAP 18.20: 10,000–15,000 RUB (PAT-3)",
        (V::MissedDeadline, Some(O::EmployerHireNotice | O::EmployerTerminationNotice)) => {
            "KoAP 18.15 part 3: 400,000–800,000 RUB for legal entities (Moscow, St Petersburg and their oblasts up to 1,000,000) or suspension up to 90 days (PAT-19)"
        }
        (V::MissedDeadline, Some(O::AnnualResidenceNotice)) => {
            "KoAP 18.8 fine; possible annulment of the permit (RVP-2, VNZh-2)"
        }
        (V::StayLimitExceeded | V::StayAfterBasisEnded, _) => {
            "KoAP 18.8 part 1.1: 2,000–5,000 RUB with administrative expulsion (STAY-6); inclusion in the register of controlled persons (STAY-5)"
        }
        (V::WorkOutsideRegion | V::WorkWithoutPermit, _) => {
            "KoAP 18.10: 2,000–5,000 RUB, with or without expulsion (PAT-16)"
        }
        (V::ResidencePermitAnnulmentRisk, _) => "annulment of the VNZh (VNZh-2)",
        _ => {
            let _ = rule;
            return None;
        }
    })
}

fn violation_text(f: &Finding, kind: V, of: Option<O>) -> (String, String) {
    let rule = f.rule.as_str();
    let law = f.rule.law();
    let since = fmt(f.due);
    let rem_ru = f.done.map(|d| format!(" Устранено {}.", fmt(d))).unwrap_or_default();
    let rem_en = f.done.map(|d| format!(" Remedied on {}.", fmt(d))).unwrap_or_default();
    let (ru, en) = match kind {
        V::MissedDeadline => {
            let (w_ru, w_en) = what(of.unwrap_or(O::LeaveBy));
            (
                format!("Пропущен срок: {} не успел(а) {w_ru}; нарушение с {since}.", party_ru(f.party)),
                format!("Missed deadline: {} did not {w_en} in time; in breach since {since}.", party_en(f.party)),
            )
        }
        V::StayLimitExceeded => (
            format!(
                "Превышен срок безвизового пребывания (90 дней); пребывание незаконно с {since}, {} дн. Кандидат в реестр контролируемых лиц.",
                f.n
            ),
            format!(
                "The visa-free stay limit (90 days) is exceeded; unlawful since {since}, {} days. Candidate for the register of controlled persons.",
                f.n
            ),
        ),
        V::StayAfterBasisEnded => {
            let (b_ru, b_en) = basis_text(f.basis);
            (
                format!(
                    "Основание пребывания ({b_ru}) закончилось; пребывание незаконно с {since}, {} дн. Кандидат в реестр контролируемых лиц.",
                    f.n
                ),
                format!(
                    "The basis of stay ({b_en}) has ended; unlawful since {since}, {} days. Candidate for the register of controlled persons.",
                    f.n
                ),
            )
        }
        V::PatentVoided => (
            format!(
                "Авансовый платёж не внесён вовремя: патент прекратил действие с {since} и не восстанавливается оплатой."
            ),
            format!("The advance was not paid in time: the patent lapsed on {since} and cannot be revived by paying."),
        ),
        V::WorkWithoutPermit => (
            format!("Работа без действующего патента или разрешения с {since}."),
            format!("Work without a valid patent or permit since {since}."),
        ),
        V::WorkOutsideRegion => (
            format!("Работа вне региона, где действует патент или РВП, с {since}."),
            format!("Work outside the region where the patent or RVP is valid, since {since}."),
        ),
        V::EntryDuringBan => (
            format!(
                "Въезд {since} в период запрета въезда на {} лет после превышения срока на {} дн. Требуется проверка.",
                f.amount, f.n
            ),
            format!(
                "Entry on {since} during a {}-year entry ban after a {}-day overstay. To be verified.",
                f.amount, f.n
            ),
        ),
        V::ResidencePermitAnnulmentRisk => (
            format!("Уведомления о проживании не поданы 2 года подряд: риск аннулирования ВНЖ с {since}."),
            format!("No residence notice for 2 consecutive years: the VNZh may be annulled, since {since}."),
        ),
    };
    (format!("{rule} ({law}): {ru}{rem_ru}"), format!("{rule} ({law}): {en}{rem_en}"))
}

fn task_text(f: &Finding, kind: T) -> (String, String) {
    let rule = f.rule.as_str();
    let due = fmt(f.due);
    let (ru, en) = match kind {
        T::MissedCheckIn => (
            format!(
                "Нет отметки с {}: отправлено напоминание; связаться с человеком. Автоматических санкций нет.",
                fmt(add_days(f.due, -1))
            ),
            format!(
                "No check-in since {}: a reminder was sent; contact the person. No automatic sanction.",
                fmt(add_days(f.due, -1))
            ),
        ),
        T::CheckInAddressMismatch => (
            format!("Отметка {due} не совпала с заявленным адресом: проверить адрес."),
            format!("The check-in on {due} did not match the declared address: verify the address."),
        ),
        T::ReviewRklCandidate => (
            format!(
                "Пребывание незаконно с {due}: рассмотреть включение в реестр контролируемых лиц (решение инспектора)."
            ),
            format!(
                "The stay has been unlawful since {due}: review for the register of controlled persons (an officer's decision)."
            ),
        ),
        T::PatentIssueOverdue => (
            format!("Патент не оформлен в срок 10 рабочих дней (с {due}): проверить заявление."),
            format!("The patent was not issued within 10 working days (since {due}): check the application."),
        ),
        T::DocumentExpired => (
            format!("Паспорт недействителен с {due}: нужен действующий документ."),
            format!("The passport expired on {due}: a valid document is needed."),
        ),
        T::ReviewAnnulment => (
            format!("Риск аннулирования ВНЖ с {due}: рассмотреть материалы."),
            format!("VNZh annulment risk since {due}: review the file."),
        ),
        T::VerifyEntryBan => (
            format!("Въезд {due} в период расчётного запрета въезда ({} лет): сверить с данными МВД.", f.amount),
            format!("Entry on {due} during a computed {}-year entry ban: check against MVD data.", f.amount),
        ),
        T::MissingEntry => (
            "Дата въезда не известна: внести данные о пересечении границы.".to_string(),
            "No entry is recorded: add the border crossing.".to_string(),
        ),
    };
    (format!("{rule}: {ru}"), format!("{rule}: {en}"))
}
