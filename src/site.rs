//! The build pipeline, end to end: load → parse → model → render → write. `build` runs every
//! stage, rendering and writing in batches; `check` renders and writes nothing. Each stage reports all of its problems, and a stage
//! whose input has problems is not run on it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::SiteConfig;
use crate::error::{BuildError, Diagnostic};
use crate::load::{self, FileSource};
use crate::model::{Site, TaxonomyKind};
use crate::render::{self, RenderedFile, Renderer};
use crate::templates::Templates;
use crate::write::{self, OutputFile};
use crate::{highlight, parse, theme};

/// What to build, as the command line asks.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Replaces `base_url` for this build.
    pub base_url: Option<String>,
    /// Replaces `output_dir` for this build.
    pub output_dir: Option<PathBuf>,
    /// Builds drafts too.
    pub drafts: bool,
    /// Replaces an output folder briefgen did not write.
    pub force: bool,
}

/// What a finished build or check did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Briefings built.
    pub briefings: usize,
    /// Distinct tags.
    pub tags: usize,
    /// Distinct people.
    pub people: usize,
    /// Distinct sources.
    pub sources: usize,
    /// Files written (0 for a check).
    pub files_written: usize,
    /// The output folder (the one that would be written, for a check).
    pub output_dir: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
}

/// How long each stage of a build took, in the order they ran.
#[derive(Debug, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
    lap_started: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings::start()
    }
}

impl Timings {
    /// Starts timing the first stage.
    pub fn start() -> Timings {
        Timings {
            stages: Vec::new(),
            lap_started: Instant::now(),
        }
    }

    /// Ends the current stage, naming it.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.lap_started));
        self.lap_started = now;
    }

    /// Records a stage timed elsewhere (in pieces, say), and starts the next one now.
    pub fn record(&mut self, stage: &'static str, time: Duration) {
        self.stages.push((stage, time));
        self.lap_started = Instant::now();
    }

    /// The stages and their times.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, time)| format!("{stage} {:.1} ms", time.as_secs_f64() * 1000.0))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
}

impl BuildReport {
    /// The one line a successful build prints.
    pub fn summary(&self, verb: &str) -> String {
        format!(
            "{verb} {} briefing{}, {} tags, {} people, {} sources: {} files written to {} in {:.2} s",
            self.briefings,
            if self.briefings == 1 { "" } else { "s" },
            self.tags,
            self.people,
            self.sources,
            self.files_written,
            self.output_dir.display(),
            self.elapsed.as_secs_f64()
        )
    }
}

/// A site ready to render: its model, its templates and the files copied as they are.
pub struct ModeledSite {
    /// The configuration, with the command line's overrides.
    pub config: SiteConfig,
    /// The model.
    pub site: Site,
    /// The templates.
    pub templates: Templates,
    /// Every file copied as it is, by output path.
    pub copies: BTreeMap<String, FileSource>,
    /// Where it goes.
    pub output_dir: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// Warnings raised on the way.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
}

/// How many files are rendered before they are written: enough to keep every core busy,
/// few enough that the rendered site is never held whole.
const RENDER_BATCH: usize = 1024;

/// Runs the stages before rendering: config, load, parse, model.
pub fn model(options: &BuildOptions) -> Result<ModeledSite, BuildError> {
    let mut timings = Timings::start();
    let root = options.root.as_path();
    let loaded = SiteConfig::load(root)?;
    let mut config = loaded.config;
    if let Some(base_url) = &options.base_url {
        config
            .set_base_url(base_url)
            .map_err(|e| BuildError::Usage(format!("--base-url: {e}")))?;
    }
    let output_dir = write::resolve_output_dir(
        root,
        options.output_dir.as_deref().unwrap_or(&config.output_dir),
    )?;

    timings.lap("config");

    // Templates and content are independent: report the problems of both together.
    let templates = theme::template_sources(root, &config)
        .and_then(|sources| Templates::new(&sources, &config));
    timings.lap("templates");
    let (briefing_files, content_copies) = match load::load_content(root) {
        Ok(files) => (Ok(files.briefings), files.copies),
        Err(errors) => (Err(errors), Default::default()),
    };
    let copies = copied_files(root, &config, content_copies);
    timings.lap("load");
    let briefings =
        briefing_files.and_then(|files| parse::parse_briefings(files, &config, options.drafts));
    timings.lap("parse");
    let (templates, briefings, copies) = match (templates, briefings, copies) {
        (Ok(t), Ok(b), Ok(c)) => (t, b, c),
        (t, b, c) => {
            let errors = [t.err(), b.err(), c.err()]
                .into_iter()
                .flatten()
                .flatten()
                .collect();
            return Err(BuildError::Content(errors));
        }
    };

    let site = Site::new(briefings.into_iter().map(std::sync::Arc::new).collect());
    timings.lap("model");
    Ok(ModeledSite {
        config,
        site,
        templates,
        copies,
        output_dir,
        root: root.to_path_buf(),
        warnings: loaded.warnings,
        timings,
    })
}

impl ModeledSite {
    /// Renders every page and feed, a batch at a time, and hands each batch to `sink` (which
    /// writes it, or drops it for a check), then hands over the files copied as they are.
    /// Rendering goes on after an error so that every page's problems are reported, each once;
    /// `sink` sees nothing after the first one.
    pub fn render(
        &mut self,
        mut sink: impl FnMut(&[OutputFile<'_>]) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let renderer = Renderer::new(
            &self.site,
            &self.config,
            &self.templates,
            render::prepare_all(&self.site, &self.config),
        );
        let jobs = renderer.jobs();
        let extra = generated_files(&self.config);
        // Rendered files win over copied files at the same path.
        let rendered_paths: Vec<String> = jobs
            .iter()
            .map(|&job| renderer.output_path(job))
            .chain(extra.iter().map(|f| f.path.clone()))
            .collect();
        for path in &rendered_paths {
            self.copies.remove(path);
        }
        let clashes = file_folder_clashes(&rendered_paths, &self.copies, &self.root);
        if !clashes.is_empty() {
            return Err(BuildError::Content(clashes));
        }
        let (mut rendering, mut writing) = (Duration::ZERO, Duration::ZERO);
        let mut errors: Vec<Diagnostic> = Vec::new();
        for batch in jobs.chunks(RENDER_BATCH) {
            let started = Instant::now();
            let rendered = renderer.render_jobs(batch);
            rendering += started.elapsed();
            match rendered {
                Ok(files) if errors.is_empty() => {
                    let started = Instant::now();
                    sink(&files.iter().map(OutputFile::Rendered).collect::<Vec<_>>())?;
                    writing += started.elapsed();
                }
                Ok(_) => {}
                Err(new) => {
                    for e in new {
                        if !errors.contains(&e) {
                            errors.push(e);
                        }
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(BuildError::Content(errors));
        }
        let started = Instant::now();
        let mut files: Vec<OutputFile<'_>> = extra.iter().map(OutputFile::Rendered).collect();
        files.extend(
            self.copies
                .iter()
                .map(|(path, source)| OutputFile::Copy(path, source)),
        );
        sink(&files)?;
        writing += started.elapsed();
        self.timings.record("render", rendering);
        self.timings.record("write", writing);
        Ok(())
    }
}

/// Copied files that the output cannot hold: a file where the site needs a folder (a file
/// `content/briefings` beside the folder of briefing pages), or a file inside a folder whose
/// name the site needs for a file (`content/atom.xml/x.png`). Each is named by its source, so
/// the error points at the file to rename, not at the staging folder where writing failed.
fn file_folder_clashes(
    rendered: &[String],
    copies: &BTreeMap<String, FileSource>,
    root: &Path,
) -> Vec<Diagnostic> {
    let files: rustc_hash::FxHashSet<&str> = rendered
        .iter()
        .map(String::as_str)
        .chain(copies.keys().map(String::as_str))
        .collect();
    let folders: rustc_hash::FxHashSet<&str> = files
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let source = |path: &str| match copies.get(path) {
        Some(FileSource::Disk(from)) => load::site_relative(root, from),
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

/// Files made from the settings alone: the highlighting stylesheet, `.nojekyll` (so that
/// GitHub Pages serves the files as they are) and `CNAME` (the custom domain, for Pages
/// published from a branch).
pub fn generated_files(config: &SiteConfig) -> Vec<RenderedFile> {
    let mut files = vec![RenderedFile {
        path: ".nojekyll".to_string(),
        text: String::new(),
    }];
    if let Some(css) = highlight::theme_css(&config.highlight_theme) {
        files.push(RenderedFile {
            path: highlight::CSS_PATH.to_string(),
            text: css,
        });
    }
    if let Some(domain) = &config.cname {
        files.push(RenderedFile {
            path: "CNAME".to_string(),
            text: format!("{domain}\n"),
        });
    }
    files
}

/// Files copied as they are: the theme's and the site's static files, then `content_files`
/// (the content's files that are not briefings, as the load stage found them).
pub fn copied_files(
    root: &Path,
    config: &SiteConfig,
    content_files: BTreeMap<String, FileSource>,
) -> Result<BTreeMap<String, FileSource>, Vec<Diagnostic>> {
    let mut copies = theme::static_files(root, config)?;
    copies.extend(content_files);
    Ok(copies)
}

/// Builds the site and writes it.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut modeled = model(options)?;
    let staging = write::Staging::create(&modeled.output_dir, options.force)?;
    modeled.render(|files| staging.write(files))?;
    let started_commit = Instant::now();
    let written = staging.commit()?;
    modeled.timings.record("commit", started_commit.elapsed());
    Ok(report(&modeled, written, started.elapsed()))
}

/// Runs everything but the writing: front matter, slugs, links, templates.
pub fn check(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut modeled = model(options)?;
    modeled.render(|_| Ok(()))?;
    Ok(report(&modeled, 0, started.elapsed()))
}

fn report(rendered: &ModeledSite, files_written: usize, elapsed: Duration) -> BuildReport {
    let count = |kind| rendered.site.taxonomy(kind).terms.len();
    BuildReport {
        briefings: rendered.site.briefings.len(),
        tags: count(TaxonomyKind::Tags),
        people: count(TaxonomyKind::People),
        sources: count(TaxonomyKind::Sources),
        files_written,
        output_dir: rendered.output_dir.clone(),
        elapsed,
        warnings: rendered.warnings.clone(),
        timings: rendered.timings.clone(),
    }
}
