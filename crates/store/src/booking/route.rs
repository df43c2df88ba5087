//! The input of the route planner, loaded from the store: the person's case (the visits still
//! to book), their active bookings, where they live, their language, the service points and the
//! free slots of the next weeks.
//!
//! The planner itself (`centre::route::propose`) is pure; this module calls it in one place,
//! [`propose_for`].

use std::collections::HashMap;

use centre::case::StepKind;
use chrono::{DateTime, Duration, Utc};
use domain::lang::Lang;
use domain::person::PersonProfile;

use centre::route as planner;

use super::{BookingState, SlotQuery, local_day};
use crate::Store;
use crate::error::Result;

pub use planner::{FreeSlot, Leg, PointInfo, Route};

/// How far ahead the planner looks for slots.
pub const HORIZON_DAYS: i64 = 45;
/// At most this many free slots per step are handed to the planner, the soonest from the first
/// moment the step can be taken.
pub const SLOTS_PER_STEP: i64 = 400;

/// Everything the planner needs, owned (the planner's request borrows from it).
#[derive(Debug, Clone)]
pub struct RouteInput {
    /// The clock.
    pub now: DateTime<Utc>,
    /// The person's case on today's local day.
    pub case: centre::case::Case,
    /// Bookings already held.
    pub booked: Vec<planner::Fixed>,
    /// Coordinates of the current place of stay.
    pub home: Option<(f64, f64)>,
    /// The person's language.
    pub lang: Option<Lang>,
    /// Service points.
    pub points: Vec<PointInfo>,
    /// Free slots of the steps to book.
    pub slots: Vec<FreeSlot>,
}

impl Store {
    /// Loads the planner's input for a person whose profile the caller has already read (to
    /// check access): the case is derived from it, not read and evaluated a second time.
    pub async fn route_input(&self, profile: &PersonProfile, now: DateTime<Utc>) -> Result<RouteInput> {
        let person_id = profile.id;
        let today = local_day(now);
        let case = self.legalisation_case(profile, today);
        let booked: Vec<planner::Fixed> = self
            .person_bookings(person_id)
            .await?
            .into_iter()
            .filter(|b| b.state == BookingState::Booked)
            .map(|b| planner::Fixed { step: b.step, point: b.org_id, starts_at: b.starts_at })
            .collect();
        let home = profile.stay_on(today).and_then(|s| Some((s.address.lat?, s.address.lon?)));
        let lang = Some(self.lang_for(profile).await?);
        let points = self
            .service_points()
            .await?
            .into_iter()
            .filter_map(|p| Some(PointInfo { id: p.org_id, lat: p.lat?, lon: p.lon?, languages: p.languages.clone() }))
            .collect();
        // Each step's slots are read from the first moment it could be taken: the first free
        // slot (or the held booking) of each step it requires, plus the days until that result
        // is ready. Read from `now`, the soonest slots of a busy region would all lie before a
        // waiting step (the patent application, 5 days after the medical examination) can be
        // taken, and the planner would find none for it.
        // A lower bound: a visit starting at `t` has its result no earlier than at `t` itself.
        let earliest_use = |step: StepKind, t: DateTime<Utc>| planner::result_usable_at(step, t, t);
        let mut usable_from: HashMap<StepKind, DateTime<Utc>> =
            booked.iter().map(|f| (f.step, earliest_use(f.step, f.starts_at))).collect();
        let mut slots = Vec::new();
        for step in case.visits_to_book() {
            let from = step.kind.requires().iter().filter_map(|r| usable_from.get(r)).copied().fold(now, DateTime::max);
            let q = SlotQuery {
                service: Some(step.kind),
                point: None,
                from,
                to: now + Duration::days(HORIZON_DAYS),
                limit: SLOTS_PER_STEP,
            };
            let found = self.free_slots(&q).await?;
            if let Some(first) = found.first() {
                usable_from.entry(step.kind).or_insert_with(|| earliest_use(step.kind, first.starts_at));
            }
            slots.extend(found.into_iter().map(|s| FreeSlot {
                id: s.id,
                point: s.org_id,
                service: s.service,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                free: s.free(),
            }));
        }
        Ok(RouteInput { now, case, booked, home, lang, points, slots })
    }

    /// The proposed route for a person: their input, through the planner.
    pub async fn route(&self, profile: &PersonProfile, now: DateTime<Utc>) -> Result<Route> {
        Ok(propose_for(&self.route_input(profile, now).await?))
    }
}

/// The one call of the planner.
pub fn propose_for(input: &RouteInput) -> Route {
    let req = planner::RouteRequest {
        now: input.now,
        visits: input.case.visits_to_book().collect(),
        booked: &input.booked,
        home: input.home,
        lang: input.lang,
        points: &input.points,
        slots: &input.slots,
    };
    planner::propose(&req)
}
