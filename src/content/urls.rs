//! Every URL of the site, in one place: where each page, feed and file lives, as a site path
//! (`tags/dmz/page/2/`, relative to the base URL) and as a file in the output
//! (`tags/dmz/page/2/index.html`). The model, the link resolver, the renderer and the server
//! all ask here, so that a link and the file it leads to can never disagree.

use crate::content::model::TaxonomyKind;

/// The site feed.
pub const FEED: &str = "atom.xml";
/// The sitemap: every URL, or, for a site of more than [`SITEMAP_URLS`], an index of the
/// files that hold them.
pub const SITEMAP: &str = "sitemap.xml";
/// The most URLs one sitemap file holds, as Zola's: the protocol allows 50,000 (and 50 MB), and
/// a smaller file stays quick to fetch and parse.
pub const SITEMAP_URLS: usize = 30_000;
/// `robots.txt`.
pub const ROBOTS: &str = "robots.txt";
/// The page served for a missing path.
pub const NOT_FOUND: &str = "404.html";
/// Tells GitHub Pages to serve the files as they are.
pub const NOJEKYLL: &str = ".nojekyll";
/// The custom domain, for GitHub Pages published from a branch.
pub const CNAME: &str = "CNAME";
/// The highlighting stylesheet.
pub const HIGHLIGHT_CSS: &str = "highlight.css";
/// The search page.
pub const SEARCH: &str = "search/";
/// The folder of the search index's files (read by the search page's script).
pub const SEARCH_DATA: &str = "search/data/";
/// The search index's description: its version, word files, years and facet sizes.
pub const SEARCH_META: &str = "search/data/meta.json";
/// The people, tags and sources the search page offers as filters.
pub const SEARCH_FACETS: &str = "search/data/facets.json";
/// The stories the search page shows above results and offers as a filter.
pub const SEARCH_STORIES: &str = "search/data/stories.json";

/// The search index's word file `n` (from 0).
pub fn search_words(n: usize) -> String {
    format!("{SEARCH_DATA}w/{n}.bin")
}

/// The search index's fragment `n` (from 0): what results show of a run of briefings.
pub fn search_fragment(n: usize) -> String {
    format!("{SEARCH_DATA}f/{n}.json")
}

/// The folder of the archive as data: files for a spreadsheet, pandas or Datasette.
pub const DATA: &str = "data/";
/// Every published briefing as a JSON array of objects.
pub const BRIEFINGS_JSON: &str = "data/briefings.json";
/// The same rows as CSV (RFC 4180), lists joined with `;`.
pub const BRIEFINGS_CSV: &str = "data/briefings.csv";
/// Each person: counts, first and last dates, who they appear with.
pub const PEOPLE_JSON: &str = "data/people.json";
/// The site feed as JSON Feed 1.1, beside the Atom one.
pub const JSON_FEED: &str = "feed.json";

/// A story's timeline as TimelineJS reads it (`stories/hanoi-summit/timeline.json`).
pub fn story_timeline(slug: &str) -> String {
    format!("{}timeline.json", story(slug))
}

/// The digests' index (`digests/`).
pub const DIGESTS: &str = "digests/";

/// A period's digest (`digests/2025-W24/`).
pub fn digest(period: &str) -> String {
    format!("{DIGESTS}{period}/")
}

/// A period's digest as an email's HTML (`digests/2025-W24/email.html`).
pub fn digest_email(period: &str) -> String {
    format!("{}email.html", digest(period))
}

/// A period's digest as an email's plain text (`digests/2025-W24/email.txt`).
pub fn digest_text(period: &str) -> String {
    format!("{}email.txt", digest(period))
}

/// The file of a folder's page.
pub const INDEX_FILE: &str = "index.html";

/// The folder of the briefings' pages.
const BRIEFINGS: &str = "briefings/";

/// A briefing's page (`briefings/trump-kim/`).
pub fn briefing(slug: &str) -> String {
    format!("{BRIEFINGS}{slug}/")
}

/// The stories index (`stories/`).
pub const STORIES: &str = "stories/";

/// A story's page (`stories/hanoi-summit/`).
pub fn story(slug: &str) -> String {
    format!("{STORIES}{slug}/")
}

/// A year of a story's timeline, page `page` of it (`stories/hanoi-summit/2019/`,
/// `stories/hanoi-summit/2019/page/2/`).
pub fn story_year(slug: &str, year: i16, page_number: usize) -> String {
    page(&format!("{}{year}/", story(slug)), page_number)
}

/// A taxonomy's index (`tags/`).
pub fn taxonomy(kind: TaxonomyKind) -> String {
    format!("{}/", kind.name())
}

/// A term's page (`tags/nuclear-policy/`).
pub fn term(kind: TaxonomyKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.name())
}

/// The feed of the list whose first page is at `dir` (`tags/dmz/atom.xml`; `atom.xml` for the
/// home list, whose `dir` is empty).
pub fn feed_of(dir: &str) -> String {
    format!("{dir}{FEED}")
}

/// The folder of a list's pages after its first.
const PAGES: &str = "page/";

/// Page `page` (from 1) of a list whose first page is at `dir` (`tags/dmz/page/2/`).
pub fn page(dir: &str, page: usize) -> String {
    if page <= 1 {
        dir.to_string()
    } else {
        format!("{dir}{PAGES}{page}/")
    }
}

/// The chronology's folder.
const CHRONOLOGY: &str = "chronology/";

/// The chronology (`chronology/`).
pub fn chronology() -> String {
    CHRONOLOGY.to_string()
}

/// One year of the chronology (`chronology/2019/`).
pub fn chronology_year(year: i16) -> String {
    format!("{CHRONOLOGY}{year}/")
}

/// One month of the chronology (`chronology/2019/06/`).
pub fn chronology_month(year: i16, month: i8) -> String {
    format!("{CHRONOLOGY}{year}/{month:02}/")
}

/// Part `part` (from 1) of a sitemap split under an index (`sitemap1.xml`, as Zola's).
pub fn sitemap_part(part: usize) -> String {
    format!("sitemap{part}.xml")
}

/// The file in the output that a site path is served from: a folder's `index.html`, or the
/// file itself.
pub fn output_file(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}{INDEX_FILE}")
    } else {
        site_path.to_string()
    }
}

/// The groups [`output_group`] sorts the output's files into, in the order a size report
/// lists them.
pub const OUTPUT_GROUPS: &[&str] = &[
    "briefing pages",
    "tags",
    "people",
    "sources",
    "stories",
    "digests",
    "home",
    "chronology",
    "search",
    "feeds",
    "sitemap",
    "data",
    "other",
];

/// Which group of [`OUTPUT_GROUPS`] a file of the output belongs to, by its path
/// (`people/kim-jong-un/page/2/index.html` → `people`): every feed (the JSON Feed too) is one
/// of the feeds; a taxonomy's group holds its index and its terms' pages; `home` is the home
/// list's pages; `digests` the digests' pages and emails; `data` the archive as data; `other` the theme's files, static files and the
/// files beside briefings.
pub fn output_group(path: &str) -> &'static str {
    if path.rsplit('/').next() == Some(FEED) || path == JSON_FEED {
        return "feeds";
    }
    let Some((top, _)) = path.split_once('/') else {
        let sitemap = SITEMAP.trim_end_matches(".xml");
        return match path {
            INDEX_FILE => "home",
            _ if path.starts_with(sitemap) && path.ends_with(".xml") => "sitemap",
            _ => "other",
        };
    };
    let folder = &path[..=top.len()];
    match folder {
        BRIEFINGS => "briefing pages",
        PAGES => "home",
        CHRONOLOGY => "chronology",
        SEARCH => "search",
        STORIES => "stories",
        DIGESTS => "digests",
        DATA => "data",
        _ => TaxonomyKind::ALL
            .iter()
            .map(|kind| kind.name())
            .find(|name| *name == top)
            .unwrap_or("other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_fall_into_their_groups() {
        for (path, group) in [
            ("briefings/trump-kim/index.html", "briefing pages"),
            ("2018/map.png", "other"),
            ("tags/index.html", "tags"),
            ("people/kim-jong-un/page/2/index.html", "people"),
            ("people/kim-jong-un/atom.xml", "feeds"),
            ("sources/yonhap/index.html", "sources"),
            ("stories/hanoi-summit/2019/index.html", "stories"),
            ("stories/hanoi-summit/atom.xml", "feeds"),
            ("index.html", "home"),
            ("page/3/index.html", "home"),
            ("atom.xml", "feeds"),
            ("chronology/2019/06/index.html", "chronology"),
            ("search/index.html", "search"),
            ("search/data/w/0.bin", "search"),
            ("sitemap.xml", "sitemap"),
            ("sitemap2.xml", "sitemap"),
            ("data/briefings.csv", "data"),
            ("digests/2025-W24/index.html", "digests"),
            ("digests/2025-W24/email.txt", "digests"),
            ("digests/atom.xml", "feeds"),
            ("feed.json", "feeds"),
            ("stories/hanoi-summit/timeline.json", "stories"),
            ("style.css", "other"),
            ("404.html", "other"),
            ("images/map.png", "other"),
        ] {
            assert_eq!(output_group(path), group, "{path}");
            assert!(OUTPUT_GROUPS.contains(&group));
        }
    }

    #[test]
    fn pages_and_files() {
        assert_eq!(page("", 1), "");
        assert_eq!(page("tags/dmz/", 3), "tags/dmz/page/3/");
        assert_eq!(output_file(""), "index.html");
        assert_eq!(
            output_file(&term(TaxonomyKind::People, "kim")),
            "people/kim/index.html"
        );
        assert_eq!(output_file(&feed_of("tags/dmz/")), "tags/dmz/atom.xml");
        assert_eq!(
            output_file(&chronology_year(2019)),
            "chronology/2019/index.html"
        );
        assert_eq!(
            output_file(&chronology_month(2019, 6)),
            "chronology/2019/06/index.html"
        );
    }
}
