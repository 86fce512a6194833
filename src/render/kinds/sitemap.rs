//! `sitemap.xml`: the entry of every output whose kind lists it ([`PageKind::sitemap`]), or,
//! when there are more than one file may hold, an index of parts (`sitemap1.xml`, …).

use super::{At, KINDS, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::parts;
use crate::render::views::SitemapEntry;

parts! {
    /// `sitemap.xml`, or one part of it.
    pub struct SitemapPage<'a> {
        /// The URLs this file lists: every page's, or a part's share (none in an index).
        entries: Vec<SitemapItem<'a>>,
        /// In a sitemap index, its parts (`sitemap1.xml`, …); else none.
        sitemaps: Vec<SitemapEntry>,
    }
}

/// The sitemap: `At::page` 0 is `sitemap.xml`, 1 and on its parts.
pub struct Sitemap;

impl PageKind for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn template(&self) -> Option<&'static str> {
        Some("sitemap.xml")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..=parts(entries(r).len())).map(At::page));
    }

    fn site_path(&self, _r: &Renderer<'_>, at: At) -> String {
        match at.page {
            0 => urls::SITEMAP.to_string(),
            part => urls::sitemap_part(part),
        }
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let mut entries = entries(r);
        let parts = parts(entries.len());
        Body::of(match at.page {
            0 if parts > 0 => SitemapPage {
                entries: Vec::new(),
                sitemaps: (1..=parts)
                    .map(|part| SitemapEntry {
                        url: r.config.url_for(&urls::sitemap_part(part)),
                        lastmod: None,
                    })
                    .collect(),
            },
            0 => SitemapPage {
                entries,
                sitemaps: Vec::new(),
            },
            part => {
                let start = (part - 1) * urls::SITEMAP_URLS;
                entries.truncate(start + urls::SITEMAP_URLS);
                entries.drain(..start.min(entries.len()));
                SitemapPage {
                    entries,
                    sitemaps: Vec::new(),
                }
            }
        })
    }

    fn lists_everything(&self) -> bool {
        true
    }
}

/// Every entry of the sitemap, kind by kind (the sitemap's own files are in none).
fn entries<'r>(r: &'r Renderer<'_>) -> Vec<SitemapItem<'r>> {
    let mut entries = Vec::new();
    let mut outputs = Vec::new();
    for &kind in KINDS.iter().filter(|kind| kind.name() != Sitemap.name()) {
        outputs.clear();
        kind.outputs(r, &mut outputs);
        entries.extend(outputs.iter().filter_map(|&at| kind.sitemap(r, at)));
    }
    entries
}

/// How many parts a sitemap of `count` URLs is split into: none when one file holds them.
fn parts(count: usize) -> usize {
    if count <= urls::SITEMAP_URLS {
        0
    } else {
        count.div_ceil(urls::SITEMAP_URLS)
    }
}
