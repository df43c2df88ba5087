//! Determinism, distributions and uniqueness of the generated population.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use domain::event::{Change, SourceAgency};
use domain::names::NameForm;
use domain::person::{HostParty, PermitKind, Sex};
use rosmigration_demo::{DemoConfig, DemoPerson, Region, person, persons};
use uuid::Uuid;

fn cfg(seed: u64, n: usize) -> DemoConfig {
    DemoConfig::new(seed, n, NaiveDate::from_ymd_opt(2026, 3, 14).unwrap())
}

fn citizenship(p: &DemoPerson) -> String {
    match &p.events[0].changes[0] {
        Change::Registered { citizenship, .. } => citizenship.as_str().to_owned(),
        other => panic!("first change is {other:?}"),
    }
}

/// Every id a history mints: the person's and those of its documents, contacts, stays, jobs and
/// permits.
fn ids(p: &DemoPerson) -> impl Iterator<Item = Uuid> + '_ {
    std::iter::once(p.id).chain(p.events.iter().flat_map(|e| e.changes.iter()).filter_map(|c| match c {
        Change::DocumentAdded(d) => Some(d.id),
        Change::ContactAdded(c) => Some(c.id),
        Change::StayRegistered(s) => Some(s.id),
        Change::EmploymentStarted(e) => Some(e.id),
        Change::PermitGranted(p) => Some(p.id),
        _ => None,
    }))
}

#[test]
fn same_seed_same_region_and_persons() {
    let a = cfg(2024, 300);
    let ra = Region::generate_orgs(&a);
    let rb = Region::generate_orgs(&a);
    assert_eq!(ra, rb);
    let streamed: Vec<DemoPerson> = persons(&a, &ra).collect();
    assert_eq!(streamed.len(), 300);
    for (i, p) in streamed.iter().enumerate().rev() {
        assert_eq!(*p, person(&a, &rb, i), "person #{i} differs between a stream and a single call");
    }
    // Out of order and from another thread: the same.
    let remote = std::thread::spawn(move || {
        let r = Region::generate_orgs(&a);
        person(&a, &r, 123)
    })
    .join()
    .unwrap();
    assert_eq!(remote, streamed[123]);
    // A longer run does not change the first persons.
    let longer = cfg(2024, 1000);
    assert_eq!(person(&longer, &ra, 5), streamed[5]);
}

#[test]
fn different_seed_different_output() {
    let a = cfg(1, 50);
    let b = cfg(2, 50);
    let (ra, rb) = (Region::generate_orgs(&a), Region::generate_orgs(&b));
    assert_ne!(ra.orgs[0].id, rb.orgs[0].id);
    assert_ne!(ra.orgs[0].inn, rb.orgs[0].inn);
    assert_eq!(ra.orgs[0].name, rb.orgs[0].name, "the region's make-up does not depend on the seed");
    let same = (0..50).filter(|&i| person(&a, &ra, i).events == person(&b, &rb, i).events).count();
    assert_eq!(same, 0);
    let names_a: HashSet<String> = persons(&a, &ra).map(|p| format!("{:?}", p.events[0].changes[0])).collect();
    let names_b: HashSet<String> = persons(&b, &rb).map(|p| format!("{:?}", p.events[0].changes[0])).collect();
    assert!(names_a.intersection(&names_b).count() < 3);
}

#[test]
fn shares_look_like_russian_labour_migration() {
    let c = cfg(99, 10_000);
    let region = Region::generate_orgs(&c);
    let n = c.persons as f64;
    let mut by_country: HashMap<String, usize> = HashMap::new();
    let (mut male, mut students, mut patents, mut partial, mut anchor_jobs, mut jobs) = (0, 0, 0, 0, 0, 0);
    let (mut rvp, mut vnzh, mut eaeu_patents, mut ad_hoc, mut events, mut in_range) = (0, 0, 0, 0, 0usize, 0);
    let mut sources: HashMap<SourceAgency, usize> = HashMap::new();
    let mut hosts = [0usize; 3];
    let mut ages = [0usize; 3];
    let anchors: HashSet<Uuid> = region.employers().iter().filter(|o| o.anchor).map(|o| o.id).collect();
    for p in persons(&c, &region) {
        let code = citizenship(&p);
        *by_country.entry(code.clone()).or_default() += 1;
        let Change::Registered { sex, birth_date, .. } = &p.events[0].changes[0] else { unreachable!() };
        male += usize::from(*sex == Sex::Male);
        partial += usize::from(birth_date.day().is_none());
        let age = 2026 - birth_date.year();
        ages[if age < 20 {
            0
        } else if age <= 40 {
            1
        } else {
            2
        }] += 1;
        events += p.events.len();
        in_range += usize::from((4..=12).contains(&p.events.len()));
        let mut latin = 0;
        for e in &p.events {
            *sources.entry(e.source).or_default() += 1;
            for ch in &e.changes {
                match ch {
                    Change::PermitGranted(pm) => match pm.kind {
                        PermitKind::Student => students += 1,
                        PermitKind::Patent => {
                            patents += 1;
                            if matches!(code.as_str(), "KGZ" | "KAZ" | "ARM" | "BLR") {
                                eaeu_patents += 1;
                            }
                        }
                        PermitKind::TemporaryResidence => rvp += 1,
                        PermitKind::Residence => vnzh += 1,
                        _ => {}
                    },
                    Change::EmploymentStarted(e) => {
                        jobs += 1;
                        anchor_jobs += usize::from(anchors.contains(&e.employer_id));
                    }
                    Change::StayRegistered(s) => {
                        hosts[match s.host {
                            HostParty::Organisation { .. } => 0,
                            HostParty::Individual { .. } => 1,
                            HostParty::Own => 2,
                        }] += 1;
                    }
                    Change::NameAdded(nm) | Change::Registered { name: nm, .. } if nm.form == NameForm::Latin => {
                        latin += 1
                    }
                    _ => {}
                }
            }
        }
        ad_hoc += usize::from(
            latin > 1
                || p.events.iter().any(|e| {
                    e.source != SourceAgency::Mvd && e.changes.iter().any(|c| matches!(c, Change::NameAdded(_)))
                }),
        );
    }
    let share = |k: &str| by_country.get(k).copied().unwrap_or(0) as f64 / n;
    eprintln!("citizenship {by_country:?}");
    eprintln!(
        "male {male} students {students} patents {patents} rvp {rvp} vnzh {vnzh} partial {partial} jobs {jobs} anchor {anchor_jobs} \
         ad-hoc {ad_hoc} events/person {:.2} in 4..=12 {in_range} ages {ages:?} hosts {hosts:?} sources {sources:?}",
        events as f64 / n
    );
    for (k, want, tol) in [
        ("UZB", 0.45, 0.025),
        ("TJK", 0.25, 0.02),
        ("KGZ", 0.12, 0.015),
        ("KAZ", 0.05, 0.01),
        ("ARM", 0.05, 0.01),
        ("AZE", 0.05, 0.01),
    ] {
        assert!((share(k) - want).abs() < tol, "{k}: {:.3}", share(k));
    }
    let others = 1.0 - ["UZB", "TJK", "KGZ", "KAZ", "ARM", "AZE"].iter().map(|k| share(k)).sum::<f64>();
    assert!((0.01..0.06).contains(&others), "others {others:.3}");
    let male = male as f64 / n;
    assert!((0.72..0.85).contains(&male), "male share {male:.3}");
    let students = students as f64 / n;
    assert!((0.06..0.10).contains(&students), "students {students:.3}");
    assert!(patents as f64 / n > 0.55, "patents {patents}");
    assert_eq!(eaeu_patents, 0, "EAEU citizens do not need patents");
    assert!(rvp > 20 && vnzh > 20, "rvp {rvp} vnzh {vnzh}");
    let partial = partial as f64 / n;
    assert!((0.004..0.02).contains(&partial), "partial birth dates {partial:.4}");
    assert!(ages[1] as f64 / n > 0.55, "ages {ages:?}");
    let anchor_share = anchor_jobs as f64 / jobs as f64;
    assert!((0.3..0.6).contains(&anchor_share), "anchor share {anchor_share:.3}");
    let mean = events as f64 / n;
    // Legal facts (crossings, payments, notices, results) ride along in the same messages where
    // an agency would send them together, so a history stays short.
    assert!((4.0..=9.0).contains(&mean), "events per person {mean:.2}");
    assert!(in_range as f64 / n > 0.8, "only {in_range} persons have 4 to 12 events");
    assert!(hosts.iter().all(|&h| h > 500), "hosts {hosts:?}");
    assert!((0.08..0.2).contains(&(ad_hoc as f64 / n)), "ad-hoc variants {ad_hoc}");
    for s in
        [SourceAgency::Mvd, SourceAgency::Employer, SourceAgency::University, SourceAgency::Fns, SourceAgency::Migrant]
    {
        assert!(sources.get(&s).copied().unwrap_or(0) > 50, "{s:?}: {sources:?}");
    }
}

#[test]
fn no_duplicate_ids_among_100_000_persons() {
    let c = cfg(5, 100_000);
    let region = Region::generate_orgs(&c);
    let mut seen: HashSet<Uuid> = HashSet::with_capacity(1_200_000);
    seen.extend(region.orgs.iter().map(|o| o.id));
    let mut total = seen.len();
    for p in persons(&c, &region) {
        for id in ids(&p) {
            assert_eq!(id.get_version_num(), 7);
            assert!(seen.insert(id), "duplicate id {id}");
            total += 1;
        }
    }
    assert!(total > 700_000, "{total}");
}
