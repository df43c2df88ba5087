use proptest::prelude::*;

use super::*;

fn a(raw: &str) -> Address {
    parse(raw).unwrap_or_else(|e| panic!("{raw}: {}", e.message))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

#[test]
fn three_writings_of_one_flat_agree() {
    let writings = [
        "РТ, г. Казань, ул. Баумана, д. 15, кв. 7",
        "420111, Республика Татарстан, Казань, Баумана 15-7",
        "Kazan, Baumana st 15 apt 7",
        "г.Казань ул.Баумана д.15 кв.7",
        "Республика Татарстан, город Казань, улица Баумана, дом 15, квартира 7",
        "Tatarstan Republic, Kazan city, ulitsa Baumana, d. 15, kv. 7",
    ];
    for raw in writings {
        let got = a(raw);
        assert_eq!(got.city, s("kazan"), "{raw}: {got:?}");
        assert_eq!(got.street, s("baumana"), "{raw}: {got:?}");
        assert_eq!((got.house.as_deref(), got.flat.as_deref()), (Some("15"), Some("7")), "{raw}: {got:?}");
        assert!(got.unparsed.is_empty(), "{raw}: {got:?}");
    }
    let first = a(writings[0]);
    assert_eq!(first.region, s("tatarstan"));
    assert_eq!(first.street_kind, Some(StreetKind::Street));
    assert_eq!(a(writings[1]).postcode, s("420111"));
    assert_eq!(a(writings[1]).region, s("tatarstan"));
    assert_eq!(a(writings[2]).street_kind, Some(StreetKind::Street));
}

#[test]
fn abbreviations_and_compound_numbers() {
    let got = a("123456, Московская обл., Одинцовский р-н, д. Губкино, ул. Лесная, д. 3а, корп. 2, стр. 1, кв. 12");
    assert_eq!(got.postcode, s("123456"));
    assert_eq!(got.region, fold("Московская").into());
    assert_eq!(got.district, fold("Одинцовский").into());
    assert_eq!(got.city, fold("Губкино").into(), "д. before a name is a village");
    assert_eq!(got.street, fold("Лесная").into());
    assert_eq!(got.house, s("3a"));
    assert_eq!(got.building, s("2"));
    assert_eq!(got.structure, s("1"));
    assert_eq!(got.flat, s("12"));

    let got = a("г. Москва, пр-т Мира, 15к2, кв. 40");
    assert_eq!(
        (got.street_kind, got.house.as_deref(), got.building.as_deref()),
        (Some(StreetKind::Avenue), Some("15"), Some("2"))
    );
    let got = a("Москва, Ленинский проспект, д. 15/2 стр. 3");
    assert_eq!(got.street, fold("Ленинский").into());
    assert_eq!(got.street_kind, Some(StreetKind::Avenue));
    assert_eq!((got.house.as_deref(), got.structure.as_deref()), (Some("15/2"), Some("3")));
    let got = a("Казань, пер. Дружный, 8 Б");
    assert_eq!((got.street_kind, got.house.as_deref()), (Some(StreetKind::Lane), Some("8b")));
    let got = a("Екатеринбург, ул. 8 Марта, 10");
    assert_eq!((got.street, got.house.as_deref()), (s("8 marta"), Some("10")));
    let got = a("Ташкентская обл, Chirchiq, Navoiy ko'chasi 12");
    assert_eq!(got.region, fold("Ташкентская").into());
    assert_eq!(got.house, s("12"));
}

#[test]
fn rejects_with_a_reason() {
    assert_eq!(parse("").unwrap_err().code, "address_empty");
    assert_eq!(parse(" , ; ").unwrap_err().code, "address_empty");
    assert_eq!(parse("ул.").unwrap_err().code, "address_unrecognised");
}

proptest! {
    #[test]
    fn never_panics(raw in "\\PC{0,60}") {
        let _ = parse(&raw);
    }

    #[test]
    fn never_panics_on_address_like_text(raw in "([гдкспулкв]{1,3}\\.? ?[А-Яа-я]{0,8} ?[0-9]{0,6}[-/к]?[0-9]{0,3},? ?){0,6}") {
        let _ = parse(&raw);
    }
}
