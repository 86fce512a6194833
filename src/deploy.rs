//! `briefgen deploy`: builds the site and publishes it as a branch (`gh-pages`) of the site's
//! own git repository, for GitHub Pages' "Deploy from a branch" — what `mkdocs gh-deploy` and
//! `ghp-import` do, so that a curator with git and briefgen can publish with no release of
//! briefgen anywhere and no Actions workflow.
//!
//! Why plumbing, not a checkout: the branch's commit is made from the built folder with a
//! temporary index (`git add` with that folder as the work tree, `write-tree`, `commit-tree`),
//! so the user's working branch, index and files are never touched, whatever state they are
//! in. The commit holds exactly the built site, on top of the branch as the remote has it; it is pushed, and only then is the local
//! branch moved to it. Sources with uncommitted changes are refused unless asked for, so that
//! what is published is a commit of the sources, named in the branch's commit message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::error::BuildError;

/// How to deploy.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The remote to push to (`origin`).
    pub remote: String,
    /// The branch to publish on (`gh-pages`).
    pub branch: String,
    /// The site's address; `None`: `https://` and the `cname` domain when the site sets one,
    /// else the GitHub Pages address of a GitHub remote, else `base_url`.
    pub base_url: Option<String>,
    /// Deploys although the sources have uncommitted changes.
    pub allow_dirty: bool,
}

impl DeployOptions {
    /// The defaults for the site at `root`: `origin`, `gh-pages`.
    pub fn new(root: &Path) -> DeployOptions {
        DeployOptions {
            root: root.to_path_buf(),
            remote: "origin".to_string(),
            branch: "gh-pages".to_string(),
            base_url: None,
            allow_dirty: false,
        }
    }
}

/// What a deploy did.
#[derive(Debug, Clone)]
pub struct DeployReport {
    /// The commit on the branch (full hash); `None` when the site was as already deployed.
    pub commit: Option<String>,
    /// Files in it.
    pub files: usize,
    /// The address it was built for.
    pub base_url: String,
    /// The remote and branch.
    pub remote: String,
    pub branch: String,
}

impl DeployReport {
    /// One line about it.
    pub fn summary(&self) -> String {
        match &self.commit {
            Some(commit) => format!(
                "Deployed {} files for {} to {} {} (commit {})",
                self.files,
                self.base_url,
                self.remote,
                self.branch,
                &commit[..commit.len().min(12)]
            ),
            None => format!(
                "Nothing to deploy: {} {} already holds this site ({} files, for {})",
                self.remote, self.branch, self.files, self.base_url
            ),
        }
    }
}

/// Builds the site and publishes it on the branch of the remote.
pub fn deploy(options: &DeployOptions) -> Result<DeployReport, BuildError> {
    let git = Git::at(&options.root)?;
    let top = PathBuf::from(git.text(&["rev-parse", "--show-toplevel"])?);
    let git_dir = git.text(&["rev-parse", "--absolute-git-dir"])?;
    let remote_url = git
        .text(&["remote", "get-url", &options.remote])
        .map_err(|_| {
            BuildError::usage(
                "--remote",
                format!(
                    "the repository has no remote `{}` (git remote add {} URL, or --remote NAME)",
                    options.remote, options.remote
                ),
            )
        })?;
    let config = crate::source::config::SiteConfig::load(&options.root)?.config;
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| BuildError::io(format!("reading {}", options.root.display()), e))?;
    if !options.allow_dirty {
        // The output and the site's cache (`.briefgen/`) are not sources.
        let not_sources = [
            root.join(&config.output_dir),
            root.join(crate::source::layout::CACHE_DIR),
        ];
        refuse_dirty(&git, &top, &not_sources)?;
    }
    // The address given; else the custom domain; else GitHub's for the remote; else the
    // site's own.
    let base_url = match (&options.base_url, &config.cname) {
        (Some(url), _) => url.clone(),
        (None, Some(domain)) => format!("https://{domain}/"),
        (None, None) => pages_address(&remote_url).unwrap_or_else(|| config.base_url.clone()),
    };
    let built = tempfile::tempdir().map_err(|e| BuildError::io("making a build folder", e))?;
    let site = built.path().join("site");
    crate::build::build(&crate::build::BuildOptions {
        root: options.root.clone(),
        base_url: Some(base_url.clone()),
        output_dir: Some(site.clone()),
        ..crate::build::BuildOptions::default()
    })?;
    // Not the output folder's marker: the branch is the site, as Pages serves it (the build
    // writes `.nojekyll` and, with `cname`, `CNAME`).
    let _ = std::fs::remove_file(site.join(crate::output::MARKER_FILE));

    let branch_ref = format!("refs/heads/{}", options.branch);
    // The branch as the remote has it, so that the push is a fast-forward; else as it is here.
    let parent = git
        .run(&["fetch", "--quiet", &options.remote, &branch_ref])
        .ok()
        .and_then(|_| {
            git.text(&["rev-parse", "--verify", "--quiet", "FETCH_HEAD"])
                .ok()
        })
        .or_else(|| {
            git.text(&["rev-parse", "--verify", "--quiet", &branch_ref])
                .ok()
        });
    let index = built.path().join("index");
    let tree = {
        // The built folder as the work tree, a fresh index: the user's are never used.
        let with_index = |args: &[&str]| {
            let mut command = git.command(args);
            command
                .current_dir(&site)
                .env("GIT_DIR", &git_dir)
                .env("GIT_INDEX_FILE", &index)
                .env("GIT_WORK_TREE", &site);
            Git::finish(command, args)
        };
        with_index(&["add", "--all", "--force", "."])?;
        text_of(&with_index(&["write-tree"])?)
    };
    let files = git
        .text(&["ls-tree", "-r", "--name-only", &tree])?
        .lines()
        .count();
    let report = |commit| DeployReport {
        commit,
        files,
        base_url: base_url.clone(),
        remote: options.remote.clone(),
        branch: options.branch.clone(),
    };
    if let Some(parent) = &parent
        && git.text(&["rev-parse", &format!("{parent}^{{tree}}")])? == tree
    {
        return Ok(report(None));
    }
    let source = git
        .text(&["rev-parse", "--short=12", "HEAD"])
        .unwrap_or_else(|_| "no commit".to_string());
    let message = format!(
        "Deploy {source} with briefgen {}",
        env!("CARGO_PKG_VERSION")
    );
    let mut args = vec!["commit-tree", tree.as_str(), "-m", message.as_str()];
    if let Some(parent) = &parent {
        args.extend(["-p", parent.as_str()]);
    }
    let commit = git.text(&args)?;
    let refspec = format!("{commit}:{branch_ref}");
    git.run(&["push", "--quiet", &options.remote, &refspec])
        .map_err(|e| match e {
            BuildError::Usage { message: why, .. } => BuildError::usage(
                options.remote.clone(),
                format!(
                    "the push to {} ({remote_url}) was refused; nothing was published: {why}",
                    options.remote
                ),
            ),
            other => other,
        })?;
    git.run(&["update-ref", &branch_ref, &commit])?;
    Ok(report(Some(commit)))
}

/// Refuses sources with uncommitted changes (what lies under `not_sources` aside): what is
/// published must be a commit of them.
fn refuse_dirty(git: &Git, top: &Path, not_sources: &[PathBuf]) -> Result<(), BuildError> {
    let status = git.text(&["status", "--porcelain", "--untracked-files=all", "--", "."])?;
    let top = std::fs::canonicalize(top).unwrap_or_else(|_| top.to_path_buf());
    let changed: Vec<&str> = status
        .lines()
        .map(|line| line.get(3..).unwrap_or(line))
        .filter(|path| {
            !not_sources
                .iter()
                .any(|dir| top.join(path).starts_with(dir))
        })
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = changed.iter().take(5).copied().collect();
    Err(BuildError::usage(
        shown.first().copied().unwrap_or("the sources"),
        format!(
            "the sources have uncommitted changes ({}{}); commit them, or deploy with --allow-dirty",
            shown.join(", "),
            if changed.len() > shown.len() {
                format!(" and {} more", changed.len() - shown.len())
            } else {
                String::new()
            }
        ),
    ))
}

/// The GitHub Pages address of a GitHub remote: `https://OWNER.github.io/REPO/`, or
/// `https://OWNER.github.io/` for the repository `OWNER.github.io`.
pub fn pages_address(remote_url: &str) -> Option<String> {
    let url = remote_url.trim().trim_end_matches('/');
    let path = [
        "https://github.com/",
        "http://github.com/",
        "ssh://git@github.com/",
        "git@github.com:",
    ]
    .iter()
    .find_map(|prefix| url.strip_prefix(prefix))?;
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    if owner.is_empty() || repo.is_empty() || repo.contains('/') {
        return None;
    }
    let owner = owner.to_ascii_lowercase();
    if repo.eq_ignore_ascii_case(&format!("{owner}.github.io")) {
        Some(format!("https://{owner}.github.io/"))
    } else {
        Some(format!("https://{owner}.github.io/{repo}/"))
    }
}

/// `git` run in the site's folder.
struct Git {
    dir: PathBuf,
    /// The name and address commits are made with, where git has none set (as on CI).
    identity: Vec<(&'static str, &'static str)>,
}

impl Git {
    fn at(root: &Path) -> Result<Git, BuildError> {
        let set = |key: &str| {
            Command::new("git")
                .current_dir(root)
                .args(["config", "--get", key])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let mut identity = Vec::new();
        if !set("user.name") {
            identity.extend([
                ("GIT_AUTHOR_NAME", "briefgen"),
                ("GIT_COMMITTER_NAME", "briefgen"),
            ]);
        }
        if !set("user.email") {
            identity.extend([
                ("GIT_AUTHOR_EMAIL", "briefgen@localhost"),
                ("GIT_COMMITTER_EMAIL", "briefgen@localhost"),
            ]);
        }
        let git = Git {
            dir: root.to_path_buf(),
            identity,
        };
        git.text(&["rev-parse", "--git-dir"]).map_err(|_| {
            BuildError::usage(
                root.display().to_string(),
                format!(
                    "{} is not in a git repository: deploy publishes a branch of the site's own \
                 repository (git init, commit, git remote add origin URL)",
                    root.display()
                ),
            )
        })?;
        Ok(git)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.current_dir(&self.dir).args(args);
        for (name, value) in &self.identity {
            if std::env::var_os(name).is_none() {
                command.env(name, value);
            }
        }
        command
    }

    fn finish(mut command: Command, args: &[&str]) -> Result<Output, BuildError> {
        let output = command
            .output()
            .map_err(|e| BuildError::io("running git (is it installed?)", e))?;
        if output.status.success() {
            Ok(output)
        } else {
            Err(BuildError::usage(
                "git",
                format!(
                    "git {} failed: {}",
                    args.first().copied().unwrap_or(""),
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            ))
        }
    }

    fn run(&self, args: &[&str]) -> Result<Output, BuildError> {
        Git::finish(self.command(args), args)
    }

    fn text(&self, args: &[&str]) -> Result<String, BuildError> {
        Ok(text_of(&self.run(args)?))
    }
}

fn text_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_remotes_give_their_pages_address() {
        for (remote, address) in [
            (
                "https://github.com/kim/briefings.git",
                Some("https://kim.github.io/briefings/"),
            ),
            (
                "https://github.com/Kim/briefings",
                Some("https://kim.github.io/briefings/"),
            ),
            (
                "git@github.com:kim/briefings.git",
                Some("https://kim.github.io/briefings/"),
            ),
            (
                "ssh://git@github.com/kim/briefings.git",
                Some("https://kim.github.io/briefings/"),
            ),
            (
                "https://github.com/kim/kim.github.io.git",
                Some("https://kim.github.io/"),
            ),
            ("https://gitlab.com/kim/briefings.git", None),
            ("/srv/git/briefings.git", None),
            ("https://github.com/kim", None),
        ] {
            assert_eq!(pages_address(remote).as_deref(), address, "{remote}");
        }
    }
}
