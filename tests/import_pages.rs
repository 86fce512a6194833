//! `import` of saved pages, one small page of our own for each way import used to lose the
//! article (issue 13): the wrong root, chrome filters matching inside words, a declared
//! charset ignored, dates not found (and the import time written silently), and names
//! suggested across sentences or with their titles.

mod common;

use briefgen::import::{ImportOptions, import};
use jiff::tz::TimeZone;

use common::Site;

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Port strike ends after ten days - The Harbour Post</title>{head}</head><body>{body}</body></html>"
    )
}

/// Five paragraphs of a story, each long enough to count as text.
fn story() -> String {
    [
        "Dock workers in the southern port voted on Sunday to end a ten-day strike that had left container ships waiting offshore and shelves short of imported goods.",
        "The union said members accepted a pay rise of six percent over two years, along with new limits on night shifts that had been the main point of dispute.",
        "Shipping companies warned that clearing the backlog of more than forty vessels would take at least a week, even with extra crews working through the weekend.",
        "The port authority said cranes would run around the clock from Monday morning and that priority would go to ships carrying food and medical supplies.",
        "Economists said the strike had cost the regional economy tens of millions of dollars, though most of the delayed cargo would now reach stores before the holidays.",
    ]
    .iter()
    .map(|p| format!("<p>{p}</p>"))
    .collect()
}

fn imported(html: &str) -> briefgen::scaffold::DraftBriefing {
    import(
        html,
        &ImportOptions {
            html: Some(true),
            ..ImportOptions::default()
        },
        &TimeZone::UTC,
    )
}

/// Fails naming the first of `chrome` that `body` keeps.
fn assert_lacks(body: &str, chrome: &[&str]) {
    for words in chrome {
        assert!(!body.contains(words), "kept {words:?}:\n{body}");
    }
}

fn assert_story(body: &str) {
    for words in [
        "Dock workers in the southern port voted",
        "priority would go to ships carrying food",
        "before the holidays.",
    ] {
        assert!(body.contains(words), "lost {words:?}:\n{body}");
    }
}

#[test]
fn a_teaser_a_call_to_action_article_or_a_meta_article_body_does_not_win_over_the_story() {
    let html = page(
        r#"<meta property="og:title" content="Port strike ends after ten days">"#,
        &format!(
            r#"<meta itemprop="articleBody" content="Dock workers voted to end the strike.">
            <article class="promo"><h2>Get the morning briefing</h2><p>Sign up for our newsletter and never miss a story.</p><a href="/signup">Sign up</a></article>
            <article class="teaser"><h3><a href="/other">Other story: ferry fares to rise</a></h3></article>
            <div class="story-body"><h1>Port strike ends after ten days</h1>{}</div>
            <aside><article><h3>Related: rail workers plan walkout</h3></article></aside>"#,
            story()
        ),
    );
    let b = imported(&html);
    assert_eq!(b.title, "Port strike ends after ten days");
    assert_story(&b.body);
    assert_lacks(
        &b.body,
        &[
            "Get the morning briefing",
            "newsletter",
            "ferry fares",
            "rail workers",
        ],
    );
}

#[test]
fn without_an_article_element_galleries_comments_footers_and_hidden_text_stay_out() {
    let html = page(
        "",
        &format!(
            r#"<header><a href="/">Home</a> <a href="/news">News</a></header>
            <div class="wrap"><div class="content"><h1>Port strike ends after ten days</h1>{}
            <div style="display: none">Hidden survey: rate this article</div>
            <p hidden>Hidden paywall notice</p>
            <p aria-hidden="true">Screen-hidden share counter</p>
            </div>
            <div class="gallery"><figure><img src="a.jpg" alt=""><figcaption>Cranes at dawn</figcaption></figure></div>
            <section id="comments" class="comments"><h2>42 comments</h2><div class="comment"><p>Finally! It took them long enough to agree on something sensible for everyone.</p></div></section>
            </div>
            <footer><p>Contact us. Terms of use. Privacy.</p></footer>"#,
            story()
        ),
    );
    let b = imported(&html);
    assert_story(&b.body);
    assert_lacks(
        &b.body,
        &[
            "Hidden survey",
            "paywall",
            "share counter",
            "Cranes at dawn",
            "42 comments",
            "Finally!",
            "Terms of use",
            "Home",
        ],
    );
}

#[test]
fn class_and_id_rules_match_whole_words_and_keep_preformatted_text_and_tables() {
    let html = page(
        "",
        &format!(
            r#"<div id="contentWithSidebar"><div class="shared-history"><h1>Port strike ends after ten days</h1>{}
            <p>Read the union's <a class="popup" href="https://example.org/statement">full statement on the agreement</a> online, where the terms are listed in detail for members.</p>
            <table><tr><th>Year</th><th>Rise</th></tr><tr><td>2025</td><td>3 %</td></tr><tr><td>2026</td><td>3 %</td></tr></table>
            <pre>AGREEMENT TEXT
   Clause 1. Night shifts end at 02:00.
   Copyright (c) 2025 the parties. All Rights Reserved.</pre>
            </div></div>
            <div class="sidebar"><p>Most popular: ten things to do this weekend in the old town.</p></div>"#,
            story()
        ),
    );
    let b = imported(&html);
    assert_story(&b.body);
    assert!(
        b.body
            .contains("[full statement on the agreement](https://example.org/statement)"),
        "a popup link is still part of its sentence:\n{}",
        b.body
    );
    assert!(
        b.body
            .contains("| Year | Rise |\n| --- | --- |\n| 2025 | 3 % |"),
        "the table is kept as a table:\n{}",
        b.body
    );
    assert!(
        b.body.contains(
            "```\nAGREEMENT TEXT\n   Clause 1. Night shifts end at 02:00.\n   Copyright (c) 2025 the parties. All Rights Reserved.\n```"
        ),
        "preformatted text is kept as it is, whatever it says:\n{}",
        b.body
    );
    assert!(!b.body.contains("ten things to do"), "{}", b.body);
}

#[test]
fn the_page_date_is_found_wherever_a_page_gives_it_and_publication_beats_modification() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "JSON-LD in CDATA, over a later og date",
            r#"<script type="application/ld+json">//<![CDATA[
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Port strike ends","datePublished":"2025-03-02T08:00:00+09:00","dateModified":"2025-03-04T10:00:00+09:00"}
            //]]></script><meta property="article:published_time" content="2025-03-03T00:00:00Z">"#,
            "2025-03-02T08:00:00+09:00",
        ),
        (
            "JSON-LD with a stray bracket after it (what a strict parse calls extra data)",
            r#"<script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Port strike ends","datePublished":"2020-10-26T18:10:00+01:00"}
            }</script>"#,
            "2020-10-26T18:10:00+01:00",
        ),
        (
            "Parse.ly",
            r#"<meta name="parsely-pub-date" content="2024-11-05T14:30:00Z">"#,
            "2024-11-05T14:30:00+00:00",
        ),
        (
            "Sailthru",
            r#"<meta name="sailthru.date" content="2024-10-01 09:15:00">"#,
            "2024-10-01T09:15:00+00:00",
        ),
        (
            "Dublin Core, any case",
            r#"<meta name="DC.date.issued" content="2023-07-19">"#,
            "2023-07-19T00:00:00+00:00",
        ),
        (
            "itemprop",
            r#"<meta itemprop="datePublished" content="2022-01-31T06:00:00-05:00">"#,
            "2022-01-31T06:00:00-05:00",
        ),
        (
            "modification beats nothing but loses to publication",
            r#"<meta property="article:modified_time" content="2021-06-01T12:00:00Z"><meta property="og:published_time" content="2021-05-30T12:00:00Z">"#,
            "2021-05-30T12:00:00+00:00",
        ),
        (
            "modification alone",
            r#"<meta property="article:modified_time" content="2021-06-01T12:00:00Z">"#,
            "2021-06-01T12:00:00+00:00",
        ),
        (
            "the address's path",
            r#"<link rel="canonical" href="https://news.example.org/2020/09/14/port-strike-ends/">"#,
            "2020-09-14T00:00:00+00:00",
        ),
    ];
    for (what, head, want) in cases {
        let b = imported(&page(head, &story()));
        let got = b.date.as_ref().map(briefgen::source::dates::rfc3339);
        assert_eq!(got.as_deref(), Some(*want), "{what}");
        assert!(b.date_note.is_none(), "{what}");
    }
    // A `<time>` in the page, with nothing in the head.
    let timed = page(
        "",
        &format!(
            r#"<article><h1>Port strike</h1><time datetime="2019-12-24T18:00:00Z">Christmas Eve</time>{}</article>"#,
            story()
        ),
    );
    let got = imported(&timed)
        .date
        .map(|d| briefgen::source::dates::rfc3339(&d));
    assert_eq!(got.as_deref(), Some("2019-12-24T18:00:00+00:00"));
    // A date only in a line under the headline, outside the article's text and in no
    // element named for it; a later date further down (a related story's) is not taken.
    let under_headline = page(
        "",
        &format!(
            r#"<header><h1>Port strike ends</h1><p class="tagline">22/11/2020 - 04:30 - Fonte: <a href="/agencia">Agência Brasil</a></p></header>
            <div class="content">{}</div><aside><p>Outra notícia</p><p>23/11/2020 - 09:00</p></aside>"#,
            story()
        ),
    );
    let got = imported(&under_headline)
        .date
        .map(|d| briefgen::source::dates::rfc3339(&d));
    assert_eq!(got.as_deref(), Some("2020-11-22T04:30:00+00:00"));
    // A date given only as text in an element named for it, not a comment's.
    let dated_text = page(
        "",
        &format!(
            r#"<div class="comments"><span class="comment-date">1 July 2025</span></div>
            <article><h1>Port strike</h1><p class="byline">By Ana Ruiz</p><span class="post-date">Posted 12 June 2025, 14:05</span>{}</article>"#,
            story()
        ),
    );
    let got = imported(&dated_text)
        .date
        .map(|d| briefgen::source::dates::rfc3339(&d));
    assert_eq!(got.as_deref(), Some("2025-06-12T14:05:00+00:00"));
    // An implausible year is no article's date.
    let ancient = page(r#"<meta name="date" content="1856-05-07">"#, &story());
    assert!(imported(&ancient).date.is_none());
}

#[test]
fn a_page_without_a_date_gets_a_draft_that_says_so_and_a_warning() {
    let site = Site::new(common::SITE_TOML);
    site.write("undated.html", &page("", &story()));
    let run = site.run(&["import", site.path("undated.html").to_str().unwrap()]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: no date found in the clipping"),
        "{}",
        run.stderr
    );
    let draft = std::fs::read_to_string(run.stdout.trim()).unwrap();
    let date_line = draft.lines().find(|l| l.starts_with("date: ")).unwrap();
    assert!(
        date_line.contains("  # no date found in the clipping"),
        "{date_line}"
    );
    // The draft still builds (the comment is YAML's, not the date's).
    site.build().assert_ok();
    // A dated page gives no warning.
    site.write(
        "dated.html",
        &page(
            r#"<meta property="article:published_time" content="2025-06-12T10:00:00Z">"#,
            &story(),
        ),
    );
    let run = site.import_to_stdout("dated.html");
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stdout.contains("date: 2025-06-12T10:00:00+00:00\n"));
}

#[test]
fn a_page_in_a_legacy_encoding_reads_as_its_charset_says_or_as_its_bytes_suggest() {
    let site = Site::new(common::SITE_TOML);
    // Windows-1252, declared: curly quotes, accents and a euro sign.
    let paragraph = "<p>“Prices at the café went up by €1 a cup this month,” said the owner, who blamed the cost of beans and the rise in rents across the old town.</p>";
    let latin = format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Café prices rise</title></head><body><article><h1>Café prices rise</h1>{}</article></body></html>",
        paragraph.repeat(4)
    );
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&latin);
    assert!(!lossy);
    std::fs::write(site.path("latin.html"), &bytes).unwrap();
    // Shift_JIS, undeclared.
    let japanese = format!(
        "<!DOCTYPE html><html><head><title>港のストライキが終わる</title></head><body><article>{}</article></body></html>",
        "<p>港の労働者は日曜日、十日間のストライキを終えることを決めた。組合は二年間で六パーセントの賃上げを受け入れたと述べた。</p>".repeat(3)
    );
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(&japanese);
    assert!(!lossy);
    std::fs::write(site.path("sjis.html"), &bytes).unwrap();
    let latin = site.import_to_stdout("latin.html");
    latin.assert_ok();
    assert!(!latin.stdout.contains('\u{fffd}'), "{}", latin.stdout);
    assert!(
        latin.stdout.contains("title: \"Café prices rise\""),
        "{}",
        latin.stdout
    );
    assert!(
        latin
            .stdout
            .contains("“Prices at the café went up by €1 a cup"),
        "{}",
        latin.stdout
    );
    let sjis = site.import_to_stdout("sjis.html");
    sjis.assert_ok();
    assert!(!sjis.stdout.contains('\u{fffd}'), "{}", sjis.stdout);
    assert!(
        sjis.stdout.contains("港の労働者は日曜日"),
        "{}",
        sjis.stdout
    );
}

#[test]
fn suggested_people_take_the_site_spelling_from_its_people_file() {
    let site = Site::new(common::SITE_TOML);
    site.write(
        "data/people.yaml",
        "Kim Jong-un:\n  role: Leader of North Korea\nLee Jae-myung:\n  aliases: [\"Yi Jae-myeong\"]\n",
    );
    let text = "Talks resume at the border\n\
        SEOUL, June 12 (Yonhap) -- President Yi Jae-myeong said on Thursday that talks with the North would resume at the border village next month, after a pause of two years.\n\
        Officials said Kim Jong Un had agreed to send a delegation. Kim did not comment. Yi said he hoped for progress.\n";
    site.write("clip.txt", text);
    let run = site.import_to_stdout("clip.txt");
    run.assert_ok();
    assert!(
        run.stdout
            .contains("people: [\"Lee Jae-myung\", \"Kim Jong-un\"]"),
        "{}",
        run.stdout
    );
}
