//! Finds the article in a clipping's blocks: the title, the date, the byline and the source,
//! and the body without the page's chrome (menus, "Go Top", photo credits, "Editor's Pick",
//! cookie notices, share buttons), with quotations as quotes.

use std::sync::LazyLock;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use regex::Regex;

use super::byline::{byline, dateline_outlet, split_names};
use super::dates::{
    date_in_address, date_in_line, date_in_short_line, parse_loose_date, plausible,
};
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

pub(super) fn regex(pattern: &str) -> Regex {
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
    "advert",
    "ad",
    "caption",
    "this slideshow requires javascript",
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

/// Headings of a page's sections of other stories, beside [`TAIL_MARKERS`]: in English and
/// the other languages pages come in most. Not tail markers: "Leggi anche", "Lesen Sie auch"
/// often head a box in the middle of an article, which only the box's own element bounds
/// (`html::without_other_stories`).
const OTHER_STORIES_HEADINGS: &[&str] = &[
    "related posts",
    "you might also like",
    "você pode gostar",
    "você também pode gostar",
    "leia também",
    "veja também",
    "posts relacionados",
    "notícias relacionadas",
    "artigos relacionados",
    "te puede interesar",
    "también te puede interesar",
    "lee también",
    "noticias relacionadas",
    "artículos relacionados",
    "à lire aussi",
    "lire aussi",
    "vous aimerez aussi",
    "sur le même sujet",
    "articles similaires",
    "das könnte sie auch interessieren",
    "lesen sie auch",
    "mehr zum thema",
    "ähnliche artikel",
    "leggi anche",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "articoli correlati",
    "lees ook",
    "czytaj także",
    "zobacz też",
    "читайте также",
    "похожие статьи",
    "baca juga",
    "berita terkait",
    "tin liên quan",
    "bài viết liên quan",
    "관련 기사",
    "관련기사",
    "추천 기사",
    "関連記事",
    "相关文章",
    "相关阅读",
    "相關文章",
    "延伸阅读",
];

/// Lines of chrome by their form. Every `import` process builds these patterns, so their
/// classes are ASCII (`[0-9]`, `[^a-zA-Z0-9_]`), not Unicode's `\d` and `\W`, which made them
/// take 2.6 times as long to build (15 ms, a third of a small page's import). (One pattern
/// of them all builds faster, but its first searches cost more than that saves.)
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
        r"(?i)^[^a-zA-Z0-9_]*(sign up|subscribe|get the latest|download (the|our) app|follow us|read more|also read|see also|watch)\s*(:|for|to|on|\b)",
        // How to reach the writer ("Have a tip? Amy Kuperinsky may be reached at …").
        r"(?i)\b(may|can) be reached at\b|^[^a-zA-Z0-9_]*have a tip\?",
        r"(?i)^[0-9]+\s*min(ute)?s?\s+read$",
        // A reporter's address on its own.
        r"^\S+@\S+\.[a-zA-Z]+$",
        r"(?i)^(updated|posted)?\s*[0-9]+\s+(minutes?|hours?|days?)\s+ago$",
        // A time on its own line ("11:02 KST"), a notice of the article's age.
        r"(?i)^[0-9]{1,2}[:.][0-9]{2}\s*([ap]\.?m\.?)?\s*(UTC|GMT|KST|JST|[A-Z]{2,4}T)?$",
        r"(?i)^this (article|story) is more than .* old\.?$",
        // A copyright notice anywhere in a short line ("The contents of this site are ©2019 …").
        r"©\s*(19|20)[0-9]{2}",
        // A bare update stamp ("Updated at 1:23 p.m.").
        r"(?i)^[^a-zA-Z0-9_]*(updated|last updated|posted)\s+(at\s+)?[0-9]{1,2}[:.][0-9]{2}\s*([ap]\.?m\.?)?[^a-zA-Z0-9_]*$",
        // A caption, by the credit it ends with ("… (AP Photo/Alan Diaz, File)", "(Image: EXPRESS )").
        r"(?i)\((ap|afp|reuters|getty|epa|image|photo|picture|pictured|credit)\b[^()]*\)\s*\.?$",
        // A call to act in capitals that is only a link ("**[READ MORE … BY CLICKING HERE](…)**").
        r"^\**\[[^\]a-z]+\]\([^)]*\)\**$",
        // A line of tags or categories as links ("**Tags** [stock car], [interlagos]",
        // "Categoria: [Saúde] - Tags: [sad]").
        r"(?i)^[^a-zA-Z0-9_]*(tags|tagged|topics|keywords)[^a-zA-Z0-9_]*\[|\b(tags|categor[a-z]*|topics)\s*:\s*\[",
        // A byline with its date ("By Justine Coleman - 11/18/19 11:04 PM EST").
        r"(?i)^by\s+[^-–|0-9]{3,60}\s[-–|]\s*[0-9]",
        // A gallery's counter ("Image 1 of / 8").
        r"(?i)^(image|photo|picture|slide|foto|bild)\s+[0-9]+\s+(of|von|de|di|z|из)\s*/?\s*[0-9]+$",
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

/// Whether a heading names a section of other stories ("Related posts", "Você pode gostar…").
pub(super) fn names_other_stories(heading: &str) -> bool {
    let plain = normalized(heading);
    is_normalized_tail_marker(&plain) || OTHER_STORIES_HEADINGS.contains(&plain.as_str())
}

fn is_tail_marker(text: &str) -> bool {
    is_normalized_tail_marker(&normalized(text))
}

/// [`is_tail_marker`] of text already [`normalized`].
fn is_normalized_tail_marker(plain: &str) -> bool {
    TAIL_MARKERS.contains(&plain)
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
        .trim_matches(|c: char| {
            (c.is_ascii_punctuation() && c != '(' && c != ')' && c != '\'') || c == '…'
        })
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
        under_headline,
        outside,
        site_name,
        url,
        mut authors,
        keywords,
        section,
        from_html,
        language: _,
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
    drop_repeated(&mut blocks);

    // Copied text has no title but its headline line; a page's is in its metadata.
    let title_at = if page_title.is_none() {
        title_in(&blocks, zone)
    } else {
        None
    };
    // The date: the page's own publication date, else a date in the lines right under a
    // copied headline ("Dan Goodin - Apr 16, 2015 8:02 pm UTC") or, in copied text, the two
    // right above it ("January 13, 2020 / 1:39 PM / Updated 2 minutes ago"), else the first
    // date line ("Written: 2025-06-12 15:18:48"), else the date in its address, else a date
    // line under the page's headline, else one in the lines of copied text around the article
    // ("Posted : 2025-11-18 11:02 KST" at its foot), else when it was last changed.
    let under_title =
        title_at.and_then(|at| short_date_line(&blocks, at + 1..(at + 6).min(blocks.len()), zone));
    let above_title = title_at
        .filter(|_| !from_html)
        .and_then(|at| short_date_line(&blocks, (at.saturating_sub(2)..at).rev(), zone));
    let date_line = under_title.or(above_title).or_else(|| {
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_prose())
            .find_map(|(i, b)| {
                date_in_line(b.text(), zone)
                    .filter(plausible)
                    .map(|date| (i, date))
            })
    });
    let first_date = |written: &[String]| {
        written
            .iter()
            .filter_map(|d| parse_loose_date(d, zone))
            .find(plausible)
    };
    let in_address = addresses
        .iter()
        .filter_map(|u| date_in_address(u, zone))
        .find(plausible);
    let date = first_date(&published)
        .map(|published| local_day(published, in_address.as_ref()))
        .or_else(|| date_line.as_ref().map(|(_, date)| date.clone()))
        .or_else(|| in_address.clone())
        .or_else(|| {
            under_headline
                .iter()
                .find_map(|line| date_in_short_line(line, zone).filter(plausible))
        })
        .or_else(|| {
            outside
                .iter()
                .find_map(|line| date_in_line(line, zone).filter(plausible))
        })
        .or_else(|| first_date(&modified));
    let date_line = date_line.map(|(i, _)| i);

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
        section.or_else(|| title_at.and_then(|at| section_in(&blocks[..at], &title)))
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

/// The publication instant, or the day its address gives when that is the day before or after
/// it and within six hours of it: a page that writes its instant in UTC ("2020-02-18T02:18:11Z")
/// under an address of the site's own day (`/2020/02/17/`) was published on the site's day,
/// which UTC has passed. (An address a day before an instant at 10:04 UTC is the day the story
/// was begun, not a zone's.)
fn local_day(published: ZonedDateTime, in_address: Option<&ZonedDateTime>) -> ZonedDateTime {
    let Some(day) = in_address else {
        return published;
    };
    let apart = (day.date() - published.date()).get_days();
    let hour = published.hour();
    let near = (apart == -1 && hour < 6) || (apart == 1 && hour >= 18);
    if near && published.offset() == jiff::tz::Offset::UTC {
        day.clone()
    } else {
        published
    }
}

/// The first of `lines` (indexes into `blocks`) that is a short line with a date that can be
/// the article's, and that date.
fn short_date_line(
    blocks: &[Block],
    mut lines: impl Iterator<Item = usize>,
    zone: &TimeZone,
) -> Option<(usize, ZonedDateTime)> {
    lines.find_map(|i| {
        let block = &blocks[i];
        block
            .is_prose()
            .then(|| date_in_short_line(block.text(), zone))
            .flatten()
            .filter(plausible)
            .map(|date| (i, date))
    })
}

/// Keeps one copy of a block that the page repeats above its article's first paragraph (the
/// first long one said once): a gallery's captions, each shown with its slide and again in a
/// list; an image's caption as a heading and as a line. Below it a repeat is left alone (a
/// refrain, a pull quote).
fn drop_repeated(blocks: &mut Vec<Block>) {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for block in blocks.iter().filter(|b| b.is_prose()) {
        *seen.entry(repeat_key(block.text())).or_default() += 1;
    }
    let repeated =
        |b: &Block| b.is_prose() && seen.get(&repeat_key(b.text())).is_some_and(|&n| n > 1);
    let Some(first) = blocks
        .iter()
        .position(|b| b.is_prose() && !at_most_words(b.text(), 30) && !repeated(b))
    else {
        return;
    };
    let above: std::collections::HashSet<String> = blocks[..first]
        .iter()
        .filter(|b| repeated(b))
        .map(|b| repeat_key(b.text()))
        .collect();
    let mut kept = std::collections::HashSet::new();
    blocks.retain(|b| {
        let key = repeat_key(b.text());
        !b.is_prose() || !above.contains(&key) || kept.insert(key)
    });
}

/// A block's text as compared for repeats: its words, lowercased, without a list's dash.
fn repeat_key(text: &str) -> String {
    normalized(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names a reporting credit gives ("Reporting by Jane Doe; Editing by …").
fn reporting_credits(text: &str) -> Vec<String> {
    REPORTING_BY
        .captures(&unescaped(text))
        .and_then(|c| c.get(1))
        .map_or_else(Vec::new, |names| split_names(names.as_str()))
}

/// Where the headline of a clipping without a title is, chosen by what surrounds each
/// candidate rather than by its place in a layout: among the lines of its head (above the
/// first long paragraph), a heading-like line scores by its length, a date line or a byline
/// right below it and a section label right above it; a line in capitals (a site's banner, a
/// row of section names) only when the head has nothing else. Ties go to the line nearer the
/// article. Else the first heading-like line anywhere.
fn title_in(blocks: &[Block], zone: &TimeZone) -> Option<usize> {
    let body = blocks
        .iter()
        .position(|b| b.is_prose() && !at_most_words(b.text(), 30))
        .unwrap_or(blocks.len());
    let texts: Vec<String> = blocks[..body].iter().map(|b| unescaped(b.text())).collect();
    let dated: Vec<bool> = texts
        .iter()
        .map(|t| date_in_short_line(t, zone).is_some())
        .collect();
    let candidate = |i: usize| {
        let t = &texts[i];
        blocks[i].is_prose() && looks_like_title(t) && byline(t).is_none() && !dated[i]
    };
    let quiet = |i: usize| !mostly_capitals(&texts[i]);
    let any_quiet = (0..body).any(|i| candidate(i) && quiet(i));
    let score = |i: usize| {
        let words = texts[i].split_whitespace().count() as i32;
        let below = i + 1..(i + 5).min(body);
        let mut score = words.min(10) - (words - 16).max(0);
        if dated[below.clone()].contains(&true) {
            score += 8;
        }
        if texts[below]
            .iter()
            .any(|t| at_most_words(t, 14) && byline(t).is_some())
        {
            score += 6;
        }
        if i > 0 && looks_like_section(&texts[i - 1]) {
            score += 3;
        }
        score
    };
    (0..body)
        .filter(|&i| candidate(i) && (quiet(i) || !any_quiet))
        .max_by_key(|&i| (score(i), i))
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

/// The page's section: the short line right above the title (a line further up is a
/// banner or a menu, "YONHAP NEWS AGENCY").
fn section_in(head: &[Block], title: &str) -> Option<String> {
    let above: Vec<String> = head
        .iter()
        .map(|b| unescaped(b.text()))
        .take_while(|t| t != title)
        .collect();
    above.last().filter(|t| looks_like_section(t)).cloned()
}

/// Drops everything from the first tail marker that comes after some of the body and before
/// the rest of it: a "Related" box in the middle of an article, with paragraphs of the article
/// after it, is only the box's marker.
fn cut_tail(mut blocks: Vec<Block>) -> Vec<Block> {
    let long = |b: &Block| b.text().split_whitespace().count() >= 12;
    let body_seen =
        |upto: usize, blocks: &[Block]| blocks[..upto].iter().filter(|b| long(b)).count() >= 2;
    let body_after = |from: usize, blocks: &[Block]| {
        blocks[from..]
            .iter()
            .filter(|b| b.is_prose() && !at_most_words(b.text(), 30))
            .count()
            >= 2
    };
    if let Some(i) = (0..blocks.len()).find(|&i| {
        blocks[i].is_prose()
            && is_tail_marker(blocks[i].text())
            && body_seen(i, &blocks)
            && !body_after(i + 1, &blocks)
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
pub(super) fn at_most_words(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_none()
}

pub(super) fn unescaped(text: &str) -> String {
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

/// Whether most of a line's letters (seven in ten, of at least four) are capitals.
fn mostly_capitals(text: &str) -> bool {
    let (letters, capitals) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(l, u), c| {
            (l + 1, u + usize::from(c.is_uppercase()))
        });
    letters >= 4 && capitals * 10 >= letters * 7
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::Offset;

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
    fn a_gallerys_repeated_captions_are_kept_once_and_a_refrain_in_the_article_twice() {
        let caption = "Ministers shake hands in Hanoi, Vietnam, on Wednesday. (AP Photo)";
        let long = "The defense secretary accused China of using coercion and intimidation against smaller nations to impose its will in the South China Sea, and urged the countries of the region to push back against it together.";
        let mut blocks = vec![
            Block::Item(caption.to_string()),
            Block::Paragraph(caption.to_string()),
            Block::Paragraph(format!("{caption} ")),
            Block::Paragraph(long.to_string()),
            Block::Paragraph("Push back.".to_string()),
            Block::Paragraph("Push back.".to_string()),
        ];
        drop_repeated(&mut blocks);
        let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
        assert_eq!(texts, [caption, long, "Push back.", "Push back."]);
        assert!(is_chrome("Image 1 of / 8") && is_chrome("Photo 3 of 12"));
        assert!(!is_chrome("Image 1 of the series shows the launch."));
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
            // Found on Zyte's pages (issue 29): footers, stamps, captions, calls and tags.
            "The contents of this site are ©2019 Capitol Hill Publishing Corp.",
            "*Updated at 1:23 p.m.*",
            "Vicente Aguiar loads garage door trims into his pickup truck.(AP Photo/Alan Diaz, File)",
            "The Hong Kong Protests - how they happened (Image: EXPRESS )",
            "**[READ MORE ON FOX BUSINESS BY CLICKING HERE](https://www.foxbusiness.com/)**",
            "**Tags [calendario stock car 2018], [stock car brasil]",
            "**05/10/2018** - Publicado por: Clarissa Borba - Categoria: [Saúde] - Tags: [sad]",
            "By Justine Coleman - 11/18/19 11:04 PM EST",
            "*Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.*",
            "*Get the latest updates right in your inbox.*",
            "Advert",
            "This slideshow requires JavaScript.",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for article in [
            "The talks ended without a deal.",
            "[Read the full report](https://example.com/report) before the vote, he said.",
            "By Tuesday the council had voted 7-2 to close the bridge.",
            "The company (AP) said it would appeal the ruling in the coming weeks, its lawyers said.",
        ] {
            assert!(!is_chrome(article), "{article}");
        }
    }
}
