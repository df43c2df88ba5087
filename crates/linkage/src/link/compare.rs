//! Comparison vectors: one small agreement level per field per record pair.
//!
//! Levels are numbered from 0 (a value missing on either side, which carries no evidence) through
//! 1 (disagreement) up to the field's exact level; [`CompareKind::level_names`] names them. A
//! pair's levels are packed four bits per field into a `u64` (see [`Levels`]). Equal interned ids
//! give the exact level without touching text; only differing keys are measured, with a
//! Jaro-Winkler and a bounded edit distance that work on ASCII bytes without allocating.

use super::mapping::{CompareKind, FieldSpec};
use super::prepare::{NULL, Prepared, Sig, loose_of};
use crate::date::{self, DateMatch};

/// Packed comparison vector: field `k`'s level in bits `4k..4k+4`.
pub(crate) type Levels = u64;

/// The level of field `k` in `levels`.
pub(crate) fn level_of(levels: Levels, k: usize) -> u8 {
    ((levels >> (4 * k)) & 0xF) as u8
}

/// Compares records field by field.
pub(crate) struct Comparer<'a> {
    pub fields: &'a [Prepared],
    /// Pairs of fields whose values may be swapped between records.
    swaps: Vec<Swap>,
}

/// Two swappable fields `a` < `b`, with their keys interned into one dictionary so that a value
/// of one equal to a value of the other is found by comparing ids.
struct Swap {
    a: usize,
    b: usize,
    joint_a: Vec<u32>,
    joint_b: Vec<u32>,
}

impl<'a> Comparer<'a> {
    pub fn new(fields: &'a [Prepared], specs: &[FieldSpec]) -> Self {
        let swaps = specs
            .iter()
            .enumerate()
            .filter_map(|(a, s)| s.swap_with.filter(|&b| a < b).map(|b| (a, b)))
            .map(|(a, b)| {
                let mut joint: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
                let mut ids = |p: &'a Prepared| -> Vec<u32> {
                    p.keys
                        .iter()
                        .map(|k| {
                            let next = joint.len() as u32;
                            *joint.entry(&**k).or_insert(next)
                        })
                        .collect()
                };
                let joint_a = ids(&fields[a]);
                let joint_b = ids(&fields[b]);
                Swap { a, b, joint_a, joint_b }
            })
            .collect();
        Comparer { fields, swaps }
    }

    /// The comparison vector of records `i` and `j`.
    pub fn levels(&self, i: u32, j: u32) -> Levels {
        let mut out: Levels = 0;
        for (k, p) in self.fields.iter().enumerate() {
            let l = field_level(p, p.ids[i as usize], p.ids[j as usize]);
            out |= (l as Levels) << (4 * k);
        }
        for swap in &self.swaps {
            out = self.try_swapped(out, swap, i as usize, j as usize);
        }
        out
    }

    /// Given and family names written in each other's fields: when one value equals the other
    /// record's value of the other field, and comparing crossed agrees better than comparing
    /// straight, the crossed levels count.
    fn try_swapped(&self, levels: Levels, swap: &Swap, i: usize, j: usize) -> Levels {
        let (a, b) = (swap.a, swap.b);
        let (pa, pb) = (&self.fields[a], &self.fields[b]);
        let (la, lb) = (level_of(levels, a), level_of(levels, b));
        let Some(kind) = pa.kind else { return levels };
        let exact = kind.exact_level();
        if la == exact && lb == exact {
            return levels;
        }
        let (ai, bi, aj, bj) = (pa.ids[i], pb.ids[i], pa.ids[j], pb.ids[j]);
        if ai == NULL || bi == NULL || aj == NULL || bj == NULL {
            return levels;
        }
        let cross_a_exact = swap.joint_a[ai as usize] == swap.joint_b[bj as usize];
        let cross_b_exact = swap.joint_b[bi as usize] == swap.joint_a[aj as usize];
        if !cross_a_exact && !cross_b_exact {
            return levels;
        }
        let cross = |x: &Prepared, xi: u32, y: &Prepared, yi: u32| {
            string_level(kind, x.key(xi), y.key(yi), Some((&x.sigs[xi as usize], &y.sigs[yi as usize])))
        };
        let ca = if cross_a_exact { exact } else { cross(pa, ai, pb, bj) };
        let cb = if cross_b_exact { exact } else { cross(pb, bi, pa, aj) };
        if ca + cb > la + lb && ca.min(cb) >= exact - 1 {
            let cleared = levels & !((0xF << (4 * a)) | (0xF << (4 * b)));
            cleared | ((ca as Levels) << (4 * a)) | ((cb as Levels) << (4 * b))
        } else {
            levels
        }
    }
}

/// Level of one field for two interned ids.
pub(crate) fn field_level(p: &Prepared, a: u32, b: u32) -> u8 {
    let Some(kind) = p.kind else { return 0 };
    if a == NULL || b == NULL {
        return 0;
    }
    if a == b {
        if kind == CompareKind::Date {
            // Agreeing on a year alone is not agreeing on a birth date.
            return match p.dates[a as usize] {
                Some(d) if d.day().is_none() => {
                    if d.month().is_some() {
                        4
                    } else {
                        3
                    }
                }
                _ => kind.exact_level(),
            };
        }
        return kind.exact_level();
    }
    let (ka, kb) = (p.key(a), p.key(b));
    match kind {
        CompareKind::Date => date_level(p.dates[a as usize], p.dates[b as usize], ka, kb),
        CompareKind::Document => {
            if p.coarse[a as usize] == p.coarse[b as usize] {
                4
            } else {
                match bounded_osa(ka.as_bytes(), kb.as_bytes(), 2) {
                    1 => 3,
                    2 => 2,
                    _ => 1,
                }
            }
        }
        CompareKind::Name if p.stems[a as usize] == p.stems[b as usize] => STEM_LEVEL,
        CompareKind::Name | CompareKind::Text => {
            string_level(kind, ka, kb, Some((&p.sigs[a as usize], &p.sigs[b as usize])))
        }
        _ => string_level(kind, ka, kb, None),
    }
}

/// An upper bound of the Jaro-Winkler similarity of two ASCII keys from their letter counts:
/// Jaro matches cannot outnumber the letters the keys share. 1.0 (no bound) when either key is
/// not ASCII.
fn jw_bound(a: &str, b: &str, sa: &Sig, sb: &Sig) -> f64 {
    if !(a.is_ascii() && b.is_ascii()) || a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let shared: u32 = sa.iter().zip(sb).map(|(x, y)| u32::from(*x.min(y))).sum();
    let m = shared.min(a.len().min(b.len()) as u32) as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    // Word order may be sorted before comparing (names), which changes the prefix.
    let prefix = if a.contains(' ') || b.contains(' ') {
        4
    } else {
        a.bytes().zip(b.bytes()).take(4).take_while(|(x, y)| x == y).count()
    };
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// The name level "same stem": equal once -ov/-ova/-ev/-zoda are dropped (Rahmonov, Rahmonzoda).
const STEM_LEVEL: u8 = 5;

/// Level of two differing keys of a string-like kind (also used across swapped fields); `sigs`
/// lets names and text skip Jaro-Winkler when it cannot reach the lowest level.
pub(crate) fn string_level(kind: CompareKind, a: &str, b: &str, sigs: Option<(&Sig, &Sig)>) -> u8 {
    if a == b {
        return kind.exact_level();
    }
    if let Some((sa, sb)) = sigs
        && matches!(kind, CompareKind::Name | CompareKind::Text)
        && jw_bound(a, b, sa, sb) < 0.80
    {
        return 1;
    }
    match kind {
        CompareKind::Name => {
            if crate::name::surname_stem(a) == crate::name::surname_stem(b) {
                return STEM_LEVEL;
            }
            let s = name_jw(a, b);
            if s >= 0.94 {
                4
            } else if s >= 0.88 {
                3
            } else if s >= 0.80 {
                2
            } else {
                1
            }
        }
        CompareKind::Text => {
            let s = jaro_winkler(a, b);
            if s >= 0.92 {
                3
            } else if s >= 0.80 {
                2
            } else {
                1
            }
        }
        CompareKind::Code | CompareKind::Phone => {
            if bounded_osa(a.as_bytes(), b.as_bytes(), 1) <= 1 {
                2
            } else {
                1
            }
        }
        CompareKind::Document => {
            if loose_of(a) == loose_of(b) {
                4
            } else {
                match bounded_osa(a.as_bytes(), b.as_bytes(), 2) {
                    1 => 3,
                    2 => 2,
                    _ => 1,
                }
            }
        }
        CompareKind::Address => address_level(a, b),
        CompareKind::Exact | CompareKind::Sex | CompareKind::Country | CompareKind::Date => 1,
    }
}

/// Names of several words may come in another order (`abdul aziz` / `aziz abdul`).
fn name_jw(a: &str, b: &str) -> f64 {
    let s = jaro_winkler(a, b);
    if s < 1.0 && a.contains(' ') && b.contains(' ') {
        let sorted = |k: &str| {
            let mut w: Vec<&str> = k.split(' ').collect();
            w.sort_unstable();
            w.join(" ")
        };
        return s.max(jaro_winkler(&sorted(a), &sorted(b)));
    }
    s
}

fn date_level(da: Option<domain::date::PartialDate>, db: Option<domain::date::PartialDate>, ka: &str, kb: &str) -> u8 {
    match (da, db) {
        (Some(x), Some(y)) => {
            let full = x.day().is_some() && y.day().is_some();
            match date::compare(&x, &y) {
                DateMatch::Exact if full => 7,
                DateMatch::Exact => 4,
                DateMatch::DayMonthSwapped => 6,
                _ if full && bounded_osa(ka.as_bytes(), kb.as_bytes(), 1) <= 1 => 5,
                DateMatch::SameYearMonth => 4,
                DateMatch::SameYear => 3,
                DateMatch::YearOffByOne => 2,
                DateMatch::Different => 1,
            }
        }
        _ => {
            let (a, b) = (ka.trim_start_matches('~'), kb.trim_start_matches('~'));
            if a == b {
                7
            } else if bounded_osa(a.as_bytes(), b.as_bytes(), 1) <= 1 {
                5
            } else {
                1
            }
        }
    }
}

/// Address keys are `street|house|flat`.
fn address_level(a: &str, b: &str) -> u8 {
    let mut pa = a.split('|');
    let mut pb = b.split('|');
    let (sa, sb) = (pa.next().unwrap_or(""), pb.next().unwrap_or(""));
    let (ha, hb) = (pa.next().unwrap_or(""), pb.next().unwrap_or(""));
    let (fa, fb) = (pa.next().unwrap_or(""), pb.next().unwrap_or(""));
    let street = !sa.is_empty() && (sa == sb || jaro_winkler(sa, sb) >= 0.92);
    if !street {
        return 1;
    }
    if ha.is_empty() || ha != hb {
        return 2;
    }
    if !fa.is_empty() && fa == fb { 4 } else { 3 }
}

/// Jaro-Winkler similarity, equal to [`strsim::jaro_winkler`]; on ASCII keys of up to 64 bytes
/// it runs on bit masks without allocating.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !(a.is_ascii() && b.is_ascii()) || x.len() > 64 || y.len() > 64 {
        return strsim::jaro_winkler(a, b);
    }
    let sim = jaro_bytes(x, y);
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

fn jaro_bytes(a: &[u8], b: &[u8]) -> f64 {
    let (al, bl) = (a.len(), b.len());
    if al == 0 && bl == 0 {
        return 1.0;
    }
    if al == 0 || bl == 0 {
        return 0.0;
    }
    let range = (al.max(bl) / 2).saturating_sub(1);
    let (mut a_flags, mut b_flags) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(bl);
        for (j, &d) in b.iter().enumerate().take(hi).skip(lo) {
            if c == d && b_flags & (1 << j) == 0 {
                a_flags |= 1 << i;
                b_flags |= 1 << j;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &c) in a.iter().enumerate() {
        if a_flags & (1 << i) == 0 {
            continue;
        }
        while b_flags & (1 << j) == 0 {
            j += 1;
        }
        if c != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let t = (transpositions / 2) as f64;
    let m = matches as f64;
    (m / al as f64 + m / bl as f64 + (m - t) / m) / 3.0
}

/// Optimal string alignment distance (edits and adjacent transpositions), or `max + 1` when it
/// is larger than `max`. Allocation-free for strings of up to 63 bytes.
pub(crate) fn bounded_osa(a: &[u8], b: &[u8], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    if max <= 1 {
        return within_one(a, b).min(max + 1);
    }
    if a.len() > 63 || b.len() > 63 {
        let d = strsim::osa_distance(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b));
        return d.min(max + 1);
    }
    // Three rolling rows of the DP table.
    let n = b.len();
    let mut prev2 = [0usize; 64];
    let mut prev = [0usize; 64];
    let mut cur = [0usize; 64];
    for (j, v) in prev.iter_mut().enumerate().take(n + 1) {
        *v = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        prev2[..=n].copy_from_slice(&prev[..=n]);
        prev[..=n].copy_from_slice(&cur[..=n]);
    }
    prev[n].min(max + 1)
}

/// Edit distance capped at 2, for the common "at most one edit" question: equal, one
/// substitution, one adjacent transposition, or one insertion/deletion.
fn within_one(a: &[u8], b: &[u8]) -> usize {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if start == a.len() && start == b.len() {
        return 0;
    }
    let (ra, rb) = (&a[start..], &b[start..]);
    let one = match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..] || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    };
    if one { 1 } else { 2 }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::prepare::sig_of;
    use super::*;

    #[test]
    fn string_levels() {
        use CompareKind::*;
        let cases: &[(CompareKind, &str, &str, u8)] = &[
            (Name, "iusupav", "iusupav", 6),
            (Name, "rakhmanav", "rakhmanzada", 5),
            (Name, "iusupav", "iusufav", 4),
            (Name, "iusupav", "karimav", 1),
            (Name, "abdul aziz", "aziz abdul", 4),
            (Text, "tullaroop street", "tullaroop st", 3),
            (Text, "tullaroop street", "giblin street", 1),
            (Code, "4011", "4012", 2),
            (Code, "4011", "4101", 2),
            (Code, "4011", "4999", 1),
            (Phone, "+79161234567", "+79161234568", 2),
            (Document, "AA1204567", "AA12O4567", 4),
            (Document, "AA1234567", "AA1243567", 3),
            (Document, "AA1234567", "AA1234000", 1),
            (Address, "baumana|15|7", "baumana|15|", 3),
            (Address, "baumana|15|7", "baumana|17|7", 2),
            (Address, "baumana|15|7", "pushkina|15|7", 1),
            (Exact, "uzb", "tjk", 1),
        ];
        for (kind, a, b, want) in cases {
            assert_eq!(string_level(*kind, a, b, None), *want, "{kind:?} {a} / {b}");
            let sigs = (sig_of(a), sig_of(b));
            assert_eq!(string_level(*kind, a, b, Some((&sigs.0, &sigs.1))), *want, "{kind:?} {a} / {b} with bound");
        }
    }

    #[test]
    fn date_levels() {
        let d = |s: &str| {
            let k = s.to_owned();
            let date = if k.starts_with('~') {
                None
            } else {
                let m: u32 = k[4..6].parse().unwrap();
                let day: u32 = k[6..].parse().unwrap();
                domain::date::PartialDate::new(
                    k[..4].parse().unwrap(),
                    (m != 0).then_some(m),
                    (day != 0).then_some(day),
                )
                .ok()
            };
            (date, k)
        };
        let cases = [
            ("19900307", "19900703", 6),
            ("19900307", "19900308", 5),
            ("19900307", "19900327", 5),
            ("19900307", "19900319", 4),
            ("19900307", "19901119", 1),
            ("19900000", "19901119", 3),
            ("19900307", "19910307", 5),
            ("19900307", "19890308", 1),
            ("19900300", "19900317", 4),
            ("~19901307", "19901307", 7),
            ("~19901307", "~19901308", 5),
            ("19900307", "19560121", 1),
        ];
        for (a, b, want) in cases {
            let ((da, ka), (db, kb)) = (d(a), d(b));
            assert_eq!(date_level(da, db, &ka, &kb), want, "{a} / {b}");
        }
    }

    #[test]
    fn osa_counts_transpositions_and_stops_early() {
        assert_eq!(bounded_osa(b"AA1234567", b"AA1243567", 2), 1);
        assert_eq!(bounded_osa(b"abc", b"abc", 0), 0);
        assert_eq!(bounded_osa(b"", b"abc", 5), 3);
        assert_eq!(bounded_osa(b"abcdef", b"uvwxyz", 2), 3);
        assert_eq!(bounded_osa(b"abc", b"abcdef", 2), 3);
    }

    proptest! {
        #[test]
        fn the_bound_is_an_upper_bound(a in "[a-f ]{1,14}", b in "[a-f ]{1,14}") {
            let exact = name_jw(&a, &b);
            prop_assert!(jw_bound(&a, &b, &sig_of(&a), &sig_of(&b)) + 1e-12 >= exact, "{} {}", a, b);
        }

        #[test]
        fn fast_jaro_winkler_equals_strsim(a in "[a-e ]{0,12}", b in "[a-e ]{0,12}") {
            let fast = jaro_winkler(&a, &b);
            let slow = strsim::jaro_winkler(&a, &b);
            prop_assert!((fast - slow).abs() < 1e-12, "{} {} {} {}", a, b, fast, slow);
        }

        #[test]
        fn bounded_osa_equals_strsim(a in "[a-d]{0,10}", b in "[a-d]{0,10}", max in 0usize..4) {
            let want = strsim::osa_distance(&a, &b).min(max + 1);
            prop_assert_eq!(bounded_osa(a.as_bytes(), b.as_bytes(), max), want);
        }
    }
}
