//! Organisations of the demo region: employers (with a few large anchor enterprises), Kazan's
//! universities and the service points a migrant visits, with valid INN and OGRN.

use std::collections::HashSet;

use chrono::{Days, NaiveTime};
use domain::org::{OrgKind, Organisation};
use domain::validate::inn::Inn;
use domain::validate::ogrn::Ogrn;
use rand::Rng as _;

use crate::DemoConfig;
use crate::geo::{self, district_index, house_number, street_index};
use crate::rng::{Rng, Stream, push_digits, rng_for, uuid_v7};

/// What an employer does: decides the positions its foreign workers hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sector {
    Construction,
    Retail,
    Logistics,
    Agriculture,
    Food,
    Cleaning,
    Transport,
    Manufacturing,
    Garment,
    Services,
}

impl Sector {
    /// Positions as written in labour contracts, most common first.
    pub fn positions(self) -> &'static [&'static str] {
        match self {
            Sector::Construction => &[
                "Подсобный рабочий",
                "Бетонщик",
                "Каменщик",
                "Монтажник",
                "Штукатур-маляр",
                "Арматурщик",
                "Электрогазосварщик",
                "Плиточник-облицовщик",
                "Разнорабочий",
                "Кровельщик",
            ],
            Sector::Retail => &["Продавец-кассир", "Грузчик", "Кладовщик", "Мерчендайзер", "Фасовщик", "Продавец"],
            Sector::Logistics => {
                &["Комплектовщик", "Грузчик", "Водитель-экспедитор", "Оператор погрузчика", "Кладовщик", "Упаковщик"]
            }
            Sector::Agriculture => &["Рабочий теплицы", "Овощевод", "Тракторист", "Разнорабочий", "Сортировщик"],
            Sector::Food => &["Повар", "Кухонный рабочий", "Пекарь", "Официант", "Обвальщик мяса", "Мойщик посуды"],
            Sector::Cleaning => &["Уборщик служебных помещений", "Дворник", "Оператор клининга", "Уборщик территории"],
            Sector::Transport => &["Водитель такси", "Курьер", "Водитель автомобиля", "Автослесарь"],
            Sector::Manufacturing => &[
                "Слесарь механосборочных работ",
                "Оператор станков с ЧПУ",
                "Сварщик",
                "Формовщик ЖБИ",
                "Подсобный рабочий",
                "Станочник",
            ],
            Sector::Garment => &["Швея", "Закройщик", "Упаковщик", "Утюжильщик"],
            Sector::Services => &["Мойщик автомобилей", "Шиномонтажник", "Горничная", "Рабочий по обслуживанию зданий"],
        }
    }

    /// Positions women are usually hired for in the sector (a construction firm hires them as
    /// plasterers and cleaners, not as steel fixers).
    pub fn positions_for_women(self) -> &'static [&'static str] {
        match self {
            Sector::Construction => &["Штукатур-маляр", "Маляр", "Уборщик служебных помещений", "Подсобный рабочий"],
            Sector::Retail => &["Продавец-кассир", "Фасовщик", "Продавец", "Мерчендайзер"],
            Sector::Logistics => &["Комплектовщик", "Упаковщик", "Кладовщик"],
            Sector::Agriculture => &["Рабочий теплицы", "Овощевод", "Сортировщик"],
            Sector::Food => &["Повар", "Кухонный рабочий", "Официант", "Мойщик посуды", "Пекарь"],
            Sector::Cleaning => &["Уборщик служебных помещений", "Оператор клининга", "Уборщик территории"],
            Sector::Transport => &["Диспетчер", "Курьер"],
            Sector::Manufacturing => &["Упаковщик", "Контролёр ОТК", "Подсобный рабочий"],
            Sector::Garment => &["Швея", "Закройщик", "Утюжильщик"],
            Sector::Services => &["Горничная", "Мойщик автомобилей", "Рабочий по обслуживанию зданий"],
        }
    }
}

/// An employer of the demo region.
pub(crate) struct EmployerSpec {
    pub name: &'static str,
    pub sector: Sector,
    pub district: &'static str,
    pub street: &'static str,
    pub anchor: bool,
    /// Relative share of the region's foreign workers it employs.
    pub weight: u32,
}

const fn emp(
    name: &'static str,
    sector: Sector,
    district: &'static str,
    street: &'static str,
    weight: u32,
) -> EmployerSpec {
    EmployerSpec { name, sector, district, street, anchor: false, weight }
}

const fn anchor(
    name: &'static str,
    sector: Sector,
    district: &'static str,
    street: &'static str,
    weight: u32,
) -> EmployerSpec {
    EmployerSpec { name, sector, district, street, anchor: true, weight }
}

use Sector::*;

/// Sixty employers; the first five are the anchor enterprises (about 40 % of the jobs).
pub(crate) static EMPLOYERS: [EmployerSpec; 60] = [
    anchor("АО «ТатСтройИнвест»", Construction, "Советский", "ул. Сибирский тракт", 90),
    anchor("ООО «Волга-Логистик Терминал»", Logistics, "Приволжский", "ул. Роторная", 60),
    anchor("АО «Агрокомбинат «Заречье»", Agriculture, "Кировский", "Горьковское шоссе", 50),
    anchor("ООО «Кама Ритейл Групп»", Retail, "Ново-Савиновский", "пр-т Ямашева", 55),
    anchor("АО «Казанский завод металлоконструкций»", Manufacturing, "Авиастроительный", "ул. Дементьева", 45),
    emp("ООО «СтройМонолит-Казань»", Construction, "Советский", "ул. Аделя Кутуя", 12),
    emp("ООО «ПСК «Идель»", Construction, "Приволжский", "ул. Рихарда Зорге", 11),
    emp("ООО «Татстроймонтаж»", Construction, "Московский", "ул. Декабристов", 10),
    emp("ООО «Казань-ЖилСтрой»", Construction, "Ново-Савиновский", "ул. Чистопольская", 10),
    emp("ООО «Фасад-Сервис»", Construction, "Советский", "ул. Николая Ершова", 8),
    emp("ООО «Кровля-Профи»", Construction, "Кировский", "ул. Гладилова", 6),
    emp("ООО «СК «Кремлёвский»", Construction, "Вахитовский", "ул. Петербургская", 9),
    emp("ООО «ДорСтрой-16»", Construction, "Авиастроительный", "ул. Копылова", 8),
    emp("ООО «ТеплоМонтаж»", Construction, "Московский", "ул. Тэцевская", 6),
    emp("ООО «Отделка Плюс»", Construction, "Приволжский", "ул. Гарифьянова", 7),
    emp("ООО «Стройресурс»", Construction, "Советский", "ул. Даурская", 7),
    emp("ООО «Ремстройсервис»", Construction, "Ново-Савиновский", "ул. Короленко", 6),
    emp("ООО «Продукты у дома»", Retail, "Приволжский", "ул. Юлиуса Фучика", 5),
    emp("ООО «Овощная база «Южная»", Retail, "Приволжский", "ул. Техническая", 8),
    emp("ООО «Фрукты Востока»", Retail, "Московский", "ул. Кулахметова", 6),
    emp("ООО «Торговый дом «Сабантуй»", Retail, "Советский", "ул. Патриса Лумумбы", 5),
    emp("ООО «Минимаркет «Дуслык»", Retail, "Кировский", "ул. Батыршина", 3),
    emp("ООО «Магазин «Ашкэй»", Retail, "Вахитовский", "ул. Габдуллы Тукая", 3),
    emp("ООО «Рынок «Московский»", Retail, "Московский", "ул. Гудованцева", 7),
    emp("ООО «ТД «Восточный базар»", Retail, "Советский", "ул. Космонавтов", 5),
    emp("ООО «Транзит-Казань»", Logistics, "Советский", "ул. Мамадышский тракт", 9),
    emp("ООО «СкладЛогистик»", Logistics, "Приволжский", "ул. Ахтубинская", 8),
    emp("ООО «Экспресс-Доставка 16»", Logistics, "Ново-Савиновский", "ул. Абсалямова", 6),
    emp("ООО «Кама Карго»", Logistics, "Авиастроительный", "ул. Челюскина", 6),
    emp("ООО «ТК «Идель-Транс»", Logistics, "Кировский", "ул. Окольная", 5),
    emp("ООО «РЦ «Столбище»", Logistics, "Приволжский", "ул. Рашида Вагапова", 7),
    emp("ООО «Тепличный комбинат «Весна»", Agriculture, "Кировский", "ул. Ильича", 9),
    emp("ООО «Агрофирма «Биектау»", Agriculture, "Авиастроительный", "ул. Симонова", 6),
    emp("ООО «Овощевод»", Agriculture, "Кировский", "ул. Красной Позиции", 5),
    emp("СПК «Нива»", Agriculture, "Советский", "ул. Родины", 4),
    emp("ООО «Чайхана «Самарканд»", Food, "Вахитовский", "ул. Баумана", 4),
    emp("ООО «Кафе «Памир»", Food, "Советский", "ул. Гвардейская", 3),
    emp("ООО «Пекарня «Тандыр»", Food, "Московский", "ул. Ибрагимова", 3),
    emp("ООО «Столовая № 1»", Food, "Вахитовский", "ул. Островского", 3),
    emp("ООО «Фабрика-кухня «Казан»", Food, "Ново-Савиновский", "ул. Фатыха Амирхана", 6),
    emp("ООО «Ресторан «Восточный двор»", Food, "Вахитовский", "ул. Пушкина", 3),
    emp("ООО «Хлебокомбинат «Заречный»", Food, "Кировский", "ул. Клары Цеткин", 6),
    emp("ООО «Мясокомбинат «Халяль-Продукт»", Food, "Авиастроительный", "ул. Айдарова", 7),
    emp("ООО «Клининг-Про»", Cleaning, "Ново-Савиновский", "ул. Маршала Чуйкова", 7),
    emp("ООО «Чистый город»", Cleaning, "Приволжский", "ул. Павлюхина", 8),
    emp("ООО «УК «Жилкомсервис»", Cleaning, "Советский", "пр-т Альберта Камалеева", 6),
    emp("ООО «Сервис-Клин»", Cleaning, "Московский", "ул. Волгоградская", 5),
    emp("ООО «Благоустройство-Казань»", Cleaning, "Вахитовский", "ул. Татарстан", 6),
    emp("ООО «Такси «Восток»", Transport, "Советский", "ул. Академика Глушко", 5),
    emp("ООО «Таксопарк «Идель»", Transport, "Приволжский", "ул. Кул Гали", 5),
    emp("ООО «Курьер-Сервис»", Transport, "Ново-Савиновский", "ул. Серова", 6),
    emp("ООО «Автопарк-16»", Transport, "Авиастроительный", "ул. Побежимова", 4),
    emp("ООО «Завод ЖБИ «Казанский»", Manufacturing, "Московский", "ул. Восстания", 8),
    emp("ООО «Швейная фабрика «Аделина»", Garment, "Кировский", "ул. Адмиралтейская", 5),
    emp("ООО «Мебельная фабрика «Уют»", Manufacturing, "Авиастроительный", "ул. Лукина", 4),
    emp("ООО «Казанский кирпичный завод»", Manufacturing, "Советский", "ул. Сибирский тракт", 6),
    emp("ООО «Полимер-Пласт»", Manufacturing, "Московский", "ул. Шамиля Усманова", 4),
    emp("ООО «Гостиница «Волга»", Services, "Вахитовский", "ул. Калинина", 3),
    emp("ООО «Автомойка «Блеск»", Services, "Приволжский", "ул. Мавлютова", 3),
    emp("ООО «Шиномонтаж «Колесо»", Services, "Ново-Савиновский", "ул. Четаева", 2),
];

/// A university with its dormitory.
pub(crate) struct UniversitySpec {
    pub name: &'static str,
    pub district: &'static str,
    pub street: &'static str,
    pub house: &'static str,
    pub point: (f64, f64),
    pub dorm_district: &'static str,
    pub dorm_street: &'static str,
    pub dorm_house: &'static str,
    /// Share of the foreign students it hosts.
    pub weight: u32,
}

/// Kazan's five largest universities for foreign students.
pub(crate) static UNIVERSITIES: [UniversitySpec; 5] = [
    UniversitySpec {
        name: "ФГАОУ ВО «Казанский (Приволжский) федеральный университет»",
        district: "Вахитовский",
        street: "ул. Кремлёвская",
        house: "18",
        point: (55.7906, 49.1215),
        dorm_district: "Приволжский",
        dorm_street: "ул. Деревня Универсиады",
        dorm_house: "21",
        weight: 45,
    },
    UniversitySpec {
        name: "ФГБОУ ВО «Казанский национальный исследовательский технологический университет»",
        district: "Вахитовский",
        street: "ул. Карла Маркса",
        house: "68",
        point: (55.7966, 49.1345),
        dorm_district: "Вахитовский",
        dorm_street: "ул. Калинина",
        dorm_house: "38",
        weight: 18,
    },
    UniversitySpec {
        name: "ФГБОУ ВО «Казанский национальный исследовательский технический университет им. А. Н. Туполева — КАИ»",
        district: "Вахитовский",
        street: "ул. Карла Маркса",
        house: "10",
        point: (55.7922, 49.1236),
        dorm_district: "Вахитовский",
        dorm_street: "ул. Большая Красная",
        dorm_house: "55",
        weight: 15,
    },
    UniversitySpec {
        name: "ФГБОУ ВО «Казанский государственный медицинский университет» Министерства здравоохранения Российской Федерации",
        district: "Вахитовский",
        street: "ул. Бутлерова",
        house: "49",
        point: (55.7878, 49.1383),
        dorm_district: "Вахитовский",
        dorm_street: "ул. Бутлерова",
        dorm_house: "31",
        weight: 14,
    },
    UniversitySpec {
        name: "ФГБОУ ВО «Казанский государственный энергетический университет»",
        district: "Московский",
        street: "ул. Красносельская",
        house: "51",
        point: (55.8235, 49.0968),
        dorm_district: "Московский",
        dorm_street: "ул. Красносельская",
        dorm_house: "49",
        weight: 8,
    },
];

/// A service point.
struct ServiceSpec {
    kind: OrgKind,
    name: &'static str,
    district: &'static str,
    street: &'static str,
    house: &'static str,
    languages: &'static [&'static str],
    hours: &'static str,
    /// A legal entity of its own (has INN and OGRN) rather than a subdivision of a ministry.
    legal: bool,
}

const WEEKDAYS: &str = "Пн–Пт 09:00–18:00, перерыв 13:00–14:00";
const SATURDAY: &str = "Пн–Пт 08:00–19:00, Сб 09:00–15:00, без перерыва";
const MVD_HOURS: &str = "Вт, Чт 10:00–19:00; Ср, Пт 09:00–17:00; Сб 09:00–13:00; перерыв 13:00–14:00";

static SERVICE_POINTS: [ServiceSpec; 13] = [
    ServiceSpec {
        kind: OrgKind::MedicalCentre,
        name: "ГАУЗ «Республиканский центр медицинского освидетельствования иностранных граждан»",
        district: "Приволжский",
        street: "ул. Мавлютова",
        house: "45",
        languages: &["ru", "uz", "tg", "ky"],
        hours: SATURDAY,
        legal: true,
    },
    ServiceSpec {
        kind: OrgKind::MedicalCentre,
        name: "ООО «Медицинский центр «Мигрант-Мед»",
        district: "Московский",
        street: "ул. Декабристов",
        house: "85",
        languages: &["ru", "uz", "tg"],
        hours: SATURDAY,
        legal: true,
    },
    ServiceSpec {
        kind: OrgKind::MedicalCentre,
        name: "ГАУЗ «Городская поликлиника № 21», кабинет освидетельствования иностранных граждан",
        district: "Советский",
        street: "ул. Академика Глушко",
        house: "16",
        languages: &["ru"],
        hours: WEEKDAYS,
        legal: true,
    },
    ServiceSpec {
        kind: OrgKind::FingerprintCentre,
        name: "ФГУП «ПВС» МВД России, пункт дактилоскопической регистрации (Казань)",
        district: "Вахитовский",
        street: "ул. Вишневского",
        house: "26",
        languages: &["ru", "uz", "tg"],
        hours: SATURDAY,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::FingerprintCentre,
        name: "Многофункциональный миграционный центр, пункт дактилоскопии и фотографирования",
        district: "Приволжский",
        street: "ул. Техническая",
        house: "25",
        languages: &["ru", "uz", "tg", "ky"],
        hours: SATURDAY,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::ExamCentre,
        name: "Центр тестирования иностранных граждан КФУ",
        district: "Вахитовский",
        street: "ул. Пушкина",
        house: "1",
        languages: &["ru"],
        hours: WEEKDAYS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::ExamCentre,
        name: "Центр тестирования по русскому языку как иностранному КНИТУ",
        district: "Вахитовский",
        street: "ул. Карла Маркса",
        house: "72",
        languages: &["ru"],
        hours: WEEKDAYS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::MvdOffice,
        name: "Управление по вопросам миграции МВД по Республике Татарстан",
        district: "Вахитовский",
        street: "ул. Калинина",
        house: "44",
        languages: &["ru"],
        hours: MVD_HOURS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::MvdOffice,
        name: "Отдел по вопросам миграции ОП № 4 «Восход» УМВД России по г. Казани",
        district: "Советский",
        street: "ул. Аделя Кутуя",
        house: "88",
        languages: &["ru"],
        hours: MVD_HOURS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::MvdOffice,
        name: "Отдел по вопросам миграции ОП № 6 «Савиново» УМВД России по г. Казани",
        district: "Ново-Савиновский",
        street: "ул. Адоратского",
        house: "29",
        languages: &["ru"],
        hours: MVD_HOURS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::MvdOffice,
        name: "Отдел по вопросам миграции ОП № 8 «Горки» УМВД России по г. Казани",
        district: "Приволжский",
        street: "ул. Юлиуса Фучика",
        house: "58",
        languages: &["ru"],
        hours: MVD_HOURS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::MvdOffice,
        name: "Отдел по вопросам миграции ОП № 10 «Промышленный» УМВД России по г. Казани",
        district: "Авиастроительный",
        street: "ул. Ленинградская",
        house: "27",
        languages: &["ru"],
        hours: MVD_HOURS,
        legal: false,
    },
    ServiceSpec {
        kind: OrgKind::AdaptationCentre,
        name: "ГАУ «Центр социальной и культурной адаптации иностранных граждан Республики Татарстан»",
        district: "Вахитовский",
        street: "ул. Островского",
        house: "23",
        languages: &["ru", "uz", "tg", "ky"],
        hours: "Пн–Пт 10:00–19:00, Сб 10:00–16:00",
        legal: true,
    },
];

/// Tax office code (the four first INN digits) of a Kazan district's inspection.
fn tax_office(district: &str) -> &'static str {
    match district {
        "Вахитовский" => "1655",
        "Кировский" => "1656",
        "Ново-Савиновский" => "1657",
        "Московский" => "1658",
        "Приволжский" => "1659",
        "Советский" => "1660",
        _ => "1661",
    }
}

/// A 10-digit legal-entity INN with the office code and a correct check digit.
pub(crate) fn make_inn(rng: &mut Rng, office: &str) -> Inn {
    const W: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let mut s = String::with_capacity(10);
    s.push_str(office);
    push_digits(&mut s, rng.gen_range(0..100_000), 5);
    let sum: u32 = s.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    s.push(char::from(b'0' + (sum % 11 % 10) as u8));
    Inn::parse(&s).expect("constructed with a valid check digit")
}

/// A 13-digit OGRN: sign 1, registration year, region 16, office, record number, check digit.
pub(crate) fn make_ogrn(rng: &mut Rng, office: &str) -> Ogrn {
    let mut s = String::with_capacity(13);
    s.push('1');
    push_digits(&mut s, rng.gen_range(2..24), 2);
    s.push_str("16");
    s.push_str(&office[2..4]);
    push_digits(&mut s, rng.gen_range(0..100_000), 5);
    let body: u64 = s.parse().expect("digits");
    s.push(char::from(b'0' + (body % 11 % 10) as u8));
    Ogrn::parse(&s).expect("constructed with a valid check digit")
}

/// The organisations of a demo region, in a fixed order: employers (anchors first), universities,
/// service points (the adaptation centre last).
pub(crate) fn generate(cfg: &DemoConfig) -> Vec<Organisation> {
    let mut rng = rng_for(cfg.seed, Stream::Region, 0);
    let base = cfg.today.checked_sub_days(Days::new(3 * 365)).unwrap_or(cfg.today).and_time(NaiveTime::MIN).and_utc();
    let mut seen_inn = HashSet::new();
    let mut out = Vec::with_capacity(EMPLOYERS.len() + UNIVERSITIES.len() + SERVICE_POINTS.len());
    let mut legal = |rng: &mut Rng, district: &str| loop {
        let office = tax_office(district);
        let inn = make_inn(rng, office);
        if seen_inn.insert(inn.clone()) {
            return (Some(inn), Some(make_ogrn(rng, office)));
        }
    };
    let mut stamp = 0i64;
    let mut id = |rng: &mut Rng| {
        stamp += 1;
        uuid_v7(rng, base + chrono::Duration::minutes(stamp * 7))
    };
    for e in &EMPLOYERS {
        let d = district_index(e.district);
        let s = street_index(d, e.street);
        let house = house_number(&mut rng);
        let address = geo::address_on(&mut rng, d, s, house, None);
        let (inn, ogrn) = legal(&mut rng, e.district);
        out.push(Organisation {
            id: id(&mut rng),
            kind: OrgKind::Employer,
            name: e.name.to_owned(),
            inn,
            ogrn,
            address: Some(address),
            anchor: e.anchor,
            languages: vec![],
            opening_hours: None,
        });
    }
    for u in &UNIVERSITIES {
        let d = district_index(u.district);
        let mut address = geo::address_on(&mut rng, d, street_index(d, u.street), u.house.to_owned(), None);
        address.lat = Some(u.point.0);
        address.lon = Some(u.point.1);
        let (inn, ogrn) = legal(&mut rng, u.district);
        out.push(Organisation {
            id: id(&mut rng),
            kind: OrgKind::University,
            name: u.name.to_owned(),
            inn,
            ogrn,
            address: Some(address),
            anchor: false,
            languages: vec!["ru".into(), "en".into()],
            opening_hours: Some("Пн–Пт 09:00–17:00 (международная служба)".into()),
        });
    }
    for p in &SERVICE_POINTS {
        let d = district_index(p.district);
        let address = geo::address_on(&mut rng, d, street_index(d, p.street), p.house.to_owned(), None);
        let (inn, ogrn) = if p.legal { legal(&mut rng, p.district) } else { (None, None) };
        out.push(Organisation {
            id: id(&mut rng),
            kind: p.kind,
            name: p.name.to_owned(),
            inn,
            ogrn,
            address: Some(address),
            anchor: false,
            languages: p.languages.iter().map(|l| (*l).to_owned()).collect(),
            opening_hours: Some(p.hours.to_owned()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_and_ogrn_are_valid_and_tatar() {
        let mut rng = rng_for(5, Stream::Region, 1);
        for _ in 0..2000 {
            let inn = make_inn(&mut rng, "1657");
            assert!(inn.as_str().starts_with("1657") && inn.is_legal_entity());
            let ogrn = make_ogrn(&mut rng, "1657");
            assert_eq!(&ogrn.as_str()[3..5], "16");
            assert_eq!(ogrn.as_str().len(), 13);
        }
    }

    #[test]
    fn specs_refer_to_known_streets() {
        for e in &EMPLOYERS {
            let d = district_index(e.district);
            assert_eq!(geo::DISTRICTS[d].name, e.district, "{}", e.name);
            assert!(geo::DISTRICTS[d].streets.iter().any(|s| s.name == e.street), "{}: {}", e.name, e.street);
        }
        for u in &UNIVERSITIES {
            for (dn, sn) in [(u.district, u.street), (u.dorm_district, u.dorm_street)] {
                let d = district_index(dn);
                assert!(geo::DISTRICTS[d].streets.iter().any(|s| s.name == sn), "{}: {sn}", u.name);
            }
        }
        for p in &SERVICE_POINTS {
            let d = district_index(p.district);
            assert!(geo::DISTRICTS[d].streets.iter().any(|s| s.name == p.street), "{}: {}", p.name, p.street);
        }
        assert_eq!(EMPLOYERS.iter().filter(|e| e.anchor).count(), 5);
        assert!(EMPLOYERS[0].anchor);
    }
}
