//! The scheduler: renders a plan's jobs in parallel into a sink, each file with its
//! fingerprint, made from the same page value — every job (a first render), or only the jobs
//! whose fingerprint differs from the applied one (an update).

use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::engine::Sink;
use crate::error::{BuildError, Diagnostic};
use crate::render::{Job, Renderer};
use crate::rendered::RenderedFile;

/// How many files are rendered before they go to the sink: enough to keep every core busy,
/// few enough that a build never holds the rendered site whole.
pub(super) const RENDER_BATCH: usize = 512;

/// A job rendered: its entry in the plan, its fingerprint and its file (or what went wrong).
pub(super) struct Done<'p> {
    pub(super) entry: &'p (Job, String),
    pub(super) fingerprint: u64,
    pub(super) file: Result<RenderedFile, Diagnostic>,
}

/// Renders jobs in parallel, each with its fingerprint, made from the same page value.
pub(super) fn render_all<'p>(
    renderer: &Renderer<'_>,
    entries: impl Iterator<Item = &'p (Job, String)>,
    fingerprints: bool,
) -> Vec<Done<'p>> {
    let entries: Vec<&'p (Job, String)> = entries.collect();
    entries
        .into_par_iter()
        .map(|entry| {
            let page = renderer.page(entry.0);
            Done {
                entry,
                fingerprint: if fingerprints {
                    renderer.fingerprint(&page)
                } else {
                    0
                },
                file: renderer.render_page(entry.0, &page),
            }
        })
        .collect()
}

/// The fingerprints of jobs, and the jobs among them whose fingerprint is not the applied one,
/// rendered.
pub(super) fn look<'p>(
    renderer: &Renderer<'_>,
    applied: &FxHashMap<String, u64>,
    entries: &'p [(Job, String)],
) -> (Vec<u64>, Vec<Done<'p>>) {
    let planned: Vec<u64> = entries
        .par_iter()
        .map(|(job, _)| renderer.fingerprint(&renderer.page(*job)))
        .collect();
    let stale = entries
        .iter()
        .zip(&planned)
        .filter(|((_, path), fingerprint)| applied.get(path) != Some(*fingerprint))
        .map(|(entry, _)| entry);
    let done = render_all(renderer, stale, true);
    (planned, done)
}

/// What the sink has taken of a render so far.
#[derive(Default)]
pub(super) struct Taken {
    /// The errors of every job, each once; once there is one, the sink is given nothing more.
    pub(super) errors: Vec<Diagnostic>,
    /// Each file given, by output path, with its fingerprint.
    pub(super) fingerprints: Vec<(String, u64)>,
    /// Files given.
    pub(super) count: usize,
    /// Time spent in the sink.
    pub(super) writing: Duration,
    /// Whether the fingerprints are kept.
    pub(super) keep: bool,
}

impl Taken {
    pub(super) fn put(
        &mut self,
        sink: &mut dyn Sink,
        done: Vec<Done<'_>>,
    ) -> Result<(), BuildError> {
        let mut files = Vec::with_capacity(done.len());
        for Done {
            entry,
            fingerprint,
            file,
        } in done
        {
            match file {
                Ok(file) => {
                    if self.keep {
                        self.fingerprints.push((entry.1.clone(), fingerprint));
                    }
                    files.push(file);
                }
                Err(e) if !self.errors.contains(&e) => self.errors.push(e),
                Err(_) => {}
            }
        }
        if self.errors.is_empty() {
            self.count += files.len();
            let started = Instant::now();
            sink.put(files)?;
            self.writing += started.elapsed();
        }
        Ok(())
    }
}
