//! What templates see of the model: the settings, a briefing, a term, a paginator — plain
//! serializable views, each hashable, so that a template value and its hash are made from the
//! same view ([`Made::of`]). A briefing's view is made once per briefing and shared by every
//! list that shows it.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::chars::{JsonText, push_json_string};
use crate::content::model::{Briefing, Site, TaxonomyKind, Term};
use crate::content::story::Timeline;
use crate::content::urls;
use crate::render::parts::{Made, plain_parts};
use crate::source::config::SiteConfig;
use crate::source::dates::rfc3339;

#[derive(Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    description: &'a str,
    language: &'a str,
    paginate_by: usize,
    paginate_terms_by: usize,
    timezone: &'a str,
    extra: &'a toml::Table,
}

/// The settings as templates see them (`config`). The hash is of every setting, not only of
/// those in the view: the template functions (`url`, `date`) read the settings too.
pub fn config(config: &SiteConfig) -> Made {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    config.hash(&mut hasher);
    let view = ConfigView {
        title: &config.title,
        base_url: &config.base_url,
        base_path: config.base_path(),
        description: &config.description,
        language: &config.language,
        paginate_by: config.paginate_by,
        paginate_terms_by: config.paginate_terms_by,
        timezone: &config.timezone_name,
        extra: &config.extra,
    };
    Made {
        value: tera::Value::from_serializable(&view),
        hash: hasher.finish(),
    }
}

#[derive(Serialize, Hash)]
struct TermRef<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
}

/// The template value of each term as a briefing names it (`people` and `tags`: `name`,
/// `slug`, `url`), made once per site and shared by every briefing's summary that names it —
/// a term is named by hundreds of briefings, and each held its own copy (23 MB of a
/// 10,000-briefing build's 232 MB heap). Empty, every summary makes its own.
#[derive(Default)]
pub struct TermValues {
    /// By slug: the name as the term's page writes it, and the value.
    people: FxHashMap<String, (String, tera::Value)>,
    tags: FxHashMap<String, (String, tera::Value)>,
}

impl TermValues {
    /// The people's and tags' values of a site.
    pub fn of(site: &Site, config: &SiteConfig) -> TermValues {
        let of_kind = |kind: TaxonomyKind| {
            site.taxonomy(kind)
                .terms
                .iter()
                .map(|term| {
                    let value = term_value(kind, &term.name, &term.slug, config);
                    (term.slug.clone(), (term.name.clone(), value))
                })
                .collect()
        };
        TermValues {
            people: of_kind(TaxonomyKind::People),
            tags: of_kind(TaxonomyKind::Tags),
        }
    }

    /// The shared value of a term as a briefing writes it, when it spells it as the term's
    /// page does.
    fn shared(&self, kind: TaxonomyKind, name: &str, slug: &str) -> Option<&tera::Value> {
        let of_kind = if kind == TaxonomyKind::People {
            &self.people
        } else {
            &self.tags
        };
        of_kind
            .get(slug)
            .filter(|(shared_name, _)| shared_name == name)
            .map(|(_, value)| value)
    }

    /// A summary's list of people or tags: the shared value of each term it spells as the
    /// term's page does, its own value of the others.
    fn list(
        &self,
        kind: TaxonomyKind,
        names: &[String],
        slugs: &[String],
        config: &SiteConfig,
    ) -> tera::Value {
        names
            .iter()
            .zip(slugs)
            .map(|(name, slug)| match self.shared(kind, name, slug) {
                Some(value) => value.clone(),
                None => term_value(kind, name, slug, config),
            })
            .collect::<Vec<_>>()
            .into()
    }
}

/// A briefing's people or tags, as its view lists them.
enum Terms<'a> {
    /// Made for the full view.
    Refs(Vec<TermRef<'a>>),
    /// A summary's, of the site's shared values ([`TermValues::list`]), handed to Tera as it
    /// is. Hashed by nothing of its own: the summary's hash covers the names and slugs it is
    /// made from ([`prepare_briefing`]).
    Made(tera::Value),
}

impl<'a> Terms<'a> {
    /// The terms, as the full view lists them (none for a summary's, made in Tera's terms).
    fn refs(&self) -> &[TermRef<'a>] {
        match self {
            Terms::Refs(refs) => refs,
            Terms::Made(_) => &[],
        }
    }
}

impl Serialize for Terms<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Terms::Refs(refs) => refs.serialize(serializer),
            Terms::Made(value) => value.serialize(serializer),
        }
    }
}

impl std::hash::Hash for Terms<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if let Terms::Refs(refs) = self {
            refs.hash(state);
        }
    }
}

/// Which view of a briefing: the full one, with its body's HTML, or a summary's.
enum Of<'a> {
    Full(&'a str),
    Summary(&'a TermValues),
}

/// A term as a briefing's `people` or `tags` list shows it.
fn term_ref<'a>(
    kind: TaxonomyKind,
    name: &'a str,
    slug: &'a str,
    config: &SiteConfig,
) -> TermRef<'a> {
    TermRef {
        name,
        slug,
        url: config.link_for(&urls::term(kind, slug)),
    }
}

/// A briefing's list of people or tags.
fn term_refs<'a>(
    kind: TaxonomyKind,
    names: &'a [String],
    slugs: &'a [String],
    config: &SiteConfig,
) -> Vec<TermRef<'a>> {
    names
        .iter()
        .zip(slugs)
        .map(|(name, slug)| term_ref(kind, name, slug, config))
        .collect()
}

fn term_value(kind: TaxonomyKind, name: &str, slug: &str, config: &SiteConfig) -> tera::Value {
    tera::Value::from_serializable(&term_ref(kind, name, slug, config))
}

#[derive(Serialize, Hash)]
struct SourceView<'a> {
    name: &'a str,
    /// The article's address.
    url: Option<&'a str>,
    slug: &'a str,
    /// The source's page on this site.
    page_url: String,
}

#[derive(Serialize, Hash)]
struct BriefingView<'a> {
    title: &'a str,
    slug: &'a str,
    path: String,
    url: String,
    content_path: &'a str,
    date: String,
    /// The day it is dated, as written (`2019-02-28`): a list's `<time datetime>`.
    day: String,
    date_display: String,
    /// The time of day and offset, when the date gives one (not midnight).
    time_display: Option<String>,
    year: i16,
    month: i8,
    updated: Option<String>,
    /// The day it was updated, only when that is not the day it is dated.
    updated_display: Option<String>,
    source: SourceView<'a>,
    people: Terms<'a>,
    tags: Terms<'a>,
    summary: &'a str,
    /// Its language (BCP 47).
    language: &'a str,
    /// Its language where it is not the site's, else none: what a list (in the site's
    /// language) marks its title with (`lang="ko"`).
    lang: Option<&'a str>,
    word_count: usize,
    reading_time: usize,
    /// Whether the body holds highlighted code (and so needs `highlight.css`).
    has_code: bool,
    draft: bool,
    extra: &'a Option<crate::source::yaml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
    /// schema.org `NewsArticle` JSON-LD, safe inside `<script>` (on the briefing's page).
    #[serde(skip_serializing_if = "Option::is_none")]
    json_ld: Option<String>,
}

/// A briefing turned into template values once: the summary that lists show (a [`Made`], so
/// its hash is of the same view), and the hash of the whole briefing, body included. The full
/// value, with the body's HTML, is made only for the few files that show it (the briefing's
/// page and the site feed), so that the site's HTML is not held twice.
#[derive(Debug)]
pub struct PreparedBriefing {
    /// The value lists show, and its hash.
    pub summary: Made,
    /// The hash of the full value: the summary's view, the body and its stories.
    pub full_hash: u64,
    /// Its page's path from the server's root (`/repo/briefings/x/`: `current_path`).
    pub current_path: String,
    /// Its page's URL (`current_url`).
    pub current_url: String,
    /// Its entry in the sitemap.
    pub sitemap: Made,
}

/// Prepares one briefing's template values; `terms` are its people's and tags' values.
pub fn prepare_briefing(b: &Briefing, config: &SiteConfig, terms: &TermValues) -> PreparedBriefing {
    use std::hash::{Hash, Hasher};
    let view = briefing_view(b, config, Of::Summary(terms));
    // The view's lists are hashed by the names and slugs they are made from (their addresses
    // follow from the slugs and the settings).
    let mut hasher = rustc_hash::FxHasher::default();
    (&view, &b.people, &b.slugs.people, &b.tags, &b.slugs.tags).hash(&mut hasher);
    let summary = Made {
        value: tera::Value::from_serializable(&view),
        hash: hasher.finish(),
    };
    let mut hasher = rustc_hash::FxHasher::default();
    (summary.hash, &b.html, &b.stories).hash(&mut hasher);
    let current_url = config.url_for(&view.path);
    let sitemap = Made::of(&SitemapEntry {
        lastmod: Some(view.updated.clone().unwrap_or_else(|| view.date.clone())),
        url: current_url.clone(),
    });
    PreparedBriefing {
        current_path: view.url.clone(),
        current_url,
        summary,
        full_hash: hasher.finish(),
        sitemap,
    }
}

/// The full template value of a briefing: its summary view with the body's HTML as `content`,
/// and its JSON-LD. Both are made from the summary view, the body and the settings, so the
/// full hash (summary and body) and the settings' hash cover them.
pub fn full_value(b: &Briefing, config: &SiteConfig) -> tera::Value {
    let html = b.html.text();
    let mut view = briefing_view(b, config, Of::Full(&html));
    // Its stories' pages: not in the summary view, which every list that shows the briefing
    // carries, but only here (the full hash covers `b.stories`).
    let stories: Vec<String> = b
        .stories
        .iter()
        .map(|slug| config.url_for(&urls::story(slug)))
        .collect();
    view.json_ld = Some(json_ld(&view, &stories, config));
    tera::Value::from_serializable(&view)
}

/// A briefing as schema.org `NewsArticle`: the curator's site is its author,
/// the outlet's article what it is based on, its people what it mentions, its stories' pages
/// what it is part of. What search engines and link previews read; what the page's `<head>`
/// says already (its description, tags) is not said again here. Its language is (issue 31 asks
/// for it: a reader of the JSON-LD alone, away from the page, has no `lang`).
///
/// Written key by key into one string by [`push_json_string`], as serde_json would write the
/// same object after [`crate::chars::json_without_markup`] (`<` as `\u003c`): every briefing
/// page has one, and serde's writer, a few bytes a call, with a copy after to escape `<`, cost
/// 0.8 % of a build.
fn json_ld(view: &BriefingView<'_>, stories: &[String], config: &SiteConfig) -> String {
    let mut json = String::with_capacity(512);
    json.push_str(r#"{"@context":"https://schema.org","@type":"NewsArticle""#);
    push_json_field(&mut json, "headline", view.title);
    // The JSON-LD is read away from the page: its addresses are absolute.
    push_json_field(&mut json, "url", &config.url_for(&view.path));
    push_json_field(&mut json, "datePublished", &view.date);
    push_json_field(&mut json, "inLanguage", view.language);
    // Only when it was updated: without it, readers take the published date.
    if let Some(updated) = &view.updated {
        push_json_field(&mut json, "dateModified", updated);
    }
    json.push_str(r#","author":{"@type":"Organization""#);
    push_json_field(&mut json, "name", &config.title);
    push_json_field(&mut json, "url", &config.base_url);
    json.push_str(r#"},"isBasedOn":{"@type":"NewsArticle""#);
    if let Some(url) = view.source.url {
        push_json_field(&mut json, "url", url);
    }
    json.push_str(r#","publisher":{"@type":"Organization""#);
    push_json_field(&mut json, "name", view.source.name);
    json.push_str("}}");
    let people = view.people.refs();
    if !people.is_empty() {
        json.push_str(r#","mentions":"#);
        push_json_ld_list(&mut json, "Person", "name", people.iter().map(|p| p.name));
    }
    // Its stories' pages, as `isPartOf`.
    if !stories.is_empty() {
        json.push_str(r#","isPartOf":"#);
        push_json_ld_list(
            &mut json,
            "CollectionPage",
            "url",
            stories.iter().map(String::as_str),
        );
    }
    json.push('}');
    json
}

/// Writes a JSON-LD list of things each named by one field — `[{"@type": kind, field: …},
/// …]` — as a briefing's `mentions` (people by `name`) and `isPartOf` and a story page's
/// `hasPart` (pages by `url`) give them.
pub fn push_json_ld_list<'a>(
    json: &mut String,
    kind: &str,
    field: &str,
    values: impl IntoIterator<Item = &'a str>,
) {
    json.push('[');
    for (n, value) in values.into_iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        json.push_str(r#"{"@type":"#);
        push_json_string(json, kind, JsonText::Plain);
        push_json_field(json, field, value);
        json.push('}');
    }
    json.push(']');
}

/// Writes `,"name":"value"`: a field of an object after its first.
pub fn push_json_field(json: &mut String, name: &str, value: &str) {
    json.push_str(",\"");
    json.push_str(name);
    json.push_str("\":");
    push_json_string(json, value, JsonText::Plain);
}

/// A briefing's view: the full one (its page, the site feed), with its body's HTML and its
/// people and tags listed; or a summary's, whose lists are the site's shared term values.
fn briefing_view<'a>(b: &'a Briefing, config: &SiteConfig, of: Of<'a>) -> BriefingView<'a> {
    // A briefing's page speaks its language; a summary, shared by every list, the site's.
    let (content, terms, language) = match of {
        Of::Full(html) => (Some(html), None, b.language.as_str()),
        Of::Summary(terms) => (None, Some(terms), config.language.as_str()),
    };
    let lists = |kind: TaxonomyKind, names: &'a [String], slugs: &'a [String]| match terms {
        Some(terms) => Terms::Made(terms.list(kind, names, slugs, config)),
        None => Terms::Refs(term_refs(kind, names, slugs, config)),
    };
    let path = b.path();
    BriefingView {
        title: &b.title,
        slug: &b.slug,
        url: config.link_for(&path),
        path,
        content_path: &b.content_path,
        date: rfc3339(&b.date),
        day: b.date.date().to_string(),
        date_display: config.strings.date(language, b.date.date()),
        time_display: (b.date.time() != jiff::civil::Time::midnight()).then(|| {
            format!(
                "{:02}:{:02} (UTC{})",
                b.date.hour(),
                b.date.minute(),
                offset_display(b.date.offset())
            )
        }),
        year: b.date.year(),
        month: b.date.month(),
        updated: b.updated.as_ref().map(rfc3339),
        updated_display: b
            .updated
            .as_ref()
            .filter(|u| u.date() != b.date.date())
            .map(|u| config.strings.date(language, u.date())),
        source: SourceView {
            name: &b.source.name,
            url: b.source.url.as_deref(),
            page_url: config.link_for(&urls::term(TaxonomyKind::Sources, &b.slugs.source)),
            slug: &b.slugs.source,
        },
        people: lists(TaxonomyKind::People, &b.people, &b.slugs.people),
        tags: lists(TaxonomyKind::Tags, &b.tags, &b.slugs.tags),
        summary: &b.summary,
        language: &b.language,
        lang: (b.language != config.language).then_some(b.language.as_str()),
        word_count: b.word_count,
        reading_time: b.word_count.div_ceil(200).max(1),
        has_code: b.has_code,
        draft: b.draft,
        extra: &b.extra,
        content,
        json_ld: None,
    }
}

/// An offset as people write it after "UTC": `+09:00`, `-03:30`, or nothing for UTC itself.
fn offset_display(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    if seconds == 0 {
        return String::new();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A taxonomy's name and index page (`taxonomy`).
#[derive(Serialize, Hash)]
pub struct TaxonomyView {
    name: &'static str,
    title: String,
    singular: &'static str,
    url: String,
}

impl TaxonomyView {
    /// The view of a taxonomy.
    pub fn of(kind: TaxonomyKind, config: &SiteConfig) -> TaxonomyView {
        TaxonomyView {
            name: kind.name(),
            title: config
                .strings
                .word(&config.language, kind.name())
                .to_string(),
            singular: kind.singular(),
            url: config.link_for(&urls::taxonomy(kind)),
        }
    }
}

/// A term, as its page and its taxonomy's index show it (`term`, `terms`).
#[derive(Serialize, Hash)]
pub struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    feed_url: String,
    count: usize,
}

impl TermView<'_> {
    /// The view of a term.
    pub fn of<'t>(kind: TaxonomyKind, term: &'t Term, config: &SiteConfig) -> TermView<'t> {
        let path = urls::term(kind, &term.slug);
        TermView {
            name: &term.name,
            slug: &term.slug,
            url: config.link_for(&path),
            feed_url: config.link_for(&urls::feed_of(&path)),
            count: term.briefings.len(),
        }
    }
}

/// A story as lists show it: the stories index, a person's page, related stories.
#[derive(Serialize, Hash)]
pub struct StoryView<'a> {
    title: &'a str,
    slug: &'a str,
    url: String,
    feed_url: String,
    /// `developing` or `concluded`.
    status: &'static str,
    summary: &'a str,
    /// How many published briefings it has.
    count: usize,
    /// Its first briefing's date (RFC 3339) and as shown, if it has any.
    first_date: Option<String>,
    first_display: Option<String>,
    /// Its newest briefing's date and as shown.
    latest_date: Option<String>,
    latest_display: Option<String>,
}

impl StoryView<'_> {
    /// The view of a story of the site whose briefings are `briefings`.
    pub fn of<'t>(
        t: &'t Timeline,
        briefings: &[std::sync::Arc<Briefing>],
        config: &SiteConfig,
    ) -> StoryView<'t> {
        let path = t.story.path();
        let date = |i: Option<usize>| i.map(|i| &briefings[i].date);
        StoryView {
            title: &t.story.title,
            slug: &t.story.slug,
            url: config.link_for(&path),
            feed_url: config.link_for(&urls::feed_of(&path)),
            status: t.story.status.name(),
            summary: &t.story.summary,
            count: t.briefings.len(),
            first_date: date(t.first()).map(rfc3339),
            first_display: date(t.first()).map(|d| config.strings.date(&config.language, d.date())),
            latest_date: date(t.latest()).map(rfc3339),
            latest_display: date(t.latest())
                .map(|d| config.strings.date(&config.language, d.date())),
        }
    }
}

/// A story as a briefing's page names it: its title, page and count (a [`StoryView`]'s dates
/// are not worth making for every briefing of every story).
#[derive(Serialize, Hash)]
pub struct StoryLink<'a> {
    title: &'a str,
    url: String,
    /// How many published briefings it has.
    count: usize,
}

impl StoryLink<'_> {
    /// The link to a story of the site.
    pub fn of<'t>(t: &'t Timeline, config: &SiteConfig) -> StoryLink<'t> {
        StoryLink {
            title: &t.story.title,
            url: config.link_for(&t.story.path()),
            count: t.briefings.len(),
        }
    }
}

/// Where a page is in its list (`paginator`).
#[derive(Serialize, Hash)]
pub struct Paginator {
    /// This page, from 1.
    pub current_index: usize,
    /// How many pages.
    pub number_pagers: usize,
    /// Briefings per page.
    pub paginate_by: usize,
    /// Briefings in the list.
    pub total_briefings: usize,
    /// The first page's URL.
    pub first: String,
    /// The last page's URL.
    pub last: String,
    /// The previous page's URL.
    pub previous: Option<String>,
    /// The next page's URL.
    pub next: Option<String>,
    /// Numbered links: the first and last pages, and those near this one, with gaps between.
    pub pages: Vec<PageLink>,
}

/// One entry of a numbered pagination.
#[derive(Serialize, Hash)]
pub struct PageLink {
    /// The page's number, from 1 (0 for a gap).
    pub number: usize,
    /// Its URL (empty for a gap).
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
    /// Whether it stands for pages left out.
    pub gap: bool,
}

/// How many pages on each side of the current one get a number of their own.
const NEAR: usize = 2;

/// The numbered links of page `current` of `count`: 1, a gap, the pages within [`NEAR`] of
/// `current`, a gap, `count` — a gap only where it hides more than one page.
pub fn page_links(current: usize, count: usize, url: impl Fn(usize) -> String) -> Vec<PageLink> {
    let near = current.saturating_sub(NEAR).max(1)..=(current + NEAR).min(count);
    let mut shown: Vec<usize> = vec![1];
    shown.extend(near);
    shown.push(count);
    // A gap of one page is shown as that page.
    let mut filled = Vec::new();
    for n in shown {
        if let Some(&last) = filled.last() {
            if n <= last {
                continue;
            }
            if n == last + 2 {
                filled.push(last + 1);
            }
        }
        filled.push(n);
    }
    let mut links = Vec::new();
    for (i, &n) in filled.iter().enumerate() {
        if i > 0 && n > filled[i - 1] + 1 {
            links.push(PageLink {
                number: 0,
                url: String::new(),
                current: false,
                gap: true,
            });
        }
        links.push(PageLink {
            number: n,
            url: url(n),
            current: n == current,
            gap: false,
        });
    }
    links
}

/// An Atom feed's own details (`feed`).
#[derive(Serialize, Hash)]
pub struct FeedView {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// The URL of the page it follows.
    pub alternate_url: String,
    /// The newest date of its entries.
    pub updated: String,
}

/// One URL of the sitemap.
#[derive(Serialize, Hash)]
pub struct SitemapEntry {
    /// The page's URL.
    pub url: String,
    /// When it last changed, where known.
    pub lastmod: Option<String>,
}

/// The sitemap's entry of a page with translations: each language's page as an alternate.
#[derive(Serialize, Hash)]
pub struct TranslatedEntry {
    /// The page's URL.
    pub url: String,
    /// When it last changed.
    pub lastmod: Option<String>,
    /// Each language's page, the page's own included: (`hreflang`, URL).
    pub alternates: Vec<(String, String)>,
}

/// A year of the chronology as the year links show it (`all_years`).
#[derive(Serialize, Hash)]
pub struct YearLink {
    /// The year.
    pub year: i16,
    /// Its page.
    pub url: String,
    /// How many briefings it has.
    pub count: usize,
}

/// A month of the chronology as links to it show it: the grid of the chronology's index, the
/// month links of a year, the previous and next month.
#[derive(Serialize, Hash)]
pub struct MonthLink {
    /// The year.
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    /// Its name (`June`, `6월`).
    pub name: String,
    /// Its short name (`Jun`, `6월`).
    pub short_name: String,
    /// What a narrow calendar shows of it: its first letter, or its number where its name
    /// starts with one (`J`; `10`, not the `1` of `10월`).
    pub initial: String,
    /// How many briefings it has.
    pub count: usize,
    /// Its page, when it has briefings (empty when it has none).
    pub url: String,
}

plain_parts!(
    TaxonomyView,
    TermView<'_>,
    StoryView<'_>,
    StoryLink<'_>,
    PageLink,
    Paginator,
    FeedView,
    SitemapEntry,
    YearLink,
    MonthLink
);

#[cfg(test)]
mod tests {
    use super::*;
    use TaxonomyKind::{People, Tags};

    fn shown(current: usize, count: usize) -> String {
        page_links(current, count, |n| format!("/p{n}/"))
            .iter()
            .map(|l| match (l.gap, l.current) {
                (true, _) => "…".to_string(),
                (_, true) => format!("[{}]", l.number),
                _ => l.number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn briefing(slug: &str, people: &[&str], tags: &[&str]) -> std::sync::Arc<Briefing> {
        Briefing::for_tests(slug, "2019-02-28", people, tags)
    }

    #[test]
    fn json_ld_is_the_article_as_json_without_markup() {
        let config =
            SiteConfig::parse("base_url = \"https://e.org/r/\"\ntitle = \"A \\\"q\\\" <site>\"\n")
                .unwrap()
                .config;
        let mut b = (*briefing("a", &["Kim <b>", "Lee"], &[])).clone();
        b.title = "Talks </script> \"end\"\n".into();
        b.updated = Some(b.date.clone());
        b.source.url = Some("https://kbs.example/1?a=<x>".into());
        let view = briefing_view(&b, &config, Of::Full(""));
        let stories = ["https://e.org/r/stories/s/".to_string()];
        let text = json_ld(&view, &stories, &config);
        assert!(!text.contains('<'), "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let date = rfc3339(&b.date);
        assert_eq!(
            value,
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Talks </script> \"end\"\n",
                "url": "https://e.org/r/briefings/a/",
                "datePublished": date,
                "inLanguage": "en",
                "dateModified": date,
                "author": {"@type": "Organization", "name": "A \"q\" <site>", "url": "https://e.org/r/"},
                "isBasedOn": {
                    "@type": "NewsArticle",
                    "url": "https://kbs.example/1?a=<x>",
                    "publisher": {"@type": "Organization", "name": "KBS"}
                },
                "mentions": [{"@type": "Person", "name": "Kim <b>"}, {"@type": "Person", "name": "Lee"}],
                "isPartOf": [{"@type": "CollectionPage", "url": "https://e.org/r/stories/s/"}]
            })
        );
        // Keys in the order written, the article's own first.
        assert!(
            text.starts_with(
                r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"#
            )
        );
        // Without people, an address or stories, their keys are left out.
        b.people.clear();
        b.source.url = None;
        b.updated = None;
        let view = briefing_view(&b, &config, Of::Full(""));
        let value: serde_json::Value = serde_json::from_str(&json_ld(&view, &[], &config)).unwrap();
        for key in ["mentions", "isPartOf", "dateModified"] {
            assert!(value.get(key).is_none(), "{key}");
        }
        assert!(value["isBasedOn"].get("url").is_none());
    }

    #[test]
    fn a_summary_lists_its_terms_as_its_view_would_shared_where_spelt_alike() {
        let config = SiteConfig::parse("base_url = \"https://e.org/repo/\"\n")
            .unwrap()
            .config;
        // "summits" spells the tag as the tag's page does not ("Summits", the most used).
        let briefings = vec![
            briefing("a", &["Kim Jong-un", "Moon Jae-in"], &["Summits"]),
            briefing("b", &["Kim Jong-un"], &["Summits", "Sanctions"]),
            briefing("c", &[], &["summits"]),
        ];
        let site = Site::new(briefings.clone());
        let terms = TermValues::of(&site, &config);
        for b in &briefings {
            let value = prepare_briefing(b, &config, &terms).summary.value;
            // The full view's lists, made for it, without the body.
            let mut view = briefing_view(b, &config, Of::Full(""));
            view.content = None;
            assert!(matches!(view.people, Terms::Refs(_)) && matches!(view.tags, Terms::Refs(_)));
            assert_eq!(value, tera::Value::from_serializable(&view), "{}", b.slug);
            // Without shared values, the same.
            let own = prepare_briefing(b, &config, &TermValues::default());
            assert_eq!(own.summary.value, value, "{}", b.slug);
        }
        assert!(terms.shared(People, "Kim Jong-un", "kim-jong-un").is_some());
        assert!(terms.shared(Tags, "Summits", "summits").is_some());
        assert!(terms.shared(Tags, "summits", "summits").is_none());
    }

    #[test]
    fn numbered_pages_show_the_ends_and_the_neighbourhood() {
        assert_eq!(shown(1, 1), "[1]");
        assert_eq!(shown(1, 3), "[1] 2 3");
        assert_eq!(shown(1, 10), "[1] 2 3 … 10");
        assert_eq!(shown(5, 10), "1 2 3 4 [5] 6 7 … 10");
        assert_eq!(shown(6, 12), "1 … 4 5 [6] 7 8 … 12");
        assert_eq!(shown(12, 12), "1 … 10 11 [12]");
        let links = page_links(2, 3, |n| format!("/p{n}/"));
        assert_eq!(links[0].url, "/p1/");
    }
}
