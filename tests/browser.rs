//! End to end in a real browser: headless Chromium (Debian's `chromium`, driven through
//! `chromedriver` over WebDriver) opens a briefing served by `briefgen serve`; the test changes
//! the title on disk and sees the new title in the page without navigating.
//!
//! Without Chromium the test says so and passes, unless `BRIEFGEN_REQUIRE_BROWSER` is set (CI
//! sets it, after installing Chromium), in which case it fails.

mod common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::browser::{
    browser, browser_available, js, js_between_loads, wait_for_js, wait_for_text, wait_until_live,
};
use common::{PATIENCE, SITE_TOML, Site, front, serve};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn a_page_reloads_itself_when_the_server_comes_back() {
    if !browser_available() {
        return;
    }
    let site = Site::new(SITE_TOML);
    site.briefing(
        "a.md",
        &front("Before the restart", "2025-06-12", &[], &[]),
        "x\n",
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let server = serve(&site, &["--port", &port]);
    let (_driver, client, _profile) = browser().await;
    client
        .goto(&format!("{}briefings/a/", server.url))
        .await
        .unwrap();
    wait_for_text(&client, "h1", "Before the restart").await;
    js(&client, "window.briefgenMark = 'old page';").await;

    drop(server);
    site.briefing(
        "a.md",
        &front("After the restart", "2025-06-12", &[], &[]),
        "x\n",
    );
    let _server = serve(&site, &["--port", &port]);
    wait_for_text(&client, "h1", "After the restart").await;
    let mark = js(&client, "return window.briefgenMark ?? null;").await;
    assert!(mark.is_null(), "the page was reloaded");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_title_changed_on_disk_shows_in_the_open_page() {
    if !browser_available() {
        return;
    }
    let site = Site::new(SITE_TOML);
    site.briefing(
        "2025/2025-06-12-receptive.md",
        &front(
            "Trump Remains Receptive to Communication with Kim",
            "2025-06-12T15:18:48+09:00",
            &["Diplomacy"],
            &["Kim Jong-un"],
        ),
        "The White House says the president remains receptive.\n",
    );
    let server = serve(&site, &[]);
    let (_driver, client, _profile) = browser().await;

    let page = format!("{}briefings/receptive/", server.url);

    client.goto(&page).await.unwrap();
    let title = client
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(title, "Trump Remains Receptive to Communication with Kim");
    wait_until_live(&client).await;

    site.briefing(
        "2025/2025-06-12-receptive.md",
        &front(
            "White House: Trump Remains Receptive",
            "2025-06-12T15:18:48+09:00",
            &["Diplomacy"],
            &["Kim Jong-un"],
        ),
        "The White House says the president remains receptive.\n",
    );
    let started = Instant::now();
    let mut seen = String::new();
    while started.elapsed() < PATIENCE {
        if let Ok(h1) = client.find(Locator::Css("h1")).await
            && let Ok(text) = h1.text().await
        {
            seen = text;
            if seen == "White House: Trump Remains Receptive" {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        seen, "White House: Trump Remains Receptive",
        "the page did not update itself"
    );
    assert_eq!(
        client.current_url().await.unwrap().as_str(),
        page,
        "the test never navigated"
    );

    // A broken save shows its errors over the page; the next good save clears them.
    site.write(
        "content/2025/2025-06-12-receptive.md",
        "---\ntitle: Broken\ndate: 2025-13-45\nsource: KBS\n---\nx\n",
    );
    let overlay = wait_for_text(
        &client,
        "#briefgen-errors",
        "content/2025/2025-06-12-receptive.md:3:7",
    )
    .await;
    assert!(overlay.contains("is not a date"), "{overlay}");
    site.briefing(
        "2025/2025-06-12-receptive.md",
        &front(
            "Fixed title",
            "2025-06-12T15:18:48+09:00",
            &["Diplomacy"],
            &["Kim Jong-un"],
        ),
        "Fixed.\n",
    );
    wait_for_text(&client, "h1", "Fixed title").await;
    assert!(
        client.find(Locator::Css("#briefgen-errors")).await.is_err(),
        "the overlay is gone"
    );

    // A stylesheet change swaps the stylesheet in place: the page is not reloaded.
    js(&client, "window.briefgenMark = 'still here';").await;
    site.write("static/style.css", "h1 { color: rgb(200, 0, 0); }");
    wait_for_js(
        &client,
        "return getComputedStyle(document.querySelector('h1')).color;",
        "rgb(200, 0, 0)".into(),
        "the new stylesheet never applied",
    )
    .await;
    let mark = js(&client, "return window.briefgenMark;").await;
    assert_eq!(
        mark.as_str(),
        Some("still here"),
        "the page was reloaded for a stylesheet"
    );
    client.close().await.unwrap();
}

/// Waits until the element's text contains `expected`; returns the text.
#[tokio::test(flavor = "multi_thread")]
async fn nothing_in_a_briefing_widens_a_phone_page() {
    // Issue 12: a 2000-px image overflowed the column, and a wide table or a long URL made a
    // phone page 885 px wide.
    if !browser_available() {
        return;
    }
    let site = Site::new(SITE_TOML);
    site.write(
        "content/wide.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2000\" height=\"200\"><rect width=\"2000\" height=\"200\" fill=\"#888\"/></svg>",
    );
    let header = (1..=12)
        .map(|i| format!("Column number {i}"))
        .collect::<Vec<_>>()
        .join(" | ");
    let rule = ["---"; 12].join(" | ");
    let row = ["a-rather-long-cell-value"; 12].join(" | ");
    let long_url = format!("https://example.org/{}", "segment-".repeat(30));
    site.briefing(
        "wide.md",
        &front("Wide things", "2025-06-12", &[], &[]),
        &format!(
            "![A wide chart](wide.svg)\n\n| {header} |\n| {rule} |\n| {row} |\n\nSee <{long_url}> and {}.\n",
            "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung".repeat(3)
        ),
    );
    let server = serve(&site, &["--port", "0"]);
    let (_driver, client, _profile) = browser().await;
    for width in [390u32, 1280] {
        client.set_window_size(width, 900).await.unwrap();
        client
            .goto(&format!("{}briefings/wide/", server.url))
            .await
            .unwrap();
        wait_for_text(&client, "h1", "Wide things").await;
        let sizes = client
            .execute(
                "const i = document.querySelector('main img');\
                 return [document.documentElement.scrollWidth, document.documentElement.clientWidth,\
                         i.complete ? i.getBoundingClientRect().right : -1];",
                vec![],
            )
            .await
            .unwrap();
        let sizes: Vec<f64> = sizes
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let (scroll, client_width, image_right) = (sizes[0], sizes[1], sizes[2]);
        assert!(
            scroll <= client_width,
            "at {width} px the page is {scroll} px wide (viewport {client_width} px)"
        );
        assert!(
            image_right <= client_width,
            "at {width} px the image ends at {image_right} px"
        );
    }
    client.close().await.unwrap();
}

/// A long briefing, with a `<details>` and a link to focus, in a site that keeps raw HTML.
fn long_site(title: &str) -> Site {
    let site = Site::new(&format!("{SITE_TOML}allow_raw_html = true\n"));
    site.briefing(
        "long.md",
        &front(title, "2025-06-12", &[], &[]),
        &long_body(),
    );
    site
}

fn long_body() -> String {
    let paragraph = "The talks went on into the evening, and the statement came after midnight. ";
    let mut body = String::from(
        "<details id=\"more\"><summary>More</summary><p>What was agreed.</p></details>\n\n\
         [A link to focus](https://example.org/focus)\n\n",
    );
    for i in 0..120 {
        body.push_str(&format!("{}Paragraph {i}.\n\n", paragraph.repeat(3)));
    }
    body
}

/// The page's vertical scroll position.
async fn scroll_y(client: &fantoccini::Client) -> f64 {
    js(client, "return window.scrollY;").await.as_f64().unwrap()
}

/// Scrolls the page to half its height; the position.
async fn scroll_halfway(client: &fantoccini::Client) -> f64 {
    js(
        client,
        "window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2);",
    )
    .await;
    let position = scroll_y(client).await;
    assert!(position > 1000.0, "the page scrolled halfway ({position})");
    position
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_is_patched_into_the_open_page_keeping_its_place() {
    if !browser_available() {
        return;
    }
    let site = long_site("Talks resume");
    let server = serve(&site, &[]);
    let (_driver, client, _profile) = browser().await;
    client.set_window_size(1000, 700).await.unwrap();
    let page = format!("{}briefings/long/", server.url);
    client.goto(&page).await.unwrap();
    wait_for_text(&client, "h1", "Talks resume").await;
    wait_until_live(&client).await;
    js(
        &client,
        "window.briefgenMark = 'kept'; window.loads = 0;\
         addEventListener('load', () => window.loads++);\
         document.getElementById('more').open = true;\
         document.querySelector('a[href=\"https://example.org/focus\"]').focus();",
    )
    .await;
    let before = scroll_halfway(&client).await;

    site.briefing(
        "long.md",
        &front("Talks resume in Geneva", "2025-06-12", &[], &[]),
        &long_body(),
    );
    wait_for_text(&client, "h1", "Talks resume in Geneva").await;
    let state = js(
        &client,
        "return [window.briefgenMark ?? null, window.loads ?? null,\
                 document.getElementById('more').open,\
                 document.activeElement.getAttribute('href'), document.title];",
    )
    .await;
    assert_eq!(state[0], "kept", "the page navigated: {state}");
    assert_eq!(state[1], 0, "a load event: {state}");
    assert_eq!(state[2], true, "the <details> closed: {state}");
    assert_eq!(state[3], "https://example.org/focus", "focus lost: {state}");
    assert!(
        state[4]
            .as_str()
            .unwrap()
            .contains("Talks resume in Geneva"),
        "the head was not patched: {state}"
    );
    assert_eq!(scroll_y(&client).await, before, "the scroll position moved");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_script_changed_reloads_and_comes_back_to_its_place() {
    if !browser_available() {
        return;
    }
    let site = long_site("Scripts change");
    let base = include_str!("../themes/default/templates/base.html");
    let with_script = |version: u32| {
        base.replacen(
            "</head>",
            &format!("<script>window.pageVersion = {version};</script>\n</head>"),
            1,
        )
    };
    site.write("templates/base.html", &with_script(1));
    let server = serve(&site, &[]);
    let (_driver, client, _profile) = browser().await;
    client.set_window_size(1000, 700).await.unwrap();
    client
        .goto(&format!("{}briefings/long/", server.url))
        .await
        .unwrap();
    wait_for_text(&client, "h1", "Scripts change").await;
    wait_until_live(&client).await;
    js(&client, "window.briefgenMark = 'old page';").await;
    let before = scroll_halfway(&client).await;

    site.write("templates/base.html", &with_script(2));
    wait_for_js(
        &client,
        "return window.pageVersion ?? null;",
        2.into(),
        "the page never reloaded",
    )
    .await;
    let mark = js(&client, "return window.briefgenMark ?? null;").await;
    assert!(mark.is_null(), "a changed script needs a reload");
    // Back where it was, once the reloaded page has laid out.
    let started = Instant::now();
    while (scroll_y(&client).await - before).abs() > 1.0 {
        assert!(
            started.elapsed() < PATIENCE,
            "the scroll position did not come back ({} instead of {before})",
            scroll_y(&client).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_brings_open_pages_to_the_saved_briefing() {
    if !browser_available() {
        return;
    }
    let site = Site::new(SITE_TOML);
    site.briefing("a.md", &front("First", "2025-06-12", &[], &[]), "x\n");
    site.briefing("b.md", &front("Second", "2025-06-13", &[], &[]), "y\n");
    let server = serve(&site, &["--follow"]);
    let (_driver, client, _profile) = browser().await;
    client
        .goto(&format!("{}briefings/a/", server.url))
        .await
        .unwrap();
    wait_for_text(&client, "h1", "First").await;
    wait_until_live(&client).await;

    site.briefing(
        "b.md",
        &front("Second, edited", "2025-06-13", &[], &[]),
        "y\n",
    );
    wait_for_text(&client, "h1", "Second, edited").await;
    wait_until_live(&client).await;
    assert_eq!(
        client.current_url().await.unwrap().as_str(),
        format!("{}briefings/b/", server.url)
    );
    // Saving the page it shows keeps it there, updated in place.
    js(&client, "window.briefgenMark = 'kept';").await;
    site.briefing(
        "b.md",
        &front("Second, again", "2025-06-13", &[], &[]),
        "y\n",
    );
    wait_for_text(&client, "h1", "Second, again").await;
    let mark = js(&client, "return window.briefgenMark ?? null;").await;
    assert_eq!(mark, "kept");
    client.close().await.unwrap();
}

/// What runs or acts, as payloads record it: `window.ran` (pushed to by handlers, scripts and
/// frames) and the address the page ended at (a meta refresh moves it).
const WHAT_RAN: &str = "return JSON.stringify({ ran: (window.ran || []).slice().sort(), \
                        search: location.search });";

/// Payloads that run, act or load something, each in one form or another: inside `<noscript>`
/// (inert in a page that runs scripts, live elements when parsed without scripting), in
/// `<template>`, in SVG, in frames, in meta refresh, in legacy script types, inline handlers.
const PAYLOADS: &[(&str, &str)] = &[
    (
        "noscript-img",
        r#"<div><noscript><img src="x" onerror="(window.ran=window.ran||[]).push('noscript-img')"></noscript></div>"#,
    ),
    (
        "noscript-refresh",
        r#"<noscript><meta http-equiv="refresh" content="0; url=?refreshed=noscript"></noscript>"#,
    ),
    (
        "noscript-srcdoc",
        r#"<noscript><iframe srcdoc="<script>(parent.ran=parent.ran||[]).push('noscript-srcdoc')</script>"></iframe></noscript>"#,
    ),
    (
        "jscript",
        r#"<script type="text/jscript">(window.ran=window.ran||[]).push('jscript')</script>"#,
    ),
    (
        "data-block",
        r#"<script type="application/ld+json">{"ran": "never"}</script>"#,
    ),
    (
        "script",
        r#"<script>(window.ran=window.ran||[]).push('script')</script>"#,
    ),
    (
        "svg-onload",
        r#"<svg onload="(window.ran=window.ran||[]).push('svg-onload')"></svg>"#,
    ),
    (
        "svg-script",
        r#"<svg><script>(window.ran=window.ran||[]).push('svg-script')</script></svg>"#,
    ),
    (
        "template",
        r#"<template><img src="x" onerror="(window.ran=window.ran||[]).push('template')"></template>"#,
    ),
    (
        "srcdoc",
        r#"<iframe srcdoc="<script>(parent.ran=parent.ran||[]).push('srcdoc')</script>"></iframe>"#,
    ),
    ("object", r#"<object data="/frame.html?object"></object>"#),
    (
        "embed",
        r#"<embed src="/frame.html?embed" type="text/html">"#,
    ),
    (
        "meta-refresh",
        r#"<meta http-equiv="refresh" content="0; url=?refreshed=meta">"#,
    ),
    (
        "img-onerror",
        r#"<img src="x" onerror="(window.ran=window.ran||[]).push('img-onerror')">"#,
    ),
    (
        "details-ontoggle",
        r#"<details open ontoggle="(window.ran=window.ran||[]).push('details-ontoggle')"><summary>s</summary>d</details>"#,
    ),
];

/// Opens `page`, again when a navigation of the page's own (a refresh) interrupts the open.
async fn goto_between_loads(client: &fantoccini::Client, page: &str) {
    let started = Instant::now();
    while let Err(e) = client.goto(page).await {
        assert!(started.elapsed() < PATIENCE, "{page}: {e}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Issue 24: patched pages ran what a page load does not (`<noscript>` content parsed without
/// scripting became live elements: an `onerror` fired, a meta refresh acted), and skipped what
/// a load runs (`type="text/jscript"`, `<svg onload>`). For each payload, added to an open
/// page and patched in, what ran is what a fresh load of the same page runs.
async fn a_patched_page_runs_what_a_fresh_load_runs(raw_html: bool) {
    let toml = format!("{SITE_TOML}allow_raw_html = {raw_html}\n");
    let site = Site::new(&toml);
    let body = |text: &str| format!("Start.\n\n{text}\n");
    site.briefing(
        "a.md",
        &front("Payloads", "2025-06-12", &[], &[]),
        &body("Neutral."),
    );
    site.write(
        "static/frame.html",
        "<!doctype html><title>f</title><script>(parent.ran=parent.ran||[]).push('frame' + location.search)</script>",
    );
    let server = serve(&site, &[]);
    let page = format!("{}briefings/a/", server.url);
    let (_driver, client, _profile) = browser().await;
    let settled = "return document.readyState === 'complete';";
    let mut ran_somewhere = 0;
    let mut differ = Vec::new();
    let mut not_in_place = Vec::new();
    for (name, payload) in PAYLOADS {
        // A page without the payload, freshly loaded and listening.
        let neutral = format!("Neutral {name}.");
        site.briefing(
            "a.md",
            &front("Payloads", "2025-06-12", &[], &[]),
            &body(&neutral),
        );
        let started = Instant::now();
        loop {
            goto_between_loads(&client, &page).await;
            let shown = js_between_loads(&client, "return document.body.textContent;").await;
            let search = js_between_loads(&client, "return location.search;").await;
            if shown.as_str().is_some_and(|t| t.contains(&neutral)) && search == "" {
                break;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{name}: never showed {neutral:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        wait_until_live(&client).await;
        js_between_loads(&client, "window.ran = [];").await;

        // The payload saved: patched in (or the page reloaded), then what ran.
        let marker = format!("Marker {name}.");
        site.briefing(
            "a.md",
            &front("Payloads", "2025-06-12", &[], &[]),
            &body(&format!("{payload}\n\n{marker}")),
        );
        let shows_marker = format!(
            "return document.readyState === 'complete' && document.body.textContent.includes({marker:?});"
        );
        wait_for_js(
            &client,
            &shows_marker,
            true.into(),
            &format!("{name}: no {marker}"),
        )
        .await;
        // Handlers, frames and refreshes act within a few tasks of the page settling.
        tokio::time::sleep(Duration::from_millis(400)).await;
        wait_for_js(&client, settled, true.into(), name).await;
        let patched = js_between_loads(&client, WHAT_RAN).await;

        // The same page, freshly loaded.
        goto_between_loads(&client, &page).await;
        wait_for_js(&client, settled, true.into(), name).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        wait_for_js(&client, settled, true.into(), name).await;
        let fresh = js_between_loads(&client, WHAT_RAN).await;
        if patched != fresh {
            differ.push(format!("{name}: patched {patched}, fresh {fresh}"));
        }
        if fresh
            .as_str()
            .is_some_and(|f| f != r#"{"ran":[],"search":""}"#)
        {
            ran_somewhere += 1;
        }

        // An edit of the text around a payload that stays is patched in place, and runs
        // nothing again (a page that refreshes itself for ever aside).
        if fresh.as_str().is_some_and(|f| f.contains("?refreshed")) {
            continue;
        }
        js_between_loads(&client, "window.briefgenMark = 'kept';").await;
        let edited = format!("Edited {name}.");
        site.briefing(
            "a.md",
            &front("Payloads", "2025-06-12", &[], &[]),
            &body(&format!("{payload}\n\n{edited}")),
        );
        let shows_edit = format!("return document.body.textContent.includes({edited:?});");
        wait_for_js(
            &client,
            &shows_edit,
            true.into(),
            &format!("{name}: no {edited}"),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let after = js_between_loads(&client, WHAT_RAN).await;
        let mark = js_between_loads(&client, "return window.briefgenMark ?? null;").await;
        if after != fresh || mark != "kept" {
            not_in_place.push(format!("{name}: {after} after the edit, mark {mark}"));
        }
    }
    assert!(
        differ.is_empty(),
        "allow_raw_html = {raw_html}: the patched page ran what a fresh load did not, or the reverse:\n{}",
        differ.join("\n")
    );
    assert!(
        not_in_place.is_empty(),
        "allow_raw_html = {raw_html}: an edit beside a payload was not patched in place:\n{}",
        not_in_place.join("\n")
    );
    // The payloads do run where raw HTML is allowed, and nowhere when it is not.
    if raw_html {
        assert!(
            ran_somewhere >= 8,
            "only {ran_somewhere} payloads ran at all"
        );
    } else {
        assert_eq!(ran_somewhere, 0);
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_patched_page_runs_what_a_fresh_load_runs_with_raw_html() {
    if browser_available() {
        a_patched_page_runs_what_a_fresh_load_runs(true).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_patched_page_runs_what_a_fresh_load_runs_without_raw_html() {
    if browser_available() {
        a_patched_page_runs_what_a_fresh_load_runs(false).await;
    }
}

/// Issue 25: the theme as a newcomer saw it — the chronology cut off after July on a phone,
/// a grey source name split over two lines, related titles wrapping back under their dates, a
/// header on two lines at 1280 px, two search boxes on the search page.
#[tokio::test(flavor = "multi_thread")]
async fn the_theme_fits_a_phone_and_sits_on_one_line_on_a_desktop() {
    if !browser_available() {
        return;
    }
    let site = Site::new(SITE_TOML);
    let long_title = "Envoys from Seoul, Washington and Tokyo Meet Again to Prepare the Next Round of Talks on the Peninsula";
    for (i, date) in [
        "2024-01-15",
        "2024-06-12",
        "2024-12-30",
        "2025-02-03",
        "2025-12-01",
    ]
    .iter()
    .enumerate()
    {
        site.briefing(
            &format!("b{i}.md"),
            &format!(
                "title: \"{long_title} {i}\"\ndate: {date}\nsource: KBS World Radio News International\ntags: [Diplomacy]\npeople: [Kim Jong-un]\n"
            ),
            "Text of the briefing.\n",
        );
    }
    let server = serve(&site, &["--port", "0"]);
    let (_driver, client, _profile) = browser().await;
    for width in [390u32, 1280] {
        client.set_window_size(width, 900).await.unwrap();

        // The chronology: December and the year's total in view, without scrolling.
        client
            .goto(&format!("{}chronology/", server.url))
            .await
            .unwrap();
        wait_for_text(&client, "h1", "Chronology").await;
        let fits = js(
            &client,
            "const w = document.documentElement.clientWidth;\
             const head = [...document.querySelectorAll('.calendar thead th')];\
             return head.length === 14 && head.every(th => th.getBoundingClientRect().right <= w);",
        )
        .await;
        assert_eq!(
            fits, true,
            "at {width} px the chronology's columns are not all in view"
        );

        // Lists: a source never splits over two lines; a title wraps under itself.
        for page in ["", "briefings/b2/"] {
            client.goto(&format!("{}{page}", server.url)).await.unwrap();
            wait_for_js(
                &client,
                "return document.readyState === 'complete';",
                true.into(),
                page,
            )
            .await;
            let split = js(
                &client,
                "return [...document.querySelectorAll('.briefing-list > li > span, .briefing-source')]\
                   .filter(s => s.getClientRects().length > 1).map(s => s.textContent);",
            )
            .await;
            assert_eq!(split, serde_json::json!([]), "at {width} px on /{page}");
            let under_dates = js(
                &client,
                "return [...document.querySelectorAll('.briefing-list.compact li')].filter(li => {\
                   const time = li.querySelector('time').getBoundingClientRect();\
                   const beside = time.top === li.querySelector('a').getClientRects()[0].top;\
                   return beside && [...li.querySelector('a').getClientRects()]\
                     .some(r => r.left < time.right - 1);\
                 }).length;",
            )
            .await;
            assert_eq!(
                under_dates, 0,
                "at {width} px on /{page}: a title wraps under its date"
            );
        }
        let related = js(
            &client,
            "return document.querySelectorAll('.related li').length;",
        )
        .await;
        assert!(
            related.as_u64().unwrap_or(0) >= 2,
            "related briefings are shown"
        );

        // One search box on the search page.
        client
            .goto(&format!("{}search/", server.url))
            .await
            .unwrap();
        wait_for_text(&client, "h1", "Search").await;
        let boxes = js(
            &client,
            "return document.querySelectorAll('input[type=search]').length;",
        )
        .await;
        assert_eq!(
            boxes, 1,
            "at {width} px the search page has {boxes} search boxes"
        );
        let placeholder = js(
            &client,
            "return document.getElementById('search-person').placeholder;",
        )
        .await;
        assert_eq!(placeholder, "e.g. Kim Jong-un");
    }
    // At 1280 px the header is one line: title, navigation and search box side by side.
    client.set_window_size(1280, 900).await.unwrap();
    client.goto(&server.url).await.unwrap();
    wait_for_text(&client, "h1", "Latest").await;
    let lines = js(
        &client,
        "const tops = ['.site-title', '.site-nav', '.site-search']\
           .map(s => document.querySelector(s).getBoundingClientRect());\
         return tops.every(r => r.top < tops[0].bottom && r.bottom > tops[0].top);",
    )
    .await;
    assert_eq!(
        lines, true,
        "the header takes more than one line at 1280 px"
    );
    client.close().await.unwrap();
}
