//! `rosmigration relink`: the full batch re-link of the region (see `store::relink`).

use std::process::ExitCode;
use std::time::Instant;

use linkage::link::{NoProgress, Options};

use crate::cli::RelinkArgs;
use crate::config::Settings;

/// Runs `rosmigration relink`.
pub async fn run(settings: &Settings, a: RelinkArgs) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let started = Instant::now();
    let mut options = Options::new(store::status::today());
    options.seed = a.seed;
    if let Some(t) = a.threads {
        options.threads = t.max(1);
    }
    eprintln!("re-linking the region: reading every person's linkage rows, then the batch linker");
    let report = store.relink(&options, 5_000, &NoProgress).await?;
    store.db.close().await;
    if !report.summary.is_empty() {
        eprintln!("{}", report.summary);
    }
    println!(
        "{} persons ({} linkage rows) re-linked in {:.1} s; the region's model is stored and used from now on; {} clusters hold more than one person: {} merge proposals for officers, {} pairs left out (their merge was undone)",
        report.persons,
        report.rows,
        started.elapsed().as_secs_f64(),
        report.multi_person_clusters,
        report.proposals,
        report.skipped_unmerged
    );
    Ok(ExitCode::SUCCESS)
}
