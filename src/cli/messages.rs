//! Where a command's diagnostics and closing line go: for people, stderr with the line and a
//! caret (and the summary on stdout); with `--message-format json`, one JSON object per line on
//! stdout and nothing else there. Inside GitHub Actions every diagnostic is also written as a
//! workflow command on stderr, whichever the format, so that it shows on the pull request.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use briefgen::error::count_line;
use briefgen::report::{self, machine, machine::Severity};
use briefgen::{BuildError, Diagnostic};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: the file, line and column, the line itself and a caret.
    #[default]
    Human,
    /// For programs: one JSON object per line on stdout (file, line, column, severity,
    /// message, hint), then a summary object.
    Json,
}

/// The output option of `build` and `check`.
#[derive(Debug, Clone, Args)]
pub struct FormatArgs {
    /// How diagnostics are printed: human, or json (one object per line on stdout).
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub message_format: MessageFormat,
}

/// Prints a command's diagnostics and summary in the format asked for.
pub struct Printer {
    root: PathBuf,
    format: MessageFormat,
    github: bool,
}

impl Printer {
    /// A printer for the site at `root`.
    pub fn new(root: &Path, format: MessageFormat) -> Printer {
        Printer {
            root: root.to_path_buf(),
            format,
            github: machine::in_github_actions(),
        }
    }

    /// Prints diagnostics that did not stop the command.
    pub fn warnings(&self, warnings: &[Diagnostic]) {
        self.diagnostics(warnings, Severity::Warning);
    }

    /// Prints the line saying what the command did.
    pub fn summary(&self, line: &str) {
        match self.format {
            MessageFormat::Human => println!("{line}"),
            MessageFormat::Json => println!("{}", machine::summary_json(true, line)),
        }
    }

    /// Prints why the command failed.
    pub fn error(&self, error: &BuildError) {
        let diagnostics = error.diagnostics();
        match (self.format, error) {
            (MessageFormat::Human, BuildError::Content(_)) => {
                self.diagnostics(&diagnostics, Severity::Error);
                eprintln!("{}", count_line(diagnostics.len()));
            }
            (MessageFormat::Human, other) => {
                eprintln!("{other}");
                self.github_commands(&diagnostics, Severity::Error);
            }
            (MessageFormat::Json, _) => {
                self.diagnostics(&diagnostics, Severity::Error);
                let line = match error {
                    BuildError::Content(d) => count_line(d.len()),
                    other => other.to_string(),
                };
                println!("{}", machine::summary_json(false, &line));
            }
        }
    }

    fn diagnostics(&self, diagnostics: &[Diagnostic], severity: Severity) {
        match self.format {
            MessageFormat::Human => {
                let text = match severity {
                    Severity::Error => report::errors(diagnostics, &self.root),
                    Severity::Warning => report::warnings(diagnostics, &self.root),
                };
                eprint!("{text}");
            }
            MessageFormat::Json => {
                for diagnostic in diagnostics {
                    println!("{}", machine::json(diagnostic, severity));
                }
            }
        }
        self.github_commands(diagnostics, severity);
    }

    fn github_commands(&self, diagnostics: &[Diagnostic], severity: Severity) {
        if self.github {
            for diagnostic in diagnostics {
                eprintln!(
                    "{}",
                    machine::github_command(diagnostic, severity, &self.root)
                );
            }
        }
    }
}
