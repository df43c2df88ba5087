//! `rosmigration reminders run`: the daily reminder run (see `store::reminders`).

use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use store::reminders::{ReminderOptions, ReminderReport};

use crate::cli::RemindersCommand;
use crate::config::Settings;

/// Runs a reminders subcommand.
pub async fn run(settings: &Settings, c: RemindersCommand) -> anyhow::Result<ExitCode> {
    let RemindersCommand::Run { on, page, quiet } = c;
    let store = settings.open_store().await?;
    let notify = super::notify::config(settings)?;
    let now = chrono::Utc::now();
    let on = on.unwrap_or_else(|| now.with_timezone(&notify.quiet.tz).date_naive());
    let mut o = ReminderOptions::new(on, now, notify.quiet);
    o.page = page.clamp(1, 10_000);
    let started = Instant::now();
    let report = run_with_bar(&store, &o, quiet).await?;
    let secs = started.elapsed().as_secs_f64();
    store.db.close().await;
    println!("{}", summary(on, &report, secs));
    Ok(ExitCode::SUCCESS)
}

/// Runs the job with a progress bar (none when `quiet`).
pub async fn run_with_bar(store: &store::Store, o: &ReminderOptions, quiet: bool) -> anyhow::Result<ReminderReport> {
    let bar = if quiet { ProgressBar::hidden() } else { ProgressBar::new(0) };
    bar.set_style(
        ProgressStyle::with_template("{spinner} reminders {pos}/{len} [{bar:30}] {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let report = store
        .run_reminders(o, |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    Ok(report)
}

/// One line for the operator.
pub fn summary(on: chrono::NaiveDate, r: &ReminderReport, secs: f64) -> String {
    let by: Vec<String> = r.by_template.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "reminders for {on}: {} candidates opened, {} persons reminded, {} reminders ({}), {} messages queued, {} already queued; {secs:.1} s",
        r.candidates,
        r.persons_reminded,
        r.reminders,
        if by.is_empty() { "none".to_string() } else { by.join(", ") },
        r.queued,
        r.already_queued
    )
}

/// `rosmigration bench reminders`: loads a demo region of `persons` if the database is empty,
/// then times one reminder run for today (a second run is timed too: it finds everything
/// already queued, the daily steady state of re-runs).
pub async fn bench(settings: &Settings, persons: usize, seed: u64) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    if store.count_persons().await? == 0 {
        let started = Instant::now();
        super::demo::load(&store, seed, persons, 2000).await?;
        println!("demo region of {persons} persons loaded in {:.1} s", started.elapsed().as_secs_f64());
    }
    let total = store.count_persons().await?;
    let notify = super::notify::config(settings)?;
    let now = chrono::Utc::now();
    let on = now.with_timezone(&notify.quiet.tz).date_naive();
    let o = ReminderOptions::new(on, now, notify.quiet);
    for label in ["first run", "second run"] {
        let started = Instant::now();
        let report = run_with_bar(&store, &o, true).await?;
        let secs = started.elapsed().as_secs_f64();
        println!("{label}, {total} persons: {}", summary(on, &report, secs));
    }
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}
