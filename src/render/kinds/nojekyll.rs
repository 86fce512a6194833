//! `.nojekyll`, so that GitHub Pages serves the files as they are.

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;

/// `.nojekyll`, empty.
pub struct NoJekyll;

impl PageKind for NoJekyll {
    fn name(&self) -> &'static str {
        "nojekyll"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::NOJEKYLL.to_string()
    }

    fn body<'r>(&self, _r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::Text(String::new())
    }
}
