//! The load stage: finds a site's files — the briefings under `content/`, and the theme's, the
//! site's and the content's files to copy as they are — and reads the briefings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, display_path};

pub use crate::source::layout::{CONTENT_DIR, STATIC_DIR};

/// A briefing file as read from disk.
#[derive(Debug, Clone)]
pub struct BriefingFile {
    /// The file, relative to the site root (`content/2025/x.md`), for messages.
    pub file: PathBuf,
    /// The path under `content/`, with `/` separators (`2025/x.md`): how briefings link to it.
    pub content_path: String,
    /// The text, without a byte order mark and with `\n` line endings.
    pub text: String,
}

/// Where a file to copy comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CopyFrom {
    /// Bytes built into the binary (the default theme).
    Embedded(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

/// Everything the load stage found.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// The briefings, sorted by path.
    pub briefings: Vec<BriefingFile>,
    /// Files to copy, by output path (`images/map.png`).
    pub copies: BTreeMap<String, CopyFrom>,
}

/// Finds and reads the files under `content/`: Markdown files are briefings, everything else is
/// copied to the same path in the output. Hidden files and editor leftovers are skipped.
pub fn load_content(root: &Path) -> Result<SiteFiles, Vec<Diagnostic>> {
    let content = root.join(CONTENT_DIR);
    let mut files = SiteFiles::default();
    if !content.is_dir() {
        return Ok(files);
    }
    let (markdown, copies) = content_files(root)?;
    files.copies = copies;
    let read: Vec<Result<BriefingFile, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(content_path, path)| read_briefing(root, content_path, &path))
        .collect();
    let mut errors = Vec::new();
    for result in read {
        match result {
            Ok(file) => files.briefings.push(file),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Files under `content/`, by path under it: briefings to read (with their path on disk).
pub type BriefingPaths = Vec<(String, PathBuf)>;

/// The files under `content/`: the briefings (path under `content/`, path on disk), and the
/// other files, to copy.
pub fn content_files(
    root: &Path,
) -> Result<(BriefingPaths, BTreeMap<String, CopyFrom>), Vec<Diagnostic>> {
    let content = root.join(CONTENT_DIR);
    let mut markdown = Vec::new();
    let mut copies = BTreeMap::new();
    if !content.is_dir() {
        return Ok((markdown, copies));
    }
    for (relative, path) in walk(root, &content)? {
        if relative.ends_with(".md") {
            markdown.push((relative, path));
        } else {
            copies.insert(relative, CopyFrom::Disk(path));
        }
    }
    Ok((markdown, copies))
}

/// Adds the files under `dir` to `copies`, replacing any already there at the same path.
pub fn add_copies(
    root: &Path,
    dir: &Path,
    copies: &mut BTreeMap<String, CopyFrom>,
) -> Result<(), Vec<Diagnostic>> {
    if dir.is_dir() {
        for (relative, path) in walk(root, dir)? {
            copies.insert(relative, CopyFrom::Disk(path));
        }
    }
    Ok(())
}

/// A Markdown file of one of the folders at the site's root whose files are named after what
/// they are about (`stories/hanoi-summit.md`, `digests/2025-W24.md`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NamedFile {
    /// The file, relative to the site root (`stories/hanoi-summit.md`), for messages.
    pub file: PathBuf,
    /// Its name without `.md`: what it is about (a story's slug, a digest's period).
    pub name: String,
    /// The text, normalized as a briefing's is.
    pub text: String,
}

/// Reads every `<dir>/*.md` at the site's root (none when the folder is missing). Anything
/// else in the folder is an error saying `only`, and so is a file whose name `check` refuses
/// (with its message), so that no file is silently left out.
pub fn named_files(
    root: &Path,
    dir: &str,
    only: &str,
    check: impl Fn(&str) -> Result<(), String>,
) -> Result<Vec<NamedFile>, Vec<Diagnostic>> {
    let folder = root.join(dir);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (relative, path) in walk(root, &folder)? {
        let file = Path::new(dir).join(&relative);
        let Some(name) = relative.strip_suffix(".md").filter(|s| !s.contains('/')) else {
            errors.push(Diagnostic::new(file, only));
            continue;
        };
        if let Err(message) = check(name) {
            errors.push(Diagnostic::new(file, message));
            continue;
        }
        match read_text(root, &path) {
            Ok((file, text)) => found.push(NamedFile {
                file,
                name: name.to_string(),
                text,
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// `a` and `b` in the order of their parts between `/`, each by its bytes (`a/x` before `a-b/x`):
/// the order of `split('/')`, compared as bytes with `/` below every other byte, which is one
/// pass to the first difference, not two iterators of parts (most of the 107 million
/// instructions that sorting 10,000 files took).
fn folder_by_folder(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => {
            let rank = |c: u8| if c == b'/' { 0 } else { u16::from(c) + 1 };
            rank(a[i]).cmp(&rank(b[i]))
        }
        None => a.len().cmp(&b.len()),
    }
}

/// The files under `dir`, by path relative to it with `/` separators, sorted. Hidden files and
/// folders and editor leftovers are skipped ([`crate::source::layout`]); a symlink that leads out of the site or into a loop is an error.
pub(crate) fn walk(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf)>, Vec<Diagnostic>> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut found = Vec::new();
    let mut errors = Vec::new();
    // Unsorted: walkdir sorts by `Path::file_name`, which parses each path again on every
    // comparison (138 million instructions for 10,000 files); the list is sorted once below,
    // in the same order.
    let entries = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !crate::source::layout::is_ignored_name(&e.file_name().to_string_lossy())
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let file = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop: this link points back to a folder that contains it".to_string()
                } else {
                    format!("cannot be read: {e}")
                };
                errors.push(Diagnostic::new(site_relative(root, &file), message));
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                errors.push(Diagnostic::new(
                    site_relative(root, entry.path()),
                    "symlink leads outside the site folder; briefgen does not follow it",
                ));
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        found.push((display_path(relative), entry.path().to_path_buf()));
    }
    if errors.is_empty() {
        // Folder by folder, each by name: the order of a walk sorted by file name.
        found.sort_unstable_by(|a, b| folder_by_folder(&a.0, &b.0));
        Ok(found)
    } else {
        errors.sort_by(|a, b| a.file.cmp(&b.file));
        Err(errors)
    }
}

/// Reads one briefing file; `content_path` is its path under `content/`.
pub fn read_briefing(
    root: &Path,
    content_path: String,
    path: &Path,
) -> Result<BriefingFile, Diagnostic> {
    let (file, text) = read_text(root, path)?;
    Ok(BriefingFile {
        file,
        content_path,
        text,
    })
}

/// Reads a text file of the site (a briefing, a story): its path relative to the site root,
/// for messages, and its text, normalized ([`normalize_text`]).
pub fn read_text(root: &Path, path: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let file = site_relative(root, path);
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::new(&file, format!("cannot be read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, column) = crate::error::line_col(&valid, offset);
        Diagnostic::at(
            &file,
            line,
            column,
            "the file is not UTF-8 text; save it as UTF-8",
        )
    })?;
    Ok((file, normalize_text(text)))
}

/// Drops a byte order mark and turns CRLF line endings into LF.
pub fn normalize_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// `path` relative to the site root, for messages.
pub fn site_relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn folder_by_folder_is_the_order_of_the_parts(
            a in "[a/.\\-_0B]{0,8}", b in "[a/.\\-_0B]{0,8}"
        ) {
            proptest::prop_assert_eq!(folder_by_folder(&a, &b), a.split('/').cmp(b.split('/')));
        }
    }

    #[test]
    fn the_walk_goes_folder_by_folder_each_by_name() {
        // Sorted as whole paths, `a-b.md` would come before `a/x.md` (`-` < `/`).
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "b/c/d.md", "a/x.md", "a-b.md", "a.md", "a/y/z.md", "B.md", "a0.md",
        ] {
            let path = dir.path().join("content").join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let content = dir.path().join("content");
        let found: Vec<String> = walk(dir.path(), &content)
            .unwrap()
            .into_iter()
            .map(|(relative, _)| relative)
            .collect();
        assert_eq!(
            found,
            [
                "B.md", "a/x.md", "a/y/z.md", "a-b.md", "a.md", "a0.md", "b/c/d.md"
            ]
        );
    }

    #[test]
    fn bom_and_crlf_are_normalized() {
        assert_eq!(normalize_text("\u{feff}---\r\na\r\n".into()), "---\na\n");
    }

    #[test]
    fn finds_briefings_and_copies_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content/2025");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("a.md"), "\u{feff}---\r\n").unwrap();
        std::fs::write(content.join("map.png"), "png").unwrap();
        std::fs::write(content.join(".a.md.swp"), "x").unwrap();
        let files = load_content(dir.path()).unwrap();
        assert_eq!(files.briefings.len(), 1);
        assert_eq!(files.briefings[0].content_path, "2025/a.md");
        assert_eq!(files.briefings[0].file, PathBuf::from("content/2025/a.md"));
        assert_eq!(files.briefings[0].text, "---\n");
        assert_eq!(
            files.copies.keys().collect::<Vec<_>>(),
            vec!["2025/map.png"]
        );
    }

    #[test]
    fn non_utf8_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/bad.md"), b"---\nti\xfftle: x\n").unwrap();
        let errors = load_content(dir.path()).unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("UTF-8"));
    }
}
