//! Every page kind, checked as readers' browsers and the W3C's checker see it. The example
//! site and a generated 2,000-briefing site are built and served by a plain static server;
//! headless Chromium opens one page of each kind at 390 and 1280 pixels wide, in light and
//! dark, and on each: axe-core finds no violation of any impact, nothing scrolls sideways,
//! and the colour scheme asked for is the one in force. The Nu HTML Checker finds no error
//! and no warning in any of those pages or in the stylesheet. Screenshots of every look are
//! written under `target/tmp/page-checks/`, to be looked at. The search page is looked at with
//! results shown; and on the example site built for a subpath, at both widths, the header's
//! box finds a person's briefings by their name and the year filter narrows them.
//!
//! The checkers come from `tests/browser-tools` (`npm ci` there installs axe-core and
//! vnu-jar; the Nu checker runs on Java). Without them, or without Chromium, the test says so
//! and passes, unless `BRIEFGEN_REQUIRE_BROWSER` is set, as CI sets it.

mod common;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::{browser_available, browser_with};
use common::{Server, generated_site, start_server};

/// The screenshots of the example site that the README shows (`docs/screenshots/`), written
/// there by this test when `BRIEFGEN_UPDATE_SCREENSHOTS` is set.
const README_SCREENSHOTS: &[&str] = &[
    "home-1280-light",
    "briefing-1280-light",
    "people-term-1280-light",
    "chronology-1280-light",
    "month-390-dark",
    "briefing-390-dark",
    "search-1280-light",
    "story-1280-light",
    "digest-with-note-1280-light",
    "briefing-in-korean-1280-light",
];

/// The checkers, installed by `npm ci` in `tests/browser-tools`.
struct Tools {
    /// axe-core's script.
    axe: String,
    /// The Nu HTML Checker's jar.
    vnu: PathBuf,
}

fn tools() -> Option<Tools> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser-tools/node_modules");
    let axe = dir.join("axe-core/axe.min.js");
    let vnu = dir.join("vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output().is_ok();
    if axe.exists() && vnu.exists() && java {
        return Some(Tools {
            axe: std::fs::read_to_string(axe).unwrap(),
            vnu,
        });
    }
    common::skipped(
        "BRIEFGEN_REQUIRE_BROWSER",
        "axe-core, vnu-jar or java is missing (npm ci --prefix tests/browser-tools; \
         apt-get install default-jre-headless)",
    );
    None
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Builds the site at `root` into `out` for `base_url`.
fn build(root: &Path, out: &Path, base_url: &str) {
    let output = common::briefgen()
        .args(["build", "--root"])
        .arg(root)
        .arg("-o")
        .arg(out)
        .args(["--base-url", base_url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The site at `root` built for `/sub/` and served from there, as a GitHub Pages project site
/// is: the output's folder, the server, and the base URL.
fn served_under_a_subpath(root: &Path) -> (tempfile::TempDir, Server, String) {
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/sub/");
    build(root, &work.path().join("sub"), &base);
    let server = static_server(work.path(), port);
    (work, server, base)
}

/// Serves `dir` as GitHub Pages would: files as they are.
fn static_server(dir: &Path, port: u16) -> Server {
    let mut python = Command::new("python3");
    python
        .args(["-u", "-m", "http.server", &port.to_string(), "--bind"])
        .arg("127.0.0.1")
        .arg("--directory")
        .arg(dir);
    start_server(python)
}

/// The pages of one kind in a built site, to pick from.
struct Of<'a> {
    /// The kind's files, sorted.
    files: Vec<&'a str>,
    /// Every file of the site.
    site: &'a BTreeMap<String, Vec<u8>>,
}

impl Of<'_> {
    fn read(&self, file: &str) -> String {
        String::from_utf8_lossy(&self.site[file]).into_owned()
    }
    fn first(&self, fits: impl Fn(&str) -> bool) -> Option<String> {
        self.files.iter().find(|f| fits(f)).map(|f| f.to_string())
    }
}

/// The pages a view looks at: each with its label (`people-term`) and the file found, or
/// `None` when the site has no page the view needs.
type Picked = Vec<(String, Option<String>)>;

/// A view: the pages of its kind it picks.
type View = fn(&Of<'_>) -> Picked;

/// How each page kind of the registry with an HTML template is looked at: which of its pages
/// are checked, by label (the first that fits, and for lists, one long enough to have a second
/// page). A kind with no view here fails `every_page_kind_has_a_page_check_view`, naming it.
const VIEWS: &[(&str, View)] = &[
    ("home", |of| {
        let mut picked = vec![("home".into(), of.first(|f| f == "index.html"))];
        optional(
            &mut picked,
            "home-page-2",
            of.first(|f| f == "page/2/index.html"),
        );
        picked
    }),
    ("briefing", |of| {
        let code = of.first(|f| of.read(f).contains("highlight.css"));
        let mut picked = vec![(
            "briefing".into(),
            of.first(|f| !of.read(f).contains("highlight.css")),
        )];
        // The example site's briefings have no code; the generated site's do.
        optional(&mut picked, "briefing-with-code", code);
        optional(
            &mut picked,
            "briefing-in-two-stories",
            of.first(|f| of.read(f).matches("class=\"in-story\"").count() >= 2),
        );
        optional(
            &mut picked,
            "briefing-with-table",
            of.first(|f| of.read(f).contains("<table")),
        );
        // Hangul drawn, not boxes: CI installs a font with Hangul (fonts-noto-cjk).
        optional(
            &mut picked,
            "briefing-in-korean",
            of.first(|f| of.read(f).contains("<html lang=\"ko\">")),
        );
        picked
    }),
    ("terms", |of| {
        TAXONOMIES
            .iter()
            .map(|t| (t.to_string(), of.first(|f| f == format!("{t}/index.html"))))
            .collect()
    }),
    ("term", |of| {
        let mut picked = Vec::new();
        for taxonomy in TAXONOMIES {
            // The term with the most pages, and its second page.
            let term = of
                .files
                .iter()
                .filter(|f| f.starts_with(&format!("{taxonomy}/")) && f.matches('/').count() == 2)
                .max_by_key(|f| {
                    let dir = f.trim_end_matches("index.html");
                    of.files
                        .iter()
                        .filter(|g| g.starts_with(&format!("{dir}page/")))
                        .count()
                })
                .map(|f| f.to_string());
            if let Some(term) = &term {
                let second = format!("{}page/2/index.html", term.trim_end_matches("index.html"));
                optional(
                    &mut picked,
                    &format!("{taxonomy}-term-page-2"),
                    of.first(|f| f == second),
                );
            }
            picked.push((format!("{taxonomy}-term"), term));
        }
        picked
    }),
    ("chronology", |of| {
        vec![("chronology".into(), of.first(|_| true))]
    }),
    ("year", |of| vec![("year".into(), of.first(|_| true))]),
    ("month", |of| vec![("month".into(), of.first(|_| true))]),
    ("not-found", |of| vec![("404".into(), of.first(|_| true))]),
    ("search", |of| vec![("search".into(), of.first(|_| true))]),
    // A site without stories has no story pages (the generated one); the example site's are
    // required below.
    ("story", |of| {
        let mut picked = Vec::new();
        // The story with the longest timeline.
        let longest = of
            .files
            .iter()
            .filter(|f| f.matches('/').count() == 2)
            .max_by_key(|f| {
                let count = of.read(f).matches("<time datetime=").count();
                (count, std::cmp::Reverse(f.to_string()))
            })
            .map(|f| f.to_string());
        optional(&mut picked, "story", longest);
        picked
    }),
    ("stories", |of| {
        let mut picked = Vec::new();
        optional(&mut picked, "stories", of.first(|_| true));
        picked
    }),
    ("digests", |of| vec![("digests".into(), of.first(|_| true))]),
    // The digest with the most briefings, and one with an editor's note (the example site's).
    ("digest", |of| {
        let mut picked = vec![("digest".into(), longest(of))];
        optional(
            &mut picked,
            "digest-with-note",
            of.first(|f| of.read(f).contains("story-account")),
        );
        picked
    }),
    ("digest-email", |of| {
        vec![("digest-email".into(), longest(of))]
    }),
];

/// The longest page of a kind.
fn longest(of: &Of<'_>) -> Option<String> {
    of.files
        .iter()
        .max_by_key(|f| (of.site[**f].len(), std::cmp::Reverse(f.to_string())))
        .map(|f| f.to_string())
}

/// The pages the example site must have beside those every site has: its stories, a briefing
/// of two stories, a digest with an editor's note, and a briefing in Korean.
const EXAMPLE_ONLY: &[&str] = &[
    "story",
    "stories",
    "briefing-in-two-stories",
    "digest-with-note",
    "briefing-in-korean",
];

const TAXONOMIES: [&str; 3] = ["tags", "people", "sources"];

/// Adds a page the site may not have.
fn optional(picked: &mut Picked, label: &str, found: Option<String>) {
    if found.is_some() {
        picked.push((label.to_string(), found));
    }
}

/// The kinds among `kinds` (by name and template) that make HTML pages and have no view.
fn without_view<'k>(kinds: impl IntoIterator<Item = (&'k str, Option<&'k str>)>) -> Vec<&'k str> {
    kinds
        .into_iter()
        .filter(|(_, template)| template.is_some_and(|t| t.ends_with(".html")))
        .filter(|(name, _)| !VIEWS.iter().any(|(kind, _)| kind == name))
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn every_page_kind_has_a_page_check_view() {
    let registered = briefgen::render::KINDS
        .iter()
        .map(|kind| (kind.name(), kind.template()));
    assert_eq!(without_view(registered.clone()), Vec::<&str>::new());
    // A kind added to the registry without a view is named.
    let with_newsletter = registered.chain([("newsletter", Some("newsletter.html"))]);
    assert_eq!(without_view(with_newsletter), ["newsletter"]);
}

/// One page of each view in a built site, by label; a view that finds no page it needs is a
/// problem, named by its kind.
fn page_kinds(
    root: &Path,
    out: &Path,
    base_url: &str,
    problems: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let site = common::snapshot(out);
    let planned = common::planned(root, base_url);
    let mut kinds = BTreeMap::new();
    for (kind, view) in VIEWS {
        let mut files: Vec<&str> = planned
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, path)| path.as_str())
            .collect();
        files.sort_unstable();
        for (label, found) in view(&Of { files, site: &site }) {
            match found {
                Some(file) => {
                    kinds.insert(label, file);
                }
                None => problems.push(format!("{}: no page {label} of kind {kind}", out.display())),
            }
        }
    }
    kinds
}

/// The Nu HTML Checker's errors and warnings on these files.
fn nu_messages(vnu: &Path, files: &[PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu)
        .args([
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--also-check-css",
        ])
        .args(files)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "the Nu checker's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] != "info" || m["subType"] == "warning")
        .map(|m| {
            format!(
                "{}:{}: {} {}",
                m["url"].as_str().unwrap_or(""),
                m["lastLine"],
                m["type"],
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// Runs axe-core on the open page: its violations, one line each.
async fn axe_violations(client: &fantoccini::Client, axe: &str) -> Vec<String> {
    client.execute(axe, vec![]).await.unwrap();
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(
               r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${
                 v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`)),
               e => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_kind_passes_axe_and_the_nu_checker_at_phone_and_desktop_widths_light_and_dark()
{
    if !browser_available() {
        return;
    }
    let Some(tools) = tools() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let generated = generated_site(2000);
    // A site whose own language is Korean: every list, label and date in Korean.
    let korean = common::korean_site();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut sites = Vec::new();
    for (name, root) in [
        ("example", example),
        ("generated", generated.root()),
        ("korean", korean.root()),
    ] {
        let port = free_port();
        let out = work.path().join(name);
        let base_url = format!("http://127.0.0.1:{port}/");
        build(root, &out, &base_url);
        let kinds = page_kinds(root, &out, &base_url, &mut problems);
        // The example site's briefings have no code; the generated site's do.
        if name == "generated" && !kinds.contains_key("briefing-with-code") {
            problems.push(format!(
                "{name}: no page briefing-with-code of kind briefing"
            ));
        }
        if name == "example" {
            for label in EXAMPLE_ONLY {
                if !kinds.contains_key(*label) {
                    problems.push(format!("{name}: no page {label}"));
                }
            }
        }
        let server = static_server(&out, port);
        sites.push((name, out, kinds, server));
    }

    // The Nu checker, on every page checked and the stylesheet.
    let mut files = Vec::new();
    for (_, out, kinds, _) in &sites {
        files.extend(kinds.values().map(|f| out.join(f)));
        files.push(out.join("style.css"));
    }
    problems.extend(nu_messages(&tools.vnu, &files));

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("page-checks");
    std::fs::create_dir_all(&shots).unwrap();
    let mut looked = 0;
    for scheme in ["light", "dark"] {
        let switches: &[&str] = if scheme == "dark" {
            &["--force-dark-mode"]
        } else {
            &[]
        };
        let (_driver, client, _profile) = browser_with(switches).await;
        for width in [390u32, 1280] {
            client.set_window_size(width, 900).await.unwrap();
            for (name, _, kinds, server) in &sites {
                for (kind, file) in kinds {
                    let path = file.trim_end_matches("index.html");
                    // The search page, looked at with results shown.
                    let query = match (kind.as_str(), *name) {
                        ("search", "example") => "?q=Kim+Jong-un",
                        ("search", "korean") => "?q=%EC%84%9C%EC%9A%B8",
                        ("search", _) => "?q=summit&person=Aiko+Ahn",
                        _ => "",
                    };
                    let url = format!(
                        "{}{path}{query}",
                        server.url.replace("0.0.0.0", "127.0.0.1")
                    );
                    client.goto(&url).await.unwrap();
                    if kind == "search" {
                        let status = answered(&client, "").await;
                        assert!(
                            status.contains("briefings for") || status.contains("브리핑 7건"),
                            "{url}: {status}"
                        );
                    }
                    let at = format!("{name} {kind} ({path}) at {width} px, {scheme}");
                    let look = client
                        .execute(
                            "return [window.innerWidth,
                                     matchMedia('(prefers-color-scheme: dark)').matches,
                                     document.documentElement.scrollWidth
                                       - document.documentElement.clientWidth];",
                            vec![],
                        )
                        .await
                        .unwrap();
                    assert_eq!(look[0], width, "{at}: the viewport is not {width} px wide");
                    assert_eq!(look[1], scheme == "dark", "{at}: not in {scheme} mode");
                    if look[2].as_i64() != Some(0) {
                        problems.push(format!("{at}: {} px wider than the screen", look[2]));
                    }
                    for violation in axe_violations(&client, &tools.axe).await {
                        problems.push(format!("{at}: axe: {violation}"));
                    }
                    let png = client.screenshot().await.unwrap();
                    std::fs::write(
                        shots.join(format!("{name}-{kind}-{width}-{scheme}.png")),
                        png,
                    )
                    .unwrap();
                    looked += 1;
                }
            }
        }
        client.close().await.unwrap();
    }
    eprintln!(
        "looked at {looked} pages; screenshots in {}",
        shots.display()
    );
    // The README's screenshots are these, of the example site, copied when asked for.
    if std::env::var_os("BRIEFGEN_UPDATE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&docs).unwrap();
        for shot in README_SCREENSHOTS {
            std::fs::copy(
                shots.join(format!("example-{shot}.png")),
                docs.join(format!("{shot}.png")),
            )
            .unwrap();
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The text of every result shown: `[date, title, people line]`, and the links' paths.
async fn results(client: &fantoccini::Client) -> Vec<(String, String, String, String)> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('#search-results li')].map(li => [
               li.querySelector('time').textContent,
               li.querySelector('a').textContent,
               li.querySelector('.search-people')?.textContent ?? '',
               li.querySelector('a').getAttribute('href')]);",
            vec![],
        )
        .await
        .unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap_or("").to_string();
            (s(0), s(1), s(2), s(3))
        })
        .collect()
}

/// Waits until the search page has answered (its status is neither empty nor "Searching…"),
/// and the status.
async fn answered(client: &fantoccini::Client, before: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        let status = client
            .execute(
                "return document.getElementById('search-status')?.textContent ?? ''",
                vec![],
            )
            .await
            .unwrap();
        let status = status.as_str().unwrap_or("").to_string();
        // "Searching…", "검색 중…": the theme's words for a search under way end so.
        if !status.is_empty() && !status.ends_with('…') && status != before {
            return status;
        }
        assert!(
            started.elapsed() < common::PATIENCE,
            "the search never answered (status {status:?})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_box_finds_briefings_by_a_persons_name_and_narrows_by_year_under_a_subpath() {
    if !browser_available() {
        return;
    }
    // The example site, built for a subpath and served from it, as a GitHub Pages project
    // site is.
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    build(
        example,
        &work.path().join("sub"),
        &format!("http://127.0.0.1:{port}/sub/"),
    );
    let server = static_server(work.path(), port);
    let base = format!("http://127.0.0.1:{port}/sub/");
    let (_driver, client, _profile) = browser_with(&[]).await;
    // On a phone and on a desktop.
    for width in [390u32, 1280] {
        client.set_window_size(width, 900).await.unwrap();

        // From any page: the header's box leads to the search page with the words asked for.
        client.goto(&base).await.unwrap();
        let field = client
            .find(fantoccini::Locator::Css("#site-search-q"))
            .await
            .unwrap();
        field.send_keys("Kim Jong-un").await.unwrap();
        client
            .find(fantoccini::Locator::Css(".site-search button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let status = answered(&client, "").await;
        assert!(
            client
                .current_url()
                .await
                .unwrap()
                .as_str()
                .starts_with(&format!("{base}search/?q=Kim")),
            "the box leads to the search page"
        );
        // Seven: the Korean translation of 12 June 2025 names him too.
        assert!(status.starts_with("7 briefings"), "{status}");
        let found = results(&client).await;
        assert_eq!(found.len(), 7, "{found:?}");
        for (_, title, people, href) in &found {
            assert!(people.contains("Kim Jong-un"), "{title}: {people}");
            assert!(href.starts_with("/sub/briefings/"), "{href}");
        }
        // A result leads to its briefing, under the subpath.
        let first = format!("http://127.0.0.1:{port}{}", found[0].3);
        let page = ureq::get(&first)
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap();
        assert!(page.contains(&found[0].1), "{first} is not {}", found[0].1);

        // Narrowed by year: the year's option counts what the words found in it.
        let options = client
            .execute(
                "return [...document.getElementById('search-year').options].map(o => o.textContent)",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            options,
            serde_json::json!(["Any year", "2025 (4)", "2024 (0)", "2019 (2)", "2018 (1)"]),
            "years newest first, each with what the words found in it"
        );
        client
            .find(fantoccini::Locator::Css("#search-year"))
            .await
            .unwrap()
            .select_by_value("2019")
            .await
            .unwrap();
        let narrowed = answered(&client, &status).await;
        assert!(narrowed.starts_with("2 briefings"), "{narrowed}");
        let found = results(&client).await;
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().all(|(date, ..)| date.ends_with("2019")),
            "{found:?}"
        );
        assert!(
            client
                .current_url()
                .await
                .unwrap()
                .as_str()
                .contains("year=2019"),
            "the address keeps the query, to be shared"
        );
    }

    // A person as a filter, from the list of people: every briefing naming them, and no other.
    client
        .goto(&format!("{base}search/?person=Yoon+Suk+Yeol"))
        .await
        .unwrap();
    let status = answered(&client, "").await;
    assert!(status.starts_with("3 briefings"), "{status}");
    let fetched = client
        .execute(
            "return Number(document.getElementById('search').dataset.fetched)",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        fetched.as_f64().unwrap_or(0.0) > 0.0,
        "bytes fetched are counted"
    );

    // A story as a filter: its briefings and no other.
    client
        .goto(&format!("{base}search/?story=trump-kim-2025"))
        .await
        .unwrap();
    let status = answered(&client, "").await;
    // Five: the Korean translation of 12 June 2025 is in the story too.
    assert!(status.starts_with("5 briefings"), "{status}");
    // Words in a story's title show the story above the briefings they find.
    client
        .goto(&format!("{base}search/?q=summits"))
        .await
        .unwrap();
    answered(&client, "").await;
    let stories = client
        .execute(
            "const box = document.getElementById('search-stories'); return [box.hidden, [...box.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href')])]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        stories,
        serde_json::json!([
            false,
            [[
                "The Trump–Kim summits, 2018–2019",
                "/sub/stories/summits-2018-2019/"
            ]]
        ]),
        "the story whose title holds the words, above the results"
    );
    client
        .goto(&format!("{base}search/?q=singapore"))
        .await
        .unwrap();
    answered(&client, "").await;
    let hidden = client
        .execute(
            "return document.getElementById('search-stories').hidden",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(hidden, serde_json::json!(true), "no story is titled so");
    client.close().await.unwrap();
    drop(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_search_result_leads_to_its_briefing_and_shows_its_date_however_the_index_shortens_them()
 {
    if !browser_available() {
        return;
    }
    // Slugs and dates written short in the fragment, each form (see the fixture), spelled out
    // again by search.js as the build spelled them: under a subpath, in Chromium.
    let site = common::shortened_slugs_site();
    let (_work, _server, base) = served_under_a_subpath(site.root());
    let (_driver, client, _profile) = browser_with(&[]).await;
    client
        .goto(&format!("{base}search/?q=harbour"))
        .await
        .unwrap();
    let status = answered(&client, "").await;
    let found = results(&client).await;
    assert_eq!(found.len(), common::SHORTENED_SLUGS.len(), "{status}");
    for (date, title, _, href) in &found {
        let (_, _, day, slug) = common::SHORTENED_SLUGS
            .iter()
            .find(|b| b.1 == title)
            .unwrap_or_else(|| panic!("{title} is not a briefing of the site"));
        assert_eq!(href, &format!("/sub/briefings/{slug}/"), "{title}");
        let day = day
            .strip_prefix("2025-06-")
            .unwrap()
            .trim_start_matches('0');
        assert_eq!(date, &format!("{day} June 2025"), "{title}");
        let page = ureq::get(&format!("{}{href}", base.trim_end_matches("/sub/")))
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap();
        assert!(
            page.contains(&format!("<title>{title}")),
            "{href} is not {title}"
        );
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_page_of_a_korean_site_speaks_korean() {
    if !browser_available() {
        return;
    }
    // What the script says comes from the theme's words in the site's language.
    let site = common::korean_site();
    let (_work, _server, base) = served_under_a_subpath(site.root());
    let (_driver, client, _profile) = browser_with(&[]).await;
    for (query, said) in [
        (format!("q={}", urlencode("서울")), "“서울”: 브리핑 7건"),
        (
            format!("q={}&year=2024", urlencode("회담")),
            "“회담”, 2024: 브리핑 1건",
        ),
        (
            format!("person={}", urlencode("없는 사람")),
            "“없는 사람”라는 인물이(가) 없습니다. 목록에서 고르세요.",
        ),
        (
            String::new(),
            "찾을 낱말을 입력하거나 인물, 태그, 출처, 연도를 고르세요.",
        ),
    ] {
        client
            .goto(&format!("{base}search/?{query}"))
            .await
            .unwrap();
        let status = answered(&client, "").await;
        assert_eq!(status, said, "{query}");
    }
    // A result's people, and a story found by its title.
    client
        .goto(&format!("{base}search/?q={}", urlencode("정상회담")))
        .await
        .unwrap();
    answered(&client, "").await;
    let shown = client
        .execute(
            "return [document.querySelector('#search-results .search-people')?.textContent ?? '',
                     document.querySelector('#search-stories .meta')?.textContent ?? '']",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        shown,
        serde_json::json!(["인물: 이재명, 김정은", "스토리 · 진행 중 · 브리핑 7건"])
    );
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn korean_search_finds_a_noun_with_its_particles_a_person_by_a_hangul_alias_and_narrows_by_language_under_a_subpath()
 {
    if !browser_available() {
        return;
    }
    // Briefings written in Korean by the test, and English ones; Lee Jae-myung's Hangul
    // spelling is an alias in data/people.yaml.
    let site = common::Site::new("title = \"T\"\nbase_url = \"https://example.org/\"\n");
    site.write(
        "data/people.yaml",
        "Lee Jae-myung:\n  aliases: [\"이재명\"]\n",
    );
    for (file, title, body, people, language) in [
        (
            "k1.md",
            "서울에서 회담 열려",
            "서울에서 남북 회담이 열렸다.",
            "[\"이재명\"]",
            "ko",
        ),
        (
            "k2.md",
            "서울은 조용했다",
            "서울은 하루 종일 조용했다.",
            "[]",
            "ko",
        ),
        (
            "k3.md",
            "부산 항구의 하루",
            "부산에서 배가 들어왔다.",
            "[]",
            "ko",
        ),
        (
            "e1.md",
            "Lee Jae-myung visits Tokyo",
            "The president flew to Tokyo.",
            "[\"Lee Jae-myung\"]",
            "en",
        ),
        ("e2.md", "Markets close higher", "Stocks rose.", "[]", "en"),
    ] {
        site.write(
            &format!("content/{file}"),
            &format!(
                "---\ntitle: \"{title}\"\ndate: 2025-06-12\nsource: Yonhap\npeople: {people}\nlanguage: {language}\n---\n{body}\n"
            ),
        );
    }
    let (_work, _server, base) = served_under_a_subpath(site.root());
    let (_driver, client, _profile) = browser_with(&[]).await;
    for (query, expected) in [
        // The noun finds it with its particles, and so does the noun with one.
        ("서울", vec!["서울에서 회담 열려", "서울은 조용했다"]),
        ("서울에서", vec!["서울에서 회담 열려", "서울은 조용했다"]),
        // The Hangul spelling finds the briefings naming him, in English too.
        (
            "이재명",
            vec!["Lee Jae-myung visits Tokyo", "서울에서 회담 열려"],
        ),
    ] {
        client
            .goto(&format!("{base}search/?q={}", urlencode(query)))
            .await
            .unwrap();
        let status = answered(&client, "").await;
        let mut found: Vec<String> = results(&client)
            .await
            .into_iter()
            .map(|(_, title, _, href)| {
                assert!(href.starts_with("/sub/briefings/"), "{href}");
                title
            })
            .collect();
        found.sort();
        let mut expected: Vec<String> = expected.iter().map(|t| t.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected, "{query}: {status}");
    }
    // The language filter narrows what the words found to one language, and keeps it in the
    // address; with no words it lists the language's briefings.
    client
        .goto(&format!("{base}search/?q={}", urlencode("이재명")))
        .await
        .unwrap();
    let status = answered(&client, "").await;
    assert!(status.starts_with("2 briefings"), "{status}");
    client
        .find(fantoccini::Locator::Css("#search-language"))
        .await
        .unwrap()
        .select_by_value("en")
        .await
        .unwrap();
    let narrowed = answered(&client, &status).await;
    assert!(narrowed.contains("in English"), "{narrowed}");
    let found: Vec<String> = results(&client).await.into_iter().map(|r| r.1).collect();
    assert_eq!(found, ["Lee Jae-myung visits Tokyo"], "{narrowed}");
    let address = client.current_url().await.unwrap();
    assert!(address.as_str().ends_with("&language=en"), "{address}");
    client
        .goto(&format!("{base}search/?language=ko"))
        .await
        .unwrap();
    let status = answered(&client, "").await;
    let mut found: Vec<String> = results(&client).await.into_iter().map(|r| r.1).collect();
    found.sort();
    assert_eq!(
        found,
        ["부산 항구의 하루", "서울에서 회담 열려", "서울은 조용했다"],
        "{status}"
    );
    // A result in another language than the site's says so, its title and its summary.
    let langs = client
        .execute(
            "return [...document.querySelectorAll('#search-results li')].map(li => [li.querySelector('a').lang, li.querySelector('p.briefing-summary')?.lang ?? ''])",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        langs,
        serde_json::json!([["ko", "ko"], ["ko", "ko"], ["ko", "ko"]]),
        "{status}"
    );
    client
        .goto(&format!("{base}search/?q=Tokyo"))
        .await
        .unwrap();
    answered(&client, "").await;
    let langs = client
        .execute(
            "return [...document.querySelectorAll('#search-results a')].map(a => a.lang)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        langs,
        serde_json::json!([""]),
        "an English result on an English site"
    );
    client.close().await.unwrap();
}

/// A query as an address's `q=` writes it.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
