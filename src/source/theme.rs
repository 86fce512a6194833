//! Themes: the default theme built into the binary from `themes/default/`, and the lookup
//! order that lets a site's `themes/<name>/` and `templates/` override it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::source::config::SiteConfig;
use crate::source::files::{self as load, CopyFrom};
use crate::source::layout::TEMPLATES_DIR;

/// The name of the embedded theme.
pub const DEFAULT_THEME: &str = "default";

/// Templates of the embedded default theme, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "briefing.html",
        include_str!("../../themes/default/templates/briefing.html"),
    ),
    (
        "terms.html",
        include_str!("../../themes/default/templates/terms.html"),
    ),
    (
        "term.html",
        include_str!("../../themes/default/templates/term.html"),
    ),
    (
        "story.html",
        include_str!("../../themes/default/templates/story.html"),
    ),
    (
        "stories.html",
        include_str!("../../themes/default/templates/stories.html"),
    ),
    (
        "digests.html",
        include_str!("../../themes/default/templates/digests.html"),
    ),
    (
        "digest.html",
        include_str!("../../themes/default/templates/digest.html"),
    ),
    (
        "digest-email.html",
        include_str!("../../themes/default/templates/digest-email.html"),
    ),
    (
        "digest-email.txt",
        include_str!("../../themes/default/templates/digest-email.txt"),
    ),
    (
        "chronology.html",
        include_str!("../../themes/default/templates/chronology.html"),
    ),
    (
        "year.html",
        include_str!("../../themes/default/templates/year.html"),
    ),
    (
        "month.html",
        include_str!("../../themes/default/templates/month.html"),
    ),
    (
        "compact-list.html",
        include_str!("../../themes/default/templates/compact-list.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "list.html",
        include_str!("../../themes/default/templates/list.html"),
    ),
    (
        "also-in.html",
        include_str!("../../themes/default/templates/also-in.html"),
    ),
    (
        "pager.html",
        include_str!("../../themes/default/templates/pager.html"),
    ),
    (
        "atom.xml",
        include_str!("../../themes/default/templates/atom.xml"),
    ),
    (
        "sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
    (
        "robots.txt",
        include_str!("../../themes/default/templates/robots.txt"),
    ),
];

/// Static files of the embedded default theme, by output path.
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

/// Where a template's text came from, for messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The template's name (`briefing.html`).
    pub name: String,
    /// The file it was read from, relative to the site root; for embedded templates, the path
    /// it has in briefgen's own repository.
    pub file: PathBuf,
    /// The text.
    pub text: String,
}

/// The folder of the site's chosen theme.
pub fn theme_dir(root: &Path, config: &SiteConfig) -> PathBuf {
    crate::source::layout::theme_dir(root, &config.theme)
}

/// Every template the site uses: embedded defaults, replaced by the theme's files, replaced by
/// the site's `templates/`.
pub fn template_sources(
    root: &Path,
    config: &SiteConfig,
) -> Result<Vec<TemplateSource>, Vec<Diagnostic>> {
    let mut by_name: BTreeMap<String, TemplateSource> = TEMPLATES
        .iter()
        .map(|(name, text)| {
            let source = TemplateSource {
                name: name.to_string(),
                file: PathBuf::from(format!("themes/default/templates/{name}")),
                text: text.to_string(),
            };
            (name.to_string(), source)
        })
        .collect();
    let theme = theme_dir(root, config);
    if config.theme != DEFAULT_THEME && !theme.is_dir() {
        return Err(vec![Diagnostic::new(
            crate::source::config::CONFIG_FILE,
            format!(
                "theme `{}` not found: there is no folder themes/{}/",
                config.theme, config.theme
            ),
        )]);
    }
    let mut errors = Vec::new();
    for dir in [theme.join(TEMPLATES_DIR), root.join(TEMPLATES_DIR)] {
        let mut copies = BTreeMap::new();
        if let Err(e) = load::add_copies(root, &dir, &mut copies) {
            errors.extend(e);
        }
        for (name, source) in copies {
            let CopyFrom::Disk(path) = source else {
                continue;
            };
            let file = load::site_relative(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let text = load::normalize_text(text);
                    by_name.insert(name.clone(), TemplateSource { name, file, text });
                }
                Err(e) => errors.push(Diagnostic::new(
                    file,
                    format!("cannot be read as UTF-8 text: {e}"),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(by_name.into_values().collect())
    } else {
        Err(errors)
    }
}

/// Every file the theme and the site copy as they are: embedded defaults, replaced by the
/// theme's `static/`, replaced by the site's `static/`.
pub fn static_files(
    root: &Path,
    config: &SiteConfig,
) -> Result<BTreeMap<String, CopyFrom>, Vec<Diagnostic>> {
    let mut copies: BTreeMap<String, CopyFrom> = STATIC_FILES
        .iter()
        .map(|(path, bytes)| (path.to_string(), CopyFrom::Embedded(bytes)))
        .collect();
    load::add_copies(
        root,
        &theme_dir(root, config).join(load::STATIC_DIR),
        &mut copies,
    )?;
    load::add_copies(root, &root.join(load::STATIC_DIR), &mut copies)?;
    Ok(copies)
}
