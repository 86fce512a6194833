//! Reads a saved HTML page: the facts the page declares about itself ([`super::facts`]), read
//! with scraper, and the article's text as blocks.
//!
//! The article is found by content scoring — Mozilla Readability's, as `dom_smoothie` ports
//! it — because the first `<article>` or `[itemprop=articleBody]` of a real page is as often a
//! teaser, a "related" box or a call to action as the story. Its output is walked into blocks
//! here, keeping links, emphasis, `<pre>` and tables, and leaving out hidden elements, figures,
//! forms and scripts. Only when scoring finds nothing is the first likely root read, with
//! class and id rules (by whole words) dropping the page's furniture.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::facts::facts;
use super::{Block, PageFacts, escape_inline, guard_block_start};

pub(super) fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad built-in selector {css}: {e:?}"))
}

/// Elements that are never the article's text.
#[rustfmt::skip]
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
    "figure", "figcaption", "iframe", "svg", "template", "select", "dialog", "input", "video",
    "audio", "picture", "img", "canvas", "object", "embed", "head", "title",
];

/// Words of a class or id that mark an element as the page's furniture, matched against whole
/// words of the name (split at spaces, `-` and `_`), never inside one: `share` is not
/// `shared-history`, `sidebar` is not `contentWithSidebar`.
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    "share", "sharing", "social", "related", "newsletter", "cookie", "cookies", "consent",
    "promo", "advert", "advertisement", "ad", "ads", "subscribe", "comment", "comments",
    "breadcrumb", "breadcrumbs", "byline", "toolbar", "popup", "modal", "banner", "sidebar",
    "recommended", "recommendations", "caption", "credit", "credits", "gotop", "menu",
    "actions", "outbrain", "taboola", "paywall", "disqus",
];

/// Runs of words of a class or id that mark furniture together (`read-more`, `back-to-top`).
const CHROME_PHRASES: &[&[&str]] = &[
    &["more", "stories"],
    &["read", "more"],
    &["go", "top"],
    &["back", "to", "top"],
    &["ad", "slot"],
];

/// The page's facts and its article's blocks.
pub fn read(input: &str) -> (PageFacts, Vec<Block>) {
    let flat = parseable(input);
    // The parsed page is dropped before scoring parses it again: a large page's two trees
    // are not held at once.
    let mut facts = facts(&Html::parse_document(&flat));
    let base = facts.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let found = readable(&flat, base.as_ref());
    if let Some(found) = &found {
        // Its title weighs the page's metadata and `<title>` against each other (JSON-LD
        // `name` or `headline`, Dublin Core, Open Graph, then `<title>` without the site's
        // name), where ours takes the first it finds.
        if let Some(title) = found.title.clone().filter(|t| !t.trim().is_empty()) {
            facts.title = Some(title);
        }
        if facts.site_name.is_none() {
            facts.site_name.clone_from(&found.site_name);
        }
    }
    let blocks = found
        .map(|found| found.blocks)
        .filter(|blocks| !blocks.is_empty())
        .unwrap_or_else(|| first_root(&Html::parse_document(&flat), base));
    (facts, blocks)
}

/// The page as it is parsed: flattened below [`crate::nesting::MAX_DEPTH`] first, since the
/// parser's time grows with the square of the depth and the walk below recurses once per
/// level.
fn parseable(input: &str) -> std::borrow::Cow<'_, str> {
    crate::nesting::flatten(input, crate::nesting::MAX_DEPTH)
}

/// What content scoring finds.
struct Readable {
    title: Option<String>,
    site_name: Option<String>,
    blocks: Vec<Block>,
}

/// The article found by content scoring (Mozilla Readability's, as the `dom_smoothie` crate
/// ports it); `None` when no candidate is found.
fn readable(html: &str, base: Option<&url::Url>) -> Option<Readable> {
    let document = dom_query::Document::from(html);
    without_other_stories(&document);
    let mut readability =
        dom_smoothie::Readability::with_document(document, base.map(url::Url::as_str), None)
            .ok()?;
    let article = readability.parse().ok()?;
    let content = Html::parse_fragment(&article.content);
    Some(Readable {
        title: Some(collapse(&article.title)),
        site_name: article
            .site_name
            .map(|s| collapse(&s))
            .filter(|s| !s.is_empty()),
        // Scoring has already dropped the furniture by its classes; its output keeps ids that
        // name the article itself ("read-more", "contentWithSidebar"), so class rules stay off.
        blocks: walk(content.root_element(), base.cloned(), false),
    })
}

/// Removes the sections a page heads as other stories ("Related posts", "Você pode gostar…",
/// "関連記事") before scoring: their teasers are paragraphs of other articles, which score as
/// prose, and a section of them beside the article is taken with it. Such a section is the
/// element a heading heads — its first element, the heading or what wraps it alone — when the
/// heading names related content by its words
/// ([`super::clean::names_other_stories`]) or by its class or id (`relatedpoststitle`: scoring
/// drops the heading by that, but not the teasers after it) — unless that element is the page's
/// body or main part, or holds its `<h1>`.
fn without_other_stories(document: &dom_query::Document) {
    let mut sections = Vec::new();
    for heading in document.select("h2, h3, h4").nodes() {
        let named = ["class", "id"].iter().any(|a| {
            heading
                .attr(a)
                .is_some_and(|v| v.to_ascii_lowercase().contains("related"))
        });
        if !named && !super::clean::names_other_stories(&collapse(&heading.text())) {
            continue;
        }
        // Up from the heading through what wraps it alone (`<header><h3>…</h3></header>`), to
        // the element it heads.
        let mut node = *heading;
        let section = loop {
            let Some(parent) = node.parent() else {
                break None;
            };
            if parent.first_element_child().map(|c| c.id) != Some(node.id) {
                break None;
            }
            if parent.element_children().len() > 1 {
                break Some(parent);
            }
            node = parent;
        };
        let Some(section) = section else {
            continue;
        };
        let whole_page = section
            .node_name()
            .is_some_and(|n| matches!(&*n, "html" | "body" | "main"));
        if !whole_page && !section.descendants_it().any(|n| n.has_name("h1")) {
            sections.push(section);
        }
    }
    for section in sections {
        section.remove_from_parent();
    }
}

/// The blocks of the text under `root`; `class_rules` drops blocks whose class or id names
/// furniture.
fn walk(root: ElementRef<'_>, base: Option<url::Url>, class_rules: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut walker = Walker {
        base,
        blocks: &mut blocks,
        run: String::new(),
        class_rules,
    };
    walker.container(root);
    walker.flush();
    blocks
}

/// The article as the first element that usually holds one, when scoring finds nothing.
fn first_root(page: &Html, base: Option<url::Url>) -> Vec<Block> {
    let root = [
        "[itemprop=articleBody]",
        "article",
        "main",
        "[role=main]",
        "body",
    ]
    .iter()
    .find_map(|css| page.select(&selector(css)).next());
    root.map_or_else(Vec::new, |root| walk(root, base, true))
}

pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_skipped(element: &ElementRef<'_>, class_rules: bool) -> bool {
    let e = element.value();
    if SKIPPED_TAGS.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") || e.attr("role") == Some("navigation") {
        return true;
    }
    if e.attr("style").is_some_and(hides) {
        return true;
    }
    class_rules && class_and_id(element).any(names_chrome)
}

/// An element's class and id, those it has.
pub(super) fn class_and_id<'e>(element: &ElementRef<'e>) -> impl Iterator<Item = &'e str> {
    let e = element.value();
    [e.attr("class"), e.attr("id")].into_iter().flatten()
}

/// The words of each name in a class or id (names split at spaces, words at `-` and `_`),
/// lowercased: the unit every class and id rule matches, never part of a word.
pub(super) fn name_words(names: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    names.split_whitespace().map(|name| {
        name.split(['-', '_'])
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    })
}

/// Whether an inline style hides its element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Whether a class or id names the page's furniture, by whole words.
fn names_chrome(names: &str) -> bool {
    name_words(names).any(|words| {
        words.iter().any(|w| CHROME_WORDS.contains(&w.as_str()))
            || CHROME_PHRASES
                .iter()
                .any(|phrase| words.windows(phrase.len()).any(|run| run == *phrase))
    })
}

/// How many links and emphases an imported passage nests at most.
const MAX_MARKS: usize = 8;

/// Walks the article's elements, turning them into blocks.
struct Walker<'b> {
    base: Option<url::Url>,
    blocks: &'b mut Vec<Block>,
    /// Inline text met outside a paragraph, until the next block.
    run: String,
    /// Whether blocks whose class or id names furniture are dropped.
    class_rules: bool,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let text = guard_block_start(self.run.trim());
        self.run.clear();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    fn push(&mut self, block: Block) {
        self.flush();
        if !block.text().trim().is_empty() {
            self.blocks.push(block);
        }
    }

    /// A block-level element: its children become blocks.
    fn container(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => push_text(&mut self.run, text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_skipped(&child, self.class_rules) {
                        continue;
                    }
                    match child.value().name() {
                        "pre" => {
                            let code: String = child.text().collect();
                            self.push(Block::Code(code.trim_matches('\n').to_string()));
                        }
                        "table" if is_simple_table(child) => {
                            let table = self.table(child);
                            self.push(table);
                        }
                        "p" => {
                            let text = guard_block_start(&self.inline(child));
                            self.push(Block::Paragraph(text));
                        }
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            let text = self.inline(child);
                            self.push(Block::Heading(text));
                        }
                        "blockquote" => {
                            let text = self.inline(child);
                            self.push(Block::Quote(text));
                        }
                        "li" => {
                            let text = self.inline(child);
                            self.push(Block::Item(text));
                        }
                        "br" => self.flush(),
                        "div" | "section" | "article" | "main" | "ul" | "ol" | "table"
                        | "tbody" | "tr" | "td" | "th" | "dl" | "dd" | "dt" | "center" => {
                            self.flush();
                            self.container(child);
                            self.flush();
                        }
                        _ => {
                            let text = self.inline(child);
                            self.run.push_str(&text);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A table of text cells as a Markdown table, its first row the header.
    fn table(&self, table: ElementRef<'_>) -> Block {
        let rows: Vec<Vec<String>> = table
            .select(&selector("tr"))
            .map(|row| {
                row.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                    .map(|cell| self.inline(cell).trim().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|row| !row.is_empty())
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let mut cells = row.clone();
            cells.resize(width, String::new());
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(width)));
            }
        }
        Block::Table(lines.join("\n"))
    }

    /// An element's text as Markdown inline text: links, emphasis, code.
    fn inline(&self, element: ElementRef<'_>) -> String {
        self.inline_within(element, 0)
    }

    /// An element's text inside `marks` links and emphases: past [`MAX_MARKS`], inner ones
    /// keep their text only, so that the Markdown nests no deeper than a build accepts.
    fn inline_within(&self, element: ElementRef<'_>, marks: usize) -> String {
        let mut out = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => push_text(&mut out, text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    // Inline elements are never dropped by their class: a `popup` link is
                    // still words of the sentence.
                    if is_skipped(&child, false) {
                        continue;
                    }
                    let name = child.value().name();
                    let marked = matches!(name, "a" | "strong" | "b" | "em" | "i" | "cite");
                    let inner = self.inline_within(child, marks + usize::from(marked));
                    let trimmed = inner.trim();
                    if trimmed.is_empty() {
                        if child.value().name() == "br" {
                            out.push(' ');
                        }
                        continue;
                    }
                    if marked && marks >= MAX_MARKS {
                        out.push_str(&inner);
                        continue;
                    }
                    match name {
                        "a" => match self.link(child.value().attr("href")) {
                            Some(href) => out.push_str(&format!("[{trimmed}]({href})")),
                            None => out.push_str(&inner),
                        },
                        "strong" | "b" => out.push_str(&format!("**{trimmed}**")),
                        "em" | "i" | "cite" => out.push_str(&format!("*{trimmed}*")),
                        "code" => out.push_str(&format!("`{}`", trimmed.replace('\\', ""))),
                        "p" | "div" | "li" => {
                            if !out.is_empty() && !out.ends_with(' ') {
                                out.push(' ');
                            }
                            out.push_str(trimmed);
                        }
                        _ => out.push_str(&inner),
                    }
                }
                _ => {}
            }
        }
        collapse_spaces(&out)
    }

    /// A link's absolute address, when it is a web link.
    fn link(&self, href: Option<&str>) -> Option<String> {
        let href = href?.trim();
        let absolute = match &self.base {
            Some(base) => base.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        matches!(absolute.scheme(), "http" | "https")
            .then(|| absolute.to_string().replace(' ', "%20").replace(')', "%29"))
    }
}

/// Whether a table holds text in rows of cells, nothing nested (no table, list or heading in
/// a cell), so that it reads as a Markdown table.
fn is_simple_table(table: ElementRef<'_>) -> bool {
    static NESTED: LazyLock<Selector> = LazyLock::new(|| {
        selector("table table, td ul, td ol, td h1, td h2, td h3, td pre, td p + p, td div div")
    });
    let rows = table.select(&selector("tr")).count();
    (2..=200).contains(&rows) && table.select(&NESTED).next().is_none()
}

fn push_text(out: &mut String, text: &str) {
    let starts_with_space = text.starts_with(char::is_whitespace);
    let ends_with_space = text.ends_with(char::is_whitespace);
    let words = collapse(text);
    if starts_with_space && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    out.push_str(&escape_inline(&words));
    if ends_with_space && !words.is_empty() {
        out.push(' ');
    }
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 24): 20,000 nested tables took import past 150 s, as nested `<tr>`
    /// and `<li>` were counted as closing the outer ones and the page reached the parser
    /// whole. Counted as work, not time: the tree the parser builds from what `read` parses
    /// is never deeper than the limit, whatever the page, so parsing and walking it are linear.
    #[test]
    fn deeply_nested_tables_and_lists_reach_the_parser_flattened() {
        for (open, close) in [
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", "</li></ul>"),
            ("<ol><li><p>", "</p></li></ol>"),
            ("<dl><dt>t<dd>", "</dd></dl>"),
        ] {
            let page = format!(
                "<html><body>{}x{}</body></html>",
                open.repeat(20_000),
                close.repeat(20_000)
            );
            let flat = parseable(&page);
            let tree = Html::parse_document(&flat);
            let deepest = tree
                .tree
                .nodes()
                .map(|node| node.ancestors().count())
                .max()
                .unwrap_or(0);
            // The limit, plus the document, `<html>`, `<body>` and the `<tbody>`s the
            // parser adds inside tables.
            assert!(
                deepest <= crate::nesting::MAX_DEPTH * 4 / 3 + 3,
                "{open}: {deepest} levels"
            );
            assert!(deepest > 20, "{open}: {deepest} levels");
            let (_, blocks) = read(&page);
            assert!(blocks.iter().any(|b| b.text().contains('x')), "{open}");
        }
    }

    /// The fallback walk, where class rules apply (scoring's output carries no classes, so
    /// only this path shows them).
    #[test]
    fn without_scoring_class_rules_match_whole_words_and_hidden_elements_stay_out() {
        let page = Html::parse_document(
            r#"<body><div id="contentWithSidebar"><div class="shared-history">
            <p>Kept: the story's <a class="popup" href="https://e.org/s">own link</a> in a sentence.</p>
            <div class="share-buttons"><p>Share on X</p></div>
            <div class="read-more"><p>Read more stories</p></div>
            <div id="back_to_top"><p>Back up</p></div>
            <p style="display: none">Hidden survey</p><p style="VISIBILITY : hidden">Hidden too</p>
            <p hidden>Hidden notice</p><p aria-hidden="true">Hidden counter</p>
            <section class="comments"><p>A reader's comment</p></section>
            </div></div></body>"#,
        );
        let blocks = first_root(&page, None);
        let text: Vec<&str> = blocks.iter().map(Block::text).collect();
        assert_eq!(
            text,
            ["Kept: the story's [own link](https://e.org/s) in a sentence."]
        );
        for (names, chrome) in [
            ("shared-history", false),
            ("contentWithSidebar", false),
            ("header-adventure", false),
            ("share-buttons", true),
            ("post Related_Links", true),
            ("read-more", true),
            ("go-top", true),
        ] {
            assert_eq!(names_chrome(names), chrome, "{names}");
        }
    }

    /// Zyte's page b3c19dd5 took six teasers of "Você pode gostar..." (class
    /// `relatedpoststitle`) for the article: 0.33 F1.
    #[test]
    fn sections_headed_as_other_stories_go_before_scoring() {
        let teaser = "A teaser of another post, long enough to score as prose, \
                      with commas, clauses, and more words than a caption has …";
        let document = dom_query::Document::from(format!(
            r#"<body><main><article><h1>The story</h1><p>The story's text.</p>
            <div class="box"><header><h3>Related articles</h3></header>
              <ul><li><a href="/a">Another story</a></li></ul></div>
            <p>Leggi anche</p><p>The story goes on after an inline box.</p>
            <section><h2>Analysis</h2><p>A section of the story itself.</p></section>
            </article>
            <article class="postbox"><h3 class="relatedpoststitle">Você pode gostar...</h3>
              <article><p>{teaser}</p></article><article><p>{teaser}</p></article></article>
            <div><h2>関連記事</h2><p>{teaser}</p></div>
            </main></body>"#
        ));
        without_other_stories(&document);
        let left: Vec<String> = document
            .select("h1, h2, h3, p, li")
            .nodes()
            .iter()
            .map(|n| n.text().to_string())
            .collect();
        assert_eq!(
            left,
            [
                "The story",
                "The story's text.",
                "Leggi anche",
                "The story goes on after an inline box.",
                "Analysis",
                "A section of the story itself."
            ]
        );
        // A heading of related content that heads the article's own element, or the page's,
        // leaves it be.
        for page in [
            "<body><article><h2>Related</h2><h1>T</h1><p>Text.</p></article></body>",
            "<body><h2>Related</h2><p>Text.</p></body>",
        ] {
            let document = dom_query::Document::from(page);
            without_other_stories(&document);
            assert!(document.select("body").text().contains("Text."), "{page}");
        }
    }
}
