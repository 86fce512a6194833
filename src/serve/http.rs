//! The HTTP side of `serve` (axum): the site's files from memory, its own 404 page for missing
//! paths, the live-reload script injected into HTML pages, and the WebSocket that pages listen
//! on. Paths are looked up by name among the site's output files, so no request can reach a
//! file outside the output, whatever it says; a copied file is read from the site only if,
//! once opened, it still lies inside the site (a file swapped for a link to `/etc/passwd`
//! after the last build is not served), and it is streamed, not read into memory. Requests
//! that do not name this server, and WebSocket upgrades from other sites' pages, are refused
//! ([`super::guard`]).

use crate::content::urls;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
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
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            only_this_host,
        ))
        .with_state(shared)
}

/// Refuses requests whose `Host` does not name this server (DNS rebinding).
async fn only_this_host(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    match host {
        Some(host) if shared.guard.allows_host(host) => next.run(request).await,
        _ => (
            StatusCode::FORBIDDEN,
            "briefgen serve answers only to its own address (a loopback name or --interface)\n",
        )
            .into_response(),
    }
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
    let key = urls::output_file(&path);
    if let Some(content) = lookup(&shared, &key).await {
        return respond(StatusCode::OK, &key, content).await;
    }
    // A folder asked for without its trailing slash.
    if !key.ends_with(".html") && shared.has(&urls::output_file(&format!("{key}/"))) {
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

/// A file's bytes as served: in memory, or a file opened on disk with its length.
enum Content {
    Bytes(Vec<u8>),
    File(tokio::fs::File, u64),
}

async fn lookup(shared: &Shared, key: &str) -> Option<Content> {
    match shared.find(key)? {
        Found::Rendered(bytes) => Some(Content::Bytes(bytes.to_vec())),
        Found::Embedded(bytes) => Some(Content::Bytes(bytes.to_vec())),
        Found::Disk(path) => open_inside(&shared.root, &path).await,
    }
}

/// Opens a file copied from the site, if it is a regular file that lies inside `root` once
/// every link on the way is followed (checked on the file opened, so nothing can swap it in
/// between).
async fn open_inside(root: &Path, path: &Path) -> Option<Content> {
    let file = tokio::fs::File::open(path).await.ok()?;
    let metadata = file.metadata().await.ok()?;
    let inside = opened_path(&file, path).await?.starts_with(root);
    (metadata.is_file() && inside).then(|| Content::File(file, metadata.len()))
}

/// Where an opened file really is.
#[cfg(target_os = "linux")]
async fn opened_path(file: &tokio::fs::File, _path: &Path) -> Option<PathBuf> {
    use std::os::fd::AsRawFd;
    tokio::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd()))
        .await
        .ok()
}

/// Where an opened file really is (from its path, where the system cannot say).
#[cfg(not(target_os = "linux"))]
async fn opened_path(_file: &tokio::fs::File, path: &Path) -> Option<PathBuf> {
    tokio::fs::canonicalize(path).await.ok()
}

async fn not_found(shared: &Shared) -> Response {
    match lookup(shared, urls::NOT_FOUND).await {
        Some(content) => respond(StatusCode::NOT_FOUND, urls::NOT_FOUND, content).await,
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

async fn respond(status: StatusCode, key: &str, content: Content) -> Response {
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
    let (length, body) = match content {
        Content::Bytes(bytes) if is_html => {
            let bytes = with_reload_script(bytes);
            (bytes.len(), Body::from(bytes))
        }
        Content::Bytes(bytes) => (bytes.len(), Body::from(bytes)),
        Content::File(mut file, _) if is_html => {
            use tokio::io::AsyncReadExt;
            let mut bytes = Vec::new();
            if file.read_to_end(&mut bytes).await.is_err() {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            let bytes = with_reload_script(bytes);
            (bytes.len(), Body::from(bytes))
        }
        Content::File(file, length) => (
            usize::try_from(length).unwrap_or(usize::MAX),
            Body::from_stream(tokio_util::io::ReaderStream::new(file)),
        ),
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
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

/// The live-reload socket, for this server's own pages only: a browser sends the page's
/// `Origin` with every upgrade, so another site's page is refused (it would receive build
/// errors, which quote the site's files). Clients that are not browsers send none.
async fn socket(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .map(|o| o.to_str().unwrap_or(""));
    if origin.is_some_and(|o| !shared.guard.allows_origin(o)) {
        return (
            StatusCode::FORBIDDEN,
            "the live-reload socket is for this server's own pages\n",
        )
            .into_response();
    }
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
        PageEvent::Follow(path) => serde_json::json!({ "type": "follow", "path": path }),
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
