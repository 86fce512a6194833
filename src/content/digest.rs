//! Digests: the site's briefings cut into periods — ISO weeks by default, or days or months
//! (`digest` in `site.toml`) — each period with briefings a digest, which a curator sends as an
//! email and readers find at `digests/2025-W24/`. A period is named as its digest's address
//! and its editor's note file name say it (`2025-W24`, `2025-06-14`, `2025-06`:
//! [`crate::source::period`]); the dates are the days written in the briefings' dates, as the
//! chronology reads them.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use crate::content::briefing::Briefing;
use crate::source::config::DigestEvery;
pub use crate::source::period::{parse_name, period_of};
use crate::source::strings::{Strings, fill};

/// An editor's note on a period's digest (`digests/2025-W24.md`), shown at its top.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Note {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The period, as the file's name writes it.
    pub period: String,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its body, as HTML.
    pub html: String,
    /// Its body as plain text, for the plain-text email.
    pub text: String,
}

/// One period with briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Its name, as its address and its note's file name write it (`2025-W24`).
    pub name: String,
    /// Its first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
    /// Its briefings, by index into the site's briefings, newest first.
    pub briefings: Vec<usize>,
}

impl Period {
    /// How it is called in a heading, in the words of a page in `language` (`Week 24, 2025`,
    /// `14 June 2025`, `June 2025`; `2025년 24주`).
    pub fn title(&self, every: DigestEvery, strings: &Strings, language: &str) -> String {
        match every {
            DigestEvery::Weekly => {
                let week = self.start.iso_week_date();
                fill(
                    strings.word(language, "week"),
                    &[
                        ("{week}", &week.week().to_string()),
                        ("{year}", &week.year().to_string()),
                    ],
                )
            }
            DigestEvery::Daily => strings.date(language, self.start),
            DigestEvery::Monthly | DigestEvery::Off => {
                strings.month_year(language, self.start.year(), self.start.month())
            }
        }
    }

    /// Its days in words, each month and year named once (`9–15 June 2025`, `30 June – 6 July
    /// 2025`; `2025년 6월 9–15일`).
    pub fn span(&self, strings: &Strings, language: &str) -> String {
        let (a, b) = (self.start, self.end);
        if a == b {
            return strings.date(language, a);
        }
        if a.year() != b.year() {
            return fill(
                strings.word(language, "span_across_years"),
                &[
                    ("{date1}", &strings.date(language, a)),
                    ("{date2}", &strings.date(language, b)),
                ],
            );
        }
        let key = if a.month() != b.month() {
            "span_in_year"
        } else {
            "span_in_month"
        };
        fill(
            strings.word(language, key),
            &[
                ("{day1}", &a.day().to_string()),
                ("{day2}", &b.day().to_string()),
                ("{month1}", strings.month(language, a.month())),
                ("{month2}", strings.month(language, b.month())),
                ("{year2}", &b.year().to_string()),
            ],
        )
    }
}

/// The periods with briefings, newest first; each period's briefings in the site's order
/// (newest first). None when digests are off.
pub fn periods(briefings: &[Arc<Briefing>], every: DigestEvery) -> Vec<Period> {
    if every == DigestEvery::Off {
        return Vec::new();
    }
    let mut periods: Vec<Period> = Vec::new();
    // Briefings come newest first by instant; a date written with another offset can put a
    // day's briefing after the next day's, so a period is looked for, not assumed last.
    let mut by_name: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for (i, b) in briefings.iter().enumerate() {
        let (name, start, end) = period_of(b.date.date(), every);
        match by_name.get(&name) {
            Some(&p) => periods[p].briefings.push(i),
            None => {
                by_name.insert(name.clone(), periods.len());
                periods.push(Period {
                    name,
                    start,
                    end,
                    briefings: vec![i],
                });
            }
        }
    }
    periods.sort_by_key(|p| std::cmp::Reverse(p.start));
    periods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn spans_name_each_month_and_year_once() {
        let span_in = |language, a, b| {
            Period {
                name: String::new(),
                start: a,
                end: b,
                briefings: Vec::new(),
            }
            .span(&Strings::defaults(), language)
        };
        let span = |a, b| span_in("en", a, b);
        let korean = |a, b| span_in("ko", a, b);
        assert_eq!(span(day(2025, 6, 9), day(2025, 6, 15)), "9–15 June 2025");
        assert_eq!(
            span(day(2025, 6, 30), day(2025, 7, 6)),
            "30 June – 6 July 2025"
        );
        assert_eq!(
            span(day(2024, 12, 30), day(2025, 1, 5)),
            "30 December 2024 – 5 January 2025"
        );
        assert_eq!(span(day(2025, 6, 14), day(2025, 6, 14)), "14 June 2025");
        assert_eq!(
            korean(day(2025, 6, 9), day(2025, 6, 15)),
            "2025년 6월 9–15일"
        );
        assert_eq!(
            korean(day(2025, 6, 30), day(2025, 7, 6)),
            "2025년 6월 30일 – 7월 6일"
        );
    }
}
