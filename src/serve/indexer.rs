//! Keeps `serve`'s search index current without slowing a save down: once an update's pages
//! are served, the rebuild thread hands the session's [`Indexing`] to this thread, which makes
//! it (the same [`crate::search::index`] a build runs) and swaps the index's files into what
//! is served.
//!
//! It waits [`SETTLE`] after the last model it was handed (a burst of saves is indexed once,
//! for the newest), and indexes on one core: the reloading page, and the next save, keep the
//! other. (Indexing at once on both cores made an open page at 10,000 briefings show a save
//! ~100 ms later, on two cores; the index catches up in well under the 2 s allowed either way.)

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::served::Served;
use super::session::Indexing;

/// How long the indexer waits for a newer model before indexing the one it has.
pub const SETTLE: Duration = Duration::from_millis(150);

/// Hands models to the indexing thread.
pub struct Indexer {
    sender: Sender<Indexing>,
}

impl Indexer {
    /// Starts the indexing thread, which serves its indexes into `served`.
    pub fn start(served: Arc<RwLock<Served>>) -> std::io::Result<Indexer> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("briefgen-search".into())
            .spawn(move || run(&receiver, &served))?;
        Ok(Indexer { sender })
    }

    /// Makes this index soon, unless a newer one comes first.
    pub fn index(&self, indexing: Indexing) {
        let _ = self.sender.send(indexing);
    }
}

fn run(receiver: &Receiver<Indexing>, served: &RwLock<Served>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "briefgen-search-pool".into())
        .build()
        .ok();
    while let Ok(mut indexing) = receiver.recv() {
        loop {
            match receiver.recv_timeout(SETTLE) {
                Ok(newer) => indexing = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let files = match &pool {
            Some(pool) => pool.install(|| indexing.make()),
            None => indexing.make(),
        };
        if let Ok(mut served) = served.write() {
            served.put_index(files);
        }
    }
}
