#![doc = "Deterministic synthetic region for demos, tests and benchmarks: Kazan (Republic of Tatarstan) with its districts and streets, employers, universities and service points, and any number of foreign nationals with realistic names in every writing agencies use, documents, stays, jobs, permits and two years of history.\n\nEverything is derived from a seed: the same seed gives the same region and the same person #n with the same ids, whether generated alone, in a stream or on another thread. The output consists of domain types that pass the domain validators and replay cleanly into profiles."]

mod accounts;
mod geo;
mod history;
pub mod linkage_set;
mod name_data;
mod names;
mod orgs;
mod rng;
mod translit;

use chrono::{DateTime, NaiveDate, Utc};
use domain::event::{ApplyError, Change, PersonEvent, SourceAgency};
use domain::org::{OrgKind, Organisation};
use domain::person::PersonProfile;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use accounts::{DemoAccount, OrgRef, demo_accounts};

/// What to generate: the seed makes it reproducible, `today` anchors the two years of history so
/// that the demo always looks current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of foreign nationals to generate.
    pub persons: usize,
    /// The last day of the history (events happen up to the day before).
    pub today: NaiveDate,
}

impl DemoConfig {
    /// A configuration; exists so callers need not spell out the struct.
    pub fn new(seed: u64, persons: usize, today: NaiveDate) -> Self {
        Self { seed, persons, today }
    }
}

/// One entry of a generated history: the facts an agency reported at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoEvent {
    /// When the registry recorded it.
    pub at: DateTime<Utc>,
    /// Which agency reported it.
    pub source: SourceAgency,
    /// The agency's own record id, unique per agency across the whole demo (e.g. `mvd-2025-000000123`).
    pub source_record: Option<String>,
    /// What changed; the first event starts with [`Change::Registered`].
    pub changes: Vec<Change>,
}

/// A generated foreign national: the registry id and the history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemoPerson {
    /// Registry id (UUIDv7 with the time of the first event).
    pub id: Uuid,
    /// Events, oldest first; `events[0].changes[0]` is [`Change::Registered`].
    pub events: Vec<DemoEvent>,
}

impl DemoPerson {
    /// The history as domain events recorded by the system actor, with deterministic event ids
    /// (UUIDv7 of the event time), so a loader or a test can store or replay it directly.
    pub fn person_events(&self) -> Vec<PersonEvent> {
        let salt = self.id.as_u128();
        self.events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let ms = u64::try_from(e.at.timestamp_millis()).unwrap_or(0);
                let mix =
                    (salt ^ (i as u128 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)).to_le_bytes();
                let mut rand = [0u8; 10];
                rand.copy_from_slice(&mix[..10]);
                PersonEvent {
                    id: uuid::Builder::from_unix_timestamp_millis(ms, &rand).into_uuid(),
                    person_id: self.id,
                    seq: i as i64 + 1,
                    recorded_at: e.at,
                    source: e.source,
                    source_record: e.source_record.clone(),
                    actor: domain::event::Actor::system(),
                    changes: e.changes.clone(),
                }
            })
            .collect()
    }

    /// The current profile the history folds into.
    pub fn profile(&self) -> Result<PersonProfile, ApplyError> {
        PersonProfile::replay(&self.person_events())
    }
}

/// The organisations of the demo region, in a fixed order: employers (the anchor enterprises
/// first), universities, then service points (medical, fingerprinting and exam centres, migration
/// offices, the adaptation centre).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Every organisation, to be stored before the persons that refer to them.
    pub orgs: Vec<Organisation>,
}

impl Region {
    /// Builds the region's organisations from the seed (ids, INN and OGRN, addresses).
    pub fn generate_orgs(cfg: &DemoConfig) -> Region {
        Region { orgs: orgs::generate(cfg) }
    }

    fn of_kind(&self, keep: impl Fn(OrgKind) -> bool) -> &[Organisation] {
        let start = self.orgs.iter().position(|o| keep(o.kind)).unwrap_or(self.orgs.len());
        let len = self.orgs[start..].iter().take_while(|o| keep(o.kind)).count();
        &self.orgs[start..start + len]
    }

    /// The employers; the first is an anchor enterprise and employs demo person #0.
    pub fn employers(&self) -> &[Organisation] {
        self.of_kind(|k| k == OrgKind::Employer)
    }

    /// The universities; the first hosts demo person #1 as a student.
    pub fn universities(&self) -> &[Organisation] {
        self.of_kind(|k| k == OrgKind::University)
    }

    /// Service points: where a migrant goes in person.
    pub fn service_points(&self) -> &[Organisation] {
        self.of_kind(OrgKind::is_service_point)
    }

    /// The adaptation centre (the demo account of that role is bound to it).
    pub fn adaptation_centre(&self) -> Option<&Organisation> {
        self.orgs.iter().find(|o| o.kind == OrgKind::AdaptationCentre)
    }

    /// The id of the organisation a demo account is bound to (`None` for [`OrgRef::None`]).
    pub fn org_id(&self, r: OrgRef) -> Option<Uuid> {
        r.resolve(self)
    }
}

/// Persons `0..cfg.persons`, generated one at a time so that a million never sit in memory.
pub fn persons<'a>(cfg: &'a DemoConfig, region: &'a Region) -> impl Iterator<Item = DemoPerson> + 'a {
    (0..cfg.persons).map(move |i| person(cfg, region, i))
}

/// Person #`index` alone; the same for the same seed wherever it is generated, so loading can be
/// split across threads. Person #0 is currently employed by the first employer and person #1 is a
/// current student of the first university (the demo accounts of those roles see them).
pub fn person(cfg: &DemoConfig, region: &Region, index: usize) -> DemoPerson {
    history::generate(cfg, region, index)
}
