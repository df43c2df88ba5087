//! The incremental linker's blocking keys (`link_keys`): which registry persons a new record is
//! compared with.
//!
//! Keys are texts hashed with the data key's look-up HMAC, so the table holds no clear personal
//! data. They are chosen so that two writings of one person share at least one key while each
//! key's block stays small in a region of a million persons:
//!
//! * `d:` the document number, loose canonical form (O = 0, Cyrillic look-alikes as Latin);
//! * `p:` the phone in E.164;
//! * `i:` the INN (unique per taxpayer);
//! * `s:` the surname's phonetic block key with the full birth date;
//! * `g:` the given name's block key with the full birth date;
//! * `n:` surname and given-name block keys with the birth year (survives a typo in the date).
//!
//! Block keys fold scripts and transliterations (`Юсупов`, `Iusupov`, `Yusupov` share one), so
//! a record in another writing still meets its person. A record's query adds the keys of its
//! names swapped and of its date with day and month swapped; the index stores only the straight
//! keys.

use std::collections::BTreeSet;

use domain::date::PartialDate;
use domain::person::{ContactValue, PersonProfile};
use linkage::name::Folder;

/// Digest kind of link keys (the HMAC input is `link\0<key text>`).
pub(crate) const LOOKUP_LINK: &str = "link";

/// What the keys are made of: names (surname, given names), birth date, documents, phones.
#[derive(Debug, Default)]
pub(crate) struct KeyParts<'a> {
    pub names: Vec<(&'a str, &'a str)>,
    pub birth: Option<PartialDate>,
    pub documents: Vec<&'a str>,
    pub phones: Vec<&'a str>,
    pub inn: Option<&'a str>,
}

impl<'a> KeyParts<'a> {
    /// The parts of a registry person.
    pub fn of_profile(p: &'a PersonProfile) -> KeyParts<'a> {
        KeyParts {
            names: p.names.iter().map(|n| (n.surname.as_str(), n.given_names.as_str())).collect(),
            birth: Some(p.birth_date),
            documents: p.documents.iter().filter(|d| d.invalidated.is_none()).map(|d| d.number.as_str()).collect(),
            phones: p
                .contacts
                .iter()
                .filter_map(|c| match &c.value {
                    ContactValue::Phone(p) => Some(p.as_str()),
                    ContactValue::Email(_) => None,
                })
                .collect(),
            inn: p.inn.as_ref().map(|i| i.as_str()),
        }
    }

    /// The key texts; `query` adds the variants a record is looked up with (names swapped, day
    /// and month swapped).
    pub fn texts(&self, folder: &mut Folder, query: bool) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for d in &self.documents {
            if let Ok(k) = linkage::document::loose_key(d) {
                out.insert(format!("d:{k}"));
            }
        }
        for p in &self.phones {
            out.insert(format!("p:{p}"));
        }
        if let Some(i) = self.inn {
            out.insert(format!("i:{i}"));
        }
        let mut dates: Vec<String> = Vec::new();
        let mut year = None;
        if let Some(b) = self.birth {
            year = Some(b.year());
            if let (Some(m), Some(d)) = (b.month(), b.day()) {
                dates.push(format!("{:04}{m:02}{d:02}", b.year()));
                if query && d <= 12 && d != m {
                    dates.push(format!("{:04}{d:02}{m:02}", b.year()));
                }
            }
        }
        for &(surname, given) in &self.names {
            let s = folder.block_key(surname).to_owned();
            let g = folder.block_key(given).to_owned();
            let orders: &[(&str, &str)] = if query { &[(&s, &g), (&g, &s)] } else { &[(&s, &g)] };
            for &(s, g) in orders {
                for d in &dates {
                    if !s.is_empty() {
                        out.insert(format!("s:{s}:{d}"));
                    }
                    if !g.is_empty() {
                        out.insert(format!("g:{g}:{d}"));
                    }
                }
                if let Some(y) = year
                    && !s.is_empty()
                    && !g.is_empty()
                {
                    out.insert(format!("n:{s}:{g}:{y}"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(surname: &str, given: &str, date: &str, query: bool) -> BTreeSet<String> {
        let p: Vec<u32> = date.split('-').map(|x| x.parse().unwrap()).collect();
        let birth = Some(PartialDate::new(p[0] as i32, Some(p[1]), Some(p[2])).unwrap());
        KeyParts { names: vec![(surname, given)], birth, ..KeyParts::default() }.texts(&mut Folder::new(), query)
    }

    #[test]
    fn transliteration_variants_share_keys() {
        let stored = keys("Юсупов", "Хуршид", "1990-03-07", false);
        for (s, g, d) in [
            ("YUSUPOV", "KHURSHID", "1990-03-07"),
            ("Iusupov", "Xurshid", "1990-03-07"),
            ("Yusupov", "Hurshid", "1990-07-03"),
            ("Хуршид", "Юсупов", "1990-03-07"),
            ("Yusupov", "Khurshid", "1990-03-17"),
        ] {
            let q = keys(s, g, d, true);
            assert!(q.intersection(&stored).next().is_some(), "{s} {g} {d}: {q:?} vs {stored:?}");
        }
        assert!(keys("Karimov", "Rustam", "1984-09-15", true).is_disjoint(&stored));
    }

    #[test]
    fn documents_meet_across_look_alike_letters() {
        let a = KeyParts { documents: vec!["AA1234567"], ..KeyParts::default() }.texts(&mut Folder::new(), false);
        let b = KeyParts { documents: vec!["АА 1234567"], ..KeyParts::default() }.texts(&mut Folder::new(), true);
        assert_eq!(a, b);
    }
}
