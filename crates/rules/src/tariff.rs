//! Patent advance tariffs (PAT-11, PAT-12, PAT-13): the NDFL deflator per year and the regional
//! coefficient per region and year, loaded from `data/patent_tariffs.toml`.
//!
//! Amounts are computed in exact fixed-point arithmetic (six decimal places) so that rounding to
//! whole roubles (50 kopecks and more up) never depends on floating-point noise.

use serde::Deserialize;

use crate::error::DataError;
use crate::facts::Region;

/// The tariff data file, embedded at compile time.
pub const TARIFFS_TOML: &str = include_str!("../data/patent_tariffs.toml");

const SCALE: i128 = 1_000_000;

#[derive(Debug, Deserialize)]
struct TariffFile {
    base_rub: u32,
    deflator: Vec<DeflatorEntry>,
    coefficient: Vec<CoefficientEntry>,
}

#[derive(Debug, Deserialize)]
struct DeflatorEntry {
    year: i32,
    value: String,
    source: String,
    verified: bool,
}

#[derive(Debug, Deserialize)]
struct CoefficientEntry {
    region: u8,
    year: i32,
    value: String,
    #[serde(default)]
    published_monthly_rub: Option<u32>,
    source: String,
    verified: bool,
}

/// One resolved tariff: the monthly advance for a region and year, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tariff {
    /// Region code (e.g. 77 Moscow, 16 Tatarstan).
    pub region: Region,
    /// Calendar year the tariff applies to.
    pub year: i32,
    /// Monthly fixed advance in whole roubles.
    pub monthly_rub: u32,
    /// False when the deflator or the coefficient was derived rather than read in the law.
    pub verified: bool,
    /// Sources of the deflator and the coefficient.
    pub source: String,
}

/// The loaded tariff tables.
#[derive(Debug, Clone)]
pub struct Tariffs {
    tariffs: Vec<Tariff>,
}

impl Tariffs {
    /// Loads the embedded `data/patent_tariffs.toml`.
    pub fn embedded() -> Result<Self, DataError> {
        Self::from_toml(TARIFFS_TOML)
    }

    /// Parses a tariff file and checks every formula result against the published amount.
    pub fn from_toml(text: &str) -> Result<Self, DataError> {
        let file: TariffFile = toml::from_str(text).map_err(|e| DataError::parse("patent_tariffs.toml", e))?;
        let bad = |msg: String| DataError::Invalid { file: "patent_tariffs.toml", msg };
        let mut tariffs = Vec::new();
        for c in &file.coefficient {
            let defl = file
                .deflator
                .iter()
                .find(|d| d.year == c.year)
                .ok_or_else(|| bad(format!("no deflator for {}", c.year)))?;
            let dv = parse_decimal(&defl.value).ok_or_else(|| bad(format!("bad deflator {}", defl.value)))?;
            let cv = parse_decimal(&c.value).ok_or_else(|| bad(format!("bad coefficient {}", c.value)))?;
            let monthly = monthly_advance(file.base_rub, dv, cv);
            if let Some(p) = c.published_monthly_rub
                && p != monthly
            {
                return Err(bad(format!(
                    "region {} year {}: formula gives {monthly}, published {p}",
                    c.region, c.year
                )));
            }
            if tariffs.iter().any(|t: &Tariff| t.region.0 == c.region && t.year == c.year) {
                return Err(bad(format!("duplicate region {} year {}", c.region, c.year)));
            }
            tariffs.push(Tariff {
                region: Region(c.region),
                year: c.year,
                monthly_rub: monthly,
                verified: c.verified && defl.verified,
                source: format!("deflator: {}; coefficient: {}", defl.source, c.source),
            });
        }
        Ok(Self { tariffs })
    }

    /// The tariff for a region and year, if the table has it.
    pub fn get(&self, region: Region, year: i32) -> Option<&Tariff> {
        self.tariffs.iter().find(|t| t.region == region && t.year == year)
    }

    /// Every loaded tariff.
    pub fn all(&self) -> &[Tariff] {
        &self.tariffs
    }
}

/// round(base × deflator × coefficient), both factors scaled by 10^6, half up.
fn monthly_advance(base: u32, deflator: i128, coefficient: i128) -> u32 {
    let num = base as i128 * deflator * coefficient; // scaled by 10^12
    let unit = SCALE * SCALE;
    ((num + unit / 2) / unit) as u32
}

/// Parses "2.8592" into 2_859_200 (six decimal places); rejects more than six decimals.
fn parse_decimal(s: &str) -> Option<i128> {
    let (int, frac) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
    if frac.len() > 6
        || int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut frac6 = frac.to_string();
    while frac6.len() < 6 {
        frac6.push('0');
    }
    Some(int.parse::<i128>().ok()? * SCALE + frac6.parse::<i128>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_amounts() {
        let t = Tariffs::embedded().unwrap();
        let cases = [
            (77, 2023, 6500),
            (77, 2024, 7500),
            (77, 2025, 8900),
            (77, 2026, 10000),
            (16, 2023, 5448),
            (16, 2024, 5674),
            (16, 2025, 7315),
            (16, 2026, 8697),
        ];
        for (region, year, rub) in cases {
            assert_eq!(t.get(Region(region), year).map(|x| x.monthly_rub), Some(rub), "{region}/{year}");
        }
        assert!(t.get(Region(77), 2027).is_none());
    }

    #[test]
    fn decimal_parsing_and_rounding() {
        assert_eq!(parse_decimal("2.8592"), Some(2_859_200));
        assert_eq!(parse_decimal("2"), Some(2_000_000));
        assert_eq!(parse_decimal("2.1234567"), None);
        assert_eq!(parse_decimal("x"), None);
        // 1200 × 1.0 × 1.0000005 would be 1200.0006 → 1200; half-up at exactly .5
        assert_eq!(monthly_advance(1, 2_500_000, 1_000_000), 3); // 2.5 → 3
        assert_eq!(monthly_advance(1, 2_499_999, 1_000_000), 2);
    }
}
