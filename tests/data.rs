//! The archive as data (issue 30): `data/briefings.json` and `data/briefings.csv` hold every
//! published briefing — never a draft or a briefing dated after the build, even when the
//! pages show them — and read back with Python's `json` and `csv` modules into the same rows,
//! whatever quotes, commas, line breaks and scripts the fields carry; `data/people.json`
//! counts each person and who they appear with; `feed.json` is a JSON Feed 1.1; each story
//! has a TimelineJS `timeline.json`.

mod common;

use std::process::Command;

use common::{SITE_TOML, Site, front};
use serde_json::Value;

/// A briefing whose every field carries what CSV must quote, and non-ASCII.
const AWKWARD_FRONT: &str = r#"title: "Kim says \"no\", then yes — 서울에서"
date: 2025-06-12T09:00:00+09:00
source: { name: "The \"Daily\", Seoul", url: "https://example.com/a?b=1,2" }
tags: ["Diplomacy, again", "외교"]
people: ["Kim Jong-un", "Zoë \"Z\" O'Brien"]
summary: "Line one, with a comma\nline two \"quoted\"; and a semicolon — é"
story: talks
"#;

fn data_site() -> Site {
    let site = Site::new(SITE_TOML);
    site.write(
        "stories/talks.md",
        "---\ntitle: The talks\n---\nGoing on.\n",
    );
    site.briefing("2025/awkward.md", AWKWARD_FRONT, "The body.\n");
    site.briefing(
        "2025/plain.md",
        &format!(
            "{}story: talks\n",
            front(
                "Plain briefing",
                "2025-06-10",
                &["Summits"],
                &["Donald Trump", "Kim Jong-un"]
            )
        ),
        "Plain body.\n",
    );
    site.briefing(
        "2025/draft.md",
        &format!(
            "{}draft: true\n",
            front("A draft", "2025-06-11", &["Summits"], &["Kim Jong-un"])
        ),
        "Not yet.\n",
    );
    site.briefing(
        "2999/future.md",
        &format!(
            "{}story: talks\n",
            front(
                "From the future",
                "2999-01-01",
                &["Summits"],
                &["Kim Jong-un"]
            )
        ),
        "Later.\n",
    );
    site
}

/// What Python's `json.load` reads from an output file.
fn python_json(site: &Site, file: &str) -> Value {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys; print(json.dumps(json.load(open(sys.argv[1], encoding='utf-8'))))",
        ])
        .arg(site.path(&format!("public/{file}")))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What Python's `csv.DictReader` and `json.load` read from the two files.
fn read_back(site: &Site) -> (Vec<Value>, Vec<Value>) {
    let script = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open(sys.argv[2], encoding="utf-8") as f:
    data = json.load(f)
print(json.dumps({"csv": rows, "json": data}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(site.path("public/data/briefings.csv"))
        .arg(site.path("public/data/briefings.json"))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let both: Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        both["csv"].as_array().unwrap().clone(),
        both["json"].as_array().unwrap().clone(),
    )
}

#[test]
fn the_data_files_read_back_as_the_same_published_rows() {
    let site = data_site();
    // Drafts and the future on: the pages show them, the data does not.
    site.run(&["build", "--drafts", "--future"]).assert_ok();
    assert!(site.has_output("briefings/draft/index.html"));
    assert!(site.has_output("briefings/future/index.html"));

    let (csv_rows, json_rows) = read_back(&site);
    let titles: Vec<&str> = json_rows
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Kim says \"no\", then yes — 서울에서", "Plain briefing"],
        "newest first, published only"
    );

    let awkward = &json_rows[0];
    assert_eq!(awkward["date"], "2025-06-12T09:00:00+09:00");
    assert_eq!(awkward["source"], "The \"Daily\", Seoul");
    assert_eq!(awkward["source_url"], "https://example.com/a?b=1,2");
    assert_eq!(
        awkward["people"],
        serde_json::json!(["Kim Jong-un", "Zoë \"Z\" O'Brien"])
    );
    assert_eq!(
        awkward["tags"],
        serde_json::json!(["Diplomacy, again", "외교"])
    );
    assert_eq!(awkward["stories"], serde_json::json!(["talks"]));
    assert_eq!(
        awkward["summary"],
        "Line one, with a comma\nline two \"quoted\"; and a semicolon — é"
    );
    assert_eq!(awkward["url"], "https://example.org/briefings/awkward/");
    assert_eq!(awkward["language"], "en");
    assert_eq!(json_rows[1]["source_url"], "https://world.kbs.co.kr/");
    assert_eq!(json_rows[1]["stories"], serde_json::json!(["talks"]));
    assert_eq!(
        json_rows[1]["people"],
        serde_json::json!(["Donald Trump", "Kim Jong-un"])
    );

    // The CSV holds the same rows: lists joined with `;`, a missing value empty.
    assert_eq!(csv_rows.len(), json_rows.len());
    for (csv_row, json_row) in csv_rows.iter().zip(&json_rows) {
        let json_row = json_row.as_object().unwrap();
        let csv_row = csv_row.as_object().unwrap();
        assert_eq!(
            csv_row.keys().collect::<Vec<_>>().len(),
            json_row.len(),
            "{csv_row:?}"
        );
        for (column, value) in json_row {
            let expected = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(";"),
                Value::Null => String::new(),
                other => other.as_str().unwrap().to_string(),
            };
            assert_eq!(csv_row[column], expected.as_str(), "{column}");
        }
    }
    // RFC 4180: lines end in CRLF (a field's own line break stays as written, quoted).
    let csv = site.output("data/briefings.csv");
    assert!(
        csv.starts_with(
            "title,date,source,source_url,people,tags,stories,summary,url,language\r\n"
        )
    );
    assert_eq!(csv.matches("\r\n").count(), 3, "{csv}");
}

#[test]
fn a_site_with_no_briefing_has_a_header_and_an_empty_list() {
    let site = Site::new(SITE_TOML);
    site.write("content/.keep", "");
    site.build().assert_ok();
    assert_eq!(site.output("data/briefings.json"), "[]");
    assert_eq!(
        site.output("data/briefings.csv"),
        "title,date,source,source_url,people,tags,stories,summary,url,language\r\n"
    );
}

#[test]
fn people_json_counts_published_briefings_and_who_appears_with_whom() {
    let site = data_site();
    site.run(&["build", "--drafts", "--future"]).assert_ok();
    let people = python_json(&site, "data/people.json");
    let person = |name: &str| {
        people
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {people}"))
            .clone()
    };
    // The draft and the future briefing name Kim too: they are not counted.
    let kim = person("Kim Jong-un");
    assert_eq!(kim["briefings"], 2);
    assert_eq!(kim["first"], "2025-06-10T00:00:00+00:00");
    assert_eq!(kim["last"], "2025-06-12T09:00:00+09:00");
    assert_eq!(kim["url"], "https://example.org/people/kim-jong-un/");
    assert_eq!(
        kim["appears_with"],
        serde_json::json!([
            {"name": "Donald Trump", "briefings": 1},
            {"name": "Zoë \"Z\" O'Brien", "briefings": 1}
        ])
    );
    assert_eq!(person("Donald Trump")["briefings"], 1);
    assert_eq!(people.as_array().unwrap().len(), 3);
}

#[test]
fn feed_json_is_a_json_feed_of_published_briefings() {
    let site = data_site();
    site.run(&["build", "--drafts", "--future"]).assert_ok();
    let feed = python_json(&site, "feed.json");
    // JSON Feed 1.1's required fields: version, title, items; each item an id and content.
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Test Briefings");
    assert_eq!(feed["home_page_url"], "https://example.org/");
    assert_eq!(feed["feed_url"], "https://example.org/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{feed}");
    for item in items {
        assert!(item["id"].is_string(), "{item}");
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{item}"
        );
    }
    let awkward = &items[0];
    assert_eq!(awkward["url"], "https://example.org/briefings/awkward/");
    assert_eq!(awkward["title"], "Kim says \"no\", then yes — 서울에서");
    assert_eq!(awkward["content_html"], "<p>The body.</p>\n");
    assert_eq!(awkward["date_published"], "2025-06-12T09:00:00+09:00");
    assert_eq!(awkward["external_url"], "https://example.com/a?b=1,2");
    assert_eq!(
        awkward["tags"],
        serde_json::json!(["Diplomacy, again", "외교"])
    );
    // Linked from the head beside the Atom feed.
    assert!(
        site.output("index.html").contains(
            "type=\"application/feed+json\" title=\"Test Briefings\" href=\"/feed.json\""
        ),
        "{}",
        site.output("index.html")
    );
}

#[test]
fn a_story_timeline_is_timelinejs_json_of_its_published_briefings() {
    let site = data_site();
    site.run(&["build", "--drafts", "--future"]).assert_ok();
    let timeline = python_json(&site, "stories/talks/timeline.json");
    assert_eq!(timeline["title"]["text"]["headline"], "The talks");
    let events = timeline["events"].as_array().unwrap();
    // Oldest first; the future briefing of the story is left out.
    assert_eq!(events.len(), 2, "{timeline}");
    assert_eq!(
        events[0]["start_date"],
        serde_json::json!({"year": "2025", "month": "6", "day": "10"})
    );
    assert_eq!(
        events[0]["text"]["headline"],
        "<a href=\"https://example.org/briefings/plain/\">Plain briefing</a>"
    );
    assert_eq!(
        events[1]["text"]["headline"],
        "<a href=\"https://example.org/briefings/awkward/\">Kim says \"no\", then yes — 서울에서</a>"
    );
    assert_eq!(events[1]["group"], "The \"Daily\", Seoul");
    assert_eq!(events[1]["unique_id"], "awkward");
}
