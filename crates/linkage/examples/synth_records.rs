//! Writes a synthetic CSV of person records with known duplicates, in the registry export's
//! columns, for timing `rosmigration link` and measuring its accuracy.
//!
//! `cargo run --release -p rosmigration-linkage --example synth_records -- RECORDS OUT.csv [TRUTH.csv] [SEED]`
//! writes about RECORDS records (persons × 1.7) to OUT.csv and, when asked, `record_id,person`
//! to TRUTH.csv.

use std::io::{BufWriter, Write};

#[path = "../tests/common/synth.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(records) = args.get(1).and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: synth_records RECORDS OUT.csv [TRUTH.csv] [SEED]");
        std::process::exit(2);
    };
    let out = args.get(2).map_or("records.csv", String::as_str);
    let seed = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(2026);
    let persons = (records as f64 / 1.7).ceil() as usize;
    let mut recs = synth::records(persons, seed);
    recs.truncate(records);
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?);
    writeln!(w, "{}", synth::header().join(","))?;
    for r in &recs {
        write!(w, "{}", r.id)?;
        for f in &r.fields {
            write!(w, ",{}", synth::csv_field(f))?;
        }
        writeln!(w)?;
    }
    w.flush()?;
    if let Some(truth) = args.get(3) {
        let mut w = BufWriter::new(std::fs::File::create(truth)?);
        writeln!(w, "record_id,person")?;
        for r in &recs {
            writeln!(w, "{},{}", r.id, r.person)?;
        }
        w.flush()?;
    }
    eprintln!("wrote {} records of {} persons to {out}", recs.len(), recs.last().map_or(0, |r| r.person + 1));
    Ok(())
}
