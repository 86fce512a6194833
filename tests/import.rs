//! `briefgen import` on real-looking clippings: the KBS seed as a browser copies it, and
//! clippings in the styles of other outlets, as copied text and as saved HTML pages
//! (`tests/fixtures/clippings/`). Every extracted field is checked, and that the page's chrome
//! is gone. Then the command itself: into a site, to standard output, from standard input.

mod common;

use std::path::Path;

use briefgen::import::{ImportOptions, import};
use briefgen::scaffold::DraftBriefing;
use common::Site;
use jiff::tz::TimeZone;

struct Expected<'a> {
    file: &'a str,
    /// The time zone dates without an offset are read in.
    zone: &'a str,
    title: &'a str,
    date: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    people: &'a [&'a str],
    tags: &'a [&'a str],
    /// Passages the body keeps, as Markdown.
    body: &'a [&'a str],
    /// Chrome that must be gone.
    chrome: &'a [&'a str],
}

fn imported(file: &str, zone: &str) -> DraftBriefing {
    let path = Path::new("tests/fixtures/clippings").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let zone = TimeZone::get(zone).unwrap();
    import(&text, &ImportOptions::default(), &zone)
}

fn check(expected: &Expected<'_>) {
    let b = imported(expected.file, expected.zone);
    let file = expected.file;
    assert_eq!(b.title, expected.title, "{file}: title");
    let date = b.date.as_ref().map(briefgen::source::dates::rfc3339);
    assert_eq!(date.as_deref(), Some(expected.date), "{file}: date");
    // A clipping that names no outlet leaves the name for the curator.
    let unnamed = expected.source == briefgen::scaffold::UNNAMED_SOURCE;
    assert_eq!(
        b.source.as_deref(),
        (!unnamed).then_some(expected.source),
        "{file}: source"
    );
    assert_eq!(b.url.as_deref(), expected.url, "{file}: url");
    assert_eq!(b.people, expected.people, "{file}: people");
    assert_eq!(b.tags, expected.tags, "{file}: tags");
    assert!(b.draft, "{file}: a draft");
    for passage in expected.body {
        assert!(
            b.body.contains(passage),
            "{file}: body lacks {passage:?}:\n{}",
            b.body
        );
    }
    for chrome in expected.chrome {
        assert!(
            !b.body.contains(chrome),
            "{file}: body keeps {chrome:?}:\n{}",
            b.body
        );
    }
    assert!(
        !b.body.contains(expected.title),
        "{file}: the title is not repeated in the body"
    );
    // What it writes is a briefing that parses back to the same fields.
    let config = briefgen::source::config::SiteConfig::parse("base_url = \"https://e.org/\"")
        .unwrap()
        .config;
    let date = b.date.clone().unwrap();
    let parsed = briefgen::content::briefing::parse_one("2025/x.md", &b.to_text(&date), &config)
        .unwrap_or_else(|e| panic!("{file}: the draft does not parse: {e:?}"));
    assert_eq!(parsed.title, expected.title);
    assert_eq!(parsed.source.name, expected.source);
    assert_eq!(parsed.people, expected.people);
}

#[test]
fn the_kbs_seed_copied_from_a_browser() {
    check(&Expected {
        file: "kbs-seed.txt",
        zone: "Asia/Seoul",
        title: "White House: Trump Remains Receptive to Communication with Kim",
        date: "2025-06-12T15:18:48+09:00",
        source: "KBS World Radio News",
        url: None,
        people: &[
            "Kim Jong-un",
            "Donald Trump",
            "Karoline Leavitt",
            "Lee Jae-myung",
        ],
        tags: &["Politics", "White House", "United Nations", "New York"],
        body: &[
            "Anchor: The White House says U.S. President Donald Trump remains receptive",
            "> “The president remains receptive to correspondence with Kim Jong-un,",
            "calling North Korea a “nuclear power,”",
        ],
        chrome: &[
            "Menu Content",
            "Go Top",
            "Photo : YONHAP News",
            "Written:",
            "Editor's Pick",
            "Close",
            "cookies",
            "KBS World Radio News.",
        ],
    });
}

#[test]
fn a_wire_story_copied_as_text() {
    check(&Expected {
        file: "reuters.txt",
        zone: "UTC",
        title: "North Korea turns away Trump letter at United Nations, sources say",
        date: "2025-06-11T09:41:00+00:00",
        source: "Reuters",
        url: None,
        people: &["Kim Jong-un", "Victor Cha", "Donald Trump"],
        tags: &["Asia Pacific", "North Korea"],
        body: &[
            "SEOUL, June 11 (Reuters) - North Korean diplomats in New York refused",
            "> \"Kim is signalling that he will talk only as a nuclear power,\" Cha said.",
            "> \"We have nothing to say about private correspondence,\" the spokesperson said.",
        ],
        chrome: &[
            "Skip to main content",
            "Exclusive news, data and analytics",
            "By Hyonhee Shin",
            "Updated 2 hours ago",
            "Share",
            "Reporting by",
            "Our Standards",
            "Suggested Topics",
            "Read Next",
            "South Korea's new president calls",
        ],
    });
}

#[test]
fn a_korean_wire_story_copied_as_text() {
    check(&Expected {
        file: "yonhap.txt",
        zone: "Asia/Seoul",
        title: "Lee calls for restoring inter-Korean communication lines",
        date: "2025-06-12T10:31:00+09:00",
        source: "Yonhap",
        url: None,
        people: &["Lee Jae-myung"],
        tags: &["North Korea"],
        body: &[
            "SEOUL, June 12 (Yonhap) -- President Lee Jae-myung on Thursday",
            "> \"Communication is the first step toward peace,\" Lee said.",
            "since April 2023.",
        ],
        chrome: &[
            "All News",
            "(LEAD)",
            "By Kim Soo-yeon",
            "Photo : Yonhap",
            "sooyeon@yna.co.kr",
            "(END)",
            "Keywords",
            "Most Viewed",
            "BTS",
            "All Rights Reserved",
        ],
    });
}

#[test]
fn a_saved_page_with_open_graph_tags() {
    check(&Expected {
        file: "ap.html",
        zone: "UTC",
        title: "Trump says he would meet Kim Jong Un again",
        date: "2025-06-13T14:05:31+00:00",
        source: "AP News",
        url: Some("https://apnews.com/article/trump-kim-north-korea-meeting-4f1c2a"),
        // Most mentioned first: "Trump" three times, "Kim" twice (a full name counts once).
        people: &[
            "Donald Trump",
            "Kim Jong Un",
            "Karoline Leavitt",
            "Lee Jae-myung",
        ],
        tags: &["White House", "Demilitarized Zone", "US-North Korea"],
        body: &[
            "WASHINGTON (AP) — President Donald Trump said Friday",
            "> “I get along with him very well,” Trump told reporters at the White House. “We’ll see what happens.”",
            "[Karoline Leavitt](https://apnews.com/hub/karoline-leavitt)",
            "remained *receptive* to correspondence",
            "## Allies watch closely",
        ],
        chrome: &[
            "Menu",
            "By Aamer Madhani",
            "Updated 10:05",
            "Share",
            "Facebook",
            "Copy Link",
            "AP Photo",
            "Advertisement",
            "Related coverage",
            "North Korea fires missiles",
            "cookies",
            "Copyright",
        ],
    });
}

#[test]
fn a_saved_page_with_json_ld() {
    check(&Expected {
        file: "guardian.html",
        zone: "UTC",
        title: "North Korea rebuffs Trump’s overture as Kim courts Moscow",
        date: "2025-06-12T17:40:12+00:00",
        source: "The Guardian",
        url: Some(
            "https://www.theguardian.com/world/2025/jun/12/north-korea-rebuffs-trump-letter-kim-moscow",
        ),
        people: &[
            "Kim Jong-un",
            "Donald Trump",
            "Lim Eul-chul",
            "Vladimir Putin",
        ],
        tags: &["North Korea", "Russia", "Diplomacy"],
        body: &[
            "North Korea has rebuffed an attempt by Donald Trump",
            "> “North Korea has no reason to talk while Russia gives it what it needs,” said Lim Eul-chul",
            "signed a mutual defence pact.",
        ],
        chrome: &[
            "Skip to main content",
            "Opinion",
            "Sport",
            "Justin McCurry",
            "18.40 BST",
            "Explore more on these topics",
            "Reuse this content",
            "cookies",
            "Guardian News & Media",
        ],
    });
}

#[test]
fn a_saved_page_with_only_a_time_element() {
    check(&Expected {
        file: "bbc.html",
        zone: "UTC",
        title: "South Korea's Lee offers to restore hotline with North",
        date: "2025-06-13T08:12:44+00:00",
        source: "BBC News",
        url: Some("https://www.bbc.com/news/articles/c9dx1234lmno"),
        people: &[
            "Lee Jae-myung",
            "Yoon Suk Yeol",
            "Kim Jong Un",
            "Park Won-gon",
        ],
        tags: &["North Korea"],
        body: &[
            "**South Korea's new president, Lee Jae-myung, has offered to restore the military hotline",
            "said he wanted to \"lower tensions\" on the Korean peninsula.",
            "said Park Won-gon of Ewha Womans University.",
        ],
        chrome: &[
            "Sounds",
            "Sign in",
            "Jean Mackenzie",
            "Seoul correspondent",
            "won the election on 3 June",
            "Getty Images",
            "Related topics",
            "More on this story",
            "Who is Lee Jae-myung?",
            "Copyright",
            "external linking",
        ],
    });
}

#[test]
fn url_from_the_command_line_wins() {
    let text = std::fs::read_to_string("tests/fixtures/clippings/kbs-seed.txt").unwrap();
    let options = ImportOptions {
        url: Some("https://world.kbs.co.kr/service/news_view.htm?Seq_Code=194336".into()),
        ..ImportOptions::default()
    };
    let b = import(&text, &options, &TimeZone::UTC);
    assert_eq!(
        b.url.as_deref(),
        Some("https://world.kbs.co.kr/service/news_view.htm?Seq_Code=194336")
    );
    assert_eq!(
        b.date
            .as_ref()
            .map(briefgen::source::dates::rfc3339)
            .as_deref(),
        Some("2025-06-12T15:18:48+00:00"),
        "without a site, a date with no offset is read in the zone given"
    );
    // Over the page's own canonical address, too.
    let page = std::fs::read_to_string("tests/fixtures/clippings/ap.html").unwrap();
    let options = ImportOptions {
        url: Some("https://example.org/clipped".into()),
        ..ImportOptions::default()
    };
    let b = import(&page, &options, &TimeZone::UTC);
    assert_eq!(b.url.as_deref(), Some("https://example.org/clipped"));
}

#[test]
fn import_writes_a_draft_where_new_would_and_never_overwrites() {
    let site = Site::new("base_url = \"https://e.org/\"\ntimezone = \"Asia/Seoul\"\n");
    let seed = std::fs::canonicalize("tests/fixtures/clippings/kbs-seed.txt").unwrap();
    let seed = seed.to_str().unwrap();
    let out = site.run(&["import", seed]);
    out.assert_ok();
    let expected =
        "content/2025/2025-06-12-white-house-trump-remains-receptive-to-communication-with-kim.md";
    assert!(out.stdout.trim().ends_with(expected), "{}", out.stdout);
    let text = std::fs::read_to_string(site.path(expected)).unwrap();
    assert!(text.contains("draft: true"), "{text}");
    assert!(text.contains("source: \"KBS World Radio News\""), "{text}");
    // The draft is left out of a build, and built with --drafts.
    site.run(&["build"]).assert_ok();
    let page = "briefings/white-house-trump-remains-receptive-to-communication-with-kim/index.html";
    assert!(!site.has_output(page));
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.has_output(page));

    let again = site.run(&["import", seed]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let now = std::fs::read_to_string(site.path(expected)).unwrap();
    assert_eq!(now, text, "the first draft is untouched");
}

#[test]
fn import_reads_standard_input_and_prints_with_stdout() {
    let site = Site::new(common::SITE_TOML);
    let html = std::fs::read_to_string("tests/fixtures/clippings/bbc.html").unwrap();
    let out = site.run_with_input(&["import", "-", "--stdout"], &html);
    out.assert_ok();
    assert!(
        out.stdout.starts_with(
            "---\ntitle: \"South Korea's Lee offers to restore hotline with North\"\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("date: 2025-06-13T08:12:44+00:00"),
        "{}",
        out.stdout
    );
    let written = std::fs::read_dir(site.path("content")).unwrap().count();
    assert_eq!(written, 0, "--stdout writes no file");
}

// Issue 13: copied text in layouts other than the seed's.

#[test]
fn a_newspaper_page_copied_with_its_menus_standfirst_and_byline_in_a_city() {
    check(&Expected {
        file: "paper-text.txt",
        zone: "UTC",
        // Not the byline ("Hana Lindqvist in Seoul"), not the standfirst under the headline.
        title: "Seoul court orders release of detained fishing crew after three-week standoff",
        date: "2024-12-04T09:51:00+01:00",
        source: "Unknown source",
        url: None,
        // No title in front ("Foreign Minister", "Secretary of State"), no sentence-crossing
        // run, and the writer is not suggested.
        people: &["Cho Tae-yul", "Marco Rubio", "Zhou Minghai"],
        tags: &["South Korea"],
        body: &[
            "A court in Seoul has ordered the release of 11 Chinese sailors",
            "Rubio did not comment further.",
        ],
        chrome: &[
            "Opinion",
            "This article is more than 1 year old",
            "Hana Lindqvist",
            "Share",
            "Explore more on these topics",
            "Most viewed",
            "Markets slide",
        ],
    });
}

#[test]
fn a_wire_story_with_a_country_in_its_dateline_and_the_time_before_the_date() {
    check(&Expected {
        file: "wire-text.txt",
        zone: "UTC",
        title: "North Korea launches rocket carrying spy satellite, Seoul says",
        // "Updated 3:42 AM GMT+9, March 10, 2025": the time and zone before the date count.
        date: "2025-03-10T03:42:00+09:00",
        // "SEOUL, South Korea (AP) —" names the agency.
        source: "Associated Press",
        url: None,
        // "Japan's Prime Minister Ishiba Shigeru": neither the possessive nor the title.
        people: &["Ishiba Shigeru", "Kim Jong Un"],
        tags: &["South Korea", "North Korea", "Joint Chiefs"],
        body: &[
            "SEOUL, South Korea (AP) — North Korea launched a rocket",
            "Park reported from Seoul, Okafor from Tokyo.",
        ],
        chrome: &[
            "Skip to main content",
            "\n\nAP\n\n",
            "\n\nPolitics\n\n",
            "WORLD NEWS",
            "By MINA PARK",
            "Updated 3:42",
            "Most Read",
            "Fed holds rates",
        ],
    });
}

#[test]
fn a_broadcaster_page_with_a_bare_time_and_trailing_keywords() {
    check(&Expected {
        file: "broadcaster-text.txt",
        zone: "UTC",
        title: "Ruling party picks new floor leader ahead of budget talks",
        // "Posted : 2025-11-18 11:02 KST" at the foot, its zone read.
        date: "2025-11-18T11:02:00+09:00",
        source: "Unknown source",
        url: None,
        people: &["Han Ji-woo", "Choi Sung-min"],
        tags: &["POLITICS"],
        body: &[
            "Lawmakers of the ruling party on Tuesday elected",
            "Choi congratulated Han.",
        ],
        chrome: &[
            "Latest",
            "Economy",
            "11:02 KST",
            "Posted",
            "Keywords",
            "National Assembly\n",
            "Most viewed",
            "Heavy snow",
        ],
    });
}

/// A wire agency's story copied with the site's banner in capitals, a row of section names
/// above the headline and the time before the date (issue 29's clipping): the headline is the
/// line above the date, not the banner; the date is read; the dateline names the agency; and
/// no tag is made of the menu.
#[test]
fn an_agency_story_copied_under_its_banner_and_section_row() {
    check(&Expected {
        file: "agency-banner.txt",
        zone: "Asia/Seoul",
        title: "N. Korea fires ballistic missile into East Sea: JCS",
        date: "2025-05-08T09:12:00+09:00",
        source: "Yonhap",
        url: None,
        people: &[],
        tags: &["North Korea", "East Sea", "South Korea's Joint Chiefs"],
        body: &[
            "SEOUL, May 8 (Yonhap) -- North Korea fired a ballistic missile into the East Sea",
            "The launch came days after the North's leader inspected a munitions factory",
        ],
        chrome: &[
            "YONHAP NEWS AGENCY",
            "NATIONAL POLITICS DIPLOMACY",
            "All News",
            "(END)",
        ],
    });
}

/// Regression: the date line of a wire story's page sits above its headline, as parts ("March
/// 4, 2025 / 9:41 AM / Updated an hour ago"), where only the lines under a headline were read.
#[test]
fn a_wire_story_with_its_date_line_above_the_headline() {
    check(&Expected {
        file: "wire-date-above-headline.txt",
        zone: "Europe/Berlin",
        title: "Carmaker's European deliveries rise for a third month as electric models gain",
        date: "2025-03-04T09:41:00+01:00",
        source: "Reuters",
        url: None,
        people: &[],
        tags: &[],
        body: &[
            "BERLIN (Reuters) - Deliveries of the carmaker's vehicles in Europe rose",
            "In China, where the carmaker has lost ground to local rivals",
        ],
        chrome: &[
            "Directory of sites",
            "Updated an hour ago",
            "2 Min Read",
            "Our Standards",
        ],
    });
}
