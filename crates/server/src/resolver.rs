//! The server's one resolver: links staged agency records to the registry in the background.
//!
//! An upload returns as soon as its rows are staged (a large feed would otherwise outlive the
//! request); the resolver is woken and works through every pending record. There is one per
//! server so that two resolvers never race to register the same new person from two records of
//! one file. It also runs once at start, for records staged while the server was down (e.g. by
//! `rosmigration import --no-link`).

use std::sync::Arc;
use std::time::Duration;

use store::Store;
use tokio::sync::Notify;

/// Records resolved per store call.
const BATCH: i64 = 500;

/// Handle to the background resolver.
#[derive(Debug, Clone)]
pub struct Resolver {
    wake: Arc<Notify>,
}

impl Resolver {
    /// Starts the task on the current Tokio runtime; without one (a synchronous caller) nothing
    /// runs in the background and `rosmigration resolve` does the work.
    pub fn start(store: Store) -> Resolver {
        let wake = Arc::new(Notify::new());
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let w = wake.clone();
            rt.spawn(async move {
                loop {
                    drain(&store).await;
                    w.notified().await;
                }
            });
        }
        Resolver { wake }
    }

    /// Asks the resolver to look for pending records (after an upload staged some).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

async fn drain(store: &Store) {
    loop {
        match store.resolve_pending(BATCH).await {
            Ok(s) if s.processed == 0 => return,
            Ok(_) => {}
            Err(e) => {
                // The records stay pending; the next upload or restart tries again.
                tracing::error!(error = %e, "resolving staged agency records failed");
                tokio::time::sleep(Duration::from_secs(5)).await;
                return;
            }
        }
    }
}
