//! Synthetic person records with known duplicates, for linkage tests and timing.
//!
//! Persons from Uzbekistan, Tajikistan and Kyrgyzstan with Russian-Cyrillic names; each person
//! has one to five records written the way different agencies write them: Cyrillic, the 1997
//! passport Latin, ICAO 9303 Latin, or ad-hoc Latin (`Jamshed`, `Xurshid`, `Iusupov`), with
//! typing errors, day and month swapped, other date formats, document numbers with O for 0 and
//! new passports, phones in national and international form, missing values. Some persons are
//! namesakes of another born days apart, or siblings sharing surname, patronymic, address and
//! phone: different people that a linker must keep apart. Deterministic for a seed.

#![allow(dead_code, reason = "shared by the tests and the example, each using a part of it")]

use rosmigration_linkage::name::{icao_9303, mvd_1997};

/// The CSV header: the record id and the linker's default fields.
pub fn header() -> Vec<&'static str> {
    std::iter::once("record_id").chain(rosmigration_linkage::link::DEFAULT_FIELDS).collect()
}

const SURNAMES: &[&str] = &[
    "Каримов",
    "Рахимов",
    "Алиев",
    "Юсупов",
    "Турсунов",
    "Эргашев",
    "Абдуллаев",
    "Расулов",
    "Шарипов",
    "Умаров",
    "Усмонов",
    "Ходжаев",
    "Кадыров",
    "Мирзаев",
    "Назаров",
    "Хасанов",
    "Исмоилов",
    "Саидов",
    "Салимов",
    "Султонов",
    "Абдурахмонов",
    "Ахмедов",
    "Акбаров",
    "Алимов",
    "Азимов",
    "Бобожонов",
    "Болтаев",
    "Бозоров",
    "Давлатов",
    "Эшматов",
    "Файзуллаев",
    "Ганиев",
    "Гуломов",
    "Хакимов",
    "Хамидов",
    "Хайдаров",
    "Ибрагимов",
    "Жалилов",
    "Жураев",
    "Камолов",
    "Латипов",
    "Махмудов",
    "Маматов",
    "Мухаммадиев",
    "Муродов",
    "Мусаев",
    "Норматов",
    "Нурматов",
    "Обидов",
    "Очилов",
    "Олимов",
    "Орипов",
    "Пулатов",
    "Косимов",
    "Курбонов",
    "Рахмонов",
    "Ражабов",
    "Рустамов",
    "Сафаров",
    "Сатторов",
    "Шукуров",
    "Собиров",
    "Содиков",
    "Тохиров",
    "Тошматов",
    "Валиев",
    "Холматов",
    "Юлдашев",
    "Якубов",
    "Юнусов",
    "Зокиров",
    "Рахмонзода",
    "Сафарзода",
    "Шарифзода",
    "Давлатзода",
    "Асанов",
    "Жумабаев",
    "Токтогулов",
    "Абдыкадыров",
    "Бакиев",
    "Осмонов",
    "Кыдыралиев",
    "Мамытов",
    "Садыров",
    "Джумаев",
    "Исаков",
    "Назарбеков",
    "Шамшиев",
    "Эсенбаев",
    "Ниязов",
    "Бердыев",
    "Кулиев",
    "Ташкентов",
];

const MALE: &[&str] = &[
    "Джамшед",
    "Сардор",
    "Алишер",
    "Бобур",
    "Шерзод",
    "Рустам",
    "Жасур",
    "Бекзод",
    "Дилшод",
    "Фаррух",
    "Жавлон",
    "Акмал",
    "Азиз",
    "Отабек",
    "Улугбек",
    "Достон",
    "Жахонгир",
    "Санжар",
    "Шохрух",
    "Хуршид",
    "Анвар",
    "Баходир",
    "Бахтиёр",
    "Ботир",
    "Элёр",
    "Фарход",
    "Ислом",
    "Илхом",
    "Камол",
    "Мансур",
    "Мурод",
    "Нодир",
    "Одил",
    "Ойбек",
    "Уткир",
    "Пулат",
    "Кодир",
    "Рахим",
    "Равшан",
    "Сарвар",
    "Шавкат",
    "Шухрат",
    "Собир",
    "Темур",
    "Тохир",
    "Умид",
    "Юсуф",
    "Зафар",
    "Абдулла",
    "Фирдавс",
    "Парвиз",
    "Далер",
    "Сухроб",
    "Шахзод",
    "Манучехр",
    "Комрон",
    "Фаридун",
    "Бехруз",
    "Нурлан",
    "Айбек",
    "Бакыт",
    "Эрлан",
    "Талант",
    "Улан",
    "Азамат",
    "Мирлан",
    "Нурбек",
    "Эмиль",
];

const FEMALE: &[&str] = &[
    "Дилноза",
    "Мадина",
    "Малика",
    "Нилуфар",
    "Гульнора",
    "Шахноза",
    "Зарина",
    "Севара",
    "Феруза",
    "Нодира",
    "Мохира",
    "Камола",
    "Дилдора",
    "Азиза",
    "Барно",
    "Чарос",
    "Дилфуза",
    "Дурдона",
    "Фарангиз",
    "Гульбахор",
    "Хилола",
    "Ирода",
    "Жамиля",
    "Лола",
    "Мафтуна",
    "Мунира",
    "Нафиса",
    "Наргиза",
    "Нигора",
    "Ойгуль",
    "Сабина",
    "Саида",
    "Сайёра",
    "Шахло",
    "Ситора",
    "Юлдуз",
    "Зебо",
    "Зульфия",
    "Айгуль",
    "Айзада",
    "Гулзат",
    "Жылдыз",
    "Нургуль",
    "Чолпон",
    "Асель",
    "Бермет",
    "Тахмина",
    "Манижа",
    "Парвина",
    "Мехрона",
];

/// Kazan streets: Cyrillic name, Latin name.
const STREETS: &[(&str, &str)] = &[
    ("Баумана", "Baumana"),
    ("Пушкина", "Pushkina"),
    ("Декабристов", "Dekabristov"),
    ("Чистопольская", "Chistopolskaya"),
    ("Гвардейская", "Gvardeyskaya"),
    ("Ямашева", "Yamasheva"),
    ("Победы", "Pobedy"),
    ("Короленко", "Korolenko"),
    ("Адоратского", "Adoratskogo"),
    ("Сибгата Хакима", "Sibgata Khakima"),
    ("Фучика", "Fuchika"),
    ("Зорге", "Zorge"),
    ("Кремлевская", "Kremlevskaya"),
    ("Татарстан", "Tatarstan"),
    ("Восстания", "Vosstaniya"),
    ("Академика Сахарова", "Akademika Sakharova"),
];

/// A person's true attributes.
#[derive(Debug, Clone)]
pub struct Person {
    pub surname: usize,
    pub given: usize,
    pub father: usize,
    pub female: bool,
    pub dob: (i32, u32, u32),
    pub country: usize,
    pub doc: String,
    pub phone: u64,
    pub street: usize,
    pub house: u32,
    pub flat: u32,
}

/// One generated record: its fields in [`header`] order (after the id) and the true person.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub person: usize,
    pub fields: [String; 10],
}

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Favours the front of a list, as name frequencies do.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        (((u * u * 0.6 + u * 0.4) * n as f64) as usize).min(n - 1)
    }
}

fn female_surname(s: &str) -> String {
    if s.ends_with("ов") || s.ends_with("ев") || s.ends_with("ин") { format!("{s}а") } else { s.to_owned() }
}

fn patronymic(father: &str, female: bool) -> String {
    let stem = father.trim_end_matches('й');
    match (stem.ends_with(['а', 'я']), female) {
        (true, false) => format!("{}ович", &stem[..stem.len() - 2]),
        (true, true) => format!("{}овна", &stem[..stem.len() - 2]),
        (false, false) => format!("{stem}ович"),
        (false, true) => format!("{stem}овна"),
    }
}

/// Ad-hoc Latin as migrants and foreign clerks write it.
fn ad_hoc(latin: &str, rng: &mut Rng) -> String {
    let mut s = latin.to_lowercase();
    let swaps: &[(&str, &[&str])] = &[
        ("dzh", &["j", "dj"]),
        ("kh", &["x", "h"]),
        ("yu", &["iu", "ju"]),
        ("ya", &["ia", "ja"]),
        ("yo", &["io", "e"]),
        ("ts", &["c", "tc"]),
        ("zh", &["j"]),
    ];
    for (from, to) in swaps {
        if s.contains(from) && rng.chance(0.7) {
            s = s.replace(from, to[rng.below(to.len())]);
        }
    }
    capitalise(&s)
}

fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// One writing of a Cyrillic name.
fn write_name(ru: &str, rng: &mut Rng) -> String {
    let s = match rng.below(10) {
        0..=2 => ru.to_owned(),
        3 => ru.to_uppercase(),
        4 | 5 => mvd_1997(ru).to_uppercase(),
        6 => icao_9303(ru).to_uppercase(),
        7 => capitalise(&mvd_1997(ru).to_lowercase()),
        _ => ad_hoc(&mvd_1997(ru), rng),
    };
    if rng.chance(0.08) { typo(&s, rng) } else { s }
}

/// One typing error: a letter dropped, doubled, replaced or swapped with the next.
fn typo(s: &str, rng: &mut Rng) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 4 {
        return s.to_owned();
    }
    let i = 1 + rng.below(c.len() - 2);
    match rng.below(4) {
        0 => {
            c.remove(i);
        }
        1 => c.insert(i, c[i]),
        2 => c[i] = if c[i].is_ascii() { (b'a' + rng.below(26) as u8) as char } else { 'о' },
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

fn write_date(d: (i32, u32, u32), rng: &mut Rng) -> String {
    let (y, mut m, mut day) = d;
    if day <= 12 && rng.chance(0.03) {
        std::mem::swap(&mut m, &mut day);
    } else if rng.chance(0.015) {
        day = 1 + (day + rng.below(3) as u32) % 28;
    }
    let y = if rng.chance(0.005) { y + 1 } else { y };
    match rng.below(4) {
        0 => format!("{day:02}.{m:02}.{y}"),
        1 => format!("{y}-{m:02}-{day:02}"),
        2 => format!("{day:02}/{m:02}/{y}"),
        _ => format!("{y}{m:02}{day:02}"),
    }
}

fn new_doc(country: usize, rng: &mut Rng) -> String {
    let digits = |n: usize, rng: &mut Rng| -> String { (0..n).map(|_| (b'0' + rng.below(10) as u8) as char).collect() };
    match country {
        0 => format!("{}{}", ["AA", "AB", "AC", "FA", "AD"][rng.below(5)], digits(7, rng)),
        1 => format!("4{}", digits(8, rng)),
        _ => format!("{}{}", ["ID", "AN", "AC"][rng.below(3)], digits(7, rng)),
    }
}

fn write_doc(doc: &str, rng: &mut Rng) -> String {
    let mut s = doc.to_owned();
    if rng.chance(0.05) {
        s = s.replacen('0', "O", 1);
    }
    match rng.below(5) {
        0 => s.to_lowercase(),
        1 if s.len() > 4 => format!("{} {}", &s[..2], &s[2..]),
        2 => s.replace('A', "А"),
        3 if rng.chance(0.3) => typo(&s, rng),
        _ => s,
    }
}

fn write_phone(p: u64, rng: &mut Rng) -> String {
    let s = p.to_string(); // 10 digits, 9xxxxxxxxx
    match rng.below(4) {
        0 => format!("+7{s}"),
        1 => format!("8 ({}) {}-{}-{}", &s[..3], &s[3..6], &s[6..8], &s[8..]),
        2 => format!("+7 {} {} {} {}", &s[..3], &s[3..6], &s[6..8], &s[8..]),
        _ => s,
    }
}

fn write_address(street: usize, house: u32, flat: u32, rng: &mut Rng) -> String {
    let (ru, lat) = STREETS[street];
    match rng.below(3) {
        0 => format!("г. Казань, ул. {ru}, д. {house}, кв. {flat}"),
        1 => format!("Kazan, {lat} st {house} apt {flat}"),
        _ => format!("Казань, ул {ru} {house}-{flat}"),
    }
}

fn new_person(rng: &mut Rng) -> Person {
    let female = rng.chance(0.35);
    let given = if female { rng.skewed(FEMALE.len()) } else { rng.skewed(MALE.len()) };
    Person {
        surname: rng.skewed(SURNAMES.len()),
        given,
        father: rng.skewed(MALE.len()),
        female,
        dob: (1960 + rng.below(46) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32),
        country: rng.below(3),
        doc: String::new(),
        phone: 9_000_000_000 + rng.next() % 1_000_000_000,
        street: rng.below(STREETS.len()),
        house: 1 + rng.below(120) as u32,
        flat: 1 + rng.below(200) as u32,
    }
}

/// Persons, some of them namesakes or siblings of earlier ones.
pub fn persons(n: usize, seed: u64) -> Vec<Person> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<Person> = Vec::with_capacity(n);
    for _ in 0..n {
        let mut p = new_person(&mut rng);
        if !out.is_empty() && rng.chance(0.02) {
            // A namesake: same full name, born days apart; a different person.
            let o = &out[rng.below(out.len())];
            p.surname = o.surname;
            p.given = o.given;
            p.father = o.father;
            p.female = o.female;
            p.country = o.country;
            p.dob = (o.dob.0, o.dob.1, 1 + (o.dob.2 + 1 + rng.below(5) as u32) % 28);
        } else if !out.is_empty() && rng.chance(0.04) {
            // A sibling: same family, address and often phone.
            let o = &out[rng.below(out.len())];
            p.surname = o.surname;
            p.father = o.father;
            p.country = o.country;
            p.street = o.street;
            p.house = o.house;
            p.flat = o.flat;
            if rng.chance(0.5) {
                p.phone = o.phone;
            }
        }
        p.doc = new_doc(p.country, &mut rng);
        out.push(p);
    }
    out
}

/// Records of `n_persons` persons (about 1.7 records per person).
pub fn records(n_persons: usize, seed: u64) -> Vec<Record> {
    let people = persons(n_persons, seed);
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
    let mut out = Vec::with_capacity(n_persons * 17 / 10);
    for (pi, p) in people.iter().enumerate() {
        let copies = match rng.unit() {
            x if x < 0.55 => 1,
            x if x < 0.80 => 2,
            x if x < 0.92 => 3,
            x if x < 0.97 => 4,
            _ => 5,
        };
        for _ in 0..copies {
            let id = format!("r{:07}", out.len() + 1);
            out.push(Record { id, person: pi, fields: record_fields(p, &mut rng) });
        }
    }
    out
}

fn record_fields(p: &Person, rng: &mut Rng) -> [String; 10] {
    let surname_ru = if p.female { female_surname(SURNAMES[p.surname]) } else { SURNAMES[p.surname].to_owned() };
    let given_ru = if p.female { FEMALE[p.given] } else { MALE[p.given] };
    let patronymic_ru = patronymic(MALE[p.father], p.female);
    let opt = |rng: &mut Rng, p_missing: f64, v: String| if rng.chance(p_missing) { String::new() } else { v };
    let surname = write_name(&surname_ru, rng);
    let given = write_name(given_ru, rng);
    let v = write_name(&patronymic_ru, rng);
    let patronymic = opt(rng, 0.3, v);
    let v = write_date(p.dob, rng);
    let dob = opt(rng, 0.04, v);
    let v = (if p.female { ["Ж", "F", "жен"] } else { ["М", "M", "муж"] })[rng.below(3)].to_owned();
    let sex = opt(rng, 0.1, v);
    let citizenship = opt(rng, 0.1, ["UZB", "TJK", "KGZ"][p.country].to_owned());
    let doc = if rng.chance(0.05) { new_doc(p.country, rng) } else { p.doc.clone() };
    let v = write_doc(&doc, rng);
    let doc = opt(rng, 0.15, v);
    let phone = if rng.chance(0.1) { 9_000_000_000 + rng.next() % 1_000_000_000 } else { p.phone };
    let v = write_phone(phone, rng);
    let phone = opt(rng, 0.3, v);
    let (street, house, flat) = if rng.chance(0.15) {
        (rng.below(STREETS.len()), 1 + rng.below(120) as u32, 1 + rng.below(200) as u32)
    } else {
        (p.street, p.house, p.flat)
    };
    let v = write_address(street, house, flat, rng);
    let address = opt(rng, 0.3, v);
    let postcode = opt(rng, 0.3, format!("4200{:02}", street));
    [surname, given, patronymic, dob, sex, citizenship, doc, phone, address, postcode]
}

/// Pairwise precision and recall of `cluster` (one label per record) against the truth.
pub fn pairwise(records: &[Record], cluster: &[usize]) -> (f64, f64) {
    use std::collections::HashMap;
    let mut by_cluster: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &c) in cluster.iter().enumerate() {
        by_cluster.entry(c).or_default().push(i);
    }
    let (mut tp, mut predicted) = (0u64, 0u64);
    for members in by_cluster.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                predicted += 1;
                if records[a].person == records[b].person {
                    tp += 1;
                }
            }
        }
    }
    let mut by_person: HashMap<usize, u64> = HashMap::new();
    for r in records {
        *by_person.entry(r.person).or_default() += 1;
    }
    let truth: u64 = by_person.values().map(|&n| n * (n - 1) / 2).sum();
    let precision = if predicted == 0 { 1.0 } else { tp as f64 / predicted as f64 };
    let recall = if truth == 0 { 1.0 } else { tp as f64 / truth as f64 };
    (precision, recall)
}

/// Quotes a CSV field when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}
