//! # rosmigration-linkage: normalisation and record linkage
//!
//! Agencies write the same foreign national's data their own way: `Юсупов` in a Russian
//! migration card, `YUSUPOV` in the passport, `Iusupov` in a passport issued after 2013,
//! `Jusupov` in a European visa, `Жусупов` in a Kyrgyz ID card. Record linkage can only compare
//! what is written in one form, so this crate turns every field into a comparable key, and
//! [`link`] decides which records are one person (Fellegi–Sunter, with blocking, m and u
//! estimated from the data, and clustering that resists chains of weak links). It is pure (no
//! IO), allocation-light, and never panics on any input.
//!
//! | module | what it gives |
//! |---|---|
//! | [`name`] | [`name::fold`] comparison key, [`name::block_key`] for blocking, [`name::surname_stem`], [`name::split_full_name`] with patronymic markers, the passport transliterations [`name::icao_9303`] and [`name::mvd_1997`] |
//! | [`similarity`] | Jaro-Winkler and Damerau-Levenshtein on keys (`strsim`), [`similarity::name_similarity`] |
//! | [`document`] | canonical and "loose" (O = 0) document number keys, series/number split by issuer format |
//! | [`phone`] | E.164 with a default country for national numbers |
//! | [`date`] | every agency date form into a `PartialDate`, and graded comparison |
//! | [`address`] | free-text Russian addresses into GAR-like components |
//! | [`link`] | the linker: [`link::Mapping`] (TOML: columns, compare types, blocking rules, thresholds), [`link::link`] from a [`link::Table`] of records to clusters, the fitted [`link::Model`] and a [`link::Summary`]; `mappings/febrl.toml` describes the FEBRL benchmark sets |
//!
//! Every function that can fail returns the registry's [`domain::error::ValueError`]: a stable
//! `code` and a message naming the problem.
//!
//! ## How names are folded
//!
//! Not a table of known names: every name goes through the same two stages.
//!
//! 1. **Spelling.** Any script becomes one lowercase ASCII Latin spelling. Russian Cyrillic is
//!    spelled by the 1997 passport rules (й `y`, ю `yu`, я `ya`, х `kh`, ц `ts`, ъ and ь dropped),
//!    the extra Cyrillic letters of Uzbek, Tajik, Kyrgyz and Kazakh take their Uzbek Latin
//!    reading (қ `q`, ғ `g`, ҳ and һ `kh`, ҷ `j`, ў ӯ ү ұ `u`, ө `o`, ә `a`, ң `n`, і ӣ `i`),
//!    Latin diacritics are dropped (`ş` `sh`, `ç` `ch`, `ž` `zh`, `ə` `a`), the Uzbek apostrophes
//!    `ʻ ʼ ' ‘ ’ ´ \`` become `'`, and any other non-letter separates words.
//! 2. **Sound classes.** The spelling is read into one symbol per sound class, longest letter
//!    group first (`shch`, `sh`, `ch`, `zh`, `kh`, `gh`, `ts`, `o'`, `g'`), and the symbols pass
//!    a small rule machine whose output is a normal form: folding a key gives the key back.
//!
//! The merges, and why each is made:
//!
//! | merge | examples | reason |
//! |---|---|---|
//! | `kh` = `h` = `x` (х ҳ һ) | Khurshid, Hurshid, Xurshid, Хуршид | Uzbek Latin writes х as `x` and ҳ as `h`; Russian renders both х; ad-hoc Latin drops the `k` |
//! | `q` = `k` (қ к) | Qodirov, Kodirov, Қодиров | Russian has no қ and writes к |
//! | `g'` = `gh` = `g` (ғ г) | Gʻayrat, Gayrat, Ғайрат | Russian writes ғ as г |
//! | `o'` = `u` (ў ӯ ү ұ) | Oʻtkir, Utkir, Уткир, Ўткир | Russian writes ў as у |
//! | `zh` = `j` = `dzh` = `dj` (ж дж ҷ) | Jamshed, Dzhamshed, Djamshed, Ҷамшед | Uzbek Cyrillic ж is Latin `j` and Russian дж; a `d` before this sound is dropped |
//! | word-initial `j` class = `y` glide | Jusupov, Yusupov, Жусупов | Kyrgyz and Kazakh ж- answers Uzbek and Russian й-/ю-/я- (Жусуп = Юсуф), and German/Polish Latin writes й as `j`; costs Жанна = Яна |
//! | `j` after a vowel, not before one, = `y` | Andrej, Ajdar | Slavic and German Latin glide |
//! | `a` = `o` (ә ө) | Rahmon, Rakhman, Рахман; Olim, Alim | Uzbek and Tajik `o` is rendered `а` or `о` in Russian, and Russian unstressed `о` is `а` |
//! | `e` = `i` = `y` = `ы` = `э`, glides й/`y`/`i` included, runs collapsed | Jamshed/Jamshid, Kadyrov/Kodirov, Mariya/Mariia/Maria, Andrei/Andrey, Aliyev/Aliev | unstressed `e`/`i` reduction; ICAO writes й `i` and я `ia` where the 1997 rules write `y`, `ya`; ad-hoc Latin adds `y` before `e` |
//! | `o` after `y`/`i` = `e` (ё) | Yodgor, Ёдгор, Edgor; Sayyora, Сайёра, Saiera | both passport systems write ё as `e` |
//! | щ = ш, `shch` = `sh` | Shcherbakov, Sherbakov | ad-hoc Latin writes щ as `sh` |
//! | ц = `ts` = `tc` = Latin `c` | Tsoi, Tcoi, Coi | GOST 2010-2013 wrote ц `tc`; Slavic Latin writes `c` |
//! | `w` = `v` | Mammadow | Turkmen and German Latin |
//! | doubled symbols written once | Abdullaev, Abdulaev; Muhammad, Muhamad | doubling is inconsistent in every script |
//! | a separate or hyphenated `zoda`/`zada`/`zade`/`заде` joins the word before it, `zade` = `zoda` | Rahmon zoda, Rahmon-zoda, Rahmonzoda, Рахмонзаде | one Tajik surname written three ways |
//!
//! Deliberately **not** merged in [`name::fold`] (they distinguish real names, and linkage
//! scores them with [`similarity`]): `g`/`h` (Ibragim/Ibrohim), `f`/`p` (Yusuf/Yusup), `d`/`t`,
//! `s`/`z`, `u`/`o`, the feminine `-a` (Yusupov/Yusupova), Russian `-ov` against Tajik bare or
//! `-zoda` surnames. [`name::block_key`] does merge `g k h`, `b p f v`, `d t`, `z s c`, `j ch`,
//! drops vowels after the first sound and keeps four symbols, so those variants meet in one block;
//! [`name::surname_stem`] drops -ov/-ova/-ev/-eva/-zoda.
//!
//! Properties checked by tests: folding is idempotent; a Russian Cyrillic name and its ICAO 9303
//! and 1997 transliterations fold equal (names with ъ before a consonant excepted); made-up
//! distinct names collide rarely (0.2 % of 20,000 generated names).
//!
//! ## Known limitations
//!
//! * Names written only in other scripts (Armenian, Georgian, Arabic, Han) fold to the empty
//!   string; callers must not link on empty keys.
//! * Ad-hoc spellings that change sounds are not merged: `Ishoq` (without the apostrophe) is not
//!   `Is'hoq`; `Gulyam` is not `Gulom`; `Alexander` (`x` read as `h`) is not `Aleksandr`.
//! * Patronymic roots of names ending in -й lose it: `Nikolaevich` gives `nikala`, `Nikolay`
//!   folds to `nikalai`; compare roots with [`similarity::jaro_winkler`].
//! * [`name::split_full_name`] expects the Russian order `Surname Given Patronymic`.
//! * Addresses are split by type words and position, not matched to the GAR register.
//! * Phones: national numbers are understood for Russia, Kazakhstan, Uzbekistan, Tajikistan and
//!   Kyrgyzstan only (the registry's [`domain::validate::contact::Phone`] rules, no
//!   `phonenumber` metadata).
//! * The linker assumes, as Fellegi–Sunter does, that fields disagree independently given
//!   match status. Namesakes who share every name and were born the same month, with no
//!   document, phone or address to tell them apart, look like one person to it; labelled pairs
//!   (which calibrate m) or a stricter `link` threshold are the remedies. Blocks larger than
//!   `max_block` are skipped, so pairs that only such a block would produce are never compared.

pub mod address;
pub mod date;
pub mod document;
pub mod link;
pub mod name;
pub mod phone;
pub mod similarity;
