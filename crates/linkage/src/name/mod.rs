//! Personal names in a comparable form, whatever the script or transliteration.
//!
//! [`fold`] is the comparison key (see the crate documentation for the merges and why),
//! [`block_key`] a coarser key for blocking candidate pairs, [`surname_stem`] the surname without
//! its -ov/-ova/-zoda ending, [`split_full_name`] a full name in its parts with the patronymic
//! marker recognised, and [`icao_9303`]/[`mvd_1997`] the two official transliterations of Russian
//! Cyrillic used in passports.

mod parts;
mod skeleton;
mod spelling;
mod translit;

#[cfg(test)]
mod tests;

pub use parts::{NameParts, Patronymic, PatronymicMarker, parse_patronymic, split_full_name};
pub use translit::{icao_9303, mvd_1997};

use skeleton::{A, CH, H, I, J, SH, TS, U};

/// Reusable buffers for folding many names without allocating per name.
///
/// Exists because linkage folds millions of names: [`fold`] allocates three buffers per call,
/// a `Folder` reuses them. Not shared between threads; make one per worker.
#[derive(Debug, Default, Clone)]
pub struct Folder {
    spelled: Vec<u8>,
    syms: Vec<u8>,
    key: String,
}

impl Folder {
    /// An empty folder; buffers grow to the longest name seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// The [`fold`] key of `s`, valid until the next call.
    pub fn fold(&mut self, s: &str) -> &str {
        self.read(s);
        self.key.clear();
        skeleton::write_key(&self.syms, &mut self.key);
        &self.key
    }

    /// The [`block_key`] of `s`, valid until the next call.
    pub fn block_key(&mut self, s: &str) -> &str {
        self.read(s);
        self.key.clear();
        write_block_key(&self.syms, &mut self.key);
        &self.key
    }

    fn read(&mut self, s: &str) {
        spelling::spell_into(s, &mut self.spelled);
        skeleton::read_into(&self.spelled, &mut self.syms);
    }
}

/// Folds a name written in any supported script or transliteration into a comparison key.
///
/// Exists so that the same name written by different agencies compares equal: `Юсупов`,
/// `YUSUPOV`, `Iusupov`, `Yusupov` and `Jusupov` all fold to `iusupav`; `Хуршид`, `Khurshid`,
/// `Xurshid` and `Hurshid` to `xurshid`. The key is lowercase ASCII, one word per name word
/// separated by single spaces, and is not meant to be read. Folding a key returns it unchanged.
/// Letters of scripts other than Latin and Cyrillic are ignored, so a name written only in them
/// folds to the empty string (which callers must not treat as a match).
///
/// ```
/// use rosmigration_linkage::name::fold;
/// assert_eq!(fold("Юсупов"), fold("Jusupov"));
/// assert_eq!(fold("Раҳмон зода"), fold("RAKHMONZODA"));
/// assert_ne!(fold("Юсупов"), fold("Юсупова"));
/// ```
pub fn fold(s: &str) -> String {
    let mut f = Folder::new();
    f.fold(s);
    f.key
}

/// A coarse phonetic key for blocking: candidate pairs are only compared within one block.
///
/// Exists because comparing every pair of millions of records is impossible, and blocking on
/// [`fold`] misses the variants it deliberately keeps apart. Built from the folded name with word
/// breaks removed: the first sound's class (every vowel is `a`), then the next three consonant
/// classes with vowels skipped and repeats collapsed. Classes: `b p f v w` (`Yusuf`/`Yusup`),
/// `g k q h x` (`Ibragim`/`Ibrohim`), `d t` (`Mahmud`/`Mahmut`), `z s c` (`Aziz`/`Azis`),
/// `j ch`, `sh`, `l`, `r`, `m`, `n`. `Rahmonov`, `Rahmonova`, `Rahmon` and `Rahmonzoda` share `rkmn`.
pub fn block_key(s: &str) -> String {
    let mut f = Folder::new();
    f.block_key(s);
    f.key
}

/// The surname without its family endings, for comparing a surname across its forms.
///
/// Exists because the same family name appears as `Rahmonov` (man), `Rahmonova` (woman), `Rahmon`
/// and `Rahmonzoda` (after the Tajik surname reform). Each folded word loses a final -zoda/-zada
/// (`zada`), -ova/-eva (`ava`/`iva`) or -ov/-ev (`av`/`iv`), but keeps at least three sounds:
/// `Aliev` is `ali`, not `al`. Not a substitute for [`fold`]: `Yusupov` and `Yusupova` are
/// different people.
pub fn surname_stem(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(strip_family_ending(word));
    }
    out
}

fn strip_family_ending(word: &str) -> &str {
    const MIN: usize = 3;
    if let Some(stem) = word.strip_suffix("zada")
        && stem.len() >= MIN
    {
        return stem;
    }
    for ending in ["ava", "iva", "av", "iv"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.len() >= MIN {
                return stem;
            }
            // `Aliev` folds to `aliv`: the `i` is the root's, only `v` is the ending.
            let shorter = &word[..word.len() - ending.len() + 1];
            if ending.starts_with('i') && shorter.len() >= MIN {
                return shorter;
            }
        }
    }
    word
}

fn write_block_key(syms: &[u8], out: &mut String) {
    const LEN: usize = 4;
    let mut last = 0u8;
    let mut n = 0;
    for &s in syms {
        if s == b' ' {
            continue;
        }
        let class = match s {
            A | I | U if n == 0 => b'a',
            A | I | U => continue,
            b'b' | b'p' | b'f' | b'v' => b'p',
            b'g' | b'k' | H => b'k',
            b'd' | b't' => b't',
            b'z' | b's' | TS => b's',
            J | CH => b'j',
            SH => b'w',
            other => other,
        };
        if class == last {
            continue;
        }
        out.push(char::from(class));
        last = class;
        n += 1;
        if n == LEN {
            break;
        }
    }
}
