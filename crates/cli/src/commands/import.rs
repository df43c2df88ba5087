//! `rosmigration import`: agency files into the intake staging tables.
//!
//! Each file is a batch. A batch of the same source and file (digest of its first MiB and size)
//! left unfinished by a crash is resumed from its committed offset; rows already staged are
//! recognised by their keys anyway, so importing a file twice changes nothing.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use domain::event::SourceAgency;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use intake::Mapping;
use sha2::{Digest, Sha256};
use store::intake::NewBatch;
use store::{AuditEntry, Store};

use crate::cli::ImportArgs;
use crate::config::Settings;

/// Reads the `--source` value.
pub fn parse_source(s: &str) -> anyhow::Result<SourceAgency> {
    SourceAgency::from_code(s)
        .filter(|a| !matches!(a, SourceAgency::Registry | SourceAgency::Migrant | SourceAgency::Demo))
        .with_context(|| {
            format!("unknown source {s:?}: use mvd, fns, medical, exam, employer, university or adaptation")
        })
}

/// Resolves `--mapping` (a shipped name or a file).
pub fn load_mapping(source: SourceAgency, mapping: Option<&str>) -> anyhow::Result<Mapping> {
    intake::shipped::resolve(source, mapping, |p| Path::new(p).is_file().then(|| std::fs::read_to_string(p)))
        .map_err(anyhow::Error::msg)
}

/// An audit entry for intake work from the command line.
pub fn cli_entry(action: &str) -> AuditEntry {
    let mut e = AuditEntry::new(action);
    e.purpose = "agency data intake from the command line".into();
    e.detail = format!("os user {}", std::env::var("USER").unwrap_or_default());
    e
}

/// SHA-256 of the first MiB and the size: identifies a file again on resume without reading
/// all of it.
fn file_digest(path: &Path, size: u64) -> anyhow::Result<Vec<u8>> {
    let mut f = File::open(path)?;
    let mut buf = Vec::with_capacity(1 << 20);
    (&mut f).take(1 << 20).read_to_end(&mut buf)?;
    let mut h = Sha256::new();
    h.update(&buf);
    h.update(size.to_be_bytes());
    Ok(h.finalize().to_vec())
}

/// Runs `rosmigration import`.
pub async fn run(settings: &Settings, a: ImportArgs) -> anyhow::Result<ExitCode> {
    let source = parse_source(&a.source)?;
    let mapping = Arc::new(load_mapping(source, a.mapping.as_deref())?);
    for f in &a.files {
        if !f.is_file() {
            bail!("{}: no such file", f.display());
        }
    }
    let store = settings.open_store().await?;
    for f in &a.files {
        import_file(&store, &mapping, f, a.quiet).await.with_context(|| format!("importing {}", f.display()))?;
    }
    if !a.no_link {
        let started = std::time::Instant::now();
        let s = super::resolve::resolve_all(&store, 500, None, a.quiet).await.context("linking the staged records")?;
        println!("{} in {:.1} s", super::resolve::line(&s), started.elapsed().as_secs_f64());
    }
    store.db.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn import_file(store: &Store, mapping: &Arc<Mapping>, path: &Path, quiet: bool) -> anyhow::Result<()> {
    let size = std::fs::metadata(path)?.len();
    let digest = file_digest(path, size)?;
    let (batch, resumed) = store
        .open_batch(
            NewBatch {
                source: mapping.source,
                mapping: mapping.name.clone(),
                file_name: path.display().to_string(),
                file_size: Some(size),
                file_digest: Some(digest),
                format: mapping.format.code(),
                account_id: None,
            },
            cli_entry("intake.import"),
        )
        .await?;
    let offset = batch.resume_offset as u64;
    if resumed {
        eprintln!(
            "resuming batch {} of {} at byte {offset} ({} rows already read)",
            batch.id,
            path.display(),
            batch.rows_read
        );
    }
    let head = Box::new(BufReader::with_capacity(1 << 20, File::open(path)?));
    let resume: Option<(Box<dyn std::io::BufRead + Send>, u64)> = if offset > 0 {
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(offset))?;
        Some((Box::new(BufReader::with_capacity(1 << 20, f)), offset))
    } else {
        None
    };
    let rows = match intake::reader::open(mapping, head, resume) {
        Ok(r) => r,
        Err(e) => {
            store.fail_batch(batch.id, cli_entry("intake.import")).await?;
            bail!("{e}");
        }
    };
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr())
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    bar.set_position(offset);
    let report = store::import::import(store, mapping.clone(), &batch, rows, cli_entry("intake.import"), |off, _| {
        bar.set_position(off)
    })
    .await;
    bar.finish_and_clear();
    let report = report?;
    let b = &report.batch;
    println!(
        "{}: {} rows read, {} staged, {} unchanged, {} quarantined in {:.2} s ({:.0} rows/s); batch {}{}",
        path.display(),
        report.this_run.read,
        report.this_run.staged,
        report.this_run.unchanged,
        report.this_run.quarantined,
        report.seconds,
        report.rows_per_second,
        b.id,
        if resumed {
            format!(
                " (resumed; whole batch: {} read, {} staged, {} unchanged, {} quarantined)",
                b.rows_read, b.rows_staged, b.rows_unchanged, b.rows_quarantined
            )
        } else {
            String::new()
        }
    );
    if report.this_run.quarantined > 0 {
        println!("see the quarantined rows with: rosmigration quarantine list --source {}", mapping.source.code());
    }
    Ok(())
}
