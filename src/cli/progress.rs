//! Progress on a terminal: one line on stderr, redrawn in place, saying what a build or an
//! import is doing. Only when stderr is a terminal (never in a pipe, a file or a CI log — CI
//! runners set `CI`), not on a `dumb` one, and only once the work has taken more than a moment,
//! so that quick commands print exactly what they always did. The line is wiped when the
//! command ends, before its summary.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use briefgen::engine::{Progress, Step};

/// How long work runs before progress is shown.
const SHOWN_AFTER: Duration = Duration::from_millis(250);
/// How often the line is redrawn (when what it says changed).
const REDRAWN_EVERY: Duration = Duration::from_millis(80);

/// The progress line of one command: the commands say what they are doing, and a thread of its
/// own draws the latest of it now and then, from a moment after the start.
#[derive(Clone)]
pub struct Terminal {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    /// What the line should say.
    text: String,
    /// What it says (empty when nothing is drawn).
    drawn: String,
    finished: bool,
}

impl Terminal {
    /// A progress line on stderr, if stderr is a terminal a person watches.
    pub fn on_stderr() -> Option<Terminal> {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        if !std::io::stderr().is_terminal() || dumb || ci {
            return None;
        }
        let terminal = Terminal {
            state: Arc::new(Mutex::new(State::default())),
        };
        let drawer = terminal.clone();
        std::thread::spawn(move || {
            std::thread::sleep(SHOWN_AFTER);
            while drawer.draw() {
                std::thread::sleep(REDRAWN_EVERY);
            }
        });
        Some(terminal)
    }

    /// The engine's reports, shown on this line.
    pub fn progress(&self) -> Progress {
        let line = self.clone();
        Progress::to(move |step| line.show(&describe(step)))
    }

    /// Says what the command is doing now.
    pub fn show(&self, text: &str) {
        if let Ok(mut state) = self.state.lock() {
            text.clone_into(&mut state.text);
        }
    }

    /// Draws the line if what it says changed; false once the command has finished.
    fn draw(&self) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        if state.finished {
            return false;
        }
        if state.text != state.drawn {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K{}", state.text);
            let _ = stderr.flush();
            state.drawn = state.text.clone();
        }
        true
    }

    /// Wipes the line, if anything was shown, and draws no more.
    pub fn finish(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.finished = true;
            if !state.drawn.is_empty() {
                eprint!("\r\x1b[2K");
            }
        }
    }
}

fn describe(step: Step) -> String {
    match step {
        Step::Reading => "Reading the site…".to_string(),
        Step::Parsing => "Parsing briefings…".to_string(),
        Step::Rendering { done, total } => format!("Rendering: {done} of {total} files"),
        Step::Writing => "Writing the output folder…".to_string(),
    }
}
