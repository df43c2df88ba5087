//! Command-line interface. Every option can also come from the environment
//! (`ROSMIGRATION_*`) or from the TOML file given with `--config`; flags win over the
//! environment, which wins over the file, which wins over the defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Registry of foreign nationals and virtual migration centre.
#[derive(Debug, Parser)]
#[command(name = "rosmigration", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Options shared by all commands.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by all commands.
#[derive(Debug, Args)]
pub struct Global {
    /// TOML configuration file (see docs/CONFIGURATION.md).
    #[arg(long, global = true, env = "ROSMIGRATION_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://PATH (default sqlite://data/rosmigration.db) or postgres://...
    #[arg(long, global = true, env = "ROSMIGRATION_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Data key for encryption at rest: 32 bytes, base64. Required in production.
    #[arg(long, global = true, env = "ROSMIGRATION_DATA_KEY", hide_env_values = true)]
    pub data_key: Option<String>,
    /// Production mode: refuse to start without a configured data key, secure cookies.
    #[arg(long, global = true, env = "ROSMIGRATION_PRODUCTION")]
    pub production: bool,
    /// Log as JSON lines instead of human-readable text.
    #[arg(long, global = true, env = "ROSMIGRATION_LOG_JSON")]
    pub log_json: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server and API.
    Serve(ServeArgs),
    /// Generate a synthetic demo region into the database.
    Demo(DemoArgs),
    /// Apply database migrations.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Audit log tools.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Legal status engine.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Measure performance (see docs/BENCHMARKS.md).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Daily reminders (deadlines in 7, 3 and 1 days, bookings tomorrow, patent payments).
    #[command(subcommand)]
    Reminders(RemindersCommand),
    /// The notifications outbox: counts per state, one delivery pass.
    #[command(subcommand)]
    Notify(NotifyCommand),
    /// Deduplicate a CSV of person records into persons (Fellegi–Sunter record linkage), standalone.
    Link(LinkArgs),
    /// Write a linkage evaluation set drawn from the demo region, with the truth (docs/LINKAGE.md).
    LinkageSet(LinkageSetArgs),
    /// Import agency files (CSV, JSON Lines, XML envelope): stage every row, then link the records to the registry.
    Import(ImportArgs),
    /// Rows that could not be imported: list, show, correct and replay, discard.
    #[command(subcommand)]
    Quarantine(QuarantineCommand),
    /// Link staged agency records to the registry: apply, register or send to review.
    Resolve(ResolveArgs),
    /// Service-point slots: open them ahead from each point's schedule (the daily job).
    #[command(subcommand)]
    Slots(SlotsCommand),
    /// Re-link the whole region in one batch: fit the region's own linkage model and propose
    /// merges of existing persons the batch run finds to be one (never merges by itself).
    Relink(RelinkArgs),
}

/// `linkage-set` options.
#[derive(Debug, Args)]
pub struct LinkageSetArgs {
    /// Records to write.
    #[arg(long, default_value_t = 20_000)]
    pub records: usize,
    /// Seed of the demo region and of the reporting noise.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// The demo's "today" (YYYY-MM-DD; default: the current day). Fix it to reproduce a set.
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
    /// CSV to write: the linker's default columns plus `true_id`.
    #[arg(long)]
    pub output: PathBuf,
}

/// `import` options.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The agency: mvd, fns, medical, exam, employer, university, adaptation.
    #[arg(long)]
    pub source: String,
    /// A shipped mapping's name (e.g. mvd-crossings) or a mapping TOML file; default: the
    /// source's only shipped mapping.
    #[arg(long)]
    pub mapping: Option<String>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Only stage the rows; link them later with `rosmigration resolve` (by default the import
    /// links every pending record to the registry after staging).
    #[arg(long)]
    pub no_link: bool,
    /// The files, imported one after another.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// `quarantine` subcommands.
#[derive(Debug, Subcommand)]
pub enum QuarantineCommand {
    /// List quarantined rows (newest first).
    List {
        /// Only this agency.
        #[arg(long)]
        source: Option<String>,
        /// Only this state: open, replayed, discarded (default open).
        #[arg(long, default_value = "open")]
        state: String,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Show one row as it was sent, with the reason.
    Show {
        /// Quarantine id.
        id: uuid::Uuid,
    },
    /// Correct column values and replay the row through its mapping.
    Replay {
        /// Quarantine id.
        id: uuid::Uuid,
        /// A corrected value, COLUMN=VALUE (repeatable).
        #[arg(long = "set", value_name = "COLUMN=VALUE")]
        set: Vec<String>,
        /// Re-map with this mapping (name or file) instead of the row's own.
        #[arg(long)]
        mapping: Option<String>,
    },
    /// Discard a row, with the reason.
    Discard {
        /// Quarantine id.
        id: uuid::Uuid,
        /// Why.
        #[arg(long)]
        reason: String,
    },
}

/// `relink` options.
#[derive(Debug, Args)]
pub struct RelinkArgs {
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Seed of the random pair sample.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `resolve` options.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Records per batch (progress is reported after each).
    #[arg(long, default_value_t = 500)]
    pub batch: i64,
    /// Stop after this many records (default: all pending).
    #[arg(long)]
    pub limit: Option<u64>,
    /// First rebuild the blocking index (link_keys) of every person: for databases created
    /// before it existed.
    #[arg(long)]
    pub backfill_keys: bool,
}

/// `link` options.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// CSV of person records with a header line.
    #[arg(long)]
    pub input: PathBuf,
    /// TOML mapping: columns, compare types, blocking rules, thresholds. Default: the registry
    /// export's columns record_id, surname, given_name, patronymic, date_of_birth, sex,
    /// citizenship, document_number, phone, address, postcode (absent ones are skipped).
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// Output CSV: record_id,cluster_id for every input row (cluster_id = the id of the
    /// cluster's first record in input order).
    #[arg(long)]
    pub output: PathBuf,
    /// CSV of labelled pairs (record_id_l,record_id_r,is_match) to calibrate m and to report
    /// precision and recall.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// Also write the pairs for review: record_id_l,record_id_r,probability,match_weight,reason.
    #[arg(long)]
    pub review: Option<PathBuf>,
    /// Also write the fitted model as a snapshot (JSON) that scores single records later: the
    /// registry's default, `assets/linkage/model.json`, is made this way (docs/LINKAGE.md).
    #[arg(long, value_name = "FILE")]
    pub model_out: Option<PathBuf>,
    /// Posterior match probability that links a pair (overrides the mapping; default 0.9).
    #[arg(long)]
    pub link_threshold: Option<f64>,
    /// Lower end of the review band (default 0.5).
    #[arg(long)]
    pub review_threshold: Option<f64>,
    /// Clusters with a pair across them below this probability are not merged (default 0.001).
    #[arg(long)]
    pub cannot_link: Option<f64>,
    /// CSV field delimiter.
    #[arg(long, default_value_t = ',')]
    pub delimiter: char,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Seed of the random pair sample that estimates u.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// No progress bars.
    #[arg(long)]
    pub quiet: bool,
}

/// `serve` options.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ROSMIGRATION_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Load a demo region first if the database is empty, and print the demo accounts.
    #[arg(long)]
    pub demo: bool,
    /// Persons in the demo region.
    #[arg(long, default_value_t = 10_000)]
    pub demo_persons: usize,
    /// Do not start the notifications dispatcher (another process delivers the outbox).
    #[arg(long)]
    pub no_notify: bool,
    /// Folder with templates, translations and static files.
    #[arg(long, env = "ROSMIGRATION_ASSETS_DIR")]
    pub assets_dir: Option<PathBuf>,
}

/// `demo` options.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of foreign nationals to generate.
    #[arg(long, default_value_t = 10_000)]
    pub persons: usize,
    /// Random seed: the same seed gives the same region.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Persons per database transaction.
    #[arg(long, default_value_t = 2000)]
    pub batch: usize,
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from ROSMIGRATION_NEW_PASSWORD or prompted on stdin.
    Create {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Role: admin, migration_officer, tax_officer, employer, university, adaptation_centre, law_enforcement, analyst, migrant.
        #[arg(long)]
        role: String,
        /// Organisation id (employer, university, adaptation centre accounts).
        #[arg(long)]
        org: Option<uuid::Uuid>,
        /// Person id (migrant accounts).
        #[arg(long)]
        person: Option<uuid::Uuid>,
    },
    /// List accounts.
    List,
    /// Disable an account: it can no longer log in, and its sessions and tokens stop working.
    Disable {
        /// Login name.
        #[arg(long)]
        username: String,
    },
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain and report altered, inserted or deleted entries. Exits 1 if any.
    Verify,
}

/// `rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Recompute every person's legal status (the daily job): store what changed and record
    /// status changes in the persons' histories.
    Run {
        /// Evaluate as of this day (default: today in the region's time).
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// Persons per read page (changes are written in transactions of up to 4,096 persons).
        #[arg(long, default_value_t = 2000)]
        page: i64,
    },
}

/// `reminders` subcommands.
#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Queue the reminders due today (run after `rules run`); running it again queues nothing new.
    Run {
        /// The day to remind for (default: today in the region's time zone).
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// Persons opened per transaction.
        #[arg(long, default_value_t = 1000)]
        page: usize,
        /// No progress bar.
        #[arg(long)]
        quiet: bool,
    },
}

/// `notify` subcommands.
#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Messages in the outbox per channel and state.
    Status,
    /// Deliver every message due now with the configured channels, once, and exit.
    Send,
}

/// `slots` subcommands.
#[derive(Debug, Subcommand)]
pub enum SlotsCommand {
    /// Open every service point's slots (or one point's) for the next N local days from its
    /// weekly schedule; idempotent, run daily.
    Open {
        /// Days ahead, from today.
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// Only this service point (organisation id).
        #[arg(long)]
        point: Option<uuid::Uuid>,
    },
}

/// `bench` subcommands.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Load-test `GET /api/persons/{id}` against a running server.
    GetPerson(LoadArgs),
    /// Load-test `POST /api/persons` against a running server.
    CreatePerson(LoadArgs),
    /// Load-test the officer's name search, `GET /api/persons?name=…` (first page), against a
    /// running server, with names drawn from the database in every writing (docs/SEARCH.md).
    Search(LoadArgs),
    /// Load-test the person's pages as an officer's browser opens them (a cookie session from the
    /// login form): the profile and the history timeline, alternately, `GET /persons/{id}` and
    /// `GET /persons/{id}/history` (server-rendered HTML, every read audited). Log in as an
    /// officer (`--username officer --password demo-officer-2026`).
    PersonPage(LoadArgs),
    /// Database size per person.
    Size,
    /// Incremental linkage: match one record against the registry, `samples` times (records
    /// made from random registry persons, in another writing), and report p50/p99.
    LinkOne {
        /// How many records to match.
        #[arg(long, default_value_t = 10_000)]
        samples: usize,
        /// Seed of the choice of persons and variants.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Daily reminders: load a demo region of `persons` into the configured (fresh) database
    /// unless it already holds persons, then time `reminders run` (docs/BENCHMARKS.md).
    Reminders {
        /// Persons in the demo region.
        #[arg(long, default_value_t = 1_000_000)]
        persons: usize,
        /// Seed of the demo region.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Booking throughput on the configured database (use a scratch one): registers `persons`
    /// persons and books a medical examination for each, `concurrency` at a time; median of runs.
    Booking {
        /// Persons (= bookings) per run.
        #[arg(long, default_value_t = 10_000)]
        persons: usize,
        /// Runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Concurrent booking tasks.
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
    },
    /// Write person ids, one per line, for external load generators (wrk).
    Ids {
        /// How many.
        #[arg(long, default_value_t = 100_000)]
        count: i64,
        /// Output file.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Generate N interior-ministry crossings (CSV) and import them into the configured
    /// database (use a fresh one); reports rows/s. The file is kept for repeat runs.
    Import {
        /// Rows to generate.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        /// Where the generated file is written (reused when it exists).
        #[arg(long, default_value = "target/bench-intake")]
        dir: std::path::PathBuf,
        /// Only generate the file.
        #[arg(long)]
        generate_only: bool,
    },
}

/// Load-generator options.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Base URL of the server.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// Account to log in as.
    #[arg(long, default_value = "officer")]
    pub username: String,
    /// Its password.
    #[arg(long, env = "ROSMIGRATION_BENCH_PASSWORD", default_value = "demo-officer-2026")]
    pub password: String,
    /// Concurrent connections.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Seconds to run (after a 2-second warm-up).
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
