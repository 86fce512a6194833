//! One preview session: the live engine, what is served, and the search index, with the calls
//! the server makes — a save of some paths, started early and then kept or thrown away when
//! more events came meanwhile, and an index step. No I/O of its own and no threads: the
//! watcher, the indexing thread and the tests all drive this one type, so what the tests prove
//! of it (serve ≡ a fresh build) is what the server runs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::Duration;

use super::served::Served;
use crate::content::model::Site;
use crate::engine::{Engine, EngineOptions, StagedUpdate, Timings};
use crate::error::{BuildError, Diagnostic};
use crate::rendered::RenderedFile;

/// A live engine and what is served from it.
pub struct Session {
    engine: Engine,
    /// What is served; the HTTP side reads it, the session and the indexer change it.
    served: Arc<RwLock<Served>>,
}

/// What one save did, as the server saw it.
#[derive(Debug, Default)]
pub struct Saved {
    /// Output paths whose served content changed.
    pub changed: Vec<String>,
    /// Files rendered.
    pub rendered: usize,
    /// The errors; when there are any, nothing changed.
    pub errors: Vec<Diagnostic>,
    /// How long the update took.
    pub elapsed: Duration,
    /// How long each step took.
    pub timings: Timings,
}

/// A save started before its events were over: rendered, not served yet.
pub struct Started(StagedUpdate);

impl Started {
    /// The errors it found so far; when there are any, nothing of it will be served.
    pub fn errors(&self) -> &[Diagnostic] {
        &self.0.update.errors
    }
}

/// A search index to make: the model of a good save. Made on any thread
/// ([`Indexing::make`]), then served whole ([`Served::put_index`]).
pub struct Indexing {
    site: Arc<Site>,
    /// The settings the index reads (people's other spellings, the language, its words).
    config: crate::source::config::SiteConfig,
}

impl Indexing {
    /// The index's files, made by the same call as a build's.
    pub fn make(&self) -> Vec<RenderedFile> {
        crate::search::index(&self.site, &self.config)
    }
}

impl Session {
    /// Opens the site's engine and serves the whole site, its search index included (the first
    /// index is made before anything is served).
    pub fn open(root: &Path, options: EngineOptions) -> Result<(Session, Saved), BuildError> {
        let engine = Engine::open(
            root,
            EngineOptions {
                once: false,
                ..options
            },
        )?;
        let mut session = Session {
            engine,
            served: Arc::default(),
        };
        let first = session.save(&[]);
        if first.errors.is_empty() {
            session.index_now();
        }
        Ok((session, first))
    }

    /// The live engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// What is served, shared with the HTTP side and the indexer.
    pub fn served(&self) -> &Arc<RwLock<Served>> {
        &self.served
    }

    /// What is served now, to read.
    pub fn read(&self) -> RwLockReadGuard<'_, Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts the save of `paths` before its events are over: rendered, nothing served yet.
    pub fn start(&mut self, paths: &[PathBuf]) -> Started {
        Started(self.engine.stage_update(paths))
    }

    /// Ends a batch of events that named `paths`. A save `started` early is served when
    /// `still_good` (no event came after it started); else it is thrown away and the whole
    /// batch saved again. With nothing started, the batch is saved.
    pub fn settle(
        &mut self,
        started: Option<Started>,
        still_good: bool,
        paths: &[PathBuf],
    ) -> Saved {
        let staged = match started {
            Some(Started(staged)) if still_good => staged,
            Some(Started(staged)) => {
                staged.abandon(&mut self.engine);
                self.engine.stage_update(paths)
            }
            None => self.engine.stage_update(paths),
        };
        let mut update = self.engine.commit_update(staged);
        let changed = if update.errors.is_empty() {
            let changes = std::mem::take(&mut update.changes);
            let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
            served.apply(changes, &update.touched)
        } else {
            Vec::new()
        };
        Saved {
            changed,
            rendered: update.rendered,
            errors: update.errors,
            elapsed: update.elapsed,
            timings: update.timings,
        }
    }

    /// Saves `paths` at once: a batch with nothing started early.
    pub fn save(&mut self, paths: &[PathBuf]) -> Saved {
        self.settle(None, false, paths)
    }

    /// The search index to make after a good save, when what it is made from changed since
    /// the last one; `None` otherwise.
    pub fn index_due(&mut self) -> Option<Indexing> {
        self.engine
            .search_due()
            .map(|(site, config)| Indexing { site, config })
    }

    /// Makes and serves the search index now, when one is due (`serve` makes it on a thread
    /// of its own instead).
    pub fn index_now(&mut self) {
        if let Some(indexing) = self.index_due() {
            let files = indexing.make();
            self.served
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .put_index(files);
        }
    }

    /// The site path of the page of a published briefing among `paths` (the first), for
    /// `serve --follow`.
    pub fn saved_briefing_page(&self, root: &Path, paths: &[PathBuf]) -> Option<String> {
        use crate::source::layout::{self, Change};
        let theme = &self.engine.config().theme;
        paths
            .iter()
            .find_map(|path| match layout::classify(root, theme, path) {
                Change::Briefing(content_path) => self.engine.briefing_page(&content_path),
                _ => None,
            })
    }
}
