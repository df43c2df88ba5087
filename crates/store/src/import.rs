//! The import pipeline: read and map on one thread, write on another.
//!
//! A blocking thread reads rows, maps them, and seals and hashes each chunk
//! ([`Store::prepare_intake`]); the async side writes chunks in order, one transaction each
//! ([`Store::stage`]), committing the byte offset after the chunk's last row with it. At most two
//! chunks wait between the two, so memory stays constant whatever the file size.

use std::sync::Arc;
use std::time::{Duration, Instant};

use intake::reader::{ReadError, Rows};
use intake::{Mapper, Mapping};
use serde::Serialize;

use crate::Store;
use crate::audit::AuditEntry;
use crate::error::StoreError;
use crate::intake::{BatchSummary, StageCounts, StagingRow};

/// Rows per transaction.
pub const CHUNK_ROWS: usize = 5000;

/// An import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is broken from some point on; rows before it are committed (and the batch is
    /// marked failed).
    #[error("{error} (rows before it were committed; batch {batch})")]
    Read {
        /// The batch.
        batch: uuid::Uuid,
        /// What is wrong with the file.
        error: ReadError,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// The batch after the import (counters cover resumed runs too).
    pub batch: BatchSummary,
    /// What this run did.
    pub this_run: StageCounts,
    /// Wall time of this run.
    pub seconds: f64,
    /// Rows per second of this run.
    pub rows_per_second: f64,
}

type Chunk = Result<(crate::intake::PreparedIntake, u64), ReadError>;

/// Imports `rows` into the open `batch` with `mapping`. `progress` is called after each committed
/// chunk with the committed byte offset and the run's counts so far.
pub async fn import(
    store: &Store,
    mapping: Arc<Mapping>,
    batch: &BatchSummary,
    rows: Rows,
    audit_entry: AuditEntry,
    mut progress: impl FnMut(u64, &StageCounts),
) -> Result<ImportReport, ImportError> {
    let started = Instant::now();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Chunk>(2);
    let producer = {
        let store = store.clone();
        let mapping = mapping.clone();
        std::thread::Builder::new()
            .name("intake-reader".into())
            .spawn(move || produce(&store, &mapping, rows, &tx))
            .expect("spawning the reader thread")
    };
    let mut counts = StageCounts::default();
    let mut failure = None;
    while let Some(msg) = rx.recv().await {
        match msg {
            Ok((chunk, offset)) => {
                let c = store.stage(batch.id, &mapping.name, chunk, offset).await?;
                counts.read += c.read;
                counts.staged += c.staged;
                counts.unchanged += c.unchanged;
                counts.quarantined += c.quarantined;
                progress(offset, &counts);
                // Lets a crash test observe committed progress between chunks.
                if let Some(ms) = std::env::var("ROSMIGRATION_IMPORT_CHUNK_DELAY_MS").ok().and_then(|v| v.parse().ok())
                {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
            }
            Err(e) => failure = Some(e),
        }
    }
    let _ = producer.join();
    if let Some(error) = failure {
        store.fail_batch(batch.id, audit_entry).await?;
        return Err(ImportError::Read { batch: batch.id, error });
    }
    let batch = store.finish_batch(batch.id, audit_entry).await?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(ImportReport { batch, this_run: counts, seconds, rows_per_second: counts.read as f64 / seconds.max(1e-9) })
}

fn produce(store: &Store, mapping: &Mapping, rows: Rows, tx: &tokio::sync::mpsc::Sender<Chunk>) {
    let mapper = Mapper::new(mapping, crate::status::today());
    let mut chunk: Vec<StagingRow> = Vec::with_capacity(CHUNK_ROWS);
    let mut offset = 0;
    let send = |chunk: Vec<StagingRow>, offset: u64| {
        let prepared = store.prepare_intake(mapping.source, chunk);
        tx.blocking_send(Ok((prepared, offset))).is_ok()
    };
    for row in rows {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                if !chunk.is_empty() && !send(std::mem::take(&mut chunk), offset) {
                    return;
                }
                let _ = tx.blocking_send(Err(e));
                return;
            }
        };
        offset = row.position.offset_after;
        let outcome = mapper.map(&row);
        // The raw row moves along unserialised: it is written only if the row is quarantined
        // (a mapping error, or a re-sent record with other content).
        let record_id = if outcome.is_err() { mapper.record_id(&row) } else { None };
        chunk.push(StagingRow { raw: row, record_id, outcome });
        if chunk.len() >= CHUNK_ROWS && !send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS)), offset) {
            return;
        }
    }
    if !chunk.is_empty() {
        send(chunk, offset);
    }
}
