//! The highlighting stylesheet (`highlight.css`), made from the `highlight_theme` settings.

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::source::highlight;

/// `highlight.css`.
pub struct HighlightCss;

impl PageKind for HighlightCss {
    fn name(&self) -> &'static str {
        "highlight-css"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::HIGHLIGHT_CSS.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::Text(
            highlight::theme_css(&r.config.highlight_theme, &r.config.highlight_theme_dark)
                .unwrap_or_default(),
        )
    }
}
