//! String similarity on folded keys.
//!
//! Linkage scores how close two names are after [`crate::name::fold`] has removed the spelling
//! differences that carry no information; what remains (a dropped letter, two letters swapped, a
//! different ending) is measured here. Jaro-Winkler rewards a shared beginning, which suits names;
//! Damerau-Levenshtein counts typing errors, including transpositions. Both come from the `strsim`
//! crate, applied to the ASCII keys.

use crate::name::Folder;

/// Jaro-Winkler similarity of two keys, from 0.0 (nothing in common) to 1.0 (equal).
///
/// Exists as the main name score of linkage; give it folded keys, not raw names.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// Number of insertions, deletions, substitutions and transpositions of adjacent letters that
/// turn one key into the other.
///
/// Exists for document numbers and short keys, where an absolute count of typing errors is
/// more telling than a ratio.
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    strsim::generic_damerau_levenshtein(a.as_bytes(), b.as_bytes())
}

/// Damerau-Levenshtein distance scaled to a similarity from 0.0 to 1.0 by the longer key's
/// length (two empty keys are 1.0).
///
/// Exists so that the edit distance can be combined with other 0..1 scores.
pub fn normalized_damerau_levenshtein(a: &str, b: &str) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - damerau_levenshtein(a, b) as f64 / longest as f64
}

/// Similarity of two raw names: both are folded, then compared by Jaro-Winkler as written and
/// with their words sorted, and the better score is kept.
///
/// Exists for the common case of comparing two full names whose word order may differ
/// (`Yusupov Jamshid` / `Jamshid Yusupov`). Two names that fold to nothing score 0.0, not 1.0:
/// absence of a name is not evidence of a match.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let mut folder = Folder::new();
    let ka = folder.fold(a).to_owned();
    let kb = folder.fold(b);
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    let as_written = jaro_winkler(&ka, kb);
    let sorted = jaro_winkler(&sorted_words(&ka), &sorted_words(kb));
    as_written.max(sorted)
}

fn sorted_words(key: &str) -> String {
    let mut words: Vec<&str> = key.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn scores() {
        assert_eq!(jaro_winkler("iusupav", "iusupav"), 1.0);
        assert!(jaro_winkler("iusupav", "iusufav") > 0.9);
        assert!(jaro_winkler("iusupav", "karimav") < 0.7);
        assert_eq!(damerau_levenshtein("AA1234567", "AA1243567"), 1, "one transposition");
        assert_eq!(damerau_levenshtein("", "abc"), 3);
        assert_eq!(normalized_damerau_levenshtein("", ""), 1.0);
        assert_eq!(normalized_damerau_levenshtein("abcd", "abce"), 0.75);
    }

    #[test]
    fn names_across_scripts_and_word_order() {
        assert_eq!(name_similarity("Юсупов Джамшед", "YUSUPOV DZHAMSHED"), 1.0);
        assert_eq!(name_similarity("Jamshid Yusupov", "Юсупов Джамшед"), 1.0);
        assert!(name_similarity("Yusupov Jamshid", "Yusupov Jamshidbek") > 0.9);
        assert!(name_similarity("Yusupov Jamshid", "Karimova Dilnoza") < 0.6);
        assert_eq!(name_similarity("", ""), 0.0);
        assert_eq!(name_similarity("中文", "中文"), 0.0);
    }

    proptest! {
        #[test]
        fn similarities_stay_in_range(a in "\\PC{0,30}", b in "\\PC{0,30}") {
            let s = name_similarity(&a, &b);
            prop_assert!((0.0..=1.0).contains(&s));
            let n = normalized_damerau_levenshtein(&a, &b);
            prop_assert!((0.0..=1.0).contains(&n));
        }
    }
}
