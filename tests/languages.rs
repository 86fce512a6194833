//! Languages and translations (issue 31, its first part): a briefing's `language` is its
//! page's `lang`, its feed entry's `xml:lang`, its JSON-LD `inLanguage` and its row's
//! `language` in the data files; `translation_of` links two briefings both ways — "Also in",
//! `<link rel="alternate" hreflang>` in the head and `xhtml:link` in the sitemap — and a
//! translation of nothing, or of itself, is an error at its line; a Korean page has the
//! theme's Korean words and dates, which a site's `i18n/<language>.toml` overrides.

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
        let also_in = if own == "ko" {
            "다른 언어"
        } else {
            "Also in"
        };
        let also = &page[page
            .find(&format!("<p class=\"translations\">{also_in}: "))
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

#[test]
fn a_korean_page_has_the_themes_korean_words_and_dates_and_a_site_overrides_a_word() {
    let site = translated_site();
    site.build().assert_ok();
    let ko = site.output("briefings/talks-ko/index.html");
    for korean in [
        "본문으로 건너뛰기",
        ">검색<",
        "2025년 6월 12일",
        "다른 언어",
        "1분 분량",
    ] {
        assert!(ko.contains(korean), "{korean} in {ko}");
    }
    assert!(
        !ko.contains("Skip to content") && !ko.contains("12 June 2025"),
        "{ko}"
    );
    let en = site.output("briefings/talks/index.html");
    assert!(
        en.contains("Skip to content") && en.contains("12 June 2025"),
        "{en}"
    );
    // A title in another language than its page's says so, beside a page (and in lists:
    // `lists_show_one_entry_per_story_in_languages`).
    let home = site.output("index.html");
    assert!(
        home.contains("<a href=\"/briefings/talks/\">Talks resume</a>"),
        "{home}"
    );
    assert!(
        ko.contains("<span lang=\"ja\">会談再開</span>")
            || ko.contains("<span lang=\"en\">Talks resume</span>"),
        "{ko}"
    );
    // Japanese has no file: English words, the page still `lang="ja"`.
    let ja = site.output("briefings/talks-ja/index.html");
    assert!(
        ja.contains("Skip to content") && ja.contains("<html lang=\"ja\">"),
        "{ja}"
    );

    // A site's own file replaces one word of a language, and adds a language.
    site.write("i18n/ko.toml", "search = \"찾기\"\n");
    site.write(
        "i18n/ja.toml",
        "search = \"検索\"\ndate = \"{year}年{month}{day}日\"\njune = \"6月\"\n",
    );
    site.build().assert_ok();
    let ko = site.output("briefings/talks-ko/index.html");
    assert!(
        ko.contains(">찾기<") && ko.contains("본문으로 건너뛰기"),
        "{ko}"
    );
    let ja = site.output("briefings/talks-ja/index.html");
    assert!(
        ja.contains(">検索<") && ja.contains("2025年6月12日"),
        "{ja}"
    );
    assert!(site.output("index.html").contains(">Search<"));
}

#[test]
fn a_word_the_theme_does_not_have_is_an_error_at_its_line_and_nothing_is_written() {
    let site = translated_site();
    site.write("i18n/ko.toml", "search = \"찾기\"\nalso_inn = \"또\"\n");
    site.write("i18n/korean.toml", "search = \"찾기\"\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("i18n/ko.toml:2")
            && run
                .stderr
                .contains("`also_inn` is not one of the theme's words")
            && run.stderr.contains("did you mean `also_in`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("i18n/korean.toml") && run.stderr.contains("not a BCP 47"),
        "{}",
        run.stderr
    );
    assert!(!site.has_output("index.html"), "nothing is written");
}

/// Every word of the built search index with its number of briefings.
fn index_words(site: &Site) -> std::collections::BTreeMap<String, usize> {
    let mut words = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(site.path("public/search/data/w")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for (word, lists) in briefgen::search::read_word_file(&bytes) {
            words.insert(word, lists.iter().map(Vec::len).sum::<usize>());
        }
    }
    words
}

#[test]
fn search_offers_a_language_filter_only_on_a_site_of_two_languages_or_more() {
    let site = translated_site();
    site.build().assert_ok();
    let words = index_words(&site);
    assert_eq!(words.get("l:en"), Some(&1));
    assert_eq!(words.get("l:ko"), Some(&1));
    assert_eq!(words.get("l:ja"), Some(&1));
    let search = site.output("search/index.html");
    assert!(
        search.contains("<option value=\"ko\" lang=\"ko\">한국어</option>")
            && search.contains("<label for=\"search-language\">Language</label>"),
        "{search}"
    );

    // One language: no filter, and the index pays nothing for it.
    let site = Site::new(SITE);
    site.briefing(
        "2025/talks.md",
        &front("Talks resume", "2025-06-12", &["Talks"], &[]),
        "The talks resumed.\n",
    );
    site.build().assert_ok();
    assert!(!index_words(&site).keys().any(|w| w.starts_with("l:")));
    assert!(!site.output("search/index.html").contains("search-language"));

    // A site in Korean: a result's date is written as its lists write it.
    let site = Site::new(&format!("{SITE}language = \"ko\"\n"));
    site.briefing(
        "2025/talks.md",
        &front("회담 재개", "2025-06-12", &["Talks"], &[]),
        "회담이 재개됐습니다.\n",
    );
    site.build().assert_ok();
    let fragment = site.output("search/data/f/0.json");
    assert!(fragment.contains("\"2025년 6월 12일\""), "{fragment}");
    assert!(
        !fragment.contains("\"ko\""),
        "no language of its own: {fragment}"
    );
}

#[test]
fn lists_show_one_entry_per_story_in_languages_with_the_others_one_click_away() {
    let site = translated_site();
    // A Korean briefing that translates nothing, and one whose English original has another
    // tag: each list shows a briefing's translation in the site's language when the list
    // holds it, the briefing itself when it does not.
    site.briefing(
        "2025/alone-ko.md",
        &format!(
            "{}language: ko\n",
            front("홀로", "2025-06-11", &["Talks"], &[])
        ),
        "한국어뿐.\n",
    );
    site.briefing(
        "2025/visit.md",
        &front("Visit", "2025-06-10", &["Visits"], &[]),
        "x\n",
    );
    site.briefing(
        "2025/visit-ko.md",
        &format!(
            "{}language: ko\ntranslation_of: 2025/visit.md\n",
            front("방문", "2025-06-10", &["Talks"], &[])
        ),
        "x\n",
    );
    site.build().assert_ok();
    let home = site.output("index.html");
    let listed = |page: &str| -> Vec<String> {
        page.match_indices("<li><time")
            .map(|(at, _)| {
                let item = &page[at..];
                let href = &item[item.find("<a href=\"").unwrap() + 9..];
                href[..href.find('"').unwrap()].to_string()
            })
            .collect()
    };
    assert_eq!(
        listed(&home),
        [
            "/briefings/talks/",
            "/briefings/alone-ko/",
            "/briefings/visit/"
        ],
        "{home}"
    );
    assert!(
        home.contains("<a href=\"/briefings/alone-ko/\" lang=\"ko\">홀로</a>"),
        "{home}"
    );
    assert!(
        home.contains("<span class=\"also-in\">Also in: <a href=\"/briefings/talks-ja/\" hreflang=\"ja\" lang=\"ja\">日本語</a> / <a href=\"/briefings/talks-ko/\" hreflang=\"ko\" lang=\"ko\">한국어</a></span>")
            || home.contains("<span class=\"also-in\">Also in: <a href=\"/briefings/talks-ko/\" hreflang=\"ko\" lang=\"ko\">한국어</a> / <a href=\"/briefings/talks-ja/\" hreflang=\"ja\" lang=\"ja\">日本語</a></span>"),
        "{home}"
    );
    // The Talks tag holds the English "Talks resume" (its translations give way) and the
    // Korean "방문", whose English original is not tagged Talks.
    let talks = site.output("tags/talks/index.html");
    assert_eq!(
        listed(&talks),
        [
            "/briefings/talks/",
            "/briefings/alone-ko/",
            "/briefings/visit-ko/"
        ],
        "{talks}"
    );
    let month = site.output("chronology/2025/06/index.html");
    assert!(
        !month.contains("<li><a href=\"/briefings/talks-ko/\"")
            && month.contains("<li><a href=\"/briefings/talks/\"")
            && month.contains("<li><a href=\"/briefings/visit/\""),
        "{month}"
    );
    // Feeds keep every briefing, each entry in its language; a page's related briefings
    // leave out its own translations.
    assert!(site.output("atom.xml").contains("<entry xml:lang=\"ko\">"));
    let page = site.output("briefings/talks/index.html");
    let related = &page[page.find("<section class=\"related\"").unwrap_or(0)..];
    assert!(!related.contains("/briefings/talks-ko/\""), "{related}");
    // On a Korean page, a related briefing is shown in Korean where it has a Korean version:
    // "Talks resume" and its Japanese translation are its Korean translation, once.
    let page = site.output("briefings/alone-ko/index.html");
    let related = &page[page.find("<section class=\"related\"").unwrap()..];
    let related = &related[..related.find("</section>").unwrap()];
    let linked: Vec<&str> = related
        .match_indices("<a href=\"")
        .map(|(at, _)| {
            let href = &related[at + 9..];
            &href[..href.find('"').unwrap()]
        })
        .collect();
    assert_eq!(linked.len(), 2, "{related}");
    assert!(
        linked.contains(&"/briefings/talks-ko/") && linked.contains(&"/briefings/visit-ko/"),
        "{related}"
    );
}

/// A Korean news page as a browser saves it: Hangul throughout, the president by his Hangul
/// name with particles after it.
const KOREAN_PAGE: &str = r#"<!doctype html>
<html lang="ko-KR"><head><meta charset="utf-8">
<title>이재명 대통령, 취임 첫 기자회견 | 연합뉴스</title>
<meta property="og:site_name" content="연합뉴스">
<meta property="article:published_time" content="2025-06-12T15:18:48+09:00">
</head><body>
<nav><a href="/">홈</a> <a href="/politics">정치</a></nav>
<article>
<h1>이재명 대통령, 취임 첫 기자회견</h1>
<p>이재명 대통령은 12일 서울 용산 대통령실에서 취임 후 첫 기자회견을 열고 경제 회복과 남북 대화 재개를 강조했다.</p>
<p>이 대통령은 "국민의 삶을 먼저 챙기겠다"고 말했다. 이재명 대통령의 회견은 한 시간가량 이어졌다.</p>
<p>대통령실 관계자는 이재명 정부의 첫 100일 계획도 곧 발표할 예정이라고 밝혔다.</p>
</article>
<footer>ⓒ 연합뉴스</footer>
</body></html>
"#;

#[test]
fn import_of_a_korean_page_keeps_its_hangul_says_its_language_and_names_people_as_the_site_does() {
    let site = Site::new(SITE);
    site.write(
        "data/people.yaml",
        "Lee Jae-myung:\n  aliases: [\"이재명\"]\n",
    );
    site.write("clips/yonhap.html", KOREAN_PAGE);
    let run = site.import_to_stdout("clips/yonhap.html");
    run.assert_ok();
    let draft = &run.stdout;
    assert!(
        draft.contains("title: \"이재명 대통령, 취임 첫 기자회견\""),
        "{draft}"
    );
    assert!(draft.contains("language: \"ko-KR\""), "{draft}");
    assert!(draft.contains("people: [\"Lee Jae-myung\"]"), "{draft}");
    assert!(
        draft.contains(
            "이재명 대통령은 12일 서울 용산 대통령실에서 취임 후 첫 기자회견을 열고 경제 회복과 남북 대화 재개를 강조했다."
        ),
        "{draft}"
    );
    // Written into the site, it builds (as a draft, with --drafts) into a Korean page.
    let clip = site.path("clips/yonhap.html");
    let run = site.run(&["import", &clip.to_string_lossy()]);
    run.assert_ok();
    let written = run.stdout.trim().to_string();
    assert!(written.ends_with(".md"), "{written}");
    site.run(&["build", "--drafts"]).assert_ok();
    let pages: Vec<String> = std::fs::read_dir(site.path("public/briefings"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        pages
            .iter()
            .any(|p| p.contains("<html lang=\"ko-KR\">") && p.contains("2025년 6월 12일")),
        "{pages:?}"
    );

    // Without `lang`, a page mostly in Hangul is Korean; an English one on an English site
    // says nothing of its language.
    site.write(
        "clips/bare.html",
        &KOREAN_PAGE.replace("<html lang=\"ko-KR\">", "<html>"),
    );
    let draft = site.import_to_stdout("clips/bare.html").stdout;
    assert!(draft.contains("language: \"ko\""), "{draft}");
    site.write(
        "clips/english.html",
        "<!doctype html><html lang=\"en-US\"><head><title>Talks</title></head><body><article><h1>Talks</h1><p>Lee Jae-myung met reporters in Seoul on Thursday.</p><p>The talks went on for an hour.</p></article></body></html>",
    );
    let draft = site.import_to_stdout("clips/english.html").stdout;
    assert!(!draft.contains("language:"), "{draft}");
    assert!(draft.contains("people: [\"Lee Jae-myung\"]"), "{draft}");
}

#[test]
fn a_site_in_korean_has_no_english_word_of_the_theme_on_any_page() {
    // Every page kind of a Korean site (lists, chronology, terms, stories, digests and their
    // emails, search, 404): what a reader reads — text, labels, titles, descriptions and the
    // search script's words — has no Latin letters once addresses are taken out, since every
    // briefing, name and title of the site is Hangul.
    let site = common::korean_site();
    site.build().assert_ok();
    let out = common::snapshot(&site.path("public"));
    let mut read = 0;
    let mut english = Vec::new();
    for (path, bytes) in &out {
        if !(path.ends_with(".html") || path.ends_with(".txt") && path.contains("digests/")) {
            continue;
        }
        read += 1;
        let text = String::from_utf8_lossy(bytes);
        let document = scraper::Html::parse_document(&text);
        let mut said: Vec<String> = Vec::new();
        if path.ends_with(".txt") {
            said.push(text.to_string());
        } else {
            let all = scraper::Selector::parse("*").unwrap();
            for element in document.select(&all) {
                let name = element.value().name();
                if matches!(name, "script" | "style") {
                    continue;
                }
                for node in element.children() {
                    if let Some(t) = node.value().as_text() {
                        said.push(t.to_string());
                    }
                }
                for attribute in ["aria-label", "title", "placeholder", "alt", "label"] {
                    said.extend(element.value().attr(attribute).map(str::to_string));
                }
                let meta = element.value().attr("name") == Some("description")
                    || matches!(
                        element.value().attr("property"),
                        Some("og:title" | "og:description")
                    );
                if name == "meta" && meta {
                    said.extend(element.value().attr("content").map(str::to_string));
                }
                if let Some(words) = element.value().attr("data-words") {
                    let words: std::collections::BTreeMap<String, String> =
                        serde_json::from_str(words).unwrap();
                    said.extend(words.into_values());
                }
            }
        }
        for text in said {
            // Markup (a `noscript`'s is text to the parser), and the `{…}` the script fills in.
            let mut plain = String::new();
            let mut inside = None;
            for c in text.chars() {
                match (inside, c) {
                    (None, '<') => inside = Some('>'),
                    (None, '{') => inside = Some('}'),
                    (Some(end), c) if c == end => inside = None,
                    (None, c) => plain.push(c),
                    _ => {}
                }
            }
            for word in plain.split_whitespace() {
                if word.contains("://") {
                    continue;
                }
                if word.chars().filter(char::is_ascii_alphabetic).count() >= 2 {
                    english.push(format!("{path}: {word:?} in {text:?}"));
                }
            }
        }
    }
    assert!(read > 30, "{read} pages read");
    for kind in [
        "index.html",
        "chronology/2025/06/index.html",
        "tags/index.html",
        "stories/summit/index.html",
        "digests/index.html",
        "digests/2025-W24/email.txt",
        "search/index.html",
        "404.html",
    ] {
        assert!(out.contains_key(kind), "{kind}");
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
    // And what it says instead.
    let month = String::from_utf8_lossy(&out["chronology/2025/06/index.html"]).into_owned();
    assert!(month.contains("<h1>2025년 6월</h1>"), "{month}");
    assert!(month.contains("브리핑 4건"), "{month}");
    let digest = String::from_utf8_lossy(&out["digests/2025-W27/index.html"]).into_owned();
    assert!(digest.contains("2025년 6월 30일 – 7월 6일"), "{digest}");
}
