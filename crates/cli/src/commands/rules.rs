//! `rosmigration rules run`: the daily recomputation of legal status.

use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::RulesCommand;
use crate::config::Settings;

/// Runs a rules subcommand.
pub async fn run(settings: &Settings, c: RulesCommand) -> anyhow::Result<ExitCode> {
    let RulesCommand::Run { on, page } = c;
    let store = settings.open_store().await?;
    let on = on.unwrap_or_else(store::status::today);
    let total = store.count_persons().await?;
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} status {pos}/{len} [{bar:30}] {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let report = store.recompute_statuses(on, page.clamp(1, 20_000), |n| bar.set_position(n)).await?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    store.db.close().await;
    println!(
        "status as of {on}: {} persons evaluated in {secs:.1} s ({:.0}/s); {} evaluations updated, {} status changes recorded, {} skipped (changed meanwhile)",
        report.persons,
        report.persons as f64 / secs.max(1e-9),
        report.updated,
        report.status_changed,
        report.skipped
    );
    Ok(ExitCode::SUCCESS)
}
