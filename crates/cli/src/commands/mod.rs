//! One module per subcommand.

mod audit;
mod bench;
mod bench_booking;
mod bench_search;
pub mod demo;
mod import;
mod link;
mod linkage_set;
mod notify;
mod quarantine;
mod relink;
mod reminders;
mod resolve;
mod rules;
mod serve;
mod slots;
mod user;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::config::Settings;

/// Runs the chosen subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(&cli.global)?;
    match cli.command {
        Command::Serve(a) => serve::run(&settings, a).await,
        Command::Demo(a) => demo::run(&settings, a).await,
        Command::Migrate => {
            let store = settings.open_store().await?;
            println!("migrations applied to {}", store::db::redact(&settings.database_url));
            store.db.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::User(c) => user::run(&settings, c).await,
        Command::Audit(c) => audit::run(&settings, c).await,
        Command::Rules(c) => rules::run(&settings, c).await,
        Command::Resolve(a) => resolve::run(&settings, a).await,
        Command::Relink(a) => relink::run(&settings, a).await,
        Command::Slots(c) => slots::run(&settings, c).await,
        Command::Bench(c) => bench::run(&settings, c).await,
        Command::Reminders(c) => reminders::run(&settings, c).await,
        Command::Notify(c) => notify::run(&settings, c).await,
        Command::Link(a) => link::run(a),
        Command::LinkageSet(a) => linkage_set::run(a),
        Command::Import(a) => import::run(&settings, a).await,
        Command::Quarantine(c) => quarantine::run(&settings, c).await,
    }
}
