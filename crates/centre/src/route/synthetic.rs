//! A synthetic region for the route benchmark, the p99 example and tests: service points laid
//! out like Kazan and the towns of Tatarstan, with a month of slots. Deterministic from a seed,
//! no dependencies (a SplitMix64 generator), so figures can be reproduced anywhere.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rules::{Party, RuleId};
use uuid::Uuid;

use super::{FreeSlot, PointInfo};
use crate::case::{Step, StepKind, StepState};

/// SplitMix64: small, fast and good enough for synthetic layouts.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A random UUID (version bits not set: ids only need to be distinct).
    pub fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next_u64(), self.next_u64())
    }
}

/// Kazan's centre (Kremlin).
pub const KAZAN: (f64, f64) = (55.7963, 49.1088);

/// Other towns of Tatarstan with service points: Naberezhnye Chelny, Nizhnekamsk, Almetyevsk,
/// Zelenodolsk, Yelabuga.
pub const TOWNS: [(f64, f64); 5] =
    [(55.7436, 52.3958), (55.6366, 51.8245), (54.9014, 52.2973), (55.8466, 48.5010), (55.7569, 52.0543)];

/// Points and their free slots.
#[derive(Debug, Clone)]
pub struct Region {
    /// Service points.
    pub points: Vec<PointInfo>,
    /// Free slots, in no particular order.
    pub slots: Vec<FreeSlot>,
}

/// A position within `radius_km` of `centre`.
pub fn near(rng: &mut Rng, centre: (f64, f64), radius_km: f64) -> (f64, f64) {
    let r = radius_km * rng.unit().sqrt();
    let a = rng.unit() * std::f64::consts::TAU;
    let dlat = r * a.cos() / 111.2;
    let dlon = r * a.sin() / (111.2 * centre.0.to_radians().cos());
    (centre.0 + dlat, centre.1 + dlon)
}

/// A region of `points` service points with `days` days of slots from `first_day`.
///
/// Every 20th point is a migration centre offering all six visits (as Kazan's multifunctional
/// migration centre does); the others are clinics (medical examination, 30 %), exam centres
/// (20 %) or insurers (50 %). 85 % of points are in Kazan (within 12 km of the centre), the
/// rest in five other towns. Each service runs 16 half-hour slots a day from 08:00 Moscow time,
/// Monday to Saturday; a quarter of the slots are already full.
pub fn region(seed: u64, points: usize, days: u32, first_day: NaiveDate) -> Region {
    let mut rng = Rng::new(seed);
    let mut out = Region { points: Vec::with_capacity(points), slots: Vec::new() };
    let visits: Vec<StepKind> = StepKind::ALL.into_iter().filter(|k| k.is_visit()).collect();
    for i in 0..points {
        let (lat, lon) = if rng.below(100) < 85 {
            near(&mut rng, KAZAN, 12.0)
        } else {
            let town = TOWNS[rng.below(TOWNS.len() as u64) as usize];
            near(&mut rng, town, 5.0)
        };
        let mut languages = vec!["ru".to_owned()];
        for (code, pct) in [("uz", 40), ("tg", 30), ("ky", 20), ("en", 20)] {
            if rng.below(100) < pct {
                languages.push(code.to_owned());
            }
        }
        let id = rng.uuid();
        let services: Vec<StepKind> = if i % 20 == 0 {
            visits.clone()
        } else {
            match rng.below(10) {
                0..=2 => vec![StepKind::MedicalExam],
                3..=4 => vec![StepKind::LanguageExam],
                _ => vec![StepKind::HealthInsurance],
            }
        };
        for day in 0..days {
            let date = first_day + Duration::days(i64::from(day));
            if chrono::Datelike::weekday(&date) == chrono::Weekday::Sun {
                continue;
            }
            // 08:00 Moscow time is 05:00 UTC.
            let open = date.and_hms_opt(5, 0, 0).map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc());
            for &service in &services {
                for k in 0..16 {
                    let starts_at = open + Duration::minutes(30 * k);
                    out.slots.push(FreeSlot {
                        id: rng.uuid(),
                        point: id,
                        service,
                        starts_at,
                        ends_at: starts_at + Duration::minutes(30),
                        free: if rng.below(4) == 0 { 0 } else { 1 + rng.below(3) as u32 },
                    });
                }
            }
        }
        out.points.push(PointInfo { id, lat, lon, languages });
    }
    out
}

/// The open visits of a patent worker who has just arrived: medical examination,
/// fingerprinting, exam, insurance, application (deadline 30 days after entry, PAT-2) and
/// the patent's issue.
pub fn patent_visits(deadline: NaiveDate) -> Vec<Step> {
    StepKind::ALL
        .into_iter()
        .filter(|k| k.is_visit())
        .map(|kind| Step {
            kind,
            responsible: Party::Foreigner,
            rule: match kind {
                StepKind::MedicalExam | StepKind::Fingerprinting => RuleId::Pat5,
                StepKind::LanguageExam => RuleId::Pat7,
                StepKind::HealthInsurance => RuleId::Pat4,
                StepKind::PatentIssue => RuleId::Pat8,
                _ => RuleId::Pat2,
            },
            source: "115-FZ art. 13.3".into(),
            deadline: Some(deadline),
            state: if kind.requires().is_empty() { StepState::Open } else { StepState::Waiting },
            done_on: None,
            done_by: None,
            amount_rub: None,
            waiting_for: kind.requires().to_vec(),
        })
        .collect()
}
