//! The `rosmigration` binary: reads configuration, sets up logging, runs a subcommand.

mod cli;
mod commands;
mod config;

use clap::Parser;

/// mimalloc instead of the system allocator: the registry allocates many small strings and
/// buffers across threads, where glibc malloc spends much of its time in locks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    config::init_tracing(cli.global.log_json);
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
