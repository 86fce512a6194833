//! The HTTP side of `serve` (axum): the site's files from memory, its own 404 page for missing
//! paths, the live-reload script injected into HTML pages, and the WebSocket that pages listen
//! on. Paths are looked up by name among the site's output files, so no request can reach a
//! file outside the output, whatever it says.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;

use super::{Found, PageEvent, Shared};

const SCRIPT_PATH: &str = "/__briefgen/livereload.js";
const SOCKET_PATH: &str = "/__briefgen/livereload";
const SCRIPT: &str = include_str!("livereload.js");

/// The routes of the preview server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(SOCKET_PATH, get(socket))
        .route(SCRIPT_PATH, get(script))
        .fallback(file)
        .with_state(shared)
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// Serves a file of the site, `index.html` for folders, or the site's 404 page.
async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let Some(path) = site_path(uri.path()) else {
        return not_found(&shared).await;
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(body) = lookup(&shared, &key).await {
        return respond(StatusCode::OK, &key, body);
    }
    // A folder asked for without its trailing slash.
    if !key.ends_with(".html") && shared.has(&format!("{key}/index.html")) {
        let location = format!("/{key}/");
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    not_found(&shared).await
}

/// The path under the site's root that a request asks for, decoded; `None` for anything that
/// is not a plain path (`..`, `.`, backslashes, NUL, bad encoding).
fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let path = decoded.strip_prefix('/')?;
    let plain = path
        .split('/')
        .all(|segment| segment != ".." && segment != "." && !segment.contains(['\\', '\0']));
    (plain && !path.starts_with('/') && !path.contains("//")).then(|| path.to_string())
}

async fn lookup(shared: &Shared, key: &str) -> Option<Vec<u8>> {
    match shared.find(key)? {
        Found::Rendered(bytes) => Some(bytes.to_vec()),
        Found::Embedded(bytes) => Some(bytes.to_vec()),
        Found::Disk(path) => tokio::fs::read(path).await.ok(),
    }
}

async fn not_found(shared: &Shared) -> Response {
    match lookup(shared, "404.html").await {
        Some(body) => respond(StatusCode::NOT_FOUND, "404.html", body),
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

fn respond(status: StatusCode, key: &str, body: Vec<u8>) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text"
        || mime.essence_str() == "application/xml"
        || mime.essence_str() == "application/javascript"
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html {
        with_reload_script(body)
    } else {
        body
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Adds the live-reload script before `</body>` (or at the end).
fn with_reload_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

async fn socket(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| listen(socket, shared))
}

/// Sends a page the current state, then every event until it goes away.
async fn listen(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut events = shared.events.subscribe();
    let errors = shared.errors.read().map(|e| e.clone()).unwrap_or_default();
    let hello = if errors.is_empty() {
        PageEvent::Ok
    } else {
        PageEvent::Errors(errors)
    };
    if socket
        .send(Message::Text(message(&hello).into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => {
                    if socket.send(Message::Text(message(&event).into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let _ = socket.send(Message::Text(message(&PageEvent::Reload(None)).into())).await;
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

/// The JSON a page receives for an event.
pub fn message(event: &PageEvent) -> String {
    let value = match event {
        PageEvent::Reload(None) => serde_json::json!({ "type": "reload" }),
        PageEvent::Reload(Some(paths)) => serde_json::json!({ "type": "reload", "paths": paths }),
        PageEvent::Stylesheets(paths) => serde_json::json!({ "type": "css", "paths": paths }),
        PageEvent::Errors(text) => serde_json::json!({ "type": "errors", "text": text }),
        PageEvent::Ok => serde_json::json!({ "type": "ok" }),
    };
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_are_looked_up() {
        assert_eq!(site_path("/briefings/x/"), Some("briefings/x/".into()));
        assert_eq!(site_path("/caf%C3%A9.png"), Some("café.png".into()));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc",
            "/%2e%2e%2fetc",
            "/a\\..\\b",
            "/a/./b",
            "/%00",
            "/%ff",
            "//etc",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_body_ends() {
        let html = with_reload_script(b"<html><body><p>x</p></BODY></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains(
                "<p>x</p><script src=\"/__briefgen/livereload.js\" defer></script></BODY>"
            ),
            "{html}"
        );
    }
}
