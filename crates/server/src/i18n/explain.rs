//! The rules engine's findings and legal sources in the reader's language, rendered from the
//! engine's structured output (`rules::message`, `rules::legal`) with the Fluent messages of
//! `assets/locales/<lang>/rules.ftl`. Pages call these instead of showing the engine's Russian
//! and English strings, and work on the text-free evaluation the store computes.
//!
//! A message missing in a language falls back to Russian (as every page text does); the test
//! `tests/api/texts.rs` keeps every language complete.

use chrono::NaiveDate;
use fluent_bundle::{FluentArgs, FluentValue};
use rules::RuleId;
use rules::legal::LegalRef;
use rules::message::{Arg, Message};
use rules::{EntryBan, Obligation, OfficerTask, Violation};

use super::I18n;
use super::dates::date;

/// How a message is formatted: leniently for pages (fall back to Russian, never fail) or
/// strictly for the completeness test.
type Fmt<'a> = &'a dyn Fn(&str, Option<&FluentArgs>) -> Result<String, String>;

fn lenient<'a>(i18n: &'a I18n, lang: &'a str) -> impl Fn(&str, Option<&FluentArgs>) -> Result<String, String> + 'a {
    move |k, a| Ok(i18n.t(lang, k, a))
}

fn strict<'a>(i18n: &'a I18n, lang: &'a str) -> impl Fn(&str, Option<&FluentArgs>) -> Result<String, String> + 'a {
    move |k, a| i18n.try_t(lang, k, a)
}

/// Renders a message: dates in the language's format, term arguments as their own messages
/// with the same arguments.
fn render(f: Fmt, lang: &str, m: &Message) -> Result<(String, FluentArgs<'static>), String> {
    let base = plain_args(lang, m);
    let mut args = plain_args(lang, m);
    for (name, a) in &m.args {
        if let Arg::Term(id) = a {
            args.set(*name, FluentValue::from(f(id, Some(&base))?));
        }
    }
    Ok((f(m.id, Some(&args))?, args))
}

/// The date and number arguments of a message.
fn plain_args(lang: &str, m: &Message) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, a) in &m.args {
        match a {
            Arg::Date(d) => args.set(*name, FluentValue::from(date(lang, *d))),
            Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
            Arg::Term(_) => {}
        }
    }
    args
}

fn obligation_with(f: Fmt, lang: &str, o: &Obligation, on: NaiveDate) -> Result<String, String> {
    let (text, mut args) = render(f, lang, &o.message(on))?;
    args.set("text", FluentValue::from(text));
    f("rule-obligation-line", Some(&args))
}

fn violation_with(f: Fmt, lang: &str, v: &Violation, on: NaiveDate) -> Result<String, String> {
    let (text, mut args) = render(f, lang, &v.message(on))?;
    args.set("text", FluentValue::from(text));
    let mut line = f("rule-violation-line", Some(&args))?;
    if v.remedied_on.is_some() {
        line.push(' ');
        line.push_str(&f("rule-remedied", Some(&args))?);
    }
    Ok(line)
}

fn source_with(f: Fmt, rule: RuleId) -> Result<String, String> {
    let mut parts = Vec::new();
    for r in rule.legal_refs() {
        parts.push(legal_ref(f, r)?);
    }
    Ok(parts.join("; "))
}

fn legal_ref(f: Fmt, r: &LegalRef) -> Result<String, String> {
    let act = f(r.act.message_id(), None)?;
    let mut provision = Vec::new();
    for (key, n) in [("law-article", r.article), ("law-part", r.part), ("law-point", r.point), ("law-para", r.para)] {
        if let Some(n) = n {
            let mut a = FluentArgs::new();
            a.set("n", FluentValue::from(n));
            provision.push(f(key, Some(&a))?);
        }
    }
    if provision.is_empty() {
        return Ok(act);
    }
    let mut a = FluentArgs::new();
    a.set("act", FluentValue::from(act));
    a.set("provision", FluentValue::from(provision.join(" ")));
    f("law-ref", Some(&a))
}

/// An obligation in plain words: who must do what by when, and where it stands on `on` (the
/// evaluation date).
pub fn obligation(i18n: &I18n, lang: &str, o: &Obligation, on: NaiveDate) -> String {
    obligation_with(&lenient(i18n, lang), lang, o, on).unwrap_or_default()
}

/// A violation in plain words, with the day it was remedied if it was.
pub fn violation(i18n: &I18n, lang: &str, v: &Violation, on: NaiveDate) -> String {
    violation_with(&lenient(i18n, lang), lang, v, on).unwrap_or_default()
}

/// An officer task in plain words.
pub fn task(i18n: &I18n, lang: &str, t: &OfficerTask) -> String {
    render(&lenient(i18n, lang), lang, &t.message()).map(|r| r.0).unwrap_or_default()
}

/// An entry ban (actual or what leaving now would bring) in plain words.
pub fn entry_ban(i18n: &I18n, lang: &str, b: &EntryBan) -> String {
    render(&lenient(i18n, lang), lang, &b.message()).map(|r| r.0).unwrap_or_default()
}

/// A rule's legal basis in the language's citation form ("115-ФЗ ст. 13.3", "115-FZ
/// 13.3-modda"); several acts are joined by "; ".
pub fn source(i18n: &I18n, lang: &str, rule: RuleId) -> String {
    source_with(&lenient(i18n, lang), rule).unwrap_or_default()
}

/// Strict variants for the completeness test: an error names the language, the message and the
/// Fluent error (a missing message or argument).
pub mod checked {
    use super::*;

    /// [`super::obligation`], failing on any missing message or argument.
    pub fn obligation(i18n: &I18n, lang: &str, o: &Obligation, on: NaiveDate) -> Result<String, String> {
        obligation_with(&strict(i18n, lang), lang, o, on)
    }
    /// [`super::violation`], strictly.
    pub fn violation(i18n: &I18n, lang: &str, v: &Violation, on: NaiveDate) -> Result<String, String> {
        violation_with(&strict(i18n, lang), lang, v, on)
    }
    /// [`super::task`], strictly.
    pub fn task(i18n: &I18n, lang: &str, t: &OfficerTask) -> Result<String, String> {
        render(&strict(i18n, lang), lang, &t.message()).map(|r| r.0)
    }
    /// [`super::entry_ban`], strictly.
    pub fn entry_ban(i18n: &I18n, lang: &str, b: &EntryBan) -> Result<String, String> {
        render(&strict(i18n, lang), lang, &b.message()).map(|r| r.0)
    }
    /// [`super::source`], strictly.
    pub fn source(i18n: &I18n, lang: &str, rule: RuleId) -> Result<String, String> {
        source_with(&strict(i18n, lang), rule)
    }
}
