//! A story's timeline as Knight Lab's TimelineJS reads it (`stories/hanoi-summit/timeline.json`),
//! so that a curator can embed the story elsewhere: a title slide of the story's title and
//! summary, then an event per published briefing, oldest first — its date, its title linked to
//! its page, its summary. TimelineJS shows `headline` and `text` as HTML: they are escaped.

use std::fmt::Write;

use super::{At, PageKind};
use crate::chars::{JsonText, push_json_string, push_json_text};
use crate::content::model::Briefing;
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;

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

/// The timeline of story `s`, of its briefings `shown`: written straight into one string,
/// field by field in TimelineJS's shape — `{"title": {"text": {"headline", "text"}}, "events":
/// [{"start_date": {"year", "month", "day"}, "text": {"headline", "text"}, "unique_id",
/// "group"}]}`, numbers as strings as TimelineJS's own examples write them — not as a tree of
/// values: the timelines of a site of stories write an event per briefing in them, and the
/// tree cost a third of a percent of such a site's build.
fn text(r: &Renderer<'_>, s: usize, shown: &[usize]) -> String {
    let t = &r.site.stories.timelines[s];
    let mut out = String::with_capacity(200 + shown.len() * 400);
    out.push_str(r#"{"title":{"text":{"headline":"#);
    push_json_string(&mut out, &t.story.title, JsonText::Html);
    out.push_str(r#","text":"#);
    push_json_string(&mut out, &t.story.summary, JsonText::Html);
    out.push_str(r#"}},"events":["#);
    for (n, &i) in shown.iter().enumerate() {
        let b: &Briefing = &r.site.briefings[i];
        if n > 0 {
            out.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            r#"{{"start_date":{{"year":"{}","month":"{}","day":"{}"}},"text":{{"headline":"\u003ca href=\""#,
            b.date.year(),
            b.date.month(),
            b.date.day()
        );
        // The title linked to the briefing's page; the `<` of the markup as every `<` is.
        push_json_text(
            &mut out,
            &r.prepared[i].current_url,
            JsonText::HtmlAttribute,
        );
        out.push_str(r#"\">"#);
        push_json_text(&mut out, &b.title, JsonText::Html);
        out.push_str(r#"\u003c/a>","text":"#);
        push_json_string(&mut out, &b.summary, JsonText::Html);
        // The briefing's slug is TimelineJS's anchor for the event; the source, which it can
        // group events by.
        out.push_str(r#"},"unique_id":"#);
        push_json_string(&mut out, &b.slug, JsonText::Plain);
        out.push_str(r#","group":"#);
        push_json_string(&mut out, &b.source.name, JsonText::Plain);
        out.push('}');
    }
    out.push_str("]}");
    out
}
