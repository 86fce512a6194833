//! Page kinds: each kind of output file — a briefing's page, a term's list, the sitemap — is one
//! module here, owning which outputs it makes from the model, each one's path (through
//! [`crate::content::urls`]), its template, its typed input and its title. [`KINDS`] lists them
//! once: the renderer plans from it, the sitemap lists what it says, and the tests take their
//! kinds from it, so a kind that is missing a template, a page check or a sitemap entry fails
//! a test that names it. Adding a kind is a module, a template and a line in [`KINDS`].

mod briefing;
mod chronology;
mod cname;
mod data;
mod digest;
mod feed;
mod highlight_css;
mod home;
mod json_feed;
mod month;
mod nojekyll;
mod not_found;
mod robots;
mod search;
mod sitemap;
mod stories;
mod story;
mod story_feed;
mod story_timeline;
mod term;
mod term_feed;
mod terms;
mod year;

use std::borrow::Cow;
use std::fmt;

pub use story::{STORY_LISTED_WHOLE, STORY_PAGE_BRIEFINGS};
pub use year::YEAR_LISTED_WHOLE;

use crate::render::Renderer;
use crate::render::pages::{Body, SitemapItem};

/// Every page kind, in the order their files are planned: the kinds whose pages list every
/// briefing first, so that, rendered in parallel, the longest jobs start at once.
pub static KINDS: &[&dyn PageKind] = &[
    &sitemap::Sitemap,
    &data::Data,
    &chronology::Chronology,
    &home::Home,
    &briefing::Briefing,
    &terms::Terms,
    &term::Term,
    &term_feed::TermFeed,
    &story::Story,
    &stories::Stories,
    &story_feed::StoryFeed,
    &story_timeline::StoryTimeline,
    &digest::Digests,
    &digest::Digest,
    &digest::DigestEmail,
    &digest::DigestText,
    &digest::DigestFeed,
    &feed::Feed,
    &json_feed::JsonFeed,
    &year::Year,
    &month::Month,
    &robots::Robots,
    &not_found::NotFound,
    &search::Search,
    &nojekyll::NoJekyll,
    &highlight_css::HighlightCss,
    &cname::Cname,
    &data::DataCsv,
];

/// Which of its kind's outputs a job is, in positions the kind reads: a term's page is its
/// taxonomy (`group`), its term (`item`) and its page number (`page`, from 1); a month is its
/// year (`group`) and its month (`item`); a briefing is `item`. Unused positions are 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct At {
    /// A taxonomy, or a year of the chronology, by index.
    pub group: usize,
    /// A term, a month of the year or a briefing, by index.
    pub item: usize,
    /// A page of a list, or a part of the sitemap, from 1.
    pub page: usize,
}

impl At {
    /// Page `page` of a list.
    pub fn page(page: usize) -> At {
        At {
            page,
            ..At::default()
        }
    }

    /// The `item`th of `group`.
    pub fn of(group: usize, item: usize) -> At {
        At {
            group,
            item,
            page: 0,
        }
    }
}

/// A kind of output file.
pub trait PageKind: Sync {
    /// Its name, as the tests and the page checks call it (`term`, `not-found`).
    fn name(&self) -> &'static str;

    /// The template its files are rendered with; `None` for a file made from the settings
    /// alone, not through a template.
    fn template(&self) -> Option<&'static str>;

    /// Its outputs for the site being rendered, in order: one file, unless the kind says
    /// otherwise.
    fn outputs(&self, _r: &Renderer<'_>, out: &mut Vec<At>) {
        out.push(At::default());
    }

    /// The site path of one output's page (`tags/x/page/2/`), or of its file
    /// (`tags/x/atom.xml`).
    fn site_path(&self, r: &Renderer<'_>, at: At) -> String;

    /// The page's path from the server's root and its URL.
    fn current<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site_path = self.site_path(r, at);
        (
            Cow::Owned(format!("{}{site_path}", r.config.base_path())),
            Cow::Owned(r.config.url_for(&site_path)),
        )
    }

    /// The page's title, unique to it (a list's page number included), and a sentence saying
    /// what it holds. A file that is not a page has the site's title and no description.
    fn title<'r>(&self, r: &'r Renderer<'_>, _at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        (Cow::Borrowed(&r.config.title), Cow::Borrowed(""))
    }

    /// The language of the page (its `lang`): the site's, unless the page is of a briefing in
    /// another.
    fn language<'r>(&self, r: &'r Renderer<'_>, _at: At) -> &'r str {
        &r.config.language
    }

    /// Everything the output's template sees beside what every page sees, or the file's text.
    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r>;

    /// The output's entry in the sitemap, if it has one.
    fn sitemap<'r>(&self, _r: &'r Renderer<'_>, _at: At) -> Option<SitemapItem<'r>> {
        None
    }

    /// Whether its pages list every briefing of the site (the slowest to render).
    fn lists_everything(&self) -> bool {
        false
    }
}

/// One file to render: its kind, and which of the kind's outputs it is.
#[derive(Clone, Copy)]
pub struct Job {
    /// Its kind.
    pub kind: &'static dyn PageKind,
    /// Which of the kind's outputs.
    pub at: At,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?}", self.kind.name(), self.at)
    }
}

/// Every job of a site, kind by kind in the order of [`KINDS`].
pub fn jobs(r: &Renderer<'_>) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut at = Vec::new();
    for &kind in KINDS {
        at.clear();
        kind.outputs(r, &mut at);
        jobs.extend(at.iter().map(|&at| Job { kind, at }));
    }
    jobs
}

/// The kinds among `kinds` whose template is not among `templates`, by name.
pub fn without_template(kinds: &[&dyn PageKind], templates: &[&str]) -> Vec<&'static str> {
    kinds
        .iter()
        .filter(|kind| kind.template().is_some_and(|t| !templates.contains(&t)))
        .map(|kind| kind.name())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pages::PlainPage;

    /// A kind made up for the test, with a template no theme has.
    struct Newsletter;

    impl PageKind for Newsletter {
        fn name(&self) -> &'static str {
            "newsletter"
        }
        fn template(&self) -> Option<&'static str> {
            Some("newsletter.html")
        }
        fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
            "newsletters/x/".to_string()
        }
        fn body<'r>(&self, _r: &'r Renderer<'_>, _at: At) -> Body<'r> {
            Body::of(PlainPage {})
        }
    }

    fn default_theme() -> Vec<&'static str> {
        crate::source::theme::TEMPLATES
            .iter()
            .map(|(name, _)| *name)
            .collect()
    }

    #[test]
    fn every_kind_has_its_template_in_the_default_theme_and_a_kind_without_one_is_named() {
        assert_eq!(
            without_template(KINDS, &default_theme()),
            Vec::<&str>::new()
        );
        let mut kinds = KINDS.to_vec();
        kinds.push(&Newsletter);
        assert_eq!(without_template(&kinds, &default_theme()), ["newsletter"]);
    }

    #[test]
    fn kinds_have_one_name_each() {
        let mut names: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
    }
}
