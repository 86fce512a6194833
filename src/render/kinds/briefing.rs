//! A briefing's page: its body, its neighbours in the chronology, the briefings related to
//! it and its place in each of its stories. Its title, description, paths and sitemap entry are made once, when the briefing is
//! prepared: `serve` looks at every page on every save.

use std::borrow::Cow;

use super::{At, PageKind};
use crate::render::Renderer;
use crate::render::pages::{Body, Full, SitemapItem};
use crate::render::parts::{Made, parts};
use crate::source::strings::fill;

parts! {
    /// A briefing's page.
    pub struct BriefingPage<'a> {
        /// The briefing.
        briefing: Full<'a>,
        /// The next newer briefing.
        newer: Option<&'a Made>,
        /// The next older briefing.
        older: Option<&'a Made>,
        /// Up to five briefings sharing the most people and tags with it, newest first.
        related: Vec<&'a Made>,
        /// Each story it belongs to, with its place in it and its neighbours there.
        stories: Vec<InStory<'a>>,
        /// Its translations (none, mostly), and itself among them when it has any: each
        /// language with its page, for "Also in" and `hreflang`.
        translations: Vec<Translation<'a>>,
    }
}

/// One language of a briefing that has translations.
#[derive(serde::Serialize, Hash)]
pub struct Translation<'a> {
    /// The language (BCP 47): `hreflang`'s.
    language: &'a str,
    /// The language's own name ("한국어").
    name: &'a str,
    /// Its page, from the server's root.
    url: &'a str,
    /// Its page's address in full, for `hreflang`.
    absolute_url: &'a str,
    /// Whether it is the page's own briefing.
    current: bool,
}

crate::render::parts::plain_parts!(Translation<'_>);

/// Briefing `i`'s related briefings as its page shows them: each in the page's language
/// where it has a translation in it (a Korean page lists the Korean version of a related
/// English briefing), each story in languages once.
fn related_in_its_language(r: &Renderer<'_>, i: usize) -> Vec<usize> {
    let related = &r.site.related[i];
    // A site without translations shows the list as the model has it.
    if r.translated_summaries.is_empty() {
        return related.clone();
    }
    let language = r.site.briefings[i].language.as_str();
    let mut shown: Vec<usize> = Vec::with_capacity(related.len());
    for &j in related {
        let version = if r.site.briefings[j].language == language {
            j
        } else {
            r.site.translations[j]
                .iter()
                .copied()
                .find(|&k| r.site.briefings[k].language == language)
                .unwrap_or(j)
        };
        if version != i && !r.site.translations[i].contains(&version) && !shown.contains(&version) {
            shown.push(version);
        }
    }
    shown
}

/// The translations of briefing `i`, itself first, or none.
pub(crate) fn translations<'r>(r: &'r Renderer<'_>, i: usize) -> Vec<Translation<'r>> {
    let others = &r.site.translations[i];
    if others.is_empty() {
        return Vec::new();
    }
    std::iter::once(i)
        .chain(others.iter().copied())
        .map(|j| {
            let language = r.site.briefings[j].language.as_str();
            Translation {
                language,
                name: crate::source::language::own_name(language),
                url: &r.prepared[j].current_path,
                absolute_url: &r.prepared[j].current_url,
                current: j == i,
            }
        })
        .collect()
}

parts! {
    /// A briefing's place in one of its stories: "Part of <story> — 4 of 12".
    pub struct InStory<'a> {
        /// The story, as a link names it (title, page, count).
        story: &'a Made,
        /// Its place in the story, from 1 (oldest first).
        position: usize,
        /// The briefing before it in the story (its summary: the template takes its title
        /// and page).
        previous: Option<&'a Made>,
        /// The briefing after it in the story.
        next: Option<&'a Made>,
        /// Whether this is the briefing's only story (its neighbours are then "in the story",
        /// not "in <title>").
        only: bool,
        /// Its place in words, the theme's `position_of` filled in ("4 of 12").
        place: String,
        /// What its neighbours' links are, the theme's `story_neighbours` filled in ("<title>:
        /// earlier and later in the story"). These two are filled here, not with `replace` in
        /// the template: most pages of a site of stories show them, and the filters cost 1 %
        /// of such a site's build.
        neighbours_label: String,
    }
}

/// A briefing's page.
pub struct Briefing;

impl PageKind for Briefing {
    fn name(&self) -> &'static str {
        "briefing"
    }

    fn template(&self) -> Option<&'static str> {
        Some("briefing.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend((0..r.site.briefings.len()).map(|i| At::of(0, i)));
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        r.site.briefings[at.item].path()
    }

    fn current<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let prepared = &r.prepared[at.item];
        (
            Cow::Borrowed(&prepared.current_path),
            Cow::Borrowed(&prepared.current_url),
        )
    }

    /// The title is made with the page, not kept for the whole build beside it (with a copy
    /// of the description, some 20 MB at 100,000 briefings); the description is the summary,
    /// else the title.
    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        let b = &r.site.briefings[at.item];
        let description = if b.summary.is_empty() {
            &b.title
        } else {
            &b.summary
        };
        (
            Cow::Owned(format!("{} · {}", b.title, r.config.title)),
            Cow::Borrowed(description),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let i = at.item;
        let stories = r
            .site
            .stories
            .of_briefing
            .get(i)
            .map_or(&[][..], Vec::as_slice);
        Body::of(BriefingPage {
            briefing: r.full(i),
            // `newer` and `older` are the neighbours in the chronology.
            newer: i.checked_sub(1).map(|j| r.summary(j)),
            older: (i + 1 < r.prepared.len()).then(|| r.summary(i + 1)),
            related: related_in_its_language(r, i)
                .into_iter()
                .map(|j| r.summary(j))
                .collect(),
            stories: stories
                .iter()
                .map(|&(s, at)| {
                    let t = &r.site.stories.timelines[s];
                    let language = r.site.briefings[i].language.as_str();
                    let word = |key| r.config.strings.word(language, key);
                    InStory {
                        story: r.story_link(s),
                        position: at + 1,
                        previous: at.checked_sub(1).map(|p| r.summary(t.briefings[p])),
                        next: t.briefings.get(at + 1).map(|&n| r.summary(n)),
                        only: stories.len() == 1,
                        place: fill(
                            word("position_of"),
                            &[
                                ("{position}", &(at + 1).to_string()),
                                ("{count}", &t.briefings.len().to_string()),
                            ],
                        ),
                        neighbours_label: fill(
                            word("story_neighbours"),
                            &[("{story}", &t.story.title)],
                        ),
                    }
                })
                .collect(),
            translations: translations(r, i),
        })
    }

    fn language<'r>(&self, r: &'r Renderer<'_>, at: At) -> &'r str {
        &r.site.briefings[at.item].language
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        let translations = translations(r, at.item);
        if translations.is_empty() {
            return Some(SitemapItem::Briefing(&r.prepared[at.item].sitemap));
        }
        // A page with translations names each language's page, itself too, as Google asks.
        Some(SitemapItem::Translated(
            crate::render::views::TranslatedEntry {
                url: r.prepared[at.item].current_url.clone(),
                lastmod: {
                    let b = &r.site.briefings[at.item];
                    Some(crate::source::dates::rfc3339(
                        b.updated.as_ref().unwrap_or(&b.date),
                    ))
                },
                alternates: translations
                    .iter()
                    .map(|t| (t.language.to_string(), t.absolute_url.to_string()))
                    .collect(),
            },
        ))
    }
}
