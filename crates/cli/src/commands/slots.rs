//! `rosmigration slots open`: the daily job that opens every service point's slots for the next
//! N days from its schedule. Idempotent: slots that exist are left as they are (with their
//! bookings), so running it every day only adds the new last day.

use std::process::ExitCode;

use crate::cli::SlotsCommand;
use crate::config::Settings;

/// Runs a slots subcommand.
pub async fn run(settings: &Settings, c: SlotsCommand) -> anyhow::Result<ExitCode> {
    match c {
        SlotsCommand::Open { days, point } => {
            let store = settings.open_store().await?;
            let today = store::booking::local_day(chrono::Utc::now());
            let added = store.open_slots(point, today, days).await?;
            println!("{added} slots opened for {days} days from {today}");
            store.db.close().await;
            Ok(ExitCode::SUCCESS)
        }
    }
}
