//! The load and parse stages for stories: each `stories/<slug>.md` at the site's root is a
//! story a curator follows over time — front matter (`title`, `summary`, `status`, `people`,
//! `tags`, `image`) checked like a briefing's, every problem at its line, and a Markdown body,
//! the editor's account, rendered and sanitized as a briefing's is. The file name is the slug,
//! so a story's address never changes with its title.

use std::path::Path;

use crate::error::{Diagnostic, display_path};
use crate::source::config::SiteConfig;
use crate::source::frontmatter::{self, FieldChecker, kind, scalar_text};
use crate::source::layout::STORIES_DIR;
use crate::source::markdown::{self, BodyContext, RenderedBody};

/// The keys a story's front matter may have.
const KNOWN_KEYS: &[&str] = &[
    "title", "summary", "status", "people", "tags", "image", "extra",
];

/// A story file as read from disk: its name is the story's slug.
pub type StoryFile = crate::source::files::NamedFile;

/// Whether a story is still unfolding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    /// Still unfolding (the default).
    #[default]
    Developing,
    /// Over.
    Concluded,
}

impl Status {
    /// As front matter writes it, and templates see it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Developing => "developing",
            Status::Concluded => "concluded",
        }
    }
}

/// A story's checked front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoryFront {
    /// The title.
    pub title: String,
    /// The editor's summary, in a sentence or two.
    pub summary: Option<String>,
    /// Developing or concluded.
    pub status: Status,
    /// People the story is about, as written.
    pub people: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// An image for link previews: an http(s) address, or a path on the site.
    pub image: Option<String>,
}

/// Finds and reads the story files: every `stories/*.md`. Anything else in the folder is an
/// error naming it, and so is a file whose name is not a slug (it would be a second spelling
/// of one), so that no story is silently left out.
pub fn load(root: &Path) -> Result<Vec<StoryFile>, Vec<Diagnostic>> {
    crate::source::files::named_files(
        root,
        STORIES_DIR,
        "only stories belong in stories/, each a Markdown file `stories/<slug>.md`; put images and other files under static/",
        |stem| {
            let slug = crate::source::slug::slugify(stem);
            if slug == stem {
                Ok(())
            } else if slug.is_empty() {
                Err("the file name gives no slug (it needs a letter or digit); a story's file name is its slug".to_string())
            } else {
                Err(format!(
                    "a story's file name is its slug, in lower case with hyphens: rename it `stories/{slug}.md`"
                ))
            }
        },
    )
}

/// Checks a story's front matter and renders its body. `briefing_url` resolves its links to
/// briefings (`@/2019/x.md`), as a briefing's body resolves them.
pub fn parse(
    story: &StoryFile,
    config: &SiteConfig,
    briefing_url: &(dyn Fn(&str) -> Result<String, String> + Sync),
) -> Result<(StoryFront, RenderedBody), Vec<Diagnostic>> {
    let file = &story.file;
    let split = frontmatter::split_as(
        file,
        &story.text,
        "a story",
        "title, and summary or status if you like",
    )
    .map_err(|e| vec![e])?;
    let front = front(file, split.yaml)?;
    let links = BodyContext {
        file,
        body_line: split.body_line,
        content_dir: "",
        base_url: &config.base_url,
        briefing_url,
        allow_raw_html: config.allow_raw_html,
    };
    let body = markdown::render(split.body, &links)?;
    Ok((front, body))
}

/// Checks a story's front matter, every problem at its line.
fn front(file: &Path, yaml_text: &str) -> Result<StoryFront, Vec<Diagnostic>> {
    let map = &frontmatter::mapping(
        file,
        yaml_text,
        "a story needs at least a title",
        "title: …, status: …",
    )?;
    let mut check = FieldChecker::new(file, yaml_text);
    let field = |key: &str| map.get(key);
    check.unknown_keys_of(
        map,
        KNOWN_KEYS,
        "a story has title, summary, status, people, tags and image",
    );
    let title = check.required_text("title", field("title"), "\"The Hanoi summit\"");
    let summary = check
        .text("summary", field("summary"))
        .map(|s| crate::chars::cut_at_word(s.trim(), 300).into_owned())
        .filter(|s| !s.is_empty());
    let status = match field("status").filter(|v| !v.is_null()) {
        None => Status::Developing,
        Some(value) => {
            match scalar_text(value).as_deref().map(str::trim) {
                Some("developing") => Status::Developing,
                Some("concluded") => Status::Concluded,
                Some(other) => {
                    let hint = crate::source::config::nearest(other, &["developing", "concluded"])
                        .map(|near| format!(" (did you mean `{near}`?)"))
                        .unwrap_or_default();
                    check.error(
                    "status",
                    format!("status `{other}` is not one: a story is `developing` or `concluded`{hint}"),
                );
                    Status::Developing
                }
                None => {
                    check.error(
                        "status",
                        format!(
                            "status must be `developing` or `concluded` (it is {})",
                            kind(value)
                        ),
                    );
                    Status::Developing
                }
            }
        }
    };
    let people = check.names("people", field("people"));
    let tags = check.names("tags", field("tags"));
    let image = check
        .text("image", field("image"))
        .filter(|s| !s.trim().is_empty());
    if let Some(image) = &image
        && image.contains(':')
        && !frontmatter::is_web_url(image)
    {
        check.error(
            "image",
            format!("image `{image}` is neither an http(s) address nor a path on the site (`images/summit.jpg`)"),
        );
    }
    match title {
        Some(title) if check.errors.is_empty() => Ok(StoryFront {
            title: title.trim().to_string(),
            summary,
            status,
            people,
            tags,
            image,
        }),
        _ => Err(check.errors),
    }
}

/// The slugs of the known stories nearest to `slug`, for an unknown one: the closest by
/// spelling, else none.
pub fn nearest<'a>(slug: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    crate::source::config::nearest_above(slug, known, 0.7)
}

/// The story file of a slug, as messages name it.
pub fn file_of(slug: &str) -> String {
    display_path(&Path::new(STORIES_DIR).join(format!("{slug}.md")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config
    }

    fn story(text: &str) -> Result<(StoryFront, RenderedBody), Vec<Diagnostic>> {
        let file = StoryFile {
            file: std::path::PathBuf::from("stories/hanoi.md"),
            name: "hanoi".into(),
            text: text.into(),
        };
        parse(&file, &config(), &|p| {
            Err(format!("there is no content/{p}"))
        })
    }

    #[test]
    fn a_story_reads_its_fields_and_body() {
        let (front, body) = story(
            "---\ntitle: Hanoi\nstatus: concluded\npeople: [Kim Jong-un]\nimage: images/h.jpg\n---\nThe *talks* ended early.\n",
        )
        .unwrap();
        assert_eq!(front.title, "Hanoi");
        assert_eq!(front.status, Status::Concluded);
        assert_eq!(front.people, ["Kim Jong-un"]);
        assert_eq!(front.image.as_deref(), Some("images/h.jpg"));
        assert!(body.html.contains("<em>talks</em>"), "{}", body.html);
    }

    #[test]
    fn bad_story_fields_are_placed_and_explained() {
        let errors = story("---\nsummary: x\nstatus: finished\ntilte: y\n---\n").unwrap_err();
        let text: Vec<String> = errors.iter().map(Diagnostic::text).collect();
        assert_eq!(errors.len(), 3, "{text:#?}");
        assert!(text.iter().any(|m| m.contains("no `title`")), "{text:#?}");
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("status `finished`") && e.line == Some(3)),
            "{text:#?}"
        );
        assert!(
            text.iter().any(|m| m.contains("did you mean `title`")),
            "{text:#?}"
        );
        let errors = story("# Just Markdown\n").unwrap_err();
        assert!(
            errors[0]
                .message
                .starts_with("no front matter: a story starts"),
            "{}",
            errors[0].message
        );
        let errors = story("---\ntitle: T\nstatus: concluted\n---\n").unwrap_err();
        assert!(errors[0].message.contains("did you mean `concluded`"));
    }

    #[test]
    fn the_nearest_slug_is_suggested() {
        let known = ["hanoi-summit", "singapore-summit", "election-2025"];
        assert_eq!(
            nearest("hanoi-sumit", known.iter().copied()),
            Some("hanoi-summit")
        );
        assert_eq!(nearest("zzz", known.iter().copied()), None);
    }
}
