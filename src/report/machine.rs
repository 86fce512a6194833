//! Diagnostics for programs rather than people: one JSON object per line
//! (`--message-format json`, as cargo's), and GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…::…`), which GitHub shows on the pull request's files.
//!
//! Both carry the same fields as the human report — file, line, column, message, hint — taken
//! from the one [`Diagnostic`], so the three never tell different stories.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, display_path};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on.
    Warning,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    severity: Severity,
    /// Relative to the site root, with forward slashes; `null` when no file is to blame.
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

/// One diagnostic as one line of JSON (no newline):
/// `{"type":"diagnostic","severity":"error","file":"content/a.md","line":3,"column":7,
/// "message":"…","hint":null}`.
pub fn json(diagnostic: &Diagnostic, severity: Severity) -> String {
    let file = display_path(&diagnostic.file);
    let value = JsonDiagnostic {
        kind: "diagnostic",
        severity,
        file: (!file.is_empty()).then_some(file),
        line: diagnostic.line,
        column: diagnostic.column,
        message: &diagnostic.message,
        hint: diagnostic.hint.as_deref(),
    };
    serde_json::to_string(&value).unwrap_or_default()
}

/// The last line of a command's JSON output: whether it succeeded, and its summary in words.
pub fn summary_json(success: bool, message: &str) -> String {
    serde_json::json!({ "type": "summary", "success": success, "message": message }).to_string()
}

/// Whether this process runs inside a GitHub Actions job (which sets `GITHUB_ACTIONS=true`).
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// One diagnostic as a GitHub workflow command, its file named from the repository's root
/// (`GITHUB_WORKSPACE`, else the current folder) so that GitHub finds it.
pub fn github_command(diagnostic: &Diagnostic, severity: Severity, root: &Path) -> String {
    let mut properties = Vec::new();
    if !diagnostic.file.as_os_str().is_empty() {
        let file = workspace_path(&root.join(&diagnostic.file));
        properties.push(format!("file={}", escape_property(&file)));
    }
    if let Some(line) = diagnostic.line {
        properties.push(format!("line={line}"));
        if let Some(column) = diagnostic.column {
            properties.push(format!("col={column}"));
        }
    }
    properties.push("title=briefgen".to_string());
    format!(
        "::{} {}::{}",
        severity.word(),
        properties.join(","),
        escape_data(&diagnostic.text())
    )
}

/// A path as GitHub wants it: relative to the workspace, forward slashes, no `./`.
fn workspace_path(path: &Path) -> String {
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    let relative = workspace
        .and_then(|w| {
            let absolute = std::path::absolute(path).ok()?;
            absolute.strip_prefix(&w).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let shown = display_path(&relative);
    let mut shown = shown.as_str();
    while let Some(rest) = shown.strip_prefix("./") {
        shown = rest;
    }
    shown.to_string()
}

/// Escapes a command's message as the runner reads it back.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (which also ends at `,` and `:`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_every_field() {
        let d = Diagnostic::at("content/a.md", 3, 7, "bad \"date\"").with_hint("write 2025-01-01");
        let value: serde_json::Value = serde_json::from_str(&json(&d, Severity::Error)).unwrap();
        assert_eq!(value["type"], "diagnostic");
        assert_eq!(value["severity"], "error");
        assert_eq!(value["file"], "content/a.md");
        assert_eq!(value["line"], 3);
        assert_eq!(value["column"], 7);
        assert_eq!(value["message"], "bad \"date\"");
        assert_eq!(value["hint"], "write 2025-01-01");
        let d = Diagnostic::new("", "disk full");
        let value: serde_json::Value = serde_json::from_str(&json(&d, Severity::Warning)).unwrap();
        assert!(value["file"].is_null() && value["line"].is_null() && value["hint"].is_null());
    }

    #[test]
    fn workflow_commands_are_escaped() {
        let d = Diagnostic::at("content/a,b.md", 2, 1, "50% off\nsecond line");
        let command = github_command(&d, Severity::Warning, Path::new("."));
        assert_eq!(
            command,
            "::warning file=content/a%2Cb.md,line=2,col=1,title=briefgen::50%25 off%0Asecond line"
        );
        let command = github_command(&Diagnostic::new("", "x"), Severity::Error, Path::new("."));
        assert_eq!(command, "::error title=briefgen::x");
    }
}
