//! The write stage: puts a rendered site on disk without ever damaging what was there.
//!
//! Everything is written to a fresh folder beside the output folder, which is then swapped in
//! (atomically on Linux, with `renameat2(RENAME_EXCHANGE)`), so a failed or interrupted build
//! leaves the previous output as it was. The output folder is checked first: briefgen refuses
//! to replace the site itself or its sources, and a non-empty folder it did not write.
//!
//! Two builds may be started into one output folder (a save hook and a manual build, two CI
//! steps). Each holds a lock on the output's parent folder from before it looks at what is
//! there until its staging folder is swapped in and removed, so the second waits, saying so,
//! and never sees, removes or swaps a half-written folder of the first. Staging folders carry
//! a random name and a marker naming their process; a build removes only those whose process
//! is gone, never a folder of a user's that merely looks like one.
//!
//! [`Disk`] is the engine's sink that writes a render here.

mod disk;
pub mod sizes;

pub use disk::Disk;

use crate::source::layout::SOURCE_DIRS;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::BuildError;
use crate::rendered::RenderedFile;
use crate::source::files::CopyFrom;

/// The file briefgen leaves in every output folder it writes, so that it knows the folder is
/// its own to replace.
pub const MARKER_FILE: &str = ".briefgen";

const MARKER_TEXT: &str = "This folder is written by briefgen and replaced on every build.\n";

/// The file in a staging folder that says which process is writing it.
const STAGING_MARKER: &str = ".briefgen-staging";

/// A file to put in the output.
pub enum OutputFile<'a> {
    /// Rendered text.
    Rendered(&'a RenderedFile),
    /// A file copied as it is.
    Copy(&'a str, &'a CopyFrom),
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
        Err(BuildError::usage(
            output.display().to_string(),
            format!(
                "refusing to write the site to {}: {why}; set output_dir in site.toml to a folder of its own, such as \"public\"",
                output.display()
            ),
        ))
    };
    if root.starts_with(&output) {
        return refuse("it is the site folder or contains it");
    }
    for dir in SOURCE_DIRS {
        if output.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if output.join(crate::source::config::CONFIG_FILE).exists()
        || output.join(crate::source::layout::CONTENT_DIR).is_dir()
    {
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
    /// Removed when dropped, markers last (see [`remove_marked_folder`]).
    dir: PathBuf,
    output: PathBuf,
    written: AtomicUsize,
    /// Held until the staging folder (holding the previous output after the swap) is gone:
    /// fields are dropped after `drop` runs.
    _lock: OutputLock,
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = remove_marked_folder(&self.dir);
    }
}

impl Staging {
    /// Takes the output's lock (waiting for another build that holds it), checks that
    /// `output` may be replaced, removes what interrupted builds left beside it, and creates
    /// the staging folder.
    pub fn create(output: &Path, force: bool) -> Result<Staging, BuildError> {
        let parent = output.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| BuildError::io(format!("creating {}", parent.display()), e))?;
        let lock = OutputLock::acquire(parent, output)?;
        check_replaceable(output, force)?;
        let prefix = staging_prefix(output);
        remove_abandoned(parent, &prefix);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(parent)
            .map_err(|e| BuildError::io(format!("creating a folder in {}", parent.display()), e))?
            .keep();
        let marker = dir.join(STAGING_MARKER);
        fs::write(&marker, std::process::id().to_string())
            .map_err(|e| BuildError::io(format!("writing {}", marker.display()), e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            written: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// Writes files in parallel, creating their folders as needed.
    pub fn write(&self, files: &[OutputFile<'_>]) -> Result<(), BuildError> {
        files.par_iter().try_for_each(|file| {
            let path = self.dir.join(file.path());
            write_file(&path, file)
                .map_err(|e| BuildError::io(format!("writing {}", path.display()), e))
        })?;
        self.written.fetch_add(files.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Puts the written files in the output's place. Returns how many files were written.
    pub fn commit(self) -> Result<usize, BuildError> {
        let marker = self.dir.join(MARKER_FILE);
        fs::write(&marker, MARKER_TEXT)
            .map_err(|e| BuildError::io(format!("writing {}", marker.display()), e))?;
        let staging_marker = self.dir.join(STAGING_MARKER);
        fs::remove_file(&staging_marker)
            .map_err(|e| BuildError::io(format!("removing {}", staging_marker.display()), e))?;
        swap_in(&self.dir, &self.output)?;
        // The staging folder now holds the previous output (or nothing); dropping it removes it.
        Ok(self.written.load(Ordering::Relaxed))
    }
}

/// Writes one file, creating its folder when it is missing (one failed open per new folder,
/// cheaper than looking first, and safe when threads create the same folder at once).
fn write_file(path: &Path, file: &OutputFile<'_>) -> io::Result<()> {
    let put = || match file {
        OutputFile::Rendered(rendered) => fs::write(path, &rendered.bytes),
        OutputFile::Copy(_, CopyFrom::Embedded(bytes)) => fs::write(path, bytes),
        OutputFile::Copy(_, CopyFrom::Disk(from)) => fs::copy(from, path).map(|_| ()),
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

/// The start of the name of every staging folder for `output`: `.public.briefgen-`.
fn staging_prefix(output: &Path) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.briefgen-")
}

/// Removes what interrupted builds left beside the output: staging folders whose marker names
/// a process that is gone, and previous outputs (with briefgen's output marker) that a build
/// swapped out but did not get to remove, and empty ones. Called with the output's lock held,
/// so no build into this output is running. A folder with things in it but neither marker is
/// a user's, and stays.
fn remove_abandoned(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let named_like_staging = entry.file_name().to_string_lossy().starts_with(prefix);
        if !named_like_staging || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let abandoned = match fs::read_to_string(path.join(STAGING_MARKER)) {
            Ok(owner) => !process_is_running(owner.trim()),
            // A build killed between creating its folder and marking it leaves it empty.
            Err(_) => path.join(MARKER_FILE).is_file() || is_empty_dir(&path),
        };
        if abandoned {
            let _ = remove_marked_folder(&path);
        }
    }
}

/// Removes a folder briefgen wrote (a staging folder, or a previous output swapped out) with
/// its markers last, so that a removal cut short by a kill leaves a folder that a later build
/// still knows for its own and removes.
fn remove_marked_folder(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == MARKER_FILE || name == STAGING_MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    for marker in [STAGING_MARKER, MARKER_FILE] {
        match fs::remove_file(dir.join(marker)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    fs::remove_dir(dir)
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Whether the process with this id (as a staging marker writes it) still runs. Where that
/// cannot be told, it is taken as gone: the lock already keeps out every running build.
fn process_is_running(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    pid == std::process::id()
        || (cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists())
}

/// An exclusive lock on the output's parent folder, held while a build writes; released when
/// dropped (or when the process ends, however it ends).
struct OutputLock {
    _file: fs::File,
}

impl OutputLock {
    /// Takes the lock, or says who holds it and waits for it.
    fn acquire(parent: &Path, output: &Path) -> Result<OutputLock, BuildError> {
        let failed = |e: io::Error| BuildError::io(format!("locking {}", parent.display()), e);
        let file = lock_file(parent).map_err(failed)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!("{}", waiting_message(parent, output, lock_holder(&file)));
                file.lock().map_err(failed)?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(failed(e)),
        }
        Ok(OutputLock { _file: file })
    }
}

/// What a build says while it waits for the lock: who holds it, and what that build writes.
/// The lock is the parent folder's, so the holder may be building another folder of it: its
/// own output is read from its staging folder, whose marker holds its process id. Without
/// one (the holder has only just taken the lock, or is removing its previous output), the
/// holder is said to build in the parent folder.
fn waiting_message(parent: &Path, output: &Path, holder: Option<u32>) -> String {
    let Some(pid) = holder else {
        return format!(
            "waiting for another process, which holds the lock on {}, to finish",
            parent.display()
        );
    };
    let theirs = fs::read_dir(parent).ok().and_then(|entries| {
        entries.flatten().find_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (output_name, _) = name.strip_prefix('.')?.rsplit_once(".briefgen-")?;
            let marker = fs::read_to_string(entry.path().join(STAGING_MARKER)).ok()?;
            (marker.trim() == pid.to_string()).then(|| parent.join(output_name))
        })
    });
    match theirs {
        Some(theirs) if theirs.file_name() == output.file_name() => format!(
            "waiting for process {pid}, which is building into {} too, to finish",
            output.display()
        ),
        Some(theirs) => format!(
            "waiting for process {pid}, which is building into {} (the lock is on the folder \
             both are in), to finish",
            theirs.display()
        ),
        None => format!(
            "waiting for process {pid}, which is building in {}, to finish",
            parent.display()
        ),
    }
}

/// What is locked: the parent folder itself on Unix (so no lock file is left in the site),
/// a lock file in it elsewhere.
fn lock_file(parent: &Path) -> io::Result<fs::File> {
    if cfg!(unix) {
        fs::File::open(parent)
    } else {
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(parent.join(".briefgen.lock"))
    }
}

/// The process holding a lock on `file`, from `/proc/locks` (Linux only).
fn lock_holder(file: &fs::File) -> Option<u32> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = file.metadata().ok()?.ino();
        let locks = fs::read_to_string("/proc/locks").ok()?;
        locks.lines().find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let device_inode = fields.iter().position(|f| f.matches(':').count() == 2)?;
            let held = fields.get(device_inode)?.rsplit(':').next()? == inode.to_string();
            (held && !line.contains("->")).then(|| fields.get(device_inode - 1)?.parse().ok())?
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// Refuses a non-empty folder that has no marker, unless forced.
fn check_replaceable(output: &Path, force: bool) -> Result<(), BuildError> {
    if force || !output.exists() || output.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(BuildError::usage(
            output.display().to_string(),
            format!(
                "{} exists and is not a folder; remove it or choose another output_dir",
                output.display()
            ),
        ));
    }
    let empty = fs::read_dir(output)
        .map_err(|e| BuildError::io(format!("reading {}", output.display()), e))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(BuildError::usage(
            output.display().to_string(),
            format!(
                "{} is not empty and was not written by briefgen (it has no {MARKER_FILE} file); \
             pass --force to replace it",
                output.display()
            ),
        ))
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
    swap_by_renames(staging, output).map_err(failed)
}

/// The swap where the atomic exchange is unavailable: the old output aside, the new one in,
/// the old one to where the new one was (to be removed). Killed between the first two renames,
/// it leaves no output until the next build; both folders it leaves hold briefgen's output
/// marker and start like a staging folder's name, so that build removes them.
fn swap_by_renames(staging: &Path, output: &Path) -> io::Result<()> {
    let aside = aside_path(staging);
    fs::rename(output, &aside)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&aside, output);
        return Err(e);
    }
    fs::rename(&aside, staging)
}

/// Where the fallback swap puts the old output: the staging folder's own (random) name with
/// `.old`, so that two builds never meet there.
fn aside_path(staging: &Path) -> PathBuf {
    let mut aside = staging.as_os_str().to_os_string();
    aside.push(".old");
    PathBuf::from(aside)
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

    /// The output folder, a staging folder for it with `index` as its page, committed.
    fn written(output: &Path, index: &str) -> usize {
        let page = RenderedFile {
            path: "index.html".into(),
            bytes: index.into(),
        };
        write_site(output, &[OutputFile::Rendered(&page)], false).unwrap()
    }

    #[test]
    fn a_waiting_build_names_the_folder_the_holder_builds() {
        // A build into `cg-stories` waited for one into `cg-plain` beside it (the lock is the
        // parent's) and said the holder was building into `cg-stories`.
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join(".cg-plain.briefgen-Ab12Cd");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join(STAGING_MARKER), "4242").unwrap();
        let ours = dir.path().join("cg-stories");
        let said = waiting_message(dir.path(), &ours, Some(4242));
        assert!(
            said.starts_with("waiting for process 4242, which is building into ")
                && said.contains("cg-plain (the lock is on the folder both are in)"),
            "{said}"
        );
        let same = waiting_message(dir.path(), &dir.path().join("cg-plain"), Some(4242));
        assert!(same.contains("cg-plain too, to finish"), "{same}");
        // A holder without a staging folder (it has just taken the lock, or is removing its
        // previous output), and a holder that cannot be told.
        let elsewhere = waiting_message(dir.path(), &ours, Some(7));
        assert_eq!(
            elsewhere,
            format!(
                "waiting for process 7, which is building in {}, to finish",
                dir.path().display()
            )
        );
        assert!(
            waiting_message(dir.path(), &ours, None).starts_with("waiting for another process")
        );
    }

    #[test]
    fn the_fallback_swap_leaves_nothing_behind() {
        // Issue 11, case 6: the fallback's `.public.old` was never removed, and made the next
        // fallback swap fail.
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        written(&output, "old");
        for round in 0..3 {
            let staging = Staging::create(&output, false).unwrap();
            let page = RenderedFile {
                path: "index.html".into(),
                bytes: format!("new {round}").into(),
            };
            staging.write(&[OutputFile::Rendered(&page)]).unwrap();
            fs::write(staging.dir.join(MARKER_FILE), MARKER_TEXT).unwrap();
            fs::remove_file(staging.dir.join(STAGING_MARKER)).unwrap();
            swap_by_renames(&staging.dir, &output).unwrap();
            drop(staging);
            let index = fs::read_to_string(output.join("index.html")).unwrap();
            assert_eq!(index, format!("new {round}"));
            assert_eq!(
                fs::read_dir(dir.path()).unwrap().count(),
                1,
                "round {round}"
            );
        }
    }

    #[test]
    fn a_build_cleans_up_after_a_fallback_swap_killed_halfway() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        written(&output, "old");
        // Killed between moving the old output aside and moving the new one in: no output,
        // the old one aside, the new one in its staging folder, both marked as briefgen's.
        let staging = dir.path().join(".public.briefgen-Xy12Ab");
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("index.html"), "new").unwrap();
        fs::write(staging.join(MARKER_FILE), MARKER_TEXT).unwrap();
        fs::rename(&output, aside_path(&staging)).unwrap();
        assert!(!output.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);

        written(&output, "again");
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "again"
        );
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["public"]);
    }

    #[test]
    fn a_foreign_folder_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let page = RenderedFile {
            path: "index.html".into(),
            bytes: "hi".into(),
        };
        let files = [OutputFile::Rendered(&page)];
        assert!(matches!(
            write_site(&out, &files, false),
            Err(BuildError::Usage { .. })
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
