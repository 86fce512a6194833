//! The engine's cache of the parse stage: each briefing file's front matter and rendered body,
//! keyed by its path under `content/` and kept for as long as its text is unchanged, with the
//! link targets and slug clashes worked out from all of them. A build fills it once; `serve`
//! reads again only the files that changed, and renders again only the bodies that need it.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::model::Briefing;
use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::files::{self, BriefingFile};
use crate::source::layout::CONTENT_DIR;
use crate::source::parse::{self, Head, LeftOut, LinkTargets, Publish};
use crate::spill::{BODIES_KEPT, BodyText, Budget, Spill};

/// A file's parse: the value, or what is wrong with it.
type Parsed<T> = Result<T, Vec<Diagnostic>>;

/// How many briefings are read, or have their bodies rendered, in one run of a thread: the
/// texts of a run that are not kept in memory go to the temporary file in one write.
const SPILLED_TOGETHER: usize = 64;

/// Every briefing file's parse.
#[derive(Default)]
pub struct ParseCache {
    /// Front matter, by path under `content/`: every briefing file, published or not.
    heads: BTreeMap<String, Parsed<Head>>,
    /// Rendered bodies of the published briefings, by path under `content/`.
    bodies: FxHashMap<String, Parsed<Arc<Briefing>>>,
    /// Errors of the walk over `content/` (a file that cannot be read, a symlink out).
    walk_errors: Vec<Diagnostic>,
    targets: LinkTargets,
    slug_errors: Vec<Diagnostic>,
    /// Set when briefings came, went, or changed slug or draft status: link targets and slug
    /// clashes must be worked out again, and the model built again rather than patched.
    moved: bool,
    /// Set with `moved`, cleared once link targets and slug clashes are worked out again.
    targets_stale: bool,
    /// Briefings whose bodies were rendered since [`ParseCache::take_fresh`].
    fresh: Vec<String>,
    /// Whether the files are read once only: their texts are let go once rendered.
    once: bool,
    /// What is left to keep in memory of the Markdown bodies read ([`ParseCache::read_once`]),
    /// and of the HTML and search words made from them, when read once only: texts past them
    /// go to [`ParseCache::spill`].
    markdown_kept: Budget,
    made_kept: Budget,
    /// The temporary file of body texts not kept in memory.
    spill: Arc<Spill>,
    /// Briefings left out as dated in the future, when bodies were last rendered.
    future_left_out: usize,
}

/// What changed in the published briefings since the last [`ParseCache::take_fresh`].
pub struct Fresh {
    /// Whether briefings came, went, or changed slug or draft status.
    pub moved: bool,
    /// The briefings (by path under `content/`) rendered again, each once.
    pub rendered: Vec<String>,
}

impl ParseCache {
    /// An empty cache; `once` when the files are read once only (a build), so that their
    /// texts and front matter are let go as soon as their bodies are rendered, and bodies past
    /// the first `bodies_kept` bytes of their texts (default [`BODIES_KEPT`]) wait in a
    /// temporary file.
    pub fn new(once: bool, bodies_kept: Option<usize>) -> ParseCache {
        let budget = || match (once, bodies_kept) {
            (false, _) => Budget::default(),
            (true, kept) => Budget::new(kept.unwrap_or(BODIES_KEPT)),
        };
        ParseCache {
            once,
            markdown_kept: budget(),
            made_kept: budget(),
            future_left_out: 0,
            ..ParseCache::default()
        }
    }

    /// Takes every briefing of the site, as the walk over `content/` read them (or what
    /// stopped it); those whose text did not change keep their parse.
    pub fn read_all(
        &mut self,
        read: Result<Vec<BriefingFile>, Vec<Diagnostic>>,
        config: &SiteConfig,
        publish: &Publish,
    ) {
        let files = match read {
            Ok(files) => {
                self.walk_errors.clear();
                files
            }
            Err(errors) => {
                self.walk_errors = errors;
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
            self.remove(&path);
        }
        let changed: Vec<BriefingFile> = files
            .into_iter()
            .filter(|file| !self.has_text(&file.content_path, &file.text))
            .collect();
        self.parse_heads(changed, config, publish);
    }

    /// Reads and parses every briefing of `paths` (from the walk over `content/`, or what
    /// stopped it), for a build: in runs, the Markdown bodies past the budget
    /// ([`crate::spill::BODIES_KEPT`]) set aside in the temporary file as each run is read, so
    /// that the archive's text is never held whole (`serve` reads with
    /// [`ParseCache::read_all`]).
    pub fn read_once(
        &mut self,
        root: &Path,
        paths: Result<files::BriefingPaths, Vec<Diagnostic>>,
        config: &SiteConfig,
        publish: &Publish,
    ) {
        let paths = match paths {
            Ok(paths) => paths,
            Err(errors) => {
                self.walk_errors = errors;
                return;
            }
        };
        let (budget, spill) = (&self.markdown_kept, &self.spill);
        let read: Vec<Result<(String, Parsed<Head>), Diagnostic>> = paths
            .par_chunks(SPILLED_TOGETHER)
            .flat_map_iter(|run| {
                let mut done: Vec<Result<(String, Parsed<Head>), Diagnostic>> = run
                    .iter()
                    .map(|(content_path, path)| {
                        let file = files::read_briefing(root, content_path.clone(), path)?;
                        Ok((content_path.clone(), parse::read_head(file, config)))
                    })
                    .collect();
                let mut not_kept: Vec<&mut BodyText> = Vec::new();
                for head in done
                    .iter_mut()
                    .filter_map(|r| r.as_mut().ok()?.1.as_mut().ok())
                {
                    if !budget.fits(head.file.text.len()) {
                        not_kept.push(head.set_aside_body());
                    }
                }
                spill.take(&mut not_kept);
                done
            })
            .collect();
        let mut errors = Vec::new();
        let parsed = read
            .into_iter()
            .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
            .collect();
        self.walk_errors = errors;
        if self.walk_errors.is_empty() {
            self.take_heads(parsed, publish);
        }
    }

    /// Reads the given briefings (paths under `content/`) again; a missing file is removed.
    pub fn read(
        &mut self,
        root: &Path,
        content_paths: &[String],
        config: &SiteConfig,
        publish: &Publish,
    ) {
        let mut changed = Vec::new();
        for content_path in content_paths {
            let path = root.join(CONTENT_DIR).join(content_path);
            if !path.is_file() {
                self.remove(content_path);
                continue;
            }
            match files::read_briefing(root, content_path.clone(), &path) {
                Ok(file) if self.has_text(content_path, &file.text) => {}
                Ok(file) => changed.push(file),
                Err(error) => {
                    self.remove(content_path);
                    self.heads.insert(content_path.clone(), Err(vec![error]));
                }
            }
        }
        self.parse_heads(changed, config, publish);
    }

    fn remove(&mut self, content_path: &str) {
        if self.heads.remove(content_path).is_some() {
            self.moved = true;
            self.targets_stale = true;
        }
        self.bodies.remove(content_path);
    }

    /// Whether the briefing at `content_path` was parsed from exactly this text.
    fn has_text(&self, content_path: &str, text: &str) -> bool {
        matches!(self.heads.get(content_path), Some(Ok(head)) if head.file.text == text)
    }

    fn parse_heads(&mut self, files: Vec<BriefingFile>, config: &SiteConfig, publish: &Publish) {
        let parsed: Vec<(String, Parsed<Head>)> = files
            .into_par_iter()
            .map(|file| (file.content_path.clone(), parse::read_head(file, config)))
            .collect();
        self.take_heads(parsed, publish);
    }

    /// Takes new parses of files, noting when briefings came, went or changed slug.
    fn take_heads(&mut self, parsed: Vec<(String, Parsed<Head>)>, publish: &Publish) {
        let link_identity = |head: Option<&Parsed<Head>>| match head {
            Some(Ok(h)) => Some((h.slug.clone(), h.is_published(publish))),
            _ => None,
        };
        for (content_path, head) in parsed {
            self.bodies.remove(&content_path);
            if link_identity(self.heads.get(&content_path)) != link_identity(Some(&head)) {
                self.moved = true;
                self.targets_stale = true;
            }
            self.heads.insert(content_path, head);
        }
    }

    /// Renders the bodies that need it: new or changed briefings, and — when briefings came,
    /// went or changed slugs — every briefing that may link to others.
    pub fn render_bodies(&mut self, config: &SiteConfig, publish: &Publish) {
        let mut links_moved = false;
        if self.targets_stale {
            self.targets_stale = false;
            let files = self
                .heads
                .iter()
                .map(|(path, head)| (path.as_str(), head.as_ref().ok()));
            let url_of = |slug: &str| config.url_for(&crate::content::urls::briefing(slug));
            let targets = parse::link_targets(files, url_of, publish);
            links_moved = targets != self.targets;
            self.targets = targets;
            let published: Vec<&Head> = self
                .heads
                .values()
                .flatten()
                .filter(|h| h.is_published(publish))
                .collect();
            self.slug_errors = parse::slug_clashes(&published);
            self.future_left_out = self
                .heads
                .values()
                .flatten()
                .filter(|h| publish.left_out(h) == Some(LeftOut::Future))
                .count();
            // Drop the bodies of briefings that are no longer published.
            let published: HashSet<&String> = self
                .heads
                .iter()
                .filter(|(_, h)| h.as_ref().is_ok_and(|h| h.is_published(publish)))
                .map(|(p, _)| p)
                .collect();
            self.bodies.retain(|path, _| published.contains(path));
        }
        let (targets, bodies) = (&self.targets, &self.bodies);
        let needed: Vec<&Head> = self
            .heads
            .values()
            .flatten()
            .filter(|h| h.is_published(publish))
            .filter(|h| {
                !bodies.contains_key(&h.file.content_path)
                    || (links_moved && h.may_link_to_briefings())
            })
            .collect();
        let (budget, spill) = (&self.made_kept, &self.spill);
        // In runs, so that the texts of a run that are not kept go to the file in one write.
        let rendered: Vec<(String, Parsed<Arc<Briefing>>)> = needed
            .par_chunks(SPILLED_TOGETHER)
            .flat_map_iter(|run| {
                let mut done: Vec<(String, Parsed<Briefing>)> = run
                    .iter()
                    .map(|h| {
                        let briefing = Briefing::render(h, config, targets);
                        (h.file.content_path.clone(), briefing)
                    })
                    .collect();
                let mut not_kept: Vec<&mut BodyText> = Vec::new();
                for b in done.iter_mut().filter_map(|(_, b)| b.as_mut().ok()) {
                    if !budget.fits(b.html.len() + b.words.len()) {
                        not_kept.extend([&mut b.html, &mut b.words]);
                    }
                }
                spill.take(&mut not_kept);
                done.into_iter().map(|(path, b)| (path, b.map(Arc::new)))
            })
            .collect();
        self.fresh
            .extend(rendered.iter().map(|(path, _)| path.clone()));
        self.bodies.extend(rendered);
        if self.once {
            // Nothing will be compared with these texts again: keep only the errors.
            self.heads.retain(|_, head| head.is_err());
        }
    }

    /// What changed since the last call, for the model; the record starts again empty.
    pub fn take_fresh(&mut self) -> Fresh {
        let mut rendered = std::mem::take(&mut self.fresh);
        rendered.sort();
        rendered.dedup();
        Fresh {
            moved: std::mem::replace(&mut self.moved, false),
            rendered,
        }
    }

    /// Whether a folder (its path under `content/`) holds briefings, as last read.
    pub fn has_folder(&self, folder: &Path) -> bool {
        crate::engine::holds(&self.heads, folder)
    }

    /// A published briefing's rendered body, if it rendered.
    pub fn body(&self, content_path: &str) -> Option<&Arc<Briefing>> {
        self.bodies.get(content_path).and_then(|b| b.as_ref().ok())
    }

    /// How many briefings (whose front matter reads) the last [`ParseCache::render_bodies`] found
    /// dated in the future, and left out.
    pub fn future_left_out(&self) -> usize {
        self.future_left_out
    }

    /// Every published briefing that rendered, in no particular order.
    /// Where links to each briefing lead, as last worked out.
    pub fn targets(&self) -> &LinkTargets {
        &self.targets
    }

    pub fn briefings(&self) -> impl Iterator<Item = &Arc<Briefing>> {
        self.bodies.values().flatten()
    }

    /// Every problem of every file, in no particular order.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.walk_errors.clone();
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
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build's read sets aside in the file every Markdown body past its budget, and only
    /// those: what the file holds is their bodies, byte for byte.
    #[test]
    fn a_read_once_sets_aside_the_markdown_past_its_budget() {
        let dir = tempfile::tempdir().unwrap();
        let bodies = ["First body.\n", "Second, longer body.\n", "Third.\n"];
        for (i, body) in bodies.iter().enumerate() {
            let path = dir.path().join(CONTENT_DIR).join(format!("b{i}.md"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let front = format!("---\ntitle: B{i}\ndate: 2019-02-2{i}\nsource: KBS\n---\n");
            std::fs::write(path, format!("{front}{body}")).unwrap();
        }
        let config = SiteConfig::parse("base_url = \"https://e.org/\"\n")
            .unwrap()
            .config;
        let publish = Publish {
            drafts: false,
            future: false,
            now: jiff::Timestamp::now(),
        };
        let read = |budget: usize| {
            let mut cache = ParseCache::new(true, Some(budget));
            let paths = files::content_files(dir.path()).map(|(paths, _)| paths);
            cache.read_once(dir.path(), paths, &config, &publish);
            let heads: Vec<&Head> = cache.heads.values().flatten().collect();
            assert_eq!(heads.len(), bodies.len());
            for (head, body) in heads.iter().zip(bodies) {
                assert_eq!(head.body(), body);
            }
            cache.spill.written()
        };
        let all: usize = bodies.iter().map(|b| b.len()).sum();
        assert_eq!(read(0), all as u64);
        assert_eq!(read(usize::MAX), 0);
    }
}
