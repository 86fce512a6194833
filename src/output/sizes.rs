//! What an output folder holds, group by group (briefing pages, each taxonomy, home, feeds …),
//! in files and bytes: bytes per briefing are a budget like time, and this is how they are
//! measured — by `build --sizes`, `bench/build.sh` and the test that holds the budget.

use std::io;
use std::path::Path;

use walkdir::WalkDir;

use super::MARKER_FILE;
use crate::content::urls::{OUTPUT_GROUPS, output_group};

/// The files of one group of [`OUTPUT_GROUPS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSize {
    /// The group (`briefing pages`, `people`).
    pub group: &'static str,
    /// How many files.
    pub files: usize,
    /// The sum of their sizes.
    pub bytes: u64,
}

/// The sizes of an output folder's files by group, in the order of [`OUTPUT_GROUPS`]; groups
/// without files are left out. briefgen's own marker file is not counted.
pub fn sizes(dir: &Path) -> io::Result<Vec<GroupSize>> {
    let mut groups: Vec<GroupSize> = OUTPUT_GROUPS
        .iter()
        .map(|&group| GroupSize {
            group,
            files: 0,
            bytes: 0,
        })
        .collect();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::from)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let path = relative.to_string_lossy().replace('\\', "/");
        if path == MARKER_FILE {
            continue;
        }
        let group = output_group(&path);
        if let Some(g) = groups.iter_mut().find(|g| g.group == group) {
            g.files += 1;
            g.bytes += entry.metadata().map_err(io::Error::from)?.len();
        }
    }
    groups.retain(|g| g.files > 0);
    Ok(groups)
}

/// The table `build --sizes` prints: files, bytes and bytes per briefing of each group, and
/// the whole.
pub fn table(groups: &[GroupSize], briefings: usize) -> String {
    let per = |bytes: u64| bytes as f64 / briefings.max(1) as f64;
    let mut out =
        String::from("| output | files | bytes | bytes per briefing |\n|---|---:|---:|---:|\n");
    for g in groups {
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} |\n",
            g.group,
            g.files,
            g.bytes,
            per(g.bytes)
        ));
    }
    let files: usize = groups.iter().map(|g| g.files).sum();
    let bytes: u64 = groups.iter().map(|g| g.bytes).sum();
    out.push_str(&format!(
        "| **all** | {files} | {bytes} | {:.0} |\n",
        per(bytes)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_is_counted_by_group_without_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, bytes: usize| {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, vec![b'x'; bytes]).unwrap();
        };
        write("briefings/a/index.html", 100);
        write("briefings/b/index.html", 300);
        write("tags/x/atom.xml", 50);
        write("index.html", 10);
        write(MARKER_FILE, 7);
        let groups = sizes(dir.path()).unwrap();
        assert_eq!(
            groups,
            [
                GroupSize {
                    group: "briefing pages",
                    files: 2,
                    bytes: 400
                },
                GroupSize {
                    group: "home",
                    files: 1,
                    bytes: 10
                },
                GroupSize {
                    group: "feeds",
                    files: 1,
                    bytes: 50
                },
            ]
        );
        let table = table(&groups, 2);
        assert!(
            table.contains("| briefing pages | 2 | 400 | 200 |"),
            "{table}"
        );
        assert!(table.contains("| **all** | 4 | 460 | 230 |"), "{table}");
    }
}
