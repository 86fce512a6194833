//! Watches the site's files with notify and feeds the saves they make to the preview
//! [`Session`].
//!
//! A save is often several events (an editor writes a temporary file and renames it; a tool
//! truncates, writes and closes), so events are gathered until [`QUIET`] passes without one,
//! and the paths they name make one update. Waiting is not wasted: when the events so far are a
//! completed save of briefings (the file closed after writing, or renamed into place), the
//! update starts at once on another thread, and is kept only if no event came after it started
//! — otherwise it is thrown away (nothing of it was served) and the update runs again on the
//! whole batch. Either way an update is served whole, once every file has rendered.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::indexer::Indexer;
use super::session::{Session, Started};
use super::{Shared, report_update};
use crate::error::BuildError;
use crate::source::layout::{self, Change, SOURCE_DIRS};

/// How long the files must be left alone before a burst of events is taken as one change.
pub const QUIET: Duration = Duration::from_millis(10);

/// What the rebuilding side says beyond telling pages to update.
#[derive(Debug, Clone, Copy)]
pub struct Telling {
    /// Prints how long each step of a rebuild took.
    pub timings: bool,
    /// Sends open pages to a saved briefing's page.
    pub follow: bool,
}

/// Starts watching `root` and saving into `session` on a thread of its own, which runs for as
/// long as the process.
pub fn start(
    root: PathBuf,
    mut session: Session,
    shared: Arc<Shared>,
    indexer: Indexer,
    telling: Telling,
) -> Result<(), BuildError> {
    let (sender, receiver) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher: RecommendedWatcher = notify::recommended_watcher(sender)
        .map_err(|e| BuildError::io("watching files", std::io::Error::other(e)))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| {
            BuildError::io(
                format!("watching {}", root.display()),
                std::io::Error::other(e),
            )
        })?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            let _ = watcher.watch(&path, RecursiveMode::Recursive);
        }
    }
    std::thread::Builder::new()
        .name("briefgen-rebuild".into())
        .spawn(move || {
            while let Ok(first) = receiver.recv() {
                let mut batch = Batch::default();
                batch.add(first);
                if batch.paths.is_empty() {
                    continue;
                }
                let (started, still_good) = gather(&receiver, &mut batch, &mut session, &root);
                batch.paths.sort();
                batch.paths.dedup();
                for path in batch.paths.iter().filter(|p| is_new_watched_dir(&root, p)) {
                    // A folder created after the start (a first template, say).
                    let _ = watcher.watch(path, RecursiveMode::Recursive);
                }
                let saved = session.settle(started, still_good, &batch.paths);
                report_update(&shared, &root, &saved, telling.timings, "Rebuilt");
                if telling.follow
                    && saved.errors.is_empty()
                    && let Some(page) = session.saved_briefing_page(&root, &batch.paths)
                {
                    let _ = shared.events.send(super::PageEvent::Follow(page));
                }
                // The pages are served; the search index catches up on its own thread.
                if saved.errors.is_empty()
                    && let Some(indexing) = session.index_due()
                {
                    indexer.index(indexing);
                }
            }
        })
        .map_err(|e| BuildError::io("starting the rebuild thread", e))?;
    Ok(())
}

/// Gathers events into `batch` until [`QUIET`] passes without one, starting the update early
/// when the batch so far is a completed save of briefings. Returns that early save, if one
/// was started, and whether it is still good (no event came after it started).
fn gather(
    receiver: &mpsc::Receiver<notify::Result<notify::Event>>,
    batch: &mut Batch,
    session: &mut Session,
    root: &Path,
) -> (Option<Started>, bool) {
    let theme = session.engine().config().theme.clone();
    std::thread::scope(|scope| {
        let mut early: Option<(std::thread::ScopedJoinHandle<'_, Started>, usize)> = None;
        let mut session = Some(session);
        let mut deadline = Instant::now() + QUIET;
        loop {
            if early.is_none() && batch.is_completed_save_of_briefings(root, &theme) {
                let paths = batch.paths.clone();
                if let Some(session) = session.take() {
                    let handle = scope.spawn(move || session.start(&paths));
                    early = Some((handle, batch.events));
                }
            }
            match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(event) => {
                    if batch.add(event) {
                        deadline = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        match early {
            Some((handle, events)) => match handle.join() {
                Ok(attempt) => (Some(attempt), batch.events == events),
                Err(_) => (None, false),
            },
            None => (None, false),
        }
    })
}

/// The events of one change, as they came.
#[derive(Default)]
struct Batch {
    /// The paths they name.
    paths: Vec<PathBuf>,
    /// How many change events (reads are not changes).
    events: usize,
    /// Whether the last event completed a save: a file closed after writing, renamed into
    /// place, or removed.
    completed: bool,
}

impl Batch {
    /// Adds an event; returns whether it is a change.
    fn add(&mut self, event: notify::Result<notify::Event>) -> bool {
        match event {
            Ok(event) if is_change(&event.kind) => {
                self.events += 1;
                self.completed = completes_a_save(&event.kind);
                self.paths.extend(event.paths);
                true
            }
            Ok(_) => false,
            Err(e) => {
                eprintln!("warning: watching files: {e}");
                false
            }
        }
    }

    /// Whether the batch so far is a completed save of briefings alone (files the site ignores,
    /// such as an editor's backup, aside).
    fn is_completed_save_of_briefings(&self, root: &Path, theme: &str) -> bool {
        let mut briefings = self.paths.iter().map(|p| layout::classify(root, theme, p));
        self.completed
            && briefings.clone().any(|c| matches!(c, Change::Briefing(_)))
            && briefings.all(|c| matches!(c, Change::Briefing(_) | Change::None))
            && self.paths.iter().all(|p| p.starts_with(root))
    }
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn completes_a_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_)
    )
}

fn is_new_watched_dir(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path.is_dir()
        && path
            .file_name()
            .is_some_and(|n| SOURCE_DIRS.iter().any(|d| n == *d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineOptions;
    use notify::event::{CreateKind, DataChange};

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://e.org/\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(
            root.join("content/a.md"),
            "---\ntitle: A\ndate: 2025-06-12\nsource: KBS\n---\nText.\n",
        )
        .unwrap();
        (dir, root)
    }

    fn event(kind: EventKind, path: PathBuf) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(path))
    }

    const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSE: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));

    /// Runs `gather` on these events (the first starts the batch, as the watcher's loop does).
    fn gathered(root: &Path, events: Vec<notify::Result<notify::Event>>) -> (bool, bool) {
        let (mut session, _) = Session::open(root, EngineOptions::default()).unwrap();
        let (sender, receiver) = mpsc::channel();
        let mut events = events.into_iter();
        let mut batch = Batch::default();
        batch.add(events.next().unwrap());
        for e in events {
            sender.send(e).unwrap();
        }
        let (early, still_good) = gather(&receiver, &mut batch, &mut session, root);
        let started = early.is_some();
        session.settle(early, still_good, &batch.paths);
        (started, still_good)
    }

    #[test]
    fn a_completed_save_of_a_briefing_starts_its_update_at_once() {
        let (_dir, root) = site();
        let a = root.join("content/a.md");
        // Written and closed: started early, and nothing came after.
        assert_eq!(
            gathered(
                &root,
                vec![event(WRITE, a.clone()), event(CLOSE, a.clone())]
            ),
            (true, true)
        );
        // Written but not closed yet: not started until the quiet time is over.
        assert_eq!(
            gathered(&root, vec![event(WRITE, a.clone())]),
            (false, false)
        );
        // A template among the paths: waits for the quiet time, as before.
        assert_eq!(
            gathered(
                &root,
                vec![
                    event(CLOSE, root.join("templates/base.html")),
                    event(CLOSE, a.clone()),
                ]
            ),
            (false, false)
        );
    }

    #[test]
    fn an_early_update_is_thrown_away_when_the_files_change_again() {
        let (_dir, root) = site();
        let a = root.join("content/a.md");
        let b = root.join("content/b.md");
        // The early update starts on the first event; the second comes after it started.
        let (started, valid) = gathered(
            &root,
            vec![
                event(CLOSE, a.clone()),
                event(EventKind::Create(CreateKind::File), b.clone()),
            ],
        );
        assert!(started);
        assert!(!valid, "an event after the early start makes it stale");
    }
}
