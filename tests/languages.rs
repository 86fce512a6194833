//! Languages and translations (issue 31, its first part): a briefing's `language` is its
//! page's `lang`, its feed entry's `xml:lang`, its JSON-LD `inLanguage` and its row's
//! `language` in the data files; `translation_of` links two briefings both ways — "Also in",
//! `<link rel="alternate" hreflang>` in the head and `xhtml:link` in the sitemap — and a
//! translation of nothing, or of itself, is an error at its line.

mod common;

use common::{Site, front};

const SITE: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n";

/// An English briefing, its Korean translation, and a Japanese translation of the Korean one.
fn translated_site() -> Site {
    let site = Site::new(SITE);
    site.briefing(
        "2025/talks.md",
        &front("Talks resume", "2025-06-12", &["Talks"], &["Lee Jae-myung"]),
        "The talks resumed.\n",
    );
    site.briefing(
        "2025/talks-ko.md",
        &format!(
            "{}language: ko\ntranslation_of: 2025/talks.md\n",
            front("회담 재개", "2025-06-12", &["Talks"], &["Lee Jae-myung"])
        ),
        "회담이 재개됐습니다.\n",
    );
    site.briefing(
        "2025/talks-ja.md",
        &format!(
            "{}language: ja\ntranslation_of: \"@/2025/talks-ko.md\"\n",
            front("会談再開", "2025-06-12", &["Talks"], &["Lee Jae-myung"])
        ),
        "会談が再開された。\n",
    );
    site
}

#[test]
fn a_briefings_language_is_its_pages_its_feed_entrys_its_json_lds_and_its_datas() {
    let site = translated_site();
    site.build().assert_ok();
    let ko = site.output("briefings/talks-ko/index.html");
    assert!(
        ko.starts_with("<!doctype html>\n<html lang=\"ko\">"),
        "{ko}"
    );
    assert!(ko.contains("\"inLanguage\":\"ko\""), "{ko}");
    let en = site.output("briefings/talks/index.html");
    assert!(
        en.starts_with("<!doctype html>\n<html lang=\"en\">"),
        "{en}"
    );
    assert!(en.contains("\"inLanguage\":\"en\""), "{en}");
    // Pages of the site, not of one briefing, are in the site's language.
    assert!(site.output("index.html").contains("<html lang=\"en\">"));
    let feed = site.output("atom.xml");
    assert!(feed.contains("<entry xml:lang=\"ko\">"), "{feed}");
    assert!(feed.contains("<entry xml:lang=\"ja\">"), "{feed}");
    assert_eq!(
        feed.matches("<entry>").count(),
        1,
        "the site's language is the feed's: {feed}"
    );
    let data: serde_json::Value =
        serde_json::from_str(&site.output("data/briefings.json")).unwrap();
    let languages: Vec<&str> = data
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["language"].as_str().unwrap())
        .collect();
    let mut sorted = languages.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["en", "ja", "ko"]);
}

#[test]
fn translations_are_linked_both_ways_and_through_each_other() {
    let site = translated_site();
    site.build().assert_ok();
    for (slug, own, others) in [
        (
            "talks",
            "en",
            [("ko", "talks-ko", "한국어"), ("ja", "talks-ja", "日本語")],
        ),
        (
            "talks-ko",
            "ko",
            [("en", "talks", "English"), ("ja", "talks-ja", "日本語")],
        ),
        (
            "talks-ja",
            "ja",
            [("en", "talks", "English"), ("ko", "talks-ko", "한국어")],
        ),
    ] {
        let page = site.output(&format!("briefings/{slug}/index.html"));
        let also = &page[page
            .find("<p class=\"translations\">Also in: ")
            .unwrap_or_else(|| panic!("{page}"))..];
        let also = &also[..also.find("</p>").unwrap()];
        for (language, other, name) in others {
            assert!(
                also.contains(&format!("<a href=\"/briefings/{other}/\" hreflang=\"{language}\" lang=\"{language}\">{name}</a>")),
                "{slug}: {also}"
            );
            assert!(
                page.contains(&format!("<link rel=\"alternate\" hreflang=\"{language}\" href=\"https://example.org/briefings/{other}/\">")),
                "{slug}: {page}"
            );
        }
        // The page names itself among the alternates too, as Google asks.
        assert!(
            page.contains(&format!("<link rel=\"alternate\" hreflang=\"{own}\" href=\"https://example.org/briefings/{slug}/\">")),
            "{slug}: {page}"
        );
    }
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
        "{sitemap}"
    );
    let entry = &sitemap[sitemap
        .find("<loc>https://example.org/briefings/talks/</loc>")
        .unwrap()..];
    let entry = &entry[..entry.find("</url>").unwrap()];
    for (language, slug) in [("en", "talks"), ("ko", "talks-ko"), ("ja", "talks-ja")] {
        assert!(
            entry.contains(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{language}\" href=\"https://example.org/briefings/{slug}/\"/>")),
            "{entry}"
        );
    }
    // A briefing without translations has neither.
    let plain = Site::new(SITE);
    plain.briefing("a.md", &front("A", "2025-06-12", &[], &[]), "A.\n");
    plain.build().assert_ok();
    let page = plain.output("briefings/a/index.html");
    assert!(
        !page.contains("hreflang") && !page.contains("Also in"),
        "{page}"
    );
    assert!(!plain.output("sitemap.xml").contains("xhtml:link"));
}

#[test]
fn a_translation_of_nothing_or_of_itself_and_a_bad_language_are_errors_at_their_lines() {
    let site = Site::new(SITE);
    site.briefing(
        "2025/talks.md",
        &front("Talks", "2025-06-12", &[], &[]),
        "x\n",
    );
    site.briefing(
        "2025/missing.md",
        &format!(
            "{}translation_of: 2025/talk.md\n",
            front("M", "2025-06-12", &[], &[])
        ),
        "x\n",
    );
    site.briefing(
        "2025/itself.md",
        &format!(
            "{}translation_of: 2025/itself.md\n",
            front("I", "2025-06-12", &[], &[])
        ),
        "x\n",
    );
    site.briefing(
        "2025/bad.md",
        &format!("{}language: korean\n", front("B", "2025-06-12", &[], &[])),
        "x\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    // `front` writes five lines after the opening `---`: translation_of and language are on 7.
    assert!(
        run.stderr.contains("content/2025/missing.md:7")
            && run.stderr.contains("there is no content/2025/talk.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `2025/talks.md`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/2025/itself.md:7")
            && run.stderr.contains("names this briefing itself"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/2025/bad.md:7")
            && run.stderr.contains("language `korean` is not a BCP 47"),
        "{}",
        run.stderr
    );
    assert!(!site.has_output("index.html"), "nothing is written");
}
