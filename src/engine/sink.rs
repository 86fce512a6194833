//! Where the engine's rendered files go. A [`Sink`] takes files while an update is rendered and
//! is told when every file has rendered; only then may it make them visible. `build` writes
//! into a staging folder that replaces the output folder at the end (`output::Disk`); `check` keeps
//! nothing ([`Discard`]); `serve` gathers a [`ChangeSet`] that the server applies to what it
//! serves (`serve::Served`) in one step.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::BuildError;
use crate::rendered::RenderedFile;
use crate::source::files::CopyFrom;

/// Takes the files of an update.
pub trait Sink {
    /// Files rendered so far (in batches, as they render). Nothing is visible yet.
    fn put(&mut self, files: Vec<RenderedFile>) -> Result<(), BuildError>;
    /// Every file has rendered: `removed` are output paths the site no longer has, `copies`
    /// every file copied as it is.
    fn finish(
        &mut self,
        removed: &[String],
        copies: &BTreeMap<String, CopyFrom>,
    ) -> Result<(), BuildError>;
    /// Whether the files it is given are kept (so that files made only to be kept, such as
    /// the search index, are worth making).
    fn keeps_files(&self) -> bool {
        true
    }
}

/// Keeps nothing: for `check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&mut self, _: Vec<RenderedFile>) -> Result<(), BuildError> {
        Ok(())
    }

    fn finish(&mut self, _: &[String], _: &BTreeMap<String, CopyFrom>) -> Result<(), BuildError> {
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

/// The files an update changed, gathered in memory until the update is whole.
#[derive(Debug, Default)]
pub struct ChangeSet {
    /// Rendered files, by output path.
    pub files: Vec<(String, Arc<[u8]>)>,
    /// Output paths the site no longer has.
    pub removed: Vec<String>,
    /// Every file copied as it is, when the update finished.
    pub copies: Option<BTreeMap<String, CopyFrom>>,
}

impl Sink for ChangeSet {
    fn put(&mut self, files: Vec<RenderedFile>) -> Result<(), BuildError> {
        self.files
            .extend(files.into_iter().map(|f| (f.path, Arc::from(f.bytes))));
        Ok(())
    }

    fn finish(
        &mut self,
        removed: &[String],
        copies: &BTreeMap<String, CopyFrom>,
    ) -> Result<(), BuildError> {
        self.removed = removed.to_vec();
        self.copies = Some(copies.clone());
        Ok(())
    }
}
