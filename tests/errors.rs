//! Bad input: every error names the file and line, all errors come at once, and the previous
//! output and the user's files are never damaged.

mod common;

use common::{SITE_TOML, Site, front, snapshot};

fn good_site() -> Site {
    let site = Site::new(SITE_TOML);
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "Body.\n",
    );
    site
}

/// Builds, expects failure with `code`, and returns stderr.
fn fails(site: &Site, code: i32) -> String {
    let run = site.build();
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run.stderr
}

#[test]
fn a_bad_date_names_file_and_line() {
    let site = good_site();
    site.briefing(
        "2025/bad.md",
        "title: Bad\nsource: KBS\ndate: 2025-13-45\n",
        "x\n",
    );
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains("content/2025/bad.md:4: date: `2025-13-45` is not a date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2025-06-12T15:18:48+09:00"),
        "the accepted forms are shown: {stderr}"
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let site = good_site();
    site.briefing("a.md", "title: A\ndate: yesterday\nsource: KBS\n", "x\n");
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-01-01\nsource: KBS\npeople: Kim\n",
        "x\n",
    );
    site.write("content/c.md", "no front matter here\n");
    site.briefing("d.md", "title: D\ndate: 2025-01-01\n", "x\n");
    let stderr = fails(&site, 1);
    for expected in [
        "content/a.md:3: date: `yesterday` is not a date",
        "content/b.md:5:9: front matter: people: invalid type",
        "content/c.md:1: no front matter",
        "content/d.md:1: front matter has no `source`",
        "4 errors found; nothing was written",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = good_site();
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    site.briefing("broken.md", "title: [unclosed\n", "x\n");
    let stderr = fails(&site, 1);
    assert!(stderr.contains("content/broken.md:2"), "{stderr}");
    assert_eq!(snapshot(&site.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        3,
        "no staging folder is left behind: {leftovers:?}"
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = good_site();
    site.briefing(
        "2020/2020-01-01-hanoi.md",
        &front("Other Hanoi", "2020-01-01", &[], &[]),
        "x\n",
    );
    let stderr = fails(&site, 1);
    assert!(stderr.contains("content/2019/2019-02-28-hanoi.md:1: slug `hanoi` is also the slug of content/2020/2020-01-01-hanoi.md"), "{stderr}");
    assert!(stderr.contains("content/2020/2020-01-01-hanoi.md:1: slug `hanoi` is also the slug of content/2019/2019-02-28-hanoi.md"), "{stderr}");
}

#[test]
fn a_slug_that_is_not_a_path_segment_is_refused() {
    let site = good_site();
    site.briefing(
        "x.md",
        &format!("{}slug: ../../etc\n", front("X", "2025-01-01", &[], &[])),
        "x\n",
    );
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains("content/x.md:7: slug `../../etc` is not a plain path segment"),
        "{stderr}"
    );
}

#[test]
fn a_broken_link_names_line_and_column() {
    let site = good_site();
    site.briefing(
        "x.md",
        &front("X", "2025-01-01", &[], &[]),
        "Intro.\n\nSee [Hanoi](@/2019/hanoi.md).\n",
    );
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains(
            "content/x.md:10:5: link to `@/2019/hanoi.md`: there is no content/2019/hanoi.md"
        ),
        "{stderr}"
    );
}

#[test]
fn a_source_url_must_be_http() {
    let site = good_site();
    site.briefing(
        "x.md",
        "title: X\ndate: 2025-01-01\nsource: { name: KBS, url: \"javascript:alert(1)\" }\n",
        "x\n",
    );
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains(
            "content/x.md:4: source: url `javascript:alert(1)` is not an http or https address"
        ),
        "{stderr}"
    );
}

#[test]
fn unclosed_front_matter_is_named() {
    let site = good_site();
    site.write("content/x.md", "---\ntitle: X\n\nBody\n");
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains("content/x.md:1: front matter opened on line 1 is never closed"),
        "{stderr}"
    );
}

#[test]
fn template_syntax_errors_name_the_template_and_line() {
    let site = good_site();
    site.write(
        "templates/briefing.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
    );
    let stderr = fails(&site, 1);
    assert!(stderr.contains("templates/briefing.html:3:"), "{stderr}");
}

#[test]
fn template_runtime_errors_name_the_template_and_line() {
    let site = good_site();
    site.write("templates/briefing.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ briefing.no_such_field }}\n{% endblock main %}\n");
    let stderr = fails(&site, 1);
    assert!(stderr.contains("templates/briefing.html:3:"), "{stderr}");
    assert_eq!(
        stderr.matches("templates/briefing.html:3:").count(),
        1,
        "reported once: {stderr}"
    );
}

#[test]
fn output_dirs_that_hold_the_site_are_refused() {
    for bad in [".", "content", "..", "static/out"] {
        let site = good_site();
        site.write("site.toml", &format!("{SITE_TOML}output_dir = \"{bad}\"\n"));
        let before = snapshot(site.root());
        let stderr = fails(&site, 2);
        assert!(
            stderr.contains("refusing to write the site"),
            "{bad}: {stderr}"
        );
        assert_eq!(snapshot(site.root()), before, "{bad}: nothing touched");
    }
}

#[test]
fn a_folder_briefgen_did_not_write_is_kept_unless_forced() {
    let site = good_site();
    site.write("public/thesis.docx", "precious");
    let stderr = fails(&site, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(site.path("public/thesis.docx")).unwrap(),
        "precious"
    );
    site.run(&["build", "--force"]).assert_ok();
    assert!(site.has_output("briefings/hanoi/index.html"));
}

#[test]
fn config_problems_are_reported_with_lines() {
    let site = good_site();
    site.write("site.toml", &format!("{SITE_TOML}paginte_by = 5\n"));
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: site.toml:3: unknown key `paginte_by` is ignored; did you mean `paginate_by`?"
        ),
        "{}",
        run.stderr
    );

    site.write("site.toml", "title = \"T\"\nbase_url = \"not a url\"\n");
    let stderr = fails(&site, 1);
    assert!(
        stderr.contains("site.toml:2: base_url `not a url` is not a URL"),
        "{stderr}"
    );

    std::fs::remove_file(site.path("site.toml")).unwrap();
    let stderr = fails(&site, 2);
    assert!(stderr.contains("no site.toml"), "{stderr}");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_build() {
    let site = good_site();
    site.write("content/win.md", "\u{feff}---\r\ntitle: Windows\r\ndate: 2025-01-01\r\nsource: KBS\r\n---\r\nSaved on Windows.\r\n");
    site.build().assert_ok();
    let html = site.output("briefings/win/index.html");
    assert!(
        html.contains("<h1>Windows</h1>") && html.contains("Saved on Windows."),
        "{html}"
    );
}
