//! End to end in a real browser: headless Chromium (Debian's `chromium`, driven through
//! `chromedriver` over WebDriver) opens a briefing served by `briefgen serve`; the test changes
//! the title on disk and sees the new title in the page without navigating.
//!
//! Without Chromium the test says so and passes, unless `BRIEFGEN_REQUIRE_BROWSER` is set (CI
//! sets it, after installing Chromium), in which case it fails.

mod common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::browser::{browser, browser_available, wait_for_text};
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
    client
        .execute("window.briefgenMark = 'old page';", vec![])
        .await
        .unwrap();

    drop(server);
    site.briefing(
        "a.md",
        &front("After the restart", "2025-06-12", &[], &[]),
        "x\n",
    );
    let _server = serve(&site, &["--port", &port]);
    wait_for_text(&client, "h1", "After the restart").await;
    let mark = client
        .execute("return window.briefgenMark ?? null;", vec![])
        .await
        .unwrap();
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
    // Let the page's live-reload socket connect before the change.
    tokio::time::sleep(Duration::from_millis(300)).await;

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
    client
        .execute("window.briefgenMark = 'still here';", vec![])
        .await
        .unwrap();
    site.write("static/style.css", "h1 { color: rgb(200, 0, 0); }");
    let started = Instant::now();
    loop {
        let color = client
            .execute(
                "return getComputedStyle(document.querySelector('h1')).color;",
                vec![],
            )
            .await
            .unwrap();
        if color.as_str() == Some("rgb(200, 0, 0)") {
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the new stylesheet never applied ({color})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mark = client
        .execute("return window.briefgenMark;", vec![])
        .await
        .unwrap();
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
