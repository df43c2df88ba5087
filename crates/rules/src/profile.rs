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
            P::Patent => f.patents.push(Patent {
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
                annulled_on: ended_on,
            }),
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
