//! The site feed as JSON Feed 1.1 (`feed.json`), beside the Atom one: the same newest
//! `feed_limit` briefings with their full HTML, for readers and services that take JSON.
//! Its items are published briefings only, as the data files' (`Renderer::published`).

use serde::Serialize;

use super::{At, PageKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::source::dates::rfc3339;

/// The version URL every JSON Feed 1.1 document starts with.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    /// Its page's URL, which never changes.
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    /// The outlet's article.
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

/// `feed.json`.
pub struct JsonFeed;

impl PageKind for JsonFeed {
    fn name(&self) -> &'static str {
        "json-feed"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::JSON_FEED.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        let newest: Vec<usize> = r.published().take(r.config.feed_limit).collect();
        Body::Hashed {
            hash: r.hash_of_briefings(0, newest.iter().copied()),
            text: Box::new(move || text(r, &newest)),
        }
    }
}

/// The feed of briefings `newest`.
fn text(r: &Renderer<'_>, newest: &[usize]) -> String {
    let config = r.config;
    let items = newest
        .iter()
        .map(|&i| (&r.site.briefings[i], &r.prepared[i]))
        .map(|(b, prepared)| Item {
            id: &prepared.current_url,
            url: &prepared.current_url,
            title: &b.title,
            content_html: b.html.text().into_owned(),
            summary: &b.summary,
            date_published: rfc3339(&b.date),
            date_modified: b.updated.as_ref().map(rfc3339),
            external_url: b.source.url.as_deref(),
            tags: &b.tags,
        })
        .collect();
    let feed = Feed {
        version: VERSION,
        title: &config.title,
        home_page_url: &config.base_url,
        feed_url: config.url_for(urls::JSON_FEED),
        description: &config.description,
        language: &config.language,
        authors: [Author {
            name: &config.title,
            url: &config.base_url,
        }],
        items,
    };
    crate::chars::json_without_markup(serde_json::to_string(&feed).unwrap_or_default())
}
