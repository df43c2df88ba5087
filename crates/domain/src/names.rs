//! Names in every writing an agency uses, and the folded key that makes them searchable.

use serde::{Deserialize, Serialize};

/// Which writing of a name a variant is.
///
/// The same person is `Юсупов` in Russian documents, `YUSUPOV` in the passport's Latin line and
/// `Юсупов`/`Yusupov` in the national script of Uzbekistan; each agency reports the one it has, so
/// the registry keeps them all, side by side, each with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NameForm {
    /// As written in the home country's own script or orthography (e.g. Uzbek Latin `Oʻgʻiloy`,
    /// Tajik Cyrillic `Ҷамшед`).
    Native,
    /// Russian Cyrillic, as in Russian documents (migration card, patent).
    Russian,
    /// Latin, as printed in the passport's data page / MRZ.
    Latin,
}

/// One writing of a person's full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameVariant {
    /// Which writing this is.
    pub form: NameForm,
    /// Family name.
    pub surname: String,
    /// Given name(s).
    pub given_names: String,
    /// Patronymic, including forms such as `o'g'li`, `uulu`, `kyzy` when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
}

impl NameVariant {
    /// "Surname Given Patronymic", as shown in lists.
    pub fn full(&self) -> String {
        let mut s = format!("{} {}", self.surname, self.given_names);
        if let Some(p) = &self.patronymic {
            s.push(' ');
            s.push_str(p);
        }
        s
    }
}

/// Folds a name written in any supported script into a lowercase ASCII key for search.
///
/// This is a deliberately coarse fold (Cyrillic letters to a Latin reading, diacritics and
/// apostrophes dropped) so that an officer typing `Юсупов` finds `YUSUPOV`. The record-linkage
/// normaliser does the careful, variant-aware work; this key only serves look-ups.
pub fn search_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let s: &str = match c {
            'a'..='z' => {
                out.push(c);
                continue;
            }
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' | 'ґ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' | 'є' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'ӣ' | 'і' | 'ї' => "i",
            'й' => "y",
            'к' | 'қ' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'ў' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ӯ' | 'ү' | 'ұ' => "u",
            'ф' => "f",
            'х' | 'ҳ' | 'һ' => "kh",
            'ц' => "ts",
            'ч' | 'ҷ' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ә' => "a",
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => "a",
            'ç' | 'č' => "ch",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ə' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
            'ñ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ō' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
            'ş' | 'š' => "sh",
            'ğ' => "g",
            'ž' => "zh",
            'ý' | 'ÿ' => "y",
            _ => "",
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_scripts_to_one_key() {
        assert_eq!(search_key("Юсупов"), "yusupov");
        assert_eq!(search_key("YUSUPOV"), "yusupov");
        assert_eq!(search_key("Қодиров"), "kodirov");
        assert_eq!(search_key("Oʻgʻiloy"), "ogiloy");
        assert_eq!(search_key("Абдуллаев-Зода"), "abdullaevzoda");
        assert_eq!(search_key("' OR 1=1 --"), "or");
    }
}
