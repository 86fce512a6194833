//! `briefgen deploy` against real git repositories: a site committed in a repository whose
//! `origin` is a local bare one. The branch holds exactly the built site, a second deploy adds
//! one commit, the working branch, index and files are untouched, uncommitted sources and a
//! refused push are clear errors.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{SITE_TOML, Site, front};

/// Runs git in `dir`, with a name for its commits; its standard output.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Curator",
            "-c",
            "user.email=curator@example.org",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A site committed on `main` in its own repository, with a bare repository as `origin`.
fn site_in_a_repository() -> (Site, tempfile::TempDir) {
    let site = Site::new(SITE_TOML);
    site.briefing(
        "2025/2025-06-12-talks.md",
        &front(
            "Talks resume",
            "2025-06-12",
            &["Diplomacy"],
            &["Kim Jong-un"],
        ),
        "Talks resumed.\n",
    );
    site.write(".gitignore", "target/\n");
    let bare = tempfile::tempdir().unwrap();
    git(bare.path(), &["init", "--quiet", "--bare"]);
    let root = site.root();
    git(root, &["init", "--quiet", "--initial-branch=main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "--quiet", "-m", "The site"]);
    git(
        root,
        &["remote", "add", "origin", bare.path().to_str().unwrap()],
    );
    (site, bare)
}

/// The files a build for `base_url` writes, as paths relative to its folder.
fn built_files(site: &Site, base_url: &str) -> BTreeSet<String> {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    site.run(&["build", "--base-url", base_url, "-o", dir.to_str().unwrap()])
        .assert_ok();
    common::snapshot(&dir).into_keys().collect()
}

const BASE: &str = "https://kim.github.io/briefings/";

#[test]
fn deploy_publishes_exactly_the_built_site_and_leaves_the_work_alone() {
    let (site, bare) = site_in_a_repository();
    let root = site.root();
    let head = git(root, &["rev-parse", "HEAD"]);
    // The output and the link cache are not sources, committed or not.
    site.write("public/stale.html", "old output");
    site.write(".briefgen/links.json", "{}");
    let status = git(root, &["status", "--porcelain"]);
    let run = site.run(&["deploy", "--base-url", BASE]);
    run.assert_ok();
    assert!(
        run.stdout.contains("Deployed") && run.stdout.contains("origin gh-pages"),
        "{}",
        run.stdout
    );

    // The branch holds the built site and nothing else: no source file, no output marker.
    let published: BTreeSet<String> =
        git(bare.path(), &["ls-tree", "-r", "--name-only", "gh-pages"])
            .lines()
            .map(str::to_string)
            .collect();
    let mut expected = built_files(&site, BASE);
    expected.remove(".briefgen");
    expected.insert(".nojekyll".to_string());
    assert_eq!(published, expected);
    assert!(
        !published
            .iter()
            .any(|p| p.ends_with(".md") || p == "site.toml")
    );
    let page = git(
        bare.path(),
        &["show", "gh-pages:briefings/talks/index.html"],
    );
    assert!(
        page.contains("href=\"/briefings/style.css")
            && page.contains(&format!(
                "rel=\"canonical\" href=\"{BASE}briefings/talks/\""
            )),
        "built for the address"
    );

    // The working branch, index and files are as they were.
    assert_eq!(git(root, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(root, &["branch", "--show-current"]).trim(), "main");
    assert_eq!(git(root, &["status", "--porcelain"]), status);
    assert_eq!(
        std::fs::read_to_string(site.path("public/stale.html")).unwrap(),
        "old output",
        "nothing written to public/"
    );
    assert!(!published.contains("stale.html"));

    // A second deploy, after an edit, adds one commit on top; an unchanged site adds none.
    site.briefing(
        "2025/2025-06-12-talks.md",
        &front(
            "Talks resume again",
            "2025-06-12",
            &["Diplomacy"],
            &["Kim Jong-un"],
        ),
        "Talks resumed.\n",
    );
    git(root, &["commit", "--quiet", "-am", "Edit"]);
    site.run(&["deploy", "--base-url", BASE]).assert_ok();
    assert_eq!(
        git(bare.path(), &["rev-list", "--count", "gh-pages"]).trim(),
        "2"
    );
    let page = git(
        bare.path(),
        &["show", "gh-pages:briefings/talks/index.html"],
    );
    assert!(page.contains("Talks resume again"));
    let message = git(bare.path(), &["log", "-1", "--format=%s", "gh-pages"]);
    let source = git(root, &["rev-parse", "--short=12", "HEAD"]);
    assert!(
        message.starts_with(&format!("Deploy {}", source.trim())),
        "{message}"
    );
    let run = site.run(&["deploy", "--base-url", BASE]);
    run.assert_ok();
    assert!(run.stdout.contains("Nothing to deploy"), "{}", run.stdout);
    assert_eq!(
        git(bare.path(), &["rev-list", "--count", "gh-pages"]).trim(),
        "2"
    );
    // The local branch follows what was pushed; the user's branch is still theirs.
    assert_eq!(
        git(root, &["rev-parse", "gh-pages"]),
        git(bare.path(), &["rev-parse", "gh-pages"])
    );
    assert_eq!(git(root, &["branch", "--show-current"]).trim(), "main");
}

#[test]
fn uncommitted_sources_and_refused_pushes_are_clear_errors() {
    let (site, bare) = site_in_a_repository();
    site.briefing(
        "2025/2025-06-13-more.md",
        &front("More talks", "2025-06-13", &[], &[]),
        "More.\n",
    );
    let run = site.run(&["deploy", "--base-url", BASE]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("uncommitted changes (content/2025/2025-06-13-more.md)")
            && run.stderr.contains("--allow-dirty"),
        "{}",
        run.stderr
    );
    assert!(
        git(bare.path(), &["branch", "--list"]).is_empty(),
        "nothing pushed"
    );

    // A remote that refuses the push.
    let hook = bare.path().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'deploys are frozen' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = site.run(&["deploy", "--base-url", BASE, "--allow-dirty"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("the push to origin")
            && run.stderr.contains("was refused; nothing was published")
            && run.stderr.contains("deploys are frozen"),
        "{}",
        run.stderr
    );
    assert!(git(bare.path(), &["branch", "--list"]).is_empty());
    assert!(
        Command::new("git")
            .current_dir(site.root())
            .args(["rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"])
            .output()
            .unwrap()
            .stdout
            .is_empty(),
        "the local branch is not moved by a refused push"
    );

    // Not a repository, or no such remote.
    let plain = Site::new(SITE_TOML);
    let run = plain.run(&["deploy"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
    let run = site.run(&["deploy", "--remote", "upstream", "--allow-dirty"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no remote `upstream`"),
        "{}",
        run.stderr
    );
}
