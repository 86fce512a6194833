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
use crate::source::dates::month_name;
pub use crate::source::period::{parse_name, period_of};

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
    /// How it is called in a heading (`Week 24, 2025`, `14 June 2025`, `June 2025`).
    pub fn title(&self, every: DigestEvery) -> String {
        match every {
            DigestEvery::Weekly => {
                let week = self.start.iso_week_date();
                format!("Week {}, {}", week.week(), week.year())
            }
            DigestEvery::Daily => day_name(self.start),
            DigestEvery::Monthly | DigestEvery::Off => {
                format!("{} {}", month_name(self.start.month()), self.start.year())
            }
        }
    }

    /// Its days in words (`9–15 June 2025`, `30 June – 6 July 2025`).
    pub fn span(&self) -> String {
        let (a, b) = (self.start, self.end);
        if a == b {
            day_name(a)
        } else if a.year() != b.year() {
            format!("{} – {}", day_name(a), day_name(b))
        } else if a.month() != b.month() {
            format!("{} {} – {}", a.day(), month_name(a.month()), day_name(b))
        } else {
            format!("{}–{}", a.day(), day_name(b))
        }
    }
}

/// `14 June 2025`.
fn day_name(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
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
        let span = |a, b| {
            Period {
                name: String::new(),
                start: a,
                end: b,
                briefings: Vec::new(),
            }
            .span()
        };
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
    }
}
