//! GitHub Pages, end to end: a curator's day on a fresh site. `init`, `import` the KBS
//! clipping, confirm the draft, `build` for a project page (a subpath base URL), serve the
//! output under that subpath with a plain static server (Python's `http.server`, as GitHub
//! serves files: no rewriting), and crawl every internal link: none may be missing. Then what
//! Pages itself needs: `404.html` whose links work at any depth, `.nojekyll`, `CNAME`, and no
//! symlinks.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{SITE_TOML, Site};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GETs `url`: its status and body.
fn get(agent: &ureq::Agent, url: &str) -> (u16, String) {
    let mut response = agent.get(url).call().unwrap();
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, body)
}

/// `href`s and `src`s of a page, and `<link href>`s and `<loc>`s of feeds and sitemaps.
fn links_of(body: &str) -> Vec<String> {
    let mut found = common::links(body);
    let mut rest = body;
    while let Some(i) = rest.find("<loc>") {
        rest = &rest[i + 5..];
        let end = rest.find("</loc>").unwrap();
        found.push(rest[..end].to_string());
    }
    found
}

#[test]
fn init_import_build_and_every_link_works_under_a_project_subpath() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let www = dir.path().join("www");
    fs::create_dir_all(&www).unwrap();

    // A plain static server over www/, where the site goes under /briefs/.
    let mut python = Command::new("python3");
    python
        .args([
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&www);
    let server = common::start_server(python);
    let root_url = server.url.replace("0.0.0.0", "127.0.0.1");
    let base = format!("{}/briefs/", root_url.trim_end_matches('/'));

    common::init(&site).assert_ok();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clippings/kbs-seed.txt");
    let imported = common::run_in(&site, &["import", seed.to_str().unwrap()]);
    imported.assert_ok();
    // The curator confirms the draft.
    let draft = Path::new(imported.stdout.trim());
    let text = fs::read_to_string(draft).unwrap();
    fs::write(draft, text.replace("draft: true", "draft: false")).unwrap();

    let out = www.join("briefs");
    common::run_in(
        &site,
        &["build", "--base-url", &base, "-o", out.to_str().unwrap()],
    )
    .assert_ok();

    // Crawl from the home page, and from the sitemap, every link on this site.
    let agent = agent();
    let mut queue: VecDeque<String> = VecDeque::from([base.clone(), format!("{base}sitemap.xml")]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut broken = Vec::new();
    while let Some(url) = queue.pop_front() {
        let (status, body) = get(&agent, &url);
        if status != 200 {
            broken.push(format!("{url}: {status}"));
            continue;
        }
        for link in links_of(&body) {
            let absolute = url::Url::parse(&url).unwrap().join(&link).unwrap();
            let mut absolute = absolute.to_string();
            if let Some(i) = absolute.find('#') {
                absolute.truncate(i);
            }
            let internal = absolute.starts_with(&root_url);
            if internal && seen.insert(absolute.clone()) {
                assert!(
                    absolute.starts_with(&base),
                    "{url} links to {absolute}, outside the project's subpath"
                );
                queue.push_back(absolute);
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let briefing =
        format!("{base}briefings/white-house-trump-remains-receptive-to-communication-with-kim/");
    assert!(
        seen.contains(&briefing),
        "the imported briefing is linked: {seen:#?}"
    );
    assert!(
        seen.contains(&format!("{base}people/karoline-leavitt/")),
        "{seen:#?}"
    );
    assert!(seen.len() > 20, "{seen:#?}");

    // GitHub serves 404.html for every missing path, at any depth: its links must hold there.
    let (_, not_found) = get(&agent, &format!("{base}404.html"));
    for depth in ["", "a/", "a/b/c/d/"] {
        let missing = format!("{base}{depth}no-such-page/");
        // A link to a place on the page itself (the skip link) asks nothing of the server.
        for link in common::links(&not_found)
            .into_iter()
            .filter(|l| !l.starts_with('#'))
        {
            let target = url::Url::parse(&missing).unwrap().join(&link).unwrap();
            let (status, _) = get(&agent, target.as_str());
            assert_eq!(status, 200, "404.html at {missing}: {link} → {target}");
        }
    }
    drop(server);
}

#[test]
fn the_output_is_a_pages_artifact() {
    let site = Site::new(&format!("{SITE_TOML}cname = \"briefs.example.org\"\n"));
    site.briefing(
        "2025/2025-06-12-a.md",
        &common::front("A", "2025-06-12", &["x"], &["Kim Jong-un"]),
        "Text.\n",
    );
    // A symlinked static file is copied as a file: the Pages artifact has no links.
    site.write("static/real.txt", "real\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("static/real.txt"), site.path("static/alias.txt"))
        .unwrap();
    site.build().assert_ok();
    assert_eq!(site.output("CNAME"), "briefs.example.org\n");
    assert!(site.has_output(".nojekyll"));
    let symlinks: Vec<_> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path_is_symlink())
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(symlinks.is_empty(), "{symlinks:?}");
    assert_eq!(site.output("alias.txt"), "real\n");

    // Without `cname`, no CNAME; a wrong one is an error at its line.
    let plain = Site::new(SITE_TOML);
    plain.build().assert_ok();
    assert!(!plain.has_output("CNAME"));
    let wrong = Site::new(&format!(
        "{SITE_TOML}cname = \"https://briefs.example.org/\"\n"
    ));
    let out = wrong.build();
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("site.toml:3"), "{}", out.stderr);
    assert!(out.stderr.contains("not a domain name"), "{}", out.stderr);
}
