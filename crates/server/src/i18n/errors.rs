//! Validation errors in the page's language. Every error carries a stable code
//! (`domain::error::FieldError.code`); each code has a message `error-<code>` in
//! `assets/locales/<lang>/errors.ftl`. The English message the parser wrote (which names the
//! offending value) is the fallback for a code that has no message yet, so a new code is never
//! shown as a bare key; the test `tests/api/texts.rs` fails when a code in the source has none.

use domain::error::FieldError;

use super::I18n;

/// The message id of an error code.
pub fn message_id(code: &str) -> String {
    format!("error-{code}")
}

/// The error's message in `lang`; Russian if that language lacks the code, the parser's English
/// message if no language has it.
pub fn field_message(i18n: &I18n, lang: &str, e: &FieldError) -> String {
    code_message(i18n, lang, e.code, &e.message)
}

/// As [`field_message`], for a code and fallback text that are not (yet) a `FieldError`.
pub fn code_message(i18n: &I18n, lang: &str, code: &str, fallback: &str) -> String {
    let id = message_id(code);
    for l in [lang, super::DEFAULT_LANG] {
        if let Ok(m) = i18n.try_t(l, &id, None) {
            return m;
        }
    }
    fallback.to_string()
}
