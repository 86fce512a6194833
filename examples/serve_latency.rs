//! Measures `briefgen serve` on a real site: from saving an edited briefing to the rebuilt page
//! being served (polling over HTTP), and to an open page having been told to reload and having
//! fetched the new page (over the live-reload WebSocket, as the browser script does), and to
//! the search index having caught up (a new `search/data/meta.json`), and to the new title
//! drawn in headless Chromium, patched in place (timed by the page). Reports medians. Then it
//! edits the site's `base.html` (an override of the default theme's, put in `templates/` for
//! the run) and times every page being re-rendered: the first page served
//! with the change, and the chronology, which is rendered last. Run by `bench/serve.sh`; see
//! BENCHMARKS.md.
//!
//! Usage: serve_latency SITE_DIR [EDITS]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve_latency SITE_DIR [EDITS]"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(30);
    let binary = std::env::var("BRIEFGEN").unwrap_or_else(|_| "target/release/briefgen".into());
    let template = root.join("templates/base.html");
    assert!(
        !template.exists(),
        "{} exists; this measures on a site without template overrides",
        template.display()
    );
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let base = include_str!("../themes/default/templates/base.html");
    std::fs::write(&template, base).unwrap();

    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run briefgen serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(i) = line.find("http://") {
            break line[i..].split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    println!(
        "serve ready after {:.2} s (initial build in memory)",
        started.elapsed().as_secs_f64()
    );

    let files = briefings(&root.join("content"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let (mut socket, _) = tungstenite::connect(format!(
        "{}__briefgen/livereload",
        url.replace("http://", "ws://")
    ))
    .unwrap();
    settle(&mut socket);

    let mut served = Vec::new();
    let mut reloaded = Vec::new();
    let mut indexed = Vec::new();
    let meta = format!("{url}search/data/meta.json");
    // An older briefgen (BEFORE) has no search index.
    let has_index = agent.get(&meta).call().is_ok_and(|r| r.status() == 200);
    for i in 0..edits {
        let version = fetch(&agent, &meta);
        let file = &files[(i * 7919) % files.len()];
        let original = std::fs::read_to_string(file).unwrap();
        let slug = slug_of(file);
        let page = format!("{url}briefings/{slug}/");
        let marker = format!("Edited {i} at {}", Instant::now().elapsed().as_nanos());
        let edited = original.replacen("title: \"", &format!("title: \"{marker} "), 1);
        assert_ne!(edited, original, "{} has no quoted title", file.display());

        let saved = Instant::now();
        std::fs::write(file, &edited).unwrap();
        // Save → served: poll the page until it has the new title.
        served.push(poll_until(&agent, &page, &marker, saved));
        // Save → reloaded: the reload message for this page (already sent or on its way),
        // then the page, as the browser script does.
        let own = format!("briefings/{slug}/index.html");
        loop {
            let message = socket.read().unwrap();
            let text = message.to_text().unwrap_or("");
            if text.contains("\"reload\"") && (text.contains(&own) || !text.contains("paths")) {
                let body = fetch(&agent, &page);
                assert!(body.contains(&marker));
                reloaded.push(saved.elapsed());
                break;
            }
        }
        // Save → the search index made again (its version is a hash of its files).
        while has_index && fetch(&agent, &meta) == version {
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "the index never caught up"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        if has_index {
            indexed.push(saved.elapsed());
        }
        std::fs::write(file, &original).unwrap();
        // Let the restore go through, to its last message and the index as it was, before the
        // next edit.
        settle(&mut socket);
        while has_index && fetch(&agent, &meta) != version {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    let mut in_browser = browser_reloads(&url, &files, edits.min(10));
    let (mut first_page, mut all_pages) = template_edits(&agent, &url, &template, &files, 5);
    let _ = child.kill();
    let _ = child.wait();
    std::fs::remove_dir_all(template.parent().unwrap()).unwrap();
    report("save → rebuilt page served", &mut served);
    report("save → reload received and page fetched", &mut reloaded);
    if has_index {
        report("save → search index caught up", &mut indexed);
    }
    report("template edit → a briefing's page served", &mut first_page);
    report(
        "template edit → every page re-rendered (chronology served)",
        &mut all_pages,
    );
    if !in_browser.is_empty() {
        report(
            "save → new title drawn in headless Chromium (patched in place, timed by the page)",
            &mut in_browser,
        );
    }
}

/// Save → the open page in headless Chromium draws the new title, timed by the page itself
/// (the animation frame after the mutation that shows it, on the machine's clock) from the
/// moment before the file is written; WebDriver only collects the figure. The page must be
/// patched in place: a reload fails the run. Empty without Chromium.
fn browser_reloads(url: &str, files: &[PathBuf], edits: usize) -> Vec<Duration> {
    let (chromium, chromedriver) = ("/usr/bin/chromium", "/usr/bin/chromedriver");
    if !Path::new(chromium).exists() || !Path::new(chromedriver).exists() {
        println!("(no Chromium: the in-browser figure is skipped)");
        return Vec::new();
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut driver = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let profile = std::env::temp_dir().join(format!("briefgen-bench-profile-{port}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let times = runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", format!("--user-data-dir={}", profile.display()) ] }),
        );
        let client = fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap();
        let mut times = Vec::new();
        for i in 0..edits {
            let file = &files[(i * 104_729 + 13) % files.len()];
            let original = std::fs::read_to_string(file).unwrap();
            client.goto(&format!("{url}briefings/{}/", slug_of(file))).await.unwrap();
            // Let the page's live-reload socket connect.
            let opened = Instant::now();
            while client.execute("return window.briefgenLive === true;", vec![]).await.unwrap() != true {
                assert!(opened.elapsed() < Duration::from_secs(30), "the page's socket never connected");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let marker = format!("Browser edit {i}");
            // The page notes, on its own clock, the frame in which the new title is first
            // drawn: a mutation that shows it, then the next animation frame (run just before
            // the browser paints).
            client
                .execute(
                    "const marker = arguments[0]; window.briefgenShown = null; window.briefgenKept = true;\
                     const seen = () => (document.querySelector('h1')?.textContent ?? '').startsWith(marker);\
                     new MutationObserver((_, observer) => { if (seen()) { observer.disconnect();\
                       requestAnimationFrame(() => { window.briefgenShown = performance.timeOrigin + performance.now(); }); } })\
                       .observe(document, { subtree: true, childList: true, characterData: true });",
                    vec![serde_json::json!(marker)],
                )
                .await
                .unwrap();
            let written = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs_f64()
                * 1000.0;
            let saved = Instant::now();
            std::fs::write(file, original.replacen("title: \"", &format!("title: \"{marker} "), 1)).unwrap();
            loop {
                let state = client
                    .execute("return [window.briefgenShown ?? null, window.briefgenKept ?? false];", vec![])
                    .await
                    .unwrap();
                assert_eq!(state[1], true, "the page was reloaded instead of patched");
                if let Some(shown) = state[0].as_f64() {
                    times.push(Duration::from_secs_f64(((shown - written) / 1000.0).max(0.0)));
                    break;
                }
                assert!(saved.elapsed() < Duration::from_secs(30), "the page never showed the edit");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            std::fs::write(file, &original).unwrap();
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        let _ = client.close().await;
        times
    });
    let _ = driver.kill();
    let _ = driver.wait();
    let _ = std::fs::remove_dir_all(profile);
    times
}

/// The body of a page.
/// Edits `base.html` (which every page extends) `edits` times; for each, the time from the save
/// to a briefing's page showing the change, and to the chronology showing it (the chronology
/// and the sitemap are rendered after every other page).
fn template_edits(
    agent: &ureq::Agent,
    url: &str,
    template: &Path,
    files: &[PathBuf],
    edits: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let original = std::fs::read_to_string(template).unwrap();
    let (mut first, mut all) = (Vec::new(), Vec::new());
    for i in 0..edits {
        let page = format!(
            "{url}briefings/{}/",
            slug_of(&files[(i * 104_729) % files.len()])
        );
        let chronology = format!("{url}chronology/");
        let marker = format!("template-edit-{i}-{}", std::process::id());
        let edited = original.replacen(
            "</head>",
            &format!("<meta name=\"edit\" content=\"{marker}\">\n</head>"),
            1,
        );
        assert_ne!(edited, original, "base.html has no </head>");
        let saved = Instant::now();
        std::fs::write(template, &edited).unwrap();
        first.push(poll_until(agent, &page, &marker, saved));
        all.push(poll_until(agent, &chronology, &marker, saved));
        std::fs::write(template, &original).unwrap();
        while fetch(agent, &chronology).contains(&marker) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    (first, all)
}

/// Polls `page` until it contains `text`; the time since `since`.
fn poll_until(agent: &ureq::Agent, page: &str, text: &str, since: Instant) -> Duration {
    loop {
        if fetch(agent, page).contains(text) {
            return since.elapsed();
        }
        assert!(
            since.elapsed() < Duration::from_secs(60),
            "{page} never showed {text}"
        );
        // Poll gently: a tight loop would take a core from the rebuild it is timing.
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn fetch(agent: &ureq::Agent, url: &str) -> String {
    agent
        .get(url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
}

/// Reads messages until none has come for a while.
fn settle(
    socket: &mut tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>,
) {
    let stream = match socket.get_ref() {
        tungstenite::stream::MaybeTlsStream::Plain(stream) => stream.try_clone().unwrap(),
        _ => unreachable!("plain WebSocket"),
    };
    stream
        .set_read_timeout(Some(Duration::from_millis(400)))
        .unwrap();
    while socket.read().is_ok() {}
    stream.set_read_timeout(None).unwrap();
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    println!(
        "{what}: median {median:.1} ms, min {:.1} ms, max {:.1} ms ({} edits)",
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn briefings(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(briefings(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn slug_of(path: &Path) -> String {
    briefgen::source::parse::slug_from_file_name(path)
}
