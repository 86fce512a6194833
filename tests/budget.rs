//! The byte budget (issue 28): what the site writes beside the curator's own text, per
//! briefing and per part of the output, may not grow unnoticed. An archive is published where
//! the whole output has a ceiling (GitHub Pages: 1 GB), so bytes are a budget like time — and
//! unlike time they can be asserted exactly.
//!
//! The ceilings are what the site writes today (`briefgen build --sizes` on the generated site
//! below), with a little room; a change that writes more fails here and says which part grew.
//! Lower them when a change makes the output smaller. BENCHMARKS.md keeps the same table for
//! the bench corpus at 1k, 10k and 100k.

mod common;

use common::generated_site;

/// Briefings in the generated site: enough that a list page is full and fixed costs (feeds,
/// indexes, the stylesheet) weigh as little as on a real archive.
const BRIEFINGS: usize = 1500;

/// Per part of the output (`build --sizes`' rows), the most bytes per published briefing: today's
/// figures (the last change: 4,790; 655; 746; 261; 399; 753; 296; 1,250; 163; 812; 1,606) and
/// about 3 %. Digests (issue 30) added their part, and their feed and sitemap entries: this
/// site has some three briefings a week, so each weekly digest's page carries its page around
/// few briefings (451 bytes per briefing at 100,000 briefings, about 160 a week).
/// The briefing pages' figure leaves out the briefings' own text (their rendered bodies),
/// which is the curator's and not the site's to spend.
const CEILINGS: &[(&str, u64)] = &[
    ("briefing pages", 4950),
    ("tags", 680),
    ("people", 770),
    ("sources", 270),
    ("home", 410),
    ("chronology", 780),
    ("search", 305),
    ("feeds", 1290),
    ("sitemap", 168),
    ("data", 840),
    ("digests", 1660),
];

/// The most files the output may have per briefing: GitLab Pages takes 200,000 files, and a
/// 100,000-briefing archive must fit.
const MAX_FILES_PER_BRIEFING: f64 = 1.5;

/// The `<div class="body">` of a briefing page: the briefing's own text, rendered.
fn body_bytes(page: &str) -> u64 {
    let open = "<div class=\"body\">";
    let Some(start) = page.find(open) else {
        return 0;
    };
    let rest = &page[start + open.len()..];
    let end = rest.rfind("</div>\n</article>").unwrap_or(rest.len());
    end as u64
}

#[test]
fn every_part_of_the_output_stays_within_its_bytes_per_briefing() {
    let site = generated_site(BRIEFINGS);
    // Under a subpath, as a GitHub Pages project site is: every link pays for it.
    site.write(
        "site.toml",
        "title = \"Budget Briefings\"\nbase_url = \"https://user.github.io/briefs/\"\n",
    );
    let run = site.run(&["build", "--sizes"]);
    run.assert_ok();
    let rows: Vec<Vec<String>> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| output"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    let row = |part: &str| {
        rows.iter()
            .find(|r| r[0] == part)
            .unwrap_or_else(|| panic!("no row {part} in\n{}", run.stderr))
    };
    let published = row("briefing pages")[1].parse::<u64>().unwrap();
    assert!(published > 1000, "{}", run.stderr);

    // The briefings' own text, rendered: what no byte cut may take.
    let bodies: u64 = walkdir::WalkDir::new(site.path("public/briefings"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| body_bytes(&std::fs::read_to_string(e.path()).unwrap()))
        .sum();
    assert!(bodies > published * 300, "bodies found: {bodies}");

    let mut report = Vec::new();
    let mut over = Vec::new();
    for &(part, ceiling) in CEILINGS {
        let bytes = row(part)[2].parse::<u64>().unwrap();
        let bytes = if part == "briefing pages" {
            bytes - bodies
        } else {
            bytes
        };
        let per_briefing = bytes / published;
        report.push(format!("{part}: {per_briefing} (ceiling {ceiling})"));
        if per_briefing > ceiling {
            over.push(format!(
                "{part}: {per_briefing} bytes per briefing, over its {ceiling}"
            ));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(over.is_empty(), "{}\n\n{}", over.join("\n"), run.stderr);

    // Digests are a page a week with briefings: bounded by the archive's span (52 a year),
    // not by its briefings, so they are left out of the count per briefing (this site has
    // three briefings a week; at 100,000 briefings the digests are 671 of 126,245 files).
    let files =
        row("**all**")[1].parse::<f64>().unwrap() - row("digests")[1].parse::<f64>().unwrap();
    assert!(
        files / published as f64 <= MAX_FILES_PER_BRIEFING,
        "{files} files (beside the digests) for {published} briefings"
    );
}

#[test]
fn a_body_is_what_lies_between_the_body_div_and_the_end_of_the_article() {
    let page = "<article><div class=\"body\">\n<p>Text.</p>\n</div>\n</article>";
    assert_eq!(body_bytes(page), "\n<p>Text.</p>\n".len() as u64);
    assert_eq!(body_bytes("<p>no body</p>"), 0);
}
