//! A briefing's page: its body, its neighbours in the chronology, the briefings related to
//! it and its place in each of its stories. Its title, description, paths and sitemap entry are made once, when the briefing is
//! prepared: `serve` looks at every page on every save.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::render::Renderer;
use crate::render::pages::{Body, Full, SitemapItem};
use crate::render::parts::{Made, parts};

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
        /// Each story it belongs to, with its place in it and its neighbours there.
        stories: Vec<InStory<'a>>,
    }
}

parts! {
    /// A briefing's place in one of its stories: "Part of <story> — 4 of 12".
    pub struct InStory<'a> {
        /// The story, as a link names it (title, page, count).
        story: &'a Made,
        /// Its place in the story, from 1 (oldest first).
        position: usize,
        /// The briefing before it in the story (its summary: the template takes its title
        /// and page).
        previous: Option<&'a Made>,
        /// The briefing after it in the story.
        next: Option<&'a Made>,
        /// Whether this is the briefing's only story (its neighbours are then "in the story",
        /// not "in <title>").
        only: bool,
    }
}

/// A briefing's page.
pub struct Briefing;

impl PageKind for Briefing {
    fn name(&self) -> &'static str {
        "briefing"
    }

    fn template(&self) -> Option<&'static str> {
        Some("briefing.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.briefings.len()).map(|i| At::of(0, i)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        r.site.briefings[at.item].path()
    }

    fn current<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let prepared = &r.prepared[at.item];
        (
            Cow::Borrowed(&prepared.current_path),
            Cow::Borrowed(&prepared.current_url),
        )
    }

    /// The title is made with the page, not kept for the whole build beside it (with a copy
    /// of the description, some 20 MB at 100,000 briefings); the description is the summary,
    /// else the title.
    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let b = &r.site.briefings[at.item];
        let description = if b.summary.is_empty() {
            &b.title
        } else {
            &b.summary
        };
        (
            Cow::Owned(format!("{} · {}", b.title, r.config.title)),
            Cow::Borrowed(description),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let i = at.item;
        let stories = r
            .site
            .stories
            .of_briefing
            .get(i)
            .map_or(&[][..], Vec::as_slice);
        Body::of(BriefingPage {
            briefing: r.full(i),
            // `newer` and `older` are the neighbours in the chronology.
            newer: i.checked_sub(1).map(|j| r.summary(j)),
            older: (i + 1 < r.prepared.len()).then(|| r.summary(i + 1)),
            related: r.site.related[i].iter().map(|&j| r.summary(j)).collect(),
            stories: stories
                .iter()
                .map(|&(s, at)| {
                    let t = &r.site.stories.timelines[s];
                    InStory {
                        story: r.story_link(s),
                        position: at + 1,
                        previous: at.checked_sub(1).map(|p| r.summary(t.briefings[p])),
                        next: t.briefings.get(at + 1).map(|&n| r.summary(n)),
                        only: stories.len() == 1,
                    }
                })
                .collect(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(SitemapItem::Briefing(&r.prepared[at.item].sitemap))
    }
}
