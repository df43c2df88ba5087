//! Stage 1 of folding: any supported script to one lowercase ASCII Latin spelling.
//!
//! Cyrillic is written the way the 1997 Russian passport rules write it (й `y`, ю `yu`, я `ya`,
//! х `kh`, ъ and ь dropped), the extra letters of the Central Asian Cyrillic alphabets take the
//! Uzbek Latin reading (қ `q`, ғ `g`, ҳ `h`, ҷ `j`, ў `u`), and Latin letters with diacritics lose
//! them (with `ş` `sh`, `ç` `ch`, `ž` `zh`). The result still contains every spelling variant; stage
//! 2 ([`super::skeleton`]) merges them. Uzbek apostrophes (`ʻ ʼ ' ‘ ’ ´ \``) become `'`, and every
//! other non-letter becomes a word boundary (one space).

use unicode_normalization::UnicodeNormalization;

/// Writes the ASCII spelling of `s` into `buf` (cleared first): lowercase letters, `'` and single
/// spaces between words, without leading or trailing spaces.
pub(crate) fn spell_into(s: &str, buf: &mut Vec<u8>) {
    buf.clear();
    // Decomposed input (`и` + U+0306 for `й`, `s` + U+0327 for `ş`) is rare; compose it first so
    // that it spells like the precomposed letter.
    if s.chars().any(|c| ('\u{0300}'..='\u{036F}').contains(&c)) {
        let composed: String = s.nfc().collect();
        spell_chars(&composed, buf);
    } else {
        spell_chars(s, buf);
    }
    if buf.last() == Some(&b' ') {
        buf.pop();
    }
}

fn spell_chars(s: &str, buf: &mut Vec<u8>) {
    for c in s.chars() {
        if c.is_ascii() {
            match c {
                'a'..='z' => buf.push(c as u8),
                'A'..='Z' => buf.push(c as u8 + 32),
                '\'' | '`' => buf.push(b'\''),
                _ => boundary(buf),
            }
            continue;
        }
        let lower = if c.is_uppercase() { c.to_lowercase().next().unwrap_or(c) } else { c };
        if lower.is_ascii_lowercase() {
            // Turkish dotted capital I lowercases to `i` and a combining dot.
            buf.push(lower as u8);
            continue;
        }
        match spell(lower) {
            Some(rep) => buf.extend_from_slice(rep),
            None if is_dropped(lower) => {}
            None => boundary(buf),
        }
    }
}

fn boundary(buf: &mut Vec<u8>) {
    if buf.last().is_some_and(|&b| b != b' ') {
        buf.push(b' ');
    }
}

/// Combining marks left after composition, and letters of scripts the fold does not read
/// (Armenian, Georgian, Arabic, Han...): dropped without splitting the word.
fn is_dropped(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c) || c.is_alphabetic()
}

/// The ASCII spelling of one lowercase non-ASCII character, `None` when it is not a letter the
/// fold reads.
fn spell(c: char) -> Option<&'static [u8]> {
    let s: &'static [u8] = match c {
        // Russian Cyrillic, 1997 passport rules with ъ and ь dropped.
        'а' => b"a",
        'б' => b"b",
        'в' => b"v",
        'г' => b"g",
        'д' => b"d",
        'е' | 'ё' | 'э' => b"e",
        'ж' => b"zh",
        'з' => b"z",
        'и' => b"i",
        'й' => b"y",
        'к' => b"k",
        'л' => b"l",
        'м' => b"m",
        'н' => b"n",
        'о' => b"o",
        'п' => b"p",
        'р' => b"r",
        'с' => b"s",
        'т' => b"t",
        'у' => b"u",
        'ф' => b"f",
        'х' => b"kh",
        'ц' => b"ts",
        'ч' => b"ch",
        'ш' => b"sh",
        'щ' => b"shch",
        'ъ' | 'ь' => b"",
        'ы' => b"y",
        'ю' => b"yu",
        'я' => b"ya",
        // Uzbek, Tajik, Kyrgyz, Kazakh (and Ukrainian, Belarusian, Bashkir) Cyrillic letters.
        'ғ' | 'ґ' | 'ҕ' => b"g",
        'қ' | 'ҡ' | 'ҟ' | 'ӄ' => b"q",
        // Written `kh` like х, so that `сҳ` does not read as `sh`.
        'ҳ' | 'һ' => b"kh",
        'ҷ' | 'ҹ' => b"j",
        'ӣ' | 'і' => b"i",
        'ї' => b"yi",
        'є' => b"ye",
        'ӯ' | 'ў' | 'ү' | 'ұ' => b"u",
        'ө' | 'ӧ' => b"o",
        'ң' | 'ӈ' | 'ӊ' => b"n",
        'ә' | 'ӓ' => b"a",
        'ҙ' => b"z",
        'ҫ' => b"s",
        'ӝ' => b"j",
        // Latin with diacritics (Turkish, Azerbaijani, Turkmen, Kazakh Latin, Slavic Latin).
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ə' | 'ǝ' | 'æ' => b"a",
        'ç' | 'č' | 'ć' | 'ĉ' => b"ch",
        'ď' | 'đ' | 'ð' => b"d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => b"e",
        'ğ' | 'ǧ' | 'ġ' => b"g",
        'ħ' => b"h",
        'ı' | 'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ĭ' => b"i",
        'ķ' => b"k",
        'ł' | 'ļ' | 'ľ' | 'ĺ' => b"l",
        'ñ' | 'ń' | 'ň' | 'ņ' | 'ŋ' => b"n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ŏ' => b"o",
        'ŕ' | 'ř' => b"r",
        'ś' | 'š' | 'ş' | 'ș' | 'ŝ' => b"sh",
        'ß' => b"ss",
        'ť' | 'ț' | 'ţ' => b"t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ŭ' => b"u",
        'ý' | 'ÿ' => b"y",
        'ž' | 'ź' | 'ż' => b"zh",
        // Apostrophe variants of Uzbek Latin (oʻ, gʻ, tutuq belgisi) and of ad-hoc spellings.
        'ʻ' | 'ʼ' | 'ʽ' | 'ʹ' | '‘' | '’' | '´' | '′' | '‛' => b"'",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(s: &str) -> String {
        let mut buf = Vec::new();
        spell_into(s, &mut buf);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn spells_every_script_in_ascii() {
        let cases = [
            ("Юсупов", "yusupov"),
            ("ЮСУПОВ", "yusupov"),
            ("Раҳмон", "rakhmon"),
            ("Ҷамшед", "jamshed"),
            ("Ўғилой", "ugiloy"),
            ("Oʻgʻiloy", "o'g'iloy"),
            ("O‘g‘iloy", "o'g'iloy"),
            ("Өмүрбек", "omurbek"),
            ("Әлия", "aliya"),
            ("Щукин", "shchukin"),
            ("Объедков", "obedkov"),
            ("Məmmədov", "mammadov"),
            ("Şükür", "shukur"),
            ("  Abdullaev-Zoda , Ali ", "abdullaev zoda ali"),
            ("Ivan2", "ivan"),
            ("Гео中рг", "georg"),
            ("İsmayıl", "ismayil"),
        ];
        for (raw, want) in cases {
            assert_eq!(spelled(raw), want, "{raw}");
        }
    }

    #[test]
    fn decomposed_letters_spell_like_precomposed() {
        assert_eq!(spelled("Ии\u{0306}"), spelled("Ий"));
        assert_eq!(spelled("s\u{0327}ahin"), spelled("şahin"));
        assert_eq!(spelled("e\u{0308}"), "e");
    }
}
