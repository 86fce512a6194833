//! Reads a saved HTML page with a real HTML parser (scraper, on html5ever): the facts the page
//! declares about itself (Open Graph and article meta tags, JSON-LD, `<time datetime>`,
//! the canonical link), and the article's text as blocks, leaving out navigation, headers,
//! footers, asides, figures, forms, scripts and elements whose class or id says they are
//! sharing buttons, related stories, cookie notices or advertising.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Block, PageFacts, escape_inline, guard_block_start};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad built-in selector {css}: {e:?}"))
}

/// Elements that are never the article's text.
#[rustfmt::skip]
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
    "figure", "figcaption", "iframe", "svg", "template", "select", "dialog", "input", "video",
    "audio", "picture", "img", "canvas", "object", "embed", "head", "title",
];

static CHROME_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(share|social|related|newsletter|cookie|consent|promo|advert|\bads?\b|ad-slot|subscribe|comment|breadcrumb|byline|toolbar|popup|modal|banner|sidebar|recommend|more-stories|read-more|caption|credit|gotop|go-top|back-to-top|menu|actions)",
    )
    .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

/// The page's facts and its article's blocks.
pub fn read(input: &str) -> (PageFacts, Vec<Block>) {
    // Flattened first: the parser's time grows with the square of the depth, and the walk
    // below recurses once per level.
    let flat = crate::nesting::flatten(input, crate::nesting::MAX_DEPTH);
    let page = Html::parse_document(&flat);
    let facts = facts(&page);
    let root = [
        "[itemprop=articleBody]",
        "article",
        "main",
        "[role=main]",
        "body",
    ]
    .iter()
    .find_map(|css| page.select(&selector(css)).next());
    let mut blocks = Vec::new();
    if let Some(root) = root {
        let mut walker = Walker {
            base: facts.url.as_deref().and_then(|u| url::Url::parse(u).ok()),
            blocks: &mut blocks,
            run: String::new(),
        };
        walker.container(root);
        walker.flush();
    }
    (facts, blocks)
}

fn facts(page: &Html) -> PageFacts {
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            let css = format!(
                "meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]"
            );
            page.select(&selector(&css))
                .filter_map(|m| m.value().attr("content"))
                .map(|c| c.trim().to_string())
                .find(|c| !c.is_empty())
        })
    };
    let metas = |name: &str| -> Vec<String> {
        let css = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
        page.select(&selector(&css))
            .filter_map(|m| m.value().attr("content"))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    let text_of = |css: &str| -> Option<String> {
        page.select(&selector(css))
            .map(|e| collapse(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let ld = json_ld(page);
    let ld_text = |key: &str| -> Option<String> {
        ld.iter().find_map(|v| match v.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(o) => o
                .get("name")
                .or(o.get("@id"))
                .and_then(|n| n.as_str())
                .map(str::to_string),
            serde_json::Value::Array(a) => a.first().and_then(|x| x.as_str()).map(str::to_string),
            _ => None,
        })
    };

    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_text("headline"))
        .or_else(|| text_of("h1"))
        .or_else(|| text_of("title"));
    let published = meta(&[
        "article:published_time",
        "datePublished",
        "date",
        "pubdate",
        "publishdate",
        "parsely-pub-date",
        "dc.date",
    ])
    .or_else(|| ld_text("datePublished"))
    .or_else(|| {
        page.select(&selector(
            "time[itemprop=datePublished][datetime], time[datetime]",
        ))
        .filter_map(|t| t.value().attr("datetime"))
        .map(str::to_string)
        .next()
    });
    let site_name = meta(&["og:site_name", "application-name"]).or_else(|| {
        ld.iter().find_map(|v| {
            v.get("publisher")?
                .get("name")?
                .as_str()
                .map(str::to_string)
        })
    });
    let url = page
        .select(&selector("link[rel=canonical]"))
        .filter_map(|l| l.value().attr("href"))
        .map(str::to_string)
        .next()
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld_text("url"));
    let mut authors: Vec<String> = metas("author")
        .into_iter()
        .chain(metas("article:author"))
        .filter(|a| !a.starts_with("http"))
        .collect();
    authors.extend(ld.iter().flat_map(|v| {
        match v.get("author") {
            Some(serde_json::Value::Array(list)) => list
                .iter()
                .filter_map(|a| a.get("name").and_then(|n| n.as_str()).map(str::to_string))
                .collect(),
            Some(serde_json::Value::Object(o)) => o
                .get("name")
                .and_then(|n| n.as_str())
                .map(str::to_string)
                .into_iter()
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }));
    authors.extend(
        page.select(&selector("[rel=author], [itemprop=author] [itemprop=name]"))
            .map(|e| collapse(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty()),
    );
    let mut keywords: Vec<String> = metas("keywords")
        .iter()
        .chain(metas("news_keywords").iter())
        .flat_map(|k| {
            k.split(',')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .chain(metas("article:tag"))
        .filter(|k| !k.is_empty())
        .collect();
    if keywords.is_empty()
        && let Some(k) = ld_text("keywords")
    {
        keywords = k.split(',').map(|s| s.trim().to_string()).collect();
    }
    let section = meta(&["article:section"]).or_else(|| ld_text("articleSection"));
    PageFacts {
        title,
        published,
        site_name,
        url,
        authors,
        keywords,
        section,
    }
}

/// The JSON-LD objects of the page (the article, its graph), as JSON.
fn json_ld(page: &Html) -> Vec<serde_json::Value> {
    let mut found = Vec::new();
    for script in page.select(&selector("script[type=\"application/ld+json\"]")) {
        let Ok(value) =
            serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>())
        else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    found.push(serde_json::Value::Object(o));
                }
                _ => {}
            }
        }
    }
    // Articles first.
    found.sort_by_key(|v| {
        let kind = v.get("@type").map(|t| t.to_string()).unwrap_or_default();
        !kind.contains("Article")
    });
    found
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_skipped(element: &ElementRef<'_>) -> bool {
    let e = element.value();
    if SKIPPED_TAGS.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") || e.attr("role") == Some("navigation") {
        return true;
    }
    let names = format!(
        "{} {}",
        e.attr("class").unwrap_or_default(),
        e.attr("id").unwrap_or_default()
    );
    CHROME_CLASS.is_match(&names)
}

/// How many links and emphases an imported passage nests at most.
const MAX_MARKS: usize = 8;

/// Walks the article's elements, turning them into blocks.
struct Walker<'b> {
    base: Option<url::Url>,
    blocks: &'b mut Vec<Block>,
    /// Inline text met outside a paragraph, until the next block.
    run: String,
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
                    if is_skipped(&child) {
                        continue;
                    }
                    match child.value().name() {
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
                    if is_skipped(&child) {
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
