//! The engine's cache of the editors' notes on digests: the files of `digests/` and their
//! parses (a [`FolderCache`]).

use crate::content::digest::Note;
use crate::engine::folder_cache::{Folder, FolderCache};
use crate::source::digest_notes;

/// The notes' files and parses.
pub(super) type NoteCache = FolderCache<Note>;

/// A cache of the notes, nothing read yet.
pub(super) fn note_cache() -> NoteCache {
    FolderCache::new(Folder {
        load: digest_notes::load,
        parse: |file, config, briefing_url| {
            digest_notes::parse(file, config, briefing_url).map(|(title, body, text)| Note {
                file: file.file.clone(),
                period: file.name.clone(),
                title,
                html: body.html,
                text,
            })
        },
    })
}
