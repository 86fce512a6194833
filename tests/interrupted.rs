//! A build killed at any moment leaves either the old output or the new one, never a mix, and
//! the next build cleans up after it.

mod common;

use std::time::Instant;

use common::{SITE_TOML, Site, front, snapshot};

fn write_briefings(site: &Site, title_prefix: &str) {
    for i in 0..400 {
        site.briefing(
            &format!("2020/2020-01-{:02}-item-{i}.md", i % 28 + 1),
            &front(
                &format!("{title_prefix} {i}"),
                &format!("2020-01-{:02}", i % 28 + 1),
                &["Tag A", "Tag B"],
                &["Person"],
            ),
            &"A paragraph of briefing text that is long enough to matter.\n\n".repeat(20),
        );
    }
}

#[test]
fn a_killed_build_leaves_the_old_output_or_the_new() {
    let site = Site::new(SITE_TOML);
    write_briefings(&site, "Old");
    site.build().assert_ok();
    let old = snapshot(&site.path("public"));

    // What the new output is, from a clean build of the changed site elsewhere.
    let reference = Site::new(SITE_TOML);
    write_briefings(&reference, "New");
    reference.build().assert_ok();
    let new = snapshot(&reference.path("public"));
    write_briefings(&site, "New");

    // Time one whole build, then kill builds at points spread over that time.
    let started = Instant::now();
    site.build().assert_ok();
    let full = started.elapsed();
    assert_eq!(snapshot(&site.path("public")), new);
    write_briefings(&site, "Old");
    site.build().assert_ok();
    write_briefings(&site, "New");

    let mut seen_old = 0;
    let mut seen_new = 0;
    let mut mid_write = 0;
    for step in 0..12u32 {
        let delay = full * step / 10;
        let mut child = common::briefgen()
            .args(["build", "--root"])
            .arg(site.root())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let staging_left = std::fs::read_dir(site.root()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .contains("briefgen-")
        });
        mid_write += usize::from(staging_left);
        let now = snapshot(&site.path("public"));
        if now == old {
            seen_old += 1;
        } else if now == new {
            seen_new += 1;
            // Put the old output back for the next try.
            write_briefings(&site, "Old");
            site.build().assert_ok();
            assert_eq!(snapshot(&site.path("public")), old);
            write_briefings(&site, "New");
        } else {
            panic!("killed after {delay:?}: the output is neither the old nor the new site");
        }
    }
    eprintln!(
        "killed builds: {seen_old} left the old output ({mid_write} killed while writing), {seen_new} the new"
    );
    assert!(seen_old > 0, "no kill landed before the swap");
    assert!(seen_new + seen_old == 12);

    // A later build succeeds and leaves no staging folders behind.
    site.build().assert_ok();
    let leftovers = site.staging_leftovers();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
