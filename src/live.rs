//! A site kept in memory for `serve`: built once, then brought up to date from the files that
//! changed. Only what a change touched is redone — the changed briefings are parsed again, the
//! model is rebuilt (cheap), and only the files whose inputs changed (by their fingerprints)
//! are rendered again. A change with errors leaves the last good site in place.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::error::{BuildError, Diagnostic};
use crate::load::{self, CONTENT_DIR, FileSource};
use crate::model::{Briefing, Site};
use crate::parse::{self, Head, LinkTargets};
use crate::render::{self, PreparedBriefing, RenderedFile, Renderer};
use crate::site::Timings;
use crate::templates::Templates;
use crate::theme;

/// A briefing's parse: the briefing, or what is wrong with it.
type Parsed<T> = Result<T, Vec<Diagnostic>>;

/// One rendered file and the fingerprint of its inputs.
#[derive(Clone)]
struct Output {
    fingerprint: u64,
    bytes: Arc<[u8]>,
}

/// What the server serves: rendered files, files copied from disk, and the current errors.
#[derive(Clone, Default)]
pub struct Snapshot {
    /// Rendered files by output path (`briefings/x/index.html`).
    pub files: HashMap<String, Arc<[u8]>>,
    /// Files served from where they are, by output path.
    pub copies: BTreeMap<String, FileSource>,
    /// The errors of the last change; empty when the site is good.
    pub errors: Vec<Diagnostic>,
}

/// What one update did.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Output paths whose content changed, was added or was removed.
    pub changed: Vec<String>,
    /// Files rendered.
    pub rendered: usize,
    /// The errors found; when there are any, nothing changed.
    pub errors: Vec<Diagnostic>,
    /// How long the update took.
    pub elapsed: Duration,
    /// How long each step took.
    pub timings: Timings,
}

impl Update {
    /// Whether only stylesheets changed, so that pages can swap them without reloading.
    pub fn only_stylesheets(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// The in-memory site.
pub struct LiveSite {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    config: SiteConfig,
    warnings: Vec<Diagnostic>,
    templates: Option<Templates>,
    template_errors: Vec<Diagnostic>,
    copy_errors: Vec<Diagnostic>,
    content_errors: Vec<Diagnostic>,
    heads: BTreeMap<String, Parsed<Head>>,
    bodies: FxHashMap<String, Parsed<Arc<Briefing>>>,
    targets: LinkTargets,
    /// Set when briefings came, went, or changed slug or draft status: link targets and slug
    /// clashes must be worked out again.
    targets_dirty: bool,
    slug_errors: Vec<Diagnostic>,
    /// The model of the last render, kept so that an edit that moves nothing is patched in.
    model: Option<Model>,
    /// Briefings whose bodies were rendered since the last model.
    fresh_bodies: Vec<String>,
    outputs: FxHashMap<String, Output>,
    /// Output paths changed by updates that then failed (a page dropped, a file copied), not
    /// yet published: the next good update publishes them with its own.
    pending: Vec<String>,
    copies: BTreeMap<String, FileSource>,
    errors: Vec<Diagnostic>,
}

impl LiveSite {
    /// Loads and builds the site at `root` with `base_url` (the local server's address). Only a
    /// missing or broken `site.toml` is an error here; content errors are kept in the site.
    pub fn open(
        root: &Path,
        base_url: &str,
        drafts: bool,
    ) -> Result<(LiveSite, Update), BuildError> {
        let started = Instant::now();
        let config = load_config(root, base_url).map_err(BuildError::Content)?;
        let mut site = LiveSite {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            drafts,
            warnings: config.1,
            config: config.0,
            templates: None,
            template_errors: Vec::new(),
            copy_errors: Vec::new(),
            content_errors: Vec::new(),
            heads: BTreeMap::new(),
            bodies: FxHashMap::default(),
            targets: LinkTargets::new(),
            targets_dirty: true,
            slug_errors: Vec::new(),
            model: None,
            fresh_bodies: Vec::new(),
            outputs: FxHashMap::default(),
            pending: Vec::new(),
            copies: BTreeMap::new(),
            errors: Vec::new(),
        };
        site.reload_templates();
        site.reload_copies();
        site.reload_all_content();
        let update = site.render(started, |_, _| {});
        Ok((site, update))
    }

    /// Warnings from `site.toml`.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// What the server should serve now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            files: self
                .outputs
                .iter()
                .map(|(path, output)| (path.clone(), output.bytes.clone()))
                .collect(),
            copies: self.copies.clone(),
            errors: self.errors.clone(),
        }
    }

    /// Brings `served` up to date with this site, given the output paths that changed since it
    /// was last brought up to date: cheap, whatever the size of the site.
    pub fn publish_into(&self, served: &mut Snapshot, changed: &[String]) {
        for path in changed {
            match self.outputs.get(path) {
                Some(output) => {
                    served.files.insert(path.clone(), output.bytes.clone());
                }
                None => {
                    served.files.remove(path);
                }
            }
        }
        if served.copies.len() != self.copies.len() || !changed.is_empty() {
            served.copies.clone_from(&self.copies);
        }
        served.errors.clone_from(&self.errors);
    }

    /// Brings the site up to date with changed files (added, edited or deleted), given by
    /// their paths on disk.
    pub fn update(&mut self, changed: &[PathBuf]) -> Update {
        self.update_in_steps(changed, |_, _| {})
    }

    /// As [`LiveSite::update`], calling `early` with the output paths changed so far once the
    /// files that do not list every briefing are up to date, before the few that do
    /// (chronology, sitemap) are rendered, so that a server can serve the edited page sooner.
    pub fn update_in_steps(
        &mut self,
        changed: &[PathBuf],
        early: impl FnMut(&LiveSite, &[String]),
    ) -> Update {
        let started = Instant::now();
        let theme_dir = theme::theme_dir(&self.root, &self.config);
        let content_dir = self.root.join(CONTENT_DIR);
        let mut config_changed = false;
        let mut templates_changed = false;
        let mut copies_changed = false;
        let mut rescan_content = false;
        let mut briefings = Vec::new();
        let mut copied = Vec::new();
        for path in changed {
            if crate::ignore::is_ignored(path.strip_prefix(&self.root).unwrap_or(path)) {
                continue;
            }
            if path == &self.root.join(CONFIG_FILE) {
                config_changed = true;
            } else if path.starts_with(self.root.join("templates"))
                || path.starts_with(theme_dir.join("templates"))
            {
                templates_changed = true;
            } else if let Ok(relative) = path.strip_prefix(&content_dir) {
                if path.extension().is_some_and(|e| e == "md") {
                    briefings.push(crate::error::display_path(relative));
                } else {
                    copies_changed = true;
                    copied.extend(files_at(path, relative));
                    // A folder that came, went or was renamed: look at everything again.
                    rescan_content |= path.is_dir() || !path.exists();
                }
            } else if let Some(relative) = [
                self.root.join(load::STATIC_DIR),
                theme_dir.join(load::STATIC_DIR),
            ]
            .iter()
            .find_map(|dir| path.strip_prefix(dir).ok())
            {
                copies_changed = true;
                copied.extend(files_at(path, relative));
            }
        }

        if config_changed {
            match load_config(&self.root, &self.base_url) {
                Ok((config, warnings)) => {
                    if config.timezone != self.config.timezone {
                        // Dates without an offset are read in the site's zone: parse again.
                        self.heads.clear();
                    }
                    self.config = config;
                    self.warnings = warnings;
                    // Every page may depend on the settings: start again from the files.
                    self.bodies.clear();
                    self.model = None;
                    self.targets_dirty = true;
                    templates_changed = true;
                    copies_changed = true;
                    rescan_content = true;
                }
                Err(errors) => {
                    return self.failed(errors, started);
                }
            }
        }
        if templates_changed {
            self.reload_templates();
        }
        let copies_before: HashSet<String> = if copies_changed {
            self.copies.keys().cloned().collect()
        } else {
            HashSet::new()
        };
        if copies_changed {
            self.reload_copies();
        }
        if rescan_content {
            self.reload_all_content();
        } else if !briefings.is_empty() {
            self.reload_briefings(&briefings);
        }
        let mut update = self.render(started, early);
        if !update.errors.is_empty() {
            self.pending.extend(copied);
        } else {
            // Files copied now or before (a touched folder is not a change of its own).
            copied.retain(|path| self.copies.contains_key(path) || copies_before.contains(path));
            update.changed.extend(copied);
            update.changed.sort();
            update.changed.dedup();
        }
        update
    }

    fn reload_templates(&mut self) {
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

    fn reload_copies(&mut self) {
        let copies = load::content_files(&self.root)
            .and_then(|(_, content)| crate::site::copied_files(&self.root, &self.config, content));
        match copies {
            Ok(copies) => {
                self.copies = copies;
                self.copy_errors.clear();
            }
            Err(errors) => self.copy_errors = errors,
        }
    }

    /// Reads every briefing again; those whose text did not change keep their parse.
    fn reload_all_content(&mut self) {
        let files = match load::load_content(&self.root) {
            Ok(files) => {
                self.content_errors.clear();
                files.briefings
            }
            Err(errors) => {
                self.content_errors = errors;
                return;
            }
        };
        let present: HashSet<&str> = files.iter().map(|f| f.content_path.as_str()).collect();
        let gone: Vec<String> = self
            .heads
            .keys()
            .filter(|p| !present.contains(p.as_str()))
            .cloned()
            .collect();
        for path in gone {
            self.remove_briefing(&path);
        }
        let changed: Vec<load::SourceFile> = files
            .into_iter()
            .filter(|file| !self.has_text(&file.content_path, &file.text))
            .collect();
        self.parse_heads(changed);
    }

    /// Reads the given briefings (paths under `content/`) again; a missing file is removed.
    fn reload_briefings(&mut self, content_paths: &[String]) {
        let mut changed = Vec::new();
        for content_path in content_paths {
            let path = self.root.join(CONTENT_DIR).join(content_path);
            if !path.is_file() {
                self.remove_briefing(content_path);
                continue;
            }
            match load::read_briefing(&self.root, content_path.clone(), &path) {
                Ok(file) if self.has_text(content_path, &file.text) => {}
                Ok(file) => changed.push(file),
                Err(error) => {
                    self.remove_briefing(content_path);
                    self.heads.insert(content_path.clone(), Err(vec![error]));
                }
            }
        }
        self.parse_heads(changed);
    }

    fn remove_briefing(&mut self, content_path: &str) {
        if self.heads.remove(content_path).is_some() {
            self.targets_dirty = true;
        }
        self.bodies.remove(content_path);
    }

    /// Whether the briefing at `content_path` was parsed from exactly this text.
    fn has_text(&self, content_path: &str, text: &str) -> bool {
        matches!(self.heads.get(content_path), Some(Ok(head)) if head.file.text == text)
    }

    fn parse_heads(&mut self, files: Vec<load::SourceFile>) {
        let config = &self.config;
        let parsed: Vec<(String, Parsed<Head>)> = files
            .into_par_iter()
            .map(|file| (file.content_path.clone(), parse::read_head(file, config)))
            .collect();
        let drafts = self.drafts;
        let link_identity = |head: Option<&Parsed<Head>>| match head {
            Some(Ok(h)) => Some((h.slug.clone(), h.is_published(drafts))),
            _ => None,
        };
        for (content_path, head) in parsed {
            self.bodies.remove(&content_path);
            if link_identity(self.heads.get(&content_path)) != link_identity(Some(&head)) {
                self.targets_dirty = true;
            }
            self.heads.insert(content_path, head);
        }
    }

    /// Renders the bodies that need it: new or changed briefings, and — when briefings came,
    /// went or changed slugs — every briefing that may link to others.
    fn render_bodies(&mut self) {
        let mut links_moved = false;
        // Briefings came, went, or changed slug or draft status.
        let published_changed = self.targets_dirty;
        if published_changed {
            let files = self
                .heads
                .iter()
                .map(|(path, head)| (path.as_str(), head.as_ref().ok()));
            let targets = parse::link_targets(files, &self.config, self.drafts);
            links_moved = targets != self.targets;
            self.targets = targets;
            let published: Vec<&Head> = self
                .heads
                .values()
                .flatten()
                .filter(|h| h.is_published(self.drafts))
                .collect();
            self.slug_errors = parse::slug_clashes(&published);
            self.targets_dirty = false;
        }
        let (config, targets, drafts) = (&self.config, &self.targets, self.drafts);
        let bodies = &self.bodies;
        let needed: Vec<&Head> = self
            .heads
            .values()
            .flatten()
            .filter(|h| h.is_published(drafts))
            .filter(|h| {
                !bodies.contains_key(&h.file.content_path)
                    || (links_moved && h.may_link_to_briefings())
            })
            .collect();
        let rendered: Vec<(String, Parsed<Arc<Briefing>>)> = needed
            .into_par_iter()
            .map(|h| {
                (
                    h.file.content_path.clone(),
                    parse::render_body(h, config, targets).map(Arc::new),
                )
            })
            .collect();
        self.fresh_bodies
            .extend(rendered.iter().map(|(path, _)| path.clone()));
        self.bodies.extend(rendered);
        if published_changed {
            // Drop the bodies of briefings that are no longer published.
            let published: HashSet<&String> = self
                .heads
                .iter()
                .filter(|(_, h)| h.as_ref().is_ok_and(|h| h.is_published(drafts)))
                .map(|(p, _)| p)
                .collect();
            self.bodies.retain(|path, _| published.contains(path));
        }
    }

    /// Records errors and reports an update that changed nothing because of them.
    fn failed(&mut self, errors: Vec<Diagnostic>, started: Instant) -> Update {
        self.errors = errors.clone();
        Update {
            errors,
            elapsed: started.elapsed(),
            ..Update::default()
        }
    }

    /// Puts the briefings rendered since the last model into it in place, when none of them
    /// moved (same date, slug and terms) — the usual edit. Returns whether it could.
    fn patch_model(&mut self) -> bool {
        let Some(model) = self.model.as_mut() else {
            return false;
        };
        let mut replacements = Vec::with_capacity(self.fresh_bodies.len());
        for content_path in &self.fresh_bodies {
            let (Some(Ok(new)), Some(&index)) = (
                self.bodies.get(content_path),
                model.positions.get(content_path),
            ) else {
                return false;
            };
            if !same_place(&model.site.briefings[index], new) {
                return false;
            }
            replacements.push((index, new.clone()));
        }
        let config = &self.config;
        let prepared: Vec<(usize, Arc<Briefing>, Arc<PreparedBriefing>)> = replacements
            .into_par_iter()
            .map(|(index, b)| {
                let p = Arc::new(render::prepare_briefing(&b, config));
                (index, b, p)
            })
            .collect();
        for (index, briefing, p) in prepared {
            model.site.briefings[index] = briefing;
            model.prepared[index] = p;
        }
        true
    }

    /// Builds the model from every briefing, reusing the prepared values of unchanged ones.
    fn rebuild_model(&mut self) {
        let briefings: Vec<Arc<Briefing>> = self.bodies.values().flatten().cloned().collect();
        let site = Site::new(briefings);
        let old = self.model.take();
        let config = &self.config;
        let prepared: Vec<Arc<PreparedBriefing>> = site
            .briefings
            .par_iter()
            .map(|b| {
                let reused = old.as_ref().and_then(|m| {
                    let index = *m.positions.get(&b.content_path)?;
                    Arc::ptr_eq(&m.site.briefings[index], b).then(|| m.prepared[index].clone())
                });
                reused.unwrap_or_else(|| Arc::new(render::prepare_briefing(b, config)))
            })
            .collect();
        let positions = site
            .briefings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.content_path.clone(), i))
            .collect();
        let plan = {
            let templates_missing = self.templates.is_none();
            if templates_missing {
                Vec::new()
            } else {
                let templates = self.templates.as_ref().expect("checked above");
                let renderer = Renderer::new(&site, config, templates, prepared.clone());
                renderer
                    .jobs()
                    .into_iter()
                    .map(|job| (job, renderer.output_path(job)))
                    .collect()
            }
        };
        self.model = Some(Model {
            site,
            positions,
            prepared,
            plan,
        });
    }

    /// Every error the site has now, sorted.
    fn current_errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self.template_errors.clone();
        errors.extend(self.copy_errors.iter().cloned());
        errors.extend(self.content_errors.iter().cloned());
        for head in self.heads.values() {
            if let Err(e) = head {
                errors.extend(e.iter().cloned());
            }
        }
        for body in self.bodies.values() {
            if let Err(e) = body {
                errors.extend(e.iter().cloned());
            }
        }
        errors.extend(self.slug_errors.iter().cloned());
        parse::sort_diagnostics(&mut errors);
        errors
    }

    /// Rebuilds the model and renders the files whose inputs changed.
    fn render(&mut self, started: Instant, mut early: impl FnMut(&LiveSite, &[String])) -> Update {
        let mut timings = Timings::start();
        // Briefings came, went or moved: the model is built again rather than patched.
        let structure_changed = self.targets_dirty;
        self.render_bodies();
        timings.lap("parse");
        let errors = self.current_errors();
        timings.lap("errors");
        if self.templates.is_none() || !errors.is_empty() {
            return self.failed(errors, started);
        }
        timings.lap("collect");
        let no_plan = self.model.as_ref().is_none_or(|m| m.plan.is_empty());
        if structure_changed || no_plan || !self.patch_model() {
            self.rebuild_model();
        }
        self.fresh_bodies.clear();
        timings.lap("model");
        let (Some(model), Some(templates)) = (self.model.as_ref(), self.templates.as_ref()) else {
            return Update::default();
        };
        let config = &self.config;
        let renderer = Renderer::new(&model.site, config, templates, model.prepared.clone());
        let outputs = &self.outputs;
        let planned: Vec<(render::Job, String, u64)> = model
            .plan
            .par_iter()
            .map(|(job, path)| (*job, path.clone(), renderer.fingerprint(*job)))
            .collect();
        let stale: Vec<render::Job> = planned
            .iter()
            .filter(|(_, path, fingerprint)| {
                outputs
                    .get(path)
                    .is_none_or(|o| o.fingerprint != *fingerprint)
            })
            .map(|(job, _, _)| *job)
            .collect();
        timings.lap("plan");
        // Pages that list every briefing come last, so that the page being edited (and most
        // others) can be served while they render.
        let (first, last): (Vec<render::Job>, Vec<render::Job>) =
            stale.into_iter().partition(|job| !lists_everything(*job));
        let generated = crate::site::generated_files(config);
        let planned_paths: HashSet<&str> = planned
            .iter()
            .map(|(_, p, _)| p.as_str())
            .chain(generated.iter().map(|f| f.path.as_str()))
            .collect();
        let mut changed: Vec<String> = self
            .outputs
            .keys()
            .filter(|p| !planned_paths.contains(p.as_str()))
            .cloned()
            .collect();
        self.outputs
            .retain(|path, _| planned_paths.contains(path.as_str()));
        let fingerprints: FxHashMap<&str, u64> =
            planned.iter().map(|(_, p, f)| (p.as_str(), *f)).collect();
        let mut count = 0;
        for (step, jobs) in [first, last].into_iter().enumerate() {
            let rendered = match renderer.render_jobs(&jobs) {
                Ok(files) => files,
                Err(errors) => {
                    // Pages dropped or rendered so far are not published: keep them for the
                    // next good update (a deleted briefing's page must go then).
                    self.pending.append(&mut changed);
                    return self.failed(errors, started);
                }
            };
            count += rendered.len();
            for file in rendered {
                let fingerprint = fingerprints[file.path.as_str()];
                put_output(&mut self.outputs, file, fingerprint, &mut changed);
            }
            if step == 0 {
                timings.lap("render");
                if !changed.is_empty() {
                    early(&*self, &changed);
                }
                timings.lap("publish");
            }
        }
        for file in generated {
            put_output(&mut self.outputs, file, 0, &mut changed);
        }
        changed.append(&mut self.pending);
        changed.sort();
        changed.dedup();
        self.errors.clear();
        timings.lap("render lists");
        Update {
            changed,
            rendered: count,
            errors: Vec::new(),
            elapsed: started.elapsed(),
            timings,
        }
    }
}

/// Keeps a rendered file as the output at its path, noting the path in `changed` when its
/// bytes differ from what was served.
fn put_output(
    outputs: &mut FxHashMap<String, Output>,
    file: RenderedFile,
    fingerprint: u64,
    changed: &mut Vec<String>,
) {
    let bytes: Arc<[u8]> = Arc::from(file.text.into_bytes());
    if outputs.get(&file.path).is_none_or(|o| o.bytes != bytes) {
        changed.push(file.path.clone());
    }
    outputs.insert(file.path, Output { fingerprint, bytes });
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

/// The model of a render and what was worked out from it.
struct Model {
    site: Site,
    /// Where each briefing is in `site.briefings`, by content path.
    positions: FxHashMap<String, usize>,
    /// Each briefing's template values, in `site.briefings` order.
    prepared: Vec<Arc<PreparedBriefing>>,
    /// Every job of the site and its output path.
    plan: Vec<(render::Job, String)>,
}

/// Whether an edited briefing sits where the old one did: in the same place of every list.
fn same_place(old: &Briefing, new: &Briefing) -> bool {
    old.date == new.date
        && old.slug == new.slug
        && old.people == new.people
        && old.tags == new.tags
        && old.source.name == new.source.name
        && old.draft == new.draft
}

/// Jobs whose page lists every briefing of the site.
fn lists_everything(job: render::Job) -> bool {
    matches!(job, render::Job::Chronology | render::Job::Sitemap)
}

fn load_config(
    root: &Path,
    base_url: &str,
) -> Result<(SiteConfig, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE))
        .map_err(|e| vec![Diagnostic::new(CONFIG_FILE, format!("cannot be read: {e}"))])?;
    let loaded = SiteConfig::parse(&text)?;
    let mut config = loaded.config;
    config
        .set_base_url(base_url)
        .map_err(|e| vec![Diagnostic::new(CONFIG_FILE, e)])?;
    Ok((config, loaded.warnings))
}
