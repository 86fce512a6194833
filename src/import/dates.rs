//! Dates in clippings: the publication date in a line of the page (`Posted : 2024-10-01
//! 10:40`, `October 1, 2024 at 9:40 AM EDT`) or in its address (`/2024/10/01/`), read loosely in
//! the site's zone, with the zone abbreviations news pages write. The patterns' digits are
//! ASCII (`[0-9]`, not Unicode's `\d`): only those parse as numbers, and every `import`
//! process builds the patterns, which Unicode's class made slower.

use std::borrow::Cow;
use std::sync::LazyLock;

use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

use super::clean::{at_most_words, regex, unescaped};

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"([0-9]{4})(?:[-/]|\.\s?)([0-9]{1,2})(?:[-/]|\.\s?)([0-9]{1,2})(?:\.?[T ]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2}|UTC|GMT|BST|CEST|CET|EST|EDT|CST|CDT|PST|PDT|KST|JST)?",
    )
});

/// Month names as dates write them, by month: English, German, French, Spanish, Catalan,
/// Italian, Portuguese, Romanian, Dutch, the Scandinavian languages, Finnish, Hungarian, Czech,
/// Greek, Indonesian, Polish, Russian and Ukrainian
/// (the nominative and the genitive, "8 maja", "7 червня"), Turkish and Arabic (Egyptian and
/// Levantine names); full names and their usual abbreviations. A name in several languages
/// names the same month in each.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "stycznia",
        "styczeń",
        "января",
        "январь",
        "янв",
        "січня",
        "січень",
        "ocak",
        "يناير",
        "كانون الثاني",
        "gener",
        "ianuarie",
        "ian",
        "január",
        "ledna",
        "leden",
        "tammikuuta",
        "ιανουαρίου",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "lutego",
        "luty",
        "февраля",
        "февраль",
        "фев",
        "лютого",
        "лютий",
        "şubat",
        "subat",
        "فبراير",
        "شباط",
        "febrer",
        "februarie",
        "február",
        "února",
        "únor",
        "helmikuuta",
        "φεβρουαρίου",
    ],
    &[
        "march",
        "mar",
        "märz",
        "mär",
        "mars",
        "marzo",
        "março",
        "marco",
        "maart",
        "mrt",
        "marts",
        "maret",
        "marca",
        "marzec",
        "марта",
        "март",
        "березня",
        "березень",
        "mart",
        "مارس",
        "آذار",
        "març",
        "martie",
        "március",
        "března",
        "březen",
        "maaliskuuta",
        "μαρτίου",
    ],
    &[
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwietnia",
        "kwiecień",
        "апреля",
        "апрель",
        "квітня",
        "квітень",
        "nisan",
        "أبريل",
        "ابريل",
        "نيسان",
        "aprilie",
        "április",
        "dubna",
        "duben",
        "huhtikuuta",
        "απριλίου",
    ],
    &[
        "may",
        "mai",
        "mayo",
        "maggio",
        "mag",
        "maio",
        "mei",
        "maj",
        "maja",
        "мая",
        "май",
        "травня",
        "травень",
        "mayıs",
        "mayis",
        "مايو",
        "أيار",
        "maig",
        "május",
        "května",
        "květen",
        "toukokuuta",
        "μαΐου",
    ],
    &[
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwca",
        "czerwiec",
        "июня",
        "июнь",
        "червня",
        "червень",
        "haziran",
        "يونيو",
        "حزيران",
        "juny",
        "iunie",
        "június",
        "června",
        "červen",
        "kesäkuuta",
        "ιουνίου",
    ],
    &[
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipca",
        "lipiec",
        "июля",
        "июль",
        "липня",
        "липень",
        "temmuz",
        "يوليو",
        "تموز",
        "juliol",
        "iulie",
        "július",
        "července",
        "červenec",
        "heinäkuuta",
        "ιουλίου",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "augustus",
        "augusti",
        "agustus",
        "sierpnia",
        "sierpień",
        "августа",
        "август",
        "серпня",
        "серпень",
        "ağustos",
        "agustos",
        "أغسطس",
        "اغسطس",
        "آب",
        "agost",
        "augusztus",
        "srpna",
        "srpen",
        "elokuuta",
        "αυγούστου",
    ],
    &[
        "september",
        "sept",
        "sep",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "wrzesień",
        "сентября",
        "сентябрь",
        "вересня",
        "вересень",
        "eylül",
        "eylul",
        "سبتمبر",
        "أيلول",
        "setembre",
        "septembrie",
        "szeptember",
        "září",
        "syyskuuta",
        "σεπτεμβρίου",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "październik",
        "октября",
        "октябрь",
        "жовтня",
        "жовтень",
        "ekim",
        "أكتوبر",
        "اكتوبر",
        "تشرين الأول",
        "octombrie",
        "október",
        "října",
        "říjen",
        "lokakuuta",
        "οκτωβρίου",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
        "listopad",
        "ноября",
        "ноябрь",
        "листопада",
        "листопад",
        "kasım",
        "kasim",
        "نوفمبر",
        "تشرين الثاني",
        "noiembrie",
        "listopadu",
        "marraskuuta",
        "νοεμβρίου",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "desember",
        "grudnia",
        "grudzień",
        "декабря",
        "декабрь",
        "дек",
        "грудня",
        "грудень",
        "aralık",
        "aralik",
        "ديسمبر",
        "كانون الأول",
        "desembre",
        "decembrie",
        "prosince",
        "prosinec",
        "joulukuuta",
        "δεκεμβρίου",
    ],
];

/// The month a name names (lower-cased, without a final `.`).
fn month_of(name: &str) -> Option<i32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTH_NAMES
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|m| m as i32 + 1)
}

/// A time after a date: ", 15:18", " at 3:18 PM", " - 12:09", " / 1:39 PM", with its zone.
const TIME_AFTER: &str = r"(?i:(?:,|\s+at|\s+um|\s+à|\s+a las|\s+alle|\s+às|\s*-|\s*\||\s+/|\s+)\s*(?P<h>[0-9]{1,2})[:.h](?P<mi>[0-9]{2})(?:[:.](?P<s>[0-9]{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?\s*(?i:(?P<tz>UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|KST|JST))?";

/// A date with a word where its month would be: "12 June 2025", "June 12, 2025", "12. März
/// 2019", "7 de octubre de 2020", "8 maja 2021", "7 червня 2020 р.", "07 أكتوبر 2020" — the
/// word is a month when [`MONTH_NAMES`] has it ([`wordy_date`]). (A pattern of every name
/// took 5 ms to build, a quarter of the import of a small page; this one takes under 2.)
static WORDY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:\b(?P<d1>[0-9]{{1,2}})(?i:\.|er|st|nd|rd|th|º)?\s*(?i:de\s+|of\s+)?(?P<m1>{MONTH_WORD})\.?,?\s*(?i:de[l]?\s+)?(?P<y1>[0-9]{{4}})|\b(?P<m2>{MONTH_WORD})\.?\s+(?P<d2>[0-9]{{1,2}})(?i:st|nd|rd|th)?,?\s+(?P<y2>[0-9]{{4}})){TIME_AFTER}"
    ))
});

/// A word that may be a month's name: letters (Arabic's two-word names too).
const MONTH_WORD: &str = r"\p{L}+(?:\s\p{Arabic}+)?";

/// The first date in words in `text`: the first match of [`WORDY_DATE`] whose word is a month.
fn wordy_date(text: &str) -> Option<regex::Captures<'_>> {
    WORDY_DATE.captures_iter(text).find(|c| {
        c.name("m1")
            .or(c.name("m2"))
            .is_some_and(|m| month_of(m.as_str()).is_some())
    })
}

/// A date written day first in numbers: "17/03/2020", "30.11.2020 14:05" (a first number
/// over 12 can only be the day; otherwise the day comes first, as in most of the world, unless
/// the second is over 12).
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?P<a>[0-9]{{1,2}})(?P<sep>[./])(?P<b>[0-9]{{1,2}})[./](?P<y>[0-9]{{4}})\b{TIME_AFTER}"
    ))
});

/// A date in Korean or Japanese: "2020년 3월 4일", "2020年07月03日 12:05".
static CJK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?P<y>[0-9]{4})\s*[年년]\s*(?P<m>[0-9]{1,2})\s*[月월]\s*(?P<d>[0-9]{1,2})\s*[日일]?(?:\s*(?:\([^)]{1,3}\)|[（][^）]{1,3}[）])?\s*(?:(?:오전|午前)|(?P<pm>오후|午後))?\s*(?P<h>[0-9]{1,2})[:시時]\s*(?P<mi>[0-9]{2}))?",
    )
});

/// A time before a date in words, with its zone: "3:42 AM GMT+9, ", "15:18 KST, ".
static TIME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?P<h>[0-9]{1,2})[:.](?P<mi>[0-9]{2})(?:[:.](?P<s>[0-9]{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:(?:GMT|UTC)(?P<gmt>[+-][0-9]{1,2})\b|(?P<tz>UTC|GMT|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|KST|JST)\b)?[\s,]*(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$",
    )
});

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:written|published|posted|first published|publish date|publication date|date published|date|updated|last updated|publicado|publicada|publié|publie|veröffentlicht|pubblicato|opublikowano|gepubliceerd|опубликовано|опубліковано|yayınlanma|yayınlandı|입력|기사입력|登録|公開|发布)\b\s*(?:on|le|am|el|em|il|:)?",
    )
});

/// The first date of each form in `text`, each with how many characters may come before it
/// in a line that starts with a date: a weekday or a few words before one in words, nothing
/// but a bracket or so before one in numbers.
fn first_of_each_form(text: &str) -> impl Iterator<Item = (regex::Match<'_>, usize)> {
    [
        (ISO_DATE.find(text), 2),
        (NUMERIC_DATE.find(text), 2),
        (CJK_DATE.find(text), 2),
        (wordy_date(text).and_then(|c| c.get(0)), 12),
    ]
    .into_iter()
    .filter_map(|(m, before)| Some((m?, before)))
}

/// Whether a short line is a date and its time and at most two other words.
fn mostly_date(text: &str) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"(?i)\b[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?\s*(?:[ap]\.?m\.?)?")
    });
    first_of_each_form(text)
        .map(|(m, _)| m)
        .min_by_key(|m| m.start())
        .is_some_and(|m| {
            let rest = format!("{} {}", &text[..m.start()], &text[m.end()..]);
            TIME.replace_all(&rest, " ").split_whitespace().count() <= 2
        })
}

/// Whether a date of some form starts `text` (after a weekday or a few words at most).
fn starts_with_date(text: &str) -> bool {
    first_of_each_form(text).any(|(m, before)| text[..m.start()].chars().count() <= before)
}

/// The publication date a block gives, when the block is a date line: labelled ("Written:
/// 2025-06-12 15:18:48Updated: …") or nothing but a date.
pub(super) fn date_in_line(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    // A date line is short: most blocks are passed over here, unread.
    if !at_most_words(text, 16) {
        return None;
    }
    let written = unescaped(text);
    let written = written.trim();
    date_of_line(written, &unglued(written), zone)
}

/// The date of a line `written` as a date line gives it (`date_in_line`), `text` being the
/// line with the spaces copying lost put back.
fn date_of_line(written: &str, text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    let labelled = DATE_LABEL.is_match(written);
    // Nothing but a date, a date as one part of a line of parts ("Reporter | 2020-03-04
    // 16:52", "January 13, 2020 / 1:39 PM / Updated 2 minutes ago"), or a date and its time
    // with a word or two beside them ("All News 09:12 May 08, 2025") — as written, or with
    // the spaces copying lost put back (its words counted as written).
    let is_bare =
        |line: &str| parts(line).any(|part| starts_with_date(part.trim())) || mostly_date(line);
    let bare = written.split_whitespace().count() <= 9
        && (is_bare(written) || (text != written && is_bare(text)));
    if !(labelled || bare) || written.split_whitespace().count() > 16 {
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

/// The parts of a line of parts: "Reporter | 2020-03-04 16:52", "Jan 13, 2020 / 1:39 PM".
fn parts(line: &str) -> impl Iterator<Item = &str> {
    line.split(['|', '·'])
        .flat_map(|part| part.split(" / "))
        .flat_map(|part| part.split(" – "))
        .flat_map(|part| part.split(" — "))
        .flat_map(|part| part.split(" - "))
}

/// A line with a space put back where copied text lost it between inline elements: between a
/// letter and a number ("Yahoo News Australia28 October 2020", "La Información16.08.2020") and
/// between a letter of another script and a Latin one ("દિવ્ય ભાસ્કરMar 28, 2020"). Borrowed
/// when nothing was lost, as in most lines.
fn unglued(line: &str) -> Cow<'_, str> {
    let glued = |p: char, c: char| {
        p.is_alphabetic() && (c.is_ascii_digit() || (!is_latin(p) && c.is_ascii_alphabetic()))
    };
    let mut pairs = line.chars().zip(line.chars().skip(1));
    if !pairs.any(|(p, c)| glued(p, c)) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut previous: Option<char> = None;
    for c in line.chars() {
        if previous.is_some_and(|p| glued(p, c)) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// Whether a letter is one of the Latin script's (with its accented forms).
fn is_latin(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// The date a short line gives anywhere in it ("Dan Goodin - Apr 16, 2015 8:02 pm UTC",
/// "Thu 3 Jan 2019 02.00 EST Last modified on …"): what a line right under a copied headline
/// is read for, where a stricter date line is not needed to tell it from the article.
pub(super) fn date_in_short_line(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    if !at_most_words(text, 16) {
        return None;
    }
    let written = unescaped(text);
    let written = written.trim();
    let text = unglued(written);
    date_of_line(written, &text, zone).or_else(|| parse_loose_date(&text, zone))
}

/// The day written in numbers most often anywhere in a page's source (`2020/04/17`,
/// `2020-04-24`, `24-04-2020`; of days written as often, the first written) that can be an
/// article's.
pub(super) fn date_in_source(html: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-/.](0[1-9]|1[0-2])[-/.](0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)",
        )
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?:^|[^0-9])(0[1-9]|[12][0-9]|3[01])[-/.](0[1-9]|1[0-2])[-/.]((?:19|20)[0-9]{2})(?:[^0-9]|$)",
        )
    });
    // Each day: how often it is written and where first.
    let mut days: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut count = |day: String, at: usize| {
        let seen = days.entry(day).or_insert((0, at));
        seen.0 += 1;
        seen.1 = seen.1.min(at);
    };
    for c in YEAR_FIRST.captures_iter(html) {
        count(
            format!("{}-{}-{}", &c[1], &c[2], &c[3]),
            c.get(0).map_or(0, |m| m.start()),
        );
    }
    for c in DAY_FIRST.captures_iter(html) {
        count(
            format!("{}-{}-{}", &c[3], &c[2], &c[1]),
            c.get(0).map_or(0, |m| m.start()),
        );
    }
    let mut days: Vec<(String, usize, usize)> = days
        .into_iter()
        .map(|(day, (n, at))| (day, n, at))
        .collect();
    days.sort_by_key(|&(_, n, at)| (std::cmp::Reverse(n), at));
    days.iter()
        .filter_map(|(day, _, _)| parse_loose_date(day, zone))
        .find(plausible)
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
        r"/((?:19|20)[0-9]{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12][0-9]|3[01])(?:/|-|\.|$)|/((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])/",
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

/// Parses the first date in `text`: ISO-like (`2025-06-12 15:18:48`, `2025-06-12T06:18:48Z`),
/// in words in one of many languages (`June 12, 2025 3:18 PM EDT`, `12. März 2019`), day first
/// in numbers (`30.11.2020 14:05`), or in Korean or Japanese (`2020년 3월 4일`). Without an
/// offset the date is read in `zone`.
pub fn parse_loose_date(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
    let found = [
        ISO_DATE.captures(text).and_then(|c| iso(&c)),
        wordy_date(text).and_then(|c| wordy(&c, text)),
        NUMERIC_DATE.captures(text).and_then(|c| numeric(&c)),
        CJK_DATE.captures(text).and_then(|c| cjk(&c)),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|f| f.start)?;
    let datetime = jiff::civil::DateTime::new(
        i16::try_from(found.year).ok()?,
        i8::try_from(found.month).ok()?,
        i8::try_from(found.day).ok()?,
        i8::try_from(found.hour).ok()?,
        i8::try_from(found.minute).ok()?,
        i8::try_from(found.second).ok()?,
        0,
    )
    .ok()?;
    let zone = found.offset.map_or_else(|| zone.clone(), TimeZone::fixed);
    datetime.to_zoned_datetime(zone).ok()
}

/// Where a date starts in the text it was found in, and what it says.
struct Found {
    start: usize,
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    offset: Option<Offset>,
}

fn number(m: Option<regex::Match<'_>>) -> Option<i32> {
    m.and_then(|m| m.as_str().parse::<i32>().ok())
}

/// The hour of a 12-hour clock's time read on a 24-hour one.
fn on_24_hours(hour: i32, ampm: Option<regex::Match<'_>>) -> i32 {
    match ampm {
        Some(ampm) if ampm.as_str().to_lowercase().starts_with('p') => hour % 12 + 12,
        Some(_) => hour % 12,
        None => hour,
    }
}

fn iso(c: &regex::Captures<'_>) -> Option<Found> {
    Some(Found {
        start: c.get(0)?.start(),
        year: number(c.get(1))?,
        month: number(c.get(2))?,
        day: number(c.get(3))?,
        hour: number(c.get(4)).unwrap_or(0),
        minute: number(c.get(5)).unwrap_or(0),
        second: number(c.get(6)).unwrap_or(0),
        offset: c
            .get(7)
            .and_then(|m| parse_offset(m.as_str()).or_else(|| zone_abbreviation(m.as_str()))),
    })
}

fn wordy(c: &regex::Captures<'_>, text: &str) -> Option<Found> {
    let month = month_of(c.name("m1").or(c.name("m2"))?.as_str())?;
    // A time written before the date: "3:42 AM GMT+9, March 10, 2025".
    let before = (c.name("h").is_none())
        .then(|| TIME_BEFORE.captures(&text[..c.get(0)?.start()]))
        .flatten();
    let time = |name: &str| c.name(name).or(before.as_ref().and_then(|b| b.name(name)));
    let offset = time("tz")
        .and_then(|m| zone_abbreviation(m.as_str()))
        .or_else(|| {
            let hours: i32 = before.as_ref()?.name("gmt")?.as_str().parse().ok()?;
            Offset::from_seconds(hours * 3600).ok()
        });
    Some(Found {
        start: c.get(0)?.start(),
        year: number(c.name("y1").or(c.name("y2")))?,
        month,
        day: number(c.name("d1").or(c.name("d2")))?,
        hour: on_24_hours(number(time("h")).unwrap_or(0), time("ampm")),
        minute: number(time("mi")).unwrap_or(0),
        second: number(time("s")).unwrap_or(0),
        offset,
    })
}

fn numeric(c: &regex::Captures<'_>) -> Option<Found> {
    let (a, b) = (number(c.name("a"))?, number(c.name("b"))?);
    let (day, month) = if a <= 12 && b > 12 { (b, a) } else { (a, b) };
    Some(Found {
        start: c.get(0)?.start(),
        year: number(c.name("y"))?,
        month,
        day,
        hour: on_24_hours(number(c.name("h")).unwrap_or(0), c.name("ampm")),
        minute: number(c.name("mi")).unwrap_or(0),
        second: number(c.name("s")).unwrap_or(0),
        offset: c.name("tz").and_then(|m| zone_abbreviation(m.as_str())),
    })
}

fn cjk(c: &regex::Captures<'_>) -> Option<Found> {
    let hour = number(c.name("h")).unwrap_or(0);
    Some(Found {
        start: c.get(0)?.start(),
        year: number(c.name("y"))?,
        month: number(c.name("m"))?,
        day: number(c.name("d"))?,
        hour: if c.name("pm").is_some() {
            hour % 12 + 12
        } else {
            hour
        },
        minute: number(c.name("mi")).unwrap_or(0),
        second: 0,
        offset: None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The date `text` gives, read in UTC+9 when it says no offset.
    fn read(text: &str) -> String {
        let zone = TimeZone::fixed(Offset::constant(9));
        parse_loose_date(text, &zone)
            .map(|d| crate::source::dates::rfc3339(&d))
            .unwrap_or_else(|| format!("nothing in {text:?}"))
    }

    #[test]
    fn month_names_in_many_languages() {
        for (text, date) in [
            ("12. März 2019", "2019-03-12T00:00:00+09:00"),
            (
                "Veröffentlicht am 3. Dezember 2020 um 14:05",
                "2020-12-03T14:05:00+09:00",
            ),
            ("1er janvier 2020", "2020-01-01T00:00:00+09:00"),
            ("7 de octubre de 2020, 12:05", "2020-10-07T12:05:00+09:00"),
            ("22 de novembro de 2020", "2020-11-22T00:00:00+09:00"),
            ("3 giugno 2021 alle 10:30", "2021-06-03T10:30:00+09:00"),
            ("9 oktober 2020 11:12", "2020-10-09T11:12:00+09:00"),
            ("8 maja 2021", "2021-05-08T00:00:00+09:00"),
            ("7 июня 2020 г.", "2020-06-07T00:00:00+09:00"),
            ("7 червня 2020 р.", "2020-06-07T00:00:00+09:00"),
            ("12 Mart 2019", "2019-03-12T00:00:00+09:00"),
            ("5 ŞUBAT 2020", "2020-02-05T00:00:00+09:00"),
            ("الأربعاء، 07 أكتوبر 2020 12:19", "2020-10-07T12:19:00+09:00"),
            ("June 12, 2025 3:18 PM EDT", "2025-06-12T15:18:00-04:00"),
            ("May 8, 2025 at 9:12 a.m. KST", "2025-05-08T09:12:00+09:00"),
            ("All News 09:12 May 08, 2025", "2025-05-08T09:12:00+09:00"),
            ("Dilluns, Març 23, 2020", "2020-03-23T00:00:00+09:00"),
            ("duminică, 20 septembrie 2020", "2020-09-20T00:00:00+09:00"),
            ("22 de janeiro de 2018 às 0:13", "2018-01-22T00:13:00+09:00"),
        ] {
            assert_eq!(read(text), date, "{text}");
        }
    }

    #[test]
    fn numbers_day_first_unless_they_cannot_be() {
        for (text, date) in [
            ("30.11.2020 14:05", "2020-11-30T14:05:00+09:00"),
            ("17/03/2020", "2020-03-17T00:00:00+09:00"),
            ("08/05/2025 09:12", "2025-05-08T09:12:00+09:00"),
            // A second number over 12 is the day: the month came first.
            ("03/17/2020", "2020-03-17T00:00:00+09:00"),
            ("2025.05.08 09:12", "2025-05-08T09:12:00+09:00"),
            // Hungarian: the year first, each part with its full stop and a space.
            ("2020. 06. 04. 11:27", "2020-06-04T11:27:00+09:00"),
        ] {
            assert_eq!(read(text), date, "{text}");
        }
    }

    #[test]
    fn korean_and_japanese_dates() {
        for (text, date) in [
            ("2020년 3월 4일", "2020-03-04T00:00:00+09:00"),
            ("2020년 3월 4일 오후 2:05", "2020-03-04T14:05:00+09:00"),
            ("2020年07月03日", "2020-07-03T00:00:00+09:00"),
            ("2020年7月3日 12:05", "2020-07-03T12:05:00+09:00"),
        ] {
            assert_eq!(read(text), date, "{text}");
        }
    }

    #[test]
    fn the_first_date_of_a_text_is_read() {
        assert_eq!(
            read("Updated 9 oktober 2020, first 2020-10-08"),
            "2020-10-09T00:00:00+09:00"
        );
    }

    #[test]
    fn a_date_line_may_be_a_part_of_a_line_of_parts() {
        let zone = TimeZone::fixed(Offset::constant(9));
        let line = date_in_line("이용민 기자 | 2020-03-04 16:52:59", &zone).unwrap();
        assert_eq!(
            crate::source::dates::rfc3339(&line),
            "2020-03-04T16:52:59+09:00"
        );
        assert!(date_in_line("The talks of 12 June 2025 ended without a deal.", &zone).is_none());
        assert!(date_in_line("Publicado: 17/03/2020", &zone).is_some());
        let wire = date_in_line("All News 09:12 May 08, 2025", &zone).unwrap();
        assert_eq!(
            crate::source::dates::rfc3339(&wire),
            "2025-05-08T09:12:00+09:00"
        );
        assert!(date_in_line("Seoul and Tokyo talks, 12 June 2025", &zone).is_none());
    }

    /// Regression: the text of a page's copied lines, where a date line of parts (" / "), a
    /// label ("Publish Date:") or a date glued to the word before it went unread.
    #[test]
    fn date_lines_as_copying_leaves_them() {
        let zone = TimeZone::fixed(Offset::constant(9));
        let rfc = |d: ZonedDateTime| crate::source::dates::rfc3339(&d);
        // Date lines: read wherever they are, so by the strict reader.
        for (line, date) in [
            (
                "Reporter Jane Doe / March 4, 2025 9:41 AM",
                "2025-03-04T09:41:00+09:00",
            ),
            (
                "Publish Date:Sat, 28 Nov 2020 01:34 PM (IST)",
                "2020-11-28T13:34:00+09:00",
            ),
            // A link's digits put apart do not make the line too long to be a date line.
            (
                "by [Regan](https://example.com/author/regan99/) September 15, 2014",
                "2014-09-15T00:00:00+09:00",
            ),
        ] {
            assert_eq!(
                date_in_line(line, &zone).map(rfc).as_deref(),
                Some(date),
                "{line}"
            );
        }
        // In a short line (under or above a headline): a time after " / ", glued dates.
        for (line, date) in [
            (
                "January 13, 2020 / 1:39 PM / Updated 2 minutes ago",
                "2020-01-13T13:39:00+09:00",
            ),
            (
                "Yahoo News Australia28 October 2020",
                "2020-10-28T00:00:00+09:00",
            ),
            (
                "La Información16.08.2020 - 21:03h",
                "2020-08-16T21:03:00+09:00",
            ),
            (
                "Metsäteollisuus2.9.2020 klo 12.45",
                "2020-09-02T00:00:00+09:00",
            ),
            (
                "દિવ્ય ભાસ્કરMar 28, 2020, 06:15 PM IST",
                "2020-03-28T18:15:00+09:00",
            ),
        ] {
            assert_eq!(
                date_in_short_line(line, &zone).map(rfc).as_deref(),
                Some(date),
                "{line}"
            );
        }
        // A word's accented letter is not a script's end ("às" stays one word).
        assert_eq!(unglued("às 0:13, Información"), "às 0:13, Información");
    }
}
