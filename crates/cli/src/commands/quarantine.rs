//! `rosmigration quarantine`: rows that could not be imported.

use std::process::ExitCode;

use anyhow::{Context, bail};
use intake::reader::{Position, RawRow};
use store::intake::{QuarantineFilter, ReplayOutcome};

use super::import::{cli_entry, load_mapping, parse_source};
use crate::cli::QuarantineCommand;
use crate::config::Settings;

/// Runs a quarantine subcommand.
pub async fn run(settings: &Settings, c: QuarantineCommand) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let code = match c {
        QuarantineCommand::List { source, state, limit } => {
            let source = source.as_deref().map(parse_source).transpose()?;
            let f = QuarantineFilter { source, state: Some(state), batch_id: None };
            let page = store.quarantine_list(&f, None, limit, cli_entry("intake.quarantine.list")).await?;
            for i in &page.items {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i.id,
                    i.source,
                    i.state,
                    i.position,
                    i.record_id.as_deref().unwrap_or("-"),
                    i.code,
                    i.reason
                );
            }
            if page.items.is_empty() {
                eprintln!("no quarantined rows");
            }
            ExitCode::SUCCESS
        }
        QuarantineCommand::Show { id } => {
            let d = store.quarantine_show(id, cli_entry("intake.quarantine.show")).await?;
            println!(
                "id:        {}\nsource:    {}\nbatch:     {}\nmapping:   {}\nposition:  {}\nrecord id: {}\nstate:     {}\nreason:    {} ({})",
                d.item.id,
                d.item.source,
                d.item.batch_id,
                d.item.mapping,
                d.item.position,
                d.item.record_id.as_deref().unwrap_or("-"),
                d.item.state,
                d.item.reason,
                d.item.code
            );
            if let Some(r) = &d.item.resolution {
                println!("resolution: {r}");
            }
            println!("row:");
            for (k, v) in &d.raw {
                println!("  {k} = {v}");
            }
            ExitCode::SUCCESS
        }
        QuarantineCommand::Replay { id, set, mapping } => {
            let mut corrections = Vec::new();
            for s in &set {
                let (k, v) = s.split_once('=').with_context(|| format!("--set {s:?}: write COLUMN=VALUE"))?;
                corrections.push((k.trim().to_string(), v.to_string()));
            }
            let item = store.quarantine_show(id, cli_entry("intake.quarantine.show")).await?.item;
            let source = parse_source(&item.source)?;
            let m = load_mapping(source, Some(mapping.as_deref().unwrap_or(&item.mapping)))?;
            let today = store::status::today();
            let out = store
                .quarantine_replay(
                    id,
                    &corrections,
                    |_, raw| intake::Mapper::new(&m, today).map(&RawRow::from_pairs(Position::default(), raw.to_vec())),
                    cli_entry("intake.quarantine.replay"),
                )
                .await?;
            match out {
                ReplayOutcome::Staged { record_id } => {
                    println!("staged record {record_id}");
                    ExitCode::SUCCESS
                }
                ReplayOutcome::StillQuarantined { error } => {
                    eprintln!("still quarantined: {} ({})", error.message, error.code);
                    ExitCode::from(2)
                }
            }
        }
        QuarantineCommand::Discard { id, reason } => {
            if reason.trim().is_empty() {
                bail!("--reason must say why the row is discarded");
            }
            store.quarantine_discard(id, &reason, cli_entry("intake.quarantine.discard")).await?;
            println!("discarded {id}");
            ExitCode::SUCCESS
        }
    };
    store.db.close().await;
    Ok(code)
}
