//! What a share-code check shows: right to work, right to stay and until when, derived from the
//! rules engine's evaluation and the profile's permits. Pure, so the derivation is tested alone
//! and the store only feeds it.
//!
//! The checker (an employer, a landlord, a bank) sees the answer to their question, not the
//! profile: no documents, addresses, contacts or history.

use chrono::NaiveDate;
use domain::person::{Permit, PermitKind, PersonProfile};
use rules::{Evaluation, Status};
use serde::{Deserialize, Serialize};

/// What the person shares the code for: it decides what the checker is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// An employer checks the right to work (and the stay it rests on).
    RightToWork,
    /// A landlord checks the right to stay.
    RightToRent,
    /// A bank checks the right to stay.
    Bank,
}

impl Purpose {
    /// Every purpose.
    pub const ALL: [Purpose; 3] = [Purpose::RightToWork, Purpose::RightToRent, Purpose::Bank];

    /// Stored code.
    pub const fn code(self) -> &'static str {
        match self {
            Purpose::RightToWork => "right_to_work",
            Purpose::RightToRent => "right_to_rent",
            Purpose::Bank => "bank",
        }
    }

    /// Parses [`Purpose::code`].
    pub fn from_code(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == s)
    }
}

/// The legal ground of the right to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkBasis {
    /// A valid patent (PAT-1).
    Patent,
    /// Citizen of an EAEU member state: no permit needed (EAEU-1).
    Eaeu,
    /// Temporary residence permit, in its region (RVP-3).
    TemporaryResidence,
    /// Residence permit (VNZh-1).
    Residence,
    /// Work permit of a visa national.
    WorkPermit,
    /// Full-time student: free time, no patent (STU-4).
    Student,
}

/// What a checker is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlements {
    /// Lawfully in Russia today.
    pub right_to_stay: bool,
    /// Last day of the lawful stay known today; None with `right_to_stay` = indefinite.
    pub stay_until: Option<NaiveDate>,
    /// May work today.
    pub right_to_work: bool,
    /// On what ground.
    pub work_basis: Option<WorkBasis>,
    /// Last day of the right to work (never after the stay); None with `right_to_work` =
    /// indefinite.
    pub work_until: Option<NaiveDate>,
}

impl Entitlements {
    /// The "valid until" a checker with this purpose needs.
    pub fn valid_until(&self, purpose: Purpose) -> Option<NaiveDate> {
        match purpose {
            Purpose::RightToWork => self.work_until,
            Purpose::RightToRent | Purpose::Bank => self.stay_until,
        }
    }
}

fn in_force(p: &Permit, on: NaiveDate) -> bool {
    p.ended.is_none() && p.valid_from <= on && p.valid_until.is_none_or(|u| on <= u)
}

/// The earlier of two ends, where None means indefinite.
fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Derives the right to stay and to work on `on` from the evaluation (status and stay summary)
/// and the permits in force.
///
/// Stay: the person is present and not irregular (RKL-2), until the stay summary's
/// `lawful_until`. Work needs a lawful stay and one ground, tried in this order: VNZh (VNZh-1),
/// RVP (RVP-3), EAEU citizenship (EAEU-1, until the stay ends, EAEU-2), patent (PAT-1, PAT-9),
/// work permit, full-time student (STU-4). The right to work ends no later than the stay.
pub fn entitlements(profile: &PersonProfile, eval: &Evaluation, on: NaiveDate) -> Entitlements {
    let present = matches!(eval.status, Status::Legal | Status::AtRisk | Status::InViolation);
    let right_to_stay = present && eval.stay.is_some();
    let stay_until = eval.stay.and_then(|s| s.lawful_until);
    let none = Entitlements {
        right_to_stay,
        stay_until: right_to_stay.then_some(stay_until).flatten(),
        right_to_work: false,
        work_basis: None,
        work_until: None,
    };
    if !right_to_stay {
        return none;
    }
    let permit = |kind: PermitKind| {
        profile.permits.iter().filter(|p| p.kind == kind && in_force(p, on)).max_by_key(|p| p.valid_until)
    };
    let basis = if let Some(p) = permit(PermitKind::Residence) {
        Some((WorkBasis::Residence, p.valid_until))
    } else if let Some(p) = permit(PermitKind::TemporaryResidence) {
        Some((WorkBasis::TemporaryResidence, p.valid_until))
    } else if profile.citizenship.is_eaeu() {
        Some((WorkBasis::Eaeu, stay_until))
    } else if let Some(p) = permit(PermitKind::Patent) {
        Some((WorkBasis::Patent, p.valid_until))
    } else if let Some(p) = permit(PermitKind::WorkPermit) {
        Some((WorkBasis::WorkPermit, p.valid_until))
    } else {
        permit(PermitKind::Student).map(|p| (WorkBasis::Student, p.valid_until))
    };
    match basis {
        Some((b, until)) => {
            Entitlements { right_to_work: true, work_basis: Some(b), work_until: earlier(until, stay_until), ..none }
        }
        None => none,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::StaySummary;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn profile(citizenship: &str, permits: Vec<(PermitKind, &str, Option<&str>)>) -> PersonProfile {
        let v = serde_json::json!({
            "id": uuid::Uuid::nil(), "version": 1,
            "names": [{"form": "latin", "surname": "TEST", "given_names": "T"}],
            "birth_date": "1990-01-01", "sex": "male", "citizenship": citizenship,
            "documents": [], "contacts": [], "stays": [], "employments": [],
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "permits": permits.iter().map(|(k, from, until)| serde_json::json!({
                "id": uuid::Uuid::now_v7(), "kind": k, "valid_from": from, "valid_until": until,
            })).collect::<Vec<_>>(),
        });
        serde_json::from_value(v).unwrap()
    }

    fn eval(status: Status, lawful_until: Option<&str>) -> Evaluation {
        Evaluation {
            on: day("2026-06-01"),
            status,
            obligations: vec![],
            violations: vec![],
            tasks: vec![],
            entry_ban: None,
            stay: (status != Status::Departed).then(|| StaySummary {
                entry: day("2026-03-01"),
                days_in_year: 92,
                continuous_days: 92,
                visa_free_until: day("2026-05-29"),
                lawful_until: lawful_until.map(day),
            }),
            rule_set: "test".into(),
            warnings: vec![],
        }
    }

    /// (name, citizenship, permits, expected basis, expected work until).
    type Case<'a> = (&'a str, &'a str, Vec<(PermitKind, &'a str, Option<&'a str>)>, Option<WorkBasis>, Option<&'a str>);

    #[test]
    fn each_ground_gives_the_right_to_work_until_the_earlier_end() {
        let on = day("2026-06-01");
        // (case, citizenship, permits, status, lawful stay until, expected basis, expected work until)
        let cases: Vec<Case> = vec![
            (
                "patent",
                "UZB",
                vec![(PermitKind::Patent, "2026-03-20", Some("2026-09-19"))],
                Some(WorkBasis::Patent),
                Some("2026-09-19"),
            ),
            ("expired patent", "UZB", vec![(PermitKind::Patent, "2025-03-20", Some("2026-03-19"))], None, None),
            ("EAEU", "KGZ", vec![], Some(WorkBasis::Eaeu), Some("2026-12-31")),
            (
                "student",
                "TJK",
                vec![(PermitKind::Student, "2025-09-01", Some("2029-06-30"))],
                Some(WorkBasis::Student),
                Some("2026-12-31"),
            ),
            (
                "VNZh beats patent",
                "UZB",
                vec![
                    (PermitKind::Patent, "2026-03-20", Some("2026-09-19")),
                    (PermitKind::Residence, "2024-01-01", None),
                ],
                Some(WorkBasis::Residence),
                Some("2026-12-31"),
            ),
            ("nothing", "UZB", vec![], None, None),
        ];
        for (name, cit, permits, basis, until) in cases {
            let e = entitlements(&profile(cit, permits), &eval(Status::Legal, Some("2026-12-31")), on);
            assert!(e.right_to_stay, "{name}");
            assert_eq!(e.stay_until, Some(day("2026-12-31")), "{name}");
            assert_eq!(e.work_basis, basis, "{name}");
            assert_eq!(e.right_to_work, basis.is_some(), "{name}");
            assert_eq!(e.work_until, until.map(day), "{name}");
        }
    }

    #[test]
    fn no_lawful_stay_means_no_right_to_work_whatever_the_permits() {
        let on = day("2026-06-01");
        let p = profile("UZB", vec![(PermitKind::Patent, "2026-03-20", Some("2026-09-19"))]);
        for status in [Status::Irregular, Status::Departed] {
            let e = entitlements(&p, &eval(status, Some("2026-05-29")), on);
            assert!(!e.right_to_stay && !e.right_to_work, "{status:?}");
            assert_eq!((e.stay_until, e.work_until), (None, None), "{status:?}");
        }
        let e = entitlements(&p, &eval(Status::InViolation, Some("2026-09-19")), on);
        assert!(e.right_to_stay && e.right_to_work, "a violation does not end a lawful stay");
    }

    #[test]
    fn indefinite_residence_stays_indefinite_and_purpose_picks_the_date() {
        let on = day("2026-06-01");
        let p = profile("UZB", vec![(PermitKind::Residence, "2024-01-01", None)]);
        let e = entitlements(&p, &eval(Status::Legal, None), on);
        assert!(e.right_to_work && e.right_to_stay);
        assert_eq!(e.valid_until(Purpose::RightToWork), None);
        let p = profile("UZB", vec![(PermitKind::Patent, "2026-03-20", Some("2026-09-19"))]);
        let e = entitlements(&p, &eval(Status::Legal, Some("2026-12-31")), on);
        assert_eq!(e.valid_until(Purpose::RightToWork), Some(day("2026-09-19")));
        assert_eq!(e.valid_until(Purpose::Bank), Some(day("2026-12-31")));
        for p in Purpose::ALL {
            assert_eq!(Purpose::from_code(p.code()), Some(p));
        }
    }
}
