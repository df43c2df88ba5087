//! Rendering a notification from its Fluent template: the dispatcher renders every message it
//! delivers, and the cabinet renders the list of a person's messages the same way.
//!
//! A template id `X` is two messages, `X-subject` (the e-mail subject, the title in the
//! cabinet) and `X-body` (the e-mail text, the SMS, the cabinet message), with the
//! notification's arguments as Fluent arguments: numbers stay numbers (so plural forms are
//! chosen by them), everything else is text.

use domain::lang::Lang;
use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::{Map, Value};

use crate::i18n::I18n;

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// E-mail subject, cabinet title.
    pub subject: String,
    /// The text.
    pub body: String,
}

/// Renders template `template` in `lang` (falling back to Russian for a missing translation,
/// and to the message id itself when the template does not exist at all, so a broken template
/// is visible rather than silent).
pub fn render(i18n: &I18n, lang: Lang, template: &str, args: &Map<String, Value>) -> Rendered {
    let fluent = fluent_args(args);
    Rendered {
        subject: i18n.t(lang.code(), &format!("{template}-subject"), Some(&fluent)),
        body: i18n.t(lang.code(), &format!("{template}-body"), Some(&fluent)),
    }
}

/// True when the template exists (in Russian, the fallback of every language).
pub fn exists(i18n: &I18n, template: &str) -> bool {
    i18n.missing(crate::i18n::DEFAULT_LANG, &[&format!("{template}-subject"), &format!("{template}-body")]).is_empty()
}

fn fluent_args(args: &Map<String, Value>) -> FluentArgs<'_> {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        let value = match v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => FluentValue::from(i),
                None => FluentValue::from(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => FluentValue::from(s.as_str()),
            Value::Bool(b) => FluentValue::from(b.to_string()),
            Value::Null => FluentValue::from(""),
            other => FluentValue::from(other.to_string()),
        };
        a.set(k.as_str(), value);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ServerConfig;

    fn i18n() -> I18n {
        I18n::load(&ServerConfig::default_assets_dir().join("locales")).unwrap()
    }

    fn args(v: serde_json::Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_deadline_reminder_in_each_language() {
        let i = i18n();
        let a = args(serde_json::json!({"step": "medical_exam", "date": "31.10.2026", "days": 3}));
        let cases = [
            (Lang::Ru, "медицинское освидетельствование", "Осталось 3 дня."),
            (Lang::Uz, "tibbiy koʻrik", "3 kun qoldi."),
            (Lang::Tg, "муоинаи тиббӣ", "3 рӯз монд."),
            (Lang::Ky, "медициналык кароо", "3 күн калды."),
            (Lang::En, "medical examination", "3 days left."),
        ];
        for (lang, step, days) in cases {
            let r = render(&i, lang, "reminder-deadline", &a);
            assert!(r.subject.contains(step) && r.subject.contains("31.10.2026"), "{lang}: {}", r.subject);
            assert!(r.body.contains(days), "{lang}: {}", r.body);
        }
    }

    #[test]
    fn russian_plural_forms_and_the_last_day() {
        let i = i18n();
        let body = |days: i64| {
            let a = args(serde_json::json!({"amount": 7400, "date": "15.11.2026", "days": days}));
            render(&i, Lang::Ru, "reminder-payment", &a).body
        };
        assert!(body(1).contains("Остался 1 день."), "{}", body(1));
        assert!(body(3).contains("Осталось 3 дня."));
        assert!(body(7).contains("Осталось 7 дней."));
        assert!(body(0).contains("Сегодня последний день."));
        assert!(body(7).contains("7400 ₽"));
    }

    #[test]
    fn an_unknown_template_is_visible_not_silent() {
        let i = i18n();
        assert!(!exists(&i, "no-such-template"));
        assert!(exists(&i, "reminder-booking"));
        assert_eq!(render(&i, Lang::En, "no-such-template", &Map::new()).subject, "no-such-template-subject");
    }
}
