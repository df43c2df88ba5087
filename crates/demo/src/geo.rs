//! Kazan: its seven districts, real streets with approximate coordinates, and street addresses.

use domain::person::Address;

use crate::rng::{Rng, between, chance, cumulative, skewed, weighted};

/// Subject of the federation of every demo address.
pub(crate) const REGION: &str = "Республика Татарстан";
/// City of every demo address.
pub(crate) const LOCALITY: &str = "Казань";

/// A street: name with its type, a point on it and its postcode.
pub(crate) struct Street {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub postcode: &'static str,
}

/// A city district with its bounding box (lat_min, lat_max, lon_min, lon_max) and a weight for
/// where foreign workers rent (roughly the district's population).
pub(crate) struct District {
    pub name: &'static str,
    pub bbox: [f64; 4],
    pub weight: u32,
    pub streets: &'static [Street],
}

const fn st(name: &'static str, lat: f64, lon: f64, postcode: &'static str) -> Street {
    Street { name, lat, lon, postcode }
}

/// The seven districts of Kazan.
pub(crate) static DISTRICTS: [District; 7] = [
    District {
        name: "Авиастроительный",
        bbox: [55.840, 55.895, 49.030, 49.140],
        weight: 115,
        streets: &[
            st("ул. Дементьева", 55.8620, 49.0880, "420036"),
            st("ул. Лукина", 55.8570, 49.0900, "420038"),
            st("ул. Ленинградская", 55.8640, 49.0990, "420038"),
            st("ул. Челюскина", 55.8620, 49.0820, "420037"),
            st("ул. Побежимова", 55.8690, 49.0950, "420039"),
            st("ул. Симонова", 55.8600, 49.0780, "420037"),
            st("ул. Копылова", 55.8550, 49.0850, "420036"),
            st("ул. Ульяны Громовой", 55.8580, 49.0950, "420039"),
            st("ул. Айдарова", 55.8660, 49.1050, "420127"),
            st("ул. Максимова", 55.8550, 49.1000, "420047"),
        ],
    },
    District {
        name: "Вахитовский",
        bbox: [55.765, 55.805, 49.090, 49.180],
        weight: 90,
        streets: &[
            st("ул. Баумана", 55.7887, 49.1186, "420111"),
            st("ул. Кремлёвская", 55.7945, 49.1150, "420008"),
            st("ул. Пушкина", 55.7905, 49.1270, "420015"),
            st("ул. Карла Маркса", 55.7930, 49.1330, "420015"),
            st("ул. Большая Красная", 55.7965, 49.1265, "420015"),
            st("ул. Петербургская", 55.7825, 49.1235, "420107"),
            st("ул. Татарстан", 55.7785, 49.1110, "420021"),
            st("ул. Габдуллы Тукая", 55.7770, 49.1160, "420021"),
            st("ул. Островского", 55.7860, 49.1190, "420107"),
            st("ул. Бутлерова", 55.7890, 49.1385, "420012"),
            st("ул. Волкова", 55.7910, 49.1420, "420012"),
            st("ул. Вишневского", 55.7810, 49.1430, "420043"),
            st("ул. Калинина", 55.7795, 49.1365, "420043"),
            st("ул. Достоевского", 55.7925, 49.1480, "420097"),
            st("ул. Профсоюзная", 55.7915, 49.1120, "420111"),
        ],
    },
    District {
        name: "Кировский",
        bbox: [55.770, 55.830, 48.850, 49.085],
        weight: 110,
        streets: &[
            st("ул. Гладилова", 55.8120, 49.0520, "420032"),
            st("ул. Батыршина", 55.8040, 49.0610, "420032"),
            st("ул. Окольная", 55.8090, 49.0570, "420032"),
            st("Горьковское шоссе", 55.8000, 49.0350, "420035"),
            st("ул. Клары Цеткин", 55.8030, 49.0660, "420033"),
            st("ул. Красной Позиции", 55.8070, 49.0650, "420033"),
            st("ул. Адмиралтейская", 55.8150, 49.0720, "420033"),
            st("ул. Ильича", 55.7950, 48.9450, "420040"),
        ],
    },
    District {
        name: "Московский",
        bbox: [55.805, 55.850, 49.020, 49.110],
        weight: 130,
        streets: &[
            st("ул. Декабристов", 55.8250, 49.0880, "420034"),
            st("ул. Ибрагимова", 55.8240, 49.1010, "420066"),
            st("ул. Красносельская", 55.8230, 49.0970, "420066"),
            st("ул. Восстания", 55.8400, 49.0830, "420095"),
            st("ул. Гудованцева", 55.8330, 49.0870, "420095"),
            st("ул. Кулахметова", 55.8290, 49.0640, "420080"),
            st("ул. Тэцевская", 55.8360, 49.0660, "420080"),
            st("ул. Шамиля Усманова", 55.8320, 49.0960, "420044"),
            st("ул. Волгоградская", 55.8280, 49.0780, "420080"),
        ],
    },
    District {
        name: "Ново-Савиновский",
        bbox: [55.800, 55.845, 49.080, 49.190],
        weight: 230,
        streets: &[
            st("пр-т Ямашева", 55.8260, 49.1120, "420124"),
            st("ул. Чистопольская", 55.8190, 49.1190, "420124"),
            st("ул. Адоратского", 55.8290, 49.1440, "420132"),
            st("ул. Фатыха Амирхана", 55.8200, 49.1360, "420126"),
            st("ул. Маршала Чуйкова", 55.8280, 49.1250, "420103"),
            st("ул. Четаева", 55.8190, 49.1060, "420126"),
            st("ул. Абсалямова", 55.8340, 49.1490, "420132"),
            st("ул. Серова", 55.8210, 49.1560, "420137"),
            st("ул. Короленко", 55.8340, 49.1220, "420103"),
            st("ул. Академика Сахарова", 55.8230, 49.1410, "420137"),
        ],
    },
    District {
        name: "Приволжский",
        bbox: [55.690, 55.785, 49.080, 49.230],
        weight: 250,
        streets: &[
            st("ул. Павлюхина", 55.7705, 49.1445, "420049"),
            st("ул. Хади Такташа", 55.7745, 49.1280, "420049"),
            st("ул. Мавлютова", 55.7640, 49.1580, "420101"),
            st("ул. Техническая", 55.7690, 49.1725, "420101"),
            st("ул. Рихарда Зорге", 55.7560, 49.2070, "420101"),
            st("ул. Юлиуса Фучика", 55.7460, 49.2030, "420110"),
            st("ул. Кул Гали", 55.7480, 49.2120, "420138"),
            st("ул. Гарифьянова", 55.7410, 49.1950, "420138"),
            st("пр-т Победы", 55.7440, 49.1880, "420140"),
            st("ул. Роторная", 55.7430, 49.1820, "420129"),
            st("ул. Рашида Вагапова", 55.7380, 49.1880, "420139"),
            st("ул. Ахтубинская", 55.7530, 49.1910, "420088"),
            st("ул. Деревня Универсиады", 55.7440, 49.1840, "420140"),
        ],
    },
    District {
        name: "Советский",
        bbox: [55.740, 55.840, 49.140, 49.320],
        weight: 320,
        streets: &[
            st("ул. Николая Ершова", 55.7960, 49.1860, "420061"),
            st("ул. Аделя Кутуя", 55.7880, 49.2050, "420100"),
            st("ул. Сибирский тракт", 55.8070, 49.2000, "420029"),
            st("ул. Гвардейская", 55.7820, 49.1620, "420073"),
            st("ул. Космонавтов", 55.7850, 49.2160, "420061"),
            st("ул. Даурская", 55.7780, 49.2230, "420087"),
            st("пр-т Альберта Камалеева", 55.7980, 49.2330, "420141"),
            st("ул. Академика Глушко", 55.7750, 49.2340, "420100"),
            st("ул. Мамадышский тракт", 55.8060, 49.2450, "420029"),
            st("ул. Патриса Лумумбы", 55.7790, 49.2030, "420081"),
            st("ул. Родины", 55.7640, 49.2330, "420100"),
        ],
    },
];

/// Index of a district by name.
pub(crate) fn district_index(name: &str) -> usize {
    DISTRICTS.iter().position(|d| d.name == name).unwrap_or(1)
}

/// Index of a street in a district by name.
pub(crate) fn street_index(district: usize, name: &str) -> usize {
    DISTRICTS[district].streets.iter().position(|s| s.name == name).unwrap_or(0)
}

/// A district chosen by where people rent.
pub(crate) fn random_district(rng: &mut Rng) -> usize {
    thread_local! {
        static CUM: Vec<u32> = cumulative(DISTRICTS.iter().map(|d| d.weight));
    }
    CUM.with(|c| weighted(rng, c))
}

/// A house number as written in Kazan: "17", "17а", "104к2".
pub(crate) fn house_number(rng: &mut Rng) -> String {
    let n = 1 + skewed(rng, 150);
    let mut s = n.to_string();
    if chance(rng, 0.12) {
        s.push(['а', 'б', 'в'][skewed(rng, 3)]);
    } else if chance(rng, 0.1) {
        s.push('к');
        s.push_str(["1", "2", "3"][skewed(rng, 3)]);
    }
    s
}

/// An address on a given street, with coordinates near the street's point and inside the
/// district.
pub(crate) fn address_on(
    rng: &mut Rng,
    district: usize,
    street: usize,
    house: String,
    flat: Option<String>,
) -> Address {
    use rand::Rng as _;
    let d = &DISTRICTS[district];
    let s = &d.streets[street.min(d.streets.len() - 1)];
    let lat = (s.lat + rng.gen_range(-0.0025..0.0025)).clamp(d.bbox[0], d.bbox[1]);
    let lon = (s.lon + rng.gen_range(-0.004..0.004)).clamp(d.bbox[2], d.bbox[3]);
    Address {
        region: REGION.to_owned(),
        locality: LOCALITY.to_owned(),
        district: Some(d.name.to_owned()),
        street: s.name.to_owned(),
        house,
        flat,
        postcode: Some(s.postcode.to_owned()),
        gar_guid: None,
        lat: Some(round6(lat)),
        lon: Some(round6(lon)),
    }
}

/// An address at the street's reference point itself (for buildings whose place is known, such as
/// a university dormitory, so every resident gets the same coordinates).
pub(crate) fn address_fixed(district: usize, street: usize, house: &str, flat: Option<String>) -> Address {
    let d = &DISTRICTS[district];
    let s = &d.streets[street.min(d.streets.len() - 1)];
    Address {
        region: REGION.to_owned(),
        locality: LOCALITY.to_owned(),
        district: Some(d.name.to_owned()),
        street: s.name.to_owned(),
        house: house.to_owned(),
        flat,
        postcode: Some(s.postcode.to_owned()),
        gar_guid: None,
        lat: Some(s.lat),
        lon: Some(s.lon),
    }
}

/// Coordinates to six decimals (about 10 cm), as a geocoder returns them.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A flat in a residential block (or none for a private house), anywhere in the city.
pub(crate) fn residential(rng: &mut Rng) -> Address {
    use rand::Rng as _;
    let d = random_district(rng);
    let street = rng.gen_range(0..DISTRICTS[d].streets.len());
    let house = house_number(rng);
    let flat = (!chance(rng, 0.08)).then(|| (1 + between(rng, 0, 40) + skewed(rng, 260) as u64).to_string());
    address_on(rng, d, street, house, flat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_street_lies_in_its_district() {
        for d in &DISTRICTS {
            assert!(d.streets.len() >= 8, "{}", d.name);
            for s in d.streets {
                assert!(
                    (d.bbox[0]..=d.bbox[1]).contains(&s.lat) && (d.bbox[2]..=d.bbox[3]).contains(&s.lon),
                    "{} {}",
                    d.name,
                    s.name
                );
                assert!(s.postcode.starts_with("420") && s.postcode.len() == 6);
            }
        }
    }
}
