//! Dates in clippings: the publication date in a line of the page (`Posted : 2024-10-01
//! 10:40`, `October 1, 2024 at 9:40 AM EDT`) or in its address (`/2024/10/01/`), read loosely in
//! the site's zone, with the zone abbreviations news pages write.

use std::sync::LazyLock;

use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

use super::clean::{at_most_words, regex, unescaped};

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT|BST|CEST|CET|EST|EDT|CST|CDT|PST|PDT|KST|JST)?",
    )
});

static WORDY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:(?P<d1>\d{1,2})\s+(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y1>\d{4})|(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))(?:(?:,|\s+at|\s*-|\s+)\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?\s*(?P<tz>UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|KST|JST)?",
    )
});

/// A time before a date in words, with its zone: "3:42 AM GMT+9, ", "15:18 KST, ".
static TIME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:(?:GMT|UTC)(?P<gmt>[+-]\d{1,2})\b|(?P<tz>UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|KST|JST)\b)?[\s,]*(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$",
    )
});

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:written|published|posted|first published|date|updated|last updated)\b\s*(?:on|:)?",
    )
});

/// The publication date a block gives, when the block is a date line: labelled ("Written:
/// 2025-06-12 15:18:48Updated: …") or nothing but a date.
pub(super) fn date_in_line(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    // A date line is short: most blocks are passed over here, unread.
    if !at_most_words(text, 16) {
        return None;
    }
    let text = unescaped(text);
    let text = text.trim();
    let labelled = DATE_LABEL.is_match(text);
    let bare = text.split_whitespace().count() <= 9
        && (ISO_DATE.find(text).is_some_and(|m| m.start() <= 2)
            || WORDY_DATE.find(text).is_some_and(|m| m.start() <= 12));
    if !(labelled || bare) || text.split_whitespace().count() > 16 {
        return None;
    }
    // "Updated: X Published: Y": prefer the publication date.
    let from = ["Written", "Published", "Posted", "First published"]
        .iter()
        .filter_map(|label| text.find(label))
        .min()
        .unwrap_or(0);
    parse_loose_date(&text[from..], zone)
}

/// Whether a date can be an article's: from the web's first year to a day or two ahead (a
/// page's clock may run ahead of ours).
pub(super) fn plausible(date: &ZonedDateTime) -> bool {
    let latest = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(48))
        .unwrap_or(jiff::Timestamp::MAX);
    date.year() >= 1991 && date.timestamp() <= latest
}

static ADDRESS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|\.|$)|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/",
    )
});

/// The date in an address's path: `/2016/02/01/…`, `/2016-02-01-…`, `/20160201/`.
pub(super) fn date_in_address(address: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    let path = url::Url::parse(address).ok()?.path().to_string();
    let c = ADDRESS_DATE.captures(&path)?;
    let part = |i: usize, j: usize| c.get(i).or(c.get(j)).map(|m| m.as_str());
    let text = format!("{}-{}-{}", part(1, 4)?, part(2, 5)?, part(3, 6)?);
    parse_loose_date(&text, zone)
}

/// Parses the first date in `text`: ISO-like (`2025-06-12 15:18:48`, `2025-06-12T06:18:48Z`)
/// or in words (`June 12, 2025 3:18 PM EDT`, `12 June 2025, 15:18 BST`). Without an offset
/// the date is read in `zone`.
pub fn parse_loose_date(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    let iso = ISO_DATE.captures(text);
    let wordy = WORDY_DATE.captures(text);
    let use_iso = match (&iso, &wordy) {
        (Some(i), Some(w)) => i.get(0)?.start() <= w.get(0)?.start(),
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => return None,
    };
    let number = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<i32>().ok());
    let (year, month, day, hour, minute, second, offset) = if use_iso {
        let c = iso?;
        let offset = c
            .get(7)
            .and_then(|m| parse_offset(m.as_str()).or_else(|| zone_abbreviation(m.as_str())));
        (
            number(c.get(1))?,
            number(c.get(2))?,
            number(c.get(3))?,
            number(c.get(4)).unwrap_or(0),
            number(c.get(5)).unwrap_or(0),
            number(c.get(6)).unwrap_or(0),
            offset,
        )
    } else {
        let c = wordy?;
        let month_name = c.name("m1").or(c.name("m2"))?.as_str().to_lowercase();
        let month = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|m| month_name.starts_with(m))? as i32
            + 1;
        // A time written before the date: "3:42 AM GMT+9, March 10, 2025".
        let before = (c.name("h").is_none())
            .then(|| TIME_BEFORE.captures(&text[..c.get(0)?.start()]))
            .flatten();
        let time = |name: &str| c.name(name).or(before.as_ref().and_then(|b| b.name(name)));
        let mut hour = number(time("h")).unwrap_or(0);
        if let Some(ampm) = time("ampm") {
            let pm = ampm.as_str().to_lowercase().starts_with('p');
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        let offset = time("tz")
            .and_then(|m| zone_abbreviation(m.as_str()))
            .or_else(|| {
                let hours: i32 = before.as_ref()?.name("gmt")?.as_str().parse().ok()?;
                Offset::from_seconds(hours * 3600).ok()
            });
        (
            number(c.name("y1").or(c.name("y2")))?,
            month,
            number(c.name("d1").or(c.name("d2")))?,
            hour,
            number(time("mi")).unwrap_or(0),
            number(time("s")).unwrap_or(0),
            offset,
        )
    };
    let datetime = jiff::civil::DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()?;
    let zone = offset.map_or_else(|| zone.clone(), TimeZone::fixed);
    datetime.to_zoned_datetime(zone).ok()
}

pub(super) fn parse_offset(text: &str) -> Option<Offset> {
    if text == "Z" {
        return Some(Offset::UTC);
    }
    if !text.starts_with(['+', '-']) {
        return None;
    }
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).unwrap_or("0").parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

pub(super) fn zone_abbreviation(name: &str) -> Option<Offset> {
    let hours = match name.to_uppercase().as_str() {
        "UTC" | "GMT" => 0,
        "BST" | "CET" => 1,
        "CEST" => 2,
        "EST" | "CDT" => -5,
        "EDT" => -4,
        "CST" => -6,
        "PST" => -8,
        "PDT" => -7,
        "KST" | "JST" => 9,
        _ => return None,
    };
    Offset::from_seconds(hours * 3600).ok()
}
