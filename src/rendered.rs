//! A file briefgen made (a page, a feed, a search index file): a leaf type, so that the
//! stages that make files (render, search) and those that write or serve them (output, serve)
//! share it without reaching into each other.

/// A file made by briefgen, to be written into the output.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    /// Its path in the output folder (`briefings/trump-kim/index.html`).
    pub path: String,
    /// Its bytes (text, for every file but the search index's).
    pub bytes: Vec<u8>,
}
