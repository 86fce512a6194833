//! The site's Atom feed, with each briefing's full HTML, and the feed page every feed is made
//! with (a term's feed, [`super::term_feed`], carries summaries).

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, Entry};
use crate::render::parts::parts;
use crate::render::views::FeedView;
use crate::source::dates::rfc3339;

parts! {
    /// An Atom feed.
    pub struct FeedPage<'a> {
        /// The feed's own details.
        feed: FeedView,
        /// Its entries, newest first.
        entries: Vec<Entry<'a>>,
    }
}

/// The site feed (`atom.xml`).
pub struct Feed;

impl PageKind for Feed {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn template(&self) -> Option<&'static str> {
        Some("atom.xml")
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::FEED.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        feed(r, r.config.title.clone(), "", &r.all, true)
    }
}

/// An Atom feed of the newest `feed_limit` of `members`, the feed of the list at `dir`. The
/// site feed carries each briefing's full HTML; a term's feed carries summaries, so that
/// hundreds of term feeds do not repeat every briefing's body many times over.
pub fn feed<'r>(
    r: &'r Renderer<'_>,
    title: String,
    dir: &str,
    members: &[usize],
    full: bool,
) -> Body<'r> {
    let newest = &members[..members.len().min(r.config.feed_limit)];
    let entries = newest
        .iter()
        .map(|&i| {
            if full {
                Entry::Full(r.full(i))
            } else {
                Entry::Summary(r.summary(i))
            }
        })
        .collect();
    let updated = newest
        .iter()
        .map(|&i| {
            let b = &r.site.briefings[i];
            b.updated.as_ref().unwrap_or(&b.date)
        })
        .max_by_key(|d| d.timestamp())
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), rfc3339);
    Body::of(FeedPage {
        feed: FeedView {
            title,
            url: r.config.url_for(&urls::feed_of(dir)),
            alternate_url: r.config.url_for(dir),
            updated,
        },
        entries,
    })
}
