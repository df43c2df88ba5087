//! Audit-log entries in the reader's language: the role, the action and the purpose. Entries
//! store the role code, the action code and the purpose in plain English words (the chain hashes
//! them, so stored entries never change); this module maps what the code writes — each role's
//! default purpose (`Role::default_purpose`), the fixed purposes of system jobs, the forms "legal
//! basis; case N", "agency data intake: …", "share code check by …" — to the messages of
//! `assets/locales/<lang>/audit.ftl`. A purpose an officer typed is shown as typed.

use domain::access::Role;
use fluent_bundle::{FluentArgs, FluentValue};
use store::audit::{AuditEntry, ChainedEntry};

use super::I18n;

/// Fixed purposes written by system jobs and administration, and their messages.
const FIXED_PURPOSES: [(&str, &str); 13] = [
    ("oversight of access to personal data", "audit-purpose-oversight"),
    ("audit oversight", "audit-purpose-audit-oversight"),
    ("authentication", "audit-purpose-authentication"),
    ("account administration", "audit-purpose-account-administration"),
    ("account administration from the command line", "audit-purpose-account-administration-cli"),
    ("registry administration", "audit-purpose-registry-administration"),
    ("linking an agency record to the registry", "audit-purpose-linking"),
    ("daily reminders of deadlines, payments and bookings", "audit-purpose-reminders"),
    ("delivering a notification to the person", "audit-purpose-notification"),
    ("first login to the personal cabinet", "audit-purpose-first-login"),
    ("daily recomputation of legal status", "audit-purpose-recompute"),
    ("demo region", "audit-purpose-demo"),
    ("agency data intake from the command line", "audit-purpose-intake-cli"),
];

/// An entry as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// The role ("Migration officer"); "System" for jobs.
    pub role: String,
    /// What was done ("data viewed").
    pub action: String,
    /// Why.
    pub purpose: String,
}

/// The role's name; "system" (or no role) for background jobs.
pub fn role(i18n: &I18n, lang: &str, code: Option<&str>) -> String {
    let code = code.unwrap_or("system");
    let id = format!("audit-role-{code}");
    i18n.try_t(lang, &id, None).or_else(|_| i18n.try_t(super::DEFAULT_LANG, &id, None)).unwrap_or_else(|_| code.into())
}

/// The message id of an action code (`person.search_hit` → `audit-action-person-search_hit`).
pub fn action_id(action: &str) -> String {
    format!("audit-action-{}", action.replace('.', "-"))
}

/// The action's name; the code itself for an action no language names yet.
pub fn action(i18n: &I18n, lang: &str, code: &str) -> String {
    let id = action_id(code);
    i18n.try_t(lang, &id, None).or_else(|_| i18n.try_t(super::DEFAULT_LANG, &id, None)).unwrap_or_else(|_| code.into())
}

/// The message and arguments of a purpose the code wrote, or `None` for free text.
pub fn purpose_message(purpose: &str) -> Option<(String, FluentArgs<'static>)> {
    let mut args = FluentArgs::new();
    if purpose.trim().is_empty() {
        return None;
    }
    if let Some(r) = Role::ALL.into_iter().find(|r| !r.default_purpose().is_empty() && r.default_purpose() == purpose) {
        return Some((format!("audit-purpose-role-{}", r.code()), args));
    }
    if let Some((_, id)) = FIXED_PURPOSES.iter().find(|(p, _)| *p == purpose) {
        return Some(((*id).to_string(), args));
    }
    if let Some(who) = purpose.strip_prefix("share code check by ") {
        args.set("who", FluentValue::from(who.to_string()));
        return Some(("audit-purpose-share-check".into(), args));
    }
    if let Some(what) = purpose.strip_prefix("agency data intake: ") {
        args.set("what", FluentValue::from(what.to_string()));
        return Some(("audit-purpose-intake".into(), args));
    }
    // `AccessReason::for_role` writes "{legal basis}; case {number}" for law enforcement.
    if let Some((basis, case)) = purpose.rsplit_once("; case ") {
        args.set("basis", FluentValue::from(basis.to_string()));
        args.set("case", FluentValue::from(case.to_string()));
        return Some(("audit-purpose-legal-basis".into(), args));
    }
    None
}

/// The purpose in the reader's language, or as typed when an officer wrote it.
pub fn purpose(i18n: &I18n, lang: &str, purpose: &str) -> String {
    match purpose_message(purpose) {
        Some((id, args)) => i18n
            .try_t(lang, &id, Some(&args))
            .or_else(|_| i18n.try_t(super::DEFAULT_LANG, &id, Some(&args)))
            .unwrap_or_else(|_| purpose.to_string()),
        None => purpose.to_string(),
    }
}

/// Role, action and purpose of an entry in the reader's language.
pub fn describe_entry(i18n: &I18n, lang: &str, e: &AuditEntry) -> Described {
    Described {
        role: role(i18n, lang, e.role.as_deref()),
        action: action(i18n, lang, &e.action),
        purpose: purpose(i18n, lang, &e.purpose),
    }
}

/// [`describe_entry`] for a chained entry, as the access-log readers return them.
pub fn describe(i18n: &I18n, lang: &str, c: &ChainedEntry) -> Described {
    describe_entry(i18n, lang, &c.entry)
}
