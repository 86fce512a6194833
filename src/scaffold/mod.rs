//! New sites and new briefings. `briefgen init` writes a site that builds as it is and
//! deploys itself to GitHub Pages; `briefgen new` and `briefgen import` write a briefing with
//! complete front matter where it belongs (`content/YYYY/YYYY-MM-DD-slug.md`). Nothing here
//! ever replaces a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::error::BuildError;
use crate::source::config::{CONFIG_FILE, SiteConfig};

/// The GitHub Pages workflow a new site gets, and where.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

const SITE_TOML: &str = include_str!("site.toml");
const GITIGNORE: &str = include_str!("gitignore");
const PAGES_WORKFLOW: &str = include_str!("pages.yml");
const EXAMPLE_BRIEFING: &str = include_str!("example.md");

/// The workflow that builds a site with this version of briefgen and deploys it to Pages.
pub fn pages_workflow() -> String {
    PAGES_WORKFLOW
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{repository}", env!("CARGO_PKG_REPOSITORY"))
}

/// Writes a new site into `dir` (created if missing): `site.toml`, an example briefing dated
/// `today`, `.gitignore` and the Pages workflow. Refuses, writing nothing, when any of these
/// files exists. Returns the files written, relative to `dir`.
pub fn init_site(dir: &Path, today: &ZonedDateTime) -> Result<Vec<PathBuf>, BuildError> {
    let example = format!(
        "content/{}/{}-welcome.md",
        today.strftime("%Y"),
        today.strftime("%Y-%m-%d")
    );
    let files: Vec<(PathBuf, String)> = vec![
        (PathBuf::from(CONFIG_FILE), SITE_TOML.to_string()),
        (
            PathBuf::from(example),
            EXAMPLE_BRIEFING.replace("{date}", &crate::source::dates::rfc3339(today)),
        ),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from(WORKFLOW_PATH), pages_workflow()),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(BuildError::usage(
            dir.display().to_string(),
            format!(
                "{} already has {}; briefgen init writes nothing over existing files (nothing was written)",
                dir.display(),
                existing.join(", ")
            ),
        ));
    }
    for (path, text) in &files {
        write_new_file(&dir.join(path), text)?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// A briefing to write: what `briefgen new` is told, or what `briefgen import` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftBriefing {
    /// The title.
    pub title: String,
    /// When it happened; `None` for now.
    pub date: Option<ZonedDateTime>,
    /// Why the date is now and not the article's, written as a YAML comment on the `date:`
    /// line so that the curator sees it (`import` found no date in the clipping).
    pub date_note: Option<String>,
    /// The source's name.
    pub source: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// People, as written.
    pub people: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// A one-line summary.
    pub summary: Option<String>,
    /// Whether it waits for the curator (`draft: true`).
    pub draft: bool,
    /// The Markdown body.
    pub body: String,
    /// The stories it joins, by slug (`--story`).
    pub stories: Vec<String>,
    /// Its language, when it is not the site's (`language: ko`).
    pub language: Option<String>,
}

/// The longest slug a new briefing's file name takes from its title.
pub const MAX_FILE_SLUG: usize = 80;

/// What a source with no name is called until the curator names it.
pub const UNNAMED_SOURCE: &str = "Unknown source";

impl DraftBriefing {
    /// The briefing's date: its own, or now in `zone`, to the second.
    pub fn date_or_now(&self, zone: &TimeZone) -> ZonedDateTime {
        self.date.clone().unwrap_or_else(|| {
            let now = jiff::Timestamp::now();
            let seconds = jiff::Timestamp::from_second(now.as_second()).unwrap_or(now);
            seconds.to_zoned_datetime(zone.clone())
        })
    }

    /// Where it goes under the site: `content/2025/2025-06-12-the-title.md`, the title's slug
    /// cut at a word to at most [`MAX_FILE_SLUG`] characters (file names have a limit).
    pub fn content_path(&self, date: &ZonedDateTime) -> PathBuf {
        let mut slug = crate::source::slug::slugify(&self.title);
        if slug.len() > MAX_FILE_SLUG {
            let cut = slug[..=MAX_FILE_SLUG].rfind('-').unwrap_or(MAX_FILE_SLUG);
            slug.truncate(cut);
        }
        let slug = if slug.is_empty() {
            "briefing".to_string()
        } else {
            slug
        };
        PathBuf::from(crate::source::files::CONTENT_DIR)
            .join(date.strftime("%Y").to_string())
            .join(format!("{}-{slug}.md", date.strftime("%Y-%m-%d")))
    }

    /// The file's text: front matter with every field, then the body.
    pub fn to_text(&self, date: &ZonedDateTime) -> String {
        let mut text = String::from("---\n");
        let mut field = |key: &str, value: String| text.push_str(&format!("{key}: {value}\n"));
        field("title", quoted(&self.title));
        let date_line = crate::source::dates::rfc3339(date);
        field(
            "date",
            match &self.date_note {
                Some(note) => format!("{date_line}  # {}", note.replace(['\n', '\r'], " ")),
                None => date_line,
            },
        );
        let name = quoted(self.source.as_deref().unwrap_or(UNNAMED_SOURCE));
        field(
            "source",
            match &self.url {
                Some(url) => format!("{{ name: {name}, url: {} }}", quoted(url)),
                None => name,
            },
        );
        field("people", list(&self.people));
        field("tags", list(&self.tags));
        if let Some(summary) = &self.summary {
            field("summary", quoted(summary));
        }
        match self.stories.as_slice() {
            [] => {}
            [one] => field("story", quoted(one)),
            many => field("stories", list(many)),
        }
        if let Some(language) = &self.language {
            field("language", quoted(language));
        }
        field("draft", self.draft.to_string());
        text.push_str("---\n\n");
        text.push_str(self.body.trim());
        text.push('\n');
        text
    }

    /// Writes it into the site at `root` (whose settings are `config`), dated now in the
    /// site's time zone when it has no date. Never replaces a file. Returns the path written,
    /// relative to `root`.
    pub fn write_into(&self, root: &Path, config: &SiteConfig) -> Result<PathBuf, BuildError> {
        check_stories(root, &self.stories)?;
        let date = self.date_or_now(&config.timezone);
        let path = self.content_path(&date);
        let text = self.to_text(&date);
        check_builds(&text, config)?;
        write_new_file(&root.join(&path), &text)?;
        Ok(path)
    }
}

/// Refuses a `--story` that names no story of the site, with the nearest one.
fn check_stories(root: &Path, stories: &[String]) -> Result<(), BuildError> {
    if stories.is_empty() {
        return Ok(());
    }
    let known: Vec<String> = crate::source::stories::load(root)
        .unwrap_or_default()
        .into_iter()
        .map(|f| f.name)
        .collect();
    for slug in stories {
        if known.contains(slug) {
            continue;
        }
        let near = crate::source::stories::nearest(slug, known.iter().map(String::as_str))
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(BuildError::usage(
            "--story",
            format!(
                "--story {slug}: there is no {}{near}; nothing was written. `briefgen story new \"…\"` makes a story",
                crate::source::stories::file_of(slug)
            ),
        ));
    }
    Ok(())
}

/// Writes a new story, `stories/<slug>.md`, its slug made from the title; never replaces a
/// file. Returns the path written, relative to `root`.
pub fn new_story(root: &Path, title: &str, summary: Option<&str>) -> Result<PathBuf, BuildError> {
    let title = title.trim();
    let slug = crate::source::slug::slugify(title);
    if slug.is_empty() {
        return Err(BuildError::usage(
            "TITLE",
            "the title needs a letter or digit to make the story's slug from",
        ));
    }
    let path = Path::new(crate::source::layout::STORIES_DIR).join(format!("{slug}.md"));
    let mut text = format!("---\ntitle: {}\n", quoted(title));
    if let Some(summary) = summary.map(str::trim).filter(|s| !s.is_empty()) {
        text.push_str(&format!("summary: {}\n", quoted(summary)));
    }
    text.push_str("status: developing\npeople: []\ntags: []\n---\n\nThe story so far, in a paragraph or two.\n");
    write_new_file(&root.join(&path), &text)?;
    Ok(path)
}

/// Refuses a new briefing that the build would refuse (a `javascript:` address, a person
/// with no letter or digit), with the build's own words: `new` and `import` write nothing
/// that `build` then stops on.
fn check_builds(text: &str, config: &SiteConfig) -> Result<(), BuildError> {
    let file = Path::new("the new briefing");
    let problems = crate::source::frontmatter::split(file, text)
        .map_err(|e| vec![e])
        .and_then(|split| crate::source::frontmatter::parse(file, split.yaml, &config.timezone))
        .err()
        .unwrap_or_default();
    if problems.is_empty() {
        return Ok(());
    }
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    Err(BuildError::usage(
        "the new briefing",
        format!(
            "nothing was written, as the briefing would not build: {}",
            messages.join("; ")
        ),
    ))
}

/// Splits a comma-separated list (`"Kim Jong-un, Donald Trump"`), dropping empty items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A YAML double-quoted string: JSON's quoting (valid YAML), with the characters YAML may not
/// hold as they are (DEL, the C1 controls, U+FFFE and U+FFFF) or reads as a line break (NEL)
/// escaped too.
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        // NEL (U+0085) is printable in YAML, but a line break in a quoted string.
        let printable = !matches!(c, '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}');
        if printable {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        }
    }
    out
}

/// A YAML flow list of quoted strings.
fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Creates `path` (and its folders) with `text`, failing if it exists.
fn write_new_file(path: &Path, text: &str) -> Result<(), BuildError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| BuildError::io(format!("creating {}", parent.display()), e))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(BuildError::usage(
                path.display().to_string(),
                format!(
                    "{} already exists; briefgen never replaces a file: choose another title or date, or move that file",
                    path.display()
                ),
            ));
        }
        Err(e) => return Err(BuildError::io(format!("creating {}", path.display()), e)),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| BuildError::io(format!("writing {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> ZonedDateTime {
        crate::source::dates::parse_date(text, &TimeZone::UTC).unwrap()
    }

    #[test]
    fn front_matter_is_complete_and_parses_back() {
        let draft = DraftBriefing {
            title: "Trump \"Receptive\" to Kim: a test".into(),
            source: Some("KBS World".into()),
            url: Some("https://world.kbs.co.kr/x?id=1".into()),
            people: vec!["Donald Trump".into(), "Kim Jong-un".into()],
            tags: split_list("diplomacy, , North Korea"),
            summary: Some("One line.".into()),
            draft: true,
            body: "Body text.\n".into(),
            ..Default::default()
        };
        let when = date("2025-06-12T15:18:48+09:00");
        assert_eq!(
            draft.content_path(&when),
            Path::new("content/2025/2025-06-12-trump-receptive-to-kim-a-test.md")
        );
        let text = draft.to_text(&when);
        let config = SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config;
        let parsed = crate::content::briefing::parse_one("2025/x.md", &text, &config).unwrap();
        assert_eq!(parsed.title, draft.title);
        assert_eq!(
            crate::source::dates::rfc3339(&parsed.date),
            "2025-06-12T15:18:48+09:00"
        );
        assert_eq!(parsed.source.name, "KBS World");
        assert_eq!(
            parsed.source.url.as_deref(),
            Some("https://world.kbs.co.kr/x?id=1")
        );
        assert_eq!(parsed.people, draft.people);
        assert_eq!(parsed.tags, vec!["diplomacy", "North Korea"]);
        assert!(parsed.draft);
        assert_eq!(parsed.summary, "One line.");
    }

    #[test]
    fn every_character_survives_the_front_matter() {
        // Found by fuzzing import: a C1 control character in a title made YAML refuse it.
        let title: String = (1..=0x10FFu32)
            .chain([0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600])
            .filter_map(char::from_u32)
            .collect::<String>()
            + " end";
        let draft = DraftBriefing {
            title: title.clone(),
            source: Some("Wire\u{85}\u{9f}".into()),
            ..Default::default()
        };
        let text = draft.to_text(&date("2025-06-12"));
        let yaml = crate::source::frontmatter::split(Path::new("x.md"), &text)
            .unwrap()
            .yaml;
        let value: crate::source::yaml::Value = crate::source::yaml::from_str(yaml).unwrap();
        let back = value["title"].as_str().unwrap_or_default();
        let differ = back.chars().zip(title.chars()).find(|(a, b)| a != b);
        assert!(back == title, "first difference: {differ:?}");
    }

    #[test]
    fn a_long_title_gives_a_file_name_cut_at_a_word() {
        let draft = DraftBriefing {
            title: "Talks resume ".repeat(500),
            ..Default::default()
        };
        let path = draft.content_path(&date("2025-06-12"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.len() <= 11 + MAX_FILE_SLUG + 3, "{name}");
        assert!(name.starts_with("2025-06-12-talks-resume-talks"), "{name}");
        assert!(
            name.ends_with("resume.md") || name.ends_with("talks.md"),
            "{name}"
        );
    }

    #[test]
    fn what_the_build_would_refuse_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let config = SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config;
        for draft in [
            DraftBriefing {
                title: "T".into(),
                url: Some("javascript:alert(1)".into()),
                ..Default::default()
            },
            DraftBriefing {
                title: "T".into(),
                people: vec!["Kim".into(), "---".into()],
                ..Default::default()
            },
        ] {
            let error = draft.write_into(dir.path(), &config).unwrap_err();
            assert!(matches!(error, BuildError::Usage { .. }), "{error}");
            assert!(error.to_string().contains("would not build"), "{error}");
        }
        assert!(!dir.path().join("content").exists());
    }

    #[test]
    fn the_workflow_names_this_version() {
        let workflow = pages_workflow();
        assert!(workflow.contains(&format!(
            "BRIEFGEN_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(!workflow.contains("{version}") && !workflow.contains("{repository}"));
    }
}
