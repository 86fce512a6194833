//! `site.toml`: the site's settings, read and checked before anything else is loaded.
//!
//! Unknown keys are warnings that name the nearest known key; bad values are errors with the
//! line they are on.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::error::{BuildError, Diagnostic};

/// The name of the settings file at a site's root.
pub use crate::source::layout::CONFIG_FILE;

/// Every key `site.toml` understands at its top level.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "theme",
    "output_dir",
    "paginate_by",
    "paginate_terms_by",
    "timezone",
    "highlight_theme",
    "highlight_theme_dark",
    "feed_limit",
    "allow_raw_html",
    "build_future",
    "cname",
    "digest",
    "digest_emails",
    "extra",
];

/// The settings as written in `site.toml`, before they are checked.
#[derive(Debug, Deserialize)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    #[serde(default)]
    description: String,
    language: Option<String>,
    theme: Option<String>,
    output_dir: Option<String>,
    paginate_by: Option<i64>,
    paginate_terms_by: Option<i64>,
    timezone: Option<String>,
    highlight_theme: Option<String>,
    highlight_theme_dark: Option<String>,
    feed_limit: Option<i64>,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    build_future: bool,
    cname: Option<String>,
    digest: Option<String>,
    digest_emails: Option<i64>,
    #[serde(default)]
    extra: toml::Table,
}

/// The checked settings of a site. Compared with `==` (a change of any setting starts `serve`
/// again from the files) and hashed (into every page's fingerprint) field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    /// The site's title.
    pub title: String,
    /// Where the site is published, always ending in `/` (`https://user.github.io/repo/`).
    pub base_url: String,
    /// One line about the site, for the home page and the feed.
    pub description: String,
    /// The language of the pages (`lang` attribute), default `en`.
    pub language: String,
    /// The theme's name: a folder under `themes/`, or `default` for the embedded theme.
    pub theme: String,
    /// Where the site is written, relative to the site root unless absolute.
    pub output_dir: PathBuf,
    /// Briefings per page of the home list (with summaries).
    pub paginate_by: usize,
    /// Briefings per page of a tag's, person's or source's list (compact: title, date,
    /// source), so more to a page.
    pub paginate_terms_by: usize,
    /// How many of the newest briefings the Atom feeds carry.
    pub feed_limit: usize,
    /// The IANA name of the zone in which dates without an offset are read.
    pub timezone_name: String,
    /// That zone.
    pub timezone: TimeZone,
    /// The syntect theme the highlighting CSS is made from, in light mode.
    pub highlight_theme: String,
    /// The syntect theme for dark mode.
    pub highlight_theme_dark: String,
    /// Curated facts about people, from `data/people.yaml` (none without it).
    pub people: crate::source::people::People,
    /// The theme's words in each language, the site's `i18n/` over the theme's.
    pub strings: crate::source::strings::Strings,
    /// Keeps raw HTML in briefings as written instead of sanitizing it.
    pub allow_raw_html: bool,
    /// Publishes briefings dated in the future (`--future` for one build).
    pub build_future: bool,
    /// The custom domain written to `CNAME`, for GitHub Pages published from a branch.
    pub cname: Option<String>,
    /// How long a digest's period is (`digest = "weekly"`), or no digests.
    pub digest: DigestEvery,
    /// How many of the newest digests are also written as emails (`email.html`, `email.txt`):
    /// the ones a curator sends; `briefgen digest` prints any period's.
    pub digest_emails: usize,
    /// Free-form settings passed to templates as `config.extra`.
    pub extra: toml::Table,
}

/// How long the period of a digest is (`digest` in `site.toml`): a digest collects a period's
/// briefings into a page and an email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DigestEvery {
    /// A digest a day (`2025-06-14`).
    Daily,
    /// A digest an ISO week (`2025-W24`), the default.
    #[default]
    Weekly,
    /// A digest a month (`2025-06`).
    Monthly,
    /// No digests.
    Off,
}

impl DigestEvery {
    /// The setting's values, as written.
    pub const NAMES: [&'static str; 4] = ["daily", "weekly", "monthly", "off"];

    /// As `site.toml` writes it.
    pub fn name(self) -> &'static str {
        match self {
            DigestEvery::Daily => "daily",
            DigestEvery::Weekly => "weekly",
            DigestEvery::Monthly => "monthly",
            DigestEvery::Off => "off",
        }
    }

    fn of(name: &str) -> Option<DigestEvery> {
        [
            DigestEvery::Daily,
            DigestEvery::Weekly,
            DigestEvery::Monthly,
            DigestEvery::Off,
        ]
        .into_iter()
        .find(|every| every.name() == name)
    }
}

impl Hash for SiteConfig {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Every field, named: a new setting does not compile until it is hashed.
        let SiteConfig {
            title,
            base_url,
            description,
            language,
            theme,
            output_dir,
            paginate_by,
            paginate_terms_by,
            feed_limit,
            timezone_name,
            // Made from `timezone_name`.
            timezone: _,
            highlight_theme,
            highlight_theme_dark,
            people,
            strings,
            allow_raw_html,
            build_future,
            cname,
            digest,
            digest_emails,
            extra,
        } = self;
        (title, base_url, description, language, theme, output_dir).hash(state);
        (paginate_by, paginate_terms_by, feed_limit, timezone_name).hash(state);
        (highlight_theme, highlight_theme_dark, people, strings).hash(state);
        (allow_raw_html, build_future, cname, digest, digest_emails).hash(state);
        hash_table(extra, state);
    }
}

/// Hashes a TOML table, which has no `Hash` of its own (it may hold floats): floats by their
/// bits, tables in their keys' order.
fn hash_table<H: Hasher>(table: &toml::Table, state: &mut H) {
    table.len().hash(state);
    for (key, value) in table {
        key.hash(state);
        hash_value(value, state);
    }
}

fn hash_value<H: Hasher>(value: &toml::Value, state: &mut H) {
    use toml::Value;
    std::mem::discriminant(value).hash(state);
    match value {
        Value::String(s) => s.hash(state),
        Value::Integer(i) => i.hash(state),
        Value::Float(f) => f.to_bits().hash(state),
        Value::Boolean(b) => b.hash(state),
        Value::Datetime(d) => d.to_string().hash(state),
        Value::Array(items) => {
            items.len().hash(state);
            for item in items {
                hash_value(item, state);
            }
        }
        Value::Table(table) => hash_table(table, state),
    }
}

/// A loaded configuration and the warnings reading it raised.
#[derive(Debug)]
pub struct LoadedConfig {
    /// The settings.
    pub config: SiteConfig,
    /// Unknown keys and other things worth a look that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl SiteConfig {
    /// Reads `site.toml` at `root`.
    pub fn load(root: &Path) -> Result<LoadedConfig, BuildError> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(BuildError::usage(
                    CONFIG_FILE,
                    format!(
                        "no {CONFIG_FILE} in {}: run briefgen in a site folder or pass --root DIR",
                        root.display()
                    ),
                ));
            }
            Err(e) => return Err(BuildError::io(format!("reading {}", path.display()), e)),
        };
        let mut loaded = Self::parse(&text).map_err(BuildError::Content)?;
        loaded.config.people = crate::source::people::People::load(root)?;
        loaded.config.strings = crate::source::strings::Strings::load(root)?;
        Ok(loaded)
    }

    /// Parses and checks the text of `site.toml`.
    pub fn parse(text: &str) -> Result<LoadedConfig, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let table: toml::Table = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
        let warnings = unknown_key_warnings(text, &table);
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
        let config = check(text, raw)?;
        Ok(LoadedConfig { config, warnings })
    }

    /// Replaces `base_url`, as `--base-url` does for one build.
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), String> {
        self.base_url = normalize_base_url(base_url)?;
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/repo/`).
    /// Every link of every page starts here: `base_url` is normalized (`http://` or
    /// `https://`, so the scheme is one of two prefixes), and this is asked some 45 times for
    /// each briefing.
    pub fn base_path(&self) -> &str {
        let url = self.base_url.as_str();
        let after_scheme = ["https://", "http://"]
            .iter()
            .find_map(|scheme| url.strip_prefix(scheme))
            .or_else(|| url.split_once("://").map(|(_, rest)| rest))
            .unwrap_or("");
        // The host is short: a byte loop finds its end sooner than a call to `memchr`.
        after_scheme
            .bytes()
            .position(|b| b == b'/')
            .map_or("/", |i| &after_scheme[i..])
    }

    /// The absolute URL of a site path (`tags/nuclear/` → `https://host/repo/tags/nuclear/`):
    /// for what is read away from the site — canonical and Open Graph addresses, feeds, the
    /// sitemap, JSON-LD.
    pub fn url_for(&self, path: &str) -> String {
        joined(&self.base_url, path.trim_start_matches('/'))
    }

    /// The link to a site path from a page of the site, from the server's root
    /// (`tags/nuclear/` → `/repo/tags/nuclear/`): the same page as [`Self::url_for`] in fewer
    /// bytes, wherever the site is served under `base_url`.
    pub fn link_for(&self, path: &str) -> String {
        joined(self.base_path(), path.trim_start_matches('/'))
    }

    /// The absolute URL of a link made by [`Self::link_for`] (an absolute one is kept, and a
    /// site path without the leading `/` is taken as [`Self::url_for`] takes it).
    pub fn absolute(&self, link: &str) -> String {
        if link.contains("://") {
            return link.to_string();
        }
        if !link.starts_with('/') {
            return self.url_for(link);
        }
        let origin = self
            .base_url
            .strip_suffix(self.base_path())
            .unwrap_or(&self.base_url);
        joined(origin, link)
    }
}

/// `a` then `b`, in one allocation, without `format!`'s machinery: every link of every page
/// is made here.
fn joined(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    out.push_str(a);
    out.push_str(b);
    out
}

fn check(text: &str, raw: RawConfig) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut error = |key: &str, message: String| {
        errors.push(Diagnostic::at_line(
            CONFIG_FILE,
            key_line(text, key),
            message,
        ));
    };

    let base_url = match raw.base_url.as_deref() {
        None => {
            error(
                "base_url",
                "base_url is missing: set it to the address the site is published at, \
                 e.g. base_url = \"https://user.github.io/repo/\""
                    .to_string(),
            );
            String::new()
        }
        Some(url) => normalize_base_url(url).unwrap_or_else(|message| {
            error("base_url", message);
            String::new()
        }),
    };
    let timezone_name = raw.timezone.unwrap_or_else(|| "UTC".to_string());
    let timezone = TimeZone::get(&timezone_name).unwrap_or_else(|_| {
        error(
            "timezone",
            format!("timezone `{timezone_name}` is not an IANA time zone name (e.g. \"Asia/Seoul\", \"UTC\")"),
        );
        TimeZone::UTC
    });
    let paginate_by = positive(raw.paginate_by, 20, "paginate_by", &mut error);
    let paginate_terms_by = positive(raw.paginate_terms_by, 100, "paginate_terms_by", &mut error);
    let feed_limit = positive(raw.feed_limit, 20, "feed_limit", &mut error);
    let digest_emails = positive(raw.digest_emails, 20, "digest_emails", &mut error);
    let mut theme_setting = |key: &'static str, value: Option<String>, default: &str| {
        let name = value.unwrap_or_else(|| default.to_string());
        if !crate::source::highlight::has_theme(&name) {
            error(
                key,
                format!(
                    "{key} `{name}` is not a known theme; known themes: {}",
                    crate::source::highlight::theme_names().join(", ")
                ),
            );
        }
        name
    };
    let highlight_theme = theme_setting(
        "highlight_theme",
        raw.highlight_theme,
        crate::source::highlight::DEFAULT_THEME,
    );
    let highlight_theme_dark = theme_setting(
        "highlight_theme_dark",
        raw.highlight_theme_dark,
        crate::source::highlight::DEFAULT_DARK_THEME,
    );
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !crate::source::slug::is_plain_segment(&theme) {
        error(
            "theme",
            format!("theme `{theme}` must be the name of a folder under themes/"),
        );
    }
    let output_dir = raw
        .output_dir
        .unwrap_or_else(|| crate::source::layout::DEFAULT_OUTPUT_DIR.to_string());
    if output_dir.trim().is_empty() {
        error("output_dir", "output_dir must not be empty".to_string());
    }
    let language = raw.language.unwrap_or_else(|| "en".to_string());
    let cname = raw.cname.map(|c| c.trim().to_string());
    if let Some(domain) = &cname {
        let is_host = !domain.is_empty()
            && domain.split('.').count() >= 2
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !is_host {
            error(
                "cname",
                format!(
                    "cname `{domain}` is not a domain name: write only the host, e.g. cname = \"briefs.example.org\""
                ),
            );
        }
    }

    let digest = match raw.digest.as_deref().map(str::trim) {
        None => DigestEvery::default(),
        Some(name) => DigestEvery::of(name).unwrap_or_else(|| {
            let hint = nearest(name, &DigestEvery::NAMES)
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            error(
                "digest",
                format!(
                    "digest `{name}` is not one: write \"weekly\", \"daily\", \"monthly\" or \"off\"{hint}"
                ),
            );
            DigestEvery::default()
        }),
    };

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SiteConfig {
        title: raw.title.unwrap_or_else(|| "Briefings".to_string()),
        base_url,
        description: raw.description,
        language,
        theme,
        output_dir: PathBuf::from(output_dir),
        paginate_by,
        paginate_terms_by,
        feed_limit,
        timezone_name,
        timezone,
        highlight_theme,
        highlight_theme_dark,
        people: Default::default(),
        strings: crate::source::strings::Strings::defaults(),
        allow_raw_html: raw.allow_raw_html,
        build_future: raw.build_future,
        cname,
        digest,
        digest_emails,
        extra: raw.extra,
    })
}

fn positive(
    value: Option<i64>,
    default: usize,
    key: &str,
    error: &mut impl FnMut(&str, String),
) -> usize {
    match value {
        None => default,
        Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
        Some(n) => {
            error(
                key,
                format!("{key} must be a whole number of 1 or more, not {n}"),
            );
            default
        }
    }
}

/// Checks a base URL and gives it a trailing slash.
pub fn normalize_base_url(input: &str) -> Result<String, String> {
    let parsed = url::Url::parse(input.trim()).map_err(|e| {
        format!(
            "base_url `{input}` is not a URL ({e}); write e.g. \"https://user.github.io/repo/\""
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "base_url `{input}` must be an http or https address, e.g. \"https://user.github.io/repo/\""
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "base_url `{input}` must not have a query or a fragment"
        ));
    }
    let mut url = parsed.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

fn unknown_key_warnings(text: &str, table: &toml::Table) -> Vec<Diagnostic> {
    table
        .keys()
        .filter(|key| !KNOWN_KEYS.contains(&key.as_str()))
        .map(|key| {
            let message = format!("unknown key `{key}` is ignored");
            let warning = Diagnostic::at_line(CONFIG_FILE, key_line(text, key), message);
            match nearest(key, KNOWN_KEYS) {
                Some(near) => warning.with_hint(format!("did you mean `{near}`?")),
                None => warning,
            }
        })
        .collect()
}

/// The known name closest to `word`, when it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    nearest_above(word, known.iter().copied(), 0.8)
}

/// The known name closest to `word` by spelling (Jaro–Winkler) scoring above `threshold`.
/// Among equals, the first in byte order: the same hint whatever order `known` is in (a
/// build's and serve's lists of briefings are in different orders).
pub fn nearest_above<'a>(
    word: &str,
    known: impl Iterator<Item = &'a str>,
    threshold: f64,
) -> Option<&'a str> {
    known
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score > threshold)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// The line a top-level key is set on (1 when it cannot be found).
pub(crate) fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

fn toml_error(text: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_string();
    match error.span() {
        Some(span) => {
            let (line, column) = crate::error::line_col(text, span.start);
            Diagnostic::at(CONFIG_FILE, line, column, message)
        }
        None => Diagnostic::new(CONFIG_FILE, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_equal_and_hash_alike_exactly_when_every_setting_is_the_same() {
        let config = |text: &str| SiteConfig::parse(text).unwrap().config;
        let hash = |c: &SiteConfig| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            c.hash(&mut h);
            h.finish()
        };
        let base = "base_url = \"https://e.org/\"\n";
        let a = config(&format!("{base}[extra]\nratio = 0.5\nnames = [\"a\"]\n"));
        let same = config(&format!("{base}[extra]\nratio = 0.5\nnames = [\"a\"]\n"));
        assert!(a == same && hash(&a) == hash(&same));
        for other in [
            format!("{base}[extra]\nratio = 0.25\nnames = [\"a\"]\n"),
            format!("{base}[extra]\nratio = 0.5\nnames = [\"b\"]\n"),
            format!("{base}timezone = \"Asia/Seoul\"\n[extra]\nratio = 0.5\nnames = [\"a\"]\n"),
            format!("{base}paginate_by = 3\n[extra]\nratio = 0.5\nnames = [\"a\"]\n"),
        ] {
            let b = config(&other);
            assert!(a != b, "{other}");
            assert_ne!(hash(&a), hash(&b), "{other}");
        }
    }

    #[test]
    fn defaults_fill_what_is_not_set() {
        let loaded = SiteConfig::parse("base_url = \"https://example.org\"\n").unwrap();
        let c = loaded.config;
        assert_eq!(c.base_url, "https://example.org/");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate_by, 20);
        assert_eq!(c.paginate_terms_by, 100);
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.timezone_name, "UTC");
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn base_path_keeps_the_subpath() {
        let c = SiteConfig::parse("base_url = \"https://user.github.io/repo\"")
            .unwrap()
            .config;
        assert_eq!(c.base_path(), "/repo/");
        assert_eq!(c.url_for("/tags/x/"), "https://user.github.io/repo/tags/x/");
        assert_eq!(c.link_for("/tags/x/"), "/repo/tags/x/");
        assert_eq!(c.link_for(""), "/repo/");
        assert_eq!(
            c.absolute(&c.link_for("tags/x/")),
            "https://user.github.io/repo/tags/x/"
        );
        assert_eq!(c.absolute("https://a.b/c"), "https://a.b/c");
        assert_eq!(c.absolute("tags/x/"), "https://user.github.io/repo/tags/x/");
        // A port's `:` is not the scheme's.
        for (base_url, path) in [
            ("http://127.0.0.1:1111/", "/"),
            ("http://localhost:8080/a/b", "/a/b/"),
            ("https://e.org", "/"),
        ] {
            let mut c = c.clone();
            c.set_base_url(base_url).unwrap();
            assert_eq!(c.base_path(), path, "{base_url}");
        }
    }

    #[test]
    fn unknown_key_warns_with_the_nearest_known_key() {
        let loaded = SiteConfig::parse("base_url = \"https://e.org/\"\npaginte_by = 3\n").unwrap();
        let w = &loaded.warnings[0];
        assert_eq!(w.line, Some(2));
        assert!(w.text().contains("`paginate_by`"), "{}", w.text());
    }

    #[test]
    fn bad_values_are_errors_with_lines() {
        let errors = SiteConfig::parse(
            "base_url = \"ftp://e.org/\"\ntimezone = \"Mars/Olympus\"\npaginate_by = 0\n",
        )
        .unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let errors = SiteConfig::parse("base_url = \"https://e.org/\"\ntitle = \n").unwrap_err();
        assert_eq!(errors[0].line, Some(2));
    }
}
