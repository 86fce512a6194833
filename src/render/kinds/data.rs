//! The archive as data (`data/briefings.json`, `data/briefings.csv`): one row per published
//! briefing — title, date, source and its address, people, tags, stories, summary, permalink,
//! language — for a researcher's spreadsheet, pandas or Datasette. Both files are written from
//! the same rows, so that they cannot disagree; drafts and briefings dated after the build
//! never appear, whatever the build shows.

use serde::Serialize;

use super::{At, PageKind};
use crate::content::model::Briefing;
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

/// The data files: `At::item` 0 is the JSON, 1 the CSV.
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
            _ => urls::BRIEFINGS_CSV,
        }
        .to_string()
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let rows = rows(r);
        Body::Text(match at.item {
            0 => json(&rows),
            _ => csv(&rows),
        })
    }

    fn lists_everything(&self) -> bool {
        true
    }
}

/// The published briefings' rows, newest first (the site's order).
fn rows<'r>(r: &'r Renderer<'_>) -> Vec<Row<'r>> {
    let now = jiff::Timestamp::now();
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

/// Whether a briefing of the build is one its readers are meant to have: not a draft, and not
/// dated after now (`--drafts` and `--future` preview them on pages, not in the data).
fn published(b: &Briefing, now: jiff::Timestamp) -> bool {
    !b.draft && b.date.timestamp() <= now
}

fn json(rows: &[Row<'_>]) -> String {
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
