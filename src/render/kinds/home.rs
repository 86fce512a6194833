//! The home list: every briefing, newest first, a page at a time (one entry per story in
//! languages: `Renderer::one_per_story`).

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::render::views::Paginator;
use crate::render::{Renderer, numbered, pages};

parts! {
    /// A page of the home list.
    pub struct ListPage<'a> {
        /// Where the page is in its list.
        paginator: Paginator,
        /// Its briefings.
        briefings: Vec<&'a Made>,
    }
}

/// A page of the home list.
pub struct Home;

impl PageKind for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn template(&self) -> Option<&'static str> {
        Some("index.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((1..=pages(r.listed.len(), r.config.paginate_by)).map(At::page));
    }

    fn site_path(&self, _r: &Renderer<'_>, at: At) -> String {
        urls::page("", at.page)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        let description = if r.config.description.is_empty() {
            Cow::Owned(r.words("home_description", &[("{site}", site)]))
        } else {
            Cow::Borrowed(r.config.description.as_str())
        };
        (Cow::Owned(numbered(r, site, at.page)), description)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let (paginator, briefings) = r.page_of("", &r.listed, at.page, r.config.paginate_by);
        Body::of(ListPage {
            paginator,
            briefings,
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        (at.page == 1).then(|| r.sitemap_page(self.site_path(r, at), r.newest()))
    }
}
