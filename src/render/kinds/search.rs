//! The search page (`search/`), which reads the search index in the browser. It is left out of
//! the sitemap: what it shows depends on the query.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::model::TaxonomyKind;
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::render::parts::parts;

parts! {
    /// The search page.
    pub struct SearchPage<'a> {
        /// The folder of the search index's files, from the server's root
        /// (`/repo/search/data/`).
        index_path: String,
        /// True: the page has its own search form, so the header's is left out (one search
        /// box on the page).
        own_search_form: bool,
        /// The person, tag and source with the most briefings (empty where there is none):
        /// what the filter boxes show as an example of what they take.
        person_example: String,
        tag_example: String,
        source_example: String,
        /// The briefings' languages, most briefings first, for the language filter: empty on
        /// a site of one language.
        languages: Vec<LanguageOption<'a>>,
    }
}

parts! {
    /// A language the filter offers.
    pub struct LanguageOption<'a> {
        /// Its tag (`ko`), the filter's value.
        tag: &'a str,
        /// Its own name (`한국어`).
        name: &'a str,
        /// How many briefings are in it.
        count: usize,
    }
}

/// The search page.
pub struct Search;

impl PageKind for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn template(&self) -> Option<&'static str> {
        Some("search.html")
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::SEARCH.to_string()
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, _at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        (
            Cow::Owned(format!("Search · {site}")),
            Cow::Owned(format!(
                "Search the briefings of {site} by words, people, tags, sources and year."
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        // The most used; of those, the first as the terms are sorted (A–Z).
        let example = |kind| {
            r.site
                .taxonomy(kind)
                .terms
                .iter()
                .min_by_key(|t| std::cmp::Reverse(t.briefings.len()))
                .map_or_else(String::new, |t| t.name.clone())
        };
        Body::of(SearchPage {
            index_path: format!("{}{}", r.config.base_path(), urls::SEARCH_DATA),
            own_search_form: true,
            person_example: example(TaxonomyKind::People),
            tag_example: example(TaxonomyKind::Tags),
            source_example: example(TaxonomyKind::Sources),
            languages: match r.site.languages() {
                languages if languages.len() > 1 => languages
                    .into_iter()
                    .map(|(tag, count)| LanguageOption {
                        tag,
                        name: crate::source::language::own_name(tag),
                        count,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
    }
}
