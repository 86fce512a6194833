//! Keeps `serve`'s search index current without slowing a save down: once an update's pages
//! are served, the rebuild thread hands the model to this thread, which indexes it (the same
//! [`crate::search::index`] a build runs) and swaps the index's files into what is served.
//! Models that came while it worked are skipped for the newest one.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use super::Shared;
use crate::content::model::Site;
use crate::search;

/// Hands models to the indexing thread.
pub struct Indexer {
    sender: Sender<Site>,
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
    pub fn index(&self, site: Site) {
        let _ = self.sender.send(site);
    }
}

fn run(receiver: &Receiver<Site>, shared: &Shared, mut index: search::Served) {
    while let Ok(mut site) = receiver.recv() {
        while let Ok(newer) = receiver.try_recv() {
            site = newer;
        }
        let changes = index.replace(search::index(&site));
        if let Ok(mut served) = shared.snapshot.write() {
            served.apply(changes, &[]);
        }
    }
}
