//! The in-memory site of `serve`: each change re-renders only what it touched, and the result
//! is always what a full build of the same files gives.

mod common;

use std::path::PathBuf;

use briefgen::serve::Served;
use common::{Live, SITE_TOML, Saved, Site, front};

const BASE: &str = "http://127.0.0.1:1111/";

fn site() -> Site {
    let site = Site::new(&format!(
        "{SITE_TOML}paginate_by = 2\npaginate_terms_by = 2\n"
    ));
    site.briefing(
        "2018/2018-06-12-singapore.md",
        &front("Singapore", "2018-06-12", &["Summits"], &["Kim Jong-un"]),
        "First.\n",
    );
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "See [Singapore](@/2018/2018-06-12-singapore.md).\n",
    );
    site.briefing(
        "2019/2019-06-30-panmunjom.md",
        &front(
            "Panmunjom",
            "2019-06-30",
            &["Summits", "DMZ"],
            &["Moon Jae-in"],
        ),
        "Line.\n",
    );
    site.write("static/style.css", "body { color: black }");
    site
}

/// Tells the live site that the file at `relative` was saved, and checks that it took.
fn saved(live: &mut Live, site: &Site, relative: &str) -> Saved {
    let update = live.update(&[site.path(relative)]);
    assert!(update.errors.is_empty(), "{relative}: {:?}", update.errors);
    update
}

fn text(snapshot: &Served, path: &str) -> String {
    String::from_utf8_lossy(
        snapshot
            .files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}")),
    )
    .into_owned()
}

/// The files a fresh engine on the site as it is now serves.
fn fresh(site: &Site) -> Served {
    Live::open(site.root(), BASE).0.served().clone()
}

/// What `live` serves is what a fresh engine serves, and what a real build writes.
fn assert_same_as_fresh(live: &Live, site: &Site) {
    let (now, fresh) = (live.served(), fresh(site));
    let mut paths: Vec<_> = now.files.keys().chain(fresh.files.keys()).collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        assert_eq!(
            now.files.get(path),
            fresh.files.get(path),
            "{path} differs from a full build"
        );
    }
    common::assert_served_is_built(live, site.root(), BASE, "the last update");
}

#[test]
fn editing_a_briefing_renders_only_what_shows_it() {
    let site = site();
    let (mut live, first) = Live::open(site.root(), BASE);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let total = first.rendered;
    assert!(
        text(&live.served(), "briefings/hanoi/index.html")
            .contains("http://127.0.0.1:1111/briefings/singapore/")
    );

    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front(
            "Hanoi, revised",
            "2019-02-28",
            &["Summits"],
            &["Kim Jong-un"],
        ),
        "See [Singapore](@/2018/2018-06-12-singapore.md).\n",
    );
    let update = saved(&mut live, &site, "content/2019/2019-02-28-hanoi.md");
    assert!(
        update
            .changed
            .contains(&"briefings/hanoi/index.html".to_string())
    );
    assert!(
        update
            .changed
            .contains(&"tags/summits/index.html".to_string())
    );
    assert!(
        !update.changed.contains(&"tags/dmz/index.html".to_string()),
        "{:?}",
        update.changed
    );
    assert!(
        !update
            .changed
            .contains(&"people/moon-jae-in/index.html".to_string())
    );
    assert!(
        update.rendered < total,
        "{} of {total} rendered",
        update.rendered
    );
    assert!(text(&live.served(), "briefings/hanoi/index.html").contains("Hanoi, revised"));
    assert_same_as_fresh(&live, &site);

    // Saving the same text again renders nothing.
    let update = live.update(&[site.path("content/2019/2019-02-28-hanoi.md")]);
    assert_eq!(
        (update.rendered, update.changed.len()),
        (0, 0),
        "{:?}",
        update.changed
    );
}

#[test]
fn added_and_deleted_briefings_come_and_go_with_their_terms() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.briefing(
        "2025/2025-06-12-letter.md",
        &front("Letter", "2025-06-12", &["Letters"], &["Karoline Leavitt"]),
        "New.\n",
    );
    saved(&mut live, &site, "content/2025/2025-06-12-letter.md");
    let snapshot = live.served();
    assert!(snapshot.files.contains_key("briefings/letter/index.html"));
    assert!(snapshot.files.contains_key("tags/letters/index.html"));
    assert!(text(&snapshot, "index.html").contains("Letter"));
    assert_same_as_fresh(&live, &site);

    std::fs::remove_file(site.path("content/2019/2019-06-30-panmunjom.md")).unwrap();
    let update = saved(&mut live, &site, "content/2019/2019-06-30-panmunjom.md");
    let snapshot = live.served();
    assert!(
        !snapshot
            .files
            .contains_key("briefings/panmunjom/index.html")
    );
    assert!(
        !snapshot.files.contains_key("tags/dmz/index.html"),
        "a term left empty is gone"
    );
    assert!(!snapshot.files.contains_key("people/moon-jae-in/atom.xml"));
    assert!(
        update
            .changed
            .contains(&"briefings/panmunjom/index.html".to_string())
    );
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_broken_save_keeps_the_last_good_site_until_it_is_fixed() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    let before = live.served().clone();
    site.write(
        "content/2019/2019-02-28-hanoi.md",
        "---\ntitle: Hanoi\ndate: 2019-13-45\nsource: KBS\n---\nx\n",
    );
    let update = live.update(&[site.path("content/2019/2019-02-28-hanoi.md")]);
    assert_eq!(update.errors.len(), 1);
    assert_eq!(
        update.errors[0].file,
        PathBuf::from("content/2019/2019-02-28-hanoi.md")
    );
    assert_eq!(update.errors[0].line, Some(3));
    assert_eq!(
        live.served().files,
        before.files,
        "the last good site is still served"
    );
    assert_eq!(live.errors.len(), 1);

    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi fixed", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "Ok.\n",
    );
    saved(&mut live, &site, "content/2019/2019-02-28-hanoi.md");
    assert!(live.errors.is_empty());
    assert!(text(&live.served(), "briefings/hanoi/index.html").contains("Hanoi fixed"));
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_link_to_a_briefing_that_arrives_later_resolves() {
    let site = site();
    site.briefing(
        "x.md",
        &front("X", "2020-01-01", &[], &[]),
        "See [later](@/later.md).\n",
    );
    let (mut live, first) = Live::open(site.root(), BASE);
    assert_eq!(first.errors.len(), 1, "{:?}", first.errors);
    site.briefing(
        "later.md",
        &front("Later", "2020-02-01", &[], &[]),
        "Here.\n",
    );
    saved(&mut live, &site, "content/later.md");
    assert!(
        text(&live.served(), "briefings/x/index.html")
            .contains("http://127.0.0.1:1111/briefings/later/")
    );
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_template_change_renders_the_pages_that_use_it() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.write("templates/term.html", "{% extends \"base.html\" %}{% block main %}<p class=\"term\">{{ term.name }}</p>{% endblock main %}");
    let update = saved(&mut live, &site, "templates/term.html");
    assert!(!update.changed.is_empty());
    assert!(
        update.changed.iter().all(|p| p.starts_with("tags/")
            || p.starts_with("people/")
            || p.starts_with("sources/")),
        "{:?}",
        update.changed
    );
    assert!(
        update.changed.iter().all(|p| !p.ends_with("atom.xml")),
        "{:?}",
        update.changed
    );
    assert!(
        text(&live.served(), "tags/summits/index.html").contains("<p class=\"term\">Summits</p>")
    );
    assert_same_as_fresh(&live, &site);

    // A change to base.html reaches every page.
    site.write("templates/base.html", "<html><body class=\"new\">{% block main %}{% endblock main %}{% block title %}{% endblock title %}{% block head %}{% endblock head %}{% block description %}{% endblock description %}</body></html>");
    let update = saved(&mut live, &site, "templates/base.html");
    assert!(
        update
            .changed
            .contains(&"briefings/hanoi/index.html".to_string())
    );
    assert!(text(&live.served(), "index.html").contains("class=\"new\""));
}

#[test]
fn a_stylesheet_change_is_only_a_stylesheet_change() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.write("static/style.css", "body { color: red }");
    let update = saved(&mut live, &site, "static/style.css");
    assert_eq!(update.rendered, 0);
    assert_eq!(update.changed, vec!["style.css".to_string()]);
    assert!(update.changed.iter().all(|p| p.ends_with(".css")));
}

#[test]
fn a_config_change_rebuilds_everything() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.write(
        "site.toml",
        "title = \"Renamed\"\nbase_url = \"https://example.org/\"\npaginate_by = 2\npaginate_terms_by = 2\n",
    );
    saved(&mut live, &site, "site.toml");
    assert!(text(&live.served(), "briefings/hanoi/index.html").contains("Renamed"));
    assert_same_as_fresh(&live, &site);

    site.write("site.toml", "title = \"Broken\nbase_url = 3\n");
    let update = live.update(&[site.path("site.toml")]);
    assert_eq!(update.errors[0].file, PathBuf::from("site.toml"));
    assert!(
        text(&live.served(), "index.html").contains("Renamed"),
        "the last good site stays"
    );
}

/// `data/people.yaml` is a setting: saving it merges aliases and describes people at once,
/// as a fresh build would; a broken save keeps the last good site.
#[test]
fn a_people_file_change_rebuilds_everything() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.write(
        "data/people.yaml",
        "Moon Jae-in:\n  role: President\n  aliases: [\"Kim Jong-un\"]\n",
    );
    saved(&mut live, &site, "data/people.yaml");
    assert!(
        !live
            .served()
            .files
            .contains_key("people/kim-jong-un/index.html")
    );
    let moon = text(&live.served(), "people/moon-jae-in/index.html");
    assert!(moon.contains("<p class=\"role\">President</p>") && moon.contains("3 briefings"));
    assert_same_as_fresh(&live, &site);

    site.write("data/people.yaml", "Moon Jae-in:\n  role: [1]\n");
    let update = live.update(&[site.path("data/people.yaml")]);
    assert_eq!(update.errors[0].file, PathBuf::from("data/people.yaml"));
    assert_eq!(update.errors[0].line, Some(2));
    assert!(text(&live.served(), "people/moon-jae-in/index.html").contains("3 briefings"));

    std::fs::remove_file(site.path("data/people.yaml")).unwrap();
    saved(&mut live, &site, "data/people.yaml");
    assert!(
        live.served()
            .files
            .contains_key("people/kim-jong-un/index.html")
    );
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_new_time_zone_redates_briefings_whose_text_did_not_change() {
    // Issue 11, case 1: briefings whose text did not change kept dates read in the old zone.
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    assert!(text(&live.served(), "atom.xml").contains("2019-06-30T00:00:00+00:00"));
    site.write(
        "site.toml",
        &format!("{SITE_TOML}paginate_by = 2\npaginate_terms_by = 2\ntimezone = \"Asia/Seoul\"\n"),
    );
    saved(&mut live, &site, "site.toml");
    let feed = text(&live.served(), "atom.xml");
    assert!(feed.contains("2019-06-30T00:00:00+09:00"), "{feed}");
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_deletion_in_a_failed_update_is_published_by_the_next_good_one() {
    // Issue 11, case 3: the deleted page stayed served until a restart.
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    let deleted = "content/2019/2019-06-30-panmunjom.md";
    for broken in [
        // An error only rendering finds, in a page rendered first, then in one rendered last.
        ("templates/term.html", "{{ briefings | first | int }}"),
        ("templates/sitemap.xml", "{{ entries | first | int }}"),
    ] {
        site.briefing(
            "2019/2019-06-30-panmunjom.md",
            &front("Panmunjom", "2019-06-30", &["DMZ"], &["Moon Jae-in"]),
            "Line.\n",
        );
        saved(&mut live, &site, deleted);
        assert!(
            live.served()
                .files
                .contains_key("briefings/panmunjom/index.html")
        );

        std::fs::remove_file(site.path(deleted)).unwrap();
        site.write(broken.0, broken.1);
        let update = live.update(&[site.path(deleted), site.path(broken.0)]);
        assert!(
            !update.errors.is_empty(),
            "{}: the update should fail",
            broken.0
        );

        std::fs::remove_file(site.path(broken.0)).unwrap();
        let update = saved(&mut live, &site, broken.0);
        assert!(
            update
                .changed
                .iter()
                .any(|p| p == "briefings/panmunjom/index.html"),
            "{}: {:?}",
            broken.0,
            update.changed
        );
        let served = live.served();
        assert!(!served.files.contains_key("briefings/panmunjom/index.html"));
        assert!(!served.files.contains_key("tags/dmz/index.html"));
        assert_eq!(served.files, fresh(&site).files, "{}", broken.0);
    }
}

#[test]
fn a_list_page_follows_its_paginator_whatever_it_shows() {
    // Issue 11, case 2: the first page kept "3 briefings" when a fourth, older one arrived,
    // since its own briefings and the page count stayed the same and the fingerprint looked
    // at nothing else.
    let site = site();
    site.write(
        "templates/index.html",
        "{{ paginator.total_briefings }} in {{ paginator.number_pagers }}: {% for b in briefings %}{{ b.title }} {% endfor %}",
    );
    let (mut live, _) = Live::open(site.root(), BASE);
    assert_eq!(
        text(&live.served(), "index.html"),
        "3 in 2: Panmunjom Hanoi "
    );
    site.briefing(
        "2017/2017-01-01-older.md",
        &front("Older", "2017-01-01", &["Summits"], &[]),
        "Before.\n",
    );
    saved(&mut live, &site, "content/2017/2017-01-01-older.md");
    assert_eq!(
        text(&live.served(), "index.html"),
        "4 in 2: Panmunjom Hanoi "
    );
    assert_same_as_fresh(&live, &site);
}

#[test]
fn editor_leftovers_are_neither_served_nor_built() {
    // Issue 11, case 5: `x.md~` and `#x.md#` were published by build as plain files.
    let site = site();
    let leftovers = [
        "content/2019/2019-06-30-panmunjom.md~",
        "content/2019/#2019-06-30-panmunjom.md#",
        "content/2019/.#2019-06-30-panmunjom.md",
        "content/2019/.2019-06-30-panmunjom.md.swp",
        "content/2019/4913",
        "static/style.css~",
    ];
    let (mut live, _) = Live::open(site.root(), BASE);
    for leftover in leftovers {
        site.write(leftover, "---\ntitle: Secret draft text\n---\nSecret.\n");
        let update = live.update(&[site.path(leftover)]);
        assert!(update.errors.is_empty(), "{leftover}: {:?}", update.errors);
        assert!(
            update.changed.is_empty(),
            "{leftover}: {:?}",
            update.changed
        );
    }
    let snapshot = live.served();
    assert!(
        snapshot
            .copies
            .keys()
            .all(|p| !p.contains("panmunjom") && p != "2019/4913"),
        "{:?}",
        snapshot.copies.keys().collect::<Vec<_>>()
    );
    site.build().assert_ok();
    let built = common::snapshot(&site.path("public"));
    for path in built.keys() {
        assert!(
            !path.ends_with('~')
                && !path.contains('#')
                && !path.ends_with("4913")
                && !path.ends_with(".swp"),
            "{path} was published"
        );
    }
    assert_same_as_fresh(&live, &site);
}

#[test]
fn an_update_is_served_whole_or_not_at_all() {
    // Issue 11: an update applies only once every file has rendered. Here the edited page
    // renders but the sitemap does not: nothing of the edit is served, and the next good save
    // serves all of it.
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    let before = live.served().clone();
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi edited", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "x\n",
    );
    site.write("templates/sitemap.xml", "{{ entries | first | int }}");
    let update = live.update(&[
        site.path("content/2019/2019-02-28-hanoi.md"),
        site.path("templates/sitemap.xml"),
    ]);
    assert!(!update.errors.is_empty());
    assert!(update.changed.is_empty());
    assert_eq!(
        live.served().files,
        before.files,
        "nothing of a failed update is served"
    );
    assert!(!text(&live.served(), "briefings/hanoi/index.html").contains("Hanoi edited"));

    std::fs::remove_file(site.path("templates/sitemap.xml")).unwrap();
    let update = saved(&mut live, &site, "templates/sitemap.xml");
    assert!(
        update
            .changed
            .contains(&"briefings/hanoi/index.html".to_string())
    );
    assert!(text(&live.served(), "briefings/hanoi/index.html").contains("Hanoi edited"));
    assert!(text(&live.served(), "chronology/2019/index.html").contains("Hanoi edited"));
    assert_same_as_fresh(&live, &site);
}

#[test]
fn a_site_that_starts_broken_builds_once_fixed() {
    let site = site();
    site.write("templates/index.html", "{% if %}");
    let (mut live, first) = Live::open(site.root(), BASE);
    assert!(!first.errors.is_empty());
    assert!(live.served().files.is_empty());
    std::fs::remove_file(site.path("templates/index.html")).unwrap();
    saved(&mut live, &site, "templates/index.html");
    assert_same_as_fresh(&live, &site);
}

#[test]
fn moving_a_briefing_in_time_reorders_every_list() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.briefing(
        "2018/2018-06-12-singapore.md",
        &front("Singapore", "2026-01-01", &["Summits"], &["Kim Jong-un"]),
        "First.\n",
    );
    saved(&mut live, &site, "content/2018/2018-06-12-singapore.md");
    assert_same_as_fresh(&live, &site);
    let home = text(&live.served(), "index.html");
    assert!(home.find("Singapore").unwrap() < home.find("Panmunjom").unwrap());
}

#[test]
fn a_renamed_briefing_moves_to_its_new_address() {
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    let (from, to) = (
        site.path("content/2019/2019-06-30-panmunjom.md"),
        site.path("content/2019/2019-06-30-dmz-meeting.md"),
    );
    std::fs::rename(&from, &to).unwrap();
    let update = live.update(&[from, to]);
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    let snapshot = live.served();
    assert!(
        !snapshot
            .files
            .contains_key("briefings/panmunjom/index.html")
    );
    assert!(
        snapshot
            .files
            .contains_key("briefings/dmz-meeting/index.html")
    );
    assert_same_as_fresh(&live, &site);
}

#[test]
fn an_attempt_thrown_away_leaves_nothing_behind() {
    // serve starts an update as soon as a save completes and throws it away when the files
    // change again before the save is taken as done: the next update must still bring
    // everything, the saved stylesheet included.
    let site = site();
    let (mut live, _) = Live::open(site.root(), BASE);
    site.write("static/style.css", "body { color: red }");
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi, first", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "x\n",
    );
    let started = live.session.start(&[
        site.path("static/style.css"),
        site.path("content/2019/2019-02-28-hanoi.md"),
    ]);
    assert!(started.errors().is_empty());
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front(
            "Hanoi, second",
            "2019-02-28",
            &["Summits"],
            &["Kim Jong-un"],
        ),
        "x\n",
    );
    // The second save came meanwhile: the first is thrown away, and this batch names only it.
    let update = live.settle(
        Some(started),
        false,
        &[site.path("content/2019/2019-02-28-hanoi.md")],
    );
    assert!(update.errors.is_empty(), "{:?}", update.errors);
    assert!(
        update.changed.contains(&"style.css".to_string()),
        "{:?}",
        update.changed
    );
    assert!(text(&live.served(), "briefings/hanoi/index.html").contains("Hanoi, second"));
    assert!(text(&live.served(), "chronology/2019/index.html").contains("Hanoi, second"));
    assert_same_as_fresh(&live, &site);
}

#[test]
fn saving_a_story_updates_every_page_that_shows_it_in_place() {
    let site = site();
    site.write(
        "stories/summits.md",
        "---\ntitle: The summits\n---\nAccount.\n",
    );
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &format!(
            "{}story: summits\n",
            front("Hanoi", "2019-02-28", &["Summits"], &["Kim Jong-un"])
        ),
        "See [Singapore](@/2018/2018-06-12-singapore.md).\n",
    );
    let (mut live, first) = Live::open(site.root(), BASE);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let total = first.rendered;

    // Retitled and concluded: the story's page, the index, its feed, the briefing's page and
    // its person's page (which lists it), and the search files; nothing else.
    site.write(
        "stories/summits.md",
        "---\ntitle: The summits, over\nstatus: concluded\n---\nAccount.\n",
    );
    let update = saved(&mut live, &site, "stories/summits.md");
    for page in [
        "stories/summits/index.html",
        "stories/index.html",
        "stories/summits/atom.xml",
        "briefings/hanoi/index.html",
        "people/kim-jong-un/index.html",
    ] {
        assert!(
            update.changed.contains(&page.to_string()),
            "{page}: {:?}",
            update.changed
        );
    }
    assert!(
        !update
            .changed
            .contains(&"briefings/panmunjom/index.html".to_string())
    );
    assert!(update.rendered < total, "{} of {total}", update.rendered);
    let hanoi = text(&live.served(), "briefings/hanoi/index.html");
    assert!(hanoi.contains(">The summits, over</a> — 1 of 1"), "{hanoi}");
    assert_same_as_fresh(&live, &site);

    // A briefing moved into the story.
    site.briefing(
        "2019/2019-06-30-panmunjom.md",
        &format!(
            "{}story: summits\n",
            front(
                "Panmunjom",
                "2019-06-30",
                &["Summits", "DMZ"],
                &["Moon Jae-in"]
            )
        ),
        "Line.\n",
    );
    saved(&mut live, &site, "content/2019/2019-06-30-panmunjom.md");
    let story = text(&live.served(), "stories/summits/index.html");
    assert!(story.contains("2 briefings"), "{story}");
    assert_same_as_fresh(&live, &site);

    // The story deleted while briefings name it: the error, the site kept; then put back.
    std::fs::remove_file(site.path("stories/summits.md")).unwrap();
    let update = live.update(&[site.path("stories/summits.md")]);
    assert!(
        update
            .errors
            .iter()
            .any(|e| e.message.contains("no story `summits`")),
        "{:?}",
        update.errors
    );
    assert!(
        live.served()
            .files
            .contains_key("stories/summits/index.html")
    );
    site.write("stories/summits.md", "---\ntitle: Back\n---\nAccount.\n");
    saved(&mut live, &site, "stories/summits.md");
    assert!(text(&live.served(), "stories/summits/index.html").contains("<h1>Back</h1>"));
    assert_same_as_fresh(&live, &site);
}
