//! The languages the platform speaks to people in: Russian first, then the languages of the
//! three largest groups of migrants (Uzbek, Tajik, Kyrgyz), then English.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ValueError;
use crate::validate::country::Country;

/// A language of the interface and of notifications.
///
/// One closed list, so that every message template and every page exists in each of them (a
/// test checks the Fluent files against this list) and a stored preference is always one we
/// can render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    /// Russian: the primary language and the fallback for any missing message.
    #[default]
    Ru,
    /// Uzbek (Latin script, as used in Uzbekistan since the 1995 reform).
    Uz,
    /// Tajik (Cyrillic script).
    Tg,
    /// Kyrgyz (Cyrillic script).
    Ky,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 5] = [Lang::Ru, Lang::Uz, Lang::Tg, Lang::Ky, Lang::En];

    /// ISO 639-1 code ("ru"), the name of the translations folder.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Uz => "uz",
            Lang::Tg => "tg",
            Lang::Ky => "ky",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switch (a person who cannot read Russian must
    /// still find their language).
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::Uz => "Oʻzbekcha",
            Lang::Tg => "Тоҷикӣ",
            Lang::Ky => "Кыргызча",
            Lang::En => "English",
        }
    }

    /// The language to write to a person in before they have chosen one: the language of
    /// their citizenship where we have it, Russian otherwise.
    pub fn for_citizenship(c: &Country) -> Lang {
        match c.as_str() {
            "UZB" => Lang::Uz,
            "TJK" => Lang::Tg,
            "KGZ" => Lang::Ky,
            _ => Lang::Ru,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ValueError;

    /// Accepts the ISO 639-1 code in any case, with or without a region ("uz-Latn-UZ").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary).ok_or_else(|| {
            ValueError::new("lang_unknown", format!("'{s}' is not one of the languages: ru, uz, tg, ky, en"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_with_regions_and_rejects_others() {
        assert_eq!("UZ-latn".parse::<Lang>().unwrap(), Lang::Uz);
        assert_eq!("tg".parse::<Lang>().unwrap(), Lang::Tg);
        assert_eq!("kk".parse::<Lang>().unwrap_err().code, "lang_unknown");
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>().unwrap(), l);
        }
    }
}
