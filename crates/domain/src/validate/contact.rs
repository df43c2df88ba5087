//! Phone numbers (E.164) and e-mail addresses.
//!
//! Contacts are used to reach a person (reminders about expiring permits), so a stored phone
//! number must be dialable from anywhere: it is kept in E.164 form, with the country code. Many
//! people write Russian numbers with the domestic trunk prefix 8, or numbers of their home
//! country without the `+`; the common unambiguous cases are fixed up here, the ambiguous ones are
//! rejected with a hint.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ValueError;

/// A phone number in E.164 form: `+` followed by 8 to 15 digits, e.g. `+998901234567`.
///
/// Exists so that one number is stored in exactly one way (and can be matched against another
/// record), whatever punctuation it was typed with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// Country calling codes whose national number length is fixed and known: (code, digits after
/// the code, example in international format).
const KNOWN_LENGTHS: [(&str, usize, &str); 7] = [
    ("998", 9, "+998 90 123 45 67"),
    ("992", 9, "+992 93 123 45 67"),
    ("996", 9, "+996 555 123 456"),
    ("994", 9, "+994 50 123 45 67"),
    ("375", 9, "+375 29 123 45 67"),
    ("374", 8, "+374 91 123 456"),
    ("7", 10, "+7 916 123 45 67"),
];

/// Leading digits that no country calling code starts with (ITU spare ranges); `+89` and `+83`
/// are what a Russian number typed as `+8 9..` turns into.
const SPARE_CODES: [&str; 3] = ["28", "83", "89"];

impl Phone {
    /// Parses a phone number typed in any common way.
    ///
    /// Spaces, dashes, parentheses and dots are ignored. Without a `+`: a leading `00` or the
    /// Russian international prefix `810` stands for `+`; 11 digits starting with 8 are a
    /// Russian (or Kazakh) number with the trunk prefix (`8 916 ...` is `+7 916 ...`); 11 digits
    /// starting with 7 get a `+`; so do 12 digits starting with 998 (Uzbekistan), 992
    /// (Tajikistan) or 996 (Kyrgyzstan). Anything else without a country code is rejected
    /// (`phone_country_code`). Letters or other symbols: `phone_format`. Wrong length (in general
    /// or for +7, +998, +992, +996, +374, +994, +375): `phone_length`.
    pub fn parse(raw: &str) -> Result<Phone, ValueError> {
        let t = raw.trim();
        let mut digits = String::with_capacity(t.len());
        let mut plus = false;
        for c in t.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !plus => plus = true,
                ' ' | '-' | '(' | ')' | '.' | '\u{00A0}' | '\u{2010}'..='\u{2013}' => {}
                _ if c.is_alphabetic() => {
                    return Err(ValueError::new(
                        "phone_format",
                        format!("a phone number cannot contain letters, found '{c}'"),
                    ));
                }
                _ => {
                    return Err(ValueError::new(
                        "phone_format",
                        format!("the character '{c}' is not allowed in a phone number"),
                    ));
                }
            }
        }
        if digits.is_empty() {
            return Err(ValueError::new("phone_format", "a phone number must contain digits"));
        }
        let international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if digits.len() > 11
            && let Some(rest) = digits.strip_prefix("810")
        {
            rest.to_owned()
        } else if digits.len() == 11 && digits.starts_with('8') {
            format!("7{}", &digits[1..])
        } else if (digits.len() == 11 && digits.starts_with('7'))
            || (digits.len() == 12 && ["998", "992", "996"].iter().any(|p| digits.starts_with(p)))
        {
            digits
        } else {
            return Err(ValueError::new("phone_country_code", "add the country code, e.g. +998 90 123 45 67"));
        };
        if international.is_empty() || international.starts_with('0') {
            return Err(ValueError::new(
                "phone_country_code",
                "a country code cannot start with 0; add the country code, e.g. +998 90 123 45 67",
            ));
        }
        if let Some(spare) = SPARE_CODES.iter().find(|p| international.starts_with(*p)) {
            let hint = if spare.starts_with('8') {
                "; 8 is the Russian trunk prefix, a Russian number starts with +7, e.g. \
                 +7 916 123 45 67"
            } else {
                ""
            };
            return Err(ValueError::new("phone_country_code", format!("+{spare} is not a country code{hint}")));
        }
        let n = international.len();
        if !(8..=15).contains(&n) {
            return Err(ValueError::new(
                "phone_length",
                format!("an international phone number has 8 to 15 digits, not {n}"),
            ));
        }
        if let Some((code, len, example)) = KNOWN_LENGTHS.iter().find(|(code, _, _)| international.starts_with(code)) {
            let national = n - code.len();
            if national != *len {
                return Err(ValueError::new(
                    "phone_length",
                    format!(
                        "a +{code} number has {len} digits after the country code, not {national}, \
                         e.g. {example}"
                    ),
                ));
            }
        }
        Ok(Phone(format!("+{international}")))
    }

    /// The E.164 form, e.g. `+998901234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Phone {
    type Error = ValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

/// An e-mail address: trimmed, with a lower-case domain.
///
/// Exists so that addresses are stored in one form (the domain is case-insensitive, the local
/// part is kept as typed) and obviously broken ones are caught at input. It does not try to
/// accept every RFC 5322 form: quoted local parts and IP-literal domains are rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address. Rules: one `@`; a local part of 1 to 64 bytes without spaces, control
    /// characters or the specials `( ) , : ; < > [ ] \ "`, not starting or ending with a dot and
    /// without two dots in a row; a domain of at least two dot-separated labels of letters,
    /// digits and inner hyphens (internationalised letters allowed), at most 63 bytes each, the
    /// last not all digits; at most 254 bytes in total. Every failure is `email_format`.
    pub fn parse(raw: &str) -> Result<Email, ValueError> {
        let fail = |m: &str| Err(ValueError::new("email_format", m.to_owned()));
        let t = raw.trim();
        if t.is_empty() {
            return fail("the e-mail address is empty");
        }
        if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return fail("an e-mail address cannot contain spaces or control characters");
        }
        let Some((local, domain)) = t.split_once('@') else {
            return fail("an e-mail address needs an @, e.g. name@example.com");
        };
        if domain.contains('@') {
            return fail("an e-mail address has only one @");
        }
        if local.is_empty() {
            return fail("the part before @ is empty");
        }
        if local.len() > 64 {
            return fail("the part before @ is longer than 64 characters");
        }
        if let Some(c) = local
            .chars()
            .find(|&c| !(c.is_ascii_graphic() || (!c.is_ascii() && c.is_alphanumeric())) || "(),:;<>[]\\\"".contains(c))
        {
            return fail(&format!("the character '{c}' is not allowed in an e-mail address"));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return fail("the part before @ cannot start or end with a dot or have two dots in a row");
        }
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return fail("the domain after @ needs a dot, e.g. example.com");
        }
        for label in &labels {
            let valid = !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c == '-' || c.is_alphanumeric());
            if !valid {
                return fail(&format!("'{label}' is not a valid part of a domain name"));
            }
        }
        if labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
            return fail("the domain must end with a name, not a number");
        }
        let address = format!("{local}@{domain}");
        if address.len() > 254 {
            return fail("an e-mail address is at most 254 characters long");
        }
        Ok(Email(address))
    }

    /// The address, e.g. `Ivan.Petrov@mail.ru`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = ValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_accepted() {
        let cases = [
            ("+7 916 123-45-67", "+79161234567"),
            ("+7 (916) 123-45-67", "+79161234567"),
            ("8 (916) 123-45-67", "+79161234567"),
            ("89161234567", "+79161234567"),
            ("79161234567", "+79161234567"),
            ("8 701 123 45 67", "+77011234567"),
            ("+7 701 123 4567", "+77011234567"),
            ("+998 90 123 45 67", "+998901234567"),
            ("998901234567", "+998901234567"),
            ("00998 90 123 45 67", "+998901234567"),
            ("810 998 90 123 45 67", "+998901234567"),
            ("992931234567", "+992931234567"),
            ("+992 93 123 4567", "+992931234567"),
            ("996555123456", "+996555123456"),
            ("+996.555.123.456", "+996555123456"),
            ("+374 91 123456", "+37491123456"),
            ("+994 50 123 45 67", "+994501234567"),
            ("+375 29 123-45-67", "+375291234567"),
            ("+86 138 0013 8000", "+8613800138000"),
            ("+84 912 345 678", "+84912345678"),
            ("+90 532 123 45 67", "+905321234567"),
            ("  +49 30 1234567 ", "+49301234567"),
        ];
        for (raw, want) in cases {
            match Phone::parse(raw) {
                Ok(p) => assert_eq!(p.as_str(), want, "{raw}"),
                Err(e) => panic!("{raw}: {}", e.message),
            }
        }
    }

    #[test]
    fn phones_rejected() {
        let cases = [
            ("", "phone_format"),
            ("+", "phone_format"),
            ("+7 916 ABC 45 67", "phone_format"),
            ("8-916-123-45-6x", "phone_format"),
            ("+7 916 123 45 67 ext 5", "phone_format"),
            ("+7/916/1234567", "phone_format"),
            ("7+9161234567", "phone_format"),
            ("9161234567", "phone_country_code"),
            ("901234567", "phone_country_code"),
            ("123-45-67", "phone_country_code"),
            ("99890123456", "phone_country_code"),
            ("+0 123 456 789", "phone_country_code"),
            ("+8 916 123 45 67", "phone_country_code"),
            ("+28 123 456 789", "phone_country_code"),
            ("+7 916 123 45 6", "phone_length"),
            ("+7 916 123 45 678", "phone_length"),
            ("+998 90 123 45 6", "phone_length"),
            ("+992 93 123 45 678", "phone_length"),
            ("+996 555 12345", "phone_length"),
            ("+374 91 12345", "phone_length"),
            ("+994 50 123 45", "phone_length"),
            ("+375 29 123 45", "phone_length"),
            ("+1234567", "phone_length"),
            ("+1234567890123456", "phone_length"),
        ];
        for (raw, code) in cases {
            let err = Phone::parse(raw).expect_err(raw);
            assert_eq!(err.code, code, "{raw}: {}", err.message);
        }
        assert_eq!(Phone::parse("9161234567").unwrap_err().message, "add the country code, e.g. +998 90 123 45 67");
    }

    #[test]
    fn phone_serde_and_display() {
        let p: Phone = serde_json::from_str("\"8 916 123-45-67\"").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"+79161234567\"");
        assert_eq!(p.to_string(), "+79161234567");
        assert_eq!(Phone::parse(p.as_str()), Ok(p));
        assert!(serde_json::from_str::<Phone>("\"12\"").is_err());
    }

    #[test]
    fn emails_accepted() {
        let cases = [
            ("ivan.petrov@mail.ru", "ivan.petrov@mail.ru"),
            ("  Ivan.Petrov@Mail.RU ", "Ivan.Petrov@mail.ru"),
            ("a+tag@example.co.uk", "a+tag@example.co.uk"),
            ("user_1@sub-domain.example.com", "user_1@sub-domain.example.com"),
            ("иван@почта.рф", "иван@почта.рф"),
            ("x@y.uz", "x@y.uz"),
        ];
        for (raw, want) in cases {
            match Email::parse(raw) {
                Ok(e) => assert_eq!(e.as_str(), want, "{raw}"),
                Err(e) => panic!("{raw}: {}", e.message),
            }
        }
    }

    #[test]
    fn emails_rejected() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_total = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        let cases: Vec<&str> = vec![
            "",
            "ivan",
            "ivan@",
            "@mail.ru",
            "ivan@@mail.ru",
            "ivan@mail@ru.ru",
            "ivan@localhost",
            "ivan petrov@mail.ru",
            "ivan@mail .ru",
            "ivan\t@mail.ru",
            "ivan\u{200B}@mail.ru",
            ".ivan@mail.ru",
            "ivan.@mail.ru",
            "iv..an@mail.ru",
            "iv\"an@mail.ru",
            "<ivan@mail.ru>",
            "ivan@-mail.ru",
            "ivan@mail-.ru",
            "ivan@mail..ru",
            "ivan@mail.ru.",
            "ivan@mail_ru.com",
            "ivan@[127.0.0.1]",
            "ivan@127.0.0.1",
            &long_local,
            &long_total,
        ];
        for raw in cases {
            let err = Email::parse(raw).expect_err(raw);
            assert_eq!(err.code, "email_format", "{raw}");
        }
    }

    #[test]
    fn email_serde() {
        let e: Email = serde_json::from_str("\"Ivan@MAIL.ru\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"Ivan@mail.ru\"");
        assert_eq!(e.to_string(), "Ivan@mail.ru");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
