//! Dates and times in the page's language, one format per language everywhere: dd.mm.yyyy in
//! Russian, Uzbek, Tajik and Kyrgyz (the form on Russian documents and on the migrant's own
//! papers), "8 Dec 2026" in English (a numeric date reads differently to British and American
//! readers; a month name cannot be misread). Times are shown on the region's clock
//! (`domain::clock`), the one every deadline and opening hour is counted in.
//!
//! Templates use the filters `{{ d|date }}` and `{{ t|datetime }}` (registered by
//! [`register_filters`]); they accept what handlers put in a context: a `NaiveDate` or
//! `DateTime<Utc>` serialised by `Value::from_serialize` (ISO strings), or such a string.

use chrono::{DateTime, NaiveDate, Utc};
use minijinja::{Environment, State, Value};

use super::DEFAULT_LANG;

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A calendar day in the language's format.
pub fn date(lang: &str, d: NaiveDate) -> String {
    use chrono::Datelike;
    if lang == "en" {
        format!("{} {} {}", d.day(), EN_MONTHS[d.month0() as usize], d.year())
    } else {
        d.format("%d.%m.%Y").to_string()
    }
}

/// An instant as the region's clock shows it, in the language's format.
pub fn datetime(lang: &str, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&domain::clock::region_offset());
    let time = local.format("%H:%M");
    if lang == "en" {
        format!("{}, {time}", date(lang, local.date_naive()))
    } else {
        format!("{} {time}", date(lang, local.date_naive()))
    }
}

/// Reads an ISO date ("2026-12-08"), a Russian-form date ("08.12.2026") or an instant; an
/// instant's date is its day on the region's clock.
fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
        .or_else(|| parse_instant(s).map(domain::clock::local_day))
}

/// Reads an RFC 3339 instant, or a region-clock time "08.12.2026 14:05" (what
/// `web::cabinet::local_time` writes for pages that do not format in the template).
fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc)).or_else(|| {
        let local = chrono::NaiveDateTime::parse_from_str(s, "%d.%m.%Y %H:%M").ok()?;
        local.and_local_timezone(domain::clock::region_offset()).single().map(|t| t.with_timezone(&Utc))
    })
}

fn page_lang(state: &State) -> String {
    state.lookup("lang").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| DEFAULT_LANG.into())
}

/// Registers the `date` and `datetime` filters. A missing value renders empty; a value that is
/// not a date renders as given (a template bug shows, it does not break the page).
pub fn register_filters(env: &mut Environment<'static>) {
    env.add_filter("date", |state: &State, v: Value| -> String {
        if v.is_undefined() || v.is_none() {
            return String::new();
        }
        let s = v.to_string();
        parse_day(&s).map_or(s, |d| date(&page_lang(state), d))
    });
    env.add_filter("datetime", |state: &State, v: Value| -> String {
        if v.is_undefined() || v.is_none() {
            return String::new();
        }
        let s = v.to_string();
        match parse_instant(&s) {
            Some(t) => datetime(&page_lang(state), t),
            None => parse_day(&s).map_or(s, |d| date(&page_lang(state), d)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_format_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        for lang in ["ru", "uz", "tg", "ky"] {
            assert_eq!(date(lang, d), "08.12.2026", "{lang}");
        }
        assert_eq!(date("en", d), "8 Dec 2026");
    }

    #[test]
    fn filters_render_iso_values_in_the_page_language_and_the_region_clock() {
        let mut env = Environment::new();
        register_filters(&mut env);
        let tpl = "{{ d|date }} / {{ t|datetime }} / {{ missing|date }} / {{ bad|date }} / {{ local|datetime }}";
        let ctx = |lang: &str| {
            minijinja::context! {
                lang => lang, d => "2026-03-01", t => "2026-03-01T22:30:00Z", bad => "soon", local => "02.03.2026 01:30",
            }
        };
        // 22:30 UTC is 01:30 the next day in Moscow (the default region clock, UTC+3).
        let offset = domain::clock::region_offset().local_minus_utc() / 3600;
        if offset == 3 {
            assert_eq!(
                env.render_str(tpl, ctx("ru")).unwrap(),
                "01.03.2026 / 02.03.2026 01:30 /  / soon / 02.03.2026 01:30"
            );
            assert_eq!(
                env.render_str(tpl, ctx("en")).unwrap(),
                "1 Mar 2026 / 2 Mar 2026, 01:30 /  / soon / 2 Mar 2026, 01:30"
            );
        }
    }
}
