//! Keeps `serve`'s search index current without slowing a save down: once an update's pages
//! are served, the rebuild thread hands the model to this thread, which indexes it (the same
//! [`crate::search::index`] a build runs) and swaps the index's files into what is served.
//!
//! It waits [`SETTLE`] after the last model it was handed (a burst of saves is indexed once,
//! for the newest), and indexes on one core: the reloading page, and the next save, keep the
//! other. (Indexing at once on both cores made an open page at 10,000 briefings show a save
//! ~100 ms later, on two cores; the index catches up in well under the 2 s allowed either way.)

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::Shared;
use crate::content::model::Site;
use crate::search;

/// How long the indexer waits for a newer model before indexing the one it has.
pub const SETTLE: Duration = Duration::from_millis(150);

/// Hands models to the indexing thread.
pub struct Indexer {
    sender: Sender<Arc<Site>>,
}

impl Indexer {
    /// Starts the indexing thread; `index` holds the index's files as served now.
    pub fn start(shared: Arc<Shared>, index: search::Served) -> std::io::Result<Indexer> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("briefgen-search".into())
            .spawn(move || run(&receiver, &shared, index))?;
        Ok(Indexer { sender })
    }

    /// Indexes `site` soon, unless a newer site comes first.
    pub fn index(&self, site: Arc<Site>) {
        let _ = self.sender.send(site);
    }
}

fn run(receiver: &Receiver<Arc<Site>>, shared: &Shared, mut index: search::Served) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "briefgen-search-pool".into())
        .build()
        .ok();
    while let Ok(mut site) = receiver.recv() {
        loop {
            match receiver.recv_timeout(SETTLE) {
                Ok(newer) => site = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let files = match &pool {
            Some(pool) => pool.install(|| search::index(&site)),
            None => search::index(&site),
        };
        let changes = index.replace(files);
        if let Ok(mut served) = shared.snapshot.write() {
            served.apply(changes, &[]);
        }
    }
}
