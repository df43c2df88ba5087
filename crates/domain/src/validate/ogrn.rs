//! OGRN (13 digits) and OGRNIP (15 digits) state registration numbers.
//!
//! The OGRN (ОГРН) identifies a legal entity in the Unified State Register of Legal Entities; the
//! OGRNIP (ОГРНИП) identifies an individual entrepreneur. Host organisations and employers of
//! foreign nationals are recorded with one of them; the last digit is a check digit.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ValueError;

/// A state registration number (OGRN or OGRNIP) whose length and check digit are correct.
///
/// Exists so that an employer's registration number is stored only in canonical form (digits
/// only) and only after the official check-digit test.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ogrn(String);

impl Ogrn {
    /// Parses an OGRN (13 digits) or OGRNIP (15 digits); spaces are ignored. Errors:
    /// `ogrn_digits` (something other than digits), `ogrn_length`, `ogrn_checksum`.
    pub fn parse(raw: &str) -> Result<Ogrn, ValueError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(bad) = s.chars().find(|c| !c.is_ascii_digit()) {
            return Err(ValueError::new("ogrn_digits", format!("an OGRN consists of digits only, found '{bad}'")));
        }
        let n = s.len();
        if n != 13 && n != 15 {
            return Err(ValueError::new(
                "ogrn_length",
                format!(
                    "an OGRN has 13 digits (organisation) or 15 digits (OGRNIP of an individual \
                     entrepreneur), not {n}"
                ),
            ));
        }
        let d: Vec<u64> = s.bytes().map(|b| u64::from(b - b'0')).collect();
        if check_digit(&d[..n - 1]) != d[n - 1] {
            return Err(ValueError::new(
                "ogrn_checksum",
                format!("{s} is not a valid OGRN: the check digit does not match (a typo?)"),
            ));
        }
        Ok(Ogrn(s))
    }

    /// The digits, for storage and display.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a 15-digit OGRNIP (individual entrepreneur), false for a 13-digit OGRN of an
    /// organisation, so callers can tell which register to consult.
    pub fn is_individual_entrepreneur(&self) -> bool {
        self.0.len() == 15
    }
}

/// Check digit of the 12 (OGRN) or 14 (OGRNIP) leading digits: the number modulo 11 or 13,
/// then modulo 10.
fn check_digit(body: &[u64]) -> u64 {
    let modulus = if body.len() == 12 { 11 } else { 13 };
    body.iter().fold(0u64, |acc, d| acc * 10 + d) % modulus % 10
}

impl fmt::Display for Ogrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Ogrn {
    type Error = ValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Ogrn::parse(&value)
    }
}

impl From<Ogrn> for String {
    fn from(value: Ogrn) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_ogrns() {
        for raw in [
            "1027700132195",   // Sberbank
            "1027739609391",   // VTB
            "1047796046198",   // a Moscow company (check digit verified)
            "1021600000124",   // a Tatarstan company (check digit verified)
            "304500116000157", // an individual entrepreneur
        ] {
            let o = Ogrn::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(o.as_str(), raw);
            assert_eq!(o.is_individual_entrepreneur(), raw.len() == 15);
        }
        assert_eq!(Ogrn::parse("1 02 77 00 13 21 95").unwrap().as_str(), "1027700132195");
    }

    #[test]
    fn invalid_ogrns() {
        let cases = [
            ("", "ogrn_length"),
            ("102770013219", "ogrn_length"),
            ("10277001321950", "ogrn_length"),
            ("1027700132195000", "ogrn_length"),
            ("102770013219S", "ogrn_digits"),
            ("1027700-132195", "ogrn_digits"),
            ("1027700132196", "ogrn_checksum"),
            ("1027700132915", "ogrn_checksum"),
            ("304500116000158", "ogrn_checksum"),
            ("316774600361442", "ogrn_checksum"),
        ];
        for (raw, code) in cases {
            assert_eq!(Ogrn::parse(raw).unwrap_err().code, code, "{raw}");
        }
    }

    #[test]
    fn serde_goes_through_parse() {
        let o: Ogrn = serde_json::from_str("\"1027700132195\"").unwrap();
        assert_eq!(serde_json::to_string(&o).unwrap(), "\"1027700132195\"");
        assert_eq!(o.to_string(), "1027700132195");
        assert!(serde_json::from_str::<Ogrn>("\"1027700132196\"").is_err());
    }

    fn complete(body: &[u64]) -> Vec<u64> {
        let mut d = body.to_vec();
        d.push(check_digit(body));
        d
    }

    fn text(d: &[u64]) -> String {
        d.iter().map(|x| char::from_digit(*x as u32, 10).unwrap()).collect()
    }

    proptest! {
        #[test]
        fn computed_check_digit_parses(body in prop::sample::select(vec![12usize, 14])
            .prop_flat_map(|n| prop::collection::vec(0u64..10, n)))
        {
            let s = text(&complete(&body));
            prop_assert_eq!(Ogrn::parse(&s).map(String::from), Ok(s.clone()));
        }

        /// Changing one digit is caught unless the remainder moves between values with the same
        /// last digit (10 and 0 for OGRN; 0/10, 1/11, 2/12 for OGRNIP): the algorithm's blind spot.
        #[test]
        fn changing_one_digit_fails(
            body in prop::sample::select(vec![12usize, 14])
                .prop_flat_map(|n| prop::collection::vec(0u64..10, n)),
            pos in 0usize..15,
            delta in 1u64..10,
        ) {
            let mut d = complete(&body);
            let pos = pos % d.len();
            d[pos] = (d[pos] + delta) % 10;
            let blind = pos < body.len() && complete(&d[..body.len()]) == d;
            prop_assume!(!blind);
            prop_assert_eq!(Ogrn::parse(&text(&d)).unwrap_err().code, "ogrn_checksum");
        }
    }
}
