//! The engine's cache of the stories: the files of `stories/` as last read, each one's parse
//! (kept while its text is unchanged, unless its account links to briefings, whose addresses
//! may have moved), and the errors they and the briefings that name them have. Stories are few,
//! so a change under `stories/` reads the folder again whole.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::content::briefing::Briefing;
use crate::content::story::Story;
use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::parse::{LinkTargets, resolve_target};
use crate::source::stories::{self, StoryFile};

/// A story file's parse.
type Parsed = Result<Arc<Story>, Vec<Diagnostic>>;

/// The stories' files and parses.
#[derive(Default)]
pub(super) struct StoryCache {
    /// The files of the last good reading of the folder.
    files: Vec<StoryFile>,
    /// What was wrong with the last reading of the folder (none when it read).
    read_errors: Vec<Diagnostic>,
    /// Each file's parse, by slug, with the text it was made from.
    parsed: FxHashMap<String, (String, Parsed)>,
}

impl StoryCache {
    /// Reads `stories/` again: a failed reading keeps the last good files.
    pub(super) fn read(&mut self, root: &Path) {
        match stories::load(root) {
            Ok(files) => {
                self.read_errors.clear();
                self.files = files;
            }
            Err(errors) => self.read_errors = errors,
        }
    }

    /// Forgets every parse (the settings changed).
    pub(super) fn forget(&mut self) {
        self.parsed.clear();
    }

    /// Parses what is not parsed yet: new or changed files, and those whose account may link
    /// to briefings (through `targets`).
    pub(super) fn parse(&mut self, config: &SiteConfig, targets: &LinkTargets) {
        let briefing_url = |path: &str| resolve_target(targets, path);
        let mut parsed = std::mem::take(&mut self.parsed);
        for file in &self.files {
            let links = file.text.contains("@/") || file.text.contains(".md");
            let kept = parsed
                .remove(&file.slug)
                .filter(|(text, _)| *text == file.text && !links);
            let entry = kept.unwrap_or_else(|| {
                let made = stories::parse(file, config, &briefing_url)
                    .map(|(front, body)| Arc::new(Story::of(file, front, body)));
                (file.text.clone(), made)
            });
            self.parsed.insert(file.slug.clone(), entry);
        }
    }

    /// The stories that parsed, in the files' order (by slug).
    pub(super) fn stories(&self) -> Vec<Arc<Story>> {
        self.files
            .iter()
            .filter_map(|f| match self.parsed.get(&f.slug) {
                Some((_, Ok(story))) => Some(Arc::clone(story)),
                _ => None,
            })
            .collect()
    }

    /// Every problem of the story files, and of the briefings that name stories: a story that
    /// does not exist (with the nearest that does), at the line that names it.
    pub(super) fn errors<'a>(
        &self,
        briefings: impl Iterator<Item = &'a Arc<Briefing>>,
    ) -> Vec<Diagnostic> {
        let mut errors = self.read_errors.clone();
        for file in &self.files {
            if let Some((_, Err(e))) = self.parsed.get(&file.slug) {
                errors.extend(e.iter().cloned());
            }
        }
        let known: rustc_hash::FxHashSet<&str> =
            self.files.iter().map(|f| f.slug.as_str()).collect();
        for briefing in briefings {
            for slug in briefing
                .stories
                .iter()
                .filter(|s| !known.contains(s.as_str()))
            {
                let near = stories::nearest(slug, self.files.iter().map(|f| f.slug.as_str()));
                let message = format!("no story `{slug}`: there is no {}", stories::file_of(slug));
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if self.files.is_empty() => format!(
                        "write the story first: briefgen story new \"…\" makes {}",
                        stories::file_of(slug)
                    ),
                    None => "a briefing names a story by its file's name in stories/".to_string(),
                };
                errors.push(
                    Diagnostic::at_line(&briefing.file, briefing.stories_line, message)
                        .with_hint(hint),
                );
            }
        }
        errors
    }
}
