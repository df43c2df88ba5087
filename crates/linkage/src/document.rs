//! Document numbers as comparable keys, split into series and number.
//!
//! The same passport is typed `АА 123-45-67` by one officer and `aa1234567` by another, and a
//! scanned `AA12345O7` has a letter O where the passport has a zero. Linkage compares the
//! [`canonical`] key (the registry's own look-up form, from
//! [`domain::validate::document::lookup_form`]: no separators, upper case, Cyrillic look-alike
//! letters as Latin) and, more loosely, the [`loose_key`] in which O and 0 are one character.
//! [`parse`] validates against the issuer's format with the registry's own
//! [`normalize_document_number`] and splits series from number.

use domain::error::ValueError;
use domain::validate::country::Country;
use domain::validate::document::{DocumentKind, lookup_form, normalize_document_number};
use serde::{Deserialize, Serialize};

/// A validated document number with its series split off.
///
/// Exists because some sources store series and number in two fields and others in one; the
/// `canonical` form joins them so both compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// Series as the issuer defines it: the letter prefix of a passport (`AA`, `ID`, `N`), the
    /// first four digits of a migration card, the region code of a patent. `None` when the
    /// format has no series (Tajik nine-digit passports, visas, temporary residence permits).
    pub series: Option<String>,
    /// The number without the series.
    pub number: String,
    /// Series and number without separators, Cyrillic look-alikes as Latin: the key linkage
    /// compares, equal to [`canonical`] of the same input.
    pub canonical: String,
}

/// The canonical key of any document number, without validating its format.
///
/// Exists for sources that do not say what kind of document a number belongs to. Error
/// `document_empty` when no letter or digit is left.
pub fn canonical(raw: &str) -> Result<String, ValueError> {
    let key = lookup_form(raw);
    if key.chars().any(char::is_alphanumeric) {
        Ok(key)
    } else {
        Err(ValueError::new("document_empty", "the document number has no letters or digits"))
    }
}

/// The canonical key with the letter O written as the digit 0, and N as H.
///
/// Exists because O and 0 are the most frequent confusion when numbers are read from scans or
/// copied by hand, and because a series such as Kyrgyz `AN` typed on a Russian keyboard as
/// `АН` becomes `AH` by look-alike (Cyrillic Н looks like Latin H). Two numbers with equal loose
/// keys are worth comparing even when their canonical keys differ. Error `document_empty` as for
/// [`canonical`].
pub fn loose_key(raw: &str) -> Result<String, ValueError> {
    Ok(canonical(raw)?
        .chars()
        .map(|c| match c {
            'O' => '0',
            'N' => 'H',
            other => other,
        })
        .collect())
}

/// Validates a number against the format of its kind and issuer and splits off the series.
///
/// Exists so that linkage keys are built only from numbers that can exist. Validation is the
/// registry's own ([`normalize_document_number`]), so errors are its `document_empty` and
/// `document_format`, with the expected format in the message.
pub fn parse(kind: DocumentKind, issuer: Country, raw: &str) -> Result<DocumentNumber, ValueError> {
    // The look-up form of the raw input: Latin look-alikes also for the kinds the registry keeps
    // in Cyrillic, and always equal to `canonical(raw)`. Checked first so that a number made of
    // separators only (`/`, which the temporary residence permit format allows) is empty.
    let canonical = canonical(raw)?;
    let normalized = normalize_document_number(kind, issuer, raw)?;
    let (series, number) = match normalized.split_once(' ') {
        // Russian series-and-number documents come back as "series number".
        Some((s, n)) => (Some(s.to_owned()), n.to_owned()),
        None if kind == DocumentKind::Passport => {
            let letters = normalized.bytes().take_while(u8::is_ascii_alphabetic).count();
            if letters > 0 && letters < normalized.len() {
                (Some(normalized[..letters].to_owned()), normalized[letters..].to_owned())
            } else {
                (None, normalized)
            }
        }
        None => (None, normalized),
    };
    Ok(DocumentNumber { series, number, canonical })
}

#[cfg(test)]
mod tests {
    use DocumentKind::*;
    use proptest::prelude::*;

    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    #[test]
    fn splits_series_by_issuer_format() {
        let cases: &[(DocumentKind, &str, &str, Option<&str>, &str)] = &[
            (Passport, "UZB", "АА 123-45-67", Some("AA"), "1234567"),
            (Passport, "UZB", "fa1234567", Some("FA"), "1234567"),
            (Passport, "KGZ", "ID 1234567", Some("ID"), "1234567"),
            (Passport, "KGZ", "АН1234567", Some("AH"), "1234567"),
            (Passport, "KGZ", "AN1234567", Some("AN"), "1234567"),
            (Passport, "TJK", "401234567", None, "401234567"),
            (Passport, "TJK", "А1234567", Some("A"), "1234567"),
            (Passport, "KAZ", "n 1234 5678", Some("N"), "12345678"),
            (MigrationCard, "RUS", "1234 № 5678901", Some("1234"), "5678901"),
            (MigrationCard, "RUS", "12345678901", Some("1234"), "5678901"),
            (Patent, "RUS", "16 2412345678", Some("16"), "2412345678"),
            (ResidencePermit, "RUS", "82-1234567", Some("82"), "1234567"),
            (Visa, "RUS", "123 456 789", None, "123456789"),
            (TemporaryResidencePermit, "RUS", "123/45", None, "123/45"),
        ];
        for (kind, issuer, raw, series, number) in cases {
            let d = parse(*kind, c(issuer), raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!((d.series.as_deref(), d.number.as_str()), (*series, *number), "{raw}");
            assert_eq!(d.canonical, format!("{}{number}", series.unwrap_or("")), "{raw}");
        }
    }

    #[test]
    fn rejects_with_the_registrys_reasons() {
        assert_eq!(parse(Passport, c("UZB"), "AA123456").unwrap_err().code, "document_format");
        assert_eq!(parse(Passport, c("UZB"), " - ").unwrap_err().code, "document_empty");
        assert_eq!(parse(TemporaryResidencePermit, c("RUS"), "/").unwrap_err().code, "document_empty");
        assert_eq!(parse(MigrationCard, c("RUS"), "1234 567890").unwrap_err().code, "document_format");
    }

    #[test]
    fn keys_merge_typing_variants() {
        assert_eq!(canonical("аа 123-45-67").unwrap(), "AA1234567");
        assert_eq!(canonical("№ AA1234567").unwrap(), "AA1234567");
        assert_eq!(canonical("1234 5678901").unwrap(), "12345678901");
        assert_eq!(canonical("--").unwrap_err().code, "document_empty");
        assert_eq!(loose_key("AA12345O7").unwrap(), loose_key("AA1234507").unwrap());
        assert_eq!(loose_key("OA1234567").unwrap(), "0A1234567");
        assert_ne!(canonical("AA12345O7").unwrap(), canonical("AA1234507").unwrap());
        assert_eq!(loose_key("АН1234567").unwrap(), loose_key("AN1234567").unwrap());
        assert_eq!(parse(TemporaryResidencePermit, c("RUS"), "рвп 17").unwrap().canonical, canonical("РВП17").unwrap());
    }

    proptest! {
        #[test]
        fn never_panics(raw in "\\PC{0,30}") {
            let _ = canonical(&raw);
            let _ = loose_key(&raw);
            for kind in DocumentKind::all() {
                for issuer in ["UZB", "TJK", "KGZ", "KAZ", "RUS", "CHN"] {
                    if let Ok(d) = parse(kind, c(issuer), &raw) {
                        prop_assert_eq!(d.canonical, canonical(&raw).unwrap());
                    }
                }
            }
        }
    }
}
