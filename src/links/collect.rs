//! Finds the external links of a site's briefings, each at its place: the `source` url in the
//! front matter and every http(s) link and image in the Markdown body. Files are read again
//! from disk, after a check has passed, so their text and its lines are what the author sees.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::content::model::Briefing;
use crate::error::line_col;
use crate::source::files::normalize_text;
use crate::source::frontmatter;

/// One external link, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as checked: absolute http(s), without its `#fragment`.
    pub url: String,
    /// The briefing's file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line and column in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Whether it is the briefing's `source` url (else a link in the body).
    pub is_source: bool,
}

/// The address a link is checked at: http(s) only, without its fragment (one page, however
/// many anchors are linked).
pub fn checked_address(dest: &str) -> Option<String> {
    let mut url = frontmatter::web_url(dest.trim())?;
    url.set_fragment(None);
    Some(url.to_string())
}

/// The external links of `briefings`, in file order; a file that cannot be read again (gone
/// since the check) gives none.
pub fn links(root: &Path, briefings: &[std::sync::Arc<Briefing>]) -> Vec<Link> {
    use rayon::prelude::*;
    briefings
        .par_iter()
        .flat_map_iter(|briefing| {
            let text = std::fs::read(root.join(&briefing.file))
                .map(|bytes| normalize_text(String::from_utf8_lossy(&bytes).into_owned()))
                .unwrap_or_default();
            links_in(&briefing.file, &text, briefing.source.url.as_deref())
        })
        .collect()
}

/// The external links of one briefing file's text, whose source url is `source_url`.
pub fn links_in(file: &Path, text: &str, source_url: Option<&str>) -> Vec<Link> {
    let Ok(split) = frontmatter::split(file, text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let at = |url: String, offset: usize, is_source: bool| {
        let (line, column) = line_col(text, offset);
        Link {
            url,
            file: file.to_path_buf(),
            line,
            column,
            is_source,
        }
    };
    if let Some((source, url)) = source_url.and_then(|u| Some((u, checked_address(u)?))) {
        // Where the url is written in the front matter (its first appearance there).
        let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
        let offset = split.yaml.find(source).map_or(0, |i| yaml_start + i);
        found.push(at(url, offset, true));
    }
    let body_start = text.len() - split.body.len();
    // Most bodies link nowhere outside: no need to parse them.
    if !split.body.contains("://") {
        return found;
    }
    for (event, range) in
        Parser::new_ext(split.body, crate::source::markdown::options()).into_offset_iter()
    {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && let Some(url) = checked_address(&dest_url)
        {
            found.push(at(url, body_start + range.start, false));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_at_their_lines_and_columns() {
        let text = "---\ntitle: T\ndate: 2025-01-01\nsource: {name: KBS, url: \"https://kbs.co.kr/a#top\"}\n---\n\nSee [the text](https://example.org/t#p2), <https://example.org/auto>\nand ![map](http://maps.example/m.png \"Map\"), [inside](@/2019/x.md), [mail](mailto:a@b.c).\n";
        let found = links_in(
            Path::new("content/a.md"),
            text,
            Some("https://kbs.co.kr/a#top"),
        );
        let places: Vec<_> = found
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column, l.is_source))
            .collect();
        assert_eq!(
            places,
            [
                ("https://kbs.co.kr/a", 4, 27, true),
                ("https://example.org/t", 7, 5, false),
                ("https://example.org/auto", 7, 43, false),
                ("http://maps.example/m.png", 8, 5, false),
            ]
        );
    }

    #[test]
    fn only_http_addresses_with_a_host_are_checked() {
        assert_eq!(
            checked_address(" https://a.example/x?y=1#z "),
            Some("https://a.example/x?y=1".into())
        );
        for dest in [
            "mailto:a@b.c",
            "@/2019/x.md",
            "../x.md",
            "ftp://a/b",
            "https://",
        ] {
            assert_eq!(checked_address(dest), None, "{dest}");
        }
    }
}
