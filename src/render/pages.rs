//! Each output file's input, as one typed value per page kind: everything its template sees,
//! nothing else. The renderer turns a [`Page`] into the template's context and hashes the same
//! [`Page`] into the file's fingerprint.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value;

use crate::content::model::Briefing;
use crate::render::parts::{Fields, Made, Part, parts};
use crate::render::views::{
    self, FeedView, MonthLink, Paginator, PreparedBriefing, SitemapEntry, TaxonomyView, TermView,
    YearLink,
};
use crate::source::config::SiteConfig;

/// A briefing with its body, as its page and the site feed show it. Its value is made when the
/// page renders; its hash was taken when the briefing was prepared.
pub struct Full<'a> {
    /// The briefing.
    pub briefing: &'a Briefing,
    /// Its prepared values.
    pub prepared: &'a PreparedBriefing,
    /// The settings its URLs are made with.
    pub config: &'a SiteConfig,
}

impl Part for Full<'_> {
    fn value(&self) -> Value {
        views::full_value(self.briefing, self.config)
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        self.prepared.full_hash.hash(hasher);
    }
}

/// A feed entry: a summary in a term's feed, the whole briefing in the site feed.
pub enum Entry<'a> {
    /// The summary.
    Summary(&'a Made),
    /// The briefing with its body.
    Full(Full<'a>),
}

impl Part for Entry<'_> {
    fn value(&self) -> Value {
        match self {
            Entry::Summary(made) => made.value(),
            Entry::Full(full) => full.value(),
        }
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        match self {
            Entry::Summary(made) => made.hash_into(hasher),
            Entry::Full(full) => full.hash_into(hasher),
        }
    }
}

parts! {
    /// What every template sees.
    pub struct Common<'a> {
        /// The settings.
        config: &'a Made,
        /// The page's path from the server's root (`/repo/tags/x/`).
        current_path: std::borrow::Cow<'a, str>,
        /// The page's URL.
        current_url: std::borrow::Cow<'a, str>,
        /// The page's title, unique to it (`Summits · page 2 · Tags · Briefings`).
        page_title: std::borrow::Cow<'a, str>,
        /// One sentence about the page, for search results and link previews.
        page_description: std::borrow::Cow<'a, str>,
    }
}

parts! {
    /// A page of a list of briefings: the home list.
    pub struct ListPage<'a> {
        /// Where the page is in its list.
        paginator: Paginator,
        /// Its briefings.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// A briefing's page.
    pub struct BriefingPage<'a> {
        /// The briefing.
        briefing: Full<'a>,
        /// The next newer briefing.
        newer: Option<&'a Made>,
        /// The next older briefing.
        older: Option<&'a Made>,
        /// Up to five briefings sharing the most people and tags with it, newest first.
        related: Vec<&'a Made>,
    }
}

parts! {
    /// A taxonomy's index.
    pub struct TermsPage<'a> {
        /// The taxonomy.
        taxonomy: TaxonomyView,
        /// Its terms, A–Z (by slug).
        terms: Vec<TermView<'a>>,
        /// The same, grouped by initial, for jump links.
        letters: Vec<LetterGroup<'a>>,
        /// The terms with the most briefings, most first (ties A–Z): none when the taxonomy
        /// has no more terms than such a list would show.
        most: Vec<TermView<'a>>,
    }
}

parts! {
    /// The terms of a taxonomy's index that begin with one letter.
    pub struct LetterGroup<'a> {
        /// `A`, …, `Z`, or `#` for the terms that begin with a digit.
        letter: String,
        /// The anchor of its heading (`letter-a`, `letter-0`).
        id: String,
        /// Its terms, A–Z.
        terms: Vec<TermView<'a>>,
    }
}

parts! {
    /// A page of one term's list.
    pub struct TermPage<'a> {
        /// The taxonomy.
        taxonomy: TaxonomyView,
        /// The term.
        term: TermView<'a>,
        /// Where the page is in the term's list.
        paginator: Paginator,
        /// Its briefings.
        briefings: Vec<&'a Made>,
        /// The same, under the year written in their dates.
        by_year: Vec<YearGroup<'a>>,
        /// Every year of the term's briefings, newest first, linking to where its list
        /// reaches the year: a timeline across the pages.
        years: Vec<TermYearLink>,
        /// For each taxonomy, the terms that share the most briefings with this one (empty
        /// groups left out).
        companions: Vec<CompanionGroup<'a>>,
        /// On a person's page, their facts from `data/people.yaml`, if any.
        person: Option<PersonView>,
    }
}

parts! {
    /// A person's curated facts.
    pub struct PersonView {
        /// What they are.
        role: Option<String>,
        /// A sentence or two about them.
        note: Option<String>,
        /// Other spellings of their name.
        aliases: Vec<String>,
    }
}

parts! {
    /// Briefings of one page of a list that are dated in one year.
    pub struct YearGroup<'a> {
        /// The year.
        year: i16,
        /// The briefings, newest first.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// A year of a term's timeline.
    pub struct TermYearLink {
        /// The year.
        year: i16,
        /// How many of the term's briefings are dated in it.
        count: usize,
        /// The page of the term's list where the year begins, at the year's heading.
        url: String,
    }
}

parts! {
    /// Terms of one taxonomy that share briefings with a term.
    pub struct CompanionGroup<'a> {
        /// What the group is, as a heading: `Appears with`, `Related tags`, `Sources`.
        title: String,
        /// Their taxonomy.
        taxonomy: TaxonomyView,
        /// The terms, most shared first.
        terms: Vec<Companion<'a>>,
    }
}

parts! {
    /// A term that shares briefings with another.
    pub struct Companion<'a> {
        /// The term.
        term: TermView<'a>,
        /// How many briefings the two share.
        shared: usize,
    }
}

parts! {
    /// An Atom feed.
    pub struct FeedPage<'a> {
        /// The feed's own details.
        feed: FeedView,
        /// Its entries, newest first.
        entries: Vec<Entry<'a>>,
    }
}

parts! {
    /// One year's row of the chronology's index: a cell for each of its twelve months.
    pub struct YearRow {
        /// The year.
        year: i16,
        /// Its page.
        url: String,
        /// How many briefings.
        count: usize,
        /// January to December; a month without briefings has a count of 0 and no URL.
        months: Vec<MonthLink>,
    }
}

parts! {
    /// The chronology's index: years by months, with counts.
    pub struct ChronologyPage {
        /// The years, newest first.
        years: Vec<YearRow>,
        /// How many briefings in all.
        total: usize,
    }
}

parts! {
    /// One month of a year's page, or a month's page.
    pub struct MonthView<'a> {
        /// The month, as links show it.
        month: MonthLink,
        /// Its briefings, newest first (none on the page of a year too large to list whole).
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// One day of a month's page: the date as written in the briefings' front matter.
    pub struct DayView<'a> {
        /// Day of the month, 1 to 31.
        day: i8,
        /// `2022-10-31`.
        date: String,
        /// `31 October 2022`.
        name: String,
        /// Its briefings, newest first.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// One year of the chronology: its months, each with its briefings when the year is
    /// small enough to list whole, else with a link to the month's page.
    pub struct YearPage<'a> {
        /// The year.
        year: YearLink,
        /// Whether the year's briefings are listed here (else only on the month pages).
        listed: bool,
        /// Its months with briefings, newest first.
        months: Vec<MonthView<'a>>,
        /// Every year, for links between them.
        all_years: Vec<YearLink>,
    }
}

parts! {
    /// One month of the chronology.
    pub struct MonthPage<'a> {
        /// Its year.
        year: YearLink,
        /// The month.
        month: MonthLink,
        /// Its days with briefings, newest first, each with its briefings.
        days: Vec<DayView<'a>>,
        /// The year's months with briefings, oldest first, for links between them.
        months: Vec<MonthLink>,
        /// The month before, with briefings (in any year).
        previous: Option<MonthLink>,
        /// The month after, with briefings (in any year).
        next: Option<MonthLink>,
        /// Every year, for links between them.
        all_years: Vec<YearLink>,
    }
}

/// An entry of the sitemap: a briefing's, made when the briefing was prepared, or another
/// page's.
pub enum SitemapItem<'a> {
    /// A briefing's page.
    Briefing(&'a Made),
    /// Another page.
    Page(SitemapEntry),
}

impl Part for SitemapItem<'_> {
    fn value(&self) -> Value {
        match self {
            SitemapItem::Briefing(made) => made.value(),
            SitemapItem::Page(entry) => entry.value(),
        }
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        match self {
            SitemapItem::Briefing(made) => made.hash_into(hasher),
            SitemapItem::Page(entry) => entry.hash_into(hasher),
        }
    }
}

parts! {
    /// `sitemap.xml`, or one part of it.
    pub struct SitemapPage<'a> {
        /// The URLs this file lists: every page's, or a part's share (none in an index).
        entries: Vec<SitemapItem<'a>>,
        /// In a sitemap index, its parts (`sitemap1.xml`, …); else none.
        sitemaps: Vec<SitemapEntry>,
    }
}

parts! {
    /// `robots.txt`.
    pub struct RobotsPage {
        /// The sitemap's URL.
        sitemap_url: String,
    }
}

parts! {
    /// The search page.
    pub struct SearchPage {
        /// The folder of the search index's files, from the server's root
        /// (`/repo/search/data/`).
        index_path: String,
        /// True: the page has its own search form, so the header's is left out (one search
        /// box on the page).
        own_search_form: bool,
        /// The person, tag and source with the most briefings (empty where there is none):
        /// what the filter boxes show as an example of what they take.
        person_example: String,
        tag_example: String,
        source_example: String,
    }
}

parts! {
    /// A page that sees only what every page sees (`404.html`).
    pub struct PlainPage {}
}

/// What one output file is made from.
pub enum Body<'a> {
    /// A page of the home list.
    List(ListPage<'a>),
    /// A briefing's page.
    Briefing(BriefingPage<'a>),
    /// A taxonomy's index.
    Terms(TermsPage<'a>),
    /// A page of a term's list.
    Term(TermPage<'a>),
    /// A feed.
    Feed(FeedPage<'a>),
    /// The chronology's index.
    Chronology(ChronologyPage),
    /// A year of the chronology.
    Year(YearPage<'a>),
    /// A month of the chronology.
    Month(MonthPage<'a>),
    /// The sitemap.
    Sitemap(SitemapPage<'a>),
    /// `robots.txt`.
    Robots(RobotsPage),
    /// The search page.
    Search(SearchPage),
    /// A page with the common values alone.
    Plain(PlainPage),
    /// A file made from the settings alone, not through a template: its text.
    Text(String),
}

impl Body<'_> {
    /// Its fields, for a template; `None` for a file not made through a template.
    pub fn fields(&self) -> Option<&dyn Fields> {
        Some(match self {
            Body::List(p) => p,
            Body::Briefing(p) => p,
            Body::Terms(p) => p,
            Body::Term(p) => p,
            Body::Feed(p) => p,
            Body::Chronology(p) => p,
            Body::Year(p) => p,
            Body::Month(p) => p,
            Body::Sitemap(p) => p,
            Body::Robots(p) => p,
            Body::Search(p) => p,
            Body::Plain(p) => p,
            Body::Text(_) => return None,
        })
    }
}

/// One output file's whole input: its template, what every page sees, and its own values.
pub struct Page<'a> {
    /// The template it is rendered with, if any.
    pub template: Option<&'static str>,
    /// What every page sees.
    pub common: Common<'a>,
    /// Its own values.
    pub body: Body<'a>,
}
