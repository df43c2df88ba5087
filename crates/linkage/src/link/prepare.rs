//! Every raw value normalised once into an interned key, so that comparing two records is
//! integer work plus, only when keys differ, one string similarity.
//!
//! Per field: a key per record (`u32`, [`NULL`] when missing), the distinct keys with the number
//! of records holding each (term frequencies), and per key the coarser blocking key (name block
//! key, birth year, loose document key) and, for dates, the parsed date. Normalising is the
//! costly step (folding names across scripts), so rows are split between threads, each interning
//! into its own dictionary, and the dictionaries are merged in thread order: the result does not
//! depend on the number of threads.

use chrono::NaiveDate;
use domain::date::PartialDate;
use domain::validate::country::Country;
use rustc_hash::FxHashMap;

use super::mapping::{CompareKind, FieldSpec};
use super::table::Table;
use crate::name::Folder;
use crate::{address, date, document, phone};

/// Missing value (or no blocking key).
pub(crate) const NULL: u32 = u32::MAX;

/// One field of every record, normalised and interned.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub kind: Option<CompareKind>,
    /// Key id per record.
    pub ids: Vec<u32>,
    /// Key text per id.
    pub keys: Vec<Box<str>>,
    /// Records per id.
    pub counts: Vec<u32>,
    /// Records with a value.
    pub non_null: u32,
    /// Blocking key per id: name block key id, birth year, or loose document key id.
    pub coarse: Vec<u32>,
    /// Parsed date per id (dates only).
    pub dates: Vec<Option<PartialDate>>,
    /// Letter counts per id (names and text), for a cheap bound on Jaro-Winkler.
    pub sigs: Vec<Sig>,
    /// Id of the key without family endings, per id (names only; see [`crate::name::surname_stem`]).
    pub stems: Vec<u32>,
}

/// Counts of each byte's low five bits, saturating; all zero for keys that are not ASCII.
pub(crate) type Sig = [u8; 32];

/// The [`Sig`] of a key.
pub(crate) fn sig_of(key: &str) -> Sig {
    let mut s = [0u8; 32];
    if key.is_ascii() {
        for b in key.bytes() {
            let c = &mut s[(b & 31) as usize];
            *c = c.saturating_add(1);
        }
    }
    s
}

impl Prepared {
    pub fn key(&self, id: u32) -> &str {
        &self.keys[id as usize]
    }
}

/// What normalising needs besides the value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub today: NaiveDate,
    pub phone_country: Country,
}

/// One thread's dictionary of a field: keys in first-seen order, and the key id of each row.
type LocalDict = (Vec<Box<str>>, Vec<u32>);
/// Look-up from key to id while interning.
type KeyIndex = FxHashMap<Box<str>, u32>;

/// Normalises and interns every field of `table`, using up to `threads` threads.
pub(crate) fn prepare(
    table: &Table,
    fields: &[FieldSpec],
    ctx: Context,
    threads: usize,
    progress: &dyn super::Progress,
) -> Vec<Prepared> {
    let n = table.len();
    let threads = threads.clamp(1, 64).min(n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    progress.stage("normalising", n as u64);
    // Each thread: per field, its local dictionary (keys in first-seen order) and local ids.
    let locals: Vec<Vec<LocalDict>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let rows = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || {
                    let mut folder = Folder::new();
                    let mut buf = String::new();
                    let mut out: Vec<(KeyIndex, Vec<Box<str>>, Vec<u32>)> = fields
                        .iter()
                        .map(|_| (FxHashMap::default(), Vec::new(), Vec::with_capacity(rows.len())))
                        .collect();
                    // Raw values seen before skip normalising: names, dates, countries and
                    // addresses repeat a lot. Documents and phones hardly do.
                    let mut memo: Vec<Option<KeyIndex>> = fields
                        .iter()
                        .map(|f| {
                            (!matches!(f.compare, CompareKind::Document | CompareKind::Phone)).then(FxHashMap::default)
                        })
                        .collect();
                    for (k, row) in rows.enumerate() {
                        for (f, spec) in fields.iter().enumerate() {
                            let raw = table.value(f, row);
                            if let Some(&id) = memo[f].as_ref().and_then(|m| m.get(raw)) {
                                out[f].2.push(id);
                                continue;
                            }
                            let (map, keys, ids) = &mut out[f];
                            let id = match normalise(spec.compare, raw, ctx, &mut folder, &mut buf) {
                                Some(key) => match map.get(key) {
                                    Some(&id) => id,
                                    None => {
                                        let id = keys.len() as u32;
                                        let boxed: Box<str> = key.into();
                                        keys.push(boxed.clone());
                                        map.insert(boxed, id);
                                        id
                                    }
                                },
                                None => NULL,
                            };
                            ids.push(id);
                            if let Some(m) = &mut memo[f] {
                                m.insert(raw.into(), id);
                            }
                        }
                        if k % 4096 == 4095 {
                            progress.advance(4096);
                        }
                    }
                    out.into_iter().map(|(_, keys, ids)| (keys, ids)).collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    progress.finish();
    let mut prepared: Vec<Prepared> = fields
        .iter()
        .map(|f| Prepared { kind: Some(f.compare), ids: Vec::with_capacity(n), ..Prepared::default() })
        .collect();
    for local in locals {
        for (f, (keys, ids)) in local.into_iter().enumerate() {
            merge(&mut prepared[f], keys, ids);
        }
    }
    for p in &mut prepared {
        finish(p);
    }
    prepared
}

fn merge(p: &mut Prepared, keys: Vec<Box<str>>, ids: Vec<u32>) {
    // Rebuilding the global look-up per merge keeps memory flat; there are `threads` merges.
    let mut global: FxHashMap<&str, u32> = p.keys.iter().enumerate().map(|(i, k)| (&**k, i as u32)).collect();
    let mut new_keys = Vec::new();
    let remap: Vec<u32> = keys
        .iter()
        .map(|k| match global.get(&**k) {
            Some(&g) => g,
            None => {
                let g = (p.keys.len() + new_keys.len()) as u32;
                global.insert(k, g);
                new_keys.push(k.clone());
                g
            }
        })
        .collect();
    drop(global);
    p.keys.extend(new_keys);
    p.ids.extend(ids.into_iter().map(|id| if id == NULL { NULL } else { remap[id as usize] }));
}

/// Counts, and the per-key blocking keys and parsed dates.
fn finish(p: &mut Prepared) {
    p.counts = vec![0; p.keys.len()];
    for &id in &p.ids {
        if id != NULL {
            p.counts[id as usize] += 1;
            p.non_null += 1;
        }
    }
    match p.kind {
        Some(kind @ (CompareKind::Name | CompareKind::Text)) => {
            p.sigs = p.keys.iter().map(|k| sig_of(k)).collect();
            if kind == CompareKind::Name {
                let mut dict: FxHashMap<String, u32> = FxHashMap::default();
                p.stems = p
                    .keys
                    .iter()
                    .map(|k| {
                        let next = dict.len() as u32;
                        *dict.entry(crate::name::surname_stem(k)).or_insert(next)
                    })
                    .collect();
            }
            let mut folder = Folder::new();
            let mut dict: FxHashMap<String, u32> = FxHashMap::default();
            p.coarse = p
                .keys
                .iter()
                .map(|k| {
                    let b = folder.block_key(k);
                    let b = if b.is_empty() { &**k } else { b };
                    let next = dict.len() as u32;
                    *dict.entry(b.to_owned()).or_insert(next)
                })
                .collect();
        }
        Some(CompareKind::Date) => {
            p.dates = p.keys.iter().map(|k| key_date(k)).collect();
            p.coarse = p
                .keys
                .iter()
                .zip(&p.dates)
                .map(|(k, d)| match d {
                    Some(d) => d.year() as u32,
                    None => k.trim_start_matches('~').get(..4).and_then(|y| y.parse().ok()).unwrap_or(NULL),
                })
                .collect();
        }
        Some(CompareKind::Document) => {
            let mut dict: FxHashMap<String, u32> = FxHashMap::default();
            p.coarse = p
                .keys
                .iter()
                .map(|k| {
                    let loose = loose_of(k);
                    let next = dict.len() as u32;
                    *dict.entry(loose).or_insert(next)
                })
                .collect();
        }
        _ => {}
    }
}

/// The document key with O = 0 and N = H (as [`document::loose_key`] of the canonical key).
pub(crate) fn loose_of(canonical: &str) -> String {
    canonical
        .chars()
        .map(|c| match c {
            'O' => '0',
            'N' => 'H',
            other => other,
        })
        .collect()
}

/// Reads a date key back: `YYYYMMDD` with `00` for unknown parts, or `~digits` when the raw
/// value could not be read as a date.
fn key_date(k: &str) -> Option<PartialDate> {
    if k.starts_with('~') || k.len() != 8 {
        return None;
    }
    let y: i32 = k[..4].parse().ok()?;
    let m: u32 = k[4..6].parse().ok()?;
    let d: u32 = k[6..].parse().ok()?;
    PartialDate::new(y, (m != 0).then_some(m), (d != 0).then_some(d)).ok()
}

/// The comparison key of one raw value, or `None` when it is missing or holds nothing
/// comparable. `buf` and `folder` are scratch space reused across calls.
pub(crate) fn normalise<'b>(
    kind: CompareKind,
    raw: &str,
    ctx: Context,
    folder: &'b mut Folder,
    buf: &'b mut String,
) -> Option<&'b str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    buf.clear();
    match kind {
        CompareKind::Name => {
            let key = folder.fold(raw);
            return (!key.is_empty()).then_some(key);
        }
        CompareKind::Text => words_lower(raw, buf),
        CompareKind::Exact => words_lower(raw, buf),
        CompareKind::Code => buf.extend(raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase)),
        CompareKind::Sex => buf.push_str(sex_key(raw)),
        CompareKind::Country => buf.push_str(&country_key(raw)),
        CompareKind::Date => match date::parse(raw, ctx.today) {
            Ok(d) => {
                use std::fmt::Write;
                let _ = write!(buf, "{:04}{:02}{:02}", d.year(), d.month().unwrap_or(0), d.day().unwrap_or(0));
            }
            Err(_) => {
                let digits = raw.chars().filter(char::is_ascii_digit).count();
                if digits < 4 {
                    return None;
                }
                buf.push('~');
                buf.extend(raw.chars().filter(char::is_ascii_digit));
            }
        },
        CompareKind::Document => buf.push_str(&document::canonical(raw).ok()?),
        CompareKind::Phone => match phone::normalize(raw, ctx.phone_country) {
            Ok(p) => buf.push_str(&p),
            Err(_) => {
                let digits = raw.chars().filter(char::is_ascii_digit).count();
                if digits < 5 {
                    return None;
                }
                buf.push('~');
                buf.extend(raw.chars().filter(char::is_ascii_digit));
            }
        },
        CompareKind::Address => {
            let (street, house, flat) = match address::parse(raw) {
                Ok(a) => {
                    (a.street.or(a.city).unwrap_or_default(), a.house.unwrap_or_default(), a.flat.unwrap_or_default())
                }
                Err(_) => (folder.fold(raw).to_owned(), String::new(), String::new()),
            };
            if street.is_empty() && house.is_empty() {
                return None;
            }
            buf.push_str(&street);
            buf.push('|');
            buf.push_str(&house);
            buf.push('|');
            buf.push_str(&flat);
        }
    }
    (!buf.is_empty()).then_some(buf.as_str())
}

/// Lower case, letters and digits only, words separated by one space.
fn words_lower(raw: &str, buf: &mut String) {
    let mut space = false;
    for c in raw.chars() {
        if c.is_alphanumeric() {
            if space && !buf.is_empty() {
                buf.push(' ');
            }
            space = false;
            buf.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
}

/// Alpha-3 code of a country written as a code (alpha-3 or alpha-2) or a Russian or English
/// name; anything else lower case as written.
fn country_key(raw: &str) -> String {
    if let Ok(c) = Country::parse(raw) {
        return c.as_str().to_owned();
    }
    let lower = raw.trim().to_lowercase();
    const OTHER: &[(&str, &str)] = &[
        ("uz", "UZB"),
        ("tj", "TJK"),
        ("kg", "KGZ"),
        ("kz", "KAZ"),
        ("ru", "RUS"),
        ("am", "ARM"),
        ("az", "AZE"),
        ("by", "BLR"),
        ("tm", "TKM"),
        ("ua", "UKR"),
        ("md", "MDA"),
        ("ge", "GEO"),
        ("cn", "CHN"),
        ("in", "IND"),
        ("tr", "TUR"),
        ("af", "AFG"),
        ("vn", "VNM"),
        ("кыргызстан", "KGZ"),
        ("киргизстан", "KGZ"),
        ("kirgizia", "KGZ"),
        ("kirghizia", "KGZ"),
        ("kyrgyz republic", "KGZ"),
        ("республика узбекистан", "UZB"),
        ("республика таджикистан", "TJK"),
        ("кыргызская республика", "KGZ"),
        ("тоҷикистон", "TJK"),
        ("oʻzbekiston", "UZB"),
        ("o'zbekiston", "UZB"),
        ("uzbekiston", "UZB"),
    ];
    if let Some((_, code)) = OTHER.iter().find(|(k, _)| *k == lower) {
        return (*code).to_owned();
    }
    Country::all()
        .find(|c| {
            c.name_ru().is_some_and(|n| n.to_lowercase() == lower)
                || c.name_en().is_some_and(|n| n.to_lowercase() == lower)
        })
        .map_or(lower, |c| c.as_str().to_owned())
}

fn sex_key(raw: &str) -> &str {
    let lower = raw.trim().to_lowercase();
    match lower.chars().next() {
        Some('m' | 'м') => "M",
        Some('f' | 'ж' | 'w') => "F",
        Some('1') if lower == "1" => "M",
        Some('2') if lower == "2" => "F",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        Context { today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), phone_country: Country::RUS }
    }

    fn key(kind: CompareKind, raw: &str) -> Option<String> {
        normalise(kind, raw, ctx(), &mut Folder::new(), &mut String::new()).map(str::to_owned)
    }

    #[test]
    fn keys_per_kind() {
        use CompareKind::*;
        assert_eq!(key(Name, "Юсупов"), key(Name, "IUSUPOV"));
        assert_eq!(key(Name, "中文"), None);
        assert_eq!(key(Text, "  Tullaroop   STREET "), Some("tullaroop street".into()));
        assert_eq!(key(Code, "420 111"), Some("420111".into()));
        assert_eq!(key(Sex, "Муж."), Some("M".into()));
        assert_eq!(key(Sex, "F"), key(Sex, "ж"));
        for c in ["UZB", "uz", "Узбекистан", "Uzbekistan", "O'zbekiston"] {
            assert_eq!(key(Country, c), Some("UZB".into()), "{c}");
        }
        assert_eq!(key(Country, "Киргизия"), key(Country, "KG"));
        assert_eq!(key(Country, "Atlantis"), Some("atlantis".into()));
        assert_eq!(key(Date, "07.03.1990"), Some("19900307".into()));
        assert_eq!(key(Date, "19900307"), Some("19900307".into()));
        assert_eq!(key(Date, "03.1990"), Some("19900300".into()));
        assert_eq!(key(Date, "19901307"), Some("~19901307".into()));
        assert_eq!(key(Date, "n/a"), None);
        assert_eq!(key(Document, "аа 123-45-67"), Some("AA1234567".into()));
        assert_eq!(key(Phone, "8 (916) 123-45-67"), Some("+79161234567".into()));
        assert_eq!(key(Phone, "123"), None);
        assert_eq!(key(Address, "г. Казань, ул. Баумана, д. 15, кв. 7"), key(Address, "Kazan, Baumana st 15 apt 7"));
        assert_eq!(key(Date, ""), None);
    }

    #[test]
    fn interning_does_not_depend_on_threads() {
        let fields = super::super::Mapping::default_fields().fields;
        let mut t = Table::new(fields.len());
        for i in 0..500 {
            let s = ["Юсупов", "Yusupov", "Karimov", "Каримова", ""][i % 5];
            let d = format!("{:02}.03.19{}", 1 + i % 28, 70 + i % 20);
            t.push(&i.to_string(), [s, "Jamshid", "", d.as_str()]);
        }
        let one = prepare(&t, &fields, ctx(), 1, &super::super::NoProgress);
        let three = prepare(&t, &fields, ctx(), 3, &super::super::NoProgress);
        for (a, b) in one.iter().zip(&three) {
            assert_eq!(a.ids, b.ids);
            assert_eq!(a.keys, b.keys);
            assert_eq!(a.counts, b.counts);
            assert_eq!(a.coarse, b.coarse);
        }
        assert_eq!(one[0].keys.len(), 3, "Юсупов and Yusupov share a key: {:?}", one[0].keys);
        assert_eq!(one[0].non_null, 400);
        assert_eq!(one[3].coarse[one[3].ids[0] as usize], 1970);
    }
}
