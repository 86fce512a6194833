//! Headless Chromium (Debian's `chromium`, driven through `chromedriver` over WebDriver), for
//! the tests that look at pages as a reader's browser shows them.
//!
//! Without Chromium a test says so (`SKIPPED …`, shown by plain `cargo test`) and passes,
//! unless `BRIEFGEN_REQUIRE_BROWSER` is set (CI sets it, after installing Chromium), in which
//! case it fails.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

use super::PATIENCE;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, stopped when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        super::skipped(
            "BRIEFGEN_REQUIRE_BROWSER",
            &format!(
                "{CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
            ),
        );
    }
    present
}

pub fn start_chromedriver() -> (Driver, String) {
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

/// Headless Chromium under chromedriver, with a fresh profile.
pub async fn browser() -> (Driver, fantoccini::Client, tempfile::TempDir) {
    browser_with(&[]).await
}

/// The same, with more command-line switches for Chromium.
pub async fn browser_with(switches: &[&str]) -> (Driver, fantoccini::Client, tempfile::TempDir) {
    let (driver, webdriver) = start_chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .chain(switches)
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": args,
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .expect("chromedriver session");
    (driver, client, profile)
}

/// Waits until the element at `css` shows `expected`; its text.
pub async fn wait_for_text(client: &fantoccini::Client, css: &str, expected: &str) -> String {
    let started = Instant::now();
    let mut seen = String::new();
    while started.elapsed() < PATIENCE {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if text.contains(expected) {
                return text;
            }
            seen = text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{css} never showed {expected:?} (last seen: {seen:?})");
}

/// What `script` returns in the open page.
pub async fn js(client: &fantoccini::Client, script: &str) -> serde_json::Value {
    client.execute(script, vec![]).await.unwrap()
}

/// What `script` returns in the open page, asked again while a navigation (a reload, a
/// refresh) interrupts it.
pub async fn js_between_loads(client: &fantoccini::Client, script: &str) -> serde_json::Value {
    let started = Instant::now();
    loop {
        match client.execute(script, vec![]).await {
            Ok(value) => return value,
            Err(e) => assert!(started.elapsed() < PATIENCE, "{script}: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until `script` returns `expected` in the open page (a navigation meanwhile is waited
/// out).
pub async fn wait_for_js(
    client: &fantoccini::Client,
    script: &str,
    expected: serde_json::Value,
    what: &str,
) {
    let started = Instant::now();
    while client.execute(script, vec![]).await.ok() != Some(expected.clone()) {
        assert!(started.elapsed() < PATIENCE, "{what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the open page's live-reload socket is connected, so that it hears of the next
/// rebuild.
pub async fn wait_until_live(client: &fantoccini::Client) {
    wait_for_js(
        client,
        "return window.briefgenLive === true;",
        true.into(),
        "the page's live-reload socket never connected",
    )
    .await;
}
