//! Two years of a foreign national's life in Kazan as the registry sees it: entry, registration
//! at a place of stay, fingerprinting, a patent or student status, jobs, moves, new phones and
//! passports, and sometimes departure.
//!
//! A person is a small state machine: a category decides the opening steps (a patent worker
//! enters, registers, is fingerprinted, gets a patent and is hired), then optional episodes and
//! the renewals they imply (patent re-issue, a new registration after a year, a visa extension)
//! are processed in date order against the current state, so every event refers only to things
//! that exist and every end date follows its start.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use domain::date::PartialDate;
use domain::event::{Change, SourceAgency};
use domain::facts::{Crossing, Direction, Notice, NoticeKind, PatentPayment, ServiceKind, ServiceResult, VisitPurpose};
use domain::org::OrgKind;
use domain::person::{
    Address, Contact, ContactValue, Employment, HostParty, IdentityDocument, Permit, PermitKind, Sex, Stay,
};
use domain::validate::contact::{Email, Phone};
use domain::validate::country::Country;
use domain::validate::document::DocumentKind;
use rand::Rng as _;
use uuid::Uuid;

use crate::geo;
use crate::names::{PersonNames, tables};
use crate::orgs::{EMPLOYERS, Sector, UNIVERSITIES};
use crate::rng::{
    Rng, Stream, between, chance, cumulative, minus_days, plus_days, plus_months, push_digits, random_digits, rng_for,
    skewed, uuid_v7, weighted,
};
use crate::{DemoConfig, DemoEvent, DemoPerson, Region};

/// Optional episodes stop once a history has this many events.
const SOFT_CAP: usize = 8;
/// Renewals and departures stop here (keeps the per-person record counter below 16).
const HARD_CAP: usize = 13;
/// Patent advances, the last steps of a departure and re-entries stop here: the record key
/// has room for 16 events per person.
const LAST_CAP: usize = 15;

/// Citizenship shares (per mille), close to the composition of Russia's labour migration.
const CITIZENSHIP: [(&str, u32); 10] = [
    ("UZB", 450),
    ("TJK", 250),
    ("KGZ", 120),
    ("KAZ", 50),
    ("ARM", 50),
    ("AZE", 50),
    ("TKM", 13),
    ("CHN", 7),
    ("IND", 5),
    ("BLR", 5),
];

/// The life a person leads in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    /// Visa-free worker with a patent (Uzbekistan, Tajikistan, Azerbaijan).
    Patent,
    /// EAEU worker, no patent needed (Kyrgyzstan, Kazakhstan, Armenia, Belarus).
    Eaeu,
    /// Visa national with a work permit.
    VisaWorker,
    /// Student at a Kazan university.
    Student,
    /// Private visit of up to 90 days.
    Visitor,
    /// Worker who later receives a temporary residence permit (RVP).
    Rvp,
    /// Residence permit (VNZh) holder known to the registry from the start.
    Vnzh,
}

/// Persons the demo accounts depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forced {
    None,
    /// Person #0: currently employed by the first employer.
    EmployedAtFirst,
    /// Person #1: currently a student of the first university.
    StudentAtFirst,
}

/// Things that may happen after a person has settled, processed in date order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ep {
    AdHocName,
    Email,
    PhoneChange,
    Move,
    JobChange,
    JobStart,
    PassportReplaced,
    CoreFix,
    Leave,
    LeaveMvd,
    PatentReissue,
    StayExtension,
    VisaRenewal,
    ContractRenewal,
    Expelled,
    Graduated,
    PartTimeJob,
    Rvp,
    /// The monthly patent advance (PAT-11), reported by the tax service.
    PatentPayment,
    /// The yearly repeat of the medical examination (PAT-6).
    MedicalRenewal,
    /// A trip home: exit now, re-entry later (the patent and the job go on).
    HomeVisit,
    /// Back from a trip home: entry and the new registration in one MVD message.
    ReEntry,
    /// The yearly residence confirmation of an RVP or VNZh holder (RVP-2, VNZh-2).
    ResidenceNotice,
    /// A visitor comes again in a later year.
    VisitAgain,
}

impl Ep {
    /// Renewals and the second half of a departure are part of what already happened, so they
    /// may exceed the soft cap.
    fn is_required(self) -> bool {
        matches!(
            self,
            Ep::LeaveMvd
                | Ep::PatentReissue
                | Ep::StayExtension
                | Ep::VisaRenewal
                | Ep::ContractRenewal
                | Ep::JobStart
                | Ep::Graduated
                | Ep::PatentPayment
                | Ep::MedicalRenewal
                | Ep::ReEntry
                | Ep::ResidenceNotice
        )
    }

    /// Steps whose absence would make a lawful history unlawful: they may use the last slots.
    fn is_vital(self) -> bool {
        matches!(self, Ep::LeaveMvd | Ep::PatentPayment | Ep::ReEntry | Ep::PatentReissue | Ep::ContractRenewal)
    }
}

struct Job {
    id: Uuid,
    from: NaiveDate,
    until: Option<NaiveDate>,
    employer: usize,
    position: &'static str,
}

struct Held {
    id: Uuid,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

struct Gen<'a> {
    rng: Rng,
    region: &'a Region,
    index: usize,
    start: NaiveDate,
    end: NaiveDate,
    country: Country,
    category: Category,
    forced: Forced,
    male: bool,
    birth: PartialDate,
    names: PersonNames,
    events: Vec<DemoEvent>,
    last_at: Option<DateTime<Utc>>,
    person_id: Uuid,
    passport: Option<(Uuid, NaiveDate)>,
    phone: Option<Uuid>,
    stay: Option<Stay>,
    job: Option<Job>,
    patent: Option<Held>,
    study: Option<(Held, usize)>,
    visa: Option<Held>,
    present: bool,
    typo: Option<PartialDate>,
    pending: Vec<(NaiveDate, Ep)>,
    next_employer: Option<usize>,
    /// Purpose of the current entry.
    purpose: VisitPurpose,
    /// Last day covered by the advances paid for the current patent.
    paid_until: Option<NaiveDate>,
    /// Stops paying the patent advance at this payment (counted down), if ever.
    lapse_in: Option<u8>,
    /// The RVP or VNZh: id and day of issue (for the yearly confirmations).
    residence: Option<(Uuid, NaiveDate)>,
    /// Day of the latest medical examination.
    last_medical: Option<NaiveDate>,
    /// Abroad on a trip home until this day.
    away_until: Option<NaiveDate>,
}

/// Builds person #`index`.
pub(crate) fn generate(cfg: &DemoConfig, region: &Region, index: usize) -> DemoPerson {
    let mut rng = rng_for(cfg.seed, Stream::Person, index as u64);
    let forced = match index {
        0 => Forced::EmployedAtFirst,
        1 => Forced::StudentAtFirst,
        _ => Forced::None,
    };
    let country = match forced {
        Forced::EmployedAtFirst => Country::UZB,
        Forced::StudentAtFirst => Country::TJK,
        Forced::None => pick_citizenship(&mut rng),
    };
    let category = match forced {
        Forced::EmployedAtFirst => Category::Patent,
        Forced::StudentAtFirst => Category::Student,
        Forced::None => pick_category(&mut rng, country),
    };
    let male = match category {
        Category::Student => chance(&mut rng, 0.6),
        Category::Visitor => chance(&mut rng, 0.45),
        _ => forced == Forced::EmployedAtFirst || chance(&mut rng, 0.82),
    };
    let today = cfg.today;
    let (birth, exact) = birth_date(&mut rng, today, category);
    let nation = tables().nation(country);
    let ad_hoc = chance(&mut rng, 0.13);
    let names = nation.pick(&mut rng, male, birth.year(), ad_hoc);
    let typo = exact.filter(|_| chance(&mut rng, 0.005)).map(|d| {
        let (m, day) = (d.month(), d.day());
        let wrong = if day <= 12 && day != m { NaiveDate::from_ymd_opt(d.year(), day, m) } else { d.succ_opt() };
        PartialDate::full(wrong.unwrap_or(d))
    });
    let mut g = Gen {
        rng,
        region,
        index,
        start: minus_days(today, 730),
        end: minus_days(today, 1),
        country,
        category,
        forced,
        male,
        birth,
        names,
        events: Vec::with_capacity(8),
        last_at: None,
        person_id: Uuid::nil(),
        passport: None,
        phone: None,
        stay: None,
        job: None,
        patent: None,
        study: None,
        visa: None,
        present: true,
        typo: typo.filter(|t| *t != birth),
        pending: Vec::with_capacity(12),
        next_employer: None,
        purpose: VisitPurpose::Private,
        paid_until: None,
        lapse_in: None,
        residence: None,
        last_medical: None,
        away_until: None,
    };
    g.run();
    DemoPerson { id: g.person_id, events: g.events }
}

fn crossing(on: NaiveDate, direction: Direction, purpose: VisitPurpose) -> Change {
    Change::BorderCrossed(Crossing { on, direction, purpose })
}

fn notice(kind: NoticeKind, filed_on: NaiveDate) -> Change {
    Change::NoticeFiled(Notice { kind, filed_on })
}

/// Last day of a period of `months` months from `start` (as the tax service counts a paid
/// period: from 24.03 for one month is through 23.04; from 31.01 it is through 28.02).
fn period_end(start: NaiveDate, months: u32) -> NaiveDate {
    let t = plus_months(start, months);
    if t.day() == start.day() { minus_days(t, 1) } else { t }
}

/// The monthly patent advance in the Republic of Tatarstan (1200 RUB × deflator × regional
/// coefficient), for the years the demo spans.
fn monthly_advance(year: i32) -> Option<u32> {
    match year {
        2023 => Some(5448),
        2024 => Some(5674),
        2025 => Some(7315),
        2026 => Some(8697),
        _ => None,
    }
}

/// Registration deadline in calendar days after entry (REG-1…REG-5; 7 working days are at
/// least 9 calendar days).
fn registration_days(c: Country, work: bool) -> u64 {
    if c == Country::BLR {
        90
    } else if c == Country::UZB || c == Country::TJK {
        15
    } else if c.is_eaeu() && work {
        30
    } else {
        9
    }
}

fn pick_citizenship(rng: &mut Rng) -> Country {
    static CUM: OnceLock<(Vec<u32>, Vec<Country>)> = OnceLock::new();
    let (cum, codes) = CUM.get_or_init(|| {
        (
            cumulative(CITIZENSHIP.iter().map(|c| c.1)),
            CITIZENSHIP.iter().map(|c| Country::parse(c.0).expect("known code")).collect(),
        )
    });
    codes[weighted(rng, cum)]
}

fn pick_category(rng: &mut Rng, c: Country) -> Category {
    use Category::*;
    let table: &[(Category, u32)] = match c.as_str() {
        "UZB" | "TJK" | "AZE" => &[(Patent, 880), (Student, 60), (Visitor, 20), (Rvp, 25), (Vnzh, 15)],
        "KAZ" => &[(Eaeu, 840), (Student, 100), (Visitor, 20), (Rvp, 20), (Vnzh, 20)],
        "KGZ" | "ARM" | "BLR" => &[(Eaeu, 870), (Student, 70), (Visitor, 20), (Rvp, 20), (Vnzh, 20)],
        "TKM" => &[(Student, 800), (VisaWorker, 200)],
        "CHN" => &[(Student, 600), (VisaWorker, 400)],
        _ => &[(Student, 900), (VisaWorker, 100)],
    };
    let total: u32 = table.iter().map(|t| t.1).sum();
    let mut x = rng.gen_range(0..total);
    for (cat, w) in table {
        if x < *w {
            return *cat;
        }
        x -= w;
    }
    table[0].0
}

/// A birth date weighted to working age (most 20–40), 1960–2007, about 1 % known only to the year
/// or the month (as some passports print it). Returns the exact date too when it is fully known.
fn birth_date(rng: &mut Rng, today: NaiveDate, cat: Category) -> (PartialDate, Option<NaiveDate>) {
    let age = match cat {
        Category::Student => 17 + skewed(rng, 11) as u64,
        Category::Visitor => between(rng, 20, 64),
        Category::Vnzh | Category::Rvp => between(rng, 24, 60),
        _ => {
            let u: f64 = rng.r#gen();
            if u < 0.72 {
                between(rng, 20, 40)
            } else if u < 0.92 {
                between(rng, 41, 55)
            } else {
                between(rng, 56, 64)
            }
        }
    };
    let days = age * 365 + age / 4 + between(rng, 0, 364);
    let lo = NaiveDate::from_ymd_opt(1960, 1, 1).expect("valid");
    let hi = NaiveDate::from_ymd_opt(2007, 12, 31).expect("valid");
    let mut d = minus_days(today, days);
    if d > hi {
        d = minus_days(hi, between(rng, 0, 700));
    } else if d < lo {
        d = plus_days(lo, between(rng, 0, 700));
    }
    let x: f64 = rng.r#gen();
    if x < 0.006 {
        (PartialDate::new(d.year(), None, None).unwrap_or(PartialDate::full(d)), None)
    } else if x < 0.01 {
        (PartialDate::new(d.year(), Some(d.month()), None).unwrap_or(PartialDate::full(d)), None)
    } else {
        (PartialDate::full(d), Some(d))
    }
}

/// Employers weighted by their share of foreign workers; women are rarely hired on building
/// sites or as drivers and more often in shops, kitchens and cleaning.
fn employer_weights(male: bool) -> &'static [u32] {
    static CUM: OnceLock<[Vec<u32>; 2]> = OnceLock::new();
    let c = CUM.get_or_init(|| {
        let f = |e: &crate::orgs::EmployerSpec| {
            let k = match e.sector {
                Sector::Construction => 0.05,
                Sector::Transport => 0.1,
                Sector::Logistics | Sector::Manufacturing => 0.6,
                _ => 2.0,
            };
            ((f64::from(e.weight) * k * 10.0) as u32).max(1)
        };
        [cumulative(EMPLOYERS.iter().map(|e| e.weight * 10)), cumulative(EMPLOYERS.iter().map(f))]
    });
    &c[usize::from(!male)]
}

impl Gen<'_> {
    fn run(&mut self) {
        self.purpose = match self.category {
            Category::Patent | Category::Eaeu | Category::VisaWorker | Category::Rvp => VisitPurpose::Work,
            Category::Student => VisitPurpose::Study,
            Category::Visitor if chance(&mut self.rng, 0.15) => VisitPurpose::Tourism,
            Category::Visitor | Category::Vnzh => VisitPurpose::Private,
        };
        match self.category {
            Category::Patent | Category::Eaeu | Category::VisaWorker | Category::Rvp => self.worker(),
            Category::Student => self.student(),
            Category::Visitor => self.visitor(),
            Category::Vnzh => self.resident(),
        }
        self.life();
    }

    // ----------------------------------------------------------------------- recording events

    /// A time on `date` during office hours (06:00–15:00 UTC = 09:00–18:00 Moscow), after the
    /// previous event.
    fn stamp(&mut self, date: NaiveDate) -> DateTime<Utc> {
        let secs = between(&mut self.rng, 6 * 3600, 15 * 3600 - 1) as i64;
        let ms = between(&mut self.rng, 0, 999) as i64;
        let mut t = date.and_time(NaiveTime::MIN).and_utc() + Duration::seconds(secs) + Duration::milliseconds(ms);
        if let Some(last) = self.last_at
            && t <= last
        {
            t = last + Duration::seconds(between(&mut self.rng, 60, 1800) as i64) + Duration::milliseconds(ms);
        }
        t
    }

    fn id(&mut self, at: DateTime<Utc>) -> Uuid {
        uuid_v7(&mut self.rng, at)
    }

    /// The agency's record id: unique per agency because it encodes the person index and the
    /// event's position (below 16).
    fn record(&self, source: SourceAgency, at: DateTime<Utc>, inn: Option<&str>) -> String {
        debug_assert!(self.events.len() < 16, "the record key has room for 16 events per person");
        let key = self.index as u64 * 16 + self.events.len() as u64;
        let mut s = String::with_capacity(32);
        let year = |s: &mut String| {
            push_digits(s, at.year().max(0) as u64, 4);
            s.push('-');
        };
        match source {
            SourceAgency::Mvd => {
                s.push_str("mvd-");
                year(&mut s);
            }
            SourceAgency::Fns => {
                s.push_str("fns-");
                year(&mut s);
            }
            SourceAgency::Medical => {
                s.push_str("med-");
                year(&mut s);
            }
            SourceAgency::Exam => {
                s.push_str("exam-");
                year(&mut s);
            }
            SourceAgency::Employer => {
                s.push_str("emp-");
                s.push_str(inn.unwrap_or("0"));
                s.push('-');
            }
            SourceAgency::University => {
                s.push_str("uni-");
                s.push_str(inn.unwrap_or("0"));
                s.push('-');
            }
            SourceAgency::Adaptation => s.push_str("adapt-"),
            SourceAgency::Migrant => s.push_str("lk-"),
            _ => s.push_str("demo-"),
        }
        push_digits(&mut s, key, 9);
        s
    }

    fn emit(&mut self, at: DateTime<Utc>, source: SourceAgency, inn: Option<&str>, changes: Vec<Change>) {
        let record = self.record(source, at, inn);
        self.events.push(DemoEvent { at, source, source_record: Some(record), changes });
        self.last_at = Some(at);
    }

    fn employer_inn(&self, e: usize) -> Option<&str> {
        self.region.employers().get(e).and_then(|o| o.inn.as_ref()).map(|i| i.as_str())
    }

    fn university_inn(&self, u: usize) -> Option<&str> {
        self.region.universities().get(u).and_then(|o| o.inn.as_ref()).map(|i| i.as_str())
    }

    fn room(&mut self) -> Option<String> {
        Some((100 + between(&mut self.rng, 1, 520)).to_string())
    }

    // ------------------------------------------------------------------------ building blocks

    fn sex(&self) -> Sex {
        if self.male { Sex::Male } else { Sex::Female }
    }

    /// The first event: registration of the identity with the passport (and the migration card of
    /// the entry, when `entry`).
    fn first_event(
        &mut self,
        date: NaiveDate,
        entry: bool,
        with_native: bool,
        mut extra: Vec<Change>,
    ) -> DateTime<Utc> {
        let at = self.stamp(date);
        self.person_id = self.id(at);
        let mut changes = Vec::with_capacity(6 + extra.len());
        changes.push(Change::Registered {
            name: self.names.russian.clone(),
            birth_date: self.typo.unwrap_or(self.birth),
            sex: self.sex(),
            citizenship: self.country,
        });
        changes.push(Change::NameAdded(self.names.latin.clone()));
        if with_native && let Some(n) = &self.names.native {
            changes.push(Change::NameAdded(n.clone()));
        }
        let passport = self.passport_doc(at, date, None);
        changes.push(Change::DocumentAdded(passport));
        if entry {
            let card = self.migration_card(at, date);
            changes.push(Change::DocumentAdded(card));
            changes.push(crossing(date, Direction::Entry, self.purpose));
        }
        changes.append(&mut extra);
        self.emit(at, SourceAgency::Mvd, None, changes);
        at
    }

    /// A national passport valid on `on` (issued up to about eight years before).
    fn passport_doc(&mut self, at: DateTime<Utc>, on: NaiveDate, issued: Option<NaiveDate>) -> IdentityDocument {
        let issued_on = issued.unwrap_or_else(|| minus_days(on, between(&mut self.rng, 20, 3000)));
        let adult = self.birth.earliest().with_year(self.birth.year() + 16).unwrap_or(issued_on);
        let issued_on = issued_on.max(adult).min(on);
        let expires_on = minus_days(plus_months(issued_on, 120), 1);
        let id = self.id(at);
        self.passport = Some((id, expires_on));
        IdentityDocument {
            id,
            kind: DocumentKind::Passport,
            issuer: self.country,
            number: self.passport_number(),
            issued_on: Some(issued_on),
            expires_on: Some(expires_on),
            invalidated: None,
        }
    }

    /// A passport number in the issuer's format (see `normalize_document_number`).
    fn passport_number(&mut self) -> String {
        let r = &mut self.rng;
        let mut s = String::with_capacity(10);
        let pick = |r: &mut Rng, xs: &[&str]| xs[skewed(r, xs.len())].to_owned();
        match self.country.as_str() {
            "UZB" => {
                s = pick(r, &["AA", "AB", "FA", "AC", "AD", "FB"]);
                random_digits(r, &mut s, 7);
            }
            "TJK" => {
                // Biometric passports: nine digits; older ones: a letter and seven digits.
                s.push_str(if chance(r, 0.7) { ["40", "50"][skewed(r, 2)] } else { "A" });
                random_digits(r, &mut s, 7);
            }
            "KGZ" => {
                s = pick(r, &["ID", "AC", "AN", "PE"]);
                random_digits(r, &mut s, 7);
            }
            "KAZ" => {
                if chance(r, 0.6) {
                    s.push('N');
                    random_digits(r, &mut s, 8);
                } else {
                    s.push('0');
                    random_digits(r, &mut s, 8);
                }
            }
            "ARM" => {
                s = pick(r, &["AR", "AT", "AU", "AV"]);
                random_digits(r, &mut s, 7);
            }
            "AZE" => {
                s.push('C');
                random_digits(r, &mut s, 8);
            }
            "BLR" => {
                s = pick(r, &["MP", "HB", "KH", "MC", "AB"]);
                random_digits(r, &mut s, 7);
            }
            "CHN" => {
                s.push('E');
                random_digits(r, &mut s, 8);
            }
            "IND" => {
                s = pick(r, &["Z", "V", "W", "T", "U"]);
                random_digits(r, &mut s, 7);
            }
            _ => {
                s.push('A');
                random_digits(r, &mut s, 7);
            }
        }
        s
    }

    /// The migration card filled in at the border on `date`.
    fn migration_card(&mut self, at: DateTime<Utc>, date: NaiveDate) -> IdentityDocument {
        const SERIES: [&str; 8] = ["4619", "4621", "4622", "4623", "4624", "4625", "4618", "9201"];
        let mut number = String::with_capacity(12);
        number.push_str(SERIES[skewed(&mut self.rng, SERIES.len())]);
        number.push(' ');
        random_digits(&mut self.rng, &mut number, 7);
        let expires_on = (self.category == Category::Visitor).then(|| plus_days(date, 89));
        IdentityDocument {
            id: self.id(at),
            kind: DocumentKind::MigrationCard,
            issuer: Country::RUS,
            number,
            issued_on: Some(date),
            expires_on,
            invalidated: None,
        }
    }

    /// A phone in the home country, or a Russian SIM card.
    fn phone_contact(&mut self, at: DateTime<Utc>, russian: bool) -> Contact {
        let r = &mut self.rng;
        let mut s = String::with_capacity(16);
        let (prefix, codes, rest): (&str, &[&str], usize) = if russian {
            ("+7", &["917", "987", "927", "937", "960", "965", "999", "900", "953", "904"], 7)
        } else {
            match self.country.as_str() {
                "UZB" => ("+998", &["90", "91", "93", "94", "97", "99", "88", "33", "95", "77"], 7),
                "TJK" => ("+992", &["93", "92", "90", "98", "55", "50", "88", "91", "00"], 7),
                "KGZ" => ("+996", &["555", "700", "770", "550", "707", "705", "777", "990"], 6),
                "KAZ" => ("+7", &["701", "705", "707", "747", "777", "702", "775", "778"], 7),
                "ARM" => ("+374", &["91", "93", "94", "77", "98", "99", "55", "95"], 6),
                "AZE" => ("+994", &["50", "55", "51", "70", "77", "10", "99"], 7),
                "BLR" => ("+375", &["29", "33", "44", "25"], 7),
                "TKM" => ("+993", &["65", "61", "62", "63", "64", "71"], 6),
                "CHN" => ("+86", &["138", "139", "136", "150", "186", "177"], 8),
                "IND" => ("+91", &["98", "99", "97", "70", "81", "90"], 8),
                _ => ("+7", &["917", "987"], 7),
            }
        };
        s.push_str(prefix);
        s.push_str(codes[skewed(r, codes.len())]);
        random_digits(r, &mut s, rest);
        let phone = Phone::parse(&s).expect("generated in E.164 with the right length");
        let id = self.id(at);
        Contact { id, value: ContactValue::Phone(phone) }
    }

    /// An e-mail address made of the passport Latin name.
    fn email_contact(&mut self, at: DateTime<Utc>) -> Contact {
        const DOMAINS: [&str; 7] = ["mail.ru", "gmail.com", "yandex.ru", "inbox.ru", "bk.ru", "list.ru", "icloud.com"];
        let mut s = String::with_capacity(40);
        let given = &self.names.latin.given_names;
        let surname = &self.names.latin.surname;
        let push = |s: &mut String, w: &str| {
            s.extend(w.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()))
        };
        match between(&mut self.rng, 0, 2) {
            0 => {
                push(&mut s, given);
                s.push('.');
                push(&mut s, surname);
            }
            1 => {
                push(&mut s, surname);
                s.push('_');
                push(&mut s, given);
            }
            _ => {
                push(&mut s, given);
                push(&mut s, surname);
            }
        }
        if chance(&mut self.rng, 0.6) {
            push_digits(&mut s, u64::from(self.birth.year().rem_euclid(100) as u16), 2);
        }
        s.push('@');
        s.push_str(DOMAINS[skewed(&mut self.rng, DOMAINS.len())]);
        let email = Email::parse(&s).expect("letters, digits and a known domain");
        Contact { id: self.id(at), value: ContactValue::Email(email) }
    }

    /// An employer for a worker (weighted; the first employer for person #0).
    fn pick_employer(&mut self, avoid: Option<usize>) -> Option<usize> {
        let n = self.region.employers().len().min(EMPLOYERS.len());
        if n == 0 {
            return None;
        }
        if self.forced == Forced::EmployedAtFirst {
            return Some(0);
        }
        for _ in 0..4 {
            let e = weighted(&mut self.rng, employer_weights(self.male));
            if e < n && Some(e) != avoid {
                return Some(e);
            }
        }
        Some(avoid.map_or(0, |a| (a + 1) % n))
    }

    fn position(&mut self, employer: usize) -> &'static str {
        let sector = EMPLOYERS[employer].sector;
        let p = if self.male { sector.positions() } else { sector.positions_for_women() };
        p[skewed(&mut self.rng, p.len())]
    }

    /// Where a newcomer lives and who files the arrival notice: the employer's hostel, a
    /// landlord, or a flat they rent themselves.
    fn host_and_address(&mut self, employer: Option<usize>) -> (HostParty, Address) {
        let x: f64 = self.rng.r#gen();
        if let Some(e) = employer
            && x < 0.33
            && let Some(org) = self.region.employers().get(e)
            && let Some(addr) = &org.address
        {
            let mut a = addr.clone();
            a.flat = self.room();
            return (HostParty::Organisation { org_id: org.id }, a);
        }
        let address = geo::residential(&mut self.rng);
        if x < 0.82 {
            let name = tables().host_name(&mut self.rng);
            (HostParty::Individual { name }, address)
        } else {
            (HostParty::Own, address)
        }
    }

    fn new_stay(
        &mut self,
        at: DateTime<Utc>,
        from: NaiveDate,
        until: Option<NaiveDate>,
        host: HostParty,
        address: Address,
    ) -> Stay {
        let stay = Stay { id: self.id(at), address, from, until, host };
        self.stay = Some(stay.clone());
        stay
    }

    /// Registration at the place of stay, filed by the host (REG-1/REG-6).
    fn register_stay(
        &mut self,
        date: NaiveDate,
        arrival: NaiveDate,
        employer: Option<usize>,
        extra: Vec<Change>,
    ) -> bool {
        if date > self.end {
            return false;
        }
        let at = self.stamp(date);
        let (host, address) = self.host_and_address(employer);
        let until = match self.category {
            Category::Visitor => Some(plus_days(arrival, 89)),
            _ => Some(minus_days(plus_months(arrival, 12), 1)),
        };
        let stay = self.new_stay(at, arrival, until, host, address);
        let stay_id = stay.id;
        let mut changes = vec![Change::StayRegistered(stay), notice(NoticeKind::Arrival { stay_id }, date)];
        changes.extend(extra);
        self.emit(at, SourceAgency::Mvd, None, changes);
        if let Some(u) = until {
            self.schedule_extension(u);
        }
        true
    }

    /// The host files the next registration a few days before the current one runs out.
    fn schedule_extension(&mut self, until: NaiveDate) {
        self.pending.retain(|(_, e)| *e != Ep::StayExtension);
        let k = between(&mut self.rng, 8, 25);
        self.schedule(minus_days(until, k), Ep::StayExtension);
    }

    /// A service point that records results of `kind`.
    fn service_org(&mut self, kind: OrgKind) -> Option<Uuid> {
        let points = self.region.service_points();
        let n = points.iter().filter(|o| o.kind == kind).count();
        if n == 0 {
            return None;
        }
        let k = skewed(&mut self.rng, n);
        points.iter().filter(|o| o.kind == kind).nth(k).map(|o| o.id)
    }

    /// A result recorded by a service point.
    fn service(&mut self, kind: ServiceKind, on: NaiveDate) -> Change {
        let org = match kind {
            ServiceKind::Fingerprinting => OrgKind::FingerprintCentre,
            ServiceKind::Medical => OrgKind::MedicalCentre,
            ServiceKind::Exam => OrgKind::ExamCentre,
            // The migration centre (a fingerprint centre in the demo) has the insurers' desks.
            ServiceKind::Insurance => OrgKind::FingerprintCentre,
        };
        if kind == ServiceKind::Medical {
            self.last_medical = Some(on);
        }
        let org_id = self.service_org(org);
        Change::ServiceResultRecorded(ServiceResult { kind, on, org_id, outcome: None, identity_checked: None })
    }

    /// Whether the biometrics and medical rules apply (PAT-5, EAEU-6, STU-5; Belarus exempt).
    fn needs_medical(&self) -> bool {
        self.country != Country::BLR && matches!(self.purpose, VisitPurpose::Work | VisitPurpose::Study)
    }

    /// The next yearly medical examination (PAT-6), due within 30 days after a year.
    fn schedule_medical(&mut self) {
        if let Some(m) = self.last_medical
            && self.needs_medical()
        {
            self.pending.retain(|(_, e)| *e != Ep::MedicalRenewal);
            let k = between(&mut self.rng, 0, 40);
            self.schedule(plus_days(plus_months(m, 11), k), Ep::MedicalRenewal);
        }
    }

    /// Months paid at once: mostly a quarter, sometimes one or two months, half a year or a year.
    fn advance_months(&mut self) -> u8 {
        let x = between(&mut self.rng, 0, 99);
        match x {
            0..15 => 1,
            15..30 => 2,
            30..70 => 3,
            70..91 => 6,
            _ => 12,
        }
    }

    /// A patent advance of `months` paid on `on`: extends the paid period of the current patent.
    fn payment(&mut self, on: NaiveDate, months: u8) -> Option<Change> {
        let p = self.patent.as_ref()?;
        let max_end = p.until?;
        let from = match self.paid_until {
            Some(u) if u >= p.from => plus_days(u, 1),
            _ => p.from,
        };
        self.paid_until = Some(period_end(from, u32::from(months)).min(max_end));
        let amount_rub = monthly_advance(on.year()).map(|m| m * u32::from(months));
        Some(Change::PatentPaid(PatentPayment { permit_id: p.id, paid_on: on, months, amount_rub }))
    }

    /// The next advance, paid a few days before the paid period runs out.
    fn schedule_payment(&mut self) {
        let (Some(p), Some(u)) = (&self.patent, self.paid_until) else { return };
        if p.until.is_some_and(|max| u >= max) {
            return;
        }
        self.pending.retain(|(_, e)| *e != Ep::PatentPayment);
        let k = between(&mut self.rng, 0, 7);
        self.schedule(minus_days(u, k), Ep::PatentPayment);
    }

    /// Fingerprinting and photographing (PAT-5): the migration service now has the name as in the
    /// national document and a phone.
    fn fingerprinting(&mut self, date: NaiveDate, exam: bool) -> bool {
        if date > self.end {
            return false;
        }
        let at = self.stamp(date);
        let mut changes = Vec::with_capacity(5);
        if self.needs_medical() {
            // The migration centre takes fingerprints, the medical examination and the exam in
            // one visit; a few skip the medical examination.
            changes.push(self.service(ServiceKind::Fingerprinting, date));
            if self.forced != Forced::None || !chance(&mut self.rng, 0.03) {
                changes.push(self.service(ServiceKind::Medical, date));
                self.schedule_medical();
            }
            if exam {
                changes.push(self.service(ServiceKind::Exam, date));
            }
        }
        if let Some(n) = &self.names.native {
            changes.push(Change::NameAdded(n.clone()));
        }
        let yes = chance(&mut self.rng, 0.25);
        let phone = self.phone_contact(at, yes);
        self.phone = Some(phone.id);
        changes.push(Change::ContactAdded(phone));
        self.emit(at, SourceAgency::Mvd, None, changes);
        true
    }

    fn patent_number(&mut self, year: i32) -> String {
        let mut s = String::with_capacity(13);
        s.push_str("16 ");
        push_digits(&mut s, year.rem_euclid(100) as u64, 2);
        random_digits(&mut self.rng, &mut s, 8);
        s
    }

    /// A patent for the Republic of Tatarstan from `from`, for up to twelve months (PAT-9), with
    /// the first advance paid on `paid_on` (the receipt filed with the application); `extra`
    /// goes into the same MVD message.
    fn grant_patent(&mut self, date: NaiveDate, from: NaiveDate, paid_on: NaiveDate, extra: Vec<Change>) -> bool {
        if date > self.end {
            return false;
        }
        let at = self.stamp(date);
        let until = minus_days(plus_months(from, 12), 1);
        let permit = Permit {
            id: self.id(at),
            kind: PermitKind::Patent,
            number: Some(self.patent_number(from.year())),
            region: Some("16".into()),
            org_id: None,
            valid_from: from,
            valid_until: Some(until),
            ended: None,
        };
        self.patent = Some(Held { id: permit.id, from, until: Some(until) });
        self.paid_until = None;
        let mut changes = Vec::with_capacity(2 + extra.len());
        changes.push(Change::PermitGranted(permit));
        let months = self.advance_months();
        changes.extend(self.payment(paid_on.min(from), months));
        changes.extend(extra);
        self.emit(at, SourceAgency::Mvd, None, changes);
        // Some stop paying after a few advances (PAT-15).
        self.lapse_in =
            (self.forced == Forced::None && chance(&mut self.rng, 0.05)).then(|| between(&mut self.rng, 0, 3) as u8);
        self.schedule_payment();
        // Re-issue is due no later than 10 working days before month 12 runs out (PAT-10).
        self.pending.retain(|(_, e)| *e != Ep::PatentReissue);
        let k = between(&mut self.rng, 24, 45);
        self.schedule(minus_days(until, k), Ep::PatentReissue);
        true
    }

    /// A hire notice from the employer (PAT-18), filed on `date` for a contract from `from`
    /// (a few employers file late, a few not at all: the tax service reports the job then).
    /// For a renewal, the same message notifies the end of the previous contract.
    fn hire(
        &mut self,
        date: NaiveDate,
        from: NaiveDate,
        employer: usize,
        position: Option<&'static str>,
        renewal_of: Option<Uuid>,
    ) -> bool {
        if date > self.end || employer >= self.region.employers().len() {
            return false;
        }
        let x = if self.forced == Forced::None { between(&mut self.rng, 0, 999) } else { 999 };
        let (date, filed) = match x {
            0..75 => (plus_days(date, between(&mut self.rng, 7, 40)), false),
            75..105 => (plus_days(date, between(&mut self.rng, 6, 30)), true),
            _ => (date, true),
        };
        if date > self.end {
            return false;
        }
        let at = self.stamp(date);
        let position = position.unwrap_or_else(|| self.position(employer));
        let fixed_term = self.forced == Forced::None && chance(&mut self.rng, 0.3);
        let until = fixed_term.then(|| minus_days(plus_months(from, 12), 1));
        let id = self.id(at);
        let org_id = self.region.employers()[employer].id;
        self.job = Some(Job { id, from, until, employer, position });
        let e = Employment { id, employer_id: org_id, position: position.to_owned(), from, until, ended_on: None };
        let mut changes = Vec::with_capacity(3);
        changes.push(Change::EmploymentStarted(e));
        if filed {
            if let Some(old) = renewal_of {
                changes.insert(0, notice(NoticeKind::Termination { employment_id: old }, date));
            }
            changes.push(notice(NoticeKind::Hire { employment_id: id }, date));
            let inn = self.employer_inn(employer).map(str::to_owned);
            self.emit(at, SourceAgency::Employer, inn.as_deref(), changes);
        } else {
            self.emit(at, SourceAgency::Fns, None, changes);
        }
        if let Some(u) = until {
            let k = between(&mut self.rng, 0, 2);
            self.schedule(minus_days(u, k), Ep::ContractRenewal);
        }
        true
    }

    /// The advance was not paid by `paid_until`: the patent is void from the next day. Some
    /// leave, some stay on without a basis, a few pay late (which does not revive it).
    fn lapsed(&mut self, paid_until: NaiveDate) {
        self.pending.retain(|(_, e)| !matches!(e, Ep::PatentReissue | Ep::PatentPayment | Ep::HomeVisit));
        let x = between(&mut self.rng, 0, 99);
        if x < 30 {
            self.pending.retain(|(_, e)| !matches!(e, Ep::JobStart | Ep::JobChange));
            let k = between(&mut self.rng, 1, 25);
            self.schedule(plus_days(paid_until, k), Ep::Leave);
        } else if x < 45 {
            let k = between(&mut self.rng, 3, 30);
            self.schedule(plus_days(paid_until, k), Ep::PatentPayment);
        }
    }

    /// Reports the end of a contract on `last_day` (see [`Gen::termination`]).
    fn end_job(&mut self, job: &Job, last_day: NaiveDate) {
        let (d, source, changes) = self.termination(job, last_day);
        if d > self.end {
            return;
        }
        let at = self.stamp(d);
        let inn =
            if source == SourceAgency::Employer { self.employer_inn(job.employer).map(str::to_owned) } else { None };
        self.emit(at, source, inn.as_deref(), changes);
    }

    /// The employer's notice that a contract ended (PAT-18): filed with the end for most, late
    /// for some, never for a few (the end then comes from the tax service). Returns the day
    /// the message is recorded, its source and the changes.
    fn termination(&mut self, job: &Job, last_day: NaiveDate) -> (NaiveDate, SourceAgency, Vec<Change>) {
        let ended = Change::EmploymentEnded { employment_id: job.id, on: last_day };
        let x = if self.forced == Forced::None { between(&mut self.rng, 0, 999) } else { 999 };
        match x {
            0..70 => (plus_days(last_day, between(&mut self.rng, 10, 40)), SourceAgency::Fns, vec![ended]),
            70..110 => {
                let d = plus_days(last_day, between(&mut self.rng, 6, 30));
                (d, SourceAgency::Employer, vec![ended, notice(NoticeKind::Termination { employment_id: job.id }, d)])
            }
            _ => (
                last_day,
                SourceAgency::Employer,
                vec![ended, notice(NoticeKind::Termination { employment_id: job.id }, last_day)],
            ),
        }
    }

    fn schedule(&mut self, date: NaiveDate, ep: Ep) {
        let date = date.max(self.start);
        if date <= self.end {
            self.pending.push((date, ep));
        }
    }

    // ------------------------------------------------------------------------------ openings

    /// Workers: entry, registration, fingerprinting, patent or work permit, hire.
    fn worker(&mut self) {
        let late_arrival = chance(&mut self.rng, 0.05);
        let entry = match self.forced {
            Forced::EmployedAtFirst => minus_days(self.end, between(&mut self.rng, 150, 300)),
            _ if late_arrival => minus_days(self.end, between(&mut self.rng, 0, 60)),
            _ => plus_days(self.start, between(&mut self.rng, 0, 670)),
        };
        let visa_national = self.category == Category::VisaWorker;
        let mut extra = Vec::new();
        if visa_national {
            let at_guess = entry.and_time(NaiveTime::MIN).and_utc();
            let k = between(&mut self.rng, 10, 40);
            let visa = self.visa_permit(at_guess, minus_days(entry, k));
            extra.push(Change::PermitGranted(visa));
        }
        self.first_event(entry, true, false, extra);
        let employer = self.pick_employer(None);
        let grace = match self.category {
            Category::Patent | Category::Rvp if self.country != Country::AZE => 12,
            Category::Eaeu => 20,
            _ => 6,
        };
        let compliant = self.forced != Forced::None;
        let deadline = registration_days(self.country, true);
        let stay_date = if !compliant && chance(&mut self.rng, 0.03) {
            plus_days(entry, deadline + between(&mut self.rng, 2, 40))
        } else {
            plus_days(entry, between(&mut self.rng, 1, grace))
        };
        let arrival = minus_days(stay_date, between(&mut self.rng, 0, 2)).max(entry);
        if !self.register_stay(stay_date, arrival, employer, vec![]) {
            return;
        }
        let needs_patent =
            matches!(self.category, Category::Patent) || (self.category == Category::Rvp && !self.country.is_eaeu());
        let fp = if !compliant && chance(&mut self.rng, 0.03) {
            plus_days(entry, between(&mut self.rng, 31, 80))
        } else {
            plus_days(stay_date, between(&mut self.rng, 1, 12)).min(plus_days(entry, 29)).max(stay_date)
        };
        if !self.fingerprinting(fp, needs_patent) {
            return;
        }
        let mut hired_from = fp;
        if needs_patent {
            let late = !compliant && chance(&mut self.rng, 0.05);
            let p = if late {
                plus_days(entry, between(&mut self.rng, 31, 75))
            } else {
                plus_days(entry, between(&mut self.rng, 8, 22))
            }
            .max(plus_days(fp, 1));
            let issued = if late {
                plus_days(p, between(&mut self.rng, 5, 12))
            } else {
                plus_days(p, between(&mut self.rng, 3, 10)).min(plus_days(entry, 30)).max(plus_days(p, 1))
            };
            if !self.grant_patent(issued, issued, p, vec![]) {
                return;
            }
            hired_from = issued;
        } else if visa_national {
            let w = plus_days(fp, between(&mut self.rng, 3, 20));
            // The work permit came before the visa: it is valid from the visa's first day.
            let from = self.visa.as_ref().map_or(w, |v| v.from);
            if !self.grant_work_permit(w, from) {
                return;
            }
            hired_from = w;
        }
        let Some(e) = employer else { return };
        let hire = plus_days(hired_from, between(&mut self.rng, 1, 14));
        if !self.hire(hire, hire, e, None, None) {
            return;
        }
        self.plan_episodes(hire);
        if self.category == Category::Rvp {
            let d = plus_days(hire, between(&mut self.rng, 150, 450));
            self.schedule(d, Ep::Rvp);
        }
    }

    fn visa_permit(&mut self, at: DateTime<Utc>, from: NaiveDate) -> Permit {
        let mut number = String::with_capacity(9);
        number.push(char::from(b'1' + self.rng.gen_range(0..9u8)));
        random_digits(&mut self.rng, &mut number, 8);
        let until = minus_days(plus_months(from, 12), 1);
        let p = Permit {
            id: self.id(at),
            kind: PermitKind::Visa,
            number: Some(number),
            region: None,
            org_id: None,
            valid_from: from,
            valid_until: Some(until),
            ended: None,
        };
        self.visa = Some(Held { id: p.id, from, until: Some(until) });
        let k = between(&mut self.rng, 15, 40);
        self.schedule(minus_days(until, k), Ep::VisaRenewal);
        p
    }

    fn grant_work_permit(&mut self, date: NaiveDate, from: NaiveDate) -> bool {
        if date > self.end {
            return false;
        }
        let at = self.stamp(date);
        let permit = self.work_permit(at, from);
        self.emit(at, SourceAgency::Mvd, None, vec![Change::PermitGranted(permit)]);
        true
    }

    /// A work permit for the Republic of Tatarstan for a year from `date`.
    fn work_permit(&mut self, at: DateTime<Utc>, date: NaiveDate) -> Permit {
        let mut number = String::from("16 ");
        random_digits(&mut self.rng, &mut number, 10);
        let until = minus_days(plus_months(date, 12), 1);
        Permit {
            id: self.id(at),
            kind: PermitKind::WorkPermit,
            number: Some(number),
            region: Some("16".into()),
            org_id: None,
            valid_from: date,
            valid_until: Some(until),
            ended: None,
        }
    }

    /// Students: entry before 1 September, the dormitory, enrolment, fingerprinting (STU-5).
    fn student(&mut self) {
        let n_unis = self.region.universities().len().min(UNIVERSITIES.len());
        if n_unis == 0 {
            self.visitor();
            return;
        }
        let uni = if self.forced == Forced::StudentAtFirst {
            0
        } else {
            let cum = cumulative(UNIVERSITIES[..n_unis].iter().map(|u| u.weight));
            weighted(&mut self.rng, &cum)
        };
        // Academic years whose start falls inside the window.
        // (a start counts once the enrolment order can be out: 10 September)
        let last_year = if self.end >= NaiveDate::from_ymd_opt(self.end.year(), 9, 10).expect("valid") {
            self.end.year()
        } else {
            self.end.year() - 1
        };
        let first_year = if self.start <= NaiveDate::from_ymd_opt(self.start.year(), 8, 15).expect("valid") {
            self.start.year()
        } else {
            self.start.year() + 1
        };
        let year = if self.forced == Forced::StudentAtFirst || first_year > last_year {
            last_year
        } else {
            first_year + self.rng.gen_range(0..=(last_year - first_year))
        };
        let sept = NaiveDate::from_ymd_opt(year, 9, 1).expect("valid");
        let entry = minus_days(sept, between(&mut self.rng, 3, 14)).max(self.start);
        let length = if self.forced == Forced::StudentAtFirst { 4 } else { [4, 5, 2, 6, 1][skewed(&mut self.rng, 5)] };
        let study_until = NaiveDate::from_ymd_opt(year + length, 6, 30).expect("valid");
        let visa_national = !matches!(self.country.as_str(), "UZB" | "TJK" | "KGZ" | "KAZ" | "ARM" | "AZE" | "BLR");
        let mut extra = Vec::new();
        if visa_national {
            let at_guess = entry.and_time(NaiveTime::MIN).and_utc();
            let k = between(&mut self.rng, 5, 30);
            let visa = self.visa_permit(at_guess, minus_days(entry, k));
            extra.push(Change::PermitGranted(visa));
        }
        self.first_event(entry, true, false, extra);
        // The university registers its students in its dormitory.
        let stay_date = plus_days(entry, between(&mut self.rng, 1, 5));
        if stay_date > self.end {
            return;
        }
        let at = self.stamp(stay_date);
        let spec = &UNIVERSITIES[uni];
        let d = geo::district_index(spec.dorm_district);
        let room = self.room();
        let address = geo::address_fixed(d, geo::street_index(d, spec.dorm_street), spec.dorm_house, room);
        let org_id = self.region.universities()[uni].id;
        let until = Some(minus_days(plus_months(entry, 12), 1).min(study_until));
        let stay = self.new_stay(at, entry, until, HostParty::Organisation { org_id }, address);
        let stay_id = stay.id;
        self.emit(
            at,
            SourceAgency::Mvd,
            None,
            vec![Change::StayRegistered(stay), notice(NoticeKind::Arrival { stay_id }, stay_date)],
        );
        if let Some(u) = until {
            self.schedule_extension(u);
        }
        // Enrolment order.
        let enrol = sept.max(plus_days(stay_date, 1));
        if enrol > self.end {
            return;
        }
        let at = self.stamp(enrol);
        let permit = Permit {
            id: self.id(at),
            kind: PermitKind::Student,
            number: None,
            region: None,
            org_id: Some(org_id),
            valid_from: sept,
            valid_until: Some(study_until),
            ended: None,
        };
        self.study = Some((Held { id: permit.id, from: sept, until: Some(study_until) }, uni));
        let inn = self.university_inn(uni).map(str::to_owned);
        self.emit(at, SourceAgency::University, inn.as_deref(), vec![Change::PermitGranted(permit)]);
        let k = between(&mut self.rng, 3, 20);
        self.schedule(minus_days(study_until, k), Ep::Graduated);
        let k = if self.forced == Forced::None && chance(&mut self.rng, 0.03) {
            between(&mut self.rng, 95, 140)
        } else {
            between(&mut self.rng, 5, 60)
        };
        if !self.fingerprinting(plus_days(enrol, k), false) {
            return;
        }
        self.plan_episodes(enrol);
    }

    /// Private visits: entry, registration by relatives or friends, departure within 90 days;
    /// some come again.
    fn visitor(&mut self) {
        let entry = plus_days(self.start, between(&mut self.rng, 0, 700));
        self.first_event(entry, true, true, vec![]);
        let stay_date = plus_days(entry, between(&mut self.rng, 1, 7));
        if !self.register_stay(stay_date, entry, None, vec![]) {
            return;
        }
        self.pending.clear(); // a visitor's registration is not extended
        let contact_date = plus_days(stay_date, between(&mut self.rng, 1, 20));
        if contact_date <= self.end {
            let at = self.stamp(contact_date);
            let phone = self.phone_contact(at, false);
            self.phone = Some(phone.id);
            let source = if chance(&mut self.rng, 0.5) { SourceAgency::Adaptation } else { SourceAgency::Migrant };
            self.emit(at, source, None, vec![Change::ContactAdded(phone)]);
        }
        // A few stay on beyond the 90 days.
        if !chance(&mut self.rng, 0.07) {
            let leave = plus_days(entry, between(&mut self.rng, 20, 86));
            self.schedule(leave, Ep::LeaveMvd);
        }
        if self.names.ad_hoc.is_some() {
            let d = plus_days(entry, between(&mut self.rng, 5, 60));
            self.schedule(d, Ep::AdHocName);
        }
    }

    /// A residence-permit holder (VNZh, indefinite since 2019): known to the registry with the
    /// card, registered at the place of residence, working without a patent.
    fn resident(&mut self) {
        let first = plus_days(self.start, between(&mut self.rng, 0, 500));
        // Indefinite cards only (issued from 1 November 2019; older ones ran for five years).
        let indefinite = NaiveDate::from_ymd_opt(2019, 11, 1).expect("valid");
        let card_issued = minus_days(first, between(&mut self.rng, 200, 2500))
            .max(plus_days(indefinite, between(&mut self.rng, 0, 200)))
            .min(minus_days(first, 30));
        let at_guess = first.and_time(NaiveTime::MIN).and_utc();
        let mut number = String::with_capacity(10);
        number.push_str(["82", "83"][skewed(&mut self.rng, 2)]);
        number.push(' ');
        random_digits(&mut self.rng, &mut number, 7);
        let card = IdentityDocument {
            id: self.id(at_guess),
            kind: DocumentKind::ResidencePermit,
            issuer: Country::RUS,
            number: number.clone(),
            issued_on: Some(card_issued),
            expires_on: None,
            invalidated: None,
        };
        let permit = Permit {
            id: self.id(at_guess),
            kind: PermitKind::Residence,
            number: Some(number),
            region: Some("16".into()),
            org_id: None,
            valid_from: card_issued,
            valid_until: None,
            ended: None,
        };
        let permit_id = permit.id;
        let mut extra = vec![Change::DocumentAdded(card), Change::PermitGranted(permit)];
        // The yearly confirmations filed before the registry knew the person come with the file.
        let mut k = 1;
        let next = loop {
            let anniversary = plus_months(card_issued, 12 * k);
            let filed = plus_days(anniversary, between(&mut self.rng, 2, 50));
            if filed >= first {
                break filed;
            }
            let in_person = k % 5 == 0 || chance(&mut self.rng, 0.2);
            extra.push(notice(NoticeKind::ResidenceConfirmation { permit_id, in_person }, filed));
            k += 1;
        };
        self.residence = Some((permit_id, card_issued));
        self.first_event(first, false, true, extra);
        self.schedule(next, Ep::ResidenceNotice);
        let stay_date = plus_days(first, between(&mut self.rng, 1, 30));
        if stay_date > self.end {
            return;
        }
        let at = self.stamp(stay_date);
        let address = geo::residential(&mut self.rng);
        let host = if chance(&mut self.rng, 0.6) {
            HostParty::Own
        } else {
            HostParty::Individual { name: tables().host_name(&mut self.rng) }
        };
        let arrival = minus_days(stay_date, between(&mut self.rng, 0, 5)).max(first);
        let stay = self.new_stay(at, arrival, None, host, address);
        let yes = chance(&mut self.rng, 0.7);
        let phone = self.phone_contact(at, yes);
        self.phone = Some(phone.id);
        self.emit(at, SourceAgency::Mvd, None, vec![Change::StayRegistered(stay), Change::ContactAdded(phone)]);
        let Some(e) = self.pick_employer(None) else { return };
        let hire = plus_days(stay_date, between(&mut self.rng, 5, 60));
        if self.hire(hire, hire, e, None, None) {
            self.plan_episodes(hire);
        }
    }

    /// The next yearly residence confirmation after `after` (RVP-2, VNZh-2): within two months
    /// of the anniversary of issue.
    fn schedule_residence_notice(&mut self, k: u32) {
        let Some((_, issued)) = self.residence else { return };
        let d = plus_days(plus_months(issued, 12 * k), between(&mut self.rng, 2, 50));
        self.schedule(d, Ep::ResidenceNotice);
    }

    /// Full years from `issued` to `d`.
    fn years_since(issued: NaiveDate, d: NaiveDate) -> u32 {
        let mut k = 0;
        while plus_months(issued, 12 * (k + 1)) <= d {
            k += 1;
        }
        k
    }

    // ------------------------------------------------------------------------------ episodes

    /// Chooses the optional episodes of a settled person.
    fn plan_episodes(&mut self, from: NaiveDate) {
        let lo = plus_days(from, 7);
        if lo > self.end {
            return;
        }
        let span = (self.end - lo).num_days().max(0) as u64;
        let student = self.category == Category::Student;
        let worker = !student && self.job.is_some();
        let forced = self.forced != Forced::None;
        let plan = |g: &mut Self, p: f64, ep: Ep| {
            if chance(&mut g.rng, p) {
                let d = plus_days(lo, between(&mut g.rng, 0, span));
                g.pending.push((d, ep));
            }
        };
        if self.names.ad_hoc.is_some() {
            plan(self, 1.0, Ep::AdHocName);
        }
        plan(self, if student { 0.35 } else { 0.12 }, Ep::Email);
        plan(self, 0.18, Ep::PhoneChange);
        if !student {
            plan(self, 0.22, Ep::Move);
        }
        if worker && !forced {
            plan(self, 0.18, Ep::JobChange);
            plan(self, 0.03, Ep::Leave);
            if matches!(self.category, Category::Patent | Category::Eaeu) {
                plan(self, 0.12, Ep::HomeVisit);
            }
        }
        if student && !forced {
            plan(self, 0.07, Ep::Expelled);
            plan(self, 0.1, Ep::PartTimeJob);
        }
        plan(self, 0.035, Ep::PassportReplaced);
        if self.typo.is_some() {
            plan(self, 1.0, Ep::CoreFix);
        }
        // A passport that runs out during the stay is replaced at the consulate.
        if let Some((_, exp)) = self.passport
            && exp <= self.end
            && exp > lo
        {
            let d = minus_days(exp, between(&mut self.rng, 0, 40)).max(lo);
            self.pending.push((d, Ep::PassportReplaced));
        }
    }

    /// Processes pending episodes in date order until the window closes.
    fn life(&mut self) {
        while let Some(k) = (0..self.pending.len()).min_by_key(|&k| (self.pending[k].0, k)) {
            let (date, ep) = self.pending.swap_remove(k);
            let date = match self.last_at {
                Some(l) => date.max(l.date_naive()),
                None => date,
            };
            if date > self.end {
                continue;
            }
            let cap = if ep.is_vital() {
                LAST_CAP
            } else if ep.is_required() {
                HARD_CAP
            } else {
                SOFT_CAP
            };
            if self.events.len() >= cap || (!self.present && !matches!(ep, Ep::LeaveMvd | Ep::VisitAgain)) {
                continue;
            }
            // Abroad on a trip home: what needs the person here waits for the return.
            if let Some(back) = self.away_until
                && date < back
                && !matches!(ep, Ep::PatentPayment | Ep::ReEntry | Ep::ResidenceNotice)
            {
                self.pending.push((plus_days(back, between(&mut self.rng, 1, 5)), ep));
                continue;
            }
            self.episode(date, ep);
        }
    }

    fn episode(&mut self, date: NaiveDate, ep: Ep) {
        match ep {
            Ep::AdHocName => {
                let Some(v) = self.names.ad_hoc.clone() else { return };
                let at = self.stamp(date);
                let (source, inn) = match (&self.job, &self.study) {
                    (Some(j), _) if chance(&mut self.rng, 0.3) => {
                        (SourceAgency::Employer, self.employer_inn(j.employer).map(str::to_owned))
                    }
                    (_, Some((_, u))) if chance(&mut self.rng, 0.5) => {
                        (SourceAgency::University, self.university_inn(*u).map(str::to_owned))
                    }
                    _ => {
                        ([SourceAgency::Fns, SourceAgency::Medical, SourceAgency::Exam][skewed(&mut self.rng, 3)], None)
                    }
                };
                self.emit(at, source, inn.as_deref(), vec![Change::NameAdded(v)]);
            }
            Ep::Email => {
                let at = self.stamp(date);
                let c = self.email_contact(at);
                let source = if chance(&mut self.rng, 0.5) { SourceAgency::Fns } else { SourceAgency::Migrant };
                self.emit(at, source, None, vec![Change::ContactAdded(c)]);
            }
            Ep::PhoneChange => {
                let at = self.stamp(date);
                let c = self.phone_contact(at, true);
                let mut changes = vec![Change::ContactAdded(c.clone())];
                if let Some(old) = self.phone
                    && chance(&mut self.rng, 0.7)
                {
                    changes.push(Change::ContactRemoved { contact_id: old });
                }
                self.phone = Some(c.id);
                let source = if chance(&mut self.rng, 0.6) { SourceAgency::Migrant } else { SourceAgency::Mvd };
                self.emit(at, source, None, changes);
            }
            Ep::Move => {
                let Some(old) = self.stay.take() else { return };
                let at = self.stamp(date);
                let on = minus_days(date, between(&mut self.rng, 1, 3)).max(old.from);
                let (host, address) = self.host_and_address(self.job.as_ref().map(|j| j.employer));
                let until = old.until.map(|_| minus_days(plus_months(on, 12), 0));
                let stay = self.new_stay(at, plus_days(on, 1), until, host, address);
                let stay_id = stay.id;
                self.pending.retain(|(_, e)| *e != Ep::StayExtension);
                if let Some(u) = until {
                    self.schedule_extension(u);
                }
                self.emit(
                    at,
                    SourceAgency::Mvd,
                    None,
                    vec![
                        Change::StayEnded { stay_id: old.id, on },
                        Change::StayRegistered(stay),
                        notice(NoticeKind::Arrival { stay_id }, date),
                    ],
                );
            }
            Ep::JobChange => {
                let Some(job) = self.job.take() else { return };
                let on = date.max(job.from);
                self.end_job(&job, on);
                self.pending.retain(|(_, e)| *e != Ep::ContractRenewal);
                // EAEU workers have 15 days to sign a new contract (EAEU-3).
                let gap =
                    if self.country.is_eaeu() { between(&mut self.rng, 2, 14) } else { between(&mut self.rng, 5, 40) };
                self.next_employer = self.pick_employer(Some(job.employer));
                self.schedule(plus_days(on, gap), Ep::JobStart);
            }
            Ep::JobStart => {
                if let Some(e) = self.next_employer.take() {
                    self.hire(date, date, e, None, None);
                }
            }
            Ep::ContractRenewal => {
                let Some(job) = self.job.take() else { return };
                let Some(until) = job.until else {
                    self.job = Some(job);
                    return;
                };
                // A new fixed-term contract with the same employer from the day after.
                let from = plus_days(until, 1);
                if from > self.end {
                    self.job = Some(job);
                    return;
                }
                if !self.hire(date.min(from), from, job.employer, Some(job.position), Some(job.id)) {
                    self.job = Some(job);
                }
            }
            Ep::PassportReplaced => {
                let Some((old, exp)) = self.passport else { return };
                let at = self.stamp(date);
                let reason = if exp <= plus_days(date, 60) {
                    "истёк срок действия, выдан новый паспорт"
                } else {
                    [
                        "утрачен (заявление об утрате)",
                        "заменён в связи с непригодностью для использования",
                        "заменён: выдан новый паспорт",
                    ][skewed(&mut self.rng, 3)]
                };
                let issued = minus_days(date, between(&mut self.rng, 3, 40)).max(self.start);
                let new = self.passport_doc(at, date, Some(issued));
                self.emit(
                    at,
                    SourceAgency::Mvd,
                    None,
                    vec![
                        Change::DocumentInvalidated { document_id: old, reason: reason.into() },
                        Change::DocumentAdded(new),
                    ],
                );
            }
            Ep::CoreFix => {
                let at = self.stamp(date);
                self.typo = None;
                let change = Change::CoreCorrected {
                    birth_date: self.birth,
                    sex: self.sex(),
                    citizenship: self.country,
                    reason: "исправлена ошибка в дате рождения по данным паспорта".into(),
                };
                self.emit(at, SourceAgency::Mvd, None, vec![change]);
            }
            Ep::Leave => {
                // The employer reports the end of the contract; the departure follows.
                if let Some(job) = self.job.take() {
                    self.end_job(&job, date.max(job.from));
                }
                self.pending.clear();
                let k = between(&mut self.rng, 1, 10);
                self.schedule(plus_days(date, k), Ep::LeaveMvd);
            }
            Ep::LeaveMvd => {
                let at = self.stamp(date);
                let mut changes = Vec::with_capacity(3);
                if let Some(stay) = self.stay.take() {
                    changes.push(Change::StayEnded { stay_id: stay.id, on: date.max(stay.from) });
                }
                if let Some(p) = self.patent.take()
                    && p.until.is_none_or(|u| u > date)
                {
                    let reason = if chance(&mut self.rng, 0.6) {
                        "действие прекращено: не уплачен НДФЛ в виде фиксированного авансового платежа"
                    } else {
                        "аннулирован в связи с выездом из Российской Федерации"
                    };
                    changes.push(Change::PermitEnded { permit_id: p.id, on: date.max(p.from), reason: reason.into() });
                }
                if let Some(j) = self.job.take() {
                    changes.push(Change::EmploymentEnded { employment_id: j.id, on: date.max(j.from) });
                }
                changes.push(crossing(date, Direction::Exit, self.purpose));
                self.present = false;
                self.pending.clear();
                self.emit(at, SourceAgency::Mvd, None, changes);
                // Some visitors come again in a later year.
                if self.category == Category::Visitor && chance(&mut self.rng, 0.6) {
                    let next_year = NaiveDate::from_ymd_opt(date.year() + 1, 1, 1).expect("valid");
                    let d = plus_days(next_year.max(plus_days(date, 180)), between(&mut self.rng, 0, 200));
                    self.schedule(d, Ep::VisitAgain);
                }
            }
            Ep::PatentReissue => {
                let Some(old) = self.patent.take() else { return };
                // A patent that ended early or lapsed is not re-issued.
                if self.stay.is_none() || self.paid_until.is_none_or(|u| u < date) {
                    self.patent = Some(old);
                    return;
                }
                // The new patent replaces the old one from the day it is issued; the application
                // carries a new medical certificate.
                let medical = self.service(ServiceKind::Medical, date);
                let ended = Change::PermitEnded {
                    permit_id: old.id,
                    on: date.max(old.from),
                    reason: "переоформлен: выдан новый патент".into(),
                };
                if self.grant_patent(date, date, date, vec![ended, medical]) {
                    self.schedule_medical();
                } else {
                    self.patent = Some(old);
                }
            }
            Ep::PatentPayment => {
                let (Some((permit_id, max)), Some(u)) =
                    (self.patent.as_ref().map(|p| (p.id, p.until)), self.paid_until)
                else {
                    return;
                };
                if max.is_some_and(|max| u >= max) {
                    return;
                }
                let at = self.stamp(date);
                if date > u {
                    // Paid after the paid period ran out: the patent is void all the same (PAT-15).
                    let months = self.advance_months();
                    let amount_rub = monthly_advance(date.year()).map(|m| m * u32::from(months));
                    let pay = PatentPayment { permit_id, paid_on: date, months, amount_rub };
                    self.emit(at, SourceAgency::Fns, None, vec![Change::PatentPaid(pay)]);
                    return;
                }
                if let Some(n) = self.lapse_in {
                    if n == 0 {
                        self.lapse_in = None;
                        self.lapsed(u);
                        return;
                    }
                    self.lapse_in = Some(n - 1);
                }
                let months = self.advance_months();
                if let Some(pay) = self.payment(date, months) {
                    self.emit(at, SourceAgency::Fns, None, vec![pay]);
                }
                self.schedule_payment();
            }
            Ep::MedicalRenewal => {
                if !self.needs_medical() {
                    return;
                }
                if let Some(m) = self.last_medical
                    && date < plus_months(m, 10)
                {
                    self.schedule_medical();
                    return;
                }
                // A few let the certificate run out (PAT-6).
                if self.forced == Forced::None && chance(&mut self.rng, 0.08) {
                    return;
                }
                let at = self.stamp(date);
                let result = self.service(ServiceKind::Medical, date);
                self.emit(at, SourceAgency::Medical, None, vec![result]);
                self.schedule_medical();
            }
            Ep::HomeVisit => {
                let soon = plus_days(date, 75);
                if self.away_until.is_some()
                    || self.pending.iter().any(|(d, e)| {
                        *d <= soon
                            && matches!(
                                e,
                                Ep::PatentReissue
                                    | Ep::StayExtension
                                    | Ep::ContractRenewal
                                    | Ep::Rvp
                                    | Ep::MedicalRenewal
                                    | Ep::JobStart
                                    | Ep::LeaveMvd
                            )
                    })
                {
                    return;
                }
                let Some(stay) = self.stay.take() else { return };
                let at = self.stamp(date);
                let back = plus_days(date, between(&mut self.rng, 14, 50));
                let changes = vec![
                    crossing(date, Direction::Exit, self.purpose),
                    Change::StayEnded { stay_id: stay.id, on: date.max(stay.from) },
                ];
                self.emit(at, SourceAgency::Mvd, None, changes);
                self.pending.retain(|(_, e)| *e != Ep::StayExtension);
                self.away_until = Some(back);
                self.schedule(back, Ep::ReEntry);
            }
            Ep::ReEntry => {
                self.away_until = None;
                let at = self.stamp(date);
                let card = self.migration_card(at, date);
                let (host, address) = self.host_and_address(self.job.as_ref().map(|j| j.employer));
                let until = minus_days(plus_months(date, 12), 1);
                let stay = self.new_stay(at, date, Some(until), host, address);
                let stay_id = stay.id;
                let changes = vec![
                    Change::DocumentAdded(card),
                    crossing(date, Direction::Entry, self.purpose),
                    Change::StayRegistered(stay),
                    notice(NoticeKind::Arrival { stay_id }, date),
                ];
                self.emit(at, SourceAgency::Mvd, None, changes);
                self.schedule_extension(until);
            }
            Ep::ResidenceNotice => {
                let Some((permit_id, issued)) = self.residence else { return };
                let k = Self::years_since(issued, date);
                if k == 0 {
                    return;
                }
                self.schedule_residence_notice(k + 1);
                if self.forced == Forced::None && chance(&mut self.rng, 0.15) {
                    return; // not filed this year
                }
                let at = self.stamp(date);
                let in_person = k % 5 == 0 || chance(&mut self.rng, 0.2);
                let n = notice(NoticeKind::ResidenceConfirmation { permit_id, in_person }, date);
                let source = if in_person { SourceAgency::Mvd } else { SourceAgency::Migrant };
                self.emit(at, source, None, vec![n]);
            }
            Ep::VisitAgain => {
                let entry = date;
                let stay_date = plus_days(entry, between(&mut self.rng, 1, 5));
                if stay_date > self.end {
                    return;
                }
                self.present = true;
                let at = self.stamp(stay_date);
                let card = self.migration_card(at, entry);
                let (host, address) = self.host_and_address(None);
                let stay = self.new_stay(at, entry, Some(plus_days(entry, 89)), host, address);
                let stay_id = stay.id;
                let changes = vec![
                    Change::DocumentAdded(card),
                    crossing(entry, Direction::Entry, self.purpose),
                    Change::StayRegistered(stay),
                    notice(NoticeKind::Arrival { stay_id }, stay_date),
                ];
                self.emit(at, SourceAgency::Mvd, None, changes);
                if !chance(&mut self.rng, 0.05) {
                    let leave = plus_days(entry, between(&mut self.rng, 10, 80));
                    self.schedule(leave, Ep::LeaveMvd);
                }
            }
            Ep::StayExtension => {
                let Some(old) = self.stay.clone() else { return };
                if old.until.is_none() || !self.present {
                    return;
                }
                // A few hosts do not file the next registration (REG-7).
                if self.forced == Forced::None && chance(&mut self.rng, 0.12) {
                    return;
                }
                let at = self.stamp(date);
                let from = date;
                let mut new_until = minus_days(plus_months(from, 12), 1);
                if let Some((s, _)) = &self.study
                    && let Some(su) = s.until
                {
                    new_until = new_until.min(su).max(from);
                }
                let stay = self.new_stay(at, from, Some(new_until), old.host.clone(), old.address.clone());
                let stay_id = stay.id;
                let changes = vec![
                    Change::StayEnded { stay_id: old.id, on: minus_days(date, 1).max(old.from) },
                    Change::StayRegistered(stay),
                    notice(NoticeKind::Arrival { stay_id }, date),
                ];
                self.emit(at, SourceAgency::Mvd, None, changes);
                self.schedule_extension(new_until);
            }
            Ep::VisaRenewal => {
                let Some(old) = self.visa.take() else { return };
                let at = self.stamp(date);
                let from = old.until.map_or(date, |u| plus_days(u, 1));
                let visa = self.visa_permit(at, from);
                let mut changes = vec![Change::PermitGranted(visa)];
                // A visa worker's work permit is renewed with the visa.
                if self.category == Category::VisaWorker && self.job.is_some() {
                    changes.push(Change::PermitGranted(self.work_permit(at, from)));
                }
                self.emit(at, SourceAgency::Mvd, None, changes);
            }
            Ep::Expelled => {
                let Some((s, u)) = self.study.take() else { return };
                let at = self.stamp(date);
                let reason = [
                    "отчислен за академическую неуспеваемость",
                    "отчислен по собственному желанию",
                    "отчислен в связи с невыходом из академического отпуска",
                ][skewed(&mut self.rng, 3)];
                let inn = self.university_inn(u).map(str::to_owned);
                let mut changes =
                    vec![Change::PermitEnded { permit_id: s.id, on: date.max(s.from), reason: reason.into() }];
                if chance(&mut self.rng, 0.9) {
                    changes.push(notice(NoticeKind::StudyEnd { permit_id: s.id }, date));
                }
                self.emit(at, SourceAgency::University, inn.as_deref(), changes);
                self.pending.clear();
                // Most leave within days; some stay on without a basis.
                if chance(&mut self.rng, 0.85) {
                    let k = between(&mut self.rng, 1, 10);
                    self.schedule(plus_days(date, k), Ep::LeaveMvd);
                }
            }
            Ep::Graduated => {
                // Studies over: the university reports the completion with the last day of
                // studies and the graduate leaves by then (a new basis of stay is another story).
                let Some((s, u)) = self.study.take() else { return };
                let last = s.until.unwrap_or(date).max(s.from).max(date);
                let at = self.stamp(date);
                let inn = self.university_inn(u).map(str::to_owned);
                let mut changes = vec![Change::PermitEnded {
                    permit_id: s.id,
                    on: last,
                    reason: "отчислен в связи с окончанием обучения".into(),
                }];
                if chance(&mut self.rng, 0.95) {
                    changes.push(notice(NoticeKind::StudyEnd { permit_id: s.id }, date));
                }
                self.emit(at, SourceAgency::University, inn.as_deref(), changes);
                self.pending.retain(|(_, e)| {
                    !matches!(e, Ep::StayExtension | Ep::VisaRenewal | Ep::MedicalRenewal | Ep::Expelled)
                });
                let k = between(&mut self.rng, 1, (last - date).num_days().max(1) as u64);
                self.schedule(plus_days(date, k), Ep::LeaveMvd);
            }
            Ep::PartTimeJob => {
                let n = self.region.employers().len().min(EMPLOYERS.len());
                let candidates: Vec<usize> = (0..n)
                    .filter(|&i| {
                        matches!(
                            EMPLOYERS[i].sector,
                            Sector::Food | Sector::Retail | Sector::Transport | Sector::Services
                        )
                    })
                    .collect();
                if candidates.is_empty() {
                    return;
                }
                let e = candidates[self.rng.gen_range(0..candidates.len())];
                let pos = ["Курьер", "Официант", "Продавец-консультант", "Кассир"][skewed(&mut self.rng, 4)];
                self.hire(date, date, e, Some(pos), None);
            }
            Ep::Rvp => {
                if !self.present || self.stay.is_none() {
                    return;
                }
                let at = self.stamp(date);
                let mut number = String::with_capacity(8);
                random_digits(&mut self.rng, &mut number, 5);
                number.push('/');
                push_digits(&mut number, date.year().rem_euclid(100) as u64, 2);
                let until = minus_days(plus_months(date, 36), 1);
                let rvp_id = self.id(at);
                self.residence = Some((rvp_id, date));
                let permit = Permit {
                    id: rvp_id,
                    kind: PermitKind::TemporaryResidence,
                    number: Some(number),
                    region: Some("16".into()),
                    org_id: None,
                    valid_from: date,
                    valid_until: Some(until),
                    ended: None,
                };
                let mut changes = vec![Change::PermitGranted(permit)];
                if let Some(p) = self.patent.take() {
                    changes.push(Change::PermitEnded {
                        permit_id: p.id,
                        on: date.max(p.from),
                        reason: "прекращён в связи с получением разрешения на временное проживание".into(),
                    });
                }
                // RVP holders register at the place of residence, without an end date.
                if let Some(old) = self.stay.take() {
                    changes.push(Change::StayEnded { stay_id: old.id, on: date.max(old.from) });
                    let stay = self.new_stay(at, plus_days(date, 1), None, HostParty::Own, old.address);
                    let stay_id = stay.id;
                    changes.push(Change::StayRegistered(stay));
                    changes.push(notice(NoticeKind::Arrival { stay_id }, date));
                }
                self.pending.retain(|(_, e)| {
                    !matches!(e, Ep::StayExtension | Ep::PatentReissue | Ep::PatentPayment | Ep::HomeVisit)
                });
                self.paid_until = None;
                self.emit(at, SourceAgency::Mvd, None, changes);
                self.schedule_residence_notice(1);
            }
        }
    }
}
