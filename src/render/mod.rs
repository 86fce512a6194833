//! The render stage: every file of the site as a [`Job`], each job's input as one typed
//! [`Page`] value, and the page rendered through Tera. The same [`Page`] gives the template's
//! context and the file's fingerprint ([`Renderer::fingerprint`]), so `serve` re-renders a
//! file exactly when something its template sees has changed.
//!
//! - [`parts`]: the rule that makes a value and its hash from the same data;
//! - [`views`]: what templates see of the model (a briefing, a term, a paginator);
//! - [`pages`]: one input type per page kind;
//! - [`templates`]: Tera, with briefgen's functions and filters.

pub mod pages;
pub mod parts;
pub mod templates;
pub mod views;

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::content::model::{Month, Site, TaxonomyKind, Term, Year};
use crate::content::urls;
use crate::error::Diagnostic;
use crate::render::pages::{
    Body, BriefingPage, ChronologyPage, Common, Companion, CompanionGroup, DayView, Entry,
    FeedPage, Full, LetterGroup, ListPage, MonthPage, MonthView, Page, PersonView, PlainPage,
    RobotsPage, SearchPage, SitemapItem, SitemapPage, TermPage, TermYearLink, TermsPage, YearGroup,
    YearPage, YearRow,
};
use crate::render::parts::{Made, Part};
use crate::render::templates::Templates;
use crate::render::views::{
    FeedView, MonthLink, Paginator, PreparedBriefing, SitemapEntry, TaxonomyView, TermView,
    YearLink,
};
use crate::source::config::SiteConfig;
use crate::source::dates::{month_name, rfc3339, short_month_name};
use crate::source::highlight;
use crate::source::people::Person;

pub use crate::render::views::prepare_briefing;

/// The most briefings a year's page lists itself; a larger year's page links to its months'
/// pages instead, so that no page of a large archive grows without bound.
pub const YEAR_LISTED_WHOLE: usize = 400;

/// A rendered file of the site.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    /// Its path in the output folder (`briefings/trump-kim/index.html`).
    pub path: String,
    /// Its bytes (text, for every file but the search index's).
    pub bytes: Vec<u8>,
}

/// One file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// A page of the home list (from 1).
    Home { page: usize },
    /// A briefing's page, by index into the site's briefings.
    Briefing(usize),
    /// A taxonomy's index.
    Terms(TaxonomyKind),
    /// A page of one term's list.
    Term {
        kind: TaxonomyKind,
        term: usize,
        page: usize,
    },
    /// One term's feed.
    TermFeed { kind: TaxonomyKind, term: usize },
    /// The chronology's index: years by months.
    Chronology,
    /// One year of the chronology, by index into its years.
    ChronologyYear(usize),
    /// One month of the chronology, by index into its years and into that year's months.
    ChronologyMonth { year: usize, month: usize },
    /// The site feed.
    Feed,
    /// `sitemap.xml`: every URL, or an index of the parts when there are too many for one file.
    Sitemap,
    /// One part of a split sitemap (`sitemap2.xml`), from 1.
    SitemapPart(usize),
    /// `robots.txt`.
    Robots,
    /// `404.html`.
    NotFound,
    /// The search page, which reads the search index in the browser.
    Search,
    /// `.nojekyll`, so that GitHub Pages serves the files as they are.
    NoJekyll,
    /// The highlighting stylesheet, made from the `highlight_theme` setting.
    HighlightCss,
    /// `CNAME`: the custom domain, for GitHub Pages published from a branch.
    Cname,
}

impl Job {
    /// Whether the job's page lists every briefing of the site (the slowest to render).
    pub fn lists_everything(self) -> bool {
        matches!(self, Job::Sitemap | Job::SitemapPart(_))
    }
}

/// How many terms a taxonomy's index lists by number of briefings, above its A–Z list.
pub const MOST_TERMS: usize = 20;

/// Prepares every briefing of a site, in parallel.
pub fn prepare_all(site: &Site, config: &SiteConfig) -> Vec<Arc<PreparedBriefing>> {
    site.briefings
        .par_iter()
        .map(|b| Arc::new(prepare_briefing(b, config)))
        .collect()
}

/// Everything a render job reads: the site, its templates and the prepared values.
pub struct Renderer<'a> {
    site: &'a Site,
    config: &'a SiteConfig,
    templates: &'a Templates,
    config_value: Made,
    prepared: &'a [Arc<PreparedBriefing>],
    all: Vec<usize>,
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
        Renderer {
            site,
            config,
            templates,
            config_value: views::config(config),
            prepared,
            all: (0..site.briefings.len()).collect(),
        }
    }

    /// Every file the site has, in a fixed order: the pages that list every briefing first, so
    /// that, rendered in parallel, the longest jobs start at once.
    pub fn jobs(&self) -> Vec<Job> {
        let (site, config) = (self.site, self.config);
        let mut jobs = vec![Job::Sitemap];
        jobs.extend((1..=self.sitemap_parts()).map(Job::SitemapPart));
        jobs.push(Job::Chronology);
        jobs.extend(
            (1..=pages(site.briefings.len(), config.paginate_by)).map(|page| Job::Home { page }),
        );
        jobs.extend((0..site.briefings.len()).map(Job::Briefing));
        for taxonomy in &site.taxonomies {
            let kind = taxonomy.kind;
            jobs.push(Job::Terms(kind));
            for (term, t) in taxonomy.terms.iter().enumerate() {
                jobs.extend(
                    (1..=pages(t.briefings.len(), config.paginate_by)).map(|page| Job::Term {
                        kind,
                        term,
                        page,
                    }),
                );
                jobs.push(Job::TermFeed { kind, term });
            }
        }
        for (y, year) in site.chronology.years.iter().enumerate() {
            jobs.push(Job::ChronologyYear(y));
            jobs.extend(
                (0..year.months.len()).map(|month| Job::ChronologyMonth { year: y, month }),
            );
        }
        jobs.extend([
            Job::Feed,
            Job::Robots,
            Job::NotFound,
            Job::Search,
            Job::NoJekyll,
        ]);
        jobs.push(Job::HighlightCss);
        if config.cname.is_some() {
            jobs.push(Job::Cname);
        }
        jobs
    }

    /// The template a job renders, if it renders one.
    pub fn template(job: Job) -> Option<&'static str> {
        Some(match job {
            Job::Home { .. } => "index.html",
            Job::Briefing(_) => "briefing.html",
            Job::Terms(_) => "terms.html",
            Job::Term { .. } => "term.html",
            Job::TermFeed { .. } | Job::Feed => "atom.xml",
            Job::Chronology => "chronology.html",
            Job::ChronologyYear(_) => "year.html",
            Job::ChronologyMonth { .. } => "month.html",
            Job::Sitemap | Job::SitemapPart(_) => "sitemap.xml",
            Job::Robots => "robots.txt",
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::NoJekyll | Job::HighlightCss | Job::Cname => return None,
        })
    }

    /// The site path of a job's page (`tags/x/page/2/`), or of its file (`tags/x/atom.xml`).
    fn site_path(&self, job: Job) -> String {
        let term = |kind: TaxonomyKind, term: usize| {
            urls::term(kind, &self.site.taxonomy(kind).terms[term].slug)
        };
        match job {
            Job::Home { page } => urls::page("", page),
            Job::Briefing(i) => self.site.briefings[i].path(),
            Job::Terms(kind) => urls::taxonomy(kind),
            Job::Term {
                kind,
                term: t,
                page,
            } => urls::page(&term(kind, t), page),
            Job::TermFeed { kind, term: t } => urls::feed_of(&term(kind, t)),
            Job::Chronology => urls::chronology(),
            Job::ChronologyYear(i) => urls::chronology_year(self.site.chronology.years[i].year),
            Job::ChronologyMonth { year, month } => {
                let year = &self.site.chronology.years[year];
                urls::chronology_month(year.year, year.months[month].month)
            }
            Job::Feed => urls::FEED.to_string(),
            Job::Sitemap => urls::SITEMAP.to_string(),
            Job::SitemapPart(part) => urls::sitemap_part(part),
            Job::Robots => urls::ROBOTS.to_string(),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::Search => urls::SEARCH.to_string(),
            Job::NoJekyll => urls::NOJEKYLL.to_string(),
            Job::HighlightCss => urls::HIGHLIGHT_CSS.to_string(),
            Job::Cname => urls::CNAME.to_string(),
        }
    }

    /// Where a job's file goes in the output (`tags/x/page/2/index.html`).
    pub fn output_path(&self, job: Job) -> String {
        urls::output_file(&self.site_path(job))
    }

    /// A page's title and description: unique titles (a list's page number included), and a
    /// sentence saying what the page holds. A briefing's are made once, when it is prepared:
    /// `serve` looks at every page on every save.
    fn title_and_description(&self, job: Job) -> (Cow<'_, str>, Cow<'_, str>) {
        if let Job::Briefing(i) = job {
            let prepared = &self.prepared[i];
            return (
                Cow::Borrowed(&prepared.page_title),
                Cow::Borrowed(&prepared.page_description),
            );
        }
        let (title, description) = self.other_title_and_description(job);
        (Cow::Owned(title), Cow::Owned(description))
    }

    /// The title and description of a page that is not a briefing's.
    fn other_title_and_description(&self, job: Job) -> (String, String) {
        let site = &self.config.title;
        let numbered = |name: &str, page: usize| {
            if page > 1 {
                format!("{name} · page {page}")
            } else {
                name.to_string()
            }
        };
        let briefings = |n: usize| format!("{n} briefing{}", if n == 1 { "" } else { "s" });
        match job {
            Job::Home { page } => (
                numbered(site, page),
                if self.config.description.is_empty() {
                    format!("The latest briefings of {site}.")
                } else {
                    self.config.description.clone()
                },
            ),
            Job::Terms(kind) => (
                format!("{} · {site}", kind.title()),
                format!(
                    "Every {} of {site}, with its number of briefings.",
                    kind.singular().to_lowercase()
                ),
            ),
            Job::Term { kind, term, page } => {
                let t = &self.site.taxonomy(kind).terms[term];
                let relation = match kind {
                    TaxonomyKind::Tags => "about",
                    TaxonomyKind::People => "naming",
                    TaxonomyKind::Sources => "from",
                };
                let about = match self.person(kind, t).and_then(|p| p.role.as_ref()) {
                    Some(role) => format!("{}, {role}: ", t.name),
                    None => String::new(),
                };
                (
                    format!("{} · {} · {site}", numbered(&t.name, page), kind.title()),
                    format!(
                        "{about}{} {relation} {}, newest first.",
                        briefings(t.briefings.len()),
                        t.name
                    ),
                )
            }
            Job::Chronology => (
                format!("Chronology · {site}"),
                format!("Every briefing of {site}, by year and month."),
            ),
            Job::ChronologyYear(i) => {
                let year = &self.site.chronology.years[i];
                (
                    format!("{} · Chronology · {site}", year.year),
                    format!("{} of {}, by month.", briefings(year.count()), year.year),
                )
            }
            Job::ChronologyMonth { year, month } => {
                let year = &self.site.chronology.years[year];
                let month = &year.months[month];
                let name = format!("{} {}", month_name(month.month), year.year);
                (
                    format!("{name} · Chronology · {site}"),
                    format!("{} of {name}.", briefings(month.briefings.len())),
                )
            }
            Job::NotFound => (
                format!("Not found · {site}"),
                "There is no page at this address.".to_string(),
            ),
            Job::Search => (
                format!("Search · {site}"),
                format!("Search the briefings of {site} by words, people, tags, sources and year."),
            ),
            // A briefing's are made when it is prepared (above).
            Job::Briefing(_)
            | Job::TermFeed { .. }
            | Job::Feed
            | Job::Sitemap
            | Job::SitemapPart(_)
            | Job::Robots
            | Job::NoJekyll
            | Job::HighlightCss
            | Job::Cname => (site.clone(), String::new()),
        }
    }

    /// Everything a job's file is made from.
    pub fn page(&self, job: Job) -> Page<'_> {
        let (page_title, page_description) = self.title_and_description(job);
        let common = match job {
            // Made once per briefing, not once per look at its page.
            Job::Briefing(i) => Common {
                config: &self.config_value,
                current_path: Cow::Borrowed(&self.prepared[i].current_path),
                current_url: Cow::Borrowed(&self.prepared[i].current_url),
                page_title,
                page_description,
            },
            _ => {
                let site_path = self.site_path(job);
                Common {
                    config: &self.config_value,
                    current_path: Cow::Owned(format!("{}{site_path}", self.config.base_path())),
                    current_url: Cow::Owned(self.config.url_for(&site_path)),
                    page_title,
                    page_description,
                }
            }
        };
        let body = self.body(job);
        Page {
            template: Self::template(job),
            common,
            body,
        }
    }

    /// A hash of everything a page is made from — the template (with those it extends or
    /// includes) and the page's value: when it is unchanged, so is the file.
    pub fn fingerprint(&self, page: &Page<'_>) -> u64 {
        let mut h = FxHasher::default();
        match (&page.body, page.template) {
            (Body::Text(text), _) => text.hash(&mut h),
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

    fn body(&self, job: Job) -> Body<'_> {
        match job {
            Job::Home { page } => {
                let (paginator, briefings) = self.page_of("", &self.all, page);
                Body::List(ListPage {
                    paginator,
                    briefings,
                })
            }
            Job::Briefing(i) => Body::Briefing(BriefingPage {
                briefing: self.full(i),
                // `newer` and `older` are the neighbours in the chronology.
                newer: i.checked_sub(1).map(|j| self.summary(j)),
                older: (i + 1 < self.prepared.len()).then(|| self.summary(i + 1)),
                related: self.site.related[i]
                    .iter()
                    .map(|&r| self.summary(r))
                    .collect(),
            }),
            Job::Terms(kind) => self.terms_page(kind),
            Job::Term { kind, term, page } => {
                let t = &self.site.taxonomy(kind).terms[term];
                let dir = urls::term(kind, &t.slug);
                let (paginator, briefings) = self.page_of(&dir, &t.briefings, page);
                let per_page = self.config.paginate_by;
                Body::Term(TermPage {
                    taxonomy: TaxonomyView::of(kind, self.config),
                    term: TermView::of(kind, t, self.config),
                    paginator,
                    briefings,
                    by_year: self.by_year(on_page(&t.briefings, page, per_page)),
                    // The timeline and the companions are on a term's first page alone:
                    // made for its other pages too, they cost a tenth of the render.
                    years: t
                        .years
                        .iter()
                        .filter(|_| page == 1)
                        .map(|y| TermYearLink {
                            year: y.year,
                            count: y.count,
                            url: format!(
                                "{}#y{}",
                                self.config
                                    .url_for(&urls::page(&dir, y.first / per_page + 1)),
                                y.year
                            ),
                        })
                        .collect(),
                    companions: if page == 1 {
                        self.companions(kind, t)
                    } else {
                        Vec::new()
                    },
                    person: self.person(kind, t).map(|p| PersonView {
                        role: p.role.clone(),
                        note: p.note.clone(),
                        aliases: p.aliases.clone(),
                    }),
                })
            }
            Job::TermFeed { kind, term } => {
                let t = &self.site.taxonomy(kind).terms[term];
                let title = format!("{} — {}", self.config.title, t.name);
                self.feed(title, &urls::term(kind, &t.slug), &t.briefings, false)
            }
            Job::Chronology => Body::Chronology(ChronologyPage {
                years: self
                    .site
                    .chronology
                    .years
                    .iter()
                    .map(|year| YearRow {
                        year: year.year,
                        url: self.config.url_for(&urls::chronology_year(year.year)),
                        count: year.count(),
                        months: (1..=12)
                            .map(|m| {
                                let count = year
                                    .months
                                    .iter()
                                    .find(|month| month.month == m)
                                    .map_or(0, |month| month.briefings.len());
                                self.month_link(year.year, m, count)
                            })
                            .collect(),
                    })
                    .collect(),
                total: self.site.briefings.len(),
            }),
            Job::ChronologyYear(i) => {
                let year = &self.site.chronology.years[i];
                let listed = year.count() <= YEAR_LISTED_WHOLE;
                Body::Year(YearPage {
                    year: self.year_link(year),
                    listed,
                    months: year
                        .months
                        .iter()
                        .map(|month| self.month_view(year, month, listed))
                        .collect(),
                    all_years: self.year_links(),
                })
            }
            Job::ChronologyMonth { year: y, month: m } => {
                let years = &self.site.chronology.years;
                let year = &years[y];
                // Newest first: the month before is the next one in the list.
                let before = if m + 1 < year.months.len() {
                    Some((year, &year.months[m + 1]))
                } else {
                    years
                        .get(y + 1)
                        .and_then(|older| older.months.first().map(|o| (older, o)))
                };
                let after = if m > 0 {
                    Some((year, &year.months[m - 1]))
                } else {
                    y.checked_sub(1)
                        .and_then(|newer| years[newer].months.last().map(|n| (&years[newer], n)))
                };
                let link = |(year, month): (&Year, &Month)| {
                    self.month_link(year.year, month.month, month.briefings.len())
                };
                Body::Month(MonthPage {
                    year: self.year_link(year),
                    month: link((year, &year.months[m])),
                    days: self.days(year, &year.months[m]),
                    months: year
                        .months
                        .iter()
                        .rev()
                        .map(|month| link((year, month)))
                        .collect(),
                    previous: before.map(link),
                    next: after.map(link),
                    all_years: self.year_links(),
                })
            }
            Job::Feed => self.feed(self.config.title.clone(), "", &self.all, true),
            Job::Sitemap if self.sitemap_parts() > 0 => Body::Sitemap(SitemapPage {
                entries: Vec::new(),
                sitemaps: (1..=self.sitemap_parts())
                    .map(|part| SitemapEntry {
                        url: self.config.url_for(&urls::sitemap_part(part)),
                        lastmod: None,
                    })
                    .collect(),
            }),
            Job::Sitemap => Body::Sitemap(SitemapPage {
                entries: self.sitemap_entries(),
                sitemaps: Vec::new(),
            }),
            Job::SitemapPart(part) => {
                let mut entries = self.sitemap_entries();
                let start = (part - 1) * urls::SITEMAP_URLS;
                entries.truncate(start + urls::SITEMAP_URLS);
                entries.drain(..start.min(entries.len()));
                Body::Sitemap(SitemapPage {
                    entries,
                    sitemaps: Vec::new(),
                })
            }
            Job::Robots => Body::Robots(RobotsPage {
                sitemap_url: self.config.url_for(urls::SITEMAP),
            }),
            Job::NotFound => Body::Plain(PlainPage {}),
            Job::Search => {
                // The most used; of those, the first as the terms are sorted (A–Z).
                let example = |kind| {
                    self.site
                        .taxonomy(kind)
                        .terms
                        .iter()
                        .min_by_key(|t| std::cmp::Reverse(t.briefings.len()))
                        .map_or_else(String::new, |t| t.name.clone())
                };
                Body::Search(SearchPage {
                    index_path: format!("{}{}", self.config.base_path(), urls::SEARCH_DATA),
                    own_search_form: true,
                    person_example: example(TaxonomyKind::People),
                    tag_example: example(TaxonomyKind::Tags),
                    source_example: example(TaxonomyKind::Sources),
                })
            }
            Job::NoJekyll => Body::Text(String::new()),
            Job::HighlightCss => Body::Text(
                highlight::theme_css(
                    &self.config.highlight_theme,
                    &self.config.highlight_theme_dark,
                )
                .unwrap_or_default(),
            ),
            Job::Cname => Body::Text(
                self.config
                    .cname
                    .as_ref()
                    .map_or_else(String::new, |domain| format!("{domain}\n")),
            ),
        }
    }

    fn summary(&self, i: usize) -> &Made {
        &self.prepared[i].summary
    }

    fn full(&self, i: usize) -> Full<'_> {
        Full {
            briefing: &self.site.briefings[i],
            prepared: &self.prepared[i],
            config: self.config,
        }
    }

    /// Page `page` of a list of briefings under `dir`: where it is in the list, and its members.
    fn page_of(&self, dir: &str, members: &[usize], page: usize) -> (Paginator, Vec<&Made>) {
        let per_page = self.config.paginate_by;
        let number_pagers = pages(members.len(), per_page);
        let url = |n: usize| self.config.url_for(&urls::page(dir, n));
        let paginator = Paginator {
            current_index: page,
            number_pagers,
            paginate_by: per_page,
            total_briefings: members.len(),
            first: url(1),
            last: url(number_pagers),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < number_pagers).then(|| url(page + 1)),
            pages: views::page_links(page, number_pagers, url),
        };
        let on_page = on_page(members, page, per_page)
            .iter()
            .map(|&i| self.summary(i))
            .collect();
        (paginator, on_page)
    }

    /// A month as links show it; one without briefings has no URL.
    fn month_link(&self, year: i16, month: i8, count: usize) -> MonthLink {
        MonthLink {
            year,
            month,
            name: month_name(month),
            short_name: short_month_name(month),
            count,
            url: if count > 0 {
                self.config.url_for(&urls::chronology_month(year, month))
            } else {
                String::new()
            },
        }
    }

    fn month_view(&self, year: &Year, month: &Month, listed: bool) -> MonthView<'_> {
        MonthView {
            month: self.month_link(year.year, month.month, month.briefings.len()),
            briefings: if listed {
                month.briefings.iter().map(|&i| self.summary(i)).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// A taxonomy's index: its terms A–Z, grouped by initial, and those with the most
    /// briefings.
    fn terms_page(&self, kind: TaxonomyKind) -> Body<'_> {
        let terms = &self.site.taxonomy(kind).terms;
        let view = |t| TermView::of(kind, t, self.config);
        // A–Z by slug, or for a person by the `sort_as` of `data/people.yaml` ("Trump,
        // Donald"), so that an index can go by family name. Slugs are ASCII and lower case:
        // digits sort before letters, so `#` comes first, as in most indexes.
        let mut keyed: Vec<(std::borrow::Cow<'_, str>, &Term)> = terms
            .iter()
            .map(|t| {
                let key = match self.person(kind, t).and_then(|p| p.sort_as.as_deref()) {
                    Some(sort_as) => std::borrow::Cow::Owned(crate::source::slug::slugify(sort_as)),
                    None => std::borrow::Cow::Borrowed(t.slug.as_str()),
                };
                (key, t)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut letters: Vec<LetterGroup<'_>> = Vec::new();
        for (key, term) in &keyed {
            // `nguyen-phu-trong` is under N.
            let initial = key.chars().next().unwrap_or('#');
            let (letter, id) = if initial.is_ascii_alphabetic() {
                let upper = initial.to_ascii_uppercase();
                (upper.to_string(), format!("letter-{initial}"))
            } else {
                ("#".to_string(), "letter-0".to_string())
            };
            match letters.last_mut() {
                Some(group) if group.letter == letter => group.terms.push(view(term)),
                _ => letters.push(LetterGroup {
                    letter,
                    id,
                    terms: vec![view(term)],
                }),
            }
        }
        let mut most: Vec<&Term> = Vec::new();
        if terms.len() > MOST_TERMS {
            most = terms.iter().collect();
            // Stable: ties stay A–Z.
            most.sort_by_key(|t| std::cmp::Reverse(t.briefings.len()));
            most.truncate(MOST_TERMS);
        }
        Body::Terms(TermsPage {
            taxonomy: TaxonomyView::of(kind, self.config),
            terms: keyed.iter().map(|(_, t)| view(t)).collect(),
            letters,
            most: most.into_iter().map(view).collect(),
        })
    }

    /// Briefings of a page under the years written in their dates.
    fn by_year(&self, members: &[usize]) -> Vec<YearGroup<'_>> {
        self.grouped(members, |b| b.date.year())
            .into_iter()
            .map(|(year, briefings)| YearGroup { year, briefings })
            .collect()
    }

    /// Briefings grouped by a key of each, groups in the order of their first member. A key
    /// is looked for among all the groups, not only the last: briefings are ordered by instant,
    /// and a date written with another offset can put a day's (or a year's) briefing after the
    /// next one's.
    fn grouped<K: PartialEq>(
        &self,
        members: &[usize],
        key: impl Fn(&crate::content::model::Briefing) -> K,
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

    /// The terms of each taxonomy that share the most briefings with a term, its own
    /// taxonomy's first (on a person's page, who they appear with).
    fn companions<'s>(&'s self, kind: TaxonomyKind, term: &'s Term) -> Vec<CompanionGroup<'s>> {
        let mut groups: Vec<(&TaxonomyKind, &Vec<(usize, usize)>)> =
            TaxonomyKind::ALL.iter().zip(&term.companions).collect();
        groups.sort_by_key(|(other, _)| **other != kind);
        groups
            .into_iter()
            .filter(|(_, found)| !found.is_empty())
            .map(|(&other, found)| {
                let terms = &self.site.taxonomy(other).terms;
                CompanionGroup {
                    title: if other != kind {
                        other.title().to_string()
                    } else if kind == TaxonomyKind::People {
                        "Appears with".to_string()
                    } else {
                        format!("Related {}", other.title().to_lowercase())
                    },
                    taxonomy: TaxonomyView::of(other, self.config),
                    terms: found
                        .iter()
                        .map(|&(o, shared)| Companion {
                            term: TermView::of(other, &terms[o], self.config),
                            shared,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// A month's briefings by the day written in their dates, newest day first.
    fn days(&self, year: &Year, month: &Month) -> Vec<DayView<'_>> {
        let mut days = self.grouped(&month.briefings, |b| b.date.day());
        days.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
        days.into_iter()
            .map(|(day, briefings)| DayView {
                day,
                date: format!("{}-{:02}-{day:02}", year.year, month.month),
                name: format!("{day} {} {}", month_name(month.month), year.year),
                briefings,
            })
            .collect()
    }

    fn year_link(&self, year: &Year) -> YearLink {
        YearLink {
            year: year.year,
            url: self.config.url_for(&urls::chronology_year(year.year)),
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

    /// An Atom feed of the newest `feed_limit` of `members`. The site feed carries each
    /// briefing's full HTML; a term's feed carries summaries, so that hundreds of term feeds
    /// do not repeat every briefing's body many times over.
    fn feed(&self, title: String, dir: &str, members: &[usize], full: bool) -> Body<'_> {
        let newest = &members[..members.len().min(self.config.feed_limit)];
        let entries = newest
            .iter()
            .map(|&i| {
                if full {
                    Entry::Full(self.full(i))
                } else {
                    Entry::Summary(self.summary(i))
                }
            })
            .collect();
        let updated = newest
            .iter()
            .map(|&i| {
                let b = &self.site.briefings[i];
                b.updated.as_ref().unwrap_or(&b.date)
            })
            .max_by_key(|d| d.timestamp())
            .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), rfc3339);
        Body::Feed(FeedPage {
            feed: FeedView {
                title,
                url: self.config.url_for(&urls::feed_of(dir)),
                alternate_url: self.config.url_for(dir),
                updated,
            },
            entries,
        })
    }

    /// How many URLs the sitemap lists: the pages [`Self::sitemap_entries`] lists, counted.
    fn sitemap_count(&self) -> usize {
        let site = self.site;
        let terms: usize = site.taxonomies.iter().map(|t| 1 + t.terms.len()).sum();
        let years: usize = site
            .chronology
            .years
            .iter()
            .map(|y| 1 + y.months.len())
            .sum();
        1 + site.briefings.len() + terms + 1 + years
    }

    /// How many parts the sitemap is split into: none when one file holds every URL.
    fn sitemap_parts(&self) -> usize {
        let count = self.sitemap_count();
        if count <= urls::SITEMAP_URLS {
            0
        } else {
            count.div_ceil(urls::SITEMAP_URLS)
        }
    }

    fn sitemap_entries(&self) -> Vec<SitemapItem<'_>> {
        let url = |path: &str| self.config.url_for(path);
        let page = |path: &str, lastmod: Option<String>| {
            SitemapItem::Page(SitemapEntry {
                url: url(path),
                lastmod,
            })
        };
        let newest = self
            .site
            .briefings
            .first()
            .map(|b| rfc3339(b.updated.as_ref().unwrap_or(&b.date)));
        let mut entries = vec![page("", newest.clone())];
        entries.extend(
            self.prepared
                .iter()
                .map(|p| SitemapItem::Briefing(&p.sitemap)),
        );
        for taxonomy in &self.site.taxonomies {
            let kind = taxonomy.kind;
            entries.push(page(&urls::taxonomy(kind), None));
            entries.extend(
                taxonomy
                    .terms
                    .iter()
                    .map(|t| page(&urls::term(kind, &t.slug), None)),
            );
        }
        entries.push(page(&urls::chronology(), newest));
        for year in &self.site.chronology.years {
            entries.push(page(&urls::chronology_year(year.year), None));
            entries.extend(
                year.months
                    .iter()
                    .map(|m| page(&urls::chronology_month(year.year, m.month), None)),
            );
        }
        debug_assert_eq!(entries.len(), self.sitemap_count());
        entries
    }
}

/// Drops the characters XML cannot carry from a rendered file, so that a control character in
/// a title, a tag or a body can never make a feed or the sitemap ill-formed.
fn without_unencodable(text: String) -> String {
    match crate::chars::without_unencodable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(kept) => kept,
    }
}
