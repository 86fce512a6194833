//! Where things live in a site, in one place: the folder names, which files are not part of
//! the site, and what a changed path means to it. The build's walk over the site, the engine's
//! reading of changed paths, the watcher and the output-folder checks all ask this module, so
//! that what a build publishes and what a preview shows never differ.
//!
//! Left out everywhere: hidden files and folders (`.git`, `.DS_Store`, emacs's `.#x.md`
//! locks) and the leftovers of editors — backups (`x.md~`), emacs auto-saves (`#x.md#`), vim
//! swap files (`.x.md.swp`, `x.swx`) and the `4913` file vim writes to test a folder — so that
//! no draft's text goes public through a backup copy.

use std::path::{Component, Path, PathBuf};

/// The settings file, at the site's root.
pub const CONFIG_FILE: &str = "site.toml";
/// The folder of briefings (and of files published beside them).
pub const CONTENT_DIR: &str = "content";
/// The folder of files a site (or a theme) copies as they are.
pub const STATIC_DIR: &str = "static";
/// The folder of templates (the site's overrides, or a theme's).
pub const TEMPLATES_DIR: &str = "templates";
/// The folder of themes.
pub const THEMES_DIR: &str = "themes";
/// The folder of the site's data files (`data/people.yaml`).
pub const DATA_DIR: &str = "data";
/// The folder of stories (`stories/hanoi-summit.md`), at the site's root beside `content/`.
pub const STORIES_DIR: &str = "stories";
/// The folder of editors' notes on digests (`digests/2025-W24.md`), at the site's root.
pub const DIGESTS_DIR: &str = "digests";
/// The folder of the site's words for the theme, a language a file (`i18n/ko.toml`).
pub const I18N_DIR: &str = "i18n";
/// The output folder when `site.toml` names none.
pub const DEFAULT_OUTPUT_DIR: &str = "public";
/// The site's folder of caches (`links.json`, the external link checker's results): hidden,
/// so never part of the site, and meant to be kept between CI runs.
pub const CACHE_DIR: &str = ".briefgen";
/// The folders of a site that hold its sources: watched whole, and never an output folder.
pub const SOURCE_DIRS: &[&str] = &[
    CONTENT_DIR,
    THEMES_DIR,
    TEMPLATES_DIR,
    STATIC_DIR,
    DATA_DIR,
    STORIES_DIR,
    DIGESTS_DIR,
    I18N_DIR,
];

/// The folder of a theme.
pub fn theme_dir(root: &Path, theme: &str) -> PathBuf {
    root.join(THEMES_DIR).join(theme)
}

/// What a changed path means to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Not part of the site: an ignored file, or outside its folders.
    None,
    /// `site.toml`.
    Settings,
    /// A template, the site's or the theme's.
    Template,
    /// A briefing, by its path under `content/` (`2019/x.md`).
    Briefing(String),
    /// Anything under `stories/`: the stories are read again, all of them (they are few).
    Stories,
    /// Anything under `digests/`: the editors' notes are read again, all of them.
    DigestNotes,
    /// A file (or folder) copied as it is, by its path in the output; `in_content` when it is
    /// under `content/`.
    Copied {
        /// Its path in the output (`images/map.png`).
        output: PathBuf,
        /// Whether it is under `content/`.
        in_content: bool,
    },
}

/// What a changed path (absolute, under `root`) means, for a site whose theme is `theme`.
pub fn classify(root: &Path, theme: &str, path: &Path) -> Change {
    let Ok(relative) = path.strip_prefix(root) else {
        return Change::None;
    };
    if is_ignored(relative) {
        return Change::None;
    }
    if relative == Path::new(CONFIG_FILE)
        || relative == Path::new(crate::source::people::PEOPLE_FILE)
        || relative.starts_with(I18N_DIR)
    {
        return Change::Settings;
    }
    let theme_dir = Path::new(THEMES_DIR).join(theme);
    if relative.starts_with(TEMPLATES_DIR) || relative.starts_with(theme_dir.join(TEMPLATES_DIR)) {
        return Change::Template;
    }
    if relative.starts_with(STORIES_DIR) {
        return Change::Stories;
    }
    if relative.starts_with(DIGESTS_DIR) {
        return Change::DigestNotes;
    }
    if let Ok(inner) = relative.strip_prefix(CONTENT_DIR) {
        if inner.extension().is_some_and(|e| e == "md") {
            return Change::Briefing(crate::error::display_path(inner));
        }
        return Change::Copied {
            output: inner.to_path_buf(),
            in_content: true,
        };
    }
    for dir in [
        Path::new(STATIC_DIR).to_path_buf(),
        theme_dir.join(STATIC_DIR),
    ] {
        if let Ok(inner) = relative.strip_prefix(&dir) {
            return Change::Copied {
                output: inner.to_path_buf(),
                in_content: false,
            };
        }
    }
    Change::None
}

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

    #[test]
    fn changed_paths_mean_what_they_are() {
        let root = Path::new("/site");
        let at = |p: &str| classify(root, "dark", &root.join(p));
        assert_eq!(at("site.toml"), Change::Settings);
        assert_eq!(at("data/people.yaml"), Change::Settings);
        assert_eq!(at("data/other.yaml"), Change::None);
        assert_eq!(at("templates/base.html"), Change::Template);
        assert_eq!(at("themes/dark/templates/base.html"), Change::Template);
        assert_eq!(at("themes/other/templates/base.html"), Change::None);
        assert_eq!(
            at("content/2019/x.md"),
            Change::Briefing("2019/x.md".into())
        );
        assert_eq!(at("content/2019/x.md~"), Change::None);
        assert_eq!(at("stories/hanoi-summit.md"), Change::Stories);
        assert_eq!(at("stories"), Change::Stories);
        assert_eq!(at("stories/.x.md.swp"), Change::None);
        assert_eq!(at("content/.#x.md"), Change::None);
        assert_eq!(
            at("content/img/a.png"),
            Change::Copied {
                output: "img/a.png".into(),
                in_content: true
            }
        );
        assert_eq!(
            at("themes/dark/static/s.css"),
            Change::Copied {
                output: "s.css".into(),
                in_content: false
            }
        );
        assert_eq!(at("static/x.swp"), Change::None);
        assert_eq!(at("public/index.html"), Change::None);
        assert_eq!(
            classify(root, "dark", Path::new("/elsewhere/site.toml")),
            Change::None
        );
    }
}
