//! Name tables per nationality, built once from [`crate::name_data`] through the transliteration
//! tables, and the per-person choice of a full name in every writing an agency uses.

use std::sync::OnceLock;

use domain::names::{NameForm, NameVariant};
use domain::validate::country::Country;

use crate::name_data as d;
use crate::rng::{Rng, chance, skewed};
use crate::translit::{self, Script};

/// One name component in the three writings, plus the ad-hoc spellings other agencies produce.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// National writing (`None` when the nation's passports use Latin only).
    pub native: Option<String>,
    /// Russian Cyrillic as in Russian documents.
    pub russian: String,
    /// Passport Latin (upper case).
    pub latin: String,
    /// ICAO 9303 Latin of the Russian form (DZHAMSHED).
    pub icao: String,
    /// "Popular" Latin of the Russian form (Dzhamshed, Yusupov).
    pub popular: String,
    /// Latin as migrants write it (Jamshed, Xurshid).
    pub local: String,
    /// The passport Latin read back into Russian by a clerk (Хожаев).
    pub naive_ru: String,
}

/// A patronymic in the writings that carry one.
#[derive(Debug, Clone)]
pub(crate) struct Patronymic {
    pub native: Option<String>,
    pub russian: String,
    pub latin: Option<String>,
}

/// How a nation's documents write the father's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PatronymicStyle {
    /// Uzbek: `Rustam oʻgʻli` / `Rustamovich`, the particle more common among the young.
    Uzbek,
    /// Tajik: `Раҳимович` for many, nothing for those registered after the 2016 name reform.
    Tajik,
    /// Kyrgyz: `Асанович`; some carry `Асан уулу` as their surname instead.
    Kyrgyz,
    /// Kazakh: `Серікұлы` or `Серікович`.
    Kazakh,
    /// Azerbaijani: `Əli oğlu` / `Əli qızı`.
    Azerbaijani,
    /// Only Russian documents add a patronymic (`Ашотович`): Armenians, Turkmens, Belarusians.
    RussianOnly,
    /// No patronymic (Chinese, Indian).
    None,
}

/// Everything needed to name a person of one citizenship.
pub(crate) struct Nation {
    pub country: Country,
    script: Option<Script>,
    style: PatronymicStyle,
    male: Vec<Entry>,
    female: Vec<Entry>,
    surnames_m: Vec<Entry>,
    surnames_f: Vec<Entry>,
    /// Per male given name: `-ovich` style (male, female).
    ovich: Vec<Option<(Patronymic, Patronymic)>>,
    /// Per male given name: particle style (`oʻgʻli`, `oğlu`, `-ұлы`, Kyrgyz `уулу`).
    particle: Vec<Option<(Patronymic, Patronymic)>>,
}

/// The names of one person in every writing.
pub(crate) struct PersonNames {
    pub russian: NameVariant,
    pub latin: NameVariant,
    pub native: Option<NameVariant>,
    /// An extra spelling another agency will report, if this person gets one.
    pub ad_hoc: Option<NameVariant>,
}

/// Name tables, built once.
pub(crate) struct Tables {
    pub nations: Vec<Nation>,
    host_surnames: Vec<(String, String)>,
    host_male: Vec<String>,
    host_female: Vec<String>,
    host_patronymics: Vec<(String, String)>,
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// The shared tables (built on first use, in well under a millisecond).
pub(crate) fn tables() -> &'static Tables {
    TABLES.get_or_init(build)
}

impl Tables {
    /// The nation for a citizenship; falls back to the first (Uzbekistan).
    pub fn nation(&self, c: Country) -> &Nation {
        self.nations.iter().find(|n| n.country == c).unwrap_or(&self.nations[0])
    }

    /// A Kazan landlord's full name as written in an arrival notice: "Иванова Мария Петровна".
    pub fn host_name(&self, rng: &mut Rng) -> String {
        let female = chance(rng, 0.6);
        let (sm, sf) = &self.host_surnames[skewed(rng, self.host_surnames.len())];
        let given = if female {
            &self.host_female[skewed(rng, self.host_female.len())]
        } else {
            &self.host_male[skewed(rng, self.host_male.len())]
        };
        let (pm, pf) = &self.host_patronymics[skewed(rng, self.host_patronymics.len())];
        let (s, p) = if female { (sf, pf) } else { (sm, pm) };
        let mut out = String::with_capacity(s.len() + given.len() + p.len() + 2);
        out.push_str(s);
        out.push(' ');
        out.push_str(given);
        out.push(' ');
        out.push_str(p);
        out
    }
}

impl Nation {
    /// Picks a name for a person of this nation and builds every writing of it.
    pub fn pick(&self, rng: &mut Rng, male: bool, birth_year: i32, ad_hoc: bool) -> PersonNames {
        let given = if male { &self.male } else { &self.female };
        let gi = skewed(rng, given.len());
        let si = skewed(rng, self.surnames_m.len());
        let surname = if male { &self.surnames_m[si] } else { &self.surnames_f[si] };
        let g = &given[gi];
        let father = rng_index(rng, self.male.len());

        let particle = self.particle[father].as_ref().map(|(m, f)| if male { m } else { f });
        let ovich = self.ovich[father].as_ref().map(|(m, f)| if male { m } else { f });
        // (surname override, patronymic)
        let (surname_override, patronymic): (Option<&Patronymic>, Option<&Patronymic>) = match self.style {
            PatronymicStyle::Uzbek => {
                let young = birth_year >= 1985;
                if chance(rng, if young { 0.7 } else { 0.3 }) {
                    (None, particle.or(ovich))
                } else {
                    (None, ovich.or(particle))
                }
            }
            PatronymicStyle::Tajik => (None, if birth_year >= 1995 && chance(rng, 0.5) { None } else { ovich }),
            PatronymicStyle::Kyrgyz => {
                if chance(rng, 0.15) {
                    (particle, None)
                } else {
                    (None, ovich)
                }
            }
            // A surname of the `-ұлы` kind already names the father.
            PatronymicStyle::Kazakh if self.surnames_m[si].russian.ends_with("улы") => (None, None),
            PatronymicStyle::Kazakh => (None, if chance(rng, 0.5) { particle.or(ovich) } else { ovich.or(particle) }),
            PatronymicStyle::Azerbaijani => (None, particle),
            PatronymicStyle::RussianOnly => (None, if chance(rng, 0.7) { ovich } else { None }),
            PatronymicStyle::None => (None, None),
        };

        let sur_native = surname_override.and_then(|p| p.native.clone()).or_else(|| surname.native.clone());
        let sur_ru = surname_override.map_or_else(|| surname.russian.clone(), |p| p.russian.clone());
        let sur_lat = surname_override.and_then(|p| p.latin.clone()).unwrap_or_else(|| surname.latin.clone());

        let russian = NameVariant {
            form: NameForm::Russian,
            surname: sur_ru,
            given_names: g.russian.clone(),
            patronymic: patronymic.map(|p| p.russian.clone()),
        };
        let latin = NameVariant {
            form: NameForm::Latin,
            surname: sur_lat,
            given_names: g.latin.clone(),
            patronymic: patronymic.and_then(|p| p.latin.clone()),
        };
        let native = match (&g.native, sur_native) {
            (Some(gn), Some(sn)) => Some(NameVariant {
                form: NameForm::Native,
                surname: sn,
                given_names: gn.clone(),
                patronymic: patronymic.and_then(|p| p.native.clone()),
            }),
            _ => None,
        };
        let ad_hoc = if ad_hoc { self.ad_hoc(rng, g, surname, surname_override, &russian, &latin) } else { None };
        PersonNames { russian, latin, native, ad_hoc }
    }

    /// One realistic misspelling-by-convention of the name, from another agency's system.
    fn ad_hoc(
        &self,
        rng: &mut Rng,
        g: &Entry,
        s: &Entry,
        surname_override: Option<&Patronymic>,
        russian: &NameVariant,
        latin: &NameVariant,
    ) -> Option<NameVariant> {
        let cyrillic_native =
            matches!(self.script, Some(Script::Uzbek | Script::Tajik | Script::Kyrgyz | Script::Kazakh));
        let kinds = if cyrillic_native { 4 } else { 3 };
        for attempt in 0..kinds {
            let k = (rng_index(rng, kinds) + attempt) % kinds;
            let v = if let Some(p) = surname_override {
                // "Асан уулу" as a surname: derive the variants on the spot (rare).
                let sur = match k {
                    0 => translit::russian_to_icao(&p.russian),
                    1 => translit::russian_to_popular(&p.russian),
                    2 => translit::russian_to_local(&p.russian, false),
                    _ => translit::passport_to_naive_russian(p.latin.as_deref().unwrap_or("")),
                };
                self.variant(k, sur, g)
            } else {
                let sur = match k {
                    0 => s.icao.clone(),
                    1 => s.popular.clone(),
                    2 => s.local.clone(),
                    _ => s.naive_ru.clone(),
                };
                self.variant(k, sur, g)
            };
            let same = |o: &NameVariant| o.form == v.form && o.surname == v.surname && o.given_names == v.given_names;
            if !same(russian) && !same(latin) && !v.surname.is_empty() {
                return Some(v);
            }
        }
        None
    }

    fn variant(&self, kind: usize, surname: String, g: &Entry) -> NameVariant {
        let (form, given) = match kind {
            0 => (NameForm::Latin, g.icao.clone()),
            1 => (NameForm::Latin, g.popular.clone()),
            2 => (NameForm::Latin, g.local.clone()),
            _ => (NameForm::Russian, g.naive_ru.clone()),
        };
        NameVariant { form, surname, given_names: given, patronymic: None }
    }

    /// Number of (male, female, surname) entries, for tests and documentation.
    #[cfg(test)]
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.male.len(), self.female.len(), self.surnames_m.len())
    }

    /// Every entry's writings, for validation tests.
    #[cfg(test)]
    pub fn all_entries(&self) -> impl Iterator<Item = &Entry> {
        self.male.iter().chain(&self.female).chain(&self.surnames_m).chain(&self.surnames_f)
    }

    /// Every patronymic, for validation tests.
    #[cfg(test)]
    pub fn all_patronymics(&self) -> impl Iterator<Item = &Patronymic> {
        self.ovich.iter().chain(&self.particle).flatten().flat_map(|(m, f)| [m, f])
    }
}

fn rng_index(rng: &mut Rng, len: usize) -> usize {
    use rand::Rng as _;
    rng.gen_range(0..len.max(1))
}

// ------------------------------------------------------------------------------------ building

fn build() -> Tables {
    let c = |s: &str| Country::parse(s).expect("known country code");
    let nations = vec![
        national(Country::UZB, Script::Uzbek, PatronymicStyle::Uzbek, d::UZ_MALE, d::UZ_FEMALE, d::UZ_SURNAMES),
        national(Country::TJK, Script::Tajik, PatronymicStyle::Tajik, d::TJ_MALE, d::TJ_FEMALE, d::TJ_SURNAMES),
        national(Country::KGZ, Script::Kyrgyz, PatronymicStyle::Kyrgyz, d::KG_MALE, d::KG_FEMALE, d::KG_SURNAMES),
        national(Country::KAZ, Script::Kazakh, PatronymicStyle::Kazakh, d::KZ_MALE, d::KZ_FEMALE, d::KZ_SURNAMES),
        national(
            Country::ARM,
            Script::Armenian,
            PatronymicStyle::RussianOnly,
            d::AM_MALE,
            d::AM_FEMALE,
            d::AM_SURNAMES,
        ),
        national(
            Country::AZE,
            Script::Azerbaijani,
            PatronymicStyle::Azerbaijani,
            d::AZ_MALE,
            d::AZ_FEMALE,
            d::AZ_SURNAMES,
        ),
        national(c("TKM"), Script::Turkmen, PatronymicStyle::RussianOnly, d::TM_MALE, d::TM_FEMALE, d::TM_SURNAMES),
        listed(c("CHN"), PatronymicStyle::None, d::CN_MALE, d::CN_FEMALE, d::CN_SURNAMES, true),
        listed(c("IND"), PatronymicStyle::None, d::IN_MALE, d::IN_FEMALE, d::IN_SURNAMES, true),
        listed(Country::BLR, PatronymicStyle::RussianOnly, d::BY_MALE, d::BY_FEMALE, d::BY_SURNAMES, true),
    ];
    let host_surnames = words(d::HOST_SURNAMES).map(|s| (s.to_owned(), feminize(s, RU_FEM))).collect();
    let host_male: Vec<String> = words(d::HOST_MALE).map(str::to_owned).collect();
    let host_patronymics =
        host_male.iter().map(|f| (russian_patronymic(f, true), russian_patronymic(f, false))).collect();
    Tables {
        nations,
        host_surnames,
        host_male,
        host_female: words(d::HOST_FEMALE).map(str::to_owned).collect(),
        host_patronymics,
    }
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

/// Entries in the national writing, optionally `native=Русский`.
fn entries(script: Script, list: &str) -> Vec<Entry> {
    let mut seen = std::collections::HashSet::new();
    words(list)
        .filter(|w| seen.insert(*w))
        .map(|w| {
            let (native, ru) = match w.split_once('=') {
                Some((n, r)) => (n, Some(r.to_owned())),
                None => (w, None),
            };
            let russian = ru.unwrap_or_else(|| translit::to_russian(script, native));
            let latin = translit::to_passport(script, native);
            entry(Some(native.to_owned()), russian, latin, script == Script::Uzbek)
        })
        .collect()
}

fn entry(native: Option<String>, russian: String, latin: String, x_for_kh: bool) -> Entry {
    Entry {
        icao: translit::russian_to_icao(&russian),
        popular: translit::russian_to_popular(&russian),
        local: translit::russian_to_local(&russian, x_for_kh),
        naive_ru: translit::passport_to_naive_russian(&latin),
        native,
        russian,
        latin,
    }
}

/// Suffix rules that make a female surname from a male one, per writing.
type Fem = &'static [(&'static str, &'static str)];
const RU_FEM: Fem = &[("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("улы", "кызы")];
const LAT_FEM: Fem = &[("OV", "OVA"), ("EV", "EVA"), ("IN", "INA"), ("ULY", "KYZY"), ("OW", "OWA"), ("EW", "EWA")];
const LATIN_NATIVE_FEM: Fem = &[("ov", "ova"), ("ev", "eva")];
const CYR_NATIVE_FEM: Fem = &[("ов", "ова"), ("ев", "ева"), ("ин", "ина"), ("ұлы", "қызы")];
const TK_NATIVE_FEM: Fem = &[("ow", "owa"), ("ew", "ewa")];

fn feminize(s: &str, rules: Fem) -> String {
    for (m, f) in rules {
        if let Some(stem) = s.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    s.to_owned()
}

fn native_fem(script: Script) -> Fem {
    match script {
        Script::Uzbek | Script::Azerbaijani => LATIN_NATIVE_FEM,
        Script::Tajik | Script::Kyrgyz | Script::Kazakh => CYR_NATIVE_FEM,
        Script::Turkmen => TK_NATIVE_FEM,
        Script::Armenian => &[],
    }
}

fn female_surname(script: Script, m: &Entry) -> Entry {
    let native = m.native.as_deref().map(|n| feminize(n, native_fem(script)));
    entry(native, feminize(&m.russian, RU_FEM), feminize(&m.latin, LAT_FEM), script == Script::Uzbek)
}

/// The Russian patronymic of a father's Russian given name (Рустам → Рустамович / Рустамовна,
/// Сергей → Сергеевич, Дмитрий → Дмитриевич, Абдулла → Абдуллаевич).
pub(crate) fn russian_patronymic(father: &str, male: bool) -> String {
    let (m, f) = ("вич", "вна");
    let end = if male { m } else { f };
    if let Some(stem) = father.strip_suffix('й') {
        return format!("{stem}е{end}");
    }
    if let Some(stem) = father.strip_suffix('ь') {
        return format!("{stem}е{end}");
    }
    let last = father.chars().last().unwrap_or('а');
    if "аоуиэыяеёюжшчщц".contains(last) {
        format!("{father}е{end}")
    } else {
        format!("{father}о{end}")
    }
}

fn ends_with_vowel(s: &str) -> bool {
    s.chars().last().is_some_and(|c| "aeiouаеёиоуыэюяӣӯ".contains(c.to_lowercase().next().unwrap_or(c)))
}

fn ovich(script: Script, style: PatronymicStyle, father: &Entry) -> Option<(Patronymic, Patronymic)> {
    let russian_only = style == PatronymicStyle::RussianOnly;
    let make = |male: bool| {
        let native = father.native.as_deref().filter(|_| !russian_only).and_then(|n| {
            let vowel = ends_with_vowel(n);
            match script {
                Script::Uzbek => Some(format!(
                    "{n}{}",
                    if vowel {
                        if male { "yevich" } else { "yevna" }
                    } else if male {
                        "ovich"
                    } else {
                        "ovna"
                    }
                )),
                Script::Tajik | Script::Kyrgyz | Script::Kazakh => Some(format!(
                    "{n}{}",
                    if vowel {
                        if male { "евич" } else { "евна" }
                    } else if male {
                        "ович"
                    } else {
                        "овна"
                    }
                )),
                _ => None,
            }
        });
        let latin = native.as_deref().map(|n| translit::to_passport(script, n));
        Patronymic { native, russian: russian_patronymic(&father.russian, male), latin }
    };
    Some((make(true), make(false)))
}

fn particle(script: Script, father: &Entry) -> Option<(Patronymic, Patronymic)> {
    let n = father.native.as_deref()?;
    let (r, l) = (&father.russian, &father.latin);
    let p = |native: String, russian: String, latin: String| Patronymic {
        native: Some(native),
        russian,
        latin: Some(latin),
    };
    match script {
        Script::Uzbek => Some((
            p(format!("{n} oʻgʻli"), format!("{r} угли"), format!("{l} OGLI")),
            p(format!("{n} qizi"), format!("{r} кизи"), format!("{l} QIZI")),
        )),
        Script::Azerbaijani => Some((
            p(format!("{n} oğlu"), format!("{r} оглы"), format!("{l} OGLU")),
            p(format!("{n} qızı"), format!("{r} кызы"), format!("{l} QIZI")),
        )),
        Script::Kazakh => Some((
            p(format!("{n}ұлы"), format!("{r}улы"), format!("{l}ULY")),
            p(format!("{n}қызы"), format!("{r}кызы"), format!("{l}KYZY")),
        )),
        Script::Kyrgyz => Some((
            p(format!("{n} уулу"), format!("{r} уулу"), format!("{l} UULU")),
            p(format!("{n} кызы"), format!("{r} кызы"), format!("{l} KYZY")),
        )),
        _ => None,
    }
}

fn national(
    country: Country,
    script: Script,
    style: PatronymicStyle,
    male: &str,
    female: &str,
    surnames: &str,
) -> Nation {
    let male = entries(script, male);
    let female = entries(script, female);
    let surnames_m = entries(script, surnames);
    let surnames_f = surnames_m.iter().map(|m| female_surname(script, m)).collect();
    let ovich = male.iter().map(|f| ovich(script, style, f)).collect();
    let particle = male.iter().map(|f| particle(script, f)).collect();
    Nation { country, script: Some(script), style, male, female, surnames_m, surnames_f, ovich, particle }
}

/// `native|Russian|LATIN` triples (and `…/…` female surnames).
fn triples(list: &str, with_native: bool) -> Vec<(Entry, Option<Entry>)> {
    words(list)
        .map(|w| {
            let mut halves = w.split('/');
            let one = |h: &str| {
                let mut p = h.split('|');
                let native = p.next().unwrap_or_default().to_owned();
                let russian = p.next().unwrap_or_default().to_owned();
                let latin = p.next().unwrap_or_default().to_owned();
                entry(with_native.then_some(native), russian, latin, false)
            };
            let m = one(halves.next().unwrap_or_default());
            let f = halves.next().map(one);
            (m, f)
        })
        .collect()
}

fn listed(
    country: Country,
    style: PatronymicStyle,
    male: &str,
    female: &str,
    surnames: &str,
    with_native: bool,
) -> Nation {
    let male: Vec<Entry> = triples(male, with_native).into_iter().map(|(m, _)| m).collect();
    let female = triples(female, with_native).into_iter().map(|(m, _)| m).collect();
    let (surnames_m, surnames_f): (Vec<Entry>, Vec<Entry>) = triples(surnames, with_native)
        .into_iter()
        .map(|(m, f)| {
            let f = f.unwrap_or_else(|| m.clone());
            (m, f)
        })
        .unzip();
    let ovich = male
        .iter()
        .map(|f| {
            (style == PatronymicStyle::RussianOnly).then(|| {
                let mk = |male| Patronymic { native: None, russian: russian_patronymic(&f.russian, male), latin: None };
                (mk(true), mk(false))
            })
        })
        .collect();
    let particle = male.iter().map(|_| None).collect();
    Nation { country, script: None, style, male, female, surnames_m, surnames_f, ovich, particle }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_patronymics() {
        for (f, m, w) in [
            ("Рустам", "Рустамович", "Рустамовна"),
            ("Сергей", "Сергеевич", "Сергеевна"),
            ("Дмитрий", "Дмитриевич", "Дмитриевна"),
            ("Николай", "Николаевич", "Николаевна"),
            ("Абдулла", "Абдуллаевич", "Абдуллаевна"),
            ("Ашот", "Ашотович", "Ашотовна"),
        ] {
            assert_eq!(russian_patronymic(f, true), m);
            assert_eq!(russian_patronymic(f, false), w);
        }
    }

    #[test]
    fn female_surnames() {
        assert_eq!(feminize("Ходжаев", RU_FEM), "Ходжаева");
        assert_eq!(feminize("Серикулы", RU_FEM), "Сериккызы");
        assert_eq!(feminize("Серікұлы", CYR_NATIVE_FEM), "Серікқызы");
        assert_eq!(feminize("Раҳимзода", CYR_NATIVE_FEM), "Раҳимзода");
        assert_eq!(feminize("XOJAYEV", LAT_FEM), "XOJAYEVA");
        assert_eq!(feminize("Həsənli", LATIN_NATIVE_FEM), "Həsənli");
    }

    /// Every writing of every table entry is a valid name in the expected script.
    #[test]
    fn every_entry_passes_the_domain_name_rules() {
        use domain::validate::text::{Script as S, person_name, script_of};
        let ok = |v: &str, want: Option<S>| {
            assert_eq!(person_name(v).as_deref(), Ok(v), "{v:?}");
            if let Some(w) = want {
                assert_eq!(script_of(v), Some(w), "{v:?}");
            }
        };
        let mut n = 0;
        for nation in &tables().nations {
            for e in nation.all_entries() {
                ok(&e.russian, Some(S::Cyrillic));
                ok(&e.naive_ru, Some(S::Cyrillic));
                for l in [&e.latin, &e.icao, &e.popular, &e.local] {
                    ok(l, Some(S::Latin));
                    assert!(l.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-'), "{l:?}");
                }
                if let Some(x) = &e.native {
                    ok(x, None);
                }
                n += 1;
            }
            for p in nation.all_patronymics() {
                ok(&p.russian, Some(S::Cyrillic));
                if let Some(l) = &p.latin {
                    ok(l, Some(S::Latin));
                }
                if let Some(x) = &p.native {
                    ok(x, None);
                }
            }
        }
        assert!(n > 1500, "{n}");
    }

    #[test]
    fn table_sizes_meet_the_brief() {
        let t = tables();
        for n in &t.nations[..6] {
            let (m, f, s) = n.sizes();
            assert!(m >= 60 && f >= 60 && s >= 80, "{}: {m} male, {f} female, {s} surnames", n.country);
        }
    }

    #[test]
    fn overrides_are_used() {
        let uz = tables().nation(Country::UZB);
        let x = uz.surnames_m.iter().find(|e| e.native.as_deref() == Some("Xoʻjayev")).unwrap();
        assert_eq!((x.russian.as_str(), x.latin.as_str(), x.icao.as_str()), ("Ходжаев", "XOJAYEV", "KHODZHAEV"));
        let f = &uz.surnames_f[uz.surnames_m.iter().position(|e| e.native.as_deref() == Some("Xoʻjayev")).unwrap()];
        assert_eq!(
            (f.native.as_deref(), f.russian.as_str(), f.latin.as_str()),
            (Some("Xoʻjayeva"), "Ходжаева", "XOJAYEVA")
        );
    }
}
