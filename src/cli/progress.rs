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

/// The progress line of one command: the command says what it is doing, and a thread of its
/// own draws the latest of it now and then, from a moment after the start. Where stderr is no
/// terminal there is no line, and saying things to it does nothing. Dropping it wipes the line.
pub struct Terminal {
    line: Option<Arc<Mutex<State>>>,
}

#[derive(Default)]
struct State {
    /// What the line should say.
    text: String,
    /// What it says (empty when nothing is drawn).
    drawn: String,
    finished: bool,
}

impl State {
    /// Draws the line if what it says changed; false once the command has finished.
    fn draw(&mut self) -> bool {
        if self.finished {
            return false;
        }
        if self.text != self.drawn {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K{}", self.text);
            let _ = stderr.flush();
            self.drawn.clone_from(&self.text);
        }
        true
    }
}

impl Terminal {
    /// A progress line on stderr, if stderr is a terminal a person watches.
    pub fn on_stderr() -> Terminal {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        if !std::io::stderr().is_terminal() || dumb || ci {
            return Terminal { line: None };
        }
        let line = Arc::new(Mutex::new(State::default()));
        let drawer = line.clone();
        std::thread::spawn(move || {
            std::thread::sleep(SHOWN_AFTER);
            while drawer.lock().is_ok_and(|mut state| state.draw()) {
                std::thread::sleep(REDRAWN_EVERY);
            }
        });
        Terminal { line: Some(line) }
    }

    /// The engine's reports, shown on this line (nowhere, without one).
    pub fn progress(&self) -> Progress {
        match self.line.clone() {
            Some(line) => Progress::to(move |step| say(&line, &describe(step))),
            None => Progress::default(),
        }
    }

    /// Says what the command is doing now.
    pub fn show(&self, text: &str) {
        if let Some(line) = &self.line {
            say(line, text);
        }
    }

    /// Wipes the line, if anything was shown, and draws no more.
    pub fn finish(&self) {
        if let Some(Ok(mut state)) = self.line.as_ref().map(|line| line.lock()) {
            state.finished = true;
            if !std::mem::take(&mut state.drawn).is_empty() {
                eprint!("\r\x1b[2K");
            }
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.finish();
    }
}

fn say(line: &Mutex<State>, text: &str) {
    if let Ok(mut state) = line.lock() {
        text.clone_into(&mut state.text);
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
