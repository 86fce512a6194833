//! Tera templates: loads the theme's and the site's templates, registers briefgen's functions
//! and filters (`url`, `date`), and turns Tera's errors into diagnostics that name the
//! template file and line.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::config::SiteConfig;
use crate::error::Diagnostic;
use crate::theme::TemplateSource;

/// The templates of a site, ready to render.
pub struct Templates {
    tera: Tera,
    files: HashMap<String, PathBuf>,
}

impl Templates {
    /// Parses every template, reporting the syntax errors of all of them at once.
    pub fn new(
        sources: &[TemplateSource],
        config: &SiteConfig,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let files: HashMap<String, PathBuf> = sources
            .iter()
            .map(|s| (s.name.clone(), s.file.clone()))
            .collect();
        let mut errors = Vec::new();
        // Syntax errors first, one template at a time, so that each broken file is named.
        for source in sources {
            let mut scratch = Tera::new();
            if let Err(e) = scratch.add_raw_template(&source.name, &source.text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                errors.extend(diagnostics(&e, &files));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::new();
        register_helpers(&mut tera, config);
        tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
            .map_err(|e| diagnostics(&e, &files))?;
        Ok(Templates { tera, files })
    }

    /// Renders a template.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            let mut found = diagnostics(&e, &self.files);
            found.swap_remove(0)
        })
    }
}

fn register_helpers(tera: &mut Tera, config: &SiteConfig) {
    let site = config.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            if path.contains("://") {
                return Ok(path);
            }
            Ok(site.url_for(&path))
        },
    );
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format: String = kwargs
                .get("format")?
                .unwrap_or_else(|| "%Y-%m-%d".to_string());
            let date = crate::dates::parse_date(value, &jiff::tz::TimeZone::UTC)
                .map_err(tera::Error::message)?;
            jiff::fmt::strtime::format(format.as_str(), &date)
                .map_err(|e| tera::Error::message(format!("date format `{format}`: {e}")))
        },
    );
}

/// Tera's own filters and functions, with briefgen's, for "did you mean" hints.
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "date",
];
const FUNCTIONS: &[&str] = &["range", "throw", "url"];

/// Adds "did you mean `x`?" to Tera's messages about unknown names.
fn with_suggestion(message: &str) -> String {
    let quoted = |text: &str| -> Option<String> {
        let start = text.find('`')? + 1;
        let end = start + text[start..].find('`')?;
        Some(text[start..end].to_string())
    };
    let suggestion = if let Some((head, available)) = message.split_once(". Available ") {
        let name = quoted(head);
        let known: Vec<&str> = available
            .split_once(": ")
            .map(|(_, list)| list.split(", ").map(str::trim).collect())
            .unwrap_or_default();
        name.and_then(|n| crate::config::nearest(&n, &known).map(str::to_string))
    } else if message.starts_with("Unknown filter") {
        quoted(message).and_then(|n| crate::config::nearest(&n, FILTERS).map(str::to_string))
    } else if message.starts_with("Unknown function") {
        quoted(message).and_then(|n| crate::config::nearest(&n, FUNCTIONS).map(str::to_string))
    } else {
        None
    };
    match suggestion {
        Some(near) => format!("{message}; did you mean `{near}`?"),
        None => message.to_string(),
    }
}

/// A Tera error as diagnostics on the template files and lines it points at (never empty).
fn diagnostics(error: &tera::Error, files: &HashMap<String, PathBuf>) -> Vec<Diagnostic> {
    let file_of = |name: &str| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    if let ErrorKind::Msg(text) = error.kind() {
        let reports = parse_reports(text, &file_of);
        if !reports.is_empty() {
            return reports;
        }
    }
    vec![diagnostic(error, &file_of)]
}

/// Tera checks all templates together and reports what it finds as text: `error: …` lines,
/// each followed by ` --> name:line:column`.
fn parse_reports(text: &str, file_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(place)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(column), Some(line_no), Some(name)) = (column, line_no, parts.next()) {
                found.push(Diagnostic::at(
                    file_of(name),
                    line_no,
                    column,
                    format!("template error: {}", with_suggestion(m)),
                ));
            }
            message = None;
        }
    }
    found
}

/// A Tera error as a diagnostic on the template file and line it points at.
fn diagnostic(error: &tera::Error, file_of: &dyn Fn(&str) -> PathBuf) -> Diagnostic {
    let mut message = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let message = format!("template error: {}", with_suggestion(report.message()));
            let mut d = Diagnostic::at(
                file_of(report.filename()),
                span.start_line,
                span.start_col + 1,
                message,
            );
            if let Some(source) = std::error::Error::source(error) {
                d.message.push_str(&format!(": {source}"));
            }
            return d;
        }
        ErrorKind::MissingParent { current, parent } => {
            return Diagnostic::new(
                file_of(current),
                format!("template error: extends `{parent}`, which is not a template of this site"),
            );
        }
        ErrorKind::TemplateNotFound(name) => format!("template error: no template named `{name}`"),
        _ => format!("template error: {error}"),
    };
    if let Some(source) = std::error::Error::source(error) {
        message.push_str(&format!(": {source}"));
    }
    Diagnostic::new("templates", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_get_the_nearest_known_one() {
        assert_eq!(
            with_suggestion("Field `titel` is not defined. Available fields: content, title, url"),
            "Field `titel` is not defined. Available fields: content, title, url; did you mean `title`?"
        );
        assert!(
            with_suggestion(
                "Variable `briefng` is not defined. Available variables: briefing, config"
            )
            .ends_with("did you mean `briefing`?")
        );
        assert!(with_suggestion("Unknown filter `uppr`").ends_with("did you mean `upper`?"));
        assert!(with_suggestion("Unknown function `urll`").ends_with("did you mean `url`?"));
        assert_eq!(with_suggestion("Something else"), "Something else");
    }
}
