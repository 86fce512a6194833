//! The engine: one owner of a site's state, used by every command. It caches each stage's
//! result — the settings, the templates, the files to copy, each briefing's parse
//! ([`parse_cache`]), the model, and the fingerprint of every output file applied so far — and
//! renders into a [`Sink`]. `build` opens an engine and renders everything into a staging
//! folder; `serve` keeps one alive and feeds it the paths that changed.
//!
//! An update is a transaction. The changed paths refresh the caches (they only ever hold what
//! is on disk now); then every output whose fingerprint differs from the one applied is
//! rendered into the sink, and only when all have rendered is the sink told to finish and the
//! new fingerprints recorded. An update with errors records nothing: what was last applied
//! stays served, and the next good update renders everything that differs from it — the
//! changes of the failed ones (deletions included) with its own.

pub mod parse_cache;
pub mod progress;
pub mod sink;
pub mod timings;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::model::{Briefing, Edit, Placement, Site};
use crate::error::{BuildError, Diagnostic};
use crate::render::templates::Templates;
use crate::render::views::PreparedBriefing;
use crate::render::{self, Job, Renderer};
use crate::rendered::RenderedFile;
use crate::source::config::SiteConfig;
use crate::source::files::{self, CopyFrom};
use crate::source::layout::{self, Change};
use crate::source::parse::Publish;
use crate::source::{parse, theme};

use parse_cache::ParseCache;
pub use progress::{Progress, Step};
pub use sink::{ChangeSet, Discard, Sink};
pub use timings::Timings;

/// How many files are rendered before they go to the sink: enough to keep every core busy,
/// few enough that a build never holds the rendered site whole.
const RENDER_BATCH: usize = 1024;

/// What an engine is opened with, beside the site folder.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Replaces `base_url` (the server's address, for `serve`; `--base-url` for a build).
    pub base_url: Option<String>,
    /// Builds drafts too.
    pub drafts: bool,
    /// Builds briefings dated in the future too (as `build_future = true` does).
    pub future: bool,
    /// Renders once and is dropped (`build`, `check`): each file's text is let go as soon as
    /// its body is rendered, since no later update will compare a file with it.
    pub once: bool,
    /// Told of each stage and of files rendered (a build on a terminal shows it).
    pub progress: Progress,
}

/// The files copied as they are, for a plan and a reading of the files: those the plan does
/// not render over, checked for clashes with it.
struct Outputs {
    /// The keys of the plan's paths and of the copies they were made for.
    inputs: (u64, u64),
    copies: BTreeMap<String, CopyFrom>,
}

/// A key of what a plan writes, its output paths in order: two plans with one key write the
/// same files, whichever model positions their jobs read.
fn plan_key(plan: &[(Job, String)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for (_, path) in plan {
        path.hash(&mut hasher);
    }
    hasher.finish()
}

/// A key of the files to copy: their output paths and where each comes from.
fn copies_key(copies: &BTreeMap<String, CopyFrom>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    copies.hash(&mut hasher);
    hasher.finish()
}

/// The model of the last render and what was worked out from it.
struct Model {
    /// Shared with `serve`'s search indexer while it indexes it: an edit then copies it
    /// ([`Arc::make_mut`]), and otherwise changes it in place.
    site: Arc<Site>,
    /// Each briefing's template values, in `site.briefings` order.
    prepared: Vec<Arc<PreparedBriefing>>,
    /// Every job of the site and its output path.
    plan: Vec<(Job, String)>,
    /// The plan's key ([`plan_key`]).
    plan_key: u64,
}

/// A site's state, kept between renders.
pub struct Engine {
    root: PathBuf,
    options: EngineOptions,
    /// When the engine opened: briefings dated after it are in the future.
    opened: jiff::Timestamp,
    config: SiteConfig,
    warnings: Vec<Diagnostic>,
    settings_errors: Vec<Diagnostic>,
    templates: Option<Templates>,
    template_errors: Vec<Diagnostic>,
    copies: BTreeMap<String, CopyFrom>,
    copy_errors: Vec<Diagnostic>,
    parse_cache: ParseCache,
    model: Option<Model>,
    /// The fingerprint of every output file applied by the last good render.
    applied: FxHashMap<String, u64>,
    /// The key of the plan the applied outputs were made by.
    applied_plan: Option<u64>,
    /// The files copied as they are, checked against the plan: which it holds.
    outputs: Option<Outputs>,
    /// Copied files (output paths) saved since the last good render.
    touched: Vec<String>,
    /// What the search index was last made from (a hash of every briefing's values, in
    /// order), for `serve`.
    search_indexed: Option<u64>,
    timings: Timings,
}

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
pub struct Attempt {
    /// The update; its changes are to be served only once it is confirmed.
    pub update: Update,
    staged: Option<Staged>,
}

impl Attempt {
    /// Throws the attempt away; the engine renders its files again in the next update.
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
    /// Opens the site at `root`: reads the settings, the templates, the files to copy and every
    /// briefing. Only a missing or broken `site.toml` (or a bad `base_url` override) is an
    /// error here; the content's errors are kept, and reported by [`Engine::render`].
    pub fn open(root: &Path, options: EngineOptions) -> Result<Engine, BuildError> {
        let mut timings = Timings::start();
        options.progress.report(Step::Reading);
        let (config, warnings) = load_settings(root, &options)?;
        let once = options.once;
        timings.lap("config");
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            opened: jiff::Timestamp::now(),
            config,
            warnings,
            settings_errors: Vec::new(),
            templates: None,
            template_errors: Vec::new(),
            copies: BTreeMap::new(),
            copy_errors: Vec::new(),
            parse_cache: ParseCache::new(once),
            model: None,
            applied: FxHashMap::default(),
            applied_plan: None,
            outputs: None,
            touched: Vec::new(),
            search_indexed: None,
            timings: Timings::start(),
        };
        engine.read_templates();
        timings.lap("templates");
        engine.read_content(true, true);
        timings.lap("load");
        engine.timings = timings;
        Ok(engine)
    }

    /// Which briefings this engine publishes.
    pub fn publish(&self) -> Publish {
        Publish {
            drafts: self.options.drafts,
            future: self.options.future || self.config.build_future,
            now: self.opened,
        }
    }

    /// How many briefings are left out because they are dated in the future.
    pub fn future_left_out(&self) -> usize {
        self.parse_cache.future_left_out()
    }

    /// The settings in force (the last good ones).
    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// Warnings from `site.toml`.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The model of the last good render.
    pub fn site(&self) -> Option<&Site> {
        self.model.as_ref().map(|m| &*m.site)
    }

    /// Every output the last good render planned, in order: its page kind's name and its path
    /// in the output folder.
    pub fn outputs(&self) -> Vec<(&'static str, &str)> {
        self.model
            .iter()
            .flat_map(|m| &m.plan)
            .map(|(job, path)| (job.kind.name(), path.as_str()))
            .collect()
    }

    /// The site path of a published briefing's page (`briefings/x/`), by its path under
    /// `content/`.
    pub fn briefing_page(&self, content_path: &str) -> Option<String> {
        let site = self.site()?;
        Some(site.briefings[site.position(content_path)?].path())
    }

    /// The model to index for search, when what the index is made from changed since it was
    /// last asked for: `serve` indexes it on a thread of its own once the pages are served (a
    /// build indexes while it renders). Ask only after a good update, whose model is the one
    /// served. `None` when nothing changed, or nothing rendered yet.
    pub fn search_due(&mut self) -> Option<Arc<Site>> {
        use std::hash::{Hash, Hasher};
        let model = self.model.as_ref()?;
        let mut hasher = rustc_hash::FxHasher::default();
        // A briefing's full hash covers every value of it that the index reads.
        for prepared in &model.prepared {
            prepared.full_hash.hash(&mut hasher);
        }
        let key = hasher.finish();
        if self.search_indexed == Some(key) {
            return None;
        }
        self.search_indexed = Some(key);
        Some(Arc::clone(&model.site))
    }

    /// Refreshes the caches from changed paths (added, edited or deleted files and folders).
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        let mut settings = false;
        let mut templates = false;
        let mut copies = false;
        let mut rescan_content = false;
        let mut briefings = Vec::new();
        for path in changed {
            match layout::classify(&self.root, &self.config.theme, path) {
                Change::None => {}
                Change::Settings => settings = true,
                Change::Template => templates = true,
                Change::Briefing(content_path) => briefings.push(content_path),
                Change::Copied { output, in_content } => {
                    let gone = !path.exists();
                    let held_briefings = gone && in_content && self.parse_cache.has_folder(&output);
                    if gone && !held_briefings && !holds(&self.copies, &output) {
                        // Came and went before we looked (an editor's temporary file).
                        continue;
                    }
                    copies = true;
                    self.touched.extend(files_at(path, &output));
                    // A folder that came, went or was renamed: look at every briefing again.
                    rescan_content |= in_content && (path.is_dir() || held_briefings);
                }
            }
        }
        if settings {
            match load_settings(&self.root, &self.options) {
                Ok((config, warnings)) => {
                    self.settings_errors.clear();
                    self.warnings = warnings;
                    if config != self.config {
                        // Every parse, page and file may depend on the settings (dates are
                        // read in the site's zone): start again from the files.
                        self.config = config;
                        self.parse_cache = ParseCache::new(self.options.once);
                        self.model = None;
                        templates = true;
                        copies = true;
                        rescan_content = true;
                    }
                }
                Err(error) => self.settings_errors = error.diagnostics(),
            }
        }
        if templates {
            self.read_templates();
        }
        self.read_content(copies, rescan_content);
        if !rescan_content && !briefings.is_empty() {
            let publish = self.publish();
            self.parse_cache
                .read(&self.root, &briefings, &self.config, &publish);
        }
    }

    /// Brings the site up to date with changed paths and renders what changed, for `serve`,
    /// recording nothing yet: [`Engine::confirm`] the attempt to get its update, or
    /// [`Attempt::abandon`] it when the files changed again meanwhile (`serve` starts an
    /// update as soon as a save completes, and keeps it only if nothing else changed before
    /// the save is taken as done).
    pub fn try_update(&mut self, changed: &[PathBuf]) -> Attempt {
        let started = Instant::now();
        self.timings = Timings::start();
        self.refresh(changed);
        self.timings.lap("read");
        let mut changes = ChangeSet::default();
        match self.stage(&mut changes) {
            Ok(staged) => Attempt {
                update: Update {
                    changes,
                    elapsed: started.elapsed(),
                    ..Update::default()
                },
                staged: Some(staged),
            },
            Err(error) => Attempt {
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

    /// The update an attempt made, recorded as applied (the caller serves its changes).
    pub fn confirm(&mut self, attempt: Attempt) -> Update {
        let mut update = attempt.update;
        if let Some(staged) = attempt.staged {
            let rendered = self.commit(staged);
            update.touched = rendered.touched;
            update.rendered = rendered.rendered;
            update.timings = rendered.timings;
        }
        update
    }

    /// Every error the site has now, sorted.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.settings_errors.clone();
        errors.extend(self.template_errors.iter().cloned());
        errors.extend(self.copy_errors.iter().cloned());
        errors.extend(self.parse_cache.errors());
        parse::sort_diagnostics(&mut errors);
        errors
    }

    /// Parses what is not parsed yet (bodies, links, slugs) and reports every error the site
    /// has, before anything is rendered.
    pub fn parse(&mut self) -> Result<(), BuildError> {
        let publish = self.publish();
        self.options.progress.report(Step::Parsing);
        self.parse_cache.render_bodies(&self.config, &publish);
        self.timings.lap("parse");
        let errors = self.errors();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(BuildError::Content(errors))
        }
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
        let config = &self.config;
        let Some(templates) = self.templates.as_ref() else {
            return Err(BuildError::Content(self.template_errors.clone()));
        };
        update_model(&mut self.model, &mut self.parse_cache, config, templates);
        self.timings.lap("model");
        let Some(model) = self.model.as_ref() else {
            return Ok(Staged {
                record: Record::Extend(Vec::new()),
                rendered: Rendered::default(),
            });
        };
        let renderer = Renderer::new(&model.site, config, templates, &model.prepared);

        // Rendered files win over copied files at the same path.
        let inputs = (model.plan_key, copies_key(&self.copies));
        let outputs = match self.outputs.take() {
            Some(outputs) if outputs.inputs == inputs => outputs,
            _ => {
                let mut copies = self.copies.clone();
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
        // A build writes the search index too, made on a thread of its own while the pages
        // render; `serve` indexes after the pages are served ([`Engine::search_due`]).
        let index_now = !keep && sink.keeps_files();
        let mut search_files = None;
        if self.applied.is_empty() {
            // Nothing applied yet (a build): every file is rendered, its fingerprint with it,
            // a batch at a time so that the rendered site is never held whole.
            let site = &model.site;
            std::thread::scope(|scope| -> Result<(), BuildError> {
                let indexer = index_now.then(|| {
                    scope.spawn(|| {
                        let started = Instant::now();
                        (crate::search::index(site), started.elapsed())
                    })
                });
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
                search_files = indexer.and_then(|handle| handle.join().ok());
                Ok(())
            })?;
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
            Record::Replace(fingerprints, model.plan_key)
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

    fn read_templates(&mut self) {
        let loaded = theme::template_sources(&self.root, &self.config)
            .and_then(|sources| Templates::new(&sources, &self.config));
        match loaded {
            Ok(templates) => {
                self.templates = Some(templates);
                self.template_errors.clear();
            }
            Err(errors) => self.template_errors = errors,
        }
    }

    /// Reads the files to copy (`copies`) and every briefing (`briefings`) again, in one walk
    /// over `content/` when both are asked for. A walk's errors are reported once, with the
    /// briefings when they are read.
    fn read_content(&mut self, copies: bool, briefings: bool) {
        let content = if briefings {
            let (read, content) = match files::load_content(&self.root) {
                Ok(found) => (Ok(found.briefings), Ok(found.copies)),
                Err(errors) => (Err(errors), Ok(BTreeMap::new())),
            };
            let publish = self.publish();
            self.parse_cache.read_all(read, &self.config, &publish);
            content
        } else if copies {
            files::content_files(&self.root).map(|(_, content)| content)
        } else {
            return;
        };
        if copies {
            self.read_copies(content);
        }
    }

    /// Takes the content's files to copy (or what stopped the walk over them), with the
    /// theme's and the site's static files.
    fn read_copies(&mut self, content: Result<BTreeMap<String, CopyFrom>, Vec<Diagnostic>>) {
        let copies = content.and_then(|content| {
            let mut copies = theme::static_files(&self.root, &self.config)?;
            copies.extend(content);
            Ok(copies)
        });
        match copies {
            Ok(copies) => {
                self.copies = copies;
                self.copy_errors.clear();
            }
            Err(errors) => self.copy_errors = errors,
        }
    }
}

/// Brings the model up to date with the bodies rendered since it was last: patched in place
/// when no briefing moved, built again otherwise. Each briefing's template values are made
/// again only where the briefing changed.
fn update_model(
    model: &mut Option<Model>,
    parse_cache: &mut ParseCache,
    config: &SiteConfig,
    templates: &Templates,
) {
    let fresh = parse_cache.take_fresh();
    let Some(current) = model.as_mut() else {
        let site = Site::new(parse_cache.briefings().cloned().collect());
        let prepared = render::prepare_all(&site, config);
        let plan = plan(&site, config, templates, &prepared);
        *model = Some(Model {
            site: Arc::new(site),
            prepared,
            plan_key: plan_key(&plan),
            plan,
        });
        return;
    };
    let mut edits: Vec<Edit> = fresh
        .rendered
        .iter()
        .filter_map(|path| parse_cache.body(path).cloned().map(Edit::Put))
        .collect();
    if fresh.moved {
        // Briefings that are no longer published, or no longer render.
        edits.extend(
            current
                .site
                .briefings
                .iter()
                .filter(|b| parse_cache.body(&b.content_path).is_none())
                .map(|b| Edit::Remove(b.content_path.clone())),
        );
    }
    let old_briefings: Vec<Arc<Briefing>> = current.site.briefings.clone();
    let old_prepared = std::mem::take(&mut current.prepared);
    match Arc::make_mut(&mut current.site).apply(edits) {
        Placement::InPlace(positions) => {
            let mut prepared = old_prepared;
            let made: Vec<(usize, Arc<PreparedBriefing>)> = positions
                .par_iter()
                .map(|&i| {
                    (
                        i,
                        Arc::new(render::prepare_briefing(&current.site.briefings[i], config)),
                    )
                })
                .collect();
            for (i, p) in made {
                prepared[i] = p;
            }
            current.prepared = prepared;
        }
        Placement::Reindexed => {
            let site = &current.site;
            let old_positions: FxHashMap<&str, usize> = old_briefings
                .iter()
                .enumerate()
                .map(|(i, b)| (b.content_path.as_str(), i))
                .collect();
            current.prepared = site
                .briefings
                .par_iter()
                .map(|b| {
                    let reused = old_positions.get(b.content_path.as_str()).and_then(|&i| {
                        Arc::ptr_eq(&old_briefings[i], b).then(|| old_prepared[i].clone())
                    });
                    reused.unwrap_or_else(|| Arc::new(render::prepare_briefing(b, config)))
                })
                .collect();
            current.plan = plan(site, config, templates, &current.prepared);
            current.plan_key = plan_key(&current.plan);
        }
    }
}

/// A job rendered: its entry in the plan, its fingerprint and its file (or what went wrong).
struct Done<'p> {
    entry: &'p (Job, String),
    fingerprint: u64,
    file: Result<RenderedFile, Diagnostic>,
}

/// Renders jobs in parallel, each with its fingerprint, made from the same page value.
fn render_all<'p>(
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
fn look<'p>(
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
struct Taken {
    /// The errors of every job, each once; once there is one, the sink is given nothing more.
    errors: Vec<Diagnostic>,
    /// Each file given, by output path, with its fingerprint.
    fingerprints: Vec<(String, u64)>,
    /// Files given.
    count: usize,
    /// Time spent in the sink.
    writing: Duration,
    /// Whether the fingerprints are kept.
    keep: bool,
}

impl Taken {
    fn put(&mut self, sink: &mut dyn Sink, done: Vec<Done<'_>>) -> Result<(), BuildError> {
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

/// Every job of a site and its output path.
fn plan(
    site: &Site,
    config: &SiteConfig,
    templates: &Templates,
    prepared: &[Arc<PreparedBriefing>],
) -> Vec<(Job, String)> {
    let renderer = Renderer::new(site, config, templates, prepared);
    renderer
        .jobs()
        .into_iter()
        .map(|job| (job, renderer.output_path(job)))
        .collect()
}

/// Reads `site.toml`, with the options' base URL in place of its own.
fn load_settings(
    root: &Path,
    options: &EngineOptions,
) -> Result<(SiteConfig, Vec<Diagnostic>), BuildError> {
    let loaded = SiteConfig::load(root)?;
    let mut config = loaded.config;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|e| BuildError::usage("--base-url", format!("--base-url: {e}")))?;
    }
    Ok((config, loaded.warnings))
}

/// Whether `map`, keyed by paths with `/` separators, has `path` or anything under it as a
/// folder.
pub(crate) fn holds<V>(map: &BTreeMap<String, V>, path: &Path) -> bool {
    let path = crate::error::display_path(path);
    let folder = format!("{path}/");
    map.contains_key(&path)
        || map
            .range(folder.clone()..)
            .next()
            .is_some_and(|(key, _)| key.starts_with(&folder))
}

/// The output paths of the files at `path` (one file, or every file in a folder that came
/// with files in it), given `relative`, its path in the output.
fn files_at(path: &Path, relative: &Path) -> Vec<String> {
    if !path.is_dir() {
        return vec![crate::error::display_path(relative)];
    }
    walkdir::WalkDir::new(path)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let inner = e.path().strip_prefix(path).ok()?;
            Some(crate::error::display_path(&relative.join(inner)))
        })
        .collect()
}

/// Copied files that the output cannot hold: a file where the site needs a folder (a file
/// `content/briefings` beside the folder of briefing pages), or a file inside a folder whose
/// name the site needs for a file (`content/atom.xml/x.png`). Each is named by its source, so
/// the error points at the file to rename, not at the staging folder where writing failed.
fn file_folder_clashes(
    plan: &[(Job, String)],
    copies: &BTreeMap<String, CopyFrom>,
    root: &Path,
) -> Vec<Diagnostic> {
    let files: rustc_hash::FxHashSet<&str> = plan
        .iter()
        .map(|(_, path)| path.as_str())
        .chain(copies.keys().map(String::as_str))
        .collect();
    let folders: rustc_hash::FxHashSet<&str> = files
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let source = |path: &str| match copies.get(path) {
        Some(CopyFrom::Disk(from)) => files::site_relative(root, from),
        _ => PathBuf::from(format!("theme static file {path}")),
    };
    let mut clashes = Vec::new();
    for path in copies.keys() {
        if folders.contains(path.as_str()) {
            clashes.push(Diagnostic::new(
                source(path),
                format!("this file would be written at `{path}`, where the site needs a folder (`{path}/…`); rename or move it"),
            ));
        } else if let Some(file) = path
            .match_indices('/')
            .map(|(i, _)| &path[..i])
            .find(|folder| files.contains(folder))
        {
            clashes.push(Diagnostic::new(
                source(path),
                format!("this file would be written inside `{file}/`, but the site writes a file named `{file}`; rename or move its folder"),
            ));
        }
    }
    clashes
}
