//! The engine's cache of the stories: the files of `stories/` and their parses (a
//! [`FolderCache`]), and the errors they and the briefings that name them have.

use std::sync::Arc;

use crate::content::briefing::Briefing;
use crate::content::story::Story;
use crate::engine::folder_cache::{Folder, FolderCache};
use crate::error::Diagnostic;
use crate::source::stories;

/// The stories' files and parses.
pub(super) struct StoryCache(pub(super) FolderCache<Story>);

impl Default for StoryCache {
    fn default() -> StoryCache {
        StoryCache(FolderCache::new(Folder {
            load: stories::load,
            parse: |file, config, briefing_url| {
                stories::parse(file, config, briefing_url)
                    .map(|(front, body)| Story::of(file, front, body))
            },
        }))
    }
}

impl StoryCache {
    /// The stories that parsed, in the files' order (by slug).
    pub(super) fn stories(&self) -> Vec<Arc<Story>> {
        self.0.made()
    }

    /// Every problem of the story files, and of the briefings that name stories: a story that
    /// does not exist (with the nearest that does), at the line that names it.
    pub(super) fn errors<'a>(
        &self,
        briefings: impl Iterator<Item = &'a Arc<Briefing>>,
    ) -> Vec<Diagnostic> {
        let mut errors = self.0.errors();
        let files = self.0.files();
        let known: rustc_hash::FxHashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
        for briefing in briefings {
            for slug in briefing
                .stories
                .iter()
                .filter(|s| !known.contains(s.as_str()))
            {
                let near = stories::nearest(slug, files.iter().map(|f| f.name.as_str()));
                let message = format!("no story `{slug}`: there is no {}", stories::file_of(slug));
                let hint = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if files.is_empty() => format!(
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
