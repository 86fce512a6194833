//! The parse stage for a briefing's head: splits the YAML front matter from the Markdown body
//! and turns it into checked fields. Each field is checked on its own, so one file reports
//! every problem it has, each placed at its line and column in the file.

use std::cell::OnceCell;
use std::path::Path;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::error::Diagnostic;
use crate::source::yaml;

/// Front matter larger than this is refused before it is parsed.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The keys front matter may have; anything else belongs under `extra`.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "source",
    "people",
    "tags",
    "summary",
    "slug",
    "draft",
    "story",
    "stories",
    "language",
    "translation_of",
    "extra",
];

/// Where a briefing's news came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// The stories it belongs to (`story:` and `stories:`), by slug, each once.
    pub stories: Vec<String>,
    /// The line the first of `story:` or `stories:` is set on, for errors about them.
    pub stories_line: usize,
    /// Its language (a BCP 47 tag), when it says.
    pub language: Option<String>,
    /// The briefing it translates, by its path under `content/` (`2025/x.md`).
    pub translation_of: Option<String>,
    /// The line `translation_of` is set on, for errors about it.
    pub translation_line: usize,
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

/// Splits `text` (BOM and CRLF already removed) at its front matter fences.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    split_as(file, text, "a briefing", "title, date, source")
}

/// Splits the text of a file that is `what` (`a briefing`, `a story`), whose front matter
/// holds `keys` (`title, date, source`), as messages say it.
pub fn split_as<'a>(
    file: &Path,
    text: &'a str,
    what: &str,
    keys: &str,
) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        let message = if text.trim().is_empty() {
            format!("the file is empty: {what} starts with front matter between `---` lines")
        } else {
            format!(
                "no front matter: {what} starts with a line `---`, then YAML ({keys}), then another `---`"
            )
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

/// Checks the fields of one front matter block, collecting every problem: a briefing's here,
/// a story's in [`crate::source::stories`].
pub(crate) struct FieldChecker<'a> {
    file: &'a Path,
    yaml: &'a str,
    /// The line each top-level key is first set on, read once when a place is first asked
    /// for ([`key_lines`]).
    key_lines: OnceCell<Vec<(&'a str, usize)>>,
    /// Every problem found so far.
    pub(crate) errors: Vec<Diagnostic>,
}

impl<'a> FieldChecker<'a> {
    /// A checker of the YAML `yaml` of `file`'s front matter.
    pub(crate) fn new(file: &'a Path, yaml: &'a str) -> FieldChecker<'a> {
        FieldChecker {
            file,
            yaml,
            key_lines: OnceCell::new(),
            errors: Vec::new(),
        }
    }

    /// Records a problem with a key's value, pointing at the value (or at the opening `---`
    /// when the key is not there).
    pub(crate) fn error(&mut self, key: &str, message: String) {
        let diagnostic = self.at(key, message, false);
        self.errors.push(diagnostic);
    }

    /// A problem at `key`'s line: at its value, or at the key itself, underlined (`at_key`);
    /// at the opening `---` when the key is not there.
    pub(crate) fn at(&self, key: &str, message: String, at_key: bool) -> Diagnostic {
        match self.place(key) {
            // The YAML starts on line 2 of the file, after the opening `---`.
            Some(place) if at_key => {
                Diagnostic::at(self.file, place.line + 1, 1, message).with_width(place.key_width)
            }
            Some(place) => Diagnostic::at(self.file, place.line + 1, place.value_column, message),
            None => Diagnostic::at_line(self.file, 1, message),
        }
    }

    /// A field that must be text (numbers and booleans are taken as written).
    pub(crate) fn text(&mut self, key: &str, value: Option<&yaml::Value>) -> Option<String> {
        let value = value?;
        match scalar_text(value) {
            Some(text) => Some(text),
            None if value.is_null() => None,
            None => {
                self.error(
                    key,
                    format!(
                        "{key} must be text, e.g. {key}: \"…\" (it is {})",
                        kind(value)
                    ),
                );
                None
            }
        }
    }

    /// A field that must be present and be text.
    pub(crate) fn required_text(
        &mut self,
        key: &str,
        value: Option<&yaml::Value>,
        example: &str,
    ) -> Option<String> {
        let text = self.text(key, value);
        let present = value.is_some_and(|v| !v.is_null());
        match text {
            Some(text) if !crate::chars::is_blank(&text) => Some(text),
            Some(text) if !text.is_empty() => {
                self.error(
                    key,
                    format!("{key} shows nothing: it is only spaces and invisible characters (zero-width or no-break spaces, say); write e.g. {key}: {example}"),
                );
                None
            }
            _ if present && text.is_none() => None,
            _ => {
                self.errors.push(Diagnostic::at_line(
                    self.file,
                    1,
                    format!("front matter has no `{key}`; it is required, e.g. {key}: {example}"),
                ));
                None
            }
        }
    }

    fn date(&mut self, key: &str, text: Option<String>, zone: &TimeZone) -> Option<ZonedDateTime> {
        let text = text?;
        match crate::source::dates::parse_date(&text, zone) {
            Ok(date) => Some(date),
            Err(message) => {
                self.error(key, format!("{key}: {message}"));
                None
            }
        }
    }

    fn source(&mut self, value: Option<&yaml::Value>) -> Option<Source> {
        const EXAMPLE: &str = "source: KBS World Radio News, or source: { name: \"KBS World Radio News\", url: \"https://world.kbs.co.kr/\" }";
        let Some(value) = value.filter(|v| !v.is_null()) else {
            self.errors.push(Diagnostic::at_line(
                self.file,
                1,
                format!("front matter has no `source`; it is required, e.g. {EXAMPLE}"),
            ));
            return None;
        };
        if let Some(name) = scalar_text(value) {
            return self
                .source_name(name)
                .map(|name| Source { name, url: None });
        }
        let Some(map) = value.as_mapping() else {
            self.error(
                "source",
                format!("source must be a name or a map with a name and a url, e.g. {EXAMPLE}"),
            );
            return None;
        };
        let mut name = None;
        let mut url = None;
        for (key, field) in map {
            match (key.as_str(), scalar_text(field)) {
                (Some("name"), Some(text)) => name = Some(text),
                (Some("url"), Some(text)) => url = Some(text),
                (Some("url"), None) if field.is_null() => {}
                (Some(key @ ("name" | "url")), None) => {
                    self.error(
                        "source",
                        format!("source: {key} must be text (it is {})", kind(field)),
                    );
                    return None;
                }
                (other, _) => {
                    let key = other.map_or_else(|| format!("{key:?}"), str::to_string);
                    self.error(
                        "source",
                        format!("source: unknown key `{key}`; a source has a name and a url"),
                    );
                    return None;
                }
            }
        }
        let Some(name) = name else {
            self.error("source", format!("source has no name, e.g. {EXAMPLE}"));
            return None;
        };
        let name = self.source_name(name)?;
        if let Some(url) = &url
            && !is_web_url(url)
        {
            self.error(
                "source",
                format!("source: url `{url}` is not an http or https address"),
            );
            return None;
        }
        Some(Source { name, url })
    }

    fn source_name(&mut self, name: String) -> Option<String> {
        if !crate::source::slug::names_a_page(&name) {
            self.error(
                "source",
                "source: the name needs a letter or digit".to_string(),
            );
            return None;
        }
        Some(name.trim().to_string())
    }

    /// A list of names (`people`, `tags`).
    pub(crate) fn names(&mut self, key: &str, value: Option<&yaml::Value>) -> Vec<String> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return Vec::new();
        };
        let Some(items) = value.as_sequence() else {
            let hint = if scalar_text(value).is_some() {
                " of names"
            } else {
                ""
            };
            self.error(
                key,
                format!("{key} must be a list{hint}, e.g. {key}: [\"Kim Jong-un\", \"Moon Jae-in\"] (it is {})", kind(value)),
            );
            return Vec::new();
        };
        let mut names = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match scalar_text(item) {
                Some(name) if crate::source::slug::names_a_page(&name) => names.push(name),
                Some(name) => self.error(
                    key,
                    format!("{key}: entry {} (`{name}`) needs a letter or digit to make a page address from", index + 1),
                ),
                None => self.error(
                    key,
                    format!("{key}: entry {} must be a name written as text (it is {})", index + 1, kind(item)),
                ),
            }
        }
        dedupe(names)
    }

    fn draft(&mut self, value: Option<&yaml::Value>) -> bool {
        match value {
            None => false,
            Some(v) if v.is_null() => false,
            Some(v) => v.as_bool().unwrap_or_else(|| {
                self.error(
                    "draft",
                    format!("draft must be true or false (it is {})", kind(v)),
                );
                false
            }),
        }
    }

    /// The stories a briefing names, by slug: `story: <slug>` and `stories: [<slug>, …]`, each
    /// story once.
    fn stories(
        &mut self,
        story: Option<&yaml::Value>,
        stories: Option<&yaml::Value>,
    ) -> Vec<String> {
        let mut named: Vec<(&str, String)> = Vec::new();
        if let Some(one) = self.text("story", story) {
            named.push(("story", one));
        }
        for name in self.names_as_written("stories", stories) {
            named.push(("stories", name));
        }
        let mut slugs: Vec<String> = Vec::new();
        for (key, name) in named {
            let slug = crate::source::slug::slugify(&name);
            if slug.is_empty() {
                self.error(
                    key,
                    format!("{key}: `{name}` needs a letter or digit to name a story"),
                );
            } else if slugs.contains(&slug) {
                self.error(
                    key,
                    format!("{key}: the story `{slug}` is named twice; name each story once"),
                );
            } else {
                slugs.push(slug);
            }
        }
        slugs
    }

    /// A list of names as written, every entry kept (repeats too).
    fn names_as_written(&mut self, key: &str, value: Option<&yaml::Value>) -> Vec<String> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return Vec::new();
        };
        if let Some(one) = scalar_text(value) {
            return vec![one];
        }
        let Some(items) = value.as_sequence() else {
            self.error(
                key,
                format!(
                    "{key} must be a list of story slugs, e.g. {key}: [hanoi-summit] (it is {})",
                    kind(value)
                ),
            );
            return Vec::new();
        };
        let mut names = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match scalar_text(item) {
                Some(name) => names.push(name.trim().to_string()),
                None => self.error(
                    key,
                    format!(
                        "{key}: entry {} must be a story's slug written as text (it is {})",
                        index + 1,
                        kind(item)
                    ),
                ),
            }
        }
        names
    }

    /// The line a top-level key is set on (1 when it is not there).
    pub(crate) fn line_of(&self, key: &str) -> Option<usize> {
        self.place(key).map(|place| place.line + 1)
    }

    /// Where a top-level `key:` is set: its line found among the keys read once, so that the
    /// lines every briefing keeps for later errors (its slug's, its stories') cost a lookup,
    /// not a pass over its front matter each.
    fn place(&self, key: &str) -> Option<KeyPlace> {
        let lines = self.key_lines.get_or_init(|| key_lines(self.yaml));
        let &(_, index) = lines.iter().find(|(name, _)| *name == key)?;
        let line = self.yaml.lines().nth(index)?;
        let (_, after_name, value) = key_line(line)?;
        let chars = line.chars().count();
        Some(KeyPlace {
            line: index + 1,
            key_width: chars - after_name.chars().count(),
            value_column: chars - value.chars().count() + 1,
        })
    }

    /// Reports every key that is not among `known`, with the nearest known one; `own` says
    /// where values of the author's own go.
    pub(crate) fn unknown_keys_of(&mut self, map: &yaml::Mapping, known: &[&str], own: &str) {
        for key in map.keys() {
            let name = key
                .as_str()
                .map_or_else(|| format!("{key:?}"), str::to_string);
            if known.contains(&name.as_str()) {
                continue;
            }
            let hint = match crate::source::config::nearest(&name, known) {
                Some(near) => format!("did you mean `{near}`? ({own})"),
                None => own.to_string(),
            };
            let message = format!("unknown front matter key `{name}`");
            let diagnostic = self.at(&name, message, true).with_hint(hint);
            self.errors.push(diagnostic);
        }
    }

    fn unknown_keys(&mut self, map: &yaml::Mapping) {
        self.unknown_keys_of(map, KNOWN_KEYS, "values of your own go under `extra:`");
    }
}

/// Parses front matter's YAML, which must be a map: `empty` says what to set when it is empty,
/// `example` shows keys and values. Lines in errors are file lines.
pub(crate) fn mapping(
    file: &Path,
    yaml_text: &str,
    empty: &str,
    example: &str,
) -> Result<yaml::Mapping, Vec<Diagnostic>> {
    if yaml_text.trim().is_empty() {
        return Err(vec![Diagnostic::at_line(
            file,
            1,
            format!("front matter is empty: {empty}"),
        )]);
    }
    // The YAML starts on line 2 of the file, after the opening `---`.
    let document =
        yaml::value(yaml_text).map_err(|e| vec![e.diagnostic(file, 2, "front matter")])?;
    match document {
        yaml::Value::Mapping(map) => Ok(map),
        other => Err(vec![Diagnostic::at_line(
            file,
            2,
            format!(
                "front matter must be keys and values ({example}), not {}",
                kind(&other)
            ),
        )]),
    }
}

/// Parses and checks the YAML of a briefing's front matter. Lines in errors are file lines.
pub fn parse(
    file: &Path,
    yaml_text: &str,
    zone: &TimeZone,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let map = &mapping(
        file,
        yaml_text,
        "set at least title, date and source",
        "title: …, date: …",
    )?;

    let mut check = FieldChecker::new(file, yaml_text);
    let field = |key: &str| map.get(key);
    check.unknown_keys(map);
    let title = check.required_text(
        "title",
        field("title"),
        "\"White House: Trump remains receptive to talks\"",
    );
    let date_text = check.required_text("date", field("date"), "2025-06-12T15:18:48+09:00");
    let date = check.date("date", date_text, zone);
    let updated_text = check.text("updated", field("updated"));
    let updated = check.date("updated", updated_text, zone);
    let source = check.source(field("source"));
    let people = check.names("people", field("people"));
    let tags = check.names("tags", field("tags"));
    let summary = check
        .text("summary", field("summary"))
        .filter(|s| !s.trim().is_empty());
    let slug = check.text("slug", field("slug"));
    let draft = check.draft(field("draft"));
    let extra = field("extra").cloned();
    let slug_line = check.line_of("slug").unwrap_or(1);
    let stories = check.stories(field("story"), field("stories"));
    let stories_line = [check.line_of("story"), check.line_of("stories")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(1);
    let language = check
        .text("language", field("language"))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    if let Some(tag) = &language
        && !crate::source::language::is_tag(tag)
    {
        check.error(
            "language",
            format!("language `{tag}` is not a BCP 47 language tag: write one such as `ko`, `en` or `en-GB`"),
        );
    }
    let translation_of = check
        .text("translation_of", field("translation_of"))
        .map(|p| {
            let p = p.trim();
            p.strip_prefix("@/").unwrap_or(p).to_string()
        })
        .filter(|p| !p.is_empty());
    let translation_line = check.line_of("translation_of").unwrap_or(1);

    match (title, date, source) {
        (Some(title), Some(date), Some(source)) if check.errors.is_empty() => Ok(FrontMatter {
            title,
            date,
            updated,
            source,
            people,
            tags,
            summary,
            slug,
            draft,
            extra,
            slug_line,
            stories,
            stories_line,
            language,
            translation_of,
            translation_line,
        }),
        _ => Err(check.errors),
    }
}

/// The text of a scalar: strings as they are, numbers and booleans as written.
pub(crate) fn scalar_text(value: &yaml::Value) -> Option<String> {
    match value {
        yaml::Value::String(s) => Some(s.clone()),
        yaml::Value::Number(n) => Some(n.to_string()),
        yaml::Value::Bool(b) => Some(b.to_string()),
        yaml::Value::Tagged(tagged) => scalar_text(&tagged.value),
        _ => None,
    }
}

/// What kind of YAML value this is, in words.
pub(crate) fn kind(value: &yaml::Value) -> &'static str {
    match value {
        yaml::Value::Null => "empty",
        yaml::Value::Bool(_) => "true or false",
        yaml::Value::Number(_) => "a number",
        yaml::Value::String(_) => "text",
        yaml::Value::Sequence(_) => "a list",
        yaml::Value::Mapping(_) => "a map",
        yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// Whether `url` is an absolute http or https address.
pub fn is_web_url(url: &str) -> bool {
    web_url(url).is_some()
}

/// `url` parsed, if it is an absolute http or https address with a host.
pub fn web_url(url: &str) -> Option<url::Url> {
    url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// Trims names and drops repeats (by slug), keeping the first spelling's order.
fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| seen.insert(crate::source::slug::slugify(n)))
        .collect()
}

/// Where a top-level key is written in the YAML: its line (1-based, in the YAML), how many
/// characters its name takes (quotes included), and the column its value starts at.
struct KeyPlace {
    line: usize,
    key_width: usize,
    value_column: usize,
}

/// A line that sets a top-level key — its name, bare or in double quotes, then `:` — read
/// into the name, the rest of the line after the name (the closing quote left out), and the
/// value after `:`. The one reading of such a line, for finding keys and placing errors.
fn key_line(line: &str) -> Option<(&str, &str, &str)> {
    let (name, after_name) = match line.strip_prefix('"') {
        Some(quoted) => quoted.split_once('"')?,
        None => {
            // A byte loop: a line is short, and this runs for every line of every briefing.
            let colon = line.bytes().position(|b| b == b':')?;
            let name = line[..colon].trim_end();
            (name, &line[name.len()..])
        }
    };
    if name.is_empty() || name.starts_with(char::is_whitespace) {
        return None;
    }
    let value = after_name.trim_start().strip_prefix(':')?.trim_start();
    Some((name, after_name, value))
}

/// The top-level keys of `yaml` with the (0-based) line each is first set on.
fn key_lines(yaml: &str) -> Vec<(&str, usize)> {
    let mut keys: Vec<(&str, usize)> = Vec::new();
    for (index, line) in yaml.lines().enumerate() {
        if let Some((name, _, _)) = key_line(line)
            && !keys.iter().any(|(seen, _)| *seen == name)
        {
            keys.push((name, index));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn path() -> PathBuf {
        PathBuf::from("content/a.md")
    }

    #[test]
    fn a_key_is_placed_where_it_is_first_set_at_the_top_level() {
        let yaml =
            "title: A\nextra:\n  slug: nested\n\"slug\" x\n\"slug\" : one\nslug: two\ntags_x: 1\n";
        let check = FieldChecker::new(Path::new("content/a.md"), yaml);
        let place = check.place("slug").unwrap();
        // Not the quoted name without its `:`, but the next.
        assert_eq!(
            (place.line, place.key_width, place.value_column),
            (5, 6, 10)
        );
        let title = check.place("title").unwrap();
        assert_eq!((title.line, title.key_width, title.value_column), (1, 5, 8));
        assert_eq!(check.line_of("title"), Some(2));
        assert_eq!(check.line_of("extra"), Some(3));
        // Neither a nested key nor a longer key that begins with the name.
        assert_eq!(check.line_of("tags"), None);
        assert_eq!(check.line_of("missing"), None);
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
    fn one_file_reports_every_problem_it_has() {
        let yaml = "title: [a]\ndate: 2025-13-45\nsource: {name: KBS, url: \"ftp://x\"}\npeople: Kim\ntags: [ok, {a: b}]\ndraft: maybe\npeopel: [x]\n";
        let errors = parse(&path(), yaml, &TimeZone::UTC).unwrap_err();
        let places: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        let text: Vec<_> = errors.iter().map(Diagnostic::text).collect();
        assert_eq!(errors.len(), 7, "{text:#?}");
        assert!(places.contains(&(Some(2), Some(8))), "title: {places:?}");
        assert!(places.contains(&(Some(3), Some(7))), "date: {places:?}");
        assert!(
            text.iter().any(|m| m.contains("did you mean `people`?")),
            "{text:#?}"
        );
        assert!(
            text.iter().any(|m| m.contains("tags: entry 2")),
            "{text:#?}"
        );
        assert!(
            text.iter()
                .any(|m| m.contains("draft must be true or false")),
            "{text:#?}"
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
