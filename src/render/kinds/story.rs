//! A story's page (`stories/hanoi-summit/`): its title, status, span and count, the editor's
//! account, then its timeline — oldest first, under month headings, the newest briefing
//! marked — its people and sources, and the stories related to it. A long story is cut into
//! pages of at most [`STORY_PAGE_BRIEFINGS`], by year (`stories/x/2019/`, then
//! `stories/x/2019/page/2/`), with its latest year on the story's own page: so that no page
//! of a story of thousands of briefings grows past some 200 KB.

use std::borrow::Cow;

use serde::Serialize;

use super::{At, PageKind};
use crate::content::model::TaxonomyKind;
use crate::content::story::Timeline;
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts, plain_parts};
use crate::render::views::{self, PageLink, TermView};
use crate::render::{Renderer, count_of_briefings, numbered};
use crate::source::dates::rfc3339;

/// A story of at most this many briefings is on one page, whole.
pub const STORY_LISTED_WHOLE: usize = 150;
/// The most briefings one page of a longer story lists.
pub const STORY_PAGE_BRIEFINGS: usize = 150;

parts! {
    /// A page of a story.
    pub struct StoryPage<'a> {
        /// The story, as lists show it.
        story: &'a Made,
        /// The editor's account, as HTML (on the story's own page; empty on its year pages).
        account: &'a str,
        /// The image for link previews, as an address.
        og_image: Option<String>,
        /// The year this page lists, when the story is cut by year.
        year: Option<i16>,
        /// The page's briefings under their months, oldest first.
        months: Vec<StoryMonth<'a>>,
        /// Every year of the story, oldest first, with its page (empty for a story on one
        /// page).
        years: Vec<StoryYearLink>,
        /// The pages of this page's year, when it takes more than one.
        parts: Vec<PageLink>,
        /// The people of its briefings who appear most, with how many briefings name them.
        people: Vec<Counted<'a>>,
        /// Its sources likewise.
        sources: Vec<Counted<'a>>,
        /// Stories sharing people or tags with it.
        related: Vec<&'a Made>,
        /// schema.org `CollectionPage` JSON-LD of the page's briefings.
        json_ld: String,
    }
}

parts! {
    /// A month of a story's timeline.
    pub struct StoryMonth<'a> {
        /// The year.
        year: i16,
        /// 1 to 12.
        month: i8,
        /// `February 2019`.
        name: String,
        /// An id for the heading (`m2019-02`).
        id: String,
        /// Its briefings, oldest first.
        briefings: Vec<&'a Made>,
        /// Whether its last briefing is the story's newest, which the timeline marks (a flag
        /// for the month, not a test of every briefing's address).
        newest: bool,
    }
}

/// A year of a story, as its year links show it.
#[derive(Serialize, Hash)]
pub struct StoryYearLink {
    year: i16,
    count: usize,
    url: String,
    /// Whether the page shown lists it.
    current: bool,
}

parts! {
    /// A person or source of a story, with how many of its briefings name it.
    pub struct Counted<'a> {
        /// The term.
        term: TermView<'a>,
        /// How many of the story's briefings name it.
        count: usize,
    }
}

plain_parts!(StoryYearLink);

/// The pages of a story, as positions: `At::group` is the story, `item` 0 its own page and
/// `y + 1` year `y` (of [`Timeline::years`]), `page` the page of that year from 1.
pub struct Story;

/// A story's pages beside its own: each year but the latest, with each of its pages, and the
/// latest year's pages after the first — or none, for a story on one page.
fn pages_of(t: &Timeline, group: usize, out: &mut Vec<At>) {
    out.push(At {
        group,
        item: 0,
        page: 1,
    });
    if t.briefings.len() <= STORY_LISTED_WHOLE {
        return;
    }
    let last = t.years.len().saturating_sub(1);
    for (y, year) in t.years.iter().enumerate() {
        let parts = year.count.div_ceil(STORY_PAGE_BRIEFINGS).max(1);
        let from = if y == last { 2 } else { 1 };
        out.extend((from..=parts).map(|page| At {
            group,
            item: y + 1,
            page,
        }));
    }
}

/// The year (by index) and page a position shows, for a story cut by year; `None` for a story
/// on one page.
fn year_of(t: &Timeline, at: At) -> Option<(usize, usize)> {
    if t.briefings.len() <= STORY_LISTED_WHOLE {
        return None;
    }
    match at.item {
        0 => Some((t.years.len().saturating_sub(1), 1)),
        item => Some((item - 1, at.page.max(1))),
    }
}

/// The site path of page `page` of year `y` of a story cut by year.
fn year_path(t: &Timeline, y: usize, page: usize) -> String {
    let slug = &t.story.slug;
    if y + 1 == t.years.len() && page == 1 {
        urls::story(slug)
    } else {
        urls::story_year(slug, t.years[y].year, page)
    }
}

impl PageKind for Story {
    fn name(&self) -> &'static str {
        "story"
    }

    fn template(&self) -> Option<&'static str> {
        Some("story.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        for (group, t) in r.site.stories.timelines.iter().enumerate() {
            pages_of(t, group, out);
        }
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        let t = &r.site.stories.timelines[at.group];
        match year_of(t, at) {
            Some((y, page)) => year_path(t, y, page),
            None => urls::story(&t.story.slug),
        }
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let t = &r.site.stories.timelines[at.group];
        let story = &t.story;
        let name = match (at.item, year_of(t, at)) {
            (0, _) | (_, None) => story.title.clone(),
            (_, Some((y, page))) => {
                let year = format!("{} · {}", story.title, t.years[y].year);
                numbered(r, &year, page)
            }
        };
        let description = if story.summary.is_empty() {
            r.words(
                "story_description",
                &[("{briefings}", &count_of_briefings(r, t.briefings.len()))],
            )
        } else {
            story.summary.clone()
        };
        (
            Cow::Owned(format!(
                "{name} · {} · {}",
                r.word("stories"),
                r.config.title
            )),
            Cow::Owned(description),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let t = &r.site.stories.timelines[at.group];
        let year = year_of(t, at);
        // The page's briefings: all of them, or one page of one year.
        let members: &[usize] = match year {
            None => &t.briefings,
            Some((y, page)) => {
                let year = &t.years[y];
                let from = year.first + (page - 1) * STORY_PAGE_BRIEFINGS;
                let to = (from + STORY_PAGE_BRIEFINGS).min(year.first + year.count);
                &t.briefings[from.min(to)..to]
            }
        };
        let mut months: Vec<StoryMonth<'r>> = Vec::new();
        for &i in r.one_per_story(members).iter() {
            let b = &r.site.briefings[i];
            let (y, m) = (b.date.year(), b.date.month());
            match months.iter_mut().find(|g| g.year == y && g.month == m) {
                Some(group) => group.briefings.push(r.summary(i)),
                None => months.push(StoryMonth {
                    year: y,
                    month: m,
                    name: (r.config.strings).month_year(&r.config.language, y, m),
                    id: format!("m{y}-{m:02}"),
                    briefings: vec![r.summary(i)],
                    newest: false,
                }),
            }
        }
        if let (Some(month), Some(&last)) = (months.last_mut(), members.last()) {
            month.newest = t.latest() == Some(last);
        }
        let years = match year {
            None => Vec::new(),
            Some((shown, _)) => t
                .years
                .iter()
                .enumerate()
                .map(|(y, year)| StoryYearLink {
                    year: year.year,
                    count: year.count,
                    url: r.config.link_for(&year_path(t, y, 1)),
                    current: y == shown,
                })
                .collect(),
        };
        let parts = match year {
            Some((y, page)) if t.years[y].count > STORY_PAGE_BRIEFINGS => {
                let count = t.years[y].count.div_ceil(STORY_PAGE_BRIEFINGS);
                views::page_links(page, count, |n| r.config.link_for(&year_path(t, y, n)))
            }
            _ => Vec::new(),
        };
        let own_page = at.item == 0;
        let people = &r.site.taxonomy(TaxonomyKind::People).terms;
        let sources = &r.site.taxonomy(TaxonomyKind::Sources).terms;
        let counted = |kind: TaxonomyKind,
                       terms: &'r [crate::content::model::Term],
                       list: &[(usize, usize)]| {
            list.iter()
                .filter(|&&(_, count)| count > 0)
                .map(|&(i, count)| Counted {
                    term: TermView::of(kind, &terms[i], r.config),
                    count,
                })
                .collect::<Vec<_>>()
        };
        let site_path = self.site_path(r, at);
        Body::of(StoryPage {
            story: r.story_view(at.group),
            account: if own_page { &t.story.html } else { "" },
            og_image: t.story.image.as_ref().map(|image| {
                if crate::source::frontmatter::is_web_url(image) {
                    image.clone()
                } else {
                    r.config.url_for(image.trim_start_matches('/'))
                }
            }),
            year: year.map(|(y, _)| t.years[y].year),
            months,
            years,
            parts,
            people: if own_page {
                counted(TaxonomyKind::People, people, &t.people)
            } else {
                Vec::new()
            },
            sources: if own_page {
                counted(TaxonomyKind::Sources, sources, &t.sources)
            } else {
                Vec::new()
            },
            related: if own_page {
                t.related.iter().map(|&s| r.story_view(s)).collect()
            } else {
                Vec::new()
            },
            json_ld: json_ld(r, t, &site_path, members),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        let t = &r.site.stories.timelines[at.group];
        let lastmod = t.latest().map(|i| {
            let b = &r.site.briefings[i];
            rfc3339(b.updated.as_ref().unwrap_or(&b.date))
        });
        Some(r.sitemap_page(self.site_path(r, at), lastmod))
    }
}

/// A story's page as schema.org `CollectionPage`: the `NewsArticle`s it lists are its parts,
/// each named by its address alone — its own page's JSON-LD gives its headline and the rest,
/// and repeating the headlines here would add some 60 bytes per briefing listed (the page's
/// language is `<html lang>`'s).
fn json_ld(r: &Renderer<'_>, t: &Timeline, site_path: &str, members: &[usize]) -> String {
    // Written into one string, key by key as serde would write such a struct: a part per
    // briefing listed, through serde, cost 0.15 % of the build of a site of stories.
    let mut json = String::with_capacity(200 + members.len() * 100);
    json.push_str(r#"{"@context":"https://schema.org","@type":"CollectionPage""#);
    views::push_json_field(&mut json, "name", &t.story.title);
    views::push_json_field(&mut json, "url", &r.config.url_for(site_path));
    if !t.story.summary.is_empty() {
        views::push_json_field(&mut json, "description", &t.story.summary);
    }
    json.push_str(r#","hasPart":"#);
    views::push_json_ld_list(
        &mut json,
        "NewsArticle",
        "url",
        members.iter().map(|&i| r.prepared[i].current_url.as_str()),
    );
    json.push('}');
    json
}
