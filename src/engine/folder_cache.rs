//! The engine's cache of a folder of named files at the site's root — the stories
//! (`stories/`), the editors' notes on digests (`digests/`): the files as last read, and each
//! one's parse, kept while its text is unchanged (unless it links to briefings, whose
//! addresses may have moved). These folders hold few files, so a change in one reads it again
//! whole.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::files::NamedFile;
use crate::source::parse::{LinkTargets, resolve_target};

/// How a folder's files are read, and one of them parsed.
pub(super) struct Folder<T> {
    /// Reads the folder's files.
    pub(super) load: fn(&Path) -> Result<Vec<NamedFile>, Vec<Diagnostic>>,
    /// Parses one file, its links to briefings resolved by the function given.
    #[allow(clippy::type_complexity)]
    pub(super) parse: fn(
        &NamedFile,
        &SiteConfig,
        &(dyn Fn(&str) -> Result<String, String> + Sync),
    ) -> Result<T, Vec<Diagnostic>>,
}

/// A file's parse.
type Parsed<T> = Result<Arc<T>, Vec<Diagnostic>>;

/// A folder's files and parses.
pub(super) struct FolderCache<T> {
    folder: Folder<T>,
    /// The files of the last good reading of the folder.
    files: Vec<NamedFile>,
    /// What was wrong with the last reading of the folder (none when it read).
    read_errors: Vec<Diagnostic>,
    /// Each file's parse, by name, with the text it was made from.
    parsed: FxHashMap<String, (String, Parsed<T>)>,
}

impl<T> FolderCache<T> {
    /// A cache of the folder, nothing read yet.
    pub(super) fn new(folder: Folder<T>) -> FolderCache<T> {
        FolderCache {
            folder,
            files: Vec::new(),
            read_errors: Vec::new(),
            parsed: FxHashMap::default(),
        }
    }

    /// Reads the folder again: a failed reading keeps the last good files.
    pub(super) fn read(&mut self, root: &Path) {
        match (self.folder.load)(root) {
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

    /// Parses what is not parsed yet: new or changed files, and those that may link to
    /// briefings (through `targets`).
    pub(super) fn parse(&mut self, config: &SiteConfig, targets: &LinkTargets) {
        let briefing_url = |path: &str| resolve_target(targets, path);
        let mut parsed = std::mem::take(&mut self.parsed);
        for file in &self.files {
            let links = file.text.contains("@/") || file.text.contains(".md");
            let kept = parsed
                .remove(&file.name)
                .filter(|(text, _)| *text == file.text && !links);
            let entry = kept.unwrap_or_else(|| {
                let made = (self.folder.parse)(file, config, &briefing_url).map(Arc::new);
                (file.text.clone(), made)
            });
            self.parsed.insert(file.name.clone(), entry);
        }
    }

    /// What the files that parsed made, in the files' order (by name).
    pub(super) fn made(&self) -> Vec<Arc<T>> {
        self.files
            .iter()
            .filter_map(|f| match self.parsed.get(&f.name) {
                Some((_, Ok(made))) => Some(Arc::clone(made)),
                _ => None,
            })
            .collect()
    }

    /// The files as last read.
    pub(super) fn files(&self) -> &[NamedFile] {
        &self.files
    }

    /// Every problem of the folder's files.
    pub(super) fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.read_errors.clone();
        for file in &self.files {
            if let Some((_, Err(e))) = self.parsed.get(&file.name) {
                errors.extend(e.iter().cloned());
            }
        }
        errors
    }
}
