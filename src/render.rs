//! The render stage: every page, feed and list of the site, rendered through Tera in
//! parallel. Each briefing is turned into template values once (a light summary for lists
//! and a full value with its HTML for its page and the feeds); list pages share them.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::config::SiteConfig;
use crate::dates::{month_name, rfc3339};
use crate::error::Diagnostic;
use crate::model::{Briefing, Site, TaxonomyKind, Term, Year};
use crate::templates::Templates;

/// A rendered file of the site.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    /// Its path in the output folder (`briefings/trump-kim/index.html`).
    pub path: String,
    /// Its text.
    pub text: String,
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
    /// The whole chronology.
    Chronology,
    /// One year of the chronology, by index into its years.
    ChronologyYear(usize),
    /// The site feed.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `404.html`.
    NotFound,
}

#[derive(Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    description: &'a str,
    language: &'a str,
    paginate_by: usize,
    timezone: &'a str,
    extra: &'a toml::Table,
}

#[derive(Serialize)]
struct TermRef<'a> {
    name: &'a str,
    slug: String,
    url: String,
}

#[derive(Serialize)]
struct SourceView<'a> {
    name: &'a str,
    /// The article's address.
    url: Option<&'a str>,
    slug: String,
    /// The source's page on this site.
    page_url: String,
}

#[derive(Serialize)]
struct BriefingView<'a> {
    title: &'a str,
    slug: &'a str,
    path: String,
    url: String,
    content_path: &'a str,
    date: String,
    date_display: String,
    year: i16,
    month: i8,
    updated: Option<String>,
    source: SourceView<'a>,
    people: Vec<TermRef<'a>>,
    tags: Vec<TermRef<'a>>,
    summary: &'a str,
    word_count: usize,
    reading_time: usize,
    draft: bool,
    extra: &'a Option<crate::yaml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
}

#[derive(Serialize)]
struct TaxonomyView {
    name: &'static str,
    title: &'static str,
    singular: &'static str,
    url: String,
}

#[derive(Serialize, Hash)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    feed_url: String,
    count: usize,
}

#[derive(Serialize, Hash)]
struct Paginator {
    current_index: usize,
    number_pagers: usize,
    paginate_by: usize,
    total_briefings: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct SitemapEntry {
    url: String,
    lastmod: Option<String>,
}

/// A briefing turned into template values once: the light summary that lists show, with
/// hashes that tell when it or the whole briefing changed. The full value, with the body's
/// HTML, is made only for the few files that show it (the briefing's page and the site feed),
/// so that the site's HTML is not held twice.
#[derive(Debug)]
pub struct PreparedBriefing {
    /// The value lists show.
    pub summary: Value,
    /// Changes when anything but the body changes.
    pub summary_hash: u64,
    /// Changes when anything changes.
    pub full_hash: u64,
}

/// Prepares one briefing's template values.
pub fn prepare_briefing(b: &Briefing, config: &SiteConfig) -> PreparedBriefing {
    let mut hasher = FxHasher::default();
    (
        &b.file,
        &b.content_path,
        &b.slug,
        &b.title,
        &b.date,
        &b.updated,
    )
        .hash(&mut hasher);
    (
        &b.source,
        &b.people,
        &b.tags,
        &b.summary,
        b.draft,
        &b.extra,
        b.word_count,
    )
        .hash(&mut hasher);
    let summary_hash = hasher.finish();
    b.html.hash(&mut hasher);
    let full_hash = hasher.finish();
    PreparedBriefing {
        summary: Value::from_serializable(&briefing_view(b, config, None)),
        summary_hash,
        full_hash,
    }
}

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
    config_value: Value,
    config_hash: u64,
    prepared: Vec<Arc<PreparedBriefing>>,
    all: Vec<usize>,
}

fn pages(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page).max(1)
}

impl<'a> Renderer<'a> {
    /// A renderer for `site`; `prepared` holds each briefing's values, in the site's order.
    pub fn new(
        site: &'a Site,
        config: &'a SiteConfig,
        templates: &'a Templates,
        prepared: Vec<Arc<PreparedBriefing>>,
    ) -> Renderer<'a> {
        let config_value = Value::from_serializable(&ConfigView {
            title: &config.title,
            base_url: &config.base_url,
            base_path: config.base_path(),
            description: &config.description,
            language: &config.language,
            paginate_by: config.paginate_by,
            timezone: &config.timezone_name,
            extra: &config.extra,
        });
        let mut hasher = FxHasher::default();
        format!("{config:?}").hash(&mut hasher);
        Renderer {
            site,
            config,
            templates,
            config_value,
            config_hash: hasher.finish(),
            prepared,
            all: (0..site.briefings.len()).collect(),
        }
    }

    /// Every file the site has, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        let (site, config) = (self.site, self.config);
        let mut jobs: Vec<Job> = (1..=pages(site.briefings.len(), config.paginate_by))
            .map(|page| Job::Home { page })
            .collect();
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
        jobs.push(Job::Chronology);
        jobs.extend((0..site.chronology.years.len()).map(Job::ChronologyYear));
        jobs.extend([Job::Feed, Job::Sitemap, Job::Robots, Job::NotFound]);
        jobs
    }

    /// Renders jobs in parallel. Errors of all jobs are reported, each once.
    pub fn render_jobs(&self, jobs: &[Job]) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
        let results: Vec<Result<RenderedFile, Diagnostic>> =
            jobs.par_iter().map(|&job| self.render(job)).collect();
        let mut files = Vec::with_capacity(results.len());
        let mut errors: Vec<Diagnostic> = Vec::new();
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(e) if !errors.contains(&e) => errors.push(e),
                Err(_) => {}
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// The template a job renders.
    pub fn template(job: Job) -> &'static str {
        match job {
            Job::Home { .. } => "index.html",
            Job::Briefing(_) => "briefing.html",
            Job::Terms(_) => "terms.html",
            Job::Term { .. } => "term.html",
            Job::TermFeed { .. } | Job::Feed => "atom.xml",
            Job::Chronology | Job::ChronologyYear(_) => "chronology.html",
            Job::Sitemap => "sitemap.xml",
            Job::Robots => "robots.txt",
            Job::NotFound => "404.html",
        }
    }

    /// The site path of the folder a job's page is in (`tags/x/page/2/`), or the path of the
    /// file itself for feeds and other files.
    fn site_path(&self, job: Job) -> String {
        match job {
            Job::Home { page } => page_path("", page),
            Job::Briefing(i) => self.site.briefings[i].path(),
            Job::Terms(kind) => format!("{}/", kind.name()),
            Job::Term { kind, term, page } => page_path(
                &kind.term_path(&self.site.taxonomy(kind).terms[term].slug),
                page,
            ),
            Job::TermFeed { kind, term } => format!(
                "{}atom.xml",
                kind.term_path(&self.site.taxonomy(kind).terms[term].slug)
            ),
            Job::Chronology => "chronology/".to_string(),
            Job::ChronologyYear(i) => format!("chronology/{}/", self.site.chronology.years[i].year),
            Job::Feed => "atom.xml".to_string(),
            Job::Sitemap => "sitemap.xml".to_string(),
            Job::Robots => "robots.txt".to_string(),
            Job::NotFound => "404.html".to_string(),
        }
    }

    /// Where a job's file goes in the output (`tags/x/page/2/index.html`).
    pub fn output_path(&self, job: Job) -> String {
        let path = self.site_path(job);
        if path.is_empty() || path.ends_with('/') {
            index_file(&path)
        } else {
            path
        }
    }

    /// A hash of everything a job's output depends on: when it is unchanged, so is the file.
    pub fn fingerprint(&self, job: Job) -> u64 {
        let mut h = FxHasher::default();
        self.config_hash.hash(&mut h);
        self.templates.fingerprint(Self::template(job)).hash(&mut h);
        let summary = |i: usize| self.prepared[i].summary_hash;
        let full = |i: usize| self.prepared[i].full_hash;
        // A paginated page: the paginator value it is given, and its briefings.
        let page_members = |dir: &str, members: &[usize], page: usize, h: &mut FxHasher| {
            let (paginator, on_page) = self.page_of(dir, members, page);
            paginator.hash(h);
            on_page.iter().for_each(|&i| summary(i).hash(h));
        };
        let years = |h: &mut FxHasher| {
            for y in &self.site.chronology.years {
                (y.year, y.count()).hash(h);
            }
        };
        match job {
            Job::Home { page } => page_members("", &self.all, page, &mut h),
            Job::Briefing(i) => {
                full(i).hash(&mut h);
                i.checked_sub(1).map(summary).hash(&mut h);
                (i + 1 < self.prepared.len())
                    .then(|| summary(i + 1))
                    .hash(&mut h);
            }
            Job::Terms(kind) => {
                for t in &self.site.taxonomy(kind).terms {
                    self.term_view(kind, t).hash(&mut h);
                }
            }
            Job::Term { kind, term, page } => {
                let t = &self.site.taxonomy(kind).terms[term];
                self.term_view(kind, t).hash(&mut h);
                page_members(&kind.term_path(&t.slug), &t.briefings, page, &mut h);
            }
            Job::TermFeed { kind, term } => {
                let t = &self.site.taxonomy(kind).terms[term];
                t.name.hash(&mut h);
                for &i in t.briefings.iter().take(self.config.feed_limit) {
                    summary(i).hash(&mut h);
                }
            }
            Job::Chronology => {
                self.all.iter().for_each(|&i| summary(i).hash(&mut h));
                years(&mut h);
            }
            Job::ChronologyYear(y) => {
                for month in &self.site.chronology.years[y].months {
                    month
                        .briefings
                        .iter()
                        .for_each(|&i| summary(i).hash(&mut h));
                }
                years(&mut h);
            }
            Job::Feed => {
                for &i in self.all.iter().take(self.config.feed_limit) {
                    full(i).hash(&mut h);
                }
            }
            Job::Sitemap => {
                self.all.iter().for_each(|&i| summary(i).hash(&mut h));
                for taxonomy in &self.site.taxonomies {
                    taxonomy.terms.iter().for_each(|t| t.slug.hash(&mut h));
                }
                years(&mut h);
            }
            Job::Robots | Job::NotFound => {}
        }
        h.finish()
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<RenderedFile, Diagnostic> {
        let site_path = self.site_path(job);
        let mut context = self.context(&site_path);
        match job {
            Job::Home { page } => self.paginate(&mut context, "", &self.all, page),
            Job::Briefing(i) => {
                context.insert_value("briefing", self.full_value(i));
                // `newer` and `older` are the neighbours in the chronology.
                let newer = i.checked_sub(1).map(|j| self.prepared[j].summary.clone());
                let older = self.prepared.get(i + 1).map(|p| p.summary.clone());
                context.insert_value("newer", newer.unwrap_or_else(Value::none));
                context.insert_value("older", older.unwrap_or_else(Value::none));
            }
            Job::Terms(kind) => {
                context.insert("taxonomy", &self.taxonomy_view(kind));
                let terms: Vec<TermView<'_>> = self
                    .site
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| self.term_view(kind, t))
                    .collect();
                context.insert("terms", &terms);
            }
            Job::Term { kind, term, page } => {
                let t = &self.site.taxonomy(kind).terms[term];
                context.insert("taxonomy", &self.taxonomy_view(kind));
                context.insert("term", &self.term_view(kind, t));
                self.paginate(&mut context, &kind.term_path(&t.slug), &t.briefings, page);
            }
            Job::TermFeed { kind, term } => {
                let t = &self.site.taxonomy(kind).terms[term];
                let title = format!("{} — {}", self.config.title, t.name);
                self.feed(
                    &mut context,
                    &title,
                    &kind.term_path(&t.slug),
                    &t.briefings,
                    false,
                );
            }
            Job::Chronology => {
                context.insert_value("year", Value::none());
                context.insert_value("years", self.years_value(&self.site.chronology.years));
                self.insert_all_years(&mut context);
            }
            Job::ChronologyYear(i) => {
                let year = &self.site.chronology.years[i];
                context.insert("year", &year.year);
                context.insert_value("years", self.years_value(std::slice::from_ref(year)));
                self.insert_all_years(&mut context);
            }
            Job::Feed => self.feed(&mut context, &self.config.title, "", &self.all, true),
            Job::Sitemap => context.insert("entries", &self.sitemap_entries()),
            Job::Robots => context.insert("sitemap_url", &self.config.url_for("sitemap.xml")),
            Job::NotFound => {}
        }
        let text = self.templates.render(Self::template(job), &context)?;
        Ok(RenderedFile {
            path: self.output_path(job),
            text: without_unencodable(text),
        })
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

fn briefing_view<'a>(
    b: &'a Briefing,
    config: &SiteConfig,
    content: Option<&'a str>,
) -> BriefingView<'a> {
    let term_refs =
        |kind: TaxonomyKind, names: &'a [String], slugs: &[String]| -> Vec<TermRef<'a>> {
            names
                .iter()
                .zip(slugs)
                .map(|(name, slug)| TermRef {
                    name,
                    slug: slug.clone(),
                    url: config.url_for(&kind.term_path(slug)),
                })
                .collect()
        };
    let source_slug = b.slugs.source.clone();
    BriefingView {
        title: &b.title,
        slug: &b.slug,
        path: b.path(),
        url: config.url_for(&b.path()),
        content_path: &b.content_path,
        date: rfc3339(&b.date),
        date_display: format!(
            "{} {} {}",
            b.date.day(),
            month_name(b.date.month()),
            b.date.year()
        ),
        year: b.date.year(),
        month: b.date.month(),
        updated: b.updated.as_ref().map(rfc3339),
        source: SourceView {
            name: &b.source.name,
            url: b.source.url.as_deref(),
            page_url: config.url_for(&TaxonomyKind::Sources.term_path(&source_slug)),
            slug: source_slug,
        },
        people: term_refs(TaxonomyKind::People, &b.people, &b.slugs.people),
        tags: term_refs(TaxonomyKind::Tags, &b.tags, &b.slugs.tags),
        summary: &b.summary,
        word_count: b.word_count,
        reading_time: b.word_count.div_ceil(200).max(1),
        draft: b.draft,
        extra: &b.extra,
        content,
    }
}

/// The site path of page `page` of a list whose first page is at `dir` (`tags/x/`).
fn page_path(dir: &str, page: usize) -> String {
    if page <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{page}/")
    }
}

fn index_file(dir: &str) -> String {
    format!("{dir}index.html")
}

impl Renderer<'_> {
    /// What every template receives: `config`, `current_path` and `current_url`.
    fn context(&self, path: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("config", self.config_value.clone());
        context.insert(
            "current_path",
            &format!("{}{path}", self.config.base_path()),
        );
        context.insert("current_url", &self.config.url_for(path));
        context
    }

    fn paginate(&self, context: &mut Context, dir: &str, members: &[usize], page: usize) {
        let (paginator, on_page) = self.page_of(dir, members, page);
        let on_page: Vec<Value> = on_page
            .iter()
            .map(|&i| self.prepared[i].summary.clone())
            .collect();
        context.insert("paginator", &paginator);
        context.insert_value("briefings", Value::from(on_page));
    }

    /// Page `page` of a list of briefings under `dir`: its paginator and its members. The one
    /// source of both the page's context and its fingerprint.
    fn page_of<'m>(
        &self,
        dir: &str,
        members: &'m [usize],
        page: usize,
    ) -> (Paginator, &'m [usize]) {
        let per_page = self.config.paginate_by;
        let number_pagers = pages(members.len(), per_page);
        let url = |n: usize| self.config.url_for(&page_path(dir, n));
        let start = ((page - 1) * per_page).min(members.len());
        let end = (start + per_page).min(members.len());
        let paginator = Paginator {
            current_index: page,
            number_pagers,
            paginate_by: per_page,
            total_briefings: members.len(),
            first: url(1),
            last: url(number_pagers),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < number_pagers).then(|| url(page + 1)),
        };
        (paginator, &members[start..end])
    }

    fn taxonomy_view(&self, kind: TaxonomyKind) -> TaxonomyView {
        TaxonomyView {
            name: kind.name(),
            title: kind.title(),
            singular: kind.singular(),
            url: self.config.url_for(&format!("{}/", kind.name())),
        }
    }

    fn term_view<'t>(&self, kind: TaxonomyKind, term: &'t Term) -> TermView<'t> {
        let path = kind.term_path(&term.slug);
        TermView {
            name: &term.name,
            slug: &term.slug,
            url: self.config.url_for(&path),
            feed_url: self.config.url_for(&format!("{path}atom.xml")),
            count: term.briefings.len(),
        }
    }

    fn years_value(&self, years: &[Year]) -> Value {
        let years: Vec<Value> = years
            .iter()
            .map(|year| {
                let months: Vec<Value> = year
                    .months
                    .iter()
                    .map(|month| {
                        let briefings: Vec<Value> = month
                            .briefings
                            .iter()
                            .map(|&i| self.prepared[i].summary.clone())
                            .collect();
                        let mut map = tera::Map::new();
                        map.insert("month".into(), Value::from(month.month));
                        map.insert("name".into(), Value::from(month_name(month.month)));
                        map.insert("count".into(), Value::from(briefings.len()));
                        map.insert("briefings".into(), Value::from(briefings));
                        Value::from(map)
                    })
                    .collect();
                let mut map = tera::Map::new();
                map.insert("year".into(), Value::from(year.year));
                map.insert("url".into(), Value::from(self.year_url(year.year)));
                map.insert("count".into(), Value::from(year.count()));
                map.insert("months".into(), Value::from(months));
                Value::from(map)
            })
            .collect();
        Value::from(years)
    }

    fn year_url(&self, year: i16) -> String {
        self.config.url_for(&format!("chronology/{year}/"))
    }

    fn insert_all_years(&self, context: &mut Context) {
        #[derive(Serialize)]
        struct YearLink {
            year: i16,
            url: String,
            count: usize,
        }
        let links: Vec<YearLink> = self
            .site
            .chronology
            .years
            .iter()
            .map(|y| YearLink {
                year: y.year,
                url: self.year_url(y.year),
                count: y.count(),
            })
            .collect();
        context.insert("all_years", &links);
    }

    /// The template value of briefing `i` with its HTML as `content`.
    fn full_value(&self, i: usize) -> Value {
        let b = &self.site.briefings[i];
        Value::from_serializable(&briefing_view(b, self.config, Some(&b.html)))
    }

    /// Fills in an Atom feed of the newest `feed_limit` of `members`.
    /// The site feed carries each briefing's full HTML; a term's feed carries summaries, so
    /// that hundreds of term feeds do not repeat every briefing's body many times over.
    fn feed(&self, context: &mut Context, title: &str, dir: &str, members: &[usize], full: bool) {
        let path = format!("{dir}atom.xml");
        let entries: Vec<Value> = members
            .iter()
            .take(self.config.feed_limit)
            .map(|&i| {
                if full {
                    self.full_value(i)
                } else {
                    self.prepared[i].summary.clone()
                }
            })
            .collect();
        let updated = members
            .iter()
            .take(self.config.feed_limit)
            .map(|&i| {
                let b = &self.site.briefings[i];
                b.updated.as_ref().unwrap_or(&b.date)
            })
            .max_by_key(|d| d.timestamp())
            .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), rfc3339);
        #[derive(Serialize)]
        struct FeedView<'a> {
            title: &'a str,
            url: String,
            alternate_url: String,
            updated: String,
        }
        context.insert(
            "feed",
            &FeedView {
                title,
                url: self.config.url_for(&path),
                alternate_url: self.config.url_for(dir),
                updated,
            },
        );
        context.insert_value("entries", Value::from(entries));
    }

    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let url = |path: &str| self.config.url_for(path);
        let newest = self
            .site
            .briefings
            .first()
            .map(|b| rfc3339(b.updated.as_ref().unwrap_or(&b.date)));
        let mut entries = vec![SitemapEntry {
            url: url(""),
            lastmod: newest.clone(),
        }];
        entries.extend(self.site.briefings.iter().map(|b| SitemapEntry {
            url: url(&b.path()),
            lastmod: Some(rfc3339(b.updated.as_ref().unwrap_or(&b.date))),
        }));
        for taxonomy in &self.site.taxonomies {
            let kind = taxonomy.kind;
            entries.push(SitemapEntry {
                url: url(&format!("{}/", kind.name())),
                lastmod: None,
            });
            entries.extend(taxonomy.terms.iter().map(|t| SitemapEntry {
                url: url(&kind.term_path(&t.slug)),
                lastmod: None,
            }));
        }
        entries.push(SitemapEntry {
            url: url("chronology/"),
            lastmod: newest,
        });
        entries.extend(self.site.chronology.years.iter().map(|y| SitemapEntry {
            url: self.year_url(y.year),
            lastmod: None,
        }));
        entries
    }
}
