//! Digests (issue 30): a page per period with briefings — ISO weeks by default, or days or
//! months — grouping the period's briefings by story, then by tag; the editor's note on top;
//! the most-mentioned people; the periods before and after. Each digest is also an email, in
//! HTML a mail client can show (no script, no style sheet, every style inline, absolute links,
//! one column of at most 600 px that never scrolls sideways at 390 px) and in plain text, and
//! `briefgen digest` prints exactly what the build wrote. `digest = "off"` writes none.

mod common;

use std::path::Path;

use common::browser::{browser, browser_available};
use common::{Site, front, links};

/// A site over three ISO weeks of June 2025 (W23, W24, W26; W25 is empty): in W24 two
/// briefings of a story, one tagged Summits and one without a tag.
fn digest_site(settings: &str) -> Site {
    let site = Site::new(&format!(
        "title = \"Test Briefings\"\nbase_url = \"https://example.org/briefs/\"\n{settings}"
    ));
    site.write(
        "stories/letters.md",
        "---\ntitle: The letters\n---\nLetters between leaders.\n",
    );
    let briefing =
        |path: &str, title: &str, date: &str, tags: &[&str], people: &[&str], more: &str| {
            site.briefing(
                path,
                &format!("{}{more}", front(title, date, tags, people)),
                &format!("{title}: the body.\n"),
            );
        };
    briefing(
        "w23.md",
        "Early June & the vote",
        "2025-06-04",
        &["Elections"],
        &["Lee Jae-myung"],
        "",
    );
    briefing(
        "w24a.md",
        "A letter is refused",
        "2025-06-11",
        &["Letters"],
        &["Kim Jong-un", "Donald Trump"],
        "story: letters\n",
    );
    briefing(
        "w24b.md",
        "Still open to talks",
        "2025-06-12",
        &["Talks"],
        &["Donald Trump"],
        "story: letters\n",
    );
    briefing(
        "w24c.md",
        "A summit is planned",
        "2025-06-13",
        &["Summits"],
        &["Kim Jong-un", "Donald Trump"],
        "",
    );
    briefing("w24d.md", "No tag at all", "2025-06-14", &[], &[], "");
    briefing(
        "w26.md",
        "Late June",
        "2025-06-25",
        &["Summits"],
        &["Lee Jae-myung"],
        "",
    );
    site
}

/// The titles in an HTML page, in the order it shows them, among `titles`.
fn order_of<'a>(html: &str, titles: &[&'a str]) -> Vec<&'a str> {
    let mut found: Vec<(usize, &str)> = titles
        .iter()
        .filter_map(|t| html.find(&format!(">{t}<")).map(|i| (i, *t)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn a_digest_per_week_with_briefings_grouped_by_story_then_by_tag() {
    let site = digest_site("");
    site.build().assert_ok();
    // A page per week with briefings; none for the empty week 25.
    for week in ["2025-W23", "2025-W24", "2025-W26"] {
        for file in ["index.html", "email.html", "email.txt"] {
            assert!(
                site.has_output(&format!("digests/{week}/{file}")),
                "{week}/{file}"
            );
        }
    }
    assert!(!site.has_output("digests/2025-W25/index.html"));
    let index = site.output("digests/index.html");
    assert_eq!(
        order_of(&index, &["Week 26, 2025", "Week 24, 2025", "Week 23, 2025"]),
        ["Week 26, 2025", "Week 24, 2025", "Week 23, 2025"],
        "{index}"
    );

    let page = site.output("digests/2025-W24/index.html");
    assert!(page.contains("<h1>Week 24, 2025</h1>"), "{page}");
    assert!(page.contains("9–15 June 2025"), "{page}");
    assert!(page.contains("4 briefings"), "{page}");
    // The story first, its briefings oldest first; then the tags; then what has no tag.
    assert_eq!(
        order_of(
            &page,
            &[
                "The letters",
                "A letter is refused",
                "Still open to talks",
                "Summits",
                "A summit is planned",
                "Other briefings",
                "No tag at all"
            ]
        ),
        [
            "The letters",
            "A letter is refused",
            "Still open to talks",
            "Summits",
            "A summit is planned",
            "Other briefings",
            "No tag at all"
        ],
        "{page}"
    );
    assert!(page.contains("href=\"/briefs/stories/letters/\""), "{page}");
    // Each briefing with its date, source and summary.
    assert!(
        page.contains("<time datetime=\"2025-06-11\">11 June 2025</time>"),
        "{page}"
    );
    assert!(page.contains("KBS World Radio News"), "{page}");
    assert!(page.contains("A letter is refused: the body."), "{page}");
    // The most mentioned: Donald Trump in three, Kim Jong-un in two.
    let people = &page[page.find("Most mentioned").unwrap()..];
    assert_eq!(
        order_of(people, &["Kim Jong-un", "Donald Trump"]),
        ["Donald Trump", "Kim Jong-un"]
    );
    assert!(people.contains("/briefs/people/donald-trump/"), "{people}");
    // The periods before and after with briefings: 23 and 26, over the empty 25.
    assert!(
        page.contains("href=\"/briefs/digests/2025-W26/\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/briefs/digests/2025-W23/\""),
        "{page}"
    );
    // In the sitemap, and linked from the chronology.
    assert!(
        site.output("sitemap.xml")
            .contains("https://example.org/briefs/digests/2025-W24/")
    );
    assert!(
        site.output("chronology/index.html")
            .contains("href=\"/briefs/digests/\"")
    );
}

#[test]
fn the_editors_note_tops_its_digest_and_a_misnamed_note_is_an_error_at_its_file() {
    let site = digest_site("");
    site.write(
        "digests/2025-W24.md",
        "---\ntitle: A letter turned away\n---\nThe week of the [letter](@/w24a.md), *in short*.\n",
    );
    site.build().assert_ok();
    let page = site.output("digests/2025-W24/index.html");
    assert!(
        page.contains("<h1>Week 24, 2025: A letter turned away</h1>"),
        "{page}"
    );
    let note = page.find("The week of the").unwrap();
    assert!(
        note < page.find("A letter is refused").unwrap(),
        "the note is on top"
    );
    assert!(page.contains("<em>in short</em>"), "{page}");
    let text = site.output("digests/2025-W24/email.txt");
    assert!(
        text.contains(
            "The week of the letter (https://example.org/briefs/briefings/w24a/), in short."
        ),
        "{text}"
    );
    let email = site.output("digests/2025-W24/email.html");
    assert!(
        email.contains("<title>Test Briefings — Week 24, 2025: A letter turned away</title>"),
        "{email}"
    );

    // A note on a week without briefings is built around, with a warning.
    site.write("digests/2025-W25.md", "---\ntitle: Quiet\n---\nNothing.\n");
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("digests/2025-W25.md")
            && run.stderr.contains("no briefing is dated in 2025-W25"),
        "{}",
        run.stderr
    );
    assert!(!site.has_output("digests/2025-W25/index.html"));

    // A note named after no week, and one with a key it has not: errors at their files.
    site.write("digests/2025-24.md", "---\ntitle: x\n---\n");
    site.write("digests/2025-W23.md", "---\ntitle: x\nsummary: y\n---\n");
    let run = site.build();
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("digests/2025-24.md:1")
            && run.stderr.contains("e.g. `digests/2025-W24.md`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("digests/2025-W23.md:3"),
        "{}",
        run.stderr
    );
    assert!(
        site.has_output("digests/2025-W24/index.html"),
        "the last good output stays"
    );
}

#[test]
fn days_and_months_and_off() {
    let daily = digest_site("digest = \"daily\"\n");
    daily.build().assert_ok();
    assert!(
        daily
            .output("digests/2025-06-11/index.html")
            .contains("<h1>11 June 2025</h1>")
    );
    assert!(!daily.has_output("digests/2025-W24/index.html"));
    let monthly = digest_site("digest = \"monthly\"\n");
    monthly.build().assert_ok();
    let june = monthly.output("digests/2025-06/index.html");
    assert!(
        june.contains("<h1>June 2025</h1>") && june.contains("6 briefings"),
        "{june}"
    );

    let off = digest_site("digest = \"off\"\n");
    off.build().assert_ok();
    assert!(!off.has_output("digests"), "no digests at all");
    assert!(!off.output("chronology/index.html").contains("digests/"));
    assert!(!off.output("sitemap.xml").contains("digests/"));

    let typo = digest_site("digest = \"weekley\"\n");
    let run = typo.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `weekly`"),
        "{}",
        run.stderr
    );
}

#[test]
fn briefgen_digest_prints_what_the_build_wrote() {
    let site = digest_site("");
    site.write("digests/2025-W24.md", "---\ntitle: Letters\n---\nA note.\n");
    site.build().assert_ok();
    let html = site.run(&["digest", "2025-W24"]);
    html.assert_ok();
    assert_eq!(html.stdout, site.output("digests/2025-W24/email.html"));
    let text = site.run(&["digest", "2025-W24", "--format", "text"]);
    text.assert_ok();
    assert_eq!(text.stdout, site.output("digests/2025-W24/email.txt"));
    // By default, the latest complete period: all of June 2025 is past.
    let latest = site.run(&["digest"]);
    latest.assert_ok();
    assert_eq!(latest.stdout, site.output("digests/2025-W26/email.html"));
    // A period without briefings, and a name that is no period, are usage errors.
    let empty = site.run(&["digest", "2025-W25"]);
    assert_eq!(empty.code, 2);
    assert!(
        empty.stderr.contains("no briefing is dated in `2025-W25`"),
        "{}",
        empty.stderr
    );
    let wrong = site.run(&["digest", "2025-06"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("named like `2025-W24`"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn only_the_newest_digests_are_written_as_emails_and_briefgen_digest_prints_any() {
    let site = digest_site("digest_emails = 1\n");
    site.build().assert_ok();
    assert!(site.has_output("digests/2025-W26/email.html"));
    assert!(site.has_output("digests/2025-W26/email.txt"));
    assert!(!site.has_output("digests/2025-W24/email.html"));
    assert!(!site.has_output("digests/2025-W24/email.txt"));
    let page = site.output("digests/2025-W24/index.html");
    assert!(
        !page.contains("email.html"),
        "no link to an email not written: {page}"
    );
    let printed = site.run(&["digest", "2025-W24"]);
    printed.assert_ok();
    // What a build that writes every email writes.
    site.write(
        "site.toml",
        "title = \"Test Briefings\"\nbase_url = \"https://example.org/briefs/\"\ndigest_emails = 3\n",
    );
    site.build().assert_ok();
    assert_eq!(printed.stdout, site.output("digests/2025-W24/email.html"));
}

#[test]
fn the_digest_feed_has_an_entry_per_period_with_its_email() {
    let site = digest_site("");
    site.build().assert_ok();
    let feed = site.output("digests/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    let first = &feed[feed.find("<entry>").unwrap()..];
    assert!(first.contains("<title>Week 26, 2025</title>"), "{first}");
    assert!(
        first.contains("<id>https://example.org/briefs/digests/2025-W26/</id>"),
        "{first}"
    );
    // The content is the email's HTML, escaped once.
    let email = site.output("digests/2025-W26/email.html");
    let escaped = email
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        first.contains(&format!("<content type=\"html\">{escaped}</content>")),
        "{first}"
    );
    // Well-formed XML, read back by Python's parser.
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(len(r.findall('{http://www.w3.org/2005/Atom}entry')))"])
        .arg(site.path("public/digests/atom.xml"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "3",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Linked from the digests' pages.
    assert!(
        site.output("digests/index.html")
            .contains("href=\"/briefs/digests/atom.xml\"")
    );
}

/// Every element of the email that a mail client would style, and how it is styled: no
/// script, no style sheet, no class, no `<style>`, and only absolute addresses.
fn assert_mail_ready(email: &str) {
    assert!(!email.contains("<script"), "a script");
    assert!(!email.contains("<link"), "a linked style sheet");
    assert!(!email.contains("<style"), "a style element");
    assert!(
        !email.contains(" class="),
        "a class: its styling would be lost"
    );
    for link in links(email) {
        assert!(
            link.starts_with("https://example.org/briefs/"),
            "a relative or foreign link: {link}"
        );
    }
    for tag in ["<body", "<table", "<td", "<h1", "<h2", "<a "] {
        let mut rest = email;
        while let Some(i) = rest.find(tag) {
            let end = rest[i..].find('>').unwrap();
            assert!(
                rest[i..i + end].contains("style=\""),
                "unstyled: {}",
                &rest[i..i + end]
            );
            rest = &rest[i + end..];
        }
    }
}

#[test]
fn the_email_is_what_a_mail_client_can_show() {
    let site = digest_site("");
    site.write(
        "digests/2025-W24.md",
        "---\ntitle: Letters\n---\nSee the [letter](@/w24a.md) and `code`.\n",
    );
    site.build().assert_ok();
    let email = site.output("digests/2025-W24/email.html");
    assert_mail_ready(&email);
    let text = site.output("digests/2025-W24/email.txt");
    // Every briefing's title and link; no markup, and `&` as written.
    for (title, slug) in [
        ("A letter is refused", "w24a"),
        ("Still open to talks", "w24b"),
        ("A summit is planned", "w24c"),
        ("No tag at all", "w24d"),
    ] {
        assert!(text.contains(title), "{title}: {text}");
        assert!(
            text.contains(&format!("https://example.org/briefs/briefings/{slug}/")),
            "{slug}: {text}"
        );
    }
    assert!(!text.contains('<') && !text.contains("&amp;"), "{text}");
    assert!(
        site.output("digests/2025-W23/email.txt")
            .contains("Early June & the vote")
    );

    if !browser_available() {
        return;
    }
    let file = site.path("public/digests/2025-W24/email.html");
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(looked_at_in_chromium(&file));
}

/// Opens the email in headless Chromium at 390 and 1280 px: nothing scrolls sideways, and its
/// column is at most 600 px wide.
async fn looked_at_in_chromium(file: &Path) {
    let (_driver, client, _profile) = browser().await;
    for width in [390u32, 1280] {
        client.set_window_size(width, 900).await.unwrap();
        client
            .goto(&format!("file://{}", file.display()))
            .await
            .unwrap();
        let look = client
            .execute(
                "const column = document.querySelectorAll('table')[1];
                 return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                         column.getBoundingClientRect().width];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(look[0].as_f64(), Some(0.0), "{width} px: scrolls sideways");
        let column = look[1].as_f64().unwrap();
        assert!(column <= 600.0, "{width} px: a column {column} px wide");
        if width == 1280 {
            assert_eq!(column, 600.0, "the column is 600 px on a wide screen");
        }
    }
    client.close().await.unwrap();
}
