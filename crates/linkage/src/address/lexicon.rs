//! The words that say what an address part is: `г.`, `ул.`, `д.`, `кв.` and their long, Latin
//! and English forms.

use serde::{Deserialize, Serialize};

/// The kind of street, from the type word written with it.
///
/// Exists because `ул. Баумана` and `пер. Баумана` are different streets of one city, while
/// `ул. Баумана`, `улица Баумана` and `Baumana st` are one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreetKind {
    /// улица, ул., ulitsa, ul, street, st.
    Street,
    /// проспект, пр-т, просп., pr-t, prospekt, avenue, ave.
    Avenue,
    /// переулок, пер., pereulok, per, lane.
    Lane,
    /// бульвар, б-р, бул., bulvar, blvd.
    Boulevard,
    /// шоссе, ш., shosse, highway.
    Highway,
    /// площадь, пл., ploshchad, square, sq.
    Square,
    /// набережная, наб., naberezhnaya, nab, embankment.
    Embankment,
    /// проезд, пр-д, proezd, passage.
    Passage,
    /// тупик, туп., tupik.
    DeadEnd,
    /// микрорайон, мкр., mkr, mkrn.
    Microdistrict,
    /// аллея, alleya.
    Alley,
    /// тракт, trakt.
    Tract,
}

/// What a type word marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Region,
    District,
    City,
    Street(StreetKind),
    House,
    Building,
    Structure,
    Flat,
    /// `д.`: house before a number, деревня (village) before a name.
    HouseOrVillage,
    /// `к.`: корпус before a number, nothing otherwise.
    BuildingIfNumber,
    /// `с.`: строение before a number, село before a name.
    StructureOrVillage,
    /// `п.`: посёлок before a name.
    SettlementIfName,
}

/// The marker a word is, compared without case and without a final dot.
pub(crate) fn marker(word: &str) -> Option<Marker> {
    use Marker::*;
    use StreetKind as K;
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "обл"
        | "область"
        | "респ"
        | "республика"
        | "край"
        | "ао"
        | "автономный"
        | "oblast"
        | "obl"
        | "region"
        | "republic"
        | "resp"
        | "respublika"
        | "kray"
        | "krai" => Region,
        "р-н" | "район" | "р-он" | "мр-н" | "rayon" | "raion" | "r-n" | "district" => District,
        "г" | "гор" | "город" | "city" | "gorod" | "g" | "пгт" | "пос" | "посёлок" | "поселок" | "село" | "деревня"
        | "дер" | "аул" | "кишлак" | "станица" | "ст-ца" | "хутор" | "рп" | "village" | "selo" | "pos" | "town" => {
            City
        }
        "ул" | "улица" | "ul" | "ulitsa" | "ulica" | "st" | "street" | "str-t" => Street(K::Street),
        "пр-т" | "просп" | "проспект" | "пр" | "pr-t" | "prospekt" | "pr" | "ave" | "av" | "avenue" => {
            Street(K::Avenue)
        }
        "пер" | "переулок" | "per" | "pereulok" | "lane" => Street(K::Lane),
        "б-р" | "бул" | "бульвар" | "b-r" | "bulvar" | "blvd" | "boulevard" => Street(K::Boulevard),
        "ш" | "шоссе" | "sh" | "shosse" | "highway" | "hwy" => Street(K::Highway),
        "пл" | "площадь" | "pl" | "ploshchad" | "square" | "sq" => Street(K::Square),
        "наб" | "набережная" | "nab" | "naberezhnaya" | "embankment" => Street(K::Embankment),
        "пр-д" | "проезд" | "pr-d" | "proezd" | "passage" => Street(K::Passage),
        "туп" | "тупик" | "tupik" => Street(K::DeadEnd),
        "мкр" | "мкрн" | "микрорайон" | "mkr" | "mkrn" | "microdistrict" => Street(K::Microdistrict),
        "аллея" | "alleya" | "alley" => Street(K::Alley),
        "тракт" | "trakt" => Street(K::Tract),
        "дом" | "house" | "вл" | "владение" | "h" | "dom" => House,
        "корп" | "корпус" | "korp" | "korpus" | "building" | "bld" | "bldg" => Building,
        "стр" | "строение" | "str" | "stroenie" | "structure" => Structure,
        "кв" | "квартира" | "kv" | "apt" | "apartment" | "flat" | "ком" | "комната" | "оф" | "офис" | "room"
        | "office" | "pom" | "пом" | "помещение" => Flat,
        "д" | "d" => HouseOrVillage,
        "к" | "k" => BuildingIfNumber,
        "с" | "s" => StructureOrVillage,
        "п" | "p" => SettlementIfName,
        _ => return None,
    })
}

/// Region abbreviations used in everyday addresses, with the region's name.
pub(crate) fn region_abbreviation(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('.').to_lowercase();
    Some(match w.as_str() {
        "рт" => "Татарстан",
        "рб" => "Башкортостан",
        "мо" => "Московская",
        "ло" => "Ленинградская",
        "хмао" => "Ханты-Мансийский",
        "янао" => "Ямало-Ненецкий",
        "чр" => "Чувашская",
        "ур" => "Удмуртская",
        "рм" => "Мордовия",
        "рд" => "Дагестан",
        _ => return None,
    })
}

/// Whether an untyped name is most likely a region: an abbreviation, a republic's short name or
/// a "-ская"/"-ский" adjective (`Московская`, `Краснодарский`).
pub(crate) fn looks_like_region(name: &str) -> bool {
    let w = name.to_lowercase();
    region_abbreviation(&w).is_some()
        || w.ends_with("стан")
        || w.ends_with("ская")
        || w.ends_with("ский")
        || w.ends_with("skaya")
        || w.ends_with("skiy")
        || ["чувашия", "удмуртия", "мордовия", "марий эл", "якутия", "бурятия", "тыва", "чечня", "крым", "адыгея"]
            .contains(&w.as_str())
}
