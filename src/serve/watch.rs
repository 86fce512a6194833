//! Watches the site's files with notify (debounced, so that an editor's save — often a write to
//! a temporary file and a rename — is one change) and brings the live engine up to date.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::{Shared, report_update};
use crate::engine::Engine;
use crate::error::BuildError;
use crate::source::layout::SOURCE_DIRS;

/// How long a burst of file events may last before it is taken as one change.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Starts watching `root` and updating `engine` on a thread of its own, which runs for as long
/// as the process.
pub fn start(
    root: PathBuf,
    mut engine: Engine,
    shared: Arc<Shared>,
    timings: bool,
) -> Result<(), BuildError> {
    let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer: Debouncer<RecommendedWatcher, RecommendedCache> =
        new_debouncer(DEBOUNCE, None, sender)
            .map_err(|e| BuildError::io("watching files", std::io::Error::other(e)))?;
    debouncer
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
            let _ = debouncer.watch(&path, RecursiveMode::Recursive);
        }
    }
    std::thread::Builder::new()
        .name("briefgen-rebuild".into())
        .spawn(move || {
            while let Ok(first) = receiver.recv() {
                // Take every batch already waiting: one rebuild for all of them.
                let mut paths = changed_paths(first);
                while let Ok(more) = receiver.try_recv() {
                    paths.extend(changed_paths(more));
                }
                paths.sort();
                paths.dedup();
                for path in paths.iter().filter(|p| is_new_watched_dir(&root, p)) {
                    // A folder created after the start (a first template, say).
                    let _ = debouncer.watch(path, RecursiveMode::Recursive);
                }
                if paths.is_empty() {
                    continue;
                }
                // The whole update is rendered before any of it is served: a failed one
                // leaves the last good site served, and the next good one brings it all.
                let mut update = engine.update(&paths);
                let changed = if update.errors.is_empty() {
                    let changes = std::mem::take(&mut update.changes);
                    match shared.snapshot.write() {
                        Ok(mut served) => served.apply(changes, &update.touched),
                        Err(_) => Vec::new(),
                    }
                } else {
                    Vec::new()
                };
                report_update(&shared, &root, &update, &changed, timings, "Rebuilt");
            }
        })
        .map_err(|e| BuildError::io("starting the rebuild thread", e))?;
    Ok(())
}

/// The paths a batch of events changed. Reads (briefgen's own among them) are not changes.
fn changed_paths(result: DebounceEventResult) -> Vec<PathBuf> {
    match result {
        Ok(events) => events
            .into_iter()
            .filter(|e| is_change(&e.event.kind))
            .flat_map(|e| e.event.paths)
            .collect(),
        Err(errors) => {
            for e in errors {
                eprintln!("warning: watching files: {e}");
            }
            Vec::new()
        }
    }
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn is_new_watched_dir(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path.is_dir()
        && path
            .file_name()
            .is_some_and(|n| SOURCE_DIRS.iter().any(|d| n == *d))
}
