//! End to end in a real browser: headless Chromium (Debian's `chromium`, driven through
//! `chromedriver` over WebDriver) opens a briefing served by `briefgen serve`; the test changes
//! the title on disk and sees the new title in the page without navigating.
//!
//! Without Chromium the test says so and passes, unless `BRIEFGEN_REQUIRE_BROWSER` is set (CI
//! sets it, after installing Chromium), in which case it fails.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{PATIENCE, SITE_TOML, Site, front, serve};
use fantoccini::{ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var_os("BRIEFGEN_REQUIRE_BROWSER").is_none(),
            "BRIEFGEN_REQUIRE_BROWSER is set but {CHROMIUM} or {CHROMEDRIVER} is missing \
             (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "skipped: no {CHROMIUM} or {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
        );
    }
    present
}

fn start_chromedriver() -> (Driver, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), format!("http://127.0.0.1:{port}"))
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
    let (_driver, webdriver) = start_chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .expect("chromedriver session");

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
    client.close().await.unwrap();
}
