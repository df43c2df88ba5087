//! The two official Latin transliterations of Russian Cyrillic found in Russian passports.
//!
//! Exist because a person's Latin name depends on when the passport was issued, and the linkage
//! tests need to generate every variant from one Cyrillic name:
//!
//! * [`icao_9303`]: ICAO Doc 9303 as used for Russian passports since 2013 (FMS order 320), the
//!   same as the 2010-2013 GOST R 52535.1 table except that ц is `TS` (GOST: `TC`) and ъ is `IE`
//!   (GOST: dropped). й `I`, ю `IU`, я `IA`, ё `E`, х `KH`, ь dropped.
//! * [`mvd_1997`]: the rules of MVD order 310 (1997-2010): й `Y`, ю `YU`, я `YA`, ё `E`, х `KH`,
//!   ъ dropped, ь an apostrophe.
//!
//! Characters that are not Russian Cyrillic letters are copied unchanged. Letter case follows
//! the source: a capital becomes `Iu` inside a capitalised word and `IU` inside an upper-case one.

/// Transliterates Russian Cyrillic by ICAO Doc 9303 (Russian passports since 2013; the 2010-2013
/// rules differ only in ц `TC` and ъ dropped).
pub fn icao_9303(s: &str) -> String {
    transliterate(s, |c| match c {
        'й' => Some("i"),
        'ъ' => Some("ie"),
        'ь' => Some(""),
        'ю' => Some("iu"),
        'я' => Some("ia"),
        other => common(other),
    })
}

/// Transliterates Russian Cyrillic by the 1997 MVD passport rules (order 310, used until 2010).
pub fn mvd_1997(s: &str) -> String {
    transliterate(s, |c| match c {
        'й' => Some("y"),
        'ъ' => Some(""),
        'ь' => Some("'"),
        'ю' => Some("yu"),
        'я' => Some("ya"),
        other => common(other),
    })
}

/// Letters both systems write the same way.
fn common(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        _ => return None,
    })
}

fn transliterate(s: &str, table: impl Fn(char) -> Option<&'static str>) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let upper = c.is_uppercase();
        let lower = if upper { c.to_lowercase().next().unwrap_or(c) } else { c };
        let Some(rep) = table(lower) else {
            out.push(c);
            continue;
        };
        if !upper {
            out.push_str(rep);
            continue;
        }
        // All capitals when the neighbouring letter is a capital too (`ЮСУПОВ`, `ЯН`), otherwise
        // only the first letter (`Юсупов`).
        let next_upper = chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        let next_letter = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        let prev_upper = i > 0 && chars[i - 1].is_uppercase();
        if next_upper || (!next_letter && prev_upper) {
            out.push_str(&rep.to_uppercase());
        } else {
            let mut it = rep.chars();
            if let Some(first) = it.next() {
                out.extend(first.to_uppercase());
                out.push_str(it.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_as_in_passports_since_2013() {
        let cases = [
            ("Юсупов", "Iusupov"),
            ("ЮСУПОВ", "IUSUPOV"),
            ("Хуршид", "Khurshid"),
            ("Джамшед Рустамович", "Dzhamshed Rustamovich"),
            ("Мария", "Mariia"),
            ("Андрей", "Andrei"),
            ("Объедков", "Obieedkov"),
            ("Щукин Цой", "Shchukin Tsoi"),
            ("Фёдор Ильич", "Fedor Ilich"),
            ("Abc-Ян", "Abc-Ian"),
        ];
        for (raw, want) in cases {
            assert_eq!(icao_9303(raw), want, "{raw}");
        }
    }

    #[test]
    fn mvd_1997_as_in_passports_of_1997_to_2010() {
        let cases = [
            ("Юсупов", "Yusupov"),
            ("ЮСУПОВ", "YUSUPOV"),
            ("Мария", "Mariya"),
            ("Андрей", "Andrey"),
            ("Объедков", "Obedkov"),
            ("Ильич", "Il'ich"),
            ("Майя", "Mayya"),
        ];
        for (raw, want) in cases {
            assert_eq!(mvd_1997(raw), want, "{raw}");
        }
    }
}
