//! The stories index (`stories/`): developing stories first, by their newest briefing, then
//! concluded ones, each with its summary, count, span and latest date.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::source::stories::Status;

parts! {
    /// The stories index.
    pub struct StoriesPage<'a> {
        /// Stories still unfolding, newest first.
        developing: Vec<&'a Made>,
        /// Stories that are over, newest first.
        concluded: Vec<&'a Made>,
    }
}

/// The stories index: made when the site has a story.
pub struct Stories;

impl PageKind for Stories {
    fn name(&self) -> &'static str {
        "stories"
    }

    fn template(&self) -> Option<&'static str> {
        Some("stories.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        if !r.site.stories.is_empty() {
            out.push(At::default());
        }
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::STORIES.to_string()
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, _at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let n = r.site.stories.timelines.len();
        (
            Cow::Owned(format!("{} · {}", r.word("stories"), r.config.title)),
            Cow::Owned(crate::source::strings::counted(
                r.word("stories_description"),
                n,
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        let of = |status: Status| {
            r.site
                .stories
                .timelines
                .iter()
                .enumerate()
                .filter(|(_, t)| t.story.status == status)
                .map(|(s, _)| r.story_view(s))
                .collect()
        };
        Body::of(StoriesPage {
            developing: of(Status::Developing),
            concluded: of(Status::Concluded),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(r.sitemap_page(self.site_path(r, at), None))
    }
}
