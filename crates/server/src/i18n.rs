//! Translations with Fluent. Each language is a folder `assets/locales/<lang>/` of `.ftl`
//! files; adding a language is adding a folder. Russian is the primary language and the
//! fallback for any message missing in another.
//!
//! The submodules turn structured values into text in the page's language: the rules engine's
//! findings and legal sources (`explain`), dates and times (`dates`, also as template filters),
//! audit-log entries (`audit`) and validation errors (`errors`).

pub mod audit;
pub mod dates;
pub mod errors;
pub mod explain;

use std::collections::HashMap;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The primary language.
pub const DEFAULT_LANG: &str = "ru";

/// The preferred order of languages in the switcher.
const ORDER: [&str; 5] = ["ru", "uz", "tg", "ky", "en"];

/// Loaded bundles by language code.
pub struct I18n {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    langs: Vec<String>,
}

impl I18n {
    /// Loads every language folder under `dir`.
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut bundles = HashMap::new();
        for entry in
            std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("reading translations in {}: {e}", dir.display()))?
        {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let lang = entry.file_name().to_string_lossy().to_string();
            let id: LanguageIdentifier =
                lang.parse().map_err(|e| anyhow::anyhow!("bad language folder {lang}: {e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            let mut files: Vec<_> = std::fs::read_dir(entry.path())?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .collect();
            files.sort();
            for f in files {
                let src = std::fs::read_to_string(&f)?;
                let res = FluentResource::try_new(src)
                    .map_err(|(_, errs)| anyhow::anyhow!("syntax errors in {}: {errs:?}", f.display()))?;
                bundle
                    .add_resource(res)
                    .map_err(|errs| anyhow::anyhow!("duplicate messages in {}: {errs:?}", f.display()))?;
            }
            bundles.insert(lang, bundle);
        }
        if !bundles.contains_key(DEFAULT_LANG) {
            anyhow::bail!("no Russian translations in {}", dir.display());
        }
        let mut langs: Vec<String> = bundles.keys().cloned().collect();
        langs.sort_by_key(|l| ORDER.iter().position(|o| o == l).unwrap_or(ORDER.len()));
        Ok(Self { bundles, langs })
    }

    /// Available languages, Russian first.
    pub fn languages(&self) -> &[String] {
        &self.langs
    }

    /// Picks a supported language from a preference (cookie) or `Accept-Language`.
    pub fn negotiate(&self, preferred: Option<&str>, accept: Option<&str>) -> String {
        if let Some(p) = preferred
            && self.bundles.contains_key(p)
        {
            return p.to_string();
        }
        for part in accept.unwrap_or("").split(',') {
            let tag = part.split(';').next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            if self.bundles.contains_key(&primary) {
                return primary;
            }
        }
        DEFAULT_LANG.to_string()
    }

    /// Formats a message; falls back to Russian, then to the key itself (so a missing
    /// translation is visible, not fatal).
    pub fn t(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        for l in [lang, DEFAULT_LANG] {
            if let Some(b) = self.bundles.get(l)
                && let Some(msg) = b.get_message(key)
                && let Some(pattern) = msg.value()
            {
                let mut errs = vec![];
                return b.format_pattern(pattern, args, &mut errs).into_owned();
            }
        }
        key.to_string()
    }

    /// Formats a message in exactly this language, without falling back: an error names a
    /// missing message, a missing argument or any other Fluent error. For tests that keep every
    /// language complete, and for callers that want their own fallback.
    pub fn try_t(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> Result<String, String> {
        let b = self.bundles.get(lang).ok_or_else(|| format!("no language {lang}"))?;
        let pattern = b.get_message(key).and_then(|m| m.value()).ok_or_else(|| format!("{lang}: no message {key}"))?;
        let mut errs = vec![];
        let out = b.format_pattern(pattern, args, &mut errs).into_owned();
        if errs.is_empty() { Ok(out) } else { Err(format!("{lang}: {key}: {errs:?}")) }
    }

    /// Whether a language has a message (no fallback).
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }

    /// Keys missing in a language compared with Russian (used by a test that keeps English
    /// complete).
    pub fn missing(&self, lang: &str, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .filter(|k| self.bundles.get(lang).is_none_or(|b| !b.has_message(k)))
            .map(|k| k.to_string())
            .collect()
    }
}

/// Converts template arguments to Fluent arguments.
pub fn args_from<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> FluentArgs<'a> {
    let mut a = FluentArgs::new();
    for (k, v) in pairs {
        a.set(k, FluentValue::from(v));
    }
    a
}
