//! One month of the chronology (`chronology/2019/02/`): its briefings by the day written in
//! their dates, with links to the months before and after.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::model::{Month as ModelMonth, Year};
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::render::views::{MonthLink, YearLink};
use crate::render::{Renderer, count_of_briefings};

parts! {
    /// One day of a month's page: the date as written in the briefings' front matter.
    pub struct DayView<'a> {
        /// Day of the month, 1 to 31.
        day: i8,
        /// `2022-10-31`.
        date: String,
        /// `31 October 2022`.
        name: String,
        /// Its briefings, newest first.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// One month of the chronology.
    pub struct MonthPage<'a> {
        /// Its year.
        year: YearLink,
        /// The month.
        month: MonthLink,
        /// Its days with briefings, newest first, each with its briefings.
        days: Vec<DayView<'a>>,
        /// The year's months with briefings, oldest first, for links between them.
        months: Vec<MonthLink>,
        /// The month before, with briefings (in any year).
        previous: Option<MonthLink>,
        /// The month after, with briefings (in any year).
        next: Option<MonthLink>,
        /// Every year, for links between them.
        all_years: Vec<YearLink>,
    }
}

/// A month's page: `At::group` is the year, by index into the chronology's years, and `item`
/// the month, by index into that year's months.
pub struct Month;

impl Month {
    fn of<'r>(r: &'r Renderer<'_>, at: At) -> (&'r Year, &'r ModelMonth) {
        let year = &r.site.chronology.years[at.group];
        (year, &year.months[at.item])
    }
}

impl PageKind for Month {
    fn name(&self) -> &'static str {
        "month"
    }

    fn template(&self) -> Option<&'static str> {
        Some("month.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        for (y, year) in r.site.chronology.years.iter().enumerate() {
            out.extend((0..year.months.len()).map(|m| At::of(y, m)));
        }
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        let (year, month) = Month::of(r, at);
        urls::chronology_month(year.year, month.month)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let (year, month) = Month::of(r, at);
        let name = (r.config.strings).month_year(&r.config.language, year.year, month.month);
        (
            Cow::Owned(format!(
                "{name} · {} · {}",
                r.word("chronology"),
                r.config.title
            )),
            Cow::Owned(r.words(
                "month_description",
                &[
                    ("{briefings}", &count_of_briefings(r, month.briefings.len())),
                    ("{month}", &name),
                ],
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let (y, m) = (at.group, at.item);
        let years = &r.site.chronology.years;
        let year = &years[y];
        // Newest first: the month before is the next one in the list.
        let before = if m + 1 < year.months.len() {
            Some((year, &year.months[m + 1]))
        } else {
            years
                .get(y + 1)
                .and_then(|older| older.months.first().map(|o| (older, o)))
        };
        let after = if m > 0 {
            Some((year, &year.months[m - 1]))
        } else {
            y.checked_sub(1)
                .and_then(|newer| years[newer].months.last().map(|n| (&years[newer], n)))
        };
        let link = |(year, month): (&Year, &ModelMonth)| {
            r.month_link(year.year, month.month, month.briefings.len())
        };
        Body::of(MonthPage {
            year: r.year_link(year),
            month: link((year, &year.months[m])),
            days: days(r, year, &year.months[m]),
            months: year
                .months
                .iter()
                .rev()
                .map(|month| link((year, month)))
                .collect(),
            previous: before.map(link),
            next: after.map(link),
            all_years: r.year_links(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(r.sitemap_page(self.site_path(r, at), None))
    }
}

/// A month's briefings by the day written in their dates, newest day first.
fn days<'r>(r: &'r Renderer<'_>, year: &Year, month: &ModelMonth) -> Vec<DayView<'r>> {
    let mut days = r.grouped(&r.one_per_story(&month.briefings), |b| b.date.day());
    days.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    days.into_iter()
        .map(|(day, briefings)| DayView {
            day,
            date: format!("{}-{:02}-{day:02}", year.year, month.month),
            name: (r.config.strings).date(
                &r.config.language,
                jiff::civil::date(year.year, month.month, day),
            ),
            briefings,
        })
        .collect()
}
