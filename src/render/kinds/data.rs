//! The archive as data, for a researcher's spreadsheet, pandas or Datasette:
//! `data/briefings.json` and `data/briefings.csv`, one row per published briefing — title,
//! date, source and its address, people, tags, stories, summary, permalink, language — both
//! written from the same rows, so that they cannot disagree; and `data/people.json`, each
//! person's count, first and last date, and the people they appear with. Drafts and briefings
//! dated after the build never appear, whatever the build shows (`Renderer::published`).

use std::io;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{At, PageKind};
use crate::chars::JsonWithoutMarkup;
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

/// The JSON data files: `At::item` 0 is the briefings', 1 the people's. They are planned
/// first, with the other files that list every briefing.
pub struct Data;

impl PageKind for Data {
    fn name(&self) -> &'static str {
        "data"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn outputs(&self, _r: &Renderer<'_>, out: &mut Vec<At>) {
        out.extend([At::of(0, 0), At::of(0, 1)]);
    }

    fn site_path(&self, _r: &Renderer<'_>, at: At) -> String {
        match at.item {
            0 => urls::BRIEFINGS_JSON,
            _ => urls::PEOPLE_JSON,
        }
        .to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        match at.item {
            0 => hashed(r, move || sized(|out| json(out, &Each(|| rows(r))))),
            // The people's rows are made once for both passes of `sized`: each counts who
            // appears with whom, and sorts them.
            _ => hashed(r, move || {
                let people = people(r);
                sized(|out| json(out, &people))
            }),
        }
    }

    fn lists_everything(&self) -> bool {
        true
    }
}

/// `briefings.csv`: the briefings' rows again, planned last of all, so that it is never
/// written at the same time as their JSON (the two are the largest files of the site: at
/// 100,000 briefings, 53 and 41 MB, which the build's peak memory would hold at once).
pub struct DataCsv;

impl PageKind for DataCsv {
    fn name(&self) -> &'static str {
        "data-csv"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::BRIEFINGS_CSV.to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        hashed(r, move || sized(|out| csv(out, rows(r))))
    }
}

/// A data file made by `text` (with [`sized`]) from the published briefings: its hash is
/// theirs, and its text is made only when it is rendered.
fn hashed<'r>(r: &'r Renderer<'_>, text: impl Fn() -> String + 'r) -> Body<'r> {
    Body::Hashed {
        hash: r.hash_of_briefings(0, r.published()),
        text: Box::new(text),
    }
}

/// The published briefings' rows, newest first (the site's order), made as they are written:
/// at 100,000 briefings a list of them took some 25 MB beside the text.
fn rows<'r>(r: &'r Renderer<'_>) -> impl Iterator<Item = Row<'r>> {
    r.published()
        .map(|i| (&r.site.briefings[i], &r.prepared[i]))
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
            language: &b.language,
        })
}

/// A JSON array of what an iterator gives, written as it goes.
struct Each<F>(F);

impl<F: Fn() -> I, I: Iterator<Item = T>, T: Serialize> Serialize for Each<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Bytes counted and dropped.
#[derive(Default)]
struct Count(usize);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What `write` writes, in a buffer of exactly its size: the text is written twice, first only
/// counted, so that the buffer is never grown — a buffer that grows holds up to three halves of
/// the text while it is copied, and these files are the largest of the site (50 MB of JSON at
/// 100,000 briefings).
fn sized(write: impl Fn(&mut dyn io::Write)) -> String {
    let mut count = Count::default();
    write(&mut count);
    let mut out = Vec::with_capacity(count.0);
    write(&mut out);
    // Both formats write text as it is given: UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The people of the published briefings, in the site's order of people (by slug).
fn people<'r>(r: &'r Renderer<'_>) -> Vec<PersonRow<'r>> {
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
                .filter(|&&i| r.is_published(i))
                .map(|&i| &*r.site.briefings[i])
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

/// `value` as JSON, `<` written `\\u003c` (see [`crate::chars::json_without_markup`]).
fn json(out: &mut dyn io::Write, value: &impl Serialize) {
    // serde_json writes a few bytes at a time (a quote, a key, a comma): they are gathered in
    // a buffer first, so that `<` is looked for, and `out` called, once for each 64 KB, not
    // for each of them (the data files took 5 % of a build so).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, JsonWithoutMarkup(out));
    // Writing into memory, or counting, cannot fail.
    let _ = serde_json::to_writer(&mut buffered, value);
    let _ = io::Write::flush(&mut buffered);
}

/// The rows as RFC 4180 CSV: a header, CRLF line ends, a field quoted when it holds a quote,
/// a comma or a line end (the `csv` crate's rules); lists joined with [`CSV_LIST_SEPARATOR`].
fn csv<'a>(out: &mut dyn io::Write, rows: impl Iterator<Item = Row<'a>>) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    // Writing into memory, or counting, cannot fail.
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
    let _ = writer.flush();
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
        let text = sized(|out| csv(out, [row("Plain", &people)].into_iter()));
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
        let text = sized(|out| json(out, &[row("<b>", &[])]));
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
