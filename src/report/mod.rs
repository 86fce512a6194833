//! Shows diagnostics the way they are fixed fastest: what is wrong, the file, line and column,
//! and the offending line with a caret under it (rendered by codespan-reporting). For programs
//! and CI, [`machine`] writes the same diagnostics as JSON and as GitHub workflow commands.

pub mod machine;

use std::ops::Range;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::error::{Diagnostic, display_path};

/// Renders diagnostics as errors, reading the files they point at from the site at `root`.
pub fn errors(diagnostics: &[Diagnostic], root: &Path) -> String {
    render_all(diagnostics, root, Severity::Error)
}

/// Renders diagnostics as warnings.
pub fn warnings(diagnostics: &[Diagnostic], root: &Path) -> String {
    render_all(diagnostics, root, Severity::Warning)
}

fn render_all(diagnostics: &[Diagnostic], root: &Path, severity: Severity) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, root, severity))
        .collect()
}

/// Lines longer than this are not shown under a message (a minified or machine-made line
/// would flood the terminal).
const MAX_SHOWN_LINE: usize = 240;

/// One diagnostic: a header naming the file and place, then the line with a caret.
pub fn render(diagnostic: &Diagnostic, root: &Path, severity: Severity) -> String {
    let name = display_path(&diagnostic.file);
    let place = match (diagnostic.line, diagnostic.column) {
        (Some(line), Some(column)) => format!("{name}:{line}:{column}"),
        (Some(line), None) => format!("{name}:{line}"),
        _ => name.clone(),
    };
    let header = format!("{place}: {}", diagnostic.text());
    let source = diagnostic.line.and_then(|line| {
        let text = source_text(diagnostic, root)?;
        let range = span(&text, line, diagnostic.column, diagnostic.width)?;
        let line_text = text[range.start..].split('\n').next().unwrap_or("");
        let shown = text[..range.start].rsplit('\n').next().unwrap_or("").len() + line_text.len();
        (shown <= MAX_SHOWN_LINE).then_some((text, range))
    });
    let Some((text, range)) = source else {
        let word = if severity == Severity::Warning {
            "warning"
        } else {
            "error"
        };
        return format!("{word}: {header}\n\n");
    };
    let file = SimpleFile::new(name, text);
    let report = Report::new(severity)
        .with_message(header)
        .with_labels(vec![Label::primary((), range)]);
    let config = Config::default();
    term::emit_into_string(&config, &file, &report).unwrap_or_default()
}

/// The text of the file a diagnostic is about: from the site, or the embedded default theme.
fn source_text(diagnostic: &Diagnostic, root: &Path) -> Option<String> {
    match std::fs::read(root.join(&diagnostic.file)) {
        Ok(bytes) => Some(crate::source::files::normalize_text(
            String::from_utf8_lossy(&bytes).into_owned(),
        )),
        Err(_) => {
            let name = display_path(&diagnostic.file);
            let template = name.strip_prefix("themes/default/templates/")?;
            crate::source::theme::TEMPLATES
                .iter()
                .find(|(n, _)| *n == template)
                .map(|(_, text)| text.to_string())
        }
    }
}

/// The bytes to underline: from the column (or the first non-blank character) to the end of
/// the line, without trailing blanks, or `width` characters when given; `None` when the line
/// is not in the text.
fn span(
    text: &str,
    line: usize,
    column: Option<usize>,
    width: Option<usize>,
) -> Option<Range<usize>> {
    let start_of_line: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = text[start_of_line..].split('\n').next()?;
    if start_of_line > text.len() || (start_of_line == text.len() && line > 1) {
        return None;
    }
    let start = match column {
        Some(column) => line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i),
        None => line_text.len() - line_text.trim_start().len(),
    };
    let end = match width {
        Some(width) => line_text[start..]
            .char_indices()
            .nth(width.max(1))
            .map_or(line_text.len(), |(i, _)| start + i),
        None => line_text.trim_end().len().max(start + 1),
    }
    .min(line_text.len().max(start));
    Some(start_of_line + start..start_of_line + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "---\ntitle: A\ndate: 2025-13-45\n---\n",
        )
        .unwrap();
        let d = Diagnostic::at("content/a.md", 3, 7, "date: `2025-13-45` is not a date");
        let text = errors(&[d], dir.path());
        assert!(
            text.contains("error: content/a.md:3:7: date: `2025-13-45` is not a date"),
            "{text}"
        );
        assert!(text.contains("3 │ date: 2025-13-45"), "{text}");
        assert!(text.contains("^^^^^^^^^^"), "{text}");
    }

    #[test]
    fn without_a_line_only_the_header_is_shown() {
        let d = Diagnostic::new("content/a.md", "cannot be read");
        assert_eq!(
            errors(&[d], Path::new("/nonexistent")),
            "error: content/a.md: cannot be read\n\n"
        );
    }

    #[test]
    fn spans_stay_inside_the_text() {
        assert_eq!(span("ab\ncd\n", 2, None, None), Some(3..5));
        assert_eq!(span("ab\ncd", 2, Some(2), None), Some(4..5));
        assert_eq!(span("ab\n", 1, Some(9), None), Some(2..2));
        assert_eq!(span("ab\n", 5, None, None), None);
        // A key's name alone.
        assert_eq!(span("x\npeopel: [a]\n", 2, Some(1), Some(6)), Some(2..8));
        assert_eq!(span("é: 1\n", 1, Some(1), Some(9)), Some(0..5));
    }
}
