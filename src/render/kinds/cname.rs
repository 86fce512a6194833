//! `CNAME`: the custom domain, for GitHub Pages published from a branch; made only when the
//! `cname` setting is.

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;

/// `CNAME`.
pub struct Cname;

impl PageKind for Cname {
    fn name(&self) -> &'static str {
        "cname"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        if r.config.cname.is_some() {
            out.push(At::default());
        }
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::CNAME.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::Text(
            r.config
                .cname
                .as_ref()
                .map_or_else(String::new, |domain| format!("{domain}\n")),
        )
    }
}
