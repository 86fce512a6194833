//! One story's Atom feed (`stories/hanoi-summit/atom.xml`), newest first, of summaries: a
//! reader follows one story.

use super::feed::feed;
use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;

/// A story's feed: `At::group` is the story.
pub struct StoryFeed;

impl PageKind for StoryFeed {
    fn name(&self) -> &'static str {
        "story-feed"
    }

    fn template(&self) -> Option<&'static str> {
        Some("atom.xml")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.stories.timelines.len()).map(|s| At::of(s, 0)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::feed_of(&r.site.stories.timelines[at.group].story.path())
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let t = &r.site.stories.timelines[at.group];
        let newest_first: Vec<usize> = t.briefings.iter().rev().copied().collect();
        let title = format!("{} — {}", r.config.title, t.story.title);
        feed(r, title, &t.story.path(), &newest_first, false)
    }
}
