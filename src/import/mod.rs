//! `briefgen import`: turns a news article clipped from the web — the text a browser copies,
//! a saved HTML page, or a page fetched by its address ([`fetch`]) — into a draft briefing:
//! title, date, source and its address, the article as Markdown without the page's chrome,
//! and suggested people and tags for the curator to confirm (the draft is marked
//! `draft: true`).
//!
//! Bytes become text by `encoding`. Both kinds of input end up as a list of [`Block`]s
//! (paragraphs, headings, quotes, list items, code, tables) plus whatever metadata the page
//! declared (`html`); [`clean`] then finds the title, date and byline among the blocks and
//! drops the chrome, and [`people`] suggests names and tags. A draft whose date could not be
//! found says so on its `date:` line ([`NO_DATE`]) rather than passing the import time off as
//! the article's.

mod byline;
mod clean;
mod dates;
mod encoding;
mod facts;
pub mod fetch;
mod html;
mod lines;
mod people;

pub use encoding::decode;

use jiff::tz::TimeZone;

use crate::scaffold::DraftBriefing;

/// One block of an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, as Markdown inline text.
    Paragraph(String),
    /// A heading inside the article.
    Heading(String),
    /// A quoted passage.
    Quote(String),
    /// An item of a list.
    Item(String),
    /// Preformatted text (code, a plain-text document), kept as it is.
    Code(String),
    /// A table, already Markdown.
    Table(String),
}

impl Block {
    /// Its text (Markdown inline text).
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph(t)
            | Block::Heading(t)
            | Block::Quote(t)
            | Block::Item(t)
            | Block::Code(t)
            | Block::Table(t) => t,
        }
    }

    /// Whether it is running text, where titles, dates, bylines and chrome are looked for
    /// (code and tables are kept whatever they say).
    pub fn is_prose(&self) -> bool {
        !matches!(self, Block::Code(_) | Block::Table(_))
    }
}

/// What a page says about itself, where it says it (HTML metadata); all empty for text.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// The headline.
    pub title: Option<String>,
    /// When it was published, as written: every date the page gives for it, most trusted
    /// first.
    pub published: Vec<String>,
    /// When it was last changed, as written: the date when no other is found.
    pub modified: Vec<String>,
    /// The first short lines under the page's headline (`<h1>`), where a date line is when
    /// the page gives its date nowhere else ("22/11/2020 - 04:30 - Fonte: …").
    pub under_headline: Vec<String>,
    /// Copied text's lines outside the article, nearest first, read for a date when the
    /// article's own lines give none ("Posted : 2025-11-18 11:02 KST" at its foot).
    pub outside: Vec<String>,
    /// The outlet.
    pub site_name: Option<String>,
    /// The canonical address.
    pub url: Option<String>,
    /// The writers.
    pub authors: Vec<String>,
    /// Keywords the page gives.
    pub keywords: Vec<String>,
    /// Its section ("Politics").
    pub section: Option<String>,
    /// Whether these come from an HTML page (its metadata, its article's markup) rather
    /// than copied text, where the head of the text holds the section and title.
    pub from_html: bool,
    /// The page's language (`<html lang>`, else `og:locale`), when it is a BCP 47 tag.
    pub language: Option<String>,
}

/// What the draft's `date:` line says when the clipping gives no date.
pub const NO_DATE: &str =
    "no date found in the clipping: this is when it was imported; set the article's date";

/// What the draft's `date:` line says when the date was found only in the page's source.
pub const SOURCE_DATE: &str =
    "found only in the page's source (a script or a comment), not its text: check it";

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The article's address, when the clipping does not say.
    pub url: Option<String>,
    /// Whether the input is HTML; `None` to tell from the input.
    pub html: Option<bool>,
    /// The site's people: a suggested name that is one of their aliases becomes their name,
    /// and a person whose name or alias the article has (이재명) is suggested by their name.
    pub people: crate::source::people::People,
    /// The site's language: a draft in another says so (`language: ko`). `None`: English.
    pub site_language: Option<String>,
}

/// The longest title a draft is given, in characters; a longer one is cut at a word.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest name of a person, tag or source, in characters: a longer person or tag is left
/// out (cut, it would be a wrong name), a longer source cut at a word.
pub const MAX_NAME_CHARS: usize = 80;

/// The most people, and the most tags, a draft suggests.
pub const MAX_NAMES: usize = 20;

/// The longest address a draft keeps, in bytes.
pub const MAX_URL_BYTES: usize = 2048;

/// Whether a suggested person or tag is one a draft may name: a letter or digit, and no longer
/// than a name is.
fn is_a_name(name: &str) -> bool {
    name.chars().count() <= MAX_NAME_CHARS && crate::source::slug::names_a_page(name)
}

/// Turns a clipping into a draft briefing. Dates written without an offset are read in `zone`.
pub fn import(input: &str, options: &ImportOptions, zone: &TimeZone) -> DraftBriefing {
    // Control characters (C0, DEL and C1 alike) are never part of an article's text.
    let input = crate::chars::without_controls(input);
    let input = input.strip_prefix('\u{feff}').unwrap_or(&input);
    let is_html = options.html.unwrap_or_else(|| looks_like_html(input));
    let (facts, blocks) = if is_html {
        html::read(input)
    } else {
        let (article, outside) = lines::article_lines(text_blocks(input));
        let outside = outside.iter().map(|b| b.text().to_string()).collect();
        (
            PageFacts {
                outside,
                ..PageFacts::default()
            },
            article,
        )
    };
    let page_url = facts.url.clone();
    let addresses: Vec<&str> = [options.url.as_deref(), page_url.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let facts_language = facts.language.clone();
    let mut article = clean::article(facts, blocks, &addresses, zone);
    // The last place a date is looked for, read only then: a day written in numbers anywhere
    // in an HTML page's source (`showDate("2020/04/17 01:43:09")`); the draft says so.
    let mut date_from_source = false;
    if article.date.is_none() && is_html {
        article.date = dates::date_in_source(input, zone);
        date_from_source = article.date.is_some();
    }
    let text = people::plain_text(&article.blocks);
    let mut people = people::suggest_people(&text, &article.authors);
    let mut tags = people::suggest_tags(&article, &text, &people);
    // Only what a build accepts, and what a curator would keep: names with a letter or digit,
    // of a name's length, a few of them; web addresses; a title and source of a line's length.
    people.retain(|name| is_a_name(name));
    // The site's people the article names in any of their spellings, in Hangul too, where no
    // capitalised run finds a name.
    for known in options.people.mentioned_in(&text) {
        if !people.contains(&known) {
            people.push(known);
        }
    }
    people.truncate(MAX_NAMES);
    let people = options.people.canonical(&people);
    let language = facts_language
        .or_else(|| mostly_hangul(&text).then(|| "ko".to_string()))
        .filter(|tag| {
            use crate::source::language::primary;
            primary(tag) != primary(options.site_language.as_deref().unwrap_or("en"))
        });
    tags.retain(|name| is_a_name(name));
    tags.truncate(MAX_NAMES);
    let source = article
        .source
        .as_deref()
        .map(|name| crate::chars::cut_at_word(name, MAX_NAME_CHARS).into_owned())
        .filter(|name| crate::source::slug::names_a_page(name));
    let page_url = article
        .url
        .clone()
        .filter(|url| url.len() <= MAX_URL_BYTES && crate::source::frontmatter::is_web_url(url));
    let title = if crate::chars::is_blank(&article.title) {
        "Untitled clipping".to_string()
    } else {
        crate::chars::cut_at_word(&article.title, MAX_TITLE_CHARS).into_owned()
    };
    DraftBriefing {
        title,
        date: article.date.clone(),
        date_note: match (&article.date, date_from_source) {
            (None, _) => Some(NO_DATE.to_string()),
            (Some(_), true) => Some(SOURCE_DATE.to_string()),
            (Some(_), false) => None,
        },
        source,
        url: options.url.clone().or(page_url),
        people,
        tags,
        summary: None,
        draft: true,
        body: to_markdown(&article.blocks),
        stories: Vec::new(),
        language,
    }
}

/// Whether most of a text's letters are Hangul: a Korean article whose page does not say.
fn mostly_hangul(text: &str) -> bool {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('\u{1100}'..='\u{11ff}').contains(&c) {
            hangul += 1;
        }
    }
    letters > 0 && hangul * 2 > letters
}

/// Whether the input is an HTML page rather than copied text.
pub fn looks_like_html(input: &str) -> bool {
    let start: String = input
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && input.contains("</p>"))
}

/// The blocks of copied text: a browser copies each block of the page as one line.
fn text_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .map(|line| Block::Paragraph(escape_markdown(line)))
        .collect()
}

/// The article as Markdown: blocks separated by blank lines.
fn to_markdown(blocks: &[Block]) -> String {
    let mut out = Vec::new();
    let mut previous_item = false;
    for block in blocks {
        let text = match block {
            Block::Paragraph(t) => t.clone(),
            Block::Heading(t) => format!("## {t}"),
            Block::Quote(t) => format!("> {t}"),
            Block::Item(t) => format!("- {t}"),
            Block::Code(t) => fenced(t),
            Block::Table(t) => t.clone(),
        };
        let item = matches!(block, Block::Item(_));
        if item && previous_item {
            if let Some(last) = out.last_mut() {
                *last = format!("{last}\n{text}");
            }
        } else {
            out.push(text);
        }
        previous_item = item;
    }
    out.join("\n\n") + "\n"
}

/// Preformatted text as a fenced code block, its fence longer than any run of backticks in it.
fn fenced(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}\n{code}\n{fence}")
}

/// Escapes what Markdown would read as markup in a line of plain text.
pub fn escape_markdown(text: &str) -> String {
    guard_block_start(&escape_inline(text))
}

/// Escapes the characters Markdown reads as inline markup.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // `{` and `}` too: `{…}` at a heading's end sets its attributes; `&` starts an entity.
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a paragraph's start that Markdown would read as a heading or a list (`# `, `- `,
/// `+ `, `1. `).
pub fn guard_block_start(text: &str) -> String {
    let mut out = text.to_string();
    if matches!(out.chars().next(), Some('#' | '-' | '+' | '=')) {
        out.insert(0, '\\');
    }
    let numbered = out
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if numbered {
        out = out.replacen(". ", "\\. ", 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(html: &str) -> DraftBriefing {
        import(html, &ImportOptions::default(), &TimeZone::UTC)
    }

    fn day(draft: &DraftBriefing) -> String {
        draft
            .date
            .as_ref()
            .map(|d| d.date().to_string())
            .unwrap_or_default()
    }

    const ARTICLE: &str = "<p>The council voted on Tuesday to close the old bridge to traffic for two years while it is rebuilt, a decision put off for a decade because of its cost.</p><p>Residents on the far side of the river will have to take a ferry or drive around through the next town, the council said.</p>";

    /// htmldate's news pages: an instant in UTC just past midnight under an address of the
    /// site's own day was published on the address's day; one well into the day was not.
    #[test]
    fn an_address_a_day_before_an_instant_just_past_midnight_utc_gives_the_day() {
        let page = |instant: &str| {
            format!(
                r#"<!doctype html><html><head><title>Bridge to close</title><link rel="canonical" href="https://news.example/2020/02/17/bridge-to-close/"><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Bridge to close","datePublished":"{instant}"}}</script></head><body><article><h1>Bridge to close</h1>{ARTICLE}</article></body></html>"#
            )
        };
        assert_eq!(day(&draft(&page("2020-02-18T02:18:11Z"))), "2020-02-17");
        assert_eq!(day(&draft(&page("2020-02-18T10:04:04Z"))), "2020-02-18");
        assert_eq!(
            day(&draft(&page("2020-02-18T02:18:11+01:00"))),
            "2020-02-18"
        );
    }

    /// A site's logo is the page's first `<h1>`: the date line is the one under the headline
    /// that the page's title names.
    #[test]
    fn the_date_line_is_under_the_headline_the_title_names_not_the_logo() {
        let page = r#"<!doctype html><html><head><title>Bridge to close for two years</title></head><body><header><h1>City News</h1><p>Menu</p><p>Sport</p><p>Weather</p><p>Contact</p><p>About</p></header><article><h1>Bridge to close for two years</h1><p>22/11/2020 - 04:30 - Source: City Hall - Photo: A. Photographer of the City</p>"#.to_string() + ARTICLE + "</article></body></html>";
        let imported = draft(&page);
        assert_eq!(day(&imported), "2020-11-22");
        assert_eq!(imported.date_note, None);
    }

    /// A page whose text gives no date, only a script: the day written there, said so.
    #[test]
    fn a_date_only_in_the_pages_source_is_taken_and_said_so() {
        let page = format!(
            r#"<!doctype html><html><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1><div><script>showDate("2020/04/17 01:43:09")</script></div>{ARTICLE}</article><!-- cached 2019-01-05 --></body></html>"#
        );
        let imported = draft(&page);
        assert_eq!(day(&imported), "2020-04-17");
        assert_eq!(imported.date_note.as_deref(), Some(SOURCE_DATE));
        // The same page with its date in the text needs no note.
        let dated = page.replace(
            "<h1>Bridge to close</h1>",
            "<h1>Bridge to close</h1><p>Published: 17 April 2020</p>",
        );
        assert_eq!(draft(&dated).date_note, None);
    }
}
