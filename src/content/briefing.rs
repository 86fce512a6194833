//! A briefing of the model, and how one is made from the parse stage's results: the head
//! (front matter and slug) and the rendered body of one file, with the names the site shows.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;

use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::files::BriefingFile;
use crate::source::frontmatter::Source;
use crate::source::markdown::RenderedBody;
use crate::source::parse::{self, Head, LinkTargets};
use crate::source::yaml;
use crate::spill::BodyText;

/// The longest summary, in characters: about two sentences, as search engines show a page's
/// description and feed readers an entry's.
pub const MAX_SUMMARY_CHARS: usize = 300;

/// One briefing, parsed and rendered to HTML.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The path under `content/` (`2025/2025-06-12-trump-kim.md`).
    pub content_path: String,
    /// The last segment of its URL.
    pub slug: String,
    /// The title.
    pub title: String,
    /// When it happened, in the offset it was written with.
    pub date: ZonedDateTime,
    /// When it was last revised.
    pub updated: Option<ZonedDateTime>,
    /// Where the news came from.
    pub source: Source,
    /// People, as written.
    pub people: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// The summary: from front matter, else the first paragraph; cut at a word to at most
    /// [`MAX_SUMMARY_CHARS`], since every page, feed entry and search result that shows it
    /// carries it whole (a page four times: description, Open Graph, Twitter, JSON-LD).
    pub summary: String,
    /// Whether it is a draft (only present when drafts are built).
    pub draft: bool,
    /// Free-form values for templates.
    pub extra: Option<yaml::Value>,
    /// The body as HTML.
    pub html: BodyText,
    /// Words in the body.
    pub word_count: usize,
    /// Whether the body has highlighted code.
    pub has_code: bool,
    /// The body's distinct words as search cuts them, one per line, in the order first met.
    pub words: BodyText,
    /// The slugs of its people, tags and source, made once.
    pub slugs: TermSlugs,
    /// The stories it belongs to, by slug, as written.
    pub stories: Vec<String>,
    /// The line its stories are named on, for errors about them.
    pub stories_line: usize,
    /// Its language: a BCP 47 tag, from its front matter or the site's.
    pub language: String,
    /// The briefing it is a translation of, by path under `content/`.
    pub translation_of: Option<String>,
    /// The line `translation_of` is on, for errors about it.
    pub translation_line: usize,
}

/// The slugs of a briefing's terms, in the order of the names they are made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TermSlugs {
    /// One per person.
    pub people: Vec<String>,
    /// One per tag.
    pub tags: Vec<String>,
    /// The source's.
    pub source: String,
}

impl TermSlugs {
    /// The slugs of these names.
    pub fn of(people: &[String], tags: &[String], source: &str) -> TermSlugs {
        let slugs = |names: &[String]| {
            names
                .iter()
                .map(|n| crate::source::slug::slugify(n))
                .collect()
        };
        TermSlugs {
            people: slugs(people),
            tags: slugs(tags),
            source: crate::source::slug::slugify(source),
        }
    }
}

impl Briefing {
    /// A briefing for unit tests: `slug`, dated `date` (UTC unless it says), from "KBS", with
    /// these people and tags, no body.
    #[cfg(test)]
    pub(crate) fn for_tests(
        slug: &str,
        date: &str,
        people: &[&str],
        tags: &[&str],
    ) -> std::sync::Arc<Briefing> {
        let people: Vec<String> = people.iter().map(|p| p.to_string()).collect();
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        std::sync::Arc::new(Briefing {
            slugs: TermSlugs::of(&people, &tags, "KBS"),
            file: PathBuf::from(format!("content/{slug}.md")),
            content_path: format!("{slug}.md"),
            slug: slug.to_string(),
            title: slug.to_uppercase(),
            date: crate::source::dates::parse_date(date, &jiff::tz::TimeZone::UTC).unwrap(),
            updated: None,
            source: Source {
                name: "KBS".into(),
                url: None,
            },
            people,
            tags,
            summary: String::new(),
            draft: false,
            extra: None,
            html: BodyText::default(),
            word_count: 0,
            has_code: false,
            words: BodyText::default(),
            stories: Vec::new(),
            stories_line: 1,
            language: "en".to_string(),
            translation_of: None,
            translation_line: 1,
        })
    }

    /// The site path of its page (`briefings/trump-kim/`).
    pub fn path(&self) -> String {
        crate::content::urls::briefing(&self.slug)
    }

    /// Makes the briefing of a file from its head and its rendered body.
    pub fn of(h: &Head, body: RenderedBody, config: &SiteConfig) -> Briefing {
        let front = &h.front;
        // Aliases become the names the site shows (`data/people.yaml`).
        let people = config.people.canonical(&front.people);
        Briefing {
            file: h.file.file.clone(),
            content_path: h.file.content_path.clone(),
            slug: h.slug.clone(),
            title: front.title.clone(),
            date: front.date.clone(),
            updated: front.updated.clone(),
            source: front.source.clone(),
            slugs: TermSlugs::of(&people, &front.tags, &front.source.name),
            people,
            tags: front.tags.clone(),
            summary: crate::chars::cut_at_word(
                front.summary.as_deref().unwrap_or(&body.first_paragraph),
                MAX_SUMMARY_CHARS,
            )
            .into_owned(),
            draft: front.draft,
            extra: front.extra.clone(),
            html: body.html.into(),
            word_count: body.word_count,
            has_code: body.has_code,
            words: body.words.into(),
            stories: front.stories.clone(),
            stories_line: front.stories_line,
            language: front
                .language
                .clone()
                .unwrap_or_else(|| config.language.clone()),
            translation_of: front.translation_of.clone(),
            translation_line: front.translation_line,
        }
    }

    /// Renders a briefing's body, resolving its links to other briefings through `targets`,
    /// and makes the briefing.
    pub fn render(
        h: &Head,
        config: &SiteConfig,
        targets: &LinkTargets,
    ) -> Result<Briefing, Vec<Diagnostic>> {
        Ok(Briefing::of(
            h,
            parse::render_body(h, config, targets)?,
            config,
        ))
    }
}

/// Parses one briefing on its own, as if it were the only file of the site: links to other
/// briefings do not resolve. For fuzzing and tests of the parse stage.
pub fn parse_one(
    content_path: &str,
    text: &str,
    config: &SiteConfig,
) -> Result<Briefing, Vec<Diagnostic>> {
    let file = BriefingFile {
        file: Path::new(crate::source::files::CONTENT_DIR).join(content_path),
        content_path: content_path.to_string(),
        text: crate::source::files::normalize_text(text.to_string()),
    };
    let head = parse::read_head(file, config)?;
    Briefing::render(&head, config, &LinkTargets::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_briefing_parses_on_its_own() {
        let config = SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config;
        let b = parse_one(
            "2025/2025-06-12-a.md",
            "---\ntitle: A\ndate: 2025-06-12\nsource: KBS\n---\nHello *there*.\n",
            &config,
        )
        .unwrap();
        assert_eq!(b.slug, "a");
        assert_eq!(b.summary, "Hello there.");
        assert!(parse_one("a.md", "---\ntitle: A\n", &config).is_err());
    }
}
