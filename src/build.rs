//! The `build` and `check` commands over the engine: open it, render everything into a
//! staging folder (or nowhere, for a check), swap the folder in, and report what was done and
//! how long each stage took. They come after the output stage, which they write through.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::content::model::TaxonomyKind;
use crate::engine::{Discard, Engine, EngineOptions, Progress, Step, Timings};
use crate::error::{BuildError, Diagnostic};
use crate::links::{LinkOptions, LinkReport};
use crate::output::{self, Disk};

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
    /// Builds briefings dated in the future too.
    pub future: bool,
    /// Replaces an output folder briefgen did not write.
    pub force: bool,
    /// Told of each stage and of files rendered.
    pub progress: Progress,
    /// Bytes of body texts (Markdown; HTML and words) kept in memory, the rest in a temporary file (default
    /// [`crate::spill::BODIES_KEPT`]; tests set it low to go through the file).
    pub bodies_kept: Option<usize>,
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
    /// Stories.
    pub stories: usize,
    /// Files written (0 for a check).
    pub files_written: usize,
    /// The output folder (the one that would be written, for a check).
    pub output_dir: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// Briefings left out because they are dated in the future.
    pub future_left_out: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
}

impl BuildReport {
    /// What a successful build prints: one line, and one more when briefings dated in the
    /// future were left out (as Hugo says so too).
    pub fn summary(&self, verb: &str) -> String {
        let mut summary = format!(
            "{verb} {} briefing{}, {} tags, {} people, {} sources{}: {} files written to {} in {:.2} s",
            self.briefings,
            if self.briefings == 1 { "" } else { "s" },
            self.tags,
            self.people,
            self.sources,
            self.stories_counted(),
            self.files_written,
            self.output_dir.display(),
            self.elapsed.as_secs_f64()
        );
        if let Some(line) = self.left_out() {
            summary.push('\n');
            summary.push_str(&line);
        }
        summary
    }

    /// `, 3 stories` when the site has stories; nothing otherwise.
    pub fn stories_counted(&self) -> String {
        match self.stories {
            0 => String::new(),
            1 => ", 1 story".to_string(),
            n => format!(", {n} stories"),
        }
    }

    /// The line saying how many briefings dated in the future were left out, if any were.
    pub fn left_out(&self) -> Option<String> {
        let n = self.future_left_out;
        (n > 0).then(|| {
            format!(
                "Left out {n} briefing{} dated in the future; build with --future (or set build_future = true) to publish {}",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" },
            )
        })
    }
}

/// Opens the engine for a build or check of `options`, and finds its output folder.
fn open(options: &BuildOptions) -> Result<(Engine, PathBuf), BuildError> {
    let engine = Engine::open(
        &options.root,
        EngineOptions {
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            future: options.future,
            once: true,
            bodies_kept: options.bodies_kept,
            progress: options.progress.clone(),
            every_digest_email: false,
        },
    )?;
    let output_dir = output::resolve_output_dir(
        &options.root,
        options
            .output_dir
            .as_deref()
            .unwrap_or(&engine.config().output_dir),
    )?;
    Ok((engine, output_dir))
}

/// Builds the site and writes it.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let (mut engine, output_dir) = open(options)?;
    // Problems of the content are found before the output folder is touched.
    engine.parse()?;
    let mut sink = Disk::new(output::Staging::create(&output_dir, options.force)?);
    let mut rendered = engine.render(&mut sink)?;
    let started_commit = Instant::now();
    options.progress.report(Step::Writing);
    let written = sink.commit()?;
    rendered.timings.record("commit", started_commit.elapsed());
    Ok(report(
        &engine,
        output_dir,
        written,
        started.elapsed(),
        rendered.timings,
    ))
}

/// Runs everything but the writing: front matter, slugs, links, templates.
pub fn check(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    checked(options).map(|(_, report)| report)
}

/// A check, then one of the external links of the briefings it would publish.
pub fn check_external(
    options: &BuildOptions,
    links: &LinkOptions,
) -> Result<(BuildReport, LinkReport), BuildError> {
    let (engine, report) = checked(options)?;
    let briefings = engine.site().map_or(&[][..], |site| &site.briefings);
    Ok((report, crate::links::check(&options.root, briefings, links)))
}

fn checked(options: &BuildOptions) -> Result<(Engine, BuildReport), BuildError> {
    let started = Instant::now();
    let (mut engine, output_dir) = open(options)?;
    let rendered = engine.render(&mut Discard)?;
    let report = report(&engine, output_dir, 0, started.elapsed(), rendered.timings);
    Ok((engine, report))
}

fn report(
    engine: &Engine,
    output_dir: PathBuf,
    files_written: usize,
    elapsed: Duration,
    timings: Timings,
) -> BuildReport {
    let count = |kind| {
        engine
            .site()
            .map_or(0, |site| site.taxonomy(kind).terms.len())
    };
    BuildReport {
        briefings: engine.site().map_or(0, |site| site.briefings.len()),
        tags: count(TaxonomyKind::Tags),
        people: count(TaxonomyKind::People),
        sources: count(TaxonomyKind::Sources),
        stories: engine.site().map_or(0, |site| site.stories.timelines.len()),
        files_written,
        output_dir,
        elapsed,
        future_left_out: engine.future_left_out(),
        warnings: engine.warnings(),
        timings,
    }
}

/// Which of a digest's files `briefgen digest` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestFormat {
    /// The email's HTML (`email.html`).
    Html,
    /// The email's plain text (`email.txt`).
    Text,
}

/// Keeps the digests' emails of a render, and nothing else.
#[derive(Default)]
struct Emails {
    files: Vec<crate::rendered::RenderedFile>,
}

impl crate::engine::sink::Sink for Emails {
    fn put(&mut self, files: Vec<crate::rendered::RenderedFile>) -> Result<(), BuildError> {
        self.files.extend(files.into_iter().filter(|f| {
            f.path.starts_with(crate::content::urls::DIGESTS)
                && (f.path.ends_with("/email.html") || f.path.ends_with("/email.txt"))
        }));
        Ok(())
    }

    fn finish(
        &mut self,
        _: &[String],
        _: &std::collections::BTreeMap<String, crate::source::files::CopyFrom>,
    ) -> Result<(), BuildError> {
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

/// A period's digest email, exactly as a build of `options` writes it: of `period`
/// (`2025-W24`), or by default of the latest complete period — the newest whose last day is
/// before today in the site's time zone (the newest of all when none is complete yet).
pub fn digest(
    options: &BuildOptions,
    period: Option<&str>,
    format: DigestFormat,
) -> Result<Vec<u8>, BuildError> {
    use crate::content::digest::periods;
    let mut engine = Engine::open(
        &options.root,
        EngineOptions {
            base_url: options.base_url.clone(),
            every_digest_email: true,
            once: true,
            ..EngineOptions::default()
        },
    )?;
    let mut emails = Emails::default();
    engine.render(&mut emails)?;
    let config = engine.config().clone();
    if config.digest == crate::source::config::DigestEvery::Off {
        return Err(BuildError::usage(
            crate::source::layout::CONFIG_FILE,
            "digests are off (`digest = \"off\"` in site.toml): set it to \"weekly\", \"daily\" or \"monthly\"",
        ));
    }
    let site = engine
        .site()
        .ok_or_else(|| BuildError::usage("digest", "the site has no briefings"))?;
    let all = periods(&site.briefings, config.digest);
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(config.timezone.clone())
        .date();
    let chosen = match period {
        Some(name) => all.iter().find(|p| p.name == name).ok_or_else(|| {
            let known = all.iter().take(3).map(|p| format!("`{}`", p.name));
            let why = if crate::source::period::parse_name(name, config.digest).is_none() {
                format!(
                    "`{name}` is not a period of the site's {} digests (they are named like `{}`)",
                    config.digest.name(),
                    crate::source::period::example_name(config.digest)
                )
            } else {
                format!("no briefing is dated in `{name}`, so it has no digest")
            };
            BuildError::usage(
                "digest",
                format!(
                    "{why}; the latest are {}",
                    known.collect::<Vec<_>>().join(", ")
                ),
            )
        })?,
        None => all
            .iter()
            .find(|p| p.end < today)
            .or_else(|| all.first())
            .ok_or_else(|| {
                BuildError::usage("digest", "the site has no briefings, so no digest")
            })?,
    };
    let path = match format {
        DigestFormat::Html => crate::content::urls::digest_email(&chosen.name),
        DigestFormat::Text => crate::content::urls::digest_text(&chosen.name),
    };
    emails
        .files
        .into_iter()
        .find(|f| f.path == path)
        .map(|f| f.bytes)
        .ok_or_else(|| BuildError::usage("digest", format!("{path} was not rendered")))
}
