//! Stories: a story file and the briefings that join it build into a story page (its timeline
//! oldest first, by month, the newest marked; its people, sources and related stories), the
//! stories index, a feed per story, a place on each briefing's page, on its people's pages, in
//! the sitemap, in search and in the metadata — and the commands that write them.

mod common;

use common::{SITE_TOML, Site, front};

fn with_story(front_matter: &str, story: &str) -> String {
    format!("{front_matter}{story}\n")
}

/// Two stories over two years (one concluded), a third with no briefing, and a briefing in two
/// stories.
fn storied_site() -> Site {
    let site = Site::new(SITE_TOML);
    site.write(
        "stories/summits.md",
        "---\ntitle: The summits\nsummary: Trump and Kim meet three times.\nstatus: concluded\npeople: [Moon Jae-in]\ntags: [Summits]\nimage: images/summit.jpg\n---\nThe *editor's* account.\n",
    );
    site.write(
        "stories/talks.md",
        "---\ntitle: Working-level talks\ntags: [Summits]\n---\nStill going.\n",
    );
    site.write(
        "stories/missiles.md",
        "---\ntitle: Missile launches\n---\nNone yet.\n",
    );
    site.briefing(
        "2018/2018-06-12-singapore.md",
        &with_story(
            &front(
                "Singapore summit",
                "2018-06-12",
                &["Summits"],
                &["Donald Trump", "Kim Jong-un"],
            ),
            "story: summits",
        ),
        "First meeting.\n",
    );
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &with_story(
            &front(
                "Hanoi summit",
                "2019-02-28",
                &["Summits"],
                &["Donald Trump", "Kim Jong-un"],
            ),
            "story: summits",
        ),
        "No deal.\n",
    );
    site.briefing(
        "2019/2019-06-30-panmunjom.md",
        &with_story(
            &front(
                "Panmunjom meeting",
                "2019-06-30",
                &["Summits"],
                &["Donald Trump", "Moon Jae-in"],
            ),
            "stories: [summits, talks]",
        ),
        "Across the line.\n",
    );
    site.briefing(
        "2019/2019-10-05-stockholm.md",
        &with_story(
            &front(
                "Stockholm talks",
                "2019-10-05",
                &["Talks"],
                &["Kim Myong-gil"],
            ),
            "story: talks",
        ),
        "Talks collapse.\n",
    );
    site.briefing(
        "2019/2019-11-01-other.md",
        &front("Unrelated", "2019-11-01", &["Other"], &["Donald Trump"]),
        "Nothing to do with it.\n",
    );
    site
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    &text[from..to]
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"))
}

#[test]
fn a_story_page_reads_forward_by_month_with_the_newest_marked() {
    let site = storied_site();
    let run = site.build();
    run.assert_ok();
    let page = site.output("stories/summits/index.html");
    assert!(page.contains("<h1>The summits</h1>"), "{page}");
    assert!(page.contains("Concluded"));
    assert!(page.contains("3 briefings"));
    assert!(
        page.contains("<em>editor’s</em> account."),
        "the account is rendered: {page}"
    );
    assert!(page.contains(">12 June 2018</time> to <time"), "{page}");
    // Oldest first, under month headings.
    let timeline = between(&page, "story-timeline", "</section>");
    let (s, h, p) = (
        position(timeline, "Singapore summit"),
        position(timeline, "Hanoi summit"),
        position(timeline, "Panmunjom meeting"),
    );
    assert!(s < h && h < p, "oldest first: {timeline}");
    for month in ["June 2018", "February 2019", "June 2019"] {
        assert!(
            timeline.contains(&format!(">{month}</h3>")),
            "{month}: {timeline}"
        );
    }
    assert!(!timeline.contains("Stockholm"), "only its own briefings");
    // The newest is marked, and only it.
    assert_eq!(timeline.matches("newest-mark").count(), 1);
    let newest = between(timeline, "<li class=\"newest\">", "</li>");
    assert!(newest.contains("Panmunjom meeting"), "{newest}");
    // Its people, most named first (its own people first), linked; its sources; related.
    let people = between(&page, "id=\"story-people\"", "</section>");
    assert!(
        position(people, "Moon Jae-in") < position(people, "Donald Trump"),
        "{people}"
    );
    assert!(people.contains("people/donald-trump/"));
    assert!(page.contains("id=\"story-sources\""));
    let related = between(&page, "id=\"story-related\"", "</section>");
    assert!(related.contains("Working-level talks"), "{related}");
    // Metadata: a feed link, Open Graph, JSON-LD collection of its articles, the sitemap.
    assert!(page.contains("href=\"/stories/summits/atom.xml\""));
    assert!(page.contains(
        "<meta property=\"og:image\" content=\"https://example.org/images/summit.jpg\">"
    ));
    let json_ld: serde_json::Value = serde_json::from_str(between(
        &page,
        "<script type=\"application/ld+json\">",
        "</script>",
    ))
    .unwrap();
    assert_eq!(json_ld["@type"], "CollectionPage");
    assert_eq!(json_ld["name"], "The summits");
    assert_eq!(json_ld["hasPart"].as_array().unwrap().len(), 3);
    assert_eq!(json_ld["hasPart"][0]["@type"], "NewsArticle");
    // Each part by its address: its own page's JSON-LD has its headline.
    assert!(json_ld["hasPart"][0].get("headline").is_none());
    assert_eq!(
        json_ld["hasPart"][0]["url"],
        "https://example.org/briefings/singapore/"
    );
    let sitemap = site.output("sitemap.xml");
    for url in [
        "stories/",
        "stories/summits/",
        "stories/talks/",
        "stories/missiles/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{url}</loc>")),
            "{url} in the sitemap"
        );
    }
}

#[test]
fn the_stories_index_lists_developing_stories_first_and_is_in_the_nav() {
    let site = storied_site();
    site.build().assert_ok();
    let index = site.output("stories/index.html");
    let developing = between(&index, "id=\"developing\"", "</section>");
    let concluded = between(&index, "id=\"concluded\"", "</section>");
    // Developing: talks (latest 2019-10-05) before missiles (no briefing yet).
    assert!(position(developing, "Working-level talks") < position(developing, "Missile launches"));
    assert!(developing.contains("No briefings yet"));
    assert!(concluded.contains("The summits"));
    assert!(concluded.contains("Trump and Kim meet three times."));
    assert!(concluded.contains("3 briefings"));
    assert!(
        index.contains(">30 June 2019</time>"),
        "latest date: {index}"
    );
    // Every page has the nav entry.
    for page in [
        "index.html",
        "briefings/hanoi/index.html",
        "tags/index.html",
    ] {
        assert!(
            site.output(page).contains("href=\"/stories/\">Stories</a>"),
            "{page}"
        );
    }
    // A site without stories has neither the index nor the entry.
    let plain = Site::new(SITE_TOML);
    plain.briefing("a.md", &front("A", "2019-01-01", &["T"], &["P"]), "Body.\n");
    plain.build().assert_ok();
    assert!(!plain.has_output("stories/index.html"));
    assert!(!plain.output("index.html").contains(">Stories</a>"));
}

#[test]
fn a_briefing_says_where_it_is_in_each_of_its_stories() {
    let site = storied_site();
    site.build().assert_ok();
    let page = site.output("briefings/panmunjom/index.html");
    assert!(
        page.contains("Part of <a href=\"/stories/summits/\">The summits</a> — 3 of 3"),
        "{page}"
    );
    assert!(
        page.contains("Part of <a href=\"/stories/talks/\">Working-level talks</a> — 1 of 2"),
        "{page}"
    );
    // The previous and next briefing of each story, by title.
    let summits = between(
        &page,
        "aria-label=\"The summits: earlier and later",
        "</nav>",
    );
    assert!(
        summits.contains("Earlier in The summits</span> Hanoi summit"),
        "{summits}"
    );
    assert!(
        !summits.contains("Later in"),
        "the last of its story has no next"
    );
    let talks = between(
        &page,
        "aria-label=\"Working-level talks: earlier and later",
        "</nav>",
    );
    assert!(
        talks.contains("Later in Working-level talks</span> Stockholm talks"),
        "{talks}"
    );
    // JSON-LD: isPartOf each story.
    let json_ld: serde_json::Value = serde_json::from_str(between(
        &page,
        "<script type=\"application/ld+json\">",
        "</script>",
    ))
    .unwrap();
    let parts: Vec<&str> = json_ld["isPartOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "https://example.org/stories/summits/",
            "https://example.org/stories/talks/"
        ]
    );
    // A briefing of one story calls its neighbours "in the story": the title is above.
    let hanoi = site.output("briefings/hanoi/index.html");
    assert!(
        hanoi.contains("Earlier in the story</span> Singapore summit"),
        "{hanoi}"
    );
    assert!(
        hanoi.contains("Later in the story</span> Panmunjom meeting"),
        "{hanoi}"
    );
    let other = site.output("briefings/other/index.html");
    assert!(!other.contains("Part of"));
    assert!(!other.contains("isPartOf"));
}

#[test]
fn each_story_has_a_feed_newest_first_and_people_list_their_stories() {
    let site = storied_site();
    site.build().assert_ok();
    let feed = site.output("stories/summits/atom.xml");
    assert!(
        feed.contains("<title>Test Briefings — The summits</title>"),
        "{feed}"
    );
    let (p, h, s) = (
        position(&feed, "<title>Panmunjom meeting</title>"),
        position(&feed, "<title>Hanoi summit</title>"),
        position(&feed, "<title>Singapore summit</title>"),
    );
    assert!(p < h && h < s, "newest first: {feed}");
    assert!(!feed.contains("Stockholm"));
    assert!(feed.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/stories/summits/\"/>"
    ));
    let trump = site.output("people/donald-trump/index.html");
    let stories = between(&trump, "id=\"person-stories\"", "</section>");
    assert!(
        stories.contains("The summits") && stories.contains("Working-level talks"),
        "{stories}"
    );
    // Each story with its page and its count of briefings.
    assert!(
        stories.contains(
            "<a href=\"/stories/summits/\">The summits</a> <span class=\"count\">3<span class=\"visually-hidden\"> briefings</span>"
        ),
        "{stories}"
    );
    let kim = site.output("people/kim-myong-gil/index.html");
    let stories = between(&kim, "id=\"person-stories\"", "</section>");
    assert!(
        stories.contains("Working-level talks") && !stories.contains("The summits"),
        "{stories}"
    );
}

#[test]
fn a_persons_page_names_the_ten_stories_naming_them_most_and_how_many_in_all() {
    let site = Site::new(SITE_TOML);
    // Story k has k + 1 briefings naming Kim Jong-un.
    for k in 0..12 {
        site.write(
            &format!("stories/s{k}.md"),
            &format!("---\ntitle: Story {k}\n---\nAn account.\n"),
        );
        for n in 0..=k {
            site.briefing(
                &format!("2019/2019-01-01-s{k}-{n}.md"),
                &with_story(
                    &front(
                        &format!("Briefing {k}.{n}"),
                        "2019-01-01",
                        &[],
                        &["Kim Jong-un"],
                    ),
                    &format!("story: s{k}"),
                ),
                "Text.\n",
            );
        }
    }
    site.build().assert_ok();
    let kim = site.output("people/kim-jong-un/index.html");
    let stories = between(&kim, "id=\"person-stories\"", "</section>");
    assert!(stories.contains("In 12 stories"), "{stories}");
    let named: Vec<usize> = (0..12)
        .filter(|k| stories.contains(&format!(">Story {k}</a>")))
        .collect();
    assert_eq!(named, (2..12).collect::<Vec<_>>(), "{stories}");
    assert!(
        position(stories, ">Story 11<") < position(stories, ">Story 2<"),
        "most first: {stories}"
    );
}

#[test]
fn a_story_without_briefings_is_built_and_the_build_warns() {
    let site = storied_site();
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: stories/missiles.md:1: no published briefing belongs to this story yet"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("stories/summits.md"), "{}", run.stderr);
    let page = site.output("stories/missiles/index.html");
    assert!(page.contains("No briefing belongs to this story yet."));
    assert!(site.has_output("stories/missiles/atom.xml"));
}

#[test]
fn search_offers_a_story_filter_and_finds_stories_by_title() {
    let site = storied_site();
    site.build().assert_ok();
    let stories: serde_json::Value =
        serde_json::from_str(&site.output("search/data/stories.json")).unwrap();
    let titles: Vec<&str> = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["t"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Working-level talks", "Missile launches", "The summits"]
    );
    assert_eq!(stories[2]["u"], "stories/summits/");
    assert_eq!(stories[2]["n"], 3);
    let meta: serde_json::Value =
        serde_json::from_str(&site.output("search/data/meta.json")).unwrap();
    assert_eq!(meta["stories"], 3);
    // A story is a word of the index, for the filter: `st:talks` finds its two briefings.
    let mut found = None;
    for entry in std::fs::read_dir(site.path("public/search/data/w")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for (word, lists) in briefgen::search::read_word_file(&bytes) {
            if word == "st:talks" {
                found = Some(lists.iter().map(Vec::len).sum::<usize>());
            }
        }
    }
    assert_eq!(found, Some(2));
    let search = site.output("search/index.html");
    assert!(search.contains("<label for=\"search-story\">Story</label>"));
    assert!(search.contains("id=\"search-stories\""));
}

#[test]
fn story_new_writes_a_story_and_new_and_import_join_one() {
    let site = Site::new(SITE_TOML);
    let run = site.run(&[
        "story",
        "new",
        "The Hanoi Summit",
        "--summary",
        "Two days in February.",
    ]);
    run.assert_ok();
    assert!(
        run.stdout.trim().ends_with("stories/the-hanoi-summit.md"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(site.path("stories/the-hanoi-summit.md")).unwrap();
    assert!(text.contains("title: \"The Hanoi Summit\""), "{text}");
    assert!(text.contains("summary: \"Two days in February.\""));
    assert!(text.contains("status: developing"));
    // Never replaces a story.
    let again = site.run(&["story", "new", "The Hanoi Summit"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("already exists"));

    let run = site.run(&[
        "new",
        "Talks end early",
        "--source",
        "KBS",
        "--date",
        "2019-02-28",
        "--story",
        "the-hanoi-summit",
    ]);
    run.assert_ok();
    let written = std::fs::read_to_string(run.stdout.trim()).unwrap();
    assert!(written.contains("story: \"the-hanoi-summit\""), "{written}");
    // An unknown story is refused, with the nearest, and nothing is written.
    let run = site.run(&[
        "new",
        "Other",
        "--source",
        "KBS",
        "--story",
        "the-hanoi-sumit",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `the-hanoi-summit`?"),
        "{}",
        run.stderr
    );

    site.write(
        "clip.txt",
        "Kim leaves Hanoi\n\nKim Jong-un left Hanoi by train on Saturday.\n",
    );
    let run = site.run(&[
        "import",
        &site.path("clip.txt").display().to_string(),
        "--story",
        "the-hanoi-summit",
    ]);
    run.assert_ok();
    let imported = std::fs::read_to_string(run.stdout.trim()).unwrap();
    assert!(
        imported.contains("story: \"the-hanoi-summit\""),
        "{imported}"
    );

    // Published, both join the story.
    for path in [written.as_str(), imported.as_str()] {
        assert!(path.contains("draft: true"));
    }
    let run = site.run(&["build", "--drafts"]);
    run.assert_ok();
    let page = site.output("stories/the-hanoi-summit/index.html");
    assert!(page.contains("2 briefings"), "{page}");
}

#[test]
fn a_story_of_2000_briefings_keeps_every_page_under_200_kb() {
    let site = Site::new(SITE_TOML);
    site.write(
        "stories/long.md",
        "---\ntitle: A long story\n---\nYears of it.\n",
    );
    let summary =
        "A sentence of the kind a summary holds, about talks and their outcome; ".repeat(4);
    for i in 0..2000 {
        // Four years, the latest the busiest (800 briefings): cut into pages of its own.
        let (year, day) = match i {
            0..400 => (2019, i),
            400..800 => (2020, i - 400),
            800..1200 => (2021, i - 800),
            _ => (2022, i - 1200),
        };
        let date = jiff::civil::date(year, 1, 1)
            .checked_add(jiff::Span::new().hours(day as i64 * 10))
            .unwrap();
        site.briefing(
            &format!("{year}/b{i:04}.md"),
            &format!(
                "title: \"Briefing number {i} of the long story, with a title of some length\"\ndate: {date}\nsource: KBS World Radio News\npeople: [\"Kim Jong-un\", \"Donald Trump\"]\ntags: [Summits]\nsummary: \"{}\"\nstory: long\n",
                summary.trim()
            ),
            "Body.\n",
        );
    }
    site.build().assert_ok();
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(site.path("public/stories/long")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            let size = entry.metadata().unwrap().len();
            pages.push((entry.path().display().to_string(), size));
        }
    }
    assert!(pages.len() > 4, "cut into pages: {pages:?}");
    for (path, size) in &pages {
        assert!(*size < 200 * 1024, "{path} is {size} bytes");
    }
    // Every briefing is on exactly one of its pages; the newest is marked once, on the last
    // page of the latest year.
    let (mut listed, mut marked) = (0, Vec::new());
    for (path, _) in &pages {
        let page = std::fs::read_to_string(path).unwrap();
        let timeline = between(&page, "class=\"story-timeline\"", "</section>");
        listed += timeline.matches("<li").count();
        if timeline.contains("newest-mark") {
            marked.push(path.clone());
        }
    }
    assert_eq!(listed, 2000);
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(
        marked[0].ends_with("long/2022/page/6/index.html"),
        "{marked:?}"
    );
    // It is the story's last item (the same day's briefings, without times, follow the
    // site's order of ties).
    let last = site.output("stories/long/2022/page/6/index.html");
    let timeline = between(&last, "class=\"story-timeline\"", "</section>");
    assert_eq!(
        timeline.rfind("<li"),
        timeline.find("<li class=\"newest\">"),
        "{timeline}"
    );
    // The story's page shows its latest year, and links every year.
    let page = site.output("stories/long/index.html");
    assert!(page.contains("Timeline, 2022"), "latest year first");
    for year in [2019, 2020, 2021] {
        assert!(page.contains(&format!("href=\"/stories/long/{year}/\"")));
    }
    assert!(page.contains("href=\"/stories/long/2022/page/2/\""));
    assert!(site.has_output("stories/long/2022/page/6/index.html"));
    assert!(
        !site.has_output("stories/long/2022/index.html"),
        "the story's page is 2022's first"
    );
}

/// A briefing page says its place in a story in its own language's words, filled in by the
/// renderer ("2건 중 2번째" on a Korean briefing of an English site).
#[test]
fn a_briefing_in_another_language_says_its_place_in_its_words() {
    let site = Site::new(SITE_TOML);
    site.write(
        "stories/talks.md",
        "---\ntitle: The talks\n---\nStill going.\n",
    );
    site.briefing(
        "a.md",
        &with_story(
            &front("Talks open", "2019-01-01", &["T"], &["P"]),
            "story: talks",
        ),
        "Body.\n",
    );
    site.briefing(
        "b.md",
        &with_story(
            &front("회담 재개", "2019-02-01", &["T"], &["P"]),
            "story: talks\nlanguage: ko",
        ),
        "본문.\n",
    );
    site.build().assert_ok();
    let english = site.output("briefings/a/index.html");
    assert!(english.contains("— 1 of 2</p>"), "{english}");
    assert!(english.contains("aria-label=\"The talks: earlier and later in the story\""));
    let korean = site.output("briefings/b/index.html");
    assert!(korean.contains("— 2건 중 2번째</p>"), "{korean}");
    assert!(
        korean.contains("aria-label=\"The talks: 스토리의 이전과 다음 브리핑\""),
        "{korean}"
    );
}
