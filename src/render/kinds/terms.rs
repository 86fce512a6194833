//! A taxonomy's index (`tags/`, `people/`, `sources/`): its terms A–Z, grouped by initial, and
//! those with the most briefings.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::model::Term;
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::parts;
use crate::render::views::{TaxonomyView, TermView};

/// How many terms a taxonomy's index lists by number of briefings, above its A–Z list.
pub const MOST_TERMS: usize = 20;

parts! {
    /// A taxonomy's index.
    pub struct TermsPage<'a> {
        /// The taxonomy.
        taxonomy: TaxonomyView,
        /// Its terms, A–Z (by slug).
        terms: Vec<TermView<'a>>,
        /// The same, grouped by initial, for jump links.
        letters: Vec<LetterGroup<'a>>,
        /// The terms with the most briefings, most first (ties A–Z): none when the taxonomy
        /// has no more terms than such a list would show.
        most: Vec<TermView<'a>>,
    }
}

parts! {
    /// The terms of a taxonomy's index that begin with one letter.
    pub struct LetterGroup<'a> {
        /// `A`, …, `Z`, or `#` for the terms that begin with a digit.
        letter: String,
        /// The anchor of its heading (`letter-a`, `letter-0`).
        id: String,
        /// Its terms, A–Z.
        terms: Vec<TermView<'a>>,
    }
}

/// A taxonomy's index; `At::group` is the taxonomy.
pub struct Terms;

impl PageKind for Terms {
    fn name(&self) -> &'static str {
        "terms"
    }

    fn template(&self) -> Option<&'static str> {
        Some("terms.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.taxonomies.len()).map(|t| At::of(t, 0)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::taxonomy(r.site.taxonomies[at.group].kind)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        let kind = r.site.taxonomies[at.group].kind;
        (
            Cow::Owned(format!("{} · {site}", r.word(kind.name()))),
            Cow::Owned(r.words(
                &format!("terms_description_{}", kind.name()),
                &[("{site}", site)],
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let taxonomy = &r.site.taxonomies[at.group];
        let (kind, terms) = (taxonomy.kind, &taxonomy.terms);
        let view = |t| TermView::of(kind, t, r.config);
        // A–Z by slug, or for a person by the `sort_as` of `data/people.yaml` ("Trump,
        // Donald"), so that an index can go by family name. Slugs are ASCII and lower case:
        // digits sort before letters, so `#` comes first, as in most indexes.
        let mut keyed: Vec<(Cow<'_, str>, &Term)> = terms
            .iter()
            .map(|t| {
                let key = match r.person(kind, t).and_then(|p| p.sort_as.as_deref()) {
                    Some(sort_as) => Cow::Owned(crate::source::slug::slugify(sort_as)),
                    None => Cow::Borrowed(t.slug.as_str()),
                };
                (key, t)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut letters: Vec<LetterGroup<'_>> = Vec::new();
        for (key, term) in &keyed {
            // `nguyen-phu-trong` is under N.
            let initial = key.chars().next().unwrap_or('#');
            let (letter, id) = if initial.is_ascii_alphabetic() {
                let upper = initial.to_ascii_uppercase();
                (upper.to_string(), format!("letter-{initial}"))
            } else {
                ("#".to_string(), "letter-0".to_string())
            };
            match letters.last_mut() {
                Some(group) if group.letter == letter => group.terms.push(view(term)),
                _ => letters.push(LetterGroup {
                    letter,
                    id,
                    terms: vec![view(term)],
                }),
            }
        }
        let mut most: Vec<&Term> = Vec::new();
        if terms.len() > MOST_TERMS {
            most = terms.iter().collect();
            // Stable: ties stay A–Z.
            most.sort_by_key(|t| std::cmp::Reverse(t.briefings.len()));
            most.truncate(MOST_TERMS);
        }
        Body::of(TermsPage {
            taxonomy: TaxonomyView::of(kind, r.config),
            terms: keyed.iter().map(|(_, t)| view(t)).collect(),
            letters,
            most: most.into_iter().map(view).collect(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        Some(r.sitemap_page(self.site_path(r, at), None))
    }
}
