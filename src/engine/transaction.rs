//! One update as a transaction: rendered into a sink ([`Engine::stage`]), then recorded as
//! applied once the sink made it visible ([`Engine::commit`]) or forgotten
//! ([`Engine::abandon`]). `build` stages and commits at once ([`Engine::render`]); `serve`
//! refreshes the caches with the changed paths first and keeps the staged render in a
//! [`StagedUpdate`] until it knows whether more saves came meanwhile ([`Engine::stage_update`],
//! [`Engine::commit_update`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::engine::model_cache::update_model;
use crate::engine::plan::{Outputs, copies_key, file_folder_clashes};
use crate::engine::scheduler::{RENDER_BATCH, Taken, look, render_all};
use crate::engine::{ChangeSet, Engine, Sink, Step, Timings};
use crate::error::{BuildError, Diagnostic};
use crate::render::Renderer;

/// What one render did.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Files rendered.
    pub rendered: usize,
    /// Copied files (output paths) saved since the last good render: changed for the server
    /// even though nothing was rendered for them.
    pub touched: Vec<String>,
    /// How long each step took.
    pub timings: Timings,
}

/// A render whose files went to a sink but are not recorded as applied yet.
pub struct Staged {
    record: Record,
    rendered: Rendered,
}

/// How a staged render changes the record of applied fingerprints.
enum Record {
    /// The same plan: these files have new fingerprints.
    Extend(Vec<(String, u64)>),
    /// A new plan (by its key): every file's fingerprint.
    Replace(FxHashMap<String, u64>, u64),
}

/// An update rendered but not recorded yet.
pub struct StagedUpdate {
    /// The update; its changes are to be served only once it is committed.
    pub update: Update,
    staged: Option<Staged>,
}

impl StagedUpdate {
    /// Throws the staged update away; the engine renders its files again in the next update.
    pub fn abandon(self, engine: &mut Engine) {
        if let Some(staged) = self.staged {
            engine.abandon(staged);
        }
    }
}

/// What an update of `serve` did.
#[derive(Debug, Default)]
pub struct Update {
    /// The files to serve now; empty when there are errors.
    pub changes: ChangeSet,
    /// Copied files saved since the last good update.
    pub touched: Vec<String>,
    /// Files rendered.
    pub rendered: usize,
    /// The errors found; when there are any, nothing is to change.
    pub errors: Vec<Diagnostic>,
    /// How long the update took.
    pub elapsed: Duration,
    /// How long each step took.
    pub timings: Timings,
}

impl Engine {
    /// Brings the site up to date with changed paths and renders what changed, for `serve`,
    /// recording nothing yet: [`Engine::commit_update`] it to get its update, or
    /// [`StagedUpdate::abandon`] it when the files changed again meanwhile (`serve` starts an
    /// update as soon as a save completes, and keeps it only if nothing else changed before
    /// the save is taken as done).
    pub fn stage_update(&mut self, changed: &[PathBuf]) -> StagedUpdate {
        let started = Instant::now();
        self.timings = Timings::start();
        self.refresh(changed);
        self.timings.lap("read");
        let mut changes = ChangeSet::default();
        match self.stage(&mut changes) {
            Ok(staged) => StagedUpdate {
                update: Update {
                    changes,
                    elapsed: started.elapsed(),
                    ..Update::default()
                },
                staged: Some(staged),
            },
            Err(error) => StagedUpdate {
                update: Update {
                    errors: error.diagnostics(),
                    elapsed: started.elapsed(),
                    timings: std::mem::take(&mut self.timings),
                    ..Update::default()
                },
                staged: None,
            },
        }
    }

    /// A staged update, recorded as applied (the caller serves its changes).
    pub fn commit_update(&mut self, staged_update: StagedUpdate) -> Update {
        let mut update = staged_update.update;
        if let Some(staged) = staged_update.staged {
            let rendered = self.commit(staged);
            update.touched = rendered.touched;
            update.rendered = rendered.rendered;
            update.timings = rendered.timings;
        }
        update
    }
    /// Renders every output whose fingerprint differs from the one applied into `sink`, then
    /// finishes the sink and records the new fingerprints — or, on errors, records nothing.
    pub fn render(&mut self, sink: &mut dyn Sink) -> Result<Rendered, BuildError> {
        let staged = self.stage(sink)?;
        Ok(self.commit(staged))
    }
    /// As [`Engine::render`], but records nothing: the caller makes the sink's files visible,
    /// then [`Engine::commit`]s — or throws them away and [`Engine::abandon`]s.
    pub fn stage(&mut self, sink: &mut dyn Sink) -> Result<Staged, BuildError> {
        self.parse()?;
        let config = &self.config.value;
        let Some(templates) = self.templates.value.as_ref() else {
            return Err(BuildError::Content(self.templates.errors.clone()));
        };
        update_model(
            &mut self.model,
            &mut self.parse_cache,
            self.stories.stories(),
            self.notes.made(),
            config,
            templates,
        );
        self.timings.lap("model");
        let Some(model) = self.model.as_ref() else {
            return Ok(Staged {
                record: Record::Extend(Vec::new()),
                rendered: Rendered::default(),
            });
        };
        let renderer = Renderer::new(&model.site, config, templates, &model.prepared);

        // Rendered files win over copied files at the same path.
        let inputs = (model.plan_key, copies_key(&self.copies.value));
        let outputs = match self.outputs.take() {
            Some(outputs) if outputs.inputs == inputs => outputs,
            _ => {
                let mut copies = self.copies.value.clone();
                for (_, path) in &model.plan {
                    copies.remove(path);
                }
                let clashes = file_folder_clashes(&model.plan, &copies, &self.root);
                if !clashes.is_empty() {
                    return Err(BuildError::Content(clashes));
                }
                Outputs { inputs, copies }
            }
        };
        let copies = &self.outputs.insert(outputs).copies;
        // The same plan as the applied one: only the files rendered now change fingerprint.
        let same_plan = self.applied_plan == Some(model.plan_key);
        let mut fingerprints: FxHashMap<String, u64> = FxHashMap::default();
        let mut rendering = Duration::ZERO;
        // An engine that renders once (a build) keeps no fingerprints: nothing will compare.
        let keep = !self.options.once;
        let mut taken = Taken {
            keep,
            ..Taken::default()
        };
        // A build writes the search index too, once the pages are written; `serve` indexes
        // after the pages are served ([`Engine::search_due`]).
        let index_now = !keep && sink.keeps_files();
        let mut search_files = None;
        let plan_key = model.plan_key;
        if self.applied.is_empty() {
            // Nothing applied yet (a build): every file is rendered, its fingerprint with it,
            // a batch at a time so that the rendered site is never held whole.
            let total = model.plan.len();
            let progress = &self.options.progress;
            for (i, batch) in model.plan.chunks(RENDER_BATCH).enumerate() {
                progress.report(Step::Rendering {
                    done: i * RENDER_BATCH,
                    total,
                });
                let started = Instant::now();
                let done = render_all(&renderer, batch.iter(), keep);
                rendering += started.elapsed();
                taken.put(sink, done)?;
            }
            progress.report(Step::Rendering { done: total, total });
            if index_now {
                // The pages' values are let go first (a later render makes the model again):
                // the values every list shows and the index's working memory, 400 and 160 MB
                // at 100,000 briefings, then never share the peak, as they did when the index
                // was made on a thread of its own while the pages rendered.
                let site = Arc::clone(&model.site);
                drop(renderer);
                self.model = None;
                let started = Instant::now();
                search_files = Some((
                    crate::search::index(&site, &self.config.value),
                    started.elapsed(),
                ));
                self.spent = Some(site);
            }
        } else {
            // An update: the fingerprint of every job, to find those that changed. The pages
            // that list every briefing come first in the plan and take longest to render: they
            // are looked at and rendered on one side while the rest are on the other.
            let started = Instant::now();
            let applied = &self.applied;
            let lists = model
                .plan
                .iter()
                .take_while(|(job, _)| job.kind.lists_everything())
                .count();
            let (first, rest) = model.plan.split_at(lists);
            let timed = |entries| {
                let started = Instant::now();
                (look(&renderer, applied, entries), started.elapsed())
            };
            let (((first_planned, first_done), lists_time), ((rest_planned, rest_done), rest_time)) =
                rayon::join(|| timed(first), || timed(rest));
            self.timings.record("lists", lists_time);
            self.timings.record("others", rest_time);
            if !same_plan {
                fingerprints.reserve(model.plan.len());
                for ((_, path), fingerprint) in model
                    .plan
                    .iter()
                    .zip(first_planned.iter().chain(&rest_planned))
                {
                    fingerprints.insert(path.clone(), *fingerprint);
                }
            }
            rendering += started.elapsed();
            taken.put(sink, first_done.into_iter().chain(rest_done).collect())?;
        }
        let Taken {
            errors,
            fingerprints: rendered_fingerprints,
            mut count,
            mut writing,
            ..
        } = taken;
        if !errors.is_empty() {
            return Err(BuildError::Content(errors));
        }
        fingerprints.extend(rendered_fingerprints.iter().cloned());
        let removed: Vec<String> = if same_plan {
            Vec::new()
        } else {
            self.applied
                .keys()
                .filter(|path| !fingerprints.contains_key(*path))
                .cloned()
                .collect()
        };
        let started = Instant::now();
        sink.finish(&removed, copies)?;
        if let Some((files, time)) = search_files {
            // After the copies: the index's files win over copied files at their paths, as
            // rendered pages do.
            self.timings.record("search", time);
            count += files.len();
            sink.put(files)?;
        }
        writing += started.elapsed();
        let record = if same_plan || !keep {
            Record::Extend(rendered_fingerprints)
        } else {
            Record::Replace(fingerprints, plan_key)
        };
        self.timings.record("render", rendering);
        self.timings.record("write", writing);
        let mut touched = std::mem::take(&mut self.touched);
        touched.sort();
        touched.dedup();
        Ok(Staged {
            record,
            rendered: Rendered {
                rendered: count,
                touched,
                timings: std::mem::take(&mut self.timings),
            },
        })
    }
    /// Records a staged render as applied: its sink has made it visible.
    pub fn commit(&mut self, staged: Staged) -> Rendered {
        match staged.record {
            Record::Extend(fingerprints) => self.applied.extend(fingerprints),
            Record::Replace(fingerprints, plan) => {
                self.applied = fingerprints;
                self.applied_plan = Some(plan);
            }
        }
        staged.rendered
    }
    /// Forgets a staged render whose sink was thrown away: the next render renders its files
    /// again, and its saved copies are still to be told.
    pub fn abandon(&mut self, staged: Staged) {
        self.touched.extend(staged.rendered.touched);
    }
}
