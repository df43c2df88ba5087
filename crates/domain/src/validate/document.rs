//! Identity and permit document numbers, per issuing country.
//!
//! Document numbers are the main key for finding a person again (a migration card, a patent and
//! a passport all carry one), so every number is stored in one canonical form: separators and
//! "№" removed, upper case, Cyrillic look-alike letters in foreign passport numbers replaced by
//! the Latin letters the passport really has, and Russian series/number pairs written as
//! "series number". The format is then checked against what the issuer actually issues, so a
//! number with a digit missing is caught at the counter instead of at a police check.

use serde::{Deserialize, Serialize};

use crate::error::ValueError;
use crate::validate::country::Country;

/// The kinds of document the registry records for a foreign national.
///
/// Exists because the format of a number, who issues it, and which rules apply (for example
/// whether a work permit is needed) depend on the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DocumentKind {
    /// The national travel passport (or ID card used as one) issued by the person's country; the
    /// only kind not issued by Russia.
    Passport,
    /// Migration card (миграционная карта), filled in at the Russian border on entry.
    MigrationCard,
    /// Patent (патент) for work, issued by a Russian region to visa-free foreign workers.
    Patent,
    /// Temporary residence permit (разрешение на временное проживание, РВП), a Russian permit.
    TemporaryResidencePermit,
    /// Residence permit card (вид на жительство, ВНЖ), issued by Russia.
    ResidencePermit,
    /// Russian visa, for citizens of countries that need one to enter.
    Visa,
    /// Work permit (разрешение на работу) issued by Russia to visa-holding foreign workers.
    WorkPermit,
}

impl DocumentKind {
    /// Every kind, in declaration order, for pick lists and exhaustive tests.
    pub fn all() -> [DocumentKind; 7] {
        [
            DocumentKind::Passport,
            DocumentKind::MigrationCard,
            DocumentKind::Patent,
            DocumentKind::TemporaryResidencePermit,
            DocumentKind::ResidencePermit,
            DocumentKind::Visa,
            DocumentKind::WorkPermit,
        ]
    }

    /// The snake_case name used in JSON, for logs and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Passport => "passport",
            DocumentKind::MigrationCard => "migration_card",
            DocumentKind::Patent => "patent",
            DocumentKind::TemporaryResidencePermit => "temporary_residence_permit",
            DocumentKind::ResidencePermit => "residence_permit",
            DocumentKind::Visa => "visa",
            DocumentKind::WorkPermit => "work_permit",
        }
    }
}

/// Checks a document number and returns it in canonical form.
///
/// Exists so that one document typed in different ways ("АА 123-45-67", "aa1234567",
/// "№ AA1234567") is stored, and found, as one value.
///
/// Spaces, dashes, the "№" sign and a "No"/"No." marker are removed and letters upper-cased. For
/// passports, Cyrillic letters that look like Latin ones (А В Е К М Н О Р С Т Х У, and І) become
/// those Latin letters, and the result is checked against the issuer's format: Uzbekistan,
/// Kyrgyzstan, Armenia, Belarus: two letters and seven digits; Tajikistan: nine digits or one or
/// two letters and seven digits; Kazakhstan: N and eight digits, or nine digits (ID card);
/// Azerbaijan: C and eight digits, or AA and seven digits; other issuers: 5 to 20 Latin letters
/// and digits, at least four of them digits. Passport numbers are returned without spaces.
///
/// The other kinds are issued by Russia, so `issuer` is not consulted for them: migration card
/// `1234 5678901`, patent `16 2412345678` (region series 01..99), residence permit card
/// `82 1234567` (series 82 or 83), visa `123456789`, work permit `77 1234567890`, temporary
/// residence permit 1 to 20 letters, digits and slashes.
///
/// Errors: `document_empty`, `document_format` (the message states the expected format).
pub fn normalize_document_number(kind: DocumentKind, issuer: Country, raw: &str) -> Result<String, ValueError> {
    let compact: String = compact(raw).chars().flat_map(char::to_uppercase).collect();
    if compact.is_empty() {
        return Err(ValueError::new("document_empty", "the document number is empty"));
    }
    match kind {
        DocumentKind::Passport => passport(issuer, &latinize(&compact)),
        DocumentKind::MigrationCard => series_number(
            &compact,
            4,
            7,
            |_| true,
            "a migration card number is a four-digit series and a seven-digit number, \
             e.g. 1234 5678901",
        ),
        DocumentKind::Patent => series_number(
            &compact,
            2,
            10,
            |s| s != "00",
            "a patent number is a two-digit region series (01 to 99) and a ten-digit number, \
             e.g. 16 2412345678",
        ),
        DocumentKind::ResidencePermit => series_number(
            &compact,
            2,
            7,
            |s| s == "82" || s == "83",
            "a residence permit card number is series 82 or 83 followed by a seven-digit number, \
             e.g. 82 1234567",
        ),
        DocumentKind::WorkPermit => series_number(
            &compact,
            2,
            10,
            |_| true,
            "a work permit number is a two-digit series and a ten-digit number, \
             e.g. 77 1234567890",
        ),
        DocumentKind::Visa => {
            if compact.len() == 9 && all_digits(&compact) {
                Ok(compact)
            } else {
                Err(format_error("a Russian visa number is nine digits, e.g. 123456789"))
            }
        }
        DocumentKind::TemporaryResidencePermit => {
            let n = compact.chars().count();
            if (1..=20).contains(&n)
                && compact.chars().all(|c| c.is_ascii_digit() || c == '/' || is_latin_or_cyrillic(c))
            {
                Ok(compact)
            } else {
                Err(format_error(
                    "a temporary residence permit number is 1 to 20 letters, digits and slashes, \
                     e.g. 123/45",
                ))
            }
        }
    }
}

/// The form of a document number used for exact look-ups: uppercase, no separators, Cyrillic
/// look-alike letters as Latin. Stored numbers and typed queries both pass through it, so an
/// officer can type `аа 123-45-67` and find `AA1234567`, whatever the document kind.
pub fn lookup_form(raw: &str) -> String {
    let upper: String = compact(raw).chars().flat_map(char::to_uppercase).collect();
    latinize(&upper).chars().filter(|c| c.is_alphanumeric() || *c == '/').collect()
}

/// Removes whitespace, dashes, "№" and a "No"/"No." marker (one not glued to letters).
fn compact(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '№') {
            i += 1;
            continue;
        }
        if matches!(c, 'N' | 'n') && matches!(chars.get(i + 1), Some('o' | 'O')) {
            let before_ok = i == 0 || !chars[i - 1].is_alphabetic();
            let mut end = i + 2;
            if chars.get(end) == Some(&'.') {
                end += 1;
            }
            let after_ok = chars.get(end).is_none_or(|c| !c.is_alphabetic());
            if before_ok && after_ok {
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Replaces Cyrillic capitals that look like Latin ones by those Latin letters.
fn latinize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'О' => 'O',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'Х' => 'X',
            'У' => 'Y',
            'І' => 'I',
            other => other,
        })
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn all_latin(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_latin_or_cyrillic(c: char) -> bool {
    c.is_ascii_uppercase() || ('\u{0400}'..='\u{04FF}').contains(&c)
}

fn format_error(expected: &str) -> ValueError {
    ValueError::new("document_format", expected.to_owned())
}

/// `letters` Latin letters (a count from the given choices) followed by `digits` digits.
fn letters_digits(s: &str, letters: &[usize], digits: usize) -> bool {
    letters.iter().any(|&l| {
        s.len() == l + digits && s.is_char_boundary(l) && (l == 0 || all_latin(&s[..l])) && all_digits(&s[l..])
    })
}

/// Passport formats per issuer.
fn passport(issuer: Country, s: &str) -> Result<String, ValueError> {
    let (ok, expected) = match issuer.as_str() {
        "UZB" => (
            letters_digits(s, &[2], 7),
            "an Uzbek passport number is two Latin letters followed by seven digits, \
             e.g. AA1234567",
        ),
        "TJK" => (
            letters_digits(s, &[0], 9) || letters_digits(s, &[1, 2], 7),
            "a Tajik passport number is nine digits (e.g. 401234567) or one or two Latin \
             letters followed by seven digits (e.g. A1234567)",
        ),
        "KGZ" => (
            letters_digits(s, &[2], 7),
            "a Kyrgyz passport number is two Latin letters followed by seven digits, \
             e.g. AC1234567",
        ),
        "KAZ" => (
            (s.starts_with('N') && letters_digits(s, &[1], 8)) || letters_digits(s, &[0], 9),
            "a Kazakh passport number is N followed by eight digits (e.g. N12345678); an ID card \
             number is nine digits (e.g. 012345678)",
        ),
        "ARM" => (
            letters_digits(s, &[2], 7),
            "an Armenian passport number is two Latin letters followed by seven digits, \
             e.g. AR1234567",
        ),
        "AZE" => (
            (s.starts_with('C') && letters_digits(s, &[1], 8)) || (s.starts_with("AA") && letters_digits(s, &[2], 7)),
            "an Azerbaijani passport number is C followed by eight digits (e.g. C01234567); an ID \
             card number is AA followed by seven digits (e.g. AA1234567)",
        ),
        "BLR" => (
            letters_digits(s, &[2], 7),
            "a Belarusian passport number is two Latin letters followed by seven digits, \
             e.g. MP1234567",
        ),
        _ => (
            (5..=20).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && s.bytes().filter(u8::is_ascii_digit).count() >= 4,
            "a passport number is 5 to 20 Latin letters and digits, at least four of them digits",
        ),
    };
    if ok { Ok(s.to_owned()) } else { Err(format_error(expected)) }
}

/// A Russian series-and-number document: `series` digits then `number` digits, returned as
/// "series number".
fn series_number(
    s: &str,
    series: usize,
    number: usize,
    series_ok: impl Fn(&str) -> bool,
    expected: &str,
) -> Result<String, ValueError> {
    if s.len() == series + number && all_digits(s) && series_ok(&s[..series]) {
        Ok(format!("{} {}", &s[..series], &s[series..]))
    } else {
        Err(format_error(expected))
    }
}

#[cfg(test)]
mod tests {
    use super::DocumentKind::*;
    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    #[test]
    fn accepted_numbers() {
        let cases: &[(DocumentKind, &str, &str, &str)] = &[
            (Passport, "UZB", "AA1234567", "AA1234567"),
            (Passport, "UZB", "aa 123 45 67", "AA1234567"),
            (Passport, "UZB", "FA-1234567", "FA1234567"),
            (Passport, "UZB", "№ AB1234567", "AB1234567"),
            (Passport, "UZB", "No. AC1234567", "AC1234567"),
            (Passport, "UZB", "AD No1234567", "AD1234567"),
            // Cyrillic look-alikes typed on a Russian keyboard.
            (Passport, "UZB", "АА1234567", "AA1234567"),
            (Passport, "UZB", "аа 1234567", "AA1234567"),
            (Passport, "UZB", "Аb1234567", "AB1234567"),
            (Passport, "UZB", "КА1234567", "KA1234567"),
            (Passport, "BLR", "МР1234567", "MP1234567"),
            (Passport, "BLR", "КН 1234567", "KH1234567"),
            (Passport, "KGZ", "АС1234567", "AC1234567"),
            (Passport, "KGZ", "ID1234567", "ID1234567"),
            (Passport, "KGZ", "РЕ1234567", "PE1234567"),
            (Passport, "TJK", "401234567", "401234567"),
            (Passport, "TJK", "A1234567", "A1234567"),
            (Passport, "TJK", "АА 1234567", "AA1234567"),
            (Passport, "KAZ", "N12345678", "N12345678"),
            (Passport, "KAZ", "n 1234 5678", "N12345678"),
            (Passport, "KAZ", "012345678", "012345678"),
            (Passport, "ARM", "AR1234567", "AR1234567"),
            (Passport, "AZE", "C01234567", "C01234567"),
            (Passport, "AZE", "С01234567", "C01234567"),
            (Passport, "AZE", "AA1234567", "AA1234567"),
            (Passport, "CHN", "E12345678", "E12345678"),
            (Passport, "VNM", "C1234567", "C1234567"),
            (Passport, "IND", "Z1234567", "Z1234567"),
            (Passport, "TUR", "U12345678", "U12345678"),
            (Passport, "XXA", "12345", "12345"),
            (MigrationCard, "RUS", "1234 5678901", "1234 5678901"),
            (MigrationCard, "RUS", "1234-5678901", "1234 5678901"),
            (MigrationCard, "RUS", "12345678901", "1234 5678901"),
            (MigrationCard, "RUS", "серия 1234", "bad"),
            (MigrationCard, "UZB", "1234 № 5678901", "1234 5678901"),
            (Patent, "RUS", "16 2412345678", "16 2412345678"),
            (Patent, "RUS", "16 № 2412345678", "16 2412345678"),
            (Patent, "RUS", "162412345678", "16 2412345678"),
            (ResidencePermit, "RUS", "82 1234567", "82 1234567"),
            (ResidencePermit, "RUS", "83№1234567", "83 1234567"),
            (Visa, "RUS", "123 456 789", "123456789"),
            (WorkPermit, "RUS", "77 1234567890", "77 1234567890"),
            (WorkPermit, "RUS", "77-12345-67890", "77 1234567890"),
            (TemporaryResidencePermit, "RUS", "123/45", "123/45"),
            (TemporaryResidencePermit, "RUS", "рвп 17", "РВП17"),
            (TemporaryResidencePermit, "RUS", "5", "5"),
        ];
        for (kind, issuer, raw, want) in cases {
            let got = normalize_document_number(*kind, c(issuer), raw);
            if *want == "bad" {
                assert!(got.is_err(), "{kind:?} {issuer} {raw:?}");
                continue;
            }
            match got {
                Ok(got) => assert_eq!(got, *want, "{kind:?} {issuer} {raw:?}"),
                Err(e) => panic!("{kind:?} {issuer} {raw:?}: {}", e.message),
            }
        }
    }

    #[test]
    fn rejected_numbers() {
        let cases: &[(DocumentKind, &str, &str, &str)] = &[
            (Passport, "UZB", "", "document_empty"),
            (Passport, "UZB", "  -  ", "document_empty"),
            (Passport, "UZB", "№", "document_empty"),
            (Passport, "UZB", "A1234567", "document_format"),
            (Passport, "UZB", "AA123456", "document_format"),
            (Passport, "UZB", "AA12345678", "document_format"),
            (Passport, "UZB", "1234567AA", "document_format"),
            (Passport, "UZB", "ЖЖ1234567", "document_format"),
            (Passport, "UZB", "AA12345O7", "document_format"),
            (Passport, "UZB", "AA123.4567", "document_format"),
            (Passport, "TJK", "40123456", "document_format"),
            (Passport, "TJK", "ABC1234567", "document_format"),
            (Passport, "KGZ", "AC123456", "document_format"),
            (Passport, "KAZ", "K12345678", "document_format"),
            (Passport, "KAZ", "N1234567", "document_format"),
            (Passport, "KAZ", "1234567890", "document_format"),
            (Passport, "ARM", "A1234567", "document_format"),
            (Passport, "AZE", "C1234567", "document_format"),
            (Passport, "AZE", "AB1234567", "document_format"),
            (Passport, "BLR", "MP123456", "document_format"),
            (Passport, "CHN", "E123", "document_format"),
            (Passport, "CHN", "ABCDEFG1", "document_format"),
            (Passport, "CHN", "E1234567890123456789012", "document_format"),
            (Passport, "CHN", "Ж12345678", "document_format"),
            (MigrationCard, "RUS", "1234 567890", "document_format"),
            (MigrationCard, "RUS", "1234 56789012", "document_format"),
            (MigrationCard, "RUS", "12A4 5678901", "document_format"),
            (Patent, "RUS", "00 2412345678", "document_format"),
            (Patent, "RUS", "16 241234567", "document_format"),
            (ResidencePermit, "RUS", "81 1234567", "document_format"),
            (ResidencePermit, "RUS", "82 123456", "document_format"),
            (Visa, "RUS", "12345678", "document_format"),
            (Visa, "RUS", "12345678A", "document_format"),
            (WorkPermit, "RUS", "77 123456789", "document_format"),
            (TemporaryResidencePermit, "RUS", "123456789012345678901", "document_format"),
            (TemporaryResidencePermit, "RUS", "12.5", "document_format"),
        ];
        for (kind, issuer, raw, code) in cases {
            let err =
                normalize_document_number(*kind, c(issuer), raw).expect_err(&format!("{kind:?} {issuer} {raw:?}"));
            assert_eq!(err.code, *code, "{kind:?} {issuer} {raw:?}: {}", err.message);
        }
    }

    #[test]
    fn messages_name_the_expected_format() {
        let err = normalize_document_number(Passport, Country::UZB, "A1").unwrap_err();
        assert_eq!(
            err.message,
            "an Uzbek passport number is two Latin letters followed by seven digits, e.g. AA1234567"
        );
        let err = normalize_document_number(MigrationCard, Country::RUS, "1").unwrap_err();
        assert!(err.message.contains("1234 5678901"), "{}", err.message);
        for kind in DocumentKind::all() {
            if kind == TemporaryResidencePermit {
                continue; // "X" is a valid free-form permit number
            }
            for issuer in [Country::UZB, Country::TJK, Country::KAZ, Country::AZE, c("CHN")] {
                let err = normalize_document_number(kind, issuer, "X").unwrap_err();
                assert!(err.message.contains("e.g.") || err.message.contains("digits"));
            }
        }
    }

    #[test]
    fn no_marker_is_not_stripped_inside_letters() {
        // "NO" glued to letters is part of the number, not a marker.
        assert_eq!(compact("NOKA12345"), "NOKA12345");
        assert_eq!(compact("AANo1234567"), "AANo1234567");
        assert_eq!(compact("No.1234"), "1234");
        assert_eq!(compact("no 1234"), "1234");
    }

    #[test]
    fn normalised_numbers_are_fixed_points() {
        let samples = [
            (Passport, Country::UZB, "аа 123-45-67"),
            (Passport, Country::KAZ, "n12345678"),
            (MigrationCard, Country::RUS, "1234-5678901"),
            (Patent, Country::RUS, "16 № 2412345678"),
            (ResidencePermit, Country::RUS, "82-1234567"),
            (WorkPermit, Country::RUS, "771234567890"),
        ];
        for (kind, issuer, raw) in samples {
            let once = normalize_document_number(kind, issuer, raw).unwrap();
            assert_eq!(normalize_document_number(kind, issuer, &once).unwrap(), once);
        }
    }

    #[test]
    fn kind_serde_names() {
        for kind in DocumentKind::all() {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<DocumentKind>(&json).unwrap(), kind);
        }
    }
}
