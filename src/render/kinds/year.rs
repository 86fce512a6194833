//! One year of the chronology (`chronology/2019/`): its months, each with its briefings when
//! the year is small enough to list whole, else with a link to the month's page.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::model::{Month, Year as ModelYear};
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::render::views::{MonthLink, YearLink};
use crate::render::{Renderer, count_of_briefings};

/// The most briefings a year's page lists itself; a larger year's page links to its months'
/// pages instead, so that no page of a large archive grows without bound.
pub const YEAR_LISTED_WHOLE: usize = 400;

parts! {
    /// One month of a year's page.
    pub struct MonthView<'a> {
        /// The month, as links show it.
        month: MonthLink,
        /// Its briefings, newest first (none on the page of a year too large to list whole).
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// One year of the chronology.
    pub struct YearPage<'a> {
        /// The year.
        year: YearLink,
        /// Whether the year's briefings are listed here (else only on the month pages).
        listed: bool,
        /// Its months with briefings, newest first.
        months: Vec<MonthView<'a>>,
        /// Every year, for links between them.
        all_years: Vec<YearLink>,
    }
}

/// A year's page: `At::group` is the year, by index into the chronology's years.
pub struct Year;

impl PageKind for Year {
    fn name(&self) -> &'static str {
        "year"
    }

    fn template(&self) -> Option<&'static str> {
        Some("year.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.chronology.years.len()).map(|y| At::of(y, 0)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::chronology_year(r.site.chronology.years[at.group].year)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        let year = &r.site.chronology.years[at.group];
        (
            Cow::Owned(format!("{} · {} · {site}", year.year, r.word("chronology"))),
            Cow::Owned(r.words(
                "year_description",
                &[
                    ("{briefings}", &count_of_briefings(r, year.count())),
                    ("{year}", &year.year.to_string()),
                ],
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let year = &r.site.chronology.years[at.group];
        let listed = year.count() <= YEAR_LISTED_WHOLE;
        Body::of(YearPage {
            year: r.year_link(year),
            listed,
            months: year
                .months
                .iter()
                .map(|month| month_view(r, year, month, listed))
                .collect(),
            all_years: r.year_links(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(r.sitemap_page(self.site_path(r, at), None))
    }
}

fn month_view<'r>(
    r: &'r Renderer<'_>,
    year: &ModelYear,
    month: &Month,
    listed: bool,
) -> MonthView<'r> {
    MonthView {
        month: r.month_link(year.year, month.month, month.briefings.len()),
        briefings: if listed {
            r.one_per_story(&month.briefings)
                .iter()
                .map(|&i| r.summary(i))
                .collect()
        } else {
            Vec::new()
        },
    }
}
