//! Dates in front matter: RFC 3339 with an offset, or a local date and time read in the site's
//! time zone.

use jiff::ZonedDateTime;
use jiff::civil::Time;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::{Offset, TimeZone};

/// The forms a date may take, for error messages.
pub const ACCEPTED_FORMS: &str =
    "2025-06-12T15:18:48+09:00 (RFC 3339), 2025-06-12 15:18:48 or 2025-06-12";

/// Parses a front matter date. A date without an offset is read in `site_zone`; a bracketed
/// zone name (`2025-06-12T15:18:48-04:00[America/New_York]`) is honoured, and an offset that
/// contradicts it is refused. Years outside 1–9999 are refused (RFC 3339 cannot write them),
/// and an offset with seconds (the local mean time zones used before about 1910) is rounded to
/// whole minutes, keeping the date and time as written, since RFC 3339 has no seconds there.
pub fn parse_date(text: &str, site_zone: &TimeZone) -> Result<ZonedDateTime, String> {
    let text = text.trim();
    let not_a_date = |why: &dyn std::fmt::Display| {
        format!("`{text}` is not a date ({why}); write {ACCEPTED_FORMS}")
    };
    let pieces = Pieces::parse(text).map_err(|e| not_a_date(&e))?;
    let datetime = pieces
        .date()
        .to_datetime(pieces.time().unwrap_or(Time::midnight()));
    if !(1..=9999).contains(&datetime.year()) {
        return Err(not_a_date(&"the year must be between 1 and 9999"));
    }
    let zoned = if pieces.time_zone_annotation().is_some() {
        // jiff checks the offset against the named zone, and refuses a contradiction.
        text.parse::<ZonedDateTime>().map_err(|e| not_a_date(&e))?
    } else {
        let zone = match pieces.offset() {
            Some(PiecesOffset::Zulu) => TimeZone::UTC,
            Some(PiecesOffset::Numeric(offset)) => TimeZone::fixed(offset.offset()),
            None => site_zone.clone(),
            Some(_) => return Err(not_a_date(&"unknown offset")),
        };
        datetime
            .to_zoned_datetime(zone)
            .map_err(|e| not_a_date(&e))?
    };
    let seconds = zoned.offset().seconds();
    if seconds % 60 == 0 {
        return Ok(zoned);
    }
    let minutes = (f64::from(seconds) / 60.0).round() as i32;
    let offset = Offset::from_seconds(minutes * 60).map_err(|e| not_a_date(&e))?;
    datetime
        .to_zoned_datetime(TimeZone::fixed(offset))
        .map_err(|e| not_a_date(&e))
}

/// RFC 3339 text of a date, with its offset (`2025-06-12T15:18:48+09:00`).
///
/// Written by hand: every briefing's values, feed entry and sitemap line carry dates, and
/// jiff's general `strftime` took some 1,600 instructions for each (32 million of a
/// 10,000-briefing build); this takes about 500.
/// A date outside what front matter allows (years 1–9999, whole-minute offsets) takes
/// `strftime`'s way.
pub fn rfc3339(date: &ZonedDateTime) -> String {
    let offset = date.offset().seconds();
    let year = date.year();
    if !(1..=9999).contains(&year) || offset % 60 != 0 {
        return date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    }
    let mut out = [0u8; 25];
    let mut put = |at: usize, n: u32, width: usize| {
        let mut n = n;
        for i in (at..at + width).rev() {
            out[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    let minutes = offset.unsigned_abs() / 60;
    put(0, year.unsigned_abs().into(), 4);
    put(5, date.month().unsigned_abs().into(), 2);
    put(8, date.day().unsigned_abs().into(), 2);
    put(11, date.hour().unsigned_abs().into(), 2);
    put(14, date.minute().unsigned_abs().into(), 2);
    put(17, date.second().unsigned_abs().into(), 2);
    put(20, minutes / 60, 2);
    put(23, minutes % 60, 2);
    for (at, byte) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (22, b':'),
    ] {
        out[at] = byte;
    }
    out[19] = if offset < 0 { b'-' } else { b'+' };
    // Digits and separators only: ASCII, so the lossy conversion never replaces anything.
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seoul() -> TimeZone {
        TimeZone::get("Asia/Seoul").unwrap()
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        let d = parse_date("2025-06-12T15:18:48+09:00", &TimeZone::UTC).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T15:18:48+09:00");
        let d = parse_date("2025-06-12T06:18:48Z", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T06:18:48+00:00");
    }

    #[test]
    fn rfc3339_is_what_strftime_writes() {
        let zones = [
            TimeZone::UTC,
            seoul(),
            TimeZone::get("America/St_Johns").unwrap(),
            TimeZone::get("Asia/Kathmandu").unwrap(),
            TimeZone::fixed(Offset::from_seconds(-(9 * 3600 + 30 * 60)).unwrap()),
        ];
        for text in [
            "0001-01-01T00:00:00",
            "1900-01-01T12:00:00",
            "0999-12-31T23:59:59",
            "1969-07-20T20:17:40",
            "2000-02-29T12:00:00",
            "2025-06-12T15:18:48",
            "9999-12-31T23:59:59",
        ] {
            let datetime: jiff::civil::DateTime = text.parse().unwrap();
            for zone in &zones {
                let Ok(d) = datetime.to_zoned_datetime(zone.clone()) else {
                    continue;
                };
                let expected = d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
                assert_eq!(rfc3339(&d), expected, "{text} in {zone:?}");
            }
        }
    }

    #[test]
    fn local_forms_are_read_in_the_site_zone() {
        let d = parse_date("2025-06-12 15:18:48", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T15:18:48+09:00");
        let d = parse_date("2025-06-12", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T00:00:00+09:00");
    }

    #[test]
    fn impossible_dates_and_words_are_refused() {
        for bad in [
            "2025-13-45",
            "yesterday",
            "",
            "2025-02-30",
            "0000-01-01",
            "-0001-01-01",
            "+010000-01-01",
            "2025-06-12T15:18:48+09:00[America/New_York]",
            "2025-06-12T15:18:48[Mars/Olympus]",
        ] {
            let e = parse_date(bad, &TimeZone::UTC).unwrap_err();
            assert!(e.contains("RFC 3339"), "{e}");
        }
    }

    #[test]
    fn a_bracketed_zone_is_honoured() {
        let d = parse_date("2025-06-12T15:18:48[America/New_York]", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T15:18:48-04:00");
        let d = parse_date("2025-06-12T15:18:48-04:00[America/New_York]", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "2025-06-12T15:18:48-04:00");
    }

    #[test]
    fn local_mean_time_offsets_are_whole_minutes() {
        // Seoul's local mean time was +08:27:52 until 1908.
        let d = parse_date("1900-01-01 12:00", &seoul()).unwrap();
        assert_eq!(rfc3339(&d), "1900-01-01T12:00:00+08:28");
        let d = parse_date("0001-01-01", &TimeZone::UTC).unwrap();
        assert_eq!(rfc3339(&d), "0001-01-01T00:00:00+00:00");
    }
}
