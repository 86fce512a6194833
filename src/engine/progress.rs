//! What a long build tells whoever watches it: the stage it is in, and how many files are
//! rendered. The engine reports; what is shown, and whether anything is (only on a terminal),
//! is the command line's business.

use std::fmt;
use std::sync::Arc;

/// One step of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the settings, templates and files.
    Reading,
    /// Parsing front matter and Markdown.
    Parsing,
    /// Rendering: so many files of the site's plan rendered so far.
    Rendering {
        /// Files rendered.
        done: usize,
        /// Files to render.
        total: usize,
    },
    /// Writing the output folder in place of the old one.
    Writing,
}

/// Where progress goes: nowhere, unless a watcher is given.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(Step) + Send + Sync>>);

impl Progress {
    /// Progress reported to `watcher`.
    pub fn to(watcher: impl Fn(Step) + Send + Sync + 'static) -> Progress {
        Progress(Some(Arc::new(watcher)))
    }

    /// Reports a step.
    pub fn report(&self, step: Step) {
        if let Some(watcher) = &self.0 {
            watcher(step);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(watched)"
        } else {
            "Progress(none)"
        })
    }
}
