//! Group commit of bookings on SQLite.
//!
//! SQLite has one writer connection, and sqlx runs it on a thread of its own: every statement
//! is a hand-off between threads, and one booking in a transaction of its own took about ten of
//! them (begin, the booking's statements, the audit chain's head read, entry and head update,
//! commit). The writer was the bottleneck whatever the concurrency. So, as the read-audit
//! writer does ([`crate::AuditWriter`]), one task takes the bookings of concurrent callers and
//! writes them together: BEGIN, each booking's statements in the order they arrived
//! ([`Store::book_in`]), ONE audit append for all of them (the chain step is done once per
//! batch), COMMIT. That leaves about five statements per booking.
//!
//! - Each caller gets its own answer. A refusal is decided before that booking writes anything,
//!   so it leaves the transaction as it was and the next booking goes on; the later bookings of
//!   a batch see the earlier ones (same transaction, in order): the same person and step twice
//!   is `already_booked`, a repeated idempotency key gets the first booking or `key_reused`.
//! - A database failure aborts the whole batch: nothing of it is written and every caller of the
//!   batch gets the error.
//! - No timer: the writer takes what is queued when it becomes free (at most [`MAX_BATCH`]), so a
//!   lone booking is written at once and batches grow with the load by themselves.
//! - A caller is answered only after the commit: an answered booking is durable.
//!
//! PostgreSQL keeps one transaction per booking (there a unique violation aborts the whole
//! transaction, and concurrent connections already write in parallel).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

use super::book::{Booking, Failed, Prepared, Written};
use crate::error::{Result, StoreError};
use crate::{AuditEntry, Store};

/// The most bookings written in one transaction: enough to take the hand-offs out of the
/// picture, small enough that a batch's callers are answered quickly.
pub const MAX_BATCH: usize = 64;

/// A booking waiting for the writer, answered after the batch commits.
struct Pending {
    prepared: Prepared,
    done: oneshot::Sender<Result<Booking>>,
}

/// The handle of a running booking writer.
#[derive(Clone, Debug)]
pub(crate) struct BookingWriter {
    tx: mpsc::Sender<Pending>,
}

/// Where a store keeps its booking writer: started on the first booking (on the caller's
/// runtime), started again if its runtime went away.
pub(crate) type WriterSlot = Arc<Mutex<Option<BookingWriter>>>;

impl BookingWriter {
    /// Starts the writer task for `store` on the current runtime. The task holds a copy of the
    /// store without a writer, so it ends when the last handle is dropped.
    fn start(store: &Store) -> Self {
        let store = Store { booker: WriterSlot::default(), ..store.clone() };
        let (tx, mut rx) = mpsc::channel::<Pending>(8192);
        tokio::spawn(async move {
            let mut batch: Vec<Pending> = Vec::with_capacity(MAX_BATCH);
            while let Some(first) = rx.recv().await {
                batch.push(first);
                // Take whatever else is already waiting: under load, batches grow by themselves.
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(p) => batch.push(p),
                        Err(_) => break,
                    }
                }
                let answers = write_batch(&store, &batch).await;
                for (p, answer) in batch.drain(..).zip(answers) {
                    let _ = p.done.send(answer);
                }
            }
        });
        Self { tx }
    }

    /// Hands a booking to the writer and waits for its answer (after the commit).
    pub(super) async fn book(&self, prepared: Prepared) -> Result<Booking> {
        let (done, wait) = oneshot::channel();
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.tx.send(Pending { prepared, done }).await.map_err(|_| stopped())?;
        wait.await.map_err(|_| stopped())?
    }
}

impl Store {
    /// The booking writer of this store, started if it is not running.
    pub(super) fn booking_writer(&self) -> BookingWriter {
        let mut slot = self.booker.lock().unwrap_or_else(|p| p.into_inner());
        match slot.as_ref() {
            Some(w) if !w.tx.is_closed() => w.clone(),
            _ => {
                let w = BookingWriter::start(self);
                *slot = Some(w.clone());
                w
            }
        }
    }
}

/// Writes one batch in one transaction and returns each request's answer, in order.
async fn write_batch(store: &Store, batch: &[Pending]) -> Vec<Result<Booking>> {
    let mut answers: Vec<Result<Booking>> = Vec::with_capacity(batch.len());
    let mut entries: Vec<AuditEntry> = Vec::with_capacity(batch.len());
    let failed = async {
        let mut tx = store.db.begin().await?;
        let mut slots = HashMap::new();
        for p in batch {
            match store.book_in(&mut tx, &p.prepared, &mut slots).await {
                Ok(Written::New(booking, entry)) => {
                    entries.push(*entry);
                    answers.push(Ok(booking));
                }
                Ok(Written::Replay(existing)) => answers.push(Ok(existing)),
                Err(Failed::Refused(e)) => answers.push(Err(e)),
                // Dropping the transaction rolls the batch back.
                Err(Failed::Aborted(e)) => return Err(e),
            }
        }
        crate::audit::append(&mut tx, store.sealer(), &entries).await?;
        tx.commit().await?;
        Ok::<(), StoreError>(())
    }
    .await;
    match failed {
        Ok(()) => answers,
        Err(e) => {
            tracing::error!(error = %e, bookings = batch.len(), "booking.batch_failed");
            let mut out: Vec<Result<Booking>> = (1..batch.len()).map(|_| Err(replicate(&e))).collect();
            out.insert(0, Err(e));
            out
        }
    }
}

/// The same failure for every caller of an aborted batch (`StoreError` is not `Clone`): an
/// unavailable database stays recognisable as such (`is_unavailable`, a 503).
fn replicate(e: &StoreError) -> StoreError {
    let db = match e {
        StoreError::Database(sqlx::Error::PoolTimedOut) => sqlx::Error::PoolTimedOut,
        StoreError::Database(sqlx::Error::PoolClosed) => sqlx::Error::PoolClosed,
        StoreError::Database(sqlx::Error::Io(io)) => sqlx::Error::Io(std::io::Error::new(io.kind(), io.to_string())),
        e => sqlx::Error::Protocol(format!("the booking batch was not written: {e}")),
    };
    StoreError::Database(db)
}
