//! Tera templates: loads the theme's and the site's templates, registers briefgen's functions
//! and filters (`url`, `date`), and turns Tera's errors into diagnostics that name the
//! template file and line.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::theme::TemplateSource;

/// The templates of a site, ready to render.
pub struct Templates {
    tera: Tera,
    files: HashMap<String, PathBuf>,
    fingerprints: HashMap<String, u64>,
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
        Ok(Templates {
            tera,
            files,
            fingerprints: fingerprints(sources),
        })
    }

    /// A hash of a template and every template it extends or includes: when it is unchanged,
    /// so is everything rendered with the template.
    pub fn fingerprint(&self, name: &str) -> u64 {
        self.fingerprints.get(name).copied().unwrap_or(0)
    }

    /// Renders a template.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            let mut found = diagnostics(&e, &self.files);
            found.swap_remove(0)
        })
    }
}

/// Each template's fingerprint: the hash of its text and of every template it reaches through
/// `extends` and `include`. Tera 2 components are global and an include may name its template
/// with a variable; where either is used, every template depends on every other.
fn fingerprints(sources: &[TemplateSource]) -> HashMap<String, u64> {
    let by_name: HashMap<&str, &TemplateSource> =
        sources.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut referenced: HashMap<&str, Vec<String>> = HashMap::new();
    let mut everything = false;
    for source in sources {
        match referenced_templates(&source.text) {
            Some(names) => {
                referenced.insert(&source.name, names);
            }
            None => everything = true,
        }
        everything |= source.text.contains("{% component") || source.text.contains("{%- component");
    }
    let hash_of = |names: &mut Vec<&str>| {
        names.sort_unstable();
        names.dedup();
        let mut hasher = DefaultHasher::new();
        for name in names.iter() {
            name.hash(&mut hasher);
            by_name[name].text.hash(&mut hasher);
        }
        hasher.finish()
    };
    if everything {
        let mut all: Vec<&str> = by_name.keys().copied().collect();
        let hash = hash_of(&mut all);
        return sources.iter().map(|s| (s.name.clone(), hash)).collect();
    }
    sources
        .iter()
        .map(|source| {
            let mut reached = vec![source.name.as_str()];
            let mut next = 0;
            while next < reached.len() {
                let name = reached[next];
                next += 1;
                for target in referenced.get(name).into_iter().flatten() {
                    if let Some((known, _)) = by_name.get_key_value(target.as_str())
                        && !reached.contains(known)
                    {
                        reached.push(known);
                    }
                }
            }
            (source.name.clone(), hash_of(&mut reached))
        })
        .collect()
}

/// The templates a template names in `extends` and `include` tags; `None` when one is not a
/// plain string, so that it cannot be known.
fn referenced_templates(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let end = rest[start..].find("%}").map_or(rest.len(), |e| start + e);
        let tag = rest[start + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if let Some(argument) = tag
            .strip_prefix("extends")
            .or_else(|| tag.strip_prefix("include"))
        {
            let argument = argument.trim();
            let quote = argument.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let inner = &argument[1..];
            let close = inner.find(quote)?;
            names.push(inner[..close].to_string());
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() >= 2 {
            rest = &rest[2..];
        } else {
            break;
        }
    }
    Some(names)
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
            Ok(site.link_for(&path))
        },
    );
    let site = config.clone();
    tera.register_filter(
        "absolute_url",
        move |link: &str, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            Ok(site.absolute(link))
        },
    );
    // A day as a page in `language` writes it (`2025년 6월 12일`), with the theme's words: for
    // the summaries, shared by every list in the site's language, on a page in another.
    let site = config.clone();
    tera.register_filter(
        "local_date",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let language: String = kwargs
                .get("language")?
                .unwrap_or_else(|| site.language.clone());
            let date = crate::source::dates::parse_date(value, &jiff::tz::TimeZone::UTC)
                .map_err(tera::Error::message)?;
            Ok(site.strings.date(&language, date.date()))
        },
    );
    // A theme's word said of a number (`{{ t.n_briefings | count(n=total) }}`: `12 briefings`,
    // `브리핑 12건`), as `strings::counted` says.
    tera.register_filter(
        "count",
        |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let n: usize = kwargs.must_get("n")?;
            Ok(crate::source::strings::counted(value, n))
        },
    );
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format: String = kwargs
                .get("format")?
                .unwrap_or_else(|| "%Y-%m-%d".to_string());
            let date = crate::source::dates::parse_date(value, &jiff::tz::TimeZone::UTC)
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
    "local_date",
    "count",
    "absolute_url",
];
const FUNCTIONS: &[&str] = &["range", "throw", "url"];

/// "did you mean `x`?" for Tera's messages about unknown names.
fn suggestion(message: &str) -> Option<String> {
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
        name.and_then(|n| crate::source::config::nearest(&n, &known).map(str::to_string))
    } else if message.starts_with("Unknown filter") {
        quoted(message)
            .and_then(|n| crate::source::config::nearest(&n, FILTERS).map(str::to_string))
    } else if message.starts_with("Unknown function") {
        quoted(message)
            .and_then(|n| crate::source::config::nearest(&n, FUNCTIONS).map(str::to_string))
    } else {
        None
    };
    suggestion.map(|near| format!("did you mean `{near}`?"))
}

/// A template error at a place, with a hint where the name it complains of looks mistyped.
fn template_error(file: PathBuf, line: usize, column: usize, message: &str) -> Diagnostic {
    let diagnostic = Diagnostic::at(file, line, column, format!("template error: {message}"));
    match suggestion(message) {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
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
                found.push(template_error(file_of(name), line_no, column, m));
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
            let mut d = template_error(
                file_of(report.filename()),
                span.start_line,
                span.start_col + 1,
                report.message(),
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

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            file: PathBuf::from(name),
            text: text.into(),
        }
    }

    #[test]
    fn extends_and_includes_are_found() {
        let names =
            referenced_templates("{% extends \"base.html\" %}{%- include 'list.html' -%}{{ x }}");
        assert_eq!(
            names,
            Some(vec!["base.html".to_string(), "list.html".to_string()])
        );
        assert_eq!(referenced_templates("{% include name %}"), None);
    }

    #[test]
    fn a_template_change_reaches_the_templates_that_use_it() {
        let before = [
            source("base.html", "A"),
            source("page.html", "{% extends \"base.html\" %}"),
            source("other.html", "O"),
        ];
        let after = [
            source("base.html", "B"),
            source("page.html", "{% extends \"base.html\" %}"),
            source("other.html", "O"),
        ];
        let (before, after) = (fingerprints(&before), fingerprints(&after));
        assert_ne!(before["page.html"], after["page.html"]);
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["other.html"], after["other.html"]);
    }

    #[test]
    fn unknown_names_get_the_nearest_known_one() {
        let hint = |m| suggestion(m).unwrap_or_default();
        assert_eq!(
            hint("Field `titel` is not defined. Available fields: content, title, url"),
            "did you mean `title`?"
        );
        assert_eq!(
            hint("Variable `briefng` is not defined. Available variables: briefing, config"),
            "did you mean `briefing`?"
        );
        assert_eq!(hint("Unknown filter `uppr`"), "did you mean `upper`?");
        assert_eq!(hint("Unknown function `urll`"), "did you mean `url`?");
        assert_eq!(suggestion("Something else"), None);
        let d = template_error("t.html".into(), 1, 2, "Unknown filter `uppr`");
        assert_eq!(
            d.to_string(),
            "t.html:1:2: template error: Unknown filter `uppr`; did you mean `upper`?"
        );
    }
}
