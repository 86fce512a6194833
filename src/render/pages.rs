//! An output file's input as one value, a [`Page`]: what every page sees ([`Common`]) and its
//! kind's own typed input ([`Body`], declared in the kind's module under `kinds/`), with the
//! parts several kinds share (a briefing in full, a feed entry, a sitemap entry). The renderer
//! turns a [`Page`] into the template's context and hashes the same [`Page`] into the file's
//! fingerprint.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value;

use crate::content::model::Briefing;
use crate::render::parts::{Fields, Made, Part, parts};
use crate::render::views::{self, PreparedBriefing, SitemapEntry};
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
        /// Whether the site has stories (and so a stories index in its nav).
        has_stories: bool,
        /// Whether the site has digests (linked from the chronology).
        has_digests: bool,
        /// The page's language (`lang`): the site's, or its briefing's.
        language: &'a str,
        /// The theme's words in the page's language (`{{ t.search }}`).
        t: &'a Made,
    }
}

/// An entry of the sitemap: a briefing's, made when the briefing was prepared, or another
/// page's.
pub enum SitemapItem<'a> {
    /// A briefing's page.
    Briefing(&'a Made),
    /// Another page.
    Page(SitemapEntry),
    /// A briefing's page that has translations, with them.
    Translated(views::TranslatedEntry),
}

impl Part for SitemapItem<'_> {
    fn value(&self) -> Value {
        match self {
            SitemapItem::Briefing(made) => made.value(),
            SitemapItem::Page(entry) => entry.value(),
            SitemapItem::Translated(entry) => tera::Value::from_serializable(entry),
        }
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        match self {
            SitemapItem::Briefing(made) => made.hash_into(hasher),
            SitemapItem::Page(entry) => entry.hash_into(hasher),
            SitemapItem::Translated(entry) => entry.hash(hasher),
        }
    }
}

parts! {
    /// A page that sees only what every page sees (`404.html`).
    pub struct PlainPage {}
}

/// What one output file is made from: a page kind's own input for its template, or the text
/// of a file made without one.
pub enum Body<'a> {
    /// The fields its template sees, beside what every page sees.
    Fields(Box<dyn Fields + 'a>),
    /// A file made from the settings alone, not through a template: its text.
    Text(String),
    /// A file made without a template from many values whose hashes are at hand (the data
    /// files, from every briefing): their hash, which is the file's fingerprint, and how to
    /// write it — called only when the file is rendered, not each time `serve` looks at it.
    Hashed {
        /// The hash of everything the text is made from.
        hash: u64,
        /// Writes the text.
        text: Box<dyn Fn() -> String + 'a>,
    },
}

impl<'a> Body<'a> {
    /// The body of a page whose template sees `fields`.
    pub fn of(fields: impl Fields + 'a) -> Body<'a> {
        Body::Fields(Box::new(fields))
    }

    /// Its fields, for a template; `None` for a file not made through a template.
    pub fn fields(&self) -> Option<&dyn Fields> {
        match self {
            Body::Fields(fields) => Some(fields.as_ref()),
            Body::Text(_) | Body::Hashed { .. } => None,
        }
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
