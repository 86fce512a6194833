//! One term's Atom feed (`tags/summits/atom.xml`), of summaries.

use super::feed::feed;
use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;

/// A term's feed: `At::group` is the taxonomy, `item` the term.
pub struct TermFeed;

impl PageKind for TermFeed {
    fn name(&self) -> &'static str {
        "term-feed"
    }

    fn template(&self) -> Option<&'static str> {
        Some("atom.xml")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        for (group, taxonomy) in r.site.taxonomies.iter().enumerate() {
            out.extend((0..taxonomy.terms.len()).map(|item| At::of(group, item)));
        }
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        let taxonomy = &r.site.taxonomies[at.group];
        urls::feed_of(&urls::term(taxonomy.kind, &taxonomy.terms[at.item].slug))
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let taxonomy = &r.site.taxonomies[at.group];
        let t = &taxonomy.terms[at.item];
        let title = format!("{} — {}", r.config.title, t.name);
        feed(
            r,
            title,
            &urls::term(taxonomy.kind, &t.slug),
            &t.briefings,
            false,
        )
    }
}
