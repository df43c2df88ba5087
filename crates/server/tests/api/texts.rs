//! Texts in five languages: every rule message the engine can emit, every legal source, every
//! error code the code produces and every audit purpose has a message in each language, and
//! renders without a Fluent error or a missing argument.

use std::path::{Path, PathBuf};

use crate::server::i18n::{I18n, audit, errors, explain};
use chrono::NaiveDate;
use domain::access::Role;
use rules::message::{OBLIGATION_KINDS, OBLIGATION_STATES, PARTIES, TASK_KINDS, VIOLATION_KINDS};
use rules::{EntryBan, Obligation, ObligationKind, OfficerTask, RuleId, StayBasis, Violation, ViolationKind};

const LANGS: [&str; 5] = ["ru", "uz", "tg", "ky", "en"];

fn i18n() -> I18n {
    I18n::load(&crate::server::ServerConfig::default_assets_dir().join("locales")).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A rendered text must be whole: no unresolved placeable and no message id left in it.
fn assert_clean(lang: &str, what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{lang} {what}: empty");
    for bad in ["{", "}", "rule-", "law-", "audit-", "error-", "???"] {
        assert!(!text.contains(bad), "{lang} {what}: {bad:?} in {text:?}");
    }
}

fn obligation(kind: ObligationKind, state: rules::ObligationState, party: rules::Party, amount: bool) -> Obligation {
    Obligation {
        rule_id: RuleId::Pat2,
        source: String::new(),
        kind,
        responsible: party,
        triggered_on: day(3, 1),
        deadline: day(3, 31),
        state,
        done_on: matches!(state, rules::ObligationState::Fulfilled | rules::ObligationState::FulfilledLate)
            .then_some(day(3, 20)),
        amount_rub: (kind == ObligationKind::PayPatentAdvance && amount).then_some(9_000),
        basis: (kind == ObligationKind::LeaveBy).then_some(StayBasis::Patent),
        notice_year: (kind == ObligationKind::AnnualResidenceNotice).then_some(2),
        in_person: kind == ObligationKind::AnnualResidenceNotice && amount,
        facts_used: vec![],
        explanation_ru: String::new(),
        explanation_en: String::new(),
    }
}

fn violation(kind: ViolationKind, of: Option<ObligationKind>, basis: StayBasis, remedied: bool) -> Violation {
    Violation {
        rule_id: RuleId::Stay1,
        source: String::new(),
        kind,
        obligation: of,
        offender: rules::Party::Foreigner,
        since: day(4, 1),
        remedied_on: remedied.then_some(day(4, 20)),
        penalty: None,
        basis: (kind == ViolationKind::StayAfterBasisEnded).then_some(basis),
        overstay_days: (kind == ViolationKind::EntryDuringBan).then_some(120),
        ban_years: (kind == ViolationKind::EntryDuringBan).then_some(5),
        facts_used: vec![],
        explanation_ru: String::new(),
        explanation_en: String::new(),
    }
}

#[test]
fn every_finding_the_engine_can_emit_renders_in_every_language() {
    let i18n = i18n();
    let on = day(3, 25);
    for lang in LANGS {
        for kind in OBLIGATION_KINDS {
            for state in OBLIGATION_STATES {
                for party in PARTIES {
                    for amount in [true, false] {
                        let o = obligation(kind, state, party, amount);
                        let text = explain::checked::obligation(&i18n, lang, &o, on).unwrap_or_else(|e| panic!("{e}"));
                        assert_clean(lang, &format!("{kind:?}/{state:?}/{party:?}"), &text);
                    }
                }
            }
        }
        for kind in VIOLATION_KINDS {
            let ofs: Vec<Option<ObligationKind>> = if kind == ViolationKind::MissedDeadline {
                OBLIGATION_KINDS.iter().copied().map(Some).chain([None]).collect()
            } else {
                vec![None]
            };
            for of in ofs {
                for basis in StayBasis::ALL {
                    for remedied in [false, true] {
                        let v = violation(kind, of, basis, remedied);
                        let text = explain::checked::violation(&i18n, lang, &v, on).unwrap_or_else(|e| panic!("{e}"));
                        assert_clean(lang, &format!("{kind:?}/{of:?}/{basis:?}"), &text);
                    }
                }
            }
        }
        for kind in TASK_KINDS {
            let t = OfficerTask {
                rule_id: RuleId::Rkl2,
                kind,
                due: day(5, 2),
                ban_years: Some(3),
                facts_used: vec![],
                explanation_ru: String::new(),
                explanation_en: String::new(),
            };
            let text = explain::checked::task(&i18n, lang, &t).unwrap_or_else(|e| panic!("{e}"));
            assert_clean(lang, &format!("{kind:?}"), &text);
        }
        for projected in [true, false] {
            let b = EntryBan {
                rule_id: RuleId::Stay7,
                source: String::new(),
                overstay_days: 200,
                years: 5,
                from: day(6, 1),
                until: NaiveDate::from_ymd_opt(2031, 6, 1).unwrap(),
                projected,
                explanation_ru: String::new(),
                explanation_en: String::new(),
            };
            let text = explain::checked::entry_ban(&i18n, lang, &b).unwrap_or_else(|e| panic!("{e}"));
            assert_clean(lang, "entry ban", &text);
        }
        for rule in RuleId::ALL {
            let text = explain::checked::source(&i18n, lang, rule).unwrap_or_else(|e| panic!("{e}"));
            assert_clean(lang, rule.as_str(), &text);
        }
    }
}

#[test]
fn texts_are_translated_not_copied_and_sources_follow_the_language() {
    let i18n = i18n();
    let o = obligation(ObligationKind::ApplyForPatent, rules::ObligationState::Open, rules::Party::Foreigner, false);
    let texts: Vec<String> = LANGS.iter().map(|l| explain::obligation(&i18n, l, &o, day(3, 25))).collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            assert_ne!(a, b, "two languages give the same text");
        }
    }
    assert_eq!(
        texts[0],
        "Иностранный гражданин: подать заявление на патент не позднее 31.03.2026 (срок считается с 01.03.2026). Осталось 6 дней."
    );
    assert!(texts[4].contains("by 31 Mar 2026") && texts[4].contains("6 days left"), "{}", texts[4]);
    let src = |l: &str| explain::source(&i18n, l, RuleId::Pat1);
    assert_eq!(src("ru"), "115-ФЗ ст. 13.3");
    assert_eq!(src("en"), "115-FZ art. 13.3");
    assert_eq!(src("uz"), "115-FZ 13.3-modda");
    assert_eq!(src("tg"), "115-ФЗ, моддаи 13.3");
    assert_eq!(src("ky"), "115-ФЗ, 13.3-берене");
    assert_eq!(explain::source(&i18n, "ru", RuleId::Pat16), "115-ФЗ ст. 13.3; КоАП РФ ст. 18.10");
    assert_eq!(explain::source(&i18n, "ru", RuleId::Stay1), "115-ФЗ ст. 5 п. 1 абз. 2");
}

#[test]
fn real_evaluations_render_strictly_in_every_language() {
    let i18n = i18n();
    let engine = rules::Engine::new(rules::Config::default()).unwrap();
    let on = day(11, 21);
    let mut rendered = 0;
    for facts in rules::synthetic::population(400, on) {
        let ev = engine.evaluate_plain(&facts, on);
        for lang in LANGS {
            for o in &ev.obligations {
                assert_clean(lang, "obligation", &explain::checked::obligation(&i18n, lang, o, on).unwrap());
                rendered += 1;
            }
            for v in &ev.violations {
                assert_clean(lang, "violation", &explain::checked::violation(&i18n, lang, v, on).unwrap());
            }
            for t in &ev.tasks {
                assert_clean(lang, "task", &explain::checked::task(&i18n, lang, t).unwrap());
            }
            if let Some(b) = &ev.entry_ban {
                assert_clean(lang, "ban", &explain::checked::entry_ban(&i18n, lang, b).unwrap());
            }
        }
    }
    assert!(rendered > 100, "the population has obligations to render");
}

/// Every error code written in the domain and server sources (`ValueError::new("code", …)`,
/// `code: "code"`, `invalid("field", "code", …)`).
fn codes_in_source() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    walk(&root.join("../domain/src"), &mut files);
    let mut codes = Vec::new();
    let quoted_at = |s: &str| -> Option<String> {
        let s = s.trim_start();
        let rest = s.strip_prefix('"')?;
        let end = rest.find('"')?;
        let code = &rest[..end];
        (!code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
            .then(|| code.to_string())
    };
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (marker, skip_one) in [("ValueError::new(", false), ("code: ", false), ("invalid(", true)] {
            for (i, _) in src.match_indices(marker) {
                let mut rest = &src[i + marker.len()..];
                if skip_one {
                    // invalid("field", "code", …): the code is the second string.
                    let Some(comma) = rest.find(',') else { continue };
                    if !rest.trim_start().starts_with('"') {
                        continue;
                    }
                    rest = &rest[comma + 1..];
                }
                if let Some(c) = quoted_at(rest) {
                    codes.push(c);
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_error_code_in_the_source_has_a_message_in_every_language() {
    let i18n = i18n();
    let codes = codes_in_source();
    assert!(codes.len() > 40, "the scan finds the codes: {codes:?}");
    for needle in ["inn_checksum", "phone_country_code", "otp_wrong", "criteria_required"] {
        assert!(codes.iter().any(|c| c == needle), "the scan misses {needle}");
    }
    let mut missing = Vec::new();
    for code in &codes {
        for lang in LANGS {
            if let Err(e) = i18n.try_t(lang, &errors::message_id(code), None) {
                missing.push(e);
            }
        }
    }
    assert!(missing.is_empty(), "error codes without a message:\n{}", missing.join("\n"));
    // A code with a message is translated; one without falls back to the parser's English.
    let e = domain::validate::inn::Inn::parse("7707083894").unwrap_err().at("inn");
    assert_eq!(e.code, "inn_checksum");
    assert!(errors::field_message(&i18n, "uz", &e).contains("INN notoʻgʻri"));
    let unknown = domain::error::ValueError::new("brand_new_code", "the English message").at("x");
    assert_eq!(errors::field_message(&i18n, "tg", &unknown), "the English message");
}

#[test]
fn audit_roles_actions_and_purposes_read_in_the_readers_language() {
    let i18n = i18n();
    for lang in LANGS {
        for r in Role::ALL {
            assert_clean(lang, r.code(), &audit::role(&i18n, lang, Some(r.code())));
            if !r.default_purpose().is_empty() {
                let p = audit::purpose(&i18n, lang, r.default_purpose());
                assert_clean(lang, r.code(), &p);
                if lang != "en" {
                    assert_ne!(p, r.default_purpose(), "{lang}: {} default purpose untranslated", r.code());
                }
            }
        }
        assert_clean(lang, "system", &audit::role(&i18n, lang, None));
        for a in ["person.view", "person.search_hit", "share_code.check", "person.access_log", "booking.create"] {
            let t = audit::action(&i18n, lang, a);
            assert_clean(lang, a, &t);
            assert_ne!(t, a, "{lang}: {a} has no name");
        }
    }
    assert_eq!(audit::purpose(&i18n, "ru", "own data (152-FZ art. 14)"), "свои данные (152-ФЗ ст. 14)");
    assert_eq!(audit::purpose(&i18n, "ru", "UPK art. 144; case 77-001"), "UPK art. 144; дело № 77-001");
    assert_eq!(
        audit::purpose(&i18n, "uz", "share code check by Петрова Анна (ООО «Стройка»)"),
        "kirish kodi orqali tekshiruv: Петрова Анна (ООО «Стройка»)"
    );
    // What an officer typed is shown as typed, in any language.
    assert_eq!(audit::purpose(&i18n, "en", "проверка по обращению"), "проверка по обращению");
    assert_eq!(audit::action(&i18n, "ru", "some.future_action"), "some.future_action");
}

#[test]
fn every_message_of_the_text_files_exists_in_every_language() {
    let i18n = i18n();
    let dir = crate::server::ServerConfig::default_assets_dir().join("locales");
    for file in ["rules.ftl", "errors.ftl", "audit.ftl"] {
        let src = std::fs::read_to_string(dir.join("ru").join(file)).unwrap();
        let res = fluent_syntax::parser::parse(src.as_str()).unwrap_or_else(|(_, e)| panic!("ru/{file}: {e:?}"));
        let ids: Vec<String> = res
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        assert!(ids.len() > 20, "ru/{file} has messages");
        for lang in LANGS {
            let missing: Vec<&String> = ids.iter().filter(|id| !i18n.has(lang, id)).collect();
            assert!(missing.is_empty(), "{lang}/{file} lacks {missing:?}");
        }
    }
}
