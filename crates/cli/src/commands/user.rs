//! `rosmigration user create | list | disable`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, bail};
use domain::access::Role;
use server::api::accounts::{NewAccountRequest, validate_new_account};
use store::AuditEntry;

use crate::cli::UserCommand;
use crate::config::Settings;

fn cli_entry(action: &str) -> AuditEntry {
    let mut e = AuditEntry::new(action);
    e.purpose = "account administration from the command line".into();
    e.detail = format!("os user {}", std::env::var("USER").unwrap_or_default());
    e
}

/// Runs a user subcommand.
pub async fn run(settings: &Settings, c: UserCommand) -> anyhow::Result<ExitCode> {
    let store = settings.open_store().await?;
    let out = match c {
        UserCommand::Create { username, name, role, org, person } => {
            let role = Role::from_code(&role)
                .with_context(|| format!("unknown role {role:?}: one of {}", Role::ALL.map(|r| r.code()).join(", ")))?;
            let password = match std::env::var("ROSMIGRATION_NEW_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("password (at least 10 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let req =
                NewAccountRequest { username, display_name: name, role, org_id: org, person_id: person, password };
            let new = match validate_new_account(&store, &req).await {
                Ok(n) => n,
                Err(server::error::ApiError::Invalid(v)) => bail!("{v}"),
                Err(e) => bail!("{e}"),
            };
            let a = store.create_account(&new, cli_entry("account.create")).await?;
            println!("created {} ({}) id {}", a.username, a.role.code(), a.id);
            ExitCode::SUCCESS
        }
        UserCommand::List => {
            let mut after: Option<String> = None;
            println!("{:<24} {:<20} {:<9} NAME", "USERNAME", "ROLE", "STATE");
            loop {
                let page = store.list_accounts(after.as_deref(), 200).await?;
                for a in &page.items {
                    println!(
                        "{:<24} {:<20} {:<9} {}",
                        a.username,
                        a.role.code(),
                        if a.disabled { "disabled" } else { "active" },
                        a.display_name
                    );
                }
                match page.next_cursor {
                    Some(c) => after = Some(c),
                    None => break,
                }
            }
            ExitCode::SUCCESS
        }
        UserCommand::Disable { username } => {
            let Some((a, _)) = store.account_for_login(&username).await? else {
                bail!("no account named {username:?}");
            };
            store.disable_account(a.id, cli_entry("account.disable")).await?;
            println!("disabled {username}");
            ExitCode::SUCCESS
        }
    };
    store.db.close().await;
    Ok(out)
}
