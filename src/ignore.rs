//! Which files under a site are not part of it: hidden files and folders (`.git`, `.DS_Store`,
//! emacs's `.#x.md` locks) and the leftovers of editors — backups (`x.md~`), emacs auto-saves
//! (`#x.md#`), vim swap files (`.x.md.swp`, `x.swx`) and the `4913` file vim writes to test
//! a folder. The build's walk over the site, `serve`'s reading of changed paths and its watcher
//! all ask this module, so that what a build publishes and what a preview shows never differ,
//! and no draft's text goes public through a backup copy.

use std::path::{Component, Path};

/// Whether a file or folder of this name is left out of the site.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// Whether a path (relative to the site) is left out: any of its parts is an ignored name.
pub fn is_ignored(relative: &Path) -> bool {
    relative.components().any(|c| match c {
        Component::Normal(name) => is_ignored_name(&name.to_string_lossy()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_and_hidden_files_are_ignored() {
        for name in [
            ".git",
            ".DS_Store",
            ".#x.md",
            "x.md~",
            "#x.md#",
            ".x.md.swp",
            "x.swx",
            "4913",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["x.md", "map.png", "#", "c#.md", "49130", "notes.txt"] {
            assert!(!is_ignored_name(name), "{name}");
        }
        assert!(is_ignored(Path::new("content/.drafts/x.md")));
        assert!(is_ignored(Path::new("content/2025/x.md~")));
        assert!(!is_ignored(Path::new("content/2025/x.md")));
    }
}
