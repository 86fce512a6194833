//! The parse stage for a briefing's head: splits the YAML front matter from the Markdown body
//! and turns it into checked fields, with every error placed at its line in the file.

use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::error::Diagnostic;
use crate::yaml;

/// Front matter larger than this is refused before it is parsed.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Where a briefing's news came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The outlet's name, as written.
    pub name: String,
    /// The article's address: http or https only.
    pub url: Option<String>,
}

/// The checked front matter of one briefing.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The title.
    pub title: String,
    /// When the news happened or was published.
    pub date: ZonedDateTime,
    /// When the briefing was last revised.
    pub updated: Option<ZonedDateTime>,
    /// Where it came from.
    pub source: Source,
    /// People named, as written.
    pub people: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// A summary given by the author.
    pub summary: Option<String>,
    /// The slug given by the author.
    pub slug: Option<String>,
    /// Left out of the site unless drafts are asked for.
    pub draft: bool,
    /// Free-form values for templates.
    pub extra: Option<yaml::Value>,
    /// The line `slug` is set on, for slug errors.
    pub slug_line: usize,
}

/// A briefing file split in two.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The 1-based file line the body starts on.
    pub body_line: usize,
}

#[derive(Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    source: Option<RawSource>,
    people: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    slug: Option<String>,
    draft: Option<bool>,
    extra: Option<yaml::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSource {
    Name(String),
    Full { name: String, url: Option<String> },
}

/// Splits `text` (BOM and CRLF already removed) at its front matter fences.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        let message = if text.trim().is_empty() {
            "the file is empty: a briefing starts with front matter between `---` lines"
        } else {
            "no front matter: a briefing starts with a line `---`, then YAML (title, date, \
             source), then another `---`"
        };
        return Err(Diagnostic::at_line(file, 1, message));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
        if offset - yaml_start > MAX_FRONT_MATTER_BYTES {
            break;
        }
    }
    if offset - yaml_start > MAX_FRONT_MATTER_BYTES {
        return Err(Diagnostic::at_line(
            file,
            1,
            format!(
                "front matter is larger than {} KiB; it is refused before it is parsed",
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
    }
    Err(Diagnostic::at_line(
        file,
        1,
        "front matter opened on line 1 is never closed: add a line `---` after it",
    ))
}

/// Parses and checks the YAML of a briefing's front matter. Lines in errors are file lines.
pub fn parse(
    file: &Path,
    yaml_text: &str,
    zone: &TimeZone,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    // The YAML starts on line 2 of the file, after the opening `---`.
    let file_line = |yaml_line: usize| yaml_line + 1;
    let key_line = |key: &str| file_line(key_place(yaml_text, key).map_or(0, |(line, _)| line));
    // An error about a key's value, pointing at the value.
    let at_key = |key: &str, message: String| match key_place(yaml_text, key) {
        Some((line, column)) => Diagnostic::at(file, file_line(line), column, message),
        None => Diagnostic::at_line(file, 1, message),
    };
    let raw: RawFrontMatter = if yaml_text.trim().is_empty() {
        return Err(vec![Diagnostic::at_line(
            file,
            1,
            "front matter is empty: set at least title, date and source",
        )]);
    } else {
        yaml::from_str(yaml_text).map_err(|e| {
            let message = format!("front matter: {}", plain_yaml_message(&e.message));
            if e.message.contains("untagged enum RawSource") {
                // serde cannot place this one; the value of `source` is what is wrong.
                return vec![at_key("source", message)];
            }
            vec![match (e.line, e.column) {
                (Some(line), Some(column)) => {
                    Diagnostic::at(file, file_line(line), column, message)
                }
                (Some(line), None) => Diagnostic::at_line(file, file_line(line), message),
                _ => Diagnostic::at_line(file, 1, message),
            }]
        })?
    };

    let mut errors = Vec::new();
    let mut missing = |key: &str, example: &str| {
        errors.push(Diagnostic::at_line(
            file,
            1,
            format!("front matter has no `{key}`; it is required, e.g. {key}: {example}"),
        ));
    };
    let title = raw.title.filter(|t| !t.trim().is_empty());
    if title.is_none() {
        missing("title", "\"White House: Trump remains receptive to talks\"");
    }
    if raw.date.is_none() {
        missing("date", "2025-06-12T15:18:48+09:00");
    }
    if raw.source.is_none() {
        missing("source", "KBS World Radio News");
    }
    let mut date_field = |key: &str, value: Option<String>| {
        value.and_then(|text| {
            crate::dates::parse_date(&text, zone)
                .map_err(|message| errors.push(at_key(key, format!("{key}: {message}"))))
                .ok()
        })
    };
    let date = date_field("date", raw.date);
    let updated = date_field("updated", raw.updated);
    let source = raw.source.map(|raw| match raw {
        RawSource::Name(name) => Source { name, url: None },
        RawSource::Full { name, url } => Source { name, url },
    });
    if let Some(source) = &source {
        if source.name.trim().is_empty() {
            errors.push(at_key("source", "source: the name is empty".to_string()));
        }
        if let Some(url) = &source.url
            && !is_web_url(url)
        {
            errors.push(at_key(
                "source",
                format!("source: url `{url}` is not an http or https address"),
            ));
        }
    }
    for (key, list) in [("people", &raw.people), ("tags", &raw.tags)] {
        if list
            .iter()
            .flatten()
            .any(|name| crate::slug::slugify(name).is_empty())
        {
            errors.push(at_key(
                key,
                format!("{key}: every entry needs a letter or digit to make a page address from"),
            ));
        }
    }

    match (title, date, source) {
        (Some(title), Some(date), Some(source)) if errors.is_empty() => Ok(FrontMatter {
            title,
            date,
            updated,
            source,
            people: dedupe(raw.people.unwrap_or_default()),
            tags: dedupe(raw.tags.unwrap_or_default()),
            summary: raw.summary.filter(|s| !s.trim().is_empty()),
            slug: raw.slug,
            draft: raw.draft.unwrap_or(false),
            extra: raw.extra,
            slug_line: key_line("slug"),
        }),
        _ => Err(errors),
    }
}

/// Whether `url` is an absolute http or https address.
pub fn is_web_url(url: &str) -> bool {
    url::Url::parse(url)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false)
}

/// Trims names and drops repeats, keeping the first spelling's order.
fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| seen.insert(crate::slug::slugify(n)))
        .collect()
}

/// Where a top-level `key:` is set in `yaml`: its 1-based line, and the 1-based column where
/// its value starts.
fn key_place(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(index, line)| {
        let after_key = line
            .strip_prefix('"')
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix('"'))
            .or_else(|| line.strip_prefix(key))?;
        let after_colon = after_key.trim_start().strip_prefix(':')?;
        let value = after_colon.trim_start();
        let column = line.chars().count() - value.chars().count() + 1;
        Some((index + 1, column))
    })
}

/// serde's wording for the common mistakes, in plain words with an example of what is right.
fn plain_yaml_message(message: &str) -> String {
    let (path, rest) = message.split_once(": ").unwrap_or(("", message));
    // `tags[0]` → `tags`
    let field = path.split('[').next().unwrap_or(path);
    let hint = match field {
        "people" | "tags" if rest.contains("expected a sequence") => Some(format!(
            "{field} must be a list, e.g. {field}: [\"Kim Jong-un\", \"Moon Jae-in\"]"
        )),
        "people" | "tags" if rest.contains("expected a string") => Some(format!(
            "{field} must be a list of names written as text, e.g. {field}: [\"Kim Jong-un\"]"
        )),
        "title" | "summary" | "slug" | "date" | "updated" if rest.contains("expected a string") => {
            Some(format!(
                "{field} must be text, e.g. {field}: \"…\" ({rest})"
            ))
        }
        _ if message.contains("untagged enum RawSource") => Some(
            "source must be a name, or a map with a name and a url, e.g. \
             source: { name: \"KBS World Radio News\", url: \"https://world.kbs.co.kr/\" }"
                .to_string(),
        ),
        "draft" => Some(format!("draft must be true or false ({rest})")),
        _ if message.contains("repetition limit exceeded") => Some(
            "YAML aliases here expand into too many values (repetition limit exceeded); \
             write the values out instead of repeating aliases"
                .to_string(),
        ),
        _ if message.contains("recursion limit exceeded") => Some(
            "the YAML is nested too deeply (recursion limit exceeded); front matter needs \
             only a few levels"
                .to_string(),
        ),
        _ => None,
    };
    hint.unwrap_or_else(|| message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> PathBuf {
        PathBuf::from("content/a.md")
    }

    #[test]
    fn splits_at_the_fences() {
        let text = "---\ntitle: x\n---\nBody\n";
        let split = split(&path(), text).unwrap();
        assert_eq!(split.yaml, "title: x\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(
            split(&path(), "---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            split(&path(), "# Hello\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        assert!(split(&path(), "").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn oversized_front_matter_is_refused() {
        let text = format!("---\n{}", "a: b\n".repeat(20_000));
        assert!(split(&path(), &text).unwrap_err().message.contains("KiB"));
    }

    #[test]
    fn fields_are_checked_with_file_lines() {
        let yaml =
            "title: T\ndate: 2025-13-45\nsource: {name: KBS, url: \"javascript:alert(1)\"}\n";
        let errors = parse(&path(), yaml, &TimeZone::UTC).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].message.contains("date"));
        assert_eq!(errors[1].line, Some(4));
        assert!(errors[1].message.contains("http"));
    }

    #[test]
    fn yaml_type_errors_point_into_the_file() {
        let yaml = "title: T\ndate: 2025-06-12\nsource: KBS\npeople: Kim\n";
        let errors = parse(&path(), yaml, &TimeZone::UTC).unwrap_err();
        assert_eq!(errors[0].line, Some(5));
        assert!(
            errors[0].message.contains("people"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn missing_required_fields_are_named() {
        let errors = parse(&path(), "tags: [a]\n", &TimeZone::UTC).unwrap_err();
        let text: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errors.len(), 3, "{text:?}");
    }

    #[test]
    fn source_may_be_a_name_or_a_map() {
        let fm = parse(
            &path(),
            "title: T\ndate: 2025-06-12\nsource: KBS\n",
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(
            fm.source,
            Source {
                name: "KBS".into(),
                url: None
            }
        );
        let fm = parse(
            &path(),
            "title: T\ndate: 2025-06-12\nsource: {name: KBS, url: \"https://kbs.co.kr/\"}\npeople: [Kim, \" Kim \"]\n",
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(fm.source.url.as_deref(), Some("https://kbs.co.kr/"));
        assert_eq!(fm.people, vec!["Kim".to_string()]);
    }
}
