//! A name criterion: checked, folded, and turned into the keys the index is searched with.

use domain::error::ValueError;

/// At most this many words in a name criterion (a full name with a two-word surname and a
/// patronymic has five).
pub const MAX_NAME_WORDS: usize = 6;

/// Longest name criterion accepted, in characters.
const MAX_NAME_CHARS: usize = 200;

/// A name as an officer typed it, folded into words: "surname [given names]" in any writing.
///
/// Exists so that a meaningless name (wildcards, punctuation, one letter) is refused before it
/// reaches the database: browsing the registry through the search must stay impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameQuery {
    /// The folded words ([`linkage::name::fold`]), in the order typed.
    words: Vec<String>,
    /// A trailing `*`: the surname is matched as a prefix.
    prefix: bool,
}

impl NameQuery {
    /// Parses a name criterion. Letters of any script, spaces, hyphens, apostrophes, dots and
    /// commas are accepted; a single trailing `*` asks for surnames beginning with the name.
    /// Refused: other wildcards (`%`, `_`, `?`, an inner `*`), digits and other signs, fewer than
    /// two letters, and a prefix of fewer than three letters.
    pub fn parse(raw: &str) -> Result<NameQuery, ValueError> {
        let s = raw.trim();
        if s.chars().count() > MAX_NAME_CHARS {
            return Err(ValueError::new("name_too_long", format!("a name has at most {MAX_NAME_CHARS} characters")));
        }
        let (body, prefix) = match s.strip_suffix('*') {
            Some(b) => (b.trim_end(), true),
            None => (s, false),
        };
        for c in body.chars() {
            if matches!(c, '*' | '%' | '_' | '?') {
                return Err(ValueError::new(
                    "name_wildcard",
                    format!(
                        "{raw:?} contains the wildcard {c:?}: type the name as written (only a trailing * is allowed, and it asks for surnames that begin with the name)"
                    ),
                ));
            }
            let allowed = c.is_alphabetic()
                || c.is_whitespace()
                || matches!(c, '-' | '\'' | '.' | ',' | '`' | 'ʻ' | 'ʼ' | '‘' | '’' | '´')
                || ('\u{0300}'..='\u{036F}').contains(&c);
            if !allowed {
                return Err(ValueError::new(
                    "name_characters",
                    format!("{raw:?} contains {c:?}: a name holds letters, spaces, hyphens and apostrophes only"),
                ));
            }
        }
        let letters = body.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 {
            return Err(ValueError::new(
                "name_too_short",
                format!("{raw:?} has fewer than two letters: give at least two letters of the name"),
            ));
        }
        let folded = linkage::name::fold(body);
        let words: Vec<String> = folded.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        if words.is_empty() {
            return Err(ValueError::new(
                "name_script",
                format!("{raw:?} is not written in Cyrillic or Latin letters: give the name as in a document"),
            ));
        }
        if prefix && letters < 3 {
            return Err(ValueError::new(
                "name_prefix_too_short",
                format!(
                    "{raw:?}: a search for surnames beginning with a name (trailing *) needs at least three letters"
                ),
            ));
        }
        if words.len() > MAX_NAME_WORDS {
            return Err(ValueError::new(
                "name_too_many_words",
                format!("a name has at most {MAX_NAME_WORDS} words: give the surname and the given names"),
            ));
        }
        Ok(NameQuery { words, prefix })
    }

    /// True when the surname is matched as a prefix (a trailing `*`).
    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    /// The folded words and the prefix mark, as one text (binds a cursor to its search).
    pub fn canonical(&self) -> String {
        format!("{}{}", self.words.join(" "), if self.prefix { "*" } else { "" })
    }

    /// Every split of the words into a surname (the first `k` words, `k` ≥ 1) and given names
    /// (the rest, possibly empty): `Бакыт уулу Азамат` is tried as surname `bakit` with given
    /// names `uulu azamat`, as `bakit uulu` with `azamat`, and as `bakit uulu azamat` alone.
    pub(crate) fn splits(&self) -> Vec<(String, String)> {
        (1..=self.words.len()).map(|k| (self.words[..k].join(" "), self.words[k..].join(" "))).collect()
    }
}

/// The index keys of one writing of a name: folded surname and given names, and their phonetic
/// block keys (the fuzzy fallback).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NameKeys {
    pub surname: String,
    pub given: String,
    pub surname_sound: String,
    pub given_sound: String,
}

impl NameKeys {
    /// The keys of a surname and given names.
    pub(crate) fn of(folder: &mut linkage::name::Folder, surname: &str, given: &str) -> NameKeys {
        let surname = folder.fold(surname).to_string();
        let given = folder.fold(given).to_string();
        NameKeys {
            surname_sound: folder.block_key(&surname).to_string(),
            given_sound: folder.block_key(&given).to_string(),
            surname,
            given,
        }
    }
}

/// The first key after every key that begins with `prefix` (keys are lowercase ASCII letters
/// and spaces, which all sort before `~`).
pub(crate) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meaningless_names_are_refused_with_a_reason() {
        let cases = [
            (".", "name_too_short"),
            ("%", "name_wildcard"),
            ("_", "name_wildcard"),
            ("-", "name_too_short"),
            ("\\", "name_characters"),
            ("a", "name_too_short"),
            ("Ю", "name_too_short"),
            ("**", "name_wildcard"),
            ("*", "name_too_short"),
            ("Ab%", "name_wildcard"),
            ("Ю_супов", "name_wildcard"),
            ("Yus*ov", "name_wildcard"),
            ("Ab*", "name_prefix_too_short"),
            ("Ivan2", "name_characters"),
            ("' OR 1=1 --", "name_characters"),
            ("中文", "name_script"),
            ("a b c d e f g", "name_too_many_words"),
        ];
        for (raw, code) in cases {
            assert_eq!(NameQuery::parse(raw).map_err(|e| e.code), Err(code), "{raw:?}");
        }
        let long = "а".repeat(201);
        assert_eq!(NameQuery::parse(&long).map_err(|e| e.code), Err("name_too_long"));
    }

    #[test]
    fn every_writing_folds_to_the_same_words() {
        let a = NameQuery::parse("Бакыт уулу Азамат").unwrap();
        let b = NameQuery::parse("BAKYT UULU AZAMAT").unwrap();
        let c = NameQuery::parse("  bakyt-uulu  azamat ").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(NameQuery::parse("Юсупов").unwrap(), NameQuery::parse("YUSUPOV").unwrap());
        assert_eq!(NameQuery::parse("Юсупов").unwrap(), NameQuery::parse("Jusupov").unwrap());
        assert!(NameQuery::parse("Yusup*").unwrap().is_prefix());
        assert!(NameQuery::parse("Yusup *").unwrap().is_prefix());
        assert!(NameQuery::parse("Юсупов Ж.").is_ok(), "an initial with a dot is accepted");
    }

    #[test]
    fn splits_try_every_surname_length() {
        let q = NameQuery::parse("Бакыт уулу Азамат").unwrap();
        let s = q.splits();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].1, format!("{} {}", q.words[1], q.words[2]));
        assert_eq!(s[1].0, format!("{} {}", q.words[0], q.words[1]));
        assert_eq!(s[2].1, "");
    }

    #[test]
    fn keys_of_writings_agree() {
        let mut f = linkage::name::Folder::new();
        let a = NameKeys::of(&mut f, "Бакыт уулу", "Азамат");
        let b = NameKeys::of(&mut f, "BAKYT UULU", "AZAMAT");
        assert_eq!(a, b);
        let typo = NameKeys::of(&mut f, "Bakit Ulu", "Asamat");
        assert_eq!(a.surname_sound, typo.surname_sound, "a typo keeps the phonetic key");
        assert_eq!(a.given_sound, typo.given_sound);
    }
}
