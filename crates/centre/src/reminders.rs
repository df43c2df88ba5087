//! The reminder schedule: which reminders a person is due today, and when a message may be
//! delivered (quiet hours).
//!
//! Pure: the daily job (`store::reminders`) gives each candidate's legalisation case and
//! bookings; this module decides. Three reasons:
//!
//! * **a deadline** of a step the foreigner must take and has not done, 7, 3 and 1 days before
//!   (the PAT-2 30-day application term, the REG-1 registration term, the PAT-5 medical and
//!   fingerprinting term, …: any step of the case with a deadline);
//! * **a patent payment due** (PAT-11: the monthly advance payment, with its amount), on the
//!   same 7/3/1-day schedule (PAT-15: a day late and the patent lapses, with no way back);
//! * **a booking tomorrow** at a service point.
//!
//! Every reminder has a stable reason key, so the outbox queues it once, however often the job
//! runs (`deadline:{step}:{deadline}:{tier}`, `payment:{deadline}:{tier}`, `booking:{id}`).
//!
//! **Catching up.** A tier covers a range of remaining days: the 7-day reminder is due with 4 to
//! 7 days left, the 3-day one with 2 or 3, the 1-day one with 1 or 0 (the deadline day itself).
//! If the job did not run on the exact day (a server down over a weekend), the next run still
//! sends the tier's reminder, with the true number of days left in its text; a tier whose range
//! has passed is skipped (two days before a deadline the person gets the 3-day reminder, not a
//! stale 7-day one as well). A deadline first known inside a range (a new obligation with 5 days
//! to act) gets that range's reminder at once. Once the deadline has passed no reminder is sent:
//! an overdue step is the officers' work list, not a reminder.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use rules::Party;
use uuid::Uuid;

use crate::case::{Case, StepKind, StepState};

/// The reminder tiers: days before a deadline.
pub const TIERS: [u32; 3] = [7, 3, 1];

/// Template ids (Fluent messages `<id>-subject` and `<id>-body` in
/// `assets/locales/<lang>/notifications.ftl`).
pub mod templates {
    /// A step's deadline is near. Args: `step` (step code), `date` (DD.MM.YYYY), `days`.
    pub const DEADLINE: &str = "reminder-deadline";
    /// The monthly patent payment is due. Args: `amount` (roubles), `date`, `days`.
    pub const PAYMENT: &str = "reminder-payment";
    /// A booked visit is tomorrow. Args: `step`, `date`, `time` (HH:MM local), `place`.
    pub const BOOKING: &str = "reminder-booking";
}

/// The tier a deadline `days_left` days away is in, if any (see the module doc: catching up).
pub fn tier(days_left: i64) -> Option<u32> {
    match days_left {
        0..=1 => Some(1),
        2..=3 => Some(3),
        4..=7 => Some(7),
        _ => None,
    }
}

/// A booked visit, as the job reads it from `bookings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingRef {
    /// Booking id (the reason key).
    pub id: Uuid,
    /// Step code of the visit (`centre::case::StepKind::code`).
    pub step: String,
    /// When the slot starts.
    pub starts_at: DateTime<Utc>,
    /// The service point's name, when known.
    pub place: Option<String>,
}

/// A template argument: Fluent formats numbers (and selects plural forms on them) and strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text.
    Text(String),
    /// A whole number (days, roubles).
    Number(i64),
}

/// A reminder due today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The reason key: the same reason is never queued twice.
    pub reason: String,
    /// Template id (see [`templates`]).
    pub template: &'static str,
    /// Template arguments.
    pub args: BTreeMap<&'static str, Arg>,
}

/// The day as the templates print it (DD.MM.YYYY, read the same way in all five languages).
pub fn format_day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The reminders due on `on` for a person with this case and these bookings; `tz` is the
/// region's offset from UTC (a booking is "tomorrow" by the local calendar).
///
/// Only steps the foreigner must take themselves count (an employer's notice is the
/// employer's, PAT-18); done and overdue steps get no reminder.
pub fn due(case: &Case, bookings: &[BookingRef], on: NaiveDate, tz: FixedOffset) -> Vec<Reminder> {
    let mut out = Vec::new();
    for step in &case.steps {
        if step.responsible != Party::Foreigner || !matches!(step.state, StepState::Open | StepState::Waiting) {
            continue;
        }
        let Some(deadline) = step.deadline else { continue };
        let days_left = (deadline - on).num_days();
        let Some(tier) = tier(days_left) else { continue };
        let mut args = BTreeMap::new();
        args.insert("date", Arg::Text(format_day(deadline)));
        args.insert("days", Arg::Number(days_left));
        if step.kind == StepKind::PatentPayment {
            // PAT-11: the advance payment, with the amount the engine computed.
            args.insert("amount", Arg::Number(i64::from(step.amount_rub.unwrap_or(0))));
            out.push(Reminder { reason: format!("payment:{deadline}:{tier}"), template: templates::PAYMENT, args });
        } else {
            args.insert("step", Arg::Text(step.kind.code().to_string()));
            out.push(Reminder {
                reason: format!("deadline:{}:{deadline}:{tier}", step.kind.code()),
                template: templates::DEADLINE,
                args,
            });
        }
    }
    let tomorrow = on + Days::new(1);
    for b in bookings {
        let local = b.starts_at.with_timezone(&tz);
        if local.date_naive() != tomorrow {
            continue;
        }
        let mut args = BTreeMap::new();
        args.insert("step", Arg::Text(b.step.clone()));
        args.insert("date", Arg::Text(format_day(tomorrow)));
        args.insert("time", Arg::Text(local.format("%H:%M").to_string()));
        args.insert("place", Arg::Text(b.place.clone().unwrap_or_default()));
        out.push(Reminder { reason: format!("booking:{}", b.id), template: templates::BOOKING, args });
    }
    out
}

/// Quiet hours in local time: no SMS or e-mail from `from` to `to` (the window may wrap past
/// midnight, e.g. 21:00–09:00). Equal ends mean no quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// Start of the quiet window (local time).
    pub from: NaiveTime,
    /// End of the quiet window (local time): the first moment a message may go.
    pub to: NaiveTime,
    /// The region's offset from UTC.
    pub tz: FixedOffset,
}

impl QuietHours {
    /// The earliest moment at or after `now` outside the quiet window.
    pub fn next_allowed(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        next_allowed(now, self.from, self.to, self.tz)
    }
}

/// The earliest moment at or after `now` that is outside the local quiet window
/// `[quiet_from, quiet_to)`; the window may wrap midnight; equal ends mean no quiet hours.
pub fn next_allowed(now: DateTime<Utc>, quiet_from: NaiveTime, quiet_to: NaiveTime, tz: FixedOffset) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    let (day, t) = (local.date_naive(), local.time());
    let resume_on = if quiet_from == quiet_to {
        None
    } else if quiet_from < quiet_to {
        (quiet_from <= t && t < quiet_to).then_some(day)
    } else if t >= quiet_from {
        Some(day + Days::new(1))
    } else if t < quiet_to {
        Some(day)
    } else {
        None
    };
    match resume_on {
        None => now,
        Some(d) => tz.from_local_datetime(&d.and_time(quiet_to)).single().map_or(now, |l| l.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Step, Track};
    use rules::RuleId;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn msk() -> FixedOffset {
        FixedOffset::east_opt(3 * 3600).unwrap()
    }

    fn step(kind: StepKind, responsible: Party, deadline: &str, state: StepState) -> Step {
        Step {
            kind,
            responsible,
            rule: RuleId::Pat2,
            source: "115-FZ".into(),
            deadline: Some(day(deadline)),
            state,
            done_on: None,
            done_by: None,
            amount_rub: (kind == StepKind::PatentPayment).then_some(7_400),
            waiting_for: vec![],
        }
    }

    fn case(on: &str, steps: Vec<Step>) -> Case {
        Case { track: Track::PatentWorker, entered_on: Some(day("2026-10-01")), on: day(on), steps }
    }

    #[test]
    fn tiers_cover_the_week_before_a_deadline() {
        let cases =
            [(8, None), (7, Some(7)), (4, Some(7)), (3, Some(3)), (2, Some(3)), (1, Some(1)), (0, Some(1)), (-1, None)];
        for (days, want) in cases {
            assert_eq!(tier(days), want, "{days} days left");
        }
    }

    #[test]
    fn a_deadline_reminder_on_each_tier_day_with_a_stable_key() {
        // PAT-2: application within 30 days of entry; deadline 2026-10-31.
        let steps = || vec![step(StepKind::PatentApplication, Party::Foreigner, "2026-10-31", StepState::Open)];
        let keys: Vec<(String, Vec<String>)> =
            ["2026-10-23", "2026-10-24", "2026-10-28", "2026-10-30", "2026-10-31", "2026-11-01"]
                .into_iter()
                .map(|on| {
                    let r = due(&case(on, steps()), &[], day(on), msk());
                    (on.to_string(), r.into_iter().map(|r| r.reason).collect())
                })
                .collect();
        assert_eq!(keys[0].1, Vec::<String>::new(), "8 days before: nothing yet");
        assert_eq!(keys[1].1, vec!["deadline:patent_application:2026-10-31:7"]);
        assert_eq!(keys[2].1, vec!["deadline:patent_application:2026-10-31:3"]);
        assert_eq!(keys[3].1, vec!["deadline:patent_application:2026-10-31:1"]);
        assert_eq!(keys[4].1, vec!["deadline:patent_application:2026-10-31:1"], "the deadline day catches up tier 1");
        assert_eq!(keys[5].1, Vec::<String>::new(), "overdue: no reminder");
    }

    #[test]
    fn the_reminder_carries_the_step_date_and_days_left() {
        let c =
            case("2026-10-26", vec![step(StepKind::MedicalExam, Party::Foreigner, "2026-10-31", StepState::Waiting)]);
        let r = due(&c, &[], day("2026-10-26"), msk());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].template, templates::DEADLINE);
        assert_eq!(r[0].args["step"], Arg::Text("medical_exam".into()));
        assert_eq!(r[0].args["date"], Arg::Text("31.10.2026".into()));
        assert_eq!(r[0].args["days"], Arg::Number(5));
    }

    #[test]
    fn only_the_foreigners_own_open_steps_count() {
        let c = case(
            "2026-10-29",
            vec![
                step(StepKind::EmployerNotice, Party::Employer, "2026-10-30", StepState::Open),
                step(StepKind::MedicalExam, Party::Foreigner, "2026-10-30", StepState::Done),
                step(StepKind::Fingerprinting, Party::Foreigner, "2026-10-20", StepState::Overdue),
            ],
        );
        assert!(due(&c, &[], day("2026-10-29"), msk()).is_empty());
    }

    #[test]
    fn a_patent_payment_due_has_its_amount() {
        let c =
            case("2026-11-12", vec![step(StepKind::PatentPayment, Party::Foreigner, "2026-11-15", StepState::Open)]);
        let r = due(&c, &[], day("2026-11-12"), msk());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].reason, "payment:2026-11-15:3");
        assert_eq!(r[0].template, templates::PAYMENT);
        assert_eq!(r[0].args["amount"], Arg::Number(7_400));
    }

    #[test]
    fn a_booking_tomorrow_by_the_local_calendar() {
        let id = Uuid::now_v7();
        // 2026-11-13 06:30 UTC = 09:30 in Kazan; on 2026-11-12 that is tomorrow.
        let b = |at: &str| BookingRef {
            id,
            step: "medical_exam".into(),
            starts_at: at.parse().unwrap(),
            place: Some("МЦ Казань".into()),
        };
        let c = case("2026-11-12", vec![]);
        let r = due(&c, &[b("2026-11-13T06:30:00Z")], day("2026-11-12"), msk());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].reason, format!("booking:{id}"));
        assert_eq!(r[0].args["time"], Arg::Text("09:30".into()));
        assert_eq!(r[0].args["place"], Arg::Text("МЦ Казань".into()));
        // 2026-11-12 22:30 UTC is already 01:30 on the 13th in Kazan: tomorrow too.
        assert_eq!(due(&c, &[b("2026-11-12T22:30:00Z")], day("2026-11-12"), msk()).len(), 1);
        // The day after tomorrow, and today: not now.
        assert!(due(&c, &[b("2026-11-14T06:30:00Z")], day("2026-11-12"), msk()).is_empty());
        assert!(due(&c, &[b("2026-11-12T10:00:00Z")], day("2026-11-12"), msk()).is_empty());
    }

    #[test]
    fn quiet_hours_hold_messages_until_morning() {
        let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let (from, to) = (t("21:00"), t("09:00"));
        let cases = [
            // (now UTC, expected UTC, why)
            ("2026-11-12T12:00:00Z", "2026-11-12T12:00:00Z", "15:00 local: allowed"),
            ("2026-11-12T19:30:00Z", "2026-11-13T06:00:00Z", "22:30 local: next morning 09:00"),
            ("2026-11-12T23:00:00Z", "2026-11-13T06:00:00Z", "02:00 local: this morning 09:00"),
            ("2026-11-13T06:00:00Z", "2026-11-13T06:00:00Z", "09:00 local: the window has ended"),
            ("2026-11-12T17:59:59Z", "2026-11-12T17:59:59Z", "20:59:59 local: still allowed"),
        ];
        for (now, want, why) in cases {
            assert_eq!(next_allowed(at(now), from, to, msk()), at(want), "{why}");
        }
        // A window inside one day, and none.
        assert_eq!(
            next_allowed(at("2026-11-12T10:00:00Z"), t("13:00"), t("14:00"), msk()),
            at("2026-11-12T11:00:00Z"),
            "13:00 local in a 13–14 window"
        );
        assert_eq!(next_allowed(at("2026-11-12T20:00:00Z"), t("00:00"), t("00:00"), msk()), at("2026-11-12T20:00:00Z"));
    }
}
