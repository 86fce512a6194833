//! `robots.txt`, which points crawlers at the sitemap.

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::render::parts::parts;

parts! {
    /// `robots.txt`.
    pub struct RobotsPage {
        /// The sitemap's URL.
        sitemap_url: String,
    }
}

/// `robots.txt`.
pub struct Robots;

impl PageKind for Robots {
    fn name(&self) -> &'static str {
        "robots"
    }

    fn template(&self) -> Option<&'static str> {
        Some("robots.txt")
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::ROBOTS.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::of(RobotsPage {
            sitemap_url: r.config.url_for(urls::SITEMAP),
        })
    }
}
