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
//!
//! Its parts: the input caches (the settings, templates and files to copy here, each with its
//! own errors; each briefing file's parse in [`parse_cache`]; the model in `model_cache`), the
//! plan (`plan`: every output and its path, the copies beside it), the scheduler that renders
//! a plan into a sink (`scheduler`), and the transaction over them (`transaction`: stage, then
//! commit or abandon).

mod folder_cache;
mod input;
mod model_cache;
mod note_cache;
pub mod parse_cache;
mod plan;
pub mod progress;
mod scheduler;
pub mod sink;
mod story_cache;
pub mod timings;
mod transaction;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::content::model::Site;
use crate::error::{BuildError, Diagnostic};
use crate::render::templates::Templates;
use crate::source::config::SiteConfig;
use crate::source::files::{self, CopyFrom};
use crate::source::layout::{self, Change};
use crate::source::parse::Publish;
use crate::source::{parse, theme};

use input::Input;
use model_cache::Model;
use note_cache::{NoteCache, note_cache};
use parse_cache::ParseCache;
use plan::Outputs;
pub use progress::{Progress, Step};
pub use sink::{ChangeSet, Discard, Sink};
use story_cache::StoryCache;
pub use timings::Timings;
pub use transaction::{Rendered, Staged, StagedUpdate, Update};

/// What an engine is opened with, beside the site folder.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Replaces `base_url` (the server's address, for `serve`; `--base-url` for a build).
    pub base_url: Option<String>,
    /// Makes every digest's emails, not only the newest `digest_emails` (`briefgen digest`
    /// prints any period's).
    pub every_digest_email: bool,
    /// Builds drafts too.
    pub drafts: bool,
    /// Builds briefings dated in the future too (as `build_future = true` does).
    pub future: bool,
    /// Renders once and is dropped (`build`, `check`): each file's text is let go as soon as
    /// its body is rendered, since no later update will compare a file with it.
    pub once: bool,
    /// With `once`: how many bytes of body texts are kept in memory — of the Markdown read, and
    /// of the HTML and search words made — the rest waiting in a temporary file (default
    /// [`crate::spill::BODIES_KEPT`]).
    pub bodies_kept: Option<usize>,
    /// Told of each stage and of files rendered (a build on a terminal shows it).
    pub progress: Progress,
}

/// A site's state, kept between renders.
pub struct Engine {
    root: PathBuf,
    options: EngineOptions,
    /// When the engine opened: briefings dated after it are in the future.
    opened: jiff::Timestamp,
    /// The settings (`site.toml`, `data/people.yaml`).
    config: Input<SiteConfig>,
    warnings: Vec<Diagnostic>,
    /// The templates, none until they first read.
    templates: Input<Option<Templates>>,
    /// The files copied as they are, by output path.
    copies: Input<BTreeMap<String, CopyFrom>>,
    parse_cache: ParseCache,
    /// The story files and their parses.
    stories: StoryCache,
    /// The editors' notes on digests and their parses.
    notes: NoteCache,
    model: Option<Model>,
    /// After a build's render, the site it rendered: the model itself is let go before the
    /// search index is made ([`Engine::stage`]), and the report still counts the site.
    spent: Option<Arc<Site>>,
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

impl Engine {
    /// Opens the site at `root`: reads the settings, the templates, the files to copy and every
    /// briefing. Only a missing or broken `site.toml` (or a bad `base_url` override) is an
    /// error here; the content's errors are kept, and reported by [`Engine::render`].
    pub fn open(root: &Path, options: EngineOptions) -> Result<Engine, BuildError> {
        let mut timings = Timings::start();
        options.progress.report(Step::Reading);
        let (config, warnings) = load_settings(root, &options)?;
        let once = options.once;
        let bodies_kept = options.bodies_kept;
        timings.lap("config");
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            opened: jiff::Timestamp::now(),
            config: Input::new(config),
            warnings,
            templates: Input::new(None),
            copies: Input::new(BTreeMap::new()),
            parse_cache: ParseCache::new(once, bodies_kept),
            stories: StoryCache::default(),
            notes: note_cache(),
            model: None,
            spent: None,
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
        engine.stories.0.read(root);
        engine.notes.read(root);
        timings.lap("load");
        engine.timings = timings;
        Ok(engine)
    }

    /// Which briefings this engine publishes.
    pub fn publish(&self) -> Publish {
        Publish {
            drafts: self.options.drafts,
            future: self.options.future || self.config.value.build_future,
            now: self.opened,
        }
    }

    /// How many briefings are left out because they are dated in the future.
    pub fn future_left_out(&self) -> usize {
        self.parse_cache.future_left_out()
    }

    /// The settings in force (the last good ones).
    pub fn config(&self) -> &SiteConfig {
        &self.config.value
    }

    /// Warnings from `site.toml`, and of the last good render: a story no published briefing
    /// names yet, a note on a digest that has no briefings.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = self.warnings.clone();
        if let Some(site) = self.site() {
            warnings.extend(
                site.stories
                    .timelines
                    .iter()
                    .filter(|t| t.briefings.is_empty())
                    .map(|t| {
                        Diagnostic::at_line(
                            &t.story.file,
                            1,
                            format!(
                                "no published briefing belongs to this story yet: its page is built, and says so; add `story: {}` to a briefing's front matter",
                                t.story.slug
                            ),
                        )
                    }),
            );
            // A note on a period without briefings has no digest to be shown on.
            let periods =
                crate::content::digest::periods(&site.briefings, self.config.value.digest);
            warnings.extend(
                site.digest_notes()
                    .iter()
                    .filter(|n| !periods.iter().any(|p| p.name == n.period))
                    .map(|n| {
                        Diagnostic::at_line(
                            &n.file,
                            1,
                            format!(
                                "no briefing is dated in {}, so it has no digest and this note is not shown",
                                n.period
                            ),
                        )
                    }),
            );
        }
        warnings
    }

    /// The model of the last good render.
    pub fn site(&self) -> Option<&Site> {
        match &self.model {
            Some(model) => Some(&model.site),
            None => self.spent.as_deref(),
        }
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
    /// build indexes once its pages are written). Ask only after a good update, whose model is
    /// the one served. `None` when nothing changed, or nothing rendered yet.
    pub fn search_due(&mut self) -> Option<(Arc<Site>, SiteConfig)> {
        use std::hash::{Hash, Hasher};
        let model = self.model.as_ref()?;
        let mut hasher = rustc_hash::FxHasher::default();
        // A briefing's full hash covers every value of it that the index reads.
        for prepared in &model.prepared {
            prepared.full_hash.hash(&mut hasher);
        }
        // And every story's values (`stories.json`), and what `search::index` reads of the
        // settings: the people's other spellings, the site's language and its words.
        model.site.story_files().hash(&mut hasher);
        self.config.value.people.hash(&mut hasher);
        self.config.value.language.hash(&mut hasher);
        self.config.value.strings.hash(&mut hasher);
        let key = hasher.finish();
        if self.search_indexed == Some(key) {
            return None;
        }
        self.search_indexed = Some(key);
        Some((Arc::clone(&model.site), self.config.value.clone()))
    }

    /// Refreshes the caches from changed paths (added, edited or deleted files and folders).
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        let mut settings = false;
        let mut templates = false;
        let mut copies = false;
        let mut rescan_content = false;
        let mut stories = false;
        let mut notes = false;
        let mut briefings = Vec::new();
        for path in changed {
            match layout::classify(&self.root, &self.config.value.theme, path) {
                Change::None => {}
                Change::Settings => settings = true,
                Change::Template => templates = true,
                Change::Briefing(content_path) => briefings.push(content_path),
                Change::Stories => stories = true,
                Change::DigestNotes => notes = true,
                Change::Copied { output, in_content } => {
                    let gone = !path.exists();
                    let held_briefings = gone && in_content && self.parse_cache.has_folder(&output);
                    if gone && !held_briefings && !holds(&self.copies.value, &output) {
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
                    self.config.errors.clear();
                    self.warnings = warnings;
                    if config != self.config.value {
                        // Every parse, page and file may depend on the settings (dates are
                        // read in the site's zone): start again from the files.
                        self.config.value = config;
                        self.parse_cache =
                            ParseCache::new(self.options.once, self.options.bodies_kept);
                        self.stories.0.forget();
                        self.notes.forget();
                        self.model = None;
                        templates = true;
                        copies = true;
                        rescan_content = true;
                    }
                }
                Err(error) => self.config.errors = error.diagnostics(),
            }
        }
        if templates {
            self.read_templates();
        }
        if stories {
            self.stories.0.read(&self.root);
        }
        if notes {
            self.notes.read(&self.root);
        }
        self.read_content(copies, rescan_content);
        if !rescan_content && !briefings.is_empty() {
            let publish = self.publish();
            self.parse_cache
                .read(&self.root, &briefings, &self.config.value, &publish);
        }
    }

    /// Every error the site has now, sorted.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.config.errors.clone();
        if !errors.is_empty() {
            // Settings that do not read stop a build before anything else is read: the rest is
            // reported once they do, as a build would report it.
            return errors;
        }
        errors.extend(self.templates.errors.iter().cloned());
        errors.extend(self.copies.errors.iter().cloned());
        errors.extend(self.parse_cache.errors());
        errors.extend(self.stories.errors(self.parse_cache.briefings()));
        errors.extend(self.notes.errors());
        let briefings: Vec<&Arc<crate::content::briefing::Briefing>> =
            self.parse_cache.briefings().collect();
        errors.extend(translation_errors(&briefings, self.parse_cache.targets()));
        parse::sort_diagnostics(&mut errors);
        errors
    }

    /// Parses what is not parsed yet (bodies, links, slugs) and reports every error the site
    /// has, before anything is rendered.
    pub fn parse(&mut self) -> Result<(), BuildError> {
        let publish = self.publish();
        self.options.progress.report(Step::Parsing);
        self.parse_cache.render_bodies(&self.config.value, &publish);
        self.stories
            .0
            .parse(&self.config.value, self.parse_cache.targets());
        self.notes
            .parse(&self.config.value, self.parse_cache.targets());
        self.timings.lap("parse");
        let errors = self.errors();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(BuildError::Content(errors))
        }
    }

    fn read_templates(&mut self) {
        let loaded = theme::template_sources(&self.root, &self.config.value)
            .and_then(|sources| Templates::new(&sources, &self.config.value));
        self.templates.take(loaded.map(Some));
    }

    /// Reads the files to copy (`copies`) and every briefing (`briefings`) again, in one walk
    /// over `content/` when both are asked for. A walk's errors are reported once, with the
    /// briefings when they are read.
    fn read_content(&mut self, copies: bool, briefings: bool) {
        let content = if briefings && self.options.once {
            // A build reads each file once, as it parses it (the texts are never held whole).
            let publish = self.publish();
            let (paths, content) = match files::content_files(&self.root) {
                Ok((paths, content)) => (Ok(paths), Ok(content)),
                Err(errors) => (Err(errors), Ok(BTreeMap::new())),
            };
            self.parse_cache
                .read_once(&self.root, paths, &self.config.value, &publish);
            content
        } else if briefings {
            let (read, content) = match files::load_content(&self.root) {
                Ok(found) => (Ok(found.briefings), Ok(found.copies)),
                Err(errors) => (Err(errors), Ok(BTreeMap::new())),
            };
            let publish = self.publish();
            self.parse_cache
                .read_all(read, &self.config.value, &publish);
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
            let mut copies = theme::static_files(&self.root, &self.config.value)?;
            copies.extend(content);
            Ok(copies)
        });
        self.copies.take(copies);
    }
}

/// Every `translation_of` that names no published briefing of the site (with the nearest
/// path that does), or the briefing itself, at its line.
fn translation_errors(
    briefings: &[&Arc<crate::content::briefing::Briefing>],
    targets: &crate::source::parse::LinkTargets,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for b in briefings {
        let Some(path) = &b.translation_of else {
            continue;
        };
        let message = if *path == b.content_path {
            "translation_of names this briefing itself: name the briefing this one translates"
                .to_string()
        } else {
            match crate::source::parse::resolve_target(targets, path) {
                Ok(_) => continue,
                Err(why) => format!("translation_of `{path}`: {why}"),
            }
        };
        let mut error = Diagnostic::at_line(&b.file, b.translation_line, message);
        let near = crate::source::stories::nearest(
            path,
            briefings
                .iter()
                .map(|o| o.content_path.as_str())
                .filter(|p| *p != b.content_path),
        );
        if let Some(near) = near.filter(|near| near != path) {
            error = error.with_hint(format!("did you mean `{near}`?"));
        }
        errors.push(error);
    }
    errors
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
    if options.every_digest_email {
        config.digest_emails = usize::MAX;
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
