//! Facts from a registry profile: the bridge between the registry's history and the engine.
//!
//! The registry records what agencies report (stays, permits, payments, notices, results); the
//! engine reads [`Facts`]. This mapping is pure and total: a profile always yields facts, and a
//! fact the registry does not know yet simply stays empty (the engine then reports what is due).

use chrono::NaiveDate;
use domain::facts::{Direction as D, NoticeKind, ServiceKind, VisitPurpose};
use domain::person::{HostParty, PermitKind as P, PersonProfile};
use domain::validate::document::DocumentKind as DK;

use crate::facts::{
    AnnualNotice, Biometrics, CheckIn, Crossing, Direction, DocumentKind, Employment, Facts, Filer, IdentityDocument,
    Patent, Payment, PermitKind, Purpose, Region, Registration, ResidencePermit, Study, StudyEndReason, StudyForm,
    WorkPermit,
};

fn region(code: Option<&str>, fallback: Region) -> Region {
    code.and_then(|c| c.parse::<u8>().ok()).map(Region).unwrap_or(fallback)
}

/// The patents with the applications that led to them.
///
/// A re-issue application (`reissue_of`) sets the re-issue date of the patent it names (PAT-10,
/// earliest application counts) and makes the next patent issued on or after it a re-issue. A
/// first application belongs to the next first patent issued on or after it; of several, the
/// earliest counts (the registry knows of no refusal, and a deadline met by a filed application
/// must not turn into a violation because a second one was filed). One filed after the last
/// patent's issue is pending (PAT-8) and becomes a patent fact without an issue date.
fn patents(p: &PersonProfile, home_region: Region) -> Vec<Patent> {
    let mut permits: Vec<_> = p.permits.iter().filter(|x| x.kind == P::Patent).collect();
    permits.sort_by_key(|x| (x.valid_from, x.id));
    let mut out: Vec<Patent> = permits
        .iter()
        .map(|permit| Patent {
            applied_on: None,
            issued_on: Some(permit.valid_from),
            region: region(permit.region.as_deref(), home_region),
            payments: p
                .payments
                .iter()
                .filter(|x| x.permit_id == permit.id)
                .map(|x| Payment { paid_on: x.paid_on, months: x.months, amount_rub: x.amount_rub })
                .collect(),
            reissue_applied_on: None,
            is_reissue: false,
            annulled_on: permit.ended.as_ref().and(permit.valid_until),
        })
        .collect();
    let mut applications: Vec<_> = p
        .notices
        .iter()
        .filter_map(|n| match n.kind {
            NoticeKind::PatentApplication { reissue_of } => Some((n.filed_on, reissue_of)),
            _ => None,
        })
        .collect();
    applications.sort();
    for &(filed, of) in &applications {
        let Some(of) = of else { continue };
        let Some(k) = permits.iter().position(|x| x.id == of) else { continue };
        out[k].reissue_applied_on = Some(out[k].reissue_applied_on.map_or(filed, |d| d.min(filed)));
        if let Some(next) = (0..out.len()).find(|&j| j != k && permits[j].valid_from >= filed && !out[j].is_reissue) {
            out[next].is_reissue = true;
            out[next].applied_on = Some(filed);
        }
    }
    let mut pending = None;
    for &(filed, of) in &applications {
        if of.is_some() {
            continue;
        }
        match (0..out.len()).find(|&j| !out[j].is_reissue && permits[j].valid_from >= filed) {
            Some(j) => {
                out[j].applied_on.get_or_insert(filed);
            }
            None => {
                pending.get_or_insert(filed);
            }
        }
    }
    if let Some(filed) = pending {
        out.push(Patent {
            applied_on: Some(filed),
            issued_on: None,
            region: home_region,
            payments: Vec::new(),
            reissue_applied_on: None,
            is_reissue: false,
            annulled_on: None,
        });
    }
    out
}

/// Builds the engine's facts from a profile. `home_region` is the region of this registry,
/// used where a permit does not name its region.
pub fn facts_from_profile(p: &PersonProfile, home_region: Region) -> Facts {
    let mut f = Facts::new(p.citizenship);
    f.birth_date = p.birth_date.exact().or(Some(p.birth_date.earliest()));
    f.crossings = p
        .crossings
        .iter()
        .map(|c| Crossing {
            date: c.on,
            direction: match c.direction {
                D::Entry => Direction::Entry,
                D::Exit => Direction::Exit,
            },
            purpose: match c.purpose {
                VisitPurpose::Work => Purpose::Work,
                VisitPurpose::Study => Purpose::Study,
                VisitPurpose::Private => Purpose::Private,
                VisitPurpose::Tourism => Purpose::Tourism,
                VisitPurpose::Business => Purpose::Business,
                VisitPurpose::Other => Purpose::Other,
            },
        })
        .collect();
    let filed = |pred: &dyn Fn(&NoticeKind) -> bool| -> Option<NaiveDate> {
        p.notices.iter().filter(|n| pred(&n.kind)).map(|n| n.filed_on).min()
    };
    f.registrations = p
        .stays
        .iter()
        .map(|s| Registration {
            arrived_on: s.from,
            filed_on: filed(&|k| matches!(k, NoticeKind::Arrival { stay_id } if *stay_id == s.id)),
            filed_by: if s.host == HostParty::Own { Filer::Foreigner } else { Filer::Host },
            valid_until: s.until,
            left_on: None,
        })
        .collect();
    for permit in &p.permits {
        let ended_on = permit.ended.as_ref().and(permit.valid_until);
        match permit.kind {
            P::Patent => {}
            P::WorkPermit => f.work_permits.push(WorkPermit {
                issued_on: permit.valid_from,
                valid_until: permit.valid_until.unwrap_or(permit.valid_from),
                region: region(permit.region.as_deref(), home_region),
            }),
            P::TemporaryResidence | P::Residence => f.residence_permits.push(ResidencePermit {
                kind: if permit.kind == P::Residence { PermitKind::Vnzh } else { PermitKind::Rvp },
                issued_on: permit.valid_from,
                valid_until: if ended_on.is_some() { None } else { permit.valid_until },
                region: region(permit.region.as_deref(), home_region),
                notices: p
                    .notices
                    .iter()
                    .filter_map(|n| match n.kind {
                        NoticeKind::ResidenceConfirmation { permit_id, in_person } if permit_id == permit.id => {
                            Some(AnnualNotice { filed_on: n.filed_on, in_person })
                        }
                        _ => None,
                    })
                    .collect(),
                annulled_on: ended_on,
            }),
            P::Student => f.studies.push(Study {
                institution_id: permit.org_id.map(|o| o.to_string()).unwrap_or_default(),
                enrolled_on: permit.valid_from,
                form: StudyForm::FullTime,
                planned_end: if ended_on.is_some() { None } else { permit.valid_until },
                ended_on,
                end_reason: ended_on.map(|_| {
                    let r = permit.ended.as_deref().unwrap_or("").to_lowercase();
                    if r.contains("complet") || r.contains("оконч") || r.contains("выпуск") {
                        StudyEndReason::Completed
                    } else {
                        StudyEndReason::Expelled
                    }
                }),
                end_notice_on: filed(&|k| matches!(k, NoticeKind::StudyEnd { permit_id } if *permit_id == permit.id)),
            }),
            P::Visa => {}
        }
    }
    f.patents = patents(p, home_region);
    f.employments = p
        .employments
        .iter()
        .map(|e| Employment {
            employer_id: e.employer_id.to_string(),
            hired_on: e.from,
            // An early end is a termination (EAEU-3 window); `until` alone is the planned end.
            contract_end: if e.ended_on.is_some() { None } else { e.until },
            fired_on: e.ended_on,
            hire_notice_on: filed(&|k| matches!(k, NoticeKind::Hire { employment_id } if *employment_id == e.id)),
            fire_notice_on: filed(
                &|k| matches!(k, NoticeKind::Termination { employment_id } if *employment_id == e.id),
            ),
            work_region: None,
        })
        .collect();
    let first = |kind: ServiceKind| p.results.iter().filter(|r| r.kind == kind).map(|r| r.on).min();
    f.biometrics = Biometrics {
        fingerprinted_on: first(ServiceKind::Fingerprinting),
        medical_exams: p.results.iter().filter(|r| r.kind == ServiceKind::Medical).map(|r| r.on).collect(),
        exam_passed_on: first(ServiceKind::Exam),
    };
    f.check_ins = p.check_ins.iter().map(|c| CheckIn { on: c.on, matched_address: c.matched_address }).collect();
    f.documents = p
        .documents
        .iter()
        .filter(|d| d.invalidated.is_none())
        .filter_map(|d| {
            let kind = if d.kind == DK::Passport { DocumentKind::Passport } else { DocumentKind::Other };
            d.expires_on.map(|expires_on| IdentityDocument { kind, expires_on })
        })
        .collect();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PATENT_A: &str = "0190a000-0000-7000-8000-00000000000a";
    const PATENT_B: &str = "0190a000-0000-7000-8000-00000000000b";

    fn profile(permits: serde_json::Value, notices: serde_json::Value) -> PersonProfile {
        serde_json::from_value(json!({
            "id": "0190a000-0000-7000-8000-000000000001", "version": 1, "names": [],
            "birth_date": "1990", "sex": "male", "citizenship": "UZB",
            "documents": [], "contacts": [], "stays": [], "employments": [],
            "permits": permits, "notices": notices,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
        }))
        .expect("a valid profile")
    }

    fn patent(id: &str, from: &str) -> serde_json::Value {
        json!({"id": id, "kind": "patent", "region": "16", "valid_from": from, "valid_until": "2026-12-31"})
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_first_application_dates_the_patent_it_led_to() {
        let p = profile(
            json!([patent(PATENT_A, "2025-02-20")]),
            json!([
                {"kind": "patent_application", "filed_on": "2025-01-25"},
                {"kind": "patent_application", "filed_on": "2025-01-10"}
            ]),
        );
        let f = facts_from_profile(&p, Region::TATARSTAN);
        assert_eq!(f.patents.len(), 1);
        assert_eq!(f.patents[0].applied_on, Some(d("2025-01-10")), "the earliest application counts");
        assert_eq!(f.patents[0].issued_on, Some(d("2025-02-20")));
    }

    #[test]
    fn an_application_after_the_last_patent_is_pending() {
        let p = profile(json!([]), json!([{"kind": "patent_application", "filed_on": "2025-03-03"}]));
        let f = facts_from_profile(&p, Region::TATARSTAN);
        assert_eq!(f.patents.len(), 1);
        assert_eq!((f.patents[0].applied_on, f.patents[0].issued_on), (Some(d("2025-03-03")), None));
    }

    #[test]
    fn a_reissue_application_links_the_old_and_the_new_patent() {
        let p = profile(
            json!([patent(PATENT_B, "2026-02-01"), patent(PATENT_A, "2025-02-20")]),
            json!([
                {"kind": "patent_application", "filed_on": "2025-01-10"},
                {"kind": "patent_application", "filed_on": "2026-01-20", "reissue_of": PATENT_A}
            ]),
        );
        let f = facts_from_profile(&p, Region::TATARSTAN);
        assert_eq!(f.patents.len(), 2, "no pending application is left over");
        let (old, new) = (&f.patents[0], &f.patents[1]);
        assert_eq!(old.issued_on, Some(d("2025-02-20")));
        assert_eq!(old.applied_on, Some(d("2025-01-10")));
        assert_eq!(old.reissue_applied_on, Some(d("2026-01-20")));
        assert!(!old.is_reissue);
        assert!(new.is_reissue);
        assert_eq!(new.applied_on, Some(d("2026-01-20")));
    }
}
