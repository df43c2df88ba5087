//! `rosmigration linkage-set`: a linkage evaluation set drawn from the demo region.
//!
//! Writes the demo's persons as several agencies would report them, with hard negatives and the
//! truth in a `true_id` column (see `demo::linkage_set`). `bench/linkage/run_eval.py --dataset
//! demo-region` uses it to score `rosmigration link` and Splink side by side.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use anyhow::Context;
use demo::linkage_set::{SetConfig, columns, linkage_set};
use demo::{DemoConfig, Region};

use crate::cli::LinkageSetArgs;

/// Runs `rosmigration linkage-set`.
pub fn run(a: LinkageSetArgs) -> anyhow::Result<ExitCode> {
    let today = a.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let cfg = DemoConfig::new(a.seed, 0, today);
    let region = Region::generate_orgs(&cfg);
    let rows = linkage_set(&cfg, &region, &SetConfig::new(a.records));
    let file = File::create(&a.output).with_context(|| format!("creating {}", a.output.display()))?;
    let mut out = csv::Writer::from_writer(BufWriter::new(file));
    out.write_record(columns())?;
    for r in &rows {
        out.write_record(r)?;
    }
    out.flush().with_context(|| format!("writing {}", a.output.display()))?;
    let persons: std::collections::HashSet<&str> = rows.iter().map(|r| r[11].as_str()).collect();
    eprintln!("{} records of {} persons written to {}", rows.len(), persons.len(), a.output.display());
    Ok(ExitCode::SUCCESS)
}
