//! The search index: files written from the model beside the pages, read by the search page's
//! own script (`search.js`) on any static host — no server, no WebAssembly.
//!
//! Why this shape: one file holding the whole index (mdBook's elasticlunr JSON) grows with the
//! archive and every query pays for all of it; Pagefind's sharded index scales, but costs more
//! to build than briefgen's whole build (see BENCHMARKS.md). So the design is Pagefind's, made
//! from briefgen's own model instead of its HTML:
//!
//! - **Word files** (`search/data/w/<n>.bin`): every word, sorted, with its briefings in three
//!   disjoint lists by where it is found — the title, people, tags and source (the strongest);
//!   the summary; the body (its distinct words, read when its Markdown was rendered) — cut into
//!   files of about [`WORD_FILE_BYTES`]. A query fetches only
//!   the files its words fall in. People, tags and sources are also words of their own
//!   (`p:<slug>`, `t:<slug>`, `s:<slug>`), which the filters use. Lists are
//!   [`postings`]-encoded, so no list is longer than a bit per briefing.
//! - **Fragments** (`search/data/f/<n>.json`): what a result shows (title, slug, date, source,
//!   summary, people, as an array each) for [`FRAGMENT_BRIEFINGS`] briefings in a row; a page
//!   of results fetches the few fragments it shows.
//! - **`meta.json`**: the index's version, the first word of each word file, and the briefings'
//!   years as runs (briefings are numbered newest first, so a year is nearly always one run);
//!   the year filter and its counts come from it alone. **`facets.json`**: every person, tag and
//!   source with its number of briefings, fetched when a filter is used. **`stories.json`**:
//!   every story (title, slug, page, summary, count), fetched when the site has stories and a
//!   query is typed, to show the stories whose titles match above the briefings; a story is a
//!   word of its own too (`st:<slug>`), for the story filter; and on a site of two languages or
//!   more, a language (`l:<tag>`), for the language filter.
//!
//! Word and fragment files are fetched with `?v=<version>`, so that a browser never mixes
//! files of two builds. Words are cut as [`words`] says, by the same rules as the script.

pub mod postings;

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use crate::chars::cut_at_word;
use crate::content::model::{Briefing, Site, TaxonomyKind};
use crate::content::urls;
use crate::rendered::RenderedFile;
use crate::source::config::SiteConfig;
use crate::source::people::People;
use crate::words;

/// About how many bytes a word file holds: a file is closed once it reaches this size (a
/// single word's lists may make one larger, up to three bitmaps of a bit per briefing). A
/// query fetches a file for each of its words, so this is most of what it fetches: at 24 KiB
/// the ten-thousand-briefing bench's queries fetched 47–128 KB, at 12 KiB 30–86 KB, for twice
/// the files (72 against 37) and 0.4 KB more of `meta.json` (BENCHMARKS.md, "Languages").
pub const WORD_FILE_BYTES: usize = 12 * 1024;

/// How many briefings in a row one fragment describes: few, since the results a page shows are
/// seldom neighbours (at 32, ten results fetched some 100 KB of fragments; at 8, some 25 KB).
pub const FRAGMENT_BRIEFINGS: usize = 8;

/// The most characters of a title a result shows; of a source's or a person's name; the most
/// people. With the summary's own cut ([`crate::content::model::MAX_SUMMARY_CHARS`]), a
/// result shows at most 1,180 characters, under 8 KiB as JSON even if every one is escaped, so
/// that a fragment stays under [`MAX_FRAGMENT_BYTES`] whatever the briefings hold.
const SHOWN_TITLE_CHARS: usize = 160;
const SHOWN_NAME_CHARS: usize = 80;
const SHOWN_PEOPLE: usize = 8;

/// The largest a fragment file can be.
pub const MAX_FRAGMENT_BYTES: usize = FRAGMENT_BRIEFINGS * 8 * 1024;

/// How many briefings one task of the indexing reads: enough that few words are met by more
/// than one task (each task's words are joined at the end), few enough to spread a site of
/// some thousands over every core.
const BRIEFINGS_PER_TASK: usize = 1024;

/// Where in a briefing a word is found, strongest first.
#[derive(Clone, Copy)]
enum Field {
    /// The title, people, tags and source.
    Title = 0,
    /// The summary.
    Summary = 1,
    /// The body.
    Body = 2,
}

/// The prefix of a person's, tag's or source's own word (`p:lee-jae-myung`).
pub fn facet_prefix(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::People => "p:",
        TaxonomyKind::Tags => "t:",
        TaxonomyKind::Sources => "s:",
    }
}

/// The prefix of a story's own word (`st:hanoi-summit`).
pub const STORY_PREFIX: &str = "st:";

/// The prefix of a language's own word (`l:ko`), for the language filter: written only on a
/// site of two languages or more, so that a site of one pays nothing for it.
pub const LANGUAGE_PREFIX: &str = "l:";

/// The words of a run of briefings, while the index is made. Words are looked up by a 64-bit
/// hash with their length, not by their text: the lookup runs for every word of every
/// briefing, and comparing two numbers is cheaper than following a pointer to compare bytes.
/// (Two words of the same length share a hash about once in 2^64 pairs: among a million
/// words, a chance in tens of millions.) Each word is kept once, for the index's files.
#[derive(Default)]
struct Partial {
    numbers: FxHashMap<(u64, usize), u32>,
    /// Each word (by number).
    words: Vec<String>,
    /// For each word, the last briefing (number + 1) it was seen in: a briefing is listed
    /// once, under the first field the word is seen in — the strongest, as fields are read in
    /// order.
    last: Vec<u32>,
    /// For each word, its briefings by field.
    lists: Vec<[Vec<u32>; 3]>,
}

fn add(partial: &mut Partial, word: &str, doc: u32, field: Field) {
    use std::hash::BuildHasher;
    let key = (rustc_hash::FxBuildHasher.hash_one(word), word.len());
    let n = match partial.numbers.get(&key) {
        Some(&n) => n as usize,
        None => {
            let n = partial.words.len();
            partial.numbers.insert(key, n as u32);
            partial.words.push(word.to_string());
            partial.last.push(0);
            partial.lists.push(Default::default());
            n
        }
    };
    if partial.last[n] != doc + 1 {
        partial.last[n] = doc + 1;
        partial.lists[n][field as usize].push(doc);
    }
}

/// Reads one briefing's words into `partial`.
fn read_briefing(partial: &mut Partial, doc: u32, b: &Briefing, people: &People, languages: bool) {
    let mut title = |text: &str| {
        words::for_each_word(text, |w| add(partial, w, doc, Field::Title));
    };
    title(&b.title);
    for name in b.people.iter().chain(&b.tags) {
        title(name);
    }
    // A person's other spellings (`data/people.yaml`), so that 이재명 finds the briefings
    // naming Lee Jae-myung, in whatever script they name him.
    for slug in &b.slugs.people {
        for alias in people.by_slug_of(slug).map_or(&[][..], |p| &p.aliases) {
            title(alias);
        }
    }
    title(&b.source.name);
    for (kind, slugs) in [
        (TaxonomyKind::People, &b.slugs.people),
        (TaxonomyKind::Tags, &b.slugs.tags),
    ] {
        for slug in slugs {
            add(
                partial,
                &format!("{}{slug}", facet_prefix(kind)),
                doc,
                Field::Title,
            );
        }
    }
    add(
        partial,
        &format!("{}{}", facet_prefix(TaxonomyKind::Sources), b.slugs.source),
        doc,
        Field::Title,
    );
    for slug in &b.stories {
        add(partial, &format!("{STORY_PREFIX}{slug}"), doc, Field::Title);
    }
    if languages {
        add(
            partial,
            &format!("{LANGUAGE_PREFIX}{}", b.language),
            doc,
            Field::Title,
        );
    }
    words::for_each_word(&b.summary, |w| add(partial, w, doc, Field::Summary));
    for word in b.words.text().lines() {
        add(partial, word, doc, Field::Body);
    }
}

/// What a result shows of a briefing (a fragment's entry), written as an array — `[title,
/// slug, date, source, summary, [people]]`, then its language where it is not the site's —
/// since names for six values in every entry were a tenth of the fragments' bytes. The slug
/// and the date are written short where the script can make them from what it already has
/// ([`ShownSlug`]; a date the entry before it in the fragment has is `0`).
struct Shown<'a> {
    /// Title.
    t: Cow<'a, str>,
    /// Slug: its page is meta.json's `briefing_page` with it.
    u: ShownSlug<'a>,
    /// Date, as lists show it; `None` where it is the previous entry's.
    d: Option<String>,
    /// Source's name.
    s: Cow<'a, str>,
    /// Summary.
    x: &'a str,
    /// People.
    p: Vec<Cow<'a, str>>,
    /// Its language, where it is not the site's (the result's `lang`); left out otherwise.
    l: Option<&'a str>,
}

impl Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(6 + usize::from(self.l.is_some())))?;
        seq.serialize_element(&self.t)?;
        match self.u {
            ShownSlug::Whole(slug) => seq.serialize_element(slug)?,
            ShownSlug::Start(n) => seq.serialize_element(&n)?,
            ShownSlug::StartThen(n, rest) => seq.serialize_element(&(n, rest))?,
        }
        match &self.d {
            Some(date) => seq.serialize_element(date)?,
            None => seq.serialize_element(&0)?,
        }
        seq.serialize_element(&self.s)?;
        seq.serialize_element(self.x)?;
        seq.serialize_element(&self.p)?;
        if let Some(language) = self.l {
            seq.serialize_element(language)?;
        }
        seq.end()
    }
}

/// A result's slug as a fragment writes it. Most slugs are made from their titles (`briefgen
/// new` and `import` name the file so, and so do most people), and a slug was a sixth of the
/// fragments' bytes: so where the slug begins as its shown title's [`title_slug`] does, only
/// where they part is written — `n` for the first `n` bytes of the title's slug,
/// `[n, "rest"]` for those and more — and the whole slug where that is no shorter.
#[derive(Debug, PartialEq)]
enum ShownSlug<'a> {
    Whole(&'a str),
    Start(usize),
    StartThen(usize, &'a str),
}

impl<'a> ShownSlug<'a> {
    fn of(slug: &'a str, title: &str) -> Self {
        let made = title_slug(title);
        let n = slug
            .bytes()
            .zip(made.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let digits = n.to_string().len();
        if n == slug.len() && digits < slug.len() + 2 {
            ShownSlug::Start(n)
        } else if digits + (slug.len() - n) + 5 < slug.len() + 2 {
            // A slug is ASCII: `n` is a character boundary.
            ShownSlug::StartThen(n, &slug[n..])
        } else {
            ShownSlug::Whole(slug)
        }
    }
}

/// The slug the search page's script makes of a shown title (`titleSlug` in `search.js`), to
/// spell out a result's slug from: the title's ASCII letters and digits, lower-cased, each run
/// of anything else one hyphen. Not [`crate::source::slug::slugify`]: it transliterates, which
/// the script could not repeat byte for byte; where the two differ the slug is written whole.
fn title_slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for part in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(part.chars().map(|c| c.to_ascii_lowercase()));
    }
    slug
}

#[derive(Serialize)]
struct Meta<'a> {
    version: String,
    briefings: usize,
    fragment_briefings: usize,
    /// The first word of each word file.
    words: Vec<&'a str>,
    /// `[year, briefings]` runs, in briefing order.
    years: Vec<(i16, usize)>,
    /// How many stories `stories.json` lists.
    stories: usize,
    /// A briefing's page from the base URL, `{slug}` standing for its slug (a fragment's
    /// entries give only the slug).
    briefing_page: String,
}

/// A story as search shows it (an entry of `stories.json`).
#[derive(Serialize)]
struct ShownStory<'a> {
    /// Title.
    t: Cow<'a, str>,
    /// Slug.
    s: &'a str,
    /// Site path, from the base URL.
    u: String,
    /// Summary.
    x: &'a str,
    /// Its number of briefings.
    n: usize,
    /// `developing` or `concluded`.
    st: &'static str,
}

#[derive(Serialize)]
struct Facet<'a> {
    prefix: &'static str,
    /// `[name, slug, briefings]`, most briefings first.
    terms: Vec<(&'a str, &'a str, usize)>,
}

/// Every file of the search index of `site`.
/// What it reads of the settings: the people's other spellings, the site's language and its
/// words (a result's date is written as the site's lists write it).
pub fn index(site: &Site, config: &SiteConfig) -> Vec<RenderedFile> {
    let entries = read_words(&site.briefings, &config.people, site.languages().len() > 1);
    let (mut files, first_words) = word_files(&entries);
    files.par_extend(fragments(&site.briefings, config));
    files.push(facets(site));
    files.push(stories(site));
    let mut hasher = FxHasher::default();
    for f in &files {
        f.bytes.hash(&mut hasher);
    }
    let meta = Meta {
        version: format!("{:016x}", hasher.finish()),
        briefings: site.briefings.len(),
        fragment_briefings: FRAGMENT_BRIEFINGS,
        words: first_words,
        years: year_runs(&site.briefings),
        stories: site.stories.timelines.len(),
        briefing_page: urls::briefing("{slug}"),
    };
    files.push(RenderedFile {
        path: urls::SEARCH_META.to_string(),
        bytes: json(&meta),
    });
    files
}

/// Every word of the briefings with its lists by field, sorted by word: a word met by several
/// tasks comes once per task, in the tasks' order.
fn read_words(
    briefings: &[Arc<Briefing>],
    people: &People,
    languages: bool,
) -> Vec<(String, usize, [Vec<u32>; 3])> {
    // Each task reads a run of briefings into words of its own; the runs are in order, so
    // joining a word's lists run by run keeps them ascending.
    let partials: Vec<Partial> = briefings
        .par_chunks(BRIEFINGS_PER_TASK)
        .enumerate()
        .map(|(task, run)| {
            let mut partial = Partial::default();
            for (i, b) in run.iter().enumerate() {
                let doc = u32::try_from(task * BRIEFINGS_PER_TASK + i).unwrap_or(u32::MAX);
                read_briefing(&mut partial, doc, b, people, languages);
            }
            partial
        })
        .collect();
    let mut entries: Vec<(String, usize, [Vec<u32>; 3])> = partials
        .into_iter()
        .enumerate()
        .flat_map(|(task, partial)| {
            partial
                .words
                .into_iter()
                .zip(partial.lists)
                .map(move |(word, lists)| (word, task, lists))
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    entries
}

/// The word files, cut by size, and the first word of each.
fn word_files(entries: &[(String, usize, [Vec<u32>; 3])]) -> (Vec<RenderedFile>, Vec<&str>) {
    let mut files = Vec::new();
    let mut first_words: Vec<&str> = Vec::new();
    let mut file = Vec::new();
    let mut record = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let word = entries[i].0.as_str();
        let mut lists: [Vec<u32>; 3] = Default::default();
        while i < entries.len() && entries[i].0 == word {
            for (list, docs) in lists.iter_mut().zip(&entries[i].2) {
                list.extend_from_slice(docs);
            }
            i += 1;
        }
        record.clear();
        for list in &lists {
            postings::put_list(&mut record, list);
        }
        if file.is_empty() {
            first_words.push(word);
        }
        postings::put_varint(&mut file, word.len() as u64);
        file.extend_from_slice(word.as_bytes());
        postings::put_varint(&mut file, record.len() as u64);
        file.extend_from_slice(&record);
        if file.len() >= WORD_FILE_BYTES {
            files.push(RenderedFile {
                path: urls::search_words(files.len()),
                bytes: std::mem::take(&mut file),
            });
        }
    }
    if !file.is_empty() {
        files.push(RenderedFile {
            path: urls::search_words(files.len()),
            bytes: file,
        });
    }
    (files, first_words)
}

/// The fragments: what results show, [`FRAGMENT_BRIEFINGS`] briefings a file.
fn fragments<'a>(
    briefings: &'a [Arc<Briefing>],
    config: &'a SiteConfig,
) -> impl ParallelIterator<Item = RenderedFile> + 'a {
    let language = config.language.as_str();
    briefings
        .par_chunks(FRAGMENT_BRIEFINGS)
        .enumerate()
        .map(move |(n, run)| {
            let mut previous: Option<String> = None;
            let shown: Vec<Shown<'_>> = run
                .iter()
                .map(|b| {
                    let t = cut_at_word(&b.title, SHOWN_TITLE_CHARS);
                    let date = config.strings.date(language, b.date.date());
                    let d = if previous.as_ref() == Some(&date) {
                        None
                    } else {
                        previous = Some(date.clone());
                        Some(date)
                    };
                    Shown {
                        u: ShownSlug::of(&b.slug, &t),
                        t,
                        d,
                        s: cut_at_word(&b.source.name, SHOWN_NAME_CHARS),
                        x: &b.summary,
                        p: b.people
                            .iter()
                            .take(SHOWN_PEOPLE)
                            .map(|p| cut_at_word(p, SHOWN_NAME_CHARS))
                            .collect(),
                        l: (b.language != language).then_some(b.language.as_str()),
                    }
                })
                .collect();
            RenderedFile {
                path: urls::search_fragment(n),
                bytes: json(&shown),
            }
        })
}

/// `facets.json`: every person, tag and source, most briefings first.
fn facets(site: &Site) -> RenderedFile {
    let facets: std::collections::BTreeMap<&str, Facet<'_>> = site
        .taxonomies
        .iter()
        .map(|taxonomy| {
            let mut terms: Vec<(&str, &str, usize)> = taxonomy
                .terms
                .iter()
                .map(|t| (t.name.as_str(), t.slug.as_str(), t.briefings.len()))
                .collect();
            terms.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
            (
                taxonomy.kind.name(),
                Facet {
                    prefix: facet_prefix(taxonomy.kind),
                    terms,
                },
            )
        })
        .collect();
    RenderedFile {
        path: urls::SEARCH_FACETS.to_string(),
        bytes: json(&facets),
    }
}

/// `stories.json`: every story, in the index's order.
fn stories(site: &Site) -> RenderedFile {
    let shown: Vec<ShownStory<'_>> = site
        .stories
        .timelines
        .iter()
        .map(|t| ShownStory {
            t: cut_at_word(&t.story.title, SHOWN_TITLE_CHARS),
            s: &t.story.slug,
            u: t.story.path(),
            x: &t.story.summary,
            n: t.briefings.len(),
            st: t.story.status.name(),
        })
        .collect();
    RenderedFile {
        path: urls::SEARCH_STORIES.to_string(),
        bytes: json(&shown),
    }
}

/// A value as JSON, with `<` written `\u003c`: the files carry the site's titles and names as
/// written, and no file of the site holds markup that is not escaped, whatever it is served as.
fn json(value: &impl Serialize) -> Vec<u8> {
    crate::chars::json_without_markup(serde_json::to_string(value).unwrap_or_default()).into_bytes()
}

/// The briefings' years (as their dates are written), as `[year, briefings]` runs in briefing
/// order: newest first, so a year is one run unless offsets reorder the turn of a year.
fn year_runs(briefings: &[Arc<Briefing>]) -> Vec<(i16, usize)> {
    let mut years: Vec<(i16, usize)> = Vec::new();
    for b in briefings {
        match years.last_mut() {
            Some((year, count)) if *year == b.date.year() => *count += 1,
            _ => years.push((b.date.year(), 1)),
        }
    }
    years
}

/// Reads a word file back: each word with its three lists (the counterpart of `search.js`,
/// for tests and tools).
pub fn read_word_file(bytes: &[u8]) -> Vec<(String, [Vec<u32>; 3])> {
    let mut at = 0;
    let mut words = Vec::new();
    while at < bytes.len() {
        let length = postings::get_varint(bytes, &mut at) as usize;
        let word = String::from_utf8_lossy(&bytes[at..at + length]).into_owned();
        at += length;
        let _size = postings::get_varint(bytes, &mut at);
        let lists = [
            postings::get_list(bytes, &mut at),
            postings::get_list(bytes, &mut at),
            postings::get_list(bytes, &mut at),
        ];
        words.push((word, lists));
    }
    words
}

/// A fragment's entry read back as `search.js` reads it, its slug and date spelled out.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadEntry {
    pub title: String,
    pub slug: String,
    pub date: String,
    pub source: String,
    pub summary: String,
    pub people: Vec<String>,
    /// Where it is not the site's.
    pub language: Option<String>,
}

/// Reads a fragment back, entry by entry (the counterpart of `search.js`'s `shown`, for tests
/// and tools); `None` if it is not a fragment as [`index`] writes one.
pub fn read_fragment(bytes: &[u8]) -> Option<Vec<ReadEntry>> {
    use serde_json::Value;
    let entries: Vec<Vec<Value>> = serde_json::from_slice(bytes).ok()?;
    let mut read: Vec<ReadEntry> = Vec::with_capacity(entries.len());
    for e in entries {
        let text = |i: usize| e.get(i).and_then(Value::as_str).map(str::to_string);
        let title = text(0)?;
        let slug = match e.get(1)? {
            Value::String(slug) => slug.clone(),
            Value::Number(n) => title_slug(&title).get(..n.as_u64()? as usize)?.to_string(),
            Value::Array(parted) => {
                let n = parted.first()?.as_u64()? as usize;
                format!(
                    "{}{}",
                    title_slug(&title).get(..n)?,
                    parted.get(1)?.as_str()?
                )
            }
            _ => return None,
        };
        let date = match e.get(2)? {
            Value::Number(n) if n.as_u64() == Some(0) => read.last()?.date.clone(),
            Value::String(date) => date.clone(),
            _ => return None,
        };
        read.push(ReadEntry {
            slug,
            date,
            source: text(3)?,
            summary: text(4)?,
            people: e
                .get(5)?
                .as_array()?
                .iter()
                .map(|p| p.as_str().map(str::to_string))
                .collect::<Option<_>>()?,
            language: text(6),
            title,
        });
    }
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_titles_slug_is_its_ascii_letters_and_digits_with_hyphens_between() {
        assert_eq!(
            title_slug("Hanoi Summit Ends Early, Without"),
            "hanoi-summit-ends-early-without"
        );
        assert_eq!(
            title_slug("  U.S.–North Korea: 2 talks…"),
            "u-s-north-korea-2-talks"
        );
        // No transliteration: the script could not repeat it.
        assert_eq!(title_slug("Nguyễn Phú Trọng"), "nguy-n-ph-tr-ng");
        assert_eq!(title_slug("서울에서 회담"), "");
    }

    #[test]
    fn a_slug_is_written_as_where_it_parts_from_its_titles_slug_when_that_is_shorter() {
        let title = "Hanoi Summit Ends Early, Without an Agreement";
        assert_eq!(
            ShownSlug::of("hanoi-summit-ends-early-without-an-agreement", title),
            ShownSlug::Start(44)
        );
        assert_eq!(
            ShownSlug::of("hanoi-summit-ends", title),
            ShownSlug::Start(17)
        );
        assert_eq!(
            ShownSlug::of("hanoi-summit-ends-early-2", title),
            ShownSlug::StartThen(24, "2")
        );
        // Nothing or too little in common: the slug as it is.
        assert_eq!(
            ShownSlug::of("panmunjom-meeting", "Trump Meets Kim at Panmunjom"),
            ShownSlug::Whole("panmunjom-meeting")
        );
        assert_eq!(ShownSlug::of("ha-x", title), ShownSlug::Whole("ha-x"));
        assert_eq!(
            ShownSlug::of("hanoi-x", title),
            ShownSlug::StartThen(6, "x")
        );
        assert_eq!(ShownSlug::of("seoul", "서울"), ShownSlug::Whole("seoul"));
        // Each form spells its slug out again as the script does.
        for slug in [
            "hanoi-summit",
            "hanoi-summit-ends-early-2",
            "panmunjom",
            "h",
        ] {
            let made = title_slug(title);
            let back = match ShownSlug::of(slug, title) {
                ShownSlug::Whole(s) => s.to_string(),
                ShownSlug::Start(n) => made[..n].to_string(),
                ShownSlug::StartThen(n, rest) => format!("{}{rest}", &made[..n]),
            };
            assert_eq!(back, slug);
        }
    }
}
