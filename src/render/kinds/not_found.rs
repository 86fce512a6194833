//! `404.html`, which GitHub Pages and `serve` show for an address with no page. It is left out
//! of the sitemap: it is not content.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, PlainPage};

/// `404.html`.
pub struct NotFound;

impl PageKind for NotFound {
    fn name(&self) -> &'static str {
        "not-found"
    }

    fn template(&self) -> Option<&'static str> {
        Some("404.html")
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::NOT_FOUND.to_string()
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, _at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        (
            Cow::Owned(format!("{} · {}", r.word("not_found"), r.config.title)),
            Cow::Borrowed(r.word("not_found_description")),
        )
    }

    fn body<'r>(&self, _r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::of(PlainPage {})
    }
}
