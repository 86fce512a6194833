//! The parse stage: reads the files the load stage read — front matter checked, slugs given
//! and checked for clashes, Markdown rendered with links between briefings resolved — into
//! what the model makes each briefing from (`content::briefing`). Files are parsed in parallel; every problem in every file is reported.
//!
//! The steps are public on their own: the engine ([`crate::engine`]) runs them per file and
//! keeps each result for as long as the file is unchanged.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{Diagnostic, display_path};
use crate::source::config::SiteConfig;
use crate::source::files::BriefingFile;
use crate::source::frontmatter::{self, FrontMatter};
use crate::source::markdown::{self, BodyContext, RenderedBody};
use crate::spill::BodyText;

/// A briefing whose front matter is read but whose body is not rendered yet.
#[derive(Debug, Clone)]
pub struct Head {
    /// The file it was read from.
    pub file: BriefingFile,
    /// Its checked front matter.
    pub front: FrontMatter,
    /// Its slug.
    pub slug: String,
    body_start: usize,
    body_line: usize,
    /// The Markdown body once set aside ([`Head::set_aside_body`]); the file's text is then
    /// let go.
    aside: Option<BodyText>,
}

impl Head {
    /// The Markdown body.
    pub fn body(&self) -> Cow<'_, str> {
        match &self.aside {
            Some(body) => body.text(),
            None => Cow::Borrowed(&self.file.text[self.body_start..]),
        }
    }

    /// Moves the body out of the file's text, which is let go (no later step of a build reads
    /// it), and gives it to be written to a [`crate::spill::Spill`].
    pub fn set_aside_body(&mut self) -> &mut BodyText {
        self.aside.get_or_insert_with(|| {
            let mut text = std::mem::take(&mut self.file.text);
            BodyText::from(text.split_off(self.body_start))
        })
    }

    /// Whether it is part of a build: drafts and briefings dated in the future are only when
    /// asked for.
    pub fn is_published(&self, publish: &Publish) -> bool {
        publish.left_out(self).is_none()
    }

    /// Whether its body may link to other briefings (`@/…` or a relative `.md` link), so that
    /// it must be rendered again when briefings come, go or change their slug.
    pub fn may_link_to_briefings(&self) -> bool {
        let body = self.body();
        body.contains("@/") || body.contains(".md")
    }
}

/// Which briefings a build publishes: drafts and briefings dated after `now` only when asked
/// for. `now` is taken once, when the engine opens, so that one build (or one `serve`) never
/// changes its mind halfway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publish {
    /// Publishes drafts.
    pub drafts: bool,
    /// Publishes briefings dated in the future.
    pub future: bool,
    /// The instant that divides the past from the future.
    pub now: jiff::Timestamp,
}

/// Why a briefing is left out of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// It is a draft.
    Draft,
    /// It is dated in the future.
    Future,
}

impl Publish {
    /// Publishes everything but drafts and future briefings, as of now.
    pub fn now() -> Publish {
        Publish {
            drafts: false,
            future: false,
            now: jiff::Timestamp::now(),
        }
    }

    /// Why a briefing is left out, or `None` when it is published.
    pub fn left_out(&self, head: &Head) -> Option<LeftOut> {
        if head.front.draft && !self.drafts {
            Some(LeftOut::Draft)
        } else if !self.future && head.front.date.timestamp() > self.now {
            Some(LeftOut::Future)
        } else {
            None
        }
    }
}

/// Where a link to a briefing's content path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// The briefing's page.
    Url(String),
    /// Nowhere: it is a draft, and drafts are left out of this build.
    Draft,
    /// Nowhere: it is dated in the future, and such briefings are left out of this build.
    Future,
    /// Nowhere: its front matter has errors (reported on their own).
    Broken,
}

/// Where each briefing's content path leads.
pub type LinkTargets = HashMap<String, LinkTarget>;

/// What a link to `content_path` resolves to, or why it does not resolve.
pub fn resolve_target(targets: &LinkTargets, content_path: &str) -> Result<String, String> {
    match targets.get(content_path) {
        Some(LinkTarget::Url(url)) => Ok(url.clone()),
        Some(LinkTarget::Draft) => Err(format!(
            "content/{content_path} is a draft, left out of this build; publish it (draft: false), build with --drafts, or remove the link"
        )),
        Some(LinkTarget::Future) => Err(format!(
            "content/{content_path} is dated in the future, left out of this build; build with --future (or `build_future = true` in site.toml), or remove the link"
        )),
        Some(LinkTarget::Broken) => Err(format!(
            "content/{content_path} has errors of its own (reported with it); fix them and this link resolves"
        )),
        None => Err(format!("there is no content/{content_path}")),
    }
}

/// Orders diagnostics by file, line and column.
pub fn sort_diagnostics(errors: &mut [Diagnostic]) {
    errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

/// Reads a briefing's front matter and gives it its slug.
pub fn read_head(file: BriefingFile, config: &SiteConfig) -> Result<Head, Vec<Diagnostic>> {
    let split = frontmatter::split(&file.file, &file.text).map_err(|e| vec![e])?;
    let front = frontmatter::parse(&file.file, split.yaml, &config.timezone)?;
    let body_line = split.body_line;
    let body_start = file.text.len() - split.body.len();
    let slug = match &front.slug {
        Some(slug) if crate::source::slug::is_plain_segment(slug) => slug.clone(),
        Some(slug) => {
            return Err(vec![Diagnostic::at_line(
                &file.file,
                front.slug_line,
                format!(
                    "slug `{slug}` is not a plain path segment: use letters, digits, `-`, `_` and `.`, e.g. `{}`",
                    crate::source::slug::slugify(slug)
                ),
            )]);
        }
        None => slug_from_file_name(&file.file),
    };
    if slug.is_empty() {
        return Err(vec![Diagnostic::new(
            &file.file,
            "the file name gives no slug (it needs a letter or digit); set `slug:` in the front matter",
        )]);
    }
    Ok(Head {
        file,
        front,
        slug,
        body_start,
        body_line,
        aside: None,
    })
}

/// Where links to each briefing lead, for resolving `@/` links: every briefing file by its
/// content path, with its head, or `None` where its front matter has errors; `url_of` gives
/// the URL of a briefing's page by its slug.
pub fn link_targets<'a>(
    files: impl IntoIterator<Item = (&'a str, Option<&'a Head>)>,
    url_of: impl Fn(&str) -> String,
    publish: &Publish,
) -> LinkTargets {
    files
        .into_iter()
        .map(|(path, head)| {
            let target = match head {
                Some(h) => match publish.left_out(h) {
                    None => LinkTarget::Url(url_of(&h.slug)),
                    Some(LeftOut::Draft) => LinkTarget::Draft,
                    Some(LeftOut::Future) => LinkTarget::Future,
                },
                None => LinkTarget::Broken,
            };
            (path.to_string(), target)
        })
        .collect()
}

/// `2025-06-12-trump-kim.md` → `trump-kim`.
pub fn slug_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    crate::source::slug::slugify(if dated { &stem[11..] } else { &stem })
}

/// Two published briefings with one slug: an error on each, naming the others.
pub fn slug_clashes(heads: &[&Head]) -> Vec<Diagnostic> {
    let mut by_slug: BTreeMap<&str, Vec<&Head>> = BTreeMap::new();
    for h in heads {
        by_slug.entry(h.slug.as_str()).or_default().push(h);
    }
    by_slug
        .into_iter()
        .filter(|(_, hs)| hs.len() > 1)
        .flat_map(|(slug, hs)| {
            let names: Vec<String> = hs.iter().map(|h| display_path(&h.file.file)).collect();
            hs.into_iter().map(move |h| {
                let own = display_path(&h.file.file);
                let others: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| *n != own)
                    .collect();
                let at = if h.front.slug.is_some() {
                    h.front.slug_line
                } else {
                    1
                };
                Diagnostic::at_line(
                    &h.file.file,
                    at,
                    format!(
                        "slug `{slug}` is also the slug of {}; set a different `slug:` in one of them",
                        others.join(", ")
                    ),
                )
            })
        })
        .collect()
}

/// Renders a briefing's body, resolving its links to other briefings through `targets`.
pub fn render_body(
    h: &Head,
    config: &SiteConfig,
    targets: &LinkTargets,
) -> Result<RenderedBody, Vec<Diagnostic>> {
    let content_path = &h.file.content_path;
    let content_dir = match content_path.rfind('/') {
        Some(i) => &content_path[..=i],
        None => "",
    };
    let briefing_url = |path: &str| resolve_target(targets, path);
    let links = BodyContext {
        file: &h.file.file,
        body_line: h.body_line,
        content_dir,
        base_url: &config.base_url,
        briefing_url: &briefing_url,
        allow_raw_html: config.allow_raw_html,
    };
    markdown::render(&h.body(), &links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_the_date_prefix() {
        assert_eq!(
            slug_from_file_name(Path::new("content/2025/2025-06-12-trump-kim.md")),
            "trump-kim"
        );
        assert_eq!(
            slug_from_file_name(Path::new("content/Hanoi Summit.md")),
            "hanoi-summit"
        );
        assert_eq!(
            slug_from_file_name(Path::new("content/2025-06-12.md")),
            "2025-06-12"
        );
    }
}
