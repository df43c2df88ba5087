//! `rosmigration audit verify`.

use std::process::ExitCode;

use crate::cli::AuditCommand;
use crate::config::Settings;

/// Verifies the chain and prints the head hash to anchor elsewhere. Exit code 1 on tampering.
pub async fn run(settings: &Settings, c: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify = c;
    let store = settings.open_store().await?;
    let r = store.verify_audit().await?;
    store.db.close().await;
    println!("entries checked: {}", r.entries);
    println!("head: position {} hash {}", r.head_position, r.head_hash);
    if r.ok() {
        println!("audit log intact");
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &r.problems {
            println!("PROBLEM: {p}");
        }
        println!("audit log TAMPERED: {} problem(s)", r.problems.len());
        Ok(ExitCode::from(1))
    }
}
