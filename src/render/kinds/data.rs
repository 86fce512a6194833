//! The archive as data, for a researcher's spreadsheet, pandas or Datasette:
//! `data/briefings.json` and `data/briefings.csv`, one row per published briefing — title,
//! date, source and its address, people, tags, stories, summary, permalink, language — both
//! written from the same rows, so that they cannot disagree; and `data/people.json`, each
//! person's count, first and last date, and the people they appear with. Drafts and briefings
//! dated after the build never appear, whatever the build shows ([`published`]).

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{At, PageKind};
use crate::content::model::{Briefing, TaxonomyKind};
use crate::content::urls;
use crate::render::Renderer;
use crate::render::pages::Body;
use crate::source::dates::rfc3339;

/// What joins a list's items in a CSV cell (`Kim Jong-un;Donald Trump`).
pub const CSV_LIST_SEPARATOR: &str = ";";

/// One briefing as data.
#[derive(Serialize)]
struct Row<'a> {
    title: &'a str,
    /// RFC 3339, in the offset it was written with.
    date: String,
    source: &'a str,
    /// The outlet's article, if the briefing names it.
    source_url: Option<&'a str>,
    people: &'a [String],
    tags: &'a [String],
    /// Its stories, by slug.
    stories: &'a [String],
    summary: &'a str,
    /// Its page's URL.
    url: &'a str,
    /// Its language (BCP 47).
    language: &'a str,
}

/// The columns of `briefings.csv`, in the order of [`Row`]'s fields.
const COLUMNS: [&str; 10] = [
    "title",
    "date",
    "source",
    "source_url",
    "people",
    "tags",
    "stories",
    "summary",
    "url",
    "language",
];

/// A person as data.
#[derive(Serialize)]
struct PersonRow<'a> {
    name: &'a str,
    /// Their page's URL.
    url: String,
    /// How many published briefings name them.
    briefings: usize,
    /// The dates of the first and the latest of those (RFC 3339).
    first: String,
    last: String,
    /// Everyone named beside them, with how many briefings they share: most first, ties A–Z.
    appears_with: Vec<Together<'a>>,
}

/// A person named beside another, and how often.
#[derive(Serialize)]
struct Together<'a> {
    name: &'a str,
    briefings: usize,
}

/// The data files: `At::item` 0 is the briefings' JSON, 1 their CSV, 2 the people's JSON.
pub struct Data;

impl PageKind for Data {
    fn name(&self) -> &'static str {
        "data"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn outputs(&self, _r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend([At::of(0, 0), At::of(0, 1), At::of(0, 2)]);
    }

    fn site_path(&self, _r: &Renderer<'_>, at: At) -> String {
        match at.item {
            0 => urls::BRIEFINGS_JSON,
            1 => urls::BRIEFINGS_CSV,
            _ => urls::PEOPLE_JSON,
        }
        .to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let now = jiff::Timestamp::now();
        let shown = (0..r.site.briefings.len()).filter(|&i| published(&r.site.briefings[i], now));
        Body::Hashed {
            hash: r.hash_of_briefings(shown),
            text: Box::new(move || match at.item {
                0 => json(&rows(r, now)),
                1 => csv(&rows(r, now)),
                _ => json(&people(r, now)),
            }),
        }
    }

    fn lists_everything(&self) -> bool {
        true
    }
}

/// The published briefings' rows, newest first (the site's order).
fn rows<'r>(r: &'r Renderer<'_>, now: jiff::Timestamp) -> Vec<Row<'r>> {
    r.site
        .briefings
        .iter()
        .zip(r.prepared)
        .filter(|(b, _)| published(b, now))
        .map(|(b, prepared)| Row {
            title: &b.title,
            date: rfc3339(&b.date),
            source: &b.source.name,
            source_url: b.source.url.as_deref(),
            people: &b.people,
            tags: &b.tags,
            stories: &b.stories,
            summary: &b.summary,
            url: &prepared.current_url,
            language: &r.config.language,
        })
        .collect()
}

/// Whether a briefing of the build is one its readers are meant to have (the data files', the
/// JSON Feed's and the story timelines' rule): not a draft, and not
/// dated after now (`--drafts` and `--future` preview them on pages, not in the data).
pub fn published(b: &Briefing, now: jiff::Timestamp) -> bool {
    !b.draft && b.date.timestamp() <= now
}

/// The people of the published briefings, in the site's order of people (by slug).
fn people<'r>(r: &'r Renderer<'_>, now: jiff::Timestamp) -> Vec<PersonRow<'r>> {
    let people = &r.site.taxonomy(TaxonomyKind::People).terms;
    let by_slug: FxHashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, term)| (term.slug.as_str(), i))
        .collect();
    people
        .iter()
        .enumerate()
        .filter_map(|(me, term)| {
            // Newest first, as the term lists them.
            let shown: Vec<&Briefing> = term
                .briefings
                .iter()
                .map(|&i| &*r.site.briefings[i])
                .filter(|b| published(b, now))
                .collect();
            let (latest, first) = (shown.first()?, shown.last()?);
            let mut with: FxHashMap<usize, usize> = FxHashMap::default();
            for b in &shown {
                for slug in &b.slugs.people {
                    match by_slug.get(slug.as_str()) {
                        Some(&other) if other != me => *with.entry(other).or_default() += 1,
                        _ => {}
                    }
                }
            }
            let mut appears_with: Vec<Together<'r>> = with
                .into_iter()
                .map(|(other, briefings)| Together {
                    name: &people[other].name,
                    briefings,
                })
                .collect();
            appears_with.sort_unstable_by(|a, b| {
                b.briefings
                    .cmp(&a.briefings)
                    .then_with(|| a.name.cmp(b.name))
            });
            Some(PersonRow {
                name: &term.name,
                url: r
                    .config
                    .url_for(&urls::term(TaxonomyKind::People, &term.slug)),
                briefings: shown.len(),
                first: rfc3339(&first.date),
                last: rfc3339(&latest.date),
                appears_with,
            })
        })
        .collect()
}

fn json(rows: &impl Serialize) -> String {
    crate::chars::json_without_markup(serde_json::to_string(rows).unwrap_or_default())
}

/// The rows as RFC 4180 CSV: a header, CRLF line ends, a field quoted when it holds a quote,
/// a comma or a line end (the `csv` crate's rules); lists joined with [`CSV_LIST_SEPARATOR`].
fn csv(rows: &[Row<'_>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail; a row that did would be left out, not a build stopped.
    let _ = writer.write_record(COLUMNS);
    for row in rows {
        let join = |list: &[String]| list.join(CSV_LIST_SEPARATOR);
        let _ = writer.write_record([
            row.title,
            &row.date,
            row.source,
            row.source_url.unwrap_or(""),
            &join(row.people),
            &join(row.tags),
            &join(row.stories),
            row.summary,
            row.url,
            row.language,
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(title: &'a str, people: &'a [String]) -> Row<'a> {
        Row {
            title,
            date: "2025-06-12T09:00:00+09:00".into(),
            source: "Yonhap",
            source_url: None,
            people,
            tags: &[],
            stories: &[],
            summary: "Line one,\nline \"two\"",
            url: "https://e.org/briefings/x/",
            language: "en",
        }
    }

    #[test]
    fn csv_quotes_what_needs_quotes_and_joins_lists() {
        let people = ["Kim Jong-un".to_string(), "Donald Trump".to_string()];
        let text = csv(&[row("Plain", &people)]);
        assert_eq!(
            text,
            format!(
                "{}\r\nPlain,2025-06-12T09:00:00+09:00,Yonhap,,Kim Jong-un;Donald Trump,,,\
                 \"Line one,\nline \"\"two\"\"\",https://e.org/briefings/x/,en\r\n",
                COLUMNS.join(",")
            )
        );
    }

    #[test]
    fn json_rows_have_every_column() {
        let text = json(&[row("<b>", &[])]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let object = value[0].as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut columns = COLUMNS.to_vec();
        columns.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, columns);
        assert_eq!(object["title"], "<b>");
        assert!(!text.contains('<'));
    }
}
