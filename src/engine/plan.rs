//! The plan: every output file of the site, by page kind, with its output path, made from the
//! model; the files copied as they are beside it, checked for clashes with it; and the keys
//! that tell two plans, or two readings of the files to copy, apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::model::Site;
use crate::error::Diagnostic;
use crate::render::templates::Templates;
use crate::render::views::PreparedBriefing;
use crate::render::{Job, Renderer};
use crate::source::config::SiteConfig;
use crate::source::files::{self, CopyFrom};

/// The files copied as they are, for a plan and a reading of the files: those the plan does
/// not render over, checked for clashes with it.
pub(super) struct Outputs {
    /// The keys of the plan's paths and of the copies they were made for.
    pub(super) inputs: (u64, u64),
    pub(super) copies: BTreeMap<String, CopyFrom>,
}

/// A key of what a plan writes, its output paths in order: two plans with one key write the
/// same files, whichever model positions their jobs read.
pub(super) fn plan_key(plan: &[(Job, String)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for (_, path) in plan {
        path.hash(&mut hasher);
    }
    hasher.finish()
}

/// A key of the files to copy: their output paths and where each comes from.
pub(super) fn copies_key(copies: &BTreeMap<String, CopyFrom>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    copies.hash(&mut hasher);
    hasher.finish()
}

/// Every job of a site and its output path.
pub(super) fn plan(
    site: &Site,
    config: &SiteConfig,
    templates: &Templates,
    prepared: &[Arc<PreparedBriefing>],
) -> Vec<(Job, String)> {
    let renderer = Renderer::new(site, config, templates, prepared);
    renderer
        .jobs()
        .into_iter()
        .map(|job| (job, renderer.output_path(job)))
        .collect()
}

/// Copied files that the output cannot hold: a file where the site needs a folder (a file
/// `content/briefings` beside the folder of briefing pages), or a file inside a folder whose
/// name the site needs for a file (`content/atom.xml/x.png`). Each is named by its source, so
/// the error points at the file to rename, not at the staging folder where writing failed.
pub(super) fn file_folder_clashes(
    plan: &[(Job, String)],
    copies: &BTreeMap<String, CopyFrom>,
    root: &Path,
) -> Vec<Diagnostic> {
    let files: rustc_hash::FxHashSet<&str> = plan
        .iter()
        .map(|(_, path)| path.as_str())
        .chain(copies.keys().map(String::as_str))
        .collect();
    let folders: rustc_hash::FxHashSet<&str> = files
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let source = |path: &str| match copies.get(path) {
        Some(CopyFrom::Disk(from)) => files::site_relative(root, from),
        _ => PathBuf::from(format!("theme static file {path}")),
    };
    let mut clashes = Vec::new();
    for path in copies.keys() {
        if folders.contains(path.as_str()) {
            clashes.push(Diagnostic::new(
                source(path),
                format!("this file would be written at `{path}`, where the site needs a folder (`{path}/…`); rename or move it"),
            ));
        } else if let Some(file) = path
            .match_indices('/')
            .map(|(i, _)| &path[..i])
            .find(|folder| files.contains(folder))
        {
            clashes.push(Diagnostic::new(
                source(path),
                format!("this file would be written inside `{file}/`, but the site writes a file named `{file}`; rename or move its folder"),
            ));
        }
    }
    clashes
}
