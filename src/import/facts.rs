//! The facts a saved page declares about itself: JSON-LD, Open Graph, article, Dublin Core
//! and other meta tags, `<time>` and dated elements, the canonical link and the author links.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::PageFacts;
use super::html::{class_and_id, collapse, name_words, selector};

/// The page's `<meta>` tags with content, read once, each with the names its `property`,
/// `name` and `itemprop` give it.
struct Metas<'p>(Vec<(MetaNames<'p>, &'p str)>);

/// A meta tag's `property`, `name` and `itemprop`.
type MetaNames<'p> = [Option<&'p str>; 3];

impl<'p> Metas<'p> {
    fn read(page: &'p Html) -> Metas<'p> {
        static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
        Metas(
            page.select(&META)
                .filter_map(|m| {
                    let e = m.value();
                    let content = e.attr("content")?.trim();
                    let names = [e.attr("property"), e.attr("name"), e.attr("itemprop")];
                    (!content.is_empty()).then_some((names, content))
                })
                .collect(),
        )
    }

    /// Every content whose names pass `named`, for each of `names` in turn, in page order.
    fn matching(
        &self,
        names: &[&str],
        named: impl Fn(&MetaNames<'_>, &str) -> bool,
    ) -> Vec<String> {
        names
            .iter()
            .flat_map(|name| self.0.iter().filter(|(tag, _)| named(tag, name)))
            .map(|(_, content)| content.to_string())
            .collect()
    }

    /// The first content given as the `property`, `name` or `itemprop` of the first of
    /// `names` that has one.
    fn first(&self, names: &[&str]) -> Option<String> {
        self.matching(names, |tag, name| tag.contains(&Some(name)))
            .into_iter()
            .next()
    }

    /// Every content given as the `property` or `name` of any of `names`.
    fn all(&self, names: &[&str]) -> Vec<String> {
        self.matching(names, |tag, name| tag[..2].contains(&Some(name)))
    }

    /// Every content given under any of `names`, in any case (`DC.date.issued`,
    /// `dc.date.issued`), as `property`, `name` or `itemprop`.
    fn any_case(&self, names: &[&str]) -> Vec<String> {
        self.matching(names, |tag, name| {
            tag.iter().flatten().any(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

pub(super) fn facts(page: &Html) -> PageFacts {
    let metas = Metas::read(page);
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

    let title = metas
        .first(&["og:title", "twitter:title"])
        .or_else(|| ld_text("headline"))
        .or_else(|| text_of("h1"))
        .or_else(|| text_of("title"));
    let (published, modified) = page_dates(page, &metas, &ld);
    let site_name = metas
        .first(&["og:site_name", "application-name"])
        .or_else(|| {
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
        .or_else(|| metas.first(&["og:url"]))
        .or_else(|| ld_text("url"));
    let mut authors: Vec<String> = metas
        .all(&["author", "article:author"])
        .into_iter()
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
    let mut keywords: Vec<String> = metas
        .all(&["keywords", "news_keywords"])
        .iter()
        .flat_map(|k| {
            k.split(',')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .chain(metas.all(&["article:tag"]))
        .filter(|k| !k.is_empty())
        .collect();
    if keywords.is_empty()
        && let Some(k) = ld_text("keywords")
    {
        keywords = k.split(',').map(|s| s.trim().to_string()).collect();
    }
    let section = metas
        .first(&["article:section"])
        .or_else(|| ld_text("articleSection"));
    // The headline is told by the names the page gives itself other than its `<h1>`s.
    let names: Vec<String> = [
        metas.first(&["og:title", "twitter:title"]),
        ld_text("headline"),
        text_of("title"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let under_headline = under_headline(page, &names);
    PageFacts {
        title,
        published,
        modified,
        under_headline,
        outside: Vec::new(),
        site_name,
        url,
        authors,
        keywords,
        section,
        from_html: true,
        language: page
            .root_element()
            .attr("lang")
            .map(str::to_string)
            .or_else(|| metas.first(&["og:locale"]))
            .map(|tag| tag.trim().replace('_', "-"))
            .filter(|tag| crate::source::language::is_tag(tag)),
    }
}

/// How many lines under the headline are looked at for its date.
const UNDER_HEADLINE: usize = 6;

/// The first [`UNDER_HEADLINE`] short texts after the page's headline, in the order read: the
/// date nearest the headline, as htmldate prefers it, over one further down the page. The
/// headline is the `<h1>` that one of the page's `names` for itself (Open Graph, JSON-LD,
/// `<title>`) names — a site's logo is often an `<h1>` too — else the first.
fn under_headline(page: &Html, names: &[String]) -> Vec<String> {
    let plain = |t: &str| collapse(t).to_lowercase();
    let names: Vec<String> = names
        .iter()
        .map(|n| plain(n))
        .filter(|n| !n.is_empty())
        .collect();
    let named = |h1: &scraper::ElementRef<'_>| {
        let text = plain(&h1.text().collect::<String>());
        !text.is_empty()
            && names
                .iter()
                .any(|n| n.contains(&text) || text.contains(n.as_str()))
    };
    let h1s = selector("h1");
    let mut headlines = page.select(&h1s);
    let Some(first) = headlines.next() else {
        return Vec::new();
    };
    let h1 = if named(&first) {
        first
    } else {
        headlines.find(|h| named(h)).unwrap_or(first)
    };
    page.tree
        .root()
        .descendants()
        .skip_while(|n| n.id() != h1.id())
        // Not the headline's own text, nor a script's.
        .filter(|n| {
            !n.ancestors().any(|a| {
                a.id() == h1.id()
                    || a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| collapse(t)))
        .filter(|t| !t.is_empty())
        .take(UNDER_HEADLINE)
        .collect()
}

/// Meta names and properties that give when an article was first published, most trusted
/// first (Open Graph and article, Dublin Core, schema.org, Parse.ly, Sailthru, citation,
/// and the common bare names).
#[rustfmt::skip]
const PUBLISHED_META: &[&str] = &[
    "article:published_time", "og:published_time", "og:article:published_time",
    "article.published", "datePublished", "dateCreated", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "dc:date",
    "parsely-pub-date", "sailthru.date", "citation_publication_date", "citation_date",
    "publication_date", "publish_date", "publish-date", "publishdate", "pubdate",
    "article:published", "date", "displaydate", "original-publish-date", "release_date",
];

/// Meta names that give when it was last changed: a last resort.
#[rustfmt::skip]
const MODIFIED_META: &[&str] = &[
    "article:modified_time", "og:updated_time", "dateModified", "dc.date.modified",
    "dcterms.modified", "last-modified", "lastmod",
];

/// The dates a page gives for its article, as written: publication dates, most trusted first
/// (JSON-LD, meta tags, `itemprop=datePublished`, `<time>` in the article, then anywhere),
/// and modification dates for when it gives no other.
fn page_dates(
    page: &Html,
    metas: &Metas<'_>,
    ld: &[serde_json::Value],
) -> (Vec<String>, Vec<String>) {
    let ld_dates = |key: &str| -> Vec<String> {
        ld.iter()
            .filter_map(|v| v.get(key)?.as_str())
            .map(str::to_string)
            .collect()
    };
    let attr_or_text = |css: &str| -> Vec<String> {
        page.select(&selector(css))
            .filter_map(|e| {
                e.value()
                    .attr("datetime")
                    .or(e.value().attr("content"))
                    .map(str::to_string)
                    .or_else(|| Some(collapse(&e.text().collect::<String>())))
            })
            .collect()
    };
    let mut published = ld_dates("datePublished");
    published.extend(metas.any_case(PUBLISHED_META));
    published.extend(ld_dates("dateCreated"));
    published.extend(attr_or_text(
        "[itemprop=datePublished], [itemprop=dateCreated], time[pubdate]",
    ));
    published.extend(attr_or_text(
        "article time[datetime], main time[datetime], time[datetime]",
    ));
    published.extend(dated_elements(page));
    let mut modified = ld_dates("dateModified");
    modified.extend(metas.any_case(MODIFIED_META));
    modified.extend(attr_or_text("[itemprop=dateModified]"));
    published.retain(|d| !d.is_empty());
    modified.retain(|d| !d.is_empty());
    (published, modified)
}

/// Words of a class or id that mark an element as the article's date.
const DATE_WORDS: &[&str] = &[
    "date",
    "dateline",
    "published",
    "pubdate",
    "publish",
    "posted",
    "timestamp",
    "time",
];

/// The text of the first few short elements whose class or id names a date by a whole word
/// (`<span class="article-date">12 June 2025</span>`, `<abbr class="published" title="…">`),
/// as htmldate reads a page without date metadata; comments' dates are not the article's.
fn dated_elements(page: &Html) -> Vec<String> {
    static DATED: LazyLock<Selector> = LazyLock::new(|| {
        selector(
            "[class*=date], [id*=date], [class*=publish], [class*=posted], [class*=time], [class*=dateline]",
        )
    });
    let named_date = |names: &str| {
        name_words(names).any(|words| words.iter().any(|w| DATE_WORDS.contains(&w.as_str())))
    };
    page.select(&DATED)
        .filter(|e| {
            class_and_id(e).any(named_date)
                && !e
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| class_and_id(&a).any(|n| n.to_ascii_lowercase().contains("comment")))
        })
        .flat_map(|e| {
            let text = collapse(&e.text().collect::<String>());
            [e.value().attr("title").map(str::to_string), Some(text)]
        })
        .flatten()
        .filter(|text| !text.is_empty() && text.split_whitespace().count() <= 12)
        .take(5)
        .collect()
}

/// The JSON-LD objects of the page (the article, its graph), as JSON.
fn json_ld(page: &Html) -> Vec<serde_json::Value> {
    let mut found = Vec::new();
    for script in page.select(&selector("script[type=\"application/ld+json\"]")) {
        let text: String = script.text().collect();
        // Some pages wrap it as `<![CDATA[ … ]]>`, `//<![CDATA[ … //]]>` or in comments: the
        // JSON is from the first bracket to the last.
        let text = text.replace("<![CDATA[", "").replace("]]>", "");
        let Some(start) = text.find(['{', '[']) else {
            continue;
        };
        let closer = if text[start..].starts_with('{') {
            '}'
        } else {
            ']'
        };
        let text = match text.rfind(closer) {
            Some(end) if start < end => &text[start..=end],
            _ => continue,
        };
        // Every whole value, up to the first that is not: some pages write two objects in one
        // script, or leave a stray bracket after it ("extra data", as a strict parse says).
        let mut stack: Vec<serde_json::Value> = serde_json::Deserializer::from_str(text)
            .into_iter::<serde_json::Value>()
            .map_while(Result::ok)
            .collect();
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
    // Articles first (`NewsArticle`, `BlogPosting`, `Report`), in the page's order.
    found.sort_by_key(|v| {
        let kind = v.get("@type").map(|t| t.to_string()).unwrap_or_default();
        !["Article", "Posting", "Report"]
            .iter()
            .any(|k| kind.contains(k))
    });
    found
}
