//! `briefgen import https://…` against a real HTTP server on 127.0.0.1: a page found after
//! redirects (its final address becomes the briefing's `url`), a page in a legacy charset
//! named only by the server, and the refusals — a 404, a page over the size cap, a page that
//! is not HTML, a redirect loop, an address that is not http(s).

mod common;

use std::io::Write;
use std::net::TcpStream;

use common::Site;

const ARTICLE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry service resumes - Island News</title>
<meta property="og:title" content="Ferry service resumes after storm">
<meta property="article:published_time" content="2025-02-03T07:30:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Ferry service resumes after storm</h1>
<p>Ferries to the northern islands sailed again on Monday morning, three days after a storm closed the harbour and left hundreds of travellers waiting on the mainland.</p>
<p>The operator said extra crossings would run through Wednesday to clear the queue, and that tickets for cancelled sailings would be honoured on any boat this week.</p>
<p>Harbour officials said the breakwater had held, though two pontoons were damaged and would be replaced before the summer season begins.</p>
</article></body></html>"#;

/// Answers each request by its path, a connection each, until the test ends.
fn start_server() -> String {
    common::http::serve(|request, stream| {
        answer(&request.path, &request.host, stream);
        false
    })
}

fn answer(path: &str, host: &str, stream: &mut TcpStream) {
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    let html = "Content-Type: text/html; charset=utf-8\r\n";
    match path {
        "/2025/02/03/ferry" => respond(stream, "200 OK", html, ARTICLE.as_bytes()),
        "/short" => respond(stream, "301 Moved Permanently", "Location: /moved\r\n", b""),
        "/moved" => respond(stream, "302 Found", "Location: /2025/02/03/ferry\r\n", b""),
        "/latin" => {
            let page = ARTICLE
                .replace("<meta charset=\"utf-8\">", "")
                .replace("three days", "three days — “the worst in a decade” — ");
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
            respond(
                stream,
                "200 OK",
                "Content-Type: text/html; charset=windows-1252\r\n",
                &bytes,
            );
        }
        "/loop" => respond(stream, "302 Found", "Location: /loop\r\n", b""),
        "/to-file" => respond(stream, "302 Found", "Location: file:///etc/passwd\r\n", b""),
        "/to-script" => respond(
            stream,
            "301 Moved Permanently",
            "Location: javascript:alert(1)\r\n",
            b"",
        ),
        "/with-password" => respond(
            stream,
            "302 Found",
            &format!("Location: http://curator:secret@{host}/2025/02/03/ferry\r\n"),
            b"",
        ),
        // A header that is not valid UTF-8, and a binary body that names no type.
        "/pdf-odd-header" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\xff\r\nContent-Length: 8\r\n\
                  Connection: close\r\n\r\n%PDF-1.7",
            );
        }
        "/binary" => respond(stream, "200 OK", "", b"%PDF-1.7\n\x00\x01\x02\x03 binary"),
        "/binary-said-html" => respond(stream, "200 OK", html, b"\x89PNG\r\n\x1a\n\x00\x00"),
        "/pdf" => respond(
            stream,
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.7",
        ),
        "/huge" => {
            // No length given: the cap is found while reading.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>",
            );
            let chunk = vec![b'a'; 1024 * 1024];
            for _ in 0..30 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        "/huge-declared" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n<html>",
            );
        }
        _ => respond(stream, "404 Not Found", html, b"<h1>Not found</h1>"),
    }
}

#[test]
fn import_fetches_a_page_after_redirects_and_keeps_its_final_address() {
    let server = start_server();
    let site = Site::new(common::SITE_TOML);
    let run = site.run(&["import", &format!("{server}/short")]);
    run.assert_ok();
    let draft = std::fs::read_to_string(run.stdout.trim()).unwrap();
    assert!(
        draft.contains("title: \"Ferry service resumes after storm\""),
        "{draft}"
    );
    assert!(
        draft.contains("date: 2025-02-03T07:30:00+00:00\n"),
        "{draft}"
    );
    assert!(
        draft.contains(&format!("url: \"{server}/2025/02/03/ferry\"")),
        "the address after the redirects:\n{draft}"
    );
    assert!(draft.contains("Ferries to the northern islands sailed again"));
    assert!(!draft.contains("Home"), "{draft}");
    site.build().assert_ok();
    // --url still wins over the address fetched.
    let run = site.run(&[
        "import",
        &format!("{server}/short"),
        "--url",
        "https://example.org/ferry",
        "--stdout",
    ]);
    run.assert_ok();
    assert!(run.stdout.contains("url: \"https://example.org/ferry\""));
}

/// Issue 24: a user name and password in a redirect's address never reach the draft.
#[test]
fn credentials_in_a_redirect_stay_out_of_the_draft() {
    let server = start_server();
    let site = Site::new(common::SITE_TOML);
    let run = site.run(&["import", &format!("{server}/with-password"), "--stdout"]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains(&format!("url: \"{server}/2025/02/03/ferry\"")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("secret"), "{}", run.stdout);
    assert!(!run.stdout.contains("curator@"), "{}", run.stdout);
}

#[test]
fn the_servers_charset_is_honoured() {
    let server = start_server();
    let site = Site::new(common::SITE_TOML);
    let run = site.run(&["import", &format!("{server}/latin"), "--stdout"]);
    run.assert_ok();
    assert!(!run.stdout.contains('\u{fffd}'), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("three days — “the worst in a decade” —"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_refuses_what_it_cannot_clip_and_writes_nothing() {
    let server = start_server();
    let site = Site::new(common::SITE_TOML);
    let cases = [
        ("/missing", "the server answered 404 Not Found"),
        ("/pdf", "not an HTML page (application/pdf)"),
        ("/huge", "the page is larger than 25 MB"),
        ("/huge-declared", "the page is larger than 25 MB (100 MB)"),
        ("/loop", "more than 5 redirects"),
        // Issue 24: refused as the first address would be, not asked for as a path.
        (
            "/to-file",
            "redirected to `file:///etc/passwd`, which is not an http or https address",
        ),
        (
            "/to-script",
            "redirected to `javascript:alert(1)`, which is not an http or https address",
        ),
        // Issue 24: a type that is not text is still a type; bytes that are not text are not
        // a page, whatever the server says.
        ("/pdf-odd-header", "not an HTML page (application/pdf"),
        ("/binary", "not an HTML page (no Content-Type, and binary)"),
        (
            "/binary-said-html",
            "not an HTML page (text/html, but binary)",
        ),
    ];
    for (path, says) in cases {
        let run = site.run(&["import", &format!("{server}{path}")]);
        assert_ne!(run.code, 0, "{path}: {}", run.stdout);
        assert!(run.stderr.contains(says), "{path}: {}", run.stderr);
    }
    let run = site.run(&["import", "ftp://example.org/page.html"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("is not an http or https address"),
        "{}",
        run.stderr
    );
    let written = std::fs::read_dir(site.path("content"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(written, 0, "nothing is written when import refuses");
}
