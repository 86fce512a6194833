//! What the preview server serves: rendered files in memory and files copied from where they
//! are, changed only by whole updates ([`Served::apply`]) and by whole search indexes
//! ([`Served::put_index`]), so that a reader never sees half of either.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::engine::ChangeSet;
use crate::rendered::RenderedFile;
use crate::source::files::CopyFrom;

/// What the server serves: rendered files in memory, and files copied from where they are.
#[derive(Clone, Default)]
pub struct Served {
    /// Rendered files by output path (`briefings/x/index.html`).
    pub files: HashMap<String, Arc<[u8]>>,
    /// Files served from where they are, by output path.
    pub copies: BTreeMap<String, CopyFrom>,
    /// The output paths of the search index's files, as served now.
    index: Vec<String>,
}

impl Served {
    /// Applies a finished update's changes, and returns the output paths whose content changed
    /// (rendered files with other bytes, files gone, and `touched`: copied files saved).
    pub fn apply(&mut self, changes: ChangeSet, touched: &[String]) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, bytes) in changes.files {
            if self.files.get(&path).is_none_or(|old| *old != bytes) {
                changed.push(path.clone());
            }
            self.files.insert(path, bytes);
        }
        for path in changes.removed {
            if self.files.remove(&path).is_some() {
                changed.push(path);
            }
        }
        if let Some(copies) = changes.copies {
            for path in touched {
                if copies.contains_key(path) || self.copies.contains_key(path) {
                    changed.push(path.clone());
                }
            }
            for path in self.copies.keys() {
                if !copies.contains_key(path) && !self.files.contains_key(path) {
                    changed.push(path.clone());
                }
            }
            for path in copies.keys() {
                if !self.copies.contains_key(path) {
                    changed.push(path.clone());
                }
            }
            self.copies = copies;
        }
        changed.sort();
        changed.dedup();
        changed
    }

    /// Serves a new search index in place of the last: its files, and the old files it no
    /// longer has removed. Returns the output paths that changed.
    pub fn put_index(&mut self, files: Vec<RenderedFile>) -> Vec<String> {
        let now: rustc_hash::FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let removed = self
            .index
            .iter()
            .filter(|p| !now.contains(p.as_str()))
            .cloned()
            .collect();
        self.index = files.iter().map(|f| f.path.clone()).collect();
        let mut changes = ChangeSet {
            removed,
            ..ChangeSet::default()
        };
        changes
            .files
            .extend(files.into_iter().map(|f| (f.path, f.bytes.into())));
        self.apply(changes, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Sink;

    fn file(path: &str, text: &str) -> RenderedFile {
        RenderedFile {
            path: path.into(),
            bytes: text.into(),
        }
    }

    #[test]
    fn applying_a_change_set_names_what_changed() {
        let mut served = Served::default();
        let mut first = ChangeSet::default();
        first
            .put(vec![file("a.html", "A"), file("b.html", "B")])
            .unwrap();
        let copies = BTreeMap::from([("s.css".to_string(), CopyFrom::Embedded(b"x"))]);
        first.finish(&[], &copies).unwrap();
        assert_eq!(served.apply(first, &[]), ["a.html", "b.html", "s.css"]);

        let mut second = ChangeSet::default();
        second
            .put(vec![file("a.html", "A"), file("c.html", "C")])
            .unwrap();
        second.finish(&["b.html".to_string()], &copies).unwrap();
        assert_eq!(
            served.apply(second, &["s.css".to_string()]),
            ["b.html", "c.html", "s.css"],
            "an unchanged file is not named; a removed, an added and a saved copy are"
        );
        assert!(!served.files.contains_key("b.html"));
    }

    #[test]
    fn a_new_search_index_replaces_the_last_whole() {
        let mut served = Served::default();
        let mut pages = ChangeSet::default();
        pages.put(vec![file("index.html", "home")]).unwrap();
        served.apply(pages, &[]);
        let first = served.put_index(vec![file("search/a.bin", "1"), file("search/b.bin", "2")]);
        assert_eq!(first, ["search/a.bin", "search/b.bin"]);
        // b's file is gone from the new index, a's is the same, c's is new; pages stay.
        let second = served.put_index(vec![file("search/a.bin", "1"), file("search/c.bin", "3")]);
        assert_eq!(second, ["search/b.bin", "search/c.bin"]);
        assert!(!served.files.contains_key("search/b.bin"));
        assert!(served.files.contains_key("index.html"));
    }
}
