//! Prints a few generated persons as readable histories, to eyeball the demo data.
//!
//! `cargo run -p rosmigration-demo --example sample -- [count] [seed] [first]`

use domain::event::Change;
use rosmigration_demo::{DemoConfig, Region, person};

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let first: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let today = chrono::Utc::now().date_naive();
    let cfg = DemoConfig::new(seed, first + count, today);
    let region = Region::generate_orgs(&cfg);
    let org_name = |id: &uuid::Uuid| region.orgs.iter().find(|o| o.id == *id).map_or("?", |o| o.name.as_str());
    for i in first..first + count {
        let p = person(&cfg, &region, i);
        println!("── person #{i} {}", p.id);
        for e in &p.events {
            println!(
                "  {} {:<10} {}",
                e.at.format("%Y-%m-%d %H:%M"),
                e.source.code(),
                e.source_record.as_deref().unwrap_or("")
            );
            for c in &e.changes {
                let line = match c {
                    Change::Registered { name, birth_date, sex, citizenship } => {
                        format!("registered {} | {birth_date} {} {citizenship}", name.full(), sex.code())
                    }
                    Change::NameAdded(n) => format!("name {:?}: {}", n.form, n.full()),
                    Change::DocumentAdded(d) => {
                        format!("document {:?} {} {} {:?}–{:?}", d.kind, d.issuer, d.number, d.issued_on, d.expires_on)
                    }
                    Change::DocumentInvalidated { reason, .. } => format!("document invalidated: {reason}"),
                    Change::ContactAdded(c) => format!("contact {:?}", c.value),
                    Change::ContactRemoved { .. } => "contact removed".into(),
                    Change::StayRegistered(s) => format!(
                        "stay {} ({}) {}–{:?} host {:?} [{:?},{:?}]",
                        s.address.line(),
                        s.address.district.as_deref().unwrap_or(""),
                        s.from,
                        s.until,
                        match &s.host {
                            domain::person::HostParty::Organisation { org_id } => org_name(org_id).to_owned(),
                            h => format!("{h:?}"),
                        },
                        s.address.lat,
                        s.address.lon
                    ),
                    Change::StayEnded { on, .. } => format!("stay ended {on}"),
                    Change::EmploymentStarted(e) => {
                        format!("hired by {} as {} {}–{:?}", org_name(&e.employer_id), e.position, e.from, e.until)
                    }
                    Change::EmploymentEnded { on, .. } => format!("employment ended {on}"),
                    Change::PermitGranted(p) => format!(
                        "permit {:?} {:?} region {:?} {}–{:?} {}",
                        p.kind,
                        p.number,
                        p.region,
                        p.valid_from,
                        p.valid_until,
                        p.org_id.as_ref().map_or("", org_name)
                    ),
                    Change::PermitEnded { on, reason, .. } => format!("permit ended {on}: {reason}"),
                    Change::CoreCorrected { birth_date, reason, .. } => {
                        format!("core corrected {birth_date}: {reason}")
                    }
                    other => format!("{other:?}"),
                };
                println!("      {line}");
            }
        }
    }
}
