//! `briefgen serve`: opens the site's [`Engine`] and renders it into memory, serves it over
//! HTTP on 127.0.0.1, feeds the engine the paths the watcher reports on every save (only what
//! the save touched is redone; an update is served whole or not at all), and tells open pages
//! through a WebSocket on the same port: to update (the injected script fetches the page and
//! patches it in place, or reloads it when its scripts changed), to show the build's errors
//! over them, or, with `--follow`, to go to the briefing just saved.

mod guard;
mod http;
mod indexer;
pub mod served;
pub mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::engine::EngineOptions;
use crate::error::BuildError;
pub use served::Served;
pub use session::{Saved, Session};

/// How to serve, as the command line asks.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub interface: IpAddr,
    /// The port; 0, or a taken port, picks a free one.
    pub port: u16,
    /// Builds drafts too.
    pub drafts: bool,
    /// Builds briefings dated in the future too.
    pub future: bool,
    /// Opens the site in a browser.
    pub open: bool,
    /// Prints how long each step of a rebuild took.
    pub timings: bool,
    /// Sends open pages to the page of a briefing when it is saved.
    pub follow: bool,
}

/// What open pages are told.
#[derive(Debug, Clone)]
pub enum PageEvent {
    /// The site changed: pages showing these output paths update themselves — patched in
    /// place, reloaded when their scripts changed (all pages check, for `None`).
    Reload(Option<Vec<String>>),
    /// Only these stylesheets changed (output paths): swap them in place.
    Stylesheets(Vec<String>),
    /// The last save has errors, rendered as text.
    Errors(String),
    /// The errors are gone.
    Ok,
    /// A briefing was saved: pages go to its page (this site path), with `serve --follow`.
    Follow(String),
}

/// What the HTTP side shares with the rebuilding side.
pub struct Shared {
    /// The files served now (the session's).
    pub snapshot: Arc<RwLock<Served>>,
    /// The errors of the last rebuild, rendered, or empty.
    pub errors: RwLock<String>,
    /// Events for open pages.
    pub events: broadcast::Sender<PageEvent>,
    /// The site folder (canonical): copied files are served only from inside it.
    pub root: PathBuf,
    /// The names requests must give this server.
    pub guard: guard::Guard,
}

/// How long a connection may take to send a request's headers, and how long an idle
/// connection is kept open between requests.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// A file found for a request.
pub enum Found {
    /// Rendered, in memory.
    Rendered(Arc<[u8]>),
    /// Built into the binary.
    Embedded(&'static [u8]),
    /// Copied from disk, read when asked for.
    Disk(PathBuf),
}

impl Shared {
    /// The file served at an output path, if there is one.
    pub fn find(&self, key: &str) -> Option<Found> {
        let snapshot = self.snapshot.read().ok()?;
        if let Some(bytes) = snapshot.files.get(key) {
            return Some(Found::Rendered(bytes.clone()));
        }
        match snapshot.copies.get(key)? {
            crate::source::files::CopyFrom::Embedded(bytes) => Some(Found::Embedded(bytes)),
            crate::source::files::CopyFrom::Disk(path) => Some(Found::Disk(path.clone())),
        }
    }

    /// Whether a rendered file is served at an output path.
    pub fn has(&self, key: &str) -> bool {
        self.snapshot
            .read()
            .is_ok_and(|s| s.files.contains_key(key))
    }
}

/// Runs the server until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), BuildError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| BuildError::io("starting the server", e))?;
    runtime.block_on(run(options))
}

async fn run(options: ServeOptions) -> Result<(), BuildError> {
    // No site here is the same usage error (exit 2, same words) as for every other command.
    crate::source::config::SiteConfig::load(&options.root)?;
    let listener = bind(options.interface, options.port).await?;
    let address = listener
        .local_addr()
        .map_err(|e| BuildError::io("reading the server's address", e))?;
    let base_url = format!("http://{address}/");
    let root = options.root.canonicalize().map_err(|e| {
        BuildError::usage(
            "--root",
            format!("no site at {}: {e}", options.root.display()),
        )
    })?;

    // The first index is made before the site is served; later ones after each update.
    let (session, first) = Session::open(
        &root,
        EngineOptions {
            base_url: Some(base_url.clone()),
            drafts: options.drafts,
            future: options.future,
            ..Default::default()
        },
    )?;
    eprint!(
        "{}",
        crate::report::warnings(&session.engine().warnings(), &root)
    );
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        snapshot: Arc::clone(session.served()),
        errors: RwLock::new(String::new()),
        events,
        root: root.clone(),
        guard: guard::Guard::new(address),
    });
    report_update(&shared, &root, &first, options.timings, "Built");

    let indexer = indexer::Indexer::start(Arc::clone(session.served()))
        .map_err(|e| BuildError::io("starting the search indexing thread", e))?;
    watch::start(
        root.clone(),
        session,
        shared.clone(),
        indexer,
        watch::Telling {
            timings: options.timings,
            follow: options.follow,
        },
    )?;
    println!("Serving {} at {base_url} (Ctrl-C to stop)", root.display());
    if options.open {
        let _ = webbrowser::open(&base_url);
    }
    accept(listener, http::router(shared)).await;
    Ok(())
}

/// Serves connections until Ctrl-C. Each connection must send a request's headers within
/// [`HEADER_TIMEOUT`] of opening or of its last response (hyper's header read timeout), so
/// idle and slow connections are closed instead of kept forever.
async fn accept(listener: tokio::net::TcpListener, app: axum::Router) {
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, say: give connections time to close.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

/// Binds to `port`, or to a free port when it is 0 or taken.
async fn bind(interface: IpAddr, port: u16) -> Result<tokio::net::TcpListener, BuildError> {
    match tokio::net::TcpListener::bind(SocketAddr::new(interface, port)).await {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!("port {port} is taken; using a free one");
            tokio::net::TcpListener::bind(SocketAddr::new(interface, 0))
                .await
                .map_err(|e| BuildError::io(format!("listening on {interface}"), e))
        }
        Err(e) => Err(BuildError::io(
            format!("listening on {interface}:{port}"),
            e,
        )),
    }
}

/// Above this many changed files, every page is told to update rather than sent the list.
const MAX_LISTED_CHANGES: usize = 500;

/// The update event for these changed output paths.
pub fn reload_event(changed: &[String]) -> PageEvent {
    if changed.len() > MAX_LISTED_CHANGES {
        PageEvent::Reload(None)
    } else {
        PageEvent::Reload(Some(changed.to_vec()))
    }
}

/// Whether only stylesheets changed, so that pages can swap them without reloading.
fn only_stylesheets(changed: &[String]) -> bool {
    !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"))
}

/// Prints what a rebuild did and tells open pages of the output paths it changed.
fn report_update(
    shared: &Shared,
    root: &std::path::Path,
    update: &Saved,
    timings: bool,
    verb: &str,
) {
    let changed = &update.changed[..];
    let had_errors = shared.errors.read().map(|e| !e.is_empty()).unwrap_or(false);
    if !update.errors.is_empty() {
        let text = crate::report::errors(&update.errors, root);
        eprint!("{text}");
        eprintln!(
            "{} error{}; still serving the last good version",
            update.errors.len(),
            if update.errors.len() == 1 { "" } else { "s" }
        );
        if let Ok(mut errors) = shared.errors.write() {
            errors.clone_from(&text);
        }
        let _ = shared.events.send(PageEvent::Errors(text));
        return;
    }
    if let Ok(mut errors) = shared.errors.write() {
        errors.clear();
    }
    if had_errors {
        // Said whatever changed: a save back to the last good text changes no file, and the
        // terminal's last word must not stay the error.
        println!("fixed: serving the site again, without errors");
        let _ = shared.events.send(PageEvent::Ok);
    }
    if !changed.is_empty() || verb == "Built" {
        println!(
            "{verb} in {:.0} ms: {} file{} changed",
            update.elapsed.as_secs_f64() * 1000.0,
            changed.len(),
            if changed.len() == 1 { "" } else { "s" }
        );
        if timings {
            eprintln!("timings: {}", update.timings);
        }
    }
    if changed.is_empty() && !had_errors {
        return;
    }
    let event = if had_errors {
        PageEvent::Reload(None)
    } else if only_stylesheets(changed) {
        PageEvent::Stylesheets(changed.to_vec())
    } else {
        reload_event(changed)
    };
    let _ = shared.events.send(event);
}
