//! `briefgen check --external` against servers on 127.0.0.1: alive pages, redirect chains,
//! 404s, a 429 with Retry-After, a server that never answers, one that refuses HEAD; each
//! address asked once per run, the cache (a second run asks nothing about fresh entries), and
//! the per-host limit; and the second attack review's findings (issue 24): a minute's
//! `Retry-After` not waited, redirects to other schemes refused, a server that closes each
//! connection without saying so, one host under two names, a damaged cache.

mod common;

use std::io::Write;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{SITE_TOML, Site};

/// One request a test server saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    at: Instant,
}

/// A small HTTP server on 127.0.0.1 with fixed routes, recording what it is asked.
struct Server {
    address: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    most_at_once: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let (s, m) = (seen.clone(), most_at_once.clone());
        let address = common::http::serve(move |request, stream| {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            let times_before = {
                let mut seen = s.lock().unwrap();
                let before = seen.iter().filter(|x| x.path == request.path).count();
                seen.push(Seen {
                    method: request.method.clone(),
                    path: request.path.clone(),
                    at: Instant::now(),
                });
                before
            };
            let (status, headers) = route(&request.method, &request.path, times_before);
            in_flight.fetch_sub(1, Ordering::SeqCst);
            let head = request.method == "HEAD";
            let body = if head { "" } else { "<p>page</p>" };
            let answer = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: 11\r\n{headers}\r\n{body}"
            );
            stream.write_all(answer.as_bytes()).is_ok()
        });
        Server {
            address,
            seen,
            most_at_once,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn asked(&self, path: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.path == path).collect()
    }

    fn forget(&self) {
        self.seen.lock().unwrap().clear();
    }
}

/// The answer to a request: status line and extra headers.
fn route(method: &str, path: &str, times_before: usize) -> (&'static str, String) {
    match path {
        "/ok" | "/ok/again" => ("200 OK", String::new()),
        "/moved" => ("301 Moved Permanently", "Location: /moved/2\r\n".into()),
        "/moved/2" => ("302 Found", "Location: /ok/again\r\n".into()),
        "/loop" => ("301 Moved Permanently", "Location: /loop\r\n".into()),
        "/gone" => ("404 Not Found", String::new()),
        "/busy" if times_before == 0 => ("429 Too Many Requests", "Retry-After: 1\r\n".into()),
        "/busy" => ("200 OK", String::new()),
        "/always-busy" => ("429 Too Many Requests", "Retry-After: 3600\r\n".into()),
        "/busy-a-minute" => ("429 Too Many Requests", "Retry-After: 60\r\n".into()),
        "/to-file" => ("302 Found", "Location: file:///etc/passwd\r\n".into()),
        "/to-script" => (
            "301 Moved Permanently",
            "Location: javascript:alert(1)\r\n".into(),
        ),
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", String::new()),
        "/no-head" => ("200 OK", String::new()),
        p if p.starts_with("/slow/") => {
            std::thread::sleep(Duration::from_millis(150));
            ("200 OK", String::new())
        }
        _ => ("404 Not Found", String::new()),
    }
}

/// A server that accepts connections and never answers.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    address
}

fn briefing(site: &Site, name: &str, source_url: &str, body: &str) {
    site.briefing(
        &format!("2025/2025-01-01-{name}.md"),
        &format!(
            "title: {name}\ndate: 2025-01-01\nsource: {{ name: KBS, url: \"{source_url}\" }}\n"
        ),
        body,
    );
}

fn check(site: &Site, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--external", "--timeout", "1"];
    args.extend_from_slice(extra);
    site.run(&args)
}

#[test]
fn every_case_is_told_at_its_file_and_line() {
    let server = Server::start();
    let silent = silent_server();
    let site = Site::new(SITE_TOML);
    briefing(
        &site,
        "a",
        &server.url("/ok"),
        &format!(
            "Text.\n\nSee [moved]({}) and [gone]({}#part).\n\n![busy]({})\n",
            server.url("/moved"),
            server.url("/gone"),
            server.url("/busy")
        ),
    );
    briefing(
        &site,
        "b",
        &server.url("/gone"),
        &format!(
            "[no HEAD]({}), [silent]({silent}/page), [loop]({}), [again]({}).\n",
            server.url("/no-head"),
            server.url("/loop"),
            server.url("/ok")
        ),
    );
    let run = check(&site, &[]);
    run.assert_ok();
    let err = &run.stderr;
    let gone = server.url("/gone");
    // Columns count from the start of each link's line.
    let gone_column = "See [moved](".len() + server.url("/moved").len() + ") and ".len() + 1;
    let silent_column = "[no HEAD](".len() + server.url("/no-head").len() + "), ".len() + 1;
    for expected in [
        format!(
            "content/2025/2025-01-01-a.md:8:{gone_column}: link to `{gone}` is broken: the server answered 404 Not Found"
        ),
        "content/2025/2025-01-01-b.md:4:".to_string(),
        format!("source url `{gone}` is broken: the server answered 404 Not Found"),
        format!(
            "content/2025/2025-01-01-b.md:6:{silent_column}: link to `{silent}/page` is broken: no answer within 1 s"
        ),
        format!(
            "link to `{}` is broken: more than 5 redirects",
            server.url("/loop")
        ),
    ] {
        assert!(err.contains(&expected), "no {expected:?} in\n{err}");
    }
    for alive in ["/ok`", "/moved`", "/busy`", "/no-head`"] {
        assert!(!err.contains(alive), "{alive} reported:\n{err}");
    }
    assert!(
        run.stdout.contains(
            "External links: 3 broken of 7 addresses in 9 links (0 from the cache, 7 asked)"
        ),
        "{}",
        run.stdout
    );
    // Each address once per run, however often it is linked: /ok twice, /gone twice.
    assert_eq!(server.asked("/ok").len(), 1, "{:?}", server.asked("/ok"));
    assert_eq!(
        server
            .asked("/gone")
            .iter()
            .filter(|s| s.method == "HEAD")
            .count(),
        1
    );
    // The redirect chain was followed to its end.
    assert_eq!(server.asked("/ok/again").len(), 1);
    // HEAD refused, then GET.
    let methods: Vec<_> = server
        .asked("/no-head")
        .into_iter()
        .map(|s| s.method)
        .collect();
    assert_eq!(methods, ["HEAD", "GET"]);
    // 429: asked again once Retry-After had passed.
    let busy = server.asked("/busy");
    assert_eq!(busy.len(), 2, "{busy:?}");
    assert!(
        busy[1].at - busy[0].at >= Duration::from_millis(950),
        "{busy:?}"
    );

    // --strict: the same, as errors.
    let run = check(&site, &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "error: content/2025/2025-01-01-a.md:8:{gone_column}: link to `{gone}`"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn fresh_results_come_from_the_cache_and_broken_ones_are_asked_again() {
    let server = Server::start();
    let site = Site::new(SITE_TOML);
    briefing(
        &site,
        "a",
        &server.url("/ok"),
        &format!(
            "[gone]({}), [moved]({})\n",
            server.url("/gone"),
            server.url("/moved")
        ),
    );
    check(&site, &[]).assert_ok();
    let cache = std::fs::read_to_string(site.path(".briefgen/links.json")).unwrap();
    assert!(
        cache.contains(&server.url("/ok")) && !cache.contains("/gone"),
        "{cache}"
    );
    server.forget();
    let run = check(&site, &[]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("1 broken of 3 addresses in 3 links (2 from the cache, 1 asked)"),
        "{}",
        run.stdout
    );
    let paths: Vec<_> = server.seen().into_iter().map(|s| s.path).collect();
    // Only the broken address is asked again (and it is: nothing broken is cached).
    assert!(
        !paths.is_empty() && paths.iter().all(|p| p == "/gone"),
        "asked {paths:?}"
    );
    // An age of zero asks about everything again.
    server.forget();
    check(&site, &["--max-age", "0"]).assert_ok();
    assert_eq!(server.asked("/ok").len(), 1);
    // The cache is the site's, hidden: a build neither publishes nor minds it.
    site.build().assert_ok();
    assert!(!site.has_output(".briefgen/links.json"));
}

#[test]
fn requests_to_one_host_stay_within_the_limit() {
    let server = Server::start();
    let other = Server::start();
    let site = Site::new(SITE_TOML);
    let body: String = (0..12)
        .map(|i| {
            format!(
                "[{i}]({}) [o{i}]({})\n\n",
                server.url(&format!("/slow/{i}")),
                other.url(&format!("/slow/{i}"))
            )
        })
        .collect();
    briefing(&site, "a", &server.url("/ok"), &body);
    let run = check(&site, &["--per-host", "2"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("0 broken of 25 addresses"),
        "{}",
        run.stdout
    );
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 2);
    assert_eq!(other.most_at_once.load(Ordering::SeqCst), 2);
}

#[test]
fn a_rate_limit_too_long_to_wait_is_reported_not_waited() {
    let server = Server::start();
    let site = Site::new(SITE_TOML);
    briefing(&site, "a", &server.url("/always-busy"), "Text.\n");
    let started = Instant::now();
    let run = check(&site, &["--message-format", "json"]);
    run.assert_ok();
    assert!(started.elapsed() < Duration::from_secs(60));
    let warning: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["line"], 4);
    assert!(
        warning["message"].as_str().unwrap().ends_with(
            "is broken: the server answered 429 Too Many Requests and asked to wait 3600 s"
        ),
        "{warning}"
    );
}

/// Issue 24: "only waits under a minute are honoured" — `Retry-After: 60` was waited out
/// twice (120 s for one link). Counted, not timed: the server is asked once.
#[test]
fn a_rate_limit_of_a_minute_is_reported_not_waited() {
    let server = Server::start();
    let site = Site::new(SITE_TOML);
    briefing(&site, "a", &server.url("/busy-a-minute"), "Text.\n");
    let run = check(&site, &[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("429 Too Many Requests and asked to wait 60 s"),
        "{}",
        run.stderr
    );
    assert_eq!(server.asked("/busy-a-minute").len(), 1);
}

/// Issue 24: a redirect to `file:` or `javascript:` was asked for as a path on the same host
/// ("answered 404 at http://…/file:///etc/passwd").
#[test]
fn redirects_to_other_schemes_are_refused() {
    let server = Server::start();
    let site = Site::new(SITE_TOML);
    briefing(
        &site,
        "a",
        &server.url("/to-file"),
        &format!("[s]({})\n", server.url("/to-script")),
    );
    let run = check(&site, &[]);
    run.assert_ok();
    for to in ["file:///etc/passwd", "javascript:alert(1)"] {
        assert!(
            run.stderr.contains(&format!(
                "is broken: redirected to `{to}`, which is not an http or https address"
            )),
            "{to}: {}",
            run.stderr
        );
    }
    let paths: Vec<_> = server.seen().into_iter().map(|s| s.path).collect();
    assert!(
        paths.iter().all(|p| p == "/to-file" || p == "/to-script"),
        "{paths:?}"
    );
}

/// Issue 24: a server that closes every connection after its answer, without
/// `Connection: close`, broke 5 redirect chains in 20 ("Connection reset by peer"): the next
/// hop went out on the closed connection. Now such a request is asked again on a fresh one.
#[test]
fn a_server_that_closes_each_connection_unannounced_is_followed_through_redirects() {
    let address = common::http::serve(|request, stream| {
        let hop: usize = request
            .path
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let chain = request.path.rsplit_once('/').map_or("", |(c, _)| c);
        let answer = if hop < 3 {
            format!(
                "HTTP/1.1 302 Found\r\nLocation: {chain}/{}\r\nContent-Length: 0\r\n\r\n",
                hop + 1
            )
        } else {
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok".to_string()
        };
        let _ = stream.write_all(answer.as_bytes());
        // Closed after every answer, though HTTP/1.1 without `Connection: close` says it
        // stays: a moment later, so that the client has sent its next request on it (the
        // server then closes with that request unread, and the client is reset).
        std::thread::sleep(Duration::from_millis(30));
        false
    });
    let site = Site::new(SITE_TOML);
    let body: String = (0..40)
        .map(|i| format!("[{i}]({address}/chain{i}/0)\n\n"))
        .collect();
    briefing(&site, "a", &format!("{address}/chain-source/0"), &body);
    let run = check(&site, &["--per-host", "1"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("0 broken of 41 addresses"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}

/// Issue 24: `127.0.0.1` and `localhost` are one server, and the per-host limit counts them
/// as one.
#[test]
fn one_server_under_two_names_is_one_host() {
    let server = Server::start();
    let port = server.address.rsplit(':').next().unwrap().to_string();
    let site = Site::new(SITE_TOML);
    let body: String = (0..8)
        .map(|i| {
            format!(
                "[{i}](http://127.0.0.1:{port}/slow/a{i}) [n{i}](http://localhost:{port}/slow/b{i})\n\n"
            )
        })
        .collect();
    briefing(&site, "a", &server.url("/ok"), &body);
    let run = check(&site, &["--per-host", "2"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("0 broken of 17 addresses"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 2);
}

/// Issue 24: a damaged cache was thrown away in silence; now the check says so, once, and
/// writes a good one.
#[test]
fn a_damaged_cache_is_said_once_and_replaced() {
    let server = Server::start();
    let site = Site::new(SITE_TOML);
    briefing(&site, "a", &server.url("/ok"), "Text.\n");
    site.write(".briefgen/links.json", "{\"version\": 1, \"links\": [tru");
    let run = check(&site, &[]);
    run.assert_ok();
    let said = "warning: .briefgen/links.json: the link cache was not used: it is damaged";
    assert_eq!(run.stderr.matches(said).count(), 1, "{}", run.stderr);
    let run = check(&site, &[]);
    run.assert_ok();
    assert!(!run.stderr.contains("link cache"), "{}", run.stderr);
    assert!(
        run.stdout.contains("(1 from the cache, 0 asked)"),
        "{}",
        run.stdout
    );
}
