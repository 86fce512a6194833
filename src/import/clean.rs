//! Finds the article in a clipping's blocks: the title, the date, the byline and the source,
//! and the body without the page's chrome (menus, "Go Top", photo credits, "Editor's Pick",
//! cookie notices, share buttons), with quotations as quotes.

use std::sync::LazyLock;

use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

use super::{Block, PageFacts};

/// An article found in a clipping.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Its title.
    pub title: String,
    /// When it was published.
    pub date: Option<ZonedDateTime>,
    /// The outlet.
    pub source: Option<String>,
    /// Its address.
    pub url: Option<String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// The page's section ("Politics").
    pub section: Option<String>,
    /// Keywords the page gives.
    pub keywords: Vec<String>,
    /// The body.
    pub blocks: Vec<Block>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// Blocks that are the page's furniture, compared lowercased without trailing punctuation.
const CHROME: &[&str] = &[
    "menu",
    "menu content",
    "main menu",
    "go top",
    "go to top",
    "back to top",
    "top",
    "close",
    "open",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on x",
    "share on twitter",
    "print",
    "print this article",
    "email",
    "e-mail",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "copy link",
    "copy url",
    "link copied",
    "copy link copied",
    "advertisement",
    "ad",
    "sponsored",
    "subscribe",
    "subscribe now",
    "sign in",
    "log in",
    "sign up",
    "register",
    "search",
    "skip to content",
    "skip to main content",
    "listen",
    "listen to this article",
    "comments",
    "view comments",
    "font size",
    "text size",
    "home",
    "next",
    "previous",
    "accept",
    "accept all",
    "reject all",
    "manage cookies",
    "cookie settings",
    "save",
    "bookmark",
    "follow",
    "translate",
];

/// Blocks after which a page has only more chrome: other stories, footers.
const TAIL_MARKERS: &[&str] = &[
    "editor's pick",
    "editors' picks",
    "editor’s pick",
    "related",
    "related articles",
    "related stories",
    "related news",
    "related topics",
    "more on this story",
    "more from",
    "more stories",
    "most read",
    "most popular",
    "most viewed",
    "recommended",
    "recommended stories",
    "you may also like",
    "read more",
    "read next",
    "trending",
    "top stories",
    "latest news",
    "(end)",
    "keywords",
    "related keywords",
    "tags",
    "topics",
    "most read",
    "more on this topic",
];

static CHROME_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // Photo and video credits and captions' credits.
        r"(?i)^(photos?|images?|pictures?|video|graphic|illustration|file photo)\s*(:|by\b|credit)",
        r"(?i)^(credit|source)\s*:\s*(getty|ap|reuters|afp|epa|yonhap|shutterstock)",
        r"(?i)(getty images|ap photo|/reuters$|epa-efe|afp via getty|yonhap photo)\)?\.?$",
        r"(?i)^\((ap|afp|epa|reuters|yonhap|getty)\b[^)]*\)\.?$",
        // Cookie notices.
        r"(?i)\bcookies?\b.*\b(website|consent|accept|privacy|browsing|experience)\b",
        r"(?i)\b(website|consent|accept|privacy|browsing)\b.*\bcookies?\b",
        // Copyright lines and reporting credits.
        r"(?i)^(©|copyright\b)|all rights reserved",
        r"(?i)^(reporting|editing|writing|additional reporting|compiled) by\b",
        r"(?i)^our standards\s*:",
        // Calls to act.
        r"(?i)^(sign up|subscribe|get the latest|download (the|our) app|follow us|read more|also read|see also|watch)\s*(:|for|to|on|\b)",
        r"(?i)^\d+\s*min(ute)?s?\s+read$",
        // A reporter's address on its own.
        r"^\S+@\S+\.\w+$",
        r"(?i)^(updated|posted)?\s*\d+\s+(minutes?|hours?|days?)\s+ago$",
        // A time on its own line ("11:02 KST"), a notice of the article's age.
        r"(?i)^\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*(UTC|GMT|KST|JST|[A-Z]{2,4}T)?$",
        r"(?i)^this (article|story) is more than .* old\.?$",
    ]
    .iter()
    .map(|p| regex(p))
    .collect()
});

/// Whether a block is the page's chrome.
pub fn is_chrome(text: &str) -> bool {
    // Chrome is short: a long paragraph that mentions cookies or rights is the article's.
    if !at_most_words(text, 60) {
        return false;
    }
    let plain = normalized(text);
    CHROME.contains(&plain.as_str())
        || TAIL_MARKERS.contains(&plain.as_str())
        || CHROME_PATTERNS.iter().any(|p| p.is_match(text.trim()))
}

fn is_tail_marker(text: &str) -> bool {
    let plain = normalized(text);
    TAIL_MARKERS.contains(&plain.as_str())
        || [
            "more from ",
            "related:",
            "our standards",
            "suggested topics",
            "explore more on",
        ]
        .iter()
        .any(|p| plain.starts_with(p))
}

/// Lowercased, unescaped, without surrounding punctuation and spaces.
fn normalized(text: &str) -> String {
    text.replace('\\', "")
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '(' && c != ')' && c != '\'')
        .trim()
        .to_lowercase()
}

/// Finds the article among the blocks. `addresses` are where it was found (the page's own
/// and the one the curator gave), read for a date in their path.
pub fn article(
    facts: PageFacts,
    blocks: Vec<Block>,
    addresses: &[&str],
    zone: &TimeZone,
) -> Article {
    let PageFacts {
        title: page_title,
        published,
        modified,
        site_name,
        url,
        mut authors,
        keywords,
        section,
        from_html,
    } = facts;
    let mut blocks = cut_tail(blocks);
    // Reporting credits name the writers before they go with the chrome.
    authors.extend(
        blocks
            .iter()
            .filter(|b| b.is_prose())
            .flat_map(|b| reporting_credits(b.text())),
    );
    blocks.retain(|b| !b.is_prose() || !is_chrome(b.text()));

    // The date: the page's own publication date, else the first date line ("Written:
    // 2025-06-12 15:18:48"), else the date in its address, else when it was last changed.
    let date_line = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_prose())
        .find_map(|(i, b)| {
            date_in_line(b.text(), zone)
                .filter(plausible)
                .map(|date| (i, date))
        });
    let first_date = |written: &[String]| {
        written
            .iter()
            .filter_map(|d| parse_loose_date(d, zone))
            .find(plausible)
    };
    let date = first_date(&published)
        .or_else(|| date_line.as_ref().map(|(_, date)| date.clone()))
        .or_else(|| {
            addresses
                .iter()
                .filter_map(|u| date_in_address(u, zone))
                .find(plausible)
        })
        .or_else(|| first_date(&modified));
    let date_line = date_line.map(|(i, _)| i);

    let head_end = date_line.unwrap_or(blocks.len().min(4));
    // Copied text has no title but its headline line; a page's is in its metadata.
    let title_at = if page_title.is_none() {
        title_in(&blocks, head_end)
    } else {
        None
    };
    let title = match page_title {
        Some(t) => strip_site_suffix(&t, site_name.as_deref()),
        None => title_at.map_or_else(
            || "Untitled clipping".to_string(),
            |i| unescaped(blocks[i].text()),
        ),
    };
    // A page names its section in its metadata; copied text, on a line above the title.
    let section = if from_html {
        section
    } else {
        section.or_else(|| section_in(&blocks[..head_end], &title))
    };
    let mut dropped = vec![false; blocks.len()];
    if let (false, Some(at)) = (from_html, title_at) {
        // Above a copied headline: menus, section labels, a site's tagline.
        for (i, block) in blocks[..at].iter().enumerate() {
            dropped[i] = block.is_prose() && block.text().split_whitespace().count() <= 12;
        }
    }
    if let Some(i) = date_line {
        // Everything above the date line is the page's head: section, title, menus.
        if blocks[..i]
            .iter()
            .all(|b| looks_like_head(&unescaped(b.text())))
        {
            dropped[..=i].fill(true);
        } else {
            dropped[i] = true;
        }
    }
    retain_indexed(&mut blocks, |i, _| !dropped[i]);
    blocks.retain(|b| {
        if !b.is_prose() {
            return true;
        }
        if !at_most_words(b.text(), 30) {
            return true;
        }
        let t = unescaped(b.text());
        t != title && Some(&t) != section.as_ref() && date_in_line(b.text(), zone).is_none()
    });
    if from_html {
        drop_head_labels(&mut blocks);
    }

    // The byline (the last one) names writers, and maybe the outlet.
    let byline_at = blocks
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, b)| b.is_prose() && at_most_words(b.text(), 14))
        .find_map(|(i, b)| byline(&unescaped(b.text())).map(|found| (i, found)));
    let mut outlet = None;
    if let Some((i, (writers, named))) = byline_at {
        authors.extend(writers);
        outlet = named;
        blocks.remove(i);
    }
    let source = site_name.or(outlet).or_else(|| {
        blocks
            .iter()
            .take(3)
            .find_map(|b| dateline_outlet(&unescaped(b.text())))
    });
    authors.sort();
    authors.dedup();
    Article {
        title: WIRE_TAG.replace(&title, "").trim().to_string(),
        date,
        source,
        url,
        authors,
        section,
        keywords,
        blocks: blocks.into_iter().map(as_quote).collect(),
    }
}

/// The names a reporting credit gives ("Reporting by Jane Doe; Editing by …").
fn reporting_credits(text: &str) -> Vec<String> {
    REPORTING_BY
        .captures(&unescaped(text))
        .and_then(|c| c.get(1))
        .map_or_else(Vec::new, |names| split_names(names.as_str()))
}

/// Where the title of a clipping without one is: in its head (before `head_end`, the date
/// line), the first heading-like block after a section label or menu line ("World", "Asia
/// Pacific"), since a site's tagline may come before those and a standfirst or byline after
/// the headline; else the last heading-like block of the head; else the first anywhere.
fn title_in(blocks: &[Block], head_end: usize) -> Option<usize> {
    let candidate = |b: &Block| {
        b.is_prose() && at_most_words(b.text(), 30) && {
            let t = unescaped(b.text());
            looks_like_title(&t) && byline(&t).is_none()
        }
    };
    let head = &blocks[..head_end];
    let after_label = head
        .iter()
        .position(|b| b.is_prose() && looks_like_section(&unescaped(b.text())))
        .and_then(|label| (label..head_end).find(|&i| candidate(&head[i])));
    after_label
        .or_else(|| (0..head_end).rev().find(|&i| candidate(&head[i])))
        .or_else(|| {
            blocks
                .iter()
                .position(|b| b.is_prose() && looks_like_title(&unescaped(b.text())))
        })
}

/// Drops the short lines an article's markup keeps above its first paragraph: a writer's
/// role ("Seoul correspondent"), a label, a reading time. Headings and list items stay.
fn drop_head_labels(blocks: &mut Vec<Block>) {
    let words = |b: &Block| b.text().split_whitespace().count();
    let Some(first) = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(_)) && words(b) >= 8)
    else {
        return;
    };
    retain_indexed(blocks, |i, b| {
        !(i < first && matches!(b, Block::Paragraph(_)) && words(b) <= 3)
    });
}

/// Keeps the blocks `keep` says to, given each one's place.
fn retain_indexed(blocks: &mut Vec<Block>, keep: impl Fn(usize, &Block) -> bool) {
    let mut at = 0;
    blocks.retain(|b| {
        at += 1;
        keep(at - 1, b)
    });
}

/// The page's section: the last short line of the page's head before the title.
fn section_in(head: &[Block], title: &str) -> Option<String> {
    head.iter()
        .map(|b| unescaped(b.text()))
        .take_while(|t| t != title)
        .filter(|t| looks_like_section(t))
        .last()
}

/// Drops everything from the first tail marker that comes after some of the body.
fn cut_tail(mut blocks: Vec<Block>) -> Vec<Block> {
    let body_seen = |upto: usize, blocks: &[Block]| {
        blocks[..upto]
            .iter()
            .filter(|b| b.text().split_whitespace().count() >= 12)
            .count()
            >= 2
    };
    if let Some(i) = (0..blocks.len()).find(|&i| {
        blocks[i].is_prose() && is_tail_marker(blocks[i].text()) && body_seen(i, &blocks)
    }) {
        blocks.truncate(i);
    }
    blocks
}

/// A paragraph that opens with a quotation and is at least half quoted speech (“…,” she said.
/// “…”) becomes a quote.
fn as_quote(block: Block) -> Block {
    match block {
        Block::Paragraph(text) if is_quotation(&text) => Block::Quote(text),
        other => other,
    }
}

fn is_quotation(text: &str) -> bool {
    let text = text.trim();
    if !text.starts_with(['“', '"']) {
        return false;
    }
    let (mut inside, mut quoted, mut total) = (false, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            _ if inside => quoted += 1,
            _ => {}
        }
        total += 1;
    }
    quoted * 2 >= total
}

/// Whether `text` has at most `n` words (without counting past them).
fn at_most_words(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

fn unescaped(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

fn looks_like_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (3..=30).contains(&words)
        && !text.ends_with('.')
        && !text.contains(": 20")
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '(' || c == '“' || c == '"')
}

fn looks_like_section(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=3).contains(&words)
        && text.chars().next().is_some_and(char::is_uppercase)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '&' || c == '-')
}

fn looks_like_head(text: &str) -> bool {
    looks_like_title(text) || looks_like_section(text)
}

fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()))
                || tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 3;
            if is_site {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A wire service's tag in front of a headline: `(LEAD)`, `(2nd LD)`, `(URGENT)`.
static WIRE_TAG: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|[A-Z][A-Z ]+)\)\s+"));

static REPORTING_BY: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:reporting|writing|additional reporting) by (.+?)(?:;|$)"));

static BYLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:By|BY|by)\s+(.+?)(?:\s*(?:,|\||–|—|-)\s*([A-Z][\w&.' -]+?))?\.?$")
});

static BYLINE_NAME_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^((?:[A-Z][\w'’.-]+)(?:[ -][A-Z][\w'’.-]+){1,3}), ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,5})\.?$",
    )
});

/// A wire dateline: "SEOUL (Reuters) -", "SEOUL, June 11 (Reuters) -", "SEOUL, South Korea
/// (AP) —", "SEOUL, June 12 (Yonhap) --".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,3})?(?:, [A-Z][a-z]+\.? \d{1,2})?\s*\(([A-Z][\w .&-]+)\)\s*(?:--|-|–|—)",
    )
});

/// A byline naming where the writer is: "Jane Doe in Seoul", "Jane Doe and John Roe in Tokyo".
static BYLINE_IN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3}(?: and (?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3})?) in [A-Z][\w-]+(?: [A-Z][\w-]+)?$",
    )
});

/// A byline: "By Jane Doe, Reuters", "By Jane Doe and John Roe", "Kim Bum-soo, KBS World
/// Radio News." Gives the writers and the outlet when named.
fn byline(text: &str) -> Option<(Vec<String>, Option<String>)> {
    if !at_most_words(text, 14) {
        return None;
    }
    if let Some(c) = BYLINE_BY.captures(text) {
        let names = split_names(c.get(1)?.as_str());
        if names.is_empty() {
            return None;
        }
        let outlet = c
            .get(2)
            .map(|m| m.as_str().trim().trim_end_matches('.').to_string());
        return Some((names, outlet));
    }
    if let Some(c) = BYLINE_IN.captures(text) {
        return Some((split_names(c.get(1)?.as_str()), None));
    }
    let c = BYLINE_NAME_OUTLET.captures(text)?;
    Some((
        vec![c.get(1)?.as_str().to_string()],
        Some(c.get(2)?.as_str().trim().trim_end_matches('.').to_string()),
    ))
}

fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().trim_end_matches('.').trim().to_string())
        .filter(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (2..=4).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
        .collect()
}

/// The outlet of a dateline: "SEOUL (Reuters) -" → Reuters; "(AP) —" → Associated Press.
fn dateline_outlet(text: &str) -> Option<String> {
    let outlet = DATELINE.captures(text)?.get(1)?.as_str().trim().to_string();
    Some(match outlet.as_str() {
        "AP" => "Associated Press".to_string(),
        "AFP" => "Agence France-Presse".to_string(),
        _ => outlet,
    })
}

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
fn date_in_line(text: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
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
fn plausible(date: &ZonedDateTime) -> bool {
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
fn date_in_address(address: &str, zone: &TimeZone) -> Option<ZonedDateTime> {
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

fn parse_offset(text: &str) -> Option<Offset> {
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

fn zone_abbreviation(name: &str) -> Option<Offset> {
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

    fn rfc(text: &str) -> String {
        crate::source::dates::rfc3339(
            &parse_loose_date(text, &TimeZone::fixed(Offset::constant(9))).unwrap(),
        )
    }

    #[test]
    fn dates_in_many_forms() {
        assert_eq!(rfc("2025-06-12 15:18:48"), "2025-06-12T15:18:48+09:00");
        assert_eq!(rfc("2025-06-12T06:18:48Z"), "2025-06-12T06:18:48+00:00");
        assert_eq!(rfc("2025-06-12T15:18:48+0100"), "2025-06-12T15:18:48+01:00");
        assert_eq!(
            rfc("June 12, 2025 3:18 PM EDT"),
            "2025-06-12T15:18:00-04:00"
        );
        assert_eq!(rfc("12 June 2025, 15:18 BST"), "2025-06-12T15:18:00+01:00");
        assert_eq!(rfc("Thu 12 Jun 2025"), "2025-06-12T00:00:00+09:00");
        assert_eq!(rfc("2025.06.12 10:31"), "2025-06-12T10:31:00+09:00");
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("Kim Bum-soo, KBS World Radio News."),
            Some((
                vec!["Kim Bum-soo".to_string()],
                Some("KBS World Radio News".to_string())
            ))
        );
        assert_eq!(
            byline("By Jane Doe and John Roe"),
            Some((vec!["Jane Doe".to_string(), "John Roe".to_string()], None))
        );
        assert_eq!(
            byline("The talks ended without a deal, officials said."),
            None
        );
        assert_eq!(
            dateline_outlet("SEOUL (Reuters) - North Korea said"),
            Some("Reuters".into())
        );
        assert_eq!(
            dateline_outlet("WASHINGTON (AP) — The"),
            Some("Associated Press".into())
        );
    }

    #[test]
    fn chrome_is_recognised() {
        for chrome in [
            "Go Top",
            "Menu Content",
            "Photo : YONHAP News",
            "Editor's Pick",
            "Share this article",
            "This website uses cookies and other technology to enhance quality of service.",
            "(AP Photo/Lee Jin-man)",
            "5 min read",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        assert!(!is_chrome("The talks ended without a deal."));
    }
}
