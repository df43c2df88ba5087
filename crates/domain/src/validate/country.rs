//! ISO 3166-1 alpha-3 citizenship codes.
//!
//! Citizenship and document issuers are stored as the three-letter codes that appear in the
//! machine-readable zone of passports (ICAO 9303), so a value read from an MRZ and a value picked
//! from a list compare equal. Only currently assigned codes are accepted, plus ICAO's `XXA`
//! (stateless person), `XXB` (refugee under the 1951 Convention) and `XXC` (other refugee).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ValueError;

/// Every accepted code, sorted: the 249 officially assigned ISO 3166-1 alpha-3 codes and the
/// ICAO 9303 user-assigned codes XXA, XXB and XXC.
#[rustfmt::skip]
const CODES: [[u8; 3]; 252] = [
    *b"ABW", *b"AFG", *b"AGO", *b"AIA", *b"ALA", *b"ALB", *b"AND", *b"ARE", *b"ARG", *b"ARM",
    *b"ASM", *b"ATA", *b"ATF", *b"ATG", *b"AUS", *b"AUT", *b"AZE", *b"BDI", *b"BEL", *b"BEN",
    *b"BES", *b"BFA", *b"BGD", *b"BGR", *b"BHR", *b"BHS", *b"BIH", *b"BLM", *b"BLR", *b"BLZ",
    *b"BMU", *b"BOL", *b"BRA", *b"BRB", *b"BRN", *b"BTN", *b"BVT", *b"BWA", *b"CAF", *b"CAN",
    *b"CCK", *b"CHE", *b"CHL", *b"CHN", *b"CIV", *b"CMR", *b"COD", *b"COG", *b"COK", *b"COL",
    *b"COM", *b"CPV", *b"CRI", *b"CUB", *b"CUW", *b"CXR", *b"CYM", *b"CYP", *b"CZE", *b"DEU",
    *b"DJI", *b"DMA", *b"DNK", *b"DOM", *b"DZA", *b"ECU", *b"EGY", *b"ERI", *b"ESH", *b"ESP",
    *b"EST", *b"ETH", *b"FIN", *b"FJI", *b"FLK", *b"FRA", *b"FRO", *b"FSM", *b"GAB", *b"GBR",
    *b"GEO", *b"GGY", *b"GHA", *b"GIB", *b"GIN", *b"GLP", *b"GMB", *b"GNB", *b"GNQ", *b"GRC",
    *b"GRD", *b"GRL", *b"GTM", *b"GUF", *b"GUM", *b"GUY", *b"HKG", *b"HMD", *b"HND", *b"HRV",
    *b"HTI", *b"HUN", *b"IDN", *b"IMN", *b"IND", *b"IOT", *b"IRL", *b"IRN", *b"IRQ", *b"ISL",
    *b"ISR", *b"ITA", *b"JAM", *b"JEY", *b"JOR", *b"JPN", *b"KAZ", *b"KEN", *b"KGZ", *b"KHM",
    *b"KIR", *b"KNA", *b"KOR", *b"KWT", *b"LAO", *b"LBN", *b"LBR", *b"LBY", *b"LCA", *b"LIE",
    *b"LKA", *b"LSO", *b"LTU", *b"LUX", *b"LVA", *b"MAC", *b"MAF", *b"MAR", *b"MCO", *b"MDA",
    *b"MDG", *b"MDV", *b"MEX", *b"MHL", *b"MKD", *b"MLI", *b"MLT", *b"MMR", *b"MNE", *b"MNG",
    *b"MNP", *b"MOZ", *b"MRT", *b"MSR", *b"MTQ", *b"MUS", *b"MWI", *b"MYS", *b"MYT", *b"NAM",
    *b"NCL", *b"NER", *b"NFK", *b"NGA", *b"NIC", *b"NIU", *b"NLD", *b"NOR", *b"NPL", *b"NRU",
    *b"NZL", *b"OMN", *b"PAK", *b"PAN", *b"PCN", *b"PER", *b"PHL", *b"PLW", *b"PNG", *b"POL",
    *b"PRI", *b"PRK", *b"PRT", *b"PRY", *b"PSE", *b"PYF", *b"QAT", *b"REU", *b"ROU", *b"RUS",
    *b"RWA", *b"SAU", *b"SDN", *b"SEN", *b"SGP", *b"SGS", *b"SHN", *b"SJM", *b"SLB", *b"SLE",
    *b"SLV", *b"SMR", *b"SOM", *b"SPM", *b"SRB", *b"SSD", *b"STP", *b"SUR", *b"SVK", *b"SVN",
    *b"SWE", *b"SWZ", *b"SXM", *b"SYC", *b"SYR", *b"TCA", *b"TCD", *b"TGO", *b"THA", *b"TJK",
    *b"TKL", *b"TKM", *b"TLS", *b"TON", *b"TTO", *b"TUN", *b"TUR", *b"TUV", *b"TWN", *b"TZA",
    *b"UGA", *b"UKR", *b"UMI", *b"URY", *b"USA", *b"UZB", *b"VAT", *b"VCT", *b"VEN", *b"VGB",
    *b"VIR", *b"VNM", *b"VUT", *b"WLF", *b"WSM", *b"XXA", *b"XXB", *b"XXC", *b"YEM", *b"ZAF",
    *b"ZMB", *b"ZWE",
];

/// A country (or ICAO stateless/refugee status) identified by its ISO 3166-1 alpha-3 code.
///
/// Exists so that citizenship and document issuers are always one of the known codes, in upper
/// case, and cheap to copy and compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 3]);

impl Country {
    /// Russia: the host country, and the issuer of migration cards, patents and permits.
    pub const RUS: Country = Country(*b"RUS");
    /// Uzbekistan, the largest group of foreign workers in Russia.
    pub const UZB: Country = Country(*b"UZB");
    /// Tajikistan.
    pub const TJK: Country = Country(*b"TJK");
    /// Kyrgyzstan (EAEU member).
    pub const KGZ: Country = Country(*b"KGZ");
    /// Kazakhstan (EAEU member).
    pub const KAZ: Country = Country(*b"KAZ");
    /// Armenia (EAEU member).
    pub const ARM: Country = Country(*b"ARM");
    /// Azerbaijan.
    pub const AZE: Country = Country(*b"AZE");
    /// Belarus (EAEU member).
    pub const BLR: Country = Country(*b"BLR");

    /// Parses an alpha-3 code in upper or lower case (surrounding whitespace is ignored).
    /// Error: `country_unknown` for anything that is not a currently assigned code.
    pub fn parse(raw: &str) -> Result<Country, ValueError> {
        let t = raw.trim();
        let b = t.as_bytes();
        if b.len() == 3 {
            let up = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase(), b[2].to_ascii_uppercase()];
            if CODES.binary_search(&up).is_ok() {
                return Ok(Country(up));
            }
        }
        let shown: String = t.chars().take(16).collect();
        Err(ValueError::new("country_unknown", format!("{shown} is not an ISO 3166-1 alpha-3 country code")))
    }

    /// The upper-case three-letter code, e.g. `UZB`.
    pub fn as_str(&self) -> &str {
        // Every value comes from CODES or the constants above, all ASCII.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// True for the other members of the Eurasian Economic Union (Armenia, Belarus, Kazakhstan,
    /// Kyrgyzstan): their citizens work in Russia without a patent, so the permit rules differ.
    /// Russia itself is not included because its citizens are not foreign nationals.
    pub fn is_eaeu(&self) -> bool {
        matches!(&self.0, b"ARM" | b"BLR" | b"KAZ" | b"KGZ")
    }

    /// Russian short name for display, for the CIS countries and the common countries of origin
    /// of migrants (and XXA/XXB/XXC); `None` for the rest, which the UI shows as the code.
    pub fn name_ru(&self) -> Option<&'static str> {
        names(self.0).map(|(ru, _)| ru)
    }

    /// English short name for display, for the same countries as [`Country::name_ru`].
    pub fn name_en(&self) -> Option<&'static str> {
        names(self.0).map(|(_, en)| en)
    }

    /// Every accepted code in alphabetical order, for pick lists and exhaustive tests.
    pub fn all() -> impl Iterator<Item = Country> {
        CODES.iter().map(|c| Country(*c))
    }
}

/// (Russian, English) short names of the countries the registry meets most often.
fn names(code: [u8; 3]) -> Option<(&'static str, &'static str)> {
    let n = match &code {
        b"RUS" => ("Россия", "Russia"),
        b"UZB" => ("Узбекистан", "Uzbekistan"),
        b"TJK" => ("Таджикистан", "Tajikistan"),
        b"KGZ" => ("Киргизия", "Kyrgyzstan"),
        b"KAZ" => ("Казахстан", "Kazakhstan"),
        b"ARM" => ("Армения", "Armenia"),
        b"AZE" => ("Азербайджан", "Azerbaijan"),
        b"BLR" => ("Беларусь", "Belarus"),
        b"MDA" => ("Молдова", "Moldova"),
        b"UKR" => ("Украина", "Ukraine"),
        b"GEO" => ("Грузия", "Georgia"),
        b"TKM" => ("Туркменистан", "Turkmenistan"),
        b"CHN" => ("Китай", "China"),
        b"VNM" => ("Вьетнам", "Vietnam"),
        b"IND" => ("Индия", "India"),
        b"TUR" => ("Турция", "Türkiye"),
        b"AFG" => ("Афганистан", "Afghanistan"),
        b"SYR" => ("Сирия", "Syria"),
        b"EGY" => ("Египет", "Egypt"),
        b"IRN" => ("Иран", "Iran"),
        b"PAK" => ("Пакистан", "Pakistan"),
        b"BGD" => ("Бангладеш", "Bangladesh"),
        b"NGA" => ("Нигерия", "Nigeria"),
        b"CMR" => ("Камерун", "Cameroon"),
        b"SRB" => ("Сербия", "Serbia"),
        b"MNG" => ("Монголия", "Mongolia"),
        b"PRK" => ("КНДР", "North Korea"),
        b"LKA" => ("Шри-Ланка", "Sri Lanka"),
        b"NPL" => ("Непал", "Nepal"),
        b"MMR" => ("Мьянма", "Myanmar"),
        b"LAO" => ("Лаос", "Laos"),
        b"LVA" => ("Латвия", "Latvia"),
        b"LTU" => ("Литва", "Lithuania"),
        b"EST" => ("Эстония", "Estonia"),
        b"DEU" => ("Германия", "Germany"),
        b"USA" => ("США", "United States"),
        b"ISR" => ("Израиль", "Israel"),
        b"KOR" => ("Республика Корея", "South Korea"),
        b"JPN" => ("Япония", "Japan"),
        b"IRQ" => ("Ирак", "Iraq"),
        b"JOR" => ("Иордания", "Jordan"),
        b"LBN" => ("Ливан", "Lebanon"),
        b"MAR" => ("Марокко", "Morocco"),
        b"TUN" => ("Тунис", "Tunisia"),
        b"YEM" => ("Йемен", "Yemen"),
        b"SDN" => ("Судан", "Sudan"),
        b"ETH" => ("Эфиопия", "Ethiopia"),
        b"GHA" => ("Гана", "Ghana"),
        b"COG" => ("Конго", "Congo"),
        b"IDN" => ("Индонезия", "Indonesia"),
        b"PHL" => ("Филиппины", "Philippines"),
        b"THA" => ("Таиланд", "Thailand"),
        b"KHM" => ("Камбоджа", "Cambodia"),
        b"CUB" => ("Куба", "Cuba"),
        b"XXA" => ("Лицо без гражданства", "Stateless person"),
        b"XXB" => ("Беженец (Конвенция 1951 года)", "Refugee (1951 Convention)"),
        b"XXC" => ("Беженец (иной)", "Refugee (other)"),
        _ => return None,
    };
    Some(n)
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.as_str())
    }
}

impl TryFrom<String> for Country {
    type Error = ValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Country::parse(&value)
    }
}

impl From<Country> for String {
    fn from(value: Country) -> Self {
        value.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_complete_and_upper_case() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(CODES.iter().flatten().all(u8::is_ascii_uppercase));
        assert_eq!(Country::all().count(), 252);
        assert_eq!(Country::all().filter(|c| !c.as_str().starts_with("XX")).count(), 249);
    }

    #[test]
    fn parses_known_codes() {
        let cases = [
            ("UZB", Country::UZB),
            ("uzb", Country::UZB),
            (" Tjk ", Country::TJK),
            ("KGZ", Country::KGZ),
            ("kaz", Country::KAZ),
            ("ARM", Country::ARM),
            ("AZE", Country::AZE),
            ("BLR", Country::BLR),
            ("RUS", Country::RUS),
        ];
        for (raw, want) in cases {
            assert_eq!(Country::parse(raw), Ok(want), "{raw}");
        }
        for raw in ["XXA", "xxb", "XXC", "SSD", "BES", "CUW", "SXM", "PSE", "ALA", "ATA", "TWN"] {
            assert!(Country::parse(raw).is_ok(), "{raw}");
        }
    }

    #[test]
    fn rejects_unknown_codes() {
        for raw in [
            "ABC", "", "UZ", "UZBK", "SUN", "YUG", "SCG", "ANT", "ZAR", "TMP", "XXX", "EUE", "U2B", "УЗБ", "RKS", "XKX",
        ] {
            let err = Country::parse(raw).unwrap_err();
            assert_eq!(err.code, "country_unknown", "{raw}");
        }
        assert_eq!(Country::parse("ABC").unwrap_err().message, "ABC is not an ISO 3166-1 alpha-3 country code");
    }

    #[test]
    fn eaeu_membership() {
        let members: Vec<_> = Country::all().filter(Country::is_eaeu).map(String::from).collect();
        assert_eq!(members, ["ARM", "BLR", "KAZ", "KGZ"]);
        assert!(!Country::RUS.is_eaeu());
        assert!(!Country::UZB.is_eaeu());
    }

    #[test]
    fn names_of_common_origins() {
        for code in [
            "UZB", "TJK", "KGZ", "KAZ", "ARM", "AZE", "BLR", "MDA", "UKR", "GEO", "TKM", "CHN", "VNM", "IND", "TUR",
            "AFG", "SYR", "EGY", "IRN", "PAK", "BGD", "NGA", "CMR", "SRB", "MNG", "PRK", "LKA", "NPL", "MMR", "LAO",
            "RUS", "XXA", "XXB", "XXC",
        ] {
            let c = Country::parse(code).unwrap();
            assert!(c.name_ru().is_some() && c.name_en().is_some(), "{code}");
        }
        assert_eq!(Country::UZB.name_ru(), Some("Узбекистан"));
        assert_eq!(Country::KGZ.name_en(), Some("Kyrgyzstan"));
        assert_eq!(Country::parse("FRO").unwrap().name_en(), None);
        // Every named code is a real one.
        let named = Country::all().filter(|c| c.name_en().is_some()).count();
        assert!(named >= 57, "{named}");
    }

    #[test]
    fn serde_and_display() {
        let c: Country = serde_json::from_str("\"uzb\"").unwrap();
        assert_eq!(c, Country::UZB);
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"UZB\"");
        assert_eq!(c.to_string(), "UZB");
        assert_eq!(format!("{c:?}"), "Country(UZB)");
        assert!(serde_json::from_str::<Country>("\"ABC\"").is_err());
    }
}
