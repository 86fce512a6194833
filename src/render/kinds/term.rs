//! A page of one term's list (`tags/summits/`, `people/kim-jong-un/page/2/`): its briefings
//! under their years and, on its first page, its timeline, the terms it shares briefings with
//! and, for a person, their facts.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::content::model::{TaxonomyKind, Term as ModelTerm, TermYear};
use crate::content::story::PERSON_STORIES;
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::render::views::{Paginator, TaxonomyView, TermView};
use crate::render::{Renderer, count_of_briefings, numbered, on_page, pages};

parts! {
    /// A page of one term's list.
    pub struct TermPage<'a> {
        /// The taxonomy.
        taxonomy: TaxonomyView,
        /// The term.
        term: TermView<'a>,
        /// Where the page is in the term's list.
        paginator: Paginator,
        /// Its briefings.
        briefings: Vec<&'a Made>,
        /// The same, under the year written in their dates.
        by_year: Vec<YearGroup<'a>>,
        /// Every year of the term's briefings, newest first, linking to where its list
        /// reaches the year: a timeline across the pages.
        years: Vec<TermYearLink>,
        /// For each taxonomy, the terms that share the most briefings with this one (empty
        /// groups left out).
        companions: Vec<CompanionGroup<'a>>,
        /// On a person's page, their facts from `data/people.yaml`, if any.
        person: Option<PersonView>,
        /// On a person's first page, the stories they appear in most, as links name them (at most
        /// [`PERSON_STORIES`]).
        stories: Vec<&'a Made>,
        /// How many stories they appear in, all told.
        stories_total: usize,
    }
}

parts! {
    /// A person's curated facts.
    pub struct PersonView {
        /// What they are.
        role: Option<String>,
        /// A sentence or two about them.
        note: Option<String>,
        /// Other spellings of their name.
        aliases: Vec<String>,
    }
}

parts! {
    /// Briefings of one page of a list that are dated in one year.
    pub struct YearGroup<'a> {
        /// The year.
        year: i16,
        /// The briefings, newest first.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// A year of a term's timeline.
    pub struct TermYearLink {
        /// The year.
        year: i16,
        /// How many of the term's briefings are dated in it.
        count: usize,
        /// The page of the term's list where the year begins, at the year's heading.
        url: String,
    }
}

parts! {
    /// Terms of one taxonomy that share briefings with a term.
    pub struct CompanionGroup<'a> {
        /// What the group is, as a heading: `Appears with`, `Related tags`, `Sources`.
        title: String,
        /// Their taxonomy.
        taxonomy: TaxonomyView,
        /// The terms, most shared first.
        terms: Vec<Companion<'a>>,
    }
}

parts! {
    /// A term that shares briefings with another.
    pub struct Companion<'a> {
        /// The term.
        term: TermView<'a>,
        /// How many briefings the two share.
        shared: usize,
    }
}

/// A page of a term's list: `At::group` is the taxonomy, `item` the term, `page` the page.
pub struct Term;

impl Term {
    fn of<'r>(r: &'r Renderer<'_>, at: At) -> (TaxonomyKind, &'r ModelTerm) {
        let taxonomy = &r.site.taxonomies[at.group];
        (taxonomy.kind, &taxonomy.terms[at.item])
    }
}

impl PageKind for Term {
    fn name(&self) -> &'static str {
        "term"
    }

    fn template(&self) -> Option<&'static str> {
        Some("term.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        for (group, taxonomy) in r.site.taxonomies.iter().enumerate() {
            for (item, term) in taxonomy.terms.iter().enumerate() {
                out.extend(
                    (1..=pages(
                        r.one_per_story(&term.briefings).len(),
                        r.config.paginate_terms_by,
                    ))
                        .map(|page| At { group, item, page }),
                );
            }
        }
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        let (kind, term) = Term::of(r, at);
        urls::page(&urls::term(kind, &term.slug), at.page)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let site = &r.config.title;
        let (kind, t) = Term::of(r, at);
        let about = match r.person(kind, t).and_then(|p| p.role.as_ref()) {
            Some(role) => format!("{}, {role}: ", t.name),
            None => String::new(),
        };
        (
            Cow::Owned(format!(
                "{} · {} · {site}",
                numbered(r, &t.name, at.page),
                r.word(kind.name())
            )),
            Cow::Owned(format!(
                "{about}{}",
                r.words(
                    &format!("term_description_{}", kind.name()),
                    &[
                        ("{briefings}", &count_of_briefings(r, t.briefings.len())),
                        ("{name}", &t.name)
                    ]
                )
            )),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let (kind, t) = Term::of(r, at);
        let page = at.page;
        let dir = urls::term(kind, &t.slug);
        let per_page = r.config.paginate_terms_by;
        let listed = r.one_per_story(&t.briefings);
        let (paginator, briefings) = r.page_of(&dir, &listed, page, per_page);
        let person_stories: &[(usize, usize)] = match kind {
            TaxonomyKind::People => r
                .site
                .stories
                .of_person
                .get(at.item)
                .map_or(&[], Vec::as_slice),
            _ => &[],
        };
        Body::of(TermPage {
            taxonomy: TaxonomyView::of(kind, r.config),
            term: TermView::of(kind, t, r.config),
            paginator,
            briefings,
            by_year: r
                .grouped(on_page(&listed, page, per_page), |b| b.date.year())
                .into_iter()
                .map(|(year, briefings)| YearGroup { year, briefings })
                .collect(),
            // The timeline and the companions are on a term's first page alone: made for its
            // other pages too, they cost a tenth of the render.
            years: t
                .years
                .iter()
                .filter(|_| page == 1)
                .map(|y| TermYearLink {
                    year: y.year,
                    count: y.count,
                    url: format!(
                        "{}#y{}",
                        r.config.link_for(&urls::page(
                            &dir,
                            first_of_year(r, &t.briefings, &listed, y) / per_page + 1
                        )),
                        y.year
                    ),
                })
                .collect(),
            companions: if page == 1 {
                companions(r, kind, t)
            } else {
                Vec::new()
            },
            person: r.person(kind, t).map(|p| PersonView {
                role: p.role.clone(),
                note: p.note.clone(),
                aliases: p.aliases.clone(),
            }),
            stories: match (kind, page) {
                (TaxonomyKind::People, 1) => person_stories
                    .iter()
                    .take(PERSON_STORIES)
                    .map(|&(s, _)| r.story_link(s))
                    .collect(),
                _ => Vec::new(),
            },
            stories_total: person_stories.len(),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        (at.page == 1).then(|| r.sitemap_page(self.site_path(r, at), None))
    }
}

/// Where a year's first briefing is in a term's list as its pages show it: where the model
/// says, unless briefings gave way to their translations (then counted again).
fn first_of_year(r: &Renderer<'_>, all: &[usize], listed: &[usize], year: &TermYear) -> usize {
    if listed.len() == all.len() {
        return year.first;
    }
    listed
        .iter()
        .position(|&i| r.site.briefings[i].date.year() == year.year)
        .unwrap_or(0)
}

/// The terms of each taxonomy that share the most briefings with a term, its own taxonomy's
/// first (on a person's page, who they appear with).
fn companions<'r>(
    r: &'r Renderer<'_>,
    kind: TaxonomyKind,
    term: &'r ModelTerm,
) -> Vec<CompanionGroup<'r>> {
    let mut groups: Vec<(&TaxonomyKind, &Vec<(usize, usize)>)> =
        TaxonomyKind::ALL.iter().zip(&term.companions).collect();
    groups.sort_by_key(|(other, _)| **other != kind);
    groups
        .into_iter()
        .filter(|(_, found)| !found.is_empty())
        .map(|(&other, found)| {
            let terms = &r.site.taxonomy(other).terms;
            CompanionGroup {
                title: r
                    .word(if other != kind {
                        other.name()
                    } else if kind == TaxonomyKind::People {
                        "appears_with"
                    } else if kind == TaxonomyKind::Tags {
                        "related_tags"
                    } else {
                        "related_sources"
                    })
                    .to_string(),
                taxonomy: TaxonomyView::of(other, r.config),
                terms: found
                    .iter()
                    .map(|&(o, shared)| Companion {
                        term: TermView::of(other, &terms[o], r.config),
                        shared,
                    })
                    .collect(),
            }
        })
        .collect()
}
