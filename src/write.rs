//! The write stage: puts a rendered site on disk without ever damaging what was there.
//!
//! Everything is written to a fresh folder beside the output folder, which is then swapped in
//! (atomically on Linux, with `renameat2(RENAME_EXCHANGE)`), so a failed or interrupted build
//! leaves the previous output as it was. The output folder is checked first: briefgen refuses
//! to replace the site itself or its sources, and a non-empty folder it did not write.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::BuildError;
use crate::load::FileSource;
use crate::render::RenderedFile;

/// The file briefgen leaves in every output folder it writes, so that it knows the folder is
/// its own to replace.
pub const MARKER_FILE: &str = ".briefgen";

const MARKER_TEXT: &str = "This folder is written by briefgen and replaced on every build.\n";

/// Site folders an output folder must never be, nor be inside.
const SOURCE_DIRS: &[&str] = &["content", "themes", "templates", "static"];

/// A file to put in the output.
pub enum OutputFile<'a> {
    /// Rendered text.
    Rendered(&'a RenderedFile),
    /// A file copied as it is.
    Copy(&'a str, &'a FileSource),
}

impl OutputFile<'_> {
    fn path(&self) -> &str {
        match self {
            OutputFile::Rendered(file) => &file.path,
            OutputFile::Copy(path, _) => path,
        }
    }
}

/// Resolves `output_dir` against the site root and refuses folders that must not be replaced:
/// the site root or an ancestor of it, a folder holding `site.toml` or `content/`, and the
/// site's `content/`, `themes/`, `templates/` and `static/` or anything inside them.
pub fn resolve_output_dir(root: &Path, output_dir: &Path) -> Result<PathBuf, BuildError> {
    let root = absolute(root)?;
    let output = normalize(&root.join(output_dir));
    let refuse = |why: &str| {
        Err(BuildError::Usage(format!(
            "refusing to write the site to {}: {why}; set output_dir in site.toml to a folder of its own, such as \"public\"",
            output.display()
        )))
    };
    if root.starts_with(&output) {
        return refuse("it is the site folder or contains it");
    }
    for dir in SOURCE_DIRS {
        if output.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if output.join(crate::config::CONFIG_FILE).exists() || output.join("content").is_dir() {
        return refuse("it holds a site (site.toml or content/)");
    }
    Ok(output)
}

/// Writes the site to `output`, replacing what was there only once everything is written.
/// Returns how many files were written.
pub fn write_site(
    output: &Path,
    files: &[OutputFile<'_>],
    force: bool,
) -> Result<usize, BuildError> {
    let staging = Staging::create(output, force)?;
    staging.write(files)?;
    staging.commit()
}

/// A fresh folder beside the output that files are written into as they are rendered, and
/// that takes the output's place once everything is written. Dropped without
/// [`Staging::commit`], it is removed and the output is left as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
    written: AtomicUsize,
}

impl Staging {
    /// Checks that `output` may be replaced, removes what interrupted builds left beside it,
    /// and creates the staging folder.
    pub fn create(output: &Path, force: bool) -> Result<Staging, BuildError> {
        check_replaceable(output, force)?;
        let parent = output.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| BuildError::io(format!("creating {}", parent.display()), e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.briefgen-");
        remove_leftovers(parent, &prefix);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(parent)
            .map_err(|e| BuildError::io(format!("creating a folder in {}", parent.display()), e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            written: AtomicUsize::new(0),
        })
    }

    /// Writes files in parallel, creating their folders as needed.
    pub fn write(&self, files: &[OutputFile<'_>]) -> Result<(), BuildError> {
        files.par_iter().try_for_each(|file| {
            let path = self.dir.path().join(file.path());
            write_file(&path, file)
                .map_err(|e| BuildError::io(format!("writing {}", path.display()), e))
        })?;
        self.written.fetch_add(files.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Puts the written files in the output's place. Returns how many files were written.
    pub fn commit(self) -> Result<usize, BuildError> {
        let marker = self.dir.path().join(MARKER_FILE);
        fs::write(&marker, MARKER_TEXT)
            .map_err(|e| BuildError::io(format!("writing {}", marker.display()), e))?;
        swap_in(self.dir.path(), &self.output)?;
        // The staging folder now holds the previous output (or nothing); dropping it removes it.
        Ok(self.written.into_inner())
    }
}

/// Writes one file, creating its folder when it is missing (one failed open per new folder,
/// cheaper than looking first, and safe when threads create the same folder at once).
fn write_file(path: &Path, file: &OutputFile<'_>) -> io::Result<()> {
    let put = || match file {
        OutputFile::Rendered(rendered) => fs::write(path, &rendered.text),
        OutputFile::Copy(_, FileSource::Embedded(bytes)) => fs::write(path, bytes),
        OutputFile::Copy(_, FileSource::Disk(from)) => fs::copy(from, path).map(|_| ()),
    };
    match put() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            put()
        }
        result => result,
    }
}

/// Removes staging folders that an interrupted build left beside the output.
fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_leftover = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if is_leftover {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Refuses a non-empty folder that has no marker, unless forced.
fn check_replaceable(output: &Path, force: bool) -> Result<(), BuildError> {
    if force || !output.exists() || output.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(BuildError::Usage(format!(
            "{} exists and is not a folder; remove it or choose another output_dir",
            output.display()
        )));
    }
    let empty = fs::read_dir(output)
        .map_err(|e| BuildError::io(format!("reading {}", output.display()), e))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(BuildError::Usage(format!(
            "{} is not empty and was not written by briefgen (it has no {MARKER_FILE} file); \
             pass --force to replace it",
            output.display()
        )))
    }
}

/// Puts `staging` at `output`; what was at `output` ends up at `staging`.
fn swap_in(staging: &Path, output: &Path) -> Result<(), BuildError> {
    let failed =
        |e: io::Error| BuildError::io(format!("moving the new site to {}", output.display()), e);
    if !output.exists() {
        return fs::rename(staging, output).map_err(failed);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    // Without an atomic exchange: move the old output aside, the new one in, the old one to
    // where the new one was (to be removed).
    let aside = staging.with_extension("old");
    fs::rename(output, &aside).map_err(failed)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&aside, output);
        return Err(failed(e));
    }
    fs::rename(&aside, staging).map_err(failed)
}

fn absolute(path: &Path) -> Result<PathBuf, BuildError> {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .map_err(|e| BuildError::io(format!("resolving {}", path.display()), e))
}

/// Resolves `.` and `..` without touching the disk, then resolves symlinks in the longest part
/// of the path that exists.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return out,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "").unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        dir
    }

    #[test]
    fn dangerous_output_dirs_are_refused() {
        let dir = site();
        for bad in [
            ".",
            "..",
            "content",
            "content/x",
            "static",
            "themes/default",
            "/",
        ] {
            assert!(
                resolve_output_dir(dir.path(), Path::new(bad)).is_err(),
                "{bad}"
            );
        }
        let ok = resolve_output_dir(dir.path(), Path::new("public")).unwrap();
        assert!(ok.ends_with("public"));
    }

    #[test]
    fn a_foreign_folder_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let page = RenderedFile {
            path: "index.html".into(),
            text: "hi".into(),
        };
        let files = [OutputFile::Rendered(&page)];
        assert!(matches!(
            write_site(&out, &files, false),
            Err(BuildError::Usage(_))
        ));
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
        write_site(&out, &files, true).unwrap();
        assert!(!out.join("thesis.docx").exists());
        // Now the folder is briefgen's, and is replaced without --force.
        write_site(&out, &files, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "hi");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "the staging folder is cleaned up");
    }
}
