//! What a digest's period is called: the one spelling of a day's ISO week (`2025-W24`), day
//! (`2025-06-14`) or month (`2025-06`) that a digest's address, its editor's note's file name
//! and `briefgen digest 2025-W24` all use — read here, so that the three never disagree.

use jiff::civil::{Date, ISOWeekDate, Weekday};

use crate::source::config::DigestEvery;

/// The period a day is in: its name, first and last day.
pub fn period_of(day: Date, every: DigestEvery) -> (String, Date, Date) {
    match every {
        DigestEvery::Daily => (day.to_string(), day, day),
        DigestEvery::Weekly => {
            let week = day.iso_week_date();
            let monday = ISOWeekDate::new(week.year(), week.week(), Weekday::Monday)
                .map_or(day, ISOWeekDate::date);
            let sunday = ISOWeekDate::new(week.year(), week.week(), Weekday::Sunday)
                .map_or(day, ISOWeekDate::date);
            (
                format!("{:04}-W{:02}", week.year(), week.week()),
                monday,
                sunday,
            )
        }
        DigestEvery::Monthly | DigestEvery::Off => {
            let first = day.first_of_month();
            (
                format!("{:04}-{:02}", day.year(), day.month()),
                first,
                day.last_of_month(),
            )
        }
    }
}

/// The period a name names (`2025-W24` for weekly digests), if it is one; its first day.
pub fn parse_name(name: &str, every: DigestEvery) -> Option<Date> {
    let number = |text: &str| -> Option<i16> {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let first = match every {
        DigestEvery::Off => return None,
        DigestEvery::Daily => {
            let mut parts = name.split('-');
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
                return None;
            }
            Date::new(
                number(y)?,
                i8::try_from(number(m)?).ok()?,
                i8::try_from(number(d)?).ok()?,
            )
            .ok()?
        }
        DigestEvery::Weekly => {
            let (y, w) = name.split_once("-W")?;
            if y.len() != 4 || w.len() != 2 {
                return None;
            }
            ISOWeekDate::new(number(y)?, i8::try_from(number(w)?).ok()?, Weekday::Monday)
                .ok()?
                .date()
        }
        DigestEvery::Monthly => {
            let (y, m) = name.split_once('-')?;
            if y.len() != 4 || m.len() != 2 {
                return None;
            }
            Date::new(number(y)?, i8::try_from(number(m)?).ok()?, 1).ok()?
        }
    };
    // Only the one spelling of each period.
    (period_of(first, every).0 == name).then_some(first)
}

/// A name of a period of `every`, for messages (`2025-W24`).
pub fn example_name(every: DigestEvery) -> String {
    period_of(Date::new(2025, 6, 14).unwrap_or_default(), every).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_day_is_in_its_iso_week_its_month_and_itself() {
        // 2025-06-14 is a Saturday of ISO week 24 (9–15 June).
        let (name, start, end) = period_of(day(2025, 6, 14), DigestEvery::Weekly);
        assert_eq!(
            (name.as_str(), start, end),
            ("2025-W24", day(2025, 6, 9), day(2025, 6, 15))
        );
        // 2024-12-30 belongs to ISO week 1 of 2025.
        assert_eq!(
            period_of(day(2024, 12, 30), DigestEvery::Weekly).0,
            "2025-W01"
        );
        // 2021-01-03 to week 53 of 2020.
        assert_eq!(
            period_of(day(2021, 1, 3), DigestEvery::Weekly).0,
            "2020-W53"
        );
        assert_eq!(
            period_of(day(2025, 6, 14), DigestEvery::Monthly).0,
            "2025-06"
        );
        assert_eq!(
            period_of(day(2025, 6, 14), DigestEvery::Daily).0,
            "2025-06-14"
        );
    }

    #[test]
    fn names_parse_back_to_their_first_day_and_nothing_else_parses() {
        for every in [
            DigestEvery::Daily,
            DigestEvery::Weekly,
            DigestEvery::Monthly,
        ] {
            for d in [
                day(2025, 6, 14),
                day(2024, 12, 30),
                day(2021, 1, 3),
                day(2020, 2, 29),
            ] {
                let (name, start, _) = period_of(d, every);
                assert_eq!(parse_name(&name, every), Some(start), "{name}");
            }
        }
        for (name, every) in [
            ("2025-W24", DigestEvery::Monthly),
            ("2025-W54", DigestEvery::Weekly),
            ("2025-W1", DigestEvery::Weekly),
            ("2025-w24", DigestEvery::Weekly),
            ("2025-13", DigestEvery::Monthly),
            ("2025-6", DigestEvery::Monthly),
            ("2025-02-30", DigestEvery::Daily),
            ("+025-02-03", DigestEvery::Daily),
            ("2025-06", DigestEvery::Off),
        ] {
            assert_eq!(parse_name(name, every), None, "{name}");
        }
    }
}
