//! Errors and warnings of a build.
//!
//! A [`Diagnostic`] names the file it is about (relative to the site root), the line and column
//! where known, and says what is wrong. Stages collect diagnostics rather than stopping at the
//! first, so that a build reports every problem at once.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// One problem found in a file of the site: a briefing, a template or `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to put it right, where a likely fix is known ("did you mean `people`?"); shown
    /// after the message, and on its own in machine-readable output.
    pub hint: Option<String>,
    /// How many characters from the column are at fault (a key's name), where that is
    /// narrower than the rest of the line; the caret underlines them.
    pub width: Option<usize>,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            width: None,
        }
    }

    /// The same problem, with a hint on how to fix it.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        Diagnostic {
            hint: Some(hint.into()),
            ..self
        }
    }

    /// The same problem, with `width` characters from its column at fault.
    pub fn with_width(self, width: usize) -> Self {
        Diagnostic {
            width: Some(width),
            ..self
        }
    }

    /// The message and, after it, the hint: what a person reads.
    pub fn text(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{}; {hint}", self.message),
            None => self.message.clone(),
        }
    }

    /// A problem at a line of a file.
    pub fn at_line(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            line: Some(line),
            ..Diagnostic::new(file, message)
        }
    }

    /// A problem at a line and column of a file.
    pub fn at(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        msg: impl Into<String>,
    ) -> Self {
        Diagnostic {
            line: Some(line),
            column: Some(column),
            ..Diagnostic::new(file, msg)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", display_path(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.text())
    }
}

/// A path as shown in messages: with forward slashes on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Why a build or check did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// The site's files have problems; all of them are listed. Nothing was written.
    Content(Vec<Diagnostic>),
    /// The command cannot run as asked (no site at the root, an output folder it must not
    /// replace, a flag's bad value). Nothing was written.
    Usage {
        /// What it concerns: a file or folder (`site.toml`, the output folder) or a flag
        /// (`--base-url`); a report that lists problems names it.
        subject: String,
        /// What is wrong, naming the subject too.
        message: String,
    },
    /// A server could not be reached, or refused what was asked of it (`import URL`).
    Network {
        /// The address asked for.
        address: String,
        /// What went wrong, naming the address.
        message: String,
    },
    /// Reading or writing files failed.
    Io {
        /// What was being done, naming the path.
        context: String,
        /// The underlying error.
        source: io::Error,
    },
}

impl BuildError {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: io::Error) -> Self {
        BuildError::Io {
            context: context.into(),
            source,
        }
    }

    /// A usage error about `subject` (a file, a folder or a flag).
    pub fn usage(subject: impl Into<String>, message: impl Into<String>) -> Self {
        BuildError::Usage {
            subject: subject.into(),
            message: message.into(),
        }
    }

    /// The error as diagnostics, for a report that lists problems (`serve`'s): the content's
    /// own, or one naming what a usage error concerns, the address that failed, or the path
    /// that could not be read or written.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            BuildError::Content(diagnostics) => diagnostics.clone(),
            BuildError::Usage { subject, message } => {
                vec![Diagnostic::new(subject, message.clone())]
            }
            BuildError::Network { address, message } => {
                vec![Diagnostic::new(address, message.clone())]
            }
            BuildError::Io { context, source } => {
                vec![Diagnostic::new("", format!("{context}: {source}"))]
            }
        }
    }

    /// The process exit code for this error: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Usage { .. } => 2,
            BuildError::Content(_) | BuildError::Network { .. } | BuildError::Io { .. } => 1,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(diagnostics) => {
                for diagnostic in diagnostics {
                    writeln!(f, "error: {diagnostic}")?;
                }
                write!(f, "{}", count_line(diagnostics.len()))
            }
            BuildError::Usage { message, .. } | BuildError::Network { message, .. } => {
                write!(f, "error: {message}")
            }
            BuildError::Io { context, source } => write!(f, "error: {context}: {source}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<Vec<Diagnostic>> for BuildError {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        BuildError::Content(diagnostics)
    }
}

/// The line that closes a list of errors: `3 errors found; nothing was written`.
pub fn count_line(n: usize) -> String {
    format!(
        "{n} error{} found; nothing was written",
        if n == 1 { "" } else { "s" }
    )
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_shows_file_line_and_column() {
        let d = Diagnostic::at("content/a.md", 3, 7, "bad date");
        assert_eq!(d.to_string(), "content/a.md:3:7: bad date");
        let d = Diagnostic::at_line("content/a.md", 3, "bad date");
        assert_eq!(d.to_string(), "content/a.md:3: bad date");
        assert_eq!(
            Diagnostic::new("site.toml", "x").to_string(),
            "site.toml: x"
        );
    }

    #[test]
    fn errors_are_reported_against_what_they_concern_with_their_exit_code() {
        let usage = BuildError::usage("--base-url", "--base-url: not an address");
        assert_eq!(usage.exit_code(), 2);
        assert_eq!(usage.diagnostics()[0].file, PathBuf::from("--base-url"));
        assert_eq!(usage.to_string(), "error: --base-url: not an address");
        let network = BuildError::Network {
            address: "http://127.0.0.1:1/x".into(),
            message: "http://127.0.0.1:1/x: refused".into(),
        };
        assert_eq!(network.exit_code(), 1);
        assert_eq!(
            network.diagnostics()[0].file,
            PathBuf::from("http://127.0.0.1:1/x")
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 100), (3, 2));
    }
}
