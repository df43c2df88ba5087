//! Seeded randomness and deterministic identifiers.
//!
//! Every person is generated from its own generator keyed by `(seed, index)`, so person #n is the
//! same whether it is generated alone, in a stream or on another thread. Ids are UUIDv7 built from
//! the event's time and bits of that generator, never from the clock.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// The generator used everywhere: ChaCha8 is fast, portable and reproducible across platforms.
pub(crate) type Rng = ChaCha8Rng;

/// Separates the streams derived from one seed (persons, organisations).
#[derive(Clone, Copy)]
pub(crate) enum Stream {
    Person = 1,
    Region = 2,
}

/// A generator keyed by the demo seed, the stream and an index: ChaCha is a PRF of its key, so
/// neighbouring indices give unrelated sequences.
pub(crate) fn rng_for(seed: u64, stream: Stream, index: u64) -> Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&index.to_le_bytes());
    key[16..24].copy_from_slice(&(stream as u64).to_le_bytes());
    key[24..].copy_from_slice(b"rosmigr\x01");
    Rng::from_seed(key)
}

/// A UUIDv7 whose timestamp is `at` and whose 74 random bits come from `rng`.
pub(crate) fn uuid_v7(rng: &mut Rng, at: DateTime<Utc>) -> Uuid {
    let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    let bytes: [u8; 10] = rng.r#gen();
    uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid()
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.r#gen::<f64>() < p
}

/// Uniform integer in `lo..=hi`.
pub(crate) fn between(rng: &mut Rng, lo: u64, hi: u64) -> u64 {
    if hi <= lo { lo } else { rng.gen_range(lo..=hi) }
}

/// `d + n` days.
pub(crate) fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// `d - n` days.
pub(crate) fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

/// `d + m` months (clamped to the month's last day, as chrono does).
pub(crate) fn plus_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(m)).unwrap_or(d)
}

/// Index into a slice with a skew towards the front: name tables list frequent names first, and
/// real name frequencies are far from uniform.
pub(crate) fn skewed(rng: &mut Rng, len: usize) -> usize {
    let u: f64 = rng.r#gen();
    let i = (u * u * 0.6 + u * 0.4) * len as f64;
    (i as usize).min(len.saturating_sub(1))
}

/// A pick from cumulative weights (`cum` ascending, last = total).
pub(crate) fn weighted(rng: &mut Rng, cum: &[u32]) -> usize {
    let total = *cum.last().unwrap_or(&1);
    let x = rng.gen_range(0..total.max(1));
    cum.partition_point(|&c| c <= x).min(cum.len().saturating_sub(1))
}

/// Cumulative sums of `weights`, for [`weighted`].
pub(crate) fn cumulative(weights: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut acc = 0u32;
    weights
        .into_iter()
        .map(|w| {
            acc += w;
            acc
        })
        .collect()
}

/// Appends `n` as exactly `width` decimal digits (zero-padded, high digits dropped).
pub(crate) fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    for i in (0..width.min(20)).rev() {
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &b in &buf[..width.min(20)] {
        out.push(b as char);
    }
}

/// `width` random decimal digits.
pub(crate) fn random_digits(rng: &mut Rng, out: &mut String, width: usize) {
    for _ in 0..width {
        out.push((b'0' + rng.gen_range(0..10u8)) as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_and_repeat() {
        let a: u64 = rng_for(1, Stream::Person, 0).r#gen();
        let b: u64 = rng_for(1, Stream::Person, 0).r#gen();
        let c: u64 = rng_for(1, Stream::Person, 1).r#gen();
        let d: u64 = rng_for(1, Stream::Region, 0).r#gen();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn ids_are_v7_with_the_event_time() {
        let mut r = rng_for(7, Stream::Person, 3);
        let at = DateTime::from_timestamp(1_750_000_000, 123_000_000).unwrap();
        let id = uuid_v7(&mut r, at);
        assert_eq!(id.get_version_num(), 7);
        let (secs, nanos) = id.get_timestamp().unwrap().to_unix();
        assert_eq!((secs, nanos / 1_000_000), (1_750_000_000, 123));
    }

    #[test]
    fn digits_are_padded() {
        let mut s = String::new();
        push_digits(&mut s, 42, 5);
        push_digits(&mut s, 123_456, 3);
        assert_eq!(s, "00042456");
    }

    #[test]
    fn weighted_picks_in_range() {
        let cum = cumulative([5, 0, 10]);
        let mut r = rng_for(1, Stream::Region, 9);
        let mut seen = [0usize; 3];
        for _ in 0..3000 {
            seen[weighted(&mut r, &cum)] += 1;
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > seen[0]);
    }
}
