//! A story's timeline as Knight Lab's TimelineJS reads it (`stories/hanoi-summit/timeline.json`),
//! so that a curator can embed the story elsewhere: a title slide of the story's title and
//! summary, then an event per published briefing, oldest first — its date, its title linked to
//! its page, its summary. TimelineJS shows `headline` and `text` as HTML: they are escaped.

use serde::Serialize;

use super::{At, PageKind};
use crate::content::model::Briefing;
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::source::markdown::{escape_attribute, escape_text};

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Event>,
}

#[derive(Serialize)]
struct Slide {
    text: Text,
}

#[derive(Serialize)]
struct Event {
    start_date: Date,
    text: Text,
    /// The briefing's slug: TimelineJS's anchor for the event.
    unique_id: String,
    /// The source, which TimelineJS can show events grouped by.
    group: String,
}

/// A date as TimelineJS writes it in its own examples: numbers as strings.
#[derive(Serialize)]
struct Date {
    year: String,
    month: String,
    day: String,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// The story timelines: `At::group` is the story.
pub struct StoryTimeline;

impl PageKind for StoryTimeline {
    fn name(&self) -> &'static str {
        "story-timeline"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.stories.timelines.len()).map(|s| At::of(s, 0)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::story_timeline(&r.site.stories.timelines[at.group].story.slug)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let t = &r.site.stories.timelines[at.group];
        let shown: Vec<usize> = t
            .briefings
            .iter()
            .copied()
            .filter(|&i| r.is_published(i))
            .collect();
        Body::Hashed {
            // The story as its view has it (title, summary, span), and its briefings whole.
            hash: r.hash_of_briefings(r.story_view(at.group).hash, shown.iter().copied()),
            text: Box::new(move || text(r, at.group, &shown)),
        }
    }
}

/// The timeline of story `s`, of its briefings `shown`.
fn text(r: &Renderer<'_>, s: usize, shown: &[usize]) -> String {
    let t = &r.site.stories.timelines[s];
    let event = |i: usize| {
        let b: &Briefing = &r.site.briefings[i];
        let url = &r.prepared[i].current_url;
        Event {
            start_date: Date {
                year: b.date.year().to_string(),
                month: b.date.month().to_string(),
                day: b.date.day().to_string(),
            },
            text: Text {
                headline: format!(
                    "<a href=\"{}\">{}</a>",
                    escape_attribute(url),
                    escape_text(&b.title)
                ),
                text: escape_text(&b.summary),
            },
            unique_id: b.slug.clone(),
            group: b.source.name.clone(),
        }
    };
    let timeline = Timeline {
        title: Slide {
            text: Text {
                headline: escape_text(&t.story.title),
                text: escape_text(&t.story.summary),
            },
        },
        events: shown.iter().map(|&i| event(i)).collect(),
    };
    crate::chars::json_without_markup(serde_json::to_string(&timeline).unwrap_or_default())
}
