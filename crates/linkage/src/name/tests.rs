//! Name folding tests: spelling groups across scripts and systems (all names made up), names
//! that must stay apart, patronymics, and properties.

use std::collections::{HashMap, HashSet};

use domain::person::Sex;
use proptest::prelude::*;

use super::*;

/// Each group is one name as different agencies write it; all must fold to one key.
const SAME: &[&[&str]] = &[
    &["Юсупов", "YUSUPOV", "Iusupov", "Yusupov", "Jusupov", "Жусупов", "Yusupov\u{0301}"],
    &["Хуршид", "Khurshid", "Xurshid", "Hurshid", "KHURSHID", "Ҳуршид", "Xurshid "],
    &["Джамшед", "Dzhamshed", "Jamshed", "Djamshed", "Jamshid", "Ҷамшед", "Жамшид", "Dzhamshid"],
    &["Рахмон", "Раҳмон", "Rakhmon", "Rahmon", "Rakhman", "Рахман", "Raxmon"],
    &["Абдуллоев", "Abdulloev", "Abdullaev", "Абдуллаев", "ABDULLAEV", "Abdulayev", "Abdulloyev"],
    &["Қодиров", "Qodirov", "Kodirov", "Кодиров", "Kadirov", "Кадыров", "KADYROV"],
    &["Ғайратжон", "G'ayratjon", "Gʻayratjon", "Gayratjon", "Гайратжон", "Gairatzhon", "Gayratdzhon"],
    &["Ўткир", "O'tkir", "Oʻtkir", "O‘tkir", "O`tkir", "Oʼtkir", "Уткир", "Utkir", "UTKIR"],
    &["Шаҳноза", "Shahnoza", "Шахноза", "Shakhnoza", "Šahnoza", "SHAKHNOZA"],
    &["Жўрабек", "Jo'rabek", "Журабек", "Dzhurabek", "Jurabek", "Djurabek", "Zhurabek", "Джурабек"],
    &["Өмүрбек", "Омурбек", "Omurbek", "Ömürbek", "Омүрбек"],
    &["Әлия", "Алия", "Aliya", "Aliia", "ALIIA", "Aliyа"],
    &["Нұрлан", "Нурлан", "Nurlan", "NURLAN"],
    &[
        "Раҳмонзода",
        "Рахмонзода",
        "Rahmonzoda",
        "Rakhmonzoda",
        "Rahmonzade",
        "Rahmon-zoda",
        "Рахмонзаде",
        "Rahmon zoda",
    ],
    &["Сайёра", "Sayyora", "Saiera", "SAYERA", "Sayora", "Саййора"],
    &["Мария", "MARIIA", "Mariya", "Maria", "Марийа"],
    &["Марьям", "Maryam", "Mariam", "Мариям", "Mariyam", "Мариам"],
    &["Алиев", "Aliyev", "Aliev", "ALIEV", "Əliyev"],
    &["Мусаев", "Musayev", "Musaev", "Musoev", "Мусоев"],
    &["Евгений", "Yevgeniy", "Evgenii", "EVGENIY", "Jevgenij"],
    &["Фёдор", "Fyodor", "Fedor", "FEDOR", "Федор"],
    &["Андрей", "Andrei", "Andrey", "Andrej"],
    &["Наталья", "Natalia", "Natalya", "Natal'ya", "NATALIA"],
    &["Щербаков", "Shcherbakov", "Sherbakov", "SHCHERBAKOV"],
    &["Цой", "Tsoi", "TCOI", "Tsoy", "Coi"],
    &["Хабибулло", "Habibullo", "Xabibullo", "Khabibulla", "Хабибулла", "Ҳабибулло"],
    &["Эргаш", "Ergash", "Irgash", "Ирgash", "Эргош"],
    &["Ёдгор", "Yodgor", "Йодгор", "Edgor", "YODGOR", "Iodgor"],
    &["Исҳоқ", "Is'hoq", "Исхак", "Iskhak", "Is'hak", "Исҳок"],
    &["Ғуломжон", "G'ulomjon", "Gulomjon", "Гуломжон", "Gulomdzhon", "Ghulomjon"],
    &["Мухаммаджон", "Muhammadjon", "Mukhammadzhon", "Muhammadzhon", "Мухаммадджон", "Muxammadjon"],
    &["Məmmədov", "Mammadov", "Маммадов", "Mammadow"],
    &["Şükür", "Shukur", "Шукур", "Şükur"],
    &["Айдар", "Aidar", "Aydar", "Ajdar", "AIDAR"],
    &["Баҳодир", "Bahodir", "Bakhodir", "Баходир", "Baxodir", "Бахадир"],
    &["Зулфия", "Zulfiya", "Zulfiia", "Зульфия", "Zul'fiya"],
    &["Тўхтаев", "To'xtayev", "Тухтаев", "Tukhtaev", "Tuxtaev", "TUKHTAEV"],
    &["Ильич", "Il'ich", "Ilich", "Ilyich"],
    &["Ислом", "Islom", "Islam", "Ислам", "ISLAM"],
];

/// Pairs that are different names and must not fold together.
const APART: &[(&str, &str)] = &[
    ("Юсупов", "Юсупова"),
    ("Рахмон", "Рахим"),
    ("Алишер", "Алижон"),
    ("Шавкат", "Шухрат"),
    ("Зарина", "Сарина"),
    ("Гулнора", "Гулноза"),
    ("Bakhodir", "Bakhtiyor"),
    ("Ivanov", "Ivanova"),
    ("Шамсиддин", "Самсиддин"),
    ("Ravshan", "Rustam"),
    ("Умид", "Амир"),
    ("Farrukh", "Faruza"),
    ("Ibrohim", "Ibragim"),
    ("Rahmonov", "Rahmonzoda"),
    ("Дильшод", "Дилноза"),
    ("Ситора", "Шитора"),
    ("Чори", "Шори"),
];

#[test]
fn spellings_of_one_name_fold_together() {
    let mut f = Folder::new();
    for group in SAME {
        let want = fold(group[0]);
        assert!(!want.is_empty(), "{}", group[0]);
        for s in *group {
            assert_eq!(f.fold(s), want, "{s} should fold like {}", group[0]);
        }
    }
}

#[test]
fn different_names_stay_apart() {
    for (a, b) in APART {
        assert_ne!(fold(a), fold(b), "{a} / {b}");
    }
}

#[test]
fn keys_are_as_documented() {
    let cases = [
        ("Юсупов", "iusupav"),
        ("Хуршид", "xurshid"),
        ("Джамшед Рустамович", "iamshid rustamavich"),
        ("Rahmon zoda", "raxmanzada"),
        ("Andrej", "andri"),
        ("Ажмал", "azhmal"),
        ("Абдужалил", "abdujalil"),
        ("", ""),
        ("  -- ' ", ""),
        ("Ա中", ""),
    ];
    for (raw, want) in cases {
        assert_eq!(fold(raw), want, "{raw}");
    }
}

#[test]
fn block_keys_gather_variants() {
    let groups: &[&[&str]] = &[
        &["Rahmonov", "Rahmonova", "Rahmon", "Rahmonzoda", "Рахманов"],
        &["Yusupov", "Yusufov", "Юсупова", "Usupov"],
        &["Ibragimov", "Ibrohimov", "Ибрагимов"],
        &["Mahmudov", "Mahmutov", "Махмудов"],
        &["Azizov", "Azisov"],
    ];
    for g in groups {
        let want = block_key(g[0]);
        assert!(!want.is_empty());
        for s in *g {
            assert_eq!(block_key(s), want, "{s} in the block of {}", g[0]);
        }
    }
    assert_ne!(block_key("Rahmonov"), block_key("Rahimov"));
    assert_eq!(block_key(""), "");
}

#[test]
fn surname_stems_ignore_family_endings() {
    for s in ["Rahmonov", "Rahmonova", "Rahmon", "Rahmonzoda", "Рахмонзаде", "Раҳмонов"] {
        assert_eq!(surname_stem(s), "raxman", "{s}");
    }
    assert_eq!(surname_stem("Алиев"), "ali");
    assert_eq!(surname_stem("Aliyeva"), "ali");
    assert_eq!(surname_stem("Ergasheva"), "irgash");
    assert_eq!(surname_stem("Ov"), "av");
}

#[test]
fn patronymic_forms_reduce_to_the_fathers_name() {
    use PatronymicMarker::*;
    let cases: &[(&str, &str, PatronymicMarker)] = &[
        ("Rustam o'g'li", "rustam", Ogli),
        ("Rustam oʻgʻli", "rustam", Ogli),
        ("Рустам ўғли", "rustam", Ogli),
        ("Rustam ugli", "rustam", Ogli),
        ("Рустам угли", "rustam", Ogli),
        ("Рустам оглы", "rustam", Ogli),
        ("Rustam oğlu", "rustam", Ogli),
        ("Rustam-o'g'li", "rustam", Ogli),
        ("Рустамович", "rustam", RussianMasculine),
        ("RUSTAMOVICH", "rustam", RussianMasculine),
        ("Rustamovna", "rustam", RussianFeminine),
        ("Рустам қизи", "rustam", Qizi),
        ("Rustam qizi", "rustam", Qizi),
        ("Рустам кизи", "rustam", Qizi),
        ("Rustam kyzy", "rustam", Qizi),
        ("Рустам кызы", "rustam", Qizi),
        ("Almaz uulu", "almaz", Uulu),
        ("Алмаз уулу", "almaz", Uulu),
        ("Almaz uly", "almaz", Uulu),
        ("Сергеевич", "sirgi", RussianMasculine),
        ("Sergeevna", "sirgi", RussianFeminine),
        ("Игоревич", "igar", RussianMasculine),
        ("Никитич", "nikita", RussianMasculine),
        ("Nikitichna", "nikita", RussianFeminine),
        ("Фомич", "fama", RussianMasculine),
        ("Мусаевич", "musa", RussianMasculine),
        ("Rustam", "rustam", Bare),
    ];
    for (raw, root, marker) in cases {
        let p = parse_patronymic(raw).unwrap_or_else(|| panic!("{raw}"));
        assert_eq!((p.root.as_str(), p.marker), (*root, *marker), "{raw}");
        assert_eq!(p.sex, marker.sex(), "{raw}");
    }
    assert_eq!(fold("Sergei"), "sirgi", "Sergeevich's root is Sergei");
    assert_eq!(parse_patronymic(""), None);
    assert_eq!(parse_patronymic("o'g'li"), None);
    assert_eq!(parse_patronymic("ич"), Some(Patronymic { root: "ich".into(), marker: Bare, sex: None }));
}

#[test]
fn full_names_split_into_parts() {
    let rustam_son = Patronymic { root: "rustam".into(), marker: PatronymicMarker::Ogli, sex: Some(Sex::Male) };
    let a = split_full_name("Yusupov Jamshid Rustam o'g'li");
    assert_eq!(a, NameParts { surname: "iusupav".into(), given: "iamshid".into(), patronymic: Some(rustam_son) });
    let b = split_full_name("ЮСУПОВ ДЖАМШИД РУСТАМОВИЧ");
    assert_eq!((b.surname.as_str(), b.given.as_str()), (a.surname.as_str(), a.given.as_str()));
    assert_eq!(b.patronymic.map(|p| (p.root, p.sex)), Some(("rustam".into(), Some(Sex::Male))));

    let c = split_full_name("Karimova Dilnoza Rustam qizi");
    assert_eq!(c.patronymic.map(|p| (p.root, p.marker)), Some(("rustam".into(), PatronymicMarker::Qizi)));
    let d = split_full_name("Rahmon zoda Ali Valievich");
    assert_eq!((d.surname.as_str(), d.given.as_str()), ("raxmanzada", "ali"));
    assert_eq!(d.patronymic.map(|p| p.root), Some("vali".into()));
    let e = split_full_name("Asanov Bakyt Almaz uulu");
    assert_eq!(e.patronymic.map(|p| p.marker), Some(PatronymicMarker::Uulu));
    let f = split_full_name("Ivanova Maria Petrovna");
    assert_eq!(f.patronymic.map(|p| (p.root, p.sex)), Some(("pitr".into(), Some(Sex::Female))));
    let g = split_full_name("Sobirov Bekzod Akmal");
    assert_eq!(g.patronymic.map(|p| (p.root, p.marker)), Some(("akmal".into(), PatronymicMarker::Bare)));
    let h = split_full_name("Sobirov Bekzod");
    assert_eq!((h.surname.as_str(), h.given.as_str(), h.patronymic), ("sabirav", "bikzad", None));
    let i = split_full_name("Abramovich");
    assert_eq!((i.surname.as_str(), i.patronymic), ("abramavich", None), "a surname in -ovich stays a surname");
    assert_eq!(split_full_name(""), NameParts { surname: String::new(), given: String::new(), patronymic: None });
}

/// Russian-looking random words: Russian letters, soft sign only after consonants, no hard sign
/// (ICAO writes ъ as `ie`, the 1997 rules drop it: they differ before a consonant; names with ъ
/// before a vowel are tested in `hard_sign_before_a_vowel`).
fn russian_word() -> impl Strategy<Value = String> {
    "[бвгджзклмнпрстфхцчшщ]?([аеёиоуыэюяй]([бвгджзклмнпрстфхцчшщ]{1,2}ь?)?){1,4}".prop_map(|w| {
        let mut cs = w.chars();
        match cs.next() {
            Some(c) => c.to_uppercase().chain(cs).collect(),
            None => w,
        }
    })
}

#[test]
fn hard_sign_before_a_vowel() {
    for s in ["Объедков", "Подъячев", "Изъюров", "Съёмов"] {
        assert_eq!(fold(&icao_9303(s)), fold(s), "{s}");
        assert_eq!(fold(&mvd_1997(s)), fold(s), "{s}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn fold_is_idempotent(s in "\\PC{0,40}") {
        let k = fold(&s);
        prop_assert_eq!(fold(&k), k.clone());
        prop_assert!(k.is_ascii());
    }

    #[test]
    fn fold_is_idempotent_on_name_alphabets(s in "[a-zA-Z'ʻ -]{0,30}|[а-яёА-ЯЁғқҳҷӣӯўөүңәіұһ' -]{0,30}") {
        let k = fold(&s);
        prop_assert_eq!(fold(&k), k);
    }

    #[test]
    fn official_transliterations_fold_like_cyrillic(w1 in russian_word(), w2 in russian_word()) {
        let name = format!("{w1} {w2}");
        let want = fold(&name);
        prop_assert_eq!(fold(&icao_9303(&name)), want.clone(), "ICAO {}", icao_9303(&name));
        prop_assert_eq!(fold(&mvd_1997(&name)), want.clone(), "1997 {}", mvd_1997(&name));
        prop_assert_eq!(fold(&name.to_uppercase()), want.clone());
        prop_assert_eq!(fold(&icao_9303(&name.to_uppercase())), want);
    }

    #[test]
    fn nothing_panics_on_any_input(s in "\\PC{0,60}") {
        let _ = fold(&s);
        let _ = block_key(&s);
        let _ = surname_stem(&s);
        let _ = split_full_name(&s);
        let _ = parse_patronymic(&s);
        let _ = icao_9303(&s);
        let _ = mvd_1997(&s);
    }

    #[test]
    fn block_key_is_a_function_of_fold(s in "[a-zA-Zа-яА-Я' -]{0,30}") {
        prop_assert_eq!(block_key(&fold(&s)), block_key(&s));
    }
}

/// A deterministic generator of made-up names from syllables (xorshift, no dependency).
fn generated_names(n: usize) -> Vec<String> {
    const ONSETS: &[&str] =
        &["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ш", "ч", "дж", "ш", ""];
    const VOWELS: &[&str] = &["а", "е", "и", "о", "у", "я", "ю"];
    const CODAS: &[&str] = &["", "", "н", "р", "л", "м", "с", "т", "к", "ш", "з", "б", "д"];
    const ENDINGS: &[&str] = &["ов", "ев", "", "", "бек", "жон", "зода", "ова", "ин"];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let mut out = HashSet::new();
    while out.len() < n {
        let syllables = 2 + next(2);
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(ONSETS[next(ONSETS.len())]);
            w.push_str(VOWELS[next(VOWELS.len())]);
            w.push_str(CODAS[next(CODAS.len())]);
        }
        w.push_str(ENDINGS[next(ENDINGS.len())]);
        out.insert(w);
    }
    let mut v: Vec<String> = out.into_iter().collect();
    v.sort();
    v
}

#[test]
fn distinct_generated_names_rarely_collide() {
    let names = generated_names(20_000);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *by_key.entry(fold(n)).or_default() += 1;
    }
    let colliding: usize = by_key.values().filter(|&&c| c > 1).sum();
    let rate = colliding as f64 / names.len() as f64;
    let mut blocks: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *blocks.entry(block_key(n)).or_default() += 1;
    }
    let largest_block = blocks.values().max().copied().unwrap_or(0);
    println!(
        "fold collisions: {colliding} of {} distinct names ({:.2}%); {} blocks, largest {largest_block}",
        names.len(),
        rate * 100.0,
        blocks.len()
    );
    // The merges (a/o, e/i/y, я after a consonant) make some made-up names equal by design;
    // the bound is generous, the measured rate is printed above.
    assert!(rate < 0.10, "collision rate {rate}");
}
