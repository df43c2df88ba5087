//! Phone numbers in E.164 form, with the caller's default country for national numbers.
//!
//! Agencies write phones as `8 (916) 123-45-67`, `+998 90 123 45 67`, `90 123 45 67` (an Uzbek
//! mobile without the country code) or `0555 123 456` (Kyrgyz, with the trunk 0). Linkage needs
//! one form. International and Russian trunk-8 forms are read by the registry's own
//! [`Phone::parse`] (so the registry and linkage agree on every number it accepts); a number it
//! rejects only for lacking a country code is then read as a national number of the default
//! country. The `phonenumber` crate was not used: its metadata build is slow and the registry's
//! rules already cover the countries that matter here.

use domain::error::ValueError;
use domain::validate::contact::Phone;
use domain::validate::country::Country;

/// Normalises a phone number to E.164 (`+998901234567`), reading numbers without a country code
/// as national numbers of `default_country`.
///
/// Exists so that one phone compares equal however it was typed. National forms understood:
/// Russia and Kazakhstan (+7): ten digits (`916 123 45 67`); Uzbekistan (+998) and Tajikistan
/// (+992): nine digits, or ten with the old trunk 8; Kyrgyzstan (+996): nine digits, or ten with
/// the trunk 0. Errors (the registry's codes): `phone_format` (letters, symbols, no digits),
/// `phone_country_code` (no country code and not a national number of the default country),
/// `phone_length` (wrong number of digits for the country).
pub fn normalize(raw: &str, default_country: Country) -> Result<String, ValueError> {
    let err = match Phone::parse(raw) {
        Ok(p) => return Ok(p.as_str().to_owned()),
        Err(e) if e.code == "phone_country_code" && !raw.trim_start().starts_with('+') => e,
        Err(e) => return Err(e),
    };
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let Some(international) = national(&digits, default_country) else {
        return Err(ValueError::new(
            "phone_country_code",
            format!("{} and it is not a national number of {}", err.message, default_country.as_str()),
        ));
    };
    Phone::parse(&international).map(|p| p.as_str().to_owned())
}

/// The international form of a national number of `country`, when it is one.
fn national(digits: &str, country: Country) -> Option<String> {
    let first = digits.bytes().next()?;
    let (code, rest) = match (country.as_str(), digits.len()) {
        ("RUS", 10) if matches!(first, b'3' | b'4' | b'8' | b'9') => ("7", digits),
        ("KAZ", 10) if matches!(first, b'7') => ("7", digits),
        ("UZB" | "TJK", 9) if first != b'0' => (dial_code(country), digits),
        ("UZB" | "TJK", 10) if first == b'8' => (dial_code(country), &digits[1..]),
        ("KGZ", 9) if first != b'0' => ("996", digits),
        ("KGZ", 10) if first == b'0' => ("996", &digits[1..]),
        _ => return None,
    };
    Some(format!("+{code}{rest}"))
}

fn dial_code(country: Country) -> &'static str {
    if country == Country::UZB { "998" } else { "992" }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    #[test]
    fn normalises_international_and_national_forms() {
        let cases = [
            ("8 (916) 123-45-67", "RUS", "+79161234567"),
            ("+7 916 123 45 67", "UZB", "+79161234567"),
            ("916 123 45 67", "RUS", "+79161234567"),
            ("(843) 231-00-00", "RUS", "+78432310000"),
            ("701 123 45 67", "KAZ", "+77011234567"),
            ("998 90 123 45 67", "RUS", "+998901234567"),
            ("90 123 45 67", "UZB", "+998901234567"),
            ("8 90 123 45 67", "UZB", "+998901234567"),
            ("93 123 4567", "TJK", "+992931234567"),
            ("992 93 123 4567", "KGZ", "+992931234567"),
            ("555 123 456", "KGZ", "+996555123456"),
            ("0555 123 456", "KGZ", "+996555123456"),
            ("00998 90 123 45 67", "RUS", "+998901234567"),
            ("810 998 90 123 45 67", "RUS", "+998901234567"),
        ];
        for (raw, country, want) in cases {
            assert_eq!(normalize(raw, c(country)).as_deref(), Ok(want), "{raw} ({country})");
        }
    }

    #[test]
    fn rejects_garbage_with_a_reason() {
        let cases = [
            ("", "RUS", "phone_format"),
            ("нет", "RUS", "phone_format"),
            ("+7 916 ABC 45 67", "RUS", "phone_format"),
            ("90 123 45 67", "RUS", "phone_country_code"),
            ("123-45-67", "UZB", "phone_country_code"),
            ("0555 123 456", "RUS", "phone_country_code"),
            ("+7 916 123 45 6", "RUS", "phone_length"),
            ("+998 90 123 45", "UZB", "phone_length"),
        ];
        for (raw, country, code) in cases {
            let err = normalize(raw, c(country)).expect_err(raw);
            assert_eq!(err.code, code, "{raw}: {}", err.message);
        }
        let err = normalize("90 123 45 67", c("RUS")).unwrap_err();
        assert!(err.message.contains("not a national number of RUS"), "{}", err.message);
    }

    proptest! {
        #[test]
        fn never_panics_and_output_is_e164(raw in "[+0-9 ()-]{0,20}|\\PC{0,20}") {
            for country in ["RUS", "UZB", "TJK", "KGZ", "KAZ", "CHN"] {
                if let Ok(p) = normalize(&raw, c(country)) {
                    prop_assert!(p.starts_with('+'));
                    prop_assert!(p[1..].bytes().all(|b| b.is_ascii_digit()));
                    prop_assert!((9..=16).contains(&p.len()));
                }
            }
        }
    }
}
