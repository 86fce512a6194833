//! The model stage: the site as plain data — briefings newest first, the three taxonomies
//! (tags, people, sources) and the chronology — built from parsed briefings and passed to
//! rendering. Nothing here knows about templates or files.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use crate::content::briefing::{Briefing, MAX_SUMMARY_CHARS, TermSlugs};
use crate::content::digest::Note;
use crate::content::story::{Stories, Story};

/// The three ways briefings are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaxonomyKind {
    /// Subjects.
    Tags,
    /// People named.
    People,
    /// Outlets.
    Sources,
}

impl TaxonomyKind {
    /// All kinds, in the order pages list them.
    pub const ALL: [TaxonomyKind; 3] = [
        TaxonomyKind::Tags,
        TaxonomyKind::People,
        TaxonomyKind::Sources,
    ];

    /// The URL segment and template name (`tags`).
    pub fn name(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::People => "people",
            TaxonomyKind::Sources => "sources",
        }
    }

    /// One of its terms, in words (`Tag`).
    pub fn singular(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "Tag",
            TaxonomyKind::People => "Person",
            TaxonomyKind::Sources => "Source",
        }
    }

    /// The names a briefing has in this taxonomy, each with its slug.
    pub fn terms_of(self, briefing: &Briefing) -> Vec<(&str, &str)> {
        fn pairs<'a>(names: &'a [String], slugs: &'a [String]) -> Vec<(&'a str, &'a str)> {
            names
                .iter()
                .zip(slugs)
                .map(|(n, s)| (n.as_str(), s.as_str()))
                .collect()
        }
        match self {
            TaxonomyKind::Tags => pairs(&briefing.tags, &briefing.slugs.tags),
            TaxonomyKind::People => pairs(&briefing.people, &briefing.slugs.people),
            TaxonomyKind::Sources => vec![(
                briefing.source.name.as_str(),
                briefing.slugs.source.as_str(),
            )],
        }
    }

    /// The site path of a term's page (`tags/nuclear-policy/`).
    pub fn term_path(self, slug: &str) -> String {
        crate::content::urls::term(self, slug)
    }
}

/// One tag, person or source, and its briefings.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name as written (the most used spelling, when briefings differ).
    pub name: String,
    /// The slug.
    pub slug: String,
    /// Indexes into [`Site::briefings`], newest first.
    pub briefings: Vec<usize>,
    /// The years of its briefings (as their dates are written), newest first.
    pub years: Vec<TermYear>,
    /// The terms that share the most briefings with it, in [`TaxonomyKind::ALL`] order: for
    /// each taxonomy, up to [`COMPANIONS`] of its terms (by index) with how many briefings
    /// they share, most first, ties A–Z. Itself is never among them.
    pub companions: [Vec<(usize, usize)>; 3],
}

/// One year of a term's briefings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermYear {
    /// The year.
    pub year: i16,
    /// How many of the term's briefings are dated in it.
    pub count: usize,
    /// Where the first (newest) of them is in the term's list, from 0.
    pub first: usize,
}

/// How many terms of each taxonomy a term's page names as sharing its briefings.
pub const COMPANIONS: usize = 10;

/// All terms of one kind, sorted by slug.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Which taxonomy.
    pub kind: TaxonomyKind,
    /// Its terms.
    pub terms: Vec<Term>,
}

/// The briefings of one month.
#[derive(Debug, Clone)]
pub struct Month {
    /// 1 to 12.
    pub month: i8,
    /// Indexes into [`Site::briefings`], newest first.
    pub briefings: Vec<usize>,
}

/// The briefings of one year, by month, newest first.
#[derive(Debug, Clone)]
pub struct Year {
    /// The year.
    pub year: i16,
    /// Its months, newest first.
    pub months: Vec<Month>,
}

impl Year {
    /// How many briefings the year has.
    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.briefings.len()).sum()
    }
}

/// Every briefing by year and month, newest first. Dates count as written (in their offset).
#[derive(Debug, Clone, Default)]
pub struct Chronology {
    /// The years, newest first.
    pub years: Vec<Year>,
}

/// The whole site as data.
#[derive(Debug, Clone)]
pub struct Site {
    /// Briefings, newest first (ties by slug). Shared, so that a rebuild in `serve` reuses
    /// the ones that did not change.
    pub briefings: Vec<Arc<Briefing>>,
    /// Tags, people and sources, in [`TaxonomyKind::ALL`] order.
    pub taxonomies: Vec<Taxonomy>,
    /// The chronology.
    pub chronology: Chronology,
    /// For each briefing (same index), up to [`RELATED`] others that share people or tags
    /// with it, its own translations left out: most shared first, then the newest.
    pub related: Vec<Vec<usize>>,
    /// For each briefing (same index), its translations: the other briefings linked to it by
    /// `translation_of`, either way and through each other, oldest first.
    pub translations: Vec<Vec<usize>>,
    /// The stories, with what is worked out from their briefings.
    pub stories: Stories,
    /// The stories as their files say them, in the order they were given.
    story_files: Vec<Arc<Story>>,
    /// The editors' notes on digests, by period.
    digest_notes: Vec<Arc<Note>>,
    /// Where each briefing is in `briefings`, by path under `content/`.
    positions: rustc_hash::FxHashMap<String, usize>,
}

/// A change to the model.
pub enum Edit {
    /// Adds a briefing, or replaces the one with the same path under `content/`.
    Put(Arc<Briefing>),
    /// Removes the briefing with this path under `content/`.
    Remove(String),
}

/// Where an edit left the briefings.
#[derive(Debug, PartialEq, Eq)]
pub enum Placement {
    /// Every briefing kept its place: these positions hold new values.
    InPlace(Vec<usize>),
    /// Briefings came, went or moved: every index was built again.
    Reindexed,
}

impl Site {
    /// Builds the model from briefings in any order, without stories.
    pub fn new(briefings: Vec<Arc<Briefing>>) -> Site {
        Site::with_stories(briefings, Vec::new())
    }

    /// Builds the model from briefings in any order, and the site's stories.
    pub fn with_stories(mut briefings: Vec<Arc<Briefing>>, stories: Vec<Arc<Story>>) -> Site {
        // Newest first; among equals, by slug. The instants are worked out once.
        let mut keyed: Vec<(jiff::Timestamp, Arc<Briefing>)> = briefings
            .drain(..)
            .map(|b| (b.date.timestamp(), b))
            .collect();
        keyed.sort_unstable_by(|(ta, a), (tb, b)| tb.cmp(ta).then_with(|| a.slug.cmp(&b.slug)));
        briefings.extend(keyed.into_iter().map(|(_, b)| b));
        let (mut taxonomies, chronology): (Vec<Taxonomy>, Chronology) = rayon::join(
            || {
                TaxonomyKind::ALL
                    .par_iter()
                    .map(|&kind| taxonomy(kind, &briefings))
                    .collect()
            },
            || chronology(&briefings),
        );
        let positions = briefings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.content_path.clone(), i))
            .collect();
        let translations = translations(&briefings, &positions);
        let related = related(&briefings, &taxonomies, &translations);
        companions(&briefings, &mut taxonomies);
        Site {
            stories: Stories::new(&stories, &briefings, &taxonomies),
            story_files: stories,
            digest_notes: Vec::new(),
            briefings,
            taxonomies,
            chronology,
            related,
            translations,
            positions,
        }
    }

    /// The stories as their files say them.
    pub fn story_files(&self) -> &[Arc<Story>] {
        &self.story_files
    }

    /// Takes new story files: what is worked out from them is made again (the briefings'
    /// indexes stay as they are).
    pub fn set_stories(&mut self, stories: Vec<Arc<Story>>) {
        self.stories = Stories::new(&stories, &self.briefings, &self.taxonomies);
        self.story_files = stories;
    }

    /// The languages of the briefings, each with its number of briefings: most first, ties by
    /// tag. What the search's language filter offers (when there are two or more).
    pub fn languages(&self) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for b in &self.briefings {
            match counts.iter_mut().find(|(tag, _)| *tag == b.language) {
                Some((_, n)) => *n += 1,
                None => counts.push((&b.language, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        counts
    }

    /// The editors' notes on digests, in the order they were given.
    pub fn digest_notes(&self) -> &[Arc<Note>] {
        &self.digest_notes
    }

    /// Takes new notes on digests.
    pub fn set_digest_notes(&mut self, notes: Vec<Arc<Note>>) {
        self.digest_notes = notes;
    }

    /// Where the briefing from this path under `content/` is in [`Site::briefings`].
    pub fn position(&self, content_path: &str) -> Option<usize> {
        self.positions.get(content_path).copied()
    }

    /// Adds, replaces and removes briefings, keeping every index valid: a briefing replaced by
    /// one with the same date, slug, terms and draft status keeps its place (the usual edit,
    /// and cheap); anything else builds the indexes again.
    pub fn apply(&mut self, edits: Vec<Edit>) -> Placement {
        let in_place: Option<Vec<usize>> = edits
            .iter()
            .map(|edit| match edit {
                Edit::Put(new) => self
                    .position(&new.content_path)
                    .filter(|&i| same_place(&self.briefings[i], new)),
                Edit::Remove(_) => None,
            })
            .collect();
        if let Some(positions) = in_place {
            for (edit, &i) in edits.into_iter().zip(&positions) {
                if let Edit::Put(new) = edit {
                    self.briefings[i] = new;
                }
            }
            return Placement::InPlace(positions);
        }
        let mut by_path: rustc_hash::FxHashMap<String, Arc<Briefing>> = self
            .briefings
            .drain(..)
            .map(|b| (b.content_path.clone(), b))
            .collect();
        for edit in edits {
            match edit {
                Edit::Put(new) => {
                    by_path.insert(new.content_path.clone(), new);
                }
                Edit::Remove(path) => {
                    by_path.remove(&path);
                }
            }
        }
        let stories = std::mem::take(&mut self.story_files);
        let notes = std::mem::take(&mut self.digest_notes);
        *self = Site::with_stories(by_path.into_values().collect(), stories);
        self.digest_notes = notes;
        Placement::Reindexed
    }

    /// The taxonomy of a kind.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        &self.taxonomies[TaxonomyKind::ALL
            .iter()
            .position(|&k| k == kind)
            .unwrap_or(0)]
    }
}

/// How many related briefings a briefing gets.
pub const RELATED: usize = 5;

/// How far from a briefing, in each of its people's and tags' lists, related briefings are
/// looked for: in a tag of 30,000 briefings the nearest in time are the ones worth showing,
/// and looking at every member would make the build quadratic.
const RELATED_WINDOW: usize = 12;

/// Each briefing's related briefings. Candidates are the briefings within [`RELATED_WINDOW`]
/// places of it in the list of each of its people and tags — the nearest in time that share
/// something with it — ranked by how many of those lists they share with it, then newest
/// first. Counting is linear in the candidates: no sort, no set intersection per pair.
fn related(
    briefings: &[Arc<Briefing>],
    taxonomies: &[Taxonomy],
    translations: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    // The lists of people and tags each briefing is in.
    let mut lists: Vec<Vec<&[usize]>> = vec![Vec::new(); briefings.len()];
    for taxonomy in taxonomies {
        if taxonomy.kind == TaxonomyKind::Sources {
            continue;
        }
        for term in &taxonomy.terms {
            for &b in &term.briefings {
                lists[b].push(&term.briefings);
            }
        }
    }
    /// Counts per candidate, reused from briefing to briefing: `seen[c]` is the last briefing
    /// that counted `c`, so nothing is cleared between briefings.
    struct Scratch {
        seen: Vec<usize>,
        count: Vec<u32>,
        touched: Vec<usize>,
    }
    let scratch = || Scratch {
        seen: vec![usize::MAX; briefings.len()],
        count: vec![0; briefings.len()],
        touched: Vec::new(),
    };
    lists
        .par_iter()
        .enumerate()
        // Few pieces of work, so that few scratch tables are made.
        .with_min_len(1024)
        .map_init(scratch, |s, (i, lists)| {
            s.touched.clear();
            for list in lists {
                let at = list.binary_search(&i).unwrap_or_else(|at| at);
                let from = at.saturating_sub(RELATED_WINDOW);
                let to = (at + RELATED_WINDOW + 1).min(list.len());
                for &c in &list[from..to] {
                    // Itself, or itself in another language ("Also in" links those).
                    if c == i || translations[i].contains(&c) {
                        continue;
                    }
                    if s.seen[c] != i {
                        s.seen[c] = i;
                        s.count[c] = 0;
                        s.touched.push(c);
                    }
                    s.count[c] += 1;
                }
            }
            // Most shared first; among equals, the newest (the lowest index).
            let count = &s.count;
            let key = |&c: &usize| (std::cmp::Reverse(count[c]), c);
            if s.touched.len() > RELATED {
                s.touched.select_nth_unstable_by_key(RELATED, key);
                s.touched.truncate(RELATED);
            }
            s.touched.sort_unstable_by_key(key);
            s.touched.clone()
        })
        .collect()
}

/// Fills in each term's [`Term::companions`]: for every term, the terms of each taxonomy its
/// briefings carry, counted. The work is the sum over briefings of the square of their terms
/// (about 80 counts a briefing), linear in the site.
fn companions(briefings: &[Arc<Briefing>], taxonomies: &mut [Taxonomy]) {
    // Each briefing's terms, as indexes, per taxonomy.
    let mut terms_of: Vec<[Vec<u32>; 3]> = vec![Default::default(); briefings.len()];
    for (k, taxonomy) in taxonomies.iter().enumerate() {
        for (t, term) in taxonomy.terms.iter().enumerate() {
            for &b in &term.briefings {
                terms_of[b][k].push(t as u32);
            }
        }
    }
    let sizes: Vec<usize> = taxonomies.iter().map(|t| t.terms.len()).collect();
    /// Counts per term of each taxonomy, reused from term to term: only the touched entries
    /// are reset.
    struct Scratch {
        count: Vec<Vec<u32>>,
        touched: Vec<Vec<u32>>,
    }
    let scratch = || Scratch {
        count: sizes.iter().map(|&n| vec![0; n]).collect(),
        touched: vec![Vec::new(); sizes.len()],
    };
    for (k, taxonomy) in taxonomies.iter_mut().enumerate() {
        let terms_of = &terms_of;
        taxonomy
            .terms
            .par_iter_mut()
            .enumerate()
            .with_min_len(16)
            .for_each_init(scratch, |s, (t, term)| {
                for &b in &term.briefings {
                    for (k2, others) in terms_of[b].iter().enumerate() {
                        for &o in others {
                            if k2 == k && o as usize == t {
                                continue;
                            }
                            if s.count[k2][o as usize] == 0 {
                                s.touched[k2].push(o);
                            }
                            s.count[k2][o as usize] += 1;
                        }
                    }
                }
                for k2 in 0..s.count.len() {
                    let Scratch { count, touched } = s;
                    let (count, touched) = (&mut count[k2], &mut touched[k2]);
                    // Most shared first; among equals, A–Z (terms are sorted by slug).
                    let key = |&o: &u32| (std::cmp::Reverse(count[o as usize]), o);
                    if touched.len() > COMPANIONS {
                        touched.select_nth_unstable_by_key(COMPANIONS, key);
                    }
                    let mut top: Vec<u32> = touched.iter().take(COMPANIONS).copied().collect();
                    top.sort_unstable_by_key(key);
                    term.companions[k2] = top
                        .iter()
                        .map(|&o| (o as usize, count[o as usize] as usize))
                        .collect();
                    for &o in touched.iter() {
                        count[o as usize] = 0;
                    }
                    touched.clear();
                }
            });
    }
}

/// Whether an edited briefing sits where the old one did: in the same place of every list.
fn same_place(old: &Briefing, new: &Briefing) -> bool {
    old.date == new.date
        && old.slug == new.slug
        && old.people == new.people
        && old.tags == new.tags
        && old.source.name == new.source.name
        && old.draft == new.draft
        && old.stories == new.stories
        && old.language == new.language
        && old.translation_of == new.translation_of
}

/// Each briefing's translations: the briefings joined to it by `translation_of` (either way,
/// and through others: a Korean and a Japanese translation of one English briefing are each
/// other's too), oldest first. A `translation_of` naming no briefing of the site is left out
/// (the engine reports it).
fn translations(
    briefings: &[Arc<Briefing>],
    positions: &rustc_hash::FxHashMap<String, usize>,
) -> Vec<Vec<usize>> {
    // Union–find over the briefings that name or are named.
    let mut parent: Vec<usize> = (0..briefings.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut any = false;
    for (i, b) in briefings.iter().enumerate() {
        if let Some(&j) = b.translation_of.as_ref().and_then(|p| positions.get(p)) {
            let (a, c) = (root(&mut parent, i), root(&mut parent, j));
            parent[a] = c;
            any = true;
        }
    }
    let mut out = vec![Vec::new(); briefings.len()];
    if !any {
        return out;
    }
    let mut groups: rustc_hash::FxHashMap<usize, Vec<usize>> = rustc_hash::FxHashMap::default();
    for i in 0..briefings.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for &i in members {
            // Newest first in the site's order: oldest first reversed.
            out[i] = members.iter().rev().copied().filter(|&j| j != i).collect();
        }
    }
    out
}

fn taxonomy(kind: TaxonomyKind, briefings: &[Arc<Briefing>]) -> Taxonomy {
    let all = briefings;
    /// A term's spellings with their counts, and its briefings.
    type Gathered<'a> = (Vec<(&'a str, usize)>, Vec<usize>);
    let mut by_slug: rustc_hash::FxHashMap<&str, Gathered<'_>> = rustc_hash::FxHashMap::default();
    for (index, briefing) in briefings.iter().enumerate() {
        for (name, slug) in kind.terms_of(briefing) {
            let (spellings, members) = by_slug.entry(slug).or_default();
            match spellings.iter_mut().find(|(spelling, _)| *spelling == name) {
                Some((_, count)) => *count += 1,
                None => spellings.push((name, 1)),
            }
            if members.last() != Some(&index) {
                members.push(index);
            }
        }
    }
    let mut terms: Vec<Term> = by_slug
        .into_iter()
        .map(|(slug, (spellings, briefings))| {
            // The most used spelling; among equals, the first in sort order.
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            // Years as written, newest first: an offset can put a briefing written on 31
            // December after one of 1 January, so a year is looked for, not only the last.
            let mut years: Vec<TermYear> = Vec::new();
            for (at, &b) in briefings.iter().enumerate() {
                let year = all[b].date.year();
                match years.iter_mut().find(|y| y.year == year) {
                    Some(y) => y.count += 1,
                    None => years.push(TermYear {
                        year,
                        count: 1,
                        first: at,
                    }),
                }
            }
            years.sort_unstable_by_key(|y| std::cmp::Reverse(y.year));
            Term {
                name,
                slug: slug.to_string(),
                briefings,
                years,
                companions: Default::default(),
            }
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    Taxonomy { kind, terms }
}

fn chronology(briefings: &[Arc<Briefing>]) -> Chronology {
    let mut by_month: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for (index, briefing) in briefings.iter().enumerate() {
        by_month
            .entry((briefing.date.year(), briefing.date.month()))
            .or_default()
            .push(index);
    }
    let mut years: Vec<Year> = Vec::new();
    for ((year, month), briefings) in by_month.into_iter().rev() {
        let month = Month { month, briefings };
        match years.last_mut() {
            Some(last) if last.year == year => last.months.push(month),
            _ => years.push(Year {
                year,
                months: vec![month],
            }),
        }
    }
    Chronology { years }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn briefing(slug: &str, date: &str, tags: &[&str]) -> Arc<Briefing> {
        Briefing::for_tests(slug, date, &[], tags)
    }

    #[test]
    fn briefings_are_newest_first() {
        let site = Site::new(vec![
            briefing("a", "2019-02-28", &[]),
            briefing("b", "2025-06-12T15:00:00+09:00", &[]),
            briefing("c", "2025-06-12T07:00:00Z", &[]),
        ]);
        let slugs: Vec<_> = site.briefings.iter().map(|b| b.slug.as_str()).collect();
        assert_eq!(slugs, vec!["c", "b", "a"]);
    }

    #[test]
    fn spellings_of_one_slug_merge_into_the_most_used() {
        let site = Site::new(vec![
            briefing("a", "2019-01-01", &["Nuclear Policy"]),
            briefing("b", "2019-01-02", &["nuclear policy"]),
            briefing("c", "2019-01-03", &["Nuclear Policy", "Summits"]),
        ]);
        let tags = site.taxonomy(TaxonomyKind::Tags);
        assert_eq!(tags.terms.len(), 2);
        assert_eq!(tags.terms[0].name, "Nuclear Policy");
        assert_eq!(tags.terms[0].slug, "nuclear-policy");
        assert_eq!(tags.terms[0].briefings, vec![0, 1, 2]);
        assert_eq!(
            site.taxonomy(TaxonomyKind::Sources).terms[0]
                .briefings
                .len(),
            3
        );
    }

    #[test]
    fn terms_know_their_years_and_the_terms_they_share_briefings_with() {
        let site = Site::new(vec![
            briefing("a", "2019-02-28", &["Summits", "DMZ"]),
            briefing("b", "2019-06-30", &["Summits", "DMZ", "Trade"]),
            briefing("c", "2025-06-12", &["Summits", "Trade"]),
            briefing("d", "2025-01-01", &["Summits", "Trade"]),
            briefing("e", "2024-12-31T23:00:00-05:00", &["Summits"]),
        ]);
        let tags = site.taxonomy(TaxonomyKind::Tags);
        let names: Vec<&str> = tags.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["DMZ", "Summits", "Trade"]);
        let summits = &tags.terms[1];
        // e is written in 2024 though it is later than d (2025-01-01 00:00 UTC).
        let years: Vec<(i16, usize, usize)> = summits
            .years
            .iter()
            .map(|y| (y.year, y.count, y.first))
            .collect();
        assert_eq!(years, [(2025, 2, 0), (2024, 1, 1), (2019, 2, 3)]);
        // Trade shares three briefings with Summits, DMZ two; Summits is not its own.
        assert_eq!(summits.companions[0], [(2, 3), (0, 2)]);
        assert_eq!(tags.terms[0].companions[0], [(1, 2), (2, 1)]);
        // Every briefing has the one source.
        assert_eq!(summits.companions[2], [(0, 5)]);
        assert!(summits.companions[1].is_empty());
    }

    #[test]
    fn chronology_groups_by_year_then_month() {
        let site = Site::new(vec![
            briefing("a", "2019-02-28", &[]),
            briefing("b", "2019-06-30", &[]),
            briefing("c", "2025-06-12", &[]),
            briefing("d", "2019-06-12", &[]),
        ]);
        let years: Vec<_> = site
            .chronology
            .years
            .iter()
            .map(|y| (y.year, y.months.len(), y.count()))
            .collect();
        assert_eq!(years, vec![(2025, 1, 1), (2019, 2, 3)]);
        assert_eq!(site.chronology.years[1].months[0].month, 6);
        assert_eq!(site.chronology.years[1].months[0].briefings, vec![1, 2]);
    }

    /// The model's indexes, as plain values, for comparing two models.
    fn indexes(site: &Site) -> Vec<String> {
        let mut lines: Vec<String> = site
            .briefings
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{i} {} {}", b.content_path, b.title))
            .collect();
        for taxonomy in &site.taxonomies {
            for term in &taxonomy.terms {
                lines.push(format!(
                    "{:?} {} {:?}",
                    taxonomy.kind, term.slug, term.briefings
                ));
            }
        }
        for year in &site.chronology.years {
            for month in &year.months {
                lines.push(format!(
                    "{} {} {:?}",
                    year.year, month.month, month.briefings
                ));
            }
        }
        lines
    }

    #[test]
    fn edits_keep_every_index_what_a_new_model_gives() {
        let a = briefing("a", "2019-02-28", &["DMZ"]);
        let b = briefing("b", "2019-06-30", &["DMZ", "Summits"]);
        let c = briefing("c", "2018-06-12", &["Summits"]);
        let mut site = Site::new(vec![a.clone(), b.clone(), c.clone()]);

        // A new title only: in place.
        let mut retitled = (*a).clone();
        retitled.title = "Retitled".into();
        let retitled = Arc::new(retitled);
        let placement = site.apply(vec![Edit::Put(retitled.clone())]);
        assert_eq!(placement, Placement::InPlace(vec![1]));
        assert_eq!(
            indexes(&site),
            indexes(&Site::new(vec![retitled.clone(), b.clone(), c.clone()]))
        );

        // A new date moves it: every index is made again.
        let moved = briefing("a", "2020-01-01", &["DMZ"]);
        assert_eq!(
            site.apply(vec![Edit::Put(moved.clone())]),
            Placement::Reindexed
        );
        assert_eq!(site.position("a.md"), Some(0));

        // Added and removed together.
        let d = briefing("d", "2017-01-01", &["Talks"]);
        let placement = site.apply(vec![Edit::Put(d.clone()), Edit::Remove("b.md".into())]);
        assert_eq!(placement, Placement::Reindexed);
        assert_eq!(indexes(&site), indexes(&Site::new(vec![moved, c, d])));
        assert_eq!(site.position("b.md"), None);
    }

    #[test]
    fn related_briefings_share_the_most_then_are_newest() {
        let site = Site::new(vec![
            briefing("a", "2019-01-01", &["DMZ", "Summits", "Talks"]),
            briefing("b", "2019-02-01", &["DMZ"]),
            briefing("c", "2019-03-01", &["DMZ", "Summits", "Talks"]),
            briefing("d", "2019-04-01", &["Summits", "DMZ"]),
            briefing("e", "2019-05-01", &["Elsewhere"]),
            briefing("f", "2019-06-01", &["Talks"]),
        ]);
        let slugs = |i: usize| -> Vec<&str> {
            site.related[i]
                .iter()
                .map(|&r| site.briefings[r].slug.as_str())
                .collect()
        };
        let a = site.position("a.md").unwrap();
        // c shares three, d two, then one each, newest first; e shares nothing.
        assert_eq!(slugs(a), vec!["c", "d", "f", "b"]);
        let e = site.position("e.md").unwrap();
        assert!(slugs(e).is_empty());
        assert!(
            site.related
                .iter()
                .enumerate()
                .all(|(i, r)| !r.contains(&i))
        );
    }
}
