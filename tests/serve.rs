//! `briefgen serve` over real HTTP and a real WebSocket: pages, reload events after edits,
//! deletions, broken saves and their recovery, stylesheet swaps, and paths that try to leave
//! the output.

mod common;

use std::net::TcpStream;

use common::{PATIENCE, SITE_TOML, Server, Site, front, serve};

fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent.get(url).call().unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// A raw request, for paths an HTTP client would clean up first.
fn raw_get(url: &str, path: &str) -> (u16, String) {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    common::raw_request(
        address,
        &format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    )
}

struct Socket(tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>);

impl Socket {
    fn connect(url: &str) -> Socket {
        let ws_url = format!("{}__briefgen/livereload", url.replace("http://", "ws://"));
        let (socket, _) = tungstenite::connect(ws_url).unwrap();
        if let tungstenite::stream::MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(PATIENCE)).unwrap();
        }
        Socket(socket)
    }

    /// Skips messages until one of `kind` comes (a save may be seen half-written first, as an
    /// editor's can); returns it.
    fn wait_for(&mut self, kind: &str) -> String {
        loop {
            let (next, message) = self.next();
            if next == kind {
                return message;
            }
        }
    }

    /// The next message's type and the whole message.
    fn next(&mut self) -> (String, String) {
        loop {
            match self.0.read().expect("no message from the server") {
                tungstenite::Message::Text(text) => {
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                    return (
                        value["type"].as_str().unwrap_or("").to_string(),
                        text.to_string(),
                    );
                }
                _ => continue,
            }
        }
    }
}

/// The test site served, with a page open on it (its live-reload socket past the first
/// message, which says the site is fine).
fn served() -> (Site, Server, Socket) {
    let site = site();
    let server = serve(&site, &[]);
    let mut socket = Socket::connect(&server.url);
    assert_eq!(socket.next().0, "ok");
    (site, server, socket)
}

fn site() -> Site {
    let site = Site::new(
        &format!("{SITE_TOML}base_url = \"https://user.github.io/repo/\"\n")
            .replace("base_url = \"https://example.org/\"\n", ""),
    );
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi summit", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "No deal.\n",
    );
    site.briefing(
        "2019/2019-06-30-panmunjom.md",
        &front("Panmunjom", "2019-06-30", &["DMZ"], &["Moon Jae-in"]),
        "Line.\n",
    );
    site.write("static/extra.css", "p { color: black }");
    site
}

#[test]
fn pages_are_served_with_the_reload_script_and_local_links() {
    let site = site();
    let server = serve(&site, &[]);
    let (status, home) = get(&server.url);
    assert_eq!(status, 200);
    assert!(
        home.contains("/__briefgen/livereload.js"),
        "the script is injected"
    );
    assert!(
        home.contains("href=\"/briefings/hanoi/\""),
        "links are the local server's own: {home}"
    );
    assert!(!home.contains("user.github.io"), "base_url is replaced");
    let (status, page) = get(&format!("{}briefings/hanoi/", server.url));
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Hanoi summit</h1>"));
    let (status, css) = get(&format!("{}extra.css", server.url));
    assert_eq!((status, css.as_str()), (200, "p { color: black }"));
    let (status, script) = get(&format!("{}__briefgen/livereload.js", server.url));
    assert_eq!(status, 200);
    assert!(script.contains("WebSocket"));
    // A folder without its slash is redirected.
    let (status, _) = get(&format!("{}briefings/hanoi", server.url));
    assert_eq!(status, 301);
    // The build output never has the script.
    site.build().assert_ok();
    assert!(!site.output("index.html").contains("livereload"));
}

#[test]
fn an_edit_is_served_and_open_pages_are_told_to_reload() {
    let (site, server, mut socket) = served();
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front(
            "Hanoi summit, revised",
            "2019-02-28",
            &["Summits"],
            &["Kim Jong-un"],
        ),
        "No deal.\n",
    );
    socket.wait_for("reload");
    let (_, page) = get(&format!("{}briefings/hanoi/", server.url));
    assert!(page.contains("Hanoi summit, revised"), "{page}");
    let (_, tag) = get(&format!("{}tags/summits/", server.url));
    assert!(tag.contains("Hanoi summit, revised"));
}

#[test]
fn a_deleted_briefing_is_gone_with_the_site_404_page() {
    let (site, server, mut socket) = served();
    std::fs::remove_file(site.path("content/2019/2019-06-30-panmunjom.md")).unwrap();
    socket.wait_for("reload");
    let (status, body) = get(&format!("{}briefings/panmunjom/", server.url));
    assert_eq!(status, 404);
    assert!(
        body.contains("Not found"),
        "the site's own 404 page: {body}"
    );
    let (status, _) = get(&format!("{}tags/dmz/", server.url));
    assert_eq!(status, 404, "a term left empty is gone");
}

#[test]
fn a_broken_save_shows_errors_and_keeps_the_old_page_until_fixed() {
    let (site, server, mut socket) = served();
    site.write(
        "content/2019/2019-02-28-hanoi.md",
        "---\ntitle: Hanoi summit\ndate: 2019-13-45\nsource: KBS\n---\nx\n",
    );
    let (kind, message) = socket.next();
    assert_eq!(kind, "errors");
    assert!(
        message.contains("content/2019/2019-02-28-hanoi.md:3:7"),
        "{message}"
    );
    let (status, page) = get(&format!("{}briefings/hanoi/", server.url));
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>Hanoi summit</h1>"),
        "the last good page is still served"
    );
    // A page opened now is told about the errors at once.
    let mut late = Socket::connect(&server.url);
    assert_eq!(late.next().0, "errors");

    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi, fixed", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "Fixed.\n",
    );
    socket.wait_for("ok");
    socket.wait_for("reload");
    let (_, page) = get(&format!("{}briefings/hanoi/", server.url));
    assert!(page.contains("Hanoi, fixed"));
    let printed = server.wait_for_line("fixed: serving the site again", 0);

    // Issue 25: broken again, then saved back to the last good text, which changes no file:
    // the terminal still says the site is back.
    let good = std::fs::read_to_string(site.path("content/2019/2019-02-28-hanoi.md")).unwrap();
    site.write(
        "content/2019/2019-02-28-hanoi.md",
        "---\ntitle: Hanoi summit\ndate: 2019-13-45\nsource: KBS\n---\nx\n",
    );
    assert_eq!(socket.next().0, "errors");
    site.write("content/2019/2019-02-28-hanoi.md", &good);
    socket.wait_for("ok");
    server.wait_for_line("fixed: serving the site again", printed);
}

#[test]
fn a_stylesheet_change_swaps_stylesheets_without_a_reload() {
    let (site, server, mut socket) = served();
    site.write("static/extra.css", "p { color: red }");
    let (kind, message) = socket.next();
    assert_eq!(
        kind, "css",
        "a stylesheet change does not reload the page: {message}"
    );
    assert!(message.contains("extra.css"));
    let (_, css) = get(&format!("{}extra.css", server.url));
    assert_eq!(css, "p { color: red }");
}

#[test]
fn no_path_leaves_the_output() {
    let site = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = serve(&site, &[]);
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/briefings/..%5c..%5c..%5cetc%5cpasswd",
        "/static/../site.toml",
        "/%2e%2e/site.toml",
        "/content/2019/2019-02-28-hanoi.md",
        "/site.toml",
        "//etc/passwd",
    ] {
        let (status, body) = raw_get(&server.url, path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !body.contains("root:") && !body.contains("base_url"),
            "{path} leaked a file"
        );
    }
    let _ = outside;
}

#[test]
fn a_taken_port_is_replaced_by_a_free_one() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let server = serve(&site, &["--port", &port]);
    assert!(!server.url.contains(&format!(":{port}/")), "{}", server.url);
    assert_eq!(get(&server.url).0, 200);
}

/// The bytes at `url`; none when it is not there (the index may change between two requests).
fn get_bytes(url: &str) -> Vec<u8> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().unwrap();
    if response.status() != 200 {
        return Vec::new();
    }
    response.body_mut().read_to_vec().unwrap()
}

/// Every word of the search index served now, with its briefings by field.
fn served_words(url: &str) -> Vec<(String, [Vec<u32>; 3])> {
    let meta: serde_json::Value =
        serde_json::from_slice(&get_bytes(&format!("{url}search/data/meta.json"))).unwrap();
    let files = meta["words"].as_array().map_or(0, Vec::len);
    (0..files)
        .flat_map(|n| {
            briefgen::search::read_word_file(&get_bytes(&format!("{url}search/data/w/{n}.bin")))
        })
        .collect()
}

#[test]
fn the_search_index_catches_up_after_a_save() {
    let (site, server, mut socket) = served();
    let words = served_words(&server.url);
    assert!(
        words.iter().any(|(w, _)| w == "hanoi"),
        "indexed at the start"
    );
    assert!(!words.iter().any(|(w, _)| w == "zebrafinch"));

    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front(
            "Hanoi summit zebrafinch",
            "2019-02-28",
            &["Summits"],
            &["Kim Jong-un"],
        ),
        "No deal.\n",
    );
    socket.wait_for("reload");
    // The page first; the index soon after, on its own thread.
    let started = std::time::Instant::now();
    loop {
        let words = served_words(&server.url);
        if let Some((_, lists)) = words.iter().find(|(w, _)| w == "zebrafinch") {
            // Hanoi is the older of the two briefings: number 1, newest first.
            assert_eq!(lists[0], [1], "found in the title");
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the search index never caught up with the save"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
