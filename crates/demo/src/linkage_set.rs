//! A linkage evaluation set drawn from the demo region, with the truth.
//!
//! Each demo person is reported one or more times the way different agencies report them: one
//! of the person's writings of the name (Russian Cyrillic, passport Latin, the national script,
//! the ad-hoc spelling another agency typed), the patronymic sometimes left out, the birth date
//! in another format or with day and month swapped, the passport number with spaces, `№`, lower
//! case or Cyrillic look-alike letters, the phone in another format, the address of one of the
//! person's stays. Hard negatives are added on purpose: siblings (same surname, patronymic,
//! address and often phone, another given name, born years apart), twins (same birth date,
//! another given name) and namesakes (same full name, birth date days or months apart, another
//! document). The demo's own name pools also make chance namesakes at scale.
//!
//! Exists so that the linker is scored on records built from the same region the demo loads,
//! with names from the demo's transliteration tables, next to the independent generator in
//! `bench/linkage/gen_central_asian.py`. Deterministic for a seed and size; record ids and order
//! reveal nothing about the truth (records are shuffled and numbered after shuffling).

use chrono::Datelike;
use domain::date::PartialDate;
use domain::names::{NameForm, NameVariant};
use domain::person::{ContactValue, PersonProfile, Sex};
use domain::validate::document::DocumentKind;
use linkage::link::DEFAULT_FIELDS;
use rand::seq::SliceRandom;

use crate::names::tables;
use crate::rng::{Rng, Stream, between, chance, rng_for};
use crate::{DemoConfig, Region, person};

/// Columns of the set, in order: `record_id`, the linker's default fields
/// ([`linkage::link::DEFAULT_FIELDS`]) and `true_id` (the truth, which a linker must not be shown).
pub fn columns() -> Vec<&'static str> {
    std::iter::once("record_id").chain(DEFAULT_FIELDS).chain(std::iter::once("true_id")).collect()
}

/// One record of the set, in [`columns`] order.
pub type Row = [String; DEFAULT_FIELDS.len() + 2];

/// How a set is drawn.
#[derive(Debug, Clone, Copy)]
pub struct SetConfig {
    /// Records wanted (the set stops at the first person that reaches it).
    pub records: usize,
    /// Share of persons that get a sibling record (a different person).
    pub siblings: f64,
    /// Share of persons that get a twin record.
    pub twins: f64,
    /// Share of persons that get a namesake record.
    pub namesakes: f64,
}

impl SetConfig {
    /// The defaults used for the published figures.
    pub fn new(records: usize) -> SetConfig {
        SetConfig { records, siblings: 0.06, twins: 0.015, namesakes: 0.02 }
    }
}

/// Draws the set from the demo region of `cfg` (its `persons` is ignored: persons are generated
/// until `set.records` records exist). Rows are shuffled and numbered `r0000001`, ...
pub fn linkage_set(cfg: &DemoConfig, region: &Region, set: &SetConfig) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::with_capacity(set.records + 8);
    let mut index = 0usize;
    while rows.len() < set.records {
        let p = person(cfg, region, index);
        let mut rng = rng_for(cfg.seed ^ 0x6c69_6e6b, Stream::Person, index as u64);
        if let Ok(profile) = p.profile() {
            person_records(&mut rng, &profile, index, set, &mut rows);
        }
        index += 1;
    }
    rows.truncate(set.records);
    let mut rng = rng_for(cfg.seed ^ 0x7368_7566, Stream::Region, 0);
    rows.shuffle(&mut rng);
    let width = rows.len().to_string().len().max(7);
    for (i, r) in rows.iter_mut().enumerate() {
        r[0] = format!("r{:0width$}", i + 1);
    }
    rows
}

/// The records of one person and of the hard negatives made from them.
fn person_records(rng: &mut Rng, p: &PersonProfile, index: usize, set: &SetConfig, out: &mut Vec<Row>) {
    let truth = format!("p{index}");
    let me = Identity::of(p);
    // 1 record for ~45 % of persons, 2 for ~30 %, up to 5.
    let n = 1 + (0..4).take_while(|_| chance(rng, 0.55)).count();
    for _ in 0..n {
        out.push(me.report(rng, &truth));
    }
    if chance(rng, set.siblings) {
        let sib = me.sibling(rng, p, false);
        for _ in 0..1 + usize::from(chance(rng, 0.5)) {
            out.push(sib.report(rng, &format!("{truth}s")));
        }
    }
    if chance(rng, set.twins) {
        let twin = me.sibling(rng, p, true);
        out.push(twin.report(rng, &format!("{truth}t")));
    }
    if chance(rng, set.namesakes) {
        let other = me.namesake(rng);
        out.push(other.report(rng, &format!("{truth}n")));
    }
}

/// What an agency could know about one person.
#[derive(Clone)]
struct Identity {
    names: Vec<NameVariant>,
    birth: PartialDate,
    sex: Sex,
    citizenship: String,
    passports: Vec<String>,
    phones: Vec<String>,
    addresses: Vec<(String, Option<String>)>,
}

impl Identity {
    fn of(p: &PersonProfile) -> Identity {
        Identity {
            names: p.names.clone(),
            birth: p.birth_date,
            sex: p.sex,
            citizenship: p.citizenship.as_str().to_owned(),
            passports: p
                .documents
                .iter()
                .filter(|d| d.kind == DocumentKind::Passport)
                .map(|d| d.number.clone())
                .collect(),
            phones: p
                .contacts
                .iter()
                .filter_map(|c| match &c.value {
                    ContactValue::Phone(ph) => Some(ph.as_str().to_owned()),
                    ContactValue::Email(_) => None,
                })
                .collect(),
            addresses: p.stays.iter().map(|s| (s.address.line(), s.address.postcode.clone())).collect(),
        }
    }

    /// A brother or sister (a twin when `twin`): same surname, patronymic, address and often
    /// phone; another given name; another passport.
    fn sibling(&self, rng: &mut Rng, p: &PersonProfile, twin: bool) -> Identity {
        let male = chance(rng, 0.5);
        let nation = tables().nation(p.citizenship);
        let birth = if twin {
            self.birth
        } else {
            let shift = between(rng, 1, 9) as i32 * if chance(rng, 0.5) { 1 } else { -1 };
            shift_year(self.birth, shift)
        };
        let other = nation.pick(rng, male, birth.year(), false);
        let own: Vec<&str> = self.names.iter().map(|n| n.given_names.as_str()).collect();
        let names: Vec<NameVariant> = self
            .names
            .iter()
            .filter_map(|n| {
                let from = match n.form {
                    NameForm::Russian => &other.russian,
                    NameForm::Latin => &other.latin,
                    NameForm::Native => other.native.as_ref()?,
                };
                (!own.contains(&from.given_names.as_str())).then(|| NameVariant {
                    form: n.form,
                    surname: n.surname.clone(),
                    given_names: from.given_names.clone(),
                    patronymic: n.patronymic.clone(),
                })
            })
            .collect();
        let names = if names.is_empty() { vec![other.russian] } else { names };
        Identity {
            names,
            birth,
            sex: if male { Sex::Male } else { Sex::Female },
            citizenship: self.citizenship.clone(),
            passports: vec![fresh_passport(rng, self.passports.first())],
            phones: if chance(rng, 0.5) { self.phones.clone() } else { Vec::new() },
            addresses: self.addresses.clone(),
        }
    }

    /// Someone else with the same full name: born days or months apart, another passport,
    /// phone and address.
    fn namesake(&self, rng: &mut Rng) -> Identity {
        let birth = match self.birth.exact() {
            Some(d) => {
                let days = between(rng, 2, 200) as i64;
                PartialDate::full(d.checked_add_signed(chrono::Duration::days(days)).unwrap_or(d))
            }
            None => shift_year(self.birth, 1),
        };
        Identity {
            names: self.names.clone(),
            birth,
            sex: self.sex,
            citizenship: self.citizenship.clone(),
            passports: vec![fresh_passport(rng, self.passports.first())],
            phones: Vec::new(),
            addresses: Vec::new(),
        }
    }

    /// One agency's record of this person.
    fn report(&self, rng: &mut Rng, truth: &str) -> Row {
        let name = &self.names[between(rng, 0, self.names.len() as u64 - 1) as usize];
        let (mut surname, mut given) = (name.surname.clone(), name.given_names.clone());
        if chance(rng, 0.03) {
            std::mem::swap(&mut surname, &mut given);
        }
        if chance(rng, 0.04) {
            surname = typo(rng, &surname);
        } else if chance(rng, 0.03) {
            given = typo(rng, &given);
        }
        let patronymic = name.patronymic.clone().filter(|_| chance(rng, 0.7)).unwrap_or_default();
        let dob = if chance(rng, 0.03) { String::new() } else { write_date(rng, self.birth) };
        let document = match self.passports.as_slice() {
            [] => String::new(),
            docs if chance(rng, 0.65) => {
                let d = &docs[between(rng, 0, docs.len() as u64 - 1) as usize];
                write_document(rng, d)
            }
            _ => String::new(),
        };
        let phone = match self.phones.first() {
            Some(ph) if chance(rng, 0.5) => write_phone(rng, ph),
            _ => String::new(),
        };
        let (address, postcode) = match self.addresses.as_slice() {
            [] => (String::new(), String::new()),
            all if chance(rng, 0.6) => {
                let (a, pc) = &all[between(rng, 0, all.len() as u64 - 1) as usize];
                (a.clone(), pc.clone().unwrap_or_default())
            }
            _ => (String::new(), String::new()),
        };
        let sex = if chance(rng, 0.05) { String::new() } else { self.sex.code().to_owned() };
        [
            String::new(),
            surname,
            given,
            patronymic,
            dob,
            sex,
            self.citizenship.clone(),
            document,
            phone,
            address,
            postcode,
            truth.to_owned(),
        ]
    }
}

fn shift_year(d: PartialDate, by: i32) -> PartialDate {
    let year = d.year() + by;
    let day = d.day().map(|x| x.min(28));
    PartialDate::new(year, d.month(), day).unwrap_or(d)
}

/// A birth date as agencies write it: ISO, Russian `DD.MM.YYYY`, sometimes day and month swapped.
fn write_date(rng: &mut Rng, d: PartialDate) -> String {
    let Some(full) = d.exact() else {
        return match d.month() {
            Some(m) => format!("{}-{m:02}", d.year()),
            None => d.year().to_string(),
        };
    };
    let (y, mut m, mut day) = (full.year(), full.month(), full.day());
    if day <= 12 && chance(rng, 0.02) {
        std::mem::swap(&mut m, &mut day);
    }
    if chance(rng, 0.5) { format!("{y}-{m:02}-{day:02}") } else { format!("{day:02}.{m:02}.{y}") }
}

/// A passport number with the noise of manual entry.
fn write_document(rng: &mut Rng, number: &str) -> String {
    let mut s: String = number.to_owned();
    match between(rng, 0, 9) {
        0 => s = s.to_lowercase(),
        1 => s = format!("№ {s}"),
        2 => {
            let cut = s.char_indices().find(|(_, c)| c.is_ascii_digit()).map_or(0, |(i, _)| i);
            s = format!("{} {}", &s[..cut], &s[cut..]);
        }
        3 => {
            s = s
                .chars()
                .map(|c| match c {
                    'A' => 'А',
                    'B' => 'В',
                    'C' => 'С',
                    'E' => 'Е',
                    'K' => 'К',
                    'M' => 'М',
                    'H' => 'Н',
                    'O' => 'О',
                    'P' => 'Р',
                    'T' => 'Т',
                    'X' => 'Х',
                    c => c,
                })
                .collect()
        }
        4 => s = typo_digit(rng, &s),
        _ => {}
    }
    s
}

/// A phone in one of the ways people write them.
fn write_phone(rng: &mut Rng, e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    match between(rng, 0, 3) {
        0 => e164.to_owned(),
        1 => digits.to_owned(),
        2 if digits.len() > 7 => {
            let (a, b) = digits.split_at(digits.len() - 7);
            format!("+{a} {} {} {}", &b[..3], &b[3..5], &b[5..])
        }
        _ if digits.starts_with('7') => format!("8{}", &digits[1..]),
        _ => format!("00{digits}"),
    }
}

/// One edit of a name: a dropped, doubled or swapped letter.
fn typo(rng: &mut Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 4 {
        return s.to_owned();
    }
    let i = between(rng, 1, c.len() as u64 - 2) as usize;
    match between(rng, 0, 2) {
        0 => {
            c.remove(i);
        }
        1 => c.insert(i, c[i]),
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

fn typo_digit(rng: &mut Rng, s: &str) -> String {
    let digits: Vec<usize> = s.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
    if digits.is_empty() {
        return s.to_owned();
    }
    let at = digits[between(rng, 0, digits.len() as u64 - 1) as usize];
    let mut b = s.as_bytes().to_vec();
    b[at] = b'0' + ((b[at] - b'0' + 1 + between(rng, 0, 7) as u8) % 10);
    String::from_utf8(b).unwrap_or_else(|_| s.to_owned())
}

/// Another passport of the same country's format: the same letters, other digits.
fn fresh_passport(rng: &mut Rng, like: Option<&String>) -> String {
    let like = like.map_or("AA0000000", |s| s.as_str());
    like.chars().map(|c| if c.is_ascii_digit() { char::from(b'0' + between(rng, 0, 9) as u8) } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::collections::HashMap;

    fn set(records: usize) -> Vec<Row> {
        let cfg = DemoConfig::new(7, 0, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let region = Region::generate_orgs(&cfg);
        linkage_set(&cfg, &region, &SetConfig::new(records))
    }

    #[test]
    fn the_set_has_the_size_asked_and_is_reproducible() {
        let a = set(3000);
        assert_eq!(a.len(), 3000);
        assert_eq!(a, set(3000));
        let ids: std::collections::HashSet<&String> = a.iter().map(|r| &r[0]).collect();
        assert_eq!(ids.len(), a.len(), "record ids are unique");
    }

    #[test]
    fn persons_are_reported_several_ways_and_hard_negatives_exist() {
        let rows = set(5000);
        let mut by_truth: HashMap<&str, Vec<&Row>> = HashMap::new();
        for r in &rows {
            by_truth.entry(r[11].as_str()).or_default().push(r);
        }
        let multi = by_truth.values().filter(|v| v.len() > 1).count();
        assert!(multi > 500, "many persons are reported more than once: {multi}");
        let spelled_apart = by_truth.values().filter(|v| v.iter().any(|r| r[1] != v[0][1])).count();
        assert!(spelled_apart > 200, "many persons' surnames are written differently: {spelled_apart}");
        let siblings: Vec<&&Row> =
            by_truth.iter().filter(|(t, _)| t.ends_with('s')).flat_map(|(_, v)| v.iter()).collect();
        assert!(siblings.len() > 50, "siblings: {}", siblings.len());
        let same_given =
            siblings.iter().filter(|s| by_truth[&s[11][..s[11].len() - 1]].iter().any(|r| r[2] == s[2])).count();
        assert!(same_given * 10 < siblings.len(), "siblings have other given names: {same_given}");
        assert!(by_truth.keys().any(|t| t.ends_with('t')), "twins");
        assert!(by_truth.keys().any(|t| t.ends_with('n')), "namesakes");
    }
}
