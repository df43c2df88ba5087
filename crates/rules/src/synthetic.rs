//! A deterministic synthetic population for benchmarks and demos (the in-memory benchmark of
//! issue 3 and, later, the registry's daily-recompute benchmark). Not real data: a mix of the
//! common situations (workers with patents, EAEU workers, students, residence-permit holders,
//! visitors, overstayers, departed persons) drawn from a seed.

use chrono::{Duration, NaiveDate};

use crate::facts::*;

/// SplitMix64: a tiny, fast, well-mixed generator, so benchmarks need no extra crate.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// The evaluation date used by the benchmarks.
pub fn bench_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or(NaiveDate::MIN)
}

fn d(base: NaiveDate, off: i64) -> NaiveDate {
    base + Duration::days(off)
}

/// One synthetic person, determined by `seed`, with facts dated before `on`.
pub fn person(seed: u64, on: NaiveDate) -> Facts {
    let mut r = Rng::new(seed);
    let cits = [
        Citizenship::UZB,
        Citizenship::UZB,
        Citizenship::TJK,
        Citizenship::TJK,
        Citizenship::KGZ,
        Citizenship::KAZ,
        Citizenship::ARM,
        Citizenship::BLR,
        Citizenship::AZE,
    ];
    let c = cits[r.below(cits.len() as u64) as usize];
    let mut f = Facts::new(c);
    // A previous stay for a third of the population.
    let entry = d(on, -(r.below(420) as i64) - 1);
    if r.below(3) == 0 {
        let pe = d(entry, -(r.below(200) as i64) - 40);
        f.crossings.push(Crossing { date: pe, direction: Direction::Entry, purpose: Purpose::Private });
        f.crossings.push(Crossing {
            date: d(pe, r.below(30) as i64 + 1),
            direction: Direction::Exit,
            purpose: Purpose::Private,
        });
    }
    let kind = r.below(10);
    let purpose = match kind {
        0..=4 => Purpose::Work,
        5 => Purpose::Study,
        _ => Purpose::Private,
    };
    f.crossings.push(Crossing { date: entry, direction: Direction::Entry, purpose });
    if kind == 9 {
        let x = d(entry, r.below(120) as i64);
        if x < on {
            f.crossings.push(Crossing { date: x, direction: Direction::Exit, purpose: Purpose::Private });
        }
    }
    f.registrations.push(Registration {
        arrived_on: entry,
        filed_on: (r.below(10) != 0).then(|| d(entry, r.below(9) as i64)),
        filed_by: Filer::Host,
        valid_until: None,
        left_on: None,
    });
    if r.below(4) == 0 {
        f.registrations.push(Registration {
            arrived_on: d(entry, 30 + r.below(60) as i64),
            filed_on: Some(d(entry, 95)),
            filed_by: Filer::Host,
            valid_until: None,
            left_on: None,
        });
    }
    if purpose == Purpose::Work || purpose == Purpose::Study {
        f.biometrics.fingerprinted_on = (r.below(8) != 0).then(|| d(entry, r.below(30) as i64));
        f.biometrics.medical_exams.push(d(entry, r.below(30) as i64));
    }
    if purpose == Purpose::Work && !c.is_eaeu() {
        let issue = d(entry, 15 + r.below(20) as i64);
        let mut payments = vec![Payment { paid_on: d(issue, -2), months: 1, amount_rub: None }];
        let mut paid = 1;
        let mut next = issue;
        let n = r.below(12);
        for _ in 0..n {
            next = crate::dates::period_end(next, 1);
            let late = r.below(15) == 0;
            payments.push(Payment {
                paid_on: d(next, if late { 2 } else { -(r.below(5) as i64) }),
                months: 1,
                amount_rub: None,
            });
            next = d(next, 1);
            paid += 1;
        }
        let _ = paid;
        f.patents.push(Patent {
            applied_on: Some(d(entry, 10 + r.below(25) as i64)),
            issued_on: Some(issue),
            region: if r.below(2) == 0 { Region::MOSCOW } else { Region::TATARSTAN },
            payments,
            reissue_applied_on: None,
            is_reissue: false,
            annulled_on: None,
        });
    }
    if purpose == Purpose::Work {
        let h = d(entry, 20 + r.below(30) as i64);
        f.employments.push(Employment {
            employer_id: format!("77{:08}", r.below(100_000_000)),
            hired_on: h,
            contract_end: c.is_eaeu().then(|| d(h, 180 + r.below(300) as i64)),
            fired_on: (r.below(5) == 0).then(|| d(h, 30 + r.below(200) as i64)),
            hire_notice_on: Some(d(h, r.below(5) as i64)),
            fire_notice_on: None,
            work_region: Some(Region::TATARSTAN),
        });
    }
    if purpose == Purpose::Study {
        f.studies.push(Study {
            institution_id: "KFU".into(),
            enrolled_on: d(entry, 10),
            form: StudyForm::FullTime,
            planned_end: Some(d(entry, 1400)),
            ended_on: None,
            end_reason: None,
            end_notice_on: None,
        });
    }
    if kind == 8 {
        let issue = d(entry, 60);
        f.residence_permits.push(ResidencePermit {
            kind: if r.below(2) == 0 { PermitKind::Rvp } else { PermitKind::Vnzh },
            issued_on: issue,
            valid_until: None,
            region: Region::TATARSTAN,
            notices: vec![AnnualNotice { filed_on: d(issue, 370), in_person: false }],
            annulled_on: None,
        });
    }
    f.documents.push(IdentityDocument { kind: DocumentKind::Passport, expires_on: d(on, r.below(2000) as i64 - 100) });
    f
}

/// `n` synthetic persons for the evaluation date `on` (seeds `0..n`).
pub fn population(n: usize, on: NaiveDate) -> Vec<Facts> {
    (0..n as u64).map(|i| person(i.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xDEAD_BEEF, on)).collect()
}
