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
        /// The words `search.js` says things with, in the site's language, as JSON.
        words: String,
    }
}

/// The theme's words the search page's script uses.
const SCRIPT_WORDS: &[&str] = &[
    "story",
    "developing",
    "concluded",
    "with_people",
    "n_briefings",
    "no_such_filter",
    "filter_person",
    "filter_tag",
    "filter_source",
    "filter_story",
    "too_common",
    "type_words",
    "searching",
    "in_what",
    "found_for",
    "none_for",
    "search_failed",
];

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
            Cow::Owned(format!("{} · {site}", r.word("search"))),
            Cow::Owned(r.words("search_description", &[("{site}", site)])),
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
            words: serde_json::to_string(
                &SCRIPT_WORDS
                    .iter()
                    .map(|&key| (key, r.word(key)))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
            .unwrap_or_default(),
        })
    }
}
