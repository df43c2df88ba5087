//! Free-text Russian addresses split into GAR-like components.
//!
//! The same flat is `РТ, г. Казань, ул. Баумана, д. 15, кв. 7` in one record,
//! `420111, Республика Татарстан, Казань, Баумана 15-7` in another and
//! `Kazan, Baumana st 15 apt 7` in a third. [`parse`] reads the type words (`г.`, `ул.`, `д.`,
//! `корп.`, `стр.`, `кв.` and their long, Latin and English forms, before or after the name),
//! falls back on position for untyped parts, and folds every name with [`crate::name::fold`] so
//! that Cyrillic and Latin spellings compare equal. It does not look addresses up in the GAR:
//! components are as written, not verified.

mod lexicon;

#[cfg(test)]
mod tests;

use domain::error::ValueError;
use serde::{Deserialize, Serialize};

pub use lexicon::StreetKind;
use lexicon::{Marker, looks_like_region, marker, region_abbreviation};

use crate::name::fold;

/// An address in components; names folded, numbers normalised (`15А` is `15a`).
///
/// Exists so that linkage can compare addresses part by part (same street, different flat)
/// instead of as strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Six-digit postcode.
    pub postcode: Option<String>,
    /// Region without its type word, folded (`Республика Татарстан`, `РТ` are `tatarstan`).
    pub region: Option<String>,
    /// District (район), folded.
    pub district: Option<String>,
    /// City or other settlement, folded.
    pub city: Option<String>,
    /// Street name without its type word, folded.
    pub street: Option<String>,
    /// Street type, when written.
    pub street_kind: Option<StreetKind>,
    /// House number with its letter or fraction (`15`, `15a`, `15/2`).
    pub house: Option<String>,
    /// Building (корпус).
    pub building: Option<String>,
    /// Structure (строение).
    pub structure: Option<String>,
    /// Flat, room or office.
    pub flat: Option<String>,
    /// Parts that could not be placed, as written.
    pub unparsed: Vec<String>,
}

/// What a run of words fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Region,
    District,
    City,
    Street(Option<StreetKind>),
    House,
    Building,
    Structure,
    Flat,
}

impl Slot {
    fn is_name(self) -> bool {
        matches!(self, Slot::Region | Slot::District | Slot::City | Slot::Street(_))
    }
}

/// Splits a free-text address into components.
///
/// Exists as the address normaliser of linkage; see the module documentation. Errors:
/// `address_empty` (no letters or digits), `address_unrecognised` (nothing could be placed).
pub fn parse(raw: &str) -> Result<Address, ValueError> {
    if !raw.chars().any(char::is_alphanumeric) {
        return Err(ValueError::new("address_empty", "the address is empty"));
    }
    let mut p = Parser::default();
    for segment in raw.split([',', ';', '\n']) {
        p.segment(&words(segment));
    }
    let a = p.address;
    if a == (Address { unparsed: a.unparsed.clone(), ..Address::default() }) {
        return Err(ValueError::new("address_unrecognised", format!("no address component found in {raw:?}")));
    }
    Ok(a)
}

/// The words of a segment, with a type word glued to its value by a dot split off
/// (`г.Казань`, `д.15`).
fn words(segment: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in segment.split_whitespace() {
        let mut rest = w;
        while let Some(i) = rest.find('.') {
            let (head, tail) = rest.split_at(i + 1);
            if tail.is_empty() {
                break;
            }
            out.push(head);
            rest = tail;
        }
        if !rest.is_empty() && rest != "." {
            out.push(rest);
        }
    }
    out
}

fn starts_with_digit(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
}

#[derive(Default)]
struct Parser {
    address: Address,
}

impl Parser {
    fn segment(&mut self, words: &[&str]) {
        let mut pending: Vec<&str> = Vec::new();
        let mut current: Option<Slot> = None;
        let mut value: Vec<&str> = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            let next = words.get(i + 1).copied();
            let next_is_number = next.is_some_and(starts_with_digit);
            let next_is_name = next.is_some_and(|n| n.starts_with(char::is_alphabetic) && marker(n).is_none());
            if let Some(slot) = marker(w).and_then(|m| resolve(m, next_is_number, next_is_name)) {
                if slot.is_name() && current.is_none() && !pending.is_empty() && !next_is_name {
                    // A type word after its name: `Баумана ул.`, `Московская обл.`.
                    self.fill(slot, &pending);
                    pending.clear();
                    continue;
                }
                self.finish(current.take(), &mut value);
                self.untyped(&mut pending, false);
                current = Some(slot);
                continue;
            }
            if starts_with_digit(w) {
                if current.is_some_and(|s| matches!(s, Slot::Street(_))) && value.is_empty() {
                    // A street named by a date or an ordinal: `ул. 8 Марта`, `1-я линия`.
                    value.push(w);
                    continue;
                }
                if current.is_some_and(Slot::is_name) {
                    self.finish(current.take(), &mut value);
                }
                let followed_name = !pending.is_empty();
                self.untyped(&mut pending, true);
                match current.take() {
                    Some(slot) => self.number(slot, w),
                    None if !followed_name && is_postcode(w) && self.address.postcode.is_none() => {
                        self.address.postcode = Some(w.to_owned());
                    }
                    None => {
                        let slot = if self.address.house.is_none() { Slot::House } else { Slot::Flat };
                        self.number(slot, w);
                    }
                }
                continue;
            }
            match current {
                Some(slot) if slot.is_name() => value.push(w),
                _ if current.is_none() && pending.is_empty() && is_house_letter(w, &self.address) => {
                    if let Some(h) = self.address.house.as_mut() {
                        h.push_str(&number(w));
                    }
                }
                _ => pending.push(w),
            }
        }
        self.finish(current, &mut value);
        self.untyped(&mut pending, false);
    }

    /// Assigns the words collected after a type word.
    fn finish(&mut self, slot: Option<Slot>, value: &mut Vec<&str>) {
        if let Some(slot) = slot
            && slot.is_name()
            && !value.is_empty()
        {
            self.fill(slot, value);
        }
        value.clear();
    }

    /// Places words written without a type word: a street when a number follows, otherwise a
    /// region (if it looks like one), the city, then the street.
    fn untyped(&mut self, pending: &mut Vec<&str>, before_number: bool) {
        if pending.is_empty() {
            return;
        }
        let a = &self.address;
        let slot = if before_number {
            Slot::Street(None)
        } else if a.region.is_none() && looks_like_region(&pending.join(" ")) {
            Slot::Region
        } else if a.city.is_none() {
            Slot::City
        } else if a.street.is_none() {
            Slot::Street(None)
        } else {
            self.address.unparsed.push(pending.join(" "));
            pending.clear();
            return;
        };
        self.fill(slot, pending);
        pending.clear();
    }

    fn fill(&mut self, slot: Slot, words: &[&str]) {
        let text = words.join(" ");
        let folded = match slot {
            Slot::Region => name_key(region_abbreviation(&text).unwrap_or(&text)),
            _ => name_key(&text),
        };
        let a = &mut self.address;
        let target = match slot {
            Slot::Region => &mut a.region,
            Slot::District => &mut a.district,
            Slot::City => &mut a.city,
            Slot::Street(kind) => {
                if a.street.is_none() {
                    a.street_kind = kind;
                }
                &mut a.street
            }
            Slot::House => &mut a.house,
            Slot::Building => &mut a.building,
            Slot::Structure => &mut a.structure,
            Slot::Flat => &mut a.flat,
        };
        if target.is_none() && !folded.is_empty() {
            *target = Some(folded);
        } else {
            a.unparsed.push(text);
        }
    }

    /// Places a number, splitting `15-7` (house and flat), `15к2` (building) and `15с1`/`15стр1`
    /// (structure).
    fn number(&mut self, slot: Slot, w: &str) {
        let a = &mut self.address;
        if slot == Slot::House
            && let Some((house, rest)) = split_house(w)
        {
            a.house.get_or_insert_with(|| number(house));
            let (kind, value) = rest;
            let target = match kind {
                Slot::Building => &mut a.building,
                Slot::Structure => &mut a.structure,
                _ => &mut a.flat,
            };
            target.get_or_insert_with(|| number(&value));
            return;
        }
        let target = match slot {
            Slot::House => &mut a.house,
            Slot::Building => &mut a.building,
            Slot::Structure => &mut a.structure,
            _ => &mut a.flat,
        };
        if target.is_none() {
            *target = Some(number(w));
        } else {
            a.unparsed.push(w.to_owned());
        }
    }
}

/// Resolves a type word whose meaning depends on the next word.
fn resolve(m: Marker, next_is_number: bool, next_is_name: bool) -> Option<Slot> {
    Some(match m {
        Marker::Region => Slot::Region,
        Marker::District => Slot::District,
        Marker::City => Slot::City,
        Marker::Street(kind) => Slot::Street(Some(kind)),
        Marker::House => Slot::House,
        Marker::Building => Slot::Building,
        Marker::Structure => Slot::Structure,
        Marker::Flat => Slot::Flat,
        Marker::HouseOrVillage if next_is_number => Slot::House,
        Marker::HouseOrVillage | Marker::StructureOrVillage | Marker::SettlementIfName if next_is_name => Slot::City,
        Marker::BuildingIfNumber if next_is_number => Slot::Building,
        Marker::StructureOrVillage if next_is_number => Slot::Structure,
        _ => return None,
    })
}

fn is_postcode(w: &str) -> bool {
    w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit())
}

/// A single letter after the house number: `15 А`.
fn is_house_letter(w: &str, a: &Address) -> bool {
    a.house.is_some() && a.flat.is_none() && w.chars().count() == 1 && w.chars().all(char::is_alphabetic)
}

/// `15-7` → (`15`, flat `7`); `15к2`/`15k2`/`15корп2` → building; `15с1`/`15стр1` → structure.
fn split_house(w: &str) -> Option<(&str, (Slot, String))> {
    if let Some((h, f)) = w.split_once('-')
        && starts_with_digit(f)
    {
        return Some((h, (Slot::Flat, f.to_owned())));
    }
    let digits = w.find(|c: char| !c.is_ascii_digit())?;
    let (house, rest) = w.split_at(digits);
    let lower = rest.to_lowercase();
    for (prefix, slot) in [
        ("корп", Slot::Building),
        ("к", Slot::Building),
        ("k", Slot::Building),
        ("стр", Slot::Structure),
        ("с", Slot::Structure),
        ("str", Slot::Structure),
        ("s", Slot::Structure),
    ] {
        if let Some(value) = lower.strip_prefix(prefix).map(|v| v.trim_start_matches('.'))
            && starts_with_digit(value)
        {
            return Some((house, (slot, value.to_owned())));
        }
    }
    None
}

/// A name's key: words folded, numbers (`8 Марта`, `1-я линия`) kept as [`number`]s.
fn name_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        let key = if starts_with_digit(w) { number(w) } else { fold(w) };
        if !key.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&key);
        }
    }
    out
}

/// A house or flat number in one form: digits and `/` kept, letters folded (`А` and `a` are
/// `a`), everything else dropped.
fn number(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut letters = String::new();
    for c in w.chars() {
        if c.is_ascii_digit() || c == '/' {
            out.push_str(&fold(&letters));
            letters.clear();
            out.push(c);
        } else if c.is_alphabetic() {
            letters.push(c);
        }
    }
    out.push_str(&fold(&letters));
    out
}
