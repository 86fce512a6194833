//! Builds fixture sites and checks the files written: the URL layout, ordering, drafts,
//! feeds, the sitemap, subpath base URLs, themes and overrides.

mod common;

use common::{SITE_TOML, Site, front, links, snapshot};

/// Three briefings over two years, with nested folders, a draft and an image.
fn three_briefings(site_toml: &str) -> Site {
    let site = Site::new(site_toml);
    site.briefing(
        "2018/2018-06-12-singapore-summit.md",
        &format!(
            "{}story: summits\n",
            front(
                "Singapore summit",
                "2018-06-12T09:04:00+08:00",
                &["Summits", "Nuclear Policy"],
                &["Donald Trump", "Kim Jong-un"],
            )
        ),
        "First meeting.\n\n![map](map.png)\n",
    );
    site.write(
        "stories/summits.md",
        "---\ntitle: The summits\nsummary: Trump and Kim meet.\n---\nThree meetings.\n",
    );
    site.write("content/2018/map.png", "PNG");
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &format!("{}story: summits\n", front("Hanoi summit", "2019-02-28T14:00:00+07:00", &["Summits"], &["Donald Trump", "Nguyễn Phú Trọng"])),
        "No deal. See [Singapore](@/2018/2018-06-12-singapore-summit.md).\n\n```rust\nfn main() {}\n```\n",
    );
    site.briefing(
        "2019/2019-06-30-panmunjom.md",
        &front(
            "Panmunjom meeting",
            "2019-06-30",
            &["summits"],
            &["Kim Jong-un"],
        ),
        "Trump steps across the line.\n",
    );
    site.briefing(
        "2019/2019-07-01-unfinished.md",
        &format!(
            "{}draft: true\n",
            front(
                "Unfinished draft",
                "2019-07-01",
                &["Drafty"],
                &["Nobody Yet"]
            )
        ),
        "Not ready.\n",
    );
    site.write("static/images/logo.svg", "<svg/>");
    site
}

#[test]
fn the_url_layout_is_complete() {
    let site = three_briefings(&format!(
        "{SITE_TOML}paginate_by = 2\npaginate_terms_by = 2\ncname = \"briefs.example.org\"\n"
    ));
    site.build().assert_ok();
    // Every page kind of the registry makes files here, each one written, and every kind of
    // HTML page but those that are not content has its pages in the sitemap.
    let planned = common::planned(site.root(), "https://example.org/");
    let sitemap = site.output("sitemap.xml");
    for kind in briefgen::render::KINDS {
        let name = kind.name();
        let paths: Vec<&str> = planned
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, path)| path.as_str())
            .collect();
        assert!(!paths.is_empty(), "the site has no file of kind {name}");
        for path in &paths {
            assert!(site.has_output(path), "kind {name}: {path} is not written");
        }
        let html = kind.template().is_some_and(|t| t.ends_with(".html"));
        // A digest's email is the digest's page again, for a mail client.
        if html && !["not-found", "search", "digest-email"].contains(&name) {
            assert!(
                paths.iter().any(|path| {
                    let url = format!(
                        "https://example.org/{}",
                        path.trim_end_matches("index.html")
                    );
                    sitemap.contains(&format!("<loc>{url}</loc>"))
                }),
                "no page of kind {name} is in the sitemap"
            );
        }
    }
    for path in [
        "index.html",
        "page/2/index.html",
        "briefings/singapore-summit/index.html",
        "briefings/hanoi/index.html",
        "briefings/panmunjom/index.html",
        "tags/index.html",
        "tags/summits/index.html",
        "tags/summits/page/2/index.html",
        "tags/summits/atom.xml",
        "tags/nuclear-policy/index.html",
        "people/index.html",
        "people/kim-jong-un/index.html",
        "people/kim-jong-un/atom.xml",
        "people/nguyen-phu-trong/index.html",
        "sources/index.html",
        "sources/kbs-world-radio-news/index.html",
        "sources/kbs-world-radio-news/atom.xml",
        "stories/index.html",
        "stories/summits/index.html",
        "stories/summits/atom.xml",
        "chronology/index.html",
        "chronology/2018/index.html",
        "chronology/2019/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "style.css",
        "highlight.css",
        "CNAME",
        "2018/map.png",
        "images/logo.svg",
    ] {
        assert!(site.has_output(path), "missing {path}");
    }
    assert!(!site.has_output("page/3/index.html"));
    assert!(
        !site.has_output("2018/2018-06-12-singapore-summit.md"),
        "Markdown is not copied"
    );
    // Names are shown as written, and one slug gathers its spellings.
    assert!(
        site.output("people/nguyen-phu-trong/index.html")
            .contains("Nguyễn Phú Trọng")
    );
    assert!(
        site.output("tags/summits/index.html")
            .contains("3 briefings")
    );
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn lists_are_newest_first() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    let order = |html: &str, titles: &[&str]| {
        let positions: Vec<usize> = titles
            .iter()
            .map(|t| html.find(t).unwrap_or_else(|| panic!("{t} missing")))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{titles:?} out of order"
        );
    };
    let newest_first = ["Panmunjom meeting", "Hanoi summit", "Singapore summit"];
    order(&site.output("index.html"), &newest_first);
    order(&site.output("tags/summits/index.html"), &newest_first);
    order(&site.output("atom.xml"), &newest_first);
    let year = site.output("chronology/2019/index.html");
    order(
        &year,
        &[
            ">June 2019</a></h2>",
            "Panmunjom meeting",
            ">February 2019</a></h2>",
            "Hanoi summit",
        ],
    );
    assert!(!year.contains("Singapore summit"));
}

#[test]
fn the_chronology_is_years_by_months_with_a_page_per_month() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    // The index: a row per year, newest first, a cell per month with its count linking to
    // the month's page; no briefing is listed there.
    let index = site.output("chronology/index.html");
    assert!(
        index.contains("<caption>Briefings by year and month</caption>"),
        "{index}"
    );
    let at = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {index}"))
    };
    assert!(at(">2019</a></th>") < at(">2018</a></th>"));
    assert!(
        index.contains(
            "<a href=\"/chronology/2019/06/\" aria-label=\"June 2019: 1 briefing\">1</a>"
        )
    );
    assert!(index.contains("<td class=\"total\">2</td>"));
    assert!(!index.contains("Hanoi summit"));
    assert!(index.contains("<title>Chronology · Test Briefings</title>"));

    // A month's page lists its briefings and links to the months before and after it, across
    // years.
    let june = site.output("chronology/2019/06/index.html");
    assert!(june.contains("<h1>June 2019</h1>") && june.contains("Panmunjom meeting"));
    assert!(june.contains("<title>June 2019 · Chronology · Test Briefings</title>"));
    assert!(
        june.contains("<a rel=\"prev\" href=\"/chronology/2019/02/\">February 2019 →</a>"),
        "{june}"
    );
    assert!(!june.contains("rel=\"next\""));
    let february = site.output("chronology/2019/02/index.html");
    assert!(
        february.contains("<a rel=\"prev\" href=\"/chronology/2018/06/\">June 2018 →</a>"),
        "{february}"
    );
    assert!(february.contains("<a rel=\"next\" href=\"/chronology/2019/06/\">← June 2019</a>"));
    // Months without briefings have no page; every month page is in the sitemap.
    assert!(!site.has_output("chronology/2019/03/index.html"));
    let sitemap = site.output("sitemap.xml");
    for month in ["2019/06", "2019/02", "2018/06"] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.org/chronology/{month}/</loc>"
            )),
            "{month}"
        );
    }
}

#[test]
fn a_large_year_links_to_its_months_instead_of_listing_them() {
    let site = Site::new(SITE_TOML);
    let count = briefgen::render::YEAR_LISTED_WHOLE + 1;
    for i in 0..count {
        let month = i % 12 + 1;
        site.briefing(
            &format!("2020/2020-{month:02}-01-b{i}.md"),
            &front(
                &format!("Briefing number {i}"),
                &format!("2020-{month:02}-01"),
                &[],
                &[],
            ),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let year = site.output("chronology/2020/index.html");
    assert!(
        !year.contains("Briefing number"),
        "a year of {count} is listed whole"
    );
    assert!(
        year.contains(
            "<a href=\"/chronology/2020/01/\">January</a> <span class=\"count\">34</span>"
        ),
        "{year}"
    );
    let january = site.output("chronology/2020/01/index.html");
    assert_eq!(january.matches("Briefing number").count(), 34);
}

/// A month's page groups its briefings under the day written in their dates, newest day
/// first, each day once even when offsets interleave them in time.
#[test]
fn a_month_page_groups_briefings_by_the_day_written() {
    let site = Site::new(SITE_TOML);
    for (slug, date) in [
        // Newest first in time: x (30th as written), y (31st), z (30th).
        ("x", "2021-03-30T23:00:00-10:00"),
        ("y", "2021-03-31T05:00:00+09:00"),
        ("z", "2021-03-30T10:00:00Z"),
    ] {
        site.briefing(
            &format!("2021/{slug}.md"),
            &front(&format!("Briefing {slug}"), date, &[], &[]),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let march = site.output("chronology/2021/03/index.html");
    assert_eq!(march.matches("id=\"d30\"").count(), 1, "{march}");
    let at = |needle: &str| {
        march
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {march}"))
    };
    assert!(march.contains(
        "<h2 class=\"day\" id=\"d31\"><time datetime=\"2021-03-31\">31 March 2021</time></h2>"
    ));
    assert!(at("id=\"d31\"") < at("Briefing y"));
    assert!(at("Briefing y") < at("id=\"d30\""));
    assert!(at("id=\"d30\"") < at("Briefing x"));
    assert!(at("Briefing x") < at("Briefing z"));
    assert!(march.contains("<a href=\"#d30\">30</a>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    let everything: String = snapshot(&site.path("public"))
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    assert!(!everything.contains("Unfinished draft"));
    assert!(!site.has_output("briefings/unfinished/index.html"));
    assert!(!site.has_output("tags/drafty/index.html"));
    assert!(!site.has_output("people/nobody-yet/index.html"));

    site.run(&["build", "--drafts"]).assert_ok();
    assert!(
        site.output("briefings/unfinished/index.html")
            .contains("Unfinished draft")
    );
    assert!(site.has_output("tags/drafty/index.html"));
}

#[test]
fn briefings_dated_in_the_future_are_left_out_unless_asked_for() {
    let site = three_briefings(SITE_TOML);
    site.briefing(
        "2999/2999-01-01-far-off.md",
        &front(
            "Far-off summit",
            "2999-01-01",
            &["Someday"],
            &["Nobody Yet"],
        ),
        "Not yet.\n",
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "Left out 1 briefing dated in the future; build with --future (or set build_future = true) to publish it"
        ),
        "{}",
        run.stdout
    );
    let everything: String = snapshot(&site.path("public"))
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    assert!(!everything.contains("Far-off summit"));
    assert!(!site.has_output("briefings/far-off/index.html"));
    assert!(!site.has_output("tags/someday/index.html"));
    assert!(!site.has_output("chronology/2999/index.html"));

    // A link to it says why it does not resolve.
    site.briefing(
        "2019/2019-03-01-linking.md",
        &front("Linking", "2019-03-01", &[], &[]),
        "See [later](@/2999/2999-01-01-far-off.md).\n",
    );
    let run = site.build();
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("is dated in the future, left out of this build"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/2019/2019-03-01-linking.md")).unwrap();

    // --future publishes it, first on the home page, and says nothing of leaving it out.
    let run = site.run(&["build", "--future"]);
    run.assert_ok();
    assert!(!run.stdout.contains("Left out"), "{}", run.stdout);
    assert!(
        site.output("briefings/far-off/index.html")
            .contains("Far-off summit")
    );
    assert!(site.has_output("chronology/2999/index.html"));

    // So does the setting.
    site.write("site.toml", &format!("{SITE_TOML}build_future = true\n"));
    site.build().assert_ok();
    assert!(site.has_output("briefings/far-off/index.html"));
}

#[test]
fn feeds_and_sitemap_are_well_formed_with_absolute_urls() {
    let site = three_briefings(SITE_TOML);
    site.briefing(
        "2019/2019-08-01-markup.md",
        &front(
            "A <b>bold</b> & \"quoted\" title",
            "2019-08-01",
            &["Summits"],
            &[],
        ),
        "Body with <em>html</em> & ampersands.\n",
    );
    site.build().assert_ok();
    for feed in [
        "atom.xml",
        "tags/summits/atom.xml",
        "people/kim-jong-un/atom.xml",
    ] {
        let text = site.output(feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated"] {
            assert!(
                root.children().any(|n| n.has_tag_name(required)),
                "{feed} has no {required}"
            );
        }
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty(), "{feed} has no entries");
        for entry in entries {
            let content = if feed == "atom.xml" {
                "content"
            } else {
                "summary"
            };
            for required in ["id", "title", "updated", "link", content] {
                assert!(
                    entry.children().any(|n| n.has_tag_name(required)),
                    "{feed} entry has no {required}"
                );
            }
        }
        for node in doc.descendants().filter(|n| n.has_tag_name("link")) {
            assert!(
                node.attribute("href").unwrap().starts_with("https://"),
                "{feed}"
            );
        }
    }
    let atom = site.output("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let titles: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles.contains(&"A <b>bold</b> & \"quoted\" title"),
        "{titles:?}"
    );

    let sitemap = site.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/briefings/hanoi/"));
    assert!(locs.contains(&"https://example.org/tags/summits/"));
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/")));
}

#[test]
fn a_subpath_base_url_is_honoured_by_every_link() {
    let site = three_briefings(
        "title = \"T\"\nbase_url = \"https://user.github.io/repo/\"\npaginate_by = 1\npaginate_terms_by = 1\n",
    );
    site.build().assert_ok();
    let files = snapshot(&site.path("public"));
    let mut checked = 0;
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") && !path.ends_with("/email.html") {
            // A page gives its own address in full, and a briefing's text links in full (the
            // site feed carries it, read away from the site); every other link of a page is
            // from the server's root. A digest's email links in full: it is read in a mail
            // client.
            let mut chrome = text.to_string();
            if let Some(at) = chrome.find("<link rel=\"canonical\"") {
                let end = at + chrome[at..].find('>').unwrap();
                chrome.replace_range(at..=end, "");
            }
            if let Some(at) = chrome.find("<div class=\"body\">") {
                let end = at + chrome[at..].find("</div>\n</article>").unwrap();
                chrome.replace_range(at..end, "");
            }
            assert!(
                !chrome.contains("href=\"https://user.github.io/"),
                "{path} links in full: {chrome}"
            );
        }
        for link in links(&text) {
            if link.starts_with("https://world.kbs.co.kr") || link.starts_with('#') {
                continue;
            }
            // A page links from the server's root; a feed or the sitemap, read away from the
            // site, in full.
            let target = if path.ends_with(".xml") {
                link.strip_prefix("https://user.github.io/repo/")
            } else {
                link.strip_prefix("/repo/")
                    .or_else(|| link.strip_prefix("https://user.github.io/repo/"))
            };
            let Some(target) = target else {
                panic!("{path}: {link}");
            };
            // Every internal link leads to a file that was written.
            let target = target.split('#').next().unwrap();
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            assert!(
                files.contains_key(&file),
                "{path} links to {link}, which was not written"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn base_url_can_be_replaced_for_one_build() {
    let site = three_briefings(SITE_TOML);
    site.run(&["build", "--base-url", "https://user.github.io/other"])
        .assert_ok();
    let html = site.output("briefings/hanoi/index.html");
    assert!(
        html.contains("href=\"https://user.github.io/other/briefings/singapore-summit/\""),
        "{html}"
    );
    assert!(!html.contains("https://example.org/"));
}

#[test]
fn a_briefing_page_shows_everything_linked() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    let html = site.output("briefings/hanoi/index.html");
    for expected in [
        "<h1>Hanoi summit</h1>",
        "datetime=\"2019-02-28T14:00:00+07:00\"",
        "28 February 2019",
        "href=\"/sources/kbs-world-radio-news/\">KBS World Radio News</a>",
        "href=\"https://world.kbs.co.kr/\"",
        "href=\"/people/nguyen-phu-trong/\">Nguyễn Phú Trọng</a>",
        "href=\"/tags/summits/\">Summits</a>",
        "href=\"https://example.org/briefings/singapore-summit/\">Singapore</a>",
        "class=\"language-rust\"",
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
    let singapore = site.output("briefings/singapore-summit/index.html");
    assert!(
        singapore.contains("src=\"https://example.org/2018/map.png\""),
        "{singapore}"
    );
}

#[test]
fn dates_without_an_offset_are_read_in_the_site_timezone() {
    let site = Site::new(&format!("{SITE_TOML}timezone = \"Asia/Seoul\"\n"));
    site.briefing(
        "a.md",
        &front("Local", "2025-06-12 15:18:48", &[], &[]),
        "x\n",
    );
    site.build().assert_ok();
    assert!(
        site.output("briefings/a/index.html")
            .contains("datetime=\"2025-06-12T15:18:48+09:00\"")
    );
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let site = Site::new(SITE_TOML);
    site.briefing(
        "x.md",
        "title: \"<script>alert(1)</script>\"\ndate: 2025-01-01\nsource: \"<img src=x onerror=alert(1)>\"\ntags: [\"<b>t</b>\"]\nsummary: \"<script>s</script>\"\n",
        "Body.\n",
    );
    site.build().assert_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        if path == "data/briefings.csv" {
            // The one exception: CSV has no way to write `<` but as itself, and a researcher's
            // data must read back as written (the JSON's `\u003c` does). It is served as
            // `text/csv`, which no browser runs.
            assert!(text.contains("\n<script>alert(1)</script>,"), "{text}");
            continue;
        }
        if path.ends_with("/email.txt") {
            // A digest's plain-text email: text as written, served as `text/plain`, which no
            // browser runs, and pasted into a mail tool as text.
            assert!(text.contains("* <script>alert(1)</script>\n"), "{text}");
            continue;
        }
        assert!(!text.contains("<script>"), "{path} has an unescaped script");
        assert!(!text.contains("<img src=x"), "{path} has an unescaped img");
    }
    assert!(
        site.output("briefings/x/index.html")
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[test]
fn a_site_can_override_templates_file_by_file() {
    let site = three_briefings(SITE_TOML);
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ briefing.title }} {{ config.extra.desk }}</p>{% endblock main %}",
    );
    site.write(
        "site.toml",
        &format!("{SITE_TOML}[extra]\ndesk = \"Seoul desk\"\n"),
    );
    site.build().assert_ok();
    let html = site.output("briefings/hanoi/index.html");
    assert!(
        html.contains("<p class=\"mine\">Hanoi summit Seoul desk</p>"),
        "{html}"
    );
    assert!(
        html.contains("class=\"site-header\""),
        "the embedded base.html is still used"
    );
}

#[test]
fn a_named_theme_replaces_the_default_and_its_static_files() {
    let site = three_briefings(&format!("{SITE_TOML}theme = \"plain\"\n"));
    site.write(
        "themes/plain/templates/base.html",
        "<html><head><title>{% block title %}{% endblock title %}</title>{% block head %}{% endblock head %}\
         <meta name=\"description\" content=\"{% block description %}{% endblock description %}\"></head>\
         <body class=\"plain\">{% block main %}{% endblock main %}</body></html>",
    );
    site.write("themes/plain/static/style.css", "body { color: red }");
    site.build().assert_ok();
    assert!(site.output("index.html").contains("<body class=\"plain\">"));
    assert_eq!(site.output("style.css"), "body { color: red }");

    let missing = Site::new(&format!("{SITE_TOML}theme = \"nope\"\n"));
    let run = missing.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("theme `nope` not found"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_success_line_counts_everything() {
    let site = three_briefings(SITE_TOML);
    let run = site.build();
    run.assert_ok();
    let line = run.stdout.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.starts_with("Built 3 briefings, 2 tags, 3 people, 1 sources, 1 story: "),
        "{line}"
    );
    let written = snapshot(&site.path("public")).len() - 1; // less the marker file
    assert!(
        line.contains(&format!(" {written} files written")),
        "{line} vs {written}"
    );
}

#[test]
fn check_writes_nothing() {
    let site = three_briefings(SITE_TOML);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stdout.contains("Checked 3 briefings"), "{}", run.stdout);
    assert!(!site.path("public").exists());
}

#[test]
fn the_bundled_example_site_builds() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run: common::Run = common::briefgen()
        .args(["build", "--root", root, "--output-dir"])
        .arg(&output)
        .output()
        .unwrap()
        .into();
    run.assert_ok();
    let files = snapshot(&output);
    let briefings = files.keys().filter(|k| k.starts_with("briefings/")).count();
    assert!(briefings >= 8, "{briefings} briefings");
    let first =
        String::from_utf8_lossy(&files["briefings/trump-receptive-to-kim/index.html"]).into_owned();
    assert!(first.contains("Karoline Leavitt"));
    assert!(
        !first.contains("Go Top") && !first.contains("cookies"),
        "web page chrome left in"
    );
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let site = three_briefings(&format!(
        "{SITE_TOML}paginate_by = 1\npaginate_terms_by = 1\n"
    ));
    for i in 0..30 {
        site.briefing(
            &format!("2020/2020-02-{:02}-item-{i}.md", i % 28 + 1),
            &front(
                &format!("Item {i}"),
                "2020-02-01",
                &["Same Day", &format!("T{}", i % 5)],
                &["P"],
            ),
            "```rust\nfn main() {}\n```\n",
        );
    }
    let run = |threads: &str, out: &str| {
        let result: common::Run = common::briefgen()
            .args(["build", "--root"])
            .arg(site.root())
            .args(["--output-dir", out])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
            .into();
        result.assert_ok();
        snapshot(&site.path(out))
    };
    let one = run("1", "out-1");
    // All of the machine's cores (rayon's default, as without the variable).
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(one, run(&all.to_string(), "out-all"));
    assert_eq!(one, run("4", "out-4"));
    assert_eq!(one, run("16", "out-16"));
}

#[test]
fn feed_entries_are_the_sites_and_name_their_source_apart() {
    // Issue 12: entries named the news outlet as their <author>; the curator's site wrote the
    // briefing, and the outlet is its source.
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    let text = site.output("atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert!(!entries.is_empty());
    for entry in entries {
        let author = entry
            .children()
            .find(|n| n.has_tag_name("author"))
            .and_then(|a| a.children().find(|n| n.has_tag_name("name")))
            .and_then(|n| n.text())
            .unwrap();
        assert_eq!(author, "Test Briefings");
        let source = entry
            .children()
            .find(|n| {
                n.has_tag_name("category")
                    && n.attribute("scheme")
                        .is_some_and(|s| s.contains("/sources/"))
            })
            .unwrap();
        assert_eq!(
            source.attribute("label"),
            Some("Source: KBS World Radio News")
        );
        let via = entry
            .children()
            .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("via"))
            .unwrap();
        assert_eq!(via.attribute("href"), Some("https://world.kbs.co.kr/"));
        assert_eq!(via.attribute("title"), Some("KBS World Radio News"));
    }
}

#[test]
fn every_page_has_a_favicon_a_skip_link_labelled_navigation_and_its_own_title() {
    // Issue 12: a favicon 404 on every page, no skip link, two unlabelled <nav>s (axe
    // `landmark-unique`), and a 404 page that search engines could index.
    let site = three_briefings(&format!(
        "{SITE_TOML}paginate_by = 1\npaginate_terms_by = 1\n"
    ));
    site.build().assert_ok();
    assert!(site.output("favicon.svg").starts_with("<svg"));
    for page in [
        "index.html",
        "page/2/index.html",
        "briefings/hanoi/index.html",
        "tags/summits/index.html",
        "chronology/index.html",
        "chronology/2019/index.html",
        "404.html",
    ] {
        let html = site.output(page);
        assert!(
            html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">"),
            "{page}"
        );
        assert!(
            html.contains("<a class=\"skip-link\" href=\"#content\">")
                && html.contains("<main id=\"content\">"),
            "{page}"
        );
        let mut labels: Vec<&str> = html
            .match_indices("<nav")
            .map(|(i, _)| {
                let tag = &html[i..i + html[i..].find('>').unwrap()];
                let at = tag
                    .find("aria-label=\"")
                    .unwrap_or_else(|| panic!("{page}: {tag}"));
                let rest = &tag[at + 12..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        let count = labels.len();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), count, "{page}: two navigations share a label");
    }
    assert!(
        site.output("404.html")
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    // A year page's months come right under its h1 (the Nu checker's heading-level error).
    let year = site.output("chronology/2019/index.html");
    assert!(
        year.contains(
            "<h2 class=\"month\" id=\"m6\"><a href=\"/chronology/2019/06/\">June 2019</a></h2>"
        ),
        "{year}"
    );
    assert!(!year.contains("<h3>"), "{year}");
    // Every page of a list has a title of its own.
    assert!(
        site.output("index.html")
            .contains("<title>Test Briefings</title>")
    );
    assert!(
        site.output("page/2/index.html")
            .contains("<title>Test Briefings · page 2</title>")
    );
    assert!(
        site.output("tags/summits/page/2/index.html")
            .contains("<title>Summits · page 2 · Tags · Test Briefings</title>")
    );
    assert!(!site.output("index.html").contains("noindex"));
}

#[test]
fn lists_have_numbered_pages() {
    // Issue 12: paginated lists offered only Newer/Older ("Page 2 of 100").
    let site = Site::new(&format!(
        "{SITE_TOML}paginate_by = 1\npaginate_terms_by = 1\n"
    ));
    for day in 1..=10 {
        site.briefing(
            &format!("b{day}.md"),
            &front(
                &format!("Briefing {day}"),
                &format!("2025-06-{day:02}"),
                &["Talks"],
                &[],
            ),
            "x\n",
        );
    }
    site.build().assert_ok();
    let page = site.output("page/5/index.html");
    let pager = &page[page.find("<nav class=\"pager\"").unwrap()..];
    let pager = &pager[..pager.find("</nav>").unwrap()];
    for n in [1, 2, 3, 4, 6, 7, 10] {
        let url = if n == 1 {
            "/".to_string()
        } else {
            format!("/page/{n}/")
        };
        assert!(
            pager.contains(&format!("<a href=\"{url}\">{n}</a>")),
            "{n}: {pager}"
        );
    }
    assert!(pager.contains("<a href=\"/page/5/\" aria-current=\"page\">5</a>"));
    assert!(!pager.contains(">8<") && !pager.contains(">9<"), "{pager}");
    assert_eq!(pager.matches('…').count(), 1, "{pager}");
    // The same on a term's list.
    let term = site.output("tags/talks/page/10/index.html");
    assert!(term.contains("<a href=\"/tags/talks/page/10/\" aria-current=\"page\">10</a>"));
    assert!(term.contains("<a href=\"/tags/talks/\">1</a>"));
}

#[test]
fn every_page_has_a_description_and_link_preview_tags_and_briefings_carry_json_ld() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    for (page, title, kind) in [
        ("index.html", "Test Briefings", "website"),
        (
            "tags/summits/index.html",
            "Summits · Tags · Test Briefings",
            "website",
        ),
        (
            "chronology/2019/index.html",
            "2019 · Chronology · Test Briefings",
            "website",
        ),
        ("briefings/hanoi/index.html", "Hanoi summit", "article"),
    ] {
        let html = site.output(page);
        let meta = |attr: &str, name: &str| {
            let start = format!("<meta {attr}=\"{name}\" content=\"");
            let at = html
                .find(&start)
                .unwrap_or_else(|| panic!("{page}: no {name}"));
            let rest = &html[at + start.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        };
        assert!(!meta("name", "description").is_empty(), "{page}");
        assert_eq!(meta("property", "og:title"), title, "{page}");
        assert_eq!(meta("property", "og:type"), kind, "{page}");
        assert_eq!(meta("name", "twitter:card"), "summary", "{page}");
        assert_eq!(meta("property", "og:site_name"), "Test Briefings");
        let canonical = meta("property", "og:url");
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")),
            "{page}"
        );
    }
    assert!(site.output("tags/summits/index.html").contains(
        "<meta name=\"description\" content=\"3 briefings about Summits, newest first.\">"
    ));

    // The briefing's JSON-LD: a NewsArticle by the site, based on the outlet's article,
    // mentioning its people.
    let html = site.output("briefings/hanoi/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let json = &html[start..start + html[start..].find("</script>").unwrap()];
    let ld: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Hanoi summit");
    assert_eq!(ld["datePublished"], "2019-02-28T14:00:00+07:00");
    // Said once: no dateModified unless it was updated, the site as author only, the
    // description and tags left to the page's head. The language is said (issue 31: the
    // JSON-LD is read away from the page's `lang`).
    assert_eq!(ld["inLanguage"], "en");
    for said_elsewhere in [
        "dateModified",
        "publisher",
        "mainEntityOfPage",
        "description",
        "keywords",
        "wordCount",
    ] {
        assert!(ld.get(said_elsewhere).is_none(), "{said_elsewhere}: {ld}");
    }
    assert_eq!(ld["author"]["name"], "Test Briefings");
    assert_eq!(ld["url"], "https://example.org/briefings/hanoi/");
    assert_eq!(ld["isBasedOn"]["url"], "https://world.kbs.co.kr/");
    assert_eq!(ld["isBasedOn"]["publisher"]["name"], "KBS World Radio News");
    let mentions: Vec<&str> = ld["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(mentions, vec!["Donald Trump", "Nguyễn Phú Trọng"]);
    assert!(html.contains("<meta property=\"article:tag\" content=\"Summits\">"));
    // The time of day is shown where the date gives one, with its offset.
    assert!(
        html.contains("28 February 2019, 14:00 (UTC+07:00)"),
        "{html}"
    );
    assert!(html.contains("1 min read"));

    // A title cannot end the script early.
    site.briefing(
        "2019/2019-04-01-script.md",
        &front("</script><script>alert(1)</script>", "2019-04-01", &[], &[]),
        "Text.\n",
    );
    site.build().assert_ok();
    let page = snapshot(&site.path("public"))
        .into_iter()
        .find(|(path, bytes)| {
            path.starts_with("briefings/") && String::from_utf8_lossy(bytes).contains("alert(1)")
        })
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap();
    assert_eq!(page.matches("</script>").count(), 1, "{page}");
}

#[test]
fn briefing_pages_show_related_briefings_and_highlighting_only_where_code_is() {
    let site = three_briefings(SITE_TOML);
    site.build().assert_ok();
    let singapore = site.output("briefings/singapore-summit/index.html");
    let related = &singapore[singapore
        .find("Related briefings")
        .expect("no related briefings")..];
    // Hanoi shares a tag and a person, Panmunjom a tag and a person too: newest first.
    let panmunjom = related.find("Panmunjom meeting").unwrap();
    let hanoi = related.find("Hanoi summit").unwrap();
    assert!(panmunjom < hanoi);
    // Only Hanoi has code: only its page loads the highlighting stylesheet.
    let sheet = "href=\"/highlight.css\"";
    assert!(site.output("briefings/hanoi/index.html").contains(sheet));
    assert!(!singapore.contains(sheet));
    assert!(!site.output("index.html").contains(sheet));
    // The stylesheet covers both colour schemes.
    let css = site.output("highlight.css");
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    // "Updated" is shown only when it is another day than the date.
    site.briefing(
        "2020/2020-01-01-revised.md",
        &format!(
            "{}updated: 2020-01-01T18:00:00Z\n",
            front("Same-day revision", "2020-01-01T09:00:00Z", &[], &[])
        ),
        "Text.\n",
    );
    site.briefing(
        "2020/2020-02-01-revised-later.md",
        &format!(
            "{}updated: 2020-03-15\n",
            front("Later revision", "2020-02-01", &[], &[])
        ),
        "Text.\n",
    );
    site.build().assert_ok();
    assert!(
        !site
            .output("briefings/revised/index.html")
            .contains("updated")
    );
    assert!(
        site.output("briefings/revised-later/index.html")
            .contains("15 March 2020</time>")
    );
    // The JSON-LD says dateModified when there was an update.
    assert!(
        site.output("briefings/revised-later/index.html")
            .contains("\"dateModified\":\"2020-03-15T")
    );
}

/// The sitemap protocol allows 50,000 URLs a file: a site of more than 30,000 pages (Zola's
/// split) gets `sitemap.xml` as an index of parts, which together list every page once.
#[test]
fn a_site_of_more_than_30000_pages_has_a_sitemap_index() {
    let site = Site::new(SITE_TOML);
    let count = 30_500;
    for i in 0..count {
        let (year, day) = (2000 + i / 3000, i % 3000);
        let (month, day) = (1 + day / 250, 1 + day % 28);
        site.write(
            &format!("content/{year}/b{i}.md"),
            &format!(
                "---\ntitle: \"Briefing {i}\"\ndate: {year}-{month:02}-{day:02}\nsource: Wire\n---\n\nText {i}.\n"
            ),
        );
    }
    site.build().assert_ok();

    let locs = |xml: &str, tag: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().name(),
            tag,
            "{}",
            &xml[..200.min(xml.len())]
        );
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    let parts = locs(&site.output("sitemap.xml"), "sitemapindex");
    assert_eq!(
        parts,
        [
            "https://example.org/sitemap1.xml",
            "https://example.org/sitemap2.xml"
        ]
    );
    let first = locs(&site.output("sitemap1.xml"), "urlset");
    let second = locs(&site.output("sitemap2.xml"), "urlset");
    assert_eq!(first.len(), 30_000);
    let all: std::collections::BTreeSet<String> = first.iter().chain(&second).cloned().collect();
    assert_eq!(all.len(), first.len() + second.len(), "a URL listed twice");

    // Every page written, and nothing else, is listed (the 404 page and the search page,
    // `noindex` both, are not pages to index).
    let pages: std::collections::BTreeSet<String> = snapshot(&site.path("public"))
        .into_keys()
        .filter_map(|file| file.strip_suffix("index.html").map(str::to_string))
        .filter(|dir| !dir.contains("/page/") && !dir.starts_with("page/") && dir != "search/")
        .map(|dir| format!("https://example.org/{dir}"))
        .collect();
    assert_eq!(all, pages);
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

/// No generated page may exceed 200 KB, however large the archive. The pages that grow with
/// it are the chronology's months (a year's page links to them past 400 briefings) and the
/// taxonomy indexes; everything else is paginated. 10,000 briefings in one year put ~830 in
/// a month, more than the bench corpus's busiest month at 100,000 (787; BENCHMARKS.md has the
/// 100,000-briefing figures), under 400 people and 120 tags, as the bench corpus has.
#[test]
fn no_page_of_a_dense_10000_briefing_site_exceeds_200_kb() {
    let site = Site::new(SITE_TOML);
    let words = [
        "Summit",
        "Talks",
        "Ministry",
        "Ceasefire",
        "Sanctions",
        "Election",
        "Budget",
        "Alliance",
        "Exports",
        "Court",
        "Strike",
        "Treaty",
    ];
    let body = "Officials said the talks would resume next week, though details were not \
                immediately available. "
        .repeat(40);
    for i in 0..10_000usize {
        let day_of_year = i * 365 / 10_000;
        let (month, day) = (1 + day_of_year / 31 % 12, 1 + day_of_year % 28);
        let title = format!(
            "Analysis: What the {} {} Means for {} ({i})",
            words[i % 12],
            words[(i / 12) % 12],
            words[(i / 144) % 12]
        );
        let people: Vec<String> = (0..4)
            .map(|k| format!("Person {:03} Surname", (i * 7 + k * 101) % 400))
            .collect();
        let tags: Vec<String> = (0..4)
            .map(|k| format!("topic {}", (i * 5 + k * 31) % 120))
            .collect();
        site.write(
            &format!("content/2020/b{i}.md"),
            &format!(
                "---\ntitle: \"{title}\"\ndate: 2020-{month:02}-{day:02}T{:02}:{:02}:00+09:00\nsource: {{ name: \"Source {}\", url: \"https://news.example.com/story/{i}\" }}\npeople: {people:?}\ntags: {tags:?}\n---\n\n{body}\n",
                i % 24,
                i % 60,
                i % 40
            ),
        );
    }
    site.build().assert_ok();
    let mut sizes: Vec<(usize, String)> = snapshot(&site.path("public"))
        .into_iter()
        .filter(|(file, _)| file.ends_with(".html"))
        .map(|(file, bytes)| (bytes.len(), file))
        .collect();
    sizes.sort();
    let largest = sizes.iter().rev().take(5).collect::<Vec<_>>();
    println!("largest pages: {largest:?}");
    assert!(sizes.len() > 10_000);
    assert!(largest[0].0 <= 200 * 1024, "{largest:?}");
    // The densest month is the largest page but for the digests of this site's weeks of some
    // 190 briefings (a digest lists its period whole): the test measures what it means to.
    let listing = sizes
        .iter()
        .rev()
        .find(|(_, file)| !file.starts_with("digests/"))
        .unwrap();
    assert!(listing.1.contains("chronology"), "{largest:?}");
}

/// A taxonomy's index lists its terms A–Z under their initials, with jump links, and — past
/// twenty terms — the twenty with the most briefings first; every count says what it counts.
#[test]
fn taxonomy_indexes_are_by_count_and_a_to_z_with_jump_links() {
    let site = Site::new(SITE_TOML);
    // Tag `t` is on `t + 1` of the briefings: "Zeta 24" is on 25, "Alpha 0" on one.
    let names: Vec<String> = (0..25)
        .map(|t| format!("{} {t}", ["Alpha", "Beta", "Zeta", "9 Dash"][t % 4]))
        .collect();
    for i in 0..25 {
        let tags: Vec<&str> = names.iter().skip(i).map(String::as_str).collect();
        site.briefing(
            &format!("2020/b{i}.md"),
            &front(&format!("B {i}"), "2020-01-01", &tags, &[]),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let index = site.output("tags/index.html");
    let at = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {index}"))
    };
    assert!(index.contains("<p class=\"count\">25 tags</p>"), "{index}");
    // By count: the top twenty, most first.
    assert!(at("<h2 id=\"most\">Most briefings</h2>") < at("<h2 id=\"a-z\">A–Z</h2>"));
    let most = &index[at("id=\"most\"")..at("id=\"a-z\"")];
    assert_eq!(most.matches("<li>").count(), 20);
    assert!(most.contains(
        "<li><a href=\"/tags/alpha-24/\">Alpha 24</a> <span class=\"count\">25 briefings</span></li>"
    ));
    assert!(most.find("Alpha 24").unwrap() < most.find("9 Dash 23").unwrap());
    assert!(!most.contains(">Alpha 0<"));
    // A–Z: digits first, then letters, each a heading that the jump links lead to.
    for (letter, id) in [
        ("#", "letter-0"),
        ("A", "letter-a"),
        ("B", "letter-b"),
        ("Z", "letter-z"),
    ] {
        assert!(
            index.contains(&format!("<li><a href=\"#{id}\">{letter}</a></li>")),
            "{letter}"
        );
        assert!(index.contains(&format!("<h3 class=\"letter\" id=\"{id}\">{letter}</h3>")));
    }
    assert!(at("id=\"letter-0\"") < at("id=\"letter-a\""));
    assert!(at("id=\"letter-a\"") < at(">Alpha 0<") && at(">Alpha 0<") < at("id=\"letter-b\""));
    assert!(index.contains(
        "<a href=\"/tags/alpha-0/\">Alpha 0</a> <span class=\"count\">1<span class=\"visually-hidden\"> briefing</span></span>"
    ));
    // A small taxonomy has no by-count list to repeat it.
    let sources = site.output("sources/index.html");
    assert!(!sources.contains("Most briefings") && sources.contains("1 source"));
}

/// A person's page: their briefings under year headings, a timeline of years (with counts)
/// leading to the page of the list where each year begins, and the people, tags and sources
/// that share the most briefings with them.
#[test]
fn a_person_page_has_a_timeline_by_year_and_who_they_appear_with() {
    let site = Site::new(&format!(
        "{SITE_TOML}paginate_by = 2\npaginate_terms_by = 2\n"
    ));
    let briefings = [
        (
            "2021-05-01",
            &["Kim Jong-un", "Moon Jae-in"][..],
            &["Summits"][..],
        ),
        (
            "2021-03-01",
            &["Kim Jong-un", "Moon Jae-in"],
            &["Summits", "DMZ"],
        ),
        (
            "2020-07-01",
            &["Kim Jong-un", "Donald Trump"],
            &["Sanctions"],
        ),
        ("2019-02-28", &["Kim Jong-un", "Donald Trump"], &["Summits"]),
        ("2019-02-27", &["Kim Jong-un", "Moon Jae-in"], &["Summits"]),
    ];
    for (i, (date, people, tags)) in briefings.iter().enumerate() {
        site.briefing(
            &format!("b{i}.md"),
            &front(&format!("Briefing {i}"), date, tags, people),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let kim = site.output("people/kim-jong-un/index.html");
    // The timeline: every year with its count, linking to where its list reaches it.
    assert!(
        kim.contains("<nav class=\"timeline\" aria-label=\"Kim Jong-un by year\">"),
        "{kim}"
    );
    for (year, count, page) in [(2021, 2, ""), (2020, 1, "page/2/"), (2019, 2, "page/2/")] {
        let link = format!(
            "<li><a href=\"/people/kim-jong-un/{page}#y{year}\">{year}</a> <span class=\"count\">{count}<span class=\"visually-hidden\"> briefing"
        );
        assert!(kim.contains(&link), "{link}\n{kim}");
    }
    // The page's briefings under their year.
    assert!(kim.contains("<h2 class=\"year\" id=\"y2021\">2021</h2>"));
    let second = site.output("people/kim-jong-un/page/2/index.html");
    assert!(second.contains("id=\"y2020\"") && second.contains("id=\"y2019\""));
    assert!(second.find("Briefing 2").unwrap() < second.find("id=\"y2019\"").unwrap());
    // Who appears with them most, then the tags and sources they share, on the first page.
    let at = |needle: &str| {
        kim.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {kim}"))
    };
    assert!(kim.contains("<h2 id=\"with-people\">Appears with</h2>"));
    assert!(
        at(
            ">Moon Jae-in</a> <span class=\"count\">3<span class=\"visually-hidden\"> shared briefings</span>"
        ) < at(">Donald Trump</a> <span class=\"count\">2<")
    );
    assert!(!kim[at("id=\"with-people\"")..].contains(">Kim Jong-un</a>"));
    assert!(kim.contains("<h2 id=\"with-tags\">Tags</h2>"));
    assert!(at("id=\"with-people\"") < at("id=\"with-tags\""));
    assert!(at(">Summits</a> <span class=\"count\">4<") < at(">DMZ</a> <span class=\"count\">1<"));
    assert!(kim.contains("<h2 id=\"with-sources\">Sources</h2>"));
    assert!(!second.contains("Appears with"));
    // A tag's page says the same of its people and related tags.
    let summits = site.output("tags/summits/index.html");
    assert!(summits.contains("<h2 id=\"with-tags\">Related tags</h2>"));
    assert!(summits.contains("<h2 id=\"with-people\">People</h2>"));
}

/// `data/people.yaml`: aliases make one person of several spellings (one page, every link to
/// it), and the person's page shows their role and note; a mistake in the file is an error at
/// its line, and nothing is written.
#[test]
fn a_people_data_file_merges_aliases_and_describes_people() {
    let site = Site::new(SITE_TOML);
    site.write(
        "data/people.yaml",
        "Lee Jae-myung:\n  role: President of South Korea\n  note: Took office in June 2025.\n  aliases: [\"Yi Jae-myeong\"]\nKim Min-seok:\n  sort_as: Min-seok, Kim\n",
    );
    site.briefing(
        "a.md",
        &front(
            "Yi speaks",
            "2025-06-04",
            &[],
            &["Yi Jae-myeong", "Kim Min-seok"],
        ),
        "Text.\n",
    );
    site.briefing(
        "b.md",
        &front("Lee speaks", "2025-06-05", &[], &["lee jae-myung"]),
        "Text.\n",
    );
    site.build().assert_ok();
    assert!(!site.has_output("people/yi-jae-myeong/index.html"));
    let lee = site.output("people/lee-jae-myung/index.html");
    assert!(lee.contains("<h1>Lee Jae-myung</h1>"), "{lee}");
    assert!(lee.contains("<p class=\"role\">President of South Korea</p>"));
    assert!(lee.contains("<p class=\"note\">Took office in June 2025.</p>"));
    assert!(lee.contains("<p class=\"aliases\">Also written Yi Jae-myeong</p>"));
    assert!(lee.contains("<p class=\"count\">2 briefings"));
    assert!(lee.contains(
        "<meta name=\"description\" content=\"Lee Jae-myung, President of South Korea: 2 briefings"
    ), "{lee}");
    // The people index goes by `sort_as` where it is given: Kim Min-seok under M, after Lee.
    let people = site.output("people/index.html");
    assert!(people.find(">Lee Jae-myung<").unwrap() < people.find(">Kim Min-seok<").unwrap());
    assert!(
        people.contains("<h2 class=\"letter\" id=\"letter-m\">M</h2>"),
        "{people}"
    );
    assert!(!people.contains("id=\"letter-k\""), "{people}");
    // The briefing that spells it otherwise links to the one page, under the shown name.
    let yi = site.output("briefings/a/index.html");
    assert!(
        yi.contains(">Lee Jae-myung</a>") && !yi.contains("Yi Jae-myeong"),
        "{yi}"
    );

    let before = snapshot(&site.path("public"));
    site.write(
        "data/people.yaml",
        "Lee Jae-myung:\n  aliases: [\"Yi Jae-myeong\"]\n  rol: President\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "data/people.yaml:3:3: Lee Jae-myung: unknown key `rol`; did you mean `role`?"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.path("public")), before);
}

#[test]
fn the_search_index_lists_every_briefing_under_its_words_people_and_year() {
    use briefgen::search::{WORD_FILE_BYTES, read_fragment, read_word_file};
    use briefgen::words::words;
    let site = common::generated_site(300);
    site.build().assert_ok();
    let out = snapshot(&site.path("public"));
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_slice(&out[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let meta = json("search/data/meta.json");
    let count = meta["briefings"].as_u64().unwrap() as usize;
    assert_eq!(count, 300);
    let per_fragment = meta["fragment_briefings"].as_u64().unwrap() as usize;

    // What results show, briefing by briefing (newest first), each leading to its page.
    let mut shown = Vec::new();
    for n in 0..count.div_ceil(per_fragment) {
        let entries = read_fragment(&out[&format!("search/data/f/{n}.json")]).unwrap();
        for entry in entries {
            // The page is meta's pattern with the slug, spelled out as the script does.
            let page = format!(
                "{}index.html",
                meta["briefing_page"]
                    .as_str()
                    .unwrap()
                    .replace("{slug}", &entry.slug)
            );
            assert!(out.contains_key(&page), "{page} is not a page of the site");
            assert!(!entry.date.is_empty(), "{entry:?}");
            shown.push(entry);
        }
    }
    assert_eq!(shown.len(), count);

    // The word files: sorted across files, each starting with the word meta.json says.
    let firsts: Vec<&str> = meta["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    let mut index = Vec::new();
    for (n, first) in firsts.iter().enumerate() {
        let bytes = &out[&format!("search/data/w/{n}.bin")];
        let words = read_word_file(bytes);
        assert_eq!(words[0].0, *first);
        let largest = words
            .iter()
            .map(|(w, _)| w.len() + 3 * count / 8 + 32)
            .max();
        assert!(bytes.len() <= WORD_FILE_BYTES + largest.unwrap_or(0));
        index.extend(words);
    }
    assert!(
        index.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted, once each"
    );
    let index: std::collections::BTreeMap<String, [Vec<u32>; 3]> = index.into_iter().collect();
    for (word, lists) in &index {
        let mut all: Vec<u32> = lists.concat();
        assert!(
            lists.iter().all(|l| l.windows(2).all(|p| p[0] < p[1])),
            "{word}"
        );
        all.sort_unstable();
        assert!(
            all.windows(2).all(|p| p[0] < p[1]),
            "{word}: a briefing in two fields"
        );
    }

    for (doc, entry) in shown.iter().enumerate() {
        let doc = doc as u32;
        // Every word of the title is found in the strongest field; of the summary, in one.
        for word in words(&entry.title) {
            assert!(index[&word][0].contains(&doc), "{word} of {}", entry.title);
        }
        for word in words(&entry.summary) {
            assert!(index[&word][..2].concat().contains(&doc), "{word}");
        }
    }
    // A person's own word lists exactly the briefings naming them.
    let naming: Vec<u32> = (0..count as u32)
        .filter(|&d| shown[d as usize].people.iter().any(|p| p == "Aiko Ahn"))
        .collect();
    assert!(naming.len() > 10);
    assert_eq!(index["p:aiko-ahn"][0], naming);
    for word in ["aiko", "ahn"] {
        assert!(
            naming.iter().all(|d| index[word][0].contains(d)),
            "the words of the name find them too"
        );
    }
    let facets = json("search/data/facets.json");
    let aiko = facets["people"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[0] == "Aiko Ahn")
        .unwrap();
    assert_eq!(aiko[2].as_u64(), Some(naming.len() as u64));

    // The years' runs give each briefing the year of its date.
    let mut doc = 0;
    for run in meta["years"].as_array().unwrap() {
        let (year, length) = (run[0].as_i64().unwrap(), run[1].as_u64().unwrap() as usize);
        for entry in &shown[doc..doc + length] {
            assert!(entry.date.ends_with(&year.to_string()), "{entry:?}");
        }
        doc += length;
    }
    assert_eq!(doc, count);

    // The search page reads the index from the site's path.
    let page = String::from_utf8_lossy(&out["search/index.html"]).into_owned();
    assert!(page.contains("data-index=\"/search/data/\""), "{page}");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn a_search_result_spells_its_slug_and_date_out_again_however_its_fragment_shortens_them() {
    let site = common::shortened_slugs_site();
    site.build().assert_ok();
    let fragment = std::fs::read(site.path("public/search/data/f/0.json")).unwrap();
    let raw: Vec<Vec<serde_json::Value>> = serde_json::from_slice(&fragment).unwrap();
    // Newest first: each form as the fixture's comments say.
    let slugs: Vec<&serde_json::Value> = raw.iter().map(|e| &e[1]).collect();
    let dates: Vec<&serde_json::Value> = raw.iter().map(|e| &e[2]).collect();
    assert!(slugs.iter().any(|s| s.is_number()), "{slugs:?}");
    assert!(slugs.iter().any(|s| s.is_array()), "{slugs:?}");
    assert!(slugs.iter().any(|s| s.is_string()), "{slugs:?}");
    assert_eq!(dates.iter().filter(|d| **d == 0).count(), 2, "{dates:?}");

    let read = briefgen::search::read_fragment(&fragment).unwrap();
    assert_eq!(read.len(), common::SHORTENED_SLUGS.len());
    for (_, title, date, slug) in common::SHORTENED_SLUGS {
        let entry = read.iter().find(|e| e.title == title).unwrap();
        assert_eq!(entry.slug, slug, "{title}");
        // All in June 2025, written as lists write them.
        let day = date
            .strip_prefix("2025-06-")
            .unwrap()
            .trim_start_matches('0');
        assert_eq!(entry.date, format!("{day} June 2025"), "{title}");
        assert!(
            site.path(&format!("public/briefings/{slug}/index.html"))
                .exists()
        );
    }
}

#[test]
fn sizes_count_every_file_of_the_output_once_by_its_part() {
    let site = three_briefings("title = \"T\"\nbase_url = \"https://example.org/\"\n");
    let run = site.run(&["build", "--sizes"]);
    run.assert_ok();
    let rows: Vec<Vec<&str>> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| output"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let row = |group: &str| {
        rows.iter()
            .find(|r| r[0] == group)
            .unwrap_or_else(|| panic!("no row {group} in\n{}", run.stderr))
    };
    // Three published briefings; the story's index, page and timeline (its feed is one of the
    // feeds); the data files.
    assert_eq!(row("briefing pages")[1], "3");
    assert_eq!(row("stories")[1], "3");
    assert_eq!(row("data")[1], "3");
    // The whole is what is on disk: every file but briefgen's marker, once.
    let on_disk: Vec<std::fs::Metadata> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".briefgen")
        .map(|e| e.metadata().unwrap())
        .collect();
    let all = row("**all**");
    assert_eq!(all[1], on_disk.len().to_string());
    assert_eq!(
        all[2],
        on_disk.iter().map(|m| m.len()).sum::<u64>().to_string()
    );
    let parts: u64 = rows[..rows.len() - 1]
        .iter()
        .map(|r| r[2].parse::<u64>().unwrap())
        .sum();
    assert_eq!(all[2], parts.to_string());
    assert_eq!(
        all[3],
        format!("{:.0}", parts as f64 / 3.0),
        "bytes per published briefing"
    );
}

/// A build of a large archive keeps only the first bodies in memory and the rest in a
/// temporary file until their pages are written: the pages must be the same, byte for byte,
/// as when every body is kept (here none is, and then half are).
#[test]
fn bodies_waiting_in_a_temporary_file_give_the_pages_bodies_in_memory_give() {
    let site = common::generated_site(120);
    let build = |bodies_kept: Option<usize>| {
        let out = tempfile::tempdir().unwrap();
        let output = out.path().join("public");
        briefgen::build(&briefgen::BuildOptions {
            root: site.root().to_path_buf(),
            output_dir: Some(output.clone()),
            force: true,
            bodies_kept,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("the build failed: {e}"));
        let mut files = snapshot(&output);
        files.remove(".briefgen");
        files
    };
    // Which bodies wait in the file, as the engine a build opens holds them after its render.
    let waiting = |bodies_kept: Option<usize>| {
        let options = briefgen::engine::EngineOptions {
            once: true,
            bodies_kept,
            ..Default::default()
        };
        let mut engine = briefgen::engine::Engine::open(site.root(), options).unwrap();
        engine.render(&mut briefgen::engine::Discard).unwrap();
        let briefings = &engine.site().unwrap().briefings;
        let spilled = |text: &briefgen::spill::BodyText| {
            matches!(text, briefgen::spill::BodyText::Spilled { .. })
        };
        let html = briefings.iter().filter(|b| spilled(&b.html)).count();
        let words = briefings.iter().filter(|b| spilled(&b.words)).count();
        (briefings.len(), html, words)
    };
    let (count, html, words) = waiting(None);
    assert_eq!(
        (html, words),
        (0, 0),
        "a small site keeps its {count} bodies"
    );
    assert_eq!(waiting(Some(0)), (count, count, count));
    let (_, html, words) = waiting(Some(20_000));
    assert!(
        0 < html && html < count && html == words,
        "{html} of {count}"
    );
    let kept = build(None);
    assert!(kept.len() > 120, "{} files", kept.len());
    // None kept, then the first few (the generated bodies are some kilobytes each).
    for bodies_kept in [0, 20_000] {
        let spilled = build(Some(bodies_kept));
        assert_eq!(
            spilled.keys().collect::<Vec<_>>(),
            kept.keys().collect::<Vec<_>>()
        );
        for (path, page) in &kept {
            assert!(
                spilled[path] == *page,
                "{path} differs with {bodies_kept} bytes of bodies kept"
            );
        }
    }
}
