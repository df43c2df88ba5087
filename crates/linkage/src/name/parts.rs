//! A full name in its parts, with the patronymic reduced to the father's name.
//!
//! Russian documents write `Surname Given Patronymic`. The patronymic takes many forms: Russian
//! suffixes (`Рустамович`, `RUSTAMOVNA`), Uzbek and Azerbaijani particles (`Rustam o'g'li`,
//! `Rustam ugli`, `Рустам оглы`, `Rustam qizi`), Kyrgyz and Kazakh ones (`Rustam uulu`,
//! `Rustam kyzy`, `Рустам кызы`). Linkage compares the father's name, so every form is reduced to
//! its folded root, with the kind of marker and the sex it implies.

use domain::person::Sex;
use serde::{Deserialize, Serialize};

use super::{Folder, spelling};

/// How a patronymic was marked.
///
/// Exists so that linkage can tell a Russian-style patronymic from a Turkic particle (the same
/// person may have both in different documents) and infer sex from either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatronymicMarker {
    /// `-ovich`, `-evich`, `-ich` (`Rustamovich`, `Рустамович`).
    RussianMasculine,
    /// `-ovna`, `-evna`, `-ichna` (`Rustamovna`).
    RussianFeminine,
    /// "son of": Uzbek `o'g'li`/`ugli`/`ўғли`, Azerbaijani `oğlu`, Russian `оглы`.
    Ogli,
    /// "son of": Kyrgyz `uulu`/`уулу`, Kazakh `uly`/`ұлы`.
    Uulu,
    /// "daughter of": Uzbek `qizi`/`кизи`, Azerbaijani `qızı`, Kyrgyz and Kazakh `kyzy`/`кызы`.
    Qizi,
    /// No marker: the father's name alone, as some documents write it.
    Bare,
}

impl PatronymicMarker {
    /// The sex the marker implies, `None` for [`PatronymicMarker::Bare`].
    pub fn sex(self) -> Option<Sex> {
        match self {
            Self::RussianMasculine | Self::Ogli | Self::Uulu => Some(Sex::Male),
            Self::RussianFeminine | Self::Qizi => Some(Sex::Female),
            Self::Bare => None,
        }
    }
}

/// A patronymic reduced to the father's name.
///
/// Exists so that `Rustam o'g'li`, `Рустамович`, `RUSTAMOVICH` and `Rustam ugli` compare equal:
/// all have `root` `rustam`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Patronymic {
    /// The father's name, folded by [`super::fold`].
    pub root: String,
    /// How the patronymic was marked.
    pub marker: PatronymicMarker,
    /// The sex the marker implies, when it implies one.
    pub sex: Option<Sex>,
}

/// A full name split into its parts, each folded.
///
/// Exists so that linkage can compare surname with surname and given name with given name even
/// when one source writes `Yusupov Jamshid Rustam o'g'li` and another `ЮСУПОВ ДЖАМШИД РУСТАМОВИЧ`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    /// The first word, folded (a -zoda written apart is part of it).
    pub surname: String,
    /// The words between surname and patronymic, folded, separated by single spaces.
    pub given: String,
    /// The patronymic, when one was recognised.
    pub patronymic: Option<Patronymic>,
}

/// One word: its ASCII spelling (for suffix rules) and its folded key.
struct Word {
    spelled: String,
    folded: String,
}

/// Splits `Surname Given [Patronymic]` into folded parts.
///
/// Rules: a particle (`o'g'li`, `uulu`, `qizi`, ...) makes the word before it the patronymic root;
/// otherwise the last word after the first with a Russian suffix (`-ovich`, `-ovna`, ...) is the
/// patronymic; otherwise a third word is taken as a bare patronymic. The first remaining word is
/// the surname and the rest the given names. Names written given-name first are not detected.
/// Empty or unreadable input gives empty parts.
pub fn split_full_name(s: &str) -> NameParts {
    let words = words(s);
    let mut patronymic = None;
    let mut used = vec![false; words.len()];
    if let Some(k) = (2..words.len()).find(|&k| particle(&words[k].folded).is_some()) {
        let marker = particle(&words[k].folded).unwrap_or(PatronymicMarker::Bare);
        patronymic = Some(Patronymic { root: words[k - 1].folded.clone(), marker, sex: marker.sex() });
        used[k - 1] = true;
        used[k] = true;
    } else if let Some((k, p)) = (1..words.len()).rev().find_map(|k| russian_suffix(&words[k].spelled).map(|p| (k, p)))
    {
        patronymic = Some(p);
        used[k] = true;
    } else if words.len() == 3 {
        let root = words[2].folded.clone();
        patronymic = Some(Patronymic { root, marker: PatronymicMarker::Bare, sex: None });
        used[2] = true;
    }
    let mut rest = words.iter().zip(&used).filter(|(_, u)| !**u).map(|(w, _)| w.folded.as_str());
    let surname = rest.next().unwrap_or_default().to_owned();
    let given = rest.collect::<Vec<_>>().join(" ");
    NameParts { surname, given, patronymic }
}

/// Reads a patronymic field on its own: `Rustam o'g'li`, `Рустамович`, `RUSTAMOVICH`,
/// `Rustam ugli`, `Rustam kyzy`, or the bare father's name.
///
/// Exists because many records keep the patronymic in a field of its own. `None` when the field
/// has no readable letters, or is a particle without a name.
pub fn parse_patronymic(s: &str) -> Option<Patronymic> {
    let words = words(s);
    let (last, before) = words.split_last()?;
    if let Some(marker) = particle(&last.folded) {
        if before.is_empty() {
            return None;
        }
        let root = before.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
        return Some(Patronymic { root, marker, sex: marker.sex() });
    }
    if before.is_empty()
        && let Some(p) = russian_suffix(&last.spelled)
    {
        return Some(p);
    }
    let root = words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ");
    Some(Patronymic { root, marker: PatronymicMarker::Bare, sex: None })
}

/// The words of `s`, with a separately written -zoda joined to the word before it.
fn words(s: &str) -> Vec<Word> {
    let mut spelled = Vec::new();
    spelling::spell_into(s, &mut spelled);
    let mut folder = Folder::new();
    let mut out: Vec<Word> = Vec::new();
    for w in spelled.split(|&b| b == b' ') {
        let w = String::from_utf8_lossy(w).into_owned();
        let folded = folder.fold(&w).to_owned();
        if folded.is_empty() {
            continue;
        }
        if folded == "zada"
            && let Some(prev) = out.last_mut()
        {
            prev.spelled.push_str(&w);
            prev.folded = folder.fold(&prev.spelled).to_owned();
            continue;
        }
        out.push(Word { spelled: w, folded });
    }
    out
}

/// The particle a folded word is, if it is one.
fn particle(folded: &str) -> Option<PatronymicMarker> {
    Some(match folded {
        // o'g'li, ўғли, угли, ogli, оглы, oglu, oğlu
        "ugli" | "agli" | "aglu" => PatronymicMarker::Ogli,
        // uulu, уулу, uly, ұлы, улы
        "ulu" | "uli" => PatronymicMarker::Uulu,
        // qizi, қизи, кизи, kizi, kyzy, кызы, qızı, gizi
        "kizi" | "gizi" => PatronymicMarker::Qizi,
        _ => return None,
    })
}

/// A Russian-style patronymic, recognised on the ASCII spelling (before vowels are merged, so
/// that `Sergeevich` keeps the root `serge`).
fn russian_suffix(spelled: &str) -> Option<Patronymic> {
    use PatronymicMarker::{RussianFeminine, RussianMasculine};
    const SUFFIXES: [(&str, PatronymicMarker, bool); 10] = [
        ("ovich", RussianMasculine, false),
        ("evich", RussianMasculine, false),
        ("ovych", RussianMasculine, false),
        ("evych", RussianMasculine, false),
        ("ovna", RussianFeminine, false),
        ("evna", RussianFeminine, false),
        ("ichna", RussianFeminine, true),
        ("inichna", RussianFeminine, true),
        // -ich and -ichna follow names in -a: Nikitich (Nikita), Fomich (Foma), Ilyich (Ilya).
        ("ich", RussianMasculine, true),
        ("ych", RussianMasculine, true),
    ];
    let (stem, marker, add_a) = SUFFIXES
        .iter()
        .filter_map(|&(suffix, marker, add_a)| spelled.strip_suffix(suffix).map(|stem| (stem, marker, add_a)))
        .max_by_key(|(stem, _, _)| std::cmp::Reverse(stem.len()))?;
    if stem.len() < 2 {
        return None;
    }
    let mut folder = Folder::new();
    let root = if add_a { folder.fold(&format!("{stem}a")).to_owned() } else { folder.fold(stem).to_owned() };
    if root.is_empty() {
        return None;
    }
    Some(Patronymic { root, marker, sex: marker.sex() })
}
