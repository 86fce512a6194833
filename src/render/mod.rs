//! The render stage: every file of the site as a [`Job`] of a page kind ([`kinds`]), each
//! job's input as one typed [`Page`] value, and the page rendered through Tera. The same
//! [`Page`] gives the template's context and the file's fingerprint ([`Renderer::fingerprint`]),
//! so `serve` re-renders a file exactly when something its template sees has changed.
//!
//! - [`kinds`]: one module per page kind, and the list of them;
//! - [`parts`]: the rule that makes a value and its hash from the same data;
//! - [`views`]: what templates see of the model (a briefing, a term, a paginator);
//! - [`pages`]: a page's input, and the parts several kinds share;
//! - [`templates`]: Tera, with briefgen's functions and filters.

pub mod kinds;
pub mod pages;
pub mod parts;
pub mod templates;
pub mod views;

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::content::digest::{self, Period};
use crate::content::model::{Briefing, Site, TaxonomyKind, Term, Year};
use crate::content::urls;
use crate::error::Diagnostic;
use crate::render::pages::{Body, Common, Full, Page, SitemapItem};
use crate::render::parts::{Made, Part};
use crate::render::templates::Templates;
use crate::render::views::{MonthLink, Paginator, PreparedBriefing, SitemapEntry, YearLink};
use crate::rendered::RenderedFile;
use crate::source::config::SiteConfig;
use crate::source::dates::rfc3339;
use crate::source::people::Person;

pub use crate::render::kinds::YEAR_LISTED_WHOLE;
pub use crate::render::kinds::{Job, KINDS, PageKind};
pub use crate::render::views::{TermValues, prepare_briefing};

/// Prepares every briefing of a site, in parallel.
pub fn prepare_all(site: &Site, config: &SiteConfig) -> Vec<Arc<PreparedBriefing>> {
    let terms = TermValues::of(site, config);
    site.briefings
        .par_iter()
        .map(|b| Arc::new(prepare_briefing(b, config, &terms)))
        .collect()
}

/// Everything a render job reads: the site, its templates and the prepared values.
pub struct Renderer<'a> {
    site: &'a Site,
    config: &'a SiteConfig,
    templates: &'a Templates,
    config_value: Made,
    prepared: &'a [Arc<PreparedBriefing>],
    /// Every briefing, for the feeds.
    all: Vec<usize>,
    /// The home list: every briefing, one entry per story in languages (`one_per_story`).
    listed: Vec<usize>,
    /// Each story as a briefing's or a person's page names it, made once for all of them.
    story_links: Vec<Made>,
    /// Each story as lists show it (the stories index, its own page, related stories), made
    /// once for all of them.
    story_views: Vec<Made>,
    /// Whether each briefing is one its readers are meant to have, for the data files, the
    /// JSON Feed and the story timelines: not a draft, not dated after the render's start
    /// (`--drafts` and `--future` preview those on pages, not in the data). Decided once, at
    /// one instant, so that every file of a render agrees.
    published: Vec<bool>,
    /// The periods with briefings, newest first, each of which has a digest.
    digests: Vec<Period>,
    /// Each period's title and days in the site's words (`Week 24, 2025`, `9–15 June 2025`),
    /// made once: every digest page links to others.
    digest_names: Vec<(String, String)>,
    /// The theme's words in the site's language and in each briefing's, made once for every
    /// page in it.
    words: rustc_hash::FxHashMap<String, Made>,
    /// The summary of each briefing that has translations, with them (`translations`: each
    /// `language`, `name`, `url`), so that a list shows the other languages one click away.
    translated_summaries: rustc_hash::FxHashMap<usize, Made>,
    /// Whether each briefing gives way in a list to its translation in the site's language
    /// when both are in it (one entry per story in languages); empty when none does.
    gives_way: Vec<bool>,
}

/// One of a listed briefing's other languages.
#[derive(serde::Serialize, Hash)]
struct OtherLanguage<'a> {
    language: &'a str,
    name: &'a str,
    url: &'a str,
}

/// A summary with its briefing's other languages.
#[derive(serde::Serialize)]
struct WithTranslations<'a> {
    #[serde(flatten)]
    summary: &'a tera::Value,
    translations: Vec<OtherLanguage<'a>>,
}

/// The summaries of the briefings that have translations, with their other languages.
fn translated_summaries(
    site: &Site,
    prepared: &[Arc<PreparedBriefing>],
) -> rustc_hash::FxHashMap<usize, Made> {
    site.translations
        .iter()
        .enumerate()
        .filter(|(_, others)| !others.is_empty())
        .map(|(i, others)| {
            let translations: Vec<OtherLanguage<'_>> = others
                .iter()
                .map(|&j| {
                    let language = site.briefings[j].language.as_str();
                    OtherLanguage {
                        language,
                        name: crate::source::language::own_name(language),
                        url: &prepared[j].current_path,
                    }
                })
                .collect();
            let mut hasher = FxHasher::default();
            (prepared[i].summary.hash, &translations).hash(&mut hasher);
            let made = Made {
                value: tera::Value::from_serializable(&WithTranslations {
                    summary: &prepared[i].summary.value,
                    translations,
                }),
                hash: hasher.finish(),
            };
            (i, made)
        })
        .collect()
}

/// Whether each briefing gives way to a translation in the site's language (see
/// `Renderer::gives_way`); empty when none does.
fn gives_way(site: &Site, language: &str) -> Vec<bool> {
    let gives = |i: usize| {
        site.briefings[i].language != language
            && site.translations[i]
                .iter()
                .any(|&j| site.briefings[j].language == language)
    };
    if !(0..site.briefings.len()).any(gives) {
        return Vec::new();
    }
    (0..site.briefings.len()).map(gives).collect()
}

fn pages(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

/// The members on page `page` (from 1) of a list.
fn on_page(members: &[usize], page: usize, per_page: usize) -> &[usize] {
    let start = ((page - 1) * per_page).min(members.len());
    &members[start..(start + per_page).min(members.len())]
}

impl<'a> Renderer<'a> {
    /// A renderer for `site`; `prepared` holds each briefing's values, in the site's order.
    pub fn new(
        site: &'a Site,
        config: &'a SiteConfig,
        templates: &'a Templates,
        prepared: &'a [Arc<PreparedBriefing>],
    ) -> Renderer<'a> {
        let digests = digest::periods(&site.briefings, config.digest);
        let digest_names = digests
            .iter()
            .map(|p| {
                (
                    p.title(config.digest, &config.strings, &config.language),
                    p.span(&config.strings, &config.language),
                )
            })
            .collect();
        let mut renderer = Renderer {
            site,
            config,
            templates,
            config_value: views::config(config),
            prepared,
            all: (0..site.briefings.len()).collect(),
            listed: Vec::new(),
            translated_summaries: translated_summaries(site, prepared),
            gives_way: gives_way(site, &config.language),
            story_links: site
                .stories
                .timelines
                .iter()
                .map(|t| Made::of(&views::StoryLink::of(t, config)))
                .collect(),
            story_views: site
                .stories
                .timelines
                .iter()
                .map(|t| Made::of(&views::StoryView::of(t, &site.briefings, config)))
                .collect(),
            digests,
            digest_names,
            words: std::iter::once(config.language.as_str())
                .chain(site.briefings.iter().map(|b| b.language.as_str()))
                .fold(rustc_hash::FxHashMap::default(), |mut words, language| {
                    if !words.contains_key(language) {
                        words.insert(language.to_string(), Made::of(&config.strings.of(language)));
                    }
                    words
                }),
            published: {
                let now = jiff::Timestamp::now();
                site.briefings
                    .iter()
                    .map(|b| !b.draft && b.date.timestamp() <= now)
                    .collect()
            },
        };
        renderer.listed = renderer.one_per_story(&renderer.all).into_owned();
        renderer
    }

    /// Every file the site has, kind by kind in the order of [`KINDS`].
    pub fn jobs(&self) -> Vec<Job> {
        kinds::jobs(self)
    }

    /// Where a job's file goes in the output (`tags/x/page/2/index.html`).
    pub fn output_path(&self, job: Job) -> String {
        urls::output_file(&job.kind.site_path(self, job.at))
    }

    /// Everything a job's file is made from.
    pub fn page(&self, job: Job) -> Page<'_> {
        let language = job.kind.language(self, job.at);
        let (page_title, page_description) = job.kind.title(self, job.at);
        let (current_path, current_url) = job.kind.current(self, job.at);
        Page {
            template: job.kind.template(),
            common: Common {
                config: &self.config_value,
                current_path,
                current_url,
                page_title,
                page_description,
                has_stories: !self.site.stories.is_empty(),
                has_digests: !self.digests.is_empty(),
                language,
                t: self.words_in(language),
            },
            body: job.kind.body(self, job.at),
        }
    }

    /// A hash of everything a page is made from — the template (with those it extends or
    /// includes) and the page's value: when it is unchanged, so is the file.
    pub fn fingerprint(&self, page: &Page<'_>) -> u64 {
        let mut h = FxHasher::default();
        match (&page.body, page.template) {
            (Body::Text(text), _) => text.hash(&mut h),
            (Body::Hashed { hash, .. }, _) => hash.hash(&mut h),
            (body, template) => {
                template.map(|t| self.templates.fingerprint(t)).hash(&mut h);
                page.common.hash_into(&mut h);
                if let Some(fields) = body.fields() {
                    crate::render::parts::hash_fields(fields, &mut h);
                }
            }
        }
        h.finish()
    }

    /// Renders a page into its file.
    pub fn render_page(&self, job: Job, page: &Page<'_>) -> Result<RenderedFile, Diagnostic> {
        let path = self.output_path(job);
        let text = match (&page.body, page.template) {
            (Body::Text(text), _) => text.clone(),
            (Body::Hashed { text, .. }, _) => text(),
            (_, None) => String::new(),
            (body, Some(template)) => {
                let mut context = crate::render::parts::context(&page.common);
                if let Some(fields) = body.fields() {
                    context.extend(crate::render::parts::context(fields));
                }
                self.templates.render(template, &context)?
            }
        };
        Ok(RenderedFile {
            path,
            bytes: without_unencodable(text).into_bytes(),
        })
    }

    /// The theme's words in `language` (the site's, for a language no briefing has).
    fn words_in(&self, language: &str) -> &Made {
        self.words
            .get(language)
            .or_else(|| self.words.get(&self.config.language))
            .unwrap_or(&self.config_value)
    }

    /// The published briefings (see `published`), newest first.
    fn published(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.published.len()).filter(|&i| self.published[i])
    }

    /// Whether briefing `i` is published (see `published`).
    fn is_published(&self, i: usize) -> bool {
        self.published[i]
    }

    /// A hash of the settings, of `also` (what else the file is made from) and of briefings
    /// `members` whole (their summary's values, body and stories): what a file written from
    /// those briefings' data is made from.
    fn hash_of_briefings(&self, also: u64, members: impl Iterator<Item = usize>) -> u64 {
        let mut h = FxHasher::default();
        (self.config_value.hash, also).hash(&mut h);
        for i in members {
            (i, self.prepared[i].full_hash).hash(&mut h);
        }
        h.finish()
    }

    /// Briefing `i` as lists show it (with its other languages, when it has some).
    fn summary(&self, i: usize) -> &Made {
        if !self.translated_summaries.is_empty()
            && let Some(made) = self.translated_summaries.get(&i)
        {
            return made;
        }
        &self.prepared[i].summary
    }

    /// A list of briefings as a page in the site's language shows it: one entry per story in
    /// languages — a briefing whose translation in the site's language is in the same list
    /// gives way to it (and is one click away from it, in its `translations`).
    fn one_per_story<'l>(&self, list: &'l [usize]) -> Cow<'l, [usize]> {
        if self.gives_way.is_empty() || !list.iter().any(|&i| self.gives_way[i]) {
            return Cow::Borrowed(list);
        }
        let language = &self.config.language;
        let ascending = list.windows(2).all(|w| w[0] < w[1]);
        let listed = |j: &usize| {
            if ascending {
                list.binary_search(j).is_ok()
            } else {
                list.contains(j)
            }
        };
        Cow::Owned(
            list.iter()
                .copied()
                .filter(|&i| {
                    !self.gives_way[i]
                        || !self.site.translations[i]
                            .iter()
                            .any(|j| self.site.briefings[*j].language == *language && listed(j))
                })
                .collect(),
        )
    }

    /// Story `s` as a link names it: its title, page and count.
    fn story_link(&self, s: usize) -> &Made {
        &self.story_links[s]
    }

    /// Story `s` as lists show it: its summary, status, count and span too.
    fn story_view(&self, s: usize) -> &Made {
        &self.story_views[s]
    }

    fn full(&self, i: usize) -> Full<'_> {
        Full {
            briefing: &self.site.briefings[i],
            prepared: &self.prepared[i],
            config: self.config,
        }
    }

    /// Page `page` of a list of briefings under `dir`, `per_page` to a page: where it is in the
    /// list, and its members.
    fn page_of(
        &self,
        dir: &str,
        members: &[usize],
        page: usize,
        per_page: usize,
    ) -> (Paginator, Vec<&Made>) {
        let on_page = on_page(members, page, per_page)
            .iter()
            .map(|&i| self.summary(i))
            .collect();
        (self.paginator(dir, members.len(), page, per_page), on_page)
    }

    /// Where page `page` is in a list of `total` items under `dir`, `per_page` to a page.
    fn paginator(&self, dir: &str, total: usize, page: usize, per_page: usize) -> Paginator {
        let number_pagers = pages(total, per_page);
        let url = |n: usize| self.config.link_for(&urls::page(dir, n));
        Paginator {
            current_index: page,
            number_pagers,
            paginate_by: per_page,
            total_briefings: total,
            first: url(1),
            last: url(number_pagers),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < number_pagers).then(|| url(page + 1)),
            pages: views::page_links(page, number_pagers, url),
        }
    }

    /// One of the theme's words as a page in the site's language says it (a list page's).
    fn word(&self, key: &str) -> &str {
        self.config.strings.word(&self.config.language, key)
    }

    /// One of the theme's words with its `{…}` filled in, in the site's language.
    fn words(&self, key: &str, values: &[(&str, &str)]) -> String {
        crate::source::strings::fill(self.word(key), values)
    }

    /// A month as links show it; one without briefings has no URL.
    fn month_link(&self, year: i16, month: i8, count: usize) -> MonthLink {
        MonthLink {
            year,
            month,
            name: self
                .config
                .strings
                .month(&self.config.language, month)
                .to_string(),
            short_name: self
                .config
                .strings
                .short_month(&self.config.language, month),
            initial: self
                .config
                .strings
                .month_initial(&self.config.language, month),
            count,
            url: if count > 0 {
                self.config.link_for(&urls::chronology_month(year, month))
            } else {
                String::new()
            },
        }
    }

    /// Briefings grouped by a key of each, groups in the order of their first member. A key
    /// is looked for among all the groups, not only the last: briefings are ordered by instant,
    /// and a date written with another offset can put a day's (or a year's) briefing after the
    /// next one's.
    fn grouped<K: PartialEq>(
        &self,
        members: &[usize],
        key: impl Fn(&Briefing) -> K,
    ) -> Vec<(K, Vec<&Made>)> {
        let mut groups: Vec<(K, Vec<&Made>)> = Vec::new();
        for &i in members {
            let k = key(&self.site.briefings[i]);
            match groups.iter_mut().find(|(g, _)| *g == k) {
                Some((_, group)) => group.push(self.summary(i)),
                None => groups.push((k, vec![self.summary(i)])),
            }
        }
        groups
    }

    /// A person's curated facts, when the term is a person the data file names.
    fn person(&self, kind: TaxonomyKind, term: &Term) -> Option<&'a Person> {
        (kind == TaxonomyKind::People)
            .then(|| self.config.people.by_slug_of(&term.slug))
            .flatten()
    }

    fn year_link(&self, year: &Year) -> YearLink {
        YearLink {
            year: year.year,
            url: self.config.link_for(&urls::chronology_year(year.year)),
            count: year.count(),
        }
    }

    fn year_links(&self) -> Vec<YearLink> {
        self.site
            .chronology
            .years
            .iter()
            .map(|y| self.year_link(y))
            .collect()
    }

    /// The newest briefing's date (or its update's), as the sitemap gives it.
    fn newest(&self) -> Option<String> {
        self.site
            .briefings
            .first()
            .map(|b| rfc3339(b.updated.as_ref().unwrap_or(&b.date)))
    }

    /// A sitemap entry for the page at `site_path`.
    fn sitemap_page(&self, site_path: String, lastmod: Option<String>) -> SitemapItem<'_> {
        SitemapItem::Page(SitemapEntry {
            url: self.config.url_for(&site_path),
            lastmod,
        })
    }
}

/// A list's name, with its page number after the first.
fn numbered(r: &Renderer<'_>, name: &str, page: usize) -> String {
    if page > 1 {
        crate::source::strings::fill(
            r.word("page_n"),
            &[("{name}", name), ("{page}", &page.to_string())],
        )
    } else {
        name.to_string()
    }
}

/// `1 briefing`, `2 briefings`.
fn count_of_briefings(r: &Renderer<'_>, n: usize) -> String {
    r.config.strings.count(&r.config.language, "n_briefings", n)
}

/// Drops the characters XML cannot carry from a rendered file, so that a control character in
/// a title, a tag or a body can never make a feed or the sitemap ill-formed.
fn without_unencodable(text: String) -> String {
    match crate::chars::without_unencodable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(kept) => kept,
    }
}
