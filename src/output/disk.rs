//! The engine's sink for a build: the files of a render written into a staging folder, which
//! takes the output folder's place once every file is written.

use std::collections::BTreeMap;

use crate::engine::Sink;
use crate::error::BuildError;
use crate::output::{OutputFile, Staging};
use crate::rendered::RenderedFile;
use crate::source::files::CopyFrom;

/// Writes into a staging folder; [`Disk::commit`] swaps it in for the output folder.
pub struct Disk {
    staging: Staging,
}

impl Disk {
    /// Writes into `staging`.
    pub fn new(staging: Staging) -> Disk {
        Disk { staging }
    }

    /// Replaces the output folder with what was written; returns how many files it has.
    pub fn commit(self) -> Result<usize, BuildError> {
        self.staging.commit()
    }
}

impl Sink for Disk {
    fn put(&mut self, files: Vec<RenderedFile>) -> Result<(), BuildError> {
        self.staging
            .write(&files.iter().map(OutputFile::Rendered).collect::<Vec<_>>())
    }

    fn finish(
        &mut self,
        _removed: &[String],
        copies: &BTreeMap<String, CopyFrom>,
    ) -> Result<(), BuildError> {
        let files: Vec<OutputFile<'_>> = copies
            .iter()
            .map(|(path, source)| OutputFile::Copy(path, source))
            .collect();
        self.staging.write(&files)
    }
}
