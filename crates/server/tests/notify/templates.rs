//! Every notification template exists in all five languages with the same arguments (read from
//! the .ftl files with the Fluent parser), and a registry person for the end-to-end test.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Utc};
use domain::date::PartialDate;
use domain::event::{Actor, Change, SourceAgency};
use domain::facts::{Crossing, Direction, VisitPurpose};
use domain::lang::Lang;
use domain::names::{NameForm, NameVariant};
use domain::person::{Contact, ContactValue, Sex};
use domain::validate::contact::Phone;
use domain::validate::country::Country;
use fluent_syntax::ast;
use rosmigration_server::ServerConfig;
use store::persons::Provenance;
use store::{AuditEntry, Store};
use uuid::Uuid;

/// Message id → the variables it uses, directly or through a term's arguments.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let path = ServerConfig::default_assets_dir().join("locales").join(lang.code()).join("notifications.ftl");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let res = fluent_syntax::parser::parse(src.as_str()).unwrap_or_else(|(_, e)| panic!("{}: {e:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::TermReference { arguments: Some(args), .. }
        | ast::InlineExpression::FunctionReference { arguments: args, .. } => {
            for a in &args.positional {
                inline_vars(a, vars);
            }
            for n in &args.named {
                inline_vars(&n.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_template_is_in_all_five_languages_with_the_same_arguments() {
    let ru = messages(Lang::Ru);
    assert!(ru.contains_key("reminder-deadline-subject") && ru.contains_key("reminder-booking-body"));
    for id in centre_templates() {
        for part in ["subject", "body"] {
            assert!(ru.contains_key(&format!("{id}-{part}")), "{id}-{part} in Russian");
        }
    }
    for lang in Lang::ALL {
        let other = messages(lang);
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            ru.keys().collect::<Vec<_>>(),
            "{lang}: the same messages as Russian"
        );
        for (id, vars) in &ru {
            assert_eq!(&other[id], vars, "{lang}: {id} uses the same arguments as Russian");
        }
    }
}

fn centre_templates() -> [&'static str; 3] {
    use centre::reminders::templates as t;
    [t::DEADLINE, t::PAYMENT, t::BOOKING]
}

/// Every step code has a name in every language (no step falls to the `other` variant).
#[test]
fn every_step_has_a_name_in_every_language() {
    let i18n = rosmigration_server::i18n::I18n::load(&ServerConfig::default_assets_dir().join("locales")).unwrap();
    for lang in Lang::ALL {
        let fallback =
            rosmigration_server::notify::render(&i18n, lang, "reminder-deadline", &args("no_such_step")).subject;
        for step in centre::case::StepKind::ALL {
            let r = rosmigration_server::notify::render(&i18n, lang, "reminder-deadline", &args(step.code()));
            assert_ne!(r.subject, fallback, "{lang}: {} has no name", step.code());
        }
    }
}

fn args(step: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::json!({"step": step, "date": "01.12.2026", "days": 7}).as_object().unwrap().clone()
}

/// A visa-free worker from Uzbekistan 25 days after entry, with a phone: the PAT-2
/// application is due in 5 days.
pub async fn worker(store: &Store) -> Uuid {
    let today = store::status::today();
    let changes = vec![
        Change::Registered {
            name: NameVariant {
                form: NameForm::Latin,
                surname: "KARIMOV".into(),
                given_names: "BOBUR".into(),
                patronymic: None,
            },
            birth_date: PartialDate::new(1990, Some(7), Some(1)).unwrap(),
            sex: Sex::Male,
            citizenship: Country::parse("UZB").unwrap(),
        },
        Change::ContactAdded(Contact {
            id: Uuid::now_v7(),
            value: ContactValue::Phone(Phone::parse("+998901234567").unwrap()),
        }),
        Change::BorderCrossed(Crossing {
            on: today - Days::new(25),
            direction: Direction::Entry,
            purpose: VisitPurpose::Work,
        }),
    ];
    let prov =
        Provenance { source: SourceAgency::Registry, source_record: None, actor: Actor::system(), at: Utc::now() };
    store.create_person(changes, &Default::default(), prov, AuditEntry::new("person.create")).await.unwrap().0.id
}

/// The closed-slot notice reuses the cancellation's text (a message reference): the reference
/// must see the same arguments, so the date, time and place appear in every language.
#[test]
fn the_closed_slot_notice_names_the_visit_in_every_language() {
    let i18n = rosmigration_server::i18n::I18n::load(&ServerConfig::default_assets_dir().join("locales")).unwrap();
    let args =
        serde_json::json!({"step": "medical_exam", "date": "01.12.2026", "time": "09:30", "place": "Медцентр №1"});
    for lang in Lang::ALL {
        let r = rosmigration_server::notify::render(&i18n, lang, "booking-closed", args.as_object().unwrap());
        for part in ["01.12.2026", "09:30", "Медцентр №1"] {
            assert!(r.body.contains(part), "{lang}: {part} missing in {:?}", r.body);
        }
        assert!(r.subject.contains("09:30"), "{lang}: {:?}", r.subject);
    }
}
