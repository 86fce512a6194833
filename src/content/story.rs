//! Stories in the model: each story as its file says it ([`Story`]), and what the site works
//! out for it from the briefings that join it ([`Timeline`]): its briefings oldest first, its
//! years, the people and sources that appear most, the stories related to it — and, the other
//! way, which stories each briefing and each person belongs to ([`Stories`]).

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::briefing::{Briefing, MAX_SUMMARY_CHARS, TermSlugs};
use crate::content::model::{Taxonomy, TaxonomyKind};
use crate::source::markdown::RenderedBody;
use crate::source::stories::{Status, StoryFile, StoryFront};

/// How many people and sources a story's page names; how many related stories.
pub const STORY_PEOPLE: usize = 10;
/// How many related stories a story's page names.
pub const RELATED_STORIES: usize = 5;
/// How many stories a person's page names: those with the most briefings naming them (ten,
/// as a story's page names ten people: the list sits above the person's own briefings).
pub const PERSON_STORIES: usize = 10;

/// A story, as its file says it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Story {
    /// The file, relative to the site root (`stories/hanoi-summit.md`).
    pub file: PathBuf,
    /// Its slug, the file's name.
    pub slug: String,
    /// The title.
    pub title: String,
    /// The editor's summary; else the account's first paragraph, cut at a word.
    pub summary: String,
    /// Developing or concluded.
    pub status: Status,
    /// People the story is about, as written.
    pub people: Vec<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// An image for link previews, as written.
    pub image: Option<String>,
    /// The editor's account, as HTML.
    pub html: String,
    /// The slugs of its people and tags.
    pub slugs: TermSlugs,
}

impl Story {
    /// Makes a story from its file's checked front matter and rendered body.
    pub fn of(file: &StoryFile, front: StoryFront, body: RenderedBody) -> Story {
        Story {
            file: file.file.clone(),
            slug: file.name.clone(),
            slugs: TermSlugs::of(&front.people, &front.tags, ""),
            summary: crate::chars::cut_at_word(
                front.summary.as_deref().unwrap_or(&body.first_paragraph),
                MAX_SUMMARY_CHARS,
            )
            .into_owned(),
            title: front.title,
            status: front.status,
            people: front.people,
            tags: front.tags,
            image: front.image,
            html: body.html,
        }
    }

    /// The site path of its page (`stories/hanoi-summit/`).
    pub fn path(&self) -> String {
        crate::content::urls::story(&self.slug)
    }
}

/// One year of a story's briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryYear {
    /// The year, as the briefings' dates write it.
    pub year: i16,
    /// Where its briefings are in the story's list: from, and how many.
    pub first: usize,
    /// How many.
    pub count: usize,
}

/// A story with what the site works out for it.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The story.
    pub story: Arc<Story>,
    /// Its published briefings, by index into the site's, oldest first.
    pub briefings: Vec<usize>,
    /// The years of its briefings, oldest first (a year written with another offset is
    /// looked for, not only the last).
    pub years: Vec<StoryYear>,
    /// The people of its briefings that appear most, by index into the people taxonomy, with
    /// how many of its briefings name them: the story's own people first.
    pub people: Vec<(usize, usize)>,
    /// Its sources likewise, most used first.
    pub sources: Vec<(usize, usize)>,
    /// Stories sharing the most people and tags with it, by index into
    /// [`Stories::timelines`].
    pub related: Vec<usize>,
}

impl Timeline {
    /// Its newest briefing, if it has any.
    pub fn latest(&self) -> Option<usize> {
        self.briefings.last().copied()
    }

    /// Its oldest briefing, if it has any.
    pub fn first(&self) -> Option<usize> {
        self.briefings.first().copied()
    }
}

/// Every story of the site, and who belongs to which.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// The stories as the index lists them: developing ones first, by their newest briefing
    /// (newest first), then concluded ones likewise; stories without a briefing after the
    /// others of their status; ties by slug.
    pub timelines: Vec<Timeline>,
    /// For each briefing (by the site's index), the stories it belongs to, as written, with
    /// its place in each story's list (from 0).
    pub of_briefing: Vec<Vec<(usize, usize)>>,
    /// For each person (by index into the people taxonomy), the stories whose briefings name
    /// them (or that name them), with how many of the story's briefings name them: most first,
    /// then in index order.
    pub of_person: Vec<Vec<(usize, usize)>>,
    by_slug: FxHashMap<String, usize>,
}

impl Stories {
    /// Works out the stories of a site from their files and its briefings (newest first) and
    /// taxonomies. A briefing naming a story that does not exist is left out of it (the
    /// engine reports it).
    pub fn new(
        stories: &[Arc<Story>],
        briefings: &[Arc<Briefing>],
        taxonomies: &[Taxonomy],
    ) -> Stories {
        let slug_index: FxHashMap<&str, usize> = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug.as_str(), i))
            .collect();
        // Members, oldest first: the site's briefings are newest first.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); stories.len()];
        for (b, briefing) in briefings.iter().enumerate().rev() {
            for slug in &briefing.stories {
                if let Some(&s) = slug_index.get(slug.as_str()) {
                    members[s].push(b);
                }
            }
        }
        let term_index = |kind: TaxonomyKind| -> FxHashMap<&str, usize> {
            taxonomies
                .iter()
                .find(|t| t.kind == kind)
                .map(|t| {
                    t.terms
                        .iter()
                        .enumerate()
                        .map(|(i, term)| (term.slug.as_str(), i))
                        .collect()
                })
                .unwrap_or_default()
        };
        let people_index = term_index(TaxonomyKind::People);
        let tags_index = term_index(TaxonomyKind::Tags);
        let sources_index = term_index(TaxonomyKind::Sources);
        // Each story's timeline, what relates it to others, and the people its briefings name
        // (with the story's own, at 0 when none of them does) with how many.
        let worked: Vec<(Timeline, Terms, Counts)> = stories
            .par_iter()
            .zip(members)
            .map(|(story, members)| {
                let mut years: Vec<StoryYear> = Vec::new();
                let mut people: FxHashMap<usize, usize> = FxHashMap::default();
                let mut tags: FxHashMap<usize, usize> = FxHashMap::default();
                let mut sources: FxHashMap<usize, usize> = FxHashMap::default();
                for (at, &b) in members.iter().enumerate() {
                    let briefing = &briefings[b];
                    let year = briefing.date.year();
                    match years.iter_mut().find(|y| y.year == year) {
                        Some(y) => y.count += 1,
                        None => years.push(StoryYear {
                            year,
                            first: at,
                            count: 1,
                        }),
                    }
                    for slug in &briefing.slugs.people {
                        if let Some(&p) = people_index.get(slug.as_str()) {
                            *people.entry(p).or_default() += 1;
                        }
                    }
                    for slug in &briefing.slugs.tags {
                        if let Some(&t) = tags_index.get(slug.as_str()) {
                            *tags.entry(t).or_default() += 1;
                        }
                    }
                    if let Some(&s) = sources_index.get(briefing.slugs.source.as_str()) {
                        *sources.entry(s).or_default() += 1;
                    }
                }
                years.sort_by_key(|y| y.year);
                // The story's own people first, in its order; then the most named.
                let own: Vec<usize> = story
                    .slugs
                    .people
                    .iter()
                    .filter_map(|slug| people_index.get(slug.as_str()).copied())
                    .collect();
                let mut top_people: Vec<(usize, usize)> = own
                    .iter()
                    .map(|&p| (p, people.get(&p).copied().unwrap_or(0)))
                    .collect();
                top_people.extend(
                    most(&people, usize::MAX)
                        .into_iter()
                        .filter(|(p, _)| !own.contains(p)),
                );
                top_people.truncate(STORY_PEOPLE);
                // What relates stories: every person their briefings name, the story's own people,
                // its ten most used tags and its own tags — one bit each.
                let mut terms = Terms::new(people_index.len(), tags_index.len());
                people.keys().chain(&own).for_each(|&p| terms.set_person(p));
                most(&tags, STORY_PEOPLE)
                    .into_iter()
                    .map(|(t, _)| t)
                    .chain(
                        story
                            .slugs
                            .tags
                            .iter()
                            .filter_map(|slug| tags_index.get(slug.as_str()).copied()),
                    )
                    .for_each(|t| terms.set_tag(t));
                for &p in &own {
                    people.entry(p).or_default();
                }
                let timeline = Timeline {
                    story: Arc::clone(story),
                    briefings: members,
                    years,
                    people: top_people,
                    sources: most(&sources, STORY_PEOPLE),
                    related: Vec::new(),
                };
                (timeline, terms, people.into_iter().collect())
            })
            .collect();
        let mut timelines: Vec<Timeline> = Vec::with_capacity(worked.len());
        let mut terms_of: Vec<Terms> = Vec::with_capacity(worked.len());
        let mut named_of: Vec<Vec<(usize, usize)>> = Vec::with_capacity(worked.len());
        for (timeline, terms, named) in worked {
            timelines.push(timeline);
            terms_of.push(terms);
            named_of.push(named);
        }
        // Related: most shared people and tags, then the newest.
        let related: Vec<Vec<usize>> = (0..timelines.len())
            .into_par_iter()
            .map(|i| {
                let mut scored: Vec<(usize, usize)> = (0..timelines.len())
                    .filter(|&j| j != i)
                    .map(|j| (j, terms_of[i].shared(&terms_of[j])))
                    .filter(|&(_, n)| n > 0)
                    .collect();
                scored.sort_by_key(|&(j, n)| {
                    (
                        std::cmp::Reverse(n),
                        timelines[j].latest().unwrap_or(usize::MAX),
                        j,
                    )
                });
                scored
                    .into_iter()
                    .take(RELATED_STORIES)
                    .map(|(j, _)| j)
                    .collect()
            })
            .collect();
        for (timeline, related) in timelines.iter_mut().zip(related) {
            timeline.related = related;
        }
        // The index's order.
        let mut order: Vec<usize> = (0..timelines.len()).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (&timelines[a], &timelines[b]);
            (
                ta.story.status,
                ta.latest().is_none(),
                ta.latest(),
                &ta.story.slug,
            )
                .cmp(&(
                    tb.story.status,
                    tb.latest().is_none(),
                    tb.latest(),
                    &tb.story.slug,
                ))
        });
        let mut new_place = vec![0; order.len()];
        for (place, &old) in order.iter().enumerate() {
            new_place[old] = place;
        }
        let mut slots: Vec<Option<Timeline>> = timelines.into_iter().map(Some).collect();
        let mut timelines: Vec<Timeline> =
            order.iter().filter_map(|&old| slots[old].take()).collect();
        for timeline in &mut timelines {
            for r in &mut timeline.related {
                *r = new_place[*r];
            }
        }
        let by_slug: FxHashMap<String, usize> = timelines
            .iter()
            .enumerate()
            .map(|(i, t)| (t.story.slug.clone(), i))
            .collect();
        let mut of_briefing: Vec<Vec<(usize, usize)>> = vec![Vec::new(); briefings.len()];
        for (b, briefing) in briefings.iter().enumerate() {
            for slug in &briefing.stories {
                if let Some(&s) = by_slug.get(slug) {
                    // Its place: briefings are few per story, and kept oldest first.
                    let at = timelines[s]
                        .briefings
                        .iter()
                        .position(|&m| m == b)
                        .unwrap_or(0);
                    of_briefing[b].push((s, at));
                }
            }
        }
        let people_count = people_index.len();
        let mut of_person: Vec<Vec<(usize, usize)>> = vec![Vec::new(); people_count];
        for (old, named) in named_of.into_iter().enumerate() {
            for (p, count) in named {
                of_person[p].push((new_place[old], count));
            }
        }
        for stories in &mut of_person {
            stories.sort_unstable_by_key(|&(s, count)| (std::cmp::Reverse(count), s));
        }
        Stories {
            timelines,
            of_briefing,
            of_person,
            by_slug,
        }
    }

    /// Where the story of a slug is in [`Stories::timelines`].
    pub fn position(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Whether the site has any story.
    pub fn is_empty(&self) -> bool {
        self.timelines.is_empty()
    }
}

/// The `n` entries with the highest counts, most first; ties by index.
fn most(counts: &FxHashMap<usize, usize>, n: usize) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> = counts.iter().map(|(&k, &c)| (k, c)).collect();
    all.sort_unstable_by_key(|&(k, c)| (std::cmp::Reverse(c), k));
    all.truncate(n);
    all
}

/// Terms (by index into their taxonomy) with how many briefings name them.
type Counts = Vec<(usize, usize)>;

/// A set of people and tags (by index into their taxonomies) as bits, so that comparing every
/// pair of a site's stories costs a few words each, not a walk through two lists.
struct Terms {
    people: usize,
    bits: Vec<u64>,
}

impl Terms {
    fn new(people: usize, tags: usize) -> Terms {
        Terms {
            people,
            bits: vec![0; (people + tags).div_ceil(64)],
        }
    }

    fn set(&mut self, bit: usize) {
        if let Some(word) = self.bits.get_mut(bit / 64) {
            *word |= 1 << (bit % 64);
        }
    }

    fn set_person(&mut self, person: usize) {
        self.set(person);
    }

    fn set_tag(&mut self, tag: usize) {
        self.set(self.people + tag);
    }

    /// How many people and tags two sets share.
    fn shared(&self, other: &Terms) -> usize {
        self.bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Site;
    use crate::source::config::SiteConfig;

    fn config() -> SiteConfig {
        SiteConfig::parse("base_url = \"https://e.org/\"")
            .unwrap()
            .config
    }

    fn briefing(slug: &str, date: &str, people: &str, story: &str) -> Arc<Briefing> {
        let text = format!(
            "---\ntitle: {slug}\ndate: {date}\nsource: KBS\npeople: [{people}]\n{story}\n---\nBody.\n"
        );
        Arc::new(
            crate::content::briefing::parse_one(&format!("{slug}.md"), &text, &config()).unwrap(),
        )
    }

    fn story(slug: &str, status: Status, people: &[&str]) -> Arc<Story> {
        let people: Vec<String> = people.iter().map(|p| p.to_string()).collect();
        Arc::new(Story {
            file: PathBuf::from(format!("stories/{slug}.md")),
            slug: slug.to_string(),
            title: slug.to_uppercase(),
            summary: String::new(),
            status,
            slugs: TermSlugs::of(&people, &[], ""),
            people,
            tags: Vec::new(),
            image: None,
            html: String::new(),
        })
    }

    #[test]
    fn stories_know_their_briefings_oldest_first_and_the_index_order() {
        let site = Site::with_stories(
            vec![
                briefing("a", "2018-06-12", "Kim", "story: summits"),
                briefing("b", "2019-02-28", "Kim, Trump", "stories: [summits, talks]"),
                briefing("c", "2019-10-05", "Trump", "story: talks"),
                briefing("d", "2020-01-01", "Moon", "story: old"),
                briefing("e", "2017-01-01", "Moon", "story: nowhere"),
            ],
            vec![
                story("summits", Status::Developing, &["Moon"]),
                story("talks", Status::Developing, &[]),
                story("old", Status::Concluded, &[]),
                story("empty", Status::Developing, &[]),
            ],
        );
        let s = &site.stories;
        let order: Vec<&str> = s.timelines.iter().map(|t| t.story.slug.as_str()).collect();
        // Developing by latest briefing (talks: 2019-10; summits: 2019-02), the one without
        // briefings last among them; then concluded.
        assert_eq!(order, ["talks", "summits", "empty", "old"]);
        let summits = &s.timelines[s.position("summits").unwrap()];
        let slugs: Vec<&str> = summits
            .briefings
            .iter()
            .map(|&i| site.briefings[i].slug.as_str())
            .collect();
        assert_eq!(slugs, ["a", "b"], "oldest first");
        assert_eq!(
            summits
                .years
                .iter()
                .map(|y| (y.year, y.first, y.count))
                .collect::<Vec<_>>(),
            [(2018, 0, 1), (2019, 1, 1)]
        );
        // Its own person first (Moon, named by none of its briefings), then the most named.
        let people = &site.taxonomy(TaxonomyKind::People).terms;
        let named: Vec<&str> = summits
            .people
            .iter()
            .map(|&(p, _)| people[p].name.as_str())
            .collect();
        assert_eq!(named, ["Moon", "Kim", "Trump"]);
        // Related: talks shares Kim and Trump with it; old, Moon.
        assert_eq!(
            summits.related,
            [s.position("talks").unwrap(), s.position("old").unwrap()]
        );
        // b is 2 of 2 in summits and 1 of 2 in talks.
        let b = site.position("b.md").unwrap();
        assert_eq!(
            s.of_briefing[b],
            [
                (s.position("summits").unwrap(), 1),
                (s.position("talks").unwrap(), 0)
            ]
        );
        // A briefing naming an unknown story belongs to none.
        assert!(s.of_briefing[site.position("e.md").unwrap()].is_empty());
        // Each person's stories.
        let trump = people.iter().position(|t| t.name == "Trump").unwrap();
        assert_eq!(
            s.of_person[trump],
            [
                (s.position("talks").unwrap(), 2),
                (s.position("summits").unwrap(), 1)
            ]
        );
    }

    #[test]
    fn terms_count_what_two_stories_share_across_words_and_kinds() {
        let mut a = Terms::new(70, 3);
        let mut b = Terms::new(70, 3);
        for (terms, person, tag) in [(&mut a, 65, 2), (&mut b, 65, 2)] {
            terms.set_person(person);
            terms.set_tag(tag);
        }
        // A tag's bit is not a person's: tag 0 is not person 0.
        a.set_person(0);
        b.set_tag(0);
        assert_eq!(a.shared(&b), 2);
        assert_eq!(a.shared(&a), 3);
    }
}
