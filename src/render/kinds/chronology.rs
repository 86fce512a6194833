//! The chronology's index (`chronology/`): every year by its twelve months, with counts.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::parts;
use crate::render::views::MonthLink;

parts! {
    /// One year's row of the chronology's index: a cell for each of its twelve months.
    pub struct YearRow {
        /// The year.
        year: i16,
        /// Its page.
        url: String,
        /// How many briefings.
        count: usize,
        /// January to December; a month without briefings has a count of 0 and no URL.
        months: Vec<MonthLink>,
    }
}

parts! {
    /// The chronology's index: years by months, with counts.
    pub struct ChronologyPage {
        /// The years, newest first.
        years: Vec<YearRow>,
        /// How many briefings in all.
        total: usize,
    }
}

/// The chronology's index.
pub struct Chronology;

impl PageKind for Chronology {
    fn name(&self) -> &'static str {
        "chronology"
    }

    fn template(&self) -> Option<&'static str> {
        Some("chronology.html")
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::chronology()
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, _at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        (
            Cow::Owned(format!("{} · {site}", r.word("chronology"))),
            Cow::Owned(r.words("chronology_description", &[("{site}", site)])),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        Body::of(ChronologyPage {
            years: r
                .site
                .chronology
                .years
                .iter()
                .map(|year| YearRow {
                    year: year.year,
                    url: r.config.link_for(&urls::chronology_year(year.year)),
                    count: year.count(),
                    months: (1..=12)
                        .map(|m| {
                            let count = year
                                .months
                                .iter()
                                .find(|month| month.month == m)
                                .map_or(0, |month| month.briefings.len());
                            r.month_link(year.year, m, count)
                        })
                        .collect(),
                })
                .collect(),
            total: r.site.briefings.len(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(r.sitemap_page(self.site_path(r, at), r.newest()))
    }
}
