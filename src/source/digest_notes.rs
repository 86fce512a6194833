//! The load and parse stages for editors' notes on digests: each `digests/<period>.md` at the
//! site's root (`digests/2025-W24.md` for weekly digests) is shown at the top of that period's
//! digest — front matter with an optional `title`, checked like a story's, and a Markdown body
//! rendered and sanitized as a briefing's is. The file name is the period, in the one spelling
//! the site's `digest` setting gives it, so that a note can never silently miss its digest.

use std::path::Path;

use crate::error::Diagnostic;
use crate::source::config::{DigestEvery, SiteConfig};
use crate::source::frontmatter::{self, FieldChecker};
use crate::source::layout::DIGESTS_DIR;
use crate::source::markdown::{self, BodyContext, RenderedBody};
use crate::source::period::{example_name, parse_name};

/// A note file as read from disk: its name is the period it is about (`2025-W24`).
pub type NoteFile = crate::source::files::NamedFile;

/// Finds and reads the note files: every `digests/*.md`. Anything else in the folder is an
/// error naming it; a file named after no period is an error when it is parsed, which knows
/// the site's periods.
pub fn load(root: &Path) -> Result<Vec<NoteFile>, Vec<Diagnostic>> {
    crate::source::files::named_files(
        root,
        DIGESTS_DIR,
        "only editors' notes belong in digests/, each a Markdown file named after its period (`digests/2025-W24.md`)",
        |_| Ok(()),
    )
}

/// Checks a note: its file name names a period of the site's digests, its front matter has
/// only a `title`. Gives the title, the body rendered, and the body as plain text (for the
/// plain-text email); `briefing_url` resolves its links to briefings.
pub fn parse(
    note: &NoteFile,
    config: &SiteConfig,
    briefing_url: &(dyn Fn(&str) -> Result<String, String> + Sync),
) -> Result<(Option<String>, RenderedBody, String), Vec<Diagnostic>> {
    let file = &note.file;
    if parse_name(&note.name, config.digest).is_none() {
        let message = match config.digest {
            DigestEvery::Off => {
                "a note on a digest, but digests are off (`digest = \"off\"` in site.toml)"
                    .to_string()
            }
            every => format!(
                "`{}` is not a period of the site's {} digests: name the file after one, e.g. `digests/{}.md`",
                note.name,
                every.name(),
                example_name(every)
            ),
        };
        return Err(vec![Diagnostic::at_line(file, 1, message)]);
    }
    let split = frontmatter::split_as(file, &note.text, "a digest's note", "title, if you like")
        .map_err(|e| vec![e])?;
    let mut check = FieldChecker::new(file, split.yaml);
    let title = if split.yaml.trim().is_empty() {
        None
    } else {
        let map = frontmatter::mapping(file, split.yaml, "a note has a title", "title: …")?;
        check.unknown_keys_of(&map, &["title"], "a digest's note has only a title");
        check
            .text("title", map.get("title"))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let links = BodyContext {
        file,
        body_line: split.body_line,
        content_dir: "",
        base_url: &config.base_url,
        briefing_url,
        allow_raw_html: config.allow_raw_html,
    };
    let body = markdown::render(split.body, &links);
    match body {
        Ok(body) if check.errors.is_empty() => {
            Ok((title, body, markdown::plain_text(split.body, &links)))
        }
        Ok(_) => Err(check.errors),
        Err(mut e) => {
            e.extend(check.errors);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(
        name: &str,
        text: &str,
    ) -> Result<(Option<String>, RenderedBody, String), Vec<Diagnostic>> {
        let config = SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config;
        let file = NoteFile {
            file: std::path::PathBuf::from(format!("digests/{name}.md")),
            name: name.into(),
            text: text.into(),
        };
        parse(&file, &config, &|p| Err(format!("there is no content/{p}")))
    }

    #[test]
    fn a_note_reads_its_title_and_body() {
        let (title, body, text) = note(
            "2025-W24",
            "---\ntitle: A week of talks\n---\nThe *talks* went on.\n",
        )
        .unwrap();
        assert_eq!(title.as_deref(), Some("A week of talks"));
        assert!(body.html.contains("<em>talks</em>"), "{}", body.html);
        assert_eq!(text, "The talks went on.\n");
        let (title, _, _) = note("2025-W24", "---\n---\nNo title.\n").unwrap();
        assert_eq!(title, None);
    }

    #[test]
    fn a_note_on_no_period_or_with_other_keys_is_placed_and_explained() {
        let errors = note("2025-24", "---\ntitle: x\n---\n").unwrap_err();
        assert!(
            errors[0].message.contains("e.g. `digests/2025-W24.md`"),
            "{}",
            errors[0].message
        );
        let errors = note("2025-W24", "---\ntitle: x\nsummary: y\n---\n").unwrap_err();
        assert_eq!(errors[0].line, Some(3), "{errors:?}");
        assert!(errors[0].message.contains("summary"), "{errors:?}");
    }
}
