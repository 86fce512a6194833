//! The parse stage: turns the files the load stage read into [`Briefing`]s — front matter
//! checked, slugs given and checked for clashes, Markdown rendered with links between
//! briefings resolved. Files are parsed in parallel; every problem in every file is reported.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::error::{Diagnostic, display_path};
use crate::frontmatter::{self, FrontMatter};
use crate::load::SourceFile;
use crate::markdown::{self, BodyContext};
use crate::model::Briefing;

/// A briefing whose front matter is read but whose body is not rendered yet.
struct Headed<'a> {
    file: &'a SourceFile,
    front: FrontMatter,
    body: &'a str,
    body_line: usize,
    slug: String,
}

/// Parses every briefing. Drafts are left out unless `drafts` is set.
pub fn parse_briefings(
    files: &[SourceFile],
    config: &SiteConfig,
    drafts: bool,
) -> Result<Vec<Briefing>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let headed: Vec<Result<Headed<'_>, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|file| read_head(file, config))
        .collect();
    let mut all = Vec::new();
    for result in headed {
        match result {
            Ok(h) => all.push(h),
            Err(e) => errors.extend(e),
        }
    }
    // Where each content path leads: a URL, or None for a draft left out of this build.
    let targets: HashMap<&str, Option<String>> = all
        .iter()
        .map(|h| {
            let url = (drafts || !h.front.draft)
                .then(|| config.url_for(&format!("briefings/{}/", h.slug)));
            (h.file.content_path.as_str(), url)
        })
        .collect();
    let published: Vec<Headed<'_>> = all
        .into_iter()
        .filter(|h| drafts || !h.front.draft)
        .collect();
    errors.extend(slug_clashes(&published));

    let briefing_url = |content_path: &str| targets.get(content_path).cloned().flatten();
    let rendered: Vec<Result<Briefing, Vec<Diagnostic>>> = published
        .into_par_iter()
        .map(|h| render_body(h, config, &briefing_url))
        .collect();
    let mut briefings = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok(b) => briefings.push(b),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(briefings)
    } else {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(errors)
    }
}

/// Parses one briefing on its own, as if it were the only file of the site: links to other
/// briefings do not resolve. For fuzzing and tests of the parse stage.
pub fn parse_one(
    content_path: &str,
    text: &str,
    config: &SiteConfig,
) -> Result<Briefing, Vec<Diagnostic>> {
    let file = SourceFile {
        file: Path::new(crate::load::CONTENT_DIR).join(content_path),
        content_path: content_path.to_string(),
        text: crate::load::normalize_text(text.to_string()),
    };
    let head = read_head(&file, config)?;
    render_body(head, config, &|_: &str| None)
}

fn read_head<'a>(file: &'a SourceFile, config: &SiteConfig) -> Result<Headed<'a>, Vec<Diagnostic>> {
    let split = frontmatter::split(&file.file, &file.text).map_err(|e| vec![e])?;
    let front = frontmatter::parse(&file.file, split.yaml, &config.timezone)?;
    let slug = match &front.slug {
        Some(slug) if crate::slug::is_plain_segment(slug) => slug.clone(),
        Some(slug) => {
            return Err(vec![Diagnostic::at_line(
                &file.file,
                front.slug_line,
                format!(
                    "slug `{slug}` is not a plain path segment: use letters, digits, `-`, `_` and `.`, e.g. `{}`",
                    crate::slug::slugify(slug)
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
    Ok(Headed {
        file,
        front,
        body: split.body,
        body_line: split.body_line,
        slug,
    })
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
    crate::slug::slugify(if dated { &stem[11..] } else { &stem })
}

fn slug_clashes(headed: &[Headed<'_>]) -> Vec<Diagnostic> {
    let mut by_slug: BTreeMap<&str, Vec<&Headed<'_>>> = BTreeMap::new();
    for h in headed {
        by_slug.entry(h.slug.as_str()).or_default().push(h);
    }
    by_slug
        .into_iter()
        .filter(|(_, hs)| hs.len() > 1)
        .flat_map(|(slug, hs)| {
            let names: Vec<String> = hs.iter().map(|h| display_path(&h.file.file)).collect();
            hs.into_iter().map(move |h| {
                let others: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| *n != display_path(&h.file.file))
                    .collect();
                let at = if h.front.slug.is_some() { h.front.slug_line } else { 1 };
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

fn render_body(
    h: Headed<'_>,
    config: &SiteConfig,
    briefing_url: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Result<Briefing, Vec<Diagnostic>> {
    let content_dir = match h.file.content_path.rfind('/') {
        Some(i) => &h.file.content_path[..=i],
        None => "",
    };
    let links = BodyContext {
        file: &h.file.file,
        body_line: h.body_line,
        content_dir,
        base_url: &config.base_url,
        briefing_url,
        allow_raw_html: config.allow_raw_html,
    };
    let body = markdown::render(h.body, &links)?;
    let front = h.front;
    Ok(Briefing {
        file: h.file.file.clone(),
        content_path: h.file.content_path.clone(),
        slug: h.slug,
        title: front.title,
        date: front.date,
        updated: front.updated,
        source: front.source,
        people: front.people,
        tags: front.tags,
        summary: front.summary.unwrap_or(body.first_paragraph),
        draft: front.draft,
        extra: front.extra,
        html: body.html,
        word_count: body.word_count,
    })
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
